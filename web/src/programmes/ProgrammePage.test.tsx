import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { PARTNERS, programme, session, typeDate } from './fixtures';
import ProgrammePage from './ProgrammePage';

const page = (path = '/programmes/7') =>
  wrap(
    <Routes>
      <Route path="/programmes/:id" element={<ProgrammePage />} />
    </Routes>,
    path,
  );

describe('programme page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the header, legal basis, partners, contents and each target’s progress in words', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes/7') return json(200, programme());
      return undefined;
    });
    page();
    expect((await screen.findByTestId('programme-title')).textContent).toBe(programme().title);
    expect(screen.getByText('CTPH-TN-2024')).toBeTruthy();
    expect(screen.getByText('Chương trình phối hợp')).toBeTruthy();
    expect(screen.getByText('01/01/2024 – 31/12/2026')).toBeTruthy();
    expect(screen.getByText('Ký ngày 15/01/2024 bởi Chủ tịch Liên minh HTX tỉnh; Bí thư Tỉnh đoàn')).toBeTruthy();
    expect(screen.getByText('Hằng năm, Cuối giai đoạn')).toBeTruthy();
    // Legal basis: dd/mm/yyyy (in its table, and in the timeline as a <time>).
    expect(screen.getAllByText('02/01/2024').some((e) => e.tagName === 'TD')).toBe(true);
    expect(screen.getByText('Thủ tướng Chính phủ')).toBeTruthy();
    // The partner, named by the programme's answer, links an official to its page.
    expect((await screen.findByRole('link', { name: 'Tỉnh đoàn Lạng Sơn' })).getAttribute('href')).toBe('/partners/3');
    expect(screen.getByTestId('target-add')).toBeTruthy();
    // Contents, numbered, each with its targets.
    const second = screen.getByTestId('content-2');
    expect(within(second).getByRole('heading', { name: '2. Hỗ trợ thành lập HTX thanh niên' })).toBeTruthy();
    const entity = within(second).getByTestId('target-11');
    expect(within(entity).getByTestId('target-11-state').textContent).toBe('Có nguy cơ chậm');
    expect(within(entity).getByTestId('target-11-actual').textContent).toBe('1.234 / 2.000');
    expect(within(entity).getByText('Đến hôm nay cần khoảng 1.890')).toBeTruthy();
    expect(within(entity).getByText('Hạn 31/12/2026')).toBeTruthy();
    expect(within(entity).getByRole('img').getAttribute('aria-label')).toBe('≥ 2 HTX thanh niên thành lập 2024–2026: Có nguy cơ chậm, 62 %');
    expect(within(entity).getByText('Đã đếm những gì')).toBeTruthy();
    expect(within(entity).getByText('Số hợp tác xã thanh niên thành lập từ 01/01/2024, tỉnh Lạng Sơn')).toBeTruthy();
    // The yearly manual target: its ticks and values.
    const manual = within(screen.getByTestId('content-1')).getByTestId('target-12');
    expect(within(manual).getByTestId('target-12-years').textContent).toBe('2024: 1/1 ✓2025: 0/1 chậm2026: 0/1 có nguy cơ chậm');
    expect(within(manual).getByTestId('target-12-actual').textContent).toBe('1 / 3');
    expect(within(manual).getByText('Báo cáo 12/BC-TĐ')).toBeTruthy();
    expect(within(manual).getByText('30/06/2024')).toBeTruthy();
    // The summary of states.
    expect(screen.getByTestId('programme-states').textContent).toBe('Có nguy cơ chậm: 1Chậm: 1');
    expect(screen.getByRole('button', { name: 'In' })).toBeTruthy();
  });

  it('enters a manual value and deletes a target after confirmation', async () => {
    const posted: unknown[] = [];
    const deleted: string[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes/7' && (init.method ?? 'GET') === 'GET') return json(200, programme());
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/programmes/7/targets/12/values' && init.method === 'POST') {
        const body = JSON.parse(String(init.body));
        posted.push(body);
        if (body.value > 100) return json(400, { error: { code: 'invalid', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'value', code: 'out_of_range', message: 'Giá trị quá lớn.' }] } });
        return json(200, {});
      }
      if (init.method === 'DELETE') {
        deleted.push(url);
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('target-12-enter'));
    const dialog = await screen.findByRole('dialog');
    typeDate(within(dialog).getByLabelText('Ngày'), '30/06/2025');
    fireEvent.change(within(dialog).getByLabelText('Giá trị'), { target: { value: '500' } });
    fireEvent.change(within(dialog).getByLabelText('Minh chứng'), { target: { value: ' Báo cáo 5/BC ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    // The server's message next to the field.
    expect(await within(dialog).findByText('Giá trị quá lớn.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Giá trị'), { target: { value: '1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual({ on: '2025-06-30', value: 1, evidence: 'Báo cáo 5/BC' });
    expect(await screen.findByText('Đã ghi giá trị.')).toBeTruthy();

    fireEvent.click(screen.getByTestId('target-11-delete'));
    expect(deleted).toEqual([]);
    const confirm = await screen.findByText(/Xóa chỉ tiêu “≥ 2 HTX thanh niên/);
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(deleted).toEqual(['/api/v1/programmes/7/targets/11']));
  }, 90_000); // forms and a confirmation: seconds on the shared 2-core machine

  it('is read-only to a province on a national programme, and a missing one is not found', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes/7') return json(200, programme({ province: null, may_write: false }));
      if (url === '/api/v1/programmes/8') return json(404, { error: { code: 'not_found', message: 'Không có.', fields: [] } });
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      return undefined;
    });
    const { unmount } = page();
    await screen.findByTestId('programme-title');
    expect(screen.getByText('Chương trình toàn quốc: tỉnh chỉ được xem.')).toBeTruthy();
    expect(screen.getByTestId('programme-owner').textContent).toBe('Toàn quốc');
    expect(screen.queryByTestId('target-add')).toBeNull();
    expect(screen.queryByTestId('target-12-enter')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sửa chương trình' })).toBeNull();
    unmount();
    page('/programmes/8');
    expect(await screen.findByText('Không có chương trình này, hoặc bạn không được xem.')).toBeTruthy();
  });

  it('names the partners to a partner account without links, and follows may_write', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('partner', null));
      if (url === '/api/v1/programmes/7') return json(200, programme({ province: null, may_write: false }));
      return undefined;
    });
    page();
    await screen.findByTestId('programme-title');
    const partners = screen.getByTestId('programme-partners');
    expect(partners.textContent).toBe('Tỉnh đoàn Lạng Sơn');
    expect(within(partners).queryByRole('link')).toBeNull();
    expect(screen.queryByTestId('target-add')).toBeNull();
    expect(screen.queryByTestId('target-12-enter')).toBeNull();
    // The directory is the officials': never asked.
    expect(asked.some((u) => u.startsWith('/api/v1/partners'))).toBe(false);
  });

  it('offers no editing when the server answers may_write false', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '01'));
      if (url === '/api/v1/programmes/7') return json(200, programme({ may_write: false }));
      return undefined;
    });
    page();
    await screen.findByTestId('programme-title');
    expect(screen.queryByTestId('target-add')).toBeNull();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { PARTNERS, programme, session, typeDate } from './fixtures';
import PartnersPage from './PartnersPage';
import ProgrammeFormPage from './ProgrammeFormPage';
import ProgrammePage from './ProgrammePage';
import ProgrammesPage from './ProgrammesPage';

/** Chooses `option` in the antd Select labelled `label` inside `root`. */
async function choose(root: HTMLElement, label: string, option: string) {
  const input = within(root).getByLabelText(label);
  fireEvent.mouseDown(input);
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

// Each test opens forms and selects: seconds on the shared 2-core machine.
const SLOW = 90_000;

describe('programmes editing and lists', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds a target measured from the registry, the server’s errors next to the fields', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes/7') return json(200, programme({ targets: [] }));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/programmes/7/targets' && init.method === 'POST') {
        const body = JSON.parse(String(init.body));
        sent.push(body);
        if (sent.length === 1)
          return json(400, {
            error: { code: 'invalid', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'measure.filters.founded_to', code: 'invalid', message: 'Ngày thành lập đến phải sau ngày bắt đầu.' }] },
          });
        return json(201, { id: 20 });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/programmes/:id" element={<ProgrammePage />} />
      </Routes>,
      '/programmes/7',
    );
    fireEvent.click(await screen.findByTestId('target-add'));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, 'Thuộc nội dung', '2. Hỗ trợ thành lập HTX thanh niên');
    fireEvent.change(within(dialog).getByLabelText('Tên chỉ tiêu'), { target: { value: '≥ 2 HTX thanh niên thành lập 2024–2026' } });
    fireEvent.change(within(dialog).getByLabelText('Chỉ tiêu phải đạt'), { target: { value: '2' } });
    await choose(dialog, 'Loại hình', 'Hợp tác xã');
    await choose(dialog, 'Thanh niên', 'Có');
    typeDate(within(dialog).getByLabelText('Thành lập từ ngày'), '01/01/2024');
    typeDate(within(dialog).getByLabelText('Thành lập đến ngày'), '31/12/2023');
    // No province choice for a province's programme.
    expect(within(dialog).queryByLabelText('Tỉnh/thành được tính')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText('Ngày thành lập đến phải sau ngày bắt đầu.')).toBeTruthy();
    expect(sent[0]).toEqual({
      content: 2,
      title: '≥ 2 HTX thanh niên thành lập 2024–2026',
      deadline: '2026-12-31',
      cadence: 'once',
      target: 2,
      baseline: 0,
      measure: { source: 'entities', filters: { kind: 'cooperative', youth: true, founded_from: '2024-01-01', founded_to: '2023-12-31' } },
    });
    typeDate(within(dialog).getByLabelText('Thành lập đến ngày'), '31/12/2026');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu chỉ tiêu.')).toBeTruthy();
    expect((sent[1] as { measure: { filters: Record<string, unknown> } }).measure.filters.founded_to).toBe('2026-12-31');
  }, SLOW);

  it('offers figure measures and event types by their Vietnamese names', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/programmes/7') return json(200, programme({ province: null, targets: [] }));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/programmes/:id" element={<ProgrammePage />} />
      </Routes>,
      '/programmes/7',
    );
    fireEvent.click(await screen.findByTestId('target-add'));
    const dialog = await screen.findByRole('dialog');
    // A national programme chooses the provinces it counts.
    expect(within(dialog).getByLabelText('Tỉnh/thành được tính')).toBeTruthy();
    await choose(dialog, 'Nguồn số liệu', 'Số liệu của tổ chức');
    fireEvent.mouseDown(await within(dialog).findByLabelText('Chỉ số'));
    expect((await screen.findAllByTitle('Lao động nữ')).length).toBeGreaterThan(0);
    await choose(dialog, 'Nguồn số liệu', 'Sự kiện (thành lập, giải thể…)');
    fireEvent.mouseDown(await within(dialog).findByLabelText('Loại sự kiện'));
    expect((await screen.findAllByTitle('Giải thể')).length).toBeGreaterThan(0);
    await choose(dialog, 'Nguồn số liệu', 'Nhập tay');
    await waitFor(() => expect(within(dialog).queryByText('Điều kiện đếm')).toBeNull());
  }, SLOW);

  it('creates a programme and shows a row’s error next to its field', async () => {
    const sent: Record<string, unknown>[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/programmes' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(400, {
          error: {
            code: 'invalid',
            message: 'Dữ liệu không hợp lệ.',
            fields: [
              { field: 'contents[0].text', code: 'required', message: 'Cần ghi nội dung.' },
              { field: 'code', code: 'duplicate', message: 'Mã CT-1 đã có.' },
            ],
          },
        });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/programmes/new" element={<ProgrammeFormPage />} />
      </Routes>,
      '/programmes/new',
    );
    const form = await screen.findByTestId('programme-form');
    // A province account's programme is its province's: no province to choose.
    expect(within(form).queryByLabelText('Tỉnh/thành')).toBeNull();
    fireEvent.change(within(form).getByLabelText('Mã'), { target: { value: 'CT-1' } });
    fireEvent.change(within(form).getByLabelText('Tên chương trình'), { target: { value: 'Chương trình thử' } });
    fireEvent.change(within(form).getByLabelText('Nội dung'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('programme-save'));
    expect(await screen.findByText('Cần ghi nội dung.')).toBeTruthy();
    expect(screen.getByText('Mã CT-1 đã có.')).toBeTruthy();
    expect(sent[0]).toMatchObject({ code: 'CT-1', title: 'Chương trình thử', kind: 'coordination_programme', status: 'in_force', contents: [{ number: 1, text: 'x' }], legal_basis: [] });
    expect(sent[0].province).toBeUndefined();
  }, SLOW);

  it('lists programmes with their targets’ states, searched without diacritics', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/programmes?') || url === '/api/v1/programmes')
        return json(200, {
          // List items carry their targets' states (no targets): the page asks no programme by itself.
          items: [
            { ...programme(), targets: undefined },
            { ...programme({ id: 8, code: 'QG-01', title: 'Đề án hỗ trợ HTX do phụ nữ quản lý', province: null, kind: 'project', target_states: { achieved: 0 }, may_write: false }), targets: undefined },
          ],
        });
      return undefined;
    });
    wrap(<ProgrammesPage />, '/programmes');
    const list = await screen.findByTestId('programme-list');
    expect((await within(list).findByTestId('programme-states-7')).textContent).toBe('Có nguy cơ chậm: 1Chậm: 1');
    expect(await within(list).findByText('Chưa có chỉ tiêu nào.')).toBeTruthy();
    expect(within(list).getByText('Toàn quốc')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Thêm chương trình' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: 'phu nu' } });
    await waitFor(() => expect(within(list).queryByText(/thanh niên khởi nghiệp/)).toBeNull());
    expect(within(list).getByText('Đề án hỗ trợ HTX do phụ nữ quản lý')).toBeTruthy();
    await choose(document.body, 'Trạng thái', 'Đã kết thúc');
    await waitFor(() => expect(asked.some((u) => u.includes('status=closed'))).toBe(true));
    expect(asked.filter((u) => /^\/api\/v1\/programmes\/\d/.test(u))).toEqual([]);
  }, SLOW);

  it('lists partners with their kind in Vietnamese and adds one', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/partners' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, { id: 9 });
      }
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      return undefined;
    });
    wrap(<PartnersPage />, '/partners');
    const list = await screen.findByTestId('partner-list');
    expect(await within(list).findByText('Đoàn Thanh niên')).toBeTruthy();
    expect(within(list).getByText('Hoàng Văn Đạt, Phó Bí thư · 0205 3870 123')).toBeTruthy();
    fireEvent.click(screen.getByTestId('partner-add'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Tên đối tác'), { target: { value: ' Hội Nông dân tỉnh Lạng Sơn ' } });
    await choose(dialog, 'Loại đối tác', 'Hội Nông dân');
    fireEvent.change(within(dialog).getByLabelText('Họ tên'), { target: { value: 'Lộc Văn Bình' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Hội Nông dân tỉnh Lạng Sơn', name_en: '', short_name: '', kind: 'farmers_union',
      contacts: [{ name: 'Lộc Văn Bình', position: '', phone: '', email: '' }], address: '', website: '', notes: '',
    });
  }, SLOW);
});

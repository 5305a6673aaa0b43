import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import SurveysPage from './SurveysPage';
import { campaign, QUESTIONNAIRE, session, SUMMARY } from './fixtures';

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys" element={<SurveysPage />} />
    </Routes>,
    '/surveys',
  );

describe('surveys page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the questionnaires and lists an XLSForm’s errors by sheet, row and column', async () => {
    const uploads: RequestInit[] = [];
    let bad = true;
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/surveys') && init.method === 'POST') {
        uploads.push(init);
        if (bad)
          return json(422, {
            error: {
              code: 'validation',
              message: 'Tệp XLSForm có lỗi.',
              fields: [
                { field: 'survey.12.relevant', code: 'field.condition_invalid', message: 'Điều kiện nhắc đến câu “q9” chưa có ở trước.' },
                { field: 'choices.4', code: 'field.required', message: 'Thiếu nhãn tiếng Việt.' },
                { field: 'settings.form_id', code: 'field.required', message: 'Thiếu mã bảng hỏi.' },
              ],
            },
          });
        return json(201, { ...QUESTIONNAIRE, id: 3 });
      }
      if (url.startsWith('/api/v1/surveys')) return json(200, { items: [SUMMARY], total: 1 });
      return undefined;
    });
    page();
    const list = await screen.findByTestId('survey-list');
    expect(await within(list).findByRole('link', { name: 'Khảo sát mức độ hài lòng của HTX năm 2026' })).toBeTruthy();
    expect(within(list).getByText('hailong_2026')).toBeTruthy();
    expect(within(list).getByRole('link', { name: 'Khảo sát mức độ hài lòng của HTX năm 2026' }).getAttribute('href')).toBe('/surveys/2');
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'hailong.xlsx');
    fireEvent.change(screen.getByLabelText('Tải lên bảng hỏi XLSForm'), { target: { files: [file] } });
    const errors = await screen.findByTestId('survey-upload-errors');
    expect(errors.textContent).toContain('Tệp có 3 lỗi, chưa thêm bảng hỏi nào.');
    expect(within(errors).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Trang survey, dòng 12, cột relevant: Điều kiện nhắc đến câu “q9” chưa có ở trước.',
      'Trang choices, dòng 4: Thiếu nhãn tiếng Việt.',
      'Trang settings, cột form_id: Thiếu mã bảng hỏi.',
    ]);
    expect((uploads[0].headers as Record<string, string>)['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(uploads[0].body).toBe(file);
    bad = false;
    fireEvent.change(screen.getByLabelText('Tải lên bảng hỏi XLSForm'), { target: { files: [file] } });
    expect(await screen.findByText('Đã thêm bảng hỏi “Khảo sát mức độ hài lòng của HTX năm 2026”.')).toBeTruthy();
    expect(screen.queryByTestId('survey-upload-errors')).toBeNull();
  });

  it('shows a cooperative its open surveys with the button to its link', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', null, 5));
      if (url === '/api/v1/survey-campaigns/mine')
        return json(200, {
          items: [
            { ...campaign(), link: '/s/Q2xhc3NpYy10b2tlbi0x', responded_at: null },
            { ...campaign({ id: 6, title: { vi: 'Khảo sát nhu cầu đào tạo', en: '' } }), link: '/s/other', responded_at: '2026-11-20T01:15:00Z' },
          ],
        });
      return undefined;
    });
    page();
    const first = await screen.findByTestId('my-campaign-4');
    expect(screen.getByRole('heading', { name: 'Khảo sát đang mở' })).toBeTruthy();
    expect(within(first).getByText('Hạn trả lời: hết ngày 15/12/2026')).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'Trả lời khảo sát' }).getAttribute('href')).toBe('/s/Q2xhc3NpYy10b2tlbi0x');
    const second = screen.getByTestId('my-campaign-6');
    expect(within(second).getByRole('link', { name: 'Xem hoặc sửa câu trả lời' }).getAttribute('href')).toBe('/s/other');
    expect(second.textContent).toContain('Đã gửi câu trả lời lúc');
  });

  it('says when a cooperative has no open survey, and refuses a partner', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', null, 5));
      if (url === '/api/v1/survey-campaigns/mine') return json(200, { items: [] });
      return undefined;
    });
    const { unmount } = page();
    expect(await screen.findByText('Hiện không có đợt khảo sát nào đang mở cho đơn vị của bạn.')).toBeTruthy();
    unmount();
    vi.restoreAllMocks();
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('partner', null));
      return undefined;
    });
    page();
    expect(await screen.findByText('Trang này dành cho cán bộ Liên minh HTX.')).toBeTruthy();
    await waitFor(() => expect(asked.some((u) => u.startsWith('/api/v1/surveys'))).toBe(false));
  });
});

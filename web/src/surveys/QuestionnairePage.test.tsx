import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import QuestionnairePage from './QuestionnairePage';
import { QUESTIONNAIRE, session } from './fixtures';

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys/:id" element={<QuestionnairePage />} />
      <Route path="/surveys" element={<div>the list</div>} />
    </Routes>,
    '/surveys/2',
  );

describe('questionnaire page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the sections and questions with their types, required marks and skip logic in words', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/surveys/2') return json(200, QUESTIONNAIRE);
      return undefined;
    });
    page();
    expect((await screen.findByTestId('questionnaire-title')).textContent).toBe('Khảo sát mức độ hài lòng của HTX năm 2026');
    expect(screen.getByText('hailong_2026')).toBeTruthy();
    const s1 = screen.getByTestId('section-s1');
    expect(within(s1).getByRole('heading', { name: 'Phần 1. Thông tin chung' })).toBeTruthy();
    const members = screen.getByTestId('question-members');
    expect(within(members).getByText('Số nguyên')).toBeTruthy();
    expect(within(members).getByText('Bắt buộc')).toBeTruthy();
    expect(within(members).getByText('Tính đến ngày 30/11.')).toBeTruthy();
    expect(within(screen.getByTestId('question-intro')).getByText('Ghi chú (không trả lời)')).toBeTruthy();
    expect(within(screen.getByTestId('question-revenue')).getByText('Không bắt buộc')).toBeTruthy();
    expect(within(screen.getByTestId('question-kinds')).getByText('Chọn nhiều')).toBeTruthy();
    expect(within(screen.getByTestId('question-kinds')).getByText('Chỉ hỏi khi: “HTX có nhận hỗ trợ của Liên minh trong năm không?” = “yes”')).toBeTruthy();
    expect(within(screen.getByTestId('section-s2')).getByText('Chỉ hỏi khi: “HTX có nhận hỗ trợ của Liên minh trong năm không?” = “yes”')).toBeTruthy();
    expect(within(screen.getByTestId('question-q_training')).getByText('Chỉ hỏi khi: “Hình thức hỗ trợ đã nhận” có chọn “training”')).toBeTruthy();
    expect(within(screen.getByTestId('question-q_training')).getByText('Thang đo hài lòng (1–5)')).toBeTruthy();
    expect(within(screen.getByTestId('question-big')).getByText('Chỉ hỏi khi: “Số thành viên của HTX” ≥ 100 và không phải (“HTX có nhận hỗ trợ của Liên minh trong năm không?” = “no”)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tải về dạng XLSForm' }).getAttribute('href')).toBe('/api/v1/surveys/2/xlsform');
    expect(screen.getByRole('link', { name: 'Tạo đợt khảo sát' }).getAttribute('href')).toBe('/surveys/campaigns/new?questionnaire=2');
    // Used by a campaign: no delete.
    expect(screen.queryByTestId('questionnaire-delete')).toBeNull();
    expect(screen.getByTestId('questionnaire-in-use').textContent).toBe('Bảng hỏi đã dùng cho 1 đợt khảo sát nên không xóa được.');
  });

  it('deletes an unused questionnaire after a confirmation', async () => {
    const deleted: string[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_admin'));
      if (url === '/api/v1/surveys/2' && init.method === 'DELETE') {
        deleted.push(url);
        return new Response(null, { status: 204 });
      }
      if (url === '/api/v1/surveys/2') return json(200, { ...QUESTIONNAIRE, campaign_count: 0, may_delete: true });
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('questionnaire-delete'));
    const confirm = await screen.findByText('Xóa bảng hỏi “Khảo sát mức độ hài lòng của HTX năm 2026”?');
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(deleted).toEqual(['/api/v1/surveys/2']));
    expect(await screen.findByText('the list')).toBeTruthy();
  });

  it('says when the questionnaire does not exist', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      return undefined;
    });
    page();
    expect(await screen.findByText('Không có bảng hỏi này, hoặc bạn không được xem.')).toBeTruthy();
  });
});

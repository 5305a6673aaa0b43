// The target editor and the programme page with the surveys' campaigns and the petitions as
// sources: the Bắc Giang youth programme's yearly satisfaction survey, and a petitions target
// opened with its measure and filters, both described in words on the page; the support fund's
// loans: the measures offered, the women-managed filter and the fund sent, the target in words.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { PARTNERS, programme, session } from './fixtures';
import ProgrammePage from './ProgrammePage';
import type { Target } from './types';

async function choose(root: HTMLElement, label: string, option: string) {
  const input = within(root).getByLabelText(label);
  fireEvent.mouseDown(input);
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

const SLOW = 90_000;

const QUESTIONNAIRES = {
  items: [
    { id: 4, form_id: 'HL-HTX', version: '2025', title: { vi: 'Khảo sát mức độ hài lòng của HTX', en: 'Cooperatives’ satisfaction survey' } },
    { id: 5, form_id: 'NC-TV', version: '1', title: { vi: 'Nhu cầu đào tạo thành viên', en: 'Members’ training needs' } },
  ],
  total: 2,
};
const THEMES = {
  items: [
    { code: 'land', name_vi: 'Đất đai', name_en: 'Land', builtin: true, active: true },
    { code: 'credit', name_vi: 'Tín dụng, vốn', name_en: 'Credit and capital', builtin: true, active: true },
    { code: 'water', name_vi: 'Nước tưới', name_en: 'Irrigation', builtin: false, active: false },
  ],
};

const PETITION_TARGET: Target = {
  id: 41, programme_id: 7, content: 2, title: 'Trả lời đúng hạn kiến nghị về đất đai, vốn', provinces: [], deadline: '2026-12-31', cadence: 'once', target: 20, baseline: 0,
  measure: { source: 'petitions.petitions', measure: 'answered_on_time', filters: { theme: 'land,water', status: 'answered' } },
  progress: { state: 'on_track', actual: 12, target: 20, share: 0.6, description: 'petitions.petitions: answered_on_time where status=answered, theme=land,water; province 24' },
};
const SURVEY_TARGET: Target = {
  id: 42, programme_id: 7, content: 1, title: 'Khảo sát mức độ hài lòng của HTX hằng năm', provinces: [], deadline: '2026-12-31', cadence: 'yearly', target: 1, baseline: 0,
  measure: { source: 'surveys.campaigns', measure: 'held', filters: { form_id: 'HL-HTX' } },
};

const bacGiang = (targets: Target[]) =>
  programme({ province: '24', code: 'CTPH-TN-BG', title: 'Chương trình phối hợp hỗ trợ thanh niên khởi nghiệp HTX tỉnh Bắc Giang', targets });

const page = () =>
  wrap(
    <Routes>
      <Route path="/programmes/:id" element={<ProgrammePage />} />
    </Routes>,
    '/programmes/7',
  );

describe('targets measured from surveys and petitions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds the yearly satisfaction survey: Khảo sát, campaigns held, the questionnaire', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '24'));
      if (url === '/api/v1/programmes/7') return json(200, bacGiang([]));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url.startsWith('/api/v1/surveys?') || url === '/api/v1/surveys') return json(200, QUESTIONNAIRES);
      if (url === '/api/v1/programmes/7/targets' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, { id: 42 });
      }
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('target-add'));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, 'Thuộc nội dung', '1. Tuyên truyền, tập huấn');
    fireEvent.change(within(dialog).getByLabelText('Tên chỉ tiêu'), { target: { value: ' Khảo sát mức độ hài lòng của HTX hằng năm ' } });
    await choose(dialog, 'Cách tính', 'Từng năm');
    fireEvent.change(await within(dialog).findByLabelText('Chỉ tiêu mỗi năm'), { target: { value: '1' } });
    await choose(dialog, 'Nguồn số liệu', 'Khảo sát (đợt khảo sát)');
    // Its own filters only: no registry filter, no activities' checkbox.
    const filters = await within(dialog).findByTestId('target-survey-filters');
    expect(within(dialog).queryByLabelText('Loại hình')).toBeNull();
    expect(within(dialog).queryByTestId('target-own-programme')).toBeNull();
    await choose(dialog, 'Chỉ số', 'Số đợt khảo sát đã tổ chức');
    await choose(filters, 'Bộ câu hỏi', 'Khảo sát mức độ hài lòng của HTX (HL-HTX)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      content: 1,
      title: 'Khảo sát mức độ hài lòng của HTX hằng năm',
      deadline: '2026-12-31',
      cadence: 'yearly',
      target: 1,
      baseline: 0,
      measure: { source: 'surveys.campaigns', measure: 'held', filters: { form_id: 'HL-HTX' } },
    });
  }, SLOW);

  it('describes both in words and opens a petitions target with its measure and filters', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '24'));
      if (url === '/api/v1/programmes/7') return json(200, bacGiang([PETITION_TARGET, SURVEY_TARGET]));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url.startsWith('/api/v1/surveys?') || url === '/api/v1/surveys') return json(200, QUESTIONNAIRES);
      if (url === '/api/v1/petition-themes') return json(200, THEMES);
      if (url === '/api/v1/programmes/7/targets/41' && init.method === 'PATCH') {
        sent.push(JSON.parse(String(init.body)));
        return json(200, { id: 41 });
      }
      return undefined;
    });
    page();
    const petitions = await screen.findByTestId('target-41');
    await waitFor(() =>
      expect(within(petitions).getByTestId('target-41-measure').textContent).toBe(
        'Chỉ số: Kiến nghị của HTX — Số kiến nghị trả lời đúng hạn; lĩnh vực: Đất đai, Nước tưới; trạng thái: Đã trả lời',
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('target-42-measure').textContent).toBe(
        'Chỉ số: Khảo sát (đợt khảo sát) — Số đợt khảo sát đã tổ chức; bộ câu hỏi Khảo sát mức độ hài lòng của HTX (HL-HTX)',
      ),
    );
    // The registry's targets keep their rows as they were.
    expect(screen.queryByTestId('target-11-measure')).toBeNull();

    fireEvent.click(within(petitions).getByTestId('target-41-edit'));
    const dialog = await screen.findByRole('dialog');
    const filters = await within(dialog).findByTestId('target-petition-filters');
    expect(within(dialog).getAllByTitle('Số kiến nghị trả lời đúng hạn').length).toBeGreaterThan(0);
    // A theme no longer in use stays named while the target has it.
    expect(await within(filters).findByTitle('Nước tưới')).toBeTruthy();
    expect(within(filters).getByTitle('Đã trả lời')).toBeTruthy();
    await choose(filters, 'Lĩnh vực kiến nghị', 'Tín dụng, vốn');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0] as { measure: unknown }).measure).toEqual({
      source: 'petitions.petitions',
      measure: 'answered_on_time',
      filters: { theme: 'land,water,credit', status: 'answered' },
    });
  }, SLOW);
});

const FUNDS = {
  items: [
    { id: 3, name: 'Quỹ hỗ trợ phát triển HTX tỉnh Bắc Giang', province: { code: '24', name: 'Bắc Giang' }, capital_vnd: 50_000_000_000 },
    { id: 1, name: 'Quỹ hỗ trợ phát triển HTX Trung ương', province: null, capital_vnd: 500_000_000_000 },
  ],
};
const FUND_TARGET: Target = {
  id: 43, programme_id: 7, content: 2, title: 'Giải ngân cho HTX do phụ nữ quản lý', provinces: [], deadline: '2026-12-31', cadence: 'once', target: 5_000_000_000, baseline: 0,
  measure: { source: 'fund.loans', measure: 'disbursed_vnd', filters: { women_managed: true, fund: '3' } },
  progress: { state: 'on_track', actual: 3_000_000_000, target: 5_000_000_000, share: 0.6, description: 'fund.loans: disbursed_vnd where fund=3, women_managed=true; province 24' },
};

describe('targets measured from the support fund’s loans', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers the loans’ measures and sends the women-managed filter and the fund', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '24'));
      if (url === '/api/v1/programmes/7') return json(200, bacGiang([]));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/funds') return json(200, FUNDS);
      if (url === '/api/v1/programmes/7/targets' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, { id: 43 });
      }
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('target-add'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Tên chỉ tiêu'), { target: { value: 'Giải ngân cho HTX do phụ nữ quản lý' } });
    fireEvent.change(within(dialog).getByLabelText('Chỉ tiêu phải đạt'), { target: { value: '5000000000' } });
    await choose(dialog, 'Nguồn số liệu', 'Khoản vay của Quỹ hỗ trợ phát triển HTX');
    // Its own filters only: no registry filter, no activities' checkbox.
    const filters = await within(dialog).findByTestId('target-fund-filters');
    expect(within(dialog).queryByLabelText('Loại hình')).toBeNull();
    expect(within(dialog).queryByTestId('target-own-programme')).toBeNull();
    // The default measure, and every measure offered.
    expect(within(dialog).getAllByTitle('Số khoản vay còn dư nợ').length).toBeGreaterThan(0);
    fireEvent.mouseDown(within(dialog).getByLabelText('Chỉ số'));
    for (const m of ['Dư nợ gốc (đồng)', 'Dư nợ quá hạn trên 30 ngày (đồng)', 'Số khoản vay giải ngân trong kỳ', 'Số tiền giải ngân trong kỳ (đồng)'])
      expect((await screen.findAllByTitle(m)).length).toBeGreaterThan(0);
    await choose(dialog, 'Chỉ số', 'Số tiền giải ngân trong kỳ (đồng)');
    await choose(filters, 'HTX do phụ nữ quản lý', 'Có');
    await choose(filters, 'Quỹ', 'Quỹ hỗ trợ phát triển HTX tỉnh Bắc Giang');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0] as { measure: unknown }).measure).toEqual({ source: 'fund.loans', measure: 'disbursed_vnd', filters: { women_managed: true, fund: '3' } });
  }, SLOW);

  it('describes a loans target in words and opens it with its measure and filters', async () => {
    const sent: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '24'));
      if (url === '/api/v1/programmes/7') return json(200, bacGiang([FUND_TARGET]));
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/funds') return json(200, FUNDS);
      if (url === '/api/v1/programmes/7/targets/43' && init.method === 'PATCH') {
        sent.push(JSON.parse(String(init.body)));
        return json(200, { id: 43 });
      }
      return undefined;
    });
    page();
    const row = await screen.findByTestId('target-43');
    await waitFor(() =>
      expect(within(row).getByTestId('target-43-measure').textContent).toBe(
        'Chỉ số: Khoản vay của Quỹ hỗ trợ phát triển HTX — Số tiền giải ngân trong kỳ (đồng); phụ nữ quản lý: Có; quỹ Quỹ hỗ trợ phát triển HTX tỉnh Bắc Giang',
      ),
    );
    fireEvent.click(within(row).getByTestId('target-43-edit'));
    const dialog = await screen.findByRole('dialog');
    const filters = await within(dialog).findByTestId('target-fund-filters');
    expect(within(dialog).getAllByTitle('Số tiền giải ngân trong kỳ (đồng)').length).toBeGreaterThan(0);
    expect(await within(filters).findByTitle('Quỹ hỗ trợ phát triển HTX tỉnh Bắc Giang')).toBeTruthy();
    await choose(filters, 'HTX do thanh niên làm chủ', 'Không');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0] as { measure: unknown }).measure).toEqual({
      source: 'fund.loans',
      measure: 'disbursed_vnd',
      filters: { women_managed: true, youth: false, fund: '3' },
    });
  }, SLOW);
});

import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { results, session } from './fixtures';

// ECharts draws on a canvas jsdom lacks: the chart is its description (as the dashboard's tests do).
vi.mock('../components/EChart', () => ({
  EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} data-testid="chart" />,
  loadEcharts: () => Promise.resolve({}),
}));

const { default: ResultsPage } = await import('./ResultsPage');

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys/campaigns/:id/results" element={<ResultsPage />} />
    </Routes>,
    '/surveys/campaigns/4/results',
  );

describe('results page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the response rate by province, the satisfaction index, each question and the withheld groups', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/survey-campaigns/4/results') return json(200, results());
      if (url.startsWith('/api/v1/surveys/satisfaction'))
        return json(200, {
          items: [
            { year: 2026, campaign_id: 4, index: 70.2, responses: 23, withheld: false },
            { year: 2025, campaign_id: 1, index: 68, responses: 18, withheld: false },
            { year: 2024, campaign_id: 0, index: null, responses: null, withheld: true },
          ],
        });
      return undefined;
    });
    page();
    const table = await screen.findByTestId('results-by-province');
    const bn = within(table).getByTestId('province-24');
    expect(within(bn).getAllByRole('cell').map((c) => c.textContent)).toEqual(['37', '21', '56,8 %', '71,4']);
    expect(within(within(table).getByTestId('province-01')).getByText('Ít hơn 3 câu trả lời — không hiển thị')).toBeTruthy();
    const index = screen.getByTestId('results-satisfaction');
    expect(index.textContent).toContain('70,2');
    expect(index.textContent).toContain('tính trên 23 phiếu trả lời');
    expect(screen.getByTestId('results-rate').textContent).toContain('57,5 %');
    // Year on year, oldest first.
    const years = await screen.findByTestId('results-years');
    expect(within(years).getAllByRole('row').map((r) => r.textContent)).toEqual(['NămChỉ sốSố phiếu', '2024Ít hơn 3 câu trả lời — không hiển thị—', '202568,018', '202670,223']);
    expect(asked).toContain('/api/v1/surveys/satisfaction?form_id=hailong_2026');
    // A likert question: its distribution as bars (the chart's description carries counts and shares).
    const likert = screen.getByTestId('result-q_overall');
    expect(likert.textContent).toContain('20 câu trả lời');
    expect(likert.textContent).toContain('Điểm trung bình: 3,75');
    await waitFor(() => expect(within(likert).getByTestId('chart').getAttribute('aria-label')).toContain('Hài lòng: Số lượng 10, Tỷ lệ 50,0 %'));
    // Numbers' summary, texts' count, a withheld question.
    expect(screen.getByTestId('numbers-members').textContent).toBe('Số câu trả lời 23; trung bình 48,5; trung vị 31; nhỏ nhất 7; lớn nhất 320');
    expect(screen.getByTestId('result-comments').textContent).toContain('7 câu trả lời dạng văn bản');
    expect(within(screen.getByTestId('result-channel')).getByText('Ít hơn 3 câu trả lời — không hiển thị')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Xuất câu trả lời ẩn danh (XLSX)' }).getAttribute('href')).toBe('/api/v1/survey-campaigns/4/responses/export?format=xlsx');
    expect(screen.getByRole('link', { name: 'Xuất câu trả lời ẩn danh (CSV)' }).getAttribute('href')).toBe('/api/v1/survey-campaigns/4/responses/export?format=csv');
  });

  it('says a province account’s index is withheld below 3 responses', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '01'));
      if (url === '/api/v1/survey-campaigns/4/results')
        return json(200, results({ targets: 3, responses: 2, response_rate: 0.667, satisfaction_index: null, satisfaction_responses: 2, by_province: [results().by_province[1]] }));
      if (url.startsWith('/api/v1/surveys/satisfaction')) return json(200, { items: [] });
      return undefined;
    });
    page();
    const index = await screen.findByTestId('results-satisfaction');
    expect(index.textContent).toContain('Ít hơn 3 câu trả lời — không hiển thị');
    expect(screen.queryByTestId('results-province')).toBeNull();
  });
});

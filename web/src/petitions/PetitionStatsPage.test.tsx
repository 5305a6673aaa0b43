import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { PROVINCES, session, STATS, THEMES } from './fixtures';
import { forgetThemes } from './parts';
import PetitionStatsPage from './PetitionStatsPage';

// ECharts draws on a canvas jsdom lacks: the chart is its accessible description here.
vi.mock('../components/EChart', () => ({
  EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const SLOW = 90_000;

/** The chart's description (the mocked chart; the icons are images too). */
const chart = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('img')
    .find((e) => e.tagName === 'DIV')
    ?.getAttribute('aria-label');

const page = () =>
  wrap(
    <Routes>
      <Route path="/petitions/stats" element={<PetitionStatsPage />} />
    </Routes>,
    '/petitions/stats',
  );

describe('petition statistics', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'shows the headline numbers, the themes year on year, statuses, months and provinces; asks with the filters',
    async () => {
      const asked: string[] = [];
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url.startsWith('/api/v1/petitions/stats')) {
          asked.push(url);
          return json(200, STATS);
        }
        return undefined;
      });
      page();
      expect((await screen.findByTestId('kpi-total')).textContent).toContain('40');
      expect(screen.getByTestId('kpi-overdue').textContent).toContain('3');
      expect(within(screen.getByTestId('kpi-overdue')).getByRole('link', { name: 'Xem các kiến nghị quá hạn' }).getAttribute('href')).toBe(
        '/petitions?overdue=true',
      );
      expect(screen.getByTestId('kpi-on-time').textContent).toContain('26 trên 30 đã trả lời');
      expect(screen.getByTestId('kpi-median').textContent).toContain('12,5 ngày');
      // The themes' chart: this year against last year, by name.
      const themes = screen.getByTestId('chart-themes');
      expect(within(themes).getByRole('heading', { name: 'Kiến nghị theo lĩnh vực: năm 2026 so với năm 2025' })).toBeTruthy();
      await waitFor(() => expect(chart('chart-themes')).toContain('Đất đai: Năm 2026 9, Năm 2025 4'));
      expect(chart('chart-status')).toContain('Đã đóng: 20');
      expect(chart('chart-months')).toContain('2026-03: 5');
      // Provinces: a table sorted by count, sortable.
      const provinces = screen.getByTestId('table-provinces');
      const rows = within(provinces).getAllByRole('row').slice(1);
      expect(rows.map((r) => r.querySelector('td')?.textContent)).toEqual(['Hà Nội', 'Lạng Sơn']);
      expect(rows[0].textContent).toContain('28');
      // By name: A→Z, then Z→A.
      fireEvent.click(within(provinces).getAllByText('Tỉnh/thành')[0]);
      fireEvent.click(within(provinces).getAllByText('Tỉnh/thành')[0]);
      await waitFor(() => expect(within(provinces).getAllByRole('row').slice(1)[0].querySelector('td')?.textContent).toBe('Lạng Sơn'));
      expect(asked[0]).toBe('/api/v1/petitions/stats');
      fireEvent.mouseDown(screen.getByLabelText('Tỉnh/thành', { selector: 'input' }));
      fireEvent.click((await screen.findAllByTitle('Lạng Sơn')).at(-1)!);
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/petitions/stats?province=20'));
      expect(screen.getByTestId('petition-stats-export-xlsx').getAttribute('href')).toBe('/api/v1/petitions/export?format=xlsx&province=20');
      expect(within(screen.getByTestId('kpi-overdue')).getByRole('link').getAttribute('href')).toBe('/petitions?overdue=true&province=20');
    },
    SLOW,
  );

  it('is for officials only', async () => {
    mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('cooperative', null, 5)) : undefined));
    page();
    expect(await screen.findByText('Trang này dành cho cán bộ Liên minh HTX.')).toBeTruthy();
  });
});

import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { fund, portfolio, session } from './fixtures';
import PortfolioPage from './PortfolioPage';

const SLOW = 90_000;
// A whole dialog and its answers can take seconds on the shared CI cores while other files run.
beforeAll(() => configure({ asyncUtilTimeout: 20_000 }));
afterAll(() => configure({ asyncUtilTimeout: 5000 }));

function Where() {
  const l = useLocation();
  return <div data-testid="where">{l.pathname + l.search}</div>;
}

const page = (path = '/fund/portfolio?as_of=2026-04-20') =>
  wrap(
    <Routes>
      <Route
        path="/fund/portfolio"
        element={
          <>
            <PortfolioPage />
            <Where />
          </>
        }
      />
    </Routes>,
    path,
  );

function api(role: string, seen: string[] = []) {
  mockApi((url) => {
    seen.push(url);
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '01'));
    if (url === '/api/v1/funds') return json(200, { items: [fund()] });
    if (url.startsWith('/api/v1/loans/portfolio')) return json(200, portfolio());
    return undefined;
  });
}

describe('portfolio page', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'shows the headline cards and the table with its totals, every amount exact',
    async () => {
      const seen: string[] = [];
      api('national_officer', seen);
      page();
      const table = await screen.findByTestId('portfolio-table');
      expect(seen).toContain('/api/v1/loans/portfolio?as_of=2026-04-20&group_by=province');
      const hn = within(table).getByTestId('portfolio-row-01');
      expect([...hn.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
        'Hà Nội', '3', '1', '1.250.000.000 ₫', '250.000.000 ₫', '20,0 %', '0 ₫', '0,0 %', '1.251.000.000 ₫', '1.000.000 ₫', '250.000 ₫', '0 ₫',
      ]);
      const totals = within(table).getByTestId('portfolio-totals');
      expect([...totals.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
        'Cộng', '5', '1', '2.000.000.000 ₫', '250.000.000 ₫', '12,5 %', '0 ₫', '0,0 %', '2.002.000.000 ₫', '2.000.000 ₫', '500.000 ₫', '0 ₫',
      ]);
      const outstanding = screen.getByTestId('kpi-outstanding').querySelector('.fund-kpi-value') as HTMLElement;
      expect(outstanding.querySelector('[aria-hidden="true"]')?.textContent).toBe('2 tỷ đồng');
      expect(outstanding.getAttribute('title')).toBe('2.000.000.000 ₫');
      expect(outstanding.querySelector('.sr-only')?.textContent).toBe('2.000.000.000 ₫');
      expect(screen.getByTestId('kpi-par30').querySelector('.fund-kpi-value')?.textContent).toBe('12,5 %');
      expect(screen.getByTestId('kpi-par90').querySelector('.fund-kpi-value')?.textContent).toBe('0,0 %');
      expect(screen.getByTestId('kpi-women').querySelector('.fund-kpi-value')?.textContent).toBe('45,0 %');
      expect(screen.getByTestId('kpi-women').textContent).toContain('2 khoản vay (40,0 % số khoản) · dư nợ 900.000.000 ₫');
      // The chart's card, with its downloads (the app's ChartCard), in tỷ đồng.
      expect(within(screen.getByTestId('portfolio-chart')).getByText('Dư nợ gốc theo tỉnh/thành, tỷ đồng')).toBeTruthy();
      // The files, with the same query.
      expect(screen.getByTestId('portfolio-export-csv').getAttribute('href')).toBe('/api/v1/loans/portfolio/export?format=csv&as_of=2026-04-20&group_by=province');
      expect(screen.getByTestId('portfolio-export-xlsx').getAttribute('href')).toBe('/api/v1/loans/portfolio/export?format=xlsx&as_of=2026-04-20&group_by=province');
    },
    SLOW,
  );

  it(
    'keeps its choices in the address and asks the server with them',
    async () => {
      const seen: string[] = [];
      api('province_officer', seen);
      page('/fund/portfolio?as_of=2026-04-20&group_by=women_managed');
      await screen.findByTestId('portfolio-table');
      expect(seen).toContain('/api/v1/loans/portfolio?as_of=2026-04-20&group_by=women_managed');
      fireEvent.mouseDown(within(screen.getByTestId('portfolio-group-by')).getByRole('combobox'));
      fireEvent.click(await screen.findByTitle('Lĩnh vực'));
      await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/fund/portfolio?as_of=2026-04-20&group_by=sector'));
      await waitFor(() => expect(seen).toContain('/api/v1/loans/portfolio?as_of=2026-04-20&group_by=sector'));
    },
    SLOW,
  );

  it(
    'is for staff only',
    async () => {
      api('cooperative');
      page();
      expect(await screen.findByText('Trang này dành cho cán bộ Liên minh.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'names the groups the server answers by their keys only (sector codes, provinces)',
    async () => {
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
        if (url === '/api/v1/funds') return json(200, { items: [fund()] });
        if (url.startsWith('/api/v1/loans/portfolio')) {
          const p = portfolio();
          p.group_by = 'sector';
          p.rows = [
            { ...p.rows[0], key: 'agriculture', label: undefined },
            { ...p.rows[1], key: '', label: undefined },
          ];
          return json(200, p);
        }
        return undefined;
      });
      page('/fund/portfolio?as_of=2026-04-20&group_by=sector');
      const table = await screen.findByTestId('portfolio-table');
      expect(within(table).getByTestId('portfolio-row-agriculture').querySelector('td')?.textContent).toBe('Nông nghiệp');
      expect(within(table).getByTestId('portfolio-row-all').querySelector('td')?.textContent).toBe('Chưa rõ lĩnh vực');
    },
    SLOW,
  );
});

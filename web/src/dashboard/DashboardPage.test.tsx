// The dashboard shows the API's numbers: headline cards read the stats answers as they are.
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';

vi.mock('../components/EChart', () => ({
  EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
  loadEcharts: () => Promise.resolve({}),
}));

const { default: DashboardPage } = await import('./DashboardPage');

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const row = (keys: Record<string, string>, value: number) => ({ keys, labels: keys, value, entities: value });

describe('dashboard', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the headline figures the stats API returns', async () => {
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      calls.push(url);
      const q = new URL(url, 'http://x').searchParams;
      if (url.startsWith('/api/v1/session'))
        return json(200, { user: { id: 1, username: 'a', display_name: 'A', role: 'national_admin', province_code: null, entity_id: null, disabled: false }, csrf_token: 't' });
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }] });
      if (url.startsWith('/api/v1/stats/entities')) {
        const measure = q.get('measure');
        if (q.get('group_by') === 'kind,status')
          return json(200, { total: 33557, entities: 33557, rows: [row({ kind: 'cooperative', status: 'active' }, 31364), row({ kind: 'cooperative', status: 'stopped' }, 2193)] });
        if (q.get('group_by') === 'women_managed,youth')
          return json(200, { total: 100, rows: [row({ women_managed: 'true', youth: 'false' }, 25), row({ women_managed: 'true', youth: 'true' }, 3), row({ women_managed: 'false', youth: 'true' }, 7)] });
        const totals: Record<string, number> = { members_total: 6000000, members_female: 2400000, workers_total: 1234567 };
        return json(200, { total: totals[measure ?? ''] ?? 0, entities: 1, rows: [] });
      }
      if (url.startsWith('/api/v1/stats/flows')) return json(200, { total: 155, years: 5, yearly_average: 31, rows: [] });
      if (url.startsWith('/api/v1/stats/series')) return json(200, { points: [] });
      return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
    });
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter initialEntries={['/?as_of=2024-12-31']}>
            <DashboardPage />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('33.557'));
    await waitFor(() => expect(screen.getByTestId('kpi-members').textContent).toContain('6.000.000'));
    expect(screen.getByTestId('kpi-active').textContent).toContain('31.364');
    expect(screen.getByTestId('kpi-workers').textContent).toContain('1.234.567');
    expect(screen.getByTestId('kpi-women-share').textContent).toContain('40,0 %');
    expect(screen.getByTestId('kpi-women-managed').textContent).toContain('28');
    expect(screen.getByTestId('kpi-youth').textContent).toContain('10');
    expect(screen.getByTestId('kpi-founded').textContent).toContain('155');
    expect(screen.getByTestId('kpi-founded').textContent).toContain('Thành lập năm 2024');
    // Every request carries the chosen date; a past date offers the provinces as they were.
    expect(calls.filter((c) => c.startsWith('/api/v1/stats/entities')).every((c) => c.includes('as_of=2024-12-31'))).toBe(true);
    expect(screen.getByText('Tỉnh/thành thời điểm đó')).toBeTruthy();
    // An official's figures are exact: no note on protected figures.
    expect(screen.queryByTestId('dashboard-disclosure')).toBeNull();
  });

  it('tells a visitor that the published figures are protected when the API says so', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      const q = new URL(url, 'http://x').searchParams;
      if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [] });
      if (url.startsWith('/api/v1/stats/entities')) {
        const figures = (q.get('measure') ?? 'count') !== 'count';
        return json(200, {
          disclosure: figures ? { method: 'cell_key', min_entities: 3, max_share: 0.85 } : { method: 'none' },
          total: figures ? 5987311 : 10,
          entities: 10,
          rows: [],
        });
      }
      if (url.startsWith('/api/v1/stats/flows')) return json(200, { disclosure: { method: 'none' }, total: 1, years: 1, yearly_average: 1, rows: [] });
      if (url.startsWith('/api/v1/stats/series')) return json(200, { disclosure: { method: 'none' }, points: [] });
      return json(404, { error: { code: 'not_found', message: 'x', fields: [] } });
    });
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter>
            <DashboardPage />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    const note = await screen.findByTestId('dashboard-disclosure');
    expect(note.textContent).toContain('làm nhiễu nhẹ');
    expect(screen.getByTestId('kpi-members').textContent).toContain('5.987.311');
  });

  it('says so when the server has no statistics API', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [] });
      const path = url.split('?')[0];
      return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${path}.`, fields: [] } });
    });
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter>
            <DashboardPage />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    await screen.findByText(/Máy chủ này chưa có API thống kê/);
  });
});

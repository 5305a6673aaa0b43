// Every number opens its records: the headline cards link to the registry list with the same
// filters and date; each chart offers its numbers as a table, says when it has none (with where
// figures are entered) and what failed, with a retry.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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

function mockApi(role: string, { failSector = false } = {}) {
  let sectorCalls = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    const q = new URL(url, 'http://x').searchParams;
    if (url.startsWith('/api/v1/session'))
      return json(200, { user: { id: 1, username: 'a', display_name: 'A', role, province_code: null, entity_id: role === 'cooperative' ? 5 : null, disabled: false }, csrf_token: 't' });
    if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }] });
    if (url.startsWith('/api/v1/stats/entities')) {
      const g = q.get('group_by');
      if (g === 'kind,status') return json(200, { total: 12, entities: 12, rows: [row({ kind: 'cooperative', status: 'active' }, 10), row({ kind: 'group', status: 'stopped' }, 2)] });
      if (g === 'women_managed,youth') return json(200, { total: 10, rows: [row({ women_managed: 'true', youth: 'false' }, 4)] });
      if (g === 'sector') {
        sectorCalls++;
        if (failSector && sectorCalls === 1) return json(500, { error: { code: 'internal', message: 'Máy chủ gặp sự cố.', fields: [] } });
        return json(200, { total: 0, entities: 0, rows: [] });
      }
      if (g === 'province') return json(200, { total: 12, entities: 12, rows: [row({ province: '01' }, 12)] });
      return json(200, { total: q.get('measure') === 'members_total' ? 10012978 : 500, entities: 12, rows: [] });
    }
    if (url.startsWith('/api/v1/stats/flows')) return json(200, { total: 3, years: 1, yearly_average: 3, rows: [] });
    if (url.startsWith('/api/v1/stats/series')) return json(200, { points: [] });
    return json(404, { error: { code: 'not_found', message: url, fields: [] } });
  });
}

function show(path: string) {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <DashboardPage />
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

const href = (testId: string) => {
  const a = within(screen.getByTestId(testId)).getByRole('link');
  const u = new URL(a.getAttribute('href')!, 'http://x');
  return { path: u.pathname, params: Object.fromEntries(u.searchParams), name: a.getAttribute('aria-label') };
};

describe('dashboard figures open their records', () => {
  afterEach(() => vi.restoreAllMocks());

  it('links each headline card to the registry list with the same province, date and filters', async () => {
    mockApi('national_admin');
    show('/?as_of=2024-12-31&province=01');
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('12'));
    expect(href('kpi-entities')).toMatchObject({ path: '/registry', params: { province: '01', as_of: '2024-12-31' } });
    expect(href('kpi-active').params).toEqual({ province: '01', as_of: '2024-12-31', status: 'active' });
    expect(href('kpi-women-managed').params).toEqual({ province: '01', as_of: '2024-12-31', kind: 'cooperative', status: 'active', women_managed: 'true' });
    expect(href('kpi-founded').params).toEqual({ province: '01', as_of: '2024-12-31', founded_from: '2024-01-01', founded_to: '2024-12-31' });
    await waitFor(() => expect(href('kpi-members').name).toBe('Thành viên: 10.012.978 — xem danh sách tổ chức'));
    // The share of women is not a count of records: no link.
    expect(within(screen.getByTestId('kpi-women-share')).queryByRole('link')).toBeNull();
  });

  it('shows a chart as a table, and a chart without figures says so with where figures are entered', async () => {
    mockApi('cooperative');
    show('/?as_of=2024-12-31');
    const toggle = await screen.findByTestId('chart-kind-status-table-toggle');
    expect(toggle.textContent).toBe('Xem bảng số liệu');
    fireEvent.click(toggle);
    const table = within(screen.getByTestId('chart-kind-status')).getByRole('table', { name: 'Tổ chức theo loại hình và tình trạng' });
    expect(within(table).getAllByRole('columnheader').length).toBeGreaterThan(1);
    expect(within(table).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['cooperative', 'group']);
    expect(within(table).getByRole('link', { name: 'cooperative' }).getAttribute('href')).toBe('/registry?kind=cooperative&as_of=2024-12-31');
    expect(toggle.textContent).toBe('Ẩn bảng số liệu');
    // The chart's description is in the page's language, with its numbers.
    expect(within(screen.getByTestId('chart-kind')).getByRole('img', { name: /^Biểu đồ/ }).getAttribute('aria-label')).toBe('Biểu đồ: Theo loại hình. cooperative: 10; group: 2.');
    const sector = await screen.findByTestId('chart-sector-empty');
    expect(sector.textContent).toContain('Chưa có số liệu cho kỳ này');
    expect(within(sector).getByRole('link').getAttribute('href')).toBe('/reports');
  });

  it('says which chart failed to load and tries again', async () => {
    mockApi('national_admin', { failSector: true });
    show('/?as_of=2024-12-31');
    const alert = await within(await screen.findByTestId('chart-sector')).findByRole('alert');
    expect(alert.textContent).toContain('Không tải được “Theo lĩnh vực hoạt động (đang hoạt động)”.');
    expect(alert.textContent).toContain('Máy chủ gặp sự cố.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    await screen.findByTestId('chart-sector-empty');
  });
});

// The province view: a province chosen (or a province account's own) shows the province's outline,
// its communes ranked in a table (every commune, those without organisations last with 0, each number
// opening the registry list of that commune on the same date) and in a bar chart, and a way back to
// the whole country for those who may see it.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';

const charts = new Map<string, { onClick?: (p: { name?: string }) => void }>();
vi.mock('../components/EChart', () => ({
  EChart: ({ label, onClick, height }: { label: string; onClick?: (p: { name?: string }) => void; height?: number }) => {
    charts.set(label, { onClick });
    return <div role="img" aria-label={label} data-height={height} />;
  },
  loadEcharts: () => Promise.resolve({}),
}));

const { default: DashboardPage } = await import('./DashboardPage');

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const PROVINCES = [
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
  { code: '48', name: 'Đà Nẵng', name_en: 'Da Nang' },
];
const COMMUNES = [
  { code: '20194', name: 'Hải Châu', full_name: 'Phường Hải Châu', full_name_en: 'Hai Chau Ward' },
  { code: '20197', name: 'Hòa Cường', full_name: 'Phường Hòa Cường', full_name_en: 'Hoa Cuong Ward' },
  { code: '20200', name: 'Đông Giang', full_name: 'Xã Đông Giang', full_name_en: 'Dong Giang Commune' },
  { code: '20203', name: 'Hòa Vang', full_name: 'Xã Hòa Vang', full_name_en: 'Hoa Vang Commune' },
];
const r = (keys: Record<string, string>, value: number) => ({ keys, labels: keys, value, entities: value });

function mockApi(role: string, provinceCode: string | null) {
  const calls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    calls.push(url);
    const q = new URL(url, 'http://x').searchParams;
    if (url.startsWith('/api/v1/session'))
      return json(200, { user: { id: 1, username: 'a', display_name: 'A', role, province_code: provinceCode, entity_id: null, disabled: false }, csrf_token: 't' });
    if (url.startsWith('/api/v1/admin-units')) {
      if (q.get('level') === 'commune') return q.get('parent') === '48' ? json(200, { items: COMMUNES }) : json(404, { error: { code: 'not_found', message: 'x', fields: [] } });
      return json(200, { items: PROVINCES });
    }
    if (url.startsWith('/api/v1/stats/entities')) {
      const g = q.get('group_by');
      if (q.get('province') === '48') {
        if (g === 'commune,kind')
          return json(200, {
            total: 9,
            entities: 9,
            rows: [
              r({ commune: '20203', kind: 'cooperative' }, 4),
              r({ commune: '20203', kind: 'group' }, 1),
              r({ commune: '20194', kind: 'cooperative' }, 2),
              r({ commune: '', kind: 'cooperative' }, 2),
            ],
          });
        if (g === 'commune,status')
          return json(200, {
            total: 9,
            entities: 9,
            rows: [r({ commune: '20203', status: 'active' }, 4), r({ commune: '20203', status: 'stopped' }, 1), r({ commune: '20194', status: 'active' }, 2), r({ commune: '', status: 'active' }, 2)],
          });
        return json(200, { total: 9, entities: 9, rows: [] });
      }
      if (g === 'province') return json(200, { total: 30, entities: 30, rows: PROVINCES.map((p) => r({ province: p.code }, p.code === '48' ? 9 : 21)) });
      return json(200, { total: 30, entities: 30, rows: [] });
    }
    if (url.startsWith('/api/v1/stats/flows')) return json(200, { total: 0, years: 1, yearly_average: 0, rows: [] });
    if (url.startsWith('/api/v1/stats/series')) return json(200, { points: [] });
    return json(404, { error: { code: 'not_found', message: url, fields: [] } });
  });
  return calls;
}

function Where() {
  const l = useLocation();
  return <p data-testid="where">{l.pathname + l.search}</p>;
}

function renderAt(path: string) {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/registry" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

const lines = () =>
  within(screen.getByTestId('commune-table'))
    .getAllByRole('row')
    .filter((tr) => tr.dataset.testid?.startsWith('commune-'))
    .map((tr) => [...tr.children].map((c) => c.textContent));

describe('the province view', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    charts.clear();
  });

  it("opens on a province officer's province: outline, communes ranked with 0 last, each number linking to its list", async () => {
    const calls = mockApi('province_officer', '48');
    renderAt('/?as_of=2025-12-31');
    await waitFor(() => expect(screen.getByTestId('dashboard-scope').textContent).toBe('Đà Nẵng'));
    const table = await screen.findByTestId('commune-table', {}, { timeout: 8000 });
    await waitFor(() => expect(lines().length).toBe(5));
    expect(within(table).getByRole('heading', { name: 'Xếp hạng xã/phường của Đà Nẵng' })).toBeTruthy();
    // Rank, name, total, then a column per kind met (HTX, THT) and per status met.
    const head = within(table).getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼]/g, ''));
    expect(head).toEqual(['Hạng', 'Xã/phường', 'Tổng số', 'HTX', 'THT', 'Đang hoạt động', 'Ngừng hoạt động']);
    expect(lines()).toEqual([
      ['1', 'Xã Hòa Vang', '5', '4', '1', '4', '1'],
      ['2', 'Phường Hải Châu', '2', '2', '0', '2', '0'],
      ['3', 'Phường Hòa Cường', '0', '0', '0', '0', '0'],
      ['3', 'Xã Đông Giang', '0', '0', '0', '0', '0'],
      ['', 'Chưa ghi xã/phường', '2', '2', '0', '2', '0'],
    ]);
    // The top commune's count opens its list: the province, the commune, the same date.
    const top = within(screen.getByTestId('commune-20203'));
    expect(top.getByRole('link', { name: 'Xã Hòa Vang, Tổng số: 5 — xem danh sách tổ chức' }).getAttribute('href')).toBe(
      '/registry?province=48&commune=20203&as_of=2025-12-31',
    );
    expect(top.getByRole('link', { name: 'Xã Hòa Vang, Hợp tác xã: 4 — xem danh sách tổ chức' }).getAttribute('href')).toBe(
      '/registry?kind=cooperative&province=48&commune=20203&as_of=2025-12-31',
    );
    expect(top.getByRole('link', { name: 'Xã Hòa Vang, Ngừng hoạt động: 1 — xem danh sách tổ chức' }).getAttribute('href')).toBe(
      '/registry?province=48&commune=20203&status=stopped&as_of=2025-12-31',
    );
    // Zeros and the organisations without a commune have no list of their own.
    expect(within(screen.getByTestId('commune-20200')).queryAllByRole('link')).toEqual([]);
    expect(within(screen.getByTestId('commune-unknown')).queryAllByRole('link')).toEqual([]);
    // The outline and the bars; no map of the country, no one-bar chart, no way to the country.
    expect(screen.getByTestId('province-outline')).toBeTruthy();
    expect(screen.queryByTestId('chart-map')).toBeNull();
    expect(screen.queryByTestId('chart-by-province')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Về cả nước' })).toBeNull();
    const bars = screen.getByTestId('chart-by-commune').querySelector('[data-height]')!;
    expect(bars.getAttribute('aria-label')).toContain('Xã Hòa Vang: 5; Phường Hải Châu: 2.');
    // The commune counts were asked of the province on the date.
    const communeCalls = calls.filter((c) => c.includes('group_by=commune'));
    expect(communeCalls.length).toBe(2);
    for (const c of communeCalls) expect(new URL(c, 'http://x').searchParams.get('province')).toBe('48');
    expect(communeCalls.every((c) => c.includes('as_of=2025-12-31'))).toBe(true);
  });

  it('finds a commune typed without diacritics and sorts by a column', async () => {
    mockApi('province_officer', '48');
    renderAt('/?as_of=2025-12-31');
    await waitFor(() => expect(lines().length).toBe(5));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Tìm xã/phường' }), { target: { value: 'hoa' } });
    await waitFor(() => expect(lines().map((l) => l[1])).toEqual(['Xã Hòa Vang', 'Phường Hòa Cường', 'Chưa ghi xã/phường']));
    expect(screen.getByTestId('commune-count').textContent).toBe('2/4 xã/phường');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Tìm xã/phường' }), { target: { value: 'dong giang' } });
    await waitFor(() => expect(lines().map((l) => l[1])).toEqual(['Xã Đông Giang', 'Chưa ghi xã/phường']));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Tìm xã/phường' }), { target: { value: '' } });
    // By name, A to Z; then Z to A.
    const byName = screen.getByRole('button', { name: 'Xã/phường' });
    fireEvent.click(byName);
    await waitFor(() => expect(lines().map((l) => l[1]).slice(0, 4)).toEqual(['Phường Hải Châu', 'Phường Hòa Cường', 'Xã Đông Giang', 'Xã Hòa Vang']));
    expect(byName.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(byName.getAttribute('title')).toBe('Sắp xếp theo Xã/phường');
    expect(screen.getByRole('button', { name: 'HTX (Hợp tác xã)' })).toBeTruthy();
    fireEvent.click(byName);
    await waitFor(() => expect(lines()[0][1]).toBe('Xã Hòa Vang'));
    expect(byName.closest('th')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('is where a national admin lands on choosing a province, with the way back to the country', async () => {
    mockApi('national_admin', null);
    renderAt('/?as_of=2025-12-31');
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('30'));
    expect(screen.getByTestId('chart-by-province')).toBeTruthy();
    await waitFor(() => expect([...charts.keys()].some((k) => k.startsWith('Biểu đồ: Bản đồ'))).toBe(true));
    const map = [...charts.entries()].find(([k]) => k.startsWith('Biểu đồ: Bản đồ'))![1];
    act(() => map.onClick!({ name: '48' }));
    await screen.findByTestId('commune-table', {}, { timeout: 8000 });
    await waitFor(() => expect(lines().length).toBe(5));
    expect(screen.getByTestId('kpi-entities').textContent).toContain('9');
    expect(screen.queryByTestId('chart-by-province')).toBeNull();
    // A click on a bar opens that commune's list.
    const bar = [...charts.entries()].reverse().find(([k]) => k.includes('theo xã/phường') && k.includes('Xã Hòa Vang'))![1];
    act(() => bar.onClick!({ name: 'Xã Hòa Vang' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/registry?province=48&commune=20203&as_of=2025-12-31'));
  });

  it('goes back to the whole country', async () => {
    mockApi('national_admin', null);
    renderAt('/?province=48&as_of=2025-12-31');
    await screen.findByTestId('commune-table', {}, { timeout: 8000 });
    fireEvent.click(screen.getByRole('button', { name: 'Về cả nước' }));
    await waitFor(() => expect(screen.getByTestId('dashboard-scope').textContent).toBe('Cả nước'));
    expect(screen.queryByTestId('commune-table')).toBeNull();
    expect(await screen.findByTestId('chart-map', {}, { timeout: 8000 })).toBeTruthy();
  });

  it('still ranks the communes with organisations when the list of communes fails', async () => {
    mockApi('national_admin', null);
    renderAt('/?province=01&as_of=2025-12-31');
    await screen.findByTestId('commune-units-missing', {}, { timeout: 8000 });
  });
});

// The province selector drills into a province without the map (keyboard, screen readers): the
// same state as a click on the map, so the stats requests carry the province and the scope says so.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';

// The charts' click handlers by chart title, so that a test can click the map as ECharts would.
const clicks = new Map<string, (p: { name?: string }) => void>();
vi.mock('../components/EChart', () => ({
  EChart: ({ label, onClick }: { label: string; onClick?: (p: { name?: string }) => void }) => {
    if (onClick) clicks.set(label, onClick);
    else clicks.delete(label);
    return <div role="img" aria-label={label} />;
  },
  loadEcharts: () => Promise.resolve({}),
}));

const { default: DashboardPage } = await import('./DashboardPage');

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

// Out of order on purpose; by Vietnamese collation Đ comes after D and before E (not after Z).
const PROVINCES = [
  { code: '79', name: 'Thành phố Hồ Chí Minh', name_en: 'Ho Chi Minh City' },
  { code: '48', name: 'Đà Nẵng', name_en: 'Da Nang' },
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
  { code: '92', name: 'Cần Thơ', name_en: 'Can Tho' },
];

function mockApi(role: string, provinceCode: string | null) {
  const calls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    calls.push(url);
    const q = new URL(url, 'http://x').searchParams;
    if (url.startsWith('/api/v1/session'))
      return json(200, { user: { id: 1, username: 'a', display_name: 'A', role, province_code: provinceCode, entity_id: null, disabled: false }, csrf_token: 't' });
    if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
    if (url.startsWith('/api/v1/stats/entities')) {
      const total = q.get('province') === '48' ? 321 : 9999;
      // By province: a row per province (the map draws them); else no breakdown.
      const rows =
        q.get('group_by') === 'province'
          ? PROVINCES.map((p) => ({ keys: { province: p.code }, labels: { province: p.name }, value: p.code === '48' ? 321 : 100 }))
          : [];
      return json(200, { total, entities: total, rows });
    }
    if (url.startsWith('/api/v1/stats/flows')) return json(200, { total: 0, years: 1, yearly_average: 0, rows: [] });
    if (url.startsWith('/api/v1/stats/series')) return json(200, { points: [] });
    return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
  });
  return calls;
}

function renderAt(path: string) {
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

const stats = (calls: string[]) => calls.filter((c) => c.startsWith('/api/v1/stats/'));
const shown = (combo: HTMLElement) => combo.closest('.ant-select')!.textContent;

describe('dashboard province selector', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    clicks.clear();
  });

  it('drills into a province chosen with the keyboard, and back to the whole country', async () => {
    const calls = mockApi('national_admin', null);
    renderAt('/?as_of=2025-12-31');
    const combo = await screen.findByRole('combobox', { name: 'Tỉnh/thành' });
    expect(screen.getByTestId('dashboard-scope').textContent).toBe('Cả nước');
    await waitFor(() => expect(shown(combo)).toContain('Cả nước'));
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('9.999'));

    // The options: the whole country, then the provinces by their Vietnamese name.
    act(() => combo.focus());
    fireEvent.keyDown(combo, { key: 'ArrowDown', keyCode: 40 });
    const listbox = await screen.findByRole('listbox');
    const dropdown = listbox.closest('.ant-select-dropdown') as HTMLElement;
    await waitFor(() =>
      expect([...dropdown.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent)).toEqual([
        'Cả nước',
        'Cần Thơ',
        'Đà Nẵng',
        'Hà Nội',
        'Thành phố Hồ Chí Minh',
      ]),
    );

    // Type to narrow, Enter to choose: no mouse.
    fireEvent.change(combo, { target: { value: 'Đà' } });
    await waitFor(() => expect(within(dropdown).getAllByRole('option').length).toBeGreaterThan(0));
    const before = calls.length;
    fireEvent.keyDown(combo, { key: 'Enter', keyCode: 13 });

    await waitFor(() => expect(screen.getByTestId('dashboard-scope').textContent).toBe('Đà Nẵng'));
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('321'));
    const after = stats(calls.slice(before));
    expect(after.length).toBeGreaterThan(0);
    for (const c of after) expect(new URL(c, 'http://x').searchParams.get('province')).toBe('48');
    expect(after.every((c) => c.includes('2025-12-31'))).toBe(true);
    expect(shown(combo)).toContain('Đà Nẵng');

    // Clearing the choice returns to the whole country (the same as "Về cả nước").
    const clear = combo.closest('.ant-select')!.querySelector('.ant-select-clear') as HTMLElement;
    expect(clear).toBeTruthy();
    const mark = calls.length;
    fireEvent.mouseDown(clear);
    fireEvent.mouseUp(clear);
    fireEvent.click(clear);
    await waitFor(() => expect(screen.getByTestId('dashboard-scope').textContent).toBe('Cả nước'));
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('9.999'));
    expect(stats(calls.slice(mark)).every((c) => !new URL(c, 'http://x').searchParams.has('province'))).toBe(true);
  });

  it('shows the province a click on the map chose', async () => {
    const calls = mockApi('national_admin', null);
    renderAt('/?as_of=2025-12-31');
    const combo = await screen.findByRole('combobox', { name: 'Tỉnh/thành' });
    await waitFor(() => expect([...clicks.keys()].some((k) => k.startsWith('Biểu đồ: Bản đồ'))).toBe(true));
    const map = [...clicks.entries()].find(([k]) => k.startsWith('Biểu đồ: Bản đồ'))![1];
    const before = calls.length;
    act(() => map({ name: '01' }));
    await waitFor(() => expect(shown(combo)).toContain('Hà Nội'));
    expect(screen.getByTestId('dashboard-scope').textContent).toBe('Hà Nội');
    await waitFor(() => expect(stats(calls.slice(before)).length).toBeGreaterThan(0));
    for (const c of stats(calls.slice(before))) expect(new URL(c, 'http://x').searchParams.get('province')).toBe('01');
  });

  it('keeps a province-bound user on their province, with no selector', async () => {
    const calls = mockApi('province_officer', '48');
    renderAt('/?as_of=2025-12-31');
    await waitFor(() => expect(screen.getByTestId('dashboard-scope').textContent).toBe('Đà Nẵng'));
    await waitFor(() => expect(screen.getByTestId('kpi-entities').textContent).toContain('321'));
    expect(screen.queryByRole('combobox', { name: 'Tỉnh/thành' })).toBeNull();
    // Once the session is known, every request is of the user's province.
    const last = stats(calls).slice(-6);
    expect(last.every((c) => new URL(c, 'http://x').searchParams.get('province') === '48')).toBe(true);
  });
});

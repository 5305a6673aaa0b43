// The pivot page draws the stats API's answer as a table (Vietnamese number format, totals), asks
// the API once per question (not again to sort), and keeps its state in the address.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';

const { default: PivotPage } = await import('./PivotPage');

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const row = (province: string, kind: string, value: number) => ({
  keys: { province, kind },
  labels: { province: province === '01' ? 'Hà Nội' : 'Thành phố Hồ Chí Minh', kind: kind === 'cooperative' ? 'Hợp tác xã' : 'Tổ hợp tác' },
  value,
});

let location = '';
function Where() {
  const l = useLocation();
  location = l.pathname + l.search;
  return null;
}

describe('pivot page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws the answer with totals, sorts without asking again, keeps the state in the address', async () => {
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      calls.push(url);
      if (url.startsWith('/api/v1/session'))
        return json(200, { user: { id: 1, username: 'a', display_name: 'A', role: 'national_admin', province_code: null, entity_id: null, disabled: false }, csrf_token: 't' });
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }] });
      if (url.startsWith('/api/v1/stats/entities'))
        return json(200, { measure: 'count', as_of: '2025-12-31', group_by: ['province', 'kind'], total: 1238500, entities: 1238500, rows: [row('01', 'cooperative', 1234567), row('01', 'group', 3933), row('79', 'cooperative', 0)] });
      if (url.startsWith('/api/v1/views')) return json(200, { items: [], start_view_id: null });
      return json(404, { error: { code: 'not_found', message: url, fields: [] } });
    });
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter initialEntries={['/pivot?rows=province&cols=kind&as_of=2025-12-31']}>
            <PivotPage />
            <Where />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    const table = await screen.findByTestId('pivot-table');
    await waitFor(() => expect(table.dataset.ready).toBe('true'));
    const hanoi = screen.getByTestId('pivot-row-01');
    expect(within(hanoi).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.234.567', '3.933', '1.238.500']);
    expect(within(screen.getByTestId('pivot-total')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.234.567', '3.933', '1.238.500']);
    // No group row: a dash, not 0.
    expect(within(screen.getByTestId('pivot-row-79')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '—', '0']);
    expect(screen.getByTestId('pivot-question').textContent).toBe('Số tổ chức theo Tỉnh/thành và Loại hình');
    expect(calls.filter((c) => c.startsWith('/api/v1/stats/entities'))).toEqual(['/api/v1/stats/entities?group_by=province%2Ckind&as_of=2025-12-31']);
    // The XLSX link asks the server the same question.
    const xlsx = new URL(screen.getByTestId('pivot-xlsx').getAttribute('href') ?? '', 'http://x');
    expect(xlsx.pathname).toBe('/api/v1/stats/pivot');
    expect(Object.fromEntries(xlsx.searchParams)).toEqual({ rows: 'province', cols: 'kind', as_of: '2025-12-31', title: 'Số tổ chức theo Tỉnh/thành và Loại hình' });
    // Sort by the total, largest first: in the address, and without a new request.
    fireEvent.click(screen.getByTestId('pivot-sort-total'));
    await waitFor(() => expect(location).toBe('/pivot?rows=province&cols=kind&as_of=2025-12-31&sort=total&dir=desc'));
    const order = screen.getAllByRole('row').map((r) => r.getAttribute('data-testid')).filter(Boolean);
    expect(order).toEqual(['pivot-row-01', 'pivot-row-79', 'pivot-total']);
    expect(calls.filter((c) => c.startsWith('/api/v1/stats/entities'))).toHaveLength(1);
  });
});

// The entity page's "Cập nhật thông tin năm {year}" opens the entity's annual report for this
// year: the existing one, a new one, or (409 report_exists) the one the answer names.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { todayIso } from '../i18n/format';
import { fillsReportsOf } from './AnnualUpdate';
import EntityPage from './EntityPage';

const YEAR = todayIso().slice(0, 4);
const ENTITY = { id: 7, kind: 'cooperative', name: 'HTX Chè Tân Cương', province_code: '20', current_province_code: '20', commune_code: null, sector: 'agriculture', status: 'active', founded_on: '2015-03-01', registration_code: 'LS-7' };

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

function setup(user: Record<string, unknown>, reports: { list: unknown[]; create: () => Response }) {
  const posts: unknown[] = [];
  const lists: string[] = [];
  mockApi((url, init) => {
    if (url.startsWith('/api/v1/session')) return json(200, { user: { id: 1, username: 'u', display_name: 'U', disabled: false, province_code: null, entity_id: null, ...user }, csrf_token: 't' });
    if (url === '/api/v1/entities/7') return json(200, ENTITY);
    if (url.startsWith('/api/v1/entities/7/events')) return json(200, { items: [] });
    if (url.startsWith('/api/v1/reports?')) {
      lists.push(url);
      return json(200, { items: reports.list });
    }
    if (url === '/api/v1/reports' && init.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      return reports.create();
    }
    return undefined;
  });
  wrap(
    <Routes>
      <Route path="/registry/:id" element={<EntityPage />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    '/registry/7',
  );
  return { posts, lists };
}

describe('annual update from the entity page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is offered to the accounts that fill the entity’s reports only', () => {
    const e = { id: 7, current_province_code: '20' };
    expect(fillsReportsOf({ role: 'cooperative', entity_id: 7, province_code: null }, e)).toBe(true);
    expect(fillsReportsOf({ role: 'cooperative', entity_id: 8, province_code: null }, e)).toBe(false);
    expect(fillsReportsOf({ role: 'province_officer', entity_id: null, province_code: '20' }, e)).toBe(true);
    expect(fillsReportsOf({ role: 'province_admin', entity_id: null, province_code: '01' }, e)).toBe(false);
    expect(fillsReportsOf({ role: 'national_admin', entity_id: null, province_code: null }, e)).toBe(false);
    expect(fillsReportsOf(null, e)).toBe(false);
  });

  it('opens this year’s report when it exists', async () => {
    const { posts, lists } = setup({ role: 'cooperative', entity_id: 7 }, { list: [{ id: 41 }], create: () => json(500, {}) });
    fireEvent.click(await screen.findByRole('button', { name: `Cập nhật thông tin năm ${YEAR}` }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/reports/41'));
    const q = new URL(lists[0], 'http://x').searchParams;
    expect([q.get('form'), q.get('entity_id'), q.get('period')]).toEqual(['coop_annual_update', '7', YEAR]);
    expect(posts).toEqual([]);
  });

  it('creates it when there is none, and opens the one a 409 names', async () => {
    const { posts } = setup({ role: 'province_officer', province_code: '20' }, { list: [], create: () => json(201, { id: 52 }) });
    fireEvent.click(await screen.findByRole('button', { name: `Cập nhật thông tin năm ${YEAR}` }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/reports/52'));
    expect(posts).toEqual([{ form: 'coop_annual_update', period: YEAR, entity_id: 7 }]);
    vi.restoreAllMocks();
    document.body.innerHTML = '';
    setup({ role: 'province_admin', province_code: '20' }, { list: [], create: () => json(409, { error: { code: 'report_exists', message: 'Đã có.', fields: [] }, id: 63 }) });
    fireEvent.click(await screen.findByRole('button', { name: `Cập nhật thông tin năm ${YEAR}` }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/reports/63'));
  });
});

import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, screenWidth, wrap } from '../../tests/support';
import ApplicationsPage from './ApplicationsPage';
import { application, fund, session } from './fixtures';

const SLOW = 90_000;
// A whole dialog and its answers can take seconds on the shared CI cores while other files run.
beforeAll(() => configure({ asyncUtilTimeout: 20_000 }));
afterAll(() => configure({ asyncUtilTimeout: 5000 }));

const page = (path = '/fund/applications') =>
  wrap(
    <Routes>
      <Route path="/fund/applications" element={<ApplicationsPage />} />
      <Route path="/fund/applications/:id" element={<div data-testid="opened">opened</div>} />
    </Routes>,
    path,
  );

function api(role: string, seen: string[] = [], posts: { url: string; body: unknown }[] = []) {
  mockApi((url, init) => {
    seen.push(url);
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role === 'cooperative' ? null : '01', role === 'cooperative' ? 41 : null));
    if (url === '/api/v1/funds') return json(200, { items: [fund(), fund({ id: 1, name: 'Quỹ hỗ trợ phát triển HTX trung ương', province: null })] });
    if (init.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      return json(201, application({ id: 8, code: 'VV-2026-0008', status: 'submitted', appraisal: null }));
    }
    if (url.startsWith('/api/v1/loan-applications')) return json(200, { items: [application()], total: 1 });
    return undefined;
  });
}

describe('loan applications page', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'lists the applications with their flags and exact amounts, filtered from the address',
    async () => {
      const seen: string[] = [];
      api('province_officer', seen);
      page('/fund/applications?fund_id=3&status=appraised');
      const row = await screen.findByTestId('application-7');
      expect(seen).toContain('/api/v1/loan-applications?fund_id=3&status=appraised&limit=20&offset=0');
      expect(within(row).getByRole('link', { name: 'VV-2026-0007' }).getAttribute('href')).toBe('/fund/applications/7');
      expect(within(row).getByTestId('priority-women_managed')).toBeTruthy();
      expect(within(row).getByText('12.000.000 ₫')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'lets a cooperative apply for itself: no entity to pick, the fund’s rules shown',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('cooperative', [], posts);
      page();
      expect((await screen.findByTestId('application-add')).textContent).toBe('Nộp hồ sơ vay');
      fireEvent.click(screen.getByTestId('application-add'));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).queryByTestId('application-entity')).toBeNull();
      fireEvent.mouseDown(within(dialog).getByTestId('application-fund').querySelector('input') as HTMLElement);
      fireEvent.click(await screen.findByTitle('Quỹ hỗ trợ phát triển HTX Hà Nội'));
      expect((await within(dialog).findByTestId('application-rules')).textContent).toContain('500.000.000 ₫');
      fireEvent.change(within(dialog).getByTestId('application-amount'), { target: { value: '300000000' } });
      fireEvent.change(within(dialog).getByTestId('application-term'), { target: { value: '24' } });
      fireEvent.change(within(dialog).getByTestId('application-purpose'), { target: { value: 'Mua máy sấy nông sản' } });
      fireEvent.click(within(dialog).getByTestId('application-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({ url: '/api/v1/loan-applications', body: { fund_id: 3, amount_vnd: 300_000_000, purpose: 'Mua máy sấy nông sản', term_months: 24 } });
      expect(await screen.findByTestId('opened')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'gives staff the registry’s entity picker',
    async () => {
      api('province_officer');
      page();
      fireEvent.click(await screen.findByTestId('application-add'));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByTestId('application-entity')).toBeTruthy();
      expect(screen.getByTestId('application-add').textContent).toBe('Lập hồ sơ vay');
    },
    SLOW,
  );

  it(
    'shows cards and folds the filters into a drawer on a phone',
    async () => {
      const restore = screenWidth(360);
      try {
        api('province_officer');
        page();
        const card = await screen.findByTestId('application-card-7');
        expect(within(card).getByText('12.000.000 ₫')).toBeTruthy();
        expect(screen.queryByLabelText('Trạng thái')).toBeNull();
        fireEvent.click(screen.getByTestId('application-filters-open'));
        expect(await screen.findByLabelText('Trạng thái')).toBeTruthy();
      } finally {
        restore();
      }
    },
    SLOW,
  );
});

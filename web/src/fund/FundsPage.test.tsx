import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import { fund, session } from './fixtures';
import FundsPage from './FundsPage';

const SLOW = 90_000;
// A whole dialog and its answers can take seconds on the shared CI cores while other files run.
beforeAll(() => configure({ asyncUtilTimeout: 20_000 }));
afterAll(() => configure({ asyncUtilTimeout: 5000 }));

function api(role: string, posts: { url: string; method: string; body: unknown }[] = [], answer?: () => Response) {
  mockApi((url, init) => {
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '01'));
    if (url === '/api/v1/funds' && (init.method ?? 'GET') === 'GET') return json(200, { items: [fund(), fund({ id: 1, name: 'Quỹ trung ương', province: null })] });
    if (url.startsWith('/api/v1/users')) return json(200, { items: [{ id: 2, username: 'canbo.hanoi', display_name: 'Nguyễn Thị Hà', role: 'province_officer', province_code: '01' }], total: 1 });
    if (init.method === 'POST' || init.method === 'PATCH') {
      posts.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
      return answer?.() ?? json(201, fund());
    }
    return undefined;
  });
}

describe('funds page', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'shows each fund’s capital, rules, officers and lending exactly',
    async () => {
      api('province_officer');
      wrap(<FundsPage />, '/fund');
      const hn = await screen.findByTestId('fund-3');
      expect(within(hn).getByTestId('fund-capital').textContent).toBe('50.000.000.000 ₫');
      expect(within(hn).getByTestId('fund-outstanding').textContent).toBe('8.040.117 ₫');
      expect(hn.textContent).toContain('7,25 %/năm');
      expect(hn.textContent).toContain('Nguyễn Thị Hà');
      // An officer changes no fund.
      expect(screen.queryByTestId('fund-add')).toBeNull();
      expect(screen.queryByTestId('fund-edit-3')).toBeNull();
    },
    SLOW,
  );

  it(
    'lets a province administrator edit its province’s fund only, with nested field errors at their fields',
    async () => {
      const posts: { url: string; method: string; body: unknown }[] = [];
      api('province_admin', posts, () =>
        json(422, { error: { code: 'validation', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'rules.max_grace_months', code: 'fund_grace', message: 'Ân hạn tối đa phải nhỏ hơn thời hạn tối đa.' }] } }),
      );
      wrap(<FundsPage />, '/fund');
      await screen.findByTestId('fund-3');
      expect(screen.queryByTestId('fund-edit-1')).toBeNull();
      fireEvent.click(screen.getByTestId('fund-edit-3'));
      const dialog = await screen.findByRole('dialog');
      expect((within(dialog).getByTestId('fund-capital-input') as HTMLInputElement).value).toBe('50.000.000.000');
      fireEvent.click(within(dialog).getByTestId('fund-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({
        url: '/api/v1/funds/3',
        method: 'PATCH',
        body: {
          name: 'Quỹ hỗ trợ phát triển HTX Hà Nội',
          capital_vnd: 50_000_000_000,
          rules: { max_amount_vnd: 500_000_000, max_term_months: 36, default_rate_percent_year: '7.25', max_grace_months: 6 },
          officer_ids: [2],
        },
      });
      const msg = await within(dialog).findByText('Ân hạn tối đa phải nhỏ hơn thời hạn tối đa.');
      expect((msg.closest('.ant-form-item') as HTMLElement).textContent).toContain('Ân hạn gốc tối đa (tháng)');
    },
    SLOW,
  );
});

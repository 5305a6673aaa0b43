import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import ApplicationPage from './ApplicationPage';
import { application, fund, loan, session } from './fixtures';
import type { Application } from './types';

const SLOW = 90_000;
// A whole dialog and its answers can take seconds on the shared CI cores while other files run.
beforeAll(() => configure({ asyncUtilTimeout: 20_000 }));
afterAll(() => configure({ asyncUtilTimeout: 5000 }));

const page = () =>
  wrap(
    <Routes>
      <Route path="/fund/applications/:id" element={<ApplicationPage />} />
    </Routes>,
    '/fund/applications/7',
  );

function api(role: string, shown: Application, posts: { url: string; body: unknown }[] = [], answer?: (url: string) => Response | undefined) {
  mockApi((url, init) => {
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '01', role === 'cooperative' ? 41 : null));
    if (init.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      return answer?.(url);
    }
    if (url === '/api/v1/loan-applications/7/documents') return json(200, { items: [] });
    if (url === '/api/v1/loan-applications/7') return json(200, shown);
    if (url === '/api/v1/funds/3') return json(200, fund());
    return undefined;
  });
}

describe('loan application page', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'shows the priority flags prominently, the request, the appraisal and the documents',
    async () => {
      api('province_officer', application());
      page();
      expect((await screen.findByTestId('application-code')).textContent).toBe('VV-2026-0007');
      const priority = screen.getByTestId('application-priority');
      expect(within(priority).getByTestId('priority-women_managed').textContent).toBe('♀ Do phụ nữ quản lý');
      expect(within(priority).queryByTestId('priority-youth')).toBeNull();
      expect(priority.querySelector('.fund-flags-large')).toBeTruthy();
      expect(screen.getByTestId('application-amount').textContent).toBe('12.000.000 ₫');
      expect(screen.getByTestId('application-score').textContent).toBe('82/100');
      expect(await screen.findByText('Chưa có tài liệu nào.')).toBeTruthy();
      // Appraised: appraise again, approve, reject.
      const actions = screen.getByTestId('application-actions');
      expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Thẩm định lại', 'Phê duyệt cho vay', 'Từ chối']);
    },
    SLOW,
  );

  it(
    'approves with the fund’s rules shown and the API’s field errors at their fields',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('province_officer', application(), posts, () =>
        json(422, {
          error: {
            code: 'validation',
            message: 'Điều kiện vay không hợp lệ.',
            fields: [
              { field: 'amount_vnd', code: 'fund_amount_over_rule', message: 'Số tiền vượt mức vay tối đa của quỹ (500.000.000 đồng).' },
              { field: 'grace_months', code: 'fund_grace_over_rule', message: 'Ân hạn vượt mức tối đa của quỹ (6 tháng).' },
            ],
          },
        }),
      );
      page();
      fireEvent.click(await screen.findByTestId('application-approve'));
      const dialog = await screen.findByRole('dialog');
      const rules = await within(dialog).findByTestId('approve-rules');
      expect(rules.textContent).toContain('500.000.000 ₫');
      expect(rules.textContent).toContain('36 tháng');
      expect(rules.textContent).toContain('7,25 %/năm');
      // The fund's default rate, the application's amount and term.
      await waitFor(() => expect((within(dialog).getByTestId('terms-rate') as HTMLInputElement).value).toBe('7,25'));
      expect((within(dialog).getByTestId('terms-amount') as HTMLInputElement).value).toBe('12.000.000');
      fireEvent.change(within(dialog).getByTestId('terms-amount'), { target: { value: '600.000.000' } });
      fireEvent.change(within(dialog).getByTestId('terms-grace'), { target: { value: '12' } });
      fireEvent.click(within(dialog).getByTestId('approve-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0].url).toBe('/api/v1/loan-applications/7/approve');
      expect(posts[0].body).toMatchObject({ amount_vnd: 600_000_000, rate_percent_year: '7.25', term_months: 6, grace_months: 12, method: 'equal_instalment', frequency: 'monthly' });
      const amountItem = (await within(dialog).findByText('Số tiền vượt mức vay tối đa của quỹ (500.000.000 đồng).')).closest('.ant-form-item') as HTMLElement;
      expect(within(amountItem).getByTestId('terms-amount')).toBeTruthy();
      const graceItem = within(dialog).getByText('Ân hạn vượt mức tối đa của quỹ (6 tháng).').closest('.ant-form-item') as HTMLElement;
      expect(within(graceItem).getByTestId('terms-grace')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'approves and links the new loan',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('province_officer', application(), posts, () => json(201, loan()));
      page();
      fireEvent.click(await screen.findByTestId('application-approve'));
      const dialog = await screen.findByRole('dialog');
      await waitFor(() => expect((within(dialog).getByTestId('terms-rate') as HTMLInputElement).value).toBe('7,25'));
      fireEvent.change(within(dialog).getByTestId('terms-rate'), { target: { value: '6,5' } });
      fireEvent.click(within(dialog).getByTestId('approve-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect((posts[0].body as { rate_percent_year: string }).rate_percent_year).toBe('6.5');
      expect(await screen.findByText('Đã phê duyệt: khoản vay KV-2026-0011.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'appraises with a score and notes',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('province_officer', application({ status: 'submitted', appraisal: null }), posts, () => json(200, application()));
      page();
      await screen.findByTestId('application-code');
      expect(screen.queryByTestId('application-approve')).toBeNull();
      fireEvent.click(screen.getByTestId('application-appraise'));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByTestId('appraise-score'), { target: { value: '82' } });
      fireEvent.change(within(dialog).getByTestId('appraise-notes'), { target: { value: 'Phương án khả thi.' } });
      fireEvent.click(within(dialog).getByTestId('appraise-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({ url: '/api/v1/loan-applications/7/appraise', body: { score: 82, notes: 'Phương án khả thi.' } });
      expect(await screen.findByText('Đã ghi kết quả thẩm định.')).toBeTruthy();
      expect(screen.getByTestId('application-score').textContent).toBe('82/100');
    },
    SLOW,
  );

  it(
    'gives a cooperative its own application without the staff’s actions',
    async () => {
      api('cooperative', application({ status: 'submitted', appraisal: null }));
      page();
      await screen.findByTestId('application-code');
      expect(screen.queryByTestId('application-actions')).toBeNull();
      for (const id of ['application-appraise', 'application-approve', 'application-reject']) expect(screen.queryByTestId(id), id).toBeNull();
      // Its documents: it may add the business plan while the application is submitted.
      expect(await screen.findByText('Tải tài liệu lên')).toBeTruthy();
    },
    SLOW,
  );
});

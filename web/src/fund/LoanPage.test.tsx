import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, screenWidth, wrap } from '../../tests/support';
import { loan, REPAYMENTS, schedule, session } from './fixtures';
import LoanPage from './LoanPage';
import type { Loan } from './types';

const SLOW = 90_000;
// A whole dialog and its answers can take seconds on the shared CI cores while other files run.
beforeAll(() => configure({ asyncUtilTimeout: 20_000 }));
afterAll(() => configure({ asyncUtilTimeout: 5000 }));

const page = (path = '/fund/loans/11?as_of=2026-04-20') =>
  wrap(
    <Routes>
      <Route path="/fund/loans/:id" element={<LoanPage />} />
    </Routes>,
    path,
  );

function api(role: string, shown: Loan = loan(), seen: string[] = [], posts: { url: string; body: unknown }[] = [], answer?: (url: string) => Response | undefined) {
  mockApi((url, init) => {
    seen.push(url);
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '01', role === 'cooperative' ? 41 : null));
    if (init.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      return answer?.(url);
    }
    if (url.startsWith('/api/v1/loans/11/schedule')) return json(200, schedule());
    if (url === '/api/v1/loans/11/repayments') return json(200, { items: REPAYMENTS });
    // The loan on another date: what closes it then.
    if (url === '/api/v1/loans/11?as_of=2026-04-25') return json(200, loan({ as_of: '2026-04-25', to_close_vnd: 8_130_001 }));
    if (url.startsWith('/api/v1/loans/11')) return json(200, shown);
    return undefined;
  });
}

describe('loan page', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'shows every schedule line with its state in words and in colour, and exact đồng in the tables',
    async () => {
      api('province_officer');
      page();
      const table = await screen.findByTestId('loan-schedule');
      await waitFor(() => expect(table.querySelectorAll('tbody tr[data-state]')).toHaveLength(6));
      const rows = [...table.querySelectorAll('tbody tr[data-state]')];
      // State: the data attribute, the class (the colour and bar) and the words.
      expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['paid', 'paid', 'overdue', 'due', 'future', 'future']);
      expect(rows.map((r) => [...r.classList].find((c) => c.startsWith('fund-line-')))).toEqual([
        'fund-line-paid', 'fund-line-paid', 'fund-line-overdue', 'fund-line-due', 'fund-line-future', 'fund-line-future',
      ]);
      expect(rows.map((r) => within(r as HTMLElement).getByTestId(`line-${rows.indexOf(r) + 1}-state`).textContent)).toEqual([
        '✓ Đã trảtrả xong ngày 14/02/2026',
        '✓ Đã trảtrả xong ngày 15/03/2026',
        '! Quá hạn',
        '● Đến hạn',
        '○ Chưa đến hạn',
        '○ Chưa đến hạn',
      ]);
      // Line 3: 1.988.000 principal + 82.000 interest = 2.070.000 due, 1.000.000 paid, exact.
      const cells = [...rows[2].querySelectorAll('td')].map((td) => td.textContent);
      expect(cells.slice(0, 7)).toEqual(['3', '15/04/2026', '1.988.000 ₫', '82.000 ₫', '2.070.000 ₫', '1.000.000 ₫', '6.085.000 ₫']);
      // Totals: 12.000.000 principal, 418.000 interest, 12.418.000 due, 5.140.000 paid.
      const totals = screen.getByTestId('schedule-totals');
      expect([...totals.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Cộng', '12.000.000 ₫', '418.000 ₫', '12.418.000 ₫', '5.140.000 ₫', '']);
      // Repayments with their allocation, line 0 being principal repaid in advance.
      const alloc = await screen.findByTestId('repayment-6-allocation');
      expect([...alloc.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
        'Kỳ 3: lãi 82.000 ₫, gốc 918.000 ₫',
        'Trả gốc trước hạn: 500.000 ₫',
      ]);
      expect(within(screen.getByTestId('loan-disbursements')).getByText('12.000.000 ₫')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'shows the headline numbers compact on the cards, exact in their title and accessible name',
    async () => {
      api('province_officer');
      page();
      const card = await screen.findByTestId('kpi-outstanding');
      const value = card.querySelector('.fund-kpi-value') as HTMLElement;
      // Seen: the compact form; pointed at and read out: the exact đồng.
      expect(value.querySelector('[aria-hidden="true"]')?.textContent).toBe('8,04 triệu đồng');
      expect(value.getAttribute('title')).toBe('8.040.117 ₫');
      expect(value.querySelector('.sr-only')?.textContent).toBe('8.040.117 ₫');
      expect(screen.getByTestId('kpi-overdue').textContent).toContain('Gốc 1.000.000 ₫ · lãi 12.345 ₫');
      expect(screen.getByTestId('kpi-arrears').textContent).toBe('Số ngày quá hạn5');
      expect((screen.getByTestId('kpi-to-close').querySelector('.fund-kpi-value') as HTMLElement).getAttribute('title')).toBe('8.123.456 ₫');
      expect(screen.getByTestId('loan-arrears').textContent).toBe('Quá hạn 5 ngày');
      expect(screen.getByTestId('priority-women_managed').textContent).toContain('Do phụ nữ quản lý');
    },
    SLOW,
  );

  it(
    'asks the schedule as of the date in the address, and an older version when one is chosen',
    async () => {
      const seen: string[] = [];
      api('province_officer', loan({ reschedulings: [{ version: 1, on: '2026-03-20', reason: 'Mất mùa', terms: loan().terms, by: 'canbo.hanoi', at: '2026-03-20T08:00:00Z' }] }), seen);
      page();
      await screen.findByTestId('loan-version');
      expect(seen).toContain('/api/v1/loans/11/schedule?as_of=2026-04-20');
      expect(seen).toContain('/api/v1/loans/11?as_of=2026-04-20');
      fireEvent.mouseDown(within(screen.getByTestId('loan-version')).getByRole('combobox'));
      fireEvent.click(await screen.findByTitle('Lịch ban đầu (trước lần cơ cấu 1)'));
      await waitFor(() => expect(seen).toContain('/api/v1/loans/11/schedule?as_of=2026-04-20&version=0'));
      expect(screen.getByTestId('loan-reschedulings').textContent).toContain('Lần 1, hiệu lực 20/03/2026: Mất mùa');
    },
    SLOW,
  );

  it(
    'records a repayment, showing what closes the loan on the chosen date',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('province_officer', loan(), [], posts, () => json(201, { repayment: REPAYMENTS[1], loan: loan() }));
      page();
      fireEvent.click(await screen.findByTestId('loan-repay'));
      const dialog = await screen.findByRole('dialog');
      const date = within(dialog).getByLabelText('Ngày') as HTMLInputElement;
      fireEvent.mouseDown(date);
      const expected = 'Số tiền để tất toán ngày 25/04/2026: 8.130.001 ₫';
      const type = () => {
        fireEvent.change(date, { target: { value: '25/04/2026' } });
        fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
      };
      type();
      // On a loaded machine the picker's panel once opened after the typing and put today's date back
      // (make test, 9d4607a): a user types the date again.
      await waitFor(() => {
        if (within(dialog).getByTestId('repay-to-close').textContent !== expected && date.value !== '25/04/2026') type();
        expect(within(dialog).getByTestId('repay-to-close').textContent).toBe(expected);
      });
      fireEvent.click(within(dialog).getByTestId('repay-use-to-close'));
      expect((within(dialog).getByTestId('repay-amount') as HTMLInputElement).value).toBe('8.130.001');
      fireEvent.click(within(dialog).getByTestId('repay-form-ok'));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({ url: '/api/v1/loans/11/repayments', body: { date: '2026-04-25', amount_vnd: 8_130_001 } });
      expect(await screen.findByText('Đã ghi nhận trả nợ.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'shows the API’s field errors at their fields in the disbursement dialog',
    async () => {
      api('province_officer', loan({ status: 'approved', disbursed_vnd: 0 }), [], [], () =>
        json(422, {
          error: {
            code: 'validation',
            message: 'Dữ liệu không hợp lệ.',
            fields: [{ field: 'amount_vnd', code: 'fund_disbursement_exceeds', message: 'Số tiền giải ngân vượt số còn được giải ngân (12.000.000 đồng).' }],
          },
        }),
      );
      page();
      fireEvent.click(await screen.findByTestId('loan-disburse'));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByTestId('disburse-left').textContent).toBe('Còn được giải ngân: 12.000.000 ₫');
      fireEvent.click(within(dialog).getByTestId('disburse-form-ok'));
      const item = await waitFor(() => {
        const el = within(dialog).getByText('Số tiền giải ngân vượt số còn được giải ngân (12.000.000 đồng).');
        return el.closest('.ant-form-item') as HTMLElement;
      });
      expect(within(item).getByTestId('disburse-amount')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'gives a cooperative its own loan without any staff action',
    async () => {
      api('cooperative', loan({ write_off: { status: 'requested', on: '2026-04-20', reason: 'x', requested_by: 'a', requested_at: '2026-04-20T00:00:00Z', decided_by: null, decided_at: null, principal_vnd: 1 } }));
      page();
      await screen.findByTestId('loan-code');
      await screen.findByTestId('loan-schedule');
      expect(screen.queryByTestId('loan-actions')).toBeNull();
      for (const id of ['loan-disburse', 'loan-repay', 'loan-reschedule', 'loan-write-off', 'loan-write-off-approve', 'loan-write-off-reject'])
        expect(screen.queryByTestId(id), id).toBeNull();
    },
    SLOW,
  );

  it(
    'offers an administrator to approve or reject a requested write-off, and says the server’s refusal',
    async () => {
      api(
        'province_admin',
        loan({ write_off: { status: 'requested', on: '2026-04-20', reason: 'Đơn vị giải thể', requested_by: 'canbo.hanoi', requested_at: '2026-04-20T00:00:00Z', decided_by: null, decided_at: null, principal_vnd: 8_040_117 } }),
        [],
        [],
        () => json(403, { error: { code: 'fund_write_off_same_user', message: 'Người đề nghị xóa nợ không tự duyệt được.', fields: [] } }),
      );
      page();
      expect((await screen.findByTestId('loan-write-off-state')).textContent).toContain('Đang chờ duyệt: 8.040.117 ₫ từ ngày 20/04/2026 — Đơn vị giải thể');
      expect(screen.queryByTestId('loan-write-off')).toBeNull();
      fireEvent.click(screen.getByTestId('loan-write-off-approve'));
      const dialog = await screen.findByRole('dialog');
      fireEvent.click(within(dialog).getByTestId('write-off-approve-ok'));
      expect((await within(dialog).findByTestId('fund-dialog-error')).textContent).toContain('Người đề nghị xóa nợ không tự duyệt được.');
    },
    SLOW,
  );

  it(
    'shows the schedule on a phone as one block per line, the state in words, the amounts whole',
    async () => {
      const restore = screenWidth(360);
      try {
        api('province_officer');
        page();
        const line3 = await screen.findByTestId('line-3');
        const blocks = screen.getByTestId('loan-schedule').querySelectorAll('li[data-state]');
        expect([...blocks].map((b) => b.getAttribute('data-state'))).toEqual(['paid', 'paid', 'overdue', 'due', 'future', 'future']);
        expect(line3.className).toContain('fund-line-overdue');
        expect(within(line3).getByTestId('line-3-state').textContent).toBe('! Quá hạn');
        expect(line3.textContent).toContain('Phải trả2.070.000 ₫');
        expect(line3.textContent).toContain('Đã trả1.000.000 ₫');
        expect(screen.getByTestId('schedule-totals').textContent).toContain('12.418.000 ₫');
      } finally {
        restore();
      }
    },
    SLOW,
  );
});

// The support fund's scenarios (issue 18), against the contract /work/contracts/fund-api.md:
//  1. fund-workflow: Hà Nội's province officer (the seed's canbo.hanoi), through the header's
//     "Công tác" menu, makes an application for a women-managed cooperative of the registry
//     (E2E-GEN-009, picked by its name typed without diacritics), appraises it, approves it
//     (equal instalments, monthly, the fund's default rate), disburses it, records a repayment of
//     the first instalment (the dialog offers the instalment and shows what closes the loan), then
//     opens the loan as of two months and five days later: line 1 paid, line 2 overdue, line 3
//     due, the rest not yet due — each said in words — and each amount exactly the API's;
//  2. fund-portfolio: the portfolio grouped by province: its totals row is, cell for cell,
//     GET /api/v1/loans/portfolio's totals; the women-managed share card; the files' links;
//  3. fund-phone: the funds, applications, an application, loans, a loan and the portfolio at
//     360 px, nothing wider than the phone; axe on each.
// The Hà Nội fund is made through the API by the administrator when it is not there (funds are
// the administrators'); a scenario run alone makes the loan it needs through the API.
import assert from 'node:assert/strict';
import { ApiClient, openFromMenu } from './harness.mjs';
import { axe } from './daily.mjs';
import { PASSWORD } from './seed.mjs';
import { eventually, login, noHorizontalScroll } from './scenarios.mjs';

const PROVINCE = '01';
const OFFICER = 'canbo.hanoi';
const COOP_CODE = 'E2E-GEN-009'; // i = 8 of the seed: Hà Nội, women-managed, a cooperative
const COOP_NAME = 'Hợp tác xã Dịch vụ Thương mại Hà Nội số 9';
const FUND_NAME = 'Quỹ hỗ trợ phát triển hợp tác xã thành phố Hà Nội';
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
// Today in Việt Nam (UTC+07:00), the server's day: from 17:00 UTC it is already tomorrow there.
const TODAY = iso(new Date(Date.now() + 7 * 3_600_000));
/** `days` days after the ISO date `from`. */
const plusDays = (from, days) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
};
/** `months` months after `from`, the day clamped to the month's end (as the schedule counts). */
const plusMonths = (from, months) => {
  const [y, m, day] = from.split('-').map(Number);
  const total = y * 12 + m - 1 + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-${pad(Math.min(day, last))}`;
};
/** Money as the pages write it in tables: "12.000.000 ₫". */
const money = (vnd) => `${new Intl.NumberFormat('vi-VN').format(vnd)} ₫`;
const vnDate = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The Hà Nội fund (made by the administrator once; a second run finds it). */
async function hanoiFund(admin) {
  const found = (await admin.must('GET', '/api/v1/funds')).items.find((f) => f.province?.code === PROVINCE);
  if (found) return found;
  const officer = (await admin.must('GET', '/api/v1/users')).items.find((u) => u.username === OFFICER);
  return admin.must('POST', '/api/v1/funds', {
    name: FUND_NAME,
    province: PROVINCE,
    capital_vnd: 20_000_000_000,
    rules: { max_amount_vnd: 500_000_000, max_term_months: 36, default_rate_percent_year: '7.5', max_grace_months: 6 },
    ...(officer ? { officer_ids: [officer.id] } : {}),
  });
}

/** A disbursed loan of the women-managed cooperative with its first instalment repaid (through the API). */
async function someLoan(base, admin, ids) {
  const fund = await hanoiFund(admin);
  const officer = await new ApiClient(base).login(OFFICER, PASSWORD);
  // A loan of the workflow scenario counts only once it is disbursed (that scenario may have stopped before).
  const mine = await officer.must('GET', `/api/v1/loans?fund_id=${fund.id}&entity_id=${ids[COOP_CODE]}&status=active`);
  if (mine.items.length) return { fund, loan: mine.items[0] };
  const app = await officer.must('POST', '/api/v1/loan-applications', {
    fund_id: fund.id,
    entity_id: ids[COOP_CODE],
    amount_vnd: 120_000_000,
    purpose: 'Mua xe tải nhỏ chở hàng cho thành viên',
    term_months: 12,
  });
  await officer.must('POST', `/api/v1/loan-applications/${app.id}/appraise`, { score: 80, notes: 'Khả thi' });
  const loan = await officer.must('POST', `/api/v1/loan-applications/${app.id}/approve`, {
    amount_vnd: 120_000_000,
    rate_percent_year: '7.5',
    term_months: 12,
    grace_months: 0,
    method: 'equal_instalment',
    frequency: 'monthly',
    first_due_on: plusMonths(TODAY, 1),
  });
  await officer.must('POST', `/api/v1/loans/${loan.id}/disbursements`, { date: TODAY, amount_vnd: 120_000_000 });
  const first = (await officer.must('GET', `/api/v1/loans/${loan.id}/schedule`)).lines[0];
  await officer.must('POST', `/api/v1/loans/${loan.id}/repayments`, { date: TODAY, amount_vnd: first.total_vnd });
  return { fund, loan: await officer.must('GET', `/api/v1/loans/${loan.id}`) };
}

/** Opens the dialog of `button` (a test id), fills it, confirms it with its OK (`form` test id + "-ok"), waits for `notice`. */
async function act(page, button, form, fill, notice) {
  await page.getByTestId(button).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await page.getByTestId(`${form}-ok`).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('fund-notice').getByText(notice).waitFor();
}

/** Each schedule line's number, state (its data attribute) and the words of its state cell. */
async function lineStates(page) {
  return page
    .getByTestId('loan-schedule')
    .locator('tbody tr[data-state]')
    .evaluateAll((rows) => rows.map((r) => [r.dataset.testid, r.dataset.state, r.querySelector('.fund-state')?.textContent?.trim() ?? '']));
}

export const fundScenarios = [
  {
    name: 'fund-workflow',
    needs: 'fund',
    // axe is injected as an inline script, which the server's CSP forbids (as it should).
    context: { bypassCSP: true },
    async run(page, { base, admin, ids, shot }) {
      const fund = await hanoiFund(admin);
      const officer = await new ApiClient(base).login(OFFICER, PASSWORD);
      await login(page, base, OFFICER, PASSWORD);
      // The header's "Công tác" menu → "Quỹ hỗ trợ".
      await openFromMenu(page, 'nav-work', 'Quỹ hỗ trợ', page.getByTestId('funds-page'));
      await page.getByTestId(`fund-${fund.id}`).getByTestId('fund-capital').getByText(money(fund.capital_vnd)).waitFor();
      await shot(page, '90-quy-ho-tro-1280');

      // The application, for the women-managed cooperative picked in the registry.
      await page.getByRole('link', { name: 'Hồ sơ vay', exact: true }).click();
      await page.getByTestId('applications-page').waitFor();
      await page.getByTestId('application-add').click();
      const form = page.getByTestId('application-form');
      await form.waitFor();
      await form.getByTestId('application-fund').click();
      await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${fund.name}"]`).click();
      await form.getByTestId('application-rules').waitFor();
      await form.getByTestId('application-entity').click();
      await page.keyboard.type('dich vu thuong mai ha noi so 9');
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: COOP_NAME }).first().click();
      await form.getByTestId('application-amount').fill('120000000');
      await form.getByTestId('application-term').fill('12');
      const token = Date.now().toString(36);
      await form.getByTestId('application-purpose').fill(`Mua máy sấy nông sản cho thành viên (${token})`);
      await shot(page, '91-ho-so-vay-moi-1280');
      await page.getByTestId('application-form-ok').click();

      // The application: submitted, the women-managed flag shown to the appraiser.
      await page.getByTestId('application-page').waitFor();
      const code = (await page.getByTestId('application-code').innerText()).trim();
      assert.match(code, /^VV-\d{4}-\d+$/, `the application's code: ${code}`);
      const applicationId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByTestId('application-priority').getByTestId('priority-women_managed').waitFor();
      assert.equal((await page.getByTestId('application-status').first().innerText()).trim(), 'Đã nộp');
      await page.getByTestId('application-amount').getByText(money(120_000_000)).waitFor();

      await act(
        page,
        'application-appraise',
        'appraise-form',
        async (dialog) => {
          await dialog.getByTestId('appraise-score').fill('85');
          await dialog.getByTestId('appraise-notes').fill('Phương án kinh doanh khả thi, thành viên góp vốn đủ.');
        },
        'Đã ghi kết quả thẩm định.',
      );
      await page.getByTestId('application-score').getByText('85/100').waitFor();

      // Approved: equal instalments, monthly (the defaults), the fund's rules beside the terms.
      await act(
        page,
        'application-approve',
        'approve-form',
        async (dialog) => {
          await dialog.getByTestId('approve-rules').waitFor();
          await eventually(async () => (await dialog.getByTestId('terms-rate').inputValue()) !== '', 'the fund’s default rate');
          assert.equal(await dialog.getByTestId('terms-amount').inputValue(), '120.000.000');
          assert.ok((await dialog.getByTestId('terms-method').innerText()).includes('Trả đều hằng kỳ'), 'equal instalments');
          assert.ok((await dialog.getByTestId('terms-frequency').innerText()).includes('Hằng tháng'), 'monthly');
          await shot(page, '92-phe-duyet-1280');
        },
        'Đã phê duyệt',
      );
      const application = await officer.must('GET', `/api/v1/loan-applications/${applicationId}`);
      assert.equal(application.status, 'approved');
      assert.equal(application.decision.terms.method, 'equal_instalment');
      assert.equal(application.decision.terms.frequency, 'monthly');
      assert.deepEqual(application.priority, { women_managed: true, youth: false }, 'the registry’s flags kept with the application');
      await page.getByTestId('application-loan-link').click();

      // The loan: disbursed in full today, then the first instalment repaid.
      await page.getByTestId('loan-page').waitFor();
      const loanId = Number(new URL(page.url()).pathname.split('/').pop());
      await act(
        page,
        'loan-disburse',
        'disburse-form',
        async (dialog) => {
          await dialog.getByTestId('disburse-left').getByText(money(120_000_000)).waitFor();
        },
        'Đã ghi nhận giải ngân.',
      );
      await page.getByTestId('loan-status').getByText('Đang trả nợ').waitFor();
      const before = await officer.must('GET', `/api/v1/loans/${loanId}/schedule`);
      const first = before.lines[0];
      assert.equal(before.lines.length, 12, 'twelve monthly lines');
      await act(
        page,
        'loan-repay',
        'repay-form',
        async (dialog) => {
          const toClose = (await officer.must('GET', `/api/v1/loans/${loanId}?as_of=${TODAY}`)).to_close_vnd;
          await dialog.getByTestId('repay-to-close').getByText(`Số tiền để tất toán ngày ${vnDate(TODAY)}: ${money(toClose)}`).waitFor();
          // The next instalment is offered.
          assert.equal(await dialog.getByTestId('repay-amount').inputValue(), new Intl.NumberFormat('vi-VN').format(first.total_vnd));
          await shot(page, '93-tra-no-1280');
        },
        'Đã ghi nhận trả nợ.',
      );
      const repayments = await officer.must('GET', `/api/v1/loans/${loanId}/repayments`);
      assert.equal(repayments.items.length, 1);
      assert.equal(repayments.items[0].amount_vnd, first.total_vnd);

      // Two months and five days later: line 1 paid, line 2 overdue, line 3 due, the rest future.
      const asOf = plusDays(plusMonths(TODAY, 2), 5);
      await page.goto(`${base}/app/fund/loans/${loanId}?as_of=${asOf}`);
      await page.getByTestId('loan-schedule').locator('tbody tr[data-state]').first().waitFor();
      const api = await officer.must('GET', `/api/v1/loans/${loanId}/schedule?as_of=${asOf}`);
      const expected = api.lines.map((l) => l.state);
      assert.deepEqual(expected.slice(0, 4), ['paid', 'overdue', 'due', 'future'], `the API's states as of ${asOf}`);
      const words = { paid: '✓ Đã trả', partly_paid: '◐ Trả một phần', overdue: '! Quá hạn', due: '● Đến hạn', future: '○ Chưa đến hạn' };
      await eventually(async () => JSON.stringify((await lineStates(page)).map((x) => x[1])) === JSON.stringify(expected), 'the lines’ states');
      for (const [testid, state, text] of await lineStates(page)) assert.equal(text, words[state], `${testid}: ${state}`);
      // Exact amounts, as the API has them.
      const cells = await page.getByTestId('line-1').locator('td').allInnerTexts();
      assert.deepEqual(cells.slice(2, 6), [money(first.principal_vnd), money(first.interest_vnd), money(first.total_vnd), money(first.total_vnd)]);
      const loan = await officer.must('GET', `/api/v1/loans/${loanId}?as_of=${asOf}`);
      assert.ok(loan.days_in_arrears > 0, 'in arrears on that date');
      assert.equal(await page.getByTestId('kpi-outstanding').locator('.fund-kpi-value').getAttribute('title'), money(loan.outstanding_principal_vnd));
      await page.getByTestId('kpi-arrears').getByText(String(loan.days_in_arrears), { exact: true }).waitFor();
      await page.getByTestId('loan-repayments').getByText(money(first.total_vnd)).first().waitFor();
      await page.waitForLoadState('networkidle');
      await axe(page, 'a loan at 1280px');
      await shot(page, '94-khoan-vay-1280');
    },
  },
  {
    name: 'fund-portfolio',
    needs: 'fund',
    // axe is injected as an inline script, which the server's CSP forbids (as it should).
    context: { bypassCSP: true },
    async run(page, { base, admin, ids, shot }) {
      await someLoan(base, admin, ids);
      const officer = await new ApiClient(base).login(OFFICER, PASSWORD);
      await login(page, base, OFFICER, PASSWORD);
      await page.goto(`${base}/app/fund/portfolio?as_of=${TODAY}&group_by=province`);
      const totalsRow = page.getByTestId('portfolio-totals');
      await totalsRow.waitFor();
      const pf = await officer.must('GET', `/api/v1/loans/portfolio?as_of=${TODAY}&group_by=province`);
      const tot = pf.totals;
      const pct = (s) => `${s.replace('.', ',')} %`;
      const n = (v) => new Intl.NumberFormat('vi-VN').format(v);
      const expected = [
        'Cộng', n(tot.loans_active), n(tot.loans_in_arrears), money(tot.outstanding_principal_vnd), money(tot.par30_vnd), pct(tot.par30_percent),
        money(tot.par90_vnd), pct(tot.par90_percent), money(tot.disbursed_vnd), money(tot.principal_repaid_vnd), money(tot.interest_repaid_vnd),
        money(tot.written_off_vnd),
      ];
      await eventually(async () => JSON.stringify((await totalsRow.locator('td').allInnerTexts()).map((s) => s.trim())) === JSON.stringify(expected), `the totals row: ${expected.join(' | ')}`);
      assert.ok(tot.outstanding_principal_vnd > 0, 'some outstanding principal');
      // The rows add up to the totals (each row as the API answers it).
      const rows = await page.getByTestId('portfolio-table').locator('tbody tr[data-testid^="portfolio-row-"]').count();
      assert.equal(rows, pf.rows.length, 'one line per group');
      assert.equal(pf.rows.reduce((s, r) => s + r.outstanding_principal_vnd, 0), tot.outstanding_principal_vnd, 'the API’s rows add up');
      await page.getByTestId('kpi-women').getByText(pct(pf.women.outstanding_share_percent), { exact: true }).waitFor();
      assert.equal(await page.getByTestId('kpi-outstanding').locator('.fund-kpi-value').getAttribute('title'), money(tot.outstanding_principal_vnd));
      assert.equal(await page.getByTestId('portfolio-export-csv').getAttribute('href'), `/api/v1/loans/portfolio/export?format=csv&as_of=${TODAY}&group_by=province`);
      await page.getByTestId('portfolio-chart').locator('canvas, [data-testid="portfolio-chart-empty"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      await axe(page, 'the portfolio at 1280px');
      await shot(page, '95-danh-muc-cho-vay-1280');
      // Last: the file behind the CSV link (the contract's GET /loans/portfolio/export).
      const csv = await officer.call('GET', `/api/v1/loans/portfolio/export?format=csv&as_of=${TODAY}&group_by=province`);
      assert.equal(csv.status, 200, `the CSV file: ${csv.status} ${JSON.stringify(csv.json)?.slice(0, 200)}`);
    },
  },
  {
    name: 'fund-phone',
    needs: 'fund',
    async run(page, { base, admin, ids, browser, shot }) {
      const { loan } = await someLoan(base, admin, ids);
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', bypassCSP: true });
      const p = await context.newPage();
      p.setDefaultTimeout(10_000);
      try {
        await login(p, base, OFFICER, PASSWORD);
        const asOf = plusDays(plusMonths(TODAY, 2), 5);
        const pages = [
          ['/fund', 'funds-page', '96-quy-360'],
          ['/fund/applications', 'applications-page', '97-ho-so-360'],
          [`/fund/applications/${loan.application_id}`, 'application-priority', '98-ho-so-chi-tiet-360'],
          ['/fund/loans', 'loans-page', '99-khoan-vay-360'],
          [`/fund/loans/${loan.id}?as_of=${asOf}`, 'loan-schedule', '100-khoan-vay-chi-tiet-360'],
          [`/fund/portfolio?as_of=${TODAY}`, 'portfolio-totals', '101-danh-muc-360'],
        ];
        for (const [path, testId, name] of pages) {
          await p.goto(base + '/app' + path);
          await p.getByTestId(testId).waitFor();
          await p.waitForLoadState('networkidle');
          await noHorizontalScroll(p);
          // Headline numbers whole: no card's value passes its card's edge.
          const cut = await p.evaluate(() =>
            [...document.querySelectorAll('.fund-kpi-value')].filter((e) => e.getBoundingClientRect().right > e.closest('.fund-kpi').getBoundingClientRect().right + 1).length,
          );
          assert.equal(cut, 0, `headline numbers cut off on ${path}`);
          await axe(p, `${path} at 360px`);
          await shot(p, name);
        }
      } finally {
        await context.close();
      }
    },
  },
];

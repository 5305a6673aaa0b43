// Answers of the fund API for the pages' tests, shaped as docs/api/openapi.yaml says.
// The loan: 12 000 000 đ at 12 %/year over 6 months, equal instalments, monthly, disbursed
// 15/01/2026, first due 15/02/2026; seen on 20/04/2026: lines 1–2 paid, line 3 (15/04) paid in
// part and overdue 5 days, line 4 (15/05) the current one, 5–6 future.
import type { Application, Fund, Loan, Portfolio, Repayment, Schedule } from './types';

export function session(role: string, province: string | null = '01', entity: number | null = null, id = 2) {
  return {
    user: { id, username: role === 'cooperative' ? 'htx.hanoi' : 'canbo.hanoi', display_name: 'Nguyễn Thị Hà', role, province_code: province, entity_id: entity, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export function fund(over: Partial<Fund> = {}): Fund {
  return {
    id: 3,
    name: 'Quỹ hỗ trợ phát triển HTX Hà Nội',
    province: { code: '01', name: 'Hà Nội' },
    capital_vnd: 50_000_000_000,
    rules: { max_amount_vnd: 500_000_000, max_term_months: 36, default_rate_percent_year: '7.25', max_grace_months: 6 },
    officers: [{ id: 2, username: 'canbo.hanoi', display_name: 'Nguyễn Thị Hà' }],
    summary: { applications_open: 2, loans_active: 1, outstanding_principal_vnd: 8_040_117 },
    created_at: '2026-01-02T08:00:00Z',
    ...over,
  };
}

export function application(over: Partial<Application> = {}): Application {
  return {
    id: 7,
    code: 'VV-2026-0007',
    fund: { id: 3, name: 'Quỹ hỗ trợ phát triển HTX Hà Nội' },
    entity: { id: 41, name: 'Hợp tác xã Dịch vụ Thương mại Hà Nội số 9', kind: 'cooperative', province: { code: '01', name: 'Hà Nội' }, sector: 'trade_services' },
    amount_vnd: 12_000_000,
    purpose: 'Mua máy sấy nông sản',
    term_months: 6,
    collateral: null,
    status: 'appraised',
    priority: { women_managed: true, youth: false },
    appraisal: { score: 82, notes: 'Phương án khả thi.', by: 'canbo.hanoi', at: '2026-01-10T09:00:00Z' },
    decision: null,
    loan_id: null,
    submitted_by: 'canbo.hanoi',
    submitted_at: '2026-01-05T08:00:00Z',
    documents: [],
    ...over,
  };
}

export function loan(over: Partial<Loan> = {}): Loan {
  return {
    id: 11,
    code: 'KV-2026-0011',
    fund: { id: 3, name: 'Quỹ hỗ trợ phát triển HTX Hà Nội' },
    entity: { id: 41, name: 'Hợp tác xã Dịch vụ Thương mại Hà Nội số 9' },
    application_id: 7,
    terms: {
      amount_vnd: 12_000_000,
      rate_percent_year: '12',
      term_months: 6,
      grace_months: 0,
      method: 'equal_instalment',
      frequency: 'monthly',
      first_due_on: '2026-02-15',
    },
    status: 'active',
    priority: { women_managed: true, youth: false },
    as_of: '2026-04-20',
    disbursed_vnd: 12_000_000,
    principal_repaid_vnd: 3_959_883,
    interest_repaid_vnd: 232_000,
    outstanding_principal_vnd: 8_040_117,
    overdue_principal_vnd: 1_000_000,
    overdue_interest_vnd: 12_345,
    to_close_vnd: 8_123_456,
    days_in_arrears: 5,
    next_due: { due_on: '2026-05-15', amount_vnd: 2_070_000 },
    write_off: null,
    reschedulings: [],
    disbursements: [{ id: 1, date: '2026-01-15', amount_vnd: 12_000_000, by: 'canbo.hanoi', at: '2026-01-15T08:00:00Z' }],
    ...over,
  };
}

const line = (number: number, due_on: string, principal: number, interest: number, paid: number, balance: number, state: Schedule['lines'][0]['state'], paid_on: string | null = null) => ({
  number,
  version: 0,
  from: '',
  due_on,
  principal_vnd: principal,
  interest_vnd: interest,
  total_vnd: principal + interest,
  paid_vnd: paid,
  balance_after_vnd: balance,
  state,
  paid_on,
});

export function schedule(): Schedule {
  const lines = [
    line(1, '2026-02-15', 1_948_000, 122_000, 2_070_000, 10_052_000, 'paid', '2026-02-14'),
    line(2, '2026-03-15', 1_979_000, 91_000, 2_070_000, 8_073_000, 'paid', '2026-03-15'),
    line(3, '2026-04-15', 1_988_000, 82_000, 1_000_000, 6_085_000, 'overdue'),
    line(4, '2026-05-15', 2_010_000, 60_000, 0, 4_075_000, 'due'),
    line(5, '2026-06-15', 2_028_000, 42_000, 0, 2_047_000, 'future'),
    line(6, '2026-07-15', 2_047_000, 21_000, 0, 0, 'future'),
  ];
  return {
    as_of: '2026-04-20',
    version: 0,
    lines,
    totals: {
      principal_vnd: lines.reduce((s, l) => s + l.principal_vnd, 0),
      interest_vnd: lines.reduce((s, l) => s + l.interest_vnd, 0),
      paid_vnd: lines.reduce((s, l) => s + l.paid_vnd, 0),
    },
  };
}

export const REPAYMENTS: Repayment[] = [
  { id: 5, date: '2026-02-14', amount_vnd: 2_070_000, note: null, by: 'canbo.hanoi', at: '2026-02-14T08:00:00Z', allocations: [{ line: 1, interest_vnd: 122_000, principal_vnd: 1_948_000 }] },
  {
    id: 6,
    date: '2026-04-18',
    amount_vnd: 1_500_000,
    note: 'Nộp tại quầy',
    by: 'canbo.hanoi',
    at: '2026-04-18T08:00:00Z',
    allocations: [
      { line: 3, interest_vnd: 82_000, principal_vnd: 918_000 },
      { line: 0, interest_vnd: 0, principal_vnd: 500_000 },
    ],
  },
];

const row = (key: string, label: string, outstanding: number, par30: number, par90: number, active: number) => ({
  key,
  label,
  loans_active: active,
  loans_in_arrears: par30 ? 1 : 0,
  outstanding_principal_vnd: outstanding,
  disbursed_vnd: outstanding + 1_000_000,
  principal_repaid_vnd: 1_000_000,
  interest_repaid_vnd: 250_000,
  par30_vnd: par30,
  par90_vnd: par90,
  written_off_vnd: 0,
  loans_disbursed: active,
  par30_percent: outstanding ? ((par30 * 100) / outstanding).toFixed(1) : '0.0',
  par90_percent: outstanding ? ((par90 * 100) / outstanding).toFixed(1) : '0.0',
});

export function portfolio(): Portfolio {
  const rows = [row('01', 'Hà Nội', 1_250_000_000, 250_000_000, 0, 3), row('79', 'Thành phố Hồ Chí Minh', 750_000_000, 0, 0, 2)];
  const totals = row('', '', 2_000_000_000, 250_000_000, 0, 5);
  totals.disbursed_vnd = rows.reduce((s, r) => s + r.disbursed_vnd, 0);
  totals.principal_repaid_vnd = 2_000_000;
  totals.interest_repaid_vnd = 500_000;
  totals.loans_in_arrears = 1;
  return {
    as_of: '2026-04-20',
    from: '2026-01-01',
    group_by: 'province',
    rows,
    totals,
    women: { loans_active: 2, outstanding_principal_vnd: 900_000_000, loans_share_percent: '40.0', outstanding_share_percent: '45.0' },
  };
}

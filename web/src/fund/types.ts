// The support fund's shapes (docs/api/openapi.yaml, issue 18): funds, loan applications and
// their workflow, loans with their schedule, disbursements and repayments, and the portfolio.
// Money is integer đồng (JSON integers), rates are strings ("7.25"), dates ISO.

export const APPLICATION_STATUSES = ['submitted', 'appraised', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const LOAN_STATUSES = ['approved', 'active', 'repaid', 'written_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const LINE_STATES = ['paid', 'partly_paid', 'overdue', 'due', 'future'] as const;
export type LineState = (typeof LINE_STATES)[number];
export const METHODS = ['equal_instalment', 'equal_principal'] as const;
export type Method = (typeof METHODS)[number];
export const FREQUENCIES = ['monthly', 'quarterly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const GROUP_BY = ['none', 'fund', 'province', 'sector', 'women_managed', 'youth'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface UserRef {
  id: number;
  username: string;
  display_name: string;
}

export interface FundRules {
  max_amount_vnd: number | null;
  max_term_months: number | null;
  default_rate_percent_year: string | null;
  max_grace_months: number | null;
}

export interface Fund {
  id: number;
  name: string;
  province: { code: string; name: string } | null;
  capital_vnd: number;
  rules: FundRules;
  officers: UserRef[];
  summary: { applications_open: number; loans_active: number; outstanding_principal_vnd: number };
  created_at: string;
}

export interface EntityRef {
  id: number;
  name: string;
  kind?: string;
  province?: { code: string; name: string } | null;
  sector?: string | null;
}

export interface Priority {
  women_managed: boolean;
  youth: boolean;
}

export interface Terms {
  amount_vnd: number;
  rate_percent_year: string;
  term_months: number;
  grace_months: number;
  method: Method;
  frequency: Frequency;
  first_due_on: string;
}

export interface Application {
  id: number;
  code: string;
  fund: { id: number; name: string };
  entity: EntityRef;
  amount_vnd: number;
  purpose: string;
  term_months: number;
  collateral: string | null;
  status: ApplicationStatus;
  priority: Priority;
  appraisal: { score: number; notes: string; by: string; at: string } | null;
  decision: { approved: boolean; reason: string | null; terms: Terms | null; by: string; at: string } | null;
  loan_id: number | null;
  submitted_by: string;
  submitted_at: string;
  documents?: unknown[];
  /** Whether the caller may add and remove documents, when the server says so. */
  may_write?: boolean;
}

export interface WriteOff {
  status: 'requested' | 'approved' | 'rejected';
  on: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  principal_vnd: number;
}

export interface Loan {
  id: number;
  code: string;
  fund: { id: number; name: string };
  entity: EntityRef;
  application_id: number;
  terms: Terms;
  status: LoanStatus;
  priority: Priority;
  as_of: string;
  disbursed_vnd: number;
  principal_repaid_vnd: number;
  interest_repaid_vnd: number;
  outstanding_principal_vnd: number;
  overdue_principal_vnd: number;
  overdue_interest_vnd: number;
  to_close_vnd: number;
  days_in_arrears: number;
  next_due: { due_on: string; amount_vnd: number } | null;
  write_off: WriteOff | null;
  reschedulings?: { version: number; on: string; reason: string; terms: Terms; by: string; at: string }[];
  disbursements?: { id: number; date: string; amount_vnd: number; by: string; at: string }[];
}

export interface ScheduleLine {
  number: number;
  version: number;
  from: string;
  due_on: string;
  principal_vnd: number;
  interest_vnd: number;
  total_vnd: number;
  paid_vnd: number;
  balance_after_vnd: number;
  state: LineState;
  paid_on: string | null;
}

export interface Schedule {
  as_of: string;
  version: number;
  lines: ScheduleLine[];
  totals: { principal_vnd: number; interest_vnd: number; paid_vnd: number };
}

export interface Repayment {
  id: number;
  date: string;
  amount_vnd: number;
  note: string | null;
  by: string;
  at: string;
  /** line 0: principal repaid in advance. */
  allocations: { line: number; interest_vnd: number; principal_vnd: number }[];
}

export interface PortfolioRow {
  key: string;
  label?: string;
  loans_active: number;
  loans_in_arrears: number;
  outstanding_principal_vnd: number;
  disbursed_vnd: number;
  principal_repaid_vnd: number;
  interest_repaid_vnd: number;
  par30_vnd: number;
  par90_vnd: number;
  written_off_vnd: number;
  loans_disbursed: number;
  par30_percent: string;
  par90_percent: string;
}

export interface Portfolio {
  as_of: string;
  from: string;
  group_by: GroupBy;
  rows: PortfolioRow[];
  totals: PortfolioRow;
  women: { loans_active: number; outstanding_principal_vnd: number; loans_share_percent: string; outstanding_share_percent: string };
}

export interface ListOf<T> {
  items: T[];
  total: number;
}

-- The cooperative development support fund (src/fund/README.md, issue 18): funds (the national
-- one, province '' , and one per province) with their rules and officers; loan applications and
-- their workflow submitted → appraised → approved | rejected, with the priority flags and the
-- entity's province and sector as the registry said when the application was made; loans with
-- their approved terms, disbursements, repayments, reschedulings (the old terms kept) and
-- write-off. Money is integer đồng; a yearly rate is rate_e4 (percent × 10 000). Dates are ISO
-- text (YYYY-MM-DD); times Unix epoch milliseconds (UTC). Entities and accounts by id only.
CREATE TABLE funds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  province_code TEXT NOT NULL UNIQUE,        -- '' the national fund (at most one), else a current province code
  capital_vnd INTEGER NOT NULL,
  max_amount_vnd INTEGER,                    -- NULL: no limit
  max_term_months INTEGER,
  default_rate_e4 INTEGER,
  max_grace_months INTEGER,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE fund_officers (
  fund_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (fund_id, user_id)
);

CREATE TABLE loan_applications (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,                 -- VV-YYYY-NNNN (the year submitted, numbered per year)
  fund_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,               -- the entity's current province when it applied
  sector TEXT NOT NULL DEFAULT '',           -- the entity's sector when it applied ('' unknown)
  women_managed INTEGER NOT NULL DEFAULT 0,  -- the registry's flags when it applied
  youth INTEGER NOT NULL DEFAULT 0,
  amount_vnd INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  term_months INTEGER NOT NULL,
  collateral TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('submitted', 'appraised', 'approved', 'rejected')),
  appraisal_score INTEGER,
  appraisal_notes TEXT NOT NULL DEFAULT '',
  appraised_by TEXT NOT NULL DEFAULT '',
  appraised_at_ms INTEGER NOT NULL DEFAULT 0,
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at_ms INTEGER NOT NULL DEFAULT 0,
  loan_id INTEGER,
  submitted_by TEXT NOT NULL DEFAULT '',
  submitted_by_user INTEGER NOT NULL DEFAULT 0,
  submitted_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX loan_applications_fund ON loan_applications (fund_id, status);
CREATE INDEX loan_applications_entity ON loan_applications (entity_id);
CREATE INDEX loan_applications_province ON loan_applications (province_code);

CREATE TABLE loans (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,                 -- KV-YYYY-NNNN (the year approved)
  fund_id INTEGER NOT NULL,
  application_id INTEGER NOT NULL UNIQUE,
  entity_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,               -- copied from the application
  sector TEXT NOT NULL DEFAULT '',
  women_managed INTEGER NOT NULL DEFAULT 0,
  youth INTEGER NOT NULL DEFAULT 0,
  amount_vnd INTEGER NOT NULL,               -- the approved terms (version 0)
  rate_e4 INTEGER NOT NULL,
  term_months INTEGER NOT NULL,
  grace_months INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('equal_principal', 'equal_instalment')),
  frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly')),
  first_due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'active', 'repaid', 'written_off')),
  repaid_on TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at_ms INTEGER NOT NULL,
  -- The write-off: requested by one account, approved or rejected by another admin.
  write_off_status TEXT NOT NULL DEFAULT '' CHECK (write_off_status IN ('', 'requested', 'approved', 'rejected')),
  write_off_on TEXT NOT NULL DEFAULT '',
  write_off_reason TEXT NOT NULL DEFAULT '',
  write_off_requested_by TEXT NOT NULL DEFAULT '',
  write_off_requested_by_user INTEGER NOT NULL DEFAULT 0,
  write_off_requested_at_ms INTEGER NOT NULL DEFAULT 0,
  write_off_decided_by TEXT NOT NULL DEFAULT '',
  write_off_decided_at_ms INTEGER NOT NULL DEFAULT 0,
  write_off_reject_reason TEXT NOT NULL DEFAULT '',
  write_off_principal_vnd INTEGER NOT NULL DEFAULT 0,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX loans_fund ON loans (fund_id, status);
CREATE INDEX loans_entity ON loans (entity_id);
CREATE INDEX loans_province ON loans (province_code);

CREATE TABLE loan_disbursements (
  id INTEGER PRIMARY KEY,
  loan_id INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL,
  by_name TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
);
CREATE INDEX loan_disbursements_loan ON loan_disbursements (loan_id, on_date);

CREATE TABLE loan_repayments (
  id INTEGER PRIMARY KEY,
  loan_id INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_name TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
);
CREATE INDEX loan_repayments_loan ON loan_repayments (loan_id, on_date);

-- Each rescheduling: version k (1, 2, …) with the terms that apply to what falls due after on_date.
CREATE TABLE loan_reschedulings (
  id INTEGER PRIMARY KEY,
  loan_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  rate_e4 INTEGER NOT NULL,
  term_months INTEGER NOT NULL,
  grace_months INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('equal_principal', 'equal_instalment')),
  frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly')),
  first_due_on TEXT NOT NULL,
  by_name TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL,
  UNIQUE (loan_id, version)
);

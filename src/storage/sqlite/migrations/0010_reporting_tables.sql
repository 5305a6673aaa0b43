-- Reporting (src/reporting/README.md): report forms as versioned JSON definitions, the reports
-- filed on them (one per form, period and unit), their values beside what the registry said,
-- and the history of every step. Times are Unix epoch milliseconds (UTC); dates ISO text.
--
-- report_forms: a form is never changed once reports use it: an edit becomes a new version.
CREATE TABLE report_forms (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,               -- the JSON definition (reporting/report_form.h)
  created_at_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (code, version)
);

-- reports: entity_id 0 for a province report (not NULL, so that the UNIQUE holds in both
-- databases); province_code is the province in force at period_end (for an entity report
-- the entity's province then). first_submitted_at_ms never changes once set ("on time").
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  form_code TEXT NOT NULL,
  form_version INTEGER NOT NULL,
  period TEXT NOT NULL,                   -- canonical (domain::Period::ToString)
  period_end TEXT NOT NULL,
  province_code TEXT NOT NULL,
  entity_id INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  due_date TEXT NOT NULL,
  first_submitted_at_ms INTEGER,
  submitted_at_ms INTEGER,
  submitted_by TEXT,
  approved_at_ms INTEGER,
  approved_by TEXT,
  return_comment TEXT,
  created_at_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  UNIQUE (form_code, period, province_code, entity_id)
);
CREATE INDEX reports_form_period ON reports (form_code, period);
CREATE INDEX reports_entity ON reports (entity_id);

-- report_values: one row per field with a value; registry_value / registry_source: the
-- prefill (JSON value, and the question in words), NULL for a field without one.
CREATE TABLE report_values (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  field_code TEXT NOT NULL,
  value TEXT,                             -- JSON; NULL: not filled
  registry_value TEXT,
  registry_source TEXT,
  note TEXT,
  entered_by TEXT,
  entered_at_ms INTEGER,
  PRIMARY KEY (report_id, field_code)
);

-- report_events: created, saved, submitted, returned, approved, reopened.
CREATE TABLE report_events (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  action TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  comment TEXT
);
CREATE INDEX report_events_report ON report_events (report_id);

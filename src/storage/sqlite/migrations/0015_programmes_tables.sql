-- Programmes (src/programmes/README.md): the partners' directory, programmes with their partners,
-- legal basis and numbered contents, their targets (how each is measured: a question to the
-- indicators registry, or values entered by hand) and the manual values. Dates are ISO text
-- (YYYY-MM-DD); times Unix epoch milliseconds (UTC). Lists owned by one row (contacts, legal
-- basis, contents, a target's filters) are JSON text: never queried, always read with the row.
CREATE TABLE partners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  province_code TEXT NOT NULL DEFAULT '',  -- '' national
  contacts TEXT NOT NULL DEFAULT '[]',
  address TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX partners_province ON partners (province_code);

CREATE TABLE programmes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  province_code TEXT NOT NULL DEFAULT '',  -- '' national
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_force', 'closed')),
  signed_on TEXT NOT NULL DEFAULT '',
  signatories TEXT NOT NULL DEFAULT '',
  review TEXT NOT NULL DEFAULT '',         -- comma-separated cadences
  legal_basis TEXT NOT NULL DEFAULT '[]',
  contents TEXT NOT NULL DEFAULT '[]',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX programmes_province ON programmes (province_code);

CREATE TABLE programme_partners (
  programme_id INTEGER NOT NULL,
  partner_id INTEGER NOT NULL,
  PRIMARY KEY (programme_id, partner_id)
);
CREATE INDEX programme_partners_partner ON programme_partners (partner_id);

CREATE TABLE programme_targets (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL,
  content_number INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  provinces TEXT NOT NULL DEFAULT '',      -- comma-separated current codes; '' the programme's
  deadline TEXT NOT NULL,
  cadence TEXT NOT NULL CHECK (cadence IN ('once', 'yearly')),
  target_value INTEGER NOT NULL,
  baseline INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  indicator_source TEXT NOT NULL DEFAULT '',
  measure TEXT NOT NULL DEFAULT '',
  filters TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX programme_targets_programme ON programme_targets (programme_id, position);

CREATE TABLE target_values (
  id INTEGER PRIMARY KEY,
  target_id INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  value INTEGER NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  entered_by TEXT NOT NULL,
  entered_at_ms INTEGER NOT NULL
);
CREATE INDEX target_values_target ON target_values (target_id, on_date);

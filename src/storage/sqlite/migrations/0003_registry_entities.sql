-- The registry: entities (HTX, LHHTX, THT, QTDND) and their dated status events.
-- Dates are ISO text (YYYY-MM-DD); times are Unix epoch milliseconds (UTC).
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'union', 'group', 'credit_fund')),
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,               -- text::Fold(name), for search
  registration_code TEXT NOT NULL UNIQUE,  -- upper-case; soft-deleted entities keep theirs
  tax_code TEXT NOT NULL DEFAULT '',
  province_code TEXT NOT NULL,             -- as given, read as of province_as_of
  province_as_of TEXT NOT NULL,
  current_province_code TEXT NOT NULL,     -- the province in force today that it belongs to (scope, filters)
  commune_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  sector TEXT,
  founded_on TEXT,
  women_managed INTEGER NOT NULL DEFAULT 0,
  youth INTEGER NOT NULL DEFAULT 0,
  chair_name TEXT NOT NULL DEFAULT '',
  chair_sex TEXT,
  chair_birth_year INTEGER,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  union_id INTEGER REFERENCES entities (id),
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  deleted_at_ms INTEGER
);
CREATE INDEX entities_province ON entities (province_code);
CREATE INDEX entities_current_province ON entities (current_province_code);
CREATE INDEX entities_kind ON entities (kind);
CREATE INDEX entities_name_folded ON entities (name_folded);

CREATE TABLE entity_events (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities (id),
  date TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('established', 'suspended', 'resumed', 'stopped', 'dissolved', 'bankrupt',
                                     'reorganised', 'converted')),
  note TEXT NOT NULL DEFAULT '',
  converted_to TEXT
);
CREATE INDEX entity_events_entity ON entity_events (entity_id, date, id);

-- Administrative units, effective-dated: a code may denote different units at
-- different dates (15 was Yên Bái until 2025-06-30 and is Lào Cai since).
-- valid_to is inclusive, NULL while in force.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE admin_units (
  id BIGINT PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('province', 'commune')),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  full_name TEXT NOT NULL,
  full_name_en TEXT NOT NULL,
  parent_code TEXT,
  valid_from DATE NOT NULL,
  valid_to DATE,
  UNIQUE (level, code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX admin_units_parent ON admin_units (parent_code, level);

CREATE TABLE admin_unit_links (
  predecessor_id BIGINT NOT NULL REFERENCES admin_units (id) ON DELETE CASCADE,
  successor_id BIGINT NOT NULL REFERENCES admin_units (id) ON DELETE CASCADE,
  effective_on DATE NOT NULL,
  PRIMARY KEY (predecessor_id, successor_id)
);
CREATE INDEX admin_unit_links_successor ON admin_unit_links (successor_id);

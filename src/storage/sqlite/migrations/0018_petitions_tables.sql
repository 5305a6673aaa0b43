-- Petitions (src/petitions/README.md): what cooperatives ask of the State — raised by one or
-- more registry entities, by a cooperative account, or recorded by an officer from an activity
-- (a dialogue) — and the workflow received → assigned → answered → closed (reopened with a
-- reason). Dates are ISO text (YYYY-MM-DD); times Unix epoch milliseconds (UTC). Entities,
-- activities and accounts are referred to by id only (their capabilities own them).
CREATE TABLE petition_themes (
  code TEXT PRIMARY KEY,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO petition_themes (code, name_vi, name_en, builtin, active, position) VALUES
  ('land', 'Đất đai', 'Land', 1, 1, 1),
  ('credit', 'Vốn và tín dụng', 'Capital and credit', 1, 1, 2),
  ('market', 'Thị trường và xúc tiến thương mại', 'Market and promotion', 1, 1, 3),
  ('quality', 'Năng lực cạnh tranh và chất lượng', 'Competitiveness and quality', 1, 1, 4),
  ('technology', 'Khoa học và công nghệ', 'Science and technology', 1, 1, 5),
  ('policy', 'Chính sách và thủ tục hành chính', 'Policy and procedures', 1, 1, 6),
  ('infrastructure', 'Kết cấu hạ tầng', 'Infrastructure', 1, 1, 7),
  ('human_resources', 'Nguồn nhân lực', 'Human resources', 1, 1, 8),
  ('other', 'Khác', 'Other', 1, 1, 9);

CREATE TABLE petitions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,                -- KN-YYYY-NNNN (the year raised, numbered per year)
  raised_on TEXT NOT NULL,
  province_code TEXT NOT NULL,              -- as of raised_on
  current_province_code TEXT NOT NULL,      -- the province in force today it belongs to
  theme TEXT NOT NULL,
  content TEXT NOT NULL,
  addressed_kind TEXT NOT NULL CHECK (addressed_kind IN ('alliance', 'department', 'people_committee', 'ministry', 'other')),
  addressed_name TEXT NOT NULL DEFAULT '',
  activity_id INTEGER,                       -- the activity (a dialogue) it was raised at; NULL none
  source TEXT NOT NULL CHECK (source IN ('officer', 'cooperative')),
  status TEXT NOT NULL CHECK (status IN ('received', 'assigned', 'answered', 'closed')),
  assignee_user_id INTEGER,                  -- an officer; NULL none
  agency TEXT NOT NULL DEFAULT '',          -- or an agency it was forwarded to
  assigned_on TEXT NOT NULL DEFAULT '',
  due_on TEXT NOT NULL DEFAULT '',
  answer_text TEXT NOT NULL DEFAULT '',
  answer_public INTEGER NOT NULL DEFAULT 0,
  answered_by INTEGER,
  answered_at_ms INTEGER NOT NULL DEFAULT 0,
  closed_at_ms INTEGER NOT NULL DEFAULT 0,
  reopen_reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL DEFAULT 0,     -- the account (0: the command line)
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX petitions_province ON petitions (current_province_code, raised_on);
CREATE INDEX petitions_raised ON petitions (raised_on);
CREATE INDEX petitions_activity ON petitions (activity_id);

-- The entities that raised it.
CREATE TABLE petition_entities (
  petition_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY (petition_id, entity_id)
);
CREATE INDEX petition_entities_entity ON petition_entities (entity_id);

-- Its steps as the petition page shows them (the audit log has a row for each too).
CREATE TABLE petition_steps (
  id INTEGER PRIMARY KEY,
  petition_id INTEGER NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('received', 'assigned', 'answered', 'closed', 'reopened')),
  at_ms INTEGER NOT NULL,
  by_user INTEGER NOT NULL DEFAULT 0,
  by_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX petition_steps_petition ON petition_steps (petition_id, id);

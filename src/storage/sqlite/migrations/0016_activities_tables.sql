-- Activities (src/activities/README.md): what the alliances do — training classes, dialogues,
-- conferences, visits, fairs … — with the programme contents they carry out, the registry
-- entities that took part, participant counts and lists; and the young workers placed in
-- cooperatives. Dates are ISO text (YYYY-MM-DD); times Unix epoch milliseconds (UTC).
-- Programmes, partners and entities are referred to by id only (their capabilities own them).
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  province_code TEXT NOT NULL,             -- where it was held, as of from_date
  current_province_code TEXT NOT NULL,     -- the province in force today it belongs to
  commune_code TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  organiser TEXT NOT NULL CHECK (organiser IN ('national', 'province')),
  partner_ids TEXT NOT NULL DEFAULT '',    -- comma-separated partner ids
  participants_total INTEGER NOT NULL DEFAULT 0,
  participants_female INTEGER NOT NULL DEFAULT 0,
  participants_youth INTEGER NOT NULL DEFAULT 0,
  list_size INTEGER NOT NULL DEFAULT 0,    -- rows of activity_participants
  description TEXT NOT NULL DEFAULT '',
  outcomes TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX activities_from ON activities (from_date);
CREATE INDEX activities_province ON activities (current_province_code, from_date);

-- The programme contents an activity carries out (content 0: the programme as a whole).
CREATE TABLE activity_programmes (
  activity_id INTEGER NOT NULL,
  programme_id INTEGER NOT NULL,
  content_number INTEGER NOT NULL,
  PRIMARY KEY (activity_id, programme_id, content_number)
);
CREATE INDEX activity_programmes_programme ON activity_programmes (programme_id, content_number);

-- The registry entities that took part.
CREATE TABLE activity_entities (
  activity_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY (activity_id, entity_id)
);
CREATE INDEX activity_entities_entity ON activity_entities (entity_id);

-- The list of participants when it matters (trainees with their cooperative): personal data,
-- read by national and province staff only.
CREATE TABLE activity_participants (
  activity_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL DEFAULT '',            -- female | male | ''
  birth_year INTEGER NOT NULL DEFAULT 0,   -- 0 unknown
  entity_id INTEGER NOT NULL DEFAULT 0,    -- 0 none
  organisation TEXT NOT NULL DEFAULT '',
  job_title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (activity_id, position)
);

-- Young workers placed in cooperatives: personal data, read by national and province staff only.
CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  worker_name TEXT NOT NULL,
  birth_year INTEGER NOT NULL DEFAULT 0,
  sex TEXT NOT NULL DEFAULT '',
  entity_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,             -- the cooperative's province today, when recorded
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL DEFAULT '',
  programme_id INTEGER NOT NULL DEFAULT 0, -- 0 none
  job_title TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX placements_province ON placements (province_code, start_date);
CREATE INDEX placements_entity ON placements (entity_id);

-- Surveys (src/surveys/README.md): questionnaires (their definition as JSON text, the only
-- JSON of surveys/questionnaire_json.h), campaigns sending one to the active entities of a
-- scope for a year, one personal token per target entity, and one response per entity.
-- Dates are ISO text (YYYY-MM-DD); times Unix epoch milliseconds (UTC). Entities are referred
-- to by id only (the registry owns them).
CREATE TABLE questionnaires (
  id INTEGER PRIMARY KEY,
  form_id TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  title_vi TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL,              -- the questionnaire as JSON
  question_count INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX questionnaires_form ON questionnaires (form_id);

CREATE TABLE survey_campaigns (
  id INTEGER PRIMARY KEY,
  questionnaire_id INTEGER NOT NULL,
  title_vi TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  closed_early_at_ms INTEGER,            -- closed before closes_on; NULL otherwise
  scope_province TEXT,                   -- a current province code; NULL: the whole country
  scope_kinds TEXT NOT NULL DEFAULT '',  -- comma-separated entity kinds; '' any
  scope_sectors TEXT NOT NULL DEFAULT '',-- comma-separated sectors; '' any
  created_by TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX survey_campaigns_questionnaire ON survey_campaigns (questionnaire_id);
CREATE INDEX survey_campaigns_year ON survey_campaigns (year);

-- The entities a campaign asks, with their personal token (kept as is: officials list the
-- links again to send them; it opens one campaign's answer for one entity and nothing else).
CREATE TABLE survey_targets (
  campaign_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,           -- the entity's current province when the campaign was made
  kind TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  PRIMARY KEY (campaign_id, entity_id)
);
CREATE INDEX survey_targets_entity ON survey_targets (entity_id);

CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  answers TEXT NOT NULL,                 -- JSON object: question name -> answer
  via TEXT NOT NULL CHECK (via IN ('link', 'account')),
  user_id INTEGER,                       -- the cooperative account that answered; NULL by link
  received_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  UNIQUE (campaign_id, entity_id)
);

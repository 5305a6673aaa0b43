-- Figures per entity and period, and change tracking for the in-memory index.
--
-- registry_version (in meta) counts committed registry writes. Every write
-- transaction that changes an entity, its events or its figures increments it
-- and stamps the entity's change_seq with the new value, so a reader that has
-- seen version V catches up by reloading the entities with change_seq > V
-- (writes by another process, e.g. a CLI import while the server runs).
ALTER TABLE entities ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entities_change_seq ON entities (change_seq);
INSERT INTO meta (key, value) VALUES ('registry_version', '0');

-- period: canonical text (domain::Period::ToString: 2024, 2024S1, 2024Q3, 2024M09, 2023M01-09);
-- period_end: its last day, ISO text, for "latest period ending on or before".
-- Every figure is NULL when not reported. Money is VND.
CREATE TABLE entity_figures (
  entity_id INTEGER NOT NULL REFERENCES entities (id),
  period TEXT NOT NULL,
  period_end TEXT NOT NULL,
  members_total INTEGER,
  members_female INTEGER,
  members_youth INTEGER,
  workers_total INTEGER,
  workers_female INTEGER,
  workers_members INTEGER,
  revenue_vnd INTEGER,
  revenue_with_members_vnd INTEGER,
  profit_vnd INTEGER,
  avg_income_vnd_month INTEGER,
  charter_capital_vnd INTEGER,
  confirmed_warnings INTEGER NOT NULL DEFAULT 0,  -- 1: implausible values were confirmed by the writer
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (entity_id, period)
);

-- Figures per entity and period, and change tracking for the in-memory index.
--
-- registry_version (in meta) counts committed registry writes. Every write
-- transaction that changes an entity, its events or its figures increments it
-- and stamps the entity's change_seq with the new value, so a reader that has
-- seen version V catches up by reloading the entities with change_seq > V
-- (writes by another process, e.g. a CLI import while the server runs).
ALTER TABLE entities ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX entities_change_seq ON entities (change_seq);
INSERT INTO meta (key, value) VALUES ('registry_version', '0');

-- period: canonical text (domain::Period::ToString: 2024, 2024S1, 2024Q3, 2024M09, 2023M01-09);
-- period_end: its last day, ISO text, for "latest period ending on or before".
-- Every figure is NULL when not reported. Money is VND.
CREATE TABLE entity_figures (
  entity_id BIGINT NOT NULL REFERENCES entities (id),
  period TEXT NOT NULL,
  period_end TEXT NOT NULL,
  members_total BIGINT,
  members_female BIGINT,
  members_youth BIGINT,
  workers_total BIGINT,
  workers_female BIGINT,
  workers_members BIGINT,
  revenue_vnd BIGINT,
  revenue_with_members_vnd BIGINT,
  profit_vnd BIGINT,
  avg_income_vnd_month BIGINT,
  charter_capital_vnd BIGINT,
  confirmed_warnings INTEGER NOT NULL DEFAULT 0,  -- 1: implausible values were confirmed by the writer
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (entity_id, period)
);

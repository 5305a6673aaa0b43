-- Import jobs of the API (registry/import/import_jobs.h), so that every server on the
-- database answers for a job, whichever received its upload. One row per job, written
-- by the server that runs it: the whole job at each change of state (`snapshot`, JSON of
-- registry/import/import_job_json.h, language-neutral), its progress and heartbeat about
-- once a second. Another server reads the row, asks it to cancel (`cancel_requested`),
-- and reports it failed when its heartbeat is too old. The uploaded file is not kept
-- here (a committed import keeps it: import_files). Times are Unix epoch milliseconds.
CREATE TABLE import_jobs (
  id TEXT PRIMARY KEY,                          -- 32 hex digits, a letter first
  owner_user_id BIGINT,                         -- the account that submitted it; NULL: the command line
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  submitted_at_ms BIGINT NOT NULL,
  finished_at_ms BIGINT,                        -- set when finished; the row goes a day later
  server_id TEXT NOT NULL,                      -- the server running it (new at every start)
  heartbeat_at_ms BIGINT NOT NULL,              -- that server's last word about it
  rows_read BIGINT NOT NULL DEFAULT 0,          -- progress, written with the heartbeat
  cancel_requested INTEGER NOT NULL DEFAULT 0,  -- 1: cancelled through another server
  snapshot TEXT NOT NULL,                       -- the job (the first problems only)
  problems TEXT                                 -- a finished job's every problem (its report)
);
CREATE INDEX import_jobs_owner ON import_jobs (owner_user_id, submitted_at_ms);
CREATE INDEX import_jobs_finished ON import_jobs (finished_at_ms);

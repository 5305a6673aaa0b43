-- An import is one audited operation (registry/import/import_records.h): one row per
-- committed import, its original file kept by content (registry/import/import_files.h),
-- and the entities it created point at it. Times are Unix epoch milliseconds (UTC).
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor_user_id INTEGER,                  -- NULL: the command line
  actor_name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL CHECK (type IN ('entities', 'events', 'figures')),
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,              -- lower-case hex; the key of the kept file
  file_size INTEGER NOT NULL,
  file_removed_at_ms INTEGER,             -- set when retention removed the file
  rows_read INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,     -- bad rows skipped (skip_bad_rows)
  job_id TEXT,                            -- the API job it ran as; NULL from the command line
  province_code TEXT                      -- the importer's province (scope); NULL for national accounts
);
CREATE INDEX imports_file_sha256 ON imports (file_sha256);

-- The original files, by content, when there is no data folder beside the database
-- (an in-memory database); PostgreSQL keeps them here always. The content is kept in
-- chunks of 1 MiB (import_file_chunks), so storing or reading a file of any size needs
-- the memory of one chunk, not of the file.
CREATE TABLE import_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL
);
CREATE TABLE import_file_chunks (
  sha256 TEXT NOT NULL REFERENCES import_files (sha256) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
);

-- The import that created an entity and the row of its file (as Excel numbers rows).
-- Not a foreign key: a bulk load of a million entities would pay a check per row.
ALTER TABLE entities ADD COLUMN import_id INTEGER;
ALTER TABLE entities ADD COLUMN import_row INTEGER;

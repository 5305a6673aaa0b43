-- The original files of imports (import_file_chunks, 0007) compressed with lz4 instead of
-- PostgreSQL's default pglz: storing the 188 MiB file of a million-row import took ~5 s of
-- pglz (3× the time of storing it uncompressed), lz4 costs little more than storing it raw and
-- keeps it a third of its size (docs/perf.md, "PostgreSQL import at 100 k rows/s"). Chunks
-- stored before keep their pglz compression; both read the same. A server built without lz4
-- keeps pglz.
DO $$
BEGIN
  ALTER TABLE import_file_chunks ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: import files stay compressed with pglz';
END
$$;

-- Files attached to records (src/attachments/): a programme's decisions and plans, later an
-- activity's, a petition's, a loan's, a news item's. The owner is a record of a capability
-- (owner_type 'programme', owner_id its id); the bytes are kept in the row (at most 10 MiB,
-- attachments::kMaxBytes). Times are Unix epoch milliseconds (UTC).
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  owner_type TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  name TEXT NOT NULL,                -- normalised (attachments::NormalizeFileName)
  content_type TEXT NOT NULL,        -- found from the bytes, never the client's
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,              -- lower-case hex
  data BLOB NOT NULL,
  created_by TEXT NOT NULL,          -- the uploader's audit name
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);

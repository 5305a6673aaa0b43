-- Saved views (src/views/README.md): a dashboard's or pivot table's state (its URL query) kept
-- under a name, private to its owner or shared with the owner's province or the whole country;
-- and each user's start page, when it is a saved view. Times are Unix epoch milliseconds (UTC).
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  owner_user_id INTEGER NOT NULL,
  owner_name TEXT NOT NULL,
  province_code TEXT NOT NULL DEFAULT '',  -- the owner's province ('' for other accounts)
  name TEXT NOT NULL,
  page TEXT NOT NULL CHECK (page IN ('dashboard', 'pivot')),
  query TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'province', 'country')),
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX saved_views_owner ON saved_views (owner_user_id);
CREATE INDEX saved_views_shared ON saved_views (visibility, province_code);

CREATE TABLE saved_view_start (
  user_id INTEGER PRIMARY KEY,
  view_id INTEGER NOT NULL
);

-- Images and files of the public pages (src/media/): a news article's cover, a product's photos.
-- Found from the bytes (JPEG, PNG, WebP, PDF), at most 10 MiB; the bytes are kept in the row,
-- never under the web root, and served as /media/{id}-{sha256[0:8]}.{ext}. An image's resized
-- copies (WebP, 320/640/1280 wide, never wider than the original) are rows of media_variants.
-- Times are Unix epoch milliseconds (UTC).
CREATE TABLE media_images (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,                -- normalised (attachments::NormalizeFileName)
  content_type TEXT NOT NULL,        -- found from the bytes, never the client's
  width INTEGER,                     -- as displayed (EXIF orientation applied); NULL for a PDF
  height INTEGER,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,              -- lower-case hex
  data BLOB NOT NULL,
  created_by TEXT NOT NULL,          -- the uploader's audit name
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE media_variants (
  image_id INTEGER NOT NULL REFERENCES media_images (id) ON DELETE CASCADE,
  width INTEGER NOT NULL,
  content_type TEXT NOT NULL,        -- image/webp
  data BLOB NOT NULL,
  PRIMARY KEY (image_id, width)
);

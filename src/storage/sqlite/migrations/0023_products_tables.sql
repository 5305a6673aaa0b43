-- Products (src/products/README.md): the catalogue of cooperatives' products — a product belongs
-- to one registry entity, is reviewed by the alliance's staff (pending → approved | rejected;
-- withdrawn) and, approved, is shown by the public portal. Times are Unix epoch milliseconds (UTC),
-- dates ISO text (YYYY-MM-DD), prices integer đồng. Entities, images (src/media) and activities
-- (trade fairs) are referred to by id only (their capabilities own them).
CREATE TABLE product_categories (
  code TEXT PRIMARY KEY,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO product_categories (code, name_vi, name_en, position) VALUES
  ('agriculture', 'Nông sản', 'Agricultural produce', 1),
  ('food', 'Thực phẩm chế biến', 'Processed food', 2),
  ('beverage', 'Đồ uống', 'Beverages', 3),
  ('seafood', 'Thủy sản', 'Seafood', 4),
  ('herbal', 'Dược liệu', 'Herbal and medicinal', 5),
  ('handicraft', 'Thủ công mỹ nghệ', 'Handicrafts', 6),
  ('tourism', 'Du lịch – dịch vụ', 'Tourism and services', 7),
  ('other', 'Khác', 'Other', 8);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,               -- the entity's province (today's code) at the last write
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  price_min INTEGER,                          -- đồng; NULL unknown
  price_max INTEGER,
  ocop_stars INTEGER NOT NULL DEFAULT 0,      -- 0: no OCOP rating
  ocop_certificate TEXT NOT NULL DEFAULT '',
  ocop_year INTEGER NOT NULL DEFAULT 0,
  ocop_expires_on TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  review_note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL DEFAULT 0,      -- the account (0: the command line)
  reviewed_by INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  approved_at_ms INTEGER NOT NULL DEFAULT 0   -- 0: never approved
);
CREATE INDEX products_status ON products (status, province_code);
CREATE INDEX products_entity ON products (entity_id);

CREATE TABLE product_certifications (
  product_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  code TEXT NOT NULL CHECK (code IN ('vietgap', 'globalgap', 'organic', 'haccp', 'iso22000', 'geographical_indication', 'other')),
  PRIMARY KEY (product_id, position)
);

-- Where to buy it: e-commerce pages (online) and shops.
CREATE TABLE product_places (
  product_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('online', 'shop')),
  name TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (product_id, position)
);

-- Photos: images of src/media (ids only) with their alt text.
CREATE TABLE product_photos (
  product_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  image_id INTEGER NOT NULL,
  alt TEXT NOT NULL,
  PRIMARY KEY (product_id, position)
);

-- The trade fairs (activities) it was shown at.
CREATE TABLE product_fairs (
  product_id INTEGER NOT NULL,
  activity_id INTEGER NOT NULL,
  PRIMARY KEY (product_id, activity_id)
);
CREATE INDEX product_fairs_activity ON product_fairs (activity_id);

-- The folded words of the name (text::FoldedWords): the search matches each query word as a
-- prefix of one of them.
CREATE TABLE product_words (
  product_id INTEGER NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (product_id, word)
);
CREATE INDEX product_words_word ON product_words (word, product_id);

-- News (src/news/README.md): articles of the national and provincial alliances, in Vietnamese or
-- English (an English version names the Vietnamese one in translation_of), in a category, with
-- keywords and links to entities, programmes and activities; the workflow draft → in_review →
-- published (scheduled when published_at is still to come); the views per day. Times are Unix
-- epoch milliseconds (UTC); days ISO text (YYYY-MM-DD, Việt Nam). Entities, programmes,
-- activities, images and accounts are referred to by id only (their capabilities own them).
CREATE TABLE news_categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,                        -- Vietnamese
  name_en TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,                 -- the Vietnamese name folded, for the portal's URLs
  builtin INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO news_categories (code, name, name_en, slug, builtin, position) VALUES
  ('activities', 'Hoạt động', 'Activities', 'hoat-dong', 1, 1),
  ('policy', 'Chính sách', 'Policy', 'chinh-sach', 1, 2),
  ('models', 'Mô hình – điển hình', 'Models and good practice', 'mo-hinh-dien-hinh', 1, 3),
  ('training', 'Đào tạo', 'Training', 'dao-tao', 1, 4),
  ('trade', 'Xúc tiến thương mại', 'Trade promotion', 'xuc-tien-thuong-mai', 1, 5),
  ('international', 'Hợp tác quốc tế', 'International cooperation', 'hop-tac-quoc-te', 1, 6);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  translation_of INTEGER,                    -- the Vietnamese article this translates; NULL none
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',             -- Markdown
  body_html TEXT NOT NULL DEFAULT '',        -- rendered and sanitised on every save
  category TEXT NOT NULL,
  province_code TEXT NOT NULL DEFAULT '',    -- '' national
  cover_image_id INTEGER,                    -- a media image; NULL none
  cover_alt TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published')),
  published_at_ms INTEGER NOT NULL DEFAULT 0,
  slug_fixed INTEGER NOT NULL DEFAULT 0,     -- published once: the slug stays
  review_note TEXT NOT NULL DEFAULT '',
  author_user_id INTEGER NOT NULL DEFAULT 0, -- 0: the command line
  author TEXT NOT NULL DEFAULT '',
  views INTEGER NOT NULL DEFAULT 0,          -- flushed views (article_views per day)
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles (status, published_at_ms);
CREATE INDEX articles_province ON articles (province_code, updated_at_ms);
CREATE INDEX articles_translation ON articles (translation_of);

-- Keywords as written (position keeps their order) and folded (how they are matched).
CREATE TABLE article_keywords (
  article_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  keyword TEXT NOT NULL,
  folded TEXT NOT NULL,
  PRIMARY KEY (article_id, folded)
);
CREATE INDEX article_keywords_folded ON article_keywords (folded);

-- What an article is about: entities of the registry, programmes, activities.
CREATE TABLE article_links (
  article_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('entity', 'programme', 'activity')),
  target_id INTEGER NOT NULL,
  PRIMARY KEY (article_id, kind, target_id)
);
CREATE INDEX article_links_target ON article_links (kind, target_id);

-- Views per article and day (Việt Nam), added to by every server's flush.
CREATE TABLE article_views (
  article_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, day)
);

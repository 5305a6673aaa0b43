// The only SQL of the news tables (migration 0022_news_tables): categories, articles with their
// keywords and links, and the views per day. Called inside the service's transactions.
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "news/article.h"
#include "news/view_counter.h"
#include "storage/db.h"

namespace hoptac::news {

// By position, then code.
Result<std::vector<Category>> LoadCategories(storage::Connection& conn);
Status InsertCategory(storage::Connection& conn, const Category& category);  // position: after the last

// Whether an article other than `except_id` has this slug.
Result<bool> SlugTaken(storage::Connection& conn, const std::string& slug, int64_t except_id);
Status InsertArticle(storage::Connection& conn, Article& article);  // sets id; writes keywords and links
Status UpdateArticle(storage::Connection& conn, const Article& article);
Status DeleteArticle(storage::Connection& conn, int64_t id);  // with its keywords, links and views
Result<std::optional<Article>> LoadArticle(storage::Connection& conn, int64_t id);
Result<std::optional<Article>> LoadArticleBySlug(storage::Connection& conn, const std::string& slug);
// Whole articles (keywords and links) in the order of `ids`; missing ids are skipped.
Result<std::vector<Article>> LoadArticles(storage::Connection& conn, std::span<const int64_t> ids);

struct ArticleFilter {
  enum class Scope { kAll, kPublic, kProvince };
  Scope scope = Scope::kAll;  // kPublic: visible at now_ms; kProvince: of `scope_province`, or visible
  std::string scope_province;
  int64_t now_ms = 0;
  std::vector<std::string> statuses;  // empty: any
  std::string category;               // "" any
  std::string keyword_folded;         // "" any
  std::string province;               // "" any
  bool national_only = false;         // province_code ''
  std::string lang;                   // "" any
  int64_t entity_id = 0;              // linked to this entity; 0 any
  // Related articles: in `related_category` or with a keyword among `related_keywords`.
  bool related = false;
  std::string related_category;
  std::vector<std::string> related_keywords;
  int64_t exclude_id = 0;
  int limit = 0;  // 0: all
};
struct ArticleHead {
  int64_t id = 0;
  std::string title, summary;
};
// Newest first (published ones by published_at, others by updated_at; then id descending).
// `with_texts`: the title and summary too.
Result<std::vector<ArticleHead>> SelectArticles(storage::Connection& conn, const ArticleFilter& filter,
                                                bool with_texts);
// article id → its keywords folded, for `ids`.
Result<std::map<int64_t, std::vector<std::string>>> LoadFoldedKeywords(storage::Connection& conn,
                                                                       std::span<const int64_t> ids);

// The versions of the groups of `roots` (a root is a Vietnamese article, or an article without
// translation_of): every article whose id or translation_of is among them.
struct VersionRow {
  int64_t id = 0, translation_of = 0;
  std::string lang, slug, status, province_code;
  int64_t published_at_ms = 0;
};
Result<std::vector<VersionRow>> LoadVersions(storage::Connection& conn, std::span<const int64_t> roots);

// Adds pending views: articles.views and article_views(article_id, day) (additive; an article
// deleted meanwhile is skipped).
Status AddViews(storage::Connection& conn, const ViewCounter::Pending& pending);

// The publication times still to come (status published, published_at > now_ms).
Result<std::vector<int64_t>> ScheduledTimes(storage::Connection& conn, int64_t now_ms);
// A text that changes when articles or categories are written (count, last update, id sum).
Result<std::string> Signature(storage::Connection& conn);

// id → title, for the audit log's names.
Status ReadArticleTitles(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out);

}  // namespace hoptac::news

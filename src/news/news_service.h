// NewsService: the use cases of articles and their categories, the view counter, and what the
// public portal reads (README.md).
//
// Scope (issue 19's contract): national_admin and national_officer write any article (national
// or of any province) and publish, schedule, unpublish and send back any; province_admin and
// province_officer write the articles of their province (an article without a province is
// national: national roles only); province_admin publishes, schedules, unpublishes and sends back
// those of its province; a province_officer submits for review and may not publish (403
// error.article_publish_admin). Staff read what they may write, and every published article.
// Everyone else (anonymous, partners, cooperatives) reads published articles whose time has come
// (published_at ≤ now) and writes nothing (403). Anything out of scope is "not found" (404), like
// a missing id. Every write is one transaction with its audit row (object "article", the
// article's province, before/after as news_json writes it).
//
// Views: RecordView counts in memory (view_counter.h); FlushViews adds the pending counts to
// articles.views and article_views(article_id, day, views) in one transaction (additive: several
// servers may flush into one database). StartFlushing runs FlushViews every interval on a thread
// of its own; StopFlushing (System::Shutdown) stops it and flushes once more. `views` of an
// answer = stored + pending on this server.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "news/article.h"
#include "news/view_counter.h"
#include "storage/db.h"

namespace hoptac::news {

using NowMs = std::function<int64_t()>;

struct CoverImage {
  int64_t id = 0;  // a media image id; 0: none
  std::string alt;
};

// Request fields; an absent member (nullopt) is left unchanged by a change (a creation takes
// the defaults: lang "vi", national for national accounts, the own province for province ones).
struct ArticleInput {
  std::optional<std::string> title, summary, body, category, lang;
  std::optional<std::vector<std::string>> keywords;
  std::optional<std::string> province;    // "" (JSON null): national
  std::optional<int64_t> translation_of;  // 0 (JSON null): none
  std::optional<CoverImage> cover_image;  // id 0 (JSON null): none
  std::optional<std::vector<int64_t>> entity_ids, programme_ids, activity_ids;
};

// The list's filters. Every filter is optional ("" / empty: any).
struct ArticleQuery {
  std::vector<std::string> statuses;  // kStatuses; the public sees published (time come) only, whatever is asked
  std::string category;               // a category code
  std::string keyword;                // one keyword, matched exactly on its folded form (FoldKeyword)
  std::string province;               // a province code, or "national" for articles without one
  std::string lang;                   // "vi" | "en"
  std::string q;                      // words of the title, summary and keywords; diacritics and case ignored
  int64_t entity_id = 0;              // about this entity of the registry (its links); 0 any
  int page = 1;                       // from 1
  int limit = 20;                     // 1 … kMaxLimit
};
inline constexpr int kMaxLimit = 100;

struct TranslationRef {
  int64_t id = 0;
  std::string lang, slug;
};

// An article as the API and the portal show it.
struct ArticleView {
  Article article;
  std::string url;            // ArticleUrl(slug)
  std::string province_name;  // "" national
  std::string category_name, category_name_en, category_slug;
  std::vector<TranslationRef> translations;  // the other versions the caller may read
  bool scheduled = false;                    // published, its time still to come
  int64_t views = 0;                         // stored + pending on this server
};

struct ArticlePage {
  int64_t total = 0;  // every article the filters select that the caller may read
  std::vector<ArticleView> items;
};

class NewsService {
 public:
  NewsService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units, NowMs now_ms = nullptr);
  ~NewsService();  // StopFlushing()
  NewsService(const NewsService&) = delete;
  NewsService& operator=(const NewsService&) = delete;

  // ---- Reading (staff and the public) ----

  // Newest first: by published_at (unpublished ones by updated_at) descending, then id.
  // Anonymous (and partners, cooperatives): published articles whose time has come.
  Result<ArticlePage> List(const auth::Principal& who, const ArticleQuery& query) const;
  // Errors: kNotFound (error.article_not_found) when missing or out of scope.
  Result<ArticleView> Get(const auth::Principal& who, int64_t id) const;

  // ---- Writing (staff; README.md) ----

  // A new draft. Errors: kPermissionDenied (error.article_write_denied); kInvalidArgument with
  // every field error.
  Result<ArticleView> Create(const auth::Principal& who, const ArticleInput& input);
  // Drafts and articles in review by their writers; a published one by those who may publish it
  // (its slug stays). Errors as Create, and kNotFound, kConflict (error.article_changed).
  Result<ArticleView> Change(const auth::Principal& who, int64_t id, const ArticleInput& input);
  // draft → in_review.
  Result<ArticleView> Submit(const auth::Principal& who, int64_t id);
  // draft | in_review → published, at `at_ms` (nullopt: now; a future time schedules it).
  // Errors: kPermissionDenied (error.article_publish_admin) for a province officer.
  Result<ArticleView> Publish(const auth::Principal& who, int64_t id, std::optional<int64_t> at_ms);
  // in_review → draft with the reviewer's note (required).
  Result<ArticleView> Return(const auth::Principal& who, int64_t id, const std::string& note);
  // published → draft (a scheduled one too).
  Result<ArticleView> Unpublish(const auth::Principal& who, int64_t id);
  // Drafts only (the row and its links go; the audit row keeps it).
  Status Delete(const auth::Principal& who, int64_t id);
  // Any other move: kConflict "article.move_not_allowed" with field errors `from` (the status
  // in words) and `to` (the move in words).

  // The sanitised HTML of a body (the editor's preview; the same renderer as a save).
  // Errors: kPermissionDenied for those who write nothing; a field error on `body` when too long.
  Result<std::string> Preview(const auth::Principal& who, const std::string& body) const;

  // ---- Categories: read by anyone; added by national admins ----
  Result<std::vector<Category>> Categories() const;
  Result<Category> CreateCategory(const auth::Principal& who, const Category& category);

  // ---- The public portal (the lead's adapter in src/app; call with auth::Principal::Anonymous()) ----
  //
  //  * Published list with filters and total:  List(Principal::Anonymous(), ArticleQuery{…})
  //      (category code, keyword, province, lang, page, limit; answer.total).
  //  * By slug:    GetBySlug(Principal::Anonymous(), slug)   — kNotFound unless visible.
  //  * Related:    Related(Principal::Anonymous(), article_id, n)
  //  * Categories: Categories()
  //  * A view:     RecordView(article_id, reader_key, user_agent, now_ms)
  //  * Cache key:  Generation()

  // The article with this slug, as `who` may read it (the public: published, time come).
  Result<ArticleView> GetBySlug(const auth::Principal& who, const std::string& slug) const;
  // Up to `n` other articles `who` may read in the same category or sharing a keyword (folded),
  // same language, newest first, without the article itself. kNotFound when `article_id` is not
  // readable by `who`.
  Result<std::vector<ArticleView>> Related(const auth::Principal& who, int64_t article_id, int n) const;

  // Counts a view (ViewCounter's rules): true when counted. Cheap (memory only).
  bool RecordView(int64_t article_id, std::string_view reader_key, std::string_view user_agent, int64_t now_ms);
  // Adds the pending views to the database (one transaction, additive); on failure they stay
  // pending.
  Status FlushViews();
  // Runs FlushViews every `interval` on a thread of its own (also noticing other servers' writes
  // for Generation). StopFlushing stops it and flushes once more; both idempotent.
  void StartFlushing(std::chrono::milliseconds interval = std::chrono::seconds(10));
  void StopFlushing();

  // Changes on every committed write of articles or categories (this server's at once, other
  // servers' within the flush interval) and when a scheduled article's time passes (checked on
  // every call: one atomic read while nothing is due). The portal's cache key. Views do not
  // change it.
  uint64_t Generation() const;

  // id → title, for the audit log's names (System::Create adds the namer "article").
  Status AuditNames(std::span<const int64_t> ids, std::map<int64_t, std::string>& names) const;

  bool MayRead(const auth::Principal& who, const Article& a) const;
  std::string ProvinceName(const std::string& code) const;
  storage::Db& db() const { return db_; }

 private:
  Result<ArticleView> View(const auth::Principal& who, Article a) const;
  Result<std::vector<ArticleView>> Views(const auth::Principal& who, std::vector<Article> articles) const;
  Status Check(const auth::Principal& who, Article& a, storage::Connection& conn,
               std::vector<FieldError>& errors) const;
  // Loads the article in the write, checks scope and the move, lets `change` alter it, and writes it
  // with its audit row.
  Result<ArticleView> Move(const auth::Principal& who, int64_t id, const std::string& move,
                           const std::function<Status(Article&)>& change);
  // After a committed write: the generation moves and the scheduled times are read again.
  void Committed();
  Status ReloadSchedule() const;
  Status Watch();  // the flush thread's look at other servers' writes

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  NowMs now_ms_;
  ViewCounter views_;

  mutable std::atomic<uint64_t> generation_{1};
  mutable std::atomic<int64_t> next_due_ms_{INT64_MAX};  // the earliest scheduled time still to come
  mutable std::mutex schedule_mutex_;
  mutable std::set<int64_t> scheduled_ms_;  // publication times still to come
  std::mutex signature_mutex_;
  std::string signature_;  // of the tables, as Watch or this server's last write saw them

  std::mutex flush_mutex_;  // one FlushViews at a time
  std::mutex thread_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoptac::news

#include "news/news_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <climits>
#include <set>
#include <unordered_map>

#include "base/log.h"
#include "news/markdown.h"
#include "news/news_json.h"
#include "news/news_store.h"
#include "storage/audit.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::news {
namespace {

using auth::Principal;
using auth::Role;
using storage::Connection;

Error NotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.article_not_found", {std::to_string(id)});
}
Error WriteDenied() { return Error::Make(ErrorCode::kPermissionDenied, "error.article_write_denied"); }
Error PublishDenied() { return Error::Make(ErrorCode::kPermissionDenied, "error.article_publish_admin"); }

// Staff who write articles: national roles (and the command line), province roles.
bool Staff(const Principal& who) { return who.national() || who.province_bound(); }
// Who writes an article of `province` ("" national).
bool Writes(const Principal& who, const std::string& province) {
  if (who.national()) return true;
  return who.province_bound() && !province.empty() && province == who.province_code;
}
// Who publishes, schedules, unpublishes and sends back an article of `province`.
bool Publishes(const Principal& who, const std::string& province) {
  if (who.national()) return true;
  return who.authenticated() && who.role == Role::kProvinceAdmin && !province.empty() && province == who.province_code;
}

// 409 article.move_not_allowed, with the status and the move in words as field errors.
Error MoveNotAllowed(const std::string& from, const std::string& move) {
  Error e = Error::Make(ErrorCode::kConflict, "article.move_not_allowed");
  e.fields.push_back({"from", from, "article.status." + from, {}});
  e.fields.push_back({"to", move, "article.move." + move, {}});
  return e;
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, const Article& a, int64_t now) {
  storage::AuditRecord r;
  r.at_ms = now;
  r.actor_user_id = who.user_id;
  r.actor_name = who.AuditName();
  r.address = who.address;
  r.action = std::move(action);
  r.object_type = "article";
  r.object_id = std::to_string(a.id);
  r.province_code = a.province_code;
  return r;
}

class Checks {
 public:
  std::string Text(const std::string& field, const std::string& raw, bool required, size_t max) {
    text::NormalizedText n = text::NormalizeText(raw);
    if (!n.valid || !n.visible) {
      if (required) errors.push_back({field, "required", "field.required", {}});
      return std::string();
    }
    if (n.text.size() > max) errors.push_back({field, "too_long", "field.too_long", {std::to_string(max)}});
    return n.text;
  }
  void Add(FieldError e) { errors.push_back(std::move(e)); }
  Status Finish() { return errors.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors))); }
  std::vector<FieldError> errors;
};

// Ids sorted and unique; a field error for each one not positive, and for too many.
std::vector<int64_t> CheckIds(Checks& c, const std::string& field, std::vector<int64_t> ids) {
  for (size_t i = 0; i < ids.size(); ++i)
    if (ids[i] <= 0)
      c.Add(
          {field + "[" + std::to_string(i) + "]", "invalid_id", "field.article_invalid_id", {std::to_string(ids[i])}});
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > kMaxLinks) c.Add({field, "too_many", "field.article_too_many", {std::to_string(kMaxLinks)}});
  return ids;
}

// 403 when `who` may not write an article of `province` (a province account asking for national
// or another province's), naming the field.
Status OutOfScope(const Principal& who, const std::string& province) {
  if (Writes(who, province)) return Ok();
  Error e = province.empty()
                ? Error::Make(ErrorCode::kPermissionDenied, "error.article_national_only")
                : Error::Make(ErrorCode::kPermissionDenied, "error.article_province_out_of_scope", {province});
  e.fields.push_back({"province", province.empty() ? "national_only" : "out_of_scope", e.key, e.args});
  return e;
}

// Every word of `words` in the folded text.
bool Matches(const std::vector<std::string>& words, const std::string& folded) {
  for (const std::string& w : words)
    if (folded.find(w) == std::string::npos) return false;
  return true;
}

// Applies the request's members to `a` (texts normalised and checked by Check).
void Apply(const ArticleInput& in, Article& a) {
  if (in.title) a.title = *in.title;
  if (in.summary) a.summary = *in.summary;
  if (in.body) a.body = *in.body;
  if (in.category) a.category = *in.category;
  if (in.lang) a.lang = *in.lang;
  if (in.keywords) a.keywords = *in.keywords;
  if (in.province) a.province_code = *in.province;
  if (in.translation_of) a.translation_of = *in.translation_of;
  if (in.cover_image) {
    a.cover_image_id = in.cover_image->id;
    a.cover_alt = in.cover_image->id == 0 ? std::string() : in.cover_image->alt;
  }
  if (in.entity_ids) a.entity_ids = *in.entity_ids;
  if (in.programme_ids) a.programme_ids = *in.programme_ids;
  if (in.activity_ids) a.activity_ids = *in.activity_ids;
}

}  // namespace

NewsService::NewsService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units, NowMs now_ms)
    : db_(db), units_(std::move(units)), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  if (Status s = ReloadSchedule(); !s.ok()) log::Warn("news: scheduled articles not read", {{"error", s.error().key}});
  // What the tables look like now: the flush thread's Watch compares with it.
  Status read = db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(signature_, Signature(conn));
    return Ok();
  });
  if (!read.ok()) log::Warn("news: tables not read", {{"error", read.error().key}});
}

NewsService::~NewsService() { StopFlushing(); }

std::string NewsService::ProvinceName(const std::string& code) const {
  if (code.empty()) return "";
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, DayOf(now_ms_()));
  return unit ? unit->name : code;
}

bool NewsService::MayRead(const Principal& who, const Article& a) const {
  if (Visible(a, now_ms_())) return true;
  if (who.national()) return true;
  return who.province_bound() && !a.province_code.empty() && a.province_code == who.province_code;
}

// ---- Answers ----

Result<std::vector<ArticleView>> NewsService::Views(const Principal& who, std::vector<Article> articles) const {
  std::vector<ArticleView> out;
  if (articles.empty()) return out;
  std::vector<Category> categories;
  std::vector<VersionRow> versions;
  std::vector<int64_t> roots;
  for (const Article& a : articles) roots.push_back(a.translation_of != 0 ? a.translation_of : a.id);
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(categories, LoadCategories(conn));
    HOPTAC_ASSIGN_OR_RETURN(versions, LoadVersions(conn, roots));
    return Ok();
  }));
  const int64_t now = now_ms_();
  for (Article& a : articles) {
    ArticleView v;
    v.url = ArticleUrl(a.slug);
    v.province_name = ProvinceName(a.province_code);
    for (const Category& c : categories)
      if (c.code == a.category) {
        v.category_name = c.name;
        v.category_name_en = c.name_en;
        v.category_slug = c.slug;
      }
    const int64_t root = a.translation_of != 0 ? a.translation_of : a.id;
    for (const VersionRow& r : versions) {
      if (r.id == a.id || (r.id != root && r.translation_of != root)) continue;
      Article other;
      other.status = r.status;
      other.published_at_ms = r.published_at_ms;
      other.province_code = r.province_code;
      if (MayRead(who, other)) v.translations.push_back({r.id, r.lang, r.slug});
    }
    v.scheduled = Scheduled(a, now);
    v.views = a.views + views_.PendingOf(a.id);
    v.article = std::move(a);
    out.push_back(std::move(v));
  }
  return out;
}

Result<ArticleView> NewsService::View(const Principal& who, Article a) const {
  std::vector<Article> one;
  one.push_back(std::move(a));
  HOPTAC_ASSIGN_OR_RETURN(std::vector<ArticleView> views, Views(who, std::move(one)));
  return std::move(views.front());
}

// ---- Reading ----

Result<ArticlePage> NewsService::List(const Principal& who, const ArticleQuery& q) const {
  ArticleFilter f;
  f.now_ms = now_ms_();
  if (who.national()) {
    f.scope = ArticleFilter::Scope::kAll;
  } else if (who.province_bound()) {
    f.scope = ArticleFilter::Scope::kProvince;
    f.scope_province = who.province_code;
  } else {
    f.scope = ArticleFilter::Scope::kPublic;
  }
  f.statuses = q.statuses;
  f.category = q.category;
  f.keyword_folded = FoldKeyword(q.keyword);
  f.entity_id = q.entity_id;
  if (q.province == "national")
    f.national_only = true;
  else
    f.province = q.province;
  f.lang = q.lang;
  const std::vector<std::string> words = text::FoldedWords(q.q);
  ArticlePage page;
  std::vector<Article> articles;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::vector<ArticleHead> heads, SelectArticles(conn, f, !words.empty()));
    if (!words.empty()) {
      std::vector<int64_t> ids;
      for (const ArticleHead& h : heads) ids.push_back(h.id);
      std::map<int64_t, std::vector<std::string>> keywords;
      if (!ids.empty()) {
        HOPTAC_ASSIGN_OR_RETURN(keywords, LoadFoldedKeywords(conn, ids));
      }
      std::vector<ArticleHead> kept;
      for (ArticleHead& h : heads) {
        std::string hay = text::Fold(h.title) + " " + text::Fold(h.summary);
        for (const std::string& k : keywords[h.id]) hay += " " + k;
        if (Matches(words, hay)) kept.push_back(std::move(h));
      }
      heads = std::move(kept);
    }
    page.total = static_cast<int64_t>(heads.size());
    const int64_t first = int64_t{std::max(q.page, 1) - 1} * std::max(q.limit, 1);
    std::vector<int64_t> ids;
    for (int64_t i = first; i < page.total && i < first + q.limit; ++i) ids.push_back(heads[i].id);
    HOPTAC_ASSIGN_OR_RETURN(articles, LoadArticles(conn, ids));
    return Ok();
  }));
  HOPTAC_ASSIGN_OR_RETURN(page.items, Views(who, std::move(articles)));
  return page;
}

Result<ArticleView> NewsService::Get(const Principal& who, int64_t id) const {
  std::optional<Article> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadArticle(conn, id));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return NotFound(id);
  return View(who, std::move(*found));
}

Result<ArticleView> NewsService::GetBySlug(const Principal& who, const std::string& slug) const {
  std::optional<Article> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadArticleBySlug(conn, slug));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return Error::Make(ErrorCode::kNotFound, "error.article_not_found", {slug});
  return View(who, std::move(*found));
}

Result<std::vector<ArticleView>> NewsService::Related(const Principal& who, int64_t article_id, int n) const {
  HOPTAC_ASSIGN_OR_RETURN(ArticleView self, Get(who, article_id));
  if (n <= 0) return std::vector<ArticleView>{};
  ArticleFilter f;
  f.now_ms = now_ms_();
  if (who.national()) {
    f.scope = ArticleFilter::Scope::kAll;
    f.statuses = {"published"};
  } else {
    f.scope = ArticleFilter::Scope::kPublic;
  }
  f.lang = self.article.lang;
  f.related = true;
  f.related_category = self.article.category;
  for (const std::string& k : self.article.keywords) f.related_keywords.push_back(FoldKeyword(k));
  f.exclude_id = article_id;
  f.limit = std::min(n, kMaxLimit);
  std::vector<Article> articles;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::vector<ArticleHead> heads, SelectArticles(conn, f, false));
    std::vector<int64_t> ids;
    for (const ArticleHead& h : heads) ids.push_back(h.id);
    HOPTAC_ASSIGN_OR_RETURN(articles, LoadArticles(conn, ids));
    return Ok();
  }));
  return Views(who, std::move(articles));
}

// ---- Writing ----

// Normalises and checks `a` (scope of its province included) and renders its body; sets its slug
// unless fixed. Errors are added to `errors`; other failures returned.
Status NewsService::Check(const Principal& who, Article& a, Connection& conn, std::vector<FieldError>& errors) const {
  Checks c;
  a.title = c.Text("title", a.title, true, kMaxTitleLength);
  a.summary = c.Text("summary", a.summary, false, kMaxSummaryLength);
  if (a.body.size() > kMaxBodyLength) c.Add({"body", "too_long", "field.too_long", {std::to_string(kMaxBodyLength)}});
  if (!OneOf(kLangs, a.lang)) c.Add({"lang", "invalid_enum", "field.invalid_enum", {a.lang, NamesText(kLangs)}});
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Category> categories, LoadCategories(conn));
  std::string codes;
  bool known = false;
  for (const Category& cat : categories) {
    codes += (codes.empty() ? "" : ", ") + cat.code;
    known = known || cat.code == a.category;
  }
  if (a.category.empty())
    c.Add({"category", "required", "field.required", {}});
  else if (!known)
    c.Add({"category", "invalid_enum", "field.invalid_enum", {a.category, codes}});
  // Keywords: normalised, unique by their folded form, in the order written.
  std::vector<std::string> keywords;
  std::set<std::string> folded;
  for (size_t i = 0; i < a.keywords.size(); ++i) {
    const std::string k = c.Text("keywords[" + std::to_string(i) + "]", a.keywords[i], true, kMaxKeywordLength);
    if (!k.empty() && folded.insert(FoldKeyword(k)).second) keywords.push_back(k);
  }
  if (keywords.size() > kMaxKeywords)
    c.Add({"keywords", "too_many", "field.article_too_many", {std::to_string(kMaxKeywords)}});
  a.keywords = std::move(keywords);
  // The province: in force today (the writer's scope is checked before: OutOfScope).
  if (!a.province_code.empty() && !units_->Find(geo::AdminLevel::kProvince, a.province_code, DayOf(now_ms_())))
    c.Add({"province", "unknown_province", "field.article_unknown_province", {a.province_code}});
  // The cover image needs its alt text (the public pages' accessibility).
  if (a.cover_image_id < 0)
    c.Add({"cover_image.id", "invalid_id", "field.article_invalid_id", {std::to_string(a.cover_image_id)}});
  if (a.cover_image_id > 0) {
    a.cover_alt = c.Text("cover_image.alt", a.cover_alt, false, kMaxAltLength);
    if (a.cover_alt.empty()) c.Add({"cover_image.alt", "required", "field.article_cover_alt", {}});
  }
  a.entity_ids = CheckIds(c, "entity_ids", a.entity_ids);
  a.programme_ids = CheckIds(c, "programme_ids", a.programme_ids);
  a.activity_ids = CheckIds(c, "activity_ids", a.activity_ids);
  // A translation: an English article of a Vietnamese original that has no English version yet.
  if (a.translation_of != 0) {
    HOPTAC_ASSIGN_OR_RETURN(auto original, LoadArticle(conn, a.translation_of));
    const std::string id = std::to_string(a.translation_of);
    if (!original || !MayRead(who, *original) || original->id == a.id)
      c.Add({"translation_of", "unknown_article", "field.article_translation_unknown", {id}});
    else if (original->lang != "vi" || original->translation_of != 0)
      c.Add({"translation_of", "not_original", "field.article_translation_original", {id}});
    else if (a.lang == "vi")
      c.Add({"lang", "translation_lang", "field.article_translation_lang", {}});
    else {
      HOPTAC_ASSIGN_OR_RETURN(std::vector<VersionRow> versions,
                              LoadVersions(conn, std::span<const int64_t>(&a.translation_of, 1)));
      for (const VersionRow& v : versions)
        if (v.id != a.id && v.id != original->id && v.lang == a.lang)
          c.Add(
              {"translation_of", "translation_exists", "field.article_translation_exists", {id, std::to_string(v.id)}});
    }
  }
  a.body_html = RenderMarkdown(a.body);
  if (!a.slug_fixed && !a.title.empty()) {
    Status failure = Ok();
    a.slug = UniqueSlug(Slugify(a.title), [&](const std::string& s) {
      auto taken = SlugTaken(conn, s, a.id);
      if (!taken.ok()) {
        failure = taken.error();
        return false;
      }
      return *taken;
    });
    HOPTAC_TRY(failure);
  }
  for (FieldError& e : c.errors) errors.push_back(std::move(e));
  return Ok();
}

Result<ArticleView> NewsService::Create(const Principal& who, const ArticleInput& in) {
  if (!Staff(who)) return WriteDenied();
  Article a;
  a.province_code = who.province_bound() ? who.province_code : std::string();
  Apply(in, a);
  a.status = "draft";
  a.author_user_id = who.user_id;
  a.author = who.AuditName();
  a.created_at_ms = a.updated_at_ms = now_ms_();
  HOPTAC_TRY(OutOfScope(who, a.province_code));
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    std::vector<FieldError> errors;
    HOPTAC_TRY(Check(who, a, conn, errors));
    if (!errors.empty()) return Error::InvalidFields(std::move(errors));
    HOPTAC_TRY(InsertArticle(conn, a));
    auto audit = AuditOf(who, "article.create", a, a.created_at_ms);
    audit.after_json = boost::json::serialize(ArticleJson(a));
    return storage::AppendAudit(conn, audit);
  }));
  Committed();
  return View(who, std::move(a));
}

Result<ArticleView> NewsService::Change(const Principal& who, int64_t id, const ArticleInput& in) {
  if (!Staff(who)) return WriteDenied();
  Article a;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadArticle(conn, id));
    if (!found || !Writes(who, found->province_code)) return NotFound(id);
    if (found->status == "published" && !Publishes(who, found->province_code)) return PublishDenied();
    a = *found;
    Apply(in, a);
    HOPTAC_TRY(OutOfScope(who, a.province_code));
    a.updated_at_ms = std::max(now_ms_(), found->updated_at_ms + 1);
    std::vector<FieldError> errors;
    HOPTAC_TRY(Check(who, a, conn, errors));
    if (!errors.empty()) return Error::InvalidFields(std::move(errors));
    HOPTAC_TRY(UpdateArticle(conn, a));
    auto audit = AuditOf(who, "article.update", a, a.updated_at_ms);
    audit.before_json = boost::json::serialize(ArticleJson(*found));
    audit.after_json = boost::json::serialize(ArticleJson(a));
    return storage::AppendAudit(conn, audit);
  }));
  Committed();
  return View(who, std::move(a));
}

Result<ArticleView> NewsService::Move(const Principal& who, int64_t id, const std::string& move,
                                      const std::function<Status(Article&)>& change) {
  if (!Staff(who)) return WriteDenied();
  Article a;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadArticle(conn, id));
    if (!found || !Writes(who, found->province_code)) return NotFound(id);
    const bool reviewing = move == "publish" || move == "return" || move == "unpublish";
    if (reviewing && !Publishes(who, found->province_code)) return PublishDenied();
    if (!MayMove(found->status, move)) return MoveNotAllowed(found->status, move);
    a = *found;
    const int64_t now = now_ms_();
    HOPTAC_TRY(change(a));
    a.status = StatusAfter(move);
    a.updated_at_ms = std::max(now, found->updated_at_ms + 1);
    HOPTAC_TRY(UpdateArticle(conn, a));
    auto audit = AuditOf(who, "article." + move, a, now);
    audit.before_json = boost::json::serialize(ArticleJson(*found));
    audit.after_json = boost::json::serialize(ArticleJson(a));
    return storage::AppendAudit(conn, audit);
  }));
  Committed();
  return View(who, std::move(a));
}

Result<ArticleView> NewsService::Submit(const Principal& who, int64_t id) {
  return Move(who, id, "submit", [](Article&) { return Ok(); });
}

Result<ArticleView> NewsService::Publish(const Principal& who, int64_t id, std::optional<int64_t> at_ms) {
  const int64_t at = at_ms ? *at_ms : now_ms_();
  return Move(who, id, "publish", [&](Article& a) -> Status {
    a.published_at_ms = at;
    a.slug_fixed = true;
    a.review_note.clear();
    return Ok();
  });
}

Result<ArticleView> NewsService::Return(const Principal& who, int64_t id, const std::string& note) {
  Checks c;
  const std::string text = c.Text("note", note, true, kMaxNoteLength);
  HOPTAC_TRY(c.Finish());
  return Move(who, id, "return", [&](Article& a) -> Status {
    a.review_note = text;
    return Ok();
  });
}

Result<ArticleView> NewsService::Unpublish(const Principal& who, int64_t id) {
  return Move(who, id, "unpublish", [](Article&) { return Ok(); });
}

Status NewsService::Delete(const Principal& who, int64_t id) {
  if (!Staff(who)) return WriteDenied();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadArticle(conn, id));
    if (!found || !Writes(who, found->province_code)) return NotFound(id);
    if (!MayMove(found->status, "delete")) return MoveNotAllowed(found->status, "delete");
    HOPTAC_TRY(DeleteArticle(conn, id));
    auto audit = AuditOf(who, "article.delete", *found, now_ms_());
    audit.before_json = boost::json::serialize(ArticleJson(*found));
    return storage::AppendAudit(conn, audit);
  }));
  Committed();
  return Ok();
}

Result<std::string> NewsService::Preview(const Principal& who, const std::string& body) const {
  if (!Staff(who)) return WriteDenied();
  if (body.size() > kMaxBodyLength)
    return Error::InvalidField("body", "too_long", "field.too_long", {std::to_string(kMaxBodyLength)});
  return RenderMarkdown(body);
}

// ---- Categories ----

Result<std::vector<Category>> NewsService::Categories() const {
  std::vector<Category> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadCategories(conn));
    return Ok();
  }));
  return out;
}

Result<Category> NewsService::CreateCategory(const Principal& who, const Category& in) {
  if (!who.authenticated() || !(who.role == Role::kNationalAdmin || who.credential == auth::Credential::kCli))
    return Error::Make(ErrorCode::kPermissionDenied, "error.article_categories_national_admin");
  Checks c;
  Category cat;
  cat.code = in.code;
  if (!ValidCategoryCode(cat.code)) c.Add({"code", "invalid_code", "field.article_category_code", {cat.code}});
  cat.name = c.Text("name", in.name, true, kMaxCategoryNameLength);
  cat.name_en = c.Text("name_en", in.name_en, true, kMaxCategoryNameLength);
  cat.slug = Slugify(cat.name);
  HOPTAC_TRY(c.Finish());
  if (cat.slug.empty()) cat.slug = cat.code;
  const int64_t now = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto existing, LoadCategories(conn));
    for (const Category& x : existing) {
      if (x.code == cat.code)
        return Error::InvalidField("code", "duplicate", "field.article_category_exists", {cat.code});
      if (x.slug == cat.slug)
        return Error::InvalidField("name", "duplicate", "field.article_category_slug_exists", {cat.slug, x.code});
    }
    HOPTAC_TRY(InsertCategory(conn, cat));
    storage::AuditRecord r;
    r.at_ms = now;
    r.actor_user_id = who.user_id;
    r.actor_name = who.AuditName();
    r.address = who.address;
    r.action = "news_category.create";
    r.object_type = "news_category";
    r.object_id = cat.code;
    r.after_json = boost::json::serialize(CategoryJson(cat));
    return storage::AppendAudit(conn, r);
  }));
  Committed();
  return cat;
}

// ---- Views, generation, the flush thread ----

bool NewsService::RecordView(int64_t article_id, std::string_view reader_key, std::string_view user_agent,
                             int64_t now_ms) {
  return views_.Record(article_id, reader_key, user_agent, now_ms);
}

Status NewsService::FlushViews() {
  std::lock_guard lock(flush_mutex_);
  ViewCounter::Pending pending = views_.Take();
  if (pending.empty()) return Ok();
  Status s = db_.Write([&](Connection& conn) -> Status { return AddViews(conn, pending); });
  if (!s.ok()) views_.Restore(pending);
  return s;
}

void NewsService::StartFlushing(std::chrono::milliseconds interval) {
  std::lock_guard lock(thread_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    std::unique_lock wait(thread_mutex_);
    while (!stopping_) {
      if (stop_cv_.wait_for(wait, interval, [this] { return stopping_; })) break;
      wait.unlock();
      if (Status s = FlushViews(); !s.ok()) log::Warn("news: views not flushed", {{"error", s.error().key}});
      if (Status s = Watch(); !s.ok()) log::Warn("news: changes not read", {{"error", s.error().key}});
      wait.lock();
    }
  });
}

void NewsService::StopFlushing() {
  {
    std::lock_guard lock(thread_mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
  if (Status s = FlushViews(); !s.ok()) log::Warn("news: views not flushed", {{"error", s.error().key}});
}

void NewsService::Committed() {
  // The tables as this write left them, so that Watch does not count it again (read before the
  // generation moves: a write of another server after this read is still seen by Watch).
  std::string signature;
  Status read = db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(signature, Signature(conn));
    return Ok();
  });
  if (read.ok()) {
    std::lock_guard lock(signature_mutex_);
    signature_ = std::move(signature);
  }
  generation_.fetch_add(1);
  if (Status s = ReloadSchedule(); !s.ok()) log::Warn("news: scheduled articles not read", {{"error", s.error().key}});
}

Status NewsService::ReloadSchedule() const {
  const int64_t now = now_ms_();
  std::vector<int64_t> times;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(times, ScheduledTimes(conn, now));
    return Ok();
  }));
  std::lock_guard lock(schedule_mutex_);
  scheduled_ms_ = std::set<int64_t>(times.begin(), times.end());
  next_due_ms_ = scheduled_ms_.empty() ? INT64_MAX : *scheduled_ms_.begin();
  return Ok();
}

Status NewsService::Watch() {
  std::string signature;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(signature, Signature(conn));
    return Ok();
  }));
  {
    std::lock_guard lock(signature_mutex_);
    if (signature == signature_) return Ok();
    signature_ = signature;
  }
  // Another server (or this one) wrote: the portal's pages are made again.
  generation_.fetch_add(1);
  return ReloadSchedule();
}

uint64_t NewsService::Generation() const {
  const int64_t now = now_ms_();
  if (now >= next_due_ms_.load(std::memory_order_relaxed)) {
    std::lock_guard lock(schedule_mutex_);
    bool passed = false;
    while (!scheduled_ms_.empty() && *scheduled_ms_.begin() <= now) {
      scheduled_ms_.erase(scheduled_ms_.begin());
      passed = true;
    }
    next_due_ms_ = scheduled_ms_.empty() ? INT64_MAX : *scheduled_ms_.begin();
    if (passed) generation_.fetch_add(1);
  }
  return generation_.load();
}

Status NewsService::AuditNames(std::span<const int64_t> ids, std::map<int64_t, std::string>& names) const {
  return db_.Read([&](Connection& conn) -> Status { return ReadArticleTitles(conn, ids, names); });
}

}  // namespace hoptac::news

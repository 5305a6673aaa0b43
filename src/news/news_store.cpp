#include "news/news_store.h"

#include <algorithm>
#include <unordered_map>

#include "storage/sql.h"

namespace hoptac::news {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

constexpr const char* kColumns =
    "a.id, a.slug, a.lang, a.translation_of, a.title, a.summary, a.body, a.body_html, a.category, a.province_code, "
    "a.cover_image_id, a.cover_alt, a.status, a.published_at_ms, a.slug_fixed, a.review_note, a.author_user_id, "
    "a.author, a.views, a.created_at_ms, a.updated_at_ms";

// Newest first: a published article by its publication time, another by its last change.
constexpr const char* kOrder =
    " ORDER BY CASE WHEN a.status = 'published' THEN a.published_at_ms ELSE a.updated_at_ms END DESC, a.id DESC";

int64_t IntOrZero(const RowView& row, int column) { return row.IsNull(column) ? 0 : row.GetInt(column); }
Value IdOrNull(int64_t id) { return id == 0 ? Value{} : Int(id); }

Article Read(const RowView& row) {
  Article a;
  a.id = row.GetInt(0);
  a.slug = std::string(row.GetText(1));
  a.lang = std::string(row.GetText(2));
  a.translation_of = IntOrZero(row, 3);
  a.title = std::string(row.GetText(4));
  a.summary = std::string(row.GetText(5));
  a.body = std::string(row.GetText(6));
  a.body_html = std::string(row.GetText(7));
  a.category = std::string(row.GetText(8));
  a.province_code = std::string(row.GetText(9));
  a.cover_image_id = IntOrZero(row, 10);
  a.cover_alt = std::string(row.GetText(11));
  a.status = std::string(row.GetText(12));
  a.published_at_ms = row.GetInt(13);
  a.slug_fixed = row.GetInt(14) != 0;
  a.review_note = std::string(row.GetText(15));
  a.author_user_id = row.GetInt(16);
  a.author = std::string(row.GetText(17));
  a.views = row.GetInt(18);
  a.created_at_ms = row.GetInt(19);
  a.updated_at_ms = row.GetInt(20);
  return a;
}

// The columns UPDATE writes, in order ($1 … $16).
std::vector<Value> Values(const Article& a) {
  return {Text(a.slug),
          Text(a.lang),
          IdOrNull(a.translation_of),
          Text(a.title),
          Text(a.summary),
          Text(a.body),
          Text(a.body_html),
          Text(a.category),
          Text(a.province_code),
          IdOrNull(a.cover_image_id),
          Text(a.cover_alt),
          Text(a.status),
          Int(a.published_at_ms),
          Int(a.slug_fixed ? 1 : 0),
          Text(a.review_note),
          Int(a.updated_at_ms)};
}

Status WriteParts(Connection& conn, const Article& a) {
  HOPTAC_TRY(conn.Exec("DELETE FROM article_keywords WHERE article_id = $1", {Int(a.id)}));
  int64_t position = 0;
  for (const std::string& k : a.keywords)
    HOPTAC_TRY(conn.Exec("INSERT INTO article_keywords (article_id, position, keyword, folded) VALUES ($1, $2, $3, $4)",
                         {Int(a.id), Int(++position), Text(k), Text(FoldKeyword(k))}));
  HOPTAC_TRY(conn.Exec("DELETE FROM article_links WHERE article_id = $1", {Int(a.id)}));
  auto links = [&](const char* kind, const std::vector<int64_t>& ids) -> Status {
    for (int64_t id : ids)
      HOPTAC_TRY(conn.Exec("INSERT INTO article_links (article_id, kind, target_id) VALUES ($1, $2, $3)",
                           {Int(a.id), Text(kind), Int(id)}));
    return Ok();
  };
  HOPTAC_TRY(links("entity", a.entity_ids));
  HOPTAC_TRY(links("programme", a.programme_ids));
  return links("activity", a.activity_ids);
}

std::string P(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

std::string InTexts(std::vector<Value>& params, const std::vector<std::string>& values) {
  const size_t first = params.size() + 1;
  for (const std::string& v : values) params.push_back(Text(v));
  return storage::Placeholders(first, values.size());
}

// Keywords and links of `articles` (by id).
Status LoadParts(Connection& conn, std::vector<Article>& articles) {
  if (articles.empty()) return Ok();
  std::unordered_map<int64_t, size_t> at;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < articles.size(); ++i) {
    at[articles[i].id] = i;
    ids.push_back(articles[i].id);
  }
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  HOPTAC_TRY(conn.Query(
      "SELECT article_id, keyword FROM article_keywords WHERE article_id IN (" + in + ") ORDER BY article_id, position",
      params, [&](const RowView& row) -> Status {
        articles[at[row.GetInt(0)]].keywords.emplace_back(row.GetText(1));
        return Ok();
      }));
  return conn.Query("SELECT article_id, kind, target_id FROM article_links WHERE article_id IN (" + in +
                        ") ORDER BY article_id, kind, target_id",
                    params, [&](const RowView& row) -> Status {
                      Article& a = articles[at[row.GetInt(0)]];
                      const std::string_view kind = row.GetText(1);
                      (kind == "entity"      ? a.entity_ids
                       : kind == "programme" ? a.programme_ids
                                             : a.activity_ids)
                          .push_back(row.GetInt(2));
                      return Ok();
                    });
}

Result<std::optional<Article>> LoadOne(Connection& conn, const std::string& where, Value key) {
  std::vector<Article> found;
  std::vector<Value> params{std::move(key)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM articles a WHERE " + where, params,
                        [&](const RowView& row) -> Status {
                          found.push_back(Read(row));
                          return Ok();
                        }));
  if (found.empty()) return std::optional<Article>();
  HOPTAC_TRY(LoadParts(conn, found));
  return std::optional<Article>(std::move(found.front()));
}

}  // namespace

Result<std::vector<Category>> LoadCategories(Connection& conn) {
  std::vector<Category> out;
  HOPTAC_TRY(
      conn.Query("SELECT code, name, name_en, slug, builtin, position FROM news_categories "
                 "ORDER BY position, code",
                 {}, [&](const RowView& row) -> Status {
                   out.push_back({std::string(row.GetText(0)), std::string(row.GetText(1)), std::string(row.GetText(2)),
                                  std::string(row.GetText(3)), row.GetInt(4) != 0, row.GetInt(5)});
                   return Ok();
                 }));
  return out;
}

Status InsertCategory(Connection& conn, const Category& c) {
  HOPTAC_ASSIGN_OR_RETURN(auto last, conn.QueryOne("SELECT COALESCE(MAX(position), 0) FROM news_categories"));
  const int64_t position = (last ? std::get<int64_t>((*last)[0]) : 0) + 1;
  HOPTAC_TRY(conn.Exec(
      "INSERT INTO news_categories (code, name, name_en, slug, builtin, position) VALUES ($1, $2, $3, $4, $5, $6)",
      {Text(c.code), Text(c.name), Text(c.name_en), Text(c.slug), Int(c.builtin ? 1 : 0), Int(position)}));
  return Ok();
}

Result<bool> SlugTaken(Connection& conn, const std::string& slug, int64_t except_id) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne("SELECT 1 FROM articles WHERE slug = $1 AND id <> $2", {Text(slug), Int(except_id)}));
  return row.has_value();
}

Status InsertArticle(Connection& conn, Article& a) {
  std::vector<Value> params = Values(a);
  params.push_back(Int(a.author_user_id));
  params.push_back(Text(a.author));
  params.push_back(Int(a.views));
  params.push_back(Int(a.created_at_ms));
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne("INSERT INTO articles (slug, lang, translation_of, title, summary, body, body_html, category, "
                    "province_code, cover_image_id, cover_alt, status, published_at_ms, slug_fixed, review_note, "
                    "updated_at_ms, author_user_id, author, views, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                    "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
                    params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  a.id = std::get<int64_t>((*row)[0]);
  return WriteParts(conn, a);
}

Status UpdateArticle(Connection& conn, const Article& a) {
  std::vector<Value> params = Values(a);
  params.push_back(Int(a.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE articles SET slug = $1, lang = $2, translation_of = $3, title = $4, summary = $5, body = $6, "
      "body_html = $7, category = $8, province_code = $9, cover_image_id = $10, cover_alt = $11, status = $12, "
      "published_at_ms = $13, slug_fixed = $14, review_note = $15, updated_at_ms = $16 WHERE id = $17",
      params));
  return WriteParts(conn, a);
}

Status DeleteArticle(Connection& conn, int64_t id) {
  for (const char* sql :
       {"DELETE FROM article_keywords WHERE article_id = $1", "DELETE FROM article_links WHERE article_id = $1",
        "DELETE FROM article_views WHERE article_id = $1", "DELETE FROM articles WHERE id = $1"})
    HOPTAC_TRY(conn.Exec(sql, {Int(id)}));
  return Ok();
}

Result<std::optional<Article>> LoadArticle(Connection& conn, int64_t id) { return LoadOne(conn, "a.id = $1", Int(id)); }

Result<std::optional<Article>> LoadArticleBySlug(Connection& conn, const std::string& slug) {
  return LoadOne(conn, "a.slug = $1", Text(slug));
}

Result<std::vector<Article>> LoadArticles(Connection& conn, std::span<const int64_t> ids) {
  std::vector<Article> found;
  if (ids.empty()) return found;
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM articles a WHERE a.id IN (" + in + ")", params,
                        [&](const RowView& row) -> Status {
                          found.push_back(Read(row));
                          return Ok();
                        }));
  HOPTAC_TRY(LoadParts(conn, found));
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < found.size(); ++i) at[found[i].id] = i;
  std::vector<Article> out;
  out.reserve(found.size());
  for (int64_t id : ids)
    if (auto f = at.find(id); f != at.end()) out.push_back(std::move(found[f->second]));
  return out;
}

Result<std::vector<ArticleHead>> SelectArticles(Connection& conn, const ArticleFilter& f, bool with_texts) {
  std::vector<Value> params;
  std::string where = " WHERE 1 = 1";
  using Scope = ArticleFilter::Scope;
  if (f.scope == Scope::kPublic) {
    where += " AND a.status = 'published' AND a.published_at_ms <= " + P(params, Int(f.now_ms));
  } else if (f.scope == Scope::kProvince) {
    where += " AND (a.province_code = " + P(params, Text(f.scope_province)) +
             " OR (a.status = 'published' AND a.published_at_ms <= " + P(params, Int(f.now_ms)) + "))";
  }
  if (!f.statuses.empty()) where += " AND a.status IN (" + InTexts(params, f.statuses) + ")";
  if (!f.category.empty()) where += " AND a.category = " + P(params, Text(f.category));
  if (!f.province.empty()) where += " AND a.province_code = " + P(params, Text(f.province));
  if (f.national_only) where += " AND a.province_code = ''";
  if (!f.lang.empty()) where += " AND a.lang = " + P(params, Text(f.lang));
  if (!f.keyword_folded.empty())
    where += " AND EXISTS (SELECT 1 FROM article_keywords k WHERE k.article_id = a.id AND k.folded = " +
             P(params, Text(f.keyword_folded)) + ")";
  if (f.entity_id != 0)
    where +=
        " AND EXISTS (SELECT 1 FROM article_links l WHERE l.article_id = a.id AND l.kind = 'entity' AND "
        "l.target_id = " +
        P(params, Int(f.entity_id)) + ")";
  if (f.exclude_id != 0) where += " AND a.id <> " + P(params, Int(f.exclude_id));
  if (f.related) {
    std::string any = "a.category = " + P(params, Text(f.related_category));
    if (!f.related_keywords.empty())
      any += " OR EXISTS (SELECT 1 FROM article_keywords k WHERE k.article_id = a.id AND k.folded IN (" +
             InTexts(params, f.related_keywords) + "))";
    where += " AND (" + any + ")";
  }
  std::string sql =
      std::string("SELECT a.id") + (with_texts ? ", a.title, a.summary" : "") + " FROM articles a" + where + kOrder;
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  std::vector<ArticleHead> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    ArticleHead h;
    h.id = row.GetInt(0);
    if (with_texts) {
      h.title = std::string(row.GetText(1));
      h.summary = std::string(row.GetText(2));
    }
    out.push_back(std::move(h));
    return Ok();
  }));
  return out;
}

Result<std::map<int64_t, std::vector<std::string>>> LoadFoldedKeywords(Connection& conn, std::span<const int64_t> ids) {
  std::map<int64_t, std::vector<std::string>> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  HOPTAC_TRY(conn.Query(
      "SELECT article_id, folded FROM article_keywords WHERE article_id IN (" + in + ") ORDER BY article_id, position",
      params, [&](const RowView& row) -> Status {
        out[row.GetInt(0)].emplace_back(row.GetText(1));
        return Ok();
      }));
  return out;
}

Result<std::vector<VersionRow>> LoadVersions(Connection& conn, std::span<const int64_t> roots) {
  std::vector<VersionRow> out;
  if (roots.empty()) return out;
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, roots);
  HOPTAC_TRY(conn.Query(
      "SELECT id, translation_of, lang, slug, status, province_code, published_at_ms FROM articles "
      "WHERE id IN (" +
          in + ") OR translation_of IN (" + in + ") ORDER BY lang, id",
      params, [&](const RowView& row) -> Status {
        out.push_back({row.GetInt(0), IntOrZero(row, 1), std::string(row.GetText(2)), std::string(row.GetText(3)),
                       std::string(row.GetText(4)), std::string(row.GetText(5)), row.GetInt(6)});
        return Ok();
      }));
  return out;
}

Status AddViews(Connection& conn, const ViewCounter::Pending& pending) {
  std::map<int64_t, int64_t> by_article;
  for (const auto& [key, count] : pending) {
    HOPTAC_TRY(
        conn.Exec("INSERT INTO article_views (article_id, day, views) SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), "
                  "CAST($3 AS BIGINT) WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1) "
                  "ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views",
                  {Int(key.article_id), Text(key.day), Int(count)}));
    by_article[key.article_id] += count;
  }
  for (const auto& [id, count] : by_article)
    HOPTAC_TRY(conn.Exec("UPDATE articles SET views = views + $1 WHERE id = $2", {Int(count), Int(id)}));
  return Ok();
}

Result<std::vector<int64_t>> ScheduledTimes(Connection& conn, int64_t now_ms) {
  std::vector<int64_t> out;
  HOPTAC_TRY(
      conn.Query("SELECT DISTINCT published_at_ms FROM articles WHERE status = 'published' AND "
                 "published_at_ms > $1",
                 std::vector<Value>{Int(now_ms)}, [&](const RowView& row) -> Status {
                   out.push_back(row.GetInt(0));
                   return Ok();
                 }));
  return out;
}

Result<std::string> Signature(Connection& conn) {
  std::string out;
  HOPTAC_TRY(conn.Query("SELECT COUNT(*), COALESCE(MAX(updated_at_ms), 0), COALESCE(SUM(id), 0) FROM articles", {},
                        [&](const RowView& row) -> Status {
                          out = std::to_string(row.GetInt(0)) + "/" + std::to_string(row.GetInt(1)) + "/" +
                                std::to_string(row.GetInt(2));
                          return Ok();
                        }));
  HOPTAC_TRY(conn.Query("SELECT COUNT(*) FROM news_categories", {}, [&](const RowView& row) -> Status {
    out += "/" + std::to_string(row.GetInt(0));
    return Ok();
  }));
  return out;
}

Status ReadArticleTitles(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  if (ids.empty()) return Ok();
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  return conn.Query("SELECT id, title FROM articles WHERE id IN (" + in + ")", params,
                    [&](const RowView& row) -> Status {
                      out[row.GetInt(0)] = std::string(row.GetText(1));
                      return Ok();
                    });
}

}  // namespace hoptac::news

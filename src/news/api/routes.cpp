#include "news/api/routes.h"

#include <boost/json.hpp>

#include "base/lists.h"
#include "http/request.h"
#include "news/news_json.h"

namespace hoptac::news::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

Result<ArticleQuery> ReadQuery(const Request& request) {
  ArticleQuery q;
  std::vector<FieldError> errors;
  q.statuses = SplitCommaList(request.Query("status").value_or(""));
  for (const std::string& s : q.statuses)
    if (!OneOf(kStatuses, s))
      errors.push_back({"status", "invalid_enum", "field.invalid_enum", {s, NamesText(kStatuses)}});
  q.lang = std::string(request.Query("lang").value_or(""));
  if (!q.lang.empty() && !OneOf(kLangs, q.lang))
    errors.push_back({"lang", "invalid_enum", "field.invalid_enum", {q.lang, NamesText(kLangs)}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  q.category = std::string(request.Query("category").value_or(""));
  q.keyword = std::string(request.Query("keyword").value_or(""));
  q.province = std::string(request.Query("province").value_or(""));
  q.q = std::string(request.Query("q").value_or(""));
  HOPTAC_ASSIGN_OR_RETURN(q.page, http::IntParameter(request, "page", 1));
  HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 20));
  if (q.page < 1) return Error::InvalidField("page", "out_of_range", "field.out_of_range", {"1", "∞"});
  if (q.limit < 1 || q.limit > kMaxLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxLimit)});
  return q;
}

Result<Response> Answer(Result<ArticleView> v, unsigned status = 200) {
  if (!v.ok()) return v.error();
  return Response::Json(ArticleViewJson(*v), status);
}

// A move's optional empty body ({} or nothing).
Status NoBody(const Request& request) {
  if (request.body.empty()) return Ok();
  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
  http::JsonFields fields(body);
  return fields.Finish({});
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  NewsService* svc = services.news;
  router.Add({"GET", "/api/v1/articles", "articles.list", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(
                    request, {"status", "category", "keyword", "province", "lang", "q", "page", "limit"}));
                HOPTAC_ASSIGN_OR_RETURN(ArticleQuery q, ReadQuery(request));
                HOPTAC_ASSIGN_OR_RETURN(ArticlePage page, svc->List(request.principal, q));
                json::array items;
                for (const ArticleView& v : page.items) items.push_back(ArticleViewJson(v));
                return Response::Json(json::object{
                    {"items", std::move(items)}, {"total", page.total}, {"page", q.page}, {"limit", q.limit}});
              }});
  router.Add({"POST", "/api/v1/articles", "articles.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ArticleInput input, ReadArticleInput(body, true));
                return Answer(svc->Create(request.principal, input), 201);
              }});
  // The literal path before {id}.
  router.Add({"POST", "/api/v1/articles/preview", "articles.preview", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string text, ReadPreviewBody(body));
                HOPTAC_ASSIGN_OR_RETURN(std::string html, svc->Preview(request.principal, text));
                return Response::Json(json::object{{"body_html", html}});
              }});
  router.Add({"GET", "/api/v1/articles/{id}", "articles.get", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return Answer(svc->Get(request.principal, id));
              }});
  router.Add({"PATCH", "/api/v1/articles/{id}", "articles.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ArticleInput input, ReadArticleInput(body, false));
                return Answer(svc->Change(request.principal, id, input));
              }});
  router.Add({"DELETE", "/api/v1/articles/{id}", "articles.delete", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(svc->Delete(request.principal, id));
                Response r;
                r.status = 204;
                r.content_type.clear();
                return r;
              }});
  router.Add({"POST", "/api/v1/articles/{id}/submit", "articles.submit", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(NoBody(request));
                return Answer(svc->Submit(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/articles/{id}/publish", "articles.publish", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                std::optional<int64_t> at;
                if (!request.body.empty()) {
                  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                  HOPTAC_ASSIGN_OR_RETURN(at, ReadPublishAt(body));
                }
                return Answer(svc->Publish(request.principal, id, at));
              }});
  router.Add({"POST", "/api/v1/articles/{id}/return", "articles.return", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string note, ReadNote(body));
                return Answer(svc->Return(request.principal, id, note));
              }});
  router.Add({"POST", "/api/v1/articles/{id}/unpublish", "articles.unpublish", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(NoBody(request));
                return Answer(svc->Unpublish(request.principal, id));
              }});

  // ---- Categories ----
  router.Add({"GET", "/api/v1/news-categories", "news_categories.list", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto categories, svc->Categories());
                json::array items;
                for (const Category& c : categories) items.push_back(CategoryJson(c));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/news-categories", "news_categories.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(Category c, ReadNewCategory(body));
                HOPTAC_ASSIGN_OR_RETURN(Category made, svc->CreateCategory(request.principal, c));
                return Response::Json(CategoryJson(made), 201);
              }});
}

}  // namespace hoptac::news::api

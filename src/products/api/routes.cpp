#include "products/api/routes.h"

#include <boost/json.hpp>

#include "base/lists.h"
#include "http/request.h"
#include "products/product_json.h"

namespace hoptac::products::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

Result<ProductQuery> ReadQuery(const Request& request) {
  ProductQuery q;
  std::vector<FieldError> errors;
  q.statuses = SplitCommaList(request.Query("status").value_or(""));
  for (const std::string& s : q.statuses)
    if (!OneOf(kStatuses, s))
      errors.push_back({"status", "invalid_enum", "field.invalid_enum", {s, NamesText(kStatuses)}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  q.q = std::string(request.Query("q").value_or(""));
  q.category = std::string(request.Query("category").value_or(""));
  q.province = std::string(request.Query("province").value_or(""));
  HOPTAC_ASSIGN_OR_RETURN(q.ocop_min, http::IntParameter(request, "ocop_min", 0));
  if (q.ocop_min < 0 || q.ocop_min > 5)
    return Error::InvalidField("ocop_min", "out_of_range", "field.out_of_range", {"0", "5"});
  HOPTAC_ASSIGN_OR_RETURN(int entity, http::IntParameter(request, "entity_id", 0));
  if (entity < 0) return Error::InvalidField("entity_id", "out_of_range", "field.out_of_range", {"1", "∞"});
  q.entity_id = entity;
  HOPTAC_ASSIGN_OR_RETURN(q.page, http::IntParameter(request, "page", 1));
  HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 20));
  if (q.page < 1) return Error::InvalidField("page", "out_of_range", "field.out_of_range", {"1", "∞"});
  if (q.limit < 1 || q.limit > kMaxLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxLimit)});
  return q;
}

Result<Response> Answer(Result<ProductView> v, unsigned status = 200) {
  if (!v.ok()) return v.error();
  return Response::Json(ProductViewJson(*v), status);
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  ProductService* svc = services.products;
  router.Add({"GET", "/api/v1/products", "products.list", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(
                    request, {"q", "category", "province", "ocop_min", "status", "entity_id", "page", "limit"}));
                HOPTAC_ASSIGN_OR_RETURN(ProductQuery q, ReadQuery(request));
                HOPTAC_ASSIGN_OR_RETURN(ProductPage page, svc->Search(request.principal, q));
                json::array items;
                for (const ProductView& v : page.items) items.push_back(ProductViewJson(v));
                return Response::Json(json::object{
                    {"items", std::move(items)}, {"total", page.total}, {"page", page.page}, {"limit", page.limit}});
              }});
  router.Add({"POST", "/api/v1/products", "products.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ProductInput input, ReadProductInput(body, true));
                return Answer(svc->Create(request.principal, input), 201);
              }});
  router.Add({"GET", "/api/v1/products/{id}", "products.get", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return Answer(svc->Get(request.principal, id));
              }});
  router.Add({"PATCH", "/api/v1/products/{id}", "products.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ProductInput input, ReadProductInput(body, false));
                return Answer(svc->Change(request.principal, id, input));
              }});
  router.Add({"DELETE", "/api/v1/products/{id}", "products.delete", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return Answer(svc->Withdraw(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/products/{id}/approve", "products.approve", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                if (!request.body.empty()) {
                  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                  http::JsonFields fields(body);
                  HOPTAC_TRY(fields.Finish({}));
                }
                return Answer(svc->Approve(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/products/{id}/reject", "products.reject", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string note, ReadRejectNote(body));
                return Answer(svc->Reject(request.principal, id, note));
              }});
  router.Add({"GET", "/api/v1/product-categories", "product_categories.list", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto categories, svc->Categories());
                json::array items;
                for (const Category& c : categories) items.push_back(CategoryJson(c));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
}

}  // namespace hoptac::products::api

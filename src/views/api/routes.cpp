#include "views/api/routes.h"

#include <boost/json.hpp>

#include "http/request.h"
#include "views/view_json.h"

namespace hoptac::views::api {

using http::Access;
using http::Execution;
using http::JsonFields;
using http::Request;
using http::Response;

void AddRoutes(http::Router& router, const Services& services) {
  ViewService* views = services.views;

  router.Add({"GET", "/api/v1/views", "views.list", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"page"}));
                std::string page(request.Query("page").value_or(""));
                if (!page.empty() && !KnownPage(page))
                  return Error::InvalidField("page", "invalid_enum", "field.invalid_enum", {page, "dashboard, pivot"});
                HOPTAC_ASSIGN_OR_RETURN(auto list, views->List(request.principal, page));
                boost::json::array items;
                for (const auto& v : list.views) items.push_back(ViewJson(v, request.principal));
                boost::json::object out{{"items", std::move(items)}};
                if (list.start_id)
                  out["start_view_id"] = *list.start_id;
                else
                  out["start_view_id"] = nullptr;
                return Response::Json(out);
              }});

  router.Add({"POST", "/api/v1/views", "views.create", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                JsonFields fields(body);
                NewView input;
                input.name = fields.String("name", true).value_or("");
                input.page = fields.String("page", true).value_or("");
                input.query = fields.String("query", false, kMaxQueryLength + 1).value_or("");
                input.visibility = fields.String("visibility").value_or("private");
                HOPTAC_TRY(fields.Finish({"name", "page", "query", "visibility"}));
                HOPTAC_ASSIGN_OR_RETURN(auto view, views->Create(request.principal, input));
                return Response::Json(ViewJson(view, request.principal), 201);
              }});

  router.Add({"PUT", "/api/v1/views/start", "views.start", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                JsonFields fields(body);
                std::optional<int64_t> id = fields.Integer("view_id");
                HOPTAC_TRY(fields.Finish({"view_id"}));
                HOPTAC_TRY(views->SetStart(request.principal, id));
                return Response::Json(boost::json::object{{"start_view_id", id ? boost::json::value(*id) : nullptr}});
              }});

  router.Add({"GET", "/api/v1/views/{id}", "views.get", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto view, views->Get(request.principal, id));
                return Response::Json(ViewJson(view, request.principal));
              }});

  router.Add({"PATCH", "/api/v1/views/{id}", "views.update", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                JsonFields fields(body);
                ViewChange change;
                change.name = fields.String("name");
                change.query = fields.String("query", false, kMaxQueryLength + 1);
                change.visibility = fields.String("visibility");
                HOPTAC_TRY(fields.Finish({"name", "query", "visibility"}));
                HOPTAC_ASSIGN_OR_RETURN(auto view, views->Change(request.principal, id, change));
                return Response::Json(ViewJson(view, request.principal));
              }});

  router.Add({"DELETE", "/api/v1/views/{id}", "views.delete", Access::kAuthenticated, Execution::kWorker,
              [views](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(views->Delete(request.principal, id));
                Response response;
                response.status = 204;
                return response;
              }});
}

}  // namespace hoptac::views::api

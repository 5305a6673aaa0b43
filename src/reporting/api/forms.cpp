// Report forms: /api/v1/report-forms (list), /api/v1/report-forms/{code} (get, put).
#include <boost/json.hpp>

#include "reporting/api/routes.h"
#include "reporting/report_json.h"

namespace hoptac::reporting::api {

void AddFormRoutes(Router& router, const Services& services) {
  ReportService* reports = services.reports;

  router.Add({"GET", "/api/v1/report-forms", "report_forms.list", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto forms, reports->ListForms(request.principal));
                boost::json::array items;
                for (const auto& form : forms) items.push_back(FormSummaryJson(form));
                return Response::Json(boost::json::object{{"total", forms.size()}, {"items", std::move(items)}});
              }});

  router.Add({"GET", "/api/v1/report-forms/{code}", "report_forms.get", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"version"}));
                std::optional<int> version;
                if (request.Query("version")) {
                  HOPTAC_ASSIGN_OR_RETURN(int v, http::IntParameter(request, "version", 0));
                  version = v;
                }
                HOPTAC_ASSIGN_OR_RETURN(
                    auto form, reports->GetForm(request.principal, std::string(request.PathParam("code")), version));
                return Response::Json(FormJson(form));
              }});

  router.Add({"PUT", "/api/v1/report-forms/{code}", "report_forms.put", Access::kAdmin, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                body.erase("version");  // the store numbers versions
                HOPTAC_ASSIGN_OR_RETURN(auto form,
                                        reports->PutForm(request.principal, std::string(request.PathParam("code")),
                                                         boost::json::serialize(body)));
                return Response::Json(FormJson(form));
              }});
}

}  // namespace hoptac::reporting::api

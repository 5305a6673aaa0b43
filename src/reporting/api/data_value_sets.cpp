// /api/v1/dataValueSets: a report's values in DHIS2's JSON shape (reporting/data_value_sets.h).
#include "reporting/data_value_sets.h"

#include <boost/json.hpp>

#include "http/error.h"
#include "reporting/api/routes.h"

namespace hoptac::reporting::api {

void AddDataValueSetRoutes(Router& router, const Services& services) {
  DataValueSets* sets = services.data_value_sets;
  router.Add({"GET", "/api/v1/dataValueSets", "data_value_sets.get", Access::kAuthenticated, Execution::kWorker,
              [sets](const Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"dataSet", "period", "orgUnit"}));
                Error missing = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
                for (const char* name : {"dataSet", "period", "orgUnit"})
                  if (!request.Query(name) || request.Query(name)->empty())
                    missing.fields.push_back({name, "required", "field.required", {}});
                if (!missing.fields.empty()) return missing;
                HOPTAC_ASSIGN_OR_RETURN(boost::json::object set,
                                        sets->Export(request.principal, *request.Query("dataSet"),
                                                     *request.Query("period"), *request.Query("orgUnit")));
                return Response::Json(set);
              }});
  router.Add({"POST", "/api/v1/dataValueSets", "data_value_sets.post", Access::kAuthenticated, Execution::kWorker,
              [sets](const Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(DataValueSetImport done, sets->Import(request.principal, body));
                boost::json::object summary{{"responseType", "ImportSummary"},
                                            {"status", "SUCCESS"},
                                            {"report_id", done.report_id},
                                            {"report_created", done.created},
                                            {"importCount", boost::json::object{{"imported", done.count.imported},
                                                                                {"updated", done.count.updated},
                                                                                {"ignored", done.count.ignored},
                                                                                {"deleted", done.count.deleted}}},
                                            {"conflicts", boost::json::array()}};
                return Response::Json(summary);
              }});
}

}  // namespace hoptac::reporting::api

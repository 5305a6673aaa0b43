// /api/v1/reports/table: a province form's reports of one period side by side, as JSON or XLSX
// (reporting/national_table.h).
#include "reporting/national_table.h"

#include <boost/json.hpp>

#include "http/error.h"
#include "reporting/api/routes.h"

namespace hoptac::reporting::api {

void AddNationalTableRoutes(Router& router, const Services& services) {
  ReportService* reports = services.reports;
  const geo::AdminUnitDirectory* units = services.admin_units;
  router.Add({"GET", "/api/v1/reports/table", "reports.table", Access::kAuthenticated, Execution::kWorker,
              [reports, units](const Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"form", "period", "format"}));
                Error missing = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
                for (const char* name : {"form", "period"})
                  if (!request.Query(name) || request.Query(name)->empty())
                    missing.fields.push_back({name, "required", "field.required", {}});
                std::string format(request.Query("format").value_or("json"));
                if (format != "json" && format != "xlsx")
                  missing.fields.push_back({"format", "invalid_enum", "field.invalid_enum", {format, "json, xlsx"}});
                if (!missing.fields.empty()) return missing;
                HOPTAC_ASSIGN_OR_RETURN(NationalTable table, BuildNationalTable(*reports, *units, request.principal,
                                                                                std::string(*request.Query("form")),
                                                                                *request.Query("period")));
                if (format == "json") return Response::Json(NationalTableJson(table, request.lang == i18n::Lang::kEn));
                return Response::WrittenFile(
                    [&](const std::string& path) { return WriteNationalTableXlsx(table, path); },
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "hoptac-" + table.form.code + "-" + table.period.ToString() + ".xlsx");
              }});
}

}  // namespace hoptac::reporting::api

// A report as on paper (reporting/report_document.h): GET /api/v1/reports/{id}/export?format=xlsx
// and POST /api/v1/reports/{id}/import (the file as the body).
#include "reporting/report_document.h"

#include <chrono>

#include "http/error.h"
#include "reporting/api/routes.h"

namespace hoptac::reporting::api {

namespace {

// A report file is a few tens of KiB; long narratives compress well.
constexpr size_t kMaxReportFileBytes = size_t{5} << 20;

}  // namespace

void AddReportDocumentRoutes(Router& router, const Services& services) {
  ReportService* reports = services.reports;
  router.Add(
      {"GET", "/api/v1/reports/{id}/export", "reports.export", Access::kAuthenticated, Execution::kWorker,
       [reports](Request& request) -> Result<Response> {
         HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
         HOPTAC_TRY(http::CheckQueryParameters(request, {"format"}));
         std::string format(request.Query("format").value_or("xlsx"));
         if (format != "xlsx")
           return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {format, "xlsx"});
         HOPTAC_ASSIGN_OR_RETURN(ReportView view, reports->Get(request.principal, id));
         const Report& r = view.report;
         HOPTAC_ASSIGN_OR_RETURN(ReportForm form, reports->GetForm(request.principal, r.form_code, r.form_version));
         LabelCache cache;
         UnitLabels labels =
             reports->Labels(request.principal, r.form_code, r.province_code, r.entity_id, r.period.End(), cache);
         std::string unit = r.entity_id ? labels.entity_code : r.province_code;
         return Response::WrittenFile([&](const std::string& path) { return WriteReportXlsx(form, r, labels, path); },
                                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                      "hoptac-" + r.form_code + "-" + r.period.ToString() + "-" + unit + ".xlsx");
       }});

  http::Route import{"POST",
                     "/api/v1/reports/{id}/import",
                     "reports.import",
                     Access::kAuthenticated,
                     Execution::kWorker,
                     [reports](Request& request) -> Result<Response> {
                       HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                       HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                       HOPTAC_ASSIGN_OR_RETURN(
                           ReportView view, ImportReportXlsx(*reports, request.principal, id, std::move(request.body)));
                       return ReportViewResponse(*reports, request, view);
                     }};
  import.body_limit = kMaxReportFileBytes;
  import.body_timeout = std::chrono::seconds(60);
  router.Add(std::move(import));
}

}  // namespace hoptac::reporting::api

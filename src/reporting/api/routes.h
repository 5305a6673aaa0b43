// The reporting routes: /api/v1/report-forms and /api/v1/reports (with their workflow,
// completeness and what is due). The only part of reporting that includes http/.
// Every handler reads decode → validate → service → respond; scope is the service's business.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "geo/admin_unit.h"
#include "http/request.h"
#include "http/router.h"
#include "reporting/data_value_sets.h"
#include "reporting/report_service.h"

namespace hoptac::reporting::api {

using http::Access;
using http::Execution;
using http::JsonFields;
using http::Request;
using http::Response;
using http::Router;

// What the routes use; not owned, outlives the server.
struct Services {
  ReportService* reports = nullptr;
  DataValueSets* data_value_sets = nullptr;
  const geo::AdminUnitDirectory* admin_units = nullptr;
};

// Every route of reporting, in the order they are matched.
void AddRoutes(Router& router, const Services& services);

void AddFormRoutes(Router& router, const Services& services);
void AddReportRoutes(Router& router, const Services& services);
void AddDataValueSetRoutes(Router& router, const Services& services);
// /api/v1/reports/{id}/export and /import: the report as on paper.
void AddReportDocumentRoutes(Router& router, const Services& services);
// A report's answer (GET /api/v1/reports/{id}): the report, its labels and the previous values.
Response ReportViewResponse(ReportService& reports, const Request& request, const ReportView& view,
                            unsigned status = 200);
// GET /api/v1/reports/table: added before /api/v1/reports/{id}.
void AddNationalTableRoutes(Router& router, const Services& services);

}  // namespace hoptac::reporting::api

// The only SQL of the reporting tables (report_forms, reports, report_values,
// report_events). Every function takes the Connection of the caller's transaction.
//
// Thread-safety: as the Connection it is given (one transaction, one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "reporting/report.h"
#include "reporting/report_form.h"
#include "storage/db.h"

namespace hoptac::reporting {

// The latest version of every form, by code.
Result<std::vector<ReportForm>> LoadLatestForms(storage::Connection& conn);
// A form's given version, or its latest; nullopt when there is none.
Result<std::optional<ReportForm>> LoadForm(storage::Connection& conn, const std::string& code,
                                           std::optional<int> version);
Status InsertForm(storage::Connection& conn, const ReportForm& form, int64_t now_ms, const std::string& by);
Status UpdateFormDefinition(storage::Connection& conn, const ReportForm& form);
// How many reports use this version of a form.
Result<int64_t> CountReports(storage::Connection& conn, const std::string& code, int version);

// A report with its values and history; nullopt when there is none.
Result<std::optional<Report>> LoadReport(storage::Connection& conn, int64_t id);
// The id of the report of (form, period, province, entity), if any.
Result<std::optional<int64_t>> FindReport(storage::Connection& conn, const std::string& form_code,
                                          const std::string& period, const std::string& province_code,
                                          int64_t entity_id);
// Inserts the report row (sets report.id) and its values.
Status InsertReport(storage::Connection& conn, Report& report);
// Writes the values of these fields (insert or replace).
Status PutValues(storage::Connection& conn, int64_t report_id, const std::map<std::string, ReportValue>& values);
// Writes status, submission, approval, return comment and updated_at.
Status UpdateReportState(storage::Connection& conn, const Report& report);
Status AppendEvent(storage::Connection& conn, int64_t report_id, const ReportEvent& event);

struct ReportQuery {
  std::string form_code, period, province_code;
  std::optional<ReportStatus> status;
  std::optional<int64_t> entity_id;
  // Any of these province codes (a province account's scope: its code and its predecessors'); empty: any.
  std::vector<std::string> province_codes;
  // A page of the matches (by id); limit < 0: all.
  int64_t limit = -1, offset = 0;
};
// Matching reports without values or history, by id.
Result<std::vector<Report>> QueryReports(storage::Connection& conn, const ReportQuery& query);
// How many reports match (limit and offset ignored).
Result<int64_t> CountReports(storage::Connection& conn, const ReportQuery& query);

}  // namespace hoptac::reporting

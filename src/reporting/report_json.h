// The only JSON of the reporting records: forms, reports (API answers and audit rows).
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "reporting/report.h"
#include "reporting/report_form.h"

namespace hoptac::reporting {

// The definition with its code and version: {"code","version",…definition}.
boost::json::object FormJson(const ReportForm& form);
// One line of a list: code, version, level, period_types, name_vi, name_en.
boost::json::object FormSummaryJson(const ReportForm& form);

// A report for the API: {id, form, form_version, period, province, entity_id, status, due_date,
// values, notes, prefill:{field:{value, source}}, entered:{field:{by, at}}, checks:[{rule,
// severity, message}], history:[{action, by, at, comment}], submitted_at, approved_at,
// return_comment}. Messages in English when `english`. Times ISO 8601 UTC.
// With `labels`: form_name (in the language asked), province_name, entity_name, entity_code.
boost::json::object ReportJson(const Report& report, const std::vector<RuleCheck>& checks, bool english,
                               const UnitLabels* labels = nullptr);
// The audit row's view: the same without history and checks.
std::string ReportAuditJson(const Report& report);
// A list line: no values, no history.
boost::json::object ReportSummaryJson(const Report& report, const UnitLabels* labels = nullptr, bool english = false);
// Adds the labels' members to a report or due item's object.
void AddLabels(boost::json::object& o, const UnitLabels& labels, bool english);
// Milliseconds as "2026-12-05T03:38:05.123Z".
std::string IsoTime(int64_t ms);

}  // namespace hoptac::reporting

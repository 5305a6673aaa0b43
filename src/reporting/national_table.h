// NationalTable: one form's reports of one period side by side, a row per province in force at
// the period's end (63 for a period of 2023, 34 since 2025-07-01), with the sums — the table the
// national alliance assembles from the provinces' reports (issue 14 item 5). Province forms only.
//
// Columns are the form's numeric fields (integer, money, decimal, percent), each with, when it is
// prefilled, the registry's value the province was shown (the prefill stored with the report,
// so the table shows what the province checked, not a later recount). Sums add integer and money
// fields over the provinces that reported a value; decimals and percentages have no sum.
// A province without a report has a row with no status and no values. National roles see every
// row; a province account only its own (the others are absent, as in every list); partners and
// cooperative accounts are refused (kPermissionDenied), as for completeness.
//
// Thread-safety: as ReportService; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "reporting/report_service.h"

namespace hoptac::reporting {

struct NationalRow {
  std::string province, province_name;
  std::optional<int64_t> report_id;
  std::optional<ReportStatus> status;
  std::map<std::string, boost::json::value> values;    // by field code; absent: not reported
  std::map<std::string, boost::json::value> registry;  // prefilled fields: the registry's value
};

struct NationalTable {
  ReportForm form;
  domain::Period period;
  std::vector<const Field*> columns;  // into `form`
  std::vector<NationalRow> rows;      // by province code
  std::map<std::string, double> sums, registry_sums;
  int64_t expected = 0, reported = 0;
};

// kInvalidArgument naming `form` for an entity form ("field.report_table_province_forms"),
// naming `period` for a period the form is not filed for.
Result<NationalTable> BuildNationalTable(ReportService& reports, const geo::AdminUnitDirectory& units,
                                         const auth::Principal& who, const std::string& form_code,
                                         std::string_view period_text);

boost::json::object NationalTableJson(const NationalTable& table, bool english);

// Writes the table as an XLSX workbook at `path`: a header row (code, province, status, then each
// column and its registry value), a row per province and a last row of sums.
Status WriteNationalTableXlsx(const NationalTable& table, const std::string& path);

}  // namespace hoptac::reporting

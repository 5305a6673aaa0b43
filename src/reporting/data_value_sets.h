// DataValueSets: a report's values in DHIS2's JSON interchange shape, so that any tool that
// speaks DHIS2 (its apps, its Python and R clients, ETL scripts) can read and send them.
//
//   {"dataSet": form code, "period": as DHIS2 writes it, "orgUnit": unit,
//    "completeDate": the approval day or absent,
//    "dataValues": [{"dataElement": field code, "value": text, "comment": note}]}
//
// Periods as DHIS2 writes them: "2023" (year), "2023S1" (half), "2023Q3" (quarter), "202309"
// (month); DHIS2 has no nine-month period, so "2023M01-09" is hoptac's own spelling (read also:
// every spelling domain::ParsePeriod reads). orgUnit: a province code for province forms, the
// entity's registration code for entity forms. Values are text, as in DHIS2: whole numbers for
// integer and money, numbers with a '.' for decimal and percent, "true"/"false", "YYYY-MM-DD",
// a choice's code, the text itself; a range is "min-max" ("3800000-5500000"); "" clears a value.
//
// Import: one report per request (every dataValue's own period and orgUnit, when given, must be
// the set's). Everything is checked before anything is written — an unknown dataElement, a value
// its field refuses, a period the form is not filed for, a unit out of scope — and refused with
// kInvalidArgument "error.invalid_request", one FieldError per problem on "dataValues[i].…"
// (or "dataSet", "period", "orgUnit"). Then the report is created as a draft when it does not
// exist (with its prefill, as POST /api/v1/reports), and only the values and comments that differ
// are written, as one PUT of its values (audited, the same rules: a submitted or approved report
// answers 409 report_locked). Sending back what an export gave writes nothing.
//
// Thread-safety: as ReportService; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "auth/principal.h"
#include "base/result.h"
#include "registry/entity_service.h"
#include "reporting/report_service.h"

namespace hoptac::reporting {

struct ImportCount {
  int64_t imported = 0;  // values set where there were none
  int64_t updated = 0;   // values (or comments) changed
  int64_t ignored = 0;   // values equal to what the report holds
  int64_t deleted = 0;   // values cleared by ""
};

struct DataValueSetImport {
  int64_t report_id = 0;
  bool created = false;  // the report did not exist before
  ImportCount count;
};

// "2023", "2023S1", "2023Q3", "202309", "2023M01-09".
std::string Dhis2Period(const domain::Period& period);
// Reads DHIS2's spellings and hoptac's; kInvalidArgument naming `field` otherwise.
Result<domain::Period> ParseDhis2Period(std::string_view text, std::string_view field);

class DataValueSets {
 public:
  // Both must outlive this.
  DataValueSets(ReportService& reports, registry::EntityService& entities) : reports_(reports), entities_(entities) {}

  // The values of the report of (form, period, orgUnit), within the principal's scope. A report
  // that does not exist yet answers an empty dataValues, as DHIS2 does.
  Result<boost::json::object> Export(const auth::Principal& who, std::string_view data_set, std::string_view period,
                                     std::string_view org_unit);

  // See above.
  Result<DataValueSetImport> Import(const auth::Principal& who, const boost::json::object& body);

 private:
  ReportService& reports_;
  registry::EntityService& entities_;
};

}  // namespace hoptac::reporting

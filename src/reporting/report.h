// Report: one filled form for one period and one unit (a province, or an entity), its
// values beside what the registry said, and the workflow of its status (no I/O).
//
// Workflow: draft → submitted → approved, or submitted → returned → submitted …; an
// approved report is reopened (back to draft) by a national admin with a reason. Values
// are changed only in draft or returned.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "registry/period.h"
#include "reporting/report_form.h"

namespace hoptac::reporting {

enum class ReportStatus : uint8_t { kDraft, kSubmitted, kReturned, kApproved };
enum class Action : uint8_t { kSubmit, kReturn, kApprove, kReopen };

const char* ReportStatusName(ReportStatus status);  // "draft" | "submitted" | "returned" | "approved"
std::optional<ReportStatus> ReportStatusFromName(std::string_view name);
const char* ActionName(Action action);  // "submit" | "return" | "approve" | "reopen"

// The status after `action`, or kConflict "error.report_wrong_status" {status, action}.
Result<ReportStatus> Move(ReportStatus from, Action action);
// Whether values may be changed: draft or returned.
bool Editable(ReportStatus status);

struct ReportValue {
  boost::json::value value;  // null: not filled
  std::optional<boost::json::value> registry_value;
  std::string registry_source;  // the question in words
  std::string note;
  std::string entered_by;
  int64_t entered_at_ms = 0;
};

struct ReportEvent {
  std::string action;  // created, saved, submitted, returned, approved, reopened
  std::string by;
  int64_t at_ms = 0;
  std::string comment;
};

struct Report {
  int64_t id = 0;
  std::string form_code;
  int form_version = 1;
  domain::Period period;
  std::string province_code;  // in force at the period's end
  int64_t entity_id = 0;      // 0: a province report
  ReportStatus status = ReportStatus::kDraft;
  Date due_date;
  std::optional<int64_t> first_submitted_at_ms, submitted_at_ms, approved_at_ms;
  std::string submitted_by, approved_by, return_comment, created_by;
  int64_t created_at_ms = 0, updated_at_ms = 0;
  std::map<std::string, ReportValue> values;  // by field code
  std::vector<ReportEvent> history;           // oldest first

  // The values by field code (filled or not), for the rules.
  std::map<std::string, boost::json::value> Values() const;
};

// What a report or a due item is called, for people.
struct UnitLabels {
  std::string form_vi, form_en;     // the form's name (its latest version)
  std::string province;             // the province's name as of the period's end: "Lạng Sơn"
  std::string province_full;        // "Tỉnh Lạng Sơn"
  std::string entity, entity_code;  // entity reports: the entity's name and registration code
};
// Whether the first submission came by the due date's end in Vietnam time (UTC+7).
bool OnTime(const Report& report);

// Fields prefilled from the indicators (Field::prefill) whose value differs from the
// registry's and carry no note: field errors "field.report_note_required" {registry value}.
// Figure and profile fields of entity forms need none: changing them is the update.
std::vector<FieldError> MissingNotes(const ReportForm& form, const Report& report);

}  // namespace hoptac::reporting

#include "reporting/report.h"

#include <boost/json.hpp>

#include "reporting/report_form.h"

namespace hoptac::reporting {

const char* ReportStatusName(ReportStatus status) {
  switch (status) {
    case ReportStatus::kDraft: return "draft";
    case ReportStatus::kSubmitted: return "submitted";
    case ReportStatus::kReturned: return "returned";
    case ReportStatus::kApproved: return "approved";
  }
  return "";
}

std::optional<ReportStatus> ReportStatusFromName(std::string_view name) {
  for (ReportStatus s :
       {ReportStatus::kDraft, ReportStatus::kSubmitted, ReportStatus::kReturned, ReportStatus::kApproved})
    if (name == ReportStatusName(s)) return s;
  return std::nullopt;
}

const char* ActionName(Action action) {
  switch (action) {
    case Action::kSubmit: return "submit";
    case Action::kReturn: return "return";
    case Action::kApprove: return "approve";
    case Action::kReopen: return "reopen";
  }
  return "";
}

Result<ReportStatus> Move(ReportStatus from, Action action) {
  switch (action) {
    case Action::kSubmit:
      if (Editable(from)) return ReportStatus::kSubmitted;
      break;
    case Action::kReturn:
    case Action::kApprove:
      if (from == ReportStatus::kSubmitted)
        return action == Action::kReturn ? ReportStatus::kReturned : ReportStatus::kApproved;
      break;
    case Action::kReopen:
      if (from == ReportStatus::kApproved) return ReportStatus::kDraft;
      break;
  }
  return Error::Make(ErrorCode::kConflict, "error.report_wrong_status", {ReportStatusName(from), ActionName(action)});
}

bool Editable(ReportStatus status) { return status == ReportStatus::kDraft || status == ReportStatus::kReturned; }

std::map<std::string, boost::json::value> Report::Values() const {
  std::map<std::string, boost::json::value> out;
  for (const auto& [code, v] : values) out[code] = v.value;
  return out;
}

bool OnTime(const Report& report) {
  return report.first_submitted_at_ms && *report.first_submitted_at_ms <= DueDeadlineMs(report.due_date);
}

std::vector<FieldError> MissingNotes(const ReportForm& form, const Report& report) {
  std::vector<FieldError> out;
  for (const auto& [code, v] : report.values) {
    const Field* field = form.FindField(code);
    if (!field || !field->prefill) continue;
    if (!v.registry_value || v.value.is_null() || v.value == *v.registry_value || !v.note.empty()) continue;
    out.push_back(
        {code, "report_note_required", "field.report_note_required", {boost::json::serialize(*v.registry_value)}});
  }
  return out;
}

}  // namespace hoptac::reporting

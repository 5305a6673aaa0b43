// Helpers shared by the files of ReportService (report_service.cpp: forms, reports and their
// workflow; report_progress.cpp: completeness and what is due). Not part of the API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "registry/entity.h"
#include "registry/figure_service.h"
#include "reporting/report.h"
#include "reporting/report_form.h"

namespace hoptac::reporting::internal {

inline bool IsCli(const auth::Principal& who) { return who.credential == auth::Credential::kCli; }

inline Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }

inline Status RequireAuthenticated(const auth::Principal& who) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return Ok();
}

// What a new report of an entity form is prefilled with: its figure fields from the entity's
// figures of `period` (else its latest), its profile fields from the entity; `records` in
// Period order (FigureService::List). Values entered by "registry" at `now_ms`.
std::map<std::string, ReportValue> EntityPrefill(const ReportForm& form, const domain::Entity& entity,
                                                 const std::vector<registry::FigureRecord>& records,
                                                 const domain::Period& period, int64_t now_ms);

// The figure fields of `form` as stored in `record` (fields without a value left out).
std::map<std::string, boost::json::value> FigureFieldValues(const ReportForm& form,
                                                            const registry::FigureRecord& record);

}  // namespace hoptac::reporting::internal

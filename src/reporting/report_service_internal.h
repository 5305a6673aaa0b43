// Helpers shared by the files of ReportService (report_service.cpp: forms, reports and their
// workflow; report_progress.cpp: completeness and what is due). Not part of the API.
#pragma once

#include "auth/principal.h"
#include "base/result.h"

namespace hoptac::reporting::internal {

inline bool IsCli(const auth::Principal& who) { return who.credential == auth::Credential::kCli; }

inline Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }

inline Status RequireAuthenticated(const auth::Principal& who) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return Ok();
}

}  // namespace hoptac::reporting::internal

#include "base/result.h"

namespace hoptac {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kGone: return "gone";
    case ErrorCode::kUnprocessable: return "unprocessable";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace hoptac

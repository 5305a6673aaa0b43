// The one error shape of the API and the mapping from error codes to HTTP status.
//
//   {"error":{"code":"…","reason":"…","message":"…","fields":[{"field":"…","code":"…","message":"…"}]}}
//
// `code` is the class of error (ErrorCodeName, it decides the HTTP status);
// `reason` names the error within it: the message key without "error."
// ("invalid_request", "entity_not_found", "figures_need_confirmation").
// Messages are translated into the request's language. Only src/http maps errors
// to status codes. Internal details (Error::detail) are logged, never sent.
//
// Thread-safety: stateless functions.
#pragma once

#include "base/result.h"
#include "http/request.h"
#include "text/i18n.h"

namespace hoptac::http {

unsigned HttpStatusFor(ErrorCode code);
Response ErrorResponse(const Error& error, i18n::Lang lang);

}  // namespace hoptac::http

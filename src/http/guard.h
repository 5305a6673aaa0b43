// The router's guard: authentication, route access and CSRF, in one place.
//
// Credentials: the session cookie `hoptac_session` or `Authorization: Bearer
// <token>`. Bad credentials are refused (401) even on public routes, so a client
// learns its session ended. Cookie-authenticated writes (anything but GET/HEAD)
// must carry the session's CSRF token in `X-CSRF-Token`; bearer tokens are not
// sent by browsers on their own and need none.
//
// Thread-safety: stateless apart from the thread-safe AccountService.
#pragma once

#include "auth/account_service.h"
#include "http/router.h"

namespace hoptac::http {

Guard MakeGuard(auth::AccountService& accounts);

}  // namespace hoptac::http

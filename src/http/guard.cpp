#include "http/guard.h"

#include "auth/password.h"

namespace hoptac::http {

Guard MakeGuard(auth::AccountService& accounts) {
  return [&accounts](const Route& route, Request& request) -> Status {
    request.principal = auth::Principal::Anonymous(request.remote_address);
    if (!route.credentials) return Ok();  // a public GET that is the same for everyone
    std::string_view authorization = request.Header("authorization");
    std::string_view cookie = CookieValue(request.Header("cookie"), kSessionCookie);
    if (authorization.size() > 7 &&
        (authorization.substr(0, 7) == "Bearer " || authorization.substr(0, 7) == "bearer ")) {
      HOPTAC_ASSIGN_OR_RETURN(request.principal,
                              accounts.AuthenticateToken(authorization.substr(7), request.remote_address));
    } else if (!cookie.empty()) {
      auto principal = accounts.AuthenticateSession(cookie, request.remote_address);
      if (principal.ok()) {
        request.principal = std::move(principal).value();
      } else if (route.access != Access::kPublic) {
        return std::move(principal).error();
      }
      // A stale cookie on a public route (e.g. signing in again) is ignored.
    }
    const auth::Principal& who = request.principal;
    if (route.access != Access::kPublic && !who.authenticated())
      return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
    if (route.access == Access::kAdmin && !who.admin())
      return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
    bool safe = request.method == "GET" || request.method == "HEAD";
    if (!safe && who.read_only) return Error::Make(ErrorCode::kPermissionDenied, "error.token_read_only");
    if (!safe && who.credential == auth::Credential::kSession &&
        !auth::ConstantTimeEquals(request.Header("x-csrf-token"), who.csrf_token))
      return Error::Make(ErrorCode::kPermissionDenied, "error.csrf_failed");
    return Ok();
  };
}

}  // namespace hoptac::http

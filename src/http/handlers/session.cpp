// Sign-in sessions: POST/GET/DELETE /api/v1/session, POST /api/v1/session/password.
#include <boost/json.hpp>

#include "auth/account_json.h"
#include "http/api.h"
#include "http/guard.h"

namespace hoptac::http {
namespace {

std::string SessionCookie(const Request& request, std::string_view value, int64_t max_age_seconds) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (request.tls) cookie += "; Secure";
  return cookie;
}

}  // namespace

void AddSessionRoutes(Router& router, const Services& services) {
  auth::AccountService* accounts = services.accounts;

  router.Add({"POST", "/api/v1/session", "session.create", Access::kPublic, Execution::kHeavy,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                JsonFields fields(body);
                auto username = fields.String("username", true, 64);
                auto password = fields.String("password", true, 1024);
                HOPTAC_TRY(fields.Finish({"username", "password"}));
                HOPTAC_ASSIGN_OR_RETURN(auto session, accounts->Login(*username, *password, request.remote_address));
                Response response = Response::Json(boost::json::object{{"user", auth::UserJson(session.user)},
                                                                       {"csrf_token", session.csrf_token},
                                                                       {"expires_at_ms", session.expires_at_ms}});
                response.headers.emplace_back(
                    "Set-Cookie", SessionCookie(request, session.token, accounts->session_lifetime_seconds()));
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              }});

  router.Add(
      {"GET", "/api/v1/session", "session.get", Access::kAuthenticated, Execution::kWorker,
       [accounts](Request& request) -> Result<Response> {
         HOPTAC_ASSIGN_OR_RETURN(auto user, accounts->Me(request.principal));
         boost::json::object body{
             {"user", auth::UserJson(user)},
             {"credential", request.principal.credential == auth::Credential::kSession ? "session" : "api_token"}};
         if (!request.principal.csrf_token.empty()) body["csrf_token"] = request.principal.csrf_token;
         Response response = Response::Json(body);
         response.headers.emplace_back("Cache-Control", "no-store");
         return response;
       }});

  router.Add({"DELETE", "/api/v1/session", "session.delete", Access::kAuthenticated, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                std::string_view token = CookieValue(request.Header("cookie"), kSessionCookie);
                if (!token.empty()) HOPTAC_TRY(accounts->Logout(token));
                Response response;
                response.status = 204;
                response.headers.emplace_back("Set-Cookie", SessionCookie(request, "", 0));
                return response;
              }});

  router.Add({"POST", "/api/v1/session/password", "session.password", Access::kAuthenticated, Execution::kHeavy,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                JsonFields fields(body);
                auto current = fields.String("current_password", true, 1024);
                auto next = fields.String("new_password", true, 1024);
                HOPTAC_TRY(fields.Finish({"current_password", "new_password"}));
                HOPTAC_TRY(accounts->ChangePassword(request.principal, *current, *next));
                Response response;
                response.status = 204;
                return response;
              }});
}

}  // namespace hoptac::http

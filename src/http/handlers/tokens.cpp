// API tokens of the caller: /api/v1/tokens.
#include <boost/json.hpp>

#include "auth/account_json.h"
#include "http/api.h"

namespace hoptac::http {

using auth::TokenJson;

void AddTokenRoutes(Router& router, const Services& services) {
  auth::AccountService* accounts = services.accounts;

  router.Add({"GET", "/api/v1/tokens", "tokens.list", Access::kAuthenticated, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto tokens, accounts->ListTokens(request.principal));
                boost::json::array items;
                for (const auto& t : tokens) items.push_back(TokenJson(t));
                return Response::Json(boost::json::object{{"total", tokens.size()}, {"items", std::move(items)}});
              }});

  router.Add({"POST", "/api/v1/tokens", "tokens.create", Access::kAuthenticated, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                JsonFields fields(body);
                auto name = fields.String("name", true, 100);
                // Absent: kDefaultTokenDays. 0 or null: never expires, for a national admin only.
                bool given = body.contains("expires_in_days");
                bool never = given && body.at("expires_in_days").is_null();
                auto days = never ? std::nullopt : fields.Integer("expires_in_days");
                auto read_only = fields.Bool("read_only");
                HOPTAC_TRY(fields.Finish({"name", "expires_in_days", "read_only"}));
                int64_t expires_in_days = given ? days.value_or(0) : auth::kDefaultTokenDays;
                if (expires_in_days == 0 && request.principal.role != auth::Role::kNationalAdmin)
                  return Error::InvalidField("expires_in_days", "expiry_required", "field.token_expiry_required",
                                             {std::to_string(auth::kDefaultTokenDays)});
                HOPTAC_ASSIGN_OR_RETURN(
                    auto created,
                    accounts->CreateToken(request.principal, *name,
                                          static_cast<int>(std::clamp<int64_t>(expires_in_days, -1, 100000)),
                                          read_only.value_or(false)));
                boost::json::object out = TokenJson(created.first);
                out["token"] = created.second;
                Response response = Response::Json(out, 201);
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              }});

  router.Add({"DELETE", "/api/v1/tokens/{id}", "tokens.revoke", Access::kAuthenticated, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(accounts->RevokeToken(request.principal, id));
                Response response;
                response.status = 204;
                return response;
              }});
}

}  // namespace hoptac::http

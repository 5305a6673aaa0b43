// Accounts: /api/v1/users (national_admin: all; province_admin: their province).
#include <boost/json.hpp>
#include <charconv>

#include "auth/account_json.h"
#include "http/api.h"

namespace hoptac::http {

using auth::UserJson;

void AddUserRoutes(Router& router, const Services& services) {
  auth::AccountService* accounts = services.accounts;

  router.Add({"GET", "/api/v1/users", "users.list", Access::kAdmin, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto users, accounts->ListUsers(request.principal));
                boost::json::array items;
                for (const auto& user : users) items.push_back(UserJson(user));
                return Response::Json(boost::json::object{{"total", users.size()}, {"items", std::move(items)}});
              }});

  router.Add(
      {"POST", "/api/v1/users", "users.create", Access::kAdmin, Execution::kHeavy,
       [accounts](Request& request) -> Result<Response> {
         HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
         JsonFields fields(body);
         auth::NewUser user;
         user.username = fields.String("username", true, 64).value_or("");
         user.display_name = fields.String("display_name", false, 200).value_or("");
         user.role = fields.String("role", true, 40).value_or("");
         user.province_code = fields.String("province_code", false, 10).value_or("");
         user.entity_id = fields.Integer("entity_id").value_or(0);
         user.password = fields.String("password", true, 1024).value_or("");
         HOPTAC_TRY(fields.Finish({"username", "display_name", "role", "province_code", "entity_id", "password"}));
         HOPTAC_ASSIGN_OR_RETURN(auto created, accounts->CreateUser(request.principal, user));
         return Response::Json(UserJson(created), 201);
       }});

  router.Add({"GET", "/api/v1/users/{id}", "users.get", Access::kAdmin, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto user, accounts->GetUser(request.principal, id));
                return Response::Json(UserJson(user));
              }});

  router.Add({"PATCH", "/api/v1/users/{id}", "users.update", Access::kAdmin, Execution::kWorker,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                JsonFields fields(body);
                auth::UserPatch patch;
                patch.display_name = fields.String("display_name", false, 200);
                patch.role = fields.String("role", false, 40);
                patch.province_code = fields.String("province_code", false, 10);
                if (body.contains("province_code") && body.at("province_code").is_null()) patch.province_code = "";
                patch.entity_id = fields.Integer("entity_id");
                if (body.contains("entity_id") && body.at("entity_id").is_null()) patch.entity_id = 0;
                patch.disabled = fields.Bool("disabled");
                HOPTAC_TRY(fields.Finish({"display_name", "role", "province_code", "entity_id", "disabled"}));
                HOPTAC_ASSIGN_OR_RETURN(auto user, accounts->UpdateUser(request.principal, id, patch));
                return Response::Json(UserJson(user));
              }});

  router.Add({"POST", "/api/v1/users/{id}/password", "users.reset_password", Access::kAdmin, Execution::kHeavy,
              [accounts](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                JsonFields fields(body);
                auto password = fields.String("password", true, 1024);
                HOPTAC_TRY(fields.Finish({"password"}));
                HOPTAC_TRY(accounts->ResetPassword(request.principal, id, *password));
                Response response;
                response.status = 204;
                return response;
              }});
}

}  // namespace hoptac::http

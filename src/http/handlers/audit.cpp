// The audit log, read-only: GET /api/v1/audit?object=&user=&from=&to=&before_id=&limit=
// Administrators read it all (a province admin their province); officers only the history of
// one entity (object=entity:ID) of their scope. Each row names its object (object_name).
// A query about one object ends, on its last page, with the entries a capability derives
// (storage::AuditSupplement, e.g. an entity created by an import): id null, derived true.
#include <boost/json.hpp>
#include <charconv>

#include "http/api.h"

namespace hoptac::http {

void AddAuditRoutes(Router& router, const Services& services) {
  auth::AccountService* accounts = services.accounts;

  router.Add(
      {"GET", "/api/v1/audit", "audit.list", Access::kAuthenticated, Execution::kWorker,
       [accounts](Request& request) -> Result<Response> {
         HOPTAC_TRY(CheckQueryParameters(request, {"object", "user", "from", "to", "before_id", "limit"}));
         storage::AuditQuery query;
         if (auto object = request.Query("object")) {
           std::string_view o = *object;
           auto colon = o.find(':');
           query.object_type = std::string(o.substr(0, colon));
           if (colon != std::string_view::npos) query.object_id = std::string(o.substr(colon + 1));
           if (query.object_type.empty() || (colon != std::string_view::npos && query.object_id.empty()))
             return Error::InvalidField("object", "invalid_object", "field.invalid_object", {std::string(o)});
         }
         if (auto user = request.Query("user")) query.actor_name = std::string(*user);
         HOPTAC_ASSIGN_OR_RETURN(auto from, DateParameter(request, "from"));
         HOPTAC_ASSIGN_OR_RETURN(auto to, DateParameter(request, "to"));
         if (from) query.from_ms = int64_t{from->days()} * 86'400'000;
         if (to) query.to_ms = (int64_t{to->days()} + 1) * 86'400'000 - 1;
         if (from && to && *from > *to)
           return Error::InvalidField("from", "after_to", "field.from_after_to", {from->ToIso(), to->ToIso()});
         auto number = [&](std::string_view name, int64_t low, int64_t high, int64_t fallback) -> Result<int64_t> {
           auto text = request.Query(name);
           if (!text) return fallback;
           int64_t value = 0;
           auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
           if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high)
             return Error::InvalidField(std::string(name), "out_of_range", "field.out_of_range",
                                        {std::to_string(low), std::to_string(high)});
           return value;
         };
         HOPTAC_ASSIGN_OR_RETURN(query.before_id, number("before_id", 0, INT64_MAX, 0));
         HOPTAC_ASSIGN_OR_RETURN(int64_t limit, number("limit", 1, 1000, 100));
         query.limit = static_cast<int>(limit);
         HOPTAC_ASSIGN_OR_RETURN(auto rows,
                                 accounts->ListAudit(request.principal, query, request.lang == i18n::Lang::kEn));
         boost::json::array items;
         auto json_or_null = [](const std::string& text) -> boost::json::value {
           if (text.empty()) return nullptr;
           boost::json::error_code ec;
           auto value = boost::json::parse(text, ec);
           return ec ? boost::json::value(text) : value;
         };
         size_t real_rows = 0;
         for (const auto& r : rows) {
           real_rows += r.derived ? 0 : 1;
           items.push_back(boost::json::object{
               {"id", r.derived ? boost::json::value(nullptr) : boost::json::value(r.id)},
               {"derived", r.derived},
               {"at_ms", r.at_ms},
               {"actor_user_id", r.actor_user_id ? boost::json::value(r.actor_user_id) : nullptr},
               {"actor_name", r.actor_name},
               {"address", r.address},
               {"action", r.action},
               {"object_type", r.object_type},
               {"object_id", r.object_id},
               {"object_name", r.object_name.empty() ? boost::json::value(nullptr) : boost::json::value(r.object_name)},
               {"province_code",
                r.province_code.empty() ? boost::json::value(nullptr) : boost::json::value(r.province_code)},
               {"before", json_or_null(r.before_json)},
               {"after", json_or_null(r.after_json)}});
         }
         boost::json::object body{{"items", std::move(items)}};
         // Derived entries (id null) end the last page only.
         body["next_before_id"] =
             real_rows == static_cast<size_t>(query.limit) ? boost::json::value(rows[real_rows - 1].id) : nullptr;
         return Response::Json(body);
       }});
}

}  // namespace hoptac::http

#include "auth/account_json.h"

namespace hoptac::auth {

boost::json::object UserJson(const User& u) {
  return boost::json::object{
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", RoleName(u.role)},
      {"province_code", u.province_code.empty() ? boost::json::value(nullptr) : boost::json::value(u.province_code)},
      {"entity_id", u.entity_id ? boost::json::value(u.entity_id) : boost::json::value(nullptr)},
      {"disabled", u.disabled}};
}

boost::json::object TokenJson(const ApiToken& t) {
  auto optional_ms = [](int64_t ms) { return ms ? boost::json::value(ms) : boost::json::value(nullptr); };
  return boost::json::object{{"id", t.id},
                             {"user_id", t.user_id},
                             {"username", t.username},
                             {"name", t.name},
                             {"prefix", t.prefix},
                             {"created_at_ms", t.created_at_ms},
                             {"last_used_at_ms", optional_ms(t.last_used_at_ms)},
                             {"expires_at_ms", optional_ms(t.expires_at_ms)},
                             {"read_only", t.read_only},
                             {"revoked", t.revoked}};
}

}  // namespace hoptac::auth

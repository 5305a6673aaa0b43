// The one JSON of accounts and API tokens: the API's answers (users, session,
// tokens) and the audit log's before/after. Never holds a password hash or a token
// secret (a token shows only its prefix).
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "auth/account_service.h"

namespace hoptac::auth {

// {"id", "username", "display_name", "role", "province_code" (or null), "entity_id"
// (or null), "disabled"}.
boost::json::object UserJson(const User& user);

// {"id", "user_id", "username", "name", "prefix", "created_at_ms", "last_used_at_ms"
// (or null), "expires_at_ms" (or null: never), "revoked"}.
boost::json::object TokenJson(const ApiToken& token);

}  // namespace hoptac::auth

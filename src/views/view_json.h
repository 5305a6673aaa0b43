// The only JSON of saved views (API answers and audit rows).
#pragma once

#include <boost/json/object.hpp>

#include "views/view_access.h"

namespace hoptac::views {

// {"id", "name", "page", "query", "visibility", "owner", "province", "created_at_ms", "updated_at_ms"}
// and, for an answer to `who`, "mine" and "may_delete".
boost::json::object ViewJson(const SavedView& view);
boost::json::object ViewJson(const SavedView& view, const auth::Principal& who);

}  // namespace hoptac::views

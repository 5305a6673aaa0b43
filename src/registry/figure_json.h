// The one JSON of a figure record (an entity's figures for one period): the API's
// answers and the audit log's before/after.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "registry/figure_service.h"

namespace hoptac::registry {

// {"entity_id", "period", "period_end", "figures": {name: integer or null},
// "confirmed_warnings", "updated_at_ms"}; warnings are added by the caller, which
// knows the language.
boost::json::object FigureJson(const FigureRecord& record);

}  // namespace hoptac::registry

// The body of POST and PATCH /api/v1/entities: its members decoded into an EntityPatch
// (names as in registry/entity_json.h), every bad member reported at once.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json/object.hpp>

#include "base/result.h"
#include "registry/entity.h"
#include "registry/entity_service.h"

namespace hoptac::registry::api {

// Decodes the members of an entity body; null clears a member (create: leaves it empty).
// Errors (kInvalidArgument, "error.invalid_request"): one field error per member that is
// unknown ("field.unknown_parameter"), of the wrong type, too long, or not an allowed value
// (kind, sector, chair_sex: "field.invalid_enum"; dates: "field.invalid_date";
// chair_birth_year outside 0–9999: "field.out_of_range").
Result<EntityPatch> DecodeEntityBody(const boost::json::object& body);

// The entity a create body describes: the members given, the rest empty.
domain::Entity EntityFromPatch(const EntityPatch& patch);

}  // namespace hoptac::registry::api

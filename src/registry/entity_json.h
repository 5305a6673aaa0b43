// The one JSON of the registry's entity records and status events (snake_case
// members, ISO dates): the API answers with it and the audit log stores it, so a
// field is named the same way everywhere.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <utility>

#include "registry/entity_service.h"

namespace hoptac::registry {

// Every field (all_fields), or the public ones (EntityService::SeesAllFields decides).
boost::json::object EntityJson(const EntityRecord& record, bool all_fields);
boost::json::object EventJson(const StoredEvent& event);

// The audit JSON of an entity (every field): serialize(EntityJson(record, true)),
// written directly (an import writes a million of them); a test holds them equal.
std::string EntityAuditJson(const EntityRecord& record);
// The same without the "id" member (for a row whose id is known only once inserted):
// EntityAuditJson == "{\"id\":<id>," + EntityAuditJsonWithoutId.substr(1).
std::string EntityAuditJsonWithoutId(const EntityRecord& record);

// The members of EntityJson(…, true) that differ between two records of one entity,
// with their values before and after (an import's audit row holds only what
// changed); id, created_at_ms and updated_at_ms are not compared.
std::pair<boost::json::object, boost::json::object> EntityChangedFields(const EntityRecord& before,
                                                                        const EntityRecord& after);

}  // namespace hoptac::registry

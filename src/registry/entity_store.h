// The storage mapping and validation of entities that EntityService uses, shared
// with the importer (registry/import.h) so both validate and store an entity the
// same way: one set of rules, one column list.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::registry {

// The SELECT list over `entities e` that ReadEntityRecord reads (status not included).
const char* EntitySelectList();
EntityRecord ReadEntityRecord(const storage::RowView& row);
// A row of `id, date, type, note, converted_to` starting at column `first`.
StoredEvent ReadStoredEvent(const storage::RowView& row, int first);

// NormalizeEntity, ValidateEntity, then the province code read as of the entity's
// province date (else today): "field.unknown_province_on" when no province had
// that code then. Sets current_province_code to the province in force today that
// the unit belongs to.
Status CheckEntity(const geo::AdminUnitDirectory& units, domain::Entity& entity, std::string& current_province_code);

// The columns EntityService writes for an entity (every stored field but id,
// created_at_ms, deleted_at_ms and change_seq), and their values for a record, in
// the same order. union_id must be resolved.
std::span<const std::string> EntityWriteColumns();
// By value: move a record in that is no longer needed.
std::vector<storage::Value> EntityWriteValues(EntityRecord record);

// The audit JSON of an entity (every field): serialize(EntityService::ToJson(record, true)).
std::string EntityAuditJson(const EntityRecord& record);
// The same without the "id" member (for a row whose id is known only once inserted):
// EntityAuditJson == "{\"id\":<id>," + EntityAuditJsonWithoutId.substr(1).
std::string EntityAuditJsonWithoutId(const EntityRecord& record);

}  // namespace hoptac::registry

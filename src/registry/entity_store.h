// The one SQL mapping of the entity tables (entities, entity_events): the column
// lists, reading a row into a record and a record into the values to write. The
// service, the importer and the demo loader all store an entity through it, so
// there is one column list.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/entity.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::registry {

// The SELECT list over `entities e` that ReadEntityRecord reads (status not included).
const char* EntitySelectList();
EntityRecord ReadEntityRecord(const storage::RowView& row);
// A row of `id, date, type, note, converted_to` starting at column `first`.
StoredEvent ReadStoredEvent(const storage::RowView& row, int first);

// The columns EntityService writes for an entity (every stored field but id,
// created_at_ms, deleted_at_ms and change_seq), and their values for a record, in
// the same order. union_id must be resolved.
std::span<const std::string> EntityWriteColumns();
// By value: move a record in that is no longer needed.
std::vector<storage::Value> EntityWriteValues(EntityRecord record);

// A new row (bulk inserts of the importer and the demo loader): EntityWriteColumns,
// then created_at_ms, change_seq, import_id and import_row; the values take
// created_at_ms from the record. import_id 0: not created by an import (NULL).
std::vector<std::string> EntityInsertColumns();
std::vector<storage::Value> EntityInsertValues(EntityRecord record, int64_t change_seq, int64_t import_id = 0,
                                               int64_t import_row = 0);

// The import that created an entity, and the row of its file (import/import_records.h).
struct EntityImportOrigin {
  int64_t import_id = 0;
  int64_t import_row = 0;
  std::string current_province_code;
};
// nullopt when the entity does not exist or no import created it.
Result<std::optional<EntityImportOrigin>> ReadEntityImportOrigin(storage::Connection& conn, int64_t entity_id);

// The id of the entity with this registration code (stored upper-case; `code` is compared
// upper-cased), deleted ones included; nullopt when none has it.
Result<std::optional<int64_t>> FindEntityIdByRegistrationCode(storage::Connection& conn, std::string_view code);

// The names of the entities with these ids, deleted ones included (the audit log names
// its objects, storage::AuditNamer): one query.
Status ReadEntityNames(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& names);

}  // namespace hoptac::registry

// The one SQL mapping of the entity tables (entities, entity_events).
#include "registry/entity_store.h"

#include <cctype>
#include <string>
#include <vector>

#include "storage/sql.h"
#include "text/fold.h"

namespace hoptac::registry {

using domain::Entity;
using storage::Int;
using storage::Null;
using storage::RowView;
using storage::Text;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "e.id, e.kind, e.name, e.registration_code, e.tax_code, e.province_code, e.province_as_of, "
    "e.current_province_code, e.commune_code, e.address, e.sector, e.founded_on, e.women_managed, e.youth, "
    "e.chair_name, e.chair_sex, e.chair_birth_year, e.phone, e.email, e.union_id, "
    "(SELECT u.registration_code FROM entities u WHERE u.id = e.union_id), e.created_at_ms, e.updated_at_ms";

std::optional<Date> DateOrNull(const RowView& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return Date::ParseIso(row.GetText(column));
}

Value DateValue(const std::optional<Date>& date) { return date ? Text(date->ToIso()) : Null(); }

Value OptionalText(const char* text, bool present) { return present ? Text(text) : Null(); }

EntityRecord ReadRow(const RowView& row) {
  EntityRecord r;
  Entity& e = r.entity;
  e.id = row.GetInt(0);
  e.kind = domain::EntityKindFromName(row.GetText(1)).value_or(domain::EntityKind::kCooperative);
  e.name = row.GetText(2);
  e.registration_code = row.GetText(3);
  e.tax_code = row.GetText(4);
  e.province_code = row.GetText(5);
  e.province_as_of = DateOrNull(row, 6);
  r.current_province_code = row.GetText(7);
  e.commune_code = row.GetText(8);
  e.address = row.GetText(9);
  if (!row.IsNull(10)) e.sector = domain::SectorFromName(row.GetText(10));
  e.founded_on = DateOrNull(row, 11);
  e.women_managed = row.GetInt(12) != 0;
  e.youth = row.GetInt(13) != 0;
  e.chair_name = row.GetText(14);
  if (!row.IsNull(15)) e.chair_sex = domain::SexFromName(row.GetText(15));
  if (!row.IsNull(16)) e.chair_birth_year = static_cast<int>(row.GetInt(16));
  e.phone = row.GetText(17);
  e.email = row.GetText(18);
  if (!row.IsNull(19)) e.union_id = row.GetInt(19);
  e.union_registration_code = row.GetText(20);
  r.created_at_ms = row.GetInt(21);
  r.updated_at_ms = row.GetInt(22);
  return r;
}

}  // namespace

const char* EntitySelectList() { return kColumns; }

EntityRecord ReadEntityRecord(const storage::RowView& row) { return ReadRow(row); }

StoredEvent ReadStoredEvent(const storage::RowView& row, int first) {
  StoredEvent s;
  s.id = row.GetInt(first);
  s.event.date = Date::ParseIso(row.GetText(first + 1)).value_or(Date());
  s.event.type = domain::EventTypeFromName(row.GetText(first + 2)).value_or(domain::EventType::kReorganised);
  s.event.note = row.GetText(first + 3);
  if (!row.IsNull(first + 4)) s.event.converted_to = domain::EntityKindFromName(row.GetText(first + 4));
  return s;
}

std::span<const std::string> EntityWriteColumns() {
  // The order of EntityWriteValues().
  static const std::vector<std::string> columns = {"kind",
                                                   "name",
                                                   "name_folded",
                                                   "registration_code",
                                                   "tax_code",
                                                   "province_code",
                                                   "province_as_of",
                                                   "current_province_code",
                                                   "commune_code",
                                                   "address",
                                                   "sector",
                                                   "founded_on",
                                                   "women_managed",
                                                   "youth",
                                                   "chair_name",
                                                   "chair_sex",
                                                   "chair_birth_year",
                                                   "phone",
                                                   "email",
                                                   "union_id",
                                                   "updated_at_ms"};
  return columns;
}

// By value: callers that no longer need the record move it in, and its text moves
// into the values instead of being copied (imports build a million of these).
std::vector<storage::Value> EntityWriteValues(EntityRecord r) {
  Entity& e = r.entity;
  std::vector<storage::Value> values;
  // Room for what EntityInsertValues and the importer add; pushed one by one, as an
  // initializer list would copy every string instead of moving it.
  values.reserve(EntityWriteColumns().size() + 5);
  std::string folded = text::Fold(e.name);
  values.push_back(Text(domain::EntityKindName(e.kind)));
  values.push_back(Text(std::move(e.name)));
  values.push_back(Text(std::move(folded)));
  values.push_back(Text(std::move(e.registration_code)));
  values.push_back(Text(std::move(e.tax_code)));
  values.push_back(Text(std::move(e.province_code)));
  values.push_back(DateValue(e.province_as_of));
  values.push_back(Text(std::move(r.current_province_code)));
  values.push_back(Text(std::move(e.commune_code)));
  values.push_back(Text(std::move(e.address)));
  values.push_back(OptionalText(e.sector ? domain::SectorName(*e.sector) : "", e.sector.has_value()));
  values.push_back(DateValue(e.founded_on));
  values.push_back(Int(e.women_managed ? 1 : 0));
  values.push_back(Int(e.youth ? 1 : 0));
  values.push_back(Text(std::move(e.chair_name)));
  values.push_back(OptionalText(e.chair_sex ? domain::SexName(*e.chair_sex) : "", e.chair_sex.has_value()));
  values.push_back(e.chair_birth_year ? Int(*e.chair_birth_year) : Null());
  values.push_back(Text(std::move(e.phone)));
  values.push_back(Text(std::move(e.email)));
  values.push_back(e.union_id ? Int(*e.union_id) : Null());
  values.push_back(Int(r.updated_at_ms));
  return values;
}

std::vector<std::string> EntityInsertColumns() {
  auto columns = EntityWriteColumns();
  std::vector<std::string> insert(columns.begin(), columns.end());
  insert.push_back("created_at_ms");
  insert.push_back("change_seq");
  insert.push_back("import_id");
  insert.push_back("import_row");
  return insert;
}

std::vector<storage::Value> EntityInsertValues(EntityRecord record, int64_t change_seq, int64_t import_id,
                                               int64_t import_row) {
  const int64_t created_at_ms = record.created_at_ms;
  std::vector<storage::Value> values = EntityWriteValues(std::move(record));
  values.push_back(Int(created_at_ms));
  values.push_back(Int(change_seq));
  values.push_back(import_id ? Int(import_id) : storage::Null());
  values.push_back(import_id ? Int(import_row) : storage::Null());
  return values;
}

Result<std::optional<EntityImportOrigin>> ReadEntityImportOrigin(storage::Connection& conn, int64_t entity_id) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT import_id, import_row, current_province_code FROM entities "
                                                  "WHERE id = $1 AND import_id IS NOT NULL",
                                                  {Int(entity_id)}));
  if (!row) return std::optional<EntityImportOrigin>();
  EntityImportOrigin origin;
  origin.import_id = std::get<int64_t>((*row)[0]);
  origin.import_row = std::holds_alternative<int64_t>((*row)[1]) ? std::get<int64_t>((*row)[1]) : 0;
  origin.current_province_code = std::get<std::string>((*row)[2]);
  return std::optional<EntityImportOrigin>(std::move(origin));
}

Result<std::optional<int64_t>> FindEntityIdByRegistrationCode(storage::Connection& conn, std::string_view code) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne("SELECT id FROM entities WHERE registration_code = $1", {Text(std::move(upper))}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(std::get<int64_t>((*row)[0]));
}

Status ReadEntityNames(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& names) {
  if (ids.empty()) return Ok();
  std::vector<storage::Value> params;
  std::string in = storage::AppendInList(params, ids);
  return conn.Query("SELECT id, name FROM entities WHERE id IN (" + in + ")", params,
                    [&](const storage::RowView& row) -> Status {
                      names[row.GetInt(0)] = row.GetText(1);
                      return Ok();
                    });
}

}  // namespace hoptac::registry

#include "registry/entity_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <unordered_map>
#include <utility>

#include "registry/entity_query.h"
#include "registry/entity_rows.h"
#include "storage/audit.h"
#include "text/collate.h"
#include "text/fold.h"

namespace hoptac::registry {
namespace {

using auth::Principal;
using auth::Role;
using domain::Entity;
using storage::Connection;
using storage::Int;
using storage::Null;
using storage::RowView;
using storage::Text;
using storage::TextOrNull;
using storage::Value;

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

EntityRecord ReadRecord(const RowView& row) {
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

StoredEvent ReadEvent(const RowView& row, int first) {
  StoredEvent s;
  s.id = row.GetInt(first);
  s.event.date = Date::ParseIso(row.GetText(first + 1)).value_or(Date());
  s.event.type = domain::EventTypeFromName(row.GetText(first + 2)).value_or(domain::EventType::kReorganised);
  s.event.note = row.GetText(first + 3);
  if (!row.IsNull(first + 4)) s.event.converted_to = domain::EntityKindFromName(row.GetText(first + 4));
  return s;
}

Error NotFound(int64_t id) { return Error::Make(ErrorCode::kNotFound, "error.entity_not_found", {std::to_string(id)}); }

Result<std::optional<EntityRecord>> LoadRecord(Connection& conn, int64_t id) {
  std::optional<EntityRecord> record;
  HOPTAC_TRY(
      conn.Query(std::string("SELECT ") + kColumns + " FROM entities e WHERE e.id = $1 AND e.deleted_at_ms IS NULL",
                 std::initializer_list<Value>{Int(id)}, [&](const RowView& row) -> Status {
                   record = ReadRecord(row);
                   return Ok();
                 }));
  return record;
}

Result<std::vector<StoredEvent>> LoadEvents(Connection& conn, int64_t id) {
  std::vector<StoredEvent> events;
  HOPTAC_TRY(
      conn.Query("SELECT id, date, type, note, converted_to FROM entity_events WHERE entity_id = $1 "
                 "ORDER BY date, id",
                 std::initializer_list<Value>{Int(id)}, [&](const RowView& row) -> Status {
                   events.push_back(ReadEvent(row, 0));
                   return Ok();
                 }));
  return events;
}

std::vector<domain::StatusEvent> Plain(const std::vector<StoredEvent>& stored) {
  std::vector<domain::StatusEvent> events;
  events.reserve(stored.size());
  for (const auto& s : stored) events.push_back(s.event);
  return events;
}

bool IsCooperative(const Principal& who) { return who.authenticated() && who.role == Role::kCooperative; }

// May the caller read this entity at all (full or public view)?
bool InReadScope(const Principal& who, const EntityRecord& r) {
  if (who.national()) return true;
  if (who.province_bound()) return r.current_province_code == who.province_code;
  if (IsCooperative(who)) return r.entity.id == who.entity_id;
  return true;  // partners and anonymous callers: the public view
}

Status RequireWriter(const Principal& who, bool cooperative_allowed) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (who.national() || who.province_bound() || (cooperative_allowed && IsCooperative(who))) return Ok();
  return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
}

// The entity as the writer may change it: out of its scope it does not exist.
bool InWriteScope(const Principal& who, const EntityRecord& r) {
  if (who.national()) return true;
  if (who.province_bound()) return r.current_province_code == who.province_code;
  if (IsCooperative(who)) return r.entity.id == who.entity_id;
  return false;
}

Value OptionalText(const char* text, bool present) { return present ? Text(text) : Null(); }

std::string JsonText(const EntityRecord& r) { return boost::json::serialize(EntityService::ToJson(r, true)); }

}  // namespace

std::optional<std::string> CurrentProvinceCode(const geo::AdminUnitDirectory& units, std::string_view province_code,
                                               Date on, Date today) {
  const geo::AdminUnit* unit = units.Find(geo::AdminLevel::kProvince, province_code, on);
  if (!unit) return std::nullopt;
  auto successors = units.CurrentSuccessors(unit->id, today);
  return successors.empty() ? unit->code : successors.front()->code;
}

EntityService::EntityService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> admin_units, NowMs now_ms)
    : db_(db), admin_units_(std::move(admin_units)), now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Status EntityService::Track(Connection& conn, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(int64_t version, NextRegistryVersion(conn));
  return StampEntities(conn, std::span<const int64_t>(&id, 1), version);
}

void EntityService::Notify(int64_t id) {
  if (RegistryObserver* observer = observer_.load()) observer->EntitiesChanged(std::span<const int64_t>(&id, 1));
}

bool EntityService::SeesAllFields(const Principal& who, const EntityRecord& record) {
  return InWriteScope(who, record);
}

boost::json::object EntityService::ToJson(const EntityRecord& r, bool all_fields) {
  const Entity& e = r.entity;
  auto date = [](const std::optional<Date>& d) { return d ? boost::json::value(d->ToIso()) : boost::json::value(); };
  boost::json::object o;
  o["id"] = e.id;
  o["kind"] = domain::EntityKindName(e.kind);
  o["name"] = e.name;
  o["province_code"] = e.province_code;
  o["current_province_code"] = r.current_province_code;
  o["commune_code"] = e.commune_code.empty() ? boost::json::value() : boost::json::value(e.commune_code);
  o["sector"] = e.sector ? boost::json::value(domain::SectorName(*e.sector)) : boost::json::value();
  o["status"] = r.status ? boost::json::value(domain::EntityStatusName(*r.status)) : boost::json::value();
  o["founded_on"] = date(e.founded_on);
  if (!all_fields) return o;
  o["registration_code"] = e.registration_code;
  o["tax_code"] = e.tax_code;
  o["province_as_of"] = date(e.province_as_of);
  o["address"] = e.address;
  o["women_managed"] = e.women_managed;
  o["youth"] = e.youth;
  o["chair_name"] = e.chair_name;
  o["chair_sex"] = e.chair_sex ? boost::json::value(domain::SexName(*e.chair_sex)) : boost::json::value();
  o["chair_birth_year"] = e.chair_birth_year ? boost::json::value(*e.chair_birth_year) : boost::json::value();
  o["phone"] = e.phone;
  o["email"] = e.email;
  o["union_id"] = e.union_id ? boost::json::value(*e.union_id) : boost::json::value();
  o["union_registration_code"] =
      e.union_registration_code.empty() ? boost::json::value() : boost::json::value(e.union_registration_code);
  o["created_at_ms"] = r.created_at_ms;
  o["updated_at_ms"] = r.updated_at_ms;
  return o;
}

boost::json::object EntityService::EventToJson(const StoredEvent& s) {
  return boost::json::object{
      {"id", s.id},
      {"date", s.event.date.ToIso()},
      {"type", domain::EventTypeName(s.event.type)},
      {"note", s.event.note},
      {"converted_to", s.event.converted_to ? boost::json::value(domain::EntityKindName(*s.event.converted_to))
                                            : boost::json::value()}};
}

namespace {

// The commune is where the entity is today, so it is always a commune in force
// today (the communes since 2025-07-01), whatever date the province code is read
// at, and it lies in the entity's current province.
Status CheckCommune(const geo::AdminUnitDirectory& units, const std::string& commune_code,
                    const std::string& current_province_code, Date today) {
  if (commune_code.empty()) return Ok();
  const geo::AdminUnit* commune = units.Find(geo::AdminLevel::kCommune, commune_code, today);
  if (!commune) return Error::InvalidField("commune_code", "unknown_commune", "field.unknown_commune", {commune_code});
  if (commune->parent_code == current_province_code) return Ok();
  auto full_name = [&](const std::string& code) {
    const geo::AdminUnit* province = units.Find(geo::AdminLevel::kProvince, code, today);
    return province ? province->full_name : code;
  };
  return Error::InvalidField("commune_code", "commune_not_in_province", "field.commune_not_in_province",
                             {commune->code, commune->full_name, commune->parent_code, full_name(commune->parent_code),
                              current_province_code, full_name(current_province_code)});
}

// Normalises and validates an entity and resolves its province as of its
// province date into `current_province_code`. Field errors are collected.
Status Check(const geo::AdminUnitDirectory& units, Entity& entity, std::string& current_province_code) {
  domain::NormalizeEntity(entity);
  Date today = Date::Today();
  HOPTAC_TRY(domain::ValidateEntity(entity, today));
  Date on = entity.ProvinceDate().value_or(today);
  std::optional<std::string> current = CurrentProvinceCode(units, entity.province_code, on, today);
  if (!current) {
    return Error::InvalidField("province_code", "unknown_province_on", "field.unknown_province_on",
                               {entity.province_code, on.ToIso()});
  }
  current_province_code = std::move(*current);
  return CheckCommune(units, entity.commune_code, current_province_code, today);
}

// Resolves union_registration_code into union_id inside the write.
Status ResolveUnion(Connection& conn, Entity& entity) {
  entity.union_id.reset();
  if (entity.union_registration_code.empty()) return Ok();
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT id, kind FROM entities WHERE registration_code = $1 AND "
                                                  "deleted_at_ms IS NULL",
                                                  {Text(entity.union_registration_code)}));
  if (!row || std::get<std::string>((*row)[1]) != "union" || std::get<int64_t>((*row)[0]) == entity.id) {
    return Error::InvalidField("union_registration_code", "union_not_found", "field.union_not_found",
                               {entity.union_registration_code});
  }
  entity.union_id = std::get<int64_t>((*row)[0]);
  return Ok();
}

// By value: callers that no longer need the record move it in, and its text moves
// into the values instead of being copied (imports build a million of these).
std::vector<Value> EntityValues(EntityRecord r) {
  Entity& e = r.entity;
  std::string folded = text::Fold(e.name);
  return {Text(domain::EntityKindName(e.kind)),
          Text(std::move(e.name)),
          Text(std::move(folded)),
          Text(std::move(e.registration_code)),
          Text(std::move(e.tax_code)),
          Text(std::move(e.province_code)),
          DateValue(e.province_as_of),
          Text(std::move(r.current_province_code)),
          Text(std::move(e.commune_code)),
          Text(std::move(e.address)),
          OptionalText(e.sector ? domain::SectorName(*e.sector) : "", e.sector.has_value()),
          DateValue(e.founded_on),
          Int(e.women_managed ? 1 : 0),
          Int(e.youth ? 1 : 0),
          Text(std::move(e.chair_name)),
          OptionalText(e.chair_sex ? domain::SexName(*e.chair_sex) : "", e.chair_sex.has_value()),
          e.chair_birth_year ? Int(*e.chair_birth_year) : Null(),
          Text(std::move(e.phone)),
          Text(std::move(e.email)),
          e.union_id ? Int(*e.union_id) : Null(),
          Int(r.updated_at_ms)};
}

Error TakenOr(Error error, const Entity& entity) {
  if (error.code == ErrorCode::kConflict) {
    return Error::InvalidField("registration_code", "registration_code_taken", "field.registration_code_taken",
                               {entity.registration_code});
  }
  return error;
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, const EntityRecord& r, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = "entity";
  a.object_id = std::to_string(r.entity.id);
  a.province_code = r.current_province_code;
  return a;
}

}  // namespace

Result<EntityRecord> EntityService::Create(const Principal& who, Entity entity) {
  HOPTAC_TRY(RequireWriter(who, /*cooperative_allowed=*/false));
  entity.id = 0;
  EntityRecord record;
  HOPTAC_TRY(Check(*admin_units_, entity, record.current_province_code));
  // Fix the reading date of the codes so it never drifts.
  if (!entity.province_as_of) entity.province_as_of = entity.founded_on.value_or(Date::Today());
  if (!who.national() && record.current_province_code != who.province_code)
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  record.entity = std::move(entity);
  record.created_at_ms = record.updated_at_ms = Now();
  record.status = domain::StatusOn({}, record.entity.founded_on, Date::Today());
  Status status = db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(ResolveUnion(conn, record.entity));
    std::vector<Value> values = EntityValues(record);
    values.push_back(Int(record.created_at_ms));
    HOPTAC_ASSIGN_OR_RETURN(
        auto row, conn.QueryOne("INSERT INTO entities (kind, name, name_folded, registration_code, tax_code, "
                                "province_code, province_as_of, current_province_code, commune_code, address, sector, "
                                "founded_on, women_managed, youth, chair_name, chair_sex, chair_birth_year, phone, "
                                "email, union_id, updated_at_ms, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
                                values));
    if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
    record.entity.id = std::get<int64_t>((*row)[0]);
    HOPTAC_TRY(Track(conn, record.entity.id));
    auto audit = AuditOf(who, "entity.create", record, record.created_at_ms);
    audit.after_json = JsonText(record);
    return storage::AppendAudit(conn, audit);
  });
  if (!status.ok()) return TakenOr(std::move(status).error(), record.entity);
  Notify(record.entity.id);
  return record;
}

Result<EntityRecord> EntityService::Get(const Principal& who, int64_t id) {
  std::optional<EntityRecord> record;
  std::vector<StoredEvent> events;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(record, LoadRecord(conn, id));
    if (record) {
      HOPTAC_ASSIGN_OR_RETURN(events, LoadEvents(conn, id));
    }
    return Ok();
  }));
  if (!record || !InReadScope(who, *record)) return NotFound(id);
  record->status = domain::StatusOn(Plain(events), record->entity.founded_on, Date::Today());
  return *record;
}

Result<EntityRecord> EntityService::Patch(const Principal& who, int64_t id, const EntityPatch& patch) {
  HOPTAC_TRY(RequireWriter(who, /*cooperative_allowed=*/true));
  // A cooperative keeps its own profile up to date, but what identifies it in the
  // registry (kind, registration code, province, founding) is the alliance's to change.
  if (IsCooperative(who)) {
    Error denied = Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
    auto deny = [&](bool present, const char* field) {
      if (present) denied.fields.push_back({field, "not_editable", "field.not_editable_by_cooperative", {}});
    };
    deny(patch.kind.has_value(), "kind");
    deny(patch.registration_code.has_value(), "registration_code");
    deny(patch.province_code.has_value(), "province_code");
    deny(patch.province_as_of.has_value(), "province_as_of");
    deny(patch.founded_on.has_value(), "founded_on");
    if (!denied.fields.empty()) return denied;
  }
  EntityRecord after;
  Status status = db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto before, LoadRecord(conn, id));
    if (!before || !InWriteScope(who, *before)) return NotFound(id);
    HOPTAC_ASSIGN_OR_RETURN(auto events, LoadEvents(conn, id));
    after = *before;
    Entity& e = after.entity;
    if (patch.kind) e.kind = *patch.kind;
    if (patch.name) e.name = *patch.name;
    if (patch.registration_code) e.registration_code = *patch.registration_code;
    if (patch.tax_code) e.tax_code = *patch.tax_code;
    if (patch.province_code) e.province_code = *patch.province_code;
    if (patch.province_as_of) e.province_as_of = *patch.province_as_of;
    if (patch.commune_code) e.commune_code = *patch.commune_code;
    if (patch.address) e.address = *patch.address;
    if (patch.sector) e.sector = *patch.sector;
    if (patch.founded_on) e.founded_on = *patch.founded_on;
    if (patch.women_managed) e.women_managed = *patch.women_managed;
    if (patch.youth) e.youth = *patch.youth;
    if (patch.chair_name) e.chair_name = *patch.chair_name;
    if (patch.chair_sex) e.chair_sex = *patch.chair_sex;
    if (patch.chair_birth_year) e.chair_birth_year = *patch.chair_birth_year;
    if (patch.phone) e.phone = *patch.phone;
    if (patch.email) e.email = *patch.email;
    if (patch.union_registration_code) e.union_registration_code = *patch.union_registration_code;
    HOPTAC_TRY(Check(*admin_units_, e, after.current_province_code));
    if (!e.province_as_of) e.province_as_of = e.founded_on.value_or(Date::Today());
    // A province account cannot move an entity out of its province.
    if (!who.national() && who.province_bound() && after.current_province_code != who.province_code)
      return Error::InvalidField("province_code", "province_out_of_scope", "field.province_out_of_scope",
                                 {e.province_code});
    if (patch.founded_on) HOPTAC_TRY(domain::ValidateHistory(e.founded_on, Plain(events)));
    HOPTAC_TRY(ResolveUnion(conn, e));
    after.updated_at_ms = Now();
    after.status = domain::StatusOn(Plain(events), e.founded_on, Date::Today());
    before->status = domain::StatusOn(Plain(events), before->entity.founded_on, Date::Today());
    std::vector<Value> values = EntityValues(after);
    values.push_back(Int(id));
    HOPTAC_TRY(
        conn.Exec("UPDATE entities SET kind = $1, name = $2, name_folded = $3, registration_code = $4, "
                  "tax_code = $5, province_code = $6, province_as_of = $7, current_province_code = $8, "
                  "commune_code = $9, address = $10, sector = $11, founded_on = $12, women_managed = $13, "
                  "youth = $14, chair_name = $15, chair_sex = $16, chair_birth_year = $17, phone = $18, "
                  "email = $19, union_id = $20, updated_at_ms = $21 WHERE id = $22",
                  values));
    HOPTAC_TRY(Track(conn, id));
    auto audit = AuditOf(who, "entity.update", after, after.updated_at_ms);
    audit.before_json = JsonText(*before);
    audit.after_json = JsonText(after);
    return storage::AppendAudit(conn, audit);
  });
  if (!status.ok()) return TakenOr(std::move(status).error(), after.entity);
  Notify(id);
  return after;
}

Status EntityService::SoftDelete(const Principal& who, int64_t id) {
  HOPTAC_TRY(RequireWriter(who, /*cooperative_allowed=*/false));
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto before, LoadRecord(conn, id));
    if (!before || !InWriteScope(who, *before)) return NotFound(id);
    int64_t now = Now();
    HOPTAC_TRY(
        conn.Exec("UPDATE entities SET deleted_at_ms = $1, updated_at_ms = $1 WHERE id = $2", {Int(now), Int(id)}));
    HOPTAC_TRY(Track(conn, id));
    auto audit = AuditOf(who, "entity.delete", *before, now);
    audit.before_json = JsonText(*before);
    return storage::AppendAudit(conn, audit);
  }));
  Notify(id);
  return Ok();
}

Result<EntityPage> EntityService::List(const Principal& who, const EntityFilters& filters) {
  if (const EntityFinder* finder = finder_.load()) return ListWithFinder(*finder, who, filters);
  if (filters.limit < 1 || filters.limit > kMaxListLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxListLimit)});
  if (filters.offset < 0)
    return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "1000000000"});
  HOPTAC_ASSIGN_OR_RETURN(EntityQuery query, BuildEntityQuery(who, filters, *admin_units_, Date::Today()));
  const std::string& where = query.where;
  const std::vector<Value>& params = query.params;
  std::vector<EntityRecord> records;
  std::unordered_map<int64_t, std::vector<domain::StatusEvent>> events;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM entities e WHERE " + where, params,
                          [&](const RowView& row) -> Status {
                            EntityRecord r = ReadRecord(row);
                            if (query.MatchesName(r.entity.name)) records.push_back(std::move(r));
                            return Ok();
                          }));
    return conn.Query(
        "SELECT v.entity_id, v.id, v.date, v.type, v.note, v.converted_to FROM entity_events v WHERE v.entity_id IN "
        "(SELECT e.id FROM entities e WHERE " +
            where + ") ORDER BY v.entity_id, v.date, v.id",
        params, [&](const RowView& row) -> Status {
          events[row.GetInt(0)].push_back(ReadEvent(row, 1).event);
          return Ok();
        });
  }));
  Date on = query.as_of;
  Date today = Date::Today();
  std::vector<std::pair<std::string, EntityRecord>> keyed;
  for (auto& r : records) {
    const auto& history = events[r.entity.id];
    if (!query.MatchesStatus(history, r.entity.founded_on)) continue;
    r.status = domain::StatusOn(history, r.entity.founded_on, filters.as_of ? on : today);
    std::string key = text::SortKey(r.entity.name);
    keyed.emplace_back(std::move(key), std::move(r));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second.entity.id < b.second.entity.id;
  });
  EntityPage page;
  page.total = static_cast<int64_t>(keyed.size());
  for (size_t i = static_cast<size_t>(filters.offset);
       i < keyed.size() && page.items.size() < static_cast<size_t>(filters.limit); ++i)
    page.items.push_back(std::move(keyed[i].second));
  return page;
}

Result<EntityPage> EntityService::ListWithFinder(const EntityFinder& finder, const Principal& who,
                                                 const EntityFilters& filters) {
  FindQuery query;
  query.filters = &filters;
  if (who.national()) {
  } else if (who.province_bound()) {
    query.scope_province = who.province_code;
  } else if (IsCooperative(who)) {
    query.scope_entity_id = who.entity_id;
  }
  HOPTAC_ASSIGN_OR_RETURN(FindResult found, finder.Find(query));
  EntityPage page;
  page.total = found.total;
  page.next_cursor = std::move(found.next_cursor);
  if (found.ids.empty()) return page;
  std::string in;
  std::vector<Value> params;
  for (int64_t id : found.ids) {
    params.push_back(Int(id));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::unordered_map<int64_t, EntityRecord> records;
  std::unordered_map<int64_t, std::vector<domain::StatusEvent>> events;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(conn.Query(
        std::string("SELECT ") + kColumns + " FROM entities e WHERE e.deleted_at_ms IS NULL AND e.id IN (" + in + ")",
        params, [&](const RowView& row) -> Status {
          EntityRecord r = ReadRecord(row);
          records.emplace(r.entity.id, std::move(r));
          return Ok();
        }));
    return conn.Query(
        "SELECT v.entity_id, v.id, v.date, v.type, v.note, v.converted_to FROM entity_events v WHERE "
        "v.entity_id IN (" +
            in + ") ORDER BY v.entity_id, v.date, v.id",
        params, [&](const RowView& row) -> Status {
          events[row.GetInt(0)].push_back(ReadEvent(row, 1).event);
          return Ok();
        });
  }));
  Date on = filters.as_of.value_or(Date::Today());
  for (int64_t id : found.ids) {
    auto it = records.find(id);
    if (it == records.end()) continue;  // deleted between the index and this read
    EntityRecord& r = it->second;
    r.status = domain::StatusOn(events[id], r.entity.founded_on, on);
    page.items.push_back(std::move(r));
  }
  return page;
}

Result<StoredEvent> EntityService::AddEvent(const Principal& who, int64_t id, const domain::StatusEvent& event) {
  HOPTAC_TRY(RequireWriter(who, /*cooperative_allowed=*/false));
  StoredEvent stored{0, event};
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto record, LoadRecord(conn, id));
    if (!record || !InWriteScope(who, *record)) return NotFound(id);
    HOPTAC_ASSIGN_OR_RETURN(auto existing, LoadEvents(conn, id));
    std::vector<domain::StatusEvent> history = Plain(existing);
    history.push_back(event);
    HOPTAC_TRY(domain::ValidateHistory(record->entity.founded_on, history));
    HOPTAC_ASSIGN_OR_RETURN(
        auto row,
        conn.QueryOne("INSERT INTO entity_events (entity_id, date, type, note, converted_to) VALUES ($1, $2, $3, $4, "
                      "$5) RETURNING id",
                      {Int(id), Text(event.date.ToIso()), Text(domain::EventTypeName(event.type)), Text(event.note),
                       event.converted_to ? Text(domain::EntityKindName(*event.converted_to)) : Null()}));
    if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
    stored.id = std::get<int64_t>((*row)[0]);
    HOPTAC_TRY(Track(conn, id));
    auto audit = AuditOf(who, "entity.add_event", *record, Now());
    audit.after_json = boost::json::serialize(EventToJson(stored));
    return storage::AppendAudit(conn, audit);
  }));
  Notify(id);
  return stored;
}

Result<std::vector<StoredEvent>> EntityService::Events(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(auto record, Get(who, id));
  (void)record;
  std::vector<StoredEvent> events;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(events, LoadEvents(conn, id));
    return Ok();
  }));
  return events;
}

}  // namespace hoptac::registry

// --- Shared with the importer (registry/entity_rows.h) -----------------------------

namespace hoptac::registry {

const char* EntitySelectList() { return kColumns; }

EntityRecord ReadEntityRecord(const storage::RowView& row) { return ReadRecord(row); }

StoredEvent ReadStoredEvent(const storage::RowView& row, int first) { return ReadEvent(row, first); }

Status CheckEntity(const geo::AdminUnitDirectory& units, domain::Entity& entity, std::string& current_province_code) {
  return Check(units, entity, current_province_code);
}

std::span<const std::string> EntityWriteColumns() {
  // The order of EntityValues().
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

std::vector<storage::Value> EntityWriteValues(EntityRecord record) { return EntityValues(std::move(record)); }

namespace {

void AppendJsonString(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

// The same document as serialize(ToJson(record, true)), written directly: imports
// write one per entity, a million at a time.
std::string EntityAuditJson(const EntityRecord& record) {
  std::string json = EntityAuditJsonWithoutId(record);
  return "{\"id\":" + std::to_string(record.entity.id) + "," + json.substr(1);
}

std::string EntityAuditJsonWithoutId(const EntityRecord& record) {
  const Entity& e = record.entity;
  std::string out;
  out.reserve(512 + e.name.size() + e.address.size());
  auto key = [&](const char* name) {
    out += out.empty() ? "{\"" : ",\"";
    out += name;
    out += "\":";
  };
  auto text = [&](const char* name, std::string_view value) {
    key(name);
    AppendJsonString(out, value);
  };
  auto text_or_null = [&](const char* name, bool present, std::string_view value) {
    key(name);
    if (present) {
      AppendJsonString(out, value);
    } else {
      out += "null";
    }
  };
  auto integer = [&](const char* name, int64_t value) {
    key(name);
    out += std::to_string(value);
  };
  auto boolean = [&](const char* name, bool value) {
    key(name);
    out += value ? "true" : "false";
  };
  text("kind", domain::EntityKindName(e.kind));
  text("name", e.name);
  text("province_code", e.province_code);
  text("current_province_code", record.current_province_code);
  text_or_null("commune_code", !e.commune_code.empty(), e.commune_code);
  text_or_null("sector", e.sector.has_value(), e.sector ? domain::SectorName(*e.sector) : "");
  text_or_null("status", record.status.has_value(), record.status ? domain::EntityStatusName(*record.status) : "");
  text_or_null("founded_on", e.founded_on.has_value(), e.founded_on ? e.founded_on->ToIso() : "");
  text("registration_code", e.registration_code);
  text("tax_code", e.tax_code);
  text_or_null("province_as_of", e.province_as_of.has_value(), e.province_as_of ? e.province_as_of->ToIso() : "");
  text("address", e.address);
  boolean("women_managed", e.women_managed);
  boolean("youth", e.youth);
  text("chair_name", e.chair_name);
  text_or_null("chair_sex", e.chair_sex.has_value(), e.chair_sex ? domain::SexName(*e.chair_sex) : "");
  key("chair_birth_year");
  out += e.chair_birth_year ? std::to_string(*e.chair_birth_year) : "null";
  text("phone", e.phone);
  text("email", e.email);
  key("union_id");
  out += e.union_id ? std::to_string(*e.union_id) : "null";
  text_or_null("union_registration_code", !e.union_registration_code.empty(), e.union_registration_code);
  integer("created_at_ms", record.created_at_ms);
  integer("updated_at_ms", record.updated_at_ms);
  out.push_back('}');
  return out;
}

}  // namespace hoptac::registry

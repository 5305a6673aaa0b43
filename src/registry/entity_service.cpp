#include "registry/entity_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <unordered_map>
#include <utility>

#include "registry/entity_json.h"
#include "registry/entity_query.h"
#include "registry/entity_store.h"
#include "storage/audit.h"
#include "storage/sql.h"
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

Error NotFound(int64_t id) { return Error::Make(ErrorCode::kNotFound, "error.entity_not_found", {std::to_string(id)}); }

Result<std::optional<EntityRecord>> LoadRecord(Connection& conn, int64_t id) {
  std::optional<EntityRecord> record;
  HOPTAC_TRY(conn.Query(
      std::string("SELECT ") + EntitySelectList() + " FROM entities e WHERE e.id = $1 AND e.deleted_at_ms IS NULL",
      std::initializer_list<Value>{Int(id)}, [&](const RowView& row) -> Status {
        record = ReadEntityRecord(row);
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
                   events.push_back(ReadStoredEvent(row, 0));
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
    std::vector<Value> values = EntityWriteValues(record);
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
    audit.after_json = EntityAuditJson(record);
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

Result<EntityRecord> EntityService::GetByRegistrationCode(const Principal& who, std::string_view code) {
  std::optional<int64_t> id;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(id, FindEntityIdByRegistrationCode(conn, code));
    return Ok();
  }));
  auto not_found = [&] {
    return Error::Make(ErrorCode::kNotFound, "error.entity_code_not_found", {std::string(code)});
  };
  if (!id) return not_found();
  auto record = Get(who, *id);
  if (!record.ok() && record.error().code == ErrorCode::kNotFound) return not_found();
  return record;
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
  bool unchanged = false;  // nothing to write: no audit row, no new registry version
  Status status = db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto before, LoadRecord(conn, id));
    if (!before || !InWriteScope(who, *before)) return NotFound(id);
    HOPTAC_ASSIGN_OR_RETURN(auto events, LoadEvents(conn, id));
    before->status = domain::StatusOn(Plain(events), before->entity.founded_on, Date::Today());
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
    // {} or the stored values as they are: the entity answers unchanged, even one stored
    // before a validation rule it would now fail.
    if (e == before->entity) {
      unchanged = true;
      return Ok();
    }
    HOPTAC_TRY(Check(*admin_units_, e, after.current_province_code));
    if (!e.province_as_of) e.province_as_of = e.founded_on.value_or(Date::Today());
    // A province account cannot move an entity out of its province.
    if (!who.national() && who.province_bound() && after.current_province_code != who.province_code)
      return Error::InvalidField("province_code", "province_out_of_scope", "field.province_out_of_scope",
                                 {e.province_code});
    if (patch.founded_on) HOPTAC_TRY(domain::ValidateHistory(e.founded_on, Plain(events)));
    HOPTAC_TRY(ResolveUnion(conn, e));
    // Values that normalise to the stored ones (" Hợp tác xã A ", "htx-01"): nothing changed either.
    if (e == before->entity && after.current_province_code == before->current_province_code) {
      after = *before;
      unchanged = true;
      return Ok();
    }
    after.updated_at_ms = Now();
    after.status = domain::StatusOn(Plain(events), e.founded_on, Date::Today());
    std::vector<Value> values = EntityWriteValues(after);
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
    audit.before_json = EntityAuditJson(*before);
    audit.after_json = EntityAuditJson(after);
    return storage::AppendAudit(conn, audit);
  });
  if (!status.ok()) return TakenOr(std::move(status).error(), after.entity);
  if (!unchanged) Notify(id);
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
    audit.before_json = EntityAuditJson(*before);
    return storage::AppendAudit(conn, audit);
  }));
  Notify(id);
  return Ok();
}

Result<EntityPage> EntityService::List(const Principal& who, const EntityFilters& filters) {
  const EntityFinder* finder = finder_.load();
  // One list engine: the index (app/system sets it). A service without one is a wiring error.
  if (!finder) return Error::Internal("EntityService::List: no finder set (SetFinder)");
  return ListWithFinder(*finder, who, filters);
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
  std::vector<Value> params;
  std::string in = storage::AppendInList(params, found.ids);
  std::unordered_map<int64_t, EntityRecord> records;
  std::unordered_map<int64_t, std::vector<domain::StatusEvent>> events;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(conn.Query(std::string("SELECT ") + EntitySelectList() +
                              " FROM entities e WHERE e.deleted_at_ms IS NULL AND e.id IN (" + in + ")",
                          params, [&](const RowView& row) -> Status {
                            EntityRecord r = ReadEntityRecord(row);
                            records.emplace(r.entity.id, std::move(r));
                            return Ok();
                          }));
    return conn.Query(
        "SELECT v.entity_id, v.id, v.date, v.type, v.note, v.converted_to FROM entity_events v WHERE "
        "v.entity_id IN (" +
            in + ") ORDER BY v.entity_id, v.date, v.id",
        params, [&](const RowView& row) -> Status {
          events[row.GetInt(0)].push_back(ReadStoredEvent(row, 1).event);
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
    audit.after_json = boost::json::serialize(EventJson(stored));
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

Status CheckEntity(const geo::AdminUnitDirectory& units, domain::Entity& entity, std::string& current_province_code) {
  return Check(units, entity, current_province_code);
}

}  // namespace hoptac::registry

#include "registry/figure_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "registry/figure_json.h"
#include "storage/audit.h"

namespace hoptac::registry {
namespace {

using auth::Principal;
using domain::FigureField;
using domain::FigureFields;
using domain::Period;
using storage::Connection;
using storage::Int;
using storage::Null;
using storage::RowView;
using storage::Text;
using storage::Value;

// "members_total, members_female, …" in FigureFields() order (fixed names, never user input).
std::string FigureColumns() {
  std::string columns;
  for (const FigureField& field : FigureFields()) {
    if (!columns.empty()) columns += ", ";
    columns += field.name;
  }
  return columns;
}

// period, the figures, confirmed_warnings, updated_at_ms.
FigureRecord ReadRow(int64_t entity_id, const RowView& row) {
  FigureRecord r;
  r.entity_id = entity_id;
  auto period = domain::ParsePeriod(row.GetText(0));
  if (period.ok()) r.period = *period;
  int column = 1;
  for (const FigureField& field : FigureFields()) {
    if (!row.IsNull(column)) r.figures.*field.member = row.GetInt(column);
    ++column;
  }
  r.confirmed_warnings = row.GetInt(column) != 0;
  r.updated_at_ms = row.GetInt(column + 1);
  return r;
}

Result<std::vector<FigureRecord>> LoadFigures(Connection& conn, int64_t entity_id,
                                              const std::optional<Period>& period) {
  std::string sql = "SELECT period, " + FigureColumns() +
                    ", confirmed_warnings, updated_at_ms FROM entity_figures WHERE entity_id = $1";
  std::vector<Value> params{Int(entity_id)};
  if (period) {
    sql += " AND period = $2";
    params.push_back(Text(period->ToString()));
  }
  std::vector<FigureRecord> records;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    records.push_back(ReadRow(entity_id, row));
    return Ok();
  }));
  return records;
}

// The entity as the write transaction sees it: its kind and current province;
// nullopt when it is missing or deleted.
struct EntityRow {
  domain::EntityKind kind = domain::EntityKind::kCooperative;
  std::string current_province_code;
};

Result<std::optional<EntityRow>> LoadEntityRow(Connection& conn, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT kind, current_province_code FROM entities WHERE id = $1 "
                                                  "AND deleted_at_ms IS NULL",
                                                  {Int(id)}));
  if (!row) return std::optional<EntityRow>();
  EntityRow e;
  e.kind = domain::EntityKindFromName(std::get<std::string>((*row)[0])).value_or(domain::EntityKind::kCooperative);
  e.current_province_code = std::get<std::string>((*row)[1]);
  return std::optional<EntityRow>(std::move(e));
}

Error EntityNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.entity_not_found", {std::to_string(id)});
}

Error FiguresNotFound(int64_t id, const Period& period) {
  return Error::Make(ErrorCode::kNotFound, "error.figures_not_found", {std::to_string(id), period.ToString()});
}

// The entity in the caller's scope, inside the write: it may have been deleted
// or moved to another province since EntityService::Get looked.
Result<EntityRow> EntityForWrite(Connection& conn, const Principal& who, const EntityRecord& seen) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, LoadEntityRow(conn, seen.entity.id));
  if (!row) return EntityNotFound(seen.entity.id);
  if (who.province_bound() && row->current_province_code != who.province_code) return EntityNotFound(seen.entity.id);
  return std::move(*row);
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, int64_t entity_id, const std::string& province,
                             int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = "entity";
  a.object_id = std::to_string(entity_id);
  a.province_code = province;
  return a;
}

std::string JsonText(const FigureRecord& record) { return boost::json::serialize(FigureJson(record)); }

}  // namespace

FigureService::FigureService(storage::Db& db, EntityService& entities, NowMs now_ms)
    : db_(db), entities_(entities), now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Status FigureService::RequireReader(const Principal& who) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (who.national() || who.province_bound() || (who.role == auth::Role::kCooperative && who.entity_id != 0))
    return Ok();
  return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
}

void FigureService::Notify(int64_t entity_id) {
  if (RegistryObserver* observer = observer_.load()) observer->EntitiesChanged(std::span<const int64_t>(&entity_id, 1));
}

Result<FigureRecord> FigureService::Put(const Principal& who, int64_t entity_id, Period period,
                                        const domain::Figures& figures, domain::Confirmation confirmation) {
  HOPTAC_TRY(RequireReader(who));
  HOPTAC_ASSIGN_OR_RETURN(EntityRecord seen, entities_.Get(who, entity_id));
  if (figures.Empty()) return Error::InvalidField("figures", "figures_empty", "field.figures_empty");
  FigureRecord record;
  record.entity_id = entity_id;
  record.period = period;
  record.figures = figures;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(EntityRow entity, EntityForWrite(conn, who, seen));
    domain::FiguresCheck check = domain::CheckFigures(figures, entity.kind);
    HOPTAC_TRY(check.ToStatus(confirmation));
    record.warnings = std::move(check.warnings);
    record.confirmed_warnings = !record.warnings.empty();
    record.updated_at_ms = now_ms_();
    HOPTAC_ASSIGN_OR_RETURN(auto before, LoadFigures(conn, entity_id, period));

    std::string columns = FigureColumns();
    std::string placeholders, updates;
    std::vector<Value> values{Int(entity_id), Text(period.ToString()), Text(period.End().ToIso())};
    for (const FigureField& field : FigureFields()) {
      const std::optional<int64_t>& value = figures.*field.member;
      values.push_back(value ? Int(*value) : Null());
      placeholders += ", $" + std::to_string(values.size());
      updates +=
          std::string(updates.empty() ? "" : ", ") + std::string(field.name) + " = excluded." + std::string(field.name);
    }
    values.push_back(Int(record.confirmed_warnings ? 1 : 0));
    values.push_back(Int(record.updated_at_ms));
    HOPTAC_TRY(conn.Exec("INSERT INTO entity_figures (entity_id, period, period_end, " + columns +
                             ", confirmed_warnings, updated_at_ms) VALUES ($1, $2, $3" + placeholders + ", $" +
                             std::to_string(values.size() - 1) + ", $" + std::to_string(values.size()) +
                             ") ON CONFLICT (entity_id, period) DO UPDATE SET period_end = excluded.period_end, " +
                             updates +
                             ", confirmed_warnings = excluded.confirmed_warnings, "
                             "updated_at_ms = excluded.updated_at_ms",
                         values));
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, NextRegistryVersion(conn));
    HOPTAC_TRY(StampEntities(conn, std::span<const int64_t>(&entity_id, 1), version));
    auto audit = AuditOf(who, "entity.figures.put", entity_id, entity.current_province_code, record.updated_at_ms);
    if (!before.empty()) audit.before_json = JsonText(before.front());
    audit.after_json = JsonText(record);
    return storage::AppendAudit(conn, audit);
  }));
  Notify(entity_id);
  return record;
}

Result<FigureRecord> FigureService::Get(const Principal& who, int64_t entity_id, Period period) {
  HOPTAC_TRY(RequireReader(who));
  HOPTAC_ASSIGN_OR_RETURN(EntityRecord entity, entities_.Get(who, entity_id));
  std::vector<FigureRecord> records;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(records, LoadFigures(conn, entity_id, period));
    return Ok();
  }));
  if (records.empty()) return FiguresNotFound(entity_id, period);
  FigureRecord& record = records.front();
  record.warnings = domain::CheckFigures(record.figures, entity.entity.kind).warnings;
  return std::move(record);
}

Result<std::vector<FigureRecord>> FigureService::List(const Principal& who, int64_t entity_id) {
  HOPTAC_TRY(RequireReader(who));
  HOPTAC_ASSIGN_OR_RETURN(EntityRecord entity, entities_.Get(who, entity_id));
  std::vector<FigureRecord> records;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(records, LoadFigures(conn, entity_id, std::nullopt));
    return Ok();
  }));
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.period < b.period; });
  for (FigureRecord& record : records)
    record.warnings = domain::CheckFigures(record.figures, entity.entity.kind).warnings;
  return records;
}

Status FigureService::Delete(const Principal& who, int64_t entity_id, Period period) {
  HOPTAC_TRY(RequireReader(who));
  HOPTAC_ASSIGN_OR_RETURN(EntityRecord seen, entities_.Get(who, entity_id));
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(EntityRow entity, EntityForWrite(conn, who, seen));
    HOPTAC_ASSIGN_OR_RETURN(auto before, LoadFigures(conn, entity_id, period));
    if (before.empty()) return FiguresNotFound(entity_id, period);
    HOPTAC_TRY(conn.Exec("DELETE FROM entity_figures WHERE entity_id = $1 AND period = $2",
                         {Int(entity_id), Text(period.ToString())}));
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, NextRegistryVersion(conn));
    HOPTAC_TRY(StampEntities(conn, std::span<const int64_t>(&entity_id, 1), version));
    auto audit = AuditOf(who, "entity.figures.delete", entity_id, entity.current_province_code, now_ms_());
    audit.before_json = JsonText(before.front());
    return storage::AppendAudit(conn, audit);
  }));
  Notify(entity_id);
  return Ok();
}

}  // namespace hoptac::registry

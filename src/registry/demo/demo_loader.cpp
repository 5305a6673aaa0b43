// Demo data: the loader — how many entities a scale gives, and writing the
// generated registry into the database (registry/demo/demo.h).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "registry/demo/demo.h"
#include "registry/entity_store.h"
#include "storage/audit.h"
#include "text/fold.h"

namespace hoptac::registry {

using domain::EntityKind;
using domain::StatusEvent;

Result<DemoCounts> PlannedDemoCounts(double scale) {
  if (!(scale > 0) || scale > kMaxDemoScale)
    return Error::InvalidField("scale", "out_of_range", "field.out_of_range", {"0", std::to_string(kMaxDemoScale)});
  auto count = [scale](double at_one) { return std::max<int64_t>(1, std::llround(at_one * scale)); };
  DemoCounts counts;
  counts.cooperatives = count(34'000);
  counts.groups = count(71'000);
  counts.unions = count(130);
  counts.credit_funds = count(1'200);
  return counts;
}

namespace {

using storage::Int;
using storage::Null;
using storage::Row;
using storage::Text;
using storage::Value;

const std::vector<std::string> kEventInsertColumns = {"entity_id", "date", "type", "note", "converted_to"};
const std::vector<std::string> kFigureInsertColumns = {"entity_id",
                                                       "period",
                                                       "period_end",
                                                       "members_total",
                                                       "members_female",
                                                       "members_youth",
                                                       "workers_total",
                                                       "workers_female",
                                                       "workers_members",
                                                       "revenue_vnd",
                                                       "revenue_with_members_vnd",
                                                       "profit_vnd",
                                                       "avg_income_vnd_month",
                                                       "charter_capital_vnd",
                                                       "confirmed_warnings",
                                                       "updated_at_ms"};

Value OptionalInt(const std::optional<int64_t>& value) { return value ? Int(*value) : Null(); }

// The entity's row through the one mapping of the entities table (entity_store.h).
Row EntityRow(const DemoEntity& demo, const std::vector<int64_t>& union_ids, int64_t now_ms, int64_t version) {
  EntityRecord record;
  record.entity = demo.entity;
  record.current_province_code = demo.current_province_code;
  if (demo.union_index >= 0) record.entity.union_id = union_ids.at(static_cast<size_t>(demo.union_index));
  record.created_at_ms = record.updated_at_ms = now_ms;
  return EntityInsertValues(std::move(record), version);
}

}  // namespace

Result<DemoLoadResult> LoadDemoData(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                    const auth::Principal& who, const DemoLoadOptions& options,
                                    RegistryObserver* observer) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.national()) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  HOPTAC_ASSIGN_OR_RETURN(auto generator, DemoGenerator::Create(std::move(units), options.demo));
  int64_t now_ms =
      options.now_ms != 0
          ? options.now_ms
          : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
  DemoLoadResult result;
  const std::vector<std::string> entity_columns = EntityInsertColumns();
  result.counts = generator->planned();
  const int64_t total = result.counts.entities();
  // Rows are written in chunks of one kind (members refer to unions written before them).
  constexpr size_t kChunk = 4096;
  Status status = db.Write([&](storage::Connection& conn) -> Status {
    if (options.mode == DemoLoadMode::kIfEmpty) {
      HOPTAC_ASSIGN_OR_RETURN(auto any, conn.QueryOne("SELECT id FROM entities LIMIT 1", {}));
      if (any) return Ok();
    }
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, NextRegistryVersion(conn));
    std::vector<int64_t> union_ids;
    std::vector<DemoEntity> chunk;
    std::vector<Row> entity_rows, event_rows, figure_rows;
    chunk.reserve(kChunk);
    int64_t last_id = 0, done = 0, events = 0, figures = 0;
    DemoEntity next;
    bool more = generator->Next(next);
    while (more) {
      chunk.clear();
      entity_rows.clear();
      EntityKind kind = next.entity.kind;
      while (more && chunk.size() < kChunk && next.entity.kind == kind) {
        entity_rows.push_back(EntityRow(next, union_ids, now_ms, version));
        chunk.push_back(std::move(next));
        more = generator->Next(next);
      }
      Status copied = conn.CopyRows("entities", entity_columns, entity_rows);
      if (!copied.ok()) {
        if (copied.error().code == ErrorCode::kConflict)
          return Error::Make(ErrorCode::kConflict, "error.demo_conflict", {std::to_string(options.demo.seed)});
        return copied;
      }
      // The ids the database gave them, in insertion order.
      std::vector<int64_t> ids;
      ids.reserve(chunk.size());
      HOPTAC_TRY(
          conn.Query("SELECT id FROM entities WHERE change_seq = $1 AND id > $2 ORDER BY id LIMIT $3",
                     std::initializer_list<Value>{Int(version), Int(last_id), Int(static_cast<int64_t>(chunk.size()))},
                     [&ids](const storage::RowView& row) -> Status {
                       ids.push_back(row.GetInt(0));
                       return Ok();
                     }));
      if (ids.size() != chunk.size())
        return Error::Internal("demo: read back " + std::to_string(ids.size()) + " ids for " +
                               std::to_string(chunk.size()) + " entities");
      last_id = ids.back();
      event_rows.clear();
      figure_rows.clear();
      for (size_t i = 0; i < chunk.size(); ++i) {
        const DemoEntity& demo = chunk[i];
        if (demo.entity.kind == EntityKind::kUnion) union_ids.push_back(ids[i]);
        for (const StatusEvent& event : demo.events) {
          event_rows.push_back({Int(ids[i]), Text(event.date.ToIso()), Text(domain::EventTypeName(event.type)),
                                Text(event.note),
                                event.converted_to ? Text(domain::EntityKindName(*event.converted_to)) : Null()});
        }
        for (const auto& [period, f] : demo.figures) {
          figure_rows.push_back(
              {Int(ids[i]), Text(period.ToString()), Text(period.End().ToIso()), OptionalInt(f.members_total),
               OptionalInt(f.members_female), OptionalInt(f.members_youth), OptionalInt(f.workers_total),
               OptionalInt(f.workers_female), OptionalInt(f.workers_members), OptionalInt(f.revenue_vnd),
               OptionalInt(f.revenue_with_members_vnd), OptionalInt(f.profit_vnd), OptionalInt(f.avg_income_vnd_month),
               OptionalInt(f.charter_capital_vnd), Int(0), Int(now_ms)});
        }
      }
      HOPTAC_TRY(conn.CopyRows("entity_events", kEventInsertColumns, event_rows));
      HOPTAC_TRY(conn.CopyRows("entity_figures", kFigureInsertColumns, figure_rows));
      events += static_cast<int64_t>(event_rows.size());
      figures += static_cast<int64_t>(figure_rows.size());
      done += static_cast<int64_t>(chunk.size());
      if (options.on_progress) options.on_progress(done, total);
    }
    result.loaded = true;
    result.counts.events = events;
    result.counts.figures = figures;
    storage::AuditRecord audit;
    audit.at_ms = now_ms;
    audit.actor_user_id = who.user_id;
    audit.actor_name = who.AuditName();
    audit.address = who.address;
    audit.action = "demo.load";
    audit.object_type = "registry";
    audit.object_id = "demo";
    char scale[32];
    std::snprintf(scale, sizeof scale, "%.6g", options.demo.scale);
    audit.after_json = std::string("{\"scale\":") + scale + ",\"seed\":" + std::to_string(options.demo.seed) +
                       ",\"registry_version\":" + std::to_string(version) + ",\"entities\":" + std::to_string(done) +
                       ",\"cooperatives\":" + std::to_string(result.counts.cooperatives) +
                       ",\"groups\":" + std::to_string(result.counts.groups) +
                       ",\"unions\":" + std::to_string(result.counts.unions) +
                       ",\"credit_funds\":" + std::to_string(result.counts.credit_funds) +
                       ",\"events\":" + std::to_string(events) + ",\"figures\":" + std::to_string(figures) + "}";
    return storage::AppendAudit(conn, audit);
  });
  HOPTAC_TRY(status);
  if (result.loaded && observer) observer->Reload();
  return result;
}

}  // namespace hoptac::registry

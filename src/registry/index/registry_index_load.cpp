// RegistryIndex: Build — the province eras, and the initial load of every entity
// from the database (IndexLoader, also used by CatchUp); and the memory it holds.

#include <algorithm>
#include <future>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/log.h"
#include "base/memory.h"
#include "registry/entity_service.h"
#include "registry/index/registry_index.h"
#include "registry/index/registry_index_internal.h"
#include "text/collate.h"
#include "text/fold.h"

namespace hoptac::analytics {

using domain::EntityKind;
using index_internal::kNone;
using storage::Connection;
using storage::Int;
using storage::RowView;

Status IndexLoader::LoadEntities(Connection& conn, int64_t since, std::vector<Loaded>& out) {
  std::string where = since < 0 ? "e.deleted_at_ms IS NULL" : "e.change_seq > CAST($1 AS BIGINT)";
  std::vector<storage::Value> params;
  if (since >= 0) params.push_back(Int(since));
  return conn.Query(
      "SELECT e.id, e.kind, e.name, e.province_code, e.province_as_of, e.current_province_code, e.commune_code, "
      "e.sector, e.founded_on, e.women_managed, e.youth, e.deleted_at_ms FROM entities e WHERE " +
          // A full load reads in id order; a catch-up goes through the change_seq index (ORDER BY id would
          // make SQLite walk the whole table) and is sorted below.
          where + (since < 0 ? " ORDER BY e.id" : ""),
      params, [&](const RowView& row) -> Status {
        Loaded l;
        l.id = row.GetInt(0);
        l.kind = domain::EntityKindFromName(row.GetText(1)).value_or(EntityKind::kCooperative);
        l.name = row.GetText(2);
        l.province_code = row.GetText(3);
        l.province_as_of = Date::ParseIso(row.GetText(4)).value_or(Date());
        l.current_province = row.GetText(5);
        l.commune = row.GetText(6);
        if (!row.IsNull(7)) l.sector = domain::SectorFromName(row.GetText(7));
        if (!row.IsNull(8)) l.founded = Date::ParseIso(row.GetText(8));
        l.women = row.GetInt(9) != 0;
        l.youth = row.GetInt(10) != 0;
        l.deleted = !row.IsNull(11);
        out.push_back(std::move(l));
        return Ok();
      });
}

Status IndexLoader::LoadEvents(Connection& conn, int64_t since, std::vector<Loaded>& out) {
  std::vector<storage::Value> params;
  std::string where;
  if (since >= 0) {
    params.push_back(Int(since));
    where = " WHERE v.entity_id IN (SELECT e.id FROM entities e WHERE e.change_seq > CAST($1 AS BIGINT))";
  }
  return conn.Query(
      "SELECT v.entity_id, v.date, v.type FROM entity_events v" + where + " ORDER BY v.entity_id, v.date, v.id", params,
      [&](const RowView& row) -> Status {
        Loaded* l = Find(out, row.GetInt(0));
        if (!l) return Ok();
        auto type = domain::EventTypeFromName(row.GetText(2));
        if (!type) return Ok();
        domain::StatusEvent ev;
        ev.date = Date::ParseIso(row.GetText(1)).value_or(Date());
        ev.type = *type;
        l->events.push_back(std::move(ev));
        return Ok();
      });
}

Status IndexLoader::LoadFigures(Connection& conn, int64_t since, std::vector<Loaded>& out) {
  std::vector<storage::Value> params;
  std::string where;
  if (since >= 0) {
    params.push_back(Int(since));
    where = " WHERE f.entity_id IN (SELECT e.id FROM entities e WHERE e.change_seq > CAST($1 AS BIGINT))";
  }
  std::string columns;
  for (const auto& field : domain::FigureFields()) columns += ", f." + std::string(field.name);
  return conn.Query("SELECT f.entity_id, f.period" + columns + " FROM entity_figures f" + where, params,
                    [&](const RowView& row) -> Status {
                      Loaded* l = Find(out, row.GetInt(0));
                      if (!l) return Ok();
                      auto period = domain::ParsePeriod(row.GetText(1));
                      if (!period.ok()) return Ok();
                      domain::Figures figures;
                      int column = 2;
                      for (const auto& field : domain::FigureFields()) {
                        if (!row.IsNull(column)) figures.*field.member = row.GetInt(column);
                        ++column;
                      }
                      l->figures.emplace_back(*period, figures);
                      return Ok();
                    });
}

Result<cell_key::Secret> IndexLoader::LoadSecret(Connection& conn) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT value FROM meta WHERE key = 'stats_cell_key_secret'", {}));
  const std::string* text = row && !row->empty() ? std::get_if<std::string>(&(*row)[0]) : nullptr;
  if (!text || text->size() < 32) return Error::Internal("meta.stats_cell_key_secret is missing or too short");
  return cell_key::Secret::FromText(*text);
}

IndexLoader::Loaded* IndexLoader::Find(std::vector<Loaded>& out, int64_t id) {
  auto it = std::lower_bound(out.begin(), out.end(), id, [](const Loaded& l, int64_t v) { return l.id < v; });
  return it != out.end() && it->id == id ? &*it : nullptr;
}

Status IndexLoader::Load(Connection& conn, int64_t since, std::vector<Loaded>& out) {
  HOPTAC_TRY(LoadEntities(conn, since, out));
  if (out.empty()) return Ok();
  std::sort(out.begin(), out.end(), [](const Loaded& a, const Loaded& b) { return a.id < b.id; });
  HOPTAC_TRY(LoadEvents(conn, since, out));
  return LoadFigures(conn, since, out);
}

void IndexLoader::Prepare(std::vector<Loaded>& loaded) {
  auto work = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Loaded& l = loaded[i];
      if (l.deleted) continue;
      l.sort_key = text::SortKey(l.name);
      std::vector<std::string> words = registry::NameWords(l.name);
      l.word_count = static_cast<int>(text::FoldedWords(l.name).size());
      for (const auto& w : words) l.words += " " + w;
      std::sort(l.figures.begin(), l.figures.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    }
  };
  if (loaded.size() < 20000) {
    work(0, loaded.size());
    return;
  }
  size_t half = loaded.size() / 2;
  auto other = std::async(std::launch::async, work, half, loaded.size());
  work(0, half);
  other.get();
}

RegistryIndex::RegistryIndex(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units)
    : db_(db), units_(std::move(units)), figure_columns_(domain::FigureFields().size()) {
  InitUnits();
}

RegistryIndex::~RegistryIndex() { StopPolling(); }

void RegistryIndex::InitUnits() {
  kind_bits_.resize(std::size(domain::kEntityKinds));
  sector_bits_.resize(std::size(domain::kSectors));
  status_bits_.resize(std::size(domain::kEntityStatuses));
  ever_bits_.resize(std::size(domain::kEntityStatuses));
  status_day_ = Date::Today().days();
  for (const auto& unit : units_->dataset().units) {
    if (unit.level == geo::AdminLevel::kProvince) {
      province_index_[&unit] = static_cast<uint16_t>(provinces_.size());
      provinces_.push_back(&unit);
    }
  }
  std::unordered_map<std::string, uint16_t> first_with_code;
  for (size_t u = 0; u < provinces_.size(); ++u)
    province_key_.push_back(first_with_code.emplace(provinces_[u]->code, static_cast<uint16_t>(u)).first->second);
  current_bits_.resize(provinces_.size());
  unit_bits_.resize(provinces_.size());
  // Eras: every date a province unit starts or ends.
  std::vector<Date> starts{Date::FromCivil(1, 1, 1)};
  for (const auto* unit : provinces_) {
    starts.push_back(unit->valid_from);
    if (unit->valid_to) starts.push_back(Date::FromDays(unit->valid_to->days() + 1));
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  era_starts_ = starts;
  era_map_.assign(era_starts_.size(), std::vector<uint16_t>(provinces_.size(), kNone));
  for (size_t era = 0; era < era_starts_.size(); ++era) {
    Date on = era_starts_[era];
    for (size_t u = 0; u < provinces_.size(); ++u) {
      const geo::AdminUnit* unit = provinces_[u];
      const geo::AdminUnit* found = nullptr;
      if (unit->InForce(on)) {
        found = unit;
      } else if (on < unit->valid_from) {
        // Walk back through unique predecessors.
        const geo::AdminUnit* at = unit;
        for (int depth = 0; depth < 8 && at && !at->InForce(on); ++depth) {
          auto preds = units_->Predecessors(at->id);
          at = preds.size() == 1 ? preds[0] : nullptr;
        }
        if (at && at->InForce(on)) found = at;
      } else {
        const geo::AdminUnit* at = unit;
        for (int depth = 0; depth < 8 && at && !at->InForce(on); ++depth) {
          auto succs = units_->Successors(at->id);
          at = succs.size() == 1 ? succs[0] : nullptr;
        }
        if (at && at->InForce(on)) found = at;
      }
      if (found) era_map_[era][u] = province_index_.at(found);
    }
  }
  for (const auto* commune : units_->InForce(geo::AdminLevel::kCommune, Date::Today())) {
    commune_index_[commune->code] = static_cast<uint16_t>(communes_.size());
    communes_.push_back(commune);
  }
  places_ = registry::PlaceNames(*units_, Date::Today());
}

int RegistryIndex::EraOf(Date date) const {
  auto it = std::upper_bound(era_starts_.begin(), era_starts_.end(), date);
  return static_cast<int>(it - era_starts_.begin()) - 1;
}

Result<std::unique_ptr<RegistryIndex>> RegistryIndex::Build(storage::Db& db,
                                                            std::shared_ptr<const geo::AdminUnitDirectory> units) {
  std::unique_ptr<RegistryIndex> index(new RegistryIndex(db, std::move(units)));
  std::vector<Loaded> loaded;
  int64_t version = 0;
  // The version first: whatever commits after it has change_seq > version and is caught up later,
  // so the three tables may be read in parallel, each in its own snapshot.
  HOPTAC_TRY(db.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
    HOPTAC_ASSIGN_OR_RETURN(index->secret_, IndexLoader::LoadSecret(conn));
    return IndexLoader::LoadEntities(conn, -1, loaded);
  }));
  auto events = std::async(std::launch::async, [&] {
    return db.Read([&](Connection& conn) { return IndexLoader::LoadEvents(conn, -1, loaded); });
  });
  Status figures = db.Read([&](Connection& conn) { return IndexLoader::LoadFigures(conn, -1, loaded); });
  Status events_status = events.get();
  HOPTAC_TRY(std::move(events_status));
  HOPTAC_TRY(std::move(figures));
  IndexLoader::Prepare(loaded);
  std::lock_guard catch_up(index->catch_up_mu_);
  std::unique_lock lock(index->mu_);
  index->Apply(loaded);
  index->version_ = version;
  loaded = {};
  ReturnFreeMemory();  // give the loading buffers back
  return index;
}

RegistryIndex::Usage RegistryIndex::MemoryUsage() const {
  std::shared_lock lock(mu_);
  Usage u;
  for (uint8_t a : alive_) u.entities += a;
  u.events = static_cast<int64_t>(events_.size());
  u.periods = static_cast<int64_t>(period_end_.size());
  u.figure_values = figure_values_;
  int64_t bytes = 0;
  size_t n = id_.capacity();
  bytes += static_cast<int64_t>(n * (8 + 8 + 1 + 1 + 1 + 1 + 2 + 2 + 2 + 4 + 4 + 1 + 4 + 1 + 4 + 2 + 1 + 4 + 2 + 8));
  bytes += static_cast<int64_t>(changes_.capacity() * 8 + events_.capacity() * 8 + period_end_.capacity() * 4);
  for (const auto& column : figure_columns_) bytes += static_cast<int64_t>(column.capacity() * 8);
  for (size_t i = 0; i < sort_key_.size(); ++i) {
    bytes += static_cast<int64_t>(sizeof(std::string) * 2);
    if (sort_key_[i].capacity() > 15) bytes += static_cast<int64_t>(sort_key_[i].capacity() + 1);
    if (words_[i].capacity() > 15) bytes += static_cast<int64_t>(words_[i].capacity() + 1);
  }
  bytes += static_cast<int64_t>(slot_of_.size() * 32 + slot_of_.bucket_count() * 8);
  bytes += static_cast<int64_t>((order_.capacity() + founded_order_.capacity()) * 4);
  for (const auto& [word, posting] : postings_)
    bytes += static_cast<int64_t>(64 + word.capacity() + posting.slots.capacity() * 4 + posting.bits.capacity() * 8);
  auto family = [](const std::vector<Bits>& bitmaps) {
    size_t n = 0;
    for (const Bits& b : bitmaps) n += b.capacity() * 8;
    return static_cast<int64_t>(n);
  };
  bytes += family(kind_bits_) + family(current_bits_) + family(unit_bits_) + family(sector_bits_) +
           family(status_bits_) + family(ever_bits_);
  bytes += static_cast<int64_t>((alive_bits_.capacity() + women_bits_.capacity() + youth_bits_.capacity()) * 8);
  u.bytes = bytes;
  u.version = version_;
  return u;
}

}  // namespace hoptac::analytics

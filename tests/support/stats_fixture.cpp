#include "support/stats_fixture.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <utility>

#include "base/log.h"
#include "geo/admin_unit_store.h"
#include "registry/change.h"
#include "registry/entity.h"
#include "registry/figures.h"
#include "registry/period.h"
#include "registry/status_history.h"
#include "support/server_harness.h"
#include "support/status_matchers.h"
#include "support/test_db.h"

namespace hoptac::testing::stats {

using storage::Int;
using storage::Text;
using storage::Value;

namespace {

// ---- Query descriptions (printed on failure) ------------------------------------

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string Describe(const std::vector<Dimension>& group_by) {
  std::vector<std::string> names;
  for (Dimension d : group_by) names.push_back(analytics::DimensionName(d));
  return Join(names);
}

std::string Describe(const analytics::StatsFilter& f) {
  std::ostringstream out;
  auto list = [&](const char* name, const auto& values, auto to_name) {
    if (values.empty()) return;
    std::vector<std::string> names;
    for (const auto& v : values) names.push_back(to_name(v));
    out << " " << name << "=" << Join(names);
  };
  list("kind", f.kinds, [](EntityKind k) { return std::string(domain::EntityKindName(k)); });
  list("province", f.provinces, [](const std::string& s) { return s; });
  list("commune", f.communes, [](const std::string& s) { return s; });
  list("status", f.statuses, [](EntityStatus s) { return std::string(domain::EntityStatusName(s)); });
  list("sector", f.sectors, [](domain::Sector s) { return std::string(domain::SectorName(s)); });
  if (f.women_managed) out << " women_managed=" << (*f.women_managed ? "true" : "false");
  if (f.youth) out << " youth=" << (*f.youth ? "true" : "false");
  if (f.founded_from) out << " founded_from=" << f.founded_from->ToIso();
  if (f.founded_to) out << " founded_to=" << f.founded_to->ToIso();
  if (!f.scope_province.empty()) out << " scope_province=" << f.scope_province;
  return out.str();
}

std::string Describe(const analytics::StockQuery& q) {
  return "stock measure=" + q.measure + " group_by=" + Describe(q.group_by) + " as_of=" + q.as_of.ToIso() +
         " province_scheme=" + analytics::ProvinceSchemeName(q.scheme) + Describe(q.filter);
}
std::string Describe(const analytics::FlowQuery& q) {
  return std::string("flows event=") + domain::EventTypeName(q.event) + " from=" + q.from.ToIso() +
         " to=" + q.to.ToIso() + " group_by=" + Describe(q.group_by) +
         " province_scheme=" + analytics::ProvinceSchemeName(q.scheme) + Describe(q.filter);
}
std::string Describe(const analytics::SeriesQuery& q) {
  return "series measure=" + q.measure + " interval=" + analytics::IntervalName(q.interval) +
         " from=" + q.from.ToIso() + " to=" + q.to.ToIso() + " group_by=" + Describe(q.group_by) +
         " province_scheme=" + analytics::ProvinceSchemeName(q.scheme) + Describe(q.filter);
}

}  // namespace

void StatsPropertyTest::SetUp() {
  log::SetQuiet(true);
  url_ = testing::TestDbUrl();
  auto db = storage::Db::Open(url_);
  ASSERT_TRUE(db.ok()) << db.error().detail;
  owned_db_ = std::move(db).value();
  db_ = owned_db_.get();
  directory_ = testing::PrepareDatabase(*db_);
  ASSERT_NE(directory_, nullptr);
}

void StatsPropertyTest::TearDown() {
  system_.Stop();
  if (owned_db_) owned_db_->Close();
}

void StatsPropertyTest::ChangeUnitsIn2026() {
  auto dataset = geo::LoadAdminUnits(*db_);
  ASSERT_TRUE(dataset.ok()) << dataset.error().detail;
  int64_t last_id = 0, ca_mau_id = 0;
  for (auto& unit : dataset->units) {
    last_id = std::max(last_id, unit.id);
    if (unit.level == geo::AdminLevel::kProvince && unit.code == "96" && !unit.valid_to) {
      unit.valid_to = Civil(2026, 4, 29);
      ca_mau_id = unit.id;
    }
  }
  ASSERT_NE(ca_mau_id, 0);
  geo::AdminUnit successor;
  successor.id = last_id + 1;
  successor.level = geo::AdminLevel::kProvince;
  successor.code = "97";
  successor.name = successor.full_name = "Cà Mau Mới";
  successor.name_en = successor.full_name_en = "Ca Mau Moi";
  successor.valid_from = Civil(2026, 4, 30);
  dataset->units.push_back(successor);
  dataset->links.push_back({ca_mau_id, successor.id, successor.valid_from});
  dataset->version += "+test-2026-04-30";
  ASSERT_OK(geo::SeedAdminUnits(*db_, *dataset));
  auto reloaded = geo::LoadAdminUnits(*db_);
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().detail;
  directory_ = geo::AdminUnitDirectory::Create(std::move(reloaded).value());
}

void StatsPropertyTest::CompareRandomQueries(
    const char* measure, int queries, const std::function<bool(QueryMaker& maker, const std::string& label)>& check) {
  const uint64_t seed = Seed();
  std::printf("[stats property] seed=%llu backend=%s (set HOPTAC_STATS_SEED to replay)\n",
              static_cast<unsigned long long>(seed), storage::BackendName(db_->backend()));
  std::fflush(stdout);
  SCOPED_TRACE("seed " + std::to_string(seed));
  ASSERT_NO_FATAL_FAILURE(LoadRandomRegistry(seed));
  QueryMaker maker = MakeQueryMaker();
  int asked = 0, failures = 0;
  auto phase = std::chrono::steady_clock::now();
  for (; asked < queries && failures < 10; ++asked)
    if (!check(maker, QueryLabel(asked, seed))) ++failures;
  PrintSummary(measure, asked, failures, phase);
}

void StatsPropertyTest::BuildIndex() {
  // The system takes the database over as it is now (the test prepared it, units included).
  app::SystemOptions options = testing::FastSystemOptions();
  options.prepare_database = false;
  ASSERT_TRUE(system_.Adopt(std::move(owned_db_), std::move(options)));
  app::System& system = system_.system();
  directory_ = system.admin_units();
  entities_ = &system.entities();
  figures_ = &system.figures();
  index_ = &system.index();
}

int64_t StatsPropertyTest::CreateThroughServices(GenEntity& g) {
  auto created = entities_->Create(who_, g.entity);
  EXPECT_TRUE(created.ok()) << testing::Describe(created.error()) << " " << g.entity.registration_code;
  if (!created.ok()) return 0;
  g.entity.id = created->entity.id;
  for (const auto& event : g.events) {
    auto added = entities_->AddEvent(who_, g.entity.id, event);
    EXPECT_TRUE(added.ok()) << testing::Describe(added.error());
  }
  for (const auto& [period, values] : g.figures) {
    auto put = figures_->Put(who_, g.entity.id, period, values, domain::Confirmation::kConfirmed);
    EXPECT_TRUE(put.ok()) << testing::Describe(put.error());
  }
  return g.entity.id;
}

bool StatsPropertyTest::CheckStock(const analytics::StockQuery& q, const std::string& label) {
  auto got = index_->Stock(q);
  if (!got.ok()) {
    ADD_FAILURE() << label << " " << Describe(q) << "\n  index error: " << testing::Describe(got.error());
    return false;
  }
  auto want = ReferenceStock(*db_, q, today_);
  if (!want.ok()) {
    ADD_FAILURE() << label << " " << Describe(q) << "\n  sql error: " << testing::Describe(want.error());
    return false;
  }
  Tally(*want);
  std::string diff = StockDiff(q, *got, *want);
  if (!diff.empty()) ADD_FAILURE() << label << " " << Describe(q) << "\n" << diff;
  return diff.empty();
}

std::string StatsPropertyTest::StockDiff(const analytics::StockQuery& q, const analytics::StockResult& got,
                                         RefRows want) {
  std::string diff;
  RefRow total = Sum(want);
  if (got.total != total.value || got.entities != total.entities)
    diff += "  total: index " + std::to_string(got.total) + " (" + std::to_string(got.entities) + " entities), sql " +
            std::to_string(total.value) + " (" + std::to_string(total.entities) + " entities)\n";
  diff += DiffRows(got.rows, want, q.group_by.size());
  return diff;
}

bool StatsPropertyTest::CheckFlows(const analytics::FlowQuery& q, const std::string& label) {
  auto got = index_->Flows(q);
  if (!got.ok()) {
    ADD_FAILURE() << label << " " << Describe(q) << "\n  index error: " << testing::Describe(got.error());
    return false;
  }
  auto want = ReferenceFlows(*db_, q, today_);
  if (!want.ok()) {
    ADD_FAILURE() << label << " " << Describe(q) << "\n  sql error: " << testing::Describe(want.error());
    return false;
  }
  Tally(*want);
  std::string diff;
  RefRow total = Sum(*want);
  if (got->total != total.value)
    diff += "  total: index " + std::to_string(got->total) + ", sql " + std::to_string(total.value) + "\n";
  // Years of [from, to]: whole years exactly, otherwise days / 365.2425 to 2 decimals.
  const double days = q.to.days() - q.from.days() + 1;
  const double years = days / 365.2425;
  if (std::abs(got->years - years) > 0.006)
    diff += "  years: index " + std::to_string(got->years) + ", expected about " + std::to_string(years) + "\n";
  if (got->years > 0 && std::abs(got->yearly_average - got->total / got->years) > 0.01)
    diff += "  yearly_average " + std::to_string(got->yearly_average) + " is not total / years\n";
  diff += DiffRows(got->rows, *want, q.group_by.size());
  if (!diff.empty()) ADD_FAILURE() << label << " " << Describe(q) << "\n" << diff;
  return diff.empty();
}

bool StatsPropertyTest::CheckSeries(const analytics::SeriesQuery& q, const std::string& label) {
  auto got = index_->Series(q);
  if (!got.ok()) {
    ADD_FAILURE() << label << " " << Describe(q) << "\n  index error: " << testing::Describe(got.error());
    return false;
  }
  std::string diff;
  std::map<std::string, std::pair<Date, std::vector<analytics::StatsRow>>> by_period;
  for (const auto& point : got->points) {
    auto& entry = by_period[point.period.ToString()];
    entry.first = point.end;
    entry.second.push_back(point.row);
  }
  auto ends = SeriesEnds(q.interval, q.from, q.to);
  for (const auto& [name, end] : ends) {
    analytics::StockQuery stock{q.measure, q.group_by, end, q.scheme, q.filter};
    auto want = ReferenceStock(*db_, stock, today_);
    if (!want.ok()) {
      ADD_FAILURE() << label << " " << Describe(q) << "\n  sql error: " << testing::Describe(want.error());
      return false;
    }
    Tally(*want);
    auto it = by_period.find(name);
    std::vector<analytics::StatsRow> rows;
    if (it != by_period.end()) {
      if (it->second.first != end)
        diff += "  " + name + ": end " + it->second.first.ToIso() + ", expected " + end.ToIso() + "\n";
      rows = std::move(it->second.second);
      by_period.erase(it);
    }
    std::string d = DiffRows(rows, *want, q.group_by.size());
    if (!d.empty()) diff += "  " + name + " (" + end.ToIso() + "):\n" + d;
  }
  for (const auto& [name, entry] : by_period) diff += "  unexpected period " + name + "\n";
  if (!diff.empty()) ADD_FAILURE() << label << " " << Describe(q) << "\n" << diff;
  return diff.empty();
}

void StatsPropertyTest::LoadRandomRegistry(uint64_t seed) {
  started_ = std::chrono::steady_clock::now();
  ChangeUnitsIn2026();
  generator_ = std::make_unique<Generator>(seed, directory_, today_);
  Generator& gen = *generator_;
  Random& rng = gen.rng();

  // 1. Bulk load by plain SQL, then the index is built from the database.
  std::vector<GenEntity> bulk;
  for (int i = 0; i < 1400; ++i) {
    bulk.push_back(gen.Entity(i));
    bulk.back().deleted = rng.Chance(0.02);
  }
  for (const auto& g : bulk) {
    ASSERT_OK(domain::ValidateHistory(g.entity.founded_on, g.events));
    for (const auto& [period, values] : g.figures) ASSERT_TRUE(domain::CheckFigures(values, g.entity.kind).ok());
  }
  int64_t version = 0;
  ASSERT_OK(BulkInsert(*db_, bulk, rng, version));
  BuildIndex();
  ASSERT_NE(index_, nullptr);

  // 2. Writes through the services, seen by the index as their observer.
  std::vector<GenEntity> served;
  for (int i = 0; i < 100; ++i) {
    served.push_back(gen.Entity(10'000 + i));
    ASSERT_NE(CreateThroughServices(served.back()), 0);
  }
  for (int i = 0; i < 40; ++i) {
    GenEntity& g = served[static_cast<size_t>(rng.Between(0, 99))];
    registry::EntityPatch patch;
    switch (rng.Between(0, 5)) {
      case 0:
        patch.sector = rng.Chance(0.2)
                           ? std::nullopt
                           : std::optional(domain::kSectors[rng.Between(0, std::size(domain::kSectors) - 1)]);
        break;
      case 1:
        patch.women_managed = !g.entity.women_managed;
        g.entity.women_managed = !g.entity.women_managed;
        break;
      case 2:
        patch.youth = !g.entity.youth;
        g.entity.youth = !g.entity.youth;
        break;
      case 3: {  // moves to another province, registered there as of some date
        Date as_of =
            rng.Chance(0.5) ? rng.DateBetween(Civil(2004, 1, 1), Civil(2025, 6, 30)) : rng.DateBetween(kReform, today_);
        const geo::AdminUnit* unit = rng.Pick(directory_->InForce(geo::AdminLevel::kProvince, as_of));
        patch.province_code = unit->code;
        patch.province_as_of = std::optional(as_of);
        patch.commune_code = "";
        break;
      }
      case 4: {  // an earlier founding date, still before every event
        bool established = false;
        for (const auto& event : g.events) established |= event.type == EventType::kEstablished;
        if (established) continue;
        Date first = g.events.empty() ? today_ : g.events.front().date;
        if (g.entity.founded_on) first = std::min(first, *g.entity.founded_on);
        if (first <= Civil(1997, 6, 1)) continue;
        Date founded = rng.DateBetween(Civil(1997, 1, 1), first);
        if (!domain::ValidateHistory(founded, g.events).ok()) continue;
        patch.founded_on = std::optional(founded);
        g.entity.founded_on = founded;
        break;
      }
      default: patch.kind = domain::kEntityKinds[rng.Between(0, 3)]; break;
    }
    ASSERT_OK(entities_->Patch(who_, g.entity.id, patch));
  }
  for (int i = 0; i < 20; ++i) {
    GenEntity& g = served[static_cast<size_t>(rng.Between(0, 99))];
    if (g.figures.empty()) continue;
    auto [period, values] = g.figures.front();
    if (figures_->Delete(who_, g.entity.id, period).ok()) g.figures.erase(g.figures.begin());
  }
  for (int i = 0; i < 5; ++i) ASSERT_OK(entities_->SoftDelete(who_, served[static_cast<size_t>(i) * 7].entity.id));

  // 3. Writes of another process (a second Db handle) following registry/change.h,
  // picked up by CatchUp: new entities, events appended to loaded ones, figures
  // replaced, soft deletes.
  {
    auto other = storage::Db::Open(url_);
    ASSERT_TRUE(other.ok()) << other.error().detail;
    std::vector<GenEntity> more;
    for (int i = 0; i < 200; ++i) {
      more.push_back(gen.Entity(20'000 + i));
    }
    int64_t other_version = 0;
    ASSERT_OK(BulkInsert(**other, more, rng, other_version));
    Status changed = (*other)->Write([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(int64_t v, registry::NextRegistryVersion(conn));
      std::vector<int64_t> touched;
      for (int i = 0; i < 150; ++i) {
        GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
        if (g.deleted || domain::IsTerminal(g.status)) continue;
        Date date = rng.DateBetween(g.last_date, today_);
        auto event = gen.NextEvent(g.status, date);
        if (!event) continue;
        auto events = g.events;
        events.push_back(*event);
        if (!domain::ValidateHistory(g.entity.founded_on, events).ok()) continue;
        HOPTAC_TRY(conn.Exec("INSERT INTO entity_events (entity_id, date, type, note) VALUES ($1, $2, $3, '')",
                             {Int(g.entity.id), Text(date.ToIso()), Text(domain::EventTypeName(event->type))}));
        g.events = std::move(events);
        g.status = *domain::NextStatus(g.status, event->type);
        g.last_date = date;
        touched.push_back(g.entity.id);
      }
      for (int i = 0; i < 100; ++i) {
        GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
        domain::Period period = *domain::ParsePeriod(rng.Pick(PeriodNames()));
        HOPTAC_TRY(conn.Exec("DELETE FROM entity_figures WHERE entity_id = $1 AND period = $2",
                             {Int(g.entity.id), Text(period.ToString())}));
        if (rng.Chance(0.8)) {
          std::vector<Value> row = FigureRow(g.entity.id, period, RandomFigures(rng));
          HOPTAC_TRY(conn.CopyRows("entity_figures", FigureColumns(), std::vector<storage::Row>{row}));
        }
        touched.push_back(g.entity.id);
      }
      for (int i = 0; i < 15; ++i) {
        GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
        HOPTAC_TRY(conn.Exec("UPDATE entities SET deleted_at_ms = 1700000000002 WHERE id = $1", {Int(g.entity.id)}));
        g.deleted = true;
        touched.push_back(g.entity.id);
      }
      return registry::StampEntities(conn, touched, v);
    });
    ASSERT_OK(changed);
    (*other)->Close();
  }
  ASSERT_OK(index_->CatchUp());
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();

  // Communes that entities are in, for filters.
  std::vector<std::string> communes;
  ASSERT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto rows, conn.QueryAll("SELECT DISTINCT commune_code FROM entities WHERE commune_code "
                                                     "<> '' ORDER BY commune_code",
                                                     {}));
    for (const auto& row : rows) communes.push_back(AsText(row[0]));
    return Ok();
  }));
  // The reference's reading of the unit tables: at most one unit of a lineage in
  // force on any date (so its joins never duplicate an entity), and today's unit
  // of every entity is the registry's own current_province_code.
  ASSERT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(
        auto overlaps,
        conn.QueryAll(std::string("WITH RECURSIVE ") + kLineage +
                          ", days AS (SELECT DISTINCT CAST(valid_from AS TEXT) AS d FROM admin_units) "
                          "SELECT COUNT(*) FROM (SELECT g.start_id FROM lineage g JOIN days ON g.valid_from <= days.d "
                          "AND (g.valid_to IS NULL OR g.valid_to >= days.d) AND " +
                          LineageApplies("g", "days.d") +
                          " GROUP BY g.start_id, days.d "
                          "HAVING COUNT(*) > 1) x",
                      {}));
    EXPECT_EQ(AsInt(overlaps.at(0)[0]), 0) << "lineages with two units in force on one day";
    Params p;
    std::string today = p.Add(Text(today_.ToIso()));
    HOPTAC_ASSIGN_OR_RETURN(
        auto rows,
        conn.QueryAll(std::string("WITH RECURSIVE q AS (SELECT CAST(") + today + " AS TEXT) AS today), " + kLineage +
                          ", " + kBase + " SELECT COUNT(*) FROM base b JOIN entities e ON e.id = b.id CROSS JOIN q" +
                          ProvinceJoin("gc", "b.unit_id", "q.today") +
                          " WHERE COALESCE(gc.code, '') <> e.current_province_code",
                      p.values()));
    EXPECT_EQ(AsInt(rows.at(0)[0]), 0) << "entities whose current_province_code is not today's unit";
    return Ok();
  }));
  communes_ = std::move(communes);
}

QueryMaker StatsPropertyTest::MakeQueryMaker() {
  return QueryMaker(generator_->rng(), today_, generator_->current_codes(), generator_->all_codes(), communes_);
}

std::string StatsPropertyTest::QueryLabel(int i, uint64_t seed) {
  return "query " + std::to_string(i) + " (seed " + std::to_string(seed) + ")";
}

void StatsPropertyTest::PrintSummary(const char* measure, int queries, int failures,
                                     std::chrono::steady_clock::time_point phase) const {
  auto seconds_since = [](auto start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::printf("[stats property] %d %s queries (%.1f s); %d failed; data %.1f s, total %.1f s\n", queries, measure,
              seconds_since(phase), failures, load_seconds_, seconds_since(started_));
  std::printf("[stats property] %lld answers compared (%lld with rows), %lld rows\n", static_cast<long long>(answers_),
              static_cast<long long>(answers_with_rows_), static_cast<long long>(rows_));
}

// A small generated registry loaded before the index is built.
std::vector<GenEntity> SmallRegistry(Generator& gen, storage::Db& db, int first_number) {
  std::vector<GenEntity> entities;
  for (int i = 0; i < 40; ++i) entities.push_back(gen.Entity(first_number + i));
  int64_t version = 0;
  EXPECT_OK(BulkInsert(db, entities, gen.rng(), version));
  return entities;
}

// An entity that exists today, so the count as of today includes it.
GenEntity FoundedIn2020(Generator& gen, int number) {
  GenEntity g = gen.Entity(number);
  g.entity.founded_on = Civil(2020, 1, 15);
  g.entity.province_as_of = Civil(2020, 1, 15);
  g.entity.province_code = "15";  // Yên Bái then, part of Lào Cai (15) today
  g.current_province = "15";
  g.entity.commune_code.clear();
  g.events.clear();
  g.figures.clear();
  g.status = EntityStatus::kActive;
  return g;
}

}  // namespace hoptac::testing::stats

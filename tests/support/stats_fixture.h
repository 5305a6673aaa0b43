// The fixture of the statistics property tests (tests/integration/registry/
// stats_property_*_test.cpp): a fresh database of the backend named by
// HOPTAC_TEST_BACKEND with the administrative units, the entity and figure
// services, and the in-memory index built over it; the random registry the
// agreement tests share, written by the three paths the index learns of changes
// by (a bulk SQL load before RegistryIndex::Build, writes through the services
// with the index as observer, writes of a second Db handle picked up by
// CatchUp); and the checks that compare one Stock, Flows or Series answer of the
// index with the SQL reference (support/stats_reference.h), failing with the
// seed and the query on any difference.
//
// Thread-safety: none; a fixture belongs to its test.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "geo/admin_unit.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "registry/index/registry_index.h"
#include "registry/index/stats.h"
#include "storage/db.h"
#include "support/stats_generator.h"
#include "support/stats_reference.h"
#include "support/test_system.h"

namespace hoptac::testing::stats {

class StatsPropertyTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A further change of the units after the 2025 reform (DESIGN.md §2: units
  // keep changing; one took effect on 2026-04-30): Cà Mau (96) continues as a
  // new unit 97. Lineages then take two steps (Bạc Liêu 95 → Cà Mau 96 → 97) and
  // a unit has a single predecessor (97 ← 96).
  void ChangeUnitsIn2026();

  // Builds every service over the database as it is now, through app::System (the
  // index as the services' observer and finder), as hoptac serve does.
  void BuildIndex();

  // Creates a generated entity through the services (events and figures included).
  int64_t CreateThroughServices(GenEntity& g);

  // The random registry of the agreement tests from `seed`, in the database and the index by all
  // three paths, after ChangeUnitsIn2026; checks the reference's reading of the unit tables.
  // Sets generator_, communes_, started_ and load_seconds_.
  void LoadRandomRegistry(uint64_t seed);
  // Random queries over the registry LoadRandomRegistry made (drawing from its generator).
  QueryMaker MakeQueryMaker();
  // The agreement test of one measure: loads this run's random registry (its seed
  // printed, to replay) and compares `queries` random queries through `check`
  // (false: a difference, already reported), stopping after 10 differences.
  void CompareRandomQueries(const char* measure, int queries,
                            const std::function<bool(QueryMaker& maker, const std::string& label)>& check);
  // "query <i> (seed <seed>)"
  static std::string QueryLabel(int i, uint64_t seed);
  // Prints how many queries of `measure` were compared, how long they took since `phase`, and the tally.
  void PrintSummary(const char* measure, int queries, int failures, std::chrono::steady_clock::time_point phase) const;

  // Compares one stock query; returns false (with a failure naming the query) on any difference.
  bool CheckStock(const analytics::StockQuery& q, const std::string& label);
  static std::string StockDiff(const analytics::StockQuery& q, const analytics::StockResult& got, RefRows want);
  bool CheckFlows(const analytics::FlowQuery& q, const std::string& label);
  bool CheckSeries(const analytics::SeriesQuery& q, const std::string& label);

  // How much the comparisons covered: answers compared, those with rows, rows.
  void Tally(const RefRows& rows) {
    ++answers_;
    if (!rows.empty()) ++answers_with_rows_;
    rows_ += static_cast<int64_t>(rows.size());
  }
  int64_t answers_ = 0, answers_with_rows_ = 0, rows_ = 0;

  analytics::StockQuery CountQuery(std::vector<Dimension> group_by = {}) {
    analytics::StockQuery q;
    q.group_by = std::move(group_by);
    q.as_of = today_;
    q.audience = analytics::Audience::kOfficial;  // exact figures
    return q;
  }

  std::string url_;
  std::unique_ptr<storage::Db> owned_db_;  // until BuildIndex gives it to the system
  storage::Db* db_ = nullptr;
  std::shared_ptr<const geo::AdminUnitDirectory> directory_;
  // Built by BuildIndex through app::System, as hoptac serve builds them.
  testing::TestSystem system_;
  registry::EntityService* entities_ = nullptr;
  registry::FigureService* figures_ = nullptr;
  analytics::RegistryIndex* index_ = nullptr;
  auth::Principal who_ = auth::Principal::Cli("test");
  Date today_ = Date::Today();

  // Set by LoadRandomRegistry.
  std::unique_ptr<Generator> generator_;
  std::vector<std::string> communes_;  // communes that entities are in, for filters
  std::chrono::steady_clock::time_point started_;
  double load_seconds_ = 0;
};

// A small generated registry loaded before the index is built.
std::vector<GenEntity> SmallRegistry(Generator& gen, storage::Db& db, int first_number);
// An entity that exists today, so the count as of today includes it.
GenEntity FoundedIn2020(Generator& gen, int number);

}  // namespace hoptac::testing::stats

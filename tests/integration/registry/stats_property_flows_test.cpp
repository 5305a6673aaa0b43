// Property test of the statistics (issue 5, item 10), the flows: many random Flows
// queries (events of a type between two days, grouped and filtered) answered by the in-memory index
// (registry/index/registry_index.h) and plain SQL over the database
// (support/stats_reference.h), on the backend named by HOPTAC_TEST_BACKEND, must
// agree exactly — totals, every row's keys, value and entity count — on a random
// but valid and reproducible registry (support/stats_fixture.h: a fixed seed,
// override with HOPTAC_STATS_SEED; a failure prints the seed and the query).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "support/stats_fixture.h"

namespace hoptac::testing::stats {
namespace {

TEST_F(StatsPropertyTest, IndexAgreesWithSqlOnFlows) {
  CompareRandomQueries(
      "flows", 250, [this](QueryMaker& maker, const std::string& label) { return CheckFlows(maker.Flows(), label); });
}

}  // namespace
}  // namespace hoptac::testing::stats

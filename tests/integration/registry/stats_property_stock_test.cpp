// Property test of the statistics (issue 5, item 10), the stock: many random Stock
// queries (a count or a figure as of a day, grouped and filtered) answered by the in-memory index
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

TEST_F(StatsPropertyTest, IndexAgreesWithSqlOnStock) {
  const uint64_t seed = Seed();
  std::printf("[stats property] seed=%llu backend=%s (set HOPTAC_STATS_SEED to replay)\n",
              static_cast<unsigned long long>(seed), storage::BackendName(db_->backend()));
  std::fflush(stdout);
  SCOPED_TRACE("seed " + std::to_string(seed));
  ASSERT_NO_FATAL_FAILURE(LoadRandomRegistry(seed));
  QueryMaker maker = MakeQueryMaker();
  int stock = 0, failures = 0;
  const int kQueries = 450;
  auto phase = std::chrono::steady_clock::now();
  for (; stock < kQueries && failures < 10; ++stock)
    if (!CheckStock(maker.Stock(), QueryLabel(stock, seed))) ++failures;
  PrintSummary("stock", stock, failures, phase);
}

}  // namespace
}  // namespace hoptac::testing::stats

// Property test of the statistics (issue 5, item 10), the series: many random Series
// queries (a stock at the end of every year, half or quarter) answered by the in-memory index
// (registry/index/registry_index.h) and plain SQL over the database
// (support/stats_reference.h), on the backend named by HOPTAC_TEST_BACKEND, must
// agree exactly — totals, every row's keys, value and entity count — on a random
// but valid and reproducible registry (support/stats_fixture.h: a fixed seed,
// override with HOPTAC_STATS_SEED; a failure prints the seed and the query).
// Also the reference's own calendar of series ends.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "support/stats_fixture.h"

namespace hoptac::testing::stats {
namespace {

TEST(StatsPropertyReference, SeriesEndsFollowTheCalendar) {
  auto ends = SeriesEnds(analytics::Interval::kQuarter, Civil(2024, 2, 10), Civil(2024, 11, 5));
  ASSERT_EQ(ends.size(), 4u);
  EXPECT_EQ(ends[0].first, "2024Q1");
  EXPECT_EQ(ends[0].second, Civil(2024, 3, 31));
  EXPECT_EQ(ends[3].first, "2024Q4");
  EXPECT_EQ(ends[3].second, Civil(2024, 11, 5));
  ends = SeriesEnds(analytics::Interval::kHalf, Civil(2023, 12, 31), Civil(2024, 7, 1));
  ASSERT_EQ(ends.size(), 3u);
  EXPECT_EQ(ends[0].first, "2023S2");
  EXPECT_EQ(ends[2].first, "2024S2");
  EXPECT_EQ(ends[2].second, Civil(2024, 7, 1));
}

TEST_F(StatsPropertyTest, IndexAgreesWithSqlOnSeries) {
  CompareRandomQueries(
      "series", 40, [this](QueryMaker& maker, const std::string& label) { return CheckSeries(maker.Series(), label); });
}

}  // namespace
}  // namespace hoptac::testing::stats

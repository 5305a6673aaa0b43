// The support fund's model (src/fund/fund.h): the application's moves, the fund's rules at
// approval, the fund's own checks and the codes.
#include <gtest/gtest.h>

#include "fund/fund.h"

namespace hoptac::fund {
namespace {

TEST(FundModel, TheApplicationMovesSubmittedAppraisedThenApprovedOrRejected) {
  EXPECT_TRUE(MayMove("submitted", "appraise"));
  EXPECT_TRUE(MayMove("appraised", "appraise"));  // appraised again
  EXPECT_FALSE(MayMove("submitted", "approve"));  // appraise first
  EXPECT_TRUE(MayMove("appraised", "approve"));
  EXPECT_TRUE(MayMove("submitted", "reject"));
  EXPECT_TRUE(MayMove("appraised", "reject"));
  for (const char* done : {"approved", "rejected"})
    for (const char* step : {"appraise", "approve", "reject"}) EXPECT_FALSE(MayMove(done, step)) << done << step;
  EXPECT_FALSE(MayMove("submitted", "withdraw"));
}

TEST(FundModel, ApprovedTermsAreCheckedAgainstTheFundsRules) {
  FundRules rules{500'000'000, 36, 72'500, 6};
  Terms t;
  t.amount_vnd = 500'000'000;
  t.term_months = 36;
  t.grace_months = 6;
  EXPECT_TRUE(CheckAgainstRules(t, rules).empty());  // at the limits
  t.amount_vnd = 500'000'001;
  t.term_months = 37;
  t.grace_months = 7;
  auto errors = CheckAgainstRules(t, rules);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "amount_vnd");
  EXPECT_EQ(errors[0].key, "field.fund_amount_above_max");
  EXPECT_EQ(errors[0].args, (std::vector<std::string>{"500000001", "500000000"}));
  EXPECT_EQ(errors[1].field, "term_months");
  EXPECT_EQ(errors[2].field, "grace_months");
  // No rule: no limit, even near 10^15 đồng.
  t.amount_vnd = 999'999'999'999'999;
  EXPECT_TRUE(CheckAgainstRules(t, FundRules{}).empty());
}

TEST(FundModel, AFundsOwnMembersAreChecked) {
  Fund f;
  f.capital_vnd = -1;
  f.rules.max_amount_vnd = 0;
  f.rules.max_term_months = 601;
  f.rules.default_rate_e4 = 1'000'001;
  auto errors = CheckFund(f);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "capital_vnd");
  EXPECT_EQ(errors[1].field, "rules.max_amount_vnd");
  EXPECT_EQ(errors[2].field, "rules.max_term_months");
  EXPECT_EQ(errors[3].field, "rules.default_rate_percent_year");
  f = Fund{};
  f.capital_vnd = kMaxMoney;
  EXPECT_TRUE(CheckFund(f).empty());
}

TEST(FundModel, CodesAreNumberedPerYearWithFourDigitsAtLeast) {
  EXPECT_EQ(FormatCode("VV", 2026, 1), "VV-2026-0001");
  EXPECT_EQ(FormatCode("KV", 2026, 12345), "KV-2026-12345");
  // 2026-01-01 00:30 in Vietnam is 2025-12-31 17:30 UTC: the day is Vietnam's.
  EXPECT_EQ(DayOf(1767202200000).ToIso(), "2026-01-01");
  EXPECT_EQ(InstantText(1767202200000), "2025-12-31T17:30:00Z");
}

}  // namespace
}  // namespace hoptac::fund

// A target's progress (programmes/progress.h) from a fake measure: the straight line, the states,
// per-year windows, direction "lower is better", and a failing measure.
#include "programmes/progress.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace hoptac::programmes {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

Target Once(int64_t target, int64_t baseline = 0) {
  Target t;
  t.title = "t";
  t.deadline = D(2025, 12, 31);
  t.target = target;
  t.baseline = baseline;
  t.source = "entities";
  return t;
}

// A measure answering `value` whatever the window, and remembering the windows asked.
struct Fixed {
  int64_t value;
  std::vector<std::pair<Date, Date>> asked;
  Measure Fn() {
    return [this](Date from, Date to) -> Result<Measured> {
      asked.emplace_back(from, to);
      return Measured{value, "fixed"};
    };
  }
};

TEST(Progress, StraightLineDecidesOnTrackAtRiskAndBehind) {
  const Date start = D(2023, 1, 1);
  const Date half = D(2024, 6, 30);  // 547 of 1,096 days: expected just under half of 6
  Fixed three{3, {}}, two{2, {}}, one{1, {}}, none{0, {}};
  Progress on = ComputeProgress(Once(6), start, half, three.Fn());
  EXPECT_EQ(on.state, State::kOnTrack);
  EXPECT_NEAR(on.expected, 6.0 * 547 / 1096, 1e-9);
  EXPECT_DOUBLE_EQ(on.share, 0.5);
  ASSERT_EQ(three.asked.size(), 1u);
  EXPECT_EQ(three.asked[0].first, start);
  EXPECT_EQ(three.asked[0].second, half);  // measured up to today, not the deadline
  // Expected 2.995: three whole cooperatives are on track, two or one at risk, none behind.
  EXPECT_EQ(ComputeProgress(Once(6), start, half, two.Fn()).state, State::kAtRisk);
  EXPECT_EQ(ComputeProgress(Once(6), start, half, one.Fn()).state, State::kAtRisk);
  EXPECT_EQ(ComputeProgress(Once(6), start, half, none.Fn()).state, State::kBehind);
}

TEST(Progress, AchievedBeforeTheDeadlineAndBehindAfterIt) {
  Fixed six{6, {}}, five{5, {}};
  EXPECT_EQ(ComputeProgress(Once(6), D(2023, 1, 1), D(2023, 2, 1), six.Fn()).state, State::kAchieved);
  Progress late = ComputeProgress(Once(6), D(2023, 1, 1), D(2026, 3, 1), five.Fn());
  EXPECT_EQ(late.state, State::kBehind);
  EXPECT_EQ(late.expected, 6);
  EXPECT_EQ(five.asked.back().second, D(2025, 12, 31));  // a finished window is measured at its end
}

TEST(Progress, NotStartedBeforeTheProgrammeMeasuresNothing) {
  Fixed any{9, {}};
  Target t = Once(6);
  t.deadline = D(2028, 12, 31);
  Progress p = ComputeProgress(t, D(2027, 1, 1), D(2026, 1, 1), any.Fn());
  EXPECT_EQ(p.state, State::kNotStarted);
  EXPECT_FALSE(p.actual.has_value());
  EXPECT_TRUE(any.asked.empty());
}

TEST(Progress, OneAYearIsOnTrackEarlyInTheYearAndAtRiskFromItsMiddle) {
  Target t = Once(1);
  t.cadence = "yearly";
  t.deadline = D(2026, 12, 31);
  Fixed none{0, {}};
  auto state_on = [&](Date today) { return ComputeProgress(t, D(2026, 1, 1), today, none.Fn()).windows.at(0).state; };
  EXPECT_EQ(state_on(D(2026, 2, 1)), State::kOnTrack);
  EXPECT_EQ(state_on(D(2026, 7, 15)), State::kAtRisk);
  EXPECT_EQ(state_on(D(2026, 12, 5)), State::kAtRisk);
  Fixed one{1, {}};
  EXPECT_EQ(ComputeProgress(t, D(2026, 1, 1), D(2026, 12, 5), one.Fn()).windows.at(0).state, State::kAchieved);
}

TEST(Progress, LowerIsBetterWhenTheTargetIsUnderTheBaseline) {
  // From 40 weak cooperatives down to 10.
  Fixed twenty{20, {}}, thirty_five{35, {}}, ten{10, {}};
  const Date start = D(2023, 1, 1), mid = D(2024, 7, 1);
  EXPECT_EQ(ComputeProgress(Once(10, 40), start, mid, twenty.Fn()).state, State::kOnTrack);
  EXPECT_EQ(ComputeProgress(Once(10, 40), start, mid, thirty_five.Fn()).state, State::kBehind);
  EXPECT_EQ(ComputeProgress(Once(10, 40), start, mid, ten.Fn()).state, State::kAchieved);
  EXPECT_DOUBLE_EQ(ComputeProgress(Once(10, 40), start, mid, twenty.Fn()).share, 20.0 / 30.0);
}

TEST(Progress, YearlyTargetsAreMeasuredPerCalendarYearCutToTheProgramme) {
  Target t = Once(1);
  t.cadence = "yearly";
  std::map<int, int64_t> per_year = {{2023, 1}, {2024, 0}, {2025, 0}};
  std::vector<std::pair<Date, Date>> asked;
  Measure m = [&](Date from, Date to) -> Result<Measured> {
    asked.emplace_back(from, to);
    return Measured{per_year[from.year()], ""};
  };
  // Programme from 2023-03-15; today 2025-02-01.
  Progress p = ComputeProgress(t, D(2023, 3, 15), D(2025, 2, 1), m);
  ASSERT_EQ(p.windows.size(), 3u);
  EXPECT_EQ(p.windows[0].from, D(2023, 3, 15));
  EXPECT_EQ(p.windows[0].state, State::kAchieved);
  EXPECT_EQ(p.windows[1].state, State::kBehind);
  EXPECT_EQ(p.windows[2].state, State::kOnTrack);  // none yet in February: 0 of an expected 0.09
  EXPECT_EQ(asked.back().second, D(2025, 2, 1));
  EXPECT_EQ(p.state, State::kBehind);  // 2024 was missed
  EXPECT_EQ(p.target, 3);
  EXPECT_EQ(p.actual, 1);
  EXPECT_NEAR(p.share, 1.0 / 3.0, 1e-12);
}

TEST(Progress, AFailingMeasureIsUnknownWithItsErrorAndOthersStillAnswer) {
  Target t = Once(1);
  t.cadence = "yearly";
  Measure m = [](Date from, Date) -> Result<Measured> {
    if (from.year() == 2024) return Error::Make(ErrorCode::kInvalidArgument, "field.unknown_province", {"99"});
    return Measured{1, ""};
  };
  Progress p = ComputeProgress(t, D(2023, 1, 1), D(2026, 1, 1), m);
  ASSERT_EQ(p.windows.size(), 3u);
  EXPECT_EQ(p.windows[1].state, State::kUnknown);
  ASSERT_TRUE(p.windows[1].error.has_value());
  EXPECT_EQ(p.windows[1].error->key, "field.unknown_province");
  EXPECT_EQ(p.windows[0].state, State::kAchieved);
  EXPECT_EQ(p.state, State::kUnknown);
}

}  // namespace
}  // namespace hoptac::programmes

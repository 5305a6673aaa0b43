// The petitions' model (src/petitions/petition.h): the workflow's moves, overdue, on time, the
// days to answer and their median, instants and days in Vietnam time.
#include "petitions/petition.h"

#include <gtest/gtest.h>

namespace hoptac::petitions {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }
// `day` at `hour` in Vietnam, in Unix epoch milliseconds.
int64_t At(Date day, int hour) { return (int64_t{day.days()} * 24 + hour - 7) * 3'600'000; }

TEST(PetitionModel, TheWorkflowAllowsOnlyItsMoves) {
  EXPECT_TRUE(MayMove("received", "assigned"));
  EXPECT_TRUE(MayMove("assigned", "assigned"));  // reassigned
  EXPECT_TRUE(MayMove("received", "answered"));  // the answerer takes it
  EXPECT_TRUE(MayMove("assigned", "answered"));
  EXPECT_TRUE(MayMove("answered", "closed"));
  EXPECT_TRUE(MayMove("answered", "reopened"));
  EXPECT_TRUE(MayMove("closed", "reopened"));
  EXPECT_FALSE(MayMove("received", "closed"));
  EXPECT_FALSE(MayMove("assigned", "closed"));
  EXPECT_FALSE(MayMove("answered", "assigned"));
  EXPECT_FALSE(MayMove("closed", "answered"));
  EXPECT_FALSE(MayMove("received", "reopened"));
  EXPECT_FALSE(MayMove("closed", "closed"));
  EXPECT_EQ(StatusAfter("reopened"), "assigned");
  EXPECT_EQ(StatusAfter("closed"), "closed");
}

TEST(PetitionModel, OverdueIsWaitingPastTheDueDate) {
  Petition p;
  p.raised_on = D(2026, 3, 1);
  p.status = "received";
  EXPECT_FALSE(Overdue(p, D(2027, 1, 1)));  // no due date
  p.status = "assigned";
  p.due_on = D(2026, 3, 31);
  EXPECT_FALSE(Overdue(p, D(2026, 3, 31)));  // due today: not yet
  EXPECT_TRUE(Overdue(p, D(2026, 4, 1)));
  EXPECT_EQ(DaysOverdue(p, D(2026, 4, 10)), 10);
  p.status = "received";  // received with a due date (reassigned back is not a thing, but data may say so)
  EXPECT_TRUE(Overdue(p, D(2026, 4, 1)));
  p.status = "answered";
  EXPECT_FALSE(Overdue(p, D(2026, 4, 1)));
  EXPECT_EQ(DaysOverdue(p, D(2026, 4, 10)), 0);
}

TEST(PetitionModel, OnTimeAndDaysToAnswerUseTheDayInVietnam) {
  Petition p;
  p.raised_on = D(2026, 3, 1);
  EXPECT_FALSE(OnTime(p));
  EXPECT_EQ(DaysToAnswer(p), std::nullopt);
  p.due_on = D(2026, 3, 31);
  // 23:30 on the due day in Vietnam is 16:30 UTC the same day: on time.
  p.answered_at_ms = At(D(2026, 3, 31), 23) + 30 * 60'000;
  EXPECT_TRUE(OnTime(p));
  EXPECT_EQ(DaysToAnswer(p), 30);
  // 00:30 the next day in Vietnam is still the due day in UTC: late.
  p.answered_at_ms = At(D(2026, 4, 1), 0) + 30 * 60'000;
  EXPECT_EQ(DayOf(p.answered_at_ms), D(2026, 4, 1));
  EXPECT_FALSE(OnTime(p));
  p.due_on.reset();
  EXPECT_TRUE(OnTime(p));
}

TEST(PetitionModel, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(Median({}), std::nullopt);
  EXPECT_EQ(Median({7}), 7.0);
  EXPECT_EQ(Median({20, 10}), 15.0);
  EXPECT_EQ(Median({5, 1, 9, 3, 7}), 5.0);
  EXPECT_EQ(Median({1, 2, 3, 4}), 2.5);
}

TEST(PetitionModel, InstantsAreWrittenInUtc) {
  EXPECT_EQ(InstantText(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(InstantText(At(D(2026, 12, 5), 16) + 30 * 60'000 + 5'000), "2026-12-05T09:30:05Z");
}

TEST(PetitionModel, ThemeCodesAreLowerCaseWords) {
  EXPECT_TRUE(ValidThemeCode("land"));
  EXPECT_TRUE(ValidThemeCode("digital_2"));
  EXPECT_FALSE(ValidThemeCode("x"));
  EXPECT_FALSE(ValidThemeCode("2d"));
  EXPECT_FALSE(ValidThemeCode("Đất"));
  EXPECT_FALSE(ValidThemeCode("bad code"));
  EXPECT_TRUE(OneOf(kBuiltinThemes, "human_resources"));
  EXPECT_EQ(std::size(kBuiltinThemes), 9u);
}

}  // namespace
}  // namespace hoptac::petitions

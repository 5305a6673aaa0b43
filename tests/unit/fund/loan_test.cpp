// The loan book's arithmetic (src/fund/loan.h): schedules checked against tables computed by
// hand. The reference loan is small enough to redo on paper: 12 000 000 đồng at 12 % a year over
// 6 months, disbursed on 15 January 2026, first due on 15 February 2026.
//
// Interest of a line = balance × 12 % × days / 365 (actual/365), rounded half up to the đồng.
// The periods of the reference loan: 15/1→15/2 31 days, →15/3 28, →15/4 31, →15/5 30,
// →15/6 31, →15/7 30.
#include "fund/loan.h"

#include <gtest/gtest.h>

#include <vector>

namespace hoptac::fund {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

// One expected line: from, due, principal, interest, balance after.
struct Row {
  Date from;
  Date due;
  Money principal;
  Money interest;
  Money balance;
};

void ExpectTable(const std::vector<ScheduleLine>& lines, const std::vector<Row>& rows, int first_number = 1) {
  ASSERT_EQ(lines.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(i + 1));
    EXPECT_EQ(lines[i].number, first_number + static_cast<int>(i));
    EXPECT_EQ(lines[i].from, rows[i].from);
    EXPECT_EQ(lines[i].due_on, rows[i].due);
    EXPECT_EQ(lines[i].principal_vnd, rows[i].principal);
    EXPECT_EQ(lines[i].interest_vnd, rows[i].interest);
    EXPECT_EQ(lines[i].balance_after_vnd, rows[i].balance);
  }
}

Terms Reference(Method method = Method::kEqualPrincipal) {
  Terms t;
  t.amount_vnd = 12'000'000;
  t.rate_e4 = 120'000;  // 12 %
  t.term_months = 6;
  t.grace_months = 0;
  t.method = method;
  t.frequency = Frequency::kMonthly;
  t.first_due_on = D(2026, 2, 15);
  return t;
}

// The reference loan, equal principal: 12 000 000 / 6 = 2 000 000 a line.
//   line 1: 12 000 000 × 0.12 × 31 / 365 = 122 301.37 → 122 301
//   line 2: 10 000 000 × 0.12 × 28 / 365 =  92 054.79 →  92 055
//   line 3:  8 000 000 × 0.12 × 31 / 365 =  81 534.25 →  81 534
//   line 4:  6 000 000 × 0.12 × 30 / 365 =  59 178.08 →  59 178
//   line 5:  4 000 000 × 0.12 × 31 / 365 =  40 767.12 →  40 767
//   line 6:  2 000 000 × 0.12 × 30 / 365 =  19 726.03 →  19 726
const std::vector<Row> kEqualPrincipal = {
    {D(2026, 1, 15), D(2026, 2, 15), 2'000'000, 122'301, 10'000'000},
    {D(2026, 2, 15), D(2026, 3, 15), 2'000'000, 92'055, 8'000'000},
    {D(2026, 3, 15), D(2026, 4, 15), 2'000'000, 81'534, 6'000'000},
    {D(2026, 4, 15), D(2026, 5, 15), 2'000'000, 59'178, 4'000'000},
    {D(2026, 5, 15), D(2026, 6, 15), 2'000'000, 40'767, 2'000'000},
    {D(2026, 6, 15), D(2026, 7, 15), 2'000'000, 19'726, 0},
};

TEST(FundLoanSchedule, EqualPrincipalMonthly) {
  auto plan = PlanSchedule(Reference(), D(2026, 1, 15));
  ASSERT_TRUE(plan.ok());
  ExpectTable(*plan, kEqualPrincipal);
  Money interest = 0;
  for (const auto& l : *plan) {
    interest += l.interest_vnd;
    EXPECT_EQ(l.version, 0);
    EXPECT_EQ(l.paid_vnd(), 0);
    EXPECT_FALSE(l.paid_on);
  }
  EXPECT_EQ(interest, 415'561);
  // Planned on the disbursement day: the first line is the current one.
  EXPECT_EQ((*plan)[0].state, LineState::kDue);
  EXPECT_EQ((*plan)[1].state, LineState::kFuture);
  EXPECT_EQ((*plan)[0].total_vnd(), 2'122'301);
}

// Equal instalment: the smallest A with which paying A a line (interest first) repays the
// 12 000 000 by line 6. A = 2 069 827:
//   line 1: interest 12 000 000 × 0.12 × 31/365 = 122 301; principal 2 069 827 − 122 301 = 1 947 526;
//           balance 10 052 474
//   line 2: 10 052 474 × 0.12 × 28/365 = 92 538.1 → 92 538; principal 1 977 289; balance 8 075 185
//   line 3:  8 075 185 × 0.12 × 31/365 = 82 300.6 → 82 301; principal 1 987 526; balance 6 087 659
//   line 4:  6 087 659 × 0.12 × 30/365 = 60 042.7 → 60 043; principal 2 009 784; balance 4 077 875
//   line 5:  4 077 875 × 0.12 × 31/365 = 41 560.9 → 41 561; principal 2 028 266; balance 2 049 609
//   line 6:  2 049 609 × 0.12 × 30/365 = 20 215.4 → 20 215; principal 2 049 609 (the rest):
//           total 2 069 824 ≤ A.
// With A − 1 = 2 069 826 every balance is one đồng higher per line paid and line 6 would need
// 2 069 829 > 2 069 826: A − 1 does not repay the loan.
TEST(FundLoanSchedule, EqualInstalmentMonthly) {
  auto plan = PlanSchedule(Reference(Method::kEqualInstalment), D(2026, 1, 15));
  ASSERT_TRUE(plan.ok());
  ExpectTable(*plan, {
                         {D(2026, 1, 15), D(2026, 2, 15), 1'947'526, 122'301, 10'052'474},
                         {D(2026, 2, 15), D(2026, 3, 15), 1'977'289, 92'538, 8'075'185},
                         {D(2026, 3, 15), D(2026, 4, 15), 1'987'526, 82'301, 6'087'659},
                         {D(2026, 4, 15), D(2026, 5, 15), 2'009'784, 60'043, 4'077'875},
                         {D(2026, 5, 15), D(2026, 6, 15), 2'028'266, 41'561, 2'049'609},
                         {D(2026, 6, 15), D(2026, 7, 15), 2'049'609, 20'215, 0},
                     });
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*plan)[i].total_vnd(), 2'069'827);
  EXPECT_EQ((*plan)[5].total_vnd(), 2'069'824);
}

}  // namespace
}  // namespace hoptac::fund

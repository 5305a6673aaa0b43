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

// Quarterly: 4 lines of 3 months, first due 15 April 2026; periods 15/1→15/4 90 days, →15/7 91,
// →15/10 92, →15/1/2027 92.
//   equal principal, 3 000 000 a line:
//     12 000 000 × 0.12 × 90/365 = 355 068.49 → 355 068;  9 000 000 × 0.12 × 91/365 = 269 260.27 → 269 260
//      6 000 000 × 0.12 × 92/365 = 181 479.45 → 181 479;  3 000 000 × 0.12 × 92/365 =  90 739.73 →  90 740
//   equal instalment, A = 3 227 406:
//     line 1: 355 068, principal 2 872 338, balance 9 127 662
//     line 2: 9 127 662 × 0.12 × 91/365 = 273 079.9 → 273 080, principal 2 954 326, balance 6 173 336
//     line 3: 6 173 336 × 0.12 × 92/365 = 186 722.4 → 186 722, principal 3 040 684, balance 3 132 652
//     line 4: 3 132 652 × 0.12 × 92/365 =  94 752.3 →  94 752, principal 3 132 652: total 3 227 404 ≤ A
//     (with A − 1 each balance is higher and line 4 would need 3 227 407 > A − 1).
TEST(FundLoanSchedule, Quarterly) {
  Terms t = Reference();
  t.term_months = 12;
  t.frequency = Frequency::kQuarterly;
  t.first_due_on = D(2026, 4, 15);
  auto ep = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_TRUE(ep.ok());
  ExpectTable(*ep, {
                       {D(2026, 1, 15), D(2026, 4, 15), 3'000'000, 355'068, 9'000'000},
                       {D(2026, 4, 15), D(2026, 7, 15), 3'000'000, 269'260, 6'000'000},
                       {D(2026, 7, 15), D(2026, 10, 15), 3'000'000, 181'479, 3'000'000},
                       {D(2026, 10, 15), D(2027, 1, 15), 3'000'000, 90'740, 0},
                   });
  t.method = Method::kEqualInstalment;
  auto ei = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_TRUE(ei.ok());
  ExpectTable(*ei, {
                       {D(2026, 1, 15), D(2026, 4, 15), 2'872'338, 355'068, 9'127'662},
                       {D(2026, 4, 15), D(2026, 7, 15), 2'954'326, 273'080, 6'173'336},
                       {D(2026, 7, 15), D(2026, 10, 15), 3'040'684, 186'722, 3'132'652},
                       {D(2026, 10, 15), D(2027, 1, 15), 3'132'652, 94'752, 0},
                   });
  EXPECT_EQ((*ei)[2].total_vnd(), 3'227'406);
  EXPECT_EQ((*ei)[3].total_vnd(), 3'227'404);
}

// Two months of grace: lines 1 and 2 carry interest only on the whole 12 000 000
// (12 000 000 × 0.12 × 28/365 = 110 465.75 → 110 466 for the 28 days of February); the principal
// is spread over lines 3–6.
//   equal principal: 3 000 000 a line; interest 122 301 (12 000 000, 31 d), 88 767 (9 000 000, 30 d:
//   88 767.12), 61 151 (6 000 000, 31 d: 61 150.68), 29 589 (3 000 000, 30 d: 29 589.04).
//   equal instalment over lines 3–6, A = 3 075 832: line 3 122 301 + 2 953 531 → 9 046 469;
//   line 4 9 046 469 × 0.12 × 30/365 = 89 224.8 → 89 225, principal 2 986 607 → 6 059 862;
//   line 5 6 059 862 × 0.12 × 31/365 = 61 761.1 → 61 761, principal 3 014 071 → 3 045 791;
//   line 6 3 045 791 × 0.12 × 30/365 = 30 041.2 → 30 041 + 3 045 791 = 3 075 832 = A.
TEST(FundLoanSchedule, GracePeriod) {
  Terms t = Reference();
  t.grace_months = 2;
  auto ep = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_TRUE(ep.ok());
  ExpectTable(*ep, {
                       {D(2026, 1, 15), D(2026, 2, 15), 0, 122'301, 12'000'000},
                       {D(2026, 2, 15), D(2026, 3, 15), 0, 110'466, 12'000'000},
                       {D(2026, 3, 15), D(2026, 4, 15), 3'000'000, 122'301, 9'000'000},
                       {D(2026, 4, 15), D(2026, 5, 15), 3'000'000, 88'767, 6'000'000},
                       {D(2026, 5, 15), D(2026, 6, 15), 3'000'000, 61'151, 3'000'000},
                       {D(2026, 6, 15), D(2026, 7, 15), 3'000'000, 29'589, 0},
                   });
  t.method = Method::kEqualInstalment;
  auto ei = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_TRUE(ei.ok());
  ExpectTable(*ei, {
                       {D(2026, 1, 15), D(2026, 2, 15), 0, 122'301, 12'000'000},
                       {D(2026, 2, 15), D(2026, 3, 15), 0, 110'466, 12'000'000},
                       {D(2026, 3, 15), D(2026, 4, 15), 2'953'531, 122'301, 9'046'469},
                       {D(2026, 4, 15), D(2026, 5, 15), 2'986'607, 89'225, 6'059'862},
                       {D(2026, 5, 15), D(2026, 6, 15), 3'014'071, 61'761, 3'045'791},
                       {D(2026, 6, 15), D(2026, 7, 15), 3'045'791, 30'041, 0},
                   });
  for (size_t i = 2; i < 6; ++i) EXPECT_EQ((*ei)[i].total_vnd(), 3'075'832);
}

// Two tranches of 6 000 000: on 15 January and on 1 March (inside line 2's period 15/2→15/3).
//   line 1: 6 000 000 / 6 = 1 000 000 principal; 6 000 000 × 0.12 × 31/365 = 61 150.68 → 61 151;
//           balance 5 000 000.
//   the tranche re-amortises lines 2–6: (5 000 000 + 6 000 000) / 5 = 2 200 000 a line.
//   line 2: 5 000 000 for the 14 days 15/2→1/3, then 11 000 000 for the 14 days 1/3→15/3:
//           (5 000 000 × 14 + 11 000 000 × 14) × 0.12 / 365 = 73 643.84 → 73 644; balance 8 800 000
//   line 3: 8 800 000 × 0.12 × 31/365 = 89 687.67 → 89 688;  line 4: 6 600 000 × 30 d → 65 095.89 → 65 096
//   line 5: 4 400 000 × 31 d → 44 843.84 → 44 844;            line 6: 2 200 000 × 30 d → 21 698.63 → 21 699
TEST(FundLoanEvents, TwoTranches) {
  const std::vector<Disbursement> tranches = {{D(2026, 3, 1), 6'000'000}, {D(2026, 1, 15), 6'000'000}};  // unsorted
  auto before = ComputeLoan(Reference(), tranches, {}, {}, D(2026, 2, 20));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->disbursed_vnd, 6'000'000);
  ASSERT_EQ(before->lines.size(), 6u);
  for (const auto& l : before->lines) EXPECT_EQ(l.principal_vnd, 1'000'000);
  EXPECT_EQ(before->lines[0].interest_vnd, 61'151);
  EXPECT_EQ(before->lines[1].interest_vnd, 46'027);  // 5 000 000 × 0.12 × 28/365 = 46 027.40
  auto st = ComputeLoan(Reference(), tranches, {}, {}, D(2026, 3, 1));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->disbursed_vnd, 12'000'000);
  EXPECT_EQ(st->outstanding_principal_vnd, 12'000'000);
  ExpectTable(st->lines, {
                             {D(2026, 1, 15), D(2026, 2, 15), 1'000'000, 61'151, 5'000'000},
                             {D(2026, 2, 15), D(2026, 3, 15), 2'200'000, 73'644, 8'800'000},
                             {D(2026, 3, 15), D(2026, 4, 15), 2'200'000, 89'688, 6'600'000},
                             {D(2026, 4, 15), D(2026, 5, 15), 2'200'000, 65'096, 4'400'000},
                             {D(2026, 5, 15), D(2026, 6, 15), 2'200'000, 44'844, 2'200'000},
                             {D(2026, 6, 15), D(2026, 7, 15), 2'200'000, 21'699, 0},
                         });
  // Line 1 fell due on 15/2 unpaid: overdue on 1/3 (14 days).
  EXPECT_EQ(st->lines[0].state, LineState::kOverdue);
  EXPECT_EQ(st->days_in_arrears, 14);
  // A third tranche would pass the approved 12 000 000.
  const std::vector<Disbursement> three = {tranches[0], tranches[1], {D(2026, 3, 2), 1}};
  auto above = ComputeLoan(Reference(), three, {}, {}, D(2026, 3, 2));
  ASSERT_FALSE(above.ok());
  EXPECT_EQ(above.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(above.error().fields.size(), 1u);
  EXPECT_EQ(above.error().fields[0].field, "amount_vnd");
  EXPECT_EQ(above.error().fields[0].key, "field.fund_disbursement_above_approved");
  EXPECT_EQ(above.error().fields[0].args, (std::vector<std::string>{"12000001", "12000000", "0"}));
}

// Early repayment on the reference loan: line 1 paid on its due date (2 122 301); on 10 March
// 6 092 055 is paid: line 2 (the current line, due 15/3) takes its interest 92 055 (not reduced)
// and principal 2 000 000, the 4 000 000 left repays principal in advance (allocation line 0).
// Lines 3–6 are recomputed on 8 000 000 − 4 000 000 = 4 000 000 from 15/3, same dates:
//   1 000 000 a line; interest 4 000 000 × 0.12 × 31/365 = 40 767.12 → 40 767,
//   3 000 000 × 30 d = 29 589.04 → 29 589, 2 000 000 × 31 d = 20 383.56 → 20 384,
//   1 000 000 × 30 d = 9 863.01 → 9 863. The last line still falls due on 15 July.
TEST(FundLoanEvents, EarlyRepaymentShrinksLaterLinesKeepingTheTerm) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  const std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'122'301}, {2, D(2026, 3, 10), 6'092'055}};
  auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 3, 10));
  ASSERT_TRUE(st.ok());
  ExpectTable(st->lines, {
                             {D(2026, 1, 15), D(2026, 2, 15), 2'000'000, 122'301, 10'000'000},
                             {D(2026, 2, 15), D(2026, 3, 15), 2'000'000, 92'055, 4'000'000},
                             {D(2026, 3, 15), D(2026, 4, 15), 1'000'000, 40'767, 3'000'000},
                             {D(2026, 4, 15), D(2026, 5, 15), 1'000'000, 29'589, 2'000'000},
                             {D(2026, 5, 15), D(2026, 6, 15), 1'000'000, 20'384, 1'000'000},
                             {D(2026, 6, 15), D(2026, 7, 15), 1'000'000, 9'863, 0},
                         });
  ASSERT_EQ(st->allocations.size(), 3u);
  EXPECT_EQ(st->allocations[0].repayment_id, 1);
  EXPECT_EQ(st->allocations[0].line, 1);
  EXPECT_EQ(st->allocations[0].interest_vnd, 122'301);
  EXPECT_EQ(st->allocations[0].principal_vnd, 2'000'000);
  EXPECT_EQ(st->allocations[1].repayment_id, 2);
  EXPECT_EQ(st->allocations[1].line, 2);
  EXPECT_EQ(st->allocations[1].interest_vnd, 92'055);
  EXPECT_EQ(st->allocations[1].principal_vnd, 2'000'000);
  EXPECT_EQ(st->allocations[2].repayment_id, 2);
  EXPECT_EQ(st->allocations[2].line, 0);
  EXPECT_EQ(st->allocations[2].interest_vnd, 0);
  EXPECT_EQ(st->allocations[2].principal_vnd, 4'000'000);
  EXPECT_EQ(st->principal_repaid_vnd, 8'000'000);
  EXPECT_EQ(st->interest_repaid_vnd, 214'356);
  EXPECT_EQ(st->outstanding_principal_vnd, 4'000'000);
  EXPECT_EQ(st->to_close_vnd, 4'000'000);  // line 2 is paid: nothing but the principal
  EXPECT_EQ(st->lines[1].paid_on, D(2026, 3, 10));
  EXPECT_EQ(st->lines[1].state, LineState::kPaid);
  EXPECT_EQ(st->lines[2].state, LineState::kFuture);
  EXPECT_FALSE(st->repaid_on);
}

// The same with equal instalments: line 1 paid (2 069 827); on 10 March line 2's 2 069 827 and
// 4 000 000 more. Lines 3–6 are re-amortised on 8 075 185 − 4 000 000 = 4 075 185 from 15/3 with
// a new instalment A = 1 044 549:
//   line 3: 4 075 185 × 0.12 × 31/365 = 41 533.4 → 41 533, principal 1 003 016 → 3 072 169
//   line 4: 3 072 169 × 0.12 × 30/365 = 30 300.8 → 30 301, principal 1 014 248 → 2 057 921
//   line 5: 2 057 921 × 0.12 × 31/365 = 20 973.9 → 20 974, principal 1 023 575 → 1 034 346
//   line 6: 1 034 346 × 0.12 × 30/365 = 10 201.8 → 10 202 + 1 034 346 = 1 044 548 ≤ A
//   (A − 1 would leave 1 044 551 for line 6).
TEST(FundLoanEvents, EarlyRepaymentWithEqualInstalments) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  const std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'069'827}, {2, D(2026, 3, 10), 6'069'827}};
  auto st = ComputeLoan(Reference(Method::kEqualInstalment), d, r, {}, D(2026, 3, 10));
  ASSERT_TRUE(st.ok());
  ExpectTable(st->lines, {
                             {D(2026, 1, 15), D(2026, 2, 15), 1'947'526, 122'301, 10'052'474},
                             {D(2026, 2, 15), D(2026, 3, 15), 1'977'289, 92'538, 4'075'185},
                             {D(2026, 3, 15), D(2026, 4, 15), 1'003'016, 41'533, 3'072'169},
                             {D(2026, 4, 15), D(2026, 5, 15), 1'014'248, 30'301, 2'057'921},
                             {D(2026, 5, 15), D(2026, 6, 15), 1'023'575, 20'974, 1'034'346},
                             {D(2026, 6, 15), D(2026, 7, 15), 1'034'346, 10'202, 0},
                         });
  ASSERT_EQ(st->allocations.size(), 3u);
  EXPECT_EQ(st->allocations[2].line, 0);
  EXPECT_EQ(st->allocations[2].principal_vnd, 4'000'000);
}

// Equal instalments with two tranches of 6 000 000 (15/1 and 1/3). Before the second, A for
// 6 000 000 is 1 034 914: line 1 = 61 151 interest + 973 763 principal → 5 026 237.
// The tranche re-amortises lines 2–6 on 11 026 237; line 2's interest counts 14 days on
// 5 026 237 and 14 on 11 026 237: 16 052 474 × 14 × 0.12 / 365 = 73 885.4 → 73 885.
// The new A = 2 264 692:
//   line 2: principal 2 264 692 − 73 885 = 2 190 807 → 8 835 430
//   line 3: 8 835 430 × 0.12 × 31/365 = 90 048.8 → 90 049, principal 2 174 643 → 6 660 787
//   line 4: 6 660 787 × 0.12 × 30/365 = 65 695.2 → 65 695, principal 2 198 997 → 4 461 790
//   line 5: 4 461 790 × 0.12 × 31/365 = 45 473.7 → 45 474, principal 2 219 218 → 2 242 572
//   line 6: 2 242 572 × 0.12 × 30/365 = 22 118.8 → 22 119 + 2 242 572 = 2 264 691 ≤ A
//   (A − 1 would leave 2 264 695 for line 6).
TEST(FundLoanEvents, TwoTranchesWithEqualInstalments) {
  const std::vector<Disbursement> tranches = {{D(2026, 1, 15), 6'000'000}, {D(2026, 3, 1), 6'000'000}};
  auto st = ComputeLoan(Reference(Method::kEqualInstalment), tranches, {}, {}, D(2026, 3, 1));
  ASSERT_TRUE(st.ok());
  ExpectTable(st->lines, {
                             {D(2026, 1, 15), D(2026, 2, 15), 973'763, 61'151, 5'026'237},
                             {D(2026, 2, 15), D(2026, 3, 15), 2'190'807, 73'885, 8'835'430},
                             {D(2026, 3, 15), D(2026, 4, 15), 2'174'643, 90'049, 6'660'787},
                             {D(2026, 4, 15), D(2026, 5, 15), 2'198'997, 65'695, 4'461'790},
                             {D(2026, 5, 15), D(2026, 6, 15), 2'219'218, 45'474, 2'242'572},
                             {D(2026, 6, 15), D(2026, 7, 15), 2'242'572, 22'119, 0},
                         });
}

// Late repayment on the reference loan: line 1 paid on time; lines 2 (due 15/3, 2 092 055) and 3
// (due 15/4, 2 081 534) missed.
TEST(FundLoanEvents, LateRepaymentPaysOverdueInterestThenPrincipalThenCurrent) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  const Repayment on_time{1, D(2026, 2, 15), 2'122'301};
  const Repayment late{2, D(2026, 4, 29), 3'000'000};
  const Repayment more{3, D(2026, 5, 10), 1'732'767};
  const std::vector<Repayment> r = {more, late, on_time};  // unsorted
  {
    // On its due date line 2 is due, not overdue.
    auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 3, 15));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->lines[0].state, LineState::kPaid);
    EXPECT_EQ(st->lines[0].paid_on, D(2026, 2, 15));
    EXPECT_EQ(st->lines[1].state, LineState::kDue);
    EXPECT_EQ(st->lines[2].state, LineState::kFuture);
    EXPECT_EQ(st->days_in_arrears, 0);
    EXPECT_EQ(st->overdue_principal_vnd, 0);
  }
  {
    auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 3, 16));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->lines[1].state, LineState::kOverdue);
    EXPECT_EQ(st->lines[2].state, LineState::kDue);
    EXPECT_EQ(st->days_in_arrears, 1);
    EXPECT_EQ(st->overdue_principal_vnd, 2'000'000);
    EXPECT_EQ(st->overdue_interest_vnd, 92'055);
    EXPECT_EQ(st->oldest_overdue_due_on, D(2026, 3, 15));
  }
  {
    // 29 April, before the late repayment counts (only the first): 45 days after 15 March
    // (16 days of March + 29 of April). Overdue: 2 000 000 + 2 000 000 principal,
    // 92 055 + 81 534 = 173 589 interest. To close: 10 000 000 + 173 589 + line 4's interest 59 178.
    const std::vector<Repayment> first = {on_time};
    auto st = ComputeLoan(Reference(), d, first, {}, D(2026, 4, 29));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->days_in_arrears, 45);
    EXPECT_EQ(st->lines[1].state, LineState::kOverdue);
    EXPECT_EQ(st->lines[2].state, LineState::kOverdue);
    EXPECT_EQ(st->lines[3].state, LineState::kDue);
    EXPECT_EQ(st->overdue_principal_vnd, 4'000'000);
    EXPECT_EQ(st->overdue_interest_vnd, 173'589);
    EXPECT_EQ(st->to_close_vnd, 10'232'767);
  }
  {
    // 3 000 000 on 29 April: overdue interest oldest first (line 2 92 055, line 3 81 534), then
    // overdue principal oldest first (line 2 2 000 000, line 3 the remaining 826 411). No
    // penalty interest. Line 3 still owes 1 173 589 principal: 14 days in arrears (since 15/4).
    auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 4, 29));
    ASSERT_TRUE(st.ok());
    ASSERT_EQ(st->allocations.size(), 3u);
    EXPECT_EQ(st->allocations[1].line, 2);
    EXPECT_EQ(st->allocations[1].interest_vnd, 92'055);
    EXPECT_EQ(st->allocations[1].principal_vnd, 2'000'000);
    EXPECT_EQ(st->allocations[2].line, 3);
    EXPECT_EQ(st->allocations[2].interest_vnd, 81'534);
    EXPECT_EQ(st->allocations[2].principal_vnd, 826'411);
    EXPECT_EQ(st->lines[1].state, LineState::kPaid);
    EXPECT_EQ(st->lines[1].paid_on, D(2026, 4, 29));
    EXPECT_EQ(st->lines[2].state, LineState::kOverdue);
    EXPECT_EQ(st->lines[2].paid_vnd(), 907'945);
    EXPECT_FALSE(st->lines[2].paid_on);
    EXPECT_EQ(st->days_in_arrears, 14);
    EXPECT_EQ(st->overdue_principal_vnd, 1'173'589);
    EXPECT_EQ(st->overdue_interest_vnd, 0);
    EXPECT_EQ(st->oldest_overdue_due_on, D(2026, 4, 15));
  }
  {
    // 1 732 767 on 10 May: line 3's principal 1 173 589, then the current line 4 (due 15/5):
    // its interest 59 178 and 500 000 of its 2 000 000 principal: partly paid, not yet due.
    auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 5, 10));
    ASSERT_TRUE(st.ok());
    ASSERT_EQ(st->allocations.size(), 5u);
    EXPECT_EQ(st->allocations[3].line, 3);
    EXPECT_EQ(st->allocations[3].interest_vnd, 0);
    EXPECT_EQ(st->allocations[3].principal_vnd, 1'173'589);
    EXPECT_EQ(st->allocations[4].line, 4);
    EXPECT_EQ(st->allocations[4].interest_vnd, 59'178);
    EXPECT_EQ(st->allocations[4].principal_vnd, 500'000);
    EXPECT_EQ(st->lines[2].state, LineState::kPaid);
    EXPECT_EQ(st->lines[2].paid_on, D(2026, 5, 10));
    EXPECT_EQ(st->lines[3].state, LineState::kPartlyPaid);
    EXPECT_EQ(st->lines[4].state, LineState::kFuture);
    EXPECT_EQ(st->days_in_arrears, 0);
    EXPECT_EQ(st->principal_repaid_vnd, 6'500'000);
    EXPECT_EQ(st->outstanding_principal_vnd, 5'500'000);
    EXPECT_EQ(st->to_close_vnd, 5'500'000);
    // The history of arrears from the lines' paid_on dates (what the portfolio keeps):
    // on 20 April line 2 (due 15/3) was still unpaid: 36 days; on 1 May line 2 was paid (29/4)
    // and line 3 (due 15/4) not yet: 16 days; on 12 May nothing due before was unpaid.
    EXPECT_EQ(DaysInArrears(st->lines, D(2026, 4, 20)), 36);
    EXPECT_EQ(DaysInArrears(st->lines, D(2026, 5, 1)), 16);
    EXPECT_EQ(DaysInArrears(st->lines, D(2026, 5, 12)), 0);
    // On 16 May line 4 (due 15/5) is overdue for its 1 500 000 left.
    auto later = ComputeLoan(Reference(), d, r, {}, D(2026, 5, 16));
    ASSERT_TRUE(later.ok());
    EXPECT_EQ(later->lines[3].state, LineState::kOverdue);
    EXPECT_EQ(later->overdue_principal_vnd, 1'500'000);
    EXPECT_EQ(later->days_in_arrears, 1);
  }
}

// Rescheduling on 1 April 2026: line 1 was paid, line 2 (due 15/3) is overdue. The new terms:
// 6 %, 6 monthly lines, equal principal, first due 1 May 2026.
//   lines due on or before 1/4 stay (1 paid, 2 overdue, version 0);
//   the balance scheduled after line 2, 8 000 000, is scheduled again from 1/4 (version 1):
//   8 000 000 / 6 = 1 333 333.33 → 1 333 333 a line, the last 8 000 000 − 5 × 1 333 333 = 1 333 335.
//   new line 1 (number 3): the interest accrued under the old terms from 15/3 to 1/4,
//     8 000 000 × 0.12 × 17/365 = 44 712.33, plus 8 000 000 × 0.06 × 30/365 = 39 452.05, rounded
//     once: 84 164.38 → 84 164;
//   then at 6 %: 6 666 667 × 31 d → 33 972.60 → 33 973; 5 333 334 × 30 d → 26 301.37 → 26 301;
//   4 000 001 × 31 d → 20 383.57 → 20 384; 2 666 668 × 31 d → 13 589.05 → 13 589;
//   1 333 335 × 30 d → 6 575.35 → 6 575.
TEST(FundLoanEvents, ReschedulingKeepsOldLinesAndAddsAccruedInterest) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  const std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'122'301}};
  Terms next = Reference();
  next.amount_vnd = 0;  // ignored
  next.rate_e4 = 60'000;
  next.first_due_on = D(2026, 5, 1);
  const std::vector<Rescheduling> rs = {{D(2026, 4, 1), next}};
  auto before = ComputeLoan(Reference(), d, r, rs, D(2026, 3, 31));
  ASSERT_TRUE(before.ok());
  ExpectTable(before->lines, kEqualPrincipal);  // not yet rescheduled
  auto st = ComputeLoan(Reference(), d, r, rs, D(2026, 4, 1));
  ASSERT_TRUE(st.ok());
  ExpectTable(st->lines, {
                             {D(2026, 1, 15), D(2026, 2, 15), 2'000'000, 122'301, 10'000'000},
                             {D(2026, 2, 15), D(2026, 3, 15), 2'000'000, 92'055, 8'000'000},
                             {D(2026, 4, 1), D(2026, 5, 1), 1'333'333, 84'164, 6'666'667},
                             {D(2026, 5, 1), D(2026, 6, 1), 1'333'333, 33'973, 5'333'334},
                             {D(2026, 6, 1), D(2026, 7, 1), 1'333'333, 26'301, 4'000'001},
                             {D(2026, 7, 1), D(2026, 8, 1), 1'333'333, 20'384, 2'666'668},
                             {D(2026, 8, 1), D(2026, 9, 1), 1'333'333, 13'589, 1'333'335},
                             {D(2026, 9, 1), D(2026, 10, 1), 1'333'335, 6'575, 0},
                         });
  const std::vector<int> versions = {0, 0, 1, 1, 1, 1, 1, 1};
  Money principal = 0;
  for (size_t i = 0; i < st->lines.size(); ++i) {
    EXPECT_EQ(st->lines[i].version, versions[i]);
    principal += st->lines[i].principal_vnd;
  }
  EXPECT_EQ(principal, 12'000'000);
  EXPECT_EQ(st->lines[0].state, LineState::kPaid);
  EXPECT_EQ(st->lines[1].state, LineState::kOverdue);  // stays overdue
  EXPECT_EQ(st->lines[2].state, LineState::kDue);
  EXPECT_EQ(st->days_in_arrears, 17);  // since 15/3
  // To close: 10 000 000 principal, line 2's 92 055 and line 3's 84 164 interest.
  EXPECT_EQ(st->to_close_vnd, 10'176'219);
  // A repayment after rescheduling goes to line 2 first (overdue), then the new line 3.
  std::vector<Repayment> more = r;
  more.push_back({2, D(2026, 4, 20), 2'200'000});
  auto paid = ComputeLoan(Reference(), d, more, rs, D(2026, 4, 20));
  ASSERT_TRUE(paid.ok());
  ASSERT_EQ(paid->allocations.size(), 3u);
  EXPECT_EQ(paid->allocations[1].line, 2);
  EXPECT_EQ(paid->allocations[1].interest_vnd, 92'055);
  EXPECT_EQ(paid->allocations[1].principal_vnd, 2'000'000);
  EXPECT_EQ(paid->allocations[2].line, 3);
  EXPECT_EQ(paid->allocations[2].interest_vnd, 84'164);
  EXPECT_EQ(paid->allocations[2].principal_vnd, 23'781);  // 2 200 000 − 2 092 055 − 84 164
  EXPECT_EQ(paid->lines[2].state, LineState::kPartlyPaid);
  EXPECT_EQ(paid->days_in_arrears, 0);
}

// A second rescheduling on 15 June (6 %, 3 monthly lines from 15 July), version 1's lines due
// 1/5 and 1/6 stay; the balance after them, 5 333 334, is scheduled again:
//   5 333 334 / 3 = 1 777 778 (1 777 777.33 rounded) a line, the last 5 333 334 − 2 × 1 777 778
//   = 1 777 778; the first line's interest: 14 days accrued at 6 % (1/6→15/6) and its own 30 days
//   at 6 %: 5 333 334 × 0.06 × 44/365 = 38 575.35 → 38 575.
TEST(FundLoanEvents, SecondReschedulingNumbersVersionsInOrder) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  const std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'122'301}};
  Terms first = Reference();
  first.rate_e4 = 60'000;
  first.first_due_on = D(2026, 5, 1);
  Terms second = first;
  second.term_months = 3;
  second.first_due_on = D(2026, 7, 15);
  const std::vector<Rescheduling> rs = {{D(2026, 6, 15), second}, {D(2026, 4, 1), first}};  // unsorted
  auto st = ComputeLoan(Reference(), d, r, rs, D(2026, 6, 15));
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->lines.size(), 7u);
  const std::vector<int> versions = {0, 0, 1, 1, 2, 2, 2};
  Money principal = 0;
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(st->lines[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(st->lines[i].version, versions[i]);
    principal += st->lines[i].principal_vnd;
  }
  EXPECT_EQ(principal, 12'000'000);
  EXPECT_EQ(st->lines[3].due_on, D(2026, 6, 1));
  EXPECT_EQ(st->lines[3].balance_after_vnd, 5'333'334);
  EXPECT_EQ(st->lines[4].from, D(2026, 6, 15));
  EXPECT_EQ(st->lines[4].due_on, D(2026, 7, 15));
  EXPECT_EQ(st->lines[4].interest_vnd, 38'575);
  for (size_t i = 4; i < 7; ++i) EXPECT_EQ(st->lines[i].principal_vnd, 1'777'778);
  EXPECT_EQ(st->lines[6].due_on, D(2026, 9, 15));
  // Lines 2 (due 15/3), 3 (1/5) and 4 (1/6) are unpaid: arrears count from the oldest.
  EXPECT_EQ(st->days_in_arrears, 92);  // 15/3 → 15/6
  EXPECT_EQ(st->overdue_principal_vnd, 2'000'000 + 1'333'333 + 1'333'333);
}

TEST(FundLoanEvents, ReschedulingErrors) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  Terms next = Reference();
  next.rate_e4 = 60'000;
  next.first_due_on = D(2026, 5, 1);
  auto field_of = [&](const std::vector<Repayment>& r, const Rescheduling& rs) -> FieldError {
    auto st = ComputeLoan(Reference(), d, r, std::vector<Rescheduling>{rs}, D(2026, 12, 31));
    if (st.ok() || st.error().fields.empty()) return {};
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    return st.error().fields[0];
  };
  // Before the first disbursement.
  EXPECT_EQ(field_of({}, {D(2026, 1, 10), next}).key, "field.fund_reschedule_before_disbursement");
  // The new first due date must come after R.
  FieldError e = field_of({}, {D(2026, 5, 1), next});
  EXPECT_EQ(e.field, "first_due_on");
  EXPECT_EQ(e.key, "field.fund_reschedule_first_due");
  // Bad terms: a rate above 100 %.
  Terms bad = next;
  bad.rate_e4 = 1'000'001;
  EXPECT_EQ(field_of({}, {D(2026, 4, 1), bad}).field, "rate_percent_year");
  // Every line fell due by R: nothing left to reschedule (the overdue lines stay as they are).
  Terms late = next;
  late.first_due_on = D(2026, 9, 1);
  e = field_of({}, {D(2026, 8, 1), late});
  EXPECT_EQ(e.field, "on");
  EXPECT_EQ(e.key, "field.fund_reschedule_nothing_left");
  EXPECT_EQ(e.args, (std::vector<std::string>{"2026-08-01", "2026-07-15"}));
  // Line 2 (due 15/3) paid ahead on 1/3: reschedule on or after 15/3.
  const std::vector<Repayment> ahead = {{1, D(2026, 2, 15), 2'122'301}, {2, D(2026, 3, 1), 100'000}};
  e = field_of(ahead, {D(2026, 3, 10), next});
  EXPECT_EQ(e.key, "field.fund_reschedule_paid_ahead");
  EXPECT_EQ(e.args[0], "2026-03-15");
  EXPECT_TRUE(
      ComputeLoan(Reference(), d, ahead, std::vector<Rescheduling>{{D(2026, 3, 15), next}}, D(2026, 12, 31)).ok());
  // After the loan was repaid in full (10 092 055 on 10/3, see the next test).
  const std::vector<Repayment> closed = {{1, D(2026, 2, 15), 2'122'301}, {2, D(2026, 3, 10), 10'092'055}};
  e = field_of(closed, {D(2026, 4, 1), next});
  EXPECT_EQ(e.key, "field.fund_reschedule_after_repaid");
  EXPECT_EQ(e.args, (std::vector<std::string>{"2026-04-01", "2026-03-10"}));
}

// On 10 March, with line 1 paid: what closes the loan is the outstanding 10 000 000 plus the
// current line's (line 2, due 15/3) interest 92 055 = 10 092 055. One đồng more is refused,
// naming that amount; exactly that repays the loan.
TEST(FundLoanEvents, RepaymentAboveToCloseIsRefused) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'122'301}};
  auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 3, 10));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->to_close_vnd, 10'092'055);
  r.push_back({2, D(2026, 3, 10), 10'092'056});
  auto refused = ComputeLoan(Reference(), d, r, {}, D(2026, 3, 10));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "amount_vnd");
  EXPECT_EQ(refused.error().fields[0].key, "field.fund_repayment_above_to_close");
  EXPECT_EQ(refused.error().fields[0].args, (std::vector<std::string>{"10092055", "2026-03-10", "10092056"}));
  // A repayment dated after as_of is ignored, so the same loan on 9 March is fine.
  EXPECT_TRUE(ComputeLoan(Reference(), d, r, {}, D(2026, 3, 9)).ok());
}

TEST(FundLoanEvents, FullRepaymentSetsRepaidOn) {
  const std::vector<Disbursement> d = {{D(2026, 1, 15), 12'000'000}};
  std::vector<Repayment> r = {{1, D(2026, 2, 15), 2'122'301}, {2, D(2026, 3, 10), 10'092'055}};
  auto st = ComputeLoan(Reference(), d, r, {}, D(2026, 12, 31));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->repaid_on, D(2026, 3, 10));
  EXPECT_EQ(st->outstanding_principal_vnd, 0);
  EXPECT_EQ(st->principal_repaid_vnd, 12'000'000);
  EXPECT_EQ(st->interest_repaid_vnd, 214'356);  // 122 301 + 92 055
  EXPECT_EQ(st->to_close_vnd, 0);
  EXPECT_EQ(st->days_in_arrears, 0);
  ASSERT_EQ(st->allocations.size(), 3u);
  EXPECT_EQ(st->allocations[1].line, 2);
  EXPECT_EQ(st->allocations[1].principal_vnd, 2'000'000);
  EXPECT_EQ(st->allocations[2].line, 0);
  EXPECT_EQ(st->allocations[2].principal_vnd, 8'000'000);
  ASSERT_EQ(st->lines.size(), 6u);  // the term does not change: lines 3–6 are left with nothing
  for (size_t i = 2; i < 6; ++i) {
    EXPECT_EQ(st->lines[i].total_vnd(), 0);
    EXPECT_EQ(st->lines[i].state, LineState::kPaid);
    EXPECT_EQ(st->lines[i].paid_on, D(2026, 3, 10));
  }
  // Nothing more can be paid.
  r.push_back({3, D(2026, 4, 1), 1});
  auto more = ComputeLoan(Reference(), d, r, {}, D(2026, 12, 31));
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.error().fields[0].args[0], "0");
}

// 10^15 đồng over 600 months (50 years): no overflow, and the principal sums exactly.
//   equal principal: 10^15 / 600 = 1 666 666 666 666.67 → 1 666 666 666 667 for lines 1–599,
//   the last 10^15 − 599 × 1 666 666 666 667 = 1 666 666 666 467;
//   line 1's interest 10^15 × 0.12 × 31/365 = 10 191 780 821 917.8 → 10 191 780 821 918.
TEST(FundLoanSchedule, HugeAmountOverFiftyYears) {
  Terms t = Reference();
  t.amount_vnd = 1'000'000'000'000'000;
  t.term_months = 600;
  auto ep = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_TRUE(ep.ok());
  ASSERT_EQ(ep->size(), 600u);
  EXPECT_EQ((*ep)[0].interest_vnd, 10'191'780'821'918);
  Money sum = 0;
  for (size_t i = 0; i < 599; ++i) EXPECT_EQ((*ep)[i].principal_vnd, 1'666'666'666'667);
  for (const auto& l : *ep) sum += l.principal_vnd;
  EXPECT_EQ((*ep)[599].principal_vnd, 1'666'666'666'467);
  EXPECT_EQ((*ep)[599].due_on, D(2076, 1, 15));
  EXPECT_EQ((*ep)[599].balance_after_vnd, 0);
  EXPECT_EQ(sum, t.amount_vnd);
  // At 0 % and 7.25 % every line but the last is the instalment A.
  for (int64_t rate : {0, 72'500}) {
    SCOPED_TRACE(rate);
    t.method = Method::kEqualInstalment;
    t.rate_e4 = rate;
    auto ei = PlanSchedule(t, D(2026, 1, 15));
    ASSERT_TRUE(ei.ok());
    const Money a = (*ei)[0].total_vnd();
    Money balance = t.amount_vnd;
    sum = 0;
    for (size_t i = 0; i < 600; ++i) {
      const auto& l = (*ei)[i];
      EXPECT_GE(l.principal_vnd, 0);
      EXPECT_GE(l.interest_vnd, 0);
      balance -= l.principal_vnd;
      EXPECT_EQ(l.balance_after_vnd, balance);
      if (i < 599) {
        EXPECT_EQ(l.total_vnd(), a);
      }
      sum += l.principal_vnd;
    }
    EXPECT_LE((*ei)[599].total_vnd(), a);
    EXPECT_EQ(sum, t.amount_vnd);
    if (rate == 0) {
      EXPECT_EQ(a, 1'666'666'666'667);  // no interest: ⌈10^15 / 600⌉
    }
    // Paid to the đồng on every due date, the loan is repaid on the last one.
    std::vector<Repayment> r;
    for (size_t i = 0; i < 600; ++i) r.push_back({static_cast<int64_t>(i + 1), (*ei)[i].due_on, (*ei)[i].total_vnd()});
    const std::vector<Disbursement> d = {{D(2026, 1, 15), t.amount_vnd}};
    auto st = ComputeLoan(t, d, r, {}, D(2076, 12, 31));
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->repaid_on, D(2076, 1, 15));
    EXPECT_EQ(st->principal_repaid_vnd, t.amount_vnd);
    EXPECT_EQ(st->days_in_arrears, 0);
  }
  // Over 50 years at 12 % or more, A is hardly more than a month's interest, and a 31-day
  // month's interest exceeds it (at 12 %: A ≈ 1.003 % of the balance, 31 days' interest 1.019 %):
  // those lines repay no principal (never a negative one) and cost more than A; the others make up
  // for it.
  for (int64_t rate : {120'000, 1'000'000}) {
    SCOPED_TRACE(rate);
    t.rate_e4 = rate;
    auto steep = PlanSchedule(t, D(2026, 1, 15));
    ASSERT_TRUE(steep.ok());
    sum = 0;
    for (const auto& l : *steep) {
      EXPECT_GE(l.principal_vnd, 0);
      sum += l.principal_vnd;
    }
    EXPECT_EQ(sum, t.amount_vnd);
    EXPECT_EQ((*steep)[0].principal_vnd, 0);  // January: 31 days
    EXPECT_GT((*steep)[1].principal_vnd, 0);  // February: 28 days
    EXPECT_EQ((*steep)[599].balance_after_vnd, 0);
  }
}

// Due dates always count from first_due_on and clamp the day to the month's end.
TEST(FundLoanSchedule, DueDatesClampToTheMonthsEnd) {
  Terms t = Reference();
  t.term_months = 4;
  t.first_due_on = D(2024, 1, 31);  // 2024 is a leap year
  auto leap = PlanSchedule(t, D(2023, 12, 31));
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ((*leap)[0].due_on, D(2024, 1, 31));
  EXPECT_EQ((*leap)[1].due_on, D(2024, 2, 29));
  EXPECT_EQ((*leap)[2].due_on, D(2024, 3, 31));  // not 29 March
  EXPECT_EQ((*leap)[3].due_on, D(2024, 4, 30));
  t.first_due_on = D(2026, 1, 31);
  auto plain = PlanSchedule(t, D(2025, 12, 31));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)[1].due_on, D(2026, 2, 28));
  EXPECT_EQ((*plain)[2].due_on, D(2026, 3, 31));
  EXPECT_EQ((*plain)[2].from, D(2026, 2, 28));
  // 3 000 000 a line; line 3 runs 28/2→31/3, 31 days: 6 000 000 × 0.12 × 31/365 = 61 150.68 → 61 151.
  EXPECT_EQ((*plain)[2].interest_vnd, 61'151);
  t.term_months = 12;
  t.frequency = Frequency::kQuarterly;
  t.first_due_on = D(2025, 11, 30);
  auto quarters = PlanSchedule(t, D(2025, 10, 1));
  ASSERT_TRUE(quarters.ok());
  EXPECT_EQ((*quarters)[1].due_on, D(2026, 2, 28));
  EXPECT_EQ((*quarters)[2].due_on, D(2026, 5, 30));
  EXPECT_EQ((*quarters)[3].due_on, D(2026, 8, 30));
}

TEST(FundLoanRate, ParseAndFormat) {
  EXPECT_EQ(ParseRatePercent("7"), 70'000);
  EXPECT_EQ(ParseRatePercent("7.25"), 72'500);
  EXPECT_EQ(ParseRatePercent("0.0001"), 1);
  EXPECT_EQ(ParseRatePercent("0"), 0);
  EXPECT_EQ(ParseRatePercent("100"), 1'000'000);
  EXPECT_EQ(ParseRatePercent("100.0000"), 1'000'000);
  EXPECT_EQ(ParseRatePercent("07.5"), 75'000);
  for (const char* bad : {"7.12345", "-1", "101", "100.0001", "abc", "", "7.", ".5", "7,25", " 7", "7 ", "+7", "1e2",
                          "7.2.5", "99999999999999999999999"}) {
    EXPECT_EQ(ParseRatePercent(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(FormatRatePercent(72'500), "7.25");
  EXPECT_EQ(FormatRatePercent(70'000), "7");
  EXPECT_EQ(FormatRatePercent(1), "0.0001");
  EXPECT_EQ(FormatRatePercent(0), "0");
  EXPECT_EQ(FormatRatePercent(70'500), "7.05");
  EXPECT_EQ(FormatRatePercent(1'000'000), "100");
  EXPECT_EQ(MethodName(Method::kEqualInstalment), std::string("equal_instalment"));
  EXPECT_EQ(ParseMethod("equal_principal"), Method::kEqualPrincipal);
  EXPECT_EQ(ParseMethod("annuity"), std::nullopt);
  EXPECT_EQ(ParseFrequency("quarterly"), Frequency::kQuarterly);
  EXPECT_EQ(ParseFrequency("yearly"), std::nullopt);
  EXPECT_EQ(MonthsPerLine(Frequency::kQuarterly), 3);
  EXPECT_EQ(LineStateName(LineState::kPartlyPaid), std::string("partly_paid"));
}

TEST(FundLoanTerms, CheckTermsNamesEveryBadField) {
  EXPECT_TRUE(CheckTerms(Reference()).empty());
  Terms t = Reference();
  t.amount_vnd = 1'000'000'000'000'000;
  t.term_months = 600;
  t.grace_months = 597;
  EXPECT_TRUE(CheckTerms(t).empty());  // the largest allowed
  t.amount_vnd = 1'000'000'000'000'001;
  t.rate_e4 = 1'000'001;
  t.term_months = 601;
  t.grace_months = -1;
  t.first_due_on = Date();  // 1970-01-01: not set
  auto errors = CheckTerms(t);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].field, "amount_vnd");
  EXPECT_EQ(errors[0].key, "field.fund_amount");
  EXPECT_EQ(errors[1].field, "rate_percent_year");
  EXPECT_EQ(errors[1].key, "field.fund_rate_percent");
  EXPECT_EQ(errors[2].field, "term_months");
  EXPECT_EQ(errors[2].key, "field.fund_term_months");
  EXPECT_EQ(errors[3].field, "grace_months");
  EXPECT_EQ(errors[3].key, "field.fund_grace_months");
  EXPECT_EQ(errors[4].field, "first_due_on");
  EXPECT_EQ(errors[4].key, "field.fund_first_due_on");
  // Quarterly: the term and the grace are whole quarters; the grace is shorter than the term.
  t = Reference();
  t.frequency = Frequency::kQuarterly;
  t.term_months = 10;
  errors = CheckTerms(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "term_months");
  EXPECT_EQ(errors[0].args, (std::vector<std::string>{"3", "600"}));
  t.term_months = 12;
  t.grace_months = 12;
  errors = CheckTerms(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "grace_months");
  t.grace_months = 1;
  ASSERT_EQ(CheckTerms(t).size(), 1u);
  t.amount_vnd = 0;
  t.grace_months = 3;
  ASSERT_EQ(CheckTerms(t).size(), 1u);
  // ComputeLoan and PlanSchedule refuse bad terms with the same field errors.
  auto plan = PlanSchedule(t, D(2026, 1, 15));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().fields[0].field, "amount_vnd");
}

TEST(FundLoanEvents, DisbursementAndRepaymentErrors) {
  const Terms t = Reference();
  auto first_error = [&](const std::vector<Disbursement>& d, const std::vector<Repayment>& r) -> FieldError {
    auto st = ComputeLoan(t, d, r, {}, D(2027, 1, 1));
    if (st.ok() || st.error().fields.empty()) return {};
    return st.error().fields[0];
  };
  // The first disbursement must come before the first due date.
  FieldError e = first_error({{D(2026, 2, 15), 1'000'000}}, {});
  EXPECT_EQ(e.field, "date");
  EXPECT_EQ(e.key, "field.fund_disbursement_after_first_due");
  // A later tranche needs a line falling due after it.
  e = first_error({{D(2026, 1, 15), 1'000'000}, {D(2026, 7, 15), 1'000'000}}, {});
  EXPECT_EQ(e.key, "field.fund_disbursement_after_last_due");
  EXPECT_EQ(e.args, (std::vector<std::string>{"2026-07-15", "2026-07-15"}));
  // An absurd amount (a typing slip in an import) is refused without overflowing the total.
  e = first_error({{D(2026, 1, 15), 6'000'000}, {D(2026, 2, 1), INT64_MAX}}, {});
  EXPECT_EQ(e.key, "field.fund_disbursement_above_approved");
  EXPECT_EQ(e.args, (std::vector<std::string>{"9223372036860775807", "12000000", "6000000"}));
  e = first_error({{D(2026, 1, 15), 0}}, {});
  EXPECT_EQ(e.field, "amount_vnd");
  EXPECT_EQ(e.key, "field.fund_disbursement_amount");
  // No repayment before the first disbursement, none of 0 đồng.
  e = first_error({{D(2026, 1, 15), 1'000'000}}, {{1, D(2026, 1, 14), 1'000}});
  EXPECT_EQ(e.field, "date");
  EXPECT_EQ(e.key, "field.fund_repayment_before_disbursement");
  e = first_error({{D(2026, 1, 15), 1'000'000}}, {{1, D(2026, 2, 1), 0}});
  EXPECT_EQ(e.field, "amount_vnd");
  EXPECT_EQ(e.key, "field.fund_repayment_amount");
  // Nothing disbursed by as_of: no lines, nothing owed.
  auto none = ComputeLoan(t, {}, {}, {}, D(2026, 1, 1));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->lines.empty());
  EXPECT_EQ(none->to_close_vnd, 0);
}

TEST(FundLoanArrears, DaysInArrearsFromPaidOnDates) {
  auto line = [](Date due, std::optional<Date> paid_on) {
    ScheduleLine l;
    l.due_on = due;
    l.paid_on = paid_on;
    return l;
  };
  const std::vector<ScheduleLine> lines = {
      line(D(2026, 2, 15), D(2026, 2, 10)),  // paid early
      line(D(2026, 3, 15), D(2026, 4, 29)),  // paid 45 days late
      line(D(2026, 4, 15), std::nullopt),    // never paid
      line(D(2026, 5, 15), std::nullopt),
  };
  EXPECT_EQ(DaysInArrears(lines, D(2026, 2, 16)), 0);
  EXPECT_EQ(DaysInArrears(lines, D(2026, 3, 15)), 0);  // due that day: not yet in arrears
  EXPECT_EQ(DaysInArrears(lines, D(2026, 3, 16)), 1);
  EXPECT_EQ(DaysInArrears(lines, D(2026, 4, 28)), 44);  // line 2, due 15/3, not yet paid
  EXPECT_EQ(DaysInArrears(lines, D(2026, 4, 29)), 14);  // paid that day: line 3 (due 15/4) is the oldest
  EXPECT_EQ(DaysInArrears(lines, D(2026, 4, 30)), 15);
  EXPECT_EQ(DaysInArrears(lines, D(2026, 6, 1)), 47);
  EXPECT_EQ(DaysInArrears({}, D(2026, 6, 1)), 0);
}

// Random loans with random valid events (tranches, repayments up to what closes the loan,
// reschedulings): the books always balance. Σ line principal + advances = disbursed; outstanding
// = disbursed − principal repaid = Σ unpaid line principal + the balance after the current line;
// allocations add up to the repayments; nothing is negative; due dates only grow.
TEST(FundLoanEvents, RandomHistoriesKeepTheBooksBalanced) {
  uint64_t seed = 20261205;
  auto next = [&](int64_t n) {  // 0 … n−1
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int64_t>((seed >> 33) % static_cast<uint64_t>(n));
  };
  for (int loan = 0; loan < 300; ++loan) {
    SCOPED_TRACE("loan " + std::to_string(loan));
    Terms t;
    t.frequency = next(2) ? Frequency::kMonthly : Frequency::kQuarterly;
    const int step = MonthsPerLine(t.frequency);
    t.term_months = step * (1 + static_cast<int>(next(24 / step)));
    t.grace_months = step * static_cast<int>(next(t.term_months / step));
    t.method = next(2) ? Method::kEqualPrincipal : Method::kEqualInstalment;
    t.rate_e4 = next(4) == 0 ? 0 : next(300'000);
    t.amount_vnd = 1'000'000 + next(1'000'000'000);
    const Date start = D(2026, 1, 1 + static_cast<int>(next(28)));
    t.first_due_on = Date::FromDays(start.days() + 1 + static_cast<int>(next(60)));
    std::vector<Disbursement> d = {{start, t.amount_vnd / 2 + next(t.amount_vnd / 2)}};
    std::vector<Repayment> r;
    std::vector<Rescheduling> rs;
    Date day = start;
    for (int event = 0; event < 25; ++event) {
      day = Date::FromDays(day.days() + 1 + static_cast<int>(next(40)));
      auto now = ComputeLoan(t, d, r, rs, day);
      ASSERT_TRUE(now.ok()) << now.error().detail;
      if (now->repaid_on) break;
      const int kind = static_cast<int>(next(10));
      if (kind == 0 && now->disbursed_vnd < t.amount_vnd && day < now->lines.back().due_on) {
        d.push_back({day, 1 + next(t.amount_vnd - now->disbursed_vnd)});
      } else if (kind == 1) {
        Terms n = t;
        n.frequency = Frequency::kMonthly;
        n.term_months = 1 + static_cast<int>(next(12));
        n.grace_months = static_cast<int>(next(n.term_months));
        n.first_due_on = Date::FromDays(day.days() + 1 + static_cast<int>(next(45)));
        rs.push_back({day, n});
        if (!ComputeLoan(t, d, r, rs, day).ok()) rs.pop_back();  // e.g. a line paid ahead
      } else if (now->to_close_vnd > 0) {
        const Money amount = next(5) == 0 ? now->to_close_vnd : 1 + next(now->to_close_vnd);
        r.push_back({static_cast<int64_t>(r.size() + 1), day, amount});
      }
    }
    auto st = ComputeLoan(t, d, r, rs, D(2030, 1, 1));
    ASSERT_TRUE(st.ok()) << st.error().detail;
    Money disbursed = 0;
    for (const auto& x : d) disbursed += x.amount_vnd;
    Money repaid = 0;
    for (const auto& x : r) repaid += x.amount_vnd;
    Money allocated = 0;
    Money advances = 0;
    for (const auto& a : st->allocations) {
      allocated += a.interest_vnd + a.principal_vnd;
      if (a.line == 0) advances += a.principal_vnd;
    }
    EXPECT_EQ(st->disbursed_vnd, disbursed);
    EXPECT_EQ(allocated, repaid);
    EXPECT_EQ(st->principal_repaid_vnd + st->interest_repaid_vnd, repaid);
    EXPECT_EQ(st->outstanding_principal_vnd, disbursed - st->principal_repaid_vnd);
    Money principal = 0;
    Money unpaid_principal = 0;
    for (size_t i = 0; i < st->lines.size(); ++i) {
      const auto& l = st->lines[i];
      EXPECT_GE(l.principal_vnd, 0);
      EXPECT_GE(l.interest_vnd, 0);
      EXPECT_GE(l.balance_after_vnd, 0);
      EXPECT_LE(l.paid_principal_vnd, l.principal_vnd);
      EXPECT_LE(l.paid_interest_vnd, l.interest_vnd);
      EXPECT_EQ(l.paid_on.has_value(), l.paid_vnd() >= l.total_vnd());
      if (i > 0) {
        EXPECT_LT(st->lines[i - 1].due_on, l.due_on);
      }
      principal += l.principal_vnd;
      unpaid_principal += l.principal_vnd - l.paid_principal_vnd;
    }
    EXPECT_EQ(principal + advances, disbursed);
    EXPECT_EQ(st->lines.back().balance_after_vnd, 0);
    // On 1 January 2030 every line has fallen due: the outstanding principal is all overdue.
    EXPECT_EQ(st->outstanding_principal_vnd, unpaid_principal);
    EXPECT_EQ(st->overdue_principal_vnd, unpaid_principal);
    EXPECT_EQ(st->to_close_vnd, st->overdue_principal_vnd + st->overdue_interest_vnd);
    EXPECT_EQ(st->repaid_on.has_value(), st->outstanding_principal_vnd == 0);
  }
}

}  // namespace
}  // namespace hoptac::fund

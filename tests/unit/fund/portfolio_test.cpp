// The portfolio index (src/fund/portfolio.h) over five hand-built loans whose figures are worked
// out below, date by date: outstanding principal, the flows of a period, days in arrears and
// PAR30 / PAR90, write-off, every grouping with filters, the women-managed share, and a loan
// disbursed after as_of that is not seen.
#include "fund/portfolio.h"

#include <gtest/gtest.h>

#include <random>

namespace hoptac::fund {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }
constexpr Money M = 1'000'000;  // a million đồng

PortfolioLoan::Line Line(Date due, std::optional<Date> paid = std::nullopt) { return {due, paid}; }

// Loan 1 — fund 1, province 01, sector A, women-managed. 100 M disbursed 10/01/2026; lines due
// the 10th of Feb, Mar, Apr, May. Line 1 paid on time 10/02 (25 M principal, 0.6 M interest);
// line 2 (due 10/03) paid late on 20/04 (25 M, 0.5 M); lines 3 and 4 unpaid.
PortfolioLoan Loan1() {
  PortfolioLoan l;
  l.loan_id = 1;
  l.fund_id = 1;
  l.province_code = "01";
  l.sector = "A";
  l.women_managed = true;
  l.disbursements = {{D(2026, 1, 10), 100 * M}};
  l.paid = {{D(2026, 2, 10), 25 * M, 600'000}, {D(2026, 4, 20), 25 * M, 500'000}};
  l.lines = {Line(D(2026, 2, 10), D(2026, 2, 10)), Line(D(2026, 3, 10), D(2026, 4, 20)), Line(D(2026, 4, 10)),
             Line(D(2026, 5, 10))};
  return l;
}

// Loan 2 — fund 2, province 02, sector B, youth. 50 M disbursed 01/11/2025, lines due the 1st of
// each month from 01/12/2025, nothing ever paid.
PortfolioLoan Loan2() {
  PortfolioLoan l;
  l.loan_id = 2;
  l.fund_id = 2;
  l.province_code = "02";
  l.sector = "B";
  l.youth = true;
  l.disbursements = {{D(2025, 11, 1), 50 * M}};
  l.lines = {Line(D(2025, 12, 1)), Line(D(2026, 1, 1)), Line(D(2026, 2, 1)), Line(D(2026, 3, 1))};
  return l;
}

// Loan 3 — fund 2, province 01, sector B, women-managed. Two tranches: 30 M on 01/06/2025, 20 M on
// 01/02/2026; repaid in full on 01/03/2026 (50 M principal, 1 M interest).
PortfolioLoan Loan3() {
  PortfolioLoan l;
  l.loan_id = 3;
  l.fund_id = 2;
  l.province_code = "01";
  l.sector = "B";
  l.women_managed = true;
  l.disbursements = {{D(2026, 2, 1), 20 * M}, {D(2025, 6, 1), 30 * M}};  // need not be sorted
  l.paid = {{D(2026, 3, 1), 50 * M, 1 * M}};
  l.lines = {Line(D(2026, 6, 1), D(2026, 3, 1))};
  return l;
}

// Loan 4 — fund 1, province 02, sector A. 40 M disbursed 15/01/2025; 10 M principal and 2 M
// interest paid 15/06/2025 (line 1); line 2 due 15/12/2025 never paid; written off 20/02/2026 with
// 30 M outstanding.
PortfolioLoan Loan4() {
  PortfolioLoan l;
  l.loan_id = 4;
  l.fund_id = 1;
  l.province_code = "02";
  l.sector = "A";
  l.disbursements = {{D(2025, 1, 15), 40 * M}};
  l.paid = {{D(2025, 6, 15), 10 * M, 2 * M}};
  l.lines = {Line(D(2025, 6, 15), D(2025, 6, 15)), Line(D(2025, 12, 15))};
  l.written_off_on = D(2026, 2, 20);
  return l;
}

// Loan 5 — fund 1, province 01, sector C, women-managed: 10 M disbursed 01/05/2026, so invisible
// before that day.
PortfolioLoan Loan5() {
  PortfolioLoan l;
  l.loan_id = 5;
  l.fund_id = 1;
  l.province_code = "01";
  l.sector = "C";
  l.women_managed = true;
  l.disbursements = {{D(2026, 5, 1), 10 * M}};
  l.lines = {Line(D(2026, 6, 1))};
  return l;
}

std::shared_ptr<const Portfolio> All() { return Portfolio::Build({Loan1(), Loan2(), Loan3(), Loan4(), Loan5()}); }

PortfolioAnswer Ask(const Portfolio& p, PortfolioQuery q) {
  Result<PortfolioAnswer> a = p.Query(q);
  EXPECT_TRUE(a.ok());
  return a.ok() ? a.value() : PortfolioAnswer{};
}

PortfolioQuery AsOf(Date d, GroupBy g = GroupBy::kNone) {
  PortfolioQuery q;
  q.as_of = d;
  q.group_by = g;
  return q;
}

// Every member of a row, for one-line comparisons.
struct R {
  std::string key;
  int64_t active, in_arrears;
  Money outstanding, disbursed, principal, interest, par30, par90, written_off;
  int64_t disbursed_loans;
};
void Expect(const PortfolioRow& row, const R& r) {
  SCOPED_TRACE("row " + r.key);
  EXPECT_EQ(row.key, r.key);
  EXPECT_EQ(row.loans_active, r.active);
  EXPECT_EQ(row.loans_in_arrears, r.in_arrears);
  EXPECT_EQ(row.outstanding_principal_vnd, r.outstanding);
  EXPECT_EQ(row.disbursed_vnd, r.disbursed);
  EXPECT_EQ(row.principal_repaid_vnd, r.principal);
  EXPECT_EQ(row.interest_repaid_vnd, r.interest);
  EXPECT_EQ(row.par30_vnd, r.par30);
  EXPECT_EQ(row.par90_vnd, r.par90);
  EXPECT_EQ(row.written_off_vnd, r.written_off);
  EXPECT_EQ(row.loans_disbursed, r.disbursed_loans);
}

TEST(FundPortfolio, GroupByNamesRoundTrip) {
  for (GroupBy g :
       {GroupBy::kNone, GroupBy::kFund, GroupBy::kProvince, GroupBy::kSector, GroupBy::kWomenManaged, GroupBy::kYouth})
    EXPECT_EQ(ParseGroupBy(GroupByName(g)), g);
  EXPECT_EQ(ParseGroupBy("women_managed"), GroupBy::kWomenManaged);
  EXPECT_FALSE(ParseGroupBy("commune"));
  EXPECT_FALSE(ParseGroupBy(""));
}

TEST(FundPortfolio, CountsLoansAndLines) {
  auto p = All();
  EXPECT_EQ(p->loan_count(), 5u);
  EXPECT_EQ(p->line_count(), 4u + 4u + 1u + 2u + 1u);
  auto empty = Portfolio::Build({});
  EXPECT_EQ(empty->loan_count(), 0u);
  PortfolioAnswer a = Ask(*empty, AsOf(D(2026, 4, 19), GroupBy::kProvince));
  EXPECT_TRUE(a.rows.empty());
  EXPECT_EQ(a.totals.loans_active, 0);
}

TEST(FundPortfolio, OutstandingOnSeveralDates) {
  auto p = Portfolio::Build({Loan1()});
  auto outstanding = [&](Date d) { return Ask(*p, AsOf(d)).totals.outstanding_principal_vnd; };
  EXPECT_EQ(outstanding(D(2026, 1, 9)), 0);         // the day before the disbursement
  EXPECT_EQ(outstanding(D(2026, 1, 10)), 100 * M);  // disbursed that day
  EXPECT_EQ(outstanding(D(2026, 2, 9)), 100 * M);
  EXPECT_EQ(outstanding(D(2026, 2, 10)), 75 * M);  // 100 − 25 repaid that day
  EXPECT_EQ(outstanding(D(2026, 4, 19)), 75 * M);
  EXPECT_EQ(outstanding(D(2026, 4, 20)), 50 * M);  // 75 − 25 repaid late
  EXPECT_EQ(outstanding(D(2030, 1, 1)), 50 * M);
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 1, 9))).totals.loans_active, 0);
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 1, 10))).totals.loans_active, 1);
}

TEST(FundPortfolio, FlowsAreTheRecordsDatedInThePeriod) {
  auto p = All();
  PortfolioQuery q = AsOf(D(2026, 2, 10));
  q.from = D(2026, 2, 10);  // one day: loan 1's first repayment only (loan 3's tranche of 01/02 is before)
  PortfolioAnswer a = Ask(*p, q);
  EXPECT_EQ(a.from, D(2026, 2, 10));
  EXPECT_EQ(a.totals.disbursed_vnd, 0);
  EXPECT_EQ(a.totals.principal_repaid_vnd, 25 * M);
  EXPECT_EQ(a.totals.interest_repaid_vnd, 600'000);
  EXPECT_EQ(a.totals.loans_disbursed, 0);

  q.from = D(2026, 2, 1);  // + loan 3's second tranche (20 M; not a first disbursement)
  a = Ask(*p, q);
  EXPECT_EQ(a.totals.disbursed_vnd, 20 * M);
  EXPECT_EQ(a.totals.loans_disbursed, 0);

  q = AsOf(D(2026, 3, 1));
  q.from = D(2026, 2, 11);  // loan 3 repaid in full on 01/03
  a = Ask(*p, q);
  EXPECT_EQ(a.totals.disbursed_vnd, 0);
  EXPECT_EQ(a.totals.principal_repaid_vnd, 50 * M);
  EXPECT_EQ(a.totals.interest_repaid_vnd, 1 * M);

  // The default period starts on 1 January of as_of's year: 2025 holds loan 2's and loan 4's
  // first disbursements, loan 3's first tranche and loan 4's repayment.
  a = Ask(*p, AsOf(D(2025, 12, 31)));
  EXPECT_EQ(a.from, D(2025, 1, 1));
  EXPECT_EQ(a.totals.disbursed_vnd, 40 * M + 30 * M + 50 * M);
  EXPECT_EQ(a.totals.principal_repaid_vnd, 10 * M);
  EXPECT_EQ(a.totals.interest_repaid_vnd, 2 * M);
  EXPECT_EQ(a.totals.loans_disbursed, 3);
}

TEST(FundPortfolio, ParThirtyAndNinety) {
  auto p = Portfolio::Build({Loan2()});
  // Line 1 due 01/12/2025 never paid. 15/01/2026: 31 (to 01/01) + 14 = 45 days: PAR30, not PAR90.
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 1, 15)));
  EXPECT_EQ(a.totals.loans_in_arrears, 1);
  EXPECT_EQ(a.totals.par30_vnd, 50 * M);
  EXPECT_EQ(a.totals.par90_vnd, 0);
  // 01/12/2025 → 01/03/2026: 31 + 31 + 28 = 90 days: still not PAR90 (more than 90).
  a = Ask(*p, AsOf(D(2026, 3, 1)));
  EXPECT_EQ(a.totals.par30_vnd, 50 * M);
  EXPECT_EQ(a.totals.par90_vnd, 0);
  // 02/03/2026: 91 days: both.
  a = Ask(*p, AsOf(D(2026, 3, 2)));
  EXPECT_EQ(a.totals.par30_vnd, 50 * M);
  EXPECT_EQ(a.totals.par90_vnd, 50 * M);
  // The due date itself is not late; the next day is 1 day in arrears (in arrears, not PAR30);
  // 31/12/2025 is 30 days (not more than 30), 01/01/2026 31.
  a = Ask(*p, AsOf(D(2025, 12, 1)));
  EXPECT_EQ(a.totals.loans_in_arrears, 0);
  a = Ask(*p, AsOf(D(2025, 12, 2)));
  EXPECT_EQ(a.totals.loans_in_arrears, 1);
  EXPECT_EQ(a.totals.par30_vnd, 0);
  EXPECT_EQ(Ask(*p, AsOf(D(2025, 12, 31))).totals.par30_vnd, 0);
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 1, 1))).totals.par30_vnd, 50 * M);
}

TEST(FundPortfolio, ALinePaidLateStopsCountingFromItsPaidOn) {
  auto p = Portfolio::Build({Loan1()});
  // 10/03 is line 2's due date: not yet late.
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 3, 10))).totals.loans_in_arrears, 0);
  // 11/04: line 2 due 10/03 unpaid, 21 + 11 = 32 days: PAR30 on the 75 M outstanding.
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 4, 11)));
  EXPECT_EQ(a.totals.par30_vnd, 75 * M);
  EXPECT_EQ(a.totals.par90_vnd, 0);
  // 19/04: 40 days.
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 4, 19))).totals.par30_vnd, 75 * M);
  // 20/04: line 2 paid that day; the oldest unpaid line is now line 3, due 10/04: 10 days, in
  // arrears but not PAR30.
  a = Ask(*p, AsOf(D(2026, 4, 20)));
  EXPECT_EQ(a.totals.loans_in_arrears, 1);
  EXPECT_EQ(a.totals.par30_vnd, 0);
  EXPECT_EQ(a.totals.outstanding_principal_vnd, 50 * M);
  // 11/05: line 3 (due 10/04) unpaid for 31 days: PAR30 again, on 50 M.
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 5, 11))).totals.par30_vnd, 50 * M);
}

TEST(FundPortfolio, LinesCompletedOutOfOrderOrGivenUnsorted) {
  // Line 2 became paid (15/02) before line 1 (01/03): on 20/02 line 1 is still the oldest unpaid,
  // due 10/01: 21 + 20 = 41 days. Lines are given out of order; Build sorts them by due date.
  PortfolioLoan l;
  l.loan_id = 9;
  l.fund_id = 1;
  l.province_code = "01";
  l.disbursements = {{D(2025, 12, 10), 30 * M}};
  l.paid = {{D(2026, 2, 15), 10 * M, 0}, {D(2026, 3, 1), 10 * M, 0}};
  l.lines = {Line(D(2026, 3, 10)), Line(D(2026, 2, 10), D(2026, 2, 15)), Line(D(2026, 1, 10), D(2026, 3, 1))};
  auto p = Portfolio::Build({l});
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 2, 20)));
  EXPECT_EQ(a.totals.par30_vnd, 20 * M);
  // 05/03: lines 1 and 2 paid, line 3 due 10/03 not yet: not in arrears.
  EXPECT_EQ(Ask(*p, AsOf(D(2026, 3, 5))).totals.loans_in_arrears, 0);
  // 12/03: 2 days.
  a = Ask(*p, AsOf(D(2026, 3, 12)));
  EXPECT_EQ(a.totals.loans_in_arrears, 1);
  EXPECT_EQ(a.totals.par30_vnd, 0);
}

TEST(FundPortfolio, WriteOff) {
  auto p = Portfolio::Build({Loan4()});
  // 19/02/2026: 30 M outstanding, line 2 due 15/12/2025 unpaid: 16 + 31 + 19 = 66 days.
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 2, 19)));
  EXPECT_EQ(a.totals.outstanding_principal_vnd, 30 * M);
  EXPECT_EQ(a.totals.par30_vnd, 30 * M);
  EXPECT_EQ(a.totals.par90_vnd, 0);
  EXPECT_EQ(a.totals.written_off_vnd, 0);
  // 20/02: written off: nothing outstanding, not active, not at risk; 30 M written off in 2026.
  a = Ask(*p, AsOf(D(2026, 2, 20)));
  EXPECT_EQ(a.totals.outstanding_principal_vnd, 0);
  EXPECT_EQ(a.totals.loans_active, 0);
  EXPECT_EQ(a.totals.loans_in_arrears, 0);
  EXPECT_EQ(a.totals.par30_vnd, 0);
  EXPECT_EQ(a.totals.written_off_vnd, 30 * M);
  // A period after the write-off does not show it again.
  PortfolioQuery q = AsOf(D(2026, 12, 31));
  q.from = D(2026, 2, 21);
  EXPECT_EQ(Ask(*p, q).totals.written_off_vnd, 0);
  EXPECT_EQ(Ask(*p, AsOf(D(2027, 1, 1))).totals.written_off_vnd, 0);
}

TEST(FundPortfolio, GroupedByProvince) {
  auto p = All();
  // 19/04/2026, period from 01/01/2026. Loan 1 (01): 75 M, 40 days late, 100 M disbursed (its
  // first), 25 M + 0.6 M repaid. Loan 3 (01): repaid, 20 M disbursed and 50 M + 1 M repaid in the
  // period. Loan 2 (02): 50 M, 139 days late. Loan 4 (02): 30 M written off 20/02. Loan 5 not yet.
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 4, 19), GroupBy::kProvince));
  EXPECT_EQ(a.from, D(2026, 1, 1));
  EXPECT_EQ(a.as_of, D(2026, 4, 19));
  ASSERT_EQ(a.rows.size(), 2u);
  Expect(a.rows[0], {"01", 1, 1, 75 * M, 120 * M, 75 * M, 1'600'000, 75 * M, 0, 0, 1});
  Expect(a.rows[1], {"02", 1, 1, 50 * M, 0, 0, 0, 50 * M, 50 * M, 30 * M, 0});
  Expect(a.totals, {"", 2, 2, 125 * M, 120 * M, 75 * M, 1'600'000, 125 * M, 50 * M, 30 * M, 1});
  // The women-managed indicator: loan 1 active (75 M); loan 3 repaid, loan 5 not yet disbursed.
  EXPECT_EQ(a.women_loans_active, 1);
  EXPECT_EQ(a.women_outstanding_vnd, 75 * M);
}

TEST(FundPortfolio, GroupedByFundSectorAndFlags) {
  auto p = All();
  const Date d = D(2026, 4, 19);
  PortfolioAnswer a = Ask(*p, AsOf(d, GroupBy::kFund));  // fund 1: loans 1, 4; fund 2: loans 2, 3
  ASSERT_EQ(a.rows.size(), 2u);
  Expect(a.rows[0], {"1", 1, 1, 75 * M, 100 * M, 25 * M, 600'000, 75 * M, 0, 30 * M, 1});
  Expect(a.rows[1], {"2", 1, 1, 50 * M, 20 * M, 50 * M, 1 * M, 50 * M, 50 * M, 0, 0});

  a = Ask(*p, AsOf(d, GroupBy::kSector));  // A: loans 1, 4; B: loans 2, 3; C (loan 5) not yet
  ASSERT_EQ(a.rows.size(), 2u);
  EXPECT_EQ(a.rows[0].key, "A");
  EXPECT_EQ(a.rows[0].outstanding_principal_vnd, 75 * M);
  EXPECT_EQ(a.rows[1].key, "B");
  EXPECT_EQ(a.rows[1].outstanding_principal_vnd, 50 * M);

  a = Ask(*p, AsOf(d, GroupBy::kWomenManaged));  // false: loans 2, 4; true: loans 1, 3
  ASSERT_EQ(a.rows.size(), 2u);
  Expect(a.rows[0], {"false", 1, 1, 50 * M, 0, 0, 0, 50 * M, 50 * M, 30 * M, 0});
  Expect(a.rows[1], {"true", 1, 1, 75 * M, 120 * M, 75 * M, 1'600'000, 75 * M, 0, 0, 1});

  a = Ask(*p, AsOf(d, GroupBy::kYouth));  // true: loan 2
  ASSERT_EQ(a.rows.size(), 2u);
  EXPECT_EQ(a.rows[0].key, "false");
  EXPECT_EQ(a.rows[0].outstanding_principal_vnd, 75 * M);
  EXPECT_EQ(a.rows[1].key, "true");
  EXPECT_EQ(a.rows[1].outstanding_principal_vnd, 50 * M);
  EXPECT_EQ(a.rows[1].par90_vnd, 50 * M);

  // On 01/05 loan 5 appears: its sector C gets a row, its first disbursement is counted.
  a = Ask(*p, AsOf(D(2026, 5, 1), GroupBy::kSector));
  ASSERT_EQ(a.rows.size(), 3u);
  Expect(a.rows[2], {"C", 1, 0, 10 * M, 10 * M, 0, 0, 0, 0, 0, 1});
  EXPECT_EQ(a.women_loans_active, 2);
  EXPECT_EQ(a.women_outstanding_vnd, 50 * M + 10 * M);  // loan 1 after its late payment, loan 5
}

TEST(FundPortfolio, FiltersNarrowTheLoans) {
  auto p = All();
  const Date d = D(2026, 4, 19);
  PortfolioQuery q = AsOf(d, GroupBy::kFund);
  q.province_code = "01";
  q.women_managed = true;  // loans 1 (fund 1) and 3 (fund 2; repaid, but its flows count)
  PortfolioAnswer a = Ask(*p, q);
  ASSERT_EQ(a.rows.size(), 2u);
  Expect(a.rows[0], {"1", 1, 1, 75 * M, 100 * M, 25 * M, 600'000, 75 * M, 0, 0, 1});
  Expect(a.rows[1], {"2", 0, 0, 0, 20 * M, 50 * M, 1 * M, 0, 0, 0, 0});

  q = AsOf(d, GroupBy::kProvince);
  q.fund_id = 2;  // loans 2 (02) and 3 (01)
  a = Ask(*p, q);
  ASSERT_EQ(a.rows.size(), 2u);
  EXPECT_EQ(a.rows[0].key, "01");
  EXPECT_EQ(a.rows[0].loans_active, 0);
  EXPECT_EQ(a.rows[0].principal_repaid_vnd, 50 * M);
  EXPECT_EQ(a.rows[1].key, "02");
  EXPECT_EQ(a.rows[1].outstanding_principal_vnd, 50 * M);
  EXPECT_EQ(a.women_loans_active, 0);  // loan 3 is women-managed but repaid

  q = AsOf(d);
  q.youth = false;  // loans 1, 3, 4
  a = Ask(*p, q);
  EXPECT_TRUE(a.rows.empty());
  Expect(a.totals, {"", 1, 1, 75 * M, 120 * M, 75 * M, 1'600'000, 75 * M, 0, 30 * M, 1});

  q = AsOf(d);
  q.women_managed = false;
  q.youth = true;  // loan 2
  EXPECT_EQ(Ask(*p, q).totals.outstanding_principal_vnd, 50 * M);

  // A province or fund the portfolio does not hold: nothing.
  q = AsOf(d, GroupBy::kProvince);
  q.province_code = "99";
  a = Ask(*p, q);
  EXPECT_TRUE(a.rows.empty());
  EXPECT_EQ(a.totals.loans_active, 0);
  EXPECT_EQ(a.totals.disbursed_vnd, 0);
  q = AsOf(d);
  q.fund_id = 77;
  EXPECT_EQ(Ask(*p, q).totals.loans_active, 0);
}

TEST(FundPortfolio, ALoanDisbursedAfterAsOfIsInvisible) {
  auto p = Portfolio::Build({Loan5()});
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 4, 30), GroupBy::kProvince));
  EXPECT_TRUE(a.rows.empty());
  EXPECT_EQ(a.totals.loans_active, 0);
  EXPECT_EQ(a.totals.disbursed_vnd, 0);
  EXPECT_EQ(a.women_loans_active, 0);
  a = Ask(*p, AsOf(D(2026, 5, 1), GroupBy::kProvince));
  ASSERT_EQ(a.rows.size(), 1u);
  Expect(a.rows[0], {"01", 1, 0, 10 * M, 10 * M, 0, 0, 0, 0, 0, 1});
  EXPECT_EQ(a.women_loans_active, 1);
  EXPECT_EQ(a.women_outstanding_vnd, 10 * M);
}

TEST(FundPortfolio, APeriodMustStartOnOrBeforeAsOf) {
  auto p = All();
  PortfolioQuery q = AsOf(D(2026, 4, 30));
  q.from = D(2026, 5, 1);
  Result<PortfolioAnswer> a = p->Query(q);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(a.error().fields.size(), 1u);
  EXPECT_EQ(a.error().fields[0].field, "from");
  EXPECT_EQ(a.error().fields[0].key, "field.fund_period_order");
  EXPECT_EQ(a.error().fields[0].args, (std::vector<std::string>{"2026-05-01", "2026-04-30"}));
  q.from = q.as_of;  // one day is a period
  EXPECT_TRUE(p->Query(q).ok());
}

TEST(FundPortfolio, MoneyNearTenToTheFifteenthStaysExact) {
  PortfolioLoan l = Loan2();
  l.disbursements = {{D(2025, 11, 1), 999'999'999'999'999}};
  l.paid = {{D(2026, 1, 5), 1, 7}};
  PortfolioLoan k = Loan2();
  k.loan_id = 10;
  k.disbursements = {{D(2025, 11, 2), 999'999'999'999'998}};
  auto p = Portfolio::Build({l, k});
  PortfolioAnswer a = Ask(*p, AsOf(D(2026, 1, 15)));
  EXPECT_EQ(a.totals.outstanding_principal_vnd, 999'999'999'999'998 + 999'999'999'999'998);
  EXPECT_EQ(a.totals.principal_repaid_vnd, 1);
  EXPECT_EQ(a.totals.interest_repaid_vnd, 7);
}

// The index's days in arrears (a binary search over the running maximum of paid_on) against
// fund::DaysInArrears over the same lines, on random books whose lines become paid in any order
// (or never), on random dates: the counts and sums of loans in arrears, PAR30 and PAR90 agree.
TEST(FundPortfolio, DaysInArrearsAgreeWithTheArithmeticOnRandomLines) {
  std::mt19937 rng(18);
  auto below = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const int base = D(2024, 1, 1).days();
  for (int round = 0; round < 20; ++round) {
    std::vector<PortfolioLoan> loans;
    std::vector<std::vector<ScheduleLine>> schedules;
    for (int i = 0; i < 100; ++i) {
      PortfolioLoan l;
      l.loan_id = i + 1;
      l.fund_id = 1;
      l.province_code = "01";
      l.disbursements = {{Date::FromDays(base), Money{1000} * (i + 1)}};
      std::vector<ScheduleLine> schedule;
      int due = base;
      for (int k = 0, n = 1 + below(30); k < n; ++k) {
        due += 1 + below(60);
        ScheduleLine line;
        line.due_on = Date::FromDays(due);
        if (below(4) != 0) line.paid_on = Date::FromDays(due - 30 + below(150));
        schedule.push_back(line);
        l.lines.push_back({line.due_on, line.paid_on});
      }
      loans.push_back(std::move(l));
      schedules.push_back(std::move(schedule));
    }
    auto p = Portfolio::Build(loans);
    for (int t = 0; t < 25; ++t) {
      const Date on = Date::FromDays(base + below(1500));
      int64_t in_arrears = 0;
      Money par30 = 0, par90 = 0;
      for (size_t i = 0; i < loans.size(); ++i) {
        const int days = DaysInArrears(schedules[i], on);
        const Money outstanding = loans[i].disbursements[0].amount_vnd;
        if (days > 0) ++in_arrears;
        if (days > 30) par30 += outstanding;
        if (days > 90) par90 += outstanding;
      }
      PortfolioAnswer a = Ask(*p, AsOf(on));
      SCOPED_TRACE("round " + std::to_string(round) + " on " + on.ToIso());
      EXPECT_EQ(a.totals.loans_in_arrears, in_arrears);
      EXPECT_EQ(a.totals.par30_vnd, par30);
      EXPECT_EQ(a.totals.par90_vnd, par90);
    }
  }
}

}  // namespace
}  // namespace hoptac::fund

// The portfolio: every loan of every fund in memory, answering "as of D" and "in [from, to]"
// questions grouped by fund, province, sector, women-managed and youth in milliseconds
// (100 k loans with 2 M schedule lines: ≤ 50 ms through the API). No I/O: the service loads
// the loans (store + ComputeLoan) and swaps a new Portfolio in after every committed write.
//
// Definitions (src/fund/README.md states them to users):
// - outstanding principal on D: disbursed by D − principal repaid by D; 0 from the day a
//   write-off takes effect (the written-off principal is reported apart);
// - disbursed / principal repaid / interest repaid in [from, to]: by the dates of the records;
// - a loan is active on D when it has a disbursement on or before D and outstanding > 0;
// - PAR30 / PAR90 on D: outstanding principal of active loans more than 30 / 90 days in arrears
//   (fund::DaysInArrears over the loan's lines), and its share of the outstanding principal;
// - women-managed and youth are the registry's flags as they were when the application was made
//   (kept with the application, so a later change of chair does not rewrite history).
//
// Thread-safety: a built Portfolio is immutable; Query is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "fund/loan.h"

namespace hoptac::fund {

// What the portfolio keeps of one loan.
struct PortfolioLoan {
  int64_t loan_id = 0;
  int64_t fund_id = 0;
  std::string province_code;  // the entity's province when it applied (current code)
  std::string sector;         // the entity's sector code when it applied ("" unknown)
  bool women_managed = false;
  bool youth = false;
  std::vector<Disbursement> disbursements;
  // Per repayment date: principal and interest allocated (from LoanState::allocations).
  struct Paid {
    Date date;
    Money principal_vnd = 0;
    Money interest_vnd = 0;
  };
  std::vector<Paid> paid;
  // Due dates and the dates each line became fully paid (from LoanState::lines).
  struct Line {
    Date due_on;
    std::optional<Date> paid_on;
  };
  std::vector<Line> lines;
  std::optional<Date> written_off_on;
};

enum class GroupBy { kNone, kFund, kProvince, kSector, kWomenManaged, kYouth };
const char* GroupByName(GroupBy g);  // "none" | "fund" | "province" | "sector" | "women_managed" | "youth"
std::optional<GroupBy> ParseGroupBy(std::string_view name);

struct PortfolioQuery {
  Date as_of;
  std::optional<Date> from;  // the period of the flows; default: 1 January of as_of's year
  GroupBy group_by = GroupBy::kNone;
  std::optional<int64_t> fund_id;
  std::optional<std::string> province_code;  // a scope or a filter
  std::optional<bool> women_managed;
  std::optional<bool> youth;
};

struct PortfolioRow {
  std::string key;  // fund id, province code, sector code, "true"/"false"; "" for the totals
  int64_t loans_active = 0;
  int64_t loans_in_arrears = 0;
  Money outstanding_principal_vnd = 0;
  Money disbursed_vnd = 0;         // in the period
  Money principal_repaid_vnd = 0;  // in the period
  Money interest_repaid_vnd = 0;   // in the period
  Money par30_vnd = 0;
  Money par90_vnd = 0;
  Money written_off_vnd = 0;    // principal written off in the period
  int64_t loans_disbursed = 0;  // loans with a first disbursement in the period
};

struct PortfolioAnswer {
  Date from;
  Date as_of;
  // Sorted by key (funds by id as numbers); a group has a row when one of its loans (in the
  // query's filters) was disbursed by as_of, even if all its figures are 0; empty for GroupBy::kNone.
  std::vector<PortfolioRow> rows;
  PortfolioRow totals;
  // The Decision 01 indicator: loans and outstanding principal to women-managed cooperatives,
  // over all active loans on as_of (shares in basis points of 1/10 000, integer).
  int64_t women_loans_active = 0;
  Money women_outstanding_vnd = 0;
};

class Portfolio {
 public:
  static std::shared_ptr<const Portfolio> Build(std::vector<PortfolioLoan> loans);
  // Errors: from > as_of (field "from").
  Result<PortfolioAnswer> Query(const PortfolioQuery& query) const;
  size_t loan_count() const;
  size_t line_count() const;
  // The bytes the index holds (its arrays' capacities; for the benchmark and the logs).
  size_t memory_bytes() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace hoptac::fund

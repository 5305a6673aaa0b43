// The portfolio index (portfolio.h). Layout, chosen so that one Query is a single pass over
// flat arrays:
// - one 40-byte record per loan (its slices of the event and line arrays, its first
//   disbursement and write-off dates, its group keys interned to small ints);
// - the loan's money events (disbursements and repayments), merged by date and kept as
//   cumulative sums: "disbursed / repaid by D" is one binary search on the dates, "in
//   [from, D]" two;
// - the loan's lines as (due date, running maximum of the dates lines became paid): the oldest
//   line not paid by D is the first whose running maximum is after D, found by binary search.
//   The running maximum makes this hold whatever the order in which lines were completed (the
//   allocation rule of loan.h completes them in line order, but a rescheduling or a recomputed
//   schedule need not), since the first line with a running maximum after D is exactly the first
//   line itself paid after D (or never).
// Interned keys are numbered in key order, so a query's rows come out sorted without sorting.
#include "fund/portfolio.h"

#include <algorithm>
#include <climits>
#include <map>
#include <utility>

namespace hoptac::fund {

namespace {

constexpr int32_t kNever = INT32_MAX;

struct Cumulative {
  Money disbursed = 0;
  Money principal = 0;
  Money interest = 0;
};

struct LineKey {
  int32_t due = 0;
  int32_t paid_max = kNever;  // the latest paid_on of this line and those before it; kNever: one is unpaid
};

struct LoanRecord {
  uint32_t event_begin = 0;
  uint32_t event_count = 0;
  uint32_t line_begin = 0;
  uint32_t line_count = 0;
  int32_t first_disbursed = kNever;
  int32_t written_off_on = kNever;
  uint32_t fund = 0;
  uint32_t province = 0;
  uint32_t sector = 0;
  uint8_t flags = 0;  // bit 0: women-managed, bit 1: youth
};

constexpr uint8_t kWomen = 1;
constexpr uint8_t kYouth = 2;

// The sorted distinct values of a key and the index of each.
template <class K>
struct Interned {
  std::vector<K> values;  // sorted
  std::map<K, uint32_t> index;

  void Collect(const K& k) { index.emplace(k, 0); }
  void Number() {
    values.reserve(index.size());
    for (auto& [k, i] : index) {
      i = static_cast<uint32_t>(values.size());
      values.push_back(k);
    }
  }
  std::optional<uint32_t> Find(const K& k) const {
    auto it = index.find(k);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
};

struct Accumulator {
  bool visible = false;
  PortfolioRow row;
};

}  // namespace

struct Portfolio::Impl {
  std::vector<LoanRecord> loans;
  std::vector<int32_t> event_dates;
  std::vector<Cumulative> event_sums;  // cumulative, per loan, through the event of the same index
  std::vector<LineKey> lines;
  std::vector<Money> written_off_principal;  // per loan: outstanding on the write-off date (0: none)
  Interned<int64_t> funds;
  Interned<std::string> provinces;
  Interned<std::string> sectors;

  // The money of `loan` by `day` (records dated on or before it).
  Cumulative By(const LoanRecord& loan, int32_t day) const {
    if (loan.event_count == 0) return {};
    const int32_t* begin = event_dates.data() + loan.event_begin;
    const int32_t* end = begin + loan.event_count;
    // The common cases first: every record by `day`, or none.
    if (end[-1] <= day) return event_sums[loan.event_begin + loan.event_count - 1];
    if (*begin > day) return {};
    const int32_t* at = std::upper_bound(begin, end, day);
    if (at == begin) return {};
    return event_sums[static_cast<size_t>(at - event_dates.data() - 1)];
  }

  // fund::DaysInArrears over the loan's lines, by binary search (see the top of this file).
  int DaysInArrears(const LoanRecord& loan, int32_t day) const {
    const LineKey* begin = lines.data() + loan.line_begin;
    const LineKey* end = begin + loan.line_count;
    if (begin == end || begin->due >= day) return 0;  // nothing due before `day`
    const LineKey* first_unpaid =
        std::partition_point(begin, end, [day](const LineKey& l) { return l.paid_max <= day; });
    if (first_unpaid == end || first_unpaid->due >= day) return 0;
    return day - first_unpaid->due;
  }
};

const char* GroupByName(GroupBy g) {
  switch (g) {
    case GroupBy::kNone: return "none";
    case GroupBy::kFund: return "fund";
    case GroupBy::kProvince: return "province";
    case GroupBy::kSector: return "sector";
    case GroupBy::kWomenManaged: return "women_managed";
    case GroupBy::kYouth: return "youth";
  }
  return "none";
}

std::optional<GroupBy> ParseGroupBy(std::string_view name) {
  for (GroupBy g :
       {GroupBy::kNone, GroupBy::kFund, GroupBy::kProvince, GroupBy::kSector, GroupBy::kWomenManaged, GroupBy::kYouth})
    if (name == GroupByName(g)) return g;
  return std::nullopt;
}

std::shared_ptr<const Portfolio> Portfolio::Build(std::vector<PortfolioLoan> loans) {
  auto impl = std::make_shared<Impl>();
  size_t events = 0, lines = 0;
  for (const PortfolioLoan& l : loans) {
    impl->funds.Collect(l.fund_id);
    impl->provinces.Collect(l.province_code);
    impl->sectors.Collect(l.sector);
    events += l.disbursements.size() + l.paid.size();
    lines += l.lines.size();
  }
  impl->funds.Number();
  impl->provinces.Number();
  impl->sectors.Number();
  impl->loans.reserve(loans.size());
  impl->event_dates.reserve(events);
  impl->event_sums.reserve(events);
  impl->lines.reserve(lines);
  impl->written_off_principal.assign(loans.size(), 0);

  struct Event {
    int32_t date;
    Cumulative delta;
  };
  std::vector<Event> scratch;
  std::vector<std::pair<int32_t, int32_t>> line_scratch;
  for (size_t i = 0; i < loans.size(); ++i) {
    PortfolioLoan& l = loans[i];
    LoanRecord r;
    r.fund = *impl->funds.Find(l.fund_id);
    r.province = *impl->provinces.Find(l.province_code);
    r.sector = *impl->sectors.Find(l.sector);
    r.flags = static_cast<uint8_t>((l.women_managed ? kWomen : 0) | (l.youth ? kYouth : 0));
    if (l.written_off_on) r.written_off_on = l.written_off_on->days();

    scratch.clear();
    for (const Disbursement& d : l.disbursements) {
      scratch.push_back({d.date.days(), {d.amount_vnd, 0, 0}});
      r.first_disbursed = std::min(r.first_disbursed, d.date.days());
    }
    for (const PortfolioLoan::Paid& p : l.paid)
      scratch.push_back({p.date.days(), {0, p.principal_vnd, p.interest_vnd}});
    std::stable_sort(scratch.begin(), scratch.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
    r.event_begin = static_cast<uint32_t>(impl->event_dates.size());
    Cumulative sum;
    for (const Event& e : scratch) {
      sum.disbursed += e.delta.disbursed;
      sum.principal += e.delta.principal;
      sum.interest += e.delta.interest;
      if (impl->event_dates.size() > r.event_begin && impl->event_dates.back() == e.date) {
        impl->event_sums.back() = sum;  // one entry per date
      } else {
        impl->event_dates.push_back(e.date);
        impl->event_sums.push_back(sum);
      }
    }
    r.event_count = static_cast<uint32_t>(impl->event_dates.size() - r.event_begin);

    line_scratch.clear();
    for (const PortfolioLoan::Line& line : l.lines)
      line_scratch.emplace_back(line.due_on.days(), line.paid_on ? line.paid_on->days() : kNever);
    if (!std::is_sorted(line_scratch.begin(), line_scratch.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; }))
      std::stable_sort(line_scratch.begin(), line_scratch.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    r.line_begin = static_cast<uint32_t>(impl->lines.size());
    int32_t paid_max = INT32_MIN;
    for (const auto& [due, paid] : line_scratch) {
      paid_max = std::max(paid_max, paid);
      impl->lines.push_back({due, paid_max});
    }
    r.line_count = static_cast<uint32_t>(impl->lines.size() - r.line_begin);

    impl->loans.push_back(r);
    if (r.written_off_on != kNever) {
      Cumulative at = impl->By(r, r.written_off_on);
      impl->written_off_principal[i] = std::max<Money>(0, at.disbursed - at.principal);
    }
    // Free the loan's vectors as we go: the input and the index are not both held in full.
    l = PortfolioLoan();
  }
  auto portfolio = std::shared_ptr<Portfolio>(new Portfolio());
  portfolio->impl_ = std::move(impl);
  return portfolio;
}

size_t Portfolio::loan_count() const { return impl_ ? impl_->loans.size() : 0; }
size_t Portfolio::line_count() const { return impl_ ? impl_->lines.size() : 0; }

size_t Portfolio::memory_bytes() const {
  if (!impl_) return 0;
  const Impl& x = *impl_;
  size_t bytes = sizeof(Impl) + x.loans.capacity() * sizeof(LoanRecord) + x.event_dates.capacity() * sizeof(int32_t) +
                 x.event_sums.capacity() * sizeof(Cumulative) + x.lines.capacity() * sizeof(LineKey) +
                 x.written_off_principal.capacity() * sizeof(Money);
  for (const std::string& s : x.provinces.values) bytes += sizeof(s) + s.capacity();
  for (const std::string& s : x.sectors.values) bytes += sizeof(s) + s.capacity();
  return bytes;
}

Result<PortfolioAnswer> Portfolio::Query(const PortfolioQuery& query) const {
  PortfolioAnswer answer;
  answer.as_of = query.as_of;
  answer.from = query.from ? *query.from : Date::FromCivil(query.as_of.year(), 1, 1);
  if (answer.from > answer.as_of)
    return Error::InvalidFields(
        {{"from", "after_as_of", "field.fund_period_order", {answer.from.ToIso(), answer.as_of.ToIso()}}});
  if (!impl_) return answer;
  const Impl& x = *impl_;

  // Filters on interned keys; a value the portfolio does not hold matches no loan.
  std::optional<uint32_t> fund, province;
  if (query.fund_id) {
    fund = x.funds.Find(*query.fund_id);
    if (!fund) return answer;
  }
  if (query.province_code) {
    province = x.provinces.Find(*query.province_code);
    if (!province) return answer;
  }
  uint8_t flag_mask = 0, flag_want = 0;
  if (query.women_managed) {
    flag_mask |= kWomen;
    if (*query.women_managed) flag_want |= kWomen;
  }
  if (query.youth) {
    flag_mask |= kYouth;
    if (*query.youth) flag_want |= kYouth;
  }

  size_t groups = 1;
  switch (query.group_by) {
    case GroupBy::kNone: break;
    case GroupBy::kFund: groups = x.funds.values.size(); break;
    case GroupBy::kProvince: groups = x.provinces.values.size(); break;
    case GroupBy::kSector: groups = x.sectors.values.size(); break;
    case GroupBy::kWomenManaged:
    case GroupBy::kYouth: groups = 2; break;
  }
  std::vector<Accumulator> acc(std::max<size_t>(groups, 1));

  const int32_t as_of = query.as_of.days();
  const int32_t before_from = answer.from.days() - 1;
  for (size_t i = 0; i < x.loans.size(); ++i) {
    const LoanRecord& r = x.loans[i];
    if (r.first_disbursed > as_of) continue;  // not disbursed yet on as_of: invisible
    if (fund && r.fund != *fund) continue;
    if (province && r.province != *province) continue;
    if ((r.flags & flag_mask) != flag_want) continue;
    size_t g = 0;
    switch (query.group_by) {
      case GroupBy::kNone: break;
      case GroupBy::kFund: g = r.fund; break;
      case GroupBy::kProvince: g = r.province; break;
      case GroupBy::kSector: g = r.sector; break;
      case GroupBy::kWomenManaged: g = (r.flags & kWomen) ? 1 : 0; break;
      case GroupBy::kYouth: g = (r.flags & kYouth) ? 1 : 0; break;
    }
    Accumulator& a = acc[g];
    a.visible = true;
    PortfolioRow& row = a.row;

    const Cumulative by = x.By(r, as_of);
    const Cumulative before = x.By(r, before_from);
    row.disbursed_vnd += by.disbursed - before.disbursed;
    row.principal_repaid_vnd += by.principal - before.principal;
    row.interest_repaid_vnd += by.interest - before.interest;
    if (r.first_disbursed > before_from) ++row.loans_disbursed;

    Money outstanding = by.disbursed - by.principal;
    if (r.written_off_on <= as_of) {
      outstanding = 0;
      if (r.written_off_on > before_from) row.written_off_vnd += x.written_off_principal[i];
    }
    if (outstanding <= 0) continue;
    ++row.loans_active;
    row.outstanding_principal_vnd += outstanding;
    if (r.flags & kWomen) {
      ++answer.women_loans_active;
      answer.women_outstanding_vnd += outstanding;
    }
    const int days = x.DaysInArrears(r, as_of);
    if (days > 0) {
      ++row.loans_in_arrears;
      if (days > 30) row.par30_vnd += outstanding;
      if (days > 90) row.par90_vnd += outstanding;
    }
  }

  PortfolioRow& t = answer.totals;
  for (size_t g = 0; g < acc.size(); ++g) {
    const PortfolioRow& row = acc[g].row;
    t.loans_active += row.loans_active;
    t.loans_in_arrears += row.loans_in_arrears;
    t.outstanding_principal_vnd += row.outstanding_principal_vnd;
    t.disbursed_vnd += row.disbursed_vnd;
    t.principal_repaid_vnd += row.principal_repaid_vnd;
    t.interest_repaid_vnd += row.interest_repaid_vnd;
    t.par30_vnd += row.par30_vnd;
    t.par90_vnd += row.par90_vnd;
    t.written_off_vnd += row.written_off_vnd;
    t.loans_disbursed += row.loans_disbursed;
    if (query.group_by == GroupBy::kNone || !acc[g].visible) continue;
    PortfolioRow out = row;
    switch (query.group_by) {
      case GroupBy::kNone: break;
      case GroupBy::kFund: out.key = std::to_string(x.funds.values[g]); break;
      case GroupBy::kProvince: out.key = x.provinces.values[g]; break;
      case GroupBy::kSector: out.key = x.sectors.values[g]; break;
      case GroupBy::kWomenManaged:
      case GroupBy::kYouth: out.key = g ? "true" : "false"; break;
    }
    answer.rows.push_back(std::move(out));
  }
  return answer;
}

}  // namespace hoptac::fund

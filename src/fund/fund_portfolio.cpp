// FundService: the portfolio (portfolio.h) — every loan in memory, answering "as of D" — and the
// indicator source "fund.loans" that answers from it (README.md). The service keeps what the
// portfolio needs of each loan; after a committed write it recomputes that loan only and builds a
// new Portfolio from them, swapped in under a mutex (readers hold a shared_ptr to an immutable one).
#include <algorithm>
#include <charconv>

#include "fund/fund_service.h"
#include "fund/fund_store.h"

namespace hoptac::fund {
namespace {

using auth::Principal;
using storage::Connection;

PortfolioLoan PortfolioLoanOf(const Loan& loan, const LoanRecords& records, const LoanState& state) {
  PortfolioLoan p;
  p.loan_id = loan.id;
  p.fund_id = loan.fund_id;
  p.province_code = loan.province_code;
  p.sector = loan.sector;
  p.women_managed = loan.women_managed;
  p.youth = loan.youth;
  for (const DisbursementRecord& d : records.disbursements) p.disbursements.push_back({d.date, d.amount_vnd});
  for (const Allocation& a : state.allocations) {
    if (p.paid.empty() || p.paid.back().date != a.date) p.paid.push_back({a.date, 0, 0});
    p.paid.back().principal_vnd += a.principal_vnd;
    p.paid.back().interest_vnd += a.interest_vnd;
  }
  std::sort(p.paid.begin(), p.paid.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (const ScheduleLine& l : state.lines) p.lines.push_back({l.due_on, l.paid_on});
  std::sort(p.lines.begin(), p.lines.end(), [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  if (loan.write_off.status == "approved") p.written_off_on = loan.write_off.on;
  return p;
}

// The loan's whole history: as of its last record (or today, when later).
Date HistoryEnd(const LoanRecords& r, Date today) {
  Date last = today;
  for (const auto& d : r.disbursements) last = std::max(last, d.date);
  for (const auto& p : r.repayments) last = std::max(last, p.date);
  for (const auto& s : r.reschedulings) last = std::max(last, s.on);
  return last;
}

}  // namespace

Status FundService::RebuildPortfolio() {
  std::vector<Loan> loans;
  std::map<int64_t, LoanRecords> records;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(loans, LoadLoans(conn, RecordFilter{}));
    HOPTAC_ASSIGN_OR_RETURN(records, LoadRecordsOf(conn, loans));
    return Ok();
  }));
  const Date today = Today();
  std::map<int64_t, PortfolioLoan> kept;
  for (const Loan& l : loans) {
    const LoanRecords& r = records[l.id];
    if (r.disbursements.empty()) continue;
    auto state = Compute(l, r, HistoryEnd(r, today));
    if (!state.ok()) continue;  // a loan the arithmetic refuses is left out (its page says why)
    kept.emplace(l.id, PortfolioLoanOf(l, r, *state));
  }
  std::vector<PortfolioLoan> all;
  all.reserve(kept.size());
  for (const auto& [id, p] : kept) all.push_back(p);
  auto built = Portfolio::Build(std::move(all));
  std::lock_guard<std::mutex> lock(portfolio_mutex_);
  portfolio_loans_ = std::move(kept);
  portfolio_ = std::move(built);
  return Ok();
}

void FundService::RefreshPortfolio(const Loan& loan, const LoanRecords& records) {
  std::optional<PortfolioLoan> fresh;
  if (!records.disbursements.empty()) {
    auto state = Compute(loan, records, HistoryEnd(records, Today()));
    if (state.ok()) fresh = PortfolioLoanOf(loan, records, *state);
  }
  std::lock_guard<std::mutex> lock(portfolio_mutex_);
  if (fresh)
    portfolio_loans_[loan.id] = std::move(*fresh);
  else
    portfolio_loans_.erase(loan.id);
  std::vector<PortfolioLoan> all;
  all.reserve(portfolio_loans_.size());
  for (const auto& [id, p] : portfolio_loans_) all.push_back(p);
  portfolio_ = Portfolio::Build(std::move(all));
}

std::shared_ptr<const Portfolio> FundService::portfolio() const {
  std::lock_guard<std::mutex> lock(portfolio_mutex_);
  return portfolio_;
}

Result<PortfolioAnswer> FundService::QueryPortfolio(const Principal& who, PortfolioQuery query) const {
  if (!who.national() && !who.province_bound())
    return Error::Make(ErrorCode::kPermissionDenied, "error.fund_staff_only");
  if (who.province_bound()) {
    if (query.province_code && *query.province_code != who.province_code)
      return Error::Make(ErrorCode::kPermissionDenied, "error.fund_portfolio_out_of_scope", {*query.province_code});
    query.province_code = who.province_code;
  }
  std::shared_ptr<const Portfolio> p = portfolio();
  if (!p) return Error::Internal("the portfolio is not built");
  return p->Query(query);
}

Result<std::map<int64_t, std::string>> FundService::FundNames() const {
  std::map<int64_t, std::string> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto funds, LoadFunds(conn));
    for (const Fund& f : funds) out[f.id] = f.name;
    return Ok();
  }));
  return out;
}

// ---- The indicator source "fund.loans" ----

namespace {

constexpr std::string_view kMeasures[] = {"loans_active", "outstanding_vnd", "par30_vnd", "loans_disbursed",
                                          "disbursed_vnd"};
constexpr std::string_view kFilters[] = {"women_managed", "youth", "fund"};

class FundLoansSource : public indicators::Source {
 public:
  explicit FundLoansSource(const FundService& svc) : svc_(svc) {}
  std::vector<std::string> Measures() const override {
    return std::vector<std::string>(std::begin(kMeasures), std::end(kMeasures));
  }
  Status Check(const indicators::Definition& d) const override {
    PortfolioQuery q;
    return Parse(d, q);
  }
  Result<indicators::Answer> Ask(const indicators::Question& question) const override {
    PortfolioQuery q;
    HOPTAC_TRY(Parse(question.definition, q));
    const std::string& m = question.definition.measure;
    const bool flow = m == "loans_disbursed" || m == "disbursed_vnd";
    q.as_of = question.to;
    q.from = flow ? question.from : question.to;
    if (!question.province.empty()) q.province_code = question.province;
    std::shared_ptr<const Portfolio> p = svc_.portfolio();
    if (!p) return Error::Internal("the portfolio is not built");
    HOPTAC_ASSIGN_OR_RETURN(PortfolioAnswer answer, p->Query(q));
    const PortfolioRow& t = answer.totals;
    indicators::Answer a;
    if (m == "loans_active") a.value = t.loans_active;
    if (m == "outstanding_vnd") a.value = t.outstanding_principal_vnd;
    if (m == "par30_vnd") a.value = t.par30_vnd;
    if (m == "loans_disbursed") a.value = t.loans_disbursed;
    if (m == "disbursed_vnd") a.value = t.disbursed_vnd;
    a.contributors = flow ? t.loans_disbursed : t.loans_active;
    a.description = question.definition.source + ": " + m;
    if (!question.definition.filters.empty())
      a.description += " where " + indicators::FiltersText(question.definition.filters);
    a.description +=
        "; " + (question.province.empty() ? std::string("the whole country") : "province " + question.province);
    a.description +=
        flow ? "; disbursed " + question.from.ToIso() + ".." + question.to.ToIso() : "; as of " + question.to.ToIso();
    return a;
  }

 private:
  static Status Parse(const indicators::Definition& d, PortfolioQuery& q) {
    std::vector<FieldError> errors;
    if (!OneOf(kMeasures, d.measure))
      errors.push_back({"measure", "unknown_measure", "field.invalid_enum", {d.measure, NamesText(kMeasures)}});
    for (const auto& [name, value] : d.filters) {
      if (name == "women_managed" || name == "youth") {
        if (value != "true" && value != "false") {
          errors.push_back({name, "invalid_enum", "field.invalid_enum", {value, "true, false"}});
          continue;
        }
        (name == "youth" ? q.youth : q.women_managed) = value == "true";
      } else if (name == "fund") {
        int64_t id = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
        if (ec != std::errc() || ptr != value.data() + value.size() || id <= 0)
          errors.push_back({name, "invalid_id", "field.fund_unknown_fund", {value}});
        else
          q.fund_id = id;
      } else {
        errors.push_back({name, "unknown_filter", "field.indicator_unknown_filter", {name, NamesText(kFilters)}});
      }
    }
    if (!errors.empty()) return Error::InvalidFields(std::move(errors));
    return Ok();
  }

  const FundService& svc_;
};

}  // namespace

std::shared_ptr<const indicators::Source> FundService::LoansSource() const {
  return std::make_shared<FundLoansSource>(*this);
}

}  // namespace hoptac::fund

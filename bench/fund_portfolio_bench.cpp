// The support fund's portfolio at the scale of issue 18: 100 000 loans with about 2 000 000
// schedule lines (deterministic: a fixed seed and our own generator, so every machine builds the
// same book), 34 provinces, 35 funds (the national one and one per province), 8 sectors, 25 %
// women-managed, 15 % youth, 10–40 lines each, monthly or quarterly; 60 % pay on time, 15 % stop
// paying (in arrears), 10 % pay every line late, 10 % repay early, 5 % stop paying and are
// written off 180 days after the first missed line.
//
// Measured: fund::Portfolio::Build over the book (time and the index's bytes), Query as of
// 30/06/2026 grouped by province, fund and women_managed (and ungrouped), and, as the reference,
// the same answer computed naively in the same process: a loop over every loan summing its
// records and calling fund::DaysInArrears over its schedule lines. The first run of each checks
// that both answers agree to the đồng (SkipWithError otherwise). Linked into hoptac_micro_bench:
//
//   build/dev/bench/hoptac_micro_bench --benchmark_filter=FundPortfolio --benchmark_repetitions=5
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "fund/loan.h"
#include "fund/portfolio.h"

namespace {

using hoptac::Date;
using namespace hoptac::fund;

constexpr int kLoans = 100'000;
constexpr const char* kProvinces[] = {"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25",
                                      "31", "33", "37", "38", "40", "42", "44", "46", "48", "51", "52", "56",
                                      "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"};
constexpr const char* kSectors[] = {"agriculture", "aquaculture", "forestry", "handicraft",
                                    "trade",       "transport",   "credit",   "services"};

// splitmix64: the same numbers on every platform (std::uniform_int_distribution is not).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
};

Date AddMonths(Date d, int months) {
  int m = d.month() - 1 + months;
  return Date::FromCivil(d.year() + m / 12, m % 12 + 1, std::min(d.day(), 28));
}

// The book twice: as the portfolio keeps it, and as the service holds it (the computed schedule
// lines, which the naive reference reads with fund::DaysInArrears).
struct Book {
  std::vector<PortfolioLoan> loans;
  std::vector<std::vector<ScheduleLine>> schedules;
  size_t lines = 0;
};

const Date kHorizon = Date::FromCivil(2026, 12, 5);  // "today": nothing is recorded after it
const Date kAsOf = Date::FromCivil(2026, 6, 30);

Book Synthesise() {
  Book book;
  book.loans.reserve(kLoans);
  book.schedules.reserve(kLoans);
  Rng rng{20260618};
  const int first_day = Date::FromCivil(2020, 1, 1).days();
  const int span = Date::FromCivil(2026, 11, 30).days() - first_day;
  for (int i = 0; i < kLoans; ++i) {
    PortfolioLoan l;
    l.loan_id = i + 1;
    const int province = rng.Below(34);
    l.province_code = kProvinces[province];
    l.fund_id = rng.Below(10) < 4 ? 1 : 2 + province;
    l.sector = kSectors[rng.Below(8)];
    l.women_managed = rng.Below(100) < 25;
    l.youth = rng.Below(100) < 15;
    const int n = rng.Below(10) < 9 ? 10 + rng.Below(21) : 31 + rng.Below(10);
    const int step = rng.Below(4) == 0 ? 3 : 1;
    const Date disbursed = Date::FromDays(first_day + rng.Below(span));
    const Money amount = Money{50 + rng.Below(1951)} * 1'000'000;
    const int64_t rate_e4 = 60'000 + rng.Below(30'001);
    if (rng.Below(5) == 0) {  // two tranches
      l.disbursements.push_back({disbursed, amount / 2});
      Date second = Date::FromDays(disbursed.days() + 10 + rng.Below(16));
      l.disbursements.push_back({second, amount - amount / 2});
    } else {
      l.disbursements.push_back({disbursed, amount});
    }

    const int behaviour = rng.Below(100);
    const int stop = rng.Below(n);  // the line where trouble (or the early repayment) starts
    std::vector<ScheduleLine> schedule;
    schedule.reserve(static_cast<size_t>(n));
    Money balance = amount;
    Date previous = disbursed, last_paid = disbursed;
    for (int k = 0; k < n; ++k) {
      ScheduleLine line;
      line.number = k + 1;
      line.from = previous;
      line.due_on = AddMonths(disbursed, (k + 1) * step);
      line.principal_vnd = k == n - 1 ? balance : amount / n;
      line.interest_vnd = static_cast<Money>(static_cast<__int128>(balance) * rate_e4 *
                                             (line.due_on.days() - previous.days()) / (365 * 1'000'000));
      balance -= line.principal_vnd;
      line.balance_after_vnd = balance;
      previous = line.due_on;
      std::optional<Date> paid_on;
      if (behaviour < 60) {
        paid_on = line.due_on;
      } else if (behaviour < 75 || behaviour >= 95) {
        if (k < stop) paid_on = line.due_on;
      } else if (behaviour < 85) {
        paid_on = std::max(last_paid, Date::FromDays(line.due_on.days() + 5 + rng.Below(116)));
      } else {  // repaid early: everything from line `stop` on the day line `stop` falls due
        paid_on = k <= stop ? line.due_on : schedule[static_cast<size_t>(stop)].due_on;
      }
      if (paid_on && *paid_on <= kHorizon) {
        line.paid_on = paid_on;
        line.paid_principal_vnd = line.principal_vnd;
        line.paid_interest_vnd = line.interest_vnd;
        last_paid = *paid_on;
        l.paid.push_back({*paid_on, line.principal_vnd, line.interest_vnd});
      }
      l.lines.push_back({line.due_on, line.paid_on});
      schedule.push_back(line);
    }
    if (behaviour >= 95) {
      Date off = Date::FromDays(schedule[static_cast<size_t>(stop)].due_on.days() + 180);
      if (off <= kHorizon) l.written_off_on = off;
    }
    book.lines += schedule.size();
    book.loans.push_back(std::move(l));
    book.schedules.push_back(std::move(schedule));
  }
  return book;
}

const Book& TheBook() {
  static const Book book = Synthesise();
  return book;
}

const Portfolio& TheIndex() {
  static const std::shared_ptr<const Portfolio> index = Portfolio::Build(TheBook().loans);
  return *index;
}

// The same answer without the index: every loan, every record, fund::DaysInArrears.
PortfolioAnswer Naive(const Book& book, const PortfolioQuery& q) {
  PortfolioAnswer answer;
  answer.as_of = q.as_of;
  answer.from = q.from ? *q.from : Date::FromCivil(q.as_of.year(), 1, 1);
  std::map<std::string, PortfolioRow> rows;
  std::map<int64_t, PortfolioRow> fund_rows;
  for (size_t i = 0; i < book.loans.size(); ++i) {
    const PortfolioLoan& l = book.loans[i];
    Date first = Date::FromDays(INT32_MAX);
    for (const Disbursement& d : l.disbursements) first = std::min(first, d.date);
    if (first > q.as_of) continue;
    if (q.fund_id && l.fund_id != *q.fund_id) continue;
    if (q.province_code && l.province_code != *q.province_code) continue;
    if (q.women_managed && l.women_managed != *q.women_managed) continue;
    if (q.youth && l.youth != *q.youth) continue;
    PortfolioRow* row = &answer.totals;
    switch (q.group_by) {
      case GroupBy::kNone: break;
      case GroupBy::kFund: row = &fund_rows[l.fund_id]; break;
      case GroupBy::kProvince: row = &rows[l.province_code]; break;
      case GroupBy::kSector: row = &rows[l.sector]; break;
      case GroupBy::kWomenManaged: row = &rows[l.women_managed ? "true" : "false"]; break;
      case GroupBy::kYouth: row = &rows[l.youth ? "true" : "false"]; break;
    }
    Money disbursed = 0, principal = 0, disbursed_at_off = 0, principal_at_off = 0;
    for (const Disbursement& d : l.disbursements) {
      if (d.date <= q.as_of) disbursed += d.amount_vnd;
      if (d.date >= answer.from && d.date <= q.as_of) row->disbursed_vnd += d.amount_vnd;
      if (l.written_off_on && d.date <= *l.written_off_on) disbursed_at_off += d.amount_vnd;
    }
    for (const PortfolioLoan::Paid& p : l.paid) {
      if (p.date <= q.as_of) principal += p.principal_vnd;
      if (p.date >= answer.from && p.date <= q.as_of) {
        row->principal_repaid_vnd += p.principal_vnd;
        row->interest_repaid_vnd += p.interest_vnd;
      }
      if (l.written_off_on && p.date <= *l.written_off_on) principal_at_off += p.principal_vnd;
    }
    if (first >= answer.from) ++row->loans_disbursed;
    Money outstanding = disbursed - principal;
    if (l.written_off_on && *l.written_off_on <= q.as_of) {
      outstanding = 0;
      if (*l.written_off_on >= answer.from) row->written_off_vnd += disbursed_at_off - principal_at_off;
    }
    if (outstanding <= 0) continue;
    ++row->loans_active;
    row->outstanding_principal_vnd += outstanding;
    if (l.women_managed) {
      ++answer.women_loans_active;
      answer.women_outstanding_vnd += outstanding;
    }
    const int days = DaysInArrears(book.schedules[i], q.as_of);
    if (days > 0) {
      ++row->loans_in_arrears;
      if (days > 30) row->par30_vnd += outstanding;
      if (days > 90) row->par90_vnd += outstanding;
    }
  }
  auto add = [&answer](const std::string& key, PortfolioRow row) {
    PortfolioRow& t = answer.totals;
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
    row.key = key;
    answer.rows.push_back(std::move(row));
  };
  for (auto& [id, row] : fund_rows) add(std::to_string(id), row);
  for (auto& [key, row] : rows) add(key, row);
  return answer;
}

bool Same(const PortfolioRow& a, const PortfolioRow& b) {
  return a.key == b.key && a.loans_active == b.loans_active && a.loans_in_arrears == b.loans_in_arrears &&
         a.outstanding_principal_vnd == b.outstanding_principal_vnd && a.disbursed_vnd == b.disbursed_vnd &&
         a.principal_repaid_vnd == b.principal_repaid_vnd && a.interest_repaid_vnd == b.interest_repaid_vnd &&
         a.par30_vnd == b.par30_vnd && a.par90_vnd == b.par90_vnd && a.written_off_vnd == b.written_off_vnd &&
         a.loans_disbursed == b.loans_disbursed;
}

bool Same(const PortfolioAnswer& a, const PortfolioAnswer& b) {
  if (a.rows.size() != b.rows.size() || !Same(a.totals, b.totals) || a.women_loans_active != b.women_loans_active ||
      a.women_outstanding_vnd != b.women_outstanding_vnd)
    return false;
  for (size_t i = 0; i < a.rows.size(); ++i)
    if (!Same(a.rows[i], b.rows[i])) return false;
  return true;
}

PortfolioQuery AsOf(GroupBy g) {
  PortfolioQuery q;
  q.as_of = kAsOf;
  q.group_by = g;
  return q;
}

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

void BM_FundPortfolioBuild(benchmark::State& state) {
  const Book& book = TheBook();
  size_t bytes = 0, rss = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<PortfolioLoan> copy = book.loans;
    const size_t before = ResidentBytes();
    state.ResumeTiming();
    auto index = Portfolio::Build(std::move(copy));
    state.PauseTiming();
    bytes = index->memory_bytes();
    rss = ResidentBytes() - std::min(ResidentBytes(), before);
    index.reset();
    state.ResumeTiming();
  }
  state.counters["loans"] = static_cast<double>(book.loans.size());
  state.counters["lines"] = static_cast<double>(book.lines);
  state.counters["index_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["rss_growth_MB"] = static_cast<double>(rss) / 1e6;  // the input is freed as it is read
}
BENCHMARK(BM_FundPortfolioBuild)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_FundPortfolioQuery(benchmark::State& state) {
  const GroupBy g = static_cast<GroupBy>(state.range(0));
  const Portfolio& index = TheIndex();
  const PortfolioQuery q = AsOf(g);
  static std::map<GroupBy, bool> checked;
  if (!checked[g]) {
    checked[g] = true;
    auto answer = index.Query(q);
    if (!answer.ok() || !Same(answer.value(), Naive(TheBook(), q))) {
      state.SkipWithError("the index and the naive loop disagree");
      return;
    }
  }
  for (auto _ : state) {
    auto answer = index.Query(q);
    benchmark::DoNotOptimize(answer);
  }
  state.SetLabel(GroupByName(g));
  state.counters["loans"] = static_cast<double>(index.loan_count());
  state.counters["lines"] = static_cast<double>(index.line_count());
}
BENCHMARK(BM_FundPortfolioQuery)
    ->Arg(static_cast<int>(GroupBy::kProvince))
    ->Arg(static_cast<int>(GroupBy::kFund))
    ->Arg(static_cast<int>(GroupBy::kWomenManaged))
    ->Arg(static_cast<int>(GroupBy::kNone))
    ->Unit(benchmark::kMillisecond);

void BM_FundPortfolioNaive(benchmark::State& state) {
  const GroupBy g = static_cast<GroupBy>(state.range(0));
  const Book& book = TheBook();
  const PortfolioQuery q = AsOf(g);
  for (auto _ : state) {
    PortfolioAnswer answer = Naive(book, q);
    benchmark::DoNotOptimize(answer);
  }
  state.SetLabel(GroupByName(g));
}
BENCHMARK(BM_FundPortfolioNaive)->Arg(static_cast<int>(GroupBy::kProvince))->Unit(benchmark::kMillisecond);

}  // namespace

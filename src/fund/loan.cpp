// The loan book's arithmetic (src/fund/loan.h states the rules).
//
// ComputeLoan replays the loan's events in date order (on one date: disbursements, then
// reschedulings, then repayments in id order) over a schedule held as lines. A disbursement, an
// advance repayment of principal or a rescheduling re-amortises the lines from the first one it
// touches (Reamortise); a repayment that only pays what is due changes no line. Each
// re-amortisation is O(lines) for equal principal and O(lines × a few) for equal instalment (the
// instalment is found by interpolation search over the exact integer simulation).
#include "fund/loan.h"

#include <algorithm>
#include <utility>

namespace hoptac::fund {
namespace {

using i128 = __int128;

constexpr int64_t kMaxRateE4 = 1'000'000;            // 100 %
constexpr Money kMaxAmount = 1'000'000'000'000'000;  // 10^15 đồng
constexpr int kMaxTermMonths = 600;
// A span's interest numerator is balance × rate_e4 × days; the đồng are numerator / this.
constexpr i128 kInterestDenominator = i128{365} * 1'000'000;

// num / den rounded half up; REQUIRES num ≥ 0, den > 0.
Money RoundDiv(i128 num, i128 den) {
  constexpr i128 kFast = i128{1} << 61;  // 128-bit division is slow: most numerators fit 64 bits
  if (num < kFast && den < kFast) {
    const int64_t n = static_cast<int64_t>(num);
    const int64_t d = static_cast<int64_t>(den);
    return (2 * n + d) / (2 * d);
  }
  return static_cast<Money>((2 * num + den) / (2 * den));
}

std::string Str(Money v) { return std::to_string(v); }
std::string Str(i128 v) {  // v ≥ 0
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v > 0);
  return digits;
}

FieldError MakeFieldError(std::string field, std::string code, std::string key, std::vector<std::string> args) {
  return FieldError{std::move(field), std::move(code), std::move(key), std::move(args)};
}

Error FieldFailure(std::string field, std::string code, std::string key, std::vector<std::string> args,
                   std::string detail) {
  Error e = Error::InvalidField(std::move(field), std::move(code), std::move(key), std::move(args));
  e.detail = std::move(detail);
  return e;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// The due dates first, first + step months, … (n of them), each day clamped to its month's end
// and always counted from `first` (31 Jan → 28/29 Feb → 31 Mar).
std::vector<Date> DueDates(Date first, int step, int n) {
  std::vector<Date> out;
  out.reserve(static_cast<size_t>(n));
  const int y0 = first.year();
  const int m0 = first.month() - 1;
  const int d0 = first.day();
  for (int k = 0; k < n; ++k) {
    const int m = m0 + k * step;
    const int y = y0 + m / 12;
    const int month = m % 12 + 1;
    out.push_back(Date::FromCivil(y, month, std::min(d0, DaysInMonth(y, month))));
  }
  return out;
}

struct Version {
  int64_t rate_e4 = 0;
  Method method = Method::kEqualPrincipal;
};

struct Line {
  ScheduleLine s;
  size_t version = 0;                  // index into the versions
  bool amortising = true;              // false: a grace line (interest only)
  Money start = 0;                     // scheduled balance at s.from
  Money advance = 0;                   // principal repaid in advance while this was the current line
  i128 carried = 0;                    // interest numerator carried in by a rescheduling (its first line)
  std::vector<Disbursement> tranches;  // disbursed in [from, due_on)

  Money Tranches() const {
    Money t = 0;
    for (const auto& d : tranches) t += d.amount_vnd;
    return t;
  }
  // The interest numerator of the period from `from` to `until` (≤ due_on): the balance at each
  // moment (start, plus each tranche from its date; advances do not reduce it) × rate × days.
  i128 Numerator(int64_t rate_e4, Date until) const {
    i128 num = 0;
    i128 balance = start;
    Date cursor = s.from;
    for (const auto& d : tranches) {
      if (d.date >= until) break;
      if (d.date > cursor) {
        num += balance * rate_e4 * (d.date.days() - cursor.days());
        cursor = d.date;
      }
      balance += d.amount_vnd;
    }
    if (until > cursor) num += balance * rate_e4 * (until.days() - cursor.days());
    return num;
  }
  bool FullyPaid() const { return s.paid_vnd() >= s.total_vnd(); }
};

class Engine {
 public:
  explicit Engine(const Terms& terms) : terms_(terms) {}

  Status Disburse(const Disbursement& d);
  Status Reschedule(const Rescheduling& r, size_t number);
  Status Repay(const Repayment& p);
  LoanState Finish(Date as_of);

 private:
  Status Reamortise(size_t j, Date t);
  Money FindInstalment(size_t j, Money balance, Money first_interest, int64_t rate_e4) const;
  size_t FirstDueOnOrAfter(Date d) const {
    return static_cast<size_t>(
        std::partition_point(lines_.begin(), lines_.end(), [&](const Line& l) { return l.s.due_on < d; }) -
        lines_.begin());
  }
  size_t FirstDueAfter(Date d) const {
    return static_cast<size_t>(
        std::partition_point(lines_.begin(), lines_.end(), [&](const Line& l) { return l.s.due_on <= d; }) -
        lines_.begin());
  }
  void SkipPaid() {
    while (first_unpaid_ < lines_.size() && lines_[first_unpaid_].FullyPaid()) ++first_unpaid_;
  }
  // What a repayment on `d` must be to close the loan: the outstanding principal and the unpaid
  // interest of every line up to the current one (the first due on or after d).
  Money ToClose(Date d) {
    SkipPaid();
    const size_t current = FirstDueOnOrAfter(d);
    const size_t end = current < lines_.size() ? current + 1 : lines_.size();
    Money due_interest = 0;
    for (size_t k = first_unpaid_; k < end; ++k)
      due_interest += lines_[k].s.interest_vnd - lines_[k].s.paid_interest_vnd;
    return disbursed_ - principal_repaid_ + due_interest;
  }
  void AddLines(const Terms& t, Date from, Money start, i128 carried, size_t version);

  const Terms& terms_;
  std::vector<Line> lines_;
  std::vector<Version> versions_;
  std::vector<Allocation> allocations_;
  std::vector<std::pair<size_t, Allocation>> touched_;  // Repay's scratch
  Money disbursed_ = 0;
  Money principal_repaid_ = 0;
  Money interest_repaid_ = 0;
  size_t first_unpaid_ = 0;
  std::optional<Date> repaid_on_;
};

void Engine::AddLines(const Terms& t, Date from, Money start, i128 carried, size_t version) {
  const int step = MonthsPerLine(t.frequency);
  const int n = t.term_months / step;
  const int grace = t.grace_months / step;
  const std::vector<Date> dues = DueDates(t.first_due_on, step, n);
  const size_t base = lines_.size();
  for (int k = 0; k < n; ++k) {
    Line l;
    l.s.number = static_cast<int>(base) + k + 1;
    l.s.version = static_cast<int>(version);
    l.s.from = k == 0 ? from : dues[static_cast<size_t>(k - 1)];
    l.s.due_on = dues[static_cast<size_t>(k)];
    l.version = version;
    l.amortising = k >= grace;
    if (k == 0) {
      l.start = start;
      l.carried = carried;
    }
    lines_.push_back(std::move(l));
  }
}

// The lines j.. (all of the current version) again from the balance scheduled at line j on date
// t: line j's interest keeps its spans (tranches so far; advances do not reduce it), the later
// lines' interest is on the balance the new principal leaves.
Status Engine::Reamortise(size_t j, Date t) {
  const Version& v = versions_[lines_[j].version];
  const size_t n = lines_.size();
  int amortising = 0;
  for (size_t k = j; k < n; ++k) amortising += lines_[k].amortising ? 1 : 0;
  Line& first = lines_[j];
  const Money balance = first.start + first.Tranches() - first.advance;
  const i128 first_num = first.Numerator(v.rate_e4, first.s.due_on);
  const Money first_plain = RoundDiv(first_num, kInterestDenominator);

  Money per_line = 0;  // equal principal: the principal per line; equal instalment: the instalment
  if (amortising > 0 && balance > 0) {
    per_line = v.method == Method::kEqualPrincipal ? RoundDiv(balance, amortising)
                                                   : FindInstalment(j, balance, first_plain, v.rate_e4);
  }
  Money left = balance;
  for (size_t k = j; k < n; ++k) {
    Line& l = lines_[k];
    Money interest_plain;
    if (k == j) {
      interest_plain = first_plain;
      l.s.interest_vnd = RoundDiv(first_num + l.carried, kInterestDenominator);
    } else {
      l.start = left;
      l.advance = 0;
      l.s.from = lines_[k - 1].s.due_on;
      const i128 num = l.Numerator(v.rate_e4, l.s.due_on);
      interest_plain = RoundDiv(num, kInterestDenominator);
      l.s.interest_vnd = RoundDiv(num + l.carried, kInterestDenominator);
    }
    Money principal = 0;
    if (l.amortising) {
      if (k + 1 == n) {
        principal = left;
      } else if (v.method == Method::kEqualPrincipal) {
        principal = std::min(per_line, left);
      } else {
        principal = std::clamp<Money>(per_line - interest_plain, 0, left);
      }
    }
    // A line already paid keeps at least what was paid of its principal (a tranche re-amortising
    // the current line could otherwise lower it by a rounding đồng).
    if (principal < l.s.paid_principal_vnd) principal = std::min(l.s.paid_principal_vnd, left);
    l.s.principal_vnd = principal;
    left -= principal;
    l.s.balance_after_vnd = left;
    if (l.FullyPaid()) {
      if (!l.s.paid_on) l.s.paid_on = t;
    } else {
      l.s.paid_on.reset();
    }
  }
  first_unpaid_ = std::min(first_unpaid_, j);
  return Ok();
}

// The smallest whole-đồng instalment A such that paying A on every amortising line from j
// (interest first, principal never below 0 nor above the balance) leaves the last line's
// interest + balance ≤ A. The excess (last line's due − A) falls as A grows, almost linearly.
// The search starts from the annuity without rounding (in 10^-18 fixed point: A = (B + I_j) /
// (1 + Σ discount factors), or B / Σ when line j is a grace line), which is within a đồng or two,
// and closes the bracket by interpolation (Illinois), every fourth step a bisection: usually
// 2–3 simulations of the remaining lines.
Money Engine::FindInstalment(size_t j, Money balance, Money first_interest, int64_t rate_e4) const {
  const size_t n = lines_.size();
  int amortising = 0;
  int max_days = 0;
  constexpr i128 kOne = 1'000'000'000'000'000'000;  // 10^18
  i128 discount = kOne;                             // Π 1 / (1 + r) over the amortising lines after j
  i128 discounts = 0;                               // Σ of those products
  for (size_t k = j; k < n; ++k) {
    amortising += lines_[k].amortising ? 1 : 0;
    const Date from = k == j ? lines_[k].s.from : lines_[k - 1].s.due_on;
    const int days = lines_[k].s.due_on.days() - from.days();
    max_days = std::max(max_days, days);
    if (k > j && lines_[k].amortising) {
      discount = discount * kInterestDenominator / (kInterestDenominator + i128{rate_e4} * days);
      discounts += discount;
    }
  }
  auto excess = [&](i128 a) -> i128 {
    i128 left = balance;
    for (size_t k = j; k < n; ++k) {
      const Line& l = lines_[k];
      i128 interest;
      if (k == j) {
        interest = first_interest;
      } else {
        interest = RoundDiv(left * rate_e4 * (l.s.due_on.days() - lines_[k - 1].s.due_on.days()), kInterestDenominator);
      }
      if (k + 1 == n) return interest + left - a;
      if (!l.amortising) continue;
      i128 principal = a - interest;
      if (principal < 0) principal = 0;
      if (principal > left) principal = left;
      left -= principal;
    }
    return 0;  // unreachable: the last line returns
  };
  // L × A < balance cannot repay it: lo fails. A = balance + the largest interest pays it all on
  // the first amortising line: hi passes.
  i128 lo = (balance + amortising - 1) / amortising - 1;
  i128 hi = i128{balance} + first_interest + RoundDiv(i128{balance} * rate_e4 * max_days, kInterestDenominator) + 1;
  i128 estimate;
  if (lines_[j].amortising) {
    estimate = (i128{balance} + first_interest) * kOne / (kOne + discounts);
  } else {
    estimate = discounts > 0 ? i128{balance} * kOne / discounts : hi;
  }
  // Probe the estimate, then its neighbour on the other side of the bracket.
  i128 f_lo = 0;
  i128 f_hi = 0;
  bool have_lo = false;
  bool have_hi = false;
  auto probe = [&](i128 a) {
    const i128 f = excess(a);
    if (f <= 0) {
      hi = a;
      f_hi = f;
      have_hi = true;
    } else {
      lo = a;
      f_lo = f;
      have_lo = true;
    }
  };
  if (estimate > lo && estimate < hi) {
    probe(estimate);
    if (have_hi && hi - 1 > lo) {
      probe(hi - 1);
    } else if (have_lo && lo + 1 < hi) {
      probe(lo + 1);
    }
  }
  if (hi - lo <= 1) return static_cast<Money>(hi);
  if (!have_lo) f_lo = excess(lo);
  if (!have_hi) f_hi = excess(hi);
  while (f_hi > 0) {  // defensive; the bound above passes
    lo = hi;
    f_lo = f_hi;
    hi *= 2;
    f_hi = excess(hi);
  }
  if (f_lo <= 0) return static_cast<Money>(lo);  // defensive
  int kept = 0;                                  // > 0: hi was kept that many times in a row; < 0: lo
  for (int step = 0; hi - lo > 1; ++step) {
    i128 guess;
    if (step % 4 == 3) {
      guess = lo + (hi - lo) / 2;
    } else {
      guess = lo + (hi - lo) * f_lo / (f_lo - f_hi);
    }
    guess = std::clamp(guess, lo + 1, hi - 1);
    const i128 f = excess(guess);
    if (f <= 0) {
      hi = guess;
      f_hi = f;
      kept = kept < 0 ? kept - 1 : -1;  // lo kept
      if (kept <= -2) f_lo /= 2;        // Illinois: do not let a stale end hold the interpolation back
    } else {
      lo = guess;
      f_lo = f;
      kept = kept > 0 ? kept + 1 : 1;  // hi kept
      if (kept >= 2) f_hi /= 2;
    }
    if (f_lo == 0) f_lo = 1;  // lo fails: its excess stays positive
  }
  return static_cast<Money>(hi);
}

Status Engine::Disburse(const Disbursement& d) {
  auto detail = [&] { return "disbursement on " + d.date.ToIso(); };
  if (d.amount_vnd <= 0) {
    return FieldFailure("amount_vnd", "out_of_range", "field.fund_disbursement_amount", {d.date.ToIso()}, detail());
  }
  if (d.amount_vnd > terms_.amount_vnd - disbursed_) {
    return FieldFailure(
        "amount_vnd", "above_approved", "field.fund_disbursement_above_approved",
        {Str(i128{disbursed_} + d.amount_vnd), Str(terms_.amount_vnd), Str(terms_.amount_vnd - disbursed_)}, detail());
  }
  size_t j = 0;
  if (lines_.empty()) {
    if (d.date >= terms_.first_due_on) {
      return FieldFailure("date", "after_first_due", "field.fund_disbursement_after_first_due",
                          {d.date.ToIso(), terms_.first_due_on.ToIso()}, detail());
    }
    versions_.push_back({terms_.rate_e4, terms_.method});
    AddLines(terms_, d.date, 0, 0, 0);
  } else {
    j = FirstDueAfter(d.date);
    if (j == lines_.size()) {
      return FieldFailure("date", "after_last_due", "field.fund_disbursement_after_last_due",
                          {d.date.ToIso(), lines_.back().s.due_on.ToIso()}, detail());
    }
  }
  lines_[j].tranches.push_back(d);
  disbursed_ += d.amount_vnd;
  repaid_on_.reset();
  return Reamortise(j, d.date);
}

Status Engine::Reschedule(const Rescheduling& r, size_t number) {
  auto detail = [&] { return "rescheduling on " + r.on.ToIso(); };
  if (lines_.empty()) {
    return FieldFailure("on", "before_disbursement", "field.fund_reschedule_before_disbursement", {r.on.ToIso()},
                        detail());
  }
  if (disbursed_ - principal_repaid_ == 0) {
    return FieldFailure("on", "repaid", "field.fund_reschedule_after_repaid",
                        {r.on.ToIso(), repaid_on_ ? repaid_on_->ToIso() : std::string()}, detail());
  }
  Terms checked = r.terms;
  checked.amount_vnd = 1;  // the balance on R is scheduled, not an amount
  std::vector<FieldError> errors = CheckTerms(checked);
  if (!errors.empty()) {
    Error e = Error::InvalidFields(std::move(errors));
    e.detail = detail();
    return e;
  }
  if (r.terms.first_due_on <= r.on) {
    return FieldFailure("first_due_on", "not_after_on", "field.fund_reschedule_first_due",
                        {r.terms.first_due_on.ToIso(), r.on.ToIso()}, detail());
  }
  const size_t kept = FirstDueAfter(r.on);
  if (kept == lines_.size()) {
    return FieldFailure("on", "nothing_left", "field.fund_reschedule_nothing_left",
                        {r.on.ToIso(), lines_.back().s.due_on.ToIso()}, detail());
  }
  for (size_t k = kept; k < lines_.size(); ++k) {
    if (lines_[k].s.paid_vnd() > 0) {
      return FieldFailure("on", "paid_ahead", "field.fund_reschedule_paid_ahead",
                          {lines_[k].s.due_on.ToIso(), r.on.ToIso()}, detail());
    }
  }
  const Line& cut = lines_[kept];
  const i128 accrued = cut.carried + cut.Numerator(versions_[cut.version].rate_e4, r.on);
  const Money balance = cut.start + cut.Tranches() - cut.advance;
  lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(kept), lines_.end());
  versions_.push_back({r.terms.rate_e4, r.terms.method});
  AddLines(r.terms, r.on, balance, accrued, number);
  first_unpaid_ = std::min(first_unpaid_, kept);
  return Reamortise(kept, r.on);
}

Status Engine::Repay(const Repayment& p) {
  auto detail = [&] { return "repayment " + std::to_string(p.id) + " on " + p.date.ToIso(); };
  if (lines_.empty()) {
    return FieldFailure("date", "before_disbursement", "field.fund_repayment_before_disbursement", {p.date.ToIso()},
                        detail());
  }
  if (p.amount_vnd <= 0) {
    return FieldFailure("amount_vnd", "out_of_range", "field.fund_repayment_amount", {p.date.ToIso()}, detail());
  }
  const Money to_close = ToClose(p.date);
  if (p.amount_vnd > to_close) {
    return FieldFailure("amount_vnd", "above_to_close", "field.fund_repayment_above_to_close",
                        {Str(to_close), p.date.ToIso(), Str(p.amount_vnd)}, detail());
  }
  const size_t current = FirstDueOnOrAfter(p.date);  // lines before it are due before the date
  Money left = p.amount_vnd;
  // Overdue interest, oldest first, then overdue principal, oldest first.
  std::vector<std::pair<size_t, Allocation>>& touched = touched_;  // line index, allocation
  touched.clear();
  auto touch = [&](size_t k) -> Allocation& {
    for (auto& [index, a] : touched)
      if (index == k) return a;
    touched.push_back({k, Allocation{p.id, p.date, lines_[k].s.number, 0, 0}});
    return touched.back().second;
  };
  for (size_t k = first_unpaid_; k < current && left > 0; ++k) {
    ScheduleLine& s = lines_[k].s;
    const Money pay = std::min(left, s.interest_vnd - s.paid_interest_vnd);
    if (pay > 0) {
      s.paid_interest_vnd += pay;
      touch(k).interest_vnd += pay;
      left -= pay;
    }
  }
  for (size_t k = first_unpaid_; k < current && left > 0; ++k) {
    ScheduleLine& s = lines_[k].s;
    const Money pay = std::min(left, s.principal_vnd - s.paid_principal_vnd);
    if (pay > 0) {
      s.paid_principal_vnd += pay;
      touch(k).principal_vnd += pay;
      left -= pay;
    }
  }
  // The current line: interest, then principal.
  if (current < lines_.size() && left > 0) {
    ScheduleLine& s = lines_[current].s;
    const Money interest = std::min(left, s.interest_vnd - s.paid_interest_vnd);
    left -= interest;
    const Money principal = std::min(left, s.principal_vnd - s.paid_principal_vnd);
    left -= principal;
    if (interest > 0 || principal > 0) {
      Allocation& a = touch(current);
      a.interest_vnd += interest;
      a.principal_vnd += principal;
      s.paid_interest_vnd += interest;
      s.paid_principal_vnd += principal;
    }
  }
  std::sort(touched.begin(), touched.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [k, a] : touched) {
    Line& l = lines_[k];
    if (l.FullyPaid() && !l.s.paid_on) l.s.paid_on = p.date;
    interest_repaid_ += a.interest_vnd;
    principal_repaid_ += a.principal_vnd;
    allocations_.push_back(a);
  }
  // What is left repays principal in advance: the lines after the current one are recomputed.
  if (left > 0 && current + 1 >= lines_.size()) {
    return Error::Internal("fund: an advance with no line after the current one (" + detail() + ")");
  }
  if (left > 0) {
    // left ≤ to_close − the dues so far = the balance scheduled after the current line, so there
    // is a current line that is not the last.
    Line& c = lines_[current];
    c.advance += left;
    c.s.balance_after_vnd -= left;
    principal_repaid_ += left;
    allocations_.push_back(Allocation{p.id, p.date, 0, 0, left});
    lines_[current + 1].start = c.s.balance_after_vnd;
    HOPTAC_TRY(Reamortise(current + 1, p.date));
  }
  if (disbursed_ - principal_repaid_ == 0) repaid_on_ = p.date;
  return Ok();
}

LoanState Engine::Finish(Date as_of) {
  LoanState st;
  st.disbursed_vnd = disbursed_;
  st.principal_repaid_vnd = principal_repaid_;
  st.interest_repaid_vnd = interest_repaid_;
  st.outstanding_principal_vnd = disbursed_ - principal_repaid_;
  st.repaid_on = repaid_on_;
  st.allocations = std::move(allocations_);
  if (lines_.empty()) return st;
  st.to_close_vnd = ToClose(as_of);
  const size_t current = FirstDueOnOrAfter(as_of);
  st.lines.reserve(lines_.size());
  for (size_t k = 0; k < lines_.size(); ++k) {
    ScheduleLine s = lines_[k].s;
    if (s.paid_vnd() >= s.total_vnd()) {
      s.state = LineState::kPaid;
    } else if (s.due_on < as_of) {
      s.state = LineState::kOverdue;
      st.overdue_interest_vnd += s.interest_vnd - s.paid_interest_vnd;
      st.overdue_principal_vnd += s.principal_vnd - s.paid_principal_vnd;
      if (!st.oldest_overdue_due_on) st.oldest_overdue_due_on = s.due_on;
    } else if (s.paid_vnd() > 0) {
      s.state = LineState::kPartlyPaid;
    } else if (k == current) {
      s.state = LineState::kDue;
    } else {
      s.state = LineState::kFuture;
    }
    st.lines.push_back(std::move(s));
  }
  st.days_in_arrears = DaysInArrears(st.lines, as_of);
  return st;
}

}  // namespace

const char* MethodName(Method m) { return m == Method::kEqualPrincipal ? "equal_principal" : "equal_instalment"; }

const char* FrequencyName(Frequency f) { return f == Frequency::kMonthly ? "monthly" : "quarterly"; }

std::optional<Method> ParseMethod(std::string_view name) {
  if (name == "equal_principal") return Method::kEqualPrincipal;
  if (name == "equal_instalment") return Method::kEqualInstalment;
  return std::nullopt;
}

std::optional<Frequency> ParseFrequency(std::string_view name) {
  if (name == "monthly") return Frequency::kMonthly;
  if (name == "quarterly") return Frequency::kQuarterly;
  return std::nullopt;
}

int MonthsPerLine(Frequency f) { return f == Frequency::kMonthly ? 1 : 3; }

std::optional<int64_t> ParseRatePercent(std::string_view text) {
  // digits [ "." 1–4 digits ], 0 ≤ value ≤ 100; no sign, no spaces, no exponent, no comma.
  size_t i = 0;
  int64_t whole = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 100) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  int64_t fraction = 0;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    ++i;
    int digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++digits > 4) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
      ++i;
    }
    if (digits == 0 || i != text.size()) return std::nullopt;
    for (; digits < 4; ++digits) fraction *= 10;
  }
  const int64_t rate = whole * 10'000 + fraction;
  if (rate > kMaxRateE4) return std::nullopt;
  return rate;
}

std::string FormatRatePercent(int64_t rate_e4) {
  std::string out;
  if (rate_e4 < 0) {
    out = "-";
    rate_e4 = -rate_e4;
  }
  out += std::to_string(rate_e4 / 10'000);
  int64_t fraction = rate_e4 % 10'000;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 4 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

const char* LineStateName(LineState s) {
  switch (s) {
    case LineState::kPaid: return "paid";
    case LineState::kPartlyPaid: return "partly_paid";
    case LineState::kOverdue: return "overdue";
    case LineState::kDue: return "due";
    case LineState::kFuture: return "future";
  }
  return "future";
}

std::vector<FieldError> CheckTerms(const Terms& terms) {
  std::vector<FieldError> errors;
  const int step = MonthsPerLine(terms.frequency);
  if (terms.amount_vnd <= 0 || terms.amount_vnd > kMaxAmount) {
    errors.push_back(MakeFieldError("amount_vnd", "out_of_range", "field.fund_amount", {Str(kMaxAmount)}));
  }
  if (terms.rate_e4 < 0 || terms.rate_e4 > kMaxRateE4) {
    errors.push_back(MakeFieldError("rate_percent_year", "out_of_range", "field.fund_rate_percent", {}));
  }
  const bool term_ok =
      terms.term_months >= step && terms.term_months <= kMaxTermMonths && terms.term_months % step == 0;
  if (!term_ok) {
    errors.push_back(MakeFieldError("term_months", "out_of_range", "field.fund_term_months",
                                    {std::to_string(step), std::to_string(kMaxTermMonths)}));
  }
  if (terms.grace_months < 0 || terms.grace_months % step != 0 ||
      terms.grace_months >= (term_ok ? terms.term_months : kMaxTermMonths)) {
    errors.push_back(
        MakeFieldError("grace_months", "out_of_range", "field.fund_grace_months",
                       {std::to_string(step), std::to_string(term_ok ? terms.term_months : kMaxTermMonths)}));
  }
  const int year = terms.first_due_on.year();
  if (year < 1990 || year > 2100) {
    errors.push_back(
        MakeFieldError("first_due_on", "out_of_range", "field.fund_first_due_on", {terms.first_due_on.ToIso()}));
  }
  return errors;
}

Result<LoanState> ComputeLoan(const Terms& terms, std::span<const Disbursement> disbursements,
                              std::span<const Repayment> repayments, std::span<const Rescheduling> reschedulings,
                              Date as_of) {
  std::vector<FieldError> errors = CheckTerms(terms);
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));

  // The events up to as_of, in date order; on one date disbursements, reschedulings, repayments.
  struct Event {
    Date date;
    int kind;     // 0 disbursement, 1 rescheduling, 2 repayment
    int64_t key;  // repayments: the id; others: the position given
    size_t index;
  };
  std::vector<Event> events;
  events.reserve(disbursements.size() + repayments.size() + reschedulings.size());
  for (size_t i = 0; i < disbursements.size(); ++i) {
    if (disbursements[i].date <= as_of) events.push_back({disbursements[i].date, 0, static_cast<int64_t>(i), i});
  }
  for (size_t i = 0; i < reschedulings.size(); ++i) {
    if (reschedulings[i].on <= as_of) events.push_back({reschedulings[i].on, 1, static_cast<int64_t>(i), i});
  }
  for (size_t i = 0; i < repayments.size(); ++i) {
    if (repayments[i].date <= as_of) events.push_back({repayments[i].date, 2, repayments[i].id, i});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.key < b.key;
  });

  Engine engine(terms);
  size_t version = 0;
  for (const Event& e : events) {
    switch (e.kind) {
      case 0: HOPTAC_TRY(engine.Disburse(disbursements[e.index])); break;
      case 1: HOPTAC_TRY(engine.Reschedule(reschedulings[e.index], ++version)); break;
      default: HOPTAC_TRY(engine.Repay(repayments[e.index])); break;
    }
  }
  return engine.Finish(as_of);
}

Result<std::vector<ScheduleLine>> PlanSchedule(const Terms& terms, Date on) {
  const Disbursement all{on, terms.amount_vnd};
  HOPTAC_ASSIGN_OR_RETURN(LoanState state, ComputeLoan(terms, std::span(&all, 1), {}, {}, on));
  return std::move(state.lines);
}

int DaysInArrears(std::span<const ScheduleLine> lines, Date on) {
  for (const ScheduleLine& l : lines) {
    if (l.due_on >= on) break;
    if (!l.paid_on || *l.paid_on > on) return on.days() - l.due_on.days();
  }
  return 0;
}

}  // namespace hoptac::fund

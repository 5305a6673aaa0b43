// The loan book's arithmetic: a loan's repayment schedule from its approved terms, its
// disbursements, repayments and reschedulings, and its state on any date. No I/O.
//
// Rules (stated to users in src/fund/README.md; Apache Fineract is the reference for the behaviour):
// - Money is integer đồng (`Money`, int64); products go through __int128; nothing passes through
//   floating point. A yearly rate is `rate_e4`: percent × 10 000 (7.25 % → 72 500), so the yearly
//   fraction is rate_e4 / 1 000 000.
// - Interest: on the scheduled outstanding principal, actual/365 (every year, leap or not, counts
//   365 days; a period's interest is Σ balance × rate × days / 365 over the spans of the period
//   with a constant balance), rounded once per line to the nearest đồng, half up.
// - Dates: line k (0-based) falls due on first_due_on + k × (1 or 3) months, the day clamped to
//   the month's end (31 Jan → 28/29 Feb → 31 Mar, always counted from first_due_on). The first
//   period runs from the disbursement to first_due_on.
// - Grace: the first grace_months / (1 or 3) lines carry interest only; the principal is spread
//   over the other lines.
// - Equal principal: each amortising line repays balance / lines left (rounded half up, the last
//   line absorbs the remainder). Equal instalment: the smallest whole-đồng instalment A such that
//   paying A every amortising line (interest first) repays the balance by the last line; every
//   line is A but the last, which absorbs the remainder (found by search over the exact integer
//   schedule, so it holds with actual/365 days).
// - Tranches: each disbursement adds to the balance from its date; the balance is re-amortised
//   over the amortising lines that fall due after it.
// - Repayments are allocated, in date order, to overdue interest (oldest line first), then overdue
//   principal (oldest first), then the current line (the first not yet due: interest, then
//   principal). A line is overdue on date D when its due date is before D and it is not paid.
// - Early repayment: what is left after the current line repays principal in advance; the lines
//   after the current one are recomputed on the reduced balance from the current line's due date
//   (same dates, smaller instalments; the term does not change); the current line's interest is
//   not reduced. A repayment larger than what closes the loan is refused, naming that amount.
// - Late repayment: no penalty interest; the overdue line is simply paid later.
// - Rescheduling on date R with new terms: lines due on or before R stay as they are (paid or
//   overdue); the balance then outstanding is scheduled again from R under the new terms; the
//   interest accrued from the last due date to R under the old terms is added to the first new
//   line. Each line says which version of the terms made it (0: the approval).
// - Days in arrears on D: D − the due date of the oldest line due before D that was not fully
//   paid by D (0 when none). PAR30 / PAR90: outstanding principal of loans more than 30 / 90 days
//   in arrears.
//
// Decisions where the rules above leave room (made with the implementation, src/fund/loan.cpp):
// - Order of events on one date: disbursements, then reschedulings, then repayments (by id).
// - The first disbursement must come before first_due_on; a later tranche before the last due
//   date of the current schedule (a line must fall due after it). A tranche on a due date belongs
//   to the next line. No disbursement by as_of: no lines, every amount 0 (PlanSchedule projects).
// - Equal principal: at each re-amortisation (disbursement, advance, rescheduling) the amount
//   per line is P = balance / amortising lines left, half up; each amortising line repays
//   min(P, what is left), the last line what is left.
// - Equal instalment: a line's principal is A − its interest, never below 0 nor above what is
//   left: where a long period's interest exceeds A (very long terms at high rates, e.g. 50 years at
//   12 %: 31-day months) the line costs its interest only, more than A. Line j's interest when
//   re-amortising mid-period is its interest so far (tranches counted by their days).
// - A tranche re-amortises from the line whose period holds it (its interest counts each balance
//   for its days); a line already paid keeps at least the principal paid on it.
// - Advance repayment: the current line's principal and interest stay; its balance_after_vnd
//   includes the advance. Repaying everything leaves the later lines at 0 (the term is kept).
// - A line with nothing to pay (0 total: after the loan is repaid early, a 0 % grace line) is
//   paid on the date of the event that computed it (paid_on), never after its due date.
// - to_close on D = outstanding principal + unpaid interest of every line up to the current one
//   (the current line's whole interest: it is not reduced); after the last due date, the overdue.
// - Rescheduling on R: what is scheduled again is the balance scheduled after the kept lines
//   (their unpaid principal stays overdue in them). Refused when no line falls due after R
//   (nothing left to schedule: a matured loan's overdue lines stay as they are), when a line due
//   after R has already been paid in part (reschedule on or after its due date), when the new
//   first_due_on is not after R. The accrued interest and the first new line's interest are
//   added as exact numerators and rounded once. Version k = the k-th rescheduling by date.
// - Error fields are the request's member names ("date", "amount_vnd", "on", "first_due_on",
//   "rate_percent_year", "term_months", "grace_months"); the key names the kind of record
//   (field.fund_repayment_above_to_close: args [to_close, date, amount]); Error::detail names
//   the record (e.g. "repayment 17 on 2026-03-10").
// - CheckTerms: amount from 1 đồng; first_due_on within the years 1990–2100 (an unset date
//   fails). ParseRatePercent: digits, optionally "." and 1–4 digits; no sign, space, comma or
//   exponent. DaysInArrears: a line paid on D is not in arrears on D.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::fund {

using Money = int64_t;  // đồng

enum class Method { kEqualPrincipal, kEqualInstalment };
enum class Frequency { kMonthly, kQuarterly };

const char* MethodName(Method m);        // "equal_principal" | "equal_instalment"
const char* FrequencyName(Frequency f);  // "monthly" | "quarterly"
std::optional<Method> ParseMethod(std::string_view name);
std::optional<Frequency> ParseFrequency(std::string_view name);
int MonthsPerLine(Frequency f);  // 1 or 3

// "7.25" → 72500 (at most 4 decimals, 0 ≤ rate ≤ 100); nullopt otherwise. Never via double.
std::optional<int64_t> ParseRatePercent(std::string_view text);
std::string FormatRatePercent(int64_t rate_e4);  // 72500 → "7.25", 70000 → "7"

// Approved (or rescheduled) terms.
struct Terms {
  Money amount_vnd = 0;  // approved principal
  int64_t rate_e4 = 0;   // yearly rate, percent × 10 000
  int term_months = 0;   // whole term, grace included; a multiple of MonthsPerLine
  int grace_months = 0;  // principal grace; < term_months; a multiple of MonthsPerLine
  Method method = Method::kEqualPrincipal;
  Frequency frequency = Frequency::kMonthly;
  Date first_due_on;
};

// Field errors ("amount_vnd", "rate_percent_year", "term_months", "grace_months",
// "first_due_on") with keys "field.fund_*"; empty when valid. max_* of 0: no limit.
// amount ≤ 10^15 đồng; term ≤ 600 months.
std::vector<FieldError> CheckTerms(const Terms& terms);

struct Disbursement {
  Date date;
  Money amount_vnd = 0;
};

struct Repayment {
  int64_t id = 0;  // the stored repayment's id (allocations name it)
  Date date;
  Money amount_vnd = 0;
};

struct Rescheduling {
  Date on;      // R: the new terms apply to what falls due after R
  Terms terms;  // amount_vnd is ignored (the outstanding balance on R is scheduled)
};

enum class LineState { kPaid, kPartlyPaid, kOverdue, kDue, kFuture };
const char* LineStateName(LineState s);  // "paid" | "partly_paid" | "overdue" | "due" | "future"

struct ScheduleLine {
  int number = 0;   // 1-based over the whole schedule
  int version = 0;  // 0: the approval's terms; k: the k-th rescheduling
  Date from;        // start of the period (the disbursement, the previous due date, or R)
  Date due_on;
  Money principal_vnd = 0;
  Money interest_vnd = 0;
  Money balance_after_vnd = 0;           // scheduled outstanding principal after this line
  Money paid_principal_vnd = 0;          // by as_of
  Money paid_interest_vnd = 0;           // by as_of
  std::optional<Date> paid_on;           // the date it became fully paid (≤ as_of), if it did
  LineState state = LineState::kFuture;  // on as_of: paid, partly paid (not yet due), overdue, due (falls due
                                         // on as_of or is the current line), future
  Money total_vnd() const { return principal_vnd + interest_vnd; }
  Money paid_vnd() const { return paid_principal_vnd + paid_interest_vnd; }
};

// How one repayment was split.
struct Allocation {
  int64_t repayment_id = 0;
  Date date;
  int line = 0;  // line number; 0 for an advance repayment of principal
  Money interest_vnd = 0;
  Money principal_vnd = 0;
};

struct LoanState {
  std::vector<ScheduleLine> lines;      // every line, old versions' lines that remain included
  std::vector<Allocation> allocations;  // repayments ≤ as_of
  Money disbursed_vnd = 0;              // by as_of
  Money principal_repaid_vnd = 0;       // by as_of (scheduled and in advance)
  Money interest_repaid_vnd = 0;        // by as_of
  Money outstanding_principal_vnd = 0;  // disbursed − principal repaid
  Money overdue_principal_vnd = 0;
  Money overdue_interest_vnd = 0;
  Money to_close_vnd = 0;  // what a repayment on as_of must be to close the loan
  int days_in_arrears = 0;
  std::optional<Date> oldest_overdue_due_on;
  std::optional<Date> repaid_on;  // fully repaid (outstanding 0 after a disbursement)
};

// The loan on as_of: disbursements, repayments and reschedulings dated after as_of are ignored.
// Errors (kInvalidArgument with a field error naming the record): disbursements above the
// approved amount or before none; a repayment before the first disbursement, or above what
// closes the loan on its date (args: the amount that closes it); a rescheduling with bad terms
// or on a date before the first disbursement or after the loan was repaid.
// Disbursements, repayments and reschedulings need not be sorted.
Result<LoanState> ComputeLoan(const Terms& terms, std::span<const Disbursement> disbursements,
                              std::span<const Repayment> repayments, std::span<const Rescheduling> reschedulings,
                              Date as_of);

// The schedule as planned before any disbursement: the whole amount disbursed on `on`.
Result<std::vector<ScheduleLine>> PlanSchedule(const Terms& terms, Date on);

// days in arrears on `on` from a computed schedule (lines with paid_on): for the portfolio, which
// keeps only due dates and paid_on dates. REQUIRES: lines sorted by due_on, the whole history.
int DaysInArrears(std::span<const ScheduleLine> lines, Date on);

}  // namespace hoptac::fund

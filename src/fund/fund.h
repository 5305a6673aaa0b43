// The support fund's records and rules (README.md says what the capability promises); no I/O.
//
// A Fund (the national one: province "", at most one; one per current province) has its capital,
// its officers and its rules (each limit absent: none). An Application of a registry entity to a
// fund moves submitted → appraised (score 0..100 and notes; again while appraised) → approved
// (the loan's terms, checked against the fund's rules) | rejected (a reason; from submitted or
// appraised). A Loan keeps its approved terms (version 0); its disbursements, repayments and
// reschedulings are records of their own, and its state on a date is fund::ComputeLoan's.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "fund/loan.h"

namespace hoptac::fund {

inline constexpr std::string_view kApplicationStatuses[] = {"submitted", "appraised", "approved", "rejected"};
inline constexpr std::string_view kLoanStatuses[] = {"approved", "active", "repaid", "written_off"};
inline constexpr std::string_view kWriteOffStatuses[] = {"requested", "approved", "rejected"};

inline constexpr size_t kMaxNameLength = 300;
inline constexpr size_t kMaxTextLength = 5000;             // purpose, collateral, notes, reasons
inline constexpr Money kMaxMoney = 1'000'000'000'000'000;  // 10^15 đồng
inline constexpr int kMaxTermMonths = 600;

bool OneOf(std::span<const std::string_view> names, std::string_view name);
std::string NamesText(std::span<const std::string_view> names);  // "a, b, c"

struct FundRules {
  std::optional<Money> max_amount_vnd;
  std::optional<int> max_term_months;
  std::optional<int64_t> default_rate_e4;
  std::optional<int> max_grace_months;
};

struct Fund {
  int64_t id = 0;
  std::string name;
  std::string province_code;  // "" the national fund
  Money capital_vnd = 0;
  FundRules rules;
  std::vector<int64_t> officer_ids;  // sorted
  int64_t created_by = 0;
  int64_t created_at_ms = 0, updated_at_ms = 0;
  bool national() const { return province_code.empty(); }
};

struct Application {
  int64_t id = 0;
  std::string code;  // VV-YYYY-NNNN
  int64_t fund_id = 0;
  int64_t entity_id = 0;
  std::string province_code;  // the entity's current province when it applied
  std::string sector;         // "" unknown
  bool women_managed = false, youth = false;
  Money amount_vnd = 0;
  std::string purpose;
  int term_months = 0;
  std::string collateral;
  std::string status = "submitted";
  std::optional<int> appraisal_score;
  std::string appraisal_notes, appraised_by;
  int64_t appraised_at_ms = 0;
  std::string decision_reason, decided_by;
  int64_t decided_at_ms = 0;
  int64_t loan_id = 0;  // 0 none
  std::string submitted_by;
  int64_t submitted_by_user = 0;
  int64_t submitted_at_ms = 0, updated_at_ms = 0;
};

struct WriteOff {
  std::string status;  // "" none, else kWriteOffStatuses
  std::optional<Date> on;
  std::string reason, requested_by;
  int64_t requested_by_user = 0;
  int64_t requested_at_ms = 0;
  std::string decided_by;
  int64_t decided_at_ms = 0;
  std::string reject_reason;
  Money principal_vnd = 0;  // the outstanding principal written off (approved)
};

struct DisbursementRecord {
  int64_t id = 0;
  Date date;
  Money amount_vnd = 0;
  std::string by;
  int64_t at_ms = 0;
};

struct RepaymentRecord {
  int64_t id = 0;
  Date date;
  Money amount_vnd = 0;
  std::string note, by;
  int64_t at_ms = 0;
};

struct ReschedulingRecord {
  int64_t id = 0;
  int version = 0;  // 1, 2, …
  Date on;
  std::string reason;
  Terms terms;  // amount_vnd: the loan's approved amount (ignored by the arithmetic)
  std::string by;
  int64_t at_ms = 0;
};

struct Loan {
  int64_t id = 0;
  std::string code;  // KV-YYYY-NNNN
  int64_t fund_id = 0, application_id = 0, entity_id = 0;
  std::string province_code, sector;
  bool women_managed = false, youth = false;
  Terms terms;  // as approved (version 0)
  std::string status = "approved";
  std::optional<Date> repaid_on;
  std::string approved_by;
  int64_t approved_at_ms = 0;
  WriteOff write_off;
  int64_t updated_at_ms = 0;
};

// Whether an application in `from` may take `step` ("appraise", "approve", "reject").
bool MayMove(std::string_view from, std::string_view step);

// Field errors of a fund's own members (name, capital, rules), keys "field.fund_*".
std::vector<FieldError> CheckFund(const Fund& fund);
// Field errors of approved terms against the fund's rules ("amount_vnd" above max_amount_vnd,
// "term_months", "grace_months"), keys field.fund_amount_above_max, field.fund_term_above_max and
// field.fund_grace_above_max with the value and the limit.
std::vector<FieldError> CheckAgainstRules(const Terms& terms, const FundRules& rules);

// "VV-2026-0001": `prefix`, the year, the number with at least four digits.
std::string FormatCode(std::string_view prefix, int year, int64_t number);

// The day (Vietnam time) of an instant; "2026-12-05T09:30:00Z".
Date DayOf(int64_t ms);
std::string InstantText(int64_t ms);

}  // namespace hoptac::fund

#include "fund/fund.h"

#include <algorithm>
#include <cstdio>

namespace hoptac::fund {
namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
}  // namespace

bool OneOf(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string NamesText(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool MayMove(std::string_view from, std::string_view step) {
  if (step == "appraise" || step == "reject") return from == "submitted" || from == "appraised";
  if (step == "approve") return from == "appraised";
  return false;
}

std::vector<FieldError> CheckFund(const Fund& f) {
  std::vector<FieldError> e;
  if (f.capital_vnd < 0 || f.capital_vnd > kMaxMoney)
    e.push_back({"capital_vnd", "out_of_range", "field.fund_money_range", {"0", std::to_string(kMaxMoney)}});
  const FundRules& r = f.rules;
  if (r.max_amount_vnd && (*r.max_amount_vnd <= 0 || *r.max_amount_vnd > kMaxMoney))
    e.push_back({"rules.max_amount_vnd", "out_of_range", "field.fund_money_range", {"1", std::to_string(kMaxMoney)}});
  if (r.max_term_months && (*r.max_term_months <= 0 || *r.max_term_months > kMaxTermMonths))
    e.push_back(
        {"rules.max_term_months", "out_of_range", "field.fund_months_range", {"1", std::to_string(kMaxTermMonths)}});
  if (r.max_grace_months && (*r.max_grace_months < 0 || *r.max_grace_months > kMaxTermMonths))
    e.push_back(
        {"rules.max_grace_months", "out_of_range", "field.fund_months_range", {"0", std::to_string(kMaxTermMonths)}});
  if (r.default_rate_e4 && (*r.default_rate_e4 < 0 || *r.default_rate_e4 > 1'000'000))
    e.push_back({"rules.default_rate_percent_year", "invalid_rate", "field.fund_rate", {}});
  return e;
}

std::vector<FieldError> CheckAgainstRules(const Terms& t, const FundRules& r) {
  std::vector<FieldError> e;
  if (r.max_amount_vnd && t.amount_vnd > *r.max_amount_vnd)
    e.push_back({"amount_vnd",
                 "above_rule",
                 "field.fund_amount_above_max",
                 {std::to_string(t.amount_vnd), std::to_string(*r.max_amount_vnd)}});
  if (r.max_term_months && t.term_months > *r.max_term_months)
    e.push_back({"term_months",
                 "above_rule",
                 "field.fund_term_above_max",
                 {std::to_string(t.term_months), std::to_string(*r.max_term_months)}});
  if (r.max_grace_months && t.grace_months > *r.max_grace_months)
    e.push_back({"grace_months",
                 "above_rule",
                 "field.fund_grace_above_max",
                 {std::to_string(t.grace_months), std::to_string(*r.max_grace_months)}});
  return e;
}

std::string FormatCode(std::string_view prefix, int year, int64_t number) {
  std::string n = std::to_string(number);
  if (n.size() < 4) n.insert(0, 4 - n.size(), '0');
  return std::string(prefix) + "-" + std::to_string(year) + "-" + n;
}

Date DayOf(int64_t ms) {
  const int64_t local = ms + kVietnamOffsetMs;
  return Date::FromDays(static_cast<int>(local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs));
}

std::string InstantText(int64_t ms) {
  const int64_t days = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  const int64_t in_day = ms - days * kDayMs;
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3'600'000),
                static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60));
  return Date::FromDays(static_cast<int>(days)).ToIso() + time;
}

}  // namespace hoptac::fund

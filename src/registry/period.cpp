#include "registry/period.h"

#include <cassert>
#include <cstdio>

namespace hoptac::domain {
namespace {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value of `s` when it is exactly `digits` ASCII digits; -1 otherwise.
int Digits(std::string_view s, size_t digits) {
  if (s.size() != digits) return -1;
  int value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

Error PeriodError(const char* code, std::string_view text) {
  return Error::InvalidField("period", code, std::string("field.") + code, {std::string(text)});
}

}  // namespace

const char* PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear: return "year";
    case PeriodKind::kHalf: return "half";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kMonths: return "months";
  }
  return "year";
}

std::optional<PeriodKind> PeriodKindFromName(std::string_view name) {
  for (PeriodKind kind :
       {PeriodKind::kYear, PeriodKind::kHalf, PeriodKind::kQuarter, PeriodKind::kMonth, PeriodKind::kMonths})
    if (name == PeriodKindName(kind)) return kind;
  return std::nullopt;
}

Period Period::Containing(PeriodKind kind, Date date) {
  const int year = date.year(), month = date.month();
  switch (kind) {
    case PeriodKind::kYear: return Year(year);
    case PeriodKind::kHalf: return Half(year, (month + 5) / 6);
    case PeriodKind::kQuarter: return Quarter(year, (month + 2) / 3);
    case PeriodKind::kMonth:
    case PeriodKind::kMonths: return Month(year, month);
  }
  return Month(year, month);
}

PeriodKind Period::kind() const {
  const int first = first_month_, last = last_month_;
  if (first == 1 && last == 12) return PeriodKind::kYear;
  if (first == last) return PeriodKind::kMonth;
  if (last - first == 5 && first % 6 == 1) return PeriodKind::kHalf;
  if (last - first == 2 && first % 3 == 1) return PeriodKind::kQuarter;
  return PeriodKind::kMonths;
}

Date Period::Start() const { return Date::FromCivil(year_, first_month_, 1); }

Date Period::End() const { return Date::FromCivil(year_, last_month_, DaysInMonth(year_, last_month_)); }

Period Period::Next() const {
  const int length = MonthCount();
  assert(kind() != PeriodKind::kMonths);
  if (last_month_ == 12) return Period(year_ + 1, 1, length);
  return Period(year_, last_month_ + 1, last_month_ + length);
}

Period Period::Previous() const {
  const int length = MonthCount();
  assert(kind() != PeriodKind::kMonths);
  if (first_month_ == 1) return Period(year_ - 1, 13 - length, 12);
  return Period(year_, first_month_ - length, first_month_ - 1);
}

std::string Period::ToString() const {
  char buf[32];
  switch (kind()) {
    case PeriodKind::kYear: std::snprintf(buf, sizeof buf, "%04d", int{year_}); break;
    case PeriodKind::kHalf: std::snprintf(buf, sizeof buf, "%04dS%d", int{year_}, last_month_ / 6); break;
    case PeriodKind::kQuarter: std::snprintf(buf, sizeof buf, "%04dQ%d", int{year_}, last_month_ / 3); break;
    case PeriodKind::kMonth: std::snprintf(buf, sizeof buf, "%04dM%02d", int{year_}, int{first_month_}); break;
    case PeriodKind::kMonths:
      std::snprintf(buf, sizeof buf, "%04dM%02d-%02d", int{year_}, int{first_month_}, int{last_month_});
      break;
  }
  return buf;
}

std::strong_ordering Period::operator<=>(const Period& other) const {
  if (auto c = year_ <=> other.year_; c != 0) return c;
  if (auto c = last_month_ <=> other.last_month_; c != 0) return c;
  return other.first_month_ <=> first_month_;  // ending together: the longer is greater
}

Result<Period> ParsePeriod(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);

  if (t.size() < 4) return PeriodError("invalid_period", text);
  const int year = Digits(t.substr(0, 4), 4);
  if (year < 1) return PeriodError("invalid_period", text);
  std::string_view rest = t.substr(4);
  if (rest.empty()) return Period::Year(year);

  const char marker = rest.front();
  rest.remove_prefix(1);
  switch (marker) {
    case 'S':
    case 's': {
      const int half = Digits(rest, 1);
      if (half < 0) return PeriodError("invalid_period", text);
      if (half < 1 || half > 2) return PeriodError("period_half_out_of_range", text);
      return Period::Half(year, half);
    }
    case 'Q':
    case 'q': {
      const int quarter = Digits(rest, 1);
      if (quarter < 0) return PeriodError("invalid_period", text);
      if (quarter < 1 || quarter > 4) return PeriodError("period_quarter_out_of_range", text);
      return Period::Quarter(year, quarter);
    }
    case 'M':
    case 'm': {
      int first = -1, last = -1;
      if (rest.size() == 2) {
        first = last = Digits(rest, 2);
      } else if (rest.size() == 5 && rest[2] == '-') {
        first = Digits(rest.substr(0, 2), 2);
        last = Digits(rest.substr(3), 2);
      }
      if (first < 0 || last < 0) return PeriodError("invalid_period", text);
      if (first < 1 || first > 12 || last < 1 || last > 12) return PeriodError("period_month_out_of_range", text);
      if (first > last) return PeriodError("period_months_reversed", text);
      return Period::Months(year, first, last);
    }
    default: return PeriodError("invalid_period", text);
  }
}

}  // namespace hoptac::domain

#include "base/date.h"

#include <chrono>
#include <cstdio>

namespace hoptac {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
int DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yy + (m <= 2);
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool Date::IsValidCivil(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[month - 1];
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) max = 29;
  return day <= max;
}

Date Date::FromCivil(int year, int month, int day) {
  return FromDays(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::ParseIso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y, m, d;
  if (!ParseDigits(t.substr(0, 4), y) || !ParseDigits(t.substr(5, 2), m) || !ParseDigits(t.substr(8, 2), d))
    return std::nullopt;
  if (!IsValidCivil(y, m, d)) return std::nullopt;
  return FromCivil(y, m, d);
}

std::optional<Date> Date::ParseDayMonthYear(std::string_view t) {
  size_t a = t.find_first_of("/-.");
  if (a == std::string_view::npos) return std::nullopt;
  size_t b = t.find_first_of("/-.", a + 1);
  if (b == std::string_view::npos || t[a] != t[b]) return std::nullopt;
  int d, m, y;
  if (a > 2 || b - a - 1 > 2 || t.size() - b - 1 != 4) return std::nullopt;
  if (!ParseDigits(t.substr(0, a), d) || !ParseDigits(t.substr(a + 1, b - a - 1), m) ||
      !ParseDigits(t.substr(b + 1), y))
    return std::nullopt;
  if (!IsValidCivil(y, m, d)) return std::nullopt;
  return FromCivil(y, m, d);
}

Date Date::Today() {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return FromDays(static_cast<int>(days));
}

int Date::year() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return y;
}
int Date::month() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return m;
}
int Date::day() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return d;
}

std::string Date::ToIso() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  if (y < 0 || y > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  // The common case without printf (imports and exports format millions of dates).
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

}  // namespace hoptac

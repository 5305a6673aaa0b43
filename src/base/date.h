// Date: a calendar date without time zone, the unit of every "as of" in hoptac.
//
// Dates travel as ISO `YYYY-MM-DD` strings; internally a Date is the number of days
// since 1970-01-01 (proleptic Gregorian), so comparisons and ranges are integer
// operations. Parsing rejects impossible dates (2021-02-29) instead of normalising.
//
// Thread-safety: plain value.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace hoptac {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int days) {
    Date d;
    d.days_ = days;
    return d;
  }
  // REQUIRES: a valid calendar date.
  static Date FromCivil(int year, int month, int day);
  // Parses `YYYY-MM-DD`; nullopt for anything else or an impossible date.
  static std::optional<Date> ParseIso(std::string_view text);
  // Parses `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` as separators).
  static std::optional<Date> ParseDayMonthYear(std::string_view text);
  // Today in Việt Nam (UTC+07:00 all year, no summer time): from 17:00 UTC it is already
  // tomorrow there, and an "as of today" or a due date is an official's day, not the server's.
  static Date Today();

  static bool IsValidCivil(int year, int month, int day);

  constexpr int days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToIso() const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  int days_ = 0;
};

}  // namespace hoptac

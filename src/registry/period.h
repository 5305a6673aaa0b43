// Period: the span of months a set of figures or a report covers.
//
// Written as in DESIGN.md §5: "2024" (a year), "2024S1"/"2024S2" (first and
// second half), "2024Q3" (a quarter), "2024M09" (a month) and "2023M01-09" (a
// run of months, "the first nine months"). Every period lies within one
// calendar year, so a Period is a year and a first and last month (4 bytes);
// its kind follows from the months. One span has one name: "2024M01-06" is
// read as 2024S1, "2024M01-03" as 2024Q1, "2024M01-12" as 2024, "2024M09-09"
// as 2024M09, so figures filed under either spelling land on the same period
// and ToString() always gives the canonical spelling.
//
// Ordering is by last day, and among periods ending on the same day the longer
// comes later (End() ascending, then Start() descending): 2024Q1 < 2024S1 <
// 2024Q3 < 2024M01-09 < 2024M12 < 2024Q4 < 2024S2 < 2024. So the greatest
// period ending on or before a date is the most complete report of that date
// (the year rather than its last month).
//
// Thread-safety: plain value; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::domain {

enum class PeriodKind : uint8_t { kYear, kHalf, kQuarter, kMonth, kMonths };

// "year" | "half" | "quarter" | "month" | "months"
const char* PeriodKindName(PeriodKind kind);
std::optional<PeriodKind> PeriodKindFromName(std::string_view name);

class Period {
 public:
  // The year 1970.
  Period() = default;

  // REQUIRES: 1 ≤ year ≤ 9999 and the number in range (half 1–2, quarter 1–4,
  // month 1–12, 1 ≤ first_month ≤ last_month ≤ 12). Months() canonicalises.
  static Period Year(int year) { return Period(year, 1, 12); }
  static Period Half(int year, int half) { return Period(year, half * 6 - 5, half * 6); }
  static Period Quarter(int year, int quarter) { return Period(year, quarter * 3 - 2, quarter * 3); }
  static Period Month(int year, int month) { return Period(year, month, month); }
  static Period Months(int year, int first_month, int last_month) { return Period(year, first_month, last_month); }
  // The period of `kind` containing `date`. REQUIRES: kind != kMonths.
  static Period Containing(PeriodKind kind, Date date);

  PeriodKind kind() const;
  int year() const { return year_; }
  int first_month() const { return first_month_; }
  int last_month() const { return last_month_; }
  int MonthCount() const { return last_month_ - first_month_ + 1; }

  Date Start() const;  // first day
  Date End() const;    // last day (inclusive): 2024S1 → 2024-06-30, 2024M02 → 2024-02-29
  bool Contains(Date date) const { return Start() <= date && date <= End(); }

  // The next/previous period of the same kind: 2024S2 → 2025S1, 2024M01 → 2023M12.
  // REQUIRES: kind() != kMonths and the result within years 1–9999.
  Period Next() const;
  Period Previous() const;
  // The same months `years` later (negative: earlier), "cùng kỳ năm trước" for -1.
  // REQUIRES: the result within years 1–9999.
  Period ShiftYears(int years) const { return Period(year_ + years, first_month_, last_month_); }

  // Canonical text: "2024", "2024S1", "2024Q3", "2024M09", "2023M01-09".
  std::string ToString() const;

  bool operator==(const Period&) const = default;
  std::strong_ordering operator<=>(const Period& other) const;

 private:
  Period(int year, int first_month, int last_month)
      : year_(static_cast<int16_t>(year)),
        first_month_(static_cast<uint8_t>(first_month)),
        last_month_(static_cast<uint8_t>(last_month)) {}

  int16_t year_ = 1970;
  uint8_t first_month_ = 1;
  uint8_t last_month_ = 12;
};

// Parses the canonical spellings and their lower-case forms ("2024s1",
// "2024q3", "2024m09", "2023m01-09"); surrounding spaces are ignored. The year
// has four digits (0001–9999), S and Q one digit, months two digits.
// Errors (kInvalidArgument, one FieldError on field "period", args {text}):
//   invalid_period              not one of the shapes above
//   period_half_out_of_range    2024S0, 2024S3
//   period_quarter_out_of_range 2024Q0, 2024Q5
//   period_month_out_of_range   2024M00, 2024M13, 2024M01-13
//   period_months_reversed      2023M09-01
// (the i18n key is "field." + code).
Result<Period> ParsePeriod(std::string_view text);

}  // namespace hoptac::domain

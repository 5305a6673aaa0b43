// Number, money and date formats for Vietnamese and English, and the matching
// parsers used by import.
//
// Vietnamese writes 5.752 for five thousand seven hundred fifty-two and 3,8 for
// three point eight; English the other way round. Money is shortened the way
// reports and dashboards speak about it ("3,8 triệu đồng", "1,25 tỷ đồng"). The
// functions here are deliberately small and exact (integer arithmetic for money,
// correctly rounded std::to_chars for decimals) instead of going through ICU's
// NumberFormatter, so their output is fixed by this file and not by CLDR data.
//
// Parsers accept only the locale's own separators with well-formed grouping
// (groups of three after the first), so an ambiguous "1.5" is rejected in
// Vietnamese rather than read as fifteen or one and a half; they return nullopt
// for anything else, never throw, and never assert on input.
//
// Thread-safety: pure functions of their arguments; all thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"

namespace hoptac::text {

// The language whose number and date conventions to use.
enum class Locale { kVi, kEn };

// Grouped integer: vi "5.752", "-1.000.000"; en "5,752", "-1,000,000". Every
// int64_t including INT64_MIN.
std::string FormatInteger(int64_t value, Locale locale);

// `value` rounded (correctly, on its binary value) to at most
// `max_fraction_digits` digits (clamped to 0–17), trailing zeros and a bare
// separator trimmed, integer part grouped: vi "3,8", "1.234,5"; en "3.8",
// "1,234.5". A value that rounds to zero has no minus sign. Not-a-number prints
// "NaN" and infinities "∞" / "-∞".
std::string FormatDecimal(double value, int max_fraction_digits, Locale locale);

// Money in VND, short form for people: from 10^9 in tỷ/billion, from 10^6 in
// triệu/million (up to 2 fraction digits, rounded half up), otherwise the full
// grouped amount. vi "1,25 tỷ đồng", "3,8 triệu đồng", "950.000 đồng"; en
// "1.25 billion VND", "3.8 million VND", "950,000 VND". An amount that rounds to
// 1.000 triệu is shown as 1 tỷ. Negative amounts get a leading "-".
std::string FormatMoneyVnd(int64_t vnd, Locale locale);

// vi "31/12/2020" (day and month zero-padded), en "31 Dec 2020".
// REQUIRES: a valid date (Date::IsValidCivil); other values are printed
// numerically rather than rejected (en shows the month number).
std::string FormatDate(int year, int month, int day, Locale locale);
std::string FormatDate(const Date& date, Locale locale);

// An integer written with the locale's grouping or none: vi "5.752", en "5,752",
// both "5752", "-12", "+7"; surrounding spaces (also no-break spaces) ignored.
// nullopt for empty text, a malformed grouping ("5.75", "5..752"), the other
// locale's separator, fractions, garbage, or a value outside int64_t.
std::optional<int64_t> ParseInteger(std::string_view text, Locale locale);

// A decimal with the locale's separators: vi "3,8", "1.234,5", "-0,25", "1.234";
// en "3.8", "1,234.5". The integer part may be grouped (well-formed groups only)
// or plain and may be omitted before a fraction (",5"); the fraction is digits
// only. No exponents, no NaN or infinities; nullopt when out of double's range.
std::optional<double> ParseDecimal(std::string_view text, Locale locale);

}  // namespace hoptac::text

#include "text/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace hoptac::text {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// ---------------------------------------------------------------------------
// Formatting.

struct IntegerCase {
  int64_t value;
  std::string vi;
  std::string en;
};

TEST(FormatInteger, GroupsThousands) {
  const IntegerCase cases[] = {
      {0, "0", "0"},
      {7, "7", "7"},
      {-7, "-7", "-7"},
      {999, "999", "999"},
      {1000, "1.000", "1,000"},
      {-1000, "-1.000", "-1,000"},
      {5752, "5.752", "5,752"},
      {-5752, "-5.752", "-5,752"},
      {999999, "999.999", "999,999"},
      {1000000, "1.000.000", "1,000,000"},
      {1234567890, "1.234.567.890", "1,234,567,890"},
      {kMax, "9.223.372.036.854.775.807", "9,223,372,036,854,775,807"},
      {kMin, "-9.223.372.036.854.775.808", "-9,223,372,036,854,775,808"},
  };
  for (const IntegerCase& c : cases) {
    EXPECT_EQ(FormatInteger(c.value, Locale::kVi), c.vi) << c.value;
    EXPECT_EQ(FormatInteger(c.value, Locale::kEn), c.en) << c.value;
  }
}

struct DecimalCase {
  double value;
  int max_fraction_digits;
  std::string vi;
  std::string en;
};

TEST(FormatDecimal, RoundsTrimsAndGroups) {
  const DecimalCase cases[] = {
      {3.8, 1, "3,8", "3.8"},
      {3.8, 2, "3,8", "3.8"},
      {3.0, 2, "3", "3"},
      {0.0, 2, "0", "0"},
      {-0.0, 2, "0", "0"},
      {-0.001, 2, "0", "0"},  // rounds to zero: no "-0"
      {-3.8, 1, "-3,8", "-3.8"},
      {0.25, 2, "0,25", "0.25"},
      {-0.25, 2, "-0,25", "-0.25"},
      {2.76, 1, "2,8", "2.8"},
      {0.999, 2, "1", "1"},
      {999.999, 2, "1.000", "1,000"},
      {1234.5, 1, "1.234,5", "1,234.5"},
      {1234567.891, 2, "1.234.567,89", "1,234,567.89"},
      {1e15, 0, "1.000.000.000.000.000", "1,000,000,000,000,000"},
      {3.8, 0, "4", "4"},
      {3.8, -5, "4", "4"},                                      // clamped to 0
      {0.1, 40, "0,10000000000000001", "0.10000000000000001"},  // clamped to 17
      {std::nan(""), 2, "NaN", "NaN"},
      {std::numeric_limits<double>::infinity(), 2, "∞", "∞"},
      {-std::numeric_limits<double>::infinity(), 2, "-∞", "-∞"},
  };
  for (const DecimalCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.value << " / " << c.max_fraction_digits);
    EXPECT_EQ(FormatDecimal(c.value, c.max_fraction_digits, Locale::kVi), c.vi);
    EXPECT_EQ(FormatDecimal(c.value, c.max_fraction_digits, Locale::kEn), c.en);
  }
  // The largest double prints all 309 digits, grouped.
  const std::string max = FormatDecimal(std::numeric_limits<double>::max(), 2, Locale::kEn);
  EXPECT_EQ(max.size(), 309u + 102u);
  EXPECT_EQ(max.substr(0, 8), "179,769,");
}

struct MoneyCase {
  int64_t vnd;
  std::string vi;
  std::string en;
};

TEST(FormatMoneyVnd, ShortHumanForms) {
  const MoneyCase cases[] = {
      {0, "0 đồng", "0 VND"},
      {500, "500 đồng", "500 VND"},
      {950000, "950.000 đồng", "950,000 VND"},
      {999999, "999.999 đồng", "999,999 VND"},
      {1000000, "1 triệu đồng", "1 million VND"},
      {1050000, "1,05 triệu đồng", "1.05 million VND"},
      {3800000, "3,8 triệu đồng", "3.8 million VND"},
      {3854999, "3,85 triệu đồng", "3.85 million VND"},
      {3855000, "3,86 triệu đồng", "3.86 million VND"},  // half up
      {3804999, "3,8 triệu đồng", "3.8 million VND"},
      {999994999, "999,99 triệu đồng", "999.99 million VND"},
      {999995000, "1 tỷ đồng", "1 billion VND"},  // not "1.000 triệu"
      {1000000000, "1 tỷ đồng", "1 billion VND"},
      {1250000000, "1,25 tỷ đồng", "1.25 billion VND"},
      {12345678901234, "12.345,68 tỷ đồng", "12,345.68 billion VND"},
      {-950000, "-950.000 đồng", "-950,000 VND"},
      {-3800000, "-3,8 triệu đồng", "-3.8 million VND"},
      {-1250000000, "-1,25 tỷ đồng", "-1.25 billion VND"},
      {kMax, "9.223.372.036,85 tỷ đồng", "9,223,372,036.85 billion VND"},
      {kMin, "-9.223.372.036,85 tỷ đồng", "-9,223,372,036.85 billion VND"},
  };
  for (const MoneyCase& c : cases) {
    EXPECT_EQ(FormatMoneyVnd(c.vnd, Locale::kVi), c.vi) << c.vnd;
    EXPECT_EQ(FormatMoneyVnd(c.vnd, Locale::kEn), c.en) << c.vnd;
  }
}

struct DateCase {
  int year;
  int month;
  int day;
  std::string vi;
  std::string en;
};

TEST(FormatDate, DayMonthYear) {
  const DateCase cases[] = {
      {2020, 12, 31, "31/12/2020", "31 Dec 2020"},
      {2024, 1, 5, "05/01/2024", "5 Jan 2024"},
      {1975, 4, 30, "30/04/1975", "30 Apr 1975"},
      {2024, 2, 29, "29/02/2024", "29 Feb 2024"},
      {2025, 7, 1, "01/07/2025", "1 Jul 2025"},
      {2025, 13, 1, "01/13/2025", "1 13 2025"},  // not a date, but no crash
  };
  for (const DateCase& c : cases) {
    EXPECT_EQ(FormatDate(c.year, c.month, c.day, Locale::kVi), c.vi);
    EXPECT_EQ(FormatDate(c.year, c.month, c.day, Locale::kEn), c.en);
  }
  EXPECT_EQ(FormatDate(Date::FromCivil(2021, 9, 2), Locale::kVi), "02/09/2021");
  EXPECT_EQ(FormatDate(Date::FromCivil(2021, 9, 2), Locale::kEn), "2 Sep 2021");
}

// ---------------------------------------------------------------------------
// Parsing.

struct ParseIntegerCase {
  std::string text;
  Locale locale;
  std::optional<int64_t> expected;
};

TEST(ParseInteger, AcceptsTheLocaleGroupingOrNone) {
  const ParseIntegerCase cases[] = {
      {"5.752", Locale::kVi, 5752},
      {"5,752", Locale::kEn, 5752},
      {"5752", Locale::kVi, 5752},
      {"5752", Locale::kEn, 5752},
      {"  5.752 ", Locale::kVi, 5752},
      {"\t5,752\r\n", Locale::kEn, 5752},
      {"\u00A05.752\u00A0", Locale::kVi, 5752},  // no-break spaces from spreadsheets
      {"\u202F5.752", Locale::kVi, 5752},
      {"0", Locale::kVi, 0},
      {"-0", Locale::kVi, 0},
      {"+7", Locale::kEn, 7},
      {"007", Locale::kVi, 7},
      {"999.999", Locale::kVi, 999999},
      {"1.000.000", Locale::kVi, 1000000},
      {"-1.000.000", Locale::kVi, -1000000},
      {"-1,000,000", Locale::kEn, -1000000},
      {"9.223.372.036.854.775.807", Locale::kVi, kMax},
      {"9223372036854775807", Locale::kEn, kMax},
      {"-9,223,372,036,854,775,808", Locale::kEn, kMin},
      {"-9223372036854775808", Locale::kVi, kMin},
  };
  for (const ParseIntegerCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseInteger(c.text, c.locale), c.expected);
  }
}

TEST(ParseInteger, RejectsGarbageAndOverflow) {
  const ParseIntegerCase cases[] = {
      {"", Locale::kVi, std::nullopt},
      {"   ", Locale::kVi, std::nullopt},
      {"-", Locale::kVi, std::nullopt},
      {"+", Locale::kEn, std::nullopt},
      {"--5", Locale::kVi, std::nullopt},
      {"+-5", Locale::kVi, std::nullopt},
      {"5,752", Locale::kVi, std::nullopt},  // a decimal in Vietnamese
      {"5.752", Locale::kEn, std::nullopt},  // a decimal in English
      {"5.75", Locale::kVi, std::nullopt},
      {"5.7520", Locale::kVi, std::nullopt},
      {"5..752", Locale::kVi, std::nullopt},
      {".752", Locale::kVi, std::nullopt},
      {"5.", Locale::kVi, std::nullopt},
      {"1234.567", Locale::kVi, std::nullopt},
      {"1.23.456", Locale::kVi, std::nullopt},
      {"5.752,0", Locale::kVi, std::nullopt},
      {"5 752", Locale::kVi, std::nullopt},
      {"12a", Locale::kVi, std::nullopt},
      {"abc", Locale::kEn, std::nullopt},
      {"1e3", Locale::kEn, std::nullopt},
      {"0x10", Locale::kEn, std::nullopt},
      {"１２３", Locale::kVi, std::nullopt},  // fullwidth digits
      {std::string("12\0", 3), Locale::kVi, std::nullopt},
      {"9.223.372.036.854.775.808", Locale::kVi, std::nullopt},
      {"-9223372036854775809", Locale::kEn, std::nullopt},
      {"99999999999999999999999", Locale::kEn, std::nullopt},
  };
  for (const ParseIntegerCase& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.text));
    EXPECT_EQ(ParseInteger(c.text, c.locale), c.expected);
  }
}

TEST(ParseInteger, RoundTripsFormatInteger) {
  for (const int64_t value : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{999}, int64_t{1000}, int64_t{5752},
                              int64_t{-999999}, int64_t{1000000}, kMax, kMin}) {
    EXPECT_EQ(ParseInteger(FormatInteger(value, Locale::kVi), Locale::kVi), value);
    EXPECT_EQ(ParseInteger(FormatInteger(value, Locale::kEn), Locale::kEn), value);
  }
}

struct ParseDecimalCase {
  std::string text;
  Locale locale;
  std::optional<double> expected;
};

TEST(ParseDecimal, AcceptsTheLocaleSeparators) {
  const ParseDecimalCase cases[] = {
      {"3,8", Locale::kVi, 3.8},
      {"3.8", Locale::kEn, 3.8},
      {"1.234,5", Locale::kVi, 1234.5},
      {"1,234.5", Locale::kEn, 1234.5},
      {"1234,5", Locale::kVi, 1234.5},
      {"1.234", Locale::kVi, 1234.0},  // grouping, not a decimal point
      {"3", Locale::kVi, 3.0},
      {"-0,25", Locale::kVi, -0.25},
      {"+0.25", Locale::kEn, 0.25},
      {",5", Locale::kVi, 0.5},
      {"-.5", Locale::kEn, -0.5},
      {"  3,8\u00A0", Locale::kVi, 3.8},
      {"1.234.567,891", Locale::kVi, 1234567.891},
      {"0,1", Locale::kVi, 0.1},
      {"999.999,99", Locale::kVi, 999999.99},
  };
  for (const ParseDecimalCase& c : cases) {
    SCOPED_TRACE(c.text);
    const std::optional<double> parsed = ParseDecimal(c.text, c.locale);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_DOUBLE_EQ(*parsed, *c.expected);
  }
}

TEST(ParseDecimal, RejectsGarbage) {
  const ParseDecimalCase cases[] = {
      {"", Locale::kVi, std::nullopt},
      {"-", Locale::kVi, std::nullopt},
      {",", Locale::kVi, std::nullopt},
      {"3,", Locale::kVi, std::nullopt},
      {"3.8", Locale::kVi, std::nullopt},  // English decimal in Vietnamese
      {"1.5", Locale::kVi, std::nullopt},
      {"3,8", Locale::kEn, std::nullopt},  // Vietnamese decimal in English
      {"1,234.5", Locale::kVi, std::nullopt},
      {"1.234,5", Locale::kEn, std::nullopt},
      {"3,8,1", Locale::kVi, std::nullopt},
      {"3,8.1", Locale::kVi, std::nullopt},
      {"3,8x", Locale::kVi, std::nullopt},
      {"1e5", Locale::kEn, std::nullopt},
      {"nan", Locale::kEn, std::nullopt},
      {"inf", Locale::kEn, std::nullopt},
      {"3 ,8", Locale::kVi, std::nullopt},
      {std::string("1") + std::string(400, '0'), Locale::kEn, std::nullopt},  // beyond double
  };
  for (const ParseDecimalCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseDecimal(c.text, c.locale), std::nullopt);
  }
}

TEST(ParseDecimal, RoundTripsFormatDecimal) {
  for (const double value : {0.0, 3.8, -3.8, 1234.5, 0.25, 1234567.89, -999999.99}) {
    for (const Locale locale : {Locale::kVi, Locale::kEn}) {
      const std::optional<double> parsed = ParseDecimal(FormatDecimal(value, 2, locale), locale);
      ASSERT_TRUE(parsed.has_value()) << value;
      EXPECT_DOUBLE_EQ(*parsed, value);
    }
  }
}

}  // namespace
}  // namespace hoptac::text

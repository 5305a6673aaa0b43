#include "registry/period.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/i18n.h"

namespace hoptac::domain {
namespace {

Date D(const char* iso) { return *Date::ParseIso(iso); }

Period P(const char* text) {
  auto period = ParsePeriod(text);
  EXPECT_TRUE(period.ok()) << text;
  return period.ok() ? *period : Period();
}

TEST(DomainPeriod, ParsesEveryKind) {
  struct Case {
    const char* text;
    const char* canonical;
    PeriodKind kind;
    const char* start;
    const char* end;
    int months;
  } cases[] = {
      {"2024", "2024", PeriodKind::kYear, "2024-01-01", "2024-12-31", 12},
      {"2024S1", "2024S1", PeriodKind::kHalf, "2024-01-01", "2024-06-30", 6},
      {"2024S2", "2024S2", PeriodKind::kHalf, "2024-07-01", "2024-12-31", 6},
      {"2024Q1", "2024Q1", PeriodKind::kQuarter, "2024-01-01", "2024-03-31", 3},
      {"2024Q2", "2024Q2", PeriodKind::kQuarter, "2024-04-01", "2024-06-30", 3},
      {"2024Q3", "2024Q3", PeriodKind::kQuarter, "2024-07-01", "2024-09-30", 3},
      {"2024Q4", "2024Q4", PeriodKind::kQuarter, "2024-10-01", "2024-12-31", 3},
      {"2024M01", "2024M01", PeriodKind::kMonth, "2024-01-01", "2024-01-31", 1},
      {"2024M02", "2024M02", PeriodKind::kMonth, "2024-02-01", "2024-02-29", 1},  // leap year
      {"2023M02", "2023M02", PeriodKind::kMonth, "2023-02-01", "2023-02-28", 1},
      {"2000M02", "2000M02", PeriodKind::kMonth, "2000-02-01", "2000-02-29", 1},  // divisible by 400
      {"1900M02", "1900M02", PeriodKind::kMonth, "1900-02-01", "1900-02-28", 1},  // divisible by 100
      {"2100M02", "2100M02", PeriodKind::kMonth, "2100-02-01", "2100-02-28", 1},
      {"2024M04", "2024M04", PeriodKind::kMonth, "2024-04-01", "2024-04-30", 1},
      {"2024M09", "2024M09", PeriodKind::kMonth, "2024-09-01", "2024-09-30", 1},
      {"2024M12", "2024M12", PeriodKind::kMonth, "2024-12-01", "2024-12-31", 1},
      {"2023M01-09", "2023M01-09", PeriodKind::kMonths, "2023-01-01", "2023-09-30", 9},
      {"2024M01-02", "2024M01-02", PeriodKind::kMonths, "2024-01-01", "2024-02-29", 2},
      {"2024M02-07", "2024M02-07", PeriodKind::kMonths, "2024-02-01", "2024-07-31", 6},
      {"2024M04-09", "2024M04-09", PeriodKind::kMonths, "2024-04-01", "2024-09-30", 6},  // 6 months, not a half
      {"2024M02-04", "2024M02-04", PeriodKind::kMonths, "2024-02-01", "2024-04-30", 3},  // 3 months, not a quarter
      {"2024M01-11", "2024M01-11", PeriodKind::kMonths, "2024-01-01", "2024-11-30", 11},
      // Lower case.
      {"2024s1", "2024S1", PeriodKind::kHalf, "2024-01-01", "2024-06-30", 6},
      {"2024q3", "2024Q3", PeriodKind::kQuarter, "2024-07-01", "2024-09-30", 3},
      {"2024m09", "2024M09", PeriodKind::kMonth, "2024-09-01", "2024-09-30", 1},
      {"2023m01-09", "2023M01-09", PeriodKind::kMonths, "2023-01-01", "2023-09-30", 9},
      // One span, one name.
      {"2024M01-06", "2024S1", PeriodKind::kHalf, "2024-01-01", "2024-06-30", 6},
      {"2024M07-12", "2024S2", PeriodKind::kHalf, "2024-07-01", "2024-12-31", 6},
      {"2024M01-03", "2024Q1", PeriodKind::kQuarter, "2024-01-01", "2024-03-31", 3},
      {"2024M10-12", "2024Q4", PeriodKind::kQuarter, "2024-10-01", "2024-12-31", 3},
      {"2024M01-12", "2024", PeriodKind::kYear, "2024-01-01", "2024-12-31", 12},
      {"2024M09-09", "2024M09", PeriodKind::kMonth, "2024-09-01", "2024-09-30", 1},
      // Surrounding spaces.
      {" 2024Q3 ", "2024Q3", PeriodKind::kQuarter, "2024-07-01", "2024-09-30", 3},
      {"\t2024\t", "2024", PeriodKind::kYear, "2024-01-01", "2024-12-31", 12},
      // Any four-digit year.
      {"0001", "0001", PeriodKind::kYear, "0001-01-01", "0001-12-31", 12},
      {"9999S2", "9999S2", PeriodKind::kHalf, "9999-07-01", "9999-12-31", 6},
  };
  for (const auto& c : cases) {
    auto period = ParsePeriod(c.text);
    ASSERT_TRUE(period.ok()) << c.text;
    EXPECT_EQ(period->ToString(), c.canonical) << c.text;
    EXPECT_EQ(period->kind(), c.kind) << c.text;
    EXPECT_EQ(period->Start().ToIso(), c.start) << c.text;
    EXPECT_EQ(period->End().ToIso(), c.end) << c.text;
    EXPECT_EQ(period->MonthCount(), c.months) << c.text;
    EXPECT_EQ(period->year(), D(c.start).year()) << c.text;
    EXPECT_TRUE(period->Contains(D(c.start)));
    EXPECT_TRUE(period->Contains(D(c.end)));
    if (D(c.start).year() > 1) {
      EXPECT_FALSE(period->Contains(Date::FromDays(D(c.start).days() - 1)));
    }
    EXPECT_FALSE(period->Contains(Date::FromDays(D(c.end).days() + 1)));
  }
}

TEST(DomainPeriod, RejectsBadTextNamingIt) {
  struct Case {
    const char* text;
    const char* code;
  } cases[] = {
      {"2024S3", "period_half_out_of_range"},
      {"2024S0", "period_half_out_of_range"},
      {"2024s9", "period_half_out_of_range"},
      {"2024Q5", "period_quarter_out_of_range"},
      {"2024Q0", "period_quarter_out_of_range"},
      {"2024M13", "period_month_out_of_range"},
      {"2024M00", "period_month_out_of_range"},
      {"2024M01-13", "period_month_out_of_range"},
      {"2024M00-03", "period_month_out_of_range"},
      {"2023M09-01", "period_months_reversed"},
      {"2023M12-11", "period_months_reversed"},
      {"", "invalid_period"},
      {"   ", "invalid_period"},
      {"24", "invalid_period"},
      {"202", "invalid_period"},
      {"20245", "invalid_period"},
      {"0000", "invalid_period"},
      {"abcd", "invalid_period"},
      {"-2024", "invalid_period"},
      {"2024X1", "invalid_period"},
      {"2024H1", "invalid_period"},
      {"2024S", "invalid_period"},
      {"2024S12", "invalid_period"},
      {"2024S01", "invalid_period"},
      {"2024Q", "invalid_period"},
      {"2024Q03", "invalid_period"},
      {"2024M9", "invalid_period"},
      {"2024M009", "invalid_period"},
      {"2024M", "invalid_period"},
      {"2024M01-9", "invalid_period"},
      {"2024M01-", "invalid_period"},
      {"2024M01–09", "invalid_period"},  // en dash
      {"2024M01_09", "invalid_period"},
      {"2024 S1", "invalid_period"},
      {"2024-S1", "invalid_period"},
      {"2024S1x", "invalid_period"},
      {"2024-06", "invalid_period"},
      {"6T/2024", "invalid_period"},
      {"S1/2024", "invalid_period"},
      {"２０２４", "invalid_period"},  // full-width digits
  };
  for (const auto& c : cases) {
    auto period = ParsePeriod(c.text);
    ASSERT_FALSE(period.ok()) << c.text;
    const Error& error = period.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << c.text;
    ASSERT_EQ(error.fields.size(), 1u) << c.text;
    EXPECT_EQ(error.fields[0].field, "period") << c.text;
    EXPECT_EQ(error.fields[0].code, c.code) << c.text;
    EXPECT_EQ(error.fields[0].key, std::string("field.") + c.code) << c.text;
    EXPECT_EQ(error.fields[0].args, std::vector<std::string>{c.text}) << c.text;
    for (auto lang : {i18n::Lang::kVi, i18n::Lang::kEn}) {
      EXPECT_TRUE(i18n::HasKey(lang, error.fields[0].key)) << error.fields[0].key;
      EXPECT_NE(i18n::Translate(lang, error.fields[0].key, error.fields[0].args).find(c.text), std::string::npos);
    }
  }
}

// Every period of every kind over a few years, including every run of months.
std::vector<Period> AllPeriods(int from_year, int to_year) {
  std::vector<Period> out;
  for (int year = from_year; year <= to_year; ++year)
    for (int first = 1; first <= 12; ++first)
      for (int last = first; last <= 12; ++last) out.push_back(Period::Months(year, first, last));
  return out;
}

TEST(DomainPeriod, RoundTripsEveryPeriod) {
  std::vector<Period> all = AllPeriods(2023, 2025);
  ASSERT_EQ(all.size(), 3u * 78u);
  for (const Period& period : all) {
    std::string text = period.ToString();
    auto back = ParsePeriod(text);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, period) << text;
    EXPECT_EQ(back->ToString(), text);
    // Lower case parses to the same period.
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(P(lower.c_str()), period) << lower;
    // The non-canonical month-range spelling names the same period.
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04dM%02d-%02d", period.year(), period.first_month(), period.last_month());
    EXPECT_EQ(P(buf), period) << buf;
  }
}

TEST(DomainPeriod, FactoriesAgreeWithParsing) {
  EXPECT_EQ(Period::Year(2024), P("2024"));
  EXPECT_EQ(Period::Half(2024, 1), P("2024S1"));
  EXPECT_EQ(Period::Half(2024, 2), P("2024S2"));
  for (int q = 1; q <= 4; ++q) EXPECT_EQ(Period::Quarter(2024, q), P(("2024Q" + std::to_string(q)).c_str()));
  EXPECT_EQ(Period::Month(2024, 9), P("2024M09"));
  EXPECT_EQ(Period::Months(2023, 1, 9), P("2023M01-09"));
  EXPECT_EQ(Period().ToString(), "1970");
}

TEST(DomainPeriod, Ordering) {
  std::vector<std::string> want = {"2023",    "2024Q1", "2024S1", "2024Q3", "2024M01-09",
                                   "2024M12", "2024Q4", "2024S2", "2024",   "2025M01"};
  std::vector<Period> periods;
  for (const std::string& text : want) periods.push_back(P(text.c_str()));
  std::vector<Period> shuffled(periods.rbegin(), periods.rend());
  std::rotate(shuffled.begin(), shuffled.begin() + 3, shuffled.end());
  std::sort(shuffled.begin(), shuffled.end());
  std::vector<std::string> got;
  for (const Period& p : shuffled) got.push_back(p.ToString());
  EXPECT_EQ(got, want);

  // The order is (End ascending, Start descending) and equality is the span, for all pairs.
  std::vector<Period> all = AllPeriods(2023, 2024);
  for (const Period& a : all) {
    for (const Period& b : all) {
      bool less = a.End() < b.End() || (a.End() == b.End() && a.Start() > b.Start());
      EXPECT_EQ(a < b, less) << a.ToString() << " < " << b.ToString();
      EXPECT_EQ(a == b, a.Start() == b.Start() && a.End() == b.End()) << a.ToString() << " == " << b.ToString();
    }
  }

  // The greatest period ending on or before a date is the most complete report of that date.
  std::vector<Period> reports = {P("2024S1"), P("2024M12"), P("2024"), P("2024S2"), P("2025Q1")};
  Period best;
  bool found = false;
  for (const Period& p : reports) {
    if (p.End() <= D("2024-12-31") && (!found || best < p)) {
      best = p;
      found = true;
    }
  }
  EXPECT_EQ(best, P("2024"));
}

TEST(DomainPeriod, NextPreviousAndShift) {
  struct Case {
    const char* period;
    const char* next;
    const char* previous;
  } cases[] = {
      {"2024", "2025", "2023"},          {"2024S1", "2024S2", "2023S2"},    {"2024S2", "2025S1", "2024S1"},
      {"2024Q1", "2024Q2", "2023Q4"},    {"2024Q4", "2025Q1", "2024Q3"},    {"2024M01", "2024M02", "2023M12"},
      {"2024M12", "2025M01", "2024M11"}, {"2024M06", "2024M07", "2024M05"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(P(c.period).Next().ToString(), c.next) << c.period;
    EXPECT_EQ(P(c.period).Previous().ToString(), c.previous) << c.period;
    EXPECT_EQ(P(c.period).Next().Previous(), P(c.period));
  }
  EXPECT_EQ(P("2023M01-09").ShiftYears(1).ToString(), "2024M01-09");
  EXPECT_EQ(P("2024M02").ShiftYears(-1).End().ToIso(), "2023-02-28");
  EXPECT_EQ(P("2024S1").ShiftYears(-1).ToString(), "2023S1");
}

TEST(DomainPeriod, Containing) {
  struct Case {
    PeriodKind kind;
    const char* date;
    const char* want;
  } cases[] = {
      {PeriodKind::kYear, "2024-02-29", "2024"},      {PeriodKind::kHalf, "2024-06-30", "2024S1"},
      {PeriodKind::kHalf, "2024-07-01", "2024S2"},    {PeriodKind::kQuarter, "2024-03-31", "2024Q1"},
      {PeriodKind::kQuarter, "2024-04-01", "2024Q2"}, {PeriodKind::kQuarter, "2024-12-31", "2024Q4"},
      {PeriodKind::kMonth, "2024-02-29", "2024M02"},  {PeriodKind::kMonth, "2025-01-01", "2025M01"},
  };
  for (const auto& c : cases) {
    Period p = Period::Containing(c.kind, D(c.date));
    EXPECT_EQ(p.ToString(), c.want) << c.date;
    EXPECT_EQ(p.kind(), c.kind) << c.date;
    EXPECT_TRUE(p.Contains(D(c.date)));
  }
}

TEST(DomainPeriod, KindNames) {
  for (PeriodKind kind :
       {PeriodKind::kYear, PeriodKind::kHalf, PeriodKind::kQuarter, PeriodKind::kMonth, PeriodKind::kMonths})
    EXPECT_EQ(PeriodKindFromName(PeriodKindName(kind)), kind);
  EXPECT_STREQ(PeriodKindName(PeriodKind::kHalf), "half");
  EXPECT_EQ(PeriodKindFromName("semester"), std::nullopt);
  EXPECT_EQ(sizeof(Period), 4u);
}

}  // namespace
}  // namespace hoptac::domain

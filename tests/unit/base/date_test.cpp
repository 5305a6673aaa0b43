#include "base/date.h"

#include <gtest/gtest.h>

#include <chrono>

namespace hoptac {
namespace {

// Today is Việt Nam's day (UTC+7): the UTC day from 00:00 to 16:59 UTC, the next one after.
TEST(Date, TodayIsTheDayInVietNam) {
  using namespace std::chrono;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto before = system_clock::now();
    Date today = Date::Today();
    auto after = system_clock::now();
    if (floor<days>(before + hours(7)) != floor<days>(after + hours(7))) continue;  // midnight in between
    auto utc_day = static_cast<int>(floor<days>(before).time_since_epoch().count());
    int utc_hour = static_cast<int>(duration_cast<hours>(before - floor<days>(before)).count());
    EXPECT_EQ(today.days(), utc_day + (utc_hour >= 17 ? 1 : 0));
    return;
  }
}

TEST(Date, ParsesIsoAndRejectsImpossibleDates) {
  struct Case {
    const char* text;
    bool ok;
  } cases[] = {
      {"2020-12-31", true},  {"2024-02-29", true},  {"2000-02-29", true},   {"1900-02-29", false},
      {"2021-02-29", false}, {"2021-13-01", false}, {"2021-00-10", false},  {"2021-04-31", false},
      {"2021-4-3", false},   {"", false},           {"2021-04-03x", false}, {"abcd-ef-gh", false},
      {"0000-01-01", false},
  };
  for (const auto& c : cases) EXPECT_EQ(Date::ParseIso(c.text).has_value(), c.ok) << c.text;
}

TEST(Date, RoundTripsAndOrders) {
  for (int days = -800000; days < 800000; days += 997) {
    Date d = Date::FromDays(days);
    if (d.year() < 1 || d.year() > 9999) continue;
    auto back = Date::ParseIso(d.ToIso());
    ASSERT_TRUE(back.has_value()) << d.ToIso();
    EXPECT_EQ(back->days(), days);
  }
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).days(), 0);
  EXPECT_LT(*Date::ParseIso("2025-06-30"), *Date::ParseIso("2025-07-01"));
  EXPECT_EQ(Date::ParseIso("2025-07-01")->days() - Date::ParseIso("2025-06-30")->days(), 1);
}

TEST(Date, ParsesDayMonthYear) {
  EXPECT_EQ(Date::ParseDayMonthYear("31/12/2020")->ToIso(), "2020-12-31");
  EXPECT_EQ(Date::ParseDayMonthYear("1/7/2025")->ToIso(), "2025-07-01");
  EXPECT_EQ(Date::ParseDayMonthYear("01-07-2025")->ToIso(), "2025-07-01");
  EXPECT_FALSE(Date::ParseDayMonthYear("31/02/2020").has_value());
  EXPECT_FALSE(Date::ParseDayMonthYear("1/7-2025").has_value());
  EXPECT_FALSE(Date::ParseDayMonthYear("2025/07/01").has_value());
}

}  // namespace
}  // namespace hoptac

// The registry's indicator sources (registry/index/indicator_sources.h), through the system's
// indicators registry, on the backend named by HOPTAC_TEST_BACKEND: every answer equals the
// statistics API's answer to the same question (one way to count), provinces are read as they
// were on the question's date, the public gets the statistics' disclosure control, and bad
// definitions are refused naming what is wrong.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>

#include "base/log.h"
#include "indicators/indicators.h"
#include "registry/demo/demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

class IndicatorSourcesTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    registry::DemoLoadOptions options;
    options.demo.scale = 0.01;
    options.demo.seed = 29;
    auto loaded =
        registry::LoadDemoData(*db_, directory_, auth::Principal::Cli("test"), options, &system_.system().index());
    ASSERT_TRUE(loaded.ok()) << loaded.error().key << " " << loaded.error().detail;
  }

  const indicators::Registry& Indicators() { return system_.system().indicators(); }

  // The official statistics API's total for `query` (the reference).
  int64_t StatsTotal(const std::string& path, const std::string& query) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, path + "?" + query, 11};
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat"]);
    Reply r = testing::Send(system_.port(), std::move(req));
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    if (r.status != 200) return -1;
    return r.Json().at("total").to_number<int64_t>();
  }

  indicators::Answer Ask(indicators::Question q, const auth::Principal& who = auth::Principal::Cli("test")) {
    auto answer = Indicators().Ask(std::move(q), who);
    EXPECT_TRUE(answer.ok()) << (answer.ok() ? "" : answer.error().key);
    return answer.ok() ? *answer : indicators::Answer{};
  }

  static indicators::Question Stock(std::string measure, indicators::Filters filters, Date as_of,
                                    std::string province = {}) {
    indicators::Question q;
    q.definition = {"registry.entities", std::move(measure), std::move(filters)};
    q.from = as_of;
    q.to = as_of;
    q.province = std::move(province);
    return q;
  }
};

TEST_F(IndicatorSourcesTest, StocksEqualTheStatisticsOfTheSameQuestion) {
  const indicators::Filters coops = {{"kind", "cooperative"}, {"status", "active,suspended,stopped"}};
  int compared = 0;
  for (Date as_of : {Date::FromCivil(2006, 6, 30), Date::FromCivil(2023, 9, 30), Date::FromCivil(2025, 12, 31)}) {
    for (const char* province : {"", "20", "01", "79", "28"}) {
      for (const char* measure : {"count", "members_total"}) {
        indicators::Answer answer = Ask(Stock(measure, coops, as_of, province));
        std::string query = std::string("measure=") + measure +
                            "&kind=cooperative&status=active,suspended,stopped&as_of=" + as_of.ToIso();
        if (*province) query += std::string("&province=") + province + "&province_scheme=legacy";
        EXPECT_EQ(answer.value, StatsTotal("/api/v1/stats/entities", query)) << query;
        EXPECT_TRUE(answer.exact);
        EXPECT_NE(answer.description.find(as_of.ToIso()), std::string::npos) << answer.description;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 30);
  // Something was counted: the demo registry has cooperatives in Lạng Sơn in 2023.
  EXPECT_GT(Ask(Stock("count", coops, Date::FromCivil(2023, 9, 30), "20")).value, 0);
}

TEST_F(IndicatorSourcesTest, FlowsEqualTheStatisticsOfTheSameWindow) {
  for (const char* event : {"established", "dissolved"}) {
    for (const char* province : {"", "20", "79"}) {
      indicators::Question q;
      q.definition = {"registry.events", event, {{"kind", "cooperative"}}};
      q.from = Date::FromCivil(2023, 1, 1);
      q.to = Date::FromCivil(2023, 9, 30);
      q.province = province;
      indicators::Answer answer = Ask(q);
      std::string query = std::string("event=") + event + "&kind=cooperative&from=2023-01-01&to=2023-09-30";
      if (*province) query += std::string("&province=") + province + "&province_scheme=legacy";
      EXPECT_EQ(answer.value, StatsTotal("/api/v1/stats/flows", query)) << query;
    }
  }
}

// A province of 2006 that no longer exists is asked by the code it had then: Hà Tây (28)
// until 2008-07-31. On a date of 2025-12-31 code 28 is not a province.
TEST_F(IndicatorSourcesTest, AProvinceIsReadAsItWasOnTheQuestionsDate) {
  indicators::Answer then = Ask(Stock("count", {}, Date::FromCivil(2006, 6, 30), "28"));
  EXPECT_EQ(then.value, StatsTotal("/api/v1/stats/entities", "as_of=2006-06-30&province=28&province_scheme=legacy"));
}

TEST_F(IndicatorSourcesTest, ThePublicGetsTheStatisticsDisclosureControl) {
  const indicators::Filters coops = {{"kind", "cooperative"}};
  indicators::Question q = Stock("revenue_vnd", coops, Date::FromCivil(2025, 12, 31), "79");
  indicators::Answer official = Ask(q);
  indicators::Answer pub = Ask(q, auth::Principal::Anonymous());
  EXPECT_TRUE(official.exact);
  EXPECT_FALSE(pub.exact && !pub.withheld) << "a public figure is perturbed or withheld";
  if (!pub.withheld) {
    EXPECT_NE(pub.value, official.value);
  }
  // Counts are exact for everyone, as in the statistics.
  indicators::Answer count =
      Ask(Stock("count", coops, Date::FromCivil(2025, 12, 31), "79"), auth::Principal::Anonymous());
  EXPECT_TRUE(count.exact);
}

TEST_F(IndicatorSourcesTest, BadDefinitionsAreRefusedNamingWhatIsWrong) {
  const indicators::Registry& reg = Indicators();
  EXPECT_EQ(reg.SourceNames(), (std::vector<std::string>{"activities.activities", "activities.placements", "fund.loans",
                                                         "petitions.petitions", "registry.entities", "registry.events",
                                                         "surveys.campaigns"}));
  EXPECT_TRUE(
      reg.Check({"registry.entities", "members_total", {{"kind", "cooperative"}, {"women_managed", "true"}}}).ok());
  EXPECT_TRUE(reg.Check({"registry.events", "dissolved", {{"kind", "group"}}}).ok());
  struct Case {
    indicators::Definition definition;
    std::string field;
  } cases[] = {
      {{"registry.entities", "members", {}}, "measure"},
      {{"registry.entities", "count", {{"colour", "red"}}}, "colour"},
      {{"registry.entities", "count", {{"kind", "farm"}}}, "kind"},
      {{"registry.entities", "count", {{"status", "alive"}}}, "status"},
      {{"registry.entities", "count", {{"founded_from", "2023-13-01"}}}, "founded_from"},
      {{"registry.events", "born", {}}, "event"},
      {{"registry.events", "established", {{"group_by", "province"}}}, "group_by"},
      {{"registry.figures", "count", {}}, "source"},
  };
  for (const Case& c : cases) {
    Status status = reg.Check(c.definition);
    ASSERT_FALSE(status.ok()) << c.field;
    bool named = false;
    for (const auto& f : status.error().fields) named = named || f.field == c.field;
    EXPECT_TRUE(named) << c.field << ": " << status.error().key;
  }
  // The province of the question and a province filter: refused, not silently combined.
  auto twice =
      reg.Ask(Stock("count", {{"province", "79"}}, Date::FromCivil(2025, 12, 31), "20"), auth::Principal::Cli("test"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().key, "error.indicator_province_twice");
}

}  // namespace
}  // namespace hoptac

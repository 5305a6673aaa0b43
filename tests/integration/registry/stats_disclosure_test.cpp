// Statistical disclosure control of /api/v1/stats (issue 13, item 1) through the real server, on the
// backend named by HOPTAC_TEST_BACKEND:
//   - the differencing attack, repeated as an anonymous caller over every province of a demo
//     registry and every founding-date cut (two answers that differ by one entity), recovers no
//     entity's figure within 5 %; published totals of large groups stay close;
//   - a group one entity dominates (> 85 %) is withheld, as a group of fewer than 3 is;
//   - figure measures by commune or by a field that is not public are refused to anonymous callers,
//     partners and cooperative accounts, and answered exactly to officials.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/log.h"
#include "geo/admin_unit.h"
#include "registry/demo/demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

// An answer's total as the caller sees it.
struct Total {
  bool published = false;  // false: withheld (null)
  int64_t value = 0;
  int64_t entities = 0;
};

class StatsDisclosureTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po79", "province_officer", "79");
    system_.AddUser("partner1", "partner");
  }

  // as: a user name (bearer token), or "" for an anonymous call.
  Reply Call(bhttp::verb method, const std::string& target, const std::string& as = "", const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }
  Reply Get(const std::string& target, const std::string& as = "") { return Call(bhttp::verb::get, target, as); }

  // The answer of /api/v1/stats/entities?query (a failure unless 200).
  boost::json::object Stock(const std::string& query, const std::string& as = "") {
    Reply r = Get("/api/v1/stats/entities?" + query, as);
    EXPECT_EQ(r.status, 200u) << query << " as " << (as.empty() ? "anonymous" : as) << ": " << r.body;
    if (r.status != 200) return {};
    return r.Json().as_object();
  }

  Total TotalOf(const std::string& query, const std::string& as = "") {
    boost::json::object answer = Stock(query, as);
    Total t;
    if (answer.empty()) return t;
    t.entities = answer.at("entities").to_number<int64_t>();
    t.published = !answer.at("total").is_null();
    if (t.published) t.value = answer.at("total").to_number<int64_t>();
    return t;
  }

  void LoadDemo(double scale, uint64_t seed) {
    registry::DemoLoadOptions options;
    options.demo.scale = scale;
    options.demo.seed = seed;
    auto loaded =
        registry::LoadDemoData(*db_, directory_, auth::Principal::Cli("test"), options, &system_.system().index());
    ASSERT_TRUE(loaded.ok()) << loaded.error().key << " " << loaded.error().detail;
  }

  // The founding days of the entities a public list shows for `query`, distinct, newest first.
  std::vector<std::string> FoundingDays(const std::string& query) {
    std::set<std::string, std::greater<>> days;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      Reply r =
          Get("/api/v1/entities?limit=200&sort=-founded_on&" + query + (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(r.status, 200u) << r.body;
      if (r.status != 200) break;
      for (const auto& item : r.Json().at("items").as_array())
        if (item.at("founded_on").is_string()) days.insert(std::string(item.at("founded_on").as_string()));
      if (r.Json().at("next_cursor").is_null()) break;
      cursor = std::string(r.Json().at("next_cursor").as_string());
    }
    return {days.begin(), days.end()};
  }

  int64_t CreateEntity(const std::string& name, const std::string& code, const std::string& province,
                       const std::string& commune = "") {
    std::string json = R"({"kind":"cooperative","name":")" + name + R"(","registration_code":")" + code +
                       R"(","province_code":")" + province + R"(","founded_on":"2015-01-01")" +
                       (commune.empty() ? "" : R"(,"commune_code":")" + commune + "\"") + "}";
    Reply r = Call(bhttp::verb::post, "/api/v1/entities", "nat", json);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  void PutFigures(int64_t id, const std::string& figures) {
    Reply r = Call(bhttp::verb::put, "/api/v1/entities/" + std::to_string(id) + "/figures/2024", "nat", figures);
    EXPECT_EQ(r.status, 200u) << r.body;
  }
};

// The attack of the issue, generalised: the caller subtracts two published answers whose groups
// differ by exactly one entity (the founding-date cut moves past one entity; the public counts say
// so) and takes the difference for that entity's figure. Officials' exact answers give the true
// figure. Every such pair over every province, two measures and two kind filters, and cuts from
// both ends, must miss by more than 5 %.
TEST_F(StatsDisclosureTest, DifferencingAttackRecoversNoEntityWithinFivePercent) {
  LoadDemo(0.02, 13);
  std::map<std::string, Total> public_answers, official_answers;
  auto answer = [&](std::map<std::string, Total>& cache, const std::string& query, const std::string& as) {
    auto it = cache.find(query);
    if (it == cache.end()) it = cache.emplace(query, TotalOf(query, as)).first;
    return it->second;
  };
  int pairs = 0, recovered = 0;
  double closest = INFINITY;
  std::string closest_pair;
  auto attack = [&](const std::string& with, const std::string& without) {
    Total a = answer(public_answers, with, ""), b = answer(public_answers, without, "");
    if (!a.published || !b.published || a.entities - b.entities != 1) return;
    Total ea = answer(official_answers, with, "nat"), eb = answer(official_answers, without, "nat");
    ASSERT_TRUE(ea.published && eb.published);
    ASSERT_EQ(ea.entities - eb.entities, 1) << with << " / " << without;
    const int64_t truth = ea.value - eb.value;
    const int64_t guess = a.value - b.value;
    ++pairs;
    const double miss = truth == 0
                            ? (guess == 0 ? 0.0 : INFINITY)
                            : std::abs(static_cast<double>(guess - truth)) / std::abs(static_cast<double>(truth));
    if (miss < closest) {
      closest = miss;
      closest_pair = with + "  minus  " + without + ": " + std::to_string(guess) + " for " + std::to_string(truth);
    }
    if (miss <= 0.05) {
      ++recovered;
      ADD_FAILURE() << "recovered within 5 %: " << with << "  minus  " << without << " = " << guess << ", truth "
                    << truth;
    }
  };
  for (const geo::AdminUnit* unit : directory_->InForce(geo::AdminLevel::kProvince, Date::Today())) {
    const std::string province = "province=" + unit->code;
    std::vector<std::string> days = FoundingDays(province);
    for (const std::string measure : {"revenue_vnd", "members_total"}) {
      const std::string base = "measure=" + measure + "&" + province;
      // Newest first: founded_to = day i keeps the entities of day i, founded_to = day i+1 drops them.
      for (size_t i = 0; i + 1 < days.size(); ++i)
        attack(base + "&founded_to=" + days[i], base + "&founded_to=" + days[i + 1]);
      // From the oldest end: founded_from = day i+1 (older) keeps them, founded_from = day i drops them.
      for (size_t i = days.size() - 1; i > 0 && i + 10 > days.size(); --i)
        attack(base + "&founded_from=" + days[i], base + "&founded_from=" + days[i - 1]);
    }
    std::vector<std::string> cooperative_days = FoundingDays(province + "&kind=cooperative");
    const std::string base = "measure=revenue_vnd&kind=cooperative&" + province;
    for (size_t i = 0; i + 1 < cooperative_days.size(); ++i)
      attack(base + "&founded_to=" + cooperative_days[i], base + "&founded_to=" + cooperative_days[i + 1]);
  }
  std::printf(
      "differencing attack: %d pairs of published answers differing by one entity, %d recovered within 5 %%; "
      "closest miss %.1f %% (%s)\n",
      pairs, recovered, closest * 100, closest_pair.c_str());
  EXPECT_GE(pairs, 500) << "too few attack pairs to mean anything";
  EXPECT_EQ(recovered, 0);
}

// Published totals of large groups stay close to the exact ones: a demo registry ten times as
// large (about 10,000 entities reporting revenue; a province's largest cooperative makes 3.5 % to
// 20 % of its revenue), revenue by province and for the whole country. The error of a published
// total is at most 24 % of its largest contribution.
TEST_F(StatsDisclosureTest, PublishedTotalsOfLargeGroupsStayClose) {
  LoadDemo(0.2, 13);
  for (const std::string measure : {"revenue_vnd", "members_total"}) {
    SCOPED_TRACE(measure);
    boost::json::object published = Stock("measure=" + measure + "&group_by=province");
    boost::json::object exact = Stock("measure=" + measure + "&group_by=province", "nat");
    std::map<std::string, std::pair<int64_t, int64_t>> exact_rows;  // value, entities
    for (const auto& row : exact.at("rows").as_array())
      exact_rows[std::string(row.at("keys").at("province").as_string())] = {row.at("value").to_number<int64_t>(),
                                                                            row.at("entities").to_number<int64_t>()};
    std::vector<double> errors;
    for (const auto& row : published.at("rows").as_array()) {
      auto [value, entities] = exact_rows.at(std::string(row.at("keys").at("province").as_string()));
      if (entities < 200) continue;
      ASSERT_FALSE(row.at("value").is_null()) << row;
      const double error =
          std::abs(static_cast<double>(row.at("value").to_number<int64_t>() - value)) / static_cast<double>(value);
      errors.push_back(error);
      if (measure == "revenue_vnd") {
        EXPECT_LE(error, 0.05) << row;
      }
    }
    ASSERT_GE(errors.size(), 15u);
    std::sort(errors.begin(), errors.end());
    const double median = errors[errors.size() / 2];
    const double national = std::abs(static_cast<double>(published.at("total").to_number<int64_t>() -
                                                         exact.at("total").to_number<int64_t>())) /
                            exact.at("total").to_number<double>();
    std::printf(
        "%s of the %zu provinces with >= 200 reporting entities: median error %.2f %%, largest %.2f %%; "
        "whole country (%lld entities) %.3f %%\n",
        measure.c_str(), errors.size(), median * 100, errors.back() * 100,
        static_cast<long long>(exact.at("entities").to_number<int64_t>()), national * 100);
    EXPECT_LE(median, measure == "revenue_vnd" ? 0.025 : 0.05);
    EXPECT_LE(national, 0.005);
  }
}

// The rules on a registry small enough to know every figure: officials get the exact sums; the
// public gets a group of fewer than 3 withheld, a group one entity dominates withheld, the rest
// perturbed by at least 8 % and at most 24 % of its largest contribution, and says so.
TEST_F(StatsDisclosureTest, SmallAndDominatedGroupsAreWithheldTheRestPerturbedAndOfficialsSeeExactFigures) {
  // Hà Nội (01): four even cooperatives. Hồ Chí Minh City (79): one large, two small (94 %).
  // Đà Nẵng (48): two.
  std::vector<int64_t> even, dominated, pair;
  for (int i = 0; i < 4; ++i)
    even.push_back(CreateEntity("HTX Đều " + std::to_string(i), "e" + std::to_string(i), "01"));
  for (int i = 0; i < 3; ++i)
    dominated.push_back(CreateEntity("HTX Lớn " + std::to_string(i), "d" + std::to_string(i), "79"));
  for (int i = 0; i < 2; ++i)
    pair.push_back(CreateEntity("HTX Đôi " + std::to_string(i), "p" + std::to_string(i), "48"));
  for (int i = 0; i < 4; ++i)
    PutFigures(even[static_cast<size_t>(i)], R"({"revenue_vnd":)" + std::to_string(1000000000 + i * 100000000) + "}");
  PutFigures(dominated[0], R"({"revenue_vnd":50000000000})");
  PutFigures(dominated[1], R"({"revenue_vnd":1500000000})");
  PutFigures(dominated[2], R"({"revenue_vnd":1500000000})");
  for (int64_t id : pair) PutFigures(id, R"({"revenue_vnd":2000000000})");
  const int64_t even_total = 4600000000, dominated_total = 53000000000, pair_total = 4000000000;
  const int64_t all = even_total + dominated_total + pair_total;

  // Officials: exact, everywhere they may look; province accounts in their province only.
  boost::json::object exact = Stock("measure=revenue_vnd&group_by=province", "nat");
  EXPECT_EQ(exact.at("disclosure").at("method"), "none");
  EXPECT_EQ(exact.at("total").to_number<int64_t>(), all);
  std::map<std::string, int64_t> by_province;
  for (const auto& row : exact.at("rows").as_array()) {
    by_province[std::string(row.at("keys").at("province").as_string())] = row.at("value").to_number<int64_t>();
    EXPECT_FALSE(row.as_object().contains("perturbed"));
    EXPECT_FALSE(row.as_object().contains("withheld"));
  }
  EXPECT_EQ(by_province,
            (std::map<std::string, int64_t>{{"01", even_total}, {"48", pair_total}, {"79", dominated_total}}));
  boost::json::object own = Stock("measure=revenue_vnd&group_by=province", "po79");
  EXPECT_EQ(own.at("total").to_number<int64_t>(), dominated_total);
  EXPECT_EQ(own.at("rows").as_array().size(), 1u);

  // The public, by anonymous callers and partners alike.
  for (const std::string as : {"", "partner1"}) {
    SCOPED_TRACE(as.empty() ? "anonymous" : as);
    boost::json::object published = Stock("measure=revenue_vnd&group_by=province", as);
    EXPECT_EQ(published.at("disclosure").at("method"), "cell_key");
    EXPECT_EQ(published.at("disclosure").at("min_entities"), 3);
    EXPECT_EQ(published.at("disclosure").at("max_share").to_number<double>(), 0.85);
    EXPECT_EQ(published.at("entities"), 9);  // counts stay exact
    std::map<std::string, boost::json::object> rows;
    for (const auto& row : published.at("rows").as_array())
      rows[std::string(row.at("keys").at("province").as_string())] = row.as_object();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows["48"].at("value").is_null());
    EXPECT_EQ(rows["48"].at("withheld"), true);
    EXPECT_EQ(rows["48"].at("withheld_reason"), "few_entities");
    EXPECT_EQ(rows["48"].at("entities"), 2);
    EXPECT_TRUE(rows["79"].at("value").is_null());
    EXPECT_EQ(rows["79"].at("withheld_reason"), "dominance");
    EXPECT_EQ(rows["79"].at("entities"), 3);
    // Perturbed by 8 % to 24 % of the largest contribution (1.3 billion), never exact.
    EXPECT_EQ(rows["01"].at("perturbed"), true);
    const int64_t moved = std::abs(rows["01"].at("value").to_number<int64_t>() - even_total);
    EXPECT_GE(moved, 104000000);
    EXPECT_LE(moved, 312000000);
    // The whole: 50 of 59.6 billion is 84 %, so not dominated: perturbed.
    EXPECT_EQ(published.at("total_perturbed"), true);
    EXPECT_NE(published.at("total").to_number<int64_t>(), all);
    // The same question, the same answer (the same cell, the same noise).
    EXPECT_EQ(Stock("measure=revenue_vnd&group_by=province", as), published);
    // The dominated province alone, and its total.
    boost::json::object alone = Stock("measure=revenue_vnd&province=79", as);
    EXPECT_TRUE(alone.at("total").is_null());
    EXPECT_EQ(alone.at("total_withheld"), true);
    EXPECT_EQ(alone.at("total_withheld_reason"), "dominance");
    // Counts are exact and flagged as such.
    boost::json::object count = Stock("group_by=province", as);
    EXPECT_EQ(count.at("disclosure").at("method"), "none");
    EXPECT_EQ(count.at("total"), 9);
    for (const auto& row : count.at("rows").as_array()) EXPECT_FALSE(row.as_object().contains("withheld"));
  }

  // The series: the same rules per point.
  Reply series = Get("/api/v1/stats/series?measure=revenue_vnd&from=2024-01-01&to=2025-12-31&group_by=province");
  ASSERT_EQ(series.status, 200u) << series.body;
  EXPECT_EQ(series.Json().at("disclosure").at("method"), "cell_key");
  int points = 0;
  for (const auto& point : series.Json().at("points").as_array()) {
    const std::string province(point.at("keys").at("province").as_string());
    ++points;
    if (province == "01") {
      EXPECT_EQ(point.at("perturbed"), true);
      EXPECT_NE(point.at("value").to_number<int64_t>(), even_total);
    } else {
      EXPECT_EQ(point.at("withheld_reason"), province == "79" ? "dominance" : "few_entities");
    }
  }
  EXPECT_EQ(points, 6);  // 2024 and 2025, three provinces
  Reply official_series =
      Get("/api/v1/stats/series?measure=revenue_vnd&from=2024-01-01&to=2024-12-31&group_by=province", "nat");
  ASSERT_EQ(official_series.status, 200u) << official_series.body;
  EXPECT_EQ(official_series.Json().at("disclosure").at("method"), "none");
  for (const auto& point : official_series.Json().at("points").as_array())
    EXPECT_EQ(point.at("value").to_number<int64_t>(),
              by_province[std::string(point.at("keys").at("province").as_string())]);
  // Flows count events: exact for everyone.
  Reply flows = Get("/api/v1/stats/flows?from=2015-01-01&to=2015-12-31");
  ASSERT_EQ(flows.status, 200u) << flows.body;
  EXPECT_EQ(flows.Json().at("disclosure").at("method"), "none");
  EXPECT_EQ(flows.Json().at("total"), 9);
}

// The attack of the issue needs figures by commune: refused to everyone who is not an official
// (naming the parameter, in the caller's language), exact for officials; counts by commune stay
// public. Grouping figures by attributes the public view leaves out (women_managed, youth) is refused
// likewise; filtering by them is refused to the public for every measure (filter_not_public).
TEST_F(StatsDisclosureTest, FiguresByCommuneOrNonPublicFieldsAreRefusedToThePublicAndExactForOfficials) {
  const geo::AdminUnit* commune = nullptr;
  for (const geo::AdminUnit* unit : directory_->InForce(geo::AdminLevel::kCommune, Date::Today()))
    if (unit->parent_code == "79") {
      commune = unit;
      break;
    }
  ASSERT_NE(commune, nullptr);
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i)
    ids.push_back(CreateEntity("HTX Xã " + std::to_string(i), "c" + std::to_string(i), "79", commune->code));
  for (size_t i = 0; i < ids.size(); ++i)
    PutFigures(ids[i], R"({"revenue_vnd":)" + std::to_string(700000000 + 100000000 * static_cast<int64_t>(i)) + "}");
  system_.AddUser("coop1", "cooperative", "", ids[0]);
  const std::string by_commune = "measure=revenue_vnd&commune=" + commune->code;

  struct Refused {
    std::string query;
    std::string parameter;
    std::string reason;
  };
  // Filters on attributes that are not public are refused whatever the measure (the filter
  // vocabulary's access rule); a figure measure also by commune and by non-public dimensions.
  const std::vector<Refused> refused = {
      {by_commune, "commune", "stats_not_public"},
      {"measure=revenue_vnd&group_by=province,commune", "group_by", "stats_not_public"},
      {"measure=workers_total&group_by=youth", "group_by", "stats_not_public"},
      {"measure=profit_vnd&group_by=kind,women_managed", "group_by", "stats_not_public"},
      {"measure=members_total&women_managed=true", "women_managed", "filter_not_public"},
      {"measure=charter_capital_vnd&youth=false&province=79", "youth", "filter_not_public"},
  };
  for (const std::string as : {"", "partner1", "coop1"}) {
    SCOPED_TRACE(as.empty() ? "anonymous" : as);
    for (const Refused& r : refused) {
      Reply reply = Get("/api/v1/stats/entities?" + r.query, as);
      EXPECT_EQ(reply.status, 403u) << r.query << ": " << reply.body;
      if (reply.status != 403) continue;
      const auto& error = reply.Json().at("error");
      EXPECT_EQ(error.at("reason").as_string(), r.reason) << reply.body;
      ASSERT_EQ(error.at("fields").as_array().size(), 1u) << reply.body;
      EXPECT_EQ(error.at("fields").at(0).at("field").as_string(), r.parameter) << reply.body;
      EXPECT_EQ(error.at("fields").at(0).at("code").as_string(),
                r.reason == "stats_not_public" ? "not_public" : "filter_not_public")
          << reply.body;
    }
    Reply series = Get("/api/v1/stats/series?from=2024-01-01&" + by_commune, as);
    EXPECT_EQ(series.status, 403u) << series.body;
    // Counts by commune are public and exact.
    boost::json::object count = Stock("group_by=commune&commune=" + commune->code, as);
    EXPECT_EQ(count.at("total"), 4);
  }
  // Both languages name the parameter and the measure.
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/api/v1/stats/entities?" + by_commune, 11};
  req.set(bhttp::field::accept_language, "vi");
  Reply vi = testing::Send(system_.port(), std::move(req));
  ASSERT_EQ(vi.status, 403u);
  const std::string message(vi.Json().at("error").at("message").as_string());
  EXPECT_NE(message.find("chỉ được công bố theo cấp tỉnh"), std::string::npos) << message;
  EXPECT_NE(message.find("revenue_vnd"), std::string::npos) << message;
  EXPECT_NE(message.find("commune"), std::string::npos) << message;
  Reply en = Get("/api/v1/stats/entities?" + by_commune);
  EXPECT_NE(std::string(en.Json().at("error").at("message").as_string()).find("province level"), std::string::npos)
      << en.body;

  // Officials: exact, also by commune, and the differencing the issue describes gives the
  // newest entity's figure exactly, as it should for them.
  for (const std::string as : {"nat", "po79"}) {
    SCOPED_TRACE(as);
    boost::json::object exact = Stock(by_commune, as);
    EXPECT_EQ(exact.at("total").to_number<int64_t>(), int64_t{3400000000});
    EXPECT_EQ(exact.at("disclosure").at("method"), "none");
    boost::json::object grouped = Stock("measure=members_total&group_by=commune,women_managed", as);
    EXPECT_EQ(grouped.at("disclosure").at("method"), "none");
  }
}

}  // namespace
}  // namespace hoptac

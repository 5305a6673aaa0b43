// /api/v1/stats/pivot (issue 15, item 2): the pivot table as XLSX. Its numbers are the stats API's
// (/stats/entities grouped by rows then cols, /stats/flows with `event`), the question stands above the
// table, a province account's pivot is its province's, and wrong parameters are refused by name.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "base/log.h"
#include "io/xlsx.h"
#include "registry/demo/demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

class StatsPivotTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po79", "province_officer", "79");
    registry::DemoLoadOptions options;
    options.demo.scale = 0.02;
    options.demo.seed = 7;
    auto loaded =
        registry::LoadDemoData(*db_, directory_, auth::Principal::Cli("test"), options, &system_.system().index());
    ASSERT_TRUE(loaded.ok()) << loaded.error().key;
  }

  Reply Get(const std::string& target, const std::string& as = "", const std::string& lang = "vi") {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    return testing::Send(system_.port(), std::move(req));
  }

  static std::vector<std::vector<std::string>> Rows(const std::string& bytes) {
    io::XlsxReadOptions options;
    options.no_header = true;
    auto reader = io::XlsxReader::FromString(bytes, options);
    EXPECT_TRUE(reader.ok());
    std::vector<std::vector<std::string>> rows;
    if (!reader.ok()) return rows;
    std::vector<std::string> cells;
    int number = 0;
    while (true) {
      auto more = (*reader)->Next(cells, number);
      if (!more.ok() || !*more) break;
      rows.push_back(cells);
    }
    return rows;
  }

  // The stats API's values by "row key|col key".
  std::map<std::string, int64_t> Values(const std::string& query, const std::string& as, const std::string& dim1,
                                        const std::string& dim2) {
    Reply r = Get("/api/v1/stats/entities?" + query, as);
    EXPECT_EQ(r.status, 200u) << r.body;
    std::map<std::string, int64_t> out;
    if (r.status != 200) return out;
    for (const auto& row : r.Json().at("rows").as_array()) {
      const auto& labels = row.at("labels").as_object();
      out[std::string(labels.at(dim1).as_string()) + "|" + std::string(labels.at(dim2).as_string())] =
          row.at("value").as_int64();
    }
    return out;
  }
};

TEST_F(StatsPivotTest, ProvinceByKindEqualsTheStatsApi) {
  Reply r =
      Get("/api/v1/stats/pivot?rows=province&cols=kind&as_of=2025-12-31&title=S%E1%BB%91%20t%E1%BB%95%20ch%E1%BB%A9c",
          "nat");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  auto rows = Rows(r.body);
  ASSERT_GT(rows.size(), 8u);
  EXPECT_EQ(rows[0][0], "Số tổ chức");
  EXPECT_EQ(rows[1][0], "Phạm vi: Cả nước");
  EXPECT_EQ(rows[2][0], "Số liệu tính đến ngày 31/12/2025");
  EXPECT_EQ(rows[3][0], "Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam");
  // The header: the row dimension, the kinds, the total.
  size_t header = 0;
  while (header < rows.size() && (rows[header].empty() || rows[header][0] != "Tỉnh/thành")) ++header;
  ASSERT_LT(header, rows.size());
  const auto& head = rows[header];
  EXPECT_EQ(head.back(), "Tổng cộng");
  auto api = Values("group_by=province,kind&as_of=2025-12-31", "nat", "province", "kind");
  ASSERT_FALSE(api.empty());
  size_t checked = 0;
  int64_t grand = 0;
  for (size_t i = header + 1; i < rows.size(); ++i) {
    const auto& line = rows[i];
    if (line[0] == "Tổng cộng") {
      grand = std::stoll(line.back());
      continue;
    }
    for (size_t c = 1; c + 1 < head.size() && c < line.size(); ++c) {
      auto it = api.find(line[0] + "|" + head[c]);
      if (it == api.end()) {
        EXPECT_TRUE(line[c].empty()) << line[0] << " " << head[c];
      } else {
        EXPECT_EQ(line[c], std::to_string(it->second)) << line[0] << " " << head[c];
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, api.size());
  Reply total = Get("/api/v1/stats/entities?as_of=2025-12-31", "nat");
  EXPECT_EQ(grand, total.Json().at("total").as_int64());
}

TEST_F(StatsPivotTest, SubtotalsSortingAndProvinceScope) {
  // A province account: its province only, whatever it asks.
  Reply r = Get("/api/v1/stats/pivot?rows=kind,status&sort=total&dir=desc", "po79", "en");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto rows = Rows(r.body);
  ASSERT_GT(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "Pivot table");
  EXPECT_NE(rows[1][0].find("Scope: "), std::string::npos);
  EXPECT_EQ(rows[1][0].find("Whole country"), std::string::npos);
  Reply api = Get("/api/v1/stats/entities?group_by=kind", "po79");
  int64_t grand = 0, subtotals = 0, previous = -1;
  for (const auto& line : rows) {
    if (line.empty()) continue;
    if (line[0] == "Total") grand = std::stoll(line.back());
    if (line[0].rfind("Subtotal ", 0) == 0) {
      int64_t v = std::stoll(line.back());
      subtotals += v;
      if (previous >= 0) {
        EXPECT_LE(v, previous) << "subtotals sorted by total, descending";
      }
      previous = v;
    }
  }
  EXPECT_EQ(grand, api.Json().at("total").as_int64());
  EXPECT_EQ(subtotals, grand);
}

TEST_F(StatsPivotTest, FlowsAndRefusals) {
  Reply flows = Get("/api/v1/stats/pivot?rows=year&cols=kind&event=established&from=2015-01-01&to=2020-12-31", "nat");
  ASSERT_EQ(flows.status, 200u) << flows.body;
  auto rows = Rows(flows.body);
  EXPECT_EQ(rows[2][0], "Từ ngày 01/01/2015 đến ngày 31/12/2020");
  EXPECT_EQ(Get("/api/v1/stats/pivot?cols=kind", "nat").status, 400u);
  EXPECT_EQ(Get("/api/v1/stats/pivot?rows=kind&group_by=kind", "nat").status, 400u);
  EXPECT_EQ(Get("/api/v1/stats/pivot?rows=kind&dir=up", "nat").status, 400u);
  EXPECT_EQ(Get("/api/v1/stats/pivot?rows=planet", "nat").status, 400u);
  // The public gets the public answer's numbers (counts are exact for everyone).
  EXPECT_EQ(Get("/api/v1/stats/pivot?rows=province").status, 200u);
  EXPECT_EQ(Get("/api/v1/stats/pivot?rows=province&women_managed=true").status, 403u);
}

}  // namespace
}  // namespace hoptac

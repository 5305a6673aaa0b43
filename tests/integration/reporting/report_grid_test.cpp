// The grid of an entity form (GET /api/v1/reports/grid) through the real HTTP server, on the
// backend named by HOPTAC_TEST_BACKEND: a province's active entities for one year with their
// report's values or the registry's prefill, the previous year's figures and the rule checks;
// keywords and paging; scope (a province account its own province, national roles any named
// one, others 403) and bad input.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <set>
#include <string>

#include "base/log.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

constexpr const char* kGrid = "/api/v1/reports/grid?form=coop_annual_update&period=2024";

class ReportGridTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    auth::Principal cli = auth::Principal::Cli("test");
    // Lạng Sơn (20): two active cooperatives and one dissolved; one in Hà Nội (01).
    an_binh_ = Entity("Hợp tác xã An Bình", "LS-11", "20");
    bac_son_ = Entity("Hợp tác xã Bắc Sơn", "LS-12", "20");
    int64_t gone = Entity("Hợp tác xã Đồng Đăng", "LS-13", "20");
    Entity("Hợp tác xã Đông Anh", "HN-11", "01");
    domain::StatusEvent dissolved{*Date::ParseIso("2023-03-01"), domain::EventType::kDissolved, "", std::nullopt};
    ASSERT_TRUE(entities_->AddEvent(cli, gone, dissolved).ok());
    Figures(an_binh_, domain::Period::Year(2023), 10);
    Figures(an_binh_, domain::Period::Year(2024), 12);
    Figures(bac_son_, domain::Period::Year(2024), 5);

    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("nat_officer", "national_officer");
    system_.AddUser("coop", "cooperative", "", an_binh_);
  }

  int64_t Entity(const char* name, const char* code, const char* province) {
    domain::Entity e;
    e.kind = domain::EntityKind::kCooperative;
    e.name = name;
    e.registration_code = code;
    e.province_code = province;
    e.founded_on = Date::ParseIso("2015-01-01");
    auto created = entities_->Create(auth::Principal::Cli("test"), e);
    EXPECT_TRUE(created.ok()) << created.error().key;
    return created.ok() ? created->entity.id : 0;
  }

  void Figures(int64_t id, domain::Period period, int64_t members) {
    domain::Figures f;
    f.members_total = members;
    ASSERT_TRUE(figures_->Put(auth::Principal::Cli("test"), id, period, f, domain::Confirmation::kConfirmed).ok());
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }
  Reply Get(const std::string& target, const std::string& as) { return Call(bhttp::verb::get, target, as); }

  static std::set<std::string> FieldCodes(const Reply& reply) {
    std::set<std::string> out;
    for (const auto& f : reply.Json().at("error").at("fields").as_array())
      out.insert(std::string(f.at("field").as_string()) + ":" + std::string(f.at("code").as_string()));
    return out;
  }

  int64_t an_binh_ = 0, bac_son_ = 0;
};

TEST_F(ReportGridTest, RowsCarryTheReportOrThePrefillAndThePreviousYear) {
  Reply r = Get(kGrid, "po20");
  ASSERT_EQ(r.status, 200u) << r.body;
  const json::object& grid = r.Json().as_object();
  EXPECT_EQ(grid.at("province").as_string(), "20");
  EXPECT_EQ(grid.at("period").as_string(), "2024");
  EXPECT_EQ(grid.at("total").as_int64(), 2);  // the dissolved one and Hà Nội's are not rows
  const json::array& rows = grid.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  const json::object& a = rows[0].as_object();
  EXPECT_EQ(a.at("entity_id").as_int64(), an_binh_);
  EXPECT_EQ(a.at("name").as_string(), "Hợp tác xã An Bình");
  EXPECT_TRUE(a.at("report_id").is_null());
  EXPECT_TRUE(a.at("status").is_null());
  EXPECT_EQ(a.at("values").at("members_total").as_int64(), 12);
  EXPECT_EQ(a.at("registry").at("members_total").as_int64(), 12);
  EXPECT_EQ(a.at("previous").at("members_total").as_int64(), 10);
  EXPECT_EQ(rows[1].at("entity_id").as_int64(), bac_son_);
  EXPECT_TRUE(rows[1].at("previous").as_object().empty());

  // A report with values of its own (one breaking a rule): the grid shows them and the check.
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"coop_annual_update","period":"2024","entity_id":)" + std::to_string(an_binh_) + "}");
  ASSERT_EQ(created.status, 201u) << created.body;
  int64_t id = created.Json().at("id").as_int64();
  Reply put = Call(bhttp::verb::put, "/api/v1/reports/" + std::to_string(id), "po20",
                   R"({"values":{"members_total":15,"members_female":20}})");
  ASSERT_EQ(put.status, 200u) << put.body;
  // A bad value is refused and writes nothing.
  Reply bad =
      Call(bhttp::verb::put, "/api/v1/reports/" + std::to_string(id), "po20", R"({"values":{"members_total":-3}})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(FieldCodes(bad), (std::set<std::string>{"members_total:report_below_min"}));

  r = Get(kGrid, "po20");
  ASSERT_EQ(r.status, 200u) << r.body;
  const json::object& row = r.Json().at("rows").at(0).as_object();
  EXPECT_EQ(row.at("report_id").as_int64(), id);
  EXPECT_EQ(row.at("status").as_string(), "draft");
  EXPECT_EQ(row.at("values").at("members_total").as_int64(), 15);
  EXPECT_EQ(row.at("values").at("members_female").as_int64(), 20);
  EXPECT_EQ(row.at("registry").at("members_total").as_int64(), 12);
  ASSERT_EQ(row.at("checks").as_array().size(), 1u);
  EXPECT_EQ(row.at("checks").at(0).at("rule").as_string(), "members_female_le_total");
  EXPECT_EQ(row.at("checks").at(0).at("severity").as_string(), "error");
}

TEST_F(ReportGridTest, KeywordsAndPaging) {
  Reply r = Get(std::string(kGrid) + "&q=bac%20son", "po20");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("total").as_int64(), 1);
  EXPECT_EQ(r.Json().at("rows").at(0).at("entity_id").as_int64(), bac_son_);

  r = Get(std::string(kGrid) + "&offset=1&limit=1", "po20");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("total").as_int64(), 2);
  ASSERT_EQ(r.Json().at("rows").as_array().size(), 1u);
  EXPECT_EQ(r.Json().at("rows").at(0).at("entity_id").as_int64(), bac_son_);
}

TEST_F(ReportGridTest, ScopeAndBadInput) {
  // National roles name the province; province accounts get theirs and no other.
  EXPECT_EQ(Get(std::string(kGrid) + "&province=20", "nat_officer").Json().at("total").as_int64(), 2);
  Reply missing = Get(kGrid, "nat_officer");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(FieldCodes(missing), (std::set<std::string>{"province:required"}));
  EXPECT_EQ(Get(std::string(kGrid) + "&province=20", "po01").status, 403u);
  EXPECT_EQ(Get(std::string(kGrid) + "&province=20", "po20").status, 200u);
  EXPECT_EQ(Get(kGrid, "coop").status, 403u);
  EXPECT_EQ(Get(kGrid, "").status, 401u);

  Reply province_form = Get("/api/v1/reports/grid?form=province_development&period=2024", "po20");
  EXPECT_EQ(province_form.status, 400u);
  EXPECT_EQ(FieldCodes(province_form), (std::set<std::string>{"form:report_grid_entity_form"}));
  EXPECT_EQ(Get("/api/v1/reports/grid?form=coop_annual_update&period=2024S1", "po20").status, 400u);
  EXPECT_EQ(Get(std::string(kGrid) + "&limit=500", "po20").status, 400u);
  EXPECT_EQ(Get(std::string(kGrid) + "&sort=name", "po20").status, 400u);
  EXPECT_EQ(Get("/api/v1/reports/grid?period=2024", "po20").status, 400u);
}

}  // namespace
}  // namespace hoptac

// Saved views (src/views/README.md) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: who sees a private, province and country view; who may share how; rename and
// delete by the owner (and a national admin); the start page; the audit rows.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <set>
#include <string>

#include "base/log.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

class SavedViewsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat_admin", "national_admin");
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("pa01", "province_admin", "01");
    system_.AddUser("po79", "province_officer", "79");
    system_.AddUser("partner1", "partner");
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

  int64_t Save(const std::string& as, const std::string& name, const std::string& visibility,
               const std::string& page = "pivot") {
    Reply r = Call(bhttp::verb::post, "/api/v1/views", as,
                   R"({"name":")" + name + R"(","page":")" + page +
                       R"(","query":"rows=province&cols=kind","visibility":")" + visibility + R"("})");
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  std::set<std::string> Names(const std::string& as) {
    Reply r = Call(bhttp::verb::get, "/api/v1/views", as);
    EXPECT_EQ(r.status, 200u) << r.body;
    std::set<std::string> out;
    if (r.status != 200) return out;
    for (const auto& v : r.Json().at("items").as_array()) out.insert(std::string(v.at("name").as_string()));
    return out;
  }

  unsigned Status(bhttp::verb method, int64_t id, const std::string& as, const std::string& body = "") {
    return Call(method, "/api/v1/views/" + std::to_string(id), as, body).status;
  }
};

TEST_F(SavedViewsTest, WhoSeesWhat) {
  int64_t mine = Save("po01", "Riêng tư", "private");
  int64_t province = Save("po01", "Của tỉnh", "province");
  int64_t country = Save("po01", "Cả nước", "country");
  Save("nat", "Của Liên minh", "country", "dashboard");
  EXPECT_EQ(Names("po01"), (std::set<std::string>{"Riêng tư", "Của tỉnh", "Cả nước", "Của Liên minh"}));
  // The same province: its province and country views.
  EXPECT_EQ(Names("pa01"), (std::set<std::string>{"Của tỉnh", "Cả nước", "Của Liên minh"}));
  // Another province, national accounts, partners: the country views only.
  for (const char* as : {"po79", "nat", "partner1"})
    EXPECT_EQ(Names(as), (std::set<std::string>{"Cả nước", "Của Liên minh"})) << as;
  // Opening: another province's private or province view is not found.
  EXPECT_EQ(Status(bhttp::verb::get, province, "pa01"), 200u);
  EXPECT_EQ(Status(bhttp::verb::get, province, "po79"), 404u);
  EXPECT_EQ(Status(bhttp::verb::get, mine, "po79"), 404u);
  EXPECT_EQ(Status(bhttp::verb::get, mine, "pa01"), 404u);
  EXPECT_EQ(Status(bhttp::verb::get, mine, "nat"), 404u);
  EXPECT_EQ(Status(bhttp::verb::get, country, "partner1"), 200u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/views", "").status, 401u);
  // Filter by page.
  Reply pivots = Call(bhttp::verb::get, "/api/v1/views?page=dashboard", "po01");
  ASSERT_EQ(pivots.status, 200u);
  EXPECT_EQ(pivots.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/views?page=map", "po01").status, 400u);
}

TEST_F(SavedViewsTest, WhoMayShareHow) {
  // Partners keep private views; national accounts cannot share with "the province".
  EXPECT_GT(Save("partner1", "Của đối tác", "private"), 0);
  auto refused = [&](const std::string& as, const std::string& visibility) {
    Reply r = Call(bhttp::verb::post, "/api/v1/views", as,
                   R"({"name":"X","page":"pivot","query":"","visibility":")" + visibility + R"("})");
    EXPECT_EQ(r.status, 400u) << as << " " << visibility << ": " << r.body;
    return r.body.find("not_allowed") != std::string::npos;
  };
  EXPECT_TRUE(refused("partner1", "country"));
  EXPECT_TRUE(refused("partner1", "province"));
  EXPECT_TRUE(refused("nat", "province"));
  EXPECT_FALSE(refused("nat", "everyone"));  // invalid_enum
  Reply blank = Call(bhttp::verb::post, "/api/v1/views", "nat", R"({"name":"  ","page":"pivot"})");
  EXPECT_EQ(blank.status, 400u);
  Reply page = Call(bhttp::verb::post, "/api/v1/views", "nat", R"({"name":"A","page":"map"})");
  EXPECT_EQ(page.status, 400u);
}

TEST_F(SavedViewsTest, RenameDeleteAndAudit) {
  int64_t province = Save("po01", "Của tỉnh", "province");
  // Only the owner renames; another account of the province sees it but may not change it.
  EXPECT_EQ(Status(bhttp::verb::patch, province, "pa01", R"({"name":"Đổi"})"), 403u);
  EXPECT_EQ(Status(bhttp::verb::patch, province, "po79", R"({"name":"Đổi"})"), 404u);
  Reply renamed = Call(bhttp::verb::patch, "/api/v1/views/" + std::to_string(province), "po01",
                       R"({"name":"Tỉnh 01 theo loại hình","visibility":"private"})");
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name").as_string(), "Tỉnh 01 theo loại hình");
  EXPECT_EQ(renamed.Json().at("visibility").as_string(), "private");
  EXPECT_EQ(Status(bhttp::verb::get, province, "pa01"), 404u);  // private now
  // Deleting: the owner, or a national admin (even a view it cannot open); not a national officer.
  EXPECT_EQ(Status(bhttp::verb::delete_, province, "nat"), 404u);
  EXPECT_EQ(Status(bhttp::verb::delete_, province, "nat_admin"), 204u);
  EXPECT_EQ(Status(bhttp::verb::get, province, "po01"), 404u);
  int64_t other = Save("po01", "Khác", "country");
  EXPECT_EQ(Status(bhttp::verb::delete_, other, "po79"), 403u);
  EXPECT_EQ(Status(bhttp::verb::delete_, other, "po01"), 204u);
  // The audit rows.
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=saved_view", "nat_admin");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  std::multiset<std::string> actions;
  for (const auto& row : audit.Json().at("items").as_array()) actions.insert(std::string(row.at("action").as_string()));
  EXPECT_EQ(actions.count("saved_view.create"), 2u);
  EXPECT_EQ(actions.count("saved_view.update"), 1u);
  EXPECT_EQ(actions.count("saved_view.delete"), 2u);
}

TEST_F(SavedViewsTest, StartPage) {
  int64_t shared = Save("po01", "Trang đầu của tỉnh", "province");
  int64_t foreign = Save("po79", "Riêng 79", "private");
  Reply set = Call(bhttp::verb::put, "/api/v1/views/start", "pa01", R"({"view_id":)" + std::to_string(shared) + "}");
  ASSERT_EQ(set.status, 200u) << set.body;
  Reply list = Call(bhttp::verb::get, "/api/v1/views", "pa01");
  EXPECT_EQ(list.Json().at("start_view_id").as_int64(), shared);
  EXPECT_EQ(
      Call(bhttp::verb::put, "/api/v1/views/start", "pa01", R"({"view_id":)" + std::to_string(foreign) + "}").status,
      404u);
  // Once the view is deleted the start page is the default again.
  EXPECT_EQ(Status(bhttp::verb::delete_, shared, "po01"), 204u);
  EXPECT_TRUE(Call(bhttp::verb::get, "/api/v1/views", "pa01").Json().at("start_view_id").is_null());
  EXPECT_EQ(Call(bhttp::verb::put, "/api/v1/views/start", "pa01", R"({"view_id":null})").status, 200u);
}

}  // namespace
}  // namespace hoptac

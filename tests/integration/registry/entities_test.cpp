// The registry's entities through the real HTTP server, on the backend named by
// HOPTAC_TEST_BACKEND: create, read, patch, list and search, scope, audit, status
// events and soft delete.
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <thread>

#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "geo/admin_unit.h"
#include "geo/admin_unit_store.h"
#include "http/api.h"
#include "http/server.h"
#include "registry/entity_service.h"
#include "storage/audit.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/test_db.h"
#include "support/test_system.h"
#include "text/collate.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";

class EntitiesTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    port_ = system_.port();
    for (auto [name, role, province] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"nat_admin", "national_admin", ""}, {"po01", "province_officer", "01"}, {"partner1", "partner", ""}}) {
      auth::NewUser user{name, name, role, province, 0, kPassword};
      ASSERT_TRUE(accounts_->CreateUser(auth::Principal::Cli("test"), user).ok()) << name;
      tokens_[name] = Token(name);
    }
  }

  std::string Token(const std::string& name) { return system_.Token(name); }

  // as: a user name (bearer token), or "" for an anonymous call.
  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + tokens_[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(port_, std::move(req));
  }

  int64_t Create(const std::string& json) {
    Reply r = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", json);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  std::set<std::string> Names(const std::string& query, const std::string& as = "nat_admin") {
    Reply r = Call(bhttp::verb::get, "/api/v1/entities" + query, as);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    std::set<std::string> names;
    if (r.status != 200) return names;
    for (const auto& item : r.Json().at("items").as_array()) names.insert(std::string(item.at("name").as_string()));
    EXPECT_EQ(r.Json().at("total").as_int64(), static_cast<int64_t>(names.size())) << query;
    return names;
  }

  uint16_t port_ = 0;
  std::map<std::string, std::string> tokens_;
};

const char* kDongThap = "Hợp tác xã Nông nghiệp Đồng Tháp";
const char* kTanLap = "Hợp tác xã Dịch vụ Tân Lập";
const char* kDongXuan = "Tổ hợp tác Đồng Xuân";

TEST_F(EntitiesTest, CreateGetPatchAndListWithFiltersAndSearch) {
  int64_t dong_thap = Create(std::string(R"({"kind":"cooperative","name":")") + kDongThap +
                             R"(","registration_code":"htx-01","province_code":"01","founded_on":"2020-01-01",
                                 "sector":"agriculture","women_managed":true,"chair_name":"Nguyễn Thị Lan",
                                 "chair_sex":"female","chair_birth_year":1975,"phone":"0912 345 678"})");
  Create(std::string(R"({"kind":"cooperative","name":")") + kTanLap +
         R"(","registration_code":"HTX-02","province_code":"01","founded_on":"2019-03-04"})");
  Create(std::string(R"({"kind":"group","name":")") + kDongXuan +
         R"(","registration_code":"THT-79","province_code":"79","founded_on":"2018-05-06"})");

  Reply got = Call(bhttp::verb::get, "/api/v1/entities/" + std::to_string(dong_thap), "nat_admin");
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.Json().at("registration_code"), "HTX-01");  // normalised
  EXPECT_EQ(got.Json().at("phone"), "0912345678");
  EXPECT_EQ(got.Json().at("status"), "active");
  EXPECT_EQ(got.Json().at("province_as_of"), "2020-01-01");  // fixed on create
  EXPECT_EQ(got.Json().at("sector"), "agriculture");

  Reply patched = Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(dong_thap), "nat_admin",
                       R"({"address":"Xã Tân Lập, Hà Nội","sector":null})");
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.Json().at("address"), "Xã Tân Lập, Hà Nội");
  EXPECT_TRUE(patched.Json().at("sector").is_null());
  EXPECT_EQ(patched.Json().at("name"), kDongThap);

  // Unknown members and bad values are named.
  Reply bad = Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(dong_thap), "nat_admin",
                   R"({"colour":"red","kind":"company","founded_on":"2020-02-30"})");
  ASSERT_EQ(bad.status, 400u);
  std::set<std::string> fields;
  for (const auto& f : bad.Json().at("error").at("fields").as_array())
    fields.insert(std::string(f.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"colour", "kind", "founded_on"}));

  // Search ignores diacritics and case, matches word prefixes, all words, and HTX.
  EXPECT_EQ(Names("?q=hop%20tac%20xa%20dong%20thap"), (std::set<std::string>{kDongThap}));
  EXPECT_EQ(Names("?q=HTX%20%C4%90%E1%BB%93ng%20Th%C3%A1p"), (std::set<std::string>{kDongThap}));  // HTX Đồng Tháp
  EXPECT_EQ(Names("?q=dong"), (std::set<std::string>{kDongThap, kDongXuan}));
  EXPECT_EQ(Names("?q=ong"), (std::set<std::string>{}));  // prefixes of words, not substrings
  EXPECT_EQ(Names("?q=THT"), (std::set<std::string>{kDongXuan}));
  EXPECT_EQ(Names("?kind=group"), (std::set<std::string>{kDongXuan}));
  EXPECT_EQ(Names("?province=01"), (std::set<std::string>{kDongThap, kTanLap}));
  EXPECT_EQ(Names("?province=01&q=tan"), (std::set<std::string>{kTanLap}));
  EXPECT_EQ(Names("?status=active&as_of=2019-01-01"), (std::set<std::string>{kDongXuan}));  // founded before

  // Sorted by name in Vietnamese order, paged, with the total.
  Reply page = Call(bhttp::verb::get, "/api/v1/entities?limit=2", "");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.Json().at("total"), 3);
  auto items = page.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("name"), kTanLap);  // "Dịch vụ" before "Nông nghiệp"
  EXPECT_EQ(items[1].at("name"), kDongThap);
  EXPECT_EQ(page.Json().at("next_offset"), 2);
  Reply rest = Call(bhttp::verb::get, "/api/v1/entities?limit=2&offset=2", "");
  ASSERT_EQ(rest.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(rest.Json().at("items").as_array()[0].at("name"), kDongXuan);
  EXPECT_TRUE(rest.Json().at("next_offset").is_null());
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/entities?limit=201", "").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/entities?kind=company", "").status, 400u);
}

TEST_F(EntitiesTest, ProvinceScopeAndReadOnlyPartners) {
  int64_t in79 = Create(R"({"kind":"cooperative","name":"HTX Sài Gòn","registration_code":"SG-1",
                             "province_code":"79","founded_on":"2020-01-01"})");
  int64_t in01 = Create(R"({"kind":"cooperative","name":"HTX Hà Nội","registration_code":"HN-1",
                             "province_code":"01","founded_on":"2020-01-01"})");
  std::string path79 = "/api/v1/entities/" + std::to_string(in79);
  std::string path01 = "/api/v1/entities/" + std::to_string(in01);
  // A province officer of 01 does not see 79: the same answer as a missing id.
  Reply other = Call(bhttp::verb::get, path79, "po01");
  EXPECT_EQ(other.status, 404u);
  EXPECT_EQ(other.Code(), Call(bhttp::verb::get, "/api/v1/entities/999999", "po01").Code());
  EXPECT_EQ(Call(bhttp::verb::patch, path79, "po01", R"({"address":"x"})").status, 404u);
  EXPECT_EQ(Names("", "po01"), (std::set<std::string>{"HTX Hà Nội"}));
  EXPECT_EQ(Call(bhttp::verb::patch, path01, "po01", R"({"address":"Ba Đình"})").status, 200u);
  // … nor create there, nor move their entity there.
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/entities", "po01",
                 R"({"kind":"cooperative","name":"HTX B","registration_code":"SG-2","province_code":"79"})")
                .status,
            403u);
  EXPECT_EQ(Call(bhttp::verb::patch, path01, "po01", R"({"province_code":"79"})").status, 400u);

  // Partners and anonymous callers read public fields only, and write nothing.
  Reply public_view = Call(bhttp::verb::get, path79, "partner1");
  ASSERT_EQ(public_view.status, 200u);
  EXPECT_FALSE(public_view.Json().as_object().contains("registration_code"));
  EXPECT_FALSE(public_view.Json().as_object().contains("chair_name"));
  EXPECT_EQ(public_view.Json().at("name"), "HTX Sài Gòn");
  EXPECT_EQ(Call(bhttp::verb::get, path79, "").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, path79, "partner1", R"({"address":"x"})").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::delete_, path79, "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/entities", "partner1",
                 R"({"kind":"cooperative","name":"HTX C","registration_code":"C-1","province_code":"01"})")
                .status,
            403u);
  EXPECT_EQ(Call(bhttp::verb::post, path79 + "/events", "partner1", R"({"date":"2021-01-01","type":"stopped"})").status,
            403u);
  EXPECT_EQ(Call(bhttp::verb::patch, path79, "", R"({"address":"x"})").status, 401u);
}

TEST_F(EntitiesTest, WritesAreAuditedWithBeforeAndAfter) {
  int64_t id = Create(R"({"kind":"cooperative","name":"HTX Tân Phú","registration_code":"TP-1",
                           "province_code":"79","founded_on":"2020-01-01"})");
  ASSERT_EQ(Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(id), "nat_admin",
                 R"({"name":"Hợp tác xã Tân Phú"})")
                .status,
            200u);
  ASSERT_EQ(Call(bhttp::verb::delete_, "/api/v1/entities/" + std::to_string(id), "nat_admin").status, 204u);
  storage::AuditQuery query;
  query.object_type = "entity";
  query.object_id = std::to_string(id);
  auto rows = storage::QueryAudit(*db_, query);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);  // newest first
  EXPECT_EQ((*rows)[0].action, "entity.delete");
  EXPECT_EQ((*rows)[1].action, "entity.update");
  EXPECT_EQ((*rows)[2].action, "entity.create");
  for (const auto& row : *rows) {
    EXPECT_EQ(row.province_code, "79");
    EXPECT_EQ(row.actor_name, "nat_admin");
  }
  auto before = boost::json::parse((*rows)[1].before_json);
  auto after = boost::json::parse((*rows)[1].after_json);
  EXPECT_EQ(before.at("name"), "HTX Tân Phú");
  EXPECT_EQ(after.at("name"), "Hợp tác xã Tân Phú");
  EXPECT_TRUE((*rows)[2].before_json.empty());
  EXPECT_TRUE((*rows)[0].after_json.empty());
}

TEST_F(EntitiesTest, StatusEventsAreValidatedAsAWholeHistory) {
  int64_t id = Create(R"({"kind":"cooperative","name":"HTX Bình Minh","registration_code":"BM-1",
                           "province_code":"01","founded_on":"2020-01-01"})");
  std::string events = "/api/v1/entities/" + std::to_string(id) + "/events";
  EXPECT_EQ(Call(bhttp::verb::post, events, "nat_admin", R"({"date":"2021-01-01","type":"stopped"})").status, 201u);
  Reply invalid = Call(bhttp::verb::post, events, "nat_admin", R"({"date":"2021-06-01","type":"suspended"})");
  ASSERT_EQ(invalid.status, 400u) << invalid.body;
  auto field = invalid.Json().at("error").at("fields").as_array()[0];
  EXPECT_EQ(field.at("field"), "events[1]");
  EXPECT_EQ(field.at("code"), "suspend_when_stopped");
  Reply early = Call(bhttp::verb::post, events, "nat_admin", R"({"date":"2019-06-01","type":"stopped"})");
  ASSERT_EQ(early.status, 400u);
  EXPECT_EQ(early.Json().at("error").at("fields").as_array()[0].at("code"), "event_before_founding");
  EXPECT_EQ(Call(bhttp::verb::post, events, "nat_admin", R"({"date":"2022-02-02","type":"dissolved","note":"Đại hội"})")
                .status,
            201u);
  Reply list = Call(bhttp::verb::get, events, "");
  ASSERT_EQ(list.status, 200u);
  ASSERT_EQ(list.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(list.Json().at("items").as_array()[1].at("note"), "Đại hội");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/entities/" + std::to_string(id), "").Json().at("status"), "dissolved");
  EXPECT_EQ(Names("?status=dissolved"), (std::set<std::string>{"HTX Bình Minh"}));
  EXPECT_EQ(Names("?status=stopped&as_of=2021-07-01"), (std::set<std::string>{"HTX Bình Minh"}));
  EXPECT_EQ(Names("?status=active&as_of=2020-07-01"), (std::set<std::string>{"HTX Bình Minh"}));
  EXPECT_EQ(Call(bhttp::verb::post, events, "nat_admin", R"({"date":"2023-01-01","type":"resumed"})").status, 400u);
}

TEST_F(EntitiesTest, SoftDeleteHidesAndRegistrationCodesAreUnique) {
  int64_t id = Create(R"({"kind":"cooperative","name":"HTX Hồng Hà","registration_code":"HH-1",
                           "province_code":"01","founded_on":"2020-01-01"})");
  Reply duplicate = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin",
                         R"({"kind":"group","name":"THT Hồng Hà","registration_code":"hh-1","province_code":"01"})");
  ASSERT_EQ(duplicate.status, 400u) << duplicate.body;
  auto field = duplicate.Json().at("error").at("fields").as_array()[0];
  EXPECT_EQ(field.at("field"), "registration_code");
  EXPECT_EQ(field.at("code"), "registration_code_taken");
  EXPECT_EQ(Call(bhttp::verb::delete_, "/api/v1/entities/" + std::to_string(id), "nat_admin").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/entities/" + std::to_string(id), "nat_admin").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::delete_, "/api/v1/entities/" + std::to_string(id), "nat_admin").status, 404u);
  EXPECT_EQ(Names(""), (std::set<std::string>{}));
}

TEST_F(EntitiesTest, ProvinceCodesAreReadAsOfTheProvinceDate) {
  // 10 (Lào Cai) merged into 15 on 2025-07-01: accepted before, kept as given, placed in 15.
  int64_t id = Create(R"({"kind":"cooperative","name":"HTX Sa Pa","registration_code":"SP-1",
                           "province_code":"10","founded_on":"2015-04-01"})");
  Reply got = Call(bhttp::verb::get, "/api/v1/entities/" + std::to_string(id), "nat_admin");
  EXPECT_EQ(got.Json().at("province_code"), "10");
  EXPECT_EQ(got.Json().at("current_province_code"), "15");
  EXPECT_EQ(Names("?province=15"), (std::set<std::string>{"HTX Sa Pa"}));
  Reply closed = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin",
                      R"({"kind":"cooperative","name":"HTX Mới","registration_code":"SP-2",
                          "province_code":"10","founded_on":"2026-01-05"})");
  ASSERT_EQ(closed.status, 400u);
  EXPECT_EQ(closed.Json().at("error").at("fields").as_array()[0].at("code"), "unknown_province_on");
}

}  // namespace
}  // namespace hoptac

namespace hoptac {
namespace {

TEST_F(EntitiesTest, CooperativeAccountsEditTheirProfileButNotTheirIdentity) {
  int64_t own =
      Create(R"({"kind":"cooperative","name":"HTX Hoa Sen","registration_code":"HS-1","province_code":"01"})");
  int64_t other =
      Create(R"({"kind":"cooperative","name":"HTX Hoa Mai","registration_code":"HM-1","province_code":"01"})");
  auth::NewUser user{"coop1", "coop1", "cooperative", "", own, kPassword};
  ASSERT_TRUE(accounts_->CreateUser(auth::Principal::Cli("test"), user).ok());
  tokens_["coop1"] = Token("coop1");
  std::string path = "/api/v1/entities/" + std::to_string(own);
  Reply profile = Call(bhttp::verb::patch, path, "coop1", R"({"phone":"0912345678","address":"Thôn 3"})");
  EXPECT_EQ(profile.status, 200u) << profile.body;
  Reply identity = Call(bhttp::verb::patch, path, "coop1", R"({"registration_code":"HS-2","province_code":"79"})");
  ASSERT_EQ(identity.status, 403u) << identity.body;
  std::set<std::string> fields;
  for (const auto& f : identity.Json().at("error").at("fields").as_array())
    fields.insert(std::string(f.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"registration_code", "province_code"}));
  EXPECT_EQ(Call(bhttp::verb::get, path, "nat_admin").Json().at("registration_code"), "HS-1");
  EXPECT_EQ(Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(other), "coop1", R"({"phone":"0900000000"})")
                .status,
            404u);
}

}  // namespace
}  // namespace hoptac

namespace hoptac {
namespace {

TEST_F(EntitiesTest, ListFiltersBySectorCommuneFlagsAndFoundingDates) {
  Create(R"({"kind":"cooperative","name":"HTX Lúa Vàng","registration_code":"LV-1","province_code":"01",
             "commune_code":"00004","sector":"agriculture","women_managed":true,"founded_on":"2016-05-01"})");
  Create(R"({"kind":"cooperative","name":"HTX Thanh Niên Xanh","registration_code":"TN-1","province_code":"01",
             "sector":"trade_services","youth":true,"founded_on":"2021-09-09"})");
  Create(R"({"kind":"cooperative","name":"HTX Muối Biển","registration_code":"MB-1","province_code":"79",
             "sector":"salt","founded_on":"2010-01-01"})");
  EXPECT_EQ(Names("?sector=agriculture"), (std::set<std::string>{"HTX Lúa Vàng"}));
  EXPECT_EQ(Names("?commune=00004"), (std::set<std::string>{"HTX Lúa Vàng"}));
  EXPECT_EQ(Names("?women_managed=true"), (std::set<std::string>{"HTX Lúa Vàng"}));
  EXPECT_EQ(Names("?youth=1"), (std::set<std::string>{"HTX Thanh Niên Xanh"}));
  EXPECT_EQ(Names("?youth=false&province=01"), (std::set<std::string>{"HTX Lúa Vàng"}));
  EXPECT_EQ(Names("?founded_from=2016-01-01&founded_to=2020-12-31"), (std::set<std::string>{"HTX Lúa Vàng"}));
  EXPECT_EQ(Names("?founded_from=2016-05-01"), (std::set<std::string>{"HTX Lúa Vàng", "HTX Thanh Niên Xanh"}));
  EXPECT_EQ(Names("?founded_to=2010-01-01"), (std::set<std::string>{"HTX Muối Biển"}));
  for (const char* bad : {"?sector=fishing", "?youth=maybe", "?founded_from=2020-13-01",
                          "?founded_from=2021-01-01&founded_to=2020-01-01"}) {
    Reply r = Call(bhttp::verb::get, std::string("/api/v1/entities") + bad, "nat_admin");
    EXPECT_EQ(r.status, 400u) << bad << ": " << r.body;
    EXPECT_FALSE(r.Json().at("error").at("fields").as_array().empty()) << bad;
  }
}

}  // namespace
}  // namespace hoptac

namespace hoptac {
namespace {

// Code 15 was Yên Bái until 2025-06-30 and is Lào Cai since; Lào Cai's old code was 10.
TEST_F(EntitiesTest, LegacyProvinceFilterReadsCodesAsTheyWere) {
  Create(R"({"kind":"cooperative","name":"HTX Yên Bái Xưa","registration_code":"YB-1","province_code":"15",
             "founded_on":"2015-04-01"})");
  Create(R"({"kind":"cooperative","name":"HTX Lào Cai Mới","registration_code":"LC-2","province_code":"15",
             "founded_on":"2026-02-01"})");
  Create(R"({"kind":"cooperative","name":"HTX Lào Cai Cũ","registration_code":"LC-1","province_code":"10",
             "founded_on":"2012-07-07"})");
  EXPECT_EQ(Names("?legacy_province=15"), (std::set<std::string>{"HTX Yên Bái Xưa"}));
  EXPECT_EQ(Names("?legacy_province=10"), (std::set<std::string>{"HTX Lào Cai Cũ"}));
  EXPECT_EQ(Names("?province=15"), (std::set<std::string>{"HTX Yên Bái Xưa", "HTX Lào Cai Mới", "HTX Lào Cai Cũ"}));
  Reply bad = Call(bhttp::verb::get, "/api/v1/entities?legacy_province=99", "nat_admin");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.Json().at("error").at("fields").as_array()[0].at("field"), "legacy_province");
}

}  // namespace
}  // namespace hoptac

namespace hoptac {
namespace {

std::vector<std::string> NamesInOrder(const testing::Reply& r) {
  std::vector<std::string> names;
  for (const auto& item : r.Json().at("items").as_array()) names.emplace_back(item.at("name").as_string());
  return names;
}

TEST_F(EntitiesTest, SearchRanksWholeWordsAndShortNamesFirst) {
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Nông nghiệp Đồng Tháp Mười","registration_code":"r1","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"HTX Đồng Tháp","registration_code":"r2","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Đồng Thạnh","registration_code":"r3","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"group","name":"Tổ hợp tác Thắng Lợi","registration_code":"r4","province_code":"82","founded_on":"2020-01-01"})");
  // "dong thap": both names with the whole words match, the shorter first; "Đồng Thạnh" lacks "thap",
  // but the words name the province, so the rest of Đồng Tháp's entities follow the name matches.
  Reply r = Call(bhttp::verb::get, "/api/v1/entities?q=dong%20thap", "nat_admin");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(NamesInOrder(r), (std::vector<std::string>{"HTX Đồng Tháp", "Hợp tác xã Nông nghiệp Đồng Tháp Mười",
                                                       "Hợp tác xã Đồng Thạnh", "Tổ hợp tác Thắng Lợi"}));
  // A prefix ranks below whole words: "dong tha" finds all three, the two whole "đồng" … first by length.
  r = Call(bhttp::verb::get, "/api/v1/entities?q=HTX%20%C4%90%E1%BB%93ng%20th", "nat_admin");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("total").as_int64(), 3);
  EXPECT_EQ(NamesInOrder(r).front(), "HTX Đồng Tháp");
  // sort=name: Vietnamese collation instead of relevance.
  r = Call(bhttp::verb::get, "/api/v1/entities?q=dong&sort=name", "nat_admin");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(NamesInOrder(r), (std::vector<std::string>{"Hợp tác xã Đồng Thạnh", "Hợp tác xã Nông nghiệp Đồng Tháp Mười",
                                                       "HTX Đồng Tháp"}));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/entities?sort=size", "nat_admin").status, 400u);
}

// Words that name a province or a commune match the entities there (their names matching the
// other words), after the entities whose names match every word: "htx dong thap" finds Đồng Tháp's
// cooperatives, not only the two named after the province.
TEST_F(EntitiesTest, SearchMatchesTheProvinceAndCommuneNamedByItsWords) {
  Create(
      R"({"kind":"cooperative","name":"HTX Đồng Tháp Xanh","registration_code":"p1","province_code":"01","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Nông nghiệp Mỹ An","registration_code":"p2","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Dịch vụ Tân Hồng","registration_code":"p3","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"group","name":"Tổ hợp tác Rau sạch","registration_code":"p4","province_code":"82","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Nông nghiệp Thanh Trì","registration_code":"p5","province_code":"01","commune_code":"00640","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Rau Thanh Trì","registration_code":"p6","province_code":"01","founded_on":"2020-01-01"})");
  Create(
      R"({"kind":"cooperative","name":"Hợp tác xã Hoa Sen","registration_code":"p7","province_code":"01","commune_code":"00640","founded_on":"2020-01-01"})");
  // The name match first, then the province's cooperatives (the group is no "hợp tác xã").
  Reply r = Call(bhttp::verb::get, "/api/v1/entities?q=htx%20dong%20thap", "nat_admin");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto names = NamesInOrder(r);
  ASSERT_EQ(names.size(), 3u) << r.body;
  EXPECT_EQ(names[0], "HTX Đồng Tháp Xanh");
  EXPECT_EQ(std::set<std::string>(names.begin() + 1, names.end()),
            (std::set<std::string>{"Hợp tác xã Nông nghiệp Mỹ An", "Hợp tác xã Dịch vụ Tân Hồng"}));
  // With diacritics and "tỉnh", the same; the other words narrow the province's entities.
  EXPECT_EQ(Names("?q=h%E1%BB%A3p%20t%C3%A1c%20x%C3%A3%20t%E1%BB%89nh%20%C4%90%E1%BB%93ng%20Th%C3%A1p%20d%E1%BB%8Bch"),
            (std::set<std::string>{"Hợp tác xã Dịch vụ Tân Hồng"}));
  // A province filter elsewhere leaves the words to the names alone.
  EXPECT_EQ(Names("?q=htx%20dong%20thap&province=01"), (std::set<std::string>{"HTX Đồng Tháp Xanh"}));
  // A commune: "rau thanh tri" — the name with every word, then the commune's entity named "rau"… none
  // here; "htx thanh tri" — both names, then the commune's other cooperative.
  r = Call(bhttp::verb::get, "/api/v1/entities?q=htx%20thanh%20tri", "nat_admin");
  ASSERT_EQ(r.status, 200u) << r.body;
  names = NamesInOrder(r);
  ASSERT_EQ(names.size(), 3u) << r.body;
  EXPECT_EQ(names.back(), "Hợp tác xã Hoa Sen");
  EXPECT_EQ(Names("?q=rau%20thanh%20tri"), (std::set<std::string>{"Hợp tác xã Rau Thanh Trì"}));
  // A province officer elsewhere finds nothing of Đồng Tháp.
  EXPECT_EQ(Names("?q=htx%20dong%20thap&sort=name", "po01"), (std::set<std::string>{"HTX Đồng Tháp Xanh"}));
}

TEST_F(EntitiesTest, SortsByNameEitherWayAndByFoundingDateWithUnknownDatesLast) {
  Create(
      R"({"kind":"cooperative","name":"HTX Bình An","registration_code":"o1","province_code":"01","founded_on":"2019-05-01"})");
  Create(
      R"({"kind":"cooperative","name":"HTX An Khánh","registration_code":"o2","province_code":"01","founded_on":"2009-01-31"})");
  Create(
      R"({"kind":"cooperative","name":"HTX Ân Thi","registration_code":"o3","province_code":"01","founded_on":"2024-12-01"})");
  Create(R"({"kind":"group","name":"Tổ hợp tác Đá Bạc","registration_code":"o4","province_code":"01"})");
  Create(
      R"({"kind":"cooperative","name":"HTX Dương Liễu","registration_code":"o5","province_code":"01","founded_on":"2019-05-01"})");
  auto names = [&](const std::string& query) {
    Reply r = Call(bhttp::verb::get, "/api/v1/entities?" + query, "nat_admin");
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    return NamesInOrder(r);
  };
  EXPECT_EQ(names("sort=name"), (std::vector<std::string>{"HTX An Khánh", "HTX Ân Thi", "HTX Bình An", "HTX Dương Liễu",
                                                          "Tổ hợp tác Đá Bạc"}));
  EXPECT_EQ(names("sort=-name"), (std::vector<std::string>{"Tổ hợp tác Đá Bạc", "HTX Dương Liễu", "HTX Bình An",
                                                           "HTX Ân Thi", "HTX An Khánh"}));
  // Same founding date: by name. No founding date: last in both directions.
  EXPECT_EQ(names("sort=founded_on"), (std::vector<std::string>{"HTX An Khánh", "HTX Bình An", "HTX Dương Liễu",
                                                                "HTX Ân Thi", "Tổ hợp tác Đá Bạc"}));
  EXPECT_EQ(names("sort=-founded_on"), (std::vector<std::string>{"HTX Ân Thi", "HTX Bình An", "HTX Dương Liễu",
                                                                 "HTX An Khánh", "Tổ hợp tác Đá Bạc"}));
  // With words the sort still applies (relevance only when asked for or by default).
  EXPECT_EQ(names("q=an&sort=-founded_on"), (std::vector<std::string>{"HTX Ân Thi", "HTX Bình An", "HTX An Khánh"}));
  // Pages of two through the cursor give the same order as one page.
  for (std::string sort : {"-name", "founded_on", "-founded_on"}) {
    std::vector<std::string> paged;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
      Reply r =
          Call(bhttp::verb::get, "/api/v1/entities?limit=2&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor),
               "nat_admin");
      ASSERT_EQ(r.status, 200u) << r.body;
      EXPECT_EQ(r.Json().at("total").as_int64(), 5);
      for (auto& name : NamesInOrder(r)) paged.push_back(name);
      if (r.Json().at("next_cursor").is_null()) break;
      cursor = std::string(r.Json().at("next_cursor").as_string());
    }
    EXPECT_EQ(paged, names("sort=" + sort)) << sort;
  }
  Reply bad = Call(bhttp::verb::get, "/api/v1/entities?sort=founded", "nat_admin");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.Json().at("error").at("fields").as_array()[0].at("field"), "sort");
  EXPECT_NE(bad.body.find("-founded_on"), std::string::npos) << bad.body;
  // The export takes a list's sort as it is and refuses a wrong one.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/exports/entities?sort=-founded_on", "nat_admin").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/exports/entities?sort=size", "nat_admin").status, 400u);
}

TEST_F(EntitiesTest, KeysetPagingVisitsEveryMatchOnceWhileEntitiesChange) {
  for (int i = 0; i < 57; ++i)
    Create(R"({"kind":"cooperative","name":"Hợp tác xã Số )" + std::to_string(i) + R"(","registration_code":"k)" +
           std::to_string(i) + R"(","province_code":"01","founded_on":"2020-01-01"})");
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  while (true) {
    std::string target = "/api/v1/entities?sort=name&limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor);
    Reply r = Call(bhttp::verb::get, target, "nat_admin");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.Json().at("total").as_int64(), 57 + pages) << "inserted one per page";
    for (auto& name : NamesInOrder(r)) seen.push_back(name);
    ++pages;
    // An entity that sorts before the cursor must not shift the next page.
    Create(R"({"kind":"cooperative","name":"Hợp tác xã A )" + std::to_string(pages) + R"(","registration_code":"a)" +
           std::to_string(pages) + R"(","province_code":"01","founded_on":"2020-01-01"})");
    if (r.Json().at("next_cursor").is_null()) break;
    cursor = std::string(r.Json().at("next_cursor").as_string());
  }
  EXPECT_EQ(pages, 6);
  ASSERT_EQ(seen.size(), 57u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 57u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(),
                             [](const std::string& a, const std::string& b) { return text::Compare(a, b) < 0; }));
  Reply bad = Call(bhttp::verb::get, "/api/v1/entities?cursor=zz", "nat_admin");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("cursor"), std::string::npos);
}

// Regression: with no figures stored at all, a figure measure summed the entities (one each).
TEST_F(EntitiesTest, FigureMeasuresWithNoFiguresStoredAreZeroNotTheEntityCount) {
  Create(
      R"({"kind":"cooperative","name":"HTX Một","registration_code":"z1","province_code":"01","founded_on":"2015-03-01"})");
  Create(
      R"({"kind":"cooperative","name":"HTX Hai","registration_code":"z2","province_code":"01","founded_on":"2016-03-01"})");
  for (std::string measure : {"members_total", "workers_total", "revenue_vnd"}) {
    Reply r = Call(bhttp::verb::get, "/api/v1/stats/entities?as_of=2025-12-31&measure=" + measure, "nat_admin");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.Json().at("total").as_int64(), 0) << measure << ": " << r.body;
    r = Call(bhttp::verb::get, "/api/v1/stats/entities?as_of=2025-12-31&group_by=province&measure=" + measure,
             "nat_admin");
    ASSERT_EQ(r.status, 200u) << r.body;
    for (const auto& row : r.Json().at("rows").as_array())
      EXPECT_EQ(row.at("value").as_int64(), 0) << measure << ": " << r.body;
  }
  Reply count = Call(bhttp::verb::get, "/api/v1/stats/entities?as_of=2025-12-31", "nat_admin");
  ASSERT_EQ(count.status, 200u) << count.body;
  EXPECT_EQ(count.Json().at("total").as_int64(), 2);
}

TEST_F(EntitiesTest, StatisticsFollowWritesAndReadProvincesInBothSchemes) {
  // Founded in Yên Bái (15) in 2015, in Lào Cai (10) in 2016, in today's Lào Cai (15) in 2026.
  int64_t yen_bai = Create(
      R"({"kind":"cooperative","name":"HTX Yên Bái","registration_code":"s1","province_code":"15","founded_on":"2015-03-01","sector":"agriculture"})");
  Create(
      R"({"kind":"cooperative","name":"HTX Lào Cai cũ","registration_code":"s2","province_code":"10","founded_on":"2016-03-01"})");
  Create(
      R"({"kind":"credit_fund","name":"Quỹ tín dụng nhân dân Lào Cai","registration_code":"s3","province_code":"15","founded_on":"2026-01-05"})");
  auto stock = [&](const std::string& query, const std::string& as = "nat_admin") {
    Reply r = Call(bhttp::verb::get, "/api/v1/stats/entities?" + query, as);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    std::map<std::string, int64_t> out;
    if (r.status != 200) return out;
    for (const auto& row : r.Json().at("rows").as_array()) {
      std::string key;
      for (const auto& [name, value] : row.at("keys").as_object())
        key += (key.empty() ? "" : "|") + std::string(value.as_string());
      out[key] = row.at("value").as_int64();
    }
    out["total"] = r.Json().at("total").as_int64();
    return out;
  };
  // 2021-03-31, legacy: Yên Bái (15) and Lào Cai (10) apart; current: both inside today's Lào Cai (15).
  EXPECT_EQ(stock("as_of=2021-03-31&group_by=province&province_scheme=legacy"),
            (std::map<std::string, int64_t>{{"10", 1}, {"15", 1}, {"total", 2}}));
  EXPECT_EQ(stock("as_of=2021-03-31&group_by=province"), (std::map<std::string, int64_t>{{"15", 2}, {"total", 2}}));
  Reply named = Call(bhttp::verb::get,
                     "/api/v1/stats/entities?as_of=2021-03-31&group_by=province&province_scheme=legacy", "nat_admin");
  EXPECT_NE(named.body.find("Yen Bai"), std::string::npos) << named.body;
  // Counting rules are explicit: kinds.
  EXPECT_EQ(stock("group_by=kind"),
            (std::map<std::string, int64_t>{{"cooperative", 2}, {"credit_fund", 1}, {"total", 3}}));
  EXPECT_EQ(stock("kind=cooperative,credit_fund")["total"], 3);
  EXPECT_EQ(stock("kind=cooperative")["total"], 2);
  // A write shows in the very next call: dissolve Yên Bái's cooperative in 2022.
  EXPECT_EQ(stock("group_by=status")["active"], 3);
  Reply ev = Call(bhttp::verb::post, "/api/v1/entities/" + std::to_string(yen_bai) + "/events", "nat_admin",
                  R"({"date":"2022-06-01","type":"dissolved"})");
  ASSERT_EQ(ev.status, 201u) << ev.body;
  EXPECT_EQ(stock("group_by=status"), (std::map<std::string, int64_t>{{"active", 2}, {"dissolved", 1}, {"total", 3}}));
  EXPECT_EQ(stock("as_of=2022-05-31&group_by=status"), (std::map<std::string, int64_t>{{"active", 2}, {"total", 2}}));
  // Flows: founded 2015–2016, two, one a year.
  Reply flows = Call(bhttp::verb::get,
                     "/api/v1/stats/flows?event=established&from=2015-01-01&to=2016-12-31&group_by=year", "nat_admin");
  ASSERT_EQ(flows.status, 200u) << flows.body;
  EXPECT_EQ(flows.Json().at("total").as_int64(), 2);
  // Whole numbers are written as integers ("years":2, not 2E0).
  EXPECT_EQ(flows.Json().at("years").as_int64(), 2);
  EXPECT_EQ(flows.Json().at("yearly_average").as_int64(), 1);
  EXPECT_NE(flows.body.find("\"years\":2,"), std::string::npos) << flows.body;
  // Province accounts see their province only (po01 is Hà Nội: nothing here).
  EXPECT_EQ(stock("group_by=province", "po01"), (std::map<std::string, int64_t>{{"total", 0}}));
  // Bad queries name the parameter.
  for (const char* bad : {"measure=members", "group_by=colour", "as_of=2021-02-30", "province_scheme=old",
                          "group_by=province,kind,sector,youth", "kind=farm", "colour=red"}) {
    Reply r = Call(bhttp::verb::get, std::string("/api/v1/stats/entities?") + bad, "nat_admin");
    EXPECT_EQ(r.status, 400u) << bad << ": " << r.body;
    std::string parameter = std::string(bad).substr(0, std::string(bad).find('='));
    EXPECT_NE(r.body.find("\"" + parameter + "\""), std::string::npos) << bad << ": " << r.body;
  }
  Reply reversed = Call(bhttp::verb::get, "/api/v1/stats/flows?from=2020-01-01&to=2019-01-01", "nat_admin");
  EXPECT_EQ(reversed.status, 400u);
  EXPECT_NE(reversed.body.find("\"from\""), std::string::npos) << reversed.body;
}

}  // namespace
}  // namespace hoptac

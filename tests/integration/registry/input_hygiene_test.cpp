// Input hygiene through the real HTTP server, on the backend named by HOPTAC_TEST_BACKEND
// (issue 13): request text that is not UTF-8, names normalised on create, update and import,
// filters on attributes that are not public, patches that change nothing, and no-store on
// every authenticated answer.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "base/log.h"
#include "registry/change.h"
#include "registry/entity_query.h"
#include "support/http_client.h"
#include "support/test_system.h"
#include "text/utf8.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";
const std::string kNfc = "Hợp tác xã Tân Lập";                                          // precomposed
const std::string kNfd = "Ho\u031B\u0323p ta\u0301c xa\u0303 T\u00E2n L\u00E2\u0323p";  // the same, decomposed

class InputHygieneTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    auto own = entities_->Create(auth::Principal::Cli("test"), Entity("OWN-1", "HTX Của Mình", "01"));
    ASSERT_TRUE(own.ok());
    own_id_ = own->entity.id;
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat_officer", "national_officer");
    system_.AddUser("nat_admin", "national_admin");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
    system_.AddUser("coop1", "cooperative", "", own_id_);
  }

  static domain::Entity Entity(const std::string& code, const std::string& name, const std::string& province) {
    domain::Entity e;
    e.registration_code = code;
    e.name = name;
    e.province_code = province;
    e.founded_on = Date::FromCivil(2020, 1, 1);
    e.women_managed = true;
    return e;
  }

  // as: a user added in SetUp (bearer token), "" for an anonymous call.
  Reply Call(bhttp::verb method, const std::string& target, const std::string& as = "", const std::string& body = "",
             const std::string& content_type = "application/json", const std::string& lang = "en") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  int64_t Count(const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT COUNT(*) FROM " + table, {}));
                     n = std::get<int64_t>((*row)[0]);
                     return Ok();
                   })
                    .ok());
    return n;
  }

  // The registry version, and the entity's change_seq and updated_at_ms.
  std::tuple<int64_t, int64_t, int64_t> Versions(int64_t id) {
    std::tuple<int64_t, int64_t, int64_t> out{-1, -1, -1};
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     HOPTAC_ASSIGN_OR_RETURN(std::get<0>(out), registry::RegistryVersion(conn));
                     HOPTAC_ASSIGN_OR_RETURN(
                         auto row, conn.QueryOne("SELECT change_seq, updated_at_ms FROM entities WHERE id = $1",
                                                 {storage::Int(id)}));
                     std::get<1>(out) = std::get<int64_t>((*row)[0]);
                     std::get<2>(out) = std::get<int64_t>((*row)[1]);
                     return Ok();
                   })
                    .ok());
    return out;
  }

  static std::string FieldCode(const Reply& r, const std::string& field) {
    if (!r.Json().is_object() || !r.Json().as_object().contains("error")) return "";
    for (const auto& f : r.Json().at("error").at("fields").as_array())
      if (f.at("field").as_string() == field) return std::string(f.at("code").as_string());
    return "";
  }

  static std::string Reason(const Reply& r) {
    return r.Json().is_object() && r.Json().as_object().contains("error")
               ? std::string(r.Json().at("error").at("reason").as_string())
               : "";
  }

  int64_t own_id_ = 0;
};

std::string NameJson(const std::string& code, const std::string& name) {
  return R"({"kind":"cooperative","registration_code":")" + code + R"(","province_code":"01","name":)" +
         boost::json::serialize(boost::json::value(name)) + "}";
}

TEST_F(InputHygieneTest, InvalidUtf8IsRefusedByNameNeverEchoed) {
  struct Case {
    const char* target;
    const char* reason;
    const char* names;  // what the English message must name
  } cases[] = {
      {"/api/v1/admin-units/%ff", "path_not_utf8", "/api/v1/admin-units/\uFFFD"},
      {"/api/v1/entities?kind=%ff", "query_not_utf8", "kind"},
      {"/api/v1/entities?q=H%E1%BB", "query_not_utf8", "q"},
      {"/api/v1/entities/%C0%AF", "path_not_utf8", "/api/v1/entities/\uFFFD"},
      {"/api/v1/stats/entities?group_by=%ED%A0%80", "query_not_utf8", "group_by"},
      {"/api/v1/entities?%ff=1", "query_not_utf8", "\uFFFD"},
  };
  for (const auto& c : cases) {
    for (const char* lang : {"en", "vi"}) {
      Reply r = Call(bhttp::verb::get, c.target, "", "", "", lang);
      EXPECT_EQ(r.status, 400u) << c.target;
      ASSERT_TRUE(text::IsValidUtf8(r.body)) << c.target;
      EXPECT_EQ(Reason(r), c.reason) << c.target << ": " << r.body;
      EXPECT_EQ(r.Code(), "invalid_argument");
      if (std::string(lang) == "en") {
        EXPECT_NE(std::string(r.Json().at("error").at("message").as_string()).find(c.names), std::string::npos)
            << r.body;
      }
    }
  }
  // A JSON body: refused as not UTF-8, with the byte offset.
  Reply body = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", "{\"name\":\"\xFF\"}");
  EXPECT_EQ(body.status, 400u);
  EXPECT_EQ(Reason(body), "body_not_utf8");
  EXPECT_TRUE(text::IsValidUtf8(body.body));
  // A header the server reads.
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/api/v1/entities", 11};
  req.set(bhttp::field::authorization, "Bearer \xFF\xFE");
  Reply header = testing::Send(system_.port(), std::move(req));
  EXPECT_EQ(header.status, 400u);
  EXPECT_EQ(Reason(header), "header_not_utf8");
  EXPECT_EQ(body.body.find('\xFF'), std::string::npos);
}

TEST_F(InputHygieneTest, NamesAreNormalisedOnCreateAndUpdate) {
  // Decomposed, with a right-to-left override inside and zero-width characters around.
  std::string typed = "\u200B Ho\u031B\u0323p ta\u0301c xa\u0303 \u202ET\u00E2n L\u00E2\u0323p\u202C \uFEFF";
  Reply created = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", NameJson("NFD-1", typed));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("name"), kNfc.c_str());
  std::string path = "/api/v1/entities/" + std::to_string(created.Json().at("id").as_int64());
  EXPECT_EQ(Call(bhttp::verb::get, path).Json().at("name"), kNfc.c_str());

  // Nothing visible: refused with a field error that says so, in both languages.
  for (std::string invisible : {"\u200B\u200B", " \u200C\u200D\u2060 ", "\uFEFF", "\u202E\u202C", "\u3164"}) {
    Reply r = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", NameJson("ZW-1", invisible));
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(FieldCode(r, "name"), "no_visible_text") << r.body;
    EXPECT_NE(std::string(r.Json().at("error").at("message").as_string()).find("no visible character"),
              std::string::npos);
    Reply vi =
        Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", NameJson("ZW-1", invisible), "application/json", "vi");
    EXPECT_NE(std::string(vi.Json().at("error").at("message").as_string()).find("nhìn thấy được"), std::string::npos);
  }
  // … so no invisible name is stored to sort first.
  Reply list = Call(bhttp::verb::get, "/api/v1/entities?sort=name", "nat_admin");
  EXPECT_EQ(list.Json().at("total"), 2);
  EXPECT_EQ(list.Json().at("items").at(0).at("name"), kNfc.c_str());

  // Update: the same rules.
  Reply patched = Call(bhttp::verb::patch, path, "nat_admin",
                       R"({"name":"\u200eHTX \u0110o\u0302\u0300ng Tha\u0301p\u200f","address":"  X\u00E3 A \u200B"})");
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.Json().at("name"), "HTX Đồng Tháp");
  EXPECT_EQ(patched.Json().at("address"), "Xã A");
  Reply refused = Call(bhttp::verb::patch, path, "nat_admin", R"({"chair_name":"\u200b"})");
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(FieldCode(refused, "chair_name"), "no_visible_text");
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", R"({"name":"\u2066\u2069"})").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, path).Json().at("name"), "HTX Đồng Tháp");
}

TEST_F(InputHygieneTest, ImportsNormaliseNamesTheSameWay) {
  std::string csv =
      "registration_code,name,kind,province_code\n"
      "IMP-1," +
      kNfd +
      ",HTX,01\n"
      "IMP-2,\u200B\u200B,HTX,01\n"
      "IMP-3,HTX \u202EgnaL\u202C,HTX,01\n";
  Reply job = Call(bhttp::verb::post, "/api/v1/imports?type=entities&skip_bad_rows=true", "nat_admin", csv, "text/csv");
  ASSERT_EQ(job.status, 202u) << job.body;
  std::string id(job.Json().at("id").as_string());
  boost::json::value done;
  for (int i = 0; i < 3000; ++i) {
    Reply r = Call(bhttp::verb::get, "/api/v1/imports/" + id, "nat_admin");
    ASSERT_EQ(r.status, 200u) << r.body;
    ASSERT_TRUE(r.Json().as_object().contains("state")) << r.body;
    std::string state(r.Json().at("state").as_string());
    if (state != "queued" && state != "running") {
      done = r.Json();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(done.is_object()) << "the import did not finish";
  ASSERT_TRUE(done.as_object().contains("counts") && done.at("counts").is_object()) << done;
  ASSERT_EQ(done.at("outcome"), "committed") << done;
  EXPECT_EQ(done.at("counts").at("created"), 2);
  EXPECT_EQ(done.at("counts").at("bad_rows"), 1);
  ASSERT_EQ(done.at("problems").as_array().size(), 1u) << done;
  EXPECT_EQ(done.at("problems").at(0).at("row"), 3);
  EXPECT_EQ(done.at("problems").at(0).at("code"), "no_visible_text");
  std::set<std::string> names;
  for (auto [target, as] : {std::pair{"/api/v1/entities?q=htx", "nat_admin"}, {"/api/v1/entities?q=tan%20lap", ""}}) {
    Reply list = Call(bhttp::verb::get, target, as);  // kept: Json() refers into it
    ASSERT_EQ(list.status, 200u) << list.body;
    for (const auto& item : list.Json().at("items").as_array()) names.insert(std::string(item.at("name").as_string()));
  }
  EXPECT_TRUE(names.contains(kNfc));
  EXPECT_TRUE(names.contains("HTX gnaL"));
}

TEST_F(InputHygieneTest, DisplayNamesAreNormalised) {
  Reply created =
      Call(bhttp::verb::post, "/api/v1/users", "nat_admin",
           R"({"username":"lan","display_name":"\u200b Nguy\u00ea\u0303n Th\u1ecb Lan \u202e","role":"partner",
                           "password":"Mật-khẩu-thử-nghiệm-1"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("display_name"), "Nguyễn Thị Lan");
  Reply refused = Call(bhttp::verb::post, "/api/v1/users", "nat_admin",
                       R"({"username":"ghost","display_name":"\u200b\u200b","role":"partner",
                           "password":"Mật-khẩu-thử-nghiệm-1"})");
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(FieldCode(refused, "display_name"), "no_visible_text");
  std::string path = "/api/v1/users/" + std::to_string(created.Json().at("id").as_int64());
  EXPECT_EQ(FieldCode(Call(bhttp::verb::patch, path, "nat_admin", R"({"display_name":"\u2060"})"), "display_name"),
            "no_visible_text");
  // A patch that changes nothing writes no audit row.
  int64_t audit = Count("audit_log");
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", "{}").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", R"({"display_name":" Nguyễn Thị Lan "})").status, 200u);
  EXPECT_EQ(Count("audit_log"), audit);
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", R"({"display_name":"Lan"})").status, 200u);
  EXPECT_EQ(Count("audit_log"), audit + 1);
}

TEST_F(InputHygieneTest, PatchesThatChangeNothingWriteNothing) {
  Reply created = Call(bhttp::verb::post, "/api/v1/entities", "nat_admin",
                       R"({"kind":"cooperative","name":"Hợp tác xã Tân Lập","registration_code":"NOOP-1",
                           "province_code":"01","founded_on":"2020-01-01","women_managed":true,"phone":"0912345678"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  int64_t id = created.Json().at("id").as_int64();
  std::string path = "/api/v1/entities/" + std::to_string(id);
  int64_t audit = Count("audit_log");
  auto versions = Versions(id);
  for (const char* body : {
           "{}",
           R"({"name":"Hợp tác xã Tân Lập","women_managed":true,"youth":false,"founded_on":"2020-01-01"})",
           R"({"name":"  Hợp tác xã   Tân Lập \u200b","registration_code":"noop-1","phone":"0912 345 678"})",
           R"({"name":"Ho\u031b\u0323p ta\u0301c xa\u0303 T\u00e2n L\u00e2\u0323p"})",
           R"({"sector":null,"commune_code":null,"tax_code":""})",
       }) {
    Reply r = Call(bhttp::verb::patch, path, "nat_admin", body);
    ASSERT_EQ(r.status, 200u) << body << ": " << r.body;
    EXPECT_EQ(r.Json(), created.Json()) << body;  // the entity as it is, updated_at_ms included
    EXPECT_EQ(Count("audit_log"), audit) << body;
    EXPECT_EQ(Versions(id), versions) << body;
  }
  // As the cooperative account of its own entity, and a province officer: the same.
  auto own_versions = Versions(own_id_);
  EXPECT_EQ(Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(own_id_), "coop1", "{}").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(own_id_), "po01", "{}").status, 200u);
  EXPECT_EQ(Versions(own_id_), own_versions);
  EXPECT_EQ(Count("audit_log"), audit);
  // Out of scope is still "not found", and a bad value still an error, even with nothing to change.
  EXPECT_EQ(Call(bhttp::verb::patch, path, "coop1", "{}").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", R"({"colour":"red"})").status, 400u);
  // A real change writes one audit row and a new version.
  Reply changed = Call(bhttp::verb::patch, path, "nat_admin", R"({"youth":true})");
  ASSERT_EQ(changed.status, 200u);
  EXPECT_EQ(Count("audit_log"), audit + 1);
  EXPECT_GT(std::get<0>(Versions(id)), std::get<0>(versions));
}

TEST_F(InputHygieneTest, AuthenticatedAnswersAreNotStored) {
  auto cache = [](const Reply& r) { return std::string(r.headers[bhttp::field::cache_control]); };
  // Anonymous answers keep their caching (none said here).
  EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/entities")), "");
  EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/admin-units?level=province")), "");
  EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/stats/entities")), "");
  // Bearer tokens: answers and errors alike.
  for (const char* who : {"nat_officer", "po01", "partner1", "coop1"}) {
    EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/entities", who)), "no-store") << who;
    EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/entities/" + std::to_string(own_id_), who)), "no-store") << who;
    EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/stats/entities", who)), "no-store") << who;
    EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/entities/999999", who)), "no-store") << who;
  }
  EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/users", "nat_admin")), "no-store");
  EXPECT_EQ(cache(Call(bhttp::verb::get, "/api/v1/audit", "nat_admin")), "no-store");
  // A session cookie.
  Reply login = Call(bhttp::verb::post, "/api/v1/session", "",
                     R"({"username":"po01","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(login.status, 200u) << login.body;
  std::string set_cookie(login.headers[bhttp::field::set_cookie]);
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  for (const char* target : {"/api/v1/entities", "/api/v1/session", "/api/v1/stats/flows", "/api/v1/imports"}) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::cookie, cookie);
    Reply r = testing::Send(system_.port(), std::move(req));
    EXPECT_EQ(r.status, 200u) << target << ": " << r.body;
    EXPECT_EQ(cache(r), "no-store") << target;
  }
  // A stale cookie on a public route is ignored: the answer is anonymous, and cached as such.
  bhttp::request<bhttp::string_body> stale{bhttp::verb::get, "/api/v1/entities", 11};
  stale.set(bhttp::field::cookie, "hoptac_session=stale");
  EXPECT_EQ(cache(testing::Send(system_.port(), std::move(stale))), "");
}

// Every filter the list, the exports and the statistics read × every kind of caller.
TEST_F(InputHygieneTest, OnlyOfficialsFilterByAttributesThatAreNotPublic) {
  const std::map<std::string, std::string> values = {{"kind", "cooperative"},
                                                     {"province", "01"},
                                                     {"status", "active"},
                                                     {"as_of", "2024-01-01"},
                                                     {"q", "htx"},
                                                     {"sector", "agriculture"},
                                                     {"commune", "00004"},
                                                     {"legacy_province", "01"},
                                                     {"women_managed", "true"},
                                                     {"youth", "false"},
                                                     {"founded_from", "2000-01-01"},
                                                     {"founded_to", "2024-12-31"},
                                                     {"sort", "name"}};
  const std::set<std::string> restricted = {"women_managed", "youth"};
  struct Caller {
    std::string as;
    bool official;
    bool sees_all_columns;  // may export events and figures
  };
  const std::vector<Caller> callers = {{"", false, false},
                                       {"partner1", false, false},
                                       {"coop1", false, true},
                                       {"po01", true, true},
                                       {"nat_officer", true, true}};
  struct Route {
    std::string path;
    std::vector<std::string_view> filters;
    bool needs_all_columns;
  };
  const std::vector<Route> routes = {{"/api/v1/entities", registry::EntityFilterNames(), false},
                                     {"/api/v1/exports/entities", registry::EntityFilterNames(), false},
                                     {"/api/v1/exports/events", registry::EntityFilterNames(), true},
                                     {"/api/v1/exports/figures", registry::EntityFilterNames(), true},
                                     {"/api/v1/stats/entities", registry::SharedFilterNames(), false},
                                     {"/api/v1/stats/flows", registry::SharedFilterNames(), false},
                                     {"/api/v1/stats/series", registry::SharedFilterNames(), false}};
  int checked = 0;
  for (const Route& route : routes) {
    for (std::string_view filter : route.filters) {
      ASSERT_TRUE(values.contains(std::string(filter))) << "no value for the filter " << filter;
      bool is_restricted = restricted.contains(std::string(filter));
      // The one definition: a filter is restricted when the attribute it reads is not public.
      EXPECT_EQ(is_restricted, !domain::IsPublicAttribute(registry::FilterAttribute(filter)) &&
                                   !registry::FilterAttribute(filter).empty())
          << filter;
      for (const Caller& caller : callers) {
        std::string target = route.path + "?" + std::string(filter) + "=" + values.at(std::string(filter));
        Reply r = Call(bhttp::verb::get, target, caller.as);
        std::string who = caller.as.empty() ? "anonymous" : caller.as;
        bool may_filter = caller.official || !is_restricted;
        bool may_route = !route.needs_all_columns || caller.sees_all_columns;
        if (may_filter && may_route) {
          EXPECT_EQ(r.status, 200u) << who << " " << target << ": " << r.body;
        } else if (!may_filter && !caller.as.empty()) {
          EXPECT_EQ(r.status, 403u) << who << " " << target << ": " << r.body;
          EXPECT_EQ(Reason(r), "filter_not_public") << who << " " << target << ": " << r.body;
          EXPECT_EQ(FieldCode(r, std::string(filter)), "filter_not_public") << who << " " << target;
        } else if (!may_filter) {  // anonymous: refused by the filter, or by the route first (sign in)
          EXPECT_TRUE(r.status == 403u || (route.needs_all_columns && r.status == 401u))
              << who << " " << target << ": " << r.body;
          if (r.status == 403u) {
            EXPECT_EQ(Reason(r), "filter_not_public") << target;
          }
        } else {
          EXPECT_TRUE(r.status == 401u || r.status == 403u) << who << " " << target << ": " << r.body;
          EXPECT_NE(Reason(r), "filter_not_public") << who << " " << target;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * (4 * 13 + 3 * 9));
  // The attack as reported: women_managed=true named 1,352 entities to anyone.
  Reply attack = Call(bhttp::verb::get, "/api/v1/entities?women_managed=true&youth=true", "partner1");
  EXPECT_EQ(attack.status, 403u);
  EXPECT_EQ(attack.Json().at("error").at("fields").as_array().size(), 2u);
  EXPECT_NE(std::string(attack.Json().at("error").at("message").as_string()).find("women_managed"), std::string::npos);
}

}  // namespace
}  // namespace hoptac

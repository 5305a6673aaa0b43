// Accounts, roles, scope and the audit log through the real HTTP server, on the
// backend named by HOPTAC_TEST_BACKEND. The access matrix walks the route table:
// a route without an entry in kExpectations fails the test.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "fund/fund_service.h"
#include "geo/admin_unit.h"
#include "geo/admin_unit_store.h"
#include "http/api.h"
#include "http/server.h"
#include "io/format_detect.h"
#include "io/xlsx_stream.h"
#include "news/news_service.h"
#include "petitions/petition_service.h"
#include "portal/html.h"
#include "products/product_service.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "registry/import/import.h"
#include "registry/import/import_jobs.h"
#include "support/attachment_files.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/temp_files.h"
#include "support/test_db.h"
#include "support/test_system.h"
#include "surveys/questionnaire_json.h"
#include "surveys/survey_service.h"

namespace hoptac {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

using testing::Reply;

// Credentials for one request: a session cookie with its CSRF token, or a bearer token.
struct Credentials {
  std::string cookie;
  std::string csrf;
  std::string bearer;
};

Reply Call(uint16_t port, bhttp::verb method, const std::string& target, const Credentials& creds = {},
           const std::string& body = "", bool send_csrf = true) {
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::accept_language, "en");
  if (!creds.cookie.empty()) req.set(bhttp::field::cookie, "theme=dark; hoptac_session=" + creds.cookie);
  if (!creds.csrf.empty() && send_csrf) req.set("X-CSRF-Token", creds.csrf);
  if (!creds.bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + creds.bearer);
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
  }
  return testing::Send(port, std::move(req));
}

std::string CookieFrom(const Reply& reply) {
  std::string header(reply.headers[bhttp::field::set_cookie]);
  auto start = header.find("hoptac_session=");
  if (start == std::string::npos) return "";
  start += std::string("hoptac_session=").size();
  return header.substr(start, header.find(';', start) - start);
}

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";

class AuthTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    // The minimum argon2id cost keeps the matrix fast; the benchmark measures the real one.
    app::SystemOptions options = testing::FastSystemOptions();
    options.max_unfinished_imports = 1000;
    ASSERT_TRUE(CreateSystem(std::move(options)));
    // One entity in province 01 (owned by coop1) and one in 79, for the access matrix.
    entity01_ = AddEntity("MATRIX-01", "01");
    entity79_ = AddEntity("MATRIX-79", "79");
    ASSERT_TRUE(system_.Serve());
    router_ = system_.router();
    port_ = system_.port();

    Add("nat_admin", "national_admin");
    Add("nat_officer", "national_officer");
    Add("pa01", "province_admin", "01");
    Add("po01", "province_officer", "01");
    Add("pa79", "province_admin", "79");
    Add("partner1", "partner");
    Add("coop1", "cooperative", "", entity01_);
    Add("target01", "province_officer", "01");
    Add("target79", "province_officer", "79");
  }

  // The principal of an account made by Add(), as its API token would authenticate it.
  auth::Principal PrincipalOf(const std::string& name) {
    auto user = accounts_->FindUser(auth::Principal::Cli("test"), name);
    EXPECT_TRUE(user.ok()) << name;
    auth::Principal who;
    if (!user.ok()) return who;
    who.user_id = user->id;
    who.username = user->username;
    who.role = user->role;
    who.province_code = user->province_code;
    who.entity_id = user->entity_id;
    who.credential = auth::Credential::kApiToken;
    return who;
  }

  // A finished dry-run import job of `name`.
  std::string FinishedImportJob(const std::string& name) {
    registry::ImportJobRequest request;
    request.dry_run = true;
    request.data = "registration_code,name,kind,province_code\nJOB-1,Hợp tác xã Việc,HTX,01\n";
    auto job = import_jobs_->Submit(PrincipalOf(name), request);
    EXPECT_TRUE(job.ok()) << name;
    if (!job.ok()) return "0";
    for (int i = 0; i < 2000; ++i) {
      auto now = import_jobs_->Get(auth::Principal::Cli("test"), job->id);
      if (now.ok() && now->result) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return job->id;
  }

  // A committed import of `name` (a province account: the import is its province's).
  int64_t CommittedImport(const std::string& name, const std::string& province) {
    std::string csv =
        "registration_code,name,kind,province_code\nIMPF-" + province + ",Hợp tác xã Tệp,HTX," + province + "\n";
    auto source = io::OpenTableFromBytes(csv);
    EXPECT_TRUE(source.ok());
    if (!source.ok()) return 0;
    registry::ImportOptions options;
    options.source_name = "matrix-" + province + ".csv";
    options.file_bytes = std::make_shared<const std::string>(csv);
    auto result = imports_->Import(PrincipalOf(name), **source, options);
    EXPECT_TRUE(result.ok() && result->import_id > 0) << name;
    return result.ok() ? result->import_id : 0;
  }

  int64_t Add(const std::string& name, const std::string& role, const std::string& province = "", int64_t entity = 0) {
    auth::NewUser user{name, "User " + name, role, province, entity, kPassword};
    auto created = accounts_->CreateUser(auth::Principal::Cli("test"), user);
    EXPECT_TRUE(created.ok()) << name << ": " << (created.ok() ? "" : created.error().key);
    ids_[name] = created.ok() ? created->id : 0;
    return ids_[name];
  }

  int64_t AddEntity(const std::string& code, const std::string& province) {
    domain::Entity entity;
    entity.name = "Hợp tác xã Thử nghiệm " + code;
    entity.registration_code = code;
    entity.province_code = province;
    entity.founded_on = Date::FromCivil(2020, 1, 1);
    auto created = entities_->Create(auth::Principal::Cli("test"), entity);
    EXPECT_TRUE(created.ok()) << code << ": " << (created.ok() ? "" : created.error().key);
    return created.ok() ? created->entity.id : 0;
  }

  Credentials Login(const std::string& name, const std::string& password = kPassword) {
    Reply r = Call(port_, bhttp::verb::post, "/api/v1/session", {},
                   boost::json::serialize(boost::json::object{{"username", name}, {"password", password}}));
    EXPECT_EQ(r.status, 200u) << name << " " << r.body;
    if (r.status != 200) return {};
    return {CookieFrom(r), std::string(r.Json().at("csrf_token").as_string()), ""};
  }

  int64_t entity01_ = 0, entity79_ = 0;
  std::shared_ptr<http::Router> router_;
  uint16_t port_ = 0;
  std::map<std::string, int64_t> ids_;
};

TEST_F(AuthTest, LoginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession) {
  Reply r = Call(port_, bhttp::verb::post, "/api/v1/session", {},
                 R"({"username":"NAT_ADMIN","password":"Mật-khẩu-thử-nghiệm-1"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  std::string cookie_header(r.headers[bhttp::field::set_cookie]);
  EXPECT_NE(cookie_header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie_header.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(r.Json().at("user").at("role"), "national_admin");
  Credentials creds{CookieFrom(r), std::string(r.Json().at("csrf_token").as_string()), ""};
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/session", creds).status, 200u);
  // A write with the cookie but without the CSRF token is refused.
  Reply no_csrf = Call(port_, bhttp::verb::delete_, "/api/v1/session", creds, "", false);
  EXPECT_EQ(no_csrf.status, 403u);
  EXPECT_EQ(no_csrf.Json().at("error").at("message"),
            "Missing or wrong anti-forgery token (X-CSRF-Token). Reload the page.");
  EXPECT_EQ(Call(port_, bhttp::verb::delete_, "/api/v1/session", creds).status, 204u);
  Reply after = Call(port_, bhttp::verb::get, "/api/v1/session", creds);
  EXPECT_EQ(after.status, 401u);
  EXPECT_EQ(after.Code(), "unauthenticated");
}

TEST_F(AuthTest, WrongPasswordUnknownUserAndDisabledAccountLookTheSame) {
  auto wrong =
      Call(port_, bhttp::verb::post, "/api/v1/session", {}, R"({"username":"nat_admin","password":"nope-nope-nope"})");
  auto unknown =
      Call(port_, bhttp::verb::post, "/api/v1/session", {}, R"({"username":"ghost","password":"nope-nope-nope"})");
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(wrong.body, unknown.body);
  auth::UserPatch patch;
  patch.disabled = true;
  ASSERT_TRUE(accounts_->UpdateUser(auth::Principal::Cli("test"), ids_["partner1"], patch).ok());
  auto disabled = Call(port_, bhttp::verb::post, "/api/v1/session", {},
                       R"({"username":"partner1","password":"Mật-khẩu-thử-nghiệm-1"})");
  EXPECT_EQ(disabled.status, 401u);
  EXPECT_EQ(disabled.body, wrong.body);
  auto missing = Call(port_, bhttp::verb::post, "/api/v1/session", {}, R"({"username":"nat_admin"})");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.Json().at("error").at("fields").as_array()[0].at("field"), "password");
  EXPECT_EQ(Call(port_, bhttp::verb::post, "/api/v1/session", {}, "{not json").status, 400u);
}

TEST_F(AuthTest, ApiTokensAuthenticateAreListedHashedAndRevocable) {
  Credentials session = Login("po01");
  Reply created = Call(port_, bhttp::verb::post, "/api/v1/tokens", session, R"({"name":"báo cáo tự động"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string secret(created.Json().at("token").as_string());
  int64_t id = created.Json().at("id").as_int64();
  Credentials bearer{"", "", secret};
  Reply me = Call(port_, bhttp::verb::get, "/api/v1/session", bearer);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.Json().at("user").at("username"), "po01");
  EXPECT_EQ(me.Json().at("credential"), "api_token");
  // Bearer writes need no CSRF token (browsers never send it on their own).
  EXPECT_EQ(Call(port_, bhttp::verb::post, "/api/v1/tokens", bearer, R"({"name":"second"})").status, 201u);
  Reply list = Call(port_, bhttp::verb::get, "/api/v1/tokens", session);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.Json().at("total"), 2);
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the secret must never be listed";
  // The database holds only the hash.
  auto stored = db_->Read([&](storage::Connection& conn) -> Status {
    auto rows = conn.QueryAll("SELECT token_hash FROM api_tokens");
    EXPECT_TRUE(rows.ok());
    bool found = false;
    for (const auto& row : *rows) {
      found = found || std::get<std::string>(row[0]) == auth::TokenHash(secret);
      EXPECT_EQ(std::get<std::string>(row[0]).find(secret), std::string::npos);
    }
    EXPECT_TRUE(found);
    return Ok();
  });
  EXPECT_TRUE(stored.ok());
  EXPECT_EQ(Call(port_, bhttp::verb::delete_, "/api/v1/tokens/" + std::to_string(id), session).status, 204u);
  Reply revoked = Call(port_, bhttp::verb::get, "/api/v1/session", bearer);
  EXPECT_EQ(revoked.status, 401u);
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/session", {"", "", "hpt_forged"}).status, 401u);
}

TEST_F(AuthTest, ApiTokensExpireAfterNinetyDaysByDefaultAndReadOnlyOnesOnlyRead) {
  Credentials session = Login("po01");
  Reply created =
      Call(port_, bhttp::verb::post, "/api/v1/tokens", session, R"({"name":"đọc số liệu","read_only":true})");
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto& token = created.Json().as_object();
  EXPECT_EQ(token.at("read_only"), true);
  ASSERT_TRUE(token.at("expires_at_ms").is_int64()) << created.body;
  EXPECT_EQ(token.at("expires_at_ms").as_int64() - token.at("created_at_ms").as_int64(), int64_t{90} * 86'400'000);
  Credentials bearer{"", "", std::string(token.at("token").as_string())};
  // It reads …
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/session", bearer).status, 200u);
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/tokens", bearer).status, 200u);
  // … and every other method is refused with its own reason, before the route runs.
  Reply write = Call(port_, bhttp::verb::post, "/api/v1/tokens", bearer, R"({"name":"more"})");
  EXPECT_EQ(write.status, 403u);
  EXPECT_EQ(write.Json().at("error").at("reason"), "token_read_only") << write.body;
  Reply revoke =
      Call(port_, bhttp::verb::delete_, "/api/v1/tokens/" + std::to_string(token.at("id").as_int64()), bearer);
  EXPECT_EQ(revoke.status, 403u);
  EXPECT_EQ(revoke.Json().at("error").at("reason"), "token_read_only");
  Reply listed = Call(port_, bhttp::verb::get, "/api/v1/tokens", session);
  ASSERT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.Json().at("items").as_array()[0].at("read_only"), true);
  // Only a national admin may make a token that never expires (0 or null).
  Reply never = Call(port_, bhttp::verb::post, "/api/v1/tokens", session, R"({"name":"mãi","expires_in_days":0})");
  EXPECT_EQ(never.status, 400u);
  EXPECT_EQ(never.Json().at("error").at("fields").as_array()[0].at("code"), "expiry_required") << never.body;
  Reply never_null =
      Call(port_, bhttp::verb::post, "/api/v1/tokens", session, R"({"name":"mãi","expires_in_days":null})");
  EXPECT_EQ(never_null.status, 400u);
  Reply week = Call(port_, bhttp::verb::post, "/api/v1/tokens", session, R"({"name":"tuần","expires_in_days":7})");
  ASSERT_EQ(week.status, 201u);
  EXPECT_EQ(week.Json().at("read_only"), false);
  EXPECT_EQ(week.Json().at("expires_at_ms").as_int64() - week.Json().at("created_at_ms").as_int64(),
            int64_t{7} * 86'400'000);
  Reply forever =
      Call(port_, bhttp::verb::post, "/api/v1/tokens", Login("nat_admin"), R"({"name":"mãi","expires_in_days":0})");
  ASSERT_EQ(forever.status, 201u) << forever.body;
  EXPECT_TRUE(forever.Json().at("expires_at_ms").is_null());
}

TEST_F(AuthTest, AProvinceRoleWithoutAProvinceIsRefusedByName) {
  Reply bad = Call(port_, bhttp::verb::post, "/api/v1/users", Login("nat_admin"),
                   R"({"username":"noprov","role":"province_officer","password":"Khác-hẳn-nhau-9"})");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  const auto& field = bad.Json().at("error").at("fields").as_array()[0];
  EXPECT_EQ(field.at("field"), "province_code");
  EXPECT_EQ(field.at("code"), "required");
  Reply no_role = Call(port_, bhttp::verb::post, "/api/v1/users", Login("nat_admin"),
                       R"({"username":"norole","password":"Khác-hẳn-nhau-9"})");
  ASSERT_EQ(no_role.status, 400u);
  EXPECT_EQ(no_role.Json().at("error").at("fields").as_array()[0].at("field"), "role");
}

TEST_F(AuthTest, ProvinceAdminSeesAndManagesOnlyTheirProvince) {
  Credentials pa = Login("pa01");
  Reply list = Call(port_, bhttp::verb::get, "/api/v1/users", pa);
  ASSERT_EQ(list.status, 200u);
  for (const auto& user : list.Json().at("items").as_array()) EXPECT_EQ(user.at("province_code"), "01") << user;
  EXPECT_EQ(list.Json().at("total"), 3);  // pa01, po01, target01
  // Another province's account does not exist for them.
  Reply other = Call(port_, bhttp::verb::get, "/api/v1/users/" + std::to_string(ids_["target79"]), pa);
  EXPECT_EQ(other.status, 404u);
  Reply missing = Call(port_, bhttp::verb::get, "/api/v1/users/999999", pa);
  EXPECT_EQ(other.Code(), missing.Code());
  // They cannot create a national account or one in another province.
  Reply national = Call(port_, bhttp::verb::post, "/api/v1/users", pa,
                        R"({"username":"sneaky","role":"national_admin","password":"Khác-hẳn-nhau-9"})");
  EXPECT_EQ(national.status, 403u);
  Reply elsewhere =
      Call(port_, bhttp::verb::post, "/api/v1/users", pa,
           R"({"username":"sneaky","role":"province_officer","province_code":"79","password":"Khác-hẳn-nhau-9"})");
  EXPECT_EQ(elsewhere.status, 403u);
  Reply mine =
      Call(port_, bhttp::verb::post, "/api/v1/users", pa,
           R"({"username":"new01","role":"province_officer","province_code":"01","password":"Khác-hẳn-nhau-9"})");
  EXPECT_EQ(mine.status, 201u) << mine.body;
  // Validation errors name every bad field.
  Reply bad = Call(port_, bhttp::verb::post, "/api/v1/users", Login("nat_admin"),
                   R"({"username":"X","role":"king","password":"short","extra":1})");
  ASSERT_EQ(bad.status, 400u);
  std::set<std::string> fields;
  for (const auto& f : bad.Json().at("error").at("fields").as_array())
    fields.insert(std::string(f.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"extra"}));  // unknown members are reported first
  Reply bad2 = Call(port_, bhttp::verb::post, "/api/v1/users", Login("nat_admin"),
                    R"({"username":"X","role":"king","password":"short"})");
  fields.clear();
  for (const auto& f : bad2.Json().at("error").at("fields").as_array())
    fields.insert(std::string(f.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"username", "role", "password"}));
}

TEST_F(AuthTest, AuditRecordsBeforeAndAfterOfAnApiEditAndIsScoped) {
  Credentials na = Login("nat_admin");
  std::string target = std::to_string(ids_["target01"]);
  Reply patch = Call(port_, bhttp::verb::patch, "/api/v1/users/" + target, na, R"({"display_name":"Nguyễn Thị Hoa"})");
  ASSERT_EQ(patch.status, 200u) << patch.body;
  Reply audit = Call(port_, bhttp::verb::get, "/api/v1/audit?object=user:" + target, na);
  ASSERT_EQ(audit.status, 200u) << audit.body;
  auto items = audit.Json().at("items").as_array();
  ASSERT_GE(items.size(), 2u);  // update, then create
  auto last = items[0].as_object();
  EXPECT_EQ(last.at("action"), "user.update");
  EXPECT_EQ(last.at("actor_name"), "nat_admin");
  EXPECT_EQ(last.at("address"), "127.0.0.1");
  EXPECT_EQ(last.at("before").at("display_name"), "User target01");
  EXPECT_EQ(last.at("after").at("display_name"), "Nguyễn Thị Hoa");
  EXPECT_EQ(items.back().at("action"), "user.create");

  // A province admin reads only their province's rows.
  Reply pa = Call(port_, bhttp::verb::get, "/api/v1/audit?limit=1000", Login("pa79"));
  ASSERT_EQ(pa.status, 200u);
  EXPECT_FALSE(pa.Json().at("items").as_array().empty());
  for (const auto& row : pa.Json().at("items").as_array()) EXPECT_EQ(row.at("province_code"), "79") << row;
  // Bad filters are named.
  Reply bad = Call(port_, bhttp::verb::get, "/api/v1/audit?from=2026-02-30", na);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.Json().at("error").at("fields").as_array()[0].at("field"), "from");
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/audit?from=2026-02-03&to=2026-01-01", na).status, 400u);
  // The database refuses to alter audit rows.
  Status tamper = db_->Write([](storage::Connection& conn) -> Status {
    auto result = conn.Exec("UPDATE audit_log SET actor_name = 'nobody'");
    if (!result.ok()) return std::move(result).error();
    return Ok();
  });
  EXPECT_FALSE(tamper.ok());
  Status erase = db_->Write([](storage::Connection& conn) -> Status {
    auto result = conn.Exec("DELETE FROM audit_log");
    if (!result.ok()) return std::move(result).error();
    return Ok();
  });
  EXPECT_FALSE(erase.ok());
}

TEST_F(AuthTest, AuditRowsNameTheirObjectsInOneQueryPerType) {
  Credentials na = Login("nat_admin");
  std::string target = std::to_string(ids_["target01"]);
  ASSERT_EQ(
      Call(port_, bhttp::verb::patch, "/api/v1/users/" + target, na, R"({"display_name":"Nguyễn Thị Hoa"})").status,
      200u);
  Reply audit = Call(port_, bhttp::verb::get, "/api/v1/audit?limit=1000", na);
  ASSERT_EQ(audit.status, 200u) << audit.body;
  bool named_entity = false, named_user = false;
  for (const auto& row : audit.Json().at("items").as_array()) {
    if (row.at("object_type") == "entity" && row.at("object_id") == boost::json::value(std::to_string(entity01_))) {
      EXPECT_EQ(row.at("object_name"), "Hợp tác xã Thử nghiệm MATRIX-01") << row;
      named_entity = true;
    }
    if (row.at("object_type") == "user" && row.at("object_id") == boost::json::value(target)) {
      EXPECT_EQ(row.at("object_name"), "Nguyễn Thị Hoa (target01)") << row;
      named_user = true;
    }
  }
  EXPECT_TRUE(named_entity) << audit.body.substr(0, 2000);
  EXPECT_TRUE(named_user);
}

TEST_F(AuthTest, OfficersReadTheHistoryOfTheirEntitiesOnly) {
  std::string own = "/api/v1/audit?object=entity:" + std::to_string(entity01_);
  std::string other = "/api/v1/audit?object=entity:" + std::to_string(entity79_);
  Credentials po = Login("po01");
  Reply mine = Call(port_, bhttp::verb::get, own, po);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  ASSERT_FALSE(mine.Json().at("items").as_array().empty());
  EXPECT_EQ(mine.Json().at("items").as_array().back().at("action"), "entity.create");
  // Another province's entity has no history for them.
  Reply theirs = Call(port_, bhttp::verb::get, other, po);
  ASSERT_EQ(theirs.status, 200u);
  EXPECT_TRUE(theirs.Json().at("items").as_array().empty()) << theirs.body;
  // A national officer reads any entity's history.
  Reply national = Call(port_, bhttp::verb::get, other, Login("nat_officer"));
  ASSERT_EQ(national.status, 200u);
  EXPECT_FALSE(national.Json().at("items").as_array().empty());
  // Nothing else of the log: not the whole of it, not a user's rows.
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/audit", po).status, 403u);
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/audit?object=entity", po).status, 403u);
  EXPECT_EQ(Call(port_, bhttp::verb::get, "/api/v1/audit?object=user:" + std::to_string(ids_["po01"]), po).status,
            403u);
  // Partners and cooperatives read none of it.
  EXPECT_EQ(Call(port_, bhttp::verb::get, own, Login("partner1")).status, 403u);
  EXPECT_EQ(Call(port_, bhttp::verb::get, own, Login("coop1")).status, 403u);
}

TEST_F(AuthTest, AuditRecordsAnEditMadeThroughTheCli) {
  std::string command = std::string("HOPTAC_LOG_LEVEL=error USER=ops ") + HOPTAC_BINARY +
                        " user disable target79 --db '" + url_ + "' > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  Reply audit = Call(port_, bhttp::verb::get, "/api/v1/audit?object=user:" + std::to_string(ids_["target79"]),
                     Login("nat_admin"));
  ASSERT_EQ(audit.status, 200u);
  auto last = audit.Json().at("items").as_array()[0].as_object();
  EXPECT_EQ(last.at("action"), "user.update");
  EXPECT_EQ(last.at("actor_name"), "cli:ops");
  EXPECT_EQ(last.at("address"), "cli");
  EXPECT_EQ(last.at("before").at("disabled"), false);
  EXPECT_EQ(last.at("after").at("disabled"), true);
  // And the CLI-created account can sign in with the password given on stdin.
  std::string add = std::string("echo 'Mật-khẩu-từ-CLI-42' | HOPTAC_LOG_LEVEL=error ") + HOPTAC_BINARY +
                    " user add cli01 --role province_officer --province 01 --db '" + url_ + "' > /dev/null";
  ASSERT_EQ(std::system(add.c_str()), 0);
  Login("cli01", "Mật-khẩu-từ-CLI-42");
  std::string bad_role = std::string("echo 'Mật-khẩu-từ-CLI-42' | HOPTAC_LOG_LEVEL=error ") + HOPTAC_BINARY +
                         " user add cli02 --role emperor --db '" + url_ + "' 2> /dev/null";
  EXPECT_NE(std::system(bad_role.c_str()), 0);
}

// 200 wrong passwords in under 10 s from one address are throttled (429 with
// Retry-After), while another user signs in normally from the same address.
TEST_F(AuthTest, BruteForceIsThrottledWithoutLockingOutOthers) {
  int throttled = 0, rejected = 0, others_ok = 0;
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) {
    Reply r = Call(port_, bhttp::verb::post, "/api/v1/session", {},
                   R"({"username":"nat_admin","password":"guess-)" + std::to_string(i) + R"("})");
    if (r.status == 429) {
      ++throttled;
      EXPECT_GE(std::atoi(std::string(r.headers["Retry-After"]).c_str()), 1);
    } else {
      EXPECT_EQ(r.status, 401u);
      ++rejected;
    }
    if (i % 20 == 10) {
      Reply other = Call(port_, bhttp::verb::post, "/api/v1/session", {},
                         R"({"username":"po01","password":"Mật-khẩu-thử-nghiệm-1"})");
      EXPECT_EQ(other.status, 200u) << "another user must not be locked out";
      others_ok += other.status == 200;
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  // 5 free failures, then only one try after each back-off (1 s, 2 s, 4 s …).
  EXPECT_LE(rejected, 10);
  EXPECT_GE(throttled, 190);
  EXPECT_EQ(others_ok, 10);
}

// ---------------------------------------------------------------------------
// The access matrix: every route × every role × own and other province/owner.

enum class Want { kOk, kUnauthenticated, kForbidden, kNotFound };

const char* WantName(Want w) {
  switch (w) {
    case Want::kOk: return "allowed";
    case Want::kUnauthenticated: return "401";
    case Want::kForbidden: return "403";
    case Want::kNotFound: return "404";
  }
  return "?";
}

// Saved views: every signed-in account keeps its own; another province's province view is not
// found (a national admin may still delete it).
Want ViewOwn(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return own ? Want::kOk : Want::kNotFound;
}
Want ViewDelete(const std::string& caller, bool own) {
  if (caller == "nat_admin") return Want::kOk;
  return ViewOwn(caller, own);
}

// Caller roles: anonymous, then the accounts of SetUp.
const std::vector<std::string> kCallers = {"anonymous", "nat_admin", "nat_officer", "pa01",
                                           "po01",      "partner1",  "coop1"};

struct Expectation {
  // Request for the route; {own} is a target in province 01 / owned by the caller,
  // {other} one in province 79 / owned by someone else.
  std::function<std::string(bool own)> path;
  std::function<std::string(const std::string& caller, bool own)> body;
  std::function<Want(const std::string& caller, bool own)> want;
};

Want Public(const std::string&, bool) { return Want::kOk; }
Want SignedIn(const std::string& caller, bool) { return caller == "anonymous" ? Want::kUnauthenticated : Want::kOk; }
Want AdminOfScope(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin") return Want::kOk;
  if (caller == "pa01") return own ? Want::kOk : Want::kNotFound;
  return Want::kForbidden;
}
Want AnyAdmin(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "nat_admin" || caller == "pa01" ? Want::kOk : Want::kForbidden;
}
Want AdminCreating(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin") return Want::kOk;
  if (caller == "pa01") return own ? Want::kOk : Want::kForbidden;
  return Want::kForbidden;
}
// Reading an entity: public, but a province account sees only its province and a
// cooperative only its own entity (the "own" target is coop1's entity).
Want EntityRead(const std::string& caller, bool own) {
  if (caller == "pa01" || caller == "po01" || caller == "coop1") return own ? Want::kOk : Want::kNotFound;
  return Want::kOk;
}
// Changing an entity: national roles everywhere, province roles in their province,
// a cooperative its own entity when `cooperative_writes`; partners never.
Want EntityWrite(const std::string& caller, bool own, bool cooperative_writes) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  if (caller == "coop1" && cooperative_writes) return own ? Want::kOk : Want::kNotFound;
  return Want::kForbidden;
}
Want EntityCreate(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
  return Want::kForbidden;
}
// Per-entity figures: read and written by the entity's writers (a cooperative its
// own); partners are refused, whatever the entity.
Want FiguresAccess(const std::string& caller, bool own) { return EntityWrite(caller, own, true); }
// Exports of events and figures: for accounts that see full entity records (scope
// narrows the rows, not the access); partners see public fields only.
Want ExportFull(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1") return Want::kForbidden;
  return Want::kOk;
}
// Imports: national and province roles submit (rows outside a province are row errors,
// not a refusal); partners and cooperatives may not.
Want ImportWriter(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  return Want::kOk;
}
// A job is its owner's; a national admin sees every job; to anyone else it does not exist.
Want ImportJobAccess(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin") return Want::kOk;
  if (caller == "partner1" || caller == "coop1") return Want::kNotFound;
  return own ? Want::kOk : Want::kNotFound;
}
// A committed import's file: national accounts read every import, a province account
// those made in its province; partners and cooperatives none.
Want ImportRecordAccess(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
  return Want::kForbidden;
}
Want OwnToken(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (own || caller == "nat_admin") return Want::kOk;
  return Want::kNotFound;
}
// Reports (the "own" target is a report of province 01, the other of 79): national roles
// see every report, province roles their province's, others none (404).
Want ReportRead(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  return Want::kNotFound;
}
// Province reports are filled by their province's officers and admins; national roles see
// them but do not fill them.
Want ReportFill(const std::string& caller, bool own) {
  Want read = ReportRead(caller, own);
  if (read != Want::kOk) return read;
  return caller == "pa01" || caller == "po01" ? Want::kOk : Want::kForbidden;
}
Want ReportCreate(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return (caller == "pa01" || caller == "po01") && own ? Want::kOk : Want::kForbidden;
}
// Province reports are reviewed by national officers and admins.
Want ReportReview(const std::string& caller, bool own) {
  Want read = ReportRead(caller, own);
  if (read != Want::kOk) return read;
  return caller == "nat_admin" || caller == "nat_officer" ? Want::kOk : Want::kForbidden;
}
Want ReportReopen(const std::string& caller, bool own) {
  Want read = ReportRead(caller, own);
  if (read != Want::kOk) return read;
  return caller == "nat_admin" ? Want::kOk : Want::kForbidden;
}
Want ReportCompleteness(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "partner1" || caller == "coop1" ? Want::kForbidden : Want::kOk;
}
// The grid of an entity form: national roles any province, a province account its own (the
// "other" target is province 79: 403), cooperatives and partners none.
Want ReportGrid(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
  return Want::kOk;
}
Want FormWrite(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "nat_admin" ? Want::kOk : Want::kForbidden;
}

// Programmes: read by national accounts, province accounts (their province's) and, for national
// ones, everyone signed in; a province programme of 01 (own) or 79 (other) is 404 outside its scope.
// Writes follow the same scope (a readable programme may still be read-only: 403).
Want ProgrammeAccess(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  return Want::kNotFound;
}
// Creating a programme or a partner: officials, a province account in its province only.
Want ProgrammeCreate(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
  return Want::kForbidden;
}
// The partners' directory (contacts are personal data): officials only.
Want PartnerAccess(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  return ProgrammeAccess(caller, own);
}
// Activities: held ones are read by everyone signed in; a province activity of 01 (own) or 79
// (other) is 404 to the other province; writes by officials in scope (partners and cooperatives 403).
Want ActivityRead(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  return Want::kOk;
}
Want ActivityWrite(const std::string& caller, bool own) {
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  return ActivityRead(caller, own);
}
Want Officials(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "partner1" || caller == "coop1" ? Want::kForbidden : Want::kOk;
}

// Surveys: questionnaires are the officials'; a province campaign is read and written by its
// province and national accounts (another province's is not found); a cooperative has "mine";
// the answer page is public. The fixtures: a one-question questionnaire and open campaigns of
// provinces 01 and 79 made by the command line, fresh ones for the routes that delete or close.
struct SurveyFixtures {
  surveys::SurveyService* svc = nullptr;
  int64_t questionnaire = 0, campaign01 = 0, campaign79 = 0;
  std::string token01;

  int64_t Questionnaire() {
    auto body = boost::json::parse(
        R"({"form_id":"mx","version":"1","title":{"vi":"Khảo sát","en":"Survey"},"sections":[{"name":"s1",)"
        R"("questions":[{"name":"q1","type":"likert","label":{"vi":"Hài lòng","en":"Satisfied"},"required":true,)"
        R"("choices":[{"name":"1","label":{"vi":"1"}},{"name":"2","label":{"vi":"2"}},{"name":"3","label":{"vi":"3"}},)"
        R"({"name":"4","label":{"vi":"4"}},{"name":"5","label":{"vi":"5"}}]}]}]})");
    auto q = surveys::ReadQuestionnaire(body.as_object());
    EXPECT_TRUE(q.ok());
    if (!q.ok()) return 0;
    auto made = svc->CreateQuestionnaire(auth::Principal::Cli("test"), *q);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return made.ok() ? made->id : 0;
  }
  int64_t Campaign(const std::string& province) {
    surveys::CampaignInput in;
    in.questionnaire_id = questionnaire;
    in.year = 2026;
    in.opens_on = Date::FromCivil(2026, 1, 1);
    in.closes_on = Date::FromCivil(2099, 12, 31);
    in.province = province;
    auto made = svc->CreateCampaign(auth::Principal::Cli("test"), in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return made.ok() ? made->id : 0;
  }
  std::string CampaignPath(bool own) const {
    return "/api/v1/survey-campaigns/" + std::to_string(own ? campaign01 : campaign79);
  }
};
SurveyFixtures MakeSurveyFixtures(surveys::SurveyService& svc) {
  SurveyFixtures f;
  f.svc = &svc;
  f.questionnaire = f.Questionnaire();
  f.campaign01 = f.Campaign("01");
  f.campaign79 = f.Campaign("79");
  auto targets = svc.Targets(auth::Principal::Cli("test"), f.campaign01, std::nullopt, 0, 10);
  EXPECT_TRUE(targets.ok() && !targets->items.empty());
  if (targets.ok() && !targets->items.empty()) f.token01 = targets->items.front().target.token;
  return f;
}
Want SurveyRead(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  return Want::kOk;
}
Want SurveyDelete(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "nat_admin" || caller == "nat_officer" ? Want::kOk : Want::kForbidden;
}
Want SurveyMine(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "coop1" ? Want::kOk : Want::kForbidden;
}

// Petitions: officials in scope and the cooperative whose entity raised it read it (another
// province's, another cooperative's: 404); partners none (403). Only officials take the steps
// (a cooperative on its own petition: 403).
Want PetitionList(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "partner1" ? Want::kForbidden : Want::kOk;
}
Want PetitionRead(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1") return Want::kForbidden;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  return own ? Want::kOk : Want::kNotFound;
}
Want PetitionCreate(const std::string& caller, bool own) {
  if (caller == "coop1") return own ? Want::kOk : Want::kForbidden;
  return ProgrammeCreate(caller, own);
}
Want PetitionOfficial(const std::string& caller, bool own) {
  Want read = PetitionRead(caller, own);
  if (read != Want::kOk) return read;
  return caller == "coop1" ? Want::kForbidden : Want::kOk;
}

// Products: a pending product of entity01 (own, coop1's) or entity79. Anyone reads approved
// products; a pending one is read and changed by its cooperative and the staff of its province
// (anyone else: 404, anonymous callers on the public GET too); only staff approve or reject (its
// cooperative: 403).
Want ProductRead(const std::string& caller, bool own) {
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01" || caller == "coop1") return own ? Want::kOk : Want::kNotFound;
  return Want::kNotFound;
}
Want ProductWrite(const std::string& caller, bool own) {
  return caller == "anonymous" ? Want::kUnauthenticated : ProductRead(caller, own);
}
Want ProductReview(const std::string& caller, bool own) {
  Want write = ProductWrite(caller, own);
  if (write != Want::kOk) return write;
  return caller == "coop1" ? Want::kForbidden : Want::kOk;
}
// News: the public reads published articles (a draft is 404 to it); staff write their scope's
// (another province's: 404; partners and cooperatives: 403); province officers submit but do not
// publish, return or unpublish (403); categories are added by national admins.
Want ArticleRead(const std::string& caller, bool own) {
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kNotFound;
  return Want::kNotFound;
}
Want ArticleWrite(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  return ArticleRead(caller, own);
}
Want ArticlePublish(const std::string& caller, bool own) {
  Want write = ArticleWrite(caller, own);
  if (write != Want::kOk) return write;
  return caller == "po01" ? Want::kForbidden : Want::kOk;
}
Want NewsStaff(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "partner1" || caller == "coop1" ? Want::kForbidden : Want::kOk;
}
Want NationalAdminOnly(const std::string& caller, bool) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  return caller == "nat_admin" ? Want::kOk : Want::kForbidden;
}

// The support fund: funds are read by every signed-in account and written by national admins
// and the province's admin; applications and loans as petitions (officials in scope, the
// cooperative its own; partners 403), moved by staff in the fund's scope (a cooperative on its
// own: 403); a write-off decided by an admin in scope.
Want FundWrite(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin") return Want::kOk;
  return caller == "pa01" && own ? Want::kOk : Want::kForbidden;
}
Want PortfolioAccess(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
  if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
  return Want::kOk;
}
// The loan-book import: staff of the fund (national staff any; a province's staff its own
// province's fund: another's is readable, so 403, not 404).
Want LoanImport(const std::string& caller, bool own) {
  if (caller == "anonymous") return Want::kUnauthenticated;
  if (caller == "nat_admin" || caller == "nat_officer") return Want::kOk;
  return (caller == "pa01" || caller == "po01") && own ? Want::kOk : Want::kForbidden;
}
Want WriteOffDecide(const std::string& caller, bool own) {
  Want read = PetitionRead(caller, own);
  if (read != Want::kOk) return read;
  return caller == "nat_admin" || caller == "pa01" ? Want::kOk : Want::kForbidden;
}

// A province_development report file (reporting/report_document.h) for `period` and province
// `unit`, with one narrative filled in.
std::string ReportFile(const std::string& period, const std::string& unit) {
  auto path = testing::TempDir("hoptac_access") / ("report-" + period + "-" + unit + ".xlsx");
  auto writer = io::XlsxStreamWriter::Create(path.string());
  EXPECT_TRUE(writer.ok());
  std::vector<std::vector<std::string>> rows = {{"Mã biểu mẫu / Form:", "", "province_development"},
                                                {"Kỳ báo cáo / Period:", "", period},
                                                {"Đơn vị / Unit:", "", unit},
                                                {"1", "Kết quả", "results", "Tốt."}};
  for (const auto& row : rows) EXPECT_TRUE((*writer)->WriteRow(std::span<const std::string>(row)).ok());
  EXPECT_TRUE((*writer)->Close().ok());
  return testing::ReadFile(path);
}

TEST_F(AuthTest, AccessMatrixCoversEveryRouteRoleAndScope) {
  std::string t01 = std::to_string(ids_["target01"]), t79 = std::to_string(ids_["target79"]);
  auto none = [](const std::string&, bool) { return std::string(); };
  std::string e01 = std::to_string(entity01_), e79 = std::to_string(entity79_);
  int counter = 0;
  // A token owned by target79, for the "someone else's token" cases.
  auth::Principal target79 = auth::Principal::Cli("test");
  target79.user_id = ids_["target79"];
  target79.username = "target79";
  target79.role = auth::Role::kProvinceOfficer;
  target79.credential = auth::Credential::kApiToken;
  auto foreign_token = accounts_->CreateToken(target79, "foreign", 0);
  ASSERT_TRUE(foreign_token.ok());
  std::string foreign_id = std::to_string(foreign_token->first.id);
  std::map<std::string, std::string> own_token_of;  // caller → a token id it owns (made per check)

  // Committed imports of province 01 (the callers' own) and 79.
  int64_t import01 = CommittedImport("target01", "01"), import79 = CommittedImport("target79", "79");
  // Reports: a fresh province_development report per check where a step changes it (each
  // on a period of its own), in the given status, for province 01 (own) or 79.
  std::vector<std::string> periods;
  for (int year = 1998; year <= 2025; ++year)
    for (const char* suffix : {"", "S1", "S2", "M01-09"}) periods.push_back(std::to_string(year) + suffix);
  size_t next_period = 0;
  auto& reports = system_.system().reports();
  auto fresh_report = [&](bool own, int steps) {
    auth::Principal cli = auth::Principal::Cli("test");
    auto view = reports.Create(cli, {"province_development", periods.at(next_period++), own ? "01" : "79", 0});
    EXPECT_TRUE(view.ok()) << (view.ok() ? "" : view.error().key);
    if (!view.ok()) return std::string("/api/v1/reports/0");
    int64_t id = view->report.id;
    if (steps >= 1) {
      EXPECT_TRUE(reports.Submit(cli, id).ok());
    }
    if (steps >= 2) {
      EXPECT_TRUE(reports.Approve(cli, id).ok());
    }
    return "/api/v1/reports/" + std::to_string(id);
  };
  std::string report01 = fresh_report(true, 0), report79 = fresh_report(false, 0);
  const std::string form_definition =
      R"({"code":"matrix_form","name_vi":"Biểu thử","name_en":"Test form","level":"province",)"
      R"("period_types":["year"],"due":{"kind":"after_end","days":10},"sections":[{"code":"a","title_vi":"A",)"
      R"("title_en":"A","fields":[{"code":"n","label_vi":"Số","label_en":"Number","type":"integer"}]}]})";
  // Saved views of someone else (target79, province 79): a province view for the start page's
  // "other" check, and a fresh one per check where a step deletes it.
  auto foreign_view = [&] {
    auto made =
        system_.system().views().Create(PrincipalOf("target79"), {"Của tỉnh 79", "pivot", "rows=kind", "province"});
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->id : 0;
  };
  const int64_t foreign_view_id = foreign_view();
  // Programmes, partners and targets of provinces 01 (own) and 79 (other); a fresh target or
  // value per check where a step deletes it.
  auto& programmes = system_.system().programmes();
  const auth::Principal cli = auth::Principal::Cli("test");
  auto partner_of = [&](const std::string& province) {
    programmes::PartnerInput in;
    in.name = "Hội Liên hiệp Phụ nữ tỉnh " + province;
    in.kind = "womens_union";
    in.province = province;
    auto made = programmes.CreatePartner(cli, in);
    EXPECT_TRUE(made.ok());
    return made.ok() ? std::to_string(made->id) : std::string("0");
  };
  auto programme_of = [&](const std::string& province) {
    programmes::ProgrammeInput in;
    in.code = "MX-" + province;
    in.title = "Chương trình phối hợp " + province;
    in.kind = "coordination_programme";
    in.province = province;
    in.from = Date::FromCivil(2023, 1, 1);
    in.to = Date::FromCivil(2030, 12, 31);
    in.contents = std::vector<programmes::Content>{{1, "Tuyên truyền"}};
    auto made = programmes.CreateProgramme(cli, in);
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->id : 0;
  };
  const std::string partner01 = partner_of("01"), partner79 = partner_of("79");
  const int64_t programme01 = programme_of("01"), programme79 = programme_of("79");
  auto programme_path = [=](bool own) {
    return "/api/v1/programmes/" + std::to_string(own ? programme01 : programme79);
  };
  auto manual_target = [&](bool own) {
    programmes::TargetInput in;
    in.title = "Số người được giới thiệu việc làm";
    in.deadline = Date::FromCivil(2025, 12, 31);
    in.target = 100;
    in.source = "manual";
    auto made = programmes.CreateTarget(cli, own ? programme01 : programme79, in);
    EXPECT_TRUE(made.ok());
    return programme_path(own) + "/targets/" + std::to_string(made.ok() ? made->target.id : 0);
  };
  const std::string ptarget01 = manual_target(true), ptarget79 = manual_target(false);
  auto fresh_value = [&](bool own) {
    const std::string target = manual_target(own);
    const int64_t target_id = std::stoll(target.substr(target.rfind('/') + 1));
    auto made = programmes.AddValue(cli, own ? programme01 : programme79, target_id,
                                    {Date::FromCivil(2024, 6, 30), 40, "Báo cáo sơ kết"});
    EXPECT_TRUE(made.ok());
    return target + "/values/" + std::to_string(made.ok() ? made->target.values.at(0).id : 0);
  };
  // Activities held in 01 (own) and 79 (other), organised by the province; placements in the
  // cooperatives of 01 and 79; fresh ones per check where a step deletes them.
  auto& activities = system_.system().activities();
  auto activity_of = [&](bool own) {
    activities::ActivityInput in;
    in.type = "training";
    in.title = "Lớp tập huấn";
    in.province = own ? "01" : "79";
    in.organiser = "province";
    in.from = Date::FromCivil(2024, 5, 10);
    auto made = activities.Create(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return "/api/v1/activities/" + std::to_string(made.ok() ? made->id : 0);
  };
  const std::string activity01 = activity_of(true), activity79 = activity_of(false);
  // A photo of the activity of 01 (own) or 79; a fresh one per check where a step deletes it.
  auto activity_document = [&](bool own) {
    const std::string& path = own ? activity01 : activity79;
    const int64_t id = std::stoll(path.substr(path.rfind('/') + 1));
    auto made = activities.AddDocument(cli, id, "Ảnh lớp học.pdf", testing::MinimalPdf());
    EXPECT_TRUE(made.ok());
    return path + "/documents/" + std::to_string(made.ok() ? made->id : 0);
  };
  const std::string adocument01 = activity_document(true), adocument79 = activity_document(false);
  auto placement_of = [&](bool own) {
    activities::PlacementInput in;
    in.worker_name = "Nguyễn Văn Thử";
    in.entity = own ? entity01_ : entity79_;
    in.start = Date::FromCivil(2024, 3, 1);
    auto made = activities.CreatePlacement(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return "/api/v1/placements/" + std::to_string(made.ok() ? made->id : 0);
  };
  const std::string placement01 = placement_of(true), placement79 = placement_of(false);
  // A document of the programme of 01 (own) or 79; a fresh one per check where a step deletes it.
  auto fresh_document = [&](bool own) {
    const int64_t programme = own ? programme01 : programme79;
    auto made = programmes.AddDocument(cli, programme, "Quyết định.pdf", testing::MinimalPdf());
    EXPECT_TRUE(made.ok());
    return programme_path(own) + "/documents/" + std::to_string(made.ok() ? made->id : 0);
  };
  const std::string pdocument01 = fresh_document(true), pdocument79 = fresh_document(false);
  // An image kept by the CLI: every signed-in account reads its record, everyone its files.
  auto kept_image = system_.system().media().Upload(cli, "anh.png", testing::MinimalPng());
  ASSERT_TRUE(kept_image.ok()) << kept_image.error().key;
  const std::string image_path = "/api/v1/images/" + std::to_string(kept_image->ref.id);
  const std::string image_url = kept_image->ref.url;
  SurveyFixtures survey_fixtures = MakeSurveyFixtures(system_.system().surveys());
  // Petitions of entity01 (province 01, coop1's own) and entity79 (province 79); fresh ones per
  // check where a step moves them (steps: 0 received, 1 answered).
  auto& petition_service = system_.system().petitions();
  auto petition_of = [&](bool own, int steps) {
    petitions::PetitionInput in;
    in.entities = std::vector<int64_t>{own ? entity01_ : entity79_};
    in.province = own ? "01" : "79";
    in.theme = "land";
    in.content = "Thiếu mặt bằng sản xuất";
    auto made = petition_service.Create(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    const int64_t id = made.ok() ? made->id : 0;
    if (steps >= 1) {
      EXPECT_TRUE(petition_service.Answer(cli, id, "Đã trả lời", true).ok());
    }
    return "/api/v1/petitions/" + std::to_string(id);
  };
  const std::string petition01 = petition_of(true, 0), petition79 = petition_of(false, 0);
  // Products of entity01 (coop1's) and entity79, pending; fresh ones per check where a step moves them.
  auto& product_service = system_.system().products();
  auto product_of = [&](bool own) {
    products::ProductInput in;
    in.entity_id = own ? entity01_ : entity79_;
    in.name = "Mật ong hoa nhãn";
    in.category = "food";
    auto made = product_service.Create(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return "/api/v1/products/" + std::to_string(made.ok() ? made->product.id : 0);
  };
  const std::string product01 = product_of(true), product79 = product_of(false);
  // Articles of province 01 (own) and 79, fresh per check where a step moves them (steps: 0 draft,
  // 1 in review, 2 published).
  auto& news_service = system_.system().news();
  auto article_of = [&](bool own, int steps) {
    news::ArticleInput in;
    in.title = "Tin hoạt động";
    in.category = "activities";
    in.province = own ? "01" : "79";
    auto made = news_service.Create(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    const int64_t id = made.ok() ? made->article.id : 0;
    if (steps == 1) {
      EXPECT_TRUE(news_service.Submit(cli, id).ok());
    }
    if (steps == 2) {
      EXPECT_TRUE(news_service.Publish(cli, id, std::nullopt).ok());
    }
    return "/api/v1/articles/" + std::to_string(id);
  };
  const std::string article01 = article_of(true, 0), article79 = article_of(false, 0);
  // What the public portal shows: a published article, an approved product, a cooperative.
  std::string public_article, public_product;
  {
    news::ArticleInput in;
    in.title = "Hội nghị đối thoại với hợp tác xã";
    in.category = "activities";
    in.province = "01";
    auto made = news_service.Create(cli, in);
    EXPECT_TRUE(made.ok());
    auto published = news_service.Publish(cli, made.ok() ? made->article.id : 0, std::nullopt);
    EXPECT_TRUE(published.ok());
    public_article = published.ok() ? published->url : "/tin-tuc/missing";
    products::ProductInput p;
    p.entity_id = entity01_;
    p.name = "Mật ong rừng";
    p.category = "food";
    auto product = system_.system().products().Create(cli, p);
    EXPECT_TRUE(product.ok());
    auto approved = system_.system().products().Approve(cli, product.ok() ? product->product.id : 0);
    EXPECT_TRUE(approved.ok());
    public_product = approved.ok() ? approved->url : "/san-pham/missing";
  }
  auto entity01_record = system_.system().entities().Get(cli, entity01_);
  EXPECT_TRUE(entity01_record.ok());
  const std::string public_entity =
      "/htx/" + portal::EntitySlug(entity01_record.ok() ? entity01_record->entity.name : "", entity01_);
  // The support fund: the funds of 01 (own) and 79, found or made when first needed (funds.create
  // makes them: pa01 creates its province's); applications of entity01 and entity79 (steps: 0
  // submitted, 1 appraised); loans (steps: 0 approved, 1 disbursed, 2 a write-off requested by the
  // command line), fresh ones per check where a step moves them.
  auto& fund_service = system_.system().fund();
  auto fund_of = [&](bool own) -> int64_t {
    const std::string province = own ? "01" : "79";
    auto funds = fund_service.Funds(cli);
    EXPECT_TRUE(funds.ok());
    if (funds.ok())
      for (const fund::FundView& f : *funds)
        if (f.fund.province_code == province) return f.fund.id;
    fund::FundInput in;
    in.name = "Quỹ hỗ trợ phát triển HTX " + province;
    in.province = province;
    in.capital_vnd = 10'000'000'000;
    auto made = fund_service.CreateFund(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    return made.ok() ? made->fund.id : 0;
  };
  auto application_of = [&](bool own, int steps) -> int64_t {
    fund::ApplicationInput in;
    in.fund_id = fund_of(own);
    in.entity_id = own ? entity01_ : entity79_;
    in.amount_vnd = 10'000'000;
    in.purpose = "Mua máy móc";
    in.term_months = 12;
    auto made = fund_service.Apply(cli, in);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().key);
    const int64_t id = made.ok() ? made->application.id : 0;
    if (steps >= 1) {
      EXPECT_TRUE(fund_service.Appraise(cli, id, 70, "").ok());
    }
    return id;
  };
  auto application_path = [&](bool own, int steps) {
    return "/api/v1/loan-applications/" + std::to_string(application_of(own, steps));
  };
  // The shared ones are made when first asked (after funds.create, where pa01 makes 01's fund).
  std::map<std::string, std::string> made_once;
  auto once = [&](const std::string& key, const std::function<std::string()>& make) {
    auto found = made_once.find(key);
    if (found == made_once.end()) found = made_once.emplace(key, make()).first;
    return found->second;
  };
  auto shared_application = [&](bool own) {
    return once(own ? "application01" : "application79", [&] { return application_path(own, 0); });
  };
  const Date today = Date::Today();
  auto loan_of = [&](bool own, int steps) {
    const int64_t app = application_of(own, 1);
    fund::Terms terms;
    terms.amount_vnd = 10'000'000;
    terms.rate_e4 = 120'000;
    terms.term_months = 12;
    terms.first_due_on = Date::FromDays(today.days() + 40);
    auto loan = fund_service.Approve(cli, app, terms);
    EXPECT_TRUE(loan.ok()) << (loan.ok() ? "" : loan.error().key);
    const int64_t id = loan.ok() ? loan->loan.id : 0;
    if (steps >= 1) {
      EXPECT_TRUE(fund_service.Disburse(cli, id, today, 10'000'000).ok());
    }
    if (steps >= 2) {
      EXPECT_TRUE(fund_service.RequestWriteOff(cli, id, today, "Giải thể").ok());
    }
    return "/api/v1/loans/" + std::to_string(id);
  };
  auto shared_loan = [&](bool own) { return once(own ? "loan01" : "loan79", [&] { return loan_of(own, 1); }); };
  auto application_document = [&](bool own) {
    const std::string path = shared_application(own);
    const int64_t id = std::stoll(path.substr(path.rfind('/') + 1));
    auto made = fund_service.AddDocument(cli, id, "Phương án kinh doanh.pdf", testing::MinimalPdf());
    EXPECT_TRUE(made.ok());
    return path + "/documents/" + std::to_string(made.ok() ? made->id : 0);
  };
  auto shared_document = [&](bool own) {
    return once(own ? "document01" : "document79", [&] { return application_document(own); });
  };
  const std::string today_iso = today.ToIso(), due_iso = Date::FromDays(today.days() + 30).ToIso();
  std::map<std::string, Expectation> expectations = {
      {"activities.list", {[](bool) { return "/api/v1/activities"; }, none, SignedIn}},
      {"activities.create",
       {[](bool) { return "/api/v1/activities"; },
        [](const std::string&, bool own) {
          return std::string(R"({"type":"dialogue","title":"Đối thoại","from":"2024-06-01","province":")") +
                 (own ? "01" : "79") + "\"}";
        },
        ProgrammeCreate}},
      {"activities.get", {[&](bool own) { return own ? activity01 : activity79; }, none, ActivityRead}},
      {"activities.update",
       {[&](bool own) { return own ? activity01 : activity79; },
        [](const std::string&, bool) { return std::string(R"({"outcomes":"Tốt"})"); }, ActivityWrite}},
      {"activities.delete", {activity_of, none, ActivityWrite}},
      {"activities.participants",
       {[&](bool own) { return (own ? activity01 : activity79) + "/participants"; }, none, ActivityWrite}},
      {"activities.participants_replace",
       {[&](bool own) { return (own ? activity01 : activity79) + "/participants"; },
        [](const std::string&, bool) { return std::string(R"({"items":[{"name":"Lê Thị Hoa","sex":"female"}]})"); },
        ActivityWrite}},
      {"activities.export", {[](bool) { return "/api/v1/activities/export?format=csv"; }, none, SignedIn}},
      // A row of another province is a row error in the report (200, not applied), not a 403.
      {"activities.import",
       {[](bool) { return "/api/v1/activities/import?dry_run=true"; },
        [](const std::string&, bool own) {
          return std::string("Loại,Tên hoạt động,Từ ngày,Tỉnh\nTập huấn,Lớp,01/06/2024,") + (own ? "01" : "79") + "\n";
        },
        Officials}},
      {"activities.participants_import",
       {[&](bool own) { return (own ? activity01 : activity79) + "/participants/import?dry_run=true"; },
        [](const std::string&, bool) { return std::string("Họ và tên\nLê Thị Hoa\n"); }, ActivityWrite}},
      {"activities.participants_export",
       {[&](bool own) { return (own ? activity01 : activity79) + "/participants/export?format=csv"; }, none,
        ActivityWrite}},
      {"activities.documents",
       {[&](bool own) { return (own ? activity01 : activity79) + "/documents"; }, none, ActivityRead}},
      {"activities.document_add",
       {[&](bool own) { return (own ? activity01 : activity79) + "/documents?filename=Bien-ban.pdf"; },
        [](const std::string&, bool) { return testing::MinimalPdf(); }, ActivityWrite}},
      {"activities.document_get", {[&](bool own) { return own ? adocument01 : adocument79; }, none, ActivityRead}},
      {"activities.document_delete", {activity_document, none, ActivityWrite}},
      {"placements.list", {[](bool) { return "/api/v1/placements"; }, none, Officials}},
      {"placements.create",
       {[](bool) { return "/api/v1/placements"; },
        [&](const std::string&, bool own) {
          return std::string(R"({"worker_name":"Trần Thị Mai","start":"2024-04-01","entity":)") +
                 std::to_string(own ? entity01_ : entity79_) + "}";
        },
        ProgrammeCreate}},
      {"placements.get", {[&](bool own) { return own ? placement01 : placement79; }, none, ActivityWrite}},
      {"placements.update",
       {[&](bool own) { return own ? placement01 : placement79; },
        [](const std::string&, bool) { return std::string(R"({"notes":"Đã ký hợp đồng"})"); }, ActivityWrite}},
      {"placements.delete", {placement_of, none, ActivityWrite}},
      // The public portal: every page is everyone's, whoever is signed in (an article, a product
      // and a cooperative's profile that exist: published, approved, in the registry).
      {"portal.home", {[](bool) { return "/"; }, none, Public}},
      {"portal.news", {[](bool) { return "/tin-tuc?chuyen-muc=hoat-dong"; }, none, Public}},
      {"portal.article", {[=](bool) { return public_article; }, none, Public}},
      {"portal.products", {[](bool) { return "/san-pham?q=mat+ong"; }, none, Public}},
      {"portal.product", {[=](bool) { return public_product; }, none, Public}},
      {"portal.entity", {[=](bool) { return public_entity; }, none, Public}},
      {"portal.province", {[](bool) { return "/tinh/ha-noi"; }, none, Public}},
      {"portal.stats", {[](bool) { return "/thong-ke"; }, none, Public}},
      {"portal.stats_province", {[](bool own) { return own ? "/thong-ke/01" : "/thong-ke/79"; }, none, Public}},
      {"portal.open_data", {[](bool) { return "/du-lieu-mo"; }, none, Public}},
      {"portal.open_data_file", {[](bool) { return "/du-lieu-mo/thong-ke.csv"; }, none, Public}},
      {"portal.rss", {[](bool) { return "/rss.xml"; }, none, Public}},
      {"portal.rss_category", {[](bool) { return "/rss/hoat-dong.xml"; }, none, Public}},
      {"portal.sitemap_index", {[](bool) { return "/sitemap.xml"; }, none, Public}},
      {"portal.sitemap", {[](bool) { return "/sitemap/trang-1.xml"; }, none, Public}},
      {"portal.robots", {[](bool) { return "/robots.txt"; }, none, Public}},
      {"portal.css", {[](bool) { return "/portal.css"; }, none, Public}},
      {"healthz", {[](bool) { return "/healthz"; }, none, Public}},
      {"metrics", {[](bool) { return "/metrics"; }, none, Public}},
      {"admin_units.list", {[](bool) { return "/api/v1/admin-units?level=province"; }, none, Public}},
      {"admin_units.get",
       {[](bool own) { return own ? "/api/v1/admin-units/01" : "/api/v1/admin-units/79"; }, none, Public}},
      {"session.create",
       {[](bool) { return "/api/v1/session"; },
        [](const std::string&, bool) {
          return std::string(R"({"username":"nat_officer","password":"Mật-khẩu-thử-nghiệm-1"})");
        },
        Public}},
      {"session.get", {[](bool) { return "/api/v1/session"; }, none, SignedIn}},
      {"session.delete", {[](bool) { return "/api/v1/session"; }, none, SignedIn}},
      {"session.password",
       {[](bool) { return "/api/v1/session/password"; },
        [](const std::string&, bool) {
          return std::string(R"({"current_password":"Mật-khẩu-thử-nghiệm-1","new_password":"Mật-khẩu-thử-nghiệm-1"})");
        },
        SignedIn}},
      {"users.list", {[](bool) { return "/api/v1/users"; }, none, AnyAdmin}},
      {"users.create",
       {[](bool) { return "/api/v1/users"; },
        [&counter](const std::string&, bool own) {
          return std::string(R"({"username":"matrix)") + std::to_string(++counter) +
                 R"(","role":"province_officer","province_code":")" + (own ? "01" : "79") +
                 R"(","password":"Khác-hẳn-nhau-9"})";
        },
        AdminCreating}},
      {"users.get", {[&](bool own) { return "/api/v1/users/" + (own ? t01 : t79); }, none, AdminOfScope}},
      {"users.update",
       {[&](bool own) { return "/api/v1/users/" + (own ? t01 : t79); },
        [](const std::string&, bool) { return std::string(R"({"display_name":"Đã sửa"})"); }, AdminOfScope}},
      {"users.reset_password",
       {[&](bool own) { return "/api/v1/users/" + (own ? t01 : t79) + "/password"; },
        [](const std::string&, bool) { return std::string(R"({"password":"Mới-hoàn-toàn-77"})"); }, AdminOfScope}},
      {"tokens.list", {[](bool) { return "/api/v1/tokens"; }, none, SignedIn}},
      {"tokens.create",
       {[](bool) { return "/api/v1/tokens"; }, [](const std::string&, bool) { return std::string(R"({"name":"m"})"); },
        SignedIn}},
      {"tokens.revoke", {nullptr, none, OwnToken}},  // path built per caller below
      {"audit.list", {[](bool) { return "/api/v1/audit"; }, none, AnyAdmin}},
      {"entities.list", {[](bool) { return "/api/v1/entities"; }, none, Public}},
      {"entities.create",
       {[](bool) { return "/api/v1/entities"; },
        [&counter](const std::string&, bool own) {
          return std::string(R"({"kind":"cooperative","name":"Hợp tác xã Ma trận","registration_code":"MX-)") +
                 std::to_string(++counter) + R"(","province_code":")" + (own ? "01" : "79") +
                 R"(","founded_on":"2021-05-06"})";
        },
        EntityCreate}},
      {"entities.get", {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79); }, none, EntityRead}},
      {"entities.update",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79); },
        [](const std::string&, bool) { return std::string(R"({"address":"Số 1 Đường Láng"})"); },
        [](const std::string& caller, bool own) { return EntityWrite(caller, own, true); }}},
      {"entities.delete",
       {[&](bool own) {
          // A fresh entity per check: a deletion must not hide the target from the next caller.
          return "/api/v1/entities/" + std::to_string(AddEntity("DEL-" + std::to_string(++counter), own ? "01" : "79"));
        },
        none, [](const std::string& caller, bool own) { return EntityWrite(caller, own, false); }}},
      {"entities.events",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79) + "/events"; }, none, EntityRead}},
      {"entities.add_event",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79) + "/events"; },
        [](const std::string&, bool) { return std::string(R"({"date":"2021-03-04","type":"reorganised"})"); },
        [](const std::string& caller, bool own) { return EntityWrite(caller, own, false); }}},
      // Aggregates are public; province accounts get their province (tested in stats_test).
      {"stats.entities", {[](bool) { return "/api/v1/stats/entities?group_by=province,kind"; }, none, Public}},
      {"stats.flows", {[](bool) { return "/api/v1/stats/flows?from=2020-01-01&group_by=year"; }, none, Public}},
      {"stats.series", {[](bool) { return "/api/v1/stats/series?from=2020-01-01&interval=half"; }, none, Public}},
      {"stats.pivot", {[](bool) { return "/api/v1/stats/pivot?rows=province&cols=kind"; }, none, Public}},
      // Per-entity figures are not public: the writers of the entity read them too.
      {"figures.list",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79) + "/figures"; }, none, FiguresAccess}},
      {"figures.get",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79) + "/figures/2024s1"; }, none, FiguresAccess}},
      {"figures.put",
       {[&](bool own) { return "/api/v1/entities/" + (own ? e01 : e79) + "/figures/2024"; },
        [](const std::string&, bool) { return std::string(R"({"members_total":12,"members_female":5})"); },
        FiguresAccess}},
      {"figures.delete",
       {[&](bool own) {
          // Fresh figures per check: a deletion must not hide the target from the next caller.
          int64_t id = own ? entity01_ : entity79_;
          domain::Period period = domain::Period::Year(2000 + ++counter);
          domain::Figures figures;
          figures.members_total = 7;
          EXPECT_TRUE(
              figures_->Put(auth::Principal::Cli("test"), id, period, figures, domain::Confirmation::kNotConfirmed)
                  .ok());
          return "/api/v1/entities/" + std::to_string(id) + "/figures/" + period.ToString();
        },
        none, FiguresAccess}},
      {"exports.entities",
       {[](bool own) {
          return std::string(own ? "/api/v1/exports/entities?province=01" : "/api/v1/exports/entities?format=xlsx");
        },
        none, Public}},
      {"exports.events",
       {[](bool own) { return std::string(own ? "/api/v1/exports/events" : "/api/v1/exports/events?province=79"); },
        none, ExportFull}},
      {"exports.figures",
       {[](bool own) {
          return std::string(own ? "/api/v1/exports/figures?format=xlsx" : "/api/v1/exports/figures?province=79");
        },
        none, ExportFull}},
      {"imports.list", {[](bool) { return "/api/v1/imports"; }, none, SignedIn}},
      {"imports.template", {[](bool) { return "/api/v1/imports/template?type=entities&format=csv"; }, none, SignedIn}},
      {"imports.create",
       {[](bool) { return "/api/v1/imports?type=entities&dry_run=true"; },
        [](const std::string&, bool own) {
          return std::string("registration_code,name,kind,province_code\nIMP-1,Hợp tác xã Nhập,HTX,") +
                 (own ? "01" : "79") + "\n";
        },
        ImportWriter}},
      // Paths built per caller below: the caller's own job, or someone else's.
      {"imports.get", {nullptr, none, ImportJobAccess}},
      {"imports.cancel", {nullptr, none, ImportJobAccess}},
      {"imports.report", {nullptr, none, ImportJobAccess}},
      {"imports.file",
       {[&](bool own) { return "/api/v1/imports/" + std::to_string(own ? import01 : import79) + "/file"; }, none,
        ImportRecordAccess}},
      {"report_forms.list", {[](bool) { return "/api/v1/report-forms"; }, none, SignedIn}},
      {"report_forms.get", {[](bool) { return "/api/v1/report-forms/province_development"; }, none, SignedIn}},
      {"report_forms.put",
       {[](bool) { return "/api/v1/report-forms/matrix_form"; },
        [&](const std::string&, bool) { return form_definition; }, FormWrite}},
      {"reports.completeness",
       {[](bool own) {
          return std::string("/api/v1/reports/completeness?form=province_development&period=2024") +
                 (own ? "" : "&province=79");
        },
        none, ReportCompleteness}},
      {"reports.due", {[](bool) { return "/api/v1/reports/due"; }, none, SignedIn}},
      {"reports.grid",
       {[](bool own) {
          return std::string("/api/v1/reports/grid?form=coop_annual_update&period=2024&province=") +
                 (own ? "01" : "79");
        },
        none, ReportGrid}},
      {"reports.list", {[](bool) { return "/api/v1/reports?form=province_development"; }, none, SignedIn}},
      {"reports.create",
       {[](bool) { return "/api/v1/reports"; },
        [&](const std::string&, bool own) {
          return std::string(R"({"form":"province_development","period":")") + periods.at(next_period++) +
                 R"(","province":")" + (own ? "01" : "79") + R"("})";
        },
        ReportCreate}},
      {"reports.get", {[&](bool own) { return own ? report01 : report79; }, none, ReportRead}},
      {"reports.put",
       {[&](bool own) { return own ? report01 : report79; },
        [](const std::string&, bool) { return std::string(R"({"values":{"results":"Tốt."}})"); }, ReportFill}},
      {"reports.export", {[&](bool own) { return (own ? report01 : report79) + "/export"; }, none, ReportRead}},
      {"reports.import",
       {[&](bool own) { return (own ? report01 : report79) + "/import"; },
        [&](const std::string&, bool own) {
          return own ? ReportFile(periods.at(0), "01") : ReportFile(periods.at(1), "79");
        },
        ReportFill}},
      {"reports.submit", {[&](bool own) { return fresh_report(own, 0) + "/submit"; }, none, ReportFill}},
      {"reports.return",
       {[&](bool own) { return fresh_report(own, 1) + "/return"; },
        [](const std::string&, bool) { return std::string(R"({"comment":"Bổ sung."})"); }, ReportReview}},
      {"reports.approve", {[&](bool own) { return fresh_report(own, 1) + "/approve"; }, none, ReportReview}},
      {"reports.table",
       {[](bool) { return "/api/v1/reports/table?form=province_development&period=2024"; }, none, ReportCompleteness}},
      // DHIS2's shape: the export answers what the caller may see (nothing: an empty set); the
      // import creates the report, as POST /api/v1/reports does.
      {"data_value_sets.get",
       {[](bool own) {
          return std::string("/api/v1/dataValueSets?dataSet=province_development&period=2024&orgUnit=") +
                 (own ? "01" : "79");
        },
        none, SignedIn}},
      {"data_value_sets.post",
       {[](bool) { return "/api/v1/dataValueSets"; },
        [&](const std::string&, bool own) {
          return std::string(R"({"dataSet":"province_development","period":")") + periods.at(next_period++) +
                 R"(","orgUnit":")" + (own ? "01" : "79") +
                 R"(","dataValues":[{"dataElement":"results","value":"Tốt."}]})";
        },
        ReportCreate}},
      {"views.list", {[](bool) { return "/api/v1/views?page=pivot"; }, none, SignedIn}},
      {"views.create",
       {[](bool) { return "/api/v1/views"; },
        [](const std::string&, bool) {
          return std::string(R"({"name":"Bảng của tôi","page":"pivot","query":"rows=kind"})");
        },
        SignedIn}},
      {"views.start",
       {[](bool) { return "/api/v1/views/start"; },
        [&](const std::string&, bool own) {
          return own ? std::string(R"({"view_id":null})") : R"({"view_id":)" + std::to_string(foreign_view_id) + "}";
        },
        ViewOwn}},
      // Paths built per caller below: the caller's own view, or target79's province view.
      {"views.get", {nullptr, none, ViewOwn}},
      {"views.update",
       {nullptr, [](const std::string&, bool) { return std::string(R"({"name":"Tên mới"})"); }, ViewOwn}},
      {"views.delete", {nullptr, none, ViewDelete}},
      {"articles.list", {[](bool) { return "/api/v1/articles"; }, none, Public}},
      {"articles.create",
       {[](bool) { return "/api/v1/articles"; },
        [](const std::string&, bool own) {
          return std::string(R"({"title":"Tin mới","category":"policy","province":")") + (own ? "01" : "79") + "\"}";
        },
        ProgrammeCreate}},
      {"articles.preview",
       {[](bool) { return "/api/v1/articles/preview"; },
        [](const std::string&, bool) { return std::string(R"({"body":"**a**"})"); }, NewsStaff}},
      {"articles.get", {[&](bool own) { return own ? article01 : article79; }, none, ArticleRead}},
      {"articles.update",
       {[&](bool own) { return own ? article01 : article79; },
        [](const std::string&, bool) { return std::string(R"({"summary":"Tóm tắt"})"); }, ArticleWrite}},
      {"articles.delete", {[&](bool own) { return article_of(own, 0); }, none, ArticleWrite}},
      {"articles.submit", {[&](bool own) { return article_of(own, 0) + "/submit"; }, none, ArticleWrite}},
      {"articles.publish", {[&](bool own) { return article_of(own, 1) + "/publish"; }, none, ArticlePublish}},
      {"articles.return",
       {[&](bool own) { return article_of(own, 1) + "/return"; },
        [](const std::string&, bool) { return std::string(R"({"note":"Bổ sung ảnh"})"); }, ArticlePublish}},
      {"articles.unpublish", {[&](bool own) { return article_of(own, 2) + "/unpublish"; }, none, ArticlePublish}},
      {"news_categories.list", {[](bool) { return "/api/v1/news-categories"; }, none, Public}},
      {"news_categories.create",
       {[](bool) { return "/api/v1/news-categories"; },
        [&](const std::string&, bool) {
          const std::string n = std::to_string(++counter);
          return R"({"code":"matrix_)" + n + R"(","name":"Chuyên mục )" + n + R"(","name_en":"Category )" + n + R"("})";
        },
        NationalAdminOnly}},
      {"petitions.list", {[](bool) { return "/api/v1/petitions"; }, none, PetitionList}},
      {"petitions.create",
       {[](bool) { return "/api/v1/petitions"; },
        [&](const std::string&, bool own) {
          return R"({"entity_ids":[)" + (own ? e01 : e79) + R"(],"province":")" + (own ? "01" : "79") +
                 R"(","theme":"land","content":"Thiếu đất sản xuất"})";
        },
        PetitionCreate}},
      {"petitions.get", {[&](bool own) { return own ? petition01 : petition79; }, none, PetitionRead}},
      {"petitions.update",
       {[&](bool own) { return own ? petition01 : petition79; },
        [](const std::string&, bool) { return std::string(R"({"content":"Nội dung đã sửa"})"); },
        [](const std::string& caller, bool own) {
          return caller == "coop1" && own ? Want::kForbidden : PetitionRead(caller, own);
        }}},
      {"petitions.assign",
       {[&](bool own) { return petition_of(own, 0) + "/assign"; },
        [](const std::string&, bool) { return std::string(R"({"agency":"Sở Nông nghiệp và Môi trường"})"); },
        PetitionOfficial}},
      {"petitions.answer",
       {[&](bool own) { return petition_of(own, 0) + "/answer"; },
        [](const std::string&, bool) { return std::string(R"({"text":"Đã xử lý","public":true})"); },
        PetitionOfficial}},
      {"petitions.close",
       {[&](bool own) { return petition_of(own, 1) + "/close"; },
        [](const std::string&, bool) { return std::string("{}"); }, PetitionOfficial}},
      {"petitions.reopen",
       {[&](bool own) { return petition_of(own, 1) + "/reopen"; },
        [](const std::string&, bool) { return std::string(R"({"reason":"Chưa thỏa đáng"})"); }, PetitionOfficial}},
      {"petitions.stats", {[](bool) { return "/api/v1/petitions/stats"; }, none, PetitionList}},
      // Who a petition may be assigned to: officials, a province's of their own province.
      {"petitions.assignees",
       {[](bool own) { return std::string("/api/v1/petitions/assignees?province=") + (own ? "01" : "79"); }, none,
        [](const std::string& caller, bool own) {
          if (caller == "anonymous") return Want::kUnauthenticated;
          if (caller == "partner1" || caller == "coop1") return Want::kForbidden;
          if (caller == "pa01" || caller == "po01") return own ? Want::kOk : Want::kForbidden;
          return Want::kOk;
        }}},
      {"petitions.export", {[](bool) { return "/api/v1/petitions/export?format=csv"; }, none, PetitionList}},
      {"petitions.answers", {[](bool) { return "/api/v1/petitions/answers"; }, none, Public}},
      {"petition_themes.list", {[](bool) { return "/api/v1/petition-themes"; }, none, Public}},
      {"petition_themes.create",
       {[](bool) { return "/api/v1/petition-themes"; },
        [&counter](const std::string&, bool) {
          return R"({"code":"matrix_)" + std::to_string(++counter) + R"(","name_vi":"Chủ đề","name_en":"Theme"})";
        },
        FormWrite}},
      {"petition_themes.update",
       {[](bool) { return "/api/v1/petition-themes/other"; },
        [](const std::string&, bool) { return std::string(R"({"name_en":"Other"})"); }, FormWrite}},
      // ---- Products ----
      {"products.list", {[](bool) { return "/api/v1/products"; }, none, Public}},
      {"products.create",
       {[](bool) { return "/api/v1/products"; },
        [&](const std::string&, bool own) {
          return R"({"name":"Chè Tân Cương","category":"beverage","entity_id":)" + (own ? e01 : e79) + "}";
        },
        PetitionCreate}},
      {"products.get", {[&](bool own) { return own ? product01 : product79; }, none, ProductRead}},
      {"products.update",
       {[&](bool own) { return own ? product01 : product79; },
        [](const std::string&, bool) { return std::string(R"({"unit":"chai 500 ml"})"); }, ProductWrite}},
      {"products.delete", {[&](bool own) { return product_of(own); }, none, ProductWrite}},
      {"products.approve", {[&](bool own) { return product_of(own) + "/approve"; }, none, ProductReview}},
      {"products.reject",
       {[&](bool own) { return product_of(own) + "/reject"; },
        [](const std::string&, bool) { return std::string(R"({"note":"Thiếu ảnh nhãn chai"})"); }, ProductReview}},
      {"product_categories.list", {[](bool) { return "/api/v1/product-categories"; }, none, Public}},
      // ---- The support fund ----
      {"funds.list", {[](bool) { return "/api/v1/funds"; }, none, SignedIn}},
      {"funds.create",
       {[](bool) { return "/api/v1/funds"; },
        [](const std::string& caller, bool own) {
          // pa01 creates its province's fund; a national admin 04's (own) and 79's (other).
          const std::string province = own ? (caller == "pa01" ? "01" : "04") : "79";
          return R"({"name":"Quỹ )" + province + R"(","province":")" + province + R"(","capital_vnd":1000000})";
        },
        FundWrite}},
      {"funds.get", {[&](bool own) { return "/api/v1/funds/" + std::to_string(fund_of(own)); }, none, SignedIn}},
      {"funds.update",
       {[&](bool own) { return "/api/v1/funds/" + std::to_string(fund_of(own)); },
        [](const std::string&, bool) { return std::string(R"({"capital_vnd":2000000000})"); }, FundWrite}},
      {"loan_applications.list", {[](bool) { return "/api/v1/loan-applications"; }, none, PetitionList}},
      {"loan_applications.create",
       {[](bool) { return "/api/v1/loan-applications"; },
        [&](const std::string&, bool own) {
          return R"({"fund_id":)" + std::to_string(fund_of(own)) + R"(,"entity_id":)" + (own ? e01 : e79) +
                 R"(,"amount_vnd":5000000,"purpose":"Mua giống","term_months":12})";
        },
        PetitionCreate}},
      {"loan_applications.get", {[&](bool own) { return shared_application(own); }, none, PetitionRead}},
      {"loan_applications.appraise",
       {[&](bool own) { return application_path(own, 0) + "/appraise"; },
        [](const std::string&, bool) { return std::string(R"({"score":75,"notes":"Khả thi"})"); }, PetitionOfficial}},
      {"loan_applications.approve",
       {[&](bool own) { return application_path(own, 1) + "/approve"; },
        [&](const std::string&, bool) {
          return R"({"amount_vnd":5000000,"rate_percent_year":"7.25","term_months":12,"grace_months":0,)"
                 R"("method":"equal_principal","frequency":"monthly","first_due_on":")" +
                 due_iso + "\"}";
        },
        PetitionOfficial}},
      {"loan_applications.reject",
       {[&](bool own) { return application_path(own, 0) + "/reject"; },
        [](const std::string&, bool) { return std::string(R"({"reason":"Thiếu hồ sơ"})"); }, PetitionOfficial}},
      {"loan_applications.documents",
       {[&](bool own) { return shared_application(own) + "/documents"; }, none, PetitionRead}},
      {"loan_applications.document_add",
       {[&](bool own) { return shared_application(own) + "/documents?filename=Phuong-an.pdf"; },
        [](const std::string&, bool) { return testing::MinimalPdf(); }, PetitionRead}},
      {"loan_applications.document_get", {[&](bool own) { return shared_document(own); }, none, PetitionRead}},
      {"loan_applications.document_delete", {application_document, none, PetitionRead}},
      {"loans.list", {[](bool) { return "/api/v1/loans"; }, none, PetitionList}},
      // The portfolio: staff, a province's of its own province.
      {"loans.portfolio",
       {[](bool own) {
          return std::string("/api/v1/loans/portfolio?group_by=province&province=") + (own ? "01" : "79");
        },
        none, PortfolioAccess}},
      {"loans.portfolio_export",
       {[](bool own) {
          return std::string("/api/v1/loans/portfolio/export?format=csv&group_by=fund&province=") + (own ? "01" : "79");
        },
        none, PortfolioAccess}},
      {"loans.import",
       {[&](bool own) { return "/api/v1/loans/import?dry_run=true&fund_id=" + std::to_string(fund_of(own)); },
        [](const std::string&, bool) { return std::string("record,loan_code,amount_vnd\n"); }, LoanImport}},
      {"loans.get", {[&](bool own) { return shared_loan(own); }, none, PetitionRead}},
      {"loans.schedule", {[&](bool own) { return shared_loan(own) + "/schedule"; }, none, PetitionRead}},
      {"loans.disbursements", {[&](bool own) { return shared_loan(own) + "/disbursements"; }, none, PetitionRead}},
      {"loans.disburse",
       {[&](bool own) { return loan_of(own, 0) + "/disbursements"; },
        [&](const std::string&, bool) { return R"({"date":")" + today_iso + R"(","amount_vnd":1000000})"; },
        PetitionOfficial}},
      {"loans.repayments", {[&](bool own) { return shared_loan(own) + "/repayments"; }, none, PetitionRead}},
      {"loans.repay",
       {[&](bool own) { return loan_of(own, 1) + "/repayments"; },
        [&](const std::string&, bool) { return R"({"date":")" + today_iso + R"(","amount_vnd":1000})"; },
        PetitionOfficial}},
      {"loans.reschedule",
       {[&](bool own) { return loan_of(own, 1) + "/reschedule"; },
        [&](const std::string&, bool) {
          return R"({"on":")" + today_iso +
                 R"(","reason":"Mất mùa","rate_percent_year":"6","term_months":12,"grace_months":3,)"
                 R"("method":"equal_principal","frequency":"monthly","first_due_on":")" +
                 due_iso + "\"}";
        },
        PetitionOfficial}},
      {"loans.write_off",
       {[&](bool own) { return loan_of(own, 1) + "/write-off"; },
        [&](const std::string&, bool) { return R"({"on":")" + today_iso + R"(","reason":"Giải thể"})"; },
        PetitionOfficial}},
      {"loans.write_off_approve",
       {[&](bool own) { return loan_of(own, 2) + "/write-off/approve"; },
        [](const std::string&, bool) { return std::string("{}"); }, WriteOffDecide}},
      {"loans.write_off_reject",
       {[&](bool own) { return loan_of(own, 2) + "/write-off/reject"; },
        [](const std::string&, bool) { return std::string(R"({"reason":"Chưa đủ căn cứ"})"); }, WriteOffDecide}},
      {"partners.list", {[](bool) { return "/api/v1/partners"; }, none, Officials}},
      {"partners.create",
       {[](bool) { return "/api/v1/partners"; },
        [](const std::string&, bool own) {
          return std::string(R"({"name":"Tỉnh đoàn","kind":"youth_union","province":")") + (own ? "01" : "79") + "\"}";
        },
        ProgrammeCreate}},
      {"partners.get",
       {[&](bool own) { return "/api/v1/partners/" + (own ? partner01 : partner79); }, none, PartnerAccess}},
      {"partners.update",
       {[&](bool own) { return "/api/v1/partners/" + (own ? partner01 : partner79); },
        [](const std::string&, bool) { return std::string(R"({"website":"https://example.vn"})"); }, PartnerAccess}},
      // ---- Surveys ----
      {"surveys.list", {[](bool) { return "/api/v1/surveys"; }, none, Officials}},
      {"surveys.create",
       {[](bool) { return "/api/v1/surveys"; },
        [](const std::string&, bool) {
          return std::string(R"({"form_id":"mx2","title":{"vi":"Khảo sát"},"sections":[{"name":"s1","questions":[)"
                             R"({"name":"q1","type":"integer","label":{"vi":"Số thành viên"}}]}]})");
        },
        Officials}},
      {"surveys.satisfaction", {[](bool) { return "/api/v1/surveys/satisfaction?form_id=mx"; }, none, Officials}},
      {"surveys.get",
       {[&](bool) { return "/api/v1/surveys/" + std::to_string(survey_fixtures.questionnaire); }, none, Officials}},
      {"surveys.xlsform",
       {[&](bool) { return "/api/v1/surveys/" + std::to_string(survey_fixtures.questionnaire) + "/xlsform"; }, none,
        Officials}},
      {"surveys.delete",
       {[&](bool) { return "/api/v1/surveys/" + std::to_string(survey_fixtures.Questionnaire()); }, none,
        SurveyDelete}},
      {"survey_campaigns.list", {[](bool) { return "/api/v1/survey-campaigns"; }, none, Officials}},
      {"survey_campaigns.create",
       {[](bool) { return "/api/v1/survey-campaigns"; },
        [&](const std::string&, bool own) {
          return R"({"questionnaire_id":)" + std::to_string(survey_fixtures.questionnaire) +
                 R"(,"year":2026,"opens_on":"2026-01-01","closes_on":"2099-12-31","scope":{"province":")" +
                 (own ? "01" : "79") + "\"}}";
        },
        ProgrammeCreate}},
      {"survey_campaigns.mine", {[](bool) { return "/api/v1/survey-campaigns/mine"; }, none, SurveyMine}},
      {"survey_campaigns.get", {[&](bool own) { return survey_fixtures.CampaignPath(own); }, none, SurveyRead}},
      {"survey_campaigns.close",
       {[&](bool own) {
          return "/api/v1/survey-campaigns/" + std::to_string(survey_fixtures.Campaign(own ? "01" : "79")) + "/close";
        },
        [](const std::string&, bool) { return std::string("{}"); }, SurveyRead}},
      {"survey_campaigns.targets",
       {[&](bool own) { return survey_fixtures.CampaignPath(own) + "/targets"; }, none, SurveyRead}},
      {"survey_campaigns.links",
       {[&](bool own) { return survey_fixtures.CampaignPath(own) + "/links?format=csv"; }, none, SurveyRead}},
      {"survey_campaigns.results",
       {[&](bool own) { return survey_fixtures.CampaignPath(own) + "/results"; }, none, SurveyRead}},
      {"survey_campaigns.responses_export",
       {[&](bool own) { return survey_fixtures.CampaignPath(own) + "/responses/export?format=csv"; }, none,
        SurveyRead}},
      {"survey_answer.get", {[&](bool) { return "/s/" + survey_fixtures.token01; }, none, Public}},
      {"survey_answer.post",
       {[&](bool) { return "/s/" + survey_fixtures.token01; },
        [](const std::string&, bool) { return std::string(R"({"answers":{"q1":4}})"); }, Public}},
      {"programmes.list", {[](bool) { return "/api/v1/programmes"; }, none, SignedIn}},
      {"programmes.create",
       {[](bool) { return "/api/v1/programmes"; },
        [&counter](const std::string&, bool own) {
          return std::string(R"({"code":"MXC-)") + std::to_string(++counter) +
                 R"(","title":"Kế hoạch","kind":"plan","from":"2024-01-01","to":"2026-12-31","province":")" +
                 (own ? "01" : "79") + "\"}";
        },
        ProgrammeCreate}},
      {"programmes.get", {programme_path, none, ProgrammeAccess}},
      {"programmes.update",
       {programme_path, [](const std::string&, bool) { return std::string(R"({"signatories":"Chủ tịch"})"); },
        ProgrammeAccess}},
      {"programmes.targets", {[=](bool own) { return programme_path(own) + "/targets"; }, none, ProgrammeAccess}},
      {"programmes.target_create",
       {[=](bool own) { return programme_path(own) + "/targets"; },
        [](const std::string&, bool) {
          return std::string(
              R"({"title":"HTX mới","deadline":"2026-12-31","target":5,"measure":{"source":"entities"}})");
        },
        ProgrammeAccess}},
      {"programmes.target_get", {[&](bool own) { return own ? ptarget01 : ptarget79; }, none, ProgrammeAccess}},
      {"programmes.target_update",
       {[&](bool own) { return own ? ptarget01 : ptarget79; },
        [](const std::string&, bool) { return std::string(R"({"target":120})"); }, ProgrammeAccess}},
      {"programmes.target_delete", {manual_target, none, ProgrammeAccess}},
      {"programmes.value_add",
       {[&](bool own) { return (own ? ptarget01 : ptarget79) + "/values"; },
        [](const std::string&, bool) { return std::string(R"({"on":"2024-12-31","value":55})"); }, ProgrammeAccess}},
      {"programmes.value_delete", {fresh_value, none, ProgrammeAccess}},
      {"programmes.documents", {[=](bool own) { return programme_path(own) + "/documents"; }, none, ProgrammeAccess}},
      {"programmes.document_add",
       {[=](bool own) { return programme_path(own) + "/documents?filename=" + "Ke-hoach.pdf"; },
        [](const std::string&, bool) { return testing::MinimalPdf(); }, ProgrammeAccess}},
      {"programmes.document_get", {[&](bool own) { return own ? pdocument01 : pdocument79; }, none, ProgrammeAccess}},
      {"programmes.document_delete", {fresh_document, none, ProgrammeAccess}},
      {"images.upload",
       {[](bool) { return "/api/v1/images?filename=anh.png"; },
        [](const std::string&, bool) { return testing::MinimalPng(); }, SignedIn}},
      {"images.get", {[=](bool) { return image_path; }, none, SignedIn}},
      {"media.file", {[=](bool) { return image_url; }, none, Public}},
      {"reports.reopen",
       {[&](bool own) { return fresh_report(own, 2) + "/reopen"; },
        [](const std::string&, bool) { return std::string(R"({"reason":"Điều chỉnh."})"); }, ReportReopen}},
  };
  domain::Figures stored;
  stored.members_total = 9;
  for (int64_t id : {entity01_, entity79_})
    ASSERT_TRUE(figures_
                    ->Put(auth::Principal::Cli("test"), id, domain::Period::Half(2024, 1), stored,
                          domain::Confirmation::kNotConfirmed)
                    .ok());
  std::string foreign_job = FinishedImportJob("target79");

  int checked = 0;
  for (const auto& route : router_->routes()) {
    auto it = expectations.find(route.name);
    ASSERT_NE(it, expectations.end()) << "route " << route.name << " (" << route.method << " " << route.pattern
                                      << ") has no access expectation: add it to the matrix";
    const Expectation& e = it->second;
    for (const auto& caller : kCallers) {
      for (bool own : {true, false}) {
        Credentials creds;
        if (caller != "anonymous") creds = Login(caller);
        std::string path;
        if (route.name == "tokens.revoke") {
          if (own && caller != "anonymous") {
            Reply made = Call(port_, bhttp::verb::post, "/api/v1/tokens", creds, R"({"name":"to revoke"})");
            path = "/api/v1/tokens/" + std::to_string(made.Json().at("id").as_int64());
          } else {
            // A fresh foreign token each time (national admins revoke them).
            auto fresh = accounts_->CreateToken(target79, "foreign", 0);
            path = "/api/v1/tokens/" + std::to_string(fresh->first.id);
          }
        } else if (route.name == "imports.get" || route.name == "imports.cancel" || route.name == "imports.report") {
          std::string id = own && ImportWriter(caller, own) == Want::kOk ? FinishedImportJob(caller) : foreign_job;
          path = "/api/v1/imports/" + id +
                 (route.name == "imports.cancel"   ? "/cancel"
                  : route.name == "imports.report" ? "/report"
                                                   : "");
        } else if (route.name == "views.get" || route.name == "views.update" || route.name == "views.delete") {
          // Own: a private view the caller saves now; other: a fresh province view of target79.
          int64_t id = 0;
          if (own && caller != "anonymous") {
            Reply made = Call(port_, bhttp::verb::post, "/api/v1/views", creds,
                              R"({"name":"Của tôi","page":"dashboard","query":"as_of=2025-12-31"})");
            EXPECT_EQ(made.status, 201u) << caller << ": " << made.body;
            id = made.status == 201 ? made.Json().at("id").as_int64() : 0;
          } else {
            id = foreign_view();
          }
          path = "/api/v1/views/" + std::to_string(id);
        } else {
          path = e.path(own);
        }
        std::string body = e.body(caller, own);
        Reply r = Call(port_, bhttp::string_to_verb(route.method), path, creds, body);
        Want got = r.status == 401   ? Want::kUnauthenticated
                   : r.status == 403 ? Want::kForbidden
                   : r.status == 404 ? Want::kNotFound
                                     : Want::kOk;
        Want want = e.want(caller, own);
        EXPECT_EQ(WantName(got), std::string(WantName(want)))
            << route.name << " as " << caller << (own ? " (own)" : " (other)") << ": " << r.status << " " << r.body;
        if (want == Want::kOk) {
          EXPECT_LT(r.status, 300u) << route.name << " as " << caller << ": " << r.body;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(router_->routes().size() * kCallers.size() * 2));
  // The web application's fallback (client-side routes such as /app/registry/12; not in routes()) is
  // public like "/": the app itself asks for sign-in, the API enforces access.
  ASSERT_NE(router_->fallback(), nullptr);
  for (const auto& caller : kCallers) {
    Credentials creds;
    if (caller != "anonymous") creds = Login(caller);
    Reply r = Call(port_, bhttp::verb::get, "/app/registry/" + e79, creds, "");
    EXPECT_EQ(r.status, 200u) << "web fallback as " << caller << ": "
                              << r.body;  // Its address before /app/ moves there for good, query kept.
    Reply moved = Call(port_, bhttp::verb::get, "/registry/" + e79 + "?tab=history", creds, "");
    EXPECT_EQ(moved.status, 301u) << "old address as " << caller << ": " << moved.body;
    EXPECT_EQ(std::string(moved.headers[bhttp::field::location]), "/app/registry/" + e79 + "?tab=history") << caller;
  }
  std::printf("[access matrix] %d checks over %zu routes on %s\n", checked, router_->routes().size(),
              storage::BackendName(db_->backend()));
  (void)foreign_id;
}

}  // namespace
}  // namespace hoptac

// The bad-input catalogue (issue 13): a few hundred malformed, mistyped, oversized, broken
// (not UTF-8) and hostile requests against the real in-process server, on the backend named
// by HOPTAC_TEST_BACKEND. Each must be answered with a 4xx — never a 5xx, never a success —
// in the documented error shape (docs/api/openapi.yaml, components.schemas.Error), as valid
// UTF-8, and together they must write nothing.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <set>
#include <sstream>

#include "base/log.h"
#include "registry/change.h"
#include "support/http_client.h"
#include "support/test_system.h"
#include "text/utf8.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;
using V = bhttp::verb;

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";

// One request. as: "admin" (national admin's bearer token), "partner" (bearer), "" (anonymous),
// "cookie" (the admin's session, with its CSRF token unless headers set one).
struct Case {
  V method;
  std::string target;
  std::string body;
  std::string as = "admin";
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers = {};
  unsigned want = 0;  // 0: any 4xx
};

Case Get(std::string target, unsigned want = 0, std::string as = "admin") {
  return {V::get, std::move(target), "", std::move(as), "", {}, want};
}
Case Send(V method, std::string target, std::string body, unsigned want = 0, std::string as = "admin") {
  return {method, std::move(target), std::move(body), std::move(as), "application/json", {}, want};
}

// Raw bytes on a socket, for what a well-behaved client library will not send.
Reply SendRaw(uint16_t port, const std::string& bytes) {
  namespace net = boost::asio;
  net::io_context io;
  net::ip::tcp::socket socket(io);
  Reply reply;
  socket.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), reply.error);
  if (reply.error) return reply;
  net::write(socket, net::buffer(bytes), reply.error);
  if (reply.error) return reply;
  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  bhttp::read(socket, buffer, parser, reply.error);
  if (reply.error) return reply;
  reply.status = parser.get().result_int();
  reply.body = parser.get().body();
  reply.headers = parser.get().base();
  return reply;
}

// A valid entity body with `members` (a JSON object's members, e.g. R"("name":1)") put in place.
std::string EntityBody(const std::string& members) {
  boost::json::object body{
      {"kind", "cooperative"}, {"name", "HTX Sai Kiểu"}, {"registration_code", "TYPE-1"}, {"province_code", "01"}};
  boost::json::value parsed = boost::json::parse("{" + members + "}");
  for (const auto& member : parsed.as_object()) body[member.key()] = member.value();
  return boost::json::serialize(body);
}

std::vector<Case> Catalogue(int64_t entity_id) {
  const std::string e = "/api/v1/entities/" + std::to_string(entity_id);
  std::vector<Case> c;

  // Malformed JSON: every form to the entity create, a selection to every other JSON route.
  const std::vector<std::string> malformed = {"",
                                              "{",
                                              "}",
                                              "[]",
                                              "null",
                                              "42",
                                              "\"text\"",
                                              "{\"kind\":}",
                                              "{'kind':'cooperative'}",
                                              "{\"kind\":\"cooperative\",}",
                                              "{\"a\":1 \"b\":2}",
                                              "{\"a\":01}",
                                              "{\"a\":NaN}",
                                              "{\"a\":Infinity}",
                                              "{\"a\":tru}",
                                              "{\"a\":\"\\uZZZZ\"}",
                                              "{\"a\":\"\\ud800\"}",
                                              "{\"a\":\"open}",
                                              "{\"a\":1}trailing",
                                              std::string(100, '['),
                                              "\xEF\xBB\xBF{}",
                                              "{\"a\":1e99999}"};
  for (const std::string& body : malformed) c.push_back(Send(V::post, "/api/v1/entities", body, 400));
  const std::vector<std::pair<V, std::string>> json_routes = {{V::patch, e},
                                                              {V::post, e + "/events"},
                                                              {V::put, e + "/figures/2024"},
                                                              {V::post, "/api/v1/users"},
                                                              {V::post, "/api/v1/tokens"},
                                                              {V::post, "/api/v1/session"}};
  for (const auto& [method, target] : json_routes)
    for (size_t i = 0; i < malformed.size(); i += 3)
      c.push_back(Send(method, target, malformed[i], 400, target == "/api/v1/session" ? "" : "admin"));

  // Wrong types, huge numbers and bad values, one member at a time, on a body otherwise valid.
  for (const char* member : {R"("name":1)",
                             R"("name":[])",
                             R"("name":{})",
                             R"("name":true)",
                             R"("kind":1)",
                             R"("founded_on":20200101)",
                             R"("founded_on":true)",
                             R"("women_managed":"yes")",
                             R"("women_managed":1)",
                             R"("youth":"true")",
                             R"("chair_birth_year":"1970")",
                             R"("chair_birth_year":1970.5)",
                             R"("chair_birth_year":-5)",
                             R"("chair_birth_year":99999999999999999999)",
                             R"("chair_birth_year":18446744073709551616)",
                             R"("chair_birth_year":1e300)",
                             R"("chair_sex":"other")",
                             R"("sector":3)",
                             R"("sector":"fishing")",
                             R"("phone":912345678)",
                             R"("email":["a@b.vn"])",
                             R"("union_registration_code":{})",
                             R"("tax_code":123)",
                             R"("colour":"red")",
                             R"("commune_code":"99999")",
                             R"("union_registration_code":"NO-SUCH-UNION")"})
    c.push_back(Send(V::post, "/api/v1/entities", EntityBody(member), 400));
  for (const char* body : {R"({"kind":["cooperative"],"name":"A","registration_code":"T-2","province_code":"01"})",
                           R"({"name":"A","registration_code":"T-2","province_code":"01"})",
                           R"({"kind":"cooperative","name":"A","registration_code":"T-2","province_code":1})",
                           R"({"kind":"cooperative","name":"A","registration_code":123,"province_code":"01"})"})
    c.push_back(Send(V::post, "/api/v1/entities", body, 400));
  for (const char* body : {R"({"name":1})", R"({"women_managed":"no"})", R"({"kind":null})",
                           R"({"province_code":"99"})", R"({"chair_birth_year":2025})", R"({"registration_code":""})"})
    c.push_back(Send(V::patch, e, body, 400));
  for (const char* body : {R"({"members_total":"12"})", R"({"members_total":1.5})", R"({"members_total":true})",
                           R"({"members_total":1e30})", R"({"unknown_figure":1})", R"({"confirm":"yes"})",
                           R"({"members_total":-1})", R"({"members_total":2,"members_female":5})"})
    c.push_back(Send(V::put, e + "/figures/2024", body, 400));
  for (const char* period : {"2024S3", "2024Q5", "24", "2024-13", "abc"})
    c.push_back(Send(V::put, e + "/figures/" + period, R"({"members_total":1})"));
  for (const char* body : {R"({"date":20200101,"type":"stopped"})", R"({"date":"2021-01-01","type":1})",
                           R"({"date":"2021-01-01","type":"stopped","note":[]})",
                           R"({"date":"2021-01-01","type":"converted","converted_to":5})",
                           R"({"date":"2021-01-01","type":"founded"})", R"({"type":"stopped"})",
                           R"({"date":"2020-02-30","type":"stopped"})", R"({"date":"2019-01-01","type":"stopped"})"})
    c.push_back(Send(V::post, e + "/events", body, 400));
  for (const char* body :
       {R"({"username":"god","role":"god","password":"Mật-khẩu-thử-nghiệm-1"})",
        R"({"username":"a","role":"partner","password":"Mật-khẩu-thử-nghiệm-1"})",
        R"({"username":"Ab Cd","role":"partner","password":"Mật-khẩu-thử-nghiệm-1"})",
        R"({"username":"shorty","role":"partner","password":"short"})",
        R"({"username":"prov","role":"province_officer","password":"Mật-khẩu-thử-nghiệm-1"})",
        R"({"username":"coop","role":"cooperative","entity_id":"x","password":"Mật-khẩu-thử-nghiệm-1"})"})
    c.push_back(Send(V::post, "/api/v1/users", body, 400));
  for (const char* body : {R"({"name":""})", R"({"name":5})", R"({"name":"t","expires_in_days":-1})",
                           R"({"name":"t","expires_in_days":99999})", R"({"name":"t","expires_in_days":"30"})"})
    c.push_back(Send(V::post, "/api/v1/tokens", body, 400));
  for (const char* query : {"limit=99999999999999999999", "offset=-1", "limit=0", "limit=201", "offset=1e3",
                            "limit=ten", "cursor=not-a-cursor"})
    c.push_back(Get(std::string("/api/v1/entities?") + query, 400));

  // Bad dates.
  for (const char* date :
       {"2020-02-30", "2020-13-01", "20-01-01", "2020/01/01", "01/01/2020", "9999-12-31", "1899-12-31", "0000-00-00",
        "2020-1-1", " 2020-01-01", "2020-01-01T00:00:00Z", "+2020-01-01", ""})
    c.push_back(Send(V::post, "/api/v1/entities", EntityBody(R"("founded_on":")" + std::string(date) + "\""), 400));
  for (const char* query :
       {"/api/v1/entities?as_of=2020-02-30", "/api/v1/entities?founded_from=yesterday",
        "/api/v1/entities?founded_to=2020-13-01", "/api/v1/entities?founded_from=2021-01-01&founded_to=2020-01-01",
        "/api/v1/stats/entities?as_of=31/12/2024", "/api/v1/stats/flows?from=2024-00-01",
        "/api/v1/stats/series?from=2024-01-01&to=2023-01-01", "/api/v1/admin-units?level=province&on=2024-02-30"})
    c.push_back(Get(query, 400));

  // Text that is not UTF-8: in the path, the query, a JSON body and the headers read.
  for (const char* path :
       {"/api/v1/entities/%ff", "/api/v1/admin-units/%ff", "/api/v1/admin-units/%c0%af", "/api/v1/users/%ed%a0%80",
        "/%ff", "/api/v1/imports/%ff", "/api/v1/%ff%fe", "/api/v1/entities/%f4%90%80%80/events"})
    c.push_back(Get(path, 400));
  for (const char* query :
       {"/api/v1/entities?kind=%ff", "/api/v1/entities?q=%e1%bb", "/api/v1/entities?province=%80",
        "/api/v1/entities?%ff=1", "/api/v1/stats/entities?group_by=%ff", "/api/v1/exports/entities?format=%ff",
        "/api/v1/audit?object=%ff", "/api/v1/admin-units?level=%c3"})
    c.push_back(Get(query, 400));
  c.push_back(Get("/api/v1/entities?kind=%ff", 400, ""));
  std::string entity = EntityBody("");
  c.push_back(Send(V::post, "/api/v1/entities", entity.substr(0, entity.size() - 1) + ",\"address\":\"\xFF\"}", 400));
  c.push_back(Send(V::patch, e, "{\"name\":\"H\xE1\xBB\"}", 400));
  c.push_back(Send(V::post, "/api/v1/session", "{\"username\":\"\xC0\xAF\",\"password\":\"x\"}", 400, ""));
  c.push_back(Send(V::post, "/api/v1/users",
                   "{\"username\":\"utf\",\"display_name\":\"\xED\xA0\x80\",\"role\":\"partner\",\"password\":\"" +
                       std::string(kPassword) + "\"}",
                   400));
  c.push_back(Send(V::post, e + "/events", "{\"date\":\"2021-01-01\",\"type\":\"stopped\",\"note\":\"\xF8\"}", 400));
  c.push_back(Send(V::put, e + "/figures/2024", "{\"\xFF\":1}", 400));
  c.push_back(Send(V::post, "/api/v1/tokens", "{\"name\":\"\xE1\xBB\"}", 400));
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"Authorization", "Bearer \xFF\xFE"}, {"Content-Type", "application/json\xFF"}, {"X-CSRF-Token", "\xFF"}}) {
    Case bad = Send(V::post, "/api/v1/entities", "{}", 400, name == "X-CSRF-Token" ? "cookie" : "");
    bad.headers.emplace_back(name, value);
    c.push_back(bad);
  }
  Case cookie = Get("/api/v1/entities", 400, "");
  cookie.headers.emplace_back("Cookie", "hoptac_session=\xFF\xFE");
  c.push_back(cookie);

  // Injection strings where a value is checked: SQL, HTML and script, path traversal, CRLF.
  for (const char* member :
       {R"("registration_code":"X'; DROP TABLE entities;--")", R"("kind":"cooperative' OR '1'='1")",
        R"("email":"<script>alert(1)</script>")", R"("tax_code":"<img src=x onerror=alert(1)>")",
        R"("phone":"<svg/onload=alert(1)>")", R"("province_code":"<b>01</b>")", R"("sector":"agriculture'--")",
        R"("<script>alert(1)</script>":1)", R"("commune_code":"1 OR 1=1")",
        R"("union_registration_code":"' UNION SELECT password_hash FROM users--")"})
    c.push_back(Send(V::post, "/api/v1/entities", EntityBody(member), 400));
  for (const char* target :
       {"/api/v1/entities?kind=cooperative'%20OR%20'1'='1", "/api/v1/entities?sort=name;DROP%20TABLE%20entities",
        "/api/v1/entities?status=active'--", "/api/v1/entities?sector=1%20OR%201=1",
        "/api/v1/entities?limit=1%20OR%201=1", "/api/v1/entities?cursor='%20OR%201=1--",
        "/api/v1/entities?kind=%3Cscript%3Ealert(1)%3C/script%3E", "/api/v1/exports/entities?format=%3Csvg%3E",
        "/api/v1/stats/entities?measure=count;DROP%20TABLE%20entities", "/api/v1/stats/entities?group_by=kind'--",
        "/api/v1/admin-units?level=province'%20OR%201=1"})
    c.push_back(Get(target, 400));
  for (const char* target :
       {"/api/v1/entities/1%20OR%201=1", "/api/v1/entities/1;DROP%20TABLE%20entities", "/api/v1/users/1'--",
        "/api/v1/%3Cscript%3Ealert(1)%3C/script%3E", "/api/v1/../../etc/passwd",
        "/api/v1/imports/..%2f..%2fetc%2fpasswd", "/api/v1/imports/1/../../../etc/passwd",
        "/api/v1/imports/..%2F..%2Fetc%2Fpasswd/file", "/api/v1/admin-units/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/exports/..%2fentities", "/api/v1/entities/0", "/api/v1/entities/-1", "/api/v1/entities/abc",
        "/api/v1/entities/999999999999999999999", "/api/v1/imports/no-such-job", "/api/v1/imports/99999/file"})
    c.push_back(Get(target, 404));
  c.push_back(Get("/api/v1/imports/x/report?format=pdf"));
  c.push_back(Get("/api/v1/entities?kind=cooperative%0D%0AX-Injected:%201", 400));

  // Oversized bodies, headers and values.
  c.push_back(Send(V::post, "/api/v1/entities", "{\"name\":\"" + std::string(2 << 20, 'x') + "\"}", 413));
  c.push_back(Send(V::patch, e, std::string(3 << 20, ' '), 413));
  Case header = Get("/api/v1/entities", 431);
  header.headers.emplace_back("X-Big", std::string(32 << 10, 'h'));
  c.push_back(header);
  c.push_back(Get("/api/v1/entities?q=" + std::string(20 << 10, 'q'), 431));
  c.push_back(Send(V::post, "/api/v1/entities", EntityBody(R"("name":")" + std::string(1001, 'n') + "\""), 400));
  c.push_back(Send(V::post, "/api/v1/entities",
                   R"({"kind":"cooperative","registration_code":"LONG-1","province_code":"01","name":")" +
                       std::string(256, 'n') + "\"}",
                   400));
  c.push_back(Send(V::post, "/api/v1/entities", EntityBody(R"("address":")" + std::string(2001, 'a') + "\""), 400));
  c.push_back(Send(V::post, e + "/events",
                   R"({"date":"2021-01-01","type":"stopped","note":")" + std::string(4001, 'n') + "\"}", 400));
  std::string many = "/api/v1/entities?";
  for (int i = 0; i < 300; ++i) many += "p" + std::to_string(i) + "=1&";
  c.push_back(Get(many, 400));

  // Import requests refused before a job starts.
  const std::string csv = "registration_code,name,kind,province_code\nIMP-X,HTX X,HTX,01\n";
  for (const char* query : {"", "?type=people", "?type=entities&dry_run=maybe", "?type=entities&skip_bad_rows=2",
                            "?type=entities&as_of=2020-02-30", "?type=entities&colour=red",
                            "?type=entities&filename=%ff", "?type=..%2f..%2fetc%2fpasswd"}) {
    Case import{V::post, std::string("/api/v1/imports") + query, csv, "admin", "text/csv", {}, 400};
    c.push_back(import);
  }
  c.push_back({V::post, "/api/v1/imports?type=entities", "", "admin", "text/csv", {}, 400});
  c.push_back({V::post,
               "/api/v1/imports?type=entities",
               std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'),
               "admin",
               "application/vnd.ms-excel",
               {},
               400});
  c.push_back({V::post, "/api/v1/imports?type=entities", csv, "partner", "text/csv", {}, 403});
  c.push_back({V::post, "/api/v1/imports?type=entities", csv, "", "text/csv", {}, 401});

  // Who may do what, methods, media types, credentials.
  c.push_back(Send(V::put, "/api/v1/entities", "{}", 405));
  c.push_back(Send(V::delete_, "/api/v1/entities", "", 405));
  c.push_back(Send(V::post, "/api/v1/entities", EntityBody(R"("sector":"salt")"), 403, "partner"));
  c.push_back(Send(V::post, "/api/v1/entities", EntityBody(R"("sector":"salt")"), 401, ""));
  c.push_back(Send(V::patch, e, R"({"address":"x"})", 401, ""));
  c.push_back(Send(V::patch, e, R"({"address":"x"})", 403, "partner"));
  c.push_back(Send(V::delete_, e, "", 403, "partner"));
  c.push_back(Send(V::delete_, "/api/v1/entities/999999", "", 404));
  c.push_back({V::post, "/api/v1/entities", EntityBody(R"("sector":"salt")"), "admin", "text/plain", {}, 400});
  c.push_back({V::post, "/api/v1/entities", EntityBody(R"("sector":"salt")"), "admin", "application/xml", {}, 400});
  c.push_back(Get("/api/v1/users", 403, "partner"));
  c.push_back(Get("/api/v1/audit", 401, ""));
  c.push_back(Get("/api/v1/entities?women_managed=true", 403, "partner"));
  c.push_back(Get("/api/v1/stats/entities?youth=true", 403, ""));
  Case no_csrf = Send(V::post, "/api/v1/entities", EntityBody(R"("sector":"salt")"), 403, "cookie");
  no_csrf.headers.emplace_back("X-CSRF-Token", "");
  c.push_back(no_csrf);
  Case wrong_csrf = Send(V::patch, e, R"({"address":"x"})", 403, "cookie");
  wrong_csrf.headers.emplace_back("X-CSRF-Token", "wrong");
  c.push_back(wrong_csrf);
  for (const char* authorization : {"Bearer hpt_not_a_token", "Bearer ", "Basic YWRtaW46eA==", "Bearer x y z"}) {
    Case bad = Get("/api/v1/session", 401, "");
    bad.headers.emplace_back("Authorization", authorization);
    c.push_back(bad);
  }
  Case stale = Get("/api/v1/session", 401, "");
  stale.headers.emplace_back("Cookie", "hoptac_session=stale");
  c.push_back(stale);
  return c;
}

class BadInputCatalogueTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    domain::Entity entity;
    entity.registration_code = "CAT-1";
    entity.name = "Hợp tác xã Danh Mục";
    entity.province_code = "01";
    entity.founded_on = Date::FromCivil(2020, 1, 1);
    auto created = entities_->Create(auth::Principal::Cli("test"), entity);
    ASSERT_TRUE(created.ok());
    entity_id_ = created->entity.id;
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat_admin", "national_admin");
    system_.AddUser("partner1", "partner");
    auto session = accounts_->Login("nat_admin", kPassword, "127.0.0.1");
    ASSERT_TRUE(session.ok());
    cookie_ = session->token;
    csrf_ = session->csrf_token;
  }

  Reply Run(const Case& c) {
    bhttp::request<bhttp::string_body> req{c.method, c.target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (c.as == "admin") req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat_admin"]);
    if (c.as == "partner") req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["partner1"]);
    if (c.as == "cookie") {
      req.set(bhttp::field::cookie, "hoptac_session=" + cookie_);
      req.set("X-CSRF-Token", csrf_);
    }
    if (!c.body.empty() || c.method == V::post || c.method == V::put || c.method == V::patch) {
      req.set(bhttp::field::content_type, c.content_type);
      req.body() = c.body;
    }
    bool raw = false;
    for (const auto& [name, value] : c.headers) {
      req.set(name, value);
      raw = raw || !text::IsValidUtf8(value);
    }
    if (!raw) return testing::Send(system_.port(), std::move(req));
    // Bytes a client library may refuse to send: written as they are.
    req.set(bhttp::field::host, "127.0.0.1");
    req.prepare_payload();
    std::ostringstream out;
    out << req;
    return SendRaw(system_.port(), out.str());
  }

  std::map<std::string, int64_t> Written() {
    std::map<std::string, int64_t> counts;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     for (const char* table : {"audit_log", "entities", "entity_events", "entity_figures", "users",
                                               "api_tokens", "imports", "import_files"}) {
                       HOPTAC_ASSIGN_OR_RETURN(auto row,
                                               conn.QueryOne(std::string("SELECT COUNT(*) FROM ") + table, {}));
                       counts[table] = std::get<int64_t>((*row)[0]);
                     }
                     HOPTAC_ASSIGN_OR_RETURN(counts["registry_version"], registry::RegistryVersion(conn));
                     return Ok();
                   })
                    .ok());
    return counts;
  }

  int64_t entity_id_ = 0;
  std::string cookie_, csrf_;
};

// The error shape of docs/api/openapi.yaml: {"error":{"code","reason","message","fields":[{field,code,message}]}}.
void ExpectErrorShape(const Reply& r, const std::string& what) {
  static const std::set<std::string> kCodes = {
      "invalid_argument",  "not_found",         "method_not_allowed", "conflict",    "unauthenticated",
      "permission_denied", "too_many_requests", "payload_too_large",  "unavailable", "internal"};
  ASSERT_TRUE(text::IsValidUtf8(r.body)) << what;
  EXPECT_EQ(r.headers[bhttp::field::content_type], "application/json; charset=utf-8") << what;
  boost::json::error_code ec;
  boost::json::value body = boost::json::parse(r.body, ec);
  ASSERT_FALSE(ec) << what << ": not JSON: " << r.body;
  ASSERT_TRUE(body.is_object() && body.as_object().contains("error")) << what << ": " << r.body;
  const auto& error = body.at("error");
  ASSERT_TRUE(error.is_object()) << what;
  ASSERT_TRUE(error.as_object().contains("code") && error.at("code").is_string()) << what;
  EXPECT_TRUE(kCodes.contains(std::string(error.at("code").as_string()))) << what << ": " << r.body;
  EXPECT_TRUE(error.as_object().contains("reason") && error.at("reason").is_string()) << what;
  ASSERT_TRUE(error.as_object().contains("message") && error.at("message").is_string()) << what;
  EXPECT_FALSE(error.at("message").as_string().empty()) << what;
  ASSERT_TRUE(error.as_object().contains("fields") && error.at("fields").is_array()) << what;
  for (const auto& field : error.at("fields").as_array()) {
    EXPECT_TRUE(field.is_object() && field.as_object().contains("field") && field.at("field").is_string()) << what;
    EXPECT_TRUE(field.is_object() && field.as_object().contains("code") && field.at("code").is_string()) << what;
    EXPECT_TRUE(field.is_object() && field.as_object().contains("message") && field.at("message").is_string()) << what;
  }
}

TEST_F(BadInputCatalogueTest, EveryBadRequestIsA4xxInTheErrorShapeAndWritesNothing) {
  const auto before = Written();
  std::vector<Case> cases = Catalogue(entity_id_);
  // What only raw bytes can say: CR or LF inside a header, a broken request line, a bad method.
  const std::vector<std::pair<std::string, unsigned>> raw = {
      {"GET /api/v1/entities HTTP/1.1\r\nHost: x\r\nX-A: a\rX-Injected: 1\r\n\r\n", 400},
      {"GET /api/v1/entities HTTP/1.1\r\nHost: x\r\nX-A: a\nX-Injected: 1\r\n\r\n", 0},
      {"GET /api/v1/entities\r\nX-Injected: 1 HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"GET /api/v1/entities HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400},
      {"GET /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400},
      {"GET /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 0},
      {"GET http://evil.example/api/v1/entities HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"GET api/v1/entities HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"GET /api/v1/entities?kind=%ff HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"GET /api/v1/entities/\xFF HTTP/1.1\r\nHost: x\r\n\r\n", 400},
  };
  ASSERT_GE(cases.size() + raw.size(), 150u);
  int answered = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    std::string what = "#" + std::to_string(i) + " " + std::string(bhttp::to_string(c.method)) + " " +
                       c.target.substr(0, 120) + " as '" + c.as + "' body " + c.body.substr(0, 80);
    Reply r = Run(c);
    ASSERT_FALSE(r.error) << what << ": " << r.error.message();
    EXPECT_GE(r.status, 400u) << what << ": " << r.body;
    EXPECT_LT(r.status, 500u) << what << ": " << r.body;
    if (c.want) {
      EXPECT_EQ(r.status, c.want) << what << ": " << r.body;
    }
    EXPECT_EQ(r.headers.count("X-Injected"), 0u) << what;
    EXPECT_EQ(r.headers.count(bhttp::field::set_cookie), 0u) << what;
    ExpectErrorShape(r, what);
    ++answered;
  }
  for (const auto& [bytes, want] : raw) {
    Reply r = SendRaw(system_.port(), bytes);
    std::string what = "raw " + text::ValidUtf8(bytes.substr(0, 60));
    ASSERT_FALSE(r.error) << what << ": " << r.error.message();
    EXPECT_GE(r.status, 400u) << what << ": " << r.body;
    EXPECT_LT(r.status, 500u) << what << ": " << r.body;
    if (want) {
      EXPECT_EQ(r.status, want) << what << ": " << r.body;
    }
    EXPECT_EQ(r.headers.count("X-Injected"), 0u) << what;
    ExpectErrorShape(r, what);
    ++answered;
  }
  EXPECT_EQ(Written(), before) << "a bad request wrote something";
  RecordProperty("requests", answered);
}

}  // namespace
}  // namespace hoptac

// The request's text as UTF-8 (http::CheckRequestText, ParseJsonObject) and the last line of
// defence where error bodies are built (http::ErrorResponse).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/error.h"
#include "http/request.h"
#include "text/utf8.h"

namespace hoptac::http {
namespace {

Request With(std::string path, std::vector<std::pair<std::string, std::string>> query = {},
             std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = std::move(headers);
  return r;
}

TEST(RequestText, ValidTextPasses) {
  EXPECT_TRUE(CheckRequestText(With("/api/v1/entities", {{"q", "Hợp tác xã"}, {"kind", "group"}},
                                    {{"authorization", "Bearer hpt_x"}, {"cookie", "hoptac_session=abc"}}))
                  .ok());
  // Other applications' cookies and the headers only matched against known values are not ours to refuse.
  EXPECT_TRUE(
      CheckRequestText(
          With("/", {},
               {{"cookie", "theirs=\xFF; hoptac_session=abc"}, {"accept-language", "\xFF"}, {"user-agent", "\xFE"}}))
          .ok());
}

TEST(RequestText, InvalidPathQueryAndHeadersAreNamedNeverEchoed) {
  Status path = CheckRequestText(With("/api/v1/admin-units/\xFF"));
  ASSERT_FALSE(path.ok());
  EXPECT_EQ(path.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(path.error().key, "error.path_not_utf8");
  EXPECT_EQ(path.error().args, std::vector<std::string>{"/api/v1/admin-units/\uFFFD"});

  Status query = CheckRequestText(With("/api/v1/entities", {{"q", "ok"}, {"kind", "\xFF"}, {"\xFE", "x"}}));
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().key, "error.query_not_utf8");
  EXPECT_EQ(query.error().args, (std::vector<std::string>{"kind", "\uFFFD"}));
  ASSERT_EQ(query.error().fields.size(), 2u);
  EXPECT_EQ(query.error().fields[0].field, "kind");
  EXPECT_EQ(query.error().fields[0].code, "invalid_utf8");
  EXPECT_EQ(query.error().fields[1].field, "\uFFFD");

  for (const char* header : {"authorization", "content-type", "x-csrf-token"}) {
    Status bad = CheckRequestText(With("/", {}, {{header, "x\xC0\xAF"}}));
    ASSERT_FALSE(bad.ok()) << header;
    EXPECT_EQ(bad.error().key, "error.header_not_utf8");
    EXPECT_EQ(bad.error().args, std::vector<std::string>{header});  // the name, never the value
  }
  Status cookie = CheckRequestText(With("/", {}, {{"cookie", "a=b; hoptac_session=\xED\xA0\x80"}}));
  ASSERT_FALSE(cookie.ok());
  EXPECT_EQ(cookie.error().args, std::vector<std::string>{"cookie"});
}

// boost::json (1.81) already refuses invalid UTF-8 inside strings and lone surrogate escapes;
// ParseJsonObject checks the body first anyway, so the answer says "not UTF-8" and where.
TEST(RequestText, JsonBodies) {
  boost::json::error_code ec;
  boost::json::parse("{\"name\":\"\xFF\"}", ec);
  EXPECT_TRUE(ec) << "boost::json accepted invalid UTF-8";
  ec = {};
  boost::json::parse("{\"name\":\"\\ud800\"}", ec);
  EXPECT_TRUE(ec) << "boost::json accepted a lone surrogate escape";
  ec = {};
  boost::json::parse("{\"na\xC0\xAFme\":1}", ec);
  EXPECT_TRUE(ec) << "boost::json accepted an invalid key";

  Request r = With("/api/v1/entities");
  r.body = "{\"name\":\"H\xE1\xBB\"}";
  auto bad = ParseJsonObject(r);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "error.body_not_utf8");
  EXPECT_EQ(bad.error().args, std::vector<std::string>{"10"});
  r.body = "{\"name\":\"Hợp tác xã\"}";
  auto good = ParseJsonObject(r);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->at("name"), "Hợp tác xã");
}

TEST(RequestText, ErrorBodiesAreAlwaysValidUtf8) {
  // A service's field error that carries a user's bytes as they were.
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  error.fields.push_back({"na\xFFme", "invalid_enum", "field.invalid_enum", {"\xC3\x28", "a, b"}});
  for (i18n::Lang lang : {i18n::Lang::kVi, i18n::Lang::kEn}) {
    Response response = ErrorResponse(error, lang);
    EXPECT_EQ(response.status, 400u);
    EXPECT_TRUE(text::IsValidUtf8(response.body)) << response.body;
    boost::json::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    ASSERT_FALSE(ec) << response.body;
    EXPECT_EQ(body.at("error").at("fields").at(0).at("field"), "na\uFFFDme");
  }
  Error route = Error::Make(ErrorCode::kNotFound, "error.route_not_found", {"/x/\xFF"});
  EXPECT_TRUE(text::IsValidUtf8(ErrorResponse(route, i18n::Lang::kEn).body));
}

}  // namespace
}  // namespace hoptac::http

#include "http/request.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <utility>
#include <vector>

#include "http/error.h"

namespace hoptac::http {
namespace {

Request Target(std::string target) {
  Request request;
  request.target = std::move(target);
  return request;
}

TEST(DecodeTarget, SplitsAndDecodesPathAndQuery) {
  Request r = Target("/api/v1/entities?q=h%E1%BB%A3p+t%C3%A1c&kind=&limit=5&flag&kind=group");
  ASSERT_TRUE(DecodeTarget(r).ok());
  EXPECT_EQ(r.path, "/api/v1/entities");
  ASSERT_EQ(r.query.size(), 5u);
  EXPECT_EQ(r.Query("q"), "hợp tác");
  EXPECT_EQ(r.Query("kind"), "");  // the first one
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_EQ(r.query[4], std::make_pair(std::string("kind"), std::string("group")));
  Request path = Target("/api/v1/admin-units/%C4%90%C3%A0");
  ASSERT_TRUE(DecodeTarget(path).ok());
  EXPECT_EQ(path.path, "/api/v1/admin-units/Đà");
  EXPECT_TRUE(path.query.empty());
}

TEST(DecodeTarget, RefusesWhatIsNotAnOriginForm) {
  for (const char* bad : {"api/v1/entities", "http://example.com/", "/a?b=%zz", "/a b"}) {
    Request r = Target(bad);
    Status status = DecodeTarget(r);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().key, "error.bad_target") << bad;
  }
}

// Found by tests/fuzz/query_fuzz: a value that decodes to bytes that are not UTF-8 was
// echoed by the error of its parameter, so the JSON error body was not UTF-8. Decoding
// succeeds; the server's next step, CheckRequestText, refuses it and its error body is JSON.
TEST(DecodeTarget, TextThatIsNotUtf8IsRefusedByTheCheckThatFollows) {
  for (auto [bad, key] :
       std::vector<std::pair<const char*, const char*>>{{"/api/v1/entities?as_of=%FF", "error.query_not_utf8"},
                                                        {"/api/v1/entities?%C0=1", "error.query_not_utf8"},
                                                        {"/api/v1/entities/%BB%A3", "error.path_not_utf8"},
                                                        {"/api/v1/entities?q=%E1%BB", "error.query_not_utf8"}}) {
    Request r = Target(bad);
    ASSERT_TRUE(DecodeTarget(r).ok()) << bad;
    Status status = CheckRequestText(r);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().key, key) << bad;
    for (auto lang : {i18n::Lang::kVi, i18n::Lang::kEn}) {
      Response response = ErrorResponse(status.error(), lang);
      EXPECT_EQ(response.status, 400u);
      boost::json::error_code ec;
      boost::json::parse(response.body, ec);
      EXPECT_FALSE(ec) << response.body;
    }
  }
}

}  // namespace
}  // namespace hoptac::http

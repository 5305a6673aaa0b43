#include "http/request.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

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

TEST(DecodeTarget, RefusesWhatIsNotAnOriginFormOrNotUtf8) {
  for (const char* bad : {"api/v1/entities", "http://example.com/", "/a?b=%zz", "/a b"}) {
    Request r = Target(bad);
    Status status = DecodeTarget(r);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().key, "error.bad_target") << bad;
  }
  // Found by tests/fuzz/query_fuzz: a value that decodes to bytes that are not UTF-8 was
  // echoed by the error of its parameter, so the JSON error body was not UTF-8.
  for (const char* bad : {"/api/v1/entities?as_of=%FF", "/api/v1/entities?%C0=1", "/api/v1/entities/%BB%A3",
                          "/api/v1/entities?q=%E1%BB"}) {
    Request r = Target(bad);
    Status status = DecodeTarget(r);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().key, "error.bad_target") << bad;
    EXPECT_TRUE(r.query.empty() && r.path.empty()) << bad;
    Response response = ErrorResponse(status.error(), i18n::Lang::kEn);
    EXPECT_EQ(response.status, 400u);
    boost::json::error_code ec;
    boost::json::parse(response.body, ec);
    EXPECT_FALSE(ec) << response.body;
  }
}

}  // namespace
}  // namespace hoptac::http

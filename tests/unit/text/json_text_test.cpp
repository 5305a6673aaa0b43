// JsonText: the API's JSON, with numbers written as people read them (issue 12: "years":5E0).
#include "text/json_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <limits>

namespace hoptac::text {
namespace {

TEST(JsonText, WholeNumbersAreIntegersAndOthersPlainDecimals) {
  struct Case {
    double number;
    const char* text;
  } cases[] = {
      {5.0, "5"},
      {31.0, "31"},
      {-2.0, "-2"},
      {0.0, "0"},
      {31.4, "31.4"},
      {3.8, "3.8"},
      {-0.5, "-0.5"},
      {1e-7, "0.0000001"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1234567890123.0, "1234567890123"},
      {2.5e15, "2500000000000000"},
      {1e20, "100000000000000000000"},
      {std::numeric_limits<double>::quiet_NaN(), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(JsonText(boost::json::value(c.number)), c.text);
  }
}

TEST(JsonText, ReadsBackAsTheSameDocument) {
  boost::json::value document = boost::json::parse(
      R"({"years":5,"yearly_average":31.4,"name":"Hợp tác xã \"Đồng Tháp\"\n","items":[1,-2,true,false,null,{}],)"
      R"("nested":{"a":[],"b":0.25,"big":18446744073709551615}})");
  document.as_object()["double_whole"] = 5.0;
  std::string text = JsonText(document);
  EXPECT_EQ(text.find('E'), std::string::npos) << text;
  boost::json::value back = boost::json::parse(text);
  EXPECT_EQ(back.at("years"), document.at("years"));
  EXPECT_EQ(back.at("name"), document.at("name"));
  EXPECT_EQ(back.at("items"), document.at("items"));
  EXPECT_EQ(back.at("nested").at("b").as_double(), 0.25);
  EXPECT_EQ(back.at("nested").at("big").as_uint64(), 18446744073709551615ULL);
  EXPECT_EQ(back.at("yearly_average").as_double(), 31.4);
  EXPECT_EQ(back.at("double_whole").as_int64(), 5);
  EXPECT_NE(text.find("\"double_whole\":5"), std::string::npos) << text;
}

// Strings are escaped exactly as boost::json::serialize escapes them.
TEST(JsonText, EscapesStringsAndKeysAsBoostJson) {
  const char* texts[] = {"",
                         "plain",
                         "a\"b",
                         "back\\slash",
                         "line\nnext\ttab\rcr\bbs\fff",
                         "\x01\x1f\x7f",
                         "/path/",
                         "Hợp tác xã Đồng Tháp — “quoted”",
                         "tail\\"};
  for (const char* text : texts) {
    SCOPED_TRACE(text);
    boost::json::object o{{text, text}};
    EXPECT_EQ(JsonText(o), boost::json::serialize(o));
  }
}

}  // namespace
}  // namespace hoptac::text

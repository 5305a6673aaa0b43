#include "base/lists.h"

#include <gtest/gtest.h>

namespace hoptac {
namespace {

TEST(Lists, SplitTrimsAndDropsEmptyItems) {
  EXPECT_EQ(SplitCommaList("cooperative,union, group "), (std::vector<std::string>{"cooperative", "union", "group"}));
  EXPECT_EQ(SplitCommaList(",a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitCommaList("").empty());
  EXPECT_TRUE(SplitCommaList(" , ").empty());
}

TEST(Lists, JoinIsSplitsInverse) {
  std::vector<std::string> codes = {"24", "25", "01"};
  EXPECT_EQ(JoinCommaList(codes), "24,25,01");
  EXPECT_EQ(SplitCommaList(JoinCommaList(codes)), codes);
  EXPECT_EQ(JoinCommaList({}), "");
}

}  // namespace
}  // namespace hoptac

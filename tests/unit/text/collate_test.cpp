#include "text/collate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace hoptac::text {
namespace {

// Checks that `ordered` is strictly increasing under Compare and SortKey, in
// both directions, for every pair (not only neighbours).
void ExpectStrictlyOrdered(const std::vector<std::string>& ordered) {
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    for (std::size_t j = i + 1; j < ordered.size(); ++j) {
      SCOPED_TRACE(ordered[i] + " < " + ordered[j]);
      EXPECT_LT(Compare(ordered[i], ordered[j]), 0);
      EXPECT_GT(Compare(ordered[j], ordered[i]), 0);
      EXPECT_LT(SortKey(ordered[i]), SortKey(ordered[j]));
    }
  }
}

TEST(Collate, VietnameseAlphabetOrder) {
  ExpectStrictlyOrdered({"A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "G", "H", "I", "K", "L", "M",
                         "N", "O", "Ô", "Ơ", "P", "Q", "R", "S", "T", "U", "Ư", "V", "X", "Y"});
  ExpectStrictlyOrdered({"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                         "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"});
}

TEST(Collate, ExamplesFromTheIssue) {
  ExpectStrictlyOrdered({"Dak Lak", "Đà Nẵng", "Gia Lai"});
  ExpectStrictlyOrdered({"An", "Ăn", "Ân"});
}

TEST(Collate, TonesAreSecondaryInDictionaryOrder) {
  // ngang, huyền, hỏi, ngã, sắc, nặng — the order of Vietnamese dictionaries.
  ExpectStrictlyOrdered({"ma", "mà", "mả", "mã", "má", "mạ"});
  // A tone never outweighs a letter: "mạ" < "mb", "mà" < "mac".
  ExpectStrictlyOrdered({"mạ", "mb"});
  ExpectStrictlyOrdered({"mà", "mac"});
  // ă is a letter after a, whatever the tone of either.
  ExpectStrictlyOrdered({"ạ", "ă"});
}

TEST(Collate, ProvinceNames) {
  const std::vector<std::string> expected = {
      "An Giang",    "Bà Rịa – Vũng Tàu", "Bạc Liêu",   "Bắc Giang", "Bắc Kạn",    "Bắc Ninh",
      "Bến Tre",     "Bình Dương",        "Cà Mau",     "Cao Bằng",  "Cần Thơ",    "Dak Lak",
      "Đà Nẵng",     "Đắk Lắk",           "Đắk Nông",   "Điện Biên", "Đồng Nai",   "Đồng Tháp",
      "Gia Lai",     "Hà Giang",          "Hà Nội",     "Hải Phòng", "Hậu Giang",  "Hòa Bình",
      "Hồ Chí Minh", "Hưng Yên",          "Kiên Giang", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
      "Quảng Bình",  "Quảng Ngãi",        "Sơn La",     "Thái Bình", "Thanh Hóa",  "Thừa Thiên Huế",
      "Tuyên Quang", "Vĩnh Long",         "Yên Bái",
  };
  ExpectStrictlyOrdered(expected);

  std::vector<std::string> shuffled = expected;
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    SortVietnamese(shuffled);
    EXPECT_EQ(shuffled, expected);
  }
  std::vector<std::string> reversed(expected.rbegin(), expected.rend());
  std::sort(reversed.begin(), reversed.end(),
            [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
  EXPECT_EQ(reversed, expected);
}

TEST(Collate, EqualAndCanonicallyEquivalentStrings) {
  const std::string nfc = "Ho\u00E0 B\u00ECnh";    // Hoà Bình, precomposed
  const std::string nfd = "Hoa\u0300 Bi\u0300nh";  // the same, decomposed
  EXPECT_EQ(Compare(nfc, nfc), 0);
  EXPECT_EQ(Compare(nfc, nfd), 0);
  EXPECT_EQ(SortKey(nfc), SortKey(nfd));
  EXPECT_EQ(Compare("", ""), 0);
  EXPECT_EQ(Compare("Đồng Tháp", "Đồng Tháp"), 0);
}

TEST(Collate, CaseIsATertiaryDifferenceWithLowerFirst) {
  ExpectStrictlyOrdered({"an", "An", "AN", "ăn"});
  ExpectStrictlyOrdered({"hà nội", "Hà Nội", "hả nội"});  // tone outweighs case
}

TEST(Collate, EmptyAndShortStrings) {
  ExpectStrictlyOrdered({"", " ", "0", "9", "a"});
  EXPECT_FALSE(SortKey("a").empty());
}

TEST(Collate, SortKeysHaveNoNulBytes) {
  for (const std::string text : {"", "a", "Đà Nẵng", "合作社", "\xFF\xFE", "HTX 123 – ĐỒNG THÁP"}) {
    EXPECT_EQ(SortKey(text).find('\0'), std::string::npos) << text;
  }
}

TEST(Collate, InvalidUtf8SortsConsistently) {
  const std::string bad =
      "a\xFF"
      "b";
  EXPECT_EQ(Compare(bad, bad), 0);
  const int by_compare = Compare(bad, "ab");
  const int by_key = SortKey(bad).compare(SortKey("ab"));
  EXPECT_NE(by_compare, 0);
  EXPECT_EQ(by_compare < 0, by_key < 0);
}

TEST(Collate, SortVietnameseIsStableAndHandlesEmpty) {
  std::vector<std::string> empty;
  SortVietnamese(empty);
  EXPECT_TRUE(empty.empty());

  const std::string nfc = "Ho\u00E0";
  const std::string nfd = "Hoa\u0300";
  std::vector<std::string> values = {"Hùng", nfd, "Bình", nfc};
  SortVietnamese(values);
  EXPECT_EQ(values, (std::vector<std::string>{"Bình", nfd, nfc, "Hùng"}));
  values = {nfc, "Bình", nfd};
  SortVietnamese(values);
  EXPECT_EQ(values, (std::vector<std::string>{"Bình", nfc, nfd}));
}

TEST(Collate, ConcurrentUseFromManyThreads) {
  const std::vector<std::string> expected = {"An", "Ăn", "Ân", "Dak Lak", "Đà Nẵng", "Gia Lai", "Ơ", "Ư"};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&expected, &failures, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      for (int round = 0; round < 300; ++round) {
        std::vector<std::string> values = expected;
        std::shuffle(values.begin(), values.end(), random);
        if (round % 2 == 0) {
          SortVietnamese(values);
        } else {
          std::sort(values.begin(), values.end(),
                    [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
        }
        if (values != expected) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace hoptac::text

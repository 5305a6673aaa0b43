// SearchWords and NameWords: the folded words that searches compare, with the
// abbreviations HTX, LHHTX, THT and QTDND spelled out.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "registry/finder.h"
#include "text/fold.h"

namespace hoptac::registry {
namespace {

using Words = std::vector<std::string>;

// True when every word of `part` is among `all`.
bool Includes(const Words& all, const Words& part) {
  return std::all_of(part.begin(), part.end(),
                     [&](const std::string& w) { return std::find(all.begin(), all.end(), w) != all.end(); });
}

TEST(SearchWords, FoldAndSplit) {
  struct Case {
    const char* q;
    Words want;
  } cases[] = {
      {"HTX Đồng Tháp", {"hop", "tac", "xa", "dong", "thap"}},
      {"Hợp tác xã Nông nghiệp", {"hop", "tac", "xa", "nong", "nghiep"}},
      // Empty and blank input.
      {"", {}},
      {" ", {}},
      {" \t\n ", {}},
      {"-,.;:()/", {}},
      // Whitespace of any kind and length separates.
      {"tân   phú", {"tan", "phu"}},
      {"  tân phú  ", {"tan", "phu"}},
      {"tân\tphú\nmỹ", {"tan", "phu", "my"}},
      // Punctuation separates and is dropped.
      {"Bà Rịa-Vũng Tàu", {"ba", "ria", "vung", "tau"}},
      {"Tân Phú, (Đắk Lắk).", {"tan", "phu", "dak", "lak"}},
      {"tan_phu", {"tan", "phu"}},
      {"\"Tân\"/'Phú'", {"tan", "phu"}},
      // Case.
      {"TÂN PHÚ", {"tan", "phu"}},
      {"tÂn pHÚ", {"tan", "phu"}},
      // đ and Đ are d; so are the look-alikes ð and Ð found in legacy files.
      {"đ Đ", {"d", "d"}},
      {"ĐÀ NẴNG", {"da", "nang"}},
      {"Ðồng ðất", {"dong", "dat"}},
      // Every Vietnamese tone and vowel mark is dropped.
      {"à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ",
       {"a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a"}},
      {"ơ ờ ớ ở ỡ ợ ư ừ ứ ử ữ ự ê ề ế ể ễ ệ",
       {"o", "o", "o", "o", "o", "o", "u", "u", "u", "u", "u", "u", "e", "e", "e", "e", "e", "e"}},
      {"ỳ ý ỷ ỹ ỵ ì í ỉ ĩ ị", {"y", "y", "y", "y", "y", "i", "i", "i", "i", "i"}},
      // Numbers are words; a number and letters written together are one word.
      {"HTX số 2", {"hop", "tac", "xa", "so", "2"}},
      {"2024", {"2024"}},
      {"12/5", {"12", "5"}},
      {"1.000", {"1", "000"}},
      {"Tổ 7A", {"to", "7a"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SearchWords(c.q), c.want) << '"' << c.q << '"';
  }
}

TEST(SearchWords, SpellOutTheAbbreviations) {
  struct Case {
    const char* q;
    Words want;
  } cases[] = {
      {"HTX", {"hop", "tac", "xa"}},
      {"htx", {"hop", "tac", "xa"}},
      {"Htx", {"hop", "tac", "xa"}},
      {"LHHTX Nghệ An", {"lien", "hiep", "hop", "tac", "xa", "nghe", "an"}},
      {"THT Bình Minh", {"to", "hop", "tac", "binh", "minh"}},
      {"QTDND Phú Mỹ", {"quy", "tin", "dung", "nhan", "dan", "phu", "my"}},
      {"HTX-Tân Phú", {"hop", "tac", "xa", "tan", "phu"}},
      {"(HTX)", {"hop", "tac", "xa"}},
      {"htx htx", {"hop", "tac", "xa", "hop", "tac", "xa"}},
      // Only whole words are abbreviations.
      {"HTXX", {"htxx"}},
      {"HTX2", {"htx2"}},
      {"ht", {"ht"}},
      {"qtd", {"qtd"}},
      // Folding comes first: an accented spelling of the letters is the abbreviation too.
      {"ĤTX", {"hop", "tac", "xa"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SearchWords(c.q), c.want) << '"' << c.q << '"';
  }
}

TEST(SearchWords, DecomposedInputFoldsLikePrecomposed) {
  struct Case {
    const char* nfc;
    const char* nfd;
  } cases[] = {
      {"Tháp", "Tha\u0301p"},
      {"Đồng Tháp", "\u0110o\u0302\u0300ng Tha\u0301p"},
      {"Nông nghiệp", "No\u0302ng nghie\u0302\u0323p"},
      {"Phú Mỹ", "Phu\u0301 My\u0303"},
      {"HTX Hợp Lực", "HTX Ho\u031b\u0323p L\u01b0\u0323c"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SearchWords(c.nfd), SearchWords(c.nfc)) << c.nfc;
    EXPECT_EQ(NameWords(c.nfd), NameWords(c.nfc)) << c.nfc;
  }
  EXPECT_EQ(SearchWords("\u0110o\u0302\u0300ng Tha\u0301p"), (Words{"dong", "thap"}));
}

TEST(SearchWords, InvalidUtf8DoesNotFail) {
  // Fold turns ill-formed bytes into U+FFFD; the words around them survive.
  Words words = SearchWords("t\xe2n \xff ph\xfa");
  EXPECT_FALSE(words.empty());
  for (const std::string& w : words) EXPECT_FALSE(w.empty());
}

TEST(NameWords, FoldAndSplitLikeSearchWords) {
  // Without abbreviations a name's words are its folded words.
  for (const char* name :
       {"", "  ", "Hợp tác xã Nông nghiệp Đồng Tháp", "Bà Rịa-Vũng Tàu (2024)", "TÂN   PHÚ", "Tổ 7A, số 12"}) {
    EXPECT_EQ(NameWords(name), text::FoldedWords(name)) << '"' << name << '"';
    EXPECT_EQ(NameWords(name), SearchWords(name)) << '"' << name << '"';
  }
  EXPECT_EQ(NameWords("Hợp tác xã Tân Phú"), (Words{"hop", "tac", "xa", "tan", "phu"}));
}

TEST(NameWords, SpellOutTheAbbreviationsTheNameUses) {
  struct Case {
    const char* name;
    Words must_include;
  } cases[] = {
      {"HTX Tân Phú", {"hop", "tac", "xa", "tan", "phu"}},
      {"LHHTX Thành phố", {"lien", "hiep", "hop", "tac", "xa", "thanh", "pho"}},
      {"THT Bình Minh", {"to", "hop", "tac", "binh", "minh"}},
      {"QTDND Phú Mỹ", {"quy", "tin", "dung", "nhan", "dan", "phu", "my"}},
      {"Công ty (htx) số 2", {"cong", "ty", "hop", "tac", "xa", "so", "2"}},
  };
  for (const auto& c : cases) {
    Words words = NameWords(c.name);
    EXPECT_TRUE(Includes(words, c.must_include)) << c.name << ": " << ::testing::PrintToString(words);
  }
  // Only whole words are abbreviations.
  EXPECT_EQ(NameWords("HTXX Tân"), (Words{"htxx", "tan"}));
}

TEST(NameWords, EveryNameIsFoundByItself) {
  // Every search word of a name is a word of that name, so typing a name finds it.
  for (const char* name : {"HTX Tân Phú", "Hợp tác xã Nông nghiệp Đồng Tháp", "LHHTX Thành phố Hồ Chí Minh",
                           "THT Bình Minh", "QTDND Phú Mỹ", "Công ty (HTX) số 2 - Đắk Lắk", "htx"}) {
    EXPECT_TRUE(Includes(NameWords(name), SearchWords(name))) << name;
  }
}

}  // namespace
}  // namespace hoptac::registry

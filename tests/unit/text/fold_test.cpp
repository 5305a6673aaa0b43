#include "text/fold.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hoptac::text {
namespace {

// ---------------------------------------------------------------------------
// ICU helpers (the tests build their expectations with ICU, independently of
// the table inside fold.cpp).

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string Normalize(std::string_view text, bool decompose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer =
      decompose ? icu::Normalizer2::getNFDInstance(status) : icu::Normalizer2::getNFCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status));
  const icu::UnicodeString result = normalizer->normalize(FromUtf8(text), status);
  EXPECT_TRUE(U_SUCCESS(status));
  return ToUtf8(result);
}
std::string Nfc(std::string_view text) { return Normalize(text, /*decompose=*/false); }
std::string Nfd(std::string_view text) { return Normalize(text, /*decompose=*/true); }

std::string CodePointUtf8(UChar32 cp) { return ToUtf8(icu::UnicodeString(cp)); }

// Valid UTF-8 survives a round trip through ICU unchanged; invalid does not.
bool IsValidUtf8(const std::string& text) { return ToUtf8(FromUtf8(text)) == text; }

std::string Hex(UChar32 cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U%04X", static_cast<unsigned>(cp));
  return buffer;
}

// ---------------------------------------------------------------------------
// The Vietnamese letters.
//
// The alphabet has 29 letters: 17 consonants (b c d đ g h k l m n p q r s t v x)
// and 12 vowels (a ă â e ê i o ô ơ u ư y). Each vowel takes one of 6 tones —
// none (ngang), huyền ◌̀, sắc ◌́, hỏi ◌̉, ngã ◌̃, nặng ◌̣ — giving 12 × 6 = 72 vowel
// forms. Six of them (a e i o u y without tone) are plain ASCII, so 72 − 6 = 66
// vowel forms carry a diacritic; with đ that makes 67 lower-case letters that
// folding has to reduce to ASCII, and with their capitals 67 × 2 = 134 — the
// "134 Vietnamese letters". Each has a precomposed code point (NFC), which the
// test checks, and a decomposed form (NFD: base + vowel mark + tone mark; đ has
// no decomposition).

struct Letter {
  std::string nfc;  // one precomposed code point
  std::string nfd;  // its canonical decomposition
  UChar32 code_point;
  char base;  // the expected ASCII letter, in the letter's case
};

std::vector<Letter> VietnameseLetters() {
  struct Vowel {
    char base;
    const char* modifier;  // breve, circumflex or horn, as UTF-8 of a combining mark
  };
  const Vowel vowels[] = {
      {'a', ""}, {'a', "\u0306"}, {'a', "\u0302"},  // a ă â
      {'e', ""}, {'e', "\u0302"},                   // e ê
      {'i', ""},                                    // i
      {'o', ""}, {'o', "\u0302"}, {'o', "\u031B"},  // o ô ơ
      {'u', ""}, {'u', "\u031B"},                   // u ư
      {'y', ""},                                    // y
  };
  // ngang (none), huyền, sắc, hỏi, ngã, nặng
  const char* const tones[] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};

  std::vector<UChar32> lower_case;
  for (const Vowel& vowel : vowels) {
    for (const char* tone : tones) {
      if (*vowel.modifier == '\0' && *tone == '\0') continue;  // plain ASCII vowel
      const icu::UnicodeString composed = FromUtf8(Nfc(std::string(1, vowel.base) + vowel.modifier + tone));
      lower_case.push_back(composed.countChar32() == 1 ? composed.char32At(0) : -1);
    }
  }
  lower_case.push_back(0x0111);  // đ

  std::vector<Letter> letters;
  for (const bool upper : {false, true}) {
    for (const UChar32 lower : lower_case) {
      const UChar32 cp = upper ? u_toupper(lower) : lower;
      // The expected base: the first code point of the NFD form, or d for đ.
      const std::string nfd = Nfd(CodePointUtf8(cp));
      char base = lower == 0x0111 ? 'd' : static_cast<char>(nfd[0] | 0x20);
      if (upper) base = static_cast<char>(base - 'a' + 'A');
      letters.push_back({CodePointUtf8(cp), nfd, cp, base});
    }
  }
  return letters;
}

TEST(VietnameseLetters, Are67LowerAnd67UpperPrecomposedLetters) {
  const std::vector<Letter> letters = VietnameseLetters();
  ASSERT_EQ(letters.size(), 134u);
  std::set<UChar32> distinct;
  int lower = 0;
  int upper = 0;
  for (const Letter& letter : letters) {
    ASSERT_GT(letter.code_point, 0x7F) << "not precomposed: " << letter.nfd;
    EXPECT_TRUE(distinct.insert(letter.code_point).second) << Hex(letter.code_point);
    EXPECT_EQ(icu::UnicodeString(letter.code_point).countChar32(), 1);
    if (u_islower(letter.code_point)) ++lower;
    if (u_isupper(letter.code_point)) ++upper;
    if (letter.code_point == 0x0110 || letter.code_point == 0x0111) {
      EXPECT_EQ(letter.nfd, letter.nfc);  // đ does not decompose
    } else {
      EXPECT_NE(letter.nfd, letter.nfc);
      EXPECT_EQ(Nfc(letter.nfd), letter.nfc);
    }
  }
  EXPECT_EQ(distinct.size(), 134u);
  EXPECT_EQ(lower, 67);
  EXPECT_EQ(upper, 67);
}

// Readable failure messages for parameterised tests.
void PrintTo(const Letter& letter, std::ostream* out) {
  *out << Hex(letter.code_point) << " " << letter.nfc << " (expects '" << letter.base << "')";
}

class FoldLetterTest : public testing::TestWithParam<Letter> {};

TEST_P(FoldLetterTest, FoldsPrecomposedAndDecomposedToTheAsciiBase) {
  const Letter& letter = GetParam();
  const std::string lower(1, static_cast<char>(letter.base | 0x20));
  const std::string same_case(1, letter.base);
  EXPECT_EQ(Fold(letter.nfc), lower);
  EXPECT_EQ(Fold(letter.nfd), lower);
  EXPECT_EQ(FoldKeepCase(letter.nfc), same_case);
  EXPECT_EQ(FoldKeepCase(letter.nfd), same_case);
  // In context, too: the surrounding bytes are untouched.
  EXPECT_EQ(Fold("x" + letter.nfc + "Y"), "x" + lower + "y");
  EXPECT_EQ(FoldKeepCase("x" + letter.nfd + "Y"), "x" + same_case + "Y");
}

INSTANTIATE_TEST_SUITE_P(AllVietnameseLetters, FoldLetterTest, testing::ValuesIn(VietnameseLetters()),
                         [](const testing::TestParamInfo<Letter>& info) { return Hex(info.param.code_point); });

// ---------------------------------------------------------------------------
// Phrases and edge cases.

struct FoldCase {
  std::string input;
  std::string folded;
  std::string folded_keep_case;
};

TEST(Fold, Phrases) {
  const FoldCase cases[] = {
      {"", "", ""},
      {"Hợp tác xã Nông nghiệp Đồng Tháp", "hop tac xa nong nghiep dong thap", "Hop tac xa Nong nghiep Dong Thap"},
      {"HTX ĐỒNG THÁP", "htx dong thap", "HTX DONG THAP"},
      {"Hoà Bình", "hoa binh", "Hoa Binh"},
      {"Hòa Bình", "hoa binh", "Hoa Binh"},
      {"Đà Nẵng", "da nang", "Da Nang"},
      {"Thừa Thiên Huế", "thua thien hue", "Thua Thien Hue"},
      {"Bà Rịa – Vũng Tàu", "ba ria – vung tau", "Ba Ria – Vung Tau"},
      {"Liên minh Hợp tác xã Việt Nam", "lien minh hop tac xa viet nam", "Lien minh Hop tac xa Viet Nam"},
      {"QUỸ HỖ TRỢ PHÁT TRIỂN HTX", "quy ho tro phat trien htx", "QUY HO TRO PHAT TRIEN HTX"},
      {"Ngư nghiệp, thủy sản (2024)", "ngu nghiep, thuy san (2024)", "Ngu nghiep, thuy san (2024)"},
      {"plain ascii 123 !?", "plain ascii 123 !?", "plain ascii 123 !?"},
      {"Crème Brûlée Ångström Øre", "creme brulee angstrom øre", "Creme Brulee Angstrom Øre"},
      {"İstanbul", "istanbul", "Istanbul"},
      {std::string("nul\0byte", 8), std::string("nul\0byte", 8), std::string("nul\0byte", 8)},
  };
  for (const FoldCase& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(Fold(c.input), c.folded);
    EXPECT_EQ(FoldKeepCase(c.input), c.folded_keep_case);
    // Decomposed input folds exactly like precomposed input.
    EXPECT_EQ(Fold(Nfd(c.input)), c.folded);
    EXPECT_EQ(FoldKeepCase(Nfd(c.input)), c.folded_keep_case);
  }
}

TEST(Fold, DropsCombiningMarksAnywhere) {
  const FoldCase cases[] = {
      {"\u0301", "", ""},                       // a lone mark
      {"\u0301A", "a", "A"},                    // a mark before any base
      {"a\u0300\u0301\u0302\u0303", "a", "a"},  // stacked marks
      {"D\u0323", "d", "D"},                    // Ḍ written decomposed
      {"e\u1AB0", "e", "e"},                    // Combining Diacritical Marks Extended
      {"e\u1DC4", "e", "e"},                    // … Supplement
      {"e\u20D7", "e", "e"},                    // … for Symbols
      {"e\uFE20", "e", "e"},                    // Combining Half Marks
  };
  for (const FoldCase& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(Fold(c.input), c.folded);
    EXPECT_EQ(FoldKeepCase(c.input), c.folded_keep_case);
  }
}

TEST(Fold, NonLatinTextIsUnchangedExceptCase) {
  const FoldCase cases[] = {
      {"Москва", "москва", "Москва"},
      {"ΑΘΗΝΑ", "αθηνα", "ΑΘΗΝΑ"},
      {"合作社联盟", "合作社联盟", "合作社联盟"},
      {"협동조합", "협동조합", "협동조합"},        // Hangul syllables: not decomposed
      {"สหกรณ์", "สหกรณ์", "สหกรณ์"},                 // Thai marks are kept
      {"שָׁלוֹם", "שָׁלוֹם", "שָׁלוֹם"},                    // Hebrew points are kept
      {"ＨＴＸ", "ｈｔｘ", "ＨＴＸ"},              // fullwidth: lower-cased
      {"𐐀𐐁", "𐐨𐐩", "𐐀𐐁"},                          // outside the BMP (Deseret)
      {"\U0001D400", "\U0001D400", "\U0001D400"},  // 𝐀 has no lower case
      {"\u212B", "a", "\u212B"},                   // ANGSTROM SIGN → å → a
      {"ẞ", "ß", "ẞ"},
      {"€ 10 → 20 ✓ 😀", "€ 10 → 20 ✓ 😀", "€ 10 → 20 ✓ 😀"},
  };
  for (const FoldCase& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(Fold(c.input), c.folded);
    EXPECT_EQ(FoldKeepCase(c.input), c.folded_keep_case);
  }
}

TEST(Fold, ReplacesInvalidUtf8WithReplacementCharacter) {
  const std::string r = "\uFFFD";
  const FoldCase cases[] = {
      {"\xFF", r, r},
      {"\x80", r, r},                                      // stray continuation byte
      {"A\xC3", "a" + r, "A" + r},                         // truncated 2-byte sequence
      {"\xE1\xBB", r, r},                                  // truncated ề: one maximal subpart
      {std::string("\xE1\xBB") + "A", r + "a", r + "A"},   // … followed by ASCII, which survives
      {"\xC0\xAF", r + r, r + r},                          // overlong '/': C0 never starts a sequence
      {"\xE0\x80\xAF", r + r + r, r + r + r},              // overlong 3-byte
      {"\xED\xA0\x80", r + r + r, r + r + r},              // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", r + r + r + r, r + r + r + r},  // above U+10FFFF
      {"\xF0\x9F\x98", r, r},                              // truncated emoji
      {"Đ\xFFà", "d" + r + "a", "D" + r + "a"},
  };
  for (const FoldCase& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.input));
    EXPECT_EQ(Fold(c.input), c.folded);
    EXPECT_EQ(FoldKeepCase(c.input), c.folded_keep_case);
  }
}

TEST(Fold, OutputGrowsWhenReplacementsExpandTheInput) {
  const std::string input(1000, '\xFF');  // each byte becomes 3 bytes
  std::string expected;
  for (int i = 0; i < 1000; ++i) expected += "\uFFFD";
  EXPECT_EQ(Fold(input), expected);
  EXPECT_EQ(FoldKeepCase(input), expected);
  // Ⱥ (2 bytes) lower-cases to ⱥ (3 bytes).
  std::string capitals;
  std::string smalls;
  for (int i = 0; i < 500; ++i) {
    capitals += "Ⱥ";
    smalls += "ⱥ";
  }
  EXPECT_EQ(Fold(capitals), smalls);
  EXPECT_EQ(FoldKeepCase(capitals), capitals);
}

TEST(Fold, RandomBytesGiveValidUtf8AndFoldingIsIdempotent) {
  std::mt19937 random(20250101);
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 20000; ++round) {
    std::string input(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : input) c = static_cast<char>(byte(random));
    const std::string folded = Fold(input);
    const std::string kept = FoldKeepCase(input);
    ASSERT_TRUE(IsValidUtf8(folded)) << testing::PrintToString(input);
    ASSERT_TRUE(IsValidUtf8(kept)) << testing::PrintToString(input);
    ASSERT_EQ(Fold(folded), folded) << testing::PrintToString(input);
    ASSERT_EQ(Fold(kept), folded) << testing::PrintToString(input);
  }
}

// Every code point of the table ranges (Latin, Greek, Cyrillic, … and Latin
// Extended Additional): NFC and NFD spellings fold alike, folding is idempotent,
// and the result is valid UTF-8.
TEST(Fold, PrecomposedAndDecomposedAgreeForEveryTableCodePoint) {
  const std::pair<UChar32, UChar32> ranges[] = {{0x0000, 0x07FF}, {0x1D00, 0x1FFF}};
  int checked = 0;
  for (const auto& [first, last] : ranges) {
    for (UChar32 cp = first; cp <= last; ++cp) {
      if (U_IS_SURROGATE(cp) || u_charType(cp) == U_UNASSIGNED) continue;
      const std::string text = CodePointUtf8(cp);
      SCOPED_TRACE(Hex(cp));
      const std::string folded = Fold(text);
      ASSERT_EQ(Fold(Nfd(text)), folded);
      ASSERT_EQ(FoldKeepCase(Nfd(text)), FoldKeepCase(text));
      ASSERT_EQ(Fold(folded), folded);
      ASSERT_TRUE(IsValidUtf8(folded));
      ++checked;
    }
  }
  EXPECT_GT(checked, 2000);
}

// An independent oracle for the Latin ranges: ICU's transliterator removing all
// marks after NFD and lower-casing, with đ → d (which NFD does not decompose)
// and its look-alikes ð/Ð → d.
TEST(Fold, MatchesIcuTransliteratorOnLatinRanges) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> transliterator(
      icu::Transliterator::createInstance("NFD; [:M:] Remove; Lower", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  const std::pair<UChar32, UChar32> ranges[] = {{0x0000, 0x024F}, {0x0300, 0x036F}, {0x1E00, 0x1EFF}};
  for (const auto& [first, last] : ranges) {
    for (UChar32 cp = first; cp <= last; ++cp) {
      if (u_charType(cp) == U_UNASSIGNED) continue;
      icu::UnicodeString expected(cp);
      transliterator->transliterate(expected);
      expected.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0111)), icu::UnicodeString("d"));
      // ð (U+00F0, and Ð lower-cased) is the look-alike legacy files use for đ.
      expected.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00F0)), icu::UnicodeString("d"));
      EXPECT_EQ(Fold(CodePointUtf8(cp)), ToUtf8(expected)) << Hex(cp);
    }
  }
}

// ---------------------------------------------------------------------------
// FoldedWords.

struct WordsCase {
  std::string input;
  std::vector<std::string> words;
};

TEST(FoldedWords, SplitsOnNonAlphanumerics) {
  const WordsCase cases[] = {
      {"", {}},
      {"   ,,; -- ", {}},
      {"Hợp tác xã (HTX) Nông nghiệp—Đồng Tháp, 2024",
       {"hop", "tac", "xa", "htx", "nong", "nghiep", "dong", "thap", "2024"}},
      {"Bà Rịa-Vũng Tàu", {"ba", "ria", "vung", "tau"}},
      {"  HTX   ĐỒNG\tTHÁP\n", {"htx", "dong", "thap"}},
      {"số 12/3A, đường 3/2", {"so", "12", "3a", "duong", "3", "2"}},
      {"Москва-Сити", {"москва", "сити"}},
      {"สหกรณ์ ไทย", {"สหกรณ์", "ไทย"}},           // marks stay inside their word
      {std::string("a\xFF") + "b", {"a", "b"}},  // U+FFFD is a symbol, so it separates
      {"x", {"x"}},
  };
  for (const WordsCase& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(FoldedWords(c.input), c.words);
    EXPECT_EQ(FoldedWords(Nfd(c.input)), c.words);
  }
}

}  // namespace
}  // namespace hoptac::text

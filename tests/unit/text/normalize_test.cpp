#include "text/normalize.h"

#include <gtest/gtest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <random>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace hoptac::text {
namespace {

// "Hợp tác xã" typed precomposed (NFC) and decomposed (NFD: o + horn + dot below, a + acute, a + tilde).
const std::string kNfc = "H\u1EE3p t\u00E1c x\u00E3";
const std::string kNfd = "Ho\u031B\u0323p ta\u0301c xa\u0303";

TEST(Utf8, FindsTheFirstIllFormedSequence) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8(kNfc));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_EQ(InvalidUtf8Offset("ab\xFF"), 2u);
  EXPECT_EQ(InvalidUtf8Offset("\x80"), 0u);                                 // stray continuation byte
  EXPECT_EQ(InvalidUtf8Offset("a\xC0\xAF"), 1u);                            // overlong '/'
  EXPECT_EQ(InvalidUtf8Offset("a\xED\xA0\x80"), 1u);                        // surrogate U+D800
  EXPECT_EQ(InvalidUtf8Offset("a\xF4\x90\x80\x80"), 1u);                    // above U+10FFFF
  EXPECT_EQ(InvalidUtf8Offset("x\xE1\xBB"), 1u);                            // truncated
  EXPECT_EQ(InvalidUtf8Offset(std::string("a\0b", 3)), std::string::npos);  // NUL is valid UTF-8
}

TEST(Utf8, RepairsWithReplacementCharacters) {
  EXPECT_EQ(ValidUtf8("ok"), "ok");
  EXPECT_EQ(ValidUtf8(kNfc), kNfc);
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\uFFFDb");
  EXPECT_EQ(ValidUtf8("%\xFF\xFE"), "%\uFFFD\uFFFD");
  // A truncated sequence is one maximal subpart: one U+FFFD.
  EXPECT_EQ(ValidUtf8("x\xE1\xBB"
                      "y"),
            "x\uFFFDy");
  EXPECT_TRUE(IsValidUtf8(ValidUtf8("\xC0\xAF\xED\xA0\x80\xF8\x88\x80\x80\x80")));
}

TEST(Utf8, TruncatesOnACharacterBoundary) {
  std::string s = "H\u1EE3p";  // H (1 byte) + ợ (3 bytes) + p
  TruncateUtf8(s, 3);
  EXPECT_EQ(s, "H");
  s = "H\u1EE3p";
  TruncateUtf8(s, 4);
  EXPECT_EQ(s, "H\u1EE3");
  s = "abc";
  TruncateUtf8(s, 10);
  EXPECT_EQ(s, "abc");
}

TEST(NormalizeText, ComposesDecomposedVietnamese) {
  ASSERT_NE(kNfd, kNfc);
  NormalizedText n = NormalizeText(kNfd);
  EXPECT_EQ(n.text, kNfc);
  EXPECT_TRUE(n.valid);
  EXPECT_TRUE(n.visible);
  EXPECT_EQ(NormalizeText("Hợp tác xã Nông nghiệp Đồng Tháp").text, "Hợp tác xã Nông nghiệp Đồng Tháp");
  // Mixed: one word decomposed, with a decomposed capital.
  EXPECT_EQ(NormalizeText("HTX \u0110o\u0302\u0300ng Tha\u0301p").text, "HTX \u0110\u1ED3ng Th\u00E1p");
}

TEST(NormalizeText, ZeroWidthOnlyLeavesNothingVisible) {
  for (std::string s : {"\u200B", "\u200B\u200C\u200D\u2060\uFEFF", " \u200B ", "\u200E\u200F\u061C", "\u3000",
                        "\u3164\u3164", "\u0301\u0301", "\u2800", ""}) {
    NormalizedText n = NormalizeText(s);
    EXPECT_FALSE(n.visible) << s;
    EXPECT_TRUE(n.valid) << s;
    EXPECT_FALSE(HasVisibleText(n.text)) << s;
  }
  EXPECT_EQ(NormalizeText("\u200B\uFEFF").text, "");
  EXPECT_FALSE(NormalizeText("   ").visible);
  EXPECT_EQ(NormalizeText("   ").text, "");
}

TEST(NormalizeText, StripsInvisiblesAtTheEndsOnly) {
  EXPECT_EQ(NormalizeText("\uFEFF\u200B Hợp tác xã A \u200B\u200E").text, "Hợp tác xã A");
  EXPECT_EQ(NormalizeText(" \u200BHTX\u00A0").text, "HTX");
  // Inside, a zero-width joiner or space stays (it has uses); white space inside stays too.
  EXPECT_EQ(NormalizeText("A\u200DB").text, "A\u200DB");
  EXPECT_EQ(NormalizeText("A  B").text, "A  B");
  EXPECT_EQ(NormalizeText("  plain ascii\t").text, "plain ascii");
}

TEST(NormalizeText, RemovesDirectionOverridesAndIsolatesAnywhere) {
  // U+202E RIGHT-TO-LEFT OVERRIDE: "HTX <U+202E>gnaL" shows as "HTX Lang".
  EXPECT_EQ(NormalizeText("HTX \u202EgnaL").text, "HTX gnaL");
  EXPECT_EQ(NormalizeText("\u202EHTX\u202C").text, "HTX");
  EXPECT_EQ(NormalizeText("A\u2066B\u2069C\u202AD\u202BE\u202DF").text, "ABCDEF");
  EXPECT_FALSE(NormalizeText("\u202E\u202C").visible);
  EXPECT_TRUE(HasBidiOverrideOrIsolate("x\u202Ey"));
  EXPECT_TRUE(HasBidiOverrideOrIsolate("\u2067"));
  EXPECT_FALSE(HasBidiOverrideOrIsolate("x\u200Fy"));  // a mark, not an override
  EXPECT_FALSE(HasBidiOverrideOrIsolate(kNfc));
}

TEST(NormalizeText, MixedAttack) {
  // Zero-width and direction marks around, an override inside, decomposed letters.
  NormalizedText n = NormalizeText("\u200B\u200F Ho\u031B\u0323p\u202E ta\u0301c xa\u0303 \u2060");
  EXPECT_EQ(n.text, kNfc);
  EXPECT_TRUE(n.visible);
  // Override + zero-width only: nothing visible.
  EXPECT_FALSE(NormalizeText("\u202E\u200B\u202C").visible);
}

TEST(NormalizeText, LeavesInvalidUtf8AsItIs) {
  NormalizedText n = NormalizeText("Hợp\xFF");
  EXPECT_FALSE(n.valid);
  EXPECT_EQ(n.text, "Hợp\xFF");
  EXPECT_TRUE(n.visible);
}

TEST(NormalizeText, VisibleCharacters) {
  EXPECT_TRUE(HasVisibleText("a"));
  EXPECT_TRUE(HasVisibleText("\u200B."));  // punctuation is visible
  EXPECT_TRUE(HasVisibleText("\u20AB"));   // ₫, a symbol
  EXPECT_TRUE(HasVisibleText("\u5408"));   // a CJK letter
  EXPECT_FALSE(HasVisibleText(" \t\u00A0\u2003"));
  EXPECT_FALSE(HasVisibleText("\u00AD"));  // soft hyphen: format, default-ignorable
}

// The algorithm as first written (every code point decoded and copied, ICU asked about each
// one): the reference the faster NormalizeText must agree with on any input.
NormalizedText ReferenceNormalize(std::string_view utf8) {
  NormalizedText out;
  if (!IsValidUtf8(utf8)) {
    out.text.assign(utf8);
    out.valid = false;
    out.visible = HasVisibleText(utf8);
    return out;
  }
  auto edge = [](char32_t cp) {
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return true;
    if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return true;
    return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0;
  };
  std::string kept;
  size_t begin = std::string::npos, end = 0;
  for (size_t i = 0; i < utf8.size();) {
    size_t start = i;
    bool ok = true;
    char32_t cp = DecodeUtf8(utf8, i, ok);
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) continue;
    bool is_edge = edge(cp);
    if (!is_edge && begin == std::string::npos) begin = kept.size();
    kept.append(utf8.substr(start, i - start));
    if (!is_edge) end = kept.size();
  }
  kept = begin == std::string::npos ? std::string() : kept.substr(begin, end - begin);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed);
  nfc->normalizeUTF8(0, icu::StringPiece(kept.data(), static_cast<int32_t>(kept.size())), sink, nullptr, status);
  out.text = composed;
  out.visible = HasVisibleText(out.text);
  return out;
}

TEST(NormalizeText, AgreesWithTheReferenceOnRandomText) {
  // Pieces people's cells are made of, the awkward ones over-represented: white space of
  // every kind, zero-width and direction characters, decomposed marks, broken bytes.
  const std::vector<std::string> pieces = {
      "a",      "H",       " ",      "  ",     "\t",     "\r\n",       "\u00A0", "\u0085",   "\u2003",
      "\u3000", "\u200B",  "\u200C", "\u200D", "\u2060", "\uFEFF",     "\u200E", "\u200F",   "\u061C",
      "\u202A", "\u202E",  "\u2066", "\u2069", "\u2028", "\u202F",     "\u00AD", "\u1EE3",   "o\u031B\u0323",
      "\u0301", "a\u0303", "\u0111", "\u5408", "\u20AB", "\U0001F600", "\xFF",   "\xE2\x80", "\xC3",
      "7",      ".",       "\u2800", "\u3164"};
  std::mt19937 random(20261206);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const int count = static_cast<int>(random() % 7);
    for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    NormalizedText got = NormalizeText(text), want = ReferenceNormalize(text);
    ASSERT_EQ(got.valid, want.valid) << text;
    ASSERT_EQ(got.text, want.text) << text;
    ASSERT_EQ(got.visible, want.visible) << text;
    if (want.valid) {
      bool has = false;
      for (size_t i = 0; i < text.size();) {
        bool ok = true;
        char32_t cp = DecodeUtf8(text, i, ok);
        has = has || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
      }
      ASSERT_EQ(HasBidiOverrideOrIsolate(text), has) << text;
    }
  }
}

TEST(UpperCase, WritesVietnameseTitlesInCapitals) {
  EXPECT_EQ(UpperCase("B\xC3\xA1o c\xC3\xA1o t\xC3\xACnh h\xC3\xACnh ph\xC3\xA1t tri\xE1\xBB\x83n kinh t\xE1\xBA\xBF "
                      "t\xE1\xBA\xADp th\xE1\xBB\x83"),
            "B\xC3\x81O C\xC3\x81O T\xC3\x8CNH H\xC3\x8CNH PH\xC3\x81T TRI\xE1\xBB\x82N KINH T\xE1\xBA\xBE "
            "T\xE1\xBA\xACP TH\xE1\xBB\x82");
  EXPECT_EQ(UpperCase("\xC4\x91\xE1\xBB\x93ng"), "\xC4\x90\xE1\xBB\x92NG");  // đồng → ĐỒNG
  EXPECT_EQ(UpperCase("htx 9/2023"), "HTX 9/2023");
  EXPECT_EQ(UpperCase("\xC3("), "\xC3(");  // not UTF-8: unchanged
}

}  // namespace
}  // namespace hoptac::text

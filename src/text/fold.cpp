#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace hoptac::text {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// The table covers [0, kLowEnd) and [kHighBegin, kHighEnd).
constexpr char32_t kLowEnd = 0x0800;
constexpr char32_t kHighBegin = 0x1D00;
constexpr char32_t kHighEnd = 0x2000;
constexpr std::size_t kTableSize = kLowEnd + (kHighEnd - kHighBegin);

// The folded UTF-8 of one code point. Eight bytes so the copy into the output is
// one fixed-size memcpy; `length` of them are meaningful. Nothing in the covered
// ranges folds to more than 7 bytes (checked when the table is built; a longer
// result would keep the code point itself).
struct Entry {
  std::uint8_t length = 0;
  char bytes[7] = {};
};

struct Tables {
  std::array<Entry, kTableSize> lower;      // Fold
  std::array<Entry, kTableSize> keep_case;  // FoldKeepCase
};

// Index of `cp` in the tables, or -1 when the tables do not cover it.
inline int TableIndex(char32_t cp) {
  if (cp < kLowEnd) return static_cast<int>(cp);
  if (cp >= kHighBegin && cp < kHighEnd) return static_cast<int>(kLowEnd + (cp - kHighBegin));
  return -1;
}

// The generic combining-diacritics blocks (see fold.h for why only these).
inline bool IsDroppedMark(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

// đ and Đ do not decompose under NFD (the stroke is part of the letter), yet
// every Vietnamese reader treats them as a kind of d when searching.
// Legacy Vietnamese files often type Đ as the look-alike Ð (U+00D0, Icelandic
// eth) and đ as ð (U+00F0); fold those to d as well.
inline char32_t StripStroke(char32_t cp) {
  if (cp == 0x0111 || cp == 0x00F0) return U'd';
  if (cp == 0x0110 || cp == 0x00D0) return U'D';
  return cp;
}

// Writes the UTF-8 of a valid scalar value; returns the number of bytes (1–4).
inline int EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Decodes the non-ASCII sequence starting at s[i] and advances i past it. An
// ill-formed sequence yields U+FFFD and consumes only its maximal subpart (the
// longest prefix of a well-formed sequence), as Unicode §3.9 recommends.
inline char32_t DecodeNonAscii(const unsigned char* s, std::size_t n, std::size_t& i) {
  const unsigned char lead = s[i];
  int continuation_count;
  char32_t cp;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation_count = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation_count = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation_count = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    ++i;  // a stray continuation byte or a byte that never starts a sequence
    return kReplacementCharacter;
  }
  ++i;
  for (int k = 0; k < continuation_count; ++k) {
    if (i >= n || s[i] < low || s[i] > high) return kReplacementCharacter;
    cp = (cp << 6) | (s[i] & 0x3F);
    ++i;
    low = 0x80;
    high = 0xBF;
  }
  return cp;
}

// Canonical decomposition of `cp` as code points; `cp` itself when it has none
// or when ICU's normalisation data is unavailable.
std::u32string Decompose(const icu::Normalizer2* nfd, char32_t cp) {
  icu::UnicodeString decomposition;
  if (nfd == nullptr || !nfd->getDecomposition(static_cast<UChar32>(cp), decomposition)) {
    return std::u32string(1, cp);
  }
  std::u32string result;
  for (int32_t k = 0; k < decomposition.length();) {
    const UChar32 c = decomposition.char32At(k);
    result.push_back(static_cast<char32_t>(c));
    k += U16_LENGTH(c);
  }
  return result;
}

// NFD → drop marks → đ/Đ → d/D, and lower case when `lower` is set. Lower-casing
// can produce a letter that decomposes again (it never does in the covered
// ranges today, but the loop makes that a non-question), hence the second pass.
std::u32string FoldCodePoint(const icu::Normalizer2* nfd, char32_t cp, bool lower) {
  std::u32string folded;
  for (char32_t c : Decompose(nfd, cp)) {
    if (IsDroppedMark(c)) continue;
    c = StripStroke(c);
    folded.push_back(lower ? static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))) : c);
  }
  if (!lower) return folded;
  std::u32string again;
  for (char32_t c : folded) {
    for (char32_t d : Decompose(nfd, c)) {
      if (!IsDroppedMark(d)) again.push_back(StripStroke(d));
    }
  }
  return again;
}

Entry MakeEntry(const std::u32string& code_points, char32_t original) {
  Entry entry;
  char buffer[64];
  int length = 0;
  for (char32_t c : code_points) {
    if (length + 4 > static_cast<int>(sizeof buffer)) break;
    length += EncodeUtf8(c, buffer + length);
  }
  if (length > static_cast<int>(sizeof entry.bytes)) {
    length = EncodeUtf8(original, buffer);  // does not happen for the covered ranges
  }
  std::memcpy(entry.bytes, buffer, static_cast<std::size_t>(length));
  entry.length = static_cast<std::uint8_t>(length);
  return entry;
}

const Tables* BuildTables() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) nfd = nullptr;
  auto tables = std::make_unique<Tables>();
  for (char32_t cp = 0; cp < kHighEnd; ++cp) {
    const int index = TableIndex(cp);
    if (index < 0) continue;
    tables->lower[index] = MakeEntry(FoldCodePoint(nfd, cp, /*lower=*/true), cp);
    tables->keep_case[index] = MakeEntry(FoldCodePoint(nfd, cp, /*lower=*/false), cp);
  }
  return tables.release();
}

// Built on first use, thread-safe by the rules for function-local statics, and
// deliberately never freed: Fold may run from other objects' destructors at exit.
const Tables& GetTables() {
  static const Tables* const tables = BuildTables();
  return *tables;
}

enum class CaseMode { kLower, kKeep };

template <CaseMode kMode>
std::string FoldImpl(std::string_view utf8) {
  const Tables& tables = GetTables();
  const Entry* table = kMode == CaseMode::kLower ? tables.lower.data() : tables.keep_case.data();

  const auto* input = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  // Folding mostly shrinks text; the output grows on demand when it does not
  // (U+FFFD for a single bad byte, a few case mappings that lengthen).
  std::string out(n + 16, '\0');
  char* dst = out.data();
  char* limit = out.data() + out.size();

  std::size_t i = 0;
  while (i < n) {
    if (limit - dst < 8) {  // room for one Entry copy or one 4-byte sequence
      const std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      limit = out.data() + out.size();
    }
    const unsigned char byte = input[i];
    if (byte < 0x80) {
      const bool upper_ascii = static_cast<unsigned>(byte - 'A') < 26u;
      *dst++ = static_cast<char>(kMode == CaseMode::kLower && upper_ascii ? byte + 32 : byte);
      ++i;
      continue;
    }
    const char32_t cp = DecodeNonAscii(input, n, i);
    int index = TableIndex(cp);
    if (index < 0) {
      if (IsDroppedMark(cp)) continue;
      if constexpr (kMode == CaseMode::kKeep) {
        dst += EncodeUtf8(cp, dst);
        continue;
      }
      const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
      index = TableIndex(lower);  // e.g. U+212B ANGSTROM SIGN → å, which folds to a
      if (index < 0) {
        dst += EncodeUtf8(lower, dst);
        continue;
      }
    }
    const Entry& entry = table[index];
    std::memcpy(dst, entry.bytes, sizeof entry.bytes);
    dst += entry.length;
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

inline bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9');
  }
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

}  // namespace

std::string Fold(std::string_view utf8) { return FoldImpl<CaseMode::kLower>(utf8); }

std::string FoldKeepCase(std::string_view utf8) { return FoldImpl<CaseMode::kKeep>(utf8); }

std::vector<std::string> FoldedWords(std::string_view utf8) {
  const std::string folded = Fold(utf8);
  const auto* s = reinterpret_cast<const unsigned char*>(folded.data());
  const std::size_t n = folded.size();
  std::vector<std::string> words;
  std::size_t word_begin = 0;
  bool in_word = false;
  std::size_t i = 0;
  while (i < n) {
    const std::size_t begin = i;
    const char32_t cp = s[i] < 0x80 ? s[i++] : DecodeNonAscii(s, n, i);
    const bool word_char = IsWordCodePoint(cp);
    if (word_char && !in_word) {
      word_begin = begin;
      in_word = true;
    } else if (!word_char && in_word) {
      words.emplace_back(folded, word_begin, begin - word_begin);
      in_word = false;
    }
  }
  if (in_word) words.emplace_back(folded, word_begin, n - word_begin);
  return words;
}

}  // namespace hoptac::text

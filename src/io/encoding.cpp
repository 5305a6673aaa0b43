#include "io/encoding.h"

#include <cstddef>
#include <string_view>

namespace hoptac::io {

namespace {

bool IsAsciiVowel(unsigned char c) {
  return std::string_view("aeiouyAEIOUY").find(static_cast<char>(c)) != std::string_view::npos;
}

// Windows-1258 letters that take a combining tone mark: Â Ă Ê Ô Ơ Ư and lower case.
bool IsWindows1258Vowel(unsigned char c) {
  return std::string_view("\xC2\xC3\xCA\xD4\xD5\xDD\xE2\xE3\xEA\xF4\xF5\xFD").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

// Windows-1258 combining grave, acute, hook above, tilde, dot below.
bool IsWindows1258Tone(unsigned char c) { return c == 0xCC || c == 0xEC || c == 0xD2 || c == 0xDE || c == 0xF2; }

bool IsWordStart(unsigned char previous) {
  return previous == ' ' || previous == '\t' || previous == '\n' || previous == '\r' || previous == ',' ||
         previous == ';' || previous == '"' || previous == '(';
}

}  // namespace

LegacyEncoding GuessLegacyEncoding(std::string_view sample) {
  if (sample.size() >= 2) {
    auto b0 = static_cast<unsigned char>(sample[0]), b1 = static_cast<unsigned char>(sample[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) return LegacyEncoding::kUtf16;
  }
  std::size_t nuls = 0, tcvn3 = 0, windows1258 = 0;
  unsigned char previous = ' ';
  for (char ch : sample) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) {
      ++nuls;
    } else if (c >= 0xA1 && c <= 0xBF) {
      ++tcvn3;
    } else if (IsWindows1258Tone(c) && (IsAsciiVowel(previous) || IsWindows1258Vowel(previous))) {
      ++windows1258;
    } else if ((c == 0xD0 || c == 0xF0) && IsWordStart(previous)) {
      ++windows1258;
    }
    previous = c;
  }
  if (nuls * 8 > sample.size()) return LegacyEncoding::kUtf16;
  if (tcvn3 == 0 && windows1258 == 0) return LegacyEncoding::kUnknown;
  return tcvn3 > windows1258 ? LegacyEncoding::kTcvn3 : LegacyEncoding::kWindows1258;
}

const char* LegacyEncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kWindows1258: return "Windows-1258";
    case LegacyEncoding::kTcvn3: return "TCVN3 (ABC)";
    case LegacyEncoding::kUtf16: return "UTF-16";
    case LegacyEncoding::kUnknown: break;
  }
  return "unknown";
}

}  // namespace hoptac::io

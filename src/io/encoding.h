// Text encoding checks for uploaded files: UTF-8 validation and a guess at the legacy
// Vietnamese encoding of a file that is not UTF-8.
//
// Provincial offices still keep spreadsheets typed with the old 8-bit Vietnamese
// encodings: TCVN3 (the ".VnTime" ABC fonts; "Hợp tác xã" is stored as "Hîp t¸c x·")
// and Windows-1258 (Excel's "CSV" on a Vietnamese Windows, tone marks stored as separate
// combining bytes 0xCC 0xEC 0xD2 0xDE 0xF2 after the vowel). hoptac accepts UTF-8 only;
// the guess lets the error message tell the user what they have and how to fix it.
//
// Thread-safety: Utf8Validator is a plain value; the functions are pure.
#pragma once

#include <string_view>

namespace hoptac::io {

// Incremental UTF-8 validator (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF), fed one byte at a time so a streaming reader needs no second pass.
class Utf8Validator {
 public:
  // Feeds the next byte; false when it makes the input invalid (the state is then
  // unspecified).
  bool Feed(unsigned char byte) {
    if (need_ == 0) {
      if (byte < 0x80) return true;
      if (byte >= 0xC2 && byte <= 0xDF) return Expect(1, 0x80, 0xBF);
      if (byte == 0xE0) return Expect(2, 0xA0, 0xBF);
      if (byte == 0xED) return Expect(2, 0x80, 0x9F);
      if (byte >= 0xE1 && byte <= 0xEF) return Expect(2, 0x80, 0xBF);
      if (byte == 0xF0) return Expect(3, 0x90, 0xBF);
      if (byte >= 0xF1 && byte <= 0xF3) return Expect(3, 0x80, 0xBF);
      if (byte == 0xF4) return Expect(3, 0x80, 0x8F);
      return false;
    }
    if (byte < low_ || byte > high_) return false;
    low_ = 0x80;
    high_ = 0xBF;
    --need_;
    return true;
  }
  // True when no multi-byte sequence is left unfinished (check at the end of input).
  bool AtBoundary() const { return need_ == 0; }

 private:
  bool Expect(int need, unsigned char low, unsigned char high) {
    need_ = need;
    low_ = low;
    high_ = high;
    return true;
  }
  int need_ = 0;
  unsigned char low_ = 0x80;
  unsigned char high_ = 0xBF;
};

bool IsValidUtf8(std::string_view bytes);

enum class LegacyEncoding { kUnknown, kWindows1258, kTcvn3, kUtf16 };

// Guesses the encoding of `sample` (some kilobytes of a file that is not valid UTF-8)
// from the byte patterns of Vietnamese text: a UTF-16 byte-order mark or many NUL bytes
// → kUtf16; TCVN3 letters in 0xA1–0xBF (ă â ê ô ơ ư đ and the toned a/ă, very common,
// mere symbols in Windows-1258) against Windows-1258 combining tone bytes following a
// vowel and Đ/đ (0xD0/0xF0) starting a word. kUnknown when neither pattern shows.
LegacyEncoding GuessLegacyEncoding(std::string_view sample);

// "Windows-1258", "TCVN3 (ABC)", "UTF-16" or "unknown": the name shown to users.
const char* LegacyEncodingName(LegacyEncoding encoding);

}  // namespace hoptac::io

// UTF-8 validation: the one check of "is this UTF-8" (uploaded files in io/, request
// targets in http/).
//
// Thread-safety: Utf8Validator is a plain value; IsValidUtf8 is pure.
#pragma once

#include <string_view>

namespace hoptac::text {

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

inline bool IsValidUtf8(std::string_view bytes) {
  Utf8Validator validator;
  for (char c : bytes)
    if (!validator.Feed(static_cast<unsigned char>(c))) return false;
  return validator.AtBoundary();
}

}  // namespace hoptac::text

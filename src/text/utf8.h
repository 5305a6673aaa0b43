// UTF-8 as hoptac checks and repairs it: one decoder for the kernel (the HTTP
// request's text, the error bodies, uploaded files in io/) and the text
// normalisation (normalize.h).
//
// Well-formed means Unicode §3.9: no overlong forms, no surrogates (U+D800–U+DFFF),
// nothing above U+10FFFF, no stray continuation bytes, no truncated sequences.
// Repair replaces each maximal ill-formed subpart by U+FFFD (the Unicode
// "substitution of maximal subparts" practice, as ICU and text/fold.h do), so the
// result is always valid and never longer than three times the input.
//
// Thread-safety: pure functions; thread-safe. Utf8Validator is a plain value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hoptac::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at bytes[i] and advances i past it. An ill-formed
// sequence yields U+FFFD, sets `ok` to false and consumes only its maximal subpart.
// REQUIRES: i < bytes.size().
char32_t DecodeUtf8(std::string_view bytes, size_t& i, bool& ok);

// Appends the UTF-8 of a scalar value (U+0000–U+10FFFF without surrogates).
void AppendUtf8(std::string& out, char32_t code_point);

// The byte offset of the first ill-formed sequence, or std::string_view::npos.
size_t InvalidUtf8Offset(std::string_view bytes);
inline bool IsValidUtf8(std::string_view bytes) { return InvalidUtf8Offset(bytes) == std::string_view::npos; }

// `bytes` with every ill-formed subpart replaced by U+FFFD ("a\xFFb" → "a\uFFFDb");
// valid input is returned as it is.
std::string ValidUtf8(std::string_view bytes);

// Cuts `text` to at most `max_bytes` bytes without splitting a UTF-8 sequence.
void TruncateUtf8(std::string& text, size_t max_bytes);

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

}  // namespace hoptac::text

// UTF-8 as hoptac checks and repairs it: one decoder for the kernel (the HTTP
// request's text, the error bodies) and the text normalisation (normalize.h).
//
// Well-formed means Unicode §3.9: no overlong forms, no surrogates (U+D800–U+DFFF),
// nothing above U+10FFFF, no stray continuation bytes, no truncated sequences.
// Repair replaces each maximal ill-formed subpart by U+FFFD (the Unicode
// "substitution of maximal subparts" practice, as ICU and text/fold.h do), so the
// result is always valid and never longer than three times the input.
//
// Thread-safety: pure functions; thread-safe.
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

}  // namespace hoptac::text

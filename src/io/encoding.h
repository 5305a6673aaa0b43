// Text encoding checks for uploaded files: UTF-8 validation (text/utf8.h) and a guess at
// the legacy Vietnamese encoding of a file that is not UTF-8.
//
// Provincial offices still keep spreadsheets typed with the old 8-bit Vietnamese
// encodings: TCVN3 (the ".VnTime" ABC fonts; "Hợp tác xã" is stored as "Hîp t¸c x·")
// and Windows-1258 (Excel's "CSV" on a Vietnamese Windows, tone marks stored as separate
// combining bytes 0xCC 0xEC 0xD2 0xDE 0xF2 after the vowel). hoptac accepts UTF-8 only;
// the guess lets the error message tell the user what they have and how to fix it.
//
// Thread-safety: the functions are pure.
#pragma once

#include <string_view>

#include "text/utf8.h"

namespace hoptac::io {

// The UTF-8 check of text/utf8.h, under the names the readers use.
using text::IsValidUtf8;
using text::Utf8Validator;

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

// Normalisation of the text people type into names and other free-text fields,
// so that what is stored looks like what it says and sorts and compares as such.
//
// NormalizeText(s):
//   - removes the bidirectional embeddings, overrides and isolates wherever they are
//     (U+202A–U+202E, U+2066–U+2069): they reorder what a reader sees ("right-to-left
//     override" makes "HTX<U+202E>gnaL" read as "HTX Lang") and have no business in a
//     cooperative's name;
//   - strips at both ends white space (Unicode White_Space), the zero-width characters
//     (U+200B–U+200D, U+2060, U+FEFF) and the bidirectional marks (U+200E, U+200F,
//     U+061C); inside the text they stay (a zero-width joiner has its uses);
//   - composes to NFC, so a name typed decomposed ("Hợp" as o + U+031B + U+0323,
//     as macOS and some input methods write it) is stored like the same name typed
//     precomposed, and the two are one name for equality, uniqueness and search;
//   - reports whether anything visible is left: a letter, digit, punctuation mark or
//     symbol (general categories L, N, P, S) that is not default-ignorable (the Hangul
//     fillers are letters nobody sees) and not U+2800 BRAILLE PATTERN BLANK.
//     Combining marks alone, white space, format and control characters are not visible.
// Text that is not valid UTF-8 is returned unchanged with `valid` false: whoever
// validates it refuses it (repairing it here would hide the broken input).
// ASCII text costs one pass and no ICU call.
//
// Thread-safety: pure functions; thread-safe (ICU's normaliser is immutable).
#pragma once

#include <string>
#include <string_view>

namespace hoptac::text {

struct NormalizedText {
  std::string text;
  bool valid = true;     // the input was valid UTF-8 (else `text` is the input)
  bool visible = false;  // `text` holds at least one visible character
};

NormalizedText NormalizeText(std::string_view utf8);

// Whether `utf8` holds a visible character (see above). Invalid sequences count as
// visible (they show as U+FFFD): validation refuses them for what they are.
bool HasVisibleText(std::string_view utf8);

// U+202A–U+202E and U+2066–U+2069: removed by NormalizeText wherever they are.
bool IsBidiOverrideOrIsolate(char32_t code_point);
// Whether `utf8` holds one of them.
bool HasBidiOverrideOrIsolate(std::string_view utf8);

// Upper case by the Vietnamese rules (ICU, locale "vi"): "Báo cáo tình hình" →
// "BÁO CÁO TÌNH HÌNH", as official titles are printed. Text that is not valid UTF-8
// is returned unchanged.
std::string UpperCase(std::string_view utf8);

}  // namespace hoptac::text

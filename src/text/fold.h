// Folding: the form of Vietnamese text that search indexes and queries compare.
//
// Fold(s) = NFD → drop combining diacritical marks → đ/Đ → d → lower case, so
// "Hợp tác xã Nông nghiệp Đồng Tháp" and "HOP TAC XA NONG NGHIEP DONG THAP" both
// become "hop tac xa nong nghiep dong thap". Users type names with, without or
// with half of the accents; every stored name and every query goes through Fold
// before it reaches an index (SQLite FTS5 `remove_diacritics` misses đ, and the
// ICU transliterator is 50–70 times slower: bench/text_bench.cpp measured 69 ns
// against 4.6 µs for a 49-character cooperative name).
//
// How it works: a table built once from ICU (Normalizer2 NFD + u_tolower) holds
// the folded UTF-8 of every code point in U+0000–U+07FF (Latin, IPA, combining
// diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic) and U+1D00–U+1FFF (Latin
// Extended Additional with all precomposed Vietnamese letters, Greek Extended), so
// folding a string costs one table lookup per code point and no ICU call. Outside
// those ranges a code point is only lower-cased (ICU simple case mapping) and not
// decomposed, so Hangul syllables, CJK and the like pass through unchanged apart
// from case.
//
// What counts as a "combining mark" to drop: the generic diacritic blocks
// U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF and U+FE20–U+FE2F,
// wherever they occur, so decomposed (NFD) input folds exactly like precomposed
// (NFC) input. Script-specific marks (Hebrew points, Arabic harakat, Thai and
// Indic vowel signs) are part of spelling in those scripts and are kept.
//
// Invalid UTF-8 never fails: each maximal ill-formed subsequence becomes U+FFFD
// (the Unicode "substitution of maximal subparts" practice, as ICU does), so the
// output is always valid UTF-8.
//
// Thread-safety: all functions are thread-safe. The table is built on first use
// under C++ static-initialisation guarantees and is immutable afterwards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoptac::text {

// The search form of `utf8`: accents and đ removed, lower case.
// "HTX ĐỒNG THÁP" → "htx dong thap"; "Москва" → "москва"; "" → "".
std::string Fold(std::string_view utf8);

// Like Fold but keeps letter case: "Hoà Bình" → "Hoa Binh", "Đà Nẵng" → "Da Nang".
// Used to derive ASCII (English) names from Vietnamese ones.
std::string FoldKeepCase(std::string_view utf8);

// Fold(utf8) split into words: maximal runs of letters, digits and (kept) marks;
// everything else (spaces, punctuation, dashes, symbols) separates words and is
// dropped. "Bà Rịa-Vũng Tàu (2024)" → {"ba", "ria", "vung", "tau", "2024"}.
std::vector<std::string> FoldedWords(std::string_view utf8);

}  // namespace hoptac::text

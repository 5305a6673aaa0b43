// Collation: sorting Vietnamese names the way a Vietnamese reader expects.
//
// Byte order and the root (UCA) order put Đ next to D's accented cousins and
// interleave A Ă Â; Vietnamese dictionaries order letters A Ă Â B C D Đ E Ê G H
// I K L M N O Ô Ơ P Q R S T U Ư V X Y, then tones (none, huyền, hỏi, ngã, sắc,
// nặng) as a secondary difference, then case. These functions use ICU's `vi`
// collator at its default (tertiary) strength with normalisation on, so NFC and
// NFD spellings of a name compare equal. "Dak Lak" < "Đà Nẵng" < "Gia Lai";
// "An" < "Ăn" < "Ân". Invalid UTF-8 sorts as if each bad sequence were U+FFFD.
//
// Sort keys: SortKey returns ICU's sort key bytes without the terminating NUL.
// Byte-wise comparison of two keys (memcmp, std::string::compare, a BLOB column)
// gives the same order as Compare. Keys depend on the ICU version and its
// collation data: store them only as a rebuildable cache (e.g. a sort column
// refreshed by a migration when ICU changes), never as the only copy of anything.
//
// If ICU cannot create the `vi` collator (its data missing — not expected with
// Debian's libicu72, which carries the data in the library), every function
// falls back to byte order of the UTF-8 and SortKey returns the text itself.
//
// Thread-safety: all functions are thread-safe. An icu::Collator must not be used
// by two threads at once, so each thread lazily clones its own instance (a
// thread_local clone of one immutable prototype, created once); there is no
// lock on the comparison path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoptac::text {

// Negative if a sorts before b, zero if they are collation-equal, positive otherwise.
int Compare(std::string_view a, std::string_view b);

// The ICU sort key of `utf8` (no terminating NUL; no NUL bytes inside).
std::string SortKey(std::string_view utf8);

// Sorts `values` in Vietnamese order; collation-equal values keep their relative
// order (stable). Computes each sort key once, so it suits long lists.
void SortVietnamese(std::vector<std::string>& values);

}  // namespace hoptac::text

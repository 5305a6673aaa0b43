// Internals of the demo data generator (registry/demo/demo.h), shared by its
// source files and used by nothing else: the pseudo-random number generator with
// integer-only draws (the same on every platform, so the data is the same byte
// for byte), the independent streams per entity and purpose, and the Vietnamese
// name vocabularies (demo_names.cpp).
//
// Thread-safety: an Rng is a plain value, not thread-safe; the functions are
// pure apart from the Rng they draw from.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/date.h"
#include "registry/entity.h"

namespace hoptac::registry::demo_internal {

using domain::EntityKind;

// ---- Randomness: SplitMix64 and integer-only draws, the same on every platform ----

inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift with rejection: unbiased).
  uint64_t Below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    auto low = static_cast<uint64_t>(m);
    if (low < n) {
      uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  // Uniform in [low, high]; low when high < low.
  int64_t Between(int64_t low, int64_t high) {
    if (high <= low) return low;
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  // True with probability per_mille / 1000.
  bool PerMille(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }
  // An index drawn with the given integer weights (not all zero).
  size_t Weighted(std::span<const int> weights) {
    int64_t total = 0;
    for (int w : weights) total += w;
    auto r = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }
  Date DateBetween(Date from, Date to) { return Date::FromDays(static_cast<int>(Between(from.days(), to.days()))); }

 private:
  uint64_t state_;
};

// Independent streams per entity and purpose.
enum class Stream : uint64_t { kEntity = 1, kFigures = 2 };

inline Rng StreamOf(uint64_t seed, EntityKind kind, int64_t index, Stream stream) {
  uint64_t h = Mix(seed ^ 0x686f70746163ULL);  // "hoptac"
  h = Mix(h ^ (static_cast<uint64_t>(kind) + 1) * 0x100000001b3ULL);
  h = Mix(h ^ static_cast<uint64_t>(index));
  return Rng(Mix(h ^ static_cast<uint64_t>(stream)));
}

// ---- Names (demo_names.cpp) ------------------------------------------------------

// The core of a cooperative's or union's name in `sector` ("Nông nghiệp", "Vận tải").
std::string_view SectorCore(Rng& rng, domain::Sector sector);
// What a cooperative group of `sector` does ("trồng rau an toàn").
std::string_view GroupActivity(Rng& rng, domain::Sector sector);
// A name some cooperatives take instead of their commune's ("Thành Công").
std::string_view BrandName(Rng& rng);
// A Vietnamese person's name: family, middle and given name.
std::string PersonName(Rng& rng, domain::Sex sex);
// "Xã Tân Phú" → "xã Tân Phú"; "Đặc khu Côn Đảo" → "đặc khu Côn Đảo".
std::string LowerFirst(std::string_view text);
// `count` random decimal digits.
std::string Digits(Rng& rng, int count);
// `value` in decimal, zero-padded to `width` digits.
std::string Padded(int64_t value, int width);

}  // namespace hoptac::registry::demo_internal

// Internals of RegistryIndex (registry_index.h) shared by its source files —
// registry_index_load.cpp (Build, the initial load), registry_index_apply.cpp
// (applying changes) and registry_index_find.cpp (lists, Find) — and used by
// nothing else: the sentinels of the columns, the bitmap helpers, the loaded form
// of one entity and the IndexLoader that reads it from the database.
//
// Thread-safety: the helpers are pure functions over the values passed in; the
// caller holds whatever lock the index's members it passes require. IndexLoader
// only touches the connection and the vector it is given.
#pragma once

#include <algorithm>
#include <bit>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/index/registry_index.h"

namespace hoptac::analytics {
namespace index_internal {

constexpr uint16_t kNone = 0xFFFF;
constexpr uint8_t kNoSector = 0xFF;
constexpr int32_t kUnknownDay = INT32_MIN;

using Bits = std::vector<uint64_t>;

inline void SetBit(Bits& b, uint32_t s) {
  size_t w = s >> 6;
  if (w >= b.size()) b.resize(w + 1 + (w >> 3), 0);
  b[w] |= uint64_t{1} << (s & 63);
}
inline void ClearBit(Bits& b, uint32_t s) {
  size_t w = s >> 6;
  if (w < b.size()) b[w] &= ~(uint64_t{1} << (s & 63));
}
inline bool TestBit(const Bits& b, uint32_t s) {
  size_t w = s >> 6;
  return w < b.size() && (b[w] >> (s & 63) & 1);
}
// a &= b (b shorter: zeros past its end).
inline void AndInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] &= b[i];
  std::fill(a.begin() + static_cast<std::ptrdiff_t>(n), a.end(), 0);
}
// a &= ~b
inline void AndNotInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] &= ~b[i];
}
inline void OrInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] |= b[i];
}
inline size_t CountBits(const Bits& b) {
  size_t n = 0;
  for (uint64_t w : b) n += static_cast<size_t>(std::popcount(w));
  return n;
}
// f(slot) for every set bit, ascending.
template <typename F>
inline void ForEachBit(const Bits& b, F&& f) {
  for (size_t block = 0; block < b.size(); ++block) {
    uint64_t w = b[block];
    while (w) {
      f(static_cast<uint32_t>(block * 64 + static_cast<size_t>(std::countr_zero(w))));
      w &= w - 1;
    }
  }
}
// b &= {slot < slots : keep(slot)}, 64 slots a step and without a branch per slot (for tests on
// columns that no bitmap answers: a founding-date range, a commune). Blocks without a candidate are skipped.
template <typename Keep>
inline void AndWhere(Bits& b, size_t slots, Keep&& keep) {
  for (size_t block = 0; block < b.size(); ++block) {
    if (!b[block]) continue;
    const size_t base = block * 64;
    const size_t count = std::min<size_t>(64, slots - std::min(slots, base));
    uint64_t mask = 0;
    for (size_t i = 0; i < count; ++i) mask |= static_cast<uint64_t>(keep(base + i)) << i;
    b[block] &= mask;
  }
}
inline Bits BitsOf(const std::vector<uint32_t>& list, size_t words) {
  Bits b(words, 0);
  for (uint32_t s : list) b[s >> 6] |= uint64_t{1} << (s & 63);
  return b;
}

// Position in order of the first slot not before (key, id).
inline size_t LowerBound(const std::vector<uint32_t>& order, const std::vector<std::string>& keys,
                         const std::vector<int64_t>& ids, std::string_view key, int64_t id) {
  auto it = std::lower_bound(order.begin(), order.end(), 0, [&](uint32_t slot, int) {
    int c = keys[slot].compare(key);
    return c < 0 || (c == 0 && ids[slot] < id);
  });
  return static_cast<size_t>(it - order.begin());
}

// The founding-date order (RegistryIndex::founded_order_): by founding day, unknown (kUnknownDay)
// after every day, then by (sort key, id) as the name order.
inline int64_t FoundedKey(int32_t founded) { return founded == kUnknownDay ? INT64_MAX : founded; }
inline int CompareFounded(int64_t founded_a, std::string_view key_a, int64_t id_a, int64_t founded_b,
                          std::string_view key_b, int64_t id_b) {
  if (founded_a != founded_b) return founded_a < founded_b ? -1 : 1;
  int c = key_a.compare(key_b);
  if (c != 0) return c < 0 ? -1 : 1;
  return id_a < id_b ? -1 : id_a > id_b ? 1 : 0;
}
// Position in the founded order of the first slot not before (after: after) (founded, key, id).
inline size_t FoundedBound(const std::vector<uint32_t>& order, const std::vector<int32_t>& founded_days,
                           const std::vector<std::string>& keys, const std::vector<int64_t>& ids, int64_t founded,
                           std::string_view key, int64_t id, bool after) {
  auto it = std::partition_point(order.begin(), order.end(), [&](uint32_t slot) {
    int c = CompareFounded(FoundedKey(founded_days[slot]), keys[slot], ids[slot], founded, key, id);
    return after ? c <= 0 : c < 0;
  });
  return static_cast<size_t>(it - order.begin());
}

}  // namespace index_internal

struct RegistryIndex::Loaded {
  int64_t id = 0;
  bool deleted = false;
  domain::EntityKind kind = domain::EntityKind::kCooperative;
  std::string name;
  std::string province_code;
  Date province_as_of;
  std::string current_province;
  std::string commune;
  std::optional<domain::Sector> sector;
  std::optional<Date> founded;
  bool women = false, youth = false;
  std::vector<domain::StatusEvent> events;
  std::vector<std::pair<domain::Period, domain::Figures>> figures;
  // Computed before taking the lock.
  std::string sort_key;
  std::string words;  // " w1 w2 …"
  int word_count = 0;
};

// Reads entities with their events and figures from the database, and prepares
// them for RegistryIndex::Apply (registry_index_load.cpp). A friend of the index.
class IndexLoader {
 public:
  using Loaded = RegistryIndex::Loaded;

  // since < 0: every entity not deleted; otherwise the entities with change_seq > since (deleted included).
  static Status LoadEntities(storage::Connection& conn, int64_t since, std::vector<Loaded>& out);
  // The events and figures of the loaded entities (REQUIRES: `out` sorted by id). A full load scans the
  // tables; a catch-up reads the changed entities' rows through their indexes.
  static Status LoadEvents(storage::Connection& conn, int64_t since, std::vector<Loaded>& out);
  static Status LoadFigures(storage::Connection& conn, int64_t since, std::vector<Loaded>& out);
  // The loaded entity with this id (REQUIRES: `out` sorted by id), or null.
  static Loaded* Find(std::vector<Loaded>& out, int64_t id);
  // The secret of the record keys (meta.stats_cell_key_secret, created by a migration).
  static Result<cell_key::Secret> LoadSecret(storage::Connection& conn);
  // Everything changed since `since` (< 0: everything) in one read transaction.
  static Status Load(storage::Connection& conn, int64_t since, std::vector<Loaded>& out);
  // Sort keys and words, in parallel for big loads.
  static void Prepare(std::vector<Loaded>& loaded);
};

}  // namespace hoptac::analytics

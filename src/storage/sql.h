// SQL text helpers shared by every store: placeholder lists and "IN (…)" lists of
// bound values. SQL is written with $N placeholders (PostgreSQL's spelling; the
// SQLite backend accepts it as ?N), values are always bound, never spliced.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "storage/db.h"

namespace hoptac::storage {

// "$first, $first+1, …" — `count` placeholders numbered from `first` (1-based).
inline std::string Placeholders(size_t first, size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    text += "$" + std::to_string(first + i);
  }
  return text;
}

// Appends `ids` to `params` and returns their placeholder list, for "… IN (<list>)".
// REQUIRES: ids is not empty (an empty IN list is not SQL).
inline std::string AppendInList(std::vector<Value>& params, std::span<const int64_t> ids) {
  const size_t first = params.size() + 1;
  params.reserve(params.size() + ids.size());
  for (int64_t id : ids) params.push_back(Int(id));
  return Placeholders(first, ids.size());
}

}  // namespace hoptac::storage

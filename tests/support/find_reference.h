// The brute-force reference of the list property test (RegistryIndex::Find).
//
// The registry's search and list rules (registry/finder.h, registry/entity_service.h) applied
// row by row to what the database holds, against the index's bitmaps: every query word is a prefix
// of a name word; relevance = whole-word matches (at most 7) × 32 + 31 − words in the name, then the
// Vietnamese collation order and the id; filters as documented on EntityFilters. Every query is
// paged to its end through the cursors, so the whole order is compared, not just a first page.
//
// Thread-safety: Load reads the Db through its own transaction; the rest are pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/finder.h"
#include "registry/status_history.h"
#include "storage/db.h"
#include "support/stats_generator.h"

namespace hoptac::testing::find_reference {

using domain::EntityKind;
using stats::Random;

struct Row {
  int64_t id = 0;
  EntityKind kind{};
  std::string sort_key;
  std::vector<std::string> words;  // registry::NameWords
  int word_count = 0;
  std::string current_province, commune;
  const geo::AdminUnit* unit = nullptr;  // registered province as of province_as_of
  std::optional<domain::Sector> sector;
  bool women = false, youth = false;
  std::optional<Date> founded;
  std::vector<domain::StatusEvent> events;  // sorted (domain::SortEvents)
};

// Words the random names are made of (accents, prefixes of each other, an abbreviation).
const std::vector<std::string>& Vocabulary();
// A random name of Vocabulary() words after a kind's lead ("Hợp tác xã", "HTX", …).
std::string RandomName(Random& rng);
// Every entity not deleted, with its events, as the database holds them.
Result<std::vector<Row>> Load(storage::Db& db, const geo::AdminUnitDirectory& units);
// The ids of every match in order (filters, words and order as registry/finder.h documents them).
std::vector<int64_t> Answer(const std::vector<Row>& rows, const registry::EntityFilters& f,
                            const geo::AdminUnitDirectory& units);

}  // namespace hoptac::testing::find_reference

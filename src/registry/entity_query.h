// EntityQuery: which entities a caller gets for a set of list filters, as SQL
// (a WHERE clause over `entities e` with its bound values, the caller's scope
// included) plus the two filters SQL cannot decide alone — the word-prefix
// search and the status on a date — which the caller applies to each row.
// EntityService::List and the exports (registry/export.h) both select through
// it, so a list and an export of the same filters hold the same entities.
//
// Scope: national roles (and the CLI) see every entity; province accounts the
// entities whose current province is theirs; a cooperative account its own
// entity; partners and anonymous callers every entity (what they may read of it
// is the caller's business: EntityService::ToJson, export columns).
//
// ParseEntityFilters reads the filters from named text parameters (the API's
// query string, the CLI's options), with the same spellings and errors for both.
//
// Thread-safety: plain values and pure functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/entity_service.h"
#include "registry/finder.h"
#include "registry/status_history.h"
#include "storage/db.h"

namespace hoptac::registry {

struct EntityQuery {
  // Over `entities e`, never empty; placeholders $1 … $params.size().
  std::string where;
  std::vector<storage::Value> params;
  // Folded search words with HTX, LHHTX, THT and QTDND spelled out; empty: no search.
  std::vector<std::string> words;
  // Wanted status on `as_of`; nullopt: any.
  std::optional<domain::EntityStatus> status;
  // The date statuses are read at: filters.as_of, else today.
  Date as_of;

  // Appends " AND <fragment>$N" with `value` bound as $N (fragment e.g. "e.id > ").
  void And(std::string_view fragment, storage::Value value);
  // Every search word is a prefix of a word of `name` (true without words).
  bool MatchesName(std::string_view name) const;
  // The status on as_of is the wanted one (true without a status filter).
  // REQUIRES: sorted_events sorted by domain::SortEvents.
  bool MatchesStatus(const std::vector<domain::StatusEvent>& sorted_events, std::optional<Date> founded_on) const;
};

// Errors: kInvalidArgument with field "legacy_province" ("field.unknown_province")
// for a code that named no province before 2025-07-01. offset and limit are ignored.
Result<EntityQuery> BuildEntityQuery(const auth::Principal& who, const EntityFilters& filters,
                                     const geo::AdminUnitDirectory& units, Date today);

// The words of a search query: folded, with the abbreviations spelled out
// ("HTX Đồng Tháp" → hop, tac, xa, dong, thap).

// A named text parameter, or nullopt when absent.
using FilterParameter = std::function<std::optional<std::string>(std::string_view name)>;

// The names ParseEntityFilters reads (API spellings): kind, province, status,
// as_of, q, sector, commune, legacy_province, women_managed, youth,
// founded_from, founded_to, sort.
const std::vector<std::string_view>& EntityFilterNames();

// Reads the filters (wire names for kind, status and sector; true/false/1/0 for
// the booleans; ISO dates). Errors (kInvalidArgument): one error with a field
// error ("field.invalid_enum") for every bad kind, status, sector, women_managed,
// youth and sort (ListSortFromName); then "field.invalid_date" for a bad date and "field.from_after_to"
// (field founded_from) when founded_from is after founded_to.
Result<EntityFilters> ParseEntityFilters(const FilterParameter& parameter);

}  // namespace hoptac::registry

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
// is the caller's business: EntityJson, export columns).
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
  // Words that name a place (registry/finder.h PlaceNames) in the caller's scope and filters:
  // the place's current province code or its communes' codes, and the other words.
  std::string place_province;
  std::vector<std::string> place_communes;
  std::vector<std::string> place_words;

  // Every search word is a prefix of a word of `name` (true without words).
  bool MatchesName(std::string_view name) const;
  // MatchesName, or the entity is at the place (current province, commune) and its name
  // matches the other words. Without a place the SQL narrows by the longest word.
  bool MatchesSearch(std::string_view name, std::string_view current_province, std::string_view commune) const;
  // The status on as_of is the wanted one (true without a status filter).
  // REQUIRES: sorted_events sorted by domain::SortEvents.
  bool MatchesStatus(const std::vector<domain::StatusEvent>& sorted_events, std::optional<Date> founded_on) const;
};

// Errors: kInvalidArgument with field "legacy_province" ("field.unknown_province")
// for a code that named no province before 2025-07-01. offset and limit are ignored.
Result<EntityQuery> BuildEntityQuery(const auth::Principal& who, const EntityFilters& filters,
                                     const geo::AdminUnitDirectory& units, Date today);

// A named text parameter, or nullopt when absent.
using FilterParameter = std::function<std::optional<std::string>(std::string_view name)>;

// The names ParseEntityFilters reads (API spellings): kind, province, status,
// as_of, q, sector, commune, legacy_province, women_managed, youth,
// founded_from, founded_to, sort.
const std::vector<std::string_view>& EntityFilterNames();

// Reads the filters (wire names for kind, status and sector; true/false/1/0 for
// the booleans; ISO dates). Errors (kInvalidArgument): one error with a field
// error ("field.invalid_enum") for every bad kind, status, sector, women_managed,
// youth and sort (ListSortFromName), "field.invalid_date" for every bad date and "field.from_after_to"
// (field founded_from) when founded_from is after founded_to — all in one error (FilterReader).
Result<EntityFilters> ParseEntityFilters(const FilterParameter& parameter);

// The filter vocabulary every reader of registry filters shares — the list, the
// exports, the CLI and the statistics (registry/index/stats_api.h): the same names,
// the same spellings (wire names, true/false/1/0, ISO dates) and the same field
// errors ("field.invalid_enum" naming the allowed values, "field.invalid_date",
// "field.from_after_to" on founded_from), collected so that a caller sees every
// problem at once. Single-value readers take the whole text as one value; list readers
// split it at commas (the statistics take lists).
class FilterReader {
 public:
  // Holds its own copy of `parameter` (a lambda passed in stays valid).
  explicit FilterReader(FilterParameter parameter) : parameter_(std::move(parameter)) {}

  std::optional<domain::EntityKind> KindFilter();
  std::vector<domain::EntityKind> KindsFilter();
  std::optional<domain::EntityStatus> StatusFilter();
  std::vector<domain::EntityStatus> StatusesFilter();
  std::optional<domain::Sector> SectorFilter();
  std::vector<domain::Sector> SectorsFilter();
  std::optional<bool> Bool(std::string_view name);
  std::optional<Date> IsoDate(std::string_view name);
  // founded_from and founded_to, and the error when from is after to.
  void FoundedRange(std::optional<Date>& from, std::optional<Date>& to);

  void Add(FieldError error) { errors_.push_back(std::move(error)); }
  // Ok, or kInvalidArgument "error.invalid_request" with every field error collected.
  Status Finish();

 private:
  FilterParameter parameter_;
  std::vector<FieldError> errors_;
};

// Who may filter by attributes that are not public (domain::IsPublicAttribute): officials,
// that is national and province accounts (and the CLI). Anonymous callers, partners and
// cooperative accounts filter by public attributes only.
bool FiltersByAnyAttribute(const auth::Principal& who);

// The attribute of an entity a filter parameter reads ("province" → current_province_code,
// "q" → name, "founded_from" → founded_on, "women_managed" → women_managed, …), or empty for a
// parameter that reads none (as_of, sort, and names outside the vocabulary).
std::string_view FilterAttribute(std::string_view parameter);

// The one access rule of the filter vocabulary, checked by every reader that serves a caller
// (the list and the exports through api::EntityFiltersFromQuery, the statistics) before it
// parses: when `who` may not filter by every attribute (FiltersByAnyAttribute), a filter
// present among `names` that reads a non-public attribute (women_managed, youth) is refused —
// kPermissionDenied "error.filter_not_public" naming the first, with a field error
// "field.filter_not_public" for each.
Status CheckFilterAccess(const auth::Principal& who, const FilterParameter& parameter,
                         const std::vector<std::string_view>& names);

// The filters the list and the statistics both take (the list adds as_of, q,
// legacy_province and sort): kind, province, commune, status, sector, women_managed,
// youth, founded_from, founded_to.
const std::vector<std::string_view>& SharedFilterNames();

// "a,b, c" → {"a", "b", "c"} (items trimmed, empty items dropped).
std::vector<std::string> SplitFilterList(std::string_view text);

}  // namespace hoptac::registry

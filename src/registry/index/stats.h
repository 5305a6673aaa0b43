// Statistics over the registry: queries and results of the in-memory index
// (registry_index.h), and the parsing of their names.
//
// Stock: entities founded on or before `as_of` (unknown founding: always),
// with their status on `as_of`, filtered and grouped. The measure is `count`
// or a figure (domain::FigureFields), taken for each entity from its latest
// period ending on or before `as_of` that reports that figure (periods order
// as domain::Period: the year rather than its last quarter); entities without
// such a period do not contribute (StatsRow::entities says how many did), and a
// group no entity contributed to has no row (not reported is not 0).
//
// Flows: events dated in [from, to] — `established` is the founding date —
// grouped by the event's year and the entity's dimensions; the province of the
// legacy scheme is the one in force on the event's date. A row's value counts
// events, its `entities` the distinct entities they happened to. Rows are keyed
// by code, so over a range that crosses a reform one legacy row may gather two
// units of one code (15: Yên Bái until 2025-06-30, Lào Cai since).
//
// Series: the stock measure at the end of each interval (year, half,
// quarter) from `from` to `to`.
//
// Audience: a figure measure asked for the public (the default) is refused by commune or a field
// that is not public, and its rows and total are withheld or perturbed by the cell-key method
// (disclosure.h); officials' answers are exact. Counts are exact for everyone.
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "registry/entity.h"
#include "registry/period.h"
#include "registry/status_history.h"
#include "text/i18n.h"

namespace hoptac::analytics {

enum class Dimension : uint8_t {
  kProvince,
  kCommune,
  kKind,
  kStatus,
  kSector,
  kFoundedYear,
  kWomenManaged,
  kYouth,
  kYear,  // flows only: the event's year
};
// "province" | "commune" | "kind" | "status" | "sector" | "founded_year" | "women_managed" | "youth" | "year"
inline constexpr Dimension kDimensions[] = {Dimension::kProvince,     Dimension::kCommune, Dimension::kKind,
                                            Dimension::kStatus,       Dimension::kSector,  Dimension::kFoundedYear,
                                            Dimension::kWomenManaged, Dimension::kYouth,   Dimension::kYear};
const char* DimensionName(Dimension dimension);
std::optional<Dimension> DimensionFromName(std::string_view name);
// Every name in kDimensions order, ", "-separated (the allowed values of group_by).
std::string DimensionNames();

enum class ProvinceScheme : uint8_t { kCurrent, kLegacy };
const char* ProvinceSchemeName(ProvinceScheme scheme);  // "current" | "legacy"

inline constexpr size_t kMaxGroupBy = 3;

// Who an answer is for (disclosure.h). The public by default: exact figures are asked for.
enum class Audience : uint8_t { kPublic, kOfficial };

// What disclosure control did to a value (disclosure.h).
enum class CellDisclosure : uint8_t {
  kExact,        // a count, or an official's answer
  kPerturbed,    // moved by the cell-key method
  kFewEntities,  // withheld: fewer than 3 entities contributed
  kDominated,    // withheld: one entity contributed more than 85 %
};
// "exact" | "perturbed" | "few_entities" | "dominance"
const char* CellDisclosureName(CellDisclosure disclosure);
inline bool Withheld(CellDisclosure d) { return d == CellDisclosure::kFewEntities || d == CellDisclosure::kDominated; }

struct StatsFilter {
  std::vector<domain::EntityKind> kinds;       // any of; empty: all
  std::vector<std::string> provinces;          // codes in the query's scheme; empty: all
  std::vector<std::string> communes;           // current commune codes
  std::vector<domain::EntityStatus> statuses;  // status on the query date
  std::vector<domain::Sector> sectors;
  std::optional<bool> women_managed, youth;
  std::optional<Date> founded_from, founded_to;  // inclusive
  // Scope: only entities whose current province is this one (province accounts).
  std::string scope_province;
};

struct StockQuery {
  std::string measure = "count";  // or a figure name
  std::vector<Dimension> group_by;
  Date as_of;
  ProvinceScheme scheme = ProvinceScheme::kCurrent;
  StatsFilter filter;
  Audience audience = Audience::kPublic;
};

struct StatsRow {
  std::vector<std::string> keys;  // one per group_by dimension (codes: "15", "cooperative", "2016", "true"; "" unknown)
  int64_t value = 0;              // 0 when withheld
  int64_t entities = 0;           // entities that contributed
  CellDisclosure disclosure = CellDisclosure::kExact;
};

struct StockResult {
  int64_t total = 0;     // the measure over all matching entities (0 when withheld)
  int64_t entities = 0;  // entities that contributed
  CellDisclosure total_disclosure = CellDisclosure::kExact;
  std::vector<StatsRow> rows;  // sorted by keys: numeric keys numerically, others as text, unknown ("") first
};

struct FlowQuery {
  domain::EventType event = domain::EventType::kEstablished;
  Date from, to;  // inclusive
  std::vector<Dimension> group_by;
  ProvinceScheme scheme = ProvinceScheme::kCurrent;
  StatsFilter filter;  // statuses: the status on `to`
};

struct FlowResult {
  int64_t total = 0;
  double years = 0;            // length of [from, to] in years, 2 decimals (2016-01-01…2020-12-31: 5)
  double yearly_average = 0;   // total / years
  std::vector<StatsRow> rows;  // as StockResult::rows
};

enum class Interval : uint8_t { kYear, kHalf, kQuarter };
std::optional<Interval> IntervalFromName(std::string_view name);
const char* IntervalName(Interval interval);

struct SeriesQuery {
  std::string measure = "count";
  Interval interval = Interval::kYear;
  Date from, to;
  std::vector<Dimension> group_by;
  ProvinceScheme scheme = ProvinceScheme::kCurrent;
  StatsFilter filter;
  Audience audience = Audience::kPublic;
};

struct SeriesPoint {
  domain::Period period;
  Date end;  // the date the stock is taken at (the interval's end, or `to` for the last one)
  StatsRow row;
};

struct SeriesResult {
  std::vector<SeriesPoint> points;
};

inline constexpr int kMaxSeriesPoints = 400;

// Whether a measure name is known ("count" or a figure).
bool KnownMeasure(std::string_view measure);

}  // namespace hoptac::analytics

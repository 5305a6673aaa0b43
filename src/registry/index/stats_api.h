// The statistics requests as the API and the CLI take them (named text
// parameters) and their answers as JSON and tables, shared by
// the stats routes (api/stats.cpp) and `hoptac stats` (cli/stats_command.cpp).
//
// Parameters (every value text; lists comma-separated):
//   stock:  measure, group_by, as_of, province_scheme, + filters
//   flows:  event, from, to, group_by, province_scheme, + filters
//   series: measure, interval, from, to, group_by, province_scheme, + filters
//   filters: kind, province, commune, status, sector, women_managed, youth, founded_from, founded_to
// Errors name the parameter (kInvalidArgument, one FieldError per bad parameter).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "registry/index/registry_index.h"
#include "registry/index/stats.h"
#include "text/i18n.h"

namespace hoptac::analytics {

// Returns the value of a parameter, or nullopt when absent.
using ParameterLookup = std::function<std::optional<std::string>(std::string_view name)>;

enum class StatsKind { kStock, kFlows, kSeries };

// The parameter names each kind accepts (for unknown-parameter checks).
std::vector<std::string_view> StatsParameterNames(StatsKind kind);

Result<StockQuery> ParseStockQuery(const ParameterLookup& get);
Result<FlowQuery> ParseFlowQuery(const ParameterLookup& get);
Result<SeriesQuery> ParseSeriesQuery(const ParameterLookup& get);

// The answers say what disclosure control did (disclosure.h): a top-level "disclosure" object —
// {"method": "cell_key", "min_entities": 3, "max_share": 0.85} when the figures of a public answer
// are protected, {"method": "none"} when the values are exact (counts, flows, officials) — and per
// row (and for the total, as total_perturbed / total_withheld / total_withheld_reason) "perturbed":
// true, or "value": null with "withheld": true and "withheld_reason" ("few_entities", "dominance").
boost::json::object StockToJson(const RegistryIndex& index, const StockQuery& q, const StockResult& r, i18n::Lang lang);
boost::json::object FlowsToJson(const RegistryIndex& index, const FlowQuery& q, const FlowResult& r, i18n::Lang lang);
boost::json::object SeriesToJson(const RegistryIndex& index, const SeriesQuery& q, const SeriesResult& r,
                                 i18n::Lang lang);

// A table of the "rows" (or "points") of one of the JSON answers above:
// header line then one line per row; csv = RFC 4180, table = aligned columns.
std::string StatsTable(const boost::json::object& answer, bool csv);

}  // namespace hoptac::analytics

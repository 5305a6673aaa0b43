// Statistical disclosure control of the registry's statistics (issue 13): what callers who are
// not officials — anonymous callers, partners, cooperative accounts — are told of figures.
//
//   - Counts of entities are exact for everyone (the registry list is public).
//   - Figure measures (every sum of domain::FigureFields(): members, workers, money, income) are
//     answered to the public only for groups at province level or coarser and by public attributes
//     (domain::IsPublicAttribute): grouping by commune, women_managed or youth, or filtering by
//     commune, is refused (CheckPublicQuery). Filters on attributes that are not public are refused
//     to the public for every measure by the filter vocabulary's one access rule
//     (registry::CheckFilterAccess, in the routes).
//   - Every row and total of a figure measure answered to the public is protected by the cell-key
//     method (cell_key.h, DefaultParameters): withheld when fewer than 3 entities contribute or one
//     contributes more than 85 % of it, perturbed otherwise. The record key of an entity is a keyed
//     hash of its id under the database's secret (meta.stats_cell_key_secret), kept by the index
//     beside the figures. Averages and shares a client derives come from the perturbed totals and
//     the exact counts.
//   - Officials — national accounts, province accounts (within their province, as the scope says),
//     the command line — get exact figures (Audience::kOfficial).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/index/cell_key.h"
#include "registry/index/stats.h"

namespace hoptac::analytics {

// Whether answers of this measure to this audience go through the cell-key method.
bool Protects(std::string_view measure, Audience audience);

// Whether a figure measure may be grouped by this dimension for the public: not finer than a
// province (commune) and reading a public attribute (domain::IsPublicAttribute).
bool PublicDimension(Dimension dimension);

// Ok, or kPermissionDenied ("error.stats_not_public" {measure, parameters}) with one FieldError
// ("not_public", "field.stats_not_public" {dimension, measure}) per parameter that asks the public
// for a figure measure by a dimension that is not public: group_by, commune (and women_managed,
// youth, which the routes refuse earlier for every measure). Counts and officials are never refused.
Status CheckPublicQuery(std::string_view measure, const std::vector<Dimension>& group_by, const StatsFilter& filter,
                        Audience audience);

// How a cell-key outcome reads in a row.
CellDisclosure DisclosureOf(cell_key::Outcome outcome);

}  // namespace hoptac::analytics

// The registry's sources of the indicators registry (indicators/indicators.h), answered
// by the in-memory index from live data:
//
//   registry.entities  a stock as of the question's `to`: measure "count" or any figure
//                      (members_total, revenue_vnd …: each entity's latest figures of a
//                      period ending on or before that day, as the statistics take them);
//   registry.events    a flow over [from, to]: measure an event type (established,
//                      dissolved, suspended …), counting the events dated in the window.
//
// Filters are the statistics API's (kind, status, sector, women_managed, youth,
// founded_from, founded_to, commune, province), with its names, spellings and errors; the
// status of a stock is the status on `to`. A question's province is a province code in
// force on `to` (the 63 provinces for a date of 2023, the 34 since 2025-07-01), so a
// report of 2023 counts the province as it was then; a definition that also filters by
// province is refused. Answers to the public go through the statistics' disclosure
// control (figures perturbed or withheld); officials' are exact.
//
// Thread-safety: the sources read the index under its own lock; thread-safe.
#pragma once

#include <memory>

#include "indicators/indicators.h"
#include "registry/index/registry_index.h"

namespace hoptac::analytics {

inline constexpr std::string_view kEntitiesSource = "registry.entities";
inline constexpr std::string_view kEventsSource = "registry.events";

// Adds registry.entities and registry.events to `registry`. `index` must outlive it.
void AddIndicatorSources(indicators::Registry& registry, const RegistryIndex& index);

}  // namespace hoptac::analytics

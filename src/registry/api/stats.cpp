// Statistics: /api/v1/stats/{entities,flows,series}, answered from the in-memory
// index (analytics::RegistryIndex). Province accounts see their province only;
// callers who are not officials (anonymous, partners, cooperative accounts) are the
// public: filters on attributes that are not public are refused to them (CheckFilterAccess),
// so are figure measures by commune or by such attributes, and the rest is withheld or
// perturbed by the cell-key method (registry/index/disclosure.h).
#include <boost/json.hpp>

#include "registry/api/routes.h"
#include "registry/entity_query.h"
#include "registry/index/stats_api.h"

namespace hoptac::registry::api {
namespace {

using analytics::StatsKind;

analytics::ParameterLookup Lookup(const Request& request);

// Unknown parameters, after the filters only officials may use (registry::CheckFilterAccess).
Status CheckParameters(const Request& request, StatsKind kind) {
  HOPTAC_TRY(registry::CheckFilterAccess(request.principal, Lookup(request), registry::SharedFilterNames()));
  std::vector<std::string_view> allowed = analytics::StatsParameterNames(kind);
  std::vector<FieldError> errors;
  for (const auto& [name, value] : request.query) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      errors.push_back({name, "unknown_parameter", "field.unknown_parameter", {name}});
  }
  if (errors.empty()) return Ok();
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  e.fields = std::move(errors);
  return e;
}

analytics::ParameterLookup Lookup(const Request& request) {
  return [&request](std::string_view name) -> std::optional<std::string> {
    auto value = request.Query(name);
    return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
  };
}

Status RequireIndex(const analytics::RegistryIndex* index) {
  if (!index) return Error::Unavailable("the statistics index is not loaded");
  return Ok();
}

// Officials — the accounts that may also filter by any attribute (national and province accounts) —
// get exact figures; everyone else is the public.
analytics::Audience AudienceOf(const auth::Principal& who) {
  return registry::FiltersByAnyAttribute(who) ? analytics::Audience::kOfficial : analytics::Audience::kPublic;
}

// Province accounts: their province only, whatever they asked.
void Scope(const auth::Principal& who, analytics::StatsFilter& filter) {
  if (who.province_bound()) filter.scope_province = who.province_code;
}

}  // namespace

void AddStatsRoutes(Router& router, const Services& services) {
  analytics::RegistryIndex* index = services.index;
  router.Add({"GET", "/api/v1/stats/entities", "stats.entities", Access::kPublic, Execution::kWorker,
              [index](Request& request) -> Result<Response> {
                HOPTAC_TRY(RequireIndex(index));
                HOPTAC_TRY(CheckParameters(request, StatsKind::kStock));
                HOPTAC_ASSIGN_OR_RETURN(auto query, analytics::ParseStockQuery(Lookup(request)));
                Scope(request.principal, query.filter);
                query.audience = AudienceOf(request.principal);
                HOPTAC_ASSIGN_OR_RETURN(auto result, index->Stock(query));
                return Response::Json(analytics::StockToJson(*index, query, result, request.lang));
              }});
  router.Add({"GET", "/api/v1/stats/flows", "stats.flows", Access::kPublic, Execution::kWorker,
              [index](Request& request) -> Result<Response> {
                HOPTAC_TRY(RequireIndex(index));
                HOPTAC_TRY(CheckParameters(request, StatsKind::kFlows));
                HOPTAC_ASSIGN_OR_RETURN(auto query, analytics::ParseFlowQuery(Lookup(request)));
                Scope(request.principal, query.filter);
                HOPTAC_ASSIGN_OR_RETURN(auto result, index->Flows(query));
                return Response::Json(analytics::FlowsToJson(*index, query, result, request.lang));
              }});
  router.Add({"GET", "/api/v1/stats/series", "stats.series", Access::kPublic, Execution::kWorker,
              [index](Request& request) -> Result<Response> {
                HOPTAC_TRY(RequireIndex(index));
                HOPTAC_TRY(CheckParameters(request, StatsKind::kSeries));
                HOPTAC_ASSIGN_OR_RETURN(auto query, analytics::ParseSeriesQuery(Lookup(request)));
                Scope(request.principal, query.filter);
                query.audience = AudienceOf(request.principal);
                HOPTAC_ASSIGN_OR_RETURN(auto result, index->Series(query));
                return Response::Json(analytics::SeriesToJson(*index, query, result, request.lang));
              }});
}

}  // namespace hoptac::registry::api

// Statistics: /api/v1/stats/{entities,flows,series}, answered from the in-memory
// index (analytics::RegistryIndex). Province accounts see their province only;
// callers who are not officials (anonymous, partners, cooperative accounts) are the
// public: filters on attributes that are not public are refused to them (CheckFilterAccess),
// so are figure measures by commune or by such attributes, and the rest is withheld or
// perturbed by the cell-key method (registry/index/disclosure.h).
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "registry/api/routes.h"
#include "registry/entity_query.h"
#include "registry/index/pivot.h"
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

// /api/v1/stats/pivot: the parameters of /stats/entities (or, with `event`, of /stats/flows) without
// group_by, plus rows, cols, sort, dir and title.
constexpr std::string_view kPivotParameters[] = {"rows", "cols", "sort", "dir", "title"};

Status CheckPivotParameters(const Request& request, StatsKind kind) {
  HOPTAC_TRY(registry::CheckFilterAccess(request.principal, Lookup(request), registry::SharedFilterNames()));
  std::vector<std::string_view> allowed = analytics::StatsParameterNames(kind);
  std::erase(allowed, std::string_view("group_by"));
  allowed.insert(allowed.end(), std::begin(kPivotParameters), std::end(kPivotParameters));
  std::vector<FieldError> errors;
  for (const auto& [name, value] : request.query) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      errors.push_back({name, "unknown_parameter", "field.unknown_parameter", {name}});
  }
  auto rows = request.Query("rows");
  if (!rows || rows->empty()) errors.push_back({"rows", "required", "field.required", {}});
  if (auto dir = request.Query("dir"); dir && *dir != "asc" && *dir != "desc")
    errors.push_back({"dir", "invalid_enum", "field.invalid_enum", {std::string(*dir), "asc, desc"}});
  if (errors.empty()) return Ok();
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  e.fields = std::move(errors);
  return e;
}

std::string Say(i18n::Lang lang, std::string_view key, std::vector<std::string> args) {
  return i18n::Translate(lang, key, args);
}

std::string DayText(Date d, i18n::Lang lang) {
  char buffer[16];
  if (lang == i18n::Lang::kEn) return d.ToIso();
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", d.day(), d.month(), d.year());
  return buffer;
}

// The pivot as an XLSX file: the question above the table (pivot.h).
Result<Response> PivotXlsx(const analytics::RegistryIndex& index, const Request& request) {
  const bool flows = request.Query("event").has_value();
  const StatsKind kind = flows ? StatsKind::kFlows : StatsKind::kStock;
  HOPTAC_TRY(CheckPivotParameters(request, kind));
  analytics::PivotSpec spec;
  spec.rows = registry::SplitFilterList(std::string(*request.Query("rows")));
  if (auto cols = request.Query("cols")) spec.cols = registry::SplitFilterList(std::string(*cols));
  spec.sort = std::string(request.Query("sort").value_or(""));
  spec.descending = request.Query("dir").value_or("asc") == "desc";
  std::string group_by;
  for (const auto& d : spec.rows) group_by += (group_by.empty() ? "" : ",") + d;
  for (const auto& d : spec.cols) group_by += "," + d;
  analytics::ParameterLookup base = Lookup(request);
  analytics::ParameterLookup get = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "group_by") return group_by;
    return base(name);
  };
  const i18n::Lang lang = request.lang;
  boost::json::object answer;
  std::string when, scope_province;
  analytics::ProvinceScheme scheme;
  Date labels_on;
  if (flows) {
    HOPTAC_ASSIGN_OR_RETURN(auto query, analytics::ParseFlowQuery(get));
    Scope(request.principal, query.filter);
    HOPTAC_ASSIGN_OR_RETURN(auto result, index.Flows(query));
    answer = analytics::FlowsToJson(index, query, result, lang);
    when = Say(lang, "stats.pivot_period", {DayText(query.from, lang), DayText(query.to, lang)});
    scheme = query.scheme;
    labels_on = query.to;
    if (query.filter.provinces.size() == 1) scope_province = query.filter.provinces.front();
  } else {
    HOPTAC_ASSIGN_OR_RETURN(auto query, analytics::ParseStockQuery(get));
    Scope(request.principal, query.filter);
    query.audience = AudienceOf(request.principal);
    HOPTAC_ASSIGN_OR_RETURN(auto result, index.Stock(query));
    answer = analytics::StockToJson(index, query, result, lang);
    when = Say(lang, "stats.pivot_as_of", {DayText(query.as_of, lang)});
    scheme = query.scheme;
    labels_on = query.as_of;
    if (query.filter.provinces.size() == 1) scope_province = query.filter.provinces.front();
  }
  analytics::PivotTable table = analytics::BuildPivot(answer, spec);
  analytics::PivotHeading heading;
  heading.title = std::string(request.Query("title").value_or(""));
  if (heading.title.empty()) heading.title = i18n::Translate(lang, "stats.pivot_title");
  std::string scope;
  if (request.principal.province_bound()) {
    scope = index.Label(analytics::Dimension::kProvince, request.principal.province_code, lang, Date::Today());
  } else if (!scope_province.empty()) {
    scope = index.Label(analytics::Dimension::kProvince, scope_province, lang,
                        scheme == analytics::ProvinceScheme::kLegacy ? labels_on : Date::Today());
  } else {
    scope = i18n::Translate(lang, "stats.pivot_country");
  }
  heading.lines.push_back(Say(lang, "stats.pivot_scope", {scope}));
  heading.lines.push_back(when);
  heading.lines.push_back(i18n::Translate(lang, "stats.pivot_source"));
  for (const auto& d : spec.rows) heading.row_dim_labels.push_back(i18n::Translate(lang, "stats.dimension." + d));
  heading.total_label = i18n::Translate(lang, "stats.pivot_total");
  heading.subtotal_label = i18n::Translate(lang, "stats.pivot_subtotal");

  std::error_code ec;
  std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
  if (ec) folder = "/tmp";
  std::string path = (folder / "hoptac-pivot-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Error::Internal("pivot: cannot create a temporary file in " + folder.string());
  close(fd);
  if (Status written = analytics::WritePivotXlsx(table, heading, path); !written.ok()) {
    std::filesystem::remove(path, ec);
    return std::move(written).error();
  }
  Response response;
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"hoptac-pivot.xlsx\"");
  response.file_path = path;
  response.remove_file = true;
  return response;
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
  router.Add({"GET", "/api/v1/stats/pivot", "stats.pivot", Access::kPublic, Execution::kWorker,
              [index](Request& request) -> Result<Response> {
                HOPTAC_TRY(RequireIndex(index));
                return PivotXlsx(*index, request);
              }});
}

}  // namespace hoptac::registry::api

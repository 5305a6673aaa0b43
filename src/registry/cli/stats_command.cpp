// `hoptac stats entities|flows|series [--PARAM VALUE …] [--format table|csv|json] [--lang vi|en]`:
// the same queries and answers as /api/v1/stats/*, over an index built from the
// database (as a national officer sees it).
#include <boost/json.hpp>
#include <iostream>

#include "geo/admin_unit_store.h"
#include "registry/cli/commands.h"
#include "registry/index/stats_api.h"
#include "text/json_text.h"

namespace hoptac::registry::cli {

using hoptac::cli::CliLang;
using hoptac::cli::CommandLine;

std::vector<std::string> StatsOptionNames() {
  std::vector<std::string> names = {"format", "lang"};
  for (auto kind : {analytics::StatsKind::kStock, analytics::StatsKind::kFlows, analytics::StatsKind::kSeries})
    for (std::string_view n : analytics::StatsParameterNames(kind)) {
      std::string option(n);
      std::replace(option.begin(), option.end(), '_', '-');
      if (std::find(names.begin(), names.end(), option) == names.end()) names.push_back(option);
    }
  return names;
}

namespace {

Status Stats(const CommandLine& cli) {
  const std::string& what = cli.positional[0];
  analytics::StatsKind kind;
  if (what == "entities") {
    kind = analytics::StatsKind::kStock;
  } else if (what == "flows") {
    kind = analytics::StatsKind::kFlows;
  } else if (what == "series") {
    kind = analytics::StatsKind::kSeries;
  } else {
    return Error::Make(ErrorCode::kInvalidArgument, "cli.usage_stats");
  }
  std::string format = cli.Option("format").value_or("table");
  if (format != "table" && format != "csv" && format != "json")
    return Error::InvalidField("--format", "invalid_enum", "field.invalid_enum", {format, "table, csv, json"});
  // Options use dashes (--group-by); the API's parameters underscores (group_by).
  for (const auto& [name, value] : cli.options) {
    std::string parameter = name;
    std::replace(parameter.begin(), parameter.end(), '-', '_');
    auto names = analytics::StatsParameterNames(kind);
    if (name != "db" && name != "data-dir" && name != "format" && name != "lang" &&
        std::find(names.begin(), names.end(), parameter) == names.end())
      return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {"--" + name});
  }
  analytics::ParameterLookup get = [&cli](std::string_view name) -> std::optional<std::string> {
    std::string option(name);
    std::replace(option.begin(), option.end(), '_', '-');
    return cli.Option(option);
  };
  i18n::Lang lang = cli.Option("lang") ? i18n::FromCode(*cli.Option("lang"), CliLang()) : CliLang();
  HOPTAC_ASSIGN_OR_RETURN(auto db, hoptac::cli::OpenDatabase(cli, 2));
  HOPTAC_ASSIGN_OR_RETURN(auto units, geo::LoadDirectory(*db));
  HOPTAC_ASSIGN_OR_RETURN(auto index, analytics::RegistryIndex::Build(*db, units));
  boost::json::object answer;
  if (kind == analytics::StatsKind::kStock) {
    HOPTAC_ASSIGN_OR_RETURN(auto q, analytics::ParseStockQuery(get));
    q.audience = analytics::Audience::kOfficial;
    HOPTAC_ASSIGN_OR_RETURN(auto r, index->Stock(q));
    answer = analytics::StockToJson(*index, q, r, lang);
  } else if (kind == analytics::StatsKind::kFlows) {
    HOPTAC_ASSIGN_OR_RETURN(auto q, analytics::ParseFlowQuery(get));
    HOPTAC_ASSIGN_OR_RETURN(auto r, index->Flows(q));
    answer = analytics::FlowsToJson(*index, q, r, lang);
  } else {
    HOPTAC_ASSIGN_OR_RETURN(auto q, analytics::ParseSeriesQuery(get));
    q.audience = analytics::Audience::kOfficial;
    HOPTAC_ASSIGN_OR_RETURN(auto r, index->Series(q));
    answer = analytics::SeriesToJson(*index, q, r, lang);
  }
  if (format == "json") {
    std::cout << text::JsonText(answer) << std::endl;
  } else {
    std::cout << analytics::StatsTable(answer, format == "csv");
  }
  db->Close();
  return Ok();
}

}  // namespace

int StatsCommand(const CommandLine& cli) {
  const bool known = cli.positional.size() == 1 &&
                     (cli.positional[0] == "entities" || cli.positional[0] == "flows" || cli.positional[0] == "series");
  if (!known) return hoptac::cli::UsageError(Error::Make(ErrorCode::kInvalidArgument, "cli.usage_stats"));
  return hoptac::cli::ExitCode(Stats(cli));
}

}  // namespace hoptac::registry::cli

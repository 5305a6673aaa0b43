// The registry's command-table entries, and `hoptac demo` and `hoptac export`.
#include "registry/cli/commands.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include "geo/admin_unit_store.h"
#include "registry/demo/demo.h"
#include "registry/entity_query.h"
#include "registry/export.h"

namespace hoptac::registry::cli {

using hoptac::cli::CliLang;
using hoptac::cli::CommandLine;
using hoptac::cli::Number;

namespace {

// The list filters as options: --founded-from for founded_from.
std::string OptionName(std::string_view parameter) {
  std::string option(parameter);
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

std::vector<std::string> ExportOptionNames() {
  std::vector<std::string> names = {"format"};
  for (std::string_view name : EntityFilterNames()) names.push_back(OptionName(name));
  return names;
}

Status Demo(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  DemoLoadOptions options;
  std::string scale_text = cli.Option("scale").value_or("1");
  char* end = nullptr;
  options.demo.scale = std::strtod(scale_text.c_str(), &end);
  if (scale_text.empty() || *end != '\0' || !std::isfinite(options.demo.scale) || options.demo.scale <= 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_decimal", {"--scale", scale_text});
  if (auto seed = cli.Option("seed")) {
    auto [ptr, ec] = std::from_chars(seed->data(), seed->data() + seed->size(), options.demo.seed);
    if (seed->empty() || ec != std::errc() || ptr != seed->data() + seed->size())
      return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_number", {"--seed", *seed});
  }
  options.mode = cli.Option("if-empty") ? DemoLoadMode::kIfEmpty : DemoLoadMode::kAlways;
  HOPTAC_ASSIGN_OR_RETURN(auto planned, PlannedDemoCounts(options.demo.scale));
  HOPTAC_ASSIGN_OR_RETURN(auto db, hoptac::cli::OpenDatabase(cli, 2));
  HOPTAC_ASSIGN_OR_RETURN(auto directory, geo::LoadDirectory(*db));
  i18n::Lang lang = CliLang();
  hoptac::cli::Progress progress;
  // Said once loading has begun (with --if-empty it may not).
  bool announced = false;
  options.on_progress = [&](int64_t done, int64_t total) {
    if (!announced) {
      announced = true;
      std::cerr << i18n::Translate(lang, "cli.demo_loading",
                                   std::vector<std::string>{scale_text, std::to_string(options.demo.seed),
                                                            Number(planned.entities())})
                << std::endl;
    }
    progress.Show(i18n::Translate(lang, "cli.demo_progress", std::vector<std::string>{Number(done), Number(total)}));
  };
  HOPTAC_ASSIGN_OR_RETURN(auto loaded, LoadDemoData(*db, directory, hoptac::cli::CliPrincipal(), options));
  progress.Done();
  if (!loaded.loaded) {
    std::cout << i18n::Translate(lang, "cli.demo_skipped") << std::endl;
  } else {
    const DemoCounts& c = loaded.counts;
    std::cout << i18n::Translate(
                     lang, "cli.demo_loaded",
                     std::vector<std::string>{Number(c.entities()), Number(c.cooperatives), Number(c.groups),
                                              Number(c.unions), Number(c.credit_funds), Number(c.events),
                                              Number(c.figures), hoptac::cli::Seconds(started)})
              << std::endl;
  }
  db->Close();
  return Ok();
}

Status Export(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  if (cli.positional.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"entities|events|figures"});
  auto file_type = FileTypeFromName(cli.positional[0]);
  if (!file_type)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_command", {"export " + cli.positional[0]});
  if (cli.positional.size() < 2) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"FILE"});
  if (cli.positional.size() > 2)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {cli.positional[2]});
  const std::string& path = cli.positional[1];
  ExportRequest request;
  request.file = *file_type;
  if (auto format = cli.Option("format")) {
    auto parsed = ExportFormatFromName(*format);
    if (!parsed)
      return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {*format, ExportFormatNames()});
    request.format = *parsed;
  } else if (auto from_path = ExportFormatFromPath(path)) {
    request.format = *from_path;
  } else {
    return Error::Make(ErrorCode::kInvalidArgument, "cli.export_format_unknown", {path});
  }
  HOPTAC_ASSIGN_OR_RETURN(request.filters,
                          ParseEntityFilters([&cli](std::string_view name) { return cli.Option(OptionName(name)); }));
  HOPTAC_ASSIGN_OR_RETURN(auto db, hoptac::cli::OpenDatabase(cli, 2));
  HOPTAC_ASSIGN_OR_RETURN(auto directory, geo::LoadDirectory(*db));
  i18n::Lang lang = CliLang();
  hoptac::cli::Progress progress;
  request.on_progress = [&](int64_t rows) {
    progress.Show(i18n::Translate(lang, "cli.export_progress", std::vector<std::string>{Number(rows)}));
  };
  HOPTAC_ASSIGN_OR_RETURN(auto summary, ExportToFile(*db, *directory, hoptac::cli::CliPrincipal(), request, path));
  progress.Done();
  std::cout << i18n::Translate(lang, "cli.export_done",
                               std::vector<std::string>{Number(summary.rows), Number(summary.entities), path,
                                                        hoptac::cli::Seconds(started)})
            << std::endl;
  db->Close();
  return Ok();
}

}  // namespace

int DemoCommand(const CommandLine& cli) {
  if (!cli.positional.empty())
    return hoptac::cli::UsageError(Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {cli.positional[0]}));
  return hoptac::cli::ExitCode(Demo(cli));
}

int ExportCommand(const CommandLine& cli) { return hoptac::cli::ExitCode(Export(cli)); }

std::vector<hoptac::cli::Command> Commands() {
  return {
      {"import", kImportValueOptions, kImportFlagOptions,
       R"(  import entities|events|figures FILE [--dry-run] [--skip-bad-rows] [--confirm-warnings]
            [--as-of DATE] [--report FILE.csv|FILE.xlsx] [--db URL]
            Nhập tệp CSV/XLSX vào sổ đăng ký (tất cả hoặc không) / import a CSV or XLSX
            file into the registry (all or nothing unless --skip-bad-rows).
            --as-of: đọc tên/mã tỉnh theo ngày này khi dòng không có cột ngày của mã tỉnh /
            read the province names and codes as of this date when a row has no province_as_of
)",
       ImportCommand},
      {"demo",
       {"scale", "seed"},
       {"if-empty"},
       R"(  demo      Nạp dữ liệu mẫu / load demo data   --scale S [--seed N] [--if-empty] [--db URL]
              Quy mô 1 ≈ cả nước (34 nghìn HTX, 71 nghìn THT, 130 LHHTX, 1,2 nghìn QTDND);
              cùng quy mô và seed cho cùng dữ liệu / scale 1 ≈ the whole country; the same
              scale and seed give the same data. --if-empty: chỉ khi chưa có tổ chức nào /
              only into a registry without entities
)",
       DemoCommand},
      {"export",
       ExportOptionNames(),
       {},
       R"(  export entities|events|figures FILE [--format csv|xlsx] [--db URL]
            Xuất danh sách đã lọc / export a filtered list (định dạng theo đuôi tệp /
            format from the extension). Bộ lọc như API / filters as in the list API:
              --kind --province --status --as-of --q --sector --commune --legacy-province
              --women-managed true|false --youth true|false --founded-from --founded-to --sort
)",
       ExportCommand},
      {"stats",
       StatsOptionNames(),
       {},
       R"(  stats entities|flows|series [--measure M] [--group-by D1,D2] [--as-of DATE] [--from DATE] [--to DATE]
            [--event E] [--interval year|half|quarter] [--province-scheme current|legacy]
            [--kind K1,K2] [--province CODE] [--status S] [--sector S] … [--format table|csv|json]
            Thống kê như API /api/v1/stats / statistics as the API answers them [--db URL]
)",
       StatsCommand},
  };
}

}  // namespace hoptac::registry::cli

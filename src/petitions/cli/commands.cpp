#include "petitions/cli/commands.h"

#include <iostream>

#include "text/i18n.h"

namespace hoptac::petitions::cli {
namespace {

using hoptac::cli::CommandLine;

Status Run(const CommandLine& cli, const ServiceOpener& open) {
  const std::string what = cli.positional.empty() ? "" : cli.positional[0];
  if (what != "export") return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"export"});
  const std::string format = cli.Option("format").value_or("xlsx");
  if (format != "csv" && format != "xlsx")
    return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {format, "csv, xlsx"});
  const auto out = cli.Option("out");
  if (!out || out->empty()) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--out FILE"});
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<PetitionService> service, open(cli));
  PetitionQuery q;
  q.province = cli.Option("province").value_or("");
  HOPTAC_ASSIGN_OR_RETURN(int64_t rows, service->Export(hoptac::cli::CliPrincipal(), q, format == "xlsx", *out));
  std::cout << i18n::Translate(hoptac::cli::CliLang(), "cli.petitions_exported",
                               std::vector<std::string>{std::to_string(rows), *out})
            << std::endl;
  return Ok();
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"petitions",
       {"format", "out", "province"},
       {},
       R"(  petitions export --format csv|xlsx --out FILE [--province CODE] [--db URL]
            Xuất danh sách kiến nghị / export the petitions (a province's: today's code)
)",
       [open](const CommandLine& cli) { return hoptac::cli::ExitCode(Run(cli, open)); }},
  };
}

}  // namespace hoptac::petitions::cli

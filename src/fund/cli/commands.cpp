#include "fund/cli/commands.h"

namespace hoptac::fund::cli {
namespace {

using hoptac::cli::CommandLine;

Status Run(const CommandLine& cli, const ServiceOpener& open) {
  const std::string what = cli.positional.empty() ? "" : cli.positional[0];
  if (what == "import") return RunImport(cli, open);
  return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"import"});
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"fund",
       {"fund"},
       {"dry-run"},
       R"(  fund import FILE --fund ID [--dry-run] [--db URL]
            Nhập sổ cho vay (CSV/XLSX) vào quỹ / import a loan book into a fund
)",
       [open](const CommandLine& cli) { return hoptac::cli::ExitCode(Run(cli, open)); }},
  };
}

}  // namespace hoptac::fund::cli

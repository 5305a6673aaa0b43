// hoptac fund import FILE --fund ID [--dry-run]: fund_import.h through the command line.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fund/cli/commands.h"
#include "fund/fund_import.h"
#include "text/i18n.h"

namespace hoptac::fund::cli {

Status RunImport(const hoptac::cli::CommandLine& cli, const ServiceOpener& open) {
  if (cli.positional.size() < 2) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"FILE"});
  int64_t fund_id = 0;
  const std::string text = cli.Option("fund").value_or("");
  auto [end, parsed] = std::from_chars(text.data(), text.data() + text.size(), fund_id);
  if (text.empty() || parsed != std::errc() || end != text.data() + text.size() || fund_id <= 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--fund ID"});
  const std::filesystem::path path = cli.positional[1];
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable", {path.filename().string()});
  std::stringstream bytes;
  bytes << in.rdbuf();
  const bool dry_run = cli.options.count("dry-run") > 0;
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<FundService> service, open(cli));
  HOPTAC_ASSIGN_OR_RETURN(LoanImportReport report, ImportLoanBook(*service, hoptac::cli::CliPrincipal(), fund_id,
                                                                  bytes.str(), path.filename().string(), dry_run));
  const i18n::Lang lang = hoptac::cli::CliLang();
  for (const RowError& e : report.errors)
    std::cerr << i18n::Translate(
                     lang, "cli.fund_import_row_error",
                     std::vector<std::string>{std::to_string(e.row), e.column, i18n::Translate(lang, e.key, e.args)})
              << "\n";
  const std::vector<std::string> counts{std::to_string(report.loans), std::to_string(report.disbursements),
                                        std::to_string(report.repayments)};
  if (!report.errors.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.fund_import_failed", {std::to_string(report.errors.size())});
  std::cout << i18n::Translate(lang, report.committed ? "cli.fund_imported" : "cli.fund_import_checked", counts)
            << std::endl;
  return Ok();
}

}  // namespace hoptac::fund::cli

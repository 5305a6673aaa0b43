// The support fund's commands:
//
//   fund portfolio --as-of DATE [--from DATE] [--group-by none|fund|province|sector|women_managed|youth]
//                  [--format table|csv]
//       the portfolio on a date, as GET /api/v1/loans/portfolio answers it
//   fund import FILE --fund ID [--dry-run]
//       imports an existing loan book (CSV or XLSX) into fund ID, as POST /api/v1/loans/import
//       does: all or nothing; every wrong row named with its column; exit code 1 when any
//
// They act as the command line (full rights). The service comes from `open`, which app/main.cpp
// gives (only app/ assembles the system).
//
// Thread-safety: commands run on the main thread.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "cli/command_line.h"
#include "fund/fund_service.h"

namespace hoptac::fund::cli {

using ServiceOpener = std::function<Result<std::shared_ptr<FundService>>(const hoptac::cli::CommandLine&)>;

std::vector<hoptac::cli::Command> Commands(ServiceOpener open);

// `fund import` (import_command.cpp).
Status RunImport(const hoptac::cli::CommandLine& cli, const ServiceOpener& open);

}  // namespace hoptac::fund::cli

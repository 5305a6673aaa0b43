// The fund's commands:
//
//   fund portfolio --as-of DATE [--from DATE] [--group-by none|fund|province|sector|women_managed|youth]
//                  [--format table|csv]
//       the portfolio on a date, as GET /api/v1/loans/portfolio answers it
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

}  // namespace hoptac::fund::cli

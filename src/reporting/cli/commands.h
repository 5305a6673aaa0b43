// Reporting's commands:
//
//   report forms                                   the latest version of every form (a table:
//                                                  code, version, level, period types, name)
//   report completeness --form F --period P [--province C]
//                                                  who has reported (as GET /api/v1/reports/completeness)
//
// They act as the command line (full rights). The service comes from `open`, which app/main.cpp
// gives: building it needs the whole system (the indicators are answered by the registry's
// index), which only app/ may assemble.
//
// Thread-safety: commands run on the main thread.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "cli/command_line.h"
#include "reporting/report_service.h"

namespace hoptac::reporting::cli {

// Opens the database of the command line and builds the service (kept alive by the pointer).
using ServiceOpener = std::function<Result<std::shared_ptr<ReportService>>(const hoptac::cli::CommandLine&)>;

// The entries for app/main.cpp's command table.
std::vector<hoptac::cli::Command> Commands(ServiceOpener open);

}  // namespace hoptac::reporting::cli

// The petitions' commands:
//
//   petitions export --format csv|xlsx --out FILE [--province 20]
//       the petitions (of a province: by today's province code) with the export's Vietnamese
//       headings, as GET /api/v1/petitions/export writes them
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
#include "petitions/petition_service.h"

namespace hoptac::petitions::cli {

using ServiceOpener = std::function<Result<std::shared_ptr<PetitionService>>(const hoptac::cli::CommandLine&)>;

std::vector<hoptac::cli::Command> Commands(ServiceOpener open);

}  // namespace hoptac::petitions::cli

// The programmes' commands:
//
//   programme list                       every programme (code, period, status, province, title)
//   programme progress CODE [--lang en]  a programme's targets with their live progress
//
// They act as the command line (full rights). The service comes from `open`, which app/main.cpp
// gives: its progress asks the indicators, answered by the registry's index, which only app/
// may assemble.
//
// Thread-safety: commands run on the main thread.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "cli/command_line.h"
#include "programmes/programme_service.h"

namespace hoptac::programmes::cli {

using ServiceOpener = std::function<Result<std::shared_ptr<ProgrammeService>>(const hoptac::cli::CommandLine&)>;

std::vector<hoptac::cli::Command> Commands(ServiceOpener open);

}  // namespace hoptac::programmes::cli

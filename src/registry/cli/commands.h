// The registry's commands: `hoptac import`, `export`, `demo` and `stats`.
//
//   import entities|events|figures FILE [--dry-run] [--skip-bad-rows] [--confirm-warnings]
//          [--report FILE.csv|FILE.xlsx]: imports a registry file (registry/import/import.h)
//          as the command-line user (full rights, audited as "cli:<os user>"), with a
//          progress bar on stderr when it is a terminal, a summary on stdout, and the
//          problems on stderr (the first ones) and in the --report file (all of them).
//          Ctrl-C cancels: nothing is written. Exit 0 when the import committed (or a dry
//          run found no bad row); 1 when nothing was written because of bad rows or the file
//          was refused; 130 when cancelled.
//   export entities|events|figures FILE [--format csv|xlsx] [list filters]: a filtered list
//          (registry/export.h), the filters spelled as the list API's with dashes.
//   demo   --scale S [--seed N] [--if-empty]: deterministic demo data (registry/demo/demo.h).
//   stats  entities|flows|series [parameters]: the answers of /api/v1/stats/*, from an index
//          built from the database.
//
// Thread-safety: commands run on the main thread.
#pragma once

#include <vector>

#include "cli/command_line.h"

namespace hoptac::registry::cli {

// The entries for app/main.cpp's command table.
std::vector<hoptac::cli::Command> Commands();

// The commands themselves (exit codes as hoptac::cli says).
int ImportCommand(const hoptac::cli::CommandLine& cli);
int ExportCommand(const hoptac::cli::CommandLine& cli);
int DemoCommand(const hoptac::cli::CommandLine& cli);
int StatsCommand(const hoptac::cli::CommandLine& cli);

// Option names of the commands, for the table.
extern const std::vector<std::string> kImportValueOptions;
extern const std::vector<std::string> kImportFlagOptions;
std::vector<std::string> StatsOptionNames();

}  // namespace hoptac::registry::cli

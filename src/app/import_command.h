// `hoptac import entities|events|figures FILE [--dry-run] [--skip-bad-rows]
// [--confirm-warnings] [--report FILE.csv|FILE.xlsx] [--db URL]`: imports a registry
// file (registry/import.h) as the command-line user (full rights, audited as
// "cli:<os user>"), with a progress bar on stderr when it is a terminal (plain
// progress lines otherwise), a summary on stdout, and the problems on stderr (the
// first ones) and in the --report file (all of them). Ctrl-C cancels: nothing is
// written.
//
// Exit codes: 0 when the import committed (or a dry run found no bad row); 1 when
// nothing was written because of bad rows (or a dry run found some) or the file was
// refused; 130 when cancelled.
#pragma once

#include <functional>
#include <memory>

#include "app/cli.h"
#include "base/result.h"
#include "storage/db.h"

namespace hoptac::app {

// Flags and value options of the command, for ParseCommandLine.
extern const std::vector<std::string> kImportValueOptions;
extern const std::vector<std::string> kImportFlagOptions;

using OpenDatabase = std::function<Result<std::unique_ptr<storage::Db>>()>;

// Runs the command; returns the exit code (errors already printed).
int ImportCommand(const CommandLine& cli, const OpenDatabase& open_database);

}  // namespace hoptac::app

// The subcommands of hoptac that live outside main.cpp, and what they share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/cli.h"
#include "base/result.h"
#include "storage/db.h"

namespace hoptac::app {

// Opens the database, applies migrations and seeds the reference administrative units.
Result<std::unique_ptr<storage::Db>> OpenAndPrepare(const CommandLine& cli, int read_pool_size);

// hoptac stats entities|flows|series …
Status StatsCommand(const CommandLine& cli);
std::vector<std::string> StatsOptionNames();

}  // namespace hoptac::app

// Command-line parsing shared by every hoptac subcommand.
//
// Every subcommand that touches data takes the same `--db URL` (default
// `sqlite:<data-dir>/hoptac.db`, data dir `var`). Options are `--name value` or
// `--name=value`. Errors carry i18n keys, printed in the CLI language
// (HOPTAC_LANG=en for English; Vietnamese by default).
//
// Thread-safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "text/i18n.h"

namespace hoptac::app {

struct CommandLine {
  std::string command;                         // "serve", "migrate", …
  std::map<std::string, std::string> options;  // without the leading "--"
  std::vector<std::string> positional;

  std::optional<std::string> Option(const std::string& name) const;
  // The database URL from --db, or the default under --data-dir.
  std::string DatabaseUrl() const;
  std::string DataDir() const;
};

// Parses argv[1..]. `value_options` take a value; `flag_options` do not.
// Errors: "cli.unknown_option", "cli.missing_value".
Result<CommandLine> ParseCommandLine(int argc, char** argv, const std::vector<std::string>& value_options,
                                     const std::vector<std::string>& flag_options);

i18n::Lang CliLang();
// Prints a translated error to stderr.
void PrintError(const Error& error);

}  // namespace hoptac::app

// The command-line framework shared by every hoptac subcommand: options, the
// command table's entries, the CLI language, errors, progress, and opening the
// database. No capability lives here; each capability's cli/ folder defines its
// commands as `Command` values and app/main.cpp puts them in one table.
//
// Every subcommand that touches data takes the same `--db URL` (default
// `sqlite:<data-dir>/hoptac.db`, data dir `var`) and `--sync full|normal` (SQLite's
// durability, storage::Sync: full by default, normal for bulk loads). Options are `--name value` or
// `--name=value`. Errors carry i18n keys, printed in the CLI language
// (HOPTAC_LANG=en for English; Vietnamese by default).
//
// Exit codes: 0 success, 1 the command failed (error printed), 2 usage error.
//
// Thread-safety: plain values; Progress writes to stderr from the calling thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "storage/db.h"
#include "text/i18n.h"

namespace hoptac::cli {

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

// One subcommand of hoptac: its name, its options (besides --db and --data-dir, which
// every command accepts), the lines it adds to `hoptac help`, and what it does.
struct Command {
  std::string name;
  std::vector<std::string> value_options;
  std::vector<std::string> flag_options;
  std::string help;  // indented lines, Vietnamese / English
  // Runs with the parsed command line; returns the exit code (errors already printed).
  std::function<int(const CommandLine& cli)> run;
};

// Finds the command named by argv[1], parses its options and runs it. Unknown
// commands and bad options are usage errors (exit 2, with `help` on stderr).
int RunCommand(const std::vector<Command>& commands, int argc, char** argv, std::string_view help);

// The exit code of a command's status: 0, or 1 with the error printed.
int ExitCode(const Status& status);
// Prints the error and returns 2.
int UsageError(const Error& error);

i18n::Lang CliLang();
// A count in the CLI language's format: 106.330 in Vietnamese, 106,330 in English.
std::string Number(int64_t value);
// Prints a translated error to stderr.
void PrintError(const Error& error);
// A positive integer option, or `fallback` when absent; a malformed or non-positive
// value is an error ("cli.bad_number").
Result<int> PositiveIntOption(const CommandLine& cli, const std::string& name, int fallback);

// The operating-system user running the command, and the principal commands act as
// (full rights, audited as "cli:<os user>").
std::string OsUser();
auth::Principal CliPrincipal();

// Opens the database of --db/--data-dir (and --sync; "cli.bad_sync" when it is neither
// full nor normal) with a read pool of `read_pool_size`, applies
// the migrations and seeds the reference administrative units.
Result<std::unique_ptr<storage::Db>> OpenDatabase(const CommandLine& cli, int read_pool_size);

// Progress on stderr, on one line, when stderr is a terminal.
class Progress {
 public:
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void Show(const std::string& text);
  void Done();

 private:
  bool tty_;
  bool shown_ = false;
};

// Seconds since `started`, one decimal ("2.4").
std::string Seconds(std::chrono::steady_clock::time_point started);

}  // namespace hoptac::cli

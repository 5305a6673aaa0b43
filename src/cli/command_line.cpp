#include "cli/command_line.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "base/log.h"
#include "geo/admin_unit_store.h"
#include "text/format.h"

namespace hoptac::cli {

std::optional<std::string> CommandLine::Option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::string CommandLine::DataDir() const { return Option("data-dir").value_or("var"); }

std::string CommandLine::DatabaseUrl() const {
  if (auto db = Option("db")) return *db;
  return "sqlite:" + DataDir() + "/hoptac.db";
}

Result<CommandLine> ParseCommandLine(int argc, char** argv, const std::vector<std::string>& value_options,
                                     const std::vector<std::string>& flag_options) {
  CommandLine out;
  if (argc >= 2) out.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.starts_with("--") || arg == "--") {
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool takes_value = std::find(value_options.begin(), value_options.end(), name) != value_options.end();
    bool is_flag = std::find(flag_options.begin(), flag_options.end(), name) != flag_options.end();
    if (!takes_value && !is_flag) return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {arg});
    if (takes_value && !value) {
      if (i + 1 >= argc) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_value", {"--" + name});
      value = argv[++i];
    }
    out.options[name] = value.value_or("true");
  }
  return out;
}

i18n::Lang CliLang() {
  const char* env = std::getenv("HOPTAC_LANG");
  return env ? i18n::FromCode(env) : i18n::Lang::kVi;
}

std::string Number(int64_t value) {
  return text::FormatInteger(value, CliLang() == i18n::Lang::kVi ? text::Locale::kVi : text::Locale::kEn);
}

void PrintError(const Error& error) {
  i18n::Lang lang = CliLang();
  std::cerr << "hoptac: " << i18n::Translate(lang, error.key, error.args);
  for (const auto& field : error.fields)
    std::cerr << "\n  " << field.field << ": " << i18n::Translate(lang, field.key, field.args);
  if (!error.detail.empty()) std::cerr << "\n  (" << error.detail << ")";
  std::cerr << std::endl;
}

int ExitCode(const Status& status) {
  if (status.ok()) return 0;
  PrintError(status.error());
  return 1;
}

int UsageError(const Error& error) {
  PrintError(error);
  return 2;
}

int RunCommand(const std::vector<Command>& commands, int argc, char** argv, std::string_view help) {
  std::string name = argc >= 2 ? argv[1] : "help";
  for (const Command& command : commands) {
    if (command.name != name) continue;
    std::vector<std::string> value_options = {"db", "data-dir", "sync"};
    value_options.insert(value_options.end(), command.value_options.begin(), command.value_options.end());
    auto cli = ParseCommandLine(argc, argv, value_options, command.flag_options);
    if (!cli.ok()) return UsageError(cli.error());
    if (auto sync = cli->Option("sync"); sync && !storage::ParseSync(*sync)) {
      return UsageError(Error::Make(ErrorCode::kInvalidArgument, "cli.bad_sync", {*sync}));
    }
    return command.run(*cli);
  }
  PrintError(Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_command", {name}));
  std::cerr << help;
  return 2;
}

Result<int> PositiveIntOption(const CommandLine& cli, const std::string& name, int fallback) {
  auto text = cli.Option(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value <= 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_number", {"--" + name, *text});
  return value;
}

std::string OsUser() {
  const char* user = std::getenv("USER");
  return user && *user ? user : std::to_string(getuid());
}

auth::Principal CliPrincipal() { return auth::Principal::Cli(OsUser()); }

Result<std::unique_ptr<storage::Db>> OpenDatabase(const CommandLine& cli, int read_pool_size) {
  storage::DbOptions options;
  options.read_pool_size = read_pool_size;
  if (auto sync = cli.Option("sync")) {
    std::optional<storage::Sync> parsed = storage::ParseSync(*sync);
    if (!parsed) return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_sync", {*sync});
    options.sync = *parsed;
  }
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl(), options));
  HOPTAC_TRY(geo::PrepareDatabase(*db));
  return db;
}

Progress::Progress() : tty_(isatty(STDERR_FILENO) != 0) {}
Progress::~Progress() { Done(); }

void Progress::Show(const std::string& text) {
  if (!tty_) return;
  std::cerr << "\r" << text << "\x1b[K" << std::flush;
  shown_ = true;
}

void Progress::Done() {
  if (shown_) std::cerr << std::endl;
  shown_ = false;
}

std::string Seconds(std::chrono::steady_clock::time_point started) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return text;
}

}  // namespace hoptac::cli

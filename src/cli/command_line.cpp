#include "app/cli.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace hoptac::app {

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

void PrintError(const Error& error) {
  i18n::Lang lang = CliLang();
  std::cerr << "hoptac: " << i18n::Translate(lang, error.key, error.args);
  for (const auto& field : error.fields)
    std::cerr << "\n  " << field.field << ": " << i18n::Translate(lang, field.key, field.args);
  if (!error.detail.empty()) std::cerr << "\n  (" << error.detail << ")";
  std::cerr << std::endl;
}

}  // namespace hoptac::app

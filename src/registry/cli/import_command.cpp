#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "geo/admin_unit_store.h"
#include "io/format_detect.h"
#include "registry/cli/commands.h"
#include "registry/import/import.h"
#include "text/format.h"

namespace hoptac::registry::cli {

using hoptac::cli::CliLang;
using hoptac::cli::CommandLine;
using hoptac::cli::PrintError;

const std::vector<std::string> kImportValueOptions = {"report", "as-of"};
const std::vector<std::string> kImportFlagOptions = {"dry-run", "skip-bad-rows", "confirm-warnings"};

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void OnInterrupt(int) { g_cancel.store(true); }

using hoptac::cli::Number;

std::string Say(const char* key, const std::vector<std::string>& args = {}) {
  return i18n::Translate(CliLang(), key, args);
}

// Data rows in a CSV file, estimated by counting line breaks (for the progress bar).
int64_t EstimateCsvRows(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return 0;
  char buffer[1 << 16];
  int64_t lines = 0;
  size_t got = 0;
  char last = '\n';
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    for (size_t i = 0; i < got; ++i) lines += buffer[i] == '\n';
    last = buffer[got - 1];
  }
  std::fclose(file);
  if (last != '\n') ++lines;
  return lines > 0 ? lines - 1 : 0;  // the header
}

std::string FileHead(const std::string& path) {
  char head[512];
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return {};
  size_t got = std::fread(head, 1, sizeof head, file);
  std::fclose(file);
  return std::string(head, got);
}

class Progress {
 public:
  Progress(bool terminal, int64_t estimated_rows)
      : terminal_(terminal), estimated_(estimated_rows), start_(std::chrono::steady_clock::now()) {}

  void Update(int64_t rows, bool final = false) {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string rate = Number(seconds > 0 ? static_cast<int64_t>(rows / seconds) : 0);
    if (terminal_) {
      if (!final && now - last_ < std::chrono::milliseconds(100)) return;
      last_ = now;
      constexpr int kWidth = 30;
      std::string bar;
      if (estimated_ > 0) {
        double share = std::min(1.0, final ? 1.0 : static_cast<double>(rows) / static_cast<double>(estimated_));
        int filled = static_cast<int>(share * kWidth);
        bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " +
              std::to_string(static_cast<int>(share * 100)) + "% ";
      } else {
        static const char* kSpin = "|/-\\";
        bar = std::string("[") + kSpin[(spin_++) % 4] + "] ";
      }
      std::cerr << "\r" << bar << Say("cli.import_progress", {Number(rows), rate}) << "\x1b[K" << (final ? "\n" : "")
                << std::flush;
    } else if (final || rows >= next_line_) {
      while (next_line_ <= rows) next_line_ += 100'000;
      std::cerr << "hoptac: " << Say("cli.import_progress", {Number(rows), rate}) << std::endl;
    }
  }

 private:
  bool terminal_;
  int64_t estimated_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  int64_t next_line_ = 100'000;
  int spin_ = 0;
};

void PrintProblems(const registry::ImportResult& result, i18n::Lang lang, bool have_report) {
  constexpr size_t kShown = 20;
  for (size_t i = 0; i < result.problems.size() && i < kShown; ++i) {
    const registry::ImportProblem& p = result.problems[i];
    std::string where = p.row > 0 ? Say("cli.import_problem_row", {std::to_string(p.row)}) : std::string();
    if (!p.column.empty()) {
      where += (where.empty() ? "" : ", ") + Say("cli.import_problem_column", {p.column});
      if (!p.value.empty()) where += " (\"" + p.value + "\")";
    }
    std::cerr << "  " << (p.severity == registry::Severity::kWarning ? "! " : "x ") << where << ": " << p.Reason(lang)
              << "\n";
  }
  if (result.problems_total > static_cast<int64_t>(kShown)) {
    std::cerr << "  "
              << Say(have_report ? "cli.import_more_problems_report" : "cli.import_more_problems",
                     {Number(result.problems_total - static_cast<int64_t>(kShown))})
              << "\n";
  }
}

}  // namespace

int ImportCommand(const CommandLine& cli) {
  i18n::Lang lang = CliLang();
  if (cli.positional.size() < 2) {
    PrintError(Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"entities|events|figures FILE"}));
    return 2;
  }
  auto type = registry::FileTypeFromName(cli.positional[0]);
  if (!type) {
    PrintError(Error::Make(ErrorCode::kInvalidArgument, "cli.import_type", {cli.positional[0]}));
    return 2;
  }
  const std::string& path = cli.positional[1];
  std::string report = cli.Option("report").value_or("");
  bool report_xlsx = report.ends_with(".xlsx") || report.ends_with(".XLSX");
  if (!report.empty() && !report_xlsx && !report.ends_with(".csv") && !report.ends_with(".CSV")) {
    PrintError(Error::Make(ErrorCode::kInvalidArgument, "cli.import_report_format", {report}));
    return 2;
  }

  io::CsvReadOptions csv;
  csv.numbering = io::RowNumbering::kRecords;  // the rows Excel shows
  auto source = io::OpenTable(path, csv);
  if (!source.ok()) {
    PrintError(source.error());
    return 1;
  }
  auto db = hoptac::cli::OpenDatabase(cli, 2);
  if (!db.ok()) {
    PrintError(db.error());
    return 1;
  }
  auto dataset = geo::LoadAdminUnits(**db);
  if (!dataset.ok()) {
    PrintError(dataset.error());
    return 1;
  }
  registry::ImportService service(**db, geo::AdminUnitDirectory::Create(std::move(dataset).value()));

  bool terminal = isatty(STDERR_FILENO) != 0;
  bool is_csv = io::DetectFormat(FileHead(path)) == io::FileFormat::kCsv;
  Progress progress(terminal, terminal && is_csv ? EstimateCsvRows(path) : 0);
  registry::ImportOptions options;
  options.type = *type;
  options.dry_run = cli.Option("dry-run").has_value();
  options.skip_bad_rows = cli.Option("skip-bad-rows").has_value();
  options.confirm_warnings = cli.Option("confirm-warnings").has_value();
  if (auto as_of = cli.Option("as-of")) {
    options.as_of = Date::ParseIso(*as_of);
    if (!options.as_of) {
      PrintError(Error::InvalidField("as_of", "invalid_date", "field.invalid_date", {*as_of}));
      return 2;
    }
  }
  if (Status checked = registry::CheckImportAsOf(options.type, options.as_of); !checked.ok()) {
    PrintError(checked.error());
    return 2;
  }
  options.source_name = std::filesystem::path(path).filename().string();
  options.file_path = path;  // kept with the import (registry/import/import_files.h)
  options.on_progress = [&](int64_t rows) { progress.Update(rows); };
  options.cancel = &g_cancel;
  auto previous = std::signal(SIGINT, OnInterrupt);
  auto result = service.Import(hoptac::cli::CliPrincipal(), **source, options);
  std::signal(SIGINT, previous);
  if (!result.ok()) {
    if (terminal) std::cerr << "\n";
    PrintError(result.error());
    (*db)->Close();
    return 1;
  }
  progress.Update(result->counts.rows_read, /*final=*/true);
  const registry::ImportResult& r = *result;
  const registry::ImportCounts& c = r.counts;

  if (!r.unknown_headers.empty()) {
    std::string names;
    for (const auto& h : r.unknown_headers) names += (names.empty() ? "\"" : ", \"") + h + "\"";
    std::cerr << "hoptac: " << Say("cli.import_unknown_columns", {names}) << "\n";
  }
  PrintProblems(r, lang, !report.empty());
  if (!report.empty()) {
    Status written = report_xlsx ? registry::WriteProblemsXlsx(r, report) : registry::WriteProblemsCsv(r, report);
    if (!written.ok()) {
      PrintError(written.error());
    } else {
      std::cerr << "hoptac: " << Say("cli.import_report_written", {report, Number(r.problems_total)}) << "\n";
    }
  }
  std::cout << Say("cli.import_summary",
                   {Number(c.rows_read), Number(c.created), Number(c.updated), Number(c.unchanged), Number(c.bad_rows)})
            << "\n";
  if (c.events_added > 0) std::cout << Say("cli.import_events_added", {Number(c.events_added)}) << "\n";
  int code = 0;
  switch (r.outcome) {
    case registry::ImportOutcome::kCommitted:
      if (c.bad_rows > 0) std::cout << Say("cli.import_skipped", {Number(c.bad_rows)}) << "\n";
      std::cout << Say(r.wrote() ? "cli.import_committed" : "cli.import_nothing_changed",
                       {std::to_string(r.registry_version)})
                << "\n";
      std::cout << Say("cli.import_recorded", {std::to_string(r.import_id), options.source_name, r.file_sha256})
                << "\n";
      break;
    case registry::ImportOutcome::kDryRun:
      if (c.unconfirmed_rows > 0)
        std::cout << Say("cli.import_also_confirmation", {Number(c.unconfirmed_rows)}) << "\n";
      std::cout << Say("cli.import_dry_run") << "\n";
      code = c.bad_rows > 0 ? 1 : 0;
      break;
    case registry::ImportOutcome::kRejected:
      // Rows held back only by warnings are not errors: say how to confirm them.
      if (c.unconfirmed_rows == c.bad_rows) {
        std::cout << Say("cli.import_needs_confirmation", {Number(c.unconfirmed_rows)}) << "\n";
      } else {
        std::cout << Say("cli.import_rejected", {Number(c.bad_rows)}) << "\n";
        if (c.unconfirmed_rows > 0)
          std::cout << Say("cli.import_also_confirmation", {Number(c.unconfirmed_rows)}) << "\n";
      }
      code = 1;
      break;
    case registry::ImportOutcome::kCancelled:
      std::cout << Say("cli.import_cancelled") << "\n";
      code = 130;
      break;
  }
  (*db)->Close();
  return code;
}

}  // namespace hoptac::registry::cli

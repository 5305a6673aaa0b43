#include "app/backup.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "geo/admin_unit_store.h"
#include "registry/import/import_files.h"
#include "storage/db.h"

namespace hoptac::app {

const char* const kBackupHelp =
    R"(  backup FILE [--db URL]
            Sao lưu toàn bộ cơ sở dữ liệu vào FILE khi máy chủ vẫn chạy (SQLite), kèm các tệp
            gốc của các lần nhập trong FILE.files/; PostgreSQL: in lệnh pg_dump /
            back up the whole database into FILE while the server runs (SQLite), with the
            original files of imports in FILE.files/; PostgreSQL: prints the pg_dump command
  restore FILE [--db URL] [--replace]
            Khôi phục bản sao lưu FILE (dừng máy chủ trước; --replace khi cơ sở dữ liệu đã có
            dữ liệu) / restore the backup FILE (stop the servers first; --replace when the
            database already holds data); PostgreSQL: prints the pg_restore command
)";

namespace {

namespace fs = std::filesystem;
using cli::CliLang;

// The folder beside a backup file that holds the original files of imports.
std::string FilesFolderOf(const std::string& file) { return file + ".files"; }

// Copies every file under `from` into `to` (same relative paths) unless a file of the
// same size is there already (the files are named by their SHA-256). Each file is
// written under a temporary name and renamed. Returns the number copied.
Result<int64_t> CopyFiles(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return int64_t{0};
  int64_t copied = 0;
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    // A file an import is still writing (registry/import/import_files.cpp) is not kept yet.
    if (it->path().filename().string().find(".tmp-") != std::string::npos) continue;
    const fs::path target = to / fs::relative(it->path(), from, ec);
    if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == it->file_size(ec)) continue;
    fs::create_directories(target.parent_path(), ec);
    const fs::path partial = target.string() + ".partial";
    fs::copy_file(it->path(), partial, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(partial, target, ec);
    if (ec)
      return Error::Unavailable("cannot copy " + it->path().string() + " to " + target.string() + ": " + ec.message());
    ++copied;
  }
  if (ec) return Error::Unavailable("cannot read " + from.string() + ": " + ec.message());
  return copied;
}

// PostgreSQL: what to run instead (exit 1: nothing was copied).
int PostgresInstead(const storage::Db& db, const std::string& file, bool restore) {
  const std::string url = db.Describe();  // the password masked
  std::cerr << i18n::Translate(CliLang(), restore ? "cli.restore_use_pg_restore" : "cli.backup_use_pg_dump") << "\n  "
            << (restore ? "pg_restore --clean --if-exists --no-owner --dbname='" + url + "' '" + file + "'"
                        : "pg_dump --format=custom --no-owner --file='" + file + "' --dbname='" + url + "'")
            << std::endl;
  return 1;
}

Status Backup(const cli::CommandLine& cli, const std::string& file, int& exit_code) {
  // Not OpenDatabase: a backup changes nothing, not even the schema.
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl()));
  if (db->backend() == storage::Backend::kPostgres) {
    exit_code = PostgresInstead(*db, file, false);
    return Ok();
  }
  HOPTAC_TRY(db->BackupTo(file));
  int64_t copied = 0;
  if (!db->DataFolder().empty()) {
    const auto files = registry::ImportFileStore::InFolder(db->DataFolder());
    HOPTAC_ASSIGN_OR_RETURN(copied, CopyFiles(files.Root(), fs::path(FilesFolderOf(file)) / "imports"));
  }
  std::error_code ec;
  const auto bytes = static_cast<int64_t>(fs::file_size(file, ec));
  const std::vector<std::string> args = {db->Describe(), file, cli::Number(bytes), cli::Number(copied),
                                         FilesFolderOf(file)};
  std::cout << i18n::Translate(CliLang(), "cli.backup_done", args) << std::endl;
  db->Close();
  return Ok();
}

Status Restore(const cli::CommandLine& cli, const std::string& file, int& exit_code) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl()));
  if (db->backend() == storage::Backend::kPostgres) {
    exit_code = PostgresInstead(*db, file, true);
    return Ok();
  }
  bool holds_data = false;
  HOPTAC_TRY(db->Read([&](storage::Connection& connection) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto row, connection.QueryOne("SELECT count(*) FROM sqlite_master WHERE type = 'table'"));
    holds_data = row && std::get<int64_t>((*row)[0]) > 0;
    return Ok();
  }));
  if (holds_data && !cli.Option("replace")) {
    return Error::Make(ErrorCode::kInvalidArgument, "cli.restore_would_replace", {db->Describe()});
  }
  HOPTAC_TRY(db->RestoreFrom(file));
  HOPTAC_ASSIGN_OR_RETURN(int applied, geo::PrepareDatabase(*db));  // an older backup is brought up to date
  int64_t copied = 0;
  if (!db->DataFolder().empty()) {
    const auto files = registry::ImportFileStore::InFolder(db->DataFolder());
    HOPTAC_ASSIGN_OR_RETURN(copied, CopyFiles(fs::path(FilesFolderOf(file)) / "imports", files.Root()));
  }
  const std::vector<std::string> args = {file, db->Describe(), std::to_string(applied), cli::Number(copied)};
  std::cout << i18n::Translate(CliLang(), "cli.restore_done", args) << std::endl;
  db->Close();
  return Ok();
}

int Run(const cli::CommandLine& cli, bool restore) {
  if (cli.positional.size() != 1) {
    return cli::UsageError(Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"FILE"}));
  }
  int exit_code = 0;
  Status status = restore ? Restore(cli, cli.positional[0], exit_code) : Backup(cli, cli.positional[0], exit_code);
  if (!status.ok()) return cli::ExitCode(status);
  return exit_code;
}

}  // namespace

int BackupCommand(const cli::CommandLine& cli) { return Run(cli, false); }
int RestoreCommand(const cli::CommandLine& cli) { return Run(cli, true); }

}  // namespace hoptac::app

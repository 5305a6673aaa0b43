// Schema migrations: numbered SQL files per backend, embedded in the binary
// (src/storage/<backend>/migrations/NNNN_name.sql), applied in order, each in its
// own write transaction together with its row in `schema_migrations`.

#include <algorithm>
#include <charconv>
#include <ctime>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/embedded.h"
#include "base/log.h"
#include "storage/db.h"

namespace hoptac::storage {

// Not in db.h: applies explicitly given migrations (file name `NNNN_name.sql`,
// SQL). Migrate() passes the embedded files; tests pass their own.
namespace internal {
struct MigrationFile {
  std::string_view file_name;
  std::string_view sql;
};
Result<int> ApplyMigrations(Db& db, std::span<const MigrationFile> files);
}  // namespace internal

namespace {

// Serialises setup (migrations, seeding) of concurrent processes on PostgreSQL ("hoptac" in ASCII).
constexpr int64_t kMigrationLockKey = 0x686f70746163;

struct Migration {
  int version = 0;
  std::string_view file_name;  // "0001_admin_units.sql"
  std::string_view sql;
};

std::string_view MigrationFolder(Backend backend) {
  return backend == Backend::kPostgres ? "src/storage/postgres/migrations/" : "src/storage/sqlite/migrations/";
}

// "0001_admin_units.sql" → 1; nullopt when the name does not follow NNNN_name.sql.
std::optional<int> ParseVersion(std::string_view file_name) {
  if (!file_name.ends_with(".sql")) return std::nullopt;
  const size_t underscore = file_name.find('_');
  if (underscore == 0 || underscore == std::string_view::npos) return std::nullopt;
  int version = 0;
  const auto [end, ec] = std::from_chars(file_name.data(), file_name.data() + underscore, version);
  if (ec != std::errc() || end != file_name.data() + underscore || version <= 0) {
    return std::nullopt;
  }
  return version;
}

std::vector<Migration> EmbeddedMigrations(Backend backend) {
  const std::string_view folder = MigrationFolder(backend);
  std::vector<Migration> migrations;
  for (const embedded::File& file : embedded::All()) {
    if (!file.path.starts_with(folder)) continue;
    const std::string_view file_name = file.path.substr(folder.size());
    if (file_name.find('/') != std::string_view::npos) continue;
    const std::optional<int> version = ParseVersion(file_name);
    if (!version) continue;
    migrations.push_back({*version, file_name, file.data});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return migrations;
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

Result<int> Apply(Db& db, std::span<const Migration> migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      return Error::Internal("duplicate migration version " + std::to_string(migrations[i].version) + ": " +
                             std::string(migrations[i - 1].file_name) + ", " + std::string(migrations[i].file_name));
    }
  }
  HOPTAC_TRY(db.Write([](Connection& connection) -> Status {
    HOPTAC_TRY(LockForSetup(connection));
    return connection.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));

  std::set<int64_t> applied;
  HOPTAC_TRY(db.Read([&](Connection& connection) -> Status {
    return connection.Query("SELECT version FROM schema_migrations", {}, [&](const RowView& row) -> Status {
      applied.insert(row.GetInt(0));
      return Ok();
    });
  }));

  int count = 0;
  for (const Migration& migration : migrations) {
    if (applied.contains(migration.version)) continue;
    bool applied_here = false;
    Status status = db.Write([&](Connection& connection) -> Status {
      HOPTAC_TRY(LockForSetup(connection));
      // Another process may have applied it since the read above.
      HOPTAC_ASSIGN_OR_RETURN(
          std::optional<Row> existing,
          connection.QueryOne("SELECT version FROM schema_migrations WHERE version = $1", {Int(migration.version)}));
      if (existing) return Ok();
      HOPTAC_TRY(connection.ExecScript(migration.sql));
      HOPTAC_TRY(connection.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                 {Int(migration.version), Text(std::string(migration.file_name)), Text(UtcNow())}));
      applied_here = true;
      return Ok();
    });
    if (!status.ok()) {
      Error error = std::move(status).error();
      error.detail = "migration " + std::string(migration.file_name) + " failed: " + error.detail;
      return error;
    }
    if (applied_here) {
      ++count;
      log::Info("migration applied", {{"db", std::string_view(BackendName(db.backend()))},
                                      {"file", migration.file_name},
                                      {"version", static_cast<long long>(migration.version)}});
    }
  }
  return count;
}

}  // namespace

Status LockForSetup(Connection& connection) {
  if (connection.backend() != Backend::kPostgres) return Ok();  // BEGIN IMMEDIATE suffices
  Result<int64_t> locked = connection.Exec("SELECT pg_advisory_xact_lock($1)", {Int(kMigrationLockKey)});
  if (!locked.ok()) return std::move(locked).error();
  return Ok();
}

namespace internal {

Result<int> ApplyMigrations(Db& db, std::span<const MigrationFile> files) {
  std::vector<Migration> migrations;
  for (const MigrationFile& file : files) {
    const std::optional<int> version = ParseVersion(file.file_name);
    if (!version) {
      return Error::Internal("migration file name is not NNNN_name.sql: " + std::string(file.file_name));
    }
    migrations.push_back({*version, file.file_name, file.sql});
  }
  std::stable_sort(migrations.begin(), migrations.end(),
                   [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return Apply(db, migrations);
}

}  // namespace internal

Result<int> Migrate(Db& db) { return Apply(db, EmbeddedMigrations(db.backend())); }

std::vector<int> KnownMigrations(Backend backend) {
  std::vector<int> versions;
  for (const Migration& migration : EmbeddedMigrations(backend)) {
    if (versions.empty() || versions.back() != migration.version) {
      versions.push_back(migration.version);
    }
  }
  return versions;
}

}  // namespace hoptac::storage

// Db: the one storage abstraction of hoptac, over SQLite (embedded default) and
// PostgreSQL (national deployment).
//
// A Db is opened from a URL (`sqlite:PATH`, `sqlite::memory:`, `postgresql://…`).
// Work runs inside Read() or Write() callbacks that receive a Connection:
//   - Read(fn): fn runs on a pooled connection inside a read transaction (a
//     consistent snapshot). Several reads run in parallel.
//   - Write(fn): fn runs inside a write transaction; it commits when fn returns
//     ok and rolls back otherwise (nothing half-written). SQLite has one writer
//     connection, so writes are serialised; PostgreSQL takes a pooled connection.
// SQL is written once with `$1, $2, …` placeholders and bound parameters only;
// both backends accept it. Never build SQL from user input.
//
// Errors: a database that cannot be reached or a failing statement yields
// ErrorCode::kUnavailable / kInternal with the driver message in Error::detail;
// a unique-constraint violation yields ErrorCode::kConflict.
//
// Thread-safety: a Db is safe to use from any number of threads. A Connection
// belongs to the callback it was passed to and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace hoptac::storage {

enum class Backend { kSqlite, kPostgres };

const char* BackendName(Backend backend);  // "sqlite" | "postgresql"

// A bound parameter or a column value. NULL is std::monostate.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline Value Null() { return std::monostate{}; }
inline Value Int(int64_t v) { return v; }
inline Value Real(double v) { return v; }
inline Value Text(std::string v) { return v; }
// NULL when empty.
inline Value TextOrNull(std::string_view v) { return v.empty() ? Value{} : Value{std::string(v)}; }

// A row seen by a streaming query callback; valid only during the callback.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual int size() const = 0;
  virtual bool IsNull(int column) const = 0;
  // Integer value (REQUIRES: !IsNull(column)); text is converted as by strtoll.
  virtual int64_t GetInt(int column) const = 0;
  virtual double GetDouble(int column) const = 0;
  // Text value; empty for NULL. The view is valid only during the callback.
  virtual std::string_view GetText(int column) const = 0;
};

using Row = std::vector<Value>;
using RowCallback = std::function<Status(const RowView&)>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;

  // Runs one statement; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs one statement and calls on_row for each result row; stops at the first error
  // returned by on_row and returns it.
  virtual Status Query(std::string_view sql, std::span<const Value> params, const RowCallback& on_row) = 0;
  // Runs several `;`-separated statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Bulk insert: PostgreSQL uses COPY … FROM STDIN, SQLite one prepared INSERT
  // reused for every row. Each row has columns.size() values.
  virtual Status CopyRows(std::string_view table, std::span<const std::string> columns, std::span<const Row> rows) = 0;
  // Bulk insert of raw bytes (large ones: the chunks of a kept file), streamed: `next`
  // fills `row` with the next row (columns.size() values; the row is the same object each
  // time, so a producer can reuse its buffers) and returns false at the end; its error
  // aborts the insert. The Text values of the columns flagged in `bytes` are bytes for a
  // BYTEA (PostgreSQL) or BLOB (SQLite) column. PostgreSQL streams the rows as one binary
  // COPY, every value in its column's binary form (no escaping, hex or base64), while the
  // producer reads on; every column must be of type text, varchar, bytea, smallint,
  // integer, bigint, boolean or double precision (kInternal otherwise, before anything
  // is sent).
  using NextRow = std::function<Result<bool>(Row& row)>;
  virtual Status CopyBytes(std::string_view table, std::span<const std::string> columns, std::span<const bool> bytes,
                           const NextRow& next) = 0;

  // Conveniences built on Query().
  Result<std::vector<Row>> QueryAll(std::string_view sql, std::span<const Value> params = {});
  Result<std::optional<Row>> QueryOne(std::string_view sql, std::span<const Value> params = {});
  Result<std::vector<Row>> QueryAll(std::string_view sql, std::initializer_list<Value> params) {
    return QueryAll(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<std::optional<Row>> QueryOne(std::string_view sql, std::initializer_list<Value> params) {
    return QueryOne(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params) {
    return Exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

// How SQLite makes a commit durable (PRAGMA synchronous; PostgreSQL ignores it):
//   kFull    the default: a commit survives a power loss or an operating-system crash
//            (the WAL is synced at every commit);
//   kNormal  a commit survives a killed process but the last ones may be lost in a power
//            loss; for bulk loads (`--sync normal`), measured in docs/perf.md.
enum class Sync { kFull, kNormal };
// "full" | "normal" → Sync; nullopt otherwise.
std::optional<Sync> ParseSync(std::string_view name);

struct DbOptions {
  int read_pool_size = 4;          // SQLite readers / PostgreSQL pool size
  int busy_timeout_ms = 5000;      // SQLite busy timeout
  int acquire_timeout_ms = 10000;  // waiting for a pooled connection
  Sync sync = Sync::kFull;         // SQLite only
};

struct PoolStats {
  int size = 0;          // connections opened
  int in_use = 0;        // connections lent out now
  int64_t acquired = 0;  // total acquisitions
  int64_t waited = 0;    // acquisitions that had to wait
};

class Db {
 public:
  virtual ~Db() = default;

  // Opens a database from a URL: `sqlite:PATH` (parent folder created),
  // `sqlite::memory:` or `postgresql://user:pass@host:port/db` (also `postgres://`).
  // Errors: kInvalidArgument for an unknown scheme, kUnavailable when it cannot connect.
  static Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options = {});

  virtual Backend backend() const = 0;
  // The URL with any password masked, for logs.
  virtual std::string Describe() const = 0;
  // The folder of the database file, where files that belong with the data are kept
  // (e.g. the original files of imports); empty when there is none: an in-memory
  // SQLite database, PostgreSQL.
  virtual std::string DataFolder() const { return {}; }

  virtual Status Read(const std::function<Status(Connection&)>& fn) = 0;
  virtual Status Write(const std::function<Status(Connection&)>& fn) = 0;

  // Cheap liveness check (`SELECT 1`) within timeout; kUnavailable when it fails.
  virtual Status Ping() = 0;
  virtual PoolStats Stats() const = 0;
  // Waits for lent connections to return, then closes all. Idempotent.
  virtual void Close() = 0;

  // Copies the whole database, as one consistent snapshot, into the new SQLite file
  // `destination` while other connections and processes go on reading and writing
  // (SQLite's online backup API). Written to `destination.partial`, checked
  // (integrity_check), synced and renamed, so `destination` is complete or absent.
  // Errors: kConflict "error.backup_exists" {destination} when it exists;
  // kInvalidArgument "error.backup_unsupported" {backend} on PostgreSQL (pg_dump) and
  // for an in-memory database; kUnavailable when the file cannot be written.
  virtual Status BackupTo(const std::string& destination);

  // Replaces the contents of this SQLite database with the backup file `source`
  // (made by Db::BackupTo): checks that `source` is a sound hoptac database (integrity
  // check, schema_migrations, no migration newer than this binary knows), then copies
  // it in one transaction through the online backup API; the caller applies the
  // migrations afterwards. Stop the servers first: they keep the old data in memory.
  // Errors: kInvalidArgument "error.restore_not_a_backup" {source, why},
  // "error.restore_newer_schema" {source, version, known}, "error.backup_unsupported"
  // {backend} on PostgreSQL (pg_restore) and in memory; kUnavailable on I/O errors.
  virtual Status RestoreFrom(const std::string& source);
};

// Serialises one-time setup work (migrations, seeding reference data) of several
// processes starting at once on one database: on PostgreSQL a transaction-level
// advisory lock taken in `connection`'s transaction (released at its end); on SQLite
// nothing, as a write transaction (BEGIN IMMEDIATE) already excludes other writers.
Status LockForSetup(Connection& connection);

// Applies the numbered migrations of the backend that are not yet recorded in
// `schema_migrations`, each in its own transaction. Returns how many were applied.
Result<int> Migrate(Db& db);
// The migration versions known to this binary for the backend, ascending.
std::vector<int> KnownMigrations(Backend backend);

}  // namespace hoptac::storage

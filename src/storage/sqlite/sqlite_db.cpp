#include "storage/sqlite/sqlite_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/log.h"

namespace hoptac::storage::sqlite {
namespace {

// Enough for every distinct statement of the application; past it, idle
// statements are dropped (ad-hoc SQL must not grow the cache without bound).
constexpr size_t kStatementCacheLimit = 512;
constexpr size_t kSqlExcerptLength = 200;

std::string Excerpt(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n' || sql.front() == '\t')) {
    sql.remove_prefix(1);
  }
  if (sql.size() <= kSqlExcerptLength) return std::string(sql);
  return std::string(sql.substr(0, kSqlExcerptLength)) + "…";
}

// Maps a SQLite result code to an Error (see storage/db.h for the contract).
Error MakeError(int rc, std::string_view message, std::string_view sql) {
  std::string detail = "sqlite: ";
  detail += message;
  detail += " (code ";
  detail += std::to_string(rc);
  detail += ")";
  if (!sql.empty()) {
    detail += " in: ";
    detail += Excerpt(sql);
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    Error error = Error::Make(ErrorCode::kConflict, "error.conflict");
    error.detail = std::move(detail);
    return error;
  }
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Unavailable(std::move(detail));
  return Error::Internal(std::move(detail));
}

Error ClosedError() { return Error::Unavailable("sqlite: the database is closed"); }

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';'; });
}

// Table and column names of CopyRows come from code, never from users; still,
// they are spliced into SQL, so only plain (optionally schema-qualified) names pass.
bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <class F>
class ScopeExit {
 public:
  explicit ScopeExit(F f) : f_(std::move(f)) {}
  ~ScopeExit() { f_(); }
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;

 private:
  F f_;
};

// A prepared statement and where each `$N` binds.
struct CachedStatement {
  sqlite3_stmt* stmt = nullptr;
  std::vector<int> parameter_index;  // [N-1] = SQLite index of `$N`
  bool in_use = false;

  CachedStatement() = default;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement() { sqlite3_finalize(stmt); }
};

// Lends a statement for one execution; resets it and clears its bindings on return
// (text is bound SQLITE_STATIC, so bindings must not outlive the parameters).
class StatementLease {
 public:
  StatementLease(CachedStatement* statement, std::unique_ptr<CachedStatement> owned)
      : statement_(statement), owned_(std::move(owned)) {}
  StatementLease(StatementLease&& other) noexcept
      : statement_(std::exchange(other.statement_, nullptr)), owned_(std::move(other.owned_)) {}
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease() {
    if (statement_ == nullptr) return;
    sqlite3_reset(statement_->stmt);
    sqlite3_clear_bindings(statement_->stmt);
    statement_->in_use = false;
  }

  CachedStatement& operator*() const { return *statement_; }
  CachedStatement* operator->() const { return statement_; }

 private:
  CachedStatement* statement_;
  std::unique_ptr<CachedStatement> owned_;  // set for a one-off (re-entrant) statement
};

class SqliteRow final : public RowView {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt), columns_(sqlite3_column_count(stmt)) {}

  int size() const override { return columns_; }
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t GetInt(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double GetDouble(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string_view GetText(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }

  sqlite3_stmt* stmt() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
  int columns_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    cache_.clear();  // finalize before closing
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Backend backend() const override { return Backend::kSqlite; }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    HOPTAC_ASSIGN_OR_RETURN(StatementLease statement, Prepare(sql));
    HOPTAC_TRY(Bind(*statement, params, sql));
    const int64_t changes_before = sqlite3_total_changes64(db_);
    int rc;
    while ((rc = sqlite3_step(statement->stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return MakeError(rc, sqlite3_errmsg(db_), sql);
    // sqlite3_changes64() keeps the count of the last INSERT/UPDATE/DELETE, so a
    // statement that changed nothing (DDL, an empty UPDATE) must report 0 itself.
    if (sqlite3_total_changes64(db_) == changes_before) return int64_t{0};
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Status Query(std::string_view sql, std::span<const Value> params, const RowCallback& on_row) override {
    HOPTAC_ASSIGN_OR_RETURN(StatementLease statement, Prepare(sql));
    HOPTAC_TRY(Bind(*statement, params, sql));
    const SqliteRow row(statement->stmt);
    while (true) {
      const int rc = sqlite3_step(statement->stmt);
      if (rc == SQLITE_ROW) {
        Status status = on_row(row);
        if (!status.ok()) return status;
        continue;
      }
      if (rc == SQLITE_DONE) return Ok();
      return MakeError(rc, sqlite3_errmsg(db_), sql);
    }
  }

  Status ExecScript(std::string_view sql) override {
    const char* next = sql.data();
    const char* const end = sql.data() + sql.size();
    while (next < end) {
      sqlite3_stmt* stmt = nullptr;
      const char* tail = nullptr;
      const int length = static_cast<int>(std::min<ptrdiff_t>(end - next, INT_MAX));
      int rc = sqlite3_prepare_v2(db_, next, length, &stmt, &tail);
      if (rc != SQLITE_OK) {
        return MakeError(rc, sqlite3_errmsg(db_), std::string_view(next, end - next));
      }
      if (stmt == nullptr) break;  // only comments or blanks remain
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc != SQLITE_DONE) {
        Error error = MakeError(rc, sqlite3_errmsg(db_), std::string_view(next, tail - next));
        sqlite3_finalize(stmt);
        return error;
      }
      sqlite3_finalize(stmt);
      next = tail;
    }
    return Ok();
  }

  Status CopyRows(std::string_view table, std::span<const std::string> columns, std::span<const Row> rows) override {
    std::string sql;
    HOPTAC_ASSIGN_OR_RETURN(StatementLease statement, PrepareInsert("CopyRows", table, columns, sql));
    for (size_t r = 0; r < rows.size(); ++r) HOPTAC_TRY(InsertRow("CopyRows", *statement, sql, r, rows[r], {}));
    return Ok();
  }

  Status CopyBytes(std::string_view table, std::span<const std::string> columns, std::span<const bool> bytes,
                   const NextRow& next) override {
    if (bytes.size() != columns.size()) return Error::Internal("sqlite: CopyBytes needs a flag per column");
    std::string sql;
    HOPTAC_ASSIGN_OR_RETURN(StatementLease statement, PrepareInsert("CopyBytes", table, columns, sql));
    Row row;
    for (size_t r = 0;; ++r) {
      HOPTAC_ASSIGN_OR_RETURN(bool more, next(row));
      if (!more) return Ok();
      HOPTAC_TRY(InsertRow("CopyBytes", *statement, sql, r, row, bytes));
    }
  }

  // A parameterless statement through the cache (BEGIN, COMMIT, PRAGMA …).
  Status Command(std::string_view sql) {
    Result<int64_t> result = Exec(sql, std::span<const Value>());
    if (!result.ok()) return std::move(result).error();
    return Ok();
  }

  sqlite3* handle() const { return db_; }

  void RollbackQuietly() {
    if (sqlite3_get_autocommit(db_) == 0) (void)Command("ROLLBACK");
  }

 private:
  // The INSERT of CopyRows and CopyBytes (prepared once, cached), its text into `sql`.
  Result<StatementLease> PrepareInsert(const char* what, std::string_view table, std::span<const std::string> columns,
                                       std::string& sql) {
    if (!IsPlainIdentifier(table) || columns.empty() ||
        !std::all_of(columns.begin(), columns.end(), [](const std::string& c) { return IsPlainIdentifier(c); })) {
      return Error::Internal(std::string("sqlite: ") + what +
                             " needs plain table and column names: " + std::string(table));
    }
    sql = "INSERT INTO ";
    sql += table;
    sql += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += columns[i];
    }
    sql += ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += '$';
      sql += std::to_string(i + 1);
    }
    sql += ')';
    return Prepare(sql);
  }

  // One row through that INSERT; the Text values of the columns flagged in `blobs` bound as blobs.
  Status InsertRow(const char* what, CachedStatement& statement, const std::string& sql, size_t r, const Row& row,
                   std::span<const bool> blobs) {
    if (row.size() != statement.parameter_index.size()) {
      return Error::Internal(std::string("sqlite: ") + what + " row " + std::to_string(r) + " has " +
                             std::to_string(row.size()) + " values for " +
                             std::to_string(statement.parameter_index.size()) + " columns");
    }
    HOPTAC_TRY(Bind(statement, row, sql, blobs));
    const int rc = sqlite3_step(statement.stmt);
    if (rc != SQLITE_DONE) return MakeError(rc, sqlite3_errmsg(db_), sql);
    sqlite3_reset(statement.stmt);
    return Ok();
  }

  Result<StatementLease> Prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second->in_use) {
      it->second->in_use = true;
      return StatementLease(it->second.get(), nullptr);
    }
    if (sql.size() >= static_cast<size_t>(INT_MAX)) return Error::Internal("sqlite: SQL too long");
    auto fresh = std::make_unique<CachedStatement>();
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &fresh->stmt, &tail);
    if (rc != SQLITE_OK) return MakeError(rc, sqlite3_errmsg(db_), sql);
    if (fresh->stmt == nullptr) return Error::Internal("sqlite: empty SQL statement");
    const std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
    if (!IsBlank(rest)) {
      // Allowed only if what follows is comments; PostgreSQL rejects a second statement too.
      sqlite3_stmt* extra = nullptr;
      const int extra_rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &extra, nullptr);
      sqlite3_finalize(extra);
      if (extra_rc != SQLITE_OK || extra != nullptr) {
        return Error::Internal("sqlite: more than one statement (use ExecScript) in: " + Excerpt(sql));
      }
    }
    const int count = sqlite3_bind_parameter_count(fresh->stmt);
    fresh->parameter_index.resize(static_cast<size_t>(count));
    char name[16];
    for (int n = 1; n <= count; ++n) {
      std::snprintf(name, sizeof name, "$%d", n);
      int index = sqlite3_bind_parameter_index(fresh->stmt, name);
      if (index == 0) {
        name[0] = '?';
        index = sqlite3_bind_parameter_index(fresh->stmt, name);
      }
      if (index == 0) {
        return Error::Internal("sqlite: parameters must be numbered $1…$" + std::to_string(count) +
                               " without gaps in: " + Excerpt(sql));
      }
      fresh->parameter_index[static_cast<size_t>(n - 1)] = index;
    }
    fresh->in_use = true;
    CachedStatement* statement = fresh.get();
    // The cached copy is busy: a Query callback runs the same SQL again.
    if (it != cache_.end()) return StatementLease(statement, std::move(fresh));
    if (cache_.size() >= kStatementCacheLimit) {
      std::erase_if(cache_, [](const auto& entry) { return !entry.second->in_use; });
    }
    cache_.emplace(std::string(sql), std::move(fresh));
    return StatementLease(statement, nullptr);
  }

  // `blobs`: empty, or a flag per parameter: its Text is bound as a blob.
  Status Bind(CachedStatement& statement, std::span<const Value> params, std::string_view sql,
              std::span<const bool> blobs = {}) {
    if (params.size() != statement.parameter_index.size()) {
      return Error::Internal("sqlite: statement takes " + std::to_string(statement.parameter_index.size()) +
                             " parameters, got " + std::to_string(params.size()) + " in: " + Excerpt(sql));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = statement.parameter_index[i];
      const Value& value = params[i];
      int rc = SQLITE_OK;
      if (const auto* text = std::get_if<std::string>(&value)) {
        if (!blobs.empty() && blobs[i]) {
          rc = sqlite3_bind_blob64(statement.stmt, index, text->data(), text->size(), SQLITE_STATIC);
        } else {
          rc = sqlite3_bind_text64(statement.stmt, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
        }
      } else if (const auto* integer = std::get_if<int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement.stmt, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(statement.stmt, index, *real);
      } else {
        rc = sqlite3_bind_null(statement.stmt, index);
      }
      if (rc != SQLITE_OK) return MakeError(rc, sqlite3_errmsg(db_), sql);
    }
    return Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>, StringHash, std::equal_to<>> cache_;
};

enum class Role { kWriter, kReader };

// Runs fn inside `begin` … COMMIT, rolling back when fn fails, COMMIT fails or fn throws.
Status RunTransaction(SqliteConnection& connection, std::string_view begin,
                      const std::function<Status(Connection&)>& fn) {
  HOPTAC_TRY(connection.Command(begin));
  Status status;
  try {
    status = fn(connection);
  } catch (...) {
    connection.RollbackQuietly();
    throw;
  }
  if (status.ok()) {
    status = connection.Command("COMMIT");
    if (status.ok()) return status;
  }
  connection.RollbackQuietly();
  return status;
}

// A connection outside the pools, for backup and restore.
struct RawDatabase {
  sqlite3* handle = nullptr;
  RawDatabase() = default;
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;
  ~RawDatabase() { sqlite3_close_v2(handle); }
};

Status OpenRaw(const std::string& path, int flags, RawDatabase& out) {
  const int rc = sqlite3_open_v2(path.c_str(), &out.handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    return Error::Unavailable("sqlite: cannot open " + path + ": " +
                              (out.handle != nullptr ? sqlite3_errmsg(out.handle) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(out.handle, 1);
  sqlite3_busy_timeout(out.handle, 5000);
  return Ok();
}

// The first column of the first row of `sql`, as text ("" when there is no row).
Result<std::string> QueryText(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return MakeError(rc, sqlite3_errmsg(db), sql);
  std::string text;
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const unsigned char* value = sqlite3_column_text(stmt, 0);
    if (value != nullptr) text = reinterpret_cast<const char*>(value);
  } else if (rc != SQLITE_DONE) {
    Error error = MakeError(rc, sqlite3_errmsg(db), sql);
    sqlite3_finalize(stmt);
    return error;
  }
  sqlite3_finalize(stmt);
  return text;
}

// Copies database `from` into `to` with the online backup API in one step, so the copy
// is one consistent snapshot of `from` (in WAL mode its writers are not blocked).
Status CopyDatabase(sqlite3* from, sqlite3* to, std::string_view what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return MakeError(sqlite3_extended_errcode(to), sqlite3_errmsg(to), what);
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 200; ++attempt) {  // a writer holding a lock: up to ~10 s
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return MakeError(rc, sqlite3_errstr(rc), what);
  // sqlite3_backup_finish reports its own errors on the destination handle.
  const int finish_rc = sqlite3_extended_errcode(to);
  if (finish_rc != SQLITE_OK && finish_rc != SQLITE_DONE) return MakeError(finish_rc, sqlite3_errmsg(to), what);
  return Ok();
}

// Flushes a written file (and the folder that names it) to the disk.
Status SyncPath(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Error::Unavailable("cannot open " + path + " to sync it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) return Error::Unavailable("cannot sync " + path + ": " + std::strerror(saved));
  return Ok();
}

// Why `path` is not a sound hoptac database, or "" when it is; `version` gets its
// newest migration.
Result<std::string> CheckBackup(sqlite3* db, int64_t& version) {
  Result<std::string> integrity = QueryText(db, "PRAGMA integrity_check");
  if (!integrity.ok()) return std::string("not a SQLite database (") + integrity.error().detail + ")";
  if (*integrity != "ok") return "integrity_check: " + *integrity;
  Result<std::string> newest = QueryText(db, "SELECT max(version) FROM schema_migrations");
  if (!newest.ok() || newest->empty()) return std::string("no schema_migrations: not a hoptac database");
  version = std::strtoll(newest->c_str(), nullptr, 10);
  return std::string();
}

class SqliteDb final : public Db {
 public:
  SqliteDb(std::string url, std::string file_name, int open_flags, bool memory, const DbOptions& options)
      : url_(std::move(url)),
        file_name_(std::move(file_name)),
        open_flags_(open_flags),
        memory_(memory),
        options_(options),
        read_pool_size_(std::max(1, options.read_pool_size)) {}

  ~SqliteDb() override { Close(); }

  // Opens the writer; its failure is Open()'s failure.
  Status Start() {
    HOPTAC_ASSIGN_OR_RETURN(writer_, OpenConnection(Role::kWriter));
    std::lock_guard<std::mutex> lock(mutex_);
    ++open_count_;
    return Ok();
  }

  Backend backend() const override { return Backend::kSqlite; }
  std::string Describe() const override { return url_; }
  std::string DataFolder() const override {
    if (memory_ || file_name_.starts_with("file:")) return {};
    std::filesystem::path parent = std::filesystem::path(file_name_).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
  }

  Status Read(const std::function<Status(Connection&)>& fn) override {
    HOPTAC_ASSIGN_OR_RETURN(SqliteConnection * reader, AcquireReader());
    const ScopeExit release([&] { ReleaseReader(reader); });
    // A deferred BEGIN: the snapshot starts at the first read and lasts until COMMIT.
    return RunTransaction(*reader, "BEGIN", fn);
  }

  Status Write(const std::function<Status(Connection&)>& fn) override {
    if (writer_thread_.load() == std::this_thread::get_id()) {
      return Error::Internal("sqlite: Db::Write called inside Write on the same thread");
    }
    std::unique_lock<std::timed_mutex> write_lock(write_mutex_, std::try_to_lock);
    const bool waited = !write_lock.owns_lock();
    if (waited && !write_lock.try_lock_for(std::chrono::milliseconds(options_.acquire_timeout_ms))) {
      return Error::Unavailable("sqlite: timed out after " + std::to_string(options_.acquire_timeout_ms) +
                                " ms waiting for the writer");
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_ || writer_ == nullptr) return ClosedError();
      writer_in_use_ = true;
      ++acquired_;
      if (waited) ++waited_;
    }
    writer_thread_.store(std::this_thread::get_id());
    const ScopeExit release([&] {
      writer_thread_.store(std::thread::id());
      std::lock_guard<std::mutex> lock(mutex_);
      writer_in_use_ = false;
    });
    return RunTransaction(*writer_, "BEGIN IMMEDIATE", fn);
  }

  Status Ping() override {
    Status status = Read([](Connection& connection) -> Status {
      Result<std::optional<Row>> row = connection.QueryOne("SELECT 1");
      if (!row.ok()) return std::move(row).error();
      return Ok();
    });
    if (status.ok() || status.error().code == ErrorCode::kUnavailable) return status;
    return Error::Unavailable(std::move(status).error().detail);
  }

  Status BackupTo(const std::string& destination) override {
    if (memory_ || file_name_.starts_with("file:")) return Db::BackupTo(destination);
    std::error_code ec;
    if (std::filesystem::exists(destination, ec)) {
      return Error::Make(ErrorCode::kConflict, "error.backup_exists", {destination});
    }
    const std::string partial = destination + ".partial";
    std::filesystem::remove(partial, ec);  // left by an interrupted backup
    const ScopeExit cleanup([&] {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
    });
    {
      RawDatabase source, copy;
      HOPTAC_TRY(OpenRaw(file_name_, SQLITE_OPEN_READONLY, source));
      HOPTAC_TRY(OpenRaw(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, copy));
      HOPTAC_TRY(CopyDatabase(source.handle, copy.handle, "backup"));
      // One self-contained file: no -wal beside it.
      Result<std::string> mode = QueryText(copy.handle, "PRAGMA journal_mode = DELETE");
      if (!mode.ok()) return std::move(mode).error();
      int64_t version = 0;
      HOPTAC_ASSIGN_OR_RETURN(std::string why, CheckBackup(copy.handle, version));
      if (!why.empty()) return Error::Internal("backup of " + url_ + " is not sound: " + why);
    }
    HOPTAC_TRY(SyncPath(partial, false));
    std::filesystem::rename(partial, destination, ec);
    if (ec) return Error::Unavailable("cannot rename " + partial + " to " + destination + ": " + ec.message());
    const std::filesystem::path folder = std::filesystem::absolute(destination, ec).parent_path();
    return SyncPath(folder.string(), true);
  }

  Status RestoreFrom(const std::string& source_path) override {
    if (memory_ || file_name_.starts_with("file:")) return Db::RestoreFrom(source_path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(source_path, ec)) {
      return Error::Make(ErrorCode::kInvalidArgument, "error.restore_not_a_backup",
                         {source_path, "no such file / không có tệp"});
    }
    RawDatabase source;
    HOPTAC_TRY(OpenRaw(source_path, SQLITE_OPEN_READONLY, source));
    int64_t version = 0;
    HOPTAC_ASSIGN_OR_RETURN(std::string why, CheckBackup(source.handle, version));
    if (!why.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.restore_not_a_backup", {source_path, why});
    const std::vector<int> known = KnownMigrations(Backend::kSqlite);
    const int64_t newest_known = known.empty() ? 0 : known.back();
    if (version > newest_known) {
      return Error::Make(ErrorCode::kInvalidArgument, "error.restore_newer_schema",
                         {source_path, std::to_string(version), std::to_string(newest_known)});
    }
    std::unique_lock<std::timed_mutex> write_lock(write_mutex_, std::defer_lock);
    if (!write_lock.try_lock_for(std::chrono::milliseconds(options_.acquire_timeout_ms))) {
      return Error::Unavailable("sqlite: timed out waiting for the writer to restore");
    }
    if (writer_ == nullptr) return ClosedError();
    return CopyDatabase(source.handle, writer_->handle(), "restore");
  }

  PoolStats Stats() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    PoolStats stats;
    stats.size = open_count_;
    stats.in_use = readers_in_use_ + (writer_in_use_ ? 1 : 0);
    stats.acquired = acquired_;
    stats.waited = waited_;
    return stats;
  }

  void Close() override {
    std::vector<std::unique_ptr<SqliteConnection>> readers;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      closed_ = true;
      cv_.notify_all();  // waiting readers give up
      cv_.wait(lock, [&] { return readers_in_use_ == 0 && opening_ == 0; });
      readers.swap(readers_);
      idle_readers_.clear();
      open_count_ -= static_cast<int>(readers.size());
    }
    readers.clear();
    // Last, so that the last connection to close (which checkpoints the WAL) is
    // the one allowed to write. Waits for a running Write.
    std::lock_guard<std::timed_mutex> write_lock(write_mutex_);
    if (writer_ != nullptr) {
      writer_.reset();
      std::lock_guard<std::mutex> lock(mutex_);
      --open_count_;
    }
  }

 private:
  Result<std::unique_ptr<SqliteConnection>> OpenConnection(Role role) const {
    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(file_name_.c_str(), &handle, open_flags_, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
      sqlite3_close_v2(handle);
      return Error::Unavailable("sqlite: cannot open " + url_ + ": " + message);
    }
    auto connection = std::make_unique<SqliteConnection>(handle);
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, options_.busy_timeout_ms);
    std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = ";
    pragmas += options_.sync == Sync::kFull ? "FULL;" : "NORMAL;";
    if (role == Role::kReader) pragmas += " PRAGMA query_only = ON;";
    Status status = connection->ExecScript(pragmas);
    if (status.ok() && role == Role::kWriter && !memory_) status = EnableWal(*connection);
    if (!status.ok()) {
      Error error = std::move(status).error();
      if (error.code == ErrorCode::kInternal) {
        // A file that is not a database, a read-only folder…: the database cannot be used.
        return Error::Unavailable("cannot configure " + url_ + ": " + error.detail);
      }
      return error;
    }
    return connection;
  }

  Status EnableWal(SqliteConnection& writer) const {
    // Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at
    // once, without its busy handler, when another process holds a write lock meanwhile (two
    // servers migrating a fresh database): retry until the busy timeout has passed.
    Result<std::optional<Row>> result = writer.QueryOne("PRAGMA journal_mode = WAL");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
    while (!result.ok() && result.error().code == ErrorCode::kUnavailable &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      result = writer.QueryOne("PRAGMA journal_mode = WAL");
    }
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row, std::move(result));
    const std::string* mode = row && !row->empty() ? std::get_if<std::string>(&(*row)[0]) : nullptr;
    const std::string_view journal_mode = mode != nullptr ? std::string_view(*mode) : "?";
    if (journal_mode != "wal") {
      // Readers then wait for the writer (busy timeout) instead of reading a snapshot.
      log::Warn("sqlite: WAL journal mode unavailable",
                {{"db", std::string_view(url_)}, {"journal_mode", journal_mode}});
    }
    return Ok();
  }

  Result<SqliteConnection*> AcquireReader() {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
    bool waited = false;
    while (true) {
      if (closed_) return ClosedError();
      if (!idle_readers_.empty()) {
        SqliteConnection* reader = idle_readers_.back();
        idle_readers_.pop_back();
        ++readers_in_use_;
        ++acquired_;
        if (waited) ++waited_;
        return reader;
      }
      if (static_cast<int>(readers_.size()) + opening_ < read_pool_size_) {
        ++opening_;
        ++readers_in_use_;
        ++acquired_;
        if (waited) ++waited_;
        lock.unlock();
        Result<std::unique_ptr<SqliteConnection>> opened = OpenConnection(Role::kReader);
        lock.lock();
        --opening_;
        if (!opened.ok()) {
          --readers_in_use_;
          cv_.notify_all();
          return std::move(opened).error();
        }
        readers_.push_back(std::move(opened).value());
        ++open_count_;
        return readers_.back().get();
      }
      if (waited && std::chrono::steady_clock::now() >= deadline) {
        return Error::Unavailable("sqlite: timed out after " + std::to_string(options_.acquire_timeout_ms) +
                                  " ms waiting for a reader connection");
      }
      waited = true;
      cv_.wait_until(lock, deadline);
    }
  }

  void ReleaseReader(SqliteConnection* reader) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_readers_.push_back(reader);
    --readers_in_use_;
    cv_.notify_all();
  }

  const std::string url_;
  const std::string file_name_;  // a path, or the memdb URI of an in-memory database
  const int open_flags_;
  const bool memory_;
  const DbOptions options_;
  const int read_pool_size_;

  // Serialises Write(); guards writer_. Taken before mutex_, never while holding it.
  std::timed_mutex write_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  std::atomic<std::thread::id> writer_thread_{};  // detects a nested Write on one thread

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;  // every open reader
  std::vector<SqliteConnection*> idle_readers_;
  int opening_ = 0;  // readers being opened outside the lock
  int readers_in_use_ = 0;
  bool writer_in_use_ = false;
  bool closed_ = false;
  int open_count_ = 0;
  int64_t acquired_ = 0;
  int64_t waited_ = 0;
};

}  // namespace

Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options) {
  // SQLite's memory statistics take a global mutex around every allocation; nothing here reads
  // them. Possible only before SQLite initialises (the first open); later it is a harmless misuse.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  std::string_view target = url.substr(std::string_view("sqlite:").size());
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const bool memory = target == ":memory:";
  std::string file_name;
  if (memory) {
    // One database shared by the writer and the readers of this Db only: the memdb
    // VFS shares a store between connections when its name starts with '/'.
    static std::atomic<uint64_t> counter{0};
    file_name = "file:/hoptac_mem_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1) + 1) +
                "?vfs=memdb";
    flags |= SQLITE_OPEN_URI;
  } else {
    if (target.starts_with("//")) target.remove_prefix(2);  // sqlite:///abs/path
    if (target.empty()) {
      return Error::Make(ErrorCode::kInvalidArgument, "error.db_url_invalid", {std::string(url)});
    }
    file_name = std::string(target);
    const std::filesystem::path parent = std::filesystem::path(file_name).parent_path();
    if (!parent.empty() && !target.starts_with("file:")) {
      std::error_code error;
      std::filesystem::create_directories(parent, error);
      if (error) {
        return Error::Unavailable("sqlite: cannot create folder " + parent.string() + ": " + error.message());
      }
    }
  }
  auto db = std::make_unique<SqliteDb>(std::string(url), std::move(file_name), flags, memory, options);
  HOPTAC_TRY(db->Start());
  return std::unique_ptr<Db>(std::move(db));
}

void AppendRowValues(const RowView& row, Row& out) {
  const auto* sqlite_row = dynamic_cast<const SqliteRow*>(&row);
  if (sqlite_row == nullptr) {  // not ours: no type information, keep the text
    for (int c = 0; c < row.size(); ++c) {
      out.push_back(row.IsNull(c) ? Value() : Value(std::string(row.GetText(c))));
    }
    return;
  }
  sqlite3_stmt* stmt = sqlite_row->stmt();
  const int columns = sqlite_row->size();
  for (int c = 0; c < columns; ++c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER: out.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
      case SQLITE_FLOAT: out.emplace_back(sqlite3_column_double(stmt, c)); break;
      case SQLITE_NULL: out.emplace_back(); break;
      case SQLITE_BLOB: {
        const void* data = sqlite3_column_blob(stmt, c);
        const auto bytes = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
        out.emplace_back(data ? std::string(static_cast<const char*>(data), bytes) : std::string());
        break;
      }
      default: {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        const auto bytes = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
        out.emplace_back(text ? std::string(reinterpret_cast<const char*>(text), bytes) : std::string());
        break;
      }
    }
  }
}

}  // namespace hoptac::storage::sqlite

#include "storage/postgres/postgres_db.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/log.h"

namespace hoptac::storage::postgres {
namespace {

// Type OIDs from the server's pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kByteaOid = 17;
constexpr Oid kTextOid = 25;
constexpr Oid kVarcharOid = 1043;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr size_t kCopyChunk = size_t{1} << 20;  // bytes handed to PQputCopyData at once
constexpr size_t kSqlExcerptLength = 200;
constexpr size_t kNoNumber = static_cast<size_t>(-1);

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

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

std::string TrimMessage(const char* message) {
  std::string_view text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string Excerpt(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n' || sql.front() == '\t')) {
    sql.remove_prefix(1);
  }
  if (sql.size() <= kSqlExcerptLength) return std::string(sql);
  return std::string(sql.substr(0, kSqlExcerptLength)) + "…";
}

// Maps a failed statement to an Error (see postgres_db.h for the mapping).
Error MakeError(PGconn* conn, const PGresult* result, std::string_view sql) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state != nullptr ? state : "";
  std::string detail = "postgresql: ";
  detail += TrimMessage(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (!code.empty()) {
    detail += " (SQLSTATE ";
    detail += code;
    detail += ")";
  }
  if (!sql.empty()) {
    detail += " in: ";
    detail += Excerpt(sql);
  }
  if (code == "23505") {
    Error error = Error::Make(ErrorCode::kConflict, "error.conflict");
    error.detail = std::move(detail);
    return error;
  }
  if (code.starts_with("08") || code.starts_with("57P0") || code.starts_with("53") || PQstatus(conn) != CONNECTION_OK) {
    return Error::Unavailable(std::move(detail));
  }
  return Error::Internal(std::move(detail));
}

Error ClosedError() { return Error::Unavailable("postgresql: the database is closed"); }

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

// The low `bytes` bytes of `value`, most significant first (COPY's binary format).
void AppendBigEndian(std::string& out, uint64_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void AppendInt(std::string& out, int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

// Shortest text that reads back to the same double (like %.17g, but exact-shortest
// and independent of the C locale); PostgreSQL's spellings for the special values.
void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
  } else {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
  }
}

// COPY text format: backslash, tab, newline and carriage return are escaped.
void AppendCopyText(std::string& out, std::string_view text) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* escape;
    switch (text[i]) {
      case '\\': escape = "\\\\"; break;
      case '\t': escape = "\\t"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      default: continue;
    }
    out.append(text.data() + start, i - start);
    out.append(escape, 2);
    start = i + 1;
  }
  out.append(text.data() + start, text.size() - start);
}

int64_t ParseInt(std::string_view text) {
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double ParseDouble(std::string_view text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

void LogNotice(void* /*arg*/, const char* message) {
  const std::string text = TrimMessage(message);
  log::Write(log::Level::kDebug, "postgresql notice", {{"message", std::string_view(text)}});
}

class PgRow final : public RowView {
 public:
  explicit PgRow(const PGresult* result) : result_(result), columns_(PQnfields(result)) {}

  void set_row(int row) { row_ = row; }
  const PGresult* result() const { return result_; }
  int row() const { return row_; }

  int size() const override { return columns_; }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int64_t GetInt(int column) const override {
    if (PQftype(result_, column) == kBoolOid) return GetText(column) == "t" ? 1 : 0;
    return ParseInt(GetText(column));
  }
  double GetDouble(int column) const override { return ParseDouble(GetText(column)); }
  std::string_view GetText(int column) const override {
    return {PQgetvalue(result_, row_, column), static_cast<size_t>(PQgetlength(result_, row_, column))};
  }

 private:
  const PGresult* result_;
  int columns_;
  int row_ = 0;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Backend backend() const override { return Backend::kPostgres; }
  PGconn* handle() const { return conn_; }
  bool alive() const { return PQstatus(conn_) == CONNECTION_OK; }
  // Alive and outside any transaction: fit to go back to the pool.
  bool reusable() const { return alive() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    HOPTAC_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, params));
    return ParseInt(PQcmdTuples(result.get()));  // "" (→ 0) for statements without a count
  }

  Status Query(std::string_view sql, std::span<const Value> params, const RowCallback& on_row) override {
    HOPTAC_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, params));
    const int rows = PQntuples(result.get());
    PgRow row(result.get());
    for (int r = 0; r < rows; ++r) {
      row.set_row(r);
      Status status = on_row(row);
      if (!status.ok()) return status;
    }
    return Ok();
  }

  Status ExecScript(std::string_view sql) override {
    sql_.assign(sql.data(), sql.size());
    ResultPtr result(PQexec(conn_, sql_.c_str()));
    return CheckCommand(result.get(), sql);
  }

  Status CopyRows(std::string_view table, std::span<const std::string> columns, std::span<const Row> rows) override {
    HOPTAC_TRY(CheckCopy("CopyRows", table, columns, rows));
    if (rows.empty()) return Ok();
    HOPTAC_TRY(StartCopy(table, columns, ""));
    std::string& buffer = copy_buffer_;
    buffer.clear();
    buffer.reserve(kCopyChunk + 4096);
    std::string failure;  // why the client aborts the COPY
    for (size_t r = 0; r < rows.size() && failure.empty(); ++r) {
      const Row& row = rows[r];
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) buffer += '\t';
        const Value& value = row[i];
        if (const auto* text = std::get_if<std::string>(&value)) {
          if (std::memchr(text->data(), '\0', text->size()) != nullptr) {
            failure = "row " + std::to_string(r) + " column " + columns[i] + ": text contains a NUL byte";
            break;
          }
          AppendCopyText(buffer, *text);
        } else if (const auto* integer = std::get_if<int64_t>(&value)) {
          AppendInt(buffer, *integer);
        } else if (const auto* real = std::get_if<double>(&value)) {
          AppendDouble(buffer, *real);
        } else {
          buffer += "\\N";
        }
      }
      buffer += '\n';
      if (buffer.size() >= kCopyChunk) PutCopyBuffer(failure);
    }
    return FinishCopy(failure);
  }

  Status CopyBytes(std::string_view table, std::span<const std::string> columns, std::span<const bool> bytes,
                   const NextRow& next) override {
    HOPTAC_TRY(CheckCopy("CopyBytes", table, columns, {}));
    if (bytes.size() != columns.size()) return Error::Internal("postgresql: CopyBytes needs a flag per column");
    // The binary form of a value is its column type's: look the types up.
    std::vector<int64_t> types(columns.size(), 0);
    HOPTAC_TRY(
        Query("SELECT attname, atttypid::int8 FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
              "AND NOT attisdropped",
              std::vector<Value>{std::string(table)}, [&](const RowView& row) -> Status {
                for (size_t i = 0; i < columns.size(); ++i)
                  if (columns[i] == row.GetText(0)) types[i] = row.GetInt(1);
                return Ok();
              }));
    for (size_t i = 0; i < columns.size(); ++i) {
      const int64_t type = types[i];
      const bool known = type == kTextOid || type == kVarcharOid || type == kByteaOid || type == kInt2Oid ||
                         type == kInt4Oid || type == kInt8Oid || type == kBoolOid || type == kFloat8Oid;
      if (!known || bytes[i] != (type == kByteaOid)) {
        return Error::Internal("postgresql: CopyBytes cannot send column " + columns[i] + " of " + std::string(table) +
                               (type == 0 ? " (no such column)" : " (type " + std::to_string(type) + ")"));
      }
    }
    HOPTAC_TRY(StartCopy(table, columns, " (FORMAT binary)"));
    std::string& buffer = copy_buffer_;
    buffer.clear();
    buffer.reserve(kCopyChunk + 4096);
    buffer.append("PGCOPY\n\377\r\n\0", 11);
    AppendBigEndian(buffer, uint32_t{0}, 4);  // flags
    AppendBigEndian(buffer, uint32_t{0}, 4);  // header extension
    std::string failure;
    Row row;
    std::optional<Error> source_error;  // the producer's
    for (size_t r = 0; failure.empty(); ++r) {
      Result<bool> more = next(row);
      if (!more.ok()) {
        source_error = std::move(more).error();
        failure = "the rows could not be read";
        break;
      }
      if (!*more) break;
      if (row.size() != columns.size()) {
        failure = "row " + std::to_string(r) + " has " + std::to_string(row.size()) + " values for " +
                  std::to_string(columns.size()) + " columns";
        break;
      }
      AppendBigEndian(buffer, row.size(), 2);
      for (size_t i = 0; i < row.size() && failure.empty(); ++i) {
        const Value& value = row[i];
        const int64_t type = types[i];
        auto wrong = [&](const char* what) {
          failure = "row " + std::to_string(r) + " column " + columns[i] + ": " + what;
        };
        if (std::holds_alternative<std::monostate>(value)) {
          AppendBigEndian(buffer, ~uint32_t{0}, 4);  // -1: NULL
        } else if (type == kTextOid || type == kVarcharOid || type == kByteaOid) {
          const auto* text = std::get_if<std::string>(&value);
          if (text == nullptr) {
            wrong("text or bytes expected");
          } else if (type != kByteaOid && std::memchr(text->data(), '\0', text->size()) != nullptr) {
            wrong("text contains a NUL byte");
          } else if (text->size() > size_t{INT32_MAX}) {
            wrong("value larger than 2 GiB");
          } else {
            AppendBigEndian(buffer, text->size(), 4);
            if (text->size() < kCopyChunk / 4) {
              buffer += *text;
            } else {  // a large value goes as it is, not through the buffer
              PutCopyBuffer(failure);
              if (failure.empty() && PQputCopyData(conn_, text->data(), static_cast<int>(text->size())) != 1)
                failure = TrimMessage(PQerrorMessage(conn_));
            }
          }
        } else if (type == kFloat8Oid) {
          const auto* real = std::get_if<double>(&value);
          if (real == nullptr) {
            wrong("a number expected");
          } else {
            uint64_t bits = 0;
            std::memcpy(&bits, real, sizeof bits);
            AppendBigEndian(buffer, 8, 4);
            AppendBigEndian(buffer, bits, 8);
          }
        } else {
          const auto* integer = std::get_if<int64_t>(&value);
          const int width = type == kInt8Oid ? 8 : type == kInt4Oid ? 4 : type == kInt2Oid ? 2 : 1;
          const int64_t limit = width == 8 ? INT64_MAX : width == 1 ? 1 : (int64_t{1} << (8 * width - 1)) - 1;
          const int64_t low = width == 1 ? 0 : -limit - 1;
          if (integer == nullptr) {
            wrong("an integer expected");
          } else if (*integer < low || *integer > limit) {
            wrong("integer out of the column's range");
          } else {
            AppendBigEndian(buffer, static_cast<uint32_t>(width), 4);
            AppendBigEndian(buffer, static_cast<uint64_t>(*integer), width);
          }
        }
      }
      if (buffer.size() >= kCopyChunk) PutCopyBuffer(failure);
    }
    AppendBigEndian(buffer, uint16_t{0xFFFF}, 2);  // -1: the end
    Status finished = FinishCopy(failure);
    if (source_error) return std::move(*source_error);
    return finished;
  }

  // A parameterless command through the simple protocol (BEGIN, COMMIT, SELECT 1).
  Status Command(const char* sql) {
    ResultPtr result(PQexec(conn_, sql));
    return CheckCommand(result.get(), sql);
  }

  void RollbackQuietly() {
    if (alive() && PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)Command("ROLLBACK");
  }

 private:
  static Status CheckCopy(const char* what, std::string_view table, std::span<const std::string> columns,
                          std::span<const Row> rows) {
    if (!IsPlainIdentifier(table) || columns.empty() ||
        !std::all_of(columns.begin(), columns.end(), [](const std::string& c) { return IsPlainIdentifier(c); })) {
      return Error::Internal(std::string("postgresql: ") + what +
                             " needs plain table and column names: " + std::string(table));
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].size() != columns.size()) {
        return Error::Internal(std::string("postgresql: ") + what + " row " + std::to_string(r) + " has " +
                               std::to_string(rows[r].size()) + " values for " + std::to_string(columns.size()) +
                               " columns");
      }
    }
    return Ok();
  }

  // COPY table (columns) FROM STDIN<options>: the connection is then in the COPY state.
  Status StartCopy(std::string_view table, std::span<const std::string> columns, std::string_view options) {
    sql_ = "COPY ";
    sql_ += table;
    sql_ += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql_ += ", ";
      sql_ += columns[i];
    }
    sql_ += ") FROM STDIN";
    sql_ += options;
    ResultPtr start(PQexec(conn_, sql_.c_str()));
    if (start == nullptr || PQresultStatus(start.get()) != PGRES_COPY_IN) {
      if (start != nullptr && PQresultStatus(start.get()) != PGRES_FATAL_ERROR) {
        return Error::Internal("postgresql: COPY did not start in: " + sql_);
      }
      return MakeError(conn_, start.get(), sql_);
    }
    return Ok();
  }

  // Sends what copy_buffer_ holds (unless the COPY already failed) and empties it.
  void PutCopyBuffer(std::string& failure) {
    if (failure.empty() && !copy_buffer_.empty() &&
        PQputCopyData(conn_, copy_buffer_.data(), static_cast<int>(copy_buffer_.size())) != 1) {
      failure = TrimMessage(PQerrorMessage(conn_));
    }
    copy_buffer_.clear();
  }

  // Sends the rest and ends the COPY: aborted with `failure` when the client found one.
  Status FinishCopy(std::string& failure) {
    PutCopyBuffer(failure);
    if (copy_buffer_.capacity() > 4 * kCopyChunk) copy_buffer_.shrink_to_fit();
    if (PQputCopyEnd(conn_, failure.empty() ? nullptr : failure.c_str()) != 1) {
      return Error::Unavailable("postgresql: COPY failed: " + TrimMessage(PQerrorMessage(conn_)));
    }
    std::optional<Error> error;
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr result(raw);
      if (PQresultStatus(raw) != PGRES_COMMAND_OK && !error) error = MakeError(conn_, raw, sql_);
    }
    if (!failure.empty()) {
      if (!alive()) return Error::Unavailable("postgresql: COPY failed: " + failure);
      return Error::Internal("postgresql: COPY aborted: " + failure);
    }
    if (error) return std::move(*error);
    return Ok();
  }

  Status CheckCommand(const PGresult* result, std::string_view sql) {
    const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Ok();
    if (status == PGRES_EMPTY_QUERY) return Ok();  // a script of only comments
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      AbandonCopy();
      return Error::Internal("postgresql: COPY needs CopyRows in: " + Excerpt(sql));
    }
    return MakeError(conn_, result, sql);
  }

  // Leaves a COPY started by Exec/Query/ExecScript so the connection stays usable.
  void AbandonCopy() {
    if (PQputCopyEnd(conn_, "COPY is not supported here") != 1) return;
    char* data = nullptr;
    while (PQgetCopyData(conn_, &data, 0) > 0) PQfreemem(data);
    while (PGresult* raw = PQgetResult(conn_)) PQclear(raw);
  }

  // Runs one statement with text parameters; the result is ok (COMMAND_OK or TUPLES_OK).
  Result<ResultPtr> Run(std::string_view sql, std::span<const Value> params) {
    if (params.size() > static_cast<size_t>(INT_MAX)) return Error::Internal("too many parameters");
    sql_.assign(sql.data(), sql.size());  // NUL-terminated, capacity reused
    HOPTAC_TRY(PrepareParameters(params));
    ResultPtr result(PQexecParams(conn_, sql_.c_str(), static_cast<int>(params.size()), nullptr,
                                  parameter_values_.data(), nullptr, nullptr, 0));
    const ExecStatusType status = result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    if (status == PGRES_EMPTY_QUERY) return Error::Internal("postgresql: empty SQL statement");
    HOPTAC_TRY(CheckCommand(result.get(), sql));
    return Error::Internal("postgresql: unexpected result status " + std::string(PQresStatus(status)) +
                           " in: " + Excerpt(sql));
  }

  // Fills parameter_values_: strings point into the Values; numbers are written
  // into number_text_ (the pointers are taken once it stops growing).
  Status PrepareParameters(std::span<const Value> params) {
    parameter_values_.assign(params.size(), nullptr);
    number_offsets_.assign(params.size(), kNoNumber);
    number_text_.clear();
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      if (const auto* text = std::get_if<std::string>(&value)) {
        if (std::memchr(text->data(), '\0', text->size()) != nullptr) {
          return Error::Internal("postgresql: text parameter $" + std::to_string(i + 1) + " contains a NUL byte");
        }
        parameter_values_[i] = text->c_str();
      } else if (const auto* integer = std::get_if<int64_t>(&value)) {
        number_offsets_[i] = number_text_.size();
        AppendInt(number_text_, *integer);
        number_text_ += '\0';
      } else if (const auto* real = std::get_if<double>(&value)) {
        number_offsets_[i] = number_text_.size();
        AppendDouble(number_text_, *real);
        number_text_ += '\0';
      }
    }
    for (size_t i = 0; i < params.size(); ++i) {
      if (number_offsets_[i] != kNoNumber) {
        parameter_values_[i] = number_text_.data() + number_offsets_[i];
      }
    }
    return Ok();
  }

  PGconn* conn_;
  // Scratch buffers reused by every statement on this connection.
  std::string sql_;
  std::vector<const char*> parameter_values_;
  std::vector<size_t> number_offsets_;
  std::string number_text_;
  std::string copy_buffer_;
};

Result<std::unique_ptr<PgConnection>> Connect(const std::string& url, std::string_view described) {
  // Defaults first: with expand_dbname the URL's own settings, processed later, win.
  const char* const keys[] = {"fallback_application_name", "connect_timeout", "client_encoding", "dbname", nullptr};
  const char* const values[] = {"hoptac", "5", "UTF8", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (conn == nullptr) return Error::Unavailable("postgresql: out of memory while connecting");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = TrimMessage(PQerrorMessage(conn));
    PQfinish(conn);
    return Error::Unavailable("postgresql: cannot connect to " + std::string(described) + ": " + message);
  }
  PQsetNoticeProcessor(conn, &LogNotice, nullptr);
  return std::make_unique<PgConnection>(conn);
}

class PostgresDb final : public Db {
 public:
  PostgresDb(std::string url, const DbOptions& options)
      : url_(std::move(url)),
        described_(MaskPassword(url_)),
        options_(options),
        max_size_(std::max(2, options.read_pool_size)) {}

  ~PostgresDb() override { Close(); }

  // Opens the first connection, so that Open() fails when the server does not answer.
  Status Start() {
    HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, Acquire());
    Release(std::move(connection));
    return Ok();
  }

  Backend backend() const override { return Backend::kPostgres; }
  std::string Describe() const override { return described_; }

  Status Read(const std::function<Status(Connection&)>& fn) override {
    return RunTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
  }

  Status Write(const std::function<Status(Connection&)>& fn) override { return RunTransaction("BEGIN", fn); }

  Status Ping() override {
    HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, Acquire());
    const ScopeExit release([&] { Release(std::move(connection)); });
    Status status = BeginWithReconnect(*connection, "SELECT 1");
    if (status.ok()) return status;
    return Error::Unavailable(std::move(status).error().detail);
  }

  PoolStats Stats() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    PoolStats stats;
    stats.size = open_count_;
    stats.in_use = in_use_;
    stats.acquired = acquired_;
    stats.waited = waited_;
    return stats;
  }

  void Close() override {
    std::vector<std::unique_ptr<PgConnection>> idle;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      closed_ = true;
      cv_.notify_all();  // waiting acquirers give up
      cv_.wait(lock, [&] { return in_use_ == 0; });
      idle.swap(idle_);
      open_count_ -= static_cast<int>(idle.size());
    }
  }

 private:
  // Runs `first` (BEGIN or a probe); if the pooled connection turns out to have
  // died while idle (server restart), reopens it once and retries.
  static Status BeginWithReconnect(PgConnection& connection, const char* first) {
    Status status = connection.Command(first);
    if (status.ok() || connection.alive()) return status;
    PQreset(connection.handle());
    if (!connection.alive()) return status;
    return connection.Command(first);
  }

  Status RunTransaction(const char* begin, const std::function<Status(Connection&)>& fn) {
    HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, Acquire());
    const ScopeExit release([&] { Release(std::move(connection)); });
    HOPTAC_TRY(BeginWithReconnect(*connection, begin));
    Status status;
    try {
      status = fn(*connection);
    } catch (...) {
      connection->RollbackQuietly();
      throw;
    }
    if (status.ok()) {
      if (PQtransactionStatus(connection->handle()) == PQTRANS_INERROR) {
        // COMMIT would silently roll back; say so instead of reporting success.
        status = Error::Internal(
            "postgresql: a statement failed inside the transaction and the callback ignored "
            "its error; rolled back");
      } else {
        status = connection->Command("COMMIT");
        if (status.ok()) return status;
      }
    }
    connection->RollbackQuietly();
    return status;
  }

  Result<std::unique_ptr<PgConnection>> Acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
    bool waited = false;
    while (true) {
      if (closed_) return ClosedError();
      if (!idle_.empty()) {
        std::unique_ptr<PgConnection> connection = std::move(idle_.back());
        idle_.pop_back();
        ++in_use_;
        ++acquired_;
        if (waited) ++waited_;
        return connection;
      }
      if (open_count_ < max_size_) {
        ++open_count_;
        ++in_use_;
        ++acquired_;
        if (waited) ++waited_;
        lock.unlock();
        Result<std::unique_ptr<PgConnection>> connection = Connect(url_, described_);
        if (!connection.ok()) {
          lock.lock();
          --open_count_;
          --in_use_;
          cv_.notify_all();
        }
        return connection;
      }
      if (waited && std::chrono::steady_clock::now() >= deadline) {
        return Error::Unavailable("postgresql: timed out after " + std::to_string(options_.acquire_timeout_ms) +
                                  " ms waiting for a pooled connection");
      }
      waited = true;
      cv_.wait_until(lock, deadline);
    }
  }

  void Release(std::unique_ptr<PgConnection> connection) {
    if (connection == nullptr) return;
    std::unique_ptr<PgConnection> discard;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --in_use_;
      if (!closed_ && connection->reusable()) {
        idle_.push_back(std::move(connection));
      } else {
        --open_count_;
        discard = std::move(connection);
      }
      cv_.notify_all();
    }
    // `discard` closes its connection here, outside the lock.
  }

  const std::string url_;
  const std::string described_;
  const DbOptions options_;
  const int max_size_;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_count_ = 0;  // open or being opened
  int in_use_ = 0;      // lent out or being opened
  bool closed_ = false;
  int64_t acquired_ = 0;
  int64_t waited_ = 0;
};

}  // namespace

Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options) {
  std::string text(url);
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(text.c_str(), &parse_error);
  if (parsed == nullptr) {
    std::string message = TrimMessage(parse_error);
    PQfreemem(parse_error);
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.db_url_invalid", {MaskPassword(url)});
    error.detail = "postgresql: " + message;
    return error;
  }
  PQconninfoFree(parsed);
  auto db = std::make_unique<PostgresDb>(std::move(text), options);
  HOPTAC_TRY(db->Start());
  return std::unique_ptr<Db>(std::move(db));
}

Status ExecStandalone(std::string_view url, std::string_view sql) {
  const std::string described = MaskPassword(url);
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, Connect(std::string(url), described));
  return connection->ExecScript(sql);
}

std::string MaskPassword(std::string_view url) {
  std::string out(url);
  // user:password@ in the authority of a URL.
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    size_t end = out.find_first_of("/?#", start);
    if (end == std::string::npos) end = out.size();
    const size_t at = out.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=… in the query string (or a key=value connection string).
  size_t position = 0;
  while ((position = out.find("password=", position)) != std::string::npos) {
    const bool starts_key =
        position == 0 || out[position - 1] == '?' || out[position - 1] == '&' || out[position - 1] == ' ';
    position += std::string_view("password=").size();
    if (!starts_key) continue;
    size_t end = out.find_first_of("& ", position);
    if (end == std::string::npos) end = out.size();
    out.replace(position, end - position, "***");
  }
  return out;
}

void AppendRowValues(const RowView& row, Row& out) {
  const auto* pg_row = dynamic_cast<const PgRow*>(&row);
  const int columns = row.size();
  for (int c = 0; c < columns; ++c) {
    if (row.IsNull(c)) {
      out.emplace_back();
      continue;
    }
    const std::string_view text = row.GetText(c);
    const Oid type = pg_row != nullptr ? PQftype(pg_row->result(), c) : 0;
    switch (type) {
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid:
      case kOidOid: out.emplace_back(ParseInt(text)); break;
      case kBoolOid: out.emplace_back(int64_t{text == "t" ? 1 : 0}); break;
      case kFloat4Oid:
      case kFloat8Oid: out.emplace_back(ParseDouble(text)); break;
      case kNumericOid: {
        // SUM(bigint) is numeric: keep integers exact while they fit.
        int64_t integer = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
        if (ec == std::errc() && end == text.data() + text.size()) {
          out.emplace_back(integer);
        } else {
          out.emplace_back(ParseDouble(text));
        }
        break;
      }
      default: out.emplace_back(std::string(text)); break;
    }
  }
}

}  // namespace hoptac::storage::postgres

#include "storage/db.h"

#include <string>
#include <utility>

#include "storage/postgres/postgres_db.h"
#include "storage/sqlite/sqlite_db.h"

namespace hoptac::storage {

const char* BackendName(Backend backend) {
  switch (backend) {
    case Backend::kSqlite: return "sqlite";
    case Backend::kPostgres: return "postgresql";
  }
  return "sqlite";
}

namespace {

using AppendFn = void (*)(const RowView&, Row&);

AppendFn AppenderFor(Backend backend) {
  return backend == Backend::kPostgres ? &postgres::AppendRowValues : &sqlite::AppendRowValues;
}

}  // namespace

Result<std::vector<Row>> Connection::QueryAll(std::string_view sql, std::span<const Value> params) {
  const AppendFn append = AppenderFor(backend());
  std::vector<Row> rows;
  Status status = Query(sql, params, [&](const RowView& row) -> Status {
    Row& out = rows.emplace_back();
    out.reserve(static_cast<size_t>(row.size()));
    append(row, out);
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return rows;
}

Result<std::optional<Row>> Connection::QueryOne(std::string_view sql, std::span<const Value> params) {
  const AppendFn append = AppenderFor(backend());
  std::optional<Row> first;
  Status status = Query(sql, params, [&](const RowView& row) -> Status {
    if (!first) {
      first.emplace();
      first->reserve(static_cast<size_t>(row.size()));
      append(row, *first);
    }
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return first;
}

std::optional<Sync> ParseSync(std::string_view name) {
  if (name == "full") return Sync::kFull;
  if (name == "normal") return Sync::kNormal;
  return std::nullopt;
}

Status Db::BackupTo(const std::string&) {
  return Error::Make(ErrorCode::kInvalidArgument, "error.backup_unsupported", {BackendName(backend())});
}

Status Db::RestoreFrom(const std::string&) {
  return Error::Make(ErrorCode::kInvalidArgument, "error.backup_unsupported", {BackendName(backend())});
}

Result<std::unique_ptr<Db>> Db::Open(std::string_view url, const DbOptions& options) {
  if (url.starts_with("sqlite:")) return sqlite::Open(url, options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::Open(url, options);
  }
  // Masked: an unknown scheme may still carry a password (mysql://u:p@h/db).
  return Error::Make(ErrorCode::kInvalidArgument, "error.db_url_invalid", {postgres::MaskPassword(url)});
}

}  // namespace hoptac::storage

// PostgreSQL backend of storage::Db (libpq), for national deployments.
//
// A pool of at most max(2, DbOptions::read_pool_size) connections shared by reads
// and writes, opened lazily (the first one at Open() to prove the server answers).
// Acquiring waits at most DbOptions::acquire_timeout_ms, then fails kUnavailable.
// A connection that broke (server restart, network) is discarded on release; a
// pooled connection found dead when its transaction begins is reopened once.
//   - Read():  `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` … `COMMIT`.
//   - Write(): `BEGIN` … `COMMIT`, or `ROLLBACK` when the callback fails.
// Statements go through PQexecParams with text parameters and text results; bulk
// inserts through `COPY … FROM STDIN` (text format). Connections set
// `application_name=hoptac`, `client_encoding=UTF8` and `connect_timeout=5` unless
// the URL says otherwise.
//
// Errors: SQLSTATE 23505 → kConflict; connection failures (class 08, 57P0x,
// class 53, or a dead connection) → kUnavailable; anything else → kInternal. The
// server message is in Error::detail.
//
// Thread-safety: the Db is safe from any number of threads (see storage/db.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::storage::postgres {

// Opens a pool on `url` (`postgresql://…` or `postgres://…`, any libpq URI).
// Errors: kUnavailable when the server cannot be reached or refuses the login.
Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options);

// Runs one statement on a fresh connection outside any transaction block, for
// statements that cannot run inside one (`CREATE DATABASE`, `DROP DATABASE`).
// For tools and tests; the SQL must not contain user input.
Status ExecStandalone(std::string_view url, std::string_view sql);

// `url` with the password (in the user-info part or a `password=` parameter)
// replaced by `***`, for logs.
std::string MaskPassword(std::string_view url);

// Appends the typed values of a row seen by a PostgreSQL Query() callback to `out`
// (int2/int4/int8/oid/bool → int64, float4/float8 → double, numeric → int64 when
// integral and in range else double, NULL, everything else → text).
// For Connection::QueryAll.
void AppendRowValues(const RowView& row, Row& out);

}  // namespace hoptac::storage::postgres

// SQLite backend of storage::Db, the embedded default (`sqlite:PATH`, `sqlite::memory:`).
//
// One writer connection and a pool of up to DbOptions::read_pool_size reader
// connections, all on the same database:
//   - Write() serialises on a mutex and runs `BEGIN IMMEDIATE` … `COMMIT`/`ROLLBACK`
//     on the writer, so a write never meets SQLITE_BUSY from another writer of
//     this process.
//   - Read() borrows a reader (opened lazily, `PRAGMA query_only`) and runs a
//     deferred `BEGIN` … `COMMIT`: in WAL mode it sees one consistent snapshot and
//     neither blocks nor is blocked by the writer.
// Every connection has foreign_keys=ON, synchronous=FULL (DbOptions::sync; NORMAL for bulk
// loads), the busy timeout and a cache of prepared statements keyed by SQL text. Parameters `$N` are bound by
// name, so `$2` may appear before `$1`.
//
// `sqlite::memory:` is one private in-memory database shared by the writer and the
// readers of this Db (the `memdb` VFS, which unlike a shared-cache database
// honours the busy timeout); it lives until Close(). In-memory databases have no
// WAL: a write transaction makes new reads wait, and a COMMIT waits for running
// reads (both up to the busy timeout), so a Read must not wait for a Write there.
//
// A Read() nested in a Write() runs on a reader and does not see the writes not
// yet committed; a Write() nested in a Write() on the same thread fails kInternal
// instead of deadlocking.
//
// Thread-safety: the Db is safe from any number of threads (see storage/db.h).
#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::storage::sqlite {

// Opens `url` (`sqlite:PATH`, `sqlite://PATH` or `sqlite::memory:`), creating the
// database file and its parent folders when missing. Opens and configures the
// writer connection (WAL for files) before returning.
// Errors: kInvalidArgument for an empty path; kUnavailable when the file cannot be
// created or opened.
Result<std::unique_ptr<Db>> Open(std::string_view url, const DbOptions& options);

// Appends the typed values of a row seen by a SQLite Query() callback to `out`
// (INTEGER → int64, REAL → double, TEXT/BLOB → string, NULL). For Connection::QueryAll.
void AppendRowValues(const RowView& row, Row& out);

}  // namespace hoptac::storage::sqlite

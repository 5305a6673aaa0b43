// Bulk loading: what a writer that inserts many rows into a table in one
// transaction may do to make it cheaper.
//
// Keeping a secondary index up to date row by row costs a B-tree descent per row
// and index; building it once at the end sorts instead. For a load that inserts
// more rows than a table holds, dropping the table's secondary indexes inside the
// transaction and creating them again before commit is several times cheaper. The
// indexes that back PRIMARY KEY and UNIQUE constraints stay (they enforce the
// constraints), and the transaction either commits with every index rebuilt or
// rolls back with every index as it was.
//
// SQLite: its DDL is transactional and readers keep reading their snapshot.
// PostgreSQL: DDL is transactional too, but DROP INDEX takes an ACCESS EXCLUSIVE lock
// on the table until the transaction ends, so every reader of the table waits for
// the load to commit: the caller decides when that is worth it (registry/import:
// only for a large load into a table it at least doubles, docs/perf.md).
//
// Thread-safety: the functions run on the Connection they are given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::storage {

// Drops the secondary indexes of `table` and returns the statements that create
// them again. REQUIRES: inside a write transaction.
Result<std::vector<std::string>> DropSecondaryIndexes(Connection& conn, std::string_view table);
// Runs the statements DropSecondaryIndexes() returned.
Status CreateIndexes(Connection& conn, const std::vector<std::string>& statements);

}  // namespace hoptac::storage

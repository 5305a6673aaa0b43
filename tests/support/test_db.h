// Test databases: the one place tests learn which backend they run on.
//
// HOPTAC_TEST_BACKEND selects the backend: `sqlite` (default) or `postgres`.
// For PostgreSQL, HOPTAC_TEST_PG_DIR names the folder prepared by
// tests/pg/pg_start.sh, whose `url` file points at the private test server; every
// call then creates a fresh database `hoptac_t_<pid>_<n>` on it. For SQLite every
// call gets a fresh file in a fresh temporary folder (removed at process exit).
//
// A test database that cannot be created is a loud failure (the process aborts
// with the reason), never a skipped test. The first database opened prints one
// line to stdout naming the backend and URL.
//
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "storage/db.h"

namespace hoptac::testing {

// The backend named by HOPTAC_TEST_BACKEND (aborts on an unknown name).
storage::Backend TestBackend();

// The URL of a fresh, empty database of the test backend.
std::string TestDbUrl();

// The URL of a fresh database of the test backend holding what the database at `url`
// holds (SQLite: the file copied; PostgreSQL: CREATE DATABASE … TEMPLATE). Nothing may
// be connected to `url` meanwhile. Aborts when the copy cannot be made.
std::string CopyTestDb(const std::string& url);

// Removes a database made by TestDbUrl or CopyTestDb (SQLite: its folder; PostgreSQL:
// DROP DATABASE … WITH (FORCE)), for tests that make many.
void DropTestDb(const std::string& url);

// Opens a fresh, empty database of the test backend (no migrations applied).
std::unique_ptr<storage::Db> OpenTestDb(const storage::DbOptions& options = {});

}  // namespace hoptac::testing

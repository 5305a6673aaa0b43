// The fixture of the storage suite (tests/storage/*_test.cpp): a database of the backend
// named by HOPTAC_TEST_BACKEND, and small helpers over it. Tests create their own tables.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.h"
#include "support/status_matchers.h"
#include "support/test_db.h"

namespace hoptac::storage {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

using testing::Describe;

inline int64_t Elapsed(steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count();
}

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = hoptac::testing::OpenTestDb(); }
  void TearDown() override {
    if (db_ != nullptr) db_->Close();
  }

  Db& db() { return *db_; }

  // Runs a script in its own write transaction.
  Status Script(std::string_view sql) {
    return db().Write([&](Connection& c) { return c.ExecScript(sql); });
  }

  Result<std::vector<Row>> ReadAll(std::string_view sql, std::vector<Value> params = {}) {
    std::vector<Row> rows;
    Status status = db().Read([&](Connection& c) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(rows, c.QueryAll(sql, params));
      return Ok();
    });
    if (!status.ok()) return std::move(status).error();
    return rows;
  }

  int64_t Count(std::string_view table) {
    Result<std::vector<Row>> rows = ReadAll("SELECT COUNT(*) FROM " + std::string(table));
    if (!rows.ok() || rows->size() != 1) {
      ADD_FAILURE() << "count of " << table << " failed";
      return -1;
    }
    return std::get<int64_t>((*rows)[0][0]);
  }

  std::unique_ptr<Db> db_;
};

}  // namespace hoptac::storage

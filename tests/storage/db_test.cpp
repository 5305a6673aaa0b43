// The storage suite: runs unchanged on the backend named by HOPTAC_TEST_BACKEND
// (ctest runs it as storage_sqlite and storage_postgres). Tests create their own
// tables; only the Migrate tests touch the application schema.

#include "storage/db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/db_fixture.h"
#include "storage/postgres/postgres_db.h"
#include "support/status_matchers.h"
#include "support/test_db.h"

namespace hoptac::storage {

namespace internal {  // implemented in src/storage/migrate.cpp
struct MigrationFile {
  std::string_view file_name;
  std::string_view sql;
};
Result<int> ApplyMigrations(Db& db, std::span<const MigrationFile> files);
}  // namespace internal

namespace {

TEST_F(DbTest, ExecAndQueryAllValueTypesAndNull) {
  ASSERT_OK(Script("CREATE TABLE kinds (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT)"));
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    const char* insert = "INSERT INTO kinds (id, i, r, t) VALUES ($1, $2, $3, $4)";
    HOPTAC_ASSIGN_OR_RETURN(int64_t first, c.Exec(insert, {Int(1), Int(42), Real(2.5), Text("abc")}));
    HOPTAC_ASSIGN_OR_RETURN(int64_t second, c.Exec(insert, {Int(2), Null(), Null(), Null()}));
    HOPTAC_ASSIGN_OR_RETURN(int64_t third, c.Exec(insert, {Int(3), Int(-7), Real(-0.125), TextOrNull("")}));
    EXPECT_EQ(first + second + third, 3);
    HOPTAC_ASSIGN_OR_RETURN(int64_t updated, c.Exec("UPDATE kinds SET t = $1 WHERE id >= $2", {Text("z"), Int(2)}));
    EXPECT_EQ(updated, 2);
    HOPTAC_ASSIGN_OR_RETURN(int64_t none, c.Exec("UPDATE kinds SET t = $1 WHERE id > $2", {Text("z"), Int(100)}));
    EXPECT_EQ(none, 0);
    HOPTAC_ASSIGN_OR_RETURN(int64_t ddl, c.Exec("CREATE TABLE other (x BIGINT)"));
    EXPECT_EQ(ddl, 0);
    HOPTAC_TRY(c.Exec("UPDATE kinds SET t = NULL WHERE id = $1", {Int(2)}));
    return Ok();
  }));

  Result<std::vector<Row>> rows = ReadAll("SELECT id, i, r, t FROM kinds ORDER BY id");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (Row{Int(1), Int(42), Real(2.5), Text("abc")}));
  EXPECT_EQ((*rows)[1], (Row{Int(2), Null(), Null(), Null()}));
  EXPECT_EQ((*rows)[2], (Row{Int(3), Int(-7), Real(-0.125), Text("z")}));

  // The streaming view: typed getters and IsNull.
  int seen = 0;
  const Value up_to[] = {Int(2)};
  ASSERT_OK(db().Read([&](Connection& c) {
    return c.Query("SELECT id, i, r, t FROM kinds WHERE id <= $1 ORDER BY id", up_to,
                   [&](const RowView& row) -> Status {
                     EXPECT_EQ(row.size(), 4);
                     if (row.GetInt(0) == 1) {
                       EXPECT_FALSE(row.IsNull(1));
                       EXPECT_EQ(row.GetInt(1), 42);
                       EXPECT_EQ(row.GetDouble(2), 2.5);
                       EXPECT_EQ(row.GetText(3), "abc");
                       EXPECT_EQ(row.GetText(0), "1");
                     } else {
                       EXPECT_TRUE(row.IsNull(1));
                       EXPECT_TRUE(row.IsNull(2));
                       EXPECT_TRUE(row.IsNull(3));
                       EXPECT_EQ(row.GetText(3), "");
                     }
                     ++seen;
                     return Ok();
                   });
  }));
  EXPECT_EQ(seen, 2);

  // QueryOne: the first row, or nothing.
  ASSERT_OK(db().Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> missing, c.QueryOne("SELECT t FROM kinds WHERE id = $1", {Int(99)}));
    EXPECT_FALSE(missing.has_value());
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> found, c.QueryOne("SELECT t FROM kinds WHERE id = $1", {Int(1)}));
    EXPECT_TRUE(found.has_value());
    if (found) {
      EXPECT_EQ(*found, Row{Text("abc")});
    }
    return Ok();
  }));
}

TEST_F(DbTest, AggregatesComeBackTyped) {
  ASSERT_OK(
      Script("CREATE TABLE nums (n BIGINT NOT NULL);"
             "INSERT INTO nums (n) VALUES (1), (2), (3), (4000000000000)"));
  Result<std::vector<Row>> rows = ReadAll("SELECT COUNT(*), SUM(n), MAX(n), AVG(n * 1.0) FROM nums WHERE n < 10");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0], Int(3));
  EXPECT_EQ((*rows)[0][1], Int(6));  // numeric on PostgreSQL, exact integer here
  EXPECT_EQ((*rows)[0][2], Int(3));
  ASSERT_TRUE(std::holds_alternative<double>((*rows)[0][3]));
  EXPECT_DOUBLE_EQ(std::get<double>((*rows)[0][3]), 2.0);
  rows = ReadAll("SELECT SUM(n) FROM nums");
  ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0][0], Int(4000000000006));
}

TEST_F(DbTest, PlaceholdersBindByNumberNotByPosition) {
  ASSERT_OK(Script("CREATE TABLE pairs (a TEXT NOT NULL, b BIGINT NOT NULL)"));
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    // $2 appears before $1.
    HOPTAC_TRY(c.Exec("INSERT INTO pairs (b, a) VALUES ($2, $1)", {Text("x"), Int(7)}));
    HOPTAC_TRY(c.Exec("INSERT INTO pairs (b, a) VALUES ($2, $1)", {Text("y"), Int(8)}));
    return Ok();
  }));
  Result<std::vector<Row>> rows = ReadAll("SELECT a, b FROM pairs WHERE b = $2 AND a = $1", {Text("y"), Int(8)});
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], (Row{Text("y"), Int(8)}));
  // The same parameter used twice.
  rows = ReadAll("SELECT a FROM pairs WHERE a = $1 OR (b = $2 AND a <> $1) ORDER BY a", {Text("x"), Int(8)});
  ASSERT_OK(rows);
  EXPECT_EQ(rows->size(), 2u);
  // Too few or too many parameters is an error on both backends, not a silent NULL.
  EXPECT_FALSE(ReadAll("SELECT a FROM pairs WHERE a = $1 AND b = $2", {Text("x")}).ok());
  EXPECT_FALSE(ReadAll("SELECT a FROM pairs WHERE a = $1", {Text("x"), Int(8)}).ok());
}

TEST_F(DbTest, VietnameseTextRoundTrips) {
  ASSERT_OK(Script("CREATE TABLE names (id BIGINT PRIMARY KEY, name TEXT NOT NULL)"));
  const std::vector<std::string> names = {
      "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Đồng Tháp",
      "Thừa Thiên Huế",
      "Bà Rịa – Vũng Tàu",
      "ẮẰẲẴẶ ắằẳẵặ ẤẦẨẪẬ ấầẩẫậ ĐđƠơƯư ỹỷỵỳý",
      "Nghệ An 🌾 «quotes» ‘single’ \"double\" 'apostrophe'",
  };
  ASSERT_OK(db().Write([&](Connection& c) -> Status {
    for (size_t i = 0; i < names.size(); ++i) {
      HOPTAC_TRY(
          c.Exec("INSERT INTO names (id, name) VALUES ($1, $2)", {Int(static_cast<int64_t>(i)), Text(names[i])}));
    }
    return Ok();
  }));
  Result<std::vector<Row>> rows = ReadAll("SELECT name FROM names ORDER BY id");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ((*rows)[i][0], Text(names[i]));
  // Lookup by a Vietnamese parameter.
  rows = ReadAll("SELECT id FROM names WHERE name = $1", {Text("Thừa Thiên Huế")});
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0], Int(1));
}

TEST_F(DbTest, Int64ExtremesAndDoublesRoundTrip) {
  ASSERT_OK(Script("CREATE TABLE extremes (id BIGINT PRIMARY KEY, v BIGINT, d DOUBLE PRECISION)"));
  const std::vector<int64_t> ints = {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 0, -1,
                                     9007199254740993};  // 2^53 + 1: not a double
  const std::vector<double> doubles = {0.1,
                                       1.0 / 3.0,
                                       1e300,
                                       -2.5e-300,
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity()};
  ASSERT_OK(db().Write([&](Connection& c) -> Status {
    for (size_t i = 0; i < ints.size(); ++i) {
      HOPTAC_TRY(c.Exec("INSERT INTO extremes (id, v, d) VALUES ($1, $2, $3)",
                        {Int(static_cast<int64_t>(i)), Int(ints[i]), Real(doubles[i % doubles.size()])}));
    }
    return Ok();
  }));
  Result<std::vector<Row>> rows = ReadAll("SELECT v, d FROM extremes ORDER BY id");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), ints.size());
  for (size_t i = 0; i < ints.size(); ++i) {
    EXPECT_EQ((*rows)[i][0], Int(ints[i])) << i;
    EXPECT_EQ((*rows)[i][1], Real(doubles[i % doubles.size()])) << i;
  }
  for (int64_t value : ints) {
    rows = ReadAll("SELECT id FROM extremes WHERE v = $1", {Int(value)});
    ASSERT_OK(rows);
    EXPECT_EQ(rows->size(), 1u) << value;
  }
}

TEST_F(DbTest, WriteRollsBackWhenCallbackFails) {
  ASSERT_OK(Script("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)"));
  Status status = db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", {Int(1), Text("a")}));
    HOPTAC_TRY(c.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", {Int(2), Text("b")}));
    return Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);  // the callback's own error
  EXPECT_EQ(status.error().key, "error.invalid_request");
  EXPECT_EQ(Count("items"), 0);

  // A failing statement: the earlier insert goes too.
  status = db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", {Int(1), Text("a")}));
    HOPTAC_TRY(c.Exec("INSERT INTO no_such_table (id) VALUES ($1)", {Int(1)}));
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(status.error().detail.empty());
  EXPECT_EQ(Count("items"), 0);

  // An exception: rolled back, propagated, and the database stays usable.
  EXPECT_THROW((void)db().Write([](Connection& c) -> Status {
    (void)c.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", {Int(1), Text("a")});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("items"), 0);
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", {Int(1), Text("a")}));
    return Ok();
  }));
  EXPECT_EQ(Count("items"), 1);
}

TEST_F(DbTest, UniqueViolationIsConflict) {
  ASSERT_OK(
      Script("CREATE TABLE units (id BIGINT PRIMARY KEY, code TEXT NOT NULL, note TEXT NOT NULL);"
             "CREATE UNIQUE INDEX units_code ON units (code)"));
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO units (id, code, note) VALUES ($1, $2, $3)", {Int(1), Text("01"), Text("Hà Nội")}));
    return Ok();
  }));
  const auto insert = [&](int64_t id, const char* code, Value note) {
    return db().Write([&](Connection& c) -> Status {
      HOPTAC_TRY(c.Exec("INSERT INTO units (id, code, note) VALUES ($1, $2, $3)", {Int(id), Text(code), note}));
      return Ok();
    });
  };
  Status primary_key = insert(1, "02", Text("x"));
  ASSERT_FALSE(primary_key.ok());
  EXPECT_EQ(primary_key.error().code, ErrorCode::kConflict) << Describe(primary_key.error());
  EXPECT_EQ(primary_key.error().key, "error.conflict");
  EXPECT_FALSE(primary_key.error().detail.empty());

  Status unique_index = insert(2, "01", Text("x"));
  ASSERT_FALSE(unique_index.ok());
  EXPECT_EQ(unique_index.error().code, ErrorCode::kConflict) << Describe(unique_index.error());

  // Other constraint failures are not conflicts.
  Status not_null = insert(3, "03", Null());
  ASSERT_FALSE(not_null.ok());
  EXPECT_EQ(not_null.error().code, ErrorCode::kInternal) << Describe(not_null.error());
  EXPECT_EQ(Count("units"), 1);
}

TEST_F(DbTest, ForeignKeysAreEnforced) {
  ASSERT_OK(
      Script("CREATE TABLE parents (id BIGINT PRIMARY KEY);"
             "CREATE TABLE children (id BIGINT PRIMARY KEY, "
             "parent_id BIGINT NOT NULL REFERENCES parents (id) ON DELETE CASCADE);"
             "INSERT INTO parents (id) VALUES (1);"
             "INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 1)"));
  Status orphan = db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO children (id, parent_id) VALUES ($1, $2)", {Int(12), Int(2)}));
    return Ok();
  });
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kInternal) << Describe(orphan.error());
  // The cascade runs, and Exec counts only the rows of the statement itself.
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(int64_t deleted, c.Exec("DELETE FROM parents WHERE id = $1", {Int(1)}));
    EXPECT_EQ(deleted, 1);
    return Ok();
  }));
  EXPECT_EQ(Count("children"), 0);
}

TEST_F(DbTest, ReadTransactionRejectsWrites) {
  ASSERT_OK(Script("CREATE TABLE ro (x BIGINT)"));
  Status status = db().Read([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO ro (x) VALUES ($1)", {Int(1)}));
    return Ok();
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Count("ro"), 0);
}

TEST_F(DbTest, ExecRunsOneStatementAndExecScriptMany) {
  Status two = db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("CREATE TABLE a1 (x BIGINT); CREATE TABLE a2 (x BIGINT)"));
    return Ok();
  });
  EXPECT_FALSE(two.ok());
  ASSERT_OK(
      Script("-- a comment\nCREATE TABLE b1 (x BIGINT);\n"
             "CREATE TABLE b2 (x BIGINT); INSERT INTO b2 (x) VALUES (1), (2);\n"
             "/* trailing comment */\n"));
  EXPECT_EQ(Count("b1"), 0);
  EXPECT_EQ(Count("b2"), 2);
  // A trailing semicolon or comment is still one statement.
  ASSERT_OK(ReadAll("SELECT x FROM b2;  "));
  ASSERT_OK(ReadAll("SELECT x FROM b2; -- done"));
}

TEST_F(DbTest, QueryStopsAtTheCallbacksError) {
  ASSERT_OK(Script("CREATE TABLE seq (n BIGINT); INSERT INTO seq (n) VALUES (1), (2), (3), (4)"));
  int calls = 0;
  Status status = db().Read([&](Connection& c) {
    return c.Query("SELECT n FROM seq ORDER BY n", {}, [&](const RowView& row) -> Status {
      ++calls;
      if (row.GetInt(0) == 2) return Error::Make(ErrorCode::kNotFound, "error.not_found");
      return Ok();
    });
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(calls, 2);
}

TEST_F(DbTest, NestedQueryOfTheSameSqlInsideTheCallback) {
  ASSERT_OK(
      Script("CREATE TABLE tree (id BIGINT PRIMARY KEY, parent BIGINT);"
             "INSERT INTO tree (id, parent) VALUES (1, NULL), (2, 1), (3, 1), (4, 2)"));
  std::vector<std::pair<int64_t, int64_t>> edges;
  const char* children = "SELECT id FROM tree WHERE parent = $1 ORDER BY id";
  ASSERT_OK(db().Read([&](Connection& c) {
    const Value root[] = {Int(1)};
    return c.Query(children, root, [&](const RowView& child) -> Status {
      const int64_t id = child.GetInt(0);
      edges.emplace_back(1, id);
      const Value parent[] = {Int(id)};
      return c.Query(children, parent, [&](const RowView& grandchild) -> Status {
        edges.emplace_back(id, grandchild.GetInt(0));
        return Ok();
      });
    });
  }));
  EXPECT_EQ(edges, (std::vector<std::pair<int64_t, int64_t>>{{1, 2}, {2, 4}, {1, 3}}));
}

TEST_F(DbTest, ConcurrentReadersWhileWriterWrites) {
  ASSERT_OK(Script("CREATE TABLE batches (batch BIGINT NOT NULL, n BIGINT NOT NULL)"));
  constexpr int kBatches = 60;
  constexpr int kRowsPerBatch = 10;
  std::atomic<bool> writing{true};
  std::atomic<int> reads{0};
  std::atomic<int> errors{0};

  std::thread writer([&] {
    for (int b = 0; b < kBatches; ++b) {
      Status status = db().Write([&](Connection& c) -> Status {
        for (int n = 0; n < kRowsPerBatch; ++n) {
          HOPTAC_TRY(c.Exec("INSERT INTO batches (batch, n) VALUES ($1, $2)", {Int(b), Int(n)}));
        }
        return Ok();
      });
      if (!status.ok()) {
        ADD_FAILURE() << Describe(status.error());
        ++errors;
      }
    }
    writing = false;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      do {
        Status status = db().Read([&](Connection& c) -> Status {
          HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> first, c.QueryOne("SELECT COUNT(*) FROM batches"));
          std::this_thread::sleep_for(milliseconds(1));
          HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> second, c.QueryOne("SELECT COUNT(*) FROM batches"));
          const int64_t count = std::get<int64_t>((*first)[0]);
          EXPECT_EQ(count % kRowsPerBatch, 0) << "saw half a write";
          EXPECT_EQ((*second)[0], (*first)[0]) << "a read transaction is one snapshot";
          EXPECT_GE(count, last) << "went back in time";
          last = count;
          return Ok();
        });
        if (!status.ok()) {
          ADD_FAILURE() << Describe(status.error());
          ++errors;
          return;
        }
        ++reads;
      } while (writing);
    });
  }
  writer.join();
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GE(reads.load(), 4);
  EXPECT_EQ(Count("batches"), kBatches * kRowsPerBatch);
}

TEST_F(DbTest, ReadSeesASnapshotWhileAWriteCommits) {
  ASSERT_OK(Script("CREATE TABLE snap (x BIGINT)"));
  ASSERT_OK(db().Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO snap (x) VALUES ($1)", {Int(1)}));
    return Ok();
  }));
  ASSERT_OK(db().Read([&](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> before, c.QueryOne("SELECT COUNT(*) FROM snap"));
    Status written;
    std::thread other([&] {
      written = db().Write([](Connection& w) -> Status {
        HOPTAC_TRY(w.Exec("INSERT INTO snap (x) VALUES ($1)", {Int(2)}));
        return Ok();
      });
    });
    other.join();
    EXPECT_OK(written);
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> after, c.QueryOne("SELECT COUNT(*) FROM snap"));
    EXPECT_EQ(*before, Row{Int(1)});
    EXPECT_EQ(*after, Row{Int(1)});
    return Ok();
  }));
  EXPECT_EQ(Count("snap"), 2);
}

TEST_F(DbTest, MigrateIsIdempotentAndRecordsKnownVersions) {
  const std::vector<int> known = KnownMigrations(db().backend());
  EXPECT_TRUE(std::is_sorted(known.begin(), known.end()));
  Result<int> first = Migrate(db());
  ASSERT_OK(first);
  EXPECT_EQ(*first, static_cast<int>(known.size()));
  Result<int> second = Migrate(db());
  ASSERT_OK(second);
  EXPECT_EQ(*second, 0);

  Result<std::vector<Row>> rows = ReadAll("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_OK(rows);
  std::vector<int> recorded;
  for (const Row& row : *rows) {
    recorded.push_back(static_cast<int>(std::get<int64_t>(row[0])));
    EXPECT_TRUE(std::get<std::string>(row[1]).ends_with(".sql"));
    EXPECT_EQ(std::get<std::string>(row[2]).size(), 20u);  // 2025-01-02T03:04:05Z
  }
  EXPECT_EQ(recorded, known);
}

TEST_F(DbTest, FailingMigrationNamesItsFileAndKeepsEarlierOnes) {
  const std::vector<internal::MigrationFile> broken = {
      {"9001_first.sql", "CREATE TABLE mig_first (x BIGINT);"},
      {"9002_second.sql", "CREATE TABLE mig_second (x BIGINT); THIS IS NOT SQL;"},
      {"9003_third.sql", "CREATE TABLE mig_third (x BIGINT);"},
  };
  Result<int> result = internal::ApplyMigrations(db(), broken);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().detail.find("9002_second.sql"), std::string::npos) << result.error().detail;
  Result<std::vector<Row>> versions = ReadAll("SELECT version FROM schema_migrations ORDER BY version");
  ASSERT_OK(versions);
  EXPECT_EQ(*versions, (std::vector<Row>{{Int(9001)}}));
  EXPECT_EQ(Count("mig_first"), 0);                        // exists
  EXPECT_FALSE(ReadAll("SELECT x FROM mig_second").ok());  // rolled back

  const std::vector<internal::MigrationFile> fixed = {
      broken[0], {"9002_second.sql", "CREATE TABLE mig_second (x BIGINT);"}, broken[2]};
  Result<int> applied = internal::ApplyMigrations(db(), fixed);
  ASSERT_OK(applied);
  EXPECT_EQ(*applied, 2);
}

TEST_F(DbTest, ConcurrentMigrationsApplyEachVersionOnce) {
  db_->Close();
  const std::string url = hoptac::testing::TestDbUrl();
  std::vector<std::string> sql;
  std::vector<internal::MigrationFile> files;
  for (int i = 1; i <= 5; ++i) sql.push_back("CREATE TABLE race_" + std::to_string(i) + " (x BIGINT);");
  const std::vector<std::string> names = {"0001_a.sql", "0002_b.sql", "0003_c.sql", "0004_d.sql", "0005_e.sql"};
  for (size_t i = 0; i < names.size(); ++i) files.push_back({names[i], sql[i]});

  constexpr int kProcesses = 3;
  std::vector<std::unique_ptr<Db>> dbs;
  for (int i = 0; i < kProcesses; ++i) {
    Result<std::unique_ptr<Db>> opened = Db::Open(url);
    ASSERT_OK(opened);
    dbs.push_back(std::move(opened).value());
  }
  std::atomic<int> total{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kProcesses; ++i) {
    threads.emplace_back([&, i] {
      Result<int> applied = internal::ApplyMigrations(*dbs[static_cast<size_t>(i)], files);
      if (applied.ok()) {
        total += *applied;
      } else {
        ADD_FAILURE() << Describe(applied.error());
        ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(total.load(), 5);
  for (auto& each : dbs) each->Close();
}

TEST_F(DbTest, PingAnswers) {
  EXPECT_OK(db().Ping());
  EXPECT_FALSE(db().Describe().empty());
  EXPECT_EQ(db().backend(), hoptac::testing::TestBackend());
}

TEST_F(DbTest, StatsCountAcquisitions) {
  const PoolStats before = db().Stats();
  EXPECT_GE(before.size, 1);
  EXPECT_EQ(before.in_use, 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(db().Read([&](Connection&) -> Status {
      EXPECT_GE(db().Stats().in_use, 1);
      return Ok();
    }));
  }
  for (int i = 0; i < 2; ++i) ASSERT_OK(db().Write([](Connection&) { return Ok(); }));
  const PoolStats after = db().Stats();
  EXPECT_EQ(after.acquired - before.acquired, 5);
  EXPECT_EQ(after.in_use, 0);
  EXPECT_GE(after.size, before.size);
  EXPECT_LE(after.size, 1 + DbOptions().read_pool_size);
}

// Two callbacks hold both pooled connections; a third Read waits, then either
// gets one (long timeout) or gives up with kUnavailable (short timeout).
TEST_F(DbTest, AcquireWaitsForAPooledConnectionWithinTheTimeout) {
  for (const int timeout_ms : {5000, 150}) {
    DbOptions options;
    options.read_pool_size = 2;
    options.acquire_timeout_ms = timeout_ms;
    std::unique_ptr<Db> small = hoptac::testing::OpenTestDb(options);
    const int hold_ms = timeout_ms > 1000 ? 300 : 1500;
    std::atomic<int> holding{0};
    std::vector<std::thread> holders;
    for (int i = 0; i < 2; ++i) {
      holders.emplace_back([&] {
        EXPECT_OK(small->Read([&](Connection&) {
          ++holding;
          std::this_thread::sleep_for(milliseconds(hold_ms));
          return Ok();
        }));
      });
    }
    while (holding < 2) std::this_thread::sleep_for(milliseconds(1));
    const auto start = steady_clock::now();
    Status third = small->Read([](Connection&) { return Ok(); });
    const int64_t waited_ms = Elapsed(start);
    if (timeout_ms > 1000) {
      EXPECT_OK(third);
      EXPECT_GE(small->Stats().waited, 1);
    } else {
      ASSERT_FALSE(third.ok());
      EXPECT_EQ(third.error().code, ErrorCode::kUnavailable);
      EXPECT_GE(waited_ms, timeout_ms - 10);
      EXPECT_LT(waited_ms, hold_ms - 100);
    }
    for (std::thread& holder : holders) holder.join();
    EXPECT_OK(small->Read([](Connection&) { return Ok(); }));
    small->Close();
  }
}

TEST_F(DbTest, CloseWaitsForLentConnectionsThenEverythingIsUnavailable) {
  std::atomic<bool> inside{false};
  std::atomic<bool> finished{false};
  std::thread reader([&] {
    EXPECT_OK(db().Read([&](Connection& c) -> Status {
      inside = true;
      std::this_thread::sleep_for(milliseconds(200));
      HOPTAC_TRY(c.QueryOne("SELECT 1"));
      finished = true;
      return Ok();
    }));
  });
  while (!inside) std::this_thread::sleep_for(milliseconds(1));
  db().Close();
  EXPECT_TRUE(finished.load());
  reader.join();

  Status read = db().Read([](Connection&) { return Ok(); });
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::kUnavailable);
  Status write = db().Write([](Connection&) { return Ok(); });
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().code, ErrorCode::kUnavailable);
  Status ping = db().Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnavailable);
  db().Close();  // idempotent
  EXPECT_EQ(db().Stats().in_use, 0);
}

TEST(DbOpenTest, BadUrlIsInvalidArgument) {
  for (const char* url : {"", "mysql://user:secret@host/db", "sqlite:", "hoptac.db",
                          "postgresql://user:secret@host/db?no_such_option=1"}) {
    Result<std::unique_ptr<Db>> db = Db::Open(url);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument) << url << ": " << Describe(db.error());
    EXPECT_EQ(db.error().key, "error.db_url_invalid") << url;
    ASSERT_EQ(db.error().args.size(), 1u) << url;
    EXPECT_EQ(db.error().args[0].find("secret"), std::string::npos) << db.error().args[0];
  }
}

TEST(DbOpenTest, UnreachablePostgresIsUnavailableQuickly) {
  const auto start = steady_clock::now();
  Result<std::unique_ptr<Db>> db = Db::Open("postgresql://postgres@127.0.0.1:1/x");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable) << Describe(db.error());
  EXPECT_EQ(db.error().key, "error.database_unavailable");
  EXPECT_LT(Elapsed(start), 3000);
}

TEST(DbOpenTest, DescribeMasksThePassword) {
  EXPECT_EQ(postgres::MaskPassword("postgresql://app:s3cr%40t@db.example:5432/hoptac"),
            "postgresql://app:***@db.example:5432/hoptac");
  EXPECT_EQ(postgres::MaskPassword("postgres://app@h/db?sslmode=require&password=pw&x=1"),
            "postgres://app@h/db?sslmode=require&password=***&x=1");
  EXPECT_EQ(postgres::MaskPassword("postgresql://h:5432/db"), "postgresql://h:5432/db");
  EXPECT_EQ(postgres::MaskPassword("sqlite:/var/lib/hoptac/a:b@c.db"), "sqlite:/var/lib/hoptac/a:b@c.db");
}

}  // namespace
}  // namespace hoptac::storage

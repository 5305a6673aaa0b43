// SQLite-specific behaviour of storage::Db. SQLite is embedded, so these run in
// every storage run whatever HOPTAC_TEST_BACKEND says; each test uses its own
// temporary folder.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/db.h"
#include "support/status_matchers.h"

namespace hoptac::storage {
namespace {

using std::chrono::milliseconds;

using testing::Describe;

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "hoptac_sqlite_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Db> OpenOrDie(const std::string& url, const DbOptions& options = {}) {
    Result<std::unique_ptr<Db>> db = Db::Open(url, options);
    if (!db.ok()) {
      ADD_FAILURE() << url << ": " << Describe(db.error());
      return nullptr;
    }
    return std::move(db).value();
  }

  static Result<std::vector<Row>> ReadAll(Db& db, std::string_view sql) {
    std::vector<Row> rows;
    Status status = db.Read([&](Connection& c) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(rows, c.QueryAll(sql));
      return Ok();
    });
    if (!status.ok()) return std::move(status).error();
    return rows;
  }

  std::filesystem::path dir_;
};

TEST_F(SqliteDbTest, CreatesParentFoldersAndConfiguresConnections) {
  const std::filesystem::path file = dir_ / "a" / "b" / "hoptac.db";
  std::unique_ptr<Db> db = OpenOrDie("sqlite:" + file.string());
  ASSERT_NE(db, nullptr);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(db->backend(), Backend::kSqlite);
  EXPECT_EQ(db->Describe(), "sqlite:" + file.string());
  ASSERT_OK(db->Write([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> mode, c.QueryOne("PRAGMA journal_mode"));
    EXPECT_EQ(*mode, Row{Text("wal")});
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> keys, c.QueryOne("PRAGMA foreign_keys"));
    EXPECT_EQ(*keys, Row{Int(1)});
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> sync, c.QueryOne("PRAGMA synchronous"));
    EXPECT_EQ(*sync, Row{Int(2)});  // FULL: a commit survives a power loss
    return c.ExecScript("CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (7)");
  }));
  ASSERT_OK(db->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> keys, c.QueryOne("PRAGMA foreign_keys"));
    EXPECT_EQ(*keys, Row{Int(1)});
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> query_only, c.QueryOne("PRAGMA query_only"));
    EXPECT_EQ(*query_only, Row{Int(1)});
    return Ok();
  }));
  db->Close();

  // sqlite:///absolute/path names the same file; the data survived.
  std::unique_ptr<Db> again = OpenOrDie("sqlite://" + file.string());
  ASSERT_NE(again, nullptr);
  Result<std::vector<Row>> rows = ReadAll(*again, "SELECT x FROM kept");
  ASSERT_OK(rows);
  EXPECT_EQ(*rows, (std::vector<Row>{{Int(7)}}));
}

// --sync normal (bulk loads): every connection, the readers too.
TEST_F(SqliteDbTest, SyncNormalIsAnOption) {
  DbOptions options;
  options.sync = Sync::kNormal;
  std::unique_ptr<Db> db = OpenOrDie("sqlite:" + (dir_ / "normal.db").string(), options);
  ASSERT_NE(db, nullptr);
  for (bool write : {true, false}) {
    auto check = [](Connection& c) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> sync, c.QueryOne("PRAGMA synchronous"));
      EXPECT_EQ(*sync, Row{Int(1)});  // NORMAL
      return Ok();
    };
    ASSERT_OK(write ? db->Write(check) : db->Read(check));
  }
  EXPECT_EQ(ParseSync("full"), Sync::kFull);
  EXPECT_EQ(ParseSync("normal"), Sync::kNormal);
  EXPECT_EQ(ParseSync("FULL "), std::nullopt);
}

// The online backup: a consistent copy taken while a writer goes on, restored into
// another database; a backup never overwrites, a restore checks what it reads.
TEST_F(SqliteDbTest, BackupWhileWritingAndRestore) {
  std::unique_ptr<Db> db = OpenOrDie("sqlite:" + (dir_ / "live.db").string());
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Connection& c) -> Status {
    return c.ExecScript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
        "INSERT INTO schema_migrations VALUES (1, '0001_x.sql', 'now');"
        "CREATE TABLE t (x INTEGER, pad TEXT)");
  }));
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      Status s = db->Write([&](Connection& c) -> Status {
        HOPTAC_TRY(c.Exec("INSERT INTO t VALUES ($1, zeroblob(2000))", {Int(written.load())}));
        return Ok();
      });
      if (s.ok()) ++written;
    }
  });
  while (written < 200) std::this_thread::sleep_for(milliseconds(5));
  const std::string backup = (dir_ / "copy.db").string();
  Status made = db->BackupTo(backup);
  stop = true;
  writer.join();
  ASSERT_OK(made);
  EXPECT_FALSE(std::filesystem::exists(backup + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(backup + "-wal"));  // one self-contained file

  // The copy is one snapshot: rows 0…n-1 without a gap, n between 200 and all written.
  std::unique_ptr<Db> copy = OpenOrDie("sqlite:" + backup);
  ASSERT_NE(copy, nullptr);
  Result<std::vector<Row>> counted = ReadAll(*copy, "SELECT count(*), max(x) FROM t");
  ASSERT_OK(counted);
  const int64_t n = std::get<int64_t>((*counted)[0][0]);
  EXPECT_GE(n, 200);
  EXPECT_LE(n, written.load());
  EXPECT_EQ(std::get<int64_t>((*counted)[0][1]), n - 1);
  copy->Close();

  Status again = db->BackupTo(backup);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "error.backup_exists");

  std::unique_ptr<Db> target = OpenOrDie("sqlite:" + (dir_ / "restored.db").string());
  ASSERT_NE(target, nullptr);
  ASSERT_OK(target->RestoreFrom(backup));
  Result<std::vector<Row>> restored = ReadAll(*target, "SELECT count(*) FROM t");
  ASSERT_OK(restored);
  EXPECT_EQ((*restored)[0][0], Value(Int(n)));

  // Not a database, a truncated one, a database without hoptac's schema: refused, the
  // target untouched.
  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << "not a database\n";
  const std::string truncated = (dir_ / "truncated.db").string();
  std::filesystem::copy_file(backup, truncated);
  std::filesystem::resize_file(truncated, std::filesystem::file_size(backup) / 2);
  std::unique_ptr<Db> other = OpenOrDie("sqlite:" + (dir_ / "other.db").string());
  ASSERT_NE(other, nullptr);
  ASSERT_OK(other->Write([](Connection& c) -> Status { return c.ExecScript("CREATE TABLE y (z INTEGER)"); }));
  other->Close();
  for (const std::string& bad : {text, truncated, (dir_ / "other.db").string(), (dir_ / "absent.db").string()}) {
    Status refused = target->RestoreFrom(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().key, "error.restore_not_a_backup") << bad << ": " << Describe(refused.error());
  }
  restored = ReadAll(*target, "SELECT count(*) FROM t");
  ASSERT_OK(restored);
  EXPECT_EQ((*restored)[0][0], Value(Int(n)));

  // A backup from a newer hoptac (a migration this binary does not know) is refused.
  std::unique_ptr<Db> newer = OpenOrDie("sqlite:" + backup);
  ASSERT_NE(newer, nullptr);
  ASSERT_OK(newer->Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'later')"));
    return Ok();
  }));
  newer->Close();
  Status future = target->RestoreFrom(backup);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().key, "error.restore_newer_schema");

  // In memory there is no file to back up.
  std::unique_ptr<Db> memory = OpenOrDie("sqlite::memory:");
  ASSERT_NE(memory, nullptr);
  Status unsupported = memory->BackupTo((dir_ / "memory.db").string());
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.error().key, "error.backup_unsupported");
}

TEST_F(SqliteDbTest, MemoryDatabaseIsSharedByWriterAndReadersOnly) {
  std::unique_ptr<Db> db = OpenOrDie("sqlite::memory:");
  std::unique_ptr<Db> other = OpenOrDie("sqlite::memory:");
  ASSERT_NE(db, nullptr);
  ASSERT_NE(other, nullptr);
  ASSERT_OK(db->Write([](Connection& c) { return c.ExecScript("CREATE TABLE m (x INTEGER)"); }));

  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; i < 30; ++i) {
      Status status = db->Write([&](Connection& c) -> Status {
        for (int j = 0; j < 5; ++j) HOPTAC_TRY(c.Exec("INSERT INTO m (x) VALUES ($1)", {Int(i)}));
        return Ok();
      });
      if (!status.ok()) {
        ADD_FAILURE() << Describe(status.error());
        ++failures;
      }
    }
    writing = false;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      do {
        Result<std::vector<Row>> rows = ReadAll(*db, "SELECT COUNT(*) FROM m");
        if (!rows.ok()) {
          ADD_FAILURE() << Describe(rows.error());
          ++failures;
          return;
        }
        EXPECT_EQ(std::get<int64_t>((*rows)[0][0]) % 5, 0);
      } while (writing);
    });
  }
  writer.join();
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0);
  Result<std::vector<Row>> count = ReadAll(*db, "SELECT COUNT(*) FROM m");
  ASSERT_OK(count);
  EXPECT_EQ((*count)[0][0], Int(150));
  // Another in-memory database does not see it.
  EXPECT_FALSE(ReadAll(*other, "SELECT COUNT(*) FROM m").ok());
}

TEST_F(SqliteDbTest, NestedWriteOnOneThreadFailsInsteadOfDeadlocking) {
  std::unique_ptr<Db> db = OpenOrDie("sqlite:" + (dir_ / "n.db").string());
  ASSERT_NE(db, nullptr);
  Status inner = Ok();
  ASSERT_OK(db->Write([&](Connection&) {
    inner = db->Write([](Connection&) { return Ok(); });
    return Ok();
  }));
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.error().code, ErrorCode::kInternal);
  EXPECT_OK(db->Write([](Connection&) { return Ok(); }));
}

TEST_F(SqliteDbTest, AnotherProcessHoldingTheWriteLockMeansUnavailable) {
  const std::string url = "sqlite:" + (dir_ / "busy.db").string();
  DbOptions options;
  options.busy_timeout_ms = 100;
  std::unique_ptr<Db> first = OpenOrDie(url, options);
  std::unique_ptr<Db> second = OpenOrDie(url, options);  // stands for another process
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    EXPECT_OK(first->Write([&](Connection&) {
      holding = true;
      std::this_thread::sleep_for(milliseconds(600));
      return Ok();
    }));
  });
  while (!holding) std::this_thread::sleep_for(milliseconds(1));
  Status blocked = second->Write([](Connection&) { return Ok(); });
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kUnavailable) << Describe(blocked.error());
  // Readers are not blocked by the writer (WAL).
  EXPECT_OK(second->Read([](Connection& c) -> Status {
    HOPTAC_TRY(c.QueryOne("SELECT 1"));
    return Ok();
  }));
  holder.join();
  EXPECT_OK(second->Write([](Connection&) { return Ok(); }));
}

TEST_F(SqliteDbTest, StatementCacheStaysCorrectPastItsLimit) {
  std::unique_ptr<Db> db = OpenOrDie("sqlite:" + (dir_ / "cache.db").string());
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.ExecScript("CREATE TABLE v (x INTEGER)"));
    for (int i = 0; i < 1500; ++i) {
      // Distinct SQL texts; the cache drops idle statements past its limit.
      const std::string sql = "INSERT INTO v (x) VALUES ($1 + " + std::to_string(i % 700) + ")";
      HOPTAC_TRY(c.Exec(sql, {Int(i)}));
    }
    return Ok();
  }));
  Result<std::vector<Row>> rows = ReadAll(*db, "SELECT COUNT(*), SUM(x) FROM v");
  ASSERT_OK(rows);
  int64_t expected = 0;
  for (int i = 0; i < 1500; ++i) expected += i + i % 700;
  EXPECT_EQ((*rows)[0], (Row{Int(1500), Int(expected)}));
}

TEST_F(SqliteDbTest, FileThatIsNotADatabaseIsUnavailable) {
  const std::filesystem::path file = dir_ / "garbage.db";
  std::ofstream(file) << std::string(8192, 'x');
  Result<std::unique_ptr<Db>> db = Db::Open("sqlite:" + file.string());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable) << Describe(db.error());
}

}  // namespace
}  // namespace hoptac::storage

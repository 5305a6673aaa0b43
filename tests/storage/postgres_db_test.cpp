// PostgreSQL-specific behaviour of storage::Db: the pool, broken connections,
// connection settings, text that PostgreSQL cannot store. Registered only when
// HOPTAC_TEST_BACKEND=postgres (the storage_postgres run), so the SQLite run lists
// no skipped tests and the PostgreSQL run never skips them.

#include "storage/postgres/postgres_db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "storage/db.h"
#include "support/status_matchers.h"
#include "support/test_db.h"

namespace hoptac::storage {
namespace {

using std::chrono::milliseconds;

using testing::Describe;

std::unique_ptr<Db> OpenOrFail(const std::string& url, const DbOptions& options = {}) {
  Result<std::unique_ptr<Db>> db = Db::Open(url, options);
  if (!db.ok()) {
    ADD_FAILURE() << postgres::MaskPassword(url) << ": " << Describe(db.error());
    return nullptr;
  }
  return std::move(db).value();
}

// The server drops every connection to the database of `url` but the caller's.
void TerminateOtherConnections(const std::string& url) {
  ASSERT_OK(postgres::ExecStandalone(url,
                                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
  std::this_thread::sleep_for(milliseconds(50));
}

void ReconnectsAfterTheServerDroppedIdleConnections() {
  const std::string url = hoptac::testing::TestDbUrl();
  std::unique_ptr<Db> db = OpenOrFail(url);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Write([](Connection& c) { return c.ExecScript("CREATE TABLE r (x BIGINT)"); }));
  TerminateOtherConnections(url);
  // The pooled connection is dead; the transaction begins on a reopened one.
  EXPECT_OK(db->Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO r (x) VALUES ($1)", {Int(1)}));
    return Ok();
  }));
  TerminateOtherConnections(url);
  EXPECT_OK(db->Ping());
  TerminateOtherConnections(url);
  EXPECT_OK(db->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row, c.QueryOne("SELECT COUNT(*) FROM r"));
    EXPECT_EQ(*row, Row{Int(1)});
    return Ok();
  }));
}

void ConnectionLostInsideATransactionIsUnavailable() {
  const std::string url = hoptac::testing::TestDbUrl();
  std::unique_ptr<Db> db = OpenOrFail(url);
  ASSERT_NE(db, nullptr);
  Status status = db->Write([&](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> pid, c.QueryOne("SELECT pg_backend_pid()"));
    HOPTAC_TRY(postgres::ExecStandalone(
        url, "SELECT pg_terminate_backend(" + std::to_string(std::get<int64_t>((*pid)[0])) + ")"));
    std::this_thread::sleep_for(milliseconds(50));
    HOPTAC_TRY(c.QueryOne("SELECT 1"));
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable) << Describe(status.error());
  // The broken connection was discarded, not pooled.
  EXPECT_EQ(db->Stats().in_use, 0);
  EXPECT_OK(db->Write([](Connection&) { return Ok(); }));
}

void IgnoredStatementErrorFailsTheWrite() {
  std::unique_ptr<Db> db = hoptac::testing::OpenTestDb();
  ASSERT_OK(db->Write([](Connection& c) { return c.ExecScript("CREATE TABLE ig (x BIGINT)"); }));
  Status status = db->Write([](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO ig (x) VALUES ($1)", {Int(1)}));
    (void)c.Exec("INSERT INTO no_such_table (x) VALUES ($1)", {Int(1)});  // error dropped
    return Ok();
  });
  ASSERT_FALSE(status.ok());  // COMMIT would have rolled back silently
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  ASSERT_OK(db->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row, c.QueryOne("SELECT COUNT(*) FROM ig"));
    EXPECT_EQ(*row, Row{Int(0)});
    return Ok();
  }));
}

void ConnectionSettingsDefaultsAndUrlOverrides() {
  const std::string url = hoptac::testing::TestDbUrl();
  std::unique_ptr<Db> db = OpenOrFail(url);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(db->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row,
                            c.QueryOne("SELECT current_setting('application_name'), "
                                       "current_setting('client_encoding'), current_setting('transaction_read_only'), "
                                       "current_setting('transaction_isolation')"));
    EXPECT_EQ(*row, (Row{Text("hoptac"), Text("UTF8"), Text("on"), Text("repeatable read")}));
    return Ok();
  }));
  db->Close();
  const char* separator = url.find('?') == std::string::npos ? "?" : "&";
  std::unique_ptr<Db> named = OpenOrFail(url + separator + "application_name=hoptac-import");
  ASSERT_NE(named, nullptr);
  ASSERT_OK(named->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row, c.QueryOne("SELECT current_setting('application_name')"));
    EXPECT_EQ(*row, Row{Text("hoptac-import")});
    return Ok();
  }));
}

void PasswordNeverAppearsInDescribe() {
  std::string url = hoptac::testing::TestDbUrl();  // postgresql://postgres@127.0.0.1:PORT/db
  const size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos);
  url.insert(at, ":s3cret");  // trust authentication ignores it
  std::unique_ptr<Db> db = OpenOrFail(url);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Describe().find("s3cret"), std::string::npos) << db->Describe();
  EXPECT_NE(db->Describe().find("postgres:***@"), std::string::npos) << db->Describe();
}

void NulBytesAreRefusedNotTruncated() {
  std::unique_ptr<Db> db = hoptac::testing::OpenTestDb();
  ASSERT_OK(db->Write([](Connection& c) { return c.ExecScript("CREATE TABLE nul (t TEXT)"); }));
  const std::string with_nul("a\0b", 3);
  Status param = db->Write([&](Connection& c) -> Status {
    HOPTAC_TRY(c.Exec("INSERT INTO nul (t) VALUES ($1)", {Text(with_nul)}));
    return Ok();
  });
  EXPECT_FALSE(param.ok());
  const std::vector<std::string> columns = {"t"};
  const std::vector<Row> rows = {{Text("fine")}, {Text(with_nul)}};
  Status copy = db->Write([&](Connection& c) { return c.CopyRows("nul", columns, rows); });
  ASSERT_FALSE(copy.ok());
  EXPECT_EQ(copy.error().code, ErrorCode::kInternal) << Describe(copy.error());
  // The connection that aborted its COPY is still good.
  ASSERT_OK(db->Write([&](Connection& c) { return c.CopyRows("nul", columns, std::span<const Row>(rows).first(1)); }));
  ASSERT_OK(db->Read([](Connection& c) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row, c.QueryOne("SELECT COUNT(*) FROM nul"));
    EXPECT_EQ(*row, Row{Int(1)});
    return Ok();
  }));
}

void CopyThroughExecIsRefusedAndTheConnectionRecovers() {
  DbOptions options;
  options.read_pool_size = 2;
  std::unique_ptr<Db> db = hoptac::testing::OpenTestDb(options);
  ASSERT_OK(db->Write([](Connection& c) { return c.ExecScript("CREATE TABLE cp (x BIGINT)"); }));
  for (const char* sql : {"COPY cp (x) FROM STDIN", "COPY cp (x) TO STDOUT"}) {
    Status status = db->Write([&](Connection& c) -> Status {
      HOPTAC_TRY(c.Exec(sql));
      return Ok();
    });
    EXPECT_FALSE(status.ok()) << sql;
  }
  for (int i = 0; i < 4; ++i) {
    EXPECT_OK(db->Write([](Connection& c) -> Status {
      HOPTAC_TRY(c.Exec("INSERT INTO cp (x) VALUES ($1)", {Int(1)}));
      return Ok();
    }));
  }
}

void PoolNeverExceedsItsSize() {
  const std::string url = hoptac::testing::TestDbUrl();
  DbOptions options;
  options.read_pool_size = 3;
  std::unique_ptr<Db> db = OpenOrFail(url, options);
  ASSERT_NE(db, nullptr);
  std::atomic<int> max_seen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const auto body = [&](Connection& c) -> Status {
          HOPTAC_ASSIGN_OR_RETURN(std::optional<Row> row,
                                  c.QueryOne("SELECT COUNT(*) FROM pg_stat_activity "
                                             "WHERE datname = current_database() AND application_name = 'hoptac'"));
          const int count = static_cast<int>(std::get<int64_t>((*row)[0]));
          int seen = max_seen.load();
          while (count > seen && !max_seen.compare_exchange_weak(seen, count)) {
          }
          std::this_thread::sleep_for(milliseconds(5));
          return Ok();
        };
        EXPECT_OK(t % 2 == 0 ? db->Read(body) : db->Write(body));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(max_seen.load(), 3);
  EXPECT_GE(max_seen.load(), 2);
  const PoolStats stats = db->Stats();
  EXPECT_LE(stats.size, 3);
  EXPECT_GE(stats.waited, 1);
  EXPECT_EQ(stats.in_use, 0);
}

class PostgresTest : public ::testing::Test {
 public:
  explicit PostgresTest(void (*body)()) : body_(body) {}
  void TestBody() override { body_(); }

 private:
  void (*body_)();
};

const bool kRegistered = [] {
  if (hoptac::testing::TestBackend() != Backend::kPostgres) return false;
  const struct {
    const char* name;
    void (*body)();
  } tests[] = {
      {"ReconnectsAfterTheServerDroppedIdleConnections", &ReconnectsAfterTheServerDroppedIdleConnections},
      {"ConnectionLostInsideATransactionIsUnavailable", &ConnectionLostInsideATransactionIsUnavailable},
      {"IgnoredStatementErrorFailsTheWrite", &IgnoredStatementErrorFailsTheWrite},
      {"ConnectionSettingsDefaultsAndUrlOverrides", &ConnectionSettingsDefaultsAndUrlOverrides},
      {"PasswordNeverAppearsInDescribe", &PasswordNeverAppearsInDescribe},
      {"NulBytesAreRefusedNotTruncated", &NulBytesAreRefusedNotTruncated},
      {"CopyThroughExecIsRefusedAndTheConnectionRecovers", &CopyThroughExecIsRefusedAndTheConnectionRecovers},
      {"PoolNeverExceedsItsSize", &PoolNeverExceedsItsSize},
  };
  for (const auto& test : tests) {
    void (*body)() = test.body;
    ::testing::RegisterTest("PostgresDbTest", test.name, nullptr, nullptr, __FILE__, __LINE__,
                            [body]() -> PostgresTest* { return new PostgresTest(body); });
  }
  return true;
}();

}  // namespace
}  // namespace hoptac::storage

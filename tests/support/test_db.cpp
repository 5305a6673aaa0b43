#include "support/test_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "storage/postgres/postgres_db.h"

namespace hoptac::testing {
namespace {

[[noreturn]] void Die(const std::string& reason) {
  ADD_FAILURE() << reason;
  std::fprintf(stderr, "\n*** hoptac test database: %s\n", reason.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Temporary folders of SQLite test databases, removed at exit. Never destroyed,
// so the atexit handler cannot outlive them.
std::mutex& TempDirsMutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}
std::vector<std::string>& TempDirs() {
  static auto* dirs = new std::vector<std::string>;
  return *dirs;
}

void RemoveTempDirs() {
  std::lock_guard<std::mutex> lock(TempDirsMutex());
  for (const std::string& dir : TempDirs()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  TempDirs().clear();
}

// A fresh temporary folder, removed at exit.
std::string FreshTempDir() {
  std::string base = Env("TMPDIR");
  if (base.empty()) base = "/tmp";
  std::string pattern = base + "/hoptac_test_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    Die("cannot create a temporary folder under " + base + ": " + std::strerror(errno));
  }
  {
    std::lock_guard<std::mutex> lock(TempDirsMutex());
    static const bool registered = [] { return std::atexit(RemoveTempDirs) == 0; }();
    (void)registered;
    TempDirs().push_back(pattern);
  }
  return pattern;
}

std::string FreshSqliteUrl() { return "sqlite:" + FreshTempDir() + "/test.db"; }

std::string PgAdminUrl() {
  const std::string dir = Env("HOPTAC_TEST_PG_DIR");
  if (dir.empty()) {
    Die("HOPTAC_TEST_BACKEND=postgres needs HOPTAC_TEST_PG_DIR (the folder of tests/pg/pg_start.sh); "
        "run the tests through ctest, which starts PostgreSQL first");
  }
  std::ifstream file(dir + "/url");
  std::string url;
  if (!file || !std::getline(file, url) || url.empty()) {
    Die("cannot read the PostgreSQL test URL from " + dir + "/url; did tests/pg/pg_start.sh run and succeed?");
  }
  return url;
}

// postgresql://user@host:port/dbname?params → the same URL naming database `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return url + "/" + name;
  const size_t query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

// postgresql://user@host:port/dbname?params → dbname.
std::string DatabaseName(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return "";
  const size_t query = url.find('?', slash);
  return url.substr(slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1);
}

// A fresh database on the test server: empty, or a copy of `template_name`.
std::string FreshPostgresUrl(const std::string& template_name = "") {
  static std::atomic<int> counter{0};
  const std::string admin_url = PgAdminUrl();
  const std::string name = "hoptac_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1) + 1);
  const std::string create =
      "CREATE DATABASE " + name + (template_name.empty() ? "" : " TEMPLATE \"" + template_name + "\"");
  Status created = storage::postgres::ExecStandalone(admin_url, create);
  if (!created.ok() && created.error().detail.find("42P04") != std::string::npos) {
    // Left over from an earlier process with the same pid.
    (void)storage::postgres::ExecStandalone(admin_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    created = storage::postgres::ExecStandalone(admin_url, create);
  }
  if (!created.ok()) {
    Die("cannot create test database " + name + " on " + storage::postgres::MaskPassword(admin_url) + ": " +
        created.error().detail);
  }
  return WithDatabase(admin_url, name);
}

void AnnounceOnce(const std::string& url) {
  static std::once_flag once;
  std::call_once(once, [&] {
    std::printf("[storage] backend=%s url=%s\n", storage::BackendName(TestBackend()),
                storage::postgres::MaskPassword(url).c_str());
    std::fflush(stdout);
  });
}

}  // namespace

storage::Backend TestBackend() {
  const std::string name = Env("HOPTAC_TEST_BACKEND");
  if (name.empty() || name == "sqlite") return storage::Backend::kSqlite;
  if (name == "postgres" || name == "postgresql") return storage::Backend::kPostgres;
  Die("HOPTAC_TEST_BACKEND must be sqlite or postgres, not '" + name + "'");
}

std::string TestDbUrl() {
  std::string url = TestBackend() == storage::Backend::kPostgres ? FreshPostgresUrl() : FreshSqliteUrl();
  AnnounceOnce(url);
  return url;
}

std::string CopyTestDb(const std::string& url) {
  if (TestBackend() == storage::Backend::kPostgres) return FreshPostgresUrl(DatabaseName(url));
  const std::string prefix = "sqlite:";
  if (url.rfind(prefix, 0) != 0) Die("CopyTestDb: not a SQLite URL: " + url);
  const std::filesystem::path from = url.substr(prefix.size());
  const std::filesystem::path to = std::filesystem::path(FreshTempDir()) / from.filename();
  std::error_code error;
  std::filesystem::copy_file(from, to, error);
  // A database closed cleanly has no -wal file; copy one left behind too.
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::path side = from.string() + suffix;
    if (!error && std::filesystem::exists(side)) std::filesystem::copy_file(side, to.string() + suffix, error);
  }
  if (error) Die("cannot copy the test database " + from.string() + " to " + to.string() + ": " + error.message());
  return prefix + to.string();
}

void DropTestDb(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    // Only a folder this process made.
    const std::string folder = std::filesystem::path(url.substr(7)).parent_path().string();
    std::lock_guard<std::mutex> lock(TempDirsMutex());
    auto& dirs = TempDirs();
    for (auto it = dirs.begin(); it != dirs.end(); ++it) {
      if (*it != folder) continue;
      std::error_code ignored;
      std::filesystem::remove_all(folder, ignored);
      dirs.erase(it);
      return;
    }
    return;
  }
  (void)storage::postgres::ExecStandalone(PgAdminUrl(),
                                          "DROP DATABASE IF EXISTS \"" + DatabaseName(url) + "\" WITH (FORCE)");
}

std::unique_ptr<storage::Db> OpenTestDb(const storage::DbOptions& options) {
  const std::string url = TestDbUrl();
  Result<std::unique_ptr<storage::Db>> db = storage::Db::Open(url, options);
  if (!db.ok()) {
    Die("cannot open test database " + url + ": " + db.error().key + " " + db.error().detail);
  }
  return std::move(db).value();
}

}  // namespace hoptac::testing

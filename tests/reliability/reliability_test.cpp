// Reliability: the real binary killed with SIGKILL (kill -9, no shutdown) while it writes,
// on the backend named by HOPTAC_TEST_BACKEND (README.md in this folder).
//
//   - `hoptac import entities FILE` killed at a random moment: the database passes its
//     integrity checks and holds the whole import (its imports row, all its entities, its
//     audit row) or none of it; the same import then runs to its end.
//   - `hoptac serve` killed at a random moment of an import job (POST /api/v1/imports):
//     the same, and the job, submitted again after a restart, succeeds.
//   - `hoptac serve` killed under 8 clients writing entities (POST and PATCH): after a
//     restart every write that was answered 2xx is there, with its audit row.
//
// Trials per scenario: --trials N or HOPTAC_RELIABILITY_TRIALS (make soak: 100); the
// defaults keep `make test` short. HOPTAC_RELIABILITY_SEED repeats the random kill times.
// The counts are printed at the end.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/db.h"
#include "support/child_process.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/temp_files.h"
#include "support/test_db.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::Reply;

constexpr const char* kAdminPassword = "Kill-nine-survivor-73";

// --- Settings and counts ------------------------------------------------------------------

int g_trials = 0;  // --trials / HOPTAC_RELIABILITY_TRIALS; 0: each scenario's default
int Trials(int fallback) { return g_trials > 0 ? g_trials : fallback; }

std::mt19937_64& Random() {
  static std::mt19937_64 rng = [] {
    uint64_t seed = std::random_device{}();
    if (const char* text = std::getenv("HOPTAC_RELIABILITY_SEED")) seed = std::strtoull(text, nullptr, 10);
    std::printf("[reliability] seed %llu (HOPTAC_RELIABILITY_SEED repeats it)\n",
                static_cast<unsigned long long>(seed));
    return std::mt19937_64(seed);
  }();
  return rng;
}
double Uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(Random()); }

struct ImportCounts {
  int trials = 0;
  int kills = 0;           // SIGKILL while it was still running
  int startup_kills = 0;   // … of which in the time a one-row import takes (start-up)
  int finished_first = 0;  // it had ended before the kill
  int whole = 0;           // after the kill: the whole import is there
  int none = 0;            // after the kill: nothing of it is there
  int partial = 0;         // after the kill: some of it (a failure)
  int integrity = 0;       // failed integrity checks
  int rerun_failures = 0;  // the same import did not then succeed
};
struct ServeCounts {
  int trials = 0;
  int kills = 0;
  int64_t acknowledged = 0;  // writes answered 2xx before the kill
  int64_t unanswered = 0;    // writes in flight at the kill (may or may not be there)
  int64_t lost = 0;          // acknowledged writes missing after the restart (a failure)
  int64_t errors = 0;        // answers other than 2xx before the kill (a failure)
  int integrity = 0;
};
ImportCounts g_cli, g_job;
ServeCounts g_serve;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// --- HTTP ----------------------------------------------------------------------------------

bhttp::request<bhttp::string_body> Request(bhttp::verb verb, const std::string& target, const std::string& token,
                                           std::string body = "") {
  bhttp::request<bhttp::string_body> req{verb, target, 11};
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::patch) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::move(body);
  }
  return req;
}

// One keep-alive connection, opened again after a failure.
class KeepAlive {
 public:
  explicit KeepAlive(uint16_t port) : port_(port), socket_(io_) {}
  Reply Send(bhttp::request<bhttp::string_body> req) {
    Reply reply;
    if (!socket_.is_open()) {
      socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, reply.error);
      if (reply.error) {
        boost::system::error_code ignored;
        socket_.close(ignored);
        return reply;
      }
    }
    reply = testing::Exchange(socket_, std::move(req));
    if (reply.error) {
      boost::system::error_code ignored;
      socket_.close(ignored);
    }
    return reply;
  }

 private:
  uint16_t port_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
};

// `hoptac serve` on a free port of 127.0.0.1, its log in the test's folder.
std::unique_ptr<testing::ServeProcess> StartServer(const std::string& url, const std::string& log_name) {
  auto serve = std::make_unique<testing::ServeProcess>();
  const fs::path log = testing::TempDir("hoptac_reliability") / log_name;
  if (!serve->Start(HOPTAC_BINARY, {"--db", url, "--no-access-log"}, kAdminPassword, log.string())) {
    std::string out;
    for (const auto& line : serve->lines()) out += line;
    const int status = serve->Kill();  // its own end, or the kill of a server that printed something else
    ADD_FAILURE() << "hoptac serve printed no address (exit status " << status << "); standard output:\n"
                  << out << "its log:\n"
                  << testing::ReadFile(log);
    return nullptr;
  }
  return serve;
}

// --- The prepared database ---------------------------------------------------------------

// A database migrated and seeded by `hoptac serve`, with the admin account and an API token
// of it; every trial works on a copy (testing::CopyTestDb).
struct Prepared {
  std::string url;
  std::string token;
};

const Prepared& PreparedDb() {
  static Prepared prepared = [] {
    Prepared p;
    p.url = testing::TestDbUrl();
    auto serve = StartServer(p.url, "prepare.log");
    if (!serve) return p;
    Reply login = testing::Send(serve->port(),
                                Request(bhttp::verb::post, "/api/v1/session", "",
                                        R"({"username":"admin","password":")" + std::string(kAdminPassword) + R"("})"));
    if (login.status != 200) {
      ADD_FAILURE() << "admin sign-in: " << login.status << " " << login.body;
      return p;
    }
    std::string cookie(login.headers[bhttp::field::set_cookie]);
    cookie = cookie.substr(0, cookie.find(';'));
    auto create = Request(bhttp::verb::post, "/api/v1/tokens", "", R"({"name":"reliability"})");
    create.set(bhttp::field::cookie, cookie);
    create.set("X-CSRF-Token", std::string(login.Json().at("csrf_token").as_string()));
    Reply token = testing::Send(serve->port(), std::move(create));
    if (token.status != 201) {
      ADD_FAILURE() << "token: " << token.status << " " << token.body;
      return p;
    }
    p.token = std::string(token.Json().at("token").as_string());
    EXPECT_EQ(serve->Terminate(), 0);
    return p;
  }();
  return prepared;
}

// --- Checks of a database ------------------------------------------------------------------

std::unique_ptr<storage::Db> Open(const std::string& url) {
  auto db = storage::Db::Open(url);
  if (!db.ok()) {
    ADD_FAILURE() << "cannot open " << url << ": " << db.error().detail;
    return nullptr;
  }
  return std::move(db).value();
}

int64_t Count(storage::Connection& conn, const std::string& sql, std::initializer_list<storage::Value> params = {}) {
  auto row = conn.QueryOne(sql, params);
  if (!row.ok() || !*row) {
    ADD_FAILURE() << sql << ": " << (row.ok() ? "no row" : row.error().detail);
    return -1;
  }
  const storage::Value& v = (**row)[0];
  if (const int64_t* n = std::get_if<int64_t>(&v)) return *n;
  if (const std::string* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

// The checks every database must pass after a kill: the engine's own (SQLite
// integrity_check and foreign_key_check; PostgreSQL's amcheck on every table and B-tree
// index) and the registry's, the same SQL on both: no row pointing at a missing one, every
// import with its one audit row, its count of created entities and its kept file, no entity
// stamped with a version the registry has not reached. Returns the failures (empty: ok).
std::vector<std::string> IntegrityFailures(const std::string& url) {
  std::vector<std::string> failures;
  auto db = Open(url);
  if (!db) return {"cannot open the database"};
  auto fail = [&](const std::string& what) { failures.push_back(what); };
  if (db->backend() == storage::Backend::kPostgres) {
    Status created = db->Write([](storage::Connection& conn) -> Status {
      HOPTAC_TRY(conn.Exec("CREATE EXTENSION IF NOT EXISTS amcheck"));
      return Ok();
    });
    if (!created.ok()) fail("CREATE EXTENSION amcheck: " + created.error().detail);
  }
  Status read = db->Read([&](storage::Connection& conn) -> Status {
    if (conn.backend() == storage::Backend::kSqlite) {
      HOPTAC_ASSIGN_OR_RETURN(auto rows, conn.QueryAll("PRAGMA integrity_check"));
      if (rows.size() != 1 || std::get<std::string>(rows[0][0]) != "ok")
        fail("PRAGMA integrity_check: " + std::get<std::string>(rows.at(0).at(0)));
      HOPTAC_ASSIGN_OR_RETURN(auto orphans, conn.QueryAll("PRAGMA foreign_key_check"));
      if (!orphans.empty()) fail("PRAGMA foreign_key_check: " + std::to_string(orphans.size()) + " rows");
    } else {
      HOPTAC_ASSIGN_OR_RETURN(auto indexes, conn.QueryAll("SELECT c.relname FROM pg_index i "
                                                          "JOIN pg_class c ON c.oid = i.indexrelid "
                                                          "JOIN pg_am am ON am.oid = c.relam "
                                                          "WHERE am.amname = 'btree' "
                                                          "AND c.relnamespace = 'public'::regnamespace"));
      for (const auto& index : indexes) {
        const std::string name = std::get<std::string>(index[0]);
        Status checked = conn.Query("SELECT bt_index_check($1::regclass, true)", std::vector<storage::Value>{name},
                                    [](const storage::RowView&) { return Ok(); });
        if (!checked.ok()) fail("bt_index_check(" + name + "): " + checked.error().detail);
      }
      int64_t heap = Count(conn,
                           "SELECT COUNT(*) FROM pg_class c CROSS JOIN LATERAL verify_heapam(c.oid) v "
                           "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'");
      if (heap != 0) fail("verify_heapam: " + std::to_string(heap) + " corrupt tuples");
    }
    const std::pair<const char*, const char*> checks[] = {
        {"entities of a missing import",
         "SELECT COUNT(*) FROM entities e WHERE e.import_id IS NOT NULL "
         "AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = e.import_id)"},
        {"events of a missing entity",
         "SELECT COUNT(*) FROM entity_events v WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = v.entity_id)"},
        {"figures of a missing entity",
         "SELECT COUNT(*) FROM entity_figures f WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = f.entity_id)"},
        {"imports without exactly one audit row",
         "SELECT COUNT(*) FROM imports i WHERE (SELECT COUNT(*) FROM audit_log a WHERE a.object_type = 'import' "
         "AND a.object_id = CAST(i.id AS TEXT)) <> 1"},
        {"import audit rows without their import",
         "SELECT COUNT(*) FROM audit_log a WHERE a.object_type = 'import' "
         "AND NOT EXISTS (SELECT 1 FROM imports i WHERE CAST(i.id AS TEXT) = a.object_id)"},
        {"imports whose created count is not their entities",
         "SELECT COUNT(*) FROM imports i WHERE i.created <> (SELECT COUNT(*) FROM entities e WHERE e.import_id = "
         "i.id)"},
        {"entities created by the API without their audit row",
         "SELECT COUNT(*) FROM entities e WHERE e.import_id IS NULL AND NOT EXISTS (SELECT 1 FROM audit_log a "
         "WHERE a.action = 'entity.create' AND a.object_id = CAST(e.id AS TEXT))"},
        {"entities stamped past the registry version",
         "SELECT COUNT(*) FROM entities WHERE change_seq > "
         "(SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'registry_version')"},
        {"kept files whose chunks do not add up to their size",
         "SELECT COUNT(*) FROM import_files f WHERE f.size <> "
         "(SELECT COALESCE(SUM(LENGTH(c.content)), 0) FROM import_file_chunks c WHERE c.sha256 = f.sha256)"},
    };
    for (const auto& [what, sql] : checks) {
      int64_t n = Count(conn, sql);
      if (n != 0) fail(std::string(what) + ": " + std::to_string(n));
    }
    // Every committed import keeps its file: a row of import_files, or the file in the
    // data folder (SQLite), written before the commit.
    const std::string folder = db->DataFolder();
    HOPTAC_ASSIGN_OR_RETURN(auto imports, conn.QueryAll("SELECT file_sha256, file_size FROM imports "
                                                        "WHERE file_removed_at_ms IS NULL"));
    for (const auto& row : imports) {
      const std::string sha = std::get<std::string>(row[0]);
      const int64_t size = std::get<int64_t>(row[1]);
      if (folder.empty()) {
        if (Count(conn, "SELECT COUNT(*) FROM import_files WHERE sha256 = $1 AND size = $2",
                  {storage::Text(sha), storage::Int(size)}) != 1)
          fail("import file " + sha + " is not kept in import_files");
      } else {
        fs::path kept = fs::path(folder) / "imports" / sha.substr(0, 2) / sha;
        std::error_code ec;
        if (fs::file_size(kept, ec) != static_cast<uintmax_t>(size) || ec)
          fail("import file " + kept.string() + " is missing or not " + std::to_string(size) + " bytes");
      }
    }
    return Ok();
  });
  if (!read.ok()) fail("checks failed to run: " + read.error().detail);
  db->Close();
  return failures;
}

// --- Imports ---------------------------------------------------------------------------------

constexpr int kImportRows = 20000;

// A canonical entities file (registry/columns.h) whose registration codes start with
// `prefix`; one row in ten has stopped (a status event), one in four is women-managed.
std::string EntitiesCsv(const std::string& prefix, int rows) {
  static const char* kProvinces[] = {"01", "79", "48", "31", "92", "96", "56", "40", "38", "22"};
  static const char* kKinds[] = {"cooperative", "group", "cooperative", "credit_fund"};
  static const char* kPlaces[] = {"Tân Lập", "Đồng Tâm", "Hòa Bình", "Phú Xuân", "Thanh Sơn", "Ea Kar", "Cầu Ngang"};
  std::string csv =
      "registration_code,kind,name,province_code,founded_on,status,status_since,women_managed,chair_name,phone\n";
  for (int i = 0; i < rows; ++i) {
    char founded[16], since[16];
    int month = 1 + i % 12, day = 1 + i % 28, year = 2010 + i % 8;
    std::snprintf(founded, sizeof founded, "%04d-%02d-%02d", year, month, day);
    std::snprintf(since, sizeof since, "%04d-%02d-%02d", year + 2, month, day);
    bool stopped = i % 10 == 3;
    csv += prefix + std::to_string(100000 + i) + "," + kKinds[i % 4] + ",Hợp tác xã Nông nghiệp " + kPlaces[i % 7] +
           " " + std::to_string(i) + "," + kProvinces[i % 10] + "," + founded + "," +
           (stopped ? "stopped," + std::string(since) : std::string("active,")) + "," +
           (i % 4 == 0 ? "true" : "false") + ",Nguyễn Thị Lan,09" + std::to_string(10000000 + i) + "\n";
  }
  return csv;
}

enum class Presence { kNone, kWhole, kPartial };
const char* PresenceName(Presence p) {
  return p == Presence::kNone ? "none" : p == Presence::kWhole ? "whole" : "partial";
}

// What of the import of `file_name` (registration codes `prefix`…, `rows` rows) the
// database holds: none of it, the whole of it (one imports row per commit, each with its
// audit row; every entity, created by the first of them), or part of it.
Presence ImportPresence(const std::string& url, const std::string& file_name, const std::string& prefix, int rows,
                        std::string& detail) {
  auto db = Open(url);
  if (!db) return Presence::kPartial;
  int64_t imports = -1, audits = -1, entities = -1, created_by_first = -1, first_created = -1;
  Status read = db->Read([&](storage::Connection& conn) -> Status {
    imports = Count(conn, "SELECT COUNT(*) FROM imports WHERE file_name = $1", {storage::Text(file_name)});
    audits = Count(conn,
                   "SELECT COUNT(*) FROM audit_log a JOIN imports i ON a.object_type = 'import' "
                   "AND a.object_id = CAST(i.id AS TEXT) WHERE i.file_name = $1",
                   {storage::Text(file_name)});
    entities =
        Count(conn, "SELECT COUNT(*) FROM entities WHERE registration_code LIKE $1", {storage::Text(prefix + "%")});
    created_by_first = Count(conn,
                             "SELECT COUNT(*) FROM entities WHERE import_id = "
                             "(SELECT MIN(id) FROM imports WHERE file_name = $1)",
                             {storage::Text(file_name)});
    first_created = Count(conn,
                          "SELECT COALESCE(MIN(created), -1) FROM imports WHERE id = "
                          "(SELECT MIN(id) FROM imports WHERE file_name = $1)",
                          {storage::Text(file_name)});
    return Ok();
  });
  db->Close();
  detail = "imports rows " + std::to_string(imports) + ", their audit rows " + std::to_string(audits) + ", entities " +
           std::to_string(entities) + " of " + std::to_string(rows) + ", created by the import " +
           std::to_string(created_by_first) + " (its count " + std::to_string(first_created) + ")";
  if (!read.ok()) {
    detail += "; " + read.error().detail;
    return Presence::kPartial;
  }
  if (imports == 0 && audits == 0 && entities == 0) return Presence::kNone;
  if (imports >= 1 && audits == imports && entities == rows && created_by_first == rows && first_created == rows)
    return Presence::kWhole;
  return Presence::kPartial;
}

// Waits up to `delay` for the child to end by itself; otherwise kills it with SIGKILL.
// True when it was killed.
bool KillAfter(pid_t pid, double delay, int& exit_code) {
  const auto until = Clock::now() + std::chrono::duration<double>(delay);
  while (Clock::now() < until) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  exit_code = testing::WaitChild(pid);
  return exit_code == 128 + SIGKILL;
}

// The time a whole import takes on this machine now: the median of the last five measured
// (the load of a shared machine changes during a soak). Kills fall anywhere in 1.2 times it.
class RecentDurations {
 public:
  void Add(double seconds) {
    if (seconds <= 0) return;
    last_.push_back(seconds);
    if (last_.size() > 5) last_.erase(last_.begin());
  }
  double Median() const {
    std::vector<double> sorted = last_;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? 1.0 : sorted[sorted.size() / 2];
  }

 private:
  std::vector<double> last_;
};

// After the kill: the checks, counted; what of the import is there.
Presence CheckAfterKill(ImportCounts& counts, const std::string& url, const std::string& name,
                        const std::string& prefix, const std::string& what) {
  std::vector<std::string> failures = IntegrityFailures(url);
  if (!failures.empty()) {
    ++counts.integrity;
    for (const auto& f : failures) ADD_FAILURE() << what << ": integrity: " << f;
  }
  std::string detail;
  Presence presence = ImportPresence(url, name, prefix, kImportRows, detail);
  counts.whole += presence == Presence::kWhole;
  counts.none += presence == Presence::kNone;
  counts.partial += presence == Presence::kPartial;
  EXPECT_NE(presence, Presence::kPartial) << what << ": a partial import: " << detail;
  std::printf("[reliability] %s: %s (%s)\n", what.c_str(), PresenceName(presence), detail.c_str());
  return presence;
}

// `hoptac import entities` run to its end: its time, or a negative number (with a failure).
double RunImport(const std::string& url, const fs::path& file) {
  auto started = Clock::now();
  testing::ChildRun run = testing::RunChild({HOPTAC_BINARY, "import", "entities", file.string(), "--db", url},
                                            {{"HOPTAC_LANG", "en"}}, "hoptac_reliability");
  if (run.exit_code != 0) {
    ADD_FAILURE() << "hoptac import exited with " << run.exit_code << "\n" << run.out << run.err;
    return -1;
  }
  return Seconds(Clock::now() - started);
}

TEST(Reliability, ImportKilledOnTheCommandLine) {
  const Prepared& prepared = PreparedDb();
  ASSERT_FALSE(prepared.token.empty());
  const fs::path& dir = testing::TempDir("hoptac_reliability");
  // The start-up (opening the database, reading the administrative units) is the time of
  // a one-row import.
  RecentDurations full;
  double startup = 0;
  {
    std::string url = testing::CopyTestDb(prepared.url);
    fs::path one = dir / "one.csv", file = dir / "calibration.csv";
    std::ofstream(one, std::ios::binary) << EntitiesCsv("ONE-", 1);
    std::ofstream(file, std::ios::binary) << EntitiesCsv("CAL-", kImportRows);
    startup = RunImport(url, one);
    ASSERT_GT(startup, 0);
    full.Add(RunImport(url, file));
    testing::DropTestDb(url);
  }
  const int trials = Trials(4);
  std::printf("[reliability] import: %d rows in %.2f s (start-up %.2f s); %d trials\n", kImportRows, full.Median(),
              startup, trials);
  for (int trial = 1; trial <= trials; ++trial) {
    ++g_cli.trials;
    const std::string what = "import trial " + std::to_string(trial);
    std::string url = testing::CopyTestDb(prepared.url);
    const std::string name = "trial-" + std::to_string(trial) + ".csv", prefix = "C" + std::to_string(trial) + "-";
    fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << EntitiesCsv(prefix, kImportRows);
    const double delay = Uniform(0, 1.2 * full.Median());
    pid_t pid = testing::StartChild({HOPTAC_BINARY, "import", "entities", file.string(), "--db", url},
                                    dir / "import.out", dir / "import.err", {{"HOPTAC_LANG", "en"}});
    ASSERT_GT(pid, 0);
    int exit_code = 0;
    if (KillAfter(pid, delay, exit_code)) {
      ++g_cli.kills;
      g_cli.startup_kills += delay < startup;
    } else {
      ++g_cli.finished_first;
      EXPECT_EQ(exit_code, 0) << what << " ended by itself, badly:\n"
                              << testing::ReadFile(dir / "import.out") << testing::ReadFile(dir / "import.err");
    }
    std::printf("[reliability] %s: %s after %.3f s\n", what.c_str(),
                exit_code == 128 + SIGKILL ? "killed" : "ended by itself", delay);
    Presence presence = CheckAfterKill(g_cli, url, name, prefix, what);
    // The same file again: it completes (or finds everything unchanged).
    double again = RunImport(url, file);
    if (again < 0) ++g_cli.rerun_failures;
    if (presence == Presence::kNone) full.Add(again);
    std::string detail;
    EXPECT_EQ(ImportPresence(url, name, prefix, kImportRows, detail), Presence::kWhole)
        << what << " after the re-run: " << detail;
    testing::DropTestDb(url);
    fs::remove(file);
  }
}

// The state of import job `id`, polled until it has finished (empty after `limit`).
std::string AwaitJob(uint16_t port, const std::string& token, const std::string& id, double limit) {
  const auto until = Clock::now() + std::chrono::duration<double>(limit);
  while (Clock::now() < until) {
    Reply job = testing::Send(port, Request(bhttp::verb::get, "/api/v1/imports/" + id, token));
    if (job.status == 200) {
      std::string state(job.Json().at("state").as_string());
      if (state != "queued" && state != "running") return state;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

// Submits the file as an import job; its id (empty, with a failure, when refused).
std::string SubmitJob(uint16_t port, const std::string& token, const std::string& name, const std::string& bytes) {
  auto req = Request(bhttp::verb::post, "/api/v1/imports?type=entities&filename=" + name, token);
  req.set(bhttp::field::content_type, "text/csv");
  req.body() = bytes;
  Reply submitted = testing::Send(port, std::move(req));
  if (submitted.status != 202) {
    ADD_FAILURE() << "import job refused: " << submitted.status << " " << submitted.body;
    return "";
  }
  return std::string(submitted.Json().at("id").as_string());
}

TEST(Reliability, ImportJobKilledWithTheServer) {
  const Prepared& prepared = PreparedDb();
  ASSERT_FALSE(prepared.token.empty());
  RecentDurations full;
  {
    std::string url = testing::CopyTestDb(prepared.url);
    auto serve = StartServer(url, "job-calibration.log");
    ASSERT_TRUE(serve);
    std::string id = SubmitJob(serve->port(), prepared.token, "calibration.csv", EntitiesCsv("CAL-", kImportRows));
    ASSERT_FALSE(id.empty());
    auto started = Clock::now();
    ASSERT_EQ(AwaitJob(serve->port(), prepared.token, id, 300), "succeeded");
    full.Add(Seconds(Clock::now() - started));
    EXPECT_EQ(serve->Terminate(), 0);
    testing::DropTestDb(url);
  }
  const int trials = Trials(2);
  std::printf("[reliability] import job: %d rows in %.2f s; %d trials\n", kImportRows, full.Median(), trials);
  for (int trial = 1; trial <= trials; ++trial) {
    ++g_job.trials;
    const std::string what = "import job trial " + std::to_string(trial);
    std::string url = testing::CopyTestDb(prepared.url);
    const std::string name = "job-" + std::to_string(trial) + ".csv", prefix = "J" + std::to_string(trial) + "-";
    const std::string bytes = EntitiesCsv(prefix, kImportRows);
    {
      auto serve = StartServer(url, "job-" + std::to_string(trial) + ".log");
      ASSERT_TRUE(serve);
      ASSERT_FALSE(SubmitJob(serve->port(), prepared.token, name, bytes).empty());
      const double delay = Uniform(0, 1.2 * full.Median());
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      EXPECT_EQ(serve->Kill(), 128 + SIGKILL);
      ++g_job.kills;
      std::printf("[reliability] %s: server killed %.3f s into the job\n", what.c_str(), delay);
    }
    Presence presence = CheckAfterKill(g_job, url, name, prefix, what);
    {
      auto serve = StartServer(url, "job-" + std::to_string(trial) + "-again.log");
      ASSERT_TRUE(serve);
      std::string id = SubmitJob(serve->port(), prepared.token, name, bytes);
      auto started = Clock::now();
      std::string state = id.empty() ? "" : AwaitJob(serve->port(), prepared.token, id, 300);
      if (presence == Presence::kNone && state == "succeeded") full.Add(Seconds(Clock::now() - started));
      if (state != "succeeded") ++g_job.rerun_failures;
      EXPECT_EQ(state, "succeeded") << what << ": the job submitted again";
      EXPECT_EQ(serve->Terminate(), 0);
    }
    std::string detail;
    EXPECT_EQ(ImportPresence(url, name, prefix, kImportRows, detail), Presence::kWhole)
        << what << " after the job ran again: " << detail;
    testing::DropTestDb(url);
  }
}

// --- Writers ---------------------------------------------------------------------------------

// What one client wrote: the entities it created (answered 201), and per entity the name it
// last set with an answered PATCH and the names of the PATCHes left without an answer.
struct Written {
  int64_t id = 0;
  std::string code;
  std::string name;                // acknowledged
  std::vector<std::string> maybe;  // sent after it, unanswered
  int patches = 0;                 // acknowledged PATCHes
};
struct WriterLog {
  std::vector<Written> entities;
  int64_t acknowledged = 0, unanswered = 0, errors = 0;
  std::vector<std::string> error_samples;
};

void Write(int writer, int trial, uint64_t seed, uint16_t port, const std::string& token,
           const std::atomic<bool>& killing, const std::atomic<bool>& stop, WriterLog& log) {
  KeepAlive connection(port);
  std::mt19937_64 rng(seed);
  const auto begun = Clock::now();
  for (int seq = 0; !stop.load(); ++seq) {
    Reply reply;
    const bool patch = !log.entities.empty() && rng() % 10 < 3;
    if (patch) {
      Written& e = log.entities[rng() % log.entities.size()];
      std::string name = "Hợp tác xã sửa " + e.code + " lần " + std::to_string(seq);
      e.maybe.push_back(name);
      reply = connection.Send(Request(bhttp::verb::patch, "/api/v1/entities/" + std::to_string(e.id), token,
                                      boost::json::serialize(boost::json::object{{"name", name}})));
      if (reply.status / 100 == 2) {
        e.name = name;
        e.maybe.clear();
        ++e.patches;
      }
    } else {
      Written e;
      e.code = "W" + std::to_string(trial) + "-" + std::to_string(writer) + "-" + std::to_string(seq);
      e.name = "Hợp tác xã Dịch vụ " + e.code;
      boost::json::object body{{"kind", "cooperative"},       {"name", e.name},
                               {"registration_code", e.code}, {"province_code", writer % 2 ? "79" : "01"},
                               {"founded_on", "2020-01-15"},  {"women_managed", seq % 3 == 0}};
      reply = connection.Send(Request(bhttp::verb::post, "/api/v1/entities", token, boost::json::serialize(body)));
      if (reply.status == 201) {
        e.id = reply.Json().at("id").as_int64();
        e.code = std::string(reply.Json().at("registration_code").as_string());
        log.entities.push_back(std::move(e));
      }
    }
    if (reply.status / 100 == 2) {
      ++log.acknowledged;
    } else if (reply.status == 0 && killing.load()) {
      ++log.unanswered;  // in flight at the kill: it may or may not have been written
      break;
    } else {
      ++log.errors;
      if (log.error_samples.size() < 5)
        log.error_samples.push_back(std::to_string(Seconds(Clock::now() - begun)) + " s in: " +
                                    std::to_string(reply.status) + " " + reply.body + " " + reply.error.message());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

TEST(Reliability, ServerKilledUnderWritingClients) {
  const Prepared& prepared = PreparedDb();
  ASSERT_FALSE(prepared.token.empty());
  constexpr int kWriters = 8;
  const int trials = Trials(3);
  for (int trial = 1; trial <= trials; ++trial) {
    ++g_serve.trials;
    const std::string what = "serve trial " + std::to_string(trial);
    std::string url = testing::CopyTestDb(prepared.url);
    std::vector<WriterLog> logs(kWriters);
    {
      auto serve = StartServer(url, "serve-" + std::to_string(trial) + ".log");
      ASSERT_TRUE(serve);
      std::atomic<bool> killing{false}, stop{false};
      std::vector<std::thread> writers;
      for (int w = 0; w < kWriters; ++w)
        writers.emplace_back(Write, w, trial, Random()(), serve->port(), prepared.token, std::cref(killing),
                             std::cref(stop), std::ref(logs[w]));
      const double delay = Uniform(0.5, 2.5);
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      killing = true;
      EXPECT_EQ(serve->Kill(), 128 + SIGKILL);
      stop = true;
      for (auto& t : writers) t.join();
      ++g_serve.kills;
      int64_t acknowledged = 0;
      for (const auto& log : logs) acknowledged += log.acknowledged;
      std::printf("[reliability] %s: killed after %.2f s and %lld acknowledged writes\n", what.c_str(), delay,
                  static_cast<long long>(acknowledged));
    }
    // Restarted: every acknowledged write is there, with its audit rows, and served.
    auto serve = StartServer(url, "serve-" + std::to_string(trial) + "-again.log");
    ASSERT_TRUE(serve) << what << ": the server does not start again after the kill";
    std::map<std::string, std::pair<int64_t, std::string>> stored;  // code → id, name
    std::map<int64_t, std::pair<int64_t, int64_t>> audits;          // id → creates, updates
    {
      auto db = Open(url);
      ASSERT_TRUE(db);
      ASSERT_TRUE(db->Read([&](storage::Connection& conn) -> Status {
                      HOPTAC_TRY(conn.Query(
                          "SELECT id, registration_code, name FROM entities "
                          "WHERE registration_code LIKE 'W%'",
                          {}, [&](const storage::RowView& row) {
                            stored[std::string(row.GetText(1))] = {row.GetInt(0), std::string(row.GetText(2))};
                            return Ok();
                          }));
                      return conn.Query(
                          "SELECT CAST(object_id AS BIGINT), action FROM audit_log "
                          "WHERE object_type = 'entity'",
                          {}, [&](const storage::RowView& row) {
                            auto& n = audits[row.GetInt(0)];
                            (row.GetText(1) == "entity.create" ? n.first : n.second) += 1;
                            return Ok();
                          });
                    }).ok());
      db->Close();
    }
    int64_t errors = 0;
    for (const auto& log : logs) errors += log.errors;
    if (errors > 0) {
      std::printf(
          "[reliability] %s: %lld answers other than 2xx before the kill; the server's log:\n%s\n", what.c_str(),
          static_cast<long long>(errors),
          testing::ReadFile(testing::TempDir("hoptac_reliability") / ("serve-" + std::to_string(trial) + ".log"))
              .c_str());
    }
    int64_t lost = 0;
    for (const auto& log : logs) {
      g_serve.acknowledged += log.acknowledged;
      g_serve.unanswered += log.unanswered;
      g_serve.errors += log.errors;
      EXPECT_EQ(log.errors, 0) << what << ": answers other than 2xx before the kill, e.g. "
                               << (log.error_samples.empty() ? "" : log.error_samples[0]);
      for (const Written& e : log.entities) {
        auto it = stored.find(e.code);
        bool ok = it != stored.end() && it->second.first == e.id;
        if (ok) {
          const std::string& name = it->second.second;
          ok = name == e.name || std::find(e.maybe.begin(), e.maybe.end(), name) != e.maybe.end();
        }
        const auto& audit = audits[e.id];
        ok = ok && audit.first == 1 && audit.second >= e.patches;
        if (!ok) {
          lost += 1 + e.patches;
          ADD_FAILURE() << what << ": acknowledged writes of " << e.code << " (id " << e.id << ", \"" << e.name
                        << "\", " << e.patches << " patches) lost: "
                        << (it == stored.end() ? "no such entity" : "now \"" + it->second.second + "\"")
                        << ", audit rows " << audit.first << " create, " << audit.second << " update";
        }
      }
      // The restarted server answers with what it acknowledged.
      if (!log.entities.empty()) {
        const Written& last = log.entities.back();
        Reply got = testing::Send(
            serve->port(), Request(bhttp::verb::get, "/api/v1/entities/" + std::to_string(last.id), prepared.token));
        EXPECT_EQ(got.status, 200u) << what << ": " << got.body;
        if (got.status == 200) {
          EXPECT_EQ(got.Json().at("name").as_string(), stored[last.code].second);
        }
      }
    }
    g_serve.lost += lost;
    EXPECT_EQ(serve->Terminate(), 0);
    std::vector<std::string> failures = IntegrityFailures(url);
    g_serve.integrity += !failures.empty();
    for (const auto& f : failures) ADD_FAILURE() << what << ": integrity: " << f;
    testing::DropTestDb(url);
  }
}

void PrintCounts() {
  const char* backend = storage::BackendName(testing::TestBackend());
  auto imports = [&](const char* what, const ImportCounts& c, bool startup) {
    if (c.trials == 0) return;
    std::string kills = std::to_string(c.kills) + " kills";
    if (startup) kills += " (" + std::to_string(c.startup_kills) + " in start-up)";
    std::printf(
        "[reliability] %s, %s: %d trials, %s, %d ended first; after the kill %d whole, %d none, %d partial imports; "
        "%d integrity failures; %d re-runs failed\n",
        backend, what, c.trials, kills.c_str(), c.finished_first, c.whole, c.none, c.partial, c.integrity,
        c.rerun_failures);
  };
  imports("hoptac import killed", g_cli, true);
  imports("import job, server killed", g_job, false);
  if (g_serve.trials > 0)
    std::printf(
        "[reliability] %s, serve killed under 8 writers: %d trials, %d kills, %lld acknowledged writes, %lld lost, "
        "%lld unanswered at the kill, %lld errors before it; %d integrity failures\n",
        backend, g_serve.trials, g_serve.kills, static_cast<long long>(g_serve.acknowledged),
        static_cast<long long>(g_serve.lost), static_cast<long long>(g_serve.unanswered),
        static_cast<long long>(g_serve.errors), g_serve.integrity);
  std::fflush(stdout);
}

}  // namespace
}  // namespace hoptac

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (const char* text = std::getenv("HOPTAC_RELIABILITY_TRIALS")) hoptac::g_trials = std::atoi(text);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--trials" && i + 1 < argc) {
      hoptac::g_trials = std::atoi(argv[++i]);
    } else if (arg.rfind("--trials=", 0) == 0) {
      hoptac::g_trials = std::atoi(arg.c_str() + 9);
    } else {
      std::fprintf(stderr, "usage: %s [--trials N] [gtest options]\n", argv[0]);
      return 2;
    }
  }
  hoptac::Random();
  int result = RUN_ALL_TESTS();
  hoptac::PrintCounts();
  return result;
}

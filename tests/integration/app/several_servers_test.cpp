// Operations with the real binary: two `hoptac serve` on one database (sessions, writes
// and imports seen by both, migrations applied once), `hoptac backup` while a server
// runs and `hoptac restore` answering the same statistics, and who may read /metrics.
// Runs on both backends: on PostgreSQL backup and restore print the pg_dump command.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "storage/db.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/temp_files.h"
#include "support/test_db.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;
using testing::Reply;

constexpr const char* kAdminPassword = "Hai-máy-chủ-một-CSDL-7";

// Runs the binary with `args` (shell words) and returns its exit code; output in *out.
int RunBinary(const std::string& args, std::string* out) {
  std::string command = "HOPTAC_LANG=en " + std::string(HOPTAC_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string text;
  char buffer[512];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) text += buffer;
  const int status = pipe ? pclose(pipe) : -1;
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Session {
  std::string cookie, csrf;
};

Reply Call(uint16_t port, bhttp::verb method, const std::string& target, const Session& session = {},
           const std::string& body = "", const std::string& content_type = "application/json") {
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::accept_language, "en");
  if (!session.cookie.empty()) req.set(bhttp::field::cookie, "hoptac_session=" + session.cookie);
  if (!session.csrf.empty()) req.set("X-CSRF-Token", session.csrf);
  if (!body.empty()) {
    req.set(bhttp::field::content_type, content_type);
    req.body() = body;
  }
  return testing::Send(port, std::move(req));
}

Session Login(uint16_t port) {
  Reply r = Call(port, bhttp::verb::post, "/api/v1/session", {},
                 boost::json::serialize(boost::json::object{{"username", "admin"}, {"password", kAdminPassword}}));
  EXPECT_EQ(r.status, 200u) << r.body;
  if (r.status != 200) return {};
  std::string header(r.headers[bhttp::field::set_cookie]);
  auto start = header.find("hoptac_session=") + std::string("hoptac_session=").size();
  return {header.substr(start, header.find(';', start) - start), std::string(r.Json().at("csrf_token").as_string())};
}

// Polls `done` every 20 ms for up to `limit`; the time it took, or nullopt.
template <class F>
std::optional<double> WaitFor(F done, std::chrono::milliseconds limit) {
  const auto started = Clock::now();
  while (Clock::now() - started < limit) {
    if (done()) return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

int64_t Total(uint16_t port, const std::string& target, const Session& session = {}) {
  Reply r = Call(port, bhttp::verb::get, target, session);
  return r.status == 200 ? r.Json().at("total").as_int64() : -1;
}

// Two processes migrating one fresh database at once apply each migration once.
TEST(SeveralServers, ConcurrentMigrationsApplyEachOnce) {
  const std::string url = testing::TestDbUrl();
  std::string out_a, out_b;
  int code_a = -1, code_b = -1;
  std::thread a([&] { code_a = RunBinary("migrate --db '" + url + "'", &out_a); });
  std::thread b([&] { code_b = RunBinary("migrate --db '" + url + "'", &out_b); });
  a.join();
  b.join();
  ASSERT_EQ(code_a, 0) << out_a;
  ASSERT_EQ(code_b, 0) << out_b;
  auto applied = [](const std::string& out) {
    std::smatch m;
    return std::regex_search(out, m, std::regex("Applied (\\d+) schema")) ? std::stoi(m[1]) : -1;
  };
  auto db = storage::Db::Open(url);
  ASSERT_TRUE(db.ok());
  const int known = static_cast<int>(storage::KnownMigrations((*db)->backend()).size());
  EXPECT_EQ(applied(out_a) + applied(out_b), known) << out_a << out_b;
  int64_t rows = 0;
  ASSERT_TRUE((*db)
                  ->Read([&](storage::Connection& c) -> Status {
                    HOPTAC_ASSIGN_OR_RETURN(auto row, c.QueryOne("SELECT count(*) FROM schema_migrations"));
                    rows = std::get<int64_t>((*row)[0]);
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(rows, known);
}

// Behind any load balancer: a session made on one server works on the other, a write
// on one is listed by the other within 2 s, an import on one is seen by both.
TEST(SeveralServers, TwoServersOnOneDatabase) {
  const std::string url = testing::TestDbUrl();
  testing::ServeProcess a, b;
  ASSERT_TRUE(a.Start(HOPTAC_BINARY, {"--db", url, "--no-access-log"}, kAdminPassword, "/dev/null"));
  ASSERT_TRUE(b.Start(HOPTAC_BINARY, {"--db", url, "--no-access-log"}, kAdminPassword, "/dev/null"));
  const uint16_t pa = a.port(), pb = b.port();

  Session session = Login(pa);
  Reply me = Call(pb, bhttp::verb::get, "/api/v1/session", session);
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Json().at("user").at("username"), "admin") << me.body;

  const std::string name = "Hợp tác xã Hai Máy Chủ";
  Reply created = Call(pa, bhttp::verb::post, "/api/v1/entities", session,
                       boost::json::serialize(boost::json::object{{"name", name},
                                                                  {"kind", "cooperative"},
                                                                  {"province_code", "01"},
                                                                  {"registration_code", "HAI-MAY-CHU-1"},
                                                                  {"founded_on", "2021-03-04"}}));
  ASSERT_EQ(created.status, 201u) << created.body;
  const int64_t id = created.Json().at("id").as_int64();
  const std::string search = "/api/v1/entities?q=hai%20may%20chu";
  EXPECT_EQ(Total(pa, search), 1);  // the writer's own index: at once
  // The entity itself is read from the database: at once on the other server too.
  EXPECT_EQ(Call(pb, bhttp::verb::get, "/api/v1/entities/" + std::to_string(id)).status, 200u);
  std::optional<double> listed = WaitFor([&] { return Total(pb, search) == 1; }, std::chrono::seconds(10));
  ASSERT_TRUE(listed) << "the other server never listed the new entity";
  std::printf("[two servers] a write on one server was listed by the other after %.0f ms\n", *listed);
  EXPECT_LE(*listed, 2000.0);

  // An import on B: its record, its entities and the statistics are the same on A.
  const std::string csv =
      "registration_code,name,kind,province_code,founded_on\r\n"
      "HAI-IMP-1,Hợp tác xã Nhập Một,HTX,79,2019-05-01\r\n"
      "HAI-IMP-2,Hợp tác xã Nhập Hai,HTX,79,2020-06-02\r\n"
      "HAI-IMP-3,Tổ hợp tác Nhập Ba,THT,79,2021-07-03\r\n";
  Reply job = Call(pb, bhttp::verb::post, "/api/v1/imports?type=entities&filename=hai.csv", session, csv, "text/csv");
  ASSERT_EQ(job.status, 202u) << job.body;
  const std::string job_id(job.Json().at("id").as_string());
  int64_t import_id = 0;
  ASSERT_TRUE(WaitFor(
      [&] {
        Reply now = Call(pb, bhttp::verb::get, "/api/v1/imports/" + job_id, session);
        if (now.status == 200 && now.Json().at("import_id").is_int64())
          import_id = now.Json().at("import_id").as_int64();
        return import_id > 0;
      },
      std::chrono::seconds(30)))
      << "the import did not commit";
  Reply record = Call(pa, bhttp::verb::get, "/api/v1/imports/" + std::to_string(import_id), session);
  EXPECT_EQ(record.status, 200u) << record.body;
  std::optional<double> imported =
      WaitFor([&] { return Total(pa, "/api/v1/entities?q=nhap&province=79") == 3; }, std::chrono::seconds(10));
  ASSERT_TRUE(imported) << "server A never listed the imported entities";
  std::printf("[two servers] an import on one server was listed by the other after %.0f ms\n", *imported);
  EXPECT_LE(*imported, 2000.0);
  const std::string stats = "/api/v1/stats/entities?group_by=province,kind";
  EXPECT_EQ(Call(pa, bhttp::verb::get, stats, session).body, Call(pb, bhttp::verb::get, stats, session).body);

  // Signing out on one server ends the session on both.
  EXPECT_EQ(Call(pa, bhttp::verb::delete_, "/api/v1/session", session).status, 204u);
  EXPECT_EQ(Call(pb, bhttp::verb::get, "/api/v1/session", session).status, 401u);
  EXPECT_EQ(a.Terminate(), 0);
  EXPECT_EQ(b.Terminate(), 0);
}

// /metrics: from this machine yes, through a proxy (forwarded) no, with the token yes.
TEST(SeveralServers, MetricsOnlyFromLoopbackOrWithTheToken) {
  const std::string url = testing::TestDbUrl();
  testing::ServeProcess serve;
  ASSERT_TRUE(serve.Start(HOPTAC_BINARY, {"--db", url, "--no-access-log", "--metrics-token", "m-token-0123456789"},
                          kAdminPassword, "/dev/null"));
  auto metrics = [&](const std::string& header, const std::string& value) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/metrics", 11};
    req.set(bhttp::field::accept_language, "en");
    if (!header.empty()) req.set(header, value);
    return testing::Send(serve.port(), std::move(req));
  };
  EXPECT_EQ(metrics("", "").status, 200u);
  Reply proxied = metrics("X-Forwarded-For", "203.0.113.7");
  EXPECT_EQ(proxied.status, 403u);
  EXPECT_EQ(proxied.Code(), "permission_denied") << proxied.body;
  EXPECT_NE(proxied.body.find("metrics"), std::string::npos) << proxied.body;
  EXPECT_EQ(metrics("Forwarded", "for=203.0.113.7").status, 403u);
  EXPECT_EQ(metrics("Authorization", "Bearer m-token-0123456789").status, 200u);
  EXPECT_EQ(metrics("Authorization", "Bearer m-token-0123456788").status, 200u)
      << "from loopback the token is not needed; a wrong one does not matter";
  bhttp::request<bhttp::string_body> both{bhttp::verb::get, "/metrics", 11};
  both.set("X-Forwarded-For", "203.0.113.7");
  both.set(bhttp::field::authorization, "Bearer m-token-0123456789");
  EXPECT_EQ(testing::Send(serve.port(), std::move(both)).status, 200u);
  bhttp::request<bhttp::string_body> wrong{bhttp::verb::get, "/metrics", 11};
  wrong.set("X-Forwarded-For", "203.0.113.7");
  wrong.set(bhttp::field::authorization, "Bearer m-token-0123456788");
  EXPECT_EQ(testing::Send(serve.port(), std::move(wrong)).status, 403u);
  EXPECT_EQ(serve.Terminate(), 0);
}

// hoptac backup while a server runs; hoptac restore into a new database answers the
// same statistics. On PostgreSQL both say which pg_dump / pg_restore command to run.
TEST(SeveralServers, BackupWhileServingAndRestore) {
  const std::string url = testing::TestDbUrl();
  const std::filesystem::path folder = testing::TempDir("hoptac_backup") / "run";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string file = (folder / "hoptac-backup.db").string();
  std::string out;
  if (testing::TestBackend() == storage::Backend::kPostgres) {
    EXPECT_EQ(RunBinary("backup '" + file + "' --db '" + url + "'", &out), 1);
    EXPECT_NE(out.find("pg_dump --format=custom"), std::string::npos) << out;
    EXPECT_EQ(out.find("postgresql://hoptac:"), std::string::npos) << "the password must be masked: " << out;
    EXPECT_EQ(RunBinary("restore '" + file + "' --db '" + url + "'", &out), 1);
    EXPECT_NE(out.find("pg_restore"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(file));
    return;
  }
  ASSERT_EQ(RunBinary("demo --scale 0.01 --seed 11 --db '" + url + "'", &out), 0) << out;
  const std::string csv_path = (folder / "nhap.csv").string();
  {
    std::FILE* csv = std::fopen(csv_path.c_str(), "wb");
    ASSERT_NE(csv, nullptr);
    std::fputs("\xEF\xBB\xBFregistration_code,name,kind,province_code\r\nBK-1,Hợp tác xã Sao Lưu,HTX,01\r\n", csv);
    std::fclose(csv);
  }
  ASSERT_EQ(RunBinary("import entities '" + csv_path + "' --db '" + url + "'", &out), 0) << out;

  testing::ServeProcess serve;
  ASSERT_TRUE(serve.Start(HOPTAC_BINARY, {"--db", url, "--no-access-log"}, kAdminPassword, "/dev/null"));
  Session session = Login(serve.port());
  // A writer goes on while the backup is taken.
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      Reply r = Call(serve.port(), bhttp::verb::post, "/api/v1/entities", session,
                     boost::json::serialize(boost::json::object{{"name", "Hợp tác xã Đang Ghi " + std::to_string(i)},
                                                                {"registration_code", "DG-" + std::to_string(i)},
                                                                {"kind", "cooperative"},
                                                                {"province_code", "01"}}));
      if (r.status == 201) ++writes;
    }
  });
  const bool writing = WaitFor([&] { return writes >= 3; }, std::chrono::seconds(20)).has_value();
  const int backup_code = writing ? RunBinary("backup '" + file + "' --db '" + url + "'", &out) : -1;
  stop = true;
  writer.join();
  ASSERT_TRUE(writing) << "the writer wrote nothing";
  ASSERT_EQ(backup_code, 0) << out;
  EXPECT_NE(out.find("Backed up"), std::string::npos) << out;
  EXPECT_NE(out.find("1 original files"), std::string::npos) << out;
  EXPECT_EQ(RunBinary("backup '" + file + "' --db '" + url + "'", &out), 1);
  EXPECT_NE(out.find("exists already"), std::string::npos) << out;
  EXPECT_EQ(serve.Terminate(), 0);

  // What the backup holds, read straight from it: the restore must answer the same.
  const std::string restored_url = "sqlite:" + (folder / "restored" / "hoptac.db").string();
  ASSERT_EQ(RunBinary("restore '" + file + "' --db '" + restored_url + "'", &out), 0) << out;
  EXPECT_NE(out.find("copied back 1 original files"), std::string::npos) << out;
  for (const std::string& query : {std::string("stats entities --group-by province,kind,status --format json"),
                                   std::string("stats entities --measure members_total --group-by kind --format json"),
                                   std::string("stats flows --event established --from 2000-01-01 --to 2024-12-31 "
                                               "--group-by kind --format json")}) {
    std::string from_backup, from_restored;
    ASSERT_EQ(RunBinary(query + " --db 'sqlite:" + file + "'", &from_backup), 0) << from_backup;
    ASSERT_EQ(RunBinary(query + " --db '" + restored_url + "'", &from_restored), 0) << from_restored;
    EXPECT_EQ(from_backup, from_restored) << query;
    EXPECT_NE(from_restored.find("\"rows\""), std::string::npos) << from_restored;
  }
  // The restored import still has its original file.
  EXPECT_TRUE(std::filesystem::exists(folder / "restored" / "imports"));

  // A second restore over data needs --replace; a file that is not a backup is refused.
  EXPECT_EQ(RunBinary("restore '" + file + "' --db '" + restored_url + "'", &out), 1);
  EXPECT_NE(out.find("--replace"), std::string::npos) << out;
  EXPECT_EQ(RunBinary("restore '" + file + "' --replace --db '" + restored_url + "'", &out), 0) << out;
  EXPECT_EQ(RunBinary("restore '" + csv_path + "' --replace --db '" + restored_url + "'", &out), 1);
  EXPECT_NE(out.find("not a usable hoptac backup"), std::string::npos) << out;
  EXPECT_EQ(RunBinary("restore --db '" + restored_url + "'", &out), 2) << out;  // FILE missing
  const std::string never = (folder / "never.db").string();
  EXPECT_EQ(RunBinary("backup '" + never + "' --sync sometimes --db '" + restored_url + "'", &out), 2);
  EXPECT_NE(out.find("--sync must be full or normal: sometimes"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(never));
}

}  // namespace
}  // namespace hoptac

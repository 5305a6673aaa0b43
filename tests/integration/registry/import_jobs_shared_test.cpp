// Import jobs behind a load balancer that is not sticky (registry/import/import_jobs.h):
// two servers (two app::System, two routers) on one test database, on the backend named
// by HOPTAC_TEST_BACKEND. A job submitted on one is followed, reported and cancelled on
// the other; a job whose server stopped or vanished is reported failed; a job is its
// owner's (and a national admin's) on every server.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "base/log.h"
#include "registry/import/import_jobs.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;
using testing::Reply;

constexpr auto kHeartbeat = 100ms;
constexpr auto kLostAfter = 1500ms;

// Three bad rows (3, 5, 6) among good ones, as Excel writes a "CSV UTF-8" file.
const std::string kThreeBadRows =
    "\xEF\xBB\xBF"
    "Mã số HTX;Tên HTX;Loại hình;Tỉnh/Thành phố;Ngày thành lập;Ghi chú\r\n"
    "HTX-A-1;Hợp tác xã Tốt Một;HTX;01;01/02/2020;\r\n"
    "HTX-A-2;Hợp tác xã Sai Ngày;HTX;01;31/02/2020;\r\n"
    "HTX-A-3;Hợp tác xã Tốt Hai;HTX;01;01/02/2020;\r\n"
    "HTX-A-4;Hợp tác xã Sai Loại;Công ty;01;01/02/2020;\r\n"
    "HTX-A-5;Hợp tác xã Sai Tỉnh;HTX;Xứ Sở;01/02/2020;\r\n";

// `rows` entities of province 01; every row's founding date is `founded_on`.
std::string ManyRows(const std::string& prefix, int rows, const std::string& founded_on = "2020-01-01") {
  std::string csv = "registration_code,name,kind,province_code,founded_on,address\n";
  csv.reserve(static_cast<size_t>(rows) * 140);
  for (int i = 0; i < rows; ++i)
    csv += prefix + std::to_string(i) + ",Hợp tác xã Dịch vụ Nông nghiệp Số " + std::to_string(i) + ",HTX,01," +
           founded_on + ",\"Thôn Đông, xã Tân Lập, huyện Đan Phượng, thành phố Hà Nội\"\n";
  return csv;
}

// Big enough that a dry run is still running long after its first thousand rows.
const std::string& BigFile() {
  static const std::string file = ManyRows("BIG-", 400'000);
  return file;
}

app::SystemOptions ServerOptions() {
  app::SystemOptions options = testing::FastSystemOptions();
  options.import_heartbeat = kHeartbeat;
  options.import_lost_after = kLostAfter;
  return options;
}

class SharedImportJobsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem(ServerOptions()));  // server A
    ASSERT_TRUE(system_.Serve());
    ASSERT_TRUE(b_.Join(url_, ServerOptions()));  // server B, on A's database
    ASSERT_TRUE(b_.Serve());
    a_ = system_.port();
    b_port_ = b_.port();
    system_.AddUser("nat_admin", "national_admin");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("po79", "province_officer", "79");
  }
  void TearDown() override {
    b_.Stop();
    SystemTest::TearDown();
  }

  Reply Call(uint16_t port, bhttp::verb method, const std::string& target, const std::string& as,
             const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "text/csv");
      req.body() = body;
    }
    return testing::Send(port, std::move(req));
  }

  std::string Submit(uint16_t port, const std::string& query, const std::string& as, const std::string& body) {
    Reply created = Call(port, bhttp::verb::post, "/api/v1/imports?" + query, as, body);
    EXPECT_EQ(created.status, 202u) << created.body;
    return created.status == 202 ? std::string(created.Json().at("id").as_string()) : "";
  }

  boost::json::object Job(uint16_t port, const std::string& id, const std::string& as) {
    Reply r = Call(port, bhttp::verb::get, "/api/v1/imports/" + id, as);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? r.Json().as_object() : boost::json::object{};
  }

  // Polls a job on `port` until `done` says so (at most `limit`).
  boost::json::object AwaitOn(uint16_t port, const std::string& id, const std::string& as,
                              const std::function<bool(const boost::json::object&)>& done,
                              std::chrono::milliseconds limit = 120s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      boost::json::object job = Job(port, id, as);
      if (job.empty() || done(job)) return job;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "job " << id << " did not get there";
    return {};
  }
  static bool Finished(const boost::json::object& job) {
    return job.at("state") != "queued" && job.at("state") != "running";
  }
  boost::json::object Await(uint16_t port, const std::string& id, const std::string& as) {
    return AwaitOn(port, id, as, Finished);
  }

  int64_t Count(const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     auto row = conn.QueryOne("SELECT COUNT(*) FROM " + table, {});
                     if (!row.ok()) return std::move(row).error();
                     n = std::get<int64_t>((**row)[0]);
                     return Ok();
                   })
                    .ok());
    return n;
  }

  testing::TestSystem b_;
  uint16_t a_ = 0, b_port_ = 0;  // the servers' ports
};

TEST_F(SharedImportJobsTest, AJobSubmittedOnOneServerIsFollowedAndReportedOnTheOther) {
  std::string id = Submit(a_, "type=entities&filename=danh_sach.csv", "po01", kThreeBadRows);
  ASSERT_FALSE(id.empty());
  // The row is written before the answer: the next request may reach the other server.
  Reply first = Call(b_port_, bhttp::verb::get, "/api/v1/imports/" + id, "po01");
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.Json().at("file_name"), "danh_sach.csv");

  boost::json::object on_b = Await(b_port_, id, "po01");
  EXPECT_EQ(on_b.at("state"), "failed");
  EXPECT_EQ(on_b.at("outcome"), "rejected");
  EXPECT_EQ(on_b.at("error").at("key"), "error.import_rejected");
  EXPECT_EQ(on_b.at("error").at("message"), "The file has bad rows, so nothing was written.");
  EXPECT_EQ(on_b.at("counts").at("bad_rows"), 3);
  EXPECT_EQ(on_b.at("problems").as_array().size(), 3u);
  EXPECT_EQ(on_b.at("problems").as_array()[0].at("message_vi"),
            Job(a_, id, "po01").at("problems").as_array()[0].at("message_vi"));
  EXPECT_EQ(on_b.at("preview").as_array().size(), 5u);
  // Word for word what the server that ran it answers (counts, columns, preview, problems).
  EXPECT_EQ(on_b, Job(a_, id, "po01"));

  // The report, whole, from either server.
  Reply report_a = Call(a_, bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=csv", "po01");
  Reply report_b = Call(b_port_, bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=csv", "po01");
  ASSERT_EQ(report_b.status, 200u) << report_b.body;
  EXPECT_EQ(report_b.body, report_a.body);
  EXPECT_NE(report_b.body.find("\r\n3,Ngày thành lập,founded_on,31/02/2020,error,"), std::string::npos);
  Reply xlsx = Call(b_port_, bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=xlsx", "po01");
  ASSERT_EQ(xlsx.status, 200u);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));

  // The job is po01's on every server: another account does not see it, a national admin does.
  for (uint16_t port : {a_, b_port_}) {
    EXPECT_EQ(Call(port, bhttp::verb::get, "/api/v1/imports/" + id, "po79").status, 404u);
    EXPECT_EQ(Call(port, bhttp::verb::get, "/api/v1/imports/" + id + "/report", "po79").status, 404u);
    EXPECT_EQ(Call(port, bhttp::verb::post, "/api/v1/imports/" + id + "/cancel", "po79").status, 404u);
    EXPECT_EQ(Call(port, bhttp::verb::get, "/api/v1/imports", "po79").Json().at("total"), 0);
    EXPECT_EQ(Call(port, bhttp::verb::get, "/api/v1/imports/" + id, "nat_admin").status, 200u);
  }

  // A commit on B, followed on A; both lists show both jobs, newest first, alike.
  std::string commit = Submit(b_port_, "type=entities&skip_bad_rows=true", "po01", kThreeBadRows);
  boost::json::object committed = Await(a_, commit, "po01");
  EXPECT_EQ(committed.at("state"), "succeeded");
  EXPECT_EQ(committed.at("outcome"), "committed");
  EXPECT_EQ(committed.at("counts").at("created"), 2);
  EXPECT_GT(committed.at("import_id").as_int64(), 0);
  EXPECT_EQ(committed, Job(b_port_, commit, "po01"));
  EXPECT_EQ(Count("entities"), 2);
  Reply list_a = Call(a_, bhttp::verb::get, "/api/v1/imports", "po01");
  Reply list_b = Call(b_port_, bhttp::verb::get, "/api/v1/imports", "po01");
  ASSERT_EQ(list_b.status, 200u) << list_b.body;
  EXPECT_EQ(list_b.Json().at("total"), 2);
  EXPECT_EQ(list_b.Json().at("items").as_array()[0].at("id"), boost::json::value(commit));
  EXPECT_EQ(list_a.Json(), list_b.Json());
  // A cancel of a finished job changes nothing, on either server.
  EXPECT_EQ(Call(a_, bhttp::verb::post, "/api/v1/imports/" + commit + "/cancel", "po01").Json().at("state"),
            "succeeded");
}

TEST_F(SharedImportJobsTest, TheOtherServerShowsTheFirstProblemsAndReportsThemAll) {
  std::string id = Submit(a_, "type=entities&dry_run=true", "po01", ManyRows("BAD-", 150, "31/02/2020"));
  boost::json::object job = Await(b_port_, id, "po01");
  EXPECT_EQ(job.at("outcome"), "dry_run");
  EXPECT_EQ(job.at("problems_total"), 150);
  EXPECT_EQ(job.at("problems").as_array().size(), registry::kJobProblemsShown);
  Reply report = Call(b_port_, bhttp::verb::get, "/api/v1/imports/" + id + "/report", "po01");
  ASSERT_EQ(report.status, 200u) << report.body;
  EXPECT_EQ(std::count(report.body.begin(), report.body.end(), '\n'), 151) << report.body.substr(0, 500);
  EXPECT_EQ(report.body, Call(a_, bhttp::verb::get, "/api/v1/imports/" + id + "/report", "po01").body);
}

TEST_F(SharedImportJobsTest, ProgressReachesTheOtherServerAndACancelThereStopsTheJob) {
  std::string running = Submit(a_, "type=entities&dry_run=true", "nat_admin", BigFile());
  std::string queued = Submit(a_, "type=entities&dry_run=true", "nat_admin", ManyRows("Q-", 10));
  // The rows read, as the server running it writes them about every heartbeat.
  boost::json::object progress = AwaitOn(b_port_, running, "nat_admin", [](const boost::json::object& job) {
    return job.at("state") != "queued" && job.at("rows_read").as_int64() >= 1000;
  });
  ASSERT_EQ(progress.at("state"), "running");
  EXPECT_EQ(Job(b_port_, queued, "nat_admin").at("state"), "queued");

  // A queued job of A, cancelled on B: A cancels it at its next heartbeat.
  Reply asked = Call(b_port_, bhttp::verb::post, "/api/v1/imports/" + queued + "/cancel", "nat_admin");
  ASSERT_EQ(asked.status, 200u) << asked.body;
  EXPECT_EQ(asked.Json().at("state"), "queued");  // as it stands
  EXPECT_EQ(Await(b_port_, queued, "nat_admin").at("state"), "cancelled");
  // The running one: cancelled at its next row once A has read the request.
  Reply stop = Call(b_port_, bhttp::verb::post, "/api/v1/imports/" + running + "/cancel", "nat_admin");
  ASSERT_EQ(stop.status, 200u) << stop.body;
  boost::json::object stopped = Await(b_port_, running, "nat_admin");
  EXPECT_EQ(stopped.at("state"), "cancelled");
  EXPECT_EQ(stopped.at("outcome"), "cancelled");
  EXPECT_LT(stopped.at("rows_read").as_int64(), 400'000);
  EXPECT_EQ(Job(a_, running, "nat_admin").at("state"), "cancelled");
  EXPECT_EQ(Job(a_, queued, "nat_admin").at("state"), "cancelled");
}

TEST_F(SharedImportJobsTest, AServerThatStopsFailsItsJobsForTheOthers) {
  testing::TestSystem c;
  ASSERT_TRUE(c.Join(url_, ServerOptions()));
  ASSERT_TRUE(c.Serve());
  std::string running = Submit(c.port(), "type=entities&dry_run=true", "nat_admin", BigFile());
  std::string queued = Submit(c.port(), "type=entities", "nat_admin", ManyRows("Q-", 10));
  AwaitOn(b_port_, running, "nat_admin", [](const boost::json::object& job) { return job.at("state") == "running"; });
  c.Stop();
  // At once, not after the heartbeat timeout: the stopping server wrote them.
  for (const std::string& id : {running, queued}) {
    boost::json::object job = Job(b_port_, id, "nat_admin");
    EXPECT_EQ(job.at("state"), "failed") << id;
    EXPECT_EQ(job.at("error").at("key"), "error.import_job_interrupted") << id;
    EXPECT_EQ(job.at("error").at("code"), "unavailable") << id;
  }
  EXPECT_EQ(Count("entities"), 0);
}

TEST_F(SharedImportJobsTest, AJobWhoseServerVanishedIsFailedAfterTheHeartbeatTimeout) {
  // The real binary on the same database, killed while its job runs: nothing runs at exit.
  testing::ServeProcess crashing;
  ASSERT_TRUE(crashing.Start(HOPTAC_BINARY, {"--db", url_, "--no-access-log"}, "Vanishing-server-password-1"));
  std::string id = Submit(crashing.port(), "type=entities&dry_run=true", "nat_admin", BigFile());
  ASSERT_FALSE(id.empty());
  AwaitOn(b_port_, id, "nat_admin", [](const boost::json::object& job) { return job.at("state") == "running"; });
  crashing.Kill();
  auto killed = std::chrono::steady_clock::now();

  // Running as far as anyone can tell, until its heartbeat is older than the timeout.
  boost::json::object job = Await(b_port_, id, "nat_admin");
  auto waited = std::chrono::steady_clock::now() - killed;
  EXPECT_EQ(job.at("state"), "failed");
  EXPECT_EQ(job.at("error").at("key"), "error.import_job_lost");
  EXPECT_NE(std::string(job.at("error").at("message").as_string()).find("no news for"), std::string::npos);
  EXPECT_GE(waited, kLostAfter - 1s);  // the server's own heartbeat: about a second
  EXPECT_LT(waited, 30s);
  // Concluded once, in the table: the other server says the same, and lists it so.
  EXPECT_EQ(Job(a_, id, "nat_admin"), job);
  Reply list = Call(a_, bhttp::verb::get, "/api/v1/imports", "nat_admin");
  ASSERT_EQ(list.Json().at("total"), 1);
  EXPECT_EQ(list.Json().at("items").as_array()[0].at("state"), "failed");
}

TEST_F(SharedImportJobsTest, AServerWronglyTakenForLostWritesTheTruthOverTheConclusion) {
  // D takes any job whose heartbeat is older than a millisecond for lost.
  app::SystemOptions hasty = ServerOptions();
  hasty.import_lost_after = 1ms;
  testing::TestSystem d;
  ASSERT_TRUE(d.Join(url_, hasty));
  ASSERT_TRUE(d.Serve());
  std::string id = Submit(a_, "type=entities&dry_run=true", "nat_admin", ManyRows("ALIVE-", 60'000));
  boost::json::object lost = AwaitOn(d.port(), id, "nat_admin", Finished);
  EXPECT_EQ(lost.at("state"), "failed");
  EXPECT_EQ(lost.at("error").at("key"), "error.import_job_lost");
  // A, alive, finds its row concluded at its next heartbeat and writes the job over it; its
  // last word is the outcome.
  boost::json::object truth =
      AwaitOn(d.port(), id, "nat_admin", [](const boost::json::object& job) { return job.at("state") == "succeeded"; });
  EXPECT_EQ(truth.at("outcome"), "dry_run");
  EXPECT_EQ(truth.at("counts").at("created"), 60'000);
  EXPECT_EQ(truth, Job(a_, id, "nat_admin"));
  d.Stop();
}

TEST(SharedImportJobsExpiry, FinishedJobsLeaveTheTableAfterADay) {
  log::SetQuiet(true);
  std::atomic<int64_t> offset{0};
  app::SystemOptions options = ServerOptions();
  options.import_clock = [&offset] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
               .count() +
           offset.load();
  };
  testing::TestSystem a;
  ASSERT_TRUE(a.Create(options));
  auth::Principal who = auth::Principal::Cli("test");
  registry::ImportJobRequest request;
  request.dry_run = true;
  request.data = ManyRows("OLD-", 3);
  auto old = a.system().import_jobs().Submit(who, request);
  ASSERT_TRUE(old.ok());
  // Up to a minute: a loaded 2-core machine has taken more than 10 s for this dry run.
  for (int i = 0; i < 12000 && !a.system().import_jobs().Get(who, old->id)->finished_at_ms; ++i)
    std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(a.system().import_jobs().Get(who, old->id)->finished_at_ms) << "the dry run did not finish in 60 s";
  auto rows = [&] {
    int64_t n = -1;
    EXPECT_TRUE(a.system()
                    .db()
                    .Read([&](storage::Connection& conn) -> Status {
                      auto row = conn.QueryOne("SELECT COUNT(*) FROM import_jobs", {});
                      if (!row.ok()) return std::move(row).error();
                      n = std::get<int64_t>((**row)[0]);
                      return Ok();
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(rows(), 1);
  // The worker writes the finished row after finishing the job in memory: until it has, a
  // reader (here, after the clock jumps a day) takes the running row for a lost job.
  auto saved = [&] {
    int64_t n = 0;
    EXPECT_TRUE(a.system()
                    .db()
                    .Read([&](storage::Connection& conn) -> Status {
                      auto row = conn.QueryOne("SELECT COUNT(*) FROM import_jobs WHERE state = 'succeeded'", {});
                      if (!row.ok()) return std::move(row).error();
                      n = std::get<int64_t>((**row)[0]);
                      return Ok();
                    })
                    .ok());
    return n == 1;
  };
  for (int i = 0; i < 12000 && !saved(); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(saved()) << "the finished dry run was not written in 60 s";
  offset = std::chrono::duration_cast<std::chrono::milliseconds>(registry::kKeepFinished + 1h).count();
  EXPECT_FALSE(a.system().import_jobs().Get(who, old->id).ok());  // expired, though still in the table
  EXPECT_EQ(rows(), 1);
  request.data = ManyRows("NEW-", 3);
  auto fresh = a.system().import_jobs().Submit(who, request);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(rows(), 1);  // the old one went with the new submit
  EXPECT_TRUE(a.system().import_jobs().Get(who, fresh->id).ok());
  a.Stop();
}

}  // namespace
}  // namespace hoptac

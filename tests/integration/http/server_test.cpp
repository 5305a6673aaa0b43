// The HTTP server in-process and the real binary, on the backend named by
// HOPTAC_TEST_BACKEND (run once on SQLite and once on PostgreSQL by CTest).
#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "base/log.h"
#include "geo/admin_unit.h"
#include "geo/admin_unit_store.h"
#include "http/api.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/test_db.h"

namespace hoptac {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

using testing::Reply;
using testing::Send;

Reply Get(uint16_t port, const std::string& target, const std::string& lang = "") {
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
  if (!lang.empty()) req.set(bhttp::field::accept_language, lang);
  return Send(port, std::move(req));
}

std::string ErrorCode(const Reply& reply) { return reply.Code(); }

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    db_ = testing::OpenTestDb();
    services_.db = db_.get();
    services_.admin_units = testing::PrepareDatabase(*db_);
    ASSERT_NE(services_.admin_units, nullptr);
    services_.metrics = std::make_shared<http::Metrics>();
    services_.version = "test";
    router_ = http::BuildRouter(services_);
  }

  // Starts the server; extra routes are added before the metrics are sized.
  void Start(std::function<void(http::Router&)> extra = nullptr, http::ServerOptions options = {}) {
    if (extra) {
      extra(*router_);
      std::vector<std::string> names;
      for (const auto& r : router_->routes()) names.push_back(r.name);
      services_.metrics->SetRoutes(names);
    }
    ASSERT_TRUE(server_.Start(options, router_, services_.metrics));
    port_ = server_.port();
  }

  void TearDown() override {
    server_.Stop();
    if (db_) db_->Close();
  }

  std::unique_ptr<storage::Db> db_;
  http::Services services_;
  std::shared_ptr<http::Router> router_;
  testing::BackgroundServer server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, HealthzAnswersWithTheBackend) {
  Start();
  Reply r = Get(port_, "/healthz");
  ASSERT_EQ(r.status, 200u);
  auto json = r.Json().as_object();
  EXPECT_EQ(json.at("status"), "ok");
  EXPECT_EQ(json.at("database"), storage::BackendName(db_->backend()));
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(std::string(r.headers["Content-Security-Policy"]).find("frame-ancestors 'none'"), std::string::npos);
}

TEST_F(ServerTest, HealthzIs503WhenTheDatabaseIsGone) {
  Start();
  db_->Close();
  Reply r = Get(port_, "/healthz", "en");
  ASSERT_EQ(r.status, 503u);
  EXPECT_EQ(ErrorCode(r), "unavailable");
  EXPECT_EQ(r.Json().at("error").at("message"), "The database does not answer.");
}

TEST_F(ServerTest, ProvincesInForceOnADate) {
  Start();
  Reply now = Get(port_, "/api/v1/admin-units?level=province&as_of=2025-07-01");
  ASSERT_EQ(now.status, 200u) << now.body;
  EXPECT_EQ(now.Json().at("total"), 34);
  EXPECT_EQ(now.Json().at("items").as_array().size(), 34u);
  Reply before = Get(port_, "/api/v1/admin-units?level=province&as_of=2020-12-31");
  ASSERT_EQ(before.status, 200u);
  EXPECT_EQ(before.Json().at("total"), 63);
  Reply eve = Get(port_, "/api/v1/admin-units?as_of=2025-06-30");
  EXPECT_EQ(eve.Json().at("total"), 63);
  // Hà Nội did not change: the same unit on both sides of the reform.
  bool found = false;
  boost::json::value before_json = before.Json();
  for (const auto& item : before_json.at("items").as_array()) {
    if (item.at("code") == "15") {
      EXPECT_EQ(item.at("name"), "Yên Bái");
      EXPECT_EQ(item.at("valid_to"), "2025-06-30");
      found = true;
    }
    if (item.at("code") == "01") {
      EXPECT_TRUE(item.at("valid_to").is_null());
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(ServerTest, ProvincesBackTo1997) {
  Start();
  auto total = [&](const char* date) {
    Reply r = Get(port_, std::string("/api/v1/admin-units?level=province&as_of=") + date);
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.Json().at("records_begin"), "1997-01-01");
    return r.Json().at("total").as_int64();
  };
  EXPECT_EQ(total("2000-06-30"), 61);
  EXPECT_EQ(total("2006-06-30"), 64);
  EXPECT_EQ(total("2020-12-31"), 63);
  EXPECT_EQ(total("2025-07-01"), 34);
  EXPECT_EQ(total("1996-12-31"), 0);  // before the records
  Reply in_2006 = Get(port_, "/api/v1/admin-units?level=province&as_of=2006-06-30");
  bool ha_tay = false;
  boost::json::value list = in_2006.Json();
  for (const auto& item : list.at("items").as_array()) {
    if (item.at("code") != "28") continue;
    ha_tay = true;
    EXPECT_EQ(item.at("name"), "Hà Tây");
    EXPECT_TRUE(item.at("valid_from").is_null());  // since before the records begin
    EXPECT_EQ(item.at("valid_to"), "2008-07-31");
  }
  EXPECT_TRUE(ha_tay);
  Reply detail = Get(port_, "/api/v1/admin-units/28?as_of=2006-06-30");
  ASSERT_EQ(detail.status, 200u) << detail.body;
  auto d = detail.Json().as_object();
  ASSERT_EQ(d.at("successors").as_array().size(), 1u);
  EXPECT_EQ(d.at("successors").as_array()[0].at("name"), "Hà Nội");
  EXPECT_EQ(d.at("current_units").as_array()[0].at("code"), "01");
  EXPECT_TRUE(d.at("formed_from").is_null());
  Reply dien_bien = Get(port_, "/api/v1/admin-units/11?as_of=2006-06-30");
  ASSERT_EQ(dien_bien.status, 200u);
  EXPECT_EQ(dien_bien.Json().at("valid_from"), "2004-01-01");
  EXPECT_EQ(dien_bien.Json().at("formed_from").at("name"), "Lai Châu");
}

TEST_F(ServerTest, ACodeDenotesDifferentUnitsAtDifferentDates) {
  Start();
  Reply old = Get(port_, "/api/v1/admin-units/15?as_of=2021-03-31");
  ASSERT_EQ(old.status, 200u) << old.body;
  auto o = old.Json().as_object();
  EXPECT_EQ(o.at("name"), "Yên Bái");
  EXPECT_EQ(o.at("name_en"), "Yen Bai");
  ASSERT_EQ(o.at("successors").as_array().size(), 1u);
  EXPECT_EQ(o.at("successors").as_array()[0].at("name"), "Lào Cai");
  EXPECT_EQ(o.at("successors").as_array()[0].at("valid_from"), "2025-07-01");

  Reply now = Get(port_, "/api/v1/admin-units/15?as_of=2026-01-01");
  ASSERT_EQ(now.status, 200u);
  auto n = now.Json().as_object();
  EXPECT_EQ(n.at("name"), "Lào Cai");
  EXPECT_EQ(n.at("full_name"), "Tỉnh Lào Cai");
  auto predecessors = n.at("predecessors").as_array();
  ASSERT_EQ(predecessors.size(), 2u);
  EXPECT_EQ(predecessors[0].at("code"), "10");
  EXPECT_EQ(predecessors[0].at("name"), "Lào Cai");
  EXPECT_EQ(predecessors[1].at("code"), "15");
  EXPECT_EQ(predecessors[1].at("name"), "Yên Bái");

  // Bắc Giang 24 + Bắc Ninh 27 → Bắc Ninh 24.
  Reply bac_ninh_old = Get(port_, "/api/v1/admin-units/27?as_of=2024-01-01");
  ASSERT_EQ(bac_ninh_old.status, 200u);
  EXPECT_EQ(bac_ninh_old.Json().at("successors").as_array()[0].at("code"), "24");
  Reply closed = Get(port_, "/api/v1/admin-units/27?as_of=2025-07-01", "en");
  EXPECT_EQ(closed.status, 404u);
  EXPECT_EQ(closed.Json().at("error").at("message"), "There is no administrative unit with code 27 on 2025-07-01.");
}

TEST_F(ServerTest, CommunesOfAProvince) {
  Start();
  Reply r = Get(port_, "/api/v1/admin-units?parent=01&as_of=2025-07-01");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto items = r.Json().at("items").as_array();
  EXPECT_GT(items.size(), 100u);
  EXPECT_EQ(r.Json().at("parent").at("name"), "Hà Nội");
  for (const auto& item : items) EXPECT_EQ(item.at("parent_code"), "01");
  Reply all = Get(port_, "/api/v1/admin-units?level=commune&as_of=2025-07-01");
  EXPECT_EQ(all.Json().at("total"), 3321);
  Reply commune = Get(port_, "/api/v1/admin-units/00004?as_of=2025-07-01");
  ASSERT_EQ(commune.status, 200u);
  EXPECT_EQ(commune.Json().at("full_name"), "Phường Ba Đình");
}

TEST_F(ServerTest, BadInputGetsTheErrorShapeInTheRequestLanguage) {
  Start();
  Reply vi = Get(port_, "/api/v1/admin-units?as_of=2021-02-29");
  ASSERT_EQ(vi.status, 400u);
  auto error = vi.Json().at("error").as_object();
  EXPECT_EQ(error.at("code"), "invalid_argument");
  ASSERT_EQ(error.at("fields").as_array().size(), 1u);
  EXPECT_EQ(error.at("fields").as_array()[0].at("field"), "as_of");
  EXPECT_EQ(error.at("fields").as_array()[0].at("code"), "invalid_date");
  EXPECT_NE(std::string(error.at("message").as_string()).find("Ngày không hợp lệ"), std::string::npos);

  Reply en = Get(port_, "/api/v1/admin-units?level=district", "en-US,en;q=0.9");
  ASSERT_EQ(en.status, 400u);
  EXPECT_EQ(en.Json().at("error").at("fields").as_array()[0].at("message"),
            "Invalid value \"district\". Allowed values: province, commune.");

  Reply unknown_param = Get(port_, "/api/v1/admin-units?province=01");
  EXPECT_EQ(unknown_param.status, 400u);
  EXPECT_EQ(unknown_param.Json().at("error").at("fields").as_array()[0].at("code"), "unknown_parameter");

  Reply missing = Get(port_, "/api/v1/nothing-here", "en");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(ErrorCode(missing), "not_found");
  EXPECT_EQ(missing.Json().at("error").at("message"), "There is no resource at /api/v1/nothing-here.");

  bhttp::request<bhttp::string_body> del{bhttp::verb::delete_, "/healthz", 11};
  Reply wrong_method = Send(port_, std::move(del));
  EXPECT_EQ(wrong_method.status, 405u);
  EXPECT_EQ(wrong_method.headers["Allow"], "GET");
  EXPECT_EQ(ErrorCode(wrong_method), "method_not_allowed");

  Reply bad_escape = Get(port_, "/api/v1/admin-units?as_of=%zz");
  EXPECT_EQ(bad_escape.status, 400u);
}

TEST_F(ServerTest, MalformedJsonIs400AndLimitsAreEnforced) {
  http::ServerOptions options;
  options.body_limit = 1024;
  options.header_limit = 2048;
  Start(
      [](http::Router& router) {
        router.Add({"POST", "/test/echo", "test.echo", http::Access::kPublic, http::Execution::kWorker,
                    [](http::Request& request) -> Result<http::Response> {
                      HOPTAC_ASSIGN_OR_RETURN(auto object, http::ParseJsonObject(request));
                      return http::Response::Json(object, 201);
                    }});
      },
      options);
  auto post = [&](std::string body) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/test/echo", 11};
    req.set(bhttp::field::content_type, "application/json");
    req.set(bhttp::field::accept_language, "en");
    req.body() = std::move(body);
    return Send(port_, std::move(req));
  };
  EXPECT_EQ(post(R"({"name":"HTX Đồng Tháp"})").status, 201u);
  Reply malformed = post(R"({"name": "unterminated)");
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_EQ(ErrorCode(malformed), "invalid_argument");
  EXPECT_NE(std::string(malformed.Json().at("error").at("message").as_string()).find("Malformed JSON"),
            std::string::npos);
  EXPECT_EQ(post("[1,2]").status, 400u);
  EXPECT_EQ(post("").status, 400u);
  Reply big = post("{\"x\":\"" + std::string(4096, 'a') + "\"}");
  EXPECT_EQ(big.status, 413u);
  EXPECT_EQ(ErrorCode(big), "payload_too_large");

  // A client that sends the header, then the body after the server has already answered 413
  // (curl and browsers do this): the server must read and drop the body before closing, or the
  // kernel resets the connection and the client loses the answer.
  {
    namespace net = boost::asio;
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    const size_t length = size_t{3} << 20;
    std::string head =
        "POST /test/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Accept-Language: en\r\nContent-Length: " +
        std::to_string(length) + "\r\n\r\n";
    net::write(socket, net::buffer(head));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the 413 is written by now
    boost::system::error_code ec;
    net::write(socket, net::buffer(std::string(length, 'a')), ec);
    EXPECT_FALSE(ec) << "writing the body after the answer: " << ec.message();
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response, ec);
    ASSERT_FALSE(ec) << "reading the answer: " << ec.message();
    EXPECT_EQ(response.result_int(), 413u);
    EXPECT_NE(response.body().find("payload_too_large"), std::string::npos) << response.body();
  }

  bhttp::request<bhttp::string_body> huge_header{bhttp::verb::get, "/healthz", 11};
  huge_header.set("X-Padding", std::string(4096, 'b'));
  EXPECT_EQ(Send(port_, std::move(huge_header)).status, 431u);
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  Start();
  Get(port_, "/healthz");
  Get(port_, "/api/v1/admin-units");
  Get(port_, "/api/nope");  // outside /api every GET belongs to the web application
  Reply r = Get(port_, "/metrics");
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("hoptac_http_requests_total{route=\"healthz\",status=\"200\"} 1"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("hoptac_http_requests_total{route=\"admin_units.list\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("hoptac_http_requests_total{route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("hoptac_http_request_duration_seconds_bucket{route=\"healthz\",le=\"+Inf\"} 1"),
            std::string::npos);
}

TEST_F(ServerTest, ShutdownLetsInFlightRequestsFinish) {
  // The handler says when it has started, so the shutdown surely finds it in flight.
  auto entered = std::make_shared<std::promise<void>>();
  Start([entered](http::Router& router) {
    router.Add({"GET", "/test/slow", "test.slow", http::Access::kPublic, http::Execution::kWorker,
                [entered](http::Request&) -> Result<http::Response> {
                  entered->set_value();
                  std::this_thread::sleep_for(std::chrono::milliseconds(400));
                  return http::Response::Json(boost::json::object{{"done", true}});
                }});
  });
  // An idle keep-alive connection must not hold the shutdown back.
  net::io_context io;
  tcp::socket idle(io);
  idle.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  auto slow = std::async(std::launch::async, [this] { return Get(port_, "/test/slow"); });
  entered->get_future().wait();
  auto started = std::chrono::steady_clock::now();
  server_.Shutdown();
  Reply r = slow.get();
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.Json().at("done"), true);
  server_.Join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// Each I/O thread has its own io_context and connections are handed to them in turn:
// with 3 threads and 3 connections of each kind, every thread serves keep-alive and
// pipelined requests (inline and worker answers, in order), and a shutdown finishes the
// requests in flight on every thread and closes the idle connections on every thread.
TEST_F(ServerTest, KeepAlivePipeliningAndShutdownOnEveryIoThread) {
  constexpr int kThreads = 3;
  auto entered = std::make_shared<std::atomic<int>>(0);
  http::ServerOptions options;
  options.io_threads = kThreads;
  Start(
      [entered](http::Router& router) {
        router.Add({"GET", "/test/slow", "test.slow", http::Access::kPublic, http::Execution::kWorker,
                    [entered](http::Request&) -> Result<http::Response> {
                      entered->fetch_add(1);
                      std::this_thread::sleep_for(std::chrono::milliseconds(400));
                      return http::Response::Json(boost::json::object{{"done", true}});
                    }});
      },
      options);
  net::io_context io;
  auto connect = [&] {
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    return socket;
  };
  // Accepted in this order, so the idle ones land on every thread, and so do the slow ones.
  std::vector<tcp::socket> idle;
  for (int i = 0; i < kThreads; ++i) idle.push_back(connect());
  for (auto& socket : idle) {
    std::string two =
        "GET /api/v1/admin-units?level=province&as_of=2020-12-31 HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    net::write(socket, net::buffer(two));
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> first, second;
    bhttp::read(socket, buffer, first);
    bhttp::read(socket, buffer, second);
    EXPECT_EQ(first.result_int(), 200u);
    EXPECT_TRUE(first.keep_alive());
    EXPECT_EQ(boost::json::parse(first.body()).at("total"), 63);
    EXPECT_EQ(second.result_int(), 200u);
    EXPECT_EQ(boost::json::parse(second.body()).at("status"), "ok");
    EXPECT_TRUE(second.keep_alive());
  }
  std::vector<std::future<Reply>> slow;
  for (int i = 0; i < kThreads; ++i)
    slow.push_back(std::async(std::launch::async, [this] { return Get(port_, "/test/slow"); }));
  for (int i = 0; i < 500 && entered->load() < kThreads; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(entered->load(), kThreads);
  auto started = std::chrono::steady_clock::now();
  server_.Shutdown();
  for (auto& f : slow) {
    Reply r = f.get();
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.Json().at("done"), true);
    EXPECT_EQ(r.headers[bhttp::field::connection], "close");
  }
  for (auto& socket : idle) {
    char byte;
    boost::system::error_code ec;
    socket.read_some(net::buffer(&byte, 1), ec);
    EXPECT_EQ(ec, net::error::eof) << ec.message();
  }
  server_.Join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// The real binary: starts on a free port, answers, stops cleanly on SIGTERM.
TEST(Binary, ServeAnswersAndStopsOnSigterm) {
  std::string url = testing::TestDbUrl();
  auto started = std::chrono::steady_clock::now();
  testing::ServeProcess serve;
  ASSERT_TRUE(serve.Start(HOPTAC_BINARY, {"--db", url, "--no-access-log"}, "Binary-test-password-1"))
      << "hoptac serve printed no address";
  // The first start reports the admin account before the address.
  bool admin_line = false;
  for (const auto& line : serve.lines()) admin_line = admin_line || line.find("admin") != std::string::npos;
  EXPECT_TRUE(admin_line) << "the first start must report the admin account";
  EXPECT_NE(serve.lines().back().find("http://127.0.0.1:"), std::string::npos) << serve.lines().back();
  uint16_t port = serve.port();
  Reply health = Get(port, "/healthz");
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(health.status, 200u);
  std::printf("[binary] first answer %.0f ms after start (database %s)\n",
              std::chrono::duration<double, std::milli>(elapsed).count(), url.c_str());
  Reply provinces = Get(port, "/api/v1/admin-units?level=province&as_of=2020-12-31");
  EXPECT_EQ(provinces.Json().at("total"), 63);
  EXPECT_EQ(serve.Terminate(), 0);
}

}  // namespace
}  // namespace hoptac

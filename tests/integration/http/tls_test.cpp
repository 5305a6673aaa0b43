// HTTPS: `hoptac serve --tls-cert FILE --tls-key FILE` (the real binary) and the
// in-process server with TLS options, on the backend named by HOPTAC_TEST_BACKEND.
// The certificates are made at test time with the `openssl` command-line tool
// (self-signed, in a temporary folder removed at exit).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"
#include "geo/admin_unit.h"
#include "geo/admin_unit_store.h"
#include "http/api.h"
#include "http/server.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/test_db.h"

namespace hoptac {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr const char* kAdminPassword = "Tls-test-password-1";

// Self-signed certificates made once per process with the openssl tool.
struct Certificates {
  bool ok = false;
  std::filesystem::path dir;
  std::string cert, key;              // a matching pair, CN=127.0.0.1
  std::string other_cert, other_key;  // a second pair: other_key does not match cert
  std::string garbage;                // not PEM at all

  Certificates() {
    char pattern[] = "/tmp/hoptac-tls-XXXXXX";
    if (!mkdtemp(pattern)) return;
    dir = pattern;
    cert = (dir / "cert.pem").string();
    key = (dir / "key.pem").string();
    other_cert = (dir / "other-cert.pem").string();
    other_key = (dir / "other-key.pem").string();
    garbage = (dir / "garbage.pem").string();
    auto make = [](const std::string& cert_path, const std::string& key_path) {
      std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 2 -keyout '" +
                            key_path + "' -out '" + cert_path + "' >/dev/null 2>&1";
      return std::system(command.c_str()) == 0;
    };
    std::ofstream(garbage) << "this is not a certificate\n";
    ok = make(cert, key) && make(other_cert, other_key);
  }
  ~Certificates() {
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

const Certificates& TestCertificates() {
  static Certificates certificates;
  return certificates;
}

#define REQUIRE_CERTIFICATES()                    \
  const Certificates& certs = TestCertificates(); \
  ASSERT_TRUE(certs.ok) << "the openssl tool could not make a test certificate (install `openssl`)"

using testing::Reply;

// A client context that trusts only the test certificate.
std::unique_ptr<ssl::context> ClientContext(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  context->load_verify_file(ca_file);
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

Reply SendTls(uint16_t port, ssl::context& context, bhttp::request<bhttp::string_body> req) {
  net::io_context io;
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  Reply reply;
  beast::get_lowest_layer(stream).socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                                                   reply.error);
  if (!reply.error) stream.handshake(ssl::stream_base::client, reply.error);
  if (reply.error) return reply;
  reply = testing::Exchange(stream, std::move(req));
  if (reply.error) return reply;
  beast::error_code ignored;
  stream.shutdown(ignored);
  return reply;
}

Reply GetTls(uint16_t port, ssl::context& context, const std::string& target) {
  return SendTls(port, context, bhttp::request<bhttp::string_body>{bhttp::verb::get, target, 11});
}

// Plain HTTP to the port: a TLS-only port must not answer it.
Reply GetPlain(uint16_t port, const std::string& target) {
  return testing::Send(port, bhttp::request<bhttp::string_body>{bhttp::verb::get, target, 11});
}

// Runs `hoptac ARGS…` to its end (at most 30 s); returns the exit code and stderr.
struct Finished {
  int exit_code = -1;
  std::string stderr_text;
};

Finished RunToEnd(std::vector<std::string> args, const std::string& lang) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) return {};
  pid_t pid = fork();
  if (pid < 0) return {};
  if (pid == 0) {
    dup2(err_pipe[1], 2);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    close(err_pipe[0]);
    if (lang.empty()) {
      unsetenv("HOPTAC_LANG");
    } else {
      setenv("HOPTAC_LANG", lang.c_str(), 1);
    }
    setenv("HOPTAC_ADMIN_PASSWORD", kAdminPassword, 1);
    std::vector<char*> argv = {const_cast<char*>(HOPTAC_BINARY)};
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(HOPTAC_BINARY, argv.data());
    _exit(127);
  }
  close(err_pipe[1]);
  Finished finished;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  char chunk[1024];
  for (;;) {
    pollfd fd{err_pipe[0], POLLIN, 0};
    if (poll(&fd, 1, 100) > 0) {
      ssize_t got = read(err_pipe[0], chunk, sizeof chunk);
      if (got <= 0) break;
      finished.stderr_text.append(chunk, static_cast<size_t>(got));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);  // it should have stopped at once; the exit code below is then not 0
      break;
    }
  }
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return finished;
}

// The real binary over HTTPS: answers with HSTS, refuses plain HTTP and old TLS,
// gives Secure session cookies and stops cleanly on SIGTERM.
TEST(TlsBinary, ServesHttpsOnlyAndStopsOnSigterm) {
  REQUIRE_CERTIFICATES();
  std::string url = testing::TestDbUrl();
  std::string log_file = (certs.dir / ("serve-" + std::to_string(getpid()) + ".log")).string();
  testing::ServeProcess serve;
  ASSERT_TRUE(serve.Start(HOPTAC_BINARY, {"--db", url, "--tls-cert", certs.cert, "--tls-key", certs.key},
                          kAdminPassword, log_file))
      << "hoptac serve printed no address";
  ASSERT_NE(serve.lines().back().find("https://127.0.0.1:"), std::string::npos)
      << "hoptac serve printed: " << serve.lines().back();
  uint16_t port = serve.port();

  auto client = ClientContext(certs.cert);  // verifies the server's certificate
  Reply health = GetTls(port, *client, "/healthz");
  ASSERT_EQ(health.status, 200u) << health.error.message();
  EXPECT_EQ(health.headers["Strict-Transport-Security"], "max-age=31536000");
  EXPECT_EQ(health.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(boost::json::parse(health.body).at("status"), "ok");

  // Only TLS on this port.
  Reply plain = GetPlain(port, "/healthz");
  EXPECT_NE(plain.status, 200u);
  EXPECT_EQ(plain.status, 0u) << "a plain HTTP request got an HTTP answer";
  // And the port still answers TLS afterwards.
  EXPECT_EQ(GetTls(port, *client, "/healthz").status, 200u);

  // TLS 1.1 is refused (the client itself is allowed to offer it).
  {
    ssl::context old(ssl::context::tls_client);
    old.set_verify_mode(ssl::verify_none);
    SSL_CTX_set_security_level(old.native_handle(), 0);
    SSL_CTX_set_min_proto_version(old.native_handle(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(old.native_handle(), TLS1_1_VERSION);
    Reply refused = GetTls(port, old, "/healthz");
    EXPECT_EQ(refused.status, 0u);
    EXPECT_TRUE(refused.error) << "a TLS 1.1 handshake succeeded";
  }
  // TLS 1.2 is enough.
  {
    ssl::context tls12(ssl::context::tls_client);
    tls12.set_verify_mode(ssl::verify_none);
    SSL_CTX_set_max_proto_version(tls12.native_handle(), TLS1_2_VERSION);
    EXPECT_EQ(GetTls(port, tls12, "/healthz").status, 200u);
  }

  // Signing in over TLS gives a Secure session cookie.
  bhttp::request<bhttp::string_body> login{bhttp::verb::post, "/api/v1/session", 11};
  login.set(bhttp::field::content_type, "application/json");
  login.body() = boost::json::serialize(boost::json::object{{"username", "admin"}, {"password", kAdminPassword}});
  Reply session = SendTls(port, *client, std::move(login));
  ASSERT_EQ(session.status, 200u) << session.body;
  std::string cookie(session.headers["Set-Cookie"]);
  EXPECT_NE(cookie.find("hoptac_session="), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_EQ(session.headers["Strict-Transport-Security"], "max-age=31536000");

  EXPECT_EQ(serve.Terminate(), 0);
}

// Bad TLS options stop `hoptac serve` at once with a message naming the file,
// in Vietnamese by default and in English with HOPTAC_LANG=en.
TEST(TlsBinary, BadCertificateOrKeyStopsTheStart) {
  REQUIRE_CERTIFICATES();
  std::string missing_key = (certs.dir / "missing-key.pem").string();
  std::string db_path = (certs.dir / ("never-" + std::to_string(getpid()) + ".db")).string();
  std::string db = "sqlite:" + db_path;
  struct Case {
    std::string name;
    std::vector<std::string> args;
    std::string lang;
    int exit_code;  // 2: usage error; 1: failed to start
    std::vector<std::string> expected;
  };
  std::vector<Case> cases = {
      {"missing key, vi",
       {"--tls-cert", certs.cert, "--tls-key", missing_key},
       "",
       1,
       {"Không đọc được tệp", missing_key}},
      {"missing key, en",
       {"--tls-cert", certs.cert, "--tls-key", missing_key},
       "en",
       1,
       {"Cannot read the file", missing_key, "No such file"}},
      {"certificate only, vi", {"--tls-cert", certs.cert}, "", 2, {"--tls-cert", "--tls-key", "cùng nhau"}},
      {"certificate only, en", {"--tls-cert", certs.cert}, "en", 2, {"Option --tls-cert needs --tls-key"}},
      {"key only, en", {"--tls-key", certs.key}, "en", 2, {"Option --tls-key needs --tls-cert"}},
      {"garbage certificate, en",
       {"--tls-cert", certs.garbage, "--tls-key", certs.key},
       "en",
       1,
       {"does not hold a valid PEM TLS certificate", certs.garbage}},
      {"certificate given as the key, vi",
       {"--tls-cert", certs.cert, "--tls-key", certs.cert},
       "",
       1,
       {"khoá riêng", certs.cert}},
      {"key of another certificate, en",
       {"--tls-cert", certs.cert, "--tls-key", certs.other_key},
       "en",
       1,
       {"does not match the certificate", certs.other_key, certs.cert}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> args = {"serve", "--db", db, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Finished finished = RunToEnd(args, c.lang);
    EXPECT_EQ(finished.exit_code, c.exit_code) << finished.stderr_text;
    for (const auto& text : c.expected)
      EXPECT_NE(finished.stderr_text.find(text), std::string::npos) << finished.stderr_text;
    EXPECT_EQ(finished.stderr_text.find("\"level\""), std::string::npos) << "stopped after start-up work began";
  }
  // Checked before the database is touched.
  EXPECT_FALSE(std::filesystem::exists(db_path));
}

// Server::CheckTls (and Server::Create) report each bad file with its own key.
TEST(TlsServer, CheckTlsNamesTheBadFile) {
  REQUIRE_CERTIFICATES();
  std::string missing = (certs.dir / "nothing.pem").string();
  struct Case {
    std::string cert, key;
    std::string error_key;  // empty: Ok
    std::vector<std::string> args;
  };
  std::vector<Case> cases = {
      {"", "", "", {}},
      {certs.cert, certs.key, "", {}},
      {certs.cert, "", "cli.tls_needs_both", {"--tls-cert", "--tls-key"}},
      {"", certs.key, "cli.tls_needs_both", {"--tls-key", "--tls-cert"}},
      {missing, certs.key, "cli.tls_file_unreadable", {missing}},
      {certs.cert, missing, "cli.tls_file_unreadable", {missing}},
      {certs.cert, certs.dir.string(), "cli.tls_file_unreadable", {certs.dir.string()}},
      {certs.garbage, certs.key, "cli.tls_certificate_invalid", {certs.garbage}},
      {certs.key, certs.key, "cli.tls_certificate_invalid", {certs.key}},
      {certs.cert, certs.garbage, "cli.tls_private_key_invalid", {certs.garbage}},
      {certs.cert, certs.other_cert, "cli.tls_private_key_invalid", {certs.other_cert}},
      {certs.cert, certs.other_key, "cli.tls_key_mismatch", {certs.other_key, certs.cert}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("cert=" + c.cert + " key=" + c.key);
    http::ServerOptions options;
    options.tls_certificate_file = c.cert;
    options.tls_private_key_file = c.key;
    Status status = http::Server::CheckTls(options);
    if (c.error_key.empty()) {
      EXPECT_TRUE(status.ok()) << status.error().key;
      continue;
    }
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().key, c.error_key);
    ASSERT_GE(status.error().args.size(), c.args.size());
    for (size_t i = 0; i < c.args.size(); ++i) EXPECT_EQ(status.error().args[i], c.args[i]);
    // Create() refuses the same options before binding.
    options.port = 0;
    options.handle_signals = false;
    auto server = http::Server::Create(options, std::make_shared<http::Router>(), std::make_shared<http::Metrics>());
    ASSERT_FALSE(server.ok());
    EXPECT_EQ(server.error().key, c.error_key);
  }
}

// The in-process server with TLS keeps the plain server's behaviour: limits,
// error answers, metrics and a graceful shutdown that idle TLS connections do
// not hold back.
class TlsServerTest : public ::testing::Test {
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

  void Start(http::ServerOptions options) {
    const Certificates& certs = TestCertificates();
    ASSERT_TRUE(certs.ok);
    router_->Add({"GET", "/test/slow", "test.slow", http::Access::kPublic, http::Execution::kWorker,
                  [](http::Request& request) -> Result<http::Response> {
                    std::this_thread::sleep_for(400ms);
                    return http::Response::Json(boost::json::object{{"done", true}, {"tls", request.tls}});
                  }});
    std::vector<std::string> names;
    for (const auto& r : router_->routes()) names.push_back(r.name);
    services_.metrics->SetRoutes(names);
    options.tls_certificate_file = certs.cert;
    options.tls_private_key_file = certs.key;
    ASSERT_TRUE(server_.Start(options, router_, services_.metrics));
    port_ = server_.port();
    client_ = ClientContext(certs.cert);
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
  std::unique_ptr<ssl::context> client_;
};

TEST_F(TlsServerTest, LimitsErrorsAndMetricsOverTls) {
  http::ServerOptions options;
  options.body_limit = 1024;
  options.header_limit = 2048;
  Start(options);
  Reply ok = GetTls(port_, *client_, "/api/v1/admin-units?level=province&as_of=2020-12-31");
  ASSERT_EQ(ok.status, 200u) << ok.error.message();
  EXPECT_EQ(boost::json::parse(ok.body).at("total"), 63);

  bhttp::request<bhttp::string_body> big{bhttp::verb::post, "/api/v1/session", 11};
  big.set(bhttp::field::content_type, "application/json");
  big.body() = std::string(4096, 'a');
  Reply too_large = SendTls(port_, *client_, std::move(big));
  EXPECT_EQ(too_large.status, 413u);
  EXPECT_EQ(too_large.headers["Strict-Transport-Security"], "max-age=31536000");

  bhttp::request<bhttp::string_body> huge_header{bhttp::verb::get, "/healthz", 11};
  huge_header.set("X-Padding", std::string(4096, 'b'));
  EXPECT_EQ(SendTls(port_, *client_, std::move(huge_header)).status, 431u);

  bhttp::request<bhttp::string_body> del{bhttp::verb::delete_, "/healthz", 11};
  Reply wrong_method = SendTls(port_, *client_, std::move(del));
  EXPECT_EQ(wrong_method.status, 405u);
  EXPECT_EQ(wrong_method.headers["Allow"], "GET");
  EXPECT_EQ(GetTls(port_, *client_, "/api/nope").status, 404u);  // outside /api: the web application

  Reply slow = GetTls(port_, *client_, "/test/slow");
  ASSERT_EQ(slow.status, 200u);
  EXPECT_EQ(boost::json::parse(slow.body).at("tls"), true) << "Request::tls must be set";

  Reply metrics = GetTls(port_, *client_, "/metrics");
  ASSERT_EQ(metrics.status, 200u);
  EXPECT_NE(metrics.body.find("hoptac_http_requests_total{route=\"admin_units.list\",status=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("hoptac_http_requests_total{route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
}

TEST_F(TlsServerTest, ShutdownLetsInFlightRequestsFinishAndClosesIdleConnections) {
  Start({});
  // Idle connections: one after the handshake (kept alive after a request), one
  // that never starts a handshake. Neither may hold the shutdown back.
  net::io_context io;
  beast::ssl_stream<beast::tcp_stream> idle(io, *client_);
  beast::get_lowest_layer(idle).socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  idle.handshake(ssl::stream_base::client);
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/healthz", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(idle, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(idle, buffer, res);
  ASSERT_EQ(res.result_int(), 200u);
  ASSERT_TRUE(res.keep_alive());
  tcp::socket silent(io);
  silent.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));

  auto slow = std::async(std::launch::async, [this] { return GetTls(port_, *client_, "/test/slow"); });
  std::this_thread::sleep_for(100ms);
  auto started = std::chrono::steady_clock::now();
  server_.Shutdown();
  // The idle keep-alive connection is closed with a TLS close_notify.
  beast::error_code ec;
  bhttp::response<bhttp::string_body> none;
  bhttp::read(idle, buffer, none, ec);
  EXPECT_EQ(ec, bhttp::error::end_of_stream) << ec.message();
  idle.shutdown(ec);  // our close_notify: the server need not wait for it
  Reply r = slow.get();
  EXPECT_EQ(r.status, 200u) << r.error.message();
  server_.Join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

}  // namespace
}  // namespace hoptac

#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "base/log.h"
#include "http/error.h"

namespace hoptac::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

class Session;

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::shared_ptr<Metrics> metrics;
  net::io_context io;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  tcp::acceptor acceptor{io};
  net::signal_set signals{io};
  std::unique_ptr<net::thread_pool> workers;
  std::atomic<bool> stopping{false};
  std::atomic<int> active_sessions{0};
  std::mutex sessions_mutex;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  std::unique_ptr<net::steady_timer> drain_timer;
  std::chrono::steady_clock::time_point drain_deadline;

  void Accept();
  void BeginShutdown();
  void CheckDrained();
};

namespace {

const char* kCsp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    server_.active_sessions.fetch_add(1);
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { server_.active_sessions.fetch_sub(1); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called on shutdown: an idle connection (waiting for a request) is closed now;
  // a busy one finishes its response and then closes.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.cancel();
      }
    });
  }

 private:
  void Read() {
    if (server_.stopping.load()) return Close();
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    idle_ = true;
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return Close();
    }
    if (ec) {
      if (&ec.category() != &bhttp::make_error_code(bhttp::error::body_limit).category()) return Close();
      // A malformed or oversized request: answer once, then close.
      i18n::Lang lang = i18n::Lang::kVi;
      Error error;
      if (ec == bhttp::error::body_limit) {
        error = Error::Make(ErrorCode::kPayloadTooLarge, "error.payload_too_large",
                            {std::to_string(server_.options.body_limit)});
      } else if (ec == bhttp::error::header_limit) {
        error = Error::Make(ErrorCode::kInvalidArgument, "error.header_too_large");
      } else {
        error = Error::Make(ErrorCode::kInvalidArgument, "error.bad_http");
      }
      if (parser_->is_header_done()) {
        lang = i18n::FromAcceptLanguage(std::string_view(parser_->get()[bhttp::field::accept_language]));
        method_ = std::string(parser_->get().method_string());
        path_ = std::string(parser_->get().target());
      }
      Response response = ErrorResponse(error, lang);
      if (ec == bhttp::error::header_limit) response.status = 431;
      keep_alive_ = false;
      head_ = false;
      route_slot_ = server_.metrics->unmatched_slot();
      route_name_ = "unmatched";
      return Write(std::move(response));
    }
    Process(parser_->release());
  }

  void Process(bhttp::request<bhttp::string_body> raw) {
    auto req = std::make_shared<Request>();
    req->method = std::string(raw.method_string());
    req->target = std::string(raw.target());
    req->remote_address = remote_;
    req->lang = i18n::FromAcceptLanguage(std::string_view(raw[bhttp::field::accept_language]));
    keep_alive_ = raw.keep_alive();
    head_ = raw.method() == bhttp::verb::head;
    method_ = req->method;
    route_slot_ = server_.metrics->unmatched_slot();
    route_name_ = "unmatched";

    auto parsed = boost::urls::parse_origin_form(req->target);
    if (!parsed) {
      path_ = req->target;
      return Write(ErrorResponse(Error::Make(ErrorCode::kInvalidArgument, "error.bad_target"), req->lang));
    }
    boost::urls::url_view url = *parsed;
    req->path = url.path();
    path_ = req->path;
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto param : url.params(opts)) req->query.emplace_back(param.key, param.has_value ? param.value : "");
    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req->body = std::move(raw.body());

    RouteMatch match = server_.router->Match(req->method, req->path);
    if (!match.route) {
      if (!match.allowed_methods.empty()) {
        Response response = ErrorResponse(Error::Make(ErrorCode::kMethodNotAllowed, "error.method_not_allowed",
                                                      {req->method, req->path, match.allowed_methods}),
                                          req->lang);
        response.headers.emplace_back("Allow", match.allowed_methods);
        return Write(std::move(response));
      }
      return Write(ErrorResponse(Error::Make(ErrorCode::kNotFound, "error.route_not_found", {req->path}), req->lang));
    }
    route_slot_ = match.index;
    route_name_ = match.route->name;
    req->path_params = std::move(match.params);
    const Route* route = match.route;
    if (route->execution == Execution::kInline) return Write(Invoke(*route, *req));
    net::post(*server_.workers, [self = shared_from_this(), route, req] {
      Status allowed = self->server_.router->Check(*route, *req);
      Response response = allowed.ok() ? Invoke(*route, *req) : ErrorResponse(allowed.error(), req->lang);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->Write(std::move(response)); });
    });
  }

  static Response Invoke(const Route& route, Request& req) {
    try {
      Result<Response> result = route.handler(req);
      if (result.ok()) return std::move(result).value();
      return ErrorResponse(result.error(), req.lang);
    } catch (const std::exception& e) {
      return ErrorResponse(Error::Internal(std::string("exception in ") + route.name + ": " + e.what()), req.lang);
    }
  }

  void Write(Response response) {
    if (server_.stopping.load()) keep_alive_ = false;
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(response.status);
    res->set(bhttp::field::server, "hoptac");
    res->set(bhttp::field::content_type, response.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    res->set("Referrer-Policy", "no-referrer");
    res->set("X-Frame-Options", "DENY");
    res->set("Content-Security-Policy", kCsp);
    for (auto& [name, value] : response.headers) res->set(name, value);
    status_ = response.status;
    bytes_ = response.body.size();
    if (head_) {
      res->content_length(response.body.size());
    } else {
      res->body() = std::move(response.body);
      res->prepare_payload();
    }
    res->keep_alive(keep_alive_);
    stream_.expires_after(server_.options.write_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  void OnWrite(beast::error_code ec) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    server_.metrics->Record(route_slot_, status_, seconds);
    if (server_.options.access_log) {
      log::Info("request", {{"method", std::string_view(method_)},
                            {"path", std::string_view(path_)},
                            {"route", std::string_view(route_name_)},
                            {"status", static_cast<long long>(status_)},
                            {"ms", seconds * 1000},
                            {"bytes", static_cast<long long>(bytes_)},
                            {"remote", std::string_view(remote_)}});
    }
    if (ec || !keep_alive_) return Close();
    Read();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_;
  bool idle_ = true;
  bool keep_alive_ = true;
  bool head_ = false;
  std::chrono::steady_clock::time_point started_;
  size_t route_slot_ = 0;
  std::string route_name_;
  std::string method_, path_;
  unsigned status_ = 0;
  size_t bytes_ = 0;
};

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping.load() || ec == net::error::operation_aborted) return;
      log::Warn("accept failed", {{"error", ec.message()}});
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      auto session = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(sessions_mutex);
        for (auto it = sessions.begin(); it != sessions.end();) it = it->expired() ? sessions.erase(it) : std::next(it);
        sessions.insert(session);
      }
      session->Start();
    }
    Accept();
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  log::Info("shutting down", {{"active_connections", static_cast<long long>(active_sessions.load())}});
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& weak : sessions)
      if (auto session = weak.lock()) session->CloseIfIdle();
  }
  drain_deadline = std::chrono::steady_clock::now() + options.shutdown_timeout;
  drain_timer = std::make_unique<net::steady_timer>(io);
  CheckDrained();
}

void Server::Impl::CheckDrained() {
  if (active_sessions.load() == 0 || std::chrono::steady_clock::now() >= drain_deadline) {
    if (active_sessions.load() > 0)
      log::Warn("shutdown timeout: closing busy connections",
                {{"active", static_cast<long long>(active_sessions.load())}});
    work.reset();
    io.stop();
    return;
  }
  drain_timer->expires_after(std::chrono::milliseconds(10));
  drain_timer->async_wait([this](beast::error_code) { CheckDrained(); });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  if (impl_->workers) impl_->workers->join();
}

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options, std::shared_ptr<const Router> router,
                                               std::shared_ptr<Metrics> metrics) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->router = std::move(router);
  impl->metrics = std::move(metrics);
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {options.host});
  tcp::endpoint endpoint(address, options.port);
  std::string where = options.host + ":" + std::to_string(options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Error::Make(ErrorCode::kUnavailable, "cli.listen_failed", {where, ec.message()});
  impl->workers = std::make_unique<net::thread_pool>(static_cast<size_t>(std::max(1, options.worker_threads)));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Server::Run() {
  Impl& s = *impl_;
  s.work.emplace(s.io.get_executor());
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.BeginShutdown();
    });
  }
  s.Accept();
  std::vector<std::thread> threads;
  int count = std::max(1, s.options.io_threads);
  for (int i = 1; i < count; ++i) threads.emplace_back([&s] { s.io.run(); });
  s.io.run();
  for (auto& t : threads) t.join();
  s.workers->join();
}

void Server::Shutdown() {
  net::post(impl_->io, [this] { impl_->BeginShutdown(); });
}

}  // namespace hoptac::http

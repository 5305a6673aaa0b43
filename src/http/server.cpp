#include "http/server.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <type_traits>
#include <vector>

#include "base/log.h"
#include "http/error.h"
#include "text/utf8.h"

namespace hoptac::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

// What the server needs of a connection, whatever its stream (plain or TLS).
class Connection {
 public:
  virtual ~Connection() = default;
  // Called on shutdown: an idle connection (waiting for a request) is closed now;
  // a busy one finishes its response and then closes.
  virtual void CloseIfIdle() = 0;
};

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  size_t max_body_limit = 0;  // the largest body any route accepts
  std::shared_ptr<Metrics> metrics;
  // One io_context per I/O thread, each run by its thread alone: a connection lives on
  // one of them from accept to close, so its handlers never need a strand and never
  // wake another thread. `io` (the first) also runs the acceptor, the signals and the
  // shutdown; accepted sockets go to the contexts in turn.
  net::io_context io{1};
  std::vector<std::unique_ptr<net::io_context>> more_io;  // the other I/O threads'
  size_t next_io = 0;                                     // accept handler only
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
  tcp::acceptor acceptor{io};
  std::unique_ptr<ssl::context> tls;  // null: plain HTTP
  net::signal_set signals{io};
  std::unique_ptr<net::thread_pool> workers;
  std::unique_ptr<net::thread_pool> heavy_workers;  // Execution::kHeavy (password hashing)
  std::atomic<bool> stopping{false};
  std::atomic<int> active_sessions{0};
  std::mutex sessions_mutex;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> sessions;
  std::unique_ptr<net::steady_timer> drain_timer;
  std::chrono::steady_clock::time_point drain_deadline;

  void Accept();
  net::io_context& NextIo();
  template <class Stream, class... StreamArgs>
  void StartSession(tcp::socket socket, StreamArgs&&... stream_args);
  void BeginShutdown();
  void CheckDrained();
};

namespace {

const char* kCsp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

// How long a closing TLS connection waits for the client's close_notify: a
// courtesy, so it is short and never holds a graceful shutdown back for long.
constexpr std::chrono::milliseconds kTlsShutdownTimeout{2000};

// After answering a request whose body was not read (413, a malformed request),
// closing at once would make the kernel reset the connection, and a reset can
// discard our answer before the client reads it. So, like nginx's lingering
// close, stop sending and read (and discard) what the client still sends, for
// at most this long and this much, then close.
constexpr std::chrono::milliseconds kLingerTimeout{2000};
constexpr size_t kLingerMaxBytes = size_t{8} << 20;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// How a connection ends: kGraceful says goodbye on the stream (a TLS
// close_notify) when the stream is still healthy; kAbort just closes the socket
// (after a timeout, a reset or a TLS error).
enum class Closing { kGraceful, kAbort };

}  // namespace

// One connection: reads requests, routes them and writes the responses, one at a
// time. The same code serves plain HTTP (PlainStream) and HTTPS (TlsStream); the
// few differences (handshake, close, Request::tls, HSTS) are `if constexpr (kTls)`.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
  static_assert(kTls || std::is_same_v<Stream, PlainStream>);

  template <class... StreamArgs>
  Session(Server::Impl& server, tcp::socket socket, StreamArgs&&... stream_args)
      : stream_(std::move(socket), std::forward<StreamArgs>(stream_args)...), server_(server) {
    server_.active_sessions.fetch_add(1);
    beast::error_code ec;
    auto endpoint = Socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() override { server_.active_sessions.fetch_sub(1); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Handshake();
      } else {
        self->Read();
      }
    });
  }

  void CloseIfIdle() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (!self->idle_) return;
      if constexpr (kTls) {
        // Cancelling the read ends it with operation_aborted; Close() then sends
        // close_notify, so the socket itself stays open for that.
        self->Lowest().cancel();
      } else {
        beast::error_code ec;
        self->Socket().shutdown(tcp::socket::shutdown_both, ec);
        self->Lowest().cancel();
      }
    });
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }
  tcp::socket& Socket() { return Lowest().socket(); }

  // TLS only: the handshake, within the read timeout (a client that connects and
  // says nothing is dropped like an idle keep-alive connection).
  void Handshake() {
    if (server_.stopping.load()) return Close(Closing::kAbort);
    idle_ = true;
    Lowest().expires_after(server_.options.read_timeout);
    stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) {  // e.g. plain HTTP sent to the TLS port, or an old TLS version
        log::Write(log::Level::kDebug, "tls handshake failed",
                   {{"remote", std::string_view(self->remote_)}, {"error", ec.message()}});
        return self->Close(Closing::kAbort);
      }
      self->handshake_done_ = true;
      self->Read();
    });
  }

  void Read() {
    if (server_.stopping.load()) return Close(Closing::kGraceful);
    parser_.emplace();
    // The largest limit of any route until the header says which route this is.
    parser_->body_limit(server_.max_body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    body_limit_ = server_.options.body_limit;
    idle_ = true;
    Lowest().expires_after(server_.options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // The header is in: apply the body limit (and time) of the route, then read the body.
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    idle_ = false;  // a request is arriving: shutdown lets it finish
    std::string_view target(parser_->get().target().data(), parser_->get().target().size());
    std::string_view method(parser_->get().method_string().data(), parser_->get().method_string().size());
    RouteMatch match = server_.router->Match(method, target.substr(0, target.find('?')));
    if (match.route != nullptr && match.route->body_limit > body_limit_) {
      body_limit_ = match.route->body_limit;
      if (match.route->body_timeout.count() > 0) Lowest().expires_after(match.route->body_timeout);
    }
    if (auto length = parser_->content_length(); length && *length > body_limit_) {
      return OnRead(bhttp::error::body_limit);
    }
    parser_->body_limit(body_limit_);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted || ec == net::error::eof) {
      return Close(Closing::kGraceful);
    }
    if (ec == beast::error::timeout || ec == net::error::connection_reset) return Close(Closing::kAbort);
    if (ec) {
      // Not an HTTP parse error: a transport or TLS failure (e.g. ssl::error::stream_truncated).
      if (&ec.category() != &bhttp::make_error_code(bhttp::error::body_limit).category()) return Close(Closing::kAbort);
      // A malformed or oversized request: answer once, then close.
      i18n::Lang lang = i18n::Lang::kVi;
      Error error;
      if (ec == bhttp::error::body_limit) {
        error = Error::Make(ErrorCode::kPayloadTooLarge, "error.payload_too_large", {std::to_string(body_limit_)});
      } else if (ec == bhttp::error::header_limit) {
        error = Error::Make(ErrorCode::kInvalidArgument, "error.header_too_large");
      } else {
        error = Error::Make(ErrorCode::kInvalidArgument, "error.bad_http");
      }
      if (parser_->is_header_done()) {
        lang = i18n::FromAcceptLanguage(std::string_view(parser_->get()[bhttp::field::accept_language]));
        method_ = std::string(parser_->get().method_string());
        path_ = text::ValidUtf8(std::string_view(parser_->get().target().data(), parser_->get().target().size()));
      }
      Response response = ErrorResponse(error, lang);
      if (ec == bhttp::error::header_limit) response.status = 431;
      keep_alive_ = false;
      unread_body_ = true;
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
    req->tls = kTls;
    req->lang = i18n::FromAcceptLanguage(std::string_view(raw[bhttp::field::accept_language]));
    lang_ = req->lang;
    keep_alive_ = raw.keep_alive();
    head_ = raw.method() == bhttp::verb::head;
    method_ = req->method;
    route_slot_ = server_.metrics->unmatched_slot();
    route_name_ = "unmatched";

    if (Status decoded = DecodeTarget(*req); !decoded.ok()) {
      path_ = text::ValidUtf8(req->target);
      return Write(ErrorResponse(decoded.error(), req->lang));
    }
    path_ = text::ValidUtf8(req->path);  // the access log is JSON lines
    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req->body = std::move(raw.body());
    // The request's text is UTF-8 before anything reads it, so no answer echoes broken bytes.
    if (Status text = CheckRequestText(*req); !text.ok()) return Write(ErrorResponse(text.error(), req->lang));

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
    net::thread_pool& pool = route->execution == Execution::kHeavy ? *server_.heavy_workers : *server_.workers;
    net::post(pool, [self = this->shared_from_this(), route, req] {
      Status allowed = self->server_.router->Check(*route, *req);
      Response response = allowed.ok() ? Invoke(*route, *req) : ErrorResponse(allowed.error(), req->lang);
      // An answer to an authenticated caller is theirs alone: no cache (a browser's, a shared
      // proxy's) keeps it. Anonymous answers keep whatever their handler said.
      if (req->principal.authenticated()) NoStore(response);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->Write(std::move(response)); });
    });
  }

  static void NoStore(Response& response) {
    std::erase_if(response.headers, [](const auto& header) { return beast::iequals(header.first, "Cache-Control"); });
    response.headers.emplace_back("Cache-Control", "no-store");
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

  template <class Body>
  void SetHeaders(bhttp::response<Body>& res, Response& response) {
    if (server_.stopping.load()) keep_alive_ = false;
    res.version(11);
    res.result(response.status);
    res.set(bhttp::field::server, "hoptac");
    res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    res.set("Content-Security-Policy", kCsp);
    if constexpr (kTls) res.set(bhttp::field::strict_transport_security, "max-age=31536000");
    for (auto& [name, value] : response.headers) res.set(name, value);
    res.keep_alive(keep_alive_);
    status_ = response.status;
    // Recorded before the write so the counters already include a request when its
    // client has the answer (a client reading /metrics right after sees it).
    server_.metrics->Record(route_slot_, status_,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  }

  // The message is built with Beast (field replacement, Content-Length, Connection) but
  // written as two plain buffers, the header as Beast would serialise it and the body:
  // Beast's generic serializer costs more than the rest of an answer from memory.
  void Write(Response response) {
    if (!response.file_path.empty()) return WriteFile(std::move(response));
    bhttp::response<bhttp::string_body> res;
    bytes_ = response.body.size();
    if (head_) {
      res.content_length(response.body.size());
    } else {
      res.body() = std::move(response.body);
      res.prepare_payload();
    }
    SetHeaders(res, response);
    SerializeHeader(res.base(), out_header_);
    out_body_ = std::move(res.body());
    Lowest().expires_after(server_.options.write_timeout);
    std::array<net::const_buffer, 2> buffers{net::buffer(out_header_), net::buffer(out_body_)};
    net::async_write(stream_, buffers,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
  }

  // The bytes Beast's serializer writes for a response header: the status line, every
  // field in order, the empty line.
  static void SerializeHeader(const bhttp::response_header<>& header, std::string& out) {
    out.clear();
    char status_line[32];
    int n = std::snprintf(status_line, sizeof status_line, "HTTP/%u.%u %03u ", header.version() / 10,
                          header.version() % 10, header.result_int());
    out.append(status_line, static_cast<size_t>(n));
    out.append(header.reason().data(), header.reason().size());
    out += "\r\n";
    for (const auto& field : header) {
      out.append(field.name_string().data(), field.name_string().size());
      out += ": ";
      out.append(field.value().data(), field.value().size());
      out += "\r\n";
    }
    out += "\r\n";
  }

  // A body streamed from a file (exports). The file is opened now and, when the
  // response owns it, unlinked at once: it lives on only as the open descriptor, so
  // it disappears however the exchange ends. The write timeout applies to each
  // chunk, not to the whole file, so a large download over a slow link completes.
  void WriteFile(Response response) {
    beast::error_code ec;
    bhttp::file_body::value_type file;
    file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
    if (response.remove_file) std::remove(response.file_path.c_str());
    if (ec) {
      Response error = ErrorResponse(Error::Internal("cannot open " + response.file_path + ": " + ec.message()), lang_);
      return Write(std::move(error));
    }
    bytes_ = static_cast<size_t>(file.size());
    if (head_) {
      auto res = std::make_shared<bhttp::response<bhttp::empty_body>>();
      res->content_length(file.size());
      SetHeaders(*res, response);
      Lowest().expires_after(server_.options.write_timeout);
      bhttp::async_write(stream_, *res,
                         [self = this->shared_from_this(), res](beast::error_code ec, size_t) { self->OnWrite(ec); });
      return;
    }
    auto res = std::make_shared<bhttp::response<bhttp::file_body>>();
    res->body() = std::move(file);
    res->prepare_payload();
    SetHeaders(*res, response);
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::file_body>>(*res);
    WriteSome(std::move(res), std::move(serializer));
  }

  void WriteSome(std::shared_ptr<bhttp::response<bhttp::file_body>> res,
                 std::shared_ptr<bhttp::response_serializer<bhttp::file_body>> serializer) {
    Lowest().expires_after(server_.options.write_timeout);
    auto& s = *serializer;
    bhttp::async_write_some(stream_, s,
                            [self = this->shared_from_this(), res = std::move(res), serializer = std::move(serializer)](
                                beast::error_code ec, size_t) mutable {
                              if (ec || serializer->is_done()) return self->OnWrite(ec);
                              self->WriteSome(std::move(res), std::move(serializer));
                            });
  }

  void OnWrite(beast::error_code ec) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (server_.options.access_log) {
      log::Info("request", {{"method", std::string_view(method_)},
                            {"path", std::string_view(path_)},
                            {"route", std::string_view(route_name_)},
                            {"status", static_cast<long long>(status_)},
                            {"ms", seconds * 1000},
                            {"bytes", static_cast<long long>(bytes_)},
                            {"remote", std::string_view(remote_)}});
    }
    if (ec) return Close(Closing::kAbort);
    if constexpr (!kTls) {
      if (unread_body_) return Linger();
    }
    if (!keep_alive_) return Close(Closing::kGraceful);
    Read();
  }

  // Plain HTTP only: see kLingerTimeout.
  void Linger() {
    beast::error_code ec;
    Socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return CloseSocket();
    idle_ = true;  // nothing more to answer: a shutdown may cut the lingering short
    Lowest().expires_after(kLingerTimeout);
    LingerRead();
  }

  void LingerRead() {
    linger_buffer_.resize(16384);
    Lowest().async_read_some(net::buffer(linger_buffer_),
                             [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                               self->lingered_ += n;
                               if (ec || self->lingered_ > kLingerMaxBytes) return self->CloseSocket();
                               self->LingerRead();
                             });
  }

  void Close(Closing closing) {
    if constexpr (kTls) {
      if (closing == Closing::kGraceful && handshake_done_ && !closed_ && Socket().is_open()) {
        // close_notify, then wait (briefly) for the client's; the socket closes either way.
        closed_ = true;
        idle_ = false;
        Lowest().expires_after(std::min<std::chrono::milliseconds>(server_.options.write_timeout, kTlsShutdownTimeout));
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->CloseSocket(); });
        return;
      }
    }
    CloseSocket();
  }

  void CloseSocket() {
    beast::error_code ec;
    Socket().shutdown(tcp::socket::shutdown_send, ec);
    Socket().close(ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  size_t body_limit_ = 0;     // of the request being read
  bool unread_body_ = false;  // answered before reading the whole request: linger before closing
  std::vector<char> linger_buffer_;
  size_t lingered_ = 0;
  std::string remote_;
  bool idle_ = true;
  bool handshake_done_ = false;  // TLS only
  bool closed_ = false;          // TLS only: close_notify sent
  bool keep_alive_ = true;
  bool head_ = false;
  i18n::Lang lang_ = i18n::Lang::kVi;
  std::chrono::steady_clock::time_point started_;
  size_t route_slot_ = 0;
  std::string route_name_;
  std::string method_, path_;
  unsigned status_ = 0;
  size_t bytes_ = 0;
  std::string out_header_, out_body_;  // the response being written (Write)
};

net::io_context& Server::Impl::NextIo() {
  size_t i = next_io++ % (more_io.size() + 1);
  return i == 0 ? io : *more_io[i - 1];
}

void Server::Impl::Accept() {
  net::any_io_executor home = NextIo().get_executor();  // where the connection will live
  acceptor.async_accept(home, [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping.load() || ec == net::error::operation_aborted) return;
      log::Warn("accept failed", {{"error", ec.message()}});
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      if (tls) {
        StartSession<TlsStream>(std::move(socket), *tls);
      } else {
        StartSession<PlainStream>(std::move(socket));
      }
    }
    Accept();
  });
}

template <class Stream, class... StreamArgs>
void Server::Impl::StartSession(tcp::socket socket, StreamArgs&&... stream_args) {
  auto session = std::make_shared<Session<Stream>>(*this, std::move(socket), std::forward<StreamArgs>(stream_args)...);
  {
    std::lock_guard lock(sessions_mutex);
    for (auto it = sessions.begin(); it != sessions.end();) it = it->expired() ? sessions.erase(it) : std::next(it);
    sessions.insert(session);
  }
  session->Start();
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
    work.clear();
    io.stop();
    for (auto& other : more_io) other->stop();
    return;
  }
  drain_timer->expires_after(std::chrono::milliseconds(10));
  drain_timer->async_wait([this](beast::error_code) { CheckDrained(); });
}

namespace {

// The text of a small file, or "cli.tls_file_unreadable" naming it.
Result<std::string> ReadSmallFile(const std::string& path) {
  constexpr size_t kMaxBytes = 1 << 20;  // a certificate chain or key is a few KiB
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return Error::Make(ErrorCode::kInvalidArgument, "cli.tls_file_unreadable", {path, std::strerror(errno)});
  std::string text;
  char chunk[4096];
  size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0 && text.size() <= kMaxBytes) text.append(chunk, got);
  int read_errno = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (read_errno != 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.tls_file_unreadable", {path, std::strerror(read_errno)});
  return text;
}

// The reason of the last OpenSSL error, for Error::detail.
std::string OpenSslReason() {
  unsigned long code = ERR_peek_last_error();
  const char* reason = code ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  return std::string("openssl: ") + (reason ? reason : "no detail");
}

Error TlsError(std::string key, std::vector<std::string> args, std::string detail) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, std::move(key), std::move(args));
  error.detail = std::move(detail);
  return error;
}

// The server's TLS context: TLS 1.2 or newer, no compression, no renegotiation,
// the certificate chain and the private key from PEM files. Null without TLS.
Result<std::unique_ptr<ssl::context>> MakeTlsContext(const ServerOptions& options) {
  const std::string& cert_path = options.tls_certificate_file;
  const std::string& key_path = options.tls_private_key_file;
  if (cert_path.empty() && key_path.empty()) return std::unique_ptr<ssl::context>();
  if (key_path.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.tls_needs_both", {"--tls-cert", "--tls-key"});
  if (cert_path.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.tls_needs_both", {"--tls-key", "--tls-cert"});

  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                       ssl::context::single_dh_use);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);

  HOPTAC_ASSIGN_OR_RETURN(std::string cert_pem, ReadSmallFile(cert_path));
  beast::error_code ec;
  ERR_clear_error();
  context->use_certificate_chain(net::buffer(cert_pem), ec);
  if (ec) return TlsError("cli.tls_certificate_invalid", {cert_path}, OpenSslReason());

  HOPTAC_ASSIGN_OR_RETURN(std::string key_pem, ReadSmallFile(key_path));
  // Parsed here, not by use_private_key(), to tell a bad key from a key that does
  // not match the certificate, and to never prompt for a passphrase on the terminal.
  BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, no_passphrase, nullptr) : nullptr;
  BIO_free(bio);
  OPENSSL_cleanse(key_pem.data(), key_pem.size());
  if (!key) return TlsError("cli.tls_private_key_invalid", {key_path}, OpenSslReason());
  bool matches = SSL_CTX_use_PrivateKey(native, key) == 1 && SSL_CTX_check_private_key(native) == 1;
  EVP_PKEY_free(key);
  if (!matches) return TlsError("cli.tls_key_mismatch", {key_path, cert_path}, OpenSslReason());
  return context;
}

}  // namespace

Status Server::CheckTls(const ServerOptions& options) {
  HOPTAC_TRY(MakeTlsContext(options));
  return Ok();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  if (impl_->workers) impl_->workers->join();
  if (impl_->heavy_workers) impl_->heavy_workers->join();
}

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options, std::shared_ptr<const Router> router,
                                               std::shared_ptr<Metrics> metrics) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->router = std::move(router);
  impl->max_body_limit = impl->options.body_limit;
  for (const Route& route : impl->router->routes())
    impl->max_body_limit = std::max(impl->max_body_limit, route.body_limit);
  impl->metrics = std::move(metrics);
  HOPTAC_ASSIGN_OR_RETURN(impl->tls, MakeTlsContext(options));
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
  for (int i = 1; i < std::max(1, options.io_threads); ++i)
    impl->more_io.push_back(std::make_unique<net::io_context>(1));
  impl->workers = std::make_unique<net::thread_pool>(static_cast<size_t>(std::max(1, options.worker_threads)));
  impl->heavy_workers =
      std::make_unique<net::thread_pool>(static_cast<size_t>(std::max(1, options.heavy_worker_threads)));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Server::Run() {
  Impl& s = *impl_;
  s.work.push_back(net::make_work_guard(s.io));
  for (auto& other : s.more_io) s.work.push_back(net::make_work_guard(*other));
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.BeginShutdown();
    });
  }
  s.Accept();
  std::vector<std::thread> threads;
  for (auto& other : s.more_io) threads.emplace_back([&other] { other->run(); });
  s.io.run();
  for (auto& t : threads) t.join();
  s.workers->join();
  s.heavy_workers->join();
}

void Server::Shutdown() {
  net::post(impl_->io, [this] { impl_->BeginShutdown(); });
}

}  // namespace hoptac::http

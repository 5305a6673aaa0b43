// Server: the HTTP/1.1 server of hoptac (Boost.Beast), kept inside src/http.
//
// I/O threads only parse, route and write; handlers marked Execution::kWorker
// (anything that may touch the database) run on a separate worker pool, so a
// slow query never stalls other connections. Each I/O thread runs its own
// io_context; one acceptor hands the accepted connections to them in turn, and a
// connection stays on its thread until it closes (no strands, no cross-thread
// wake-ups for answers from memory). Limits: request header and body
// size, a read/idle timeout per request and a write timeout. Shutdown is
// graceful: the listener closes, idle keep-alive connections are closed,
// in-flight requests finish (up to shutdown_timeout), then Run() returns and the
// caller closes the database.
//
// Every response carries the security headers, every request is recorded in the
// metrics and written to the JSON access log.
//
// TLS (optional): with a PEM certificate chain and private key the port serves
// only HTTPS (TLS 1.2 or newer, no compression); the handshake must finish within
// read_timeout, connections end with a TLS close_notify (bounded by a timeout),
// requests are marked Request::tls (session cookies get Secure) and responses
// carry Strict-Transport-Security.
//
// Thread-safety: Run() is called once; Shutdown() may be called from any thread
// (and is called on SIGINT/SIGTERM when handle_signals is set).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace hoptac::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int io_threads = 2;
  int worker_threads = 8;
  int heavy_worker_threads = 2;                   // Execution::kHeavy routes (argon2id hashing), queued beyond this
  size_t body_limit = 1 << 20;                    // bytes
  size_t header_limit = 16 << 10;                 // bytes
  std::chrono::milliseconds read_timeout{30000};  // whole request, including keep-alive idle time
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_timeout{15000};
  bool handle_signals = true;
  bool access_log = true;
  // TLS: both empty (plain HTTP) or both set (HTTPS only).
  std::string tls_certificate_file;  // PEM certificate chain, leaf first
  std::string tls_private_key_file;  // PEM private key, not password-protected
};

class Server {
 public:
  // Loads the TLS files (when set) and binds the listening socket. Errors:
  // kUnavailable when the address cannot be bound; kInvalidArgument as CheckTls().
  static Result<std::unique_ptr<Server>> Create(ServerOptions options, std::shared_ptr<const Router> router,
                                                std::shared_ptr<Metrics> metrics);
  // Loads the TLS certificate and key named in `options` as Create() would (Ok
  // when neither is set), so a caller can report a bad file before slow start-up
  // work. Errors (kInvalidArgument, naming the file): "cli.tls_needs_both",
  // "cli.tls_file_unreadable", "cli.tls_certificate_invalid",
  // "cli.tls_private_key_invalid", "cli.tls_key_mismatch".
  static Status CheckTls(const ServerOptions& options);
  ~Server();

  uint16_t port() const;
  // Serves until Shutdown() (or a signal) and every in-flight request is done.
  void Run();
  void Shutdown();

  struct Impl;  // defined in server.cpp

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::http

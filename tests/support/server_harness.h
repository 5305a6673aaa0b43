// What the integration fixtures share: a prepared database and a server running
// on a free loopback port in a background thread.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "geo/admin_unit.h"
#include "geo/admin_unit_store.h"
#include "http/server.h"
#include "storage/db.h"

namespace hoptac::testing {

// Migrates db, seeds the reference administrative units and returns them as loaded
// from the database; nullptr (and a test failure) when any step fails.
// (geo::PrepareDatabase and geo::LoadDirectory, as the binary does.)
inline std::shared_ptr<const geo::AdminUnitDirectory> PrepareDatabase(storage::Db& db) {
  if (auto prepared = geo::PrepareDatabase(db); !prepared.ok()) {
    ADD_FAILURE() << "could not migrate and seed the test database: " << prepared.error().detail;
    return nullptr;
  }
  auto directory = geo::LoadDirectory(db);
  if (!directory.ok()) {
    ADD_FAILURE() << "could not load the administrative units: " << directory.error().detail;
    return nullptr;
  }
  return std::move(directory).value();
}

// An http::Server on 127.0.0.1:<free port>, run by a background thread.
class BackgroundServer {
 public:
  ~BackgroundServer() { Stop(); }

  // Binds a free port (signals and the access log off) and starts serving.
  // False, with a test failure, when the server cannot be created.
  bool Start(http::ServerOptions options, std::shared_ptr<const http::Router> router,
             std::shared_ptr<http::Metrics> metrics) {
    options.port = 0;
    options.handle_signals = false;
    options.access_log = false;
    auto server = http::Server::Create(options, std::move(router), std::move(metrics));
    if (!server.ok()) {
      ADD_FAILURE() << "server did not start: " << server.error().key << " " << server.error().detail;
      return false;
    }
    server_ = std::move(server).value();
    thread_ = std::thread([server = server_.get()] { server->Run(); });
    return true;
  }
  uint16_t port() const { return server_ ? server_->port() : 0; }
  // Begins a graceful shutdown; Join() waits for it.
  void Shutdown() {
    if (server_) server_->Shutdown();
  }
  void Join() {
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  void Stop() {
    Shutdown();
    Join();
  }

 private:
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

}  // namespace hoptac::testing

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace hoptac::testing {

// The real binary running `serve` on a free loopback port, as a child process
// that is killed whatever happens to the test.
class ServeProcess {
 public:
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_) fclose(out_);
  }

  // Starts `binary serve --listen 127.0.0.1:0 <args>` with HOPTAC_ADMIN_PASSWORD set,
  // stderr to stderr_file (when not empty), and reads standard output until the
  // line with the address ("… http://…" or "… https://…"). False when it printed none.
  bool Start(const std::string& binary, const std::vector<std::string>& args, const std::string& admin_password,
             const std::string& stderr_file = "") {
    int out_pipe[2];
    if (pipe(out_pipe) != 0) return false;
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      dup2(out_pipe[1], 1);
      close(out_pipe[0]);
      if (!stderr_file.empty()) {
        if (FILE* log = fopen(stderr_file.c_str(), "w")) dup2(fileno(log), 2);
      }
      setenv("HOPTAC_ADMIN_PASSWORD", admin_password.c_str(), 1);
      std::vector<std::string> all = {binary, "serve", "--listen", "127.0.0.1:0"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out_pipe[1]);
    out_ = fdopen(out_pipe[0], "r");
    char line[512];
    while (fgets(line, sizeof line, out_)) {
      lines_.emplace_back(line);
      auto scheme = lines_.back().find("://");
      if (scheme == std::string::npos) continue;
      auto colon = lines_.back().rfind(':');
      port_ = colon > scheme ? static_cast<uint16_t>(std::atoi(lines_.back().c_str() + colon + 1)) : 0;
      return port_ > 0;
    }
    return false;
  }

  uint16_t port() const { return port_; }
  // Standard output up to and including the address line.
  const std::vector<std::string>& lines() const { return lines_; }

  // SIGTERM, then waits: the exit code, or 128 + the signal that ended it.
  int Terminate() { return Signal(SIGTERM); }
  // SIGKILL (kill -9: no shutdown, nothing flushed), then waits: 128 + 9 unless it had
  // already ended by itself.
  int Kill() { return Signal(SIGKILL); }

 private:
  int Signal(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  pid_t pid_ = 0;
  FILE* out_ = nullptr;
  uint16_t port_ = 0;
  std::vector<std::string> lines_;
};

}  // namespace hoptac::testing

// What the integration fixtures share: a prepared database and a server running
// on a free loopback port in a background thread.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "domain/admin_unit.h"
#include "http/server.h"
#include "storage/admin_unit_store.h"
#include "storage/db.h"

namespace hoptac::testing {

// Migrates db, seeds the reference administrative units and returns them as loaded
// from the database; nullptr (and a test failure) when any step fails.
inline std::shared_ptr<const domain::AdminUnitDirectory> PrepareDatabase(storage::Db& db) {
  auto migrated = storage::Migrate(db);
  auto reference = domain::LoadReferenceAdminUnits();
  if (!migrated.ok() || !reference.ok() || !storage::SeedAdminUnits(db, *reference).ok()) {
    ADD_FAILURE() << "could not migrate and seed the test database";
    return nullptr;
  }
  auto dataset = storage::LoadAdminUnits(db);
  if (!dataset.ok()) {
    ADD_FAILURE() << "could not load the administrative units: " << dataset.error().detail;
    return nullptr;
  }
  return domain::AdminUnitDirectory::Create(std::move(dataset).value());
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

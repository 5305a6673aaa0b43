// The whole system in a test: app::System over a fresh database of the test backend
// (the cheapest argon2id cost), its router served on a free loopback port, and API
// tokens for the users a test adds. The integration fixtures build their services
// through it, as `hoptac serve` and the benchmarks do through app::System.
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <memory>
#include <string>

#include "app/system.h"
#include "support/server_harness.h"
#include "support/test_db.h"

namespace hoptac::testing {

// app::SystemOptions for tests: the minimum argon2id cost keeps sign-ins fast.
inline app::SystemOptions FastSystemOptions() {
  app::SystemOptions options;
  options.hash_concurrency = 2;
  options.hash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
  options.hash_memlimit = crypto_pwhash_MEMLIMIT_MIN;
  options.version = "test";
  return options;
}

class TestSystem {
 public:
  ~TestSystem() { Stop(); }

  // Opens a fresh test database (its URL in url()) and builds the system over it.
  // False, with a test failure, when any step fails.
  bool Create(app::SystemOptions options = FastSystemOptions()) {
    url_ = TestDbUrl();
    auto db = storage::Db::Open(url_);
    if (!db.ok()) {
      ADD_FAILURE() << "could not open the test database: " << db.error().detail;
      return false;
    }
    auto system = app::System::Create(std::move(db).value(), std::move(options));
    if (!system.ok()) {
      ADD_FAILURE() << "could not build the system: " << system.error().key << " " << system.error().detail;
      return false;
    }
    system_ = std::move(system).value();
    return true;
  }

  // Builds a second system over the database of another, by its URL: two servers on
  // one database, as behind a load balancer.
  bool Join(const std::string& url, app::SystemOptions options = FastSystemOptions()) {
    url_ = url;
    auto db = storage::Db::Open(url_);
    if (!db.ok()) {
      ADD_FAILURE() << "could not open the test database " << url << ": " << db.error().detail;
      return false;
    }
    return Adopt(std::move(db).value(), std::move(options));
  }

  // Builds the system over a database the test prepared itself (e.g. with demo data).
  bool Adopt(std::unique_ptr<storage::Db> db, app::SystemOptions options = FastSystemOptions()) {
    auto system = app::System::Create(std::move(db), std::move(options));
    if (!system.ok()) {
      ADD_FAILURE() << "could not build the system: " << system.error().key << " " << system.error().detail;
      return false;
    }
    system_ = std::move(system).value();
    return true;
  }

  // Builds the route table and serves it on a free port.
  bool Serve(http::ServerOptions options = {}) {
    router_ = system_->BuildRouter();
    return server_.Start(std::move(options), router_, system_->metrics());
  }

  // Stops the server and shuts the system down (the database is closed).
  void Stop() {
    server_.Stop();
    if (system_) system_->Shutdown();
  }

  // Adds an account and returns an API token for it (also kept in tokens()).
  std::string AddUser(const std::string& name, const std::string& role, const std::string& province = "",
                      int64_t entity = 0, const std::string& password = "Mật-khẩu-thử-nghiệm-1") {
    auth::NewUser user{name, name, role, province, entity, password};
    auto created = system_->accounts().CreateUser(auth::Principal::Cli("test"), user);
    EXPECT_TRUE(created.ok()) << name << ": " << (created.ok() ? "" : created.error().key);
    return tokens_[name] = Token(name);
  }

  // A new API token of an existing account.
  std::string Token(const std::string& name) {
    auto user = system_->accounts().FindUser(auth::Principal::Cli("test"), name);
    EXPECT_TRUE(user.ok()) << name;
    if (!user.ok()) return "";
    auth::Principal who = auth::Principal::Cli("test");
    who.user_id = user->id;
    who.username = name;
    who.role = user->role;
    who.credential = auth::Credential::kApiToken;
    auto token = system_->accounts().CreateToken(who, "test", 0);
    EXPECT_TRUE(token.ok()) << name;
    return token.ok() ? token->second : "";
  }

  app::System& system() { return *system_; }
  const std::string& url() const { return url_; }
  uint16_t port() const { return server_.port(); }
  const std::shared_ptr<http::Router>& router() const { return router_; }
  std::map<std::string, std::string>& tokens() { return tokens_; }

 private:
  std::string url_;
  std::unique_ptr<app::System> system_;
  std::shared_ptr<http::Router> router_;
  BackgroundServer server_;
  std::map<std::string, std::string> tokens_;
};

// The base of the integration fixtures that test through the whole system: a
// TestSystem and shortcuts to its services, set by CreateSystem.
class SystemTest : public ::testing::Test {
 protected:
  void TearDown() override { system_.Stop(); }

  // Builds the system over a fresh database of the test backend and sets the shortcuts.
  bool CreateSystem(app::SystemOptions options = FastSystemOptions()) {
    if (!system_.Create(std::move(options))) return false;
    app::System& system = system_.system();
    url_ = system_.url();
    db_ = &system.db();
    directory_ = system.admin_units();
    accounts_ = &system.accounts();
    entities_ = &system.entities();
    figures_ = &system.figures();
    imports_ = &system.import_service();
    import_jobs_ = &system.import_jobs();
    return true;
  }

  TestSystem system_;
  std::string url_;
  storage::Db* db_ = nullptr;
  std::shared_ptr<const geo::AdminUnitDirectory> directory_;
  auth::AccountService* accounts_ = nullptr;
  registry::EntityService* entities_ = nullptr;
  registry::FigureService* figures_ = nullptr;
  registry::ImportService* imports_ = nullptr;
  registry::ImportJobs* import_jobs_ = nullptr;
};

}  // namespace hoptac::testing

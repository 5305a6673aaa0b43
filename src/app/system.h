// System: every service of hoptac, built once and wired together — the one place that
// knows how the capabilities fit. `hoptac serve`, the integration test fixtures and the
// benchmarks all build their services through it, so none of them repeats the wiring.
//
// What Create() builds, in order: the administrative units (from the database), the
// accounts (argon2id hasher with bounded concurrency, login throttle), the registry's
// services (entities, figures, imports, their jobs and records — which also supply the
// audit log's derived entries, and drop old import files at start) and the registry index, which is
// made their observer (every committed write updates it) and the entity list's finder; the
// indicators registry, with the registry's sources (answered by the index); reporting.
// BuildRouter() (app/routes.cpp) assembles the HTTP route table of the kernel and of
// every capability.
//
// Ownership: a System owns the database it is given and every service; the services
// hold references into each other, so a System is neither copied nor moved.
// Thread-safety: the services are thread-safe; Create and Shutdown are called from one
// thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "activities/activity_service.h"
#include "app/portal_content.h"
#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/result.h"
#include "fund/fund_service.h"
#include "geo/admin_unit.h"
#include "http/metrics.h"
#include "http/router.h"
#include "indicators/indicators.h"
#include "media/media_service.h"
#include "news/news_service.h"
#include "petitions/links.h"
#include "petitions/petition_service.h"
#include "products/product_service.h"
#include "programmes/programme_service.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "registry/import/import.h"
#include "registry/import/import_jobs.h"
#include "registry/import/import_records.h"
#include "registry/index/registry_index.h"
#include "reporting/data_value_sets.h"
#include "reporting/report_service.h"
#include "storage/db.h"
#include "surveys/survey_service.h"
#include "views/view_service.h"

namespace hoptac::app {

inline constexpr const char* kVersion = "0.1.0";

struct SystemOptions {
  // argon2id: at most this many hashes at once, at this cost (tests lower the cost;
  // the benchmarks measure the real one).
  int hash_concurrency = 1;
  unsigned long long hash_opslimit = auth::kInteractiveOpsLimit;
  size_t hash_memlimit = auth::kInteractiveMemLimit;
  // Import jobs queued or running at once through the API (on this server).
  int max_unfinished_imports = registry::kMaxUnfinishedJobs;
  // The clock of the import jobs (expiry, heartbeats); null: the system clock.
  registry::ImportJobs::Clock import_clock;
  // The clock of programme targets' progress and of activities (today); null: the system clock.
  std::function<int64_t()> programme_clock;
  // How often a server writes the heartbeat of its import jobs, and how old a heartbeat
  // makes another server's job lost (registry/import/import_jobs.h).
  std::chrono::milliseconds import_heartbeat = registry::kJobHeartbeat;
  std::chrono::milliseconds import_lost_after = registry::kJobLostAfter;
  // Create removes the original files of imports older than this many days
  // (registry/import/import_records.h); 0 keeps them forever. The clock: import_clock.
  int import_file_retention_days = 0;
  // The built web application's files (base/web_assets.h); unset: / says how to build it.
  std::function<std::optional<std::string_view>(std::string_view path)> web_files;
  std::string version = kVersion;
  // /metrics answers other hosts only with `Authorization: Bearer <metrics_token>`
  // (empty: loopback only; http::Services::metrics_token).
  std::string metrics_token;
  // The public address of the site ("https://lienminhhtx.vn", no trailing slash) for the portal's
  // canonical links, Open Graph, RSS and sitemaps; empty: addresses relative to the host.
  std::string public_url;
  // Whether Create applies the migrations and seeds the reference units first; false
  // when the caller prepared the database itself (tests that change the units).
  bool prepare_database = true;
};

class System {
 public:
  // Applies the migrations and seeds the reference units when needed
  // (geo::PrepareDatabase, unless options.prepare_database is false), then builds every service over `db`, which it
  // owns. Errors: those of the migrations, of loading the units and of building the index; kInternal when libsodium
  // cannot start.
  static Result<std::unique_ptr<System>> Create(std::unique_ptr<storage::Db> db, SystemOptions options = {});

  ~System();
  System(const System&) = delete;
  System& operator=(const System&) = delete;

  storage::Db& db() { return *db_; }
  const std::shared_ptr<const geo::AdminUnitDirectory>& admin_units() const { return admin_units_; }
  const std::shared_ptr<http::Metrics>& metrics() const { return metrics_; }
  auth::AccountService& accounts() { return *accounts_; }
  registry::EntityService& entities() { return *entities_; }
  registry::FigureService& figures() { return *figures_; }
  analytics::RegistryIndex& index() { return *index_; }
  // The sources of live numbers (indicators/indicators.h): registry.entities, registry.events.
  const indicators::Registry& indicators() const { return indicators_; }
  registry::ImportService& import_service() { return *import_service_; }
  registry::ImportJobs& import_jobs() { return *import_jobs_; }
  registry::ImportRecords& import_records() { return *import_records_; }
  reporting::ReportService& reports() { return *reports_; }
  reporting::DataValueSets& data_value_sets() { return *data_value_sets_; }
  views::ViewService& views() { return *views_; }
  programmes::ProgrammeService& programmes() { return *programmes_; }
  activities::ActivityService& activities() { return *activities_; }
  surveys::SurveyService& surveys() { return *surveys_; }
  petitions::PetitionService& petitions() { return *petitions_; }
  fund::FundService& fund() { return *fund_; }
  // The images and files of the public pages (src/media/): uploads, /media/ files, ImageRefs.
  media::MediaService& media() { return *media_; }
  // Articles of the alliances (src/news): the staff API and what the public portal reads.
  news::NewsService& news() { return *news_; }
  products::ProductService& products() { return *products_; }
  // What the public portal shows (app/portal_content.h), over news, products, media and the registry.
  PortalContent& portal_content() { return *portal_content_; }

  // The route table of the kernel and of every capability (app/routes.cpp), with the
  // authentication guard and the metrics' route names.
  std::shared_ptr<http::Router> BuildRouter();

  // Picks up writes of other processes every `interval` (the index's catch-up).
  void StartPolling(std::chrono::milliseconds interval);
  // Stops polling, cancels running imports (nothing half-written) and closes the
  // database. Called by the destructor; idempotent.
  void Shutdown();

 private:
  System() = default;

  SystemOptions options_;
  std::unique_ptr<storage::Db> db_;
  std::shared_ptr<const geo::AdminUnitDirectory> admin_units_;
  std::shared_ptr<http::Metrics> metrics_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  auth::LoginThrottle throttle_;
  std::unique_ptr<auth::AccountService> accounts_;
  std::unique_ptr<registry::EntityService> entities_;
  std::unique_ptr<analytics::RegistryIndex> index_;
  indicators::Registry indicators_;
  std::unique_ptr<registry::FigureService> figures_;
  std::unique_ptr<registry::ImportService> import_service_;
  std::unique_ptr<registry::ImportJobs> import_jobs_;
  std::unique_ptr<registry::ImportRecords> import_records_;
  std::unique_ptr<reporting::ReportService> reports_;
  std::unique_ptr<reporting::DataValueSets> data_value_sets_;
  std::unique_ptr<views::ViewService> views_;
  std::unique_ptr<programmes::ProgrammeService> programmes_;
  std::unique_ptr<activities::Links> activity_links_;
  std::unique_ptr<activities::ActivityService> activities_;
  std::unique_ptr<surveys::SurveyService> surveys_;
  std::unique_ptr<petitions::Links> petition_links_;
  std::unique_ptr<petitions::PetitionService> petitions_;
  std::unique_ptr<fund::FundService> fund_;
  std::unique_ptr<media::MediaService> media_;
  std::unique_ptr<news::NewsService> news_;
  std::unique_ptr<products::ProductService> products_;
  std::unique_ptr<PortalContent> portal_content_;
  bool shut_down_ = false;
};

}  // namespace hoptac::app

#include "app/system.h"

#include <chrono>
#include <string>

#include "base/log.h"
#include "fund/fund_store.h"
#include "geo/admin_unit_store.h"
#include "media/media_store.h"
#include "petitions/petition_store.h"
#include "products/product_store.h"
#include "registry/entity_store.h"
#include "registry/index/indicator_sources.h"

namespace hoptac::app {

namespace {

// The database pool's gauges and counters on /metrics.
void AddPoolMetrics(http::Metrics& metrics, storage::Db* db) {
  metrics.AddCollector([db](std::string& out) {
    storage::PoolStats stats = db->Stats();
    out += "# HELP hoptac_db_pool_connections Database connections opened by the pool.\n";
    out += "# TYPE hoptac_db_pool_connections gauge\nhoptac_db_pool_connections " + std::to_string(stats.size) + "\n";
    out += "# HELP hoptac_db_pool_in_use Database connections lent out now.\n";
    out += "# TYPE hoptac_db_pool_in_use gauge\nhoptac_db_pool_in_use " + std::to_string(stats.in_use) + "\n";
    out += "# HELP hoptac_db_pool_acquired_total Connections taken from the pool.\n";
    out += "# TYPE hoptac_db_pool_acquired_total counter\nhoptac_db_pool_acquired_total " +
           std::to_string(stats.acquired) + "\n";
    out += "# HELP hoptac_db_pool_waited_total Acquisitions that had to wait for a free connection.\n";
    out += "# TYPE hoptac_db_pool_waited_total counter\nhoptac_db_pool_waited_total " + std::to_string(stats.waited) +
           "\n";
  });
}

// The activities' view of programmes and partners (activities/links.h), over the programmes'
// service: a programme as the caller may read it, a partner's names.
class ProgrammeLinks : public activities::Links {
 public:
  explicit ProgrammeLinks(const programmes::ProgrammeService& programmes) : programmes_(programmes) {}

  Result<std::optional<activities::ProgrammeInfo>> Programme(const auth::Principal& who, int64_t id) const override {
    return Info(programmes_.GetProgramme(who, id));
  }

  Result<std::optional<activities::ProgrammeInfo>> ProgrammeByCode(const auth::Principal& who,
                                                                   const std::string& code) const override {
    return Info(programmes_.GetProgrammeByCode(who, code));
  }

  static Result<std::optional<activities::ProgrammeInfo>> Info(Result<programmes::Programme> p) {
    if (!p.ok()) {
      if (p.error().code == ErrorCode::kNotFound) return std::optional<activities::ProgrammeInfo>();
      return p.error();
    }
    activities::ProgrammeInfo info{p->id, p->code, p->title, p->title_en, p->province_code, {}};
    for (const programmes::Content& c : p->contents) info.contents.push_back(c.number);
    return std::optional(std::move(info));
  }

  Result<std::optional<activities::PartnerInfo>> Partner(int64_t id) const override {
    auto p = programmes_.GetPartner(auth::Principal::Cli("activities"), id);
    if (!p.ok()) {
      if (p.error().code == ErrorCode::kNotFound) return std::optional<activities::PartnerInfo>();
      return p.error();
    }
    return std::optional(activities::PartnerInfo{p->id, p->name, p->short_name, p->kind, p->province_code});
  }

 private:
  const programmes::ProgrammeService& programmes_;
};

// The petitions' view of activities (petitions/links.h), over the activities' service: the
// activity a petition was raised at (a dialogue), its title, first day and province.
class ActivityLinks : public petitions::Links {
 public:
  explicit ActivityLinks(const activities::ActivityService& activities) : activities_(activities) {}

  Result<std::optional<petitions::ActivityBrief>> Activity(int64_t id) const override {
    auto a = activities_.Get(auth::Principal::Cli("petitions"), id);
    if (!a.ok()) {
      if (a.error().code == ErrorCode::kNotFound) return std::optional<petitions::ActivityBrief>();
      return a.error();
    }
    return std::optional(petitions::ActivityBrief{a->id, a->title, a->from, a->province_code});
  }

 private:
  const activities::ActivityService& activities_;
};

}  // namespace

Result<std::unique_ptr<System>> System::Create(std::unique_ptr<storage::Db> db, SystemOptions options) {
  std::unique_ptr<System> system(new System());
  system->options_ = std::move(options);
  system->db_ = std::move(db);
  storage::Db& database = *system->db_;
  if (system->options_.prepare_database) HOPTAC_TRY(geo::PrepareDatabase(database));
  HOPTAC_ASSIGN_OR_RETURN(system->admin_units_, geo::LoadDirectory(database));
  system->metrics_ = std::make_shared<http::Metrics>();
  AddPoolMetrics(*system->metrics_, system->db_.get());

  // Accounts. A province must be in force today to be given to an account.
  system->hasher_ = auth::PasswordHasher::Create(system->options_.hash_concurrency, system->options_.hash_opslimit,
                                                 system->options_.hash_memlimit);
  if (!system->hasher_) return Error::Internal("libsodium could not start (argon2id)");
  auto units = system->admin_units_;
  system->accounts_ = std::make_unique<auth::AccountService>(database, *system->hasher_, system->throttle_,
                                                             geo::ProvinceInForceToday(units));

  // The registry. Search, lists and statistics answer from the index; every write of this
  // process updates it before its response (it observes every service that writes).
  system->entities_ = std::make_unique<registry::EntityService>(database, units);
  auto index_started = std::chrono::steady_clock::now();
  HOPTAC_ASSIGN_OR_RETURN(system->index_, analytics::RegistryIndex::Build(database, units));
  auto usage = system->index_->MemoryUsage();
  log::Info(
      "index built",
      {{"entities", static_cast<long long>(usage.entities)},
       {"figure_values", static_cast<long long>(usage.figure_values)},
       {"megabytes", static_cast<long long>(usage.bytes >> 20)},
       {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - index_started).count()}});
  system->entities_->SetObserver(system->index_.get());
  system->entities_->SetFinder(system->index_.get());
  analytics::AddIndicatorSources(system->indicators_, *system->index_);
  system->figures_ = std::make_unique<registry::FigureService>(database, *system->entities_);
  system->figures_->SetObserver(system->index_.get());
  system->import_service_ = std::make_unique<registry::ImportService>(database, units);
  system->import_service_->SetObserver(system->index_.get());
  // Imports through the API run as jobs on a background thread, kept in the table
  // import_jobs too, so that every server on the database answers for them.
  registry::ImportJobsOptions jobs;
  jobs.now_ms = system->options_.import_clock;
  jobs.max_unfinished = system->options_.max_unfinished_imports;
  jobs.heartbeat = system->options_.import_heartbeat;
  jobs.lost_after = system->options_.import_lost_after;
  system->import_jobs_ = std::make_unique<registry::ImportJobs>(database, *system->import_service_, std::move(jobs));
  // Committed imports: their records, files, and the entities' "created by import" entries.
  system->import_records_ = std::make_unique<registry::ImportRecords>(database, system->options_.import_clock);
  system->accounts_->SetAuditSupplement(system->import_records_.get());
  HOPTAC_ASSIGN_OR_RETURN(int64_t removed,
                          system->import_records_->RemoveOldFiles(system->options_.import_file_retention_days));
  if (removed > 0)
    log::Info("import files removed",
              {{"files", static_cast<long long>(removed)},
               {"retention_days", static_cast<long long>(system->options_.import_file_retention_days)}});
  // Reporting: numbers through the indicators, entity updates through the registry's services.
  system->reports_ = std::make_unique<reporting::ReportService>(database, units, system->indicators_,
                                                                *system->entities_, *system->figures_);
  // The audit log names entities and reports (one query per page and type).
  system->accounts_->AddAuditNamer("entity", [db = system->db_.get()](std::span<const int64_t> ids, bool,
                                                                      std::map<int64_t, std::string>& names) {
    return db->Read([&](storage::Connection& conn) -> Status { return registry::ReadEntityNames(conn, ids, names); });
  });
  system->accounts_->AddAuditNamer("report",
                                   [reports = system->reports_.get()](std::span<const int64_t> ids, bool english,
                                                                      std::map<int64_t, std::string>& names) {
                                     return reports->AuditNames(ids, english, names);
                                   });
  system->data_value_sets_ = std::make_unique<reporting::DataValueSets>(*system->reports_, *system->entities_);
  // Saved views of the dashboard and the pivot table.
  system->views_ = std::make_unique<views::ViewService>(database);
  // Programmes and their targets: progress through the indicators.
  system->programmes_ = std::make_unique<programmes::ProgrammeService>(database, units, system->indicators_,
                                                                       system->options_.programme_clock);
  // Activities and placements: programmes and partners through the links the app implements
  // (neither capability includes the other); their numbers are indicator sources.
  system->activity_links_ = std::make_unique<ProgrammeLinks>(*system->programmes_);
  system->activities_ = std::make_unique<activities::ActivityService>(
      database, units, *system->entities_, *system->activity_links_, system->options_.programme_clock);
  system->indicators_.Add("activities.activities", system->activities_->ActivitiesSource());
  system->indicators_.Add("activities.placements", system->activities_->PlacementsSource());
  // Surveys: questionnaires, campaigns to the registry's entities, responses; campaigns held count.
  system->surveys_ =
      std::make_unique<surveys::SurveyService>(database, units, *system->entities_, system->options_.programme_clock);
  system->indicators_.Add("surveys.campaigns", system->surveys_->CampaignsSource());
  // Petitions: entities through the registry, activities through the links the app implements;
  // their numbers are an indicator source, their audit rows are named by their codes.
  system->petition_links_ = std::make_unique<ActivityLinks>(*system->activities_);
  system->petitions_ =
      std::make_unique<petitions::PetitionService>(database, units, *system->entities_, *system->accounts_,
                                                   *system->petition_links_, system->options_.programme_clock);
  system->indicators_.Add("petitions.petitions", system->petitions_->Source());
  system->accounts_->AddAuditNamer(
      "petition", [db = system->db_.get()](std::span<const int64_t> ids, bool, std::map<int64_t, std::string>& names) {
        return db->Read(
            [&](storage::Connection& conn) -> Status { return petitions::ReadPetitionCodes(conn, ids, names); });
      });
  // The support fund: funds, loan applications and loans; entities through the registry; the
  // audit rows named by the codes (VV-…, KV-…) and the funds' names.
  system->fund_ = std::make_unique<fund::FundService>(database, units, *system->entities_, *system->accounts_,
                                                      system->options_.programme_clock);
  // Its portfolio in memory (every disbursed loan), and the indicator source that answers from it.
  HOPTAC_TRY(system->fund_->RebuildPortfolio());
  system->indicators_.Add("fund.loans", system->fund_->LoansSource());
  system->accounts_->AddAuditNamer("loan_application", [db = system->db_.get()](std::span<const int64_t> ids, bool,
                                                                                std::map<int64_t, std::string>& names) {
    return db->Read([&](storage::Connection& conn) -> Status { return fund::ReadApplicationCodes(conn, ids, names); });
  });
  system->accounts_->AddAuditNamer(
      "loan", [db = system->db_.get()](std::span<const int64_t> ids, bool, std::map<int64_t, std::string>& names) {
        return db->Read([&](storage::Connection& conn) -> Status { return fund::ReadLoanCodes(conn, ids, names); });
      });
  system->accounts_->AddAuditNamer(
      "fund", [db = system->db_.get()](std::span<const int64_t> ids, bool, std::map<int64_t, std::string>& names) {
        return db->Read([&](storage::Connection& conn) -> Status { return fund::ReadFundNames(conn, ids, names); });
      });
  // The images and files of the public pages; their audit rows are named by the file names.
  system->media_ = std::make_unique<media::MediaService>(database);
  system->accounts_->AddAuditNamer(
      "image", [db = system->db_.get()](std::span<const int64_t> ids, bool, std::map<int64_t, std::string>& names) {
        return db->Read([&](storage::Connection& conn) -> Status { return media::ReadImageNames(conn, ids, names); });
      });
  // News: the articles of the alliances; their views are flushed every 10 s (and at shutdown);
  // the audit log names articles by their titles.
  system->news_ = std::make_unique<news::NewsService>(database, units, system->options_.programme_clock);
  system->news_->StartFlushing(std::chrono::seconds(10));
  system->accounts_->AddAuditNamer("article", [news = system->news_.get()](std::span<const int64_t> ids, bool,
                                                                           std::map<int64_t, std::string>& names) {
    return news->AuditNames(ids, names);
  });
  // The products catalogue: entities through the registry; the audit rows named by the products' names.
  system->products_ =
      std::make_unique<products::ProductService>(database, units, *system->entities_, system->options_.programme_clock);
  system->accounts_->AddAuditNamer("product", [db = system->db_.get()](std::span<const int64_t> ids, bool,
                                                                       std::map<int64_t, std::string>& names) {
    return db->Read([&](storage::Connection& conn) -> Status { return products::ReadProductNames(conn, ids, names); });
  });
  // The public portal's content: published news, approved products, their images, the registry's
  // public fields and statistics (the routes: portal/api, in BuildRouter).
  system->portal_content_ =
      std::make_unique<PortalContent>(database, units, *system->entities_, *system->index_, *system->activities_,
                                      *system->news_, *system->products_, *system->media_);
  return system;
}

System::~System() { Shutdown(); }

void System::StartPolling(std::chrono::milliseconds interval) { index_->StartPolling(interval); }

void System::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  if (index_) index_->StopPolling();
  // A running import is cancelled (nothing half-written); unfinished jobs are written failed.
  if (import_jobs_) import_jobs_->Shutdown();
  // The views counted in memory are written before the database closes.
  if (news_) news_->StopFlushing();
  if (db_) db_->Close();
}

}  // namespace hoptac::app

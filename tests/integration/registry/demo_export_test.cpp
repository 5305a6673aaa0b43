// Demo data and exports on the backend named by HOPTAC_TEST_BACKEND: loading is
// deterministic, tracked, audited and all-or-nothing; exports hold exactly what the
// list holds for the same filters and caller, with the canonical columns, and read
// back unchanged from CSV and XLSX, through the service, the API and the real binary.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>

#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "geo/admin_unit.h"
#include "http/api.h"
#include "io/csv.h"
#include "io/format_detect.h"
#include "io/xlsx.h"
#include "registry/change.h"
#include "registry/demo/demo.h"
#include "registry/entity_service.h"
#include "registry/export.h"
#include "registry/import/import.h"
#include "registry/index/registry_index.h"
#include "storage/audit.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/status_matchers.h"
#include "support/temp_files.h"
#include "support/test_db.h"
#include "support/test_system.h"
#include "text/fold.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using registry::DemoLoadMode;
using registry::DemoLoadOptions;
using registry::ExportFormat;
using registry::FileType;
using Rows = std::vector<std::vector<std::string>>;

constexpr int64_t kNowMs = 1'790'000'000'000;

const std::filesystem::path& Dir() { return testing::TempDir("hoptac_demo_export"); }

auth::Principal As(auth::Role role, const std::string& province = "", int64_t entity_id = 0) {
  auth::Principal who;
  who.user_id = 1;
  who.username = "tester";
  who.role = role;
  who.province_code = province;
  who.entity_id = entity_id;
  who.credential = auth::Credential::kApiToken;
  return who;
}

class CountingObserver : public registry::RegistryObserver {
 public:
  void EntitiesChanged(std::span<const int64_t>) override { ++changed; }
  void Reload() override { ++reloads; }
  int changed = 0, reloads = 0;
};

// Every row of a query as text, for comparing databases.
std::vector<std::string> Dump(storage::Db& db, const std::string& sql) {
  std::vector<std::string> out;
  EXPECT_OK(db.Read([&](storage::Connection& conn) -> Status {
    return conn.Query(sql, {}, [&](const storage::RowView& row) -> Status {
      std::string line;
      for (int i = 0; i < row.size(); ++i) line += (row.IsNull(i) ? "∅" : std::string(row.GetText(i))) + "|";
      out.push_back(std::move(line));
      return Ok();
    });
  }));
  return out;
}

int64_t Count(storage::Db& db, const std::string& table) {
  auto rows = Dump(db, "SELECT COUNT(*) FROM " + table);
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

class DemoExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    auto db = storage::Db::Open(testing::TestDbUrl());
    ASSERT_TRUE(db.ok()) << db.error().detail;
    owned_db_ = std::move(db).value();
    db_ = owned_db_.get();
    directory_ = testing::PrepareDatabase(*db_);
    ASSERT_NE(directory_, nullptr);
    entities_ = std::make_unique<registry::EntityService>(*db_, directory_);
  }
  void TearDown() override {
    if (owned_db_) owned_db_->Close();
  }

  static DemoLoadOptions Options(double scale = 0.01, uint64_t seed = 5) {
    DemoLoadOptions options;
    options.demo.scale = scale;
    options.demo.seed = seed;
    options.demo.today = Today();
    options.now_ms = kNowMs;
    return options;
  }
  static Date Today() {
    static const Date today = Date::Today();
    return today;
  }

  Result<registry::DemoLoadResult> Load(storage::Db& db, const DemoLoadOptions& options,
                                        registry::RegistryObserver* observer = nullptr) {
    return registry::LoadDemoData(db, directory_, auth::Principal::Cli("test"), options, observer);
  }

  // Exports and reads the file back (header + rows).
  // An empty database of the same backend, prepared as the binary does.
  static std::unique_ptr<storage::Db> FreshDatabase() {
    auto fresh = storage::Db::Open(testing::TestDbUrl());
    EXPECT_OK(fresh);
    if (!fresh.ok()) return nullptr;
    EXPECT_NE(testing::PrepareDatabase(**fresh), nullptr);
    return std::move(fresh).value();
  }

  // Imports the file at `path` with `importer` (as the command line does: the file kept).
  static Result<registry::ImportResult> ImportFile(registry::ImportService& importer, const std::filesystem::path& path,
                                                   FileType type, bool confirm_warnings = false) {
    HOPTAC_ASSIGN_OR_RETURN(auto source, io::OpenTable(path.string()));
    registry::ImportOptions options;
    options.type = type;
    options.source_name = path.filename().string();
    options.file_path = path.string();
    options.confirm_warnings = confirm_warnings;
    return importer.Import(auth::Principal::Cli("test"), *source, options);
  }

  Result<io::Table> ExportAndRead(const auth::Principal& who, FileType file, ExportFormat format,
                                  const registry::EntityFilters& filters = {},
                                  registry::ExportSummary* summary = nullptr) {
    static int counter = 0;
    auto path = Dir() / ("export" + std::to_string(++counter) + (format == ExportFormat::kCsv ? ".csv" : ".xlsx"));
    registry::ExportRequest request;
    request.file = file;
    request.format = format;
    request.filters = filters;
    HOPTAC_ASSIGN_OR_RETURN(auto written, registry::ExportToFile(*db_, *directory_, who, request, path.string()));
    if (summary) *summary = written;
    HOPTAC_ASSIGN_OR_RETURN(auto source, io::OpenTable(path.string()));
    return io::ReadAll(*source);
  }

  // The registration codes the list returns for the filters, every page: the index's
  // answer over the database as it is now.
  std::vector<std::string> ListedCodes(const auth::Principal& who, registry::EntityFilters filters) {
    std::vector<std::string> codes;
    auto index = analytics::RegistryIndex::Build(*db_, directory_);
    EXPECT_OK(index);
    if (!index.ok()) return codes;
    entities_->SetFinder(index->get());
    filters.limit = registry::kMaxListLimit;
    for (filters.offset = 0;; filters.offset += filters.limit) {
      auto page = entities_->List(who, filters);
      EXPECT_OK(page);
      if (!page.ok()) break;
      for (const auto& record : page->items) codes.push_back(record.entity.registration_code);
      if (filters.offset + filters.limit >= page->total) break;
    }
    entities_->SetFinder(nullptr);
    std::sort(codes.begin(), codes.end());
    return codes;
  }

  std::unique_ptr<storage::Db> owned_db_;
  storage::Db* db_ = nullptr;
  std::shared_ptr<const geo::AdminUnitDirectory> directory_;
  std::unique_ptr<registry::EntityService> entities_;
};

const char* kEntitiesSql =
    "SELECT id, kind, name, name_folded, registration_code, tax_code, province_code, province_as_of, "
    "current_province_code, commune_code, address, sector, founded_on, women_managed, youth, chair_name, chair_sex, "
    "chair_birth_year, phone, email, union_id, created_at_ms, updated_at_ms, change_seq FROM entities ORDER BY id";
const char* kEventsSql = "SELECT entity_id, date, type, note, converted_to FROM entity_events ORDER BY id";
const char* kFiguresSql = "SELECT * FROM entity_figures ORDER BY entity_id, period";

TEST_F(DemoExportTest, LoadingIsDeterministicTrackedAndAudited) {
  CountingObserver observer;
  auto loaded = Load(*db_, Options(), &observer);
  ASSERT_OK(loaded);
  EXPECT_TRUE(loaded->loaded);
  EXPECT_EQ(observer.reloads, 1);
  EXPECT_EQ(Count(*db_, "entities"), 1063);
  EXPECT_EQ(Count(*db_, "entity_events"), loaded->counts.events);
  EXPECT_EQ(Count(*db_, "entity_figures"), loaded->counts.figures);
  EXPECT_GT(loaded->counts.events, 1063);
  EXPECT_GT(loaded->counts.figures, 2500);  // yearly for cooperatives, survey years for a third of the groups

  // Another database, the same scale and seed: the same rows, ids included.
  auto other_db = storage::Db::Open(testing::TestDbUrl());
  ASSERT_OK(other_db);
  ASSERT_NE(testing::PrepareDatabase(**other_db), nullptr);
  ASSERT_OK(Load(**other_db, Options()));
  for (const char* sql : {kEntitiesSql, kEventsSql, kFiguresSql}) {
    auto a = Dump(*db_, sql), b = Dump(**other_db, sql);
    ASSERT_EQ(a.size(), b.size()) << sql;
    for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << sql << " row " << i;
  }
  (*other_db)->Close();

  // One registry version on every row, as the change-tracking contract says.
  int64_t version = 0;
  ASSERT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
    return Ok();
  }));
  EXPECT_EQ(Dump(*db_, "SELECT DISTINCT change_seq FROM entities"),
            (std::vector<std::string>{std::to_string(version) + "|"}));
  // One audit row with the scale, the seed and the counts.
  storage::AuditQuery query;
  query.object_type = "registry";
  auto audit = storage::QueryAudit(*db_, query);
  ASSERT_OK(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->front().action, "demo.load");
  EXPECT_NE(audit->front().after_json.find("\"seed\":5"), std::string::npos);
  EXPECT_NE(audit->front().after_json.find("\"entities\":1063"), std::string::npos);

  // The rows are what EntityService itself would have written and reads back.
  auto rows = db_->Read([&](storage::Connection& conn) -> Status {
    return conn.Query(
        "SELECT id, name, name_folded, province_code, province_as_of, current_province_code FROM entities", {},
        [&](const storage::RowView& row) -> Status {
          EXPECT_EQ(row.GetText(2), text::Fold(row.GetText(1)));
          EXPECT_EQ(registry::CurrentProvinceCode(*directory_, row.GetText(3), *Date::ParseIso(row.GetText(4)),
                                                  Date::Today()),
                    std::string(row.GetText(5)));
          return Ok();
        });
  });
  EXPECT_OK(rows);
  DemoLoadOptions options = Options();
  auto generator = registry::DemoGenerator::Create(directory_, options.demo);
  ASSERT_OK(generator);
  registry::DemoEntity demo;
  int64_t id = 0, members = 0;
  while ((*generator)->Next(demo)) {
    ++id;
    auto record = entities_->Get(auth::Principal::Cli("test"), id);
    ASSERT_OK(record);
    EXPECT_EQ(record->entity.registration_code, demo.entity.registration_code);
    EXPECT_EQ(record->entity.union_registration_code, demo.entity.union_registration_code);
    members += !demo.entity.union_registration_code.empty();
    EXPECT_EQ(record->status, domain::StatusOn(demo.events, demo.entity.founded_on, Date::Today()));
  }
  EXPECT_GT(members, 0);
}

TEST_F(DemoExportTest, LoadsOnlyIntoAnEmptyRegistryWhenAskedAndNeverHalfway) {
  ASSERT_OK(Load(*db_, Options()));
  auto before = Dump(*db_, "SELECT COUNT(*), MAX(change_seq) FROM entities");
  DemoLoadOptions if_empty = Options(0.02, 9);
  if_empty.mode = DemoLoadMode::kIfEmpty;
  auto skipped = Load(*db_, if_empty);
  ASSERT_OK(skipped);
  EXPECT_FALSE(skipped->loaded);
  // The same seed again: its codes are taken; nothing of the second load stays.
  auto again = Load(*db_, Options());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().key, "error.demo_conflict");
  EXPECT_EQ(Dump(*db_, "SELECT COUNT(*), MAX(change_seq) FROM entities"), before);
  EXPECT_EQ(Count(*db_, "audit_log"), 1);
  // Only national accounts load demo data.
  auto denied = registry::LoadDemoData(*db_, directory_, As(auth::Role::kProvinceAdmin, "01"), Options(0.01, 99));
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  auto bad_scale = Load(*db_, Options(0, 1));
  ASSERT_FALSE(bad_scale.ok());
  EXPECT_EQ(bad_scale.error().fields.at(0).field, "scale");
}

TEST_F(DemoExportTest, CsvAndXlsxHoldTheCanonicalColumnsAndReadBackAlike) {
  ASSERT_OK(Load(*db_, Options()));
  auth::Principal national = As(auth::Role::kNationalOfficer);
  for (FileType file : {FileType::kEntities, FileType::kEvents, FileType::kFigures}) {
    SCOPED_TRACE(registry::FileTypeName(file));
    registry::ExportSummary csv_summary, xlsx_summary;
    auto csv = ExportAndRead(national, file, ExportFormat::kCsv, {}, &csv_summary);
    auto xlsx = ExportAndRead(national, file, ExportFormat::kXlsx, {}, &xlsx_summary);
    ASSERT_OK(csv);
    ASSERT_OK(xlsx);
    EXPECT_EQ(csv->header, registry::ExportColumns(file, national));
    EXPECT_EQ(csv->header, xlsx->header);
    EXPECT_EQ(csv->rows.size(), static_cast<size_t>(csv_summary.rows));
    EXPECT_EQ(csv_summary.entities, 1063);
    ASSERT_EQ(csv->rows.size(), xlsx->rows.size());
    for (size_t i = 0; i < csv->rows.size(); ++i) ASSERT_EQ(csv->rows[i], xlsx->rows[i]) << "row " << i;
  }
  // Whole tables, against the database.
  auto entities = ExportAndRead(national, FileType::kEntities, ExportFormat::kXlsx);
  ASSERT_OK(entities);
  ASSERT_EQ(entities->rows.size(), 1063u);
  EXPECT_EQ(entities->header,
            std::vector<std::string>(registry::kEntityColumns.begin(), registry::kEntityColumns.end()));
  for (size_t i = 0; i < entities->rows.size(); ++i) {
    const auto& row = entities->rows[i];
    auto record = entities_->Get(national, static_cast<int64_t>(i) + 1);  // registry order: by id
    ASSERT_OK(record);
    const domain::Entity& e = record->entity;
    std::vector<std::string> want = {e.registration_code,
                                     domain::EntityKindName(e.kind),
                                     e.name,
                                     e.province_code,
                                     e.commune_code,
                                     e.address,
                                     e.sector ? domain::SectorName(*e.sector) : "",
                                     e.founded_on->ToIso(),
                                     domain::EntityStatusName(*record->status),
                                     row[9],  // status_since: checked below
                                     e.women_managed ? "true" : "false",
                                     e.youth ? "true" : "false",
                                     e.chair_name,
                                     e.chair_sex ? domain::SexName(*e.chair_sex) : "",
                                     e.chair_birth_year ? std::to_string(*e.chair_birth_year) : "",
                                     e.phone,
                                     e.email,
                                     e.union_registration_code,
                                     e.province_as_of ? e.province_as_of->ToIso() : ""};
    ASSERT_EQ(row, want) << "row " << i;
    // status_since: the founding for an entity active since, else the day of the last change.
    auto events = entities_->Events(national, e.id);
    ASSERT_OK(events);
    std::string since = e.founded_on->ToIso();
    std::optional<domain::EntityStatus> status = domain::EntityStatus::kActive;
    std::vector<domain::StatusEvent> seen;
    for (const auto& stored : *events) {
      seen.push_back(stored.event);
      auto now = domain::StatusOn(seen, e.founded_on, stored.event.date);
      if (now != status) since = stored.event.date.ToIso();
      status = now;
    }
    EXPECT_EQ(row[9], since) << e.registration_code;
  }
  auto events = ExportAndRead(national, FileType::kEvents, ExportFormat::kCsv);
  ASSERT_OK(events);
  EXPECT_EQ(static_cast<int64_t>(events->rows.size()), Count(*db_, "entity_events"));
  auto figures = ExportAndRead(national, FileType::kFigures, ExportFormat::kXlsx);
  ASSERT_OK(figures);
  EXPECT_EQ(static_cast<int64_t>(figures->rows.size()), Count(*db_, "entity_figures"));
  // A figures row holds the stored numbers (empty when not reported).
  auto stored = Dump(*db_,
                     "SELECT e.registration_code, f.period, f.members_total, f.members_female, f.revenue_vnd, "
                     "f.profit_vnd, f.charter_capital_vnd FROM entity_figures f JOIN entities e ON e.id = f.entity_id "
                     "ORDER BY f.entity_id, f.period_end, f.period");
  std::set<std::string> exported;
  for (const auto& r : figures->rows)
    exported.insert(r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[8] + "|" + r[10] + "|" + r[12] + "|");
  for (std::string line : stored) {
    for (size_t at; (at = line.find("∅")) != std::string::npos;) line.replace(at, std::string("∅").size(), "");
    EXPECT_TRUE(exported.contains(line)) << line;
  }
}

// Issue 12, item 5: an export of the entities imports back into an empty database with
// no rejected row (province_as_of carries the date each province code is read at; demo
// entities founded before the reference data begins are registered under the province
// in force on its first day), and the two registries count the same by province and kind.
TEST_F(DemoExportTest, AnEntitiesExportImportsBackIntoAnEmptyDatabase) {
  ASSERT_OK(Load(*db_, Options()));
  auto path = Dir() / "round-trip.csv";
  registry::ExportRequest request;
  request.file = FileType::kEntities;
  request.format = ExportFormat::kCsv;
  auto written = registry::ExportToFile(*db_, *directory_, auth::Principal::Cli("test"), request, path.string());
  ASSERT_OK(written);
  ASSERT_GT(written->rows, 500);

  auto fresh = FreshDatabase();
  ASSERT_NE(fresh, nullptr);
  registry::ImportService importer(*fresh, directory_);
  auto imported = ImportFile(importer, path, FileType::kEntities);
  ASSERT_OK(imported);
  EXPECT_EQ(imported->counts.bad_rows, 0)
      << (imported->problems.empty() ? std::string() : imported->problems[0].Reason(i18n::Lang::kEn));
  EXPECT_EQ(imported->counts.created, written->rows);
  EXPECT_EQ(imported->outcome, registry::ImportOutcome::kCommitted);

  analytics::StockQuery by_province_and_kind;
  by_province_and_kind.group_by = {analytics::Dimension::kProvince, analytics::Dimension::kKind};
  by_province_and_kind.as_of = Date::Today();
  auto count = [&](storage::Db& db) {
    auto index = analytics::RegistryIndex::Build(db, directory_);
    EXPECT_OK(index);
    std::map<std::string, int64_t> counts;
    if (!index.ok()) return counts;
    auto stock = (*index)->Stock(by_province_and_kind);
    EXPECT_OK(stock);
    if (stock.ok())
      for (const auto& row : stock->rows) counts[row.keys[0] + "|" + row.keys[1]] = row.entities;
    return counts;
  };
  auto original = count(*db_);
  EXPECT_FALSE(original.empty());
  EXPECT_EQ(count(*fresh), original);
  fresh->Close();
}

// In Vietnamese (headings and labels for the codes, as the API gives a Vietnamese request), each
// file imports back into the database it came from and changes nothing.
TEST_F(DemoExportTest, AVietnameseExportImportsBackAndChangesNothing) {
  ASSERT_OK(Load(*db_, Options()));
  auto rows_of = [&](const char* sql) {
    std::vector<storage::Row> rows;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(rows, conn.QueryAll(sql));
      return Ok();
    }));
    return rows;
  };
  auto entities_before = rows_of(kEntitiesSql), events_before = rows_of(kEventsSql),
       figures_before = rows_of(kFiguresSql);
  registry::ImportService importer(*db_, directory_);
  for (ExportFormat format : {ExportFormat::kCsv, ExportFormat::kXlsx}) {
    for (FileType file : {FileType::kEntities, FileType::kEvents, FileType::kFigures}) {
      SCOPED_TRACE(std::string(registry::FileTypeName(file)) + " " + registry::ExportFormatName(format));
      auto path =
          Dir() / (std::string("vi-") + registry::FileTypeName(file) + "." + registry::ExportFormatName(format));
      registry::ExportRequest request;
      request.file = file;
      request.format = format;
      request.vietnamese = true;
      auto written = registry::ExportToFile(*db_, *directory_, auth::Principal::Cli("test"), request, path.string());
      ASSERT_OK(written);
      ASSERT_GT(written->rows, 100);
      auto source = io::OpenTable(path.string());
      ASSERT_OK(source);
      auto table = io::ReadAll(**source);
      ASSERT_OK(table);
      // Vietnamese headings and labels, no codes.
      EXPECT_EQ(table->header.at(0), "Mã số HTX");
      if (file == FileType::kEntities) {
        EXPECT_EQ(table->header.at(1), "Loại hình");
        EXPECT_EQ(table->header.at(2), "Tên HTX");
        std::set<std::string> kinds, yes_no;
        for (const auto& row : table->rows) {
          kinds.insert(row.at(1));
          yes_no.insert(row.at(10));
        }
        EXPECT_TRUE(kinds.contains("Hợp tác xã")) << *kinds.begin();
        EXPECT_FALSE(kinds.contains("cooperative"));
        EXPECT_EQ(yes_no, (std::set<std::string>{"Có", "Không"}));
      }
      if (file == FileType::kEvents) {
        EXPECT_EQ(table->header.at(2), "Sự kiện");
      }
      auto imported = ImportFile(importer, path, file, /*confirm_warnings=*/true);
      ASSERT_OK(imported);
      EXPECT_EQ(imported->outcome, registry::ImportOutcome::kCommitted);
      EXPECT_EQ(imported->counts.bad_rows, 0)
          << (imported->problems.empty() ? std::string() : imported->problems[0].Reason(i18n::Lang::kEn));
      EXPECT_EQ(imported->counts.created, 0);
      EXPECT_EQ(imported->counts.updated, 0);
      EXPECT_EQ(imported->counts.events_added, 0);
    }
  }
  EXPECT_EQ(rows_of(kEntitiesSql), entities_before);
  EXPECT_EQ(rows_of(kEventsSql), events_before);
  EXPECT_EQ(rows_of(kFiguresSql), figures_before);
}

// The import templates: Vietnamese headings with the allowed values, and an example row that
// imports (a dry run) without a problem.
TEST_F(DemoExportTest, ImportTemplatesHaveVietnameseHeadingsAndAnExampleThatImports) {
  ASSERT_OK(Load(*db_, Options()));
  registry::ImportService importer(*db_, directory_);
  for (ExportFormat format : {ExportFormat::kCsv, ExportFormat::kXlsx}) {
    for (FileType file : {FileType::kEntities, FileType::kEvents, FileType::kFigures}) {
      SCOPED_TRACE(std::string(registry::FileTypeName(file)) + " " + registry::ExportFormatName(format));
      auto path =
          Dir() / (std::string("template-") + registry::FileTypeName(file) + "." + registry::ExportFormatName(format));
      ASSERT_OK(registry::WriteImportTemplate(file, format, path.string()));
      auto source = io::OpenTable(path.string());
      ASSERT_OK(source);
      auto table = io::ReadAll(**source);
      ASSERT_OK(table);
      ASSERT_EQ(table->rows.size(), 1u);
      EXPECT_EQ(table->header.at(0), "Mã số HTX");
      if (file == FileType::kEntities) {
        EXPECT_EQ(table->header.at(1),
                  "Loại hình (Hợp tác xã / Liên hiệp hợp tác xã / Tổ hợp tác / Quỹ tín dụng nhân dân)");
      }
      // Every heading is read as its column; the example is a good row.
      auto opened = io::OpenTable(path.string());
      ASSERT_OK(opened);
      registry::ImportOptions options;
      options.type = file;
      options.dry_run = true;
      options.source_name = path.filename().string();
      if (file != FileType::kEntities) {
        // The example's entity, made first so that its events and figures have one to go to.
        auto entity_template = Dir() / "template-entity.csv";
        ASSERT_OK(registry::WriteImportTemplate(FileType::kEntities, ExportFormat::kCsv, entity_template.string()));
        auto made = ImportFile(importer, entity_template, FileType::kEntities);
        ASSERT_OK(made);
      }
      auto imported = importer.Import(auth::Principal::Cli("test"), **opened, options);
      ASSERT_OK(imported);
      EXPECT_EQ(imported->counts.bad_rows, 0)
          << (imported->problems.empty() ? std::string() : imported->problems[0].Reason(i18n::Lang::kEn));
      for (const auto& column : imported->columns) EXPECT_FALSE(column.column.empty()) << column.header;
    }
  }
}

// The whole registry — entities, their status histories and their figures — exported and
// imported into an empty database gives the same statistics: counts by current and legacy
// province, status on a past date, and a figure.
TEST_F(DemoExportTest, TheThreeExportsImportBackWithTheSameStatistics) {
  ASSERT_OK(Load(*db_, Options()));
  auto fresh = FreshDatabase();
  ASSERT_NE(fresh, nullptr);
  registry::ImportService importer(*fresh, directory_);
  for (FileType file : {FileType::kEntities, FileType::kEvents, FileType::kFigures}) {
    SCOPED_TRACE(registry::FileTypeName(file));
    auto path = Dir() / (std::string("whole-") + registry::FileTypeName(file) + ".xlsx");
    registry::ExportRequest request;
    request.file = file;
    request.format = ExportFormat::kXlsx;
    auto written = registry::ExportToFile(*db_, *directory_, auth::Principal::Cli("test"), request, path.string());
    ASSERT_OK(written);
    ASSERT_GT(written->rows, 100);
    // The figures as the registry holds them, confirmed there.
    auto imported = ImportFile(importer, path, file, /*confirm_warnings=*/true);
    ASSERT_OK(imported);
    EXPECT_EQ(imported->outcome, registry::ImportOutcome::kCommitted);
    EXPECT_EQ(imported->counts.bad_rows, 0)
        << (imported->problems.empty() ? std::string() : imported->problems[0].Reason(i18n::Lang::kEn));
  }

  struct Question {
    const char* what;
    analytics::StockQuery query;
  };
  auto question = [](std::vector<analytics::Dimension> group_by, const char* as_of, analytics::ProvinceScheme scheme,
                     const char* measure) {
    analytics::StockQuery q;
    q.group_by = std::move(group_by);
    q.as_of = *Date::ParseIso(as_of);
    q.scheme = scheme;
    q.measure = measure;
    q.audience = analytics::Audience::kOfficial;  // exact: the two databases' record keys differ
    return q;
  };
  using analytics::Dimension;
  using analytics::ProvinceScheme;
  std::vector<Question> questions = {
      {"province × kind today", question({Dimension::kProvince, Dimension::kKind}, Date::Today().ToIso().c_str(),
                                         ProvinceScheme::kCurrent, "count")},
      {"legacy province × status, 2021-03-31",
       question({Dimension::kProvince, Dimension::kStatus}, "2021-03-31", ProvinceScheme::kLegacy, "count")},
      {"status × founded year, 2012-12-31",
       question({Dimension::kStatus, Dimension::kFoundedYear}, "2012-12-31", ProvinceScheme::kCurrent, "count")},
      {"members by province, 2024-12-31",
       question({Dimension::kProvince}, "2024-12-31", ProvinceScheme::kCurrent, "members_total")},
  };
  auto answers = [&](storage::Db& db) {
    std::vector<std::map<std::string, std::pair<int64_t, int64_t>>> out;
    auto index = analytics::RegistryIndex::Build(db, directory_);
    EXPECT_OK(index);
    if (!index.ok()) return out;
    for (const Question& q : questions) {
      auto stock = (*index)->Stock(q.query);
      EXPECT_OK(stock);
      auto& rows = out.emplace_back();
      if (!stock.ok()) continue;
      for (const auto& row : stock->rows) {
        std::string key;
        for (const auto& k : row.keys) key += k + "|";
        rows[key] = {row.value, row.entities};
      }
    }
    return out;
  };
  auto original = answers(*db_);
  auto round_trip = answers(*fresh);
  ASSERT_EQ(round_trip.size(), questions.size());
  for (size_t i = 0; i < questions.size(); ++i) {
    SCOPED_TRACE(questions[i].what);
    EXPECT_FALSE(original[i].empty());
    EXPECT_EQ(round_trip[i], original[i]);
  }
  fresh->Close();
}

// A cooperative named like a formula is exported to CSV as text (a leading apostrophe,
// so a spreadsheet does not run it) and imports back as it was named.
TEST_F(DemoExportTest, CsvCellsThatLookLikeFormulasAreWrittenAsTextAndImportBack) {
  domain::Entity e;
  e.kind = domain::EntityKind::kCooperative;
  e.name = "=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")";
  e.registration_code = "HTX-FORMULA-1";
  e.province_code = "01";
  e.founded_on = Date::ParseIso("2020-01-01");
  e.address = "+84 Thôn 3";
  e.chair_name = "-Nguyễn Văn A";
  ASSERT_OK(entities_->Create(auth::Principal::Cli("test"), e));

  auto path = Dir() / "formula.csv";
  registry::ExportRequest request;
  request.file = FileType::kEntities;
  request.format = ExportFormat::kCsv;
  ASSERT_OK(registry::ExportToFile(*db_, *directory_, auth::Principal::Cli("test"), request, path.string()));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find("\"'=HYPERLINK("), std::string::npos) << bytes;
  EXPECT_NE(bytes.find(",'+84 Thôn 3,"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find(",'-Nguyễn Văn A,"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find(",=HYPERLINK"), std::string::npos) << bytes;

  auto fresh = FreshDatabase();
  ASSERT_NE(fresh, nullptr);
  registry::ImportService importer(*fresh, directory_);
  auto imported = ImportFile(importer, path, FileType::kEntities);
  ASSERT_OK(imported);
  EXPECT_EQ(imported->counts.created, 1);
  auto value = [&](const char* column) {
    std::string out;
    EXPECT_OK(fresh->Read([&](storage::Connection& conn) -> Status {
      return conn.Query(std::string("SELECT ") + column + " FROM entities WHERE registration_code = 'HTX-FORMULA-1'",
                        {}, [&](const storage::RowView& row) -> Status {
                          out = std::string(row.GetText(0));
                          return Ok();
                        });
    }));
    return out;
  };
  EXPECT_EQ(value("name"), e.name);
  EXPECT_EQ(value("address"), e.address);
  EXPECT_EQ(value("chair_name"), e.chair_name);
  fresh->Close();
}

TEST_F(DemoExportTest, FiltersAndScopeSelectWhatTheListSelects) {
  ASSERT_OK(Load(*db_, Options(0.02, 11)));
  auto filters = [](auto set) {
    registry::EntityFilters f;
    set(f);
    return f;
  };
  std::vector<std::pair<std::string, registry::EntityFilters>> cases = {
      {"all", {}},
      {"groups", filters([](auto& f) { f.kind = domain::EntityKind::kGroup; })},
      {"province 82", filters([](auto& f) { f.province = "82"; })},
      {"legacy 87", filters([](auto& f) { f.legacy_province = "87"; })},
      {"dissolved", filters([](auto& f) { f.status = domain::EntityStatus::kDissolved; })},
      {"active end 2020", filters([](auto& f) {
         f.status = domain::EntityStatus::kActive;
         f.as_of = Date::FromCivil(2020, 12, 31);
       })},
      {"q", filters([](auto& f) { f.q = "htx nong nghiep"; })},
      {"q naming a province", filters([](auto& f) { f.q = "htx dong thap"; })},
      {"q naming a province elsewhere", filters([](auto& f) {
         f.q = "htx tp ho chi minh";
         f.province = "82";
       })},
      {"q naming a commune", filters([](auto& f) { f.q = "thanh tri"; })},
      {"women in agriculture", filters([](auto& f) {
         f.women_managed = true;
         f.sector = domain::Sector::kAgriculture;
       })},
      {"founded 2015-2019", filters([](auto& f) {
         f.founded_from = Date::FromCivil(2015, 1, 1);
         f.founded_to = Date::FromCivil(2019, 12, 31);
       })},
  };
  std::vector<std::pair<std::string, auth::Principal>> callers = {
      {"national", As(auth::Role::kNationalAdmin)},
      {"province 79", As(auth::Role::kProvinceOfficer, "79")},
      {"cooperative 5", As(auth::Role::kCooperative, "", 5)},
  };
  for (const auto& [who_name, who] : callers) {
    for (const auto& [name, f] : cases) {
      SCOPED_TRACE(who_name + ", " + name);
      registry::ExportSummary summary;
      auto table = ExportAndRead(who, FileType::kEntities, ExportFormat::kCsv, f, &summary);
      ASSERT_OK(table);
      std::vector<std::string> exported;
      for (const auto& row : table->rows) exported.push_back(row[0]);
      std::sort(exported.begin(), exported.end());
      EXPECT_EQ(exported, ListedCodes(who, f));
      EXPECT_EQ(summary.entities, static_cast<int64_t>(exported.size()));
      if (name == "all" && who_name == "province 79") {
        EXPECT_GT(exported.size(), 10u);
      }
      if (who_name == "cooperative 5" && name == "all") {
        EXPECT_EQ(exported.size(), 1u);
      }
    }
  }
  // Events and figures follow the same selection.
  auth::Principal province = As(auth::Role::kProvinceAdmin, "79");
  auto events = ExportAndRead(province, FileType::kEvents, ExportFormat::kCsv);
  ASSERT_OK(events);
  std::set<std::string> codes;
  for (const auto& code : ListedCodes(province, {})) codes.insert(code);
  for (const auto& row : events->rows) EXPECT_TRUE(codes.contains(row[0])) << row[0];
  EXPECT_GT(events->rows.size(), codes.size());

  // Partners and the public: the public columns of the entities, nothing else.
  for (auto who : {As(auth::Role::kPartner), auth::Principal()}) {
    auto table = ExportAndRead(who, FileType::kEntities, ExportFormat::kXlsx);
    ASSERT_OK(table);
    EXPECT_EQ(table->header, (std::vector<std::string>{"kind", "name", "province_code", "commune_code", "sector",
                                                       "founded_on", "status", "status_since"}));
    EXPECT_EQ(static_cast<int64_t>(table->rows.size()), registry::PlannedDemoCounts(0.02)->entities());
    for (FileType file : {FileType::kEvents, FileType::kFigures}) {
      registry::ExportRequest request;
      request.file = file;
      auto refused = registry::ExportToFile(*db_, *directory_, who, request, (Dir() / "refused.csv").string());
      ASSERT_FALSE(refused.ok());
      EXPECT_EQ(refused.error().code, who.authenticated() ? ErrorCode::kPermissionDenied : ErrorCode::kUnauthenticated);
      EXPECT_FALSE(std::filesystem::exists(Dir() / "refused.csv"));
    }
  }
  // A bad filter is refused before any file is written.
  registry::ExportRequest bad;
  bad.filters.legacy_province = "99";
  auto refused =
      registry::ExportToFile(*db_, *directory_, As(auth::Role::kNationalAdmin), bad, (Dir() / "bad.csv").string());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "legacy_province");
  EXPECT_FALSE(std::filesystem::exists(Dir() / "bad.csv"));
}

// The export API: a file download, scoped, in either format.
class ExportApiTest : public DemoExportTest {
 protected:
  void SetUp() override {
    DemoExportTest::SetUp();
    ASSERT_OK(Load(*db_, Options()));
    // The system takes the database with the demo data over (db_ stays valid).
    ASSERT_TRUE(system_.Adopt(std::move(owned_db_)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po79", "province_officer", "79");
    system_.AddUser("partner", "partner");
  }
  void TearDown() override {
    system_.Stop();
    DemoExportTest::TearDown();
  }

  testing::Reply Get(const std::string& target, const std::string& as, bhttp::verb verb = bhttp::verb::get) {
    bhttp::request<bhttp::string_body> req{verb, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    return testing::Send(system_.port(), std::move(req));
  }

  testing::TestSystem system_;
};

TEST_F(ExportApiTest, DownloadsScopedFiles) {
  // The handler writes its temporary files under TMPDIR: a folder of this test's own.
  auto tmp = Dir() / "tmp";
  std::filesystem::create_directories(tmp);
  const char* old_tmpdir = std::getenv("TMPDIR");
  std::string saved = old_tmpdir ? old_tmpdir : "";
  setenv("TMPDIR", tmp.c_str(), 1);
  auto temp_files = [&tmp] {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(tmp))
      n += entry.path().filename().string().starts_with("hoptac-export-");
    return n;
  };
  testing::Reply xlsx = Get("/api/v1/exports/entities?format=xlsx&province=79", "nat");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_EQ(xlsx.headers[bhttp::field::content_type],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.headers["Content-Disposition"],
            "attachment; filename=\"hoptac-entities-79-" + Date::Today().ToIso() + ".xlsx\"");
  auto reader = io::XlsxReader::FromString(xlsx.body);
  ASSERT_OK(reader);
  auto table = io::ReadAll(**reader);
  ASSERT_OK(table);
  registry::EntityFilters in79;
  in79.province = "79";
  EXPECT_EQ(table->rows.size(), ListedCodes(As(auth::Role::kNationalAdmin), in79).size());
  EXPECT_EQ(xlsx.headers["X-Export-Rows"], std::to_string(table->rows.size()));
  EXPECT_EQ(table->header.size(), registry::kEntityColumns.size());

  // HEAD: the same length, no body.
  testing::Reply head = Get("/api/v1/exports/entities?format=xlsx&province=79", "nat", bhttp::verb::head);
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.headers[bhttp::field::content_length], std::to_string(xlsx.body.size()));

  // A province officer gets its province whatever it asks for; CSV by default.
  testing::Reply csv = Get("/api/v1/exports/events", "po79");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.headers[bhttp::field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.headers["Content-Disposition"],
            "attachment; filename=\"hoptac-events-79-" + Date::Today().ToIso() + ".csv\"");
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFregistration_code,date,event,note\r\n"));
  auto csv_reader = io::CsvReader::FromString(csv.body);
  ASSERT_OK(csv_reader);
  auto events = io::ReadAll(**csv_reader);
  ASSERT_OK(events);
  std::set<std::string> codes;
  for (const auto& code : ListedCodes(As(auth::Role::kProvinceOfficer, "79"), {})) codes.insert(code);
  for (const auto& row : events->rows) EXPECT_TRUE(codes.contains(row[0]));
  testing::Reply elsewhere = Get("/api/v1/exports/entities?province=01", "po79");
  ASSERT_EQ(elsewhere.status, 200u);
  EXPECT_EQ(elsewhere.headers["X-Export-Rows"], "0");

  // The public gets the public columns; events and figures need an account that sees records.
  testing::Reply open = Get("/api/v1/exports/entities?kind=credit_fund", "");
  ASSERT_EQ(open.status, 200u) << open.body;
  EXPECT_TRUE(
      open.body.starts_with("\xEF\xBB\xBFkind,name,province_code,commune_code,sector,founded_on,status,"
                            "status_since\r\n"));
  EXPECT_EQ(Get("/api/v1/exports/figures", "").status, 401u);
  testing::Reply partner = Get("/api/v1/exports/figures?format=xlsx", "partner");
  EXPECT_EQ(partner.status, 403u);
  EXPECT_EQ(partner.Code(), "permission_denied");

  // Bad parameters: named.
  testing::Reply bad = Get("/api/v1/exports/entities?format=pdf&kind=htx&limit=5", "nat");
  EXPECT_EQ(bad.status, 400u);
  std::set<std::string> fields;
  for (const auto& f : bad.Json().at("error").at("fields").as_array())
    fields.insert(std::string(f.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"limit"}));  // unknown parameters first
  bad = Get("/api/v1/exports/entities?format=pdf", "nat");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.Json().at("error").at("fields").at(0).at("field").as_string(), "format");
  // Every temporary file is gone once sent.
  EXPECT_EQ(temp_files(), 0);
  if (old_tmpdir) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
}

// The real binary: demo, demo --if-empty, export with filters.
TEST_F(ExportApiTest, VietnameseForAVietnameseRequestCanonicalOnAskingAndTemplates) {
  auto get = [&](const std::string& target, const char* language) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    if (language) req.set(bhttp::field::accept_language, language);
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat"]);
    return testing::Send(system_.port(), std::move(req));
  };
  const std::string bom = "\xEF\xBB\xBF";
  testing::Reply vi = get("/api/v1/exports/events?province=79", "vi-VN,vi;q=0.9,en;q=0.5");
  ASSERT_EQ(vi.status, 200u) << vi.body;
  EXPECT_TRUE(vi.body.starts_with(bom + "Mã số HTX,Ngày,Sự kiện,Ghi chú\r\n")) << vi.body.substr(0, 80);
  EXPECT_NE(vi.body.find(",Thành lập,"), std::string::npos);
  // Without Accept-Language the language is Vietnamese too.
  EXPECT_TRUE(get("/api/v1/exports/events?province=79", nullptr).body.starts_with(bom + "Mã số HTX,"));
  testing::Reply canonical = get("/api/v1/exports/events?province=79&headings=canonical", "vi");
  EXPECT_TRUE(canonical.body.starts_with(bom + "registration_code,date,event,note\r\n"));
  EXPECT_NE(canonical.body.find(",established,"), std::string::npos);
  testing::Reply english = get("/api/v1/exports/entities?province=79", "en");
  EXPECT_TRUE(english.body.starts_with(bom + "registration_code,kind,name,"));
  testing::Reply asked = get("/api/v1/exports/entities?province=79&headings=vi", "en");
  EXPECT_TRUE(asked.body.starts_with(bom + "Mã số HTX,Loại hình,Tên HTX,"));
  EXPECT_EQ(get("/api/v1/exports/entities?headings=fr", "en").status, 400u);

  // Templates: XLSX by default, CSV on asking; the type is required.
  testing::Reply xlsx = get("/api/v1/imports/template?type=figures", "vi");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_EQ(xlsx.headers[bhttp::field::content_type],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.headers["Content-Disposition"], "attachment; filename=\"mau-nhap-figures.xlsx\"");
  testing::Reply csv = get("/api/v1/imports/template?type=entities&format=csv", "vi");
  ASSERT_EQ(csv.status, 200u);
  EXPECT_TRUE(csv.body.starts_with(bom + "Mã số HTX,Loại hình (Hợp tác xã / ")) << csv.body.substr(0, 80);
  EXPECT_EQ(get("/api/v1/imports/template", "vi").status, 400u);
  EXPECT_EQ(get("/api/v1/imports/template?type=people", "vi").status, 400u);
}

TEST_F(DemoExportTest, CommandLine) {
  std::string url = testing::TestDbUrl();
  auto run = [&](const std::string& args, std::string* out = nullptr) {
    std::string command = std::string(HOPTAC_BINARY) + " " + args + " --db '" + url + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    std::string text;
    char buffer[512];
    while (pipe && fgets(buffer, sizeof buffer, pipe)) text += buffer;
    int status = pipe ? pclose(pipe) : -1;
    if (out) *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string out;
  ASSERT_EQ(run("demo --scale 0.01 --seed 3", &out), 0) << out;
  // Counts in the CLI language's format (Vietnamese by default): 1.063, not 1063.
  EXPECT_NE(out.find("1.063 tổ chức"), std::string::npos) << out;
  ASSERT_EQ(run("demo --scale 1 --if-empty", &out), 0) << out;
  EXPECT_NE(out.find("(--if-empty)"), std::string::npos) << out;
  EXPECT_EQ(run("demo --scale 0.01 --seed 3", &out), 1);  // already loaded
  EXPECT_EQ(run("demo --scale abc", &out), 1);
  EXPECT_EQ(run("demo --scale 1 --sed 3", &out), 2);  // unknown option

  auto file = Dir() / "cli-groups.xlsx";
  ASSERT_EQ(run("export entities '" + file.string() + "' --kind group --province 82 --founded-from 2010-01-01", &out),
            0)
      << out;
  auto source = io::OpenTable(file.string());
  ASSERT_OK(source);
  auto table = io::ReadAll(**source);
  ASSERT_OK(table);
  auto other_db = storage::Db::Open(url);
  ASSERT_OK(other_db);
  registry::EntityService service(**other_db, directory_);
  auto other_index = analytics::RegistryIndex::Build(**other_db, directory_);
  ASSERT_OK(other_index);
  service.SetFinder(other_index->get());
  std::vector<std::string> listed;
  registry::EntityFilters f;
  f.kind = domain::EntityKind::kGroup;
  f.province = "82";
  f.founded_from = Date::FromCivil(2010, 1, 1);
  f.limit = 200;
  auto page = service.List(auth::Principal::Cli("test"), f);
  ASSERT_OK(page);
  EXPECT_EQ(static_cast<int64_t>(table->rows.size()), page->total);
  EXPECT_GT(page->total, 0);
  for (const auto& row : table->rows) EXPECT_EQ(row[1], "group");
  (*other_db)->Close();

  auto csv = Dir() / "cli-figures.csv";
  ASSERT_EQ(run("export figures '" + csv.string() + "' --status active", &out), 0) << out;
  EXPECT_TRUE(testing::ReadFile(csv).starts_with("\xEF\xBB\xBFregistration_code,period,members_total"));
  EXPECT_EQ(run("export entities '" + (Dir() / "x.pdf").string() + "'", &out), 1);  // unknown format
  EXPECT_EQ(run("export entities '" + (Dir() / "x.csv").string() + "' --status alive", &out), 1);
  EXPECT_FALSE(std::filesystem::exists(Dir() / "x.csv"));
}

}  // namespace
}  // namespace hoptac

namespace hoptac {
namespace {

// `hoptac stats` through the real binary gives the index's answers, in every format, and names a bad parameter.
TEST_F(DemoExportTest, StatsCommandLine) {
  std::string url = testing::TestDbUrl();
  auto run = [&](const std::string& args, std::string* out) {
    std::string command = "HOPTAC_LANG=en " + std::string(HOPTAC_BINARY) + " " + args + " --db '" + url + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string text;
    char buffer[512];
    while (pipe && fgets(buffer, sizeof buffer, pipe)) text += buffer;
    int status = pipe ? pclose(pipe) : -1;
    *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string out;
  ASSERT_EQ(run("demo --scale 0.01 --seed 5", &out), 0) << out;
  auto db = storage::Db::Open(url);  // the binary's database (each TestDbUrl() is a fresh one)
  ASSERT_OK(db);
  auto index = analytics::RegistryIndex::Build(**db, directory_);
  ASSERT_OK(index);
  analytics::StockQuery query;
  query.group_by = {analytics::Dimension::kKind, analytics::Dimension::kStatus};
  query.as_of = Date::FromCivil(2024, 12, 31);
  auto expected = (*index)->Stock(query);
  ASSERT_OK(expected);
  ASSERT_FALSE(expected->rows.empty());

  ASSERT_EQ(run("stats entities --group-by kind,status --as-of 2024-12-31 --format json", &out), 0) << out;
  auto json = boost::json::parse(out.substr(out.find('{'))).as_object();
  EXPECT_EQ(json.at("total").as_int64(), expected->total);
  ASSERT_EQ(json.at("rows").as_array().size(), expected->rows.size());
  for (size_t i = 0; i < expected->rows.size(); ++i) {
    const auto& row = json.at("rows").as_array()[i].as_object();
    EXPECT_EQ(row.at("keys").at("kind").as_string(), expected->rows[i].keys[0]);
    EXPECT_EQ(row.at("keys").at("status").as_string(), expected->rows[i].keys[1]);
    EXPECT_EQ(row.at("value").as_int64(), expected->rows[i].value);
  }
  ASSERT_EQ(run("stats entities --group-by kind,status --as-of 2024-12-31 --format csv", &out), 0) << out;
  EXPECT_NE(out.find("kind,kind_label,status,status_label,value,entities"), std::string::npos) << out;
  EXPECT_NE(out.find("cooperative,Cooperative,active,Active,"), std::string::npos) << out;
  ASSERT_EQ(run("stats entities --group-by kind --lang vi", &out), 0) << out;
  EXPECT_NE(out.find("Hợp tác xã"), std::string::npos) << out;
  EXPECT_NE(out.find("total: "), std::string::npos) << out;
  ASSERT_EQ(
      run("stats flows --event established --from 2016-01-01 --to 2020-12-31 --group-by year --format json", &out), 0)
      << out;
  EXPECT_EQ(boost::json::parse(out.substr(out.find('{'))).at("years").as_int64(), 5);
  EXPECT_NE(out.find("\"years\":5,"), std::string::npos) << out;
  EXPECT_EQ(run("stats entities --group-by colour", &out), 1);
  EXPECT_NE(out.find("group_by"), std::string::npos) << out;
  EXPECT_EQ(run("stats entities --colour red", &out), 2);
  EXPECT_EQ(run("stats pies", &out), 2);
  index->reset();
  (*db)->Close();
}

}  // namespace
}  // namespace hoptac

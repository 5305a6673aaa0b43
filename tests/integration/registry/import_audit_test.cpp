// An import is one audited operation (registry/import/import_records.h), on the backend
// named by HOPTAC_TEST_BACKEND: one row of imports and one audit row per committed
// import, the original file kept by content, entities that point at the import that
// created them, audit rows of updates that hold only what changed, the record and the
// file through the API under the importer's scope, and retention at start-up.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/log.h"
#include "io/format_detect.h"
#include "registry/import/import.h"
#include "registry/import/import_files.h"
#include "registry/import/import_records.h"
#include "storage/audit.h"
#include "support/http_client.h"
#include "support/status_matchers.h"
#include "support/temp_files.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using registry::FileType;
using registry::ImportOptions;
using registry::ImportResult;
using storage::Int;
using testing::Reply;

const std::string kHeader = "registration_code,name,kind,province_code,founded_on,address\n";

// `rows` cooperatives of province 01, codes <prefix>0…
std::string Cooperatives(const std::string& prefix, int rows) {
  std::string csv = "\xEF\xBB\xBF" + kHeader;
  for (int i = 0; i < rows; ++i)
    csv += prefix + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01,Thôn " +
           std::to_string(i) + "\n";
  return csv;
}

boost::json::value Parse(const std::string& text) {
  return text.empty() ? boost::json::value() : boost::json::parse(text);
}

class ImportAuditTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
  }

  ImportResult MustImport(const std::string& name, const std::string& bytes, FileType type = FileType::kEntities,
                          ImportOptions options = {}) {
    fs::path path = testing::TempDir("hoptac_import_audit_test") / name;
    {
      std::ofstream out(path, std::ios::binary);
      out << bytes;
    }
    io::CsvReadOptions csv;
    csv.numbering = io::RowNumbering::kRecords;
    auto source = io::OpenTable(path.string(), csv);
    EXPECT_OK(source);
    if (!source.ok()) return {};
    options.type = type;
    options.source_name = name;
    options.file_path = path.string();
    auto result = imports_->Import(auth::Principal::Cli("test"), **source, options);
    EXPECT_OK(result);
    return result.ok() ? std::move(result).value() : ImportResult{};
  }

  int64_t Count(const std::string& sql, std::initializer_list<storage::Value> params = {}) {
    int64_t n = -1;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(auto row,
                              conn.QueryOne(sql, std::span<const storage::Value>(params.begin(), params.size())));
      n = std::get<int64_t>((*row)[0]);
      return Ok();
    }));
    return n;
  }

  int64_t EntityId(const std::string& code) {
    return Count("SELECT id FROM entities WHERE registration_code = $1", {storage::Text(code)});
  }

  // The audit rows of the registry (the accounts the tests add have theirs).
  int64_t RegistryAuditRows() {
    return Count("SELECT COUNT(*) FROM audit_log WHERE object_type IN ('entity', 'import')");
  }
  int64_t EntityAuditRows() { return Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'entity'"); }

  std::vector<storage::AuditRecord> EntityAudit(int64_t id) {
    storage::AuditQuery query;
    query.object_type = "entity";
    query.object_id = std::to_string(id);
    auto rows = storage::QueryAudit(*db_, query);
    EXPECT_OK(rows);
    return rows.ok() ? *rows : std::vector<storage::AuditRecord>{};
  }

  registry::ImportRecord Record(int64_t id) {
    auto record = system_.system().import_records().Get(auth::Principal::Cli("test"), id);
    EXPECT_OK(record);
    return record.ok() ? *record : registry::ImportRecord{};
  }

  // Whether the kept content of `sha256` is where this backend keeps it.
  bool Kept(const std::string& sha256) {
    registry::ImportFileStore files(*db_);
    if (files.in_folder()) return fs::is_regular_file(files.PathOf(sha256));
    return Count("SELECT COUNT(*) FROM import_files WHERE sha256 = $1", {storage::Text(sha256)}) == 1;
  }
};

TEST_F(ImportAuditTest, NewRowsWriteOneAuditRowAndPointAtTheirImport) {
  const std::string csv = Cooperatives("A-", 5);
  // A dry run and a rejected import record nothing.
  ImportOptions dry;
  dry.dry_run = true;
  MustImport("dry.csv", csv, FileType::kEntities, dry);
  ImportResult rejected = MustImport("bad.csv", csv + "A-BAD,Sai,HTX,01,31/02/2020,\n");
  EXPECT_EQ(rejected.outcome, registry::ImportOutcome::kRejected);
  EXPECT_EQ(rejected.import_id, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM imports"), 0);
  EXPECT_EQ(RegistryAuditRows(), 0);
  // Nor does it keep its file, nor leave its copy in the data folder.
  EXPECT_FALSE(Kept(registry::Sha256Hex(csv + "A-BAD,Sai,HTX,01,31/02/2020,\n")));
  if (registry::ImportFileStore files(*db_); files.in_folder() && fs::exists(files.Root())) {
    for (const auto& entry : fs::recursive_directory_iterator(files.Root()))
      EXPECT_FALSE(entry.is_regular_file()) << entry.path();
  }

  ImportResult result = MustImport("hop-tac-xa.csv", csv);
  EXPECT_EQ(result.counts.created, 5);
  ASSERT_GT(result.import_id, 0);
  EXPECT_EQ(result.file_sha256, registry::Sha256Hex(csv));
  // Exactly one audit row: the import's.
  EXPECT_EQ(RegistryAuditRows(), 1);
  EXPECT_EQ(EntityAuditRows(), 0);
  storage::AuditQuery query;
  query.object_type = "import";
  query.object_id = std::to_string(result.import_id);
  auto audit = storage::QueryAudit(*db_, query);
  ASSERT_OK(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "import.entities");
  boost::json::value after = Parse((*audit)[0].after_json);
  EXPECT_EQ(after.at("file_name"), "hop-tac-xa.csv");
  EXPECT_EQ(after.at("file_sha256").as_string(), result.file_sha256);
  EXPECT_EQ(after.at("created"), 5);
  EXPECT_EQ(after.at("rows_read"), 5);
  // The entities point at it and at their rows (the header is row 1).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities WHERE import_id = $1", {Int(result.import_id)}), 5);
  EXPECT_EQ(Count("SELECT import_row FROM entities WHERE registration_code = 'A-3'"), 5);

  registry::ImportRecord record = Record(result.import_id);
  EXPECT_EQ(record.type, "entities");
  EXPECT_EQ(record.actor_name, "cli:test");
  EXPECT_EQ(record.file_name, "hop-tac-xa.csv");
  EXPECT_EQ(record.file_size, static_cast<int64_t>(csv.size()));
  EXPECT_EQ(record.rows_read, 5);
  EXPECT_EQ(record.created, 5);
  EXPECT_EQ(record.skipped, 0);
  EXPECT_EQ(record.job_id, "");
  EXPECT_EQ(record.province_code, "");
  EXPECT_EQ(record.file_removed_at_ms, 0);
}

TEST_F(ImportAuditTest, ReimportRecordsTheImportButNoEntityRow) {
  const std::string csv = Cooperatives("B-", 4);
  ImportResult first = MustImport("b.csv", csv);
  ImportResult again = MustImport("b-again.csv", csv);
  EXPECT_FALSE(again.wrote());
  EXPECT_NE(again.import_id, first.import_id);
  registry::ImportRecord record = Record(again.import_id);
  EXPECT_EQ(record.unchanged, 4);
  EXPECT_EQ(record.created + record.updated, 0);
  EXPECT_EQ(RegistryAuditRows(), 2);  // one per import
  EXPECT_EQ(EntityAuditRows(), 0);
  // The same content is kept once.
  EXPECT_EQ(record.file_sha256, first.file_sha256);
  EXPECT_TRUE(Kept(record.file_sha256));
  if (!registry::ImportFileStore(*db_).in_folder()) {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM import_files"), 1);
  }
}

TEST_F(ImportAuditTest, AnUpdateOfTwoFieldsAuditsExactlyThem) {
  MustImport("base.csv", Cooperatives("C-", 3));
  std::string changed = Cooperatives("C-", 3);
  auto replace = [&](const std::string& from, const std::string& to) {
    changed.replace(changed.find(from), from.size(), to);
  };
  replace("Hợp tác xã Số 1,", "Hợp tác xã Đổi Tên,");
  replace("Thôn 1\n", "Thôn Mới\n");
  ImportResult result = MustImport("changed.csv", changed);
  EXPECT_EQ(result.counts.updated, 1);
  EXPECT_EQ(result.counts.unchanged, 2);
  EXPECT_EQ(EntityAuditRows(), 1);
  auto audit = EntityAudit(EntityId("C-1"));
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "entity.import");
  EXPECT_EQ(Parse(audit[0].before_json), boost::json::parse(R"({"name":"Hợp tác xã Số 1","address":"Thôn 1"})"));
  EXPECT_EQ(Parse(audit[0].after_json), boost::json::parse(R"({"import_id":)" + std::to_string(result.import_id) +
                                                           R"(,"name":"Hợp tác xã Đổi Tên","address":"Thôn Mới"})"));
  EXPECT_TRUE(EntityAudit(EntityId("C-0")).empty());
}

TEST_F(ImportAuditTest, EventsAndFiguresAuditOnlyWhatChanged) {
  MustImport("base.csv", Cooperatives("D-", 2));
  int64_t id = EntityId("D-0");
  ImportResult events = MustImport("events.csv",
                                   "registration_code,date,event\n"
                                   "D-0,2023-05-01,suspended\n",
                                   FileType::kEvents);
  EXPECT_EQ(events.counts.created, 1);
  auto audit = EntityAudit(id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "entity.import");
  EXPECT_TRUE(audit[0].before_json.empty());
  boost::json::value after = Parse(audit[0].after_json);
  EXPECT_EQ(after.at("import_id"), events.import_id);
  ASSERT_EQ(after.at("events_added").as_array().size(), 1u);
  EXPECT_EQ(after.at("events_added").as_array()[0].at("date"), "2023-05-01");
  EXPECT_EQ(after.at("events_added").as_array()[0].at("type"), "suspended");

  MustImport("figures.csv", "registration_code,period,members_total,workers_total\nD-0,2024,10,4\n",
             FileType::kFigures);
  ImportResult figures = MustImport(
      "figures2.csv", "registration_code,period,members_total,workers_total\nD-0,2024,12,4\n", FileType::kFigures);
  EXPECT_EQ(figures.counts.updated, 1);
  audit = EntityAudit(id);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(Parse(audit[0].before_json), boost::json::parse(R"({"figures":[{"period":"2024","members_total":10}]})"));
  EXPECT_EQ(Parse(audit[0].after_json), boost::json::parse(R"({"import_id":)" + std::to_string(figures.import_id) +
                                                           R"(,"figures":[{"period":"2024","members_total":12}]})"));
}

TEST_F(ImportAuditTest, TheKeptFileIsTheInput) {
  // Bytes as an office sends them: a byte-order mark, Vietnamese, CRLF.
  std::string csv = "\xEF\xBB\xBFregistration_code;name;kind;province_code\r\nE-1;Hợp tác xã Ánh Dương;HTX;01\r\n";
  ImportResult result = MustImport("lai-chau-2020.csv", csv);
  ASSERT_GT(result.import_id, 0);
  auto file = system_.system().import_records().File(auth::Principal::Cli("test"), result.import_id);
  ASSERT_OK(file);
  EXPECT_EQ(file->second, csv);
  EXPECT_EQ(file->first.file_sha256, registry::Sha256Hex(csv));
  EXPECT_EQ(file->first.file_size, static_cast<int64_t>(csv.size()));
  EXPECT_TRUE(Kept(result.file_sha256));
  registry::ImportFileStore files(*db_);
  if (files.in_folder()) {
    // <data folder>/imports/<sha[0:2]>/<sha>, nothing half-written beside it.
    fs::path path = files.PathOf(result.file_sha256);
    EXPECT_EQ(path.parent_path().filename(), result.file_sha256.substr(0, 2));
    EXPECT_EQ(path.parent_path().parent_path(), fs::path(db_->DataFolder()) / "imports");
    int entries = 0;
    for (const auto& entry : fs::directory_iterator(path.parent_path())) entries += entry.is_regular_file() ? 1 : 0;
    EXPECT_EQ(entries, 1);
    for (const auto& entry : fs::directory_iterator(files.Root()))
      EXPECT_TRUE(entry.is_directory()) << entry.path();  // no temporary copy left
  }
}

// The table variant (PostgreSQL, an in-memory SQLite database) keeps any bytes: an
// XLSX is a zip, with NUL bytes, which PostgreSQL's text parameters cannot carry.
TEST_F(ImportAuditTest, TheTableKeepsBinaryContent) {
  registry::ImportFileStore table = registry::ImportFileStore::InFolder("");
  ASSERT_FALSE(table.in_folder());
  std::string bytes("PK\x03\x04\x00\x00\xff\xfe binary \x00 end", 23);
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  auto file = registry::DescribeImportFile("", std::make_shared<const std::string>(bytes));
  ASSERT_OK(file);
  ASSERT_OK(db_->Write([&](storage::Connection& conn) { return table.Put(conn, *file, "binary.xlsx"); }));
  // Kept once.
  ASSERT_OK(db_->Write([&](storage::Connection& conn) { return table.Put(conn, *file, "binary.xlsx"); }));
  std::optional<std::string> read;
  ASSERT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(read, table.Get(conn, file->sha256));
    return Ok();
  }));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, bytes);
  EXPECT_EQ(Count("SELECT size FROM import_files WHERE sha256 = $1", {storage::Text(file->sha256)}),
            static_cast<int64_t>(bytes.size()));
}

// A file of several chunks (1 MiB each), from a path: stored and read back whole, with
// the memory of a chunk on the way in; removing it removes its chunks.
TEST_F(ImportAuditTest, TheTableKeepsAFileOfSeveralChunks) {
  registry::ImportFileStore table = registry::ImportFileStore::InFolder("");
  std::string bytes;
  bytes.reserve(2'600'000);
  for (int i = 0; bytes.size() < 2'600'000; ++i) bytes.push_back(static_cast<char>((i * 7919) % 256));
  fs::path path = testing::TempDir("hoptac_import_audit_chunks") / "big.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  auto file = registry::DescribeImportFile(path.string(), nullptr);
  ASSERT_OK(file);
  ASSERT_OK(db_->Write([&](storage::Connection& conn) { return table.Put(conn, *file, "big.csv"); }));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_file_chunks WHERE sha256 = $1", {storage::Text(file->sha256)}), 3);
  std::optional<std::string> read;
  ASSERT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(read, table.Get(conn, file->sha256));
    return Ok();
  }));
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(*read == bytes);
  ASSERT_OK(db_->Write([&](storage::Connection& conn) { return table.Remove(conn, file->sha256); }));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_file_chunks"), 0);
}

// Two imports of the same content keeping it at once: the second waits for the first
// (PostgreSQL: its INSERT of the files row; SQLite: the writer lock) and keeps nothing
// more; the chunks are there once. A file that changed since it was hashed is refused
// and leaves nothing.
TEST_F(ImportAuditTest, TheTableKeepsTheSameContentOnceAndRefusesAChangedFile) {
  registry::ImportFileStore table = registry::ImportFileStore::InFolder("");
  std::string bytes(2'200'000, 'a');
  for (size_t i = 0; i < bytes.size(); i += 4099) bytes[i] = static_cast<char>(i % 251);
  fs::path path = testing::TempDir("hoptac_import_audit_twice") / "twice.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  auto file = registry::DescribeImportFile(path.string(), nullptr);
  ASSERT_OK(file);
  std::atomic<bool> first_put{false};
  Status second;
  std::thread other([&] {
    while (!first_put.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    second = db_->Write([&](storage::Connection& conn) { return table.Put(conn, *file, "twice.csv"); });
  });
  ASSERT_OK(db_->Write([&](storage::Connection& conn) -> Status {
    HOPTAC_TRY(table.Put(conn, *file, "twice.csv"));
    first_put = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the other one waits meanwhile
    return Ok();
  }));
  other.join();
  ASSERT_OK(second);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_file_chunks WHERE sha256 = $1", {storage::Text(file->sha256)}), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_files WHERE sha256 = $1", {storage::Text(file->sha256)}), 1);

  // Changed after it was hashed (same size, one byte): refused, nothing kept.
  fs::path changed_path = testing::TempDir("hoptac_import_audit_twice") / "changed.csv";
  std::string other_bytes = bytes;
  other_bytes[0] = 'z';
  {
    std::ofstream out(changed_path, std::ios::binary);
    out << other_bytes;
  }
  auto described = registry::DescribeImportFile(changed_path.string(), nullptr);
  ASSERT_OK(described);
  {
    std::ofstream out(changed_path, std::ios::binary);
    out << bytes.substr(0, 1'500'000) << std::string(bytes.size() - 1'500'000, 'q');
  }
  Status refused = db_->Write([&](storage::Connection& conn) { return table.Put(conn, *described, "changed.csv"); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "error.import_file_changed");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_files WHERE sha256 = $1", {storage::Text(described->sha256)}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM import_file_chunks WHERE sha256 = $1", {storage::Text(described->sha256)}), 0);
}

// With a folder, Describe() copies the file as it hashes it (an import runs it while it
// reads the rows); Put() moves that copy to its content address. A copy no import kept is
// removed, and a file changed after it was described is refused by Put().
TEST_F(ImportAuditTest, TheFolderKeepsTheFileAsItIsHashedAndRefusesAChangedOne) {
  fs::path folder = testing::TempDir("hoptac_import_audit_folder") / "data";
  fs::remove_all(folder);
  registry::ImportFileStore store = registry::ImportFileStore::InFolder(folder.string());
  fs::path path = testing::TempDir("hoptac_import_audit_folder") / "in.csv";
  std::string bytes(1'500'000, 'b');
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  auto count_files = [&] {
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(store.Root())) files += entry.is_regular_file() ? 1 : 0;
    return files;
  };
  {
    // Described, never kept (the import did not commit): nothing stays.
    auto dropped = store.Describe(path.string(), nullptr);
    ASSERT_OK(dropped);
    ASSERT_TRUE(dropped->staged);
    EXPECT_TRUE(fs::is_regular_file(dropped->staged->path()));
  }
  EXPECT_EQ(count_files(), 0);
  auto file = store.Describe(path.string(), nullptr);
  ASSERT_OK(file);
  EXPECT_EQ(file->sha256, registry::Sha256Hex(bytes));
  EXPECT_NE(file->modified_ns, 0);
  EXPECT_FALSE(fs::exists(store.PathOf(file->sha256)));  // not kept before Put()
  ASSERT_OK(db_->Write([&](storage::Connection& conn) { return store.Put(conn, *file, "in.csv"); }));
  std::ifstream kept(store.PathOf(file->sha256), std::ios::binary);
  std::string copied((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(copied == bytes);
  EXPECT_EQ(count_files(), 1);
  // Written again after it was described (same size): refused.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(bytes.size(), 'c');
  }
  Status changed = db_->Write([&](storage::Connection& conn) { return store.Put(conn, *file, "in.csv"); });
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().key, "error.import_file_changed");
}

// Through the API: a province officer uploads; the record and the file are the
// national admin's and that province's to read, not another province's.
TEST_F(ImportAuditTest, RecordAndFileThroughTheApiUnderTheImportersScope) {
  ASSERT_TRUE(system_.Serve());
  system_.AddUser("nat_admin", "national_admin");
  system_.AddUser("pa01", "province_admin", "01");
  system_.AddUser("po01", "province_officer", "01");
  system_.AddUser("po79", "province_officer", "79");
  system_.AddUser("partner", "partner");
  auto call = [&](bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "text/csv");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  };
  const std::string csv = Cooperatives("F-", 3);
  Reply created =
      call(bhttp::verb::post, "/api/v1/imports?type=entities&filename=l%E1%BA%A1i-ch%C3%A2u.csv", "po01", csv);
  ASSERT_EQ(created.status, 202u) << created.body;
  std::string job_id(created.Json().at("id").as_string());
  EXPECT_TRUE(job_id[0] >= 'a' && job_id[0] <= 'f') << job_id;
  boost::json::object job;
  for (int i = 0; i < 3000; ++i) {
    job = call(bhttp::verb::get, "/api/v1/imports/" + job_id, "po01").Json().as_object();
    if (job.at("state") != "queued" && job.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(job.at("state"), "succeeded") << boost::json::serialize(job);
  int64_t import_id = job.at("import_id").as_int64();
  std::string record_path = "/api/v1/imports/" + std::to_string(import_id);

  for (std::string who : {"nat_admin", "po01", "pa01"}) {
    Reply record = call(bhttp::verb::get, record_path, who);
    ASSERT_EQ(record.status, 200u) << who << " " << record.body;
    EXPECT_EQ(record.Json().at("job_id").as_string(), job_id);
    EXPECT_EQ(record.Json().at("province_code"), "01");
    EXPECT_EQ(record.Json().at("actor_name"), "po01");
    EXPECT_EQ(record.Json().at("file_name"), "lại-châu.csv");
    EXPECT_EQ(record.Json().at("file_sha256").as_string(), registry::Sha256Hex(csv));
    EXPECT_EQ(record.Json().at("created"), 3);
    EXPECT_EQ(record.Json().at("file_kept"), true);
    Reply file = call(bhttp::verb::get, record_path + "/file", who);
    ASSERT_EQ(file.status, 200u) << who << " " << file.body;
    EXPECT_EQ(file.body, csv);
    std::string disposition(file.headers[bhttp::field::content_disposition]);
    EXPECT_NE(disposition.find("attachment; filename=\""), std::string::npos) << disposition;
    EXPECT_NE(disposition.find("filename*=UTF-8''l%E1%BA%A1i-ch%C3%A2u.csv"), std::string::npos) << disposition;
  }
  for (std::string who : {"po79", "partner"}) {
    EXPECT_EQ(call(bhttp::verb::get, record_path, who).status, 403u) << who;
    EXPECT_EQ(call(bhttp::verb::get, record_path + "/file", who).status, 403u) << who;
  }
  Reply missing = call(bhttp::verb::get, "/api/v1/imports/999999", "nat_admin");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.Code(), "not_found");

  // The entity's history, as the web reads it: the derived "created by import" entry.
  std::string entity = std::to_string(EntityId("F-2"));
  for (std::string who : {"nat_admin", "pa01"}) {
    Reply history = call(bhttp::verb::get, "/api/v1/audit?object=entity:" + entity, who);
    ASSERT_EQ(history.status, 200u) << history.body;
    const auto& items = history.Json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << history.body;
    EXPECT_TRUE(items[0].at("id").is_null());
    EXPECT_EQ(items[0].at("derived"), true);
    EXPECT_EQ(items[0].at("action"), "entity.import_create");
    EXPECT_EQ(items[0].at("after").at("import_id"), import_id);
    EXPECT_EQ(items[0].at("after").at("import_row"), 4);
    EXPECT_EQ(items[0].at("after").at("file_name"), "lại-châu.csv");
    EXPECT_TRUE(history.Json().at("next_before_id").is_null());
  }
}

// Retention: at start-up the files of which every import is older than the period
// go; the rows keep their SHA-256 and say so; a file a recent import shares stays.
TEST_F(ImportAuditTest, RetentionRemovesOldFilesAtStartUp) {
  ImportResult old_import = MustImport("old.csv", Cooperatives("G-", 2));
  ImportResult shared_old = MustImport("shared.csv", Cooperatives("H-", 2));
  ImportResult shared_new = MustImport("shared-again.csv", Cooperatives("H-", 2));
  ImportResult recent = MustImport("recent.csv", Cooperatives("K-", 2));
  const int64_t forty_days = int64_t{40} * 86'400'000;
  ASSERT_OK(db_->Write([&](storage::Connection& conn) -> Status {
    HOPTAC_TRY(conn.Exec("UPDATE imports SET at_ms = at_ms - $1 WHERE id IN ($2, $3)",
                         {Int(forty_days), Int(old_import.import_id), Int(shared_old.import_id)}));
    return Ok();
  }));

  // Another start over the same database, with a 30-day retention.
  auto db = storage::Db::Open(url_);
  ASSERT_OK(db);
  testing::TestSystem restarted;
  app::SystemOptions options = testing::FastSystemOptions();
  options.import_file_retention_days = 30;
  ASSERT_TRUE(restarted.Adopt(std::move(db).value(), options));

  registry::ImportRecord gone = Record(old_import.import_id);
  EXPECT_NE(gone.file_removed_at_ms, 0);
  EXPECT_EQ(gone.file_sha256, old_import.file_sha256);
  EXPECT_FALSE(Kept(old_import.file_sha256));
  auto file = system_.system().import_records().File(auth::Principal::Cli("test"), old_import.import_id);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(file.error().key, "error.import_file_gone");
  EXPECT_EQ(Record(shared_old.import_id).file_removed_at_ms, 0);
  EXPECT_TRUE(Kept(shared_new.file_sha256));
  EXPECT_OK(system_.system().import_records().File(auth::Principal::Cli("test"), recent.import_id));
  restarted.Stop();
}

}  // namespace
}  // namespace hoptac

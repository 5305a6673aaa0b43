// Imports as users run them, on the backend named by HOPTAC_TEST_BACKEND: through the
// HTTP API as background jobs (upload, follow, report, cancel, ownership), and through
// the real `hoptac import` binary.
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "http/api.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "registry/entity_service.h"
#include "registry/import/import.h"
#include "registry/import/import_jobs.h"
#include "support/child_process.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/temp_files.h"
#include "support/test_db.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using testing::Reply;

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";

// Three bad rows (3, 5, 6) among good ones, as Excel writes a "CSV UTF-8" file.
const std::string kThreeBadRows =
    "\xEF\xBB\xBF"
    "Mã số HTX;Tên HTX;Loại hình;Tỉnh/Thành phố;Ngày thành lập;Ghi chú\r\n"
    "HTX-A-1;Hợp tác xã Tốt Một;HTX;01;01/02/2020;\r\n"
    "HTX-A-2;Hợp tác xã Sai Ngày;HTX;01;31/02/2020;\r\n"
    "HTX-A-3;Hợp tác xã Tốt Hai;HTX;01;01/02/2020;\r\n"
    "HTX-A-4;Hợp tác xã Sai Loại;Công ty;01;01/02/2020;\r\n"
    "HTX-A-5;Hợp tác xã Sai Tỉnh;HTX;Xứ Sở;01/02/2020;\r\n";

std::string ManyRows(const std::string& prefix, int rows) {
  std::string csv = "registration_code,name,kind,province_code,founded_on,address\n";
  for (int i = 0; i < rows; ++i)
    csv += prefix + std::to_string(i) + ",Hợp tác xã Dịch vụ Nông nghiệp Số " + std::to_string(i) +
           ",HTX,01,2020-01-01,\"Thôn Đông, xã Tân Lập, huyện Đan Phượng, thành phố Hà Nội\"\n";
  return csv;
}

class ImportApiTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    for (auto [name, role, province] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"nat_admin", "national_admin", ""},
                                                                        {"po01", "province_officer", "01"},
                                                                        {"po79", "province_officer", "79"}}) {
      auth::NewUser user{name, name, role, province, 0, kPassword};
      ASSERT_TRUE(accounts_->CreateUser(auth::Principal::Cli("test"), user).ok()) << name;
      auto found = accounts_->FindUser(auth::Principal::Cli("test"), name);
      auth::Principal who = auth::Principal::Cli("test");
      who.user_id = found->id;
      who.username = name;
      who.role = found->role;
      who.credential = auth::Credential::kApiToken;
      tokens_[name] = accounts_->CreateToken(who, "test", 0)->second;
    }
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const std::string& content_type = "text/csv") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + tokens_[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  // Polls a job until it has finished.
  boost::json::object Await(const std::string& id, const std::string& as = "nat_admin") {
    for (int i = 0; i < 3000; ++i) {
      Reply r = Call(bhttp::verb::get, "/api/v1/imports/" + id, as);
      EXPECT_EQ(r.status, 200u) << r.body;
      if (r.status != 200) return {};
      std::string state(r.Json().at("state").as_string());
      if (state != "queued" && state != "running") return r.Json().as_object();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return {};
  }

  int64_t Entities() {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     auto row = conn.QueryOne("SELECT COUNT(*) FROM entities", {});
                     if (!row.ok()) return std::move(row).error();
                     n = std::get<int64_t>((**row)[0]);
                     return Ok();
                   })
                    .ok());
    return n;
  }

  std::map<std::string, std::string> tokens_;
};

TEST_F(ImportApiTest, UploadFollowTheJobAndDownloadTheReport) {
  Reply created =
      Call(bhttp::verb::post, "/api/v1/imports?type=entities&filename=danh_sach.csv", "po01", kThreeBadRows);
  ASSERT_EQ(created.status, 202u) << created.body;
  std::string id(created.Json().at("id").as_string());
  EXPECT_EQ(created.headers[bhttp::field::location], "/api/v1/imports/" + id);
  EXPECT_EQ(created.Json().at("format"), "csv");
  EXPECT_EQ(created.Json().at("file_name"), "danh_sach.csv");

  boost::json::object job = Await(id, "po01");
  EXPECT_EQ(job.at("state"), "failed");
  EXPECT_EQ(job.at("outcome"), "rejected");
  EXPECT_EQ(job.at("error").at("key"), "error.import_rejected");
  EXPECT_EQ(job.at("rows_read"), 5);
  EXPECT_EQ(job.at("counts").at("bad_rows"), 3);
  EXPECT_EQ(job.at("counts").at("created"), 2);
  EXPECT_EQ(job.at("problems_total"), 3);
  const auto& problems = job.at("problems").as_array();
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].at("row"), 3);
  EXPECT_EQ(problems[0].at("column"), "Ngày thành lập");
  EXPECT_EQ(problems[0].at("value"), "31/02/2020");
  EXPECT_EQ(problems[0].at("message"), problems[0].at("message_en"));
  EXPECT_NE(problems[0].at("message_vi"), problems[0].at("message_en"));
  EXPECT_EQ(problems[1].at("row"), 5);
  EXPECT_EQ(problems[2].at("row"), 6);
  EXPECT_EQ(job.at("unknown_headers").as_array().size(), 1u);
  EXPECT_EQ(job.at("unknown_headers").as_array()[0], "Ghi chú");
  const auto& columns = job.at("columns").as_array();
  ASSERT_EQ(columns.size(), 6u);
  EXPECT_EQ(columns[1].at("header"), "Tên HTX");
  EXPECT_EQ(columns[1].at("column"), "name");
  const auto& preview = job.at("preview").as_array();
  ASSERT_EQ(preview.size(), 5u);
  EXPECT_EQ(preview[0].at("row"), 2);
  EXPECT_EQ(preview[0].at("values").at("kind"), "cooperative");
  EXPECT_EQ(preview[0].at("values").at("founded_on"), "2020-02-01");
  EXPECT_TRUE(preview[0].at("severity").is_null());
  EXPECT_EQ(preview[1].at("severity"), "error");
  EXPECT_EQ(Entities(), 0);

  Reply csv = Call(bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=csv", "po01");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.headers[bhttp::field::content_type], "text/csv; charset=utf-8");
  EXPECT_NE(std::string(csv.headers["Content-Disposition"]).find("import-" + id + "-report.csv"), std::string::npos);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(csv.body.find("\r\n3,Ngày thành lập,founded_on,31/02/2020,error,"), std::string::npos) << csv.body;
  Reply xlsx = Call(bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=xlsx", "po01");
  ASSERT_EQ(xlsx.status, 200u);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/imports/" + id + "/report?format=pdf", "po01").status, 400u);

  // The job is po01's: another province's account does not see it; a national admin does.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/imports/" + id, "po79").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/imports/" + id + "/report", "po79").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/imports/" + id + "/cancel", "po79").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/imports/" + id, "nat_admin").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/imports", "po79").Json().at("total"), 0);

  // With skip_bad_rows the good rows are written.
  Reply skip = Call(bhttp::verb::post, "/api/v1/imports?type=entities&skip_bad_rows=true", "po01", kThreeBadRows);
  ASSERT_EQ(skip.status, 202u) << skip.body;
  boost::json::object done = Await(std::string(skip.Json().at("id").as_string()), "po01");
  EXPECT_EQ(done.at("state"), "succeeded");
  EXPECT_EQ(done.at("outcome"), "committed");
  EXPECT_EQ(done.at("counts").at("created"), 2);
  EXPECT_EQ(done.at("registry_version"), 1);
  EXPECT_EQ(Entities(), 2);
  Reply list = Call(bhttp::verb::get, "/api/v1/imports", "po01");
  EXPECT_EQ(list.Json().at("total"), 2);
  EXPECT_EQ(list.Json().at("items").as_array()[0].at("id"), skip.Json().at("id"));  // newest first

  // A province account's rows of another province are row errors.
  std::string other = "registration_code,name,kind,province_code\nSG-1,Hợp tác xã Sài Gòn,HTX,79\n";
  Reply scoped = Call(bhttp::verb::post, "/api/v1/imports?type=entities", "po01", other);
  boost::json::object refused = Await(std::string(scoped.Json().at("id").as_string()), "po01");
  EXPECT_EQ(refused.at("outcome"), "rejected");
  EXPECT_EQ(refused.at("problems").as_array()[0].at("code"), "import_out_of_scope");
}

TEST_F(ImportApiTest, BadUploadsAreRefusedAtOnce) {
  auto code = [](const Reply& r) {
    return r.status == 400 ? std::string(r.Json().at("error").at("message").as_string()) : r.body;
  };
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/imports", "nat_admin", kThreeBadRows).status, 400u);  // no type
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/imports?type=people", "nat_admin", kThreeBadRows).status, 400u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/imports?type=entities&dry_run=maybe", "nat_admin", kThreeBadRows).status,
            400u);
  Reply empty = Call(bhttp::verb::post, "/api/v1/imports?type=entities", "nat_admin");
  EXPECT_EQ(empty.status, 400u);
  EXPECT_EQ(code(empty), "The uploaded file is empty.");
  Reply xls =
      Call(bhttp::verb::post, "/api/v1/imports?type=entities", "nat_admin",
           std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "application/vnd.ms-excel");
  EXPECT_EQ(xls.status, 400u);
  EXPECT_NE(code(xls).find(".xls"), std::string::npos) << code(xls);
  // A file that is not UTF-8 is accepted as a job and fails naming the encoding.
  std::string windows1258 =
      "Ma\xDE s\xF4\xEC HTX;T\xEAn HTX;Loa\xF2i hi\xCCnh;Ti\xD2nh/Th\xE0nh ph\xF4\xEC\r\nHTX-W1;H\xF5\xF2p;HTX;01\r\n";
  Reply legacy = Call(bhttp::verb::post, "/api/v1/imports?type=entities", "nat_admin", windows1258);
  ASSERT_EQ(legacy.status, 202u);
  boost::json::object failed = Await(std::string(legacy.Json().at("id").as_string()));
  EXPECT_EQ(failed.at("state"), "failed");
  EXPECT_EQ(failed.at("error").at("key"), "error.file_not_utf8");
  EXPECT_NE(std::string(failed.at("error").at("message").as_string()).find("Windows-1258"), std::string::npos);
  Reply report = Call(bhttp::verb::get,
                      "/api/v1/imports/" + std::string(legacy.Json().at("id").as_string()) + "/report", "nat_admin");
  EXPECT_EQ(report.status, 409u);
}

TEST_F(ImportApiTest, LargeUploadsAreAcceptedAndAQueuedJobCancels) {
  // About 2.5 MB: above the server's default body limit (1 MiB), which still applies elsewhere.
  std::string big = ManyRows("BIG-", 20000);
  ASSERT_GT(big.size(), size_t{2} << 20);
  // The server answers 413 as soon as it has the header, then reads and drops the body before
  // closing (a lingering close), so the client gets the answer.
  EXPECT_EQ(
      Call(bhttp::verb::post, "/api/v1/entities", "nat_admin", std::string((1 << 20) + 1000, ' '), "application/json")
          .status,
      413u);
  Reply first = Call(bhttp::verb::post, "/api/v1/imports?type=entities", "nat_admin", big);
  ASSERT_EQ(first.status, 202u) << first.body;
  Reply second = Call(bhttp::verb::post, "/api/v1/imports?type=entities", "nat_admin", ManyRows("SECOND-", 3000));
  ASSERT_EQ(second.status, 202u);
  std::string second_id(second.Json().at("id").as_string());
  Reply cancelled = Call(bhttp::verb::post, "/api/v1/imports/" + second_id + "/cancel", "nat_admin");
  ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
  boost::json::object first_done = Await(std::string(first.Json().at("id").as_string()));
  EXPECT_EQ(first_done.at("state"), "succeeded");
  EXPECT_EQ(first_done.at("counts").at("created"), 20000);
  boost::json::object second_done = Await(second_id);
  EXPECT_EQ(second_done.at("state"), "cancelled");
  EXPECT_EQ(Entities(), 20000);
  // Cancelling a finished job changes nothing.
  Reply again = Call(bhttp::verb::post, "/api/v1/imports/" + std::string(first.Json().at("id").as_string()) + "/cancel",
                     "nat_admin");
  EXPECT_EQ(again.Json().at("state"), "succeeded");
}

// --- The real binary -----------------------------------------------------------------

// Runs HOPTAC_BINARY with `args` (HOPTAC_LANG=en), capturing standard output and error.
testing::ChildRun RunHoptac(const std::vector<std::string>& args) {
  std::vector<std::string> all = {HOPTAC_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  return testing::RunChild(all, {{"HOPTAC_LANG", "en"}}, "hoptac_import_cli");
}

fs::path WriteCliFile(const std::string& name, const std::string& bytes) {
  fs::path path = testing::TempDir("hoptac_import_cli") / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST_F(ImportApiTest, CommandLineImportsReportsAndExitsNonZeroOnBadRows) {
  fs::path bad = WriteCliFile("bad.csv", kThreeBadRows);
  fs::path report = testing::TempDir("hoptac_import_cli") / "report.csv";
  testing::ChildRun rejected =
      RunHoptac({"import", "entities", bad.string(), "--db", url_, "--report", report.string()});
  EXPECT_EQ(rejected.exit_code, 1) << rejected.out << rejected.err;
  EXPECT_NE(rejected.out.find("Read 5 rows: 2 created, 0 updated, 0 unchanged, 3 bad rows."), std::string::npos)
      << rejected.out;
  EXPECT_NE(rejected.out.find("Nothing was written because of 3 bad rows."), std::string::npos) << rejected.out;
  EXPECT_NE(rejected.err.find("row 3, column \"Ngày thành lập\" (\"31/02/2020\"): Invalid date"), std::string::npos)
      << rejected.err;
  EXPECT_NE(rejected.err.find("Columns not recognised (ignored): \"Ghi chú\"."), std::string::npos) << rejected.err;
  EXPECT_NE(rejected.err.find("5 rows read"), std::string::npos) << rejected.err;  // plain progress, not a terminal
  std::string lines = testing::ReadFile(report);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 4) << lines;  // header and 3 problems
  EXPECT_NE(lines.find("Ngày không hợp lệ"), std::string::npos);
  EXPECT_NE(lines.find("Invalid date"), std::string::npos);
  EXPECT_EQ(Entities(), 0);

  testing::ChildRun dry = RunHoptac({"import", "entities", bad.string(), "--db", url_, "--dry-run", "--skip-bad-rows"});
  EXPECT_EQ(dry.exit_code, 1);
  EXPECT_NE(dry.out.find("Dry run (--dry-run): nothing was written"), std::string::npos) << dry.out;
  EXPECT_EQ(Entities(), 0);

  testing::ChildRun skipped = RunHoptac({"import", "entities", bad.string(), "--db", url_, "--skip-bad-rows"});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.out << skipped.err;
  EXPECT_NE(skipped.out.find("Skipped 3 bad rows"), std::string::npos) << skipped.out;
  EXPECT_NE(skipped.out.find("Written to the database (registry version 1)."), std::string::npos) << skipped.out;
  EXPECT_EQ(Entities(), 2);

  testing::ChildRun again = RunHoptac({"import", "entities", bad.string(), "--db", url_, "--skip-bad-rows"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 created, 0 updated, 2 unchanged, 3 bad rows."), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("Nothing changed; the database is as it was (registry version 1)."), std::string::npos)
      << again.out;

  fs::path figures = WriteCliFile("figures.xlsx", "");
  {
    auto writer = io::XlsxStreamWriter::Create(figures.string());
    ASSERT_TRUE(writer.ok());
    std::vector<std::string> header = {"Mã số HTX", "Năm", "Số thành viên", "Doanh thu (triệu đồng)"};
    ASSERT_TRUE((*writer)->WriteHeader(header).ok());
    std::vector<io::XlsxCell> row = {std::string_view("HTX-A-1"), 2024.0, 5752.0, 3.8};
    ASSERT_TRUE((*writer)->WriteRow(std::span<const io::XlsxCell>(row)).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  testing::ChildRun xlsx = RunHoptac({"import", "figures", figures.string(), "--db", url_, "--report",
                                      (testing::TempDir("hoptac_import_cli") / "figures-report.xlsx").string()});
  EXPECT_EQ(xlsx.exit_code, 0) << xlsx.out << xlsx.err;
  EXPECT_NE(xlsx.out.find("Read 1 rows: 1 created"), std::string::npos) << xlsx.out;

  // A row held back only by a warning is not called an error: the summary says how to confirm.
  fs::path implausible =
      WriteCliFile("implausible.csv", "registration_code,period,avg_income_vnd_month\nHTX-A-1,2023,250000000\n");
  testing::ChildRun unconfirmed = RunHoptac({"import", "figures", implausible.string(), "--db", url_});
  EXPECT_EQ(unconfirmed.exit_code, 1) << unconfirmed.out << unconfirmed.err;
  EXPECT_NE(unconfirmed.out.find("Nothing was written: 1 rows have warnings that need confirmation"), std::string::npos)
      << unconfirmed.out;
  EXPECT_EQ(unconfirmed.out.find("bad rows. Fix the file"), std::string::npos) << unconfirmed.out;
  testing::ChildRun confirmed =
      RunHoptac({"import", "figures", implausible.string(), "--db", url_, "--confirm-warnings"});
  EXPECT_EQ(confirmed.exit_code, 0) << confirmed.out << confirmed.err;
  EXPECT_NE(confirmed.out.find("1 created"), std::string::npos) << confirmed.out;

  testing::ChildRun legacy =
      RunHoptac({"import", "entities", WriteCliFile("w1258.csv", "Ma\xDE s\xF4\xEC HTX;T\xEAn\r\nA;B\r\n").string(),
                 "--db", url_});
  EXPECT_EQ(legacy.exit_code, 1);
  EXPECT_NE(legacy.err.find("Windows-1258"), std::string::npos) << legacy.err;

  testing::ChildRun usage = RunHoptac({"import", "people", bad.string(), "--db", url_});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("Invalid file type: people"), std::string::npos) << usage.err;
}

}  // namespace
}  // namespace hoptac

// How an import reads a file's province (registry/import/import_values.h): files
// kept since the 1990s, provinces that no longer exist, the import's as_of, and
// what the dry-run preview says about it. Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/system.h"
#include "auth/principal.h"
#include "base/log.h"
#include "io/csv.h"
#include "io/format_detect.h"
#include "registry/import/import.h"
#include "registry/index/registry_index.h"
#include "support/split_units.h"
#include "support/status_matchers.h"
#include "support/temp_files.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

using analytics::Dimension;
using analytics::ProvinceScheme;
using analytics::StockQuery;
using registry::FileType;
using registry::ImportOptions;
using registry::ImportOutcome;
using registry::ImportResult;
using registry::Severity;

namespace fs = std::filesystem;

class ImportProvincesTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
  }

  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path path = testing::TempDir("hoptac_import_provinces_test") / name;
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path;
  }

  Result<ImportResult> Import(const std::string& name, const std::string& csv, ImportOptions options = {}) {
    io::CsvReadOptions read;
    read.numbering = io::RowNumbering::kRecords;
    fs::path path = Write(name, csv);
    HOPTAC_ASSIGN_OR_RETURN(auto source, io::OpenTable(path.string(), read));
    options.source_name = name;
    options.file_path = path.string();  // kept with a committed import
    return imports_->Import(auth::Principal::Cli("test"), *source, options);
  }

  ImportResult MustImport(const std::string& name, const std::string& csv, ImportOptions options = {}) {
    auto result = Import(name, csv, std::move(options));
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().key + " " + result.error().detail);
    return result.ok() ? std::move(result).value() : ImportResult{};
  }

  // Entities by province key: stock count on `as_of` in `scheme`.
  std::map<std::string, int64_t> ByProvince(const char* as_of, ProvinceScheme scheme) {
    StockQuery q;
    q.group_by = {Dimension::kProvince};
    q.as_of = *Date::ParseIso(as_of);
    q.scheme = scheme;
    auto result = system_.system().index().Stock(q);
    EXPECT_TRUE(result.ok());
    std::map<std::string, int64_t> out;
    if (result.ok())
      for (const auto& row : result->rows) out[row.keys.at(0)] = row.value;
    return out;
  }

  std::string Stored(const std::string& code, const std::string& column) {
    std::string value = "<missing>";
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      return conn.Query("SELECT CAST(" + column + " AS TEXT) FROM entities WHERE registration_code = $1",
                        std::initializer_list<storage::Value>{storage::Text(code)},
                        [&](const storage::RowView& row) -> Status {
                          value = std::string(row.GetText(0));
                          return Ok();
                        });
    }));
    return value;
  }

  static std::string PreviewValue(const ImportResult& result, int row, const std::string& column) {
    for (const auto& p : result.preview) {
      if (p.row != row) continue;
      for (const auto& [name, value] : p.values)
        if (name == column) return value;
    }
    return "<none>";
  }
};

// A Lai Châu registry kept since the 1990s: "Lai Châu" in the province column,
// founding dates from 1995 to 2003.
const char* const kLaiChau =
    "Mã số HTX,Tên HTX,Loại hình,Tỉnh/Thành phố,Ngày thành lập\r\n"
    "LC-1995,Hợp tác xã Chè Tam Đường,HTX,Lai Châu,02/03/1995\r\n"
    "LC-1997,Hợp tác xã Nông nghiệp Phong Thổ,HTX,Lai Châu,15/06/1997\r\n"
    "LC-2000,Hợp tác xã Dịch vụ Sìn Hồ,HTX,lai chau,30/04/2000\r\n"
    "LC-2002,Hợp tác xã Thủy sản Nậm Nhùn,HTX,Tỉnh Lai Châu,01/10/2002\r\n"
    "LC-2003,Tổ hợp tác Mây tre Than Uyên,THT,12,20/12/2003\r\n";

TEST_F(ImportProvincesTest, AProvincialRegistryKeptSinceThe1990sImportsWithWarningsAndNoErrors) {
  ImportResult result = MustImport("lai-chau-2003.csv", kLaiChau);
  EXPECT_EQ(result.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result.counts.created, 5);
  EXPECT_EQ(result.counts.bad_rows, 0);
  EXPECT_EQ(result.counts.unconfirmed_rows, 0);
  // Only the row before the records (1995) has a warning, and it names the rule.
  ASSERT_EQ(result.problems.size(), 1u);
  const auto& warning = result.problems[0];
  EXPECT_EQ(warning.row, 2);
  EXPECT_EQ(warning.severity, Severity::kWarning);
  EXPECT_EQ(warning.code, "province_read_at_records_begin");
  EXPECT_EQ(warning.Reason(i18n::Lang::kEn),
            "Read \"Lai Châu\" as Lai Châu (12) as of 1997-01-01: the records of provinces begin on 1997-01-01 "
            "and do not reach 1995-03-02.");
  EXPECT_EQ(Stored("LC-1995", "province_code"), "12");
  EXPECT_EQ(Stored("LC-1995", "province_as_of"), "1997-01-01");
  EXPECT_EQ(Stored("LC-2000", "province_as_of"), "2000-04-30");
  // The statistics for Lai Châu as of 2020-12-31 count all five, in both schemes.
  EXPECT_EQ(ByProvince("2020-12-31", ProvinceScheme::kCurrent)["12"], 5);
  EXPECT_EQ(ByProvince("2020-12-31", ProvinceScheme::kLegacy)["12"], 5);
  EXPECT_EQ(ByProvince("2000-06-30", ProvinceScheme::kLegacy)["12"], 3);
}

TEST_F(ImportProvincesTest, TheDryRunPreviewSaysWhichRuleReadTheProvince) {
  ImportOptions options;
  options.dry_run = true;
  ImportResult result = MustImport("lai-chau-2003.csv", kLaiChau, options);
  EXPECT_EQ(result.outcome, ImportOutcome::kDryRun);
  EXPECT_EQ(PreviewValue(result, 2, "province_rule"), "records_begin");
  EXPECT_EQ(PreviewValue(result, 2, "province_as_of"), "1997-01-01");
  EXPECT_EQ(PreviewValue(result, 3, "province_rule"), "founded_on");
  EXPECT_EQ(PreviewValue(result, 3, "province_as_of"), "1997-06-15");
}

TEST_F(ImportProvincesTest, HaTayCountsUnderHaTayOnItsDateAndUnderHaNoiToday) {
  ImportResult result = MustImport("ha-tay.csv",
                                   "registration_code,name,kind,province_code,founded_on\n"
                                   "HT-2006,Hợp tác xã Lụa Vạn Phúc,cooperative,Hà Tây,2006-03-01\n"
                                   "HT-2010,Hợp tác xã Gốm Bát Tràng,cooperative,ha tay,2010-05-01\n");
  EXPECT_EQ(result.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result.counts.created, 2);
  // Founded after Hà Tây's end: read as Hà Nội, with a warning.
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].row, 3);
  EXPECT_EQ(result.problems[0].code, "province_read_as_successor");
  EXPECT_EQ(result.problems[0].severity, Severity::kWarning);
  EXPECT_EQ(Stored("HT-2006", "province_code"), "28");
  EXPECT_EQ(Stored("HT-2006", "current_province_code"), "01");
  EXPECT_EQ(Stored("HT-2010", "province_code"), "01");
  auto legacy_2006 = ByProvince("2006-12-31", ProvinceScheme::kLegacy);
  EXPECT_EQ(legacy_2006["28"], 1);
  EXPECT_EQ(legacy_2006.count("01"), 0u);
  auto current_2006 = ByProvince("2006-12-31", ProvinceScheme::kCurrent);
  EXPECT_EQ(current_2006["01"], 1);
  EXPECT_EQ(current_2006.count("28"), 0u);
  EXPECT_EQ(ByProvince("2012-12-31", ProvinceScheme::kLegacy)["01"], 2);
}

TEST_F(ImportProvincesTest, TheImportsAsOfReadsRowsWithoutTheirOwnDate) {
  ImportOptions options;
  options.as_of = *Date::ParseIso("2020-12-31");
  ImportResult result = MustImport("yen-bai.csv",
                                   "registration_code,name,kind,province_code,founded_on,province_as_of\n"
                                   "YB-1,Hợp tác xã Quế Văn Yên,cooperative,Yên Bái,,\n"
                                   "YB-2,Hợp tác xã Chè Suối Giàng,cooperative,15,2026-01-05,\n"
                                   "YB-3,Hợp tác xã Sơn Tra,cooperative,15,2010-01-05,2026-01-05\n",
                                   options);
  EXPECT_EQ(result.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result.counts.bad_rows, 0);
  EXPECT_TRUE(result.problems.empty());
  // Rule 2: read as of 2020-12-31 (Yên Bái), before the founding date.
  EXPECT_EQ(Stored("YB-1", "province_as_of"), "2020-12-31");
  EXPECT_EQ(Stored("YB-2", "province_as_of"), "2020-12-31");
  EXPECT_EQ(Stored("YB-2", "province_code"), "15");
  // Rule 1 before rule 2: code 15 on 2026-01-05 is Lào Cai.
  EXPECT_EQ(Stored("YB-3", "province_as_of"), "2026-01-05");
  EXPECT_EQ(PreviewValue(result, 2, "province_rule"), "as_of");
  EXPECT_EQ(PreviewValue(result, 4, "province_rule"), "province_as_of");
  // On 2024-12-31: YB-1 in Yên Bái; YB-3, registered in today's Lào Cai (old Lào Cai and
  // Yên Bái), has no single province then; YB-2 did not exist yet.
  auto legacy = ByProvince("2024-12-31", ProvinceScheme::kLegacy);
  EXPECT_EQ(legacy["15"], 1);
  EXPECT_EQ(legacy[""], 1);
}

TEST_F(ImportProvincesTest, AnAsOfIsForEntityListsAndNotInTheFuture) {
  ImportOptions options;
  options.type = FileType::kEvents;
  options.as_of = *Date::ParseIso("2020-12-31");
  auto events = Import("events.csv", "registration_code,date,event\nX,2020-01-01,suspended\n", options);
  ASSERT_FALSE(events.ok());
  ASSERT_EQ(events.error().fields.size(), 1u);
  EXPECT_EQ(events.error().fields[0].field, "as_of");
  EXPECT_EQ(events.error().fields[0].code, "as_of_entities_only");
  ImportOptions future;
  future.as_of = *Date::ParseIso("2999-01-01");
  auto later = Import("future.csv", "registration_code,name,kind,province_code\nX,A,cooperative,01\n", future);
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().fields.at(0).code, "date_in_future");
}

// A name that leads to several provinces at the date is refused for its row, naming the
// candidates, and the other rows are written (skip_bad_rows). The reference data holds no
// split that ended a unit, so this import reads the directory of support/split_units.h:
// Sông Bé until 1996-12-31, then Bình Phước and Bình Dương.
TEST_F(ImportProvincesTest, ANameOfASplitUnitAfterItsSplitIsRefusedNamingTheCandidates) {
  registry::ImportService split(*db_, testing::SongBeSplit());
  const std::string csv =
      "registration_code,kind,name,province_code,founded_on\n"
      "SB-1998,HTX,Hợp tác xã Cao su Đồng Phú,Bình Phước,1998-05-04\n"
      "SB-2001,HTX,Hợp tác xã Thủ Dầu Một,Song Be,2001-09-10\n"
      "SB-2003,HTX,Hợp tác xã Lái Thiêu,74,2003-02-01\n";
  io::CsvReadOptions read;
  read.numbering = io::RowNumbering::kRecords;
  fs::path path = Write("song-be.csv", csv);
  auto source = io::OpenTable(path.string(), read);
  ASSERT_OK(source);
  ImportOptions options;
  options.source_name = "song-be.csv";
  options.file_path = path.string();
  options.skip_bad_rows = true;
  auto result = split.Import(auth::Principal::Cli("test"), **source, options);
  ASSERT_OK(result);
  EXPECT_EQ(result->outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result->counts.created, 2);
  EXPECT_EQ(result->counts.bad_rows, 1);
  ASSERT_EQ(result->problems.size(), 1u);
  const auto& problem = result->problems[0];
  EXPECT_EQ(problem.row, 3);
  EXPECT_EQ(problem.severity, Severity::kError);
  EXPECT_EQ(problem.key, "field.province_ambiguous");
  EXPECT_EQ(problem.Reason(i18n::Lang::kVi).find("Bình Phước (70), Bình Dương (74)") != std::string::npos, true)
      << problem.Reason(i18n::Lang::kVi);
  EXPECT_EQ(problem.Reason(i18n::Lang::kEn),
            "\"Song Be\" on 2001-09-10 leads to several provinces: Bình Phước (70), Bình Dương (74). Give the commune, "
            "or the province code with its date (province_as_of).");
  EXPECT_EQ(Stored("SB-1998", "province_code"), "70");
  EXPECT_EQ(Stored("SB-2003", "province_code"), "74");
  EXPECT_EQ(Stored("SB-2001", "province_code"), "<missing>");
}

}  // namespace
}  // namespace hoptac

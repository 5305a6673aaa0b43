// Import of registry files (registry/import.h) on the backend named by
// HOPTAC_TEST_BACKEND, with real files as offices make them: an Excel-style CSV (BOM,
// CRLF, semicolons, Vietnamese headers, dd/mm/yyyy, "5.752"), a LibreOffice-style CSV,
// XLSX with shared strings (io's writer), a hand-made XLSX with inline strings and
// serial dates, an XLSX converted by LibreOffice itself (when installed), and a
// Windows-1258 file that must be refused.
#include "registry/import/import.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "auth/principal.h"
#include "base/log.h"
#include "io/csv.h"
#include "io/format_detect.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "registry/change.h"
#include "registry/entity_json.h"
#include "registry/entity_service.h"
#include "storage/audit.h"
#include "storage/db.h"
#include "support/server_harness.h"
#include "support/status_matchers.h"
#include "support/temp_files.h"
#include "support/test_db.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

using registry::FileType;
using registry::ImportOptions;
using registry::ImportOutcome;
using registry::ImportResult;
using storage::Text;

namespace fs = std::filesystem;

const fs::path& Dir() { return testing::TempDir("hoptac_import_test"); }

fs::path Write(const std::string& name, const std::string& bytes) {
  fs::path path = Dir() / name;
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

constexpr const char* kBom = "\xEF\xBB\xBF";

class CountingObserver : public registry::RegistryObserver {
 public:
  void EntitiesChanged(std::span<const int64_t>) override {}
  void Reload() override { ++reloads; }
  std::atomic<int> reloads{0};
};

class ImportTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    service_ = imports_;
    // The test watches what the importer tells its observer (the index, in the system).
    service_->SetObserver(&observer_);
  }

  Result<ImportResult> Import(const fs::path& path, FileType type, ImportOptions options = {},
                              const auth::Principal& who = auth::Principal::Cli("test")) {
    io::CsvReadOptions csv;
    csv.numbering = io::RowNumbering::kRecords;
    HOPTAC_ASSIGN_OR_RETURN(auto source, io::OpenTable(path.string(), csv));
    options.type = type;
    options.source_name = path.filename().string();
    options.file_path = path.string();
    return service_->Import(who, *source, options);
  }

  ImportResult MustImport(const fs::path& path, FileType type, ImportOptions options = {},
                          const auth::Principal& who = auth::Principal::Cli("test")) {
    auto result = Import(path, type, std::move(options), who);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().key + " " + result.error().detail);
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

  // One column of an entity, as text ("" for NULL).
  std::string Field(const std::string& code, const std::string& column) {
    std::string value = "<missing>";
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      // The column name comes from the test itself.
      return conn.Query("SELECT CAST(" + column + " AS TEXT) FROM entities WHERE registration_code = $1",
                        std::initializer_list<storage::Value>{Text(code)}, [&](const storage::RowView& row) -> Status {
                          value = std::string(row.GetText(0));
                          return Ok();
                        });
    }));
    return value;
  }

  std::string Figure(const std::string& code, const std::string& period, const std::string& column) {
    std::string value = "<missing>";
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      return conn.Query("SELECT CAST(f." + column +
                            " AS TEXT) FROM entity_figures f JOIN entities e ON e.id = f.entity_id "
                            "WHERE e.registration_code = $1 AND f.period = $2",
                        std::initializer_list<storage::Value>{Text(code), Text(period)},
                        [&](const storage::RowView& row) -> Status {
                          value = std::string(row.GetText(0));
                          return Ok();
                        });
    }));
    return value;
  }

  std::vector<std::string> Events(const std::string& code) {
    std::vector<std::string> out;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      return conn.Query(
          "SELECT v.date, v.type FROM entity_events v JOIN entities e ON e.id = v.entity_id "
          "WHERE e.registration_code = $1 ORDER BY v.date, v.id",
          std::initializer_list<storage::Value>{Text(code)}, [&](const storage::RowView& row) -> Status {
            out.push_back(std::string(row.GetText(0)) + " " + std::string(row.GetText(1)));
            return Ok();
          });
    }));
    return out;
  }

  int64_t Version() {
    int64_t version = -1;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
      return Ok();
    }));
    return version;
  }

  int64_t Entities() { return Count("SELECT COUNT(*) FROM entities"); }
  int64_t AuditRows() { return Count("SELECT COUNT(*) FROM audit_log"); }

  registry::ImportService* service_ = nullptr;
  CountingObserver observer_;
};

// What a provincial office saves from Excel on Windows: "CSV UTF-8", a byte-order mark,
// CRLF, semicolons (European list separator), Vietnamese headings, dd/mm/yyyy.
const std::string kExcelEntities =
    std::string(kBom) +
    "STT;Mã số HTX;Tên HTX;Loại hình;Tỉnh/Thành phố;Địa chỉ;Ngành nghề;Ngày thành "
    "lập;Tình trạng;Từ ngày;HTX do phụ nữ quản lý;Chủ tịch;Giới tính;Năm sinh;Số điện "
    "thoại\r\n"
    "1;htx-yb-001;Hợp tác xã Nông nghiệp Tân Lập;HTX;Yên Bái;\"Thôn 3; xã Tân Lập\";Nông "
    "nghiệp;15/03/2015;Đang hoạt động;;x;Nguyễn Thị Lan;Nữ;1975;0912 345 678\r\n"
    "2;HTX-YB-002;Hợp tác xã Dịch vụ Đồng Tâm;Hợp tác xã;15;;Thương mại - dịch "
    "vụ;01/02/2016;Ngừng hoạt động;01/06/2023;không;Trần Văn Nam;Nam;1968;\r\n"
    "3;THT-LC-003;Tổ hợp tác Rau sạch Bắc Hà;THT;lao cai;;;20/05/2026;;;;;;;\r\n";

const std::string kExcelFigures = std::string(kBom) +
                                  "Mã số HTX;Kỳ báo cáo;Số thành viên;Thành viên nữ;Số lao động;Doanh thu (triệu "
                                  "đồng);Thu nhập bình quân (đồng/người/tháng)\r\n"
                                  "HTX-YB-001;2024;5.752;2.100;120;\"3,8\";5.500.000\r\n"
                                  "htx-yb-002;2024S1;12;5;8;1.250;4.200.000\r\n";

TEST_F(ImportTest, ExcelStyleCsvWithBomCrlfSemicolonsAndVietnameseHeadings) {
  ImportResult entities = MustImport(Write("excel_entities.csv", kExcelEntities), FileType::kEntities);
  EXPECT_EQ(entities.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(entities.counts.rows_read, 3);
  EXPECT_EQ(entities.counts.created, 3);
  EXPECT_EQ(entities.counts.bad_rows, 0);
  EXPECT_EQ(entities.counts.events_added, 1);
  EXPECT_TRUE(entities.problems.empty()) << entities.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(entities.columns.size(), 15u);
  EXPECT_EQ(entities.columns[0].column, "");  // STT is ignored
  EXPECT_EQ(entities.columns[2].header, "Tên HTX");
  EXPECT_EQ(entities.columns[2].column, "name");
  ASSERT_EQ(entities.preview.size(), 3u);
  EXPECT_EQ(entities.preview[0].row, 2);

  EXPECT_EQ(Field("HTX-YB-001", "kind"), "cooperative");
  EXPECT_EQ(Field("HTX-YB-001", "name"), "Hợp tác xã Nông nghiệp Tân Lập");
  EXPECT_EQ(Field("HTX-YB-001", "province_code"), "15");  // Yên Bái in 2015
  EXPECT_EQ(Field("HTX-YB-001", "current_province_code"), "15");
  EXPECT_EQ(Field("HTX-YB-001", "address"), "Thôn 3; xã Tân Lập");
  EXPECT_EQ(Field("HTX-YB-001", "sector"), "agriculture");
  EXPECT_EQ(Field("HTX-YB-001", "founded_on"), "2015-03-15");
  EXPECT_EQ(Field("HTX-YB-001", "women_managed"), "1");
  EXPECT_EQ(Field("HTX-YB-001", "chair_sex"), "female");
  EXPECT_EQ(Field("HTX-YB-001", "chair_birth_year"), "1975");
  EXPECT_EQ(Field("HTX-YB-001", "phone"), "0912345678");
  EXPECT_EQ(Field("HTX-YB-002", "sector"), "trade_services");
  EXPECT_EQ(Field("THT-LC-003", "kind"), "group");
  EXPECT_EQ(Field("THT-LC-003", "province_code"), "15");  // Lào Cai since 2025-07-01
  EXPECT_EQ(Events("HTX-YB-002"), std::vector<std::string>{"2023-06-01 stopped"});
  EXPECT_TRUE(Events("HTX-YB-001").empty());
  // One version for the whole import, stamped on every entity; one audit row, the import's:
  // the entities it created point at it and at their rows (as Excel numbers them).
  EXPECT_EQ(entities.registry_version, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities WHERE change_seq = 1"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'entity.import'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.entities'"), 1);
  EXPECT_EQ(Field("HTX-YB-001", "import_id"), std::to_string(entities.import_id));
  EXPECT_EQ(Field("HTX-YB-001", "import_row"), "2");
  EXPECT_EQ(Field("THT-LC-003", "import_row"), "4");
  EXPECT_EQ(observer_.reloads.load(), 1);
  // The entity's history starts with the import it came from (a derived entry).
  int64_t id = std::stoll(Field("HTX-YB-001", "id"));
  storage::AuditQuery query;
  query.object_type = "entity";
  query.object_id = std::to_string(id);
  auto audit = accounts_->ListAudit(auth::Principal::Cli("test"), query);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_TRUE((*audit)[0].derived);
  EXPECT_EQ((*audit)[0].action, "entity.import_create");
  EXPECT_EQ((*audit)[0].actor_name, "cli:test");
  EXPECT_EQ(boost::json::parse((*audit)[0].after_json),
            boost::json::parse("{\"import_id\":" + std::to_string(entities.import_id) +
                               ",\"import_row\":2,\"file_name\":\"excel_entities.csv\"}"));

  ImportResult figures = MustImport(Write("excel_figures.csv", kExcelFigures), FileType::kFigures);
  EXPECT_EQ(figures.counts.created, 2);
  EXPECT_EQ(figures.counts.bad_rows, 0);
  EXPECT_TRUE(figures.problems.empty()) << figures.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "members_total"), "5752");
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "members_female"), "2100");
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "revenue_vnd"), "3800000");  // 3,8 triệu đồng
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "avg_income_vnd_month"), "5500000");
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "period_end"), "2024-12-31");
  EXPECT_EQ(Figure("HTX-YB-002", "2024S1", "revenue_vnd"), "1250000000");
  EXPECT_EQ(Figure("HTX-YB-001", "2024", "profit_vnd"), "");  // not reported is not zero
  EXPECT_EQ(figures.registry_version, 2);
}

TEST_F(ImportTest, LibreOfficeStyleCsvWithCanonicalColumns) {
  // LibreOffice Calc's "Text CSV": no byte-order mark, LF, commas, quotes only where needed.
  std::string csv =
      "registration_code,kind,name,province_code,commune_code,address,sector,founded_on,status,status_since,"
      "women_managed,youth,chair_name,chair_sex,chair_birth_year,phone,email,union_registration_code\n"
      "LH-01-001,union,Liên hiệp HTX Thủ đô,01,,,trade_services,2018-04-02,active,2018-04-02,false,false,,,,,,\n"
      "HTX-01-002,cooperative,\"HTX Rau an toàn, Văn Đức\",Hà Nội,00004,,agriculture,2019-07-08,active,2019-07-08,true,"
      "true,Lê Thị Hoa,female,1980,+84 24 3826 1234,Office@HTX-VanDuc.vn,LH-01-001\n"
      "QT-79-003,credit_fund,Quỹ tín dụng nhân dân Tân Định,Hồ Chí Minh,,,credit,2010-01-01,dissolved,2022-12-31,false,"
      "false,,,,,,\n";
  ImportResult result = MustImport(Write("libreoffice.csv", csv), FileType::kEntities);
  ASSERT_EQ(result.counts.bad_rows, 0) << result.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(result.counts.created, 3);
  EXPECT_EQ(Field("HTX-01-002", "name"), "HTX Rau an toàn, Văn Đức");
  EXPECT_EQ(Field("HTX-01-002", "commune_code"), "00004");
  EXPECT_EQ(Field("HTX-01-002", "youth"), "1");
  EXPECT_EQ(Field("HTX-01-002", "email"), "office@htx-vanduc.vn");
  EXPECT_EQ(Field("HTX-01-002", "phone"), "+842438261234");
  EXPECT_EQ(Field("HTX-01-002", "union_id"), Field("LH-01-001", "id"));
  EXPECT_EQ(Field("QT-79-003", "province_code"), "79");
  EXPECT_EQ(Events("QT-79-003"), std::vector<std::string>{"2022-12-31 dissolved"});
}

TEST_F(ImportTest, XlsxWithSharedStringsFromTheIoWriter) {
  fs::path path = Dir() / "shared.xlsx";
  io::XlsxStreamOptions options;
  options.shared_string_columns.assign(6, true);  // as Excel itself writes
  auto writer = io::XlsxStreamWriter::Create(path.string(), options);
  ASSERT_TRUE(writer.ok());
  std::vector<std::string> header = {"Mã số HTX", "Tên HTX", "Loại hình", "Tỉnh", "Ngày thành lập", "Số ĐT"};
  ASSERT_OK((*writer)->WriteHeader(header));
  using Cell = io::XlsxCell;
  std::vector<Cell> row1 = {std::string_view("HTX-X-1"),    std::string_view("Hợp tác xã Thêu ren Văn Lâm"),
                            std::string_view("Hợp tác xã"), 33.0,
                            std::string_view("2012-09-30"), std::string_view("0221 3987 654")};
  std::vector<Cell> row2 = {std::string_view("HTX-X-2"),    std::string_view("Hợp tác xã Gốm Chu Đậu"),
                            std::string_view("HTX"),        std::string_view("Hải Dương"),
                            std::string_view("01/10/2014"), std::monostate{}};
  ASSERT_OK((*writer)->WriteRow(std::span<const Cell>(row1)));
  ASSERT_OK((*writer)->WriteRow(std::span<const Cell>(row2)));
  ASSERT_OK((*writer)->Close());

  ImportResult result = MustImport(path, FileType::kEntities);
  ASSERT_EQ(result.counts.bad_rows, 0) << result.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(Field("HTX-X-1", "province_code"), "33");  // a number cell
  EXPECT_EQ(Field("HTX-X-1", "founded_on"), "2012-09-30");
  EXPECT_EQ(Field("HTX-X-2", "province_code"), "30");  // Hải Dương in 2014
  EXPECT_EQ(Field("HTX-X-2", "founded_on"), "2014-10-01");
}

// A workbook made by hand: inline strings (as the OpenXML SDK and many exporters
// write), dates stored as serial numbers under date formats, numbers as numbers.
void WriteHandMadeXlsx(const fs::path& path) {
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const std::string pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
  auto s = [](const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  };
  auto n = [](const std::string& ref, const std::string& value, int style = 0) {
    return "<c r=\"" + ref + "\"" + (style ? " s=\"" + std::to_string(style) + "\"" : "") + "><v>" + value + "</v></c>";
  };
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main + "\"><sheetData>" + "<row r=\"1\">" +
      s("A1", "Mã số HTX") + s("B1", "Tên HTX") + s("C1", "Loại hình") + s("D1", "Tỉnh/Thành phố") +
      s("E1", "Ngày thành lập") + s("F1", "Tình trạng") + s("G1", "Từ ngày") + "</row>" + "<row r=\"2\">" +
      s("A2", "HTX-H-1") + s("B2", "Hợp tác xã Chè Tân Cương") + s("C2", "HTX") + n("D2", "19") +
      n("E2", "41275", 1) /* 2013-01-01 */ + s("F2", "Tạm ngừng hoạt động") + n("G2", "44927", 2) /* 2023-01-01 */ +
      "</row>" + "<row r=\"4\">" /* row 3 left empty, as people do */ + s("A4", "HTX-H-2") +
      s("B4", "Hợp tác xã Dược liệu Đồng Hỷ") + s("C4", "HTX") + s("D4", "Thái Nguyên") + n("E4", "43466.0", 1) +
      "</row></sheetData></worksheet>";
  std::string styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + main +
                       "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
                       "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
                       "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" +
                          rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel +
                              "\"><sheets><sheet name=\"HTX\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"" + pkg +
                                         "\"><Relationship Id=\"rId1\" Type=\"" + rel +
                                         "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
                                         "Type=\"" +
                                         rel + "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
      {"xl/styles.xml", styles},
  };
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

TEST_F(ImportTest, HandMadeXlsxWithInlineStringsAndSerialDates) {
  fs::path path = Dir() / "inline.xlsx";
  WriteHandMadeXlsx(path);
  ImportResult result = MustImport(path, FileType::kEntities);
  ASSERT_EQ(result.counts.bad_rows, 0) << result.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(Field("HTX-H-1", "founded_on"), "2013-01-01");
  EXPECT_EQ(Field("HTX-H-1", "province_code"), "19");
  EXPECT_EQ(Events("HTX-H-1"), std::vector<std::string>{"2023-01-01 suspended"});
  EXPECT_EQ(Field("HTX-H-2", "founded_on"), "2019-01-01");
  ASSERT_EQ(result.preview.size(), 2u);
  EXPECT_EQ(result.preview[1].row, 4);  // the sheet's own row number
}

TEST_F(ImportTest, XlsxSavedByLibreOffice) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui";
  fs::path folder = Dir() / "lo";
  fs::create_directories(folder);
  fs::path csv = Write("lo/entities.csv",
                       "Mã số HTX,Tên HTX,Loại hình,Tỉnh/Thành phố,Ngày thành lập,Tình trạng,Từ ngày\n"
                       "HTX-LO-1,Hợp tác xã Mây tre đan Phú Vinh,HTX,01,15/03/2015,Ngừng hoạt động,01/06/2022\n"
                       "HTX-LO-2,Hợp tác xã Cà phê Ea Kar,HTX,66,2017-08-09,,\n");
  // Vietnamese locale (1066) so that dd/mm/yyyy cells become dates, stored as serial numbers.
  std::string command =
      "cd '" + folder.string() + "' && HOME='" + folder.string() +
      "' soffice --headless --infilter=CSV:44,34,76,1,,1066 --convert-to xlsx --outdir . entities.csv "
      ">/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  fs::path xlsx = folder / "entities.xlsx";
  ASSERT_TRUE(fs::exists(xlsx));
  ImportResult result = MustImport(xlsx, FileType::kEntities);
  ASSERT_EQ(result.counts.bad_rows, 0) << result.problems[0].Reason(i18n::Lang::kEn);
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(Field("HTX-LO-1", "founded_on"), "2015-03-15");
  EXPECT_EQ(Field("HTX-LO-1", "province_code"), "01");
  EXPECT_EQ(Field("HTX-LO-2", "founded_on"), "2017-08-09");
  EXPECT_EQ(Events("HTX-LO-1"), std::vector<std::string>{"2022-06-01 stopped"});
}

TEST_F(ImportTest, Windows1258FileIsRefusedNamingTheEncoding) {
  // "Mã số HTX;Tên HTX;Loại hình;Tỉnh/Thành phố" and one row, saved as Windows-1258
  // (iconv -t CP1258): tone marks as separate bytes after the vowel.
  std::string bytes =
      "Ma\xDE s\xF4\xEC HTX;T\xEAn HTX;Loa\xF2i hi\xCCnh;Ti\xD2nh/Th\xE0nh ph\xF4\xEC\r\n"
      "HTX-W1;H\xF5\xF2p t\xE1\x63 xa\xDE T\xE2n L\xE2\xF2p;HTX;01\r\n";
  int64_t before = Entities();
  auto result = Import(Write("windows1258.csv", bytes), FileType::kEntities);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().key, "error.file_not_utf8");
  ASSERT_EQ(result.error().args.size(), 2u);
  EXPECT_EQ(result.error().args[0], "1");
  EXPECT_EQ(result.error().args[1], "Windows-1258");
  EXPECT_NE(i18n::Translate(i18n::Lang::kVi, result.error().key, result.error().args).find("Windows-1258"),
            std::string::npos);
  EXPECT_EQ(Entities(), before);
}

TEST_F(ImportTest, ThreeBadRowsLeaveTheDatabaseUnchangedAndAreAllReported) {
  MustImport(Write("base.csv", kExcelEntities), FileType::kEntities);
  int64_t entities = Entities(), audits = AuditRows(), version = Version();
  int reloads = observer_.reloads.load();
  std::string csv =
      "Mã số HTX,Tên HTX,Loại hình,Tỉnh/Thành phố,Địa chỉ,Ngày thành lập\n"   // row 1
      "HTX-OK-1,Hợp tác xã Tốt Một,HTX,01,,01/02/2020\n"                      // row 2
      "HTX-BAD-1,Hợp tác xã Sai Ngày,HTX,01,,31/02/2020\n"                    // row 3: no 31 February
      "HTX-OK-2,Hợp tác xã Tốt Hai,HTX,01,\"Số 1\nĐường Láng\",01/02/2020\n"  // row 4 (two lines, one row)
      "HTX-BAD-2,Hợp tác xã Sai Loại,Công ty,01,,01/02/2020\n"                // row 5: not a kind
      "HTX-YB-001,Hợp tác xã Đổi Tên,HTX,Xứ Sở,,15/03/2015\n";                // row 6: no such province
  ImportResult result = MustImport(Write("three_bad.csv", csv), FileType::kEntities);
  EXPECT_EQ(result.outcome, ImportOutcome::kRejected);
  EXPECT_EQ(result.counts.bad_rows, 3);
  EXPECT_FALSE(result.wrote());
  EXPECT_EQ(Entities(), entities);
  EXPECT_EQ(AuditRows(), audits);
  EXPECT_EQ(Version(), version);
  EXPECT_EQ(Field("HTX-YB-001", "name"), "Hợp tác xã Nông nghiệp Tân Lập");  // not renamed
  EXPECT_EQ(observer_.reloads.load(), reloads);
  ASSERT_EQ(result.problems.size(), 3u);
  struct Want {
    int row;
    const char* column;
    const char* value;
    const char* key;
  } want[] = {{3, "Ngày thành lập", "31/02/2020", "field.invalid_import_date"},
              {5, "Loại hình", "Công ty", "field.invalid_enum"},
              {6, "Tỉnh/Thành phố", "Xứ Sở", "field.unknown_province_name"}};
  for (size_t i = 0; i < 3; ++i) {
    const registry::ImportProblem& p = result.problems[i];
    EXPECT_EQ(p.row, want[i].row);
    EXPECT_EQ(p.column, want[i].column);
    EXPECT_EQ(p.value, want[i].value);
    EXPECT_EQ(p.key, want[i].key);
    EXPECT_EQ(p.severity, registry::Severity::kError);
    std::string vi = p.Reason(i18n::Lang::kVi), en = p.Reason(i18n::Lang::kEn);
    EXPECT_FALSE(vi.empty());
    EXPECT_NE(vi, en);
    EXPECT_NE(vi.find(want[i].value), std::string::npos) << vi;
  }
  // The report, as CSV and XLSX, has every problem with both languages.
  std::string report;
  ASSERT_OK(registry::WriteProblemsCsvToString(result, report));
  auto table = io::ReadAll(**io::CsvReader::FromString(report));
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0][0], "3");
  EXPECT_EQ(table->rows[0][1], "Ngày thành lập");
  EXPECT_EQ(table->rows[0][4], "error");
  EXPECT_EQ(table->rows[0][5], result.problems[0].Reason(i18n::Lang::kVi));
  EXPECT_EQ(table->rows[0][6], result.problems[0].Reason(i18n::Lang::kEn));
  fs::path xlsx = Dir() / "report.xlsx";
  ASSERT_OK(registry::WriteProblemsXlsx(result, xlsx.string()));
  auto sheet = io::XlsxReader::Open(xlsx.string());
  ASSERT_TRUE(sheet.ok());
  auto sheet_rows = io::ReadAll(**sheet);
  ASSERT_TRUE(sheet_rows.ok());
  ASSERT_EQ(sheet_rows->rows.size(), 3u);
  EXPECT_EQ(sheet_rows->rows[2][0], "6");
  EXPECT_EQ(sheet_rows->rows[2][6], result.problems[2].Reason(i18n::Lang::kEn));

  // The dry run of the same file says the same, and writes nothing either.
  ImportOptions dry;
  dry.dry_run = true;
  ImportResult dry_result = MustImport(Write("three_bad.csv", csv), FileType::kEntities, dry);
  EXPECT_EQ(dry_result.outcome, ImportOutcome::kDryRun);
  EXPECT_EQ(dry_result.counts.bad_rows, 3);
  EXPECT_EQ(dry_result.counts.created, 2);
  EXPECT_EQ(dry_result.problems.size(), 3u);
  EXPECT_EQ(Entities(), entities);
}

TEST_F(ImportTest, SkipBadRowsWritesTheGoodRowsAndReportsTheBadOnes) {
  std::string csv =
      "registration_code;name;kind;province_code;founded_on\r\n"
      "A-1;Hợp tác xã A;HTX;01;2020-01-01\r\n"
      "A-2;Hợp tác xã B;HTX;01;2099-01-01\r\n"  // in the future
      "A-3;Hợp tác xã C;HTX;01;2020-01-01\r\n"
      "A-1;Hợp tác xã A lặp;HTX;01;2020-01-01\r\n";  // duplicate of row 2
  ImportOptions options;
  options.skip_bad_rows = true;
  ImportResult result = MustImport(Write("skip.csv", csv), FileType::kEntities, options);
  EXPECT_EQ(result.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(result.counts.bad_rows, 2);
  EXPECT_EQ(Entities(), 2);
  EXPECT_EQ(Field("A-1", "name"), "Hợp tác xã A");
  ASSERT_EQ(result.problems.size(), 2u);
  EXPECT_EQ(result.problems[0].row, 3);
  EXPECT_EQ(result.problems[0].code, "date_in_future");
  EXPECT_EQ(result.problems[1].row, 5);
  EXPECT_EQ(result.problems[1].code, "duplicate_in_file");
  EXPECT_EQ(result.problems[1].args, (std::vector<std::string>{"A-1", "2"}));
}

TEST_F(ImportTest, ReimportingTheSameFileChangesNothing) {
  fs::path path = Write("again.csv", kExcelEntities);
  MustImport(path, FileType::kEntities);
  int64_t version = Version(), audits = AuditRows();
  std::string seq = Field("HTX-YB-002", "change_seq");
  int reloads = observer_.reloads.load();
  ImportResult again = MustImport(path, FileType::kEntities);
  EXPECT_EQ(again.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(again.counts.unchanged, 3);
  EXPECT_EQ(again.counts.created + again.counts.updated + again.counts.events_added, 0);
  EXPECT_FALSE(again.wrote());
  EXPECT_EQ(Version(), version);
  EXPECT_EQ(again.registry_version, version);
  EXPECT_EQ(AuditRows(), audits + 1);  // the import's own row, none per entity
  EXPECT_EQ(Field("HTX-YB-002", "change_seq"), seq);
  EXPECT_EQ(Events("HTX-YB-002").size(), 1u);
  EXPECT_EQ(observer_.reloads.load(), reloads);

  fs::path figures = Write("again_figures.csv", kExcelFigures);
  MustImport(figures, FileType::kFigures);
  version = Version();
  ImportResult figures_again = MustImport(figures, FileType::kFigures);
  EXPECT_EQ(figures_again.counts.unchanged, 2);
  EXPECT_EQ(figures_again.counts.created + figures_again.counts.updated, 0);
  EXPECT_EQ(Version(), version);
}

TEST_F(ImportTest, UpsertChangesOnlyTheChangedRows) {
  MustImport(Write("upsert_base.csv", kExcelEntities), FileType::kEntities);
  int64_t version = Version();
  std::string seq1 = Field("HTX-YB-001", "change_seq");
  // A file with fewer columns: only the phone changes for one entity; absent columns stay.
  std::string csv =
      "Mã số HTX;Tên HTX;Loại hình;Tỉnh/Thành phố;Số điện thoại\r\n"
      "HTX-YB-001;Hợp tác xã Nông nghiệp Tân Lập;HTX;Yên Bái;0912 345 678\r\n"
      "HTX-YB-002;Hợp tác xã Dịch vụ Đồng Tâm;HTX;15;0987 654 321\r\n";
  ImportResult result = MustImport(Write("upsert.csv", csv), FileType::kEntities);
  EXPECT_EQ(result.counts.updated, 1);
  EXPECT_EQ(result.counts.unchanged, 1);
  EXPECT_EQ(Version(), version + 1);
  EXPECT_EQ(Field("HTX-YB-002", "phone"), "0987654321");
  EXPECT_EQ(Field("HTX-YB-002", "change_seq"), std::to_string(version + 1));
  EXPECT_EQ(Field("HTX-YB-001", "change_seq"), seq1);
  EXPECT_EQ(Field("HTX-YB-002", "founded_on"), "2016-02-01");  // column absent: kept
  EXPECT_EQ(Field("HTX-YB-002", "chair_name"), "Trần Văn Nam");
  // The audit row of the update has the values before and after.
  storage::AuditQuery query;
  query.object_type = "entity";
  query.object_id = Field("HTX-YB-002", "id");
  auto audit = storage::QueryAudit(*db_, query);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);  // the creation has no row of its own
  EXPECT_EQ((*audit)[0].action, "entity.import");
  EXPECT_EQ(boost::json::parse((*audit)[0].before_json), boost::json::parse(R"({"phone":""})"));
  EXPECT_EQ(boost::json::parse((*audit)[0].after_json),
            boost::json::parse("{\"import_id\":" + std::to_string(result.import_id) + ",\"phone\":\"0987654321\"}"));

  // Figures: one figure changed in one row.
  MustImport(Write("upsert_figures_base.csv", kExcelFigures), FileType::kFigures);
  std::string figures =
      "registration_code,period,members_total\n"
      "HTX-YB-001,2024,5752\n"
      "HTX-YB-002,2024S1,13\n";
  ImportResult changed = MustImport(Write("upsert_figures.csv", figures), FileType::kFigures);
  EXPECT_EQ(changed.counts.updated, 1);
  EXPECT_EQ(changed.counts.unchanged, 1);
  EXPECT_EQ(Figure("HTX-YB-002", "2024S1", "members_total"), "13");
  EXPECT_EQ(Figure("HTX-YB-002", "2024S1", "members_female"), "5");  // absent column: kept
}

TEST_F(ImportTest, CancelWritesNothing) {
  std::string csv = "registration_code,name,kind,province_code,founded_on\n";
  for (int i = 0; i < 3500; ++i)
    csv += "C-" + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01\n";
  std::atomic<bool> cancel{false};
  ImportOptions options;
  options.cancel = &cancel;
  int64_t seen = 0;
  options.on_progress = [&](int64_t rows) {
    seen = rows;
    if (rows >= 2000) cancel.store(true);
  };
  ImportResult result = MustImport(Write("cancel.csv", csv), FileType::kEntities, options);
  EXPECT_EQ(result.outcome, ImportOutcome::kCancelled);
  EXPECT_GE(seen, 2000);
  EXPECT_LT(result.counts.rows_read, 3500);
  EXPECT_EQ(Entities(), 0);
  EXPECT_EQ(Version(), 0);
  EXPECT_EQ(AuditRows(), 0);
}

TEST_F(ImportTest, EventsFileAppendsNewEventsAndValidatesTheWholeHistory) {
  MustImport(Write("events_base.csv", kExcelEntities), FileType::kEntities);
  std::string csv =
      "Mã số HTX;Ngày;Sự kiện;Ghi chú\r\n"
      "HTX-YB-001;01/06/2016;Tạm ngừng hoạt động;Thiếu vốn\r\n"
      "HTX-YB-001;01/06/2017;Hoạt động trở lại;\r\n"
      "HTX-YB-002;01/06/2023;stopped;\r\n"  // already recorded (from the status column)
      "HTX-YB-002;01/01/2024;Giải thể;\r\n"
      "HTX-YB-002;01/02/2024;Hoạt động trở lại;\r\n"  // after the dissolution
      "KHONG-CO;01/01/2024;Giải thể;\r\n";            // no such entity
  ImportResult result = MustImport(Write("events.csv", csv), FileType::kEvents);
  EXPECT_EQ(result.outcome, ImportOutcome::kRejected);
  EXPECT_EQ(result.counts.bad_rows, 2);
  ASSERT_EQ(result.problems.size(), 2u);
  EXPECT_EQ(result.problems[0].row, 6);
  EXPECT_EQ(result.problems[0].code, "event_after_dissolved");
  EXPECT_EQ(result.problems[0].column, "Sự kiện");
  EXPECT_EQ(result.problems[1].row, 7);
  EXPECT_EQ(result.problems[1].code, "entity_code_not_found");
  EXPECT_EQ(Events("HTX-YB-001").size(), 0u);

  ImportOptions skip;
  skip.skip_bad_rows = true;
  ImportResult written = MustImport(Write("events.csv", csv), FileType::kEvents, skip);
  EXPECT_EQ(written.counts.created, 3);
  EXPECT_EQ(written.counts.unchanged, 1);
  EXPECT_EQ(Events("HTX-YB-001"), (std::vector<std::string>{"2016-06-01 suspended", "2017-06-01 resumed"}));
  EXPECT_EQ(Events("HTX-YB-002"), (std::vector<std::string>{"2023-06-01 stopped", "2024-01-01 dissolved"}));
  int64_t version = Version();
  // Again: nothing new.
  ImportResult again = MustImport(Write("events.csv", csv), FileType::kEvents, skip);
  EXPECT_EQ(again.counts.created, 0);
  EXPECT_EQ(again.counts.unchanged, 4);
  EXPECT_EQ(Version(), version);
}

TEST_F(ImportTest, FigureWarningsBlockUntilConfirmed) {
  MustImport(Write("warn_base.csv", kExcelEntities), FileType::kEntities);
  std::string csv =
      "registration_code,period,members_total,members_female,avg_income_vnd_month\n"
      "HTX-YB-001,2023,20,8,250.000.000\n"  // 250 million a month: implausible
      "HTX-YB-002,2023,10,12,4.000.000\n";  // more women than members: impossible
  ImportResult blocked = MustImport(Write("warn.csv", csv), FileType::kFigures);
  EXPECT_EQ(blocked.outcome, ImportOutcome::kRejected);
  EXPECT_EQ(blocked.counts.bad_rows, 2);
  EXPECT_EQ(blocked.counts.unconfirmed_rows, 1);  // the income row waits only for a confirmation
  ASSERT_EQ(blocked.problems.size(), 2u);
  EXPECT_EQ(blocked.problems[0].severity, registry::Severity::kWarning);
  EXPECT_EQ(blocked.problems[0].code, "income_too_high");
  EXPECT_EQ(blocked.problems[0].column, "avg_income_vnd_month");
  EXPECT_EQ(blocked.problems[1].severity, registry::Severity::kError);
  EXPECT_EQ(blocked.problems[1].code, "members_female_exceeds_total");

  ImportOptions confirm;
  confirm.confirm_warnings = true;
  confirm.skip_bad_rows = true;
  ImportResult confirmed = MustImport(Write("warn.csv", csv), FileType::kFigures, confirm);
  EXPECT_EQ(confirmed.counts.created, 1);
  EXPECT_EQ(confirmed.counts.bad_rows, 1);  // the error still blocks
  EXPECT_EQ(confirmed.counts.warning_rows, 1);
  EXPECT_EQ(Figure("HTX-YB-001", "2023", "avg_income_vnd_month"), "250000000");
  EXPECT_EQ(Figure("HTX-YB-001", "2023", "confirmed_warnings"), "1");
}

TEST_F(ImportTest, ProvinceAccountsImportOnlyTheirProvince) {
  auth::Principal officer;
  officer.user_id = 42;
  officer.username = "po01";
  officer.role = auth::Role::kProvinceOfficer;
  officer.province_code = "01";
  officer.credential = auth::Credential::kApiToken;
  std::string csv =
      "registration_code,name,kind,province_code,founded_on\n"
      "HN-1,Hợp tác xã Hà Nội,HTX,01,2020-01-01\n"
      "SG-1,Hợp tác xã Sài Gòn,HTX,79,2020-01-01\n";
  ImportOptions skip;
  skip.skip_bad_rows = true;
  ImportResult result = MustImport(Write("scope.csv", csv), FileType::kEntities, skip, officer);
  EXPECT_EQ(result.counts.created, 1);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].row, 3);
  EXPECT_EQ(result.problems[0].code, "import_out_of_scope");
  EXPECT_EQ(Field("SG-1", "id"), "<missing>");
  // The import's audit row is the officer's, in its province, and counts the row skipped.
  storage::AuditQuery query;
  query.object_type = "import";
  query.object_id = std::to_string(result.import_id);
  auto audit = storage::QueryAudit(*db_, query);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor_name, "po01");
  EXPECT_EQ((*audit)[0].province_code, "01");
  EXPECT_EQ(boost::json::parse((*audit)[0].after_json).at("skipped"), 1);
  // The entity's derived "created by import" entry is in the province too (province admins read it).
  auth::Principal admin01 = officer;
  admin01.role = auth::Role::kProvinceAdmin;
  query.object_type = "entity";
  query.object_id = Field("HN-1", "id");
  auto history = accounts_->ListAudit(admin01, query);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].province_code, "01");
  EXPECT_EQ((*history)[0].actor_name, "po01");
  admin01.province_code = "79";
  history = accounts_->ListAudit(admin01, query);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());

  auth::Principal partner = officer;
  partner.role = auth::Role::kPartner;
  auto denied = Import(Write("scope.csv", csv), FileType::kEntities, {}, partner);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ImportTest, AUnionMayBeListedAfterItsMembers) {
  std::string csv =
      "registration_code,name,kind,province_code,founded_on,union_registration_code\n"
      "M-1,Hợp tác xã Thành viên Một,HTX,01,2020-01-01,LH-9\n"
      "M-2,Hợp tác xã Thành viên Hai,HTX,01,2020-01-01,LH-9\n"
      "LH-9,Liên hiệp Hợp tác xã Chín,LHHTX,01,2019-01-01,\n"
      "M-3,Hợp tác xã Thành viên Ba,HTX,01,2020-01-01,M-1\n";  // not a union
  ImportResult result = MustImport(Write("union.csv", csv), FileType::kEntities);
  EXPECT_EQ(result.outcome, ImportOutcome::kRejected);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].row, 5);
  EXPECT_EQ(result.problems[0].code, "union_not_found");
  ImportOptions skip;
  skip.skip_bad_rows = true;
  result = MustImport(Write("union.csv", csv), FileType::kEntities, skip);
  EXPECT_EQ(result.counts.created, 3);
  EXPECT_EQ(Field("M-1", "union_id"), Field("LH-9", "id"));
  EXPECT_EQ(Field("M-2", "union_id"), Field("LH-9", "id"));
  ImportResult again = MustImport(Write("union.csv", csv), FileType::kEntities, skip);
  EXPECT_EQ(again.counts.unchanged, 3);
  EXPECT_EQ(again.counts.updated, 0);
}

// Past 50,000 new rows on SQLite, 100,000 on PostgreSQL (storage/bulk.h), the secondary
// indexes of entities are dropped and built again at the end (on PostgreSQL also the
// uniqueness of registration_code and entity_events' foreign key): a rejected load must
// leave them as they were, a committed one rebuilt.
TEST_F(ImportTest, BulkLoadsKeepTheIndexes) {
  const bool sqlite = db_->backend() == storage::Backend::kSqlite;
  auto indexes = [&] {
    std::set<std::string> names;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      return conn.Query(sqlite ? "SELECT name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' "
                                 "AND tbl_name = 'entities'"
                               : "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE tablename = 'entities' "
                                 "AND schemaname = current_schema() UNION ALL SELECT conrelid::regclass::text || ' ' "
                                 "|| conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN "
                                 "('entities'::regclass, 'entity_events'::regclass)",
                        {}, [&](const storage::RowView& row) -> Status {
                          names.emplace(row.GetText(0));
                          return Ok();
                        });
    }));
    return names;
  };
  std::set<std::string> before = indexes();
  EXPECT_GE(before.size(), 4u);  // SQLite has no index of its own for the primary key
  const int rows = sqlite ? 60000 : 110000;
  std::string csv = "registration_code,name,kind,province_code,founded_on\n";
  for (int i = 0; i < rows; ++i)
    csv += "B-" + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01\n";
  std::string bad = csv + "B-BAD,Hợp tác xã Sai,HTX,01,31/02/2020\n";
  ImportResult rejected = MustImport(Write("bulk_bad.csv", bad), FileType::kEntities);
  EXPECT_EQ(rejected.outcome, ImportOutcome::kRejected);
  EXPECT_EQ(rejected.counts.rows_read, rows + 1);
  EXPECT_EQ(Entities(), 0);
  EXPECT_EQ(indexes(), before);
  ImportResult loaded = MustImport(Write("bulk.csv", csv), FileType::kEntities);
  EXPECT_EQ(loaded.counts.created, rows);
  EXPECT_EQ(Entities(), rows);
  EXPECT_EQ(indexes(), before);
  const std::string last = std::to_string(rows - 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities WHERE name_folded = $1", {Text("hop tac xa so " + last)}), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'entity.import'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities WHERE import_id = $1", {storage::Int(loaded.import_id)}), rows);
  // Ids in file order (PostgreSQL's sequence moved on during the rejected load: no gap inside this one).
  EXPECT_EQ(std::stoll(Field("B-" + last, "id")) - std::stoll(Field("B-0", "id")), rows - 1);
  if (!sqlite) {
    // The ids were reserved in blocks with setval() (import_entities.cpp, NewId): the
    // sequence is past them, so the next entity written elsewhere gets a new id.
    int64_t next = 0;
    EXPECT_OK(db_->Write([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT nextval(pg_get_serial_sequence('entities', 'id'))", {}));
      next = std::get<int64_t>((*row)[0]);
      return Ok();
    }));
    EXPECT_GT(next, std::stoll(Field("B-" + last, "id")));
  }
}

// PostgreSQL: the bulk load drops indexes only if it gets its ACCESS EXCLUSIVE lock
// within 500 ms. A reader of another connection that keeps its transaction open holds
// the load back from that lock: the load then goes on with every index and constraint
// kept, and neither waits for the other longer than that.
TEST_F(ImportTest, ABulkLoadThatCannotLockTheTableKeepsItsIndexes) {
  if (db_->backend() != storage::Backend::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  std::string csv = "registration_code,name,kind,province_code,founded_on,status,status_since\n";
  for (int i = 0; i < 110000; ++i)
    csv += "R-" + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01," +
           (i % 10 == 0 ? "stopped,2021-01-01" : "active,") + "\n";
  const fs::path file = Write("bulk_locked.csv", csv);
  std::promise<void> reading, done;
  std::shared_future<void> finished = done.get_future().share();
  std::thread reader([&] {
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(auto count, conn.QueryOne("SELECT COUNT(*) FROM entities", {}));
      EXPECT_TRUE(count.has_value());
      reading.set_value();
      finished.wait();  // the ACCESS SHARE lock on entities is held until here
      return Ok();
    }));
  });
  reading.get_future().wait();
  auto started = std::chrono::steady_clock::now();
  ImportResult loaded = MustImport(file, FileType::kEntities);
  auto took = std::chrono::steady_clock::now() - started;
  done.set_value();
  reader.join();
  EXPECT_EQ(loaded.counts.created, 110000);
  EXPECT_EQ(Entities(), 110000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_events"), 11000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'entities' AND schemaname = current_schema()"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'entity_events'::regclass AND contype = 'f'"),
            1);
  EXPECT_LT(took, std::chrono::seconds(60));
}

// The writes run on a thread of their own (ImportRun::Submit): one that fails midway,
// after batches were already written, leaves nothing written, on both backends.
TEST_F(ImportTest, AWriteFailingMidwayLeavesNothingWritten) {
  const bool sqlite = db_->backend() == storage::Backend::kSqlite;
  ASSERT_OK(db_->Write([&](storage::Connection& conn) -> Status {
    if (sqlite) {
      return conn.ExecScript(
          "CREATE TRIGGER import_test_fail BEFORE INSERT ON entities WHEN NEW.registration_code = 'W-2500' "
          "BEGIN SELECT RAISE(ABORT, 'import_test_fail'); END");
    }
    return conn.ExecScript(
        "CREATE FUNCTION import_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.registration_code = 'W-2500' THEN RAISE EXCEPTION 'import_test_fail'; END IF; RETURN NEW; END $$; "
        "CREATE TRIGGER import_test_fail BEFORE INSERT ON entities FOR EACH ROW EXECUTE FUNCTION import_test_fail()");
  }));
  std::string csv = "registration_code,name,kind,province_code,founded_on,status,status_since\n";
  for (int i = 0; i < 4000; ++i)
    csv += "W-" + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01," +
           (i % 10 == 0 ? "stopped,2021-01-01" : "active,") + "\n";
  auto result = Import(Write("write_fails.csv", csv), FileType::kEntities);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().detail.find("import_test_fail"), std::string::npos) << result.error().detail;
  EXPECT_EQ(Entities(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_events"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM imports"), 0);
  EXPECT_EQ(Version(), 0);
  EXPECT_EQ(AuditRows(), 0);
  EXPECT_EQ(observer_.reloads.load(), 0);
  // The same file without the failure: every row, its events, and ids in file order.
  ASSERT_OK(db_->Write([&](storage::Connection& conn) -> Status {
    return conn.ExecScript(sqlite ? "DROP TRIGGER import_test_fail" : "DROP TRIGGER import_test_fail ON entities");
  }));
  ImportResult loaded = MustImport(Write("write_fails.csv", csv), FileType::kEntities);
  EXPECT_EQ(loaded.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(loaded.counts.created, 4000);
  EXPECT_EQ(loaded.counts.events_added, 400);
  EXPECT_EQ(Entities(), 4000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_events e JOIN entities n ON n.id = e.entity_id "
                  "WHERE n.registration_code LIKE 'W-%0' AND e.type = 'stopped'"),
            400);
  EXPECT_EQ(std::stoll(Field("W-3999", "id")) - std::stoll(Field("W-0", "id")), 3999);
  EXPECT_EQ(Field("W-2500", "import_row"), "2502");
  EXPECT_EQ(observer_.reloads.load(), 1);
}

// A union created by the import, named by rows of later batches and of its own batch:
// the members point at the union's id.
TEST_F(ImportTest, MembersOfAUnionCreatedByTheImportPointAtIt) {
  std::string csv = "registration_code,name,kind,province_code,founded_on,union_registration_code\n";
  csv += "U-1,Liên hiệp Một,LHHTX,01,2019-01-01,\n";
  for (int i = 0; i < 2500; ++i)
    csv += "M-" + std::to_string(i) + ",Hợp tác xã Số " + std::to_string(i) + ",HTX,01,2020-01-01," +
           (i % 2 == 0 ? "U-1" : "U-2") + "\n";
  csv += "U-2,Liên hiệp Hai,LHHTX,01,2019-01-01,\n";
  ImportResult result = MustImport(Write("unions.csv", csv), FileType::kEntities);
  EXPECT_EQ(result.outcome, ImportOutcome::kCommitted);
  EXPECT_EQ(result.counts.created, 2502);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities m JOIN entities u ON u.id = m.union_id "
                  "WHERE u.registration_code = 'U-1'"),
            1250);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entities m JOIN entities u ON u.id = m.union_id "
                  "WHERE u.registration_code = 'U-2'"),
            1250);
}

}  // namespace
}  // namespace hoptac

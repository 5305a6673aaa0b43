// The importer's header mapping (registry/import_columns.h) and value readers
// (registry/import_values.h), table-driven.
#include "registry/import/import_columns.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/import/import.h"
#include "registry/import/import_values.h"
#include "support/split_units.h"

namespace hoptac::registry {
namespace {

TEST(ImportColumns, VietnameseAndEnglishHeadingsMapToCanonicalColumns) {
  struct Case {
    FileType type;
    const char* header;
    const char* column;
  } cases[] = {
      {FileType::kEntities, "Tên HTX", "name"},
      {FileType::kEntities, "TÊN HTX", "name"},
      {FileType::kEntities, "ten htx", "name"},
      {FileType::kEntities, "Mã số HTX", "registration_code"},
      {FileType::kEntities, "  Mã số  HTX ", "registration_code"},
      {FileType::kEntities, "Mã số HTX (*)", "registration_code"},
      {FileType::kEntities, "registration_code", "registration_code"},
      {FileType::kEntities, "Registration code", "registration_code"},
      {FileType::kEntities, "Loại hình", "kind"},
      {FileType::kEntities, "Tỉnh/Thành phố", "province_code"},
      {FileType::kEntities, "TINH / THANH PHO", "province_code"},
      {FileType::kEntities, "Ngày thành lập", "founded_on"},
      {FileType::kEntities, "Tình trạng", "status"},
      {FileType::kEntities, "Từ ngày", "status_since"},
      {FileType::kEntities, "HTX do phụ nữ tham gia quản lý", "women_managed"},
      {FileType::kEntities, "Năm sinh", "chair_birth_year"},
      {FileType::kEntities, "Số điện thoại", "phone"},
      {FileType::kEntities, "E-mail", "email"},
      {FileType::kEntities, "Mã số thuế", "tax_code"},
      {FileType::kEntities, "Ngành nghề", "sector"},
      {FileType::kEvents, "Mã số HTX", "registration_code"},
      {FileType::kEvents, "Ngày", "date"},
      {FileType::kEvents, "Sự kiện", "event"},
      {FileType::kEvents, "Ghi chú", "note"},
      {FileType::kFigures, "Số thành viên", "members_total"},
      {FileType::kFigures, "Thành viên nữ", "members_female"},
      {FileType::kFigures, "Số lao động", "workers_total"},
      {FileType::kFigures, "Lao động nữ", "workers_female"},
      {FileType::kFigures, "Doanh thu", "revenue_vnd"},
      {FileType::kFigures, "Doanh thu (triệu đồng)", "revenue_vnd"},
      {FileType::kFigures, "Thu nhập bình quân (triệu đồng/người/tháng)", "avg_income_vnd_month"},
      {FileType::kFigures, "Kỳ báo cáo", "period"},
      {FileType::kFigures, "Năm", "period"},
  };
  for (const Case& c : cases) {
    HeaderMatch match = MatchHeader(c.type, c.header);
    EXPECT_EQ(match.column, c.column) << FileTypeName(c.type) << ": " << c.header;
  }
}

TEST(ImportColumns, MoneyUnitsInBracketsSetTheScale) {
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Doanh thu (triệu đồng)").scale, 1'000'000);
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Doanh thu (trieu dong)").scale, 1'000'000);
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Vốn điều lệ (tỷ đồng)").scale, 1'000'000'000);
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Lợi nhuận (nghìn đồng)").scale, 1'000);
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Doanh thu (đồng)").scale, 1);
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Doanh thu").scale, 1);
  // Counts never scale.
  EXPECT_EQ(MatchHeader(FileType::kFigures, "Số thành viên (triệu)").scale, 1);
}

TEST(ImportColumns, RowNumberColumnsAreIgnoredAndOthersReported) {
  EXPECT_TRUE(MatchHeader(FileType::kEntities, "STT").ignored);
  EXPECT_TRUE(MatchHeader(FileType::kEntities, "Số TT").ignored);
  HeaderMatch unknown = MatchHeader(FileType::kEntities, "Ghi chú nội bộ");
  EXPECT_TRUE(unknown.column.empty());
  EXPECT_FALSE(unknown.ignored);

  auto map = MapColumns(FileType::kEntities, {"STT", "Mã số HTX", "Tên HTX", "Loại hình", "Tỉnh", "Ghi chú nội bộ"});
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->unknown_headers, std::vector<std::string>{"Ghi chú nội bộ"});
  EXPECT_EQ(map->ignored_headers, std::vector<std::string>{"STT"});
  EXPECT_EQ(map->Cell("name"), 2);
  EXPECT_FALSE(map->Has("founded_on"));
  EXPECT_EQ(map->HeaderOf("name"), "Tên HTX");
  EXPECT_EQ(map->HeaderOf("founded_on"), "founded_on");
}

TEST(ImportColumns, EveryAliasNamesOneColumnOnly) {
  // The canonical name of each column maps to itself: no alias of another column shadows it.
  for (FileType type : {FileType::kEntities, FileType::kEvents, FileType::kFigures}) {
    for (std::string_view column : ImportColumns(type))
      EXPECT_EQ(MatchHeader(type, column).column, column) << FileTypeName(type) << " " << column;
  }
}

TEST(ImportColumns, MissingRequiredColumnsAndDuplicatesRefuseTheFile) {
  auto missing = MapColumns(FileType::kEntities, {"Tên HTX", "Loại hình"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "error.import_missing_columns");
  EXPECT_EQ(missing.error().args, std::vector<std::string>{"registration_code, province_code"});

  auto duplicate = MapColumns(FileType::kEntities, {"Mã số HTX", "registration_code", "Tên", "Loại", "Tỉnh"});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().key, "error.import_duplicate_column");
  EXPECT_EQ(duplicate.error().args, (std::vector<std::string>{"Mã số HTX", "registration_code", "registration_code"}));

  EXPECT_EQ(MapColumns(FileType::kEvents, {}).error().key, "error.import_no_header");
  auto figures = MapColumns(FileType::kFigures, {"Mã số HTX", "Số thành viên"});
  ASSERT_FALSE(figures.ok());
  EXPECT_EQ(figures.error().args, std::vector<std::string>{"period"});
}

TEST(ImportValues, Dates) {
  struct Case {
    const char* text;
    const char* iso;  // nullptr: rejected
  } cases[] = {
      {"2024-03-31", "2024-03-31"},
      {"31/03/2024", "2024-03-31"},
      {"1/3/2024", "2024-03-01"},
      {"31-03-2024", "2024-03-31"},
      {"31.03.2024", "2024-03-31"},
      {" 31/03/2024 ", "2024-03-31"},
      {"2024-03-31 00:00:00", "2024-03-31"},  // an XLSX date-and-time cell at midnight
      {"31/02/2024", nullptr},
      {"2024-13-01", nullptr},
      {"03/31/2024", nullptr},
      {"2024", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    auto date = ParseImportDate(c.text);
    if (c.iso) {
      ASSERT_TRUE(date.has_value()) << c.text;
      EXPECT_EQ(date->ToIso(), c.iso) << c.text;
    } else {
      EXPECT_FALSE(date.has_value()) << c.text;
    }
  }
}

TEST(ImportValues, IntegersWithVietnameseOrEnglishSeparators) {
  struct Case {
    const char* text;
    NumberStyle style;
    std::optional<int64_t> want;
  } cases[] = {
      {"5752", NumberStyle::kVietnameseFirst, 5752},
      {"5.752", NumberStyle::kVietnameseFirst, 5752},
      {"5,752", NumberStyle::kVietnameseFirst, 5752},
      {"5 752", NumberStyle::kVietnameseFirst, 5752},
      {"1.234.567", NumberStyle::kVietnameseFirst, 1234567},
      {"-12", NumberStyle::kVietnameseFirst, -12},
      {"5752", NumberStyle::kEnglishFirst, 5752},
      {"3,8", NumberStyle::kVietnameseFirst, std::nullopt},  // a fraction is not a count
      {"5.75", NumberStyle::kVietnameseFirst, std::nullopt},
      {"abc", NumberStyle::kVietnameseFirst, std::nullopt},
      {"", NumberStyle::kVietnameseFirst, std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseImportInteger(c.text, c.style), c.want) << c.text;
}

TEST(ImportValues, MoneyInUnitsOfTheHeading) {
  EXPECT_EQ(ParseImportMoney("3,8", 1'000'000, NumberStyle::kVietnameseFirst), 3'800'000);
  EXPECT_EQ(ParseImportMoney("1.234,5", 1'000'000, NumberStyle::kVietnameseFirst), 1'234'500'000);
  // An XLSX number cell comes as "3.8": English first.
  EXPECT_EQ(ParseImportMoney("3.8", 1'000'000, NumberStyle::kEnglishFirst), 3'800'000);
  EXPECT_EQ(ParseImportMoney("3.8", 1'000'000, NumberStyle::kVietnameseFirst), 3'800'000);
  EXPECT_EQ(ParseImportMoney("1,25", 1'000'000'000, NumberStyle::kVietnameseFirst), 1'250'000'000);
  EXPECT_EQ(ParseImportMoney("5.500.000", 1, NumberStyle::kVietnameseFirst), 5'500'000);
  EXPECT_EQ(ParseImportMoney("-120.000", 1, NumberStyle::kVietnameseFirst), -120'000);
  EXPECT_EQ(ParseImportMoney("3,8", 1, NumberStyle::kVietnameseFirst), std::nullopt);  // no fraction of a dong
  EXPECT_EQ(ParseImportMoney("ba triệu", 1'000'000, NumberStyle::kVietnameseFirst), std::nullopt);
}

TEST(ImportValues, Booleans) {
  for (const char* yes : {"true", "TRUE", "1", "x", "X", "có", "Có", "co", "yes", "Y", "đúng"})
    EXPECT_EQ(ParseImportBool(yes), true) << yes;
  for (const char* no : {"false", "FALSE", "0", "", " ", "không", "Không", "khong", "no", "N", "sai"})
    EXPECT_EQ(ParseImportBool(no), false) << no;
  for (const char* bad : {"maybe", "2", "có lẽ"}) EXPECT_EQ(ParseImportBool(bad), std::nullopt) << bad;
}

TEST(ImportValues, KindsAndStatusesInVietnameseOrEnglish) {
  // The importer uses the domain's lenient parsers; the spellings of spreadsheets.
  EXPECT_EQ(domain::ParseEntityKind("HTX"), domain::EntityKind::kCooperative);
  EXPECT_EQ(domain::ParseEntityKind("Hợp tác xã"), domain::EntityKind::kCooperative);
  EXPECT_EQ(domain::ParseEntityKind("THT"), domain::EntityKind::kGroup);
  EXPECT_EQ(domain::ParseEntityKind("lhhtx"), domain::EntityKind::kUnion);
  EXPECT_EQ(domain::ParseEntityKind("QTDND"), domain::EntityKind::kCreditFund);
  EXPECT_EQ(domain::ParseEntityKind("credit_fund"), domain::EntityKind::kCreditFund);
  EXPECT_EQ(domain::ParseEntityStatus("Đang hoạt động"), domain::EntityStatus::kActive);
  EXPECT_EQ(domain::ParseEntityStatus("ngung hoat dong"), domain::EntityStatus::kStopped);
  EXPECT_EQ(domain::ParseEntityStatus("Giải thể"), domain::EntityStatus::kDissolved);
  EXPECT_EQ(domain::ParseEntityStatus("dissolved"), domain::EntityStatus::kDissolved);
}

TEST(ImportValues, PadCodesThatLostTheirLeadingZeros) {
  EXPECT_EQ(PadCode("1", 2), "01");
  EXPECT_EQ(PadCode("15", 2), "15");
  EXPECT_EQ(PadCode("4378", 5), "04378");
  EXPECT_EQ(PadCode("Hà Nội", 2), "Hà Nội");
  EXPECT_EQ(PadCode("", 2), "");
}

class ProvinceResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dataset = geo::LoadReferenceAdminUnits();
    ASSERT_TRUE(dataset.ok());
    resolver_ = std::make_unique<ProvinceResolver>(geo::AdminUnitDirectory::Create(std::move(dataset).value()));
  }
  static Date D(const char* iso) { return *Date::ParseIso(iso); }
  Result<ProvinceReading> Read(std::string_view text, const char* on) {
    return resolver_->Read(text, D(on), ProvinceRule::kFoundedOn, D("2026-12-04"));
  }
  // "code", "code@as_of rule" for a reading by rule 4, or "error:<code>".
  std::string Resolve(std::string_view text, const char* on) {
    auto r = Read(text, on);
    if (!r.ok()) return "error:" + r.error().fields.at(0).code;
    if (r->rule == ProvinceRule::kFoundedOn) return r->code;
    return r->code + "@" + r->as_of.ToIso() + " " + ProvinceRuleName(r->rule);
  }
  std::unique_ptr<ProvinceResolver> resolver_;
};

TEST_F(ProvinceResolverTest, CodesAndNamesWithOrWithoutDiacriticsOldOrNew) {
  EXPECT_EQ(Resolve("15", "2015-01-01"), "15");
  EXPECT_EQ(Resolve("1", "2015-01-01"), "01");
  EXPECT_EQ(Resolve("Yên Bái", "2015-01-01"), "15");
  EXPECT_EQ(Resolve("yen bai", "2015-01-01"), "15");
  EXPECT_EQ(Resolve("Tỉnh Yên Bái", "2015-01-01"), "15");
  EXPECT_EQ(Resolve("Lào Cai", "2015-01-01"), "10");  // the old Lào Cai
  EXPECT_EQ(Resolve("LAO CAI", "2026-01-01"), "15");  // today's Lào Cai
  EXPECT_EQ(Resolve("Bắc Giang", "2020-05-05"), "24");
  EXPECT_EQ(Resolve("Bắc Ninh", "2020-05-05"), "27");
  EXPECT_EQ(Resolve("Bắc Ninh", "2026-01-01"), "24");
  EXPECT_EQ(Resolve("TP. Hồ Chí Minh", "2020-01-01"), "79");
  EXPECT_EQ(Resolve("Thành phố Hà Nội", "2026-01-01"), "01");
  EXPECT_EQ(Resolve("Hanoi", "2026-01-01"), "01");
  EXPECT_EQ(Resolve("Thừa Thiên Huế", "2020-01-01"), "46");  // Huế's name until 2025
  EXPECT_EQ(Resolve("Hà Tây", "2006-02-01"), "28");
  EXPECT_EQ(Resolve("ha tay", "2006-02-01"), "28");
  EXPECT_EQ(Resolve("Lai Châu", "2000-04-30"), "12");  // in the records since 1997
  EXPECT_EQ(Resolve("Gotham", "2026-01-01"), "error:unknown_province_name");
  EXPECT_EQ(Resolve("99", "2026-01-01"), "error:unknown_province_name");
}

TEST_F(ProvinceResolverTest, ACodeIsReadWithItsDate) {
  EXPECT_EQ(Resolve("15", "2025-06-30"), "15");  // Yên Bái
  EXPECT_EQ(Resolve("15", "2025-07-01"), "15");  // Lào Cai
  EXPECT_EQ(Resolve("28", "2006-06-30"), "28");  // Hà Tây
  // Hà Tây's code after 2008: its successor, with a warning.
  EXPECT_EQ(Resolve("28", "2010-01-01"), "01@2010-01-01 successor");
  // Before the records, the code as it was on their first day.
  EXPECT_EQ(Resolve("15", "1995-03-02"), "15@1997-01-01 records_begin");
}

TEST_F(ProvinceResolverTest, DatesBeforeTheRecordsAreReadWithAWarningThatNamesTheRule) {
  auto lai_chau = Read("Lai Châu", "1995-03-02");
  ASSERT_TRUE(lai_chau.ok());
  EXPECT_EQ(lai_chau->code, "12");
  EXPECT_EQ(lai_chau->rule, ProvinceRule::kRecordsBegin);
  EXPECT_EQ(lai_chau->as_of, D("1997-01-01"));
  ASSERT_TRUE(lai_chau->notice.has_value());
  EXPECT_EQ(lai_chau->notice->field, "province_code");
  EXPECT_EQ(lai_chau->notice->key, "field.province_read_at_records_begin");
  EXPECT_EQ(lai_chau->notice->args,
            (std::vector<std::string>{"Lai Châu", "1995-03-02", "Lai Châu (12)", "1997-01-01"}));
  // Yên Bái in 1995 stays Yên Bái (read on 1997-01-01), today part of Lào Cai.
  EXPECT_EQ(Resolve("Yên Bái", "1995-03-02"), "15@1997-01-01 records_begin");
  // Điện Biên did not exist before 2004: today's Điện Biên.
  EXPECT_EQ(Resolve("Điện Biên", "1995-03-02"), "11@2026-12-04 today");
  auto dien_bien = Read("Điện Biên", "1995-03-02");
  EXPECT_EQ(dien_bien->notice->key, "field.province_read_as_today_before_records");
  // Đắk Nông: neither on 1997-01-01 nor today; its successor today.
  EXPECT_EQ(Resolve("Đắk Nông", "1990-01-01"), "68@2026-12-04 successor");
}

TEST_F(ProvinceResolverTest, AClosedProvinceIsReadAsItsSuccessorWithAWarning) {
  EXPECT_EQ(Resolve("Hà Tây", "2010-05-01"), "01@2010-05-01 successor");
  EXPECT_EQ(Resolve("Yên Bái", "2026-01-01"), "15@2026-01-01 successor");
  auto yen_bai = Read("Yên Bái", "2026-01-01");
  ASSERT_TRUE(yen_bai->notice.has_value());
  EXPECT_EQ(yen_bai->notice->key, "field.province_read_as_successor");
  EXPECT_EQ(yen_bai->notice->args, (std::vector<std::string>{"Yên Bái", "2026-01-01", "Lào Cai (15)"}));
  // Not yet a province on the date, a province today.
  EXPECT_EQ(Resolve("Điện Biên", "2001-06-01"), "11@2026-12-04 today");
  // The rules 1 and 2 keep their names in the reading.
  auto row = resolver_->Read("Hà Tây", D("2006-12-31"), ProvinceRule::kRowAsOf, D("2026-12-04"));
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->rule, ProvinceRule::kRowAsOf);
  EXPECT_FALSE(row->notice.has_value());
}

// The reference data has no split that ends a unit: the ambiguous case is built by the test
// support (Sông Bé split into Bình Phước and Bình Dương on 1997-01-01).
TEST(ProvinceResolverSplit, ANameThatLeadsToSeveralProvincesIsAnErrorNamingThem) {
  ProvinceResolver resolver(testing::SongBeSplit());
  Date today = *Date::ParseIso("2026-12-04");
  auto before = resolver.Read("Sông Bé", *Date::ParseIso("1995-01-01"), ProvinceRule::kFoundedOn, today);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->code, "44");
  auto after = resolver.Read("song be", *Date::ParseIso("2000-01-01"), ProvinceRule::kFoundedOn, today);
  ASSERT_FALSE(after.ok());
  ASSERT_EQ(after.error().fields.size(), 1u);
  EXPECT_EQ(after.error().fields[0].key, "field.province_ambiguous");
  EXPECT_EQ(after.error().fields[0].args,
            (std::vector<std::string>{"song be", "2000-01-01", "Bình Phước (70), Bình Dương (74)"}));
  // Its code, read after the split, is ambiguous too.
  EXPECT_FALSE(resolver.Read("44", *Date::ParseIso("2000-01-01"), ProvinceRule::kFoundedOn, today).ok());
}

TEST_F(ProvinceResolverTest, CommunesByCodeOrName) {
  EXPECT_EQ(*resolver_->ResolveCommune("4", "01"), "00004");
  EXPECT_EQ(*resolver_->ResolveCommune("Phường Ba Đình", "01"), "00004");
  EXPECT_EQ(*resolver_->ResolveCommune("ba dinh", "01"), "00004");
  EXPECT_EQ(*resolver_->ResolveCommune("", "01"), "");
  auto missing = resolver_->ResolveCommune("Không Có", "01");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).code, "unknown_commune_name");
}

TEST(ImportReport, ACellThatLooksLikeAFormulaIsWrittenAsTextInTheCsvReport) {
  ImportResult result;
  ImportProblem p;
  p.row = 2;
  p.column = "Tên HTX";
  p.field = "name";
  p.value = "=HYPERLINK(\"http://example.invalid\")";
  p.code = "required";
  p.key = "field.required";
  result.problems.push_back(p);
  std::string report;
  ASSERT_TRUE(WriteProblemsCsvToString(result, report).ok());
  EXPECT_NE(report.find(",\"'=HYPERLINK(\"\"http://example.invalid\"\")\","), std::string::npos) << report;
  EXPECT_EQ(report.find(",\"=HYPERLINK"), std::string::npos) << report;
}

}  // namespace
}  // namespace hoptac::registry

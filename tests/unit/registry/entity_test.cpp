#include "registry/entity.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "text/i18n.h"

namespace hoptac::domain {
namespace {

using i18n::Lang;

Date D(const char* iso) { return *Date::ParseIso(iso); }

// "field:code:arg1|arg2" for each field error, for compact expectations.
std::vector<std::string> Describe(const Status& status) {
  std::vector<std::string> out;
  if (status.ok()) return out;
  for (const FieldError& f : status.error().fields) {
    std::string s = f.field + ":" + f.code;
    for (size_t i = 0; i < f.args.size(); ++i) s += (i == 0 ? ":" : "|") + f.args[i];
    out.push_back(s);
  }
  return out;
}

void ExpectKeysExist(const Status& status) {
  if (status.ok()) return;
  EXPECT_TRUE(i18n::HasKey(Lang::kVi, status.error().key)) << status.error().key;
  EXPECT_TRUE(i18n::HasKey(Lang::kEn, status.error().key)) << status.error().key;
  for (const FieldError& f : status.error().fields) {
    EXPECT_EQ(f.key, "field." + f.code);
    EXPECT_TRUE(i18n::HasKey(Lang::kVi, f.key)) << f.key;
    EXPECT_TRUE(i18n::HasKey(Lang::kEn, f.key)) << f.key;
  }
}

// ---- Kinds ----------------------------------------------------------------------

TEST(DomainEntity, KindWireNamesRoundTrip) {
  const std::vector<std::pair<EntityKind, const char*>> names = {
      {EntityKind::kCooperative, "cooperative"},
      {EntityKind::kUnion, "union"},
      {EntityKind::kGroup, "group"},
      {EntityKind::kCreditFund, "credit_fund"},
  };
  ASSERT_EQ(names.size(), std::size(kEntityKinds));
  for (const auto& [kind, name] : names) {
    EXPECT_STREQ(EntityKindName(kind), name);
    EXPECT_EQ(EntityKindFromName(name), kind) << name;
    EXPECT_EQ(ParseEntityKind(name), kind) << name;
  }
  // The strict lookup takes wire names only.
  EXPECT_EQ(EntityKindFromName("HTX"), std::nullopt);
  EXPECT_EQ(EntityKindFromName("Cooperative"), std::nullopt);
  EXPECT_EQ(EntityKindFromName("credit fund"), std::nullopt);
}

TEST(DomainEntity, KindLabels) {
  struct Case {
    EntityKind kind;
    const char* key;
    const char* vi;
    const char* en;
  } cases[] = {
      {EntityKind::kCooperative, "kind.cooperative", "Hợp tác xã", "Cooperative"},
      {EntityKind::kUnion, "kind.union", "Liên hiệp hợp tác xã", "Union of cooperatives"},
      {EntityKind::kGroup, "kind.group", "Tổ hợp tác", "Cooperative group"},
      {EntityKind::kCreditFund, "kind.credit_fund", "Quỹ tín dụng nhân dân", "People's credit fund"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(EntityKindLabelKey(c.kind), c.key);
    EXPECT_EQ(EntityKindLabel(c.kind, Lang::kVi), c.vi);
    EXPECT_EQ(EntityKindLabel(c.kind, Lang::kEn), c.en);
  }
}

TEST(DomainEntity, ParsesKindSpellings) {
  struct Case {
    const char* text;
    std::optional<EntityKind> want;
  } cases[] = {
      {"cooperative", EntityKind::kCooperative},
      {"Cooperative", EntityKind::kCooperative},
      {"COOPERATIVE", EntityKind::kCooperative},
      {"HTX", EntityKind::kCooperative},
      {"htx", EntityKind::kCooperative},
      {"Htx", EntityKind::kCooperative},
      {"Hợp tác xã", EntityKind::kCooperative},
      {"hợp tác xã", EntityKind::kCooperative},
      {"HỢP TÁC XÃ", EntityKind::kCooperative},
      {"hop tac xa", EntityKind::kCooperative},
      {"Hop Tac Xa", EntityKind::kCooperative},
      {"Hơp tac xa", EntityKind::kCooperative},                                     // half the accents
      {"Ho\xCC\x9B\xCC\xA3p ta\xCC\x81\x63 xa\xCC\x83", EntityKind::kCooperative},  // decomposed (NFD)
      {"  hợp  tác   xã  ", EntityKind::kCooperative},
      {"hop-tac-xa", EntityKind::kCooperative},
      {"co-op", EntityKind::kCooperative},
      {"union", EntityKind::kUnion},
      {"LHHTX", EntityKind::kUnion},
      {"lhhtx", EntityKind::kUnion},
      {"LH HTX", EntityKind::kUnion},
      {"Liên hiệp hợp tác xã", EntityKind::kUnion},
      {"LIÊN HIỆP HỢP TÁC XÃ", EntityKind::kUnion},
      {"lien hiep hop tac xa", EntityKind::kUnion},
      {"Liên hiệp HTX", EntityKind::kUnion},
      {"Union of cooperatives", EntityKind::kUnion},
      {"group", EntityKind::kGroup},
      {"THT", EntityKind::kGroup},
      {"tht", EntityKind::kGroup},
      {"Tổ hợp tác", EntityKind::kGroup},
      {"TỔ HỢP TÁC", EntityKind::kGroup},
      {"to hop tac", EntityKind::kGroup},
      {"Cooperative group", EntityKind::kGroup},
      {"credit_fund", EntityKind::kCreditFund},
      {"credit fund", EntityKind::kCreditFund},
      {"Credit-Fund", EntityKind::kCreditFund},
      {"QTDND", EntityKind::kCreditFund},
      {"qtdnd", EntityKind::kCreditFund},
      {"QTD", EntityKind::kCreditFund},
      {"Quỹ tín dụng nhân dân", EntityKind::kCreditFund},
      {"QUỸ TÍN DỤNG NHÂN DÂN", EntityKind::kCreditFund},
      {"quy tin dung nhan dan", EntityKind::kCreditFund},
      {"Quỹ tín dụng", EntityKind::kCreditFund},
      {"People's credit fund", EntityKind::kCreditFund},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"HTXX", std::nullopt},
      {"hợp tác", std::nullopt},
      {"doanh nghiệp", std::nullopt},
      {"enterprise", std::nullopt},
      {"cooperatives union group", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseEntityKind(c.text), c.want) << c.text;
}

// ---- Sectors ---------------------------------------------------------------------

TEST(DomainEntity, SectorNamesLabelsAndSpellings) {
  struct Case {
    Sector sector;
    const char* name;
    const char* vi;
    const char* en;
  } cases[] = {
      {Sector::kAgriculture, "agriculture", "Nông nghiệp", "Agriculture"},
      {Sector::kForestry, "forestry", "Lâm nghiệp", "Forestry"},
      {Sector::kFisheries, "fisheries", "Thủy sản", "Fisheries"},
      {Sector::kSalt, "salt", "Diêm nghiệp", "Salt production"},
      {Sector::kIndustryHandicraft, "industry_handicraft", "Công nghiệp – tiểu thủ công nghiệp",
       "Industry and handicraft"},
      {Sector::kConstruction, "construction", "Xây dựng", "Construction"},
      {Sector::kTradeServices, "trade_services", "Thương mại – dịch vụ", "Trade and services"},
      {Sector::kTransport, "transport", "Vận tải", "Transport"},
      {Sector::kCredit, "credit", "Tín dụng", "Credit"},
      {Sector::kEnvironment, "environment", "Môi trường", "Environment"},
      {Sector::kHousing, "housing", "Nhà ở", "Housing"},
      {Sector::kOther, "other", "Khác", "Other"},
  };
  ASSERT_EQ(std::size(cases), std::size(kSectors));
  for (const auto& c : cases) {
    EXPECT_STREQ(SectorName(c.sector), c.name);
    EXPECT_EQ(SectorFromName(c.name), c.sector);
    EXPECT_EQ(std::string(SectorLabelKey(c.sector)), std::string("sector.") + c.name);
    EXPECT_EQ(SectorLabel(c.sector, Lang::kVi), c.vi);
    EXPECT_EQ(SectorLabel(c.sector, Lang::kEn), c.en);
    EXPECT_EQ(ParseSector(c.name), c.sector) << c.name;
    EXPECT_EQ(ParseSector(c.vi), c.sector) << c.vi;
    EXPECT_EQ(ParseSector(c.en), c.sector) << c.en;
  }
  EXPECT_EQ(SectorFromName("Nông nghiệp"), std::nullopt);
}

TEST(DomainEntity, ParsesSectorSpellings) {
  struct Case {
    const char* text;
    std::optional<Sector> want;
  } cases[] = {
      {"nong nghiep", Sector::kAgriculture},
      {"NÔNG NGHIỆP", Sector::kAgriculture},
      {"lam nghiep", Sector::kForestry},
      {"Thuỷ sản", Sector::kFisheries},  // the older accent placement
      {"thuy san", Sector::kFisheries},
      {"Ngư nghiệp", Sector::kFisheries},
      {"Diêm nghiệp", Sector::kSalt},
      {"Muối", Sector::kSalt},
      {"diem nghiep", Sector::kSalt},
      {"CN-TTCN", Sector::kIndustryHandicraft},
      {"cn ttcn", Sector::kIndustryHandicraft},
      {"Công nghiệp - Tiểu thủ công nghiệp", Sector::kIndustryHandicraft},
      {"Công nghiệp, tiểu thủ công nghiệp", Sector::kIndustryHandicraft},
      {"industry and handicraft", Sector::kIndustryHandicraft},
      {"Tiểu thủ công nghiệp", Sector::kIndustryHandicraft},
      {"xay dung", Sector::kConstruction},
      {"TM-DV", Sector::kTradeServices},
      {"Thương mại - Dịch vụ", Sector::kTradeServices},
      {"thuong mai dich vu", Sector::kTradeServices},
      {"Dịch vụ", Sector::kTradeServices},
      {"trade_services", Sector::kTradeServices},
      {"Giao thông vận tải", Sector::kTransport},
      {"van tai", Sector::kTransport},
      {"tin dung", Sector::kCredit},
      {"Vệ sinh môi trường", Sector::kEnvironment},
      {"nha o", Sector::kHousing},
      {"khác", Sector::kOther},
      {"KHAC", Sector::kOther},
      {"", std::nullopt},
      {"du lịch", std::nullopt},
      {"agri", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseSector(c.text), c.want) << c.text;
}

// ---- Statuses --------------------------------------------------------------------

TEST(DomainEntity, StatusNamesAndLabels) {
  struct Case {
    EntityStatus status;
    const char* name;
    const char* vi;
    const char* en;
    bool terminal;
  } cases[] = {
      {EntityStatus::kActive, "active", "Đang hoạt động", "Active", false},
      {EntityStatus::kSuspended, "suspended", "Tạm ngừng", "Suspended", false},
      {EntityStatus::kStopped, "stopped", "Ngừng hoạt động", "Stopped", false},
      {EntityStatus::kDissolved, "dissolved", "Giải thể", "Dissolved", true},
      {EntityStatus::kBankrupt, "bankrupt", "Phá sản", "Bankrupt", true},
      {EntityStatus::kConverted, "converted", "Chuyển đổi", "Converted", true},
  };
  ASSERT_EQ(std::size(cases), std::size(kEntityStatuses));
  for (const auto& c : cases) {
    EXPECT_STREQ(EntityStatusName(c.status), c.name);
    EXPECT_EQ(EntityStatusFromName(c.name), c.status);
    EXPECT_EQ(std::string(EntityStatusLabelKey(c.status)), std::string("status.") + c.name);
    EXPECT_EQ(EntityStatusLabel(c.status, Lang::kVi), c.vi);
    EXPECT_EQ(EntityStatusLabel(c.status, Lang::kEn), c.en);
    EXPECT_EQ(IsTerminal(c.status), c.terminal) << c.name;
    EXPECT_EQ(ParseEntityStatus(c.name), c.status);
    EXPECT_EQ(ParseEntityStatus(c.vi), c.status);
    EXPECT_EQ(ParseEntityStatus(c.en), c.status);
  }
  EXPECT_EQ(EntityStatusFromName("Active"), std::nullopt);
}

TEST(DomainEntity, ParsesStatusSpellings) {
  struct Case {
    const char* text;
    std::optional<EntityStatus> want;
  } cases[] = {
      {"đang hoạt động", EntityStatus::kActive},
      {"ĐANG HOẠT ĐỘNG", EntityStatus::kActive},
      {"dang hoat dong", EntityStatus::kActive},
      {"Hoạt động", EntityStatus::kActive},
      {"ACTIVE", EntityStatus::kActive},
      {"tạm ngừng", EntityStatus::kSuspended},
      {"Tạm ngừng hoạt động", EntityStatus::kSuspended},
      {"tam ngung hoat dong", EntityStatus::kSuspended},
      {"Tạm ngưng", EntityStatus::kSuspended},
      {"tạm dừng hoạt động", EntityStatus::kSuspended},
      {"ngừng hoạt động", EntityStatus::kStopped},
      {"Ngừng Hoạt Động", EntityStatus::kStopped},
      {"ngung hoat dong", EntityStatus::kStopped},
      {"Đã ngừng hoạt động", EntityStatus::kStopped},
      {"Không hoạt động", EntityStatus::kStopped},
      {"inactive", EntityStatus::kStopped},
      {"giải thể", EntityStatus::kDissolved},
      {"GIAI THE", EntityStatus::kDissolved},
      {"Đã giải thể", EntityStatus::kDissolved},
      {"phá sản", EntityStatus::kBankrupt},
      {"pha san", EntityStatus::kBankrupt},
      {"Đã phá sản", EntityStatus::kBankrupt},
      {"chuyển đổi", EntityStatus::kConverted},
      {"chuyen doi", EntityStatus::kConverted},
      {"", std::nullopt},
      {"tạm", std::nullopt},
      {"đang", std::nullopt},
      {"closed", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseEntityStatus(c.text), c.want) << c.text;
}

TEST(DomainEntity, Sex) {
  EXPECT_STREQ(SexName(Sex::kFemale), "female");
  EXPECT_STREQ(SexName(Sex::kMale), "male");
  EXPECT_EQ(SexFromName("female"), Sex::kFemale);
  EXPECT_EQ(SexFromName("Nữ"), std::nullopt);
  EXPECT_EQ(SexLabel(Sex::kFemale, Lang::kVi), "Nữ");
  EXPECT_EQ(SexLabel(Sex::kMale, Lang::kVi), "Nam");
  EXPECT_EQ(SexLabel(Sex::kFemale, Lang::kEn), "Female");
  for (const char* text : {"female", "Female", "F", "f", "Nữ", "nữ", "NU", "nu", "phụ nữ"})
    EXPECT_EQ(ParseSex(text), Sex::kFemale) << text;
  for (const char* text : {"male", "MALE", "M", "m", "Nam", "nam", "NAM"})
    EXPECT_EQ(ParseSex(text), Sex::kMale) << text;
  for (const char* text : {"", "x", "khác", "nữ nam"}) EXPECT_EQ(ParseSex(text), std::nullopt) << text;
}

TEST(DomainEntity, MatchKey) {
  EXPECT_EQ(MatchKey("Hợp tác xã"), "hop tac xa");
  EXPECT_EQ(MatchKey("credit_fund"), "credit fund");
  EXPECT_EQ(MatchKey("CN-TTCN"), "cn ttcn");
  EXPECT_EQ(MatchKey("  Đang  hoạt động "), "dang hoat dong");
  EXPECT_EQ(MatchKey(""), "");
}

// Every label of every enumeration parses back to its value in both languages,
// and no label is claimed by two values.
TEST(DomainEntity, EveryLabelParsesBack) {
  for (Lang lang : {Lang::kVi, Lang::kEn}) {
    for (EntityKind kind : kEntityKinds) EXPECT_EQ(ParseEntityKind(EntityKindLabel(kind, lang)), kind);
    for (Sector sector : kSectors) EXPECT_EQ(ParseSector(SectorLabel(sector, lang)), sector);
    for (EntityStatus status : kEntityStatuses) EXPECT_EQ(ParseEntityStatus(EntityStatusLabel(status, lang)), status);
    for (Sex sex : {Sex::kFemale, Sex::kMale}) EXPECT_EQ(ParseSex(SexLabel(sex, lang)), sex);
  }
}

// ---- Entity ------------------------------------------------------------------------

const Date kToday = D("2025-06-15");

Entity ValidEntity() {
  Entity e;
  e.kind = EntityKind::kCooperative;
  e.name = "Hợp tác xã Nông nghiệp Tân Lập";
  e.registration_code = "1501-HTX-0042";
  e.tax_code = "5200123456";
  e.province_code = "15";
  e.commune_code = "04378";
  e.address = "Thôn 3, xã Tân Lập";
  e.sector = Sector::kAgriculture;
  e.founded_on = D("2015-03-20");
  e.women_managed = true;
  e.chair_name = "Nguyễn Thị Hoa";
  e.chair_sex = Sex::kFemale;
  e.chair_birth_year = 1975;
  e.phone = "0912345678";
  e.email = "htx.tanlap@gmail.com";
  return e;
}

TEST(DomainEntity, ValidEntityPasses) {
  EXPECT_TRUE(ValidateEntity(ValidEntity(), kToday).ok());
  Entity minimal;
  minimal.name = "Tổ hợp tác rau sạch";
  minimal.kind = EntityKind::kGroup;
  minimal.registration_code = "THT-15-0001";
  minimal.province_code = "15";
  EXPECT_TRUE(ValidateEntity(minimal, kToday).ok());
  EXPECT_TRUE(ValidateEntity(ValidEntity()).ok());  // against the clock
}

TEST(DomainEntity, ReportsEveryMissingRequiredFieldAtOnce) {
  Status status = ValidateEntity(Entity{}, kToday);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().key, "error.invalid_request");
  EXPECT_EQ(Describe(status),
            (std::vector<std::string>{"name:required", "registration_code:required", "province_code:required"}));
  ExpectKeysExist(status);
  Entity blank_name = ValidEntity();
  blank_name.name = " \t ";
  EXPECT_EQ(Describe(ValidateEntity(blank_name, kToday)), std::vector<std::string>{"name:required"});
}

TEST(DomainEntity, ReportsAllErrorsOfABadEntity) {
  Entity e = ValidEntity();
  e.registration_code = "HTX 01";
  e.tax_code = "123";
  e.province_code = "1";
  e.email = "no-at-sign";
  e.phone = "12";
  e.chair_birth_year = 2020;
  e.founded_on = D("2030-01-01");
  Status status = ValidateEntity(e, kToday);
  EXPECT_EQ(Describe(status), (std::vector<std::string>{
                                  "registration_code:invalid_registration_code:HTX 01|40",
                                  "tax_code:invalid_tax_code:123",
                                  "province_code:invalid_province_code:1",
                                  "founded_on:date_in_future:2030-01-01|2025-06-15",
                                  "chair_birth_year:out_of_range:1900|2010",
                                  "phone:invalid_phone:12",
                                  "email:invalid_email:no-at-sign",
                              }));
  ExpectKeysExist(status);
}

TEST(DomainEntity, FieldRules) {
  struct Case {
    const char* what;
    void (*mutate)(Entity&);
    std::vector<std::string> want;  // empty: valid
  } cases[] = {
      // name
      {"name of 255 multi-byte letters",
       [](Entity& e) {
         e.name.clear();
         for (int i = 0; i < 255; ++i) e.name += "ệ";
       },
       {}},
      {"name of 256 letters", [](Entity& e) { e.name = std::string(256, 'a'); }, {"name:too_long:255"}},
      {"name with invalid UTF-8", [](Entity& e) { e.name = "HTX \xC3\x28"; }, {"name:invalid_text"}},
      {"name with a control character", [](Entity& e) { e.name = "HTX\x01"; }, {"name:invalid_text"}},
      {"name with a newline", [](Entity& e) { e.name = "HTX\nA"; }, {"name:invalid_text"}},
      {"name with an overlong encoding", [](Entity& e) { e.name = "\xC0\xAF"; }, {"name:invalid_text"}},
      {"name with a surrogate", [](Entity& e) { e.name = "\xED\xA0\x80"; }, {"name:invalid_text"}},
      {"name of zero-width spaces", [](Entity& e) { e.name = "\u200B\u200B\uFEFF"; }, {"name:no_visible_text"}},
      {"name of ideographic spaces", [](Entity& e) { e.name = "\u3000\u3000"; }, {"name:no_visible_text"}},
      {"name of Hangul fillers", [](Entity& e) { e.name = "\u3164"; }, {"name:no_visible_text"}},
      {"name with a right-to-left override", [](Entity& e) { e.name = "HTX \u202EgnaL"; }, {"name:invalid_text"}},
      {"name with an isolate", [](Entity& e) { e.name = "HTX \u2067A\u2069"; }, {"name:invalid_text"}},
      {"name with a zero-width joiner inside", [](Entity& e) { e.name = "HTX A\u200DB"; }, {}},
      {"address of a zero-width space", [](Entity& e) { e.address = "\u200B"; }, {"address:no_visible_text"}},
      {"chair name of a word joiner", [](Entity& e) { e.chair_name = "\u2060"; }, {"chair_name:no_visible_text"}},
      // kind
      {"kind out of range",
       [](Entity& e) { e.kind = static_cast<EntityKind>(9); },
       {"kind:invalid_enum:9|cooperative, union, group, credit_fund"}},
      // registration_code
      {"code with slash, dot, underscore", [](Entity& e) { e.registration_code = "4107/HTX.01_a"; }, {}},
      {"code of 40 characters", [](Entity& e) { e.registration_code = std::string(40, '7'); }, {}},
      {"code of 41 characters",
       [](Entity& e) { e.registration_code = std::string(41, '7'); },
       {"registration_code:invalid_registration_code:" + std::string(41, '7') + "|40"}},
      {"code starting with a dash",
       [](Entity& e) { e.registration_code = "-01"; },
       {"registration_code:invalid_registration_code:-01|40"}},
      {"code with a Vietnamese letter",
       [](Entity& e) { e.registration_code = "HTXĐ01"; },
       {"registration_code:invalid_registration_code:HTXĐ01|40"}},
      {"code with a space",
       [](Entity& e) { e.registration_code = "HTX 01"; },
       {"registration_code:invalid_registration_code:HTX 01|40"}},
      // tax_code
      {"no tax code", [](Entity& e) { e.tax_code.clear(); }, {}},
      {"branch tax code", [](Entity& e) { e.tax_code = "0101234567-001"; }, {}},
      {"9-digit tax code", [](Entity& e) { e.tax_code = "010123456"; }, {"tax_code:invalid_tax_code:010123456"}},
      {"11-digit tax code", [](Entity& e) { e.tax_code = "01012345678"; }, {"tax_code:invalid_tax_code:01012345678"}},
      {"tax code with letters", [](Entity& e) { e.tax_code = "01012345AB"; }, {"tax_code:invalid_tax_code:01012345AB"}},
      {"branch with 2 digits",
       [](Entity& e) { e.tax_code = "0101234567-01"; },
       {"tax_code:invalid_tax_code:0101234567-01"}},
      // province and commune codes
      {"province of 3 digits", [](Entity& e) { e.province_code = "015"; }, {"province_code:invalid_province_code:015"}},
      {"province with a letter", [](Entity& e) { e.province_code = "1a"; }, {"province_code:invalid_province_code:1a"}},
      {"no commune", [](Entity& e) { e.commune_code.clear(); }, {}},
      {"commune of 4 digits", [](Entity& e) { e.commune_code = "4378"; }, {"commune_code:invalid_commune_code:4378"}},
      // address, chair name
      {"address of 501 characters", [](Entity& e) { e.address = std::string(501, 'x'); }, {"address:too_long:500"}},
      {"address with invalid UTF-8", [](Entity& e) { e.address = "\xFF"; }, {"address:invalid_text"}},
      {"chair name of 101 characters",
       [](Entity& e) { e.chair_name = std::string(101, 'x'); },
       {"chair_name:too_long:100"}},
      // sector, sex
      {"no sector", [](Entity& e) { e.sector.reset(); }, {}},
      {"sector out of range",
       [](Entity& e) { e.sector = static_cast<Sector>(12); },
       {"sector:invalid_enum:12|agriculture, forestry, fisheries, salt, industry_handicraft, construction, "
        "trade_services, transport, credit, environment, housing, other"}},
      {"sex out of range",
       [](Entity& e) { e.chair_sex = static_cast<Sex>(2); },
       {"chair_sex:invalid_enum:2|female, male"}},
      // dates
      {"founded today", [](Entity& e) { e.founded_on = D("2025-06-15"); }, {}},
      {"founded tomorrow",
       [](Entity& e) { e.founded_on = D("2025-06-16"); },
       {"founded_on:date_in_future:2025-06-16|2025-06-15"}},
      {"founded 1900-01-01", [](Entity& e) { e.founded_on = D("1900-01-01"); }, {}},
      {"founded 1899-12-31",
       [](Entity& e) { e.founded_on = D("1899-12-31"); },
       {"founded_on:date_too_early:1899-12-31|1900-01-01"}},
      {"no founding date", [](Entity& e) { e.founded_on.reset(); }, {}},
      {"province read in the future",
       [](Entity& e) { e.province_as_of = D("2026-01-01"); },
       {"province_as_of:date_in_future:2026-01-01|2025-06-15"}},
      {"province read today", [](Entity& e) { e.province_as_of = kToday; }, {}},
      // chair birth year
      {"chair born 1900", [](Entity& e) { e.chair_birth_year = 1900; }, {}},
      {"chair born 1899", [](Entity& e) { e.chair_birth_year = 1899; }, {"chair_birth_year:out_of_range:1900|2010"}},
      {"chair aged 15", [](Entity& e) { e.chair_birth_year = 2010; }, {}},
      {"chair aged 14", [](Entity& e) { e.chair_birth_year = 2011; }, {"chair_birth_year:out_of_range:1900|2010"}},
      {"chair birth year typed as a date",
       [](Entity& e) { e.chair_birth_year = 19750312; },
       {"chair_birth_year:out_of_range:1900|2010"}},
      // phone
      {"no phone", [](Entity& e) { e.phone.clear(); }, {}},
      {"phone with spaces and dots", [](Entity& e) { e.phone = "0912 345.678"; }, {}},
      {"international phone", [](Entity& e) { e.phone = "+84 (216) 3852 123"; }, {}},
      {"8-digit hotline", [](Entity& e) { e.phone = "19001234"; }, {}},
      {"7 digits", [](Entity& e) { e.phone = "1234567"; }, {"phone:invalid_phone:1234567"}},
      {"16 digits", [](Entity& e) { e.phone = "1234567890123456"; }, {"phone:invalid_phone:1234567890123456"}},
      {"phone with letters", [](Entity& e) { e.phone = "0912abc678"; }, {"phone:invalid_phone:0912abc678"}},
      {"plus inside", [](Entity& e) { e.phone = "0912+345678"; }, {"phone:invalid_phone:0912+345678"}},
      {"two phones",
       [](Entity& e) { e.phone = "0912345678; 0216385212"; },
       {"phone:invalid_phone:0912345678; 0216385212"}},
      // email
      {"no email", [](Entity& e) { e.email.clear(); }, {}},
      {"email with subdomain", [](Entity& e) { e.email = "lienminh@laocai.gov.vn"; }, {}},
      {"email with plus and dash", [](Entity& e) { e.email = "a.b+c@my-coop.vn"; }, {}},
      {"email without domain dot", [](Entity& e) { e.email = "a@localhost"; }, {"email:invalid_email:a@localhost"}},
      {"email with two at signs", [](Entity& e) { e.email = "a@b@c.vn"; }, {"email:invalid_email:a@b@c.vn"}},
      {"email with a space", [](Entity& e) { e.email = "a b@c.vn"; }, {"email:invalid_email:a b@c.vn"}},
      {"email with empty local part", [](Entity& e) { e.email = "@c.vn"; }, {"email:invalid_email:@c.vn"}},
      {"email with empty label", [](Entity& e) { e.email = "a@c..vn"; }, {"email:invalid_email:a@c..vn"}},
      {"email ending in a dot", [](Entity& e) { e.email = "a@c.vn."; }, {"email:invalid_email:a@c.vn."}},
      {"email with numeric TLD", [](Entity& e) { e.email = "a@1.2"; }, {"email:invalid_email:a@1.2"}},
      {"email domain with underscore",
       [](Entity& e) { e.email = "a@my_coop.vn"; },
       {"email:invalid_email:a@my_coop.vn"}},
      // union membership
      {"member of a union", [](Entity& e) { e.union_registration_code = "LHHTX-15-01"; }, {}},
      {"member of itself",
       [](Entity& e) { e.union_registration_code = "1501-htx-0042"; },
       {"union_registration_code:union_self"}},
      {"bad union code",
       [](Entity& e) { e.union_registration_code = "LH HTX"; },
       {"union_registration_code:invalid_registration_code:LH HTX|40"}},
      {"union id is its own id",
       [](Entity& e) {
         e.id = 7;
         e.union_id = 7;
       },
       {"union_id:union_self"}},
      {"union id of another",
       [](Entity& e) {
         e.id = 7;
         e.union_id = 8;
       },
       {}},
  };
  for (const auto& c : cases) {
    Entity e = ValidEntity();
    c.mutate(e);
    Status status = ValidateEntity(e, kToday);
    EXPECT_EQ(Describe(status), c.want) << c.what;
    ExpectKeysExist(status);
  }
}

TEST(DomainEntity, ProvinceDateFallsBackToFounding) {
  Entity e = ValidEntity();
  EXPECT_EQ(e.ProvinceDate(), D("2015-03-20"));
  e.province_as_of = D("2026-01-01");
  EXPECT_EQ(e.ProvinceDate(), D("2026-01-01"));
  e.province_as_of.reset();
  e.founded_on.reset();
  EXPECT_EQ(e.ProvinceDate(), std::nullopt);
}

TEST(DomainEntity, NormalizeCleansWhatPeopleType) {
  Entity e;
  e.name = "  Hợp tác xã \t Nông   nghiệp\xC2\xA0Tân Lập \n";
  e.registration_code = " htx-01a ";
  e.tax_code = " 5200123456 ";
  e.province_code = " 15";
  e.commune_code = "04378 ";
  e.address = " Thôn 3,   xã Tân Lập ";
  e.chair_name = " Nguyễn  Thị Hoa ";
  e.phone = " 0912 345.678 ";
  e.email = " HTX.TanLap@Gmail.COM ";
  e.union_registration_code = " lhhtx-15 ";
  NormalizeEntity(e);
  EXPECT_EQ(e.name, "Hợp tác xã Nông nghiệp Tân Lập");
  EXPECT_EQ(e.registration_code, "HTX-01A");
  EXPECT_EQ(e.tax_code, "5200123456");
  EXPECT_EQ(e.province_code, "15");
  EXPECT_EQ(e.commune_code, "04378");
  EXPECT_EQ(e.address, "Thôn 3, xã Tân Lập");
  EXPECT_EQ(e.chair_name, "Nguyễn Thị Hoa");
  EXPECT_EQ(e.phone, "0912345678");
  EXPECT_EQ(e.email, "htx.tanlap@gmail.com");
  EXPECT_EQ(e.union_registration_code, "LHHTX-15");

  Entity phones;
  phones.phone = "+84 (216) 385-2123";
  NormalizeEntity(phones);
  EXPECT_EQ(phones.phone, "+842163852123");
  phones.phone = " 0912 / 0913 ";  // not a single number: left for validation to reject
  NormalizeEntity(phones);
  EXPECT_EQ(phones.phone, "0912 / 0913");

  // Normalising twice changes nothing more.
  Entity again = e;
  NormalizeEntity(again);
  EXPECT_EQ(again, e);
  Entity all_blank;
  all_blank.name = " \xC2\xA0 ";
  NormalizeEntity(all_blank);
  EXPECT_EQ(all_blank.name, "");
}

TEST(DomainEntity, NormalizeComposesAndStripsInvisibleCharacters) {
  Entity e = ValidEntity();
  e.name = "\u200B Ho\u031B\u0323p ta\u0301c xa\u0303 \u202ET\u00E2n L\u00E2\u0323p\u202C \uFEFF";  // NFD, RLO, ZW
  e.address = "\u200E Th\u00F4n 3 \u200F";
  e.chair_name = "Nguy\u00EA\u0303n Th\u1ECB Hoa";
  NormalizeEntity(e);
  EXPECT_EQ(e.name, "Hợp tác xã Tân Lập");
  EXPECT_EQ(e.address, "Thôn 3");
  EXPECT_EQ(e.chair_name, "Nguyễn Thị Hoa");
  EXPECT_TRUE(ValidateEntity(e, kToday).ok());

  // Nothing visible: left as it is, for validation to name the problem.
  Entity invisible = ValidEntity();
  invisible.name = " \u200B\u200C ";
  NormalizeEntity(invisible);
  EXPECT_EQ(Describe(ValidateEntity(invisible, kToday)), std::vector<std::string>{"name:no_visible_text"});
  ExpectKeysExist(ValidateEntity(invisible, kToday));
  // Broken UTF-8 is not repaired here either.
  Entity broken = ValidEntity();
  broken.name = "HTX \xFF";
  NormalizeEntity(broken);
  EXPECT_EQ(broken.name, "HTX \xFF");
  EXPECT_EQ(Describe(ValidateEntity(broken, kToday)), std::vector<std::string>{"name:invalid_text"});
}

TEST(DomainEntity, PublicAttributes) {
  for (const char* name : {"id", "kind", "name", "province_code", "current_province_code", "commune_code", "sector",
                           "founded_on", "status", "status_since"})
    EXPECT_TRUE(IsPublicAttribute(name)) << name;
  for (const char* name : {"registration_code", "tax_code", "address", "women_managed", "youth", "chair_name",
                           "chair_sex", "chair_birth_year", "phone", "email", "union_id", "union_registration_code",
                           "province_as_of", "created_at_ms", "updated_at_ms", ""})
    EXPECT_FALSE(IsPublicAttribute(name)) << name;
}

}  // namespace
}  // namespace hoptac::domain

// BuildEntityQuery and EntityQuery: the WHERE clause and bound values for the list
// filters and the caller's scope, and the two filters applied to each row.
#include "registry/entity_query.h"

#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "support/status_matchers.h"
#include "text/fold.h"

namespace hoptac::registry {
namespace {

using auth::Credential;
using auth::Principal;
using auth::Role;
using domain::EntityStatus;
using domain::EventType;
using domain::StatusEvent;
using storage::Int;
using storage::Text;
using storage::Value;

constexpr const char* kBase = "e.deleted_at_ms IS NULL";

Date D(const char* iso) { return *Date::ParseIso(iso); }

Principal Signed(Role role, Credential credential = Credential::kSession) {
  Principal p;
  p.user_id = 7;
  p.username = "someone";
  p.role = role;
  p.credential = credential;
  return p;
}
Principal ProvinceAccount(Role role, std::string province) {
  Principal p = Signed(role);
  p.province_code = std::move(province);
  return p;
}
Principal CooperativeAccount(int64_t entity_id) {
  Principal p = Signed(Role::kCooperative, Credential::kApiToken);
  p.entity_id = entity_id;
  return p;
}

// The $N placeholders of `where`, in order of appearance.
std::vector<int> Placeholders(const std::string& where) {
  std::vector<int> out;
  for (size_t i = 0; i < where.size(); ++i) {
    if (where[i] != '$') continue;
    size_t j = i + 1;
    while (j < where.size() && std::isdigit(static_cast<unsigned char>(where[j]))) ++j;
    out.push_back(j > i + 1 ? std::stoi(where.substr(i + 1, j - i - 1)) : -1);
    i = j - 1;
  }
  return out;
}

// Placeholders are $1 … $params.size(), each once, in order.
void ExpectPlaceholdersMatchParams(const EntityQuery& query) {
  std::vector<int> want;
  for (size_t i = 1; i <= query.params.size(); ++i) want.push_back(static_cast<int>(i));
  EXPECT_EQ(Placeholders(query.where), want) << query.where;
}

class EntityQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dataset = geo::LoadReferenceAdminUnits();
    ASSERT_TRUE(dataset.ok()) << dataset.error().detail;
    units_ = geo::AdminUnitDirectory::Create(std::move(dataset).value());
  }
  static Date Today() { return D("2026-01-15"); }

  static Result<EntityQuery> Build(const EntityFilters& filters, const Principal& who = Principal::Cli("test")) {
    return BuildEntityQuery(who, filters, *units_, Today());
  }
  static EntityQuery BuildOk(const EntityFilters& filters, const Principal& who = Principal::Cli("test")) {
    auto query = Build(filters, who);
    EXPECT_TRUE(query.ok()) << ::hoptac::testing::Describe(query.error());
    return query.ok() ? std::move(query).value() : EntityQuery{};
  }
  static EntityQuery Search(const std::string& q) {
    EntityFilters filters;
    filters.q = q;
    return BuildOk(filters);
  }

  static std::shared_ptr<const geo::AdminUnitDirectory> units_;
};
std::shared_ptr<const geo::AdminUnitDirectory> EntityQueryTest::units_;

// ---- Scope ------------------------------------------------------------------------

TEST_F(EntityQueryTest, ScopeOfTheCaller) {
  struct Case {
    const char* what;
    Principal who;
    std::string where;
    std::vector<Value> params;
  } cases[] = {
      {"national admin", Signed(Role::kNationalAdmin), kBase, {}},
      {"national officer", Signed(Role::kNationalOfficer), kBase, {}},
      {"national officer by API token", Signed(Role::kNationalOfficer, Credential::kApiToken), kBase, {}},
      {"the CLI", Principal::Cli("root"), kBase, {}},
      {"province admin",
       ProvinceAccount(Role::kProvinceAdmin, "15"),
       std::string(kBase) + " AND e.current_province_code = $1",
       {Text("15")}},
      {"province officer",
       ProvinceAccount(Role::kProvinceOfficer, "79"),
       std::string(kBase) + " AND e.current_province_code = $1",
       {Text("79")}},
      {"cooperative", CooperativeAccount(42), std::string(kBase) + " AND e.id = $1", {Int(42)}},
      {"partner", Signed(Role::kPartner, Credential::kApiToken), kBase, {}},
      {"anonymous", Principal::Anonymous("127.0.0.1"), kBase, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EntityQuery query = BuildOk(EntityFilters{}, c.who);
    EXPECT_EQ(query.where, c.where);
    EXPECT_EQ(query.params, c.params);
    ExpectPlaceholdersMatchParams(query);
    EXPECT_TRUE(query.words.empty());
    EXPECT_FALSE(query.status.has_value());
    EXPECT_EQ(query.as_of, Today());
  }
}

TEST_F(EntityQueryTest, AnUnauthenticatedCallerIsAnonymousWhateverItsRole) {
  // Only a credential makes a role count: without one the caller sees what anonymous sees.
  Principal province = ProvinceAccount(Role::kProvinceAdmin, "15");
  province.credential = Credential::kNone;
  Principal cooperative = CooperativeAccount(42);
  cooperative.credential = Credential::kNone;
  for (const Principal& who : {province, cooperative}) {
    EntityQuery query = BuildOk(EntityFilters{}, who);
    EXPECT_EQ(query.where, kBase);
    EXPECT_TRUE(query.params.empty());
  }
}

TEST_F(EntityQueryTest, ProvinceScopeAndProvinceFilterBothApply) {
  // A province account asking for another province gets the intersection: nothing.
  EntityFilters filters;
  filters.province = "01";
  EntityQuery query = BuildOk(filters, ProvinceAccount(Role::kProvinceOfficer, "15"));
  EXPECT_EQ(query.where, std::string(kBase) + " AND e.current_province_code = $1 AND e.current_province_code = $2");
  EXPECT_EQ(query.params, (std::vector<Value>{Text("15"), Text("01")}));
}

// ---- One filter at a time ---------------------------------------------------------

TEST_F(EntityQueryTest, EachFilter) {
  struct Case {
    const char* what;
    EntityFilters filters;
    std::string clause;  // after kBase
    std::vector<Value> params;
  };
  auto with = [](auto set) {
    EntityFilters f;
    set(f);
    return f;
  };
  std::vector<Case> cases = {
      {"kind",
       with([](EntityFilters& f) { f.kind = domain::EntityKind::kUnion; }),
       " AND e.kind = $1",
       {Text("union")}},
      {"kind credit fund",
       with([](EntityFilters& f) { f.kind = domain::EntityKind::kCreditFund; }),
       " AND e.kind = $1",
       {Text("credit_fund")}},
      {"province",
       with([](EntityFilters& f) { f.province = "01"; }),
       " AND e.current_province_code = $1",
       {Text("01")}},
      {"sector",
       with([](EntityFilters& f) { f.sector = domain::Sector::kIndustryHandicraft; }),
       " AND e.sector = $1",
       {Text("industry_handicraft")}},
      {"commune", with([](EntityFilters& f) { f.commune = "00004"; }), " AND e.commune_code = $1", {Text("00004")}},
      {"women_managed true",
       with([](EntityFilters& f) { f.women_managed = true; }),
       " AND e.women_managed = $1",
       {Int(1)}},
      {"women_managed false",
       with([](EntityFilters& f) { f.women_managed = false; }),
       " AND e.women_managed = $1",
       {Int(0)}},
      {"youth true", with([](EntityFilters& f) { f.youth = true; }), " AND e.youth = $1", {Int(1)}},
      {"youth false", with([](EntityFilters& f) { f.youth = false; }), " AND e.youth = $1", {Int(0)}},
      {"founded_from",
       with([](EntityFilters& f) { f.founded_from = D("2020-01-31"); }),
       " AND e.founded_on >= $1",
       {Text("2020-01-31")}},
      {"founded_to",
       with([](EntityFilters& f) { f.founded_to = D("2021-12-01"); }),
       " AND e.founded_on <= $1",
       {Text("2021-12-01")}},
      {"q: narrowed by its longest word",
       with([](EntityFilters& f) { f.q = "Nông nghiệp Tân"; }),
       " AND e.name_folded LIKE $1",
       {Text("%nghiep%")}},
      // Yên Bái (code 15) until the reform, since before the records begin (no lower bound);
      // today the code is Lào Cai's.
      {"legacy_province closed by the reform",
       with([](EntityFilters& f) { f.legacy_province = "15"; }),
       " AND e.province_code = $1 AND e.province_as_of <= $2",
       {Text("15"), Text("2025-06-30")}},
      // Bắc Giang (24) was re-established on 1997-01-01 and closed by the reform.
      {"legacy_province re-established in 1997",
       with([](EntityFilters& f) { f.legacy_province = "24"; }),
       " AND e.province_code = $1 AND e.province_as_of >= $2 AND e.province_as_of <= $3",
       {Text("24"), Text("1997-01-01"), Text("2025-06-30")}},
      // Hà Nội (01) is one unit from before the records until today: no bound.
      {"legacy_province still in force",
       with([](EntityFilters& f) { f.legacy_province = "01"; }),
       " AND e.province_code = $1",
       {Text("01")}},
      // Neither status nor as_of is SQL, and paging and order do not select.
      {"status", with([](EntityFilters& f) { f.status = EntityStatus::kDissolved; }), "", {}},
      {"as_of", with([](EntityFilters& f) { f.as_of = D("2020-01-01"); }), "", {}},
      {"paging and order",
       with([](EntityFilters& f) {
         f.offset = 10;
         f.limit = 5;
         f.cursor = "abc";
         f.sort = ListSort::kFoundedDescending;
       }),
       "",
       {}},
      {"q without words", with([](EntityFilters& f) { f.q = " - , ; "; }), "", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EntityQuery query = BuildOk(c.filters);
    EXPECT_EQ(query.where, kBase + c.clause);
    EXPECT_EQ(query.params, c.params);
    ExpectPlaceholdersMatchParams(query);
  }
}

TEST_F(EntityQueryTest, StatusAndAsOfAreKeptForTheRows) {
  EntityFilters filters;
  EntityQuery none = BuildOk(filters);
  EXPECT_FALSE(none.status.has_value());
  EXPECT_EQ(none.as_of, Today());
  filters.status = EntityStatus::kSuspended;
  filters.as_of = D("2019-07-04");
  EntityQuery query = BuildOk(filters);
  EXPECT_EQ(query.status, EntityStatus::kSuspended);
  EXPECT_EQ(query.as_of, D("2019-07-04"));
}

TEST_F(EntityQueryTest, SearchWordsAreFoldedAndSpelledOut) {
  EXPECT_EQ(Search("HTX Đồng Tháp").words, (std::vector<std::string>{"hop", "tac", "xa", "dong", "thap"}));
  EXPECT_TRUE(Search("").words.empty());
  EXPECT_TRUE(Search("   ").words.empty());
}

TEST_F(EntityQueryTest, LikePatternCannotBeWidenedByTheQuery) {
  // Folded words hold only letters and digits, so LIKE wildcards never reach the pattern. (The
  // words name no place: a query naming one is not narrowed by SQL, see registry/finder.h.)
  EntityQuery query = Search("100% xqzá_phú \\x");
  ASSERT_EQ(query.params.size(), 1u);
  const std::string& pattern = std::get<std::string>(query.params[0]);
  ASSERT_GE(pattern.size(), 2u);
  EXPECT_EQ(pattern.front(), '%');
  EXPECT_EQ(pattern.back(), '%');
  std::string inner = pattern.substr(1, pattern.size() - 2);
  EXPECT_FALSE(inner.empty());
  EXPECT_EQ(inner.find_first_of("%_\\"), std::string::npos) << pattern;
}

// ---- Errors -----------------------------------------------------------------------

TEST_F(EntityQueryTest, UnknownLegacyProvince) {
  // "99" names no province, "00004" is a commune, "" would be no filter at all.
  for (const char* code : {"99", "00004", "1", "Yên Bái"}) {
    SCOPED_TRACE(code);
    EntityFilters filters;
    filters.legacy_province = code;
    auto query = Build(filters);
    ASSERT_FALSE(query.ok());
    const Error& error = query.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(error.fields.size(), 1u);
    EXPECT_EQ(error.fields[0].field, "legacy_province");
    EXPECT_EQ(error.fields[0].code, "unknown_province");
    EXPECT_EQ(error.fields[0].key, "field.unknown_province");
    EXPECT_EQ(error.fields[0].args, std::vector<std::string>{code});
  }
}

TEST_F(EntityQueryTest, UnknownLegacyProvinceFailsWhateverTheScope) {
  EntityFilters filters;
  filters.legacy_province = "99";
  for (const Principal& who :
       {Principal::Anonymous(), ProvinceAccount(Role::kProvinceAdmin, "15"), CooperativeAccount(3)}) {
    auto query = Build(filters, who);
    ASSERT_FALSE(query.ok());
    EXPECT_EQ(query.error().fields.at(0).field, "legacy_province");
  }
}

// ---- Everything at once -----------------------------------------------------------

TEST_F(EntityQueryTest, AllFiltersInScopeNumberTheirPlaceholdersInOrder) {
  EntityFilters f;
  f.kind = domain::EntityKind::kCooperative;
  f.province = "15";
  f.status = EntityStatus::kActive;
  f.as_of = D("2024-06-01");
  f.q = "HTX Nông nghiệp";
  f.sector = domain::Sector::kAgriculture;
  f.commune = "04300";
  f.legacy_province = "15";
  f.women_managed = true;
  f.youth = false;
  f.founded_from = D("2000-01-01");
  f.founded_to = D("2024-01-01");
  for (const Principal& who : {Principal::Cli("root"), ProvinceAccount(Role::kProvinceAdmin, "15"),
                               CooperativeAccount(9), Principal::Anonymous()}) {
    SCOPED_TRACE(who.username);
    EntityQuery query = BuildOk(f, who);
    ExpectPlaceholdersMatchParams(query);
    const size_t scope = who.province_bound() || who.role == Role::kCooperative ? 1 : 0;
    // kind, province, legacy (2: Yên Bái has no lower bound), sector, commune, women, youth, from, to, name.
    EXPECT_EQ(query.params.size(), scope + 11) << query.where;
    EXPECT_EQ(query.where.rfind(kBase, 0), 0u) << query.where;
    EXPECT_EQ(query.status, EntityStatus::kActive);
    EXPECT_EQ(query.as_of, D("2024-06-01"));
    EXPECT_EQ(query.words, (std::vector<std::string>{"hop", "tac", "xa", "nong", "nghiep"}));
  }
}

// ---- And --------------------------------------------------------------------------

TEST(EntityQueryAnd, AppendsAFragmentWithTheNextPlaceholder) {
  EntityQuery query;
  query.where = "x";
  query.And("e.id > ", Int(5));
  EXPECT_EQ(query.where, "x AND e.id > $1");
  EXPECT_EQ(query.params, std::vector<Value>{Int(5)});
  query.And("e.name < ", Text("b"));
  EXPECT_EQ(query.where, "x AND e.id > $1 AND e.name < $2");
  EXPECT_EQ(query.params, (std::vector<Value>{Int(5), Text("b")}));
  for (int i = 3; i <= 12; ++i) query.And("e.id <> ", Int(i));
  EXPECT_EQ(query.params.size(), 12u);
  EXPECT_NE(query.where.find("e.id <> $10 AND e.id <> $11 AND e.id <> $12"), std::string::npos) << query.where;
  ExpectPlaceholdersMatchParams(query);
}

TEST_F(EntityQueryTest, AndContinuesTheNumberingOfABuiltQuery) {
  EntityFilters filters;
  filters.kind = domain::EntityKind::kGroup;
  EntityQuery query = BuildOk(filters, ProvinceAccount(Role::kProvinceAdmin, "01"));
  ASSERT_EQ(query.params.size(), 2u);
  query.And("e.id > ", Int(100));  // e.g. a keyset cursor
  EXPECT_EQ(query.where, std::string(kBase) + " AND e.current_province_code = $1 AND e.kind = $2 AND e.id > $3");
  EXPECT_EQ(query.params, (std::vector<Value>{Text("01"), Text("group"), Int(100)}));
}

// ---- MatchesName ------------------------------------------------------------------

TEST_F(EntityQueryTest, MatchesName) {
  struct Case {
    const char* q;
    const char* name;
    bool want;
  } cases[] = {
      {"", "Hợp tác xã Tân Phú", true},
      {"tan phu", "Hợp tác xã Tân Phú", true},
      {"TÂN PHÚ", "Hợp tác xã Tân Phú", true},
      {"tân phu", "HỢP TÁC XÃ TÂN PHÚ", true},
      {"phu tan", "Hợp tác xã Tân Phú", true},  // order does not matter
      {"ta ph", "Hợp tác xã Tân Phú", true},    // prefixes
      {"t", "Hợp tác xã Tân Phú", true},
      {"an", "Hợp tác xã Tân Phú", false},        // inside a word, not a prefix
      {"tanphu", "Hợp tác xã Tân Phú", false},    // words are not joined
      {"tan xuan", "Hợp tác xã Tân Phú", false},  // every word must match
      {"phuc", "Hợp tác xã Tân Phú", false},      // longer than the name's word
      {"dong thap", "HTX Nông nghiệp Đồng Tháp", true},
      {"đồng", "HTX Dong Thap", true},
      // The abbreviations stand for their words in queries and in names.
      {"hợp tác xã tân phú", "HTX Tân Phú", true},
      {"htx tan phu", "Hợp tác xã Tân Phú", true},
      {"HTX Tân Phú", "HTX Tân Phú", true},
      {"lhhtx", "Liên hiệp hợp tác xã Thành phố", true},
      {"lien hiep", "LHHTX Thành phố", true},
      {"tht", "Tổ hợp tác Bình Minh", true},
      {"to hop tac", "THT Bình Minh", true},
      {"qtdnd phu my", "Quỹ tín dụng nhân dân Phú Mỹ", true},
      {"quy tin dung", "QTDND Phú Mỹ", true},
      {"htx", "Tổ hợp tác Bình Minh", false},  // no "xa"
      {"so 2", "HTX Dịch vụ số 2", true},
      {"3", "HTX Dịch vụ số 2", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Search(c.q).MatchesName(c.name), c.want) << "q=\"" << c.q << "\" name=\"" << c.name << "\"";
  }
}

TEST_F(EntityQueryTest, EveryNameMatchesItself) {
  for (const char* name : {"HTX Tân Phú", "Hợp tác xã Nông nghiệp Đồng Tháp", "LHHTX Thành phố Hồ Chí Minh",
                           "THT Bình Minh", "QTDND Phú Mỹ", "Công ty (HTX) số 2 - Đắk Lắk"}) {
    EXPECT_TRUE(Search(name).MatchesName(name)) << name;
  }
}

// A query's LIKE narrowing may only drop rows MatchesName would drop too: for every
// (q, name) that MatchesName accepts, the LIKE pattern must match text::Fold(name),
// which is what entities.name_folded holds.
bool LikeMatchesFoldedName(const EntityQuery& query, const std::string& name) {
  if (query.params.empty()) return true;
  const std::string& pattern = std::get<std::string>(query.params.back());
  // The pattern is always %word% (see LikePatternCannotBeWidenedByTheQuery).
  return text::Fold(name).find(pattern.substr(1, pattern.size() - 2)) != std::string::npos;
}

TEST_F(EntityQueryTest, LikeNarrowingKeepsEveryMatchingName) {
  struct Case {
    const char* q;
    const char* name;
  } cases[] = {
      {"tân phú", "Hợp tác xã Tân Phú"},          {"nong ngh", "HTX Nông nghiệp Đồng Tháp"},
      {"ĐỒNG THÁP", "HTX Nông nghiệp Đồng Tháp"}, {"hợp tác xã tân", "Hợp tác xã Tân Phú"},
      {"HTX tân", "Hợp tác xã Tân Phú"},
  };
  for (const auto& c : cases) {
    EntityQuery query = Search(c.q);
    ASSERT_TRUE(query.MatchesName(c.name)) << c.q << " / " << c.name;
    EXPECT_TRUE(LikeMatchesFoldedName(query, c.name))
        << "q=\"" << c.q << "\" name=\"" << c.name << "\" where " << query.where;
  }
}

// Regression: the LIKE narrowing used the longest *expanded* search word while
// name_folded holds text::Fold(name) with the abbreviations as written, so exports never
// returned "HTX Tân Phú" for the query "HTX Tân Phú" ("hop" is not in "htx tan phu").
// A word of an abbreviation's spelling-out no longer narrows.
TEST_F(EntityQueryTest, LikeNarrowingKeepsNamesWrittenWithAbbreviations) {
  struct Case {
    const char* q;
    const char* name;
  } cases[] = {
      {"hợp tác xã tân phú", "HTX Tân Phú"}, {"HTX Tân Phú", "HTX Tân Phú"},   {"htx", "HTX Tân Phú"},
      {"liên hiệp", "LHHTX Thành phố"},      {"quy tin dung", "QTDND Phú Mỹ"}, {"QTDND", "QTDND Phú Mỹ"},
      {"tổ hợp tác", "THT Bình Minh"},
  };
  for (const auto& c : cases) {
    EntityQuery query = Search(c.q);
    ASSERT_TRUE(query.MatchesName(c.name)) << c.q << " / " << c.name;
    EXPECT_TRUE(LikeMatchesFoldedName(query, c.name))
        << "q=\"" << c.q << "\" name=\"" << c.name << "\" where " << query.where;
  }
}

// ---- MatchesStatus ----------------------------------------------------------------

TEST_F(EntityQueryTest, MatchesStatus) {
  // Founded 2020-01-01; suspended 2022-03-01; resumed 2023-01-01; dissolved 2025-05-01.
  std::vector<StatusEvent> events = {
      {D("2020-01-01"), EventType::kEstablished, "", std::nullopt},
      {D("2022-03-01"), EventType::kSuspended, "", std::nullopt},
      {D("2023-01-01"), EventType::kResumed, "", std::nullopt},
      {D("2025-05-01"), EventType::kDissolved, "", std::nullopt},
  };
  domain::SortEvents(events);
  const std::optional<Date> founded = D("2020-01-01");
  struct Case {
    std::optional<EntityStatus> status;
    std::optional<Date> as_of;  // nullopt: today (2026-01-15)
    bool want;
  } cases[] = {
      {std::nullopt, std::nullopt, true},
      {std::nullopt, D("2019-01-01"), true},            // no status filter: even before founding
      {EntityStatus::kActive, D("2019-12-31"), false},  // did not exist yet
      {EntityStatus::kActive, D("2020-01-01"), true},
      {EntityStatus::kActive, D("2022-02-28"), true},
      {EntityStatus::kSuspended, D("2022-03-01"), true},
      {EntityStatus::kActive, D("2022-03-01"), false},
      {EntityStatus::kSuspended, D("2022-12-31"), true},
      {EntityStatus::kActive, D("2023-01-01"), true},
      {EntityStatus::kDissolved, D("2025-04-30"), false},
      {EntityStatus::kDissolved, D("2025-05-01"), true},
      {EntityStatus::kDissolved, std::nullopt, true},
      {EntityStatus::kActive, std::nullopt, false},
  };
  for (const auto& c : cases) {
    EntityFilters filters;
    filters.status = c.status;
    filters.as_of = c.as_of;
    EntityQuery query = BuildOk(filters);
    EXPECT_EQ(query.MatchesStatus(events, founded), c.want)
        << (c.status ? domain::EntityStatusName(*c.status) : "any") << " on " << query.as_of.ToIso();
  }
}

TEST_F(EntityQueryTest, MatchesStatusWithoutHistory) {
  EntityFilters filters;
  filters.status = EntityStatus::kActive;
  EntityQuery query = BuildOk(filters);
  EXPECT_TRUE(query.MatchesStatus({}, D("2020-01-01")));
  EXPECT_TRUE(query.MatchesStatus({}, std::nullopt));      // founding unknown: existed, active
  EXPECT_FALSE(query.MatchesStatus({}, D("2026-02-01")));  // founded after as_of (today)
  filters.status = EntityStatus::kStopped;
  EXPECT_FALSE(BuildOk(filters).MatchesStatus({}, D("2020-01-01")));
}

}  // namespace
}  // namespace hoptac::registry

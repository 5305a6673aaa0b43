// ParseEntityFilters and EntityFilterNames: the list filters read from named text
// parameters (the API's query string, the CLI's options).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "registry/entity_query.h"
#include "support/status_matchers.h"

namespace hoptac::registry {
namespace {

using domain::EntityKind;
using domain::EntityStatus;
using domain::Sector;

Date D(const char* iso) { return *Date::ParseIso(iso); }

// Named parameters that remember which names ParseEntityFilters asked for.
class Parameters {
 public:
  Parameters(std::initializer_list<std::pair<const std::string, std::string>> values) : values_(values) {}

  FilterParameter Callback() {
    return [this](std::string_view name) -> std::optional<std::string> {
      asked_.insert(std::string(name));
      auto it = values_.find(std::string(name));
      if (it == values_.end()) return std::nullopt;
      return it->second;
    };
  }
  Result<EntityFilters> Parse() { return ParseEntityFilters(Callback()); }
  const std::set<std::string>& asked() const { return asked_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> asked_;
};

Result<EntityFilters> Parse(std::initializer_list<std::pair<const std::string, std::string>> values) {
  Parameters parameters(values);
  return parameters.Parse();
}

std::set<std::string> FieldNames(const Error& error) {
  std::set<std::string> names;
  for (const FieldError& field : error.fields) names.insert(field.field);
  return names;
}

// Expects `result` to be one invalid-argument error with exactly one field error.
void ExpectOneFieldError(const Result<EntityFilters>& result, const std::string& field, const std::string& code,
                         const std::string& key) {
  ASSERT_FALSE(result.ok()) << "expected an error on " << field;
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.key, "error.invalid_request");
  ASSERT_EQ(error.fields.size(), 1u) << ::hoptac::testing::Describe(error);
  EXPECT_EQ(error.fields[0].field, field);
  EXPECT_EQ(error.fields[0].code, code);
  EXPECT_EQ(error.fields[0].key, key);
}

// ---- Names ------------------------------------------------------------------------

TEST(EntityFilterNames, AreTheDocumentedApiSpellings) {
  const std::vector<std::string_view> want = {
      "kind",          "province", "status",       "as_of",      "q",   "sector", "commune", "legacy_province",
      "women_managed", "youth",    "founded_from", "founded_to", "sort"};
  EXPECT_EQ(std::set<std::string_view>(EntityFilterNames().begin(), EntityFilterNames().end()),
            std::set<std::string_view>(want.begin(), want.end()));
  EXPECT_EQ(EntityFilterNames().size(), want.size()) << "a name is listed twice";
}

TEST(EntityFilterNames, NameExactlyTheParametersTheParserReads) {
  const std::set<std::string> names(EntityFilterNames().begin(), EntityFilterNames().end());
  // Nothing given: the parser reaches its end and asks for every parameter.
  Parameters none({});
  ASSERT_OK(none.Parse());
  EXPECT_EQ(none.asked(), names);
  // Everything given and valid: the same names, nothing else.
  Parameters all({{"kind", "union"},
                  {"province", "01"},
                  {"status", "active"},
                  {"as_of", "2024-01-01"},
                  {"q", "tân phú"},
                  {"sector", "agriculture"},
                  {"commune", "00004"},
                  {"legacy_province", "15"},
                  {"women_managed", "true"},
                  {"youth", "false"},
                  {"founded_from", "2020-01-01"},
                  {"founded_to", "2021-01-01"},
                  {"sort", "name"}});
  ASSERT_OK(all.Parse());
  EXPECT_EQ(all.asked(), names);
}

// ---- Defaults and values ----------------------------------------------------------

TEST(EntityFilters, AbsentParametersLeaveTheDefaults) {
  auto parsed = Parse({});
  ASSERT_OK(parsed);
  const EntityFilters defaults;
  const EntityFilters& f = *parsed;
  EXPECT_EQ(f.kind, defaults.kind);
  EXPECT_EQ(f.province, defaults.province);
  EXPECT_EQ(f.status, defaults.status);
  EXPECT_EQ(f.as_of, defaults.as_of);
  EXPECT_EQ(f.q, defaults.q);
  EXPECT_EQ(f.sector, defaults.sector);
  EXPECT_EQ(f.commune, defaults.commune);
  EXPECT_EQ(f.legacy_province, defaults.legacy_province);
  EXPECT_EQ(f.women_managed, defaults.women_managed);
  EXPECT_EQ(f.youth, defaults.youth);
  EXPECT_EQ(f.founded_from, defaults.founded_from);
  EXPECT_EQ(f.founded_to, defaults.founded_to);
  EXPECT_EQ(f.offset, defaults.offset);
  EXPECT_EQ(f.limit, defaults.limit);
  EXPECT_EQ(f.cursor, defaults.cursor);
  EXPECT_EQ(f.sort, defaults.sort);
  // The defaults themselves: no filter, relevance order.
  EXPECT_FALSE(f.kind.has_value());
  EXPECT_FALSE(f.status.has_value());
  EXPECT_FALSE(f.as_of.has_value());
  EXPECT_FALSE(f.women_managed.has_value());
  EXPECT_FALSE(f.youth.has_value());
  EXPECT_TRUE(f.province.empty());
  EXPECT_TRUE(f.q.empty());
  EXPECT_EQ(f.sort, ListSort::kRelevance);
}

TEST(EntityFilters, ReadsEveryFilter) {
  auto parsed = Parse({{"kind", "credit_fund"},
                       {"province", "79"},
                       {"status", "suspended"},
                       {"as_of", "2024-02-29"},
                       {"q", "Quỹ tín dụng"},
                       {"sector", "credit"},
                       {"commune", "26734"},
                       {"legacy_province", "15"},
                       {"women_managed", "1"},
                       {"youth", "0"},
                       {"founded_from", "2001-01-01"},
                       {"founded_to", "2010-12-31"},
                       {"sort", "-founded_on"}});
  ASSERT_OK(parsed);
  const EntityFilters& f = *parsed;
  EXPECT_EQ(f.kind, EntityKind::kCreditFund);
  EXPECT_EQ(f.province, "79");
  EXPECT_EQ(f.status, EntityStatus::kSuspended);
  EXPECT_EQ(f.as_of, D("2024-02-29"));
  EXPECT_EQ(f.q, "Quỹ tín dụng");  // as given: folding is BuildEntityQuery's business
  EXPECT_EQ(f.sector, Sector::kCredit);
  EXPECT_EQ(f.commune, "26734");
  EXPECT_EQ(f.legacy_province, "15");
  EXPECT_EQ(f.women_managed, true);
  EXPECT_EQ(f.youth, false);
  EXPECT_EQ(f.founded_from, D("2001-01-01"));
  EXPECT_EQ(f.founded_to, D("2010-12-31"));
  EXPECT_EQ(f.sort, ListSort::kFoundedDescending);
}

TEST(EntityFilters, KindsByWireName) {
  for (EntityKind kind : domain::kEntityKinds) {
    auto parsed = Parse({{"kind", domain::EntityKindName(kind)}});
    ASSERT_OK(parsed);
    EXPECT_EQ(parsed->kind, kind) << domain::EntityKindName(kind);
  }
}

TEST(EntityFilters, StatusesByWireName) {
  for (EntityStatus status : domain::kEntityStatuses) {
    auto parsed = Parse({{"status", domain::EntityStatusName(status)}});
    ASSERT_OK(parsed);
    EXPECT_EQ(parsed->status, status) << domain::EntityStatusName(status);
  }
}

TEST(EntityFilters, SectorsByWireName) {
  for (Sector sector : domain::kSectors) {
    auto parsed = Parse({{"sector", domain::SectorName(sector)}});
    ASSERT_OK(parsed);
    EXPECT_EQ(parsed->sector, sector) << domain::SectorName(sector);
  }
}

TEST(EntityFilters, SortNames) {
  struct Case {
    const char* text;
    ListSort want;
  } cases[] = {
      {"relevance", ListSort::kRelevance},           {"name", ListSort::kName},
      {"-name", ListSort::kNameDescending},          {"founded_on", ListSort::kFounded},
      {"-founded_on", ListSort::kFoundedDescending},
  };
  for (const auto& c : cases) {
    auto parsed = Parse({{"sort", c.text}});
    ASSERT_OK(parsed);
    EXPECT_EQ(parsed->sort, c.want) << c.text;
  }
}

TEST(EntityFilters, Booleans) {
  struct Case {
    const char* text;
    bool want;
  } cases[] = {{"true", true}, {"1", true}, {"false", false}, {"0", false}};
  for (const char* name : {"women_managed", "youth"}) {
    for (const auto& c : cases) {
      auto parsed = Parse({{name, c.text}});
      ASSERT_OK(parsed);
      const std::optional<bool>& value = std::string(name) == "youth" ? parsed->youth : parsed->women_managed;
      const std::optional<bool>& other = std::string(name) == "youth" ? parsed->women_managed : parsed->youth;
      EXPECT_EQ(value, c.want) << name << "=" << c.text;
      EXPECT_FALSE(other.has_value()) << name << "=" << c.text;
    }
  }
}

TEST(EntityFilters, IsoDates) {
  for (const char* name : {"as_of", "founded_from", "founded_to"}) {
    auto parsed = Parse({{name, "2024-02-29"}});
    ASSERT_OK(parsed);
    const std::string n = name;
    const std::optional<Date>& value = n == "as_of"          ? parsed->as_of
                                       : n == "founded_from" ? parsed->founded_from
                                                             : parsed->founded_to;
    EXPECT_EQ(value, D("2024-02-29")) << name;
  }
}

TEST(EntityFilters, FoundedRangeMayBeOneDay) {
  auto parsed = Parse({{"founded_from", "2020-05-05"}, {"founded_to", "2020-05-05"}});
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->founded_from, D("2020-05-05"));
  EXPECT_EQ(parsed->founded_to, D("2020-05-05"));
}

// ---- Errors -----------------------------------------------------------------------

TEST(EntityFilters, BadEnumValues) {
  struct Case {
    const char* name;
    const char* text;
  } cases[] = {
      // Only wire names: labels and abbreviations are for spreadsheets, not parameters.
      {"kind", "HTX"},
      {"kind", "Hợp tác xã"},
      {"kind", "Cooperative"},
      {"kind", "credit-fund"},
      {"kind", ""},
      {"status", "Đang hoạt động"},
      {"status", "ACTIVE"},
      {"status", "inactive"},
      {"sector", "Nông nghiệp"},
      {"sector", "TM-DV"},
      {"sector", "agri"},
      {"women_managed", "yes"},
      {"women_managed", "TRUE"},
      {"women_managed", "2"},
      {"women_managed", ""},
      {"youth", "no"},
      {"youth", "False"},
      {"youth", "-1"},
      {"sort", "founded"},
      {"sort", "+name"},
      {"sort", "Name"},
      {"sort", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.name) + "=" + c.text);
    auto parsed = Parse({{c.name, c.text}});
    ExpectOneFieldError(parsed, c.name, "invalid_enum", "field.invalid_enum");
    if (parsed.ok() || parsed.error().fields.empty()) continue;
    const FieldError& field = parsed.error().fields[0];
    ASSERT_EQ(field.args.size(), 2u);
    EXPECT_EQ(field.args[0], c.text);  // the rejected value, then the accepted ones
    EXPECT_FALSE(field.args[1].empty());
  }
}

TEST(EntityFilters, EnumErrorsNameTheAcceptedValues) {
  auto kind = Parse({{"kind", "x"}});
  ASSERT_FALSE(kind.ok());
  for (EntityKind k : domain::kEntityKinds)
    EXPECT_NE(kind.error().fields.at(0).args.at(1).find(domain::EntityKindName(k)), std::string::npos);
  auto status = Parse({{"status", "x"}});
  ASSERT_FALSE(status.ok());
  for (EntityStatus s : domain::kEntityStatuses)
    EXPECT_NE(status.error().fields.at(0).args.at(1).find(domain::EntityStatusName(s)), std::string::npos);
  auto sector = Parse({{"sector", "x"}});
  ASSERT_FALSE(sector.ok());
  for (Sector s : domain::kSectors)
    EXPECT_NE(sector.error().fields.at(0).args.at(1).find(domain::SectorName(s)), std::string::npos);
  auto sort = Parse({{"sort", "x"}});
  ASSERT_FALSE(sort.ok());
  EXPECT_EQ(sort.error().fields.at(0).args.at(1), kListSortNames);
}

TEST(EntityFilters, EveryBadEnumIsReportedInOneError) {
  auto parsed = Parse({{"kind", "htx"},
                       {"status", "open"},
                       {"sector", "farming"},
                       {"women_managed", "yes"},
                       {"youth", "no"},
                       {"sort", "date"},
                       {"province", "01"}});
  ASSERT_FALSE(parsed.ok());
  const Error& error = parsed.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(error.fields.size(), 6u) << ::hoptac::testing::Describe(error);
  EXPECT_EQ(FieldNames(error), (std::set<std::string>{"kind", "status", "sector", "women_managed", "youth", "sort"}));
  for (const FieldError& field : error.fields) {
    EXPECT_EQ(field.code, "invalid_enum") << field.field;
    EXPECT_EQ(field.key, "field.invalid_enum") << field.field;
  }
}

TEST(EntityFilters, OnlyTheBadEnumsAreReported) {
  auto parsed = Parse({{"kind", "union"}, {"status", "open"}, {"youth", "1"}, {"sort", "date"}});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(FieldNames(parsed.error()), (std::set<std::string>{"status", "sort"}));
  EXPECT_EQ(parsed.error().fields.size(), 2u);
}

TEST(EntityFilters, BadDates) {
  const char* bad[] = {"2024-13-01", "2023-02-29", "2024-1-5", "01/02/2024", "20240102", "yesterday", ""};
  for (const char* name : {"as_of", "founded_from", "founded_to"}) {
    for (const char* text : bad) {
      SCOPED_TRACE(std::string(name) + "=" + text);
      auto parsed = Parse({{name, text}});
      ExpectOneFieldError(parsed, name, "invalid_date", "field.invalid_date");
      if (!parsed.ok() && !parsed.error().fields.empty()) {
        EXPECT_EQ(parsed.error().fields[0].args, std::vector<std::string>{text});
      }
    }
  }
}

// Every bad filter, enums and dates alike, is reported in one error (FilterReader).
TEST(EntityFilters, EveryBadFilterIsReportedInOneError) {
  auto parsed = Parse({{"kind", "htx"}, {"as_of", "not a date"}, {"founded_from", "2020-02-30"}});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(FieldNames(parsed.error()), (std::set<std::string>{"kind", "as_of", "founded_from"}));
}

TEST(EntityFilters, FoundedFromAfterFoundedTo) {
  auto parsed = Parse({{"founded_from", "2021-01-02"}, {"founded_to", "2021-01-01"}});
  ExpectOneFieldError(parsed, "founded_from", "from_after_to", "field.from_after_to");
  if (!parsed.ok() && !parsed.error().fields.empty()) {
    EXPECT_EQ(parsed.error().fields[0].args, (std::vector<std::string>{"2021-01-02", "2021-01-01"}));
  }
}

TEST(EntityFilters, OneSidedFoundedRangesAreFine) {
  auto from = Parse({{"founded_from", "2030-01-01"}});
  ASSERT_OK(from);
  EXPECT_EQ(from->founded_from, D("2030-01-01"));
  EXPECT_FALSE(from->founded_to.has_value());
  auto to = Parse({{"founded_to", "1990-01-01"}});
  ASSERT_OK(to);
  EXPECT_EQ(to->founded_to, D("1990-01-01"));
  EXPECT_FALSE(to->founded_from.has_value());
}

TEST(EntityFilters, TextFiltersAreTakenAsGiven) {
  // Codes are not checked here: an unknown current province or commune simply matches
  // nothing, an unknown legacy province is BuildEntityQuery's error.
  auto parsed = Parse({{"province", "99"}, {"commune", "x"}, {"legacy_province", "abc"}, {"q", "  HTX  "}});
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->province, "99");
  EXPECT_EQ(parsed->commune, "x");
  EXPECT_EQ(parsed->legacy_province, "abc");
  EXPECT_EQ(parsed->q, "  HTX  ");
}

}  // namespace
}  // namespace hoptac::registry

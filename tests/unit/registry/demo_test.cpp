// The demo data generator: deterministic, every entity, history and set of figures
// valid, provinces old and new read correctly, and the shares of the real country.
#include "registry/demo/demo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/entity_service.h"
#include "registry/figures.h"
#include "registry/status_history.h"
#include "support/status_matchers.h"

namespace hoptac::registry {
namespace {

using domain::EntityKind;

const Date kToday = Date::FromCivil(2026, 11, 23);

std::shared_ptr<const geo::AdminUnitDirectory> Directory() {
  static auto directory = [] {
    auto dataset = geo::LoadReferenceAdminUnits();
    EXPECT_TRUE(dataset.ok());
    return geo::AdminUnitDirectory::Create(std::move(dataset).value());
  }();
  return directory;
}

std::vector<DemoEntity> Generate(double scale, uint64_t seed, Date today = kToday) {
  DemoOptions options;
  options.scale = scale;
  options.seed = seed;
  options.today = today;
  auto generator = DemoGenerator::Create(Directory(), options);
  EXPECT_TRUE(generator.ok());
  std::vector<DemoEntity> out;
  DemoEntity entity;
  while ((*generator)->Next(entity)) out.push_back(entity);
  return out;
}

bool Same(const DemoEntity& a, const DemoEntity& b) {
  return a.entity == b.entity && a.current_province_code == b.current_province_code && a.union_index == b.union_index &&
         a.events == b.events && a.figures == b.figures;
}

TEST(DemoData, PlansTheCountryAtScaleOne) {
  auto one = PlannedDemoCounts(1);
  ASSERT_OK(one);
  EXPECT_EQ(one->cooperatives, 34000);
  EXPECT_EQ(one->groups, 71000);
  EXPECT_EQ(one->unions, 130);
  EXPECT_EQ(one->credit_funds, 1200);
  auto ten = PlannedDemoCounts(10);
  ASSERT_OK(ten);
  EXPECT_EQ(ten->entities(), 1'063'300);
  auto tiny = PlannedDemoCounts(0.0001);
  ASSERT_OK(tiny);
  EXPECT_EQ(tiny->unions, 1);  // at least one of each kind
  for (double bad : {0.0, -1.0, kMaxDemoScale + 1}) {
    auto refused = PlannedDemoCounts(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().fields.at(0).field, "scale");
  }
}

TEST(DemoData, IsDeterministic) {
  auto first = Generate(0.01, 7);
  auto second = Generate(0.01, 7);
  ASSERT_EQ(first.size(), 1063u);
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) ASSERT_TRUE(Same(first[i], second[i])) << "entity " << i;
  auto other = Generate(0.01, 8);
  size_t differing = 0;
  for (size_t i = 0; i < first.size(); ++i) differing += !Same(first[i], other[i]);
  EXPECT_GT(differing, first.size() * 9 / 10);
}

// Everything the generator makes is what the registry accepts.
TEST(DemoData, EveryEntityHistoryAndFigureIsValid) {
  auto all = Generate(0.05, 1);
  const auto& units = *Directory();
  std::set<std::string> codes;
  for (const DemoEntity& demo : all) {
    const domain::Entity& e = demo.entity;
    SCOPED_TRACE(e.registration_code + " " + e.name);
    EXPECT_OK(domain::ValidateEntity(e, kToday));
    domain::Entity normalised = e;
    domain::NormalizeEntity(normalised);
    EXPECT_EQ(normalised, e);
    EXPECT_TRUE(codes.insert(e.registration_code).second) << "duplicate code";
    ASSERT_TRUE(e.founded_on && e.province_as_of);
    EXPECT_GE(e.founded_on->year(), 1997);
    EXPECT_LE(*e.founded_on, kToday);
    // The code names a province on its reading date: one of the 63 before the
    // reform, one of the 34 since; the current province is its successor.
    const geo::AdminUnit* province = units.Find(geo::AdminLevel::kProvince, e.province_code, *e.province_as_of);
    ASSERT_NE(province, nullptr);
    bool before_reform = *e.founded_on < Date::FromCivil(2025, 7, 1);
    if (before_reform) {
      EXPECT_TRUE(province->InForce(Date::FromCivil(2025, 6, 30)));
      EXPECT_EQ(*e.province_as_of, std::max(*e.founded_on, province->valid_from));
    } else {
      EXPECT_EQ(units.Find(geo::AdminLevel::kProvince, e.province_code, kToday), province);
      EXPECT_EQ(*e.province_as_of, *e.founded_on);
    }
    EXPECT_EQ(CurrentProvinceCode(units, e.province_code, *e.province_as_of, kToday), demo.current_province_code);
    if (!e.commune_code.empty()) {
      const geo::AdminUnit* commune = units.Find(geo::AdminLevel::kCommune, e.commune_code, kToday);
      ASSERT_NE(commune, nullptr);
      EXPECT_EQ(commune->parent_code, demo.current_province_code);
    }
    if (e.kind == EntityKind::kCooperative && demo.union_index >= 0) {
      const domain::Entity& u = all.at(static_cast<size_t>(demo.union_index)).entity;
      EXPECT_EQ(u.kind, EntityKind::kUnion);
      EXPECT_EQ(u.registration_code, e.union_registration_code);
      EXPECT_EQ(all.at(static_cast<size_t>(demo.union_index)).current_province_code, demo.current_province_code);
    } else {
      EXPECT_TRUE(e.union_registration_code.empty());
    }
    EXPECT_OK(domain::ValidateHistory(e.founded_on, demo.events));
    ASSERT_FALSE(demo.events.empty());
    EXPECT_EQ(demo.events.front().type, domain::EventType::kEstablished);
    for (const auto& event : demo.events) EXPECT_LE(event.date, kToday);
    std::optional<domain::Period> previous;
    for (const auto& [period, figures] : demo.figures) {
      SCOPED_TRACE(period.ToString());
      auto check = domain::CheckFigures(figures, e.kind);
      EXPECT_TRUE(check.errors.empty()) << check.errors.front().code;
      EXPECT_TRUE(check.warnings.empty()) << check.warnings.front().code;
      EXPECT_GE(period.year(), 2015);
      EXPECT_LE(period.End(), kToday);
      EXPECT_GE(period.End(), *e.founded_on);
      // Reported only while active.
      EXPECT_EQ(domain::StatusOn(demo.events, e.founded_on, period.End()), domain::EntityStatus::kActive);
      if (previous) {
        EXPECT_LT(*previous, period);
      }
      previous = period;
    }
  }
}

TEST(DemoData, HasTheSharesOfTheCountry) {
  auto all = Generate(0.1, 1);
  std::map<EntityKind, int> kinds;
  int cooperatives = 0, agriculture = 0, women = 0, youth = 0, no_commune = 0, ended = 0, with_union = 0;
  int new_codes = 0, founded_recently = 0, with_figures = 0;
  std::map<std::string, int> by_current;
  std::set<std::string> old_codes;
  for (const DemoEntity& demo : all) {
    const domain::Entity& e = demo.entity;
    ++kinds[e.kind];
    by_current[demo.current_province_code]++;
    no_commune += e.commune_code.empty();
    if (*e.founded_on < Date::FromCivil(2025, 7, 1)) {
      old_codes.insert(e.province_code);
    } else {
      ++new_codes;
    }
    founded_recently += e.founded_on->year() >= 2019;
    with_figures += !demo.figures.empty();
    if (e.kind != EntityKind::kCooperative) continue;
    ++cooperatives;
    agriculture += e.sector == domain::Sector::kAgriculture;
    women += e.women_managed;
    youth += e.youth;
    with_union += demo.union_index >= 0;
    auto status = domain::StatusOn(demo.events, e.founded_on, kToday);
    ended += status != domain::EntityStatus::kActive;
  }
  auto share = [](int part, int whole) { return static_cast<double>(part) / whole; };
  EXPECT_EQ(kinds[EntityKind::kCooperative], 3400);
  EXPECT_EQ(kinds[EntityKind::kGroup], 7100);
  EXPECT_EQ(kinds[EntityKind::kUnion], 13);
  EXPECT_EQ(kinds[EntityKind::kCreditFund], 120);
  EXPECT_NEAR(share(agriculture, cooperatives), 0.62, 0.04);  // most in agriculture
  EXPECT_NEAR(share(women, cooperatives), 0.25, 0.03);        // about a quarter women-managed
  EXPECT_NEAR(share(youth, cooperatives), 0.03, 0.02);        // a few youth cooperatives
  EXPECT_NEAR(share(ended, cooperatives), 0.2, 0.06);         // a minority not active
  EXPECT_NEAR(share(no_commune, static_cast<int>(all.size())), 0.10, 0.02);
  EXPECT_GT(with_union, 13 * 3);
  EXPECT_EQ(old_codes.size(), 63u);   // every old province
  EXPECT_EQ(by_current.size(), 34u);  // every new one
  EXPECT_GT(new_codes, 0);
  EXPECT_GT(share(founded_recently, static_cast<int>(all.size())), 0.3);  // recent years heavier
  // Cooperatives, unions and credit funds report (most of them); a third of the groups, in survey years.
  EXPECT_NEAR(share(with_figures, static_cast<int>(all.size())), 0.5, 0.08);
  // The deltas weigh more than the mountains: Đồng Tháp (82, with Tiền Giang) vs Lai Châu (12).
  EXPECT_GT(by_current["82"], 5 * by_current["12"]);
  EXPECT_GT(by_current["01"], 5 * by_current["12"]);
}

TEST(DemoData, NamesAreVietnamese) {
  auto all = Generate(0.01, 3);
  std::map<EntityKind, std::string> prefix = {{EntityKind::kCooperative, "Hợp tác xã "},
                                              {EntityKind::kGroup, "Tổ hợp tác "},
                                              {EntityKind::kUnion, "Liên hiệp Hợp tác xã "},
                                              {EntityKind::kCreditFund, "Quỹ tín dụng nhân dân "}};
  for (const DemoEntity& demo : all) {
    EXPECT_TRUE(demo.entity.name.starts_with(prefix[demo.entity.kind])) << demo.entity.name;
    EXPECT_EQ(std::count(demo.entity.chair_name.begin(), demo.entity.chair_name.end(), ' '), 2)
        << demo.entity.chair_name;
    EXPECT_TRUE(demo.entity.chair_sex.has_value());
    if (demo.entity.chair_sex == domain::Sex::kFemale) {
      EXPECT_TRUE(demo.entity.women_managed);
    }
  }
}

}  // namespace
}  // namespace hoptac::registry

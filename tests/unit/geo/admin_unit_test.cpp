#include "geo/admin_unit.h"

#include <gtest/gtest.h>

#include <set>

namespace hoptac::geo {
namespace {

class AdminUnitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dataset = LoadReferenceAdminUnits();
    ASSERT_TRUE(dataset.ok()) << dataset.error().detail;
    directory_ = AdminUnitDirectory::Create(std::move(dataset).value());
  }
  static Date D(const char* iso) { return *Date::ParseIso(iso); }
  static std::shared_ptr<const AdminUnitDirectory> directory_;
};
std::shared_ptr<const AdminUnitDirectory> AdminUnitTest::directory_;

TEST_F(AdminUnitTest, ProvinceCountsAroundTheReform) {
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2020-12-31")).size(), 63u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2025-06-30")).size(), 63u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2025-07-01")).size(), 34u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2026-11-23")).size(), 34u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kCommune, D("2025-07-01")).size(), 3321u);
}

TEST_F(AdminUnitTest, ProvinceCountsBackTo1997) {
  EXPECT_EQ(directory_->records_begin(), D("1997-01-01"));
  // Before the records: nothing is in force (not proof that nothing existed).
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("1996-12-31")).size(), 0u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("1997-01-01")).size(), 61u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2000-06-30")).size(), 61u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2003-12-31")).size(), 61u);
  // Điện Biên, Đắk Nông and Hậu Giang split off on 2004-01-01.
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2004-01-01")).size(), 64u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2006-06-30")).size(), 64u);
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2008-07-31")).size(), 64u);
  // Hà Tây into Hà Nội on 2008-08-01.
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2008-08-01")).size(), 63u);
}

TEST_F(AdminUnitTest, HaTayUntil2008ThenHaNoi) {
  const AdminUnit* ha_tay = directory_->Find(AdminLevel::kProvince, "28", D("2006-06-30"));
  ASSERT_NE(ha_tay, nullptr);
  EXPECT_EQ(ha_tay->name, "Hà Tây");
  EXPECT_EQ(ha_tay->full_name, "Tỉnh Hà Tây");
  EXPECT_TRUE(ha_tay->valid_from_open);
  EXPECT_EQ(ha_tay->valid_to, D("2008-07-31"));
  EXPECT_EQ(directory_->Find(AdminLevel::kProvince, "28", D("2008-08-01")), nullptr);
  auto successors = directory_->Successors(ha_tay->id);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0]->code, "01");
  EXPECT_EQ(successors[0]->name, "Hà Nội");
  auto current = directory_->CurrentSuccessors(ha_tay->id, D("2026-12-04"));
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0]->code, "01");
  // Hà Nội is one unit from before the records until today.
  const AdminUnit* ha_noi = directory_->Find(AdminLevel::kProvince, "01", D("1999-01-01"));
  ASSERT_NE(ha_noi, nullptr);
  EXPECT_EQ(ha_noi, directory_->Find(AdminLevel::kProvince, "01", D("2026-01-01")));
  EXPECT_TRUE(ha_noi->valid_from_open);
}

TEST_F(AdminUnitTest, SplitsOf2004NameTheUnitTheyCameFrom) {
  const AdminUnit* dien_bien = directory_->Find(AdminLevel::kProvince, "11", D("2004-01-01"));
  ASSERT_NE(dien_bien, nullptr);
  EXPECT_FALSE(dien_bien->valid_from_open);
  EXPECT_EQ(dien_bien->valid_from, D("2004-01-01"));
  EXPECT_EQ(directory_->Find(AdminLevel::kProvince, "11", D("2003-12-31")), nullptr);
  const AdminUnit* lai_chau = directory_->FormedFrom(*dien_bien);
  ASSERT_NE(lai_chau, nullptr);
  EXPECT_EQ(lai_chau->name, "Lai Châu");
  for (const char* code : {"67", "93"}) {
    const AdminUnit* unit = directory_->Find(AdminLevel::kProvince, code, D("2010-01-01"));
    ASSERT_NE(unit, nullptr) << code;
    ASSERT_NE(directory_->FormedFrom(*unit), nullptr) << code;
  }
  EXPECT_EQ(directory_->FormedFrom(*lai_chau), nullptr);
  // Re-established on 1997-01-01: in force from the first day of the records, not before it.
  const AdminUnit* bac_kan = directory_->Find(AdminLevel::kProvince, "06", D("1997-01-01"));
  ASSERT_NE(bac_kan, nullptr);
  EXPECT_FALSE(bac_kan->valid_from_open);
}

TEST_F(AdminUnitTest, EveryProvinceCodeIsUniqueOnAnyDate) {
  for (const char* date : {"1997-01-01", "2000-06-30", "2006-06-30", "2010-01-01", "2025-06-30", "2025-07-01"}) {
    std::set<std::string> codes;
    for (const AdminUnit* unit : directory_->InForce(AdminLevel::kProvince, D(date)))
      EXPECT_TRUE(codes.insert(unit->code).second) << unit->code << " twice on " << date;
  }
}

TEST_F(AdminUnitTest, Code15WasYenBaiAndIsLaoCai) {
  const AdminUnit* yen_bai = directory_->Find(AdminLevel::kProvince, "15", D("2021-03-31"));
  ASSERT_NE(yen_bai, nullptr);
  EXPECT_EQ(yen_bai->name, "Yên Bái");
  EXPECT_EQ(yen_bai->name_en, "Yen Bai");
  EXPECT_EQ(yen_bai->full_name, "Tỉnh Yên Bái");
  const AdminUnit* lao_cai = directory_->Find(AdminLevel::kProvince, "15", D("2025-07-01"));
  ASSERT_NE(lao_cai, nullptr);
  EXPECT_EQ(lao_cai->name, "Lào Cai");
  EXPECT_NE(yen_bai->id, lao_cai->id);
  auto successors = directory_->Successors(yen_bai->id);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0]->id, lao_cai->id);
  auto predecessors = directory_->Predecessors(lao_cai->id);
  ASSERT_EQ(predecessors.size(), 2u);
  EXPECT_EQ(predecessors[0]->code, "10");
  EXPECT_EQ(predecessors[1]->code, "15");
  auto current = directory_->CurrentSuccessors(yen_bai->id, D("2026-01-01"));
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0]->id, lao_cai->id);
}

TEST_F(AdminUnitTest, UnchangedProvincesAreOneUnitAcrossTheReform) {
  const AdminUnit* before = directory_->Find(AdminLevel::kProvince, "01", D("2020-01-01"));
  const AdminUnit* after = directory_->Find(AdminLevel::kProvince, "01", D("2025-07-01"));
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before, after);
  EXPECT_EQ(before->name_en, "Hanoi");
  EXPECT_FALSE(before->valid_to.has_value());
  EXPECT_TRUE(directory_->Successors(before->id).empty());
}

TEST_F(AdminUnitTest, EveryClosedProvinceHasACurrentSuccessor) {
  int closed = 0;
  for (const AdminUnit* unit : directory_->InForce(AdminLevel::kProvince, D("2025-06-30"))) {
    if (!unit->valid_to) continue;
    ++closed;
    auto successors = directory_->Successors(unit->id);
    ASSERT_EQ(successors.size(), 1u) << unit->name;
    EXPECT_TRUE(successors[0]->InForce(D("2025-07-01"))) << unit->name;
  }
  EXPECT_EQ(closed, 63 - 11);
  // Every current merged province has at least two predecessors.
  for (const AdminUnit* unit : directory_->InForce(AdminLevel::kProvince, D("2025-07-01"))) {
    if (unit->valid_from == D("2025-07-01")) {
      EXPECT_GE(directory_->Predecessors(unit->id).size(), 2u) << unit->name;
    }
  }
}

TEST_F(AdminUnitTest, CommunesBelongToCurrentProvinces) {
  size_t total = 0;
  for (const AdminUnit* province : directory_->InForce(AdminLevel::kProvince, D("2025-07-01"))) {
    auto communes = directory_->CommunesOf(province->code, D("2025-07-01"));
    EXPECT_FALSE(communes.empty()) << province->name;
    total += communes.size();
  }
  EXPECT_EQ(total, 3321u);
  EXPECT_TRUE(directory_->CommunesOf("01", D("2025-06-30")).empty());
  EXPECT_EQ(directory_->Find(AdminLevel::kCommune, "00004", D("2025-07-01"))->name, "Ba Đình");
}

}  // namespace
}  // namespace hoptac::geo

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
  // Hà Tây merged into Hà Nội on 2008-08-01 and is not in the data: 63 provinces from 2008-08-01.
  EXPECT_EQ(directory_->InForce(AdminLevel::kProvince, D("2010-01-01")).size(), 63u);
}

TEST_F(AdminUnitTest, EveryProvinceCodeIsUniqueOnAnyDate) {
  for (const char* date : {"2010-01-01", "2025-06-30", "2025-07-01"}) {
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

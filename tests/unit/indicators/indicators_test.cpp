// The indicators registry (src/indicators): which source answers, the scope of the
// principal asking, the audience it sets, and its errors — with a fake source.
#include "indicators/indicators.h"

#include <gtest/gtest.h>

#include <memory>

namespace hoptac::indicators {
namespace {

// Answers its question back: value = the number of filters, description = what it was asked.
class EchoSource final : public Source {
 public:
  std::vector<std::string> Measures() const override { return {"count"}; }
  Status Check(const Definition& d) const override {
    if (d.measure == "count") return Ok();
    return Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  }
  Result<Answer> Ask(const Question& q) const override {
    last = q;
    Answer a;
    a.value = static_cast<int64_t>(q.definition.filters.size());
    a.exact = q.audience == Audience::kOfficial;
    a.description = q.definition.source + " " + q.province;
    return a;
  }
  mutable Question last;
};

auth::Principal Who(auth::Role role, std::string province = {}) {
  auth::Principal p;
  p.user_id = 7;
  p.role = role;
  p.province_code = std::move(province);
  p.credential = auth::Credential::kApiToken;
  return p;
}

class IndicatorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = std::make_shared<EchoSource>();
    registry_.Add("test.echo", source_);
    registry_.Add("a.first", std::make_shared<EchoSource>());
  }
  Question Q(std::string province = {}) {
    Question q;
    q.definition = {"test.echo", "count", {{"kind", "cooperative"}, {"status", "active"}}};
    q.from = Date::FromCivil(2023, 1, 1);
    q.to = Date::FromCivil(2023, 9, 30);
    q.province = std::move(province);
    return q;
  }
  Registry registry_;
  std::shared_ptr<EchoSource> source_;
};

TEST_F(IndicatorsTest, AsksTheNamedSourceAndListsSourcesSorted) {
  EXPECT_EQ(registry_.SourceNames(), (std::vector<std::string>{"a.first", "test.echo"}));
  EXPECT_NE(registry_.Find("test.echo"), nullptr);
  EXPECT_EQ(registry_.Find("test"), nullptr);
  auto answer = registry_.Ask(Q("20"), Who(auth::Role::kNationalOfficer));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->value, 2);
  EXPECT_EQ(source_->last.province, "20");
  EXPECT_EQ(source_->last.to, Date::FromCivil(2023, 9, 30));
}

TEST_F(IndicatorsTest, UnknownSourceIsNamedWithTheKnownOnes) {
  Question q = Q();
  q.definition.source = "registry.nothing";
  auto answer = registry_.Ask(q, Who(auth::Role::kNationalAdmin));
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().key, "error.indicator_unknown_source");
  EXPECT_EQ(answer.error().args, (std::vector<std::string>{"registry.nothing", "a.first, test.echo"}));
  ASSERT_EQ(answer.error().fields.size(), 1u);
  EXPECT_EQ(answer.error().fields[0].field, "source");
  Status checked = registry_.Check(q.definition);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().key, "error.indicator_unknown_source");
  EXPECT_TRUE(registry_.Check(Q().definition).ok());
  Definition bad = Q().definition;
  bad.measure = "revenue";
  EXPECT_FALSE(registry_.Check(bad).ok());  // the source's own check
}

TEST_F(IndicatorsTest, AProvinceAccountAsksOnlyAboutItsProvince) {
  auto own = registry_.Ask(Q(), Who(auth::Role::kProvinceOfficer, "20"));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(source_->last.province, "20");  // an empty province means its own
  EXPECT_EQ(source_->last.audience, Audience::kOfficial);
  EXPECT_TRUE(registry_.Ask(Q("20"), Who(auth::Role::kProvinceAdmin, "20")).ok());
  for (const char* other : {"79", "01"}) {
    auto answer = registry_.Ask(Q(other), Who(auth::Role::kProvinceOfficer, "20"));
    ASSERT_FALSE(answer.ok()) << other;
    EXPECT_EQ(answer.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(answer.error().key, "error.indicator_out_of_scope");
  }
}

TEST_F(IndicatorsTest, OfficialsGetExactAnswersAndOthersThePublicOnes) {
  ASSERT_TRUE(registry_.Ask(Q(), Who(auth::Role::kNationalOfficer)).ok());
  EXPECT_EQ(source_->last.audience, Audience::kOfficial);
  ASSERT_TRUE(registry_.Ask(Q(), auth::Principal::Cli("test")).ok());
  EXPECT_EQ(source_->last.audience, Audience::kOfficial);
  for (auto role : {auth::Role::kPartner, auth::Role::kCooperative}) {
    Question q = Q();
    q.audience = Audience::kOfficial;  // not the caller's to choose
    ASSERT_TRUE(registry_.Ask(q, Who(role)).ok());
    EXPECT_EQ(source_->last.audience, Audience::kPublic);
  }
  ASSERT_TRUE(registry_.Ask(Q(), auth::Principal::Anonymous()).ok());
  EXPECT_EQ(source_->last.audience, Audience::kPublic);
}

TEST_F(IndicatorsTest, AWindowThatEndsBeforeItStartsIsRefused) {
  Question q = Q();
  q.from = Date::FromCivil(2024, 1, 1);
  auto answer = registry_.Ask(q, Who(auth::Role::kNationalAdmin));
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().key, "error.indicator_window");
  EXPECT_EQ(answer.error().args, (std::vector<std::string>{"2024-01-01", "2023-09-30"}));
}

TEST(FiltersText, NamesEachFilter) {
  EXPECT_EQ(FiltersText({}), "");
  EXPECT_EQ(FiltersText({{"kind", "cooperative"}, {"status", "active,suspended"}}),
            "kind=cooperative, status=active,suspended");
}

}  // namespace
}  // namespace hoptac::indicators

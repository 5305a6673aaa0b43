#include "registry/figures.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/i18n.h"

namespace hoptac::domain {
namespace {

using i18n::Lang;

// "field:code:arg1|arg2" for each problem.
std::vector<std::string> Describe(const std::vector<FieldError>& problems) {
  std::vector<std::string> out;
  for (const FieldError& f : problems) {
    std::string s = f.field + ":" + f.code;
    for (size_t i = 0; i < f.args.size(); ++i) s += (i == 0 ? ":" : "|") + f.args[i];
    out.push_back(s);
  }
  return out;
}

void ExpectKeysExist(const FiguresCheck& check) {
  for (const FieldError& f : check.errors) {
    EXPECT_EQ(f.key, "field." + f.code);
    EXPECT_TRUE(i18n::HasKey(Lang::kVi, f.key)) << f.key;
    EXPECT_TRUE(i18n::HasKey(Lang::kEn, f.key)) << f.key;
  }
  for (const FieldError& f : check.warnings) {
    EXPECT_EQ(f.key, "warning." + f.code);
    EXPECT_TRUE(i18n::HasKey(Lang::kVi, f.key)) << f.key;
    EXPECT_TRUE(i18n::HasKey(Lang::kEn, f.key)) << f.key;
  }
}

// A typical agricultural cooperative's year.
Figures Typical() {
  Figures f;
  f.members_total = 56;
  f.members_female = 23;
  f.members_youth = 9;
  f.workers_total = 14;
  f.workers_female = 6;
  f.workers_members = 10;
  f.revenue_vnd = 3'200'000'000;
  f.revenue_with_members_vnd = 1'900'000'000;
  f.profit_vnd = 180'000'000;
  f.avg_income_vnd_month = 5'500'000;
  f.charter_capital_vnd = 1'500'000'000;
  return f;
}

TEST(DomainFigures, TypicalFiguresPass) {
  for (EntityKind kind : kEntityKinds) {
    FiguresCheck check = CheckFigures(Typical(), kind);
    EXPECT_TRUE(check.ok());
    EXPECT_FALSE(check.NeedsConfirmation());
    EXPECT_TRUE(check.ToStatus(Confirmation::kNotConfirmed).ok());
  }
}

TEST(DomainFigures, AbsentIsNotZero) {
  Figures none;
  EXPECT_TRUE(none.Empty());
  FiguresCheck check = CheckFigures(none, EntityKind::kCooperative);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_TRUE(check.warnings.empty());  // no members reported is not "0 members"
  Figures some;
  some.members_female = 300;  // total unknown: nothing to compare with
  EXPECT_FALSE(some.Empty());
  EXPECT_TRUE(CheckFigures(some, EntityKind::kCooperative).errors.empty());
  Figures zero;
  zero.members_total = 0;
  EXPECT_EQ(Describe(CheckFigures(zero, EntityKind::kCooperative).warnings),
            std::vector<std::string>{"members_total:too_few_members:0|5"});
}

TEST(DomainFigures, ErrorsAndWarnings) {
  struct Case {
    const char* what;
    EntityKind kind;
    void (*mutate)(Figures&);
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
  } cases[] = {
      // Impossible figures.
      {"negative members",
       EntityKind::kCooperative,
       [](Figures& f) { f.members_total = -1; },
       {"members_total:negative:-1"},
       {}},
      {"negative revenue",
       EntityKind::kCooperative,
       [](Figures& f) { f.revenue_vnd = -5; },
       {"revenue_vnd:negative:-5"},
       {}},
      {"negative income",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = -100; },
       {"avg_income_vnd_month:negative:-100"},
       {}},
      {"negative capital",
       EntityKind::kCooperative,
       [](Figures& f) { f.charter_capital_vnd = -1; },
       {"charter_capital_vnd:negative:-1"},
       {}},
      {"a loss is fine", EntityKind::kCooperative, [](Figures& f) { f.profit_vnd = -250'000'000; }, {}, {}},
      {"more women than members",
       EntityKind::kCooperative,
       [](Figures& f) { f.members_female = 57; },
       {"members_female:members_female_exceeds_total:57|56"},
       {}},
      {"all members women", EntityKind::kCooperative, [](Figures& f) { f.members_female = 56; }, {}, {}},
      {"more youth than members",
       EntityKind::kCooperative,
       [](Figures& f) { f.members_youth = 60; },
       {"members_youth:members_youth_exceeds_total:60|56"},
       {}},
      {"more female workers than workers",
       EntityKind::kCooperative,
       [](Figures& f) { f.workers_female = 15; },
       {"workers_female:workers_female_exceeds_total:15|14"},
       {}},
      {"more worker-members than workers",
       EntityKind::kCooperative,
       [](Figures& f) { f.workers_members = 15; },
       {"workers_members:workers_members_exceeds_workers:15|14"},
       {}},
      {"more worker-members than members",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.workers_total = 100;
         f.workers_members = 57;
       },
       {"workers_members:workers_members_exceeds_members:57|56"},
       {}},
      {"a negative total is reported once",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.members_total = -3;
         f.members_female = 2;
       },
       {"members_total:negative:-3"},
       {}},
      {"every negative at once",
       EntityKind::kGroup,
       [](Figures& f) {
         f = Figures();
         f.members_female = -1;
         f.workers_total = -2;
         f.revenue_with_members_vnd = -3;
       },
       {"members_female:negative:-1", "workers_total:negative:-2", "revenue_with_members_vnd:negative:-3"},
       {}},
      // Legal minimum of members.
      {"cooperative with 4 members",
       EntityKind::kCooperative,
       [](Figures& f) {
         f = Figures();
         f.members_total = 4;
       },
       {},
       {"members_total:too_few_members:4|5"}},
      {"cooperative with 5 members",
       EntityKind::kCooperative,
       [](Figures& f) {
         f = Figures();
         f.members_total = 5;
       },
       {},
       {}},
      {"union with 3 member cooperatives",
       EntityKind::kUnion,
       [](Figures& f) {
         f = Figures();
         f.members_total = 3;
       },
       {},
       {"members_total:too_few_members:3|4"}},
      {"union with 4",
       EntityKind::kUnion,
       [](Figures& f) {
         f = Figures();
         f.members_total = 4;
       },
       {},
       {}},
      {"group with 1 member",
       EntityKind::kGroup,
       [](Figures& f) {
         f = Figures();
         f.members_total = 1;
       },
       {},
       {"members_total:too_few_members:1|2"}},
      {"group with 2",
       EntityKind::kGroup,
       [](Figures& f) {
         f = Figures();
         f.members_total = 2;
       },
       {},
       {}},
      {"credit fund with 1 member",
       EntityKind::kCreditFund,
       [](Figures& f) {
         f = Figures();
         f.members_total = 1;
       },
       {},
       {}},
      {"implausibly many members",
       EntityKind::kCooperative,
       [](Figures& f) { f.members_total = 100'001; },
       {},
       {"members_total:members_implausible:100001|100000"}},
      {"implausibly many workers",
       EntityKind::kCooperative,
       [](Figures& f) { f.workers_total = 250'000; },
       {},
       {"workers_total:workers_implausible:250000|100000"}},
      // Income.
      {"income of 100 million",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = 100'000'000; },
       {},
       {}},
      {"income above 100 million",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = 100'000'001; },
       {},
       {"avg_income_vnd_month:income_too_high:100000001|100000000"}},
      {"income typed in millions",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = 5; },
       {},
       {"avg_income_vnd_month:income_too_low:5|100000"}},
      {"income typed in thousands",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = 5'500; },
       {},
       {"avg_income_vnd_month:income_too_low:5500|100000"}},
      {"income of 100 thousand",
       EntityKind::kCooperative,
       [](Figures& f) { f.avg_income_vnd_month = 100'000; },
       {},
       {}},
      {"no income", EntityKind::kCooperative, [](Figures& f) { f.avg_income_vnd_month = 0; }, {}, {}},
      // Revenue and profit.
      {"revenue with members above revenue",
       EntityKind::kCooperative,
       [](Figures& f) { f.revenue_with_members_vnd = 3'200'000'001; },
       {},
       {"revenue_with_members_vnd:revenue_with_members_exceeds_revenue:3200000001|3200000000"}},
      {"all revenue with members",
       EntityKind::kCooperative,
       [](Figures& f) { f.revenue_with_members_vnd = 3'200'000'000; },
       {},
       {}},
      {"profit above revenue",
       EntityKind::kCooperative,
       [](Figures& f) { f.profit_vnd = 4'000'000'000; },
       {},
       {"profit_vnd:profit_exceeds_revenue:4000000000|3200000000"}},
      {"revenue of 100,001 billion",
       EntityKind::kCooperative,
       [](Figures& f) {
         f = Figures();
         f.revenue_vnd = 100'001'000'000'000;
       },
       {},
       {"revenue_vnd:revenue_implausible:100001000000000|100000000000000"}},
      {"revenue per worker above 50 billion",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.workers_total = 2;
         f.workers_female = 1;
         f.workers_members = 2;
         f.revenue_vnd = 120'000'000'000;
         f.revenue_with_members_vnd = 1;
       },
       {},
       {"revenue_vnd:revenue_per_worker_implausible:60000000000|50000000000|120000000000|2"}},
      {"revenue per worker of 50 billion",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.workers_total = 2;
         f.workers_female = 1;
         f.workers_members = 2;
         f.revenue_vnd = 100'000'000'000;
       },
       {},
       {}},
      {"revenue without workers",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.workers_total = 0;
         f.workers_female = 0;
         f.workers_members = 0;
       },
       {},
       {}},
      // Errors and warnings together.
      {"a bad row",
       EntityKind::kCooperative,
       [](Figures& f) {
         f.members_total = 3;
         f.members_female = 4;
         f.members_youth = 1;
         f.avg_income_vnd_month = 350'000'000;
         f.workers_members = 2;
       },
       {"members_female:members_female_exceeds_total:4|3"},
       {"members_total:too_few_members:3|5", "avg_income_vnd_month:income_too_high:350000000|100000000"}},
  };
  for (const auto& c : cases) {
    Figures figures = Typical();
    c.mutate(figures);
    FiguresCheck check = CheckFigures(figures, c.kind);
    EXPECT_EQ(Describe(check.errors), c.errors) << c.what;
    EXPECT_EQ(Describe(check.warnings), c.warnings) << c.what;
    EXPECT_EQ(check.ok(), c.errors.empty()) << c.what;
    EXPECT_EQ(check.NeedsConfirmation(), !c.warnings.empty()) << c.what;
    ExpectKeysExist(check);
  }
}

TEST(DomainFigures, WarningsNeedAConfirmation) {
  Figures f = Typical();
  f.avg_income_vnd_month = 150'000'000;
  FiguresCheck check = CheckFigures(f, EntityKind::kCooperative);
  ASSERT_TRUE(check.ok());
  Status unconfirmed = check.ToStatus(Confirmation::kNotConfirmed);
  ASSERT_FALSE(unconfirmed.ok());
  EXPECT_EQ(unconfirmed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unconfirmed.error().key, "error.figures_need_confirmation");
  EXPECT_EQ(Describe(unconfirmed.error().fields),
            std::vector<std::string>{"avg_income_vnd_month:income_too_high:150000000|100000000"});
  EXPECT_TRUE(check.ToStatus(Confirmation::kConfirmed).ok());
  EXPECT_EQ(i18n::Translate(Lang::kVi, check.warnings[0].key, check.warnings[0].args),
            "Thu nhập bình quân 150000000 đồng/người/tháng cao bất thường (trên 100000000 đồng).");

  // Errors are never confirmed away; they are reported alone.
  f.members_female = 1000;
  check = CheckFigures(f, EntityKind::kCooperative);
  for (Confirmation confirmation : {Confirmation::kNotConfirmed, Confirmation::kConfirmed}) {
    Status status = check.ToStatus(confirmation);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().key, "error.invalid_request");
    EXPECT_EQ(Describe(status.error().fields),
              std::vector<std::string>{"members_female:members_female_exceeds_total:1000|56"});
  }
  for (const char* key : {"error.figures_need_confirmation", "error.invalid_request"})
    for (Lang lang : {Lang::kVi, Lang::kEn}) EXPECT_TRUE(i18n::HasKey(lang, key)) << key;
}

TEST(DomainFigures, FieldTableFollowsTheImportColumns) {
  std::vector<std::string> names;
  for (const FigureField& field : FigureFields()) names.emplace_back(field.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"members_total", "members_female", "members_youth", "workers_total",
                                      "workers_female", "workers_members", "revenue_vnd", "revenue_with_members_vnd",
                                      "profit_vnd", "avg_income_vnd_month", "charter_capital_vnd"}));
  Figures f = Typical();
  const FigureField* revenue = FindFigureField("revenue_vnd");
  ASSERT_NE(revenue, nullptr);
  EXPECT_TRUE(revenue->money);
  EXPECT_FALSE(revenue->may_be_negative);
  EXPECT_EQ(f.*(revenue->member), 3'200'000'000);
  EXPECT_TRUE(FindFigureField("profit_vnd")->may_be_negative);
  EXPECT_FALSE(FindFigureField("members_total")->money);
  EXPECT_EQ(FindFigureField("revenue"), nullptr);
  int negative_allowed = 0;
  for (const FigureField& field : FigureFields()) negative_allowed += field.may_be_negative;
  EXPECT_EQ(negative_allowed, 1);
  // Every figure, set alone to -1, is an error except profit.
  for (const FigureField& field : FigureFields()) {
    Figures one;
    one.*(field.member) = -1;
    FiguresCheck check = CheckFigures(one, EntityKind::kCreditFund);
    EXPECT_EQ(check.errors.size(), field.may_be_negative ? 0u : 1u) << field.name;
  }
}

TEST(DomainFigures, MinimumMembers) {
  EXPECT_EQ(MinimumMembers(EntityKind::kCooperative), 5);
  EXPECT_EQ(MinimumMembers(EntityKind::kUnion), 4);
  EXPECT_EQ(MinimumMembers(EntityKind::kGroup), 2);
  EXPECT_EQ(MinimumMembers(EntityKind::kCreditFund), std::nullopt);
}

}  // namespace
}  // namespace hoptac::domain

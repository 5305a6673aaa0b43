// The reporting model without I/O: form definitions (the shipped ones and broken ones),
// values per type, rules, periods allowed, due dates and the workflow.
#include "reporting/report_form.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "reporting/report.h"

namespace hoptac::reporting {
namespace {

namespace json = boost::json;

domain::Period P(const char* text) { return *domain::ParsePeriod(text); }
Date D(const char* iso) { return *Date::ParseIso(iso); }

// The definitions of the shipped forms, read from the migration that inserts them.
std::vector<std::string> ShippedDefinitions() {
  std::ifstream in(HOPTAC_SOURCE_DIR "/src/storage/sqlite/migrations/0011_reporting_forms.sql");
  std::stringstream text;
  text << in.rdbuf();
  std::string sql = text.str();
  std::vector<std::string> out;
  std::regex literal(R"(, 1, '((?:[^']|'')*)', 0, 'hoptac')");
  for (auto it = std::sregex_iterator(sql.begin(), sql.end(), literal); it != std::sregex_iterator(); ++it) {
    std::string d = (*it)[1];
    for (size_t i = d.find("''"); i != std::string::npos; i = d.find("''", i + 1)) d.erase(i, 1);
    out.push_back(d);
  }
  return out;
}

std::string Minimal(const std::string& fields, const std::string& rules = "[]", const std::string& extra = "") {
  return R"({"code":"t","name_vi":"Thử","name_en":"Test","level":"province","period_types":["year","nine_months"],)"
         R"("due":{"kind":"after_end","days":10},"sections":[{"code":"s","title_vi":"A","title_en":"A","fields":)" +
         fields + "}],\"rules\":" + rules + extra + "}";
}

std::set<std::string> Fields(const Error& e) {
  std::set<std::string> out;
  for (const auto& f : e.fields) out.insert(f.field + ":" + f.code);
  return out;
}

TEST(ReportForm, TheShippedFormsParse) {
  auto definitions = ShippedDefinitions();
  ASSERT_EQ(definitions.size(), 3u);
  std::set<std::string> codes;
  for (const auto& d : definitions) {
    auto form = ParseForm(d);
    ASSERT_TRUE(form.ok()) << d.substr(0, 80) << ": " << (form.ok() ? "" : form.error().fields.at(0).field);
    codes.insert(form->code);
  }
  EXPECT_EQ(codes, (std::set<std::string>{"coop_annual_update", "province_development", "women_coop_plan"}));
  auto province = ParseForm(definitions[1]);
  ASSERT_TRUE(province.ok());
  EXPECT_EQ(province->level, Level::kProvince);
  ASSERT_NE(province->FindField("coops_total"), nullptr);
  EXPECT_EQ(province->FindField("coops_total")->prefill->measure, "count");
  EXPECT_EQ(province->FindField("coops_new")->prefill->window, Window::kPeriod);
  EXPECT_EQ(province->FindField("income_min_vnd")->prefill, std::nullopt);
  EXPECT_EQ(province->rules.size(), 3u);
}

TEST(ReportForm, BrokenDefinitionsNameEveryProblem) {
  auto bad = ParseForm("{not json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "error.invalid_form_definition");

  auto r = ParseForm(Minimal(
      R"([{"code":"a","label_vi":"A","label_en":"A","type":"integer"},
          {"code":"a","label_vi":"B","label_en":"B","type":"colour"},
          {"code":"c","label_en":"C","type":"choice"},
          {"code":"d","label_vi":"D","label_en":"D","type":"text","figure":"members_total"}])",
      R"([{"code":"r","left":"a","op":"=<","right":"zz","severity":"error","message_vi":"x","message_en":"x"}])"));
  ASSERT_FALSE(r.ok());
  auto f = Fields(r.error());
  EXPECT_TRUE(f.count("sections[0].fields[1].code:form_duplicate"));
  EXPECT_TRUE(f.count("sections[0].fields[1].type:form_invalid"));
  EXPECT_TRUE(f.count("sections[0].fields[2].label_vi:form_missing"));
  EXPECT_TRUE(f.count("sections[0].fields[2].choices:form_missing"));
  EXPECT_TRUE(f.count("sections[0].fields[3].figure:form_invalid"));  // a province form has no figure fields
  EXPECT_TRUE(f.count("rules[0].op:form_invalid"));
  EXPECT_TRUE(f.count("rules[0].right:form_unknown_field"));

  auto no_period = ParseForm(R"({"code":"t","name_vi":"a","name_en":"a","level":"region","period_types":["week"],
                                 "due":{"kind":"fixed","month":2,"day":30},"sections":[]})");
  ASSERT_FALSE(no_period.ok());
  auto g = Fields(no_period.error());
  EXPECT_TRUE(g.count("level:form_invalid"));
  EXPECT_TRUE(g.count("period_types[0]:form_invalid"));
  EXPECT_TRUE(g.count("due.day:form_invalid"));
  EXPECT_TRUE(g.count("sections:form_missing"));
}

TEST(ReportForm, ValuesAreCheckedAgainstTheirField) {
  auto form = ParseForm(Minimal(
      R"([{"code":"n","label_vi":"N","label_en":"N","type":"integer","min":0,"max":100},
          {"code":"m","label_vi":"M","label_en":"M","type":"money"},
          {"code":"x","label_vi":"X","label_en":"X","type":"decimal","min":-1.5},
          {"code":"p","label_vi":"P","label_en":"P","type":"percent"},
          {"code":"r","label_vi":"R","label_en":"R","type":"range"},
          {"code":"y","label_vi":"Y","label_en":"Y","type":"yes_no"},
          {"code":"d","label_vi":"D","label_en":"D","type":"date"},
          {"code":"c","label_vi":"C","label_en":"C","type":"choice","choices":["a","b"]},
          {"code":"t","label_vi":"T","label_en":"T","type":"text"},
          {"code":"l","label_vi":"L","label_en":"L","type":"long_text"}])"));
  ASSERT_TRUE(form.ok()) << form.error().fields.at(0).field;
  auto code = [&](const char* field, const char* value) -> std::string {
    Status s = CheckValue(*form->FindField(field), json::parse(value));
    if (s.ok()) return "ok";
    EXPECT_EQ(s.error().fields.at(0).field, field);
    return s.error().fields.at(0).code;
  };
  EXPECT_EQ(code("n", "5"), "ok");
  EXPECT_EQ(code("n", "null"), "ok");
  EXPECT_EQ(code("n", "-1"), "report_below_min");
  EXPECT_EQ(code("n", "101"), "report_above_max");
  EXPECT_EQ(code("n", "1.5"), "report_invalid_type");
  EXPECT_EQ(code("n", "\"5\""), "report_invalid_type");
  EXPECT_EQ(code("m", "30000000000000"), "ok");
  EXPECT_EQ(code("m", "true"), "report_invalid_type");
  EXPECT_EQ(code("x", "-1.25"), "ok");
  EXPECT_EQ(code("x", "-2"), "report_below_min");
  EXPECT_EQ(code("p", "99.5"), "ok");
  EXPECT_EQ(code("p", "100.1"), "report_above_max");
  EXPECT_EQ(code("p", "-0.1"), "report_below_min");
  EXPECT_EQ(code("r", R"({"min":1,"max":2})"), "ok");
  EXPECT_EQ(code("r", R"({"min":3,"max":2})"), "report_invalid_range");
  EXPECT_EQ(code("r", R"({"min":3})"), "report_invalid_type");
  EXPECT_EQ(code("y", "false"), "ok");
  EXPECT_EQ(code("y", "0"), "report_invalid_type");
  EXPECT_EQ(code("d", "\"2024-02-29\""), "ok");
  EXPECT_EQ(code("d", "\"2023-02-29\""), "report_invalid_type");
  EXPECT_EQ(code("c", "\"b\""), "ok");
  EXPECT_EQ(code("c", "\"z\""), "report_unknown_choice");
  EXPECT_EQ(code("t", ("\"" + std::string(500, 'a') + "\"").c_str()), "ok");
  // 501 characters of two bytes each: counted in characters.
  std::string long_vi;
  for (int i = 0; i < 501; ++i) long_vi += "ă";
  EXPECT_EQ(code("t", ("\"" + long_vi + "\"").c_str()), "report_too_long");
  EXPECT_EQ(code("l", ("\"" + long_vi + "\"").c_str()), "ok");
  EXPECT_EQ(code("l", ("\"" + std::string(20001, 'a') + "\"").c_str()), "report_too_long");
}

TEST(ReportForm, RulesFailOnlyWhenBothSidesAreFilled) {
  auto form = ParseForm(Minimal(
      R"([{"code":"a","label_vi":"A","label_en":"A","type":"integer"},
          {"code":"b","label_vi":"B","label_en":"B","type":"integer"}])",
      R"([{"code":"le","left":"a","op":"<=","right":"b","severity":"error","message_vi":"a ≤ b","message_en":"a <= b"},
          {"code":"ne","left":"a","op":"==","right":"b","severity":"warning","message_vi":"a = b","message_en":"a = b"}])"));
  ASSERT_TRUE(form.ok());
  std::map<std::string, json::value> values{{"a", 5}, {"b", 3}};
  auto checks = EvaluateRules(*form, values);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].rule, "le");
  EXPECT_EQ(checks[0].severity, Severity::kError);
  EXPECT_EQ(checks[1].severity, Severity::kWarning);
  values["b"] = 5;
  EXPECT_TRUE(EvaluateRules(*form, values).empty());
  values["b"] = nullptr;
  EXPECT_TRUE(EvaluateRules(*form, values).empty());
  // Exact for money beyond a double's exact integers.
  values["a"] = int64_t{9'007'199'254'740'993};
  values["b"] = int64_t{9'007'199'254'740'992};
  EXPECT_EQ(EvaluateRules(*form, values).size(), 2u);
}

TEST(ReportForm, PeriodsAllowedAndPrevious) {
  auto form = ParseForm(Minimal(R"([{"code":"a","label_vi":"A","label_en":"A","type":"integer"}])"));
  ASSERT_TRUE(form.ok());
  EXPECT_TRUE(CheckPeriodAllowed(*form, P("2023M01-09")).ok());
  EXPECT_TRUE(CheckPeriodAllowed(*form, P("2023")).ok());
  for (const char* bad : {"2023S1", "2023Q3", "2023M09", "2023M02-09"}) {
    Status s = CheckPeriodAllowed(*form, P(bad));
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().fields.at(0).field, "period");
    EXPECT_EQ(s.error().fields.at(0).code, "report_period_not_allowed");
  }
  EXPECT_EQ(PreviousPeriod(P("2023M01-09")).ToString(), "2022M01-09");
  EXPECT_EQ(PreviousPeriod(P("2024S1")).ToString(), "2023S2");
  EXPECT_EQ(PreviousPeriod(P("2024")).ToString(), "2023");
  EXPECT_EQ(CurrentPeriod(PeriodType::kNineMonths, D("2026-12-05")).ToString(), "2026M01-09");
  EXPECT_EQ(CurrentPeriod(PeriodType::kHalf, D("2026-12-05")).ToString(), "2026S2");
}

TEST(ReportForm, DueDates) {
  auto after = ParseForm(Minimal(R"([{"code":"a","label_vi":"A","label_en":"A","type":"integer"}])"));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(DueDate(*after, P("2023M01-09")), D("2023-10-10"));
  EXPECT_EQ(DueDate(*after, P("2023")), D("2024-01-10"));
  std::string fixed = Minimal(R"([{"code":"a","label_vi":"A","label_en":"A","type":"integer"}])");
  fixed.replace(fixed.find(R"({"kind":"after_end","days":10})"), 30, R"({"kind":"fixed","month":12,"day":15})");
  auto annual = ParseForm(fixed);
  ASSERT_TRUE(annual.ok());
  EXPECT_EQ(DueDate(*annual, P("2025")), D("2025-12-15"));
  // On time: until 23:59:59.999 of the due date in Vietnam (UTC+7), i.e. 16:59:59.999 UTC.
  int64_t deadline = DueDeadlineMs(D("2025-12-15"));
  EXPECT_EQ(deadline, (int64_t{D("2025-12-15").days()} * 86'400'000) + 17 * 3'600'000 - 1);
  Report r;
  r.due_date = D("2025-12-15");
  r.first_submitted_at_ms = deadline;
  EXPECT_TRUE(OnTime(r));
  r.first_submitted_at_ms = deadline + 1;
  EXPECT_FALSE(OnTime(r));
}

TEST(ReportWorkflow, AllowedMoves) {
  using S = ReportStatus;
  struct Case {
    S from;
    Action action;
    std::optional<S> to;
  } cases[] = {
      {S::kDraft, Action::kSubmit, S::kSubmitted},     {S::kReturned, Action::kSubmit, S::kSubmitted},
      {S::kSubmitted, Action::kSubmit, std::nullopt},  {S::kApproved, Action::kSubmit, std::nullopt},
      {S::kSubmitted, Action::kReturn, S::kReturned},  {S::kDraft, Action::kReturn, std::nullopt},
      {S::kSubmitted, Action::kApprove, S::kApproved}, {S::kReturned, Action::kApprove, std::nullopt},
      {S::kApproved, Action::kReopen, S::kDraft},      {S::kSubmitted, Action::kReopen, std::nullopt},
  };
  for (const Case& c : cases) {
    auto moved = Move(c.from, c.action);
    if (c.to) {
      ASSERT_TRUE(moved.ok()) << ReportStatusName(c.from) << " " << ActionName(c.action);
      EXPECT_EQ(*moved, *c.to);
    } else {
      ASSERT_FALSE(moved.ok()) << ReportStatusName(c.from) << " " << ActionName(c.action);
      EXPECT_EQ(moved.error().code, ErrorCode::kConflict);
      EXPECT_EQ(moved.error().key, "error.report_wrong_status");
    }
  }
  EXPECT_TRUE(Editable(S::kDraft));
  EXPECT_TRUE(Editable(S::kReturned));
  EXPECT_FALSE(Editable(S::kSubmitted));
  EXPECT_FALSE(Editable(S::kApproved));
}

}  // namespace
}  // namespace hoptac::reporting

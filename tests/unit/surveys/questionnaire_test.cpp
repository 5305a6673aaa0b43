#include "surveys/questionnaire.h"

#include <gtest/gtest.h>

namespace hoptac::surveys {
namespace {

std::vector<Choice> Likert() {
  return {{"1", {"Rất không hài lòng", "Very dissatisfied"}},
          {"2", {"Không hài lòng", "Dissatisfied"}},
          {"3", {"Bình thường", "Neutral"}},
          {"4", {"Hài lòng", "Satisfied"}},
          {"5", {"Rất hài lòng", "Very satisfied"}}};
}

// The Bắc Giang satisfaction questionnaire, shortened: a scale, yes/no with a follow-up asked only on
// "yes", a multiple choice, a number, a long text.
Questionnaire Sample() {
  Questionnaire q;
  q.form_id = "hailong_2026";
  q.version = "1";
  q.title = {"Khảo sát mức độ hài lòng của HTX", "Cooperatives' satisfaction survey"};
  Section a;
  a.name = "chinh_quyen";
  a.label = {"Chính quyền địa phương", "Local authorities"};
  Question q1;
  q1.name = "q1";
  q1.type = QuestionType::kLikert;
  q1.label = {"Mức độ hài lòng với hỗ trợ của UBND xã", "Satisfaction with the commune's support"};
  q1.required = true;
  q1.list_name = "likert";
  q1.choices = Likert();
  Question q2;
  q2.name = "q2";
  q2.type = QuestionType::kYesNo;
  q2.label = {"Năm 2025 HTX có được hỗ trợ không?", "Was the cooperative supported in 2025?"};
  q2.required = true;
  Question q3;
  q3.name = "q3";
  q3.type = QuestionType::kMultiple;
  q3.label = {"Hỗ trợ gì?", "What support?"};
  q3.required = true;
  q3.relevant = "${q2} = 'yes'";
  q3.choices = {{"von", {"Vốn", "Credit"}}, {"dat", {"Đất đai", "Land"}}, {"dao_tao", {"Đào tạo", "Training"}}};
  a.questions = {q1, q2, q3};
  Section b;
  b.name = "htx";
  b.label = {"Về HTX", "About the cooperative"};
  Question q4;
  q4.name = "q4";
  q4.type = QuestionType::kInteger;
  q4.label = {"Số thành viên", "Members"};
  Question q5;
  q5.name = "q5";
  q5.type = QuestionType::kLongText;
  q5.label = {"Kiến nghị", "Suggestions"};
  Question note;
  note.name = "cam_on";
  note.type = QuestionType::kNote;
  note.label = {"Cảm ơn quý HTX.", "Thank you."};
  b.questions = {q4, q5, note};
  q.sections = {a, b};
  return q;
}

bool HasField(const Error& e, const std::string& field, const std::string& code) {
  for (const FieldError& f : e.fields)
    if (f.field == field && f.code == code) return true;
  return false;
}

std::string Fields(const Error& e) {
  std::string out;
  for (const FieldError& f : e.fields) out += f.field + ":" + f.code + " ";
  return out;
}

TEST(Questionnaire, ValidatesAndParsesConditions) {
  Questionnaire q = Sample();
  ASSERT_TRUE(Validate(q).ok());
  const Question& q3 = q.sections[0].questions[2];
  ASSERT_TRUE(q3.condition.has_value());
  EXPECT_EQ(q3.condition->op, Condition::Op::kEq);
  EXPECT_EQ(q3.condition->ref, "q2");
  EXPECT_EQ(q3.condition->value, "yes");
  // yes/no got its two choices, worded.
  ASSERT_EQ(q.sections[0].questions[1].choices.size(), 2u);
  EXPECT_EQ(q.sections[0].questions[1].choices[0].label.vi, "Có");
  EXPECT_EQ(Questions(q).size(), 5u);  // the note is not answered
}

TEST(Questionnaire, RefusesEachProblemOnItsPath) {
  Questionnaire q = Sample();
  q.title.vi.clear();
  q.sections[0].questions[0].choices.pop_back();            // a scale of four points
  q.sections[0].questions[1].name = "q1";                   // a name used twice
  q.sections[0].questions[2].relevant = "${q9} = 'yes'";    // an unknown question
  q.sections[1].questions[0].name = "4so";                  // not a name
  q.sections[1].questions[1].relevant = "${q1} >> 3";       // not a condition
  q.sections[1].questions[0].choices = {{"a", {"A", ""}}};  // choices on a number
  Status s = Validate(q);
  ASSERT_FALSE(s.ok());
  const Error& e = s.error();
  EXPECT_TRUE(HasField(e, "title", "required")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[0].questions[0].choices", "likert_choices")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].name", "name_duplicate")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[0].questions[2].relevant", "condition_unknown_question")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[1].questions[0].name", "invalid_name")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[1].questions[1].relevant", "condition_syntax")) << Fields(e);
  EXPECT_TRUE(HasField(e, "sections[1].questions[0].choices", "choices_not_expected")) << Fields(e);
}

TEST(Questionnaire, AConditionNamesOnlyEarlierQuestions) {
  Questionnaire q = Sample();
  q.sections[0].questions[0].relevant = "${q2} = 'no'";  // q2 comes after q1
  Status s = Validate(q);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 1u);
  EXPECT_EQ(s.error().fields[0].key, "field.condition_unknown_question");
  EXPECT_EQ(s.error().fields[0].args[1], "q2");
}

TEST(Questionnaire, ConditionsParseTheXlsFormSubset) {
  std::vector<std::string> known = {"q1", "q2", "q3", "q4"};
  struct Case {
    const char* text;
    const char* canonical;
  } cases[] = {
      {"${q1} = 'no'", "${q1} = 'no'"},
      {"${q1}='no'", "${q1} = 'no'"},
      {"${q1} == \"no\"", "${q1} = 'no'"},
      {"${q4} >= 3", "${q4} >= 3"},
      {"3 < ${q4}", "${q4} > 3"},
      {"${q1} != ''", "${q1} != ''"},
      {"selected(${q3}, 'von')", "selected(${q3}, 'von')"},
      {"not(selected(${q3}, 'von'))", "not(selected(${q3}, 'von'))"},
      {"${q1} = 'yes' and (${q4} > 10 or ${q4} < 2)", "${q1} = 'yes' and (${q4} > 10 or ${q4} < 2)"},
      {"${q1} = 'yes' AND ${q2} = 'no' or ${q4} = 1", "${q1} = 'yes' and ${q2} = 'no' or ${q4} = 1"},
      {"${q4} = -1.5", "${q4} = -1.5"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseCondition(c.text, known);
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << Fields(parsed.error());
    EXPECT_EQ(FormatCondition(*parsed), c.canonical) << c.text;
    // The canonical text parses to the same tree.
    auto again = ParseCondition(FormatCondition(*parsed), known);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *parsed) << c.text;
  }
  for (const char* bad : {"${q1} = ", "${q1} 'no'", "${q1} = 'no", "(${q1} = 'no'", "${q1} < 'abc'", "${q1",
                          "count(${q1}) > 1", "${q1} = 'no' and", "${q1} ! 'no'", "${q1} = 'a' ×"}) {
    auto parsed = ParseCondition(bad, known);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().fields[0].key, "field.condition_syntax") << bad;
  }
}

TEST(Questionnaire, ConditionsHoldAsOdkEvaluatesThem) {
  std::vector<std::string> known = {"a", "b", "m"};
  Answers answers = {{"a", std::string("no")}, {"b", 4.0}, {"m", std::vector<std::string>{"x", "z"}}};
  auto holds = [&](const char* text) {
    auto c = ParseCondition(text, known);
    EXPECT_TRUE(c.ok()) << text;
    return c.ok() && Holds(*c, answers);
  };
  EXPECT_TRUE(holds("${a} = 'no'"));
  EXPECT_FALSE(holds("${a} = 'yes'"));
  EXPECT_TRUE(holds("${b} > 3 and ${b} <= 4"));
  EXPECT_TRUE(holds("${b} = 4"));
  EXPECT_TRUE(holds("${b} = '4'"));
  EXPECT_TRUE(holds("selected(${m}, 'z')"));
  EXPECT_FALSE(holds("selected(${m}, 'y')"));
  EXPECT_TRUE(holds("${m} = 'x z'"));  // a multiple answer compares as its space-separated names
  EXPECT_TRUE(holds("not(${a} = 'yes') or ${b} < 0"));
  answers.erase("b");
  EXPECT_TRUE(holds("${b} = ''"));  // unanswered
  EXPECT_FALSE(holds("${b} < 3"));  // nor less, nor more
  EXPECT_FALSE(holds("${b} >= 3"));
}

TEST(Questionnaire, CheckAnswersTypesEveryAnswerAndDropsWhatIsNotAsked) {
  Questionnaire q = Sample();
  ASSERT_TRUE(Validate(q).ok());
  // As a browser form sends them: numbers as text, a multiple choice space-separated.
  Answers sent = {{"q1", std::string("4")},
                  {"q2", std::string("yes")},
                  {"q3", std::string("dat von von")},
                  {"q4", 35.0},
                  {"q5", std::string("Cần thêm đất.")}};
  auto checked = CheckAnswers(q, sent, true);
  ASSERT_TRUE(checked.ok()) << Fields(checked.error());
  EXPECT_EQ(std::get<double>(checked->at("q1")), 4.0);
  // In the questionnaire's order, once each.
  EXPECT_EQ(std::get<std::vector<std::string>>(checked->at("q3")), (std::vector<std::string>{"von", "dat"}));
  // "no": the follow-up is not asked, its answer dropped and no longer required.
  sent["q2"] = std::string("no");
  checked = CheckAnswers(q, sent, true);
  ASSERT_TRUE(checked.ok()) << Fields(checked.error());
  EXPECT_EQ(checked->count("q3"), 0u);
  sent.erase("q3");
  EXPECT_TRUE(CheckAnswers(q, sent, true).ok());
  // "yes" without the follow-up: required.
  sent["q2"] = std::string("yes");
  auto missing = CheckAnswers(q, sent, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(HasField(missing.error(), "answers.q3", "required")) << Fields(missing.error());
  // A draft (not complete) may leave it.
  EXPECT_TRUE(CheckAnswers(q, sent, false).ok());
}

TEST(Questionnaire, CheckAnswersRefusesEachBadAnswerByName) {
  Questionnaire q = Sample();
  ASSERT_TRUE(Validate(q).ok());
  Answers sent = {{"q1", 7.0},
                  {"q2", std::string("co")},
                  {"q3", std::vector<std::string>{"von", "nha"}},
                  {"q4", 2.5},
                  {"q5", std::string(5001, 'a')},
                  {"q9", std::string("?")},
                  {"cam_on", std::string("!")}};
  auto checked = CheckAnswers(q, sent, true);
  ASSERT_FALSE(checked.ok());
  const Error& e = checked.error();
  EXPECT_TRUE(HasField(e, "answers.q1", "out_of_range")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.q2", "invalid_enum")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.q3", "invalid_enum")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.q4", "not_whole")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.q5", "too_long")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.q9", "unknown_question")) << Fields(e);
  EXPECT_TRUE(HasField(e, "answers.cam_on", "unknown_question")) << Fields(e);  // a note is not answered
  // Vietnamese text is counted in characters, not bytes: 500 letters "ả" (2 bytes each) fit a short text.
  Questionnaire short_text = Sample();
  short_text.sections[1].questions[1].type = QuestionType::kText;
  ASSERT_TRUE(Validate(short_text).ok());
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "ả";
  Answers ok = {{"q1", 3.0}, {"q2", std::string("no")}, {"q5", five_hundred}};
  EXPECT_TRUE(CheckAnswers(short_text, ok, true).ok());
  ok["q5"] = five_hundred + "a";
  EXPECT_FALSE(CheckAnswers(short_text, ok, true).ok());
}

TEST(Questionnaire, ASectionConditionHidesItsQuestions) {
  Questionnaire q = Sample();
  q.sections[1].relevant = "${q2} = 'yes'";
  q.sections[1].questions[0].required = true;
  ASSERT_TRUE(Validate(q).ok());
  Answers sent = {{"q1", 5.0}, {"q2", std::string("no")}, {"q4", 12.0}};
  auto checked = CheckAnswers(q, sent, true);
  ASSERT_TRUE(checked.ok()) << Fields(checked.error());
  EXPECT_EQ(checked->count("q4"), 0u);
}

}  // namespace
}  // namespace hoptac::surveys

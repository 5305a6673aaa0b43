// The campaign model (surveys/campaign.h): status on a date, the satisfaction index, the
// distributions and number summaries, and the suppression of small groups below the national level.
#include "surveys/campaign.h"

#include <gtest/gtest.h>

namespace hoptac::surveys {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

Questionnaire Form() {
  Questionnaire q;
  q.form_id = "t";
  q.title = {"Khảo sát", "Survey"};
  Section s;
  s.name = "s1";
  auto likert = [](const std::string& name) {
    Question x;
    x.name = name;
    x.type = QuestionType::kLikert;
    x.label = {name, name};
    x.required = true;
    for (int i = 1; i <= 5; ++i) x.choices.push_back({std::to_string(i), {std::to_string(i), ""}});
    return x;
  };
  s.questions.push_back(likert("q1"));
  s.questions.push_back(likert("q2"));
  Question multiple;
  multiple.name = "q3";
  multiple.type = QuestionType::kMultiple;
  multiple.label = {"Hỗ trợ", "Support"};
  multiple.choices = {{"credit", {"Tín dụng", "Credit"}}, {"land", {"Đất đai", "Land"}}};
  s.questions.push_back(multiple);
  Question number;
  number.name = "q4";
  number.type = QuestionType::kInteger;
  number.label = {"Thành viên", "Members"};
  s.questions.push_back(number);
  Question text;
  text.name = "q5";
  text.type = QuestionType::kLongText;
  text.label = {"Kiến nghị", "Suggestions"};
  s.questions.push_back(text);
  q.sections.push_back(s);
  return q;
}

TEST(CampaignTest, StatusFollowsTheDatesAndAnEarlyClose) {
  Campaign c;
  c.opens_on = D(2026, 6, 1);
  c.closes_on = D(2026, 12, 31);
  EXPECT_EQ(StatusOn(c, D(2026, 5, 31)), CampaignStatus::kScheduled);
  EXPECT_EQ(StatusOn(c, D(2026, 6, 1)), CampaignStatus::kOpen);
  EXPECT_EQ(StatusOn(c, D(2026, 12, 31)), CampaignStatus::kOpen);
  EXPECT_EQ(StatusOn(c, D(2027, 1, 1)), CampaignStatus::kClosed);
  EXPECT_EQ(ClosedOn(c), D(2026, 12, 31));
  c.closed_early_at_ms = int64_t{1782788400000};  // 2026-06-30 10:00 in Vietnam
  EXPECT_EQ(StatusOn(c, D(2026, 7, 1)), CampaignStatus::kClosed);
  EXPECT_EQ(ClosedOn(c), D(2026, 6, 30));
  EXPECT_STREQ(CampaignStatusName(CampaignStatus::kOpen), "open");
  EXPECT_EQ(ParseCampaignStatus("closed"), CampaignStatus::kClosed);
  EXPECT_FALSE(ParseCampaignStatus("done"));
}

TEST(CampaignTest, TheSatisfactionIndexScalesEachResponsesLikertMean) {
  const Questionnaire q = Form();
  EXPECT_DOUBLE_EQ(*ResponseScore(q, {{"q1", 5.0}, {"q2", 5.0}}), 100.0);
  EXPECT_DOUBLE_EQ(*ResponseScore(q, {{"q1", 1.0}, {"q2", 1.0}}), 0.0);
  EXPECT_DOUBLE_EQ(*ResponseScore(q, {{"q1", 3.0}, {"q2", 4.0}}), 62.5);
  EXPECT_DOUBLE_EQ(*ResponseScore(q, {{"q1", 4.0}}), 75.0);  // only the Likert answers given
  EXPECT_FALSE(ResponseScore(q, {{"q4", 12.0}}));
  IndexFigure f = SatisfactionIndex({100.0, 0.0, 62.5}, 3, true);
  ASSERT_TRUE(f.index);
  EXPECT_NEAR(*f.index, 54.1667, 1e-3);
  EXPECT_EQ(f.responses, 3);
  EXPECT_FALSE(f.withheld);
  // Fewer than 3 responses: shown at the national level, withheld below it.
  EXPECT_TRUE(SatisfactionIndex({100.0, 0.0}, 2, false).index);
  IndexFigure small = SatisfactionIndex({100.0, 0.0}, 2, true);
  EXPECT_TRUE(small.withheld);
  EXPECT_FALSE(small.index);
  // Responses without a Likert answer count for the group, not for the index.
  IndexFigure partial = SatisfactionIndex({50.0}, 4, true);
  EXPECT_EQ(partial.responses, 1);
  EXPECT_DOUBLE_EQ(*partial.index, 50.0);
  EXPECT_TRUE(Withheld(2, true));
  EXPECT_FALSE(Withheld(2, false));
  EXPECT_FALSE(Withheld(3, true));
  EXPECT_DOUBLE_EQ(ResponseRate(21, 37), 21.0 / 37.0);
  EXPECT_DOUBLE_EQ(ResponseRate(0, 0), 0.0);
}

TEST(CampaignTest, SummariesCountChoicesSummariseNumbersAndWithholdSmallGroups) {
  const Questionnaire q = Form();
  const Answers a{{"q1", 5.0},
                  {"q2", 4.0},
                  {"q3", std::vector<std::string>{"credit", "land"}},
                  {"q4", 10.0},
                  {"q5", std::string("Cần vốn")}};
  const Answers b{{"q1", 5.0}, {"q2", 2.0}, {"q3", std::vector<std::string>{"land"}}, {"q4", 30.0}};
  const Answers c{{"q1", 1.0}, {"q2", 3.0}, {"q4", 20.0}, {"q5", std::string("Không")}};
  auto results = Summarise(q, {&a, &b, &c}, true);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].answered, 3);
  ASSERT_EQ(results[0].distribution.size(), 5u);
  EXPECT_EQ(results[0].distribution[4].count, 2);  // "5"
  EXPECT_EQ(results[0].distribution[0].count, 1);  // "1"
  EXPECT_NEAR(*results[0].mean, 11.0 / 3.0, 1e-9);
  EXPECT_EQ(results[2].answered, 2);
  EXPECT_EQ(results[2].distribution[0].count, 1);  // credit
  EXPECT_EQ(results[2].distribution[1].count, 2);  // land
  EXPECT_FALSE(results[2].mean);
  ASSERT_TRUE(results[3].numbers);
  EXPECT_EQ(results[3].numbers->count, 3);
  EXPECT_DOUBLE_EQ(results[3].numbers->median, 20.0);
  EXPECT_DOUBLE_EQ(results[3].numbers->min, 10.0);
  EXPECT_DOUBLE_EQ(results[3].numbers->max, 30.0);
  EXPECT_DOUBLE_EQ(results[3].numbers->mean, 20.0);
  EXPECT_EQ(*results[4].texts, 2);
  EXPECT_FALSE(results[4].numbers);
  // Two responses below the national level: nothing shown.
  auto withheld = Summarise(q, {&a, &b}, true);
  for (const QuestionResult& r : withheld) {
    EXPECT_TRUE(r.withheld);
    EXPECT_TRUE(r.distribution.empty());
    EXPECT_FALSE(r.mean);
    EXPECT_EQ(r.answered, 0);
  }
  EXPECT_FALSE(Summarise(q, {&a, &b}, false)[0].withheld);
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(Median({}), 0.0);
}

}  // namespace
}  // namespace hoptac::surveys

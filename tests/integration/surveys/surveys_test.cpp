// Surveys (src/surveys/README.md) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: a questionnaire created from JSON, exported as XLSForm and imported back
// unchanged; a province's campaign whose targets are its active cooperatives only (one link
// each); answers through the public link (incomplete refused naming the question, unasked
// answers dropped, a second answer replacing the first), the results with small groups
// withheld below the national level, the refusals of the answer page (unknown token, another
// campaign's, closed, not yet open), scope, a cooperative's own campaigns and the indicator
// source. The clock is fixed on 2026-06-30 (UTC+7).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "base/log.h"
#include "support/http_client.h"
#include "support/test_system.h"
#include "surveys/survey_demo.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

// 2026-06-30 10:00 in Vietnam.
constexpr int64_t kNowMs = 1782788400000;

std::string Likert(const std::string& name, const std::string& vi, const std::string& en) {
  return R"({"name":")" + name + R"(","type":"likert","label":{"vi":")" + vi + R"(","en":")" + en +
         R"("},"required":true,"list_name":"likert5","choices":[)"
         R"({"name":"1","label":{"vi":"Rất không hài lòng","en":"Very dissatisfied"}},)"
         R"({"name":"2","label":{"vi":"Không hài lòng","en":"Dissatisfied"}},)"
         R"({"name":"3","label":{"vi":"Bình thường","en":"Neutral"}},)"
         R"({"name":"4","label":{"vi":"Hài lòng","en":"Satisfied"}},)"
         R"({"name":"5","label":{"vi":"Rất hài lòng","en":"Very satisfied"}}]})";
}

std::string Questionnaire(const std::string& form_id = "thu_2026") {
  return R"({"form_id":")" + form_id +
         R"(","version":"1","title":{"vi":"Khảo sát mức độ hài lòng","en":"Satisfaction survey"},)"
         R"("sections":[{"name":"s1","label":{"vi":"Đánh giá","en":"Assessment"},"questions":[)" +
         Likert("q1", "Hỗ trợ của xã", "The commune's support") + "," +
         Likert("q2", "Thủ tục hành chính", "Procedures") + "," +
         R"({"name":"q3","type":"yes_no","label":{"vi":"Năm 2025 HTX có nhận được hỗ trợ không?",)"
         R"("en":"Did the cooperative receive support in 2025?"},"required":true,"list_name":"yes_no","choices":[)"
         R"({"name":"yes","label":{"vi":"Có","en":"Yes"}},{"name":"no","label":{"vi":"Không","en":"No"}}]},)"
         R"({"name":"q4","type":"multiple","label":{"vi":"Hỗ trợ gì?","en":"What support?"},"required":true,)"
         R"("relevant":"${q3} = 'yes'","list_name":"support","choices":[)"
         R"({"name":"credit","label":{"vi":"Tín dụng","en":"Credit"}},)"
         R"({"name":"training","label":{"vi":"Đào tạo","en":"Training"}},)"
         R"({"name":"market","label":{"vi":"Thị trường","en":"Market"}}]},)"
         R"({"name":"q5","type":"integer","label":{"vi":"Số thành viên","en":"Members"},"required":false},)"
         R"({"name":"q6","type":"long_text","label":{"vi":"Kiến nghị","en":"Suggestions"},"required":false}]}]})";
}

class SurveysTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [] { return kNowMs; };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("adm", "national_admin");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* accept = "application/json", const char* type = "application/json") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    req.set(bhttp::field::accept, accept);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  static std::string Reason(const Reply& r) {
    const auto& j = r.Json();
    if (!j.is_object() || !j.as_object().contains("error")) return "";
    return std::string(j.at("error").at("reason").as_string());
  }

  int64_t Created(const Reply& r) {
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  int64_t AddCooperative(const std::string& code, const std::string& province = "20") {
    return Created(Call(bhttp::verb::post, "/api/v1/entities", "nat",
                        R"({"kind":"cooperative","name":"Hợp tác xã )" + code + R"(","registration_code":")" + code +
                            R"(","province_code":")" + province + R"(","founded_on":"2020-01-01"})"));
  }

  void AddEvent(int64_t entity, const std::string& type, const std::string& date) {
    Reply r = Call(bhttp::verb::post, "/api/v1/entities/" + std::to_string(entity) + "/events", "nat",
                   R"({"date":")" + date + R"(","type":")" + type + R"("})");
    EXPECT_EQ(r.status, 201u) << r.body;
  }

  // Three active cooperatives of Lạng Sơn (20), one dissolved, one suspended; one of Hà Nội (01).
  void Registry() {
    for (const char* code : {"LS-A", "LS-B", "LS-C"}) active_.push_back(AddCooperative(code));
    dissolved_ = AddCooperative("LS-D");
    AddEvent(dissolved_, "dissolved", "2024-03-01");
    suspended_ = AddCooperative("LS-E");
    AddEvent(suspended_, "suspended", "2025-01-15");
    other_province_ = AddCooperative("HN-A", "01");
  }

  int64_t Survey(const std::string& form_id = "thu_2026") {
    return Created(Call(bhttp::verb::post, "/api/v1/surveys", "nat", Questionnaire(form_id)));
  }

  int64_t Campaign(int64_t survey, const std::string& as, int year, const std::string& opens, const std::string& closes,
                   const std::string& scope = R"({"kinds":["cooperative"]})") {
    return Created(Call(bhttp::verb::post, "/api/v1/survey-campaigns", as,
                        R"({"questionnaire_id":)" + std::to_string(survey) + R"(,"year":)" + std::to_string(year) +
                            R"(,"opens_on":")" + opens + R"(","closes_on":")" + closes + R"(","scope":)" + scope +
                            "}"));
  }

  // entity id -> token.
  std::map<int64_t, std::string> Links(int64_t campaign, const std::string& as = "po20") {
    Reply r = Call(bhttp::verb::get, "/api/v1/survey-campaigns/" + std::to_string(campaign) + "/targets?limit=500", as);
    EXPECT_EQ(r.status, 200u) << r.body;
    std::map<int64_t, std::string> out;
    if (r.status != 200) return out;
    for (const json::value& t : r.Json().at("items").as_array()) {
      std::string link(t.at("link").as_string());
      EXPECT_EQ(link.rfind("/s/", 0), 0u);
      out[t.at("entity").at("id").as_int64()] = link.substr(3);
    }
    return out;
  }

  Reply Answer(const std::string& token, const std::string& answers, const std::string& as = "",
               const std::string& campaign_id = "") {
    std::string body = "{" + (campaign_id.empty() ? std::string() : R"("campaign_id":)" + campaign_id + ",") +
                       R"("answers":)" + answers + "}";
    return Call(bhttp::verb::post, "/s/" + token, as, body);
  }

  std::vector<int64_t> active_;
  int64_t dissolved_ = 0, suspended_ = 0, other_province_ = 0;
};

TEST_F(SurveysTest, AQuestionnaireExportedAsXlsFormImportsBackUnchanged) {
  const int64_t id = Survey();
  ASSERT_GT(id, 0);
  Reply original = Call(bhttp::verb::get, "/api/v1/surveys/" + std::to_string(id), "nat");
  ASSERT_EQ(original.status, 200u) << original.body;
  EXPECT_EQ(original.Json().at("question_count").as_int64(), 6);
  Reply file = Call(bhttp::verb::get, "/api/v1/surveys/" + std::to_string(id) + "/xlsform", "nat");
  ASSERT_EQ(file.status, 200u) << file.body;
  ASSERT_EQ(file.body.substr(0, 2), "PK");
  Reply imported = Call(bhttp::verb::post, "/api/v1/surveys", "po20", file.body, "application/json",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const int64_t again = Created(imported);
  ASSERT_GT(again, 0);
  Reply copy = Call(bhttp::verb::get, "/api/v1/surveys/" + std::to_string(again), "nat");
  ASSERT_EQ(copy.status, 200u);
  for (const char* member : {"form_id", "version", "title", "sections", "question_count"})
    EXPECT_EQ(json::serialize(copy.Json().at(member)), json::serialize(original.Json().at(member))) << member;
  // Listed, and deleted while it has no campaign (audited).
  Reply list = Call(bhttp::verb::get, "/api/v1/surveys", "po01");
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.Json().at("total").as_int64(), 2);
  EXPECT_EQ(Call(bhttp::verb::delete_, "/api/v1/surveys/" + std::to_string(again), "nat").status, 204u);
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=questionnaire:" + std::to_string(again), "adm");
  EXPECT_NE(audit.body.find("questionnaire.delete"), std::string::npos) << audit.body;
  // Not a workbook; a questionnaire with an error names the field.
  Reply text = Call(bhttp::verb::post, "/api/v1/surveys", "nat", "type,name\ntext,q1\n", "application/json",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(text.status, 400u);
  EXPECT_EQ(Reason(text), "survey.xlsform_not_xlsx");
  Reply bad = Call(
      bhttp::verb::post, "/api/v1/surveys", "nat",
      R"({"form_id":"x","title":{"vi":"X"},"sections":[{"name":"s","questions":[{"name":"q","type":"rating"}]}]})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("sections[0].questions[0].type"), std::string::npos) << bad.body;
  // Partners and cooperatives have no questionnaires.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/surveys", "partner1").status, 403u);
}

TEST_F(SurveysTest, AProvinceCampaignAsksItsActiveCooperativesOnlyWithOneLinkEach) {
  Registry();
  const int64_t survey = Survey();
  const int64_t campaign = Campaign(survey, "po20", 2026, "2026-06-01", "2026-12-31");
  ASSERT_GT(campaign, 0);
  Reply got = Call(bhttp::verb::get, "/api/v1/survey-campaigns/" + std::to_string(campaign), "po20");
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.Json().at("targets").as_int64(), 3);
  EXPECT_EQ(got.Json().at("status").as_string(), "open");
  EXPECT_EQ(got.Json().at("scope").at("province").as_string(), "20");
  EXPECT_TRUE(got.Json().at("may_write").as_bool());
  auto links = Links(campaign);
  ASSERT_EQ(links.size(), 3u);
  std::set<std::string> tokens;
  for (int64_t id : active_) {
    ASSERT_TRUE(links.count(id)) << id;
    EXPECT_GE(links[id].size(), 22u);  // 128 bits, base64url
    tokens.insert(links[id]);
  }
  EXPECT_EQ(tokens.size(), 3u);
  EXPECT_FALSE(links.count(dissolved_));
  EXPECT_FALSE(links.count(suspended_));
  EXPECT_FALSE(links.count(other_province_));
  // The mailing list.
  Reply csv =
      Call(bhttp::verb::get, "/api/v1/survey-campaigns/" + std::to_string(campaign) + "/links?format=csv", "po20");
  ASSERT_EQ(csv.status, 200u);
  EXPECT_NE(csv.body.find("LS-A"), std::string::npos);
  EXPECT_NE(csv.body.find("/s/" + links[active_[0]]), std::string::npos);
  // A scope with no active entity.
  Reply none =
      Call(bhttp::verb::post, "/api/v1/survey-campaigns", "po20",
           R"({"questionnaire_id":)" + std::to_string(survey) +
               R"(,"year":2026,"opens_on":"2026-06-01","closes_on":"2026-12-31","scope":{"sectors":["salt"]}})");
  EXPECT_EQ(none.status, 422u) << none.body;
  EXPECT_NE(none.body.find("campaign_no_targets"), std::string::npos);
  // Another province's campaign does not exist for po01; partners have no campaigns.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/survey-campaigns/" + std::to_string(campaign), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/survey-campaigns", "partner1").status, 403u);
  Reply other = Call(bhttp::verb::post, "/api/v1/survey-campaigns", "po01",
                     R"({"questionnaire_id":)" + std::to_string(survey) +
                         R"(,"year":2026,"opens_on":"2026-06-01","closes_on":"2026-12-31","scope":{"province":"20"}})");
  EXPECT_EQ(other.status, 403u);
  // A questionnaire in use cannot be deleted.
  Reply in_use = Call(bhttp::verb::delete_, "/api/v1/surveys/" + std::to_string(survey), "nat");
  EXPECT_EQ(in_use.status, 409u);
  EXPECT_EQ(Reason(in_use), "survey.in_use");
}

TEST_F(SurveysTest, AnswersThroughTheLinkAppearInTheResultsAndSmallGroupsAreWithheld) {
  Registry();
  const int64_t survey = Survey();
  const int64_t campaign = Campaign(survey, "nat", 2026, "2026-06-01", "2026-12-31", R"({"province":"20"})");
  auto links = Links(campaign, "nat");
  ASSERT_EQ(links.size(), 3u);
  const std::string a = links[active_[0]], b = links[active_[1]], c = links[active_[2]];
  // The page's JSON.
  Reply page = Call(bhttp::verb::get, "/s/" + a, "");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.Json().at("campaign").at("id").as_int64(), campaign);
  EXPECT_EQ(page.Json().at("entity").at("id").as_int64(), active_[0]);
  EXPECT_TRUE(page.Json().at("response").is_null());
  EXPECT_EQ(page.Json().at("questionnaire").at("sections").as_array().size(), 1u);
  // A browser gets the page.
  Reply html = Call(bhttp::verb::get, "/s/" + a, "", "", "text/html,application/xhtml+xml");
  EXPECT_EQ(html.status, 200u);
  EXPECT_NE(std::string(html.headers[bhttp::field::content_type]).find("text/html"), std::string::npos);
  // Incomplete: the question is named.
  Reply incomplete = Answer(a, R"({"q1":4,"q3":"no"})");
  EXPECT_EQ(incomplete.status, 422u) << incomplete.body;
  EXPECT_NE(incomplete.body.find("answers.q2"), std::string::npos) << incomplete.body;
  // q4 is asked only when q3 is yes: dropped.
  Reply first = Answer(a, R"({"q1":5,"q2":5,"q3":"no","q4":["credit"],"q5":12})", "", std::to_string(campaign));
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_FALSE(first.Json().at("updated").as_bool());
  Reply again = Call(bhttp::verb::get, "/s/" + a, "");
  ASSERT_EQ(again.status, 200u);
  const json::object& answers = again.Json().at("response").at("answers").as_object();
  EXPECT_FALSE(answers.contains("q4"));
  EXPECT_EQ(answers.at("q1").as_int64(), 5);
  // Editing replaces.
  Reply edit = Answer(a, R"({"q1":5,"q2":5,"q3":"yes","q4":["credit","training"],"q5":12})");
  ASSERT_EQ(edit.status, 200u) << edit.body;
  EXPECT_TRUE(edit.Json().at("updated").as_bool());
  // Two responses: the national view shows them, the province's is withheld.
  ASSERT_EQ(Answer(b, R"({"q1":1,"q2":1,"q3":"no","q5":30})").status, 200u);
  std::string results = "/api/v1/survey-campaigns/" + std::to_string(campaign) + "/results";
  Reply national = Call(bhttp::verb::get, results, "nat");
  ASSERT_EQ(national.status, 200u) << national.body;
  EXPECT_EQ(national.Json().at("responses").as_int64(), 2);
  EXPECT_DOUBLE_EQ(national.Json().at("satisfaction_index").to_number<double>(), 50.0);
  ASSERT_EQ(national.Json().at("by_province").as_array().size(), 1u);
  EXPECT_TRUE(national.Json().at("by_province").at(0).at("withheld").as_bool());
  EXPECT_TRUE(national.Json().at("by_province").at(0).at("satisfaction_index").is_null());
  Reply province = Call(bhttp::verb::get, results, "po20");
  ASSERT_EQ(province.status, 200u) << province.body;
  EXPECT_TRUE(province.Json().at("satisfaction_index").is_null());
  EXPECT_TRUE(province.Json().at("questions").at(0).at("withheld").as_bool());
  // The third: figures for everyone.
  ASSERT_EQ(Answer(c, R"({"q1":3,"q2":4,"q3":"yes","q4":["market"],"q5":20,"q6":"Cần thêm vốn"})").status, 200u);
  province = Call(bhttp::verb::get, results, "po20");
  ASSERT_EQ(province.status, 200u);
  EXPECT_EQ(province.Json().at("responses").as_int64(), 3);
  EXPECT_EQ(province.Json().at("targets").as_int64(), 3);
  // (100 + 0 + 62.5) / 3
  EXPECT_DOUBLE_EQ(province.Json().at("satisfaction_index").to_number<double>(), 54.2);
  EXPECT_EQ(province.Json().at("satisfaction_responses").as_int64(), 3);
  const json::array& questions = province.Json().at("questions").as_array();
  ASSERT_EQ(questions.size(), 6u);
  EXPECT_FALSE(questions[0].at("withheld").as_bool());
  EXPECT_EQ(questions[0].at("distribution").at(4).at("count").as_int64(), 1);  // q1 = 5 once
  EXPECT_EQ(questions[3].at("answered").as_int64(), 2);                        // q4: the two "yes"
  EXPECT_EQ(questions[3].at("distribution").at(0).at("count").as_int64(), 1);  // credit
  EXPECT_EQ(questions[4].at("numbers").at("median").to_number<double>(), 20.0);
  EXPECT_EQ(questions[4].at("numbers").at("max").to_number<double>(), 30.0);
  EXPECT_EQ(questions[5].at("texts").as_int64(), 1);
  // Year on year.
  Reply yearly = Call(bhttp::verb::get, "/api/v1/surveys/satisfaction?form_id=thu_2026&province=20", "nat");
  ASSERT_EQ(yearly.status, 200u) << yearly.body;
  ASSERT_EQ(yearly.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(yearly.Json().at("items").at(0).at("year").as_int64(), 2026);
  EXPECT_DOUBLE_EQ(yearly.Json().at("items").at(0).at("index").to_number<double>(), 54.2);
  // The anonymised export: numbers, province, kind, year, the answers; no names or tokens.
  Reply exported = Call(bhttp::verb::get,
                        "/api/v1/survey-campaigns/" + std::to_string(campaign) + "/responses/export?format=csv", "nat");
  ASSERT_EQ(exported.status, 200u);
  EXPECT_EQ(exported.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(exported.body.find("credit training"), std::string::npos) << exported.body;
  EXPECT_EQ(exported.body.find("LS-A"), std::string::npos);
  EXPECT_EQ(exported.body.find(a), std::string::npos);
  // The audit of a response says who and when, never the answers.
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=survey_response", "adm");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  EXPECT_NE(audit.body.find("survey_response.update"), std::string::npos);
  EXPECT_EQ(audit.body.find("Cần thêm vốn"), std::string::npos);
  // The indicator: one campaign held in 2026 with 3 responses, counted for Lạng Sơn.
  indicators::Question q;
  q.definition = {"surveys.campaigns", "held", {{"form_id", "thu_2026"}}};
  q.from = Date::FromCivil(2026, 1, 1);
  q.to = Date::FromCivil(2026, 12, 31);
  q.province = "20";
  auto held = system_.system().indicators().Ask(q, auth::Principal::Cli("test"));
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->value, 1);
  q.definition.measure = "responses";
  auto responses = system_.system().indicators().Ask(q, auth::Principal::Cli("test"));
  ASSERT_TRUE(responses.ok());
  EXPECT_EQ(responses->value, 3);
  q.province = "01";
  auto elsewhere = system_.system().indicators().Ask(q, auth::Principal::Cli("test"));
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->value, 0);
}

TEST_F(SurveysTest, TheAnswerPageRefusesUnknownTokensOtherCampaignsAndClosedOrUnopenedCampaigns) {
  Registry();
  const int64_t survey = Survey();
  const int64_t open = Campaign(survey, "po20", 2026, "2026-06-01", "2026-12-31");
  const int64_t closed = Campaign(survey, "po20", 2025, "2025-11-01", "2025-12-15");
  const int64_t later = Campaign(survey, "po20", 2027, "2026-09-01", "2026-12-31");
  auto open_links = Links(open), closed_links = Links(closed), later_links = Links(later);
  ASSERT_EQ(open_links.size(), 3u);
  ASSERT_EQ(closed_links.size(), 3u);
  const std::string full = R"({"q1":4,"q2":4,"q3":"no"})";
  Reply unknown = Answer("AAAAAAAAAAAAAAAAAAAAAA", full);
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(Reason(unknown), "survey.token_unknown");
  EXPECT_EQ(Reason(Call(bhttp::verb::get, "/s/nope", "")), "survey.token_unknown");
  Reply other = Answer(closed_links[active_[0]], full, "", std::to_string(open));
  EXPECT_EQ(other.status, 404u);
  EXPECT_EQ(Reason(other), "survey.token_other_campaign");
  Reply gone = Answer(closed_links[active_[0]], full);
  EXPECT_EQ(gone.status, 410u) << gone.body;
  EXPECT_EQ(Reason(gone), "survey.campaign_closed");
  EXPECT_NE(gone.body.find("2025-12-15"), std::string::npos);
  Reply early = Answer(later_links[active_[0]], full);
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_EQ(Reason(early), "survey.campaign_not_open");
  // Closed early: refused from then on.
  ASSERT_EQ(Answer(open_links[active_[1]], full).status, 200u);
  Reply close = Call(bhttp::verb::post, "/api/v1/survey-campaigns/" + std::to_string(open) + "/close", "po20", "{}");
  ASSERT_EQ(close.status, 200u) << close.body;
  EXPECT_EQ(close.Json().at("status").as_string(), "closed");
  EXPECT_EQ(Answer(open_links[active_[1]], full).status, 410u);
  // The page still shows the answer received.
  Reply page = Call(bhttp::verb::get, "/s/" + open_links[active_[1]], "");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.Json().at("campaign").at("status").as_string(), "closed");
  EXPECT_FALSE(page.Json().at("response").at("received_at").as_string().empty());
}

TEST_F(SurveysTest, ACooperativeSeesItsOpenCampaignsAndAnswersSignedIn) {
  Registry();
  system_.AddUser("coop", "cooperative", "", active_[0]);
  const int64_t survey = Survey();
  const int64_t campaign = Campaign(survey, "po20", 2026, "2026-06-01", "2026-12-31");
  Campaign(survey, "po20", 2025, "2025-11-01", "2025-12-15");
  Reply mine = Call(bhttp::verb::get, "/api/v1/survey-campaigns/mine", "coop");
  ASSERT_EQ(mine.status, 200u) << mine.body;
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.Json().at("items").at(0).at("id").as_int64(), campaign);
  EXPECT_TRUE(mine.Json().at("items").at(0).at("responded_at").is_null());
  const std::string link(mine.Json().at("items").at(0).at("link").as_string());
  Reply answered = Call(bhttp::verb::post, link, "coop", R"({"answers":{"q1":2,"q2":3,"q3":"no"}})");
  ASSERT_EQ(answered.status, 200u) << answered.body;
  mine = Call(bhttp::verb::get, "/api/v1/survey-campaigns/mine", "coop");
  EXPECT_FALSE(mine.Json().at("items").at(0).at("responded_at").is_null());
  Reply targets = Call(bhttp::verb::get,
                       "/api/v1/survey-campaigns/" + std::to_string(campaign) + "/targets?responded=true", "po20");
  ASSERT_EQ(targets.status, 200u);
  ASSERT_EQ(targets.Json().at("total").as_int64(), 1);
  EXPECT_EQ(targets.Json().at("items").at(0).at("via").as_string(), "account");
  // From the web app the link opens in the browser that holds the cooperative's session: the page's
  // JSON carries the session's CSRF token, which a write with the cookie needs; a link opened
  // without an account gets none.
  Reply login =
      Call(bhttp::verb::post, "/api/v1/session", "", R"({"username":"coop","password":"Mật-khẩu-thử-nghiệm-1"})");
  ASSERT_EQ(login.status, 200u) << login.body;
  std::string set_cookie(login.headers[bhttp::field::set_cookie]);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf(login.Json().at("csrf_token").as_string());
  auto with_session = [&](bhttp::verb method, const std::string& body, const std::string& header_csrf) {
    bhttp::request<bhttp::string_body> req{method, link, 11};
    req.set(bhttp::field::accept, "application/json");
    req.set(bhttp::field::cookie, cookie);
    if (!header_csrf.empty()) req.set("X-CSRF-Token", header_csrf);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  };
  Reply page = with_session(bhttp::verb::get, "", "");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.Json().at("csrf_token").as_string(), csrf);
  EXPECT_FALSE(Call(bhttp::verb::get, link, "").Json().as_object().contains("csrf_token"));
  const std::string again = R"({"answers":{"q1":4,"q2":3,"q3":"no"}})";
  EXPECT_EQ(with_session(bhttp::verb::post, again, "").status, 403u);
  Reply edited = with_session(bhttp::verb::post, again, csrf);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_TRUE(edited.Json().at("updated").as_bool());
  // Not a cooperative: no "mine"; a cooperative reads no campaign.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/survey-campaigns/mine", "po20").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/survey-campaigns/" + std::to_string(campaign), "coop").status, 403u);
}

TEST_F(SurveysTest, TheDemoSurveysOfBacGiangLoadOnceWithResults) {
  std::vector<int64_t> coops;
  for (const char* code : {"BG-01", "BG-02", "BG-03", "BG-04", "BG-05", "BG-06", "BG-07"})
    coops.push_back(AddCooperative(code, "24"));
  const auth::Principal cli = auth::Principal::Cli("test");
  auto first = surveys::LoadDemoSurveys(system_.system().surveys(), cli);
  ASSERT_TRUE(first.ok()) << first.error().key;
  EXPECT_EQ(first->campaigns, 2);
  EXPECT_EQ(first->responses, 6 + 3);  // 2025: all but one in six; 2026: a third
  auto again = surveys::LoadDemoSurveys(system_.system().surveys(), cli);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->campaigns, 0);
  Reply list = Call(bhttp::verb::get, "/api/v1/survey-campaigns?province=24", "nat");
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.Json().at("total").as_int64(), 2);
  EXPECT_EQ(list.Json().at("items").at(0).at("status").as_string(), "scheduled");  // 2026 (the clock: June)
  EXPECT_EQ(list.Json().at("items").at(1).at("status").as_string(), "closed");     // 2025
  Reply yearly = Call(bhttp::verb::get, "/api/v1/surveys/satisfaction?form_id=bg_hailong&province=24", "nat");
  ASSERT_EQ(yearly.status, 200u) << yearly.body;
  ASSERT_EQ(yearly.Json().at("items").as_array().size(), 2u);
  EXPECT_FALSE(yearly.Json().at("items").at(0).at("index").is_null());
  EXPECT_FALSE(yearly.Json().at("items").at(1).at("withheld").as_bool());
}

// docs/perf.md: the results of a campaign with 2,000 targets and 1,500 responses of 12 questions,
// against reading the same responses with a plain SELECT. Run with --gtest_also_run_disabled_tests.
TEST_F(SurveysTest, DISABLED_ResultsOfFifteenHundredResponsesPerf) {
  const auth::Principal cli = auth::Principal::Cli("test");
  auto& entities = system_.system().entities();
  for (int i = 0; i < 2000; ++i) {
    domain::Entity e;
    e.name = "Hợp tác xã Hiệu năng " + std::to_string(i);
    e.registration_code = "PERF-" + std::to_string(i);
    e.province_code = i % 2 ? "20" : "01";
    e.founded_on = Date::FromCivil(2020, 1, 1);
    ASSERT_TRUE(entities.Create(cli, e).ok());
  }
  std::string questions;
  for (int k = 1; k <= 8; ++k) questions += Likert("l" + std::to_string(k), "Mức " + std::to_string(k), "Level") + ",";
  questions +=
      R"({"name":"yn","type":"yes_no","label":{"vi":"Có hỗ trợ?"},"required":true,"choices":[{"name":"yes","label":{"vi":"Có"}},{"name":"no","label":{"vi":"Không"}}]},)"
      R"({"name":"mu","type":"multiple","label":{"vi":"Hỗ trợ gì?"},"relevant":"${yn} = 'yes'","choices":[{"name":"a","label":{"vi":"A"}},{"name":"b","label":{"vi":"B"}},{"name":"c","label":{"vi":"C"}}]},)"
      R"({"name":"n","type":"integer","label":{"vi":"Số thành viên"}},{"name":"t","type":"long_text","label":{"vi":"Kiến nghị"}})";
  const int64_t survey = Created(Call(
      bhttp::verb::post, "/api/v1/surveys", "nat",
      R"({"form_id":"perf","title":{"vi":"Hiệu năng"},"sections":[{"name":"s","questions":[)" + questions + "]}]}"));
  const int64_t campaign = Campaign(survey, "nat", 2026, "2026-06-01", "2026-12-31", "{}");
  auto& svc = system_.system().surveys();
  auto targets = svc.Targets(cli, campaign, std::nullopt, 0, 100000);
  ASSERT_TRUE(targets.ok());
  ASSERT_EQ(targets->items.size(), 2000u);
  for (size_t i = 0; i < 1500; ++i) {
    surveys::Answers a;
    for (int k = 1; k <= 8; ++k) a["l" + std::to_string(k)] = static_cast<double>(1 + (i + k) % 5);
    a["yn"] = std::string(i % 2 ? "yes" : "no");
    if (i % 2) a["mu"] = std::vector<std::string>{"a", "c"};
    a["n"] = static_cast<double>(i % 70);
    a["t"] = std::string("Kiến nghị số ") + std::to_string(i);
    ASSERT_TRUE(svc.RecordResponse(cli, campaign, targets->items[i].target.entity_id, a, kNowMs).ok());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::vector<double> results_ms, select_ms;
  for (int run = 0; run < 9; ++run) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = svc.Results(cli, campaign, "");
    auto t1 = std::chrono::steady_clock::now();
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->responses, 1500);
    results_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    int64_t bytes = 0;
    t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(system_.system()
                    .db()
                    .Read([&](storage::Connection& conn) -> Status {
                      std::vector<storage::Value> params{storage::Int(campaign)};
                      return conn.Query("SELECT id, entity_id, answers FROM survey_responses WHERE campaign_id = $1",
                                        params, [&](const storage::RowView& row) -> Status {
                                          bytes += static_cast<int64_t>(row.GetText(2).size());
                                          return Ok();
                                        });
                    })
                    .ok());
    t1 = std::chrono::steady_clock::now();
    select_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::printf("[surveys perf] %s: results %.1f ms, plain SELECT %.1f ms (median of 9)\n",
              storage::BackendName(system_.system().db().backend()), median(results_ms), median(select_ms));
}

}  // namespace
}  // namespace hoptac

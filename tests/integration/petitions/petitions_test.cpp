// Petitions (src/petitions/README.md) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: a petition raised by a cooperative account, assigned, answered and closed
// by an officer with every step in the audit log; overdue petitions and the median days to
// answer in the statistics and the indicator source; scope (another cooperative's or another
// province's petition is 404, partners 403); moves the workflow does not allow (409); every bad
// input named by field; themes extended by national admins only; the public Q&A (public answers
// only, searched without diacritics); the CSV and XLSX export. The clock starts on 2026-06-30
// 10:00 (UTC+7) and is moved by the tests.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "base/log.h"
#include "indicators/indicators.h"
#include "io/format_detect.h"
#include "petitions/petition_demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

// 2026-06-30 10:00 in Vietnam.
constexpr int64_t kStartMs = 1782788400000;
constexpr int64_t kDayMs = 86'400'000;

class PetitionsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    now_ms_ = kStartMs;
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [this] { return now_ms_.load(); };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("adm", "national_admin");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
    coop_a_ = AddCooperative("LS-A", "20");
    coop_b_ = AddCooperative("LS-B", "20");
    coop_hn_ = AddCooperative("HN-C", "01");
    system_.AddUser("coop_a", "cooperative", "", coop_a_);
    system_.AddUser("coop_b", "cooperative", "", coop_b_);
  }

  // Sets the clock to `iso` 10:00 in Vietnam.
  void On(const std::string& iso) {
    const Date d = *Date::ParseIso(iso);
    now_ms_ = int64_t{d.days()} * kDayMs + 3 * 3'600'000;
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  int64_t Created(const Reply& r) {
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  int64_t AddCooperative(const std::string& code, const std::string& province) {
    auto made = system_.system().entities().Create(auth::Principal::Cli("test"), [&] {
      domain::Entity e;
      e.kind = domain::EntityKind::kCooperative;
      e.name = "Hợp tác xã " + code;
      e.registration_code = code;
      e.province_code = province;
      e.founded_on = Date::FromCivil(2020, 1, 1);
      return e;
    }());
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->entity.id : 0;
  }

  int64_t UserId(const std::string& name) {
    auto user = system_.system().accounts().FindUser(auth::Principal::Cli("test"), name);
    return user.ok() ? user->id : 0;
  }

  // An officer's petition of entity A (province 20).
  int64_t Petition(const std::string& theme, const std::string& raised_on, const std::string& content = "Nội dung") {
    return Created(Call(bhttp::verb::post, "/api/v1/petitions", "po20",
                        R"({"entity_ids":[)" + std::to_string(coop_a_) + R"(],"theme":")" + theme + R"(","content":")" +
                            content + R"(","raised_on":")" + raised_on + R"("})"));
  }
  std::string Path(int64_t id, const std::string& step = "") {
    return "/api/v1/petitions/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }

  std::atomic<int64_t> now_ms_{kStartMs};
  int64_t coop_a_ = 0, coop_b_ = 0, coop_hn_ = 0;
};

TEST_F(PetitionsTest, ACooperativesPetitionIsAssignedAnsweredAndClosedWithEveryStepAudited) {
  Reply made = Call(bhttp::verb::post, "/api/v1/petitions", "coop_a",
                    R"({"theme":"land","content":"Thiếu mặt bằng để mở rộng sản xuất","addressed_to":"UBND tỉnh"})");
  const int64_t id = Created(made);
  ASSERT_GT(id, 0);
  const json::value& p = made.Json();
  EXPECT_EQ(p.at("code"), "KN-2026-0001");
  EXPECT_EQ(p.at("source"), "cooperative");
  EXPECT_EQ(p.at("province"), "20");
  EXPECT_EQ(p.at("province_name"), "Lạng Sơn");
  EXPECT_EQ(p.at("raised_on"), "2026-06-30");
  EXPECT_EQ(p.at("status"), "received");
  EXPECT_EQ(p.at("entity_ids").as_array().size(), 1u);
  EXPECT_EQ(p.at("entities").at(0).at("name"), "Hợp tác xã LS-A");
  EXPECT_EQ(p.at("addressed_to").at("kind"), "other");
  EXPECT_EQ(p.at("addressed_to").at("name"), "UBND tỉnh");
  EXPECT_EQ(p.at("may").at("assign"), false);

  // The cooperative cannot take a step; the officer assigns it to themself (due in 30 days).
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "assign"), "coop_a", R"({"agency":"Sở"})").status, 403u);
  On("2026-07-01");
  Reply assigned =
      Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"assignee":)" + std::to_string(UserId("po20")) + "}");
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  EXPECT_EQ(assigned.Json().at("status"), "assigned");
  EXPECT_EQ(assigned.Json().at("assignee").at("username"), "po20");
  EXPECT_EQ(assigned.Json().at("assigned_on"), "2026-07-01");
  EXPECT_EQ(assigned.Json().at("due_on"), "2026-07-31");
  On("2026-07-11");
  Reply answered = Call(bhttp::verb::post, Path(id, "answer"), "po20",
                        R"({"text":"Tỉnh sẽ bố trí quỹ đất cho HTX trong quy hoạch 2026","public":true})");
  ASSERT_EQ(answered.status, 200u) << answered.body;
  EXPECT_EQ(answered.Json().at("status"), "answered");
  EXPECT_EQ(answered.Json().at("answer").at("on_time"), true);
  EXPECT_EQ(answered.Json().at("answer").at("by").at("username"), "po20");
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "close"), "coop_a", "{}").status, 403u);
  Reply closed = Call(bhttp::verb::post, Path(id, "close"), "po20", "{}");
  ASSERT_EQ(closed.status, 200u) << closed.body;
  EXPECT_EQ(closed.Json().at("status"), "closed");
  EXPECT_FALSE(closed.Json().at("closed_at").is_null());

  // The cooperative reads its petition with the answer and the steps.
  Reply mine = Call(bhttp::verb::get, Path(id), "coop_a");
  ASSERT_EQ(mine.status, 200u);
  EXPECT_EQ(mine.Json().at("answer").at("text"), "Tỉnh sẽ bố trí quỹ đất cho HTX trong quy hoạch 2026");
  std::vector<std::string> steps;
  for (const json::value& s : mine.Json().at("steps").as_array()) steps.emplace_back(s.at("step").as_string());
  EXPECT_EQ(steps, (std::vector<std::string>{"received", "assigned", "answered", "closed"}));
  EXPECT_EQ(mine.Json().at("steps").at(0).at("by"), "coop_a");
  Reply list = Call(bhttp::verb::get, "/api/v1/petitions", "coop_a");
  EXPECT_EQ(list.Json().at("total"), 1);

  // Every step in the audit log, named by the petition's code.
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=petition:" + std::to_string(id), "adm");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  std::vector<std::string> actions;
  for (const json::value& row : audit.Json().at("items").as_array()) {
    actions.emplace_back(row.at("action").as_string());
    EXPECT_EQ(row.at("object_name"), "KN-2026-0001");
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"petition.close", "petition.answer", "petition.assign", "petition.create"}));
  EXPECT_EQ(audit.Json().at("items").at(0).at("after").at("status"), "closed");
  EXPECT_EQ(audit.Json().at("items").at(0).at("before").at("status"), "answered");
}

TEST_F(PetitionsTest, OverduePetitionsAndTheMedianDaysToAnswerShowInTheStatistics) {
  On("2026-04-01");
  const int64_t late = Petition("land", "2026-04-01");
  const int64_t quick = Petition("land", "2026-04-01");
  const int64_t slower = Petition("credit", "2026-04-01");
  On("2026-04-02");
  ASSERT_EQ(
      Call(bhttp::verb::post, Path(late, "assign"), "po20", R"({"agency":"Sở Nông nghiệp và Môi trường"})").status,
      200u);
  ASSERT_EQ(
      Call(bhttp::verb::post, Path(slower, "assign"), "po20", R"({"agency":"Ngân hàng","due_on":"2026-04-10"})").status,
      200u);
  On("2026-04-11");
  ASSERT_EQ(Call(bhttp::verb::post, Path(quick, "answer"), "po20", R"({"text":"Đã trả lời"})").status, 200u);
  On("2026-04-21");
  Reply slow = Call(bhttp::verb::post, Path(slower, "answer"), "po20", R"({"text":"Trả lời muộn"})");
  ASSERT_EQ(slow.status, 200u);
  EXPECT_EQ(slow.Json().at("answer").at("on_time"), false);
  On("2026-06-30");
  Petition("market", "2025-05-01");  // last year's

  Reply one = Call(bhttp::verb::get, Path(late), "po20");
  EXPECT_EQ(one.Json().at("due_on"), "2026-05-02");
  EXPECT_EQ(one.Json().at("overdue"), true);
  EXPECT_EQ(one.Json().at("days_overdue"), 59);
  Reply overdue = Call(bhttp::verb::get, "/api/v1/petitions?overdue=true", "po20");
  ASSERT_EQ(overdue.status, 200u) << overdue.body;
  EXPECT_EQ(overdue.Json().at("total"), 1);
  EXPECT_EQ(overdue.Json().at("items").at(0).at("id"), late);

  Reply stats = Call(bhttp::verb::get, "/api/v1/petitions/stats?from=2026-01-01&to=2026-12-31", "po20");
  ASSERT_EQ(stats.status, 200u) << stats.body;
  const json::value& s = stats.Json();
  EXPECT_EQ(s.at("total"), 3);
  EXPECT_EQ(s.at("overdue"), 1);
  EXPECT_EQ(s.at("answered"), 2);
  EXPECT_EQ(s.at("answered_on_time"), 1);
  EXPECT_EQ(s.at("median_days_to_answer").to_number<double>(), 15.0);
  EXPECT_EQ(s.at("by_theme").at(0).at("theme"), "land");
  EXPECT_EQ(s.at("by_theme").at(0).at("count"), 2);
  EXPECT_EQ(s.at("by_theme").at(0).at("overdue"), 1);
  EXPECT_EQ(s.at("by_province").at(0).at("name"), "Lạng Sơn");
  EXPECT_EQ(s.at("by_province").at(0).at("median_days_to_answer").to_number<double>(), 15.0);
  EXPECT_EQ(s.at("by_month").at(0).at("month"), "2026-04");
  std::map<std::string, int64_t> by_status;
  for (const json::value& x : s.at("by_status").as_array())
    by_status[std::string(x.at("status").as_string())] = x.at("count").as_int64();
  EXPECT_EQ(by_status,
            (std::map<std::string, int64_t>{{"received", 0}, {"assigned", 1}, {"answered", 2}, {"closed", 0}}));
  const json::value& yoy = s.at("themes_year_on_year");
  EXPECT_EQ(yoy.at("year"), 2026);
  std::map<std::string, std::pair<int64_t, int64_t>> years;
  for (const json::value& x : yoy.at("items").as_array())
    years[std::string(x.at("theme").as_string())] = {x.at("this_year").as_int64(), x.at("last_year").as_int64()};
  EXPECT_EQ(years["land"], (std::pair<int64_t, int64_t>{2, 0}));
  EXPECT_EQ(years["market"], (std::pair<int64_t, int64_t>{0, 1}));
  // Another province's officer counts none of them.
  Reply other = Call(bhttp::verb::get, "/api/v1/petitions/stats", "po01");
  EXPECT_EQ(other.Json().at("total"), 0);

  // The indicator source counts the same (a report's prefill, a programme's target).
  indicators::Question q;
  q.from = Date::FromCivil(2026, 1, 1);
  q.to = Date::FromCivil(2026, 6, 30);
  q.province = "20";
  std::map<std::string, int64_t> measured;
  for (const char* measure : {"count", "answered", "answered_on_time", "overdue"}) {
    q.definition = {"petitions.petitions", measure, {}};
    auto a = system_.system().indicators().Ask(q, auth::Principal::Cli("test"));
    ASSERT_TRUE(a.ok()) << measure << ": " << (a.ok() ? "" : a.error().key);
    measured[measure] = a->value;
  }
  EXPECT_EQ(measured,
            (std::map<std::string, int64_t>{{"count", 3}, {"answered", 2}, {"answered_on_time", 1}, {"overdue", 1}}));
  q.definition = {"petitions.petitions", "count", {{"theme", "land"}}};
  EXPECT_EQ(system_.system().indicators().Ask(q, auth::Principal::Cli("test"))->value, 2);
  q.definition = {"petitions.petitions", "count", {{"theme", "nope"}}};
  EXPECT_FALSE(system_.system().indicators().Ask(q, auth::Principal::Cli("test")).ok());

  // The province's periodic report counts them: three fields of its section "Đánh giá, kiến nghị"
  // (migration 0020) prefill from the source.
  Reply form = Call(bhttp::verb::get, "/api/v1/report-forms/province_development", "adm");
  ASSERT_EQ(form.status, 200u) << form.body;
  EXPECT_EQ(form.Json().at("version").as_int64(), 1);
  EXPECT_NE(form.body.find(R"("code":"petitions_overdue")"), std::string::npos) << form.body;
  Reply report = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                      R"({"form":"province_development","period":"2026S1","province":"20"})");
  ASSERT_EQ(report.status, 201u) << report.body;
  const json::object& prefill = report.Json().at("prefill").as_object();
  EXPECT_EQ(prefill.at("petitions_received").at("value").as_int64(), 3) << report.body;
  EXPECT_EQ(prefill.at("petitions_answered").at("value").as_int64(), 2);
  EXPECT_EQ(prefill.at("petitions_overdue").at("value").as_int64(), 1);
}

// A province officer assigns to a colleague without reading the accounts list (administrators only):
// the assignees are the province's officials, then the national ones.
TEST_F(PetitionsTest, OfficersSeeWhoAPetitionMayBeAssignedTo) {
  auto names = [](const Reply& r) {
    std::vector<std::string> out;
    for (const auto& item : r.Json().at("items").as_array())
      out.push_back(std::string(item.at("username").as_string()));
    return out;
  };
  Reply own = Call(bhttp::verb::get, "/api/v1/petitions/assignees?province=20", "po20");
  ASSERT_EQ(own.status, 200u) << own.body;
  EXPECT_EQ(names(own), (std::vector<std::string>{"po20", "adm", "nat"}));
  // Without a province, a province account gets its own province's.
  EXPECT_EQ(names(Call(bhttp::verb::get, "/api/v1/petitions/assignees", "po20")), names(own));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/assignees?province=01", "po20").status, 403u);
  EXPECT_EQ(names(Call(bhttp::verb::get, "/api/v1/petitions/assignees?province=01", "nat")),
            (std::vector<std::string>{"po01", "adm", "nat"}));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/assignees?province=20", "coop_a").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/assignees?province=20", "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/assignees?nope=1", "po20").status, 400u);
}

TEST_F(PetitionsTest, ScopeHidesAnotherCooperativesAndAnotherProvincesPetitions) {
  const int64_t mine = Created(Call(bhttp::verb::post, "/api/v1/petitions", "coop_a",
                                    R"({"theme":"market","content":"Khó tiêu thụ sản phẩm"})"));
  const int64_t officer = Petition("land", "2026-06-01");
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "coop_b").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "coop_b").Json().at("error").at("reason"), "petition_not_found");
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "po20").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "nat").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(mine), "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions", "partner1").status, 403u);
  // coop_a sees both (the officer's names its entity too); coop_b none.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions", "coop_a").Json().at("total"), 2);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions", "coop_b").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions", "po01").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::post, Path(officer, "assign"), "po01", R"({"agency":"Sở"})").status, 404u);
  // A cooperative raises petitions of its own entity only.
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/petitions", "coop_a",
                 R"({"entity_ids":[)" + std::to_string(coop_b_) + R"(],"theme":"land","content":"x"})")
                .status,
            403u);
  // A province officer records petitions of their province only.
  Reply elsewhere =
      Call(bhttp::verb::post, "/api/v1/petitions", "po20", R"({"province":"01","theme":"land","content":"Kiến nghị"})");
  EXPECT_EQ(elsewhere.status, 403u) << elsewhere.body;
}

TEST_F(PetitionsTest, MovesTheWorkflowDoesNotAllowAre409AndReopenNeedsAReason) {
  const int64_t id = Petition("policy", "2026-06-01");
  Reply close = Call(bhttp::verb::post, Path(id, "close"), "po20", "{}");
  ASSERT_EQ(close.status, 409u) << close.body;
  EXPECT_EQ(close.Json().at("error").at("reason"), "petition.step_not_allowed");
  EXPECT_EQ(close.Json().at("error").at("fields").at(0).at("code"), "received");
  EXPECT_EQ(close.Json().at("error").at("fields").at(0).at("message"), "Received");
  EXPECT_EQ(close.Json().at("error").at("fields").at(1).at("code"), "closed");
  Reply vi = Call(bhttp::verb::post, Path(id, "reopen"), "po20", R"({"reason":"Chưa rõ"})", "vi");
  ASSERT_EQ(vi.status, 409u);
  EXPECT_EQ(vi.Json().at("error").at("fields").at(0).at("message"), "Đã tiếp nhận");
  EXPECT_EQ(vi.Json().at("error").at("fields").at(1).at("message"), "mở lại");
  // Answered straight from received: the answerer takes it.
  Reply answered = Call(bhttp::verb::post, Path(id, "answer"), "po20", R"({"text":"Đã hướng dẫn"})");
  ASSERT_EQ(answered.status, 200u) << answered.body;
  EXPECT_EQ(answered.Json().at("assignee").at("username"), "po20");
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"agency":"Sở"})").status, 409u);
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "po20", R"({"content":"Sửa"})").status, 409u);
  Reply no_reason = Call(bhttp::verb::post, Path(id, "reopen"), "po20", R"({"reason":"  "})");
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_EQ(no_reason.Json().at("error").at("fields").at(0).at("field"), "reason");
  Reply reopened = Call(bhttp::verb::post, Path(id, "reopen"), "po20", R"({"reason":"HTX chưa nhận được hướng dẫn"})");
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(reopened.Json().at("status"), "assigned");
  EXPECT_EQ(reopened.Json().at("due_on"), "2026-07-30");
  EXPECT_EQ(reopened.Json().at("reopen_reason"), "HTX chưa nhận được hướng dẫn");
  EXPECT_TRUE(reopened.Json().at("answer").is_null());
  EXPECT_EQ(reopened.Json().at("steps").as_array().back().at("step"), "reopened");
  // Assignment: the due date not before the day, an active official of the province.
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"agency":"Sở","due_on":"2026-06-01"})")
                .Json()
                .at("error")
                .at("fields")
                .at(0)
                .at("field"),
            "due_on");
  Reply wrong =
      Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"assignee":)" + std::to_string(UserId("po01")) + "}");
  ASSERT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.Json().at("error").at("fields").at(0).at("code"), "assignee_other_province");
  Reply coop =
      Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"assignee":)" + std::to_string(UserId("coop_a")) + "}");
  EXPECT_EQ(coop.Json().at("error").at("fields").at(0).at("code"), "invalid_assignee");
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "assign"), "po20", "{}").status, 400u);
  Reply national =
      Call(bhttp::verb::post, Path(id, "assign"), "po20", R"({"assignee":)" + std::to_string(UserId("nat")) + "}");
  EXPECT_EQ(national.status, 200u) << national.body;
}

TEST_F(PetitionsTest, EveryBadInputIsNamedByItsField) {
  auto fields = [](const Reply& r) {
    std::set<std::string> out;
    if (r.Json().is_object() && r.Json().as_object().contains("error"))
      for (const json::value& f : r.Json().at("error").at("fields").as_array())
        out.insert(std::string(f.at("code").as_string()) + "@" + std::string(f.at("field").as_string()));
    return out;
  };
  Reply bad = Call(bhttp::verb::post, "/api/v1/petitions", "po20",
                   R"({"entity_ids":[)" + std::to_string(coop_hn_) +
                       R"(],"theme":"weather","content":"  ","raised_on":"2026-07-15"})");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  EXPECT_EQ(fields(bad), (std::set<std::string>{"invalid_enum@theme", "required@content", "in_future@raised_on",
                                                "entity_other_province@entity_ids[0]"}));
  Reply unknown_activity = Call(bhttp::verb::post, "/api/v1/petitions", "po20",
                                R"({"activity_id":999,"theme":"land","content":"Kiến nghị"})");
  EXPECT_EQ(fields(unknown_activity), (std::set<std::string>{"unknown_activity@activity_id"}));
  Reply types = Call(bhttp::verb::post, "/api/v1/petitions", "po20", R"({"theme":5,"content":"x","extra":1})");
  EXPECT_EQ(types.status, 400u);
  Reply vi = Call(bhttp::verb::post, "/api/v1/petitions", "po20",
                  R"({"theme":"land","content":"x","raised_on":"2027-01-01"})", "vi");
  EXPECT_EQ(vi.Json().at("error").at("fields").at(0).at("message"),
            "Ngày kiến nghị 2027-01-01 chưa đến: không được là ngày trong tương lai.");
  // From an activity: its province and first day by default.
  const int64_t dialogue = Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
                                        R"({"type":"dialogue","title":"Đối thoại với 40 HTX","from":"2024-06-18",)"
                                        R"("province":"20"})"));
  Reply from_activity = Call(bhttp::verb::post, "/api/v1/petitions", "nat",
                             R"({"activity_id":)" + std::to_string(dialogue) +
                                 R"(,"theme":"technology","content":"Chậm ứng dụng công nghệ"})");
  ASSERT_EQ(from_activity.status, 201u) << from_activity.body;
  EXPECT_EQ(from_activity.Json().at("raised_on"), "2024-06-18");
  EXPECT_EQ(from_activity.Json().at("province"), "20");
  EXPECT_EQ(from_activity.Json().at("code"), "KN-2024-0001");
  EXPECT_EQ(from_activity.Json().at("activity").at("title"), "Đối thoại với 40 HTX");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions?activity=" + std::to_string(dialogue), "po20").Json().at("total"),
            1);
}

TEST_F(PetitionsTest, NationalAdminsExtendTheThemes) {
  Reply themes = Call(bhttp::verb::get, "/api/v1/petition-themes", "");
  ASSERT_EQ(themes.status, 200u);
  ASSERT_EQ(themes.Json().at("items").as_array().size(), 9u);
  EXPECT_EQ(themes.Json().at("items").at(0).at("code"), "land");
  EXPECT_EQ(themes.Json().at("items").at(0).at("name_vi"), "Đất đai");
  const std::string body = R"({"code":"digital","name_vi":"Chuyển đổi số","name_en":"Digital transformation"})";
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/petition-themes", "po20", body).status, 403u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/petition-themes", "nat", body).status, 403u);
  Reply made = Call(bhttp::verb::post, "/api/v1/petition-themes", "adm", body);
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(made.Json().at("builtin"), false);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/petition-themes", "adm", body).status, 400u);
  EXPECT_EQ(
      Call(bhttp::verb::post, "/api/v1/petition-themes", "adm", R"({"code":"Bad Code","name_vi":"x","name_en":"x"})")
          .status,
      400u);
  EXPECT_GT(Petition("digital", "2026-06-01"), 0);
  ASSERT_EQ(Call(bhttp::verb::patch, "/api/v1/petition-themes/digital", "adm", R"({"active":false})").status, 200u);
  Reply inactive = Call(bhttp::verb::post, "/api/v1/petitions", "po20", R"({"theme":"digital","content":"x"})");
  EXPECT_EQ(inactive.status, 400u);
  EXPECT_EQ(Call(bhttp::verb::patch, "/api/v1/petition-themes/nope", "adm", R"({"active":false})").status, 404u);
}

TEST_F(PetitionsTest, ThePublicAnswersAreSearchedWithoutDiacritics) {
  const int64_t land = Petition("land", "2026-05-01", "Thiếu đất sản xuất cho HTX");
  const int64_t quiet = Petition("land", "2026-05-02", "Thiếu đất làm kho");
  const int64_t open = Petition("credit", "2026-05-03", "Vay vốn khó");
  ASSERT_EQ(
      Call(bhttp::verb::post, Path(land, "answer"), "po20", R"({"text":"Tỉnh bố trí quỹ đất","public":true})").status,
      200u);
  ASSERT_EQ(Call(bhttp::verb::post, Path(quiet, "answer"), "po20", R"({"text":"Đã trả lời riêng"})").status, 200u);
  (void)open;
  Reply all = Call(bhttp::verb::get, "/api/v1/petitions/answers", "");
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(all.Json().at("total"), 1);
  const json::object& item = all.Json().at("items").at(0).as_object();
  EXPECT_EQ(item.at("id"), land);
  EXPECT_EQ(item.at("answer"), "Tỉnh bố trí quỹ đất");
  EXPECT_EQ(item.at("province_name"), "Lạng Sơn");
  EXPECT_FALSE(item.contains("entities"));
  EXPECT_EQ(all.body.find("LS-A"), std::string::npos);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/answers?q=thieu%20dat", "").Json().at("total"), 1);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/answers?q=QUY%20DAT", "").Json().at("total"), 1);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/answers?q=kho", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/answers?theme=credit", "").Json().at("total"), 0);
  // The list searches content and answers the same way.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions?q=thieu%20dat", "po20").Json().at("total"), 2);
}

TEST_F(PetitionsTest, TheExportWritesWhatTheListShowsInCsvAndXlsx) {
  const int64_t id = Petition("land", "2026-05-01", "=Thiếu đất sản xuất");
  ASSERT_EQ(Call(bhttp::verb::post, Path(id, "answer"), "po20", R"({"text":"Đã bố trí","public":true})").status, 200u);
  Petition("market", "2026-05-02", "Quảng bá yếu");
  Reply csv = Call(bhttp::verb::get, "/api/v1/petitions/export?format=csv&theme=land", "po20");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  ASSERT_GE(csv.body.size(), 3u);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Mã kiến nghị,Ngày kiến nghị,Tỉnh,Chủ đề,Nội dung"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("KN-2026-0001,01/05/2026,Lạng Sơn,Đất đai,'=Thiếu đất sản xuất"), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("Đã trả lời"), std::string::npos);
  EXPECT_EQ(csv.body.find("Quảng bá yếu"), std::string::npos);
  Reply xlsx = Call(bhttp::verb::get, "/api/v1/petitions/export?format=xlsx", "po20");
  ASSERT_EQ(xlsx.status, 200u);
  auto table = io::OpenTableFromBytes(xlsx.body);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)->header().at(0), "Mã kiến nghị");
  std::vector<std::string> cells;
  int row = 0, rows = 0;
  std::set<std::string> codes;
  while (true) {
    auto more = (*table)->Next(cells, row);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    ++rows;
    codes.insert(cells.at(0));
    if (cells.at(0) == "KN-2026-0001") {
      EXPECT_EQ(cells.at(1), "2026-05-01");
    }
  }
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(codes, (std::set<std::string>{"KN-2026-0001", "KN-2026-0002"}));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/export?format=pdf", "po20").status, 400u);
  // Another province's officer exports none.
  Reply other = Call(bhttp::verb::get, "/api/v1/petitions/export?format=csv", "po01");
  EXPECT_EQ(other.body.find("KN-2026"), std::string::npos);
}

TEST_F(PetitionsTest, PetitionsRaisedAtOnceGetDistinctCodes) {
  std::vector<std::thread> threads;
  std::vector<std::string> codes(8);
  for (size_t i = 0; i < codes.size(); ++i)
    threads.emplace_back([&, i] {
      petitions::PetitionInput in;
      in.province = "20";
      in.theme = "other";
      in.content = "Kiến nghị " + std::to_string(i);
      auto made = system_.system().petitions().Create(auth::Principal::Cli("test"), in);
      codes[i] = made.ok() ? made->code : made.error().key + " " + made.error().detail;
    });
  for (std::thread& t : threads) t.join();
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), codes.size());
  for (const std::string& code : codes) EXPECT_TRUE(code.starts_with("KN-2026-")) << code;
  EXPECT_EQ(*distinct.rbegin(), "KN-2026-0008");
}

TEST_F(PetitionsTest, TheDemoPetitionsLoadOnceInEveryState) {
  auto& petitions = system_.system().petitions();
  auto first = petitions::LoadDemoPetitions(petitions, system_.system().entities(), auth::Principal::Cli("demo"), 0);
  ASSERT_TRUE(first.ok()) << first.error().key;
  EXPECT_EQ(*first, 8);
  auto again = petitions::LoadDemoPetitions(petitions, system_.system().entities(), auth::Principal::Cli("demo"), 0);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  Reply stats = Call(bhttp::verb::get, "/api/v1/petitions/stats", "nat");
  ASSERT_EQ(stats.status, 200u) << stats.body;
  EXPECT_EQ(stats.Json().at("total"), 8);
  EXPECT_EQ(stats.Json().at("overdue"), 2);  // Lạng Sơn's land petition, Hồ Chí Minh City's
  std::map<std::string, int64_t> by_status;
  for (const json::value& x : stats.Json().at("by_status").as_array())
    by_status[std::string(x.at("status").as_string())] = x.at("count").as_int64();
  EXPECT_EQ(by_status,
            (std::map<std::string, int64_t>{{"received", 2}, {"assigned", 3}, {"answered", 1}, {"closed", 2}}));
  Reply lang_son = Call(bhttp::verb::get, "/api/v1/petitions?province=20&theme=land", "po20");
  ASSERT_EQ(lang_son.Json().at("total"), 1);
  EXPECT_EQ(lang_son.Json().at("items").at(0).at("overdue"), true);
  EXPECT_EQ(lang_son.Json().at("items").at(0).at("code"), "KN-2024-0001");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/petitions/answers", "").Json().at("total"), 3);
  Reply audit = Call(
      bhttp::verb::get,
      "/api/v1/audit?object=petition:" + std::to_string(lang_son.Json().at("items").at(0).at("id").as_int64()), "adm");
  EXPECT_EQ(audit.Json().at("items").at(0).at("action"), "petition.create");
}

}  // namespace
}  // namespace hoptac

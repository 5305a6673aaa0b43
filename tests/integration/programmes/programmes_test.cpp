// Programmes and their targets (src/programmes/README.md) through the real server, on the backend
// named by HOPTAC_TEST_BACKEND: a province programme's target counted live from the registry (the
// count equals the registry list's total and moves when a cooperative is added), yearly targets per
// year, manual values, scope (another province's programme is 404), every bad input named by field
// in Vietnamese and English, and the audit rows. The clock is fixed on 2026-06-30 (UTC+7).
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/log.h"
#include "programmes/programme_demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

// 2026-06-30 10:00 in Vietnam.
constexpr int64_t kNowMs = 1782788400000;

class ProgrammesTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [] { return kNowMs; };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
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

  // A cooperative of Lạng Sơn (20) founded on `founded`, youth or not.
  void AddCooperative(const std::string& code, const std::string& founded, bool youth) {
    Reply r = Call(bhttp::verb::post, "/api/v1/entities", "nat",
                   R"({"kind":"cooperative","name":"Hợp tác xã )" + code + R"(","registration_code":")" + code +
                       R"(","province_code":"20","founded_on":")" + founded + R"(","youth":)" +
                       (youth ? "true" : "false") + "}");
    ASSERT_EQ(r.status, 201u) << r.body;
  }

  int64_t CreateProgramme(const std::string& as, const std::string& body) {
    Reply r = Call(bhttp::verb::post, "/api/v1/programmes", as, body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static std::string YouthProgramme() {
    return R"({"code":"LS-TN-2023","title":"Chương trình phối hợp Tỉnh đoàn – Liên minh HTX tỉnh 2023–2025",)"
           R"("kind":"coordination_programme","from":"2023-01-01","to":"2025-12-31","signed_on":"2023-03-15",)"
           R"("legal_basis":[{"number":"20-NQ/TW","date":"2022-06-16","issuer":"Ban Chấp hành Trung ương",)"
           R"("title":"Nghị quyết về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể"}],)"
           R"("contents":[{"number":1,"text":"Tuyên truyền"},{"number":2,"text":"Mỗi năm ít nhất một lớp"},)"
           R"({"number":3,"text":"Thành lập ít nhất 6 HTX thanh niên đến năm 2025"}],"review":["year","end_of_phase"]})";
  }

  static constexpr const char* kYouthTarget =
      R"({"content":3,"title":"Ít nhất 6 HTX thanh niên thành lập mới","deadline":"2025-12-31","cadence":"once",)"
      R"("target":6,"measure":{"source":"entities","filters":{"kind":"cooperative","youth":true,)"
      R"("founded_from":"2023-01-01","founded_to":"2025-12-31"}}})";
};

TEST_F(ProgrammesTest, AYouthTargetCountsTheRegistryLiveAndMovesWithANewCooperative) {
  AddCooperative("LS-Y1", "2023-04-02", true);
  AddCooperative("LS-Y2", "2024-09-10", true);
  AddCooperative("LS-N1", "2024-02-01", false);  // not youth
  AddCooperative("LS-Y0", "2019-05-05", true);   // founded before the window
  const int64_t id = CreateProgramme("po20", YouthProgramme());
  ASSERT_GT(id, 0);
  Reply made = Call(bhttp::verb::post, "/api/v1/programmes/" + std::to_string(id) + "/targets", "po20", kYouthTarget);
  ASSERT_EQ(made.status, 201u) << made.body;
  const json::object& progress = made.Json().at("progress").as_object();
  EXPECT_EQ(progress.at("actual").as_int64(), 2) << made.body;
  EXPECT_EQ(progress.at("target").as_int64(), 6);
  EXPECT_EQ(std::string(progress.at("state").as_string()), "behind");  // the deadline has passed
  EXPECT_NE(std::string(progress.at("description").as_string()).find("province 20"), std::string::npos);

  // The same number as the registry's list with the same filters, as of the deadline.
  Reply list = Call(bhttp::verb::get,
                    "/api/v1/entities?kind=cooperative&youth=true&founded_from=2023-01-01&founded_to=2025-12-31&"
                    "province=20&as_of=2025-12-31&limit=1",
                    "po20");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.Json().at("total").as_int64(), 2) << list.body;

  // One more youth cooperative founded in the window moves the progress in the next call.
  AddCooperative("LS-Y3", "2025-06-01", true);
  Reply again = Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(id), "po20");
  ASSERT_EQ(again.status, 200u) << again.body;
  const json::array& targets = again.Json().at("targets").as_array();
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].at("progress").at("actual").as_int64(), 3);
  EXPECT_DOUBLE_EQ(targets[0].at("progress").at("share").as_double(), 0.5);
  EXPECT_EQ(again.Json().at("target_states").at("behind").as_int64(), 1);
  // The programme keeps what it was given.
  EXPECT_EQ(std::string(again.Json().at("province").as_string()), "20");
  EXPECT_EQ(again.Json().at("contents").as_array().size(), 3u);
  EXPECT_EQ(std::string(again.Json().at("legal_basis").at(0).at("number").as_string()), "20-NQ/TW");
  EXPECT_EQ(std::string(again.Json().at("signed_on").as_string()), "2023-03-15");
}

TEST_F(ProgrammesTest, AnotherProvincesOfficerGetsNotFoundAndPartnersSeeOnlyNationalProgrammes) {
  const int64_t id = CreateProgramme("po20", YouthProgramme());
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/programmes/" + std::to_string(id);
  EXPECT_EQ(Call(bhttp::verb::get, path, "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, path + "/targets", "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, path, "partner1").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, path, "nat").status, 200u);
  // Lists: po01 sees none of 20's; a national programme is everyone's.
  const int64_t national = CreateProgramme(
      "nat", R"({"code":"QD01-2023","title":"Kế hoạch thực hiện Quyết định 01/QĐ-TTg","kind":"plan",)"
             R"("from":"2023-01-03","to":"2030-12-31","legal_basis":[{"number":"01/QĐ-TTg","date":"2023-01-03",)"
             R"("issuer":"Thủ tướng Chính phủ"}]})");
  ASSERT_GT(national, 0);
  for (const char* who : {"po01", "partner1"}) {
    Reply list = Call(bhttp::verb::get, "/api/v1/programmes", who);
    ASSERT_EQ(list.status, 200u) << list.body;
    std::vector<int64_t> ids;
    for (const auto& p : list.Json().at("items").as_array()) ids.push_back(p.at("id").as_int64());
    // Its own province's and the national ones; never Lạng Sơn's.
    EXPECT_EQ(ids, std::vector<int64_t>{national}) << who;
    Reply national_list = Call(bhttp::verb::get, "/api/v1/programmes?province=national", who);
    ASSERT_EQ(national_list.status, 200u);
    ASSERT_EQ(national_list.Json().at("items").as_array().size(), 1u) << who;
    EXPECT_EQ(national_list.Json().at("items").at(0).at("id").as_int64(), national);
  }
  // A province officer reads the national plan but may not change it.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(national), "po01").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, "/api/v1/programmes/" + std::to_string(national), "po01", R"({"signatories":"x"})")
                .status,
            403u);
  // …nor create one for another province.
  Reply other =
      Call(bhttp::verb::post, "/api/v1/programmes", "po01",
           R"({"code":"X-1","title":"T","kind":"plan","from":"2024-01-01","to":"2024-12-31","province":"20"})");
  EXPECT_EQ(other.status, 403u) << other.body;
}

TEST_F(ProgrammesTest, YearlyTargetsAnswerPerYearAndManualValuesAreLevelsOnADate) {
  const int64_t id = CreateProgramme("po20", YouthProgramme());
  ASSERT_GT(id, 0);
  const std::string targets = "/api/v1/programmes/" + std::to_string(id) + "/targets";
  Reply made = Call(bhttp::verb::post, targets, "po20",
                    R"({"content":2,"title":"Mỗi năm ít nhất một lớp bồi dưỡng sáng lập viên","deadline":"2025-12-31",)"
                    R"("cadence":"yearly","target":1,"measure":{"source":"manual"}})");
  ASSERT_EQ(made.status, 201u) << made.body;
  const int64_t target = made.Json().at("id").as_int64();
  const std::string values = targets + "/" + std::to_string(target) + "/values";
  // 2023: one class (evidence given); 2024: none; 2025: two.
  Reply v1 = Call(bhttp::verb::post, values, "po20", R"({"on":"2023-10-20","value":1,"evidence":"QĐ mở lớp 12/QĐ"})");
  ASSERT_EQ(v1.status, 201u) << v1.body;
  Reply v2 = Call(bhttp::verb::post, values, "po20", R"({"on":"2025-11-02","value":2})");
  ASSERT_EQ(v2.status, 201u) << v2.body;
  const json::object& p = v2.Json().at("progress").as_object();
  const json::array& years = p.at("years").as_array();
  ASSERT_EQ(years.size(), 3u) << v2.body;
  EXPECT_EQ(years[0].at("year").as_int64(), 2023);
  EXPECT_EQ(std::string(years[0].at("state").as_string()), "achieved");
  EXPECT_EQ(years[1].at("actual").as_int64(), 0);
  EXPECT_EQ(std::string(years[1].at("state").as_string()), "behind");
  EXPECT_EQ(std::string(years[2].at("state").as_string()), "achieved");
  EXPECT_EQ(std::string(p.at("state").as_string()), "behind");  // 2024 missed
  EXPECT_EQ(p.at("target").as_int64(), 3);
  EXPECT_EQ(p.at("actual").as_int64(), 3);
  EXPECT_EQ(v2.Json().at("values").as_array().size(), 2u);
  EXPECT_EQ(std::string(v2.Json().at("values").at(0).at("evidence").as_string()), "QĐ mở lớp 12/QĐ");
  // Deleting the 2025 value leaves 2025 behind too.
  const int64_t value = v2.Json().at("values").at(1).at("id").as_int64();
  EXPECT_EQ(Call(bhttp::verb::delete_, values + "/" + std::to_string(value), "po20").status, 204u);
  Reply after = Call(bhttp::verb::get, targets + "/" + std::to_string(target), "po20");
  ASSERT_EQ(after.status, 200u);
  EXPECT_EQ(std::string(after.Json().at("progress").at("years").at(2).at("state").as_string()), "behind");
  // A value of a computed target, or in the future, is refused by field.
  Reply future = Call(bhttp::verb::post, values, "po20", R"({"on":"2026-07-15","value":1})");
  EXPECT_EQ(future.status, 400u);
  EXPECT_NE(future.body.find("\"on\""), std::string::npos) << future.body;
}

TEST_F(ProgrammesTest, BadInputIsNamedByFieldInBothLanguagesAndNothingIsWritten) {
  const int64_t id = CreateProgramme("po20", YouthProgramme());
  ASSERT_GT(id, 0);
  const std::string targets = "/api/v1/programmes/" + std::to_string(id) + "/targets";
  // Five problems at once: an unknown content, a deadline after the programme, a cadence, an
  // unknown filter and a province other than the programme's.
  const std::string bad =
      R"({"content":9,"title":"X","deadline":"2027-01-01","cadence":"monthly","target":6,"provinces":["01"],)"
      R"("measure":{"source":"entities","filters":{"colour":"red"}}})";
  Reply en = Call(bhttp::verb::post, targets, "po20", bad, "en");
  ASSERT_EQ(en.status, 400u) << en.body;
  for (const char* field : {"\"content\"", "\"deadline\"", "\"cadence\"", "\"provinces\""})
    EXPECT_NE(en.body.find(field), std::string::npos) << field << " in " << en.body;
  EXPECT_NE(en.body.find("outside the programme's period (2023-01-01 – 2025-12-31)"), std::string::npos) << en.body;
  Reply vi = Call(bhttp::verb::post, targets, "po20", bad, "vi");
  EXPECT_NE(vi.body.find("nằm ngoài thời gian của chương trình"), std::string::npos) << vi.body;
  // The filter is checked by the registry's own reader once the rest is right.
  Reply filter = Call(bhttp::verb::post, targets, "po20",
                      R"({"title":"X","deadline":"2025-12-31","target":1,"measure":{"source":"entities",)"
                      R"("filters":{"colour":"red"}}})");
  ASSERT_EQ(filter.status, 400u) << filter.body;
  EXPECT_NE(filter.body.find("measure.filters.colour"), std::string::npos) << filter.body;
  Reply source = Call(bhttp::verb::post, targets, "po20",
                      R"({"title":"X","deadline":"2025-12-31","target":1,"measure":{"source":"loans"}})");
  ASSERT_EQ(source.status, 400u);
  EXPECT_NE(source.body.find("measure.source"), std::string::npos) << source.body;
  Reply figures = Call(bhttp::verb::post, targets, "po20",
                       R"({"title":"X","deadline":"2025-12-31","target":1,"measure":{"source":"figures"}})");
  ASSERT_EQ(figures.status, 400u);
  EXPECT_NE(figures.body.find("measure.measure"), std::string::npos) << figures.body;
  // Nothing was written.
  Reply list = Call(bhttp::verb::get, targets, "po20");
  EXPECT_EQ(list.Json().at("items").as_array().size(), 0u);
  // Programmes: a duplicate code, dates reversed, an unknown kind, a duplicated content number.
  Reply dup = Call(bhttp::verb::post, "/api/v1/programmes", "po20",
                   R"({"code":"LS-TN-2023","title":"T","kind":"charter","from":"2025-01-01","to":"2024-01-01",)"
                   R"("contents":[{"number":1,"text":"a"},{"number":1,"text":"b"}]})");
  ASSERT_EQ(dup.status, 400u) << dup.body;
  for (const char* field : {"\"code\"", "\"kind\"", "\"from\"", "\"contents[1].number\""})
    EXPECT_NE(dup.body.find(field), std::string::npos) << field << " in " << dup.body;
  // A period of centuries (a typo) and content numbers out of range are refused by field.
  Reply centuries = Call(bhttp::verb::post, "/api/v1/programmes", "po20",
                         R"({"code":"T-3","title":"T","kind":"plan","from":"2025-01-01","to":"2205-12-31",)"
                         R"("contents":[{"number":4294967297,"text":"a"}]})");
  ASSERT_EQ(centuries.status, 400u) << centuries.body;
  EXPECT_NE(centuries.body.find("\"to\""), std::string::npos) << centuries.body;
  EXPECT_NE(centuries.body.find("contents[0].number"), std::string::npos) << centuries.body;
  Reply types =
      Call(bhttp::verb::post, "/api/v1/programmes", "po20",
           R"({"code":"T-2","title":"T","kind":"plan","from":"2025-13-01","to":"2025-12-31","contents":"x"})");
  ASSERT_EQ(types.status, 400u);
  EXPECT_NE(types.body.find("\"from\""), std::string::npos) << types.body;
  EXPECT_NE(types.body.find("\"contents\""), std::string::npos) << types.body;
  // Removing a content that a target names is refused, naming the target.
  Reply target = Call(bhttp::verb::post, targets, "po20", kYouthTarget);
  ASSERT_EQ(target.status, 201u) << target.body;
  Reply drop = Call(bhttp::verb::patch, "/api/v1/programmes/" + std::to_string(id), "po20",
                    R"({"contents":[{"number":1,"text":"Tuyên truyền"}]})");
  ASSERT_EQ(drop.status, 400u) << drop.body;
  EXPECT_NE(drop.body.find("Ít nhất 6 HTX thanh niên"), std::string::npos) << drop.body;
}

TEST_F(ProgrammesTest, PartnersAreLinkedAndEveryWriteIsAudited) {
  Reply partner = Call(bhttp::verb::post, "/api/v1/partners", "po20",
                       R"({"name":"Tỉnh đoàn Lạng Sơn","kind":"youth_union","contacts":[{"name":"Nguyễn Văn A",)"
                       R"("position":"Phó Bí thư","phone":"0205 3870 000","email":"tinhdoan@langson.gov.vn"}]})");
  ASSERT_EQ(partner.status, 201u) << partner.body;
  EXPECT_EQ(std::string(partner.Json().at("province").as_string()), "20");
  const int64_t partner_id = partner.Json().at("id").as_int64();
  Reply bad_mail = Call(bhttp::verb::post, "/api/v1/partners", "po20",
                        R"({"name":"X","kind":"youth_union","contacts":[{"name":"B","email":"not-an-address"}]})");
  ASSERT_EQ(bad_mail.status, 400u);
  EXPECT_NE(bad_mail.body.find("contacts[0].email"), std::string::npos) << bad_mail.body;
  std::string body = YouthProgramme();
  body.insert(body.size() - 1, R"(,"partners":[)" + std::to_string(partner_id) + "]");
  const int64_t id = CreateProgramme("po20", body);
  ASSERT_GT(id, 0);
  Reply got = Call(bhttp::verb::get, "/api/v1/partners/" + std::to_string(partner_id), "po20");
  ASSERT_EQ(got.status, 200u);
  ASSERT_EQ(got.Json().at("programmes").as_array().size(), 1u);
  EXPECT_EQ(got.Json().at("programmes").at(0).at("id").as_int64(), id);
  // A partner of province 20 is not another province's.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/partners/" + std::to_string(partner_id), "po01").status, 404u);
  Reply target = Call(bhttp::verb::post, "/api/v1/programmes/" + std::to_string(id) + "/targets", "po20", kYouthTarget);
  ASSERT_EQ(target.status, 201u);
  system_.AddUser("natadmin", "national_admin");
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?limit=50", "natadmin");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  std::set<std::string> actions;
  for (const auto& row : audit.Json().at("items").as_array()) actions.insert(std::string(row.at("action").as_string()));
  for (const char* action : {"partner.create", "programme.create", "programme.target_create"})
    EXPECT_TRUE(actions.count(action)) << action << " in " << audit.body.substr(0, 2000);
}

TEST_F(ProgrammesTest, EveryReaderSeesPartnerNamesButNoContactsAndMayWriteFollowsScope) {
  Reply partner = Call(bhttp::verb::post, "/api/v1/partners", "nat",
                       R"({"name":"Trung ương Đoàn TNCS Hồ Chí Minh","name_en":"Central Youth Union",)"
                       R"("short_name":"TW Đoàn","kind":"youth_union","contacts":[{"name":"Nguyễn Văn A",)"
                       R"("phone":"024 3943 0000","email":"a@doanthanhnien.vn"}]})");
  ASSERT_EQ(partner.status, 201u) << partner.body;
  const int64_t partner_id = partner.Json().at("id").as_int64();
  const int64_t national =
      CreateProgramme("nat", R"({"code":"QD01-2023","title":"Kế hoạch thực hiện Quyết định 01/QĐ-TTg","kind":"plan",)"
                             R"("from":"2023-01-03","to":"2030-12-31","status":"in_force","partners":[)" +
                                 std::to_string(partner_id) + "]}");
  ASSERT_GT(national, 0);
  const std::string path = "/api/v1/programmes/" + std::to_string(national);
  ASSERT_EQ(Call(bhttp::verb::post, path + "/targets", "nat",
                 R"({"title":"Giá trị nhập tay","deadline":"2030-12-31","target":10,"measure":{"source":"manual"}})")
                .status,
            201u);
  // The partner account may not open the directory but reads the names on the programme.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/partners/" + std::to_string(partner_id), "partner1").status, 403u);
  Reply read = Call(bhttp::verb::get, path, "partner1");
  ASSERT_EQ(read.status, 200u) << read.body;
  const auto& details = read.Json().at("partner_details").as_array();
  ASSERT_EQ(details.size(), 1u) << read.body;
  EXPECT_EQ(details.at(0).at("id").as_int64(), partner_id);
  EXPECT_EQ(std::string(details.at(0).at("name").as_string()), "Trung ương Đoàn TNCS Hồ Chí Minh");
  EXPECT_EQ(std::string(details.at(0).at("short_name").as_string()), "TW Đoàn");
  EXPECT_TRUE(details.at(0).at("province").is_null());
  EXPECT_FALSE(details.at(0).as_object().contains("contacts"));
  EXPECT_EQ(read.body.find("a@doanthanhnien.vn"), std::string::npos);
  EXPECT_EQ(read.body.find("024 3943 0000"), std::string::npos);
  EXPECT_FALSE(read.Json().at("may_write").as_bool());
  // may_write: national officer and the owner province's officer yes, another province's officer no.
  EXPECT_TRUE(Call(bhttp::verb::get, path, "nat").Json().at("may_write").as_bool());
  EXPECT_FALSE(Call(bhttp::verb::get, path, "po01").Json().at("may_write").as_bool());
  const int64_t own = CreateProgramme("po20", YouthProgramme());
  ASSERT_GT(own, 0);
  EXPECT_TRUE(
      Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(own), "po20").Json().at("may_write").as_bool());
  // List items carry may_write and the same target_states as the programme's own answer.
  Reply list = Call(bhttp::verb::get, "/api/v1/programmes", "po20");
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 2u) << list.body;
  for (const auto& item : list.Json().at("items").as_array()) {
    const int64_t id = item.at("id").as_int64();
    Reply full = Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(id), "po20");
    ASSERT_EQ(full.status, 200u);
    EXPECT_EQ(item.at("target_states"), full.Json().at("target_states"));
    EXPECT_EQ(item.at("may_write").as_bool(), id == own);
    EXPECT_FALSE(item.as_object().contains("targets"));
  }
  Reply partner_list = Call(bhttp::verb::get, "/api/v1/programmes", "partner1");
  ASSERT_EQ(partner_list.status, 200u);
  ASSERT_EQ(partner_list.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(partner_list.Json().at("items").at(0).at("target_states").at("not_started").as_int64() +
                partner_list.Json().at("items").at(0).at("target_states").at("on_track").as_int64() +
                partner_list.Json().at("items").at(0).at("target_states").at("behind").as_int64() +
                partner_list.Json().at("items").at(0).at("target_states").at("at_risk").as_int64() +
                partner_list.Json().at("items").at(0).at("target_states").at("achieved").as_int64() +
                partner_list.Json().at("items").at(0).at("target_states").at("unknown").as_int64(),
            1);
}

TEST_F(ProgrammesTest, TheDemoProgrammesLoadOnceAndEveryTargetIsMeasured) {
  AddCooperative("LS-DEMO", "2024-05-05", true);
  auto& service = system_.system().programmes();
  auto first = programmes::LoadDemoProgrammes(service, auth::Principal::Cli("test"));
  ASSERT_TRUE(first.ok()) << first.error().key;
  EXPECT_EQ(first->programmes, 2);
  EXPECT_EQ(first->targets, 12);
  auto again = programmes::LoadDemoProgrammes(service, auth::Principal::Cli("test"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->programmes, 0);  // idempotent
  Reply list = Call(bhttp::verb::get, "/api/v1/programmes", "nat");
  ASSERT_EQ(list.Json().at("items").as_array().size(), 2u) << list.body;
  for (const auto& item : list.Json().at("items").as_array()) {
    Reply full = Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(item.at("id").as_int64()), "nat");
    ASSERT_EQ(full.status, 200u) << full.body;
    // Every target's question is one the indicators answer: no filter or measure is misspelt.
    EXPECT_EQ(full.Json().at("target_states").at("unknown").as_int64(), 0) << full.body.substr(0, 3000);
    EXPECT_FALSE(full.Json().at("partners").as_array().empty());
    // The list item counts the same states as the programme's own answer.
    EXPECT_EQ(item.at("target_states"), full.Json().at("target_states")) << full.body.substr(0, 3000);
    EXPECT_EQ(item.at("partners").as_array().size(), full.Json().at("partner_details").as_array().size());
    EXPECT_TRUE(item.at("may_write").as_bool());
  }
}

}  // namespace
}  // namespace hoptac

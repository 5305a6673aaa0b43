// Activities and placements (src/activities/README.md) through the real server, on the backend
// named by HOPTAC_TEST_BACKEND: a yearly "at least one training class" target of a programme
// counted per year from the activities held (and moved by a new one), participant lists whose
// counts become the activity's, placements counted by a target, scope (another province's
// activity is 404, a national one read-only to a province, lists and placements hidden from
// partners), every bad input named by field in Vietnamese and English, and the audit rows. The
// clock is fixed on 2026-06-30 (UTC+7).
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>

#include "activities/activity_demo.h"
#include "base/log.h"
#include "programmes/programme_demo.h"
#include "support/attachment_files.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

// 2026-06-30 10:00 in Vietnam.
constexpr int64_t kNowMs = 1782788400000;

class ActivitiesTest : public testing::SystemTest {
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

  int64_t AddCooperative(const std::string& code, const std::string& province = "20") {
    return Created(Call(bhttp::verb::post, "/api/v1/entities", "nat",
                        R"({"kind":"cooperative","name":"Hợp tác xã )" + code + R"(","registration_code":")" + code +
                            R"(","province_code":")" + province + R"(","founded_on":"2020-01-01"})"));
  }

  // A Lạng Sơn (20) programme 2023–2026 whose content 2 is "a training class every year", with a
  // yearly target counting the training classes of this programme.
  int64_t Programme() {
    programme_ = Created(
        Call(bhttp::verb::post, "/api/v1/programmes", "po20",
             R"({"code":"LS-TN","title":"Chương trình phối hợp 2023–2026","kind":"coordination_programme",)"
             R"("from":"2023-01-01","to":"2026-12-31","contents":[{"number":1,"text":"Tuyên truyền"},)"
             R"({"number":2,"text":"Mỗi năm ít nhất một lớp bồi dưỡng"},{"number":3,"text":"Giới thiệu việc làm"}]})"));
    target_ = Created(Call(bhttp::verb::post, Programmes() + "/targets", "po20",
                           R"({"content":2,"title":"Ít nhất 1 lớp mỗi năm","deadline":"2026-12-31",)"
                           R"("cadence":"yearly","target":1,"measure":{"source":"activities",)"
                           R"("filters":{"type":"training","programme":")" +
                               std::to_string(programme_) + R"("}}})"));
    return programme_;
  }
  std::string Programmes() const { return "/api/v1/programmes/" + std::to_string(programme_); }

  std::string Training(const std::string& from, const std::string& extra = "") const {
    return R"({"type":"training","title":"Lớp bồi dưỡng khởi sự HTX","from":")" + from +
           R"(","province":"20","place":"Hội trường LMHTX tỉnh","programmes":[{"programme":)" +
           std::to_string(programme_) + R"(,"contents":[2]}],"participants":{"total":30,"female":12,"youth":20})" +
           extra + "}";
  }

  // The target's years as "2023:1:achieved,…".
  std::string Years() {
    Reply r = Call(bhttp::verb::get, Programmes() + "/targets/" + std::to_string(target_), "po20");
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status != 200) return "";
    std::string out;
    for (const json::value& y : r.Json().at("progress").at("years").as_array()) {
      if (!out.empty()) out += ",";
      out += std::to_string(y.at("year").as_int64()) + ":" +
             (y.at("actual").is_null() ? std::string("null") : std::to_string(y.at("actual").as_int64())) + ":" +
             std::string(y.at("state").as_string());
    }
    return out;
  }

  int64_t programme_ = 0, target_ = 0;
};

TEST_F(ActivitiesTest, AYearlyTrainingTargetCountsTheClassesHeldEachYearAndMovesWithANewOne) {
  Programme();
  ASSERT_GT(target_, 0);
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2023-05-10", R"(,"to":"2023-05-12")")));
  // Not counted: another type, a cancelled class, a class of no programme, a class of another province.
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
               R"({"type":"dialogue","title":"Đối thoại với 40 HTX","from":"2024-03-01","province":"20",)"
               R"("programmes":[{"programme":)" +
                   std::to_string(programme_) + R"(,"contents":[2]}]})"));
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2024-04-01", R"(,"status":"cancelled")")));
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
               R"({"type":"training","title":"Lớp khác","from":"2025-04-01","province":"20"})"));
  Created(Call(
      bhttp::verb::post, "/api/v1/activities", "nat",
      R"({"type":"training","title":"Lớp ở Hà Nội","from":"2025-04-01","province":"01","programmes":[{"programme":)" +
          std::to_string(programme_) + R"(,"contents":[2]}]})"));
  EXPECT_EQ(Years(), "2023:1:achieved,2024:0:behind,2025:0:behind,2026:0:on_track");

  // A class held this year moves the target in the next call.
  Reply made = Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2026-06-15"));
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(std::string(made.Json().at("status").as_string()), "held");  // held by default: the date has passed
  EXPECT_EQ(std::string(made.Json().at("programme_details").at(0).at("code").as_string()), "LS-TN");
  EXPECT_TRUE(made.Json().at("may_write").as_bool());
  EXPECT_EQ(Years(), "2023:1:achieved,2024:0:behind,2025:0:behind,2026:1:achieved");

  // The programme's activities, by content, as the programme page lists them.
  Reply listed =
      Call(bhttp::verb::get, "/api/v1/activities?programme=" + std::to_string(programme_) + "&content=2&type=training",
           "po20");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  // 2023, the cancelled one, 2026, and the national alliance's class in Hà Nội (a province reads those).
  EXPECT_EQ(listed.Json().at("total").as_int64(), 4);
  // The calendar of a month: periods that overlap it.
  Reply month = Call(bhttp::verb::get, "/api/v1/activities?from=2023-05-11&to=2023-05-31", "po20");
  ASSERT_EQ(month.status, 200u) << month.body;
  EXPECT_EQ(month.Json().at("total").as_int64(), 1);
  // Participants measured: a target of women trained reads the same rows.
  Reply women = Call(bhttp::verb::post, Programmes() + "/targets", "po20",
                     R"({"content":2,"title":"Phụ nữ được bồi dưỡng","deadline":"2026-12-31","target":50,)"
                     R"("measure":{"source":"activities","measure":"female","filters":{"type":"training"}}})");
  ASSERT_EQ(women.status, 201u) << women.body;
  // 2023 and 2026; the 2025 class of no programme counted no participants, Hà Nội's is another province.
  EXPECT_EQ(women.Json().at("progress").at("actual").as_int64(), 12 + 12);
}

TEST_F(ActivitiesTest, ScopeFollowsTheProvinceAndTheOrganiser) {
  Programme();
  const int64_t own = Created(Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2025-05-10")));
  const std::string at = "/api/v1/activities/" + std::to_string(own);
  // Another province's officer: 404 on the activity, nothing in lists.
  EXPECT_EQ(Call(bhttp::verb::get, at, "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::patch, at, "po01", R"({"title":"x"})").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/activities", "po01").Json().at("total").as_int64(), 0);
  // A province account records its own province's activities only.
  Reply elsewhere = Call(bhttp::verb::post, "/api/v1/activities", "po01",
                         R"({"type":"training","title":"Lớp","from":"2025-05-10","province":"20"})");
  EXPECT_EQ(elsewhere.status, 403u) << elsewhere.body;
  // The national alliance's activity is read by a province, not changed.
  const int64_t national =
      Created(Call(bhttp::verb::post, "/api/v1/activities", "nat",
                   R"({"type":"conference","title":"Hội nghị toàn quốc","from":"2025-09-10","province":"01"})"));
  Reply read = Call(bhttp::verb::get, "/api/v1/activities/" + std::to_string(national), "po20");
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_FALSE(read.Json().at("may_write").as_bool());
  EXPECT_EQ(std::string(read.Json().at("organiser").as_string()), "national");
  EXPECT_EQ(
      Call(bhttp::verb::patch, "/api/v1/activities/" + std::to_string(national), "po20", R"({"title":"x"})").status,
      403u);
  // Partners read held activities, never the list of participants.
  EXPECT_EQ(Call(bhttp::verb::get, at, "partner1").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, at + "/participants", "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/activities", "partner1", Training("2025-05-10")).status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, at, "").status, 401u);
  // Deleting: the owner may, and the activity is gone (with an audit row).
  EXPECT_EQ(Call(bhttp::verb::delete_, at, "po20").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, at, "po20").status, 404u);
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=activity:" + std::to_string(own), "adm");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  EXPECT_EQ(audit.Json().at("items").as_array().size(), 2u) << audit.body;  // create, delete
}

TEST_F(ActivitiesTest, AParticipantListGivesTheCountsAndStaysPrivate) {
  Programme();
  const int64_t coop = AddCooperative("LS-01");
  const int64_t id = Created(Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2024-05-10")));
  const std::string at = "/api/v1/activities/" + std::to_string(id);
  Reply put =
      Call(bhttp::verb::put, at + "/participants", "po20",
           R"({"items":[{"name":"Nguyễn Thị An","sex":"female","birth_year":1998,"entity":)" + std::to_string(coop) +
               R"(,"position":"Giám đốc"},{"name":"Trần Văn Bình","sex":"male","birth_year":1970},)"
               R"({"name":"Lò Thị Cúc","sex":"female"}]})");
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(put.Json().at("items").as_array().size(), 3u);
  Reply got = Call(bhttp::verb::get, at, "po20");
  EXPECT_EQ(json::serialize(got.Json().at("participants")), R"({"total":3,"female":2,"youth":1})");
  EXPECT_TRUE(got.Json().at("counts_from_list").as_bool());
  // Counts come from the list while it has rows.
  Reply counts = Call(bhttp::verb::patch, at, "po20", R"({"participants":{"total":99}})", "vi");
  EXPECT_EQ(counts.status, 400u) << counts.body;
  EXPECT_NE(counts.body.find("danh sách"), std::string::npos) << counts.body;
  // Every bad row named, nothing written.
  Reply bad = Call(bhttp::verb::put, at + "/participants", "po20",
                   R"({"items":[{"name":""},{"name":"A","sex":"nu"},{"name":"B","birth_year":2030},)"
                   R"({"name":"C","entity":999999},{"name":"D","email":"no-at"}]})");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  for (const char* field :
       {"items[0].name", "items[1].sex", "items[2].birth_year", "items[3].entity", "items[4].email"})
    EXPECT_NE(bad.body.find(std::string("\"") + field + "\""), std::string::npos) << field << " " << bad.body;
  EXPECT_EQ(Call(bhttp::verb::get, at + "/participants", "po20").Json().at("items").as_array().size(), 3u);
  // The audit row says how many, not who.
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=activity:" + std::to_string(id), "adm");
  ASSERT_EQ(audit.status, 200u);
  EXPECT_EQ(audit.body.find("Nguyễn Thị An"), std::string::npos);
  EXPECT_NE(audit.body.find("activity.participants"), std::string::npos) << audit.body;
  // An emptied list lets the counts be entered again.
  ASSERT_EQ(Call(bhttp::verb::put, at + "/participants", "po20", R"({"items":[]})").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, at, "po20", R"({"participants":{"total":40,"female":20}})").status, 200u);
}

TEST_F(ActivitiesTest, BadInputIsNamedFieldByFieldInBothLanguages) {
  Programme();
  Reply r = Call(bhttp::verb::post, "/api/v1/activities", "po20",
                 R"({"type":"party","title":" ","from":"2024-05-10","to":"2024-05-01","province":"20",)"
                 R"("programmes":[{"programme":999999},{"programme":)" +
                     std::to_string(programme_) +
                     R"(,"contents":[9]}],"entities":[999999],"partners":[999999],)"
                     R"("participants":{"total":10,"female":11},"colour":"red"})",
                 "vi");
  ASSERT_EQ(r.status, 400u) << r.body;
  // The body is read first: an unknown member is refused before anything else.
  EXPECT_NE(r.body.find("\"colour\""), std::string::npos) << r.body;
  r = Call(bhttp::verb::post, "/api/v1/activities", "po20",
           R"({"type":"party","title":" ","from":"2024-05-10","to":"2024-05-01","province":"20",)"
           R"("programmes":[{"programme":999999},{"programme":)" +
               std::to_string(programme_) +
               R"(,"contents":[9]}],"entities":[999999],"partners":[999999],)"
               R"("participants":{"total":10,"female":11}})",
           "vi");
  ASSERT_EQ(r.status, 400u) << r.body;
  for (const char* field : {"type", "title", "to", "programmes[0].programme", "programmes[1].contents[0]",
                            "entities[0]", "partners[0]", "participants.female"})
    EXPECT_NE(r.body.find(std::string("\"") + field + "\""), std::string::npos) << field << " " << r.body;
  EXPECT_NE(r.body.find("Chương trình LS-TN không có nội dung số 9"), std::string::npos) << r.body;
  Reply en = Call(bhttp::verb::post, "/api/v1/activities", "po20",
                  R"({"type":"training","title":"Lớp","from":"2026-09-01","status":"held","province":"99"})");
  ASSERT_EQ(en.status, 400u) << en.body;
  EXPECT_NE(en.body.find("cannot be \\\"held\\\""), std::string::npos) << en.body;
  EXPECT_NE(en.body.find("\"province\""), std::string::npos) << en.body;
  // A planned activity in the future is fine; filters are checked.
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
               R"({"type":"training","title":"Lớp","from":"2026-09-01","province":"20"})"));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/activities?type=party", "po20").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/activities?content=2", "po20").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/activities?from=2025-01-01&to=2024-01-01", "po20").status, 400u);
  // A target's activity filters are checked when it is saved.
  Reply target =
      Call(bhttp::verb::post, Programmes() + "/targets", "po20",
           R"({"content":2,"title":"x","deadline":"2026-12-31","target":1,)"
           R"("measure":{"source":"activities","measure":"hours","filters":{"type":"party","colour":"red"}}})");
  ASSERT_EQ(target.status, 400u) << target.body;
  for (const char* field : {"measure.measure", "measure.filters.type", "measure.filters.colour"})
    EXPECT_NE(target.body.find(std::string("\"") + field + "\""), std::string::npos) << field << " " << target.body;
}

TEST_F(ActivitiesTest, PlacementsFeedATargetAndArePrivate) {
  Programme();
  const int64_t coop = AddCooperative("LS-02");
  const int64_t hanoi = AddCooperative("HN-01", "01");
  Reply t = Call(bhttp::verb::post, Programmes() + "/targets", "po20",
                 R"({"content":3,"title":"Giới thiệu 10 thanh niên vào làm việc tại HTX","deadline":"2026-12-31",)"
                 R"("target":10,"measure":{"source":"placements","filters":{"programme":")" +
                     std::to_string(programme_) + R"("}}})");
  ASSERT_EQ(t.status, 201u) << t.body;
  const int64_t target = t.Json().at("id").as_int64();
  const std::string body = R"({"worker_name":"Hoàng Văn Dũng","birth_year":2001,"sex":"male","entity":)" +
                           std::to_string(coop) + R"(,"start":"2025-03-01","programme":)" + std::to_string(programme_) +
                           R"(,"position":"Kế toán"})";
  const int64_t id = Created(Call(bhttp::verb::post, "/api/v1/placements", "po20", body));
  Created(Call(bhttp::verb::post, "/api/v1/placements", "po20",
               R"({"worker_name":"Lý Thị Én","birth_year":2003,"sex":"female","entity":)" + std::to_string(coop) +
                   R"(,"start":"2026-01-15","programme":)" + std::to_string(programme_) + "}"));
  Reply progress = Call(bhttp::verb::get, Programmes() + "/targets/" + std::to_string(target), "po20");
  ASSERT_EQ(progress.status, 200u) << progress.body;
  EXPECT_EQ(progress.Json().at("progress").at("actual").as_int64(), 2) << progress.body;
  // Personal data: another province, partners and cooperatives never see it.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/placements/" + std::to_string(id), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/placements", "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/placements", "po01").Json().at("total").as_int64(), 0);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/placements", "po20").Json().at("total").as_int64(), 2);
  // A province places workers in its own cooperatives only; bad input named.
  Reply out = Call(bhttp::verb::post, "/api/v1/placements", "po20",
                   R"({"worker_name":"X","entity":)" + std::to_string(hanoi) + R"(,"start":"2025-03-01"})");
  EXPECT_EQ(out.status, 403u) << out.body;
  Reply bad = Call(bhttp::verb::post, "/api/v1/placements", "po20",
                   R"({"worker_name":" ","entity":999999,"start":"2027-03-01","sex":"x","birth_year":1800})", "vi");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  for (const char* field : {"worker_name", "entity", "start", "sex", "birth_year"})
    EXPECT_NE(bad.body.find(std::string("\"") + field + "\""), std::string::npos) << field << " " << bad.body;
  // Changed and deleted, audited.
  Reply changed =
      Call(bhttp::verb::patch, "/api/v1/placements/" + std::to_string(id), "po20", R"({"end":"2026-03-01"})");
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(std::string(changed.Json().at("end").as_string()), "2026-03-01");
  EXPECT_EQ(Call(bhttp::verb::delete_, "/api/v1/placements/" + std::to_string(id), "po20").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, Programmes() + "/targets/" + std::to_string(target), "po20")
                .Json()
                .at("progress")
                .at("actual")
                .as_int64(),
            1);
}

TEST_F(ActivitiesTest, PhotosAndDocumentsAreKeptReadAndWrittenAsTheActivity) {
  Programme();
  const int64_t id = Created(Call(bhttp::verb::post, "/api/v1/activities", "po20", Training("2025-05-10")));
  const std::string at = "/api/v1/activities/" + std::to_string(id) + "/documents";
  bhttp::request<bhttp::string_body> up{bhttp::verb::post, at + "?filename=%E1%BA%A2nh%20l%E1%BB%9Bp%20h%E1%BB%8Dc.png",
                                        11};
  up.set(bhttp::field::authorization, "Bearer " + system_.tokens()["po20"]);
  up.set(bhttp::field::content_type, "application/octet-stream");
  up.body() = testing::MinimalPng();
  Reply added = testing::Send(system_.port(), std::move(up));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(std::string(added.Json().at("content_type").as_string()), "image/png");
  EXPECT_EQ(std::string(added.Json().at("name").as_string()), "Ảnh lớp học.png");
  const std::string one = at + "/" + std::to_string(added.Json().at("id").as_int64());
  Reply got = Call(bhttp::verb::get, one, "partner1");  // a held activity's photo: readable by partners
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.body, testing::MinimalPng());
  EXPECT_EQ(std::string(got.headers[bhttp::field::content_type]), "image/png");
  EXPECT_EQ(Call(bhttp::verb::get, at, "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::delete_, one, "partner1").status, 403u);
  // An HTML page named .png is refused in the reader's language; nothing is kept.
  bhttp::request<bhttp::string_body> html{bhttp::verb::post, at + "?filename=anh.png", 11};
  html.set(bhttp::field::authorization, "Bearer " + system_.tokens()["po20"]);
  html.set(bhttp::field::accept_language, "vi");
  html.body() = "<html><script>alert(1)</script></html>";
  Reply refused = testing::Send(system_.port(), std::move(html));
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_EQ(Call(bhttp::verb::get, at, "po20").Json().at("items").as_array().size(), 1u);
  // Deleting the activity removes its documents with it.
  ASSERT_EQ(Call(bhttp::verb::delete_, "/api/v1/activities/" + std::to_string(id), "po20").status, 204u);
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=activity:" + std::to_string(id), "adm");
  EXPECT_NE(audit.body.find("activity.document_add"), std::string::npos) << audit.body.substr(0, 1500);
  EXPECT_EQ(Call(bhttp::verb::get, one, "nat").status, 404u);
}

TEST_F(ActivitiesTest, TheDemoActivitiesMeasureTheDemoProgrammesOnce) {
  for (const char* code : {"BG-01", "BG-02", "BG-03"}) AddCooperative(code, "24");
  const auth::Principal cli = auth::Principal::Cli("test");
  auto& programmes = system_.system().programmes();
  ASSERT_TRUE(programmes::LoadDemoProgrammes(programmes, cli).ok());
  activities::DemoProgrammeIds ids;
  ids.youth = programmes.GetProgrammeByCode(cli, "BG-TN-2023-2025")->id;
  ids.women = programmes.GetProgrammeByCode(cli, "QD01-TTg-2023")->id;
  auto first = activities::LoadDemoActivities(system_.system().activities(), system_.system().entities(), cli, ids);
  ASSERT_TRUE(first.ok()) << first.error().key;
  EXPECT_EQ(first->activities, 11);
  EXPECT_EQ(first->placements, 96);
  auto again = activities::LoadDemoActivities(system_.system().activities(), system_.system().entities(), cli, ids);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->activities, 0);  // idempotent
  Reply youth = Call(bhttp::verb::get, "/api/v1/programmes/" + std::to_string(ids.youth), "nat");
  ASSERT_EQ(youth.status, 200u);
  std::string states;
  for (const json::value& t : youth.Json().at("targets").as_array())
    states += std::string(t.at("measure").at("source").as_string()) + ":" +
              std::to_string(t.at("progress").at("actual").as_int64()) + ";";
  // Two classes (2023, 2024), three surveys, 96 young workers, from the activities' tables.
  EXPECT_EQ(states, "activities:2;entities:0;activities:3;placements:96;") << youth.body.substr(0, 2000);
  // The 2024 class's trainees give its counts.
  Reply classes = Call(bhttp::verb::get, "/api/v1/activities?type=training&from=2024-01-01&to=2024-12-31", "nat");
  ASSERT_EQ(classes.status, 200u);
  bool listed = false;
  for (const json::value& a : classes.Json().at("items").as_array())
    if (a.at("counts_from_list").as_bool()) {
      listed = true;
      EXPECT_EQ(a.at("participants").at("total").as_int64(), 52);
    }
  EXPECT_TRUE(listed) << classes.body.substr(0, 2000);
}

}  // namespace
}  // namespace hoptac

// Periodic reporting through the real HTTP server, on the backend named by
// HOPTAC_TEST_BACKEND (issue 14's "done when"): a Lạng Sơn province report for the first
// nine months of 2023 prefilled with the registry's numbers as of 2023-09-30, submitted,
// approved, locked, and counted by completeness; a cooperative's annual update that
// changes the statistics when approved; scope, bad input (nothing written), notes for
// overridden prefills, return and resubmission, reopening, form versions and the due list.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <set>
#include <string>

#include "base/log.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "support/http_client.h"
#include "support/status_matchers.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

class ReportingTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    auth::Principal cli = auth::Principal::Cli("test");
    // Lạng Sơn (20): two cooperatives that count on 2023-09-30, one founded after it, one
    // dissolved before it; a group; and a cooperative elsewhere.
    coop_a_ = Entity("cooperative", "Hợp tác xã Nông nghiệp Hữu Lũng", "LS-01", "20", "2015-01-01");
    coop_b_ = Entity("cooperative", "Hợp tác xã Hồi Xứ Lạng", "LS-02", "20", "2018-06-01");
    coop_late_ = Entity("cooperative", "Hợp tác xã Chè Mẫu Sơn", "LS-03", "20", "2023-11-01");
    coop_gone_ = Entity("cooperative", "Hợp tác xã Vận tải Đồng Đăng", "LS-04", "20", "2010-01-01");
    Entity("group", "Tổ hợp tác Na Chi Lăng", "LS-THT-01", "20", "2019-01-01");
    Entity("cooperative", "Hợp tác xã Rau Sạch Đông Anh", "HN-01", "01", "2016-01-01");
    domain::StatusEvent dissolved{*Date::ParseIso("2023-03-01"), domain::EventType::kDissolved, "", std::nullopt};
    ASSERT_TRUE(entities_->AddEvent(cli, coop_gone_, dissolved).ok());
    Figures(coop_a_, domain::Period::Year(2022), 20);
    Figures(coop_b_, domain::Period::Half(2023, 1), 11);
    Figures(coop_late_, domain::Period::Year(2023), 40);
    Figures(coop_gone_, domain::Period::Year(2022), 9);

    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("pa20", "province_admin", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("nat_officer", "national_officer");
    system_.AddUser("nat_admin", "national_admin");
    system_.AddUser("coop_a", "cooperative", "", coop_a_);
  }

  int64_t Entity(const char* kind, const char* name, const char* code, const char* province, const char* founded) {
    domain::Entity e;
    e.kind = *domain::EntityKindFromName(kind);
    e.name = name;
    e.registration_code = code;
    e.province_code = province;
    e.founded_on = Date::ParseIso(founded);
    auto created = entities_->Create(auth::Principal::Cli("test"), e);
    EXPECT_TRUE(created.ok()) << created.error().key;
    return created.ok() ? created->entity.id : 0;
  }

  void Figures(int64_t id, domain::Period period, int64_t members) {
    domain::Figures f;
    f.members_total = members;
    ASSERT_TRUE(figures_->Put(auth::Principal::Cli("test"), id, period, f, domain::Confirmation::kConfirmed).ok());
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }
  Reply Get(const std::string& target, const std::string& as) { return Call(bhttp::verb::get, target, as); }
  Reply Post(const std::string& target, const std::string& as, const std::string& body = "") {
    return Call(bhttp::verb::post, target, as, body);
  }
  Reply Put(const std::string& target, const std::string& as, const std::string& body) {
    return Call(bhttp::verb::put, target, as, body);
  }

  static std::set<std::string> FieldCodes(const Reply& reply) {
    std::set<std::string> out;
    for (const auto& f : reply.Json().at("error").at("fields").as_array())
      out.insert(std::string(f.at("field").as_string()) + ":" + std::string(f.at("code").as_string()));
    return out;
  }

  // The stats API's total for a query, as a national officer.
  int64_t Stat(const std::string& query) {
    Reply r = Get("/api/v1/stats/entities?" + query, "nat_officer");
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status != 200) return -1;
    const json::object& o = r.Json().as_object();
    return o.at("total").is_null() ? -1 : o.at("total").to_number<int64_t>();
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql));
      n = std::get<int64_t>((*row)[0]);
      return Ok();
    }));
    return n;
  }

  // Creates the Lạng Sơn province report of 2023M01-09 as po20.
  json::object CreateLangSon() {
    Reply r =
        Post("/api/v1/reports", "po20", R"({"form":"province_development","period":"2023m01-09","province":"20"})");
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().as_object() : json::object();
  }

  int64_t coop_a_ = 0, coop_b_ = 0, coop_late_ = 0, coop_gone_ = 0;
};

TEST_F(ReportingTest, ProvinceReportIsPrefilledSubmittedApprovedAndCounted) {
  json::object report = CreateLangSon();
  ASSERT_FALSE(report.empty());
  std::string id = std::to_string(report.at("id").as_int64());
  EXPECT_EQ(report.at("period").as_string(), "2023M01-09");
  EXPECT_EQ(report.at("status").as_string(), "draft");
  EXPECT_EQ(report.at("due_date").as_string(), "2023-10-10");
  EXPECT_EQ(report.at("form_version").as_int64(), 1);

  // The prefill is the registry's answer as of 2023-09-30 for Lạng Sơn: the cooperative
  // founded in November and the one dissolved in March do not count.
  const std::string filters = "province=20&as_of=2023-09-30&kind=cooperative&status=active,suspended,stopped";
  int64_t stats_count = Stat(filters);
  int64_t stats_members = Stat(filters + "&measure=members_total");
  EXPECT_EQ(stats_count, 2);
  EXPECT_EQ(stats_members, 31);
  const json::object& values = report.at("values").as_object();
  EXPECT_EQ(values.at("coops_total").as_int64(), stats_count);
  EXPECT_EQ(values.at("coop_members_total").as_int64(), stats_members);
  EXPECT_EQ(values.at("groups_total").as_int64(), 1);
  EXPECT_EQ(values.at("coops_new").as_int64(), 0);
  EXPECT_EQ(values.at("coops_dissolved").as_int64(), 1);
  EXPECT_FALSE(values.contains("income_min_vnd"));
  const json::object& prefill = report.at("prefill").as_object();
  EXPECT_EQ(prefill.at("coops_total").at("value").as_int64(), 2);
  EXPECT_NE(std::string(prefill.at("coops_total").at("source").as_string()).find("2023-09-30"), std::string::npos);

  // A second create answers 409 with the existing id.
  Reply again =
      Post("/api/v1/reports", "po20", R"({"form":"province_development","period":"2023M01-09","province":"20"})");
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(std::to_string(again.Json().at("id").as_int64()), id);

  Reply filled =
      Put("/api/v1/reports/" + id, "po20",
          R"({"values":{"income_min_vnd":3000000,"income_max_vnd":9000000,"results":"Phát triển ổn định."}})");
  ASSERT_EQ(filled.status, 200u) << filled.body;
  EXPECT_EQ(filled.Json().at("entered").at("results").at("by").as_string(), "po20");

  // Only a national officer or admin approves a province report.
  Reply submitted = Post("/api/v1/reports/" + id + "/submit", "po20");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.Json().at("status").as_string(), "submitted");
  EXPECT_EQ(Post("/api/v1/reports/" + id + "/approve", "pa20").status, 403u);
  Reply approved = Post("/api/v1/reports/" + id + "/approve", "nat_officer");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Json().at("status").as_string(), "approved");
  EXPECT_EQ(approved.Json().at("history").as_array().size(), 4u);  // created, saved, submitted, approved

  Reply locked = Put("/api/v1/reports/" + id, "po20", R"({"values":{"results":"Sửa sau khi duyệt"}})");
  EXPECT_EQ(locked.status, 409u) << locked.body;
  EXPECT_NE(locked.body.find("report_locked"), std::string::npos);

  Reply completeness = Get("/api/v1/reports/completeness?form=province_development&period=2023M01-09", "nat_officer");
  ASSERT_EQ(completeness.status, 200u) << completeness.body;
  const json::object& c = completeness.Json().as_object();
  EXPECT_EQ(c.at("expected").as_int64(), 63);
  EXPECT_EQ(c.at("approved").as_int64(), 1);
  EXPECT_EQ(c.at("submitted").as_int64(), 1);
  EXPECT_EQ(c.at("on_time").as_int64(), 0);  // submitted in 2026, due 2023-10-10
  EXPECT_EQ(c.at("rows").as_array().size(), 63u);
  for (const auto& row : c.at("rows").as_array())
    if (row.at("province").as_string() == "20") {
      EXPECT_EQ(row.at("status").as_string(), "approved");
      EXPECT_EQ(std::to_string(row.at("report_id").as_int64()), id);
    }
  // A province account sees its own row only.
  Reply own = Get("/api/v1/reports/completeness?form=province_development&period=2023M01-09", "po01");
  ASSERT_EQ(own.status, 200u) << own.body;
  EXPECT_EQ(own.Json().at("expected").as_int64(), 1);

  // Audited: create, put, submit, approve.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'report' AND object_id = '" + id + "'"), 4);
}

TEST_F(ReportingTest, CooperativeAnnualUpdateChangesTheStatisticsWhenApproved) {
  const std::string stats = "province=20&kind=cooperative&status=active,suspended,stopped&measure=members_total";
  int64_t before = Stat(stats);
  EXPECT_EQ(before, 20 + 11 + 40);

  Reply created = Post("/api/v1/reports", "coop_a",
                       R"({"form":"coop_annual_update","period":"2025","entity_id":)" + std::to_string(coop_a_) + "}");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = std::to_string(created.Json().at("id").as_int64());
  EXPECT_EQ(created.Json().at("due_date").as_string(), "2025-12-15");
  EXPECT_EQ(created.Json().at("province").as_string(), "20");
  // Prefilled with its latest figures (2022) and its profile.
  EXPECT_EQ(created.Json().at("values").at("members_total").as_int64(), 20);
  EXPECT_EQ(created.Json().at("values").at("women_managed").as_bool(), false);

  Reply put = Put("/api/v1/reports/" + id, "coop_a",
                  R"({"values":{"members_total":26,"members_female":12,"phone":"0205 3870 123"}})");
  ASSERT_EQ(put.status, 200u) << put.body;
  // Another cooperative's province officer may not see it; the province's own may.
  EXPECT_EQ(Get("/api/v1/reports/" + id, "po01").status, 404u);
  EXPECT_EQ(Get("/api/v1/reports/" + id, "po20").status, 200u);
  ASSERT_EQ(Post("/api/v1/reports/" + id + "/submit", "coop_a").status, 200u);
  // The province admin approves entity reports; not a national officer, not the province officer.
  EXPECT_EQ(Post("/api/v1/reports/" + id + "/approve", "po20").status, 403u);
  EXPECT_EQ(Post("/api/v1/reports/" + id + "/approve", "nat_officer").status, 403u);
  Reply approved = Post("/api/v1/reports/" + id + "/approve", "pa20");
  ASSERT_EQ(approved.status, 200u) << approved.body;

  // One truth: the statistics and the entity changed at once.
  EXPECT_EQ(Stat(stats), 26 + 11 + 40);
  auto figures = figures_->Get(auth::Principal::Cli("test"), coop_a_, domain::Period::Year(2025));
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ(figures->figures.members_female, 12);
  auto entity = entities_->Get(auth::Principal::Cli("test"), coop_a_);
  ASSERT_TRUE(entity.ok());
  EXPECT_EQ(entity->entity.phone, "02053870123");
}

// Lists page in the database, and a province account's list holds the reports of the provinces
// merged into it (Bắc Ninh "27" and Bắc Giang "24" of 2023 are Bắc Ninh "24" since 2025-07-01).
TEST_F(ReportingTest, ListsAreScopedAndPagedAcrossMergedProvinces) {
  system_.AddUser("po24", "province_officer", "24");
  auth::Principal cli = auth::Principal::Cli("test");
  auto& reports = system_.system().reports();
  for (const char* province : {"27", "24", "20"})
    ASSERT_TRUE(reports.Create(cli, {"province_development", "2023", province, 0}).ok()) << province;
  ASSERT_TRUE(reports.Create(cli, {"province_development", "2025S2", "24", 0}).ok());
  auto total = [&](const std::string& query, const std::string& as) {
    Reply r = Get("/api/v1/reports?" + query, as);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? r.Json().at("total").as_int64() : -1;
  };
  EXPECT_EQ(total("form=province_development", "po24"), 3);
  EXPECT_EQ(total("form=province_development&period=2023", "po24"), 2);
  EXPECT_EQ(total("form=province_development", "po20"), 1);
  EXPECT_EQ(total("form=province_development", "nat_officer"), 4);
  EXPECT_EQ(total("form=province_development", "coop_a"), 0);
  // Pages: the same order (by id) whoever pages, the total unchanged.
  Reply first = Get("/api/v1/reports?form=province_development&limit=2", "nat_officer");
  Reply second = Get("/api/v1/reports?form=province_development&limit=2&offset=2", "nat_officer");
  ASSERT_EQ(first.status, 200u);
  ASSERT_EQ(second.status, 200u);
  EXPECT_EQ(first.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(second.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(second.Json().at("total").as_int64(), 4);
  EXPECT_LT(first.Json().at("items").at(1).at("id").as_int64(), second.Json().at("items").at(0).at("id").as_int64());
  Reply province_page = Get("/api/v1/reports?form=province_development&limit=1&offset=1", "po24");
  ASSERT_EQ(province_page.status, 200u);
  EXPECT_EQ(province_page.Json().at("total").as_int64(), 3);
  ASSERT_EQ(province_page.Json().at("items").as_array().size(), 1u);
  // A cooperative account lists its own entity's reports only, whatever it asks for.
  ASSERT_TRUE(reports.Create(cli, {"coop_annual_update", "2025", "", coop_a_}).ok());
  EXPECT_EQ(total("form=coop_annual_update", "coop_a"), 1);
  EXPECT_EQ(total("form=coop_annual_update&entity_id=" + std::to_string(coop_a_ + 1000), "coop_a"), 0);
  EXPECT_EQ(total("form=coop_annual_update", "po20"), 1);
  EXPECT_EQ(total("form=coop_annual_update", "po01"), 0);
}

TEST_F(ReportingTest, ScopeAndBadInputWriteNothing) {
  json::object report = CreateLangSon();
  std::string id = std::to_string(report.at("id").as_int64());
  // Another province's report does not exist for po01, nor in its lists.
  EXPECT_EQ(Get("/api/v1/reports/" + id, "po01").status, 404u);
  EXPECT_EQ(Put("/api/v1/reports/" + id, "po01", R"({"values":{"results":"x"}})").status, 404u);
  Reply list = Get("/api/v1/reports?form=province_development", "po01");
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.Json().at("total").as_int64(), 0);
  EXPECT_EQ(Get("/api/v1/reports?form=province_development", "nat_officer").Json().at("total").as_int64(), 1);
  EXPECT_EQ(Get("/api/v1/reports?colour=red", "nat_officer").status, 400u);
  // A province officer creates only its own province's reports.
  EXPECT_EQ(
      Post("/api/v1/reports", "po01", R"({"form":"province_development","period":"2023","province":"20"})").status,
      403u);

  int64_t reports = Count("SELECT COUNT(*) FROM reports");
  int64_t values = Count("SELECT COUNT(*) FROM report_values");
  int64_t audits = Count("SELECT COUNT(*) FROM audit_log");
  struct Bad {
    std::string body, field;
  } creates[] = {
      {R"({"form":"province_development","period":"2023Q3","province":"20"})", "period:report_period_not_allowed"},
      {R"({"form":"province_development","period":"2023X","province":"20"})", "period:invalid_period"},
      {R"({"form":"province_development","period":"2023","province":"99"})", "province:report_unknown_province"},
      {R"({"form":"province_development","period":"2023"})", "province:required"},
      {R"({"form":"no_such_form","period":"2023","province":"20"})", "form:report_unknown_form"},
      {R"({"form":"province_development","period":"2023","province":"20","colour":"red"})", "colour:unknown_parameter"},
  };
  for (const Bad& b : creates) {
    Reply r = Post("/api/v1/reports", "po20", b.body);
    EXPECT_EQ(r.status, 400u) << b.body << ": " << r.body;
    if (r.status == 400) {
      EXPECT_TRUE(FieldCodes(r).count(b.field)) << b.body << ": " << r.body;
    }
  }
  Reply bad = Put("/api/v1/reports/" + id, "po20",
                  R"({"values":{"coops_total":-1,"nope":1,"income_min_vnd":1.5,"results":"ok"},
                      "notes":{"ghost":"x"}})");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  auto fields = FieldCodes(bad);
  EXPECT_TRUE(fields.count("coops_total:report_below_min")) << bad.body;
  EXPECT_TRUE(fields.count("nope:report_unknown_field")) << bad.body;
  EXPECT_TRUE(fields.count("income_min_vnd:report_invalid_type")) << bad.body;
  EXPECT_TRUE(fields.count("notes.ghost:report_unknown_field")) << bad.body;
  EXPECT_EQ(Put("/api/v1/reports/" + id, "po20", R"({"values":{"results":5}})").status, 400u);
  EXPECT_EQ(Put("/api/v1/reports/" + id, "po20", R"({"valeurs":{}})").status, 400u);
  // Nothing was written.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reports"), reports);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM report_values"), values);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM report_values WHERE report_id = " + id +
                  " AND field_code = 'coops_total' AND value = '2'"),
            1);
}

TEST_F(ReportingTest, OverriddenPrefillNeedsANoteAndRulesBlock) {
  std::string id = std::to_string(CreateLangSon().at("id").as_int64());
  ASSERT_EQ(Put("/api/v1/reports/" + id, "po20", R"({"values":{"coops_total":3}})").status, 200u);
  Reply refused = Post("/api/v1/reports/" + id + "/submit", "po20");
  ASSERT_EQ(refused.status, 400u) << refused.body;
  EXPECT_TRUE(FieldCodes(refused).count("coops_total:report_note_required")) << refused.body;
  // An error rule blocks too: more women-managed cooperatives than cooperatives.
  ASSERT_EQ(Put("/api/v1/reports/" + id, "po20",
                R"({"values":{"women_managed_coops":5},"notes":{"coops_total":"Một HTX chưa cập nhật trên hệ thống.",
                    "women_managed_coops":"Theo báo cáo của Liên minh HTX tỉnh."}})")
                .status,
            200u);
  Reply rule = Post("/api/v1/reports/" + id + "/submit", "po20");
  ASSERT_EQ(rule.status, 400u) << rule.body;
  EXPECT_TRUE(FieldCodes(rule).count("women_managed_le_total:report_rule")) << rule.body;
  Reply shown = Get("/api/v1/reports/" + id, "po20");
  EXPECT_EQ(shown.Json().at("checks").as_array().size(), 1u);
  ASSERT_EQ(Put("/api/v1/reports/" + id, "po20", R"({"values":{"women_managed_coops":1}})").status, 200u);
  Reply ok = Post("/api/v1/reports/" + id + "/submit", "po20");
  EXPECT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.Json().at("notes").at("coops_total").as_string(), "Một HTX chưa cập nhật trên hệ thống.");
}

TEST_F(ReportingTest, ReturnResubmitAndReopen) {
  std::string id = std::to_string(CreateLangSon().at("id").as_int64());
  std::string path = "/api/v1/reports/" + id;
  ASSERT_EQ(Post(path + "/submit", "po20").status, 200u);
  EXPECT_EQ(Post(path + "/submit", "po20").status, 409u);
  Reply no_comment = Post(path + "/return", "nat_officer", "{}");
  EXPECT_EQ(no_comment.status, 400u);
  EXPECT_TRUE(FieldCodes(no_comment).count("comment:required"));
  Reply returned = Post(path + "/return", "nat_officer", R"({"comment":"Đề nghị bổ sung phần khó khăn."})");
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_EQ(returned.Json().at("status").as_string(), "returned");
  EXPECT_EQ(returned.Json().at("return_comment").as_string(), "Đề nghị bổ sung phần khó khăn.");
  ASSERT_EQ(Put(path, "po20", R"({"values":{"difficulties":"Thiếu vốn."}})").status, 200u);
  ASSERT_EQ(Post(path + "/submit", "po20").status, 200u);
  ASSERT_EQ(Post(path + "/approve", "nat_admin").status, 200u);

  EXPECT_EQ(Post(path + "/reopen", "nat_officer", R"({"reason":"Sai số liệu"})").status, 403u);
  EXPECT_EQ(Post(path + "/reopen", "po20", R"({"reason":"Sai số liệu"})").status, 403u);
  Reply no_reason = Post(path + "/reopen", "nat_admin", "{}");
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_TRUE(FieldCodes(no_reason).count("reason:required"));
  Reply reopened = Post(path + "/reopen", "nat_admin", R"({"reason":"Tỉnh đề nghị điều chỉnh số liệu."})");
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(reopened.Json().at("status").as_string(), "draft");
  EXPECT_EQ(Put(path, "po20", R"({"values":{"proposals":"Hỗ trợ tín dụng."}})").status, 200u);
  std::vector<std::string> actions;
  Reply final_state = Get(path, "po20");
  for (const auto& e : final_state.Json().at("history").as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"created", "submitted", "returned", "saved", "submitted", "approved",
                                               "reopened", "saved"}));
}

TEST_F(ReportingTest, EditingAUsedFormMakesANewVersion) {
  std::string id = std::to_string(CreateLangSon().at("id").as_int64());
  Reply form = Get("/api/v1/report-forms/province_development", "nat_admin");
  ASSERT_EQ(form.status, 200u);
  json::object definition = form.Json().as_object();
  EXPECT_EQ(definition.at("version").as_int64(), 1);
  definition["name_vi"] = "Báo cáo tình hình phát triển kinh tế tập thể (sửa đổi)";
  EXPECT_EQ(Put("/api/v1/report-forms/province_development", "po20", json::serialize(definition)).status, 403u);
  EXPECT_EQ(Put("/api/v1/report-forms/province_development", "nat_officer", json::serialize(definition)).status, 403u);
  Reply put = Put("/api/v1/report-forms/province_development", "nat_admin", json::serialize(definition));
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(put.Json().at("version").as_int64(), 2);
  EXPECT_EQ(Get("/api/v1/reports/" + id, "po20").Json().at("form_version").as_int64(), 1);
  EXPECT_EQ(Get("/api/v1/report-forms/province_development?version=1", "po20").Json().at("name_vi").as_string(),
            "Báo cáo tình hình phát triển kinh tế tập thể");
  // An unused version is changed in place.
  definition["name_en"] = "Collective economy report";
  EXPECT_EQ(Put("/api/v1/report-forms/province_development", "nat_admin", json::serialize(definition))
                .Json()
                .at("version")
                .as_int64(),
            2);
  Reply newer = Post("/api/v1/reports", "po20", R"({"form":"province_development","period":"2023S1","province":"20"})");
  ASSERT_EQ(newer.status, 201u) << newer.body;
  EXPECT_EQ(newer.Json().at("form_version").as_int64(), 2);
  // A bad prefill is refused naming the field.
  definition["sections"]
      .as_array()[0]
      .as_object()["fields"]
      .as_array()[0]
      .as_object()["prefill"]
      .as_object()["measure"] = "colour";
  Reply bad = Put("/api/v1/report-forms/province_development", "nat_admin", json::serialize(definition));
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_NE(bad.body.find("coops_total.prefill"), std::string::npos) << bad.body;

  Reply forms = Get("/api/v1/report-forms", "coop_a");
  ASSERT_EQ(forms.status, 200u);
  EXPECT_EQ(forms.Json().at("total").as_int64(), 3);
}

TEST_F(ReportingTest, PreviousPeriodAndDueList) {
  auto& reports = system_.system().reports();
  // Last year's nine months are "previous" for this year's.
  Reply old =
      Post("/api/v1/reports", "po20", R"({"form":"province_development","period":"2022M01-09","province":"20"})");
  ASSERT_EQ(old.status, 201u) << old.body;
  json::object current = CreateLangSon();
  EXPECT_EQ(current.at("previous").at("coops_total").as_int64(), old.Json().at("values").at("coops_total").as_int64());

  Date today = reports.Today();
  std::string nine_months = std::to_string(today.year()) + "M01-09";
  Reply due = Get("/api/v1/reports/due", "po20");
  ASSERT_EQ(due.status, 200u) << due.body;
  bool found = false;
  for (const auto& item : due.Json().at("items").as_array()) {
    if (item.at("form").as_string() == "province_development" && item.at("period").as_string() == nine_months) {
      found = true;
      EXPECT_EQ(item.at("action").as_string(), "fill");
      EXPECT_EQ(item.at("province").as_string(), "20");
      // Due on 10 October: overdue from the 11th on.
      EXPECT_EQ(item.at("overdue").as_bool(), today > Date::FromCivil(today.year(), 10, 10));
    }
  }
  // Due within 14 days or overdue only.
  for (const auto& item : due.Json().at("items").as_array()) EXPECT_LE(item.at("days_left").as_int64(), 14);
  if (today > Date::FromCivil(today.year(), 9, 26)) {
    EXPECT_TRUE(found) << due.body;
  }

  // Submitted: the national officer is to review it.
  std::string id = std::to_string(current.at("id").as_int64());
  ASSERT_EQ(Post("/api/v1/reports/" + id + "/submit", "po20").status, 200u);
  Reply review = Get("/api/v1/reports/due", "nat_officer");
  ASSERT_EQ(review.status, 200u);
  bool to_review = false;
  for (const auto& item : review.Json().at("items").as_array())
    to_review |= item.at("action").as_string() == "review" && std::to_string(item.at("report_id").as_int64()) == id;
  EXPECT_TRUE(to_review) << review.body;
  EXPECT_EQ(Get("/api/v1/reports/due", "po01").Json().at("items").as_array().size() > 0, true);
}

}  // namespace
}  // namespace hoptac

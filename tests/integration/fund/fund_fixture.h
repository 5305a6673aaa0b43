// The support fund's integration fixture (fund_test.cpp, import_test.cpp): the whole system over a
// fresh database on the backend named by HOPTAC_TEST_BACKEND, a clock that starts on 2026-01-10
// 10:00 (UTC+7) and is moved by the tests, the accounts of every role, a women-managed and an
// ordinary cooperative of Lạng Sơn (20) and one of Hà Nội (01), the national fund and Lạng Sơn's.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>

#include "base/log.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac::fundtest {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

constexpr int64_t kDayMs = 86'400'000;

class FundFixture : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    On("2026-01-10");
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [this] { return now_ms_.load(); };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("adm", "national_admin");
    system_.AddUser("pa20", "province_admin", "20");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
    women_ = AddCooperative("LS-W", "20", true);
    other_ = AddCooperative("LS-B", "20", false);
    hanoi_ = AddCooperative("HN-C", "01", false);
    system_.AddUser("coop_w", "cooperative", "", women_);
    system_.AddUser("coop_b", "cooperative", "", other_);
    national_fund_ = Created(Call(bhttp::verb::post, "/api/v1/funds", "adm",
                                  R"({"name":"Quỹ hỗ trợ phát triển HTX Trung ương","capital_vnd":500000000000})"));
    fund20_ = Created(Call(
        bhttp::verb::post, "/api/v1/funds", "pa20",
        R"({"name":"Quỹ hỗ trợ phát triển HTX tỉnh Lạng Sơn","province":"20","capital_vnd":50000000000,)"
        R"("rules":{"max_amount_vnd":500000000,"max_term_months":36,"default_rate_percent_year":"7.25","max_grace_months":6}})"));
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

  int64_t AddCooperative(const std::string& code, const std::string& province, bool women_managed) {
    auto made = system_.system().entities().Create(auth::Principal::Cli("test"), [&] {
      domain::Entity e;
      e.kind = domain::EntityKind::kCooperative;
      e.name = "Hợp tác xã " + code;
      e.registration_code = code;
      e.province_code = province;
      e.founded_on = Date::FromCivil(2020, 1, 1);
      e.sector = domain::Sector::kAgriculture;
      e.women_managed = women_managed;
      return e;
    }());
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->entity.id : 0;
  }

  // An application of `as` to the province fund (entity_id given unless 0).
  Reply Apply(const std::string& as, int64_t entity, int64_t amount = 120'000'000, int64_t fund = 0) {
    std::string body = R"({"fund_id":)" + std::to_string(fund ? fund : fund20_) +
                       (entity ? R"(,"entity_id":)" + std::to_string(entity) : std::string()) + R"(,"amount_vnd":)" +
                       std::to_string(amount) +
                       R"(,"purpose":"Mua máy sấy nông sản","term_months":12,"collateral":"Nhà xưởng"})";
    return Call(bhttp::verb::post, "/api/v1/loan-applications", as, body);
  }
  std::string AppPath(int64_t id, const std::string& step = "") {
    return "/api/v1/loan-applications/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }
  std::string LoanPath(int64_t id, const std::string& step = "") {
    return "/api/v1/loans/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }
  static std::string Terms(int64_t amount, const std::string& first_due = "2026-02-15") {
    return R"({"amount_vnd":)" + std::to_string(amount) +
           R"(,"rate_percent_year":"12","term_months":12,"grace_months":0,"method":"equal_instalment",)"
           R"("frequency":"monthly","first_due_on":")" +
           first_due + "\"}";
  }
  // An appraised application of the women-managed cooperative, approved as `Terms(120 M)`,
  // disbursed on 2026-01-15: the loan's id.
  int64_t DisbursedLoan() {
    const int64_t app = Created(Apply("coop_w", 0));
    EXPECT_EQ(Call(bhttp::verb::post, AppPath(app, "appraise"), "po20", R"({"score":80,"notes":"Khả thi"})").status,
              200u);
    const int64_t loan = Created(Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(120'000'000)));
    On("2026-01-15");
    Reply d = Call(bhttp::verb::post, LoanPath(loan, "disbursements"), "po20",
                   R"({"date":"2026-01-15","amount_vnd":120000000})");
    EXPECT_EQ(d.status, 201u) << d.body;
    return loan;
  }
  std::vector<std::string> Actions(const std::string& object) {
    Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=" + object, "adm");
    EXPECT_EQ(audit.status, 200u) << audit.body;
    std::vector<std::string> out;
    if (audit.status == 200)
      for (const json::value& row : audit.Json().at("items").as_array()) out.emplace_back(row.at("action").as_string());
    return out;
  }

  std::atomic<int64_t> now_ms_{0};
  int64_t women_ = 0, other_ = 0, hanoi_ = 0;
  int64_t national_fund_ = 0, fund20_ = 0;
};

}  // namespace hoptac::fundtest

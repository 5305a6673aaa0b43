// The support fund (src/fund/README.md) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: a women-managed cooperative applies to its province's fund, is appraised,
// approved (equal instalments, monthly), disbursed and partly repaid, and 45 days after a missed
// instalment its loan is 45 days in arrears with its overdue lines; the workflow's refusals (approve
// before appraise 409, an amount above the fund's maximum, a repayment above what closes the loan
// naming that amount, a write-off approved by its requester); scope (another province's officer:
// 404; a cooperative: its own only); every write in the audit log; bad input named by field in
// Vietnamese and English. The clock starts on 2026-01-10 10:00 (UTC+7) and is moved by the tests.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>

#include "base/log.h"
#include "indicators/indicators.h"
#include "integration/fund/fund_fixture.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using fundtest::kDayMs;
using testing::Reply;

using FundTest = fundtest::FundFixture;

TEST_F(FundTest, FundsAreReadByEveryAccountAndWrittenByTheirAdmins) {
  Reply list = Call(bhttp::verb::get, "/api/v1/funds", "partner1");
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 2u);
  // The national fund first (province null), then the province's.
  EXPECT_TRUE(list.Json().at("items").at(0).at("province").is_null());
  const json::value& f = list.Json().at("items").at(1);
  EXPECT_EQ(f.at("province").at("code"), "20");
  EXPECT_EQ(f.at("province").at("name"), "Lạng Sơn");
  EXPECT_EQ(f.at("capital_vnd"), 50'000'000'000);
  EXPECT_EQ(f.at("rules").at("max_amount_vnd"), 500'000'000);
  EXPECT_EQ(f.at("rules").at("default_rate_percent_year"), "7.25");
  EXPECT_EQ(f.at("summary").at("applications_open"), 0);
  // A second fund of the province, another province's fund by a province admin, a national fund
  // by a province admin: refused.
  Reply again = Call(bhttp::verb::post, "/api/v1/funds", "adm", R"({"name":"Quỹ 2","province":"20","capital_vnd":1})");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.Json().at("error").at("fields").at(0).at("field"), "province");
  EXPECT_EQ(
      Call(bhttp::verb::post, "/api/v1/funds", "pa20", R"({"name":"Quỹ","province":"01","capital_vnd":1})").status,
      403u);
  EXPECT_EQ(
      Call(bhttp::verb::post, "/api/v1/funds", "po20", R"({"name":"Quỹ","province":"20","capital_vnd":1})").status,
      403u);
  // The province admin changes its fund's capital and officers; the change is audited.
  const std::string officers =
      R"({"capital_vnd":60000000000,"officer_ids":[)" +
      std::to_string(system_.system().accounts().FindUser(auth::Principal::Cli("t"), "po20")->id) + "]}";
  Reply changed = Call(bhttp::verb::patch, "/api/v1/funds/" + std::to_string(fund20_), "pa20", officers);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.Json().at("capital_vnd"), 60'000'000'000);
  EXPECT_EQ(changed.Json().at("officers").at(0).at("username"), "po20");
  // An officer of another province cannot be one of its officers.
  const std::string foreign =
      R"({"officer_ids":[)" +
      std::to_string(system_.system().accounts().FindUser(auth::Principal::Cli("t"), "po01")->id) + "]}";
  Reply wrong = Call(bhttp::verb::patch, "/api/v1/funds/" + std::to_string(fund20_), "pa20", foreign);
  ASSERT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.Json().at("error").at("fields").at(0).at("field"), "officer_ids[0]");
  EXPECT_EQ(Actions("fund:" + std::to_string(fund20_)), (std::vector<std::string>{"fund.update", "fund.create"}));
}

TEST_F(FundTest, AWomenManagedLoanIsApprovedDisbursedPartlyRepaidAnd45DaysInArrears) {
  // The cooperative applies for itself: the registry's flags, province and sector are kept.
  Reply applied = Apply("coop_w", 0);
  const int64_t app = Created(applied);
  ASSERT_GT(app, 0);
  const json::value& a = applied.Json();
  EXPECT_EQ(a.at("code"), "VV-2026-0001");
  EXPECT_EQ(a.at("status"), "submitted");
  EXPECT_EQ(a.at("priority").at("women_managed"), true);
  EXPECT_EQ(a.at("priority").at("youth"), false);
  EXPECT_EQ(a.at("entity").at("id"), women_);
  EXPECT_EQ(a.at("entity").at("name"), "Hợp tác xã LS-W");
  EXPECT_EQ(a.at("entity").at("province").at("name"), "Lạng Sơn");
  EXPECT_EQ(a.at("entity").at("sector"), "agriculture");
  EXPECT_EQ(a.at("fund").at("id"), fund20_);
  EXPECT_TRUE(a.at("appraisal").is_null());
  EXPECT_TRUE(a.at("decision").is_null());

  Reply appraised = Call(bhttp::verb::post, AppPath(app, "appraise"), "po20",
                         R"({"score":82,"notes":"Phương án kinh doanh khả thi"})");
  ASSERT_EQ(appraised.status, 200u) << appraised.body;
  EXPECT_EQ(appraised.Json().at("status"), "appraised");
  EXPECT_EQ(appraised.Json().at("appraisal").at("score"), 82);
  EXPECT_EQ(appraised.Json().at("appraisal").at("by"), "po20");

  Reply approved = Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(120'000'000));
  const int64_t loan = Created(approved);
  ASSERT_GT(loan, 0);
  EXPECT_EQ(approved.Json().at("code"), "KV-2026-0001");
  EXPECT_EQ(approved.Json().at("status"), "approved");
  EXPECT_EQ(approved.Json().at("terms").at("rate_percent_year"), "12");
  EXPECT_EQ(approved.Json().at("terms").at("method"), "equal_instalment");
  EXPECT_EQ(approved.Json().at("disbursed_vnd"), 0);
  Reply decided = Call(bhttp::verb::get, AppPath(app), "coop_w");
  EXPECT_EQ(decided.Json().at("status"), "approved");
  EXPECT_EQ(decided.Json().at("loan_id"), loan);
  EXPECT_EQ(decided.Json().at("decision").at("approved"), true);
  EXPECT_EQ(decided.Json().at("decision").at("terms").at("amount_vnd"), 120'000'000);

  On("2026-01-15");
  Reply disbursed = Call(bhttp::verb::post, LoanPath(loan, "disbursements"), "po20",
                         R"({"date":"2026-01-15","amount_vnd":120000000})");
  ASSERT_EQ(disbursed.status, 201u) << disbursed.body;
  EXPECT_EQ(disbursed.Json().at("status"), "active");
  EXPECT_EQ(disbursed.Json().at("disbursed_vnd"), 120'000'000);
  EXPECT_EQ(disbursed.Json().at("outstanding_principal_vnd"), 120'000'000);
  EXPECT_EQ(disbursed.Json().at("disbursements").as_array().size(), 1u);

  // The schedule: 12 monthly lines from 2026-02-15; the first period runs 31 days from the
  // disbursement, so its interest is 120 000 000 × 12 % × 31 / 365 = 1 223 013.7 → 1 223 014;
  // every instalment but the last is the same; the principal adds up to the amount.
  Reply schedule = Call(bhttp::verb::get, LoanPath(loan, "schedule"), "coop_w");
  ASSERT_EQ(schedule.status, 200u) << schedule.body;
  const json::array& lines = schedule.Json().at("lines").as_array();
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(lines[0].at("due_on"), "2026-02-15");
  EXPECT_EQ(lines[1].at("due_on"), "2026-03-15");
  EXPECT_EQ(lines[11].at("due_on"), "2027-01-15");
  EXPECT_EQ(lines[0].at("interest_vnd"), 1'223'014);
  int64_t principal = 0;
  for (const json::value& l : lines) principal += l.at("principal_vnd").as_int64();
  EXPECT_EQ(principal, 120'000'000);
  EXPECT_EQ(schedule.Json().at("totals").at("principal_vnd"), 120'000'000);
  const int64_t instalment = lines[0].at("total_vnd").as_int64();
  for (size_t i = 1; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i].at("total_vnd").as_int64(), instalment) << i;
  EXPECT_LE(lines[11].at("total_vnd").as_int64(), instalment);

  // The first instalment paid on its day: interest first, then principal, all on line 1.
  On("2026-02-15");
  Reply paid = Call(bhttp::verb::post, LoanPath(loan, "repayments"), "po20",
                    R"({"date":"2026-02-15","amount_vnd":)" + std::to_string(instalment) + R"(,"note":"Kỳ 1"})");
  ASSERT_EQ(paid.status, 201u) << paid.body;
  const json::value& allocations = paid.Json().at("repayment").at("allocations");
  ASSERT_EQ(allocations.as_array().size(), 1u);
  EXPECT_EQ(allocations.at(0).at("line"), 1);
  EXPECT_EQ(allocations.at(0).at("interest_vnd"), 1'223'014);
  EXPECT_EQ(allocations.at(0).at("principal_vnd"), instalment - 1'223'014);
  EXPECT_EQ(paid.Json().at("loan").at("principal_repaid_vnd"), instalment - 1'223'014);
  EXPECT_EQ(paid.Json().at("loan").at("outstanding_principal_vnd"), 120'000'000 - (instalment - 1'223'014));

  // The 2026-03-15 instalment is missed; on 2026-04-29, 45 days later, the loan is 45 days in
  // arrears with lines 2 and 3 overdue (line 3 fell due on 2026-04-15).
  On("2026-04-29");
  Reply late = Call(bhttp::verb::get, LoanPath(loan) + "?as_of=2026-04-29", "coop_w");
  ASSERT_EQ(late.status, 200u) << late.body;
  const json::value& l = late.Json();
  EXPECT_EQ(l.at("days_in_arrears"), 45);
  Reply lines_late = Call(bhttp::verb::get, LoanPath(loan, "schedule") + "?as_of=2026-04-29", "po20");
  const json::array& now = lines_late.Json().at("lines").as_array();
  EXPECT_EQ(now[0].at("state"), "paid");
  EXPECT_EQ(now[0].at("paid_on"), "2026-02-15");
  EXPECT_EQ(now[1].at("state"), "overdue");
  EXPECT_EQ(now[2].at("state"), "overdue");
  EXPECT_EQ(now[3].at("state"), "due");
  EXPECT_EQ(now[4].at("state"), "future");
  EXPECT_EQ(l.at("overdue_principal_vnd").as_int64(),
            now[1].at("principal_vnd").as_int64() + now[2].at("principal_vnd").as_int64());
  EXPECT_EQ(l.at("overdue_interest_vnd").as_int64(),
            now[1].at("interest_vnd").as_int64() + now[2].at("interest_vnd").as_int64());
  EXPECT_EQ(l.at("next_due").at("due_on"), "2026-05-15");
  EXPECT_EQ(l.at("priority").at("women_managed"), true);
  // The loans in arrears of the province list it; on 2026-03-15 it was not late yet.
  Reply arrears = Call(bhttp::verb::get, "/api/v1/loans?in_arrears=true&as_of=2026-04-29", "po20");
  ASSERT_EQ(arrears.status, 200u) << arrears.body;
  EXPECT_EQ(arrears.Json().at("total"), 1);
  EXPECT_EQ(arrears.Json().at("items").at(0).at("id"), loan);
  EXPECT_FALSE(arrears.Json().at("items").at(0).as_object().contains("disbursements"));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loans?in_arrears=true&as_of=2026-03-15", "po20").Json().at("total"), 0);

  // The portfolio on that day: the loan is more than 30 days in arrears, not 90: in PAR30, not
  // PAR90; it is the only active loan, so the women-managed share is all of it.
  Reply portfolio = Call(bhttp::verb::get, "/api/v1/loans/portfolio?as_of=2026-04-29&group_by=women_managed", "po20");
  ASSERT_EQ(portfolio.status, 200u) << portfolio.body;
  const json::value& totals = portfolio.Json().at("totals");
  EXPECT_EQ(totals.at("loans_active"), 1);
  EXPECT_EQ(totals.at("loans_in_arrears"), 1);
  EXPECT_EQ(totals.at("outstanding_principal_vnd"), l.at("outstanding_principal_vnd"));
  EXPECT_EQ(totals.at("par30_vnd"), l.at("outstanding_principal_vnd"));
  EXPECT_EQ(totals.at("par90_vnd"), 0);
  EXPECT_EQ(totals.at("par30_percent"), "100.0");
  EXPECT_EQ(totals.at("par90_percent"), "0.0");
  EXPECT_EQ(totals.at("disbursed_vnd"), 120'000'000);  // from 1 January
  EXPECT_EQ(portfolio.Json().at("women").at("loans_active"), 1);
  EXPECT_EQ(portfolio.Json().at("women").at("loans_share_percent"), "100.0");
  EXPECT_EQ(portfolio.Json().at("women").at("outstanding_share_percent"), "100.0");
  ASSERT_EQ(portfolio.Json().at("rows").as_array().size(), 1u);
  EXPECT_EQ(portfolio.Json().at("rows").at(0).at("key"), "true");
  // On 2026-03-15 (the day line 2 fell due) nothing was in arrears yet.
  Reply before = Call(bhttp::verb::get, "/api/v1/loans/portfolio?as_of=2026-03-15", "po20");
  EXPECT_EQ(before.Json().at("totals").at("par30_vnd"), 0);
  // Another province's portfolio is not its to read; the indicator source answers the same.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loans/portfolio?province=01", "po20").status, 403u);
  indicators::Question question;
  question.definition = {"fund.loans", "par30_vnd", {{"women_managed", "true"}}};
  question.from = question.to = *Date::ParseIso("2026-04-29");
  question.province = "20";
  auto par30 = system_.system().indicators().Ask(question, auth::Principal::Cli("test"));
  ASSERT_TRUE(par30.ok()) << par30.error().key;
  EXPECT_EQ(par30->value, l.at("outstanding_principal_vnd").as_int64());
  question.definition.filters = {{"women_managed", "false"}};
  EXPECT_EQ(system_.system().indicators().Ask(question, auth::Principal::Cli("test"))->value, 0);

  // The fund's summary counts the active loan and its outstanding principal.
  Reply fund = Call(bhttp::verb::get, "/api/v1/funds/" + std::to_string(fund20_), "po20");
  EXPECT_EQ(fund.Json().at("summary").at("loans_active"), 1);
  EXPECT_EQ(fund.Json().at("summary").at("outstanding_principal_vnd"), l.at("outstanding_principal_vnd"));

  // Every write in the audit log, named by the codes.
  EXPECT_EQ(
      Actions("loan_application:" + std::to_string(app)),
      (std::vector<std::string>{"loan_application.approve", "loan_application.appraise", "loan_application.create"}));
  EXPECT_EQ(Actions("loan:" + std::to_string(loan)), (std::vector<std::string>{"loan.repay", "loan.disburse"}));
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=loan:" + std::to_string(loan), "adm");
  EXPECT_EQ(audit.Json().at("items").at(0).at("object_name"), "KV-2026-0001");
}

TEST_F(FundTest, TheWorkflowRefusesWhatItDoesNotAllow) {
  const int64_t app = Created(Apply("po20", women_));
  // Approve before appraise: 409, with the status in words.
  Reply early = Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(120'000'000));
  ASSERT_EQ(early.status, 409u) << early.body;
  EXPECT_EQ(early.Json().at("error").at("reason"), "fund_approve_not_allowed");
  EXPECT_EQ(early.Json().at("error").at("fields").at(0).at("message"), "Submitted");
  Reply early_vi = Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(120'000'000), "vi");
  EXPECT_EQ(early_vi.Json().at("error").at("fields").at(0).at("message"), "Đã nộp");
  ASSERT_EQ(Call(bhttp::verb::post, AppPath(app, "appraise"), "po20", R"({"score":70})").status, 200u);
  // Above the fund's maximum (500 000 000): a field error naming both amounts.
  Reply above = Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(600'000'000));
  ASSERT_EQ(above.status, 400u) << above.body;
  const json::value& field = above.Json().at("error").at("fields").at(0);
  EXPECT_EQ(field.at("field"), "amount_vnd");
  EXPECT_EQ(field.at("code"), "above_rule");
  EXPECT_EQ(field.at("message"), "The amount 600000000 đồng is above the fund's maximum of 500000000 đồng.");
  Reply above_vi = Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(600'000'000), "vi");
  EXPECT_EQ(above_vi.Json().at("error").at("fields").at(0).at("message"),
            "Số tiền 600000000 đồng vượt mức cho vay tối đa của quỹ là 500000000 đồng.");
  // A rejected application takes no more steps.
  ASSERT_EQ(Call(bhttp::verb::post, AppPath(app, "reject"), "po20", R"({"reason":"Thiếu tài sản bảo đảm"})").status,
            200u);
  Reply again = Call(bhttp::verb::post, AppPath(app, "appraise"), "po20", R"({"score":90})");
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.Json().at("error").at("reason"), "fund_appraise_not_allowed");
  Reply rejected = Call(bhttp::verb::get, AppPath(app), "po20");
  EXPECT_EQ(rejected.Json().at("decision").at("approved"), false);
  EXPECT_EQ(rejected.Json().at("decision").at("reason"), "Thiếu tài sản bảo đảm");
  EXPECT_EQ(
      Actions("loan_application:" + std::to_string(app)),
      (std::vector<std::string>{"loan_application.reject", "loan_application.appraise", "loan_application.create"}));
}

TEST_F(FundTest, ARepaymentAboveWhatClosesTheLoanIsRefusedNamingThatAmount) {
  const int64_t loan = DisbursedLoan();
  On("2026-03-01");
  Reply state = Call(bhttp::verb::get, LoanPath(loan) + "?as_of=2026-03-01", "po20");
  const int64_t to_close = state.Json().at("to_close_vnd").as_int64();
  // What closes it: the principal, the overdue line's interest and the current line's whole
  // interest (line 2's, on the balance scheduled after line 1: not reduced by closing early).
  Reply lines = Call(bhttp::verb::get, LoanPath(loan, "schedule") + "?as_of=2026-03-01", "po20");
  const json::array& l = lines.Json().at("lines").as_array();
  EXPECT_EQ(l[0].at("state"), "overdue");
  EXPECT_EQ(l[1].at("state"), "due");
  EXPECT_EQ(l[0].at("interest_vnd"), 1'223'014);
  // 28 days (15 February to 15 March) on 120 000 000 − line 1's principal, at 12 %.
  const int64_t balance = 120'000'000 - l[0].at("principal_vnd").as_int64();
  EXPECT_EQ(l[1].at("interest_vnd").as_int64(), (balance * 12 * 28 * 2 + 36'500) / 73'000);
  EXPECT_EQ(to_close, 120'000'000 + 1'223'014 + l[1].at("interest_vnd").as_int64());
  Reply too_much = Call(bhttp::verb::post, LoanPath(loan, "repayments"), "po20",
                        R"({"date":"2026-03-01","amount_vnd":)" + std::to_string(to_close + 1) + "}");
  ASSERT_EQ(too_much.status, 400u) << too_much.body;
  EXPECT_EQ(too_much.Json().at("error").at("fields").at(0).at("field"), "amount_vnd");
  EXPECT_EQ(std::string(too_much.Json().at("error").at("fields").at(0).at("message").as_string()),
            "On 2026-03-01, " + std::to_string(to_close) + " đồng closes the loan: a repayment of " +
                std::to_string(to_close + 1) + " đồng, larger than that, cannot be taken.");
  // Exactly that amount closes it: repaid, audited loan.close.
  Reply closed = Call(bhttp::verb::post, LoanPath(loan, "repayments"), "po20",
                      R"({"date":"2026-03-01","amount_vnd":)" + std::to_string(to_close) + "}");
  ASSERT_EQ(closed.status, 201u) << closed.body;
  EXPECT_EQ(closed.Json().at("loan").at("status"), "repaid");
  EXPECT_EQ(closed.Json().at("loan").at("outstanding_principal_vnd"), 0);
  EXPECT_EQ(closed.Json().at("loan").at("repaid_on"), "2026-03-01");
  EXPECT_EQ(Actions("loan:" + std::to_string(loan)),
            (std::vector<std::string>{"loan.close", "loan.repay", "loan.disburse"}));
  // A repaid loan takes no more repayments.
  EXPECT_EQ(
      Call(bhttp::verb::post, LoanPath(loan, "repayments"), "po20", R"({"date":"2026-03-01","amount_vnd":1})").status,
      409u);
}

TEST_F(FundTest, AWriteOffIsApprovedByAnotherAdministratorThanItsRequester) {
  const int64_t loan = DisbursedLoan();
  On("2026-06-30");
  Reply requested = Call(bhttp::verb::post, LoanPath(loan, "write-off"), "pa20",
                         R"({"on":"2026-06-30","reason":"HTX giải thể, không còn tài sản"})");
  ASSERT_EQ(requested.status, 200u) << requested.body;
  EXPECT_EQ(requested.Json().at("write_off").at("status"), "requested");
  EXPECT_EQ(requested.Json().at("write_off").at("requested_by"), "pa20");
  // The requester cannot approve it; an officer cannot either; another admin in scope can.
  Reply same = Call(bhttp::verb::post, LoanPath(loan, "write-off/approve"), "pa20", "{}");
  ASSERT_EQ(same.status, 403u) << same.body;
  EXPECT_EQ(same.Json().at("error").at("reason"), "fund_write_off_same_user");
  EXPECT_EQ(Call(bhttp::verb::post, LoanPath(loan, "write-off/approve"), "po20", "{}").status, 403u);
  Reply approved = Call(bhttp::verb::post, LoanPath(loan, "write-off/approve"), "adm", "{}");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Json().at("status"), "written_off");
  EXPECT_EQ(approved.Json().at("write_off").at("status"), "approved");
  EXPECT_EQ(approved.Json().at("write_off").at("decided_by"), "adm");
  EXPECT_EQ(approved.Json().at("write_off").at("principal_vnd"), 120'000'000);
  EXPECT_EQ(Actions("loan:" + std::to_string(loan)),
            (std::vector<std::string>{"loan.write_off_approve", "loan.write_off_request", "loan.disburse"}));
}

TEST_F(FundTest, ARescheduledLoanKeepsItsOldSchedule) {
  const int64_t loan = DisbursedLoan();
  On("2026-04-20");
  Reply r = Call(bhttp::verb::post, LoanPath(loan, "reschedule"), "po20",
                 R"({"on":"2026-04-20","reason":"Mất mùa do lũ","rate_percent_year":"6.5","term_months":12,)"
                 R"("grace_months":3,"method":"equal_principal","frequency":"monthly","first_due_on":"2026-05-20"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_EQ(r.Json().at("reschedulings").as_array().size(), 1u);
  EXPECT_EQ(r.Json().at("reschedulings").at(0).at("version"), 1);
  EXPECT_EQ(r.Json().at("reschedulings").at(0).at("reason"), "Mất mùa do lũ");
  EXPECT_EQ(r.Json().at("terms").at("rate_percent_year"), "6.5");
  EXPECT_EQ(r.Json().at("approved_terms").at("rate_percent_year"), "12");
  Reply old = Call(bhttp::verb::get, LoanPath(loan, "schedule") + "?version=0", "po20");
  ASSERT_EQ(old.status, 200u) << old.body;
  EXPECT_EQ(old.Json().at("version"), 0);
  EXPECT_EQ(old.Json().at("lines").at(0).at("due_on"), "2026-02-15");
  Reply current = Call(bhttp::verb::get, LoanPath(loan, "schedule"), "po20");
  EXPECT_EQ(current.Json().at("version"), 1);
  EXPECT_EQ(Call(bhttp::verb::get, LoanPath(loan, "schedule") + "?version=2", "po20").status, 400u);
  EXPECT_EQ(Actions("loan:" + std::to_string(loan)), (std::vector<std::string>{"loan.reschedule", "loan.disburse"}));
}

TEST_F(FundTest, ScopeHidesOtherProvincesAndOtherCooperatives) {
  const int64_t app = Created(Apply("coop_w", 0));
  // Another province's officer: 404 and an empty list; a partner: 403.
  EXPECT_EQ(Call(bhttp::verb::get, AppPath(app), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loan-applications", "po01").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::post, AppPath(app, "appraise"), "po01", R"({"score":50})").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loan-applications", "partner1").status, 403u);
  // Another cooperative: 404, its list empty; it may not apply for another entity.
  EXPECT_EQ(Call(bhttp::verb::get, AppPath(app), "coop_b").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loan-applications", "coop_b").Json().at("total"), 0);
  Reply foreign = Apply("coop_b", women_);
  EXPECT_EQ(foreign.status, 403u) << foreign.body;
  EXPECT_EQ(foreign.Json().at("error").at("reason"), "fund_own_entity_only");
  // Nor take a step on its own application.
  EXPECT_EQ(Call(bhttp::verb::post, AppPath(app, "appraise"), "coop_w", R"({"score":100})").status, 403u);
  // The national staff and the province's read it; the cooperative its own.
  EXPECT_EQ(Call(bhttp::verb::get, AppPath(app), "nat").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/loan-applications", "coop_w").Json().at("total"), 1);
  // A province officer cannot apply to the national fund, nor for another province's entity.
  EXPECT_EQ(Apply("po20", women_, 1000, national_fund_).status, 403u);
  Reply hanoi = Apply("nat", hanoi_);
  ASSERT_EQ(hanoi.status, 400u) << hanoi.body;
  EXPECT_EQ(hanoi.Json().at("error").at("fields").at(0).at("code"), "entity_other_province");
  // The national fund: a cooperative of any province applies; the province's officers read it.
  const int64_t national = Created(Apply("coop_w", 0, 2'000'000'000, national_fund_));
  EXPECT_EQ(Call(bhttp::verb::get, AppPath(national), "po20").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::post, AppPath(national, "appraise"), "po20", R"({"score":60})").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::post, AppPath(national, "appraise"), "nat", R"({"score":60})").status, 200u);
}

TEST_F(FundTest, BadInputIsNamedByFieldInBothLanguages) {
  const std::string body = R"({"fund_id":999999,"amount_vnd":-5,"purpose":"  ","term_months":0,"colour":"red"})";
  Reply en = Call(bhttp::verb::post, "/api/v1/loan-applications", "po20", body);
  ASSERT_EQ(en.status, 400u) << en.body;
  std::map<std::string, std::string> fields;
  for (const json::value& f : en.Json().at("error").at("fields").as_array())
    fields[std::string(f.at("field").as_string())] = std::string(f.at("message").as_string());
  EXPECT_TRUE(fields.contains("colour"));
  // The unknown member first stops the body; without it, the values are checked.
  Reply values = Call(bhttp::verb::post, "/api/v1/loan-applications", "po20",
                      R"({"fund_id":999999,"entity_id":)" + std::to_string(women_) +
                          R"(,"amount_vnd":-5,"purpose":"  ","term_months":0})");
  ASSERT_EQ(values.status, 400u) << values.body;
  fields.clear();
  for (const json::value& f : values.Json().at("error").at("fields").as_array())
    fields[std::string(f.at("field").as_string())] = std::string(f.at("message").as_string());
  EXPECT_EQ(fields["amount_vnd"], "An amount in đồng from 1 to 1000000000000000.");
  EXPECT_EQ(fields["term_months"], "A number of months from 1 to 600.");
  EXPECT_EQ(fields["fund_id"], "No fund 999999.");
  EXPECT_TRUE(fields.contains("purpose"));
  Reply vi = Call(bhttp::verb::post, "/api/v1/loan-applications", "po20",
                  R"({"fund_id":999999,"entity_id":)" + std::to_string(women_) +
                      R"(,"amount_vnd":-5,"purpose":"Vốn","term_months":12})",
                  "vi");
  ASSERT_EQ(vi.status, 400u);
  fields.clear();
  for (const json::value& f : vi.Json().at("error").at("fields").as_array())
    fields[std::string(f.at("field").as_string())] = std::string(f.at("message").as_string());
  EXPECT_EQ(fields["amount_vnd"], "Số tiền (đồng) từ 1 đến 1000000000000000.");
  EXPECT_EQ(fields["fund_id"], "Không có quỹ 999999.");
  // A rate that is not a percent.
  const int64_t app = Created(Apply("po20", women_));
  ASSERT_EQ(Call(bhttp::verb::post, AppPath(app, "appraise"), "po20", R"({"score":75})").status, 200u);
  Reply rate = Call(bhttp::verb::post, AppPath(app, "approve"), "po20",
                    R"({"amount_vnd":1000000,"rate_percent_year":"7,25","term_months":12,"method":"equal_instalment",)"
                    R"("frequency":"weekly","first_due_on":"2026-02-15"})");
  ASSERT_EQ(rate.status, 400u) << rate.body;
  fields.clear();
  for (const json::value& f : rate.Json().at("error").at("fields").as_array())
    fields[std::string(f.at("field").as_string())] = std::string(f.at("message").as_string());
  EXPECT_EQ(fields["rate_percent_year"],
            "Invalid rate \"7,25\": write the yearly percent as text with at most 4 decimals, e.g. \"7.25\".");
  EXPECT_TRUE(fields.contains("frequency"));
  // A score out of range; a disbursement in the future or above the approved amount.
  Reply score = Call(bhttp::verb::post, AppPath(app, "appraise"), "po20", R"({"score":120})", "vi");
  ASSERT_EQ(score.status, 400u);
  EXPECT_EQ(score.Json().at("error").at("fields").at(0).at("message"), "Điểm 120 không nằm trong khoảng 0 đến 100.");
  const int64_t loan = Created(Call(bhttp::verb::post, AppPath(app, "approve"), "po20", Terms(100'000'000)));
  Reply future =
      Call(bhttp::verb::post, LoanPath(loan, "disbursements"), "po20", R"({"date":"2026-01-20","amount_vnd":1000})");
  ASSERT_EQ(future.status, 400u) << future.body;
  EXPECT_EQ(future.Json().at("error").at("fields").at(0).at("message"),
            "The date 2026-01-20 is after today (2026-01-10).");
  Reply much = Call(bhttp::verb::post, LoanPath(loan, "disbursements"), "po20",
                    R"({"date":"2026-01-10","amount_vnd":100000001})");
  ASSERT_EQ(much.status, 400u) << much.body;
  EXPECT_EQ(much.Json().at("error").at("fields").at(0).at("message"),
            "Disbursements would total 100000001 đồng, above the approved 100000000 đồng (only 100000000 đồng may "
            "still be disbursed).");
}

}  // namespace
}  // namespace hoptac

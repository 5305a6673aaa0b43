// The portfolio at national scale (docs/perf.md, "The support fund's portfolio"): 100,000 loans with
// about 2,000,000 schedule lines written through the store, then the median time of
// GET /api/v1/loans/portfolio?group_by=province (answered from memory: fund::Portfolio) against the
// plainest SQL that answers a part of it — disbursed amounts by province on the same date, one
// GROUP BY over the loans joined with their disbursements — on the same database; also the time to
// build the portfolio from the database (start-up) and of one repayment at that scale (the changed
// loan recomputed and a new portfolio swapped in). Not part of the suite: run with
//   build/dev/tests/hoptac_integration_tests --gtest_also_run_disabled_tests --gtest_filter='FundBench.*'
// (bench/run.sh runs it on SQLite). FUND_BENCH_LOANS changes the number of loans.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/log.h"
#include "fund/fund_store.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;

class FundBench : public testing::SystemTest {};

double MedianMs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

TEST_F(FundBench, DISABLED_PortfolioOfOneHundredThousandLoans) {
  log::SetQuiet(true);
  const int loans = std::getenv("FUND_BENCH_LOANS") ? std::atoi(std::getenv("FUND_BENCH_LOANS")) : 100'000;
  ASSERT_TRUE(CreateSystem());
  ASSERT_TRUE(system_.Serve());
  system_.AddUser("nat", "national_officer");
  const char* provinces[] = {"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25",
                             "31", "33", "37", "38", "40", "42", "44", "46", "48", "51", "52", "56",
                             "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"};
  // One cooperative per province (loans of the same cooperative are fine for the portfolio).
  std::vector<int64_t> entities;
  for (int p = 0; p < 34; ++p) {
    auto made = system_.system().entities().Create(auth::Principal::Cli("bench"), [&] {
      domain::Entity e;
      e.kind = domain::EntityKind::kCooperative;
      e.name = std::string("Hợp tác xã quỹ ") + provinces[p];
      e.registration_code = std::string("FB-") + provinces[p];
      e.province_code = provinces[p];
      e.founded_on = Date::FromCivil(2015, 1, 1);
      e.sector = domain::Sector::kAgriculture;
      return e;
    }());
    ASSERT_TRUE(made.ok());
    entities.push_back(made->entity.id);
  }
  const Date as_of = Date::FromCivil(2026, 11, 30);
  int64_t lines = 0, repayments = 0;
  const auto load_start = Clock::now();
  ASSERT_TRUE(system_.system()
                  .db()
                  .Write([&](storage::Connection& conn) -> Status {
                    fund::Fund national;
                    national.name = "Quỹ hỗ trợ phát triển HTX Trung ương";
                    national.capital_vnd = 5'000'000'000'000;
                    HOPTAC_TRY(fund::InsertFund(conn, national));
                    uint64_t seed = 12345;
                    auto next = [&] {
                      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                      return static_cast<int>((seed >> 33) % 1'000'000);
                    };
                    for (int i = 0; i < loans; ++i) {
                      const int p = i % 34;
                      fund::Terms t;
                      t.amount_vnd = 50'000'000 + int64_t{next() % 400} * 1'000'000;
                      t.rate_e4 = 60'000 + (next() % 40) * 1'000;
                      const bool quarterly = next() % 4 == 0;
                      t.frequency = quarterly ? fund::Frequency::kQuarterly : fund::Frequency::kMonthly;
                      t.term_months = quarterly ? 36 + 12 * (next() % 3) : 12 + next() % 25;
                      if (quarterly) t.term_months -= t.term_months % 3;
                      t.method = next() % 2 ? fund::Method::kEqualInstalment : fund::Method::kEqualPrincipal;
                      const Date disbursed = Date::FromDays(Date::FromCivil(2023, 1, 1).days() + next() % 1'300);
                      t.first_due_on = Date::FromCivil(disbursed.year(), disbursed.month(), 1);
                      t.first_due_on = Date::FromDays(t.first_due_on.days() + 40);
                      t.first_due_on = Date::FromCivil(t.first_due_on.year(), t.first_due_on.month(), 15);
                      auto plan = fund::PlanSchedule(t, disbursed);
                      if (!plan.ok()) return plan.error();
                      lines += static_cast<int64_t>(plan->size());
                      fund::Application a;
                      a.code = "VV-B-" + std::to_string(i);
                      a.fund_id = national.id;
                      a.entity_id = entities[p];
                      a.province_code = provinces[p];
                      a.sector = "agriculture";
                      a.women_managed = next() % 5 == 0;
                      a.youth = next() % 7 == 0;
                      a.amount_vnd = t.amount_vnd;
                      a.purpose = "Vốn lưu động";
                      a.term_months = t.term_months;
                      a.status = "approved";
                      a.submitted_by = "bench";
                      a.submitted_at_ms = a.updated_at_ms = int64_t{disbursed.days() - 30} * 86'400'000;
                      HOPTAC_TRY(fund::InsertApplication(conn, a));
                      fund::Loan l;
                      l.code = "KV-B-" + std::to_string(i);
                      l.fund_id = national.id;
                      l.application_id = a.id;
                      l.entity_id = a.entity_id;
                      l.province_code = a.province_code;
                      l.sector = a.sector;
                      l.women_managed = a.women_managed;
                      l.youth = a.youth;
                      l.terms = t;
                      l.status = "active";
                      l.approved_by = "bench";
                      l.approved_at_ms = l.updated_at_ms = a.submitted_at_ms + 86'400'000;
                      HOPTAC_TRY(fund::InsertLoan(conn, l));
                      fund::DisbursementRecord d{0, disbursed, t.amount_vnd, "bench", l.approved_at_ms};
                      HOPTAC_TRY(fund::InsertDisbursement(conn, l.id, d));
                      // Pays every line due by as_of on its due date, except: one loan in six stops
                      // paying at a random line (in arrears from then on), one in ten pays a line late.
                      const int stop = next() % 6 == 0 ? next() % static_cast<int>(plan->size()) : 1'000;
                      const bool late = next() % 10 == 0;
                      for (int k = 0; k < static_cast<int>(plan->size()) && k < stop; ++k) {
                        const fund::ScheduleLine& line = (*plan)[k];
                        if (line.due_on > as_of) break;
                        Date paid = line.due_on;
                        if (late && k == 1) paid = Date::FromDays(line.due_on.days() + 20);
                        if (paid > as_of) break;
                        fund::RepaymentRecord r{0,  paid,    line.total_vnd(),
                                                "", "bench", int64_t{paid.days()} * 86'400'000};
                        HOPTAC_TRY(fund::InsertRepayment(conn, l.id, r));
                        ++repayments;
                      }
                    }
                    return Ok();
                  })
                  .ok());
  const double load_s = Ms(load_start, Clock::now()) / 1000;

  // Start-up: the portfolio built from the database (read, every loan computed, indexed).
  const auto build_start = Clock::now();
  ASSERT_TRUE(system_.system().fund().RebuildPortfolio().ok());
  const double build_ms = Ms(build_start, Clock::now());
  const auto portfolio = system_.system().fund().portfolio();
  ASSERT_TRUE(portfolio);

  const std::string target = "/api/v1/loans/portfolio?as_of=" + as_of.ToIso() + "&group_by=province";
  auto ask = [&] {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat"]);
    return testing::Send(system_.port(), std::move(req));
  };
  auto first = ask();
  ASSERT_EQ(first.status, 200u) << first.body;
  const auto answer = first.Json().as_object();
  EXPECT_EQ(answer.at("rows").as_array().size(), 34u);
  std::vector<double> api;
  for (int i = 0; i < 21; ++i) {
    const auto t0 = Clock::now();
    auto r = ask();
    api.push_back(Ms(t0, Clock::now()));
    ASSERT_EQ(r.status, 200u);
  }
  std::vector<double> sql;
  for (int i = 0; i < 21; ++i) {
    const auto t0 = Clock::now();
    ASSERT_TRUE(system_.system()
                    .db()
                    .Read([&](storage::Connection& conn) -> Status {
                      HOPTAC_ASSIGN_OR_RETURN(
                          auto rows,
                          conn.QueryAll("SELECT l.province_code, COUNT(*), SUM(d.amount_vnd) FROM loans l "
                                        "JOIN loan_disbursements d ON d.loan_id = l.id WHERE d.on_date <= $1 "
                                        "GROUP BY l.province_code",
                                        {as_of.ToIso()}));
                      EXPECT_EQ(rows.size(), 34u);
                      return Ok();
                    })
                    .ok());
    sql.push_back(Ms(t0, Clock::now()));
  }
  // One repayment at this scale: the loan recomputed and a new portfolio swapped in before the answer.
  std::vector<double> writes;
  {
    auto loans_page = [&] {
      bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/api/v1/loans?in_arrears=true&limit=5", 11};
      req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat"]);
      return testing::Send(system_.port(), std::move(req));
    }();
    ASSERT_EQ(loans_page.status, 200u) << loans_page.body;
    system_.AddUser("nat_w", "national_officer");
    for (const auto& item : loans_page.Json().at("items").as_array()) {
      const int64_t id = item.at("id").as_int64();
      bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/api/v1/loans/" + std::to_string(id) + "/repayments",
                                             11};
      req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat_w"]);
      req.set(bhttp::field::content_type, "application/json");
      req.body() = R"({"date":")" + Date::Today().ToIso() + R"(","amount_vnd":1000})";
      const auto t0 = Clock::now();
      auto r = testing::Send(system_.port(), std::move(req));
      writes.push_back(Ms(t0, Clock::now()));
      EXPECT_EQ(r.status, 201u) << r.body;
    }
  }
  std::printf(
      "FUND_BENCH loans=%d lines=%lld repayments=%lld load_s=%.1f portfolio_build_ms=%.0f portfolio_memory_mb=%.0f "
      "api_portfolio_by_province_median_ms=%.2f sql_disbursed_by_province_median_ms=%.2f ratio=%.2f "
      "repayment_post_median_ms=%.1f outstanding_vnd=%lld par30_vnd=%lld\n",
      loans, static_cast<long long>(lines), static_cast<long long>(repayments), load_s, build_ms,
      static_cast<double>(portfolio->memory_bytes()) / 1e6, MedianMs(api), MedianMs(sql), MedianMs(api) / MedianMs(sql),
      writes.empty() ? 0.0 : MedianMs(writes),
      static_cast<long long>(answer.at("totals").at("outstanding_principal_vnd").as_int64()),
      static_cast<long long>(answer.at("totals").at("par30_vnd").as_int64()));
  EXPECT_GT(answer.at("totals").at("par30_vnd").as_int64(), 0);
}

}  // namespace
}  // namespace hoptac

// The loan-book import (src/fund/fund_import.h) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: POST /api/v1/loans/import with a CSV written here (hand-computed: 365 M at
// 12 % a year, actual/365, is 120 000 đồng of interest a day) and the LibreOffice XLSX fixture;
// a file with errors writes nothing and names every row; a dry run writes nothing; the audit row
// `loan.import`; an entity out of the importer's scope and a loan code already taken are refused.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/log.h"
#include "integration/fund/fund_fixture.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using fundtest::kDayMs;
using testing::Reply;

class FundImportTest : public fundtest::FundFixture {
 protected:
  Reply Import(const std::string& as, int64_t fund, const std::string& bytes, bool dry_run, const char* lang = "en") {
    bhttp::request<bhttp::string_body> req{
        bhttp::verb::post,
        "/api/v1/loans/import?fund_id=" + std::to_string(fund) + "&dry_run=" + (dry_run ? "true" : "false"), 11};
    req.set(bhttp::field::accept_language, lang);
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    req.set(bhttp::field::content_type, "text/csv");
    req.set("X-File-Name", "so-cho-vay.csv");
    req.body() = bytes;
    return testing::Send(system_.port(), std::move(req));
  }
  int64_t LoanCount() {
    Reply r = Call(bhttp::verb::get, "/api/v1/loans?limit=500", "adm");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? r.Json().at("total").as_int64() : -1;
  }
  json::object LoanByCode(const std::string& code, const std::string& as_of) {
    Reply r = Call(bhttp::verb::get, "/api/v1/loans?limit=500&as_of=" + as_of, "adm");
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const json::value& v : r.Json().at("items").as_array())
      if (v.at("code").as_string() == code) return v.as_object();
    ADD_FAILURE() << "no loan " << code << " in " << r.body;
    return {};
  }
  static std::string Fixture(const std::string& name) {
    std::ifstream in(std::filesystem::path(HOPTAC_SOURCE_DIR) / "tests/data/fund" / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

// L-1: 365 000 000 at 12 %, 10 months, equal principal (36 500 000 a line), first due 2026-02-15,
// disbursed 2026-01-15; line 1's interest is 31 days × 120 000 = 3 720 000, paid with its principal
// on 2026-02-15 (40 220 000); line 2 (due 2026-03-15) unpaid. L-2: approved, nothing disbursed.
const char* kBook =
    "record,loan_code,entity,approved_on,amount_vnd,rate_percent_year,term_months,grace_months,method,frequency,"
    "first_due_on,date,note\n"
    "loan,L-1,LS-W,2026-01-10,365000000,12,10,0,equal_principal,monthly,2026-02-15,,\n"
    "disbursement,L-1,,,365000000,,,,,,,2026-01-15,\n"
    "repayment,L-1,,,40220000,,,,,,,2026-02-15,ky 1\n"
    "loan,L-2,LS-B,2026-03-01,100000000,7.25,12,0,equal_instalment,quarterly,2026-06-01,,\n";

TEST_F(FundImportTest, ImportsTheBookWithHandComputedBalancesAndOneAuditRow) {
  On("2026-04-01");
  // A dry run: the report, nothing written.
  Reply dry = Import("po20", fund20_, kBook, true);
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_EQ(dry.Json().at("dry_run").as_bool(), true);
  EXPECT_EQ(dry.Json().at("committed").as_bool(), false);
  EXPECT_EQ(dry.Json().at("loans").as_int64(), 2);
  EXPECT_EQ(dry.Json().at("disbursements").as_int64(), 1);
  EXPECT_EQ(dry.Json().at("repayments").as_int64(), 1);
  EXPECT_EQ(LoanCount(), 0);

  Reply done = Import("po20", fund20_, kBook, false);
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.Json().at("committed").as_bool(), true);
  EXPECT_TRUE(done.Json().at("errors").as_array().empty());
  EXPECT_EQ(LoanCount(), 2);
  json::object l1 = LoanByCode("L-1", "2026-04-01");
  EXPECT_EQ(l1.at("status").as_string(), "active");
  EXPECT_EQ(l1.at("disbursed_vnd").as_int64(), 365'000'000);
  EXPECT_EQ(l1.at("principal_repaid_vnd").as_int64(), 36'500'000);
  EXPECT_EQ(l1.at("interest_repaid_vnd").as_int64(), 3'720'000);
  EXPECT_EQ(l1.at("outstanding_principal_vnd").as_int64(), 328'500'000);
  EXPECT_EQ(l1.at("overdue_principal_vnd").as_int64(), 36'500'000);
  EXPECT_EQ(l1.at("days_in_arrears").as_int64(), 17);  // 2026-03-15 → 2026-04-01
  json::object l2 = LoanByCode("L-2", "2026-04-01");
  EXPECT_EQ(l2.at("status").as_string(), "approved");
  EXPECT_EQ(l2.at("outstanding_principal_vnd").as_int64(), 0);

  // One audit row for the whole file, on the fund.
  std::vector<std::string> actions = Actions("fund:" + std::to_string(fund20_));
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "loan.import"), 1) << ::testing::PrintToString(actions);

  // The same book again: every loan code is taken, nothing written.
  Reply again = Import("po20", fund20_, kBook, false);
  ASSERT_EQ(again.status, 422u) << again.body;
  const json::array& errors = again.Json().at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u) << again.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 2);
  EXPECT_EQ(errors[0].at("field").as_string(), "loan_code");
  EXPECT_EQ(errors[0].at("message").as_string(),
            "The loan code L-1 is already in the system: the book was imported before, or change the code.");
  EXPECT_EQ(errors[1].at("row").as_int64(), 5);
  EXPECT_EQ(LoanCount(), 2);
}

TEST_F(FundImportTest, AFileWithErrorsWritesNothingAndNamesEveryRow) {
  On("2026-04-01");
  Reply r = Import("adm", national_fund_, Fixture("loan_book_errors.csv"), false, "vi");
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(r.Json().at("committed").as_bool(), false);
  const json::array& errors = r.Json().at("errors").as_array();
  EXPECT_GE(errors.size(), 10u) << r.body;
  int64_t last = 0;
  for (const json::value& e : errors) {
    EXPECT_GE(e.at("row").as_int64(), last);  // by row
    last = e.at("row").as_int64();
    EXPECT_FALSE(e.at("message").as_string().empty());
  }
  EXPECT_EQ(LoanCount(), 0);
  // A dry run of the same: the same report, 422 too (rows wrong), nothing written.
  Reply dry = Import("adm", national_fund_, Fixture("loan_book_errors.csv"), true, "vi");
  EXPECT_EQ(dry.Json().at("errors").as_array().size(), errors.size());
  EXPECT_EQ(LoanCount(), 0);
}

TEST_F(FundImportTest, TheLibreOfficeWorkbookImports) {
  On("2026-08-01");
  AddCooperative("HTX-9", "20", false);
  Reply r = Import("adm", national_fund_, Fixture("loan_book_libreoffice.xlsx"), false);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("loans").as_int64(), 1);
  EXPECT_EQ(r.Json().at("disbursements").as_int64(), 1);
  EXPECT_EQ(r.Json().at("repayments").as_int64(), 2);
  json::object x1 = LoanByCode("X-1", "2026-08-01");
  EXPECT_EQ(x1.at("disbursed_vnd").as_int64(), 250'000'000);
  // Interest first: 10 000 000 repaid, all of it interest (a quarter of 250 M at 7.5 % is ≈ 4.6 M).
  EXPECT_EQ(x1.at("interest_repaid_vnd").as_int64() + x1.at("principal_repaid_vnd").as_int64(), 10'000'000);
}

TEST_F(FundImportTest, ScopeIsChecked) {
  On("2026-04-01");
  // A Hà Nội entity in Lạng Sơn's officer's file: unknown to them, on its row and column.
  std::string book = std::string(kBook);
  book.replace(book.find("LS-W"), 4, "HN-C");
  Reply r = Import("po20", fund20_, book, false);
  ASSERT_EQ(r.status, 422u) << r.body;
  const json::array& errors = r.Json().at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u) << r.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 2);
  EXPECT_EQ(errors[0].at("field").as_string(), "entity");
  EXPECT_EQ(errors[0].at("message").as_string(), "No entity HN-C in the registry.");
  // Another province's officer may not import into this fund; nor a cooperative.
  EXPECT_EQ(Import("po01", fund20_, kBook, false).status, 403u);
  EXPECT_EQ(Import("coop_w", fund20_, kBook, false).status, 403u);
  EXPECT_EQ(LoanCount(), 0);
}

}  // namespace
}  // namespace hoptac

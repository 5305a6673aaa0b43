// POST /api/v1/loans/import?fund_id=&dry_run= : the loan-book import (fund_import.h). The body is
// the file (CSV or XLSX, told from its bytes); X-File-Name names it for the audit row. 200 with the
// report for a dry run and a committed import; 422 with the report when rows are wrong.
#include <boost/json.hpp>

#include "fund/api/routes.h"
#include "fund/fund_import.h"
#include "http/request.h"
#include "text/i18n.h"
#include "text/utf8.h"

namespace hoptac::fund::api {

namespace {
constexpr size_t kMaxLoanBookBytes = 64u << 20;

boost::json::object ReportJson(const LoanImportReport& r, i18n::Lang lang) {
  boost::json::array errors;
  for (const RowError& e : r.errors)
    errors.push_back({{"row", e.row}, {"field", e.column}, {"message", i18n::Translate(lang, e.key, e.args)}});
  return {{"dry_run", r.dry_run},       {"committed", r.committed},
          {"loans", r.loans},           {"disbursements", r.disbursements},
          {"repayments", r.repayments}, {"errors", std::move(errors)}};
}
}  // namespace

void AddImportRoute(http::Router& router, const Services& services) {
  FundService* svc = services.fund;
  http::Route route{"POST",
                    "/api/v1/loans/import",
                    "loans.import",
                    http::Access::kAuthenticated,
                    http::Execution::kWorker,
                    [svc](http::Request& request) -> Result<http::Response> {
                      HOPTAC_TRY(http::CheckQueryParameters(request, {"fund_id", "dry_run"}));
                      if (!request.Query("fund_id"))
                        return Error::InvalidField("fund_id", "required", "field.required");
                      HOPTAC_ASSIGN_OR_RETURN(int fund_id, http::IntParameter(request, "fund_id", 0));
                      HOPTAC_ASSIGN_OR_RETURN(bool dry_run, http::BoolParameter(request, "dry_run"));
                      std::string name(request.Header("x-file-name"));
                      text::TruncateUtf8(name, 255);
                      HOPTAC_ASSIGN_OR_RETURN(
                          LoanImportReport report,
                          ImportLoanBook(*svc, request.principal, fund_id, std::move(request.body), name, dry_run));
                      return http::Response::Json(ReportJson(report, request.lang), report.errors.empty() ? 200 : 422);
                    }};
  route.body_limit = kMaxLoanBookBytes;
  route.body_timeout = std::chrono::minutes(5);
  router.Add(std::move(route));
}

}  // namespace hoptac::fund::api

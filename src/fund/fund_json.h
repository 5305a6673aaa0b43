// The only JSON of the fund's records: the API's answers, the audit rows and the reading of
// request bodies (io::JsonReader: every problem a field error with its path). Money is integer
// đồng as JSON integers; a rate is a string "7.25" (a JSON integer is read as whole percent).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "base/result.h"
#include "fund/fund.h"
#include "fund/fund_service.h"

namespace hoptac::fund {

Result<FundInput> ReadFundInput(const boost::json::object& body, bool creating);
Result<ApplicationInput> ReadApplicationInput(const boost::json::object& body);
struct AppraisalBody {
  std::optional<int64_t> score;
  std::string notes;
};
Result<AppraisalBody> ReadAppraisal(const boost::json::object& body);
// The approval's terms (amount_vnd, rate_percent_year, term_months, grace_months, method,
// frequency, first_due_on).
Result<Terms> ReadTermsBody(const boost::json::object& body);
Result<RescheduleInput> ReadReschedule(const boost::json::object& body);
struct DatedAmount {
  Date date;
  Money amount_vnd = 0;
  std::string note;
};
// {date, amount_vnd} (+ note when `with_note`).
Result<DatedAmount> ReadDatedAmount(const boost::json::object& body, bool with_note);
struct WriteOffBody {
  Date on;
  std::string reason;
};
Result<WriteOffBody> ReadWriteOff(const boost::json::object& body);
Result<std::string> ReadReason(const boost::json::object& body);

boost::json::object TermsJson(const Terms& t);
// The records' own fields (the audit rows).
boost::json::object FundJson(const Fund& f);
boost::json::object ApplicationJson(const Application& a);
boost::json::object LoanRecordJson(const Loan& l);
// The contract's answers.
boost::json::object FundViewJson(const FundView& v);
boost::json::object ApplicationViewJson(const ApplicationView& v);
// `details`: with reschedulings and disbursements (a loan's page; the list leaves them out).
boost::json::object LoanViewJson(const LoanView& v, bool details);
boost::json::object DisbursementJson(const DisbursementRecord& d);
boost::json::object RepaymentJson(const RepaymentView& r);
boost::json::object LineJson(const ScheduleLine& l);
boost::json::object ScheduleJson(const Schedule& s);
// Percent with one decimal of part / total, half up, in integers ("12.5"; "0.0" when total is 0).
std::string Percent1(Money part, Money total);
// The contract's portfolio: rows (each with its label), totals, the women-managed share.
boost::json::object PortfolioJson(const PortfolioAnswer& a, GroupBy group_by,
                                  const std::function<std::string(const std::string&)>& label);

}  // namespace hoptac::fund

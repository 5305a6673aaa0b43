#include "fund/api/routes.h"

#include <boost/json.hpp>

#include "base/lists.h"
#include "fund/fund_json.h"
#include "http/documents.h"
#include "http/request.h"

namespace hoptac::fund::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

Status ReadPage(const Request& request, int& limit, int& offset) {
  HOPTAC_ASSIGN_OR_RETURN(limit, http::IntParameter(request, "limit", 50));
  HOPTAC_ASSIGN_OR_RETURN(offset, http::IntParameter(request, "offset", 0));
  if (limit < 1 || limit > kMaxLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxLimit)});
  if (offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
  return Ok();
}

Result<std::vector<std::string>> Statuses(const Request& request, std::span<const std::string_view> allowed) {
  std::vector<std::string> out = SplitCommaList(request.Query("status").value_or(""));
  std::vector<FieldError> errors;
  for (const std::string& s : out)
    if (!OneOf(allowed, s)) errors.push_back({"status", "invalid_enum", "field.invalid_enum", {s, NamesText(allowed)}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return out;
}

Result<int64_t> OptionalId(const Request& request, std::string_view name) {
  if (!request.Query(name)) return int64_t{0};
  return http::IdParameter(request, name);
}

Result<Response> FundAnswer(Result<FundView> v, unsigned status = 200) {
  if (!v.ok()) return v.error();
  return Response::Json(FundViewJson(*v), status);
}
Result<Response> ApplicationAnswer(Result<ApplicationView> v, unsigned status = 200) {
  if (!v.ok()) return v.error();
  return Response::Json(ApplicationViewJson(*v), status);
}
Result<Response> LoanAnswer(Result<LoanView> v, unsigned status = 200) {
  if (!v.ok()) return v.error();
  return Response::Json(LoanViewJson(*v, true), status);
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  FundService* svc = services.fund;

  // ---- Funds ----
  router.Add({"GET", "/api/v1/funds", "funds.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto funds, svc->Funds(request.principal));
                json::array items;
                for (const FundView& f : funds) items.push_back(FundViewJson(f));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/funds", "funds.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(FundInput input, ReadFundInput(body, true));
                return FundAnswer(svc->CreateFund(request.principal, input), 201);
              }});
  router.Add({"GET", "/api/v1/funds/{id}", "funds.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return FundAnswer(svc->GetFund(request.principal, id));
              }});
  router.Add({"PATCH", "/api/v1/funds/{id}", "funds.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(FundInput input, ReadFundInput(body, false));
                return FundAnswer(svc->ChangeFund(request.principal, id, input));
              }});

  // ---- Applications ----
  router.Add(
      {"GET", "/api/v1/loan-applications", "loan_applications.list", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {"fund_id", "status", "entity_id", "q", "limit", "offset"}));
         ApplicationQuery q;
         HOPTAC_ASSIGN_OR_RETURN(q.fund_id, OptionalId(request, "fund_id"));
         HOPTAC_ASSIGN_OR_RETURN(q.entity_id, OptionalId(request, "entity_id"));
         HOPTAC_ASSIGN_OR_RETURN(q.statuses, Statuses(request, kApplicationStatuses));
         q.q = std::string(request.Query("q").value_or(""));
         HOPTAC_TRY(ReadPage(request, q.limit, q.offset));
         HOPTAC_ASSIGN_OR_RETURN(ApplicationPage page, svc->Applications(request.principal, q));
         json::array items;
         for (const ApplicationView& a : page.items) items.push_back(ApplicationViewJson(a));
         return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
       }});
  router.Add({"POST", "/api/v1/loan-applications", "loan_applications.create", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ApplicationInput input, ReadApplicationInput(body));
                return ApplicationAnswer(svc->Apply(request.principal, input), 201);
              }});
  router.Add({"GET", "/api/v1/loan-applications/{id}", "loan_applications.get", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return ApplicationAnswer(svc->GetApplication(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/loan-applications/{id}/appraise", "loan_applications.appraise", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(AppraisalBody a, ReadAppraisal(body));
                return ApplicationAnswer(svc->Appraise(request.principal, id, a.score, a.notes));
              }});
  router.Add({"POST", "/api/v1/loan-applications/{id}/approve", "loan_applications.approve", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(Terms terms, ReadTermsBody(body));
                return LoanAnswer(svc->Approve(request.principal, id, terms), 201);
              }});
  router.Add({"POST", "/api/v1/loan-applications/{id}/reject", "loan_applications.reject", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string reason, ReadReason(body));
                return ApplicationAnswer(svc->Reject(request.principal, id, reason));
              }});
  // Business plans and other documents: the kernel's documents routes over the service.
  http::AddDocumentRoutes(router, "/api/v1/loan-applications", "loan_applications", svc);

  // ---- Loans ----
  AddImportRoute(router, services);  // POST /api/v1/loans/import, before /loans/{id}
  router.Add({"GET", "/api/v1/loans", "loans.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(
                    request, {"fund_id", "status", "province", "entity_id", "in_arrears", "as_of", "limit", "offset"}));
                LoanQuery q;
                HOPTAC_ASSIGN_OR_RETURN(q.fund_id, OptionalId(request, "fund_id"));
                HOPTAC_ASSIGN_OR_RETURN(q.entity_id, OptionalId(request, "entity_id"));
                HOPTAC_ASSIGN_OR_RETURN(q.statuses, Statuses(request, kLoanStatuses));
                q.province = std::string(request.Query("province").value_or(""));
                if (request.Query("in_arrears")) {
                  HOPTAC_ASSIGN_OR_RETURN(q.in_arrears_only, http::BoolParameter(request, "in_arrears"));
                }
                HOPTAC_ASSIGN_OR_RETURN(q.as_of, http::DateParameter(request, "as_of"));
                HOPTAC_TRY(ReadPage(request, q.limit, q.offset));
                HOPTAC_ASSIGN_OR_RETURN(LoanPage page, svc->Loans(request.principal, q));
                json::array items;
                for (const LoanView& l : page.items) items.push_back(LoanViewJson(l, false));
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"GET", "/api/v1/loans/{id}", "loans.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"as_of"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(std::optional<Date> as_of, http::DateParameter(request, "as_of"));
                return LoanAnswer(svc->GetLoan(request.principal, id, as_of));
              }});
  router.Add({"GET", "/api/v1/loans/{id}/schedule", "loans.schedule", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"as_of", "version"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(std::optional<Date> as_of, http::DateParameter(request, "as_of"));
                std::optional<int> version;
                if (request.Query("version")) {
                  HOPTAC_ASSIGN_OR_RETURN(version, http::IntParameter(request, "version", 0));
                }
                HOPTAC_ASSIGN_OR_RETURN(Schedule s, svc->GetSchedule(request.principal, id, as_of, version));
                return Response::Json(ScheduleJson(s));
              }});
  router.Add({"GET", "/api/v1/loans/{id}/disbursements", "loans.disbursements", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(LoanView v, svc->GetLoan(request.principal, id, std::nullopt));
                json::array items;
                for (const DisbursementRecord& d : v.records.disbursements) items.push_back(DisbursementJson(d));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/loans/{id}/disbursements", "loans.disburse", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(DatedAmount d, ReadDatedAmount(body, false));
                return LoanAnswer(svc->Disburse(request.principal, id, d.date, d.amount_vnd), 201);
              }});
  router.Add({"GET", "/api/v1/loans/{id}/repayments", "loans.repayments", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto repayments, svc->Repayments(request.principal, id));
                json::array items;
                for (const RepaymentView& r : repayments) items.push_back(RepaymentJson(r));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/loans/{id}/repayments", "loans.repay", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(DatedAmount d, ReadDatedAmount(body, true));
                HOPTAC_ASSIGN_OR_RETURN(auto made, svc->Repay(request.principal, id, d.date, d.amount_vnd, d.note));
                return Response::Json(
                    json::object{{"repayment", RepaymentJson(made.first)}, {"loan", LoanViewJson(made.second, true)}},
                    201);
              }});
  router.Add({"POST", "/api/v1/loans/{id}/reschedule", "loans.reschedule", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(RescheduleInput input, ReadReschedule(body));
                return LoanAnswer(svc->Reschedule(request.principal, id, input));
              }});
  router.Add({"POST", "/api/v1/loans/{id}/write-off", "loans.write_off", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(WriteOffBody w, ReadWriteOff(body));
                return LoanAnswer(svc->RequestWriteOff(request.principal, id, w.on, w.reason));
              }});
  router.Add({"POST", "/api/v1/loans/{id}/write-off/approve", "loans.write_off_approve", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                if (!request.body.empty()) {
                  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                  http::JsonFields fields(body);
                  HOPTAC_TRY(fields.Finish({}));
                }
                return LoanAnswer(svc->ApproveWriteOff(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/loans/{id}/write-off/reject", "loans.write_off_reject", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string reason, ReadReason(body));
                return LoanAnswer(svc->RejectWriteOff(request.principal, id, reason));
              }});
}

}  // namespace hoptac::fund::api

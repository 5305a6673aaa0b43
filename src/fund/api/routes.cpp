#include "fund/api/routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <functional>
#include <map>

#include "base/lists.h"
#include "fund/fund_json.h"
#include "http/documents.h"
#include "http/request.h"
#include "io/csv.h"
#include "io/xlsx_stream.h"
#include "registry/entity.h"

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

// An optional id in the query (`?fund_id=3`); 0 when absent or empty. Not IdParameter: that one reads
// the path (and answers "not found" for a malformed one).
Result<int64_t> OptionalId(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return int64_t{0};
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value <= 0)
    return Error::InvalidField(std::string(name), "invalid_integer", "field.invalid_integer", {std::string(*text)});
  return value;
}

Result<PortfolioQuery> ReadPortfolioQuery(const FundService& svc, const Request& request) {
  PortfolioQuery q;
  HOPTAC_ASSIGN_OR_RETURN(std::optional<Date> as_of, http::DateParameter(request, "as_of"));
  q.as_of = as_of.value_or(svc.Today());
  HOPTAC_ASSIGN_OR_RETURN(q.from, http::DateParameter(request, "from"));
  const std::string group(request.Query("group_by").value_or("none"));
  const std::optional<GroupBy> g = ParseGroupBy(group);
  if (!g)
    return Error::InvalidField("group_by", "invalid_enum", "field.invalid_enum",
                               {group, "none, fund, province, sector, women_managed, youth"});
  q.group_by = *g;
  HOPTAC_ASSIGN_OR_RETURN(int64_t fund_id, OptionalId(request, "fund_id"));
  if (fund_id != 0) q.fund_id = fund_id;
  if (auto p = request.Query("province"); p && !p->empty()) q.province_code = std::string(*p);
  return q;
}

// A group's label: the fund's name, the province's, the sector's in the request's language.
Result<std::function<std::string(const std::string&)>> Labels(const FundService& svc, const Request& request,
                                                              GroupBy by) {
  std::map<int64_t, std::string> funds;
  if (by == GroupBy::kFund) {
    HOPTAC_ASSIGN_OR_RETURN(funds, svc.FundNames());
  }
  const i18n::Lang lang = request.lang;
  return std::function<std::string(const std::string&)>([&svc, by, lang, funds](const std::string& key) {
    if (by == GroupBy::kProvince) return svc.ProvinceName(key);
    if (by == GroupBy::kFund) {
      int64_t id = 0;
      std::from_chars(key.data(), key.data() + key.size(), id);
      auto found = funds.find(id);
      return found == funds.end() ? key : found->second;
    }
    if (by == GroupBy::kSector) {
      auto sector = domain::SectorFromName(key);
      return sector ? domain::SectorLabel(*sector, lang) : key;
    }
    return key;
  });
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
  // The portfolio first: /loans/portfolio is not an {id}.
  router.Add({"GET", "/api/v1/loans/portfolio", "loans.portfolio", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"as_of", "from", "group_by", "fund_id", "province"}));
                HOPTAC_ASSIGN_OR_RETURN(PortfolioQuery q, ReadPortfolioQuery(*svc, request));
                HOPTAC_ASSIGN_OR_RETURN(PortfolioAnswer answer, svc->QueryPortfolio(request.principal, q));
                HOPTAC_ASSIGN_OR_RETURN(auto label, Labels(*svc, request, q.group_by));
                return Response::Json(PortfolioJson(answer, q.group_by, label));
              }});
  router.Add({"GET", "/api/v1/loans/portfolio/export", "loans.portfolio_export", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request,
                                                      {"format", "as_of", "from", "group_by", "fund_id", "province"}));
                const std::string format(request.Query("format").value_or("xlsx"));
                if (format != "csv" && format != "xlsx")
                  return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {format, "csv, xlsx"});
                HOPTAC_ASSIGN_OR_RETURN(PortfolioQuery q, ReadPortfolioQuery(*svc, request));
                HOPTAC_ASSIGN_OR_RETURN(PortfolioAnswer a, svc->QueryPortfolio(request.principal, q));
                HOPTAC_ASSIGN_OR_RETURN(auto label, Labels(*svc, request, q.group_by));
                // Title, scope, date and source above the table; money as whole đồng (text in XLSX: never a double).
                std::vector<std::vector<std::string>> rows;
                rows.push_back({"Danh mục cho vay của Quỹ hỗ trợ phát triển hợp tác xã"});
                rows.push_back({"Phạm vi", q.province_code ? svc->ProvinceName(*q.province_code)
                                           : request.principal.province_bound()
                                               ? svc->ProvinceName(request.principal.province_code)
                                               : std::string("Toàn quốc")});
                rows.push_back({"Ngày", a.as_of.ToIso(), "Dòng tiền từ ngày", a.from.ToIso()});
                rows.push_back({"Nguồn", "hoptac — sổ cho vay của quỹ (GET /api/v1/loans/portfolio)"});
                rows.push_back({});
                rows.push_back({"Nhóm", "Số khoản vay còn dư nợ", "Số khoản vay quá hạn", "Dư nợ gốc (đồng)",
                                "Giải ngân trong kỳ (đồng)", "Thu gốc trong kỳ (đồng)", "Thu lãi trong kỳ (đồng)",
                                "PAR30 (đồng)", "PAR30 (%)", "PAR90 (đồng)", "PAR90 (%)", "Xóa nợ trong kỳ (đồng)"});
                auto row = [&](const std::string& name, const PortfolioRow& r) {
                  rows.push_back({name, std::to_string(r.loans_active), std::to_string(r.loans_in_arrears),
                                  std::to_string(r.outstanding_principal_vnd), std::to_string(r.disbursed_vnd),
                                  std::to_string(r.principal_repaid_vnd), std::to_string(r.interest_repaid_vnd),
                                  std::to_string(r.par30_vnd), Percent1(r.par30_vnd, r.outstanding_principal_vnd),
                                  std::to_string(r.par90_vnd), Percent1(r.par90_vnd, r.outstanding_principal_vnd),
                                  std::to_string(r.written_off_vnd)});
                };
                for (const PortfolioRow& r : a.rows) row(label(r.key), r);
                row("Tổng", a.totals);
                rows.push_back({"HTX do phụ nữ quản lý", std::to_string(a.women_loans_active), "",
                                std::to_string(a.women_outstanding_vnd), "", "", "", "",
                                Percent1(a.women_outstanding_vnd, a.totals.outstanding_principal_vnd)});
                const bool xlsx = format == "xlsx";
                const std::string name = "danh-muc-cho-vay-" + a.as_of.ToIso() + "." + format;
                return Response::WrittenFile(
                    [&](const std::string& path) -> Status {
                      if (xlsx) {
                        io::XlsxStreamOptions options;
                        options.sheet_name = "Danh mục cho vay";
                        HOPTAC_ASSIGN_OR_RETURN(auto sheet, io::XlsxStreamWriter::Create(path, options));
                        for (const auto& r : rows) HOPTAC_TRY(sheet->WriteRow(std::span<const std::string>(r)));
                        return sheet->Close();
                      }
                      HOPTAC_ASSIGN_OR_RETURN(auto csv, io::CsvWriter::Create(path));
                      for (const auto& r : rows) HOPTAC_TRY(csv->WriteRow(std::span<const std::string>(r)));
                      return csv->Close();
                    },
                    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8",
                    name);
              }});
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

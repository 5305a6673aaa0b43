// Reports: /api/v1/reports (list, create), /api/v1/reports/{id} (get, put values),
// /api/v1/reports/{id}/submit|return|approve|reopen, /api/v1/reports/completeness and
// /api/v1/reports/due and /api/v1/reports/grid (scope in reporting::ReportService).
#include <boost/json.hpp>

#include "http/error.h"
#include "reporting/api/routes.h"
#include "reporting/report_json.h"

namespace hoptac::reporting::api {

namespace {

namespace json = boost::json;

}  // namespace

Response ReportViewResponse(ReportService& reports, const Request& request, const ReportView& view, unsigned status) {
  LabelCache cache;
  const Report& r = view.report;
  UnitLabels labels =
      reports.Labels(request.principal, r.form_code, r.province_code, r.entity_id, r.period.End(), cache);
  json::object o = ReportJson(r, view.checks, request.lang == i18n::Lang::kEn, &labels);
  json::object previous;
  for (const auto& [code, value] : view.previous) previous[code] = value;
  o["previous"] = std::move(previous);
  return Response::Json(o, status);
}

namespace {

Result<ValuesUpdate> DecodeValues(const json::object& body) {
  ValuesUpdate update;
  std::vector<FieldError> errors;
  for (const auto& member : body) {
    std::string name(member.key());
    if (name == "values") {
      if (!member.value().is_object()) {
        errors.push_back({name, "invalid_type", "field.invalid_type", {"object"}});
        continue;
      }
      for (const auto& v : member.value().as_object()) update.values[std::string(v.key())] = v.value();
    } else if (name == "notes") {
      if (!member.value().is_object()) {
        errors.push_back({name, "invalid_type", "field.invalid_type", {"object"}});
        continue;
      }
      for (const auto& n : member.value().as_object()) {
        if (n.value().is_string())
          update.notes[std::string(n.key())] = std::string(n.value().as_string());
        else if (n.value().is_null())
          update.notes[std::string(n.key())] = "";
        else
          errors.push_back({"notes." + std::string(n.key()), "invalid_type", "field.invalid_type", {"string"}});
      }
    } else {
      errors.push_back({name, "unknown_parameter", "field.unknown_parameter", {name}});
    }
  }
  if (errors.empty()) return update;
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  e.fields = std::move(errors);
  return e;
}

// {comment} or {reason}: the one text member of a workflow step's body (an empty body: none).
Result<std::string> StepText(const Request& request, std::string_view name) {
  if (request.body.empty()) return std::string();
  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
  JsonFields fields(body);
  auto text = fields.String(name, false, 2000);
  if (name == "comment")
    HOPTAC_TRY(fields.Finish({"comment"}));
  else if (name == "reason")
    HOPTAC_TRY(fields.Finish({"reason"}));
  else
    HOPTAC_TRY(fields.Finish({}));
  return text.value_or("");
}

json::value OptionalTime(const std::optional<int64_t>& ms) {
  return ms ? json::value(IsoTime(*ms)) : json::value(nullptr);
}

}  // namespace

void AddReportRoutes(Router& router, const Services& services) {
  ReportService* reports = services.reports;

  router.Add({"GET", "/api/v1/reports/completeness", "reports.completeness", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"form", "period", "province"}));
                std::vector<FieldError> missing;
                for (const char* name : {"form", "period"})
                  if (!request.Query(name) || request.Query(name)->empty())
                    missing.push_back({name, "required", "field.required", {}});
                if (!missing.empty()) {
                  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
                  e.fields = std::move(missing);
                  return e;
                }
                HOPTAC_ASSIGN_OR_RETURN(Completeness c,
                                        reports->GetCompleteness(request.principal, std::string(*request.Query("form")),
                                                                 std::string(*request.Query("period")),
                                                                 std::string(request.Query("province").value_or(""))));
                json::array rows;
                for (const CompletenessRow& r : c.rows) {
                  json::object row{{"province", r.province}, {"province_name", r.province_name},
                                   {"expected", r.expected}, {"submitted", r.submitted},
                                   {"on_time", r.on_time},   {"approved", r.approved},
                                   {"returned", r.returned}};
                  if (c.level == Level::kProvince) {
                    row["status"] = r.status.empty() ? json::value(nullptr) : json::value(r.status);
                    row["submitted_at"] = OptionalTime(r.submitted_at_ms);
                    row["report_id"] = r.report_id ? json::value(*r.report_id) : json::value(nullptr);
                  }
                  rows.push_back(std::move(row));
                }
                json::array missing_entities;
                for (const MissingEntity& m : c.missing)
                  missing_entities.push_back(
                      json::object{{"id", m.id}, {"name", m.name}, {"registration_code", m.registration_code}});
                return Response::Json(json::object{{"form", c.form},
                                                   {"period", c.period},
                                                   {"level", LevelName(c.level)},
                                                   {"expected", c.expected},
                                                   {"submitted", c.submitted},
                                                   {"on_time", c.on_time},
                                                   {"approved", c.approved},
                                                   {"returned", c.returned},
                                                   {"rows", std::move(rows)},
                                                   {"missing", std::move(missing_entities)}});
              }});

  router.Add({"GET", "/api/v1/reports/due", "reports.due", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto items, reports->Due(request.principal));
                json::array out;
                LabelCache cache;
                const bool english = request.lang == i18n::Lang::kEn;
                for (const DueItem& d : items) {
                  auto period = domain::ParsePeriod(d.period);
                  UnitLabels labels = reports->Labels(request.principal, d.form, d.province, d.entity_id,
                                                      period.ok() ? period->End() : reports->Today(), cache);
                  json::object item{{"form", d.form},
                                    {"period", d.period},
                                    {"province", d.province},
                                    {"entity_id", d.entity_id ? json::value(d.entity_id) : json::value(nullptr)},
                                    {"due_date", d.due_date.ToIso()},
                                    {"days_left", d.days_left},
                                    {"overdue", d.overdue},
                                    {"report_id", d.report_id ? json::value(*d.report_id) : json::value(nullptr)},
                                    {"action", d.action}};
                  AddLabels(item, labels, english);
                  out.push_back(std::move(item));
                }
                return Response::Json(json::object{{"total", items.size()}, {"items", std::move(out)}});
              }});

  router.Add({"GET", "/api/v1/reports/grid", "reports.grid", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"form", "period", "province", "q", "offset", "limit"}));
                std::vector<FieldError> missing;
                for (const char* name : {"form", "period"})
                  if (!request.Query(name) || request.Query(name)->empty())
                    missing.push_back({name, "required", "field.required", {}});
                if (!missing.empty()) {
                  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
                  e.fields = std::move(missing);
                  return e;
                }
                GridQuery q;
                q.form = std::string(*request.Query("form"));
                q.period = std::string(*request.Query("period"));
                q.province = std::string(request.Query("province").value_or(""));
                q.q = std::string(request.Query("q").value_or(""));
                HOPTAC_ASSIGN_OR_RETURN(q.offset, http::IntParameter(request, "offset", 0));
                HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 50));
                HOPTAC_ASSIGN_OR_RETURN(Grid grid, reports->GetGrid(request.principal, q));
                const bool english = request.lang == i18n::Lang::kEn;
                auto object_of = [](const std::map<std::string, json::value>& values) {
                  json::object o;
                  for (const auto& [code, value] : values) o[code] = value;
                  return o;
                };
                json::array rows;
                for (const GridRow& r : grid.rows) {
                  json::array checks;
                  for (const RuleCheck& c : r.checks)
                    checks.push_back(json::object{{"rule", c.rule},
                                                  {"severity", SeverityName(c.severity)},
                                                  {"message", english ? c.message_en : c.message_vi}});
                  rows.push_back(json::object{
                      {"entity_id", r.entity_id},
                      {"name", r.name},
                      {"registration_code", r.registration_code},
                      {"report_id", r.report_id ? json::value(*r.report_id) : json::value(nullptr)},
                      {"status", r.status ? json::value(ReportStatusName(*r.status)) : json::value(nullptr)},
                      {"values", object_of(r.values)},
                      {"registry", object_of(r.registry)},
                      {"previous", object_of(r.previous)},
                      {"checks", std::move(checks)}});
                }
                return Response::Json(json::object{{"form", grid.form},
                                                   {"form_version", grid.form_version},
                                                   {"period", grid.period},
                                                   {"province", grid.province},
                                                   {"province_name", grid.province_name},
                                                   {"total", grid.total},
                                                   {"offset", q.offset},
                                                   {"limit", q.limit},
                                                   {"rows", std::move(rows)}});
              }});

  router.Add({"GET", "/api/v1/reports", "reports.list", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(
                    request, {"form", "period", "province", "status", "entity_id", "offset", "limit"}));
                ReportListQuery q;
                q.filters.form_code = std::string(request.Query("form").value_or(""));
                if (auto period = request.Query("period"); period && !period->empty()) {
                  HOPTAC_ASSIGN_OR_RETURN(auto p, domain::ParsePeriod(*period));
                  q.filters.period = p.ToString();
                }
                q.filters.province_code = std::string(request.Query("province").value_or(""));
                if (auto status = request.Query("status"); status && !status->empty()) {
                  q.filters.status = ReportStatusFromName(*status);
                  if (!q.filters.status)
                    return Error::InvalidField("status", "invalid_enum", "field.invalid_enum",
                                               {std::string(*status), "draft, submitted, returned, approved"});
                }
                if (request.Query("entity_id")) {
                  HOPTAC_ASSIGN_OR_RETURN(int entity, http::IntParameter(request, "entity_id", 0));
                  q.filters.entity_id = entity;
                }
                HOPTAC_ASSIGN_OR_RETURN(q.offset, http::IntParameter(request, "offset", 0));
                HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 50));
                HOPTAC_ASSIGN_OR_RETURN(auto page, reports->List(request.principal, q));
                json::array items;
                LabelCache cache;
                for (const Report& r : page.items) {
                  UnitLabels labels = reports->Labels(request.principal, r.form_code, r.province_code, r.entity_id,
                                                      r.period.End(), cache);
                  items.push_back(ReportSummaryJson(r, &labels, request.lang == i18n::Lang::kEn));
                }
                return Response::Json(json::object{{"total", page.total}, {"items", std::move(items)}});
              }});

  router.Add({"POST", "/api/v1/reports", "reports.create", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                JsonFields fields(body);
                NewReport n;
                n.form = fields.String("form", true, 100).value_or("");
                n.period = fields.String("period", true, 20).value_or("");
                n.province = fields.String("province", false, 10).value_or("");
                n.entity_id = fields.Integer("entity_id").value_or(0);
                HOPTAC_TRY(fields.Finish({"form", "period", "province", "entity_id"}));
                auto view = reports->Create(request.principal, n);
                if (!view.ok() && view.error().code == ErrorCode::kConflict &&
                    view.error().key == "error.report_exists") {
                  // The existing report's id beside the error, so a client can open it.
                  Response response = http::ErrorResponse(view.error(), request.lang);
                  boost::system::error_code ec;
                  json::value parsed = json::parse(response.body, ec);
                  if (!ec && parsed.is_object()) {
                    parsed.as_object()["id"] = std::stoll(view.error().args.at(0));
                    response.body = json::serialize(parsed);
                  }
                  return response;
                }
                if (!view.ok()) return std::move(view).error();
                return ReportViewResponse(*reports, request, *view, 201);
              }});

  router.Add({"GET", "/api/v1/reports/{id}", "reports.get", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto view, reports->Get(request.principal, id));
                return ReportViewResponse(*reports, request, view);
              }});

  router.Add({"PUT", "/api/v1/reports/{id}", "reports.put", Access::kAuthenticated, Execution::kWorker,
              [reports](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(auto update, DecodeValues(body));
                HOPTAC_ASSIGN_OR_RETURN(auto view, reports->PutValues(request.principal, id, update));
                return ReportViewResponse(*reports, request, view);
              }});

  struct StepRoute {
    const char* action;
    const char* text;  // the body's text member, or nullptr
  };
  for (StepRoute step : {StepRoute{"submit", nullptr}, StepRoute{"return", "comment"}, StepRoute{"approve", nullptr},
                         StepRoute{"reopen", "reason"}}) {
    std::string action = step.action;
    std::string text_name = step.text ? step.text : "";
    router.Add({"POST", "/api/v1/reports/{id}/" + action, "reports." + action, Access::kAuthenticated,
                Execution::kWorker, [reports, action, text_name](Request& request) -> Result<Response> {
                  HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                  HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                  HOPTAC_ASSIGN_OR_RETURN(std::string text, StepText(request, text_name));
                  Result<ReportView> view = Error::Internal("unreachable");
                  if (action == "submit")
                    view = reports->Submit(request.principal, id);
                  else if (action == "return")
                    view = reports->Return(request.principal, id, text);
                  else if (action == "approve")
                    view = reports->Approve(request.principal, id);
                  else
                    view = reports->Reopen(request.principal, id, text);
                  if (!view.ok()) return std::move(view).error();
                  return ReportViewResponse(*reports, request, *view);
                }});
  }
}

}  // namespace hoptac::reporting::api

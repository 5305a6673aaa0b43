#include "petitions/api/routes.h"

#include <boost/json.hpp>

#include "base/lists.h"
#include "http/request.h"
#include "petitions/petition_json.h"

namespace hoptac::petitions::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

// The list's filters (shared by the list and the export, so a list's address exports what it shows).
Result<PetitionQuery> ReadQuery(const Request& request) {
  PetitionQuery q;
  std::vector<FieldError> errors;
  q.statuses = SplitCommaList(request.Query("status").value_or(""));
  for (const std::string& s : q.statuses)
    if (!OneOf(kStatuses, s))
      errors.push_back({"status", "invalid_enum", "field.invalid_enum", {s, NamesText(kStatuses)}});
  q.themes = SplitCommaList(request.Query("theme").value_or(""));
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  q.province = std::string(request.Query("province").value_or(""));
  q.q = std::string(request.Query("q").value_or(""));
  HOPTAC_ASSIGN_OR_RETURN(int entity, http::IntParameter(request, "entity", 0));
  HOPTAC_ASSIGN_OR_RETURN(int activity, http::IntParameter(request, "activity", 0));
  q.entity = entity;
  q.activity = activity;
  if (request.Query("overdue")) {
    HOPTAC_ASSIGN_OR_RETURN(q.overdue_only, http::BoolParameter(request, "overdue"));
  }
  HOPTAC_ASSIGN_OR_RETURN(q.from, http::DateParameter(request, "from"));
  HOPTAC_ASSIGN_OR_RETURN(q.to, http::DateParameter(request, "to"));
  if (q.from && q.to && *q.to < *q.from)
    return Error::InvalidField("from", "from_after_to", "field.from_after_to", {q.from->ToIso(), q.to->ToIso()});
  return q;
}

Status ReadPage(const Request& request, int& limit, int& offset) {
  HOPTAC_ASSIGN_OR_RETURN(limit, http::IntParameter(request, "limit", 50));
  HOPTAC_ASSIGN_OR_RETURN(offset, http::IntParameter(request, "offset", 0));
  if (limit < 1 || limit > kMaxLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxLimit)});
  if (offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
  return Ok();
}

Result<Response> Answer(const PetitionService& svc, const Request& request, Result<Petition> p, unsigned status = 200) {
  if (!p.ok()) return p.error();
  HOPTAC_ASSIGN_OR_RETURN(PetitionDetails d, svc.Details(request.principal, std::move(*p), true));
  return Response::Json(PetitionDetailsJson(d), status);
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  PetitionService* svc = services.petitions;
  // The literal paths first: /petitions/stats is not an {id}.
  router.Add(
      {"GET", "/api/v1/petitions/assignees", "petitions.assignees", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {"province"}));
         HOPTAC_ASSIGN_OR_RETURN(
             std::vector<PersonRef> people,
             svc->Assignees(request.principal, std::string(request.Query("province").value_or(""))));
         json::array items;
         for (const PersonRef& p : people)
           items.push_back(json::object{{"id", p.id}, {"username", p.username}, {"display_name", p.display_name}});
         return Response::Json(json::object{{"items", std::move(items)}});
       }});
  router.Add(
      {"GET", "/api/v1/petitions/stats", "petitions.stats", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {"from", "to", "province", "theme"}));
         StatsQuery q;
         HOPTAC_ASSIGN_OR_RETURN(q.from, http::DateParameter(request, "from"));
         HOPTAC_ASSIGN_OR_RETURN(q.to, http::DateParameter(request, "to"));
         if (q.from && q.to && *q.to < *q.from)
           return Error::InvalidField("from", "from_after_to", "field.from_after_to", {q.from->ToIso(), q.to->ToIso()});
         q.province = std::string(request.Query("province").value_or(""));
         q.theme = std::string(request.Query("theme").value_or(""));
         HOPTAC_ASSIGN_OR_RETURN(PetitionStats s, svc->Stats(request.principal, q));
         return Response::Json(StatsJson(s));
       }});
  router.Add(
      {"GET", "/api/v1/petitions/export", "petitions.export", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(
             request, {"format", "status", "theme", "province", "entity", "activity", "overdue", "from", "to", "q"}));
         const std::string format(request.Query("format").value_or("xlsx"));
         if (format != "csv" && format != "xlsx")
           return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {format, "csv, xlsx"});
         HOPTAC_ASSIGN_OR_RETURN(PetitionQuery q, ReadQuery(request));
         const bool xlsx = format == "xlsx";
         const std::string name = "kien-nghi-" + svc->Today().ToIso() + "." + format;
         int64_t rows = 0;
         HOPTAC_ASSIGN_OR_RETURN(
             Response response,
             Response::WrittenFile(
                 [&](const std::string& path) -> Status {
                   HOPTAC_ASSIGN_OR_RETURN(rows, svc->Export(request.principal, q, xlsx, path));
                   return Ok();
                 },
                 xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                 name));
         response.headers.emplace_back("X-Export-Rows", std::to_string(rows));
         return response;
       }});
  router.Add({"GET", "/api/v1/petitions/answers", "petitions.answers", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"q", "theme", "province", "limit", "offset"}));
                PublicAnswerQuery q;
                q.q = std::string(request.Query("q").value_or(""));
                q.theme = std::string(request.Query("theme").value_or(""));
                q.province = std::string(request.Query("province").value_or(""));
                HOPTAC_TRY(ReadPage(request, q.limit, q.offset));
                HOPTAC_ASSIGN_OR_RETURN(PublicAnswerPage page, svc->PublicAnswers(q));
                json::array items;
                for (const PublicAnswer& a : page.items) items.push_back(PublicAnswerJson(a));
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"GET", "/api/v1/petitions", "petitions.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"status", "theme", "province", "entity", "activity",
                                                                "overdue", "from", "to", "q", "limit", "offset"}));
                HOPTAC_ASSIGN_OR_RETURN(PetitionQuery q, ReadQuery(request));
                HOPTAC_TRY(ReadPage(request, q.limit, q.offset));
                HOPTAC_ASSIGN_OR_RETURN(PetitionPage page, svc->List(request.principal, q));
                json::array items;
                for (Petition& p : page.items) {
                  HOPTAC_ASSIGN_OR_RETURN(PetitionDetails d, svc->Details(request.principal, std::move(p), false));
                  items.push_back(PetitionDetailsJson(d));
                }
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"POST", "/api/v1/petitions", "petitions.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PetitionInput input, ReadPetitionInput(body, true));
                return Answer(*svc, request, svc->Create(request.principal, input), 201);
              }});
  router.Add({"GET", "/api/v1/petitions/{id}", "petitions.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                return Answer(*svc, request, svc->Get(request.principal, id));
              }});
  router.Add({"PATCH", "/api/v1/petitions/{id}", "petitions.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PetitionInput input, ReadPetitionInput(body, false));
                return Answer(*svc, request, svc->Change(request.principal, id, input));
              }});
  router.Add({"POST", "/api/v1/petitions/{id}/assign", "petitions.assign", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(AssignInput input, ReadAssignInput(body));
                return Answer(*svc, request, svc->Assign(request.principal, id, input));
              }});
  router.Add({"POST", "/api/v1/petitions/{id}/answer", "petitions.answer", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(AnswerBody a, ReadAnswer(body));
                return Answer(*svc, request, svc->Answer(request.principal, id, a.text, a.is_public));
              }});
  router.Add({"POST", "/api/v1/petitions/{id}/close", "petitions.close", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                if (!request.body.empty()) {
                  HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                  http::JsonFields fields(body);
                  HOPTAC_TRY(fields.Finish({}));
                }
                return Answer(*svc, request, svc->Close(request.principal, id));
              }});
  router.Add({"POST", "/api/v1/petitions/{id}/reopen", "petitions.reopen", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(std::string reason, ReadReason(body));
                return Answer(*svc, request, svc->Reopen(request.principal, id, reason));
              }});

  // ---- Themes ----
  router.Add({"GET", "/api/v1/petition-themes", "petition_themes.list", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto themes, svc->Themes());
                json::array items;
                for (const Theme& t : themes) items.push_back(ThemeJson(t));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/petition-themes", "petition_themes.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(Theme t, ReadNewTheme(body));
                HOPTAC_ASSIGN_OR_RETURN(Theme made, svc->CreateTheme(request.principal, t));
                return Response::Json(ThemeJson(made), 201);
              }});
  router.Add({"PATCH", "/api/v1/petition-themes/{code}", "petition_themes.update", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                const std::string code(request.PathParam("code"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ThemeChange c, ReadThemeChange(body));
                HOPTAC_ASSIGN_OR_RETURN(Theme t,
                                        svc->ChangeTheme(request.principal, code, c.name_vi, c.name_en, c.active));
                return Response::Json(ThemeJson(t));
              }});
}

}  // namespace hoptac::petitions::api

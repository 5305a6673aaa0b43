#include "surveys/api/routes.h"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <limits>

#include "http/request.h"
#include "io/format_detect.h"
#include "io/json_reader.h"
#include "surveys/questionnaire_json.h"
#include "surveys/survey_files.h"
#include "surveys/survey_json.h"
#include "surveys/xlsform.h"

namespace hoptac::surveys::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

constexpr size_t kMaxFileBytes = size_t{10} << 20;  // 10 MiB
constexpr std::chrono::minutes kUploadTimeout{5};
constexpr int kMaxLimit = 500;

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Result<std::pair<int, int>> Paging(const Request& request) {
  HOPTAC_ASSIGN_OR_RETURN(int limit, http::IntParameter(request, "limit", 50));
  HOPTAC_ASSIGN_OR_RETURN(int offset, http::IntParameter(request, "offset", 0));
  if (limit < 1 || limit > kMaxLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", std::to_string(kMaxLimit)});
  if (offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
  return std::pair(offset, limit);
}

Result<TableFormat> FormatParameter(const Request& request) {
  std::string_view name = request.Query("format").value_or("xlsx");
  auto format = TableFormatFromName(name);
  if (!format)
    return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {std::string(name), "csv, xlsx"});
  return *format;
}

Result<Response> Download(const std::function<Status(const std::string&)>& write, const std::string& content_type,
                          const std::string& name) {
  HOPTAC_ASSIGN_OR_RETURN(Response response, Response::WrittenFile(write, content_type, name));
  for (auto& [header, value] : response.headers)
    if (header == "Content-Disposition") value = http::AttachmentDisposition(name);
  return response;
}

json::object CampaignItem(const SurveyService& svc, const auth::Principal& who, const Campaign& c) {
  std::optional<StoredQuestionnaire> q;
  if (auto found = svc.GetQuestionnaire(who, c.questionnaire_id); found.ok()) q = std::move(found).value();
  json::object o = CampaignJson(c, StatusOn(c, svc.Today()), q ? &*q : nullptr);
  o["may_write"] = svc.MayWrite(who, c);
  return o;
}

// Whether the Accept header prefers JSON to HTML (a browser asks for text/html first).
bool WantsJson(std::string_view accept) {
  const size_t json_at = accept.find("application/json");
  if (json_at == std::string_view::npos) return false;
  const size_t html_at = accept.find("text/html");
  return html_at == std::string_view::npos || json_at < html_at;
}

Result<std::optional<int64_t>> CampaignIdQuery(const Request& request) {
  if (!request.Query("campaign_id")) return std::optional<int64_t>();
  HOPTAC_ASSIGN_OR_RETURN(int id, http::IntParameter(request, "campaign_id", 0));
  return std::optional<int64_t>(id);
}

std::string BaseUrl(const Request& request) {
  std::string_view host = request.Header("host");
  if (host.empty()) return "";
  for (char ch : host)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
          ch == ']'))
      return "";
  return std::string(request.tls ? "https://" : "http://") + std::string(host);
}

void AddQuestionnaireRoutes(http::Router& router, SurveyService* svc) {
  router.Add({"GET", "/api/v1/surveys", "surveys.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"offset", "limit"}));
                HOPTAC_ASSIGN_OR_RETURN(auto paging, Paging(request));
                HOPTAC_ASSIGN_OR_RETURN(auto list, svc->ListQuestionnaires(request.principal));
                // A few questionnaires a year: paged in memory, as the list the web app asks for.
                json::array items;
                const auto [offset, limit] = paging;
                for (size_t i = static_cast<size_t>(offset);
                     i < list.size() && items.size() < static_cast<size_t>(limit); ++i)
                  items.push_back(QuestionnaireItemJson(list[i]));
                const int64_t total = static_cast<int64_t>(list.size());
                return Response::Json(json::object{{"items", std::move(items)}, {"total", total}});
              }});
  http::Route create{
      "POST",
      "/api/v1/surveys",
      "surveys.create",
      Access::kAuthenticated,
      Execution::kWorker,
      [svc](Request& request) -> Result<Response> {
        HOPTAC_TRY(http::CheckQueryParameters(request, {"filename"}));
        if (!svc->MayCreate(request.principal))
          return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
        std::string_view type = request.Header("content-type");
        Questionnaire q;
        if (type.starts_with("application/json")) {
          HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
          HOPTAC_ASSIGN_OR_RETURN(q, ReadQuestionnaire(body));
        } else {
          switch (io::DetectFormat(std::string_view(request.body).substr(0, 512))) {
            case io::FileFormat::kXlsx: break;
            case io::FileFormat::kXls: return Error::Make(ErrorCode::kInvalidArgument, "survey.xlsform_xls");
            default: return Error::Make(ErrorCode::kInvalidArgument, "survey.xlsform_not_xlsx");
          }
          HOPTAC_ASSIGN_OR_RETURN(
              q, ReadXlsForm(std::move(request.body), std::string(request.Query("filename").value_or(""))));
        }
        HOPTAC_ASSIGN_OR_RETURN(StoredQuestionnaire stored, svc->CreateQuestionnaire(request.principal, std::move(q)));
        return Response::Json(QuestionnaireJson(stored, svc->MayDelete(request.principal, stored)), 201);
      }};
  create.body_limit = kMaxFileBytes;
  create.body_timeout = kUploadTimeout;
  router.Add(std::move(create));
  router.Add(
      {"GET", "/api/v1/surveys/satisfaction", "surveys.satisfaction", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {"form_id", "province"}));
         HOPTAC_ASSIGN_OR_RETURN(
             auto items, svc->Satisfaction(request.principal, std::string(request.Query("form_id").value_or("")),
                                           std::string(request.Query("province").value_or(""))));
         json::array out;
         for (const SatisfactionItem& i : items)
           out.push_back(json::object{
               {"year", i.year},
               {"campaign_id", i.campaign_id},
               {"index", i.index.index ? json::value(std::round(*i.index.index * 10) / 10) : json::value(nullptr)},
               {"responses", i.withheld ? json::value(nullptr) : json::value(i.responses)},
               {"withheld", i.withheld}});
         return Response::Json(json::object{{"items", std::move(out)}});
       }});
  router.Add({"GET", "/api/v1/surveys/{id}", "surveys.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto q, svc->GetQuestionnaire(request.principal, id));
                return Response::Json(QuestionnaireJson(q, svc->MayDelete(request.principal, q)));
              }});
  router.Add({"GET", "/api/v1/surveys/{id}/xlsform", "surveys.xlsform", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto q, svc->GetQuestionnaire(request.principal, id));
                return Download([&](const std::string& path) { return WriteXlsForm(q.definition, path); },
                                TableContentType(TableFormat::kXlsx), q.definition.form_id + ".xlsx");
              }});
  router.Add({"DELETE", "/api/v1/surveys/{id}", "surveys.delete", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(svc->DeleteQuestionnaire(request.principal, id));
                return NoContent();
              }});
}

Result<CampaignInput> ReadCampaignInput(const json::object& body) {
  io::JsonReader r;
  CampaignInput in;
  in.questionnaire_id = r.Integer(body, "questionnaire_id", "questionnaire_id", true).value_or(0);
  if (const json::value* t = body.if_contains("title"); t && !t->is_null()) {
    if (const json::object* o = r.Object(*t, "title")) {
      Text title;
      title.vi = r.String(*o, "vi", "title.vi").value_or("");
      title.en = r.String(*o, "en", "title.en").value_or("");
      r.Unknown(*o, {"vi", "en"}, "title");
      in.title = title;
    }
  }
  in.year = static_cast<int>(r.Integer(body, "year", "year", true).value_or(0));
  in.opens_on = r.DateOf(body, "opens_on", "opens_on", true);
  in.closes_on = r.DateOf(body, "closes_on", "closes_on", true);
  if (const json::value* s = body.if_contains("scope"); s && !s->is_null()) {
    if (const json::object* o = r.Object(*s, "scope")) {
      in.province = r.String(*o, "province", "scope.province").value_or("");
      for (auto [name, target] : {std::pair{"kinds", &in.kinds}, std::pair{"sectors", &in.sectors}}) {
        const std::string path = std::string("scope.") + name;
        if (const json::value* v = o->if_contains(name); v && v->is_string()) {
          *target = std::string(v->as_string());
        } else if (const json::array* list = r.Array(*o, name, path)) {
          for (size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_string()) {
              r.Type(path + "[" + std::to_string(i) + "]", "string");
              continue;
            }
            if (!target->empty()) *target += ",";
            *target += std::string((*list)[i].as_string());
          }
        }
      }
      r.Unknown(*o, {"province", "kinds", "sectors"}, "scope");
    }
  }
  r.Unknown(body, {"questionnaire_id", "title", "year", "opens_on", "closes_on", "scope"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

void AddCampaignRoutes(http::Router& router, SurveyService* svc) {
  router.Add(
      {"GET", "/api/v1/survey-campaigns", "survey_campaigns.list", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {"year", "province", "status", "offset", "limit"}));
         CampaignQuery q;
         HOPTAC_ASSIGN_OR_RETURN(int year, http::IntParameter(request, "year", 0));
         if (year != 0) q.year = year;
         q.province = std::string(request.Query("province").value_or(""));
         if (auto s = request.Query("status"); s && !s->empty()) {
           q.status = ParseCampaignStatus(*s);
           if (!q.status)
             return Error::InvalidField("status", "invalid_enum", "field.invalid_enum",
                                        {std::string(*s), "scheduled, open, closed"});
         }
         HOPTAC_ASSIGN_OR_RETURN(auto paging, Paging(request));
         HOPTAC_ASSIGN_OR_RETURN(auto list, svc->ListCampaigns(request.principal, q));
         json::array items;
         for (size_t i = static_cast<size_t>(paging.first);
              i < list.size() && items.size() < static_cast<size_t>(paging.second); ++i)
           items.push_back(CampaignItem(*svc, request.principal, list[i]));
         return Response::Json(json::object{{"items", std::move(items)}, {"total", static_cast<int64_t>(list.size())}});
       }});
  router.Add({"POST", "/api/v1/survey-campaigns", "survey_campaigns.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(CampaignInput in, ReadCampaignInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Campaign c, svc->CreateCampaign(request.principal, in));
                return Response::Json(CampaignItem(*svc, request.principal, c), 201);
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/mine", "survey_campaigns.mine", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto list, svc->Mine(request.principal));
                json::array items;
                for (const MineItem& m : list) {
                  json::object o = CampaignJson(m.campaign, StatusOn(m.campaign, svc->Today()), nullptr);
                  o["link"] = "/s/" + m.token;
                  o["responded_at"] = m.responded_at_ms ? json::value(InstantText(*m.responded_at_ms)) : nullptr;
                  items.push_back(std::move(o));
                }
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/{id}", "survey_campaigns.get", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(Campaign c, svc->GetCampaign(request.principal, id));
                return Response::Json(CampaignItem(*svc, request.principal, c));
              }});
  router.Add({"POST", "/api/v1/survey-campaigns/{id}/close", "survey_campaigns.close", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(Campaign c, svc->CloseCampaign(request.principal, id));
                return Response::Json(CampaignItem(*svc, request.principal, c));
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/{id}/targets", "survey_campaigns.targets", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"responded", "offset", "limit"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                std::optional<bool> responded;
                if (request.Query("responded")) {
                  HOPTAC_ASSIGN_OR_RETURN(responded, http::BoolParameter(request, "responded"));
                }
                HOPTAC_ASSIGN_OR_RETURN(auto paging, Paging(request));
                HOPTAC_ASSIGN_OR_RETURN(TargetPage page,
                                        svc->Targets(request.principal, id, responded, paging.first, paging.second));
                json::array items;
                for (const TargetRow& t : page.items) items.push_back(TargetJson(t));
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/{id}/links", "survey_campaigns.links", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"format"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(TableFormat format, FormatParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(TargetPage page, svc->Targets(request.principal, id, std::nullopt, 0,
                                                                      std::numeric_limits<int>::max()));
                const std::string base = BaseUrl(request);
                return Download([&](const std::string& path) { return WriteLinks(page.items, base, format, path); },
                                TableContentType(format),
                                "duong-dan-khao-sat-" + std::to_string(id) + "." + TableFormatName(format));
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/{id}/results", "survey_campaigns.results", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"province"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(
                    CampaignResults r,
                    svc->Results(request.principal, id, std::string(request.Query("province").value_or(""))));
                json::object o = ResultsJson(r, [svc](const std::string& code) { return svc->ProvinceName(code); });
                o["campaign"].as_object()["may_write"] = svc->MayWrite(request.principal, r.campaign);
                return Response::Json(o);
              }});
  router.Add({"GET", "/api/v1/survey-campaigns/{id}/responses/export", "survey_campaigns.responses_export",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"format"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(TableFormat format, FormatParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(auto exported, svc->ExportResponses(request.principal, id));
                HOPTAC_ASSIGN_OR_RETURN(Response response,
                                        Download(
                                            [&](const std::string& path) {
                                              return WriteResponses(exported.first.definition, exported.second, format,
                                                                    path);
                                            },
                                            TableContentType(format),
                                            "phieu-khao-sat-" + std::to_string(id) + "." + TableFormatName(format)));
                response.headers.emplace_back("X-Export-Rows", std::to_string(exported.second.size()));
                return response;
              }});
}

void AddAnswerRoutes(http::Router& router, SurveyService* svc, const http::Services& kernel) {
  router.Add({"GET", "/s/{token}", "survey_answer.get", Access::kPublic, Execution::kWorker,
              [svc, kernel](Request& request) -> Result<Response> {
                if (!WantsJson(request.Header("accept"))) return http::ServeWebFile(request, kernel, "answer.html");
                HOPTAC_TRY(http::CheckQueryParameters(request, {"campaign_id"}));
                HOPTAC_ASSIGN_OR_RETURN(auto campaign_id, CampaignIdQuery(request));
                HOPTAC_ASSIGN_OR_RETURN(AnswerPage page, svc->Open(std::string(request.PathParam("token")), campaign_id,
                                                                   request.remote_address));
                json::object answer = AnswerPageJson(page, request.lang);
                // Opened from a signed-in cooperative's browser: its session's cookie goes with the POST,
                // which then needs the session's CSRF token, as every write with a cookie does.
                if (request.principal.credential == auth::Credential::kSession)
                  answer["csrf_token"] = request.principal.csrf_token;
                Response response = Response::Json(std::move(answer));
                response.headers.emplace_back("Cache-Control", "no-store");
                response.headers.emplace_back("Referrer-Policy", "no-referrer");
                return response;
              }});
  router.Add({"POST", "/s/{token}", "survey_answer.post", Access::kPublic, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                io::JsonReader r;
                std::optional<int64_t> campaign_id = r.Integer(body, "campaign_id", "campaign_id");
                r.Unknown(body, {"campaign_id", "answers"}, "");
                if (!body.contains("answers")) r.Add({"answers", "required", "field.required", {}});
                HOPTAC_TRY(r.Finish());
                HOPTAC_ASSIGN_OR_RETURN(Answers answers, ReadAnswers(body.at("answers"), "answers"));
                auth::Principal who = request.principal;
                if (who.address.empty()) who.address = request.remote_address;
                HOPTAC_ASSIGN_OR_RETURN(
                    SubmitResult done, svc->Submit(who, std::string(request.PathParam("token")), campaign_id, answers));
                Response response = Response::Json(json::object{{"received_at", InstantText(done.received_at_ms)},
                                                                {"updated_at", InstantText(done.updated_at_ms)},
                                                                {"updated", done.updated}});
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              }});
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  AddQuestionnaireRoutes(router, services.surveys);
  AddCampaignRoutes(router, services.surveys);
  AddAnswerRoutes(router, services.surveys, services.kernel);
}

}  // namespace hoptac::surveys::api

#include "programmes/api/routes.h"

#include <boost/json.hpp>
#include <map>

#include "http/documents.h"
#include "http/request.h"
#include "programmes/programme_json.h"

namespace hoptac::programmes::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

json::object TargetViewJson(const TargetView& v, i18n::Lang lang) {
  json::object o = TargetJson(v.target);
  o["progress"] = ProgressJson(v.progress, lang);
  return o;
}

json::object TargetStatesJson(const std::vector<TargetView>& targets) {
  std::map<std::string, int64_t> states;
  for (const TargetView& v : targets) ++states[StateName(v.progress.state)];
  json::object summary;
  for (const char* s : {"achieved", "on_track", "at_risk", "behind", "not_started", "unknown"})
    summary[s] = states.count(s) ? states[s] : 0;
  return summary;
}

// A list item: the programme, a count of its targets by state and whether the caller may change it.
Result<json::object> ProgrammeItemJson(const ProgrammeService& svc, const auth::Principal& who, const Programme& p) {
  HOPTAC_ASSIGN_OR_RETURN(auto targets, svc.Targets(who, p.id));
  json::object o = ProgrammeJson(p);
  o["target_states"] = TargetStatesJson(targets);
  o["may_write"] = svc.MayWrite(who, p);
  return o;
}

// The programme with its targets, their progress, a count of targets by state, its partners'
// names (never their contacts: personal data) and whether the caller may change it.
Result<json::object> FullProgrammeJson(const ProgrammeService& svc, const auth::Principal& who, const Programme& p,
                                       const std::vector<TargetView>& targets, i18n::Lang lang) {
  HOPTAC_ASSIGN_OR_RETURN(auto partners, svc.ProgrammePartners(who, p));
  json::object o = ProgrammeJson(p);
  json::array items;
  for (const TargetView& v : targets) items.push_back(TargetViewJson(v, lang));
  json::array details;
  for (const Partner& x : partners)
    details.push_back(
        json::object{{"id", x.id},
                     {"name", x.name},
                     {"name_en", x.name_en},
                     {"short_name", x.short_name},
                     {"kind", x.kind},
                     {"province", x.province_code.empty() ? json::value(nullptr) : json::value(x.province_code)}});
  o["targets"] = std::move(items);
  o["target_states"] = TargetStatesJson(targets);
  o["partner_details"] = std::move(details);
  o["may_write"] = svc.MayWrite(who, p);
  return o;
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  ProgrammeService* svc = services.programmes;

  // ---- Partners ----
  router.Add({"GET", "/api/v1/partners", "partners.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto partners, svc->ListPartners(request.principal));
                json::array items;
                for (const Partner& p : partners) items.push_back(PartnerJson(p));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/partners", "partners.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PartnerInput input, ReadPartnerInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Partner p, svc->CreatePartner(request.principal, input));
                return Response::Json(PartnerJson(p), 201);
              }});
  router.Add(
      {"GET", "/api/v1/partners/{id}", "partners.get", Access::kAuthenticated, Execution::kWorker,
       [svc](Request& request) -> Result<Response> {
         HOPTAC_TRY(http::CheckQueryParameters(request, {}));
         HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
         HOPTAC_ASSIGN_OR_RETURN(Partner p, svc->GetPartner(request.principal, id));
         json::object o = PartnerJson(p);
         ProgrammeQuery of_partner;
         of_partner.partner_id = id;
         HOPTAC_ASSIGN_OR_RETURN(auto programmes, svc->ListProgrammes(request.principal, of_partner));
         json::array list;
         for (const Programme& g : programmes)
           list.push_back(json::object{{"id", g.id}, {"code", g.code}, {"title", g.title}, {"status", g.status}});
         o["programmes"] = std::move(list);
         return Response::Json(o);
       }});
  router.Add({"PATCH", "/api/v1/partners/{id}", "partners.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PartnerInput input, ReadPartnerInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Partner p, svc->ChangePartner(request.principal, id, input));
                return Response::Json(PartnerJson(p));
              }});

  // ---- Programmes ----
  router.Add({"GET", "/api/v1/programmes", "programmes.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"province", "status", "kind", "partner"}));
                ProgrammeQuery q;
                q.province = std::string(request.Query("province").value_or(""));
                q.status = std::string(request.Query("status").value_or(""));
                q.kind = std::string(request.Query("kind").value_or(""));
                if (!q.status.empty() && !OneOf(kProgrammeStatuses, q.status))
                  return Error::InvalidField("status", "invalid_enum", "field.invalid_enum",
                                             {q.status, NamesText(kProgrammeStatuses)});
                if (!q.kind.empty() && !OneOf(kProgrammeKinds, q.kind))
                  return Error::InvalidField("kind", "invalid_enum", "field.invalid_enum",
                                             {q.kind, NamesText(kProgrammeKinds)});
                HOPTAC_ASSIGN_OR_RETURN(int partner, http::IntParameter(request, "partner", 0));
                q.partner_id = partner;
                HOPTAC_ASSIGN_OR_RETURN(auto programmes, svc->ListProgrammes(request.principal, q));
                json::array items;
                for (const Programme& p : programmes) {
                  HOPTAC_ASSIGN_OR_RETURN(json::object item, ProgrammeItemJson(*svc, request.principal, p));
                  items.push_back(std::move(item));
                }
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/programmes", "programmes.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ProgrammeInput input, ReadProgrammeInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Programme p, svc->CreateProgramme(request.principal, input));
                HOPTAC_ASSIGN_OR_RETURN(json::object o,
                                        FullProgrammeJson(*svc, request.principal, p, {}, request.lang));
                return Response::Json(o, 201);
              }});
  router.Add({"GET", "/api/v1/programmes/{id}", "programmes.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(Programme p, svc->GetProgramme(request.principal, id));
                HOPTAC_ASSIGN_OR_RETURN(auto targets, svc->Targets(request.principal, id));
                HOPTAC_ASSIGN_OR_RETURN(json::object o,
                                        FullProgrammeJson(*svc, request.principal, p, targets, request.lang));
                return Response::Json(o);
              }});
  router.Add({"PATCH", "/api/v1/programmes/{id}", "programmes.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ProgrammeInput input, ReadProgrammeInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Programme p, svc->ChangeProgramme(request.principal, id, input));
                HOPTAC_ASSIGN_OR_RETURN(auto targets, svc->Targets(request.principal, id));
                HOPTAC_ASSIGN_OR_RETURN(json::object o,
                                        FullProgrammeJson(*svc, request.principal, p, targets, request.lang));
                return Response::Json(o);
              }});

  // ---- Targets ----
  router.Add({"GET", "/api/v1/programmes/{id}/targets", "programmes.targets", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto targets, svc->Targets(request.principal, id));
                json::array items;
                for (const TargetView& v : targets) items.push_back(TargetViewJson(v, request.lang));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"POST", "/api/v1/programmes/{id}/targets", "programmes.target_create", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(TargetInput input, ReadTargetInput(body));
                HOPTAC_ASSIGN_OR_RETURN(TargetView v, svc->CreateTarget(request.principal, id, input));
                return Response::Json(TargetViewJson(v, request.lang), 201);
              }});
  router.Add({"GET", "/api/v1/programmes/{id}/targets/{target_id}", "programmes.target_get", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t target, http::IdParameter(request, "target_id"));
                HOPTAC_ASSIGN_OR_RETURN(TargetView v, svc->GetTarget(request.principal, id, target));
                return Response::Json(TargetViewJson(v, request.lang));
              }});
  router.Add({"PATCH", "/api/v1/programmes/{id}/targets/{target_id}", "programmes.target_update",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t target, http::IdParameter(request, "target_id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(TargetInput input, ReadTargetInput(body));
                HOPTAC_ASSIGN_OR_RETURN(TargetView v, svc->ChangeTarget(request.principal, id, target, input));
                return Response::Json(TargetViewJson(v, request.lang));
              }});
  router.Add({"DELETE", "/api/v1/programmes/{id}/targets/{target_id}", "programmes.target_delete",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t target, http::IdParameter(request, "target_id"));
                HOPTAC_TRY(svc->DeleteTarget(request.principal, id, target));
                return NoContent();
              }});
  router.Add({"POST", "/api/v1/programmes/{id}/targets/{target_id}/values", "programmes.value_add",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t target, http::IdParameter(request, "target_id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ValueInput input, ReadValueInput(body));
                HOPTAC_ASSIGN_OR_RETURN(TargetView v, svc->AddValue(request.principal, id, target, input));
                return Response::Json(TargetViewJson(v, request.lang), 201);
              }});
  router.Add({"DELETE", "/api/v1/programmes/{id}/targets/{target_id}/values/{value_id}", "programmes.value_delete",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t target, http::IdParameter(request, "target_id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t value, http::IdParameter(request, "value_id"));
                HOPTAC_TRY(svc->DeleteValue(request.principal, id, target, value));
                return NoContent();
              }});

  http::AddDocumentRoutes(router, "/api/v1/programmes", "programmes", svc);
}

}  // namespace hoptac::programmes::api

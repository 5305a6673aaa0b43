#include "activities/api/routes.h"

#include <boost/json.hpp>

#include "activities/activity_json.h"
#include "activities/api/routes_internal.h"
#include "base/lists.h"
#include "http/documents.h"
#include "http/request.h"

namespace hoptac::activities::api {

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

Result<json::object> DetailsJson(const ActivityService& svc, const auth::Principal& who, Activity a) {
  HOPTAC_ASSIGN_OR_RETURN(ActivityDetails d, svc.Details(who, std::move(a)));
  return ActivityDetailsJson(d);
}

// A list item: the activity, its programmes' codes and whether the caller may change it.
json::object ItemJson(const ActivityService& svc, const auth::Principal& who, const Activity& a) {
  json::object o = ActivityJson(a);
  o["may_write"] = svc.MayWrite(who, a);
  return o;
}

json::object PlacementItemJson(const ActivityService& svc, const Placement& p) {
  json::object o = PlacementJson(p);
  auto e = svc.Entity(p.entity_id);
  o["entity_details"] =
      e.ok() ? json::value(json::object{{"id", e->id}, {"name", e->name}, {"province", e->province_code}})
             : json::value(nullptr);
  o["may_write"] = true;  // whoever reads a placement may change it (officials of its province)
  return o;
}

}  // namespace

Result<ActivityQuery> ReadActivityQuery(const Request& request) {
  ActivityQuery q;
  std::vector<FieldError> errors;
  q.types = SplitCommaList(request.Query("type").value_or(""));
  for (const std::string& t : q.types)
    if (!OneOf(kActivityTypes, t))
      errors.push_back({"type", "invalid_enum", "field.invalid_enum", {t, NamesText(kActivityTypes)}});
  q.statuses = SplitCommaList(request.Query("status").value_or(""));
  for (const std::string& s : q.statuses)
    if (!OneOf(kActivityStatuses, s))
      errors.push_back({"status", "invalid_enum", "field.invalid_enum", {s, NamesText(kActivityStatuses)}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  q.province = std::string(request.Query("province").value_or(""));
  q.q = std::string(request.Query("q").value_or(""));
  HOPTAC_ASSIGN_OR_RETURN(int programme, http::IntParameter(request, "programme", 0));
  HOPTAC_ASSIGN_OR_RETURN(int content, http::IntParameter(request, "content", 0));
  HOPTAC_ASSIGN_OR_RETURN(int entity, http::IntParameter(request, "entity", 0));
  q.programme = programme;
  q.content = content;
  q.entity = entity;
  if (content != 0 && programme == 0)
    return Error::InvalidField("content", "content_needs_programme", "field.activity_content_needs_programme", {});
  HOPTAC_ASSIGN_OR_RETURN(q.from, http::DateParameter(request, "from"));
  HOPTAC_ASSIGN_OR_RETURN(q.to, http::DateParameter(request, "to"));
  if (q.from && q.to && *q.to < *q.from)
    return Error::InvalidField("from", "from_after_to", "field.from_after_to", {q.from->ToIso(), q.to->ToIso()});
  return q;
}

void AddRoutes(http::Router& router, const Services& services) {
  ActivityService* svc = services.activities;
  // Files first: /activities/export is not an {id}.
  AddFileRoutes(router, services);

  router.Add({"GET", "/api/v1/activities", "activities.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"type", "status", "province", "programme", "content",
                                                                "entity", "from", "to", "q", "limit", "offset"}));
                HOPTAC_ASSIGN_OR_RETURN(ActivityQuery q, ReadActivityQuery(request));
                HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 50));
                HOPTAC_ASSIGN_OR_RETURN(q.offset, http::IntParameter(request, "offset", 0));
                if (q.limit < 1 || q.limit > kMaxActivityLimit)
                  return Error::InvalidField("limit", "out_of_range", "field.out_of_range",
                                             {"1", std::to_string(kMaxActivityLimit)});
                if (q.offset < 0)
                  return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
                HOPTAC_ASSIGN_OR_RETURN(ActivityPage page, svc->List(request.principal, q));
                json::array items;
                for (const Activity& a : page.items) items.push_back(ItemJson(*svc, request.principal, a));
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"POST", "/api/v1/activities", "activities.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ActivityInput input, ReadActivityInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Activity a, svc->Create(request.principal, input));
                HOPTAC_ASSIGN_OR_RETURN(json::object o, DetailsJson(*svc, request.principal, std::move(a)));
                return Response::Json(o, 201);
              }});
  router.Add({"GET", "/api/v1/activities/{id}", "activities.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(Activity a, svc->Get(request.principal, id));
                HOPTAC_ASSIGN_OR_RETURN(json::object o, DetailsJson(*svc, request.principal, std::move(a)));
                return Response::Json(o);
              }});
  router.Add({"PATCH", "/api/v1/activities/{id}", "activities.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(ActivityInput input, ReadActivityInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Activity a, svc->Change(request.principal, id, input));
                HOPTAC_ASSIGN_OR_RETURN(json::object o, DetailsJson(*svc, request.principal, std::move(a)));
                return Response::Json(o);
              }});
  router.Add({"DELETE", "/api/v1/activities/{id}", "activities.delete", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(svc->Delete(request.principal, id));
                return NoContent();
              }});
  router.Add({"GET", "/api/v1/activities/{id}/participants", "activities.participants", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto list, svc->Participants(request.principal, id));
                json::array items;
                for (const Participant& p : list) items.push_back(ParticipantJson(p));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  router.Add({"PUT", "/api/v1/activities/{id}/participants", "activities.participants_replace", Access::kAuthenticated,
              Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(auto list, ReadParticipants(body));
                HOPTAC_ASSIGN_OR_RETURN(Activity a, svc->SetParticipants(request.principal, id, list));
                HOPTAC_ASSIGN_OR_RETURN(auto stored, svc->Participants(request.principal, id));
                json::array items;
                for (const Participant& p : stored) items.push_back(ParticipantJson(p));
                return Response::Json(json::object{{"items", std::move(items)},
                                                   {"participants", CountsJson(a.participants)},
                                                   {"participant_list_size", a.list_size}});
              }});

  // ---- Placements ----
  router.Add({"GET", "/api/v1/placements", "placements.list", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(
                    request, {"province", "programme", "entity", "from", "to", "limit", "offset"}));
                PlacementQuery q;
                q.province = std::string(request.Query("province").value_or(""));
                HOPTAC_ASSIGN_OR_RETURN(int programme, http::IntParameter(request, "programme", 0));
                HOPTAC_ASSIGN_OR_RETURN(int entity, http::IntParameter(request, "entity", 0));
                q.programme = programme;
                q.entity = entity;
                HOPTAC_ASSIGN_OR_RETURN(q.from, http::DateParameter(request, "from"));
                HOPTAC_ASSIGN_OR_RETURN(q.to, http::DateParameter(request, "to"));
                HOPTAC_ASSIGN_OR_RETURN(q.limit, http::IntParameter(request, "limit", 50));
                HOPTAC_ASSIGN_OR_RETURN(q.offset, http::IntParameter(request, "offset", 0));
                if (q.limit < 1 || q.limit > kMaxActivityLimit)
                  return Error::InvalidField("limit", "out_of_range", "field.out_of_range",
                                             {"1", std::to_string(kMaxActivityLimit)});
                if (q.offset < 0)
                  return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
                HOPTAC_ASSIGN_OR_RETURN(PlacementPage page, svc->ListPlacements(request.principal, q));
                json::array items;
                for (const Placement& p : page.items) items.push_back(PlacementItemJson(*svc, p));
                return Response::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
              }});
  router.Add({"POST", "/api/v1/placements", "placements.create", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PlacementInput input, ReadPlacementInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Placement p, svc->CreatePlacement(request.principal, input));
                return Response::Json(PlacementItemJson(*svc, p), 201);
              }});
  router.Add({"GET", "/api/v1/placements/{id}", "placements.get", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(Placement p, svc->GetPlacement(request.principal, id));
                return Response::Json(PlacementItemJson(*svc, p));
              }});
  router.Add({"PATCH", "/api/v1/placements/{id}", "placements.update", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(PlacementInput input, ReadPlacementInput(body));
                HOPTAC_ASSIGN_OR_RETURN(Placement p, svc->ChangePlacement(request.principal, id, input));
                return Response::Json(PlacementItemJson(*svc, p));
              }});
  router.Add({"DELETE", "/api/v1/placements/{id}", "placements.delete", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_TRY(svc->DeletePlacement(request.principal, id));
                return NoContent();
              }});
  // Documents and photos: the kernel's documents routes over the service.
  http::AddDocumentRoutes(router, "/api/v1/activities", "activities", svc);
}

}  // namespace hoptac::activities::api

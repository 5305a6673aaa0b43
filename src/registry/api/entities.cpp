// The registry: /api/v1/entities (scope in registry::EntityService).
#include <boost/json.hpp>
#include <charconv>

#include "registry/api/entity_body.h"
#include "registry/api/routes.h"
#include "registry/entity_json.h"
#include "registry/entity_query.h"

namespace hoptac::registry::api {

Result<registry::EntityFilters> EntityFiltersFromQuery(const Request& request) {
  registry::FilterParameter parameter = [&request](std::string_view name) -> std::optional<std::string> {
    auto value = request.Query(name);
    if (!value) return std::nullopt;
    return std::string(*value);
  };
  HOPTAC_TRY(registry::CheckFilterAccess(request.principal, parameter, registry::EntityFilterNames()));
  return registry::ParseEntityFilters(parameter);
}

namespace {

Response EntityResponse(const Request& request, const registry::EntityRecord& record, unsigned status = 200) {
  return Response::Json(registry::EntityJson(record, registry::EntityService::SeesAllFields(request.principal, record)),
                        status);
}

}  // namespace

void AddEntityRoutes(Router& router, const Services& services) {
  registry::EntityService* entities = services.entities;

  router.Add({"GET", "/api/v1/entities", "entities.list", Access::kPublic, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {"kind", "province", "status", "as_of", "q", "offset", "limit",
                                                          "sector", "commune", "women_managed", "youth", "founded_from",
                                                          "founded_to", "legacy_province", "cursor", "sort"}));
                HOPTAC_ASSIGN_OR_RETURN(registry::EntityFilters filters, EntityFiltersFromQuery(request));
                filters.cursor = std::string(request.Query("cursor").value_or(""));
                HOPTAC_ASSIGN_OR_RETURN(filters.offset, IntParameter(request, "offset", 0));
                HOPTAC_ASSIGN_OR_RETURN(filters.limit, IntParameter(request, "limit", 50));
                HOPTAC_ASSIGN_OR_RETURN(auto page, entities->List(request.principal, filters));
                boost::json::array items;
                for (const auto& record : page.items)
                  items.push_back(
                      registry::EntityJson(record, registry::EntityService::SeesAllFields(request.principal, record)));
                boost::json::object out{{"total", page.total}, {"items", std::move(items)}};
                int64_t next = filters.offset + static_cast<int64_t>(page.items.size());
                out["next_offset"] =
                    next < page.total && filters.cursor.empty() ? boost::json::value(next) : boost::json::value();
                out["next_cursor"] = page.next_cursor ? boost::json::value(*page.next_cursor) : boost::json::value();
                return Response::Json(out);
              }});

  router.Add({"POST", "/api/v1/entities", "entities.create", Access::kAuthenticated, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(registry::EntityPatch patch, DecodeEntityBody(body));
                if (!patch.kind) return Error::InvalidField("kind", "required", "field.required");
                HOPTAC_ASSIGN_OR_RETURN(auto record, entities->Create(request.principal, EntityFromPatch(patch)));
                return EntityResponse(request, record, 201);
              }});

  router.Add({"GET", "/api/v1/entities/{id}", "entities.get", Access::kPublic, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto record, entities->Get(request.principal, id));
                return EntityResponse(request, record);
              }});

  router.Add({"PATCH", "/api/v1/entities/{id}", "entities.update", Access::kAuthenticated, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(registry::EntityPatch patch, DecodeEntityBody(body));
                HOPTAC_ASSIGN_OR_RETURN(auto record, entities->Patch(request.principal, id, patch));
                return EntityResponse(request, record);
              }});

  router.Add({"DELETE", "/api/v1/entities/{id}", "entities.delete", Access::kAuthenticated, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(entities->SoftDelete(request.principal, id));
                Response response;
                response.status = 204;
                return response;
              }});

  router.Add({"GET", "/api/v1/entities/{id}/events", "entities.events", Access::kPublic, Execution::kWorker,
              [entities](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto events, entities->Events(request.principal, id));
                boost::json::array items;
                for (const auto& event : events) items.push_back(registry::EventJson(event));
                return Response::Json(boost::json::object{{"total", events.size()}, {"items", std::move(items)}});
              }});

  router.Add(
      {"POST", "/api/v1/entities/{id}/events", "entities.add_event", Access::kAuthenticated, Execution::kWorker,
       [entities](Request& request) -> Result<Response> {
         HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
         HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
         JsonFields fields(body);
         auto date_text = fields.String("date", true, 40);
         auto type_text = fields.String("type", true, 40);
         auto note = fields.String("note", false, 4000);
         auto converted_to = fields.String("converted_to", false, 40);
         HOPTAC_TRY(fields.Finish({"date", "type", "note", "converted_to"}));
         Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
         domain::StatusEvent event;
         if (auto date = Date::ParseIso(*date_text)) {
           event.date = *date;
         } else {
           error.fields.push_back({"date", "invalid_date", "field.invalid_date", {*date_text}});
         }
         if (auto type = domain::EventTypeFromName(*type_text)) {
           event.type = *type;
         } else {
           error.fields.push_back({"type",
                                   "invalid_enum",
                                   "field.invalid_enum",
                                   {*type_text,
                                    "established, suspended, resumed, stopped, dissolved, bankrupt, "
                                    "reorganised, converted"}});
         }
         if (converted_to && !converted_to->empty()) {
           event.converted_to = domain::EntityKindFromName(*converted_to);
           if (!event.converted_to)
             error.fields.push_back(
                 {"converted_to", "invalid_enum", "field.invalid_enum", {*converted_to, domain::EntityKindNames()}});
         }
         if (!error.fields.empty()) return error;
         event.note = note.value_or("");
         HOPTAC_ASSIGN_OR_RETURN(auto stored, entities->AddEvent(request.principal, id, event));
         return Response::Json(registry::EventJson(stored), 201);
       }});
}

}  // namespace hoptac::registry::api

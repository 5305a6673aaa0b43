// The registry: /api/v1/entities (scope in registry::EntityService).
#include <boost/json.hpp>
#include <charconv>

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

using registry::EntityPatch;

#define HOPTAC_ENTITY_MEMBERS                                                                                    \
  "kind", "name", "registration_code", "tax_code", "province_code", "province_as_of", "commune_code", "address", \
      "sector", "founded_on", "women_managed", "youth", "chair_name", "chair_sex", "chair_birth_year", "phone",  \
      "email", "union_registration_code"

// Decodes the members of an entity body into a patch, collecting one field
// error per bad member. null clears a member (create: leaves it empty).
class EntityDecoder {
 public:
  explicit EntityDecoder(const boost::json::object& body) : body_(body), fields_(body) {}

  EntityPatch Decode() {
    EntityPatch p;
    if (auto s = Text("kind", 40)) {
      p.kind = domain::EntityKindFromName(*s);
      if (!p.kind) Invalid("kind", *s, domain::EntityKindNames());
    }
    p.name = Text("name", 1000);
    p.registration_code = Text("registration_code", 100);
    p.tax_code = Text("tax_code", 40);
    p.province_code = Text("province_code", 10);
    p.province_as_of = DateMember("province_as_of");
    p.commune_code = Text("commune_code", 10);
    p.address = Text("address", 2000);
    if (IsNull("sector")) {
      p.sector = std::optional<domain::Sector>();
    } else if (auto s = Text("sector", 40)) {
      auto sector = domain::SectorFromName(*s);
      if (sector) {
        p.sector = sector;
      } else {
        std::string names = domain::SectorNames();
        Invalid("sector", *s, names);
      }
    }
    p.founded_on = DateMember("founded_on");
    p.women_managed = fields_.Bool("women_managed");
    p.youth = fields_.Bool("youth");
    p.chair_name = Text("chair_name", 400);
    if (IsNull("chair_sex")) {
      p.chair_sex = std::optional<domain::Sex>();
    } else if (auto s = Text("chair_sex", 10)) {
      auto sex = domain::SexFromName(*s);
      if (sex) {
        p.chair_sex = sex;
      } else {
        Invalid("chair_sex", *s, "female, male");
      }
    }
    if (IsNull("chair_birth_year")) {
      p.chair_birth_year = std::optional<int>();
    } else if (auto year = fields_.Integer("chair_birth_year")) {
      if (*year < 0 || *year > 9999) {
        errors_.push_back({"chair_birth_year", "out_of_range", "field.out_of_range", {"0", "9999"}});
      } else {
        p.chair_birth_year = static_cast<int>(*year);
      }
    }
    p.phone = Text("phone", 40);
    p.email = Text("email", 400);
    p.union_registration_code = Text("union_registration_code", 100);
    return p;
  }

  // Unknown members and type errors first, then the value errors of this decoder.
  Status Finish() {
    Status status = fields_.Finish({HOPTAC_ENTITY_MEMBERS});
    if (status.ok() && errors_.empty()) return Ok();
    Error error =
        status.ok() ? Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request") : std::move(status).error();
    for (auto& f : errors_) error.fields.push_back(std::move(f));
    return error;
  }

 private:
  bool IsNull(std::string_view name) const {
    auto it = body_.find(name);
    return it != body_.end() && it->value().is_null();
  }
  // A string member; null → "" (clears).
  std::optional<std::string> Text(std::string_view name, size_t max_length) {
    if (IsNull(name)) return std::string();
    return fields_.String(name, false, max_length);
  }
  std::optional<std::optional<Date>> DateMember(std::string_view name) {
    if (IsNull(name)) return std::optional<Date>();
    auto s = fields_.String(name, false, 40);
    if (!s) return std::nullopt;
    auto date = Date::ParseIso(*s);
    if (!date) {
      errors_.push_back({std::string(name), "invalid_date", "field.invalid_date", {*s}});
      return std::nullopt;
    }
    return std::optional<Date>(*date);
  }
  void Invalid(std::string_view name, const std::string& value, std::string allowed) {
    errors_.push_back({std::string(name), "invalid_enum", "field.invalid_enum", {value, std::move(allowed)}});
  }

  const boost::json::object& body_;
  JsonFields fields_;
  std::vector<FieldError> errors_;
};

domain::Entity EntityFromPatch(const EntityPatch& p) {
  domain::Entity e;
  if (p.kind) e.kind = *p.kind;
  e.name = p.name.value_or("");
  e.registration_code = p.registration_code.value_or("");
  e.tax_code = p.tax_code.value_or("");
  e.province_code = p.province_code.value_or("");
  if (p.province_as_of) e.province_as_of = *p.province_as_of;
  e.commune_code = p.commune_code.value_or("");
  e.address = p.address.value_or("");
  if (p.sector) e.sector = *p.sector;
  if (p.founded_on) e.founded_on = *p.founded_on;
  e.women_managed = p.women_managed.value_or(false);
  e.youth = p.youth.value_or(false);
  e.chair_name = p.chair_name.value_or("");
  if (p.chair_sex) e.chair_sex = *p.chair_sex;
  if (p.chair_birth_year) e.chair_birth_year = *p.chair_birth_year;
  e.phone = p.phone.value_or("");
  e.email = p.email.value_or("");
  e.union_registration_code = p.union_registration_code.value_or("");
  return e;
}

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
                EntityDecoder decoder(body);
                EntityPatch patch = decoder.Decode();
                HOPTAC_TRY(decoder.Finish());
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
                EntityDecoder decoder(body);
                EntityPatch patch = decoder.Decode();
                HOPTAC_TRY(decoder.Finish());
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

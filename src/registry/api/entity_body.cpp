// The body of POST and PATCH /api/v1/entities (entity_body.h).
#include "registry/api/entity_body.h"

#include <string>
#include <vector>

#include "http/request.h"

namespace hoptac::registry::api {
namespace {

using http::JsonFields;

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

}  // namespace

Result<EntityPatch> DecodeEntityBody(const boost::json::object& body) {
  EntityDecoder decoder(body);
  EntityPatch patch = decoder.Decode();
  HOPTAC_TRY(decoder.Finish());
  return patch;
}

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

}  // namespace hoptac::registry::api

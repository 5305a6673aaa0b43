// The one JSON of the registry's entity records and status events: the API's answers
// and the audit log's before/after.
#include "registry/entity_json.h"

#include <string>

namespace hoptac::registry {

using domain::Entity;

boost::json::object EntityJson(const EntityRecord& r, bool all_fields) {
  const Entity& e = r.entity;
  auto date = [](const std::optional<Date>& d) { return d ? boost::json::value(d->ToIso()) : boost::json::value(); };
  boost::json::object o;
  o["id"] = e.id;
  o["kind"] = domain::EntityKindName(e.kind);
  o["name"] = e.name;
  o["province_code"] = e.province_code;
  o["current_province_code"] = r.current_province_code;
  o["commune_code"] = e.commune_code.empty() ? boost::json::value() : boost::json::value(e.commune_code);
  o["sector"] = e.sector ? boost::json::value(domain::SectorName(*e.sector)) : boost::json::value();
  o["status"] = r.status ? boost::json::value(domain::EntityStatusName(*r.status)) : boost::json::value();
  o["founded_on"] = date(e.founded_on);
  o["registration_code"] = e.registration_code;
  o["tax_code"] = e.tax_code;
  o["province_as_of"] = date(e.province_as_of);
  o["address"] = e.address;
  o["women_managed"] = e.women_managed;
  o["youth"] = e.youth;
  o["chair_name"] = e.chair_name;
  o["chair_sex"] = e.chair_sex ? boost::json::value(domain::SexName(*e.chair_sex)) : boost::json::value();
  o["chair_birth_year"] = e.chair_birth_year ? boost::json::value(*e.chair_birth_year) : boost::json::value();
  o["phone"] = e.phone;
  o["email"] = e.email;
  o["union_id"] = e.union_id ? boost::json::value(*e.union_id) : boost::json::value();
  o["union_registration_code"] =
      e.union_registration_code.empty() ? boost::json::value() : boost::json::value(e.union_registration_code);
  o["created_at_ms"] = r.created_at_ms;
  o["updated_at_ms"] = r.updated_at_ms;
  if (all_fields) return o;
  // The public view: the public attributes only (domain::IsPublicAttribute, the one rule).
  boost::json::object shown;
  for (const auto& member : o)
    if (domain::IsPublicAttribute(member.key())) shown.emplace(member.key(), member.value());
  return shown;
}

boost::json::object EventJson(const StoredEvent& s) {
  return boost::json::object{
      {"id", s.id},
      {"date", s.event.date.ToIso()},
      {"type", domain::EventTypeName(s.event.type)},
      {"note", s.event.note},
      {"converted_to", s.event.converted_to ? boost::json::value(domain::EntityKindName(*s.event.converted_to))
                                            : boost::json::value()}};
}

namespace {

void AppendJsonString(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

// The same document as serialize(ToJson(record, true)), written directly: imports
// write one per entity, a million at a time.
std::string EntityAuditJson(const EntityRecord& record) {
  std::string json = EntityAuditJsonWithoutId(record);
  return "{\"id\":" + std::to_string(record.entity.id) + "," + json.substr(1);
}

std::string EntityAuditJsonWithoutId(const EntityRecord& record) {
  const Entity& e = record.entity;
  std::string out;
  out.reserve(512 + e.name.size() + e.address.size());
  auto key = [&](const char* name) {
    out += out.empty() ? "{\"" : ",\"";
    out += name;
    out += "\":";
  };
  auto text = [&](const char* name, std::string_view value) {
    key(name);
    AppendJsonString(out, value);
  };
  auto text_or_null = [&](const char* name, bool present, std::string_view value) {
    key(name);
    if (present) {
      AppendJsonString(out, value);
    } else {
      out += "null";
    }
  };
  auto integer = [&](const char* name, int64_t value) {
    key(name);
    out += std::to_string(value);
  };
  auto boolean = [&](const char* name, bool value) {
    key(name);
    out += value ? "true" : "false";
  };
  text("kind", domain::EntityKindName(e.kind));
  text("name", e.name);
  text("province_code", e.province_code);
  text("current_province_code", record.current_province_code);
  text_or_null("commune_code", !e.commune_code.empty(), e.commune_code);
  text_or_null("sector", e.sector.has_value(), e.sector ? domain::SectorName(*e.sector) : "");
  text_or_null("status", record.status.has_value(), record.status ? domain::EntityStatusName(*record.status) : "");
  text_or_null("founded_on", e.founded_on.has_value(), e.founded_on ? e.founded_on->ToIso() : "");
  text("registration_code", e.registration_code);
  text("tax_code", e.tax_code);
  text_or_null("province_as_of", e.province_as_of.has_value(), e.province_as_of ? e.province_as_of->ToIso() : "");
  text("address", e.address);
  boolean("women_managed", e.women_managed);
  boolean("youth", e.youth);
  text("chair_name", e.chair_name);
  text_or_null("chair_sex", e.chair_sex.has_value(), e.chair_sex ? domain::SexName(*e.chair_sex) : "");
  key("chair_birth_year");
  out += e.chair_birth_year ? std::to_string(*e.chair_birth_year) : "null";
  text("phone", e.phone);
  text("email", e.email);
  key("union_id");
  out += e.union_id ? std::to_string(*e.union_id) : "null";
  text_or_null("union_registration_code", !e.union_registration_code.empty(), e.union_registration_code);
  integer("created_at_ms", record.created_at_ms);
  integer("updated_at_ms", record.updated_at_ms);
  out.push_back('}');
  return out;
}

std::pair<boost::json::object, boost::json::object> EntityChangedFields(const EntityRecord& before,
                                                                        const EntityRecord& after) {
  boost::json::object old_values = EntityJson(before, true);
  boost::json::object new_values = EntityJson(after, true);
  std::pair<boost::json::object, boost::json::object> out;
  for (auto& member : new_values) {
    std::string_view key = member.key();
    if (key == "id" || key == "created_at_ms" || key == "updated_at_ms") continue;
    const boost::json::value* old_value = old_values.if_contains(key);
    if (old_value && *old_value == member.value()) continue;
    out.first[key] = old_value ? *old_value : boost::json::value();
    out.second[key] = std::move(member.value());
  }
  return out;
}

}  // namespace hoptac::registry

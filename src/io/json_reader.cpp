#include "io/json_reader.h"

#include <cmath>

namespace hoptac::io {
namespace json = boost::json;

std::optional<std::string> JsonReader::String(const json::object& o, std::string_view name, const std::string& path,
                                              bool required) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) errors_.push_back({path, "required", "field.required", {}});
    return std::nullopt;
  }
  if (!v->is_string()) return Wrong(path, "string");
  return std::string(v->as_string());
}

std::optional<int64_t> JsonReader::Integer(const json::object& o, std::string_view name, const std::string& path,
                                           bool required) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) errors_.push_back({path, "required", "field.required", {}});
    return std::nullopt;
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double() && std::trunc(v->as_double()) == v->as_double() && std::fabs(v->as_double()) < 9e18)
    return static_cast<int64_t>(v->as_double());
  Wrong(path, "integer");
  return std::nullopt;
}

std::optional<bool> JsonReader::Bool(const json::object& o, std::string_view name, const std::string& path,
                                     bool required) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) errors_.push_back({path, "required", "field.required", {}});
    return std::nullopt;
  }
  if (!v->is_bool()) return Wrong(path, "boolean");
  return v->as_bool();
}

std::optional<Date> JsonReader::DateOf(const json::object& o, std::string_view name, const std::string& path,
                                       bool required, bool* present) {
  const json::value* v = o.if_contains(name);
  if (present) *present = v != nullptr;
  if (!v || v->is_null()) {
    if (required) errors_.push_back({path, "required", "field.required", {}});
    return std::nullopt;
  }
  if (!v->is_string()) {
    Wrong(path, "string");
    return std::nullopt;
  }
  std::optional<Date> d = Date::ParseIso(std::string(v->as_string()));
  if (!d) errors_.push_back({path, "invalid_date", "field.invalid_date", {std::string(v->as_string())}});
  return d;
}

const json::array* JsonReader::Array(const json::object& o, std::string_view name, const std::string& path) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) {
    Wrong(path, "array");
    return nullptr;
  }
  return &v->as_array();
}

const json::object* JsonReader::Object(const json::value& v, const std::string& path) {
  if (!v.is_object()) {
    Wrong(path, "object");
    return nullptr;
  }
  return &v.as_object();
}

void JsonReader::Unknown(const json::object& o, std::initializer_list<std::string_view> allowed,
                         const std::string& prefix) {
  for (const auto& member : o) {
    bool known = false;
    for (std::string_view a : allowed) known = known || member.key() == a;
    if (!known) {
      std::string at = prefix.empty() ? std::string(member.key()) : prefix + "." + std::string(member.key());
      errors_.push_back({at, "unknown_parameter", "field.unknown_parameter", {std::string(member.key())}});
    }
  }
}

void JsonReader::Type(const std::string& path, const char* type) { Wrong(path, type); }

Status JsonReader::Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

std::nullopt_t JsonReader::Wrong(const std::string& path, const char* type) {
  errors_.push_back({path, "invalid_type", "field.invalid_type", {type}});
  return std::nullopt;
}

std::string At(std::string_view list, size_t i, std::string_view member) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(member);
}

}  // namespace hoptac::io

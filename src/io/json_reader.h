// Reading a JSON request body member by member: every type error is collected as a field
// error with its path ("contents[2].number"), so a caller sees every problem at once. The
// capabilities' *_json.cpp read their request bodies with it.
//
// Thread-safety: one reader per body; not shared.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::io {

class JsonReader {
 public:
  // nullopt when absent or null ("field.required" when `required`); a wrong type adds
  // "field.invalid_type".
  std::optional<std::string> String(const boost::json::object& o, std::string_view name, const std::string& path,
                                    bool required = false);
  // Integers, and doubles with no fraction below 9e18.
  std::optional<int64_t> Integer(const boost::json::object& o, std::string_view name, const std::string& path,
                                 bool required = false);
  std::optional<bool> Bool(const boost::json::object& o, std::string_view name, const std::string& path,
                           bool required = false);
  // A date "YYYY-MM-DD"; `present` tells whether the member was there (null or a value).
  std::optional<Date> DateOf(const boost::json::object& o, std::string_view name, const std::string& path,
                             bool required = false, bool* present = nullptr);
  // nullptr when absent or null, or not an array (an error then).
  const boost::json::array* Array(const boost::json::object& o, std::string_view name, const std::string& path);
  // nullptr with an error when `v` is not an object.
  const boost::json::object* Object(const boost::json::value& v, const std::string& path);
  // "field.unknown_parameter" for every member not in `allowed` (path-qualified by `prefix`).
  void Unknown(const boost::json::object& o, std::initializer_list<std::string_view> allowed,
               const std::string& prefix);
  void Type(const std::string& path, const char* type);
  void Add(FieldError e) { errors_.push_back(std::move(e)); }
  bool ok() const { return errors_.empty(); }
  // Ok, or kInvalidArgument with every field error collected.
  Status Finish();

 private:
  std::nullopt_t Wrong(const std::string& path, const char* type);
  std::vector<FieldError> errors_;
};

// "list[i].member"
std::string At(std::string_view list, size_t i, std::string_view member);

}  // namespace hoptac::io

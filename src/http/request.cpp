#include "http/request.h"

#include <boost/json.hpp>

namespace hoptac::http {

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query)
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [key, value] : headers)
    if (key == lower_name) return value;
  return {};
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params)
    if (key == name) return value;
  return {};
}

Response Response::Json(const boost::json::value& value, unsigned status) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(value);
  return response;
}

Response Response::Text(std::string body, std::string content_type, unsigned status) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

Result<boost::json::object> ParseJsonObject(const Request& request) {
  std::string_view type = request.Header("content-type");
  if (!type.empty() && type.find("json") == std::string_view::npos)
    return Error::Make(ErrorCode::kInvalidArgument, "error.unsupported_media_type");
  boost::json::stream_parser parser;
  boost::json::error_code ec;
  size_t consumed = parser.write_some(request.body.data(), request.body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return Error::Make(ErrorCode::kInvalidArgument, "error.malformed_json", {std::to_string(consumed), ec.message()});
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) return Error::Make(ErrorCode::kInvalidArgument, "error.json_not_object");
  return std::move(value.as_object());
}

Status CheckQueryParameters(const Request& request, std::initializer_list<std::string_view> allowed) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  for (const auto& [key, value] : request.query) {
    bool known = false;
    for (auto name : allowed) known = known || name == key;
    if (!known) error.fields.push_back({key, "unknown_parameter", "field.unknown_parameter", {key}});
  }
  if (!error.fields.empty()) return error;
  return Ok();
}

Result<std::optional<Date>> DateParameter(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text) return std::optional<Date>();
  auto date = Date::ParseIso(*text);
  if (!date) return Error::InvalidField(std::string(name), "invalid_date", "field.invalid_date", {std::string(*text)});
  return std::optional<Date>(*date);
}

}  // namespace hoptac::http

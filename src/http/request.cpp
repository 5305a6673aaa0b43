#include "http/request.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>
#include <filesystem>

#include "text/json_text.h"
#include "text/utf8.h"

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

std::string_view CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view item = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
      return item.substr(name.size() + 1);
  }
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
  response.body = text::JsonText(value);
  return response;
}

Response Response::Text(std::string body, std::string content_type, unsigned status) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

Result<Response> Response::WrittenFile(const std::function<Status(const std::string& path)>& write,
                                       std::string content_type, const std::string& filename) {
  std::error_code ec;
  std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
  if (ec) folder = "/tmp";
  std::string path = (folder / "hoptac-download-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Error::Internal("download: cannot create a temporary file in " + folder.string());
  close(fd);
  if (Status written = write(path); !written.ok()) {
    std::filesystem::remove(path, ec);
    return std::move(written).error();
  }
  Response response;
  response.content_type = std::move(content_type);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.file_path = path;
  response.remove_file = true;
  return response;
}

Status DecodeTarget(Request& request) {
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return Error::Make(ErrorCode::kInvalidArgument, "error.bad_target");
  boost::urls::url_view url = *parsed;
  request.path = url.path();
  request.query.clear();
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : url.params(opts)) request.query.emplace_back(param.key, param.has_value ? param.value : "");
  return Ok();
}

Status CheckRequestText(const Request& request) {
  using text::IsValidUtf8;
  using text::ValidUtf8;
  if (!IsValidUtf8(request.path)) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.path_not_utf8", {ValidUtf8(request.path)});
    error.fields.push_back({"path", "invalid_utf8", "field.invalid_utf8", {ValidUtf8(request.path)}});
    return error;
  }
  Error query = Error::Make(ErrorCode::kInvalidArgument, "error.query_not_utf8");
  for (const auto& [name, value] : request.query) {
    if (IsValidUtf8(name) && IsValidUtf8(value)) continue;
    if (query.args.empty()) query.args = {ValidUtf8(name), ValidUtf8(value)};
    query.fields.push_back({ValidUtf8(name), "invalid_utf8", "field.invalid_utf8", {ValidUtf8(value)}});
  }
  if (!query.fields.empty()) return query;
  for (std::string_view name : {"authorization", "content-type", "x-csrf-token"}) {
    if (IsValidUtf8(request.Header(name))) continue;
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.header_not_utf8", {std::string(name)});
    error.fields.push_back({std::string(name), "invalid_utf8", "field.header_not_utf8", {}});
    return error;
  }
  if (!IsValidUtf8(CookieValue(request.Header("cookie"), kSessionCookie))) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.header_not_utf8", {"cookie"});
    error.fields.push_back({"cookie", "invalid_utf8", "field.header_not_utf8", {}});
    return error;
  }
  return Ok();
}

Result<boost::json::object> ParseJsonObject(const Request& request) {
  std::string_view type = request.Header("content-type");
  if (!type.empty() && type.find("json") == std::string_view::npos)
    return Error::Make(ErrorCode::kInvalidArgument, "error.unsupported_media_type");
  // Checked before parsing, so that the answer says what is wrong (and where) in words,
  // whatever the parser would say of the bytes.
  if (size_t bad = text::InvalidUtf8Offset(request.body); bad != std::string::npos)
    return Error::Make(ErrorCode::kInvalidArgument, "error.body_not_utf8", {std::to_string(bad)});
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

namespace hoptac::http {

const boost::json::value* JsonFields::Get(std::string_view name, bool required) {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) {
    if (required) errors_.push_back({std::string(name), "required", "field.required", {}});
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> JsonFields::String(std::string_view name, bool required, size_t max_length) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.push_back({std::string(name), "invalid_type", "field.invalid_type", {"string"}});
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (s.size() > max_length) {
    errors_.push_back({std::string(name), "too_long", "field.too_long", {std::to_string(max_length)}});
    return std::nullopt;
  }
  if (required && s.empty()) {
    errors_.push_back({std::string(name), "required", "field.required", {}});
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> JsonFields::Integer(std::string_view name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  errors_.push_back({std::string(name), "invalid_type", "field.invalid_type", {"integer"}});
  return std::nullopt;
}

std::optional<bool> JsonFields::Bool(std::string_view name, bool required) {
  const auto* v = Get(name, required);
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->as_bool();
  errors_.push_back({std::string(name), "invalid_type", "field.invalid_type", {"boolean"}});
  return std::nullopt;
}

Status JsonFields::Finish(std::initializer_list<std::string_view> allowed) {
  for (const auto& member : object_) {
    bool known = false;
    for (auto name : allowed) known = known || name == member.key();
    if (!known)
      errors_.push_back(
          {std::string(member.key()), "unknown_parameter", "field.unknown_parameter", {std::string(member.key())}});
  }
  if (errors_.empty()) return Ok();
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  error.fields = std::move(errors_);
  return error;
}

Result<int64_t> IdParameter(const Request& request, std::string_view name) {
  std::string_view text = request.PathParam(name);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::Make(ErrorCode::kNotFound, "error.route_not_found", {request.path});
  return id;
}

Result<int> IntParameter(const Request& request, std::string_view name, int fallback) {
  auto text = request.Query(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    return Error::InvalidField(std::string(name), "invalid_integer", "field.invalid_integer", {std::string(*text)});
  return value;
}

Result<bool> BoolParameter(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text || *text == "false" || *text == "0" || text->empty()) return false;
  if (*text == "true" || *text == "1") return true;
  return Error::InvalidField(std::string(name), "invalid_enum", "field.invalid_enum",
                             {std::string(*text), "true, false"});
}

std::string AttachmentDisposition(std::string_view filename) {
  std::string ascii, encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';';
    ascii.push_back(plain ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace hoptac::http

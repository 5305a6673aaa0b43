// Request and Response: the HTTP-independent view of an exchange that handlers see.
//
// Handlers read a decoded Request (path, query parameters, headers, body,
// language, client address, path parameters) and return Result<Response>; an
// error is turned into the one error shape by error.h. Handlers never see Beast.
//
// Thread-safety: plain values owned by one exchange.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"
#include "text/i18n.h"

namespace hoptac::http {

struct Request {
  std::string method;  // "GET", …
  std::string target;  // raw request target, e.g. "/api/v1/admin-units?level=province"
  std::string path;    // decoded path
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string body;
  std::string remote_address;
  i18n::Lang lang = i18n::Lang::kVi;
  bool tls = false;           // served over TLS (cookies get Secure)
  auth::Principal principal;  // set by the router's guard on kWorker routes

  // The first value of a query parameter, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  // A header value (name lower-case), or empty.
  std::string_view Header(std::string_view lower_name) const;
  // A path parameter declared in the route pattern as {name}; empty if absent.
  std::string_view PathParam(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this file, streamed from disk (`body` is ignored). With
  // remove_file the server unlinks it as soon as it has opened it, so a temporary
  // file never outlives the exchange.
  std::string file_path;
  bool remove_file = false;

  static Response Json(const boost::json::value& value, unsigned status = 200);
  static Response Text(std::string body, std::string content_type, unsigned status = 200);
  // A download: `write` writes a new temporary file (it gets its path), which is sent as an
  // attachment named `filename` (not cached) and removed once opened. When `write` fails the
  // file is removed and its error returned.
  static Result<Response> WrittenFile(const std::function<Status(const std::string& path)>& write,
                                      std::string content_type, const std::string& filename);
};

// Reads request.target (an origin form, "/path?a=1&b=x%20y") into request.path and
// request.query: percent-decoded, '+' read as a space, parameters in order, a parameter
// without '=' has an empty value. Error (kInvalidArgument): "error.bad_target" when the
// target is not an origin form. The decoded text may still not be UTF-8: the server runs
// CheckRequestText next. The server does this for every request.
Status DecodeTarget(Request& request);

// The one check of a request's text as UTF-8 (text/utf8.h), run by the server on every
// request before it is routed: the decoded path, every query parameter's name and value
// (percent-decoded), and the header values hoptac reads as text — Authorization,
// Content-Type, X-CSRF-Token and the session cookie's value (other cookies belong to
// other applications on the host; Accept-Language and Accept-Encoding are only matched
// against known values). JSON bodies are checked by ParseJsonObject. Errors
// (kInvalidArgument, 400), which never echo the invalid bytes: "error.path_not_utf8" with
// the path, "error.query_not_utf8" naming the first bad parameter and its value and a
// field error "field.invalid_utf8" per bad parameter, "error.header_not_utf8" naming the
// header (never its value: it may be a credential) — the path and values shown with each
// invalid sequence replaced by U+FFFD.
Status CheckRequestText(const Request& request);

// The session cookie (set by POST /api/v1/session, read by the guard).
constexpr std::string_view kSessionCookie = "hoptac_session";

// The value of a cookie in a Cookie header, or empty.
std::string_view CookieValue(std::string_view header, std::string_view name);

// Parses the body as a JSON object. Errors (kInvalidArgument): "error.body_not_utf8" with
// the byte offset when the body is not UTF-8, "error.malformed_json" with the offset and
// parser message, "error.json_not_object", and "error.unsupported_media_type" when
// Content-Type is present and not JSON.
Result<boost::json::object> ParseJsonObject(const Request& request);

// Reads the members of a JSON object body, collecting one field error per bad
// member, so a client sees every problem at once.
class JsonFields {
 public:
  explicit JsonFields(const boost::json::object& object) : object_(object) {}
  std::optional<std::string> String(std::string_view name, bool required = false, size_t max_length = 1000);
  std::optional<int64_t> Integer(std::string_view name, bool required = false);
  std::optional<bool> Bool(std::string_view name, bool required = false);
  // The collected errors, plus "field.unknown_parameter" for members outside `allowed`.
  Status Finish(std::initializer_list<std::string_view> allowed);

 private:
  const boost::json::value* Get(std::string_view name, bool required);
  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

// Rejects query parameters outside `allowed` with field errors "field.unknown_parameter".
Status CheckQueryParameters(const Request& request, std::initializer_list<std::string_view> allowed);

// Parses an optional `YYYY-MM-DD` query parameter; a malformed value is a field error.
Result<std::optional<Date>> DateParameter(const Request& request, std::string_view name);

// The positive integer id in path parameter `name`; anything else is "not found"
// (kNotFound, "error.route_not_found"): /api/v1/users/abc names no resource.
Result<int64_t> IdParameter(const Request& request, std::string_view name);

// An optional integer query parameter, `fallback` when absent; a malformed value is a
// field error ("field.invalid_integer").
Result<int> IntParameter(const Request& request, std::string_view name, int fallback);

// An optional boolean query parameter: true|1, false|0 or empty (false when absent);
// anything else is a field error ("field.invalid_enum").
Result<bool> BoolParameter(const Request& request, std::string_view name);

// The Content-Disposition of a download named `filename` (UTF-8): "attachment" with the name in
// `filename` as ASCII (other bytes, quotes, backslashes and semicolons become '_') and in
// `filename*` as UTF-8, percent-encoded (RFC 6266, RFC 8187).
std::string AttachmentDisposition(std::string_view filename);

}  // namespace hoptac::http

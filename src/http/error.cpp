#include "http/error.h"

#include <boost/json.hpp>

#include "base/log.h"
#include "text/utf8.h"

namespace hoptac::http {

unsigned HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kGone: return 410;
    case ErrorCode::kUnprocessable: return 422;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error, i18n::Lang lang) {
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
    log::Error("request failed", {{"code", ErrorCodeName(error.code)}, {"key", error.key}, {"detail", error.detail}});
  }
  // The last line of defence: a field name or an argument may be user text (a parameter's
  // name, a rejected value), and the body must stay parseable JSON whatever it held, so every
  // text of the body is valid UTF-8 (invalid sequences become U+FFFD; text::ValidUtf8 returns
  // valid text as it is). The request's own text was checked before (CheckRequestText).
  using text::ValidUtf8;
  boost::json::array fields;
  for (const auto& field : error.fields) {
    fields.push_back(boost::json::object{{"field", ValidUtf8(field.field)},
                                         {"code", ValidUtf8(field.code)},
                                         {"message", ValidUtf8(i18n::Translate(lang, field.key, field.args))}});
  }
  std::string message = ValidUtf8(i18n::Translate(lang, error.key.empty() ? "error.internal" : error.key, error.args));
  if (!error.fields.empty() && error.key == "error.invalid_request") {
    // Make the top-level message useful on its own: name the first field.
    message += " " + ValidUtf8(error.fields.front().field) + ": " +
               fields.front().as_object().at("message").as_string().c_str();
  }
  // reason: which error of its code this is, for clients that act on it (e.g.
  // "figures_need_confirmation": show the warnings, re-send with "confirm": true).
  std::string_view key = error.key.empty() ? std::string_view("error.internal") : std::string_view(error.key);
  if (key.starts_with("error.")) key.remove_prefix(6);
  boost::json::object body{{"error", boost::json::object{{"code", ErrorCodeName(error.code)},
                                                         {"reason", ValidUtf8(key)},
                                                         {"message", message},
                                                         {"fields", std::move(fields)}}}};
  Response response = Response::Json(body, HttpStatusFor(error.code));
  if (error.code == ErrorCode::kTooManyRequests && !error.args.empty())
    response.headers.emplace_back("Retry-After", error.args[0]);
  if (error.code == ErrorCode::kUnauthenticated) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace hoptac::http

// Result<T> and Error: the way every fallible operation in hoptac reports failure.
//
// Errors that callers are expected to handle (bad input, missing rows, a database
// that does not answer) are values, not exceptions. An Error carries a stable code
// (see ErrorCode, mapped to an HTTP status only in src/http), an i18n message key
// with positional arguments (translated at the edge, see text/i18n.h), optional
// per-field errors for validation, and an untranslated detail for logs.
//
// Thread-safety: plain values; safe to copy and move between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hoptac {

// Every error code of the system; kErrorCodeNames gives its wire name.
enum class ErrorCode {
  kInvalidArgument,   // bad input from the caller (400)
  kNotFound,          // object or route does not exist, or is out of scope (404)
  kMethodNotAllowed,  // route exists but not for this method (405)
  kConflict,          // unique key or state conflict (409)
  kUnauthenticated,   // no or bad credentials (401)
  kPermissionDenied,  // authenticated but not allowed (403)
  kTooManyRequests,   // throttled (429)
  kPayloadTooLarge,   // body over the limit (413)
  kGone,              // existed, but no longer accepts this (410): a closed survey campaign
  kUnprocessable,     // well-formed, but its fields cannot be processed as they are (422)
  kUnavailable,       // a dependency (the database) does not answer (503)
  kInternal,          // a bug or an unexpected failure (500)
};

// Wire name of a code, e.g. "invalid_argument".
const char* ErrorCodeName(ErrorCode code);

// One rejected field of a request or a row.
struct FieldError {
  std::string field;              // e.g. "as_of"
  std::string code;               // e.g. "invalid_date"
  std::string key;                // i18n key, e.g. "field.invalid_date"
  std::vector<std::string> args;  // arguments for {0}, {1}, ...
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;                 // i18n key of the message, e.g. "error.not_found"
  std::vector<std::string> args;   // arguments for {0}, {1}, ...
  std::vector<FieldError> fields;  // per-field errors (validation)
  std::string detail;              // untranslated detail for logs; never shown to users

  static Error Make(ErrorCode code, std::string key, std::vector<std::string> args = {}) {
    Error e;
    e.code = code;
    e.key = std::move(key);
    e.args = std::move(args);
    return e;
  }
  // An internal failure whose detail goes to the log only.
  static Error Internal(std::string detail) {
    Error e;
    e.code = ErrorCode::kInternal;
    e.key = "error.internal";
    e.detail = std::move(detail);
    return e;
  }
  static Error Unavailable(std::string detail) {
    Error e;
    e.code = ErrorCode::kUnavailable;
    e.key = "error.database_unavailable";
    e.detail = std::move(detail);
    return e;
  }
  // A validation failure of one field.
  static Error InvalidField(std::string field, std::string field_code, std::string key,
                            std::vector<std::string> args = {}) {
    Error e;
    e.code = ErrorCode::kInvalidArgument;
    e.key = "error.invalid_request";
    e.fields.push_back({std::move(field), std::move(field_code), std::move(key), std::move(args)});
    return e;
  }
  // A validation failure of several fields at once (a caller sees every problem together).
  static Error InvalidFields(std::vector<FieldError> fields) {
    Error e;
    e.code = ErrorCode::kInvalidArgument;
    e.key = "error.invalid_request";
    e.fields = std::move(fields);
    return e;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return Status(); }

}  // namespace hoptac

// Propagates the error of a Result expression; otherwise continues.
#define HOPTAC_TRY(expr)                                                        \
  do {                                                                          \
    auto hoptac_try_result_ = (expr);                                           \
    if (!hoptac_try_result_.ok()) return std::move(hoptac_try_result_).error(); \
  } while (0)

#define HOPTAC_CONCAT_INNER_(a, b) a##b
#define HOPTAC_CONCAT_(a, b) HOPTAC_CONCAT_INNER_(a, b)
// Declares `lhs` from the value of a Result expression or returns its error.
#define HOPTAC_ASSIGN_OR_RETURN(lhs, expr) \
  HOPTAC_ASSIGN_OR_RETURN_IMPL_(HOPTAC_CONCAT_(hoptac_aor_, __LINE__), lhs, expr)
#define HOPTAC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).error();       \
  lhs = std::move(tmp).value()

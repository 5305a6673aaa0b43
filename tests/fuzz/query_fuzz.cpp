// libFuzzer harness: the request target as the server reads it (http::DecodeTarget: the
// path and the percent-decoded query parameters, then http::CheckRequestText: all of it
// UTF-8) and the query helpers of http/request.h,
// with the error body each failure becomes. Invariants: the path starts with '/'; every
// error body is valid JSON.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "http/error.h"
#include "http/request.h"

namespace {

void CheckErrorBody(const hoptac::Error& error) {
  for (auto lang : {hoptac::i18n::Lang::kVi, hoptac::i18n::Lang::kEn}) {
    hoptac::http::Response response = hoptac::http::ErrorResponse(error, lang);
    FUZZ_CHECK(response.status >= 400);
    boost::json::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    FUZZ_CHECK(!ec && body.is_object() && body.as_object().contains("error"));
  }
}

template <class T>
void Check(const hoptac::Result<T>& result) {
  if (!result.ok()) CheckErrorBody(result.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hoptac::http::Request request;
  request.method = "GET";
  request.target.assign(reinterpret_cast<const char*>(data), size);
  hoptac::Status decoded = hoptac::http::DecodeTarget(request);
  if (!decoded.ok()) {
    CheckErrorBody(decoded.error());
    return 0;
  }
  FUZZ_CHECK(!request.path.empty() && request.path[0] == '/');
  if (hoptac::Status text = hoptac::http::CheckRequestText(request); !text.ok()) {
    CheckErrorBody(text.error());
    return 0;
  }
  Check(hoptac::http::CheckQueryParameters(request, {"kind", "province", "as_of", "q", "offset", "limit", "youth"}));
  Check(hoptac::http::DateParameter(request, "as_of"));
  Check(hoptac::http::IntParameter(request, "offset", 0));
  Check(hoptac::http::IntParameter(request, "limit", 50));
  Check(hoptac::http::BoolParameter(request, "youth"));
  if (auto q = request.Query("q")) FUZZ_CHECK(q->size() <= request.target.size());
  return 0;
}

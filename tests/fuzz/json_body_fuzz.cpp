// libFuzzer harness: the JSON request bodies as handlers read them — http::ParseJsonObject,
// the entity create/patch body (registry/api/entity_body.h) and http::JsonFields as the
// kernel's handlers use it (session, tokens, users, status events) — and the error body
// each failure becomes, in both languages. Invariant: every error body is valid JSON.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "http/error.h"
#include "http/request.h"
#include "registry/api/entity_body.h"

namespace {

using hoptac::Error;
using hoptac::http::JsonFields;

void CheckErrorBody(const Error& error) {
  for (auto lang : {hoptac::i18n::Lang::kVi, hoptac::i18n::Lang::kEn}) {
    hoptac::http::Response response = hoptac::http::ErrorResponse(error, lang);
    FUZZ_CHECK(response.status >= 400);
    boost::json::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    FUZZ_CHECK(!ec && body.is_object() && body.as_object().contains("error"));
  }
}

void Check(const hoptac::Status& status) {
  if (!status.ok()) CheckErrorBody(status.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hoptac::http::Request request;
  request.method = "POST";
  request.headers.emplace_back("content-type", "application/json");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = hoptac::http::ParseJsonObject(request);
  if (!body.ok()) {
    CheckErrorBody(body.error());
    return 0;
  }
  auto patch = hoptac::registry::api::DecodeEntityBody(*body);
  if (patch.ok()) {
    hoptac::domain::Entity entity = hoptac::registry::api::EntityFromPatch(*patch);
    FUZZ_CHECK(!patch->name || entity.name == *patch->name);
  } else {
    CheckErrorBody(patch.error());
  }
  {  // POST /api/v1/session
    JsonFields fields(*body);
    fields.String("username", true, 64);
    fields.String("password", true, 1024);
    Check(fields.Finish({"username", "password"}));
  }
  {  // POST /api/v1/tokens, the users' bodies, POST /api/v1/entities/{id}/events
    JsonFields fields(*body);
    fields.String("name", true, 100);
    fields.Integer("expires_in_days");
    fields.Bool("disabled");
    fields.String("date", false, 40);
    fields.String("note", false, 4000);
    Check(fields.Finish({"name", "expires_in_days", "disabled", "date", "note"}));
  }
  return 0;
}

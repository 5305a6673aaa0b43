// System routes: health and metrics.
#include <boost/json.hpp>

#include "http/api.h"

namespace hoptac::http {
namespace {

// Compares in time independent of where the strings differ.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// Whether the request came straight from this machine, not through a proxy on it.
bool FromLoopback(const Request& request) {
  if (!request.Header("forwarded").empty() || !request.Header("x-forwarded-for").empty() ||
      !request.Header("x-real-ip").empty())
    return false;
  // The server's textual form of the peer address (127.0.0.0/8, ::1, IPv4-mapped).
  std::string_view address = request.remote_address;
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address.starts_with("127.") || address == "::1";
}

bool MayReadMetrics(const Request& request, const std::string& token) {
  if (!token.empty()) {
    std::string_view authorization = request.Header("authorization");
    if (authorization.starts_with("Bearer ") && SameSecret(authorization.substr(7), token)) return true;
  }
  return FromLoopback(request);
}

}  // namespace

void AddSystemRoutes(Router& router, const Services& services) {
  // Pings the database (so it runs on the worker pool): 200 when it answers.
  router.Add(
      {"GET", "/healthz", "healthz", Access::kPublic, Execution::kWorker, [services](Request&) -> Result<Response> {
         Status ping = services.db->Ping();
         if (!ping.ok()) return ping.error();
         return Response::Json(boost::json::object{{"status", "ok"},
                                                   {"database", storage::BackendName(services.db->backend())},
                                                   {"version", services.version}});
       }});

  router.Add({"GET", "/metrics", "metrics", Access::kPublic, Execution::kInline,
              [services](Request& request) -> Result<Response> {
                if (!MayReadMetrics(request, services.metrics_token))
                  return Error::Make(ErrorCode::kPermissionDenied, "error.metrics_forbidden");
                return Response::Text(services.metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
              }});
}

}  // namespace hoptac::http

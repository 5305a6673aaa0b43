// System routes: health and metrics.
#include <boost/json.hpp>

#include "http/api.h"

namespace hoptac::http {

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

  router.Add(
      {"GET", "/metrics", "metrics", Access::kPublic, Execution::kInline, [services](Request&) -> Result<Response> {
         return Response::Text(services.metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
       }});
}

}  // namespace hoptac::http

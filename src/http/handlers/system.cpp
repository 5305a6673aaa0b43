// System routes: health, metrics and the landing page.
#include <boost/json.hpp>

#include "http/api.h"

namespace hoptac::http {
namespace {

constexpr const char* kIndexHtml = R"html(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>hoptac</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>hoptac</h1>
<p>Hệ thống thông tin của Liên minh Hợp tác xã Việt Nam. Giao diện web chưa được dựng trong bản này;
API đang chạy:</p>
<p lang="en">The information system of the Vietnam Cooperative Alliance. The web application is not part of this
build yet; the API is running:</p>
<ul>
<li><a href="/healthz"><code>GET /healthz</code></a></li>
<li><a href="/api/v1/admin-units?level=province"><code>GET /api/v1/admin-units?level=province</code></a></li>
<li><a href="/api/v1/admin-units?level=province&amp;as_of=2020-12-31"><code>GET /api/v1/admin-units?level=province&amp;as_of=2020-12-31</code></a></li>
<li><a href="/metrics"><code>GET /metrics</code></a></li>
</ul></body></html>
)html";

}  // namespace

void AddSystemRoutes(Router& router, const Services& services) {
  router.Add({"GET", "/", "index", Access::kPublic, Execution::kInline,
              [](Request&) -> Result<Response> { return Response::Text(kIndexHtml, "text/html; charset=utf-8"); }});

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

// The hoptac HTTP API: the kernel's services, its routes and how the route table is built.
//
// BuildRouter() registers the kernel's routes (handlers/<resource>.cpp: system,
// administrative units, session, users, tokens, audit), then every capability's routes
// (each capability's api/ folder adds its own through a RouteModule, see app/routes.cpp),
// then the web application's fallback. The route table is the single list of endpoints
// that the OpenAPI document, the metrics and the access rules are checked against.
//
// Thread-safety: Services members are thread-safe; the router is read-only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "auth/account_service.h"
#include "geo/admin_unit.h"
#include "http/metrics.h"
#include "http/router.h"
#include "storage/db.h"

namespace hoptac::http {

// What the kernel's routes use.
struct Services {
  storage::Db* db = nullptr;  // not owned; outlives the server
  std::shared_ptr<const geo::AdminUnitDirectory> admin_units;
  std::shared_ptr<Metrics> metrics;
  auth::AccountService* accounts = nullptr;  // not owned
  std::string version;
  // GET /metrics answers a request from the loopback interface that no proxy forwarded
  // (no Forwarded / X-Forwarded-For / X-Real-IP header), or one that carries
  // `Authorization: Bearer <metrics_token>` when it is set; anyone else gets 403.
  std::string metrics_token;
  // The built web application's files by path ("index.html", "assets/…"; see
  // base/web_assets.h). Unset, or without index.html: / explains how to build the app.
  std::function<std::optional<std::string_view>(std::string_view path)> web_files;
  // The page answered (with status 404) for an address outside /api and /app that names nothing:
  // the public portal's "page not found" in its look (app/routes.cpp). Unset: a JSON error.
  // Called on an I/O thread: it must not block.
  std::function<Response(const Request& request)> not_found_page;
};

// Adds one capability's routes (e.g. registry::api::AddRoutes bound to its services).
using RouteModule = std::function<void(Router& router)>;

// The kernel's routes, then `modules` in order, then the web application. Also calls
// metrics->SetRoutes() and, when services.accounts is set, installs the authentication guard.
std::shared_ptr<Router> BuildRouter(const Services& services, const std::vector<RouteModule>& modules = {});

// Per-resource registration (handlers/<resource>.cpp).
void AddSystemRoutes(Router& router, const Services& services);
void AddAdminUnitRoutes(Router& router, const Services& services);
void AddSessionRoutes(Router& router, const Services& services);
void AddUserRoutes(Router& router, const Services& services);
void AddTokenRoutes(Router& router, const Services& services);
void AddAuditRoutes(Router& router, const Services& services);
// The staff application under /app and the fallback for every other path outside /api
// (handlers/web_app.cpp); GET / belongs to the public portal (portal/api).
void AddWebAppRoutes(Router& router, const Services& services);
// One page of the embedded web application (e.g. "answer.html", a bundle of its own) as the
// web app serves its files (revalidated, gzipped when accepted); without the web application
// (HOPTAC_WEB=OFF, or a build without that page) a short page in Vietnamese and English that
// says so. For routes of capabilities that answer a page (GET /s/{token}).
Result<Response> ServeWebFile(const Request& request, const Services& services, const std::string& file);

}  // namespace hoptac::http

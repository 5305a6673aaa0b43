// The hoptac HTTP API: the services handlers use and the route table.
//
// BuildRouter() registers every route of the API (one file per resource under
// handlers/); the route table is the single list of endpoints that the OpenAPI
// document, the metrics and the access rules are checked against.
//
// Thread-safety: Services members are thread-safe; the router is read-only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "analytics/registry_index.h"
#include "auth/account_service.h"
#include "domain/admin_unit.h"
#include "http/metrics.h"
#include "http/router.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "registry/import_jobs.h"
#include "storage/db.h"

namespace hoptac::http {

struct Services {
  storage::Db* db = nullptr;  // not owned; outlives the server
  std::shared_ptr<const domain::AdminUnitDirectory> admin_units;
  std::shared_ptr<Metrics> metrics;
  auth::AccountService* accounts = nullptr;     // not owned
  registry::EntityService* entities = nullptr;  // not owned
  analytics::RegistryIndex* index = nullptr;    // not owned; the stats routes need it
  registry::FigureService* figures = nullptr;   // not owned
  registry::ImportJobs* imports = nullptr;      // not owned; null: the import routes answer 503
  std::string version;
  // The built web application's files by path ("index.html", "assets/…"; see
  // base/web_assets.h). Unset, or without index.html: / explains how to build the app.
  std::function<std::optional<std::string_view>(std::string_view path)> web_files;
};

// All routes, in the order they are matched. Also calls metrics->SetRoutes() and,
// when services.accounts is set, installs the authentication guard.
std::shared_ptr<Router> BuildRouter(const Services& services);

// Per-resource registration (handlers/<resource>.cpp).
void AddSystemRoutes(Router& router, const Services& services);
void AddAdminUnitRoutes(Router& router, const Services& services);
void AddSessionRoutes(Router& router, const Services& services);
void AddUserRoutes(Router& router, const Services& services);
void AddTokenRoutes(Router& router, const Services& services);
void AddAuditRoutes(Router& router, const Services& services);
void AddEntityRoutes(Router& router, const Services& services);
void AddStatsRoutes(Router& router, const Services& services);  // 503 without services.index
void AddFigureRoutes(Router& router, const Services& services);
// GET / and the fallback for every other path outside /api (handlers/web_app.cpp).
void AddWebAppRoutes(Router& router, const Services& services);
void AddExportRoutes(Router& router, const Services& services);

// The list filters of /api/v1/entities from the query string (registry::ParseEntityFilters);
// offset and limit are left at their defaults. Shared by the list and the exports.
Result<registry::EntityFilters> EntityFiltersFromQuery(const Request& request);
void AddImportRoutes(Router& router, const Services& services);

}  // namespace hoptac::http

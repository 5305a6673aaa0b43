// The hoptac HTTP API: the services handlers use and the route table.
//
// BuildRouter() registers every route of the API (one file per resource under
// handlers/); the route table is the single list of endpoints that the OpenAPI
// document, the metrics and the access rules are checked against.
//
// Thread-safety: Services members are thread-safe; the router is read-only.
#pragma once

#include <memory>

#include "auth/account_service.h"
#include "domain/admin_unit.h"
#include "http/metrics.h"
#include "http/router.h"
#include "registry/entity_service.h"
#include "registry/import_jobs.h"
#include "storage/db.h"

namespace hoptac::http {

struct Services {
  storage::Db* db = nullptr;  // not owned; outlives the server
  std::shared_ptr<const domain::AdminUnitDirectory> admin_units;
  std::shared_ptr<Metrics> metrics;
  auth::AccountService* accounts = nullptr;     // not owned
  registry::EntityService* entities = nullptr;  // not owned
  registry::ImportJobs* imports = nullptr;      // not owned; null: the import routes answer 503
  std::string version;
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
void AddImportRoutes(Router& router, const Services& services);

}  // namespace hoptac::http

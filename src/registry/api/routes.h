// The registry's routes: /api/v1/entities (with events and figures), /api/v1/exports,
// /api/v1/imports and /api/v1/stats. The only part of the registry that includes http/.
// Every handler reads decode → validate → service → respond; scope is the services' business.
//
// Thread-safety: Services members are thread-safe; routes are added before the server starts.
#pragma once

#include <memory>

#include "geo/admin_unit.h"
#include "http/request.h"
#include "http/router.h"
#include "registry/entity_query.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "registry/import/import_jobs.h"
#include "registry/import/import_records.h"
#include "registry/index/registry_index.h"
#include "storage/db.h"

namespace hoptac::registry::api {

// The framework's vocabulary, used by every handler file of this folder.
using http::Access;
using http::Execution;
using http::JsonFields;
using http::Request;
using http::Response;
using http::Route;
using http::Router;

// What the registry's routes use; none owned, all outlive the server.
struct Services {
  storage::Db* db = nullptr;
  std::shared_ptr<const geo::AdminUnitDirectory> admin_units;
  EntityService* entities = nullptr;
  FigureService* figures = nullptr;
  analytics::RegistryIndex* index = nullptr;  // null: the stats routes answer 503
  ImportJobs* imports = nullptr;              // null: the import routes answer 503
  ImportRecords* import_records = nullptr;    // null: /api/v1/imports/{number}[/file] answer 503
};

// Every route of the registry, in the order they are matched.
void AddRoutes(Router& router, const Services& services);

// Per-resource registration (one file each).
void AddEntityRoutes(Router& router, const Services& services);
void AddFigureRoutes(Router& router, const Services& services);
void AddStatsRoutes(Router& router, const Services& services);
void AddExportRoutes(Router& router, const Services& services);
void AddImportRoutes(Router& router, const Services& services);

// The list filters of /api/v1/entities from the query string (ParseEntityFilters), after
// the caller's right to use them (CheckFilterAccess); offset and limit are left at their
// defaults. Shared by the list and the exports.
Result<EntityFilters> EntityFiltersFromQuery(const Request& request);

}  // namespace hoptac::registry::api

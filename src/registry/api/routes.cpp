#include "registry/api/routes.h"

namespace hoptac::registry::api {

void AddRoutes(Router& router, const Services& services) {
  AddEntityRoutes(router, services);
  AddStatsRoutes(router, services);
  AddFigureRoutes(router, services);
  AddExportRoutes(router, services);
  AddImportRoutes(router, services);
}

}  // namespace hoptac::registry::api

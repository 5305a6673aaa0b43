#include "http/api.h"

#include "http/guard.h"

namespace hoptac::http {

std::shared_ptr<Router> BuildRouter(const Services& services, const std::vector<RouteModule>& modules) {
  auto router = std::make_shared<Router>();
  AddSystemRoutes(*router, services);
  AddAdminUnitRoutes(*router, services);
  AddSessionRoutes(*router, services);
  AddUserRoutes(*router, services);
  AddTokenRoutes(*router, services);
  AddAuditRoutes(*router, services);
  for (const RouteModule& add_routes : modules) add_routes(*router);
  AddWebAppRoutes(*router, services);
  if (services.accounts) router->SetGuard(MakeGuard(*services.accounts));
  if (services.metrics) {
    std::vector<std::string> names;
    for (const auto& route : router->routes()) names.push_back(route.name);
    if (router->fallback()) names.push_back(router->fallback()->name);  // its slot is routes().size()
    services.metrics->SetRoutes(std::move(names));
  }
  return router;
}

}  // namespace hoptac::http

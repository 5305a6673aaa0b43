#include "http/api.h"

namespace hoptac::http {

std::shared_ptr<Router> BuildRouter(const Services& services) {
  auto router = std::make_shared<Router>();
  AddSystemRoutes(*router, services);
  AddAdminUnitRoutes(*router, services);
  if (services.metrics) {
    std::vector<std::string> names;
    for (const auto& route : router->routes()) names.push_back(route.name);
    services.metrics->SetRoutes(std::move(names));
  }
  return router;
}

}  // namespace hoptac::http

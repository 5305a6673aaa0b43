// A server of the portal's pages over portal::SampleContent (no database), for measuring the
// pages with wrk the way bench/run.sh measures the admin-units list:
//   build/dev/bench/portal_server PORT [--quiet] [--inline]
//   wrk -t2 -c64 -d10s http://127.0.0.1:PORT/tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx
// --quiet turns the access log off; --inline registers the routes as Execution::kInline (to
// compare with the worker hop the portal uses). Prints "listening on PORT" when ready.
#include <cstring>
#include <iostream>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "portal/api/routes.h"
#include "portal/sample_content.h"

int main(int argc, char** argv) {
  using namespace hoptac;
  http::ServerOptions options;
  options.port = argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0;
  bool inline_routes = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quiet") == 0) options.access_log = false;
    if (std::strcmp(argv[i], "--inline") == 0) inline_routes = true;
  }
  portal::SampleContent content;
  content.Fill();
  auto router = std::make_shared<http::Router>();
  portal::api::Services services;
  services.content = &content;
  services.options.base_url = "https://hoptac.example";
  portal::api::AddRoutes(*router, services);
  if (inline_routes) {
    auto copy = std::make_shared<http::Router>();
    for (auto route : router->routes()) {
      route.execution = http::Execution::kInline;
      copy->Add(std::move(route));
    }
    router = copy;
  }
  auto metrics = std::make_shared<http::Metrics>();
  std::vector<std::string> names;
  for (const auto& route : router->routes()) names.push_back(route.name);
  metrics->SetRoutes(std::move(names));
  auto server = http::Server::Create(options, router, metrics);
  if (!server.ok()) {
    std::cerr << "cannot start: " << server.error().detail << "\n";
    return 1;
  }
  std::cout << "listening on " << (*server)->port() << std::endl;
  (*server)->Run();
  return 0;
}

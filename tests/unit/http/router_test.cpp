#include "http/router.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "http/api.h"

namespace hoptac::http {
namespace {

Handler Dummy() {
  return [](Request&) -> Result<Response> { return Response{}; };
}

TEST(Router, MatchesPatternsMethodsAndParameters) {
  Router router;
  router.Add({"GET", "/api/v1/things", "things.list", Access::kPublic, Execution::kInline, Dummy()});
  router.Add({"POST", "/api/v1/things", "things.create", Access::kPublic, Execution::kWorker, Dummy()});
  router.Add({"GET", "/api/v1/things/{id}", "things.get", Access::kPublic, Execution::kWorker, Dummy()});
  router.Add({"GET", "/api/v1/things/{id}/events", "things.events", Access::kPublic, Execution::kWorker, Dummy()});

  auto list = router.Match("GET", "/api/v1/things");
  ASSERT_NE(list.route, nullptr);
  EXPECT_EQ(list.route->name, "things.list");
  ASSERT_NE(router.Match("GET", "/api/v1/things/").route, nullptr);  // trailing slash
  auto get = router.Match("GET", "/api/v1/things/42");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(get.route->name, "things.get");
  ASSERT_EQ(get.params.size(), 1u);
  EXPECT_EQ(get.params[0].second, "42");
  EXPECT_EQ(router.Match("GET", "/api/v1/things/42/events").route->name, "things.events");
  EXPECT_EQ(router.Match("HEAD", "/api/v1/things").route->name, "things.list");

  auto wrong = router.Match("DELETE", "/api/v1/things");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, "GET, POST");
  auto none = router.Match("GET", "/api/v1/other");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allowed_methods.empty());
  EXPECT_EQ(router.Match("GET", "/api/v1/things//events").route, nullptr);
  EXPECT_EQ(router.Match("GET", "").route, nullptr);
}

// Every route of the API is documented in docs/api/openapi.yaml with its method,
// and the document lists no endpoint that does not exist.
TEST(Router, EveryRouteIsInTheOpenApiDocument) {
  Services services;
  auto router = BuildRouter(services);
  std::ifstream in(HOPTAC_SOURCE_DIR "/docs/api/openapi.yaml");
  ASSERT_TRUE(in.good());
  std::set<std::string> documented;
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ') break;
    if (!in_paths) continue;
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') path = line.substr(2, line.size() - 3);
    for (const char* method : {"get", "post", "put", "patch", "delete"}) {
      if (line == std::string("    ") + method + ":") {
        std::string upper(method);
        for (auto& c : upper) c = static_cast<char>(std::toupper(c));
        documented.insert(upper + " " + path);
      }
    }
  }
  std::set<std::string> routed;
  for (const auto& route : router->routes()) routed.insert(route.method + " " + route.pattern);
  for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << r << " is not in docs/api/openapi.yaml";
  for (const auto& d : documented) EXPECT_TRUE(routed.count(d)) << d << " is documented but not routed";
}

}  // namespace
}  // namespace hoptac::http

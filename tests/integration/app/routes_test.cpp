// The route table the binary serves (app::System::BuildRouter: the kernel and every
// capability) against the API's documentation.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "base/log.h"
#include "support/test_system.h"

namespace hoptac::app {
namespace {

// Every route of the API is documented in docs/api/openapi.yaml with its method,
// and the document lists no endpoint that does not exist.
TEST(Routes, EveryRouteIsInTheOpenApiDocument) {
  log::SetQuiet(true);
  testing::TestSystem test;
  ASSERT_TRUE(test.Create());
  auto router = test.system().BuildRouter();
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
}  // namespace hoptac::app

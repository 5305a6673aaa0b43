#include "http/router.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace hoptac::http

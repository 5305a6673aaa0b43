// Serving the web application under /app/: hashed assets cached for good, index.html revalidated,
// client-side routes answered with index.html, misses are 404s, gzip when accepted, the app's old
// addresses (before /app/) redirected, and a clear page when the app was not built.
#include <gtest/gtest.h>

#include <map>

#include "http/api.h"

namespace hoptac::http {
namespace {

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return "";
}

class WebAppTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(true); }

  void Build(bool built) {
    Services services;
    if (built) {
      services.web_files = [this](std::string_view path) -> std::optional<std::string_view> {
        auto it = files_.find(std::string(path));
        if (it == files_.end()) return std::nullopt;
        return std::string_view(it->second);
      };
    }
    router_ = BuildRouter(services);
  }

  // Routes a GET like the server does; nullopt when no route (and no fallback) matches.
  std::optional<Result<Response>> Get(std::string path, std::string accept_encoding = "", std::string target = "") {
    RouteMatch match = router_->Match("GET", path);
    if (!match.route) return std::nullopt;
    Request request;
    request.method = "GET";
    request.path = path;
    request.target = target.empty() ? path : target;
    if (!accept_encoding.empty()) request.headers.emplace_back("accept-encoding", accept_encoding);
    return match.route->handler(request);
  }

  std::map<std::string, std::string> files_ = {
      {"index.html", "<!doctype html><div id=root></div>"},
      {"index.html.gz", "GZ-INDEX"},
      {"assets/index-AbC123.js", "console.log(1)"},
      {"assets/index-AbC123.js.gz", "GZ-JS"},
      {"assets/index-AbC123.css", "body{}"},
      {"favicon.svg", "<svg/>"},
  };
  std::shared_ptr<Router> router_;
};

TEST_F(WebAppTest, IndexIsRevalidatedAndHashedAssetsAreCachedForAYear) {
  for (const char* path : {"/app", "/app/"}) {
    auto index = Get(path);
    ASSERT_TRUE(index && index->ok()) << path;
    EXPECT_EQ(index->value().body, files_["index.html"]) << path;
    EXPECT_EQ(index->value().content_type, "text/html; charset=utf-8") << path;
    EXPECT_EQ(HeaderOf(index->value(), "Cache-Control"), "no-cache") << path;
  }

  auto js = Get("/app/assets/index-AbC123.js");
  ASSERT_TRUE(js && js->ok());
  EXPECT_EQ(js->value().body, "console.log(1)");
  EXPECT_EQ(js->value().content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js->value(), "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(js->value(), "Vary"), "Accept-Encoding");

  auto css = Get("/app/assets/index-AbC123.css");
  ASSERT_TRUE(css && css->ok());
  EXPECT_EQ(css->value().content_type, "text/css; charset=utf-8");
  EXPECT_EQ(HeaderOf(css->value(), "Vary"), "");  // no gzipped copy

  auto icon = Get("/app/favicon.svg");
  ASSERT_TRUE(icon && icon->ok());
  EXPECT_EQ(icon->value().content_type, "image/svg+xml");
  EXPECT_EQ(HeaderOf(icon->value(), "Cache-Control"), "no-cache");
}

TEST_F(WebAppTest, ClientSideRoutesGetIndexHtml) {
  for (const char* path : {"/app/registry", "/app/registry/12", "/app/registry/12/edit", "/app/admin/users",
                           "/app/registry/", "/app/news/3/edit"}) {
    auto page = Get(path);
    ASSERT_TRUE(page.has_value()) << path;
    ASSERT_TRUE(page->ok()) << path;
    EXPECT_EQ(page->value().body, files_["index.html"]) << path;
    EXPECT_EQ(HeaderOf(page->value(), "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(WebAppTest, OldAddressesOfTheAppRedirectUnderApp) {
  struct Case {
    std::string path, target, location;
  };
  for (const Case& c : std::vector<Case>{
           {"/registry", "/registry", "/app/registry"},
           {"/registry/12", "/registry/12?tab=history&q=h%E1%BB%A3p", "/app/registry/12?tab=history&q=h%E1%BB%A3p"},
           {"/login", "/login", "/app/login"},
           {"/reports/inbox", "/reports/inbox", "/app/reports/inbox"},
           {"/admin/users", "/admin/users", "/app/admin/users"},
           {"/fund/loans/7", "/fund/loans/7?as_of=2026-06-30", "/app/fund/loans/7?as_of=2026-06-30"},
           {"/pivot", "/pivot?rows=province&cols=kind", "/app/pivot?rows=province&cols=kind"},
           {"/petitions/stats", "/petitions/stats", "/app/petitions/stats"},
           {"/surveys/campaigns/3/results", "/surveys/campaigns/3/results", "/app/surveys/campaigns/3/results"},
       }) {
    auto moved = Get(c.path, "", c.target);
    ASSERT_TRUE(moved && moved->ok()) << c.target;
    EXPECT_EQ(moved->value().status, 301u) << c.target;
    EXPECT_EQ(HeaderOf(moved->value(), "Location"), c.location) << c.target;
  }
  // A path that only begins like one of them is not one of them.
  for (const char* path : {"/registryx", "/apps", "/tin-tuc", "/xyz/registry"}) {
    auto miss = Get(path);
    ASSERT_TRUE(miss.has_value()) << path;
    ASSERT_FALSE(miss->ok()) << path;
    EXPECT_EQ(miss->error().code, ErrorCode::kNotFound) << path;
  }
}

TEST_F(WebAppTest, MissingFilesAreNotFoundAndTheApiKeepsItsOwn404) {
  for (const char* path : {"/app/assets/index-Old999.js", "/app/robots.txt", "/app/assets/index-AbC123.js.gz",
                           "/app/x/y.png", "/assets/index-AbC123.js", "/favicon.svg", "/robots.txt"}) {
    auto miss = Get(path);
    ASSERT_TRUE(miss.has_value()) << path;
    ASSERT_FALSE(miss->ok()) << path;
    EXPECT_EQ(miss->error().code, ErrorCode::kNotFound) << path;
  }
  // /api is never the web app's: an unknown API path matches no route (a JSON 404 from the server).
  EXPECT_FALSE(Get("/api/v1/nothing-here").has_value());
  EXPECT_FALSE(Get("/api").has_value());
  // Other methods never reach the web app.
  EXPECT_EQ(router_->Match("POST", "/app/registry").route, nullptr);
  // The API routes still win.
  EXPECT_EQ(router_->Match("GET", "/healthz").route->name, "healthz");
  EXPECT_EQ(router_->Match("GET", "/app/registry").route->name, "web");
  EXPECT_EQ(router_->Match("HEAD", "/app/registry").route->name, "web");
}

TEST_F(WebAppTest, GzipOnlyWhenTheClientAcceptsIt) {
  struct Case {
    std::string accept;
    bool gzip;
  };
  for (const Case& c : std::vector<Case>{{"", false},
                                         {"gzip", true},
                                         {"gzip, deflate, br", true},
                                         {"br;q=1.0, gzip;q=0.8", true},
                                         {"gzip;q=0", false},
                                         {"gzip;q=0.000", false},
                                         {"deflate", false},
                                         {"*", true},
                                         {"identity", false}}) {
    auto js = Get("/app/assets/index-AbC123.js", c.accept);
    ASSERT_TRUE(js && js->ok()) << c.accept;
    EXPECT_EQ(js->value().body, c.gzip ? "GZ-JS" : "console.log(1)") << c.accept;
    EXPECT_EQ(HeaderOf(js->value(), "Content-Encoding"), c.gzip ? "gzip" : "") << c.accept;
  }
  auto route = Get("/app/registry/5", "gzip");
  ASSERT_TRUE(route && route->ok());
  EXPECT_EQ(route->value().body, "GZ-INDEX");
}

TEST_F(WebAppTest, WithoutABuildThePageSaysHowToBuildIt) {
  Build(false);
  for (const char* path : {"/app", "/app/registry/12"}) {
    auto page = Get(path);
    ASSERT_TRUE(page && page->ok()) << path;
    EXPECT_NE(page->value().body.find("make build"), std::string::npos);
    EXPECT_NE(page->value().body.find("chưa được dựng"), std::string::npos);
    EXPECT_NE(page->value().body.find("was not built"), std::string::npos);
  }
  auto asset = Get("/app/assets/index-AbC123.js");
  ASSERT_TRUE(asset.has_value());
  EXPECT_FALSE(asset->ok());
}

}  // namespace
}  // namespace hoptac::http

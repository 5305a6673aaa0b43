#include "portal/api/routes.h"

#include <fstream>

#include "portal/portal.h"

namespace hoptac::portal::api {
namespace {

http::Response ToResponse(Answer answer) {
  http::Response response;
  response.status = answer.status;
  response.content_type = std::move(answer.content_type);
  response.body = std::move(answer.body);
  response.headers = std::move(answer.headers);
  return response;
}

Visit VisitOf(const http::Request& request) {
  Visit visit;
  visit.query = request.query;
  visit.remote_address = request.remote_address;
  visit.user_agent = std::string(request.Header("user-agent"));
  visit.count_view = request.method != "HEAD";
  return visit;
}

}  // namespace

void AddRoutes(http::Router& router, const Services& services) {
  auto portal = std::make_shared<Portal>(*services.content, services.options);
  auto page = [&router, portal](const char* pattern, const char* name, PageKind kind, const char* param) {
    std::string param_name = param ? param : "";
    router.Add({"GET", pattern, name, http::Access::kPublic, http::Execution::kWorker,
                [portal, kind, param_name](http::Request& request) -> Result<http::Response> {
                  std::string_view value = param_name.empty() ? std::string_view() : request.PathParam(param_name);
                  return ToResponse(portal->Serve(kind, value, VisitOf(request)));
                }});
  };
  page("/", "portal.home", PageKind::kHome, nullptr);
  page("/tin-tuc", "portal.news", PageKind::kNewsList, nullptr);
  page("/tin-tuc/{slug}", "portal.article", PageKind::kArticle, "slug");
  page("/san-pham", "portal.products", PageKind::kProducts, nullptr);
  page("/san-pham/{slug}", "portal.product", PageKind::kProduct, "slug");
  page("/htx/{slug}", "portal.entity", PageKind::kEntity, "slug");
  page("/tinh/{province}", "portal.province", PageKind::kProvince, "province");
  page("/thong-ke", "portal.stats", PageKind::kStats, nullptr);
  page("/thong-ke/{province}", "portal.stats_province", PageKind::kStats, "province");
  page("/du-lieu-mo", "portal.open_data", PageKind::kOpenData, nullptr);
  page("/rss.xml", "portal.rss", PageKind::kRss, nullptr);
  page("/rss/{file}", "portal.rss_category", PageKind::kRss, "file");
  page("/sitemap.xml", "portal.sitemap_index", PageKind::kSitemapIndex, nullptr);
  page("/sitemap/{file}", "portal.sitemap", PageKind::kSitemap, "file");
  page("/robots.txt", "portal.robots", PageKind::kRobots, nullptr);
  page("/portal.css", "portal.css", PageKind::kCss, nullptr);

  // The open-data files: written by Content to a temporary file, sent, removed.
  router.Add({"GET", "/du-lieu-mo/{file}", "portal.open_data_file", http::Access::kPublic, http::Execution::kWorker,
              [portal](http::Request& request) -> Result<http::Response> {
                auto file = FindOpenDataFile(request.PathParam("file"));
                if (!file) {
                  auto lang = ReadParams(PageKind::kOpenData, request.query).lang.value_or(i18n::Lang::kVi);
                  Rendered page = RenderNotFound(portal->options(), lang);
                  http::Response response = http::Response::Text(std::move(page.body), page.content_type, 404);
                  response.headers.emplace_back("Cache-Control", "no-store");
                  return response;
                }
                Content& content = portal->content();
                HOPTAC_ASSIGN_OR_RETURN(
                    http::Response response,
                    http::Response::WrittenFile(
                        [&](const std::string& path) { return content.WriteOpenData(file->set, file->format, path); },
                        file->content_type, file->download_name));
                return response;
              }});
}

}  // namespace hoptac::portal::api

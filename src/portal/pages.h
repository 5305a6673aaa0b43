// The portal's pages: which exist, their normalised parameters, and rendering one of them.
//
// A page is a PageKind with at most one path parameter (a slug, a code, a file name) and its
// PageParams, read from the query by ReadParams: only the names the page knows, only valid
// values (anything else is ignored, so `?utm_source=…` or a broken `trang` neither fail nor
// make new cache entries), written back by Key() in one order. Render is a pure function of
// (kind, parameter, params, Content's data): the cache (portal.h) keys on the same three.
//
// Thread-safety: pure functions (Content is thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "portal/content.h"
#include "text/i18n.h"

namespace hoptac::portal {

struct PortalOptions {
  // The public address of the site without a trailing slash ("https://hoptac.vn"), for the
  // absolute URLs of canonical links, Open Graph, RSS and sitemaps. Configured, never taken
  // from the Host header (the cache would keep a forged one). Empty: relative URLs.
  std::string base_url;
  std::string site_name = "Liên minh Hợp tác xã Việt Nam";
  std::string site_name_en = "Vietnam Cooperative Alliance";
  int64_t sitemap_page_size = 50'000;  // URLs per sitemap file (the protocol's maximum)
  size_t cache_entries = 4096;         // pages kept at most
  size_t cache_bytes = 64u << 20;      // bytes of pages kept at most
  std::chrono::milliseconds cache_ttl{60'000};
};

enum class PageKind {
  kHome,          // /
  kNewsList,      // /tin-tuc
  kArticle,       // /tin-tuc/{slug}
  kProducts,      // /san-pham
  kProduct,       // /san-pham/{slug}
  kEntity,        // /htx/{slug}
  kProvince,      // /tinh/{code-or-slug}
  kStats,         // /thong-ke and /thong-ke/{code} (param: the code, empty for the country)
  kOpenData,      // /du-lieu-mo
  kRss,           // /rss.xml and /rss/{category slug}.xml (param: the file name, empty for all)
  kSitemapIndex,  // /sitemap.xml
  kSitemap,       // /sitemap/{file}.xml (param: the file name)
  kRobots,        // /robots.txt
  kCss,           // /portal.css
  kNotFound,      // the portal's 404 page
};

// The query of a page after normalisation.
struct PageParams {
  std::optional<i18n::Lang> lang;  // ?lang=vi|en; absent: Vietnamese (an article: its own language)
  int page = 1;                    // trang (1..10000)
  std::string category;            // chuyen-muc (news category slug) or loai (product category slug)
  std::string keyword;             // tu-khoa
  std::string province;            // tinh: a province code (digits)
  std::string q;                   // q (products), at most 100 bytes
  int stars = 0;                   // sao: 1..5
};

// The parameters `kind` reads from `query` (decoded pairs, in order; the first of a name wins).
PageParams ReadParams(PageKind kind, const std::vector<std::pair<std::string, std::string>>& query);
// The cache key of a page: kind, parameter and the parameters in one order.
std::string Key(PageKind kind, std::string_view param, const PageParams& params);

struct Rendered {
  unsigned status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;       // a redirect's target (301), relative
  std::string cache_control;  // empty: "public, max-age=60"
  int64_t article_id = 0;     // an article page: counts a view on every GET
};

// Renders a page. Not found (an unknown slug, code or page number) is the 404 page (status
// 404), a wrong entity or province slug a 301; an error is a failure of Content.
Result<Rendered> Render(Content& content, const PortalOptions& options, PageKind kind, std::string_view param,
                        const PageParams& params);
// The 404 page, and the page that says the site cannot answer now (503).
Rendered RenderNotFound(const PortalOptions& options, i18n::Lang lang);
Rendered RenderUnavailable(const PortalOptions& options, i18n::Lang lang);

// The stylesheet, and the version written in its links (/portal.css?v=…: first 8 hex of a
// hash of its text), so it can be cached for a year.
std::string_view StyleSheet();
std::string_view StyleVersion();

// An open-data file by its name in /du-lieu-mo/{file}: "htx.csv", "htx.xlsx", "thong-ke.csv",
// "thong-ke.xlsx"; nullopt for another name.
struct OpenDataFile {
  OpenDataSet set;
  DataFormat format;
  std::string download_name;  // "hoptac-htx.csv"
  std::string content_type;
};
std::optional<OpenDataFile> FindOpenDataFile(std::string_view name);

}  // namespace hoptac::portal

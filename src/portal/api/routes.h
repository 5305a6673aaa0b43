// The portal's routes: the public pages (GET, Access::kPublic) — /, /tin-tuc, /tin-tuc/{slug},
// /san-pham, /san-pham/{slug}, /htx/{slug}, /tinh/{code-or-slug}, /thong-ke, /thong-ke/{code},
// /du-lieu-mo, /du-lieu-mo/{file} (the downloads), /rss.xml, /rss/{file}, /sitemap.xml,
// /sitemap/{file}, /robots.txt, /portal.css. The only part of the portal that includes http/.
//
// Execution: kWorker. A cached page is answered in microseconds, but a miss asks Content, which
// may read the database, and a route cannot be both; measured with wrk -t2 -c64 on 2 cores the
// worker hop costs little against the ≥ 5,000 req/s asked (README.md: the numbers).
//
// Thread-safety: routes are added before the server starts; the Portal is thread-safe.
#pragma once

#include <memory>

#include "http/router.h"
#include "portal/content.h"
#include "portal/pages.h"

namespace hoptac::portal::api {

struct Services {
  Content* content = nullptr;  // not owned; outlives the server
  PortalOptions options;
};

// Adds the portal's routes, "/" included (the web application then serves /app only).
void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::portal::api

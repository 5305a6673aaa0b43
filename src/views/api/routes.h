// The saved views' routes: /api/v1/views (list, save), /api/v1/views/start (the start page),
// /api/v1/views/{id} (open, rename or re-share, delete). The only part of views that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/router.h"
#include "views/view_service.h"

namespace hoptac::views::api {

struct Services {
  ViewService* views = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::views::api

// The news routes: /api/v1/articles[/{id}] with the workflow's moves (submit, publish, return,
// unpublish), the preview, and /api/v1/news-categories. The only part of news that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/router.h"
#include "news/news_service.h"

namespace hoptac::news::api {

struct Services {
  NewsService* news = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::news::api

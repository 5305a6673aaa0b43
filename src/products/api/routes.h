// The products' routes: /api/v1/products[/{id}] with the review's steps (approve, reject), the
// withdrawal (DELETE), and /api/v1/product-categories. The only part of products that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/router.h"
#include "products/product_service.h"

namespace hoptac::products::api {

struct Services {
  ProductService* products = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::products::api

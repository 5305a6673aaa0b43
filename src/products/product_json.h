// The only JSON of products and their categories: the API's answers, the audit rows and the
// reading of request bodies (every type error a field error with its path).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "base/result.h"
#include "products/product.h"
#include "products/product_service.h"

namespace hoptac::products {

// POST (creating: entity_id allowed) and PATCH bodies.
Result<ProductInput> ReadProductInput(const boost::json::object& body, bool creating);
// The body of …/reject: {"note"} (required; its length is the service's).
Result<std::string> ReadRejectNote(const boost::json::object& body);

// The product's own fields (the audit row's before/after).
boost::json::object ProductJson(const Product& p);
// The contract's product record (issue 19): slug, url, entity and province names, ocop with
// "expired", the lists, status and review note, the times.
boost::json::object ProductViewJson(const ProductView& v);
boost::json::object CategoryJson(const Category& c);

}  // namespace hoptac::products

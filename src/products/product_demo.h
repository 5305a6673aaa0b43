// The demo products `hoptac demo` adds after the demo petitions: a few cooperatives' products as
// the provincial portals show them — OCOP longan honey, Tân Cương tea (its OCOP rating expired),
// organic rice, Chi Lăng custard apples, Bát Tràng ceramics, approved so that the public
// catalogue is not empty — and one waiting for review. Created and approved through the service
// (audited). Idempotent: nothing is added when products exist.
#pragma once

#include "products/product_service.h"

namespace hoptac::products {

Result<int> LoadDemoProducts(ProductService& service, registry::EntityService& entities, const auth::Principal& who);

}  // namespace hoptac::products

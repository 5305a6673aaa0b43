// The only SQL of the products' tables (migration 0023_products_tables): categories, products with
// their certifications, places to buy, photos, fairs and the folded words of their names. Called
// inside the service's transactions.
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "products/product.h"
#include "storage/db.h"

namespace hoptac::products {

// By position, then code.
Result<std::vector<Category>> LoadCategories(storage::Connection& conn);

// Sets the id; writes the lists and the name's words.
Status InsertProduct(storage::Connection& conn, Product& product);
// Rewrites the row, the lists and the name's words.
Status UpdateProduct(storage::Connection& conn, const Product& product);
// With its lists.
Result<std::optional<Product>> LoadProduct(storage::Connection& conn, int64_t id);

struct ProductFilter {
  // What the caller may read: approved products only, or approved ones and those of
  // `readable_entity` / `readable_province` (0 / "": none); `everything` reads all.
  bool everything = false;
  int64_t readable_entity = 0;
  std::string readable_province;
  std::vector<std::string> statuses;  // empty: any
  std::string category;               // "": any
  std::string province;               // "": any
  int ocop_min = 0;                   // 0: any
  int64_t entity_id = 0;              // 0: any
  std::vector<std::string> words;     // folded; each must begin a word of the name
};
// The products the filter selects, without their lists (LoadLists adds them), in no order.
Result<std::vector<Product>> LoadProducts(storage::Connection& conn, const ProductFilter& filter);
// Reads the certifications, places, photos and fairs of `products`.
Status LoadLists(storage::Connection& conn, std::span<Product> products);

// id → name, for the audit log's names.
Status ReadProductNames(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out);

}  // namespace hoptac::products

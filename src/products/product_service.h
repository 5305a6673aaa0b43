// ProductService: the use cases of the products catalogue (README.md).
//
// Scope (issue 19's contract): a cooperative account manages the products of its own entity (the
// entity is forced to its own; naming another: 403) and reads those in any status, plus every
// approved product; province accounts manage and review the products of entities of their
// province; national accounts all. Partners and anonymous callers read approved products only.
// A product out of scope is "not found" (404), like a missing id; a cooperative approving or
// rejecting is refused (403). Every write is one transaction with its audit row (object "product",
// the product's province, before/after as product_json writes it); after its commit Generation()
// changes (the public portal's cache key).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "products/product.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::products {

using NowMs = std::function<int64_t()>;

// Request fields; absent members are left unchanged by a change. For the optional values an
// inner nullopt (JSON null) clears.
struct ProductInput {
  std::optional<int64_t> entity_id;  // create only
  std::optional<std::string> name, category, description, unit;
  std::optional<std::optional<int64_t>> price_min, price_max;
  std::optional<std::optional<Ocop>> ocop;
  std::optional<std::vector<std::string>> certifications;
  std::optional<std::vector<Photo>> photos;
  std::optional<std::vector<Place>> where_to_buy;
  std::optional<std::vector<int64_t>> fair_activity_ids;
};

struct ProductQuery {
  std::string q;                      // words that must each begin a word of the name (folded)
  std::string category;               // a category code; "" any
  std::string province;               // a province code (today's); "" any
  int ocop_min = 0;                   // at least this many OCOP stars (1–5); 0 any
  std::vector<std::string> statuses;  // empty: any the caller may read
  int64_t entity_id = 0;              // 0 any
  int page = 1;                       // from 1
  int limit = 20;                     // 1 … kMaxLimit
};
inline constexpr int kMaxLimit = 100;

// A product with what the pages show beside it.
struct ProductView {
  Product product;
  std::string slug, url;  // "mat-ong-hoa-nhan-7", "/san-pham/mat-ong-hoa-nhan-7"
  std::string entity_name, province_name;
  bool ocop_expired = false;
};

struct ProductPage {
  int64_t total = 0;  // every product the query selects
  int page = 1, limit = 20;
  std::vector<ProductView> items;  // OCOP stars descending, then the name in Vietnamese order, then id
};

class ProductService {
 public:
  ProductService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                 registry::EntityService& entities, NowMs now_ms = nullptr);

  // ---- The API (any principal; scope as above) ----
  Result<ProductPage> Search(const auth::Principal& who, const ProductQuery& query) const;
  Result<ProductView> Get(const auth::Principal& who, int64_t id) const;
  // Errors: kPermissionDenied (partners; a cooperative naming another entity; a province account
  // naming an entity of another province); kInvalidArgument with every field error.
  Result<ProductView> Create(const auth::Principal& who, const ProductInput& input);
  // A cooperative's change of an approved or rejected product puts it back to pending; staff's keeps
  // the status. A withdrawn product is not changed (409 product.step_not_allowed).
  Result<ProductView> Change(const auth::Principal& who, int64_t id, const ProductInput& input);
  Result<ProductView> Approve(const auth::Principal& who, int64_t id);
  // `note` is required (field "note").
  Result<ProductView> Reject(const auth::Principal& who, int64_t id, const std::string& note);
  // DELETE: withdrawn, kept and audited.
  Result<ProductView> Withdraw(const auth::Principal& who, int64_t id);

  // ---- The public portal (approved products only; no principal) ----
  // `query.statuses` is ignored.
  Result<ProductPage> PublicSearch(const ProductQuery& query) const;
  // kNotFound unless approved.
  Result<ProductView> PublicGet(int64_t id) const;
  // By the id at the end of `slug` (IdOfSlug): the name part may be stale, the caller compares
  // `view.slug` and redirects. kNotFound unless approved.
  Result<ProductView> PublicGetBySlug(std::string_view slug) const;
  // An entity's approved products, in the search's order.
  Result<std::vector<ProductView>> PublicOfEntity(int64_t entity_id) const;

  // The categories (anyone), by position.
  Result<std::vector<Category>> Categories() const;

  // Changes after every committed write of this service (products; the categories are seeded).
  uint64_t Generation() const { return generation_.load(std::memory_order_acquire); }

  Date Today() const;
  bool MayRead(const auth::Principal& who, const Product& p) const;
  bool MayManage(const auth::Principal& who, const Product& p) const;

 private:
  Result<ProductPage> Find(const auth::Principal& who, const ProductQuery& query, bool public_only) const;
  Result<ProductView> View(Product p) const;
  // Loads the product in the write; checks scope (404) and the step (409); `change` alters it;
  // then it is written with its audit row.
  Result<ProductView> Move(const auth::Principal& who, int64_t id, const std::string& step,
                           const std::function<Status(Product&)>& change);
  void Bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  NowMs now_ms_;
  std::atomic<uint64_t> generation_{1};
};

}  // namespace hoptac::products

#include "products/product_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <map>

#include "products/product_json.h"
#include "products/product_store.h"
#include "registry/entity_store.h"
#include "storage/audit.h"
#include "text/collate.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::products {
namespace {

using auth::Principal;
using auth::Role;
using storage::Connection;

Error NotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.product_not_found", {std::to_string(id)});
}
Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }
bool Staff(const Principal& who) { return who.national() || who.province_bound(); }
bool Cooperative(const Principal& who) {
  return who.authenticated() && who.role == Role::kCooperative && !who.national() && who.entity_id != 0;
}

// 409 product.step_not_allowed, with the status and the step in words as field errors.
Error StepNotAllowed(const std::string& from, const std::string& to) {
  Error e = Error::Make(ErrorCode::kConflict, "product.step_not_allowed", {from});
  e.fields.push_back({"from", from, "product.status." + from, {}});
  e.fields.push_back({"to", to, "product.step." + to, {}});
  return e;
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, const Product& p, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = "product";
  a.object_id = std::to_string(p.id);
  a.province_code = p.province_code;
  return a;
}

void Apply(const ProductInput& in, Product& p) {
  if (in.name) p.name = *in.name;
  if (in.category) p.category = *in.category;
  if (in.description) p.description = *in.description;
  if (in.unit) p.unit = *in.unit;
  if (in.price_min) p.price_min = *in.price_min;
  if (in.price_max) p.price_max = *in.price_max;
  if (in.ocop) p.ocop = *in.ocop;
  if (in.certifications) p.certifications = *in.certifications;
  if (in.photos) p.photos = *in.photos;
  if (in.where_to_buy) p.where_to_buy = *in.where_to_buy;
  if (in.fair_activity_ids) p.fair_activity_ids = *in.fair_activity_ids;
}

// The search's order: OCOP stars descending, then the name in Vietnamese order, then id.
void SortProducts(std::vector<Product>& products) {
  std::vector<std::pair<std::string, size_t>> keys;
  keys.reserve(products.size());
  for (size_t i = 0; i < products.size(); ++i) keys.emplace_back(text::SortKey(products[i].name), i);
  std::vector<size_t> order(products.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int sa = products[a].ocop ? products[a].ocop->stars : 0;
    const int sb = products[b].ocop ? products[b].ocop->stars : 0;
    if (sa != sb) return sa > sb;
    if (const int c = keys[a].first.compare(keys[b].first); c != 0) return c < 0;
    return products[a].id < products[b].id;
  });
  std::vector<Product> sorted;
  sorted.reserve(products.size());
  for (size_t i : order) sorted.push_back(std::move(products[i]));
  products = std::move(sorted);
}

}  // namespace

ProductService::ProductService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                               registry::EntityService& entities, NowMs now_ms)
    : db_(db), units_(std::move(units)), entities_(entities), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date ProductService::Today() const { return DayOf(now_ms_()); }

bool ProductService::MayRead(const Principal& who, const Product& p) const {
  if (p.status == "approved") return true;
  return MayManage(who, p);
}

bool ProductService::MayManage(const Principal& who, const Product& p) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return p.province_code == who.province_code;
  if (Cooperative(who)) return p.entity_id == who.entity_id;
  return false;
}

Result<ProductView> ProductService::View(Product p) const {
  std::vector<ProductView> views;
  std::map<int64_t, std::string> names;
  const int64_t entity = p.entity_id;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return registry::ReadEntityNames(conn, std::span<const int64_t>(&entity, 1), names);
  }));
  ProductView v;
  v.slug = Slug(p.name, p.id);
  v.url = "/san-pham/" + v.slug;
  v.entity_name = names[p.entity_id];
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, p.province_code, Today());
  v.province_name = unit ? unit->name : p.province_code;
  v.ocop_expired = p.ocop && OcopExpired(*p.ocop, Today());
  v.product = std::move(p);
  return v;
}

// ---- Reading ----

Result<ProductPage> ProductService::Find(const Principal& who, const ProductQuery& q, bool public_only) const {
  ProductFilter f;
  if (!public_only) {
    if (who.national())
      f.everything = true;
    else if (who.province_bound())
      f.readable_province = who.province_code;
    else if (Cooperative(who))
      f.readable_entity = who.entity_id;
    f.statuses = q.statuses;
  } else {
    f.statuses = {"approved"};
  }
  f.category = q.category;
  f.province = q.province;
  f.ocop_min = q.ocop_min;
  f.entity_id = q.entity_id;
  f.words = text::FoldedWords(q.q);
  const Date today = Today();
  ProductPage page;
  page.page = std::max(1, q.page);
  page.limit = std::clamp(q.limit, 1, kMaxLimit);
  std::vector<Product> rows;
  std::map<int64_t, std::string> names;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(rows, LoadProducts(conn, f));
    page.total = static_cast<int64_t>(rows.size());
    SortProducts(rows);
    const size_t first = static_cast<size_t>(page.page - 1) * static_cast<size_t>(page.limit);
    if (first >= rows.size()) {
      rows.clear();
    } else {
      rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(first));
      if (rows.size() > static_cast<size_t>(page.limit)) rows.resize(static_cast<size_t>(page.limit));
    }
    HOPTAC_TRY(LoadLists(conn, rows));
    std::vector<int64_t> entities;
    for (const Product& p : rows) entities.push_back(p.entity_id);
    std::sort(entities.begin(), entities.end());
    entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
    return registry::ReadEntityNames(conn, entities, names);
  }));
  std::map<std::string, std::string> provinces;
  for (Product& p : rows) {
    ProductView v;
    v.slug = Slug(p.name, p.id);
    v.url = "/san-pham/" + v.slug;
    v.entity_name = names[p.entity_id];
    auto [at, added] = provinces.try_emplace(p.province_code);
    if (added) {
      const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, p.province_code, today);
      at->second = unit ? unit->name : p.province_code;
    }
    v.province_name = at->second;
    v.ocop_expired = p.ocop && OcopExpired(*p.ocop, today);
    v.product = std::move(p);
    page.items.push_back(std::move(v));
  }
  return page;
}

Result<ProductPage> ProductService::Search(const Principal& who, const ProductQuery& q) const {
  return Find(who, q, false);
}

Result<ProductView> ProductService::Get(const Principal& who, int64_t id) const {
  std::optional<Product> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadProduct(conn, id));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return NotFound(id);
  return View(std::move(*found));
}

Result<ProductPage> ProductService::PublicSearch(const ProductQuery& q) const {
  return Find(Principal::Anonymous(), q, true);
}

Result<ProductView> ProductService::PublicGet(int64_t id) const { return Get(Principal::Anonymous(), id); }

Result<ProductView> ProductService::PublicGetBySlug(std::string_view slug) const {
  const int64_t id = IdOfSlug(slug);
  if (id == 0) return Error::Make(ErrorCode::kNotFound, "error.product_not_found", {std::string(slug)});
  return PublicGet(id);
}

Result<std::vector<ProductView>> ProductService::PublicOfEntity(int64_t entity_id) const {
  ProductQuery q;
  q.entity_id = entity_id;
  q.limit = kMaxLimit;
  std::vector<ProductView> out;
  for (q.page = 1;; ++q.page) {
    HOPTAC_ASSIGN_OR_RETURN(ProductPage page, PublicSearch(q));
    for (ProductView& v : page.items) out.push_back(std::move(v));
    if (static_cast<int64_t>(out.size()) >= page.total || page.items.empty()) break;
  }
  return out;
}

Result<std::vector<Category>> ProductService::Categories() const {
  std::vector<Category> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadCategories(conn));
    return Ok();
  }));
  return out;
}

// ---- Writing ----

Result<ProductView> ProductService::Create(const Principal& who, const ProductInput& in) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  Product p;
  Apply(in, p);
  if (Cooperative(who)) {
    // Its own entity only.
    if (in.entity_id && *in.entity_id != who.entity_id)
      return Error::Make(ErrorCode::kPermissionDenied, "error.product_own_entity_only");
    p.entity_id = who.entity_id;
  } else {
    p.entity_id = in.entity_id.value_or(0);
  }
  std::vector<Category> categories;
  HOPTAC_ASSIGN_OR_RETURN(categories, Categories());
  std::vector<std::string> codes;
  for (const Category& c : categories) codes.push_back(c.code);
  const Date today = Today();
  std::vector<FieldError> errors = Validate(p, codes, today);
  // The entity: in the registry; its province is the product's.
  if (p.entity_id == 0) {
    errors.insert(errors.begin(), {"entity_id", "required", "field.required", {}});
  } else if (auto entity = entities_.Get(Principal::Cli("products"), p.entity_id); !entity.ok()) {
    if (Cooperative(who)) return Denied();  // its account names an entity that is gone
    errors.insert(errors.begin(),
                  {"entity_id", "unknown_entity", "field.product_unknown_entity", {std::to_string(p.entity_id)}});
  } else {
    p.province_code = entity->current_province_code;
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  if (who.province_bound() && p.province_code != who.province_code) {
    Error e = Error::Make(ErrorCode::kPermissionDenied, "error.product_out_of_scope", {p.province_code});
    e.fields.push_back(
        {"entity_id", "out_of_scope", "field.product_entity_out_of_scope", {std::to_string(p.entity_id)}});
    return e;
  }
  const int64_t now = now_ms_();
  p.status = "pending";
  p.created_by = who.user_id;
  p.created_at_ms = p.updated_at_ms = now;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertProduct(conn, p));
    auto audit = AuditOf(who, "product.create", p, now);
    audit.after_json = boost::json::serialize(ProductJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  Bump();
  return View(std::move(p));
}

Result<ProductView> ProductService::Move(const Principal& who, int64_t id, const std::string& step,
                                         const std::function<Status(Product&)>& change) {
  // Partners (and anonymous callers) read approved products only: another one is not found, an
  // approved one is read-only (403).
  Product p;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadProduct(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound(id);
    if (!MayManage(who, *found)) {
      // Readable (approved) but another's: out of the caller's scope.
      if (Staff(who) || Cooperative(who)) return NotFound(id);
      return Denied();
    }
    if ((step == "approved" || step == "rejected") && !Staff(who))
      return Error::Make(ErrorCode::kPermissionDenied, "error.product_reviewers_only");
    if (!MayMove(found->status, step)) return StepNotAllowed(found->status, step);
    p = *found;
    const int64_t now = now_ms_();
    HOPTAC_TRY(change(p));
    p.updated_at_ms = now;
    HOPTAC_TRY(UpdateProduct(conn, p));
    const std::string action = step == "approved"    ? "product.approve"
                               : step == "rejected"  ? "product.reject"
                               : step == "withdrawn" ? "product.withdraw"
                                                     : "product.update";
    auto audit = AuditOf(who, action, p, now);
    audit.before_json = boost::json::serialize(ProductJson(*found));
    audit.after_json = boost::json::serialize(ProductJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  Bump();
  return View(std::move(p));
}

Result<ProductView> ProductService::Change(const Principal& who, int64_t id, const ProductInput& in) {
  std::vector<Category> categories;
  HOPTAC_ASSIGN_OR_RETURN(categories, Categories());
  std::vector<std::string> codes;
  for (const Category& c : categories) codes.push_back(c.code);
  const Date today = Today();
  // The entity's province today (the units may have changed since the last write), read before
  // the write.
  std::string province;
  {
    std::optional<Product> current;
    HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(current, LoadProduct(conn, id));
      return Ok();
    }));
    if (!current || !MayRead(who, *current)) return NotFound(id);
    if (auto entity = entities_.Get(Principal::Cli("products"), current->entity_id); entity.ok())
      province = entity->current_province_code;
  }
  return Move(who, id, "edited", [&](Product& p) -> Status {
    Apply(in, p);
    std::vector<FieldError> errors = Validate(p, codes, today);
    if (!errors.empty()) return Error::InvalidFields(std::move(errors));
    if (!province.empty()) p.province_code = province;
    // A cooperative's change is reviewed again; staff's keeps the status.
    if (!Staff(who) && (p.status == "approved" || p.status == "rejected")) p.status = "pending";
    return Ok();
  });
}

Result<ProductView> ProductService::Approve(const Principal& who, int64_t id) {
  const int64_t now = now_ms_();
  return Move(who, id, "approved", [&](Product& p) -> Status {
    p.status = "approved";
    p.review_note.clear();
    p.reviewed_by = who.user_id;
    p.approved_at_ms = now;
    return Ok();
  });
}

Result<ProductView> ProductService::Reject(const Principal& who, int64_t id, const std::string& note) {
  text::NormalizedText n = text::NormalizeText(note);
  if (!n.valid || !n.visible) return Error::InvalidField("note", "required", "field.product_reject_note", {});
  size_t characters = 0;
  for (unsigned char c : n.text)
    if ((c & 0xC0) != 0x80) ++characters;
  if (characters > kMaxNoteLength)
    return Error::InvalidField("note", "too_long", "field.too_long", {std::to_string(kMaxNoteLength)});
  return Move(who, id, "rejected", [&](Product& p) -> Status {
    p.status = "rejected";
    p.review_note = n.text;
    p.reviewed_by = who.user_id;
    return Ok();
  });
}

Result<ProductView> ProductService::Withdraw(const Principal& who, int64_t id) {
  return Move(who, id, "withdrawn", [&](Product& p) -> Status {
    p.status = "withdrawn";
    return Ok();
  });
}

}  // namespace hoptac::products

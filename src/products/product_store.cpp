#include "products/product_store.h"

#include <unordered_map>

#include "storage/sql.h"

namespace hoptac::products {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

constexpr const char* kColumns =
    "p.id, p.entity_id, p.province_code, p.name, p.category, p.description, p.unit, p.price_min, p.price_max, "
    "p.ocop_stars, p.ocop_certificate, p.ocop_year, p.ocop_expires_on, p.status, p.review_note, p.created_by, "
    "p.reviewed_by, p.created_at_ms, p.updated_at_ms, p.approved_at_ms";

Value IntOrNull(const std::optional<int64_t>& v) { return v ? Int(*v) : Value{}; }

Product Read(const RowView& row) {
  Product p;
  p.id = row.GetInt(0);
  p.entity_id = row.GetInt(1);
  p.province_code = std::string(row.GetText(2));
  p.name = std::string(row.GetText(3));
  p.category = std::string(row.GetText(4));
  p.description = std::string(row.GetText(5));
  p.unit = std::string(row.GetText(6));
  if (!row.IsNull(7)) p.price_min = row.GetInt(7);
  if (!row.IsNull(8)) p.price_max = row.GetInt(8);
  if (const int64_t stars = row.GetInt(9); stars > 0) {
    Ocop o;
    o.stars = static_cast<int>(stars);
    o.certificate = std::string(row.GetText(10));
    o.year = static_cast<int>(row.GetInt(11));
    o.expires_on = Date::ParseIso(row.GetText(12));
    p.ocop = std::move(o);
  }
  p.status = std::string(row.GetText(13));
  p.review_note = std::string(row.GetText(14));
  p.created_by = row.GetInt(15);
  p.reviewed_by = row.GetInt(16);
  p.created_at_ms = row.GetInt(17);
  p.updated_at_ms = row.GetInt(18);
  p.approved_at_ms = row.GetInt(19);
  return p;
}

// The columns both INSERT and UPDATE write, in order ($1 … $18).
std::vector<Value> Values(const Product& p) {
  return {Int(p.entity_id),
          Text(p.province_code),
          Text(p.name),
          Text(p.category),
          Text(p.description),
          Text(p.unit),
          IntOrNull(p.price_min),
          IntOrNull(p.price_max),
          Int(p.ocop ? p.ocop->stars : 0),
          Text(p.ocop ? p.ocop->certificate : std::string()),
          Int(p.ocop ? p.ocop->year : 0),
          Text(p.ocop && p.ocop->expires_on ? p.ocop->expires_on->ToIso() : std::string()),
          Text(p.status),
          Text(p.review_note),
          Int(p.reviewed_by),
          Int(p.updated_at_ms),
          Int(p.approved_at_ms)};
}

Status WriteLists(Connection& conn, const Product& p) {
  const std::vector<Value> id{Int(p.id)};
  for (const char* table :
       {"product_certifications", "product_places", "product_photos", "product_fairs", "product_words"})
    HOPTAC_TRY(conn.Exec(std::string("DELETE FROM ") + table + " WHERE product_id = $1", id));
  for (size_t i = 0; i < p.certifications.size(); ++i)
    HOPTAC_TRY(conn.Exec("INSERT INTO product_certifications (product_id, position, code) VALUES ($1, $2, $3)",
                         {Int(p.id), Int(static_cast<int64_t>(i)), Text(p.certifications[i])}));
  for (size_t i = 0; i < p.where_to_buy.size(); ++i) {
    const Place& w = p.where_to_buy[i];
    HOPTAC_TRY(
        conn.Exec("INSERT INTO product_places (product_id, position, kind, name, url, address) VALUES ($1, $2, $3, "
                  "$4, $5, $6)",
                  {Int(p.id), Int(static_cast<int64_t>(i)), Text(w.kind), Text(w.name), Text(w.url), Text(w.address)}));
  }
  for (size_t i = 0; i < p.photos.size(); ++i)
    HOPTAC_TRY(conn.Exec("INSERT INTO product_photos (product_id, position, image_id, alt) VALUES ($1, $2, $3, $4)",
                         {Int(p.id), Int(static_cast<int64_t>(i)), Int(p.photos[i].image_id), Text(p.photos[i].alt)}));
  for (int64_t a : p.fair_activity_ids)
    HOPTAC_TRY(conn.Exec("INSERT INTO product_fairs (product_id, activity_id) VALUES ($1, $2)", {Int(p.id), Int(a)}));
  for (const std::string& w : NameWords(p.name))
    HOPTAC_TRY(conn.Exec("INSERT INTO product_words (product_id, word) VALUES ($1, $2)", {Int(p.id), Text(w)}));
  return Ok();
}

std::string P(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

}  // namespace

Result<std::vector<Category>> LoadCategories(Connection& conn) {
  std::vector<Category> out;
  HOPTAC_TRY(conn.Query("SELECT code, name_vi, name_en, position FROM product_categories ORDER BY position, code", {},
                        [&](const RowView& row) -> Status {
                          out.push_back({std::string(row.GetText(0)), std::string(row.GetText(1)),
                                         std::string(row.GetText(2)), row.GetInt(3)});
                          return Ok();
                        }));
  return out;
}

Status InsertProduct(Connection& conn, Product& p) {
  std::vector<Value> params = Values(p);
  params.push_back(Int(p.created_by));
  params.push_back(Int(p.created_at_ms));
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne("INSERT INTO products (entity_id, province_code, name, category, description, unit, "
                              "price_min, price_max, ocop_stars, ocop_certificate, ocop_year, ocop_expires_on, status, "
                              "review_note, reviewed_by, updated_at_ms, approved_at_ms, created_by, created_at_ms) "
                              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
                              "$18, $19) RETURNING id",
                              params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  p.id = std::get<int64_t>((*row)[0]);
  return WriteLists(conn, p);
}

Status UpdateProduct(Connection& conn, const Product& p) {
  std::vector<Value> params = Values(p);
  params.push_back(Int(p.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE products SET entity_id = $1, province_code = $2, name = $3, category = $4, description = $5, unit = $6, "
      "price_min = $7, price_max = $8, ocop_stars = $9, ocop_certificate = $10, ocop_year = $11, ocop_expires_on = "
      "$12, status = $13, review_note = $14, reviewed_by = $15, updated_at_ms = $16, approved_at_ms = $17 WHERE id = "
      "$18",
      params));
  return WriteLists(conn, p);
}

Result<std::optional<Product>> LoadProduct(Connection& conn, int64_t id) {
  std::vector<Product> found;
  const std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM products p WHERE p.id = $1", params,
                        [&](const RowView& row) -> Status {
                          found.push_back(Read(row));
                          return Ok();
                        }));
  if (found.empty()) return std::optional<Product>();
  HOPTAC_TRY(LoadLists(conn, found));
  return std::optional<Product>(std::move(found.front()));
}

Result<std::vector<Product>> LoadProducts(Connection& conn, const ProductFilter& f) {
  std::vector<Value> params;
  std::string where = " WHERE 1 = 1";
  if (!f.everything) {
    std::string readable = "p.status = 'approved'";
    if (f.readable_entity != 0) readable += " OR p.entity_id = " + P(params, Int(f.readable_entity));
    if (!f.readable_province.empty()) readable += " OR p.province_code = " + P(params, Text(f.readable_province));
    where += " AND (" + readable + ")";
  }
  if (!f.statuses.empty()) {
    const size_t first = params.size() + 1;
    for (const std::string& s : f.statuses) params.push_back(Text(s));
    where += " AND p.status IN (" + storage::Placeholders(first, f.statuses.size()) + ")";
  }
  if (!f.category.empty()) where += " AND p.category = " + P(params, Text(f.category));
  if (!f.province.empty()) where += " AND p.province_code = " + P(params, Text(f.province));
  if (f.ocop_min > 0) where += " AND p.ocop_stars >= " + P(params, Int(f.ocop_min));
  if (f.entity_id != 0) where += " AND p.entity_id = " + P(params, Int(f.entity_id));
  // Folded words hold letters, digits and marks only: no LIKE wildcard reaches the pattern.
  for (const std::string& w : f.words)
    where += " AND EXISTS (SELECT 1 FROM product_words w WHERE w.product_id = p.id AND w.word LIKE " +
             P(params, Text(w + "%")) + ")";
  std::vector<Product> out;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM products p" + where, params,
                        [&](const RowView& row) -> Status {
                          out.push_back(Read(row));
                          return Ok();
                        }));
  return out;
}

Status LoadLists(Connection& conn, std::span<Product> products) {
  if (products.empty()) return Ok();
  std::unordered_map<int64_t, Product*> at;
  std::vector<int64_t> ids;
  for (Product& p : products) {
    at[p.id] = &p;
    ids.push_back(p.id);
    p.certifications.clear();
    p.where_to_buy.clear();
    p.photos.clear();
    p.fair_activity_ids.clear();
  }
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  auto of = [&](const RowView& row) { return at.at(row.GetInt(0)); };
  HOPTAC_TRY(conn.Query("SELECT product_id, code FROM product_certifications WHERE product_id IN (" + in +
                            ") ORDER BY product_id, position",
                        params, [&](const RowView& row) -> Status {
                          of(row)->certifications.emplace_back(row.GetText(1));
                          return Ok();
                        }));
  HOPTAC_TRY(conn.Query("SELECT product_id, kind, name, url, address FROM product_places WHERE product_id IN (" + in +
                            ") ORDER BY product_id, position",
                        params, [&](const RowView& row) -> Status {
                          of(row)->where_to_buy.push_back({std::string(row.GetText(1)), std::string(row.GetText(2)),
                                                           std::string(row.GetText(3)), std::string(row.GetText(4))});
                          return Ok();
                        }));
  HOPTAC_TRY(conn.Query("SELECT product_id, image_id, alt FROM product_photos WHERE product_id IN (" + in +
                            ") ORDER BY product_id, position",
                        params, [&](const RowView& row) -> Status {
                          of(row)->photos.push_back({row.GetInt(1), std::string(row.GetText(2))});
                          return Ok();
                        }));
  HOPTAC_TRY(conn.Query("SELECT product_id, activity_id FROM product_fairs WHERE product_id IN (" + in +
                            ") ORDER BY product_id, activity_id",
                        params, [&](const RowView& row) -> Status {
                          of(row)->fair_activity_ids.push_back(row.GetInt(1));
                          return Ok();
                        }));
  return Ok();
}

Status ReadProductNames(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  if (ids.empty()) return Ok();
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  return conn.Query("SELECT id, name FROM products WHERE id IN (" + in + ")", params,
                    [&](const RowView& row) -> Status {
                      out[row.GetInt(0)] = std::string(row.GetText(1));
                      return Ok();
                    });
}

}  // namespace hoptac::products

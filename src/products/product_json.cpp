#include "products/product_json.h"

#include <algorithm>

#include "io/json_reader.h"

namespace hoptac::products {
namespace json = boost::json;
using Reader = io::JsonReader;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
json::value InstantOrNull(int64_t ms) { return ms == 0 ? json::value(nullptr) : json::value(InstantText(ms)); }
json::value IntOrNull(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

// A member that may be null to clear it: absent → nullopt; null → optional(nullopt).
template <class T, class F>
std::optional<std::optional<T>> Clearable(const json::object& body, std::string_view name, F read) {
  const json::value* v = body.if_contains(name);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<T>();
  std::optional<T> got = read();
  if (!got) return std::nullopt;  // a type error, already reported
  return got;
}

int SmallInt(int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, -1'000'000, 1'000'000)); }

std::optional<Ocop> ReadOcop(Reader& r, const json::value& v) {
  const json::object* o = r.Object(v, "ocop");
  if (!o) return std::nullopt;
  Ocop ocop;
  ocop.stars = SmallInt(r.Integer(*o, "stars", "ocop.stars", true).value_or(0));
  ocop.certificate = r.String(*o, "certificate", "ocop.certificate").value_or("");
  ocop.year = SmallInt(r.Integer(*o, "year", "ocop.year", true).value_or(0));
  ocop.expires_on = r.DateOf(*o, "expires_on", "ocop.expires_on");
  r.Unknown(*o, {"stars", "certificate", "year", "expires_on", "expired"}, "ocop");
  return ocop;
}

json::object OcopJson(const Ocop& o) {
  return {{"stars", o.stars},
          {"certificate", o.certificate},
          {"year", o.year},
          {"expires_on", o.expires_on ? json::value(o.expires_on->ToIso()) : json::value(nullptr)}};
}

json::array ListsJson(const std::vector<std::string>& values) {
  json::array out;
  for (const std::string& v : values) out.push_back(json::value(v));
  return out;
}

}  // namespace

Result<ProductInput> ReadProductInput(const json::object& body, bool creating) {
  Reader r;
  ProductInput in;
  if (creating) in.entity_id = r.Integer(body, "entity_id", "entity_id");
  in.name = r.String(body, "name", "name");
  in.category = r.String(body, "category", "category");
  in.description = r.String(body, "description", "description");
  in.unit = r.String(body, "unit", "unit");
  in.price_min = Clearable<int64_t>(body, "price_min", [&] { return r.Integer(body, "price_min", "price_min"); });
  in.price_max = Clearable<int64_t>(body, "price_max", [&] { return r.Integer(body, "price_max", "price_max"); });
  in.ocop = Clearable<Ocop>(body, "ocop", [&] { return ReadOcop(r, body.at("ocop")); });
  if (const json::array* list = r.Array(body, "certifications", "certifications")) {
    in.certifications.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"v", (*list)[i]}};
      if (auto code = r.String(holder, "v", "certifications[" + std::to_string(i) + "]", true))
        in.certifications->push_back(*code);
    }
  } else if (body.contains("certifications") && body.at("certifications").is_null()) {
    in.certifications.emplace();
  }
  if (const json::array* list = r.Array(body, "photos", "photos")) {
    in.photos.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string at = "photos[" + std::to_string(i) + "]";
      const json::object* o = r.Object((*list)[i], at);
      if (!o) continue;
      Photo ph;
      ph.image_id = r.Integer(*o, "id", at + ".id", true).value_or(0);
      ph.alt = r.String(*o, "alt", at + ".alt").value_or("");
      r.Unknown(*o, {"id", "alt"}, at);
      in.photos->push_back(std::move(ph));
    }
  } else if (body.contains("photos") && body.at("photos").is_null()) {
    in.photos.emplace();
  }
  if (const json::array* list = r.Array(body, "where_to_buy", "where_to_buy")) {
    in.where_to_buy.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string at = "where_to_buy[" + std::to_string(i) + "]";
      const json::object* o = r.Object((*list)[i], at);
      if (!o) continue;
      Place w;
      w.kind = r.String(*o, "kind", at + ".kind", true).value_or("");
      w.name = r.String(*o, "name", at + ".name").value_or("");
      w.url = r.String(*o, "url", at + ".url").value_or("");
      w.address = r.String(*o, "address", at + ".address").value_or("");
      r.Unknown(*o, {"kind", "name", "url", "address"}, at);
      in.where_to_buy->push_back(std::move(w));
    }
  } else if (body.contains("where_to_buy") && body.at("where_to_buy").is_null()) {
    in.where_to_buy.emplace();
  }
  if (const json::array* list = r.Array(body, "fair_activity_ids", "fair_activity_ids")) {
    in.fair_activity_ids.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"v", (*list)[i]}};
      if (auto id = r.Integer(holder, "v", "fair_activity_ids[" + std::to_string(i) + "]", true))
        in.fair_activity_ids->push_back(*id);
    }
  } else if (body.contains("fair_activity_ids") && body.at("fair_activity_ids").is_null()) {
    in.fair_activity_ids.emplace();
  }
  if (creating)
    r.Unknown(body,
              {"entity_id", "name", "category", "description", "unit", "price_min", "price_max", "ocop",
               "certifications", "photos", "where_to_buy", "fair_activity_ids"},
              "");
  else
    r.Unknown(body,
              {"name", "category", "description", "unit", "price_min", "price_max", "ocop", "certifications", "photos",
               "where_to_buy", "fair_activity_ids"},
              "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<std::string> ReadRejectNote(const json::object& body) {
  Reader r;
  std::string note = r.String(body, "note", "note").value_or("");
  r.Unknown(body, {"note"}, "");
  HOPTAC_TRY(r.Finish());
  return note;
}

json::object ProductJson(const Product& p) {
  json::array photos, places, fairs;
  for (const Photo& ph : p.photos) photos.push_back(json::object{{"id", ph.image_id}, {"alt", ph.alt}});
  for (const Place& w : p.where_to_buy)
    places.push_back(json::object{
        {"kind", w.kind}, {"name", w.name}, {"url", TextOrNull(w.url)}, {"address", TextOrNull(w.address)}});
  for (int64_t a : p.fair_activity_ids) fairs.push_back(a);
  return {{"id", p.id},
          {"entity_id", p.entity_id},
          {"province", p.province_code},
          {"name", p.name},
          {"category", p.category},
          {"description", p.description},
          {"photos", std::move(photos)},
          {"unit", p.unit},
          {"price_min", IntOrNull(p.price_min)},
          {"price_max", IntOrNull(p.price_max)},
          {"ocop", p.ocop ? json::value(OcopJson(*p.ocop)) : json::value(nullptr)},
          {"certifications", ListsJson(p.certifications)},
          {"where_to_buy", std::move(places)},
          {"fair_activity_ids", std::move(fairs)},
          {"status", p.status},
          {"review_note", TextOrNull(p.review_note)},
          {"created_at", InstantText(p.created_at_ms)},
          {"updated_at", InstantText(p.updated_at_ms)},
          {"approved_at", InstantOrNull(p.approved_at_ms)}};
}

json::object ProductViewJson(const ProductView& v) {
  json::object own = ProductJson(v.product);
  json::value ocop = nullptr;
  if (v.product.ocop) {
    json::object o = OcopJson(*v.product.ocop);
    o["expired"] = v.ocop_expired;
    ocop = std::move(o);
  }
  return {{"id", v.product.id},
          {"slug", v.slug},
          {"url", v.url},
          {"entity_id", v.product.entity_id},
          {"entity_name", v.entity_name},
          {"province", v.product.province_code},
          {"province_name", v.province_name},
          {"name", v.product.name},
          {"category", v.product.category},
          {"description", v.product.description},
          {"photos", std::move(own["photos"])},
          {"unit", v.product.unit},
          {"price_min", IntOrNull(v.product.price_min)},
          {"price_max", IntOrNull(v.product.price_max)},
          {"ocop", std::move(ocop)},
          {"certifications", ListsJson(v.product.certifications)},
          {"where_to_buy", std::move(own["where_to_buy"])},
          {"fair_activity_ids", std::move(own["fair_activity_ids"])},
          {"status", v.product.status},
          {"review_note", TextOrNull(v.product.review_note)},
          {"created_at", InstantText(v.product.created_at_ms)},
          {"updated_at", InstantText(v.product.updated_at_ms)},
          {"approved_at", InstantOrNull(v.product.approved_at_ms)}};
}

json::object CategoryJson(const Category& c) { return {{"code", c.code}, {"name", c.name_vi}, {"name_en", c.name_en}}; }

}  // namespace hoptac::products

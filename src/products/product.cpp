#include "products/product.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <set>

#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::products {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
constexpr size_t kMaxSlugWords = 80;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

class Checks {
 public:
  // The normalised text; "field.required" when `required` and nothing visible; "field.too_long"
  // over `max` characters.
  std::string Text(const std::string& field, const std::string& raw, bool required, size_t max) {
    text::NormalizedText n = text::NormalizeText(raw);
    if (!n.valid || !n.visible) {
      if (required) errors.push_back({field, "required", "field.required", {}});
      return std::string();
    }
    if (CodePoints(n.text) > max) errors.push_back({field, "too_long", "field.too_long", {std::to_string(max)}});
    return n.text;
  }
  void Url(const std::string& field, std::string& url, bool required) {
    url = Text(field, url, required, kMaxUrlLength);
    if (!url.empty() && !ValidWebUrl(url)) errors.push_back({field, "invalid_url", "field.product_url", {}});
  }
  std::vector<FieldError> errors;
};

bool Lower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

bool OneOf(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string NamesText(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool MayMove(std::string_view from, std::string_view to) {
  if (to == "approved") return from == "pending" || from == "rejected";
  if (to == "rejected") return from == "pending" || from == "approved";
  if (to == "withdrawn" || to == "edited") return from == "pending" || from == "approved" || from == "rejected";
  return false;
}

bool ValidWebUrl(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  size_t host = 0;
  if (starts("https://"))
    host = 8;
  else if (starts("http://"))
    host = 7;
  else
    return false;
  if (url.size() > kMaxUrlLength) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  // A host: something before the first '/', '?' or '#', not only a port or credentials.
  const size_t end = url.find_first_of("/?#", host);
  std::string_view authority = url.substr(host, end == std::string_view::npos ? std::string_view::npos : end - host);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos && authority.front() != '[')
    authority = authority.substr(0, colon);
  return !authority.empty() && authority != ".";
}

bool OcopExpired(const Ocop& ocop, Date today) { return ocop.expires_on && *ocop.expires_on < today; }

std::vector<FieldError> Validate(Product& p, std::span<const std::string> categories, Date today) {
  Checks c;
  p.name = c.Text("name", p.name, true, kMaxNameLength);
  if (p.category.empty()) {
    c.errors.push_back({"category", "required", "field.required", {}});
  } else if (std::find(categories.begin(), categories.end(), p.category) == categories.end()) {
    std::string names;
    for (const std::string& code : categories) names += (names.empty() ? "" : ", ") + code;
    c.errors.push_back({"category", "invalid_enum", "field.invalid_enum", {p.category, names}});
  }
  p.description = c.Text("description", p.description, false, kMaxDescriptionLength);
  p.unit = c.Text("unit", p.unit, false, kMaxUnitLength);
  // Prices: integer đồng, not negative, the lowest not above the highest.
  for (auto [field, price] : {std::pair{"price_min", &p.price_min}, std::pair{"price_max", &p.price_max}}) {
    if (price->has_value() && (**price < 0 || **price > kMaxPrice))
      c.errors.push_back({field, "out_of_range", "field.product_price", {"0", std::to_string(kMaxPrice)}});
  }
  if (p.price_min && p.price_max && *p.price_min >= 0 && *p.price_max >= 0 && *p.price_min > *p.price_max)
    c.errors.push_back({"price_max",
                        "below_min",
                        "field.product_price_range",
                        {std::to_string(*p.price_max), std::to_string(*p.price_min)}});
  if (p.ocop) {
    Ocop& o = *p.ocop;
    if (o.stars < 1 || o.stars > 5)
      c.errors.push_back({"ocop.stars", "out_of_range", "field.product_ocop_stars", {std::to_string(o.stars)}});
    o.certificate = c.Text("ocop.certificate", o.certificate, true, kMaxCertificateLength);
    if (o.year < kFirstOcopYear || o.year > today.year())
      c.errors.push_back({"ocop.year",
                          "out_of_range",
                          "field.product_ocop_year",
                          {std::to_string(o.year), std::to_string(kFirstOcopYear), std::to_string(today.year())}});
    else if (o.expires_on && *o.expires_on <= Date::FromCivil(o.year, 1, 1))
      c.errors.push_back({"ocop.expires_on",
                          "before_year",
                          "field.product_ocop_expires",
                          {o.expires_on->ToIso(), std::to_string(o.year)}});
  }
  {
    std::vector<std::string> unique;
    for (size_t i = 0; i < p.certifications.size(); ++i) {
      const std::string& code = p.certifications[i];
      if (!OneOf(kCertifications, code))
        c.errors.push_back({"certifications[" + std::to_string(i) + "]",
                            "invalid_enum",
                            "field.invalid_enum",
                            {code, NamesText(kCertifications)}});
      else if (std::find(unique.begin(), unique.end(), code) == unique.end())
        unique.push_back(code);
    }
    p.certifications = std::move(unique);
  }
  if (p.photos.size() > kMaxPhotos)
    c.errors.push_back({"photos", "too_many", "field.too_many_items", {std::to_string(kMaxPhotos)}});
  for (size_t i = 0; i < p.photos.size() && i < kMaxPhotos; ++i) {
    Photo& ph = p.photos[i];
    const std::string at = "photos[" + std::to_string(i) + "]";
    if (ph.image_id <= 0)
      c.errors.push_back({at + ".id", "invalid_id", "field.product_image_id", {std::to_string(ph.image_id)}});
    ph.alt = c.Text(at + ".alt", ph.alt, false, kMaxAltLength);
    if (ph.alt.empty()) c.errors.push_back({at + ".alt", "required", "field.product_photo_alt", {}});
  }
  if (p.where_to_buy.size() > kMaxPlaces)
    c.errors.push_back({"where_to_buy", "too_many", "field.too_many_items", {std::to_string(kMaxPlaces)}});
  for (size_t i = 0; i < p.where_to_buy.size() && i < kMaxPlaces; ++i) {
    Place& w = p.where_to_buy[i];
    const std::string at = "where_to_buy[" + std::to_string(i) + "]";
    if (!OneOf(kPlaceKinds, w.kind))
      c.errors.push_back({at + ".kind", "invalid_enum", "field.invalid_enum", {w.kind, NamesText(kPlaceKinds)}});
    w.name = c.Text(at + ".name", w.name, true, kMaxPlaceNameLength);
    // Online: its address on the web; a shop: its street address (a web page optional).
    c.Url(at + ".url", w.url, w.kind == "online");
    w.address = c.Text(at + ".address", w.address, w.kind == "shop", kMaxAddressLength);
  }
  if (p.fair_activity_ids.size() > kMaxFairs)
    c.errors.push_back({"fair_activity_ids", "too_many", "field.too_many_items", {std::to_string(kMaxFairs)}});
  {
    std::vector<int64_t> unique;
    for (size_t i = 0; i < p.fair_activity_ids.size(); ++i) {
      const int64_t id = p.fair_activity_ids[i];
      if (id <= 0)
        c.errors.push_back({"fair_activity_ids[" + std::to_string(i) + "]",
                            "invalid_id",
                            "field.product_activity_id",
                            {std::to_string(id)}});
      else if (std::find(unique.begin(), unique.end(), id) == unique.end())
        unique.push_back(id);
    }
    p.fair_activity_ids = std::move(unique);
  }
  return std::move(c.errors);
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words = text::FoldedWords(name);
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::string& w : words)
    if (seen.insert(w).second) out.push_back(std::move(w));
  return out;
}

bool NameMatches(std::span<const std::string> name_words, std::span<const std::string> query) {
  for (const std::string& q : query) {
    const bool found = std::any_of(name_words.begin(), name_words.end(),
                                   [&](const std::string& w) { return w.compare(0, q.size(), q) == 0; });
    if (!found) return false;
  }
  return true;
}

std::string Slug(std::string_view name, int64_t id) {
  std::string words;
  for (const std::string& w : text::FoldedWords(name)) {
    // Only ASCII letters and digits reach an address; other scripts' words are left out.
    std::string ascii;
    for (char ch : w)
      if (Lower(ch) || (ch >= '0' && ch <= '9')) ascii += ch;
    if (ascii.empty()) continue;
    if (words.size() + 1 + ascii.size() > kMaxSlugWords) break;
    if (!words.empty()) words += '-';
    words += ascii;
  }
  if (words.empty()) words = "san-pham";
  return words + "-" + std::to_string(id);
}

int64_t IdOfSlug(std::string_view slug) {
  const size_t dash = slug.rfind('-');
  std::string_view digits = dash == std::string_view::npos ? slug : slug.substr(dash + 1);
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty() || id <= 0) return 0;
  return id;
}

Date DayOf(int64_t ms) {
  const int64_t local = ms + kVietnamOffsetMs;
  return Date::FromDays(static_cast<int>(local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs));
}

std::string InstantText(int64_t ms) {
  const int64_t days = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  const int64_t in_day = ms - days * kDayMs;
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3'600'000),
                static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60));
  return Date::FromDays(static_cast<int>(days)).ToIso() + time;
}

}  // namespace hoptac::products

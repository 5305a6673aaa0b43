// Products (sản phẩm của HTX): the model and its rules; no I/O (README.md says what the capability
// promises; issue 19, item 3).
//
// A product belongs to one registry entity (a cooperative): its name, category, description, photos
// (ids of images kept by src/media, each with its alt text), unit and price range (integer đồng),
// OCOP rating (1–5 stars, certificate, year, expiry), certifications, where to buy it (e-commerce
// links and shops) and the trade fairs it was shown at (activity ids). Workflow: created pending →
// approved or rejected by the alliance's staff; a cooperative's edit of an approved (or rejected)
// product puts it back to pending; withdrawn (DELETE) keeps it. The public sees approved products.
//
// Search: a query's folded words (text::FoldedWords) must each begin some word of the folded name
// ("mat ong", "ong mat", "mật" all find "Mật ong hoa nhãn").
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::products {

// The built-in categories (table product_categories, seeded), in the order lists show them.
inline constexpr std::string_view kCategories[] = {"agriculture", "food",       "beverage", "seafood",
                                                   "herbal",      "handicraft", "tourism",  "other"};
inline constexpr std::string_view kStatuses[] = {"pending", "approved", "rejected", "withdrawn"};
// The moves of the workflow ("edited" is a change of content).
inline constexpr std::string_view kSteps[] = {"approved", "rejected", "withdrawn", "edited"};
inline constexpr std::string_view kCertifications[] = {
    "vietgap", "globalgap", "organic", "haccp", "iso22000", "geographical_indication", "other"};
inline constexpr std::string_view kPlaceKinds[] = {"online", "shop"};

inline constexpr size_t kMaxNameLength = 200;  // characters (code points), after normalisation
inline constexpr size_t kMaxDescriptionLength = 10000;
inline constexpr size_t kMaxUnitLength = 100;
inline constexpr size_t kMaxCertificateLength = 100;
inline constexpr size_t kMaxAltLength = 300;
inline constexpr size_t kMaxPlaceNameLength = 200;
inline constexpr size_t kMaxAddressLength = 500;
inline constexpr size_t kMaxUrlLength = 2000;
inline constexpr size_t kMaxNoteLength = 2000;
inline constexpr size_t kMaxPhotos = 20;
inline constexpr size_t kMaxPlaces = 30;
inline constexpr size_t kMaxFairs = 100;
inline constexpr int kFirstOcopYear = 2018;              // the OCOP programme (Quyết định 490/QĐ-TTg, 2018)
inline constexpr int64_t kMaxPrice = 1'000'000'000'000;  // 10^12 đồng: anything above is a typing slip

bool OneOf(std::span<const std::string_view> names, std::string_view name);
std::string NamesText(std::span<const std::string_view> names);  // "a, b, c"

struct Category {
  std::string code, name_vi, name_en;
  int64_t position = 0;
};

struct Ocop {
  int stars = 0;            // 1–5
  std::string certificate;  // "123/QĐ-UBND"
  int year = 0;             // 2018 … this year
  std::optional<Date> expires_on;
};

struct Photo {
  int64_t image_id = 0;  // an image of src/media (not checked here)
  std::string alt;       // required: the text a screen reader reads
};

struct Place {
  std::string kind = "online";  // kPlaceKinds
  std::string name, url, address;
};

struct Product {
  int64_t id = 0;
  int64_t entity_id = 0;
  std::string province_code;  // the entity's province (today's code), set at every write
  std::string name, category, description, unit;
  std::optional<int64_t> price_min, price_max;  // integer đồng
  std::optional<Ocop> ocop;
  std::vector<std::string> certifications;  // kCertifications, each once, in the order given
  std::vector<Photo> photos;
  std::vector<Place> where_to_buy;
  std::vector<int64_t> fair_activity_ids;
  std::string status = "pending";
  std::string review_note;
  int64_t created_by = 0, reviewed_by = 0;
  int64_t created_at_ms = 0, updated_at_ms = 0, approved_at_ms = 0;  // approved_at 0: never approved
};

// Whether a product in status `from` may take step `to` (kSteps): approve from pending or rejected,
// reject from pending or approved, withdraw from anything but withdrawn, edit anything but withdrawn.
bool MayMove(std::string_view from, std::string_view to);

// Normalises the texts of `p` (text::NormalizeText) and checks every rule, naming each field
// ("name", "price_max", "ocop.year", "photos[1].alt", "where_to_buy[0].url", …) with its message key.
// `categories`: the codes of product_categories; `today`: Việt Nam's day (the OCOP year's bound).
std::vector<FieldError> Validate(Product& p, std::span<const std::string> categories, Date today);

// Whether `url` is an absolute http:// or https:// address with a host and no spaces or controls.
bool ValidWebUrl(std::string_view url);

// Whether the OCOP rating has expired on `today` (expires_on before today).
bool OcopExpired(const Ocop& ocop, Date today);

// The folded words of a name (text::FoldedWords), each once.
std::vector<std::string> NameWords(std::string_view name);
// Whether every word of `query` (folded words) begins some word of `name_words`; true when
// `query` is empty.
bool NameMatches(std::span<const std::string> name_words, std::span<const std::string> query);

// "mat-ong-hoa-nhan-7": the folded name's words joined by '-', at most 80 characters (cut at a
// '-'), then '-' and the id. The id decides: IdOfSlug reads it back (0 when there is none).
std::string Slug(std::string_view name, int64_t id);
int64_t IdOfSlug(std::string_view slug);

// The day (Việt Nam time) of an instant in Unix epoch milliseconds; "2026-12-05T09:30:00Z".
Date DayOf(int64_t ms);
std::string InstantText(int64_t ms);

}  // namespace hoptac::products

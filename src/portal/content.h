// What the public portal shows, and the one interface it reads it through.
//
// The portal (src/portal) renders the public pages from plain structs; it includes no header
// of news, products, media or the registry. `Content` is implemented in src/app over those
// services (with an anonymous principal: published articles with published_at <= now,
// approved products, the registry's public fields and its statistics under their public
// disclosure rules) and over media::ImageRefs for the images. A test or a benchmark uses
// portal::SampleContent (sample_content.h).
//
// Conventions: times are Unix milliseconds (`*_ms`), dates are hoptac::Date; names come in
// Vietnamese (`name`) and, where the data has it, English (`name_en`, empty: use `name`);
// every text is plain text (the portal escapes it) except Article::body_html, which news
// has already sanitised and the portal inserts as it is. Lists are in the order to show.
// A lookup answers nullopt for "no such public object" (an error with ErrorCode::kNotFound
// is read the same way); any other error is a failure (the portal answers 503 and does not
// cache it).
//
// Thread-safety: the portal calls every member from several threads at once; an
// implementation must be thread-safe. Members may block (the database); CountView and
// Generation must not (they run on every request, also on cache hits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::portal {

// A page of a longer list: `items` of it, `total` of the whole list (for the paging links).
template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

// A code with its Vietnamese and English names (kinds, statuses, categories …).
struct Label {
  std::string code;     // "cooperative", "active", "food"
  std::string name;     // "Hợp tác xã"
  std::string name_en;  // "Cooperative" (empty: name)
};

// An image as media serves it (media::ImageRefs + the alt text its owner stored).
struct ImageRef {
  struct Variant {
    int width = 0;
    std::string url;  // "/media/5-3f2a9c1e-640.webp"
  };
  std::string url;  // the original: "/media/5-3f2a9c1e.jpg"
  int width = 0;    // of the original, pixels (0: unknown)
  int height = 0;
  std::vector<Variant> variants;  // narrowest first; widths not above the original's
  std::string alt;                // empty: decorative (rendered alt="")
};

// A news category (table news_categories).
struct Category {
  std::string code;     // "activities"
  std::string slug;     // "hoat-dong" (the Vietnamese name folded; the URLs use it)
  std::string name;     // "Hoạt động"
  std::string name_en;  // "Activities"
};

// A link to a cooperative (or any registry entity) by id and name; the portal builds the URL
// /htx/{folded name}-{id}.
struct EntityRef {
  int64_t id = 0;
  std::string name;
  int64_t updated_at_ms = 0;  // sitemap lastmod (0: none)
};

// An activity (a visit, a fair, a training …) mentioned on a page. Activities have no public
// page: title, date and place only.
struct ActivityRef {
  int64_t id = 0;
  std::string title;
  std::optional<Date> date;
  std::string place;  // free text, may be empty
};

// An article in a list.
struct ArticleCard {
  int64_t id = 0;
  std::string slug;  // "lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx"; URL /tin-tuc/{slug}
  std::string lang;  // "vi" | "en": the article's language
  std::string title;
  std::string summary;
  std::string category;  // Category::code
  std::string province;  // code, empty: national
  std::string province_name;
  int64_t published_at_ms = 0;
  int64_t updated_at_ms = 0;
  std::optional<ImageRef> cover;
  int64_t views = 0;  // stored + pending (news' ViewCounter)
};

// A published article with everything its page shows.
struct Article : ArticleCard {
  std::string body_html;  // sanitised by news (CMARK_OPT_SAFE); inserted as it is
  std::vector<std::string> keywords;
  std::string author;  // display name or user name
  struct Translation {
    std::string lang;  // "en"
    std::string slug;
  };
  std::vector<Translation> translations;  // published ones only; not this article itself
  std::vector<EntityRef> entities;        // the cooperatives it is about
  std::vector<ActivityRef> activities;
};

// The filters of the news list (GET /tin-tuc): all optional; the portal reads them from its
// query (`chuyen-muc` slug → code, `tu-khoa`, `tinh`, `trang`).
struct ArticleQuery {
  std::string category;  // Category::code
  std::string keyword;   // exact keyword, compared folded (text::Fold)
  std::string province;  // province code
  std::string lang;      // "vi" | "en" | empty: any
  int page = 1;          // 1-based
  int per_page = 12;
};

// OCOP rating of a product.
struct Ocop {
  int stars = 0;  // 1..5
  std::string certificate;
  int year = 0;
  std::optional<Date> expires_on;
  bool expired = false;  // expires_on before today (still shown, marked expired)
};

// A product in a list.
struct ProductCard {
  int64_t id = 0;
  std::string slug;  // "mat-ong-hoa-nhan-7"; URL /san-pham/{slug}
  std::string name;
  std::string category;  // product category code
  int64_t entity_id = 0;
  std::string entity_name;
  std::string province;  // code
  std::string province_name;
  std::optional<int64_t> price_min;  // integer đồng
  std::optional<int64_t> price_max;
  std::string unit;  // "chai 500 ml"
  std::optional<Ocop> ocop;
  std::optional<ImageRef> photo;  // the first photo
  int64_t updated_at_ms = 0;
};

// Where to buy a product.
struct Shop {
  std::string kind;  // "online" | "shop"
  std::string name;
  std::string url;      // http(s) only (the portal links nothing else)
  std::string address;  // a shop's address
};

// An approved product with everything its page shows.
struct Product : ProductCard {
  std::string description;  // plain text; paragraphs separated by blank lines
  std::vector<ImageRef> photos;
  std::vector<std::string> certifications;  // codes: vietgap, globalgap, organic, haccp, iso22000,
                                            // geographical_indication, other
  std::vector<Shop> where_to_buy;
  std::vector<ActivityRef> fairs;  // trade fairs it was shown at
};

// The filters of the catalogue (GET /san-pham: `q`, `loai`, `tinh`, `sao`, `trang`).
struct ProductQuery {
  std::string q;         // name words, matched without diacritics ("mat ong")
  std::string category;  // product category code
  std::string province;  // province code
  int min_stars = 0;     // 0: any; 1..5: OCOP stars at least
  int page = 1;
  int per_page = 24;
};

// A cooperative's public profile: only public fields (domain::IsPublicAttribute).
struct EntityProfile {
  int64_t id = 0;
  std::string name;
  Label kind;            // cooperative, union_of_cooperatives, cooperative_group …
  Label status;          // active, suspended, dissolved …
  std::string province;  // code
  std::string province_name;
  std::string district_name;  // empty when none (no district level since 2025-07-01)
  std::string commune_name;
  std::optional<Date> founded_on;
  std::string sector;              // main sector as its name (free text), empty: unknown
  std::optional<int64_t> members;  // when public, latest figure
  std::optional<int64_t> workers;  // when public
  int64_t updated_at_ms = 0;
  std::vector<ProductCard> products;    // approved
  std::vector<ArticleCard> articles;    // published articles linked to it, newest first
  std::vector<ActivityRef> activities;  // activities it took part in, newest first
};

// A province in the list of provinces.
struct Province {
  std::string code;  // "01"
  std::string name;  // "Hà Nội"
  std::string name_en;
  int64_t entities = 0;  // cooperatives and other registered entities in it
};

// A province's page: the province, a few numbers and what is new in it.
struct ProvinceSummary {
  Province province;
  int64_t active_entities = 0;
  int64_t products = 0;               // approved products of its entities
  std::vector<ArticleCard> articles;  // latest published articles of the province
  std::vector<ProductCard> products_featured;
  std::vector<EntityRef> recent_entities;  // newest registered, a few
};

// A published figure: exact or perturbed (cell key), or withheld (small or dominated group).
struct Figure {
  int64_t value = 0;
  bool withheld = false;  // value meaningless; shown as "—"
};

// Published statistics of the country (province empty) or of one province, from the index's
// statistics under the public rules (aggregates only).
struct PublicStats {
  std::string province;  // code, empty: the country
  std::string province_name;
  std::string province_name_en;
  Date as_of;
  int64_t entities = 0;  // counts of entities are exact for everyone
  struct Count {
    Label label;
    int64_t count = 0;
  };
  std::vector<Count> by_kind;
  std::vector<Count> by_status;
  struct Year {
    int year = 0;
    int64_t founded = 0;
  };
  std::vector<Year> founded_per_year;  // ascending
  Figure members;
  Figure members_female;
  Figure workers;
  Figure workers_female;
  bool perturbed = false;  // figures were perturbed by the cell-key method
  struct ProvinceRow {
    std::string code;
    std::string name;
    std::string name_en;
    int64_t entities = 0;
    Figure members;
    Figure workers;
  };
  std::vector<ProvinceRow> provinces;  // the country's page only, in the order to show
};

// The open-data sets, each downloadable as CSV and XLSX.
enum class OpenDataSet {
  kEntities,    // the public registry fields, one row per entity
  kStatistics,  // the published aggregates (by province × kind × status, members, workers)
};
enum class DataFormat { kCsv, kXlsx };

// A column of an open-data file, for the data dictionary.
struct DataField {
  std::string column;  // the header in the file: "name", "province_code"
  std::string type;    // "text" | "integer" | "date" | "code"
  std::string description;
  std::string description_en;
};

// What a sitemap lists of one kind: published articles, approved products or entities.
enum class SitemapKind { kArticles, kProducts, kEntities };
struct SitemapEntry {
  int64_t id = 0;
  std::string slug;  // articles and products; entities: the portal builds it from name and id
  std::string name;  // entities
  int64_t updated_at_ms = 0;
};

class Content {
 public:
  virtual ~Content() = default;

  // Changes whenever anything the pages show may have changed (a committed write of
  // articles, categories, products, the registry, or a scheduled article's time passing).
  // The portal drops its cached pages when it changes. Cheap (atomics); never blocks.
  virtual uint64_t Generation() const = 0;

  // --- news ---
  // Published articles matching `query`, newest first, the page asked for and the total.
  virtual Result<Page<ArticleCard>> Articles(const ArticleQuery& query) = 0;
  // The published article with this slug (any language), nullopt if none.
  virtual Result<std::optional<Article>> ArticleBySlug(const std::string& slug) = 0;
  // Up to `limit` published articles of the same category or sharing a keyword, newest first,
  // excluding the article itself (news' related articles).
  virtual Result<std::vector<ArticleCard>> RelatedArticles(int64_t article_id, int limit) = 0;
  // Counts a view of an article (news::ViewCounter::RecordView with now). The portal calls it
  // on every GET of an article page, cache hits included; reader_key is the client address and
  // the user agent. Must be cheap and never block.
  virtual void CountView(int64_t article_id, const std::string& reader_key, const std::string& user_agent) = 0;
  // Every news category, in the order to show.
  virtual Result<std::vector<Category>> Categories() = 0;

  // --- products ---
  // Approved products matching `query` (name without diacritics, category, province, OCOP stars).
  virtual Result<Page<ProductCard>> Products(const ProductQuery& query) = 0;
  // The approved product with this slug, nullopt if none.
  virtual Result<std::optional<Product>> ProductBySlug(const std::string& slug) = 0;
  // Up to `limit` products for the home page (the lead decides: e.g. OCOP stars, then newest).
  virtual Result<std::vector<ProductCard>> FeaturedProducts(int limit) = 0;
  // The product categories (table product_categories), in the order to show.
  virtual Result<std::vector<Label>> ProductCategories() = 0;

  // --- registry ---
  // The public profile of entity `id`, nullopt if there is none or it is not public.
  virtual Result<std::optional<EntityProfile>> Entity(int64_t id) = 0;
  // The provinces in force today, in the order to show, with their entity counts.
  virtual Result<std::vector<Province>> Provinces() = 0;
  // The page of province `code` (a code of Provinces()), nullopt for another code.
  virtual Result<std::optional<ProvinceSummary>> ProvincePage(const std::string& code) = 0;
  // Published statistics of the country (province empty) or of a province (nullopt for an
  // unknown code).
  virtual Result<std::optional<PublicStats>> Stats(const std::string& province) = 0;

  // --- open data ---
  // The columns of a data set's files, in file order (the data dictionary).
  virtual Result<std::vector<DataField>> OpenDataFields(OpenDataSet set) = 0;
  // Writes the data set to a new file at `path` in `format` (registry::ExportToFile with the
  // anonymous principal for kEntities). The portal sends it as a download and removes it.
  virtual Status WriteOpenData(OpenDataSet set, DataFormat format, const std::string& path) = 0;

  // --- sitemaps ---
  // Entries [offset, offset + limit) of a kind, in a stable order (ids ascending), and the total
  // (limit 0: the total only; the sitemap index asks so).
  virtual Result<Page<SitemapEntry>> SitemapEntries(SitemapKind kind, int64_t offset, int64_t limit) = 0;
};

}  // namespace hoptac::portal

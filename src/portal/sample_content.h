// SampleContent: a portal::Content held in memory, for the unit tests, the benchmark server
// (bench/portal_server.cpp) and trying the pages without a database. Filled by Fill() with a
// realistic sample (articles of 1,500 words, products with OCOP ratings, cooperatives,
// statistics with withheld figures); tests change its public members and call Touch().
//
// Thread-safety: the queries are safe from many threads while nobody changes the members;
// CountView and Generation are always safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

#include "portal/content.h"

namespace hoptac::portal {

class SampleContent : public Content {
 public:
  // Fills the sample: `articles` articles (6 categories, 3 provinces), `products` products,
  // `entities` cooperatives, and the statistics.
  void Fill(int articles = 30, int products = 40, int entities = 20);
  // A body of about `words` words of Vietnamese, as news would render it (headings, lists).
  static std::string BodyHtml(int words);

  // Changes the generation (after changing the members).
  void Touch() { generation_.fetch_add(1); }
  // Views counted per article id (CountView calls).
  std::map<int64_t, int> views() const;

  std::vector<Article> articles;  // newest first
  std::vector<Category> categories;
  std::vector<Product> products;
  std::vector<Label> product_categories;
  std::vector<EntityProfile> entities;
  std::vector<Province> provinces;
  std::map<std::string, PublicStats> stats;  // by province code ("" = country)
  std::vector<DataField> entity_fields;
  std::vector<DataField> stats_fields;
  bool fail = false;               // every query answers kUnavailable
  std::atomic<int> queries{0};     // queries answered (not CountView, not Generation)
  std::function<void()> on_query;  // called at each query (a test makes them slow)

  uint64_t Generation() const override { return generation_.load(); }
  Result<Page<ArticleCard>> Articles(const ArticleQuery& query) override;
  Result<std::optional<Article>> ArticleBySlug(const std::string& slug) override;
  Result<std::vector<ArticleCard>> RelatedArticles(int64_t article_id, int limit) override;
  void CountView(int64_t article_id, const std::string& reader_key, const std::string& user_agent) override;
  Result<std::vector<Category>> Categories() override;
  Result<Page<ProductCard>> Products(const ProductQuery& query) override;
  Result<std::optional<Product>> ProductBySlug(const std::string& slug) override;
  Result<std::vector<ProductCard>> FeaturedProducts(int limit) override;
  Result<std::vector<Label>> ProductCategories() override;
  Result<std::optional<EntityProfile>> Entity(int64_t id) override;
  Result<std::vector<Province>> Provinces() override;
  Result<std::optional<ProvinceSummary>> ProvincePage(const std::string& code) override;
  Result<std::optional<PublicStats>> Stats(const std::string& province) override;
  Result<std::vector<DataField>> OpenDataFields(OpenDataSet set) override;
  Status WriteOpenData(OpenDataSet set, DataFormat format, const std::string& path) override;
  Result<Page<SitemapEntry>> SitemapEntries(SitemapKind kind, int64_t offset, int64_t limit) override;

 private:
  Status Check();
  std::atomic<uint64_t> generation_{1};
  mutable std::mutex views_mutex_;
  std::map<int64_t, int> views_;
};

}  // namespace hoptac::portal

// The public portal's content (portal/content.h) over the services that own it: published
// articles (news), approved products (products), their images (media), the registry's public
// fields and its statistics under their public rules (the index, Audience::kPublic), and the
// activities an entity or a product took part in (title, dates and place only). Every question
// is asked as the public asks it: an anonymous principal, or the command line's principal
// reading only what the portal shows of an activity.
//
// Generation: the news' and the products' (both change on every committed write); the registry's
// changes reach the pages within the portal's 60-second cache lifetime.
//
// Thread-safety: thread-safe (the services are); CountView and Generation never block.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "activities/activity_service.h"
#include "geo/admin_unit.h"
#include "media/media_service.h"
#include "news/news_service.h"
#include "portal/content.h"
#include "products/product_service.h"
#include "registry/entity_service.h"
#include "registry/index/registry_index.h"
#include "storage/db.h"

namespace hoptac::app {

class PortalContent : public portal::Content {
 public:
  PortalContent(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                registry::EntityService& entities, const analytics::RegistryIndex& index,
                const activities::ActivityService& activities, news::NewsService& news,
                const products::ProductService& products, const media::MediaService& media);

  uint64_t Generation() const override;

  Result<portal::Page<portal::ArticleCard>> Articles(const portal::ArticleQuery& query) override;
  Result<std::optional<portal::Article>> ArticleBySlug(const std::string& slug) override;
  Result<std::vector<portal::ArticleCard>> RelatedArticles(int64_t article_id, int limit) override;
  void CountView(int64_t article_id, const std::string& reader_key, const std::string& user_agent) override;
  Result<std::vector<portal::Category>> Categories() override;

  Result<portal::Page<portal::ProductCard>> Products(const portal::ProductQuery& query) override;
  Result<std::optional<portal::Product>> ProductBySlug(const std::string& slug) override;
  Result<std::vector<portal::ProductCard>> FeaturedProducts(int limit) override;
  Result<std::vector<portal::Label>> ProductCategories() override;

  Result<std::optional<portal::EntityProfile>> Entity(int64_t id) override;
  Result<std::vector<portal::Province>> Provinces() override;
  Result<std::optional<portal::ProvinceSummary>> ProvincePage(const std::string& code) override;
  Result<std::optional<portal::PublicStats>> Stats(const std::string& province) override;

  Result<std::vector<portal::DataField>> OpenDataFields(portal::OpenDataSet set) override;
  Status WriteOpenData(portal::OpenDataSet set, portal::DataFormat format, const std::string& path) override;

  Result<portal::Page<portal::SitemapEntry>> SitemapEntries(portal::SitemapKind kind, int64_t offset,
                                                            int64_t limit) override;

 private:
  // The images of these ids as media serves them (one query), with the given alt texts.
  Result<std::map<int64_t, portal::ImageRef>> Images(const std::vector<int64_t>& ids) const;
  Result<std::vector<portal::ArticleCard>> Cards(const std::vector<news::ArticleView>& views) const;
  Result<std::vector<portal::ProductCard>> Cards(const std::vector<products::ProductView>& views) const;
  std::vector<portal::ActivityRef> ActivityRefs(const std::vector<int64_t>& ids) const;
  std::string ProvinceName(const std::string& code, bool english) const;

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  const analytics::RegistryIndex& index_;
  const activities::ActivityService& activities_;
  news::NewsService& news_;
  const products::ProductService& products_;
  const media::MediaService& media_;
};

}  // namespace hoptac::app

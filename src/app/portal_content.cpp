#include "app/portal_content.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

#include "io/csv.h"
#include "io/xlsx_stream.h"
#include "registry/entity.h"
#include "registry/export.h"
#include "registry/index/stats.h"

namespace hoptac::app {

namespace {

using analytics::Dimension;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

portal::Ocop OcopOf(const products::Ocop& o, bool expired) {
  portal::Ocop out;
  out.stars = o.stars;
  out.certificate = o.certificate;
  out.year = o.year;
  out.expires_on = o.expires_on;
  out.expired = expired;
  return out;
}

// The public statistics' stock query: today, the current provinces, the public's disclosure.
analytics::StockQuery PublicStock(std::string measure, std::vector<Dimension> group_by, const std::string& province) {
  analytics::StockQuery q;
  q.measure = std::move(measure);
  q.group_by = std::move(group_by);
  q.as_of = Date::Today();
  q.audience = analytics::Audience::kPublic;
  if (!province.empty()) q.filter.provinces = {province};
  return q;
}

bool Hidden(analytics::CellDisclosure d) {
  return d == analytics::CellDisclosure::kFewEntities || d == analytics::CellDisclosure::kDominated;
}

portal::Figure FigureOf(const analytics::StockResult& r) { return portal::Figure{r.total, Hidden(r.total_disclosure)}; }

portal::Figure FigureOf(const analytics::StatsRow& row) { return portal::Figure{row.value, Hidden(row.disclosure)}; }

}  // namespace

PortalContent::PortalContent(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                             registry::EntityService& entities, const analytics::RegistryIndex& index,
                             const activities::ActivityService& activities, news::NewsService& news,
                             const products::ProductService& products, const media::MediaService& media)
    : db_(db),
      units_(std::move(units)),
      entities_(entities),
      index_(index),
      activities_(activities),
      news_(news),
      products_(products),
      media_(media) {}

uint64_t PortalContent::Generation() const {
  // Two counters that only grow: their sum changes whenever either does.
  return news_.Generation() + products_.Generation();
}

std::string PortalContent::ProvinceName(const std::string& code, bool english) const {
  if (code.empty()) return {};
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Date::Today());
  if (!unit) return {};
  return english && !unit->name_en.empty() ? unit->name_en : unit->name;
}

Result<std::map<int64_t, portal::ImageRef>> PortalContent::Images(const std::vector<int64_t>& ids) const {
  std::map<int64_t, portal::ImageRef> out;
  std::vector<int64_t> wanted;
  for (int64_t id : ids)
    if (id > 0) wanted.push_back(id);
  if (wanted.empty()) return out;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  HOPTAC_ASSIGN_OR_RETURN(auto refs, media_.Refs(wanted));
  for (auto& [id, ref] : refs) {
    // A PDF is no picture: the pages show images only.
    if (ref.content_type.rfind("image/", 0) != 0) continue;
    portal::ImageRef image;
    image.url = ref.url;
    image.width = ref.width;
    image.height = ref.height;
    for (const auto& v : ref.variants) image.variants.push_back({v.width, v.url});
    out.emplace(id, std::move(image));
  }
  return out;
}

Result<std::vector<portal::ArticleCard>> PortalContent::Cards(const std::vector<news::ArticleView>& views) const {
  std::vector<int64_t> covers;
  for (const auto& v : views) covers.push_back(v.article.cover_image_id);
  HOPTAC_ASSIGN_OR_RETURN(auto images, Images(covers));
  std::vector<portal::ArticleCard> cards;
  cards.reserve(views.size());
  for (const auto& v : views) {
    const news::Article& a = v.article;
    portal::ArticleCard card;
    card.id = a.id;
    card.slug = a.slug;
    card.lang = a.lang;
    card.title = a.title;
    card.summary = a.summary;
    card.category = a.category;
    card.province = a.province_code;
    card.province_name = v.province_name;
    card.published_at_ms = a.published_at_ms;
    card.updated_at_ms = a.updated_at_ms;
    card.views = v.views;
    if (auto it = images.find(a.cover_image_id); it != images.end()) {
      card.cover = it->second;
      card.cover->alt = a.cover_alt;
    }
    cards.push_back(std::move(card));
  }
  return cards;
}

Result<std::vector<portal::ProductCard>> PortalContent::Cards(const std::vector<products::ProductView>& views) const {
  std::vector<int64_t> photos;
  for (const auto& v : views)
    if (!v.product.photos.empty()) photos.push_back(v.product.photos.front().image_id);
  HOPTAC_ASSIGN_OR_RETURN(auto images, Images(photos));
  std::vector<portal::ProductCard> cards;
  cards.reserve(views.size());
  for (const auto& v : views) {
    const products::Product& p = v.product;
    portal::ProductCard card;
    card.id = p.id;
    card.slug = v.slug;
    card.name = p.name;
    card.category = p.category;
    card.entity_id = p.entity_id;
    card.entity_name = v.entity_name;
    card.province = p.province_code;
    card.province_name = v.province_name;
    card.price_min = p.price_min;
    card.price_max = p.price_max;
    card.unit = p.unit;
    if (p.ocop) card.ocop = OcopOf(*p.ocop, v.ocop_expired);
    if (!p.photos.empty())
      if (auto it = images.find(p.photos.front().image_id); it != images.end()) {
        card.photo = it->second;
        card.photo->alt = p.photos.front().alt;
      }
    card.updated_at_ms = p.updated_at_ms;
    cards.push_back(std::move(card));
  }
  return cards;
}

std::vector<portal::ActivityRef> PortalContent::ActivityRefs(const std::vector<int64_t>& ids) const {
  // What the portal shows of an activity (title, first day, place) is public; a missing one is skipped.
  const auth::Principal reader = auth::Principal::Cli("portal");
  std::vector<portal::ActivityRef> out;
  for (int64_t id : ids) {
    auto a = activities_.Get(reader, id);
    if (!a.ok()) continue;
    out.push_back(portal::ActivityRef{a->id, a->title, a->from, a->place});
  }
  return out;
}

// ---- news ----

Result<portal::Page<portal::ArticleCard>> PortalContent::Articles(const portal::ArticleQuery& query) {
  news::ArticleQuery q;
  q.category = query.category;
  q.keyword = query.keyword;
  q.province = query.province;
  q.lang = query.lang;
  q.page = std::max(1, query.page);
  q.limit = std::clamp(query.per_page, 1, news::kMaxLimit);
  HOPTAC_ASSIGN_OR_RETURN(news::ArticlePage page, news_.List(auth::Principal::Anonymous(), q));
  portal::Page<portal::ArticleCard> out;
  out.total = page.total;
  HOPTAC_ASSIGN_OR_RETURN(out.items, Cards(page.items));
  return out;
}

Result<std::optional<portal::Article>> PortalContent::ArticleBySlug(const std::string& slug) {
  auto found = news_.GetBySlug(auth::Principal::Anonymous(), slug);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) return std::optional<portal::Article>();
    return found.error();
  }
  const news::Article& a = found->article;
  HOPTAC_ASSIGN_OR_RETURN(auto cards, Cards({*found}));
  portal::Article article;
  static_cast<portal::ArticleCard&>(article) = std::move(cards.front());
  article.body_html = a.body_html;
  article.keywords = a.keywords;
  // The command line's name ("cli:…", the demo, an import) is no person's: no byline then.
  article.author = a.author.rfind("cli:", 0) == 0 ? std::string() : a.author;
  for (const auto& t : found->translations) article.translations.push_back({t.lang, t.slug});
  for (int64_t id : a.entity_ids) {
    auto e = entities_.Get(auth::Principal::Anonymous(), id);
    if (e.ok()) article.entities.push_back({e->entity.id, e->entity.name, e->updated_at_ms});
  }
  article.activities = ActivityRefs(a.activity_ids);
  return std::optional(std::move(article));
}

Result<std::vector<portal::ArticleCard>> PortalContent::RelatedArticles(int64_t article_id, int limit) {
  auto related = news_.Related(auth::Principal::Anonymous(), article_id, limit);
  if (!related.ok()) {
    if (related.error().code == ErrorCode::kNotFound) return std::vector<portal::ArticleCard>();
    return related.error();
  }
  return Cards(*related);
}

void PortalContent::CountView(int64_t article_id, const std::string& reader_key, const std::string& user_agent) {
  news_.RecordView(article_id, reader_key, user_agent, NowMs());
}

Result<std::vector<portal::Category>> PortalContent::Categories() {
  HOPTAC_ASSIGN_OR_RETURN(auto categories, news_.Categories());
  std::vector<portal::Category> out;
  for (const auto& c : categories) out.push_back({c.code, c.slug, c.name, c.name_en});
  return out;
}

// ---- products ----

Result<portal::Page<portal::ProductCard>> PortalContent::Products(const portal::ProductQuery& query) {
  products::ProductQuery q;
  q.q = query.q;
  q.category = query.category;
  q.province = query.province;
  q.ocop_min = query.min_stars;
  q.page = std::max(1, query.page);
  q.limit = std::clamp(query.per_page, 1, products::kMaxLimit);
  HOPTAC_ASSIGN_OR_RETURN(products::ProductPage page, products_.PublicSearch(q));
  portal::Page<portal::ProductCard> out;
  out.total = page.total;
  HOPTAC_ASSIGN_OR_RETURN(out.items, Cards(page.items));
  return out;
}

Result<std::optional<portal::Product>> PortalContent::ProductBySlug(const std::string& slug) {
  auto found = products_.PublicGetBySlug(slug);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) return std::optional<portal::Product>();
    return found.error();
  }
  const products::Product& p = found->product;
  HOPTAC_ASSIGN_OR_RETURN(auto cards, Cards({*found}));
  portal::Product product;
  static_cast<portal::ProductCard&>(product) = std::move(cards.front());
  product.description = p.description;
  std::vector<int64_t> ids;
  for (const auto& photo : p.photos) ids.push_back(photo.image_id);
  HOPTAC_ASSIGN_OR_RETURN(auto images, Images(ids));
  for (const auto& photo : p.photos)
    if (auto it = images.find(photo.image_id); it != images.end()) {
      portal::ImageRef image = it->second;
      image.alt = photo.alt;
      product.photos.push_back(std::move(image));
    }
  product.certifications = p.certifications;
  for (const auto& place : p.where_to_buy)
    product.where_to_buy.push_back({place.kind, place.name, place.url, place.address});
  product.fairs = ActivityRefs(p.fair_activity_ids);
  return std::optional(std::move(product));
}

Result<std::vector<portal::ProductCard>> PortalContent::FeaturedProducts(int limit) {
  // The search's order: OCOP stars first, then the name.
  products::ProductQuery q;
  q.limit = std::clamp(limit, 1, products::kMaxLimit);
  HOPTAC_ASSIGN_OR_RETURN(products::ProductPage page, products_.PublicSearch(q));
  return Cards(page.items);
}

Result<std::vector<portal::Label>> PortalContent::ProductCategories() {
  HOPTAC_ASSIGN_OR_RETURN(auto categories, products_.Categories());
  std::vector<portal::Label> out;
  for (const auto& c : categories) out.push_back({c.code, c.name_vi, c.name_en});
  return out;
}

// ---- registry ----

Result<std::optional<portal::EntityProfile>> PortalContent::Entity(int64_t id) {
  auto found = entities_.Get(auth::Principal::Anonymous(), id);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) return std::optional<portal::EntityProfile>();
    return found.error();
  }
  const domain::Entity& e = found->entity;
  const Date today = Date::Today();
  portal::EntityProfile profile;
  profile.id = e.id;
  profile.name = e.name;
  profile.kind = {domain::EntityKindName(e.kind), domain::EntityKindLabel(e.kind, i18n::Lang::kVi),
                  domain::EntityKindLabel(e.kind, i18n::Lang::kEn)};
  if (found->status)
    profile.status = {domain::EntityStatusName(*found->status),
                      domain::EntityStatusLabel(*found->status, i18n::Lang::kVi),
                      domain::EntityStatusLabel(*found->status, i18n::Lang::kEn)};
  profile.province = found->current_province_code;
  profile.province_name = ProvinceName(found->current_province_code, false);
  if (!e.commune_code.empty())
    if (const geo::AdminUnit* commune = units_->Find(geo::AdminLevel::kCommune, e.commune_code, today))
      profile.commune_name = commune->name;
  profile.founded_on = e.founded_on;
  if (e.sector) profile.sector = domain::SectorLabel(*e.sector, i18n::Lang::kVi);
  profile.updated_at_ms = found->updated_at_ms;
  HOPTAC_ASSIGN_OR_RETURN(auto products, products_.PublicOfEntity(id));
  HOPTAC_ASSIGN_OR_RETURN(profile.products, Cards(products));
  news::ArticleQuery articles;
  articles.entity_id = id;
  articles.limit = 10;
  HOPTAC_ASSIGN_OR_RETURN(news::ArticlePage page, news_.List(auth::Principal::Anonymous(), articles));
  HOPTAC_ASSIGN_OR_RETURN(profile.articles, Cards(page.items));
  activities::ActivityQuery took_part;
  took_part.entity = id;
  took_part.limit = 10;
  if (auto done = activities_.List(auth::Principal::Cli("portal"), took_part); done.ok())
    for (const auto& a : done->items) profile.activities.push_back({a.id, a.title, a.from, a.place});
  return std::optional(std::move(profile));
}

Result<std::vector<portal::Province>> PortalContent::Provinces() {
  HOPTAC_ASSIGN_OR_RETURN(auto counts, index_.Stock(PublicStock("count", {Dimension::kProvince}, "")));
  std::map<std::string, int64_t> by_code;
  for (const auto& row : counts.rows) by_code[row.keys.front()] = row.value;
  std::vector<portal::Province> out;
  for (const geo::AdminUnit* unit : units_->InForce(geo::AdminLevel::kProvince, Date::Today()))
    out.push_back({unit->code, unit->name, unit->name_en, by_code[unit->code]});
  return out;
}

Result<std::optional<portal::ProvinceSummary>> PortalContent::ProvincePage(const std::string& code) {
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Date::Today());
  if (!unit) return std::optional<portal::ProvinceSummary>();
  portal::ProvinceSummary s;
  analytics::StockQuery all = PublicStock("count", {}, code);
  HOPTAC_ASSIGN_OR_RETURN(auto total, index_.Stock(all));
  s.province = {unit->code, unit->name, unit->name_en, total.total};
  analytics::StockQuery active = all;
  active.filter.statuses = {domain::EntityStatus::kActive};
  HOPTAC_ASSIGN_OR_RETURN(auto working, index_.Stock(active));
  s.active_entities = working.total;
  news::ArticleQuery articles;
  articles.province = code;
  articles.limit = 6;
  HOPTAC_ASSIGN_OR_RETURN(news::ArticlePage page, news_.List(auth::Principal::Anonymous(), articles));
  HOPTAC_ASSIGN_OR_RETURN(s.articles, Cards(page.items));
  products::ProductQuery featured;
  featured.province = code;
  featured.limit = 6;
  HOPTAC_ASSIGN_OR_RETURN(products::ProductPage products, products_.PublicSearch(featured));
  s.products = products.total;
  HOPTAC_ASSIGN_OR_RETURN(s.products_featured, Cards(products.items));
  registry::EntityFilters newest;
  newest.province = code;
  newest.sort = registry::ListSort::kFoundedDescending;
  newest.limit = 8;
  HOPTAC_ASSIGN_OR_RETURN(auto listed, entities_.List(auth::Principal::Anonymous(), newest));
  for (const auto& r : listed.items) s.recent_entities.push_back({r.entity.id, r.entity.name, r.updated_at_ms});
  return std::optional(std::move(s));
}

Result<std::optional<portal::PublicStats>> PortalContent::Stats(const std::string& province) {
  portal::PublicStats stats;
  stats.as_of = Date::Today();
  if (!province.empty()) {
    const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, province, stats.as_of);
    if (!unit) return std::optional<portal::PublicStats>();
    stats.province = unit->code;
    stats.province_name = unit->name;
    stats.province_name_en = unit->name_en;
  }
  auto label = [&](Dimension d, const std::string& key) {
    return portal::Label{key, index_.Label(d, key, i18n::Lang::kVi, stats.as_of),
                         index_.Label(d, key, i18n::Lang::kEn, stats.as_of)};
  };
  HOPTAC_ASSIGN_OR_RETURN(auto kinds, index_.Stock(PublicStock("count", {Dimension::kKind}, province)));
  stats.entities = kinds.total;
  for (const auto& row : kinds.rows) stats.by_kind.push_back({label(Dimension::kKind, row.keys[0]), row.value});
  HOPTAC_ASSIGN_OR_RETURN(auto statuses, index_.Stock(PublicStock("count", {Dimension::kStatus}, province)));
  for (const auto& row : statuses.rows)
    if (!row.keys[0].empty()) stats.by_status.push_back({label(Dimension::kStatus, row.keys[0]), row.value});
  HOPTAC_ASSIGN_OR_RETURN(auto years, index_.Stock(PublicStock("count", {Dimension::kFoundedYear}, province)));
  for (const auto& row : years.rows) {
    int year = 0;
    if (row.keys[0].empty() ||
        std::from_chars(row.keys[0].data(), row.keys[0].data() + row.keys[0].size(), year).ec != std::errc())
      continue;
    stats.founded_per_year.push_back({year, row.value});
  }
  struct Measure {
    const char* name;
    portal::Figure* into;
  };
  for (Measure m : {Measure{"members_total", &stats.members}, Measure{"members_female", &stats.members_female},
                    Measure{"workers_total", &stats.workers}, Measure{"workers_female", &stats.workers_female}}) {
    HOPTAC_ASSIGN_OR_RETURN(auto r, index_.Stock(PublicStock(m.name, {}, province)));
    *m.into = FigureOf(r);
    if (r.total_disclosure == analytics::CellDisclosure::kPerturbed) stats.perturbed = true;
  }
  if (province.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(auto counts, index_.Stock(PublicStock("count", {Dimension::kProvince}, "")));
    HOPTAC_ASSIGN_OR_RETURN(auto members, index_.Stock(PublicStock("members_total", {Dimension::kProvince}, "")));
    HOPTAC_ASSIGN_OR_RETURN(auto workers, index_.Stock(PublicStock("workers_total", {Dimension::kProvince}, "")));
    std::map<std::string, portal::PublicStats::ProvinceRow> rows;
    for (const geo::AdminUnit* unit : units_->InForce(geo::AdminLevel::kProvince, stats.as_of))
      rows[unit->code] = {unit->code, unit->name, unit->name_en, 0, {0, true}, {0, true}};
    for (const auto& row : counts.rows)
      if (auto it = rows.find(row.keys[0]); it != rows.end()) it->second.entities = row.value;
    for (const auto& row : members.rows)
      if (auto it = rows.find(row.keys[0]); it != rows.end()) it->second.members = FigureOf(row);
    for (const auto& row : workers.rows)
      if (auto it = rows.find(row.keys[0]); it != rows.end()) it->second.workers = FigureOf(row);
    for (auto& [code, row] : rows) stats.provinces.push_back(std::move(row));
  }
  return std::optional(std::move(stats));
}

// ---- open data ----

namespace {

// The published aggregates: one row per province and kind.
const std::vector<portal::DataField>& StatisticsFields() {
  static const std::vector<portal::DataField> fields = {
      {"province_code", "code", "Mã tỉnh, thành phố (đơn vị hành chính hiện hành)",
       "Province code (the administrative units in force)"},
      {"province_name", "text", "Tên tỉnh, thành phố", "Province name"},
      {"kind", "code",
       "Loại hình: cooperative (hợp tác xã), union (liên hiệp hợp tác xã), group (tổ hợp tác), "
       "credit_fund (quỹ tín dụng nhân dân)",
       "Kind: cooperative, union (of cooperatives), group (cooperative group), credit_fund (people's credit fund)"},
      {"entities", "integer", "Số tổ chức đã đăng ký (mọi trạng thái)", "Registered organisations (any status)"},
      {"active", "integer", "Số tổ chức đang hoạt động", "Organisations active today"},
      {"members_total", "integer",
       "Tổng số thành viên (theo số liệu kỳ gần nhất; để trống khi nhóm quá nhỏ để công bố)",
       "Members (latest period; empty when the group is too small to publish)"},
      {"members_female", "integer", "Số thành viên nữ (như trên)", "Female members (as above)"},
      {"workers_total", "integer", "Tổng số lao động (như trên)", "Workers (as above)"},
      {"workers_female", "integer", "Số lao động nữ (như trên)", "Female workers (as above)"},
  };
  return fields;
}

// The public registry fields of an entity (registry/export.h: anonymous callers' columns).
const std::vector<portal::DataField>& EntityFields() {
  static const std::vector<portal::DataField> fields = {
      {"kind", "code", "Loại hình (cooperative, union, group, credit_fund)",
       "Kind (cooperative, union, group, credit_fund)"},
      {"name", "text", "Tên tổ chức", "Name"},
      {"province_code", "code", "Mã tỉnh nơi đăng ký (đọc theo ngày ở cột province_as_of)",
       "Province code as registered (read as of province_as_of)"},
      {"province_as_of", "date", "Ngày để đọc mã tỉnh", "The date the province code is read at"},
      {"commune_code", "code", "Mã xã, phường hiện hành", "Current commune code"},
      {"sector", "code", "Lĩnh vực hoạt động chính", "Main sector"},
      {"founded_on", "date", "Ngày thành lập (YYYY-MM-DD)", "Founding date (YYYY-MM-DD)"},
      {"status", "code", "Trạng thái hôm nay (active, suspended, dissolved…)",
       "Status today (active, suspended, dissolved…)"},
      {"status_since", "date", "Ngày bắt đầu trạng thái đó", "The date that status began"},
  };
  return fields;
}

}  // namespace

Result<std::vector<portal::DataField>> PortalContent::OpenDataFields(portal::OpenDataSet set) {
  if (set == portal::OpenDataSet::kStatistics) return StatisticsFields();
  // The columns the export writes for the public, described when known.
  std::vector<portal::DataField> out;
  for (const std::string& column :
       registry::ExportColumns(registry::FileType::kEntities, auth::Principal::Anonymous())) {
    auto known = std::find_if(EntityFields().begin(), EntityFields().end(),
                              [&](const portal::DataField& f) { return f.column == column; });
    out.push_back(known != EntityFields().end() ? *known : portal::DataField{column, "text", column, column});
  }
  return out;
}

Status PortalContent::WriteOpenData(portal::OpenDataSet set, portal::DataFormat format, const std::string& path) {
  if (set == portal::OpenDataSet::kEntities) {
    registry::ExportRequest request;
    request.file = registry::FileType::kEntities;
    request.format = format == portal::DataFormat::kCsv ? registry::ExportFormat::kCsv : registry::ExportFormat::kXlsx;
    HOPTAC_ASSIGN_OR_RETURN(auto summary,
                            registry::ExportToFile(db_, *units_, auth::Principal::Anonymous(), request, path));
    (void)summary;
    return Ok();
  }
  // The aggregates: province × kind, counts exact, figures under the public disclosure rules.
  const std::vector<Dimension> by = {Dimension::kProvince, Dimension::kKind};
  HOPTAC_ASSIGN_OR_RETURN(auto counts, index_.Stock(PublicStock("count", by, "")));
  analytics::StockQuery active_query = PublicStock("count", by, "");
  active_query.filter.statuses = {domain::EntityStatus::kActive};
  HOPTAC_ASSIGN_OR_RETURN(auto active, index_.Stock(active_query));
  const char* measures[] = {"members_total", "members_female", "workers_total", "workers_female"};
  std::vector<analytics::StockResult> figures;
  for (const char* m : measures) {
    HOPTAC_ASSIGN_OR_RETURN(auto r, index_.Stock(PublicStock(m, by, "")));
    figures.push_back(std::move(r));
  }
  using Key = std::pair<std::string, std::string>;
  auto find = [](const analytics::StockResult& r, const Key& key) -> const analytics::StatsRow* {
    for (const auto& row : r.rows)
      if (row.keys[0] == key.first && row.keys[1] == key.second) return &row;
    return nullptr;
  };
  std::vector<std::string> header;
  for (const auto& f : StatisticsFields()) header.push_back(f.column);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : counts.rows) {
    if (row.keys[0].empty()) continue;
    Key key{row.keys[0], row.keys[1]};
    std::vector<std::string> cells = {key.first, ProvinceName(key.first, false), key.second, std::to_string(row.value)};
    const analytics::StatsRow* a = find(active, key);
    cells.push_back(std::to_string(a ? a->value : 0));
    for (const auto& r : figures) {
      const analytics::StatsRow* f = find(r, key);
      cells.push_back(f && !Hidden(f->disclosure) ? std::to_string(f->value) : std::string());
    }
    rows.push_back(std::move(cells));
  }
  if (format == portal::DataFormat::kCsv) {
    HOPTAC_ASSIGN_OR_RETURN(auto csv, io::CsvWriter::Create(path));
    HOPTAC_TRY(csv->WriteRow(header));
    for (const auto& cells : rows) HOPTAC_TRY(csv->WriteRow(cells));
    return csv->Close();
  }
  io::XlsxStreamOptions options;
  options.sheet_name = "thong-ke";
  HOPTAC_ASSIGN_OR_RETURN(auto xlsx, io::XlsxStreamWriter::Create(path, options));
  HOPTAC_TRY(xlsx->WriteHeader(header));
  for (const auto& cells : rows) {
    // Numbers as numbers (columns 4 on), so a spreadsheet sums them.
    std::vector<io::XlsxCell> typed;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i >= 3 && !cells[i].empty())
        typed.emplace_back(static_cast<double>(std::stoll(cells[i])));
      else if (cells[i].empty())
        typed.emplace_back(std::monostate{});
      else
        typed.emplace_back(std::string_view(cells[i]));
    }
    HOPTAC_TRY(xlsx->WriteRow(std::span<const io::XlsxCell>(typed)));
  }
  return xlsx->Close();
}

// ---- sitemaps ----

Result<portal::Page<portal::SitemapEntry>> PortalContent::SitemapEntries(portal::SitemapKind kind, int64_t offset,
                                                                         int64_t limit) {
  portal::Page<portal::SitemapEntry> out;
  if (offset < 0 || limit < 0) return out;
  if (limit == 0) {
    // The total only (how many sitemap files the index lists).
    if (kind == portal::SitemapKind::kEntities) {
      registry::EntityFilters filters;
      filters.limit = 1;
      HOPTAC_ASSIGN_OR_RETURN(auto page, entities_.List(auth::Principal::Anonymous(), filters));
      out.total = page.total;
    } else if (kind == portal::SitemapKind::kArticles) {
      news::ArticleQuery q;
      q.limit = 1;
      HOPTAC_ASSIGN_OR_RETURN(news::ArticlePage page, news_.List(auth::Principal::Anonymous(), q));
      out.total = page.total;
    } else {
      products::ProductQuery q;
      q.limit = 1;
      HOPTAC_ASSIGN_OR_RETURN(products::ProductPage page, products_.PublicSearch(q));
      out.total = page.total;
    }
    return out;
  }
  if (kind == portal::SitemapKind::kEntities) {
    // The offset once, then the list's keyset cursor: a later file does not skip its offset again
    // for every page of 200.
    registry::EntityFilters filters;
    filters.sort = registry::ListSort::kName;
    filters.offset = static_cast<int>(offset);
    while (static_cast<int64_t>(out.items.size()) < limit) {
      filters.limit = static_cast<int>(std::min<int64_t>(registry::kMaxListLimit, limit - out.items.size()));
      HOPTAC_ASSIGN_OR_RETURN(auto page, entities_.List(auth::Principal::Anonymous(), filters));
      out.total = page.total;
      for (const auto& r : page.items) out.items.push_back({r.entity.id, "", r.entity.name, r.updated_at_ms});
      if (page.items.empty() || !page.next_cursor) break;
      filters.cursor = *page.next_cursor;
      filters.offset = 0;
    }
    return out;
  }
  // Articles and products: pages of their lists (newest first / the catalogue's order).
  const int per = 100;
  int64_t first_page = offset / per + 1;
  int64_t skip = offset % per;
  for (int64_t p = first_page; static_cast<int64_t>(out.items.size()) < limit; ++p) {
    size_t before = out.items.size();
    if (kind == portal::SitemapKind::kArticles) {
      news::ArticleQuery q;
      q.page = static_cast<int>(p);
      q.limit = per;
      HOPTAC_ASSIGN_OR_RETURN(news::ArticlePage page, news_.List(auth::Principal::Anonymous(), q));
      out.total = page.total;
      for (const auto& v : page.items) {
        if (skip > 0) {
          --skip;
          continue;
        }
        if (static_cast<int64_t>(out.items.size()) >= limit) break;
        out.items.push_back({v.article.id, v.article.slug, v.article.title, v.article.updated_at_ms});
      }
      if (page.items.size() < static_cast<size_t>(per)) break;
    } else {
      products::ProductQuery q;
      q.page = static_cast<int>(p);
      q.limit = per;
      HOPTAC_ASSIGN_OR_RETURN(products::ProductPage page, products_.PublicSearch(q));
      out.total = page.total;
      for (const auto& v : page.items) {
        if (skip > 0) {
          --skip;
          continue;
        }
        if (static_cast<int64_t>(out.items.size()) >= limit) break;
        out.items.push_back({v.product.id, v.slug, v.product.name, v.product.updated_at_ms});
      }
      if (page.items.size() < static_cast<size_t>(per)) break;
    }
    if (out.items.size() == before && skip == 0) break;
  }
  return out;
}

}  // namespace hoptac::app

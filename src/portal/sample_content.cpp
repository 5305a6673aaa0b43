#include "portal/sample_content.h"

#include <algorithm>
#include <fstream>

#include "text/fold.h"

namespace hoptac::portal {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kStartMs = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

const char* kSentences[] = {
    "Liên minh Hợp tác xã tỉnh đã tổ chức hội nghị gặp mặt, đối thoại với các hợp tác xã trên địa bàn để lắng nghe "
    "những khó khăn, vướng mắc trong sản xuất, kinh doanh.",
    "Nhiều ý kiến đề xuất tháo gỡ khó khăn về vốn, đất đai, thị trường tiêu thụ sản phẩm và chuyển đổi số trong "
    "quản lý hợp tác xã.",
    "Các hợp tác xã nông nghiệp đã chủ động liên kết với doanh nghiệp, xây dựng chuỗi giá trị từ sản xuất đến chế "
    "biến và tiêu thụ.",
    "Đại diện Liên minh cho biết sẽ tiếp tục hỗ trợ đào tạo, tư vấn pháp lý và xúc tiến thương mại để các sản phẩm "
    "OCOP tiếp cận thị trường trong và ngoài nước.",
    "Thành viên hợp tác xã được tập huấn quy trình sản xuất theo tiêu chuẩn VietGAP, ghi chép nhật ký đồng ruộng và "
    "truy xuất nguồn gốc.",
    "Quỹ hỗ trợ phát triển hợp tác xã đã giải ngân hàng chục khoản vay ưu đãi, giúp các đơn vị đầu tư máy móc, "
    "nhà xưởng và kho lạnh.",
};

ImageRef SampleImage(int64_t id, std::string alt) {
  ImageRef image;
  std::string stem = "/media/" + std::to_string(id) + "-3f2a9c1e";
  image.url = stem + ".jpg";
  image.width = 1600;
  image.height = 1067;
  for (int w : {320, 640, 1280}) image.variants.push_back({w, stem + "-" + std::to_string(w) + ".webp"});
  image.alt = std::move(alt);
  return image;
}

std::string SlugOf(std::string_view title) {
  std::string folded = text::Fold(title);
  std::string out;
  bool dash = false;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += c;
    } else {
      dash = true;
    }
  }
  return out;
}

template <class T>
Page<T> Slice(const std::vector<T>& all, int page, int per_page) {
  Page<T> out;
  out.total = static_cast<int64_t>(all.size());
  size_t from = static_cast<size_t>(std::max(0, (page - 1) * per_page));
  for (size_t i = from; i < all.size() && i < from + static_cast<size_t>(per_page); ++i) out.items.push_back(all[i]);
  return out;
}

}  // namespace

std::string SampleContent::BodyHtml(int words) {
  std::string out;
  int written = 0;
  int paragraph = 0;
  while (written < words) {
    if (paragraph % 4 == 0) {
      out += "<h2>Phần " + std::to_string(paragraph / 4 + 1) + ": kết quả và kiến nghị</h2>\n";
      written += 6;
    }
    if (paragraph % 5 == 3) {
      out +=
          "<ul>\n<li>Hỗ trợ vốn vay ưu đãi cho hợp tác xã.</li>\n<li>Đào tạo cán bộ quản lý.</li>\n"
          "<li>Xúc tiến thương mại, kết nối tiêu thụ.</li>\n</ul>\n";
      written += 20;
    }
    out += "<p>";
    for (int s = 0; s < 3; ++s) {
      const char* sentence = kSentences[(paragraph + s) % 6];
      if (s) out += ' ';
      out += sentence;
      written += static_cast<int>(std::count(sentence, sentence + std::char_traits<char>::length(sentence), ' ')) + 1;
    }
    out += "</p>\n";
    ++paragraph;
  }
  return out;
}

void SampleContent::Fill(int article_count, int product_count, int entity_count) {
  categories = {{"activities", "hoat-dong", "Hoạt động", "Activities"},
                {"policy", "chinh-sach", "Chính sách", "Policy"},
                {"models", "mo-hinh-dien-hinh", "Mô hình – điển hình", "Models and good practice"},
                {"training", "dao-tao", "Đào tạo", "Training"},
                {"trade", "xuc-tien-thuong-mai", "Xúc tiến thương mại", "Trade promotion"},
                {"international", "hop-tac-quoc-te", "Hợp tác quốc tế", "International cooperation"}};
  product_categories = {{"agriculture", "Nông sản", "Agricultural products"},
                        {"food", "Thực phẩm chế biến", "Processed food"},
                        {"beverage", "Đồ uống", "Beverages"},
                        {"seafood", "Thủy sản", "Seafood"},
                        {"herbal", "Dược liệu", "Medicinal herbs"},
                        {"handicraft", "Thủ công mỹ nghệ", "Handicrafts"},
                        {"tourism", "Du lịch – dịch vụ", "Tourism and services"},
                        {"other", "Khác", "Other"}};
  provinces = {{"01", "Hà Nội", "Ha Noi", 0},
               {"19", "Thái Nguyên", "Thai Nguyen", 0},
               {"79", "Hồ Chí Minh", "Ho Chi Minh City", 0}};
  const char* kinds[][3] = {{"cooperative", "Hợp tác xã", "Cooperative"},
                            {"cooperative_group", "Tổ hợp tác", "Cooperative group"}};
  entities.clear();
  for (int i = 1; i <= entity_count; ++i) {
    EntityProfile e;
    e.id = 340 + i;
    e.name = i == 5 ? "HTX Ong mật Tam Đảo" : "Hợp tác xã Nông nghiệp Đồng Tâm " + std::to_string(i);
    e.kind = {kinds[i % 2][0], kinds[i % 2][1], kinds[i % 2][2]};
    e.status =
        i % 7 == 0 ? Label{"dissolved", "Đã giải thể", "Dissolved"} : Label{"active", "Đang hoạt động", "Active"};
    const Province& p = provinces[static_cast<size_t>(i) % provinces.size()];
    e.province = p.code;
    e.province_name = p.name;
    e.commune_name = "Xã Tam Đảo";
    e.founded_on = Date::FromCivil(2010 + i % 15, 1 + i % 12, 1 + i % 28);
    e.sector = "Nông nghiệp";
    e.members = 20 + i;
    e.workers = 8 + i;
    e.updated_at_ms = kStartMs + i * kDayMs;
    e.activities.push_back({100 + i, "Hội chợ OCOP 2026", Date::FromCivil(2026, 10, 12), "Hà Nội"});
    entities.push_back(std::move(e));
  }
  for (auto& p : provinces)
    p.entities = std::count_if(entities.begin(), entities.end(), [&](const auto& e) { return e.province == p.code; });

  articles.clear();
  std::string body = BodyHtml(1500);
  for (int i = article_count; i >= 1; --i) {
    Article a;
    a.id = i;
    a.lang = "vi";
    a.title = i == 1 ? "Liên minh HTX tỉnh gặp mặt, đối thoại với HTX"
                     : "Hợp tác xã chuyển đổi số: bài học từ mô hình số " + std::to_string(i);
    a.slug = SlugOf(a.title);
    a.summary = "Hội nghị lắng nghe khó khăn của các hợp tác xã về vốn, thị trường và chuyển đổi số.";
    a.category = categories[static_cast<size_t>(i) % categories.size()].code;
    const Province& p = provinces[static_cast<size_t>(i) % provinces.size()];
    a.province = p.code;
    a.province_name = p.name;
    a.published_at_ms = kStartMs + i * kDayMs + 3 * 3'600'000;
    a.updated_at_ms = a.published_at_ms + 3'600'000;
    a.cover = SampleImage(1000 + i, "Toàn cảnh hội nghị đối thoại");
    a.views = 827 + i - 1;
    a.body_html = body;
    a.keywords = {"đối thoại", "hợp tác xã"};
    a.author = "nguyenvana";
    if (!entities.empty()) a.entities.push_back({entities[0].id, entities[0].name, 0});
    articles.push_back(std::move(a));
  }

  products.clear();
  for (int i = 1; i <= product_count; ++i) {
    Product p;
    p.id = i;
    p.name = i == 7 ? "Mật ong hoa nhãn" : "Chè Tân Cương loại " + std::to_string(i);
    p.slug = SlugOf(p.name) + "-" + std::to_string(i);
    p.category = i == 7 ? "food" : product_categories[static_cast<size_t>(i) % product_categories.size()].code;
    const EntityProfile& e = entities[static_cast<size_t>(i) % entities.size()];
    p.entity_id = i == 7 ? entities[4].id : e.id;
    p.entity_name = i == 7 ? entities[4].name : e.name;
    p.province = i == 7 ? entities[4].province : e.province;
    p.province_name = i == 7 ? entities[4].province_name : e.province_name;
    p.price_min = 150000;
    p.price_max = 180000;
    p.unit = "chai 500 ml";
    if (i % 2 == 1) p.ocop = Ocop{3 + i % 3, "123/QĐ-UBND", 2023, Date::FromCivil(2026, 5, 1), false};
    p.photo = SampleImage(2000 + i, "Chai mật ong 500 ml");
    p.photos = {*p.photo};
    p.description = "Mật ong nguyên chất từ vùng nhãn.\n\nĐóng chai tại hợp tác xã.";
    p.certifications = {"vietgap", "organic"};
    p.where_to_buy = {{"online", "Shopee", "https://shopee.vn/mat-ong", ""},
                      {"shop", "Cửa hàng của HTX", "", "Thôn 2, xã Tam Đảo"}};
    p.fairs = {{100 + i, "Hội chợ OCOP 2026", Date::FromCivil(2026, 10, 12), "Hà Nội"}};
    p.updated_at_ms = kStartMs + i * kDayMs;
    products.push_back(std::move(p));
  }
  for (auto& e : entities)
    for (const auto& p : products)
      if (p.entity_id == e.id) e.products.push_back(p);

  PublicStats country;
  country.as_of = Date::FromCivil(2026, 12, 6);
  country.entities = static_cast<int64_t>(entities.size());
  country.by_kind = {{{"cooperative", "Hợp tác xã", "Cooperative"}, 10},
                     {{"cooperative_group", "Tổ hợp tác", "Cooperative group"}, 10}};
  country.by_status = {{{"active", "Đang hoạt động", "Active"}, 18}, {{"dissolved", "Đã giải thể", "Dissolved"}, 2}};
  for (int y = 2015; y <= 2025; ++y) country.founded_per_year.push_back({y, 1 + (y % 4)});
  country.members = {5752, false};
  country.members_female = {2198, false};
  country.workers = {1234, false};
  country.workers_female = {0, true};
  country.perturbed = true;
  for (const auto& p : provinces)
    country.provinces.push_back({p.code, p.name, p.name_en, p.entities, {500, false}, {0, true}});
  stats[""] = country;
  for (const auto& p : provinces) {
    PublicStats s = country;
    s.province = p.code;
    s.province_name = p.name;
    s.province_name_en = p.name_en;
    s.entities = p.entities;
    s.provinces.clear();
    stats[p.code] = s;
  }
  entity_fields = {{"id", "integer", "Mã số của đơn vị trong hệ thống", "The entity's number in the system"},
                   {"name", "text", "Tên đơn vị", "Name"},
                   {"kind", "code", "Loại hình", "Type"},
                   {"province_code", "code", "Mã tỉnh", "Province code"},
                   {"founded_on", "date", "Ngày thành lập (YYYY-MM-DD)", "Date founded (YYYY-MM-DD)"}};
  stats_fields = {{"province_code", "code", "Mã tỉnh", "Province code"},
                  {"kind", "code", "Loại hình", "Type"},
                  {"entities", "integer", "Số đơn vị", "Number of entities"}};
  Touch();
}

std::map<int64_t, int> SampleContent::views() const {
  std::lock_guard lock(views_mutex_);
  return views_;
}

Status SampleContent::Check() {
  queries.fetch_add(1);
  if (on_query) on_query();
  if (fail) return Error::Unavailable("sample content set to fail");
  return Ok();
}

Result<Page<ArticleCard>> SampleContent::Articles(const ArticleQuery& query) {
  HOPTAC_TRY(Check());
  std::vector<ArticleCard> matching;
  for (const auto& a : articles) {
    if (!query.category.empty() && a.category != query.category) continue;
    if (!query.province.empty() && a.province != query.province) continue;
    if (!query.lang.empty() && a.lang != query.lang) continue;
    if (!query.keyword.empty() && std::none_of(a.keywords.begin(), a.keywords.end(), [&](const std::string& k) {
          return text::Fold(k) == text::Fold(query.keyword);
        }))
      continue;
    matching.push_back(a);
  }
  return Slice(matching, query.page, query.per_page);
}

Result<std::optional<Article>> SampleContent::ArticleBySlug(const std::string& slug) {
  HOPTAC_TRY(Check());
  for (const auto& a : articles)
    if (a.slug == slug) return std::optional<Article>(a);
  return std::optional<Article>();
}

Result<std::vector<ArticleCard>> SampleContent::RelatedArticles(int64_t article_id, int limit) {
  HOPTAC_TRY(Check());
  std::string category;
  for (const auto& a : articles)
    if (a.id == article_id) category = a.category;
  std::vector<ArticleCard> out;
  for (const auto& a : articles)
    if (a.id != article_id && a.category == category && static_cast<int>(out.size()) < limit) out.push_back(a);
  return out;
}

void SampleContent::CountView(int64_t article_id, const std::string&, const std::string&) {
  std::lock_guard lock(views_mutex_);
  ++views_[article_id];
}

Result<std::vector<Category>> SampleContent::Categories() {
  HOPTAC_TRY(Check());
  return categories;
}

Result<Page<ProductCard>> SampleContent::Products(const ProductQuery& query) {
  HOPTAC_TRY(Check());
  std::vector<ProductCard> matching;
  std::string q = text::Fold(query.q);
  for (const auto& p : products) {
    if (!q.empty() && text::Fold(p.name).find(q) == std::string::npos) continue;
    if (!query.category.empty() && p.category != query.category) continue;
    if (!query.province.empty() && p.province != query.province) continue;
    if (query.min_stars > 0 && (!p.ocop || p.ocop->stars < query.min_stars)) continue;
    matching.push_back(p);
  }
  return Slice(matching, query.page, query.per_page);
}

Result<std::optional<Product>> SampleContent::ProductBySlug(const std::string& slug) {
  HOPTAC_TRY(Check());
  for (const auto& p : products)
    if (p.slug == slug) return std::optional<Product>(p);
  return std::optional<Product>();
}

Result<std::vector<ProductCard>> SampleContent::FeaturedProducts(int limit) {
  HOPTAC_TRY(Check());
  std::vector<ProductCard> out;
  for (const auto& p : products)
    if (static_cast<int>(out.size()) < limit) out.push_back(p);
  return out;
}

Result<std::vector<Label>> SampleContent::ProductCategories() {
  HOPTAC_TRY(Check());
  return product_categories;
}

Result<std::optional<EntityProfile>> SampleContent::Entity(int64_t id) {
  HOPTAC_TRY(Check());
  for (const auto& e : entities)
    if (e.id == id) return std::optional<EntityProfile>(e);
  return std::optional<EntityProfile>();
}

Result<std::vector<Province>> SampleContent::Provinces() {
  HOPTAC_TRY(Check());
  return provinces;
}

Result<std::optional<ProvinceSummary>> SampleContent::ProvincePage(const std::string& code) {
  HOPTAC_TRY(Check());
  for (const auto& p : provinces) {
    if (p.code != code) continue;
    ProvinceSummary s;
    s.province = p;
    for (const auto& e : entities) {
      if (e.province != code) continue;
      if (e.status.code == "active") ++s.active_entities;
      if (s.recent_entities.size() < 5) s.recent_entities.push_back({e.id, e.name, e.updated_at_ms});
    }
    for (const auto& a : articles)
      if (a.province == code && s.articles.size() < 6) s.articles.push_back(a);
    for (const auto& pr : products) {
      if (pr.province != code) continue;
      ++s.products;
      if (s.products_featured.size() < 6) s.products_featured.push_back(pr);
    }
    return std::optional<ProvinceSummary>(s);
  }
  return std::optional<ProvinceSummary>();
}

Result<std::optional<PublicStats>> SampleContent::Stats(const std::string& province) {
  HOPTAC_TRY(Check());
  auto it = stats.find(province);
  if (it == stats.end()) return std::optional<PublicStats>();
  return std::optional<PublicStats>(it->second);
}

Result<std::vector<DataField>> SampleContent::OpenDataFields(OpenDataSet set) {
  HOPTAC_TRY(Check());
  return set == OpenDataSet::kEntities ? entity_fields : stats_fields;
}

Status SampleContent::WriteOpenData(OpenDataSet set, DataFormat format, const std::string& path) {
  HOPTAC_TRY(Check());
  std::ofstream out(path, std::ios::binary);
  if (format == DataFormat::kXlsx) {
    out << "PK";  // not a real workbook: the sample only proves the route sends what Content wrote
    return Ok();
  }
  if (set == OpenDataSet::kEntities) {
    out << "id,name,kind,province_code,founded_on\n";
    for (const auto& e : entities)
      out << e.id << ",\"" << e.name << "\"," << e.kind.code << ',' << e.province << ','
          << (e.founded_on ? e.founded_on->ToIso() : "") << '\n';
  } else {
    out << "province_code,kind,entities\n";
  }
  return Ok();
}

Result<Page<SitemapEntry>> SampleContent::SitemapEntries(SitemapKind kind, int64_t offset, int64_t limit) {
  HOPTAC_TRY(Check());
  std::vector<SitemapEntry> all;
  switch (kind) {
    case SitemapKind::kArticles:
      for (const auto& a : articles) all.push_back({a.id, a.slug, "", a.updated_at_ms});
      break;
    case SitemapKind::kProducts:
      for (const auto& p : products) all.push_back({p.id, p.slug, "", p.updated_at_ms});
      break;
    case SitemapKind::kEntities:
      for (const auto& e : entities) all.push_back({e.id, "", e.name, e.updated_at_ms});
      break;
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  Page<SitemapEntry> page;
  page.total = static_cast<int64_t>(all.size());
  for (int64_t i = offset; i < page.total && i < offset + limit; ++i) page.items.push_back(all[static_cast<size_t>(i)]);
  return page;
}

}  // namespace hoptac::portal

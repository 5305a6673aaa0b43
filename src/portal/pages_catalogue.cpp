// The products catalogue, a product's page, a cooperative's profile and a province's page.
#include <algorithm>

#include "portal/render.h"

namespace hoptac::portal::internal {
namespace {

Rendered Html(std::string body) {
  Rendered r;
  r.body = std::move(body);
  return r;
}

Rendered Redirect(std::string location) {
  Rendered r;
  r.status = 301;
  r.location = std::move(location);
  r.content_type = "text/plain; charset=utf-8";
  r.body = "Moved Permanently: " + r.location + "\n";
  return r;
}

// http(s) only: anything else is not linked.
bool WebUrl(std::string_view url) { return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0; }

struct Certification {
  const char* code;
  L label;
};
constexpr Certification kCertifications[] = {
    {"vietgap", L::kCertVietgap}, {"globalgap", L::kCertGlobalgap}, {"organic", L::kCertOrganic},
    {"haccp", L::kCertHaccp},     {"iso22000", L::kCertIso22000},   {"geographical_indication", L::kCertGi},
    {"other", L::kCertOther},
};

void Select(Writer& w, std::string_view id, std::string_view name, L label, L any,
            const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected) {
  w.Raw("<p><label for=\"");
  w.Raw(id);
  w.Raw("\">");
  w.Text(w.T(label));
  w.Raw("</label> <select id=\"");
  w.Raw(id);
  w.Raw("\" name=\"");
  w.Raw(name);
  w.Raw("\"><option value=\"\">");
  w.Text(w.T(any));
  w.Raw("</option>");
  for (const auto& [value, text] : options) {
    w.Raw("<option value=\"");
    w.Text(value);
    w.Raw(value == selected ? "\" selected>" : "\">");
    w.Text(text);
    w.Raw("</option>");
  }
  w.Raw("</select></p>\n");
}

void ActivityList(Writer& w, const std::vector<ActivityRef>& activities) {
  w.Raw("<ul class=\"activities\">\n");
  for (const auto& a : activities) {
    w.Raw("<li>");
    if (a.date) {
      w.Date(*a.date);
      w.Raw(" — ");
    }
    w.Text(a.title);
    if (!a.place.empty()) {
      w.Raw(" (");
      w.Text(a.place);
      w.Raw(")");
    }
    w.Raw("</li>\n");
  }
  w.Raw("</ul>\n");
}

void Row(Writer& w, L label, std::string_view value) {
  if (value.empty()) return;
  w.Raw("<dt>");
  w.Text(w.T(label));
  w.Raw("</dt><dd>");
  w.Text(value);
  w.Raw("</dd>");
}

}  // namespace

Result<Rendered> ProductsPage(Writer& w, const PageParams& params) {
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.ProductCategories());
  HOPTAC_ASSIGN_OR_RETURN(auto provinces, content.Provinces());
  ProductQuery query;
  query.q = params.q;
  query.min_stars = params.stars;
  query.page = params.page;
  if (!params.category.empty()) {
    for (const auto& c : categories)
      if (Slugify(c.name) == params.category) query.category = c.code;
    if (query.category.empty()) return NotFound(w.options(), w.lang());
  }
  if (!params.province.empty()) {
    bool known =
        std::any_of(provinces.begin(), provinces.end(), [&](const auto& p) { return p.code == params.province; });
    if (!known) return NotFound(w.options(), w.lang());
    query.province = params.province;
  }
  HOPTAC_ASSIGN_OR_RETURN(auto found, content.Products(query));
  if (params.page > 1 && found.items.empty()) return NotFound(w.options(), w.lang());

  Params self = {{"q", params.q},
                 {"loai", params.category},
                 {"tinh", params.province},
                 {"sao", params.stars > 0 ? std::to_string(params.stars) : ""}};
  Head head;
  head.title = w.T(L::kProductsTitle);
  if (params.page > 1) head.title += " — " + Fill(w.T(L::kPageN), std::to_string(params.page));
  head.description = w.T(L::kProductsDescription);
  head.path = "/san-pham";
  head.params = self;
  if (params.page > 1) head.params.emplace_back("trang", std::to_string(params.page));
  head.noindex = !params.q.empty();  // search results are not pages to index
  head.nav = "/san-pham";
  w.Begin(head);
  w.Raw("<h1>");
  w.Text(w.T(L::kProductsTitle));
  w.Raw("</h1>\n<form class=\"search\" method=\"get\" action=\"/san-pham\" role=\"search\">\n<p><label for=\"q\">");
  w.Text(w.T(L::kSearchName));
  w.Raw("</label> <input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"");
  w.Text(params.q);
  w.Raw("\"></p>\n");
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& c : categories) options.emplace_back(Slugify(c.name), w.Pick(c.name, c.name_en));
  Select(w, "loai", "loai", L::kCategory, L::kAnyCategory, options, params.category);
  options.clear();
  for (const auto& p : provinces) options.emplace_back(p.code, w.Pick(p.name, p.name_en));
  Select(w, "tinh", "tinh", L::kProvince, L::kAnyProvince, options, params.province);
  options.clear();
  for (int s = 1; s <= 5; ++s) options.emplace_back(std::to_string(s), Fill(w.T(L::kStarsAtLeast), std::to_string(s)));
  Select(w, "sao", "sao", L::kOcop, L::kAnyStars, options, params.stars > 0 ? std::to_string(params.stars) : "");
  if (w.en()) w.Raw("<input type=\"hidden\" name=\"lang\" value=\"en\">\n");
  w.Raw("<p><button type=\"submit\">");
  w.Text(w.T(L::kSearch));
  w.Raw("</button></p>\n</form>\n<p class=\"count\" role=\"status\">");
  w.Text(Fill(w.T(L::kProductsFound), text::FormatInteger(found.total, w.locale())));
  w.Raw("</p>\n");
  if (found.items.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoProducts));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards products\">\n");
    for (const auto& card : found.items) w.ProductCard(card, 2, categories);
    w.Raw("</ul>\n");
  }
  w.Paging(found.total, query.per_page, params.page, "/san-pham", self);
  w.End();
  return Html(w.Take());
}

Result<Rendered> ProductPage(Writer& w, std::string_view slug) {
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto found, content.ProductBySlug(std::string(slug)));
  if (!found) return NotFound(w.options(), w.lang());
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.ProductCategories());
  const Product& p = *found;
  const portal::Label* category = FindLabel(categories, p.category);
  Head head;
  head.title = p.name;
  head.description = Describe(p.description.empty() ? p.name : p.description);
  head.path = "/san-pham/" + p.slug;
  head.nav = "/san-pham";
  auto meta = [&](std::string_view name, std::string_view value) {
    head.extra_head += "<meta property=\"";
    head.extra_head += name;
    head.extra_head += "\" content=\"";
    AppendEscaped(head.extra_head, value);
    head.extra_head += "\">\n";
  };
  meta("og:type", "website");
  meta("og:title", p.name);
  meta("og:description", head.description);
  meta("og:url", w.Absolute(head.path));
  if (!p.photos.empty()) {
    std::string url = p.photos.front().url;
    for (const auto& v : p.photos.front().variants)
      if (v.width <= 1280) url = v.url;
    meta("og:image", w.Absolute(url));
    meta("og:image:alt", p.photos.front().alt);
  }
  w.Begin(head);
  w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)}, {w.Link("/san-pham"), w.T(L::kNavProducts)}, {"", p.name}});
  w.Raw("<article class=\"product\">\n<h1>");
  w.Text(p.name);
  w.Raw("</h1>\n<p class=\"meta\">");
  w.Text(w.T(L::kMadeBy));
  w.Raw(" ");
  w.A(w.Link("/htx/" + EntitySlug(p.entity_name, p.entity_id)), p.entity_name);
  if (!p.province_name.empty()) {
    w.Raw(" · ");
    w.A(w.Link("/san-pham", {{"tinh", p.province}}), p.province_name);
  }
  if (category) {
    w.Raw(" · ");
    w.A(w.Link("/san-pham", {{"loai", Slugify(category->name)}}), w.Pick(category->name, category->name_en));
  }
  w.Raw("</p>\n");
  if (p.ocop) {
    w.Raw("<p>");
    w.OcopStars(*p.ocop);
    w.Raw("</p>\n");
  }
  w.Price(p);
  for (size_t i = 0; i < p.photos.size(); ++i) {
    w.Raw("<figure class=\"photo\">");
    w.Image(p.photos[i], "(min-width: 48rem) 46rem, 100vw", i > 0);
    w.Raw("</figure>\n");
  }
  // The description is plain text: paragraphs at blank lines, lines within one kept apart.
  std::string_view rest = p.description;
  while (!rest.empty()) {
    size_t end = rest.find("\n\n");
    std::string_view paragraph = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
    while (!paragraph.empty() && (paragraph.front() == '\n' || paragraph.front() == ' ')) paragraph.remove_prefix(1);
    if (paragraph.empty()) continue;
    w.Raw("<p>");
    size_t start = 0;
    while (true) {
      size_t nl = paragraph.find('\n', start);
      w.Text(paragraph.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
      if (nl == std::string_view::npos) break;
      w.Raw("<br>");
      start = nl + 1;
    }
    w.Raw("</p>\n");
  }
  w.Raw("<h2>");
  w.Text(w.T(L::kDetails));
  w.Raw("</h2>\n<dl class=\"facts\">");
  if (p.ocop) {
    std::string ocop = Fill(w.T(L::kOcopStarsLabel), std::to_string(p.ocop->stars));
    if (!p.ocop->certificate.empty()) ocop += " — " + Fill(w.T(L::kCertificate), p.ocop->certificate);
    if (p.ocop->year > 0) ocop += " (" + std::to_string(p.ocop->year) + ")";
    Row(w, L::kOcop, ocop);
    if (p.ocop->expires_on)
      Row(w, p.ocop->expired ? L::kOcopExpiredOn : L::kOcopExpiresOn,
          text::FormatDate(*p.ocop->expires_on, w.locale()));
  }
  if (!p.certifications.empty()) {
    std::string list;
    for (const auto& code : p.certifications) {
      std::string name = code;
      for (const auto& c : kCertifications)
        if (code == c.code) name = w.T(c.label);
      if (!list.empty()) list += ", ";
      list += name;
    }
    Row(w, L::kCertifications, list);
  }
  Row(w, L::kUnit, p.unit);
  w.Raw("</dl>\n");
  if (!p.where_to_buy.empty()) {
    w.Raw("<h2>");
    w.Text(w.T(L::kWhereToBuy));
    w.Raw("</h2>\n<ul class=\"shops\">\n");
    for (const auto& shop : p.where_to_buy) {
      w.Raw("<li>");
      std::string name = shop.name.empty() ? shop.url : shop.name;
      if (!shop.url.empty() && WebUrl(shop.url)) {
        w.A(shop.url, name, " rel=\"nofollow noopener external\"");
      } else {
        w.Text(name);
      }
      if (!shop.address.empty()) {
        w.Raw(" — ");
        w.Text(shop.address);
      }
      w.Raw(" <span class=\"meta\">(");
      w.Text(w.T(shop.kind == "online" ? L::kShopOnline : L::kShopStore));
      w.Raw(")</span></li>\n");
    }
    w.Raw("</ul>\n");
  }
  if (!p.fairs.empty()) {
    w.Raw("<h2>");
    w.Text(w.T(L::kFairs));
    w.Raw("</h2>\n");
    ActivityList(w, p.fairs);
  }
  w.Raw("</article>\n");
  w.End();
  return Html(w.Take());
}

Result<Rendered> EntityPage(Writer& w, std::string_view slug) {
  int64_t id = EntityIdFromSlug(slug);
  if (id <= 0) return NotFound(w.options(), w.lang());
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto found, content.Entity(id));
  if (!found) return NotFound(w.options(), w.lang());
  const EntityProfile& e = *found;
  std::string canonical = EntitySlug(e.name, e.id);
  if (canonical != slug) return Redirect(w.Link("/htx/" + canonical));
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  HOPTAC_ASSIGN_OR_RETURN(auto product_categories, content.ProductCategories());

  Head head;
  head.title = e.name;
  std::string place = e.province_name;
  if (!e.commune_name.empty()) place = e.commune_name + ", " + place;
  if (!e.district_name.empty() && !e.commune_name.empty())
    place = e.commune_name + ", " + e.district_name + ", " + e.province_name;
  head.description =
      Describe(e.name + " — " + w.Pick(e.kind.name, e.kind.name_en) + (place.empty() ? "" : ", " + place));
  head.path = "/htx/" + canonical;
  w.Begin(head);
  w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)},
                 {w.Link("/tinh/" + (e.province_name.empty() ? e.province : Slugify(e.province_name))),
                  e.province_name.empty() ? e.province : e.province_name},
                 {"", e.name}});
  w.Raw("<h1>");
  w.Text(e.name);
  w.Raw("</h1>\n<dl class=\"facts\">");
  Row(w, L::kKind, w.Pick(e.kind.name, e.kind.name_en));
  Row(w, L::kStatus, w.Pick(e.status.name, e.status.name_en));
  Row(w, L::kProvince, e.province_name);
  Row(w, L::kDistrict, e.district_name);
  Row(w, L::kCommune, e.commune_name);
  if (e.founded_on) Row(w, L::kFoundedOn, text::FormatDate(*e.founded_on, w.locale()));
  Row(w, L::kSector, e.sector);
  if (e.members) Row(w, L::kMembers, text::FormatInteger(*e.members, w.locale()));
  if (e.workers) Row(w, L::kWorkers, text::FormatInteger(*e.workers, w.locale()));
  w.Raw("</dl>\n<section aria-labelledby=\"products\"><h2 id=\"products\">");
  w.Text(w.T(L::kItsProducts));
  w.Raw("</h2>\n");
  if (e.products.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoProducts));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards products\">\n");
    for (const auto& card : e.products) w.ProductCard(card, 3, product_categories);
    w.Raw("</ul>\n");
  }
  w.Raw("</section>\n<section aria-labelledby=\"news\"><h2 id=\"news\">");
  w.Text(w.T(L::kNewsAbout));
  w.Raw("</h2>\n");
  if (e.articles.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoArticles));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards\">\n");
    for (const auto& card : e.articles) w.ArticleCard(card, 3, categories);
    w.Raw("</ul>\n");
  }
  w.Raw("</section>\n");
  if (!e.activities.empty()) {
    w.Raw("<section aria-labelledby=\"activities\"><h2 id=\"activities\">");
    w.Text(w.T(L::kActivities));
    w.Raw("</h2>\n");
    ActivityList(w, e.activities);
    w.Raw("</section>\n");
  }
  w.End();
  return Html(w.Take());
}

Result<Rendered> ProvincePage(Writer& w, std::string_view code_or_slug) {
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto provinces, content.Provinces());
  const Province* province = nullptr;
  for (const auto& p : provinces)
    if (p.code == code_or_slug || Slugify(p.name) == code_or_slug) province = &p;
  if (!province) return NotFound(w.options(), w.lang());
  std::string slug = Slugify(province->name);
  if (slug != code_or_slug) return Redirect(w.Link("/tinh/" + slug));
  HOPTAC_ASSIGN_OR_RETURN(auto summary, content.ProvincePage(province->code));
  if (!summary) return NotFound(w.options(), w.lang());
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  HOPTAC_ASSIGN_OR_RETURN(auto product_categories, content.ProductCategories());
  std::string name = w.Pick(province->name, province->name_en);

  Head head;
  head.title = name;
  head.description = Fill(w.T(L::kProvinceDescription), name);
  head.path = "/tinh/" + slug;
  w.Begin(head);
  w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)}, {"", name}});
  w.Raw("<h1>");
  w.Text(name);
  w.Raw("</h1>\n<ul class=\"figures\"><li><span class=\"n\">");
  w.Number(province->entities);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatEntities));
  w.Raw("</li><li><span class=\"n\">");
  w.Number(summary->active_entities);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatActive));
  w.Raw("</li><li><span class=\"n\">");
  w.Number(summary->products);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatProducts));
  w.Raw("</li></ul>\n<p>");
  w.A(w.Link("/thong-ke/" + province->code), w.T(L::kProvinceStats));
  w.Raw("</p>\n<section aria-labelledby=\"news\"><h2 id=\"news\">");
  w.Text(w.T(L::kLatestNews));
  w.Raw("</h2>\n");
  if (summary->articles.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoArticles));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards\">\n");
    for (const auto& card : summary->articles) w.ArticleCard(card, 3, categories);
    w.Raw("</ul>\n");
  }
  w.Raw("<p>");
  w.A(w.Link("/tin-tuc", {{"tinh", province->code}}), w.T(L::kAllNews));
  w.Raw("</p></section>\n<section aria-labelledby=\"products\"><h2 id=\"products\">");
  w.Text(w.T(L::kFeaturedProducts));
  w.Raw("</h2>\n");
  if (!summary->products_featured.empty()) {
    w.Raw("<ul class=\"cards products\">\n");
    for (const auto& card : summary->products_featured) w.ProductCard(card, 3, product_categories);
    w.Raw("</ul>\n");
  }
  w.Raw("<p>");
  w.A(w.Link("/san-pham", {{"tinh", province->code}}), w.T(L::kAllProducts));
  w.Raw("</p></section>\n");
  if (!summary->recent_entities.empty()) {
    w.Raw("<section aria-labelledby=\"entities\"><h2 id=\"entities\">");
    w.Text(w.T(L::kRecentEntities));
    w.Raw("</h2>\n<ul>\n");
    for (const auto& e : summary->recent_entities) {
      w.Raw("<li>");
      w.A(w.Link("/htx/" + EntitySlug(e.name, e.id)), e.name);
      w.Raw("</li>\n");
    }
    w.Raw("</ul></section>\n");
  }
  w.End();
  return Html(w.Take());
}

}  // namespace hoptac::portal::internal

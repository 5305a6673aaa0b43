// RSS 2.0, the sitemaps (an index and files of at most sitemap_page_size URLs), robots.txt and
// the 404 and 503 pages.
#include <algorithm>

#include "portal/render.h"

namespace hoptac::portal::internal {
namespace {

constexpr int kRssItems = 30;

void Element(std::string& out, std::string_view name, std::string_view value) {
  out += '<';
  out += name;
  out += '>';
  AppendEscaped(out, value);
  out += "</";
  out += name;
  out += ">\n";
}

// "htx-3.xml" → ("htx", 3); nullopt when it is not "<stem>-<n>.xml" with n ≥ 1.
std::optional<std::pair<std::string, int64_t>> SitemapPart(std::string_view file) {
  if (file.size() < 7 || file.substr(file.size() - 4) != ".xml") return std::nullopt;
  file.remove_suffix(4);
  size_t dash = file.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view digits = file.substr(dash + 1);
  if (digits.empty() || digits.size() > 6 || digits[0] == '0') return std::nullopt;
  int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return std::make_pair(std::string(file.substr(0, dash)), n);
}

struct SitemapKindName {
  const char* stem;
  SitemapKind kind;
};
constexpr SitemapKindName kSitemapKinds[] = {
    {"tin-tuc", SitemapKind::kArticles}, {"san-pham", SitemapKind::kProducts}, {"htx", SitemapKind::kEntities}};

Rendered Xml(std::string body, std::string_view type) {
  Rendered r;
  r.content_type = std::string(type) + "; charset=utf-8";
  r.body = std::move(body);
  return r;
}

void UrlEntry(std::string& out, const std::string& loc, int64_t updated_at_ms) {
  out += "<url><loc>";
  AppendEscaped(out, loc);
  out += "</loc>";
  if (updated_at_ms > 0) {
    out += "<lastmod>";
    out += VietnamDate(updated_at_ms).ToIso();
    out += "</lastmod>";
  }
  out += "</url>\n";
}

}  // namespace

Result<Rendered> RssFeed(Content& content, const PortalOptions& options, i18n::Lang lang, std::string_view file) {
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  const Category* category = nullptr;
  if (!file.empty()) {
    if (file.size() <= 4 || file.substr(file.size() - 4) != ".xml") return NotFound(options, lang);
    std::string_view slug = file.substr(0, file.size() - 4);
    for (const auto& c : categories)
      if (c.slug == slug) category = &c;
    if (!category) return NotFound(options, lang);
  }
  ArticleQuery query;
  query.category = category ? category->code : "";
  query.lang = i18n::LangCode(lang);
  query.per_page = kRssItems;
  HOPTAC_ASSIGN_OR_RETURN(auto news, content.Articles(query));
  bool en = lang == i18n::Lang::kEn;
  const std::string& site = en ? options.site_name_en : options.site_name;
  std::string suffix = en ? "?lang=en" : "";
  std::string self = category ? "/rss/" + category->slug + ".xml" + suffix : "/rss.xml" + suffix;
  std::string list = category ? "/tin-tuc?chuyen-muc=" + category->slug + (en ? "&lang=en" : "") : "/tin-tuc" + suffix;
  std::string title = site;
  if (category) title += " — " + Writer::Pick(lang, category->name, category->name_en);

  std::string out;
  out.reserve(4096 + news.items.size() * 800);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  Element(out, "title", title);
  Element(out, "link", options.base_url + list);
  Element(out, "description", LabelText(lang, L::kNewsDescription));
  Element(out, "language", en ? "en" : "vi");
  out += "<atom:link href=\"";
  AppendEscaped(out, options.base_url + self);
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (!news.items.empty()) Element(out, "lastBuildDate", Rfc822(news.items.front().published_at_ms));
  for (const auto& a : news.items) {
    std::string url = options.base_url + "/tin-tuc/" + a.slug;
    out += "<item>\n";
    Element(out, "title", a.title);
    Element(out, "link", url);
    out += "<guid isPermaLink=\"true\">";
    AppendEscaped(out, url);
    out += "</guid>\n";
    Element(out, "pubDate", Rfc822(a.published_at_ms));
    if (const Category* c = FindCategory(categories, a.category))
      Element(out, "category", Writer::Pick(lang, c->name, c->name_en));
    if (!a.summary.empty()) Element(out, "description", a.summary);
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return Xml(std::move(out), "application/rss+xml");
}

Result<Rendered> SitemapIndex(Content& content, const PortalOptions& options) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto entry = [&](const std::string& file) {
    out += "<sitemap><loc>";
    AppendEscaped(out, options.base_url + "/sitemap/" + file);
    out += "</loc></sitemap>\n";
  };
  entry("trang-1.xml");
  int64_t size = std::max<int64_t>(1, options.sitemap_page_size);
  for (const auto& k : kSitemapKinds) {
    HOPTAC_ASSIGN_OR_RETURN(auto first, content.SitemapEntries(k.kind, 0, 0));
    int64_t files = (first.total + size - 1) / size;
    for (int64_t n = 1; n <= files; ++n) entry(std::string(k.stem) + "-" + std::to_string(n) + ".xml");
  }
  out += "</sitemapindex>\n";
  return Xml(std::move(out), "application/xml");
}

Result<Rendered> SitemapFile(Content& content, const PortalOptions& options, std::string_view file) {
  auto part = SitemapPart(file);
  if (!part) return NotFound(options, i18n::Lang::kVi);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  const std::string& base = options.base_url;
  if (part->first == "trang") {
    if (part->second != 1) return NotFound(options, i18n::Lang::kVi);
    for (const char* path : {"/", "/tin-tuc", "/san-pham", "/thong-ke", "/du-lieu-mo"}) UrlEntry(out, base + path, 0);
    HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
    for (const auto& c : categories) UrlEntry(out, base + "/tin-tuc?chuyen-muc=" + c.slug, 0);
    HOPTAC_ASSIGN_OR_RETURN(auto provinces, content.Provinces());
    for (const auto& p : provinces) UrlEntry(out, base + "/tinh/" + Slugify(p.name), 0);
    for (const auto& p : provinces) UrlEntry(out, base + "/thong-ke/" + p.code, 0);
  } else {
    const SitemapKindName* kind = nullptr;
    for (const auto& k : kSitemapKinds)
      if (part->first == k.stem) kind = &k;
    if (!kind) return NotFound(options, i18n::Lang::kVi);
    int64_t size = std::max<int64_t>(1, options.sitemap_page_size);
    HOPTAC_ASSIGN_OR_RETURN(auto page, content.SitemapEntries(kind->kind, (part->second - 1) * size, size));
    if (page.items.empty()) return NotFound(options, i18n::Lang::kVi);
    out.reserve(out.size() + page.items.size() * 110);
    for (const auto& e : page.items) {
      switch (kind->kind) {
        case SitemapKind::kArticles: UrlEntry(out, base + "/tin-tuc/" + e.slug, e.updated_at_ms); break;
        case SitemapKind::kProducts: UrlEntry(out, base + "/san-pham/" + e.slug, e.updated_at_ms); break;
        case SitemapKind::kEntities: UrlEntry(out, base + "/htx/" + EntitySlug(e.name, e.id), e.updated_at_ms); break;
      }
    }
  }
  out += "</urlset>\n";
  return Xml(std::move(out), "application/xml");
}

Rendered Robots(const PortalOptions& options) {
  Rendered r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "User-agent: *\nAllow: /\nDisallow: /app/\nDisallow: /api/\nDisallow: /s/\n\nSitemap: " + options.base_url +
           "/sitemap.xml\n";
  return r;
}

namespace {

Rendered MessagePage(const PortalOptions& options, i18n::Lang lang, unsigned status, L title, L text) {
  Writer w(nullptr, options, lang);
  Head head;
  head.title = w.T(title);
  head.path = "/";
  head.noindex = true;
  w.Begin(head);
  w.Raw("<h1>");
  w.Text(w.T(title));
  w.Raw("</h1>\n<p>");
  w.Text(w.T(text));
  w.Raw("</p>\n<ul>\n<li>");
  w.A(w.Link("/"), w.T(L::kHome));
  w.Raw("</li>\n<li>");
  w.A(w.Link("/tin-tuc"), w.T(L::kNavNews));
  w.Raw("</li>\n<li>");
  w.A(w.Link("/san-pham"), w.T(L::kNavProducts));
  w.Raw("</li>\n</ul>\n");
  w.End();
  Rendered r;
  r.status = status;
  r.body = w.Take();
  r.cache_control = "no-store";
  return r;
}

}  // namespace

Rendered NotFound(const PortalOptions& options, i18n::Lang lang) {
  return MessagePage(options, lang, 404, L::kNotFoundTitle, L::kNotFoundText);
}

Rendered Unavailable(const PortalOptions& options, i18n::Lang lang) {
  return MessagePage(options, lang, 503, L::kUnavailableTitle, L::kUnavailableText);
}

}  // namespace hoptac::portal::internal

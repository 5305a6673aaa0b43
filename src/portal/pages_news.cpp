// The home page, the news list and the article page.
#include <algorithm>

#include "portal/render.h"

namespace hoptac::portal::internal {
namespace {

Rendered Html(std::string body) {
  Rendered r;
  r.body = std::move(body);
  return r;
}

void Headline(Writer& w, const PublicStats& stats) {
  w.Raw("<ul class=\"figures\">");
  auto item = [&](L label, auto value) {
    w.Raw("<li><span class=\"n\">");
    value();
    w.Raw("</span> ");
    w.Text(w.T(label));
    w.Raw("</li>");
  };
  item(L::kStatEntities, [&] { w.Number(stats.entities); });
  item(L::kStatMembers, [&] { w.Figure(stats.members); });
  item(L::kStatWorkers, [&] { w.Figure(stats.workers); });
  w.Raw("</ul>\n");
}

}  // namespace

std::string DemoteHeadings(std::string_view html) {
  // The page's h1 is the title: a body that has its own h1 (Markdown "# …") moves every heading
  // one level down (h6 stays h6), so the headings keep their order under the title.
  if (html.find("<h1>") == std::string_view::npos && html.find("<h1 ") == std::string_view::npos)
    return std::string(html);
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size(); ++i) {
    out += html[i];
    bool open = html[i] == '<' && i + 2 < html.size() && html[i + 1] == 'h';
    bool close = html[i] == '<' && i + 3 < html.size() && html[i + 1] == '/' && html[i + 2] == 'h';
    size_t digit = open ? i + 2 : close ? i + 3 : 0;
    if (digit == 0 || html[digit] < '1' || html[digit] > '5') continue;
    char after = digit + 1 < html.size() ? html[digit + 1] : '\0';
    if (after != '>' && after != ' ') continue;
    out.append(html.substr(i + 1, digit - i - 1));
    out += static_cast<char>(html[digit] + 1);
    i = digit;
  }
  return out;
}

Result<Rendered> HomePage(Writer& w) {
  Content& content = w.content();
  std::string lang = i18n::LangCode(w.lang());
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  ArticleQuery query;
  query.lang = lang;
  query.per_page = 6;
  HOPTAC_ASSIGN_OR_RETURN(auto news, content.Articles(query));
  bool fallback = false;
  if (news.items.empty() && w.en()) {
    query.lang = "vi";
    HOPTAC_ASSIGN_OR_RETURN(news, content.Articles(query));
    fallback = true;
  }
  HOPTAC_ASSIGN_OR_RETURN(auto stats, content.Stats(""));
  HOPTAC_ASSIGN_OR_RETURN(auto products, content.FeaturedProducts(8));
  HOPTAC_ASSIGN_OR_RETURN(auto product_categories, content.ProductCategories());

  Head head;
  head.description = w.T(L::kHomeDescription);
  head.path = "/";
  w.Begin(head);
  w.Raw("<h1>");
  w.Text(w.SiteName());
  w.Raw("</h1>\n<p class=\"lead\">");
  w.Text(w.T(L::kHomeDescription));
  w.Raw("</p>\n<section aria-labelledby=\"news\"><h2 id=\"news\">");
  w.Text(w.T(L::kLatestNews));
  w.Raw("</h2>\n");
  if (fallback) {
    w.Raw("<p class=\"note\">");
    w.Text(w.T(L::kNoEnglishArticles));
    w.Raw("</p>\n");
  }
  if (news.items.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoArticles));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards\">\n");
    for (const auto& card : news.items) w.ArticleCard(card, 3, categories);
    w.Raw("</ul>\n");
  }
  w.Raw("<p>");
  w.A(w.Link("/tin-tuc"), w.T(L::kAllNews));
  w.Raw("</p></section>\n");
  if (stats) {
    w.Raw("<section aria-labelledby=\"figures\"><h2 id=\"figures\">");
    w.Text(w.T(L::kHeadlineStats));
    w.Raw("</h2>\n");
    Headline(w, *stats);
    w.Raw("<p>");
    w.A(w.Link("/thong-ke"), w.T(L::kAllStats));
    w.Raw("</p></section>\n");
  }
  w.Raw("<section aria-labelledby=\"products\"><h2 id=\"products\">");
  w.Text(w.T(L::kFeaturedProducts));
  w.Raw("</h2>\n");
  if (!products.empty()) {
    w.Raw("<ul class=\"cards products\">\n");
    for (const auto& card : products) w.ProductCard(card, 3, product_categories);
    w.Raw("</ul>\n");
  }
  w.Raw("<p>");
  w.A(w.Link("/san-pham"), w.T(L::kAllProducts));
  w.Raw("</p></section>\n<section aria-labelledby=\"categories\"><h2 id=\"categories\">");
  w.Text(w.T(L::kCategories));
  w.Raw("</h2>\n<ul class=\"tags\">");
  for (const auto& c : categories) {
    w.Raw("<li>");
    w.A(w.Link("/tin-tuc", {{"chuyen-muc", c.slug}}), w.Pick(c.name, c.name_en));
    w.Raw("</li>");
  }
  w.Raw("</ul></section>\n");
  w.End();
  return Html(w.Take());
}

Result<Rendered> NewsListPage(Writer& w, const PageParams& params) {
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  const Category* category = nullptr;
  if (!params.category.empty()) {
    for (const auto& c : categories)
      if (c.slug == params.category) category = &c;
    if (!category) return NotFound(w.options(), w.lang());
  }
  std::string province_name;
  if (!params.province.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(auto provinces, content.Provinces());
    for (const auto& p : provinces)
      if (p.code == params.province) province_name = w.Pick(p.name, p.name_en);
    if (province_name.empty()) return NotFound(w.options(), w.lang());
  }
  ArticleQuery query;
  query.category = category ? category->code : "";
  query.keyword = params.keyword;
  query.province = params.province;
  query.lang = i18n::LangCode(w.lang());
  query.page = params.page;
  HOPTAC_ASSIGN_OR_RETURN(auto news, content.Articles(query));
  bool fallback = false;
  if (news.total == 0 && w.en()) {
    query.lang = "vi";
    HOPTAC_ASSIGN_OR_RETURN(news, content.Articles(query));
    fallback = true;
  }
  if (params.page > 1 && news.items.empty()) return NotFound(w.options(), w.lang());

  Params self = {{"chuyen-muc", params.category}, {"tu-khoa", params.keyword}, {"tinh", params.province}};
  std::string title = category ? w.Pick(category->name, category->name_en) : w.T(L::kNavNews);
  if (!params.keyword.empty()) title += " — " + Fill(w.T(L::kKeywordTitle), params.keyword);
  if (!province_name.empty()) title += " — " + province_name;
  Head head;
  head.title = params.page > 1 ? title + " — " + Fill(w.T(L::kPageN), std::to_string(params.page)) : title;
  head.description = w.T(L::kNewsDescription);
  head.path = "/tin-tuc";
  head.params = self;
  if (params.page > 1) head.params.emplace_back("trang", std::to_string(params.page));
  head.nav = "/tin-tuc";
  w.Begin(head);
  w.Raw("<h1>");
  w.Text(title);
  w.Raw("</h1>\n<nav aria-label=\"");
  w.Text(w.T(L::kCategories));
  w.Raw("\"><ul class=\"tags\">");
  w.Raw("<li>");
  w.A(w.Link("/tin-tuc"), w.T(L::kAllCategories), category ? "" : " aria-current=\"page\"");
  w.Raw("</li>");
  for (const auto& c : categories) {
    w.Raw("<li>");
    w.A(w.Link("/tin-tuc", {{"chuyen-muc", c.slug}}), w.Pick(c.name, c.name_en),
        category == &c ? " aria-current=\"page\"" : "");
    w.Raw("</li>");
  }
  w.Raw("</ul></nav>\n");
  if (fallback) {
    w.Raw("<p class=\"note\">");
    w.Text(w.T(L::kNoEnglishArticles));
    w.Raw("</p>\n");
  }
  w.Raw("<p class=\"count\">");
  w.Text(Fill(w.T(L::kArticlesFound), text::FormatInteger(news.total, w.locale())));
  w.Raw("</p>\n");
  if (news.items.empty()) {
    w.Raw("<p>");
    w.Text(w.T(L::kNoArticles));
    w.Raw("</p>\n");
  } else {
    w.Raw("<ul class=\"cards\">\n");
    for (const auto& card : news.items) w.ArticleCard(card, 2, categories);
    w.Raw("</ul>\n");
  }
  w.Paging(news.total, query.per_page, params.page, "/tin-tuc", self);
  w.End();
  return Html(w.Take());
}

Result<Rendered> ArticlePage(Content& content, const PortalOptions& options, std::string_view slug,
                             const PageParams& params) {
  HOPTAC_ASSIGN_OR_RETURN(auto found, content.ArticleBySlug(std::string(slug)));
  i18n::Lang fallback_lang = params.lang.value_or(i18n::Lang::kVi);
  if (!found) return NotFound(options, fallback_lang);
  const Article& a = *found;
  i18n::Lang article_lang = i18n::FromCode(a.lang);
  i18n::Lang lang = params.lang.value_or(article_lang);
  Writer w(&content, options, lang);
  HOPTAC_ASSIGN_OR_RETURN(auto categories, content.Categories());
  HOPTAC_ASSIGN_OR_RETURN(auto related, content.RelatedArticles(a.id, 5));
  const Category* category = FindCategory(categories, a.category);

  // The article in each language: itself, or its translation, each at its canonical address
  // (an article's page speaks its own language unless ?lang says otherwise).
  std::string path = "/tin-tuc/" + a.slug;
  Head head;
  head.title = a.title;
  head.description = Describe(a.summary.empty() ? a.title : a.summary);
  head.path = path;
  head.nav = "/tin-tuc";
  std::string vi_url = a.lang == "vi" ? path : path + "?lang=vi";
  std::string en_url = a.lang == "en" ? path : path + "?lang=en";
  for (const auto& t : a.translations) {  // a translation is the page in its language
    if (t.lang == "vi") vi_url = "/tin-tuc/" + t.slug;
    if (t.lang == "en") en_url = "/tin-tuc/" + t.slug;
  }
  head.vi_url = vi_url;
  head.en_url = en_url;
  head.canonical = path;
  // Alternates only between real translations (the page with ?lang= is the same text, noindex).
  head.alternates = !a.translations.empty();

  // Open Graph and Twitter: the canonical address is the article's own, without ?lang.
  std::string canonical = w.Absolute(path);
  std::string& m = head.extra_head;
  auto meta = [&](std::string_view attr, std::string_view name, std::string_view value) {
    m += "<meta ";
    m += attr;
    m += "=\"";
    m += name;
    m += "\" content=\"";
    AppendEscaped(m, value);
    m += "\">\n";
  };
  meta("property", "og:type", "article");
  meta("property", "og:title", a.title);
  meta("property", "og:description", head.description);
  meta("property", "og:url", canonical);
  meta("property", "og:site_name", w.SiteName());
  meta("property", "og:locale", a.lang == "en" ? "en_US" : "vi_VN");
  for (const auto& t : a.translations) meta("property", "og:locale:alternate", t.lang == "en" ? "en_US" : "vi_VN");
  std::string image_url;
  if (a.cover) {
    image_url = a.cover->url;
    for (const auto& v : a.cover->variants)
      if (v.width <= 1280) image_url = v.url;
    meta("property", "og:image", w.Absolute(image_url));
    meta("property", "og:image:alt", a.cover->alt);
  }
  meta("property", "article:published_time", IsoVietnam(a.published_at_ms));
  if (a.updated_at_ms > 0) meta("property", "article:modified_time", IsoVietnam(a.updated_at_ms));
  if (category) meta("property", "article:section", Writer::Pick(article_lang, category->name, category->name_en));
  for (const auto& k : a.keywords) meta("property", "article:tag", k);
  meta("name", "twitter:card", a.cover ? "summary_large_image" : "summary");
  meta("name", "twitter:title", a.title);
  meta("name", "twitter:description", head.description);
  if (a.cover) {
    meta("name", "twitter:image", w.Absolute(image_url));
    meta("name", "twitter:image:alt", a.cover->alt);
  }
  // The canonical link of an article is its own address whatever ?lang says.
  if (lang != article_lang) head.noindex = true;
  w.Begin(head);

  std::string list = w.Link("/tin-tuc");
  if (category) {
    w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)},
                   {list, w.T(L::kNavNews)},
                   {w.Link("/tin-tuc", {{"chuyen-muc", category->slug}}), w.Pick(category->name, category->name_en)}});
  } else {
    w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)}, {list, w.T(L::kNavNews)}});
  }
  w.Raw("<article class=\"article\"");
  if (lang != article_lang) {
    w.Raw(" lang=\"");
    w.Text(a.lang);
    w.Raw("\"");
  }
  w.Raw(">\n<h1>");
  w.Text(a.title);
  w.Raw("</h1>\n<p class=\"meta\">");
  w.Time(a.published_at_ms);
  if (category) {
    w.Raw(" · ");
    w.A(w.Link("/tin-tuc", {{"chuyen-muc", category->slug}}), w.Pick(category->name, category->name_en));
  }
  if (!a.province.empty()) {
    w.Raw(" · ");
    w.A(w.Link("/tin-tuc", {{"tinh", a.province}}), a.province_name.empty() ? a.province : a.province_name);
  }
  w.Raw(" · <span class=\"views\">");
  std::string views = text::FormatInteger(a.views, w.locale());
  w.Text(Fill(a.views == 1 ? w.T(L::kViewsOne) : w.T(L::kViews), views));
  w.Raw("</span>");
  if (!a.author.empty()) {
    w.Raw(" · ");
    w.Text(Fill(w.T(L::kBy), a.author));
  }
  w.Raw("</p>\n");
  if (!a.summary.empty()) {
    w.Raw("<p class=\"lead\">");
    w.Text(a.summary);
    w.Raw("</p>\n");
  }
  if (a.cover) {
    w.Raw("<figure class=\"cover\">");
    w.Image(*a.cover, "(min-width: 48rem) 46rem, 100vw", false);
    w.Raw("</figure>\n");
  }
  w.Raw("<div class=\"body\">\n");
  w.Raw(DemoteHeadings(a.body_html));  // sanitised by news
  w.Raw("\n</div>\n");
  if (!a.keywords.empty()) {
    w.Raw("<p class=\"keywords\">");
    w.Text(w.T(L::kKeywords));
    w.Raw(" ");
    bool first = true;
    for (const auto& k : a.keywords) {
      if (!first) w.Raw(", ");
      first = false;
      w.A(w.Link("/tin-tuc", {{"tu-khoa", k}}), k, " rel=\"tag\"");
    }
    w.Raw("</p>\n");
  }
  if (!a.entities.empty()) {
    w.Raw("<p class=\"entities\">");
    w.Text(w.T(L::kAbout));
    w.Raw(" ");
    bool first = true;
    for (const auto& e : a.entities) {
      if (!first) w.Raw(", ");
      first = false;
      w.A(w.Link("/htx/" + EntitySlug(e.name, e.id)), e.name);
    }
    w.Raw("</p>\n");
  }
  for (const auto& t : a.translations) {
    w.Raw("<p class=\"translation\"><a href=\"");
    w.Text("/tin-tuc/" + t.slug);
    w.Raw("\" hreflang=\"");
    w.Text(t.lang);
    w.Raw("\" lang=\"");
    w.Text(t.lang);
    w.Raw("\">");
    w.Text(t.lang == "en" ? "Read this article in English" : "Đọc bài này bằng tiếng Việt");
    w.Raw("</a></p>\n");
  }
  w.Raw("</article>\n");
  if (!related.empty()) {
    w.Raw("<section aria-labelledby=\"related\"><h2 id=\"related\">");
    w.Text(w.T(L::kRelated));
    w.Raw("</h2>\n<ul class=\"related\">\n");
    for (const auto& r : related) {
      w.Raw("<li>");
      w.A(w.Link("/tin-tuc/" + r.slug), r.title,
          r.lang != a.lang ? std::string(" lang=\"") + Escape(r.lang) + "\"" : "");
      w.Raw(" <span class=\"meta\">");
      w.Time(r.published_at_ms);
      w.Raw("</span></li>\n");
    }
    w.Raw("</ul></section>\n");
  }
  w.End();
  Rendered r = Html(w.Take());
  r.article_id = a.id;
  // Views are counted on every request: a browser or a proxy must not answer from its cache.
  r.cache_control = "no-cache";
  return r;
}

}  // namespace hoptac::portal::internal

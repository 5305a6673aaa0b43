// The layout of every page (head, header, footer) and the fragments the pages share.
#include <algorithm>

#include "portal/render.h"

namespace hoptac::portal::internal {

std::string Fill(std::string_view pattern, std::string_view arg0, std::string_view arg1) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        (pattern[i + 1] == '0' || pattern[i + 1] == '1')) {
      out += pattern[i + 1] == '0' ? arg0 : arg1;
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

const Category* FindCategory(const std::vector<Category>& categories, std::string_view code) {
  for (const auto& c : categories)
    if (c.code == code) return &c;
  return nullptr;
}

const portal::Label* FindLabel(const std::vector<portal::Label>& labels, std::string_view code) {
  for (const auto& l : labels)
    if (l.code == code) return &l;
  return nullptr;
}

std::string Describe(std::string_view text) {
  std::string out(text.substr(0, std::min<size_t>(text.size(), 400)));
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (out.size() <= 160) return out;
  size_t cut = out.rfind(' ', 157);
  if (cut == std::string::npos || cut < 80) {
    cut = 157;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a letter
  }
  out.resize(cut);
  out += "…";
  return out;
}

std::string Writer::Link(std::string_view path, const Params& params) const {
  std::string url(path);
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    url += sep;
    url += name;
    url += '=';
    url += QueryEncode(value);
    sep = '&';
  }
  if (en()) {
    url += sep;
    url += "lang=en";
  }
  return url;
}

void Writer::A(std::string_view url, std::string_view text, std::string_view extra) {
  out_ += "<a href=\"";
  Text(url);
  out_ += '"';
  out_ += extra;
  out_ += '>';
  Text(text);
  out_ += "</a>";
}

void Writer::Time(int64_t unix_ms) {
  out_ += "<time datetime=\"";
  out_ += IsoVietnam(unix_ms);
  out_ += "\">";
  Date(VietnamDate(unix_ms));
  out_ += "</time>";
}

namespace {

std::string Plain(std::string_view path, const Params& params, bool en) {
  std::string url(path);
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    url += sep;
    url += name;
    url += '=';
    url += QueryEncode(value);
    sep = '&';
  }
  if (en) {
    url += sep;
    url += "lang=en";
  }
  return url;
}

struct NavItem {
  const char* path;
  L label;
};
constexpr NavItem kNav[] = {
    {"/tin-tuc", L::kNavNews},
    {"/san-pham", L::kNavProducts},
    {"/thong-ke", L::kNavStats},
    {"/du-lieu-mo", L::kNavOpenData},
};

}  // namespace

void Writer::Begin(const Head& head) {
  std::string vi_url = head.vi_url.empty() ? Plain(head.path, head.params, false) : head.vi_url;
  std::string en_url = head.en_url.empty() ? Plain(head.path, head.params, true) : head.en_url;
  std::string title = head.title.empty() ? SiteName() : head.title + " — " + SiteName();
  out_.reserve(16 * 1024);
  out_ += "<!doctype html>\n<html lang=\"";
  out_ += i18n::LangCode(lang_);
  out_ +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\">\n<title>";
  Text(title);
  out_ += "</title>\n";
  if (!head.description.empty()) {
    out_ += "<meta name=\"description\" content=\"";
    Text(head.description);
    out_ += "\">\n";
  }
  if (head.noindex) out_ += "<meta name=\"robots\" content=\"noindex\">\n";
  out_ += "<link rel=\"canonical\" href=\"";
  Text(Absolute(!head.canonical.empty() ? head.canonical : en() ? en_url : vi_url));
  out_ += "\">\n";
  if (head.alternates) {
    out_ += "<link rel=\"alternate\" hreflang=\"vi\" href=\"";
    Text(Absolute(vi_url));
    out_ += "\">\n<link rel=\"alternate\" hreflang=\"en\" href=\"";
    Text(Absolute(en_url));
    out_ += "\">\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"";
    Text(Absolute(vi_url));
    out_ += "\">\n";
  }
  out_ += "<link rel=\"stylesheet\" href=\"/portal.css?v=";
  out_ += StyleVersion();
  out_ += "\">\n<link rel=\"alternate\" type=\"application/rss+xml\" href=\"";
  Text(Absolute(en() ? "/rss.xml?lang=en" : "/rss.xml"));
  out_ += "\" title=\"";
  Text(SiteName());
  out_ += "\">\n";
  out_ += head.extra_head;
  out_ += "</head>\n<body>\n<a class=\"skip\" href=\"#main\">";
  Text(T(L::kSkip));
  out_ += "</a>\n<header class=\"site\"><div class=\"wrap\">\n<a class=\"brand\" href=\"";
  Text(Link("/"));
  out_ += "\">";
  Text(SiteName());
  out_ += "</a>\n<nav aria-label=\"";
  Text(T(L::kNavLabel));
  out_ += "\"><ul>";
  for (const auto& item : kNav) {
    out_ += "<li><a href=\"";
    Text(Link(item.path));
    out_ += '"';
    if (head.nav == item.path) out_ += " aria-current=\"page\"";
    out_ += '>';
    Text(T(item.label));
    out_ += "</a></li>";
  }
  out_ += "</ul></nav>\n<p class=\"tools\">";
  if (en()) {
    out_ += "<a href=\"";
    Text(vi_url);
    out_ += "\" lang=\"vi\" hreflang=\"vi\">Tiếng Việt</a>";
  } else {
    out_ += "<a href=\"";
    Text(en_url);
    out_ += "\" lang=\"en\" hreflang=\"en\">English</a>";
  }
  out_ += " <a class=\"signin\" href=\"/app/\">";
  Text(T(L::kSignIn));
  out_ += "</a></p>\n</div></header>\n<main id=\"main\" class=\"wrap\">\n";
}

void Writer::End() {
  out_ += "</main>\n<footer class=\"site\"><div class=\"wrap\">\n<p>";
  Text(SiteName());
  out_ += ". ";
  Text(T(L::kFooterLicence));
  out_ += " <a href=\"";
  Text(Link("/du-lieu-mo"));
  out_ += "\">";
  Text(T(L::kNavOpenData));
  out_ += "</a> · <a href=\"";
  Text(en() ? "/rss.xml?lang=en" : "/rss.xml");
  out_ += "\">RSS</a> · <a href=\"/app/\">";
  Text(T(L::kSignIn));
  out_ += "</a></p>\n</div></footer>\n</body>\n</html>\n";
}

void Writer::Image(const ImageRef& image, std::string_view sizes, bool lazy) {
  out_ += "<img src=\"";
  // The widest variant up to 1280 px is the fallback source; the original only when there is none.
  std::string src = image.url;
  for (const auto& v : image.variants)
    if (v.width <= 1280) src = v.url;
  Text(src);
  out_ += '"';
  if (!image.variants.empty()) {
    out_ += " srcset=\"";
    bool first = true;
    for (const auto& v : image.variants) {
      if (!first) out_ += ", ";
      first = false;
      Text(v.url);
      out_ += ' ';
      out_ += std::to_string(v.width);
      out_ += 'w';
    }
    out_ += "\" sizes=\"";
    Text(sizes);
    out_ += '"';
  }
  if (image.width > 0 && image.height > 0) {
    out_ += " width=\"" + std::to_string(image.width) + "\" height=\"" + std::to_string(image.height) + '"';
  }
  out_ += " alt=\"";
  Text(image.alt);
  out_ += '"';
  if (lazy) out_ += " loading=\"lazy\" decoding=\"async\"";
  out_ += '>';
}

void Writer::ArticleCard(const portal::ArticleCard& card, int heading, const std::vector<Category>& categories) {
  out_ += "<li class=\"card\"><article";
  if (card.lang != i18n::LangCode(lang_)) {
    out_ += " lang=\"";
    Text(card.lang);
    out_ += '"';
  }
  out_ += '>';
  if (card.cover) Image(*card.cover, "(min-width: 40rem) 20rem, 100vw", true);
  std::string h = "h" + std::to_string(heading);
  out_ += '<' + h + '>';
  A(Link("/tin-tuc/" + card.slug), card.title);
  out_ += "</" + h + "><p class=\"meta\">";
  Time(card.published_at_ms);
  if (const Category* c = FindCategory(categories, card.category)) {
    out_ += " · ";
    Text(Pick(c->name, c->name_en));
  }
  if (!card.province_name.empty()) {
    out_ += " · ";
    Text(card.province_name);
  }
  out_ += "</p>";
  if (!card.summary.empty()) {
    out_ += "<p>";
    Text(card.summary);
    out_ += "</p>";
  }
  out_ += "</article></li>\n";
}

void Writer::OcopStars(const Ocop& ocop) {
  int stars = std::clamp(ocop.stars, 0, 5);
  std::string label = Fill(T(L::kOcopStarsLabel), std::to_string(stars));
  out_ += "<span class=\"ocop\" role=\"img\" aria-label=\"";
  Text(label);
  out_ += "\">OCOP ";
  for (int i = 0; i < 5; ++i) out_ += i < stars ? "★" : "☆";
  out_ += "</span>";
  if (ocop.expired) {
    out_ += " <span class=\"expired\">(";
    Text(T(L::kOcopExpired));
    out_ += ")</span>";
  }
}

void Writer::Price(const portal::ProductCard& card) {
  if (!card.price_min && !card.price_max) return;
  out_ += "<p class=\"price\">";
  int64_t low = card.price_min.value_or(*card.price_max);
  int64_t high = card.price_max.value_or(low);
  std::string text = text::FormatInteger(low, locale());
  if (high != low) text += " – " + text::FormatInteger(high, locale());
  text = en() ? "VND " + text : text + " đồng";
  Text(text);
  if (!card.unit.empty()) {
    out_ += " / ";
    Text(card.unit);
  }
  out_ += "</p>";
}

void Writer::ProductCard(const portal::ProductCard& card, int heading, const std::vector<portal::Label>& categories) {
  out_ += "<li class=\"card\">";
  if (card.photo) Image(*card.photo, "(min-width: 40rem) 15rem, 50vw", true);
  std::string h = "h" + std::to_string(heading);
  out_ += '<' + h + '>';
  A(Link("/san-pham/" + card.slug), card.name);
  out_ += "</" + h + "><p class=\"meta\">";
  A(Link("/htx/" + EntitySlug(card.entity_name, card.entity_id)), card.entity_name);
  if (!card.province_name.empty()) {
    out_ += " · ";
    Text(card.province_name);
  }
  if (const portal::Label* c = FindLabel(categories, card.category)) {
    out_ += " · ";
    Text(Pick(c->name, c->name_en));
  }
  out_ += "</p>";
  if (card.ocop) {
    out_ += "<p>";
    OcopStars(*card.ocop);
    out_ += "</p>";
  }
  Price(card);
  out_ += "</li>\n";
}

void Writer::Paging(int64_t total, int per_page, int page, std::string_view path, const Params& params) {
  int64_t pages = (total + per_page - 1) / per_page;
  if (pages <= 1) return;
  auto url = [&](int64_t n) {
    Params p = params;
    if (n > 1) p.emplace_back("trang", std::to_string(n));
    return Link(path, p);
  };
  out_ += "<nav class=\"paging\" aria-label=\"";
  Text(T(L::kPaging));
  out_ += "\"><ul>";
  if (page > 1) {
    out_ += "<li><a rel=\"prev\" href=\"";
    Text(url(page - 1));
    out_ += "\">";
    Text(T(L::kPrevious));
    out_ += "</a></li>";
  }
  int64_t from = std::max<int64_t>(1, page - 2);
  int64_t to = std::min<int64_t>(pages, page + 2);
  auto item = [&](int64_t n) {
    if (n == page) {
      out_ += "<li><a aria-current=\"page\" href=\"";
      Text(url(n));
      out_ += "\">" + std::to_string(n) + "</a></li>";
    } else {
      out_ += "<li><a href=\"";
      Text(url(n));
      out_ += "\">" + std::to_string(n) + "</a></li>";
    }
  };
  if (from > 1) {
    item(1);
    if (from > 2) out_ += "<li aria-hidden=\"true\">…</li>";
  }
  for (int64_t n = from; n <= to; ++n) item(n);
  if (to < pages) {
    if (to < pages - 1) out_ += "<li aria-hidden=\"true\">…</li>";
    item(pages);
  }
  if (page < pages) {
    out_ += "<li><a rel=\"next\" href=\"";
    Text(url(page + 1));
    out_ += "\">";
    Text(T(L::kNext));
    out_ += "</a></li>";
  }
  out_ += "</ul></nav>\n";
}

void Writer::Figure(const portal::Figure& figure) {
  if (figure.withheld) {
    out_ += "<span aria-hidden=\"true\">—</span><span class=\"sr\">";
    Text(T(L::kWithheld));
    out_ += "</span>";
  } else {
    Number(figure.value);
  }
}

void Writer::Breadcrumbs(std::initializer_list<std::pair<std::string, std::string>> items) {
  out_ += "<nav class=\"crumbs\" aria-label=\"";
  Text(T(L::kBreadcrumbs));
  out_ += "\"><ol>";
  for (const auto& [url, label] : items) {
    out_ += "<li>";
    if (url.empty()) {
      out_ += "<span aria-current=\"page\">";
      Text(label);
      out_ += "</span>";
    } else {
      A(url, label);
    }
    out_ += "</li>";
  }
  out_ += "</ol></nav>\n";
}

}  // namespace hoptac::portal::internal

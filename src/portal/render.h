// Internal to the portal: the writer every page uses (layout, links, cards, paging).
// Not for other folders.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/content.h"
#include "portal/html.h"
#include "portal/labels.h"
#include "portal/pages.h"
#include "text/format.h"

namespace hoptac::portal::internal {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Head {
  std::string title;        // the page's own title ("" on the home page)
  std::string description;  // meta description (plain text, cut)
  std::string path;         // this page without lang: "/tin-tuc"
  Params params;            // its normalised query, without lang
  // The page in each language (relative URLs); empty: path + params (+ lang=en).
  std::string vi_url;
  std::string en_url;
  std::string canonical;   // relative; empty: the URL of the page's language
  bool alternates = true;  // hreflang links to vi_url and en_url
  bool noindex = false;
  std::string nav;         // the header's current section ("/tin-tuc" …)
  std::string extra_head;  // more <head> markup, already escaped (Open Graph, rss …)
};

class Writer {
 public:
  // content may be null for pages that read nothing (404, 503).
  Writer(Content* content, const PortalOptions& options, i18n::Lang lang)
      : content_(content), options_(options), lang_(lang) {}

  Content& content() { return *content_; }
  const PortalOptions& options() const { return options_; }
  i18n::Lang lang() const { return lang_; }
  bool en() const { return lang_ == i18n::Lang::kEn; }
  text::Locale locale() const { return en() ? text::Locale::kEn : text::Locale::kVi; }
  const char* T(L label) const { return LabelText(lang_, label); }
  const std::string& SiteName() const { return en() ? options_.site_name_en : options_.site_name; }
  // name_en when English and set, else name.
  static const std::string& Pick(i18n::Lang lang, const std::string& name, const std::string& name_en) {
    return lang == i18n::Lang::kEn && !name_en.empty() ? name_en : name;
  }
  const std::string& Pick(const std::string& name, const std::string& name_en) const {
    return Pick(lang_, name, name_en);
  }

  std::string& out() { return out_; }
  std::string Take() { return std::move(out_); }
  void Raw(std::string_view s) { out_ += s; }
  void Text(std::string_view s) { AppendEscaped(out_, s); }
  void Number(int64_t n) { out_ += text::FormatInteger(n, locale()); }
  void Date(const hoptac::Date& d) { Text(text::FormatDate(d, locale())); }
  // <time datetime="2026-12-06T08:24:26+07:00">06/12/2026</time>
  void Time(int64_t unix_ms);

  // A link within the site: path, then the params with a value, then lang=en in English.
  std::string Link(std::string_view path, const Params& params = {}) const;
  // An absolute URL (base_url + relative).
  std::string Absolute(std::string_view relative) const { return options_.base_url + std::string(relative); }
  // <a href="url">text</a> (both escaped); extra: raw attributes (" rel=…").
  void A(std::string_view url, std::string_view text, std::string_view extra = {});

  void Begin(const Head& head);
  void End();

  // Fragments shared by the pages.
  void Image(const ImageRef& image, std::string_view sizes, bool lazy);
  void ArticleCard(const portal::ArticleCard& card, int heading, const std::vector<Category>& categories);
  void ProductCard(const portal::ProductCard& card, int heading, const std::vector<portal::Label>& categories);
  void OcopStars(const Ocop& ocop);
  void Price(const portal::ProductCard& card);
  void Paging(int64_t total, int per_page, int page, std::string_view path, const Params& params);
  void Figure(const portal::Figure& figure);
  void Breadcrumbs(std::initializer_list<std::pair<std::string, std::string>> items);  // {url, text}; url "" = current

 private:
  Content* content_;
  const PortalOptions& options_;
  i18n::Lang lang_;
  std::string out_;
};

// "{0} lượt xem" with {0} replaced.
std::string Fill(std::string_view pattern, std::string_view arg0, std::string_view arg1 = {});
// The category of `code` in `categories`, or nullptr.
const Category* FindCategory(const std::vector<Category>& categories, std::string_view code);
const portal::Label* FindLabel(const std::vector<portal::Label>& labels, std::string_view code);
// body_html with every heading one level down when it has an h1 (the page's h1 is the title).
std::string DemoteHeadings(std::string_view html);
// A meta description: the text cut to 160 bytes at a space, with "…".
std::string Describe(std::string_view text);

// The pages (one file each group).
Result<Rendered> HomePage(Writer& w);
Result<Rendered> NewsListPage(Writer& w, const PageParams& params);
Result<Rendered> ArticlePage(Content& content, const PortalOptions& options, std::string_view slug,
                             const PageParams& params);
Result<Rendered> ProductsPage(Writer& w, const PageParams& params);
Result<Rendered> ProductPage(Writer& w, std::string_view slug);
Result<Rendered> EntityPage(Writer& w, std::string_view slug);
Result<Rendered> ProvincePage(Writer& w, std::string_view code_or_slug);
Result<Rendered> StatsPage(Writer& w, std::string_view code);
Result<Rendered> OpenDataPage(Writer& w);
Result<Rendered> RssFeed(Content& content, const PortalOptions& options, i18n::Lang lang, std::string_view file);
Result<Rendered> SitemapIndex(Content& content, const PortalOptions& options);
Result<Rendered> SitemapFile(Content& content, const PortalOptions& options, std::string_view file);
Rendered Robots(const PortalOptions& options);
Rendered NotFound(const PortalOptions& options, i18n::Lang lang);
Rendered Unavailable(const PortalOptions& options, i18n::Lang lang);

}  // namespace hoptac::portal::internal

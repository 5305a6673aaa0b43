// The public statistics (country and province) and the open-data page.
#include <algorithm>

#include "portal/render.h"

namespace hoptac::portal::internal {
namespace {

Rendered Html(std::string body) {
  Rendered r;
  r.body = std::move(body);
  return r;
}

// A row of a table with a CSS bar: label, value, bar (decorative; the number is in the cell before).
void BarRow(Writer& w, std::string_view label_html, int64_t value, int64_t max) {
  w.Raw("<tr><th scope=\"row\">");
  w.Raw(label_html);
  w.Raw("</th><td class=\"num\">");
  w.Number(value);
  w.Raw("</td><td class=\"bar\" aria-hidden=\"true\"><span style=\"width:");
  double percent = max > 0 ? 100.0 * static_cast<double>(value) / static_cast<double>(max) : 0.0;
  w.Raw(text::FormatDecimal(percent, 1, text::Locale::kEn));
  w.Raw("%\"></span></td></tr>\n");
}

void CountTable(Writer& w, std::string_view id, L title, const std::vector<PublicStats::Count>& counts) {
  if (counts.empty()) return;
  int64_t max = 0;
  for (const auto& c : counts) max = std::max(max, c.count);
  w.Raw("<section aria-labelledby=\"");
  w.Raw(id);
  w.Raw("\"><h2 id=\"");
  w.Raw(id);
  w.Raw("\">");
  w.Text(w.T(title));
  w.Raw("</h2>\n<table class=\"chart\"><thead><tr><th scope=\"col\">");
  w.Text(w.T(title));
  w.Raw("</th><th scope=\"col\" class=\"num\">");
  w.Text(w.T(L::kCount));
  w.Raw("</th><td></td></tr></thead><tbody>\n");
  for (const auto& c : counts) BarRow(w, Escape(w.Pick(c.label.name, c.label.name_en)), c.count, max);
  w.Raw("</tbody></table></section>\n");
}

// "38,2 %" of part in whole; withheld when either is.
void Share(Writer& w, const Figure& part, const Figure& whole) {
  if (part.withheld || whole.withheld || whole.value <= 0) {
    w.Figure({0, true});
    return;
  }
  double percent = 100.0 * static_cast<double>(part.value) / static_cast<double>(whole.value);
  w.Text(text::FormatDecimal(percent, 1, w.locale()) + " %");
}

}  // namespace

Result<Rendered> StatsPage(Writer& w, std::string_view code) {
  HOPTAC_ASSIGN_OR_RETURN(auto found, w.content().Stats(std::string(code)));
  if (!found) return NotFound(w.options(), w.lang());
  const PublicStats& s = *found;
  bool country = code.empty();
  std::string place = country ? std::string(w.T(L::kCountry)) : w.Pick(s.province_name, s.province_name_en);
  std::string title = Fill(w.T(L::kStatsTitle), place);

  Head head;
  head.title = title;
  head.description = Fill(w.T(L::kStatsDescription), place);
  head.path = country ? "/thong-ke" : "/thong-ke/" + std::string(code);
  head.nav = "/thong-ke";
  w.Begin(head);
  if (!country) w.Breadcrumbs({{w.Link("/"), w.T(L::kHome)}, {w.Link("/thong-ke"), w.T(L::kNavStats)}, {"", place}});
  w.Raw("<h1>");
  w.Text(title);
  w.Raw("</h1>\n<p class=\"meta\">");
  w.Text(w.T(L::kAsOf));
  w.Raw(" ");
  w.Date(s.as_of);
  w.Raw("</p>\n<ul class=\"figures\"><li><span class=\"n\">");
  w.Number(s.entities);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatEntities));
  w.Raw("</li><li><span class=\"n\">");
  w.Figure(s.members);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatMembers));
  w.Raw("</li><li><span class=\"n\">");
  w.Figure(s.workers);
  w.Raw("</span> ");
  w.Text(w.T(L::kStatWorkers));
  w.Raw("</li></ul>\n");
  if (!country) {
    w.Raw("<p>");
    w.A(w.Link("/tinh/" + Slugify(s.province_name)), Fill(w.T(L::kProvincePageLink), place));
    w.Raw("</p>\n");
  }
  CountTable(w, "kinds", L::kByKind, s.by_kind);
  CountTable(w, "statuses", L::kByStatus, s.by_status);
  if (!s.founded_per_year.empty()) {
    int64_t max = 0;
    for (const auto& y : s.founded_per_year) max = std::max(max, y.founded);
    w.Raw("<section aria-labelledby=\"founded\"><h2 id=\"founded\">");
    w.Text(w.T(L::kFoundedPerYear));
    w.Raw("</h2>\n<table class=\"chart\"><thead><tr><th scope=\"col\">");
    w.Text(w.T(L::kYear));
    w.Raw("</th><th scope=\"col\" class=\"num\">");
    w.Text(w.T(L::kFounded));
    w.Raw("</th><td></td></tr></thead><tbody>\n");
    for (const auto& y : s.founded_per_year) BarRow(w, std::to_string(y.year), y.founded, max);
    w.Raw("</tbody></table></section>\n");
  }
  w.Raw("<section aria-labelledby=\"people\"><h2 id=\"people\">");
  w.Text(w.T(L::kMembersWorkers));
  w.Raw("</h2>\n<table><thead><tr><td></td><th scope=\"col\" class=\"num\">");
  w.Text(w.T(L::kTotal));
  w.Raw("</th><th scope=\"col\" class=\"num\">");
  w.Text(w.T(L::kFemale));
  w.Raw("</th><th scope=\"col\" class=\"num\">");
  w.Text(w.T(L::kFemaleShare));
  w.Raw("</th></tr></thead><tbody>\n");
  auto people = [&](L label, const Figure& total, const Figure& female) {
    w.Raw("<tr><th scope=\"row\">");
    w.Text(w.T(label));
    w.Raw("</th><td class=\"num\">");
    w.Figure(total);
    w.Raw("</td><td class=\"num\">");
    w.Figure(female);
    w.Raw("</td><td class=\"num\">");
    Share(w, female, total);
    w.Raw("</td></tr>\n");
  };
  people(L::kStatMembers, s.members, s.members_female);
  people(L::kStatWorkers, s.workers, s.workers_female);
  w.Raw("</tbody></table></section>\n");
  if (country && !s.provinces.empty()) {
    int64_t max = 0;
    for (const auto& p : s.provinces) max = std::max(max, p.entities);
    w.Raw("<section aria-labelledby=\"provinces\"><h2 id=\"provinces\">");
    w.Text(w.T(L::kByProvince));
    w.Raw("</h2>\n<table class=\"chart\"><thead><tr><th scope=\"col\">");
    w.Text(w.T(L::kProvince));
    w.Raw("</th><th scope=\"col\" class=\"num\">");
    w.Text(w.T(L::kStatEntities));
    w.Raw("</th><td></td><th scope=\"col\" class=\"num\">");
    w.Text(w.T(L::kStatMembers));
    w.Raw("</th><th scope=\"col\" class=\"num\">");
    w.Text(w.T(L::kStatWorkers));
    w.Raw("</th></tr></thead><tbody>\n");
    for (const auto& p : s.provinces) {
      std::string link =
          "<a href=\"" + Escape(w.Link("/thong-ke/" + p.code)) + "\">" + Escape(w.Pick(p.name, p.name_en)) + "</a>";
      // BarRow closes the row; the figures go in a row of their own shape, so write it here.
      w.Raw("<tr><th scope=\"row\">");
      w.Raw(link);
      w.Raw("</th><td class=\"num\">");
      w.Number(p.entities);
      w.Raw("</td><td class=\"bar\" aria-hidden=\"true\"><span style=\"width:");
      double percent = max > 0 ? 100.0 * static_cast<double>(p.entities) / static_cast<double>(max) : 0.0;
      w.Raw(text::FormatDecimal(percent, 1, text::Locale::kEn));
      w.Raw("%\"></span></td><td class=\"num\">");
      w.Figure(p.members);
      w.Raw("</td><td class=\"num\">");
      w.Figure(p.workers);
      w.Raw("</td></tr>\n");
    }
    w.Raw("</tbody></table></section>\n");
  }
  w.Raw("<section aria-labelledby=\"notes\"><h2 id=\"notes\">");
  w.Text(w.T(L::kNotes));
  w.Raw("</h2>\n<p>");
  w.Text(w.T(L::kWithheldNote));
  w.Raw("</p>\n");
  if (s.perturbed) {
    w.Raw("<p>");
    w.Text(w.T(L::kPerturbedNote));
    w.Raw("</p>\n");
  }
  w.Raw("<p>");
  w.A(w.Link("/du-lieu-mo"), w.T(L::kDownloadData));
  w.Raw("</p></section>\n");
  w.End();
  return Html(w.Take());
}

Result<Rendered> OpenDataPage(Writer& w) {
  Content& content = w.content();
  HOPTAC_ASSIGN_OR_RETURN(auto entity_fields, content.OpenDataFields(OpenDataSet::kEntities));
  HOPTAC_ASSIGN_OR_RETURN(auto stats_fields, content.OpenDataFields(OpenDataSet::kStatistics));
  Head head;
  head.title = w.T(L::kNavOpenData);
  head.description = w.T(L::kOpenDataIntro);
  head.path = "/du-lieu-mo";
  head.nav = "/du-lieu-mo";
  w.Begin(head);
  w.Raw("<h1>");
  w.Text(w.T(L::kNavOpenData));
  w.Raw("</h1>\n<p class=\"lead\">");
  w.Text(w.T(L::kOpenDataIntro));
  w.Raw("</p>\n<section aria-labelledby=\"downloads\"><h2 id=\"downloads\">");
  w.Text(w.T(L::kDownloads));
  w.Raw("</h2>\n<ul class=\"downloads\">\n");
  auto download = [&](L label, std::string_view stem) {
    w.Raw("<li>");
    w.Text(w.T(label));
    w.Raw(": <a href=\"/du-lieu-mo/");
    w.Raw(stem);
    w.Raw(".csv\" download>CSV</a> · <a href=\"/du-lieu-mo/");
    w.Raw(stem);
    w.Raw(".xlsx\" download>XLSX</a></li>\n");
  };
  download(L::kDatasetEntities, "htx");
  download(L::kDatasetStats, "thong-ke");
  w.Raw("</ul>\n<p>");
  w.Text(w.T(L::kDownloadFormats));
  w.Raw("</p></section>\n<section aria-labelledby=\"dictionary\"><h2 id=\"dictionary\">");
  w.Text(w.T(L::kDictionary));
  w.Raw("</h2>\n");
  auto dictionary = [&](L label, const std::vector<DataField>& fields) {
    w.Raw("<h3>");
    w.Text(w.T(label));
    w.Raw("</h3>\n<table class=\"dictionary\"><thead><tr><th scope=\"col\">");
    w.Text(w.T(L::kColumn));
    w.Raw("</th><th scope=\"col\">");
    w.Text(w.T(L::kType));
    w.Raw("</th><th scope=\"col\">");
    w.Text(w.T(L::kMeaning));
    w.Raw("</th></tr></thead><tbody>\n");
    for (const auto& f : fields) {
      w.Raw("<tr><th scope=\"row\"><code>");
      w.Text(f.column);
      w.Raw("</code></th><td>");
      w.Text(f.type);
      w.Raw("</td><td>");
      w.Text(w.Pick(f.description, f.description_en));
      w.Raw("</td></tr>\n");
    }
    w.Raw("</tbody></table>\n");
  };
  dictionary(L::kDatasetEntities, entity_fields);
  dictionary(L::kDatasetStats, stats_fields);
  w.Raw("</section>\n<section aria-labelledby=\"licence\"><h2 id=\"licence\">");
  w.Text(w.T(L::kLicence));
  w.Raw("</h2>\n<p>");
  w.Text(w.T(L::kLicenceText));
  w.Raw(" <a rel=\"license\" href=\"");
  w.Raw(w.en() ? "https://creativecommons.org/licenses/by/4.0/deed.en"
               : "https://creativecommons.org/licenses/by/4.0/deed.vi");
  w.Raw("\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.</p>\n");
  w.Raw("</section>\n<section aria-labelledby=\"cite\"><h2 id=\"cite\">");
  w.Text(w.T(L::kHowToCite));
  w.Raw("</h2>\n<p>");
  w.Text(w.T(L::kCiteIntro));
  w.Raw("</p>\n<blockquote><p>");
  w.Text(Fill(w.T(L::kCitation), w.SiteName(), w.Absolute("/du-lieu-mo")));
  w.Raw("</p></blockquote>\n<p>");
  w.Text(w.T(L::kStatsDisclosureOpenData));
  w.Raw("</p></section>\n");
  w.End();
  return Html(w.Take());
}

}  // namespace hoptac::portal::internal

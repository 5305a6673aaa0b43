// The public portal over portal::SampleContent: every page in Vietnamese and English, escaping,
// redirects, paging, RSS and sitemaps as XML (expat), the article's weight, the cache.
#include "portal/portal.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "http/router.h"
#include "portal/api/routes.h"
#include "portal/html.h"
#include "portal/labels.h"
#include "portal/render.h"
#include "portal/sample_content.h"

namespace hoptac::portal {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

const std::string kArticleSlug = "lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx";

bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The page's structure as an accessibility check sees it: one h1, headings never skip a level,
// every img has alt, every input and select has a <label for>, <html lang> set.
void CheckAccessible(const std::string& html, const std::string& lang) {
  SCOPED_TRACE(html.substr(0, 400));
  EXPECT_TRUE(Has(html, "<html lang=\"" + lang + "\">"));
  std::regex heading("<h([1-6])[ >]");
  int previous = 0;
  int h1 = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), heading); it != std::sregex_iterator(); ++it) {
    int level = (*it)[1].str()[0] - '0';
    if (level == 1) ++h1;
    EXPECT_LE(level, previous + 1) << "h" << level << " after h" << previous;
    if (previous == 0) {
      EXPECT_EQ(level, 1) << "the first heading is the h1";
    }
    previous = level;
  }
  EXPECT_EQ(h1, 1);
  std::regex img("<img [^>]*>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(Has(it->str(), " alt=\"")) << it->str();
  std::regex control("<(input|select) [^>]*id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), control); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(Has(html, "<label for=\"" + (*it)[2].str() + "\">")) << it->str();
  EXPECT_TRUE(Has(html, "<a class=\"skip\" href=\"#main\">"));
  EXPECT_TRUE(Has(html, "<main id=\"main\""));
  EXPECT_TRUE(Has(html, "href=\"/app/\">" + std::string(lang == "en" ? "Sign in" : "Đăng nhập") + "</a>"));
  EXPECT_FALSE(Has(html, "<script"));
}

// Parses `xml` with expat; the error message, or empty when well-formed. Counts elements named `count`.
std::string ParseXml(const std::string& xml, const char* count = nullptr, int* counted = nullptr) {
  struct State {
    const char* name;
    int* counted;
  } state{count, counted};
  XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
  XML_SetUserData(parser, &state);
  XML_SetStartElementHandler(parser, [](void* data, const XML_Char* name, const XML_Char**) {
    auto* s = static_cast<State*>(data);
    std::string n = name;
    size_t bar = n.rfind('|');
    if (bar != std::string::npos) n = n.substr(bar + 1);
    if (s->name && n == s->name) ++*s->counted;
  });
  std::string error;
  if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
    error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
            std::to_string(XML_GetCurrentLineNumber(parser));
  XML_ParserFree(parser);
  return error;
}

class PortalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    content_.Fill();
    options_.base_url = "https://hoptac.example";
    portal_ = std::make_unique<Portal>(content_, options_, [this] { return now_ms_; });
  }
  Answer Get(PageKind kind, std::string_view param = {}, Query query = {}) {
    Visit visit;
    visit.query = std::move(query);
    visit.remote_address = "203.0.113.9";
    visit.user_agent = "Mozilla/5.0";
    return portal_->Serve(kind, param, visit);
  }
  std::string Header(const Answer& a, std::string_view name) {
    for (const auto& [n, v] : a.headers)
      if (n == name) return v;
    return {};
  }

  SampleContent content_;
  PortalOptions options_;
  int64_t now_ms_ = 1'000'000;
  std::unique_ptr<Portal> portal_;
};

TEST(PortalHtml, EscapesEveryContext) {
  EXPECT_EQ(Escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(Escape(std::string("a\x01"
                               "b\x7f"
                               "c\td",
                               8)),
            "abc\td");  // C0 controls are not XML
  EXPECT_EQ(Escape("Hợp tác xã"), "Hợp tác xã");
  EXPECT_EQ(QueryEncode("đối thoại&x=1"), "%C4%91%E1%BB%91i%20tho%E1%BA%A1i%26x%3D1");
}

TEST(PortalHtml, SlugsAndTimes) {
  EXPECT_EQ(Slugify("HTX Nông nghiệp Đồng Tâm"), "htx-nong-nghiep-dong-tam");
  EXPECT_EQ(Slugify("  Mô hình – điển hình!! "), "mo-hinh-dien-hinh");
  EXPECT_EQ(Slugify("<script>"), "script");
  EXPECT_EQ(EntitySlug("HTX Ong mật Tam Đảo", 345), "htx-ong-mat-tam-dao-345");
  EXPECT_EQ(EntitySlug("", 345), "345");
  EXPECT_EQ(EntityIdFromSlug("htx-ong-mat-tam-dao-345"), 345);
  EXPECT_EQ(EntityIdFromSlug("345"), 345);
  EXPECT_EQ(EntityIdFromSlug("htx-abc"), 0);
  EXPECT_EQ(EntityIdFromSlug("htx-0345"), 0);
  std::string long_name(200, 'a');
  long_name[78] = ' ';
  EXPECT_EQ(Slugify(long_name).size(), 78u);  // cut at the '-' before 80
  // 2026-12-06T01:24:26Z: a Sunday; 08:24:26 in Việt Nam.
  int64_t ms = 1'796'520'266'000;
  EXPECT_EQ(Rfc822(ms), "Sun, 06 Dec 2026 01:24:26 +0000");
  EXPECT_EQ(IsoVietnam(ms), "2026-12-06T08:24:26+07:00");
  // 2026-12-05T17:30Z is already the 6th in Việt Nam; 16:59:59Z is still the 5th.
  EXPECT_EQ(VietnamDate(1'796'491'800'000).ToIso(), "2026-12-06");
  EXPECT_EQ(VietnamDate(1'796'489'999'000).ToIso(), "2026-12-05");
}

TEST(PortalLabels, BothLanguages) {
  EXPECT_STREQ(LabelText(i18n::Lang::kVi, L::kSignIn), "Đăng nhập");
  EXPECT_STREQ(LabelText(i18n::Lang::kEn, L::kSignIn), "Sign in");
  for (size_t i = 0; i < kLabelCount; ++i) {
    EXPECT_GT(std::strlen(LabelText(i18n::Lang::kVi, static_cast<L>(i))), 0u);
    EXPECT_GT(std::strlen(LabelText(i18n::Lang::kEn, static_cast<L>(i))), 0u);
  }
}

TEST_F(PortalTest, HomeInBothLanguages) {
  Answer vi = Get(PageKind::kHome);
  EXPECT_EQ(vi.status, 200u);
  EXPECT_EQ(vi.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(Has(vi.body, "<h2 id=\"news\">Tin mới</h2>"));
  EXPECT_TRUE(Has(vi.body, "<h2 id=\"figures\">Số liệu nổi bật</h2>"));
  EXPECT_TRUE(Has(vi.body, "<span class=\"n\">5.752</span> thành viên"));
  EXPECT_TRUE(Has(vi.body, "<h2 id=\"products\">Sản phẩm tiêu biểu</h2>"));
  EXPECT_TRUE(Has(vi.body, ">Hợp tác xã chuyển đổi số: bài học từ mô hình số 30</a>"));  // newest first
  EXPECT_TRUE(Has(vi.body, "href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"));
  EXPECT_TRUE(Has(vi.body, "<link rel=\"stylesheet\" href=\"/portal.css?v=" + std::string(StyleVersion()) + "\">"));
  CheckAccessible(vi.body, "vi");

  Answer en = Get(PageKind::kHome, {}, {{"lang", "en"}});
  EXPECT_TRUE(Has(en.body, "<h2 id=\"news\">Latest news</h2>"));
  EXPECT_TRUE(Has(en.body, "<span class=\"n\">5,752</span> members"));
  // No English article: the Vietnamese ones, said so, marked lang="vi".
  EXPECT_TRUE(Has(en.body, "There are no articles in English yet"));
  EXPECT_TRUE(Has(en.body, "<li class=\"card\"><article lang=\"vi\">"));
  EXPECT_TRUE(Has(en.body, "href=\"/tin-tuc?lang=en\""));  // links keep the language
  EXPECT_TRUE(Has(en.body, ">Tiếng Việt</a>"));
  CheckAccessible(en.body, "en");
}

TEST_F(PortalTest, ArticlePage) {
  content_.articles.back().views = 5752;  // the article of id 1 is the last (oldest)
  content_.Touch();
  Answer a = Get(PageKind::kArticle, kArticleSlug);
  ASSERT_EQ(a.status, 200u);
  const std::string& html = a.body;
  EXPECT_TRUE(Has(html, "<h1>Liên minh HTX tỉnh gặp mặt, đối thoại với HTX</h1>"));
  EXPECT_TRUE(Has(html, "<span class=\"views\">5.752 lượt xem</span>"));
  EXPECT_TRUE(Has(html, "<link rel=\"canonical\" href=\"https://hoptac.example/tin-tuc/" + kArticleSlug + "\">"));
  EXPECT_FALSE(Has(html, "hreflang=\"en\" href=\"https://"));  // no translation: no alternate
  EXPECT_TRUE(Has(html, "href=\"/tin-tuc/" + kArticleSlug + "?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:title\" content=\"Liên minh HTX tỉnh gặp mặt, đối thoại với HTX\">"));
  EXPECT_TRUE(
      Has(html, "<meta property=\"og:image\" content=\"https://hoptac.example/media/1001-3f2a9c1e-1280.webp\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:url\" content=\"https://hoptac.example/tin-tuc/" + kArticleSlug + "\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"article:published_time\" content=\"2025-12-02T10:00:00+07:00\">"));
  EXPECT_TRUE(Has(html, "<time datetime=\"2025-12-02T10:00:00+07:00\">02/12/2025</time>"));
  EXPECT_TRUE(Has(html,
                  "srcset=\"/media/1001-3f2a9c1e-320.webp 320w, /media/1001-3f2a9c1e-640.webp 640w, "
                  "/media/1001-3f2a9c1e-1280.webp 1280w\""));
  EXPECT_TRUE(Has(html, "width=\"1600\" height=\"1067\" alt=\"Toàn cảnh hội nghị đối thoại\">"));
  EXPECT_TRUE(Has(html, "<a href=\"/tin-tuc?tu-khoa=%C4%91%E1%BB%91i%20tho%E1%BA%A1i\" rel=\"tag\">đối thoại</a>"));
  EXPECT_TRUE(Has(html, "<a href=\"/tin-tuc?tinh=19\">Thái Nguyên</a>"));
  EXPECT_TRUE(Has(html, "<a href=\"/tin-tuc?chuyen-muc=chinh-sach\">Chính sách</a>"));
  EXPECT_TRUE(Has(html, "<a href=\"/htx/hop-tac-xa-nong-nghiep-dong-tam-1-341\">"));
  EXPECT_TRUE(Has(html, "<h2 id=\"related\">Tin liên quan</h2>"));
  EXPECT_TRUE(Has(html, "<p>Liên minh Hợp tác xã tỉnh đã tổ chức hội nghị"));  // body_html as it is
  EXPECT_EQ(Header(a, "Cache-Control"), "no-cache");
  CheckAccessible(html, "vi");

  Answer en = Get(PageKind::kArticle, kArticleSlug, {{"lang", "en"}});
  EXPECT_TRUE(Has(en.body, "<span class=\"views\">5,752 views</span>"));
  EXPECT_TRUE(Has(en.body, "<article class=\"article\" lang=\"vi\">"));  // the text stays Vietnamese
  EXPECT_TRUE(Has(en.body, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_TRUE(Has(en.body, "<link rel=\"canonical\" href=\"https://hoptac.example/tin-tuc/" + kArticleSlug + "\">"));
  CheckAccessible(en.body, "en");

  EXPECT_EQ(Get(PageKind::kArticle, "khong-co-bai-nay").status, 404u);
}

TEST_F(PortalTest, ABodyWithItsOwnH1MovesItsHeadingsDown) {
  EXPECT_EQ(internal::DemoteHeadings("<h2>a</h2><p>x</p>"), "<h2>a</h2><p>x</p>");  // no h1: as it is
  EXPECT_EQ(internal::DemoteHeadings("<h1>a</h1><h2 id=\"b\">b</h2><h6>c</h6><hr><header>"),
            "<h2>a</h2><h3 id=\"b\">b</h3><h6>c</h6><hr><header>");
  content_.articles.back().body_html = "<h1>Tiêu đề trong bài</h1>\n<p>Đoạn.</p>\n<h2>Mục</h2>\n<p>Đoạn.</p>";
  content_.Touch();
  Answer page = Get(PageKind::kArticle, kArticleSlug);
  EXPECT_TRUE(Has(page.body, "<h2>Tiêu đề trong bài</h2>\n<p>Đoạn.</p>\n<h3>Mục</h3>"));
  CheckAccessible(page.body, "vi");
}

TEST_F(PortalTest, ArticleWithTranslationAndOneView) {
  Article en = content_.articles.back();
  en.id = 99;
  en.lang = "en";
  en.slug = "provincial-alliance-meets-cooperatives";
  en.title = "Provincial alliance meets cooperatives";
  en.views = 1;
  en.translations = {{"vi", kArticleSlug}};
  content_.articles.back().translations = {{"en", en.slug}};
  content_.articles.insert(content_.articles.begin(), en);
  content_.Touch();
  Answer page = Get(PageKind::kArticle, en.slug);
  EXPECT_TRUE(Has(page.body, "<html lang=\"en\">"));  // an English article speaks English
  EXPECT_TRUE(Has(page.body, "<span class=\"views\">1 view</span>"));
  EXPECT_TRUE(Has(page.body, "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://hoptac.example/tin-tuc/" +
                                 kArticleSlug + "\">"));
  EXPECT_TRUE(Has(page.body, "hreflang=\"vi\" lang=\"vi\">Đọc bài này bằng tiếng Việt</a>"));
  Answer vi = Get(PageKind::kArticle, kArticleSlug);
  EXPECT_TRUE(Has(
      vi.body, "<a href=\"/tin-tuc/provincial-alliance-meets-cooperatives\" lang=\"en\" hreflang=\"en\">English</a>"));
}

TEST_F(PortalTest, HostileTextIsEscaped) {
  Article& a = content_.articles.front();
  a.title = "<script>alert(1)</script> & co";
  a.summary = "\"><img src=x onerror=alert(2)>";
  a.keywords = {"<b>k</b>", "x\" onmouseover=\"alert(3)"};
  a.author = "<i>me</i>";
  content_.Touch();
  for (const Answer& page :
       {Get(PageKind::kArticle, a.slug), Get(PageKind::kHome), Get(PageKind::kNewsList), Get(PageKind::kRss)}) {
    EXPECT_FALSE(Has(page.body, "<script>alert")) << page.body.substr(0, 300);
    EXPECT_FALSE(Has(page.body, "<img src=x"));
    EXPECT_FALSE(Has(page.body, "\" onmouseover=\""));
    EXPECT_FALSE(Has(page.body, "<b>k</b>"));
    EXPECT_TRUE(Has(page.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
  }
  Answer article = Get(PageKind::kArticle, a.slug);
  EXPECT_TRUE(Has(article.body, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co — "));
  EXPECT_TRUE(
      Has(article.body, "<meta property=\"og:title\" content=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co\">"));
  EXPECT_TRUE(Has(article.body,
                  "<a href=\"/tin-tuc?tu-khoa=x%22%20onmouseover%3D%22alert%283%29\" rel=\"tag\">x&quot; "
                  "onmouseover=&quot;alert(3)</a>"));
  EXPECT_TRUE(Has(article.body, "Người viết: &lt;i&gt;me&lt;/i&gt;"));
  EXPECT_EQ(ParseXml(Get(PageKind::kRss).body), "");
  // A hostile keyword in the query comes back escaped (and the list is empty).
  Answer list = Get(PageKind::kNewsList, {}, {{"tu-khoa", "<script>x</script>"}});
  EXPECT_EQ(list.status, 200u);
  EXPECT_FALSE(Has(list.body, "<script>x"));
  EXPECT_TRUE(Has(list.body, "từ khóa “&lt;script&gt;x&lt;/script&gt;”"));
  Answer search = Get(PageKind::kProducts, {}, {{"q", "\"><script>y</script>"}});
  EXPECT_TRUE(Has(search.body, "value=\"&quot;&gt;&lt;script&gt;y&lt;/script&gt;\""));
}

TEST_F(PortalTest, NewsListPagingAndFilters) {
  Answer first = Get(PageKind::kNewsList);
  EXPECT_TRUE(Has(first.body, "<h1>Tin tức</h1>"));
  EXPECT_TRUE(Has(first.body, "<p class=\"count\">30 bài viết</p>"));
  EXPECT_TRUE(Has(first.body, "<a rel=\"next\" href=\"/tin-tuc?trang=2\">Trang sau ›</a>"));
  EXPECT_FALSE(Has(first.body, "rel=\"prev\""));
  EXPECT_TRUE(Has(first.body, "<a aria-current=\"page\" href=\"/tin-tuc\">1</a>"));
  EXPECT_TRUE(Has(first.body, "<a href=\"/tin-tuc?trang=3\">3</a>"));
  CheckAccessible(first.body, "vi");
  Answer second = Get(PageKind::kNewsList, {}, {{"trang", "2"}});
  EXPECT_TRUE(Has(second.body, "<a rel=\"prev\" href=\"/tin-tuc\">‹ Trang trước</a>"));
  EXPECT_TRUE(Has(second.body, "<a rel=\"next\" href=\"/tin-tuc?trang=3\">"));
  EXPECT_TRUE(Has(second.body, "<title>Tin tức — trang 2 — "));
  Answer third = Get(PageKind::kNewsList, {}, {{"trang", "3"}});
  EXPECT_FALSE(Has(third.body, "rel=\"next\""));
  EXPECT_EQ(Get(PageKind::kNewsList, {}, {{"trang", "4"}}).status, 404u);
  // A broken page number is page 1.
  EXPECT_TRUE(
      Has(Get(PageKind::kNewsList, {}, {{"trang", "abc"}}).body, "<a aria-current=\"page\" href=\"/tin-tuc\">1</a>"));

  // By category (slug), keyword and province; the paging links keep the filters and the language.
  Answer policy = Get(PageKind::kNewsList, {}, {{"chuyen-muc", "chinh-sach"}, {"lang", "en"}});
  EXPECT_TRUE(Has(policy.body, "<h1>Policy</h1>"));
  EXPECT_TRUE(Has(policy.body, "<p class=\"count\">5 articles</p>"));  // ids 1, 7, 13, 19, 25
  EXPECT_TRUE(Has(policy.body, "href=\"/tin-tuc?chuyen-muc=chinh-sach&amp;lang=en\" aria-current=\"page\">Policy</a>"));
  CheckAccessible(policy.body, "en");
  Answer province = Get(PageKind::kNewsList, {}, {{"tinh", "01"}, {"trang", "1"}});
  EXPECT_TRUE(Has(province.body, "<h1>Tin tức — Hà Nội</h1>"));
  EXPECT_TRUE(Has(province.body, "<p class=\"count\">10 bài viết</p>"));
  Answer keyword = Get(PageKind::kNewsList, {}, {{"tu-khoa", "doi thoai"}});
  EXPECT_TRUE(Has(keyword.body, "<p class=\"count\">30 bài viết</p>"));  // compared folded
  EXPECT_EQ(Get(PageKind::kNewsList, {}, {{"chuyen-muc", "khong-co"}}).status, 404u);
  EXPECT_EQ(Get(PageKind::kNewsList, {}, {{"tinh", "99"}}).status, 404u);
}

TEST_F(PortalTest, ProductsCatalogueAndProduct) {
  Answer all = Get(PageKind::kProducts);
  EXPECT_TRUE(Has(all.body, "<h1>Sản phẩm của hợp tác xã</h1>"));
  EXPECT_TRUE(Has(all.body, "<form class=\"search\" method=\"get\" action=\"/san-pham\" role=\"search\">"));
  EXPECT_TRUE(Has(all.body, "<label for=\"q\">Tên sản phẩm</label>"));
  EXPECT_TRUE(Has(all.body, "<option value=\"thuc-pham-che-bien\">Thực phẩm chế biến</option>"));
  EXPECT_TRUE(Has(all.body, "<p class=\"count\" role=\"status\">40 sản phẩm</p>"));
  EXPECT_TRUE(Has(all.body, "<a rel=\"next\" href=\"/san-pham?trang=2\">"));
  CheckAccessible(all.body, "vi");

  Answer found = Get(PageKind::kProducts, {}, {{"q", "mat ong"}});
  EXPECT_TRUE(Has(found.body, "<p class=\"count\" role=\"status\">1 sản phẩm</p>"));
  EXPECT_TRUE(Has(found.body, "<a href=\"/san-pham/mat-ong-hoa-nhan-7\">Mật ong hoa nhãn</a>"));
  EXPECT_TRUE(Has(found.body, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_TRUE(Has(found.body, "<span class=\"ocop\" role=\"img\" aria-label=\"OCOP 4 sao trên 5\">OCOP ★★★★☆</span>"));
  EXPECT_TRUE(Has(found.body, "<p class=\"price\">150.000 – 180.000 đồng / chai 500 ml</p>"));

  Answer filtered = Get(PageKind::kProducts, {}, {{"sao", "4"}, {"loai", "thuc-pham-che-bien"}, {"lang", "en"}});
  EXPECT_TRUE(Has(filtered.body, "<p class=\"count\" role=\"status\">4 products</p>"));
  EXPECT_TRUE(Has(filtered.body, "<option value=\"4\" selected>4 stars or more</option>"));
  EXPECT_TRUE(Has(filtered.body, "<input type=\"hidden\" name=\"lang\" value=\"en\">"));
  EXPECT_TRUE(Has(filtered.body, "VND 150,000 – 180,000 / chai 500 ml"));
  CheckAccessible(filtered.body, "en");

  Answer product = Get(PageKind::kProduct, "mat-ong-hoa-nhan-7");
  ASSERT_EQ(product.status, 200u);
  EXPECT_TRUE(Has(product.body, "<h1>Mật ong hoa nhãn</h1>"));
  EXPECT_TRUE(Has(product.body, "<a href=\"/htx/htx-ong-mat-tam-dao-345\">HTX Ong mật Tam Đảo</a>"));
  EXPECT_TRUE(
      Has(product.body, "<dt>Xếp hạng OCOP</dt><dd>OCOP 4 sao trên 5 — giấy chứng nhận 123/QĐ-UBND (2023)</dd>"));
  EXPECT_TRUE(Has(product.body, "<dt>Chứng nhận</dt><dd>VietGAP, Hữu cơ</dd>"));
  EXPECT_TRUE(Has(product.body, "<a href=\"https://shopee.vn/mat-ong\" rel=\"nofollow noopener external\">Shopee</a>"));
  EXPECT_TRUE(Has(product.body, "Cửa hàng của HTX — Thôn 2, xã Tam Đảo"));
  EXPECT_TRUE(Has(product.body, "<p>Mật ong nguyên chất từ vùng nhãn.</p>\n<p>Đóng chai tại hợp tác xã.</p>"));
  EXPECT_TRUE(Has(product.body, "12/10/2026 — Hội chợ OCOP 2026 (Hà Nội)"));
  CheckAccessible(product.body, "vi");
  // A where-to-buy address that is not http(s) is not linked.
  content_.products[6].where_to_buy = {{"online", "Bad", "javascript:alert(1)", ""}};
  content_.Touch();
  Answer bad = Get(PageKind::kProduct, "mat-ong-hoa-nhan-7");
  EXPECT_FALSE(Has(bad.body, "javascript:"));
  EXPECT_EQ(Get(PageKind::kProduct, "khong-co").status, 404u);
}

TEST_F(PortalTest, CooperativeProfileRedirectsToItsSlug) {
  Answer page = Get(PageKind::kEntity, "htx-ong-mat-tam-dao-345");
  ASSERT_EQ(page.status, 200u);
  EXPECT_TRUE(Has(page.body, "<h1>HTX Ong mật Tam Đảo</h1>"));
  EXPECT_TRUE(Has(page.body, "<dt>Tình trạng</dt><dd>Đang hoạt động</dd>"));
  EXPECT_TRUE(Has(page.body, "<dt>Số thành viên</dt><dd>25</dd>"));
  EXPECT_TRUE(Has(page.body, "<a href=\"/san-pham/mat-ong-hoa-nhan-7\">Mật ong hoa nhãn</a>"));  // its product
  EXPECT_TRUE(Has(page.body, "<a href=\"/tinh/ho-chi-minh\">Hồ Chí Minh</a>"));
  CheckAccessible(page.body, "vi");
  Answer moved = Get(PageKind::kEntity, "ten-cu-345", {{"lang", "en"}});
  EXPECT_EQ(moved.status, 301u);
  EXPECT_EQ(Header(moved, "Location"), "/htx/htx-ong-mat-tam-dao-345?lang=en");
  EXPECT_EQ(Get(PageKind::kEntity, "345").status, 301u);
  EXPECT_EQ(Get(PageKind::kEntity, "htx-ong-mat-tam-dao-999").status, 404u);
  Answer missing = Get(PageKind::kEntity, "htx-khong-so");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_TRUE(Has(missing.body, "<h1>Không tìm thấy trang</h1>"));
  CheckAccessible(missing.body, "vi");
}

TEST_F(PortalTest, ProvincePage) {
  Answer moved = Get(PageKind::kProvince, "01");
  EXPECT_EQ(moved.status, 301u);
  EXPECT_EQ(Header(moved, "Location"), "/tinh/ha-noi");
  Answer page = Get(PageKind::kProvince, "ha-noi", {{"lang", "en"}});
  ASSERT_EQ(page.status, 200u);
  EXPECT_TRUE(Has(page.body, "<h1>Ha Noi</h1>"));
  EXPECT_TRUE(Has(page.body, "<a href=\"/thong-ke/01?lang=en\">Statistics of the province</a>"));
  EXPECT_TRUE(Has(page.body, "<a href=\"/tin-tuc?tinh=01&amp;lang=en\">All news</a>"));
  CheckAccessible(page.body, "en");
  EXPECT_EQ(Get(PageKind::kProvince, "atlantis").status, 404u);
}

TEST_F(PortalTest, StatisticsWithWithheldFigures) {
  Answer page = Get(PageKind::kStats);
  ASSERT_EQ(page.status, 200u);
  EXPECT_TRUE(Has(page.body, "<h1>Thống kê hợp tác xã — cả nước</h1>"));
  EXPECT_TRUE(Has(page.body, "Số liệu tại ngày 06/12/2026"));
  // 2,198 of 5,752 members are women: 38.2 %; the women among workers are withheld.
  EXPECT_TRUE(Has(page.body, "<td class=\"num\">5.752</td><td class=\"num\">2.198</td><td class=\"num\">38,2 %</td>"));
  EXPECT_TRUE(Has(page.body,
                  "<td class=\"num\">1.234</td><td class=\"num\"><span aria-hidden=\"true\">—</span>"
                  "<span class=\"sr\">không công bố</span></td>"));
  EXPECT_TRUE(Has(page.body, "Dấu “—”: số liệu không công bố vì nhóm có dưới 3 đơn vị"));
  EXPECT_TRUE(Has(page.body, "phương pháp khóa ô"));
  // Bars: the widest is 100 %, the others in proportion (founded per year: 2015 → 4, 2016 → 1).
  EXPECT_TRUE(Has(page.body,
                  "<th scope=\"row\">2015</th><td class=\"num\">4</td><td class=\"bar\" aria-hidden=\"true\"><span "
                  "style=\"width:100%\">"));
  EXPECT_TRUE(Has(page.body,
                  "<th scope=\"row\">2016</th><td class=\"num\">1</td><td class=\"bar\" aria-hidden=\"true\"><span "
                  "style=\"width:25%\">"));
  EXPECT_TRUE(Has(page.body, "<a href=\"/thong-ke/79\">Hồ Chí Minh</a>"));
  CheckAccessible(page.body, "vi");
  Answer province = Get(PageKind::kStats, "79", {{"lang", "en"}});
  EXPECT_TRUE(Has(province.body, "<h1>Cooperative statistics — Ho Chi Minh City</h1>"));
  EXPECT_TRUE(Has(province.body, "<td class=\"num\">38.2 %</td>"));
  EXPECT_FALSE(Has(province.body, "id=\"provinces\""));
  CheckAccessible(province.body, "en");
  EXPECT_EQ(Get(PageKind::kStats, "98").status, 404u);
}

TEST_F(PortalTest, OpenData) {
  Answer page = Get(PageKind::kOpenData);
  EXPECT_TRUE(Has(page.body, "<h1>Dữ liệu mở</h1>"));
  EXPECT_TRUE(
      Has(page.body,
          "<a href=\"/du-lieu-mo/htx.csv\" download>CSV</a> · <a href=\"/du-lieu-mo/htx.xlsx\" download>XLSX</a>"));
  EXPECT_TRUE(Has(page.body, "<a rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/deed.vi\">"));
  EXPECT_TRUE(
      Has(page.body,
          "<tr><th scope=\"row\"><code>founded_on</code></th><td>date</td><td>Ngày thành lập (YYYY-MM-DD)</td></tr>"));
  EXPECT_TRUE(Has(page.body,
                  "Liên minh Hợp tác xã Việt Nam, Dữ liệu mở về hợp tác xã, https://hoptac.example/du-lieu-mo, giấy "
                  "phép CC BY 4.0."));
  CheckAccessible(page.body, "vi");
  Answer en = Get(PageKind::kOpenData, {}, {{"lang", "en"}});
  EXPECT_TRUE(Has(en.body, "deed.en"));
  EXPECT_TRUE(Has(en.body, "<td>Date founded (YYYY-MM-DD)</td>"));
  ASSERT_TRUE(FindOpenDataFile("htx.csv"));
  EXPECT_EQ(FindOpenDataFile("htx.csv")->download_name, "hoptac-htx.csv");
  EXPECT_FALSE(FindOpenDataFile("../etc/passwd"));
}

TEST_F(PortalTest, RssIsValidXml) {
  Answer rss = Get(PageKind::kRss);
  EXPECT_EQ(rss.content_type, "application/rss+xml; charset=utf-8");
  int items = 0;
  EXPECT_EQ(ParseXml(rss.body, "item", &items), "");
  EXPECT_EQ(items, 30);
  EXPECT_TRUE(Has(rss.body, "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_TRUE(Has(rss.body, "<link>https://hoptac.example/tin-tuc/" + kArticleSlug + "</link>"));
  EXPECT_TRUE(Has(rss.body, "<pubDate>Tue, 02 Dec 2025 03:00:00 +0000</pubDate>"));
  EXPECT_TRUE(Has(rss.body, "<atom:link href=\"https://hoptac.example/rss.xml\" rel=\"self\""));
  Answer policy = Get(PageKind::kRss, "chinh-sach.xml");
  items = 0;
  EXPECT_EQ(ParseXml(policy.body, "item", &items), "");
  EXPECT_EQ(items, 5);
  EXPECT_TRUE(Has(policy.body, "<title>Liên minh Hợp tác xã Việt Nam — Chính sách</title>"));
  EXPECT_EQ(Get(PageKind::kRss, "khong-co.xml").status, 404u);
  EXPECT_EQ(Get(PageKind::kRss, "chinh-sach").status, 404u);
}

TEST_F(PortalTest, SitemapsInFilesOfAtMostThePageSize) {
  options_.sitemap_page_size = 7;
  portal_ = std::make_unique<Portal>(content_, options_, [this] { return now_ms_; });
  Answer index = Get(PageKind::kSitemapIndex);
  int files = 0;
  EXPECT_EQ(ParseXml(index.body, "sitemap", &files), "");
  // trang-1, 30 articles in 5 files, 40 products in 6, 20 cooperatives in 3.
  EXPECT_EQ(files, 1 + 5 + 6 + 3);
  EXPECT_TRUE(Has(index.body, "<loc>https://hoptac.example/sitemap/htx-3.xml</loc>"));
  EXPECT_FALSE(Has(index.body, "htx-4.xml"));
  Answer last = Get(PageKind::kSitemap, "htx-3.xml");
  int urls = 0;
  EXPECT_EQ(ParseXml(last.body, "url", &urls), "");
  EXPECT_EQ(urls, 6);  // 20 = 7 + 7 + 6
  EXPECT_TRUE(Has(last.body, "<loc>https://hoptac.example/htx/hop-tac-xa-nong-nghiep-dong-tam-20-360</loc>"));
  Answer pages = Get(PageKind::kSitemap, "trang-1.xml");
  EXPECT_EQ(ParseXml(pages.body), "");
  EXPECT_TRUE(Has(pages.body, "<loc>https://hoptac.example/tinh/ho-chi-minh</loc>"));
  EXPECT_TRUE(Has(pages.body, "<loc>https://hoptac.example/tin-tuc?chuyen-muc=hoat-dong</loc>"));
  Answer articles = Get(PageKind::kSitemap, "tin-tuc-1.xml");
  EXPECT_TRUE(Has(articles.body, "<url><loc>https://hoptac.example/tin-tuc/" + kArticleSlug +
                                     "</loc><lastmod>2025-12-02</lastmod></url>"));
  EXPECT_EQ(Get(PageKind::kSitemap, "htx-4.xml").status, 404u);
  EXPECT_EQ(Get(PageKind::kSitemap, "htx-0.xml").status, 404u);
  EXPECT_EQ(Get(PageKind::kSitemap, "khac-1.xml").status, 404u);
  Answer robots = Get(PageKind::kRobots);
  EXPECT_TRUE(Has(robots.body, "Disallow: /app/\n"));
  EXPECT_TRUE(Has(robots.body, "Sitemap: https://hoptac.example/sitemap.xml\n"));
}

TEST_F(PortalTest, ArticlePageWeighsLessThan50KB) {
  std::string body = SampleContent::BodyHtml(1500);
  std::string words = std::regex_replace(body, std::regex("<[^>]+>"), " ");
  std::istringstream in(words);
  int count = 0;
  for (std::string w; in >> w;) ++count;
  EXPECT_GE(count, 1500);
  Answer page = Get(PageKind::kArticle, kArticleSlug);
  Answer css = Get(PageKind::kCss, {}, {{"v", std::string(StyleVersion())}});
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Header(css, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_LE(page.body.size() + css.body.size(), 50u * 1024u)
      << "HTML " << page.body.size() << " B, CSS " << css.body.size() << " B";
  EXPECT_LE(css.body.size(), 6u * 1024u);
  // Contrast of the colours the stylesheet uses for text (WCAG: ≥ 4.5:1).
  auto luminance = [](int rgb) {
    auto channel = [](int c) {
      double v = c / 255.0;
      return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255);
  };
  auto contrast = [&](int a, int b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
  };
  for (auto [fg, bg] : std::vector<std::pair<int, int>>{{0x1a1a1a, 0xffffff},
                                                        {0x0a4f8a, 0xffffff},
                                                        {0xffffff, 0x0b4a38},
                                                        {0x555555, 0xffffff},
                                                        {0x555555, 0xf4f6f5},
                                                        {0x7a4a00, 0xffffff},
                                                        {0xb45309, 0xffffff}}) {
    EXPECT_GE(contrast(fg, bg), 4.5) << std::hex << fg << " on " << bg;
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%06x", fg);
    std::string written = fg == 0x555555 ? "#555" : hex;  // the stylesheet's short form
    if (fg != 0xffffff) {
      EXPECT_TRUE(Has(css.body, written)) << written;
    }
  }
}

TEST_F(PortalTest, CacheHitsMissesAndGenerations) {
  Answer first = Get(PageKind::kHome);
  EXPECT_FALSE(first.cache_hit);
  int queries = content_.queries.load();
  Answer second = Get(PageKind::kHome, {}, {{"utm_source", "x"}, {"trang", "7"}});  // ignored names
  EXPECT_TRUE(second.cache_hit);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(content_.queries.load(), queries);                         // a hit asks Content nothing
  EXPECT_FALSE(Get(PageKind::kHome, {}, {{"lang", "en"}}).cache_hit);  // another language
  EXPECT_EQ(portal_->CacheStats().entries, 2u);

  content_.articles.front().title = "Tin mới nhất sau khi sửa";
  content_.Touch();
  Answer after = Get(PageKind::kHome);
  EXPECT_FALSE(after.cache_hit);
  EXPECT_TRUE(Has(after.body, "Tin mới nhất sau khi sửa"));
  EXPECT_EQ(portal_->CacheStats().entries, 1u);  // the other generation's pages are gone

  now_ms_ += 59'999;
  EXPECT_TRUE(Get(PageKind::kHome).cache_hit);
  now_ms_ += 1;  // 60 s after it was rendered
  EXPECT_FALSE(Get(PageKind::kHome).cache_hit);
  Portal::Stats stats = portal_->CacheStats();
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.misses, 4u);
  EXPECT_EQ(stats.bytes, after.body.size());
}

TEST_F(PortalTest, CacheIsBoundedAndKeepsOnly200) {
  options_.cache_entries = 2;
  portal_ = std::make_unique<Portal>(content_, options_, [this] { return now_ms_; });
  Get(PageKind::kHome);
  Get(PageKind::kNewsList);
  Get(PageKind::kHome);  // the home page is now the most recently used
  Get(PageKind::kProducts);
  EXPECT_EQ(portal_->CacheStats().entries, 2u);
  EXPECT_TRUE(Get(PageKind::kHome).cache_hit);
  EXPECT_FALSE(Get(PageKind::kNewsList).cache_hit);  // the least recently used went
  // 404s and redirects are not kept.
  Get(PageKind::kArticle, "khong-co");
  EXPECT_FALSE(Get(PageKind::kArticle, "khong-co").cache_hit);
  EXPECT_FALSE(Get(PageKind::kEntity, "ten-cu-345").cache_hit);
  EXPECT_FALSE(Get(PageKind::kEntity, "ten-cu-345").cache_hit);
}

TEST_F(PortalTest, RequestsMissingTogetherWaitForOneRendering) {
  content_.on_query = [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&] {
      if (Get(PageKind::kHome).status == 200) ok.fetch_add(1);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 6);
  // One rendering of the home page: categories, articles, statistics, featured products,
  // product categories — not six times that.
  EXPECT_EQ(content_.queries.load(), 5);
}

TEST_F(PortalTest, ViewsAreCountedOnCacheHits) {
  for (int i = 0; i < 3; ++i) Get(PageKind::kArticle, kArticleSlug);
  Answer hit = Get(PageKind::kArticle, kArticleSlug, {{"x", "1"}});
  EXPECT_TRUE(hit.cache_hit);
  EXPECT_EQ(content_.views().at(1), 4);
  Get(PageKind::kArticle, "khong-co");
  Get(PageKind::kNewsList);
  EXPECT_EQ(content_.views().size(), 1u);
  Visit head;  // HEAD answers the page but is not a view
  head.count_view = false;
  EXPECT_TRUE(portal_->Serve(PageKind::kArticle, kArticleSlug, head).cache_hit);
  EXPECT_EQ(content_.views().at(1), 4);
}

TEST_F(PortalTest, FailuresAnswer503AndAreNotCached) {
  content_.fail = true;
  Answer failed = Get(PageKind::kHome);
  EXPECT_EQ(failed.status, 503u);
  EXPECT_EQ(Header(failed, "Retry-After"), "30");
  EXPECT_TRUE(Has(failed.body, "<h1>Hệ thống tạm thời không trả lời</h1>"));
  content_.fail = false;
  Answer ok = Get(PageKind::kHome);
  EXPECT_EQ(ok.status, 200u);
  EXPECT_FALSE(ok.cache_hit);
}

TEST(PortalRoutes, RegistersThePublicPagesOnTheWorkers) {
  SampleContent content;
  content.Fill(3, 3, 3);
  http::Router router;
  api::AddRoutes(router, {&content, {}});
  std::vector<std::string> patterns;
  for (const auto& route : router.routes()) {
    EXPECT_EQ(route.access, http::Access::kPublic);
    EXPECT_EQ(route.execution, http::Execution::kWorker);
    EXPECT_EQ(route.method, "GET");
    patterns.push_back(route.pattern);
  }
  for (const char* p : {"/", "/tin-tuc", "/tin-tuc/{slug}", "/san-pham", "/san-pham/{slug}", "/htx/{slug}",
                        "/tinh/{province}", "/thong-ke", "/thong-ke/{province}", "/du-lieu-mo", "/du-lieu-mo/{file}",
                        "/rss.xml", "/rss/{file}", "/sitemap.xml", "/sitemap/{file}", "/robots.txt", "/portal.css"})
    EXPECT_NE(std::find(patterns.begin(), patterns.end(), p), patterns.end()) << p;

  auto match = router.Match("GET", "/htx/ten-cu-342");
  ASSERT_TRUE(match.route);
  http::Request request;
  request.method = "GET";
  request.path = "/htx/ten-cu-342";
  request.path_params = match.params;
  Result<http::Response> moved = match.route->handler(request);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->status, 301u);

  auto file = router.Match("GET", "/du-lieu-mo/htx.csv");
  request.path_params = file.params;
  Result<http::Response> csv = file.route->handler(request);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->content_type, "text/csv; charset=utf-8");
  ASSERT_FALSE(csv->file_path.empty());
  std::ifstream in(csv->file_path);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "id,name,kind,province_code,founded_on");
  std::remove(csv->file_path.c_str());
  auto other = router.Match("GET", "/du-lieu-mo/x.csv");
  request.path_params = other.params;
  EXPECT_EQ(other.route->handler(request)->status, 404u);
}

}  // namespace
}  // namespace hoptac::portal

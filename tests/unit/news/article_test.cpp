// The news model (src/news/article.h, markdown.h, view_counter.h): slugs folded from Vietnamese
// titles and made unique, the Markdown sanitiser (scripts, event attributes, javascript: links,
// iframes), the workflow's moves, times read with their offsets, and the view counter's rules
// (once per reader per article per Việt Nam day, robots ignored, at most 30 views a minute).
#include "news/article.h"

#include <gtest/gtest.h>

#include <set>

#include "news/markdown.h"
#include "news/view_counter.h"

namespace hoptac::news {
namespace {

TEST(NewsSlug, TheTitleIsFoldedToAsciiWordsJoinedByDashes) {
  EXPECT_EQ(Slugify("Liên minh HTX tỉnh gặp mặt, đối thoại với HTX"), "lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx");
  EXPECT_EQ(Slugify("  Đà Nẵng: 100% HTX — “đổi mới”!  "), "da-nang-100-htx-doi-moi");
  EXPECT_EQ(Slugify("ĐẠI HỘI Đại biểu"), "dai-hoi-dai-bieu");
  EXPECT_EQ(Slugify("!!! — ???"), "");
  EXPECT_EQ(Slugify(""), "");
}

TEST(NewsSlug, ALongTitleIsCutAtADashWithinEightyCharacters) {
  std::string title;
  for (int i = 0; i < 10; ++i) title += "Hợp tác xã ";
  // "hop-tac-xa-" × 10 is 109 characters; character 80 is a dash, so the cut is at 80.
  const std::string slug = Slugify(title);
  EXPECT_EQ(slug, "hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop");
  EXPECT_EQ(slug.size(), 80u);
  // One word of 100 letters is cut at the limit.
  EXPECT_EQ(Slugify(std::string(100, 'a')), std::string(80, 'a'));
  // "aaaa…(78)-bbbbbb": the dash at 78 is the last one within 80.
  EXPECT_EQ(Slugify(std::string(78, 'a') + " bbbbbb"), std::string(78, 'a'));
}

TEST(NewsSlug, ACollisionTakesTheNextFreeNumber) {
  std::set<std::string> taken = {"gap-mat", "gap-mat-2"};
  auto is_taken = [&](const std::string& s) { return taken.count(s) > 0; };
  EXPECT_EQ(UniqueSlug("gap-mat", is_taken), "gap-mat-3");
  EXPECT_EQ(UniqueSlug("doi-thoai", is_taken), "doi-thoai");
  EXPECT_EQ(UniqueSlug("", is_taken), "bai-viet");
  taken.insert("bai-viet");
  EXPECT_EQ(UniqueSlug("", is_taken), "bai-viet-2");
  // A base of 80 characters makes room for its suffix by cutting at a dash.
  const std::string long_base = "hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop";
  taken.insert(long_base);
  EXPECT_EQ(UniqueSlug(long_base, is_taken),
            "hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-hop-tac-xa-2");
}

TEST(NewsKeywords, AreMatchedOnTheirFoldedForm) {
  EXPECT_EQ(FoldKeyword("Hợp  tác xã"), "hop tac xa");
  EXPECT_EQ(FoldKeyword(" ĐỐI THOẠI "), "doi thoai");
  EXPECT_EQ(FoldKeyword("doi thoai"), FoldKeyword("Đối thoại"));
}

TEST(NewsMarkdown, ScriptsEventAttributesJavascriptLinksAndIframesAreRemoved) {
  const std::string html = RenderMarkdown(
      "Xin chào <script>alert(1)</script>\n\n"
      "<img src=x onerror=alert(1)>\n\n"
      "[x](javascript:alert(1)) [v](vbscript:msgbox) [f](file:///etc/passwd) [d](data:text/html,<b>x</b>)\n\n"
      "<a href=\"javascript:alert(2)\">y</a>\n\n"
      "<iframe src=\"https://evil.example\"></iframe>\n\n"
      "<div onclick=\"alert(3)\">z</div>\n\n"
      "[ok](https://hoptac.vn/a?b=1&c=2) **đậm**\n");
  for (const char* absent : {"<script", "onerror", "onclick", "javascript:", "vbscript:", "file:", "data:text",
                             "<iframe", "<img", "<div", "<a href=\"javascript"})
    EXPECT_EQ(html.find(absent), std::string::npos) << absent << " in " << html;
  EXPECT_NE(html.find("<a href=\"\">x</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://hoptac.vn/a?b=1&amp;c=2\">ok</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>đậm</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("<!-- raw HTML omitted -->"), std::string::npos) << html;
}

TEST(NewsMarkdown, RendersCommonMarkAndEscapesText) {
  EXPECT_EQ(RenderMarkdown("# Tiêu đề\n\nĐoạn *một* & <b\n\n- a\n- b\n"),
            "<h1>Tiêu đề</h1>\n<p>Đoạn <em>một</em> &amp; &lt;b</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  // An image keeps its alt text; a data: image is allowed, other data: is not.
  EXPECT_EQ(RenderMarkdown("![Toàn cảnh](https://hoptac.vn/media/5.jpg \"t\")"),
            "<p><img src=\"https://hoptac.vn/media/5.jpg\" alt=\"Toàn cảnh\" title=\"t\" /></p>\n");
  EXPECT_EQ(RenderMarkdown("![p](data:image/png;base64,AAAA)"),
            "<p><img src=\"data:image/png;base64,AAAA\" alt=\"p\" /></p>\n");
  // Invalid UTF-8 becomes U+FFFD.
  EXPECT_EQ(RenderMarkdown("a\xff"), "<p>a\xEF\xBF\xBD</p>\n");
}

TEST(NewsWorkflow, AllowsOnlyItsMoves) {
  EXPECT_TRUE(MayMove("draft", "submit"));
  EXPECT_TRUE(MayMove("draft", "publish"));
  EXPECT_TRUE(MayMove("in_review", "publish"));
  EXPECT_TRUE(MayMove("in_review", "return"));
  EXPECT_TRUE(MayMove("published", "unpublish"));
  EXPECT_TRUE(MayMove("draft", "delete"));
  EXPECT_FALSE(MayMove("in_review", "submit"));
  EXPECT_FALSE(MayMove("published", "submit"));
  EXPECT_FALSE(MayMove("published", "publish"));
  EXPECT_FALSE(MayMove("draft", "return"));
  EXPECT_FALSE(MayMove("published", "return"));
  EXPECT_FALSE(MayMove("draft", "unpublish"));
  EXPECT_FALSE(MayMove("in_review", "unpublish"));
  EXPECT_FALSE(MayMove("in_review", "delete"));
  EXPECT_FALSE(MayMove("published", "delete"));
  EXPECT_FALSE(MayMove("draft", "archive"));
  EXPECT_EQ(StatusAfter("submit"), "in_review");
  EXPECT_EQ(StatusAfter("publish"), "published");
  EXPECT_EQ(StatusAfter("return"), "draft");
  EXPECT_EQ(StatusAfter("unpublish"), "draft");
}

TEST(NewsWorkflow, ScheduledUntilItsTime) {
  Article a;
  a.status = "published";
  a.published_at_ms = 1'000;
  EXPECT_TRUE(Scheduled(a, 999));
  EXPECT_FALSE(Visible(a, 999));
  EXPECT_TRUE(Visible(a, 1'000));
  EXPECT_FALSE(Scheduled(a, 1'000));
  a.status = "draft";
  EXPECT_FALSE(Visible(a, 2'000));
  EXPECT_EQ(ArticleUrl("gap-mat"), "/tin-tuc/gap-mat");
}

TEST(NewsTime, InstantsAreReadWithTheirOffsets) {
  EXPECT_EQ(ParseInstant("2026-12-24T08:00:00+07:00"), 1798074000000);
  EXPECT_EQ(ParseInstant("2026-12-24T01:00:00Z"), 1798074000000);
  EXPECT_EQ(ParseInstant("2026-12-24T08:00"), 1798074000000);  // no offset: Việt Nam
  EXPECT_EQ(ParseInstant("2026-12-24T08:00:00+0700"), 1798074000000);
  EXPECT_EQ(ParseInstant("2026-12-24T05:30-05:00"), 1798108200000);
  EXPECT_EQ(ParseInstant("2026-12-24T08:00:30.25Z"), 1798099230250);
  EXPECT_EQ(ParseInstant("2026-12-24"), 1798045200000);  // midnight in Việt Nam
  for (const char* bad : {"", "24/12/2026", "2026-12-24T25:00Z", "2026-12-24T08:00+7", "2026-12-24T08:00:00+07:00x",
                          "2026-02-30T08:00Z", "2026-12-24T08:60Z", "2026-12-24T08:00:00."})
    EXPECT_FALSE(ParseInstant(bad).has_value()) << bad;
  EXPECT_EQ(InstantText(1798074000000), "2026-12-24T01:00:00Z");
  EXPECT_EQ(DayOf(1798045200000 - 1).ToIso(), "2026-12-23");  // 16:59:59.999 UTC
  EXPECT_EQ(DayOf(1798045200000).ToIso(), "2026-12-24");      // 17:00 UTC is the next day there
}

constexpr const char* kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
constexpr int64_t kNoon = 1798074000000 + 4 * 3'600'000;  // 2026-12-24 12:00 in Việt Nam

TEST(NewsViews, AReaderCountsOncePerArticlePerVietnamDay) {
  ViewCounter c;
  EXPECT_TRUE(c.Record(7, "1.2.3.4 A", kChrome, kNoon));
  EXPECT_FALSE(c.Record(7, "1.2.3.4 A", kChrome, kNoon + 60'000));
  EXPECT_TRUE(c.Record(8, "1.2.3.4 A", kChrome, kNoon + 60'000));  // another article
  EXPECT_TRUE(c.Record(7, "5.6.7.8 B", kChrome, kNoon + 60'000));  // another reader
  // 23:59 in Việt Nam is still the same day; 00:00 (17:00 UTC) is the next.
  const int64_t midnight = 1798045200000 + 86'400'000;
  EXPECT_FALSE(c.Record(7, "1.2.3.4 A", kChrome, midnight - 60'000));
  EXPECT_TRUE(c.Record(7, "1.2.3.4 A", kChrome, midnight));
  EXPECT_EQ(c.PendingOf(7), 3);
  EXPECT_EQ(c.PendingOf(8), 1);
  ViewCounter::Pending taken = c.Take();
  EXPECT_EQ(taken.size(), 3u);
  EXPECT_EQ((taken[{7, "2026-12-24"}]), 2);
  EXPECT_EQ((taken[{7, "2026-12-25"}]), 1);
  EXPECT_EQ((taken[{8, "2026-12-24"}]), 1);
  EXPECT_EQ(c.PendingOf(7), 0);
  // A failed flush gives them back, added to what came meanwhile.
  EXPECT_TRUE(c.Record(9, "1.2.3.4 A", kChrome, midnight + 1000));
  c.Restore(taken);
  EXPECT_EQ(c.PendingOf(7), 3);
  EXPECT_EQ(c.PendingOf(9), 1);
  EXPECT_EQ(c.Take().size(), 4u);
}

TEST(NewsViews, RobotsAreNotCounted) {
  ViewCounter c;
  int64_t at = kNoon;
  for (const char* agent :
       {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.4.0", "Wget/1.21",
        "python-requests/2.31.0", "Go-http-client/1.1", "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)", "Baiduspider", "AhrefsBot/7.0", "", "   "}) {
    EXPECT_TRUE(IsBot(agent)) << agent;
    EXPECT_FALSE(c.Record(7, std::string("reader ") + agent, agent, at += 1000)) << agent;
  }
  EXPECT_FALSE(IsBot(kChrome));
  EXPECT_FALSE(IsBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"));
  EXPECT_EQ(c.PendingOf(7), 0);
}

TEST(NewsViews, AReaderSeenMoreThanThirtyTimesInAMinuteIsIgnoredForThatMinute) {
  ViewCounter c;
  const int64_t minute = kNoon - kNoon % 60'000;
  int counted = 0;
  for (int article = 1; article <= 40; ++article)
    if (c.Record(article, "9.9.9.9 X", kChrome, minute + article * 1000)) ++counted;
  EXPECT_EQ(counted, 30);
  EXPECT_EQ(c.PendingOf(30), 1);
  EXPECT_EQ(c.PendingOf(31), 0);
  // Another reader is not affected; the next minute the reader counts again.
  EXPECT_TRUE(c.Record(35, "8.8.8.8 Y", kChrome, minute + 50'000));
  EXPECT_TRUE(c.Record(41, "9.9.9.9 X", kChrome, minute + 60'000));
  EXPECT_TRUE(c.Record(31, "9.9.9.9 X", kChrome, minute + 61'000));
}

}  // namespace
}  // namespace hoptac::news

// News (src/news/README.md) through the real server, on the backend named by HOPTAC_TEST_BACKEND:
// a province officer writes and submits an article and cannot publish it; the province's admin
// publishes it (the public sees it from then, not before, and not after it is unpublished);
// another province's admin gets 404; a scheduled article appears when its time comes (and the
// portal's generation changes then); every step is audited; views are counted once per reader
// and flushed additively, also by a second server on the same database; bad input is named by
// field; categories are extended by national admins only. The clock starts on 2026-06-30 10:00
// (UTC+7) and is moved by the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "base/log.h"
#include "news/article.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

constexpr int64_t kStartMs = 1782788400000;  // 2026-06-30 10:00 in Việt Nam
constexpr const char* kTitle = "Liên minh HTX tỉnh gặp mặt, đối thoại với HTX";
constexpr const char* kSlug = "lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx";
constexpr const char* kChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0";

class NewsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem(Options()));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("nadm", "national_admin");
    system_.AddUser("pa20", "province_admin", "20");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("pa01", "province_admin", "01");
    system_.AddUser("partner1", "partner");
  }

  app::SystemOptions Options() {
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [this] { return now_ms_.load(); };
    return options;
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  static std::string Path(int64_t id, const std::string& move = "") {
    return "/api/v1/articles/" + std::to_string(id) + (move.empty() ? "" : "/" + move);
  }

  int64_t Write(const std::string& as, const std::string& body) {
    Reply r = Call(bhttp::verb::post, "/api/v1/articles", as, body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  // A published article of province 20 in `category` with `keywords` (a JSON array).
  int64_t Published(const std::string& title, const std::string& category = "activities",
                    const std::string& keywords = "[]") {
    const int64_t id =
        Write("pa20", R"({"title":")" + title + R"(","category":")" + category + R"(","keywords":)" + keywords + "}");
    EXPECT_EQ(Call(bhttp::verb::post, Path(id, "publish"), "pa20").status, 200u);
    return id;
  }

  std::vector<std::string> Fields(const Reply& r) {
    std::vector<std::string> out;
    for (const json::value& f : r.Json().at("error").at("fields").as_array())
      out.emplace_back(f.at("field").as_string());
    return out;
  }

  std::vector<std::string> AuditActions(int64_t id) {
    Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=article:" + std::to_string(id), "nadm");
    EXPECT_EQ(audit.status, 200u) << audit.body;
    std::vector<std::string> actions;
    for (const json::value& row : audit.Json().at("items").as_array())
      actions.emplace_back(row.at("action").as_string());
    return actions;
  }

  // articles.views and the article_views rows (day → views) of an article.
  std::pair<int64_t, std::map<std::string, int64_t>> StoredViews(storage::Db& db, int64_t id) {
    int64_t views = -1;
    std::map<std::string, int64_t> days;
    const std::vector<storage::Value> params{storage::Int(id)};
    EXPECT_TRUE(db.Read([&](storage::Connection& conn) -> Status {
                    HOPTAC_TRY(conn.Query("SELECT views FROM articles WHERE id = $1", params,
                                          [&](const storage::RowView& row) -> Status {
                                            views = row.GetInt(0);
                                            return Ok();
                                          }));
                    return conn.Query("SELECT day, views FROM article_views WHERE article_id = $1", params,
                                      [&](const storage::RowView& row) -> Status {
                                        days[std::string(row.GetText(0))] = row.GetInt(1);
                                        return Ok();
                                      });
                  }).ok());
    return {views, days};
  }

  std::atomic<int64_t> now_ms_{kStartMs};
};

TEST_F(NewsTest, AProvinceOfficerWritesAndSubmitsAndTheProvinceAdminPublishes) {
  Reply made = Call(
      bhttp::verb::post, "/api/v1/articles", "po20",
      std::string(R"({"title":")") + kTitle +
          R"x(","summary":"Hội nghị đối thoại","body":"# Toàn cảnh\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",)x"
          R"("category":"activities","keywords":["đối thoại","Hợp tác xã","doi thoai"],)"
          R"("cover_image":{"id":5,"alt":"Toàn cảnh hội nghị"},"entity_ids":[12,3,12]})");
  ASSERT_EQ(made.status, 201u) << made.body;
  const json::value& a = made.Json();
  const int64_t id = a.at("id").as_int64();
  EXPECT_EQ(a.at("slug"), kSlug);
  EXPECT_EQ(a.at("url").as_string(), std::string("/tin-tuc/") + kSlug);
  EXPECT_EQ(a.at("lang"), "vi");
  EXPECT_EQ(a.at("province"), "20");
  EXPECT_EQ(a.at("province_name"), "Lạng Sơn");
  EXPECT_EQ(a.at("status"), "draft");
  EXPECT_EQ(a.at("scheduled"), false);
  EXPECT_TRUE(a.at("published_at").is_null());
  EXPECT_EQ(a.at("author"), "po20");
  EXPECT_EQ(a.at("views"), 0);
  EXPECT_EQ(a.at("keywords"), (json::array{"đối thoại", "Hợp tác xã"}));  // "doi thoai" folds like "đối thoại"
  EXPECT_EQ(a.at("entity_ids"), (json::array{3, 12}));
  EXPECT_EQ(a.at("cover_image").at("alt"), "Toàn cảnh hội nghị");
  EXPECT_EQ(a.at("body_html"), "<h1>Toàn cảnh</h1>\n<!-- raw HTML omitted -->\n<p><a href=\"\">x</a></p>\n");
  EXPECT_EQ(a.at("created_at"), "2026-06-30T03:00:00Z");

  // Not public yet; another province's admin does not see it.
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "pa01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "pa01", R"({"title":"Sửa"})").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles", "pa01").Json().at("total"), 0);

  // The officer submits; publishing is the admin's (403 naming who publishes).
  Reply submitted = Call(bhttp::verb::post, Path(id, "submit"), "po20");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.Json().at("status"), "in_review");
  Reply refused = Call(bhttp::verb::post, Path(id, "publish"), "po20");
  EXPECT_EQ(refused.status, 403u);
  EXPECT_NE(std::string(refused.Json().at("error").at("message").as_string()).find("province admin"), std::string::npos)
      << refused.body;
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "submit"), "po20").status, 409u);  // already in review

  now_ms_ += 3'600'000;
  Reply published = Call(bhttp::verb::post, Path(id, "publish"), "pa20");
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(published.Json().at("status"), "published");
  EXPECT_EQ(published.Json().at("published_at"), "2026-06-30T04:00:00Z");
  EXPECT_EQ(published.Json().at("scheduled"), false);

  // Now public: the article, the list, a keyword without accents, the category.
  Reply open = Call(bhttp::verb::get, Path(id), "");
  ASSERT_EQ(open.status, 200u);
  EXPECT_EQ(open.Json().at("title"), kTitle);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "pa01").status, 200u);  // a published article is public
  Reply list = Call(bhttp::verb::get, "/api/v1/articles?keyword=doi%20thoai&category=activities&province=20", "");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.Json().at("total"), 1);
  EXPECT_EQ(list.Json().at("items").at(0).at("slug"), kSlug);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles?keyword=doi", "").Json().at("total"), 0);  // exact keyword
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles?q=GAP%20MAT", "").Json().at("total"), 1);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles?category=policy", "").Json().at("total"), 0);

  // A published article is changed by the admin only; its slug stays.
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "po20", R"({"summary":"x"})").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "pa01", R"({"summary":"x"})").status, 404u);
  Reply renamed = Call(bhttp::verb::patch, Path(id), "pa20", R"({"title":"Đối thoại với HTX tỉnh Lạng Sơn"})");
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(renamed.Json().at("slug"), kSlug);
  // Another article of the same title takes the next slug.
  const int64_t twin = Write("po20", std::string(R"({"title":")") + kTitle + R"(","category":"activities"})");
  EXPECT_EQ(Call(bhttp::verb::get, Path(twin), "po20").Json().at("slug").as_string(), std::string(kSlug) + "-2");

  // Publishing twice is a conflict naming the status in words.
  Reply twice = Call(bhttp::verb::post, Path(id, "publish"), "pa20");
  EXPECT_EQ(twice.status, 409u);
  EXPECT_EQ(twice.Json().at("error").at("fields").at(0).at("message"), "Published") << twice.body;

  // Unpublished: hidden again.
  Reply down = Call(bhttp::verb::post, Path(id, "unpublish"), "pa20");
  ASSERT_EQ(down.status, 200u) << down.body;
  EXPECT_EQ(down.Json().at("status"), "draft");
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles", "").Json().at("total"), 0);

  // Every step audited, in the province's log, named by the title.
  EXPECT_EQ(AuditActions(id), (std::vector<std::string>{"article.unpublish", "article.update", "article.publish",
                                                        "article.submit", "article.create"}));
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=article:" + std::to_string(id), "pa20");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  EXPECT_EQ(audit.Json().at("items").at(0).at("object_name"), "Đối thoại với HTX tỉnh Lạng Sơn");
  EXPECT_EQ(audit.Json().at("items").at(2).at("after").at("status"), "published");
  EXPECT_EQ(audit.Json().at("items").at(2).at("before").at("status"), "in_review");
}

TEST_F(NewsTest, AScheduledArticleAppearsWhenItsTimeComes) {
  const int64_t id = Write("pa20", R"({"title":"Hội chợ OCOP","category":"trade"})");
  const uint64_t before = system_.system().news().Generation();
  Reply scheduled = Call(bhttp::verb::post, Path(id, "publish"), "pa20", R"({"at":"2026-06-30T12:00:00+07:00"})");
  ASSERT_EQ(scheduled.status, 200u) << scheduled.body;
  EXPECT_EQ(scheduled.Json().at("scheduled"), true);
  EXPECT_EQ(scheduled.Json().at("published_at"), "2026-06-30T05:00:00Z");
  const uint64_t after_write = system_.system().news().Generation();
  EXPECT_NE(after_write, before);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "po20").Json().at("scheduled"), true);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "pa01").status, 404u);

  now_ms_ = kStartMs + 2 * 3'600'000 - 1;  // 11:59:59.999
  EXPECT_EQ(system_.system().news().Generation(), after_write);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 404u);
  now_ms_ = kStartMs + 2 * 3'600'000;  // 12:00
  const uint64_t at_time = system_.system().news().Generation();
  EXPECT_NE(at_time, after_write);
  EXPECT_EQ(system_.system().news().Generation(), at_time);  // once
  Reply open = Call(bhttp::verb::get, Path(id), "");
  ASSERT_EQ(open.status, 200u);
  EXPECT_EQ(open.Json().at("scheduled"), false);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles", "").Json().at("total"), 1);

  // A bad time is a field error.
  const int64_t other = Write("pa20", R"({"title":"Khác","category":"trade"})");
  Reply bad = Call(bhttp::verb::post, Path(other, "publish"), "pa20", R"({"at":"24/12/2026"})", "vi");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(Fields(bad), std::vector<std::string>{"at"});
}

TEST_F(NewsTest, ViewsAreCountedOncePerReaderAndFlushedAdditively) {
  const int64_t id = Published("Tập huấn HTX", "training");
  news::NewsService& news = system_.system().news();
  EXPECT_TRUE(news.RecordView(id, "1.1.1.1 A", kChrome, now_ms_));
  EXPECT_FALSE(news.RecordView(id, "1.1.1.1 A", kChrome, now_ms_ + 1000));
  EXPECT_TRUE(news.RecordView(id, "2.2.2.2 B", kChrome, now_ms_ + 2000));
  EXPECT_FALSE(news.RecordView(id, "3.3.3.3 C", "Googlebot/2.1", now_ms_ + 3000));
  EXPECT_TRUE(news.RecordView(id, "3.3.3.3 C", kChrome, now_ms_ + 4000));
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").Json().at("views"), 3);  // pending
  ASSERT_TRUE(news.FlushViews().ok());
  auto [views, days] = StoredViews(system_.system().db(), id);
  EXPECT_EQ(views, 3);
  EXPECT_EQ(days, (std::map<std::string, int64_t>{{"2026-06-30", 3}}));
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").Json().at("views"), 3);  // stored

  // The next day (Việt Nam) the same reader counts again; a second server on the same database
  // adds its own counts.
  const int64_t tomorrow = kStartMs + 86'400'000;
  EXPECT_TRUE(news.RecordView(id, "1.1.1.1 A", kChrome, tomorrow));
  testing::TestSystem second;
  ASSERT_TRUE(second.Join(url_, Options()));
  EXPECT_TRUE(second.system().news().RecordView(id, "1.1.1.1 A", kChrome, tomorrow));
  EXPECT_TRUE(second.system().news().RecordView(id, "4.4.4.4 D", kChrome, kStartMs + 5000));
  ASSERT_TRUE(second.system().news().FlushViews().ok());
  ASSERT_TRUE(news.FlushViews().ok());
  auto [views2, days2] = StoredViews(system_.system().db(), id);
  EXPECT_EQ(views2, 6);
  EXPECT_EQ(days2, (std::map<std::string, int64_t>{{"2026-06-30", 4}, {"2026-07-01", 2}}));
  // Shutdown flushes what is pending.
  EXPECT_TRUE(second.system().news().RecordView(id, "5.5.5.5 E", kChrome, tomorrow));
  second.Stop();
  EXPECT_EQ(StoredViews(system_.system().db(), id).first, 7);
}

TEST_F(NewsTest, ScopeRolesAndBadInput) {
  // A province officer writes for its province only; national articles are the national staff's.
  Reply national = Call(bhttp::verb::post, "/api/v1/articles", "po20",
                        R"({"title":"Chính sách mới","category":"policy","province":null})");
  EXPECT_EQ(national.status, 403u);
  EXPECT_EQ(Fields(national), std::vector<std::string>{"province"});
  Reply other = Call(bhttp::verb::post, "/api/v1/articles", "po20",
                     R"({"title":"Chính sách mới","category":"policy","province":"01"})");
  EXPECT_EQ(other.status, 403u);
  EXPECT_EQ(Fields(other), std::vector<std::string>{"province"});
  const int64_t nat = Write("nat", R"({"title":"Chính sách mới","category":"policy"})");
  EXPECT_TRUE(Call(bhttp::verb::get, Path(nat), "nat").Json().at("province").is_null());
  EXPECT_EQ(Call(bhttp::verb::get, Path(nat), "po20").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::post, Path(nat, "publish"), "pa20").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::post, Path(nat, "publish"), "nat").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(nat), "po20").status, 200u);  // published: public

  // Partners and the public write nothing.
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/articles", "partner1", R"({"title":"x","category":"policy"})").status,
            403u);
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/articles", "", R"({"title":"x","category":"policy"})").status, 401u);

  // Every problem named by its field.
  Reply bad = Call(bhttp::verb::post, "/api/v1/articles", "pa20",
                   R"({"title":"  ","category":"sports","lang":"fr","keywords":["a",3],)"
                   R"("cover_image":{"id":4},"entity_ids":[-1],"colour":"red"})");
  EXPECT_EQ(bad.status, 400u);
  std::vector<std::string> fields = Fields(bad);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"colour", "keywords[1]"})) << bad.body;  // the body's types first
  Reply bad2 = Call(bhttp::verb::post, "/api/v1/articles", "pa20",
                    R"({"title":"  ","category":"sports","lang":"fr","cover_image":{"id":4},"entity_ids":[-1]})", "vi");
  EXPECT_EQ(bad2.status, 400u);
  fields = Fields(bad2);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"category", "cover_image.alt", "entity_ids[0]", "lang", "title"}))
      << bad2.body;

  // Delete: drafts only.
  const int64_t draft = Write("po20", R"({"title":"Nháp","category":"models"})");
  const int64_t review = Write("po20", R"({"title":"Chờ duyệt","category":"models"})");
  ASSERT_EQ(Call(bhttp::verb::post, Path(review, "submit"), "po20").status, 200u);
  Reply no = Call(bhttp::verb::delete_, Path(review), "po20");
  EXPECT_EQ(no.status, 409u);
  EXPECT_EQ(no.Json().at("error").at("fields").at(0).at("message"), "In review");
  EXPECT_EQ(Call(bhttp::verb::delete_, Path(draft), "pa01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::delete_, Path(draft), "po20").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(draft), "po20").status, 404u);
  EXPECT_EQ(AuditActions(draft), (std::vector<std::string>{"article.delete", "article.create"}));

  // Sent back with a note, which the writer sees.
  Reply back = Call(bhttp::verb::post, Path(review, "return"), "pa20", R"({"note":"Thêm ảnh"})");
  ASSERT_EQ(back.status, 200u) << back.body;
  EXPECT_EQ(back.Json().at("status"), "draft");
  EXPECT_EQ(back.Json().at("review_note"), "Thêm ảnh");
  EXPECT_EQ(Call(bhttp::verb::post, Path(review, "return"), "po20", R"({"note":"x"})").status, 403u);
}

TEST_F(NewsTest, TranslationsRelatedArticlesCategoriesAndThePreview) {
  const int64_t vi = Published("Hợp tác quốc tế với Hàn Quốc", "international", R"(["hàn quốc"])");
  Reply en = Call(bhttp::verb::post, "/api/v1/articles", "pa20",
                  R"({"title":"Cooperation with Korea","category":"international","lang":"en","translation_of":)" +
                      std::to_string(vi) + "}");
  ASSERT_EQ(en.status, 201u) << en.body;
  const int64_t en_id = en.Json().at("id").as_int64();
  EXPECT_EQ(en.Json().at("translations"),
            (json::array{json::object{{"id", vi}, {"lang", "vi"}, {"slug", "hop-tac-quoc-te-voi-han-quoc"}}}));
  // The public sees the English version once it is published.
  EXPECT_EQ(Call(bhttp::verb::get, Path(vi), "").Json().at("translations").as_array().size(), 0u);
  ASSERT_EQ(Call(bhttp::verb::post, Path(en_id, "publish"), "pa20").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(vi), "").Json().at("translations").at(0).at("lang"), "en");
  Reply twice =
      Call(bhttp::verb::post, "/api/v1/articles", "pa20",
           R"({"title":"Again","category":"international","lang":"en","translation_of":)" + std::to_string(vi) + "}");
  EXPECT_EQ(Fields(twice), std::vector<std::string>{"translation_of"});

  // Related: same category or a shared keyword, same language, newest first, not itself.
  now_ms_ += 60'000;
  const int64_t by_keyword = Published("Doanh nghiệp Hàn Quốc thăm HTX", "trade", R"(["Han Quoc"])");
  now_ms_ += 60'000;
  const int64_t by_category = Published("Đoàn công tác Nhật Bản", "international");
  Published("Không liên quan", "training");
  auto related = system_.system().news().Related(auth::Principal::Anonymous(), vi, 5);
  ASSERT_TRUE(related.ok());
  std::vector<int64_t> ids;
  for (const news::ArticleView& v : *related) ids.push_back(v.article.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{by_category, by_keyword}));
  auto by_slug = system_.system().news().GetBySlug(auth::Principal::Anonymous(), "doan-cong-tac-nhat-ban");
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(by_slug->article.id, by_category);
  EXPECT_EQ(by_slug->category_slug, "hop-tac-quoc-te");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/articles?lang=en", "").Json().at("total"), 1);

  // Categories: public; national admins add more.
  Reply categories = Call(bhttp::verb::get, "/api/v1/news-categories", "");
  ASSERT_EQ(categories.status, 200u);
  std::vector<std::string> slugs;
  for (const json::value& c : categories.Json().at("items").as_array()) slugs.emplace_back(c.at("slug").as_string());
  EXPECT_EQ(slugs, (std::vector<std::string>{"hoat-dong", "chinh-sach", "mo-hinh-dien-hinh", "dao-tao",
                                             "xuc-tien-thuong-mai", "hop-tac-quoc-te"}));
  const std::string sport = R"({"code":"digital","name":"Chuyển đổi số","name_en":"Digital transformation"})";
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/news-categories", "nat", sport).status, 403u);
  Reply added = Call(bhttp::verb::post, "/api/v1/news-categories", "nadm", sport);
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.Json().at("slug"), "chuyen-doi-so");
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/news-categories", "nadm", sport).status, 400u);

  // The editor's preview: the same renderer.
  Reply preview = Call(bhttp::verb::post, "/api/v1/articles/preview", "po20",
                       R"({"body":"**a** <iframe src=x></iframe> <img src=x onerror=alert(1)>"})");
  ASSERT_EQ(preview.status, 200u) << preview.body;
  EXPECT_EQ(preview.Json().at("body_html"),
            "<p><strong>a</strong> <!-- raw HTML omitted --><!-- raw HTML omitted --> <!-- raw HTML omitted --></p>\n");
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/articles/preview", "partner1", R"({"body":"x"})").status, 403u);
}

}  // namespace
}  // namespace hoptac

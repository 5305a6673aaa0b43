// What a portal cache miss costs (docs/perf.md may quote it): 2,000 published articles, then the
// median time of the service calls the portal makes — a list page by category, an article by slug,
// its related articles — and the cost of Generation() (every portal request) and RecordView. Not
// part of the suite: run with
//   build/dev/tests/hoptac_integration_tests --gtest_also_run_disabled_tests --gtest_filter='NewsBench.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/log.h"
#include "news/news_store.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

class NewsBench : public testing::SystemTest {};

double MedianUs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class F>
double TimeUs(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(NewsBench, DISABLED_ThePortalsCallsOverTwoThousandArticles) {
  log::SetQuiet(true);
  ASSERT_TRUE(CreateSystem());
  const char* categories[] = {"activities", "policy", "models", "training", "trade", "international"};
  const char* provinces[] = {"01", "20", "79", "24", ""};
  const int64_t start_ms = 1'767'225'600'000;  // 2026-01-01
  ASSERT_TRUE(system_.system()
                  .db()
                  .Write([&](storage::Connection& conn) -> Status {
                    for (int i = 0; i < 2000; ++i) {
                      news::Article a;
                      a.title = "Liên minh HTX tỉnh gặp mặt, đối thoại với HTX số " + std::to_string(i);
                      a.slug = "bai-" + std::to_string(i);
                      a.summary = "Tóm tắt bài viết số " + std::to_string(i);
                      a.body = "# Tiêu đề\n\nNội dung **bài viết** số " + std::to_string(i);
                      a.body_html = "<h1>Tiêu đề</h1>";
                      a.category = categories[i % 6];
                      a.province_code = provinces[i % 5];
                      a.keywords = {"hợp tác xã", "từ khoá " + std::to_string(i % 50)};
                      a.status = "published";
                      a.slug_fixed = true;
                      a.published_at_ms = a.created_at_ms = a.updated_at_ms = start_ms + int64_t{i} * 3'600'000;
                      HOPTAC_TRY(news::InsertArticle(conn, a));
                    }
                    return Ok();
                  })
                  .ok());
  news::NewsService& news = system_.system().news();
  const auth::Principal anyone = auth::Principal::Anonymous();
  std::vector<double> list, slug, related, keyword;
  for (int run = 0; run < 31; ++run) {
    news::ArticleQuery q;
    q.category = categories[run % 6];
    q.page = 1 + run % 3;
    list.push_back(TimeUs([&] { ASSERT_EQ(news.List(anyone, q)->items.size(), 20u); }));
    news::ArticleQuery k;
    k.keyword = "tu khoa " + std::to_string(run % 50);
    keyword.push_back(TimeUs([&] { ASSERT_EQ(news.List(anyone, k)->total, 40); }));
    slug.push_back(TimeUs([&] { ASSERT_TRUE(news.GetBySlug(anyone, "bai-" + std::to_string(run * 50)).ok()); }));
    related.push_back(TimeUs([&] { ASSERT_EQ(news.Related(anyone, run * 50 + 1, 5)->size(), 5u); }));
  }
  const int calls = 1'000'000;
  uint64_t sum = 0;
  const double generation_us = TimeUs([&] {
    for (int i = 0; i < calls; ++i) sum += news.Generation();
  });
  const double record_us = TimeUs([&] {
    for (int i = 0; i < 100'000; ++i)
      news.RecordView(1 + i % 2000, "10.0.0." + std::to_string(i % 250) + " Mozilla/5.0", "Mozilla/5.0 Firefox",
                      start_ms + int64_t{i} * 700);
  });
  const double flush_us = TimeUs([&] { ASSERT_TRUE(news.FlushViews().ok()); });
  std::printf(
      "[news bench] %s, 2000 articles: list page by category median %.0f us, by keyword %.0f us, by slug %.0f us, "
      "related (5) %.0f us; Generation() %.1f ns a call; RecordView %.2f us a call; FlushViews of 100,000 views %.0f "
      "ms (%d)\n",
      storage::BackendName(system_.system().db().backend()), MedianUs(list), MedianUs(keyword), MedianUs(slug),
      MedianUs(related), generation_us * 1000 / calls, record_us / 100'000, flush_us / 1000, static_cast<int>(sum % 2));
}

}  // namespace
}  // namespace hoptac

// Microbenchmark of text::JsonText (the API's JSON writer, plain-decimal numbers) against
// boost::json::serialize on a registry list page: 50 entities with every field, as
// /api/v1/entities answers. Linked into hoptac_micro_bench (benchmark_main).
//
//   build/release/bench/hoptac_micro_bench --benchmark_filter=Json
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>

#include "text/json_text.h"

namespace {

boost::json::value ListPage() {
  boost::json::array items;
  for (int i = 0; i < 50; ++i) {
    items.push_back(
        boost::json::object{{"id", 100000 + i},
                            {"kind", "cooperative"},
                            {"name", "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Đồng Tháp " + std::to_string(i)},
                            {"province_code", "87"},
                            {"current_province_code", "82"},
                            {"commune_code", "30001"},
                            {"sector", "agriculture"},
                            {"status", "active"},
                            {"founded_on", "2012-09-30"},
                            {"registration_code", "8712000" + std::to_string(i)},
                            {"women_managed", i % 4 == 0},
                            {"youth", false},
                            {"chair_birth_year", 1970 + i % 30},
                            {"union_id", nullptr},
                            {"created_at_ms", 1764806400000LL + i}});
  }
  return boost::json::object{{"total", 71234}, {"items", std::move(items)}, {"next_cursor", "eyJrIjoiYWJjIn0"}};
}

void BM_JsonBoostSerialize(benchmark::State& state) {
  const boost::json::value page = ListPage();
  for (auto _ : state) {
    std::string text = boost::json::serialize(page);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_JsonBoostSerialize);

void BM_JsonText(benchmark::State& state) {
  const boost::json::value page = ListPage();
  for (auto _ : state) {
    std::string text = hoptac::text::JsonText(page);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_JsonText);

}  // namespace

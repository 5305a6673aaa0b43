// Microbenchmarks of src/text: table-driven Fold against the ICU transliterator
// that computes the same folding (see DESIGN.md §3, "Vietnamese text"), and the
// collation entry points. Linked into hoptac_micro_bench (benchmark_main).
//
//   cmake --build build/release --target hoptac_micro_bench
//   build/release/bench/hoptac_micro_bench --benchmark_filter=Text
#include <benchmark/benchmark.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>

#include "text/collate.h"
#include "text/fold.h"

namespace {

// A typical cooperative name (68 bytes, 49 code points) and a short one.
constexpr std::string_view kCooperativeName = "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Đồng Tháp";
constexpr std::string_view kShortName = "HTX Đồng Tháp";

std::string_view Input(const benchmark::State& state) { return state.range(0) == 0 ? kCooperativeName : kShortName; }

void BM_TextFold(benchmark::State& state) {
  const std::string_view input = Input(state);
  for (auto _ : state) {
    std::string folded = hoptac::text::Fold(input);
    benchmark::DoNotOptimize(folded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_TextFold)->Arg(0)->Arg(1);

void BM_TextFoldKeepCase(benchmark::State& state) {
  const std::string_view input = Input(state);
  for (auto _ : state) {
    std::string folded = hoptac::text::FoldKeepCase(input);
    benchmark::DoNotOptimize(folded);
  }
}
BENCHMARK(BM_TextFoldKeepCase)->Arg(0);

void BM_TextFoldedWords(benchmark::State& state) {
  const std::string_view input = Input(state);
  for (auto _ : state) {
    auto words = hoptac::text::FoldedWords(input);
    benchmark::DoNotOptimize(words);
  }
}
BENCHMARK(BM_TextFoldedWords)->Arg(0);

// The same folding through ICU, UTF-8 in and out like Fold; the transliterator
// is created once (creating it costs far more than running it).
void BM_TextIcuTransliterator(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> transliterator(
      icu::Transliterator::createInstance("Any-Latin; NFD; [:M:] Remove; NFC; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    state.SkipWithError(u_errorName(status));
    return;
  }
  const std::string_view input = Input(state);
  for (auto _ : state) {
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), static_cast<int32_t>(input.size())));
    transliterator->transliterate(text);
    std::string folded;
    text.toUTF8String(folded);
    benchmark::DoNotOptimize(folded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_TextIcuTransliterator)->Arg(0)->Arg(1);

void BM_TextCompare(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(hoptac::text::Compare("Hợp tác xã Đồng Tháp", "Hợp tác xã Đà Nẵng"));
  }
}
BENCHMARK(BM_TextCompare);

void BM_TextSortKey(benchmark::State& state) {
  for (auto _ : state) {
    std::string key = hoptac::text::SortKey(kCooperativeName);
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_TextSortKey);

}  // namespace

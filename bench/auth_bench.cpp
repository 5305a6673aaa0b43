// The cost of one argon2id hash at the parameters hoptac uses (64 MiB): the
// reference for the login latency measured end to end by bench/login_bench.py.
#include <benchmark/benchmark.h>
#include <sodium.h>

static void BM_Argon2id64MiB(benchmark::State& state) {
  if (sodium_init() < 0) state.SkipWithError("sodium_init failed");
  char hash[crypto_pwhash_STRBYTES];
  const char password[] = "Mật-khẩu-đo-thử-1";
  for (auto _ : state) {
    if (crypto_pwhash_str(hash, password, sizeof password - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      state.SkipWithError("out of memory");
    benchmark::DoNotOptimize(hash);
  }
}
BENCHMARK(BM_Argon2id64MiB)->Unit(benchmark::kMillisecond)->Iterations(10);

// The cell-key method (registry/index/cell_key.h): SipHash-2-4 against its reference vectors,
// record keys that are deterministic, keyed and uniform, cell keys that depend on the set of
// records only, the p-table's distribution, the withholding rules, and the property the registry
// relies on: two cells that differ by one record never publish values whose difference is within
// D × |value| of that record's value.
#include "registry/index/cell_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace hoptac::analytics::cell_key {
namespace {

const Secret kSecret = Secret::FromText("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

TEST(CellKeyTest, SipHashMatchesTheReferenceVectors) {
  // The reference implementation's key 00 01 … 0f and messages 00 01 … (len - 1).
  const uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
  std::vector<uint8_t> message;
  EXPECT_EQ(SipHash24(k0, k1, message), 0x726fdb47dd0e0e31ULL);
  for (uint8_t i = 0; i < 15; ++i) message.push_back(i);
  EXPECT_EQ(SipHash24(k0, k1, message), 0xa129ca6149be45e5ULL);
  message.resize(8);
  EXPECT_EQ(SipHash24(k0, k1, message), 0x93f5f5799a932462ULL);
}

TEST(CellKeyTest, RecordKeysAreDeterministicKeyedAndUniform) {
  EXPECT_EQ(RecordKey(kSecret, 42), RecordKey(kSecret, 42));
  EXPECT_EQ(Secret::FromText("abc"), Secret::FromText("abc"));
  const Secret other = Secret::FromText("00112233445566778899aabbccddeeff00112233445566778899aabbccddeefe");
  EXPECT_NE(RecordKey(kSecret, 42), RecordKey(other, 42));
  EXPECT_NE(RecordKey(kSecret, 42), RecordKey(kSecret, 43));
  // Uniform over [0, 1): 16 bins of consecutive ids, chi-square with 15 degrees of freedom
  // (99.9 % quantile 37.7).
  const int n = 160000;
  std::vector<int> bins(16, 0);
  for (int64_t id = 1; id <= n; ++id) ++bins[RecordKey(kSecret, id) >> 60];
  double chi = 0;
  for (int count : bins) chi += std::pow(count - n / 16.0, 2) / (n / 16.0);
  EXPECT_LT(chi, 37.7);
  // No two of them alike.
  std::set<uint64_t> keys;
  for (int64_t id = 1; id <= 10000; ++id) keys.insert(RecordKey(kSecret, id));
  EXPECT_EQ(keys.size(), 10000u);
}

Cell CellOf(const std::vector<std::pair<int64_t, int64_t>>& records) {  // (id, value)
  Cell cell;
  for (auto [id, value] : records) cell.Add(value, RecordKey(kSecret, id));
  return cell;
}

TEST(CellKeyTest, TheSameCellGetsTheSameNoiseWhateverTheOrderOrTheSplit) {
  std::vector<std::pair<int64_t, int64_t>> records = {{1, 500}, {2, 700}, {3, 900}, {4, 1200}, {5, 300}};
  Protected once = Protect(CellOf(records), false);
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(Protect(CellOf(records), false).value, once.value);
  // A cell merged from two halves (the index adds up groups, and two threads' tables) is the same cell.
  Cell a = CellOf({{1, 500}, {2, 700}}), b = CellOf({{3, 900}, {4, 1200}, {5, 300}});
  a.Merge(b);
  EXPECT_EQ(Protect(a, false).value, once.value);
  EXPECT_EQ(a.key_sum, CellOf(records).key_sum);
  EXPECT_EQ(once.outcome, Outcome::kPerturbed);
  EXPECT_NE(once.value, 3600);
}

TEST(CellKeyTest, NoiseFollowsThePTable) {
  const Parameters& p = DefaultParameters();
  ASSERT_FALSE(p.ptable.empty());
  EXPECT_DOUBLE_EQ(p.ptable.back().upper, 1.0);
  EXPECT_EQ(Noise(0.0, p), 1.0);
  EXPECT_EQ(Noise(0.999999, p), 3.0);
  // Cell keys of random cells (3 to 40 records drawn from 100,000) are uniform, so each noise
  // comes up as often as its row's probability says.
  std::mt19937_64 rng(7);
  std::map<double, int> seen;
  const int cells = 200000;
  double mean = 0;
  for (int i = 0; i < cells; ++i) {
    uint64_t sum = 0;
    const int size = 3 + static_cast<int>(rng() % 38);
    for (int j = 0; j < size; ++j) sum += RecordKey(kSecret, static_cast<int64_t>(rng() % 100000));
    const double v = Noise(CellKeyFraction(sum), p);
    ++seen[v];
    mean += v / cells;
  }
  double previous = 0;
  for (const PTableRow& row : p.ptable) {
    const double want = row.upper - previous, got = static_cast<double>(seen[row.noise]) / cells;
    EXPECT_NEAR(got, want, 0.006) << "noise " << row.noise;
    previous = row.upper;
  }
  EXPECT_NEAR(mean, 1.6025, 0.02);
  // The least perturbation is D × largest (8 %); the greatest 3 × D × largest (24 %).
  EXPECT_EQ(p.ptable.front().noise, 1.0);
  EXPECT_DOUBLE_EQ(p.d, 0.08);
}

TEST(CellKeyTest, SmallAndDominatedCellsAreWithheld) {
  EXPECT_EQ(Protect(CellOf({{1, 10}, {2, 20}}), false).outcome, Outcome::kFewContributors);
  EXPECT_EQ(Protect(Cell{}, false).outcome, Outcome::kFewContributors);
  // 860 of 1,000 is 86 %: dominated; 850 is not (more than 85 % withholds).
  EXPECT_EQ(Protect(CellOf({{1, 860}, {2, 70}, {3, 70}}), false).outcome, Outcome::kDominated);
  EXPECT_EQ(Protect(CellOf({{1, 850}, {2, 75}, {3, 75}}), false).outcome, Outcome::kPerturbed);
  // Dominance reads absolute contributions: a loss dominates as a profit does.
  EXPECT_EQ(Protect(CellOf({{1, -9000}, {2, 500}, {3, 400}}), false).outcome, Outcome::kDominated);
  // Zeros: nothing to hide, nothing moved.
  Protected zeros = Protect(CellOf({{1, 0}, {2, 0}, {3, 0}}), false);
  EXPECT_EQ(zeros.outcome, Outcome::kPerturbed);
  EXPECT_EQ(zeros.value, 0);
}

TEST(CellKeyTest, ThePerturbationIsBetweenOneAndThreeTimesDOfTheLargestContributionRoundedAway) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::pair<int64_t, int64_t>> records;
    const int size = 3 + static_cast<int>(rng() % 30);
    for (int j = 0; j < size; ++j)
      records.emplace_back(static_cast<int64_t>(rng() % 1000000), static_cast<int64_t>(1 + rng() % 50));
    Cell cell = CellOf(records);
    Protected p = Protect(cell, i % 2 == 0);
    if (p.outcome != Outcome::kPerturbed) continue;
    const int64_t moved = std::abs(p.value - cell.sum);
    EXPECT_GE(moved, std::ceil(0.08 * static_cast<double>(cell.largest))) << i;
    EXPECT_LE(moved, std::ceil(0.24 * static_cast<double>(cell.largest)) + 1) << i;
    EXPECT_GE(moved, 1) << "small integers are moved too";
  }
}

// The registry's guarantee against the differencing attack: for a cell and the same cell without
// one of its records, the difference of the published values is never within D × |value| of that
// record's value — also for small integers (members) and for the largest record of the cell.
TEST(CellKeyTest, TwoCellsDifferingByOneRecordNeverRevealItWithinD) {
  std::mt19937_64 rng(3);
  int pairs = 0;
  double closest = INFINITY;
  for (int i = 0; i < 100000; ++i) {
    const bool small = i % 2 == 0;
    std::vector<std::pair<int64_t, int64_t>> records;
    const int size = 4 + static_cast<int>(rng() % 40);
    for (int j = 0; j < size; ++j) {
      const int64_t value = small ? static_cast<int64_t>(1 + rng() % 60)
                                  : static_cast<int64_t>(std::exp(18 + 3 * std::generate_canonical<double, 53>(rng)));
      records.emplace_back(static_cast<int64_t>(rng() % 10000000), value);
    }
    const size_t drop = rng() % records.size();
    std::vector<std::pair<int64_t, int64_t>> without = records;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(drop));
    const bool bit = rng() % 2 == 0;
    Protected a = Protect(CellOf(records), bit), b = Protect(CellOf(without), bit);
    if (a.outcome != Outcome::kPerturbed || b.outcome != Outcome::kPerturbed) continue;
    ++pairs;
    const double y = static_cast<double>(records[drop].second);
    const double miss = std::abs(static_cast<double>(a.value - b.value) - y) / y;
    closest = std::min(closest, miss);
    ASSERT_GE(miss, 0.08) << "cell " << i << ": recovered " << a.value - b.value << " for " << y;
  }
  EXPECT_GT(pairs, 90000);
  std::printf("%d pairs; the closest difference missed by %.1f %%\n", pairs, closest * 100);
}

TEST(CellKeyTest, TheDirectionAlternatesWithTheNumberOfContributorsAndTheTableBit) {
  Cell odd = CellOf({{1, 100}, {2, 100}, {3, 100}});
  Cell even = CellOf({{1, 100}, {2, 100}, {3, 100}, {4, 100}});
  EXPECT_GT(Protect(odd, false).value, odd.sum);
  EXPECT_LT(Protect(odd, true).value, odd.sum);
  EXPECT_LT(Protect(even, false).value, even.sum);
  EXPECT_GT(Protect(even, true).value, even.sum);
  // The table bit is a function of the secret and the table.
  EXPECT_EQ(TableBit(kSecret, "revenue_vnd"), TableBit(kSecret, "revenue_vnd"));
  int ones = 0;
  for (int i = 0; i < 1000; ++i) ones += TableBit(kSecret, "table " + std::to_string(i));
  EXPECT_GT(ones, 400);
  EXPECT_LT(ones, 600);
}

}  // namespace
}  // namespace hoptac::analytics::cell_key

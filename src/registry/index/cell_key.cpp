#include "registry/index/cell_key.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>

namespace hoptac::analytics::cell_key {
namespace {

constexpr uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? INT64_MAX : INT64_MIN;
  return out;
}

int64_t Abs(int64_t v) { return v == INT64_MIN ? INT64_MAX : (v < 0 ? -v : v); }

uint64_t HashText(uint64_t k0, uint64_t k1, std::string_view text) {
  return SipHash24(k0, k1, {reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

// V from 1 to 3 (× D × the largest contribution), smaller noise more likely; cumulative
// probabilities 0.25, 0.20, 0.16, 0.13, 0.10, 0.09, 0.07; mean 1.6025.
constexpr PTableRow kPTable[] = {
    {0.25, 1.00}, {0.45, 1.25}, {0.61, 1.50}, {0.74, 1.75}, {0.84, 2.00}, {0.93, 2.50}, {1.00, 3.00},
};

}  // namespace

uint64_t SipHash24(uint64_t k0, uint64_t k1, std::span<const uint8_t> data) {
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  };
  auto compress = [&](uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  };
  const size_t n = data.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t m = 0;
    for (int b = 0; b < 8; ++b) m |= static_cast<uint64_t>(data[i + static_cast<size_t>(b)]) << (8 * b);
    compress(m);
  }
  uint64_t last = static_cast<uint64_t>(n & 0xff) << 56;
  for (int b = 0; i + static_cast<size_t>(b) < n; ++b)
    last |= static_cast<uint64_t>(data[i + static_cast<size_t>(b)]) << (8 * b);
  compress(last);
  v2 ^= 0xff;
  for (int r = 0; r < 4; ++r) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

Secret Secret::FromText(std::string_view text) {
  // Two hashes of the text under fixed, public keys: they spread every bit of the text over both
  // halves; the secrecy is the text's.
  return {HashText(0x686f70746163636bULL, 1, text), HashText(0x686f70746163636bULL, 2, text)};
}

uint64_t RecordKey(const Secret& secret, int64_t id) {
  uint8_t bytes[8];
  for (int b = 0; b < 8; ++b) bytes[b] = static_cast<uint8_t>(static_cast<uint64_t>(id) >> (8 * b));
  return SipHash24(secret.k0, secret.k1, bytes);
}

bool TableBit(const Secret& secret, std::string_view table) {
  return (HashText(secret.k0, secret.k1, "table:" + std::string(table)) & 1) != 0;
}

double CellKeyFraction(uint64_t key_sum) { return std::ldexp(static_cast<double>(key_sum >> 11), -53); }

const Parameters& DefaultParameters() {
  static const Parameters parameters{3, 0.85, 0.08, kPTable};
  return parameters;
}

double Noise(double cell_key, const Parameters& parameters) {
  for (const PTableRow& row : parameters.ptable)
    if (cell_key < row.upper) return row.noise;
  return parameters.ptable.empty() ? 0 : parameters.ptable.back().noise;
}

void Cell::Add(int64_t value, uint64_t record_key) {
  sum = SaturatingAdd(sum, value);
  const int64_t magnitude = Abs(value);
  abs_sum = SaturatingAdd(abs_sum, magnitude);
  largest = std::max(largest, magnitude);
  contributors += 1;
  key_sum += record_key;
}

void Cell::Merge(const Cell& other) {
  sum = SaturatingAdd(sum, other.sum);
  abs_sum = SaturatingAdd(abs_sum, other.abs_sum);
  largest = std::max(largest, other.largest);
  contributors += other.contributors;
  key_sum += other.key_sum;
}

Protected Protect(const Cell& cell, bool table_bit, const Parameters& parameters) {
  if (cell.contributors < parameters.min_contributors) return {Outcome::kFewContributors, 0};
  if (static_cast<double>(cell.largest) > parameters.max_share * static_cast<double>(cell.abs_sum))
    return {Outcome::kDominated, 0};
  const double noise = Noise(CellKeyFraction(cell.key_sum), parameters);
  // Away from the exact total: the least perturbation survives rounding.
  const double amount = std::ceil(noise * parameters.d * static_cast<double>(cell.largest));
  const int64_t step = amount >= 9.0e18 ? INT64_MAX : static_cast<int64_t>(amount);
  const bool up = ((cell.contributors & 1) != 0) != table_bit;
  return {Outcome::kPerturbed, SaturatingAdd(cell.sum, up ? step : -step)};
}

}  // namespace hoptac::analytics::cell_key

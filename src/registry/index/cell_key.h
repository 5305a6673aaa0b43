// The cell-key method of statistical disclosure control (the "cell key method" of the
// Australian Bureau of Statistics and Eurostat) for magnitude tables: sums of figures
// over groups of records. It knows nothing of what the records are; the registry's
// statistics apply it (disclosure.h says to what).
//
// Record keys. Every record has a fixed random key, uniform over the 64-bit integers (key k
// stands for k / 2^64 in [0, 1)): SipHash-2-4 of the record's id under a secret key, so a record
// keeps its key across restarts and on every server that shares the secret, and nobody without
// the secret can compute it.
//
// Cell keys. A cell's key is the sum of its records' keys modulo 2^64 — the fractional part of
// the sum of the [0, 1) keys: uniform, the same for the same set of records whatever query formed
// it, and unrelated for two sets that differ by one record.
//
// Perturbation. The cell key picks a row of the perturbation table (p-table: rows of cumulative
// probability and noise V ≥ 1); the published value is
//     total ± ceil(V × D × largest)
// with `largest` the largest absolute contribution to the cell (the magnitude of the noise
// follows the contribution it hides) and D the least share of it a perturbation moves. The
// direction alternates with the parity of the number of contributors (and a secret bit per
// table), so two cells that differ by exactly one record are moved in opposite directions: the
// difference of their published values misses that record's value y by at least
// D × largest ≥ D × |y| — the two noises never cancel. Rounding is away from the exact total, so
// the bound holds for small integers too. The same cell always gets the same noise.
//
// Withheld cells: fewer than `min_contributors` contributors, or one contribution above
// `max_share` of the sum of the absolute contributions (dominance).
//
// What it does not stop: an average of many differences of the same record through different
// cells narrows its value (each difference is off by at least D × |y|, in a direction the
// parity of the counts tells), as with any perturbative method; the noise only makes that cost
// many well-chosen queries instead of two.
//
// Thread-safety: plain values and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace hoptac::analytics::cell_key {

// SipHash-2-4 of `data` under the 128-bit key (k0, k1).
uint64_t SipHash24(uint64_t k0, uint64_t k1, std::span<const uint8_t> data);

// The secret the record keys are derived from.
struct Secret {
  uint64_t k0 = 0, k1 = 0;
  // From any text (the database keeps 64 random hex digits): hashed into the two halves.
  static Secret FromText(std::string_view text);
  bool operator==(const Secret&) const = default;
};

// The record key of the record with this id.
uint64_t RecordKey(const Secret& secret, int64_t id);
// A secret bit per table (e.g. per measure): the direction of the noise of a cell with an odd
// number of contributors.
bool TableBit(const Secret& secret, std::string_view table);
// A cell key (sum of record keys modulo 2^64) as a number in [0, 1).
double CellKeyFraction(uint64_t key_sum);

struct PTableRow {
  double upper;  // cumulative probability: cell keys below it (and above the previous row's) …
  double noise;  // … get this noise V (a multiple of D × largest)
};

struct Parameters {
  int64_t min_contributors = 3;
  double max_share = 0.85;  // a larger share of one contributor withholds the cell
  double d = 0.08;          // the least perturbation: 8 % of the largest contribution
  std::span<const PTableRow> ptable;
};

// The registry's parameters: at least 3 contributors, none above 85 %, D = 8 %, and a p-table of
// V from 1 to 3 — a perturbation of 8 % to 24 % of the largest contribution, smaller ones more
// likely (mean 1.60: 12.8 %). Why: the least perturbation bounds how close a difference of two
// answers comes to one entity's value (8 %: the registry promises more than 5 %, with a margin);
// the greatest bounds the error of a published total (24 % of its largest share: 1.2 % for a
// province whose largest cooperative makes 5 % of it) and keeps the spread an informed attacker
// must guess within wide enough (a difference reads between 1.08 and 1.48 times the value when
// the entity is its cell's largest).
const Parameters& DefaultParameters();

// The noise V the p-table gives a cell key in [0, 1).
double Noise(double cell_key, const Parameters& parameters);

// What a cell accumulates of its contributions.
struct Cell {
  int64_t sum = 0;      // saturating
  int64_t abs_sum = 0;  // sum of |contribution|, saturating
  int64_t largest = 0;  // the largest |contribution|
  int64_t contributors = 0;
  uint64_t key_sum = 0;  // modulo 2^64

  void Add(int64_t value, uint64_t record_key);
  void Merge(const Cell& other);
};

enum class Outcome : uint8_t { kPerturbed, kFewContributors, kDominated };

struct Protected {
  Outcome outcome = Outcome::kPerturbed;
  int64_t value = 0;  // the value to publish (kPerturbed only)
};

// The published form of a cell. `table_bit`: TableBit of the table the cell belongs to.
Protected Protect(const Cell& cell, bool table_bit, const Parameters& parameters = DefaultParameters());

}  // namespace hoptac::analytics::cell_key

// The random registry of the statistics property tests: a seeded random source,
// generated entities that are valid (histories domain::ValidateHistory accepts,
// figures domain::CheckFigures accepts) and reproducible from the seed, their bulk
// load by plain SQL following registry/change.h, and random Stock, Flows and
// Series queries over them (QueryMaker). A fixed seed (override with
// HOPTAC_STATS_SEED) drives the data and the queries.
//
// Thread-safety: none; a Random, Generator or QueryMaker belongs to one test.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/entity.h"
#include "registry/figures.h"
#include "registry/index/stats.h"
#include "registry/period.h"
#include "registry/status_history.h"
#include "storage/db.h"

namespace hoptac::testing::stats {

using analytics::Dimension;
using analytics::ProvinceScheme;
using domain::EntityKind;
using domain::EntityStatus;
using domain::EventType;

// The seed of the random data and queries: HOPTAC_STATS_SEED, else a fixed default.
uint64_t Seed();

inline Date Civil(int y, int m, int d) { return Date::FromCivil(y, m, d); }
// The first day of the 34 provinces.
inline const Date kReform = Civil(2025, 7, 1);

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  int64_t Between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(engine_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(engine_) < p; }
  Date DateBetween(Date lo, Date hi) { return Date::FromDays(static_cast<int>(Between(lo.days(), hi.days()))); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Between(0, static_cast<int64_t>(v.size()) - 1))];
  }
  template <typename T>
  std::vector<T> Some(const std::vector<T>& v, size_t max) {
    std::vector<T> copy = v;
    std::shuffle(copy.begin(), copy.end(), engine_);
    copy.resize(std::min(copy.size(), static_cast<size_t>(Between(1, static_cast<int64_t>(max)))));
    return copy;
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    std::shuffle(v.begin(), v.end(), engine_);
  }

 private:
  std::mt19937_64 engine_;
};

// The period names figures are generated for.
const std::vector<std::string>& PeriodNames();
// Random figures, never all unreported.
domain::Figures RandomFigures(Random& rng);

struct GenEntity {
  domain::Entity entity;
  std::vector<domain::StatusEvent> events;  // list order: date order, same-day events in order
  std::vector<std::pair<domain::Period, domain::Figures>> figures;
  std::string current_province;  // the province in force today that it belongs to
  bool deleted = false;
  // Where the history ends, for appending events later.
  EntityStatus status = EntityStatus::kActive;
  Date last_date;
};

class Generator {
 public:
  Generator(uint64_t seed, std::shared_ptr<const geo::AdminUnitDirectory> units, Date today)
      : rng_(seed), units_(std::move(units)), today_(today) {
    for (const auto* unit : units_->InForce(geo::AdminLevel::kProvince, today_)) current_codes_.push_back(unit->code);
    for (const auto& unit : units_->dataset().units)
      if (unit.level == geo::AdminLevel::kProvince) all_codes_.insert(unit.code);
  }

  Random& rng() { return rng_; }
  const std::vector<std::string>& current_codes() const { return current_codes_; }
  std::vector<std::string> all_codes() const { return {all_codes_.begin(), all_codes_.end()}; }

  GenEntity Entity(int number);
  // A random allowed event in `status` on `date`; nullopt in a terminal status.
  std::optional<domain::StatusEvent> NextEvent(EntityStatus status, Date date);

 private:
  Random rng_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  Date today_;
  std::vector<std::string> current_codes_;
  std::set<std::string> all_codes_;
};

// A row of entity_figures, in the order of FigureColumns().
std::vector<storage::Value> FigureRow(int64_t entity_id, const domain::Period& period, const domain::Figures& figures);
std::vector<std::string> FigureColumns();

// Writes entities with their events and figures in one transaction by plain SQL,
// following registry/change.h (one new registry version stamped on every row).
// Events of one entity are inserted with their days shuffled (same-day events
// kept together and in order), so ids follow date order only within a day.
Status BulkInsert(storage::Db& db, std::vector<GenEntity>& entities, Random& rng, int64_t& version_out);

// Random statistics queries over the generated registry.
class QueryMaker {
 public:
  QueryMaker(Random& rng, Date today, std::vector<std::string> current_codes, std::vector<std::string> all_codes,
             std::vector<std::string> communes)
      : rng_(rng),
        today_(today),
        current_codes_(std::move(current_codes)),
        all_codes_(std::move(all_codes)),
        communes_(std::move(communes)) {}

  Date AnyDate();
  std::string Measure();
  std::vector<Dimension> GroupBy(bool flows, size_t max);
  analytics::StatsFilter Filter(ProvinceScheme scheme);
  ProvinceScheme Scheme();
  analytics::StockQuery Stock();
  analytics::FlowQuery Flows();
  analytics::SeriesQuery Series();

 private:
  Random& rng_;
  Date today_;
  std::vector<std::string> current_codes_, all_codes_, communes_;
};

}  // namespace hoptac::testing::stats

// Demo data: a deterministic synthetic registry the size of Vietnam's (scale 1:
// about 34,000 cooperatives, 71,000 cooperative groups, 130 unions and 1,200
// people's credit funds; scale 10 about a million entities), for trying the
// system out, for tests and for benchmarks.
//
// What is generated, per entity:
//   - a Vietnamese name built from its kind, sector and a current commune's
//     name ("Hợp tác xã Nông nghiệp Tân Phú", "Tổ hợp tác trồng rau an toàn
//     thôn 3 Yên Sở", "Quỹ tín dụng nhân dân xã Tân Phú", "Liên hiệp Hợp tác
//     xã Vận tải Đồng Nai"), a unique registration code, a chair with a
//     Vietnamese name, sex and birth year, a phone number, sometimes an e-mail;
//   - a founding date from 1997 to `today`, recent years heavier per year;
//   - its province as registered then: before 2025-07-01 one of the 63 old
//     provinces (province_as_of = founded_on, or the first day the code is on
//     record when that is later: the reference data starts in 2004, Hà Nội's
//     current code in 2008), from then on one of the 34 new ones; provinces
//     are weighted roughly like the real country (the Red River and Mekong
//     deltas and the north-central provinces heaviest, groups even more so);
//     commune_code is a current commune of its current province, empty for ~10 %;
//   - a status history that domain::ValidateHistory accepts: established, then
//     for a minority suspended (and often resumed), stopped, dissolved,
//     bankrupt, converted or reorganised;
//   - figures for every year from 2015 (or its founding) and for the first half
//     (S1) of the recent years, for the periods whose last day it is active on,
//     that domain::CheckFigures accepts without a warning.
// Shares: most in agriculture, about a quarter women-managed, a few youth
// cooperatives; some cooperatives belong to a union of their province.
//
// Determinism: the same scale, seed and `today` give the same entities, events
// and figures, byte for byte, on every machine (an own PRNG and integer
// arithmetic only). Each entity draws from its own stream, so entity i is the
// same whatever the scale, except for what depends on the entities before it
// (its serial number within its province, its union).
//
// Thread-safety: a DemoGenerator is not thread-safe; LoadDemoData is (it uses
// the Db's own locking).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/change.h"
#include "registry/entity.h"
#include "registry/figures.h"
#include "registry/period.h"
#include "registry/status_history.h"
#include "storage/db.h"

namespace hoptac::registry {

inline constexpr double kMaxDemoScale = 20;

// Entities per kind at a scale (each rounded, at least one of each kind).
struct DemoCounts {
  int64_t cooperatives = 0;
  int64_t unions = 0;
  int64_t groups = 0;
  int64_t credit_funds = 0;
  int64_t events = 0;   // rows of entity_events (LoadDemoData only)
  int64_t figures = 0;  // rows of entity_figures (LoadDemoData only)

  int64_t entities() const { return cooperatives + unions + groups + credit_funds; }
};

// kInvalidArgument ("field.out_of_range", field "scale") unless 0 < scale ≤ kMaxDemoScale.
Result<DemoCounts> PlannedDemoCounts(double scale);

struct DemoEntity {
  // Normalised and valid (domain::ValidateEntity); province_as_of set;
  // union_registration_code set for a member of a union (union_id is not).
  domain::Entity entity;
  std::string current_province_code;
  int64_t union_index = -1;                 // position of its union among the generated unions; -1: none
  std::vector<domain::StatusEvent> events;  // in date order, established first
  std::vector<std::pair<domain::Period, domain::Figures>> figures;  // in period order
};

struct DemoOptions {
  double scale = 1;
  uint64_t seed = 1;
  // The day the registry is generated as of: nothing is dated after it. Default: today.
  std::optional<Date> today;
};

class DemoGenerator {
 public:
  // Errors: as PlannedDemoCounts.
  static Result<std::unique_ptr<DemoGenerator>> Create(std::shared_ptr<const geo::AdminUnitDirectory> units,
                                                       const DemoOptions& options);
  ~DemoGenerator();

  const DemoCounts& planned() const;
  // The next entity: the unions first, then the cooperatives, the credit funds and
  // the groups. False after the last one.
  bool Next(DemoEntity& out);

  struct Impl;

 private:
  explicit DemoGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

enum class DemoLoadMode {
  kAlways,   // load (fails with "error.demo_conflict" when a registration code exists)
  kIfEmpty,  // load only into a registry without any entity (deleted ones count)
};

struct DemoLoadOptions {
  DemoOptions demo;
  DemoLoadMode mode = DemoLoadMode::kAlways;
  int64_t now_ms = 0;                                            // created/updated time of the rows; 0: the clock
  std::function<void(int64_t done, int64_t total)> on_progress;  // entities written so far
};

struct DemoLoadResult {
  bool loaded = false;  // false: kIfEmpty found entities and did nothing
  DemoCounts counts;
};

// Generates and writes the demo registry in one write transaction (entities,
// entity_events, entity_figures through CopyRows), with one registry version
// stamped on every row (registry/change.h) and one audit row "demo.load"
// (scale, seed, counts); tells `observer` (when set) to Reload after commit.
// name_folded and current_province_code are computed as EntityService does.
// Errors: as PlannedDemoCounts; kPermissionDenied unless `who` is national;
// kConflict "error.demo_conflict" {code} when a generated registration code is
// already taken (data of this seed is loaded already). Nothing is written on error.
Result<DemoLoadResult> LoadDemoData(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                    const auth::Principal& who, const DemoLoadOptions& options,
                                    RegistryObserver* observer = nullptr);

}  // namespace hoptac::registry

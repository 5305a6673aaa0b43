// RegistryIndex: the registry in memory, columnar, for search, lists and
// statistics that are always current.
//
// Per entity it keeps kind, sector, flags, the province it was registered in
// (as a unit of the administrative directory) and its current province,
// commune, founding day, status timeline, raw events and figures per period,
// its record key for disclosure control (disclosure.h: a keyed hash of its id
// under the database's secret, read once at Build), plus the name's sort key
// and folded words (for search). It is built from the
// database at start (Build) and catches up with every committed registry write
// (registry/change.h): writers of this process call EntitiesChanged/Reload
// after commit, so a write is visible by the time its response is sent;
// writes of other processes (a CLI import while the server runs) are noticed
// by polling the registry version (StartPolling).
//
// Province schemes. A province code means different units at different dates
// (15 was Yên Bái until 2025-06-30, is Lào Cai since). The directory's validity
// dates cut time into eras; for every era and every province unit an entity
// may be registered in, the index knows the unit in force in that era that
// contains it: the unit itself, its successor (merged provinces), or its
// predecessor when it has exactly one (otherwise unknown). The legacy scheme
// groups by the era of `as_of`; the current scheme by today's era.
//
// Thread-safety: all public methods are thread-safe. Queries share a reader
// lock; applying changes takes the writer lock for the time of the in-memory
// update only (loading from the database happens before).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/change.h"
#include "registry/entity.h"
#include "registry/figures.h"
#include "registry/finder.h"
#include "registry/index/cell_key.h"
#include "registry/index/stats.h"
#include "registry/period.h"
#include "registry/status_history.h"
#include "storage/db.h"

namespace hoptac::analytics {

// A figure not reported, in the index's figure columns.
inline constexpr int64_t kMissingFigure = INT64_MIN;

class RegistryIndex final : public registry::RegistryObserver, public registry::EntityFinder {
 public:
  // Loads every entity. Errors: the database's.
  static Result<std::unique_ptr<RegistryIndex>> Build(storage::Db& db,
                                                      std::shared_ptr<const geo::AdminUnitDirectory> units);
  ~RegistryIndex() override;

  // RegistryObserver: both catch up with the database (errors are logged).
  void EntitiesChanged(std::span<const int64_t> ids) override;
  void Reload() override;
  // Loads the entities changed since the last version seen. Serialised.
  Status CatchUp();
  // Calls CatchUp every `interval` on a background thread until StopPolling or destruction.
  void StartPolling(std::chrono::milliseconds interval);
  void StopPolling();

  // EntityFinder. A search's words that name a province or commune in force today (folded,
  // "dong thap", "tinh dong thap") also match the entities there whose name matches the other
  // words, ranked after the entities whose name matches every word.
  Result<registry::FindResult> Find(const registry::FindQuery& query) const override;
  // Off: names only, as before issue 15 (the benchmark compares both in one run).
  void SetPlaceSearch(bool on) { place_search_.store(on, std::memory_order_relaxed); }

  // Statistics (index/stats.h for the query and result types).
  Result<StockResult> Stock(const StockQuery& query) const;
  Result<FlowResult> Flows(const FlowQuery& query) const;
  Result<SeriesResult> Series(const SeriesQuery& query) const;

  // The label of a key of StatsRow::keys in `lang`; a province code is read as
  // of `on` (the as_of date in the legacy scheme, today in the current one).
  std::string Label(Dimension dimension, const std::string& key, i18n::Lang lang, Date on) const;

  struct Usage {
    int64_t entities = 0;
    int64_t events = 0;
    int64_t periods = 0;
    int64_t figure_values = 0;
    int64_t bytes = 0;  // estimate of the heap used
    int64_t version = 0;
  };
  Usage MemoryUsage() const;

  // Loaded form of one entity (public for the loader, registry_index_internal.h).
  struct Loaded;

 private:
  RegistryIndex(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units);

  void InitUnits();
  void Apply(std::vector<Loaded>& loaded);  // REQUIRES: writer lock
  void Remove(uint32_t slot);               // REQUIRES: writer lock
  uint32_t SlotFor(int64_t id);             // REQUIRES: writer lock
  void EnsureRanks() const;
  // Sets (on) or clears the slot's bits in the filter bitmaps from its current columns.
  void IndexBits(uint32_t slot, bool on);  // REQUIRES: writer lock
  void RebuildStatusBits(int32_t day);     // REQUIRES: writer lock
  void RefreshDay();                       // status bits for a new day (the poller calls it)

  // Stats helpers (registry_stats.cpp).
  struct Compiled;
  Result<Compiled> Compile(const StatsFilter& filter, ProvinceScheme scheme, Date on) const;
  bool Passes(const Compiled& c, uint32_t slot, int era) const;
  // The value of a dimension for an entity on a day (-1: unknown); provinces in `era`.
  int DimensionValue(Dimension dimension, uint32_t slot, int on_days, int era) const;
  int Radix(Dimension dimension) const;
  std::string KeyText(Dimension dimension, int value) const;
  int EraOf(Date date) const;
  std::optional<domain::EntityStatus> StatusAt(uint32_t slot, int days) const;
  // The status on a day as a number (domain::EntityStatus), -1 before founding: StatusAt read from
  // the short timeline (status_pack_, change_day_) and changes_ only for the few slots with more.
  int StatusCode(uint32_t slot, int days) const {
    if (days < founded_[slot]) return -1;  // an unknown founding day (INT32_MIN) is before every day
    const uint16_t pack = status_pack_[slot];
    if (pack & kMoreChanges) [[unlikely]] {
      auto status = StatusAt(slot, days);
      return status ? static_cast<int>(*status) : -1;
    }
    const auto& day = change_day_[slot];
    return days >= day[1] ? (pack >> 6) & 7 : days >= day[0] ? (pack >> 3) & 7 : pack & 7;
  }
  // bits &= {slots whose status on `days` is `status`}, 64 slots a step from the short timelines.
  void AndStatusOn(std::vector<uint64_t>& bits, int days, uint8_t status) const;  // REQUIRES: reader lock
  void SetShortTimeline(uint32_t slot);  // from changes_; REQUIRES: writer lock

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  // The database's secret of the record keys (meta.stats_cell_key_secret); set by Build, then constant.
  cell_key::Secret secret_;

  // Province units (every version) and current communes.
  std::vector<const geo::AdminUnit*> provinces_;
  std::unordered_map<const geo::AdminUnit*, uint16_t> province_index_;
  std::vector<Date> era_starts_;                // ascending; era i is [era_starts_[i], era_starts_[i+1])
  std::vector<std::vector<uint16_t>> era_map_;  // [era][unit] → unit in force in the era, or kNone
  // [unit] → the first unit with the same code. Rows are keyed by code, and one
  // code names different units in different eras (15: Yên Bái, then Lào Cai), so
  // a legacy flow over the 2025 reform groups both under "15".
  std::vector<uint16_t> province_key_;
  std::vector<const geo::AdminUnit*> communes_;
  std::unordered_map<std::string, uint16_t> commune_index_;
  // Place names for search (registry/finder.h): provinces and communes in force at the start.
  registry::PlaceNames places_;
  std::atomic<bool> place_search_{true};

  mutable std::shared_mutex mu_;
  std::mutex catch_up_mu_;
  int64_t version_ = 0;  // guarded by catch_up_mu_ (read under mu_ for usage)

  // Columns, one element per slot.
  std::vector<int64_t> id_;
  std::vector<uint64_t> record_key_;  // cell_key::RecordKey(secret_, id)
  std::vector<uint8_t> alive_;
  std::vector<uint8_t> kind_;
  std::vector<uint8_t> sector_;  // kNoSector when unknown
  std::vector<uint8_t> flags_;   // 1: women-managed, 2: youth
  std::vector<uint16_t> unit_;   // registered province unit (index into provinces_)
  std::vector<uint16_t> current_;
  std::vector<uint16_t> commune_;      // kNone when none
  std::vector<int32_t> founded_;       // days; kUnknownDay when unknown
  std::vector<int16_t> founded_year_;  // -1 when unknown
  std::vector<uint32_t> timeline_off_;
  std::vector<uint8_t> timeline_n_;
  std::vector<std::pair<int32_t, uint8_t>> changes_;  // (day, status)
  // The timeline in short, so that the status on any day is read without a second cache miss (most
  // entities change status at most twice after founding): bits 0–2 the status from founding, bits
  // 3–5 from change_day_[0], bits 6–8 from change_day_[1], kMoreChanges when further changes
  // follow (then changes_ is read).
  static constexpr uint16_t kMoreChanges = 512;
  std::vector<uint16_t> status_pack_;
  std::vector<std::array<int32_t, 2>> change_day_;  // the first two changes after founding; INT32_MAX: none
  std::vector<uint32_t> events_off_;
  std::vector<uint8_t> events_n_;
  std::vector<std::pair<int32_t, uint8_t>> events_;  // (day, event type), date order
  std::vector<uint32_t> figures_off_;
  std::vector<uint16_t> figures_n_;
  // Figures, columnar: one element per period of an entity (entity's periods in Period order),
  // the period's last day and one column per figure (kMissingFigure when not reported).
  std::vector<int32_t> period_end_;
  std::vector<std::vector<int64_t>> figure_columns_;  // [FigureFields() index][period]
  int64_t figure_values_ = 0;                         // reported values
  std::vector<std::string> sort_key_;
  std::vector<std::string> words_;   // folded name words (abbreviations expanded), space-separated
  std::vector<uint8_t> word_count_;  // words in the name
  int64_t garbage_ = 0;              // dead elements in the flat arrays

  std::unordered_map<int64_t, uint32_t> slot_of_;
  std::vector<uint32_t> order_;  // alive slots by (sort key, id)
  // Alive slots by (founding day, unknown last; sort key; id): lists by founding date with many
  // matches walk it and stop once the page is full.
  std::vector<uint32_t> founded_order_;
  // A word's slots: ascending, or for a frequent word a bitmap (one bit per slot) instead, so
  // that broad searches combine whole words at 64 slots an operation and a write to an entity
  // sets a bit rather than moving a list of a million slots.
  using Bits = std::vector<uint64_t>;
  struct Posting {
    std::vector<uint32_t> slots;  // empty when bits is not
    Bits bits;                    // empty unless the word is frequent
  };
  std::map<std::string, Posting, std::less<>> postings_;
  // Filter bitmaps, kept with the columns by Apply and Remove (IndexBits): alive slots, and alive
  // slots by kind, current province, registered unit, sector, flag, status on status_day_ and
  // status ever held (a superset for the status on any other day).
  Bits alive_bits_;
  std::vector<Bits> kind_bits_, current_bits_, unit_bits_, sector_bits_, status_bits_, ever_bits_;
  Bits women_bits_, youth_bits_;
  int32_t status_day_ = 0;
  mutable std::mutex rank_mu_;
  mutable std::vector<uint32_t> rank_;  // slot → position in order_
  mutable std::atomic<bool> ranks_dirty_{true};

  std::mutex poll_mu_;
  std::condition_variable poll_cv_;
  bool polling_stop_ = false;
  std::thread poller_;

  // Find, in four steps (registry_index_find.cpp): filter → bitmap → rank → page.
  struct FindPlan;
  struct FindRanking;
  Result<FindPlan> PlanFind(const registry::FindQuery& query) const;                       // no lock needed
  void FindPlace(FindPlan& plan) const;                                                    // no lock needed
  Bits MatchBits(const FindPlan& plan) const;                                              // REQUIRES: reader lock
  FindRanking RankMatches(const FindPlan& plan, const Bits& matches, size_t total) const;  // REQUIRES: reader lock
  void PageOf(const FindPlan& plan, const Bits& matches, FindRanking& ranking,
              registry::FindResult& result) const;  // REQUIRES: reader lock
  // Calls visit(slot) in the plan's founding-date order from the cursor on, until it returns false.
  template <typename Visit>
  void WalkFoundedOrder(const FindPlan& plan, Visit&& visit) const;  // REQUIRES: reader lock

  friend class IndexLoader;
};

}  // namespace hoptac::analytics

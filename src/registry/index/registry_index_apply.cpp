// RegistryIndex: applying changes — the observer callbacks, CatchUp and polling,
// and the in-memory update of the columns, the name order, the postings and the
// filter bitmaps.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/log.h"
#include "registry/index/registry_index.h"
#include "registry/index/registry_index_internal.h"

namespace hoptac::analytics {

using index_internal::BitsOf;
using index_internal::ClearBit;
using index_internal::ForEachBit;
using index_internal::FoundedBound;
using index_internal::FoundedKey;
using index_internal::kNone;
using index_internal::kNoSector;
using index_internal::kUnknownDay;
using index_internal::LowerBound;
using index_internal::SetBit;
using storage::Connection;

namespace {

// Above this many changed entities, order and postings are rebuilt rather than updated.
constexpr size_t kBulkThreshold = 5000;
// A word is frequent (its postings also kept as a bitmap) from this many slots, or from a 32nd of
// all slots if that is more: a bitmap then costs no more memory than 8 bytes a posting.
constexpr size_t kFrequentWord = 4096;

bool Frequent(size_t postings, size_t slots) { return postings >= std::max(kFrequentWord, slots / 32); }

void EraseSorted(std::vector<uint32_t>& v, uint32_t value) {
  auto it = std::lower_bound(v.begin(), v.end(), value);
  if (it != v.end() && *it == value) v.erase(it);
}

void InsertSorted(std::vector<uint32_t>& v, uint32_t value) {
  auto it = std::lower_bound(v.begin(), v.end(), value);
  if (it == v.end() || *it != value) v.insert(it, value);
}

template <typename F>
void ForEachWord(std::string_view words, F&& f) {
  size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && words[i] == ' ') ++i;
    size_t j = words.find(' ', i);
    if (j == std::string_view::npos) j = words.size();
    if (j > i) f(words.substr(i, j - i));
    i = j;
  }
}

}  // namespace

void RegistryIndex::EntitiesChanged(std::span<const int64_t>) {
  if (Status s = CatchUp(); !s.ok())
    log::Error("index catch-up failed", {{"key", s.error().key}, {"detail", s.error().detail}});
}

void RegistryIndex::Reload() { EntitiesChanged({}); }

Status RegistryIndex::CatchUp() {
  std::lock_guard catch_up(catch_up_mu_);
  std::vector<Loaded> loaded;
  int64_t version = 0;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
    if (version == version_) return Ok();
    return IndexLoader::Load(conn, version_, loaded);
  }));
  if (version == version_) return Ok();
  IndexLoader::Prepare(loaded);
  std::unique_lock lock(mu_);
  Apply(loaded);
  version_ = version;
  return Ok();
}

void RegistryIndex::StartPolling(std::chrono::milliseconds interval) {
  std::lock_guard lock(poll_mu_);
  if (poller_.joinable()) return;
  polling_stop_ = false;
  poller_ = std::thread([this, interval] {
    std::unique_lock lock(poll_mu_);
    while (!poll_cv_.wait_for(lock, interval, [this] { return polling_stop_; })) {
      lock.unlock();
      if (Status s = CatchUp(); !s.ok())
        log::Warn("index poll failed", {{"key", s.error().key}, {"detail", s.error().detail}});
      RefreshDay();
      lock.lock();
    }
  });
}

void RegistryIndex::StopPolling() {
  {
    std::lock_guard lock(poll_mu_);
    polling_stop_ = true;
  }
  poll_cv_.notify_all();
  if (poller_.joinable()) poller_.join();
}

uint32_t RegistryIndex::SlotFor(int64_t id) {
  auto [it, inserted] = slot_of_.try_emplace(id, static_cast<uint32_t>(id_.size()));
  if (inserted) {
    id_.push_back(id);
    record_key_.push_back(cell_key::RecordKey(secret_, id));
    alive_.push_back(0);
    kind_.push_back(0);
    sector_.push_back(kNoSector);
    flags_.push_back(0);
    unit_.push_back(kNone);
    current_.push_back(kNone);
    commune_.push_back(kNone);
    founded_.push_back(kUnknownDay);
    founded_year_.push_back(-1);
    timeline_off_.push_back(0);
    timeline_n_.push_back(0);
    status_pack_.push_back(0);
    change_day_.push_back({INT32_MAX, INT32_MAX});
    events_off_.push_back(0);
    events_n_.push_back(0);
    figures_off_.push_back(0);
    figures_n_.push_back(0);
    sort_key_.emplace_back();
    words_.emplace_back();
    word_count_.push_back(0);
  }
  return it->second;
}

void RegistryIndex::IndexBits(uint32_t slot, bool on) {
  auto put = [&](Bits& b) { on ? SetBit(b, slot) : ClearBit(b, slot); };
  put(alive_bits_);
  put(kind_bits_[kind_[slot]]);
  if (current_[slot] != kNone) put(current_bits_[current_[slot]]);
  if (unit_[slot] != kNone) put(unit_bits_[unit_[slot]]);
  if (sector_[slot] != kNoSector) put(sector_bits_[sector_[slot]]);
  if (flags_[slot] & 1) put(women_bits_);
  if (flags_[slot] & 2) put(youth_bits_);
  if (auto status = StatusAt(slot, status_day_)) put(status_bits_[static_cast<size_t>(*status)]);
  // Before the first change the status reads as active (StatusAt), so every entity may be active.
  put(ever_bits_[static_cast<size_t>(domain::EntityStatus::kActive)]);
  const auto* change = changes_.data() + timeline_off_[slot];
  for (uint8_t i = 0; i < timeline_n_[slot]; ++i) put(ever_bits_[change[i].second]);
}

void RegistryIndex::SetShortTimeline(uint32_t slot) {
  const auto* change = changes_.data() + timeline_off_[slot];
  const uint8_t n = timeline_n_[slot];
  uint16_t pack = n > 0 ? change[0].second & 7 : 0;
  change_day_[slot] = {INT32_MAX, INT32_MAX};
  for (uint8_t i = 1; i < std::min<uint8_t>(n, 3); ++i) {
    pack |= static_cast<uint16_t>((change[i].second & 7) << (3 * i));
    change_day_[slot][i - 1] = change[i].first;
  }
  if (n > 3) pack |= kMoreChanges;
  status_pack_[slot] = pack;
}

void RegistryIndex::RebuildStatusBits(int32_t day) {
  status_day_ = day;
  for (Bits& b : status_bits_) b.assign(alive_bits_.size(), 0);
  ForEachBit(alive_bits_, [&](uint32_t slot) {
    if (auto status = StatusAt(slot, day)) SetBit(status_bits_[static_cast<size_t>(*status)], slot);
  });
}

void RegistryIndex::RefreshDay() {
  const int32_t today = Date::Today().days();
  {
    std::shared_lock lock(mu_);
    if (status_day_ == today) return;
  }
  std::unique_lock lock(mu_);
  if (status_day_ != today) RebuildStatusBits(today);
}

void RegistryIndex::Remove(uint32_t slot) {
  if (!alive_[slot]) return;
  IndexBits(slot, false);
  size_t pos = LowerBound(order_, sort_key_, id_, sort_key_[slot], id_[slot]);
  if (pos < order_.size() && order_[pos] == slot) order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(pos));
  pos = FoundedBound(founded_order_, founded_, sort_key_, id_, FoundedKey(founded_[slot]), sort_key_[slot], id_[slot],
                     /*after=*/false);
  if (pos < founded_order_.size() && founded_order_[pos] == slot)
    founded_order_.erase(founded_order_.begin() + static_cast<std::ptrdiff_t>(pos));
  ForEachWord(words_[slot], [&](std::string_view w) {
    auto it = postings_.find(w);
    if (it == postings_.end()) return;
    if (it->second.bits.empty()) {
      EraseSorted(it->second.slots, slot);
    } else {
      ClearBit(it->second.bits, slot);
    }
  });
  alive_[slot] = 0;
  garbage_ += timeline_n_[slot] + events_n_[slot] + figures_n_[slot];
  timeline_n_[slot] = events_n_[slot] = 0;
  figures_n_[slot] = 0;
  SetShortTimeline(slot);
  words_[slot].clear();
  sort_key_[slot].clear();
  ranks_dirty_ = true;
}

void RegistryIndex::Apply(std::vector<Loaded>& loaded) {
  const bool bulk = loaded.size() > kBulkThreshold;
  for (Loaded& l : loaded) {
    if (l.deleted) {
      auto it = slot_of_.find(l.id);
      if (it != slot_of_.end()) Remove(it->second);
      continue;
    }
    uint32_t slot = SlotFor(l.id);
    if (alive_[slot]) IndexBits(slot, false);
    bool name_changed = !alive_[slot] || sort_key_[slot] != l.sort_key || words_[slot] != l.words;
    if (alive_[slot] && name_changed && !bulk) Remove(slot);
    if (alive_[slot]) {
      garbage_ += timeline_n_[slot] + events_n_[slot] + figures_n_[slot];
    }
    kind_[slot] = static_cast<uint8_t>(l.kind);
    sector_[slot] = l.sector ? static_cast<uint8_t>(*l.sector) : kNoSector;
    flags_[slot] = static_cast<uint8_t>((l.women ? 1 : 0) | (l.youth ? 2 : 0));
    const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, l.province_code, l.province_as_of);
    unit_[slot] = unit ? province_index_.at(unit) : kNone;
    const geo::AdminUnit* current = units_->Find(geo::AdminLevel::kProvince, l.current_province, Date::Today());
    current_[slot] = current ? province_index_.at(current) : kNone;
    auto commune = commune_index_.find(l.commune);
    commune_[slot] = commune == commune_index_.end() ? kNone : commune->second;
    domain::StatusTimeline timeline = domain::BuildTimeline(l.events, l.founded);
    const int32_t founded = timeline.founded_days() == domain::StatusTimeline::kSinceForever
                                ? kUnknownDay
                                : static_cast<int32_t>(timeline.founded_days());
    // Still in the orders (alive, name unchanged): move it in the founding-date order if its day changed.
    const bool founded_moves = !alive_[slot] || founded != founded_[slot];
    if (alive_[slot] && founded_moves && !bulk) {
      size_t pos = FoundedBound(founded_order_, founded_, sort_key_, id_, FoundedKey(founded_[slot]), sort_key_[slot],
                                id_[slot], /*after=*/false);
      if (pos < founded_order_.size() && founded_order_[pos] == slot)
        founded_order_.erase(founded_order_.begin() + static_cast<std::ptrdiff_t>(pos));
    }
    founded_[slot] = founded;
    founded_year_[slot] =
        static_cast<int16_t>(founded_[slot] == kUnknownDay ? -1 : Date::FromDays(founded_[slot]).year());
    timeline_off_[slot] = static_cast<uint32_t>(changes_.size());
    timeline_n_[slot] = static_cast<uint8_t>(std::min<size_t>(timeline.changes.size(), 255));
    for (size_t i = 0; i < timeline_n_[slot]; ++i)
      changes_.emplace_back(timeline.changes[i].first, static_cast<uint8_t>(timeline.changes[i].second));
    SetShortTimeline(slot);
    events_off_[slot] = static_cast<uint32_t>(events_.size());
    events_n_[slot] = static_cast<uint8_t>(std::min<size_t>(l.events.size(), 255));
    for (size_t i = 0; i < events_n_[slot]; ++i)
      events_.emplace_back(l.events[i].date.days(), static_cast<uint8_t>(l.events[i].type));
    figures_off_[slot] = static_cast<uint32_t>(period_end_.size());
    figures_n_[slot] = static_cast<uint16_t>(std::min<size_t>(l.figures.size(), 65535));
    for (size_t i = 0; i < figures_n_[slot]; ++i) {
      const auto& [period, figures] = l.figures[i];
      period_end_.push_back(static_cast<int32_t>(period.End().days()));
      size_t column = 0;
      for (const auto& field : domain::FigureFields()) {
        auto value = figures.*field.member;
        figure_columns_[column++].push_back(value ? *value : kMissingFigure);
        if (value) ++figure_values_;
      }
    }
    if (name_changed || !alive_[slot]) {
      sort_key_[slot] = std::move(l.sort_key);
      words_[slot] = std::move(l.words);
      word_count_[slot] = static_cast<uint8_t>(std::min(l.word_count, 255));
      alive_[slot] = 1;
      if (!bulk) {
        size_t pos = LowerBound(order_, sort_key_, id_, sort_key_[slot], id_[slot]);
        order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(pos), slot);
        ForEachWord(words_[slot], [&](std::string_view w) {
          auto it = postings_.find(w);
          if (it == postings_.end()) it = postings_.emplace(std::string(w), Posting()).first;
          Posting& posting = it->second;
          if (!posting.bits.empty()) {
            SetBit(posting.bits, slot);
          } else {
            InsertSorted(posting.slots, slot);
            if (Frequent(posting.slots.size(), id_.size())) {
              posting.bits = BitsOf(posting.slots, (id_.size() + 63) / 64);
              posting.slots = std::vector<uint32_t>();
            }
          }
        });
      }
      ranks_dirty_ = true;
    }
    alive_[slot] = 1;
    if (founded_moves && !bulk) {
      size_t pos = FoundedBound(founded_order_, founded_, sort_key_, id_, FoundedKey(founded_[slot]), sort_key_[slot],
                                id_[slot], /*after=*/false);
      founded_order_.insert(founded_order_.begin() + static_cast<std::ptrdiff_t>(pos), slot);
    }
    IndexBits(slot, true);
  }
  if (bulk) {
    order_.clear();
    for (uint32_t slot = 0; slot < id_.size(); ++slot)
      if (alive_[slot]) order_.push_back(slot);
    std::sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
      int c = sort_key_[a].compare(sort_key_[b]);
      return c < 0 || (c == 0 && id_[a] < id_[b]);
    });
    // The founding-date order: the name order, stably sorted by founding day (unknown last).
    founded_order_ = order_;
    std::stable_sort(founded_order_.begin(), founded_order_.end(),
                     [&](uint32_t a, uint32_t b) { return FoundedKey(founded_[a]) < FoundedKey(founded_[b]); });
    std::unordered_map<std::string_view, std::vector<uint32_t>> postings;
    for (uint32_t slot = 0; slot < id_.size(); ++slot) {
      if (!alive_[slot]) continue;
      ForEachWord(words_[slot], [&](std::string_view w) {
        auto& list = postings[w];
        if (list.empty() || list.back() != slot) list.push_back(slot);
      });
    }
    postings_.clear();
    for (auto& [word, list] : postings) {
      Posting posting;
      if (Frequent(list.size(), id_.size())) {
        posting.bits = BitsOf(list, (id_.size() + 63) / 64);
      } else {
        posting.slots = std::move(list);
      }
      postings_.emplace(std::string(word), std::move(posting));
    }
    ranks_dirty_ = true;
  }
  // Compact the flat arrays when half of them is garbage.
  int64_t used = static_cast<int64_t>(changes_.size() + events_.size() + period_end_.size());
  if (garbage_ > 1024 && garbage_ * 2 > used) {
    std::vector<std::pair<int32_t, uint8_t>> changes, events;
    std::vector<int32_t> period_end;
    std::vector<std::vector<int64_t>> columns(figure_columns_.size());
    figure_values_ = 0;
    for (uint32_t slot = 0; slot < id_.size(); ++slot) {
      uint32_t off = static_cast<uint32_t>(changes.size());
      changes.insert(changes.end(), changes_.begin() + timeline_off_[slot],
                     changes_.begin() + timeline_off_[slot] + timeline_n_[slot]);
      timeline_off_[slot] = off;
      off = static_cast<uint32_t>(events.size());
      events.insert(events.end(), events_.begin() + events_off_[slot],
                    events_.begin() + events_off_[slot] + events_n_[slot]);
      events_off_[slot] = off;
      off = static_cast<uint32_t>(period_end.size());
      uint32_t from = figures_off_[slot], to = figures_off_[slot] + figures_n_[slot];
      period_end.insert(period_end.end(), period_end_.begin() + from, period_end_.begin() + to);
      for (size_t c = 0; c < columns.size(); ++c) {
        columns[c].insert(columns[c].end(), figure_columns_[c].begin() + from, figure_columns_[c].begin() + to);
        for (uint32_t i = from; i < to; ++i) figure_values_ += figure_columns_[c][i] != kMissingFigure;
      }
      figures_off_[slot] = off;
    }
    changes_ = std::move(changes);
    events_ = std::move(events);
    period_end_ = std::move(period_end);
    figure_columns_ = std::move(columns);
    garbage_ = 0;
  }
}

std::optional<domain::EntityStatus> RegistryIndex::StatusAt(uint32_t slot, int days) const {
  if (founded_[slot] != kUnknownDay && days < founded_[slot]) return std::nullopt;
  const auto* begin = changes_.data() + timeline_off_[slot];
  const auto* end = begin + timeline_n_[slot];
  uint8_t status = 0;
  for (const auto* c = begin; c != end && c->first <= days; ++c) status = c->second;
  return static_cast<domain::EntityStatus>(status);
}

}  // namespace hoptac::analytics

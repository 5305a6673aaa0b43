// RegistryIndex: loading, applying changes, and search/list (Find).
#include "registry/index/registry_index.h"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <climits>
#include <cstring>
#include <future>
#include <unordered_set>

#include "base/log.h"
#include "registry/entity_service.h"
#include "text/collate.h"
#include "text/fold.h"

namespace hoptac::analytics {

using domain::EntityKind;
using registry::EntityFilters;
using registry::FindQuery;
using registry::FindResult;
using storage::Connection;
using storage::Int;
using storage::RowView;

namespace {

constexpr uint16_t kNone = 0xFFFF;
constexpr uint8_t kNoSector = 0xFF;
constexpr int32_t kUnknownDay = INT32_MIN;
// Above this many changed entities, order and postings are rebuilt rather than updated.
constexpr size_t kBulkThreshold = 5000;
// A word is frequent (its postings also kept as a bitmap) from this many slots, or from a 32nd of
// all slots if that is more: a bitmap then costs no more memory than 8 bytes a posting.
constexpr size_t kFrequentWord = 4096;

using Bits = std::vector<uint64_t>;

void SetBit(Bits& b, uint32_t s) {
  size_t w = s >> 6;
  if (w >= b.size()) b.resize(w + 1 + (w >> 3), 0);
  b[w] |= uint64_t{1} << (s & 63);
}
void ClearBit(Bits& b, uint32_t s) {
  size_t w = s >> 6;
  if (w < b.size()) b[w] &= ~(uint64_t{1} << (s & 63));
}
bool TestBit(const Bits& b, uint32_t s) {
  size_t w = s >> 6;
  return w < b.size() && (b[w] >> (s & 63) & 1);
}
// a &= b (b shorter: zeros past its end).
void AndInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] &= b[i];
  std::fill(a.begin() + static_cast<std::ptrdiff_t>(n), a.end(), 0);
}
// a &= ~b
void AndNotInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] &= ~b[i];
}
void OrInto(Bits& a, const Bits& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) a[i] |= b[i];
}
size_t CountBits(const Bits& b) {
  size_t n = 0;
  for (uint64_t w : b) n += static_cast<size_t>(std::popcount(w));
  return n;
}
// f(slot) for every set bit, ascending.
template <typename F>
void ForEachBit(const Bits& b, F&& f) {
  for (size_t block = 0; block < b.size(); ++block) {
    uint64_t w = b[block];
    while (w) {
      f(static_cast<uint32_t>(block * 64 + static_cast<size_t>(std::countr_zero(w))));
      w &= w - 1;
    }
  }
}
bool Frequent(size_t postings, size_t slots) { return postings >= std::max(kFrequentWord, slots / 32); }
Bits BitsOf(const std::vector<uint32_t>& list, size_t words) {
  Bits b(words, 0);
  for (uint32_t s : list) b[s >> 6] |= uint64_t{1} << (s & 63);
  return b;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view text) {
  if (text.size() % 2) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = value(text[i]), lo = value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

// Cursor: "<primary>.<id>.<hex sort key>" — the last item of the previous page, with its primary
// sort key (see Find).
struct Cursor {
  uint32_t primary = 0;
  int64_t id = 0;
  std::string sort_key;
};

std::string EncodeCursor(const Cursor& c) {
  return std::to_string(c.primary) + "." + std::to_string(c.id) + "." + Hex(c.sort_key);
}

Result<Cursor> DecodeCursor(std::string_view text) {
  auto bad = [&] { return Error::InvalidField("cursor", "invalid_cursor", "field.invalid_cursor", {}); };
  size_t a = text.find('.');
  if (a == std::string_view::npos) return bad();
  size_t b = text.find('.', a + 1);
  if (b == std::string_view::npos) return bad();
  Cursor c;
  auto [p1, e1] = std::from_chars(text.data(), text.data() + a, c.primary);
  auto [p2, e2] = std::from_chars(text.data() + a + 1, text.data() + b, c.id);
  if (e1 != std::errc() || p1 != text.data() + a || e2 != std::errc() || p2 != text.data() + b) return bad();
  auto key = Unhex(text.substr(b + 1));
  if (!key) return bad();
  c.sort_key = std::move(*key);
  return c;
}

}  // namespace

struct RegistryIndex::Loaded {
  int64_t id = 0;
  bool deleted = false;
  EntityKind kind = EntityKind::kCooperative;
  std::string name;
  std::string province_code;
  Date province_as_of;
  std::string current_province;
  std::string commune;
  std::optional<domain::Sector> sector;
  std::optional<Date> founded;
  bool women = false, youth = false;
  std::vector<domain::StatusEvent> events;
  std::vector<std::pair<domain::Period, domain::Figures>> figures;
  // Computed before taking the lock.
  std::string sort_key;
  std::string words;  // " w1 w2 …"
  int word_count = 0;
};

class IndexLoader {
 public:
  using Loaded = RegistryIndex::Loaded;

  // since < 0: every entity not deleted; otherwise the entities with change_seq > since (deleted included).
  static Status LoadEntities(Connection& conn, int64_t since, std::vector<Loaded>& out) {
    std::string where = since < 0 ? "e.deleted_at_ms IS NULL" : "e.change_seq > CAST($1 AS BIGINT)";
    std::vector<storage::Value> params;
    if (since >= 0) params.push_back(Int(since));
    return conn.Query(
        "SELECT e.id, e.kind, e.name, e.province_code, e.province_as_of, e.current_province_code, e.commune_code, "
        "e.sector, e.founded_on, e.women_managed, e.youth, e.deleted_at_ms FROM entities e WHERE " +
            // A full load reads in id order; a catch-up goes through the change_seq index (ORDER BY id would
            // make SQLite walk the whole table) and is sorted below.
            where + (since < 0 ? " ORDER BY e.id" : ""),
        params, [&](const RowView& row) -> Status {
          Loaded l;
          l.id = row.GetInt(0);
          l.kind = domain::EntityKindFromName(row.GetText(1)).value_or(EntityKind::kCooperative);
          l.name = row.GetText(2);
          l.province_code = row.GetText(3);
          l.province_as_of = Date::ParseIso(row.GetText(4)).value_or(Date());
          l.current_province = row.GetText(5);
          l.commune = row.GetText(6);
          if (!row.IsNull(7)) l.sector = domain::SectorFromName(row.GetText(7));
          if (!row.IsNull(8)) l.founded = Date::ParseIso(row.GetText(8));
          l.women = row.GetInt(9) != 0;
          l.youth = row.GetInt(10) != 0;
          l.deleted = !row.IsNull(11);
          out.push_back(std::move(l));
          return Ok();
        });
  }

  // The events and figures of the loaded entities (REQUIRES: `out` sorted by id). A full load scans the
  // tables; a catch-up reads the changed entities' rows through their indexes.
  static Status LoadEvents(Connection& conn, int64_t since, std::vector<Loaded>& out) {
    std::vector<storage::Value> params;
    std::string where;
    if (since >= 0) {
      params.push_back(Int(since));
      where = " WHERE v.entity_id IN (SELECT e.id FROM entities e WHERE e.change_seq > CAST($1 AS BIGINT))";
    }
    return conn.Query(
        "SELECT v.entity_id, v.date, v.type FROM entity_events v" + where + " ORDER BY v.entity_id, v.date, v.id",
        params, [&](const RowView& row) -> Status {
          Loaded* l = Find(out, row.GetInt(0));
          if (!l) return Ok();
          auto type = domain::EventTypeFromName(row.GetText(2));
          if (!type) return Ok();
          domain::StatusEvent ev;
          ev.date = Date::ParseIso(row.GetText(1)).value_or(Date());
          ev.type = *type;
          l->events.push_back(std::move(ev));
          return Ok();
        });
  }

  static Status LoadFigures(Connection& conn, int64_t since, std::vector<Loaded>& out) {
    std::vector<storage::Value> params;
    std::string where;
    if (since >= 0) {
      params.push_back(Int(since));
      where = " WHERE f.entity_id IN (SELECT e.id FROM entities e WHERE e.change_seq > CAST($1 AS BIGINT))";
    }
    std::string columns;
    for (const auto& field : domain::FigureFields()) columns += ", f." + std::string(field.name);
    return conn.Query("SELECT f.entity_id, f.period" + columns + " FROM entity_figures f" + where, params,
                      [&](const RowView& row) -> Status {
                        Loaded* l = Find(out, row.GetInt(0));
                        if (!l) return Ok();
                        auto period = domain::ParsePeriod(row.GetText(1));
                        if (!period.ok()) return Ok();
                        domain::Figures figures;
                        int column = 2;
                        for (const auto& field : domain::FigureFields()) {
                          if (!row.IsNull(column)) figures.*field.member = row.GetInt(column);
                          ++column;
                        }
                        l->figures.emplace_back(*period, figures);
                        return Ok();
                      });
  }

  static Loaded* Find(std::vector<Loaded>& out, int64_t id) {
    auto it = std::lower_bound(out.begin(), out.end(), id, [](const Loaded& l, int64_t v) { return l.id < v; });
    return it != out.end() && it->id == id ? &*it : nullptr;
  }

  // Everything changed since `since` (< 0: everything) in one read transaction.
  static Status Load(Connection& conn, int64_t since, std::vector<Loaded>& out) {
    HOPTAC_TRY(LoadEntities(conn, since, out));
    if (out.empty()) return Ok();
    std::sort(out.begin(), out.end(), [](const Loaded& a, const Loaded& b) { return a.id < b.id; });
    HOPTAC_TRY(LoadEvents(conn, since, out));
    return LoadFigures(conn, since, out);
  }

  // Sort keys and words, in parallel for big loads.
  static void Prepare(std::vector<Loaded>& loaded) {
    auto work = [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        Loaded& l = loaded[i];
        if (l.deleted) continue;
        l.sort_key = text::SortKey(l.name);
        std::vector<std::string> words = registry::NameWords(l.name);
        l.word_count = static_cast<int>(text::FoldedWords(l.name).size());
        for (const auto& w : words) l.words += " " + w;
        std::sort(l.figures.begin(), l.figures.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      }
    };
    if (loaded.size() < 20000) {
      work(0, loaded.size());
      return;
    }
    size_t half = loaded.size() / 2;
    auto other = std::async(std::launch::async, work, half, loaded.size());
    work(0, half);
    other.get();
  }
};

RegistryIndex::RegistryIndex(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units)
    : db_(db), units_(std::move(units)), figure_columns_(domain::FigureFields().size()) {
  InitUnits();
}

RegistryIndex::~RegistryIndex() { StopPolling(); }

void RegistryIndex::InitUnits() {
  kind_bits_.resize(std::size(domain::kEntityKinds));
  sector_bits_.resize(std::size(domain::kSectors));
  status_bits_.resize(std::size(domain::kEntityStatuses));
  ever_bits_.resize(std::size(domain::kEntityStatuses));
  status_day_ = Date::Today().days();
  for (const auto& unit : units_->dataset().units) {
    if (unit.level == geo::AdminLevel::kProvince) {
      province_index_[&unit] = static_cast<uint16_t>(provinces_.size());
      provinces_.push_back(&unit);
    }
  }
  std::unordered_map<std::string, uint16_t> first_with_code;
  for (size_t u = 0; u < provinces_.size(); ++u)
    province_key_.push_back(first_with_code.emplace(provinces_[u]->code, static_cast<uint16_t>(u)).first->second);
  current_bits_.resize(provinces_.size());
  unit_bits_.resize(provinces_.size());
  // Eras: every date a province unit starts or ends.
  std::vector<Date> starts{Date::FromCivil(1, 1, 1)};
  for (const auto* unit : provinces_) {
    starts.push_back(unit->valid_from);
    if (unit->valid_to) starts.push_back(Date::FromDays(unit->valid_to->days() + 1));
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  era_starts_ = starts;
  era_map_.assign(era_starts_.size(), std::vector<uint16_t>(provinces_.size(), kNone));
  for (size_t era = 0; era < era_starts_.size(); ++era) {
    Date on = era_starts_[era];
    for (size_t u = 0; u < provinces_.size(); ++u) {
      const geo::AdminUnit* unit = provinces_[u];
      const geo::AdminUnit* found = nullptr;
      if (unit->InForce(on)) {
        found = unit;
      } else if (on < unit->valid_from) {
        // Walk back through unique predecessors.
        const geo::AdminUnit* at = unit;
        for (int depth = 0; depth < 8 && at && !at->InForce(on); ++depth) {
          auto preds = units_->Predecessors(at->id);
          at = preds.size() == 1 ? preds[0] : nullptr;
        }
        if (at && at->InForce(on)) found = at;
      } else {
        const geo::AdminUnit* at = unit;
        for (int depth = 0; depth < 8 && at && !at->InForce(on); ++depth) {
          auto succs = units_->Successors(at->id);
          at = succs.size() == 1 ? succs[0] : nullptr;
        }
        if (at && at->InForce(on)) found = at;
      }
      if (found) era_map_[era][u] = province_index_.at(found);
    }
  }
  for (const auto* commune : units_->InForce(geo::AdminLevel::kCommune, Date::Today())) {
    commune_index_[commune->code] = static_cast<uint16_t>(communes_.size());
    communes_.push_back(commune);
  }
}

int RegistryIndex::EraOf(Date date) const {
  auto it = std::upper_bound(era_starts_.begin(), era_starts_.end(), date);
  return static_cast<int>(it - era_starts_.begin()) - 1;
}

Result<std::unique_ptr<RegistryIndex>> RegistryIndex::Build(storage::Db& db,
                                                            std::shared_ptr<const geo::AdminUnitDirectory> units) {
  std::unique_ptr<RegistryIndex> index(new RegistryIndex(db, std::move(units)));
  std::vector<Loaded> loaded;
  int64_t version = 0;
  // The version first: whatever commits after it has change_seq > version and is caught up later,
  // so the three tables may be read in parallel, each in its own snapshot.
  HOPTAC_TRY(db.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
    return IndexLoader::LoadEntities(conn, -1, loaded);
  }));
  auto events = std::async(std::launch::async, [&] {
    return db.Read([&](Connection& conn) { return IndexLoader::LoadEvents(conn, -1, loaded); });
  });
  Status figures = db.Read([&](Connection& conn) { return IndexLoader::LoadFigures(conn, -1, loaded); });
  Status events_status = events.get();
  HOPTAC_TRY(std::move(events_status));
  HOPTAC_TRY(std::move(figures));
  IndexLoader::Prepare(loaded);
  std::lock_guard catch_up(index->catch_up_mu_);
  std::unique_lock lock(index->mu_);
  index->Apply(loaded);
  index->version_ = version;
  loaded = {};
  malloc_trim(0);  // give the loading buffers back
  return index;
}

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

namespace {

// Position in order of the first slot not before (key, id).
size_t LowerBound(const std::vector<uint32_t>& order, const std::vector<std::string>& keys,
                  const std::vector<int64_t>& ids, std::string_view key, int64_t id) {
  auto it = std::lower_bound(order.begin(), order.end(), 0, [&](uint32_t slot, int) {
    int c = keys[slot].compare(key);
    return c < 0 || (c == 0 && ids[slot] < id);
  });
  return static_cast<size_t>(it - order.begin());
}

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
    founded_[slot] = timeline.founded_days() == domain::StatusTimeline::kSinceForever
                         ? kUnknownDay
                         : static_cast<int32_t>(timeline.founded_days());
    founded_year_[slot] =
        static_cast<int16_t>(founded_[slot] == kUnknownDay ? -1 : Date::FromDays(founded_[slot]).year());
    timeline_off_[slot] = static_cast<uint32_t>(changes_.size());
    timeline_n_[slot] = static_cast<uint8_t>(std::min<size_t>(timeline.changes.size(), 255));
    for (size_t i = 0; i < timeline_n_[slot]; ++i)
      changes_.emplace_back(timeline.changes[i].first, static_cast<uint8_t>(timeline.changes[i].second));
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

void RegistryIndex::EnsureRanks() const {
  if (!ranks_dirty_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(rank_mu_);
  if (!ranks_dirty_.load(std::memory_order_relaxed)) return;
  rank_.assign(id_.size(), UINT32_MAX);
  for (uint32_t i = 0; i < order_.size(); ++i) rank_[order_[i]] = i;
  ranks_dirty_.store(false, std::memory_order_release);
}

std::optional<domain::EntityStatus> RegistryIndex::StatusAt(uint32_t slot, int days) const {
  if (founded_[slot] != kUnknownDay && days < founded_[slot]) return std::nullopt;
  const auto* begin = changes_.data() + timeline_off_[slot];
  const auto* end = begin + timeline_n_[slot];
  uint8_t status = 0;
  for (const auto* c = begin; c != end && c->first <= days; ++c) status = c->second;
  return static_cast<domain::EntityStatus>(status);
}

Result<FindResult> RegistryIndex::Find(const FindQuery& query) const {
  const EntityFilters& f = *query.filters;
  FindResult result;
  if (query.scope_nothing) return result;
  if (f.limit < 1 || f.limit > registry::kMaxListLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range",
                               {"1", std::to_string(registry::kMaxListLimit)});
  if (f.offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "1000000000"});
  std::optional<Cursor> cursor;
  if (!f.cursor.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(auto c, DecodeCursor(f.cursor));
    cursor = std::move(c);
  }
  // Units are immutable: resolve codes before locking.
  uint16_t legacy_unit = kNone;
  if (!f.legacy_province.empty()) {
    const geo::AdminUnit* unit =
        units_->Find(geo::AdminLevel::kProvince, f.legacy_province, Date::FromCivil(2025, 6, 30));
    if (!unit)
      return Error::InvalidField("legacy_province", "unknown_province", "field.unknown_province", {f.legacy_province});
    legacy_unit = province_index_.at(unit);
  }
  auto current_unit = [&](const std::string& code) -> int {
    if (code.empty()) return -1;
    const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Date::Today());
    return unit ? province_index_.at(unit) : -2;  // -2: matches nothing
  };
  int province = current_unit(f.province);
  int scope_province = current_unit(query.scope_province);
  if (province == -2 || scope_province == -2) return result;
  int commune = -1;
  if (!f.commune.empty()) {
    auto it = commune_index_.find(f.commune);
    if (it == commune_index_.end()) return result;
    commune = it->second;
  }
  const int on_days = (f.as_of ? *f.as_of : Date::Today()).days();
  const int32_t founded_from = f.founded_from ? f.founded_from->days() : INT32_MIN;
  const int32_t founded_to = f.founded_to ? f.founded_to->days() : INT32_MAX;
  const bool founded_filter = f.founded_from || f.founded_to;
  std::vector<std::string> words = registry::SearchWords(f.q);
  if (words.size() > 7) words.resize(7);
  const bool relevance = !words.empty() && f.sort == registry::ListSort::kRelevance;

  std::shared_lock lock(mu_);
  const uint32_t slots = static_cast<uint32_t>(id_.size());
  const size_t nwords = (slots + 63) / 64;

  // The matches as a bitmap: alive slots, narrowed by the filter bitmaps, then by each word.
  Bits bits;
  if (query.scope_entity_id) {
    bits.assign(nwords, 0);
    auto it = slot_of_.find(query.scope_entity_id);
    if (it != slot_of_.end() && alive_[it->second]) SetBit(bits, it->second);
  } else {
    bits = alive_bits_;
    bits.resize(nwords, 0);
  }
  if (scope_province >= 0) AndInto(bits, current_bits_[static_cast<size_t>(scope_province)]);
  if (province >= 0) AndInto(bits, current_bits_[static_cast<size_t>(province)]);
  if (legacy_unit != kNone) AndInto(bits, unit_bits_[legacy_unit]);
  if (f.kind) AndInto(bits, kind_bits_[static_cast<size_t>(*f.kind)]);
  if (f.sector) AndInto(bits, sector_bits_[static_cast<size_t>(*f.sector)]);
  if (f.women_managed) *f.women_managed ? AndInto(bits, women_bits_) : AndNotInto(bits, women_bits_);
  if (f.youth) *f.youth ? AndInto(bits, youth_bits_) : AndNotInto(bits, youth_bits_);
  // The status today is a bitmap; on another day, the statuses ever held narrow the candidates.
  const bool status_by_bits = f.status && on_days == status_day_;
  if (f.status) AndInto(bits, (status_by_bits ? status_bits_ : ever_bits_)[static_cast<size_t>(*f.status)]);
  // Each word matches the names with a word starting with it (the union of its prefix range).
  for (const std::string& w : words) {
    Bits range(nwords, 0);
    for (auto it = postings_.lower_bound(w); it != postings_.end() && it->first.compare(0, w.size(), w) == 0; ++it) {
      if (!it->second.bits.empty()) {
        OrInto(range, it->second.bits);
      } else {
        for (uint32_t s : it->second.slots) range[s >> 6] |= uint64_t{1} << (s & 63);
      }
    }
    AndInto(bits, range);
  }
  // What no bitmap answers: checked on the remaining candidates only.
  if (commune >= 0 || founded_filter || (f.status && !status_by_bits)) {
    ForEachBit(bits, [&](uint32_t s) {
      bool pass = true;
      if (commune >= 0 && commune_[s] != commune) pass = false;
      if (pass && founded_filter &&
          (founded_[s] == kUnknownDay || founded_[s] < founded_from || founded_[s] > founded_to))
        pass = false;
      if (pass && f.status && !status_by_bits) {
        auto status = StatusAt(s, on_days);
        pass = status && *status == *f.status;
      }
      if (!pass) ClearBit(bits, s);
    });
  }
  const size_t total = CountBits(bits);
  result.total = static_cast<int64_t>(total);
  if (total == 0) return result;

  // Where the cursor's entity stands in the name order: the first position not before it.
  size_t at = 0;
  bool cursor_found = false;
  if (cursor) {
    at = LowerBound(order_, sort_key_, id_, cursor->sort_key, cursor->id);
    cursor_found = at < order_.size() && id_[order_[at]] == cursor->id && sort_key_[order_[at]] == cursor->sort_key;
  }
  const size_t want = static_cast<size_t>(f.offset) + static_cast<size_t>(f.limit);
  const bool descending_name = f.sort == registry::ListSort::kNameDescending;
  const bool by_name = !relevance && (f.sort == registry::ListSort::kName || descending_name ||
                                      f.sort == registry::ListSort::kRelevance);

  // Name order with many matches: walk the order from the cursor; a match turns up every 64 slots or sooner.
  if (by_name && total * 64 >= order_.size()) {
    int skip = f.offset;
    uint32_t last = 0;
    bool more = false;
    auto visit = [&](uint32_t s) {  // false: stop
      if (!TestBit(bits, s)) return true;
      if (result.ids.size() == static_cast<size_t>(f.limit)) {
        more = true;
        return false;
      }
      if (skip > 0) {
        --skip;
        return true;
      }
      result.ids.push_back(id_[s]);
      last = s;
      return true;
    };
    if (descending_name) {
      for (size_t pos = cursor ? at : order_.size(); pos > 0 && visit(order_[pos - 1]); --pos) {
      }
    } else {
      for (size_t pos = at + (cursor_found ? 1 : 0); pos < order_.size() && visit(order_[pos]); ++pos) {
      }
    }
    if (more && !result.ids.empty()) result.next_cursor = EncodeCursor({0, id_[last], sort_key_[last]});
    return result;
  }

  // Otherwise every match gets a key, (primary << 32) | secondary, ascending, and the page is the
  // smallest keys after the cursor's. Secondary: the place in the name order (reversed for -name).
  // Primary: 255 − relevance score (whole-word matches first, then shorter names), or the founding
  // day (unknown last, in both directions), or 0.
  EnsureRanks();
  const uint32_t n = static_cast<uint32_t>(order_.size());
  enum class Primary { kNone, kScore, kFounded, kFoundedDescending } primary = Primary::kNone;
  if (relevance) {
    primary = Primary::kScore;
  } else if (f.sort == registry::ListSort::kFounded) {
    primary = Primary::kFounded;
  } else if (f.sort == registry::ListSort::kFoundedDescending) {
    primary = Primary::kFoundedDescending;
  }
  std::vector<Bits> built;
  built.reserve(words.size());
  std::vector<const Bits*> exact;
  if (primary == Primary::kScore) {
    std::vector<std::string> unique = words;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const std::string& w : unique) {
      auto it = postings_.find(w);
      if (it == postings_.end()) continue;
      if (it->second.bits.empty()) {
        built.push_back(BitsOf(it->second.slots, nwords));
        exact.push_back(&built.back());
      } else {
        exact.push_back(&it->second.bits);
      }
    }
  }
  auto primary_of = [&](uint32_t s) -> uint32_t {
    switch (primary) {
      case Primary::kScore: {
        int whole = 0;
        for (const Bits* b : exact) whole += TestBit(*b, s);
        return static_cast<uint32_t>(255 - (std::min(whole, 7) * 32 + (31 - std::min<int>(word_count_[s], 31))));
      }
      case Primary::kFounded:
        return founded_[s] == kUnknownDay ? UINT32_MAX
                                          : static_cast<uint32_t>(static_cast<int64_t>(founded_[s]) - INT32_MIN);
      case Primary::kFoundedDescending:
        return founded_[s] == kUnknownDay ? UINT32_MAX
                                          : static_cast<uint32_t>(static_cast<int64_t>(INT32_MAX) - founded_[s]);
      case Primary::kNone: break;
    }
    return 0;
  };
  auto key_of = [&](uint32_t s, uint32_t p) -> uint64_t {
    uint32_t secondary = descending_name ? n - 1 - rank_[s] : rank_[s];
    return (uint64_t{p} << 32) | secondary;
  };
  // The smallest key after the cursor's entity (which may have moved or gone since).
  uint64_t after = 0;
  if (cursor) {
    uint32_t secondary = descending_name ? n - static_cast<uint32_t>(at) : static_cast<uint32_t>(at) + cursor_found;
    after = (uint64_t{cursor->primary} << 32) | secondary;
  }
  std::vector<uint64_t> keyed;
  keyed.reserve(total);
  // Relevance scores take 256 values: count them first and key only those that can reach this page.
  uint32_t threshold = UINT32_MAX;
  if (primary == Primary::kScore) {
    std::vector<uint8_t> scores(total);
    std::array<size_t, 256> histogram{};
    size_t i = 0;
    ForEachBit(bits, [&](uint32_t s) {
      scores[i] = static_cast<uint8_t>(primary_of(s));
      if (key_of(s, scores[i]) >= after) ++histogram[scores[i]];
      ++i;
    });
    size_t seen = 0;
    for (uint32_t p = 0; p < 256; ++p) {
      seen += histogram[p];
      if (seen > want) {
        threshold = p;
        break;
      }
    }
    i = 0;
    ForEachBit(bits, [&](uint32_t s) {
      uint8_t p = scores[i++];
      if (p > threshold) return;
      uint64_t k = key_of(s, p);
      if (k >= after) keyed.push_back(k);
    });
  } else {
    ForEachBit(bits, [&](uint32_t s) {
      uint64_t k = key_of(s, primary_of(s));
      if (k >= after) keyed.push_back(k);
    });
  }
  size_t take = std::min(want, keyed.size());
  if (take < keyed.size())
    std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(take), keyed.end());
  std::sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(take));
  auto slot_of_key = [&](uint64_t k) {
    uint32_t secondary = static_cast<uint32_t>(k & 0xFFFFFFFFu);
    return order_[descending_name ? n - 1 - secondary : secondary];
  };
  for (size_t i = static_cast<size_t>(f.offset); i < take; ++i) result.ids.push_back(id_[slot_of_key(keyed[i])]);
  if (take < keyed.size() && !result.ids.empty()) {
    uint64_t k = keyed[take - 1];
    uint32_t last = slot_of_key(k);
    result.next_cursor = EncodeCursor({static_cast<uint32_t>(k >> 32), id_[last], sort_key_[last]});
  }
  return result;
}

RegistryIndex::Usage RegistryIndex::MemoryUsage() const {
  std::shared_lock lock(mu_);
  Usage u;
  for (uint8_t a : alive_) u.entities += a;
  u.events = static_cast<int64_t>(events_.size());
  u.periods = static_cast<int64_t>(period_end_.size());
  u.figure_values = figure_values_;
  int64_t bytes = 0;
  size_t n = id_.capacity();
  bytes += static_cast<int64_t>(n * (8 + 1 + 1 + 1 + 1 + 2 + 2 + 2 + 4 + 4 + 1 + 4 + 1 + 4 + 2 + 1 + 4));
  bytes += static_cast<int64_t>(changes_.capacity() * 8 + events_.capacity() * 8 + period_end_.capacity() * 4);
  for (const auto& column : figure_columns_) bytes += static_cast<int64_t>(column.capacity() * 8);
  for (size_t i = 0; i < sort_key_.size(); ++i) {
    bytes += static_cast<int64_t>(sizeof(std::string) * 2);
    if (sort_key_[i].capacity() > 15) bytes += static_cast<int64_t>(sort_key_[i].capacity() + 1);
    if (words_[i].capacity() > 15) bytes += static_cast<int64_t>(words_[i].capacity() + 1);
  }
  bytes += static_cast<int64_t>(slot_of_.size() * 32 + slot_of_.bucket_count() * 8);
  bytes += static_cast<int64_t>(order_.capacity() * 4);
  for (const auto& [word, posting] : postings_)
    bytes += static_cast<int64_t>(64 + word.capacity() + posting.slots.capacity() * 4 + posting.bits.capacity() * 8);
  auto family = [](const std::vector<Bits>& bitmaps) {
    size_t n = 0;
    for (const Bits& b : bitmaps) n += b.capacity() * 8;
    return static_cast<int64_t>(n);
  };
  bytes += family(kind_bits_) + family(current_bits_) + family(unit_bits_) + family(sector_bits_) +
           family(status_bits_) + family(ever_bits_);
  bytes += static_cast<int64_t>((alive_bits_.capacity() + women_bits_.capacity() + youth_bits_.capacity()) * 8);
  u.bytes = bytes;
  u.version = version_;
  return u;
}

}  // namespace hoptac::analytics

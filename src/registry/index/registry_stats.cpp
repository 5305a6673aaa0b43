// RegistryIndex: statistics (stock, flows, series) over the columns.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <future>
#include <map>
#include <shared_mutex>
#include <type_traits>
#include <unordered_map>

#include "registry/index/cell_key.h"
#include "registry/index/disclosure.h"
#include "registry/index/registry_index.h"
#include "text/i18n.h"

namespace hoptac::analytics {

namespace {

constexpr uint16_t kNone = 0xFFFF;
constexpr uint8_t kNoSector = 0xFF;
constexpr int32_t kUnknownDay = INT32_MIN;

// Parallel over two halves of the slots when there are many.
constexpr uint32_t kParallelSlots = 200000;

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? INT64_MAX : INT64_MIN;
  return out;
}

// The exact sum and count of a group (officials' answers, counts, flows).
struct Acc {
  int64_t sum = 0;
  int64_t count = 0;

  // `entities`: 1, or 0 when this entity was already counted in the group (flows).
  void Add(int64_t value, int64_t entities = 1) {
    sum = SaturatingAdd(sum, value);
    count += entities;
  }
  void Merge(const Acc& other) {
    sum = SaturatingAdd(sum, other.sum);
    count += other.count;
  }
  bool empty() const { return count == 0; }
};

// A group of a figure measure answered to the public: what the cell-key method needs
// (disclosure.h). Added a contribution and its entity's record key at a time.
struct KeyedAcc : cell_key::Cell {
  bool empty() const { return contributors == 0; }
};

// Dimension values are encoded as small non-negative integers (0: unknown);
// years as year - 1899 within 1 … 300.
int Encode(Dimension d, int value) {
  if (d == Dimension::kFoundedYear || d == Dimension::kYear) return value < 0 ? 0 : std::clamp(value - 1899, 1, 300);
  return value + 1;
}
int Decode(Dimension d, int code) {
  if (d == Dimension::kFoundedYear || d == Dimension::kYear) return code == 0 ? -1 : code + 1899;
  return code - 1;
}

// Accumulators (Acc or KeyedAcc) per group: a dense table when the groups are few, a hash map otherwise.
template <typename Cell>
class Aggregator {
 public:
  explicit Aggregator(std::vector<int> radix) : radix_(std::move(radix)) {
    int64_t product = 1;
    for (int r : radix_) product *= r;
    dense_ = product <= (1 << 16);
    if (dense_) cells_.assign(static_cast<size_t>(product), Cell{});
  }
  // Adds a contribution (Cell::Add's arguments) to the group of these codes.
  template <typename... Args>
  void Add(const int* codes, Args... args) {
    Cell* acc;
    if (dense_) {
      size_t index = 0;
      for (size_t i = 0; i < radix_.size(); ++i)
        index = index * static_cast<size_t>(radix_[i]) + static_cast<size_t>(codes[i]);
      acc = &cells_[index];
    } else {
      uint64_t key = 0;
      for (size_t i = 0; i < radix_.size(); ++i) key = (key << 20) | static_cast<uint64_t>(codes[i]);
      acc = &map_[key];
    }
    acc->Add(args...);
  }
  bool dense() const { return dense_; }
  // Adds a contribution to a cell of the dense table (REQUIRES: dense()).
  template <typename... Args>
  void AddCell(size_t index, Args... args) {
    cells_[index].Add(args...);
  }
  void Merge(const Aggregator& other) {
    if (dense_) {
      for (size_t i = 0; i < cells_.size(); ++i) cells_[i].Merge(other.cells_[i]);
    } else {
      for (const auto& [k, a] : other.map_) map_[k].Merge(a);
    }
  }
  // Groups with at least one entity, as (codes, accumulator), sorted by codes.
  std::vector<std::pair<std::vector<int>, Cell>> Groups() const {
    std::vector<std::pair<std::vector<int>, Cell>> out;
    const size_t n = radix_.size();
    auto decode_index = [&](size_t index) {
      std::vector<int> codes(n);
      for (size_t i = n; i-- > 0;) {
        codes[i] = static_cast<int>(index % static_cast<size_t>(radix_[i]));
        index /= static_cast<size_t>(radix_[i]);
      }
      return codes;
    };
    if (dense_) {
      for (size_t i = 0; i < cells_.size(); ++i)
        if (!cells_[i].empty()) out.emplace_back(decode_index(i), cells_[i]);
    } else {
      for (const auto& [key, acc] : map_) {
        std::vector<int> codes(n);
        uint64_t k = key;
        for (size_t i = n; i-- > 0;) {
          codes[i] = static_cast<int>(k & 0xFFFFF);
          k >>= 20;
        }
        out.emplace_back(std::move(codes), acc);
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }

 private:
  std::vector<int> radix_;
  bool dense_ = true;
  std::vector<Cell> cells_;
  std::unordered_map<uint64_t, Cell> map_;
};

}  // namespace

struct RegistryIndex::Compiled {
  std::vector<uint8_t> kinds;     // allowed kind values (empty: any)
  std::vector<uint8_t> statuses;  // allowed statuses
  std::vector<uint8_t> sectors;
  std::vector<std::vector<uint8_t>> province_ok;  // [era][unit]; empty: any
  std::vector<uint8_t> commune_ok;                // [commune]; empty: any
  int scope_unit = -1;                            // current province unit, -1: any
  std::optional<bool> women, youth;
  int32_t founded_from = INT32_MIN, founded_to = INT32_MAX;
  bool founded_filter = false;
  int era = 0;  // the era provinces are grouped and filtered in
  bool legacy = false;
  int current_era = 0;
};

const char* DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kProvince: return "province";
    case Dimension::kCommune: return "commune";
    case Dimension::kKind: return "kind";
    case Dimension::kStatus: return "status";
    case Dimension::kSector: return "sector";
    case Dimension::kFoundedYear: return "founded_year";
    case Dimension::kWomenManaged: return "women_managed";
    case Dimension::kYouth: return "youth";
    case Dimension::kYear: return "year";
  }
  return "";
}

std::optional<Dimension> DimensionFromName(std::string_view name) {
  for (Dimension d : kDimensions)
    if (name == DimensionName(d)) return d;
  return std::nullopt;
}

std::string DimensionNames() {
  std::string names;
  for (Dimension d : kDimensions) names += std::string(names.empty() ? "" : ", ") + DimensionName(d);
  return names;
}

const char* ProvinceSchemeName(ProvinceScheme scheme) {
  return scheme == ProvinceScheme::kLegacy ? "legacy" : "current";
}

std::optional<Interval> IntervalFromName(std::string_view name) {
  if (name == "year") return Interval::kYear;
  if (name == "half") return Interval::kHalf;
  if (name == "quarter") return Interval::kQuarter;
  return std::nullopt;
}

const char* IntervalName(Interval interval) {
  switch (interval) {
    case Interval::kYear: return "year";
    case Interval::kHalf: return "half";
    case Interval::kQuarter: return "quarter";
  }
  return "";
}

bool KnownMeasure(std::string_view measure) { return measure == "count" || domain::FindFigureField(measure); }

Result<RegistryIndex::Compiled> RegistryIndex::Compile(const StatsFilter& f, ProvinceScheme scheme, Date on) const {
  Compiled c;
  for (auto k : f.kinds) c.kinds.push_back(static_cast<uint8_t>(k));
  for (auto s : f.statuses) c.statuses.push_back(static_cast<uint8_t>(s));
  for (auto s : f.sectors) c.sectors.push_back(static_cast<uint8_t>(s));
  c.current_era = EraOf(Date::Today());
  c.legacy = scheme == ProvinceScheme::kLegacy;
  c.era = c.legacy ? EraOf(on) : c.current_era;
  if (!f.provinces.empty()) {
    c.province_ok.assign(era_starts_.size(), std::vector<uint8_t>(provinces_.size(), 0));
    for (const std::string& code : f.provinces) {
      bool known = false;
      for (size_t u = 0; u < provinces_.size(); ++u) {
        if (provinces_[u]->code != code) continue;
        known = true;
        for (size_t era = 0; era < era_starts_.size(); ++era)
          if (provinces_[u]->InForce(era_starts_[era])) c.province_ok[era][u] = 1;
      }
      if (!known) return Error::InvalidField("province", "unknown_province", "field.unknown_province", {code});
    }
  }
  if (!f.communes.empty()) {
    c.commune_ok.assign(communes_.size(), 0);
    for (const std::string& code : f.communes) {
      auto it = commune_index_.find(code);
      if (it == commune_index_.end())
        return Error::InvalidField("commune", "unknown_commune", "field.unknown_commune", {code});
      c.commune_ok[it->second] = 1;
    }
  }
  if (!f.scope_province.empty()) {
    const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, f.scope_province, Date::Today());
    c.scope_unit = unit ? province_index_.at(unit) : static_cast<int>(kNone);
  }
  c.women = f.women_managed;
  c.youth = f.youth;
  if (f.founded_from) c.founded_from = f.founded_from->days();
  if (f.founded_to) c.founded_to = f.founded_to->days();
  c.founded_filter = f.founded_from || f.founded_to;
  return c;
}

namespace {
bool In(const std::vector<uint8_t>& allowed, uint8_t value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}
}  // namespace

// Filters that do not depend on the date (status and existence are checked by the callers).
bool RegistryIndex::Passes(const Compiled& c, uint32_t s, int era) const {
  if (!alive_[s]) return false;
  if (c.scope_unit >= 0 && current_[s] != c.scope_unit) return false;
  if (!In(c.kinds, kind_[s])) return false;
  if (!c.sectors.empty() && (sector_[s] == kNoSector || !In(c.sectors, sector_[s]))) return false;
  if (c.women && ((flags_[s] & 1) != 0) != *c.women) return false;
  if (c.youth && ((flags_[s] & 2) != 0) != *c.youth) return false;
  if (c.founded_filter && (founded_[s] == kUnknownDay || founded_[s] < c.founded_from || founded_[s] > c.founded_to))
    return false;
  if (!c.commune_ok.empty() && (commune_[s] == kNone || !c.commune_ok[commune_[s]])) return false;
  if (!c.province_ok.empty()) {
    uint16_t registered = unit_[s] != kNone ? unit_[s] : current_[s];
    if (registered == kNone) return false;
    uint16_t unit = era_map_[era][registered];
    if (unit == kNone || !c.province_ok[era][unit]) return false;
  }
  return true;
}

// Inlined into the loops of Stock and Flows: a call per dimension and entity cost more than the switch.
[[gnu::always_inline]] inline int RegistryIndex::DimensionValue(Dimension d, uint32_t s, int on_days, int era) const {
  switch (d) {
    case Dimension::kProvince: {
      uint16_t registered = unit_[s] != kNone ? unit_[s] : current_[s];
      if (registered == kNone) return -1;
      uint16_t unit = era_map_[era][registered];
      return unit == kNone ? -1 : province_key_[unit];
    }
    case Dimension::kCommune: return commune_[s] == kNone ? -1 : commune_[s];
    case Dimension::kKind: return kind_[s];
    case Dimension::kStatus: return StatusCode(s, on_days);
    case Dimension::kSector: return sector_[s] == kNoSector ? -1 : sector_[s];
    case Dimension::kFoundedYear: return founded_year_[s];
    case Dimension::kWomenManaged: return flags_[s] & 1;
    case Dimension::kYouth: return (flags_[s] >> 1) & 1;
    case Dimension::kYear: return Date::FromDays(on_days).year();
  }
  return -1;
}

int RegistryIndex::Radix(Dimension d) const {
  switch (d) {
    case Dimension::kProvince: return static_cast<int>(provinces_.size()) + 1;
    case Dimension::kCommune: return static_cast<int>(communes_.size()) + 1;
    case Dimension::kKind: return 5;
    case Dimension::kStatus: return 7;
    case Dimension::kSector: return 256;
    case Dimension::kFoundedYear:
    case Dimension::kYear: return 301;
    case Dimension::kWomenManaged:
    case Dimension::kYouth: return 3;
  }
  return 1;
}

std::string RegistryIndex::KeyText(Dimension d, int value) const {
  if (value < 0) return "";
  switch (d) {
    case Dimension::kProvince: return provinces_[static_cast<size_t>(value)]->code;
    case Dimension::kCommune: return communes_[static_cast<size_t>(value)]->code;
    case Dimension::kKind: return domain::EntityKindName(static_cast<domain::EntityKind>(value));
    case Dimension::kStatus: return domain::EntityStatusName(static_cast<domain::EntityStatus>(value));
    case Dimension::kSector: return domain::SectorName(static_cast<domain::Sector>(value));
    case Dimension::kFoundedYear:
    case Dimension::kYear: return std::to_string(value);
    case Dimension::kWomenManaged:
    case Dimension::kYouth: return value ? "true" : "false";
  }
  return "";
}

namespace {

std::string UnitLabel(const geo::AdminUnit* unit, i18n::Lang lang) {
  return lang == i18n::Lang::kEn ? unit->name_en : unit->name;
}

}  // namespace

std::string RegistryIndex::Label(Dimension d, const std::string& key, i18n::Lang lang, Date on) const {
  if (key.empty()) return i18n::Translate(lang, "stats.unknown");
  switch (d) {
    case Dimension::kProvince: {
      const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, key, on);
      if (!unit) unit = units_->Find(geo::AdminLevel::kProvince, key, Date::Today());
      return unit ? UnitLabel(unit, lang) : key;
    }
    case Dimension::kCommune: {
      auto it = commune_index_.find(key);
      return it == commune_index_.end() ? key : UnitLabel(communes_[it->second], lang);
    }
    case Dimension::kKind:
      if (auto k = domain::EntityKindFromName(key)) return domain::EntityKindLabel(*k, lang);
      return key;
    case Dimension::kStatus:
      if (auto s = domain::EntityStatusFromName(key)) return domain::EntityStatusLabel(*s, lang);
      return key;
    case Dimension::kSector:
      if (auto s = domain::SectorFromName(key)) return domain::SectorLabel(*s, lang);
      return key;
    case Dimension::kFoundedYear:
    case Dimension::kYear: return key;
    case Dimension::kWomenManaged:
    case Dimension::kYouth: return i18n::Translate(lang, key == "true" ? "stats.yes" : "stats.no");
  }
  return key;
}

namespace {

Status CheckGroupBy(const std::vector<Dimension>& group_by, bool flows) {
  if (group_by.size() > kMaxGroupBy)
    return Error::InvalidField("group_by", "too_many_dimensions", "field.too_many_dimensions",
                               {std::to_string(kMaxGroupBy)});
  for (size_t i = 0; i < group_by.size(); ++i) {
    Dimension d = group_by[i];
    if ((d == Dimension::kYear && !flows) || (d == Dimension::kStatus && flows))
      return Error::InvalidField("group_by", "dimension_not_allowed", "field.dimension_not_allowed",
                                 {DimensionName(d)});
    for (size_t j = 0; j < i; ++j)
      if (group_by[j] == d)
        return Error::InvalidField("group_by", "dimension_repeated", "field.dimension_repeated", {DimensionName(d)});
  }
  return Ok();
}

}  // namespace

namespace {

// The order of keys (stats.h): numeric keys numerically ("2" < "10"), others as
// text; the unknown key ("") first.
bool Numeric(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int CompareKey(std::string_view a, std::string_view b) {
  if (Numeric(a) && Numeric(b)) {
    a.remove_prefix(std::min(a.find_first_not_of('0'), a.size() - 1));
    b.remove_prefix(std::min(b.find_first_not_of('0'), b.size() - 1));
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  }
  return a.compare(b);
}

// Sorts grouped rows by their keys' text. The codes order kinds and statuses by
// declaration and provinces by directory position, so each dimension's distinct
// codes are ranked by key text once and the rows sorted on the ranks.
template <typename Cell, typename KeyTextFn>
void SortByKeys(std::vector<std::pair<std::vector<int>, Cell>>& rows, size_t dims, const KeyTextFn& key_text) {
  std::vector<std::vector<int>> value_of_rank(dims);
  for (size_t i = 0; i < dims; ++i) {
    std::vector<int> values;
    for (const auto& row : rows) values.push_back(row.first[i]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::vector<std::string> texts;
    for (int v : values) texts.push_back(key_text(i, v));
    std::vector<size_t> by_key(values.size());
    for (size_t k = 0; k < by_key.size(); ++k) by_key[k] = k;
    std::sort(by_key.begin(), by_key.end(), [&](size_t x, size_t y) { return CompareKey(texts[x], texts[y]) < 0; });
    std::unordered_map<int, int> rank_of;
    for (size_t k = 0; k < by_key.size(); ++k) {
      rank_of[values[by_key[k]]] = static_cast<int>(k);
      value_of_rank[i].push_back(values[by_key[k]]);
    }
    for (auto& row : rows) row.first[i] = rank_of[row.first[i]];
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& row : rows)
    for (size_t i = 0; i < dims; ++i) row.first[i] = value_of_rank[i][static_cast<size_t>(row.first[i])];
}

// Runs fn(begin, end, aggregator) over the slots, on two threads when there are many, and merges.
template <typename Cell, typename F>
Aggregator<Cell> RunSplit(uint32_t slots, const std::vector<int>& radix, F fn) {
  Aggregator<Cell> all(radix);
  if (slots >= kParallelSlots) {
    Aggregator<Cell> other(radix);
    uint32_t half = slots / 2;
    auto future = std::async(std::launch::async, [&] { fn(half, slots, other); });
    fn(0, half, all);
    future.get();
    all.Merge(other);
  } else {
    fn(0, slots, all);
  }
  return all;
}

}  // namespace

Result<StockResult> RegistryIndex::Stock(const StockQuery& q) const {
  if (!KnownMeasure(q.measure))
    return Error::InvalidField("measure", "unknown_measure", "field.unknown_measure", {q.measure});
  HOPTAC_TRY(CheckGroupBy(q.group_by, /*flows=*/false));
  HOPTAC_TRY(CheckPublicQuery(q.measure, q.group_by, q.filter, q.audience));
  HOPTAC_ASSIGN_OR_RETURN(Compiled c, Compile(q.filter, q.scheme, q.as_of));
  const domain::FigureField* field = q.measure == "count" ? nullptr : domain::FindFigureField(q.measure);
  size_t column = 0;
  if (field) {
    for (const auto& f : domain::FigureFields()) {
      if (f.name == field->name) break;
      ++column;
    }
  }
  const int on = q.as_of.days();
  const size_t dims = q.group_by.size();
  std::vector<int> radix;
  for (Dimension d : q.group_by) radix.push_back(Radix(d));
  const bool filtered = !c.kinds.empty() || !c.sectors.empty() || c.women || c.youth || c.founded_filter ||
                        !c.commune_ok.empty() || !c.province_ok.empty() || c.scope_unit >= 0;

  std::shared_lock lock(mu_);
  const uint32_t slots = static_cast<uint32_t>(id_.size());
  // A figure measure sums the figure (an empty column when no figures are stored: data() is null
  // then, so the pointer cannot say which measure was asked for); count sums ones.
  const bool figure_measure = field != nullptr;
  const int64_t* values_column = figure_measure ? figure_columns_[column].data() : nullptr;
  // The value of an entity that counts (false: it does not: not alive, not founded yet, filtered
  // out, or no figure reported).
  // The rest of the checks, for an entity alive and founded by `on`.
  auto value_of_existing = [&](uint32_t s, int64_t& value) {
    if (filtered && !Passes(c, s, c.era)) return false;
    if (!c.statuses.empty()) {
      const int status = StatusCode(s, on);
      if (status < 0 || !In(c.statuses, static_cast<uint8_t>(status))) return false;
    }
    value = 1;
    if (figure_measure) {
      const uint32_t off = figures_off_[s];
      for (uint32_t i = figures_n_[s]; i-- > 0;) {
        if (period_end_[off + i] > on) continue;
        int64_t v = values_column[off + i];
        if (v == kMissingFigure) continue;
        value = v;
        return true;
      }
      return false;
    }
    return true;
  };
  auto value_of = [&](uint32_t s, int64_t& value) {
    if (!alive_[s] || (founded_[s] != kUnknownDay && founded_[s] > on)) return false;
    return value_of_existing(s, value);
  };
  // Few groups (a dense table): per chunk of slots, the entities that count first, then each
  // dimension's codes in a loop of its own (no switch per entity and dimension), then the cells.
  // Cell: Acc (exact sums), or KeyedAcc (what the cell-key method needs, with each entity's record key).
  auto dense = [&]<typename Cell>(uint32_t begin, uint32_t end, Aggregator<Cell>& out) {
    constexpr uint32_t kChunk = 1024;
    std::array<uint32_t, kChunk> picked, cell;
    std::array<int64_t, kChunk> values;
    for (uint32_t from = begin; from < end; from += kChunk) {
      const uint32_t to = std::min(end, from + kChunk);
      uint32_t n = 0;
      // Alive and founded by `on` (an unknown day, INT32_MIN, is before it), 64 slots a step.
      const uint8_t* alive = alive_.data();
      const int32_t* founded = founded_.data();
      for (uint32_t base = from; base < to; base += 64) {
        const uint32_t count = std::min<uint32_t>(64, to - base);
        uint64_t exists = 0;
        for (uint32_t i = 0; i < count; ++i)
          exists |= static_cast<uint64_t>((alive[base + i] != 0) & (founded[base + i] <= on)) << i;
        for (; exists; exists &= exists - 1) {
          const uint32_t s = base + static_cast<uint32_t>(std::countr_zero(exists));
          if (value_of_existing(s, values[n])) picked[n++] = s;
        }
      }
      std::fill(cell.begin(), cell.begin() + n, 0u);
      for (size_t i = 0; i < dims; ++i) {
        const uint32_t r = static_cast<uint32_t>(radix[i]);
        auto fold = [&]<Dimension D>() {
          for (uint32_t j = 0; j < n; ++j)
            cell[j] = cell[j] * r + static_cast<uint32_t>(Encode(D, DimensionValue(D, picked[j], on, c.era)));
        };
        switch (q.group_by[i]) {
          case Dimension::kProvince: fold.template operator()<Dimension::kProvince>(); break;
          case Dimension::kCommune: fold.template operator()<Dimension::kCommune>(); break;
          case Dimension::kKind: fold.template operator()<Dimension::kKind>(); break;
          case Dimension::kStatus: fold.template operator()<Dimension::kStatus>(); break;
          case Dimension::kSector: fold.template operator()<Dimension::kSector>(); break;
          case Dimension::kFoundedYear: fold.template operator()<Dimension::kFoundedYear>(); break;
          case Dimension::kWomenManaged: fold.template operator()<Dimension::kWomenManaged>(); break;
          case Dimension::kYouth: fold.template operator()<Dimension::kYouth>(); break;
          case Dimension::kYear: fold.template operator()<Dimension::kYear>(); break;
        }
      }
      if constexpr (std::is_same_v<Cell, KeyedAcc>) {
        for (uint32_t j = 0; j < n; ++j) out.AddCell(cell[j], values[j], record_key_[picked[j]]);
      } else {
        for (uint32_t j = 0; j < n; ++j) out.AddCell(cell[j], values[j]);
      }
    }
  };
  auto aggregate = [&]<typename Cell>() {
    return RunSplit<Cell>(slots, radix, [&](uint32_t begin, uint32_t end, Aggregator<Cell>& out) {
      if (out.dense()) return dense(begin, end, out);
      int codes[kMaxGroupBy];
      for (uint32_t s = begin; s < end; ++s) {
        int64_t value;
        if (!value_of(s, value)) continue;
        for (size_t i = 0; i < dims; ++i) codes[i] = Encode(q.group_by[i], DimensionValue(q.group_by[i], s, on, c.era));
        if constexpr (std::is_same_v<Cell, KeyedAcc>) {
          out.Add(codes, value, record_key_[s]);
        } else {
          out.Add(codes, value);
        }
      }
    });
  };
  // The rows (and the total) of the groups: exact, or as the cell-key method publishes them.
  StockResult result;
  auto finish = [&]<typename Cell>(const Aggregator<Cell>& groups) {
    auto grouped = groups.Groups();
    SortByKeys(grouped, dims, [&](size_t i, int code) { return KeyText(q.group_by[i], Decode(q.group_by[i], code)); });
    [[maybe_unused]] const bool table_bit = std::is_same_v<Cell, KeyedAcc> && cell_key::TableBit(secret_, q.measure);
    Cell total;
    for (auto& [codes, acc] : grouped) {
      StatsRow row;
      for (size_t i = 0; i < dims; ++i) row.keys.push_back(KeyText(q.group_by[i], Decode(q.group_by[i], codes[i])));
      if constexpr (std::is_same_v<Cell, KeyedAcc>) {
        const cell_key::Protected published = cell_key::Protect(acc, table_bit);
        row.disclosure = DisclosureOf(published.outcome);
        row.value = Withheld(row.disclosure) ? 0 : published.value;
        row.entities = acc.contributors;
      } else {
        row.value = acc.sum;
        row.entities = acc.count;
      }
      total.Merge(acc);
      result.rows.push_back(std::move(row));
    }
    if constexpr (std::is_same_v<Cell, KeyedAcc>) {
      const cell_key::Protected published = cell_key::Protect(total, table_bit);
      result.total_disclosure = DisclosureOf(published.outcome);
      result.total = Withheld(result.total_disclosure) ? 0 : published.value;
      result.entities = total.contributors;
    } else {
      result.total = total.sum;
      result.entities = total.count;
    }
  };
  if (Protects(q.measure, q.audience)) {
    Aggregator<KeyedAcc> groups = aggregate.template operator()<KeyedAcc>();
    lock.unlock();
    finish(groups);
  } else {
    Aggregator<Acc> groups = aggregate.template operator()<Acc>();
    lock.unlock();
    finish(groups);
  }
  return result;
}

Result<FlowResult> RegistryIndex::Flows(const FlowQuery& q) const {
  if (q.to < q.from)
    return Error::InvalidField("from", "from_after_to", "field.from_after_to", {q.from.ToIso(), q.to.ToIso()});
  HOPTAC_TRY(CheckGroupBy(q.group_by, /*flows=*/true));
  HOPTAC_ASSIGN_OR_RETURN(Compiled c, Compile(q.filter, q.scheme, q.to));
  const int from = q.from.days(), to = q.to.days();
  const size_t dims = q.group_by.size();
  const uint8_t type = static_cast<uint8_t>(q.event);
  const bool established = q.event == domain::EventType::kEstablished;
  std::vector<int> radix;
  for (Dimension d : q.group_by) radix.push_back(Radix(d));

  std::shared_lock lock(mu_);
  const uint32_t slots = static_cast<uint32_t>(id_.size());
  Aggregator<Acc> groups = RunSplit<Acc>(slots, radix, [&](uint32_t begin, uint32_t end, Aggregator<Acc>& out) {
    int codes[kMaxGroupBy];
    // The groups the current entity was already counted in: `entities` counts
    // entities, and one entity may have several events of the type in a group.
    std::vector<std::array<int, kMaxGroupBy>> seen;
    auto count = [&](uint32_t s, int day) {
      int era = c.legacy ? EraOf(Date::FromDays(day)) : c.current_era;
      if (!Passes(c, s, era)) return;
      std::array<int, kMaxGroupBy> key{};
      for (size_t i = 0; i < dims; ++i)
        key[i] = codes[i] = Encode(q.group_by[i], DimensionValue(q.group_by[i], s, day, era));
      bool first = std::find(seen.begin(), seen.end(), key) == seen.end();
      if (first) seen.push_back(key);
      out.Add(codes, 1, first ? 1 : 0);
    };
    for (uint32_t s = begin; s < end; ++s) {
      if (!alive_[s]) continue;
      seen.clear();
      if (!c.statuses.empty()) {
        const int status = StatusCode(s, to);
        if (status < 0 || !In(c.statuses, static_cast<uint8_t>(status))) continue;
      }
      if (established) {
        if (founded_[s] != kUnknownDay && founded_[s] >= from && founded_[s] <= to) count(s, founded_[s]);
        continue;
      }
      const auto* e = events_.data() + events_off_[s];
      for (uint32_t i = 0; i < events_n_[s]; ++i)
        if (e[i].second == type && e[i].first >= from && e[i].first <= to) count(s, e[i].first);
    }
  });
  lock.unlock();

  FlowResult result;
  auto grouped = groups.Groups();
  SortByKeys(grouped, dims, [&](size_t i, int code) { return KeyText(q.group_by[i], Decode(q.group_by[i], code)); });
  for (auto& [codes, acc] : grouped) {
    StatsRow row;
    for (size_t i = 0; i < dims; ++i) row.keys.push_back(KeyText(q.group_by[i], Decode(q.group_by[i], codes[i])));
    row.value = acc.sum;
    row.entities = acc.count;
    result.total += acc.sum;
    result.rows.push_back(std::move(row));
  }
  result.years = std::round((to - from + 1) / 365.2425 * 100) / 100;
  result.yearly_average =
      result.years > 0 ? std::round(static_cast<double>(result.total) / result.years * 100) / 100 : 0;
  return result;
}

Result<SeriesResult> RegistryIndex::Series(const SeriesQuery& q) const {
  if (q.to < q.from)
    return Error::InvalidField("from", "from_after_to", "field.from_after_to", {q.from.ToIso(), q.to.ToIso()});
  domain::PeriodKind kind = q.interval == Interval::kYear   ? domain::PeriodKind::kYear
                            : q.interval == Interval::kHalf ? domain::PeriodKind::kHalf
                                                            : domain::PeriodKind::kQuarter;
  std::vector<domain::Period> periods;
  for (domain::Period p = domain::Period::Containing(kind, q.from);; p = p.Next()) {
    periods.push_back(p);
    if (p.End() >= q.to) break;
    if (periods.size() > static_cast<size_t>(kMaxSeriesPoints))
      return Error::InvalidField("to", "too_many_points", "field.too_many_points", {std::to_string(kMaxSeriesPoints)});
  }
  SeriesResult result;
  for (const domain::Period& p : periods) {
    StockQuery stock;
    stock.measure = q.measure;
    stock.group_by = q.group_by;
    stock.as_of = std::min(p.End(), q.to);
    stock.scheme = q.scheme;
    stock.filter = q.filter;
    stock.audience = q.audience;
    HOPTAC_ASSIGN_OR_RETURN(StockResult r, Stock(stock));
    for (auto& row : r.rows) result.points.push_back({p, stock.as_of, std::move(row)});
  }
  return result;
}

}  // namespace hoptac::analytics

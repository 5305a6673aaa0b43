// RegistryIndex: answering lists (Find), in four steps — filter (check the query
// and resolve its codes), bitmap (the matching slots), rank (where the matches
// stand in the requested order, from the cursor on) and page (offset, limit and
// the next cursor).
#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "registry/entity_service.h"
#include "registry/index/registry_index.h"
#include "registry/index/registry_index_internal.h"

namespace hoptac::analytics {

using index_internal::AndInto;
using index_internal::AndNotInto;
using index_internal::AndWhere;
using index_internal::BitsOf;
using index_internal::CountBits;
using index_internal::ForEachBit;
using index_internal::FoundedBound;
using index_internal::FoundedKey;
using index_internal::kNone;
using index_internal::kUnknownDay;
using index_internal::LowerBound;
using index_internal::OrInto;
using index_internal::SetBit;
using index_internal::TestBit;
using registry::EntityFilters;
using registry::FindQuery;
using registry::FindResult;

namespace {

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

// What a list query asks for, checked and resolved against the directory.
struct RegistryIndex::FindPlan {
  const EntityFilters* filters = nullptr;
  int64_t scope_entity_id = 0;
  // The answer is empty whatever the index holds (the query's scope is nothing, or
  // names a province or commune that does not exist).
  bool matches_nothing = false;
  std::optional<Cursor> cursor;
  uint16_t legacy_unit = kNone;
  int province = -1;        // current province unit; -1: any
  int scope_province = -1;  // current province unit of the caller's scope; -1: any
  int commune = -1;         // -1: any
  int on_days = 0;          // the day the status is read on
  int32_t founded_from = INT32_MIN, founded_to = INT32_MAX;
  bool founded_filter = false;
  std::vector<std::string> words;  // at most 7
  bool relevance = false;          // ordered by relevance score
  bool descending_name = false;
  bool by_name = false;  // ordered by name alone
  size_t want = 0;       // offset + limit
  // Words of the query that name a place (a province or communes in force today): the place's
  // entities whose name matches `place_words` (the other words) match too, after the others.
  bool place = false;
  int place_province = -1;              // -1: the place is communes
  std::vector<uint8_t> place_communes;  // [commune] → 1 when it is the place (empty: any)
  std::vector<std::string> place_words;
  const std::vector<uint64_t>* first = nullptr;    // set by Find: the name matches, ranked first
  const std::vector<uint8_t>* communes = nullptr;  // MatchBits: only these communes (the place's)
};

// Where the matches stand in the requested order.
struct RegistryIndex::FindRanking {
  // The first position in order_ not before the cursor's entity, and whether that is the entity itself.
  size_t at = 0;
  bool cursor_found = false;
  // Walk order_ from the cursor (many matches in name order), or founded_order_ (many matches by
  // founding date); otherwise page by `keys`.
  bool walk_name_order = false;
  bool walk_founded_order = false;
  // (primary << 32) | secondary of every match after the cursor that can reach the page, unsorted.
  std::vector<uint64_t> keys;
};

void RegistryIndex::EnsureRanks() const {
  if (!ranks_dirty_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(rank_mu_);
  if (!ranks_dirty_.load(std::memory_order_relaxed)) return;
  rank_.assign(id_.size(), UINT32_MAX);
  for (uint32_t i = 0; i < order_.size(); ++i) rank_[order_[i]] = i;
  ranks_dirty_.store(false, std::memory_order_release);
}

// Find: filter → bitmap → rank → page.
Result<FindResult> RegistryIndex::Find(const FindQuery& query) const {
  FindResult result;
  HOPTAC_ASSIGN_OR_RETURN(FindPlan plan, PlanFind(query));
  if (plan.matches_nothing) return result;
  std::shared_lock lock(mu_);
  Bits matches = MatchBits(plan);
  // The place's entities whose name matches the other words, after the name matches.
  Bits by_name;
  if (plan.place) {
    FindPlan at_place = plan;
    at_place.words = plan.place_words;
    if (plan.place_province >= 0)
      at_place.province = plan.place_province;
    else
      at_place.communes = &plan.place_communes;
    Bits there = MatchBits(at_place);
    by_name = matches;
    OrInto(matches, there);
    plan.first = &by_name;
  }
  const size_t total = CountBits(matches);
  result.total = static_cast<int64_t>(total);
  if (total == 0) return result;
  FindRanking ranking = RankMatches(plan, matches, total);
  PageOf(plan, matches, ranking, result);
  return result;
}

// Place (registry::PlaceNames): narrows the province or commune filter the query already has and
// the caller's scope; a place outside them is no place.
void RegistryIndex::FindPlace(FindPlan& plan) const {
  auto place = places_.Find(plan.words);
  if (!place) return;
  if (place->province) {
    plan.place_province = province_index_.at(place->province);
    if (plan.province >= 0 && plan.province != plan.place_province) return;
    if (plan.scope_province >= 0 && plan.scope_province != plan.place_province) return;
  } else {
    plan.place_communes.assign(communes_.size(), 0);
    bool any = false;
    for (const geo::AdminUnit* commune : place->communes) {
      auto it = commune_index_.find(commune->code);
      if (it == commune_index_.end()) continue;
      if (plan.commune >= 0 && plan.commune != it->second) continue;
      if (plan.province >= 0 && provinces_[static_cast<size_t>(plan.province)]->code != commune->parent_code) continue;
      if (plan.scope_province >= 0 &&
          provinces_[static_cast<size_t>(plan.scope_province)]->code != commune->parent_code)
        continue;
      plan.place_communes[it->second] = 1;
      any = true;
    }
    if (!any) return;
  }
  plan.place = true;
  plan.place_words = place->OtherWords(plan.words);
}

// Filter: checks the query (limit, offset, cursor) and resolves what it names against the
// directory — provinces, the commune, the words, the order — into a plan. Units are immutable, so
// no lock is needed. Errors: kInvalidArgument for a limit or offset out of range, a malformed
// cursor or an unknown legacy province. `matches_nothing` when the caller's scope is nothing or a
// current province or commune does not exist (an empty answer, not an error).
Result<RegistryIndex::FindPlan> RegistryIndex::PlanFind(const FindQuery& query) const {
  const EntityFilters& f = *query.filters;
  FindPlan plan;
  plan.filters = &f;
  plan.scope_entity_id = query.scope_entity_id;
  plan.matches_nothing = true;
  if (query.scope_nothing) return plan;
  if (f.limit < 1 || f.limit > registry::kMaxListLimit)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range",
                               {"1", std::to_string(registry::kMaxListLimit)});
  if (f.offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "1000000000"});
  if (!f.cursor.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(auto c, DecodeCursor(f.cursor));
    plan.cursor = std::move(c);
  }
  // Units are immutable: resolve codes before locking.
  if (!f.legacy_province.empty()) {
    const geo::AdminUnit* unit =
        units_->Find(geo::AdminLevel::kProvince, f.legacy_province, Date::FromCivil(2025, 6, 30));
    if (!unit)
      return Error::InvalidField("legacy_province", "unknown_province", "field.unknown_province", {f.legacy_province});
    plan.legacy_unit = province_index_.at(unit);
  }
  auto current_unit = [&](const std::string& code) -> int {
    if (code.empty()) return -1;
    const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Date::Today());
    return unit ? province_index_.at(unit) : -2;  // -2: matches nothing
  };
  plan.province = current_unit(f.province);
  plan.scope_province = current_unit(query.scope_province);
  if (plan.province == -2 || plan.scope_province == -2) return plan;
  if (!f.commune.empty()) {
    auto it = commune_index_.find(f.commune);
    if (it == commune_index_.end()) return plan;
    plan.commune = it->second;
  }
  plan.matches_nothing = false;
  plan.on_days = (f.as_of ? *f.as_of : Date::Today()).days();
  plan.founded_from = f.founded_from ? f.founded_from->days() : INT32_MIN;
  plan.founded_to = f.founded_to ? f.founded_to->days() : INT32_MAX;
  plan.founded_filter = f.founded_from || f.founded_to;
  plan.words = registry::SearchWords(f.q);
  if (plan.words.size() > 7) plan.words.resize(7);
  if (place_search_.load(std::memory_order_relaxed)) FindPlace(plan);
  plan.relevance = !plan.words.empty() && f.sort == registry::ListSort::kRelevance;
  plan.want = static_cast<size_t>(f.offset) + static_cast<size_t>(f.limit);
  plan.descending_name = f.sort == registry::ListSort::kNameDescending;
  plan.by_name = !plan.relevance && (f.sort == registry::ListSort::kName || plan.descending_name ||
                                     f.sort == registry::ListSort::kRelevance);
  return plan;
}

// Bitmap: the slots that match the plan, one bit per slot: the alive slots (or the scope's one
// entity), narrowed by the filter bitmaps, then by each word's prefix range in the postings, then by
// the checks no bitmap answers (commune, founding dates, the status on a day other than
// status_day_), 64 slots a step over the blocks that still hold a candidate. REQUIRES: reader lock.
RegistryIndex::Bits RegistryIndex::MatchBits(const FindPlan& plan) const {
  const EntityFilters& f = *plan.filters;
  const uint32_t slots = static_cast<uint32_t>(id_.size());
  const size_t nwords = (slots + 63) / 64;

  // The matches as a bitmap: alive slots, narrowed by the filter bitmaps, then by each word.
  Bits bits;
  if (plan.scope_entity_id) {
    bits.assign(nwords, 0);
    auto it = slot_of_.find(plan.scope_entity_id);
    if (it != slot_of_.end() && alive_[it->second]) SetBit(bits, it->second);
  } else {
    bits = alive_bits_;
    bits.resize(nwords, 0);
  }
  if (plan.scope_province >= 0) AndInto(bits, current_bits_[static_cast<size_t>(plan.scope_province)]);
  if (plan.province >= 0) AndInto(bits, current_bits_[static_cast<size_t>(plan.province)]);
  if (plan.legacy_unit != kNone) AndInto(bits, unit_bits_[plan.legacy_unit]);
  if (f.kind) AndInto(bits, kind_bits_[static_cast<size_t>(*f.kind)]);
  if (f.sector) AndInto(bits, sector_bits_[static_cast<size_t>(*f.sector)]);
  if (f.women_managed) *f.women_managed ? AndInto(bits, women_bits_) : AndNotInto(bits, women_bits_);
  if (f.youth) *f.youth ? AndInto(bits, youth_bits_) : AndNotInto(bits, youth_bits_);
  // The status today is a bitmap; on another day, the statuses ever held narrow the candidates.
  const bool status_by_bits = f.status && plan.on_days == status_day_;
  if (f.status) AndInto(bits, (status_by_bits ? status_bits_ : ever_bits_)[static_cast<size_t>(*f.status)]);
  // Each word matches the names with a word starting with it (the union of its prefix range).
  for (const std::string& w : plan.words) {
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
  // What no bitmap answers, 64 slots a step, skipping blocks without a candidate: the commune, the
  // founding dates and the status on another day (from the short timelines).
  if (plan.commune >= 0) {
    const uint16_t commune = static_cast<uint16_t>(plan.commune);
    AndWhere(bits, slots, [&](size_t s) { return commune_[s] == commune; });
  }
  if (plan.communes) {
    const std::vector<uint8_t>& communes = *plan.communes;
    AndWhere(bits, slots, [&](size_t s) { return commune_[s] != kNone && communes[commune_[s]] != 0; });
  }
  if (plan.founded_filter) {
    const int32_t from = plan.founded_from, to = plan.founded_to;
    AndWhere(bits, slots, [&](size_t s) {
      const int32_t day = founded_[s];
      return (day != kUnknownDay) & (day >= from) & (day <= to);
    });
  }
  if (f.status && !status_by_bits) AndStatusOn(bits, plan.on_days, static_cast<uint8_t>(*f.status));
  return bits;
}

void RegistryIndex::AndStatusOn(Bits& bits, int days, uint8_t status) const {
  const size_t slots = id_.size();
  const int32_t* founded = founded_.data();
  const std::array<int32_t, 2>* change_day = change_day_.data();
  const uint16_t* pack = status_pack_.data();
  for (size_t block = 0; block < bits.size(); ++block) {
    const uint64_t candidates = bits[block];
    if (!candidates) continue;
    const size_t base = block * 64;
    const size_t count = std::min<size_t>(64, slots - std::min(slots, base));
    uint64_t keep = 0, more = 0;
    // Branch-free over the block: the status from founding or from the first change, and whether it exists.
    for (size_t i = 0; i < count; ++i) {
      const size_t s = base + i;
      const unsigned p = pack[s];
      const unsigned shift =
          3u * (static_cast<unsigned>(days >= change_day[s][0]) + static_cast<unsigned>(days >= change_day[s][1]));
      const unsigned on = (p >> shift) & 7u;
      keep |= static_cast<uint64_t>((days >= founded[s]) & (on == status)) << i;
      more |= static_cast<uint64_t>(p >> 9 & 1) << i;
    }
    keep &= ~more;
    for (uint64_t w = candidates & more; w; w &= w - 1) {
      const uint32_t s = static_cast<uint32_t>(base + static_cast<size_t>(std::countr_zero(w)));
      if (StatusCode(s, days) == status) keep |= uint64_t{1} << (s & 63);
    }
    bits[block] = candidates & keep;
  }
}

// Rank: where the matches (`total` of them, total > 0) stand in the requested order, from the
// cursor on. In name order with many matches the name order itself is the ranking (PageOf walks
// it). Otherwise every match after the cursor gets a key, (primary << 32) | secondary, ascending in
// the requested order; for relevance only the matches whose score can reach the page get one.
// REQUIRES: reader lock, held since `matches` was made.
RegistryIndex::FindRanking RegistryIndex::RankMatches(const FindPlan& plan, const Bits& bits, size_t total) const {
  const std::optional<Cursor>& cursor = plan.cursor;
  const std::vector<std::string>& words = plan.words;
  const size_t nwords = (id_.size() + 63) / 64;
  FindRanking ranking;
  // Where the cursor's entity stands in the name order: the first position not before it.
  if (cursor) {
    ranking.at = LowerBound(order_, sort_key_, id_, cursor->sort_key, cursor->id);
    ranking.cursor_found = ranking.at < order_.size() && id_[order_[ranking.at]] == cursor->id &&
                           sort_key_[order_[ranking.at]] == cursor->sort_key;
  }
  const size_t at = ranking.at;
  const bool cursor_found = ranking.cursor_found;
  const bool descending_name = plan.descending_name;

  // Name order with many matches: walk the order from the cursor; a match turns up every 64 slots or sooner.
  if (plan.by_name && total * 64 >= order_.size()) {
    ranking.walk_name_order = true;
    return ranking;
  }
  // The same by founding date: walk founded_order_ from the cursor.
  const bool by_founded = !plan.relevance && (plan.filters->sort == registry::ListSort::kFounded ||
                                              plan.filters->sort == registry::ListSort::kFoundedDescending);
  if (by_founded && total * 64 >= founded_order_.size()) {
    ranking.walk_founded_order = true;
    return ranking;
  }

  // Otherwise every match gets a key, (primary << 32) | secondary, ascending, and the page is the
  // smallest keys after the cursor's. Secondary: the place in the name order (reversed for -name).
  // Primary: 255 − relevance score (whole-word matches first, then shorter names), or the founding
  // day (unknown last, in both directions), or 0.
  EnsureRanks();
  const uint32_t n = static_cast<uint32_t>(order_.size());
  enum class Primary { kNone, kScore, kFounded, kFoundedDescending } primary = Primary::kNone;
  if (plan.relevance) {
    primary = Primary::kScore;
  } else if (plan.filters->sort == registry::ListSort::kFounded) {
    primary = Primary::kFounded;
  } else if (plan.filters->sort == registry::ListSort::kFoundedDescending) {
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
        // A match by place alone ranks after every match by name (256 more).
        const uint32_t after_names = plan.first && !TestBit(*plan.first, s) ? 256 : 0;
        return after_names +
               static_cast<uint32_t>(255 - (std::min(whole, 7) * 32 + (31 - std::min<int>(word_count_[s], 31))));
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
  std::vector<uint64_t>& keyed = ranking.keys;
  keyed.reserve(total);
  // Relevance scores take 512 values (the second 256 for matches by place alone): count them first
  // and key only those that can reach this page.
  uint32_t threshold = UINT32_MAX;
  if (primary == Primary::kScore) {
    std::vector<uint16_t> scores(total);
    std::array<size_t, 512> histogram{};
    size_t i = 0;
    ForEachBit(bits, [&](uint32_t s) {
      scores[i] = static_cast<uint16_t>(primary_of(s));
      if (key_of(s, scores[i]) >= after) ++histogram[scores[i]];
      ++i;
    });
    size_t seen = 0;
    for (uint32_t p = 0; p < 512; ++p) {
      seen += histogram[p];
      if (seen > plan.want) {
        threshold = p;
        break;
      }
    }
    i = 0;
    ForEachBit(bits, [&](uint32_t s) {
      uint16_t p = scores[i++];
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
  return ranking;
}

// The founding-date order from the cursor on: founded_order_ forwards for founded_on; for
// -founded_on the known days backwards, each day's slots forwards (name order), then the unknown
// days forwards. The cursor's primary key is read back into its day as RankMatches made it. Only
// the days a match can have are walked: a founding-date filter's range, and no day after the one
// a status is read on (an entity has no status before it is founded).
template <typename Visit>
void RegistryIndex::WalkFoundedOrder(const FindPlan& plan, Visit&& visit) const {
  const std::vector<uint32_t>& order = founded_order_;
  const bool descending = plan.filters->sort == registry::ListSort::kFoundedDescending;
  const std::optional<Cursor>& cursor = plan.cursor;
  auto walk = [&](size_t from, size_t to) {  // false: stopped
    for (size_t pos = from; pos < to; ++pos)
      if (!visit(order[pos])) return false;
    return true;
  };
  // Known days first (ascending), then the unknown ones: positions by day are partition points.
  const size_t unknown = static_cast<size_t>(
      std::partition_point(order.begin(), order.end(), [&](uint32_t s) { return founded_[s] != kUnknownDay; }) -
      order.begin());
  auto before = [&](size_t hi, auto&& pred) {  // the first position in [0, hi) where pred fails
    return static_cast<size_t>(
        std::partition_point(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(hi), pred) - order.begin());
  };
  int64_t lo_day = INT64_MIN, hi_day = INT64_MAX;
  if (plan.founded_filter) lo_day = plan.founded_from, hi_day = plan.founded_to;
  if (plan.filters->status) hi_day = std::min<int64_t>(hi_day, plan.on_days);
  const bool unknown_ok = !plan.founded_filter;
  const size_t known_lo = before(unknown, [&](uint32_t s) { return founded_[s] < lo_day; });
  const size_t known_hi = std::max(known_lo, before(unknown, [&](uint32_t s) { return founded_[s] <= hi_day; }));

  size_t start = 0;                   // the first position after the cursor
  std::optional<int64_t> cursor_day;  // FoundedKey of the cursor's day
  if (cursor) {
    if (cursor->primary == UINT32_MAX) {
      cursor_day = INT64_MAX;
    } else {
      cursor_day = descending ? int64_t{INT32_MAX} - cursor->primary : int64_t{cursor->primary} + INT32_MIN;
    }
    start = FoundedBound(order, founded_, sort_key_, id_, *cursor_day, cursor->sort_key, cursor->id, /*after=*/true);
  }
  if (!descending) {
    if (!walk(std::max(known_lo, start), known_hi)) return;
    if (unknown_ok) walk(std::max(unknown, start), order.size());
    return;
  }
  size_t top = known_hi;  // days backwards from the position before top
  if (cursor_day) {
    if (*cursor_day == INT64_MAX) {
      if (unknown_ok) walk(std::max(unknown, start), order.size());
      return;
    }
    // The rest of the cursor's day, then the days before it.
    top = std::min(top, before(unknown, [&](uint32_t s) { return founded_[s] <= *cursor_day; }));
    const size_t day_start =
        std::min(top, std::max(known_lo, before(top, [&](uint32_t s) { return founded_[s] < *cursor_day; })));
    if (!walk(std::max(day_start, start), top)) return;
    top = day_start;
  }
  while (top > known_lo) {
    const int32_t day = founded_[order[top - 1]];
    const size_t day_start = std::max(known_lo, before(top, [&](uint32_t s) { return founded_[s] < day; }));
    if (!walk(day_start, top)) return;
    top = day_start;
  }
  if (unknown_ok) walk(unknown, order.size());
}

// Page: skips `offset` matches after the cursor, puts the next `limit` ids into `result` in order,
// and sets result.next_cursor when more follow. `ranking` comes from RankMatches on the same
// `matches` (its keys are reordered). REQUIRES: reader lock, held since `matches` was made.
void RegistryIndex::PageOf(const FindPlan& plan, const Bits& bits, FindRanking& ranking, FindResult& result) const {
  const EntityFilters& f = *plan.filters;
  const std::optional<Cursor>& cursor = plan.cursor;
  const size_t at = ranking.at;
  const bool cursor_found = ranking.cursor_found;
  const bool descending_name = plan.descending_name;
  if (ranking.walk_name_order || ranking.walk_founded_order) {
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
    if (ranking.walk_founded_order) {
      WalkFoundedOrder(plan, visit);
      if (more && !result.ids.empty()) {
        // The cursor's primary as RankMatches keys it, so that either way reads the other's cursors.
        const bool descending = f.sort == registry::ListSort::kFoundedDescending;
        const int64_t day = founded_[last];
        const uint32_t primary = day == kUnknownDay ? UINT32_MAX
                                 : descending       ? static_cast<uint32_t>(int64_t{INT32_MAX} - day)
                                                    : static_cast<uint32_t>(day - int64_t{INT32_MIN});
        result.next_cursor = EncodeCursor({primary, id_[last], sort_key_[last]});
      }
      return;
    }
    if (descending_name) {
      for (size_t pos = cursor ? at : order_.size(); pos > 0 && visit(order_[pos - 1]); --pos) {
      }
    } else {
      for (size_t pos = at + (cursor_found ? 1 : 0); pos < order_.size() && visit(order_[pos]); ++pos) {
      }
    }
    if (more && !result.ids.empty()) result.next_cursor = EncodeCursor({0, id_[last], sort_key_[last]});
    return;
  }

  // The page is the smallest keys after the cursor's.
  const uint32_t n = static_cast<uint32_t>(order_.size());
  std::vector<uint64_t>& keyed = ranking.keys;
  size_t take = std::min(plan.want, keyed.size());
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
}

}  // namespace hoptac::analytics

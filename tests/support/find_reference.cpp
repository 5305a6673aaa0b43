#include "support/find_reference.h"

#include <algorithm>
#include <map>

#include "registry/entity_service.h"
#include "support/stats_reference.h"
#include "text/collate.h"
#include "text/fold.h"

namespace hoptac::testing::find_reference {

using stats::AsInt;
using stats::AsText;

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> words = {
      "Nông nghiệp", "Dịch vụ", "An Phú", "Anh Đào", "Ân Thi", "Đồng Tháp", "Tân Phú", "Thủy sản", "Rau sạch",
      "An",          "Phú An",  "Ngh",    "Nghĩa",   "Đông",   "Dong",      "Tân",     "Xanh",     "Hòa Bình"};
  return words;
}

std::string RandomName(Random& rng) {
  std::string name;
  int64_t lead = rng.Between(0, 9);
  name = lead < 6 ? "Hợp tác xã" : lead < 8 ? "Tổ hợp tác" : lead < 9 ? "HTX" : "Quỹ tín dụng";
  for (int i = 0, n = static_cast<int>(rng.Between(0, 4)); i < n; ++i) name += " " + rng.Pick(Vocabulary());
  if (rng.Chance(0.3)) name += " số " + std::to_string(rng.Between(1, 30));
  return name;
}

Result<std::vector<Row>> Load(storage::Db& db, const geo::AdminUnitDirectory& units) {
  std::vector<Row> rows;
  std::map<int64_t, size_t> at;
  std::map<int64_t, std::vector<domain::StatusEvent>> events;
  HOPTAC_TRY(db.Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto entities,
                            conn.QueryAll("SELECT id, kind, name, current_province_code, commune_code, province_code, "
                                          "province_as_of, sector, women_managed, youth, founded_on FROM entities "
                                          "WHERE deleted_at_ms IS NULL",
                                          {}));
    for (const auto& e : entities) {
      Row r;
      r.id = AsInt(e[0]);
      r.kind = *domain::EntityKindFromName(AsText(e[1]));
      std::string name = AsText(e[2]);
      r.sort_key = text::SortKey(name);
      r.words = registry::NameWords(name);
      r.word_count = static_cast<int>(text::FoldedWords(name).size());
      r.current_province = AsText(e[3]);
      r.commune = AsText(e[4]);
      r.unit = units.Find(geo::AdminLevel::kProvince, AsText(e[5]), *Date::ParseIso(AsText(e[6])));
      if (!AsText(e[7]).empty()) r.sector = domain::SectorFromName(AsText(e[7]));
      r.women = AsInt(e[8]) != 0;
      r.youth = AsInt(e[9]) != 0;
      if (!AsText(e[10]).empty()) r.founded = Date::ParseIso(AsText(e[10]));
      at[r.id] = rows.size();
      rows.push_back(std::move(r));
    }
    HOPTAC_ASSIGN_OR_RETURN(
        auto list, conn.QueryAll("SELECT entity_id, date, type FROM entity_events ORDER BY entity_id, id", {}));
    for (const auto& e : list) {
      domain::StatusEvent event;
      event.date = *Date::ParseIso(AsText(e[1]));
      event.type = *domain::EventTypeFromName(AsText(e[2]));
      events[AsInt(e[0])].push_back(event);
    }
    return Ok();
  }));
  for (auto& [id, list] : events) {
    auto it = at.find(id);
    if (it == at.end()) continue;
    domain::SortEvents(list);
    rows[it->second].events = std::move(list);
  }
  return rows;
}

// Search by place (issue 15): the longest run of query words that is the folded name of a province
// in force today or of communes in force today (a province first; a later run of the same length
// wins; a run of abbreviation words alone is none), with "tinh" (provinces), "tp" or "thanh pho"
// just before it taken in; a place outside the province or commune filter is none. Rows there
// whose name matches the other words match too, after the name matches (relevance order).
struct Place {
  bool found = false;
  std::string province;               // the province's code, or empty
  std::vector<std::string> communes;  // the communes' codes
  std::vector<std::string> words;     // the other words
};

Place FindPlace(const std::vector<std::string>& words, const registry::EntityFilters& f,
                const geo::AdminUnitDirectory& units) {
  struct Named {
    std::vector<std::string> words;
    const geo::AdminUnit* unit;
  };
  std::vector<Named> places;
  for (auto level : {geo::AdminLevel::kProvince, geo::AdminLevel::kCommune})
    for (const geo::AdminUnit* unit : units.InForce(level, Date::Today()))
      places.push_back({text::FoldedWords(unit->name), unit});
  size_t best_at = 0, best_len = 0;
  std::vector<const geo::AdminUnit*> best;
  for (size_t at = 0; at < words.size(); ++at) {
    for (const Named& p : places) {
      const size_t len = p.words.size();
      if (len == 0 || len < best_len || at + len > words.size()) continue;
      if (!std::equal(p.words.begin(), p.words.end(), words.begin() + static_cast<std::ptrdiff_t>(at))) continue;
      if (std::all_of(p.words.begin(), p.words.end(),
                      [](const std::string& w) { return registry::IsAbbreviationWord(w); }))
        continue;
      if (len > best_len || at != best_at) {
        best.clear();
        best_at = at;
        best_len = len;
      }
      best.push_back(p.unit);
    }
  }
  Place place;
  if (best.empty()) return place;
  auto province = std::find_if(best.begin(), best.end(),
                               [](const geo::AdminUnit* u) { return u->level == geo::AdminLevel::kProvince; });
  size_t from = best_at, to = best_at + best_len;
  if (from > 0 && words[from - 1] == "tinh" && province != best.end()) --from;
  if (from > 0 && words[from - 1] == "tp") --from;
  if (from > 1 && words[from - 2] == "thanh" && words[from - 1] == "pho") from -= 2;
  if (province != best.end()) {
    if (!f.province.empty() && f.province != (*province)->code) return place;
    place.province = (*province)->code;
  } else {
    for (const geo::AdminUnit* commune : best) {
      if (!f.commune.empty() && f.commune != commune->code) continue;
      if (!f.province.empty() && f.province != commune->parent_code) continue;
      place.communes.push_back(commune->code);
    }
    if (place.communes.empty()) return place;
  }
  place.found = true;
  place.words.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(from));
  place.words.insert(place.words.end(), words.begin() + static_cast<std::ptrdiff_t>(to), words.end());
  return place;
}

// The ids of every match in order, and the number of matches.
std::vector<int64_t> Answer(const std::vector<Row>& rows, const registry::EntityFilters& f,
                            const geo::AdminUnitDirectory& units) {
  std::vector<std::string> words = registry::SearchWords(f.q);
  if (words.size() > 7) words.resize(7);
  std::vector<std::string> unique = words;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  const bool relevance = !words.empty() && f.sort == registry::ListSort::kRelevance;
  const Place place = FindPlace(words, f, units);
  const geo::AdminUnit* legacy = f.legacy_province.empty() ? nullptr
                                                           : units.Find(geo::AdminLevel::kProvince, f.legacy_province,
                                                                        Date::FromCivil(2025, 6, 30));
  const Date on = f.as_of ? *f.as_of : Date::Today();
  struct Hit {
    int score;
    std::optional<Date> founded;
    const Row* row;
  };
  std::vector<Hit> hits;
  for (const Row& r : rows) {
    if (f.kind && r.kind != *f.kind) continue;
    if (!f.province.empty() && r.current_province != f.province) continue;
    if (legacy && r.unit != legacy) continue;
    if (!f.commune.empty() && r.commune != f.commune) continue;
    if (f.sector && r.sector != f.sector) continue;
    if (f.women_managed && r.women != *f.women_managed) continue;
    if (f.youth && r.youth != *f.youth) continue;
    // The founding date: founded_on, else the date of the `established` event.
    std::optional<Date> founded = r.founded;
    for (const auto& event : r.events)
      if (!founded && event.type == domain::EventType::kEstablished) founded = event.date;
    if ((f.founded_from || f.founded_to) &&
        (!founded || (f.founded_from && *founded < *f.founded_from) || (f.founded_to && *founded > *f.founded_to)))
      continue;
    if (f.status) {
      auto status = domain::StatusOn(r.events, r.founded, on);
      if (!status || *status != *f.status) continue;
    }
    auto name_matches = [&r](const std::vector<std::string>& ws) {
      bool all = true;
      for (const std::string& w : ws) {
        bool any = false;
        for (const std::string& name_word : r.words) any |= name_word.compare(0, w.size(), w) == 0;
        all &= any;
      }
      return all;
    };
    const bool by_name = name_matches(words);
    const bool at_place = !by_name && place.found &&
                          (place.province.empty() ? std::find(place.communes.begin(), place.communes.end(),
                                                              r.commune) != place.communes.end()
                                                  : r.current_province == place.province) &&
                          name_matches(place.words);
    if (!by_name && !at_place) continue;
    int whole = 0;
    for (const std::string& w : unique) whole += std::find(r.words.begin(), r.words.end(), w) != r.words.end() ? 1 : 0;
    int score = relevance ? std::min(whole, 7) * 32 + (31 - std::min(r.word_count, 31)) - (at_place ? 256 : 0) : 0;
    hits.push_back({score, founded, &r});
  }
  const registry::ListSort sort = f.sort;
  std::sort(hits.begin(), hits.end(), [sort](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    if ((sort == registry::ListSort::kFounded || sort == registry::ListSort::kFoundedDescending) &&
        a.founded != b.founded) {
      if (!a.founded || !b.founded) return a.founded.has_value();  // unknown last
      return sort == registry::ListSort::kFounded ? *a.founded < *b.founded : *a.founded > *b.founded;
    }
    int c = a.row->sort_key.compare(b.row->sort_key);
    bool before = c != 0 ? c < 0 : a.row->id < b.row->id;
    return sort == registry::ListSort::kNameDescending ? !before : before;
  });
  std::vector<int64_t> ids;
  for (const Hit& h : hits) ids.push_back(h.row->id);
  return ids;
}

}  // namespace hoptac::testing::find_reference

#include "registry/finder.h"

#include <algorithm>

#include "text/fold.h"

namespace hoptac::registry {
namespace {

// The expansion of an abbreviation, or nullptr.
const std::vector<std::string>* Expansion(const std::string& word) {
  static const std::vector<std::string> htx{"hop", "tac", "xa"};
  static const std::vector<std::string> lhhtx{"lien", "hiep", "hop", "tac", "xa"};
  static const std::vector<std::string> tht{"to", "hop", "tac"};
  static const std::vector<std::string> qtdnd{"quy", "tin", "dung", "nhan", "dan"};
  if (word == "htx") return &htx;
  if (word == "lhhtx") return &lhhtx;
  if (word == "tht") return &tht;
  if (word == "qtdnd") return &qtdnd;
  return nullptr;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view q) {
  std::vector<std::string> out;
  for (std::string& word : text::FoldedWords(q)) {
    if (const auto* expansion = Expansion(word)) {
      out.insert(out.end(), expansion->begin(), expansion->end());
    } else {
      out.push_back(std::move(word));
    }
  }
  return out;
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> out;
  for (std::string& word : text::FoldedWords(name)) {
    if (const auto* expansion = Expansion(word)) out.insert(out.end(), expansion->begin(), expansion->end());
    out.push_back(std::move(word));
  }
  return out;
}

std::optional<ListSort> ListSortFromName(std::string_view name) {
  if (name == "relevance") return ListSort::kRelevance;
  if (name == "name") return ListSort::kName;
  if (name == "-name") return ListSort::kNameDescending;
  if (name == "founded_on") return ListSort::kFounded;
  if (name == "-founded_on") return ListSort::kFoundedDescending;
  return std::nullopt;
}

bool IsAbbreviationWord(std::string_view folded_word) {
  for (const char* abbreviation : {"htx", "lhhtx", "tht", "qtdnd"}) {
    const auto* expansion = Expansion(abbreviation);
    if (std::find(expansion->begin(), expansion->end(), folded_word) != expansion->end()) return true;
  }
  return false;
}

std::vector<std::string> SearchPlace::OtherWords(std::span<const std::string> words) const {
  std::vector<std::string> out(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(from));
  out.insert(out.end(), words.begin() + static_cast<std::ptrdiff_t>(to), words.end());
  return out;
}

PlaceNames::PlaceNames(const geo::AdminUnitDirectory& units, Date on) {
  for (auto level : {geo::AdminLevel::kProvince, geo::AdminLevel::kCommune}) {
    for (const geo::AdminUnit* unit : units.InForce(level, on)) {
      std::vector<std::string> words = text::FoldedWords(unit->name);
      if (words.empty() ||
          std::all_of(words.begin(), words.end(), [](const std::string& w) { return IsAbbreviationWord(w); }))
        continue;
      std::string first = words.front();
      by_first_word_.emplace(std::move(first), Entry{std::move(words), unit});
    }
  }
}

std::optional<SearchPlace> PlaceNames::Find(std::span<const std::string> words) const {
  size_t best_at = 0, best_len = 0;
  std::vector<const geo::AdminUnit*> best;
  for (size_t at = 0; at < words.size(); ++at) {
    auto [lo, hi] = by_first_word_.equal_range(words[at]);
    for (auto it = lo; it != hi; ++it) {
      const Entry& entry = it->second;
      const size_t len = entry.words.size();
      if (len < best_len || at + len > words.size()) continue;
      if (!std::equal(entry.words.begin(), entry.words.end(), words.begin() + static_cast<std::ptrdiff_t>(at)))
        continue;
      if (len > best_len || at != best_at) {
        best.clear();
        best_at = at;
        best_len = len;
      }
      best.push_back(entry.unit);
    }
  }
  if (best.empty()) return std::nullopt;
  SearchPlace place;
  for (const geo::AdminUnit* unit : best) {
    if (unit->level == geo::AdminLevel::kProvince) place.province = unit;
  }
  if (!place.province) {
    place.communes = std::move(best);
    std::sort(place.communes.begin(), place.communes.end(),
              [](const geo::AdminUnit* a, const geo::AdminUnit* b) { return a->code < b->code; });
  }
  place.from = best_at;
  place.to = best_at + best_len;
  if (place.from > 0 && words[place.from - 1] == "tinh" && place.province) --place.from;
  if (place.from > 0 && words[place.from - 1] == "tp") --place.from;
  if (place.from > 1 && words[place.from - 2] == "thanh" && words[place.from - 1] == "pho") place.from -= 2;
  return place;
}

}  // namespace hoptac::registry

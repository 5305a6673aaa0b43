// EntityFinder: the search and list engine behind EntityService::List, kept
// behind an interface so the registry does not depend on the in-memory index
// that implements it (analytics::RegistryIndex), and the search words shared by
// both.
//
// Search rules: the query and the names are folded (diacritics and case
// ignored, text::Fold); every query word must be a prefix of a word of the
// name. The abbreviations HTX, LHHTX, THT and QTDND stand for their words, in
// queries and in names ("HTX Tân Phú" is found by "hợp tác xã tân phú").
// Relevance: names where more query words match a whole word rank first, then
// shorter names, then Vietnamese collation order.
// Places: the longest run of query words that is the folded name of a province in force
// today or of communes in force today (PlaceNames) also matches the entities there whose
// name matches the other words; they rank after every name match.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/entity.h"

namespace hoptac::registry {

struct EntityFilters;

// The order of a list. kRelevance applies when there are query words (otherwise it is kName);
// kFounded and kFoundedDescending put entities without a founding date last; ties are broken by
// the name order (Vietnamese collation, then id).
enum class ListSort { kRelevance, kName, kNameDescending, kFounded, kFoundedDescending };

// "relevance", "name", "-name", "founded_on", "-founded_on"; nullopt for anything else.
std::optional<ListSort> ListSortFromName(std::string_view name);
inline constexpr const char* kListSortNames = "relevance, name, -name, founded_on, -founded_on";

struct FindQuery {
  const EntityFilters* filters = nullptr;  // not owned
  // Scope of the caller: only this current province / only this entity (0: any).
  std::string scope_province;
  int64_t scope_entity_id = 0;
  bool scope_nothing = false;  // callers who may list nothing
};

struct FindResult {
  int64_t total = 0;                       // matches of the filters, all pages
  std::vector<int64_t> ids;                // this page, in order
  std::optional<std::string> next_cursor;  // nullopt on the last page
};

class EntityFinder {
 public:
  virtual ~EntityFinder() = default;
  // Errors: kInvalidArgument for a malformed cursor (field "cursor") or an
  // unknown legacy province (field "legacy_province").
  virtual Result<FindResult> Find(const FindQuery& query) const = 0;
};

// What a search's words name besides names: the words [from, to) name a province or communes.
struct SearchPlace {
  size_t from = 0, to = 0;
  const geo::AdminUnit* province = nullptr;     // a province, or
  std::vector<const geo::AdminUnit*> communes;  // every commune of that name
  // The words the names must match: all but [from, to).
  std::vector<std::string> OtherWords(std::span<const std::string> words) const;
};

// The folded names of the provinces and communes in force on a day, by their first word.
// Find: the longest run of words naming a place (a later run of the same length wins; a run of
// abbreviation words alone, "hop tac xa", names none); a province before communes of the same
// name; "tinh" (a province), "tp" or "thanh pho" just before the run taken in with it.
class PlaceNames {
 public:
  PlaceNames() = default;
  PlaceNames(const geo::AdminUnitDirectory& units, Date on);
  std::optional<SearchPlace> Find(std::span<const std::string> words) const;

 private:
  struct Entry {
    std::vector<std::string> words;
    const geo::AdminUnit* unit;
  };
  std::unordered_multimap<std::string, Entry> by_first_word_;
};

// Folded query words with the abbreviations spelled out.
std::vector<std::string> SearchWords(std::string_view q);
// Folded words of a name, with the abbreviations it uses spelled out as well.
std::vector<std::string> NameWords(std::string_view name);
// Whether a folded word is part of the spelling-out of an abbreviation (hop, tac, xa,
// lien, hiep, to, quy, tin, dung, nhan, dan): a name may hold it as "HTX" instead, so
// such a word cannot narrow a search by substring.
bool IsAbbreviationWord(std::string_view folded_word);

}  // namespace hoptac::registry

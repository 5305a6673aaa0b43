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
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
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

// Folded query words with the abbreviations spelled out.
std::vector<std::string> SearchWords(std::string_view q);
// Folded words of a name, with the abbreviations it uses spelled out as well.
std::vector<std::string> NameWords(std::string_view name);
// Whether a folded word is part of the spelling-out of an abbreviation (hop, tac, xa,
// lien, hiep, to, quy, tin, dung, nhan, dan): a name may hold it as "HTX" instead, so
// such a word cannot narrow a search by substring.
bool IsAbbreviationWord(std::string_view folded_word);

}  // namespace hoptac::registry

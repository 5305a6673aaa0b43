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

}  // namespace hoptac::registry

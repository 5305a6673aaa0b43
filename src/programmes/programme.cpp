#include "programmes/programme.h"

#include <algorithm>

namespace hoptac::programmes {

bool OneOf(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string NamesText(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

const Content* Programme::FindContent(int number) const {
  for (const Content& c : contents)
    if (c.number == number) return &c;
  return nullptr;
}

std::optional<std::string> IndicatorSourceOf(std::string_view source) {
  if (source == "entities" || source == "figures") return std::string("registry.entities");
  if (source == "activities") return std::string("activities.activities");
  if (source == "placements") return std::string("activities.placements");
  if (source == "manual") return std::string();
  if (source.find('.') != std::string_view::npos) return std::string(source);
  return std::nullopt;
}

}  // namespace hoptac::programmes

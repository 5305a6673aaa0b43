#include "views/saved_view.h"

#include <algorithm>

namespace hoptac::views {

const char* VisibilityName(Visibility v) {
  switch (v) {
    case Visibility::kPrivate: return "private";
    case Visibility::kProvince: return "province";
    case Visibility::kCountry: return "country";
  }
  return "private";
}

std::optional<Visibility> VisibilityFromName(std::string_view name) {
  if (name == "private") return Visibility::kPrivate;
  if (name == "province") return Visibility::kProvince;
  if (name == "country") return Visibility::kCountry;
  return std::nullopt;
}

bool KnownPage(std::string_view page) {
  return std::find(std::begin(kPages), std::end(kPages), page) != std::end(kPages);
}

}  // namespace hoptac::views

#include "activities/activity.h"

#include <algorithm>

namespace hoptac::activities {

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

bool YouthIn(int birth_year, int year) {
  if (birth_year <= 0) return false;
  const int age = year - birth_year;
  return age >= kYouthMinAge && age <= kYouthMaxAge;
}

Counts CountsOf(std::span<const Participant> list, int year) {
  Counts c;
  c.total = static_cast<int64_t>(list.size());
  for (const Participant& p : list) {
    if (p.sex == "female") ++c.female;
    if (YouthIn(p.birth_year, year)) ++c.youth;
  }
  return c;
}

}  // namespace hoptac::activities

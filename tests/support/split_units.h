// A directory of administrative units with a split that ends a unit: Sông Bé (44) until
// 1996-12-31, then Bình Phước (70) and Bình Dương (74). The reference data has no such
// split (the units split on 1997-01-01 are older than its records), so the tests of an
// ambiguous province name (registry/import/import_values.h) build it here.
#pragma once

#include <memory>
#include <string>

#include "base/date.h"
#include "geo/admin_unit.h"

namespace hoptac::testing {

inline std::shared_ptr<const geo::AdminUnitDirectory> SongBeSplit() {
  geo::AdminDataset dataset;
  auto unit = [&](int64_t id, const char* code, const char* name, const char* from, const char* to, bool open) {
    geo::AdminUnit u;
    u.id = id;
    u.code = code;
    u.name = name;
    u.name_en = name;
    u.full_name = std::string("Tỉnh ") + name;
    u.full_name_en = name;
    u.valid_from = *Date::ParseIso(from);
    if (to) u.valid_to = *Date::ParseIso(to);
    u.valid_from_open = open;
    dataset.units.push_back(u);
  };
  unit(1, "44", "Sông Bé", "1990-01-01", "1996-12-31", true);
  unit(2, "70", "Bình Phước", "1997-01-01", nullptr, false);
  unit(3, "74", "Bình Dương", "1997-01-01", nullptr, false);
  dataset.links = {{1, 2, *Date::ParseIso("1997-01-01")}, {1, 3, *Date::ParseIso("1997-01-01")}};
  return geo::AdminUnitDirectory::Create(std::move(dataset));
}

}  // namespace hoptac::testing

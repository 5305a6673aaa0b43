// What the petitions need to know of activities, which the activities capability owns. This
// capability owns the interface; the app implements it over the activities' service
// (src/app/system.cpp), so neither capability includes the other.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::petitions {

struct ActivityBrief {
  int64_t id = 0;
  std::string title;
  Date from_date;
  std::string province_code;  // where it was held, as of from_date
};

class Links {
 public:
  virtual ~Links() = default;
  // The activity (any reader: a petition names it, its title is no secret); nullopt when it
  // does not exist.
  virtual Result<std::optional<ActivityBrief>> Activity(int64_t id) const = 0;
};

}  // namespace hoptac::petitions

// What the activities need to know of programmes and partners, which the programmes
// capability owns. This capability owns the interface; the app implements it over the
// programmes' service (src/app/system.cpp), so neither capability includes the other.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"

namespace hoptac::activities {

struct ProgrammeInfo {
  int64_t id = 0;
  std::string code, title, title_en;
  std::string province_code;  // "" national
  std::vector<int> contents;  // its content numbers
};

struct PartnerInfo {
  int64_t id = 0;
  std::string name, short_name, kind;
  std::string province_code;  // "" national
};

class Links {
 public:
  virtual ~Links() = default;
  // The programme as `who` may read it; nullopt when it does not exist or `who` may not read it.
  virtual Result<std::optional<ProgrammeInfo>> Programme(const auth::Principal& who, int64_t id) const = 0;
  // The same by the programme's code (an imported file names programmes by code).
  virtual Result<std::optional<ProgrammeInfo>> ProgrammeByCode(const auth::Principal& who,
                                                               const std::string& code) const = 0;
  // The partner (any reader: names are not personal data); nullopt when it does not exist.
  virtual Result<std::optional<PartnerInfo>> Partner(int64_t id) const = 0;
};

}  // namespace hoptac::activities

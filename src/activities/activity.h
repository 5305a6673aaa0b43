// Activities and placements: the model and its rules; no I/O (README.md says what the
// capability promises).
//
// An activity is what an alliance does — a training class, a dialogue with cooperatives, a
// conference, a working visit, a signing, a fair — held over [from, to] in a province (read as
// of `from`, like an entity's province), organised by the national or a provincial alliance
// with partners, carrying out contents of programmes, with the registry entities that took part
// and its participants counted (total, female, youth) or listed. A placement is a young worker
// placed in a cooperative. Programmes, partners and entities are referred to by id: their
// capabilities own them (links.h is how this one asks about them).
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace hoptac::activities {

// Allowed names, in the order error messages list them.
inline constexpr std::string_view kActivityTypes[] = {
    "training",   "dialogue",        "conference",         "working_visit", "signing",
    "trade_fair", "trade_promotion", "ecommerce_campaign", "survey",        "communication"};
inline constexpr std::string_view kActivityStatuses[] = {"planned", "held", "cancelled"};
inline constexpr std::string_view kOrganisers[] = {"national", "province"};
inline constexpr std::string_view kSexes[] = {"female", "male"};

inline constexpr size_t kMaxTitleLength = 500;   // bytes, after normalisation
inline constexpr size_t kMaxTextLength = 20000;  // description, outcomes, notes
inline constexpr int64_t kMaxParticipants = 10'000'000;
inline constexpr size_t kMaxListSize = 20'000;  // participants listed for one activity
inline constexpr size_t kMaxLinks = 5'000;      // entities, programme contents of one activity
// Youth: aged 16 to 30 in the year (Law on Youth 2020, art. 1).
inline constexpr int kYouthMinAge = 16, kYouthMaxAge = 30;

bool OneOf(std::span<const std::string_view> names, std::string_view name);
std::string NamesText(std::span<const std::string_view> names);  // "a, b, c"

struct ProgrammeLink {
  int64_t programme_id = 0;
  std::vector<int> contents;  // content numbers; empty: the programme as a whole
  bool operator==(const ProgrammeLink&) const = default;
};

struct Counts {
  int64_t total = 0, female = 0, youth = 0;
  bool operator==(const Counts&) const = default;
};

struct Activity {
  int64_t id = 0;
  std::string type;  // kActivityTypes
  std::string title, title_en;
  std::string status;                 // kActivityStatuses
  Date from, to;                      // inclusive
  std::string province_code;          // where, as of `from`
  std::string current_province_code;  // the province in force today it belongs to
  std::string commune_code;           // "" unknown
  std::string place;
  std::string organiser = "province";  // kOrganisers
  std::vector<int64_t> partner_ids;
  std::vector<ProgrammeLink> programmes;
  std::vector<int64_t> entity_ids;
  Counts participants;
  int64_t list_size = 0;  // participants listed; > 0: `participants` is the list's counts
  std::string description, outcomes;
  int64_t created_at_ms = 0, updated_at_ms = 0;

  bool counts_from_list() const { return list_size > 0; }
};

struct Participant {
  std::string name;
  std::string sex;     // kSexes or ""
  int birth_year = 0;  // 0 unknown
  int64_t entity_id = 0;
  std::string organisation, job_title, phone, email;
  bool operator==(const Participant&) const = default;
};

// Whether someone born in `birth_year` is young (16–30) in `year`; false when unknown.
bool YouthIn(int birth_year, int year);
// The counts of a participant list for an activity held in `year`.
Counts CountsOf(std::span<const Participant> list, int year);

struct Placement {
  int64_t id = 0;
  std::string worker_name;
  int birth_year = 0;
  std::string sex;  // kSexes or ""
  int64_t entity_id = 0;
  std::string province_code;  // the cooperative's province in force when recorded
  Date start;
  std::optional<Date> end;
  int64_t programme_id = 0;  // 0 none
  std::string job_title, notes;
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

}  // namespace hoptac::activities

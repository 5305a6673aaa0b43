// The only SQL of the petitions' tables (migration 0018_petitions_tables): themes, petitions
// with their entities, and their steps. Called inside the service's transactions (and by the
// indicator source, in a read).
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "petitions/petition.h"
#include "storage/db.h"

namespace hoptac::petitions {

// Themes, by position then code.
Result<std::vector<Theme>> LoadThemes(storage::Connection& conn);
Status InsertTheme(storage::Connection& conn, const Theme& theme);  // position: after the last
Status UpdateTheme(storage::Connection& conn, const Theme& theme);

// "KN-<year>-NNNN": the next number of the year (four digits at least).
Result<std::string> NextCode(storage::Connection& conn, int year);
Status InsertPetition(storage::Connection& conn, Petition& petition);  // sets id; writes its entities
Status UpdatePetition(storage::Connection& conn, const Petition& petition);
Result<std::optional<Petition>> LoadPetition(storage::Connection& conn, int64_t id);

struct PetitionFilter {
  bool all = true;                     // every province; else `provinces` (current codes)
  std::vector<std::string> provinces;  // with all = false
  int64_t entity_id = 0;               // 0: any
  int64_t activity_id = 0;             // 0: any
  std::vector<std::string> statuses;   // empty: any
  std::vector<std::string> themes;     // empty: any
  std::optional<Date> from, to;        // raised_on within
  bool public_answers_only = false;    // answered or closed, answer public
  bool without_texts = false;          // content, answer, names and reasons read as "" (the statistics)
};
// Sorted by raised_on descending, then id descending; entities loaded when `with_entities`.
Result<std::vector<Petition>> LoadPetitions(storage::Connection& conn, const PetitionFilter& filter,
                                            bool with_entities);

Status AppendStep(storage::Connection& conn, int64_t petition_id, const Step& step);
Result<std::vector<Step>> LoadSteps(storage::Connection& conn, int64_t petition_id);

// id → code, for the audit log's names.
Status ReadPetitionCodes(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out);

}  // namespace hoptac::petitions

// The only SQL of the programmes' tables (migration 0015_programmes_tables): partners,
// programmes and their partner links, targets and their manual values. Called inside the
// service's transactions.
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "programmes/programme.h"
#include "storage/db.h"

namespace hoptac::programmes {

// Partners.
Status InsertPartner(storage::Connection& conn, Partner& partner);  // sets id
Status UpdatePartner(storage::Connection& conn, const Partner& partner);
Result<std::optional<Partner>> LoadPartner(storage::Connection& conn, int64_t id);
// National partners and, when `province` is not empty, that province's; all when `all`.
Result<std::vector<Partner>> LoadPartners(storage::Connection& conn, const std::string& province, bool all);

// Programmes (partner_ids read and written with them).
Status InsertProgramme(storage::Connection& conn, Programme& programme);  // sets id
Status UpdateProgramme(storage::Connection& conn, const Programme& programme);
Result<std::optional<Programme>> LoadProgramme(storage::Connection& conn, int64_t id);
Result<std::optional<int64_t>> ProgrammeIdByCode(storage::Connection& conn, const std::string& code);

struct ProgrammeFilter {
  // Only these provinces' programmes (and national ones when `national` is set); every
  // programme when `all`.
  bool all = false;
  bool national = true;
  std::vector<std::string> provinces;
  std::string status, kind;
  int64_t partner_id = 0;
  bool drafts = true;  // false: leave drafts out
};
Result<std::vector<Programme>> LoadProgrammes(storage::Connection& conn, const ProgrammeFilter& filter);

// Targets (values read with LoadTargets / LoadTarget).
Status InsertTarget(storage::Connection& conn, Target& target);  // sets id and position
Status UpdateTarget(storage::Connection& conn, const Target& target);
Status DeleteTarget(storage::Connection& conn, int64_t id);
Result<std::optional<Target>> LoadTarget(storage::Connection& conn, int64_t id);
Result<std::vector<Target>> LoadTargets(storage::Connection& conn, int64_t programme_id);

// Manual values.
Status InsertValue(storage::Connection& conn, int64_t target_id, ManualValue& value);  // sets id
Status DeleteValue(storage::Connection& conn, int64_t target_id, int64_t value_id);    // rows changed checked by caller
Result<std::optional<ManualValue>> LoadValue(storage::Connection& conn, int64_t target_id, int64_t value_id);

}  // namespace hoptac::programmes

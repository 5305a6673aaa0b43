// Administrative units of Vietnam, effective-dated.
//
// On 2025-07-01 the 63 provinces became 34 and the district level was abolished
// (3,321 communes). A merged province kept the code of the province hosting its
// seat; the other codes closed. So a code names different units at different
// dates: 15 was Yên Bái until 2025-06-30 and is Lào Cai since. Every unit has a
// validity interval [valid_from, valid_to] (valid_to inclusive, open while in
// force) and links to its successors and predecessors.
//
// The provinces' records begin on 1997-01-01 (data/vn-admin/provinces-history.csv):
// a unit in force since before then has valid_from = that day and
// valid_from_open set. A date before the first day of the records is outside
// them: no unit is in force on it, which is not proof that the place did not
// exist (registry/import reads such dates as described in import_values.h).
//
// AdminDataset is the plain data; LoadReferenceAdminUnits() builds it from the
// reference files compiled into the binary (data/vn-admin). AdminUnitDirectory
// answers "which units were in force on date D" in memory.
//
// Thread-safety: AdminUnitDirectory is immutable after Create() and safe to
// share between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace hoptac::geo {

enum class AdminLevel { kProvince, kCommune };

const char* AdminLevelName(AdminLevel level);  // "province" | "commune"
std::optional<AdminLevel> ParseAdminLevel(std::string_view name);

struct AdminUnit {
  int64_t id = 0;  // stable within a dataset; 1..N in reference order
  AdminLevel level = AdminLevel::kProvince;
  std::string code;              // "15", "00004"
  std::string name;              // "Lào Cai"
  std::string name_en;           // "Lao Cai"
  std::string full_name;         // "Tỉnh Lào Cai"
  std::string full_name_en;      // "Lao Cai Province"
  std::string parent_code;       // communes: the province code; empty for provinces
  Date valid_from;               // the first day of the records when valid_from_open
  std::optional<Date> valid_to;  // inclusive; nullopt while in force
  bool valid_from_open = false;  // in force since before the records begin
  std::string formed_from_code;  // split off the unit of this code on valid_from ("12" for Điện Biên)

  bool InForce(Date date) const { return valid_from <= date && (!valid_to || date <= *valid_to); }
};

struct AdminUnitLink {
  int64_t predecessor_id = 0;
  int64_t successor_id = 0;
  Date effective_on;  // first day of the successor
};

struct AdminDataset {
  std::vector<AdminUnit> units;
  std::vector<AdminUnitLink> links;
  std::string version;  // content hash of the reference files it came from
};

// The reference units compiled into the binary: the provinces since 1997-01-01
// (61 from 1997, 64 from 2004-01-01, 63 from 2008-08-01), the 34 provinces and
// 3,321 communes since 2025-07-01, and the merge links (Hà Tây → Hà Nội on
// 2008-08-01; the closed provinces → their 2025 successors).
// Errors: kInternal when the embedded files are missing or malformed (a build bug).
Result<AdminDataset> LoadReferenceAdminUnits();

class AdminUnitDirectory {
 public:
  // REQUIRES: ids unique; links refer to existing ids.
  static std::shared_ptr<const AdminUnitDirectory> Create(AdminDataset dataset);

  // Units of a level in force on date, ordered by code.
  std::vector<const AdminUnit*> InForce(AdminLevel level, Date date) const;
  // The unit with this level and code in force on date; nullptr if none.
  const AdminUnit* Find(AdminLevel level, std::string_view code, Date date) const;
  // Communes in force on date whose province code is province_code, ordered by code.
  std::vector<const AdminUnit*> CommunesOf(std::string_view province_code, Date date) const;
  const AdminUnit* ById(int64_t id) const;
  // The province of `formed_from_code` on the day before `unit` began; nullptr if none.
  const AdminUnit* FormedFrom(const AdminUnit& unit) const;
  // The first day of the provinces' records (1997-01-01 for the reference data).
  Date records_begin() const { return records_begin_; }
  std::vector<const AdminUnit*> Successors(int64_t id) const;
  std::vector<const AdminUnit*> Predecessors(int64_t id) const;
  // The province(s) in force today that a unit's territory now belongs to,
  // following successor links (itself when still in force).
  std::vector<const AdminUnit*> CurrentSuccessors(int64_t id, Date today) const;

  const AdminDataset& dataset() const { return dataset_; }
  size_t size() const { return dataset_.units.size(); }

 private:
  explicit AdminUnitDirectory(AdminDataset dataset);

  AdminDataset dataset_;
  Date records_begin_;
  std::unordered_map<int64_t, size_t> by_id_;
  // (level, code) → indices of its versions, sorted by valid_from.
  std::unordered_map<std::string, std::vector<size_t>> by_code_;
  std::unordered_map<std::string, std::vector<size_t>> communes_by_parent_;
  std::vector<size_t> provinces_;  // indices of all province versions, by code
  std::unordered_map<int64_t, std::vector<int64_t>> successors_, predecessors_;
};

// Whether a province code names a province in force today (the check accounts are
// given: auth::AccountService's ProvinceValidator). Holds the directory.
std::function<bool(std::string_view code)> ProvinceInForceToday(std::shared_ptr<const AdminUnitDirectory> units);

}  // namespace hoptac::geo

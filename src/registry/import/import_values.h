// Import values: the lenient readers of cell text that the importer applies to
// every cell, for what people type into spreadsheets and what Excel and
// LibreOffice store.
//
// Numbers. A CSV typed on a Vietnamese computer writes 5.752 (five thousand…) and
// 3,8 (three point eight); an English one 5,752 and 3.8; an XLSX number cell reaches
// us as "5752" or "3.8" (io/xlsx_cell.h FormatNumber). So CSV cells are read with
// Vietnamese separators first and English ones second, XLSX cells the other way
// round (NumberStyle). Grouping must be well formed ("5.75" is neither), spaces and
// no-break spaces between digit groups are ignored ("5 752").
//
// Thread-safety: pure functions; ProvinceResolver is immutable after construction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"

namespace hoptac::registry {

enum class NumberStyle { kVietnameseFirst, kEnglishFirst };

// Surrounding spaces, tabs, line breaks and no-break spaces removed, and the apostrophe a
// CSV export puts before a cell that starts like a formula ("'=x" → "=x").
std::string_view TrimCell(std::string_view text);

// "2024-03-31" (also what XLSX date cells become, and "2024-03-31 00:00:00"),
// "31/03/2024", "31-03-2024", "31.03.2024", "1/3/2024"; nullopt otherwise.
std::optional<Date> ParseImportDate(std::string_view text);

// A whole number: "5752", "5.752", "5,752", "5 752", "-12"; nullopt for fractions,
// garbage, or text out of range.
std::optional<int64_t> ParseImportInteger(std::string_view text, NumberStyle style);

// An amount of money written in units of `scale` VND (1, 1 000, 10^6, 10^9): with a
// scale above 1 fractions are allowed ("3,8" triệu → 3 800 000) and the result is
// rounded to the VND. nullopt when not a number or out of range.
std::optional<int64_t> ParseImportMoney(std::string_view text, int64_t scale, NumberStyle style);

// true: "true", "1", "x", "có", "yes", "y", "đúng", "c"; false: "false", "0", "",
// "không", "no", "n", "sai", "k" (case and diacritics ignored); nullopt otherwise.
std::optional<bool> ParseImportBool(std::string_view text);

// A code of `digits` digits from a cell that may have lost its leading zeros in a
// spreadsheet ("1" → "01", "4378" → "04378"); the text itself when it is not all
// digits or longer.
std::string PadCode(std::string_view text, size_t digits);

// Which rule gave the date a province cell was read at; the dry-run preview
// shows it (province_rule). A cell is read, in this order:
//   1. as of the row's province_as_of, when the file has that column;
//   2. as of the import's as_of (ImportOptions::as_of, the CLI's --as-of), when given;
//   3. as of the row's founding date (an update: the date the stored entity's
//      province was read at), when a unit of that name or code was in force on it;
//   4. otherwise, with an informational warning naming the rule (not an error, and
//      no confirmation needed):
//      a. the date is before the records begin (1997-01-01): the unit of that name
//         or code in force on their first day ("Yên Bái" in 1995 → Yên Bái as of
//         1997-01-01, so the legacy statistics keep it in Yên Bái);
//      b. the unit of that name or code in force today;
//      c. any unit of that name or code in the records, followed through its
//         successors to the date (today when the date is before the records) while
//         that leads to one province (Hà Tây in 2010 → Hà Nội).
// Only a reading that leads to several provinces is an error
// (field.province_ambiguous, naming the candidates).
enum class ProvinceRule { kRowAsOf, kImportAsOf, kFoundedOn, kStored, kRecordsBegin, kToday, kSuccessor };
// "province_as_of" | "as_of" | "founded_on" | "stored" | "records_begin" | "today" | "successor"
const char* ProvinceRuleName(ProvinceRule rule);

struct ProvinceReading {
  std::string code;                  // the province code as read
  Date as_of;                        // the date it is read at (the entity's province_as_of)
  ProvinceRule rule;                 // the rule that applied
  std::optional<FieldError> notice;  // rules 4a–4c: the warning that names the rule
};

// Province codes and names, read as of a date.
class ProvinceResolver {
 public:
  explicit ProvinceResolver(std::shared_ptr<const geo::AdminUnitDirectory> units);

  // Reads "15", "1" (→ "01"), "Yên Bái", "yen bai", "Tỉnh Yên Bái", "TP. Hồ Chí Minh",
  // "Ho Chi Minh City", "Thừa Thiên Huế" by the rules above; `on` is the date of rule
  // `date_rule` (1, 2 or 3). Errors (one FieldError on `province_code`):
  //   field.unknown_province_name {text}                — no province has that name or code
  //   field.province_ambiguous {text, date, candidates} — it leads to several provinces
  //   field.province_not_in_force {text, date, now}     — nothing it leads to is in force
  Result<ProvinceReading> Read(std::string_view text, Date on, ProvinceRule date_rule, Date today) const;

  // A commune code (padded to 5 digits) or the name of a commune of the province in
  // force today (`province_code` a current code): "Xã Tân Lập", "phuong ba dinh".
  // Errors: field.unknown_commune_name {text, province}, field.ambiguous_commune_name.
  Result<std::string> ResolveCommune(std::string_view text, std::string_view current_province_code) const;

  const geo::AdminUnitDirectory& units() const { return *units_; }

 private:
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  std::unordered_map<std::string, std::vector<const geo::AdminUnit*>> provinces_by_name_;
  std::unordered_map<std::string, std::vector<const geo::AdminUnit*>> provinces_by_code_;
  // "<province code>|<name key>" → communes in force today
  std::unordered_map<std::string, std::vector<const geo::AdminUnit*>> communes_by_name_;
};

}  // namespace hoptac::registry

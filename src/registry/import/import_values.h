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

// Surrounding spaces, tabs, line breaks and no-break spaces removed.
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

// Province codes and names, read as of a date.
class ProvinceResolver {
 public:
  explicit ProvinceResolver(std::shared_ptr<const geo::AdminUnitDirectory> units);

  // "15", "1" (→ "01"), "Yên Bái", "yen bai", "Tỉnh Yên Bái", "TP. Hồ Chí Minh",
  // "Ho Chi Minh City": the code of the province of that code or name in force on
  // `on`. A code is returned as given (padded), for CheckEntity to read as of the
  // entity's date. Errors (one FieldError on `province_code`):
  //   field.unknown_province_name {text}              — no province has that name
  //   field.province_not_in_force {text, date, now}   — the province had ceased to
  //       exist on `on`; `now` names the province(s) it became part of.
  Result<std::string> Resolve(std::string_view text, Date on) const;

  // A commune code (padded to 5 digits) or the name of a commune of the province in
  // force today (`province_code` a current code): "Xã Tân Lập", "phuong ba dinh".
  // Errors: field.unknown_commune_name {text, province}, field.ambiguous_commune_name.
  Result<std::string> ResolveCommune(std::string_view text, std::string_view current_province_code) const;

  const geo::AdminUnitDirectory& units() const { return *units_; }

 private:
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  std::unordered_map<std::string, std::vector<const geo::AdminUnit*>> provinces_by_name_;
  // "<province code>|<name key>" → communes in force today
  std::unordered_map<std::string, std::vector<const geo::AdminUnit*>> communes_by_name_;
};

}  // namespace hoptac::registry

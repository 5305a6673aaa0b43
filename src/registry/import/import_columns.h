// Import columns: how the header row of an uploaded registry file maps onto the
// canonical columns of registry/columns.h.
//
// Provincial alliances write their own headings, in Vietnamese, with or without
// diacritics, in any case, sometimes with a unit or a footnote in brackets:
// "Mã số HTX", "Tên HTX", "Loại hình", "Tỉnh/Thành phố", "Ngày thành lập",
// "Tình trạng", "Số thành viên", "Thành viên nữ", "Số lao động", "Doanh thu
// (triệu đồng)". A header matches a column when its MatchKey form (registry/entity.h:
// folded words joined by spaces), with bracketed parts removed, equals the
// column's canonical name ("registration_code" → "registration code"), one of its
// Vietnamese aliases or one of its English ones. The bracketed part of a money
// column names its unit: "(đồng)", "(VNĐ)", "(nghìn đồng)", "(triệu đồng)", "(tỷ
// đồng)" set the scale the cells are multiplied by. Row-number columns ("STT",
// "TT", "No.") are ignored; any other unknown header is reported (and its cells
// ignored), never an error.
//
// Besides the canonical columns the importer reads two optional ones that export
// does not write: `tax_code` (entities: "Mã số thuế", "MST") and `converted_to`
// (events: the new kind of a conversion).
//
// Thread-safety: the alias tables are built once (function-local statics) and
// immutable afterwards; all functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/columns.h"

namespace hoptac::registry {

// "entities" | "events" | "figures"

// Every column the importer reads for a file type: the canonical ones in their
// order, then the optional extras (tax_code; converted_to).
std::span<const std::string_view> ImportColumns(FileType type);
// The columns a file must have: registration_code, kind, name, province_code
// (entities); registration_code, date, event (events); registration_code,
// period (figures).
bool IsRequiredColumn(FileType type, std::string_view column);

// What a header cell names.
struct HeaderMatch {
  std::string_view column;  // canonical column; empty when unknown or ignored
  bool ignored = false;     // a row-number column ("STT")
  int64_t scale = 1;        // money columns: VND per unit written in the cells
};

HeaderMatch MatchHeader(FileType type, std::string_view header);

// The Vietnamese heading an export or a template writes for a column: the first of its
// Vietnamese aliases, so that it imports back ("Mã số HTX", "Tên HTX", "Ngày thành lập");
// money columns name their unit ("Doanh thu (đồng)"). The canonical name when it has none.
std::string VietnameseHeading(FileType type, std::string_view column);

struct ColumnMap {
  FileType type = FileType::kEntities;
  std::vector<std::string> header;  // as in the file
  // Per header cell: the index into ImportColumns(type), or -1 (unknown, ignored).
  std::vector<int> column_of_cell;
  // Per ImportColumns(type) index: the header cell, or -1 when the file lacks it.
  std::vector<int> cell_of_column;
  // Per ImportColumns(type) index: the scale of its cells (1 unless a money unit).
  std::vector<int64_t> scale_of_column;
  std::vector<std::string> unknown_headers;
  std::vector<std::string> ignored_headers;

  // The ImportColumns(type) index of a column name, or -1 for a name that is not one.
  int Index(std::string_view column) const;
  bool Has(std::string_view column) const { return Cell(column) >= 0; }
  // The header cell of a column, or -1 (absent, or not a column of the type).
  int Cell(std::string_view column) const {
    int index = Index(column);
    return index < 0 ? -1 : cell_of_column[index];
  }
  // The file's own heading of a column ("Tên HTX"), or the column name when absent.
  std::string HeaderOf(std::string_view column) const;
};

// Maps a header row. Errors (kInvalidArgument; the whole file is refused):
//   error.import_no_header                     — the file has no header row (empty)
//   error.import_missing_columns {columns}     — required columns absent, comma-separated
//   error.import_duplicate_column {a, b, column} — two headers name the same column
Result<ColumnMap> MapColumns(FileType type, const std::vector<std::string>& header);

}  // namespace hoptac::registry

// The pivot table of the statistics (web: "Bảng tổng hợp động"): one stock or flows answer of the
// index (stats_api.h), grouped by the row dimensions then the column dimensions, laid out as a
// table — a line per combination of the row dimensions, under a first row dimension with further
// ones a subtotal per group of its first, the grand total last; a column per combination of the
// column dimensions and the row total. The web's pivot (web/src/pivot/pivot.ts) lays out the same
// answer the same way; both take the API's rows as they are, so every cell equals the API's number.
//
// Sorting: `sort` empty keeps the API's order (by key); "total" or a column key ("cooperative",
// "cooperative|active" for two column dimensions) sorts lines by that column's value, groups by
// their subtotal and lines inside each group; values that are withheld (null) go last.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace hoptac::analytics {

struct PivotSpec {
  std::vector<std::string> rows, cols;  // dimension names; rows at least one
  std::string sort;                     // "", "total" or a column key
  bool descending = false;
};

struct PivotLine {
  enum class Kind : uint8_t { kLeaf, kSubtotal, kTotal };
  Kind kind = Kind::kLeaf;
  std::vector<std::string> labels;            // one per row dimension ("" under a subtotal's first)
  std::vector<std::optional<int64_t>> cells;  // one per column; nullopt: no row or withheld
  std::optional<int64_t> total;
};

struct PivotTable {
  std::vector<std::string> col_keys, col_labels;  // one column ("", "") when there are no column dimensions
  std::vector<PivotLine> lines;
};

// REQUIRES: answer's group_by is spec.rows then spec.cols.
PivotTable BuildPivot(const boost::json::object& answer, const PivotSpec& spec);

// The words above and in the table, in the request's language.
struct PivotHeading {
  std::string title;                        // the question
  std::vector<std::string> lines;           // scope, date or period, source
  std::vector<std::string> row_dim_labels;  // header of the row label columns
  std::string total_label, subtotal_label;  // "Tổng cộng", "Cộng"
};

// Writes the table as an A4 sheet: the heading merged across the table, a bordered header, numbers
// as numbers ("#,##0"), subtotal and total lines in bold.
Status WritePivotXlsx(const PivotTable& table, const PivotHeading& heading, const std::string& path);

}  // namespace hoptac::analytics

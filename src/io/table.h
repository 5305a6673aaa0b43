// Table and RowSource: the shape every tabular file (CSV, XLSX) is read into.
//
// A RowSource streams the rows of one table so a 100,000-row file never has to be in
// memory at once: its header is the first non-blank row of the file, then Next()
// returns the data rows one by one with the 1-based line (CSV) or row (XLSX) where each
// starts in the source file, for error reports ("row 57: ..."). Every reader applies
// the same rules to the rows it returns:
//   - a row whose cells are all empty is skipped (its number is still counted);
//   - trailing empty cells past the header's width are dropped (Excel leaves many);
//   - a shorter row is padded with empty cells to the header's width;
//   - a row with non-empty cells past the header's width is rejected with the row
//     error `error.row_too_many_cells` {row, cells, columns}; see IsRowError();
//   - trailing empty cells of the header itself are dropped.
// Cells are UTF-8 text exactly as stored (no trimming, no Unicode normalisation).
//
// Thread-safety: a RowSource is not thread-safe; use one from one thread at a time.
// Table is a plain value.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace hoptac::io {

// A whole table in memory: for small files and tests (see ReadAll).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each exactly header.size() cells
  std::vector<int> row_numbers;                // 1-based line/row in the source file of rows[i], for error reports
};

class RowSource {
 public:
  virtual ~RowSource() = default;

  // The column names (may be empty for an empty file).
  virtual const std::vector<std::string>& header() const = 0;
  // 1-based line/row of the header in the source file; 0 when the file has no header.
  virtual int header_row() const = 0;

  // Reads the next data row into `cells` (exactly header().size() cells) and its
  // 1-based source line/row into `source_row`. Returns true for a row, false at the end.
  // A row error (IsRowError) rejects that row only: the next call continues with the
  // following row. Any other error (malformed file, not UTF-8, I/O) is final: the source
  // is unusable and further calls return an error again.
  virtual Result<bool> Next(std::vector<std::string>& cells, int& source_row) = 0;
};

// True when `error` rejects a single row and the RowSource that returned it can go on.
bool IsRowError(const Error& error);

// Reads every remaining row of `source`. Fails on the first error of any kind, row
// errors included; an importer that wants to collect row errors loops over Next().
Result<Table> ReadAll(RowSource& source);

// --- Helpers shared by the readers ---------------------------------------------------

// True when every cell is empty.
bool IsBlankRow(const std::vector<std::string>& cells);
// Applies the row rules above to a non-blank row read at `source_row`: pads `cells` to
// `width` or fails with the row error when non-empty cells lie past `width`.
Status FitRow(std::vector<std::string>& cells, size_t width, int source_row);
// Drops the trailing empty cells of a header.
void TrimHeader(std::vector<std::string>& header);

}  // namespace hoptac::io

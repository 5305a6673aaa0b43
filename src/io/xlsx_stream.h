// XlsxStreamWriter: a one-worksheet XLSX writer for very large exports that never
// holds the sheet, in memory or in a temporary file.
//
// Why not libxlsxwriter (hoptac used it before): its constant_memory mode keeps
// memory flat, but it writes the whole sheet XML to a temporary file and deflates
// it at the end at zlib's default level: a 1,000,000-row export of the registry
// (18 columns, ~1 GB of XML) took ~37 s, most of it deflating. This writer builds
// the sheet XML in 1 MiB chunks and hands each to a second thread that deflates it
// at level 1 (zlib) straight into the zip entry, so building and compressing run
// on two cores and nothing but the output file touches the disk. The result is
// the same kind of workbook: one sheet, the header row bold and frozen, text as
// inline strings or, for the columns named in the options, shared strings
// (control characters as _xHHHH_ escapes, a literal "_xHHHH_" protected as Excel
// expects), numbers as numbers; Excel, LibreOffice and io::XlsxReader read it.
//
// The zip is written front to back; the sheet entry's local header gets its CRC
// and sizes once the sheet is done (the file must be seekable: a regular file).
// A laid-out sheet (a report as on paper) uses the same writer: cell styles (font,
// alignment, wrap, thin borders, number format) declared in the options and referred to
// by number from styled rows, merged ranges, column widths, row heights and the print
// set-up (paper size, orientation, fit to the page width, margins).
//
// Limits: 1,048,576 rows and 16,384 columns (error.xlsx_too_many_rows,
// error.xlsx_too_many_columns), 32,767 characters a cell (error.xlsx_cell_too_long),
// and a sheet of at most 4 GiB of XML, as this writer does not use zip64
// (error.xlsx_too_large {MiB}); all kInvalidArgument. error.file_unwritable {name}
// from Create; write failures (disk full) are kInternal. After an error the
// writer is unusable and Close() removes nothing: the caller deletes the file.
//
// Thread-safety: not thread-safe; use one object from one thread. It runs one
// helper thread of its own between Create() and Close() (or destruction).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "io/xlsx.h"

namespace hoptac::io {

// A cell style. Cells without one use the workbook's default (Calibri 11, general).
struct XlsxStyle {
  enum class Align : uint8_t { kGeneral, kLeft, kCenter, kRight };
  bool bold = false, italic = false, underline = false;
  int font_size = 11;  // points, 6–72
  Align align = Align::kGeneral;
  bool top = false;     // vertical alignment top (else centred)
  bool wrap = false;    // wrap text in the cell
  bool border = false;  // a thin border on all four sides
  // An Excel number format, e.g. "#,##0" or "#,##0.0#"; empty for General. (The
  // reader keeps reading such cells as plain numbers.)
  std::string number_format;
};

// The page as printed.
struct XlsxPageSetup {
  bool landscape = false;
  bool fit_to_width = true;  // shrink to one page wide (as many pages tall as needed)
  // Margins in inches.
  double left = 0.75, right = 0.5, top = 0.6, bottom = 0.6;
  // Rows repeated at the top of every printed page (1-based, inclusive); 0: none.
  int repeat_first_row = 0, repeat_last_row = 0;
};

struct XlsxStreamOptions {
  std::string sheet_name = "Sheet1";  // 1–31 characters, none of : \ / ? * [ ]
  // Columns whose values repeat (codes, kinds, statuses, dates): their short texts
  // (up to 64 bytes) go through the shared-string table, as Excel itself writes
  // them, which makes the sheet much smaller and faster to write. The table holds
  // at most 100,000 strings (a few MiB); later new values are written inline.
  std::vector<bool> shared_string_columns;
  // Columns of dates: a text cell holding an ISO date ("2024-03-31") is written as
  // an Excel date (a serial day shown as yyyy-mm-dd, which io::XlsxReader reads back
  // as the same ISO text), so the column sorts and filters as dates in Excel.
  std::vector<bool> date_columns;
  // Laid-out sheets: the styles styled rows refer to (by index + 1), the width of each
  // column in characters (0: Excel's default), and the print set-up (A4).
  std::vector<XlsxStyle> styles;
  std::vector<double> column_widths;
  std::optional<XlsxPageSetup> page;
};

// A cell of a styled row: its value and style (0: none; n: XlsxStreamOptions::styles[n - 1]).
struct XlsxStyledCell {
  XlsxCell value;
  int style = 0;
};

class XlsxStreamWriter {
 public:
  static Result<std::unique_ptr<XlsxStreamWriter>> Create(const std::string& path,
                                                          const XlsxStreamOptions& options = {});
  ~XlsxStreamWriter();  // stops the helper thread; an unclosed file is left incomplete
  XlsxStreamWriter(const XlsxStreamWriter&) = delete;
  XlsxStreamWriter& operator=(const XlsxStreamWriter&) = delete;

  // REQUIRES: no row written yet. Writes the row in bold and freezes it.
  Status WriteHeader(std::span<const std::string> names);
  // Text cells; an empty string is an empty cell.
  Status WriteRow(std::span<const std::string> cells);
  // Mixed cells; a number that is not finite is an empty cell.
  Status WriteRow(std::span<const XlsxCell> cells);
  // Styled cells (a styled empty cell is written, so borders of merged ranges show);
  // `height` in points (0: Excel's own; at most 409).
  Status WriteRow(std::span<const XlsxStyledCell> cells, double height = 0);
  // Merges a range of rows and columns (0-based, inclusive; written or not yet). The
  // value is the top-left cell's. Ranges must not overlap (Excel refuses such files).
  Status Merge(size_t first_row, size_t first_column, size_t last_row, size_t last_column);
  // Rows written so far in the current sheet: the 0-based number of the next row.
  size_t rows_written() const;
  // Ends the current sheet and starts another, named `name` (1–31 characters, none of : \ / ? * [ ],
  // not a name used before); rows, header and merges then go to it. The options (columns, styles,
  // page) apply to every sheet; only the first is selected and has the print titles.
  Status NextSheet(const std::string& name);
  // Finishes the sheet, writes the other parts and the zip directory. Idempotent.
  Status Close();

  struct Impl;

 private:
  explicit XlsxStreamWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::io

// XLSX: a streaming reader of the first worksheet of an Excel workbook (libzip + expat,
// no DOM), and the cell type the writer (io/xlsx_stream.h) takes.
//
// XlsxReader resolves the sheet the way Excel does, never assuming file names:
// `_rels/.rels` → the workbook part (normally `xl/workbook.xml`) → its first `<sheet>`
// that is a worksheet (chart sheets are skipped), or the sheet named in the options →
// the sheet's part through the workbook's relationships (`xl/_rels/workbook.xml.rels`;
// any name, e.g. `xl/worksheets/data.xml`). Part names are matched case-insensitively, as
// OPC requires; elements by local name, so prefixed markup (the OpenXML SDK's `x:c`)
// reads too. The shared strings (rich-text runs joined, phonetic runs dropped) and the
// styles are read first and kept in memory; the sheet itself is parsed chunk by chunk as
// rows are asked for, so memory stays flat however many rows there are.
//
// Cell text: shared strings, inline strings (`t="inlineStr"`), formula results (the
// cached `<v>`; the formula is not evaluated), booleans as "TRUE"/"FALSE", errors as
// Excel shows them ("#N/A"), numbers as io/xlsx_cell.h FormatNumber ("5752", "3.8"),
// numbers under a date or time format (built-in or custom, see xlsx_cell.h) as
// "YYYY-MM-DD" / "HH:MM:SS" in the workbook's date system (1900 or 1904). `<t>` text
// without xml:space="preserve" is trimmed of surrounding XML white space; `_xHHHH_`
// escapes are decoded. Cells are placed by their reference (`r="C5"`): skipped columns
// are empty cells, skipped rows are simply absent (row numbers stay those of the sheet).
// The row rules of io/table.h apply.
//
// Errors:
//   error.xlsx_invalid {detail} (kInvalidArgument): not a zip archive, a missing part,
//       malformed XML, a DTD, a bad cell reference or shared-string index. `detail` is
//       short English text naming the part, e.g. "xl/worksheets/sheet1.xml line 3:
//       mismatched tag"; error.detail holds the same for logs.
//   error.xlsx_is_xls (kInvalidArgument): an OLE2 file (magic D0 CF 11 E0: an .xls
//       workbook, or an .xlsx that is password-protected, which Excel stores that way) or
//       an encrypted zip entry.
//   error.xlsx_sheet_not_found {name} (kInvalidArgument): no sheet of that name.
//   error.file_too_large {MiB} (kPayloadTooLarge): a part whose uncompressed size, as
//       declared or as actually inflated, exceeds max_part_bytes (a zip bomb).
//   error.file_unreadable {name} (kInvalidArgument): the file cannot be opened or read.
// All are final; error.row_too_many_cells is a row error (see IsRowError).
//
// Workbooks are written by io::XlsxStreamWriter (io/xlsx_stream.h), the one XLSX writer.
//
// Thread-safety: XlsxReader is not thread-safe; use each object from one thread at a
// time. Different objects are independent.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "io/table.h"

namespace hoptac::io {

struct XlsxReadOptions {
  // The sheet to read; empty for the first worksheet.
  std::string sheet_name;
  // Largest uncompressed size of any part (sheet, shared strings, styles).
  std::uint64_t max_part_bytes = std::uint64_t{512} << 20;
  // A sheet laid out as a document (a report as on paper) rather than a table: no
  // header (header() is empty, header_row() 0) and Next() returns every non-blank row
  // as it is, trailing empty cells dropped, without the width rule.
  bool no_header = false;
};

class XlsxReader final : public RowSource {
 public:
  // Opens the workbook, reads its structure, shared strings and styles, and the header
  // row. Fails with the errors above.
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path, const XlsxReadOptions& options = {});
  // The same over the bytes of a file in memory (an upload).
  static Result<std::unique_ptr<XlsxReader>> FromString(std::string data, const XlsxReadOptions& options = {});

  ~XlsxReader() override;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The names of all sheets, in workbook order.
  const std::vector<std::string>& sheet_names() const;
  // The zip part of the sheet being read, e.g. "xl/worksheets/sheet1.xml".
  const std::string& sheet_part() const;

  const std::vector<std::string>& header() const override;
  int header_row() const override;
  Result<bool> Next(std::vector<std::string>& cells, int& source_row) override;

  struct Impl;

 private:
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A cell to write: empty, text (UTF-8) or a number.
using XlsxCell = std::variant<std::monostate, std::string_view, double>;

}  // namespace hoptac::io

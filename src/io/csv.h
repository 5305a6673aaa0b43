// CSV: a streaming RFC 4180 reader for the files provincial offices really send, and a
// writer for what Excel opens without a wizard.
//
// CsvReader accepts UTF-8 with or without a byte-order mark; CRLF, LF or lone CR line
// endings (mixed too); the delimiter `,` `;` or TAB, detected from the header line by
// counting each outside quotes (an Excel `sep=;` first line also sets it); quoted fields
// with `""` for a quote and embedded delimiters and line breaks. A quote opens a quoted
// field only at the start of a field; elsewhere it is an ordinary character, as is
// anything after a closing quote (`"ab"c` reads ab c joined, as Excel does). Cells are
// returned byte-exact: no trimming, no Unicode normalisation. Row numbers are the
// 1-based line where the record starts (a quoted line break counts as a line), or with
// RowNumbering::kRecords the row Excel shows. The
// row rules of io/table.h apply (blank rows skipped, short rows padded, long rows
// rejected as row errors).
//
// Errors (all kInvalidArgument unless said otherwise):
//   error.file_not_utf8 {line, encoding}: a byte that is not UTF-8; `encoding` is the
//       guess of io/encoding.h ("Windows-1258", "TCVN3 (ABC)", "UTF-16", "unknown").
//   error.csv_unclosed_quote {line}: a quoted field still open at the end of the file.
//   error.csv_record_too_large {line, MiB}: one record over max_record_bytes (a stray
//       quote swallowing the file).
//   error.file_unreadable {name}: the file cannot be opened or read.
// These are final; error.row_too_many_cells is a row error (see IsRowError).
//
// CsvWriter writes RFC 4180 with a UTF-8 byte-order mark and CRLF line endings by
// default, which is what Excel needs to show Vietnamese text without an import wizard.
// A cell is quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with
// a space or tab; the first cell of the file also when it starts with "ID" (Excel would
// take the file for SYLK) or "sep=". Note for exports: Excel reads the list separator of
// the user's regional settings when opening by double-click; `;` suits many European
// settings, `,` the Vietnamese and English ones.
//
// Thread-safety: neither class is thread-safe; use each object from one thread at a time.
#pragma once

#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "io/encoding.h"
#include "io/table.h"

namespace hoptac::io {

// How CsvReader numbers rows: by the line where a record starts (what a text editor
// shows), or by record (what Excel and LibreOffice show: a cell with line breaks is one
// row, blank lines are rows, an Excel `sep=` line is not).
enum class RowNumbering { kLines, kRecords };

struct CsvReadOptions {
  // ',' ';' or '\t'; 0 detects it from the header line.
  char delimiter = 0;
  RowNumbering numbering = RowNumbering::kLines;
  // Largest record (all its cells together) accepted.
  std::size_t max_record_bytes = std::size_t{16} << 20;
};

class CsvReader final : public RowSource {
 public:
  // Opens the file and reads up to the end of its header. Fails with the errors above.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path, const CsvReadOptions& options = {});
  // The same over bytes in memory (an upload).
  static Result<std::unique_ptr<CsvReader>> FromString(std::string data, const CsvReadOptions& options = {});

  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The delimiter in use (detected or given).
  char delimiter() const { return delimiter_; }

  const std::vector<std::string>& header() const override { return header_; }
  int header_row() const override { return header_row_; }
  Result<bool> Next(std::vector<std::string>& cells, int& source_row) override;

 private:
  static constexpr int kEnd = -1;          // end of input
  static constexpr int kInvalidByte = -2;  // not UTF-8 (error_ is set)
  static constexpr int kReadFailure = -3;  // I/O error (error_ is set)

  CsvReader(std::FILE* file, std::string name, std::string data, const CsvReadOptions& options);
  static Result<std::unique_ptr<CsvReader>> Start(std::unique_ptr<CsvReader> reader);

  // Appends more of the file to buffer_ (dropping what was consumed); false at the end.
  bool Fill();
  int Peek();
  int Get();
  Status DetectDelimiter();
  // Reads one record into cells; false at the end of input.
  Result<bool> ReadRecord(std::vector<std::string>& cells, int& start_line);
  Error NotUtf8(int line);
  Error Fail(Error error);

  std::FILE* file_;
  std::string name_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool end_of_file_ = false;
  CsvReadOptions options_;
  char delimiter_ = ',';
  int line_ = 1;     // line of the next byte
  int records_ = 0;  // records started so far (RowNumbering::kRecords)
  int previous_ = -1;
  Utf8Validator utf8_;
  std::optional<Error> error_;  // set once a final error happened
  std::vector<std::string> header_;
  int header_row_ = 0;
};

// Formula injection: a text cell that starts with '=', '+', '-', '@', a tab or a CR is run
// as a formula by spreadsheets. AsTextCell() puts an apostrophe before such a cell (Excel
// and LibreOffice show it as text; numbers such as "-5" must not be passed through it);
// WithoutTextMark() removes that apostrophe again when such a file is read back.
bool StartsLikeAFormula(std::string_view cell);
std::string AsTextCell(std::string_view cell);
std::string_view WithoutTextMark(std::string_view cell);

enum class ByteOrderMark { kWrite, kOmit };
enum class LineEnding { kCrLf, kLf };

struct CsvWriteOptions {
  char delimiter = ',';
  ByteOrderMark byte_order_mark = ByteOrderMark::kWrite;
  LineEnding line_ending = LineEnding::kCrLf;
};

class CsvWriter {
 public:
  // Creates (truncates) the file. error.file_unwritable {name} when it cannot be created.
  static Result<std::unique_ptr<CsvWriter>> Create(const std::string& path, const CsvWriteOptions& options = {});
  // Appends to `out` as each row is written; `out` must outlive the writer.
  static std::unique_ptr<CsvWriter> ToString(std::string& out, const CsvWriteOptions& options = {});

  ~CsvWriter();  // closes the file if Close() was not called (errors are then lost)
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // REQUIRES: not closed. A row of no cells, or of one empty cell, is a blank line, which
  // CsvReader skips. Write errors (disk full) are kInternal.
  Status WriteRow(std::span<const std::string> cells);
  Status WriteRow(std::initializer_list<std::string_view> cells);
  // Flushes and closes; a write error is reported here at the latest. Idempotent.
  Status Close();

 private:
  CsvWriter(std::FILE* file, std::string* out, const CsvWriteOptions& options);
  void AppendCell(std::string_view cell);
  Status EndRow();
  Status Flush();

  std::FILE* file_;
  std::string* out_;
  std::string buffer_;
  CsvWriteOptions options_;
  bool first_cell_of_file_ = true;
  bool first_cell_of_row_ = true;
};

}  // namespace hoptac::io

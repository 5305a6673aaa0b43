// Format detection: which reader a file needs, from its first bytes rather than its name
// (users rename files; Excel saves "CSV" with an .xls name and vice versa).
//
// DetectFormat looks at magic numbers: "PK\x03\x04" (or the empty-archive "PK\x05\x06")
// is a zip, taken for XLSX; D0 CF 11 E0 A1 B1 1A E1 is an OLE2 compound file, an .xls
// workbook or a password-protected .xlsx; other binary files (NUL bytes outside a UTF-16
// text, PDF, images, gzip, 7z, RAR) are kUnknown; everything else, the empty file
// included, is taken for CSV text (whose reader then checks the encoding).
//
// OpenTable opens a file (OpenTableFromBytes: an upload in memory) with the matching
// reader; `csv_options` apply when it is CSV. Errors: those of CsvReader::Open or
// XlsxReader::Open, error.xlsx_is_xls for kXls, error.file_format_unknown for kUnknown,
// error.file_unreadable {name} when the file cannot be read (all kInvalidArgument).
//
// Thread-safety: DetectFormat is pure; OpenTable touches only the file it opens.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "io/csv.h"
#include "io/table.h"

namespace hoptac::io {

enum class FileFormat { kCsv, kXlsx, kXls, kUnknown };

// Needs the first 8 bytes (fewer for a shorter file); more are ignored beyond 512.
FileFormat DetectFormat(std::string_view first_bytes);

// "csv", "xlsx", "xls", "unknown".
const char* FileFormatName(FileFormat format);

Result<std::unique_ptr<RowSource>> OpenTable(const std::string& path, const CsvReadOptions& csv_options = {});
Result<std::unique_ptr<RowSource>> OpenTableFromBytes(std::string data, const CsvReadOptions& csv_options = {});

}  // namespace hoptac::io

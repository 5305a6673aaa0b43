// Files in and out: a participant list and activities as CSV or XLSX, read with the one
// tabular reader of src/io and written with io::CsvWriter / io::XlsxStreamWriter.
//
// Columns are matched by their heading in Vietnamese or English, diacritics, case and
// punctuation ignored ("Họ và tên", "HO VA TEN", "name"); the headings an export writes are
// the first Vietnamese names of each column below, so an exported file imports back
// unchanged. Row-number columns ("STT", "TT") and empty headings are ignored; any other
// unknown heading is a warning, never an error. Rows are numbered as the spreadsheet shows
// them (the header is row 1, CSV counted by record). A row whose read cells are all empty is
// skipped.
//
// Participants: Họ và tên|Họ tên|name (required), Giới tính|sex (Nam/Nữ/male/female/M/F),
// Năm sinh|birth_year (a year, or a date whose year is taken), Mã HTX|Mã số đăng ký|entity
// (a registration code or id), Đơn vị|organisation, Chức vụ|position, Điện thoại|phone,
// Email|email.
//
// Activities: Mã|id (read and ignored: each row creates a new activity), Loại|type (the
// Vietnamese name or the code; required), Tên hoạt động|title (required), Trạng thái|status,
// Từ ngày|from (required), Đến ngày|to (dd/mm/yyyy or ISO), Tỉnh|province (code), Xã|commune
// (code), Địa điểm|place, Đơn vị tổ chức|organiser (Trung ương/Tỉnh or the code),
// Chương trình|programmes ("CODE" or "CODE:2,3", several joined by ";"), Số tổ chức tham
// gia|entities (read and ignored: the export's count), Tổng số người|total, Nữ|female,
// Thanh niên|youth, Kết quả|outcomes.
//
// Imports are all or nothing: every row is checked first (by the service's own checks, so
// scope and validation are the service's); with any error nothing is written and the report
// says which row, column and field. A dry run checks and never writes.
//
// Thread-safety: the functions are thread-safe (the service is).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "activities/activity.h"
#include "activities/activity_service.h"
#include "auth/principal.h"
#include "base/result.h"

namespace hoptac::activities {

enum class TableFormat { kCsv, kXlsx };
std::optional<TableFormat> TableFormatFromName(std::string_view name);  // "csv" | "xlsx"
const char* TableFormatName(TableFormat format);
std::string TableContentType(TableFormat format);

// The Vietnamese names a file uses for types, statuses and organisers ("Tập huấn", "Đã tổ
// chức", "Trung ương"); the code itself when it has none.
std::string TypeName(std::string_view type);
std::string StatusName(std::string_view status);
std::string OrganiserName(std::string_view organiser);

// A problem of one row (row 0: the file as a whole), as a message key and its arguments.
struct RowProblem {
  int row = 0;         // as the spreadsheet shows it: the header is row 1
  std::string column;  // the file's own heading; "" when the problem has no column
  std::string field;   // the field: "sex", "birth_year", "from", "programmes" …
  std::string key;
  std::vector<std::string> args;
};

struct ImportReport {
  int rows = 0;  // data rows read (empty rows not counted)
  std::vector<RowProblem> errors, warnings;
  bool applied = false;
};

struct ParticipantsImport {
  ImportReport report;
  std::vector<Participant> items;  // as read (checked: normalised as stored)
  Counts counts;                   // the list's counts for the activity's year
};

// Reads `bytes` (CSV or XLSX, told from its first bytes) as the participant list of activity
// `id`, checks it as SetParticipants does and, unless `dry_run` or any error, replaces the list
// through SetParticipants. Errors (not of rows): "not found" and "read only" as
// CheckParticipants; the file's (io: error.file_not_utf8, error.xlsx_invalid …);
// error.import_no_header, error.activity_file_missing_columns {columns},
// error.import_duplicate_column.
Result<ParticipantsImport> ImportParticipants(ActivityService& service, const auth::Principal& who, int64_t id,
                                              std::string bytes, bool dry_run);

// Writes a participant list with the Vietnamese headings to `path`.
Status WriteParticipants(const ActivityService& service, std::span<const Participant> list, TableFormat format,
                         const std::string& path);

struct ActivitiesImport {
  ImportReport report;
  std::vector<Activity> items;  // created (or, in a dry run or with errors, as checked: id 0)
};

// Reads `bytes` as activities, checks every row with CheckCreate and, unless `dry_run` or any
// error, creates them all through CreateAll (one transaction). Errors (not of rows):
// kPermissionDenied for accounts that may not create; the file's, as ImportParticipants; more
// than kMaxExportRows rows ("field.too_many_items" on "file").
Result<ActivitiesImport> ImportActivities(ActivityService& service, const auth::Principal& who, std::string bytes,
                                          bool dry_run);

// Writes the activities `query` selects (its limit and offset ignored; at most
// kMaxExportRows) that `who` may read, to `path`. Answers the number of rows.
Result<int64_t> WriteActivities(const ActivityService& service, const auth::Principal& who, ActivityQuery query,
                                TableFormat format, const std::string& path);

}  // namespace hoptac::activities

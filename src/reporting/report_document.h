// A report as on paper: the XLSX an official prints, signs and files, laid out like the
// official form, and the reading of such a file back into the report's values.
//
// The sheet (A4 portrait, one page wide):
//   the unit ("LIÊN MINH HỢP TÁC XÃ TỈNH LẠNG SƠN", or the cooperative's name) and the
//   national motto side by side, the place and date; the title (the form's name in
//   capitals) and the period in words ("9 tháng đầu năm 2023");
//   three identification rows, "Mã biểu mẫu / Form:", "Kỳ báo cáo / Period:",
//   "Đơn vị / Unit:", with the form code, the period (2023M01-09) and the unit's code (the
//   province code, or the entity's registration code) in column C;
//   per section a numbered heading ("I. …") and a bordered table STT | Chỉ tiêu | Mã chỉ
//   tiêu | Đơn vị tính | Số liệu | Số liệu theo sổ đăng ký | Ghi chú, one row per field
//   (long texts spread over columns D–G of their row);
//   the signature block (NGƯỜI LẬP BIỂU, THỦ TRƯỞNG ĐƠN VỊ).
// Numbers are numbers (#,##0: Excel shows 5.752 in Vietnamese), a range is "a – b", yes/no
// "Có"/"Không", a date dd/mm/yyyy.
//
// Reading: the rows of the identification block and every row whose column C is a field
// code of the form; column E is the value (empty: not filled), column G the note. The
// registry column is ignored. A file edited in Excel or LibreOffice (values retyped as
// text "5.752", "3,8", dates as dates, "x" for yes) reads the same.
//
// Thread-safety: pure functions (the writer writes only its own file).
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>

#include "auth/principal.h"
#include "base/result.h"
#include "reporting/report.h"
#include "reporting/report_form.h"
#include "reporting/report_service.h"

namespace hoptac::reporting {

// "Năm 2023", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "Quý III năm 2024",
// "Tháng 9 năm 2024", "9 tháng đầu năm 2023", "Từ tháng 2 đến tháng 5 năm 2024".
std::string PeriodInWords(const domain::Period& period);

// Writes the report in the layout above to `path` (a new file).
Status WriteReportXlsx(const ReportForm& form, const Report& report, const UnitLabels& labels, const std::string& path);

// What a report file says.
struct ReportFile {
  std::string form, period, unit;                    // as written in the identification block
  std::map<std::string, boost::json::value> values;  // every field row found (null: empty)
  std::map<std::string, std::string> notes;          // every field row found ("" : none)
};

// Reads a file written by WriteReportXlsx (and edited since). Errors, all kInvalidArgument:
//   error.xlsx_* / error.file_too_large: not a readable workbook (io::XlsxReader);
//   error.report_xlsx_not_a_report: no identification block;
//   error.invalid_request with one field error per bad cell, named by field code:
//     field.report_invalid_type {type}, field.report_unknown_field {code} (a row naming a
//     code the form lacks), field.report_xlsx_twice {code} (a field on two rows).
// Values are not checked against the field's bounds here (PutValues does that).
Result<ReportFile> ReadReportXlsx(const ReportForm& form, std::string bytes);

// Reads `bytes` and saves the values and notes that differ from report `id`'s, through
// ReportService::PutValues (its checks, scope and audit; nothing written on any error).
// error.report_xlsx_mismatch {what, in the file, in the report} (kInvalidArgument) when
// the file is of another form, period or unit. Nothing changed: the report as it is.
Result<ReportView> ImportReportXlsx(ReportService& reports, const auth::Principal& who, int64_t id, std::string bytes);

}  // namespace hoptac::reporting

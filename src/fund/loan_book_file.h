// Reading an existing loan book from a CSV or XLSX file (issue 18, "import of an existing loan
// book"): the parser only — no database. The service resolves the entities, checks the fund's
// rules and scope, and writes everything in one transaction (all or nothing).
//
// The file is ONE table (the first worksheet of an XLSX). Its column `record` says what each row
// is: `loan` (also "khoan_vay", "khoản vay"), `disbursement` ("giai_ngan", "giải ngân") or
// `repayment` ("tra_no", "trả nợ"). Columns, matched by heading in English or Vietnamese, with or
// without diacritics, any case, "_" or spaces ("Mã khoản vay", "ma_khoan_vay", "MA KHOAN VAY"):
//   record (loai_ban_ghi)           required column
//   loan_code (ma_khoan_vay)        required column; the loan's code in the book, on every row
//   entity (ma_don_vi)              loan rows: the registry code, tax code or id, as written
//   approved_on (ngay_phe_duyet)    loan rows
//   amount_vnd (so_tien)            required column; loan rows: the approved amount; other rows: the
//                                   amount disbursed or repaid
//   rate_percent_year (lai_suat)    loan rows: "7.25", "7,25" or "7.25%"
//   term_months (thoi_han_thang)    loan rows
//   grace_months (an_han_thang)     loan rows; empty: 0
//   method (phuong_thuc)            loan rows: equal_principal | equal_instalment | goc_deu | tra_gop_deu
//   frequency (ky_tra)              loan rows: monthly | quarterly | thang | quy
//   first_due_on (ky_dau)           loan rows
//   date (ngay)                     disbursement and repayment rows
//   note (ghi_chu)                  any row; kept with repayments
// Other headings, "STT"/"TT" and empty headings are ignored. Rows may come in any order (a
// repayment may precede its loan's row). Dates: ISO (2026-03-31, also an XLSX date cell) or
// dd/mm/yyyy. Amounts: whole đồng, with or without thousands separators ("1.200.000",
// "1,200,000", "1 200 000", "1200000", an XLSX number), never a fraction (refused with its own
// message, so 1.5 million typed as "1,5" is not read as 15).
//
// Every problem of a row is a RowError naming the row as the spreadsheet shows it (the header is
// row 1) and the column's canonical name; nothing stops at the first one. After the rows are read,
// each loan whose rows are all valid is checked with fund::CheckTerms (errors at its loan row) and
// fund::ComputeLoan as of its latest record date, so e.g. a repayment above what closes the loan
// or a disbursement beyond the approved amount is reported at that record's row.
//
// Errors of the file as a whole (Result's error, kInvalidArgument): those of io::OpenTable
// (error.file_not_utf8, error.xlsx_invalid, error.xlsx_is_xls, error.file_format_unknown …),
// error.import_no_header, error.import_duplicate_column {heading, heading, column},
// error.fund_file_missing_columns {columns}.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "fund/loan.h"

namespace hoptac::fund {

// A disbursement or repayment row.
struct ImportedRecord {
  int row = 0;
  Date date;
  Money amount_vnd = 0;
  std::string note;
};

struct ImportedLoan {
  int row = 0;            // the loan row
  std::string loan_code;  // as written (trimmed)
  std::string entity;     // as written (trimmed): a registration code, a tax code or an id
  Date approved_on;
  Terms terms;
  std::string note;
  std::vector<ImportedRecord> disbursements;  // in file order
  std::vector<ImportedRecord> repayments;     // in file order
};

struct RowError {
  int row = 0;         // 1-based, as the spreadsheet shows it (the header is row 1)
  std::string column;  // canonical: "amount_vnd", "date", "loan_code" …; "" for the row as a whole
  std::string key;     // "field.fund_file_*", "field.fund_*" (CheckTerms, ComputeLoan), "error.row_too_many_cells"
  std::vector<std::string> args;
};

struct ImportedLoanBook {
  std::vector<ImportedLoan> loans;  // every loan row that could be read, in file order
  std::vector<RowError> errors;     // sorted by row
  int rows = 0;                     // data rows read (blank rows not counted)
  int disbursements = 0;            // disbursement rows read without error
  int repayments = 0;               // repayment rows read without error
};

// Reads a loan book from a file's bytes (CSV or XLSX, told from the first bytes).
Result<ImportedLoanBook> ReadLoanBook(std::string bytes);

// The parts of ReadLoanBook, for other readers of the same vocabulary (and the tests).
// An amount of whole đồng: nullopt with `decimal` set when it has a fractional part.
std::optional<Money> ParseAmount(std::string_view text, bool* decimal = nullptr);

}  // namespace hoptac::fund

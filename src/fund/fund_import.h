// The loan-book import (issue 18 item 5): an existing loan book from a CSV or XLSX file
// (loan_book_file.h reads it) written as loans of one fund, all or nothing.
//
// Each loan's `entity` is a registration code, then a tax code, then an id of the registry; it
// must be in the importer's scope and the fund's (a province fund: entities of its province).
// Terms are checked against the fund's rules; a loan code already in the database, or twice in
// the file, is refused. Any row error: nothing is written and the report lists every error.
// Otherwise, unless a dry run, ONE transaction writes for each loan a synthetic application
// (status "approved", purpose "Nhập từ sổ cho vay: <file>", no appraisal — the loans table needs
// one per loan, and the application's list then shows where the loan came from), the loan with
// the book's code and a status from its records on the import day ("approved" nothing
// disbursed, "active", "repaid" closed), its disbursements and repayments, and ONE audit row
// `loan.import` (object "fund", the fund's id; after_json: file name, SHA-256, counts).
//
// Thread-safety: as FundService.
#pragma once

#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "fund/fund_service.h"
#include "fund/loan_book_file.h"

namespace hoptac::fund {

struct LoanImportReport {
  bool dry_run = false;
  bool committed = false;
  int loans = 0, disbursements = 0, repayments = 0;
  std::vector<RowError> errors;  // by row; empty when the file can be (or was) written
};

// Errors (Result's error): the file as a whole (ReadLoanBook's), the fund unknown or out of
// scope (error.fund_not_found), not staff of the fund (error.fund_staff_only).
Result<LoanImportReport> ImportLoanBook(FundService& service, const auth::Principal& who, int64_t fund_id,
                                        std::string bytes, const std::string& file_name, bool dry_run);

}  // namespace hoptac::fund

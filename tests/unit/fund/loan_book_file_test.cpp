// The loan-book file parser (src/fund/loan_book_file.h) over the fixtures of tests/data/fund/:
//   loan_book_bom_crlf.csv        UTF-8 with a byte-order mark, CRLF, Vietnamese headings with
//                                 diacritics, Vietnamese record names, dd/mm/yyyy and "1.200.000"
//   loan_book_plain.csv           LF, headings without diacritics in mixed case, a repayment before
//                                 its loan row, "2,500,000" and "150 000 000", an ignored STT column
//   loan_book_libreoffice.xlsx    written by LibreOffice 7 (`soffice --headless --infilter=CSV:44,34,76,1
//                                 --convert-to xlsx loan_book_libreoffice.source.csv`): numbers and
//                                 date cells as LibreOffice stores them
//   loan_book_errors.csv          one or more errors on most rows, each reported with its row
#include "fund/loan_book_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hoptac::fund {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = fs::path(HOPTAC_SOURCE_DIR) / "tests/data/fund";

std::string Bytes(const std::string& name) {
  std::ifstream in(kFixtures / name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

ImportedLoanBook Read(std::string bytes) {
  Result<ImportedLoanBook> book = ReadLoanBook(std::move(bytes));
  EXPECT_TRUE(book.ok()) << (book.ok() ? "" : book.error().key);
  return book.ok() ? book.value() : ImportedLoanBook{};
}

std::string Describe(const std::vector<RowError>& errors) {
  std::string out;
  for (const RowError& e : errors) {
    out += "row " + std::to_string(e.row) + " " + e.column + " " + e.key + " [";
    for (const std::string& a : e.args) out += a + ";";
    out += "]\n";
  }
  return out;
}

TEST(FundLoanBookFile, ReadsAmountsAsWholeDong) {
  bool decimal = false;
  EXPECT_EQ(ParseAmount("1200000"), 1'200'000);
  EXPECT_EQ(ParseAmount("1.200.000"), 1'200'000);
  EXPECT_EQ(ParseAmount("1,200,000"), 1'200'000);
  EXPECT_EQ(ParseAmount("1 200 000"), 1'200'000);
  EXPECT_EQ(ParseAmount(" 1.200.000 đ "), 1'200'000);
  EXPECT_EQ(ParseAmount("1.200.000 VND"), 1'200'000);
  EXPECT_EQ(ParseAmount("999.999.999.999.999"), 999'999'999'999'999);  // near 10^15, exact
  EXPECT_EQ(ParseAmount("1.200"), 1'200);                              // a thousands group, not 1.2
  EXPECT_EQ(ParseAmount("1,5", &decimal), std::nullopt);
  EXPECT_TRUE(decimal);
  EXPECT_EQ(ParseAmount("1200000.50", &decimal), std::nullopt);
  EXPECT_TRUE(decimal);
  EXPECT_EQ(ParseAmount("1,200,000.00", &decimal), std::nullopt);  // mixed separators: a fraction
  EXPECT_TRUE(decimal);
  EXPECT_EQ(ParseAmount("1.200,000", &decimal), std::nullopt);
  EXPECT_TRUE(decimal);
  EXPECT_EQ(ParseAmount("12.00.000", &decimal), std::nullopt);  // a group of 2: not thousands
  EXPECT_TRUE(decimal);
  EXPECT_EQ(ParseAmount("abc", &decimal), std::nullopt);
  EXPECT_FALSE(decimal);
  EXPECT_EQ(ParseAmount("-5", &decimal), std::nullopt);
  EXPECT_FALSE(decimal);
  EXPECT_EQ(ParseAmount(""), std::nullopt);
  EXPECT_EQ(ParseAmount("1234567890123456789"), std::nullopt);  // 19 digits: beyond int64 safety
}

TEST(FundLoanBookFile, CsvWithByteOrderMarkAndCrLf) {
  ImportedLoanBook book = Read(Bytes("loan_book_bom_crlf.csv"));
  EXPECT_TRUE(book.errors.empty()) << Describe(book.errors);
  EXPECT_EQ(book.rows, 6);  // the blank line is not a row
  EXPECT_EQ(book.disbursements, 3);
  EXPECT_EQ(book.repayments, 1);
  ASSERT_EQ(book.loans.size(), 2u);

  const ImportedLoan& a = book.loans[0];
  EXPECT_EQ(a.row, 2);
  EXPECT_EQ(a.loan_code, "KV-001");
  EXPECT_EQ(a.entity, "0101234567");
  EXPECT_EQ(a.approved_on, D(2026, 1, 5));
  EXPECT_EQ(a.terms.amount_vnd, 1'200'000'000);
  EXPECT_EQ(a.terms.rate_e4, 72'500);  // "7,25"
  EXPECT_EQ(a.terms.term_months, 24);
  EXPECT_EQ(a.terms.grace_months, 3);
  EXPECT_EQ(a.terms.method, Method::kEqualPrincipal);  // "gốc đều"
  EXPECT_EQ(a.terms.frequency, Frequency::kMonthly);   // "tháng"
  EXPECT_EQ(a.terms.first_due_on, D(2026, 2, 10));
  EXPECT_EQ(a.note, "Vay mua máy sấy");
  ASSERT_EQ(a.disbursements.size(), 1u);
  EXPECT_EQ(a.disbursements[0].row, 3);
  EXPECT_EQ(a.disbursements[0].date, D(2026, 1, 10));
  EXPECT_EQ(a.disbursements[0].amount_vnd, 1'200'000'000);
  ASSERT_EQ(a.repayments.size(), 1u);
  EXPECT_EQ(a.repayments[0].row, 4);
  EXPECT_EQ(a.repayments[0].date, D(2026, 2, 10));
  EXPECT_EQ(a.repayments[0].amount_vnd, 7'000'000);
  EXPECT_EQ(a.repayments[0].note, "Kỳ 1, trả một phần");

  const ImportedLoan& b = book.loans[1];
  EXPECT_EQ(b.row, 6);  // row 5 is the blank line: rows are numbered as the spreadsheet shows them
  EXPECT_EQ(b.loan_code, "KV-002");
  EXPECT_EQ(b.entity, "HTX-42");
  EXPECT_EQ(b.approved_on, D(2026, 2, 1));
  EXPECT_EQ(b.terms.amount_vnd, 500'000'000);
  EXPECT_EQ(b.terms.rate_e4, 65'000);  // "6.5%"
  EXPECT_EQ(b.terms.term_months, 12);
  EXPECT_EQ(b.terms.grace_months, 0);
  EXPECT_EQ(b.terms.method, Method::kEqualInstalment);  // "trả góp đều"
  EXPECT_EQ(b.terms.frequency, Frequency::kQuarterly);  // "quý"
  EXPECT_EQ(b.terms.first_due_on, D(2026, 3, 31));
  ASSERT_EQ(b.disbursements.size(), 2u);
  EXPECT_EQ(b.disbursements[0].row, 7);
  EXPECT_EQ(b.disbursements[0].amount_vnd, 300'000'000);
  EXPECT_EQ(b.disbursements[0].note, "Đợt 1");
  EXPECT_EQ(b.disbursements[1].row, 8);
  EXPECT_EQ(b.disbursements[1].date, D(2026, 3, 1));
  EXPECT_EQ(b.disbursements[1].amount_vnd, 200'000'000);
  EXPECT_TRUE(b.repayments.empty());
}

TEST(FundLoanBookFile, CsvWithHeadingsWithoutDiacritics) {
  ImportedLoanBook book = Read(Bytes("loan_book_plain.csv"));
  EXPECT_TRUE(book.errors.empty()) << Describe(book.errors);
  ASSERT_EQ(book.loans.size(), 2u);
  const ImportedLoan& a = book.loans[0];
  EXPECT_EQ(a.row, 3);
  EXPECT_EQ(a.loan_code, "B-7");
  EXPECT_EQ(a.entity, "123");
  EXPECT_EQ(a.terms.amount_vnd, 150'000'000);  // "150,000,000"
  EXPECT_EQ(a.terms.rate_e4, 80'000);
  EXPECT_EQ(a.terms.term_months, 36);
  EXPECT_EQ(a.terms.grace_months, 6);
  EXPECT_EQ(a.terms.method, Method::kEqualPrincipal);  // goc_deu
  EXPECT_EQ(a.terms.frequency, Frequency::kMonthly);   // thang
  ASSERT_EQ(a.disbursements.size(), 1u);
  EXPECT_EQ(a.disbursements[0].amount_vnd, 150'000'000);  // "150 000 000"
  EXPECT_EQ(a.disbursements[0].date, D(2026, 4, 20));
  ASSERT_EQ(a.repayments.size(), 1u);  // on row 2, before its loan's row
  EXPECT_EQ(a.repayments[0].row, 2);
  EXPECT_EQ(a.repayments[0].amount_vnd, 2'500'000);
  const ImportedLoan& b = book.loans[1];
  EXPECT_EQ(b.loan_code, "B-8");  // record "Khoan Vay"
  EXPECT_EQ(b.terms.method, Method::kEqualInstalment);
  EXPECT_EQ(b.terms.term_months, 6);
  EXPECT_TRUE(b.disbursements.empty());
}

TEST(FundLoanBookFile, XlsxWrittenByLibreOffice) {
  ImportedLoanBook book = Read(Bytes("loan_book_libreoffice.xlsx"));
  EXPECT_TRUE(book.errors.empty()) << Describe(book.errors);
  ASSERT_EQ(book.loans.size(), 1u);
  const ImportedLoan& a = book.loans[0];
  EXPECT_EQ(a.row, 2);
  EXPECT_EQ(a.loan_code, "X-1");
  EXPECT_EQ(a.entity, "HTX-9");
  EXPECT_EQ(a.approved_on, D(2026, 1, 5));     // a date cell
  EXPECT_EQ(a.terms.amount_vnd, 250'000'000);  // a number cell
  EXPECT_EQ(a.terms.rate_e4, 75'000);
  EXPECT_EQ(a.terms.term_months, 12);
  EXPECT_EQ(a.terms.frequency, Frequency::kQuarterly);
  EXPECT_EQ(a.terms.first_due_on, D(2026, 4, 5));
  ASSERT_EQ(a.disbursements.size(), 1u);
  EXPECT_EQ(a.disbursements[0].date, D(2026, 1, 6));
  ASSERT_EQ(a.repayments.size(), 2u);
  EXPECT_EQ(a.repayments[0].row, 4);
  EXPECT_EQ(a.repayments[0].amount_vnd, 5'000'000);
  EXPECT_EQ(a.repayments[1].row, 5);
  EXPECT_EQ(a.repayments[1].date, D(2026, 7, 5));
  EXPECT_EQ(a.repayments[1].note, "second");
}

TEST(FundLoanBookFile, EveryErrorIsReportedWithItsRow) {
  ImportedLoanBook book = Read(Bytes("loan_book_errors.csv"));
  const std::vector<RowError>& e = book.errors;
  SCOPED_TRACE(Describe(e));
  auto find = [&e](int row, std::string_view column) -> const RowError* {
    for (const RowError& x : e)
      if (x.row == row && x.column == column) return &x;
    return nullptr;
  };
  auto expect = [&](int row, std::string_view column, std::string_view key, std::vector<std::string> args) {
    const RowError* x = find(row, column);
    ASSERT_NE(x, nullptr) << "row " << row << " " << column;
    EXPECT_EQ(x->key, key) << "row " << row << " " << column;
    if (!args.empty()) {
      EXPECT_EQ(x->args, args) << "row " << row << " " << column;
    }
  };
  // Row 4: 500 M repaid on a 100 M loan, more than closes it on 10/02 (ComputeLoan's error): the
  // 100 M and the first line's interest, 100 000 000 × 7 % × 31 / 365 = 594 520.5 → 594 521.
  expect(4, "amount_vnd", "field.fund_repayment_above_to_close", {"100594521", "2026-02-10", "500000000"});
  // Row 5: E-1 again.
  expect(5, "loan_code", "field.fund_file_duplicate_loan", {"E-1", "2"});
  // Row 6: a repayment of a loan the file does not have.
  expect(6, "loan_code", "field.fund_file_unknown_loan", {"E-9"});
  // Row 7: four problems at once.
  expect(7, "approved_on", "field.fund_file_date", {"31/02/2026"});
  expect(7, "amount_vnd", "field.fund_file_amount_decimal", {"1,5"});
  expect(7, "rate_percent_year", "field.fund_file_rate", {"abc"});
  expect(7, "frequency", "field.fund_file_frequency", {"hang tuan"});
  // Row 8: not a record type (and E-2's row had errors, so it is not checked further).
  expect(8, "record", "field.fund_file_record", {"mystery"});
  // Row 9: disbursed on 01/01, before E-3 was approved on 05/01.
  expect(9, "date", "field.fund_file_before_approval", {"2026-01-01", "2026-01-05", "E-3"});
  // Row 11: a 7-month term paid quarterly (CheckTerms).
  expect(11, "term_months", "field.fund_term_months", {"3", "600"});
  // Row 14: the second tranche takes E-5 beyond its approved 10 M (ComputeLoan).
  // (args: what would be disbursed, the approved amount, what is left to disburse).
  expect(14, "amount_vnd", "field.fund_disbursement_above_approved", {"12000000", "10000000", "4000000"});
  // Row 15: the loan row lacks its entity, amount and first due date.
  expect(15, "entity", "field.fund_file_required", {"ma_don_vi", "entity"});
  expect(15, "amount_vnd", "field.fund_file_required", {"so_tien", "amount_vnd"});
  expect(15, "first_due_on", "field.fund_file_required", {"ky_dau", "first_due_on"});
  // Row 16: a negative amount.
  expect(16, "amount_vnd", "field.fund_file_amount", {"-5"});
  // Rows 2, 3, 10, 12, 13 are right; nothing else is reported.
  for (int fine : {2, 3, 10, 12, 13}) {
    for (const RowError& x : e) EXPECT_NE(x.row, fine) << x.key;
  }
  EXPECT_EQ(e.size(), 15u);
  for (size_t i = 1; i < e.size(); ++i) EXPECT_LE(e[i - 1].row, e[i].row);  // sorted by row
}

TEST(FundLoanBookFile, SemicolonSeparatedAsAVietnameseExcelSavesIt) {
  ImportedLoanBook book = Read(
      "Loại bản ghi;Mã khoản vay;Mã đơn vị;Ngày phê duyệt;Số tiền;Lãi suất;Thời hạn (tháng);Phương thức;Kỳ trả;"
      "Kỳ đầu;Ngày\r\n"
      "Khoản vay;S-1;HTX-1;02/03/2026;2.000.000.000;8,5;12;Trả góp đều;Quý;02/06/2026;\r\n"
      "Giải ngân;S-1;;;2.000.000.000;;;;;;05/03/2026\r\n");
  EXPECT_TRUE(book.errors.empty()) << Describe(book.errors);
  ASSERT_EQ(book.loans.size(), 1u);
  EXPECT_EQ(book.loans[0].terms.amount_vnd, 2'000'000'000);
  EXPECT_EQ(book.loans[0].terms.rate_e4, 85'000);
  EXPECT_EQ(book.loans[0].terms.grace_months, 0);  // no such column: none
  EXPECT_EQ(book.loans[0].terms.method, Method::kEqualInstalment);
  EXPECT_EQ(book.loans[0].terms.frequency, Frequency::kQuarterly);
  ASSERT_EQ(book.loans[0].disbursements.size(), 1u);
  EXPECT_EQ(book.loans[0].disbursements[0].date, D(2026, 3, 5));
}

TEST(FundLoanBookFile, ProblemsOfTheFileAsAWhole) {
  Result<ImportedLoanBook> none = ReadLoanBook("");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().key, "error.import_no_header");

  Result<ImportedLoanBook> missing = ReadLoanBook("record,entity\nloan,HTX-1\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "error.fund_file_missing_columns");
  EXPECT_EQ(missing.error().args, (std::vector<std::string>{"loan_code (ma_khoan_vay), amount_vnd (so_tien)"}));

  Result<ImportedLoanBook> twice = ReadLoanBook("record,loan_code,so_tien,amount_vnd\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().key, "error.import_duplicate_column");
  EXPECT_EQ(twice.error().args, (std::vector<std::string>{"so_tien", "amount_vnd", "amount_vnd"}));

  Result<ImportedLoanBook> latin1 = ReadLoanBook("record,loan_code,amount_vnd\nkho\xe1n vay,A,1\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.error().key, "error.file_not_utf8");

  // A header and nothing else: an empty book, no error.
  ImportedLoanBook empty = Read("record,loan_code,amount_vnd\r\n");
  EXPECT_TRUE(empty.loans.empty());
  EXPECT_TRUE(empty.errors.empty());
  EXPECT_EQ(empty.rows, 0);
}

TEST(FundLoanBookFile, ARowWithMoreCellsThanTheHeaderIsARowError) {
  ImportedLoanBook book = Read("record,loan_code,amount_vnd\nloan,A,1,extra\n");
  ASSERT_EQ(book.errors.size(), 1u);
  EXPECT_EQ(book.errors[0].row, 2);
  EXPECT_EQ(book.errors[0].key, "error.row_too_many_cells");
}

// A rate cell formatted as a percentage (7.25 %) reaches the file as 0.0725: refused, naming 7.25,
// not read as 0.0725 % a year. 0 (interest-free) and 0.5 % stay valid.
TEST(FundLoanBookFile, ARateStoredAsAFractionOfOneIsRefusedWithTheMeantPercentage) {
  const std::string head =
      "record,loan_code,entity,approved_on,amount_vnd,rate_percent_year,term_months,method,frequency,"
      "first_due_on,date\n";
  ImportedLoanBook book =
      Read(head + "loan,P-1,HTX-1,02/03/2026,1000000,0.0725,12,equal_principal,monthly,02/04/2026,\n");
  ASSERT_EQ(book.errors.size(), 1u) << Describe(book.errors);
  EXPECT_EQ(book.errors[0].row, 2);
  EXPECT_EQ(book.errors[0].column, "rate_percent_year");
  EXPECT_EQ(book.errors[0].key, "field.fund_file_rate_fraction");
  EXPECT_EQ(book.errors[0].args, (std::vector<std::string>{"0.0725", "7.25"}));
  for (const char* ok : {"0", "0.5", "7.25"}) {
    ImportedLoanBook fine =
        Read(head + "loan,P-1,HTX-1,02/03/2026,1000000," + ok + ",12,equal_principal,monthly,02/04/2026,\n");
    EXPECT_TRUE(fine.errors.empty()) << ok << ": " << Describe(fine.errors);
  }
}

}  // namespace
}  // namespace hoptac::fund

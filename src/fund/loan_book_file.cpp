#include "fund/loan_book_file.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <span>

#include "io/csv.h"
#include "io/format_detect.h"
#include "text/fold.h"

namespace hoptac::fund {

namespace {

// Headings and words are compared folded and joined by single spaces: "Mã khoản vay",
// "ma_khoan_vay" and "MA KHOAN VAY" are one.
std::string Key(std::string_view text) {
  std::string out;
  for (const std::string& w : text::FoldedWords(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n\v\f";
  size_t a = s.find_first_not_of(kSpace);
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(kSpace);
  return s.substr(a, b - a + 1);
}

// The columns, canonical name first, then the other names accepted (the first Vietnamese one is
// the heading named in messages).
struct ColumnSpec {
  std::string_view field;
  std::vector<std::string_view> names;
};

const std::vector<ColumnSpec>& Columns() {
  static const std::vector<ColumnSpec> columns = {
      {"record", {"record", "loai_ban_ghi", "loại bản ghi", "loai", "record type"}},
      {"loan_code", {"loan_code", "ma_khoan_vay", "mã khoản vay", "loan"}},
      {"entity", {"entity", "ma_don_vi", "mã đơn vị", "mã htx", "don_vi"}},
      {"approved_on", {"approved_on", "ngay_phe_duyet", "ngày phê duyệt", "approved"}},
      {"amount_vnd", {"amount_vnd", "so_tien", "số tiền", "so_tien_vnd", "amount"}},
      {"rate_percent_year", {"rate_percent_year", "lai_suat", "lãi suất", "lai_suat_nam", "rate"}},
      {"term_months", {"term_months", "thoi_han_thang", "thời hạn tháng", "thoi_han", "term"}},
      {"grace_months", {"grace_months", "an_han_thang", "ân hạn tháng", "an_han", "grace"}},
      {"method", {"method", "phuong_thuc", "phương thức", "phuong_thuc_tra_no"}},
      {"frequency", {"frequency", "ky_tra", "kỳ trả", "ky_tra_no"}},
      {"first_due_on", {"first_due_on", "ky_dau", "kỳ đầu", "ngay_tra_dau", "ngày trả đầu"}},
      {"date", {"date", "ngay", "ngày"}},
      {"note", {"note", "ghi_chu", "ghi chú"}},
  };
  return columns;
}

std::string_view VietnameseHeading(std::string_view field) {
  for (const ColumnSpec& c : Columns())
    if (c.field == field) return c.names[1];
  return field;
}

struct ColumnMap {
  std::vector<int> cell_of;  // per spec: the header cell, or -1

  int Cell(std::string_view field) const {
    const auto& specs = Columns();
    for (size_t i = 0; i < specs.size(); ++i)
      if (specs[i].field == field) return cell_of[i];
    return -1;
  }
  std::string_view Value(const std::vector<std::string>& cells, std::string_view field) const {
    int cell = Cell(field);
    return cell < 0 ? std::string_view() : Trim(io::WithoutTextMark(cells[static_cast<size_t>(cell)]));
  }
  bool Empty(const std::vector<std::string>& cells) const {
    for (int cell : cell_of)
      if (cell >= 0 && !Trim(cells[static_cast<size_t>(cell)]).empty()) return false;
    return true;
  }
};

Result<ColumnMap> MapColumns(const std::vector<std::string>& header) {
  if (header.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.import_no_header");
  const auto& specs = Columns();
  ColumnMap map;
  map.cell_of.assign(specs.size(), -1);
  for (size_t cell = 0; cell < header.size(); ++cell) {
    const std::string key = Key(io::WithoutTextMark(header[cell]));
    if (key.empty()) continue;
    for (size_t i = 0; i < specs.size(); ++i) {
      bool match = false;
      for (std::string_view name : specs[i].names) match = match || Key(name) == key;
      if (!match) continue;
      int& slot = map.cell_of[i];
      if (slot >= 0)
        return Error::Make(ErrorCode::kInvalidArgument, "error.import_duplicate_column",
                           {header[static_cast<size_t>(slot)], header[cell], std::string(specs[i].field)});
      slot = static_cast<int>(cell);
      break;
    }
  }
  std::string missing;
  for (std::string_view field : {"record", "loan_code", "amount_vnd"})
    if (map.Cell(field) < 0) {
      if (!missing.empty()) missing += ", ";
      missing += std::string(field) + " (" + std::string(VietnameseHeading(field)) + ")";
    }
  if (!missing.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.fund_file_missing_columns", {missing});
  return map;
}

enum class RecordKind { kLoan, kDisbursement, kRepayment };

std::optional<RecordKind> ParseRecord(std::string_view text) {
  const std::string key = Key(text);
  if (key == "loan" || key == "khoan vay") return RecordKind::kLoan;
  if (key == "disbursement" || key == "giai ngan") return RecordKind::kDisbursement;
  if (key == "repayment" || key == "tra no") return RecordKind::kRepayment;
  return std::nullopt;
}

std::optional<Method> ParseMethodCell(std::string_view text) {
  const std::string key = Key(text);
  if (key == "equal principal" || key == "goc deu") return Method::kEqualPrincipal;
  if (key == "equal instalment" || key == "equal installment" || key == "tra gop deu") return Method::kEqualInstalment;
  return std::nullopt;
}

std::optional<Frequency> ParseFrequencyCell(std::string_view text) {
  const std::string key = Key(text);
  if (key == "monthly" || key == "thang" || key == "hang thang") return Frequency::kMonthly;
  if (key == "quarterly" || key == "quy" || key == "hang quy") return Frequency::kQuarterly;
  return std::nullopt;
}

std::optional<Date> ParseDateCell(std::string_view text) {
  if (auto d = Date::ParseDayMonthYear(text)) return d;
  // An XLSX date cell reads as ISO; a date-time cell at midnight as "YYYY-MM-DD 00:00:00".
  if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T') &&
      (text.substr(11) == "00:00:00" || text.substr(11) == "00:00"))
    text = text.substr(0, 10);
  return Date::ParseIso(text);
}

std::optional<int> ParseInt(std::string_view text) {
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);  // a spreadsheet's number
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseRateCell(std::string_view text) {
  if (!text.empty() && text.back() == '%') text = Trim(text.substr(0, text.size() - 1));
  std::string s(text);
  if (s.find('.') == std::string::npos) std::replace(s.begin(), s.end(), ',', '.');  // "7,25": a Vietnamese decimal
  return ParseRatePercent(s);
}

// The row a reader's row error names (its first argument).
int RowOf(const Error& e) {
  if (e.args.empty()) return 0;
  int row = 0;
  std::from_chars(e.args[0].data(), e.args[0].data() + e.args[0].size(), row);
  return row;
}

struct PendingRecord {
  RecordKind kind;
  std::string loan_code;
  ImportedRecord record;
};

// One loan as it is being read: its index in the book (-1: its row had errors) and whether any
// of its rows had errors (then the arithmetic is not checked: it would only repeat them).
struct LoanEntry {
  int first_row = 0;
  int index = -1;
  bool faulty = false;
};

// The culprit of a ComputeLoan failure: the records in date order (disbursements before
// repayments of the same day, then file order) are added one by one; the first whose addition
// fails is the row reported. ComputeLoan's error names the record by its place in the spans it was
// given; replaying is independent of that naming and of the order rows came in the file.
void CheckArithmetic(const ImportedLoan& loan, std::vector<RowError>& errors) {
  struct Item {
    const ImportedRecord* record;
    bool repayment;
  };
  std::vector<Item> items;
  for (const ImportedRecord& d : loan.disbursements) items.push_back({&d, false});
  for (const ImportedRecord& r : loan.repayments) items.push_back({&r, true});
  if (items.empty()) return;
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.record->date != b.record->date) return a.record->date < b.record->date;
    return a.repayment < b.repayment;
  });
  auto compute = [&loan, &items](size_t count) {
    std::vector<Disbursement> disbursements;
    std::vector<Repayment> repayments;
    Date as_of = items[0].record->date;
    for (size_t i = 0; i < count; ++i) {
      const ImportedRecord& r = *items[i].record;
      as_of = std::max(as_of, r.date);
      if (items[i].repayment)
        repayments.push_back({r.row, r.date, r.amount_vnd});
      else
        disbursements.push_back({r.date, r.amount_vnd});
    }
    return ComputeLoan(loan.terms, disbursements, repayments, {}, as_of);
  };
  if (compute(items.size()).ok()) return;
  for (size_t count = 1; count <= items.size(); ++count) {
    Result<LoanState> state = compute(count);
    if (state.ok()) continue;
    const Error& e = state.error();
    const ImportedRecord& culprit = *items[count - 1].record;
    if (e.fields.empty()) {
      errors.push_back({culprit.row, "amount_vnd", e.key, e.args});
      return;
    }
    for (const FieldError& f : e.fields) {
      std::string_view name = f.field;
      std::string column = name.ends_with("date") || name.ends_with("on") ? "date" : "amount_vnd";
      errors.push_back({culprit.row, column, f.key, f.args});
    }
    return;
  }
  // Every prefix passes but the whole does not (cannot happen as the rules read): the loan row.
  Result<LoanState> whole = compute(items.size());
  const Error& e = whole.error();
  if (e.fields.empty()) errors.push_back({loan.row, "", e.key, e.args});
  for (const FieldError& f : e.fields) errors.push_back({loan.row, "", f.key, f.args});
}

}  // namespace

std::optional<Money> ParseAmount(std::string_view text, bool* decimal) {
  if (decimal) *decimal = false;
  text = Trim(text);
  // A unit written after the number: "1.200.000 đ", "1.200.000 VND", "1.200.000 đồng".
  for (std::string_view unit : {"đồng", "đ", "VND", "vnd", "VNĐ"})
    if (text.size() > unit.size() && text.ends_with(unit)) {
      text = Trim(text.substr(0, text.size() - unit.size()));
      break;
    }
  if (text.empty()) return std::nullopt;
  // Groups separated by one kind of separator ('.', ',' or a space): the first of 1–3 digits,
  // every other of exactly 3. Anything else with a '.' or ',' is a fraction (refused as such).
  char separator = 0;
  std::string digits;
  size_t group = 0;
  bool first_group = true, grouped = true;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
      continue;
    }
    if (c != '.' && c != ',' && c != ' ') return std::nullopt;
    if (separator && c != separator) grouped = false;
    separator = c;
    if (group == 0 || (first_group ? group > 3 : group != 3)) grouped = false;
    first_group = false;
    group = 0;
  }
  if (separator && group != 3) grouped = false;
  if (!grouped) {
    if (decimal && text.find_first_of(".,") != std::string_view::npos) *decimal = true;
    return std::nullopt;
  }
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  Money v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

Result<ImportedLoanBook> ReadLoanBook(std::string bytes) {
  io::CsvReadOptions options;
  options.numbering = io::RowNumbering::kRecords;  // rows as the spreadsheet shows them
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<io::RowSource> source, io::OpenTableFromBytes(std::move(bytes), options));
  HOPTAC_ASSIGN_OR_RETURN(ColumnMap map, MapColumns(source->header()));

  ImportedLoanBook book;
  std::vector<RowError>& errors = book.errors;
  std::map<std::string, LoanEntry, std::less<>> loans;
  std::vector<PendingRecord> pending;
  std::vector<std::string> cells;
  int row = 0;
  while (true) {
    Result<bool> next = source->Next(cells, row);
    if (!next.ok()) {
      if (!io::IsRowError(next.error())) return std::move(next).error();
      ++book.rows;
      errors.push_back({RowOf(next.error()), "", next.error().key, next.error().args});
      continue;
    }
    if (!*next) break;
    if (map.Empty(cells)) continue;
    ++book.rows;
    const size_t errors_before = errors.size();
    auto value = [&](std::string_view field) { return map.Value(cells, field); };
    auto fail = [&](std::string_view field, std::string key, std::vector<std::string> args) {
      errors.push_back({row, std::string(field), std::move(key), std::move(args)});
    };
    auto required = [&](std::string_view field) {
      std::string_view v = value(field);
      if (v.empty())
        fail(field, "field.fund_file_required", {std::string(VietnameseHeading(field)), std::string(field)});
      return v;
    };
    auto date = [&](std::string_view field) -> Date {
      std::string_view v = required(field);
      if (v.empty()) return Date();
      std::optional<Date> d = ParseDateCell(v);
      if (!d) fail(field, "field.fund_file_date", {std::string(v)});
      return d.value_or(Date());
    };
    auto amount = [&]() -> Money {
      std::string_view v = required("amount_vnd");
      if (v.empty()) return 0;
      bool decimal = false;
      std::optional<Money> m = ParseAmount(v, &decimal);
      if (!m)
        fail("amount_vnd", decimal ? "field.fund_file_amount_decimal" : "field.fund_file_amount", {std::string(v)});
      else if (*m <= 0)
        fail("amount_vnd", "field.fund_file_amount", {std::string(v)});
      return m.value_or(0);
    };
    auto integer = [&](std::string_view field, bool needed) -> int {
      std::string_view v = needed ? required(field) : value(field);
      if (v.empty()) return 0;
      std::optional<int> i = ParseInt(v);
      if (!i || *i < 0) fail(field, "field.fund_file_integer", {std::string(v)});
      return i.value_or(0);
    };

    std::string_view record_text = required("record");
    std::optional<RecordKind> kind;
    if (!record_text.empty()) {
      kind = ParseRecord(record_text);
      if (!kind) fail("record", "field.fund_file_record", {std::string(record_text)});
    }
    const std::string code(required("loan_code"));
    if (!kind) {
      if (!code.empty()) loans[code].faulty = true;  // its arithmetic would miss this row
      continue;
    }
    if (*kind == RecordKind::kLoan) {
      ImportedLoan loan;
      loan.row = row;
      loan.loan_code = code;
      loan.entity = std::string(required("entity"));
      loan.approved_on = date("approved_on");
      loan.terms.amount_vnd = amount();
      std::string_view rate = required("rate_percent_year");
      if (!rate.empty()) {
        std::optional<int64_t> r = ParseRateCell(rate);
        if (!r) fail("rate_percent_year", "field.fund_file_rate", {std::string(rate)});
        // A cell formatted as a percentage in Excel or LibreOffice (7.25 %) is stored as the fraction
        // 0.0725: read as percent it would be 0.0725 % a year, silently. No fund lends below 0.5 % a
        // year but at 0 %, so such a rate is refused with the reading it most likely meant.
        if (r && *r > 0 && *r < 5'000)
          fail("rate_percent_year", "field.fund_file_rate_fraction", {std::string(rate), FormatRatePercent(*r * 100)});
        loan.terms.rate_e4 = r.value_or(0);
      }
      loan.terms.term_months = integer("term_months", true);
      loan.terms.grace_months = integer("grace_months", false);
      std::string_view method = required("method");
      if (!method.empty()) {
        std::optional<Method> m = ParseMethodCell(method);
        if (!m) fail("method", "field.fund_file_method", {std::string(method)});
        loan.terms.method = m.value_or(Method::kEqualPrincipal);
      }
      std::string_view frequency = required("frequency");
      if (!frequency.empty()) {
        std::optional<Frequency> f = ParseFrequencyCell(frequency);
        if (!f) fail("frequency", "field.fund_file_frequency", {std::string(frequency)});
        loan.terms.frequency = f.value_or(Frequency::kMonthly);
      }
      loan.terms.first_due_on = date("first_due_on");
      loan.note = std::string(value("note"));
      if (code.empty()) continue;
      LoanEntry& entry = loans[code];
      if (entry.first_row != 0) {
        fail("loan_code", "field.fund_file_duplicate_loan", {code, std::to_string(entry.first_row)});
        continue;
      }
      entry.first_row = row;
      if (errors.size() != errors_before) {
        entry.faulty = true;
        continue;
      }
      entry.index = static_cast<int>(book.loans.size());
      book.loans.push_back(std::move(loan));
    } else {
      PendingRecord p{*kind, code, {}};
      p.record.row = row;
      p.record.date = date("date");
      p.record.amount_vnd = amount();
      p.record.note = std::string(value("note"));
      if (code.empty()) continue;
      if (errors.size() != errors_before) {
        loans[code].faulty = true;
        continue;
      }
      pending.push_back(std::move(p));
    }
  }

  // The records, attached to their loans once every loan row is known.
  for (PendingRecord& p : pending) {
    auto it = loans.find(p.loan_code);
    if (it == loans.end() || it->second.first_row == 0) {
      errors.push_back({p.record.row, "loan_code", "field.fund_file_unknown_loan", {p.loan_code}});
      continue;
    }
    if (it->second.index < 0) continue;  // the loan row had errors
    ImportedLoan& loan = book.loans[static_cast<size_t>(it->second.index)];
    if (p.kind == RecordKind::kDisbursement && p.record.date < loan.approved_on) {
      errors.push_back({p.record.row,
                        "date",
                        "field.fund_file_before_approval",
                        {p.record.date.ToIso(), loan.approved_on.ToIso(), loan.loan_code}});
      it->second.faulty = true;
      continue;
    }
    if (p.kind == RecordKind::kDisbursement) {
      loan.disbursements.push_back(std::move(p.record));
      ++book.disbursements;
    } else {
      loan.repayments.push_back(std::move(p.record));
      ++book.repayments;
    }
  }

  // The arithmetic of every loan whose rows are all readable.
  for (const auto& [code, entry] : loans) {
    if (entry.index < 0 || entry.faulty) continue;
    const ImportedLoan& loan = book.loans[static_cast<size_t>(entry.index)];
    std::vector<FieldError> terms = CheckTerms(loan.terms);
    if (!terms.empty()) {
      for (const FieldError& f : terms) errors.push_back({loan.row, f.field, f.key, f.args});
      continue;
    }
    CheckArithmetic(loan, errors);
  }

  std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.row < b.row; });
  return book;
}

}  // namespace hoptac::fund

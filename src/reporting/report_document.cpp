#include "reporting/report_document.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <vector>

#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "text/fold.h"
#include "text/format.h"
#include "text/normalize.h"

namespace hoptac::reporting {
namespace {

namespace json = boost::json;
using io::XlsxStyle;
using io::XlsxStyledCell;

constexpr size_t kColumns = 7;  // A STT … G Ghi chú
// Characters per line of columns D–G (a long text's cell) at the widths below.
constexpr double kLongTextWidth = 62;
constexpr const char* kFormLabel = "Mã biểu mẫu / Form:";
constexpr const char* kPeriodLabel = "Kỳ báo cáo / Period:";
constexpr const char* kUnitLabel = "Đơn vị / Unit:";

// The styles, in XlsxStreamOptions::styles order (1-based in cells).
enum Style : int {
  kPlain = 0,
  kHeadBold = 1,   // unit and motto: bold, centred
  kMotto,          // bold, underlined, centred
  kItalicCentre,   // place and date, period
  kTitle,          // the form's name
  kLabel,          // identification labels
  kCode,           // identification values
  kSection,        // "I. …"
  kTableHead,      // bordered, bold, centred, wrapped
  kCellCentre,     // bordered, centred
  kCellText,       // bordered, wrapped, top
  kCellNumber,     // bordered, #,##0
  kCellDecimal,    // bordered, #,##0.0#
  kCellLongText,   // bordered, wrapped, top-left
  kCellMuted,      // bordered, italic (registry values in words)
  kSignature,      // bold, centred
  kSignatureHint,  // italic, centred
  kFootnote,       // italic, small
};

std::vector<XlsxStyle> Styles() {
  auto make = [](auto&& set) {
    XlsxStyle s;
    set(s);
    return s;
  };
  using A = XlsxStyle::Align;
  return {
      make([](XlsxStyle& s) { s.bold = true, s.align = A::kCenter; }),
      make([](XlsxStyle& s) { s.bold = true, s.underline = true, s.align = A::kCenter; }),
      make([](XlsxStyle& s) { s.italic = true, s.align = A::kCenter; }),
      make([](XlsxStyle& s) { s.bold = true, s.font_size = 14, s.align = A::kCenter, s.wrap = true; }),
      make([](XlsxStyle& s) { s.italic = true; }),
      make([](XlsxStyle& s) { s.bold = true, s.align = A::kLeft; }),
      make([](XlsxStyle& s) { s.bold = true; }),
      make([](XlsxStyle& s) { s.bold = true, s.border = true, s.align = A::kCenter, s.wrap = true; }),
      make([](XlsxStyle& s) { s.border = true, s.align = A::kCenter, s.wrap = true; }),
      make([](XlsxStyle& s) { s.border = true, s.wrap = true; }),
      make([](XlsxStyle& s) { s.border = true, s.number_format = "#,##0"; }),
      make([](XlsxStyle& s) { s.border = true, s.number_format = "#,##0.0#"; }),
      make([](XlsxStyle& s) { s.border = true, s.wrap = true, s.top = true, s.align = A::kLeft; }),
      make([](XlsxStyle& s) { s.border = true, s.italic = true, s.align = A::kRight; }),
      make([](XlsxStyle& s) { s.bold = true, s.align = A::kCenter; }),
      make([](XlsxStyle& s) { s.italic = true, s.align = A::kCenter; }),
      make([](XlsxStyle& s) { s.italic = true, s.font_size = 9; }),
  };
}

std::string Roman(int n) {
  static constexpr std::pair<int, const char*> kDigits[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string out;
  for (auto [value, digits] : kDigits)
    while (n >= value) out += digits, n -= value;
  return out;
}

bool Numeric(FieldType type) {
  return type == FieldType::kInteger || type == FieldType::kMoney || type == FieldType::kDecimal ||
         type == FieldType::kPercent;
}

std::string Unit(const Field& field) {
  if (!field.unit.empty()) return field.unit;
  if (field.type == FieldType::kMoney) return "đồng";
  if (field.type == FieldType::kPercent) return "%";
  return "";
}

std::string VietnameseNumber(double v) { return text::FormatDecimal(v, 4, text::Locale::kVi); }

// A value as the sheet shows it: a number cell, or text (held by `text`).
io::XlsxCell Cell(const Field& field, const json::value& value, std::string& text) {
  if (value.is_null()) return io::XlsxCell();
  if (Numeric(field.type) && value.is_number()) return io::XlsxCell(value.to_number<double>());
  switch (field.type) {
    case FieldType::kRange:
      if (value.is_object()) {
        const json::object& range = value.as_object();
        const json::value* min = range.if_contains("min");
        const json::value* max = range.if_contains("max");
        if (min && max && min->is_number() && max->is_number())
          text = VietnameseNumber(min->to_number<double>()) + " – " + VietnameseNumber(max->to_number<double>());
      }
      break;
    case FieldType::kYesNo:
      if (value.is_bool()) text = value.as_bool() ? "Có" : "Không";
      break;
    case FieldType::kDate:
      if (value.is_string())
        if (auto date = Date::ParseIso(std::string_view(value.as_string())))
          text = text::FormatDate(*date, text::Locale::kVi);
      break;
    default:
      if (value.is_string()) text = std::string(value.as_string());
  }
  if (text.empty() && !value.is_string()) text = json::serialize(value);
  return io::XlsxCell(std::string_view(text));
}

// The line count of a text in a cell `width` characters wide.
double Lines(std::string_view text, double width) {
  double lines = 0, run = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines += std::max(1.0, std::ceil(run / width));
      run = 0;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++run;
    }
  }
  return lines;
}

class Sheet {
 public:
  explicit Sheet(io::XlsxStreamWriter& writer) : writer_(writer) {}

  // A row of up to kColumns cells; ranges of columns [first, last] merged.
  Status Row(std::vector<XlsxStyledCell> cells, std::vector<std::pair<size_t, size_t>> merges = {}, double height = 0) {
    size_t row = writer_.rows_written();
    HOPTAC_TRY(writer_.WriteRow(cells, height));
    for (auto [first, last] : merges) HOPTAC_TRY(writer_.Merge(row, first, row, last));
    return Ok();
  }
  Status Blank() { return Row({}); }

 private:
  io::XlsxStreamWriter& writer_;
};

XlsxStyledCell C(std::string_view text, int style = kPlain) { return {io::XlsxCell(text), style}; }
XlsxStyledCell E(int style = kPlain) { return {io::XlsxCell(), style}; }

std::string DateInWords(int64_t ms) {
  Date d = Date::FromDays(static_cast<int>((ms + 7 * 3'600'000LL) / 86'400'000));
  char buf[64];
  std::snprintf(buf, sizeof buf, "ngày %02d tháng %02d năm %d", d.day(), d.month(), d.year());
  return buf;
}

// Parses a number as a cell holds it: the reader's "5752" / "3.8" / "-1E-3", or text typed
// the Vietnamese way ("5.752", "3,8"), or the English way for decimals.
std::optional<double> ParseNumber(std::string_view text, bool integer) {
  std::string trimmed;
  for (char c : text)
    if (c != ' ') trimmed += c;
  if (trimmed.empty()) return std::nullopt;
  if (integer) {
    if (auto v = text::ParseInteger(trimmed, text::Locale::kVi)) return static_cast<double>(*v);
  }
  double v = 0;
  auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), v);
  if (ec == std::errc() && end == trimmed.data() + trimmed.size() && std::isfinite(v)) return v;
  if (auto d = text::ParseDecimal(trimmed, text::Locale::kVi)) return d;
  if (auto d = text::ParseDecimal(trimmed, text::Locale::kEn)) return d;
  return std::nullopt;
}

// A cell's text as the field's JSON value; nullopt when it cannot be read as that type.
std::optional<json::value> ReadValue(const Field& field, const std::string& cell) {
  if (cell.empty()) return json::value(nullptr);
  switch (field.type) {
    case FieldType::kInteger:
    case FieldType::kMoney: {
      auto v = ParseNumber(cell, true);
      if (!v || std::floor(*v) != *v || std::fabs(*v) > 9e15) return std::nullopt;
      return json::value(static_cast<int64_t>(*v));
    }
    case FieldType::kDecimal:
    case FieldType::kPercent: {
      auto v = ParseNumber(cell, false);
      if (!v) return std::nullopt;
      return json::value(*v);
    }
    case FieldType::kRange: {
      // "a – b", "a - b", "a—b": the last dash that has a number on each side.
      for (std::string_view dash : {"–", "—", "-"}) {
        for (size_t at = cell.rfind(dash); at != std::string::npos && at > 0; at = cell.rfind(dash, at - 1)) {
          auto min = ParseNumber(std::string_view(cell).substr(0, at), false);
          auto max = ParseNumber(std::string_view(cell).substr(at + dash.size()), false);
          if (min && max) return json::value(json::object{{"min", *min}, {"max", *max}});
          if (at == 0) break;
        }
      }
      return std::nullopt;
    }
    case FieldType::kYesNo: {
      std::string folded = text::Fold(cell);
      if (folded == "co" || folded == "x" || folded == "true" || folded == "1" || folded == "yes")
        return json::value(true);
      if (folded == "khong" || folded == "false" || folded == "0" || folded == "no") return json::value(false);
      return std::nullopt;
    }
    case FieldType::kDate: {
      if (auto d = Date::ParseIso(cell)) return json::value(d->ToIso());
      int day = 0, month = 0, year = 0;
      char tail = 0;
      if (std::sscanf(cell.c_str(), "%d/%d/%d%c", &day, &month, &year, &tail) == 3 &&
          Date::IsValidCivil(year, month, day))
        return json::value(Date::FromCivil(year, month, day).ToIso());
      return std::nullopt;
    }
    case FieldType::kChoice:
    case FieldType::kText:
    case FieldType::kLongText: return json::value(cell);
  }
  return std::nullopt;
}

bool LooksLikeCode(std::string_view text) {
  if (text.empty() || text.size() > 100) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

std::string PeriodInWords(const domain::Period& period) {
  const std::string year = " năm " + std::to_string(period.year());
  switch (period.kind()) {
    case domain::PeriodKind::kYear: return "Năm " + std::to_string(period.year());
    case domain::PeriodKind::kHalf:
      return std::string(period.first_month() == 1 ? "6 tháng đầu" : "6 tháng cuối") + year;
    case domain::PeriodKind::kQuarter: return "Quý " + Roman((period.first_month() + 2) / 3) + year;
    case domain::PeriodKind::kMonth: return "Tháng " + std::to_string(period.first_month()) + year;
    case domain::PeriodKind::kMonths:
      if (period.first_month() == 1) return std::to_string(period.MonthCount()) + " tháng đầu" + year;
      return "Từ tháng " + std::to_string(period.first_month()) + " đến tháng " + std::to_string(period.last_month()) +
             year;
  }
  return period.ToString();
}

Status WriteReportXlsx(const ReportForm& form, const Report& report, const UnitLabels& labels,
                       const std::string& path) {
  io::XlsxStreamOptions options;
  options.sheet_name = report.period.ToString();
  options.styles = Styles();
  options.column_widths = {5, 40, 22, 12, 14, 14, 22};
  options.page = io::XlsxPageSetup{};
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
  Sheet sheet(*writer);
  const bool entity = report.entity_id != 0;

  // The unit and the motto.
  std::string unit_line =
      entity ? text::UpperCase(labels.entity)
             : "LIÊN MINH HỢP TÁC XÃ " +
                   text::UpperCase(labels.province_full.empty() ? labels.province : labels.province_full);
  HOPTAC_TRY(sheet.Row({C(unit_line, kHeadBold), E(kHeadBold), E(kHeadBold), E(),
                        C("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", kHeadBold), E(kHeadBold), E(kHeadBold)},
                       {{0, 2}, {4, 6}}, 30));
  HOPTAC_TRY(sheet.Row({E(), E(), E(), E(), C("Độc lập - Tự do - Hạnh phúc", kMotto), E(kMotto), E(kMotto)}, {{4, 6}}));
  std::optional<int64_t> dated = report.approved_at_ms ? report.approved_at_ms : report.submitted_at_ms;
  std::string place = (labels.province.empty() ? std::string("…") : labels.province) + ", " +
                      (dated ? DateInWords(*dated) : std::string("ngày … tháng … năm …"));
  HOPTAC_TRY(sheet.Row({E(), E(), E(), E(), C(place, kItalicCentre), E(kItalicCentre), E(kItalicCentre)}, {{4, 6}}));
  HOPTAC_TRY(sheet.Blank());

  // The title and the period.
  std::string title = text::UpperCase(form.name_vi);
  HOPTAC_TRY(sheet.Row({C(title, kTitle), E(kTitle), E(kTitle), E(kTitle), E(kTitle), E(kTitle), E(kTitle)}, {{0, 6}},
                       20 * Lines(title, 100)));
  std::string period_line = PeriodInWords(report.period);
  HOPTAC_TRY(sheet.Row({C(period_line, kItalicCentre), E(kItalicCentre), E(kItalicCentre), E(kItalicCentre),
                        E(kItalicCentre), E(kItalicCentre), E(kItalicCentre)},
                       {{0, 6}}));
  HOPTAC_TRY(sheet.Blank());

  // Identification (read back by ReadReportXlsx).
  std::string period_code = report.period.ToString();
  std::string unit_code = entity ? labels.entity_code : report.province_code;
  std::string unit_name =
      entity ? labels.entity : (labels.province_full.empty() ? labels.province : labels.province_full);
  std::string status = std::string("Trạng thái: ") + (report.status == ReportStatus::kApproved    ? "đã duyệt"
                                                      : report.status == ReportStatus::kSubmitted ? "đã gửi"
                                                      : report.status == ReportStatus::kReturned  ? "bị trả lại"
                                                                                                  : "đang soạn");
  std::string due = "Hạn nộp: " + text::FormatDate(report.due_date, text::Locale::kVi);
  std::string version = "phiên bản " + std::to_string(report.form_version);
  HOPTAC_TRY(sheet.Row({C(kFormLabel, kLabel), E(), C(form.code, kCode), C(version, kLabel), E(), C(status, kLabel)},
                       {{0, 1}, {3, 4}, {5, 6}}));
  HOPTAC_TRY(
      sheet.Row({C(kPeriodLabel, kLabel), E(), C(period_code, kCode), E(), E(), C(due, kLabel)}, {{0, 1}, {5, 6}}));
  HOPTAC_TRY(sheet.Row({C(kUnitLabel, kLabel), E(), C(unit_code, kCode), C(unit_name, kLabel)}, {{0, 1}, {3, 6}}));
  HOPTAC_TRY(sheet.Blank());

  // The sections.
  int section_number = 0;
  for (const Section& section : form.sections) {
    ++section_number;
    std::string heading = Roman(section_number) + ". " + text::UpperCase(section.title_vi);
    HOPTAC_TRY(sheet.Row({C(heading, kSection)}, {{0, 6}}));
    bool any_table = false;
    for (const Field& field : section.fields) any_table = any_table || field.type != FieldType::kLongText;
    if (any_table)
      HOPTAC_TRY(sheet.Row(
          {C("STT", kTableHead), C("Chỉ tiêu", kTableHead), C("Mã chỉ tiêu", kTableHead), C("Đơn vị tính", kTableHead),
           C("Số liệu", kTableHead), C("Số liệu theo sổ đăng ký", kTableHead), C("Ghi chú", kTableHead)},
          {}, 30));
    int n = 0;
    for (const Field& field : section.fields) {
      ++n;
      std::string number = std::to_string(n);
      auto it = report.values.find(field.code);
      const ReportValue* v = it == report.values.end() ? nullptr : &it->second;
      std::string text_value, text_registry;
      io::XlsxCell value = v ? Cell(field, v->value, text_value) : io::XlsxCell();
      std::string label = field.label_vi + (field.required ? " (*)" : "");
      if (field.type == FieldType::kLongText) {
        double lines = std::max(3.0, Lines(text_value, kLongTextWidth));
        HOPTAC_TRY(sheet.Row({C(number, kCellCentre),
                              C(label, kCellText),
                              C(field.code, kCellCentre),
                              {value, kCellLongText},
                              E(kCellLongText),
                              E(kCellLongText),
                              E(kCellLongText)},
                             {{3, 6}}, std::min(409.0, 15 * lines + 4)));
        continue;
      }
      io::XlsxCell registry = v && v->registry_value ? Cell(field, *v->registry_value, text_registry) : io::XlsxCell();
      int number_style = field.type == FieldType::kDecimal || field.type == FieldType::kPercent ? kCellDecimal
                         : Numeric(field.type)                                                  ? kCellNumber
                                                                                                : kCellText;
      std::string note = v ? v->note : "";
      std::string unit = Unit(field);
      double height = 15 * std::max({1.0, Lines(label, 38), Lines(note, 20), Lines(text_value, 13)}) + 3;
      HOPTAC_TRY(sheet.Row({C(number, kCellCentre),
                            C(label, kCellText),
                            C(field.code, kCellCentre),
                            C(unit, kCellCentre),
                            {value, number_style},
                            {registry, std::holds_alternative<double>(registry) ? number_style : kCellMuted},
                            C(note, kCellText)},
                           {}, height > 19 ? height : 0));
    }
    HOPTAC_TRY(sheet.Blank());
  }

  // The signature block.
  HOPTAC_TRY(sheet.Row({E(), C("NGƯỜI LẬP BIỂU", kSignature), E(), E(), C("THỦ TRƯỞNG ĐƠN VỊ", kSignature),
                        E(kSignature), E(kSignature)},
                       {{4, 6}}));
  HOPTAC_TRY(sheet.Row({E(), C("(Ký, ghi rõ họ tên)", kSignatureHint), E(), E(),
                        C("(Ký tên, đóng dấu)", kSignatureHint), E(kSignatureHint), E(kSignatureHint)},
                       {{4, 6}}));
  for (int i = 0; i < 4; ++i) HOPTAC_TRY(sheet.Blank());
  HOPTAC_TRY(
      sheet.Row({E(), C("(*) Chỉ tiêu bắt buộc. Số liệu theo sổ đăng ký: hoptac tính từ sổ đăng ký khi lập báo cáo; "
                        "cột Mã chỉ tiêu dùng để nhập lại tệp này.",
                        kFootnote)},
                {{1, 6}}));
  return writer->Close();
}

Result<ReportFile> ReadReportXlsx(const ReportForm& form, std::string bytes) {
  io::XlsxReadOptions options;
  options.no_header = true;
  options.max_part_bytes = std::uint64_t{64} << 20;
  HOPTAC_ASSIGN_OR_RETURN(auto reader, io::XlsxReader::FromString(std::move(bytes), options));
  ReportFile file;
  bool identified = false;
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  std::vector<std::string> cells;
  int row = 0;
  while (true) {
    HOPTAC_ASSIGN_OR_RETURN(bool more, reader->Next(cells, row));
    if (!more) break;
    cells.resize(std::max(cells.size(), kColumns));
    auto trimmed = [](std::string s) {
      while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
      size_t start = s.find_first_not_of(" \t\r\n");
      return start == std::string::npos ? std::string() : s.substr(start);
    };
    std::string label = trimmed(cells[0]);
    std::string code = trimmed(cells[2]);
    if (label == kFormLabel) {
      file.form = code;
      identified = true;
      continue;
    }
    if (label == kPeriodLabel) {
      file.period = code;
      continue;
    }
    if (label == kUnitLabel) {
      file.unit = code;
      continue;
    }
    if (!identified || !LooksLikeCode(code) || code == "stt") continue;
    const Field* field = form.FindField(code);
    if (!field) {
      // A row of the table (its first cell a number) naming a field the form lacks.
      if (!label.empty() && label.find_first_not_of("0123456789") == std::string::npos)
        errors.push_back({code, "report_unknown_field", "field.report_unknown_field", {code}});
      continue;
    }
    if (!seen.insert(code).second) {
      errors.push_back({code, "report_xlsx_twice", "field.report_xlsx_twice", {code}});
      continue;
    }
    std::string cell = field->type == FieldType::kLongText ? cells[3] : trimmed(cells[4]);
    auto value = ReadValue(*field, cell);
    if (!value) {
      errors.push_back({code, "report_invalid_type", "field.report_invalid_type", {FieldTypeName(field->type)}});
      continue;
    }
    file.values[code] = std::move(*value);
    if (field->type != FieldType::kLongText) file.notes[code] = trimmed(cells[6]);
  }
  if (!identified) return Error::Make(ErrorCode::kInvalidArgument, "error.report_xlsx_not_a_report");
  if (!errors.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
    e.fields = std::move(errors);
    return e;
  }
  return file;
}

Result<ReportView> ImportReportXlsx(ReportService& reports, const auth::Principal& who, int64_t id, std::string bytes) {
  HOPTAC_ASSIGN_OR_RETURN(ReportView view, reports.Get(who, id));
  const Report& report = view.report;
  if (!reports.MayFillReport(who, report)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  if (!Editable(report.status))
    return Error::Make(ErrorCode::kConflict, "error.report_locked", {ReportStatusName(report.status)});
  if (bytes.empty()) return Error::InvalidField("body", "required", "field.required");
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, reports.GetForm(who, report.form_code, report.form_version));
  HOPTAC_ASSIGN_OR_RETURN(ReportFile file, ReadReportXlsx(form, std::move(bytes)));
  auto mismatch = [](const char* what, const std::string& in_file, const std::string& in_report) {
    return Error::Make(ErrorCode::kInvalidArgument, "error.report_xlsx_mismatch",
                       {what, in_file.empty() ? "—" : in_file, in_report});
  };
  if (file.form != report.form_code) return mismatch("form", file.form, report.form_code);
  auto period = domain::ParsePeriod(file.period);
  if (!period.ok() || period->ToString() != report.period.ToString())
    return mismatch("period", file.period, report.period.ToString());
  std::string unit = report.province_code;
  if (report.entity_id != 0) {
    LabelCache cache;
    unit = reports.Labels(who, report.form_code, report.province_code, report.entity_id, report.period.End(), cache)
               .entity_code;
  }
  if (file.unit != unit) return mismatch("unit", file.unit, unit);

  // Only what differs is written (so "entered by" stays with whoever entered the rest).
  ValuesUpdate update;
  for (const auto& [code, value] : file.values) {
    auto it = report.values.find(code);
    const json::value current = it == report.values.end() ? json::value(nullptr) : it->second.value;
    bool same = current == value;
    if (!same && current.is_number() && value.is_number())
      same = current.to_number<double>() == value.to_number<double>();
    if (!same) update.values[code] = value;
  }
  for (const auto& [code, note] : file.notes) {
    auto it = report.values.find(code);
    if ((it == report.values.end() ? std::string() : it->second.note) != note) update.notes[code] = note;
  }
  if (update.values.empty() && update.notes.empty()) return view;
  return reports.PutValues(who, id, update);
}

}  // namespace hoptac::reporting

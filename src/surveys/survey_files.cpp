#include "surveys/survey_files.h"

#include <memory>

#include "io/csv.h"
#include "io/xlsx_stream.h"
#include "surveys/questionnaire_json.h"

namespace hoptac::surveys {
namespace {

// One row writer over CSV or XLSX; `number` marks numeric cells.
class Table {
 public:
  static Result<Table> Create(TableFormat format, const std::string& path, const std::vector<std::string>& header) {
    Table t;
    t.format_ = format;
    if (format == TableFormat::kCsv) {
      HOPTAC_ASSIGN_OR_RETURN(t.csv_, io::CsvWriter::Create(path));
      HOPTAC_TRY(t.csv_->WriteRow(std::span<const std::string>(header)));
    } else {
      io::XlsxStreamOptions options;
      options.sheet_name = "Danh sách";
      HOPTAC_ASSIGN_OR_RETURN(t.xlsx_, io::XlsxStreamWriter::Create(path, options));
      HOPTAC_TRY(t.xlsx_->WriteHeader(header));
    }
    return t;
  }
  Status Row(const std::vector<std::string>& cells, const std::vector<std::optional<double>>& numbers) {
    if (format_ == TableFormat::kCsv) {
      std::vector<std::string> out;
      for (size_t i = 0; i < cells.size(); ++i)
        out.push_back(i < numbers.size() && numbers[i] ? cells[i] : io::AsTextCell(cells[i]));
      return csv_->WriteRow(std::span<const std::string>(out));
    }
    std::vector<io::XlsxCell> out;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i < numbers.size() && numbers[i])
        out.emplace_back(*numbers[i]);
      else if (cells[i].empty())
        out.emplace_back(std::monostate());
      else
        out.emplace_back(std::string_view(cells[i]));
    }
    return xlsx_->WriteRow(std::span<const io::XlsxCell>(out));
  }
  Status Close() { return format_ == TableFormat::kCsv ? csv_->Close() : xlsx_->Close(); }

 private:
  TableFormat format_ = TableFormat::kCsv;
  std::unique_ptr<io::CsvWriter> csv_;
  std::unique_ptr<io::XlsxStreamWriter> xlsx_;
};

std::string NumberText(double d) {
  std::string s = boost::json::serialize(ValueJson(d));
  return s;
}

}  // namespace

std::optional<TableFormat> TableFormatFromName(std::string_view name) {
  if (name == "csv") return TableFormat::kCsv;
  if (name == "xlsx") return TableFormat::kXlsx;
  return std::nullopt;
}

const char* TableFormatName(TableFormat format) { return format == TableFormat::kCsv ? "csv" : "xlsx"; }

std::string TableContentType(TableFormat format) {
  return format == TableFormat::kCsv ? "text/csv; charset=utf-8"
                                     : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

Status WriteResponses(const Questionnaire& q, const std::vector<ExportRow>& rows, TableFormat format,
                      const std::string& path) {
  std::vector<std::string> header = {"Số phiếu", "Tỉnh", "Loại hình", "Năm"};
  std::vector<const Question*> questions;
  for (const QuestionRef& ref : Questions(q)) {
    if (ref.question->type == QuestionType::kNote) continue;
    questions.push_back(ref.question);
    header.push_back(ref.question->name);
  }
  HOPTAC_ASSIGN_OR_RETURN(Table t, Table::Create(format, path, header));
  for (const ExportRow& row : rows) {
    std::vector<std::string> cells = {std::to_string(row.number), row.province, row.kind, std::to_string(row.year)};
    std::vector<std::optional<double>> numbers = {static_cast<double>(row.number), std::nullopt, std::nullopt,
                                                  static_cast<double>(row.year)};
    for (const Question* question : questions) {
      auto found = row.answers.find(question->name);
      if (found == row.answers.end()) {
        cells.emplace_back();
        numbers.emplace_back();
        continue;
      }
      const Value& v = found->second;
      if (const double* d = std::get_if<double>(&v)) {
        cells.push_back(NumberText(*d));
        numbers.emplace_back(*d);
      } else if (const std::string* s = std::get_if<std::string>(&v)) {
        cells.push_back(*s);
        numbers.emplace_back();
      } else {
        std::string joined;
        for (const std::string& s : std::get<std::vector<std::string>>(v)) {
          if (!joined.empty()) joined += " ";
          joined += s;
        }
        cells.push_back(std::move(joined));
        numbers.emplace_back();
      }
    }
    HOPTAC_TRY(t.Row(cells, numbers));
  }
  return t.Close();
}

Status WriteLinks(const std::vector<TargetRow>& rows, const std::string& base_url, TableFormat format,
                  const std::string& path) {
  HOPTAC_ASSIGN_OR_RETURN(
      Table t, Table::Create(format, path, {"Mã số đăng ký", "Tên", "Tỉnh", "Điện thoại", "Email", "Đường dẫn"}));
  for (const TargetRow& r : rows)
    HOPTAC_TRY(t.Row({r.entity.registration_code, r.entity.name, r.entity.province, r.entity.phone, r.entity.email,
                      base_url + "/s/" + r.target.token},
                     {}));
  return t.Close();
}

}  // namespace hoptac::surveys

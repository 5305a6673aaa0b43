#include "reporting/national_table.h"

#include <boost/json.hpp>

#include "io/xlsx_stream.h"

namespace hoptac::reporting {
namespace {

namespace json = boost::json;

bool Numeric(FieldType type) {
  return type == FieldType::kInteger || type == FieldType::kMoney || type == FieldType::kDecimal ||
         type == FieldType::kPercent;
}
bool Summed(FieldType type) { return type == FieldType::kInteger || type == FieldType::kMoney; }

json::value SumValue(const Field& field, double sum) {
  return field.type == FieldType::kInteger || field.type == FieldType::kMoney ? json::value(static_cast<int64_t>(sum))
                                                                              : json::value(sum);
}

// The status as the Vietnamese sheet says it.
std::string_view StatusWords(const std::optional<ReportStatus>& status) {
  if (!status) return "Chưa có báo cáo";
  switch (*status) {
    case ReportStatus::kDraft: return "Đang soạn";
    case ReportStatus::kSubmitted: return "Đã gửi";
    case ReportStatus::kReturned: return "Trả lại";
    case ReportStatus::kApproved: return "Đã duyệt";
  }
  return "";
}

}  // namespace

Result<NationalTable> BuildNationalTable(ReportService& reports, const geo::AdminUnitDirectory& units,
                                         const auth::Principal& who, const std::string& form_code,
                                         std::string_view period_text) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.national() && !who.province_bound())
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  NationalTable table;
  HOPTAC_ASSIGN_OR_RETURN(table.form, reports.GetForm(who, form_code, std::nullopt));
  if (table.form.level != Level::kProvince)
    return Error::InvalidField("form", "province_forms_only", "field.report_table_province_forms", {form_code});
  auto period = domain::ParsePeriod(period_text);
  if (!period.ok())
    return Error::InvalidField("period", "invalid_period", "field.invalid_period", {std::string(period_text)});
  table.period = *period;
  HOPTAC_TRY(CheckPeriodAllowed(table.form, table.period));
  for (const Field* field : table.form.Fields())
    if (Numeric(field->type)) table.columns.push_back(field);

  ReportListQuery query;
  query.filters.form_code = table.form.code;
  query.filters.period = table.period.ToString();
  query.limit = 200;
  HOPTAC_ASSIGN_OR_RETURN(ReportPage page, reports.List(who, query));
  std::map<std::string, const Report*> by_province;
  for (const Report& r : page.items) by_province[r.province_code] = &r;

  const Date end = table.period.End();
  for (const geo::AdminUnit* unit : units.InForce(geo::AdminLevel::kProvince, end)) {
    auto it = by_province.find(unit->code);
    // A province account sees its own row only.
    if (it == by_province.end() && who.province_bound() && unit->code != who.province_code) continue;
    NationalRow row;
    row.province = unit->code;
    row.province_name = unit->name;
    ++table.expected;
    if (it != by_province.end()) {
      HOPTAC_ASSIGN_OR_RETURN(ReportView view, reports.Get(who, it->second->id));
      row.report_id = view.report.id;
      row.status = view.report.status;
      ++table.reported;
      for (const Field* field : table.columns) {
        auto value = view.report.values.find(field->code);
        if (value == view.report.values.end()) continue;
        if (!value->second.value.is_null()) {
          row.values[field->code] = value->second.value;
          if (Summed(field->type) && value->second.value.is_number())
            table.sums[field->code] += value->second.value.to_number<double>();
        }
        if (value->second.registry_value && !value->second.registry_value->is_null()) {
          row.registry[field->code] = *value->second.registry_value;
          if (Summed(field->type) && value->second.registry_value->is_number())
            table.registry_sums[field->code] += value->second.registry_value->to_number<double>();
        }
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

json::object NationalTableJson(const NationalTable& table, bool english) {
  json::array columns;
  for (const Field* field : table.columns)
    columns.push_back(json::object{{"code", field->code},
                                   {"label", english ? field->label_en : field->label_vi},
                                   {"type", FieldTypeName(field->type)},
                                   {"unit", field->unit},
                                   {"prefilled", field->prefill.has_value()}});
  json::array rows;
  for (const NationalRow& row : table.rows) {
    json::object values, registry;
    for (const auto& [code, v] : row.values) values[code] = v;
    for (const auto& [code, v] : row.registry) registry[code] = v;
    rows.push_back(
        json::object{{"province", row.province},
                     {"province_name", row.province_name},
                     {"report_id", row.report_id ? json::value(*row.report_id) : json::value(nullptr)},
                     {"status", row.status ? json::value(ReportStatusName(*row.status)) : json::value(nullptr)},
                     {"values", std::move(values)},
                     {"registry", std::move(registry)}});
  }
  json::object sums, registry_sums;
  for (const Field* field : table.columns) {
    if (auto it = table.sums.find(field->code); it != table.sums.end())
      sums[field->code] = SumValue(*field, it->second);
    if (auto it = table.registry_sums.find(field->code); it != table.registry_sums.end())
      registry_sums[field->code] = SumValue(*field, it->second);
  }
  return json::object{{"form", table.form.code},
                      {"form_name", english ? table.form.name_en : table.form.name_vi},
                      {"period", table.period.ToString()},
                      {"expected", table.expected},
                      {"reported", table.reported},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)},
                      {"sums", std::move(sums)},
                      {"registry_sums", std::move(registry_sums)}};
}

Status WriteNationalTableXlsx(const NationalTable& table, const std::string& path) {
  io::XlsxStreamOptions options;
  options.sheet_name = table.period.ToString();
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
  std::vector<std::string> header = {"Mã tỉnh", "Tỉnh, thành phố", "Trạng thái"};
  for (const Field* field : table.columns) {
    std::string label = field->label_vi + (field->unit.empty() ? "" : " (" + field->unit + ")");
    header.push_back(label);
    if (field->prefill) header.push_back(label + " — sổ đăng ký");
  }
  HOPTAC_TRY(writer->WriteHeader(header));
  auto number = [](const std::map<std::string, json::value>& values, const std::string& code) {
    auto it = values.find(code);
    if (it == values.end() || !it->second.is_number()) return io::XlsxCell();
    return io::XlsxCell(it->second.to_number<double>());
  };
  for (const NationalRow& row : table.rows) {
    std::vector<io::XlsxCell> cells = {io::XlsxCell(std::string_view(row.province)),
                                       io::XlsxCell(std::string_view(row.province_name)),
                                       io::XlsxCell(StatusWords(row.status))};
    for (const Field* field : table.columns) {
      cells.push_back(number(row.values, field->code));
      if (field->prefill) cells.push_back(number(row.registry, field->code));
    }
    HOPTAC_TRY(writer->WriteRow(cells));
  }
  std::vector<io::XlsxCell> sums = {io::XlsxCell(), io::XlsxCell(std::string_view("Cộng")), io::XlsxCell()};
  for (const Field* field : table.columns) {
    auto sum = [&](const std::map<std::string, double>& m) {
      auto it = m.find(field->code);
      return it == m.end() ? io::XlsxCell() : io::XlsxCell(it->second);
    };
    sums.push_back(sum(table.sums));
    if (field->prefill) sums.push_back(sum(table.registry_sums));
  }
  HOPTAC_TRY(writer->WriteRow(sums));
  return writer->Close();
}

}  // namespace hoptac::reporting

#include "registry/import/import_columns.h"

#include <array>
#include <unordered_map>

#include "registry/entity.h"

namespace hoptac::registry {
namespace {

// What an export writes (so that it imports back), then tax_code, which imports read but
// exports do not write.
constexpr auto kEntityImportColumns = [] {
  std::array<std::string_view, kEntityColumns.size() + 1> columns{};
  for (size_t i = 0; i < kEntityColumns.size(); ++i) columns[i] = kEntityColumns[i];
  columns.back() = "tax_code";
  return columns;
}();
constexpr std::array<std::string_view, 5> kEventImportColumns = {"registration_code", "date", "event", "note",
                                                                 "converted_to"};

struct Aliases {
  std::string_view column;
  std::vector<std::string_view> names;  // Vietnamese and English headings besides the canonical name
};

// Headings seen in provincial registers and statistics forms; matched by MatchKey,
// so diacritics, case and punctuation do not matter.
const std::vector<Aliases>& EntityAliases() {
  static const std::vector<Aliases> aliases = {
      {"registration_code",
       {"Mã số HTX",
        "Mã HTX",
        "Mã số",
        "Mã",
        "Mã số đăng ký",
        "Mã đăng ký",
        "Số đăng ký",
        "Số ĐKKD",
        "Mã số đăng ký kinh doanh",
        "Số giấy chứng nhận đăng ký",
        "Số GCN",
        "Số GCNĐK",
        "Mã số hợp tác xã",
        "Mã số THT",
        "Mã THT",
        "Mã số tổ hợp tác",
        "Mã đơn vị",
        "Mã số doanh nghiệp",
        "Registration code",
        "Registration number",
        "Code"}},
      {"kind", {"Loại hình", "Loại hình tổ chức", "Loại", "Loại hình kinh tế tập thể", "Loại tổ chức", "Kind", "Type"}},
      {"name",
       {"Tên HTX", "Tên", "Tên đơn vị", "Tên tổ chức", "Tên hợp tác xã", "Tên THT", "Tên tổ hợp tác", "Tên gọi",
        "Tên LHHTX", "Tên QTDND", "Name"}},
      {"province_code",
       {"Tỉnh/Thành phố", "Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố", "Tỉnh thành", "Mã tỉnh", "Mã tỉnh/thành phố",
        "Province", "Province code"}},
      {"commune_code",
       {"Mã xã", "Mã xã/phường", "Mã phường/xã", "Mã đơn vị hành chính cấp xã", "Xã/Phường", "Phường/Xã",
        "Xã, phường, đặc khu", "Commune", "Commune code"}},
      {"address", {"Địa chỉ", "Địa chỉ trụ sở", "Trụ sở", "Trụ sở chính", "Address"}},
      {"sector",
       {"Ngành nghề", "Lĩnh vực", "Lĩnh vực hoạt động", "Ngành", "Ngành nghề kinh doanh", "Ngành nghề chính",
        "Lĩnh vực hoạt động chính", "Sector"}},
      {"founded_on",
       {"Ngày thành lập", "Ngày đăng ký", "Ngày đăng ký thành lập", "Ngày cấp", "Ngày cấp GCN", "Ngày cấp giấy CNĐK",
        "Thành lập", "Ngày thành lập/đăng ký", "Founded", "Founded on", "Date of establishment", "Founding date"}},
      {"status", {"Tình trạng", "Trạng thái", "Tình trạng hoạt động", "Trạng thái hoạt động", "Status"}},
      {"status_since",
       {"Từ ngày", "Tình trạng từ ngày", "Ngày chuyển trạng thái", "Ngày thay đổi tình trạng", "Ngày tình trạng",
        "Status since", "Status date"}},
      {"women_managed",
       {"Phụ nữ quản lý", "Do phụ nữ quản lý", "HTX do phụ nữ quản lý", "HTX do phụ nữ tham gia quản lý",
        "Phụ nữ tham gia quản lý", "Nữ quản lý", "Women managed", "Women-managed"}},
      {"youth", {"Thanh niên", "HTX thanh niên", "Do thanh niên làm chủ", "Youth", "Youth cooperative"}},
      {"chair_name",
       {"Chủ tịch", "Họ tên chủ tịch", "Họ và tên chủ tịch", "Chủ tịch HĐQT", "Chủ tịch Hội đồng quản trị",
        "Người đại diện", "Người đại diện theo pháp luật", "Tổ trưởng", "Chair", "Chair name", "Chairperson"}},
      {"chair_sex", {"Giới tính", "Giới tính chủ tịch", "Chair sex", "Sex", "Gender"}},
      {"chair_birth_year", {"Năm sinh", "Năm sinh chủ tịch", "Chair birth year", "Year of birth", "Birth year"}},
      {"phone", {"Điện thoại", "Số điện thoại", "SĐT", "ĐT", "Phone", "Telephone", "Tel"}},
      {"email", {"Email", "E-mail", "Thư điện tử", "Địa chỉ email"}},
      {"union_registration_code",
       {"Mã LHHTX", "Mã liên hiệp", "Mã số LHHTX", "Thành viên của LHHTX", "Thuộc LHHTX", "Thuộc liên hiệp",
        "Liên hiệp HTX", "Union", "Union code", "Union registration code"}},
      {"tax_code", {"Mã số thuế", "MST", "Tax code", "Tax number"}},
      {"province_as_of", {"Tỉnh tính theo ngày", "Ngày của mã tỉnh", "Province as of"}},
  };
  return aliases;
}

const std::vector<Aliases>& EventAliases() {
  static const std::vector<Aliases> aliases = {
      {"registration_code",
       {"Mã số HTX", "Mã HTX", "Mã số", "Mã", "Mã số đăng ký", "Mã đăng ký", "Số đăng ký", "Mã số THT", "Mã THT",
        "Mã đơn vị", "Registration code", "Registration number", "Code"}},
      {"date", {"Ngày", "Ngày sự kiện", "Ngày hiệu lực", "Ngày quyết định", "Thời điểm", "Date", "Event date"}},
      {"event",
       {"Sự kiện", "Loại sự kiện", "Biến động", "Tình trạng", "Nội dung thay đổi", "Event", "Event type", "Type"}},
      {"note", {"Ghi chú", "Nội dung", "Diễn giải", "Note", "Notes", "Remark"}},
      {"converted_to", {"Chuyển đổi thành", "Loại hình mới", "Chuyển thành", "Converted to", "New kind"}},
  };
  return aliases;
}

const std::vector<Aliases>& FigureAliases() {
  static const std::vector<Aliases> aliases = {
      {"registration_code",
       {"Mã số HTX", "Mã HTX", "Mã số", "Mã", "Mã số đăng ký", "Mã đăng ký", "Số đăng ký", "Mã số THT", "Mã THT",
        "Mã đơn vị", "Registration code", "Registration number", "Code"}},
      {"period", {"Kỳ", "Kỳ báo cáo", "Kỳ số liệu", "Năm", "Năm báo cáo", "Period", "Year", "Reporting period"}},
      {"members_total",
       {"Số thành viên", "Tổng số thành viên", "Thành viên", "Tổng thành viên", "Members", "Total members"}},
      {"members_female", {"Thành viên nữ", "Số thành viên nữ", "Trong đó nữ", "Nữ", "Female members"}},
      {"members_youth",
       {"Thành viên thanh niên", "Số thành viên thanh niên", "Thành viên trẻ", "Youth members", "Young members"}},
      {"workers_total",
       {"Số lao động", "Lao động", "Tổng số lao động", "Lao động thường xuyên", "Số lao động thường xuyên",
        "Tổng lao động", "Workers", "Total workers", "Regular workers"}},
      {"workers_female", {"Lao động nữ", "Số lao động nữ", "Female workers"}},
      {"workers_members",
       {"Lao động là thành viên", "Lao động thành viên", "Số lao động là thành viên", "Worker members",
        "Workers who are members"}},
      {"revenue_vnd", {"Doanh thu", "Tổng doanh thu", "Doanh thu bình quân", "Revenue", "Total revenue"}},
      {"revenue_with_members_vnd",
       {"Doanh thu với thành viên", "Doanh thu từ thành viên", "Doanh thu cung ứng cho thành viên",
        "Doanh thu với thành viên HTX", "Revenue with members"}},
      {"profit_vnd", {"Lợi nhuận", "Lãi", "Lợi nhuận sau thuế", "Lợi nhuận bình quân", "Profit"}},
      {"avg_income_vnd_month",
       {"Thu nhập bình quân", "Thu nhập bình quân lao động", "Thu nhập bình quân của lao động",
        "Thu nhập bình quân/tháng", "Thu nhập bình quân tháng", "Thu nhập BQ", "Thu nhập", "Average income",
        "Average monthly income"}},
      {"charter_capital_vnd", {"Vốn điều lệ", "Vốn", "Charter capital", "Capital"}},
  };
  return aliases;
}

const std::vector<Aliases>& AliasesOf(FileType type) {
  switch (type) {
    case FileType::kEntities: return EntityAliases();
    case FileType::kEvents: return EventAliases();
    case FileType::kFigures: break;
  }
  return FigureAliases();
}

bool IsMoneyColumn(std::string_view column) {
  return column == "revenue_vnd" || column == "revenue_with_members_vnd" || column == "profit_vnd" ||
         column == "avg_income_vnd_month" || column == "charter_capital_vnd";
}

// MatchKey of every spelling → canonical column, per file type.
const std::unordered_map<std::string, std::string_view>& Table(FileType type) {
  auto build = [](FileType t) {
    std::unordered_map<std::string, std::string_view> table;
    for (std::string_view column : ImportColumns(t)) table.emplace(domain::MatchKey(column), column);
    for (const Aliases& a : AliasesOf(t))
      for (std::string_view name : a.names) table.emplace(domain::MatchKey(name), a.column);
    return table;
  };
  static const std::unordered_map<std::string, std::string_view> entities = build(FileType::kEntities);
  static const std::unordered_map<std::string, std::string_view> events = build(FileType::kEvents);
  static const std::unordered_map<std::string, std::string_view> figures = build(FileType::kFigures);
  switch (type) {
    case FileType::kEntities: return entities;
    case FileType::kEvents: return events;
    case FileType::kFigures: break;
  }
  return figures;
}

// Splits "Doanh thu (triệu đồng)" into "Doanh thu " and "triệu đồng" (every bracketed part joined).
void SplitBrackets(std::string_view header, std::string& outside, std::string& inside) {
  int depth = 0;
  for (char c : header) {
    if (c == '(' || c == '[') {
      ++depth;
      inside.push_back(' ');
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      inside.push_back(' ');
    } else if (depth > 0) {
      inside.push_back(c);
    } else {
      outside.push_back(c);
    }
  }
}

// VND per unit named by a bracketed header part: "triệu đồng" → 10^6. 1 when none is named.
int64_t ScaleOf(std::string_view unit) {
  std::string key = " " + domain::MatchKey(unit) + " ";
  if (key.find(" ty ") != std::string::npos || key.find(" billion ") != std::string::npos) return 1'000'000'000;
  if (key.find(" trieu ") != std::string::npos || key.find(" million ") != std::string::npos) return 1'000'000;
  if (key.find(" nghin ") != std::string::npos || key.find(" ngan ") != std::string::npos ||
      key.find(" thousand ") != std::string::npos)
    return 1'000;
  return 1;
}

bool IsRowNumberHeading(const std::string& key) {
  return key == "stt" || key == "tt" || key == "so tt" || key == "so thu tu" || key == "no" || key == "#" ||
         key.empty();
}

}  // namespace

const char* FileTypeName(FileType type) {
  switch (type) {
    case FileType::kEntities: return "entities";
    case FileType::kEvents: return "events";
    case FileType::kFigures: break;
  }
  return "figures";
}

std::optional<FileType> FileTypeFromName(std::string_view name) {
  for (FileType type : {FileType::kEntities, FileType::kEvents, FileType::kFigures})
    if (name == FileTypeName(type)) return type;
  return std::nullopt;
}

std::span<const std::string_view> ImportColumns(FileType type) {
  switch (type) {
    case FileType::kEntities: return kEntityImportColumns;
    case FileType::kEvents: return kEventImportColumns;
    case FileType::kFigures: break;
  }
  return kFigureColumns;
}

bool IsRequiredColumn(FileType type, std::string_view column) {
  if (column == "registration_code") return true;
  switch (type) {
    case FileType::kEntities: return column == "kind" || column == "name" || column == "province_code";
    case FileType::kEvents: return column == "date" || column == "event";
    case FileType::kFigures: break;
  }
  return column == "period";
}

std::string VietnameseHeading(FileType type, std::string_view column) {
  for (const Aliases& a : AliasesOf(type)) {
    if (a.column != column || a.names.empty()) continue;
    std::string heading(a.names.front());
    if (IsMoneyColumn(column)) heading += " (đồng)";
    return heading;
  }
  return std::string(column);
}

HeaderMatch MatchHeader(FileType type, std::string_view header) {
  HeaderMatch match;
  std::string outside, inside;
  SplitBrackets(header, outside, inside);
  std::string key = domain::MatchKey(outside);
  const auto& table = Table(type);
  auto it = table.find(key);
  if (it == table.end()) {
    // "Doanh thu triệu đồng", "Mã số HTX (*)": try the whole heading too.
    it = table.find(domain::MatchKey(header));
  }
  if (it == table.end()) {
    match.ignored = IsRowNumberHeading(key);
    return match;
  }
  match.column = it->second;
  if (IsMoneyColumn(match.column)) match.scale = ScaleOf(inside);
  return match;
}

int ColumnMap::Index(std::string_view column) const {
  auto columns = ImportColumns(type);
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == column) return static_cast<int>(i);
  return -1;
}

std::string ColumnMap::HeaderOf(std::string_view column) const {
  int cell = Cell(column);
  return cell >= 0 ? header[cell] : std::string(column);
}

Result<ColumnMap> MapColumns(FileType type, const std::vector<std::string>& header) {
  if (header.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.import_no_header");
  ColumnMap map;
  map.type = type;
  map.header = header;
  auto columns = ImportColumns(type);
  map.cell_of_column.assign(columns.size(), -1);
  map.scale_of_column.assign(columns.size(), 1);
  map.column_of_cell.assign(header.size(), -1);
  for (size_t cell = 0; cell < header.size(); ++cell) {
    HeaderMatch match = MatchHeader(type, header[cell]);
    if (match.column.empty()) {
      if (match.ignored) {
        if (!header[cell].empty()) map.ignored_headers.push_back(header[cell]);
      } else {
        map.unknown_headers.push_back(header[cell]);
      }
      continue;
    }
    int index = map.Index(match.column);
    if (map.cell_of_column[index] >= 0) {
      return Error::Make(ErrorCode::kInvalidArgument, "error.import_duplicate_column",
                         {header[map.cell_of_column[index]], header[cell], std::string(match.column)});
    }
    map.cell_of_column[index] = static_cast<int>(cell);
    map.scale_of_column[index] = match.scale;
    map.column_of_cell[cell] = index;
  }
  std::string missing;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (map.cell_of_column[i] < 0 && IsRequiredColumn(type, columns[i])) {
      if (!missing.empty()) missing += ", ";
      missing += columns[i];
    }
  }
  if (!missing.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.import_missing_columns", {missing});
  return map;
}

}  // namespace hoptac::registry

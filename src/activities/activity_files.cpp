#include "activities/activity_files.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

#include "io/csv.h"
#include "io/format_detect.h"
#include "io/xlsx_stream.h"
#include "text/fold.h"

namespace hoptac::activities {

using auth::Principal;

namespace {

// ---- Names ----

struct Named {
  std::string_view code, vi;
};
constexpr Named kTypeNames[] = {{"training", "Tập huấn"},
                                {"dialogue", "Đối thoại"},
                                {"conference", "Hội nghị"},
                                {"working_visit", "Làm việc"},
                                {"signing", "Ký kết"},
                                {"trade_fair", "Hội chợ"},
                                {"trade_promotion", "Xúc tiến thương mại"},
                                {"ecommerce_campaign", "Thương mại điện tử"},
                                {"survey", "Khảo sát"},
                                {"communication", "Truyền thông"}};
constexpr Named kStatusNames[] = {{"planned", "Kế hoạch"}, {"held", "Đã tổ chức"}, {"cancelled", "Đã hủy"}};
constexpr Named kOrganiserNames[] = {{"national", "Trung ương"}, {"province", "Tỉnh"}};

std::string NameOf(std::span<const Named> names, std::string_view code) {
  for (const Named& n : names)
    if (n.code == code) return std::string(n.vi);
  return std::string(code);
}

// The form headings and names are compared in: folded words joined by spaces, so
// "Họ và tên", "HO VA TEN" and "ho_va_ten" are one; "birth_year" is "birth year".
std::string Key(std::string_view text) {
  std::string out;
  for (const std::string& w : text::FoldedWords(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// The code a cell names (the Vietnamese name or the code, any spelling); "" when none.
std::string CodeOf(std::span<const Named> names, std::string_view cell) {
  const std::string key = Key(cell);
  for (const Named& n : names)
    if (key == Key(n.vi) || key == Key(n.code)) return std::string(n.code);
  return "";
}

std::string NamesList(std::span<const Named> names) {
  std::string out;
  for (const Named& n : names) {
    if (!out.empty()) out += ", ";
    out += n.vi;
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

std::optional<int64_t> Integer(std::string_view text) {
  text = Trim(text);
  // "30.0" from a spreadsheet's number is 30.
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<Date> ReadDate(std::string_view text) {
  text = Trim(text);
  if (auto d = Date::ParseDayMonthYear(text)) return d;
  // An XLSX date cell reads as ISO, possibly with a time ("2024-05-10 00:00:00" is not one).
  return Date::ParseIso(text);
}

// ---- Columns ----

struct ColumnSpec {
  std::string_view field;
  std::vector<std::string_view> names;  // Vietnamese first (the export's heading), then English
};

const std::vector<ColumnSpec>& ParticipantColumns() {
  static const std::vector<ColumnSpec> columns = {
      {"name", {"Họ và tên", "Họ tên", "Tên", "name", "full name"}},
      {"sex", {"Giới tính", "sex", "gender"}},
      {"birth_year", {"Năm sinh", "Ngày sinh", "birth_year", "year of birth", "born"}},
      {"entity", {"Mã HTX", "Mã số đăng ký", "Mã số HTX", "entity", "registration code", "cooperative"}},
      {"organisation", {"Đơn vị", "Đơn vị công tác", "organisation", "organization"}},
      {"position", {"Chức vụ", "position", "job title"}},
      {"phone", {"Điện thoại", "Số điện thoại", "phone", "telephone"}},
      {"email", {"Email", "Thư điện tử", "e-mail"}},
  };
  return columns;
}

const std::vector<ColumnSpec>& ActivityColumns() {
  static const std::vector<ColumnSpec> columns = {
      {"id", {"Mã", "Mã hoạt động", "id"}},
      {"type", {"Loại", "Loại hoạt động", "type"}},
      {"title", {"Tên hoạt động", "Tên", "title"}},
      {"status", {"Trạng thái", "status"}},
      {"from", {"Từ ngày", "Ngày bắt đầu", "from", "start"}},
      {"to", {"Đến ngày", "Ngày kết thúc", "to", "end"}},
      {"province", {"Tỉnh", "Mã tỉnh", "province"}},
      {"commune", {"Xã", "Mã xã", "commune"}},
      {"place", {"Địa điểm", "place"}},
      {"organiser", {"Đơn vị tổ chức", "Cấp tổ chức", "organiser", "organizer"}},
      {"programmes", {"Chương trình", "programmes", "programme"}},
      {"entities", {"Số tổ chức tham gia", "entities"}},
      {"total", {"Tổng số người", "Số người", "participants", "total"}},
      {"female", {"Nữ", "female", "women"}},
      {"youth", {"Thanh niên", "youth"}},
      {"outcomes", {"Kết quả", "outcomes", "results"}},
  };
  return columns;
}

struct ColumnMap {
  const std::vector<ColumnSpec>* specs = nullptr;
  std::vector<int> cell_of;  // per spec: the header cell, or -1
  std::vector<std::string> header;

  int Cell(std::string_view field) const {
    for (size_t i = 0; i < specs->size(); ++i)
      if ((*specs)[i].field == field) return cell_of[i];
    return -1;
  }
  // The file's heading of a field, "" when the file has no such column.
  std::string Heading(std::string_view field) const {
    int cell = Cell(field);
    return cell < 0 ? std::string() : header[static_cast<size_t>(cell)];
  }
  std::string_view Value(const std::vector<std::string>& cells, std::string_view field) const {
    int cell = Cell(field);
    return cell < 0 ? std::string_view() : Trim(io::WithoutTextMark(cells[static_cast<size_t>(cell)]));
  }
  // Whether every cell this map reads is empty (a numbered but empty template row).
  bool Empty(const std::vector<std::string>& cells) const {
    for (int cell : cell_of)
      if (cell >= 0 && !Trim(cells[static_cast<size_t>(cell)]).empty()) return false;
    return true;
  }
};

Result<ColumnMap> MapColumns(const std::vector<ColumnSpec>& specs, const std::vector<std::string>& header,
                             std::initializer_list<std::string_view> required, ImportReport& report) {
  if (header.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.import_no_header");
  ColumnMap map;
  map.specs = &specs;
  map.cell_of.assign(specs.size(), -1);
  map.header = header;
  for (size_t cell = 0; cell < header.size(); ++cell) {
    const std::string key = Key(io::WithoutTextMark(header[cell]));
    if (key.empty() || key == "stt" || key == "tt" || key == "no") continue;
    int found = -1;
    for (size_t i = 0; i < specs.size() && found < 0; ++i)
      for (std::string_view name : specs[i].names)
        if (Key(name) == key) {
          found = static_cast<int>(i);
          break;
        }
    if (found < 0) {
      report.warnings.push_back({1, header[cell], "", "warning.activity_file_unknown_column", {header[cell]}});
      continue;
    }
    int& slot = map.cell_of[static_cast<size_t>(found)];
    if (slot >= 0)
      return Error::Make(ErrorCode::kInvalidArgument, "error.import_duplicate_column",
                         {header[static_cast<size_t>(slot)], header[cell], std::string(specs[found].field)});
    slot = static_cast<int>(cell);
  }
  std::string missing;
  for (std::string_view field : required)
    if (map.Cell(field) < 0) {
      if (!missing.empty()) missing += ", ";
      for (const ColumnSpec& spec : specs)
        if (spec.field == field) missing += std::string(spec.names.front());
    }
  if (!missing.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "error.activity_file_missing_columns", {missing});
  return map;
}

Result<std::unique_ptr<io::RowSource>> OpenBytes(std::string bytes) {
  io::CsvReadOptions options;
  options.numbering = io::RowNumbering::kRecords;  // rows as the spreadsheet shows them
  return io::OpenTableFromBytes(std::move(bytes), options);
}

// Reads every row of `source` through `on_row` (blank rows and rows with nothing this map
// reads skipped); a row error of the reader is reported against its row.
template <class OnRow>
Status EachRow(io::RowSource& source, const ColumnMap& map, ImportReport& report, OnRow on_row) {
  std::vector<std::string> cells;
  int row = 0;
  while (true) {
    Result<bool> next = source.Next(cells, row);
    if (!next.ok()) {
      if (!io::IsRowError(next.error())) return std::move(next).error();
      const Error& e = next.error();
      int at = e.args.empty() ? 0 : static_cast<int>(Integer(e.args[0]).value_or(0));
      ++report.rows;
      report.errors.push_back({at, "", "", e.key, e.args});
      continue;
    }
    if (!*next) return Ok();
    if (map.Empty(cells)) continue;
    ++report.rows;
    HOPTAC_TRY(on_row(cells, row));
  }
}

// Splits a service field ("items[3].birth_year", "programmes[0].contents[1]",
// "participants.female") into the item index (or -1) and the file's field.
std::pair<int, std::string> SplitField(std::string_view field) {
  int index = -1;
  if (field.starts_with("items[")) {
    size_t close = field.find(']');
    index = static_cast<int>(Integer(field.substr(6, close - 6)).value_or(-1));
    field = close + 2 <= field.size() ? field.substr(close + 2) : std::string_view();
  }
  if (field.starts_with("participants.")) field.remove_prefix(13);
  size_t end = field.find_first_of(".[");
  return {index, std::string(field.substr(0, end))};
}

// ---- Writing ----

class TableWriter {
 public:
  static Result<TableWriter> Create(TableFormat format, const std::string& path, const std::vector<std::string>& header,
                                    std::vector<bool> date_columns = {}) {
    TableWriter w;
    w.format_ = format;
    if (format == TableFormat::kCsv) {
      HOPTAC_ASSIGN_OR_RETURN(w.csv_, io::CsvWriter::Create(path));
      HOPTAC_TRY(w.csv_->WriteRow(std::span<const std::string>(header)));
    } else {
      io::XlsxStreamOptions options;
      options.sheet_name = "Danh sách";
      options.date_columns = std::move(date_columns);
      HOPTAC_ASSIGN_OR_RETURN(w.xlsx_, io::XlsxStreamWriter::Create(path, options));
      HOPTAC_TRY(w.xlsx_->WriteHeader(header));
    }
    return w;
  }

  // `number` marks the cells that are numbers (written as numbers in XLSX); a CSV text cell that
  // looks like a formula gets an apostrophe (io::AsTextCell), which the import removes again.
  Status Row(const std::vector<std::string>& cells, const std::vector<bool>& number) {
    if (format_ == TableFormat::kCsv) {
      std::vector<std::string> out;
      for (size_t i = 0; i < cells.size(); ++i)
        out.push_back(i < number.size() && number[i] ? cells[i] : io::AsTextCell(cells[i]));
      return csv_->WriteRow(std::span<const std::string>(out));
    }
    std::vector<double> numbers(cells.size());
    std::vector<io::XlsxCell> out;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i < number.size() && number[i] && !cells[i].empty()) {
        numbers[i] = static_cast<double>(Integer(cells[i]).value_or(0));
        out.emplace_back(numbers[i]);
      } else if (cells[i].empty()) {
        out.emplace_back(std::monostate());
      } else {
        out.emplace_back(std::string_view(cells[i]));
      }
    }
    return xlsx_->WriteRow(std::span<const io::XlsxCell>(out));
  }

  Status Close() { return format_ == TableFormat::kCsv ? csv_->Close() : xlsx_->Close(); }

 private:
  TableFormat format_ = TableFormat::kCsv;
  std::unique_ptr<io::CsvWriter> csv_;
  std::unique_ptr<io::XlsxStreamWriter> xlsx_;
};

std::vector<std::string> Headings(const std::vector<ColumnSpec>& specs) {
  std::vector<std::string> out;
  for (const ColumnSpec& s : specs) out.emplace_back(s.names.front());
  return out;
}

std::string DateText(const Date& d, TableFormat format) {
  if (format == TableFormat::kXlsx) return d.ToIso();  // an Excel date (date_columns)
  std::string iso = d.ToIso();                         // dd/mm/yyyy, as Vietnamese offices write
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
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

std::string TypeName(std::string_view type) { return NameOf(kTypeNames, type); }
std::string StatusName(std::string_view status) { return NameOf(kStatusNames, status); }
std::string OrganiserName(std::string_view organiser) { return NameOf(kOrganiserNames, organiser); }

// ---- Participants ----

Result<ParticipantsImport> ImportParticipants(ActivityService& service, const Principal& who, int64_t id,
                                              std::string bytes, bool dry_run) {
  // Scope first: another province's activity is "not found" whatever the file holds.
  HOPTAC_ASSIGN_OR_RETURN(Activity activity, service.Get(who, id));
  {
    std::vector<Participant> none;
    HOPTAC_TRY(service.CheckParticipants(who, id, none));
  }
  ParticipantsImport out;
  ImportReport& report = out.report;
  HOPTAC_ASSIGN_OR_RETURN(auto source, OpenBytes(std::move(bytes)));
  HOPTAC_ASSIGN_OR_RETURN(ColumnMap map, MapColumns(ParticipantColumns(), source->header(), {"name"}, report));
  std::vector<int> rows;  // per item: its row
  HOPTAC_TRY(EachRow(*source, map, report, [&](const std::vector<std::string>& cells, int row) -> Status {
    Participant p;
    p.name = std::string(map.Value(cells, "name"));
    if (std::string_view sex = map.Value(cells, "sex"); !sex.empty()) {
      const std::string key = Key(sex);
      if (key == "nam" || key == "male" || key == "m") {
        p.sex = "male";
      } else if (key == "nu" || key == "female" || key == "f") {
        p.sex = "female";
      } else {
        report.errors.push_back({row, map.Heading("sex"), "sex", "field.activity_file_sex", {std::string(sex)}});
      }
    }
    if (std::string_view year = map.Value(cells, "birth_year"); !year.empty()) {
      if (auto y = Integer(year); y && *y > 0 && *y < 10000) {
        p.birth_year = static_cast<int>(*y);
      } else if (auto d = ReadDate(year)) {
        p.birth_year = d->year();
      } else {
        report.errors.push_back(
            {row, map.Heading("birth_year"), "birth_year", "field.activity_file_year", {std::string(year)}});
      }
    }
    if (std::string_view code = map.Value(cells, "entity"); !code.empty()) {
      if (auto entity = service.FindEntity(code)) {
        p.entity_id = *entity;
      } else {
        report.errors.push_back(
            {row, map.Heading("entity"), "entity", "field.activity_unknown_entity", {std::string(code)}});
      }
    }
    p.organisation = std::string(map.Value(cells, "organisation"));
    p.job_title = std::string(map.Value(cells, "position"));
    p.phone = std::string(map.Value(cells, "phone"));
    p.email = std::string(map.Value(cells, "email"));
    out.items.push_back(std::move(p));
    rows.push_back(row);
    return Ok();
  }));
  // The service's own checks, each problem put back on its row and column.
  Status checked = service.CheckParticipants(who, id, out.items);
  if (!checked.ok()) {
    const Error& e = checked.error();
    if (e.code != ErrorCode::kInvalidArgument) return e;
    if (e.fields.empty()) report.errors.push_back({0, "", "", e.key, e.args});
    for (const FieldError& f : e.fields) {
      auto [index, field] = SplitField(f.field);
      const int row = index >= 0 && index < static_cast<int>(rows.size()) ? rows[static_cast<size_t>(index)] : 0;
      report.errors.push_back({row, map.Heading(field), field, f.key, f.args});
    }
  }
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  out.counts = CountsOf(out.items, activity.from.year());
  if (!report.errors.empty() || dry_run) return out;
  HOPTAC_ASSIGN_OR_RETURN(Activity changed, service.SetParticipants(who, id, out.items));
  out.counts = changed.participants;
  report.applied = true;
  return out;
}

Status WriteParticipants(const ActivityService& service, std::span<const Participant> list, TableFormat format,
                         const std::string& path) {
  HOPTAC_ASSIGN_OR_RETURN(TableWriter w, TableWriter::Create(format, path, Headings(ParticipantColumns())));
  const std::vector<bool> number = {false, false, true};
  std::map<int64_t, std::string> codes;
  for (const Participant& p : list) {
    std::string entity;
    if (p.entity_id != 0) {
      auto found = codes.find(p.entity_id);
      if (found == codes.end()) {
        auto info = service.Entity(p.entity_id);
        std::string code =
            info.ok() && !info->registration_code.empty() ? info->registration_code : std::to_string(p.entity_id);
        found = codes.emplace(p.entity_id, std::move(code)).first;
      }
      entity = found->second;
    }
    HOPTAC_TRY(
        w.Row({p.name,
               p.sex == "female" ? "Nữ"
               : p.sex == "male" ? "Nam"
                                 : "",
               p.birth_year ? std::to_string(p.birth_year) : "", entity, p.organisation, p.job_title, p.phone, p.email},
              number));
  }
  return w.Close();
}

// ---- Activities ----

Result<ActivitiesImport> ImportActivities(ActivityService& service, const Principal& who, std::string bytes,
                                          bool dry_run) {
  if (!service.MayCreate(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  ActivitiesImport out;
  ImportReport& report = out.report;
  HOPTAC_ASSIGN_OR_RETURN(auto source, OpenBytes(std::move(bytes)));
  HOPTAC_ASSIGN_OR_RETURN(ColumnMap map,
                          MapColumns(ActivityColumns(), source->header(), {"type", "title", "from"}, report));
  std::vector<ActivityInput> inputs;
  std::vector<int> rows;
  std::map<std::string, std::optional<ProgrammeInfo>> programmes;  // by code
  HOPTAC_TRY(EachRow(*source, map, report, [&](const std::vector<std::string>& cells, int row) -> Status {
    if (inputs.size() >= static_cast<size_t>(kMaxExportRows))
      return Error::InvalidField("file", "too_many", "field.too_many_items", {std::to_string(kMaxExportRows)});
    ActivityInput in;
    auto problem = [&](std::string_view field, std::string key, std::vector<std::string> args) {
      report.errors.push_back({row, map.Heading(field), std::string(field), std::move(key), std::move(args)});
    };
    auto coded = [&](std::string_view field, std::span<const Named> names, std::optional<std::string>& into) {
      std::string_view cell = map.Value(cells, field);
      if (cell.empty()) return;
      std::string code = CodeOf(names, cell);
      if (code.empty())
        problem(field, "field.invalid_enum", {std::string(cell), NamesList(names)});
      else
        into = std::move(code);
    };
    coded("type", kTypeNames, in.type);
    coded("status", kStatusNames, in.status);
    coded("organiser", kOrganiserNames, in.organiser);
    in.title = std::string(map.Value(cells, "title"));
    for (std::string_view field : {"from", "to"}) {
      std::string_view cell = map.Value(cells, field);
      if (cell.empty()) continue;
      auto d = ReadDate(cell);
      if (!d) {
        problem(field, "field.activity_file_date", {std::string(cell)});
        continue;
      }
      (field == "from" ? in.from : in.to) = *d;
    }
    if (auto v = map.Value(cells, "province"); !v.empty()) in.province = std::string(v);
    if (auto v = map.Value(cells, "commune"); !v.empty()) in.commune = std::string(v);
    if (auto v = map.Value(cells, "place"); !v.empty()) in.place = std::string(v);
    if (auto v = map.Value(cells, "outcomes"); !v.empty()) in.outcomes = std::string(v);
    // Counts: any given sets them (the others 0).
    Counts counts;
    bool any_count = false;
    for (std::string_view field : {"total", "female", "youth"}) {
      std::string_view cell = map.Value(cells, field);
      if (cell.empty()) continue;
      auto n = Integer(cell);
      if (!n) {
        problem(field, "field.invalid_integer", {std::string(cell)});
        continue;
      }
      any_count = true;
      (field == "total" ? counts.total : field == "female" ? counts.female : counts.youth) = *n;
    }
    if (any_count) in.participants = counts;
    // Programmes: "LS-TN:2,3; KH-01".
    if (std::string_view cell = map.Value(cells, "programmes"); !cell.empty()) {
      std::vector<ProgrammeLink> links;
      size_t start = 0;
      while (start <= cell.size()) {
        size_t end = cell.find_first_of(";\n", start);
        if (end == std::string_view::npos) end = cell.size();
        std::string_view part = Trim(cell.substr(start, end - start));
        start = end + 1;
        if (part.empty()) continue;
        size_t colon = part.find(':');
        const std::string code(Trim(part.substr(0, colon)));
        ProgrammeLink link;
        bool ok = true;
        if (colon != std::string_view::npos) {
          std::string_view list = part.substr(colon + 1);
          size_t at = 0;
          while (at <= list.size()) {
            size_t comma = list.find(',', at);
            if (comma == std::string_view::npos) comma = list.size();
            std::string_view number = Trim(list.substr(at, comma - at));
            at = comma + 1;
            if (number.empty()) continue;
            auto n = Integer(number);
            if (!n || *n <= 0 || *n > 100000) {
              ok = false;
              break;
            }
            link.contents.push_back(static_cast<int>(*n));
          }
        }
        if (!ok || code.empty()) {
          problem("programmes", "field.activity_file_programme", {std::string(part)});
          continue;
        }
        auto known = programmes.find(code);
        if (known == programmes.end()) {
          HOPTAC_ASSIGN_OR_RETURN(auto info, service.ProgrammeByCode(who, code));
          known = programmes.emplace(code, std::move(info)).first;
        }
        if (!known->second) {
          problem("programmes", "field.activity_unknown_programme", {code});
          continue;
        }
        link.programme_id = known->second->id;
        links.push_back(std::move(link));
      }
      in.programmes = std::move(links);
    }
    // The service's checks of a row the file's own problems left whole.
    if (report.errors.empty() || report.errors.back().row != row) {
      auto checked = service.CheckCreate(who, in);
      if (checked.ok()) {
        out.items.push_back(std::move(*checked));
      } else {
        const Error& e = checked.error();
        if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kPermissionDenied) return e;
        if (e.fields.empty()) problem("", e.key, e.args);
        for (const FieldError& f : e.fields) {
          std::string field = SplitField(f.field).second;
          problem(field, f.key, f.args);
        }
      }
    }
    inputs.push_back(std::move(in));
    rows.push_back(row);
    return Ok();
  }));
  if (!report.errors.empty() || dry_run) return out;
  HOPTAC_ASSIGN_OR_RETURN(out.items, service.CreateAll(who, inputs));
  report.applied = true;
  return out;
}

Result<int64_t> WriteActivities(const ActivityService& service, const Principal& who, ActivityQuery query,
                                TableFormat format, const std::string& path) {
  query.limit = kMaxExportRows;
  query.offset = 0;
  HOPTAC_ASSIGN_OR_RETURN(ActivityPage page, service.List(who, query));
  std::vector<bool> dates(ActivityColumns().size(), false);
  dates[4] = dates[5] = true;
  HOPTAC_ASSIGN_OR_RETURN(TableWriter w, TableWriter::Create(format, path, Headings(ActivityColumns()), dates));
  std::vector<bool> number(ActivityColumns().size(), false);
  number[0] = number[11] = number[12] = number[13] = number[14] = true;
  std::map<int64_t, std::string> codes;  // programme id → code, "" when the reader may not read it
  for (const Activity& a : page.items) {
    std::string programmes;
    for (const ProgrammeLink& link : a.programmes) {
      auto found = codes.find(link.programme_id);
      if (found == codes.end()) {
        HOPTAC_ASSIGN_OR_RETURN(auto info, service.Programme(who, link.programme_id));
        found = codes.emplace(link.programme_id, info ? info->code : std::string()).first;
      }
      if (found->second.empty()) continue;
      if (!programmes.empty()) programmes += "; ";
      programmes += found->second;
      for (size_t k = 0; k < link.contents.size(); ++k)
        programmes += (k == 0 ? ":" : ",") + std::to_string(link.contents[k]);
    }
    HOPTAC_TRY(w.Row({std::to_string(a.id), TypeName(a.type), a.title, StatusName(a.status), DateText(a.from, format),
                      DateText(a.to, format), a.province_code, a.commune_code, a.place, OrganiserName(a.organiser),
                      programmes, std::to_string(a.entity_ids.size()), std::to_string(a.participants.total),
                      std::to_string(a.participants.female), std::to_string(a.participants.youth), a.outcomes},
                     number));
  }
  HOPTAC_TRY(w.Close());
  return static_cast<int64_t>(page.items.size());
}

}  // namespace hoptac::activities

#include "registry/export.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <utility>

#include "io/csv.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "registry/entity_query.h"
#include "registry/figures.h"
#include "registry/import/import_columns.h"
#include "registry/period.h"
#include "registry/status_history.h"

namespace hoptac::registry {

using storage::Int;
using storage::RowView;
using storage::Value;

const char* ExportFormatName(ExportFormat format) { return format == ExportFormat::kCsv ? "csv" : "xlsx"; }

std::optional<ExportFormat> ExportFormatFromName(std::string_view name) {
  for (ExportFormat format : kExportFormats)
    if (name == ExportFormatName(format)) return format;
  return std::nullopt;
}

std::string ExportFormatNames() {
  std::string names;
  for (ExportFormat format : kExportFormats) names += std::string(names.empty() ? "" : ", ") + ExportFormatName(format);
  return names;
}

std::optional<ExportFormat> ExportFormatFromPath(std::string_view path) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string extension(path.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ExportFormatFromName(extension);
}

const char* ExportContentType(ExportFormat format) {
  return format == ExportFormat::kCsv ? "text/csv; charset=utf-8"
                                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

namespace {

// Callers who see every field of the entities they may read.
bool SeesAllColumns(const auth::Principal& who) {
  return who.national() || who.province_bound() || (who.authenticated() && who.role == auth::Role::kCooperative);
}

// Rows go to one of these.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Header(const std::vector<std::string>& names) = 0;
  // `numeric[i]`: cell i holds an integer (or is empty).
  virtual Status Row(const std::vector<std::string>& cells, const std::vector<bool>& numeric) = 0;
  virtual Status Close() = 0;
};

// A text cell a spreadsheet would run as a formula is written as text (io::AsTextCell); the
// importer removes the mark again (TrimCell), so an export still imports back unchanged.
// Numbers (numeric cells: "-5") are written as they are.
class CsvSink final : public Sink {
 public:
  explicit CsvSink(std::unique_ptr<io::CsvWriter> writer) : writer_(std::move(writer)) {}
  Status Header(const std::vector<std::string>& names) override { return writer_->WriteRow(names); }
  Status Row(const std::vector<std::string>& cells, const std::vector<bool>& numeric) override {
    bool risky = false;
    for (size_t i = 0; i < cells.size() && !risky; ++i) risky = !numeric[i] && io::StartsLikeAFormula(cells[i]);
    if (!risky) return writer_->WriteRow(cells);
    safe_.resize(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) safe_[i] = numeric[i] ? cells[i] : io::AsTextCell(cells[i]);
    return writer_->WriteRow(safe_);
  }
  Status Close() override { return writer_->Close(); }

 private:
  std::unique_ptr<io::CsvWriter> writer_;
  std::vector<std::string> safe_;
};

class XlsxSink final : public Sink {
 public:
  explicit XlsxSink(std::unique_ptr<io::XlsxStreamWriter> writer) : writer_(std::move(writer)) {}
  Status Header(const std::vector<std::string>& names) override { return writer_->WriteHeader(names); }
  Status Row(const std::vector<std::string>& cells, const std::vector<bool>& numeric) override {
    cells_.resize(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string& text = cells[i];
      int64_t value = 0;
      if (text.empty()) {
        cells_[i] = std::monostate{};
      } else if (numeric[i] && std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc()) {
        // Integers: counts, years and VND (all far below 2^53, so exact as doubles).
        cells_[i] = static_cast<double>(value);
      } else {
        cells_[i] = std::string_view(text);
      }
    }
    return writer_->WriteRow(cells_);
  }
  Status Close() override { return writer_->Close(); }

 private:
  std::unique_ptr<io::XlsxStreamWriter> writer_;
  std::vector<io::XlsxCell> cells_;
};

// One entity of a page.
struct Item {
  int64_t id = 0;
  std::string registration_code, kind, name, province_code, commune_code, address, sector;
  std::optional<Date> founded_on, province_as_of;
  bool women_managed = false, youth = false;
  std::string chair_name, chair_sex, chair_birth_year, phone, email, union_code;
  std::vector<domain::StatusEvent> events;  // in date order
};

constexpr int kPageSize = 1000;

std::string Text(const RowView& row, int column) { return std::string(row.GetText(column)); }

// The status on `on` and the date it began; both empty before founding.
std::pair<std::string, std::string> StatusAndSince(const Item& item, Date on) {
  domain::StatusTimeline timeline = domain::BuildTimeline(item.events, item.founded_on);
  if (!timeline.ExistsOn(on.days())) return {"", ""};
  std::string since;
  for (const auto& [day, status] : timeline.changes) {
    if (day > on.days()) break;
    since = day == domain::StatusTimeline::kSinceForever ? "" : Date::FromDays(day).ToIso();
  }
  return {domain::EntityStatusName(timeline.At(on.days())), since};
}

class Exporter {
 public:
  Exporter(const auth::Principal& who, const ExportRequest& request, EntityQuery query, Sink& sink)
      : who_(who), request_(request), query_(std::move(query)), sink_(sink) {}

  Status Run(storage::Connection& conn) {
    columns_ = ExportColumns(request_.file, who_);
    if (request_.vietnamese) {
      std::vector<std::string> headings;
      for (const std::string& column : columns_) headings.push_back(VietnameseHeading(request_.file, column));
      HOPTAC_TRY(sink_.Header(headings));
    } else {
      HOPTAC_TRY(sink_.Header(columns_));
    }
    for (const std::string& name : columns_) {
      numeric_.push_back(name == "chair_birth_year" ||
                         (request_.file == FileType::kFigures && name != "period" && name != "registration_code"));
    }
    if (request_.file == FileType::kEntities) {
      position_.assign(kEntityColumns.size(), -1);
      for (size_t i = 0; i < columns_.size(); ++i)
        position_[static_cast<size_t>(std::find(kEntityColumns.begin(), kEntityColumns.end(), columns_[i]) -
                                      kEntityColumns.begin())] = static_cast<int>(i);
    }
    cells_.resize(columns_.size());
    int64_t last_id = 0;
    while (true) {
      int64_t seen = 0;
      HOPTAC_TRY(ReadPage(conn, last_id, seen));
      if (seen == 0) break;
      last_id = last_seen_;
      if (page_.empty()) continue;
      int64_t first_id = page_.front().id;
      bool need_events = request_.file != FileType::kFigures || query_.status.has_value();
      if (need_events) HOPTAC_TRY(ReadEvents(conn, first_id, page_.back().id));
      // Post-filters SQL cannot decide: status on a date (word prefixes were checked while reading).
      std::erase_if(page_, [this](const Item& item) { return !query_.MatchesStatus(item.events, item.founded_on); });
      summary_.entities += static_cast<int64_t>(page_.size());
      if (page_.empty()) continue;
      switch (request_.file) {
        case FileType::kEntities:
          for (const Item& item : page_) HOPTAC_TRY(WriteEntity(item));
          break;
        case FileType::kEvents:
          for (const Item& item : page_) {
            for (const domain::StatusEvent& event : item.events) {
              cells_[0] = item.registration_code;
              cells_[1] = event.date.ToIso();
              cells_[2] = request_.vietnamese ? domain::EventTypeLabel(event.type, i18n::Lang::kVi)
                                              : std::string(domain::EventTypeName(event.type));
              cells_[3] = event.note;
              HOPTAC_TRY(Write());
            }
          }
          break;
        case FileType::kFigures: HOPTAC_TRY(WriteFigures(conn, page_.front().id, page_.back().id)); break;
      }
    }
    if (request_.on_progress) request_.on_progress(summary_.rows);
    summary_.columns = columns_;
    return Ok();
  }

  const ExportSummary& summary() const { return summary_; }

 private:
  // The next page of entities after `after_id` that match the SQL filters and the
  // search words; last_seen_ is the last id read (page_ may be empty when every row
  // of the page failed the search words). Nothing read: the end.
  Status ReadPage(storage::Connection& conn, int64_t after_id, int64_t& seen) {
    page_.clear();
    seen = 0;
    EntityQuery page_query = query_;
    page_query.And("e.id > ", Int(after_id));
    std::string sql =
        "SELECT e.id, e.registration_code, e.kind, e.name, e.province_code, e.commune_code, e.address, e.sector, "
        "e.founded_on, e.women_managed, e.youth, e.chair_name, e.chair_sex, e.chair_birth_year, e.phone, e.email, "
        "(SELECT u.registration_code FROM entities u WHERE u.id = e.union_id), e.province_as_of, "
        "e.current_province_code "
        "FROM entities e "
        "WHERE " +
        page_query.where + " ORDER BY e.id LIMIT " + std::to_string(kPageSize);
    HOPTAC_TRY(conn.Query(sql, page_query.params, [&](const RowView& row) -> Status {
      ++seen;
      last_seen_ = row.GetInt(0);
      if (!query_.MatchesSearch(row.GetText(3), row.GetText(18), row.IsNull(5) ? "" : row.GetText(5))) return Ok();
      Item& item = page_.emplace_back();
      item.id = row.GetInt(0);
      item.registration_code = Text(row, 1);
      item.kind = Text(row, 2);
      item.name = Text(row, 3);
      item.province_code = Text(row, 4);
      item.commune_code = Text(row, 5);
      item.address = Text(row, 6);
      item.sector = Text(row, 7);
      if (!row.IsNull(8)) item.founded_on = Date::ParseIso(row.GetText(8));
      item.women_managed = row.GetInt(9) != 0;
      item.youth = row.GetInt(10) != 0;
      item.chair_name = Text(row, 11);
      item.chair_sex = Text(row, 12);
      item.chair_birth_year = row.IsNull(13) ? "" : std::to_string(row.GetInt(13));
      item.phone = Text(row, 14);
      item.email = Text(row, 15);
      item.union_code = Text(row, 16);
      if (!row.IsNull(17)) item.province_as_of = Date::ParseIso(row.GetText(17));
      return Ok();
    }));
    last_seen_ = seen > 0 ? last_seen_ : after_id;
    return Ok();
  }

  // The SQL selection restricted to ids first_id … last_id, for sub-queries.
  std::pair<std::string, std::vector<Value>> Range(int64_t first_id, int64_t last_id) const {
    EntityQuery range = query_;
    range.And("e.id >= ", Int(first_id));
    range.And("e.id <= ", Int(last_id));
    return {"SELECT e.id FROM entities e WHERE " + range.where, std::move(range.params)};
  }

  Status ReadEvents(storage::Connection& conn, int64_t first_id, int64_t last_id) {
    auto [ids, params] = Range(first_id, last_id);
    size_t at = 0;
    return conn.Query(
        "SELECT v.entity_id, v.date, v.type, v.note, v.converted_to FROM entity_events v WHERE v.entity_id IN (" + ids +
            ") ORDER BY v.entity_id, v.date, v.id",
        params, [&](const RowView& row) -> Status {
          int64_t id = row.GetInt(0);
          while (at < page_.size() && page_[at].id < id) ++at;
          if (at == page_.size() || page_[at].id != id) return Ok();  // not on the page (search words)
          domain::StatusEvent event;
          event.date = Date::ParseIso(row.GetText(1)).value_or(Date());
          event.type = domain::EventTypeFromName(row.GetText(2)).value_or(domain::EventType::kReorganised);
          event.note = Text(row, 3);
          if (!row.IsNull(4)) event.converted_to = domain::EntityKindFromName(row.GetText(4));
          page_[at].events.push_back(std::move(event));
          return Ok();
        });
  }

  Status WriteEntity(const Item& item) {
    auto [status, since] = StatusAndSince(item, query_.as_of);
    // Assigned, not built: the cells keep their capacity from row to row.
    auto set = [this](size_t canonical, std::string_view value) {
      if (int at = position_[canonical]; at >= 0) cells_[static_cast<size_t>(at)].assign(value);
    };
    // Vietnamese labels for the codes when asked (the importer reads both).
    const bool vi = request_.vietnamese;
    auto label = [vi](const std::string& code, auto from_name, auto label_of) -> std::string {
      if (!vi || code.empty()) return code;
      auto value = from_name(code);
      return value ? label_of(*value, i18n::Lang::kVi) : code;
    };
    auto yes_no = [vi](bool value) -> std::string {
      if (!vi) return value ? "true" : "false";
      return value ? "Có" : "Không";
    };
    set(0, item.registration_code);
    set(1, label(item.kind, domain::EntityKindFromName, domain::EntityKindLabel));
    set(2, item.name);
    set(3, item.province_code);
    set(4, item.commune_code);
    set(5, item.address);
    set(6, label(item.sector, domain::SectorFromName, domain::SectorLabel));
    set(7, item.founded_on ? item.founded_on->ToIso() : "");
    set(8, label(status, domain::EntityStatusFromName, domain::EntityStatusLabel));
    set(9, since);
    set(10, yes_no(item.women_managed));
    set(11, yes_no(item.youth));
    set(12, item.chair_name);
    set(13, label(item.chair_sex, domain::SexFromName, domain::SexLabel));
    set(14, item.chair_birth_year);
    set(15, item.phone);
    set(16, item.email);
    set(17, item.union_code);
    set(18, item.province_as_of ? item.province_as_of->ToIso() : "");
    return Write();
  }

  Status WriteFigures(storage::Connection& conn, int64_t first_id, int64_t last_id) {
    auto [ids, params] = Range(first_id, last_id);
    std::string sql = "SELECT f.entity_id, f.period";
    for (const auto& field : domain::FigureFields()) sql += ", f." + std::string(field.name);
    sql += " FROM entity_figures f WHERE f.entity_id IN (" + ids + ") ORDER BY f.entity_id, f.period_end, f.period";
    // One entity's rows at a time, put in period order.
    std::vector<std::pair<domain::Period, std::vector<std::string>>> rows;
    size_t at = 0;
    auto flush = [&]() -> Status {
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [period, cells] : rows) {
        for (size_t i = 0; i < cells.size(); ++i) cells_[i] = std::move(cells[i]);
        HOPTAC_TRY(Write());
      }
      rows.clear();
      return Ok();
    };
    int64_t current = 0;
    HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
      int64_t id = row.GetInt(0);
      while (at < page_.size() && page_[at].id < id) ++at;
      if (at == page_.size() || page_[at].id != id) return Ok();
      if (id != current) {
        HOPTAC_TRY(flush());
        current = id;
      }
      auto period = domain::ParsePeriod(row.GetText(1));
      std::vector<std::string> cells;
      cells.reserve(columns_.size());
      cells.push_back(page_[at].registration_code);
      cells.push_back(period.ok() ? period->ToString() : Text(row, 1));
      for (int i = 2; i < row.size(); ++i) cells.push_back(row.IsNull(i) ? "" : std::to_string(row.GetInt(i)));
      rows.emplace_back(period.ok() ? *period : domain::Period(), std::move(cells));
      return Ok();
    }));
    return flush();
  }

  Status Write() {
    if (request_.format == ExportFormat::kXlsx && summary_.rows >= kMaxXlsxDataRows)
      return Error::Make(ErrorCode::kInvalidArgument, "error.export_too_many_rows_xlsx",
                         {std::to_string(kMaxXlsxDataRows)});
    HOPTAC_TRY(sink_.Row(cells_, numeric_));
    ++summary_.rows;
    if (request_.on_progress && summary_.rows % 10000 == 0) request_.on_progress(summary_.rows);
    return Ok();
  }

  const auth::Principal& who_;
  const ExportRequest& request_;
  EntityQuery query_;
  Sink& sink_;
  std::vector<std::string> columns_;
  std::vector<bool> numeric_;
  std::vector<int> position_;  // entities: written position of each canonical column, -1: not written
  std::vector<std::string> cells_;
  std::vector<Item> page_;
  int64_t last_seen_ = 0;
  ExportSummary summary_;
};

}  // namespace

std::vector<std::string> ExportColumns(FileType file, const auth::Principal& who) {
  std::vector<std::string> out;
  auto add = [&out](const auto& names) {
    for (std::string_view name : names) out.emplace_back(name);
  };
  switch (file) {
    case FileType::kEntities:
      for (std::string_view name : kEntityColumns)  // the public ones: domain::IsPublicAttribute
        if (SeesAllColumns(who) || domain::IsPublicAttribute(name)) out.emplace_back(name);
      break;
    case FileType::kEvents: add(kEventColumns); break;
    case FileType::kFigures: add(kFigureColumns); break;
  }
  return out;
}

Result<ExportSummary> ExportToFile(storage::Db& db, const geo::AdminUnitDirectory& units, const auth::Principal& who,
                                   const ExportRequest& request, const std::string& path) {
  if (request.file != FileType::kEntities && !SeesAllColumns(who)) {
    if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  }
  HOPTAC_ASSIGN_OR_RETURN(EntityQuery query, BuildEntityQuery(who, request.filters, units, Date::Today()));
  std::unique_ptr<Sink> sink;
  if (request.format == ExportFormat::kCsv) {
    HOPTAC_ASSIGN_OR_RETURN(auto writer, io::CsvWriter::Create(path));
    sink = std::make_unique<CsvSink>(std::move(writer));
  } else {
    io::XlsxStreamOptions options;
    options.sheet_name = FileTypeName(request.file);
    // Values that repeat from row to row go through the shared-string table; dates are Excel dates.
    static constexpr std::string_view kRepeating[] = {
        "kind",      "province_code",           "commune_code", "sector", "status", "women_managed", "youth",
        "chair_sex", "union_registration_code", "event",        "note",   "period"};
    static constexpr std::string_view kDates[] = {"founded_on", "status_since", "date", "province_as_of"};
    auto among = [](const auto& names, const std::string& column) {
      return std::find(std::begin(names), std::end(names), column) != std::end(names);
    };
    for (const std::string& column : ExportColumns(request.file, who)) {
      options.shared_string_columns.push_back(among(kRepeating, column));
      options.date_columns.push_back(among(kDates, column));
    }
    HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
    sink = std::make_unique<XlsxSink>(std::move(writer));
  }
  Exporter exporter(who, request, std::move(query), *sink);
  Status status = db.Read([&](storage::Connection& conn) { return exporter.Run(conn); });
  if (status.ok()) status = sink->Close();
  if (!status.ok()) {
    sink.reset();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return std::move(status).error();
  }
  return exporter.summary();
}

namespace {

template <typename Enum, size_t N>
std::string AllowedLabels(const Enum (&values)[N], std::string (*label)(Enum, i18n::Lang)) {
  std::string out;
  for (Enum value : values) out += (out.empty() ? "" : " / ") + label(value, i18n::Lang::kVi);
  return out;
}

// The allowed values of a coded column, or what its cells hold; empty when it says nothing more.
std::string TemplateNote(FileType file, std::string_view column) {
  if (column == "kind" || column == "converted_to") return AllowedLabels(domain::kEntityKinds, domain::EntityKindLabel);
  if (column == "sector") return AllowedLabels(domain::kSectors, domain::SectorLabel);
  if (column == "status") return AllowedLabels(domain::kEntityStatuses, domain::EntityStatusLabel);
  if (column == "event") return AllowedLabels(domain::kEventTypes, domain::EventTypeLabel);
  if (column == "chair_sex") return "Nam / Nữ";
  if (column == "women_managed" || column == "youth") return "Có / Không";
  if (column == "founded_on" || column == "status_since" || column == "date" || column == "province_as_of")
    return "năm-tháng-ngày hoặc ngày/tháng/năm";
  if (column == "province_code") return "tên hoặc mã tỉnh/thành phố";
  if (column == "period" && file == FileType::kFigures) return "năm 2024 hoặc nửa năm 2024S1 hoặc quý 2024Q2";
  return "";
}

std::string TemplateExample(FileType file, std::string_view column) {
  static const std::pair<std::string_view, std::string_view> kEntity[] = {{"registration_code", "1401000123"},
                                                                          {"kind", "Hợp tác xã"},
                                                                          {"name", "Hợp tác xã Nông nghiệp Thanh Trì"},
                                                                          {"province_code", "Hà Nội"},
                                                                          {"address", "Thôn 1, xã Thanh Trì"},
                                                                          {"sector", "Nông nghiệp"},
                                                                          {"founded_on", "2020-01-31"},
                                                                          {"status", "Đang hoạt động"},
                                                                          {"women_managed", "Không"},
                                                                          {"youth", "Không"},
                                                                          {"chair_name", "Nguyễn Văn An"},
                                                                          {"chair_sex", "Nam"},
                                                                          {"chair_birth_year", "1975"},
                                                                          {"phone", "0901234567"},
                                                                          {"email", "htx.thanhtri@example.vn"}};
  static const std::pair<std::string_view, std::string_view> kEvent[] = {{"registration_code", "1401000123"},
                                                                         {"date", "2024-06-30"},
                                                                         {"event", "Tạm ngừng hoạt động"},
                                                                         {"note", "Theo đề nghị của hợp tác xã"}};
  static const std::pair<std::string_view, std::string_view> kFigure[] = {{"registration_code", "1401000123"},
                                                                          {"period", "2024"},
                                                                          {"members_total", "25"},
                                                                          {"members_female", "10"},
                                                                          {"members_youth", "5"},
                                                                          {"workers_total", "30"},
                                                                          {"workers_female", "12"},
                                                                          {"workers_members", "20"},
                                                                          {"revenue_vnd", "1500000000"},
                                                                          {"revenue_with_members_vnd", "600000000"},
                                                                          {"profit_vnd", "120000000"},
                                                                          {"avg_income_vnd_month", "6500000"},
                                                                          {"charter_capital_vnd", "500000000"}};
  auto find = [column](const auto& table) -> std::string {
    for (const auto& [name, value] : table)
      if (name == column) return std::string(value);
    return "";
  };
  switch (file) {
    case FileType::kEntities: return find(kEntity);
    case FileType::kEvents: return find(kEvent);
    case FileType::kFigures: break;
  }
  return find(kFigure);
}

}  // namespace

Status WriteImportTemplate(FileType file, ExportFormat format, const std::string& path) {
  std::vector<std::string> header, example;
  std::vector<bool> numeric;
  for (std::string_view column : ImportColumns(file)) {
    std::string heading = VietnameseHeading(file, column);
    if (std::string note = TemplateNote(file, column); !note.empty()) heading += " (" + note + ")";
    header.push_back(std::move(heading));
    example.push_back(TemplateExample(file, column));
    numeric.push_back(column == "chair_birth_year" ||
                      (file == FileType::kFigures && column != "period" && column != "registration_code"));
  }
  std::unique_ptr<Sink> sink;
  if (format == ExportFormat::kCsv) {
    HOPTAC_ASSIGN_OR_RETURN(auto writer, io::CsvWriter::Create(path));
    sink = std::make_unique<CsvSink>(std::move(writer));
  } else {
    io::XlsxStreamOptions options;
    options.sheet_name = FileTypeName(file);
    HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
    sink = std::make_unique<XlsxSink>(std::move(writer));
  }
  Status status = sink->Header(header);
  if (status.ok()) status = sink->Row(example, numeric);
  if (status.ok()) status = sink->Close();
  if (!status.ok()) {
    sink.reset();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  return status;
}

}  // namespace hoptac::registry

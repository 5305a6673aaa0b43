// The petitions' export: the rows the list shows, with Vietnamese headings, as CSV (UTF-8 with
// a byte-order mark and CRLF, as the registry's export writes it) or XLSX (dates as Excel
// dates, numbers as numbers), through io::CsvWriter and io::XlsxStreamWriter.
#include <map>

#include "io/csv.h"
#include "io/xlsx_stream.h"
#include "petitions/petition_service.h"
#include "petitions/petition_store.h"
#include "text/i18n.h"

namespace hoptac::petitions {
namespace {

const std::vector<std::string>& Headings() {
  static const std::vector<std::string> kHeadings = {
      "Mã kiến nghị",  "Ngày kiến nghị",   "Tỉnh",        "Chủ đề",          "Nội dung",
      "HTX kiến nghị", "Gửi đến",          "Nguồn",       "Trạng thái",      "Cán bộ xử lý",
      "Cơ quan xử lý", "Ngày giao",        "Hạn trả lời", "Số ngày quá hạn", "Nội dung trả lời",
      "Ngày trả lời",  "Công khai trả lời"};
  return kHeadings;
}
constexpr size_t kDateColumns[] = {1, 11, 12, 15};
constexpr size_t kNumberColumn = 13;

std::string DateText(const std::optional<Date>& d, bool xlsx) {
  if (!d) return "";
  const std::string iso = d->ToIso();
  if (xlsx) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace

Result<int64_t> PetitionService::Export(const auth::Principal& who, PetitionQuery query, bool xlsx,
                                        const std::string& path) const {
  query.limit = kMaxExportRows;
  query.offset = 0;
  HOPTAC_ASSIGN_OR_RETURN(PetitionPage page, List(who, query));
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Theme> themes, Themes());
  std::map<std::string, std::string> theme_names;
  for (const Theme& t : themes) theme_names[t.code] = t.name_vi;
  std::unique_ptr<io::CsvWriter> csv;
  std::unique_ptr<io::XlsxStreamWriter> sheet;
  if (xlsx) {
    io::XlsxStreamOptions options;
    options.sheet_name = "Kiến nghị";
    options.date_columns.assign(Headings().size(), false);
    for (size_t c : kDateColumns) options.date_columns[c] = true;
    HOPTAC_ASSIGN_OR_RETURN(sheet, io::XlsxStreamWriter::Create(path, options));
    HOPTAC_TRY(sheet->WriteHeader(Headings()));
  } else {
    HOPTAC_ASSIGN_OR_RETURN(csv, io::CsvWriter::Create(path));
    HOPTAC_TRY(csv->WriteRow(std::span<const std::string>(Headings())));
  }
  std::map<int64_t, std::string> entity_names, user_names;
  const Date today = Today();
  for (const Petition& p : page.items) {
    std::string entities;
    for (int64_t id : p.entity_ids) {
      auto found = entity_names.find(id);
      if (found == entity_names.end()) {
        auto r = entities_.Get(auth::Principal::Cli("petitions"), id);
        found = entity_names.emplace(id, r.ok() ? r->entity.name : std::to_string(id)).first;
      }
      if (!entities.empty()) entities += "; ";
      entities += found->second;
    }
    std::string assignee;
    if (p.assignee_user_id != 0) {
      auto found = user_names.find(p.assignee_user_id);
      if (found == user_names.end()) {
        auto person = Person(p.assignee_user_id);
        found = user_names
                    .emplace(p.assignee_user_id, person && !person->display_name.empty() ? person->display_name
                                                 : person                                ? person->username
                                                                                         : std::string())
                    .first;
      }
      assignee = found->second;
    }
    std::string addressed = i18n::Translate(i18n::Lang::kVi, "petition.addressed." + p.addressed_kind);
    if (!p.addressed_name.empty()) addressed += ": " + p.addressed_name;
    const int days_overdue = DaysOverdue(p, today);
    const auto theme = theme_names.find(p.theme);
    std::vector<std::string> cells = {p.code,
                                      DateText(p.raised_on, xlsx),
                                      ProvinceName(p.current_province_code),
                                      theme == theme_names.end() ? p.theme : theme->second,
                                      p.content,
                                      entities,
                                      addressed,
                                      p.source == "cooperative" ? "HTX gửi" : "Cán bộ ghi nhận",
                                      i18n::Translate(i18n::Lang::kVi, "petition.status." + p.status),
                                      assignee,
                                      p.agency,
                                      DateText(p.assigned_on, xlsx),
                                      DateText(p.due_on, xlsx),
                                      days_overdue > 0 ? std::to_string(days_overdue) : "",
                                      p.answer_text,
                                      p.answered_at_ms ? DateText(DayOf(p.answered_at_ms), xlsx) : "",
                                      p.answered_at_ms ? (p.answer_public ? "Có" : "Không") : ""};
    if (xlsx) {
      std::vector<io::XlsxCell> row;
      for (size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].empty())
          row.emplace_back(std::monostate());
        else if (i == kNumberColumn)
          row.emplace_back(static_cast<double>(days_overdue));
        else
          row.emplace_back(std::string_view(cells[i]));
      }
      HOPTAC_TRY(sheet->WriteRow(std::span<const io::XlsxCell>(row)));
    } else {
      for (size_t i = 0; i < cells.size(); ++i)
        if (i != kNumberColumn) cells[i] = io::AsTextCell(cells[i]);
      HOPTAC_TRY(csv->WriteRow(std::span<const std::string>(cells)));
    }
  }
  HOPTAC_TRY(xlsx ? sheet->Close() : csv->Close());
  return static_cast<int64_t>(page.items.size());
}

}  // namespace hoptac::petitions

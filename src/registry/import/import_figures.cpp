// Import of the figures file (registry/import.h).
#include <boost/json.hpp>
#include <map>
#include <unordered_map>

#include "registry/figures.h"
#include "registry/import/import_internal.h"
#include "registry/period.h"

namespace hoptac::registry::detail {
namespace {

using domain::Figures;
using storage::Int;
using storage::Null;
using storage::Row;
using storage::RowView;
using storage::Text;
using storage::Value;

struct Target {
  int64_t id = 0;
  domain::EntityKind kind = domain::EntityKind::kCooperative;
  std::string current_province_code;
  bool deleted = false;
};

struct FigureRow {
  int row = 0;
  std::vector<std::string> cells;
  RowState state;
  const Target* target = nullptr;
  domain::Period period;
  Figures parsed;  // the present columns
  // Set when processed:
  bool period_ok = false;
  Figures before;  // stored, when the row exists
  Figures merged;
  bool exists = false;
  bool changed = false;
  bool confirmed = false;
};

struct StoredFigures {
  Figures figures;
  bool confirmed = false;
};

std::string Key(int64_t id, const domain::Period& period) { return std::to_string(id) + "|" + period.ToString(); }

// The figures of a period that differ between `before` and `after` (null: not given),
// each side with "period" first.
std::pair<boost::json::object, boost::json::object> ChangedFigures(const std::string& period, const Figures& before,
                                                                   const Figures& after) {
  std::pair<boost::json::object, boost::json::object> out{{{"period", period}}, {{"period", period}}};
  for (const domain::FigureField& field : domain::FigureFields()) {
    const auto& old_value = before.*field.member;
    const auto& new_value = after.*field.member;
    if (old_value == new_value) continue;
    out.first[field.name] = old_value ? boost::json::value(*old_value) : boost::json::value();
    out.second[field.name] = new_value ? boost::json::value(*new_value) : boost::json::value();
  }
  return out;
}

class FigureImport final : public ImportRun {
 public:
  using ImportRun::ImportRun;

 protected:
  Status Start() override {
    return conn().Query(
        "SELECT id, registration_code, kind, current_province_code, deleted_at_ms FROM entities", {},
        [&](const RowView& row) -> Status {
          Target t{row.GetInt(0), domain::EntityKindFromName(row.GetText(2)).value_or(domain::EntityKind::kCooperative),
                   std::string(row.GetText(3)), !row.IsNull(4)};
          targets_.emplace(std::string(row.GetText(1)), std::move(t));
          return Ok();
        });
  }

  Status OnRow(int row, std::vector<std::string>& cells, std::unique_ptr<PreParsed>) override {
    FigureRow r;
    r.row = row;
    r.cells = std::move(cells);
    cells.clear();
    Parse(r);
    batch_.push_back(std::move(r));
    if (batch_.size() >= kBatchRows) return ProcessBatch();
    return Ok();
  }

  Status Finish() override { return ProcessBatch(); }

 private:
  void Fail(FigureRow& r, std::string field, std::string code, std::string key, std::vector<std::string> args = {}) {
    AddProblem(r.state, r.row, &r.cells, Severity::kError,
               FieldError{std::move(field), std::move(code), std::move(key), std::move(args)});
  }

  void Parse(FigureRow& r) {
    std::string code(Cell(r.cells, "registration_code"));
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code.empty()) {
      Fail(r, "registration_code", "required", "field.required");
    } else {
      auto it = targets_.find(code);
      if (it == targets_.end() || it->second.deleted) {
        Fail(r, "registration_code", "entity_code_not_found", "field.entity_code_not_found", {code});
      } else if (!InScope(it->second.current_province_code)) {
        Fail(r, "registration_code", "import_out_of_scope", "field.import_out_of_scope",
             {code, context_.who.province_code});
      } else {
        r.target = &it->second;
      }
    }
    std::string_view period = Cell(r.cells, "period");
    if (period.empty()) {
      Fail(r, "period", "required", "field.required");
    } else {
      auto parsed = domain::ParsePeriod(period);
      if (parsed.ok()) {
        r.period = *parsed;
        r.period_ok = true;
      } else {
        AddErrors(r.state, r.row, &r.cells, parsed.error(), "period");
      }
    }
    for (const domain::FigureField& field : domain::FigureFields()) {
      int index = map().Index(field.name);
      if (index < 0 || map().cell_of_column[index] < 0) continue;
      std::string_view text = Cell(r.cells, field.name);
      if (text.empty()) continue;  // not reported
      std::optional<int64_t> value = field.money ? ParseImportMoney(text, map().scale_of_column[index], context_.style)
                                                 : ParseImportInteger(text, context_.style);
      if (!value) {
        Fail(r, std::string(field.name), "invalid_number", "field.invalid_number", {std::string(text)});
        continue;
      }
      r.parsed.*field.member = value;
    }
    if (!r.state.error && r.target) {
      auto [it, inserted] = first_row_.try_emplace(Key(r.target->id, r.period), r.row);
      if (!inserted)
        Fail(r, "period", "duplicate_in_file", "field.duplicate_figures_in_file",
             {code, r.period.ToString(), std::to_string(it->second)});
    }
  }

  Status ProcessBatch() {
    if (batch_.empty()) return Ok();
    std::vector<FigureRow> rows = std::move(batch_);
    batch_.clear();
    std::vector<int64_t> ids;
    for (const FigureRow& r : rows)
      if (!r.state.error && (ids.empty() || ids.back() != r.target->id)) ids.push_back(r.target->id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::unordered_map<std::string, StoredFigures> stored;
    std::string select = "SELECT entity_id, period, confirmed_warnings";
    for (const domain::FigureField& field : domain::FigureFields()) select += ", " + std::string(field.name);
    select += " FROM entity_figures WHERE entity_id IN";
    HOPTAC_TRY(QueryByIds(conn(), select, "", ids, [&](const RowView& row) -> Status {
      StoredFigures s;
      s.confirmed = row.GetInt(2) != 0;
      int column = 3;
      for (const domain::FigureField& field : domain::FigureFields()) {
        if (!row.IsNull(column)) s.figures.*field.member = row.GetInt(column);
        ++column;
      }
      stored.emplace(std::to_string(row.GetInt(0)) + "|" + std::string(row.GetText(1)), s);
      return Ok();
    }));
    bool confirm = context_.options.confirm_warnings;
    for (FigureRow& r : rows) {
      if (!r.state.error) {
        auto it = stored.find(Key(r.target->id, r.period));
        r.exists = it != stored.end();
        r.merged = r.exists ? it->second.figures : Figures{};
        if (r.exists) r.before = it->second.figures;
        for (const domain::FigureField& field : domain::FigureFields())
          if (Has(field.name)) r.merged.*field.member = r.parsed.*field.member;
        r.changed = r.exists ? !(r.merged == it->second.figures) : !r.merged.Empty();
        if (r.changed) {
          domain::FiguresCheck check = domain::CheckFigures(r.merged, r.target->kind);
          for (const FieldError& e : check.errors) AddProblem(r.state, r.row, &r.cells, Severity::kError, e);
          for (const FieldError& w : check.warnings) AddProblem(r.state, r.row, &r.cells, Severity::kWarning, w);
          if (check.NeedsConfirmation() && !confirm) {  // blocks until confirmed
            r.state.error = true;
            r.state.needs_confirmation = true;
          }
          r.confirmed = check.NeedsConfirmation();
        }
        if (!r.state.error)
          ++(!r.changed ? result_.counts.unchanged : r.exists ? result_.counts.updated : result_.counts.created);
      }
      Settle(r.state);
      std::vector<std::pair<std::string, std::string>> preview = {
          {"registration_code", std::string(Cell(r.cells, "registration_code"))},
          {"period", r.period_ok ? r.period.ToString() : std::string(Cell(r.cells, "period"))}};
      for (const domain::FigureField& field : domain::FigureFields()) {
        if (!Has(field.name)) continue;
        const auto& value = r.parsed.*field.member;
        preview.emplace_back(field.name, value ? std::to_string(*value) : std::string(Cell(r.cells, field.name)));
      }
      Preview(r.row, std::move(preview), r.state);
    }
    if (!writing()) return Ok();
    return Write(rows);
  }

  Status Write(std::vector<FigureRow>& rows) {
    std::vector<Row> inserts, updates;
    std::map<int64_t, std::pair<boost::json::array, boost::json::array>> audit;  // entity → before, after
    std::map<int64_t, std::string> provinces;
    for (FigureRow& r : rows) {
      if (r.state.error || !r.changed) continue;
      Row row = {Int(r.target->id), Text(r.period.ToString())};
      for (const domain::FigureField& field : domain::FigureFields()) {
        const auto& value = r.merged.*field.member;
        row.push_back(value ? Int(*value) : Null());
      }
      row.push_back(Int(r.confirmed ? 1 : 0));
      row.push_back(Int(context_.now_ms));
      if (r.exists) {
        updates.push_back(std::move(row));
      } else {
        row.insert(row.begin() + 2, Text(r.period.End().ToIso()));
        inserts.push_back(std::move(row));
      }
      // Only what changed: per period, the figures whose value differs.
      auto& entry = audit[r.target->id];
      auto [before, after] = ChangedFigures(r.period.ToString(), r.exists ? r.before : Figures{}, r.merged);
      entry.first.push_back(std::move(before));
      entry.second.push_back(std::move(after));
      provinces[r.target->id] = r.target->current_province_code;
    }
    if (inserts.empty() && updates.empty()) return Ok();
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, Version());
    std::vector<std::string> columns = {"entity_id", "period"};
    std::vector<bool> integer = {true, false};
    for (const domain::FigureField& field : domain::FigureFields()) {
      columns.emplace_back(field.name);
      integer.push_back(true);
    }
    columns.insert(columns.end(), {"confirmed_warnings", "updated_at_ms"});
    integer.insert(integer.end(), {true, true});
    HOPTAC_TRY(BulkUpdate(conn(), "entity_figures", columns, 2, integer, updates));
    columns.insert(columns.begin() + 2, "period_end");
    HOPTAC_TRY(conn().CopyRows("entity_figures", columns, inserts));
    std::vector<int64_t> touched;
    for (auto& [id, entry] : audit) {
      touched.push_back(id);
      storage::AuditRecord record = AuditOf(id, provinces[id]);
      record.before_json = boost::json::serialize(boost::json::object{{"figures", entry.first}});
      record.after_json = ChangeJson(boost::json::object{{"figures", entry.second}});
      AddAudit(std::move(record));
    }
    HOPTAC_TRY(StampEntities(conn(), touched, version));
    return FlushAudits();
  }

  std::unordered_map<std::string, Target> targets_;
  std::unordered_map<std::string, int> first_row_;  // "<entity id>|<period>" → first row
  std::vector<FigureRow> batch_;
};

}  // namespace

std::unique_ptr<ImportRun> MakeFigureImport(const RunContext& context, ColumnMap map, ImportResult& result) {
  return std::make_unique<FigureImport>(context, std::move(map), result);
}

}  // namespace hoptac::registry::detail

// Import of the status events file (registry/import.h).
#include <algorithm>
#include <boost/json.hpp>
#include <unordered_map>

#include "registry/entity_json.h"
#include "registry/entity_store.h"
#include "registry/import/import_internal.h"
#include "registry/status_history.h"

namespace hoptac::registry::detail {
namespace {

using domain::StatusEvent;
using storage::Int;
using storage::Row;
using storage::RowView;
using storage::Text;

struct Target {
  int64_t id = 0;
  std::string current_province_code;
  bool deleted = false;
};

struct EventRow {
  int row = 0;
  std::vector<std::string> cells;
  RowState state;
  int64_t entity_id = 0;
  std::string province_code;  // current province of the entity (audit)
  StatusEvent event;
};

boost::json::array EventsJson(const std::vector<StatusEvent>& events) {
  boost::json::array out;
  for (const StatusEvent& e : events) {
    boost::json::object o = EventJson(StoredEvent{0, e});
    o.erase("id");
    out.push_back(std::move(o));
  }
  return out;
}

class EventImport final : public ImportRun {
 public:
  using ImportRun::ImportRun;

 protected:
  std::string_view ColumnOfField(std::string_view field) const override {
    if (field.starts_with("events[")) return "event";
    return ImportRun::ColumnOfField(field);
  }

  Status Start() override {
    return conn().Query("SELECT id, registration_code, current_province_code, deleted_at_ms FROM entities", {},
                        [&](const RowView& row) -> Status {
                          targets_.emplace(std::string(row.GetText(1)),
                                           Target{row.GetInt(0), std::string(row.GetText(2)), !row.IsNull(3)});
                          return Ok();
                        });
  }

  Status OnRow(int row, std::vector<std::string>& cells, std::unique_ptr<PreParsed>) override {
    EventRow r;
    r.row = row;
    r.cells = std::move(cells);
    cells.clear();
    Parse(r);
    std::vector<std::pair<std::string, std::string>> preview = {
        {"registration_code", std::string(Cell(r.cells, "registration_code"))},
        {"date", r.state.error ? std::string(Cell(r.cells, "date")) : r.event.date.ToIso()},
        {"event", r.state.error ? std::string(Cell(r.cells, "event")) : domain::EventTypeName(r.event.type)},
    };
    if (Has("note")) preview.emplace_back("note", r.event.note);
    if (Has("converted_to"))
      preview.emplace_back("converted_to",
                           r.event.converted_to ? domain::EntityKindName(*r.event.converted_to) : std::string());
    Preview(r.row, std::move(preview), r.state);
    if (r.state.error) {
      Settle(r.state);
      return Ok();
    }
    rows_.push_back(std::move(r));
    return Ok();
  }

  Status Finish() override {
    // Group the rows by entity, in file order within each entity.
    std::vector<size_t> order(rows_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return rows_[a].entity_id < rows_[b].entity_id; });
    size_t start = 0;
    while (start < order.size()) {
      // About kBatchRows entities per round trip.
      size_t end = start;
      std::vector<int64_t> ids;
      while (end < order.size() && (ids.size() < kBatchRows || rows_[order[end]].entity_id == ids.back())) {
        if (ids.empty() || ids.back() != rows_[order[end]].entity_id) ids.push_back(rows_[order[end]].entity_id);
        ++end;
      }
      HOPTAC_TRY(ProcessEntities(ids, std::span<const size_t>(order.data() + start, end - start)));
      start = end;
    }
    return Ok();
  }

 private:
  void Fail(EventRow& r, std::string field, std::string code, std::string key, std::vector<std::string> args = {}) {
    AddProblem(r.state, r.row, &r.cells, Severity::kError,
               FieldError{std::move(field), std::move(code), std::move(key), std::move(args)});
  }

  void Parse(EventRow& r) {
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
        r.entity_id = it->second.id;
        r.province_code = it->second.current_province_code;
      }
    }
    std::string_view date = Cell(r.cells, "date");
    if (date.empty()) {
      Fail(r, "date", "required", "field.required");
    } else if (auto parsed = ParseImportDate(date)) {
      r.event.date = *parsed;
    } else {
      Fail(r, "date", "invalid_date", "field.invalid_import_date", {std::string(date)});
    }
    std::string_view type = Cell(r.cells, "event");
    if (type.empty()) {
      Fail(r, "event", "required", "field.required");
    } else if (auto parsed = domain::ParseEventType(type)) {
      r.event.type = *parsed;
    } else {
      Fail(r, "event", "invalid_enum", "field.invalid_enum",
           {std::string(type),
            "established, suspended, resumed, stopped, dissolved, bankrupt, reorganised, converted; thành lập, tạm "
            "ngừng, hoạt động trở lại, ngừng hoạt động, giải thể, phá sản, tổ chức lại, chuyển đổi"});
    }
    r.event.note = std::string(Cell(r.cells, "note"));
    if (std::string_view kind = Cell(r.cells, "converted_to"); !kind.empty()) {
      r.event.converted_to = domain::ParseEntityKind(kind);
      if (!r.event.converted_to)
        Fail(r, "converted_to", "invalid_enum", "field.invalid_enum",
             {std::string(kind), "HTX, LHHTX, THT, QTDND, cooperative, union, group, credit_fund"});
    }
  }

  Status ProcessEntities(const std::vector<int64_t>& ids, std::span<const size_t> indices) {
    std::unordered_map<int64_t, std::optional<Date>> founded;
    std::unordered_map<int64_t, std::vector<StatusEvent>> stored;
    HOPTAC_TRY(QueryByIds(conn(), "SELECT id, founded_on FROM entities WHERE id IN", "", ids,
                          [&](const RowView& row) -> Status {
                            founded[row.GetInt(0)] = row.IsNull(1) ? std::nullopt : Date::ParseIso(row.GetText(1));
                            return Ok();
                          }));
    HOPTAC_TRY(QueryByIds(conn(),
                          "SELECT entity_id, id, date, type, note, converted_to FROM entity_events WHERE entity_id IN",
                          "ORDER BY entity_id, date, id", ids, [&](const RowView& row) -> Status {
                            stored[row.GetInt(0)].push_back(ReadStoredEvent(row, 1).event);
                            return Ok();
                          }));
    struct Change {
      int64_t id;
      std::string province_code;
      std::vector<StatusEvent> before, added;
    };
    std::vector<Change> changes;
    size_t i = 0;
    while (i < indices.size()) {
      int64_t id = rows_[indices[i]].entity_id;
      size_t j = i;
      while (j < indices.size() && rows_[indices[j]].entity_id == id) ++j;
      const std::vector<StatusEvent>& existing = stored[id];
      std::vector<EventRow*> candidates;
      for (size_t k = i; k < j; ++k) {
        EventRow& r = rows_[indices[k]];
        auto same = [&](const StatusEvent& e) { return e.date == r.event.date && e.type == r.event.type; };
        bool present =
            std::any_of(existing.begin(), existing.end(), same) ||
            std::any_of(candidates.begin(), candidates.end(), [&](const EventRow* c) { return same(c->event); });
        if (present) {
          ++result_.counts.unchanged;
          Settle(r.state);
        } else {
          candidates.push_back(&r);
        }
      }
      // Validate the whole history; blame the new event at fault and try again without it.
      std::optional<Date> founded_on = founded.count(id) ? founded[id] : std::nullopt;
      while (!candidates.empty()) {
        std::vector<StatusEvent> history = existing;
        for (const EventRow* c : candidates) history.push_back(c->event);
        Status valid = domain::ValidateHistory(founded_on, history);
        if (valid.ok()) break;
        size_t at = Culprit(valid.error(), existing, candidates);
        EventRow* bad = candidates[at];
        AddErrors(bad->state, bad->row, &bad->cells, valid.error(), "event");
        Settle(bad->state);
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(at));
      }
      if (!candidates.empty()) {
        Change change{id, rows_[indices[i]].province_code, existing, {}};
        for (EventRow* c : candidates) {
          change.added.push_back(c->event);
          ++result_.counts.created;
          Settle(c->state);
        }
        changes.push_back(std::move(change));
      }
      i = j;
    }
    if (!writing() || changes.empty()) return Ok();
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, Version());
    static const std::vector<std::string> columns = {"entity_id", "date", "type", "note", "converted_to"};
    std::vector<Row> values;
    std::vector<int64_t> touched;
    for (const Change& change : changes) {
      touched.push_back(change.id);
      for (const StatusEvent& e : change.added) {
        values.push_back({Int(change.id), Text(e.date.ToIso()), Text(domain::EventTypeName(e.type)), Text(e.note),
                          e.converted_to ? Text(domain::EntityKindName(*e.converted_to)) : storage::Null()});
      }
      // Only what changed: the events added (the history before them is unchanged).
      storage::AuditRecord audit = AuditOf(change.id, change.province_code);
      std::vector<StatusEvent> added = change.added;
      domain::SortEvents(added);
      audit.after_json = ChangeJson(boost::json::object{{"events_added", EventsJson(added)}});
      AddAudit(std::move(audit));
    }
    HOPTAC_TRY(conn().CopyRows("entity_events", columns, values));
    HOPTAC_TRY(StampEntities(conn(), touched, version));
    return FlushAudits();
  }

  // Which new event a history error is about: the event it names when that is
  // new, else the latest new event on or before the date of the event it names.
  static size_t Culprit(const Error& error, const std::vector<StatusEvent>& existing,
                        const std::vector<EventRow*>& candidates) {
    size_t named = 0;
    if (!error.fields.empty()) {
      const std::string& field = error.fields.front().field;  // "events[i]"
      auto open = field.find('[');
      if (open != std::string::npos) named = static_cast<size_t>(std::atoll(field.c_str() + open + 1));
    }
    if (named >= existing.size() && named - existing.size() < candidates.size()) return named - existing.size();
    Date limit = named < existing.size() ? existing[named].date : Date::FromDays(INT32_MAX);
    size_t best = 0;
    bool found = false;
    for (size_t k = 0; k < candidates.size(); ++k) {
      if (candidates[k]->event.date <= limit && (!found || candidates[k]->event.date >= candidates[best]->event.date)) {
        best = k;
        found = true;
      }
    }
    return best;
  }

  std::unordered_map<std::string, Target> targets_;
  std::vector<EventRow> rows_;
};

}  // namespace

std::unique_ptr<ImportRun> MakeEventImport(const RunContext& context, ColumnMap map, ImportResult& result) {
  return std::make_unique<EventImport>(context, std::move(map), result);
}

}  // namespace hoptac::registry::detail

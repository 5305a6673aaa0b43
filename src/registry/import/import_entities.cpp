// Import of the entities file (registry/import.h).
#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <unordered_map>

#include "registry/entity_json.h"
#include "registry/entity_store.h"
#include "registry/import/import_internal.h"
#include "registry/status_history.h"
#include "storage/bulk.h"

namespace hoptac::registry::detail {
namespace {

using domain::Entity;
using domain::EntityStatus;
using domain::EventType;
using storage::Connection;
using storage::Int;
using storage::Row;
using storage::RowView;
using storage::Text;
using storage::Value;

// The exact wire name first (what export writes), the lenient parser for the rest.
template <class Enum>
std::optional<Enum> Lenient(std::string_view text, std::optional<Enum> (*exact)(std::string_view),
                            std::optional<Enum> (*lenient)(std::string_view)) {
  if (auto value = exact(text)) return value;
  return lenient(text);
}

// Indices into ImportColumns(FileType::kEntities).
enum Column : int {
  kCode,
  kKind,
  kName,
  kProvince,
  kCommune,
  kAddress,
  kSector,
  kFoundedOn,
  kStatus,
  kStatusSince,
  kWomenManaged,
  kYouth,
  kChairName,
  kChairSex,
  kChairBirthYear,
  kPhone,
  kEmail,
  kUnion,
  kProvinceAsOf,
  kTaxCode
};

// What the import knows about a registration code: stored, or met in the file.
enum class CodeState : uint8_t {
  kStored,    // in the database (possibly updated by the file)
  kDeleted,   // in the database, soft-deleted: the code cannot be reused
  kPlanned,   // a new row of the file, not yet validated
  kDeferred,  // a new row waiting for its union, listed later in the file
  kCreated,   // a new row that passed validation (written, or would be)
  kBad,       // a new row that failed
};

struct Known {
  int64_t id = 0;  // 0 until written
  domain::EntityKind kind = domain::EntityKind::kCooperative;
  CodeState state = CodeState::kStored;
  int file_row = 0;  // the row of the file that names this code; 0 when none
};

struct EntityRow : PreParsed {
  int row = 0;
  std::vector<std::string> cells;
  RowState state;
  // Parse() runs on the reader thread: its problems wait here for OnRow.
  bool parsing = false;
  std::vector<FieldError> parse_errors;
  Entity parsed;  // the fields of the present columns
  std::optional<EntityStatus> status;
  std::optional<Date> status_since;
  bool identified = false;  // the identity pass ran (deferred rows come back)
  bool applied = false;     // Apply() moved the parsed text into record
  Known* known = nullptr;   // the entry of its code (node pointers of an unordered_map are stable)
  int64_t existing_id = 0;
  // Set by Resolve():
  EntityRecord record;                                    // the entity as it will be stored
  std::optional<domain::StatusEvent> new_event;           // from status/status_since
  bool changed = false;                                   // create or update needed
  ProvinceRule province_rule = ProvinceRule::kFoundedOn;  // how the province cell was read
  // Set by Write() for an update, before the record's text moves into the database row:
  std::string audit_before;         // the changed fields' old values (JSON)
  boost::json::object audit_after;  // their new values
  std::string province;             // its current province (audit)
};

struct Loaded {
  EntityRecord record;
  std::vector<domain::StatusEvent> events;  // sorted
};

class EntityImport final : public ImportRun {
 public:
  using ImportRun::ImportRun;

 protected:
  std::string_view ColumnOfField(std::string_view field) const override {
    if (field == "union_id") return "union_registration_code";
    if (field == "province_as_of") return "province_code";
    return ImportRun::ColumnOfField(field);
  }

  Status Start() override {
    today_ = Date::Today();
    // Room for a million new codes without rehashing (8 MiB of buckets).
    known_.reserve(1 << 20);
    HOPTAC_TRY(conn().Query("SELECT id, registration_code, kind, deleted_at_ms FROM entities", {},
                            [&](const RowView& row) -> Status {
                              Known known;
                              known.id = row.GetInt(0);
                              known.kind = domain::EntityKindFromName(row.GetText(2)).value_or(known.kind);
                              known.state = row.IsNull(3) ? CodeState::kStored : CodeState::kDeleted;
                              known_.emplace(std::string(row.GetText(1)), known);
                              return Ok();
                            }));
    existing_at_start_ = static_cast<int64_t>(known_.size());
    if (writing() && backend() == storage::Backend::kPostgres) {
      // PostgreSQL: no other transaction writes entities until this one ends (readers go
      // on: SHARE ROW EXCLUSIVE conflicts with writers, itself, VACUUM and DDL only). Other
      // writers wait for the import anyway (the registry version's row lock), and taken
      // here, before this transaction holds any lock they wait for, it cannot deadlock.
      // Its purpose: with no other INSERT into entities, the ids of new entities are
      // reserved a block at a time with one setval() (NewId), not one nextval() per id.
      HOPTAC_TRY(conn().Exec("LOCK TABLE entities IN SHARE ROW EXCLUSIVE MODE", {}));
    }
    return Ok();
  }

  std::unique_ptr<PreParsed> PreParse(int row, std::vector<std::string>& cells) override {
    auto r = std::make_unique<EntityRow>();
    r->row = row;
    r->cells = std::move(cells);
    cells.clear();
    r->parsing = true;
    Parse(*r);
    r->parsing = false;
    return r;
  }

  Status OnRow(int row, std::vector<std::string>& cells, std::unique_ptr<PreParsed> parsed) override {
    if (!dynamic_cast<EntityRow*>(parsed.get())) parsed = PreParse(row, cells);
    std::unique_ptr<EntityRow> r(static_cast<EntityRow*>(parsed.release()));
    for (const FieldError& error : r->parse_errors) AddProblem(r->state, r->row, &r->cells, Severity::kError, error);
    r->parse_errors.clear();
    if (batch_.capacity() < kBatchRows) batch_.reserve(kBatchRows);
    batch_.push_back(std::move(r));
    if (batch_.size() >= kBatchRows) return ProcessBatch(/*final_pass=*/false);
    return Ok();
  }

  Status Finish() override {
    HOPTAC_TRY(FinishRows());
    if (!indexes_dropped_) return Ok();
    // The indexes dropped for a bulk load, built once now (in the same transaction).
    return Submit([dropped = dropped_indexes_](Connection& conn) { return storage::CreateIndexes(conn, *dropped); });
  }

 private:
  Status FinishRows() {
    HOPTAC_TRY(ProcessBatch(false));
    // Rows that named a union listed later: now every union of the file is known.
    // A union may itself wait for another, so repeat while rows make progress.
    while (!deferred_.empty()) {
      size_t before = deferred_.size();
      batch_ = std::move(deferred_);
      deferred_.clear();
      HOPTAC_TRY(ProcessBatch(false));
      if (deferred_.size() == before) {
        batch_ = std::move(deferred_);
        deferred_.clear();
        HOPTAC_TRY(ProcessBatch(true));
        break;
      }
    }
    return Ok();
  }

  void Fail(EntityRow& r, std::string field, std::string code, std::string key, std::vector<std::string> args = {}) {
    FieldError error{std::move(field), std::move(code), std::move(key), std::move(args)};
    if (r.parsing) {
      r.state.error = true;
      r.parse_errors.push_back(std::move(error));
      return;
    }
    AddProblem(r.state, r.row, &r.cells, Severity::kError, error);
  }

  void InvalidEnum(EntityRow& r, const char* field, std::string_view value, std::string allowed) {
    Fail(r, field, "invalid_enum", "field.invalid_enum", {std::string(value), std::move(allowed)});
  }

  std::optional<Date> DateCell(EntityRow& r, int index, const char* column) {
    std::string_view text = Cell(r.cells, index);
    if (text.empty()) return std::nullopt;
    auto date = ParseImportDate(text);
    if (!date) Fail(r, column, "invalid_date", "field.invalid_import_date", {std::string(text)});
    return date;
  }

  bool BoolCell(EntityRow& r, int index, const char* column) {
    std::string_view text = Cell(r.cells, index);
    auto value = ParseImportBool(text);
    if (!value) Fail(r, column, "invalid_boolean", "field.invalid_boolean", {std::string(text)});
    return value.value_or(false);
  }

  void Parse(EntityRow& r) {
    Entity& e = r.parsed;
    e.registration_code = std::string(Cell(r.cells, kCode));
    if (e.registration_code.empty()) Fail(r, "registration_code", "required", "field.required");
    std::string_view kind = Cell(r.cells, kKind);
    if (kind.empty()) {
      Fail(r, "kind", "required", "field.required");
    } else if (auto parsed = Lenient(kind, domain::EntityKindFromName, domain::ParseEntityKind)) {
      e.kind = *parsed;
    } else {
      InvalidEnum(r, "kind", kind, "HTX, LHHTX, THT, QTDND, cooperative, union, group, credit_fund");
    }
    e.name = std::string(Cell(r.cells, kName));
    if (e.name.empty()) Fail(r, "name", "required", "field.required");
    if (Cell(r.cells, kProvince).empty()) Fail(r, "province_code", "required", "field.required");
    e.address = std::string(Cell(r.cells, kAddress));
    if (std::string_view sector = Cell(r.cells, kSector); !sector.empty()) {
      e.sector = Lenient(sector, domain::SectorFromName, domain::ParseSector);
      if (!e.sector) {
        std::string names = domain::SectorNames();
        InvalidEnum(r, "sector", sector, names);
      }
    }
    e.founded_on = DateCell(r, kFoundedOn, "founded_on");
    e.province_as_of = DateCell(r, kProvinceAsOf, "province_as_of");
    if (std::string_view status = Cell(r.cells, kStatus); !status.empty()) {
      r.status = Lenient(status, domain::EntityStatusFromName, domain::ParseEntityStatus);
      if (!r.status) InvalidEnum(r, "status", status, domain::EntityStatusNames());
    }
    r.status_since = DateCell(r, kStatusSince, "status_since");
    e.women_managed = BoolCell(r, kWomenManaged, "women_managed");
    e.youth = BoolCell(r, kYouth, "youth");
    e.chair_name = std::string(Cell(r.cells, kChairName));
    if (std::string_view sex = Cell(r.cells, kChairSex); !sex.empty()) {
      e.chair_sex = Lenient(sex, domain::SexFromName, domain::ParseSex);
      if (!e.chair_sex) InvalidEnum(r, "chair_sex", sex, "female, male, nữ, nam");
    }
    if (std::string_view year = Cell(r.cells, kChairBirthYear); !year.empty()) {
      if (auto number = ParseImportInteger(year, context_.style); number && *number >= 0 && *number <= 9999) {
        e.chair_birth_year = static_cast<int>(*number);
      } else if (auto date = ParseImportDate(year)) {
        e.chair_birth_year = date->year();
      } else {
        Fail(r, "chair_birth_year", "invalid_integer", "field.invalid_integer", {std::string(year)});
      }
    }
    e.phone = std::string(Cell(r.cells, kPhone));
    e.email = std::string(Cell(r.cells, kEmail));
    e.union_registration_code = std::string(Cell(r.cells, kUnion));
    e.tax_code = std::string(Cell(r.cells, kTaxCode));
    // The codes as the registry keys them (CheckEntity normalises the rest).
    for (std::string* code : {&e.registration_code, &e.union_registration_code})
      for (char& c : *code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }

  // The present columns of the file over `target` (the stored entity, or a new one).
  // The parsed text moves (Resolve runs once per row after the union wait below);
  // the registration code is copied, rows keep using r.parsed.registration_code.
  void Apply(EntityRow& r, Entity& target) const {
    Entity& p = r.parsed;
    r.applied = true;
    target.registration_code = p.registration_code;
    if (Has(kKind)) target.kind = p.kind;
    if (Has(kName)) target.name = std::move(p.name);
    if (Has(kAddress)) target.address = std::move(p.address);
    if (Has(kSector)) target.sector = p.sector;
    if (Has(kFoundedOn)) target.founded_on = p.founded_on;
    if (Has(kProvinceAsOf) && p.province_as_of) target.province_as_of = p.province_as_of;
    if (Has(kWomenManaged)) target.women_managed = p.women_managed;
    if (Has(kYouth)) target.youth = p.youth;
    if (Has(kChairName)) target.chair_name = std::move(p.chair_name);
    if (Has(kChairSex)) target.chair_sex = p.chair_sex;
    if (Has(kChairBirthYear)) target.chair_birth_year = p.chair_birth_year;
    if (Has(kPhone)) target.phone = std::move(p.phone);
    if (Has(kEmail)) target.email = std::move(p.email);
    if (Has(kUnion)) target.union_registration_code = p.union_registration_code;
    if (Has(kTaxCode)) target.tax_code = std::move(p.tax_code);
  }

  // The province in force today that a code read on `on` now belongs to ("" when unknown).
  std::string CurrentProvince(const std::string& code, Date on) const {
    const geo::AdminUnit* unit = context_.units.Find(geo::AdminLevel::kProvince, code, on);
    if (!unit) return "";
    auto successors = context_.units.CurrentSuccessors(unit->id, today_);
    return successors.empty() ? unit->code : successors.front()->code;
  }

  // Registers the row's code; finds the stored entity it updates.
  void Identify(EntityRow& r) {
    r.identified = true;
    if (r.state.error) {
      // Still claim the code, so a later duplicate row is reported against this one.
      if (!r.parsed.registration_code.empty()) {
        auto [it, inserted] = known_.try_emplace(r.parsed.registration_code);
        if (inserted) {
          it->second = Known{0, r.parsed.kind, CodeState::kBad, r.row};
          r.known = &it->second;
        } else if (it->second.file_row == 0) {
          it->second.file_row = r.row;
        }
      }
      return;
    }
    const std::string& code = r.parsed.registration_code;
    auto [it, inserted] = known_.try_emplace(code);
    Known& known = it->second;
    if (inserted) {
      known = Known{0, r.parsed.kind, CodeState::kPlanned, r.row};
      r.known = &known;
      return;
    }
    if (known.file_row != 0) {
      Fail(r, "registration_code", "duplicate_in_file", "field.duplicate_in_file",
           {code, std::to_string(known.file_row)});
      return;
    }
    known.file_row = r.row;
    r.known = &known;
    if (known.state == CodeState::kDeleted) {
      Fail(r, "registration_code", "registration_code_deleted", "field.registration_code_deleted", {code});
      return;
    }
    r.existing_id = known.id;
  }

  Status LoadExisting(const std::vector<int64_t>& ids) {
    loaded_.clear();
    if (ids.empty()) return Ok();
    HOPTAC_TRY(QueryByIds(conn(), std::string("SELECT ") + EntitySelectList() + " FROM entities e WHERE e.id IN", "",
                          ids, [&](const RowView& row) -> Status {
                            EntityRecord record = ReadEntityRecord(row);
                            loaded_[record.entity.id].record = std::move(record);
                            return Ok();
                          }));
    if (!Has(kStatus) && !Has(kFoundedOn)) return Ok();
    return QueryByIds(conn(),
                      "SELECT entity_id, id, date, type, note, converted_to FROM entity_events WHERE entity_id IN",
                      "ORDER BY entity_id, date, id", ids, [&](const RowView& row) -> Status {
                        loaded_[row.GetInt(0)].events.push_back(ReadStoredEvent(row, 1).event);
                        return Ok();
                      });
  }

  // Validates a row against the registry; false when it must wait for its union.
  bool Resolve(EntityRow& r, bool final_pass) {
    const Loaded* stored = nullptr;
    if (r.existing_id != 0) {
      auto it = loaded_.find(r.existing_id);
      if (it == loaded_.end()) {
        // Deleted by someone else since the codes were loaded: a conflict for this row.
        Fail(r, "registration_code", "registration_code_deleted", "field.registration_code_deleted",
             {r.parsed.registration_code});
        return true;
      }
      stored = &it->second;
      // Out of the caller's scope, an entity does not exist for it.
      if (!InScope(stored->record.current_province_code)) {
        Fail(r, "registration_code", "import_out_of_scope", "field.import_out_of_scope",
             {r.parsed.registration_code, context_.who.province_code});
        return true;
      }
    }
    // A union listed later in the file: wait for it (before anything moves out of r.parsed).
    if (!final_pass && Has(kUnion) && !r.parsed.union_registration_code.empty()) {
      auto it = known_.find(r.parsed.union_registration_code);
      if (it == known_.end() || it->second.state == CodeState::kDeferred ||
          (it->second.state == CodeState::kPlanned && it->second.file_row > r.row))
        return false;
    }
    EntityRecord& record = r.record;
    record = stored ? stored->record : EntityRecord{};
    Entity& e = record.entity;
    Apply(r, e);
    // The province cell is read by the rules of import_values.h (ProvinceResolver::Read):
    // the row's province_as_of, the import's as_of, the founding date (an update: the
    // date the stored entity's province was read at), then today's units and successors.
    const bool dated = Has(kProvinceAsOf) && r.parsed.province_as_of.has_value();
    Date on = today_;
    ProvinceRule rule = ProvinceRule::kFoundedOn;
    if (dated) {
      on = *e.province_as_of;
      rule = ProvinceRule::kRowAsOf;
    } else if (context_.options.as_of) {
      on = *context_.options.as_of;
      rule = ProvinceRule::kImportAsOf;
    } else if (stored && (e.province_as_of || e.founded_on)) {
      on = e.province_as_of.value_or(*e.founded_on);
      rule = ProvinceRule::kStored;
    } else if (e.founded_on) {
      on = *e.founded_on;
    } else {
      rule = ProvinceRule::kToday;
    }
    // A date in the future is the date's own error (founded_on, province_as_of), not the province's.
    if (on > today_) on = today_;
    auto province = context_.provinces.Read(Cell(r.cells, kProvince), on, rule, today_);
    if (!province.ok()) {
      AddErrors(r.state, r.row, &r.cells, province.error(), "province_code");
      return true;
    }
    if (province->notice) AddProblem(r.state, r.row, &r.cells, Severity::kWarning, *province->notice);
    e.province_code = province->code;
    e.province_as_of = province->as_of;
    r.province_rule = province->rule;
    on = province->as_of;
    if (Has(kCommune)) {
      auto commune = context_.provinces.ResolveCommune(Cell(r.cells, kCommune), CurrentProvince(e.province_code, on));
      if (!commune.ok()) {
        AddErrors(r.state, r.row, &r.cells, commune.error(), "commune_code");
        return true;
      }
      e.commune_code = *commune;
    }
    Status checked = CheckEntity(context_.units, e, record.current_province_code);
    if (!checked.ok()) {
      AddErrors(r.state, r.row, &r.cells, checked.error(), "registration_code");
      return true;
    }
    if (!InScope(record.current_province_code)) {
      Fail(r, "province_code", "import_out_of_scope", "field.import_out_of_scope",
           {e.registration_code, context_.who.province_code});
      return true;
    }
    // The union: stored, or a union row of this file.
    e.union_id.reset();
    if (!e.union_registration_code.empty()) {
      auto it = known_.find(e.union_registration_code);
      bool waiting = it == known_.end() || it->second.state == CodeState::kDeferred ||
                     (it->second.state == CodeState::kPlanned && it->second.file_row > r.row);
      if (it == known_.end() || waiting || it->second.state == CodeState::kBad ||
          it->second.state == CodeState::kDeleted || it->second.kind != domain::EntityKind::kUnion) {
        Fail(r, "union_registration_code", "union_not_found", "field.union_not_found", {e.union_registration_code});
        return true;
      }
      if (it->second.id != 0) e.union_id = it->second.id;
      // else: a union created in this batch, whose id is known once it is written.
    }
    // The status columns, and the history.
    std::vector<domain::StatusEvent> history = stored ? stored->events : std::vector<domain::StatusEvent>{};
    bool validate = stored && e.founded_on != stored->record.entity.founded_on && !history.empty();
    r.new_event.reset();
    if (r.status) {
      Date when = r.status_since.value_or(today_);
      std::optional<EntityStatus> current = domain::StatusOn(history, e.founded_on, when);
      std::optional<EventType> leading;
      if (*r.status == EntityStatus::kActive) {
        if (current && *current != EntityStatus::kActive) leading = EventType::kResumed;
      } else if (current != r.status) {
        leading = domain::EventEntering(*r.status);
      }
      if (leading) {
        if (!r.status_since) {
          Fail(r, "status_since", "status_since_required", "field.status_since_required",
               {domain::EntityStatusName(*r.status)});
          return true;
        }
        r.new_event = domain::StatusEvent{*r.status_since, *leading, "", std::nullopt};
        history.push_back(*r.new_event);
        validate = true;
      }
    }
    if (validate) {
      Status valid = domain::ValidateHistory(e.founded_on, history);
      if (!valid.ok()) {
        AddErrors(r.state, r.row, &r.cells, valid.error(), Has(kStatus) ? "status" : "founded_on");
        return true;
      }
    }
    domain::SortEvents(history);
    record.status = domain::StatusOn(history, e.founded_on, today_);
    if (stored) {
      r.changed = r.new_event.has_value() || !(e == stored->record.entity) ||
                  record.current_province_code != stored->record.current_province_code ||
                  (!e.union_registration_code.empty() && !e.union_id);
    } else {
      r.changed = true;
    }
    return true;
  }

  std::vector<std::pair<std::string, std::string>> PreviewValues(const EntityRow& r) const {
    const Entity& e = r.applied ? r.record.entity : r.parsed;
    std::vector<std::pair<std::string, std::string>> values;
    auto add = [&](const char* column, std::string value) {
      if (Has(column)) values.emplace_back(column, std::move(value));
    };
    auto date = [](const std::optional<Date>& d) { return d ? d->ToIso() : std::string(); };
    add("registration_code", e.registration_code);
    add("kind", domain::EntityKindName(e.kind));
    add("name", e.name);
    add("province_code", r.state.error ? std::string(Cell(r.cells, kProvince)) : e.province_code);
    // How the province was read (import_values.h), when it was.
    if (!r.state.error && r.applied && e.province_as_of) {
      values.emplace_back("province_as_of", e.province_as_of->ToIso());
      values.emplace_back("province_rule", ProvinceRuleName(r.province_rule));
    }
    add("commune_code", r.state.error ? std::string(Cell(r.cells, kCommune)) : e.commune_code);
    add("address", e.address);
    add("sector", e.sector ? domain::SectorName(*e.sector) : "");
    add("founded_on", date(e.founded_on));
    add("status", r.status ? domain::EntityStatusName(*r.status) : "");
    add("status_since", date(r.status_since));
    add("women_managed", e.women_managed ? "true" : "false");
    add("youth", e.youth ? "true" : "false");
    add("chair_name", e.chair_name);
    add("chair_sex", e.chair_sex ? domain::SexName(*e.chair_sex) : "");
    add("chair_birth_year", e.chair_birth_year ? std::to_string(*e.chair_birth_year) : "");
    add("phone", e.phone);
    add("email", e.email);
    add("union_registration_code", e.union_registration_code);
    add("tax_code", e.tax_code);
    return values;
  }

  Status ProcessBatch(bool final_pass) {
    if (batch_.empty()) return Ok();
    std::vector<std::unique_ptr<EntityRow>> rows = std::move(batch_);
    batch_.clear();
    std::vector<int64_t> ids;
    for (auto& row : rows) {
      EntityRow& r = *row;
      if (!r.identified) Identify(r);
      if (!r.state.error && r.existing_id != 0) ids.push_back(r.existing_id);
    }
    HOPTAC_TRY(LoadExisting(ids));
    std::vector<EntityRow*> settled;
    for (auto& row : rows) {
      EntityRow& r = *row;
      if (!r.state.error && !Resolve(r, final_pass)) {
        if (r.existing_id == 0) r.known->state = CodeState::kDeferred;
        deferred_.push_back(std::move(row));
        continue;
      }
      Known* known = r.known;  // null for a row without a code, or a duplicate
      if (r.state.error) {
        if (known && r.existing_id == 0 && known->file_row == r.row) known->state = CodeState::kBad;
      } else if (r.existing_id == 0) {
        known->state = CodeState::kCreated;
        known->kind = r.record.entity.kind;
        ++result_.counts.created;
      } else {
        known->kind = r.record.entity.kind;
        ++(r.changed ? result_.counts.updated : result_.counts.unchanged);
      }
      if (!r.state.error && r.new_event) ++result_.counts.events_added;
      Settle(r.state);
      if (WantsPreview()) Preview(r.row, PreviewValues(r), r.state);
      settled.push_back(&r);
    }
    if (!writing()) return Ok();
    return Write(settled);
  }

  // Inserts the new rows, updates the changed ones, adds the status events, audits:
  // the rows are built here and written by the writer thread (ImportRun::Submit).
  // New rows get their ids here (NewId), so a row naming a union created by this
  // import has the union's id before anything is written.
  Status Write(const std::vector<EntityRow*>& rows) {
    std::vector<EntityRow*> creates, updates;
    for (EntityRow* r : rows) {
      if (r->state.error || !r->changed) continue;
      (r->existing_id == 0 ? creates : updates).push_back(r);
    }
    if (creates.empty() && updates.empty()) return Ok();
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, Version());
    HOPTAC_TRY(MaybeDropIndexes(creates.size()));
    for (EntityRow* r : creates) {
      HOPTAC_ASSIGN_OR_RETURN(r->known->id, NewId());
      r->record.entity.id = r->known->id;
    }
    auto resolve_union = [&](Entity& e) -> Status {
      if (e.union_registration_code.empty() || e.union_id) return Ok();
      // Resolve() made sure it is stored or created by this import (in this batch or
      // before): it has its id.
      auto it = known_.find(e.union_registration_code);
      if (it == known_.end() || it->second.id == 0)
        return Error::Internal("import: union " + e.union_registration_code + " has no id");
      e.union_id = it->second.id;
      return Ok();
    };
    if (!creates.empty()) {
      static const std::vector<std::string> insert_columns = [] {
        std::vector<std::string> columns = EntityInsertColumns();
        columns.push_back("id");
        return columns;
      }();
      auto values = std::make_shared<std::vector<Row>>();
      values->reserve(creates.size());
      for (EntityRow* r : creates) {
        HOPTAC_TRY(resolve_union(r->record.entity));
        r->record.created_at_ms = r->record.updated_at_ms = context_.now_ms;
        const int64_t id = r->record.entity.id;
        // No audit row: the entity points at the import and the row it came from.
        values->push_back(EntityInsertValues(std::move(r->record), version, import_id(), r->row));
        values->back().push_back(Int(id));
        r->record.entity.id = id;
      }
      HOPTAC_TRY(Submit([values](Connection& conn) { return conn.CopyRows("entities", insert_columns, *values); }));
    }
    if (!updates.empty()) {
      static const std::vector<std::string> update_columns = [] {
        std::vector<std::string> columns = {"id"};
        auto written = EntityWriteColumns();
        columns.insert(columns.end(), written.begin(), written.end());
        columns.push_back("change_seq");
        return columns;
      }();
      static const std::vector<bool> integer = [] {
        std::vector<bool> flags;
        for (const std::string& c : update_columns)
          flags.push_back(c == "id" || c == "women_managed" || c == "youth" || c == "chair_birth_year" ||
                          c == "union_id" || c == "updated_at_ms" || c == "change_seq");
        return flags;
      }();
      auto changed = std::make_shared<std::vector<Row>>();
      const bool events_loaded = Has(kStatus) || Has(kFoundedOn);
      for (EntityRow* r : updates) {
        HOPTAC_TRY(resolve_union(r->record.entity));
        r->record.updated_at_ms = context_.now_ms;
        r->record.entity.id = r->existing_id;
        // The audit holds what changed; first, as the record's text then moves into the row.
        auto it = loaded_.find(r->existing_id);
        if (it != loaded_.end()) {
          EntityRecord before = it->second.record;
          // The status is derived from the history, read only when the file can change it.
          before.status =
              events_loaded ? domain::StatusOn(it->second.events, before.entity.founded_on, today_) : r->record.status;
          auto [old_fields, new_fields] = EntityChangedFields(before, r->record);
          r->audit_before = boost::json::serialize(old_fields);
          r->audit_after = std::move(new_fields);
        }
        r->province = r->record.current_province_code;
        Row row = {Int(r->existing_id)};
        for (Value& v : EntityWriteValues(std::move(r->record))) row.push_back(std::move(v));
        row.push_back(Int(version));
        changed->push_back(std::move(row));
        r->record.entity.id = r->existing_id;
      }
      HOPTAC_TRY(Submit(
          [changed](Connection& conn) { return BulkUpdate(conn, "entities", update_columns, 1, integer, *changed); }));
    }
    // Status events and audit rows.
    static const std::vector<std::string> event_columns = {"entity_id", "date", "type", "note", "converted_to"};
    auto events = std::make_shared<std::vector<Row>>();
    for (EntityRow* r : rows) {
      if (r->state.error || !r->changed) continue;
      int64_t id = r->record.entity.id;
      if (r->new_event) {
        events->push_back({Int(id), Text(r->new_event->date.ToIso()), Text(domain::EventTypeName(r->new_event->type)),
                           Text(""), storage::Null()});
      }
      if (r->existing_id == 0) continue;  // created: recorded by entities.import_id / import_row
      if (r->new_event) {
        // The event the status columns added, next to the entity's fields.
        r->audit_after["status_event"] = EventJson(StoredEvent{0, *r->new_event});
      }
      if (r->audit_after.empty()) continue;  // nothing an auditor sees (e.g. a derived column only)
      storage::AuditRecord audit = AuditOf(id, r->province);
      audit.before_json = std::move(r->audit_before);
      audit.after_json = ChangeJson(std::move(r->audit_after));
      AddAudit(std::move(audit));
    }
    if (!events->empty()) {
      HOPTAC_TRY(Submit([events](Connection& conn) { return conn.CopyRows("entity_events", event_columns, *events); }));
    }
    return FlushAudits();
  }

  // A load larger than the table (and than 50,000 rows on SQLite, 100,000 on PostgreSQL):
  // secondary indexes are cheaper to build once at the end than to keep up row by row
  // (storage/bulk.h). Dropped and built again by the writer thread, in its order of writes.
  // On PostgreSQL the DROP locks readers of entities out until the commit (ACCESS
  // EXCLUSIVE): the price of a load that at least doubles the registry (docs/perf.md).
  Status MaybeDropIndexes(size_t creating) {
    const int64_t bulk_rows = backend() == storage::Backend::kPostgres ? 100'000 : 50'000;
    created_written_ += static_cast<int64_t>(creating);
    if (indexes_dropped_ || created_written_ < std::max<int64_t>(bulk_rows, existing_at_start_)) return Ok();
    indexes_dropped_ = true;
    // Not the audit log's: its keys arrive nearly in order (ids, one actor, one time),
    // so keeping them up costs less than sorting them again (measured at 1 M rows).
    if (backend() == storage::Backend::kPostgres) return Submit(PostgresBulkLoad(dropped_indexes_));
    return Submit([dropped = dropped_indexes_](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(*dropped, storage::DropSecondaryIndexes(conn, "entities"));
      return Ok();
    });
  }

  // PostgreSQL's bulk load. First the lock the DROPs take anyway (ACCESS EXCLUSIVE on
  // entities and entity_events), waited for at most 500 ms: a transaction of another
  // server that writes an event holds a lock on entities and may then wait for this
  // import's registry version, so waiting longer could only end in a deadlock. Not
  // granted in time: the load goes on with every index kept (slower, nothing else).
  // Then, besides the secondary indexes, two constraints whose per-row checks cost more
  // than checking them once at the end, and that this import already ensures for the rows
  // it writes (every writer else is locked out): the uniqueness of registration_code (an
  // index search per row; the import knows every code) and entity_events' foreign key
  // to entities (a query per event). Added again before the commit, which checks them
  // over the whole tables: a violation fails the import, and it rolls back whole.
  static WriteJob PostgresBulkLoad(std::shared_ptr<std::vector<std::string>> recreate) {
    return [recreate](Connection& conn) -> Status {
      HOPTAC_TRY(conn.ExecScript("SAVEPOINT import_bulk_load; SET LOCAL lock_timeout = '500ms'"));
      if (!conn.ExecScript("LOCK TABLE entities, entity_events IN ACCESS EXCLUSIVE MODE").ok())
        return conn.ExecScript("ROLLBACK TO SAVEPOINT import_bulk_load; RELEASE SAVEPOINT import_bulk_load");
      HOPTAC_TRY(conn.ExecScript("RELEASE SAVEPOINT import_bulk_load; SET LOCAL lock_timeout = DEFAULT"));
      std::vector<std::string> drop, add_first, add_last;
      HOPTAC_TRY(conn.Query(
          "SELECT c.contype, c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid) FROM "
          "pg_constraint c WHERE (c.conrelid = 'entities'::regclass AND c.contype = 'u') OR (c.contype = 'f' AND "
          "c.conrelid = 'entity_events'::regclass AND c.confrelid = 'entities'::regclass) ORDER BY c.conname",
          {}, [&](const RowView& row) -> Status {
            const std::string table(row.GetText(1)), name(row.GetText(2));
            drop.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
            (row.GetText(0) == "u" ? add_first : add_last)
                .push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + std::string(row.GetText(3)));
            return Ok();
          }));
      HOPTAC_ASSIGN_OR_RETURN(std::vector<std::string> indexes, storage::DropSecondaryIndexes(conn, "entities"));
      for (const std::string& statement : drop) HOPTAC_TRY(conn.ExecScript(statement));
      // Built once: the unique index first, then the others, then the foreign key (a join).
      *recreate = std::move(add_first);
      recreate->insert(recreate->end(), indexes.begin(), indexes.end());
      recreate->insert(recreate->end(), add_last.begin(), add_last.end());
      return Ok();
    };
  }

  // The id of a new entity. SQLite gives a new row max(id) + 1, and the writer lock is
  // this transaction's, so ids count on from MAX(id). PostgreSQL: a block of the identity's
  // sequence at a time, taken with one nextval() and a setval() past the block: safe because
  // Start() locked entities against every other writer, so no nextval() of another
  // transaction can fall inside the block. Unused ids are gaps, as after any rollback.
  Result<int64_t> NewId() {
    if (next_id_ == 0 || (backend() == storage::Backend::kPostgres && next_id_ > last_id_)) {
      if (backend() == storage::Backend::kSqlite) {
        HOPTAC_ASSIGN_OR_RETURN(auto row, conn().QueryOne("SELECT COALESCE(MAX(id), 0) FROM entities", {}));
        if (!row || row->empty()) return Error::Internal("import: SELECT MAX(id) returned nothing");
        next_id_ = std::get<int64_t>((*row)[0]) + 1;
      } else {
        // Blocks grow (1,024 … 262,144 ids) so that a large import asks a few times only
        // (each time the writer thread is drained first, a bubble in the pipeline) and a
        // small one leaves small gaps. The first block is sized by the file (a row of an
        // entities file takes ~200 bytes; a 188 MiB file of a million rows asks once).
        const int64_t by_file = std::clamp<int64_t>(context_.file_size / 160, 1024, int64_t{1} << 20);
        const int64_t block = std::max(by_file, int64_t{1024} << std::min(reserved_blocks_++, 8));
        HOPTAC_ASSIGN_OR_RETURN(auto row, conn().QueryOne("SELECT setval(pg_get_serial_sequence('entities', 'id'), "
                                                          "nextval(pg_get_serial_sequence('entities', 'id')) + $1 - 1)",
                                                          {Int(block)}));
        if (!row || row->empty()) return Error::Internal("import: no entity ids reserved");
        last_id_ = std::get<int64_t>((*row)[0]);
        next_id_ = last_id_ - block + 1;
      }
    }
    return next_id_++;
  }

  Date today_;
  int64_t existing_at_start_ = 0;
  int64_t created_written_ = 0;
  bool indexes_dropped_ = false;
  // CREATE statements to run at the end; filled and used by the writer thread.
  std::shared_ptr<std::vector<std::string>> dropped_indexes_ = std::make_shared<std::vector<std::string>>();
  int64_t next_id_ = 0;  // the next id to give
  int64_t last_id_ = 0;  // PostgreSQL: the last id of the reserved block
  int reserved_blocks_ = 0;
  std::unordered_map<std::string, Known> known_;
  std::unordered_map<int64_t, Loaded> loaded_;
  std::vector<std::unique_ptr<EntityRow>> batch_;
  std::vector<std::unique_ptr<EntityRow>> deferred_;
};

}  // namespace

std::unique_ptr<ImportRun> MakeEntityImport(const RunContext& context, ColumnMap map, ImportResult& result) {
  return std::make_unique<EntityImport>(context, std::move(map), result);
}

}  // namespace hoptac::registry::detail

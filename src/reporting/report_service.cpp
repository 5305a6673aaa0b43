#include "reporting/report_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "registry/figures.h"
#include "reporting/report_json.h"
#include "reporting/report_service_internal.h"
#include "storage/audit.h"
#include "storage/sql.h"

namespace hoptac::reporting {
namespace {

using auth::Principal;
using auth::Role;
using internal::Denied;
using internal::IsCli;
using internal::RequireAuthenticated;
using storage::Connection;
namespace json = boost::json;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
constexpr size_t kMaxNoteLength = 2000;
constexpr size_t kMaxCommentLength = 2000;

Error ReportNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.report_not_found", {std::to_string(id)});
}
Error FormNotFound(const std::string& code) {
  return Error::Make(ErrorCode::kNotFound, "error.report_form_not_found", {code});
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, std::string type, std::string id,
                             std::string province, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = std::move(type);
  a.object_id = std::move(id);
  a.province_code = std::move(province);
  return a;
}

std::optional<json::value> FigureValue(const registry::FigureRecord& record, const std::string& name) {
  const domain::FigureField* field = domain::FindFigureField(name);
  if (!field) return std::nullopt;
  const std::optional<int64_t>& v = record.figures.*field->member;
  if (!v) return std::nullopt;
  return json::value(*v);
}

json::value ProfileValue(const domain::Entity& e, const std::string& name) {
  if (name == "address") return e.address.empty() ? json::value(nullptr) : json::value(e.address);
  if (name == "chair_name") return e.chair_name.empty() ? json::value(nullptr) : json::value(e.chair_name);
  if (name == "phone") return e.phone.empty() ? json::value(nullptr) : json::value(e.phone);
  if (name == "sector") return e.sector ? json::value(domain::SectorName(*e.sector)) : json::value(nullptr);
  if (name == "women_managed") return json::value(e.women_managed);
  if (name == "youth") return json::value(e.youth);
  return nullptr;
}

std::string Trimmed(std::string text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  size_t e = text.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
}

}  // namespace

namespace internal {

std::map<std::string, ReportValue> EntityPrefill(const ReportForm& form, const domain::Entity& entity,
                                                 const std::vector<registry::FigureRecord>& records,
                                                 const domain::Period& period, int64_t now_ms) {
  std::map<std::string, ReportValue> values;
  const registry::FigureRecord* chosen = nullptr;
  for (const auto& r : records)
    if (r.period == period) chosen = &r;
  if (!chosen && !records.empty()) chosen = &records.back();  // List answers in Period order
  for (const Field* field : form.Fields()) {
    ReportValue v;
    if (!field->figure.empty() && chosen) {
      std::optional<json::value> value = FigureValue(*chosen, field->figure);
      if (!value) continue;
      v.value = *value;
      v.registry_value = *value;
      v.registry_source = "registry: " + field->figure + " " + chosen->period.ToString();
    } else if (!field->profile.empty()) {
      json::value value = ProfileValue(entity, field->profile);
      if (value.is_null()) continue;
      v.value = value;
      v.registry_value = value;
      v.registry_source = "registry: " + field->profile;
    } else {
      continue;
    }
    v.entered_by = "registry";
    v.entered_at_ms = now_ms;
    values[field->code] = std::move(v);
  }
  return values;
}

std::map<std::string, json::value> FigureFieldValues(const ReportForm& form, const registry::FigureRecord& record) {
  std::map<std::string, json::value> values;
  for (const Field* field : form.Fields()) {
    if (field->figure.empty()) continue;
    if (std::optional<json::value> value = FigureValue(record, field->figure)) values[field->code] = *value;
  }
  return values;
}

}  // namespace internal

ReportService::ReportService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                             const indicators::Registry& indicators, registry::EntityService& entities,
                             registry::FigureService& figures, NowMs now_ms)
    : db_(db),
      units_(std::move(units)),
      indicators_(indicators),
      entities_(entities),
      figures_(figures),
      now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Date ReportService::Today() const { return Date::FromDays(static_cast<int>((now_ms_() + kVietnamOffsetMs) / kDayMs)); }

std::string ReportService::CurrentProvince(const std::string& code, Date on) const {
  return registry::CurrentProvinceCode(*units_, code, on, Today()).value_or(code);
}

bool ReportService::Sees(const Principal& who, const Report& r) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return CurrentProvince(r.province_code, r.period.End()) == who.province_code;
  if (who.role == Role::kCooperative) return r.entity_id != 0 && r.entity_id == who.entity_id;
  return false;
}

bool ReportService::MayFill(const Principal& who, const Report& r) const {
  if (IsCli(who)) return true;
  if (!Sees(who, r)) return false;
  if (who.province_bound()) return true;
  return who.role == Role::kCooperative && r.entity_id != 0;
}

bool ReportService::MayReview(const Principal& who, const Report& r) const {
  if (IsCli(who)) return true;
  if (!Sees(who, r)) return false;
  if (r.entity_id == 0) return who.role == Role::kNationalAdmin || who.role == Role::kNationalOfficer;
  return who.role == Role::kProvinceAdmin;
}

// ---- Forms ------------------------------------------------------------------

Result<std::vector<ReportForm>> ReportService::ListForms(const Principal& who) {
  HOPTAC_TRY(RequireAuthenticated(who));
  std::vector<ReportForm> forms;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(forms, LoadLatestForms(conn));
    return Ok();
  }));
  return forms;
}

Result<ReportForm> ReportService::GetForm(const Principal& who, const std::string& code, std::optional<int> version) {
  HOPTAC_TRY(RequireAuthenticated(who));
  std::optional<ReportForm> form;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(form, LoadForm(conn, code, version));
    return Ok();
  }));
  if (!form) return FormNotFound(code + (version ? " v" + std::to_string(*version) : ""));
  return std::move(*form);
}

Result<ReportForm> ReportService::PutForm(const Principal& who, const std::string& code, std::string_view definition) {
  HOPTAC_TRY(RequireAuthenticated(who));
  if (!IsCli(who) && who.role != Role::kNationalAdmin) return Denied();
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, ParseForm(definition));
  if (form.code != code) return Error::InvalidField("code", "form_invalid", "field.form_invalid", {"code", form.code});
  std::vector<FieldError> errors;
  for (const Section& section : form.sections) {
    for (const Field& field : section.fields) {
      if (!field.prefill) continue;
      indicators::Definition d{field.prefill->source, field.prefill->measure, field.prefill->filters};
      Status checked = indicators_.Check(d);
      if (!checked.ok()) {
        const Error& e = checked.error();
        if (e.fields.empty()) errors.push_back({field.code + ".prefill", "form_invalid", e.key, e.args});
        for (const FieldError& f : e.fields)
          errors.push_back({field.code + ".prefill." + f.field, f.code, f.key, f.args});
      }
    }
  }
  if (!errors.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_form_definition");
    e.fields = std::move(errors);
    return e;
  }
  int64_t now = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto latest, LoadForm(conn, code, std::nullopt));
    auto audit = AuditOf(who, "report_form.put", "report_form", code, "", now);
    if (!latest) {
      form.version = 1;
      HOPTAC_TRY(InsertForm(conn, form, now, who.AuditName()));
    } else {
      audit.before_json = json::serialize(FormJson(*latest));
      HOPTAC_ASSIGN_OR_RETURN(int64_t used, CountReports(conn, code, latest->version));
      // Reports keep the version they were filed on: a used form changes only as a new version.
      form.version = used > 0 ? latest->version + 1 : latest->version;
      if (used > 0)
        HOPTAC_TRY(InsertForm(conn, form, now, who.AuditName()));
      else
        HOPTAC_TRY(UpdateFormDefinition(conn, form));
    }
    audit.after_json = json::serialize(FormJson(form));
    return storage::AppendAudit(conn, audit);
  }));
  return form;
}

// ---- Reports ----------------------------------------------------------------

Result<Report> ReportService::Load(const Principal& who, int64_t id) {
  HOPTAC_TRY(RequireAuthenticated(who));
  std::optional<Report> report;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(report, LoadReport(conn, id));
    return Ok();
  }));
  if (!report || (!IsCli(who) && !Sees(who, *report))) return ReportNotFound(id);
  return std::move(*report);
}

Status ReportService::AuditNames(std::span<const int64_t> ids, bool english, std::map<int64_t, std::string>& names) {
  if (ids.empty()) return Ok();
  struct Row {
    int64_t id;
    std::string form, period, province;
  };
  std::vector<Row> rows;
  HOPTAC_TRY(db_.Read([&](storage::Connection& conn) -> Status {
    std::vector<storage::Value> params;
    std::string in = storage::AppendInList(params, ids);
    return conn.Query("SELECT id, form_code, period, province_code FROM reports WHERE id IN (" + in + ")", params,
                      [&](const storage::RowView& row) -> Status {
                        rows.push_back(Row{row.GetInt(0), std::string(row.GetText(1)), std::string(row.GetText(2)),
                                           std::string(row.GetText(3))});
                        return Ok();
                      });
  }));
  LabelCache cache;
  const Principal system = Principal::Cli("audit");
  for (const auto& r : rows) {
    UnitLabels labels = Labels(system, r.form, r.province, 0, Today(), cache);
    std::string form = english ? labels.form_en : labels.form_vi;
    std::string name = (form.empty() ? r.form : form) + " " + r.period;
    if (!labels.province.empty()) name += " – " + labels.province;
    names[r.id] = std::move(name);
  }
  return Ok();
}

UnitLabels ReportService::Labels(const Principal& who, const std::string& form, const std::string& province,
                                 int64_t entity_id, Date on, LabelCache& cache) {
  UnitLabels labels;
  auto f = cache.forms.find(form);
  if (f == cache.forms.end()) {
    auto loaded = GetForm(who, form, std::nullopt);
    f = cache.forms
            .emplace(form,
                     loaded.ok() ? std::pair(loaded->name_vi, loaded->name_en) : std::pair<std::string, std::string>())
            .first;
  }
  labels.form_vi = f->second.first;
  labels.form_en = f->second.second;
  if (const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, province, on)) {
    labels.province = unit->name;
    labels.province_full = unit->full_name;
  }
  if (entity_id != 0) {
    auto e = cache.entities.find(entity_id);
    if (e == cache.entities.end()) {
      auto record = entities_.Get(who, entity_id);
      e = cache.entities
              .emplace(entity_id, record.ok() ? std::pair(record->entity.name, record->entity.registration_code)
                                              : std::pair<std::string, std::string>())
              .first;
    }
    labels.entity = e->second.first;
    labels.entity_code = e->second.second;
  }
  return labels;
}

Result<ReportForm> ReportService::FormOf(const Report& report) {
  std::optional<ReportForm> form;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(form, LoadForm(conn, report.form_code, report.form_version));
    return Ok();
  }));
  if (!form) return Error::Internal("report " + std::to_string(report.id) + ": its form version is missing");
  return std::move(*form);
}

Result<ReportView> ReportService::View(const Report& report) {
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, FormOf(report));
  ReportView view;
  view.report = report;
  view.checks = EvaluateRules(form, report.Values());
  // The same unit's report of the previous period of the same kind.
  domain::Period previous = PreviousPeriod(report.period);
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    // The previous period's province may have had another code (before 2025-07-01): look
    // for the unit's report under any code that is today's same province.
    ReportQuery q;
    q.form_code = report.form_code;
    q.period = previous.ToString();
    if (report.entity_id) q.entity_id = report.entity_id;
    HOPTAC_ASSIGN_OR_RETURN(auto candidates, QueryReports(conn, q));
    std::string here = CurrentProvince(report.province_code, report.period.End());
    for (const Report& c : candidates) {
      if (report.entity_id == 0 && (c.entity_id != 0 || CurrentProvince(c.province_code, c.period.End()) != here))
        continue;
      HOPTAC_ASSIGN_OR_RETURN(auto full, LoadReport(conn, c.id));
      if (full) view.previous = full->Values();
      break;
    }
    return Ok();
  }));
  return view;
}

Result<ReportView> ReportService::Create(const Principal& who, const NewReport& request) {
  HOPTAC_TRY(RequireAuthenticated(who));
  std::optional<ReportForm> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadForm(conn, request.form, std::nullopt));
    return Ok();
  }));
  if (!found) return Error::InvalidField("form", "report_unknown_form", "field.report_unknown_form", {request.form});
  const ReportForm& form = *found;
  HOPTAC_ASSIGN_OR_RETURN(domain::Period period, domain::ParsePeriod(request.period));
  HOPTAC_TRY(CheckPeriodAllowed(form, period));
  Date end = period.End();

  Report report;
  report.form_code = form.code;
  report.form_version = form.version;
  report.period = period;
  report.due_date = DueDate(form, period);
  report.created_by = who.AuditName();
  report.created_at_ms = report.updated_at_ms = now_ms_();

  std::optional<registry::EntityRecord> entity;
  if (form.level == Level::kProvince) {
    if (request.entity_id != 0)
      return Error::InvalidField("entity_id", "report_unit_mismatch", "field.report_unit_mismatch", {"province"});
    if (request.province.empty()) return Error::InvalidField("province", "required", "field.required");
    if (!units_->Find(geo::AdminLevel::kProvince, request.province, end))
      return Error::InvalidField("province", "report_unknown_province", "field.report_unknown_province",
                                 {request.province, end.ToIso()});
    report.province_code = request.province;
  } else {
    if (!request.province.empty())
      return Error::InvalidField("province", "report_unit_mismatch", "field.report_unit_mismatch", {"entity_id"});
    if (request.entity_id <= 0) return Error::InvalidField("entity_id", "required", "field.required");
    HOPTAC_ASSIGN_OR_RETURN(entity, entities_.Get(who, request.entity_id));
    std::optional<Date> read_at = entity->entity.ProvinceDate();
    report.province_code =
        registry::CurrentProvinceCode(*units_, entity->entity.province_code, read_at.value_or(end), end)
            .value_or(entity->current_province_code);
    report.entity_id = request.entity_id;
  }
  if (!MayFill(who, report)) return Denied();

  // Prefill.
  int64_t now = report.created_at_ms;
  if (form.level == Level::kProvince) {
    for (const Field* field : form.Fields()) {
      if (!field->prefill) continue;
      indicators::Question q;
      q.definition = {field->prefill->source, field->prefill->measure, field->prefill->filters};
      q.from = field->prefill->window == Window::kPeriod ? period.Start() : end;
      q.to = end;
      q.province = report.province_code;
      HOPTAC_ASSIGN_OR_RETURN(indicators::Answer answer, indicators_.Ask(q, who));
      ReportValue v;
      v.value = answer.value;
      v.registry_value = json::value(answer.value);
      v.registry_source = answer.description;
      v.entered_by = "registry";
      v.entered_at_ms = now;
      report.values[field->code] = std::move(v);
    }
  } else {
    HOPTAC_ASSIGN_OR_RETURN(auto records, figures_.List(who, report.entity_id));
    report.values = internal::EntityPrefill(form, entity->entity, records, period, now);
  }

  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(
        auto existing, FindReport(conn, report.form_code, period.ToString(), report.province_code, report.entity_id));
    if (existing) return Error::Make(ErrorCode::kConflict, "error.report_exists", {std::to_string(*existing)});
    HOPTAC_TRY(InsertReport(conn, report));
    ReportEvent created{"created", who.AuditName(), now, ""};
    HOPTAC_TRY(AppendEvent(conn, report.id, created));
    report.history.push_back(created);
    auto audit = AuditOf(who, "report.create", "report", std::to_string(report.id),
                         CurrentProvince(report.province_code, end), now);
    audit.after_json = ReportAuditJson(report);
    return storage::AppendAudit(conn, audit);
  }));
  return View(report);
}

Result<ReportView> ReportService::Get(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(Report report, Load(who, id));
  return View(report);
}

Result<ReportPage> ReportService::List(const Principal& who, const ReportListQuery& query) {
  HOPTAC_TRY(RequireAuthenticated(who));
  if (query.limit < 1 || query.limit > 200)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", "200"});
  if (query.offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
  ReportPage page;
  ReportQuery filters = query.filters;
  if (IsCli(who) || who.national() || who.role == Role::kCooperative) {
    // Scope is a column (or nothing): the database pages and counts.
    if (!IsCli(who) && who.role == Role::kCooperative) {
      if (who.entity_id == 0 || (filters.entity_id && *filters.entity_id != who.entity_id)) return page;
      filters.entity_id = who.entity_id;
    } else if (!IsCli(who) && !who.national()) {
      return page;
    }
    filters.limit = query.limit;
    filters.offset = query.offset;
    HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(page.total, CountReports(conn, filters));
      HOPTAC_ASSIGN_OR_RETURN(page.items, QueryReports(conn, filters));
      return Ok();
    }));
    return page;
  }
  if (!who.province_bound()) return page;
  // A province account: the codes that may lead to its province narrow the rows in the
  // database; Sees() decides each (a code read at the period's end, followed to today).
  filters.province_codes = ScopeCodes(who.province_code);
  if (filters.province_codes.empty()) return page;
  std::vector<Report> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, QueryReports(conn, filters));
    return Ok();
  }));
  for (Report& r : all) {
    if (!Sees(who, r)) continue;
    if (page.total >= query.offset && static_cast<int>(page.items.size()) < query.limit)
      page.items.push_back(std::move(r));
    ++page.total;
  }
  return page;
}

std::vector<std::string> ReportService::ScopeCodes(const std::string& province) const {
  const Date today = Today();
  std::set<std::string> codes;
  for (const geo::AdminUnit& unit : units_->dataset().units) {
    if (unit.level != geo::AdminLevel::kProvince) continue;
    // A version of a province code, read on its last day in force (or today), leads to one
    // province today.
    Date on = unit.valid_to ? *unit.valid_to : today;
    if (CurrentProvince(unit.code, on) == province || unit.code == province) codes.insert(unit.code);
  }
  return {codes.begin(), codes.end()};
}

Result<ReportView> ReportService::PutValues(const Principal& who, int64_t id, const ValuesUpdate& update) {
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  if (!MayFill(who, seen)) return Denied();
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, FormOf(seen));
  // Every bad member at once; nothing is written when one is bad.
  std::vector<FieldError> errors;
  for (const auto& [code, value] : update.values) {
    const Field* field = form.FindField(code);
    if (!field) {
      errors.push_back({code, "report_unknown_field", "field.report_unknown_field", {code}});
      continue;
    }
    Status checked = CheckValue(*field, value);
    if (!checked.ok())
      for (const FieldError& f : checked.error().fields) errors.push_back(f);
  }
  for (const auto& [code, note] : update.notes) {
    if (!form.FindField(code))
      errors.push_back({"notes." + code, "report_unknown_field", "field.report_unknown_field", {code}});
    else if (note.size() > kMaxNoteLength)
      errors.push_back({"notes." + code, "report_too_long", "field.report_too_long", {std::to_string(kMaxNoteLength)}});
  }
  if (!errors.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
    e.fields = std::move(errors);
    return e;
  }
  int64_t now = now_ms_();
  Report report;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto current, LoadReport(conn, id));
    if (!current) return ReportNotFound(id);
    report = std::move(*current);
    if (!Editable(report.status))
      return Error::Make(ErrorCode::kConflict, "error.report_locked", {ReportStatusName(report.status)});
    std::string before = ReportAuditJson(report);
    std::map<std::string, ReportValue> changed;
    for (const auto& [code, value] : update.values) {
      ReportValue& v = report.values[code];
      v.value = value;
      v.entered_by = who.AuditName();
      v.entered_at_ms = now;
      changed[code] = v;
    }
    for (const auto& [code, note] : update.notes) {
      ReportValue& v = report.values[code];
      v.note = Trimmed(note);
      if (!changed.count(code)) {
        v.entered_by = who.AuditName();
        v.entered_at_ms = now;
      }
      changed[code] = v;
    }
    HOPTAC_TRY(reporting::PutValues(conn, id, changed));
    report.updated_at_ms = now;
    HOPTAC_TRY(UpdateReportState(conn, report));
    ReportEvent saved{"saved", who.AuditName(), now, ""};
    HOPTAC_TRY(AppendEvent(conn, id, saved));
    report.history.push_back(saved);
    auto audit = AuditOf(who, "report.put", "report", std::to_string(id),
                         CurrentProvince(report.province_code, report.period.End()), now);
    audit.before_json = std::move(before);
    audit.after_json = ReportAuditJson(report);
    return storage::AppendAudit(conn, audit);
  }));
  return View(report);
}

Result<ReportView> ReportService::Step(const Principal& who, int64_t id, Action action, const std::string& comment) {
  int64_t now = now_ms_();
  Report report;
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, FormOf(seen));
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto current, LoadReport(conn, id));
    if (!current) return ReportNotFound(id);
    report = std::move(*current);
    HOPTAC_ASSIGN_OR_RETURN(ReportStatus next, Move(report.status, action));
    if (action == Action::kSubmit) {
      // Required fields, notes for overridden prefills, and the rules of severity error.
      std::vector<FieldError> errors;
      for (const Field* field : form.Fields()) {
        auto v = report.values.find(field->code);
        if (field->required && (v == report.values.end() || v->second.value.is_null()))
          errors.push_back({field->code, "required", "field.required", {}});
      }
      for (FieldError& f : MissingNotes(form, report)) errors.push_back(std::move(f));
      for (const RuleCheck& c : EvaluateRules(form, report.Values()))
        if (c.severity == Severity::kError)
          errors.push_back({c.rule, "report_rule", "field.report_rule", {c.rule, c.left, c.op, c.right}});
      if (!errors.empty()) {
        Error e = Error::Make(ErrorCode::kInvalidArgument, "error.report_checks_failed");
        e.fields = std::move(errors);
        return e;
      }
    }
    std::string before = ReportAuditJson(report);
    report.status = next;
    report.updated_at_ms = now;
    std::string event;
    switch (action) {
      case Action::kSubmit:
        event = "submitted";
        report.submitted_at_ms = now;
        report.submitted_by = who.AuditName();
        if (!report.first_submitted_at_ms) report.first_submitted_at_ms = now;
        break;
      case Action::kReturn:
        event = "returned";
        report.return_comment = comment;
        break;
      case Action::kApprove:
        event = "approved";
        report.approved_at_ms = now;
        report.approved_by = who.AuditName();
        break;
      case Action::kReopen:
        event = "reopened";
        report.approved_at_ms.reset();
        report.approved_by.clear();
        break;
    }
    HOPTAC_TRY(UpdateReportState(conn, report));
    ReportEvent e{event, who.AuditName(), now, comment};
    HOPTAC_TRY(AppendEvent(conn, id, e));
    report.history.push_back(e);
    auto audit = AuditOf(who, std::string("report.") + ActionName(action), "report", std::to_string(id),
                         CurrentProvince(report.province_code, report.period.End()), now);
    audit.before_json = std::move(before);
    audit.after_json = ReportAuditJson(report);
    return storage::AppendAudit(conn, audit);
  }));
  return View(report);
}

Result<ReportView> ReportService::Submit(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  if (!MayFill(who, seen)) return Denied();
  return Step(who, id, Action::kSubmit, "");
}

Result<ReportView> ReportService::Return(const Principal& who, int64_t id, const std::string& comment) {
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  if (!MayReview(who, seen)) return Denied();
  std::string text = Trimmed(comment);
  if (text.empty()) return Error::InvalidField("comment", "required", "field.required");
  if (text.size() > kMaxCommentLength)
    return Error::InvalidField("comment", "report_too_long", "field.report_too_long",
                               {std::to_string(kMaxCommentLength)});
  return Step(who, id, Action::kReturn, text);
}

Status ReportService::WriteToRegistry(const Principal& who, const ReportForm& form, const Report& report) {
  domain::Figures figures;
  registry::EntityPatch patch;
  bool any_profile = false;
  for (const Field* field : form.Fields()) {
    auto it = report.values.find(field->code);
    if (it == report.values.end() || it->second.value.is_null()) continue;
    const json::value& v = it->second.value;
    if (!field->figure.empty()) {
      const domain::FigureField* f = domain::FindFigureField(field->figure);
      if (f && (v.is_int64() || v.is_uint64())) figures.*f->member = v.to_number<int64_t>();
    } else if (field->profile == "address" && v.is_string()) {
      patch.address = std::string(v.as_string()), any_profile = true;
    } else if (field->profile == "chair_name" && v.is_string()) {
      patch.chair_name = std::string(v.as_string()), any_profile = true;
    } else if (field->profile == "phone" && v.is_string()) {
      patch.phone = std::string(v.as_string()), any_profile = true;
    } else if (field->profile == "sector" && v.is_string()) {
      patch.sector = domain::SectorFromName(std::string_view(v.as_string())), any_profile = true;
    } else if (field->profile == "women_managed" && v.is_bool()) {
      patch.women_managed = v.as_bool(), any_profile = true;
    } else if (field->profile == "youth" && v.is_bool()) {
      patch.youth = v.as_bool(), any_profile = true;
    }
  }
  // The approver confirms implausible figures by approving them (the figures keep the mark).
  if (!figures.Empty())
    HOPTAC_TRY(figures_.Put(who, report.entity_id, report.period, figures, domain::Confirmation::kConfirmed));
  if (any_profile) HOPTAC_TRY(entities_.Patch(who, report.entity_id, patch));
  return Ok();
}

Result<ReportView> ReportService::Approve(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  if (!MayReview(who, seen)) return Denied();
  HOPTAC_TRY(Move(seen.status, Action::kApprove));
  if (seen.entity_id != 0) {
    // One truth: the entity's figures and profile are the registry's; the approved values
    // become them before the report is approved. A failure here approves nothing.
    HOPTAC_ASSIGN_OR_RETURN(ReportForm form, FormOf(seen));
    HOPTAC_TRY(WriteToRegistry(who, form, seen));
  }
  return Step(who, id, Action::kApprove, "");
}

Result<ReportView> ReportService::Reopen(const Principal& who, int64_t id, const std::string& reason) {
  HOPTAC_ASSIGN_OR_RETURN(Report seen, Load(who, id));
  if (!IsCli(who) && who.role != Role::kNationalAdmin) return Denied();
  std::string text = Trimmed(reason);
  if (text.empty()) return Error::InvalidField("reason", "required", "field.required");
  if (text.size() > kMaxCommentLength)
    return Error::InvalidField("reason", "report_too_long", "field.report_too_long",
                               {std::to_string(kMaxCommentLength)});
  return Step(who, id, Action::kReopen, text);
}

// ---- Completeness and due ---------------------------------------------------

}  // namespace hoptac::reporting

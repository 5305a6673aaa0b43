#include "reporting/data_value_sets.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "reporting/report_json.h"

namespace hoptac::reporting {
namespace {

namespace json = boost::json;

std::string NumberText(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

std::string NumberText(const json::value& v) {
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) return NumberText(v.as_double());
  return {};
}

// A stored value as DHIS2 text.
std::string ValueText(const Field& field, const json::value& v) {
  switch (field.type) {
    case FieldType::kInteger:
    case FieldType::kMoney:
    case FieldType::kDecimal:
    case FieldType::kPercent: return NumberText(v);
    case FieldType::kRange:
      if (v.is_object() && v.as_object().contains("min") && v.as_object().contains("max"))
        return NumberText(v.as_object().at("min")) + "-" + NumberText(v.as_object().at("max"));
      return {};
    case FieldType::kYesNo: return v.is_bool() ? (v.as_bool() ? "true" : "false") : "";
    default: return v.is_string() ? std::string(v.as_string()) : std::string();
  }
}

std::optional<int64_t> WholeNumber(std::string_view text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

std::optional<json::value> Number(std::string_view text) {
  if (auto whole = WholeNumber(text)) return json::value(*whole);
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(d)) return std::nullopt;
  return json::value(d);
}

// DHIS2 text as the field's JSON value; nullopt when it cannot be one ("" is null).
std::optional<json::value> ValueOf(const Field& field, std::string_view text) {
  if (text.empty()) return json::value(nullptr);
  switch (field.type) {
    case FieldType::kInteger:
    case FieldType::kMoney:
      if (auto n = WholeNumber(text)) return json::value(*n);
      return std::nullopt;
    case FieldType::kDecimal:
    case FieldType::kPercent: return Number(text);
    case FieldType::kRange: {
      size_t dash = text.find('-', 1);  // a leading '-' would be a sign
      if (dash == std::string_view::npos) return std::nullopt;
      auto min = Number(text.substr(0, dash)), max = Number(text.substr(dash + 1));
      if (!min || !max) return std::nullopt;
      return json::value(json::object{{"min", *min}, {"max", *max}});
    }
    case FieldType::kYesNo:
      if (text == "true") return json::value(true);
      if (text == "false") return json::value(false);
      return std::nullopt;
    default: return json::value(json::string(text));
  }
}

// The same number whatever its JSON kind (an integer read back as 5 or 5.0).
bool SameValue(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

const char* TypeHint(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kMoney: return "integer";
    case FieldType::kDecimal:
    case FieldType::kPercent: return "number";
    case FieldType::kRange: return "min-max";
    case FieldType::kYesNo: return "true|false";
    default: return FieldTypeName(type);
  }
}

Error Invalid(std::vector<FieldError> errors) {
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  e.fields = std::move(errors);
  return e;
}

// A text member of `o`, or nullopt (absent); a member of another type is an error.
std::optional<std::string> TextMember(const json::object& o, std::string_view name, const std::string& path,
                                      std::vector<FieldError>& errors) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_string()) return std::string(it->value().as_string());
  // DHIS2 clients sometimes send numbers as numbers: accept them as their text.
  if (name == "value" && it->value().is_number()) return NumberText(it->value());
  if (name == "value" && it->value().is_bool()) return std::string(it->value().as_bool() ? "true" : "false");
  errors.push_back({path, "invalid_type", "field.invalid_type", {"string"}});
  return std::nullopt;
}

}  // namespace

std::string Dhis2Period(const domain::Period& period) {
  if (period.kind() == domain::PeriodKind::kMonth) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02d", period.year(), period.first_month());
    return text;
  }
  return period.ToString();
}

Result<domain::Period> ParseDhis2Period(std::string_view text, std::string_view field) {
  if (text.size() == 6 && WholeNumber(text)) {
    int year = 0, month = 0;
    std::from_chars(text.data(), text.data() + 4, year);
    std::from_chars(text.data() + 4, text.data() + 6, month);
    if (year >= 1 && month >= 1 && month <= 12) return domain::Period::Month(year, month);
  }
  auto period = domain::ParsePeriod(text);
  if (period.ok()) return *period;
  return Error::InvalidField(std::string(field), "invalid_period", "field.dhis2_period", {std::string(text)});
}

Result<json::object> DataValueSets::Export(const auth::Principal& who, std::string_view data_set,
                                           std::string_view period_text, std::string_view org_unit) {
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, reports_.GetForm(who, std::string(data_set), std::nullopt));
  HOPTAC_ASSIGN_OR_RETURN(domain::Period period, ParseDhis2Period(period_text, "period"));
  HOPTAC_TRY(CheckPeriodAllowed(form, period));
  ReportListQuery query;
  query.filters.form_code = form.code;
  query.filters.period = period.ToString();
  query.limit = 1;
  if (form.level == Level::kEntity) {
    HOPTAC_ASSIGN_OR_RETURN(registry::EntityRecord entity, entities_.GetByRegistrationCode(who, org_unit));
    query.filters.entity_id = entity.entity.id;
  } else {
    query.filters.province_code = std::string(org_unit);
  }
  json::object out{{"dataSet", form.code}, {"period", Dhis2Period(period)}, {"orgUnit", std::string(org_unit)}};
  json::array values;
  HOPTAC_ASSIGN_OR_RETURN(ReportPage page, reports_.List(who, query));
  if (!page.items.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(ReportView view, reports_.Get(who, page.items.front().id));
    const Report& report = view.report;
    HOPTAC_ASSIGN_OR_RETURN(ReportForm version, reports_.GetForm(who, form.code, report.form_version));
    if (report.approved_at_ms) out["completeDate"] = IsoTime(*report.approved_at_ms).substr(0, 10);
    for (const Field* field : version.Fields()) {
      auto it = report.values.find(field->code);
      if (it == report.values.end() || it->second.value.is_null()) continue;
      json::object dv{{"dataElement", field->code},
                      {"period", Dhis2Period(period)},
                      {"orgUnit", std::string(org_unit)},
                      {"value", ValueText(*field, it->second.value)}};
      if (!it->second.note.empty()) dv["comment"] = it->second.note;
      if (!it->second.entered_by.empty()) {
        dv["storedBy"] = it->second.entered_by;
        dv["lastUpdated"] = IsoTime(it->second.entered_at_ms);
      }
      values.push_back(std::move(dv));
    }
  }
  out["dataValues"] = std::move(values);
  return out;
}

Result<DataValueSetImport> DataValueSets::Import(const auth::Principal& who, const json::object& body) {
  std::vector<FieldError> errors;
  for (const auto& member : body) {
    std::string_view name = member.key();
    if (name != "dataSet" && name != "period" && name != "orgUnit" && name != "dataValues" && name != "completeDate" &&
        name != "attributeOptionCombo")
      errors.push_back({std::string(name), "unknown_parameter", "field.unknown_parameter", {std::string(name)}});
  }
  auto data_set = TextMember(body, "dataSet", "dataSet", errors);
  auto period_text = TextMember(body, "period", "period", errors);
  auto org_unit = TextMember(body, "orgUnit", "orgUnit", errors);
  if (!data_set) errors.push_back({"dataSet", "required", "field.required", {}});
  if (!period_text) errors.push_back({"period", "required", "field.required", {}});
  if (!org_unit) errors.push_back({"orgUnit", "required", "field.required", {}});
  const json::array* data_values = nullptr;
  if (auto it = body.find("dataValues"); it == body.end())
    errors.push_back({"dataValues", "required", "field.required", {}});
  else if (!it->value().is_array())
    errors.push_back({"dataValues", "invalid_type", "field.invalid_type", {"array"}});
  else
    data_values = &it->value().as_array();
  if (!errors.empty()) return Invalid(std::move(errors));

  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, reports_.GetForm(who, *data_set, std::nullopt));
  HOPTAC_ASSIGN_OR_RETURN(domain::Period period, ParseDhis2Period(*period_text, "period"));
  HOPTAC_TRY(CheckPeriodAllowed(form, period));
  NewReport unit;
  unit.form = form.code;
  unit.period = period.ToString();
  ReportListQuery query;
  query.filters.form_code = form.code;
  query.filters.period = unit.period;
  query.limit = 1;
  if (form.level == Level::kEntity) {
    auto entity = entities_.GetByRegistrationCode(who, *org_unit);
    if (!entity.ok()) {
      if (entity.error().code != ErrorCode::kNotFound) return std::move(entity).error();
      return Error::InvalidField("orgUnit", "not_found", "field.entity_code_not_found", {*org_unit});
    }
    unit.entity_id = entity->entity.id;
    query.filters.entity_id = entity->entity.id;
  } else {
    unit.province = *org_unit;
    query.filters.province_code = *org_unit;
  }
  HOPTAC_ASSIGN_OR_RETURN(ReportPage page, reports_.List(who, query));
  // The form the values are checked against: the existing report's version, else the latest.
  const ReportForm* checked = &form;
  ReportForm version;
  std::optional<ReportView> existing;
  if (!page.items.empty()) {
    HOPTAC_ASSIGN_OR_RETURN(existing, reports_.Get(who, page.items.front().id));
    if (existing->report.form_version != form.version) {
      HOPTAC_ASSIGN_OR_RETURN(version, reports_.GetForm(who, form.code, existing->report.form_version));
      checked = &version;
    }
  }

  // Every value checked before anything is written.
  ValuesUpdate update;
  std::set<std::string> seen;
  for (size_t i = 0; i < data_values->size(); ++i) {
    const std::string at = "dataValues[" + std::to_string(i) + "]";
    if (!(*data_values)[i].is_object()) {
      errors.push_back({at, "invalid_type", "field.invalid_type", {"object"}});
      continue;
    }
    const json::object& dv = (*data_values)[i].as_object();
    auto element = TextMember(dv, "dataElement", at + ".dataElement", errors);
    auto text = TextMember(dv, "value", at + ".value", errors);
    auto comment = TextMember(dv, "comment", at + ".comment", errors);
    if (auto p = TextMember(dv, "period", at + ".period", errors)) {
      auto own = ParseDhis2Period(*p, at + ".period");
      if (!own.ok() || !(*own == period))
        errors.push_back({at + ".period", "other_report", "field.dhis2_other_report", {*p, *period_text}});
    }
    if (auto o = TextMember(dv, "orgUnit", at + ".orgUnit", errors); o && *o != *org_unit)
      errors.push_back({at + ".orgUnit", "other_report", "field.dhis2_other_report", {*o, *org_unit}});
    if (!element) {
      errors.push_back({at + ".dataElement", "required", "field.required", {}});
      continue;
    }
    const Field* field = checked->FindField(*element);
    if (field == nullptr) {
      errors.push_back(
          {at + ".dataElement", "unknown_data_element", "field.dhis2_unknown_data_element", {*element, checked->code}});
      continue;
    }
    if (!seen.insert(*element).second) {
      errors.push_back({at + ".dataElement", "duplicate", "field.dhis2_duplicate_data_element", {*element}});
      continue;
    }
    if (text) {
      auto value = ValueOf(*field, *text);
      if (!value) {
        errors.push_back(
            {at + ".value", "invalid_value", "field.dhis2_invalid_value", {*text, field->code, TypeHint(field->type)}});
        continue;
      }
      Status ok = CheckValue(*field, *value);
      if (!ok.ok()) {
        for (FieldError e : ok.error().fields) {
          e.field = at + ".value";
          errors.push_back(std::move(e));
        }
        continue;
      }
      update.values[field->code] = std::move(*value);
    }
    if (comment) update.notes[field->code] = *comment;
  }
  if (!errors.empty()) return Invalid(std::move(errors));

  DataValueSetImport result;
  if (!existing) {
    auto created = reports_.Create(who, unit);
    if (!created.ok()) {
      // The unit is the set's orgUnit: name it as the sender wrote it, not as POST /reports does.
      Error error = std::move(created).error();
      for (FieldError& f : error.fields)
        if (f.field == "province" || f.field == "entity_id") f.field = "orgUnit";
      return error;
    }
    existing = std::move(*created);
    result.created = true;
  }
  result.report_id = existing->report.id;
  const Report& report = existing->report;
  // Only what differs is written.
  ValuesUpdate changes;
  for (auto& [code, value] : update.values) {
    auto it = report.values.find(code);
    const json::value before = it == report.values.end() ? json::value(nullptr) : it->second.value;
    if (SameValue(before, value)) {
      ++result.count.ignored;
      continue;
    }
    if (before.is_null())
      ++result.count.imported;
    else if (value.is_null())
      ++result.count.deleted;
    else
      ++result.count.updated;
    changes.values[code] = value;
  }
  for (auto& [code, note] : update.notes) {
    auto it = report.values.find(code);
    const std::string before = it == report.values.end() ? std::string() : it->second.note;
    if (before == note) continue;
    if (!changes.values.count(code)) ++result.count.updated;
    if (update.values.count(code) && !changes.values.count(code)) --result.count.ignored;
    changes.notes[code] = note;
  }
  if (!changes.values.empty() || !changes.notes.empty()) {
    auto written = reports_.PutValues(who, result.report_id, changes);
    if (!written.ok()) return std::move(written).error();
  }
  return result;
}

}  // namespace hoptac::reporting

#include "reporting/report_json.h"

#include <boost/json.hpp>
#include <cstdio>

namespace hoptac::reporting {

namespace json = boost::json;

std::string IsoTime(int64_t ms) {
  int64_t days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
  int64_t rest = ms - days * 86'400'000;
  Date d = Date::FromDays(static_cast<int>(days));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", d.ToIso().c_str(), static_cast<int>(rest / 3'600'000),
                static_cast<int>(rest / 60'000 % 60), static_cast<int>(rest / 1000 % 60),
                static_cast<int>(rest % 1000));
  return buf;
}

json::object FormJson(const ReportForm& form) {
  json::object o;
  o["code"] = form.code;
  o["version"] = form.version;
  boost::system::error_code ec;
  json::value definition = json::parse(form.definition, ec);
  if (!ec && definition.is_object())
    for (const auto& member : definition.as_object())
      if (member.key() != "code") o[member.key()] = member.value();
  return o;
}

json::object FormSummaryJson(const ReportForm& form) {
  json::array types;
  for (PeriodType t : form.period_types) types.emplace_back(PeriodTypeName(t));
  return json::object{{"code", form.code},     {"version", form.version}, {"level", LevelName(form.level)},
                      {"period_types", types}, {"name_vi", form.name_vi}, {"name_en", form.name_en}};
}

void AddLabels(json::object& o, const UnitLabels& labels, bool english) {
  const std::string& form = english && !labels.form_en.empty() ? labels.form_en : labels.form_vi;
  o["form_name"] = form.empty() ? json::value(nullptr) : json::value(form);
  o["province_name"] = labels.province.empty() ? json::value(nullptr) : json::value(labels.province);
  o["entity_name"] = labels.entity.empty() ? json::value(nullptr) : json::value(labels.entity);
  o["entity_code"] = labels.entity_code.empty() ? json::value(nullptr) : json::value(labels.entity_code);
}

json::object ReportSummaryJson(const Report& r, const UnitLabels* labels, bool english) {
  json::object o;
  o["id"] = r.id;
  o["form"] = r.form_code;
  o["form_version"] = r.form_version;
  o["period"] = r.period.ToString();
  o["province"] = r.province_code;
  o["entity_id"] = r.entity_id ? json::value(r.entity_id) : json::value(nullptr);
  o["status"] = ReportStatusName(r.status);
  o["due_date"] = r.due_date.ToIso();
  o["submitted_at"] = r.submitted_at_ms ? json::value(IsoTime(*r.submitted_at_ms)) : json::value(nullptr);
  o["approved_at"] = r.approved_at_ms ? json::value(IsoTime(*r.approved_at_ms)) : json::value(nullptr);
  o["on_time"] = r.first_submitted_at_ms ? json::value(OnTime(r)) : json::value(nullptr);
  o["return_comment"] = r.return_comment.empty() ? json::value(nullptr) : json::value(r.return_comment);
  if (labels) AddLabels(o, *labels, english);
  return o;
}

namespace {

json::object ValuesJson(const Report& r, json::object& notes, json::object& prefill, json::object& entered) {
  json::object values;
  for (const auto& [code, v] : r.values) {
    values[code] = v.value;
    if (!v.note.empty()) notes[code] = v.note;
    if (v.registry_value) prefill[code] = json::object{{"value", *v.registry_value}, {"source", v.registry_source}};
    if (!v.entered_by.empty()) entered[code] = json::object{{"by", v.entered_by}, {"at", IsoTime(v.entered_at_ms)}};
  }
  return values;
}

}  // namespace

json::object ReportJson(const Report& r, const std::vector<RuleCheck>& checks, bool english, const UnitLabels* labels) {
  json::object o = ReportSummaryJson(r, labels, english);
  json::object notes, prefill, entered;
  o["values"] = ValuesJson(r, notes, prefill, entered);
  o["notes"] = std::move(notes);
  o["prefill"] = std::move(prefill);
  o["entered"] = std::move(entered);
  json::array cs;
  for (const RuleCheck& c : checks)
    cs.push_back(json::object{
        {"rule", c.rule}, {"severity", SeverityName(c.severity)}, {"message", english ? c.message_en : c.message_vi}});
  o["checks"] = std::move(cs);
  json::array history;
  for (const ReportEvent& e : r.history)
    history.push_back(json::object{{"action", e.action},
                                   {"by", e.by},
                                   {"at", IsoTime(e.at_ms)},
                                   {"comment", e.comment.empty() ? json::value(nullptr) : json::value(e.comment)}});
  o["history"] = std::move(history);
  return o;
}

std::string ReportAuditJson(const Report& r) {
  json::object o = ReportSummaryJson(r);
  json::object notes, prefill, entered;
  o["values"] = ValuesJson(r, notes, prefill, entered);
  o["notes"] = std::move(notes);
  return json::serialize(o);
}

}  // namespace hoptac::reporting

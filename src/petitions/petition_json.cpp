#include "petitions/petition_json.h"

#include "io/json_reader.h"

namespace hoptac::petitions {
namespace json = boost::json;
using Reader = io::JsonReader;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
json::value DateOrNull(const std::optional<Date>& d) { return d ? json::value(d->ToIso()) : json::value(nullptr); }
json::value InstantOrNull(int64_t ms) { return ms == 0 ? json::value(nullptr) : json::value(InstantText(ms)); }
json::value IdOrNull(int64_t id) { return id == 0 ? json::value(nullptr) : json::value(id); }
json::value NumberOrNull(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::value PersonJson(const std::optional<PersonRef>& p) {
  if (!p) return nullptr;
  return json::object{{"id", p->id}, {"username", p->username}, {"display_name", p->display_name}};
}

}  // namespace

Result<PetitionInput> ReadPetitionInput(const json::object& body, bool creating) {
  Reader r;
  PetitionInput in;
  if (const json::array* list = r.Array(body, "entity_ids", "entity_ids")) {
    in.entities.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"id", (*list)[i]}};
      if (auto id = r.Integer(holder, "id", "entity_ids[" + std::to_string(i) + "]")) in.entities->push_back(*id);
    }
  }
  in.theme = r.String(body, "theme", "theme");
  in.content = r.String(body, "content", "content");
  if (const json::value* v = body.if_contains("addressed_to"); v && !v->is_null()) {
    if (v->is_string()) {
      in.addressed_to = AddressedTo{"other", std::string(v->as_string())};
    } else if (const json::object* o = r.Object(*v, "addressed_to")) {
      AddressedTo a;
      a.kind = r.String(*o, "kind", "addressed_to.kind", true).value_or("");
      a.name = r.String(*o, "name", "addressed_to.name").value_or("");
      r.Unknown(*o, {"kind", "name"}, "addressed_to");
      in.addressed_to = std::move(a);
    }
  }
  if (creating) {
    in.province = r.String(body, "province", "province");
    in.activity = r.Integer(body, "activity_id", "activity_id");
    in.raised_on = r.DateOf(body, "raised_on", "raised_on");
    r.Unknown(body, {"entity_ids", "province", "theme", "content", "addressed_to", "activity_id", "raised_on"}, "");
  } else {
    r.Unknown(body, {"entity_ids", "theme", "content", "addressed_to"}, "");
  }
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<AssignInput> ReadAssignInput(const json::object& body) {
  Reader r;
  AssignInput in;
  in.assignee = r.Integer(body, "assignee", "assignee").value_or(0);
  in.agency = r.String(body, "agency", "agency").value_or("");
  in.due_on = r.DateOf(body, "due_on", "due_on");
  r.Unknown(body, {"assignee", "agency", "due_on"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<AnswerBody> ReadAnswer(const json::object& body) {
  Reader r;
  AnswerBody a;
  a.text = r.String(body, "text", "text", true).value_or("");
  a.is_public = r.Bool(body, "public", "public").value_or(false);
  r.Unknown(body, {"text", "public"}, "");
  HOPTAC_TRY(r.Finish());
  return a;
}

Result<std::string> ReadReason(const json::object& body) {
  Reader r;
  std::string reason = r.String(body, "reason", "reason", true).value_or("");
  r.Unknown(body, {"reason"}, "");
  HOPTAC_TRY(r.Finish());
  return reason;
}

Result<Theme> ReadNewTheme(const json::object& body) {
  Reader r;
  Theme t;
  t.code = r.String(body, "code", "code", true).value_or("");
  t.name_vi = r.String(body, "name_vi", "name_vi", true).value_or("");
  t.name_en = r.String(body, "name_en", "name_en", true).value_or("");
  r.Unknown(body, {"code", "name_vi", "name_en"}, "");
  HOPTAC_TRY(r.Finish());
  return t;
}

Result<ThemeChange> ReadThemeChange(const json::object& body) {
  Reader r;
  ThemeChange c;
  c.name_vi = r.String(body, "name_vi", "name_vi");
  c.name_en = r.String(body, "name_en", "name_en");
  c.active = r.Bool(body, "active", "active");
  r.Unknown(body, {"name_vi", "name_en", "active"}, "");
  HOPTAC_TRY(r.Finish());
  return c;
}

json::object PetitionJson(const Petition& p) {
  json::array entity_ids;
  for (int64_t e : p.entity_ids) entity_ids.push_back(e);
  return {{"id", p.id},
          {"code", p.code},
          {"raised_on", p.raised_on.ToIso()},
          {"province", p.current_province_code},
          {"province_as_raised", p.province_code},
          {"theme", p.theme},
          {"content", p.content},
          {"addressed_to", json::object{{"kind", p.addressed_kind}, {"name", p.addressed_name}}},
          {"entity_ids", std::move(entity_ids)},
          {"activity_id", IdOrNull(p.activity_id)},
          {"source", p.source},
          {"status", p.status},
          {"assignee_id", IdOrNull(p.assignee_user_id)},
          {"agency", TextOrNull(p.agency)},
          {"assigned_on", DateOrNull(p.assigned_on)},
          {"due_on", DateOrNull(p.due_on)},
          {"answer_text", TextOrNull(p.answer_text)},
          {"answer_public", p.answer_public},
          {"answered_by", IdOrNull(p.answered_by)},
          {"answered_at", InstantOrNull(p.answered_at_ms)},
          {"closed_at", InstantOrNull(p.closed_at_ms)},
          {"reopen_reason", TextOrNull(p.reopen_reason)},
          {"created_at", InstantText(p.created_at_ms)},
          {"updated_at", InstantText(p.updated_at_ms)}};
}

json::object PetitionDetailsJson(const PetitionDetails& d) {
  const Petition& p = d.petition;
  json::array entity_ids, entities, steps;
  for (int64_t e : p.entity_ids) entity_ids.push_back(e);
  for (const EntityRef& e : d.entities)
    entities.push_back(json::object{{"id", e.id}, {"name", e.name}, {"province", e.province_code}});
  for (const Step& s : d.steps)
    steps.push_back(
        json::object{{"step", s.step}, {"at", InstantText(s.at_ms)}, {"by", s.by_name}, {"note", TextOrNull(s.note)}});
  json::value activity = nullptr;
  if (d.activity)
    activity = json::object{
        {"id", d.activity->id}, {"title", d.activity->title}, {"from_date", d.activity->from_date.ToIso()}};
  json::value answer = nullptr;
  if (p.answered_at_ms != 0)
    answer = json::object{{"text", p.answer_text},
                          {"public", p.answer_public},
                          {"by", PersonJson(d.answered_by)},
                          {"at", InstantText(p.answered_at_ms)},
                          {"on_time", OnTime(p)}};
  return {{"id", p.id},
          {"code", p.code},
          {"raised_on", p.raised_on.ToIso()},
          {"province", p.current_province_code},
          {"province_name", d.province_name},
          {"province_as_raised", p.province_code},
          {"theme", p.theme},
          {"content", p.content},
          {"addressed_to", json::object{{"kind", p.addressed_kind}, {"name", p.addressed_name}}},
          {"entity_ids", std::move(entity_ids)},
          {"entities", std::move(entities)},
          {"activity_id", IdOrNull(p.activity_id)},
          {"activity", std::move(activity)},
          {"source", p.source},
          {"status", p.status},
          {"assignee", PersonJson(d.assignee)},
          {"agency", TextOrNull(p.agency)},
          {"assigned_on", DateOrNull(p.assigned_on)},
          {"due_on", DateOrNull(p.due_on)},
          {"overdue", d.overdue},
          {"days_overdue", d.days_overdue},
          {"answer", std::move(answer)},
          {"closed_at", InstantOrNull(p.closed_at_ms)},
          {"reopen_reason", TextOrNull(p.reopen_reason)},
          {"steps", std::move(steps)},
          {"created_at", InstantText(p.created_at_ms)},
          {"updated_at", InstantText(p.updated_at_ms)},
          {"may", json::object{{"edit", d.may.edit},
                               {"assign", d.may.assign},
                               {"answer", d.may.answer},
                               {"close", d.may.close},
                               {"reopen", d.may.reopen}}}};
}

json::object ThemeJson(const Theme& t) {
  return {
      {"code", t.code}, {"name_vi", t.name_vi}, {"name_en", t.name_en}, {"builtin", t.builtin}, {"active", t.active}};
}

json::object StatsJson(const PetitionStats& s) {
  json::array by_theme, by_status, by_province, by_month, yoy;
  for (const ThemeCount& t : s.by_theme)
    by_theme.push_back(
        json::object{{"theme", t.theme}, {"count", t.count}, {"answered", t.answered}, {"overdue", t.overdue}});
  for (const auto& [status, count] : s.by_status)
    by_status.push_back(json::object{{"status", status}, {"count", count}});
  for (const ProvinceCount& p : s.by_province)
    by_province.push_back(json::object{{"province", p.province},
                                       {"name", p.name},
                                       {"count", p.count},
                                       {"overdue", p.overdue},
                                       {"median_days_to_answer", NumberOrNull(p.median_days_to_answer)}});
  for (const auto& [month, count] : s.by_month) by_month.push_back(json::object{{"month", month}, {"count", count}});
  for (const YearOnYear& y : s.year_on_year)
    yoy.push_back(json::object{{"theme", y.theme}, {"this_year", y.this_year}, {"last_year", y.last_year}});
  return {{"total", s.total},
          {"overdue", s.overdue},
          {"answered", s.answered},
          {"answered_on_time", s.answered_on_time},
          {"median_days_to_answer", NumberOrNull(s.median_days_to_answer)},
          {"by_theme", std::move(by_theme)},
          {"by_status", std::move(by_status)},
          {"by_province", std::move(by_province)},
          {"by_month", std::move(by_month)},
          {"themes_year_on_year", json::object{{"year", s.year}, {"items", std::move(yoy)}}}};
}

json::object PublicAnswerJson(const PublicAnswer& a) {
  return {{"id", a.id},
          {"theme", a.theme},
          {"province", a.province},
          {"province_name", a.province_name},
          {"raised_on", a.raised_on.ToIso()},
          {"content", a.content},
          {"answer", a.answer},
          {"answered_on", a.answered_on.ToIso()}};
}

}  // namespace hoptac::petitions

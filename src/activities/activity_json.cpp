#include "activities/activity_json.h"

#include "io/json_reader.h"

namespace hoptac::activities {
namespace json = boost::json;
using io::At;
using Reader = io::JsonReader;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

std::optional<std::vector<int64_t>> Ids(Reader& r, const json::object& body, std::string_view name) {
  const json::array* list = r.Array(body, name, std::string(name));
  if (!list) return std::nullopt;
  std::vector<int64_t> out;
  for (size_t i = 0; i < list->size(); ++i) {
    json::object holder{{"id", (*list)[i]}};
    if (auto id = r.Integer(holder, "id", std::string(name) + "[" + std::to_string(i) + "]")) out.push_back(*id);
  }
  return out;
}

// An integer member that must fit `int`; out of range reads as `fallback` with an error.
int SmallInt(Reader& r, const json::object& o, std::string_view name, const std::string& path, int fallback, int64_t lo,
             int64_t hi) {
  auto v = r.Integer(o, name, path);
  if (!v) return fallback;
  if (*v < lo || *v > hi) {
    r.Add({path, "out_of_range", "field.out_of_range", {std::to_string(lo), std::to_string(hi)}});
    return fallback;
  }
  return static_cast<int>(*v);
}

}  // namespace

Result<ActivityInput> ReadActivityInput(const json::object& body) {
  Reader r;
  ActivityInput in;
  in.type = r.String(body, "type", "type");
  in.title = r.String(body, "title", "title");
  in.title_en = r.String(body, "title_en", "title_en");
  in.status = r.String(body, "status", "status");
  in.province = r.String(body, "province", "province");
  in.commune = r.String(body, "commune", "commune");
  if (body.contains("commune") && body.at("commune").is_null()) in.commune = "";
  in.place = r.String(body, "place", "place");
  in.organiser = r.String(body, "organiser", "organiser");
  in.description = r.String(body, "description", "description");
  in.outcomes = r.String(body, "outcomes", "outcomes");
  in.from = r.DateOf(body, "from", "from");
  in.to = r.DateOf(body, "to", "to");
  in.partners = Ids(r, body, "partners");
  in.entities = Ids(r, body, "entities");
  if (const json::array* list = r.Array(body, "programmes", "programmes")) {
    in.programmes.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string at = "programmes[" + std::to_string(i) + "]";
      const json::object* o = r.Object((*list)[i], at);
      if (!o) continue;
      ProgrammeLink link;
      link.programme_id = r.Integer(*o, "programme", at + ".programme", true).value_or(0);
      if (const json::array* contents = r.Array(*o, "contents", at + ".contents")) {
        for (size_t k = 0; k < contents->size(); ++k) {
          json::object holder{{"n", (*contents)[k]}};
          const int n = SmallInt(r, holder, "n", at + ".contents[" + std::to_string(k) + "]", 0, 1, 999);
          if (n != 0) link.contents.push_back(n);
        }
      }
      r.Unknown(*o, {"programme", "contents"}, at);
      in.programmes->push_back(std::move(link));
    }
  }
  if (const json::value* v = body.if_contains("participants"); v && !v->is_null()) {
    if (const json::object* o = r.Object(*v, "participants")) {
      Counts c;
      c.total = r.Integer(*o, "total", "participants.total").value_or(0);
      c.female = r.Integer(*o, "female", "participants.female").value_or(0);
      c.youth = r.Integer(*o, "youth", "participants.youth").value_or(0);
      r.Unknown(*o, {"total", "female", "youth"}, "participants");
      in.participants = c;
    }
  }
  r.Unknown(body,
            {"type", "title", "title_en", "status", "province", "commune", "place", "organiser", "description",
             "outcomes", "from", "to", "partners", "entities", "programmes", "participants",
             // Read-only members of an answer sent back unchanged are ignored.
             "id", "current_province", "partner_details", "programme_details", "entity_details", "counts_from_list",
             "participant_list_size", "created_at_ms", "updated_at_ms", "may_write", "may_read_list"},
            "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<std::vector<Participant>> ReadParticipants(const json::object& body) {
  Reader r;
  std::vector<Participant> out;
  const json::array* list = r.Array(body, "items", "items");
  if (!list && r.ok()) r.Add({"items", "required", "field.required", {}});
  if (list) {
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      const json::object* o = r.Object((*list)[i], at);
      if (!o) continue;
      Participant p;
      p.name = r.String(*o, "name", At("items", i, "name"), true).value_or("");
      p.sex = r.String(*o, "sex", At("items", i, "sex")).value_or("");
      p.birth_year = SmallInt(r, *o, "birth_year", At("items", i, "birth_year"), 0, 0, 9999);
      p.entity_id = r.Integer(*o, "entity", At("items", i, "entity")).value_or(0);
      p.organisation = r.String(*o, "organisation", At("items", i, "organisation")).value_or("");
      p.job_title = r.String(*o, "position", At("items", i, "position")).value_or("");
      p.phone = r.String(*o, "phone", At("items", i, "phone")).value_or("");
      p.email = r.String(*o, "email", At("items", i, "email")).value_or("");
      r.Unknown(*o, {"name", "sex", "birth_year", "entity", "organisation", "position", "phone", "email"}, at);
      out.push_back(std::move(p));
    }
  }
  r.Unknown(body, {"items"}, "");
  HOPTAC_TRY(r.Finish());
  return out;
}

Result<PlacementInput> ReadPlacementInput(const json::object& body) {
  Reader r;
  PlacementInput in;
  in.worker_name = r.String(body, "worker_name", "worker_name");
  in.sex = r.String(body, "sex", "sex");
  if (body.contains("sex") && body.at("sex").is_null()) in.sex = "";
  in.job_title = r.String(body, "position", "position");
  in.notes = r.String(body, "notes", "notes");
  in.birth_year = r.Integer(body, "birth_year", "birth_year");
  if (body.contains("birth_year") && body.at("birth_year").is_null()) in.birth_year = 0;
  in.entity = r.Integer(body, "entity", "entity");
  in.programme = r.Integer(body, "programme", "programme");
  if (body.contains("programme") && body.at("programme").is_null()) in.programme = 0;
  in.start = r.DateOf(body, "start", "start");
  bool end_present = false;
  std::optional<Date> end = r.DateOf(body, "end", "end", false, &end_present);
  if (end_present) in.end = end;
  r.Unknown(body,
            {"worker_name", "sex", "position", "notes", "birth_year", "entity", "programme", "start", "end", "id",
             "province", "entity_details", "created_at_ms", "updated_at_ms", "may_write"},
            "");
  HOPTAC_TRY(r.Finish());
  return in;
}

json::object CountsJson(const Counts& c) { return {{"total", c.total}, {"female", c.female}, {"youth", c.youth}}; }

json::object ActivityJson(const Activity& a) {
  json::array partners, programmes, entities;
  for (int64_t id : a.partner_ids) partners.push_back(id);
  for (const ProgrammeLink& link : a.programmes) {
    json::array contents;
    for (int c : link.contents) contents.push_back(c);
    programmes.push_back(json::object{{"programme", link.programme_id}, {"contents", std::move(contents)}});
  }
  for (int64_t id : a.entity_ids) entities.push_back(id);
  return {{"id", a.id},
          {"type", a.type},
          {"title", a.title},
          {"title_en", a.title_en},
          {"status", a.status},
          {"from", a.from.ToIso()},
          {"to", a.to.ToIso()},
          {"province", a.province_code},
          {"current_province", a.current_province_code},
          {"commune", TextOrNull(a.commune_code)},
          {"place", a.place},
          {"organiser", a.organiser},
          {"partners", std::move(partners)},
          {"programmes", std::move(programmes)},
          {"entities", std::move(entities)},
          {"participants", CountsJson(a.participants)},
          {"counts_from_list", a.counts_from_list()},
          {"participant_list_size", a.list_size},
          {"description", a.description},
          {"outcomes", a.outcomes},
          {"created_at_ms", a.created_at_ms},
          {"updated_at_ms", a.updated_at_ms}};
}

json::object ActivityDetailsJson(const ActivityDetails& d) {
  json::object o = ActivityJson(d.activity);
  json::array partners, programmes, entities;
  for (const PartnerInfo& p : d.partners)
    partners.push_back(json::object{{"id", p.id},
                                    {"name", p.name},
                                    {"short_name", p.short_name},
                                    {"kind", p.kind},
                                    {"province", TextOrNull(p.province_code)}});
  for (const ProgrammeInfo& p : d.programmes)
    programmes.push_back(json::object{{"id", p.id},
                                      {"code", p.code},
                                      {"title", p.title},
                                      {"title_en", p.title_en},
                                      {"province", TextOrNull(p.province_code)}});
  for (const EntityInfo& e : d.entities)
    entities.push_back(json::object{{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"province", e.province_code}});
  o["partner_details"] = std::move(partners);
  o["programme_details"] = std::move(programmes);
  o["entity_details"] = std::move(entities);
  o["may_write"] = d.may_write;
  o["may_read_list"] = d.may_read_list;
  return o;
}

json::object ParticipantJson(const Participant& p) {
  return {{"name", p.name},
          {"sex", TextOrNull(p.sex)},
          {"birth_year", p.birth_year == 0 ? json::value(nullptr) : json::value(p.birth_year)},
          {"entity", p.entity_id == 0 ? json::value(nullptr) : json::value(p.entity_id)},
          {"organisation", p.organisation},
          {"position", p.job_title},
          {"phone", p.phone},
          {"email", p.email}};
}

json::object PlacementJson(const Placement& p) {
  return {{"id", p.id},
          {"worker_name", p.worker_name},
          {"birth_year", p.birth_year == 0 ? json::value(nullptr) : json::value(p.birth_year)},
          {"sex", TextOrNull(p.sex)},
          {"entity", p.entity_id},
          {"province", p.province_code},
          {"start", p.start.ToIso()},
          {"end", p.end ? json::value(p.end->ToIso()) : json::value(nullptr)},
          {"programme", p.programme_id == 0 ? json::value(nullptr) : json::value(p.programme_id)},
          {"position", p.job_title},
          {"notes", p.notes},
          {"created_at_ms", p.created_at_ms},
          {"updated_at_ms", p.updated_at_ms}};
}

}  // namespace hoptac::activities

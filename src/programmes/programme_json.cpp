#include "programmes/programme_json.h"

#include <cmath>

#include "io/json_reader.h"

namespace hoptac::programmes {
namespace json = boost::json;

namespace {

using Reader = io::JsonReader;

using io::At;

json::value DateOrNull(const std::optional<Date>& d) { return d ? json::value(d->ToIso()) : json::value(nullptr); }

std::string FilterValueText(const json::value& v, bool& ok) {
  ok = true;
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_array()) {
    std::string out;
    for (const json::value& item : v.as_array()) {
      bool item_ok = false;
      std::string text = item.is_array() ? std::string() : FilterValueText(item, item_ok);
      if (!item_ok) {
        ok = false;
        return {};
      }
      if (!out.empty()) out += ",";
      out += text;
    }
    return out;
  }
  ok = false;
  return {};
}

json::value ParseOr(std::string_view text, json::value fallback) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? fallback : v;
}

// Calls `each` for every object of the stored JSON list `text` (anything else is skipped).
template <class Each>
void ForEachStoredObject(std::string_view text, Each each) {
  json::value v = ParseOr(text, json::array());
  if (!v.is_array()) return;
  for (const json::value& item : v.as_array())
    if (item.is_object()) each(item.as_object());
}

// A stored object's text member, "" when absent or not text.
std::string Member(const json::object& o, const char* name) {
  const json::value* m = o.if_contains(name);
  return m && m->is_string() ? std::string(m->as_string()) : std::string();
}

json::object ContactJson(const Contact& c) {
  return json::object{{"name", c.name}, {"position", c.position}, {"phone", c.phone}, {"email", c.email}};
}

}  // namespace

Result<PartnerInput> ReadPartnerInput(const json::object& body) {
  Reader r;
  PartnerInput in;
  in.name = r.String(body, "name", "name");
  in.name_en = r.String(body, "name_en", "name_en");
  in.short_name = r.String(body, "short_name", "short_name");
  in.kind = r.String(body, "kind", "kind");
  in.province = r.String(body, "province", "province");
  in.address = r.String(body, "address", "address");
  in.website = r.String(body, "website", "website");
  in.notes = r.String(body, "notes", "notes");
  if (const json::array* list = r.Array(body, "contacts", "contacts")) {
    in.contacts.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const json::object* o = r.Object((*list)[i], "contacts[" + std::to_string(i) + "]");
      if (!o) continue;
      Contact c;
      c.name = r.String(*o, "name", At("contacts", i, "name")).value_or("");
      c.position = r.String(*o, "position", At("contacts", i, "position")).value_or("");
      c.phone = r.String(*o, "phone", At("contacts", i, "phone")).value_or("");
      c.email = r.String(*o, "email", At("contacts", i, "email")).value_or("");
      r.Unknown(*o, {"name", "position", "phone", "email"}, "contacts[" + std::to_string(i) + "]");
      in.contacts->push_back(std::move(c));
    }
  }
  r.Unknown(body, {"name", "name_en", "short_name", "kind", "province", "address", "website", "notes", "contacts"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<ProgrammeInput> ReadProgrammeInput(const json::object& body) {
  Reader r;
  ProgrammeInput in;
  in.code = r.String(body, "code", "code");
  in.title = r.String(body, "title", "title");
  in.title_en = r.String(body, "title_en", "title_en");
  in.kind = r.String(body, "kind", "kind");
  in.province = r.String(body, "province", "province");
  if (body.contains("province") && body.at("province").is_null()) in.province = "";
  in.status = r.String(body, "status", "status");
  in.signatories = r.String(body, "signatories", "signatories");
  in.from = r.DateOf(body, "from", "from");
  in.to = r.DateOf(body, "to", "to");
  bool signed_present = false;
  std::optional<Date> signed_on = r.DateOf(body, "signed_on", "signed_on", false, &signed_present);
  if (signed_present) in.signed_on = signed_on;
  if (const json::array* list = r.Array(body, "review", "review")) {
    in.review.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].is_string())
        in.review->emplace_back((*list)[i].as_string());
      else
        r.Type("review[" + std::to_string(i) + "]", "string");
    }
  }
  if (const json::array* list = r.Array(body, "legal_basis", "legal_basis")) {
    in.legal_basis.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const json::object* o = r.Object((*list)[i], "legal_basis[" + std::to_string(i) + "]");
      if (!o) continue;
      LegalDocument d;
      d.number = r.String(*o, "number", At("legal_basis", i, "number"), true).value_or("");
      d.date = r.DateOf(*o, "date", At("legal_basis", i, "date"));
      d.issuer = r.String(*o, "issuer", At("legal_basis", i, "issuer")).value_or("");
      d.title = r.String(*o, "title", At("legal_basis", i, "title")).value_or("");
      r.Unknown(*o, {"number", "date", "issuer", "title"}, "legal_basis[" + std::to_string(i) + "]");
      in.legal_basis->push_back(std::move(d));
    }
  }
  if (const json::array* list = r.Array(body, "contents", "contents")) {
    in.contents.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      const json::object* o = r.Object((*list)[i], "contents[" + std::to_string(i) + "]");
      if (!o) continue;
      Content c;
      // Out of int's range reads as 0, which the service refuses as out of range (never wraps).
      const int64_t number = r.Integer(*o, "number", At("contents", i, "number"), true).value_or(0);
      c.number = number >= 1 && number <= 999 ? static_cast<int>(number) : 0;
      c.text = r.String(*o, "text", At("contents", i, "text"), true).value_or("");
      r.Unknown(*o, {"number", "text"}, "contents[" + std::to_string(i) + "]");
      in.contents->push_back(std::move(c));
    }
  }
  if (const json::array* list = r.Array(body, "partners", "partners")) {
    in.partners.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"id", (*list)[i]}};
      if (auto id = r.Integer(holder, "id", "partners[" + std::to_string(i) + "]")) in.partners->push_back(*id);
    }
  }
  r.Unknown(body,
            {"code", "title", "title_en", "kind", "province", "status", "signatories", "from", "to", "signed_on",
             "review", "legal_basis", "contents", "partners"},
            "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<TargetInput> ReadTargetInput(const json::object& body) {
  Reader r;
  TargetInput in;
  if (auto c = r.Integer(body, "content", "content")) in.content = *c >= 0 && *c <= 999 ? static_cast<int>(*c) : -1;
  in.title = r.String(body, "title", "title");
  in.cadence = r.String(body, "cadence", "cadence");
  in.deadline = r.DateOf(body, "deadline", "deadline");
  in.target = r.Integer(body, "target", "target");
  in.baseline = r.Integer(body, "baseline", "baseline");
  if (const json::array* list = r.Array(body, "provinces", "provinces")) {
    in.provinces.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"p", (*list)[i]}};
      if (auto p = r.String(holder, "p", "provinces[" + std::to_string(i) + "]")) in.provinces->push_back(*p);
    }
  }
  if (const json::value* m = body.if_contains("measure")) {
    if (const json::object* o = r.Object(*m, "measure")) {
      in.source = r.String(*o, "source", "measure.source", true);
      in.measure = r.String(*o, "measure", "measure.measure");
      in.filters.emplace();
      if (const json::value* f = o->if_contains("filters"); f && !f->is_null()) {
        if (const json::object* fo = r.Object(*f, "measure.filters")) {
          for (const auto& member : *fo) {
            bool ok = false;
            std::string text = FilterValueText(member.value(), ok);
            if (!ok) {
              r.Type("measure.filters." + std::string(member.key()), "string, boolean, integer or array");
              continue;
            }
            in.filters->emplace_back(std::string(member.key()), std::move(text));
          }
        }
      }
      r.Unknown(*o, {"source", "measure", "filters"}, "measure");
    }
  }
  r.Unknown(body, {"content", "title", "cadence", "deadline", "target", "baseline", "provinces", "measure"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<ValueInput> ReadValueInput(const json::object& body) {
  Reader r;
  ValueInput in;
  std::optional<Date> on = r.DateOf(body, "on", "on", true);
  std::optional<int64_t> value = r.Integer(body, "value", "value", true);
  in.evidence = r.String(body, "evidence", "evidence").value_or("");
  r.Unknown(body, {"on", "value", "evidence"}, "");
  HOPTAC_TRY(r.Finish());
  in.on = *on;
  in.value = *value;
  return in;
}

json::object PartnerJson(const Partner& p) {
  json::array contacts;
  for (const Contact& c : p.contacts) contacts.push_back(ContactJson(c));
  return json::object{{"id", p.id},
                      {"name", p.name},
                      {"name_en", p.name_en},
                      {"short_name", p.short_name},
                      {"kind", p.kind},
                      {"province", p.province_code.empty() ? json::value(nullptr) : json::value(p.province_code)},
                      {"contacts", std::move(contacts)},
                      {"address", p.address},
                      {"website", p.website},
                      {"notes", p.notes},
                      {"created_at_ms", p.created_at_ms},
                      {"updated_at_ms", p.updated_at_ms}};
}

json::object ProgrammeJson(const Programme& p) {
  json::array review, legal, contents, partners;
  for (const std::string& r : p.review) review.push_back(json::value(r));
  for (const LegalDocument& d : p.legal_basis)
    legal.push_back(
        json::object{{"number", d.number}, {"date", DateOrNull(d.date)}, {"issuer", d.issuer}, {"title", d.title}});
  for (const Content& c : p.contents) contents.push_back(json::object{{"number", c.number}, {"text", c.text}});
  for (int64_t id : p.partner_ids) partners.push_back(id);
  return json::object{{"id", p.id},
                      {"code", p.code},
                      {"title", p.title},
                      {"title_en", p.title_en},
                      {"kind", p.kind},
                      {"province", p.province_code.empty() ? json::value(nullptr) : json::value(p.province_code)},
                      {"from", p.from.ToIso()},
                      {"to", p.to.ToIso()},
                      {"status", p.status},
                      {"signed_on", DateOrNull(p.signed_on)},
                      {"signatories", p.signatories},
                      {"review", std::move(review)},
                      {"legal_basis", std::move(legal)},
                      {"contents", std::move(contents)},
                      {"partners", std::move(partners)},
                      {"created_at_ms", p.created_at_ms},
                      {"updated_at_ms", p.updated_at_ms}};
}

json::object TargetJson(const Target& t) {
  json::array provinces;
  for (const std::string& p : t.provinces) provinces.push_back(json::value(p));
  json::object filters;
  for (const auto& [name, value] : t.definition.filters) {
    if (value == "true" || value == "false")
      filters[name] = value == "true";  // as given: {"youth": true}
    else
      filters[name] = value;
  }
  json::object measure{{"source", t.source}, {"filters", std::move(filters)}};
  measure["measure"] = t.definition.measure.empty() ? json::value(nullptr) : json::value(t.definition.measure);
  if (!t.definition.source.empty()) measure["indicator"] = t.definition.source;
  json::object out{{"id", t.id},
                   {"programme_id", t.programme_id},
                   {"content", t.content == 0 ? json::value(nullptr) : json::value(t.content)},
                   {"title", t.title},
                   {"provinces", std::move(provinces)},
                   {"deadline", t.deadline.ToIso()},
                   {"cadence", t.cadence},
                   {"target", t.target},
                   {"baseline", t.baseline},
                   {"measure", std::move(measure)},
                   {"position", t.position},
                   {"created_at_ms", t.created_at_ms},
                   {"updated_at_ms", t.updated_at_ms}};
  if (t.manual()) {
    json::array values;
    for (const ManualValue& v : t.values)
      values.push_back(json::object{{"id", v.id},
                                    {"on", v.on.ToIso()},
                                    {"value", v.value},
                                    {"evidence", v.evidence},
                                    {"entered_by", v.entered_by},
                                    {"entered_at_ms", v.entered_at_ms}});
    out["values"] = std::move(values);
  }
  return out;
}

namespace {

json::value ErrorJson(const std::optional<Error>& e, i18n::Lang lang) {
  if (!e) return nullptr;
  std::string message = i18n::Translate(lang, e->key, e->args);
  for (const FieldError& f : e->fields) message += " " + f.field + ": " + i18n::Translate(lang, f.key, f.args);
  return json::object{{"code", e->key}, {"message", message}};
}

double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

}  // namespace

json::object ProgressJson(const Progress& p, i18n::Lang lang) {
  json::array windows;
  std::optional<Error> first_error;
  std::string description;
  for (const WindowProgress& w : p.windows) {
    json::object o{{"from", w.from.ToIso()},
                   {"to", w.to.ToIso()},
                   {"actual", w.actual ? json::value(*w.actual) : json::value(nullptr)},
                   {"target", w.target},
                   {"expected", Round4(w.expected)},
                   {"state", StateName(w.state)},
                   {"description", w.description},
                   {"error", ErrorJson(w.error, lang)}};
    if (w.year != 0) o["year"] = w.year;
    if (w.error && !first_error) first_error = w.error;
    if (description.empty()) description = w.description;
    windows.push_back(std::move(o));
  }
  json::object out{{"as_of", p.as_of.ToIso()},
                   {"state", StateName(p.state)},
                   {"actual", p.actual ? json::value(*p.actual) : json::value(nullptr)},
                   {"target", p.target},
                   {"baseline", p.baseline},
                   {"share", Round4(p.share)},
                   {"expected", Round4(p.expected)},
                   {"description", description},
                   {"error", ErrorJson(first_error, lang)}};
  if (p.windows.size() > 1 || (!p.windows.empty() && p.windows[0].year != 0)) out["years"] = std::move(windows);
  return out;
}

std::string ContactsText(const std::vector<Contact>& contacts) {
  json::array a;
  for (const Contact& c : contacts) a.push_back(ContactJson(c));
  return json::serialize(a);
}

std::vector<Contact> ContactsFromText(std::string_view text) {
  std::vector<Contact> out;
  ForEachStoredObject(text, [&](const json::object& o) {
    out.push_back({Member(o, "name"), Member(o, "position"), Member(o, "phone"), Member(o, "email")});
  });
  return out;
}

std::string LegalBasisText(const std::vector<LegalDocument>& docs) {
  json::array a;
  for (const LegalDocument& d : docs)
    a.push_back(json::object{{"number", d.number},
                             {"date", d.date ? d.date->ToIso() : std::string()},
                             {"issuer", d.issuer},
                             {"title", d.title}});
  return json::serialize(a);
}

std::vector<LegalDocument> LegalBasisFromText(std::string_view text) {
  std::vector<LegalDocument> out;
  ForEachStoredObject(text, [&](const json::object& o) {
    out.push_back({Member(o, "number"), Date::ParseIso(Member(o, "date")), Member(o, "issuer"), Member(o, "title")});
  });
  return out;
}

std::string ContentsText(const std::vector<Content>& contents) {
  json::array a;
  for (const Content& c : contents) a.push_back(json::object{{"number", c.number}, {"text", c.text}});
  return json::serialize(a);
}

std::vector<Content> ContentsFromText(std::string_view text) {
  std::vector<Content> out;
  ForEachStoredObject(text, [&](const json::object& o) {
    const json::value* n = o.if_contains("number");
    out.push_back({n && n->is_int64() ? static_cast<int>(n->as_int64()) : 0, Member(o, "text")});
  });
  return out;
}

std::string FiltersJsonText(const Filters& filters) {
  json::array a;
  for (const auto& [name, value] : filters) a.push_back(json::array{json::value(name), json::value(value)});
  return json::serialize(a);
}

Filters FiltersFromJsonText(std::string_view text) {
  Filters out;
  json::value v = ParseOr(text, json::array());
  if (!v.is_array()) return out;
  for (const json::value& item : v.as_array())
    if (item.is_array() && item.as_array().size() == 2 && item.as_array()[0].is_string() &&
        item.as_array()[1].is_string())
      out.emplace_back(std::string(item.as_array()[0].as_string()), std::string(item.as_array()[1].as_string()));
  return out;
}

}  // namespace hoptac::programmes

#include "surveys/questionnaire_json.h"

#include <cmath>

#include "io/json_reader.h"

namespace hoptac::surveys {
namespace {

namespace json = boost::json;

std::string TypeNames() {
  std::string out;
  for (const char* t : kQuestionTypes) {
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out;
}

Text ReadText(io::JsonReader& r, const json::object& o, std::string_view name, const std::string& path, bool required) {
  Text t;
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) r.Add({path, "required", "field.required", {}});
    return t;
  }
  if (v->is_string()) {  // a plain string is the Vietnamese
    t.vi = std::string(v->as_string());
    return t;
  }
  const json::object* obj = r.Object(*v, path);
  if (!obj) return t;
  t.vi = r.String(*obj, "vi", path + ".vi", required).value_or("");
  t.en = r.String(*obj, "en", path + ".en").value_or("");
  r.Unknown(*obj, {"vi", "en"}, path);
  return t;
}

json::object QuestionJson(const Question& q) {
  json::array choices;
  for (const Choice& c : q.choices) choices.push_back(json::object{{"name", c.name}, {"label", TextJson(c.label)}});
  json::object o{{"name", q.name},
                 {"type", QuestionTypeName(q.type)},
                 {"label", TextJson(q.label)},
                 {"hint", TextJson(q.hint)},
                 {"required", q.required},
                 {"choices", std::move(choices)},
                 {"relevant", q.relevant},
                 {"condition", ConditionJson(q.condition)}};
  if (!q.list_name.empty()) o["list_name"] = q.list_name;
  return o;
}

}  // namespace

json::object TextJson(const Text& t) { return {{"vi", t.vi}, {"en", t.en}}; }

json::value ConditionJson(const std::optional<Condition>& c) {
  if (!c) return nullptr;
  json::object o{{"op", OpName(c->op)}};
  switch (c->op) {
    case Condition::Op::kAnd:
    case Condition::Op::kOr:
    case Condition::Op::kNot: {
      json::array args;
      for (const Condition& a : c->args) args.push_back(ConditionJson(a));
      o["args"] = std::move(args);
      break;
    }
    case Condition::Op::kSelected:
      o["ref"] = c->ref;
      o["value"] = c->value;
      break;
    default:
      o["ref"] = c->ref;
      o["value"] = c->value;
      o["numeric"] = c->numeric;
  }
  return o;
}

json::object DefinitionJson(const Questionnaire& q) {
  json::array sections;
  for (const Section& s : q.sections) {
    json::array questions;
    for (const Question& question : s.questions) questions.push_back(QuestionJson(question));
    sections.push_back(json::object{{"name", s.name},
                                    {"label", TextJson(s.label)},
                                    {"relevant", s.relevant},
                                    {"condition", ConditionJson(s.condition)},
                                    {"questions", std::move(questions)}});
  }
  return {{"form_id", q.form_id}, {"version", q.version}, {"title", TextJson(q.title)}, {"sections", sections}};
}

std::string DefinitionText(const Questionnaire& q) { return json::serialize(DefinitionJson(q)); }

Result<Questionnaire> ParseDefinition(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Internal("stored questionnaire definition is not a JSON object");
  HOPTAC_ASSIGN_OR_RETURN(Questionnaire q, ReadQuestionnaire(v.as_object()));
  HOPTAC_TRY(Validate(q));
  return q;
}

Result<Questionnaire> ReadQuestionnaire(const json::object& body,
                                        std::initializer_list<std::string_view> allowed_extra) {
  io::JsonReader r;
  Questionnaire q;
  q.form_id = r.String(body, "form_id", "form_id", true).value_or("");
  q.version = r.String(body, "version", "version").value_or("");
  q.title = ReadText(r, body, "title", "title", true);
  if (const json::array* sections = r.Array(body, "sections", "sections")) {
    for (size_t i = 0; i < sections->size(); ++i) {
      const std::string at = "sections[" + std::to_string(i) + "]";
      const json::object* so = r.Object((*sections)[i], at);
      if (!so) continue;
      Section s;
      s.name = r.String(*so, "name", at + ".name").value_or("");
      s.label = ReadText(r, *so, "label", at + ".label", false);
      s.relevant = r.String(*so, "relevant", at + ".relevant").value_or("");
      if (const json::array* questions = r.Array(*so, "questions", at + ".questions")) {
        for (size_t k = 0; k < questions->size(); ++k) {
          const std::string qat = at + ".questions[" + std::to_string(k) + "]";
          const json::object* qo = r.Object((*questions)[k], qat);
          if (!qo) continue;
          Question question;
          question.name = r.String(*qo, "name", qat + ".name", true).value_or("");
          std::string type = r.String(*qo, "type", qat + ".type", true).value_or("");
          if (auto t = ParseQuestionType(type))
            question.type = *t;
          else if (!type.empty())
            r.Add({qat + ".type", "invalid_enum", "field.invalid_enum", {type, TypeNames()}});
          question.label = ReadText(r, *qo, "label", qat + ".label", false);
          question.hint = ReadText(r, *qo, "hint", qat + ".hint", false);
          question.required = r.Bool(*qo, "required", qat + ".required").value_or(false);
          question.relevant = r.String(*qo, "relevant", qat + ".relevant").value_or("");
          question.list_name = r.String(*qo, "list_name", qat + ".list_name").value_or("");
          if (const json::array* choices = r.Array(*qo, "choices", qat + ".choices")) {
            for (size_t c = 0; c < choices->size(); ++c) {
              const std::string cat = qat + ".choices[" + std::to_string(c) + "]";
              const json::object* co = r.Object((*choices)[c], cat);
              if (!co) continue;
              Choice choice;
              choice.name = r.String(*co, "name", cat + ".name", true).value_or("");
              choice.label = ReadText(r, *co, "label", cat + ".label", false);
              r.Unknown(*co, {"name", "label"}, cat);
              question.choices.push_back(std::move(choice));
            }
          }
          r.Unknown(*qo, {"name", "type", "label", "hint", "required", "choices", "relevant", "condition", "list_name"},
                    qat);
          s.questions.push_back(std::move(question));
        }
      }
      r.Unknown(*so, {"name", "label", "relevant", "condition", "questions"}, at);
      q.sections.push_back(std::move(s));
    }
  } else if (!body.contains("sections")) {
    r.Add({"sections", "required", "field.required", {}});
  }
  std::vector<std::string_view> allowed = {"form_id", "version", "title", "sections"};
  allowed.insert(allowed.end(), allowed_extra.begin(), allowed_extra.end());
  for (const auto& member : body) {
    bool known = false;
    for (std::string_view a : allowed) known = known || member.key() == a;
    if (!known)
      r.Add({std::string(member.key()), "unknown_parameter", "field.unknown_parameter", {std::string(member.key())}});
  }
  HOPTAC_TRY(r.Finish());
  return q;
}

json::value ValueJson(const Value& v) {
  if (const double* d = std::get_if<double>(&v)) {
    if (std::floor(*d) == *d && std::fabs(*d) < 9e15) return static_cast<int64_t>(*d);
    return *d;
  }
  if (const std::string* s = std::get_if<std::string>(&v)) return json::value(*s);
  json::array a;
  for (const std::string& s : std::get<std::vector<std::string>>(v)) a.push_back(json::value(s));
  return a;
}

json::object AnswersJson(const Answers& a) {
  json::object o;
  for (const auto& [name, v] : a) o[name] = ValueJson(v);
  return o;
}

std::string AnswersText(const Answers& a) { return json::serialize(AnswersJson(a)); }

Result<Answers> ReadAnswers(const json::value& v, const std::string& path) {
  if (!v.is_object()) return Error::InvalidField(path, "invalid_type", "field.invalid_type", {"object"});
  Answers out;
  std::vector<FieldError> errors;
  for (const auto& member : v.as_object()) {
    const std::string name(member.key());
    const json::value& x = member.value();
    const std::string at = path + "." + name;
    if (x.is_null()) continue;
    if (x.is_int64()) {
      out[name] = static_cast<double>(x.as_int64());
    } else if (x.is_uint64()) {
      out[name] = static_cast<double>(x.as_uint64());
    } else if (x.is_double()) {
      out[name] = x.as_double();
    } else if (x.is_string()) {
      out[name] = std::string(x.as_string());
    } else if (x.is_array()) {
      std::vector<std::string> list;
      bool ok = true;
      for (const json::value& item : x.as_array()) {
        if (!item.is_string()) {
          ok = false;
          break;
        }
        list.emplace_back(item.as_string());
      }
      if (ok)
        out[name] = std::move(list);
      else
        errors.push_back({at, "answer_type", "field.answer_type", {name, "multiple"}});
    } else {
      errors.push_back({at, "answer_type", "field.answer_type", {name, "?"}});
    }
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return out;
}

Result<Answers> ParseAnswers(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Error::Internal("stored answers are not JSON");
  return ReadAnswers(v, "answers");
}

}  // namespace hoptac::surveys

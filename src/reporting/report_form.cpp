#include "reporting/report_form.h"

#include <boost/json.hpp>
#include <cmath>
#include <set>

namespace hoptac::reporting {

namespace json = boost::json;

namespace {

template <class E, size_t N>
std::optional<E> FromName(std::string_view name, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [value, text] : table)
    if (name == text) return value;
  return std::nullopt;
}
template <class E, size_t N>
const char* ToName(E value, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return "";
}

constexpr std::pair<Level, const char*> kLevels[] = {{Level::kEntity, "entity"}, {Level::kProvince, "province"}};
constexpr std::pair<PeriodType, const char*> kPeriodTypes[] = {{PeriodType::kYear, "year"},
                                                               {PeriodType::kHalf, "half"},
                                                               {PeriodType::kQuarter, "quarter"},
                                                               {PeriodType::kMonth, "month"},
                                                               {PeriodType::kNineMonths, "nine_months"}};
constexpr std::pair<FieldType, const char*> kFieldTypes[] = {
    {FieldType::kInteger, "integer"},   {FieldType::kMoney, "money"},   {FieldType::kDecimal, "decimal"},
    {FieldType::kPercent, "percent"},   {FieldType::kRange, "range"},   {FieldType::kYesNo, "yes_no"},
    {FieldType::kDate, "date"},         {FieldType::kChoice, "choice"}, {FieldType::kText, "text"},
    {FieldType::kLongText, "long_text"}};
constexpr std::pair<Op, const char*> kOps[] = {
    {Op::kLe, "<="}, {Op::kLt, "<"}, {Op::kGe, ">="}, {Op::kGt, ">"}, {Op::kEq, "=="}};
constexpr std::pair<Severity, const char*> kSeverities[] = {{Severity::kError, "error"},
                                                            {Severity::kWarning, "warning"}};
constexpr std::pair<Window, const char*> kWindows[] = {{Window::kAsOfEnd, "as_of_end"}, {Window::kPeriod, "period"}};

const char* const kProfileFields[] = {"address", "chair_name", "phone", "sector", "women_managed", "youth"};
const char* const kFigureNames[] = {"members_total",        "members_female",           "members_youth",
                                    "workers_total",        "workers_female",           "workers_members",
                                    "revenue_vnd",          "revenue_with_members_vnd", "profit_vnd",
                                    "avg_income_vnd_month", "charter_capital_vnd"};

bool IsNumeric(FieldType type) {
  return type == FieldType::kInteger || type == FieldType::kMoney || type == FieldType::kDecimal ||
         type == FieldType::kPercent;
}

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string Compact(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e18) return std::to_string(static_cast<int64_t>(v));
  return json::serialize(json::value(v));
}

// Reads members of one object of a definition, collecting errors under a path.
class Reader {
 public:
  Reader(std::vector<FieldError>& errors, std::string path) : errors_(errors), path_(std::move(path)) {}

  std::string Path(std::string_view member) const {
    return path_.empty() ? std::string(member) : path_ + "." + std::string(member);
  }
  void Missing(std::string_view member) {
    errors_.push_back({Path(member), "form_missing", "field.form_missing", {Path(member)}});
  }
  void Invalid(std::string path, const json::value& value) {
    std::string shown = json::serialize(value);
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    errors_.push_back({path, "form_invalid", "field.form_invalid", {path, shown}});
  }

  std::string String(const json::object& o, std::string_view member, bool required) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) {
      if (required) Missing(member);
      return {};
    }
    if (!v->is_string()) {
      Invalid(Path(member), *v);
      return {};
    }
    return std::string(v->as_string());
  }
  std::optional<double> Number(const json::object& o, std::string_view member) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      Invalid(Path(member), *v);
      return std::nullopt;
    }
    return v->to_number<double>();
  }
  std::optional<int64_t> Integer(const json::object& o, std::string_view member, bool required) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) {
      if (required) Missing(member);
      return std::nullopt;
    }
    if (!v->is_int64() && !v->is_uint64()) {
      Invalid(Path(member), *v);
      return std::nullopt;
    }
    return v->to_number<int64_t>();
  }
  bool Bool(const json::object& o, std::string_view member) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) {
      Invalid(Path(member), *v);
      return false;
    }
    return v->as_bool();
  }
  const json::array* Array(const json::object& o, std::string_view member, bool required) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null() || (v->is_array() && v->as_array().empty())) {
      if (required) Missing(member);
      return nullptr;
    }
    if (!v->is_array()) {
      Invalid(Path(member), *v);
      return nullptr;
    }
    return &v->as_array();
  }
  const json::object* Object(const json::object& o, std::string_view member, bool required) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) {
      if (required) Missing(member);
      return nullptr;
    }
    if (!v->is_object()) {
      Invalid(Path(member), *v);
      return nullptr;
    }
    return &v->as_object();
  }
  template <class E, size_t N>
  std::optional<E> Enum(const json::object& o, std::string_view member, const std::pair<E, const char*> (&table)[N],
                        bool required) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) {
      if (required) Missing(member);
      return std::nullopt;
    }
    std::optional<E> e;
    if (v->is_string()) e = FromName(std::string_view(v->as_string()), table);
    if (!e) Invalid(Path(member), *v);
    return e;
  }

 private:
  std::vector<FieldError>& errors_;
  std::string path_;
};

std::optional<Prefill> ReadPrefill(Reader& r, const json::object& o, std::vector<FieldError>& errors,
                                   const std::string& path) {
  Reader p(errors, path);
  Prefill prefill;
  prefill.source = p.String(o, "source", true);
  prefill.measure = p.String(o, "measure", true);
  if (const json::object* filters = p.Object(o, "filters", false)) {
    for (const auto& member : *filters) {
      if (member.value().is_string()) {
        prefill.filters.emplace_back(std::string(member.key()), std::string(member.value().as_string()));
      } else if (member.value().is_bool()) {
        prefill.filters.emplace_back(std::string(member.key()), member.value().as_bool() ? "true" : "false");
      } else {
        p.Invalid(p.Path("filters." + std::string(member.key())), member.value());
      }
    }
  }
  prefill.window = p.Enum(o, "window", kWindows, false).value_or(Window::kAsOfEnd);
  (void)r;
  return prefill;
}

}  // namespace

const char* LevelName(Level level) { return ToName(level, kLevels); }
const char* PeriodTypeName(PeriodType type) { return ToName(type, kPeriodTypes); }
const char* FieldTypeName(FieldType type) { return ToName(type, kFieldTypes); }
const char* SeverityName(Severity severity) { return ToName(severity, kSeverities); }
const char* OpName(Op op) { return ToName(op, kOps); }

const Field* ReportForm::FindField(std::string_view code) const {
  for (const Section& s : sections)
    for (const Field& f : s.fields)
      if (f.code == code) return &f;
  return nullptr;
}

std::vector<const Field*> ReportForm::Fields() const {
  std::vector<const Field*> out;
  for (const Section& s : sections)
    for (const Field& f : s.fields) out.push_back(&f);
  return out;
}

Result<ReportForm> ParseForm(std::string_view json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec || !root.is_object()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_form_definition");
    e.fields.push_back({"definition", "form_invalid", "field.form_invalid", {"definition", "JSON"}});
    return e;
  }
  const json::object& o = root.as_object();
  std::vector<FieldError> errors;
  Reader r(errors, "");
  ReportForm form;
  form.code = r.String(o, "code", true);
  form.name_vi = r.String(o, "name_vi", true);
  form.name_en = r.String(o, "name_en", true);
  form.level = r.Enum(o, "level", kLevels, true).value_or(Level::kProvince);
  if (const json::array* types = r.Array(o, "period_types", true)) {
    for (size_t i = 0; i < types->size(); ++i) {
      const json::value& v = (*types)[i];
      std::optional<PeriodType> t;
      if (v.is_string()) t = FromName(std::string_view(v.as_string()), kPeriodTypes);
      if (!t) {
        r.Invalid("period_types[" + std::to_string(i) + "]", v);
      } else if (std::find(form.period_types.begin(), form.period_types.end(), *t) == form.period_types.end()) {
        form.period_types.push_back(*t);
      }
    }
  }
  if (const json::object* due = r.Object(o, "due", true)) {
    Reader d(errors, "due");
    std::string kind = d.String(*due, "kind", true);
    if (kind == "fixed") {
      form.due.kind = DueRule::Kind::kFixed;
      auto month = d.Integer(*due, "month", true);
      auto day = d.Integer(*due, "day", true);
      if (month && day) {
        if (!Date::IsValidCivil(2023, static_cast<int>(*month), static_cast<int>(*day)))
          d.Invalid("due.day", json::value(*day));
        else
          form.due.month = static_cast<int>(*month), form.due.day = static_cast<int>(*day);
      }
    } else if (kind == "after_end") {
      form.due.kind = DueRule::Kind::kAfterEnd;
      auto days = d.Integer(*due, "days", true);
      if (days && (*days < 0 || *days > 366))
        d.Invalid("due.days", json::value(*days));
      else if (days)
        form.due.days = static_cast<int>(*days);
    } else if (!kind.empty()) {
      d.Invalid("due.kind", json::value(kind));
    }
  }
  std::set<std::string> section_codes, field_codes;
  if (const json::array* sections = r.Array(o, "sections", true)) {
    for (size_t i = 0; i < sections->size(); ++i) {
      std::string spath = "sections[" + std::to_string(i) + "]";
      if (!(*sections)[i].is_object()) {
        r.Invalid(spath, (*sections)[i]);
        continue;
      }
      const json::object& so = (*sections)[i].as_object();
      Reader s(errors, spath);
      Section section;
      section.code = s.String(so, "code", true);
      section.title_vi = s.String(so, "title_vi", true);
      section.title_en = s.String(so, "title_en", true);
      if (!section.code.empty() && !section_codes.insert(section.code).second)
        errors.push_back({spath + ".code", "form_duplicate", "field.form_duplicate", {section.code}});
      if (const json::array* fields = s.Array(so, "fields", true)) {
        for (size_t j = 0; j < fields->size(); ++j) {
          std::string fpath = spath + ".fields[" + std::to_string(j) + "]";
          if (!(*fields)[j].is_object()) {
            s.Invalid(fpath, (*fields)[j]);
            continue;
          }
          const json::object& fo = (*fields)[j].as_object();
          Reader f(errors, fpath);
          Field field;
          field.code = f.String(fo, "code", true);
          field.label_vi = f.String(fo, "label_vi", true);
          field.label_en = f.String(fo, "label_en", true);
          field.type = f.Enum(fo, "type", kFieldTypes, true).value_or(FieldType::kText);
          field.unit = f.String(fo, "unit", false);
          field.required = f.Bool(fo, "required");
          field.min = f.Number(fo, "min");
          field.max = f.Number(fo, "max");
          if (field.min && field.max && *field.min > *field.max) f.Invalid(fpath + ".max", json::value(*field.max));
          if ((field.min || field.max) && !IsNumeric(field.type) && field.type != FieldType::kRange)
            f.Invalid(fpath + ".min", json::value(field.min.value_or(field.max.value_or(0))));
          if (field.type == FieldType::kChoice) {
            if (const json::array* choices = f.Array(fo, "choices", true)) {
              for (size_t k = 0; k < choices->size(); ++k) {
                if ((*choices)[k].is_string() && !(*choices)[k].as_string().empty())
                  field.choices.emplace_back((*choices)[k].as_string());
                else
                  f.Invalid(fpath + ".choices[" + std::to_string(k) + "]", (*choices)[k]);
              }
            }
          }
          if (!field.code.empty() && !field_codes.insert(field.code).second)
            errors.push_back({fpath + ".code", "form_duplicate", "field.form_duplicate", {field.code}});
          if (const json::object* prefill = f.Object(fo, "prefill", false)) {
            field.prefill = ReadPrefill(f, *prefill, errors, fpath + ".prefill");
            if (form.level == Level::kEntity) f.Invalid(fpath + ".prefill", json::value("entity form"));
          }
          field.figure = f.String(fo, "figure", false);
          field.profile = f.String(fo, "profile", false);
          if (!field.figure.empty()) {
            bool known =
                std::find(std::begin(kFigureNames), std::end(kFigureNames), field.figure) != std::end(kFigureNames);
            if (!known || form.level != Level::kEntity ||
                !(field.type == FieldType::kInteger || field.type == FieldType::kMoney))
              f.Invalid(fpath + ".figure", json::value(field.figure));
          }
          if (!field.profile.empty()) {
            bool known = std::find_if(std::begin(kProfileFields), std::end(kProfileFields),
                                      [&](const char* p) { return field.profile == p; }) != std::end(kProfileFields);
            if (!known || form.level != Level::kEntity) f.Invalid(fpath + ".profile", json::value(field.profile));
          }
          int sources = (field.prefill ? 1 : 0) + (field.figure.empty() ? 0 : 1) + (field.profile.empty() ? 0 : 1);
          if (sources > 1) f.Invalid(fpath + ".prefill", json::value("prefill, figure, profile"));
          section.fields.push_back(std::move(field));
        }
      }
      form.sections.push_back(std::move(section));
    }
  }
  if (const json::array* rules = r.Array(o, "rules", false)) {
    std::set<std::string> rule_codes;
    for (size_t i = 0; i < rules->size(); ++i) {
      std::string rpath = "rules[" + std::to_string(i) + "]";
      if (!(*rules)[i].is_object()) {
        r.Invalid(rpath, (*rules)[i]);
        continue;
      }
      const json::object& ro = (*rules)[i].as_object();
      Reader q(errors, rpath);
      Rule rule;
      rule.code = q.String(ro, "code", true);
      rule.left = q.String(ro, "left", true);
      rule.right = q.String(ro, "right", true);
      rule.op = q.Enum(ro, "op", kOps, true).value_or(Op::kLe);
      rule.severity = q.Enum(ro, "severity", kSeverities, true).value_or(Severity::kError);
      rule.message_vi = q.String(ro, "message_vi", true);
      rule.message_en = q.String(ro, "message_en", true);
      if (!rule.code.empty() && !rule_codes.insert(rule.code).second)
        errors.push_back({rpath + ".code", "form_duplicate", "field.form_duplicate", {rule.code}});
      for (const auto& [member, code] : {std::pair{"left", rule.left}, std::pair{"right", rule.right}}) {
        if (code.empty()) continue;
        const Field* field = form.FindField(code);
        if (!field || !IsNumeric(field->type))
          errors.push_back({rpath + "." + member, "form_unknown_field", "field.form_unknown_field", {code}});
      }
      form.rules.push_back(std::move(rule));
    }
  }
  if (!errors.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_form_definition");
    e.fields = std::move(errors);
    return e;
  }
  json::object normalised = o;
  normalised.erase("version");
  form.definition = json::serialize(normalised);
  return form;
}

std::optional<PeriodType> PeriodTypeOf(const domain::Period& period) {
  switch (period.kind()) {
    case domain::PeriodKind::kYear: return PeriodType::kYear;
    case domain::PeriodKind::kHalf: return PeriodType::kHalf;
    case domain::PeriodKind::kQuarter: return PeriodType::kQuarter;
    case domain::PeriodKind::kMonth: return PeriodType::kMonth;
    case domain::PeriodKind::kMonths:
      if (period.first_month() == 1 && period.last_month() == 9) return PeriodType::kNineMonths;
      return std::nullopt;
  }
  return std::nullopt;
}

Status CheckPeriodAllowed(const ReportForm& form, const domain::Period& period) {
  std::optional<PeriodType> type = PeriodTypeOf(period);
  if (type && std::find(form.period_types.begin(), form.period_types.end(), *type) != form.period_types.end())
    return Ok();
  std::string allowed;
  for (PeriodType t : form.period_types) allowed += std::string(allowed.empty() ? "" : ", ") + PeriodTypeName(t);
  return Error::InvalidField("period", "report_period_not_allowed", "field.report_period_not_allowed",
                             {period.ToString(), allowed});
}

Date DueDate(const ReportForm& form, const domain::Period& period) {
  if (form.due.kind == DueRule::Kind::kFixed) {
    int day = form.due.day;
    while (day > 28 && !Date::IsValidCivil(period.year(), form.due.month, day)) --day;  // 29/02 in other years
    return Date::FromCivil(period.year(), form.due.month, day);
  }
  return Date::FromDays(period.End().days() + form.due.days);
}

domain::Period PreviousPeriod(const domain::Period& period) {
  if (period.kind() == domain::PeriodKind::kMonths) return period.ShiftYears(-1);
  return period.Previous();
}

domain::Period CurrentPeriod(PeriodType type, Date today) {
  switch (type) {
    case PeriodType::kYear: return domain::Period::Containing(domain::PeriodKind::kYear, today);
    case PeriodType::kHalf: return domain::Period::Containing(domain::PeriodKind::kHalf, today);
    case PeriodType::kQuarter: return domain::Period::Containing(domain::PeriodKind::kQuarter, today);
    case PeriodType::kMonth: return domain::Period::Containing(domain::PeriodKind::kMonth, today);
    case PeriodType::kNineMonths: return domain::Period::Months(today.year(), 1, 9);
  }
  return domain::Period::Year(today.year());
}

int64_t DueDeadlineMs(Date due) {
  constexpr int64_t kDayMs = 86'400'000;
  constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
  return (static_cast<int64_t>(due.days()) + 1) * kDayMs - kVietnamOffsetMs - 1;
}

Status CheckValue(const Field& field, const boost::json::value& value) {
  if (value.is_null()) return Ok();
  auto invalid = [&](std::string code, std::vector<std::string> args) -> Status {
    return Error::InvalidField(field.code, code, "field." + code, std::move(args));
  };
  auto bounds = [&](double v) -> Status {
    std::optional<double> min = field.min, max = field.max;
    if (field.type == FieldType::kPercent) {
      min = std::max(min.value_or(0.0), 0.0);
      max = std::min(max.value_or(100.0), 100.0);
    }
    if (min && v < *min) return invalid("report_below_min", {Compact(*min)});
    if (max && v > *max) return invalid("report_above_max", {Compact(*max)});
    return Ok();
  };
  const char* type = FieldTypeName(field.type);
  switch (field.type) {
    case FieldType::kInteger:
    case FieldType::kMoney:
      if (!value.is_int64() && !(value.is_uint64() && value.as_uint64() <= static_cast<uint64_t>(INT64_MAX)))
        return invalid("report_invalid_type", {type});
      return bounds(value.to_number<double>());
    case FieldType::kDecimal:
    case FieldType::kPercent:
      if (!value.is_number()) return invalid("report_invalid_type", {type});
      return bounds(value.to_number<double>());
    case FieldType::kRange: {
      if (!value.is_object()) return invalid("report_invalid_type", {type});
      const json::object& o = value.as_object();
      const json::value* min = o.if_contains("min");
      const json::value* max = o.if_contains("max");
      if (o.size() != 2 || !min || !max || !min->is_number() || !max->is_number())
        return invalid("report_invalid_type", {type});
      if (min->to_number<double>() > max->to_number<double>()) return invalid("report_invalid_range", {});
      HOPTAC_TRY(bounds(min->to_number<double>()));
      return bounds(max->to_number<double>());
    }
    case FieldType::kYesNo:
      if (!value.is_bool()) return invalid("report_invalid_type", {type});
      return Ok();
    case FieldType::kDate:
      if (!value.is_string() || value.as_string().size() != 10 || !Date::ParseIso(value.as_string()))
        return invalid("report_invalid_type", {type});
      return Ok();
    case FieldType::kChoice: {
      if (!value.is_string()) return invalid("report_invalid_type", {type});
      std::string_view v = value.as_string();
      if (std::find(field.choices.begin(), field.choices.end(), v) == field.choices.end()) {
        std::string allowed;
        for (const auto& c : field.choices) allowed += (allowed.empty() ? "" : ", ") + c;
        return invalid("report_unknown_choice", {allowed});
      }
      return Ok();
    }
    case FieldType::kText:
    case FieldType::kLongText: {
      if (!value.is_string()) return invalid("report_invalid_type", {type});
      size_t limit = field.type == FieldType::kText ? kMaxTextLength : kMaxLongTextLength;
      if (CodePoints(value.as_string()) > limit) return invalid("report_too_long", {std::to_string(limit)});
      return Ok();
    }
  }
  return Ok();
}

std::vector<RuleCheck> EvaluateRules(const ReportForm& form, const std::map<std::string, boost::json::value>& values) {
  std::vector<RuleCheck> out;
  for (const Rule& rule : form.rules) {
    auto l = values.find(rule.left);
    auto r = values.find(rule.right);
    if (l == values.end() || r == values.end() || !l->second.is_number() || !r->second.is_number()) continue;
    // Whole numbers compare exactly (money reaches 10^13 and beyond, past a double's exact range).
    int cmp;
    if ((l->second.is_int64() || l->second.is_uint64()) && (r->second.is_int64() || r->second.is_uint64())) {
      int64_t a = l->second.to_number<int64_t>(), b = r->second.to_number<int64_t>();
      cmp = a < b ? -1 : (a > b ? 1 : 0);
    } else {
      double a = l->second.to_number<double>(), b = r->second.to_number<double>();
      cmp = a < b ? -1 : (a > b ? 1 : 0);
    }
    bool holds = false;
    switch (rule.op) {
      case Op::kLe: holds = cmp <= 0; break;
      case Op::kLt: holds = cmp < 0; break;
      case Op::kGe: holds = cmp >= 0; break;
      case Op::kGt: holds = cmp > 0; break;
      case Op::kEq: holds = cmp == 0; break;
    }
    if (!holds)
      out.push_back(
          {rule.code, rule.severity, rule.left, OpName(rule.op), rule.right, rule.message_vi, rule.message_en});
  }
  return out;
}

}  // namespace hoptac::reporting

// ReportForm: what a report asks, as a versioned JSON definition (no I/O).
//
// A form has a code and a version, names in Vietnamese and English, a level (one report
// per entity, or per province), the kinds of period it is filed for (year, half, quarter,
// month, nine_months = "YYYYM01-09"), a due rule ({"kind":"fixed","month":12,"day":15}: that
// day of the period's year; {"kind":"after_end","days":10}: that many days after the
// period's last day), sections of fields and rules between fields.
//
// A field: code (unique in the form), label_vi/label_en, type, unit, required, min/max
// (numbers), choices (type choice), and at most one of
//   prefill  {"source","measure","filters":{name:value},"window":"as_of_end"|"period"}: a
//            question to the indicators registry (a stock on the period's last day, or a
//            flow over the period), for province forms;
//   figure   the registry figure this field is (domain::FigureFields: members_total …), for
//            entity forms: prefilled from, and on approval written to, the entity's figures;
//   profile  the entity field this field is (address, chair_name, phone, sector,
//            women_managed, youth), likewise.
// Types and their JSON values: integer, money (VND) — whole numbers; decimal, percent (0–100)
// — numbers; range — {"min":a,"max":b} with a <= b; yes_no — true/false; date —
// "YYYY-MM-DD"; choice — one of the field's choices; text — at most 500 characters;
// long_text — at most 20,000. null is "not filled".
//
// A rule: {"code","left","op","right","severity","message_vi","message_en"}, left and right
// field codes of numeric fields, op one of <= < >= > ==; it holds when either side is not
// filled. Errors block a submission; warnings are shown.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "registry/period.h"

namespace hoptac::reporting {

enum class Level : uint8_t { kEntity, kProvince };
enum class PeriodType : uint8_t { kYear, kHalf, kQuarter, kMonth, kNineMonths };
enum class FieldType : uint8_t {
  kInteger,
  kMoney,
  kDecimal,
  kPercent,
  kRange,
  kYesNo,
  kDate,
  kChoice,
  kText,
  kLongText
};
enum class Window : uint8_t { kAsOfEnd, kPeriod };
enum class Op : uint8_t { kLe, kLt, kGe, kGt, kEq };
enum class Severity : uint8_t { kError, kWarning };

const char* LevelName(Level level);           // "entity" | "province"
const char* PeriodTypeName(PeriodType type);  // "year" | "half" | "quarter" | "month" | "nine_months"
const char* FieldTypeName(FieldType type);    // "integer" … "long_text"
const char* SeverityName(Severity severity);  // "error" | "warning"
const char* OpName(Op op);                    // "<=" …

inline constexpr size_t kMaxTextLength = 500;         // characters (code points)
inline constexpr size_t kMaxLongTextLength = 20'000;  // characters (code points)

// A question to the indicators registry, in its own vocabulary (indicators::Definition)
// plus the window; the service turns it into an indicators::Question.
struct Prefill {
  std::string source;
  std::string measure;
  std::vector<std::pair<std::string, std::string>> filters;
  Window window = Window::kAsOfEnd;
};

struct Field {
  std::string code;
  std::string label_vi, label_en;
  FieldType type = FieldType::kInteger;
  std::string unit;
  bool required = false;
  std::optional<double> min, max;
  std::vector<std::string> choices;
  std::optional<Prefill> prefill;
  std::string figure;   // entity forms: the registry figure this field is
  std::string profile;  // entity forms: the entity field this field is
};

struct Section {
  std::string code;
  std::string title_vi, title_en;
  std::vector<Field> fields;
};

struct Rule {
  std::string code;
  std::string left, right;
  Op op = Op::kLe;
  Severity severity = Severity::kError;
  std::string message_vi, message_en;
};

struct DueRule {
  enum class Kind : uint8_t { kFixed, kAfterEnd } kind = Kind::kAfterEnd;
  int month = 12, day = 15;  // kFixed
  int days = 10;             // kAfterEnd
};

struct ReportForm {
  std::string code;
  int version = 1;
  std::string name_vi, name_en;
  Level level = Level::kProvince;
  std::vector<PeriodType> period_types;
  DueRule due;
  std::vector<Section> sections;
  std::vector<Rule> rules;
  std::string definition;  // the JSON definition as stored (normalised by ParseForm)

  const Field* FindField(std::string_view code) const;
  std::vector<const Field*> Fields() const;
};

// Parses and validates a definition. Every problem at once: kInvalidArgument
// "error.invalid_form_definition", one FieldError per problem, its field the path of
// the member ("sections[1].fields[0].type", "rules[2].left", "period_types[0]"):
//   field.form_missing {path}          a required member is absent or empty
//   field.form_invalid {path, value}   a member of the wrong type or an unknown value
//   field.form_duplicate {code}        a field or section code used twice
//   field.form_unknown_field {code}    a rule names a field the form lacks or one not numeric
// Version is not part of the definition: the store keeps it.
Result<ReportForm> ParseForm(std::string_view json_text);

// The kind of period of `period`: nine_months is "M01-09"; nullopt for any other run of months.
std::optional<PeriodType> PeriodTypeOf(const domain::Period& period);
// kInvalidArgument with a field "period" ("field.report_period_not_allowed", {period, allowed types}).
Status CheckPeriodAllowed(const ReportForm& form, const domain::Period& period);
// The due date: the fixed day of the period's year, or days after the period's last day.
Date DueDate(const ReportForm& form, const domain::Period& period);
// The same unit's previous report: the previous year or half (or quarter, month); for nine
// months the previous year's nine months.
domain::Period PreviousPeriod(const domain::Period& period);
// The current period of `type` containing `today` (nine months: of today's year).
domain::Period CurrentPeriod(PeriodType type, Date today);

// The last millisecond (Unix epoch, UTC) of the due date in Vietnam time (UTC+7): a
// submission at or before it is on time.
int64_t DueDeadlineMs(Date due);

// One value against its field: Ok for null; else kInvalidArgument "error.invalid_request"
// with one FieldError on the field's code (field.report_invalid_type {type},
// field.report_below_min {min}, field.report_above_max {max}, field.report_too_long {limit},
// field.report_unknown_choice {choices}, field.report_invalid_range).
Status CheckValue(const Field& field, const boost::json::value& value);

struct RuleCheck {
  std::string rule;
  Severity severity = Severity::kError;
  std::string left, op, right;  // what was compared: the field codes and the operator
  std::string message_vi, message_en;
};
// The rules that fail for these values (by field code; a missing or null value passes).
std::vector<RuleCheck> EvaluateRules(const ReportForm& form, const std::map<std::string, boost::json::value>& values);

}  // namespace hoptac::reporting

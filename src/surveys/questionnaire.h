// A questionnaire: sections of questions with their wording in Vietnamese and English, required
// flags and skip logic, and the answers a response gives to it. The model only (no I/O): the
// XLSForm file is read and written by xlsform.h, the JSON by questionnaire_json.h.
//
// Question types (kQuestionTypes) and how an answer is held (Value):
//   likert      a number 1–5 (five choices "1".."5", worded; the satisfaction index scales them 0–100)
//   single      one choice's name (a string)
//   multiple    the names of the choices (a list, each at most once)
//   integer     a whole number;  decimal  a number
//   yes_no      "yes" or "no"
//   text        one line (≤ 500 characters);  long_text  many lines (≤ 5,000 characters)
//   note        a text shown to the person answering, never answered
//
// Skip logic: a question or a section is asked only when its condition holds (XLSForm's
// `relevant`, e.g. `${q3} = 'no'`). The subset understood (ParseCondition):
//   ${name} = 'v'   ${name} != 'v'   ${name} < 3  (<=, >, >= : numbers)   ${name} = ''  (not answered)
//   selected(${name}, 'v')   not(…)   … and …   … or …   ( … )
// Numbers and quoted strings ('…' or "…") as values. A condition may name only questions
// before the one it guards. Anything else is refused: field.condition_syntax {text, position, near},
// field.condition_unknown_question {text, name} (unknown, or not before the question it guards).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace hoptac::surveys {

enum class QuestionType { kLikert, kSingle, kMultiple, kInteger, kDecimal, kYesNo, kText, kLongText, kNote };

inline constexpr std::array<const char*, 9> kQuestionTypes = {"likert", "single", "multiple",  "integer", "decimal",
                                                              "yes_no", "text",   "long_text", "note"};

const char* QuestionTypeName(QuestionType type);
std::optional<QuestionType> ParseQuestionType(std::string_view name);

// Wording in both languages; `en` may be empty (the Vietnamese is shown instead).
struct Text {
  std::string vi;
  std::string en;
  bool operator==(const Text&) const = default;
};

struct Choice {
  std::string name;  // what the answer holds: [A-Za-z0-9_.-], ≤ 64 characters
  Text label;
  bool operator==(const Choice&) const = default;
};

// The parsed skip logic: a tree. Leaves compare a question's answer with a value.
struct Condition {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kSelected, kAnd, kOr, kNot };
  Op op = Op::kEq;
  std::string ref;              // leaves: the question compared
  std::string value;            // leaves: the value, as written ('' for "not answered")
  bool numeric = false;         // leaves: the value was written as a number
  std::vector<Condition> args;  // kAnd, kOr (two or more), kNot (one)
  bool operator==(const Condition&) const = default;
};

const char* OpName(Condition::Op op);  // "=", "!=", "<", "<=", ">", ">=", "selected", "and", "or", "not"

struct Question {
  std::string name;  // unique in the questionnaire: a letter, then letters, digits, _ (≤ 64)
  QuestionType type = QuestionType::kText;
  Text label;
  Text hint;
  bool required = false;
  std::string list_name;               // single, multiple, likert, yes_no: the XLSForm choice list's name
  std::vector<Choice> choices;         // single, multiple (≥ 2); likert: exactly "1".."5"; yes_no: "yes","no"
  std::string relevant;                // the condition as written (XLSForm syntax); empty: always asked
  std::optional<Condition> condition;  // parsed from `relevant` by Validate
  bool operator==(const Question&) const = default;
};

struct Section {
  std::string name;  // unique among sections and questions
  Text label;
  std::string relevant;
  std::optional<Condition> condition;
  std::vector<Question> questions;
  bool operator==(const Section&) const = default;
};

struct Questionnaire {
  std::string form_id;            // XLSForm settings.form_id; the code of the questionnaire (e.g. "hailong_2026")
  std::string version;            // XLSForm settings.version (free text)
  Text title;                     // XLSForm settings.form_title (+ ::English)
  std::vector<Section> sections;  // at least one; questions outside any group form a section of their own
  bool operator==(const Questionnaire&) const = default;
};

// Checks a questionnaire and parses its conditions into `condition`. Field errors with their path
// ("sections[0].questions[2].choices", "sections[1].relevant"):
//   field.required                        a missing name, label (vi) or title
//   field.invalid_name {name}             a name that is not a letter then letters, digits, _
//   field.name_duplicate {name}           a name used twice (questions and sections share names)
//   field.choices_too_few {name}          single/multiple with fewer than 2 choices
//   field.likert_choices {name}           likert not exactly 1..5
//   field.yes_no_choices {name}           yes_no not "yes", "no" (filled in when empty)
//   field.choices_not_expected {name, type}  choices on a question that has none
//   field.condition_syntax, field.condition_unknown_question   (see ParseCondition)
//   field.questionnaire_empty             no question that can be answered
Status Validate(Questionnaire& q);

// Parses one condition. `known` lists the names it may refer to (the questions before it).
Result<Condition> ParseCondition(std::string_view text, const std::vector<std::string>& known);
// Writes a condition back in XLSForm syntax (the same text for a condition that was parsed from
// canonical text: `${q3} = 'no'`).
std::string FormatCondition(const Condition& c);

// An answer: a number (likert, integer, decimal), a text (single, yes_no, text, long_text) or a list
// of choice names (multiple).
using Value = std::variant<double, std::string, std::vector<std::string>>;
using Answers = std::map<std::string, Value>;

// Whether a condition holds for these answers (an unanswered question compares as '').
bool Holds(const Condition& c, const Answers& answers);
// Whether a question is asked given the answers (its section's and its own condition).
bool Asked(const Section& section, const Question& question, const Answers& answers);

// Checks a response: every answer names an asked, answerable question, has the type of its question
// and a known choice; with `complete`, every asked required question is answered. Answers to questions
// that are not asked (their condition does not hold) are dropped from the result. Field errors on
// "answers.<name>":
//   field.unknown_question {name}, field.answer_type {name, type}, field.invalid_enum {value, choices},
//   field.out_of_range {min, max} (likert 1–5), field.not_whole_number {value} (integer),
//   field.too_long {max}, field.required
Result<Answers> CheckAnswers(const Questionnaire& q, const Answers& answers, bool complete);

// Every answerable question in order, with its section.
struct QuestionRef {
  const Section* section;
  const Question* question;
};
std::vector<QuestionRef> Questions(const Questionnaire& q);

}  // namespace hoptac::surveys

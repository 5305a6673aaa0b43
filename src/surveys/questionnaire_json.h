// The only JSON of a questionnaire's definition (API answers, the stored definition, the answer
// page), of its conditions, and of answers (Value <-> JSON). Request bodies are read with
// io::JsonReader: every problem is a field error with its path ("sections[0].questions[2].type").
//
// Question JSON: {"name", "type", "label": {"vi","en"}, "hint": {"vi","en"}, "required",
// "choices": [{"name", "label"}], "relevant", "condition", "list_name"}; a condition:
// {"op": "=", "ref", "value", "numeric"} | {"op": "and"|"or"|"not", "args": [...]} |
// {"op": "selected", "ref", "value"} | null. `condition` is written for readers; it is never
// read back: Validate parses `relevant`.
//
// Answers: likert, integer, decimal as JSON numbers (whole numbers as integers); single,
// yes_no, text, long_text as strings; multiple as an array of choice names.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "base/result.h"
#include "surveys/questionnaire.h"

namespace hoptac::surveys {

boost::json::object TextJson(const Text& t);
boost::json::value ConditionJson(const std::optional<Condition>& c);
// {"form_id", "version", "title", "sections"}
boost::json::object DefinitionJson(const Questionnaire& q);
// The stored form of the definition (DefinitionJson serialised) and back (validated again).
std::string DefinitionText(const Questionnaire& q);
Result<Questionnaire> ParseDefinition(std::string_view text);

// Reads {"form_id", "version", "title", "sections"} (other members allowed: `allowed_extra`);
// the questionnaire is not validated here (the service does).
Result<Questionnaire> ReadQuestionnaire(const boost::json::object& body,
                                        std::initializer_list<std::string_view> allowed_extra = {});

boost::json::value ValueJson(const Value& v);
boost::json::object AnswersJson(const Answers& a);
std::string AnswersText(const Answers& a);
// Reads an answers object; a value that is neither a number, a string nor an array of strings
// is "field.answer_type" on "<path>.<name>". Answers that are null are left out.
Result<Answers> ReadAnswers(const boost::json::value& v, const std::string& path);
Result<Answers> ParseAnswers(std::string_view text);

}  // namespace hoptac::surveys

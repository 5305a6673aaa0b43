#include "surveys/questionnaire.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

namespace hoptac::surveys {

namespace {

constexpr size_t kMaxName = 64;
constexpr size_t kMaxText = 500;
constexpr size_t kMaxLongText = 5000;

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// XLSForm names are XML names in practice: a letter or _, then letters, digits, _, - and .
bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxName) return false;
  if (!IsAsciiLetter(name[0]) && name[0] != '_') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsAsciiLetter(c) || IsAsciiDigit(c) || c == '_' || c == '-' || c == '.'; });
}

// A choice's name is what the answer holds: no white space, at most 64 bytes.
bool ValidChoiceName(std::string_view name) {
  if (name.empty() || name.size() > kMaxName) return false;
  return std::none_of(name.begin(), name.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::optional<double> Number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string copy(text);
  std::replace(copy.begin(), copy.end(), ',', '.');  // a Vietnamese decimal comma
  double value = 0;
  auto [end, ec] = std::from_chars(copy.data(), copy.data() + copy.size(), value);
  if (ec != std::errc() || end != copy.data() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string FormatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// --- The condition parser: a small recursive descent over XLSForm's syntax -------------------

struct Token {
  enum Kind { kRef, kString, kNumber, kWord, kOp, kOpen, kClose, kComma, kEnd } kind = kEnd;
  std::string text;
  size_t at = 0;  // 1-based character position, for the error
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& known) : text_(text), known_(known) {}

  Result<Condition> Parse() {
    HOPTAC_TRY(Tokenize());
    HOPTAC_ASSIGN_OR_RETURN(Condition c, Or());
    if (Peek().kind != Token::kEnd) return Syntax(Peek());
    return c;
  }

 private:
  Error Syntax(const Token& t) const {
    std::string near = t.kind == Token::kEnd ? std::string("…") : t.text;
    return Error::InvalidField("relevant", "condition_syntax", "field.condition_syntax",
                               {std::string(text_), std::to_string(t.at), near});
  }

  Status Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      size_t at = CodePoints(text_.substr(0, i)) + 1;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (c == '$' && i + 1 < text_.size() && text_[i + 1] == '{') {
        size_t close = text_.find('}', i + 2);
        if (close == std::string_view::npos) return Syntax({Token::kRef, std::string(text_.substr(i)), at});
        std::string name(text_.substr(i + 2, close - i - 2));
        tokens_.push_back({Token::kRef, name, at});
        i = close + 1;
      } else if (c == '\'' || c == '"') {
        size_t close = text_.find(c, i + 1);
        if (close == std::string_view::npos) return Syntax({Token::kString, std::string(text_.substr(i)), at});
        tokens_.push_back({Token::kString, std::string(text_.substr(i + 1, close - i - 1)), at});
        i = close + 1;
      } else if (IsAsciiDigit(c) || (c == '-' && i + 1 < text_.size() && IsAsciiDigit(text_[i + 1])) ||
                 (c == '.' && i + 1 < text_.size() && IsAsciiDigit(text_[i + 1]))) {
        size_t j = i + 1;
        while (j < text_.size() && (IsAsciiDigit(text_[j]) || text_[j] == '.')) ++j;
        tokens_.push_back({Token::kNumber, std::string(text_.substr(i, j - i)), at});
        i = j;
      } else if (IsAsciiLetter(c)) {
        size_t j = i + 1;
        while (j < text_.size() &&
               (IsAsciiLetter(text_[j]) || IsAsciiDigit(text_[j]) || text_[j] == '-' || text_[j] == '_'))
          ++j;
        std::string word(text_.substr(i, j - i));
        std::transform(word.begin(), word.end(), word.begin(),
                       [](char ch) { return static_cast<char>(std::tolower(ch)); });
        tokens_.push_back({Token::kWord, word, at});
        i = j;
      } else if (c == '(') {
        tokens_.push_back({Token::kOpen, "(", at});
        ++i;
      } else if (c == ')') {
        tokens_.push_back({Token::kClose, ")", at});
        ++i;
      } else if (c == ',') {
        tokens_.push_back({Token::kComma, ",", at});
        ++i;
      } else if (c == '=' || c == '<' || c == '>' || c == '!') {
        std::string op(1, c);
        size_t length = 1;
        if (i + 1 < text_.size() && text_[i + 1] == '=') {
          op += '=';
          length = 2;
        }
        if (op == "!") return Syntax({Token::kOp, op, at});
        if (op == "==") op = "=";
        tokens_.push_back({Token::kOp, op, at});
        i += length;
      } else {
        size_t len = 1;
        while (i + len < text_.size() && (static_cast<unsigned char>(text_[i + len]) & 0xC0) == 0x80) ++len;
        return Syntax({Token::kOp, std::string(text_.substr(i, len)), at});
      }
    }
    tokens_.push_back({Token::kEnd, "", CodePoints(text_) + 1});
    return {};
  }

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool IsWord(std::string_view w) const { return Peek().kind == Token::kWord && Peek().text == w; }

  Result<Condition> Or() {
    HOPTAC_ASSIGN_OR_RETURN(Condition first, And());
    if (!IsWord("or")) return first;
    Condition c;
    c.op = Condition::Op::kOr;
    c.args.push_back(std::move(first));
    while (IsWord("or")) {
      Take();
      HOPTAC_ASSIGN_OR_RETURN(Condition next, And());
      c.args.push_back(std::move(next));
    }
    return c;
  }

  Result<Condition> And() {
    HOPTAC_ASSIGN_OR_RETURN(Condition first, Unary());
    if (!IsWord("and")) return first;
    Condition c;
    c.op = Condition::Op::kAnd;
    c.args.push_back(std::move(first));
    while (IsWord("and")) {
      Take();
      HOPTAC_ASSIGN_OR_RETURN(Condition next, Unary());
      c.args.push_back(std::move(next));
    }
    return c;
  }

  Status Expect(Token::Kind kind) {
    if (Peek().kind != kind) return Syntax(Peek());
    Take();
    return {};
  }

  Result<std::string> Ref() {
    const Token& t = Peek();
    if (t.kind != Token::kRef) return Syntax(t);
    if (std::find(known_.begin(), known_.end(), t.text) == known_.end())
      return Error::InvalidField("relevant", "condition_unknown_question", "field.condition_unknown_question",
                                 {std::string(text_), t.text});
    return Take().text;
  }

  Result<Condition> Unary() {
    if (IsWord("not")) {
      Take();
      HOPTAC_TRY(Expect(Token::kOpen));
      HOPTAC_ASSIGN_OR_RETURN(Condition inner, Or());
      HOPTAC_TRY(Expect(Token::kClose));
      Condition c;
      c.op = Condition::Op::kNot;
      c.args.push_back(std::move(inner));
      return c;
    }
    if (IsWord("selected")) {
      Take();
      HOPTAC_TRY(Expect(Token::kOpen));
      Condition c;
      c.op = Condition::Op::kSelected;
      HOPTAC_ASSIGN_OR_RETURN(c.ref, Ref());
      HOPTAC_TRY(Expect(Token::kComma));
      const Token& v = Peek();
      if (v.kind != Token::kString && v.kind != Token::kNumber) return Syntax(v);
      c.value = Take().text;
      HOPTAC_TRY(Expect(Token::kClose));
      return c;
    }
    if (Peek().kind == Token::kOpen) {
      Take();
      HOPTAC_ASSIGN_OR_RETURN(Condition inner, Or());
      HOPTAC_TRY(Expect(Token::kClose));
      return inner;
    }
    return Comparison();
  }

  static std::optional<Condition::Op> CompareOp(const std::string& op) {
    if (op == "=") return Condition::Op::kEq;
    if (op == "!=") return Condition::Op::kNe;
    if (op == "<") return Condition::Op::kLt;
    if (op == "<=") return Condition::Op::kLe;
    if (op == ">") return Condition::Op::kGt;
    if (op == ">=") return Condition::Op::kGe;
    return std::nullopt;
  }
  static Condition::Op Flip(Condition::Op op) {
    switch (op) {
      case Condition::Op::kLt: return Condition::Op::kGt;
      case Condition::Op::kLe: return Condition::Op::kGe;
      case Condition::Op::kGt: return Condition::Op::kLt;
      case Condition::Op::kGe: return Condition::Op::kLe;
      default: return op;
    }
  }

  // ${q} op value, or value op ${q}.
  Result<Condition> Comparison() {
    Condition c;
    bool value_first = Peek().kind == Token::kString || Peek().kind == Token::kNumber;
    std::string value;
    bool numeric = false;
    if (value_first) {
      numeric = Peek().kind == Token::kNumber;
      value = Take().text;
    } else {
      HOPTAC_ASSIGN_OR_RETURN(c.ref, Ref());
    }
    const Token& op = Peek();
    if (op.kind != Token::kOp) return Syntax(op);
    std::optional<Condition::Op> parsed = CompareOp(op.text);
    if (!parsed) return Syntax(op);
    Take();
    if (value_first) {
      HOPTAC_ASSIGN_OR_RETURN(c.ref, Ref());
      c.op = Flip(*parsed);
    } else {
      const Token& v = Peek();
      if (v.kind != Token::kString && v.kind != Token::kNumber) return Syntax(v);
      numeric = v.kind == Token::kNumber;
      value = Take().text;
      c.op = *parsed;
    }
    if (numeric && !Number(value)) return Syntax(tokens_[pos_ > 0 ? pos_ - 1 : 0]);
    bool ordering = c.op != Condition::Op::kEq && c.op != Condition::Op::kNe;
    if (ordering && !Number(value)) return Syntax(tokens_[pos_ > 0 ? pos_ - 1 : 0]);
    c.value = std::move(value);
    c.numeric = numeric;
    return c;
  }

  std::string_view text_;
  const std::vector<std::string>& known_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

std::string Quote(const std::string& value) {
  return value.find('\'') == std::string::npos ? "'" + value + "'" : "\"" + value + "\"";
}

// The text of an answer as XLSForm compares it: numbers as written, a list space-separated.
std::optional<std::string> AnswerText(const Answers& answers, const std::string& name) {
  auto it = answers.find(name);
  if (it == answers.end()) return std::nullopt;
  if (const double* d = std::get_if<double>(&it->second)) return FormatNumber(*d);
  if (const std::string* s = std::get_if<std::string>(&it->second)) return *s;
  const auto& list = std::get<std::vector<std::string>>(it->second);
  std::string joined;
  for (const std::string& s : list) joined += (joined.empty() ? "" : " ") + s;
  return joined;
}

std::string ChoiceNames(const Question& q) {
  std::string out;
  for (const Choice& c : q.choices) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

}  // namespace

const char* QuestionTypeName(QuestionType type) { return kQuestionTypes[static_cast<size_t>(type)]; }

std::optional<QuestionType> ParseQuestionType(std::string_view name) {
  for (size_t i = 0; i < kQuestionTypes.size(); ++i)
    if (name == kQuestionTypes[i]) return static_cast<QuestionType>(i);
  return std::nullopt;
}

const char* OpName(Condition::Op op) {
  switch (op) {
    case Condition::Op::kEq: return "=";
    case Condition::Op::kNe: return "!=";
    case Condition::Op::kLt: return "<";
    case Condition::Op::kLe: return "<=";
    case Condition::Op::kGt: return ">";
    case Condition::Op::kGe: return ">=";
    case Condition::Op::kSelected: return "selected";
    case Condition::Op::kAnd: return "and";
    case Condition::Op::kOr: return "or";
    case Condition::Op::kNot: return "not";
  }
  return "=";
}

Result<Condition> ParseCondition(std::string_view text, const std::vector<std::string>& known) {
  return Parser(text, known).Parse();
}

std::string FormatCondition(const Condition& c) {
  switch (c.op) {
    case Condition::Op::kSelected: return "selected(${" + c.ref + "}, " + Quote(c.value) + ")";
    case Condition::Op::kNot: return "not(" + (c.args.empty() ? std::string() : FormatCondition(c.args[0])) + ")";
    case Condition::Op::kAnd:
    case Condition::Op::kOr: {
      std::string out;
      for (const Condition& a : c.args) {
        std::string part = FormatCondition(a);
        // An "or" inside an "and" keeps its parentheses.
        if (c.op == Condition::Op::kAnd && a.op == Condition::Op::kOr) part = "(" + part + ")";
        out += (out.empty() ? "" : (c.op == Condition::Op::kAnd ? " and " : " or ")) + part;
      }
      return out;
    }
    default: return "${" + c.ref + "} " + OpName(c.op) + " " + (c.numeric ? c.value : Quote(c.value));
  }
}

bool Holds(const Condition& c, const Answers& answers) {
  switch (c.op) {
    case Condition::Op::kAnd:
      return std::all_of(c.args.begin(), c.args.end(), [&](const Condition& a) { return Holds(a, answers); });
    case Condition::Op::kOr:
      return std::any_of(c.args.begin(), c.args.end(), [&](const Condition& a) { return Holds(a, answers); });
    case Condition::Op::kNot: return c.args.empty() || !Holds(c.args[0], answers);
    case Condition::Op::kSelected: {
      auto it = answers.find(c.ref);
      if (it == answers.end()) return false;
      if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
        return std::find(list->begin(), list->end(), c.value) != list->end();
      return AnswerText(answers, c.ref) == c.value;
    }
    default: break;
  }
  std::string answer = AnswerText(answers, c.ref).value_or("");
  if (c.op == Condition::Op::kEq || c.op == Condition::Op::kNe) {
    bool equal;
    std::optional<double> a = Number(answer), v = Number(c.value);
    if (c.numeric && a && v)
      equal = *a == *v;
    else
      equal = answer == c.value;
    return c.op == Condition::Op::kEq ? equal : !equal;
  }
  std::optional<double> a = Number(answer), v = Number(c.value);
  if (!a || !v) return false;  // an unanswered or non-numeric answer is neither less nor more
  switch (c.op) {
    case Condition::Op::kLt: return *a < *v;
    case Condition::Op::kLe: return *a <= *v;
    case Condition::Op::kGt: return *a > *v;
    case Condition::Op::kGe: return *a >= *v;
    default: return false;
  }
}

bool Asked(const Section& section, const Question& question, const Answers& answers) {
  if (section.condition && !Holds(*section.condition, answers)) return false;
  return !question.condition || Holds(*question.condition, answers);
}

std::vector<QuestionRef> Questions(const Questionnaire& q) {
  std::vector<QuestionRef> out;
  for (const Section& s : q.sections)
    for (const Question& question : s.questions)
      if (question.type != QuestionType::kNote) out.push_back({&s, &question});
  return out;
}

Status Validate(Questionnaire& q) {
  std::vector<FieldError> errors;
  if (q.form_id.empty())
    errors.push_back({"form_id", "required", "field.required", {}});
  else if (!ValidName(q.form_id))
    errors.push_back({"form_id", "invalid_name", "field.invalid_name", {q.form_id}});
  if (q.title.vi.empty()) errors.push_back({"title", "required", "field.required", {}});
  std::set<std::string> names;
  std::vector<std::string> before;  // answerable questions so far, for the conditions
  size_t answerable = 0;
  for (size_t si = 0; si < q.sections.size(); ++si) {
    Section& s = q.sections[si];
    std::string spath = "sections[" + std::to_string(si) + "]";
    if (!ValidName(s.name))
      errors.push_back({spath + ".name",
                        s.name.empty() ? "required" : "invalid_name",
                        s.name.empty() ? "field.required" : "field.invalid_name",
                        {s.name}});
    else if (!names.insert(s.name).second)
      errors.push_back({spath + ".name", "name_duplicate", "field.name_duplicate", {s.name}});
    s.condition.reset();
    if (!s.relevant.empty()) {
      auto c = ParseCondition(s.relevant, before);
      if (c.ok()) {
        s.condition = std::move(*c);
      } else {
        for (FieldError e : c.error().fields) {
          e.field = spath + ".relevant";
          errors.push_back(std::move(e));
        }
      }
    }
    for (size_t qi = 0; qi < s.questions.size(); ++qi) {
      Question& question = s.questions[qi];
      std::string path = spath + ".questions[" + std::to_string(qi) + "]";
      if (!ValidName(question.name))
        errors.push_back({path + ".name",
                          question.name.empty() ? "required" : "invalid_name",
                          question.name.empty() ? "field.required" : "field.invalid_name",
                          {question.name}});
      else if (!names.insert(question.name).second)
        errors.push_back({path + ".name", "name_duplicate", "field.name_duplicate", {question.name}});
      if (question.label.vi.empty()) errors.push_back({path + ".label", "required", "field.required", {}});
      // Choices: the fixed lists get their names checked and their wording filled in when empty.
      if (question.type == QuestionType::kYesNo) {
        if (question.choices.empty()) question.choices = {{"yes", {"Có", "Yes"}}, {"no", {"Không", "No"}}};
        bool ok = question.choices.size() == 2 && question.choices[0].name == "yes" && question.choices[1].name == "no";
        if (!ok) errors.push_back({path + ".choices", "yes_no_choices", "field.yes_no_choices", {question.name}});
      } else if (question.type == QuestionType::kLikert) {
        bool ok = question.choices.size() == 5;
        for (size_t i = 0; ok && i < 5; ++i) ok = question.choices[i].name == std::to_string(i + 1);
        if (!ok) errors.push_back({path + ".choices", "likert_choices", "field.likert_choices", {question.name}});
      } else if (question.type == QuestionType::kSingle || question.type == QuestionType::kMultiple) {
        if (question.choices.size() < 2)
          errors.push_back({path + ".choices", "choices_too_few", "field.choices_too_few", {question.name}});
      } else if (!question.choices.empty()) {
        errors.push_back({path + ".choices",
                          "choices_not_expected",
                          "field.choices_not_expected",
                          {question.name, QuestionTypeName(question.type)}});
      }
      std::set<std::string> choice_names;
      for (size_t ci = 0; ci < question.choices.size(); ++ci) {
        Choice& c = question.choices[ci];
        std::string cpath = path + ".choices[" + std::to_string(ci) + "]";
        if (!ValidChoiceName(c.name))
          errors.push_back({cpath + ".name",
                            c.name.empty() ? "required" : "invalid_name",
                            c.name.empty() ? "field.required" : "field.invalid_name",
                            {c.name}});
        else if (!choice_names.insert(c.name).second)
          errors.push_back({cpath + ".name", "name_duplicate", "field.name_duplicate", {c.name}});
        if (c.label.vi.empty()) {
          if (question.type == QuestionType::kLikert)
            c.label.vi = c.name;  // a scale's points may be worded by their number only
          else
            errors.push_back({cpath + ".label", "required", "field.required", {}});
        }
      }
      if (question.type == QuestionType::kNote && question.required) question.required = false;
      question.condition.reset();
      if (!question.relevant.empty()) {
        auto c = ParseCondition(question.relevant, before);
        if (c.ok()) {
          question.condition = std::move(*c);
        } else {
          for (FieldError e : c.error().fields) {
            e.field = path + ".relevant";
            errors.push_back(std::move(e));
          }
        }
      }
      if (question.type != QuestionType::kNote) {
        before.push_back(question.name);
        ++answerable;
      }
    }
  }
  if (answerable == 0) errors.push_back({"sections", "questionnaire_empty", "field.questionnaire_empty", {}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return {};
}

Result<Answers> CheckAnswers(const Questionnaire& q, const Answers& answers, bool complete) {
  std::vector<FieldError> errors;
  std::map<std::string, const Question*> by_name;
  for (const QuestionRef& r : Questions(q)) by_name[r.question->name] = r.question;
  Answers typed;
  for (const auto& [name, value] : answers) {
    std::string field = "answers." + name;
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      errors.push_back({field, "unknown_question", "field.unknown_question", {name}});
      continue;
    }
    const Question& question = *it->second;
    auto type_error = [&] {
      errors.push_back({field, "answer_type", "field.answer_type", {name, QuestionTypeName(question.type)}});
    };
    const std::string* text = std::get_if<std::string>(&value);
    const double* number = std::get_if<double>(&value);
    const auto* list = std::get_if<std::vector<std::string>>(&value);
    // Empty is unanswered.
    if ((text && text->empty()) || (list && list->empty())) continue;
    switch (question.type) {
      case QuestionType::kLikert:
      case QuestionType::kInteger:
      case QuestionType::kDecimal: {
        std::optional<double> v = number ? std::optional<double>(*number) : text ? Number(*text) : std::nullopt;
        if (!v) {
          type_error();
          break;
        }
        if (question.type == QuestionType::kLikert && (*v < 1 || *v > 5 || *v != std::floor(*v))) {
          errors.push_back({field, "out_of_range", "field.out_of_range", {"1", "5"}});
          break;
        }
        if (question.type == QuestionType::kInteger && (*v != std::floor(*v) || std::fabs(*v) > 1e15)) {
          errors.push_back({field, "not_whole", "field.not_whole_number", {FormatNumber(*v)}});
          break;
        }
        typed[name] = *v;
        break;
      }
      case QuestionType::kSingle:
      case QuestionType::kYesNo: {
        std::string v = text ? *text : number ? FormatNumber(*number) : std::string();
        if (list) {
          type_error();
          break;
        }
        bool known =
            std::any_of(question.choices.begin(), question.choices.end(), [&](const Choice& c) { return c.name == v; });
        if (!known) {
          errors.push_back({field, "invalid_enum", "field.invalid_enum", {v, ChoiceNames(question)}});
          break;
        }
        typed[name] = v;
        break;
      }
      case QuestionType::kMultiple: {
        std::vector<std::string> chosen;
        if (list) {
          chosen = *list;
        } else if (text) {  // XLSForm's space-separated form
          size_t start = 0;
          while (start < text->size()) {
            size_t space = text->find(' ', start);
            if (space == std::string::npos) space = text->size();
            if (space > start) chosen.push_back(text->substr(start, space - start));
            start = space + 1;
          }
        } else {
          type_error();
          break;
        }
        std::vector<std::string> clean;
        bool bad = false;
        for (const std::string& c : chosen) {
          bool known = std::any_of(question.choices.begin(), question.choices.end(),
                                   [&](const Choice& choice) { return choice.name == c; });
          if (!known) {
            errors.push_back({field, "invalid_enum", "field.invalid_enum", {c, ChoiceNames(question)}});
            bad = true;
            break;
          }
          if (std::find(clean.begin(), clean.end(), c) == clean.end()) clean.push_back(c);
        }
        if (bad) break;
        // In the questionnaire's order, whatever order they came in.
        std::vector<std::string> ordered;
        for (const Choice& choice : question.choices)
          if (std::find(clean.begin(), clean.end(), choice.name) != clean.end()) ordered.push_back(choice.name);
        if (!ordered.empty()) typed[name] = std::move(ordered);
        break;
      }
      case QuestionType::kText:
      case QuestionType::kLongText: {
        if (!text) {
          type_error();
          break;
        }
        size_t max = question.type == QuestionType::kText ? kMaxText : kMaxLongText;
        if (CodePoints(*text) > max) {
          errors.push_back({field, "too_long", "field.too_long", {std::to_string(max)}});
          break;
        }
        typed[name] = *text;
        break;
      }
      case QuestionType::kNote: break;
    }
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  // Drop what is not asked, in order: a later question's condition reads the answers kept so far.
  Answers kept;
  for (const QuestionRef& r : Questions(q)) {
    if (!Asked(*r.section, *r.question, kept)) continue;
    auto it = typed.find(r.question->name);
    if (it != typed.end())
      kept.insert(*it);
    else if (complete && r.question->required)
      errors.push_back({"answers." + r.question->name, "required", "field.required", {}});
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return kept;
}

}  // namespace hoptac::surveys

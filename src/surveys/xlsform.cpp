#include "surveys/xlsform.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::surveys {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Cells as the sheet has them, NFC and trimmed (Excel keeps whatever was pasted).
std::string Cell(const std::vector<std::string>& cells, int column) {
  if (column < 0 || static_cast<size_t>(column) >= cells.size()) return std::string();
  return Trim(text::NormalizeText(cells[static_cast<size_t>(column)]).text);
}

enum class Lang { kVi, kEn, kOther };

// "Vietnamese (vi)", "Vietnamese", "vi", "Tiếng Việt" → kVi; "English (en)", "English", "en" → kEn.
Lang LanguageOf(std::string_view name) {
  std::string folded = text::Fold(name);
  if (folded.find("vietnam") != std::string::npos || folded.find("tieng viet") != std::string::npos || folded == "vi" ||
      folded.find("(vi)") != std::string::npos)
    return Lang::kVi;
  if (folded.find("english") != std::string::npos || folded.find("tieng anh") != std::string::npos || folded == "en" ||
      folded.find("(en)") != std::string::npos)
    return Lang::kEn;
  return Lang::kOther;
}

// The columns of a sheet: a base name ("label", "hint", "type" …) with, per language, its column.
struct Columns {
  std::map<std::string, int> plain;                    // base name → column, no language given
  std::map<std::string, std::map<Lang, int>> by_lang;  // base name → language → column

  explicit Columns(const std::vector<std::string>& header) {
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name = Trim(header[i]);
      // "label::English (en)", and the older "label:English (en)".
      size_t sep = name.find("::");
      size_t sep_length = 2;
      if (sep == std::string::npos) {
        sep = name.find(':');
        sep_length = 1;
      }
      std::string base = Lower(Trim(name.substr(0, sep)));
      std::replace(base.begin(), base.end(), ' ', '_');  // "list name" is "list_name"
      if (base == "relevance") base = "relevant";
      if (base == "caption") base = "label";
      int column = static_cast<int>(i);
      if (sep == std::string::npos) {
        plain.emplace(base, column);
      } else {
        Lang lang = LanguageOf(Trim(name.substr(sep + sep_length)));
        if (lang != Lang::kOther) by_lang[base].emplace(lang, column);
      }
    }
  }
  int Of(const std::string& base) const {
    auto it = plain.find(base);
    return it == plain.end() ? -1 : it->second;
  }
  bool Has(const std::string& base) const { return Of(base) >= 0 || by_lang.count(base) > 0; }
  // Both languages; a plain column is the default language's; Vietnamese falls back to English when
  // the file has no Vietnamese at all (a questionnaire written in English only).
  Text Translated(const std::vector<std::string>& cells, const std::string& base, Lang default_lang) const {
    Text t;
    auto langs = by_lang.find(base);
    if (langs != by_lang.end()) {
      if (auto vi = langs->second.find(Lang::kVi); vi != langs->second.end()) t.vi = Cell(cells, vi->second);
      if (auto en = langs->second.find(Lang::kEn); en != langs->second.end()) t.en = Cell(cells, en->second);
    }
    std::string plain_text = Cell(cells, Of(base));
    if (!plain_text.empty()) {
      if (default_lang == Lang::kEn && t.en.empty())
        t.en = plain_text;
      else if (t.vi.empty())
        t.vi = plain_text;
    }
    if (t.vi.empty()) t.vi = t.en;
    return t;
  }
};

struct Sheet {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> numbers;
};

// The sheet of that name (case-insensitive), or none.
Result<std::optional<Sheet>> ReadSheet(const std::string& bytes, const std::vector<std::string>& names,
                                       std::string_view wanted) {
  auto name = std::find_if(names.begin(), names.end(), [&](const std::string& n) { return Lower(Trim(n)) == wanted; });
  if (name == names.end()) return std::optional<Sheet>();
  io::XlsxReadOptions options;
  options.sheet_name = *name;
  options.max_part_bytes = std::uint64_t{64} << 20;
  // Read as a document, not as a table: a row with a note in a column past the header's is still a
  // question (the table rules would refuse the whole row), read as far as the header goes.
  options.no_header = true;
  HOPTAC_ASSIGN_OR_RETURN(auto reader, io::XlsxReader::FromString(bytes, options));
  Sheet sheet;
  std::vector<std::string> cells;
  int row = 0;
  bool header = true;
  while (true) {
    HOPTAC_ASSIGN_OR_RETURN(bool more, reader->Next(cells, row));
    if (!more) break;
    if (header) {
      sheet.header = cells;
      io::TrimHeader(sheet.header);
      header = false;
      continue;
    }
    cells.resize(sheet.header.size());
    if (io::IsBlankRow(cells)) continue;
    sheet.rows.push_back(cells);
    sheet.numbers.push_back(row);
  }
  return std::optional<Sheet>(std::move(sheet));
}

bool ReadRequired(std::string value, bool& out) {
  value = Lower(Trim(value));
  if (value.empty() || value == "no" || value == "false" || value == "false()" || value == "0") {
    out = false;
    return true;
  }
  if (value == "yes" || value == "true" || value == "true()" || value == "1") {
    out = true;
    return true;
  }
  return false;
}

// Recorded by the phone, never asked (pyxform's names and aliases).
const std::set<std::string>& MetadataTypes() {
  static const std::set<std::string> kTypes = {"start",
                                               "end",
                                               "today",
                                               "deviceid",
                                               "device id",
                                               "subscriberid",
                                               "subscriber id",
                                               "simserial",
                                               "sim id",
                                               "phonenumber",
                                               "username",
                                               "email",
                                               "audit",
                                               "uri:email",
                                               "uri:username",
                                               "hidden",
                                               "start-geopoint",
                                               "imei",
                                               "instanceid",
                                               "background-audio",
                                               "get start time",
                                               "get end time",
                                               "get today",
                                               "get sim id",
                                               "get phone number",
                                               "get device id",
                                               "get subscriber id",
                                               "start time",
                                               "end time"};
  return kTypes;
}

// The question types hoptac asks, under their XLSForm names and pyxform's aliases.
std::optional<QuestionType> PlainType(const std::string& lower) {
  static const std::map<std::string, QuestionType> kTypes = {{"text", QuestionType::kText},
                                                             {"string", QuestionType::kText},
                                                             {"q string", QuestionType::kText},
                                                             {"add text prompt", QuestionType::kText},
                                                             {"integer", QuestionType::kInteger},
                                                             {"int", QuestionType::kInteger},
                                                             {"q int", QuestionType::kInteger},
                                                             {"add integer prompt", QuestionType::kInteger},
                                                             {"decimal", QuestionType::kDecimal},
                                                             {"q decimal", QuestionType::kDecimal},
                                                             {"add decimal prompt", QuestionType::kDecimal},
                                                             {"note", QuestionType::kNote},
                                                             {"q note", QuestionType::kNote},
                                                             {"add note prompt", QuestionType::kNote}};
  auto it = kTypes.find(lower);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

// "select_one L", "select one L", "select one from L", "select1 L" → {false, "L"}; the multiple forms →
// {true, "L"}; anything else → nothing.
std::optional<std::pair<bool, std::string>> SelectType(const std::string& type) {
  static const std::vector<std::pair<std::string, bool>> kPrefixes = {{"select_one_from_file ", false},
                                                                      {"select_multiple_from_file ", true},
                                                                      {"add select one prompt using ", false},
                                                                      {"add select multiple prompt using ", true},
                                                                      {"select all that apply from ", true},
                                                                      {"select all that apply ", true},
                                                                      {"select multiple from ", true},
                                                                      {"select multiple using ", true},
                                                                      {"select_multiple ", true},
                                                                      {"select multiple ", true},
                                                                      {"select one from ", false},
                                                                      {"select one using ", false},
                                                                      {"select_one ", false},
                                                                      {"select one ", false},
                                                                      {"select1 ", false}};
  std::string lower = Lower(type);
  for (const auto& [prefix, multiple] : kPrefixes) {
    if (lower.rfind(prefix, 0) != 0) continue;
    if (prefix.find("file") != std::string::npos) return std::nullopt;  // choices from a file: not supported
    return std::make_pair(multiple, Trim(type.substr(prefix.size())));
  }
  return std::nullopt;
}

std::string FormIdFromTitle(const std::string& title) {
  std::string id;
  for (char c : text::Fold(title)) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep)
      id += c;
    else if (!id.empty() && id.back() != '_')
      id += '_';
    if (id.size() >= 40) break;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) id = "q_" + id;
  return id;
}

// Where each part of the questionnaire came from, to put Validate's errors on their rows.
struct Origins {
  std::vector<int> section_rows;                           // 0: an implicit section
  std::vector<std::vector<int>> question_rows;             // per section, per question
  std::vector<std::vector<std::vector<int>>> choice_rows;  // per section, question, choice
  int settings_row = 0;
};

// "sections[1].questions[2].choices[0].label" → "choices.14.label"; "sections[0].relevant" → "survey.3.relevant".
std::string RowField(const std::string& path, const Origins& o) {
  auto index = [&](const std::string& key, size_t from, size_t& end) -> int {
    size_t at = path.find(key + "[", from);
    if (at == std::string::npos) return -1;
    size_t close = path.find(']', at);
    end = close + 1;
    return std::stoi(path.substr(at + key.size() + 1, close - at - key.size() - 1));
  };
  size_t end = 0;
  int s = index("sections", 0, end);
  if (s < 0 || static_cast<size_t>(s) >= o.section_rows.size()) {
    if (path == "title") return "settings." + std::to_string(o.settings_row) + ".form_title";
    if (path == "form_id") return "settings." + std::to_string(o.settings_row) + ".form_id";
    return "survey";
  }
  size_t after_section = end;
  int q = index("questions", after_section, end);
  if (q < 0 || static_cast<size_t>(q) >= o.question_rows[static_cast<size_t>(s)].size()) {
    std::string rest = path.substr(after_section);
    return "survey." + std::to_string(o.section_rows[static_cast<size_t>(s)]) + (rest.empty() ? "" : rest);
  }
  size_t after_question = end;
  int c = index("choices", after_question, end);
  const auto& choices = o.choice_rows[static_cast<size_t>(s)][static_cast<size_t>(q)];
  if (c >= 0 && static_cast<size_t>(c) < choices.size() && choices[static_cast<size_t>(c)] > 0)
    return "choices." + std::to_string(choices[static_cast<size_t>(c)]) + path.substr(end);
  return "survey." + std::to_string(o.question_rows[static_cast<size_t>(s)][static_cast<size_t>(q)]) +
         path.substr(after_question);
}

struct ChoiceList {
  std::vector<Choice> choices;
  std::vector<int> rows;
};

}  // namespace

Result<Questionnaire> ReadXlsForm(std::string bytes, std::string_view file_name) {
  HOPTAC_ASSIGN_OR_RETURN(auto probe, io::XlsxReader::FromString(bytes));
  std::vector<std::string> names = probe->sheet_names();
  probe.reset();
  HOPTAC_ASSIGN_OR_RETURN(std::optional<Sheet> survey, ReadSheet(bytes, names, "survey"));
  if (!survey) return Error::Make(ErrorCode::kInvalidArgument, "error.xlsform_no_survey", {"survey"});
  Columns sc(survey->header);
  if (sc.Of("type") < 0 || sc.Of("name") < 0)
    return Error::Make(ErrorCode::kInvalidArgument, "error.xlsform_no_survey", {"type, name"});
  HOPTAC_ASSIGN_OR_RETURN(std::optional<Sheet> choices_sheet, ReadSheet(bytes, names, "choices"));
  HOPTAC_ASSIGN_OR_RETURN(std::optional<Sheet> settings, ReadSheet(bytes, names, "settings"));

  Questionnaire q;
  Origins origins;
  Lang default_lang = Lang::kVi;
  if (settings && !settings->rows.empty()) {
    Columns st(settings->header);
    const auto& row = settings->rows[0];
    origins.settings_row = settings->numbers[0];
    std::string language = Cell(row, st.Of("default_language"));
    if (!language.empty() && LanguageOf(language) == Lang::kEn) default_lang = Lang::kEn;
    q.title = st.Translated(row, "form_title", default_lang);
    q.form_id = Cell(row, st.Of("form_id"));
    q.version = Cell(row, st.Of("version"));
  }

  std::vector<FieldError> errors;
  std::map<std::string, ChoiceList> lists;
  if (choices_sheet) {
    Columns cc(choices_sheet->header);
    int list_column = cc.Of("list_name");
    for (size_t i = 0; i < choices_sheet->rows.size(); ++i) {
      const auto& row = choices_sheet->rows[i];
      std::string list = Cell(row, list_column);
      std::string name = Cell(row, cc.Of("name"));
      if (list.empty() && name.empty()) continue;
      int number = choices_sheet->numbers[i];
      if (list.empty()) {
        errors.push_back({"choices." + std::to_string(number) + ".list_name", "required", "field.required", {}});
        continue;
      }
      lists[list].choices.push_back({name, cc.Translated(row, "label", default_lang)});
      lists[list].rows.push_back(number);
    }
  }

  int type_column = sc.Of("type");
  int name_column = sc.Of("name");
  int required_column = sc.Of("required");
  int relevant_column = sc.Of("relevant");
  int appearance_column = sc.Of("appearance");
  bool in_group = false;
  auto open_section = [&](Section s, int row) {
    q.sections.push_back(std::move(s));
    origins.section_rows.push_back(row);
    origins.question_rows.emplace_back();
    origins.choice_rows.emplace_back();
  };
  for (size_t i = 0; i < survey->rows.size(); ++i) {
    const auto& row = survey->rows[i];
    int number = survey->numbers[i];
    std::string field = "survey." + std::to_string(number);
    std::string type = Cell(row, type_column);
    // "select_one  likert" and "select_one likert" alike.
    std::string collapsed;
    for (char c : type)
      if (!(c == ' ' && !collapsed.empty() && collapsed.back() == ' ')) collapsed += c;
    type = collapsed;
    std::string lower = Lower(type);
    std::string name = Cell(row, name_column);
    if (lower.empty()) {
      if (!name.empty()) errors.push_back({field + ".type", "required", "field.required", {}});
      continue;
    }
    if (MetadataTypes().count(lower)) continue;
    if (lower == "begin_group" || lower == "begin group") {
      if (in_group) {
        errors.push_back({field + ".type", "xlsform_group", "field.xlsform_group", {type}});
        continue;
      }
      Section s;
      s.name = name;
      s.label = sc.Translated(row, "label", default_lang);
      s.relevant = Cell(row, relevant_column);
      open_section(std::move(s), number);
      in_group = true;
      continue;
    }
    if (lower == "end_group" || lower == "end group") {
      if (!in_group) errors.push_back({field + ".type", "xlsform_group", "field.xlsform_group", {type}});
      in_group = false;
      continue;
    }
    Question question;
    question.name = name;
    question.label = sc.Translated(row, "label", default_lang);
    question.hint = sc.Translated(row, "hint", default_lang);
    question.relevant = Cell(row, relevant_column);
    std::string appearance = Lower(Cell(row, appearance_column));
    if (!ReadRequired(Cell(row, required_column), question.required)) {
      errors.push_back(
          {field + ".required", "xlsform_required", "field.xlsform_required", {Cell(row, required_column)}});
      continue;
    }
    std::vector<int> choice_rows;
    std::optional<std::pair<bool, std::string>> select = SelectType(type);
    // "select_one L or_other": an "other" with a text box, which hoptac does not ask.
    if (select && select->second.find(' ') != std::string::npos) select.reset();
    if (select) {
      bool select_multiple = select->first;
      std::string list = select->second;
      auto it = lists.find(list);
      if (it == lists.end()) {
        errors.push_back({field + ".type", "xlsform_list_unknown", "field.xlsform_list_unknown", {list}});
        continue;
      }
      question.list_name = list;
      question.choices = it->second.choices;
      choice_rows = it->second.rows;
      std::set<std::string> choice_names;
      for (const Choice& c : question.choices) choice_names.insert(c.name);
      bool one_to_five = choice_names == std::set<std::string>{"1", "2", "3", "4", "5"} && question.choices.size() == 5;
      bool likert_hint = appearance.find("likert") != std::string::npos ||
                         Lower(list).find("likert") != std::string::npos ||
                         Lower(list).find("satisf") != std::string::npos;
      if (select_multiple) {
        question.type = QuestionType::kMultiple;
      } else if (one_to_five && likert_hint) {
        question.type = QuestionType::kLikert;
      } else if (choice_names == std::set<std::string>{"yes", "no"} && question.choices.size() == 2) {
        question.type = QuestionType::kYesNo;
      } else {
        question.type = QuestionType::kSingle;
      }
      // The fixed lists in their own order: 1..5, then yes before no.
      if (question.type == QuestionType::kLikert || question.type == QuestionType::kYesNo) {
        std::vector<size_t> order(question.choices.size());
        for (size_t k = 0; k < order.size(); ++k) order[k] = k;
        auto rank = [&](size_t k) {
          const std::string& n = question.choices[k].name;
          return question.type == QuestionType::kYesNo ? (n == "yes" ? 0 : 1) : std::stoi(n);
        };
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank(a) < rank(b); });
        std::vector<Choice> sorted;
        std::vector<int> sorted_rows;
        for (size_t k : order) {
          sorted.push_back(question.choices[k]);
          sorted_rows.push_back(choice_rows[k]);
        }
        question.choices = std::move(sorted);
        choice_rows = std::move(sorted_rows);
      }
    } else if (std::optional<QuestionType> plain = PlainType(lower)) {
      question.type = *plain;
      if (question.type == QuestionType::kText && appearance.find("multiline") != std::string::npos)
        question.type = QuestionType::kLongText;
    } else {
      errors.push_back({field + ".type", "xlsform_type", "field.xlsform_type", {type}});
      continue;
    }
    if (!in_group && (q.sections.empty() || origins.section_rows.back() != 0)) {
      // Questions outside any group form a section of their own.
      Section s;
      int count = 0;
      for (const Section& other : q.sections) count += other.name.rfind("part_", 0) == 0 ? 1 : 0;
      s.name = "part_" + std::to_string(count + 1);
      s.label = {"Phần " + std::to_string(q.sections.size() + 1), "Part " + std::to_string(q.sections.size() + 1)};
      open_section(std::move(s), 0);
    }
    q.sections.back().questions.push_back(std::move(question));
    origins.question_rows.back().push_back(number);
    origins.choice_rows.back().push_back(std::move(choice_rows));
  }
  if (in_group)
    errors.push_back(
        {"survey." + std::to_string(origins.section_rows.empty() ? 0 : origins.section_rows.back()) + ".type",
         "xlsform_group",
         "field.xlsform_group",
         {"begin_group"}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));

  if (q.title.vi.empty()) q.title.vi = q.title.en;
  // Without settings, pyxform names the form after its file; so does hoptac.
  std::string stem(file_name.substr(0, file_name.rfind('.')));
  if (q.title.vi.empty()) q.title.vi = Trim(stem);
  if (q.form_id.empty() && !q.title.vi.empty()) q.form_id = FormIdFromTitle(stem.empty() ? q.title.vi : stem);
  Status valid = Validate(q);
  if (!valid.ok()) {
    Error e = valid.error();
    for (FieldError& f : e.fields) f.field = RowField(f.field, origins);
    return e;
  }
  return q;
}

Status WriteXlsForm(const Questionnaire& q, const std::string& path) {
  io::XlsxStreamOptions options;
  options.sheet_name = "survey";
  options.column_widths = {18, 16, 48, 48, 30, 30, 10, 28, 14};
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
  const std::vector<std::string> header = {
      "type",          "name",     "label::Vietnamese", "label::English", "hint::Vietnamese",
      "hint::English", "required", "relevant",          "appearance"};
  HOPTAC_TRY(writer->WriteHeader(header));
  // The choice lists, one per distinct list: a question keeps its list's name unless another list of
  // that name differs, then its own name is the list's.
  std::vector<std::pair<std::string, const std::vector<Choice>*>> lists;
  auto list_for = [&](const Question& question) {
    std::string name = question.list_name.empty() ? question.name : question.list_name;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto it = std::find_if(lists.begin(), lists.end(), [&](const auto& l) { return l.first == name; });
      if (it == lists.end()) {
        lists.emplace_back(name, &question.choices);
        return name;
      }
      if (*it->second == question.choices) return name;
      name = question.name + "_choices";
    }
    return name;
  };
  for (const Section& s : q.sections) {
    HOPTAC_TRY(writer->WriteRow(
        std::vector<std::string>{"begin_group", s.name, s.label.vi, s.label.en, "", "", "", s.relevant, "field-list"}));
    for (const Question& question : s.questions) {
      std::string type;
      std::string appearance;
      switch (question.type) {
        case QuestionType::kLikert:
          type = "select_one " + list_for(question);
          appearance = "likert";
          break;
        case QuestionType::kSingle:
        case QuestionType::kYesNo: type = "select_one " + list_for(question); break;
        case QuestionType::kMultiple: type = "select_multiple " + list_for(question); break;
        case QuestionType::kInteger: type = "integer"; break;
        case QuestionType::kDecimal: type = "decimal"; break;
        case QuestionType::kText: type = "text"; break;
        case QuestionType::kLongText:
          type = "text";
          appearance = "multiline";
          break;
        case QuestionType::kNote: type = "note"; break;
      }
      HOPTAC_TRY(writer->WriteRow(
          std::vector<std::string>{type, question.name, question.label.vi, question.label.en, question.hint.vi,
                                   question.hint.en, question.required ? "yes" : "", question.relevant, appearance}));
    }
    HOPTAC_TRY(writer->WriteRow(std::vector<std::string>{"end_group", s.name, "", "", "", "", "", "", ""}));
  }
  HOPTAC_TRY(writer->NextSheet("choices"));
  HOPTAC_TRY(writer->WriteHeader(std::vector<std::string>{"list_name", "name", "label::Vietnamese", "label::English"}));
  for (const auto& [name, choices] : lists)
    for (const Choice& c : *choices)
      HOPTAC_TRY(writer->WriteRow(std::vector<std::string>{name, c.name, c.label.vi, c.label.en}));
  HOPTAC_TRY(writer->NextSheet("settings"));
  HOPTAC_TRY(writer->WriteHeader(
      std::vector<std::string>{"form_title", "form_title::English", "form_id", "version", "default_language"}));
  HOPTAC_TRY(writer->WriteRow(std::vector<std::string>{q.title.vi, q.title.en, q.form_id, q.version, "Vietnamese"}));
  return writer->Close();
}

}  // namespace hoptac::surveys

#include "surveys/xlsform.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/xlsx.h"
#include "io/xlsx_stream.h"

namespace hoptac::surveys {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Fields(const Error& e) {
  std::string out = e.key + " (" + e.detail + ") ";
  for (const FieldError& f : e.fields) {
    out += f.field + ":" + f.code;
    for (const std::string& a : f.args) out += "[" + a + "]";
    out += " ";
  }
  return out;
}

bool HasField(const Error& e, const std::string& field, const std::string& code) {
  for (const FieldError& f : e.fields)
    if (f.field == field && f.code == code) return true;
  return false;
}

using Rows = std::vector<std::vector<std::string>>;

// A workbook of named sheets, each a header row then rows, written by the one XLSX writer.
std::string Workbook(const std::vector<std::pair<std::string, Rows>>& sheets) {
  fs::path path =
      fs::temp_directory_path() / ("xlsform-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                   "-" + std::to_string(reinterpret_cast<uintptr_t>(&sheets)) + ".xlsx");
  io::XlsxStreamOptions options;
  options.sheet_name = sheets[0].first;
  auto writer = io::XlsxStreamWriter::Create(path.string(), options);
  EXPECT_TRUE(writer.ok());
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (i > 0) {
      EXPECT_TRUE((*writer)->NextSheet(sheets[i].first).ok());
    }
    for (const auto& row : sheets[i].second) EXPECT_TRUE((*writer)->WriteRow(row).ok());
  }
  EXPECT_TRUE((*writer)->Close().ok());
  std::string bytes = ReadFile(path);
  fs::remove(path);
  return bytes;
}

// The Bắc Giang questionnaire as an official would type it in Excel: a scale list shared by two
// questions, yes/no, a follow-up asked on "yes", a multiple choice, a number, a long text, a note,
// metadata the phone records, Vietnamese and English labels.
std::string BacGiang() {
  Rows survey = {
      {"type", "name", "label::Vietnamese", "label::English", "required", "relevant", "appearance", "hint::Vietnamese"},
      {"start", "start", "", "", "", "", "", ""},
      {"today", "today", "", "", "", "", "", ""},
      {"begin_group", "chinh_quyen", "Chính quyền địa phương", "Local authorities", "", "", "field-list", ""},
      {"select_one likert", "q1", "Hài lòng với UBND xã", "Satisfied with the commune", "yes", "", "likert", ""},
      {"select_one likert", "q2", "Hài lòng với thủ tục hành chính", "Satisfied with procedures", "TRUE()", "",
       "likert", "Chọn một mức"},
      {"select_one yes_no", "q3", "Năm 2025 HTX có được hỗ trợ?", "Supported in 2025?", "yes", "", "", ""},
      {"select_multiple ho_tro", "q4", "Hỗ trợ gì?", "What support?", "yes", "${q3} = 'yes'", "", ""},
      {"end_group", "", "", "", "", "", "", ""},
      {"begin group", "htx", "Về HTX", "About the cooperative", "", "", "", ""},
      {"integer", "q5", "Số thành viên", "Members", "", "", "", ""},
      {"text", "q6", "Kiến nghị", "Suggestions", "", "", "multiline", ""},
      {"note", "cam_on", "Cảm ơn quý HTX", "Thank you", "", "", "", ""},
      {"end group", "", "", "", "", "", "", ""},
  };
  Rows choices = {
      {"list_name", "name", "label::Vietnamese", "label::English"},
      {"likert", "1", "Rất không hài lòng", "Very dissatisfied"},
      {"likert", "2", "Không hài lòng", "Dissatisfied"},
      {"likert", "3", "Bình thường", "Neutral"},
      {"likert", "4", "Hài lòng", "Satisfied"},
      {"likert", "5", "Rất hài lòng", "Very satisfied"},
      {"yes_no", "no", "Không", "No"},  // out of order: read as yes, no
      {"yes_no", "yes", "Có", "Yes"},
      {"ho_tro", "von", "Vốn", "Credit"},
      {"ho_tro", "dat", "Đất đai", "Land"},
  };
  Rows settings = {{"form_title", "form_id", "version"}, {"Khảo sát mức độ hài lòng 2026", "hailong_2026", "3"}};
  return Workbook({{"survey", survey}, {"choices", choices}, {"settings", settings}});
}

TEST(XlsForm, ReadsAQuestionnaireTypedInExcel) {
  auto q = ReadXlsForm(BacGiang());
  ASSERT_TRUE(q.ok()) << Fields(q.error());
  EXPECT_EQ(q->form_id, "hailong_2026");
  EXPECT_EQ(q->version, "3");
  EXPECT_EQ(q->title.vi, "Khảo sát mức độ hài lòng 2026");
  ASSERT_EQ(q->sections.size(), 2u);
  const Section& a = q->sections[0];
  EXPECT_EQ(a.name, "chinh_quyen");
  EXPECT_EQ(a.label.en, "Local authorities");
  ASSERT_EQ(a.questions.size(), 4u);  // start and today are not asked
  EXPECT_EQ(a.questions[0].type, QuestionType::kLikert);
  EXPECT_TRUE(a.questions[0].required);
  EXPECT_EQ(a.questions[0].choices[4].label.vi, "Rất hài lòng");
  EXPECT_TRUE(a.questions[1].required);  // TRUE()
  EXPECT_EQ(a.questions[1].hint.vi, "Chọn một mức");
  EXPECT_EQ(a.questions[2].type, QuestionType::kYesNo);
  EXPECT_EQ(a.questions[2].choices[0].name, "yes");
  EXPECT_EQ(a.questions[3].type, QuestionType::kMultiple);
  ASSERT_TRUE(a.questions[3].condition.has_value());
  EXPECT_EQ(a.questions[3].condition->ref, "q3");
  const Section& b = q->sections[1];
  EXPECT_EQ(b.questions[0].type, QuestionType::kInteger);
  EXPECT_EQ(b.questions[1].type, QuestionType::kLongText);
  EXPECT_EQ(b.questions[2].type, QuestionType::kNote);
}

TEST(XlsForm, WritesWhatItReadsAndReadsWhatItWrites) {
  auto q = ReadXlsForm(BacGiang());
  ASSERT_TRUE(q.ok()) << Fields(q.error());
  fs::path path = fs::temp_directory_path() / "xlsform-roundtrip.xlsx";
  ASSERT_TRUE(WriteXlsForm(*q, path.string()).ok());
  std::string bytes = ReadFile(path);
  // Three sheets, as KoboToolbox and ODK expect them.
  auto reader = io::XlsxReader::FromString(bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->sheet_names(), (std::vector<std::string>{"survey", "choices", "settings"}));
  auto again = ReadXlsForm(bytes);
  ASSERT_TRUE(again.ok()) << Fields(again.error());
  EXPECT_EQ(*again, *q);
  // The likert list is written once for both questions.
  io::XlsxReadOptions choices;
  choices.sheet_name = "choices";
  auto list = io::XlsxReader::FromString(bytes, choices);
  ASSERT_TRUE(list.ok());
  auto table = io::ReadAll(**list);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"list_name", "name", "label::Vietnamese", "label::English"}));
  EXPECT_EQ(table->rows.size(), 9u);  // 5 likert + 2 yes_no + 2 ho_tro
  fs::remove(path);
}

TEST(XlsForm, PutsEachErrorOnItsSheetRowAndColumn) {
  Rows survey = {
      {"type", "name", "label::Vietnamese", "required", "relevant"},
      {"select_one muc_do", "q1", "Câu 1", "yes", ""},  // row 2: no such list
      {"geopoint", "vi_tri", "Vị trí", "", ""},         // row 3: not asked by hoptac
      {"integer", "q3", "Câu 3", "có", ""},             // row 4: required neither yes nor no
      {"text", "q4", "Câu 4", "", "${q9} = 'x'"},       // row 5: an unknown question
      {"text", "q4", "", "", ""},                       // row 6: twice, and no label
      {"select_one ab", "q6", "Câu 6", "", ""},         // row 7
      {"end_group", "", "", "", ""},                    // row 8: an end without a begin
  };
  Rows choices = {{"list_name", "name", "label::Vietnamese"}, {"ab", "a", "A"}, {"ab", "a", "Trùng"}};
  auto q = ReadXlsForm(Workbook({{"survey", survey}, {"choices", choices}}));
  ASSERT_FALSE(q.ok());
  const Error& e = q.error();
  EXPECT_TRUE(HasField(e, "survey.2.type", "xlsform_list_unknown")) << Fields(e);
  EXPECT_TRUE(HasField(e, "survey.3.type", "xlsform_type")) << Fields(e);
  EXPECT_TRUE(HasField(e, "survey.4.required", "xlsform_required")) << Fields(e);
  EXPECT_TRUE(HasField(e, "survey.8.type", "xlsform_group")) << Fields(e);
  // Once the structure reads, the questionnaire's own rules, on their rows.
  survey = {
      {"type", "name", "label::Vietnamese", "required", "relevant"},
      {"integer", "q3", "Câu 3", "yes", ""},
      {"text", "q4", "Câu 4", "", "${q9} = 'x'"},
      {"text", "q4", "", "", ""},
      {"select_one ab", "q6", "Câu 6", "", ""},
  };
  q = ReadXlsForm(Workbook({{"survey", survey}, {"choices", choices}}), "Khảo sát.xlsx");
  ASSERT_FALSE(q.ok());
  const Error& v = q.error();
  EXPECT_TRUE(HasField(v, "survey.3.relevant", "condition_unknown_question")) << Fields(v);
  EXPECT_TRUE(HasField(v, "survey.4.name", "name_duplicate")) << Fields(v);
  EXPECT_TRUE(HasField(v, "survey.4.label", "required")) << Fields(v);
  EXPECT_TRUE(HasField(v, "choices.3.name", "name_duplicate")) << Fields(v);
}

TEST(XlsForm, ReadsARowWithANoteBeyondTheHeadersColumns) {
  Rows survey = {
      {"type", "name", "label::Vietnamese"},
      {"integer", "q1", "Số thành viên", "", "ghi chú của người soạn: hỏi theo năm 2025"},
      {"text", "q2", "Kiến nghị"},
  };
  auto q = ReadXlsForm(Workbook({{"survey", survey}}), "Bảng hỏi.xlsx");
  ASSERT_TRUE(q.ok()) << Fields(q.error());
  ASSERT_EQ(q->sections.size(), 1u);
  ASSERT_EQ(q->sections[0].questions.size(), 2u);
  EXPECT_EQ(q->sections[0].questions[0].name, "q1");
  EXPECT_EQ(q->sections[0].questions[0].type, QuestionType::kInteger);
}

TEST(XlsForm, RefusesAWorkbookThatIsNotAQuestionnaire) {
  auto q = ReadXlsForm(Workbook({{"Danh sách HTX", {{"Mã", "Tên"}, {"01", "HTX A"}}}}));
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().key, "error.xlsform_no_survey");
  auto not_xlsx = ReadXlsForm("type,name\ntext,q1\n");
  ASSERT_FALSE(not_xlsx.ok());
  EXPECT_EQ(not_xlsx.error().key, "error.xlsx_invalid");
}

const fs::path kFixtures = fs::path(HOPTAC_SOURCE_DIR) / "tests/data/xlsform";

TEST(XlsForm, ReadsPyxformsOwnWorkbooks) {
  // `select one from yes_or_no`, `label:english`, `list name`, no settings: named after the file.
  auto yes_no = ReadXlsForm(ReadFile(kFixtures / "pyxform_yes_or_no_question.xlsx"), "yes_or_no_question.xlsx");
  ASSERT_TRUE(yes_no.ok()) << Fields(yes_no.error());
  EXPECT_EQ(yes_no->form_id, "yes_or_no_question");
  ASSERT_EQ(yes_no->sections.size(), 1u);
  const Question& good_day = yes_no->sections[0].questions.at(0);
  EXPECT_EQ(good_day.type, QuestionType::kYesNo);
  EXPECT_EQ(good_day.label.en, "have you had a good day today?");
  EXPECT_EQ(good_day.label.vi, "have you had a good day today?");  // English only: shown in English

  // A group, a plain hint, choices with `label` and `label::chinese`.
  auto field_list = ReadXlsForm(ReadFile(kFixtures / "pyxform_field-list.xlsx"), "field-list.xlsx");
  ASSERT_TRUE(field_list.ok()) << Fields(field_list.error());
  ASSERT_EQ(field_list->sections.size(), 1u);
  EXPECT_EQ(field_list->sections[0].questions.at(0).type, QuestionType::kYesNo);
  EXPECT_EQ(field_list->sections[0].questions.at(0).hint.vi, "hint");

  // `phone number` is not a type hoptac asks: refused on its row.
  auto group = ReadXlsForm(ReadFile(kFixtures / "pyxform_group.xlsx"), "group.xlsx");
  ASSERT_FALSE(group.ok());
  EXPECT_TRUE(HasField(group.error(), "survey.4.type", "xlsform_type")) << Fields(group.error());

  // Capitals everywhere; external choices and OSM are refused by row.
  auto capitals = ReadXlsForm(ReadFile(kFixtures / "pyxform_case_insensitivity.xlsx"));
  ASSERT_FALSE(capitals.ok());
  EXPECT_TRUE(HasField(capitals.error(), "survey.3.type", "xlsform_type")) << Fields(capitals.error());
  EXPECT_TRUE(HasField(capitals.error(), "survey.4.type", "xlsform_type")) << Fields(capitals.error());
  EXPECT_EQ(capitals.error().fields.size(), 2u) << Fields(capitals.error());
}

TEST(XlsForm, ReadsItsExportAfterLibreOfficeSavedIt) {
  auto ours = ReadXlsForm(BacGiang());
  ASSERT_TRUE(ours.ok()) << Fields(ours.error());
  auto saved = ReadXlsForm(ReadFile(kFixtures / "bac_giang_libreoffice.xlsx"));
  ASSERT_TRUE(saved.ok()) << Fields(saved.error());
  EXPECT_EQ(*saved, *ours);
}

}  // namespace
}  // namespace hoptac::surveys

// XLSX reader and writer. The workbooks are built here: with XlsxStreamWriter, and by hand with
// libzip (which hoptac_io links), so that each feature of the format is exercised
// exactly, without checked-in binaries.
#include "io/xlsx.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "io/csv.h"
#include "io/format_detect.h"
#include "io/table.h"
#include "io/xlsx_cell.h"
#include "io/xlsx_stream.h"
#include "support/temp_files.h"

namespace hoptac::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::vector<std::pair<std::string, std::string>>;

const std::filesystem::path& TempDir() { return testing::TempDir("hoptac_io_xlsx"); }
using testing::ReadFile;

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

void WriteZip(const std::filesystem::path& path, const Parts& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr) << error;
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

// The text of one part of a zip file, or "" when it is missing.
std::string ZipPart(const std::filesystem::path& path, const std::string& name) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (zip == nullptr) return {};
  std::string out;
  if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0)) {
    char buffer[4096];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(got));
    zip_fclose(file);
  }
  zip_discard(zip);
  return out;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

std::string Worksheet(const std::string& sheet_data) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMain +
         "\" xmlns:r=\"" + kRel + "\"><dimension ref=\"A1:F10\"/><sheetData>" + sheet_data +
         "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
         "footer=\"0.3\"/></worksheet>";
}

std::string InlineCell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

struct WorkbookSpec {
  std::string sheet_data;      // inside <sheetData> of the first sheet
  std::string shared_strings;  // <si> items; no part when empty
  std::string styles;          // the whole styles part; none when empty
  std::string workbook_pr;     // e.g. <workbookPr date1904="1"/>
  std::string sheet_xml;       // overrides Worksheet(sheet_data) when set
};

// A workbook whose first sheet "Danh sách" lives in xl/worksheets/data.xml (relationship
// rId3) while a second sheet "Ghi chú" is the conventional sheet1.xml (rId1).
Parts MakeWorkbook(const WorkbookSpec& spec) {
  Parts parts;
  parts.push_back({"[Content_Types].xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"});
  parts.push_back({"_rels/.rels", std::string("<?xml version=\"1.0\"?><Relationships xmlns=\"") + kPackageRel +
                                      "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
                                      "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"});
  parts.push_back({"xl/workbook.xml", std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                                          "\" xmlns:r=\"" + kRel + "\">" + spec.workbook_pr +
                                          "<sheets><sheet name=\"Danh s\xC3\xA1\x63h\" sheetId=\"1\" r:id=\"rId3\"/>"
                                          "<sheet name=\"Ghi ch\xC3\xBA\" sheetId=\"2\" r:id=\"rId1\"/></sheets>"
                                          "</workbook>"});
  std::string relationships = std::string("<?xml version=\"1.0\"?><Relationships xmlns=\"") + kPackageRel + "\">" +
                              "<Relationship Id=\"rId1\" Type=\"" + kRel +
                              "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" + "<Relationship Id=\"rId3\" Type=\"" +
                              kRel + "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>";
  if (!spec.styles.empty())
    relationships += std::string("<Relationship Id=\"rId2\" Type=\"") + kRel + "/styles\" Target=\"styles.xml\"/>";
  if (!spec.shared_strings.empty())
    relationships +=
        std::string("<Relationship Id=\"rId4\" Type=\"") + kRel + "/sharedStrings\" Target=\"./sharedStrings.xml\"/>";
  relationships += "</Relationships>";
  parts.push_back({"xl/_rels/workbook.xml.rels", relationships});
  parts.push_back(
      {"xl/worksheets/sheet1.xml", Worksheet("<row r=\"1\">" + InlineCell("A1", "second sheet") + "</row>")});
  parts.push_back({"xl/worksheets/data.xml", spec.sheet_xml.empty() ? Worksheet(spec.sheet_data) : spec.sheet_xml});
  if (!spec.styles.empty()) parts.push_back({"xl/styles.xml", spec.styles});
  if (!spec.shared_strings.empty())
    parts.push_back({"xl/sharedStrings.xml", std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + kMain + "\">" +
                                                 spec.shared_strings + "</sst>"});
  return parts;
}

// Cell styles: 0 General, 1 built-in 14 (date), 2 custom "dd/mm/yyyy;@", 3 a currency with
// quoted "đ" (a number), 4 a custom time, 5 built-in 22 (date and time). The cellStyleXfs
// entry before cellXfs must not shift the indices.
std::string Styles() {
  return std::string("<?xml version=\"1.0\"?><styleSheet xmlns=\"") + kMain +
         "\"><numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; \xC4\x91&quot;\"/>"
         "<numFmt numFmtId=\"166\" formatCode=\"[$-42A]h:mm:ss AM/PM\"/></numFmts>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
         "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"164\"><alignment horizontal=\"left\"/></xf><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
         "<xf numFmtId=\"22\"/></cellXfs></styleSheet>";
}

std::string SharedStrings() {
  return "<si><t>ten</t></si>"
         "<si><r><t xml:space=\"preserve\">H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3 </t></r><r><rPr><b/><sz "
         "val=\"11\"/></rPr><t>Ti\xE1\xBA\xBFn Th\xC3\xA0nh</t></r><rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
         "<si><t>  trimmed  </t></si>"
         "<si><t xml:space=\"preserve\">line_x000D_&#10;two _x005F_x0041_</t></si>";
}

std::string MainSheetData() {
  return "<row r=\"2\" spans=\"1:6\">" + InlineCell("A2", "ma_so") + "<c r=\"B2\" t=\"s\"><v>0</v></c>" +
         InlineCell("C2", "ngay") + InlineCell("D2", "con_hoat_dong") + InlineCell("E2", "tong") +
         InlineCell("F2", "gio") + "</row>" +
         // Row 3: shared rich text, a date, a boolean, a formula's cached value, a time.
         "<row r=\"3\">" + InlineCell("A3", "HTX-001") +
         "<c r=\"B3\" t=\"s\"><v>1</v></c><c r=\"C3\" s=\"1\"><v>44196</v></c><c r=\"D3\" t=\"b\"><v>1</v></c>"
         "<c r=\"E3\"><f>SUM(1,2)</f><v>3</v></c><c r=\"F3\" s=\"4\"><v>0.75</v></c></row>"
         // Row 4: formatted but empty; rows 5-6 absent.
         "<row r=\"4\"><c r=\"A4\" s=\"1\"/><c r=\"B4\" t=\"inlineStr\"><is><t></t></is></c></row>"
         // Row 7: cells without references, placed one after another.
         "<row r=\"7\"><c t=\"inlineStr\"><is><t>HTX-002</t></is></c><c t=\"s\"><v>2</v></c>"
         "<c s=\"2\"><v>1</v></c></row>"
         // Row 8 (no r): inline rich text, the fictitious 1900-02-29, FALSE, a big number, an error.
         "<row><c r=\"A8\" t=\"inlineStr\"><is><r><t xml:space=\"preserve\">H\xE1\xBB\xA3p </t></r><r><rPr><i/></rPr>"
         "<t>t\xC3\xA1\x63 x\xC3\xA3</t></r></is></c><c r=\"C8\" s=\"1\"><v>60</v></c><c r=\"D8\" t=\"b\"><v>0</v></c>"
         "<c r=\"E8\"><v>1.234567890123E+12</v></c><c r=\"F8\" t=\"e\"><v>#N/A</v></c></row>"
         // Row 9: a formula string, escapes, a currency-formatted number, a date with a time part.
         "<row r=\"9\"><c r=\"A9\" t=\"str\"><f>A3&amp;\"x\"</f><v>HTX-001x</v></c><c r=\"B9\" t=\"s\" s=\"3\"><v>3</v>"
         "</c><c r=\"C9\" s=\"1\"><v>44196.75</v></c><c r=\"E9\" s=\"3\"><v>1234.5</v></c></row>"
         // Row 10: out-of-order cells, built-in date-time, binary noise.
         "<row r=\"10\"><c r=\"E10\"><v>3.7999999999999998</v></c><c r=\"A10\" t=\"inlineStr\"><is><t>HTX-003</t></is>"
         "</c><c r=\"C10\" s=\"5\"><v>44196.5</v></c></row>";
}

TEST(XlsxReader, ReadsAHandBuiltWorkbook) {
  auto path = TempDir() / "hand_built.xlsx";
  WriteZip(path, MakeWorkbook({MainSheetData(), SharedStrings(), Styles(), "", ""}));
  auto reader = XlsxReader::Open(path.string());
  ASSERT_TRUE(reader.ok()) << reader.error().detail;
  EXPECT_EQ((*reader)->sheet_names(), (std::vector<std::string>{"Danh s\xC3\xA1\x63h", "Ghi ch\xC3\xBA"}));
  EXPECT_EQ((*reader)->sheet_part(), "xl/worksheets/data.xml");
  EXPECT_EQ((*reader)->header_row(), 2);
  auto table = ReadAll(**reader);
  ASSERT_TRUE(table.ok()) << table.error().detail;
  EXPECT_EQ(table->header, (std::vector<std::string>{"ma_so", "ten", "ngay", "con_hoat_dong", "tong", "gio"}));
  Rows want = {
      {"HTX-001", "H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3 Ti\xE1\xBA\xBFn Th\xC3\xA0nh", "2020-12-31", "TRUE", "3",
       "18:00:00"},
      {"HTX-002", "trimmed", "1900-01-01", "", "", ""},
      {"H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3", "", "1900-02-29", "FALSE", "1234567890123", "#N/A"},
      {"HTX-001x", "line\r\ntwo _x0041_", "2020-12-31", "", "1234.5", ""},
      {"HTX-003", "", "2020-12-31 12:00:00", "", "3.8", ""},
  };
  EXPECT_EQ(table->rows, want);
  EXPECT_EQ(table->row_numbers, (std::vector<int>{3, 7, 8, 9, 10}));

  // The same bytes from memory, and through OpenTable.
  auto from_memory = XlsxReader::FromString(ReadFile(path));
  ASSERT_TRUE(from_memory.ok());
  auto again = ReadAll(**from_memory);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows, want);
  auto opened = OpenTable(path.string());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ((*opened)->header(), table->header);
}

TEST(XlsxReader, ChoosesASheetByName) {
  auto path = TempDir() / "by_name.xlsx";
  WriteZip(path, MakeWorkbook({MainSheetData(), SharedStrings(), Styles(), "", ""}));
  XlsxReadOptions options;
  options.sheet_name = "Ghi ch\xC3\xBA";
  auto reader = XlsxReader::Open(path.string(), options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->sheet_part(), "xl/worksheets/sheet1.xml");
  EXPECT_EQ((*reader)->header(), (std::vector<std::string>{"second sheet"}));
  options.sheet_name = "Kh\xC3\xB4ng c\xC3\xB3";
  auto missing = XlsxReader::Open(path.string(), options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "error.xlsx_sheet_not_found");
  EXPECT_EQ(missing.error().args, (std::vector<std::string>{"Kh\xC3\xB4ng c\xC3\xB3"}));
}

TEST(XlsxReader, HonoursThe1904DateSystem) {
  std::string sheet = "<row r=\"1\">" + InlineCell("A1", "ngay") +
                      "</row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v></c>" +
                      "</row><row r=\"3\"><c r=\"A3\" s=\"2\"><v>42734</v></c></row>";
  for (const char* flag : {"1", "true"}) {
    auto path = TempDir() / "date1904.xlsx";
    WriteZip(path, MakeWorkbook({sheet, "", Styles(), std::string("<workbookPr date1904=\"") + flag + "\"/>", ""}));
    auto reader = XlsxReader::Open(path.string());
    ASSERT_TRUE(reader.ok()) << reader.error().detail;
    auto table = ReadAll(**reader);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->rows, (Rows{{"1904-01-01"}, {"2020-12-31"}}));
  }
}

// The OpenXML SDK (.NET) writes every element with a prefix.
TEST(XlsxReader, ReadsPrefixedElements) {
  std::string sheet = std::string("<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"") + kMain +
                      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>ma</x:t></x:is></x:c>"
                      "<x:c r=\"B1\" t=\"s\"><x:v>0</x:v></x:c></x:row><x:row r=\"2\"><x:c r=\"A2\"><x:v>42</x:v></x:c>"
                      "<x:c r=\"B2\" s=\"1\"><x:v>44196</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  std::string styles = std::string("<?xml version=\"1.0\"?><x:styleSheet xmlns:x=\"") + kMain +
                       "\"><x:cellXfs><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"14\"/></x:cellXfs></x:styleSheet>";
  auto path = TempDir() / "prefixed.xlsx";
  WriteZip(path, MakeWorkbook({"", "<si><t>ngay</t></si>", styles, "", sheet}));
  auto reader = XlsxReader::Open(path.string());
  ASSERT_TRUE(reader.ok()) << reader.error().detail;
  auto table = ReadAll(**reader);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"ma", "ngay"}));
  EXPECT_EQ(table->rows, (Rows{{"42", "2020-12-31"}}));
}

TEST(XlsxReader, ReportsLongRowsAndGoesOn) {
  std::string sheet = "<row r=\"1\">" + InlineCell("A1", "a") + InlineCell("B1", "b") + "</row><row r=\"2\">" +
                      InlineCell("A2", "1") + InlineCell("D2", "extra") + "</row><row r=\"3\">" +
                      InlineCell("A3", "2") + "<c r=\"C3\" s=\"0\"/></row>";
  auto reader = XlsxReader::FromString([&] {
    auto path = TempDir() / "long_row.xlsx";
    WriteZip(path, MakeWorkbook({sheet, "", "", "", ""}));
    return ReadFile(path);
  }());
  ASSERT_TRUE(reader.ok()) << reader.error().detail;
  std::vector<std::string> cells;
  int row = 0;
  auto long_row = (*reader)->Next(cells, row);
  ASSERT_FALSE(long_row.ok());
  EXPECT_TRUE(IsRowError(long_row.error()));
  EXPECT_EQ(long_row.error().args, (std::vector<std::string>{"2", "4", "2"}));
  auto next = (*reader)->Next(cells, row);
  ASSERT_TRUE(next.ok() && *next);
  EXPECT_EQ(row, 3);
  EXPECT_EQ(cells, (std::vector<std::string>{"2", ""}));
}

// Patches the uncompressed size of every entry named `name` in the local and central
// headers, as a zip bomb would declare it.
std::string DeclareSize(std::string zip, const std::string& name, std::uint32_t size) {
  auto put32 = [&](std::size_t at) {
    for (int i = 0; i < 4; ++i) zip[at + static_cast<std::size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xFF);
  };
  auto get16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip[at]) |
                                    (static_cast<unsigned char>(zip[at + 1]) << 8));
  };
  for (std::size_t at = 0; (at = zip.find("PK\x01\x02", at)) != std::string::npos; at += 4) {
    if (zip.compare(at + 46, name.size(), name) == 0 && get16(at + 28) == name.size()) put32(at + 24);
  }
  for (std::size_t at = 0; (at = zip.find("PK\x03\x04", at)) != std::string::npos; at += 4) {
    if (zip.compare(at + 30, name.size(), name) == 0 && get16(at + 26) == name.size()) put32(at + 22);
  }
  return zip;
}

TEST(XlsxReader, RefusesBrokenAndHostileFiles) {
  auto dir = TempDir();
  std::string good_sheet =
      "<row r=\"1\">" + InlineCell("A1", "ma") + "</row><row r=\"2\">" + InlineCell("A2", "1") + "</row>";
  auto build = [&](const Parts& parts) {
    auto path = dir / "build.xlsx";
    WriteZip(path, parts);
    return ReadFile(path);
  };
  std::string good = build(MakeWorkbook({good_sheet, "", "", "", ""}));
  Parts no_rels = MakeWorkbook({good_sheet, "", "", "", ""});
  std::erase_if(no_rels, [](const auto& part) { return part.first == "xl/_rels/workbook.xml.rels"; });
  Parts no_sheet = MakeWorkbook({good_sheet, "", "", "", ""});
  std::erase_if(no_sheet, [](const auto& part) { return part.first == "xl/worksheets/data.xml"; });
  std::string big_sheet;
  for (int i = 1; i <= 20000; ++i)
    big_sheet += "<row r=\"" + std::to_string(i) + "\">" + InlineCell("A" + std::to_string(i), "same text") + "</row>";

  struct Case {
    const char* name;
    std::string bytes;
    std::uint64_t limit;
    ErrorCode code;
    const char* key;
    const char* detail;  // expected within error.detail
  } cases[] = {
      {"not_a_zip", "ma,ten\r\n1,2\r\n", 0, ErrorCode::kInvalidArgument, "error.xlsx_invalid", "not a zip"},
      {"empty", "", 0, ErrorCode::kInvalidArgument, "error.xlsx_invalid", "not a zip"},
      {"truncated_zip", good.substr(0, good.size() / 2), 0, ErrorCode::kInvalidArgument, "error.xlsx_invalid",
       "not a zip"},
      {"zip_without_workbook", build({{"hello.txt", "xin ch\xC3\xA0o"}}), 0, ErrorCode::kInvalidArgument,
       "error.xlsx_invalid", "missing part xl/workbook.xml"},
      {"no_workbook_relationships", build(no_rels), 0, ErrorCode::kInvalidArgument, "error.xlsx_invalid",
       "missing part xl/_rels/workbook.xml.rels"},
      {"sheet_part_missing", build(no_sheet), 0, ErrorCode::kInvalidArgument, "error.xlsx_invalid",
       "missing part xl/worksheets/data.xml"},
      {"truncated_xml",
       build(MakeWorkbook({"", "", "", "", Worksheet(good_sheet).substr(0, Worksheet(good_sheet).size() - 60)})), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_invalid", "xl/worksheets/data.xml line"},
      {"mismatched_tag", build(MakeWorkbook({"<row r=\"1\"><c r=\"A1\"><v>1</c></row>", "", "", "", ""})), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_invalid", "mismatched tag"},
      {"dtd",
       build(MakeWorkbook({"", "", "", "",
                           "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]><worksheet "
                           "xmlns=\"x\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol;</t></is></c>"
                           "</row></sheetData></worksheet>"})),
       0, ErrorCode::kInvalidArgument, "error.xlsx_invalid", "DTD"},
      {"shared_index_out_of_range",
       build(MakeWorkbook({"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", "<si><t>a</t></si>", "", "", ""})), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_invalid", "shared string index \"5\" out of range in A1"},
      {"bad_cell_reference", build(MakeWorkbook({"<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>", "", "", "", ""})), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_invalid", "bad cell reference \"A0\""},
      // Found by tests/fuzz/xlsx_fuzz: a row number given twice, or going back, was read as given.
      {"row_number_again",
       build(MakeWorkbook({good_sheet + "<row r=\"2\">" + InlineCell("A2", "2") + "</row>", "", "", "", ""})), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_invalid", "row 2 after row 2"},
      {"row_number_back",
       build(MakeWorkbook({"<row r=\"5\">" + InlineCell("A5", "ma") + "</row><row>" + InlineCell("A6", "1") +
                               "</row><row r=\"3\">" + InlineCell("A3", "2") + "</row>",
                           "", "", "", ""})),
       0, ErrorCode::kInvalidArgument, "error.xlsx_invalid", "row 3 after row 6"},
      {"xls_magic", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'), 0,
       ErrorCode::kInvalidArgument, "error.xlsx_is_xls", "OLE2"},
      {"declared_2_gib_sheet", DeclareSize(good, "xl/worksheets/data.xml", 0x7FFFFFF0u), 0, ErrorCode::kPayloadTooLarge,
       "error.file_too_large", "xl/worksheets/data.xml"},
      {"inflates_past_the_limit", build(MakeWorkbook({big_sheet, "", "", "", ""})), 256 * 1024,
       ErrorCode::kPayloadTooLarge, "error.file_too_large", "xl/worksheets/data.xml"},
      // Declares 1000 bytes, inflates to 1.4 MB: the bytes actually read are counted.
      {"inflates_past_its_declared_size",
       DeclareSize(build(MakeWorkbook({big_sheet, "", "", "", ""})), "xl/worksheets/data.xml", 1000), 256 * 1024,
       ErrorCode::kPayloadTooLarge, "error.file_too_large", "xl/worksheets/data.xml"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    XlsxReadOptions options;
    if (c.limit != 0) options.max_part_bytes = c.limit;
    auto path = dir / (std::string(c.name) + ".xlsx");
    WriteFile(path, c.bytes);
    for (bool from_file : {true, false}) {
      auto reader = from_file ? XlsxReader::Open(path.string(), options) : XlsxReader::FromString(c.bytes, options);
      Error error;
      if (!reader.ok()) {
        error = reader.error();
      } else {
        auto table = ReadAll(**reader);
        ASSERT_FALSE(table.ok());
        error = table.error();
      }
      EXPECT_EQ(error.code, c.code);
      EXPECT_EQ(error.key, c.key);
      EXPECT_NE(error.detail.find(c.detail), std::string::npos) << error.detail;
      if (error.key == "error.xlsx_invalid") {
        EXPECT_EQ(error.args.size(), 1u);
      }
      if (error.key == "error.file_too_large") {
        EXPECT_EQ(error.args, (std::vector<std::string>{std::to_string(options.max_part_bytes >> 20)}));
      }
    }
  }
  // The declared size is refused before anything is inflated; the real one inflates fine.
  auto ok = XlsxReader::FromString(good);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->header(), (std::vector<std::string>{"ma"}));
}

std::vector<std::string> TrickyTexts() {
  return {"H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3",
          "Ho\xCC\x9B\xCC\xA3p ta\xCC\x81\x63 xa\xCC\x83",  // decomposed
          "  spaces around  ",
          "line\r\nbreak\nand\rcr",
          "tab\there",
          "<&>\"'",
          "_x000D_ literal _x005F_",
          "\xF0\x9F\x98\x80 emoji",
          "=SUM(A1:A2)",
          "0012345",
          "ID"};
}

TEST(XlsxStreamWriter, RoundTripsTrickyTextsInlineAndShared) {
  for (bool shared : {false, true}) {
    SCOPED_TRACE(shared ? "shared" : "inline");
    auto path = TempDir() / "written.xlsx";
    std::vector<std::string> header = {"ma_so", "t\xC3\xAAn", "so", "ghi_ch\xC3\xBA"};
    Rows want;
    {
      XlsxStreamOptions options;
      options.shared_string_columns.assign(header.size(), shared);
      options.sheet_name = "Danh s\xC3\xA1\x63h HTX";
      auto writer = XlsxStreamWriter::Create(path.string(), options);
      ASSERT_TRUE(writer.ok()) << writer.error().detail;
      ASSERT_TRUE((*writer)->WriteHeader(header).ok());
      auto texts = TrickyTexts();
      for (std::size_t i = 0; i < texts.size(); ++i) {
        std::vector<std::string> row = {"HTX-" + std::to_string(i), texts[i], "", texts[(i + 3) % texts.size()]};
        ASSERT_TRUE((*writer)->WriteRow(row).ok());
        want.push_back(row);
      }
      std::string_view name = "S\xE1\xBB\x91 li\xE1\xBB\x87u";
      std::vector<XlsxCell> mixed = {name, 5752.0, std::monostate{}, 3.8};
      ASSERT_TRUE((*writer)->WriteRow(std::span<const XlsxCell>(mixed)).ok());
      want.push_back({std::string(name), "5752", "", "3.8"});
      mixed = {std::string_view("big"), 1234567890123.0, -0.5, 1e-7};
      ASSERT_TRUE((*writer)->WriteRow(std::span<const XlsxCell>(mixed)).ok());
      want.push_back({"big", "1234567890123", "-0.5", "0.0000001"});
      ASSERT_TRUE((*writer)->Close().ok());
    }
    // Shared strings or inline strings as asked; the header in bold (style 1), frozen.
    std::string sheet = ZipPart(path, "xl/worksheets/sheet1.xml");
    if (shared) {
      EXPECT_NE(ZipPart(path, "xl/sharedStrings.xml"), "");
      EXPECT_NE(sheet.find("t=\"s\""), std::string::npos);
    } else {
      EXPECT_EQ(sheet.find("t=\"s\""), std::string::npos);  // no shared-string cell
      EXPECT_NE(sheet.find("t=\"inlineStr\""), std::string::npos);
    }
    EXPECT_NE(sheet.find("<c r=\"A1\" s=\"1\""), std::string::npos);
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
    EXPECT_NE(ZipPart(path, "xl/styles.xml").find("<b/>"), std::string::npos);

    auto reader = XlsxReader::Open(path.string());
    ASSERT_TRUE(reader.ok()) << reader.error().detail;
    EXPECT_EQ((*reader)->sheet_names(), (std::vector<std::string>{"Danh s\xC3\xA1\x63h HTX"}));
    auto table = ReadAll(**reader);
    ASSERT_TRUE(table.ok()) << table.error().detail;
    EXPECT_EQ(table->header, header);
    EXPECT_EQ(table->rows, want);
    EXPECT_EQ(table->row_numbers.front(), 2);
  }
}

// Optional: a workbook made by LibreOffice from a CSV, when soffice happens to be installed.
TEST(XlsxReader, ReadsWhatLibreOfficeWrites) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "LibreOffice (soffice) is not installed: the LibreOffice conversion test was not run";
  auto dir = TempDir() / "soffice";
  std::filesystem::create_directories(dir);
  auto csv = dir / "htx.csv";
  Rows rows = {{"HTX-001", "H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3 An B\xC3\xACnh", "25", "3.8"},
               {"HTX-002", "\xC4\x90\xE1\xBA\xAFk L\xE1\xBA\xAFk", "120", "5752"}};
  {
    auto writer = CsvWriter::Create(csv.string());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteRow({"ma_so", "ten", "thanh_vien", "thu_nhap"}).ok());
    for (const auto& row : rows) ASSERT_TRUE((*writer)->WriteRow(row).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  std::string command = "cd '" + dir.string() + "' && HOME='" + dir.string() +
                        "' soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx htx.csv >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto reader = XlsxReader::Open((dir / "htx.xlsx").string());
  ASSERT_TRUE(reader.ok()) << reader.error().detail;
  auto table = ReadAll(**reader);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows, rows);
}

TEST(XlsxCell, ConvertsSerialDates) {
  struct Case {
    double serial;
    NumberFormatKind kind;
    DateSystem system;
    const char* want;  // nullptr: not a date
  } cases[] = {
      {44196, NumberFormatKind::kDate, DateSystem::k1900, "2020-12-31"},
      {1, NumberFormatKind::kDate, DateSystem::k1900, "1900-01-01"},
      {59, NumberFormatKind::kDate, DateSystem::k1900, "1900-02-28"},
      {60, NumberFormatKind::kDate, DateSystem::k1900, "1900-02-29"},  // Excel's fictitious day, shown as Excel does
      {61, NumberFormatKind::kDate, DateSystem::k1900, "1900-03-01"},
      {0, NumberFormatKind::kDate, DateSystem::k1900, "1900-01-00"},
      {45839, NumberFormatKind::kDate, DateSystem::k1900, "2025-07-01"},
      {2958465, NumberFormatKind::kDate, DateSystem::k1900, "9999-12-31"},
      {2958466, NumberFormatKind::kDate, DateSystem::k1900, nullptr},
      {-1, NumberFormatKind::kDate, DateSystem::k1900, nullptr},
      {0, NumberFormatKind::kDate, DateSystem::k1904, "1904-01-01"},
      {42734, NumberFormatKind::kDate, DateSystem::k1904, "2020-12-31"},
      {44196.75, NumberFormatKind::kDate, DateSystem::k1900, "2020-12-31"},
      {44196.5, NumberFormatKind::kDateTime, DateSystem::k1900, "2020-12-31 12:00:00"},
      {44196, NumberFormatKind::kDateTime, DateSystem::k1900, "2020-12-31"},
      {44196.99999999, NumberFormatKind::kDateTime, DateSystem::k1900, "2021-01-01"},  // rounds to midnight
      {0.75, NumberFormatKind::kTime, DateSystem::k1900, "18:00:00"},
      {1.0 / 86400 + 0.25, NumberFormatKind::kTime, DateSystem::k1900, "06:00:01"},
      {1.5, NumberFormatKind::kTime, DateSystem::k1900, "36:00:00"},
      {44196, NumberFormatKind::kNumber, DateSystem::k1900, nullptr},
  };
  for (const auto& c : cases) {
    auto got = SerialToText(c.serial, c.kind, c.system);
    if (c.want == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.serial;
    } else {
      ASSERT_TRUE(got.has_value()) << c.serial;
      EXPECT_EQ(*got, c.want) << c.serial;
    }
  }
}

TEST(XlsxCell, FormatsNumbersWithoutExponents) {
  struct Case {
    const char* raw;
    const char* want;
  } cases[] = {
      {"5752", "5752"},
      {"3.7999999999999998", "3.8"},
      {"1.234567890123E+12", "1234567890123"},
      {"5752.0", "5752"},
      {"-12.5", "-12.5"},
      {"-0", "0"},
      {"0.30000000000000004", "0.3"},
      {"1E-3", "0.001"},
      {"1e21", "1000000000000000000000"},
      {"123456789012345678", "123456789012346000"},  // 15 significant digits, as Excel
      {"100", "100"},
      {"2.5E-7", "0.00000025"},
      {"0.5", "0.5"},
      {"-0.5", "-0.5"},
      {"0.00012", "0.00012"},
      {"123456789012345", "123456789012345"},
      {"1234567890123456", "1234567890123460"},
      {"-0.0", "0"},
      {"007", "7"},
      {"1.50", "1.5"},
      {"not a number", "not a number"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatNumber(c.raw), c.want) << c.raw;
}

TEST(XlsxCell, ClassifiesNumberFormats) {
  struct Case {
    const char* code;
    NumberFormatKind want;
  } cases[] = {
      {"General", NumberFormatKind::kNumber},
      {"0.00", NumberFormatKind::kNumber},
      {"#,##0\" \xC4\x91\xE1\xBB\x93ng\"", NumberFormatKind::kNumber},  // "đồng" in quotes
      {"[$VND] #,##0", NumberFormatKind::kNumber},
      {"[Red]0.00;[Blue]-0.00", NumberFormatKind::kNumber},
      {"0.00E+00", NumberFormatKind::kNumber},
      {"dd/mm/yyyy", NumberFormatKind::kDate},
      {"dd/mm/yyyy;@", NumberFormatKind::kDate},
      {"[$-42A]d mmmm yyyy", NumberFormatKind::kDate},
      {"mmm-yy", NumberFormatKind::kDate},
      {"mmmm", NumberFormatKind::kDate},
      {"\"Ng\xC3\xA0y\" d", NumberFormatKind::kDate},
      {"h:mm", NumberFormatKind::kTime},
      {"h:mm:ss AM/PM", NumberFormatKind::kTime},
      {"[h]:mm:ss", NumberFormatKind::kTime},
      {"mm:ss", NumberFormatKind::kTime},
      {"dd/mm/yyyy hh:mm", NumberFormatKind::kDateTime},
      {"\\d0", NumberFormatKind::kNumber},  // an escaped literal d
      {"0_d", NumberFormatKind::kNumber},
  };
  for (const auto& c : cases) EXPECT_EQ(ClassifyNumberFormatCode(c.code), c.want) << c.code;
  EXPECT_EQ(BuiltinNumberFormatKind(14), NumberFormatKind::kDate);
  EXPECT_EQ(BuiltinNumberFormatKind(22), NumberFormatKind::kDateTime);
  EXPECT_EQ(BuiltinNumberFormatKind(20), NumberFormatKind::kTime);
  EXPECT_EQ(BuiltinNumberFormatKind(58), NumberFormatKind::kDate);
  EXPECT_EQ(BuiltinNumberFormatKind(49), NumberFormatKind::kNumber);  // "@", text
  EXPECT_EQ(BuiltinNumberFormatKind(0), NumberFormatKind::kNumber);
}

TEST(XlsxCell, DecodesAndEscapesOoxmlEscapes) {
  struct Case {
    const char* encoded;
    const char* decoded;
  } cases[] = {
      {"a_x000D_b", "a\rb"},
      {"_x005F_", "_"},
      {"_x005F_x0041_", "_x0041_"},
      {"_x0041__x0042_", "AB"},
      {"_xD83D__xDE00_", "\xF0\x9F\x98\x80"},
      {"_xD83D_ alone", "_xD83D_ alone"},
      {"_x12_ short", "_x12_ short"},
      {"_xZZZZ_", "_xZZZZ_"},
      {"no escapes", "no escapes"},
  };
  for (const auto& c : cases) EXPECT_EQ(DecodeEscapes(c.encoded), c.decoded) << c.encoded;
  for (std::string text : {"_x0041_", "_x005F_", "a_x000D_b_x000A_", "_x_", "plain", "__x0041__"})
    EXPECT_EQ(DecodeEscapes(EscapeLiteralEscapes(text)), text) << text;
}

TEST(XlsxCell, ParsesCellReferences) {
  struct Case {
    const char* reference;
    bool ok;
    int column, row;
  } cases[] = {
      {"A1", true, 0, 1},    {"C5", true, 2, 5},        {"Z10", true, 25, 10},
      {"AA1", true, 26, 1},  {"$B$7", true, 1, 7},      {"XFD1048576", true, 16383, 1048576},
      {"XFE1", false, 0, 0}, {"A1048577", false, 0, 0}, {"A0", false, 0, 0},
      {"5", false, 0, 0},    {"A", false, 0, 0},        {"", false, 0, 0},
      {"A1B", false, 0, 0},
  };
  for (const auto& c : cases) {
    int column = -1, row = -1;
    EXPECT_EQ(ParseCellReference(c.reference, column, row), c.ok) << c.reference;
    if (c.ok) {
      EXPECT_EQ(column, c.column) << c.reference;
      EXPECT_EQ(row, c.row) << c.reference;
      EXPECT_EQ(ColumnName(column),
                std::string(c.reference).substr(c.reference[0] == '$' ? 1 : 0, ColumnName(column).size()));
    }
  }
}

}  // namespace
}  // namespace hoptac::io

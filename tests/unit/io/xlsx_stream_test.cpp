// XlsxStreamWriter: what it writes reads back unchanged through io::XlsxReader (and,
// when it is installed, through LibreOffice), with shared and inline strings, numbers,
// escapes, many chunks, and the limits of a sheet.
#include "io/xlsx_stream.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/csv.h"
#include "io/table.h"
#include "io/xlsx.h"
#include "support/status_matchers.h"
#include "support/temp_files.h"

namespace hoptac::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::filesystem::path& TempDir() { return testing::TempDir("hoptac_io_xlsx_stream"); }

std::string ZipPart(const std::filesystem::path& path, const std::string& name) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == nullptr) return "<no zip: " + std::to_string(error) + ">";
  std::string out;
  if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0)) {
    char buffer[4096];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(got));
    zip_fclose(file);
  }
  zip_close(zip);
  return out;
}

const std::vector<std::string> kTricky = {"H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3",
                                          "  spaces around  ",
                                          "line\r\nbreak\nand\rcr",
                                          "tab\there",
                                          "<&>\"'",
                                          "_x000D_ literal _x005F_",
                                          "ctrl\x01\x1F end",
                                          "\xF0\x9F\x98\x80 emoji",
                                          "=SUM(A1:A2)",
                                          "0012345",
                                          "2024-02-29",   // in a date column: an Excel date, read back as written
                                          "2024-02-30"};  // not a date: text

TEST(XlsxStreamWriter, RoundTripsThroughTheReader) {
  auto path = TempDir() / "stream.xlsx";
  std::vector<std::string> header = {"ma_so", "lo\xE1\xBA\xA1i", "t\xC3\xAAn", "so"};
  Rows want;
  {
    XlsxStreamOptions options;
    options.sheet_name = "entities";
    options.shared_string_columns = {false, true, false, false};
    options.date_columns = {false, false, true, false};
    auto writer = XlsxStreamWriter::Create(path.string(), options);
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->WriteHeader(header));
    // Enough rows for many 1 MiB chunks; the tricky texts in both kinds of string.
    for (int i = 0; i < 30000; ++i) {
      const std::string& tricky = kTricky[static_cast<size_t>(i) % kTricky.size()];
      std::string kind = i % 3 == 0 ? "cooperative" : tricky;
      std::string number = std::to_string(i * 1000003LL);
      std::string code = "HTX-" + std::to_string(i);
      std::vector<XlsxCell> cells = {std::string_view(code), std::string_view(kind), std::string_view(tricky),
                                     static_cast<double>(i * 1000003LL)};
      if (i % 7 == 0) cells[2] = std::monostate{};
      ASSERT_OK((*writer)->WriteRow(std::span<const XlsxCell>(cells)));
      want.push_back({code, kind, i % 7 == 0 ? "" : tricky, number});
    }
    std::vector<std::string> text_row = {"x", "", "y", ""};
    ASSERT_OK((*writer)->WriteRow(text_row));
    want.push_back(text_row);
    ASSERT_OK((*writer)->Close());
    ASSERT_OK((*writer)->Close());  // idempotent
  }
  std::string sheet = ZipPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<c r=\"A1\" s=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("t=\"s\""), std::string::npos);
  EXPECT_NE(sheet.find(" s=\"2\"><v>45351</v>"), std::string::npos);  // 2024-02-29
  std::string shared = ZipPart(path, "xl/sharedStrings.xml");
  EXPECT_NE(shared.find("<t>cooperative</t>"), std::string::npos);
  EXPECT_NE(ZipPart(path, "[Content_Types].xml").find("sharedStrings"), std::string::npos);

  auto reader = XlsxReader::Open(path.string());
  ASSERT_OK(reader);
  EXPECT_EQ((*reader)->sheet_names(), (std::vector<std::string>{"entities"}));
  auto table = ReadAll(**reader);
  ASSERT_OK(table);
  EXPECT_EQ(table->header, header);
  ASSERT_EQ(table->rows.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(table->rows[i], want[i]) << "row " << i;
}

TEST(XlsxStreamWriter, WritesAnEmptySheetAndRowsWithoutHeader) {
  auto path = TempDir() / "empty.xlsx";
  {
    auto writer = XlsxStreamWriter::Create(path.string());
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->Close());
  }
  auto reader = XlsxReader::Open(path.string());
  ASSERT_OK(reader);
  EXPECT_TRUE((*reader)->header().empty());

  auto plain = TempDir() / "plain.xlsx";
  {
    auto writer = XlsxStreamWriter::Create(plain.string());
    ASSERT_OK(writer);
    std::vector<std::string> first = {"a", "b"}, second = {"1", "2"};
    ASSERT_OK((*writer)->WriteRow(first));
    ASSERT_OK((*writer)->WriteRow(second));
    EXPECT_FALSE((*writer)->WriteHeader(first).ok());  // only as the first row
    ASSERT_OK((*writer)->Close());
  }
  EXPECT_EQ(ZipPart(plain, "xl/worksheets/sheet1.xml").find("frozen"), std::string::npos);
  auto table = XlsxReader::Open(plain.string());
  ASSERT_OK(table);
  auto all = ReadAll(**table);
  ASSERT_OK(all);
  EXPECT_EQ(all->header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(all->rows, (Rows{{"1", "2"}}));
}

TEST(XlsxStreamWriter, RefusesWhatExcelCannotHold) {
  auto path = TempDir() / "limits.xlsx";
  auto writer = XlsxStreamWriter::Create(path.string());
  ASSERT_OK(writer);
  std::vector<std::string> row = {"ok", std::string(32768, 'a')};
  auto too_long = (*writer)->WriteRow(row);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().key, "error.xlsx_cell_too_long");
  EXPECT_EQ(too_long.error().args, (std::vector<std::string>{"B1", "32767"}));
  std::vector<std::string> wide(16385, "x");
  auto too_wide = (*writer)->WriteRow(wide);
  ASSERT_FALSE(too_wide.ok());
  EXPECT_EQ(too_wide.error().key, "error.xlsx_too_many_columns");
  std::vector<std::string> not_utf8 = {"\xC3("};
  EXPECT_FALSE((*writer)->WriteRow(not_utf8).ok());

  auto unwritable = XlsxStreamWriter::Create("/nonexistent/dir/out.xlsx");
  ASSERT_FALSE(unwritable.ok());
  EXPECT_EQ(unwritable.error().key, "error.file_unwritable");
}

// A laid-out sheet (a report as on paper): styles, merged ranges, column widths, row
// heights and the A4 print set-up are written as Excel expects, and the values read back.
TEST(XlsxStreamWriter, WritesALaidOutSheet) {
  auto path = TempDir() / "layout.xlsx";
  {
    XlsxStreamOptions options;
    options.sheet_name = "B\xC3\xA1o c\xC3\xA1o";
    XlsxStyle title;
    title.bold = true;
    title.font_size = 14;
    title.align = XlsxStyle::Align::kCenter;
    XlsxStyle number;
    number.border = true;
    number.number_format = "#,##0";
    XlsxStyle text;
    text.border = true;
    text.wrap = true;
    text.top = true;
    options.styles = {title, number, text};
    options.column_widths = {6, 40, 0, 14};
    options.page = XlsxPageSetup{};
    options.page->repeat_first_row = 3;
    options.page->repeat_last_row = 3;
    auto writer = XlsxStreamWriter::Create(path.string(), options);
    ASSERT_OK(writer);
    std::vector<XlsxStyledCell> heading = {{std::string_view("B\xC3\x81O C\xC3\x81O"), 1}, {{}, 1}, {{}, 1}, {{}, 1}};
    ASSERT_OK((*writer)->WriteRow(heading, 24));
    ASSERT_OK((*writer)->Merge(0, 0, 0, 3));
    EXPECT_EQ((*writer)->rows_written(), 1u);
    std::vector<XlsxStyledCell> blank;
    ASSERT_OK((*writer)->WriteRow(blank));
    std::vector<XlsxStyledCell> row = {{std::string_view("1"), 3},
                                       {std::string_view("S\xE1\xBB\x91 HTX"), 3},
                                       {std::string_view("coops_total"), 0},
                                       {1234567.0, 2}};
    ASSERT_OK((*writer)->WriteRow(row));
    std::vector<XlsxStyledCell> bad = {{std::string_view("x"), 4}};
    EXPECT_FALSE((*writer)->WriteRow(bad).ok());  // an undeclared style
    EXPECT_FALSE((*writer)->Merge(2, 3, 1, 3).ok());
    ASSERT_OK((*writer)->Close());
  }
  std::string sheet = ZipPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<col min=\"1\" max=\"1\" width=\"6\" customWidth=\"1\"/>"), std::string::npos);
  EXPECT_EQ(sheet.find("<col min=\"3\""), std::string::npos);  // width 0: Excel's default
  EXPECT_NE(sheet.find("<row r=\"1\" ht=\"24\" customHeight=\"1\">"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"B1\" s=\"3\"/>"), std::string::npos);  // a styled empty cell
  EXPECT_NE(sheet.find("<mergeCells count=\"1\"><mergeCell ref=\"A1:D1\"/></mergeCells>"), std::string::npos);
  EXPECT_NE(sheet.find("<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/>"),
            std::string::npos);
  // The schema's order: sheetData, mergeCells, pageMargins, pageSetup.
  EXPECT_LT(sheet.find("</sheetData>"), sheet.find("<mergeCells"));
  EXPECT_LT(sheet.find("<mergeCells"), sheet.find("<pageMargins"));
  std::string styles = ZipPart(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<cellXfs count=\"6\">"), std::string::npos) << styles;
  EXPECT_NE(styles.find("formatCode=\"#,##0\""), std::string::npos);
  EXPECT_NE(styles.find("<sz val=\"14\"/>"), std::string::npos);
  EXPECT_NE(styles.find("wrapText=\"1\""), std::string::npos);
  std::string workbook = ZipPart(path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("$3:$3"), std::string::npos);

  // Read as a document: every non-blank row as it is, no header, no width rule.
  XlsxReadOptions document;
  document.no_header = true;
  auto reader = XlsxReader::Open(path.string(), document);
  ASSERT_OK(reader);
  EXPECT_TRUE((*reader)->header().empty());
  Rows rows;
  std::vector<std::string> cells;
  int number = 0;
  std::vector<int> numbers;
  while (true) {
    auto more = (*reader)->Next(cells, number);
    ASSERT_OK(more);
    if (!*more) break;
    rows.push_back(cells);
    numbers.push_back(number);
  }
  EXPECT_EQ(rows, (Rows{{"B\xC3\x81O C\xC3\x81O"}, {"1", "S\xE1\xBB\x91 HTX", "coops_total", "1234567"}}));
  EXPECT_EQ(numbers, (std::vector<int>{1, 3}));
}

// LibreOffice, when installed, opens what the writer wrote (as Excel users will).
TEST(XlsxStreamWriter, LibreOfficeReadsIt) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "LibreOffice (soffice) is not installed: the LibreOffice check was not run";
  auto dir = TempDir() / "soffice";
  std::filesystem::create_directories(dir);
  Rows rows = {{"HTX-001", "H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3 An B\xC3\xACnh", "25", "cooperative", "1997-03-01"},
               {"HTX-002", "\xC4\x90\xE1\xBA\xAFk L\xE1\xBA\xAFk <&>", "120", "cooperative", "2026-11-23"}};
  {
    XlsxStreamOptions options;
    options.shared_string_columns = {false, false, false, true};
    options.date_columns = {false, false, false, false, true};
    auto writer = XlsxStreamWriter::Create((dir / "htx.xlsx").string(), options);
    ASSERT_OK(writer);
    std::vector<std::string> header = {"ma_so", "ten", "thanh_vien", "loai", "ngay"};
    ASSERT_OK((*writer)->WriteHeader(header));
    for (const auto& row : rows) {
      std::vector<XlsxCell> cells = {std::string_view(row[0]), std::string_view(row[1]), std::stod(row[2]),
                                     std::string_view(row[3]), std::string_view(row[4])};
      ASSERT_OK((*writer)->WriteRow(std::span<const XlsxCell>(cells)));
    }
    ASSERT_OK((*writer)->Close());
  }
  std::string command = "cd '" + dir.string() + "' && HOME='" + dir.string() +
                        "' soffice --headless --convert-to csv:\"Text - txt - csv (StarCalc)\":44,34,76 htx.xlsx "
                        ">/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto reader = CsvReader::Open((dir / "htx.csv").string());
  ASSERT_OK(reader);
  auto table = ReadAll(**reader);
  ASSERT_OK(table);
  EXPECT_EQ(table->header, (std::vector<std::string>{"ma_so", "ten", "thanh_vien", "loai", "ngay"}));
  EXPECT_EQ(table->rows, rows);
}

}  // namespace
}  // namespace hoptac::io

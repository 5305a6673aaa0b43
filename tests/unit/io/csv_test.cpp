#include "io/csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/encoding.h"
#include "io/table.h"
#include "support/temp_files.h"
#include "text/i18n.h"

namespace hoptac::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::filesystem::path& TempDir() { return testing::TempDir("hoptac_io_csv"); }
using testing::ReadFile;

// "Hợp tác xã" precomposed (ợ = U+1EE3) and decomposed (o + U+031B horn + U+0323 dot below).
const std::string kPrecomposed = "H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3";
const std::string kDecomposed = "Ho\xCC\x9B\xCC\xA3p ta\xCC\x81\x63 xa\xCC\x83";

TEST(CsvReader, ReadsTheFilesProvincesSend) {
  struct Case {
    const char* name;
    std::string input;
    char delimiter;
    std::vector<std::string> header;
    int header_row;
    Rows rows;
    std::vector<int> row_numbers;
  } cases[] = {
      {"bom_crlf_comma",
       "\xEF\xBB\xBFma,ten\r\n1,An\r\n2,B\xC3\xACnh\r\n",
       ',',
       {"ma", "ten"},
       1,
       {{"1", "An"}, {"2", "B\xC3\xACnh"}},
       {2, 3}},
      {"semicolons_lf_decimal_comma", "ma;ten;so\n1;An;3,5\n", ';', {"ma", "ten", "so"}, 1, {{"1", "An", "3,5"}}, {2}},
      {"tabs", "ma\tten\n1\tA, B; C\n", '\t', {"ma", "ten"}, 1, {{"1", "A, B; C"}}, {2}},
      {"lone_cr_no_final_newline", "a,b\r1,2\r3,4", ',', {"a", "b"}, 1, {{"1", "2"}, {"3", "4"}}, {2, 3}},
      {"mixed_line_endings",
       "a,b\r\n1,2\n3,4\r5,6",
       ',',
       {"a", "b"},
       1,
       {{"1", "2"}, {"3", "4"}, {"5", "6"}},
       {2, 3, 4}},
      {"quoted_newline_delimiter_quotes",
       "ma,ghi_chu\r\n1,\"d\xC3\xB2ng 1\r\nd\xC3\xB2ng 2, c\xC3\xB3 \"\"ngo\xE1\xBA\xB7\x63\"\"\"\r\n2,x\r\n",
       ',',
       {"ma", "ghi_chu"},
       1,
       {{"1", "d\xC3\xB2ng 1\r\nd\xC3\xB2ng 2, c\xC3\xB3 \"ngo\xE1\xBA\xB7\x63\""}, {"2", "x"}},
       {2, 4}},
      {"quoted_header_hides_candidates", "\"a;b;c\",d\n1,2\n", ',', {"a;b;c", "d"}, 1, {{"1", "2"}}, {2}},
      {"vietnamese_byte_exact",
       "t\xC3\xAAn;ghi\n" + kPrecomposed + ";" + kDecomposed + "\n",
       ';',
       {"t\xC3\xAAn", "ghi"},
       1,
       {{kPrecomposed, kDecomposed}},
       {2}},
      {"short_rows_padded", "a,b,c\n1\n1,2\n", ',', {"a", "b", "c"}, 1, {{"1", "", ""}, {"1", "2", ""}}, {2, 3}},
      {"trailing_empty_cells_dropped",
       "ma;ten;;;\r\n1;A;;;\r\n2;B\r\n",
       ';',
       {"ma", "ten"},
       1,
       {{"1", "A"}, {"2", "B"}},
       {2, 3}},
      {"trailing_empty_lines", "a,b\n1,2\n\n\r\n\n", ',', {"a", "b"}, 1, {{"1", "2"}}, {2}},
      {"blank_rows_skipped_numbers_kept", "a,b\n1,2\n\n,\n3,4\n", ',', {"a", "b"}, 1, {{"1", "2"}, {"3", "4"}}, {2, 5}},
      {"blank_lines_before_header", "\r\n\r\na,b\r\n1,2\r\n", ',', {"a", "b"}, 3, {{"1", "2"}}, {4}},
      {"excel_sep_line", "sep=;\r\na;b\r\n1;2\r\n", ';', {"a", "b"}, 2, {{"1", "2"}}, {3}},
      {"empty_file", "", ',', {}, 0, {}, {}},
      {"bom_only", "\xEF\xBB\xBF", ',', {}, 0, {}, {}},
      {"header_only", "ma,ten\r\n", ',', {"ma", "ten"}, 1, {}, {}},
      {"single_column", "ten\nAn\n", ',', {"ten"}, 1, {{"An"}}, {2}},
      {"quote_inside_and_after", "a,b\n x\"y ,\"p\"q\n", ',', {"a", "b"}, 1, {{" x\"y ", "pq"}}, {2}},
      {"empty_quoted_cells", "a,b,c\n\"\",\"x\",\"\"\n", ',', {"a", "b", "c"}, 1, {{"", "x", ""}}, {2}},
      {"spaces_kept", "a,b\n  1 , 2  \n", ',', {"a", "b"}, 1, {{"  1 ", " 2  "}}, {2}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = CsvReader::FromString(c.input);
    ASSERT_TRUE(reader.ok()) << reader.error().key << " " << reader.error().detail;
    EXPECT_EQ((*reader)->delimiter(), c.delimiter);
    EXPECT_EQ((*reader)->header_row(), c.header_row);
    auto table = ReadAll(**reader);
    ASSERT_TRUE(table.ok()) << table.error().key;
    EXPECT_EQ(table->header, c.header);
    EXPECT_EQ(table->rows, c.rows);
    EXPECT_EQ(table->row_numbers, c.row_numbers);
  }
}

TEST(CsvReader, RefusesBrokenFilesWithLineNumbers) {
  struct Case {
    const char* name;
    std::string input;
    const char* key;
    std::vector<std::string> args;
  } cases[] = {
      {"unclosed_quote", "a,b\n1,\"open\n2,3\n", "error.csv_unclosed_quote", {"2"}},
      {"not_utf8_in_header", "t\xEAn,a\n1,2\n", "error.file_not_utf8", {"1", "unknown"}},
      {"not_utf8_later", "a,b\n1,2\n3,\xC3\x28\n", "error.file_not_utf8", {"3", "unknown"}},
      {"truncated_sequence_at_end", "a\n\xE1\x80", "error.file_not_utf8", {"2", "unknown"}},
      {"overlong_encoding", "a\n\xC0\x80\n", "error.file_not_utf8", {"2", "unknown"}},
      {"surrogate", "a\n\xED\xA0\x80\n", "error.file_not_utf8", {"2", "unknown"}},
      {"utf16_with_bom",
       std::string("\xFF\xFE"
                   "a\0,\0b\0",
                   8),
       "error.file_not_utf8",
       {"1", "UTF-16"}},
      {"line_after_quoted_newlines", "a,b\n\"x\ny\nz\",1\n\xFF\n", "error.file_not_utf8", {"5", "unknown"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = CsvReader::FromString(c.input);
    Error error;
    if (!reader.ok()) {
      error = reader.error();
    } else {
      auto table = ReadAll(**reader);
      ASSERT_FALSE(table.ok());
      error = table.error();
    }
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.key, c.key);
    EXPECT_EQ(error.args, c.args);
  }
}

TEST(CsvReader, ReportsLongRowsAndGoesOn) {
  auto reader = CsvReader::FromString("a,b,c\n1,2,3\n1,2,3,4\n1,2,3,,\n5,6,7\n");
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> cells;
  int row = 0;
  auto first = (*reader)->Next(cells, row);
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ(row, 2);
  auto second = (*reader)->Next(cells, row);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(IsRowError(second.error()));
  EXPECT_EQ(second.error().key, "error.row_too_many_cells");
  EXPECT_EQ(second.error().args, (std::vector<std::string>{"3", "4", "3"}));
  auto third = (*reader)->Next(cells, row);  // trailing empty cells are no excess
  ASSERT_TRUE(third.ok() && *third);
  EXPECT_EQ(row, 4);
  EXPECT_EQ(cells, (std::vector<std::string>{"1", "2", "3"}));
  auto fourth = (*reader)->Next(cells, row);
  ASSERT_TRUE(fourth.ok() && *fourth);
  EXPECT_EQ(row, 5);
  auto end = (*reader)->Next(cells, row);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(CsvReader, AFinalErrorStaysFinal) {
  auto reader = CsvReader::FromString("a\n1\n\xFF\n2\n");
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> cells;
  int row = 0;
  ASSERT_TRUE(*(*reader)->Next(cells, row));
  for (int i = 0; i < 2; ++i) {
    auto next = (*reader)->Next(cells, row);
    ASSERT_FALSE(next.ok());
    EXPECT_FALSE(IsRowError(next.error()));
    EXPECT_EQ(next.error().key, "error.file_not_utf8");
  }
}

TEST(CsvReader, RefusesLegacyVietnameseEncodingsNamingThem) {
  struct Case {
    const char* file;
    const char* encoding;
  } cases[] = {{"coop_windows1258.csv", "Windows-1258"}, {"coop_tcvn3.csv", "TCVN3 (ABC)"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    auto reader = CsvReader::Open(std::string(HOPTAC_SOURCE_DIR "/tests/data/io/") + c.file);
    ASSERT_TRUE(reader.ok()) << reader.error().key;  // lines 1-2 are ASCII
    EXPECT_EQ((*reader)->delimiter(), ';');
    auto table = ReadAll(**reader);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().key, "error.file_not_utf8");
    EXPECT_EQ(table.error().args, (std::vector<std::string>{"3", c.encoding}));
  }
  // A legacy header is refused by Open itself, at line 1.
  struct HeaderCase {
    std::string bytes;
    const char* encoding;
  } headers[] = {
      {"T\xEAn HTX;\xD0i\xF2\x61 chi\xD2\r\n", "Windows-1258"},  // "Tên HTX;Địa chỉ" in Windows-1258
      {"T\xAAn HTX;\xA7\xDE\x61 ch\xD8\r\n", "TCVN3 (ABC)"},     // the same in TCVN3
  };
  for (const auto& h : headers) {
    auto reader = CsvReader::FromString(h.bytes);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().key, "error.file_not_utf8");
    EXPECT_EQ(reader.error().args, (std::vector<std::string>{"1", h.encoding}));
  }
}

TEST(CsvReader, TheEncodingMessageTellsWhatToDo) {
  auto reader = CsvReader::Open(HOPTAC_SOURCE_DIR "/tests/data/io/coop_tcvn3.csv");
  ASSERT_TRUE(reader.ok());
  auto table = ReadAll(**reader);
  ASSERT_FALSE(table.ok());
  for (auto lang : {i18n::Lang::kVi, i18n::Lang::kEn}) {
    std::string message = i18n::Translate(lang, table.error().key, table.error().args);
    SCOPED_TRACE(message);
    EXPECT_NE(message.find("UTF-8 ("), std::string::npos);  // says the file is not UTF-8
    EXPECT_NE(message.find(" 3;"), std::string::npos);      // the line
    EXPECT_NE(message.find("TCVN3 (ABC)"), std::string::npos);
    EXPECT_NE(message.find("\"CSV UTF-8 (Comma delimited) (*.csv)\""), std::string::npos);
  }
}

TEST(IoEncoding, GuessesLegacyVietnameseEncodings) {
  struct Case {
    std::string bytes;
    LegacyEncoding want;
  } cases[] = {
      {"H\xEEp t\xB8\x63 x\xB7 N\xABng nghi\xD6p", LegacyEncoding::kTcvn3},  // Hîp t¸c x· N«ng nghiÖp
      {"H\xF5\xF2p t\xE1\x63 xa\xDE N\xF4ng nghi\xEA\xF2p", LegacyEncoding::kWindows1258},  // combining tones
      {"\xD0\xF4\xF2\x63 L\xE2\xF2p", LegacyEncoding::kWindows1258},                        // Độc Lập
      {"caf\xE9 cr\xE8me", LegacyEncoding::kUnknown},                                       // Latin-1 French
      {std::string("\xFF\xFEH\0", 4), LegacyEncoding::kUtf16},
      {std::string("a\0b\0c\0d\0", 8), LegacyEncoding::kUtf16},
  };
  for (const auto& c : cases) EXPECT_EQ(GuessLegacyEncoding(c.bytes), c.want) << c.bytes;
  EXPECT_STREQ(LegacyEncodingName(LegacyEncoding::kTcvn3), "TCVN3 (ABC)");
  EXPECT_TRUE(IsValidUtf8(kPrecomposed + kDecomposed + "\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE1\xBB"));
}

TEST(CsvWriter, WritesWhatExcelExpects) {
  std::string out;
  auto writer = CsvWriter::ToString(out);
  ASSERT_TRUE(
      writer->WriteRow({"ma", "t\xC3\xAAn, c\xC3\xB3 ph\xE1\xBA\xA9y", "say \"hi\"", "a\nb", " lead", ""}).ok());
  ASSERT_TRUE(writer->WriteRow({"1", "", "x;y", "tab\tin", "end "}).ok());
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_EQ(out,
            "\xEF\xBB\xBFma,\"t\xC3\xAAn, c\xC3\xB3 ph\xE1\xBA\xA9y\",\"say \"\"hi\"\"\",\"a\nb\",\" lead\",\r\n"
            "1,,x;y,tab\tin,\"end \"\r\n");

  std::string semicolons;
  auto plain = CsvWriter::ToString(semicolons, {';', ByteOrderMark::kOmit, LineEnding::kLf});
  ASSERT_TRUE(plain->WriteRow({"ID", "x;y", "a,b"}).ok());
  ASSERT_TRUE(plain->WriteRow({"ID", "sep=,"}).ok());
  EXPECT_EQ(semicolons, "\"ID\";\"x;y\";a,b\nID;sep=,\n");  // only the file's first cell guards against SYLK
}

std::vector<std::string> TrickyCells() {
  return {"plain",
          kPrecomposed,
          kDecomposed,
          "comma, inside",
          "semi;colon",
          "tab\there",
          "quote \" inside",
          "\"fully quoted\"",
          "line\r\nbreak",
          "lf\nonly",
          "cr\ronly",
          "  spaces  ",
          "",
          "=SUM(A1:A2)",
          "0012345",
          "\xF0\x9F\x98\x80 emoji",
          "_x000D_ literal",
          "ID"};
}

TEST(CsvWriter, RoundTripsTrickyCellsThroughTheReader) {
  for (char delimiter : {',', ';', '\t'}) {
    for (auto line_ending : {LineEnding::kCrLf, LineEnding::kLf}) {
      SCOPED_TRACE(std::string("delimiter ") + delimiter);
      std::vector<std::string> header = {"c1", "c2", "c3"};
      Rows rows;
      auto cells = TrickyCells();
      for (std::size_t i = 0; i < cells.size(); ++i)
        rows.push_back({cells[i], cells[(i + 5) % cells.size()], std::to_string(i)});
      std::string out;
      auto writer = CsvWriter::ToString(out, {delimiter, ByteOrderMark::kWrite, line_ending});
      ASSERT_TRUE(writer->WriteRow(header).ok());
      for (const auto& row : rows) ASSERT_TRUE(writer->WriteRow(row).ok());
      ASSERT_TRUE(writer->Close().ok());
      auto reader = CsvReader::FromString(out);
      ASSERT_TRUE(reader.ok());
      EXPECT_EQ((*reader)->delimiter(), delimiter);
      auto table = ReadAll(**reader);
      ASSERT_TRUE(table.ok()) << table.error().key;
      EXPECT_EQ(table->header, header);
      EXPECT_EQ(table->rows, rows);
    }
  }
}

// Big enough to cross the reader's 64 KiB chunks inside multi-byte characters, quoted
// fields and CRLF pairs: a golden file round trip through the disk.
TEST(CsvWriter, RoundTripsALargeFileThroughTheDisk) {
  auto path = TempDir() / "large.csv";
  std::vector<std::string> header = {"ma_so", "ten", "ghi_chu", "so"};
  Rows rows;
  for (int i = 0; i < 20000; ++i) {
    rows.push_back({"HTX-" + std::to_string(i), (i % 2 ? kPrecomposed : kDecomposed) + " " + std::to_string(i),
                    i % 7 == 0 ? "d\xC3\xB2ng 1\r\nd\xC3\xB2ng \"2\", h\xE1\xBA\xBFt" : "", std::to_string(i * 37)});
  }
  {
    auto writer = CsvWriter::Create(path.string());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteRow(header).ok());
    for (const auto& row : rows) ASSERT_TRUE((*writer)->WriteRow(row).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  EXPECT_TRUE(ReadFile(path).starts_with("\xEF\xBB\xBFma_so,ten,ghi_chu,so\r\nHTX-0,"));
  auto reader = CsvReader::Open(path.string());
  ASSERT_TRUE(reader.ok());
  auto table = ReadAll(**reader);
  ASSERT_TRUE(table.ok()) << table.error().key << " " << table.error().detail;
  EXPECT_EQ(table->header, header);
  ASSERT_EQ(table->rows.size(), rows.size());
  EXPECT_EQ(table->rows, rows);
  // Each quoted line break shifts the following line numbers by one.
  EXPECT_EQ(table->row_numbers[0], 2);
  EXPECT_EQ(table->row_numbers[1], 4);
  EXPECT_EQ(table->row_numbers.back(), 2 + 19999 + (19998 / 7 + 1));
  std::filesystem::remove(path);
}

TEST(CsvReader, MissingFileIsUnreadable) {
  auto reader = CsvReader::Open("/nonexistent/dir/danh_sach.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().key, "error.file_unreadable");
  EXPECT_EQ(reader.error().args, (std::vector<std::string>{"danh_sach.csv"}));
  auto writer = CsvWriter::Create("/nonexistent/dir/xuat.csv");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().key, "error.file_unwritable");
  EXPECT_EQ(writer.error().args, (std::vector<std::string>{"xuat.csv"}));
}

TEST(CsvReader, BoundsTheRecordSize) {
  CsvReadOptions options;
  options.max_record_bytes = 1000;
  std::string input = "a,b\n1,\"" + std::string(5000, 'x') + "\"\n";
  auto reader = CsvReader::FromString(input, options);
  ASSERT_TRUE(reader.ok());
  auto table = ReadAll(**reader);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().key, "error.csv_record_too_large");
  EXPECT_EQ(table.error().args[0], "2");
}

TEST(CsvFormulas, CellsThatStartLikeAFormulaAreMarkedAsTextAndReadBack) {
  for (std::string_view cell : {"=HYPERLINK(\"x\")", "+84 912", "-Nguyễn", "@SUM(A1)", "\tx", "\rx"}) {
    SCOPED_TRACE(cell);
    EXPECT_TRUE(StartsLikeAFormula(cell));
    EXPECT_EQ(AsTextCell(cell), "'" + std::string(cell));
    EXPECT_EQ(WithoutTextMark(AsTextCell(cell)), cell);
  }
  for (std::string_view cell : {"", "Hợp tác xã A", "15", "'quoted", "a=b"}) {
    SCOPED_TRACE(cell);
    EXPECT_FALSE(StartsLikeAFormula(cell));
    EXPECT_EQ(AsTextCell(cell), cell);
    EXPECT_EQ(WithoutTextMark(cell), cell);  // an apostrophe before ordinary text stays
  }
}

}  // namespace
}  // namespace hoptac::io

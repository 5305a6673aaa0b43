#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/csv.h"
#include "io/format_detect.h"
#include "io/table.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"

namespace hoptac::io {
namespace {

// A folder for this process's files, removed at exit.
const std::filesystem::path& TempDir() {
  struct Folder {
    Folder() : path(std::filesystem::temp_directory_path() / ("hoptac_io_format_" + std::to_string(getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
  };
  static Folder folder;
  return folder.path;
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

TEST(IoFormat, DetectsByMagicBytes) {
  struct Case {
    const char* name;
    std::string bytes;
    FileFormat want;
  } cases[] = {
      {"xlsx", std::string("PK\x03\x04\x14\x00\x00\x00", 8), FileFormat::kXlsx},
      {"empty_zip", std::string("PK\x05\x06\0\0\0\0", 8), FileFormat::kXlsx},
      {"xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), FileFormat::kXls},
      {"csv", "ma,ten\r\n", FileFormat::kCsv},
      {"csv_bom", "\xEF\xBB\xBFma;t\xC3\xAAn\r\n", FileFormat::kCsv},
      {"csv_legacy_bytes", "T\xAAn HTX", FileFormat::kCsv},  // refused later, with a hint
      {"utf16_text", std::string("\xFF\xFEm\0a\0", 6), FileFormat::kCsv},
      {"empty", "", FileFormat::kCsv},
      {"pdf", "%PDF-1.7\n", FileFormat::kUnknown},
      {"png", "\x89PNG\r\n\x1A\n", FileFormat::kUnknown},
      {"gzip", "\x1F\x8B\x08", FileFormat::kUnknown},
      {"binary", std::string("\x01\x02\0\x03", 4), FileFormat::kUnknown},
  };
  for (const auto& c : cases) EXPECT_EQ(DetectFormat(c.bytes), c.want) << c.name;
  EXPECT_STREQ(FileFormatName(FileFormat::kXlsx), "xlsx");
}

TEST(IoFormat, OpenTableChoosesTheReaderByContent) {
  auto dir = TempDir();
  // A CSV named .xlsx and an XLSX named .csv: the content decides.
  auto csv = dir / "danh_sach.xlsx";
  WriteFile(csv, "\xEF\xBB\xBFma;ten\r\nHTX-1;An\r\n");
  auto xlsx = dir / "danh_sach.csv";
  {
    auto writer = XlsxStreamWriter::Create(xlsx.string());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteHeader(std::vector<std::string>{"ma", "ten"}).ok());
    ASSERT_TRUE((*writer)->WriteRow(std::vector<std::string>{"HTX-1", "An"}).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  for (const auto& path : {csv, xlsx}) {
    auto source = OpenTable(path.string());
    ASSERT_TRUE(source.ok()) << source.error().key << " " << source.error().detail;
    auto table = ReadAll(**source);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->header, (std::vector<std::string>{"ma", "ten"}));
    EXPECT_EQ(table->rows, (std::vector<std::vector<std::string>>{{"HTX-1", "An"}}));
    EXPECT_EQ(table->row_numbers, (std::vector<int>{2}));
  }

  struct Case {
    const char* file;
    std::string bytes;
    const char* key;
  } cases[] = {
      {"old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(1000, '\0'), "error.xlsx_is_xls"},
      {"scan.pdf", "%PDF-1.4\n...", "error.file_format_unknown"},
      {"tcvn3.csv", "T\xAAn HTX;\xA7\xDE\x61 ch\xD8\r\n", "error.file_not_utf8"},
      {"broken.xlsx", std::string("PK\x03\x04", 4) + "garbage", "error.xlsx_invalid"},
  };
  for (const auto& c : cases) {
    auto path = dir / c.file;
    WriteFile(path, c.bytes);
    auto source = OpenTable(path.string());
    ASSERT_FALSE(source.ok()) << c.file;
    EXPECT_EQ(source.error().code, ErrorCode::kInvalidArgument) << c.file;
    EXPECT_EQ(source.error().key, c.key) << c.file;
  }
  auto missing = OpenTable((dir / "missing.csv").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "error.file_unreadable");
  EXPECT_EQ(missing.error().args, (std::vector<std::string>{"missing.csv"}));
}

// A RowSource fake: rows given in memory, with a row error on one of them.
class FakeSource : public RowSource {
 public:
  const std::vector<std::string>& header() const override { return header_; }
  int header_row() const override { return 1; }
  Result<bool> Next(std::vector<std::string>& cells, int& source_row) override {
    if (next_ == 3) return false;
    source_row = 2 + next_++;
    cells = {"r" + std::to_string(source_row)};
    if (source_row == fail_at_) return Error::Make(ErrorCode::kInvalidArgument, "error.row_too_many_cells", {"3"});
    return true;
  }
  int fail_at_ = 0;

 private:
  std::vector<std::string> header_ = {"a"};
  int next_ = 0;
};

TEST(IoTable, ReadAllCollectsRowsOrStopsAtTheFirstError) {
  FakeSource source;
  auto table = ReadAll(source);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"a"}));
  EXPECT_EQ(table->rows, (std::vector<std::vector<std::string>>{{"r2"}, {"r3"}, {"r4"}}));
  EXPECT_EQ(table->row_numbers, (std::vector<int>{2, 3, 4}));
  FakeSource failing;
  failing.fail_at_ = 3;
  auto failed = ReadAll(failing);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(IsRowError(failed.error()));
  EXPECT_FALSE(IsRowError(Error::Make(ErrorCode::kInvalidArgument, "error.file_not_utf8")));
}

TEST(IoTable, FitsRowsToTheHeader) {
  struct Case {
    std::vector<std::string> cells;
    std::size_t width;
    bool ok;
    std::vector<std::string> want;
  } cases[] = {
      {{"1"}, 3, true, {"1", "", ""}},
      {{"1", "2", "3"}, 3, true, {"1", "2", "3"}},
      {{"1", "2", "3", "", ""}, 3, true, {"1", "2", "3"}},
      {{"1", "2", "3", "", "x"}, 3, false, {}},
      {{}, 2, true, {"", ""}},
  };
  for (auto c : cases) {
    Status status = FitRow(c.cells, c.width, 9);
    EXPECT_EQ(status.ok(), c.ok);
    if (c.ok) {
      EXPECT_EQ(c.cells, c.want);
    } else {
      EXPECT_EQ(status.error().args, (std::vector<std::string>{"9", "5", "3"}));
    }
  }
  std::vector<std::string> header = {"a", "", "b", "", ""};
  TrimHeader(header);
  EXPECT_EQ(header, (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace
}  // namespace hoptac::io

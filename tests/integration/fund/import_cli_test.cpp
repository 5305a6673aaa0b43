// `hoptac fund import` through the real binary on a demo database (funds 1..3): a file with errors
// names every row in Vietnamese, exits non-zero and writes nothing; a dry run checks and writes nothing.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_files.h"

namespace hoptac {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code = -1;
  std::string output;  // stdout and stderr, without the JSON log lines
};

CliRun Hoptac(const std::string& args) {
  const std::string command = std::string("HOPTAC_LANG=vi '") + HOPTAC_BINARY + "' " + args + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  std::string all;
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) all += buffer.data();
  const int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    const std::string line = all.substr(start, end - start);
    if (line.rfind("{\"ts\"", 0) != 0) run.output += line + "\n";
    start = end + 1;
  }
  return run;
}

TEST(FundImportCli, NamesEveryWrongRowAndWritesNothingDryRunChecksOnly) {
  const fs::path dir = testing::TempDir("hoptac_fund_import_cli");
  const std::string db = "--db 'sqlite:" + (dir / "t.db").string() + "'";
  const fs::path fixtures = fs::path(HOPTAC_SOURCE_DIR) / "tests/data/fund";
  ASSERT_EQ(Hoptac("demo " + db).code, 0);

  CliRun wrong = Hoptac("fund import '" + (fixtures / "loan_book_errors.csv").string() + "' --fund 1 " + db);
  EXPECT_NE(wrong.code, 0);
  EXPECT_NE(wrong.output.find("Dòng 2, cột entity: Không có tổ chức HTX-1"), std::string::npos) << wrong.output;
  EXPECT_NE(wrong.output.find("Dòng 4, cột amount_vnd: Ngày 2026-02-10 chỉ cần 100594521 đồng là tất toán khoản vay"),
            std::string::npos)
      << wrong.output;
  EXPECT_NE(wrong.output.find("Không nhập gì:"), std::string::npos) << wrong.output;

  const fs::path empty = dir / "so-trong.csv";
  std::ofstream(empty) << "record,loan_code,amount_vnd\n";
  CliRun dry = Hoptac("fund import '" + empty.string() + "' --fund 1 --dry-run " + db);
  EXPECT_EQ(dry.code, 0) << dry.output;
  EXPECT_NE(dry.output.find("Kiểm tra xong, chưa ghi gì (--dry-run): 0 khoản vay"), std::string::npos) << dry.output;
  EXPECT_NE(Hoptac("fund import '" + empty.string() + "' " + db).code, 0);  // no --fund
}

}  // namespace
}  // namespace hoptac

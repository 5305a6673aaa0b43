// The surveys' commands, run as an official would: the real binary on a fresh SQLite file.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
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

TEST(SurveysCli, ImportsAnXlsFormExportsItAndNamesEveryProblemByRow) {
  const fs::path dir = testing::TempDir("hoptac_surveys_cli");
  const std::string db = "--db 'sqlite:" + (dir / "t.db").string() + "'";
  const fs::path fixtures = fs::path(HOPTAC_SOURCE_DIR) / "tests/data/xlsform";

  CliRun imported = Hoptac("surveys import '" + (fixtures / "bac_giang_libreoffice.xlsx").string() + "' " + db);
  EXPECT_EQ(imported.code, 0) << imported.output;
  EXPECT_NE(imported.output.find("Đã thêm bảng hỏi số 1: Khảo sát mức độ hài lòng 2026 (hailong_2026), 6 câu hỏi."),
            std::string::npos)
      << imported.output;

  const fs::path out = dir / "bang-hoi.xlsx";
  CliRun exported = Hoptac("surveys export 1 --out '" + out.string() + "' " + db);
  EXPECT_EQ(exported.code, 0) << exported.output;
  EXPECT_TRUE(fs::exists(out));
  // The export imports again: the same questionnaire, a second copy.
  CliRun again = Hoptac("surveys import '" + out.string() + "' " + db);
  EXPECT_EQ(again.code, 0) << again.output;
  EXPECT_NE(again.output.find("Đã thêm bảng hỏi số 2"), std::string::npos) << again.output;

  // A type hoptac does not ask, on its row; a missing file; an unknown questionnaire; no subcommand.
  CliRun refused = Hoptac("surveys import '" + (fixtures / "pyxform_group.xlsx").string() + "' " + db);
  EXPECT_NE(refused.code, 0);
  EXPECT_NE(refused.output.find("survey.4.type: Loại câu hỏi \"phone number\" chưa được hỗ trợ"), std::string::npos)
      << refused.output;
  CliRun missing = Hoptac("surveys import '" + (dir / "khong-co.xlsx").string() + "' " + db);
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.output.find("Không đọc được tệp khong-co.xlsx."), std::string::npos) << missing.output;
  CliRun unknown = Hoptac("surveys export 99 --out '" + (dir / "x.xlsx").string() + "' " + db);
  EXPECT_NE(unknown.code, 0);
  EXPECT_FALSE(fs::exists(dir / "x.xlsx"));
  EXPECT_NE(Hoptac("surveys " + db).code, 0);
}

}  // namespace
}  // namespace hoptac

#include "text/i18n.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace hoptac::i18n {
namespace {

std::set<std::string> Placeholders(const std::string& message) {
  std::set<std::string> out;
  std::regex re("\\{[0-9]\\}");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), re); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

TEST(I18n, EveryKeyExistsInBothLanguagesWithTheSamePlaceholders) {
  auto vi = Keys(Lang::kVi);
  auto en = Keys(Lang::kEn);
  for (auto key : vi) EXPECT_TRUE(HasKey(Lang::kEn, key)) << "missing in English: " << key;
  for (auto key : en) EXPECT_TRUE(HasKey(Lang::kVi, key)) << "missing in Vietnamese: " << key;
  EXPECT_EQ(std::set<std::string_view>(vi.begin(), vi.end()).size(), vi.size()) << "duplicate Vietnamese key";
  EXPECT_EQ(std::set<std::string_view>(en.begin(), en.end()).size(), en.size()) << "duplicate English key";
  for (auto key : vi) {
    std::string v = Translate(Lang::kVi, key), e = Translate(Lang::kEn, key);
    EXPECT_FALSE(v.empty()) << key;
    EXPECT_FALSE(e.empty()) << key;
    // Compare the raw templates' placeholders: translate with no args drops them, so use args.
    std::vector<std::string> args = {"{0}", "{1}", "{2}", "{3}", "{4}"};
    EXPECT_EQ(Placeholders(Translate(Lang::kVi, key, args)), Placeholders(Translate(Lang::kEn, key, args))) << key;
  }
}

// Every message key written in the source code ("error.x", "field.x", "cli.x", …)
// must be in the catalogue: a key missing in either language fails here.
TEST(I18n, EveryKeyUsedInTheSourceIsInTheCatalogue) {
  std::regex key_re("\"((?:error|field|cli|warning|status|kind|sector|event|sex)\\.[a-z0-9_]+)\"");
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(HOPTAC_SOURCE_DIR "/src")) {
    auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    if (entry.path().filename().string().starts_with("messages_")) continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), key_re); it != std::sregex_iterator(); ++it) {
      std::string key = (*it)[1];
      EXPECT_TRUE(HasKey(Lang::kVi, key)) << key << " used in " << entry.path() << " is missing in Vietnamese";
      EXPECT_TRUE(HasKey(Lang::kEn, key)) << key << " used in " << entry.path() << " is missing in English";
    }
  }
  EXPECT_GT(files, 10);
}

TEST(I18n, TranslateFillsArguments) {
  std::vector<std::string> args = {"DELETE", "/healthz", "GET"};
  EXPECT_EQ(Translate(Lang::kEn, "error.method_not_allowed", args),
            "Method DELETE is not supported for /healthz. Allowed: GET.");
  EXPECT_EQ(Translate(Lang::kVi, "error.method_not_allowed", args),
            "Phương thức DELETE không được hỗ trợ cho /healthz. Được phép: GET.");
  EXPECT_EQ(Translate(Lang::kEn, "no.such.key"), "no.such.key");
}

TEST(I18n, AcceptLanguage) {
  struct Case {
    const char* header;
    Lang want;
  } cases[] = {
      {"", Lang::kVi},
      {"en", Lang::kEn},
      {"en-US,en;q=0.9", Lang::kEn},
      {"vi-VN,vi;q=0.9,en;q=0.8", Lang::kVi},
      {"fr-FR,en;q=0.5", Lang::kEn},
      {"fr", Lang::kVi},
      {"en;q=0.3, vi;q=0.7", Lang::kVi},
      {"vi;q=0, en", Lang::kEn},
      {"*", Lang::kVi},
      {"EN-gb", Lang::kEn},
  };
  for (const auto& c : cases) EXPECT_EQ(FromAcceptLanguage(c.header), c.want) << c.header;
  EXPECT_EQ(FromCode("en"), Lang::kEn);
  EXPECT_EQ(FromCode("xx", Lang::kEn), Lang::kEn);
}

}  // namespace
}  // namespace hoptac::i18n

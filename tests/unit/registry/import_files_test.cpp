// SHA-256 of imported files (registry/import/import_files.h): the known vectors, and a
// file read from disk hashes as its bytes do.
#include "registry/import/import_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/status_matchers.h"
#include "support/temp_files.h"

namespace hoptac::registry {
namespace {

TEST(ImportFilesTest, Sha256KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ImportFilesTest, AFileHashesAsItsBytes) {
  std::string bytes = "\xEF\xBB\xBFregistration_code;name\r\nHTX-1;Hợp tác xã\r\n";
  for (int i = 0; i < 200000; ++i) bytes += "x";  // more than one read
  auto path = testing::TempDir("hoptac_import_files_test") / "file.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  auto from_path = DescribeImportFile(path.string(), nullptr);
  ASSERT_OK(from_path);
  auto from_bytes = DescribeImportFile("", std::make_shared<const std::string>(bytes));
  ASSERT_OK(from_bytes);
  EXPECT_EQ(from_path->sha256, Sha256Hex(bytes));
  EXPECT_EQ(from_bytes->sha256, from_path->sha256);
  EXPECT_EQ(from_path->size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(from_path->path, path.string());

  auto missing = DescribeImportFile((path.parent_path() / "missing.csv").string(), nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "error.file_unreadable");
}

}  // namespace
}  // namespace hoptac::registry

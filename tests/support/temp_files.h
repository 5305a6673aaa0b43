// Files for tests: a per-process folder removed at exit, and whole-file reads.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

namespace hoptac::testing {

// A folder for this process's files, one per `tag` (named after it), removed at exit. One per tag:
// two tests that each put a "t.db" in their own tag's folder must not share a database (the fund's
// CLI test left a demo database, questionnaires included, where the surveys' CLI test expected none).
inline const std::filesystem::path& TempDir(const std::string& tag = "hoptac_test") {
  struct Folder {
    explicit Folder(const std::string& name)
        : path(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
  };
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Folder>> folders;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<Folder>& folder = folders[tag];
  if (!folder) folder = std::make_unique<Folder>(tag);
  return folder->path;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace hoptac::testing

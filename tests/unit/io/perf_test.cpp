// Time and peak memory of writing and reading 100,000 rows × 8 cells as CSV and XLSX.
// Off by default (a few seconds); run with
//   HOPTAC_IO_PERF=1 build/ci/tests/hoptac_unit_tests --gtest_filter='IoPerf*'
// Peak memory is the growth of VmHWM over the resident size before each phase (the
// high-water mark is reset through /proc/self/clear_refs, and freed heap returned to the
// system with malloc_trim, between phases).
#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/csv.h"
#include "io/table.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"

namespace hoptac::io {
namespace {

constexpr int kRows = 100000;

long StatusKib(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with(field)) return std::atol(line.c_str() + std::string(field).size() + 1);
  return -1;
}

void ResetPeak() {
  malloc_trim(0);  // give back what earlier phases freed, so reuse shows as growth
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

struct Phase {
  std::chrono::steady_clock::time_point start;
  long rss_before_kib;
};

Phase Begin() {
  ResetPeak();
  return {std::chrono::steady_clock::now(), StatusKib("VmRSS:")};
}

void End(const Phase& phase, const char* what, const std::filesystem::path& file) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - phase.start).count();
  long peak = StatusKib("VmHWM:");
  std::printf("  %-34s %6.3f s   peak +%6.1f MiB (VmHWM %6.1f MiB)   file %6.1f MiB\n", what, seconds,
              (peak - phase.rss_before_kib) / 1024.0, peak / 1024.0,
              static_cast<double>(std::filesystem::file_size(file)) / (1 << 20));
}

const char* const kProvinces[] = {
    "H\xC3\xA0 N\xE1\xBB\x99i", "\xC4\x90\xE1\xBA\xAFk L\xE1\xBA\xAFk",
    "L\xC3\xA0o Cai",           "B\xE1\xBA\xAF\x63 Ninh",
    "Ngh\xE1\xBB\x87 An",       "Th\xC3\xA0nh ph\xE1\xBB\x91 H\xE1\xBB\x93 Ch\xC3\xAD Minh"};

std::vector<std::string> MakeRow(int i) {
  return {"HTX-" + std::to_string(100000 + i),
          "H\xE1\xBB\xA3p t\xC3\xA1\x63 x\xC3\xA3 N\xC3\xB4ng nghi\xE1\xBB\x87p s\xE1\xBB\x91 " + std::to_string(i),
          kProvinces[i % 6],
          i % 10 == 0 ? "union" : "cooperative",
          i % 7 == 0 ? "stopped" : "active",
          "2020-12-" + std::to_string(10 + i % 20),
          std::to_string(5 + i % 300),
          std::to_string(3800000 + (i % 17) * 100000)};
}

const std::vector<std::string> kHeader = {"ma_so",      "ten",  "tinh",       "loai",
                                          "trang_thai", "ngay", "thanh_vien", "thu_nhap"};

long ReadEverything(RowSource& source) {
  std::vector<std::string> cells;
  int row = 0;
  long bytes = 0, rows = 0;
  while (true) {
    auto more = source.Next(cells, row);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    for (const auto& cell : cells) bytes += static_cast<long>(cell.size());
    ++rows;
  }
  EXPECT_EQ(rows, kRows);
  return bytes;
}

TEST(IoPerf, HundredThousandRowsByEightCells) {
  if (std::getenv("HOPTAC_IO_PERF") == nullptr)
    GTEST_SKIP() << "measurement not run: set HOPTAC_IO_PERF=1 (100,000 x 8 cells, CSV and XLSX)";
  auto dir = std::filesystem::temp_directory_path() / ("hoptac_io_perf_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto csv = dir / "perf.csv";
  auto xlsx_inline = dir / "perf_inline.xlsx";
  auto xlsx_shared = dir / "perf_shared.xlsx";
  std::printf("  %d rows x %zu cells, process VmRSS at start %.1f MiB\n", kRows, kHeader.size(),
              StatusKib("VmRSS:") / 1024.0);

  {
    Phase phase = Begin();
    auto writer = CsvWriter::Create(csv.string());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteRow(kHeader).ok());
    for (int i = 0; i < kRows; ++i) ASSERT_TRUE((*writer)->WriteRow(MakeRow(i)).ok());
    ASSERT_TRUE((*writer)->Close().ok());
    End(phase, "write CSV", csv);
  }
  for (bool shared : {false, true}) {
    const auto& path = shared ? xlsx_shared : xlsx_inline;
    Phase phase = Begin();
    XlsxStreamOptions options;
    options.shared_string_columns.assign(kHeader.size(), shared);
    auto writer = XlsxStreamWriter::Create(path.string(), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteHeader(kHeader).ok());
    for (int i = 0; i < kRows; ++i) {
      auto row = MakeRow(i);
      std::vector<XlsxCell> cells = {row[0],           row[1], row[2], row[3], row[4], row[5], std::stod(row[6]),
                                     std::stod(row[7])};
      ASSERT_TRUE((*writer)->WriteRow(std::span<const XlsxCell>(cells)).ok());
    }
    ASSERT_TRUE((*writer)->Close().ok());
    End(phase, shared ? "write XLSX (shared strings)" : "write XLSX (inline strings)", path);
  }
  long csv_bytes = 0;
  {
    Phase phase = Begin();
    auto reader = CsvReader::Open(csv.string());
    ASSERT_TRUE(reader.ok());
    csv_bytes = ReadEverything(**reader);
    End(phase, "read CSV (streaming)", csv);
  }
  for (const auto& path : {xlsx_inline, xlsx_shared}) {
    Phase phase = Begin();
    auto reader = XlsxReader::Open(path.string());
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(ReadEverything(**reader), csv_bytes);  // the same text either way
    End(phase, path == xlsx_inline ? "read XLSX (inline strings)" : "read XLSX (shared strings)", path);
  }
  {
    Phase phase = Begin();
    auto reader = XlsxReader::Open(xlsx_shared.string());
    ASSERT_TRUE(reader.ok());
    auto table = ReadAll(**reader);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->rows.size(), static_cast<std::size_t>(kRows));
    End(phase, "ReadAll XLSX into a Table", xlsx_shared);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hoptac::io

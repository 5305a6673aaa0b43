// libFuzzer harness: io::CsvReader over arbitrary bytes (an upload), both row numberings.
// Invariants: every row has the header's width; reading stops at a final error; what was
// read, written again by io::CsvWriter, reads back the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "io/csv.h"

namespace {

using hoptac::io::CsvReader;
using hoptac::io::CsvReadOptions;
using hoptac::io::Table;

// Reads every row it can; rows rejected one by one (IsRowError) are left out.
bool ReadTable(const std::string& bytes, const CsvReadOptions& options, Table& table) {
  auto reader = CsvReader::FromString(bytes, options);
  if (!reader.ok()) return false;
  table.header = (*reader)->header();
  std::vector<std::string> cells;
  int row = 0;
  int last_row = 0;
  for (;;) {
    auto next = (*reader)->Next(cells, row);
    if (!next.ok()) {
      if (hoptac::io::IsRowError(next.error())) continue;
      // A final error stays final.
      FUZZ_CHECK(!(*reader)->Next(cells, row).ok());
      return false;
    }
    if (!*next) break;
    FUZZ_CHECK(cells.size() == table.header.size());
    FUZZ_CHECK(row > last_row);
    last_row = row;
    table.rows.push_back(cells);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  CsvReadOptions options;
  options.max_record_bytes = 1 << 20;
  Table by_record;
  options.numbering = hoptac::io::RowNumbering::kRecords;
  const bool read_by_record = ReadTable(bytes, options, by_record);
  Table table;
  options.numbering = hoptac::io::RowNumbering::kLines;
  if (!ReadTable(bytes, options, table)) return 0;
  FUZZ_CHECK(read_by_record && by_record.rows == table.rows);

  // Written by the one CSV writer (',' as delimiter) and read again: the same cells.
  std::string written;
  {
    auto writer = hoptac::io::CsvWriter::ToString(written);
    if (!table.header.empty()) FUZZ_CHECK(writer->WriteRow(table.header).ok());
    for (const auto& row : table.rows) FUZZ_CHECK(writer->WriteRow(row).ok());
    FUZZ_CHECK(writer->Close().ok());
  }
  CsvReadOptions again_options;
  again_options.delimiter = ',';
  again_options.max_record_bytes = 4 << 20;
  Table again;
  FUZZ_CHECK(ReadTable(written, again_options, again));
  FUZZ_CHECK(again.header == table.header);
  FUZZ_CHECK(again.rows == table.rows);
  return 0;
}

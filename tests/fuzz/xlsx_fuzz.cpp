// libFuzzer harness: io::XlsxReader over arbitrary bytes (an upload), with a small part
// limit so a zip bomb is refused quickly. Invariants: every row has the header's width,
// rows come in increasing order, a final error stays final.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "io/xlsx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hoptac::io::XlsxReadOptions options;
  options.max_part_bytes = 8 << 20;
  auto reader = hoptac::io::XlsxReader::FromString(std::string(reinterpret_cast<const char*>(data), size), options);
  if (!reader.ok()) return 0;
  const size_t width = (*reader)->header().size();
  FUZZ_CHECK(!(*reader)->sheet_names().empty());
  std::vector<std::string> cells;
  int row = 0;
  int last_row = (*reader)->header_row();
  for (int rows = 0; rows < 100000; ++rows) {
    auto next = (*reader)->Next(cells, row);
    if (!next.ok()) {
      if (hoptac::io::IsRowError(next.error())) continue;
      FUZZ_CHECK(!(*reader)->Next(cells, row).ok());
      return 0;
    }
    if (!*next) break;
    FUZZ_CHECK(cells.size() == width);
    FUZZ_CHECK(row > last_row);
    last_row = row;
  }
  return 0;
}

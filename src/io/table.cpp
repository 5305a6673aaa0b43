#include "io/table.h"

#include <string>
#include <utility>

namespace hoptac::io {

namespace {
constexpr const char* kRowTooManyCellsKey = "error.row_too_many_cells";
}  // namespace

bool IsRowError(const Error& error) { return error.key == kRowTooManyCellsKey; }

Result<Table> ReadAll(RowSource& source) {
  Table table;
  table.header = source.header();
  std::vector<std::string> cells;
  int row = 0;
  while (true) {
    HOPTAC_ASSIGN_OR_RETURN(bool more, source.Next(cells, row));
    if (!more) break;
    table.rows.push_back(std::move(cells));
    table.row_numbers.push_back(row);
    cells.clear();
  }
  return table;
}

bool IsBlankRow(const std::vector<std::string>& cells) {
  for (const auto& cell : cells)
    if (!cell.empty()) return false;
  return true;
}

Status FitRow(std::vector<std::string>& cells, size_t width, int source_row) {
  while (cells.size() > width && cells.back().empty()) cells.pop_back();
  if (cells.size() > width) {
    return Error::Make(ErrorCode::kInvalidArgument, kRowTooManyCellsKey,
                       {std::to_string(source_row), std::to_string(cells.size()), std::to_string(width)});
  }
  cells.resize(width);
  return Ok();
}

void TrimHeader(std::vector<std::string>& header) {
  while (!header.empty() && header.back().empty()) header.pop_back();
}

}  // namespace hoptac::io

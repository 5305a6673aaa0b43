// XlsxWriter (declared in io/xlsx.h) over libxlsxwriter.
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "io/encoding.h"
#include "io/xlsx.h"
#include "io/xlsx_cell.h"

namespace hoptac::io {

namespace {

constexpr lxw_row_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;
constexpr int kMaxCellCharacters = 32767;

}  // namespace

struct XlsxWriter::Impl {
  ~Impl() {
    if (workbook != nullptr) workbook_close(workbook);
  }

  Status Check(lxw_error code, std::size_t column) {
    if (code == LXW_NO_ERROR) return Ok();
    std::string cell = ColumnName(static_cast<int>(column)) + std::to_string(row + 1);
    if (code == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_cell_too_long",
                         {cell, std::to_string(kMaxCellCharacters)});
    return Error::Internal("xlsx write " + cell + ": " + lxw_strerror(code));
  }

  Status BeginRow(std::size_t cells) {
    if (workbook == nullptr) return Error::Internal("xlsx: write after Close()");
    if (row >= kMaxRows)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_many_rows", {std::to_string(kMaxRows)});
    if (cells > kMaxColumns)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_many_columns", {std::to_string(kMaxColumns)});
    return Ok();
  }

  Status WriteText(std::size_t column, std::string_view text, lxw_format* format) {
    if (text.empty()) return Ok();
    if (!IsValidUtf8(text)) return Error::Internal("xlsx write: a cell is not UTF-8");
    // libxlsxwriter escapes control characters as _xHHHH_ but not a literal "_xHHHH_".
    scratch = EscapeLiteralEscapes(text);
    return Check(worksheet_write_string(worksheet, row, static_cast<lxw_col_t>(column), scratch.c_str(), format),
                 column);
  }

  lxw_workbook* workbook = nullptr;
  lxw_worksheet* worksheet = nullptr;
  lxw_format* bold = nullptr;
  lxw_row_t row = 0;
  std::string path;
  std::string temp_dir;
  std::string scratch;
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::~XlsxWriter() = default;

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path, const XlsxWriteOptions& options) {
  // libxlsxwriter creates the file only when closing; find an unwritable path now.
  std::FILE* probe = std::fopen(path.c_str(), "wb");
  if (probe == nullptr) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.file_unwritable",
                              {std::filesystem::path(path).filename().string()});
    error.detail = path + ": " + std::strerror(errno);
    return error;
  }
  std::fclose(probe);

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->temp_dir = options.temp_dir;
  lxw_workbook_options workbook_options = {};
  workbook_options.constant_memory = options.strings == XlsxStrings::kInline ? LXW_TRUE : LXW_FALSE;
  workbook_options.tmpdir = impl->temp_dir.empty() ? nullptr : impl->temp_dir.data();
  workbook_options.use_zip64 = LXW_FALSE;
  impl->workbook = workbook_new_opt(impl->path.c_str(), &workbook_options);
  if (impl->workbook == nullptr) return Error::Internal("xlsx: cannot create a workbook for " + path);
  lxw_error name_check = workbook_validate_sheet_name(impl->workbook, options.sheet_name.c_str());
  if (name_check != LXW_NO_ERROR)
    return Error::Internal("xlsx: sheet name \"" + options.sheet_name + "\": " + lxw_strerror(name_check));
  impl->worksheet = workbook_add_worksheet(impl->workbook, options.sheet_name.c_str());
  if (impl->worksheet == nullptr) return Error::Internal("xlsx: cannot add a worksheet");
  impl->bold = workbook_add_format(impl->workbook);
  format_set_bold(impl->bold);
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

Status XlsxWriter::WriteHeader(std::span<const std::string> names) {
  HOPTAC_TRY(impl_->BeginRow(names.size()));
  if (impl_->row != 0) return Error::Internal("xlsx: the header must be the first row");
  for (std::size_t column = 0; column < names.size(); ++column)
    HOPTAC_TRY(impl_->WriteText(column, names[column], impl_->bold));
  worksheet_freeze_panes(impl_->worksheet, 1, 0);
  ++impl_->row;
  return Ok();
}

Status XlsxWriter::WriteRow(std::span<const std::string> cells) {
  HOPTAC_TRY(impl_->BeginRow(cells.size()));
  for (std::size_t column = 0; column < cells.size(); ++column)
    HOPTAC_TRY(impl_->WriteText(column, cells[column], nullptr));
  ++impl_->row;
  return Ok();
}

Status XlsxWriter::WriteRow(std::span<const XlsxCell> cells) {
  HOPTAC_TRY(impl_->BeginRow(cells.size()));
  for (std::size_t column = 0; column < cells.size(); ++column) {
    const XlsxCell& cell = cells[column];
    if (const auto* text = std::get_if<std::string_view>(&cell)) {
      HOPTAC_TRY(impl_->WriteText(column, *text, nullptr));
    } else if (const auto* number = std::get_if<double>(&cell); number != nullptr && std::isfinite(*number)) {
      HOPTAC_TRY(impl_->Check(
          worksheet_write_number(impl_->worksheet, impl_->row, static_cast<lxw_col_t>(column), *number, nullptr),
          column));
    }
  }
  ++impl_->row;
  return Ok();
}

Status XlsxWriter::Close() {
  if (impl_->workbook == nullptr) return Ok();
  lxw_error code = workbook_close(impl_->workbook);
  impl_->workbook = nullptr;
  if (code != LXW_NO_ERROR) return Error::Internal("xlsx close " + impl_->path + ": " + lxw_strerror(code));
  return Ok();
}

}  // namespace hoptac::io

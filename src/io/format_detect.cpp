#include "io/format_detect.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "io/csv.h"
#include "io/xlsx.h"

namespace hoptac::io {

namespace {

constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool IsUtf16Text(std::string_view bytes) { return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"); }

}  // namespace

FileFormat DetectFormat(std::string_view first_bytes) {
  std::string_view head = first_bytes.substr(0, 512);
  if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06")) return FileFormat::kXlsx;
  if (head.starts_with(kOle2Magic.substr(0, 4))) return FileFormat::kXls;
  for (std::string_view magic : {std::string_view("%PDF-"), std::string_view("\x89PNG"), std::string_view("GIF8"),
                                 std::string_view("\xFF\xD8\xFF"), std::string_view("\x1F\x8B"),
                                 std::string_view("7z\xBC\xAF"), std::string_view("Rar!")}) {
    if (head.starts_with(magic)) return FileFormat::kUnknown;
  }
  if (!IsUtf16Text(head) && head.find('\0') != std::string_view::npos) return FileFormat::kUnknown;
  return FileFormat::kCsv;
}

const char* FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kCsv: return "csv";
    case FileFormat::kXlsx: return "xlsx";
    case FileFormat::kXls: return "xls";
    case FileFormat::kUnknown: break;
  }
  return "unknown";
}

Result<std::unique_ptr<RowSource>> OpenTable(const std::string& path, const CsvReadOptions& csv_options) {
  char head[512];
  std::FILE* file = std::fopen(path.c_str(), "rb");
  std::size_t got = 0;
  bool failed = file == nullptr;
  if (file != nullptr) {
    got = std::fread(head, 1, sizeof head, file);
    failed = std::ferror(file) != 0;
    std::fclose(file);
  }
  if (failed) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable",
                              {std::filesystem::path(path).filename().string()});
    error.detail = path + ": " + std::strerror(errno);
    return error;
  }
  switch (DetectFormat(std::string_view(head, got))) {
    case FileFormat::kCsv: {
      HOPTAC_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path, csv_options));
      return std::unique_ptr<RowSource>(std::move(reader));
    }
    case FileFormat::kXlsx: {
      HOPTAC_ASSIGN_OR_RETURN(auto reader, XlsxReader::Open(path));
      return std::unique_ptr<RowSource>(std::move(reader));
    }
    case FileFormat::kXls: return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_is_xls");
    case FileFormat::kUnknown: break;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "error.file_format_unknown");
}

Result<std::unique_ptr<RowSource>> OpenTableFromBytes(std::string data, const CsvReadOptions& csv_options) {
  switch (DetectFormat(data)) {
    case FileFormat::kCsv: {
      HOPTAC_ASSIGN_OR_RETURN(auto reader, CsvReader::FromString(std::move(data), csv_options));
      return std::unique_ptr<RowSource>(std::move(reader));
    }
    case FileFormat::kXlsx: {
      HOPTAC_ASSIGN_OR_RETURN(auto reader, XlsxReader::FromString(std::move(data)));
      return std::unique_ptr<RowSource>(std::move(reader));
    }
    case FileFormat::kXls: return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_is_xls");
    case FileFormat::kUnknown: break;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "error.file_format_unknown");
}

}  // namespace hoptac::io

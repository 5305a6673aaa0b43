#include "io/csv.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace hoptac::io {

namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

Error FileError(const char* key, const std::string& name, std::string detail) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, key, {std::filesystem::path(name).filename().string()});
  error.detail = name + ": " + std::move(detail);
  return error;
}

Error Unreadable(const std::string& name, std::string detail) {
  return FileError("error.file_unreadable", name, std::move(detail));
}

}  // namespace

// --- CsvReader -------------------------------------------------------------------------

CsvReader::CsvReader(std::FILE* file, std::string name, std::string data, const CsvReadOptions& options)
    : file_(file), name_(std::move(name)), buffer_(std::move(data)), end_of_file_(file == nullptr), options_(options) {}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, const CsvReadOptions& options) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Unreadable(path, std::strerror(errno));
  return Start(std::unique_ptr<CsvReader>(new CsvReader(file, path, {}, options)));
}

Result<std::unique_ptr<CsvReader>> CsvReader::FromString(std::string data, const CsvReadOptions& options) {
  return Start(std::unique_ptr<CsvReader>(new CsvReader(nullptr, "<memory>", std::move(data), options)));
}

Result<std::unique_ptr<CsvReader>> CsvReader::Start(std::unique_ptr<CsvReader> reader) {
  // Byte-order mark.
  while (reader->buffer_.size() < kByteOrderMark.size() && reader->Fill()) {
  }
  if (reader->error_) return *reader->error_;
  if (std::string_view(reader->buffer_).starts_with(kByteOrderMark)) reader->pos_ = kByteOrderMark.size();
  HOPTAC_TRY(reader->DetectDelimiter());
  // Header: the first non-blank record.
  std::vector<std::string> cells;
  int line = 0;
  while (true) {
    HOPTAC_ASSIGN_OR_RETURN(bool more, reader->ReadRecord(cells, line));
    if (!more) break;
    if (IsBlankRow(cells)) continue;
    reader->header_ = std::move(cells);
    reader->header_row_ = line;
    TrimHeader(reader->header_);
    break;
  }
  return reader;
}

bool CsvReader::Fill() {
  if (end_of_file_) return false;
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunk);
  std::size_t got = std::fread(buffer_.data() + old_size, 1, kChunk, file_);
  buffer_.resize(old_size + got);
  if (got == 0) {
    end_of_file_ = true;
    if (std::ferror(file_)) error_ = Unreadable(name_, std::strerror(errno));
    return false;
  }
  return true;
}

int CsvReader::Peek() {
  if (pos_ == buffer_.size() && !Fill()) return kEnd;
  return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::Get() {
  if (pos_ == buffer_.size() && !Fill()) {
    if (error_) return kReadFailure;
    if (!utf8_.AtBoundary()) {
      error_ = NotUtf8(line_);
      return kInvalidByte;
    }
    return kEnd;
  }
  auto c = static_cast<unsigned char>(buffer_[pos_]);
  if (!utf8_.Feed(c)) {
    error_ = NotUtf8(line_);
    return kInvalidByte;
  }
  ++pos_;
  if (c == '\r' || (c == '\n' && previous_ != '\r')) ++line_;
  previous_ = c;
  return c;
}

Error CsvReader::NotUtf8(int line) {
  // Guess from what is buffered around the bad byte (up to 64 KiB each side).
  std::size_t from = pos_ > kChunk ? pos_ - kChunk : 0;
  std::string_view sample = std::string_view(buffer_).substr(from, 2 * kChunk);
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.file_not_utf8",
                            {std::to_string(line), LegacyEncodingName(GuessLegacyEncoding(sample))});
  error.detail = name_ + ": invalid UTF-8 at line " + std::to_string(line);
  return error;
}

Error CsvReader::Fail(Error error) {
  error_ = error;
  return error;
}

Status CsvReader::DetectDelimiter() {
  if (options_.delimiter != 0) {
    delimiter_ = options_.delimiter;
    return Ok();
  }
  // Excel's "sep=;" first line.
  while (buffer_.size() - pos_ < 6 && Fill()) {
  }
  std::string_view rest = std::string_view(buffer_).substr(pos_);
  if (rest.size() >= 5 && rest.starts_with("sep=") && (rest.size() == 5 || rest[5] == '\r' || rest[5] == '\n')) {
    delimiter_ = rest[4];
    for (int i = 0; i < 5; ++i) Get();
    if (Peek() == '\r') Get();
    if (Peek() == '\n') Get();
    return Ok();
  }
  // Count the candidates in the first record, outside quotes.
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (std::size_t i = pos_;; ++i) {
    if (i == buffer_.size()) {
      if (i - pos_ > options_.max_record_bytes) break;
      std::size_t offset = i - pos_;
      if (!Fill()) break;
      i = pos_ + offset;  // Fill() may have moved the data
    }
    char c = buffer_[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\r' || c == '\n') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
      if (c == '\t') ++tabs;
    }
  }
  if (error_) return *error_;
  delimiter_ = ',';
  if (semicolons > commas) delimiter_ = ';';
  if (tabs > commas && tabs > semicolons) delimiter_ = '\t';
  return Ok();
}

Result<bool> CsvReader::ReadRecord(std::vector<std::string>& cells, int& start_line) {
  if (error_) return *error_;
  cells.clear();
  start_line = line_;
  int c = Get();
  if (c == kEnd) return false;
  ++records_;
  if (options_.numbering == RowNumbering::kRecords) start_line = records_;
  std::size_t record_bytes = 0;
  std::string* field = &cells.emplace_back();
  bool at_field_start = true;
  while (true) {
    if (c < 0) {
      if (c == kEnd) return true;
      return *error_;
    }
    if (at_field_start && c == '"') {
      at_field_start = false;
      int quote_line = line_;
      while (true) {
        c = Get();
        if (c == '"') {
          if (Peek() != '"') break;
          Get();
        } else if (c == kEnd) {
          return Fail(
              Error::Make(ErrorCode::kInvalidArgument, "error.csv_unclosed_quote", {std::to_string(quote_line)}));
        } else if (c < 0) {
          return *error_;
        }
        field->push_back(static_cast<char>(c));
        if (++record_bytes > options_.max_record_bytes) break;
      }
    } else if (c == delimiter_) {
      field = &cells.emplace_back();
      at_field_start = true;
    } else if (c == '\r') {
      if (Peek() == '\n') Get();
      return true;
    } else if (c == '\n') {
      return true;
    } else {
      at_field_start = false;
      field->push_back(static_cast<char>(c));
      ++record_bytes;
      // Fast path: copy the run of plain ASCII bytes that follows at once (no line breaks,
      // delimiters or UTF-8 sequences, so nothing to count or validate byte by byte).
      if (c < 0x80) {
        std::size_t end = pos_;
        const std::size_t limit = buffer_.size();
        while (end < limit) {
          auto b = static_cast<unsigned char>(buffer_[end]);
          if (b >= 0x80 || b == '\r' || b == '\n' || b == static_cast<unsigned char>(delimiter_)) break;
          ++end;
        }
        if (end > pos_) {
          field->append(buffer_, pos_, end - pos_);
          record_bytes += end - pos_;
          previous_ = static_cast<unsigned char>(buffer_[end - 1]);
          pos_ = end;
        }
      }
    }
    if (record_bytes > options_.max_record_bytes) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "error.csv_record_too_large",
                              {std::to_string(start_line), std::to_string(options_.max_record_bytes >> 20)}));
    }
    c = Get();
  }
}

Result<bool> CsvReader::Next(std::vector<std::string>& cells, int& source_row) {
  while (true) {
    HOPTAC_ASSIGN_OR_RETURN(bool more, ReadRecord(cells, source_row));
    if (!more) return false;
    if (IsBlankRow(cells)) continue;
    HOPTAC_TRY(FitRow(cells, header_.size(), source_row));
    return true;
  }
}

// --- CsvWriter -------------------------------------------------------------------------

CsvWriter::CsvWriter(std::FILE* file, std::string* out, const CsvWriteOptions& options)
    : file_(file), out_(out), options_(options) {
  if (options_.byte_order_mark == ByteOrderMark::kWrite) buffer_.append(kByteOrderMark);
  if (out_ != nullptr) (void)Flush();
}

CsvWriter::~CsvWriter() { (void)Close(); }

Result<std::unique_ptr<CsvWriter>> CsvWriter::Create(const std::string& path, const CsvWriteOptions& options) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return FileError("error.file_unwritable", path, std::strerror(errno));
  return std::unique_ptr<CsvWriter>(new CsvWriter(file, nullptr, options));
}

std::unique_ptr<CsvWriter> CsvWriter::ToString(std::string& out, const CsvWriteOptions& options) {
  return std::unique_ptr<CsvWriter>(new CsvWriter(nullptr, &out, options));
}

bool StartsLikeAFormula(std::string_view cell) {
  return !cell.empty() &&
         (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r');
}

std::string AsTextCell(std::string_view cell) {
  // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "'" + std::string,
  // and `make run` builds at -O3 on a fresh machine.
  std::string out;
  out.reserve(cell.size() + 1);
  if (StartsLikeAFormula(cell)) out += '\'';
  out.append(cell);
  return out;
}

std::string_view WithoutTextMark(std::string_view cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && StartsLikeAFormula(cell.substr(1))) cell.remove_prefix(1);
  return cell;
}

void CsvWriter::AppendCell(std::string_view cell) {
  if (!first_cell_of_row_) buffer_.push_back(options_.delimiter);
  bool quote = false;
  for (char c : cell) {
    if (c == options_.delimiter || c == '"' || c == '\r' || c == '\n') {
      quote = true;
      break;
    }
  }
  if (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t'))
    quote = true;
  if (first_cell_of_file_ && (cell.starts_with("ID") || cell.starts_with("sep="))) quote = true;
  if (quote) {
    buffer_.push_back('"');
    for (char c : cell) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
  } else {
    buffer_.append(cell);
  }
  first_cell_of_row_ = false;
  first_cell_of_file_ = false;
}

Status CsvWriter::EndRow() {
  buffer_.append(options_.line_ending == LineEnding::kCrLf ? "\r\n" : "\n");
  first_cell_of_row_ = true;
  // A row of no cells still ends a (blank) line; the first cell of the file is then past.
  first_cell_of_file_ = false;
  if (out_ != nullptr || buffer_.size() >= kChunk) return Flush();
  return Ok();
}

Status CsvWriter::WriteRow(std::span<const std::string> cells) {
  for (const auto& cell : cells) AppendCell(cell);
  return EndRow();
}

Status CsvWriter::WriteRow(std::initializer_list<std::string_view> cells) {
  for (auto cell : cells) AppendCell(cell);
  return EndRow();
}

Status CsvWriter::Flush() {
  if (out_ != nullptr) {
    out_->append(buffer_);
  } else if (file_ != nullptr) {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      return Error::Internal(std::string("csv write: ") + std::strerror(errno));
  }
  buffer_.clear();
  return Ok();
}

Status CsvWriter::Close() {
  Status flushed = Flush();
  out_ = nullptr;
  if (file_ != nullptr) {
    int closed = std::fclose(file_);
    file_ = nullptr;
    if (flushed.ok() && closed != 0) return Error::Internal(std::string("csv close: ") + std::strerror(errno));
  }
  return flushed;
}

}  // namespace hoptac::io

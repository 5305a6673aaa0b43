#include "registry/import/import_files.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace hoptac::registry {

namespace fs = std::filesystem;
using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;

namespace {

constexpr size_t kChunk = size_t{1} << 20;

// Incremental SHA-256.
class Hasher {
 public:
  Hasher() : context_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(context_, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(context_); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void Update(std::string_view bytes) {
    EVP_DigestUpdate(context_, bytes.data(), bytes.size());
    size_ += static_cast<int64_t>(bytes.size());
  }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_, digest, &length);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
      out.push_back(kHex[digest[i] >> 4]);
      out.push_back(kHex[digest[i] & 15]);
    }
    return out;
  }
  int64_t size() const { return size_; }

 private:
  EVP_MD_CTX* context_;
  int64_t size_ = 0;
};

// The modification time of `path` in nanoseconds (0 when it cannot be read).
int64_t ModifiedNs(const std::string& path) {
  std::error_code error;
  const auto time = fs::last_write_time(path, error);
  if (error) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

// Moves the file at `from` to `target` (creating its folder).
Status MoveInto(const fs::path& from, const fs::path& target) {
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error)
    return Error::Internal("import_files: cannot create " + target.parent_path().string() + ": " + error.message());
  fs::rename(from, target, error);
  if (error) return Error::Internal("import_files: cannot rename to " + target.string() + ": " + error.message());
  return Ok();
}

// Writes `bytes` to a new file at `temp`, on disk before it is renamed into place; removed
// unless Seal() or Finish() put it somewhere.
class FolderCopy {
 public:
  explicit FolderCopy(fs::path temp) : temp_(std::move(temp)), out_(temp_, std::ios::binary | std::ios::trunc) {}
  ~FolderCopy() {
    if (!done_) {
      out_.close();
      std::error_code error;
      fs::remove(temp_, error);
    }
  }
  bool open() const { return static_cast<bool>(out_); }
  void Write(std::string_view bytes) { out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }
  // Flushed and synced; its path, now the caller's.
  Result<std::string> Seal() {
    out_.flush();
    if (!out_) return Error::Internal("import_files: cannot write " + temp_.string());
    out_.close();
    if (std::FILE* f = std::fopen(temp_.c_str(), "rb")) {
      ::fsync(fileno(f));
      std::fclose(f);
    }
    done_ = true;
    return temp_.string();
  }
  // Sealed and renamed to `target`, unless a file of `size` bytes is there already.
  Status Finish(const fs::path& target, int64_t size) {
    std::error_code error;
    if (fs::is_regular_file(target, error) && static_cast<int64_t>(fs::file_size(target, error)) == size && !error)
      return Ok();  // kept already (the destructor removes the copy)
    HOPTAC_ASSIGN_OR_RETURN(std::string sealed, Seal());
    Status moved = MoveInto(sealed, target);
    if (!moved.ok()) fs::remove(sealed, error);
    return moved;
  }

 private:
  fs::path temp_;
  std::ofstream out_;
  bool done_ = false;
};

fs::path TempPathIn(const fs::path& folder) {
  static std::atomic<uint64_t> counter{0};
  return folder / ("incoming.tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
}

Error Unreadable(const std::string& path) {
  return Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable", {fs::path(path).filename().string()});
}

// Reads `path` in chunks; `on_chunk` sees each.
template <class OnChunk>
Status ReadChunks(const std::string& path, OnChunk on_chunk) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unreadable(path);
  std::string buffer(kChunk, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize got = in.gcount();
    if (got > 0) HOPTAC_TRY(on_chunk(std::string_view(buffer.data(), static_cast<size_t>(got))));
  }
  if (in.bad()) return Unreadable(path);
  return Ok();
}

// The chunks of `file` one at a time (read from its path when not in memory, and hashed
// as they go, so CheckUnchanged() can tell a file that changed since the import began).
class ChunkReader {
 public:
  explicit ChunkReader(const ImportFileContent& file) : file_(file) {}

  // The next chunk into `out`; false at the end.
  Result<bool> Next(std::string& out) {
    if (file_.bytes) {
      const std::string_view all = *file_.bytes;
      if (at_ >= all.size()) return false;
      out.assign(all.substr(at_, kChunk));
      at_ += out.size();
      return true;
    }
    if (!in_.is_open()) {
      in_.open(file_.path, std::ios::binary);
      if (!in_) return Unreadable(file_.path);
    }
    out.resize(kChunk);
    in_.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<size_t>(in_.gcount()));
    if (in_.bad()) return Unreadable(file_.path);
    if (out.empty()) return false;
    hasher_.Update(out);
    return true;
  }

  // Once Next() said false: kConflict "error.import_file_changed" {name} when the bytes
  // read do not hash as the file did.
  Status CheckUnchanged(const std::string& name) {
    if (file_.bytes) return Ok();
    if (hasher_.Hex() != file_.sha256) return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {name});
    return Ok();
  }

 private:
  const ImportFileContent& file_;
  size_t at_ = 0;
  std::ifstream in_;
  Hasher hasher_;
};

// PostgreSQL's text results cannot hold NUL bytes: BYTEA is read back as base64.
Result<std::string> FromBase64(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text)
    if (c != '\n' && c != '\r' && c != ' ') clean.push_back(c);
  if (clean.empty()) return std::string();
  std::string out(3 * (clean.size() / 4) + 3, '\0');
  int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (written < 0) return Error::Internal("import_files: the stored content is not base64");
  size_t padding = 0;
  while (padding < 2 && padding < clean.size() && clean[clean.size() - 1 - padding] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  Hasher hasher;
  hasher.Update(bytes);
  return hasher.Hex();
}

Result<ImportFileContent> DescribeImportFile(const std::string& path, std::shared_ptr<const std::string> bytes) {
  ImportFileContent file;
  Hasher hasher;
  if (bytes) {
    hasher.Update(*bytes);
    file.bytes = std::move(bytes);
  } else {
    HOPTAC_TRY(ReadChunks(path, [&](std::string_view chunk) -> Status {
      hasher.Update(chunk);
      return Ok();
    }));
    file.path = path;
  }
  file.size = hasher.size();
  file.sha256 = hasher.Hex();
  return file;
}

Result<int64_t> ImportFileSize(const std::string& path, const std::shared_ptr<const std::string>& bytes) {
  if (bytes) return static_cast<int64_t>(bytes->size());
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return Unreadable(path);
  return static_cast<int64_t>(size);
}

StagedCopy::~StagedCopy() {
  if (moved_) return;
  std::error_code error;
  fs::remove(path_, error);
}

Status StagedCopy::MoveTo(const std::string& target) {
  HOPTAC_TRY(MoveInto(path_, target));
  moved_ = true;
  return Ok();
}

Result<ImportFileContent> ImportFileStore::Describe(const std::string& path,
                                                    std::shared_ptr<const std::string> bytes) const {
  if (!in_folder()) {
    const int64_t modified = bytes ? 0 : ModifiedNs(path);
    HOPTAC_ASSIGN_OR_RETURN(ImportFileContent file, DescribeImportFile(path, std::move(bytes)));
    file.modified_ns = modified;
    return file;
  }
  std::error_code error;
  fs::create_directories(Root(), error);
  if (error) return Error::Internal("import_files: cannot create " + Root() + ": " + error.message());
  FolderCopy copy(TempPathIn(Root()));
  if (!copy.open()) return Error::Internal("import_files: cannot write in " + Root());
  ImportFileContent file;
  Hasher hasher;
  if (bytes) {
    hasher.Update(*bytes);
    copy.Write(*bytes);
    file.bytes = std::move(bytes);
  } else {
    file.modified_ns = ModifiedNs(path);
    HOPTAC_TRY(ReadChunks(path, [&](std::string_view chunk) -> Status {
      hasher.Update(chunk);
      copy.Write(chunk);
      return Ok();
    }));
    file.path = path;
  }
  file.size = hasher.size();
  file.sha256 = hasher.Hex();
  HOPTAC_ASSIGN_OR_RETURN(std::string sealed, copy.Seal());
  file.staged = std::make_shared<StagedCopy>(std::move(sealed));
  return file;
}

ImportFileStore::ImportFileStore(const storage::Db& db) : folder_(db.DataFolder()) {}

ImportFileStore ImportFileStore::InFolder(std::string folder) {
  ImportFileStore store;
  store.folder_ = std::move(folder);
  return store;
}

std::string ImportFileStore::Root() const { return (fs::path(folder_) / "imports").string(); }

std::string ImportFileStore::PathOf(const std::string& sha256) const {
  return (fs::path(Root()) / sha256.substr(0, 2) / sha256).string();
}

Status ImportFileStore::Put(Connection& conn, const ImportFileContent& file, const std::string& name) const {
  if (!in_folder()) {
    HOPTAC_ASSIGN_OR_RETURN(auto row,
                            conn.QueryOne("SELECT size FROM import_files WHERE sha256 = $1", {Text(file.sha256)}));
    if (row) return Ok();
    // Another import of the same content may be keeping it at this moment: the INSERT then
    // waits for that transaction. Committed, its rows are as good as ours and nothing is
    // inserted (0 rows); rolled back, the row is ours. Owning the row, no one else writes
    // chunks of this content until this transaction ends.
    HOPTAC_ASSIGN_OR_RETURN(
        int64_t inserted,
        conn.Exec("INSERT INTO import_files (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                  {Text(file.sha256), Int(file.size)}));
    if (inserted == 0) return Ok();
    // The chunks stream as bytes (PostgreSQL: one binary COPY, no base64) while the next
    // ones are read: the memory of a chunk, whatever the file's size.
    static const std::vector<std::string> columns = {"sha256", "seq", "content"};
    static constexpr bool bytes[] = {false, false, true};
    ChunkReader chunks(file);
    int64_t seq = 0;
    HOPTAC_TRY(conn.CopyBytes("import_file_chunks", columns, bytes, [&](storage::Row& row) -> Result<bool> {
      if (row.empty()) row = {Text(file.sha256), Int(0), Text("")};
      HOPTAC_ASSIGN_OR_RETURN(bool more, chunks.Next(std::get<std::string>(row[2])));
      row[1] = Int(seq++);
      return more;
    }));
    return chunks.CheckUnchanged(name);
  }
  // Changed since it was described (and perhaps copied as it was then): refused.
  if (!file.path.empty() && file.modified_ns != 0) {
    std::error_code error;
    const auto size = fs::file_size(file.path, error);
    if (error || static_cast<int64_t>(size) != file.size || ModifiedNs(file.path) != file.modified_ns)
      return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {name});
  }
  const fs::path target = PathOf(file.sha256);
  std::error_code error;
  if (fs::is_regular_file(target, error) && static_cast<int64_t>(fs::file_size(target, error)) == file.size && !error)
    return Ok();
  if (file.staged) return file.staged->MoveTo(target.string());  // copied as it was hashed
  fs::create_directories(target.parent_path(), error);
  if (error)
    return Error::Internal("import_files: cannot create " + target.parent_path().string() + ": " + error.message());
  FolderCopy copy(TempPathIn(target.parent_path()));
  if (!copy.open()) return Error::Internal("import_files: cannot write in " + target.parent_path().string());
  if (file.bytes) {
    copy.Write(*file.bytes);
  } else {
    Hasher hasher;
    HOPTAC_TRY(ReadChunks(file.path, [&](std::string_view chunk) -> Status {
      hasher.Update(chunk);
      copy.Write(chunk);
      return Ok();
    }));
    if (hasher.Hex() != file.sha256) return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {name});
  }
  return copy.Finish(target, file.size);
}

Result<std::optional<std::string>> ImportFileStore::Get(Connection& conn, const std::string& sha256) const {
  if (in_folder()) {
    std::error_code error;
    if (!fs::is_regular_file(PathOf(sha256), error)) return std::optional<std::string>();
    std::string bytes;
    HOPTAC_TRY(ReadChunks(PathOf(sha256), [&](std::string_view chunk) -> Status {
      bytes.append(chunk);
      return Ok();
    }));
    return std::optional<std::string>(std::move(bytes));
  }
  const bool postgres = conn.backend() == storage::Backend::kPostgres;
  std::optional<std::string> out;
  HOPTAC_ASSIGN_OR_RETURN(auto size, conn.QueryOne("SELECT size FROM import_files WHERE sha256 = $1", {Text(sha256)}));
  if (!size) return out;
  std::string bytes;
  bytes.reserve(static_cast<size_t>(std::get<int64_t>((*size)[0])));
  Status status = conn.Query(postgres ? "SELECT encode(content, 'base64') FROM import_file_chunks WHERE sha256 = $1 "
                                        "ORDER BY seq"
                                      : "SELECT content FROM import_file_chunks WHERE sha256 = $1 ORDER BY seq",
                             std::initializer_list<storage::Value>{Text(sha256)}, [&](const RowView& row) -> Status {
                               if (postgres) {
                                 HOPTAC_ASSIGN_OR_RETURN(std::string chunk, FromBase64(row.GetText(0)));
                                 bytes += chunk;
                               } else {
                                 bytes += row.GetText(0);
                               }
                               return Ok();
                             });
  if (!status.ok()) return std::move(status).error();
  if (static_cast<int64_t>(bytes.size()) != std::get<int64_t>((*size)[0]))
    return Error::Internal("import_files: the stored chunks of " + sha256 + " do not add up to its size");
  out = std::move(bytes);
  return out;
}

Status ImportFileStore::Remove(Connection& conn, const std::string& sha256) const {
  if (!in_folder()) {
    HOPTAC_TRY(conn.Exec("DELETE FROM import_file_chunks WHERE sha256 = $1", {Text(sha256)}));
    HOPTAC_TRY(conn.Exec("DELETE FROM import_files WHERE sha256 = $1", {Text(sha256)}));
    return Ok();
  }
  std::error_code error;
  fs::remove(PathOf(sha256), error);
  if (error) return Error::Internal("import_files: cannot remove " + PathOf(sha256) + ": " + error.message());
  return Ok();
}

}  // namespace hoptac::registry

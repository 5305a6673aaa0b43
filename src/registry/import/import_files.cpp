#include "registry/import/import_files.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <atomic>
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

// Each chunk of `file` (read from its path when not in memory), then a check that the
// chunks hash as the file did when the import began.
template <class OnChunk>
Status EachChunk(const ImportFileContent& file, const std::string& name, OnChunk on_chunk) {
  if (file.bytes) {
    std::string_view all = *file.bytes;
    for (size_t at = 0; at < all.size(); at += kChunk) HOPTAC_TRY(on_chunk(all.substr(at, kChunk)));
    return Ok();
  }
  Hasher hasher;
  HOPTAC_TRY(ReadChunks(file.path, [&](std::string_view chunk) -> Status {
    hasher.Update(chunk);
    return on_chunk(chunk);
  }));
  if (hasher.Hex() != file.sha256) return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {name});
  return Ok();
}

// PostgreSQL's text parameters cannot hold NUL bytes: BYTEA travels as base64.
std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

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
    // Another import of the same content may commit first: its rows are as good as ours
    // (the chunks then go nowhere: ON CONFLICT on the same keys).
    HOPTAC_TRY(conn.Exec("INSERT INTO import_files (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                         {Text(file.sha256), Int(file.size)}));
    const bool postgres = conn.backend() == storage::Backend::kPostgres;
    const char* insert = postgres ? "INSERT INTO import_file_chunks (sha256, seq, content) VALUES ($1, $2, "
                                    "decode($3, 'base64')) ON CONFLICT (sha256, seq) DO NOTHING"
                                  : "INSERT INTO import_file_chunks (sha256, seq, content) VALUES ($1, $2, "
                                    "CAST($3 AS BLOB)) ON CONFLICT (sha256, seq) DO NOTHING";
    int64_t seq = 0;
    return EachChunk(file, name, [&](std::string_view chunk) -> Status {
      HOPTAC_TRY(
          conn.Exec(insert, {Text(file.sha256), Int(seq++), Text(postgres ? Base64(chunk) : std::string(chunk))}));
      return Ok();
    });
  }
  const fs::path target = PathOf(file.sha256);
  std::error_code error;
  if (fs::is_regular_file(target, error) && static_cast<int64_t>(fs::file_size(target, error)) == file.size && !error)
    return Ok();
  fs::create_directories(target.parent_path(), error);
  if (error)
    return Error::Internal("import_files: cannot create " + target.parent_path().string() + ": " + error.message());
  static std::atomic<uint64_t> counter{0};
  const fs::path temp = target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  Status written = [&]() -> Status {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Error::Internal("import_files: cannot write " + temp.string());
    if (file.bytes) {
      out.write(file.bytes->data(), static_cast<std::streamsize>(file.bytes->size()));
    } else {
      Hasher hasher;
      HOPTAC_TRY(ReadChunks(file.path, [&](std::string_view chunk) -> Status {
        hasher.Update(chunk);
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return Ok();
      }));
      if (hasher.Hex() != file.sha256) return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {name});
    }
    out.flush();
    if (!out) return Error::Internal("import_files: cannot write " + temp.string());
    out.close();
    // On disk before the rename makes it visible under its name.
    if (std::FILE* f = std::fopen(temp.c_str(), "rb")) {
      ::fsync(fileno(f));
      std::fclose(f);
    }
    fs::rename(temp, target, error);
    if (error) return Error::Internal("import_files: cannot rename to " + target.string() + ": " + error.message());
    return Ok();
  }();
  if (!written.ok()) fs::remove(temp, error);
  return written;
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

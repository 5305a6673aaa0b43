// The original files of imports, kept by content (SHA-256, lower-case hex), so a
// committed import can always be traced back to the bytes it read.
//
// Where a file is kept (decided once per database, from storage::Db::DataFolder()):
//   - a data folder beside the database (SQLite on disk): <folder>/imports/<sha[0:2]>/<sha>,
//     written to a temporary file in the same folder and renamed, so a kept file is
//     never half-written; written before the import commits (a file left by an import
//     that then rolls back is harmless: nothing points at it);
//   - no data folder (PostgreSQL, an in-memory SQLite database): the table
//     import_files (sha256, content, size), in the import's own transaction.
// The same content is kept once, whichever import brought it.
//
// Thread-safety: an ImportFileStore is immutable; its methods touch the database
// through the Connection given and the files of one content address.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::registry {

// SHA-256 of `bytes`, lower-case hex (OpenSSL's EVP API).
std::string Sha256Hex(std::string_view bytes);

// A copy of an import's file in the data folder, made as the file was hashed
// (ImportFileStore::Describe): moved to its content address by Put() when the import
// commits, removed with its last owner otherwise, so an import that does not commit
// leaves nothing in the folder.
class StagedCopy {
 public:
  explicit StagedCopy(std::string path) : path_(std::move(path)) {}
  ~StagedCopy();
  StagedCopy(const StagedCopy&) = delete;
  StagedCopy& operator=(const StagedCopy&) = delete;
  const std::string& path() const { return path_; }
  // Renames it to `target` (its folder created). Errors: kInternal.
  Status MoveTo(const std::string& target);

 private:
  std::string path_;
  bool moved_ = false;
};

// The original file of an import: where its bytes are, and what they hash to.
struct ImportFileContent {
  std::string sha256;  // lower-case hex
  int64_t size = 0;
  std::string path;                          // read from this file (the command line), or
  std::shared_ptr<const std::string> bytes;  // held in memory (an upload)
  int64_t modified_ns = 0;                   // the file's modification time when hashed (0: not known)
  std::shared_ptr<StagedCopy> staged;        // with a folder: its copy, made by Describe()
};

// Hashes the file at `path` (streamed) or `bytes`. Errors: kInvalidArgument
// "error.file_unreadable" {path} when the file cannot be read.
Result<ImportFileContent> DescribeImportFile(const std::string& path, std::shared_ptr<const std::string> bytes);
// The size of the file at `path`, or of `bytes`, without reading it. Errors: as above.
Result<int64_t> ImportFileSize(const std::string& path, const std::shared_ptr<const std::string>& bytes);

class ImportFileStore {
 public:
  // Keeps files in db.DataFolder() when it has one, else in the table import_files.
  explicit ImportFileStore(const storage::Db& db);
  // Keeps files in `folder` (empty: in the table).
  static ImportFileStore InFolder(std::string folder);

  bool in_folder() const { return !folder_.empty(); }
  const std::string& folder() const { return folder_; }
  // <folder>/imports/<sha[0:2]>/<sha> (in_folder() only).
  std::string PathOf(const std::string& sha256) const;
  // <folder>/imports, the folder of every kept file (in_folder() only; backups copy it).
  std::string Root() const;

  // DescribeImportFile, and with a folder, the file copied into it as it is read and hashed
  // (`staged`: a temporary file, synced; Put() renames it to its content address, and it is
  // removed if the import does not commit), so that nothing is left to copy at the commit:
  // an import runs this on a thread of its own while it reads the rows. Errors: as
  // DescribeImportFile; kInternal when the folder cannot be written.
  Result<ImportFileContent> Describe(const std::string& path, std::shared_ptr<const std::string> bytes) const;
  // Keeps `file` unless its content is kept already: in the folder at once, or in the
  // table in `conn`'s transaction. kConflict "error.import_file_changed" {name} when a
  // file changed since it was described: the table's copy hashes the bytes again as
  // they go; with a folder, the file's modification time and size are compared.
  // Errors: kInternal when the folder cannot be written.
  Status Put(storage::Connection& conn, const ImportFileContent& file, const std::string& name) const;
  // The kept bytes; nullopt when they are not kept (removed by retention).
  Result<std::optional<std::string>> Get(storage::Connection& conn, const std::string& sha256) const;
  // Forgets the bytes of `sha256`: in the table in `conn`'s transaction; a folder's
  // file is removed at once (call it once the transaction that says so committed).
  Status Remove(storage::Connection& conn, const std::string& sha256) const;

 private:
  ImportFileStore() = default;
  std::string folder_;
};

}  // namespace hoptac::registry

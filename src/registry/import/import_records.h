// An import is one audited operation: the table `imports` holds one row per committed
// import (who, from where, when, which file by name and SHA-256, the counts), its
// original file is kept by content (import_files.h), the entities it created carry
// entities.import_id / import_row, and the audit log has one row for it (action
// "import.<type>", object "import:<id>"). Dry runs, rejected and cancelled imports
// write nothing.
//
// Reading: ImportRecords answers GET /api/v1/imports/{id} and …/{id}/file, removes
// the files of old imports (retention), and supplies the audit log's derived entry
// "created by import #12, row 4,018 of lai-chau-2020.xlsx" of an entity it created
// (storage::AuditSupplement: the entity has no audit row of its own).
//
// Who reads an import: national accounts (and the command line) every import; a
// province account the imports made by accounts of its province
// (auth::Principal::SeesProvince on the importer's province); anyone else
// kPermissionDenied "error.permission_denied".
//
// Thread-safety: functions take a Connection (one transaction); ImportRecords is
// thread-safe.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.h"
#include "base/result.h"
#include "registry/entity_service.h"
#include "registry/import/import_files.h"
#include "storage/audit.h"
#include "storage/db.h"

namespace hoptac::registry {

struct ImportRecord {
  int64_t id = 0;
  int64_t at_ms = 0;
  int64_t actor_user_id = 0;  // 0: the command line
  std::string actor_name;
  std::string address;
  std::string type;  // "entities" | "events" | "figures"
  std::string file_name;
  std::string file_sha256;
  int64_t file_size = 0;
  int64_t file_removed_at_ms = 0;  // 0: the file is kept
  int64_t rows_read = 0, created = 0, updated = 0, unchanged = 0, skipped = 0;
  std::string job_id;         // empty: not run as an API job
  std::string province_code;  // the importer's; empty for national accounts and the CLI
};

// The one JSON of an import record (the API and the audit row's after_json):
// id, at_ms, actor_user_id, actor_name, address, type, file_name, file_sha256,
// file_size, file_kept, file_removed_at_ms, rows_read, created, updated, unchanged,
// skipped, job_id, province_code.
boost::json::object ImportRecordJson(const ImportRecord& record);

// The only SQL of the imports table. InsertImport returns the new id (the counts and the
// file's SHA-256 are written by FinishImport once known, in the same transaction).
Result<int64_t> InsertImport(storage::Connection& conn, const ImportRecord& record);
Status FinishImport(storage::Connection& conn, const ImportRecord& record);
Result<std::optional<ImportRecord>> ReadImport(storage::Connection& conn, int64_t id);
// The import committed by an API job (import_jobs.h), if it committed.
Result<std::optional<ImportRecord>> ReadImportOfJob(storage::Connection& conn, const std::string& job_id);

class ImportRecords final : public storage::AuditSupplement {
 public:
  ImportRecords(storage::Db& db, NowMs now_ms = nullptr);

  // Errors: kNotFound "error.import_not_found" {id}; kUnauthenticated,
  // kPermissionDenied (see above).
  Result<ImportRecord> Get(const auth::Principal& who, int64_t id);
  // The original file. Errors: those of Get; kNotFound "error.import_file_gone" {id}
  // when retention removed it.
  Result<std::pair<ImportRecord, std::string>> File(const auth::Principal& who, int64_t id);

  // Removes the kept files of which every import is older than `days` (0: keeps
  // everything) and marks those imports (file_removed_at_ms); their rows keep the
  // SHA-256. Returns how many files went. Run at start-up.
  Result<int64_t> RemoveOldFiles(int days);

  // The derived entry of an entity created by an import: action
  // "entity.import_create", after_json {"import_id", "import_row", "file_name"}, at the
  // import's time and by its actor, in the entity's current province.
  Status Supplement(storage::Connection& conn, const storage::AuditQuery& query,
                    std::vector<storage::AuditRecord>& out) override;

 private:
  storage::Db& db_;
  ImportFileStore files_;
  NowMs now_ms_;
};

}  // namespace hoptac::registry

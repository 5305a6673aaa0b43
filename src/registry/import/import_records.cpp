#include "registry/import/import_records.h"

#include <charconv>
#include <chrono>
#include <set>

#include "registry/entity_store.h"

namespace hoptac::registry {

using storage::Connection;
using storage::Int;
using storage::Null;
using storage::RowView;
using storage::Text;
using storage::TextOrNull;
using storage::Value;

namespace {

constexpr const char* kSelect =
    "SELECT id, at_ms, actor_user_id, actor_name, address, type, file_name, file_sha256, file_size, "
    "file_removed_at_ms, rows_read, created, updated, unchanged, skipped, job_id, province_code FROM imports";

ImportRecord ReadRecord(const RowView& row) {
  ImportRecord r;
  r.id = row.GetInt(0);
  r.at_ms = row.GetInt(1);
  r.actor_user_id = row.IsNull(2) ? 0 : row.GetInt(2);
  r.actor_name = row.GetText(3);
  r.address = row.GetText(4);
  r.type = row.GetText(5);
  r.file_name = row.GetText(6);
  r.file_sha256 = row.GetText(7);
  r.file_size = row.GetInt(8);
  r.file_removed_at_ms = row.IsNull(9) ? 0 : row.GetInt(9);
  r.rows_read = row.GetInt(10);
  r.created = row.GetInt(11);
  r.updated = row.GetInt(12);
  r.unchanged = row.GetInt(13);
  r.skipped = row.GetInt(14);
  r.job_id = row.GetText(15);
  r.province_code = row.GetText(16);
  return r;
}

// Who may read an import: the scope of its importer's province (see the header).
Status CheckSees(const auth::Principal& who, const ImportRecord& record) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.SeesProvince(record.province_code))
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  return Ok();
}

Error NotFound(int64_t id) { return Error::Make(ErrorCode::kNotFound, "error.import_not_found", {std::to_string(id)}); }

}  // namespace

boost::json::object ImportRecordJson(const ImportRecord& r) {
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? boost::json::value() : boost::json::value(text);
  };
  return {
      {"id", r.id},
      {"at_ms", r.at_ms},
      {"actor_user_id", r.actor_user_id ? boost::json::value(r.actor_user_id) : boost::json::value()},
      {"actor_name", r.actor_name},
      {"address", r.address},
      {"type", r.type},
      {"file_name", r.file_name},
      {"file_sha256", r.file_sha256},
      {"file_size", r.file_size},
      {"file_kept", r.file_removed_at_ms == 0},
      {"file_removed_at_ms", r.file_removed_at_ms ? boost::json::value(r.file_removed_at_ms) : boost::json::value()},
      {"rows_read", r.rows_read},
      {"created", r.created},
      {"updated", r.updated},
      {"unchanged", r.unchanged},
      {"skipped", r.skipped},
      {"job_id", text_or_null(r.job_id)},
      {"province_code", text_or_null(r.province_code)}};
}

Result<int64_t> InsertImport(Connection& conn, const ImportRecord& r) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne("INSERT INTO imports (at_ms, actor_user_id, actor_name, address, type, file_name, file_sha256, "
                    "file_size, job_id, province_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                    {Int(r.at_ms), r.actor_user_id ? Int(r.actor_user_id) : Null(), Text(r.actor_name), Text(r.address),
                     Text(r.type), Text(r.file_name), Text(r.file_sha256), Int(r.file_size), TextOrNull(r.job_id),
                     TextOrNull(r.province_code)}));
  if (!row || row->empty()) return Error::Internal("INSERT INTO imports … RETURNING id returned nothing");
  return std::get<int64_t>((*row)[0]);
}

Status FinishImport(Connection& conn, const ImportRecord& r) {
  HOPTAC_TRY(
      conn.Exec("UPDATE imports SET rows_read = $2, created = $3, updated = $4, unchanged = $5, skipped = $6, "
                "file_sha256 = $7, file_size = $8 WHERE id = $1",
                {Int(r.id), Int(r.rows_read), Int(r.created), Int(r.updated), Int(r.unchanged), Int(r.skipped),
                 Text(r.file_sha256), Int(r.file_size)}));
  return Ok();
}

Result<std::optional<ImportRecord>> ReadImport(Connection& conn, int64_t id) {
  std::optional<ImportRecord> out;
  HOPTAC_TRY(conn.Query(std::string(kSelect) + " WHERE id = $1", std::initializer_list<Value>{Int(id)},
                        [&](const RowView& row) -> Status {
                          out = ReadRecord(row);
                          return Ok();
                        }));
  return out;
}

Result<std::optional<ImportRecord>> ReadImportOfJob(Connection& conn, const std::string& job_id) {
  std::optional<ImportRecord> out;
  HOPTAC_TRY(conn.Query(std::string(kSelect) + " WHERE job_id = $1", std::initializer_list<Value>{Text(job_id)},
                        [&](const RowView& row) -> Status {
                          out = ReadRecord(row);
                          return Ok();
                        }));
  return out;
}

ImportRecords::ImportRecords(storage::Db& db, NowMs now_ms)
    : db_(db), files_(db), now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Result<ImportRecord> ImportRecords::Get(const auth::Principal& who, int64_t id) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  // Those who may import may read imports (ImportService::Import's rule), in their scope.
  if (!who.national() && !who.province_bound())
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  std::optional<ImportRecord> record;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(record, ReadImport(conn, id));
    return Ok();
  }));
  if (!record) return NotFound(id);
  HOPTAC_TRY(CheckSees(who, *record));
  return std::move(*record);
}

Result<std::pair<ImportRecord, std::string>> ImportRecords::File(const auth::Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(ImportRecord record, Get(who, id));
  auto gone = [&] { return Error::Make(ErrorCode::kNotFound, "error.import_file_gone", {std::to_string(id)}); };
  if (record.file_removed_at_ms != 0) return gone();
  std::optional<std::string> bytes;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(bytes, files_.Get(conn, record.file_sha256));
    return Ok();
  }));
  if (!bytes) return gone();
  return std::make_pair(std::move(record), std::move(*bytes));
}

Result<int64_t> ImportRecords::RemoveOldFiles(int days) {
  if (days <= 0) return int64_t{0};
  const int64_t now = now_ms_();
  const int64_t before = now - int64_t{days} * 86'400'000;
  std::vector<std::string> removed;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    removed.clear();
    // A content kept for a recent import too stays.
    HOPTAC_TRY(
        conn.Query("SELECT file_sha256 FROM imports WHERE file_removed_at_ms IS NULL GROUP BY file_sha256 "
                   "HAVING MAX(at_ms) < $1",
                   std::initializer_list<Value>{Int(before)}, [&](const RowView& row) -> Status {
                     removed.emplace_back(row.GetText(0));
                     return Ok();
                   }));
    for (const std::string& sha : removed) {
      HOPTAC_TRY(
          conn.Exec("UPDATE imports SET file_removed_at_ms = $2 WHERE file_sha256 = $1 AND file_removed_at_ms IS NULL",
                    {Text(sha), Int(now)}));
      if (!files_.in_folder()) HOPTAC_TRY(files_.Remove(conn, sha));
    }
    return Ok();
  }));
  // The rows say the files are gone (committed): now the files of the folder go.
  if (files_.in_folder()) {
    (void)db_.Read([&](Connection& conn) -> Status {
      for (const std::string& sha : removed) HOPTAC_TRY(files_.Remove(conn, sha));
      return Ok();
    });
  }
  return static_cast<int64_t>(removed.size());
}

Status ImportRecords::Supplement(Connection& conn, const storage::AuditQuery& query,
                                 std::vector<storage::AuditRecord>& out) {
  if (query.object_type != "entity") return Ok();
  int64_t entity_id = 0;
  const std::string& text = query.object_id;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), entity_id);
  if (ec != std::errc() || end != text.data() + text.size()) return Ok();
  HOPTAC_ASSIGN_OR_RETURN(auto origin, ReadEntityImportOrigin(conn, entity_id));
  if (!origin) return Ok();
  HOPTAC_ASSIGN_OR_RETURN(auto record, ReadImport(conn, origin->import_id));
  if (!record) return Ok();
  // The query's own filters, as its SQL applies them to the real rows.
  if (!query.actor_name.empty() && query.actor_name != record->actor_name) return Ok();
  if ((query.from_ms && record->at_ms < *query.from_ms) || (query.to_ms && record->at_ms > *query.to_ms)) return Ok();
  if (query.province_code && *query.province_code != origin->current_province_code) return Ok();
  storage::AuditRecord entry;
  entry.derived = true;
  entry.at_ms = record->at_ms;
  entry.actor_user_id = record->actor_user_id;
  entry.actor_name = record->actor_name;
  entry.address = record->address;
  entry.action = "entity.import_create";
  entry.object_type = "entity";
  entry.object_id = query.object_id;
  entry.province_code = origin->current_province_code;
  entry.after_json = boost::json::serialize(boost::json::object{
      {"import_id", record->id}, {"import_row", origin->import_row}, {"file_name", record->file_name}});
  out.push_back(std::move(entry));
  return Ok();
}

}  // namespace hoptac::registry

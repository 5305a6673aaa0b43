#include "storage/audit.h"

namespace hoptac::storage {

Status AppendAudit(Connection& conn, const AuditRecord& r) {
  auto inserted = conn.Exec(
      "INSERT INTO audit_log (at_ms, actor_user_id, actor_name, address, action, object_type, object_id, "
      "province_code, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {Int(r.at_ms), r.actor_user_id ? Int(r.actor_user_id) : Null(), Text(r.actor_name), Text(r.address),
       Text(r.action), Text(r.object_type), Text(r.object_id), TextOrNull(r.province_code), TextOrNull(r.before_json),
       TextOrNull(r.after_json)});
  if (!inserted.ok()) return std::move(inserted).error();
  return Ok();
}

Status AppendAudits(Connection& conn, std::vector<AuditRecord> records) {
  if (records.empty()) return Ok();
  static const std::vector<std::string> columns = {"at_ms",       "actor_user_id", "actor_name", "address",
                                                   "action",      "object_type",   "object_id",  "province_code",
                                                   "before_json", "after_json"};
  std::vector<Row> rows;
  rows.reserve(records.size());
  // The records are ours: their text moves into the rows (an import writes a million of them).
  auto text_or_null = [](std::string& text) { return text.empty() ? Null() : Text(std::move(text)); };
  for (AuditRecord& r : records) {
    rows.push_back({Int(r.at_ms), r.actor_user_id ? Int(r.actor_user_id) : Null(), Text(std::move(r.actor_name)),
                    Text(std::move(r.address)), Text(std::move(r.action)), Text(std::move(r.object_type)),
                    Text(std::move(r.object_id)), text_or_null(r.province_code), text_or_null(r.before_json),
                    text_or_null(r.after_json)});
  }
  return conn.CopyRows("audit_log", columns, rows);
}

Result<std::vector<AuditRecord>> QueryAudit(Db& db, const AuditQuery& q, AuditSupplement* supplement) {
  std::vector<AuditRecord> out;
  Status status = db.Read([&](Connection& conn) -> Status {
    // One static statement; empty/zero parameters disable their condition.
    HOPTAC_TRY(conn.Query(
        "SELECT id, at_ms, actor_user_id, actor_name, address, action, object_type, object_id, province_code, "
        "before_json, after_json FROM audit_log "
        "WHERE ($1 = '' OR object_type = $1) AND ($2 = '' OR object_id = $2) AND ($3 = '' OR actor_name = $3) "
        "AND at_ms >= CAST($4 AS BIGINT) AND at_ms <= CAST($5 AS BIGINT) "
        "AND (CAST($6 AS INTEGER) = 0 OR province_code = $7) "
        "AND (CAST($8 AS BIGINT) = 0 OR id < CAST($8 AS BIGINT)) "
        "ORDER BY id DESC LIMIT CAST($9 AS INTEGER)",
        std::initializer_list<Value>{Text(q.object_type), Text(q.object_id), Text(q.actor_name),
                                     Int(q.from_ms.value_or(INT64_MIN)), Int(q.to_ms.value_or(INT64_MAX)),
                                     Int(q.province_code ? 1 : 0), Text(q.province_code.value_or("")), Int(q.before_id),
                                     Int(q.limit)},
        [&](const RowView& row) -> Status {
          AuditRecord r;
          r.id = row.GetInt(0);
          r.at_ms = row.GetInt(1);
          r.actor_user_id = row.IsNull(2) ? 0 : row.GetInt(2);
          r.actor_name = row.GetText(3);
          r.address = row.GetText(4);
          r.action = row.GetText(5);
          r.object_type = row.GetText(6);
          r.object_id = row.GetText(7);
          r.province_code = row.GetText(8);
          r.before_json = row.GetText(9);
          r.after_json = row.GetText(10);
          out.push_back(std::move(r));
          return Ok();
        }));
    if (supplement && !q.object_type.empty() && !q.object_id.empty() && out.size() < static_cast<size_t>(q.limit))
      return supplement->Supplement(conn, q, out);
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return out;
}

}  // namespace hoptac::storage

// The audit log: who changed what, when, from where, with the values before and
// after. Rows are appended inside the same transaction as the write they record
// (AppendAudit takes the write's Connection), so a write and its audit row commit
// or roll back together. Nothing updates or deletes audit rows: there is no API
// for it and database triggers refuse it.
//
// Thread-safety: functions take a Connection (one transaction) or a Db (thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::storage {

struct AuditRecord {
  int64_t id = 0;
  int64_t at_ms = 0;          // Unix epoch milliseconds
  int64_t actor_user_id = 0;  // 0: not a user (the CLI, the system)
  std::string actor_name;     // username, or "cli:<os user>"
  std::string address;        // client address, or "cli"
  std::string action;         // e.g. "user.create", "user.update"
  std::string object_type;    // e.g. "user"
  std::string object_id;
  std::string province_code;  // for province-scoped reading; empty when national
  std::string before_json;    // empty for creations
  std::string after_json;     // empty for deletions
  // Not a row of audit_log (id 0): an entry derived from another record by an
  // AuditSupplement, e.g. "created by import #12, row 4,018".
  bool derived = false;
  // For people, when read (AccountService::ListAudit): the object's name (an entity's name,
  // a report's form and period, a user's name); empty when unknown. Not stored.
  std::string object_name;
};

Status AppendAudit(Connection& conn, const AuditRecord& record);
// Many rows at once (Connection::CopyRows), for bulk writes such as imports; the
// records' text moves into the statement.
Status AppendAudits(Connection& conn, std::vector<AuditRecord> records);

struct AuditQuery {
  std::string object_type;                   // empty: any
  std::string object_id;                     // empty: any
  std::string actor_name;                    // empty: any
  std::optional<int64_t> from_ms, to_ms;     // inclusive bounds on at_ms
  std::optional<std::string> province_code;  // set: only rows of this province
  int64_t before_id = 0;                     // keyset paging: rows with id < before_id (0: newest)
  int limit = 100;
};

// Entries of one object's history that are not rows of audit_log but follow from
// another record: an entity created by an import has no audit row of its own, the
// import's record stands for it. A capability implements it (the registry's imports);
// the kernel never knows which records those are.
class AuditSupplement {
 public:
  virtual ~AuditSupplement() = default;
  // Appends to `out` the derived entries (derived = true, id 0) about
  // query.object_type:query.object_id that pass the query's filters (actor, time,
  // province_code). Called only for a query about one object, on its last page.
  virtual Status Supplement(Connection& conn, const AuditQuery& query, std::vector<AuditRecord>& out) = 0;
};

// Names the objects of one type for the audit log's readers: `names[id]` for the ids it
// knows, one query for all of a page's ids (never one per row). A capability adds one
// for each object type it owns (AccountService::AddAuditNamer).
using AuditNamer =
    std::function<Status(std::span<const int64_t> ids, bool english, std::map<int64_t, std::string>& names)>;

// Newest first. With a supplement and a query about one object (type and id), the
// last page (fewer real rows than the limit) ends with the derived entries, which
// are older than every real row (a creation comes first).
Result<std::vector<AuditRecord>> QueryAudit(Db& db, const AuditQuery& query, AuditSupplement* supplement = nullptr);

}  // namespace hoptac::storage

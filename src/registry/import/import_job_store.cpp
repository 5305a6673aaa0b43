#include "registry/import/import_job_store.h"

#include <boost/json.hpp>
#include <initializer_list>

#include "registry/import/import_job_json.h"

namespace hoptac::registry {

using storage::Connection;
using storage::Int;
using storage::Null;
using storage::RowView;
using storage::Text;
using storage::Value;

namespace {

constexpr const char* kUnfinished = "state IN ('queued', 'running')";

// The columns ReadRow reads, then `problems` when asked for.
constexpr const char* kColumns = "id, state, rows_read, server_id, heartbeat_at_ms, cancel_requested, snapshot";

Result<StoredImportJob> ReadRow(const RowView& row, bool with_problems) {
  StoredImportJob stored;
  auto snapshot = ImportJobFromJson(row.GetText(6));
  if (!snapshot.ok())
    return Error::Internal("import job " + std::string(row.GetText(0)) + ": " + snapshot.error().detail);
  stored.job = std::move(snapshot).value();
  // The columns are the row's latest word: the heartbeat writes rows_read alone.
  if (auto state = JobStateFromName(row.GetText(1))) stored.job.state = *state;
  stored.job.rows_read = row.GetInt(2);
  stored.server_id = row.GetText(3);
  stored.heartbeat_at_ms = row.GetInt(4);
  stored.cancel_requested = row.GetInt(5) != 0;
  if (with_problems && stored.job.result && !row.IsNull(7)) {
    auto problems = ImportProblemsFromJson(row.GetText(7));
    if (!problems.ok()) return Error::Internal("import job " + stored.job.id + ": " + problems.error().detail);
    auto result = std::make_shared<ImportResult>(*stored.job.result);
    result->problems = std::move(problems).value();
    stored.job.result = std::move(result);
  }
  return stored;
}

Value OwnerValue(int64_t user_id) { return user_id ? Int(user_id) : Null(); }

}  // namespace

Status SaveImportJob(Connection& conn, const ImportJob& job, const std::string& server_id, int64_t now_ms) {
  std::string snapshot = boost::json::serialize(ImportJobJson(job, kJobProblemsShown));
  Value problems = Null();
  if (job.result && JobFinished(job.state))
    problems = Text(boost::json::serialize(ImportProblemsJson(job.result->problems)));
  HOPTAC_TRY(conn.Exec(
      "INSERT INTO import_jobs (id, owner_user_id, state, submitted_at_ms, finished_at_ms, server_id, "
      "heartbeat_at_ms, rows_read, snapshot, problems) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (id) DO UPDATE SET state = excluded.state, finished_at_ms = excluded.finished_at_ms, "
      "server_id = excluded.server_id, heartbeat_at_ms = excluded.heartbeat_at_ms, rows_read = excluded.rows_read, "
      "snapshot = excluded.snapshot, problems = excluded.problems",
      {Text(job.id), OwnerValue(job.owner_user_id), Text(JobStateName(job.state)), Int(job.submitted_at_ms),
       job.finished_at_ms ? Int(job.finished_at_ms) : Null(), Text(server_id), Int(now_ms), Int(job.rows_read),
       Text(std::move(snapshot)), std::move(problems)}));
  return Ok();
}

Result<bool> BeatImportJob(Connection& conn, const std::string& id, int64_t rows_read, int64_t now_ms) {
  HOPTAC_ASSIGN_OR_RETURN(
      int64_t changed,
      conn.Exec(
          std::string("UPDATE import_jobs SET heartbeat_at_ms = $2, rows_read = $3 WHERE id = $1 AND ") + kUnfinished,
          {Text(id), Int(now_ms), Int(rows_read)}));
  return changed > 0;
}

Result<std::vector<std::string>> ImportJobsToCancel(Connection& conn, const std::string& server_id) {
  std::vector<std::string> ids;
  HOPTAC_TRY(conn.Query(
      std::string("SELECT id FROM import_jobs WHERE server_id = $1 AND cancel_requested = 1 AND ") + kUnfinished,
      std::initializer_list<Value>{Text(server_id)}, [&](const RowView& row) -> Status {
        ids.emplace_back(row.GetText(0));
        return Ok();
      }));
  return ids;
}

Result<bool> RequestImportJobCancel(Connection& conn, const std::string& id) {
  HOPTAC_ASSIGN_OR_RETURN(
      int64_t changed,
      conn.Exec(std::string("UPDATE import_jobs SET cancel_requested = 1 WHERE id = $1 AND ") + kUnfinished,
                {Text(id)}));
  return changed > 0;
}

Result<std::optional<StoredImportJob>> ReadImportJob(Connection& conn, const std::string& id, bool all_problems) {
  std::optional<StoredImportJob> out;
  std::string sql =
      std::string("SELECT ") + kColumns + (all_problems ? ", problems" : "") + " FROM import_jobs WHERE id = $1";
  HOPTAC_TRY(conn.Query(sql, std::initializer_list<Value>{Text(id)}, [&](const RowView& row) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, ReadRow(row, all_problems));
    return Ok();
  }));
  return out;
}

Result<std::vector<StoredImportJob>> ListImportJobs(Connection& conn, std::optional<int64_t> owner_user_id) {
  std::vector<StoredImportJob> out;
  std::string sql = std::string("SELECT ") + kColumns + " FROM import_jobs";
  std::vector<Value> params;
  if (owner_user_id) {
    sql += " WHERE owner_user_id = $1";
    params.push_back(Int(*owner_user_id));
  }
  sql += " ORDER BY submitted_at_ms DESC, id";
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(StoredImportJob stored, ReadRow(row, false));
    out.push_back(std::move(stored));
    return Ok();
  }));
  return out;
}

Result<bool> ConcludeImportJob(Connection& conn, const ImportJob& job, int64_t heartbeat_at_ms) {
  HOPTAC_ASSIGN_OR_RETURN(
      int64_t changed,
      conn.Exec(std::string("UPDATE import_jobs SET state = $2, finished_at_ms = $3, rows_read = $4, snapshot = $5, "
                            "problems = NULL WHERE id = $1 AND heartbeat_at_ms = $6 AND ") +
                    kUnfinished,
                {Text(job.id), Text(JobStateName(job.state)), job.finished_at_ms ? Int(job.finished_at_ms) : Null(),
                 Int(job.rows_read), Text(boost::json::serialize(ImportJobJson(job, kJobProblemsShown))),
                 Int(heartbeat_at_ms)}));
  return changed > 0;
}

Result<int64_t> DeleteOldImportJobs(Connection& conn, int64_t before_ms, int keep) {
  HOPTAC_ASSIGN_OR_RETURN(
      int64_t expired,
      conn.Exec("DELETE FROM import_jobs WHERE finished_at_ms IS NOT NULL AND finished_at_ms < $1", {Int(before_ms)}));
  // Past the `keep` latest (a job that ended at the same millisecond as the last kept stays).
  HOPTAC_ASSIGN_OR_RETURN(int64_t surplus,
                          conn.Exec("DELETE FROM import_jobs WHERE finished_at_ms IS NOT NULL AND finished_at_ms < "
                                    "(SELECT finished_at_ms FROM import_jobs WHERE finished_at_ms IS NOT NULL "
                                    "ORDER BY finished_at_ms DESC LIMIT 1 OFFSET $1)",
                                    {Int(keep > 0 ? keep - 1 : 0)}));
  return expired + surplus;
}

}  // namespace hoptac::registry

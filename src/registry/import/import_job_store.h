// The only SQL of the table import_jobs (migration NNNN_registry_import_jobs.sql): the
// API's import jobs as every server on the database sees them (import_jobs.h says who
// writes what and when). A row holds the job's snapshot (import_job_json.h) with the
// first kJobProblemsShown problems, a finished job's every problem apart (read only for
// the report), and, as columns, what is read or written without the snapshot: owner,
// state, times, the server running it and its heartbeat, the rows read, cancel_requested.
//
// Thread-safety: functions take a Connection (the caller's transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/import/import_jobs.h"
#include "storage/db.h"

namespace hoptac::registry {

struct StoredImportJob {
  ImportJob job;  // the snapshot, with rows_read as the heartbeat last wrote it
  std::string server_id;
  int64_t heartbeat_at_ms = 0;
  bool cancel_requested = false;
};

// Writes the whole job (a new row, or over the old one: cancel_requested is kept) as run
// by `server_id`, with a heartbeat at `now_ms`; a finished job's every problem too.
Status SaveImportJob(storage::Connection& conn, const ImportJob& job, const std::string& server_id, int64_t now_ms);
// The heartbeat and the rows read of a queued or running job. False when the row is no
// longer queued or running (another server concluded it) or is gone.
Result<bool> BeatImportJob(storage::Connection& conn, const std::string& id, int64_t rows_read, int64_t now_ms);
// The queued or running jobs of `server_id` that another server asked to cancel.
Result<std::vector<std::string>> ImportJobsToCancel(storage::Connection& conn, const std::string& server_id);
// Asks the server running a queued or running job to cancel it; false when it is neither.
Result<bool> RequestImportJobCancel(storage::Connection& conn, const std::string& id);
// One job; `all_problems`: with every problem of its result (the report), else the first.
Result<std::optional<StoredImportJob>> ReadImportJob(storage::Connection& conn, const std::string& id,
                                                     bool all_problems);
// The jobs of `owner_user_id` (nullopt: everyone's), newest first, with their first problems.
Result<std::vector<StoredImportJob>> ListImportJobs(storage::Connection& conn, std::optional<int64_t> owner_user_id);
// Writes `job` (finished: another server's conclusion) over a queued or running row whose
// heartbeat is still `heartbeat_at_ms`; false when the row changed meanwhile.
Result<bool> ConcludeImportJob(storage::Connection& conn, const ImportJob& job, int64_t heartbeat_at_ms);
// Removes the finished jobs that ended before `before_ms`, and the finished jobs older than
// the `keep` latest. Returns how many went.
Result<int64_t> DeleteOldImportJobs(storage::Connection& conn, int64_t before_ms, int keep);

}  // namespace hoptac::registry

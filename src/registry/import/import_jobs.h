// Import jobs: imports submitted through the API run on a background thread, so
// the upload is answered at once (202) and the client follows the job.
//
// Where jobs live: the server that received the upload runs the job and keeps it in
// memory; it also writes it to the table import_jobs (import_job_store.h), so that every
// server on the same database (several `hoptac serve` behind a load balancer that is not
// sticky) shows, cancels and reports it:
//   - the row is written before Submit answers, then at each change of state (running,
//     the preview known, finished: with every problem kept, for the report), and the job's
//     rows read and a heartbeat every `heartbeat` (about a second) while it is queued or
//     running;
//   - Get, Cancel and List answer this server's jobs from memory and the others' from the
//     table; a cancel of another server's job sets the row's cancel_requested, which that
//     server reads at its next heartbeat and then cancels the job as its own;
//   - a queued or running job whose heartbeat is older than `lost_after` (its server
//     crashed, or lost the database) is concluded by the first server that reads it: failed,
//     kUnavailable "error.import_job_lost" {id, seconds} — or succeeded when its import's
//     record (import_records.h) shows it committed. The conclusion is written only if the
//     heartbeat has not moved meanwhile; a server that was alive after all overwrites it
//     with the truth when it next writes the job;
//   - a server that stops (Shutdown) fails its queued and running jobs with
//     kUnavailable "error.import_job_interrupted" {id} (a running import rolls back: nothing
//     is written);
//   - the uploaded file is never in the table (a committed import keeps it: import_files.h).
// SQLite: a committing import holds the database's only write lock until it ends. While
// one of this server's runs, the server writes no rows (not even a new job's: the upload
// is answered at once, its row written when the import ends); other servers' writes (a
// cancel, a conclusion) wait for it. A conclusion re-reads the heartbeat after the wait
// and never concludes a job whose import committed; one that slips in between a rolled
// back import and its server's next write is overwritten by that write.
//
// Bounded (per server: each server counts its own jobs):
//   - at most max_unfinished (kMaxUnfinishedJobs) jobs queued or running at once on a
//     server (each holds its uploaded file, up to the route's body limit); more →
//     kTooManyRequests "error.import_busy";
//   - a server runs its jobs one at a time, in submission order (imports serialise on the
//     database writer anyway);
//   - a finished job (succeeded, failed, cancelled) is kept kKeepFinished after it ended:
//     in memory at most kMaxFinishedJobs per server, in the table at most kMaxFinishedJobs
//     in all (the oldest go first, at each Submit); its file is dropped as soon as it
//     finished, its result (counts, preview, problems — at most registry::kMaxProblems)
//     kept for the report.
// A job id is 32 lower-case hex digits starting with a letter (a committed import's
// record, import_records.h, is named by a number). Jobs belong to the account that
// submitted them: only that account, or a national admin, sees, cancels and downloads
// a job; to anyone else it does not exist.
//
// States: queued → running → succeeded (committed, or a dry run) | failed (the file
// was refused, a database error, bad rows with nothing written: outcome "rejected", or
// its server stopped or went silent) | cancelled. A queued job cancels at once (on
// another server: at its server's next heartbeat); a running one at its next row.
//
// Thread-safety: all methods are thread-safe; snapshots are copies. Two threads of
// its own: the one that runs the jobs and the one that writes the heartbeats.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "registry/import/import.h"
#include "storage/db.h"

namespace hoptac::registry {

inline constexpr int kMaxUnfinishedJobs = 4;
inline constexpr int kMaxFinishedJobs = 50;
inline constexpr std::chrono::hours kKeepFinished{24};
inline constexpr std::chrono::milliseconds kJobHeartbeat{1000};
inline constexpr std::chrono::milliseconds kJobLostAfter{30'000};
// The problems a job's answer shows (GET /api/v1/imports/{id}) and its row's snapshot
// keeps; the report has them all.
inline constexpr size_t kJobProblemsShown = 100;

struct StoredImportJob;  // import_job_store.h

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
const char* JobStateName(JobState state);  // "queued" | "running" | "succeeded" | "failed" | "cancelled"
std::optional<JobState> JobStateFromName(std::string_view name);
bool JobFinished(JobState state);  // succeeded, failed or cancelled

struct ImportJobRequest {
  FileType type = FileType::kEntities;
  bool dry_run = false;
  bool skip_bad_rows = false;
  bool confirm_warnings = false;
  std::optional<Date> as_of;  // ImportOptions::as_of
  std::string file_name;      // kept with the import, and the report's name; may be empty
  std::string data;           // the uploaded file (CSV or XLSX)
};

// A copy of a job's state.
struct ImportJob {
  std::string id;
  int64_t owner_user_id = 0;
  std::string owner_name;
  FileType type = FileType::kEntities;
  bool dry_run = false, skip_bad_rows = false, confirm_warnings = false;
  std::optional<Date> as_of;
  std::string file_name;
  std::string format;  // "csv" | "xlsx"
  int64_t bytes = 0;
  JobState state = JobState::kQueued;
  int64_t rows_read = 0;
  int64_t submitted_at_ms = 0, started_at_ms = 0, finished_at_ms = 0;
  std::optional<Error> error;  // failed: why
  std::vector<DetectedColumn> columns;
  std::vector<PreviewRow> preview;
  // When finished: the import's result (counts, outcome, and its problems: every one
  // kept, or the first kJobProblemsShown when read from the table without kAll).
  std::shared_ptr<const ImportResult> result;
};

// Which problems Get returns: kFirst, at least the first kJobProblemsShown (this server's
// jobs: all); kAll, every problem kept (the report).
enum class JobProblems { kFirst, kAll };

using JobClock = std::function<int64_t()>;  // Unix epoch milliseconds

struct ImportJobsOptions {
  JobClock now_ms;  // null: the system clock
  int max_unfinished = kMaxUnfinishedJobs;
  std::chrono::milliseconds heartbeat = kJobHeartbeat;   // how often a job's row is refreshed
  std::chrono::milliseconds lost_after = kJobLostAfter;  // a heartbeat older than this: the job is lost
};

class ImportJobs {
 public:
  using Clock = JobClock;

  // Starts the background threads. `db` and `service` must outlive this object.
  ImportJobs(storage::Db& db, ImportService& service, ImportJobsOptions options = {});
  // Fails every unfinished job and waits for the threads (Shutdown()).
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Queues an import. Errors: kUnauthenticated / kPermissionDenied for callers who
  // may not import; kInvalidArgument "error.import_empty_file" (no bytes),
  // "error.xlsx_is_xls" / "error.file_format_unknown" (not CSV or XLSX, from the
  // first bytes); kTooManyRequests "error.import_busy" when max_unfinished jobs of this
  // server are unfinished. A job whose row cannot be written is still accepted (this
  // server answers for it; its heartbeat writes the row when the database takes it).
  Result<ImportJob> Submit(const auth::Principal& who, ImportJobRequest request);
  // kNotFound "error.import_job_not_found" when missing, expired or not the caller's;
  // the database's errors for a job of another server.
  Result<ImportJob> Get(const auth::Principal& who, const std::string& id, JobProblems problems = JobProblems::kFirst);
  // The caller's jobs (a national admin: everyone's) on every server, newest first.
  Result<std::vector<ImportJob>> List(const auth::Principal& who);
  // Cancels a queued or running job (no effect on a finished one) and returns it (a job of
  // another server as it stands: it cancels at that server's next heartbeat).
  Result<ImportJob> Cancel(const auth::Principal& who, const std::string& id);

  // Fails every unfinished job ("error.import_job_interrupted"; a running import is
  // cancelled, nothing written), writes them, stops the threads. Idempotent; Submit()
  // fails afterwards.
  void Shutdown();

  // This server's id in the table (random, new at every start).
  const std::string& server_id() const { return server_id_; }

 private:
  struct Entry;
  void Work();
  void Beat();
  void Expire();                                                          // REQUIRES: mutex_ held
  std::shared_ptr<Entry> Local(const std::string& id);                    // REQUIRES: mutex_ held
  void CancelLocked(Entry& entry, bool by_user);                          // REQUIRES: mutex_ held
  void Finish(Entry& entry, JobState state, std::optional<Error> error);  // REQUIRES: mutex_ held
  // Writes the rows of this server's jobs that changed since they were last written, and
  // the heartbeats of the unfinished ones; then cancels those another server asked to.
  Status Sync(bool heartbeats);
  // Writes one job's row now (Submit, a change of state); errors are those of the database.
  Status Save(Entry& entry);
  // A job of the table as the caller may see it (kNotFound otherwise), concluded when lost.
  Result<ImportJob> ReadStored(const auth::Principal& who, const std::string& id, bool all_problems);
  // A queued or running job of the table: as it stands, or concluded when it is lost.
  ImportJob Conclude(const StoredImportJob& stored);
  bool Expired(const ImportJob& job) const;
  // SQLite while an import of this server commits: a write would wait for its end.
  bool WritesWait();

  storage::Db& db_;
  ImportService& service_;
  ImportJobsOptions options_;
  Clock now_ms_;
  std::string server_id_;
  std::mutex mutex_;
  std::condition_variable wake_;       // the job thread
  std::condition_variable beat_wake_;  // the heartbeat thread
  bool sync_now_ = false;              // guarded by mutex_: write the rows before the next heartbeat
  bool committing_ = false;            // guarded by mutex_: the running job is not a dry run
  std::map<std::string, std::shared_ptr<Entry>> jobs_;
  std::deque<std::shared_ptr<Entry>> queue_;
  bool stopping_ = false;
  // Serialises this server's writes of its jobs' rows, so that a later snapshot is never
  // overwritten by an earlier one. Taken before mutex_, never while holding it.
  std::mutex save_mutex_;
  bool beat_failing_ = false;  // guarded by save_mutex_: logs a failing heartbeat once
  std::thread thread_;
  std::thread beat_thread_;
};

}  // namespace hoptac::registry

// Import jobs: imports submitted through the API run on a background thread, so
// the upload is answered at once (202) and the client follows the job.
//
// Where jobs live: in memory, in this object, never in the database; a restart
// forgets them (an import that was running is rolled back, as its transaction never
// committed). Bounded:
//   - at most kMaxUnfinishedJobs jobs queued or running at once (each holds its
//     uploaded file, up to the route's body limit); more → kTooManyRequests
//     "error.import_busy";
//   - jobs run one at a time, in submission order (imports serialise on the
//     database writer anyway);
//   - a finished job (succeeded, failed, cancelled) is kept kKeepFinished after it
//     ended, and at most kMaxFinishedJobs of them (the oldest go first); its file is
//     dropped as soon as it finished, its result (counts, preview, problems — at most
//     registry::kMaxProblems) kept for the report.
// A job id is 32 lower-case hex digits starting with a letter (a committed import's
// record, import_records.h, is named by a number). Jobs belong to the account that
// submitted them: only that account, or a national admin, sees, cancels and downloads
// a job; to anyone else it does not exist.
//
// States: queued → running → succeeded (committed, or a dry run) | failed (the file
// was refused, a database error, or bad rows with nothing written: outcome
// "rejected") | cancelled. A queued job cancels at once; a running one at its next row.
//
// Thread-safety: all methods are thread-safe; snapshots are copies.
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

namespace hoptac::registry {

inline constexpr int kMaxUnfinishedJobs = 4;
inline constexpr int kMaxFinishedJobs = 50;
inline constexpr std::chrono::hours kKeepFinished{24};
// The problems a job's answer shows (GET /api/v1/imports/{id}) and its row's snapshot
// keeps; the report has them all.
inline constexpr size_t kJobProblemsShown = 100;

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
  // When finished: the import's result (counts, outcome, every problem kept).
  std::shared_ptr<const ImportResult> result;
};

class ImportJobs {
 public:
  using Clock = std::function<int64_t()>;  // Unix epoch milliseconds

  // Starts the background thread. `service` must outlive this object.
  explicit ImportJobs(ImportService& service, Clock now_ms = nullptr, int max_unfinished = kMaxUnfinishedJobs);
  // Cancels every job and waits for the thread (Shutdown()).
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Queues an import. Errors: kUnauthenticated / kPermissionDenied for callers who
  // may not import; kInvalidArgument "error.import_empty_file" (no bytes),
  // "error.xlsx_is_xls" / "error.file_format_unknown" (not CSV or XLSX, from the
  // first bytes); kTooManyRequests "error.import_busy" when kMaxUnfinishedJobs are
  // unfinished.
  Result<ImportJob> Submit(const auth::Principal& who, ImportJobRequest request);
  // kNotFound "error.import_job_not_found" when missing, expired or not the caller's.
  Result<ImportJob> Get(const auth::Principal& who, const std::string& id);
  // The caller's jobs (a national admin: everyone's), newest first.
  std::vector<ImportJob> List(const auth::Principal& who);
  // Cancels a queued or running job (no effect on a finished one) and returns it.
  Result<ImportJob> Cancel(const auth::Principal& who, const std::string& id);

  // Cancels everything, stops the thread. Idempotent; Submit() fails afterwards.
  void Shutdown();

 private:
  struct Entry;
  void Work();
  void Expire();                                                                           // REQUIRES: mutex_ held
  Result<std::shared_ptr<Entry>> Find(const auth::Principal& who, const std::string& id);  // REQUIRES: mutex_ held
  static ImportJob Snapshot(const Entry& entry);

  ImportService& service_;
  Clock now_ms_;
  int max_unfinished_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<Entry>> jobs_;
  std::deque<std::shared_ptr<Entry>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoptac::registry

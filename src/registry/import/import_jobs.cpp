#include "registry/import/import_jobs.h"

#include <algorithm>
#include <random>

#include "io/format_detect.h"

namespace hoptac::registry {

const char* JobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kSucceeded: return "succeeded";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: break;
  }
  return "cancelled";
}

std::optional<JobState> JobStateFromName(std::string_view name) {
  for (JobState state :
       {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kFailed, JobState::kCancelled})
    if (name == JobStateName(state)) return state;
  return std::nullopt;
}

bool JobFinished(JobState state) {
  return state == JobState::kSucceeded || state == JobState::kFailed || state == JobState::kCancelled;
}

struct ImportJobs::Entry {
  ImportJob job;        // guarded by ImportJobs::mutex_
  auth::Principal who;  // immutable
  std::string data;     // the file; moved out when the job starts
  std::atomic<bool> cancel{false};
};

namespace {

std::string NewId() {
  static std::mutex mutex;
  static std::mt19937_64 generator{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mutex);
  static const char* kHex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 2; ++i) {
    uint64_t bits = generator();
    for (int k = 0; k < 16; ++k, bits >>= 4) id.push_back(kHex[bits & 15]);
  }
  // A letter first: a job id is never all digits, which name an import's record
  // (the two share /api/v1/imports/{id}).
  id[0] = kHex[10 + generator() % 6];
  return id;
}

bool Sees(const auth::Principal& who, const ImportJob& job) {
  if (!who.authenticated()) return false;
  if (who.role == auth::Role::kNationalAdmin || who.credential == auth::Credential::kCli) return true;
  return who.user_id != 0 && job.owner_user_id == who.user_id;
}

Error NotFound(const std::string& id) { return Error::Make(ErrorCode::kNotFound, "error.import_job_not_found", {id}); }

}  // namespace

ImportJobs::ImportJobs(ImportService& service, Clock now_ms, int max_unfinished)
    : service_(service),
      now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }),
      max_unfinished_(max_unfinished) {
  thread_ = std::thread([this] { Work(); });
}

ImportJobs::~ImportJobs() { Shutdown(); }

void ImportJobs::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    for (auto& [id, entry] : jobs_) entry->cancel.store(true);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

ImportJob ImportJobs::Snapshot(const Entry& entry) { return entry.job; }

void ImportJobs::Expire() {
  int64_t now = now_ms_();
  int64_t keep_ms = std::chrono::duration_cast<std::chrono::milliseconds>(kKeepFinished).count();
  std::vector<std::pair<int64_t, std::string>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const ImportJob& job = it->second->job;
    if (JobFinished(job.state) && now - job.finished_at_ms > keep_ms) {
      it = jobs_.erase(it);
      continue;
    }
    if (JobFinished(job.state)) finished.emplace_back(job.finished_at_ms, it->first);
    ++it;
  }
  if (static_cast<int>(finished.size()) <= kMaxFinishedJobs) return;
  std::sort(finished.begin(), finished.end());
  for (size_t i = 0; i + kMaxFinishedJobs < finished.size(); ++i) jobs_.erase(finished[i].second);
}

Result<ImportJob> ImportJobs::Submit(const auth::Principal& who, ImportJobRequest request) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.national() && !who.province_bound())
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  if (request.data.empty()) return Error::Make(ErrorCode::kInvalidArgument, "error.import_empty_file");
  io::FileFormat format = io::DetectFormat(std::string_view(request.data).substr(0, 512));
  if (format == io::FileFormat::kXls) return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_is_xls");
  if (format == io::FileFormat::kUnknown) return Error::Make(ErrorCode::kInvalidArgument, "error.file_format_unknown");

  auto entry = std::make_shared<Entry>();
  entry->who = who;
  ImportJob& job = entry->job;
  job.id = NewId();
  job.owner_user_id = who.user_id;
  job.owner_name = who.AuditName();
  job.type = request.type;
  job.dry_run = request.dry_run;
  job.skip_bad_rows = request.skip_bad_rows;
  job.confirm_warnings = request.confirm_warnings;
  job.as_of = request.as_of;
  job.file_name = request.file_name;
  job.format = io::FileFormatName(format);
  job.bytes = static_cast<int64_t>(request.data.size());
  job.state = JobState::kQueued;
  job.submitted_at_ms = now_ms_();
  entry->data = std::move(request.data);

  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return Error::Make(ErrorCode::kUnavailable, "error.shutting_down");
  Expire();
  int unfinished = 0;
  for (const auto& [id, e] : jobs_) unfinished += JobFinished(e->job.state) ? 0 : 1;
  if (unfinished >= max_unfinished_)
    return Error::Make(ErrorCode::kTooManyRequests, "error.import_busy", {std::to_string(max_unfinished_)});
  jobs_[job.id] = entry;
  queue_.push_back(entry);
  wake_.notify_all();
  return Snapshot(*entry);
}

Result<std::shared_ptr<ImportJobs::Entry>> ImportJobs::Find(const auth::Principal& who, const std::string& id) {
  Expire();
  auto it = jobs_.find(id);
  if (it == jobs_.end() || !Sees(who, it->second->job)) return NotFound(id);
  return it->second;
}

Result<ImportJob> ImportJobs::Get(const auth::Principal& who, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  HOPTAC_ASSIGN_OR_RETURN(auto entry, Find(who, id));
  return Snapshot(*entry);
}

std::vector<ImportJob> ImportJobs::List(const auth::Principal& who) {
  std::lock_guard<std::mutex> lock(mutex_);
  Expire();
  std::vector<ImportJob> out;
  for (const auto& [id, entry] : jobs_)
    if (Sees(who, entry->job)) out.push_back(Snapshot(*entry));
  std::sort(out.begin(), out.end(), [](const ImportJob& a, const ImportJob& b) {
    return a.submitted_at_ms != b.submitted_at_ms ? a.submitted_at_ms > b.submitted_at_ms : a.id < b.id;
  });
  return out;
}

Result<ImportJob> ImportJobs::Cancel(const auth::Principal& who, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  HOPTAC_ASSIGN_OR_RETURN(auto entry, Find(who, id));
  ImportJob& job = entry->job;
  if (job.state == JobState::kQueued) {
    job.state = JobState::kCancelled;
    job.finished_at_ms = now_ms_();
    entry->data.clear();
    entry->data.shrink_to_fit();
    std::erase(queue_, entry);
  } else if (job.state == JobState::kRunning) {
    entry->cancel.store(true);
  }
  return Snapshot(*entry);
}

void ImportJobs::Work() {
  while (true) {
    std::shared_ptr<Entry> entry;
    std::string data;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        for (auto& queued : queue_) {
          queued->job.state = JobState::kCancelled;
          queued->job.finished_at_ms = now_ms_();
        }
        queue_.clear();
        return;
      }
      entry = queue_.front();
      queue_.pop_front();
      entry->job.state = JobState::kRunning;
      entry->job.started_at_ms = now_ms_();
      data = std::move(entry->data);
      entry->data = std::string();
    }
    io::CsvReadOptions csv;
    csv.numbering = io::RowNumbering::kRecords;  // the rows Excel shows
    Result<ImportResult> result = Error::Internal("not run");
    // A committed import keeps the upload (ImportOptions::file_bytes): the reader gets a copy.
    std::shared_ptr<const std::string> kept;
    bool dry_run = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      dry_run = entry->job.dry_run;
    }
    if (!dry_run) kept = std::make_shared<const std::string>(std::move(data));
    auto source = io::OpenTableFromBytes(kept ? std::string(*kept) : std::move(data), csv);
    if (!source.ok()) {
      result = std::move(source).error();
    } else {
      ImportOptions options;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        options.type = entry->job.type;
        options.dry_run = entry->job.dry_run;
        options.skip_bad_rows = entry->job.skip_bad_rows;
        options.confirm_warnings = entry->job.confirm_warnings;
        options.as_of = entry->job.as_of;
        options.source_name = entry->job.file_name.empty() ? "upload-" + entry->job.id : entry->job.file_name;
        options.job_id = entry->job.id;
      }
      options.file_bytes = kept;
      options.cancel = &entry->cancel;
      Entry* raw = entry.get();
      options.on_progress = [this, raw](int64_t rows) {
        std::lock_guard<std::mutex> lock(mutex_);
        raw->job.rows_read = rows;
      };
      options.on_preview = [this, raw](const std::vector<DetectedColumn>& columns,
                                       const std::vector<PreviewRow>& preview) {
        std::lock_guard<std::mutex> lock(mutex_);
        raw->job.columns = columns;
        raw->job.preview = preview;
      };
      result = service_.Import(entry->who, **source, options);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ImportJob& job = entry->job;
    job.finished_at_ms = now_ms_();
    if (!result.ok()) {
      job.state = JobState::kFailed;
      job.error = result.error();
      continue;
    }
    auto shared = std::make_shared<const ImportResult>(std::move(result).value());
    job.result = shared;
    job.rows_read = shared->counts.rows_read;
    job.columns = shared->columns;
    job.preview = shared->preview;
    switch (shared->outcome) {
      case ImportOutcome::kCommitted:
      case ImportOutcome::kDryRun: job.state = JobState::kSucceeded; break;
      case ImportOutcome::kRejected:
        job.state = JobState::kFailed;
        job.error = Error::Make(ErrorCode::kInvalidArgument, "error.import_rejected");
        break;
      case ImportOutcome::kCancelled: job.state = JobState::kCancelled; break;
    }
  }
}

}  // namespace hoptac::registry

#include "registry/import/import_jobs.h"

#include <algorithm>
#include <random>
#include <set>

#include "base/log.h"
#include "base/memory.h"
#include "io/format_detect.h"
#include "registry/change.h"
#include "registry/import/import_job_store.h"
#include "registry/import/import_records.h"

namespace hoptac::registry {

namespace {

constexpr JobState kJobStates[] = {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kFailed,
                                   JobState::kCancelled};

}  // namespace

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
  for (JobState state : kJobStates)
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
  bool cancelled_by_user = false;  // guarded by mutex_: a cancel was asked for (not a shutdown)
  uint64_t version = 1;            // guarded by mutex_: bumped at every change but rows_read
  uint64_t saved = 0;              // guarded by mutex_: the version the job's row has
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

// A job its server stopped before it finished (Shutdown).
Error Interrupted(const std::string& id) {
  return Error::Make(ErrorCode::kUnavailable, "error.import_job_interrupted", {id});
}

int64_t Millis(std::chrono::milliseconds duration) { return duration.count(); }

int64_t KeepFinishedMs() { return std::chrono::duration_cast<std::chrono::milliseconds>(kKeepFinished).count(); }

}  // namespace

ImportJobs::ImportJobs(storage::Db& db, ImportService& service, ImportJobsOptions options)
    : db_(db),
      service_(service),
      options_(std::move(options)),
      now_ms_(options_.now_ms ? options_.now_ms : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }),
      server_id_(NewId()) {
  thread_ = std::thread([this] { Work(); });
  beat_thread_ = std::thread([this] { Beat(); });
}

ImportJobs::~ImportJobs() { Shutdown(); }

void ImportJobs::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && !thread_.joinable() && !beat_thread_.joinable()) return;
    stopping_ = true;
    for (auto& [id, entry] : jobs_) entry->cancel.store(true);
  }
  wake_.notify_all();
  beat_wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (beat_thread_.joinable()) beat_thread_.join();
  // The jobs it stopped, failed, for the other servers to see.
  if (Status synced = Sync(false); !synced.ok())
    log::Warn("import jobs: could not write the interrupted jobs", {{"error", synced.error().detail}});
}

bool ImportJobs::Expired(const ImportJob& job) const {
  return JobFinished(job.state) && now_ms_() - job.finished_at_ms > KeepFinishedMs();
}

void ImportJobs::Expire() {
  std::vector<std::pair<int64_t, std::string>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const ImportJob& job = it->second->job;
    if (Expired(job)) {
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

std::shared_ptr<ImportJobs::Entry> ImportJobs::Local(const std::string& id) {
  auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second;
}

void ImportJobs::Finish(Entry& entry, JobState state, std::optional<Error> error) {
  entry.job.state = state;
  entry.job.finished_at_ms = now_ms_();
  if (error) entry.job.error = std::move(error);
  ++entry.version;
}

void ImportJobs::CancelLocked(Entry& entry, bool by_user) {
  if (entry.job.state == JobState::kQueued) {
    entry.cancelled_by_user = by_user;
    entry.data.clear();
    entry.data.shrink_to_fit();
    std::erase_if(queue_, [&](const std::shared_ptr<Entry>& queued) { return queued.get() == &entry; });
    Finish(entry, JobState::kCancelled, std::nullopt);
  } else if (entry.job.state == JobState::kRunning) {
    entry.cancelled_by_user = entry.cancelled_by_user || by_user;
    entry.cancel.store(true);
  }
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
  const std::string id = job.id;

  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return Error::Make(ErrorCode::kUnavailable, "error.shutting_down");
    Expire();
    int unfinished = 0;
    for (const auto& [other, e] : jobs_) unfinished += JobFinished(e->job.state) ? 0 : 1;
    if (unfinished >= options_.max_unfinished)
      return Error::Make(ErrorCode::kTooManyRequests, "error.import_busy", {std::to_string(options_.max_unfinished)});
    jobs_[id] = entry;  // counted from now on; queued once its row is written
  }

  // The row before the answer, so that the next request may reach any server. The finished
  // jobs past their time go first (every server's). A failed write does not refuse the job:
  // this server answers for it, and its heartbeat writes the row later. On SQLite, while an
  // import of this server commits, nothing can be written until it ends: the heartbeat
  // writes the row then, rather than the upload's answer waiting for it.
  if (!WritesWait()) {
    const int64_t now = now_ms_();
    Status cleaned = db_.Write([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(int64_t removed, DeleteOldImportJobs(conn, now - KeepFinishedMs(), kMaxFinishedJobs));
      (void)removed;
      return Ok();
    });
    if (!cleaned.ok()) log::Warn("import jobs: could not remove old jobs", {{"error", cleaned.error().detail}});
    if (Status saved = Save(*entry); !saved.ok())
      log::Warn("import jobs: could not write a new job; other servers will not see it until its next heartbeat",
                {{"job", std::string_view(id)}, {"error", saved.error().detail}});
  }

  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) {
    Finish(*entry, JobState::kFailed, Interrupted(id));
    return Error::Make(ErrorCode::kUnavailable, "error.shutting_down");
  }
  if (entry->job.state == JobState::kQueued) {  // not cancelled meanwhile
    queue_.push_back(entry);
    wake_.notify_all();
  }
  return entry->job;
}

Result<ImportJob> ImportJobs::Get(const auth::Principal& who, const std::string& id, JobProblems problems) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Expire();
    if (auto entry = Local(id)) {
      if (!Sees(who, entry->job)) return NotFound(id);
      return entry->job;
    }
  }
  return ReadStored(who, id, problems == JobProblems::kAll);
}

Result<std::vector<ImportJob>> ImportJobs::List(const auth::Principal& who) {
  std::vector<ImportJob> out;
  if (!who.authenticated()) return out;
  const bool everyone = who.role == auth::Role::kNationalAdmin || who.credential == auth::Credential::kCli;
  if (!everyone && who.user_id == 0) return out;
  std::vector<StoredImportJob> stored;
  HOPTAC_TRY(db_.Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(stored,
                            ListImportJobs(conn, everyone ? std::nullopt : std::optional<int64_t>(who.user_id)));
    return Ok();
  }));
  std::set<std::string> local;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Expire();
    for (const auto& [id, entry] : jobs_) {
      if (!Sees(who, entry->job)) continue;
      out.push_back(entry->job);
      local.insert(id);
    }
  }
  for (StoredImportJob& s : stored) {
    if (local.contains(s.job.id) || !Sees(who, s.job) || Expired(s.job)) continue;
    out.push_back(JobFinished(s.job.state) ? std::move(s.job) : Conclude(s));
  }
  std::sort(out.begin(), out.end(), [](const ImportJob& a, const ImportJob& b) {
    return a.submitted_at_ms != b.submitted_at_ms ? a.submitted_at_ms > b.submitted_at_ms : a.id < b.id;
  });
  return out;
}

Result<ImportJob> ImportJobs::Cancel(const auth::Principal& who, const std::string& id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Expire();
    if (auto entry = Local(id)) {
      if (!Sees(who, entry->job)) return NotFound(id);
      CancelLocked(*entry, true);
      // A queued job's new state goes to its row at once (the heartbeat thread writes it).
      sync_now_ = true;
      beat_wake_.notify_all();
      return entry->job;
    }
  }
  // Another server's job: that server cancels it when it next reads its row.
  HOPTAC_ASSIGN_OR_RETURN(ImportJob job, ReadStored(who, id, false));
  if (JobFinished(job.state)) return job;
  HOPTAC_TRY(db_.Write([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(bool asked, RequestImportJobCancel(conn, id));
    (void)asked;  // false: it finished meanwhile
    return Ok();
  }));
  return job;
}

Result<ImportJob> ImportJobs::ReadStored(const auth::Principal& who, const std::string& id, bool all_problems) {
  if (!who.authenticated()) return NotFound(id);
  std::optional<StoredImportJob> stored;
  HOPTAC_TRY(db_.Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(stored, ReadImportJob(conn, id, all_problems));
    return Ok();
  }));
  if (!stored || !Sees(who, stored->job) || Expired(stored->job)) return NotFound(id);
  if (!JobFinished(stored->job.state)) return Conclude(*stored);
  return std::move(stored->job);
}

ImportJob ImportJobs::Conclude(const StoredImportJob& stored) {
  const int64_t lost_ms = Millis(options_.lost_after);
  if (now_ms_() - stored.heartbeat_at_ms <= lost_ms) return stored.job;
  // Lost, as far as this server can tell: written only if the heartbeat has not moved (on
  // SQLite, the write waits for a committing import, so this reads the row again after).
  std::optional<StoredImportJob> fresh;
  ImportJob concluded;
  bool wrote = false;
  Status status = db_.Write([&](storage::Connection& conn) -> Status {
    wrote = false;
    HOPTAC_ASSIGN_OR_RETURN(fresh, ReadImportJob(conn, stored.job.id, false));
    const int64_t now = now_ms_();
    if (!fresh || JobFinished(fresh->job.state) || now - fresh->heartbeat_at_ms <= lost_ms) return Ok();
    concluded = fresh->job;
    concluded.finished_at_ms = now;
    HOPTAC_ASSIGN_OR_RETURN(std::optional<ImportRecord> record, ReadImportOfJob(conn, concluded.id));
    if (record) {
      // Its import committed before its server went: the record has the counts (the
      // problems of skipped rows went with the server).
      auto result = std::make_shared<ImportResult>();
      result->type = concluded.type;
      result->outcome = ImportOutcome::kCommitted;
      result->counts.rows_read = record->rows_read;
      result->counts.created = record->created;
      result->counts.updated = record->updated;
      result->counts.unchanged = record->unchanged;
      result->counts.bad_rows = record->skipped;
      result->columns = concluded.columns;
      result->preview = concluded.preview;
      result->import_id = record->id;
      result->file_sha256 = record->file_sha256;
      HOPTAC_ASSIGN_OR_RETURN(result->registry_version, RegistryVersion(conn));
      concluded.state = JobState::kSucceeded;
      concluded.rows_read = record->rows_read;
      concluded.error.reset();
      concluded.result = std::move(result);
    } else {
      concluded.state = JobState::kFailed;
      concluded.error = Error::Make(ErrorCode::kUnavailable, "error.import_job_lost",
                                    {concluded.id, std::to_string((now - fresh->heartbeat_at_ms) / 1000)});
    }
    HOPTAC_ASSIGN_OR_RETURN(wrote, ConcludeImportJob(conn, concluded, fresh->heartbeat_at_ms));
    return Ok();
  });
  if (!status.ok()) {
    log::Warn("import jobs: could not conclude a silent job",
              {{"job", std::string_view(stored.job.id)}, {"error", status.error().detail}});
    return stored.job;
  }
  if (wrote) {
    log::Warn("import job lost: its server has given no news",
              {{"job", std::string_view(concluded.id)},
               {"server", std::string_view(fresh->server_id)},
               {"state", std::string_view(JobStateName(concluded.state))}});
    return concluded;
  }
  return fresh ? fresh->job : stored.job;
}

Status ImportJobs::Save(Entry& entry) {
  std::lock_guard<std::mutex> save(save_mutex_);
  ImportJob job;
  uint64_t version = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job = entry.job;
    version = entry.version;
  }
  HOPTAC_TRY(
      db_.Write([&](storage::Connection& conn) -> Status { return SaveImportJob(conn, job, server_id_, now_ms_()); }));
  std::lock_guard<std::mutex> lock(mutex_);
  entry.saved = std::max(entry.saved, version);
  return Ok();
}

Status ImportJobs::Sync(bool heartbeats) {
  std::lock_guard<std::mutex> save(save_mutex_);
  // Twice at most: a queued job cancelled by another server is written at once.
  for (int pass = 0; pass < 2; ++pass) {
    struct Item {
      std::shared_ptr<Entry> entry;
      std::string id;
      std::optional<ImportJob> job;  // changed since last written: the whole job
      uint64_t version = 0;
      int64_t rows_read = 0;
    };
    std::vector<Item> items;
    bool unfinished = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [id, entry] : jobs_) {
        const bool changed = entry->saved != entry->version;
        const bool running = !JobFinished(entry->job.state);
        if (!changed && !(heartbeats && running)) continue;
        unfinished = unfinished || running;
        items.push_back({entry, id, changed ? std::optional<ImportJob>(entry->job) : std::nullopt, entry->version,
                         entry->job.rows_read});
      }
    }
    if (items.empty()) return Ok();
    std::vector<std::shared_ptr<Entry>> concluded;  // rows another server concluded: rewritten next time
    std::vector<std::string> cancels;
    const int64_t now = now_ms_();
    Status written = db_.Write([&](storage::Connection& conn) -> Status {
      concluded.clear();
      for (const Item& item : items) {
        if (item.job) {
          HOPTAC_TRY(SaveImportJob(conn, *item.job, server_id_, now));
          continue;
        }
        HOPTAC_ASSIGN_OR_RETURN(bool beat, BeatImportJob(conn, item.id, item.rows_read, now));
        if (!beat) concluded.push_back(item.entry);
      }
      if (unfinished) {
        HOPTAC_ASSIGN_OR_RETURN(cancels, ImportJobsToCancel(conn, server_id_));
      }
      return Ok();
    });
    if (!written.ok()) {
      if (!beat_failing_)
        log::Warn("import jobs: could not write their rows (retried every heartbeat)",
                  {{"error", written.error().detail}});
      beat_failing_ = true;
      return written;
    }
    if (beat_failing_) log::Info("import jobs: their rows are written again", {});
    beat_failing_ = false;
    bool again = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const Item& item : items)
        if (item.job) item.entry->saved = std::max(item.entry->saved, item.version);
      // Alive after all: the whole job over the conclusion, at the next heartbeat.
      for (const auto& entry : concluded) entry->saved = 0;
      for (const std::string& id : cancels) {
        auto entry = Local(id);
        if (!entry || JobFinished(entry->job.state)) continue;
        CancelLocked(*entry, true);
        again = again || entry->saved != entry->version;
      }
    }
    if (!again) break;
  }
  return Ok();
}

bool ImportJobs::WritesWait() {
  if (db_.backend() != storage::Backend::kSqlite) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  return committing_;
}

void ImportJobs::Beat() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    beat_wake_.wait_for(lock, options_.heartbeat, [&] { return stopping_ || sync_now_; });
    if (stopping_) break;
    sync_now_ = false;
    lock.unlock();
    // SQLite: this server's committing import holds the only write lock; the rows catch up
    // when it ends (the job thread writes the outcome at once).
    if (!WritesWait()) (void)Sync(true);
    lock.lock();
  }
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
          queued->data.clear();
          Finish(*queued, JobState::kFailed, Interrupted(queued->job.id));
        }
        queue_.clear();
        return;
      }
      entry = queue_.front();
      queue_.pop_front();
      entry->job.state = JobState::kRunning;
      entry->job.started_at_ms = now_ms_();
      ++entry->version;
      committing_ = !entry->job.dry_run;
      data = std::move(entry->data);
      entry->data = std::string();
    }
    if (Status saved = Save(*entry); !saved.ok())
      log::Warn("import jobs: could not write a job's start", {{"error", saved.error().detail}});
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
      // Both only change memory: the heartbeat thread writes them (a write here would wait
      // for the import's own transaction on SQLite).
      options.on_progress = [this, raw](int64_t rows) {
        std::lock_guard<std::mutex> lock(mutex_);
        raw->job.rows_read = rows;
      };
      options.on_preview = [this, raw](const std::vector<DetectedColumn>& columns,
                                       const std::vector<PreviewRow>& preview) {
        std::lock_guard<std::mutex> lock(mutex_);
        raw->job.columns = columns;
        raw->job.preview = preview;
        ++raw->version;
      };
      result = service_.Import(entry->who, **source, options);
    }
    // What the import held (a million rows' codes, its batches) back to the system, not
    // kept resident by the allocator until the server is busy again.
    ReturnFreeMemory();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      committing_ = false;
      ImportJob& job = entry->job;
      if (!result.ok()) {
        Finish(*entry, JobState::kFailed, result.error());
      } else {
        auto shared = std::make_shared<const ImportResult>(std::move(result).value());
        job.result = shared;
        job.rows_read = shared->counts.rows_read;
        job.columns = shared->columns;
        job.preview = shared->preview;
        switch (shared->outcome) {
          case ImportOutcome::kCommitted:
          case ImportOutcome::kDryRun: Finish(*entry, JobState::kSucceeded, std::nullopt); break;
          case ImportOutcome::kRejected:
            Finish(*entry, JobState::kFailed, Error::Make(ErrorCode::kInvalidArgument, "error.import_rejected"));
            break;
          case ImportOutcome::kCancelled:
            // Cancelled by Shutdown, not by anyone's request: the server stopped it.
            if (entry->cancelled_by_user) {
              Finish(*entry, JobState::kCancelled, std::nullopt);
            } else {
              Finish(*entry, JobState::kFailed, Interrupted(job.id));
            }
            break;
        }
      }
    }
    if (Status saved = Save(*entry); !saved.ok())
      log::Warn("import jobs: could not write a finished job (retried every heartbeat)",
                {{"error", saved.error().detail}});
  }
}

}  // namespace hoptac::registry

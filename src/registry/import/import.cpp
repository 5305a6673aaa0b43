#include "registry/import/import.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "io/csv.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "registry/import/import_internal.h"
#include "registry/import/import_records.h"

namespace hoptac::registry {

using storage::Connection;
using storage::Int;
using storage::Text;
using storage::Value;

const char* SeverityName(Severity severity) { return severity == Severity::kError ? "error" : "warning"; }

const char* ImportOutcomeName(ImportOutcome outcome) {
  switch (outcome) {
    case ImportOutcome::kCommitted: return "committed";
    case ImportOutcome::kRejected: return "rejected";
    case ImportOutcome::kDryRun: return "dry_run";
    case ImportOutcome::kCancelled: break;
  }
  return "cancelled";
}

struct ImportService::Shared {
  explicit Shared(std::shared_ptr<const geo::AdminUnitDirectory> units) : provinces(std::move(units)) {}
  ProvinceResolver provinces;
};

namespace detail {

namespace {
constexpr const char* kCancelledKey = "error.import_cancelled";
constexpr const char* kRejectedKey = "error.import_rejected";
}  // namespace

Error ImportRun::Cancelled() { return Error::Make(ErrorCode::kInvalidArgument, kCancelledKey); }
bool ImportRun::IsCancelled(const Error& error) { return error.key == kCancelledKey; }

// The writer thread of a run: runs the submitted writes in order on the run's
// connection, inside its transaction. The first failing write is kept; the writes
// after it are dropped (the transaction rolls back).
class ImportRun::Writer {
 public:
  explicit Writer(Connection& conn) : conn_(conn), thread_([this] { Loop(); }) {}
  ~Writer() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      jobs_.clear();
    }
    changed_.notify_all();
    thread_.join();
  }

  Status Submit(WriteJob job) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return error_ || jobs_.size() < kMaxPendingWrites; });
    if (error_) return *error_;
    jobs_.push_back(std::move(job));
    changed_.notify_all();
    return Ok();
  }

  // Waits until every submitted write has run; their first error.
  Status Drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return error_ || (jobs_.empty() && !busy_); });
    if (error_) return *error_;
    return Ok();
  }

  std::optional<Error> error() {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      WriteJob job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
      lock.unlock();
      Status status = job(conn_);
      job = nullptr;  // what it wrote is freed here, not on the validating thread
      lock.lock();
      busy_ = false;
      if (!status.ok() && !error_) {
        error_ = std::move(status).error();
        jobs_.clear();
      }
      changed_.notify_all();
    }
  }

  Connection& conn_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<WriteJob> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::optional<Error> error_;
  std::thread thread_;  // last: starts once the members above exist
};

ImportRun::ImportRun(const RunContext& context, ColumnMap map, ImportResult& result)
    : context_(context), result_(result), map_(std::move(map)) {}

ImportRun::~ImportRun() = default;

Status ImportRun::Submit(WriteJob job) {
  if (!writer_) writer_ = std::make_unique<Writer>(*conn_);
  return writer_->Submit(std::move(job));
}

Connection& ImportRun::conn() {
  // An error is kept by the writer and returned by Run().
  if (writer_) (void)writer_->Drain();
  return *conn_;
}

std::string_view ImportRun::ColumnOfField(std::string_view field) const {
  if (map_.Index(field) >= 0) return field;
  return "";
}

std::string_view ImportRun::Cell(const std::vector<std::string>& cells, std::string_view column) const {
  int cell = map_.Cell(column);
  if (cell < 0 || static_cast<size_t>(cell) >= cells.size()) return {};
  return TrimCell(cells[cell]);
}

void ImportRun::AddProblemAt(int row, std::string field, std::string value, Severity severity, FieldError error) {
  ++result_.problems_total;
  if (result_.problems.size() >= kMaxProblems) return;
  ImportProblem p;
  p.row = row;
  p.field = std::move(field);
  p.column = p.field.empty() ? std::string() : map_.HeaderOf(p.field);
  p.value = std::move(value);
  p.severity = severity;
  p.code = std::move(error.code);
  p.key = std::move(error.key);
  p.args = std::move(error.args);
  result_.problems.push_back(std::move(p));
}

void ImportRun::AddProblem(RowState& state, int row, const std::vector<std::string>* cells, Severity severity,
                           const FieldError& error) {
  if (severity == Severity::kError) {
    state.error = true;
    state.failed = true;
  } else {
    state.warning = true;
  }
  ++state.problems;
  std::string field(ColumnOfField(error.field));
  std::string value;
  if (cells && !field.empty()) value = std::string(Cell(*cells, field));
  AddProblemAt(row, std::move(field), std::move(value), severity, error);
}

void ImportRun::AddErrors(RowState& state, int row, const std::vector<std::string>* cells, const Error& error,
                          std::string_view fallback_field) {
  if (error.fields.empty()) {
    AddProblem(state, row, cells, Severity::kError,
               FieldError{std::string(fallback_field), std::string(ErrorCodeName(error.code)), error.key, error.args});
    return;
  }
  for (const FieldError& field : error.fields) {
    FieldError copy = field;
    if (ColumnOfField(copy.field).empty()) copy.field = std::string(fallback_field);
    AddProblem(state, row, cells, Severity::kError, copy);
  }
}

void ImportRun::Settle(const RowState& state) {
  if (state.warning) ++result_.counts.warning_rows;
  if (!state.error) return;
  ++result_.counts.bad_rows;
  if (state.needs_confirmation && !state.failed) ++result_.counts.unconfirmed_rows;
  if (!context_.options.skip_bad_rows) stopped_ = true;
}

void ImportRun::Preview(int row, std::vector<std::pair<std::string, std::string>> values, const RowState& state) {
  if (result_.preview.size() >= kPreviewRows) return;
  PreviewRow preview;
  preview.row = row;
  preview.values = std::move(values);
  preview.problems = state.problems;
  preview.worst = state.worst();
  result_.preview.push_back(std::move(preview));
  if (result_.preview.size() == kPreviewRows) ReportPreview();
}

void ImportRun::ReportPreview() {
  if (preview_reported_) return;
  preview_reported_ = true;
  if (context_.options.on_preview) context_.options.on_preview(result_.columns, result_.preview);
}

Result<int64_t> ImportRun::Version() {
  if (version_ == 0) {
    HOPTAC_ASSIGN_OR_RETURN(version_, NextRegistryVersion(conn()));
  }
  return version_;
}

bool ImportRun::InScope(const std::string& current_province_code) const {
  return context_.who.national() ||
         (context_.who.province_bound() && current_province_code == context_.who.province_code);
}

storage::AuditRecord ImportRun::AuditOf(int64_t entity_id, const std::string& province_code) const {
  storage::AuditRecord a;
  a.at_ms = context_.now_ms;
  a.actor_user_id = context_.who.user_id;
  a.actor_name = context_.who.AuditName();
  a.address = context_.who.address;
  a.action = "entity.import";
  a.object_type = "entity";
  a.object_id = std::to_string(entity_id);
  a.province_code = province_code;
  return a;
}

std::string ImportRun::ChangeJson(boost::json::object changed) const {
  boost::json::object out{{"import_id", import_id_}};
  for (auto& member : changed) out[member.key()] = std::move(member.value());
  return boost::json::serialize(out);
}

Status ImportRun::FlushAudits() {
  if (audits_.empty()) return Ok();
  auto audits = std::make_shared<std::vector<storage::AuditRecord>>(std::move(audits_));
  audits_.clear();
  return Submit([audits](Connection& conn) { return storage::AppendAudits(conn, std::move(*audits)); });
}

std::unique_ptr<PreParsed> ImportRun::PreParse(int, std::vector<std::string>&) { return nullptr; }

namespace {

// Rows read ahead by the reader thread.
struct RowItem {
  int row = 0;
  std::vector<std::string> cells;
  std::optional<Error> row_error;  // a row error of the source (more cells than the header)
  std::unique_ptr<PreParsed> parsed;
};

struct Chunk {
  std::vector<RowItem> items;
  std::optional<Error> error;  // a final error of the source: the import ends
  bool end = false;            // the last chunk
};

// A bounded queue of chunks between the reader thread and the importing thread.
class ChunkQueue {
 public:
  static constexpr size_t kMaxChunks = 8;

  // False when the consumer stopped: the producer ends.
  bool Push(Chunk chunk) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return stopped_ || chunks_.size() < kMaxChunks; });
    if (stopped_) return false;
    chunks_.push_back(std::move(chunk));
    not_empty_.notify_one();
    return true;
  }
  Chunk Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !chunks_.empty(); });
    Chunk chunk = std::move(chunks_.front());
    chunks_.pop_front();
    not_full_.notify_one();
    return chunk;
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Chunk> chunks_;
  bool stopped_ = false;
};

}  // namespace

Status ImportRun::Run(Connection& conn, io::RowSource& source) {
  conn_ = &conn;
  Status status = RunRows(source);
  if (writer_) {
    // The first failure of a write is the cause of what followed it.
    if (status.ok()) status = writer_->Drain();
    if (std::optional<Error> error = writer_->error()) status = std::move(*error);
    writer_.reset();  // joined before the transaction ends
  }
  return status;
}

Status ImportRun::RunRows(io::RowSource& source) {
  HOPTAC_TRY(Start());
  const std::atomic<bool>* cancel = context_.options.cancel;
  const auto& on_progress = context_.options.on_progress;
  auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

  ChunkQueue queue;
  std::thread reader([&] {
    constexpr size_t kChunkRows = 256;
    Chunk chunk;
    while (true) {
      if (cancelled()) {
        chunk.end = true;
        queue.Push(std::move(chunk));
        return;
      }
      RowItem item;
      Result<bool> more = source.Next(item.cells, item.row);
      if (!more.ok()) {
        if (!io::IsRowError(more.error())) {
          chunk.error = std::move(more).error();
          chunk.end = true;
          queue.Push(std::move(chunk));
          return;
        }
        item.row_error = std::move(more).error();
      } else if (!*more) {
        chunk.end = true;
        queue.Push(std::move(chunk));
        return;
      } else {
        item.parsed = PreParse(item.row, item.cells);
      }
      chunk.items.push_back(std::move(item));
      if (chunk.items.size() >= kChunkRows) {
        if (!queue.Push(std::move(chunk))) return;
        chunk = Chunk();
      }
    }
  });
  // Whatever happens below, the reader stops and is joined before the source goes.
  struct Joiner {
    ChunkQueue& queue;
    std::thread& thread;
    ~Joiner() {
      queue.Stop();
      if (thread.joinable()) thread.join();
    }
  } joiner{queue, reader};

  while (true) {
    Chunk chunk = queue.Pop();
    for (RowItem& item : chunk.items) {
      if (cancelled()) return Cancelled();
      ++result_.counts.rows_read;
      if (item.row_error) {
        // A row with more cells than the header: reported, and the next row is read.
        RowState state;
        const Error& e = *item.row_error;
        int bad_row = e.args.empty() ? 0 : std::atoi(e.args[0].c_str());
        state.error = true;
        AddProblemAt(bad_row, "", "", Severity::kError, FieldError{"", "row_too_many_cells", e.key, e.args});
        Settle(state);
        continue;
      }
      HOPTAC_TRY(OnRow(item.row, item.cells, std::move(item.parsed)));
      if (on_progress && result_.counts.rows_read % 1000 == 0) on_progress(result_.counts.rows_read);
    }
    if (chunk.error) return std::move(*chunk.error);
    if (chunk.end) break;
  }
  if (cancel && cancel->load(std::memory_order_relaxed)) return Cancelled();
  HOPTAC_TRY(Finish());
  ReportPreview();
  if (on_progress) on_progress(result_.counts.rows_read);
  return FlushAudits();
}

std::string Placeholders(size_t count, size_t first) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += '$';
    out += std::to_string(first + i);
  }
  return out;
}

Status BulkUpdate(Connection& conn, std::string_view table, std::span<const std::string> columns, size_t key_count,
                  const std::vector<bool>& integer, std::span<const storage::Row> rows) {
  if (rows.empty()) return Ok();
  const size_t width = columns.size();
  // SQLite binds at most 32,766 parameters per statement; stay well below.
  const size_t per_statement = std::max<size_t>(1, 20000 / width);
  std::string head = "UPDATE " + std::string(table) + " SET ";
  for (size_t k = key_count; k < width; ++k) {
    if (k > key_count) head += ", ";
    head += columns[k] + " = v.column" + std::to_string(k + 1);
  }
  head += " FROM (VALUES ";
  std::string tail = ") AS v WHERE ";
  for (size_t k = 0; k < key_count; ++k) {
    if (k > 0) tail += " AND ";
    tail += std::string(table) + "." + columns[k] + " = v.column" + std::to_string(k + 1);
  }
  std::vector<Value> params;
  for (size_t start = 0; start < rows.size(); start += per_statement) {
    size_t end = std::min(rows.size(), start + per_statement);
    std::string sql = head;
    params.clear();
    for (size_t r = start; r < end; ++r) {
      sql += r == start ? "(" : ", (";
      for (size_t k = 0; k < width; ++k) {
        params.push_back(rows[r][k]);
        if (k > 0) sql += ", ";
        sql += "CAST($" + std::to_string(params.size()) + (integer[k] ? " AS BIGINT)" : " AS TEXT)");
      }
      sql += ")";
    }
    sql += tail;
    HOPTAC_TRY(conn.Exec(sql, params));
  }
  return Ok();
}

Status QueryByIds(Connection& conn, const std::string& select_from_where_in, std::string_view order_by,
                  std::span<const int64_t> ids, const storage::RowCallback& on_row) {
  constexpr size_t kPerQuery = 500;
  std::vector<Value> params;
  for (size_t start = 0; start < ids.size(); start += kPerQuery) {
    size_t end = std::min(ids.size(), start + kPerQuery);
    params.clear();
    for (size_t i = start; i < end; ++i) params.push_back(Int(ids[i]));
    std::string sql = select_from_where_in + " (" + Placeholders(end - start) + ") " + std::string(order_by);
    HOPTAC_TRY(conn.Query(sql, params, on_row));
  }
  return Ok();
}

}  // namespace detail

ImportService::ImportService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> admin_units, NowMs now_ms)
    : db_(db),
      admin_units_(std::move(admin_units)),
      shared_(std::make_unique<Shared>(admin_units_)),
      files_(db),
      now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

ImportService::~ImportService() = default;

Status CheckImportAsOf(FileType type, const std::optional<Date>& as_of) {
  if (!as_of) return Ok();
  if (type != FileType::kEntities)
    return Error::InvalidField("as_of", "as_of_entities_only", "field.as_of_entities_only", {FileTypeName(type)});
  Date today = Date::Today();
  if (*as_of > today)
    return Error::InvalidField("as_of", "date_in_future", "field.date_in_future", {as_of->ToIso(), today.ToIso()});
  return Ok();
}

Result<ImportResult> ImportService::Import(const auth::Principal& who, io::RowSource& source,
                                           const ImportOptions& options) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.national() && !who.province_bound())
    return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  HOPTAC_TRY(CheckImportAsOf(options.type, options.as_of));
  HOPTAC_ASSIGN_OR_RETURN(ColumnMap map, MapColumns(options.type, source.header()));

  ImportResult result;
  result.type = options.type;
  auto columns = ImportColumns(options.type);
  for (size_t cell = 0; cell < map.header.size(); ++cell) {
    DetectedColumn detected;
    detected.header = map.header[cell];
    int index = map.column_of_cell[cell];
    if (index >= 0) {
      detected.column = std::string(columns[index]);
      detected.scale = map.scale_of_column[index];
    }
    result.columns.push_back(std::move(detected));
  }
  result.unknown_headers = map.unknown_headers;

  // A committed import keeps its original file. Its SHA-256 (the file's key) is computed,
  // and the file copied into the data folder when there is one, on a thread of its own
  // while the rows are read and written (a 188 MiB file takes ~0.5 s to hash, as long
  // again to copy); the imports row gets the hash at the end, when the file is kept.
  std::optional<int64_t> file_size;
  std::future<Result<ImportFileContent>> hashing;
  if (!options.dry_run) {
    if (options.file_path.empty() && !options.file_bytes)
      return Error::Internal("import: no original file to keep (ImportOptions::file_path or file_bytes)");
    HOPTAC_ASSIGN_OR_RETURN(file_size, ImportFileSize(options.file_path, options.file_bytes));
    hashing = std::async(std::launch::async,
                         [this, &options] { return files_.Describe(options.file_path, options.file_bytes); });
  }
  std::optional<ImportFileContent> file;  // once hashed
  detail::RunContext context{
      who,
      options,
      *admin_units_,
      shared_->provinces,
      now_ms_(),
      dynamic_cast<io::XlsxReader*>(&source) ? NumberStyle::kEnglishFirst : NumberStyle::kVietnameseFirst,
      !options.dry_run,
      file_size.value_or(0)};
  std::unique_ptr<detail::ImportRun> run;
  switch (options.type) {
    case FileType::kEntities: run = detail::MakeEntityImport(context, std::move(map), result); break;
    case FileType::kEvents: run = detail::MakeEventImport(context, std::move(map), result); break;
    case FileType::kFigures: run = detail::MakeFigureImport(context, std::move(map), result); break;
  }

  ImportRecord record;
  auto body = [&](Connection& conn) -> Status {
    if (file_size) {
      // The import's row first: the rows it writes point at it. A rollback takes it away.
      record.at_ms = context.now_ms;
      record.actor_user_id = who.user_id;
      record.actor_name = who.AuditName();
      record.address = who.address;
      record.type = FileTypeName(options.type);
      record.file_name = options.source_name;
      record.file_sha256 = "";  // set with the counts, once hashed
      record.file_size = *file_size;
      record.job_id = options.job_id;
      record.province_code = who.province_bound() ? who.province_code : "";
      HOPTAC_ASSIGN_OR_RETURN(record.id, InsertImport(conn, record));
      run->SetImport(record.id);
    }
    HOPTAC_TRY(run->Run(conn, source));
    // All or nothing: a bad row without skip_bad_rows rolls everything back.
    if (result.counts.bad_rows > 0 && !options.skip_bad_rows && !options.dry_run)
      return Error::Make(ErrorCode::kInvalidArgument, detail::kRejectedKey);
    if (file_size) {
      if (!file) {
        // Waited for once: the body runs once (Db::Write does not run it again).
        if (!hashing.valid()) return Error::Internal("import: the file's hash was already taken");
        Result<ImportFileContent> hashed = hashing.get();
        if (!hashed.ok()) return std::move(hashed).error();
        file = std::move(*hashed);
      }
      record.file_sha256 = file->sha256;
      record.file_size = file->size;
      // The file before the commit (in the folder) or with it (in the table).
      HOPTAC_TRY(files_.Put(conn, *file, options.source_name));
      const ImportCounts& c = result.counts;
      record.rows_read = c.rows_read;
      record.created = c.created;
      record.updated = c.updated;
      record.unchanged = c.unchanged;
      record.skipped = c.bad_rows;
      HOPTAC_TRY(FinishImport(conn, record));
      storage::AuditRecord audit;
      audit.at_ms = record.at_ms;
      audit.actor_user_id = record.actor_user_id;
      audit.actor_name = record.actor_name;
      audit.address = record.address;
      audit.action = "import." + record.type;
      audit.object_type = "import";
      audit.object_id = std::to_string(record.id);
      audit.province_code = record.province_code;
      boost::json::object after = ImportRecordJson(record);
      after["unconfirmed_rows"] = c.unconfirmed_rows;
      after["events_added"] = c.events_added;
      after["skip_bad_rows"] = options.skip_bad_rows;
      after["confirm_warnings"] = options.confirm_warnings;
      audit.after_json = boost::json::serialize(after);
      HOPTAC_TRY(storage::AppendAudit(conn, audit));
    }
    HOPTAC_ASSIGN_OR_RETURN(result.registry_version, RegistryVersion(conn));
    return Ok();
  };
  Status status = options.dry_run ? db_.Read(body) : db_.Write(body);
  std::stable_sort(result.problems.begin(), result.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  if (!status.ok()) {
    const Error& error = status.error();
    if (detail::ImportRun::IsCancelled(error)) {
      result.outcome = ImportOutcome::kCancelled;
    } else if (error.key == detail::kRejectedKey) {
      result.outcome = ImportOutcome::kRejected;
    } else {
      return std::move(status).error();
    }
    // Nothing was written: report the version as it stands.
    (void)db_.Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(result.registry_version, RegistryVersion(conn));
      return Ok();
    });
    return result;
  }
  result.outcome = options.dry_run ? ImportOutcome::kDryRun : ImportOutcome::kCommitted;
  if (file) {
    result.import_id = record.id;
    result.file_sha256 = record.file_sha256;
  }
  if (run->version() != 0) {
    if (RegistryObserver* observer = observer_.load()) observer->Reload();
  }
  return result;
}

namespace {

std::vector<std::string> ReportHeader() {
  return {"Dòng / Row",        "Cột / Column",       "Trường / Field",  "Giá trị / Value",
          "Mức độ / Severity", "Lý do (tiếng Việt)", "Reason (English)"};
}

std::vector<std::string> ReportRow(const ImportProblem& p) {
  return {p.row > 0 ? std::to_string(p.row) : std::string(),
          p.column,
          p.field,
          p.value,
          SeverityName(p.severity),
          p.Reason(i18n::Lang::kVi),
          p.Reason(i18n::Lang::kEn)};
}

template <class Writer>
Status WriteCsvRows(const ImportResult& result, Writer& writer) {
  HOPTAC_TRY(writer.WriteRow(ReportHeader()));
  for (const ImportProblem& p : result.problems) {
    std::vector<std::string> row = ReportRow(p);
    row[3] = io::AsTextCell(row[3]);  // the cell as the user's file had it: never a live formula
    HOPTAC_TRY(writer.WriteRow(row));
  }
  return writer.Close();
}

}  // namespace

Status WriteProblemsCsv(const ImportResult& result, const std::string& path) {
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::CsvWriter::Create(path));
  return WriteCsvRows(result, *writer);
}

Status WriteProblemsCsvToString(const ImportResult& result, std::string& out) {
  auto writer = io::CsvWriter::ToString(out);
  return WriteCsvRows(result, *writer);
}

Status WriteProblemsXlsx(const ImportResult& result, const std::string& path) {
  io::XlsxStreamOptions options;
  options.sheet_name = "Loi nhap - Import problems";
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
  HOPTAC_TRY(writer->WriteHeader(ReportHeader()));
  for (const ImportProblem& p : result.problems) {
    std::vector<std::string> row = ReportRow(p);
    std::vector<io::XlsxCell> cells;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i == 0 && p.row > 0) {
        cells.emplace_back(static_cast<double>(p.row));
      } else if (row[i].empty()) {
        cells.emplace_back(std::monostate{});
      } else {
        cells.emplace_back(std::string_view(row[i]));
      }
    }
    HOPTAC_TRY(writer->WriteRow(std::span<const io::XlsxCell>(cells)));
  }
  return writer->Close();
}

}  // namespace hoptac::registry

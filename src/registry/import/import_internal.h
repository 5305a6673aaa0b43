// Internals of the importer shared by import.cpp and import_{entities,events,figures}.cpp:
// the run that reads rows and records problems, and bulk SQL helpers.
//
// Thread-safety: an ImportRun is used by one thread.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "geo/admin_unit.h"
#include "io/table.h"
#include "registry/import/import.h"
#include "registry/import/import_columns.h"
#include "registry/import/import_values.h"
#include "storage/audit.h"
#include "storage/db.h"

namespace hoptac::registry::detail {

inline constexpr size_t kBatchRows = 1000;
// Writes waiting for the writer thread (each about a batch).
inline constexpr size_t kMaxPendingWrites = 8;

// How one row went.
struct RowState {
  bool error = false;               // not written
  bool warning = false;             // implausible values
  bool failed = false;              // an error problem (not only an unconfirmed warning)
  bool needs_confirmation = false;  // held back until its warnings are confirmed
  int problems = 0;
  Severity worst() const { return error ? Severity::kError : Severity::kWarning; }
};

struct RunContext {
  const auth::Principal& who;
  const ImportOptions& options;
  const geo::AdminUnitDirectory& units;
  const ProvinceResolver& provinces;
  int64_t now_ms = 0;
  NumberStyle style = NumberStyle::kVietnameseFirst;
  bool write_allowed = true;  // false for a dry run
  int64_t file_size = 0;      // of the original file, in bytes (0 for a dry run)
};

// What an importer makes of a row on the reader thread (PreParse), handed to OnRow.
struct PreParsed {
  virtual ~PreParsed() = default;
};

class ImportRun {
 public:
  ImportRun(const RunContext& context, ColumnMap map, ImportResult& result);
  virtual ~ImportRun();

  // Start(), OnRow() for every data row, Finish(), then the last audit rows.
  // Three threads: rows are read (and PreParse()d) by a reader thread, a few hundred
  // rows ahead; this one validates them against the registry and builds the rows to
  // write; the writes it Submit()s run on a writer thread, in order, in the same
  // transaction. Both queues are bounded, so memory does not grow with the file.
  // Returns the error that ends the import: a read error of the source, a
  // database failure (the first one, of either thread), or the cancellation
  // (IsCancelled()). Every submitted write has run (or the run failed) when it returns.
  Status Run(storage::Connection& conn, io::RowSource& source);

  // Whether the run wrote anything (and so took a registry version).
  int64_t version() const { return version_; }
  // The import's row (import_records.h), before Run(); 0 for a dry run.
  void SetImport(int64_t import_id) { import_id_ = import_id; }

  static Error Cancelled();
  static bool IsCancelled(const Error& error);

 protected:
  virtual Status Start() = 0;
  virtual Status OnRow(int row, std::vector<std::string>& cells, std::unique_ptr<PreParsed> parsed) = 0;
  // Runs on the reader thread for every row that is not a row error: work that
  // needs no database and touches no state of the run (it must not record problems:
  // keep them in the PreParsed for OnRow). Default: nothing.
  virtual std::unique_ptr<PreParsed> PreParse(int row, std::vector<std::string>& cells);
  virtual Status Finish() = 0;
  // The column a field error is about ("union_id" → "union_registration_code").
  virtual std::string_view ColumnOfField(std::string_view field) const;

  const ColumnMap& map() const { return map_; }
  // The cell of `column` in `cells`, trimmed; "" when the file lacks the column.
  std::string_view Cell(const std::vector<std::string>& cells, std::string_view column) const;
  bool Has(std::string_view column) const { return map_.Has(column); }
  // The same by index into ImportColumns(type) (no name lookup: for the hot path).
  std::string_view Cell(const std::vector<std::string>& cells, int column) const {
    int cell = map_.cell_of_column[column];
    return cell < 0 || static_cast<size_t>(cell) >= cells.size() ? std::string_view() : TrimCell(cells[cell]);
  }
  bool Has(int column) const { return map_.cell_of_column[column] >= 0; }

  // Records a problem of a row; `cells` gives the value shown (may be null).
  void AddProblem(RowState& state, int row, const std::vector<std::string>* cells, Severity severity,
                  const FieldError& error);
  // Every field error of a validation error (or the error itself when it has none),
  // as errors of the row.
  void AddErrors(RowState& state, int row, const std::vector<std::string>* cells, const Error& error,
                 std::string_view fallback_field);
  // A problem of a row no longer in memory, or a file-level problem (row 0).
  void AddProblemAt(int row, std::string column_field, std::string value, Severity severity, FieldError error);
  // Ends a row: counts it; a bad row stops further writes unless skip_bad_rows.
  void Settle(const RowState& state);
  // Adds a preview row (until kPreviewRows) and reports the preview when complete.
  void Preview(int row, std::vector<std::pair<std::string, std::string>> values, const RowState& state);
  // Whether Preview() still takes rows (build the values only then).
  bool WantsPreview() const { return result_.preview.size() < kPreviewRows; }
  void ReportPreview();

  // Writes are allowed: not a dry run, and no bad row yet (or skip_bad_rows).
  bool writing() const { return context_.write_allowed && !stopped_; }
  // The registry version of this import, taken at the first write.
  Result<int64_t> Version();
  // Province accounts import only their province's rows.
  bool InScope(const std::string& current_province_code) const;

  // Audit rows, written in bulk by FlushAudits() (after each batch and at the end).
  // AuditOf: a changed entity's row (action "entity.import"); ChangeJson: its
  // after_json, {"import_id": <id>} followed by the members of `changed`.
  storage::AuditRecord AuditOf(int64_t entity_id, const std::string& province_code) const;
  std::string ChangeJson(boost::json::object changed) const;
  int64_t import_id() const { return import_id_; }
  void AddAudit(storage::AuditRecord record) { audits_.push_back(std::move(record)); }
  Status FlushAudits();

  // Queues a write for the writer thread (it runs after every write submitted
  // before it). Blocks while kMaxPendingWrites wait. A job owns what it writes and
  // touches nothing else of the run. Returns the error of an earlier write, if any.
  using WriteJob = std::function<Status(storage::Connection&)>;
  Status Submit(WriteJob job);
  // The connection for this thread's own reads and writes: first waits until every
  // submitted write has run (an error of theirs is returned by Run()).
  storage::Connection& conn();
  storage::Backend backend() const { return conn_->backend(); }

  RunContext context_;
  ImportResult& result_;

 private:
  ColumnMap map_;
  storage::Connection* conn_ = nullptr;
  int64_t version_ = 0;
  int64_t import_id_ = 0;
  bool stopped_ = false;
  bool preview_reported_ = false;
  std::vector<storage::AuditRecord> audits_;
  class Writer;
  std::unique_ptr<Writer> writer_;  // started by the first Submit()

  Status RunRows(io::RowSource& source);
};

std::unique_ptr<ImportRun> MakeEntityImport(const RunContext& context, ColumnMap map, ImportResult& result);
std::unique_ptr<ImportRun> MakeEventImport(const RunContext& context, ColumnMap map, ImportResult& result);
std::unique_ptr<ImportRun> MakeFigureImport(const RunContext& context, ColumnMap map, ImportResult& result);

// "$first, $first+1, …" (count placeholders).
std::string Placeholders(size_t count, size_t first = 1);

// UPDATE table SET columns[k] = v.column<k+1> (k ≥ key_count) FROM (VALUES …) AS v
// WHERE table.columns[k] = v.column<k+1> (k < key_count), in batches; every value is
// bound and cast (BIGINT where integer[k], TEXT otherwise) so both backends agree
// on the types.
Status BulkUpdate(storage::Connection& conn, std::string_view table, std::span<const std::string> columns,
                  size_t key_count, const std::vector<bool>& integer, std::span<const storage::Row> rows);

// Ids (batched IN queries) → callback per row of `SELECT <select> FROM <from> WHERE
// <id_column> IN (…) <order>`.
Status QueryByIds(storage::Connection& conn, const std::string& select_from_where_in, std::string_view order_by,
                  std::span<const int64_t> ids, const storage::RowCallback& on_row);

}  // namespace hoptac::registry::detail

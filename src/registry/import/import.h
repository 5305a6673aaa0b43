// Import of the registry files: entities, status events and figures, from the CSV
// and XLSX files provincial alliances keep (see registry/columns.h for the
// canonical columns, registry/import_columns.h for the headings accepted, and
// registry/import_values.h for the spellings of values).
//
// One import is one write transaction:
//   - All or nothing by default: a file with any bad row writes nothing, and the
//     result lists every bad row (row as Excel/LibreOffice show it, column, value,
//     reason in Vietnamese and English). With skip_bad_rows the good rows are
//     written and the bad ones reported. A dry run validates everything the same
//     way (database checks included) and writes nothing.
//   - Rows upsert by registration_code. A row equal to what is stored is
//     "unchanged" and not written: importing the same file twice changes nothing the
//     second time (no write, no registry version, no audit row).
//   - Entities: columns present in the file are authoritative (an empty cell
//     clears a field); columns absent are left as stored. The province cell is read
//     by the rules of import_values.h (ProvinceResolver::Read): the row's
//     province_as_of, the import's as_of, the founding date (a stored entity: the
//     date its province was read at), then today's units and their successors. status
//     and status_since add the event that leads to that status when the history does
//     not already say so (the status on status_since, or today, differs), and the
//     whole history is validated. A union may be listed after its members.
//   - Events: appended when the entity has no event of the same date and type; the
//     whole resulting history of each entity is validated.
//   - Figures: upserted per (entity, period) and checked with domain::CheckFigures;
//     warnings (implausible figures) block the row like errors unless
//     confirm_warnings is set, in which case the row is stored as confirmed.
//   - Province accounts import only rows of their province (others are row
//     errors); national accounts and the CLI import anything; other roles nothing.
//   - Change tracking (registry/change.h): one NextRegistryVersion for the whole
//     import, taken at its first write; change_seq stamped on every touched entity;
//     the observer's Reload() after commit.
//   - Audit (import_records.h): a committed import is one operation — a row of the
//     table imports (who, from where, the file's name, SHA-256 and size, the
//     counts), its original file kept (import_files.h), and one audit row (action
//     "import.<type>", object "import:<id>"), even when every row was unchanged.
//     Entities it creates carry entities.import_id and import_row and get no audit
//     row of their own. A changed entity gets one row (action "entity.import") that
//     holds only what changed: before_json the old values of the changed fields,
//     after_json {"import_id": <id>, <the new values>} (events: "events_added";
//     figures: "figures", per period only the changed figures). Dry runs, rejected
//     and cancelled imports write nothing.
//
// Performance: rows are streamed (the file is never held whole) through three
// threads: a reader reads and parses (ImportRun's reader, a bounded queue of row
// chunks), the calling thread validates against the registry and builds the rows
// to write, and a writer thread runs those writes in order in the import's
// transaction (ImportRun::Submit, a bounded queue of batches). Existing
// registration codes are loaded once; rows are processed in batches of 1,000 with
// one query per batch for the stored records and bulk writes (CopyRows, UPDATE …
// FROM VALUES; SQLite's statements prepared once), so there is no round trip per row. New
// entities get their ids before they are written (SQLite: counting on from
// MAX(id) under the writer lock; PostgreSQL: blocks of the identity's sequence), so
// nothing waits for an insert to learn an id. Memory grows with the number of
// registration codes (about 100 bytes each), the events of an events file, and the
// problems found (at most kMaxProblems are kept; the import still counts the rest).
//
// Cancellation: the cancel flag is checked at every row; a cancelled import writes
// nothing and returns an ImportOutcome::kCancelled result.
//
// Thread-safety: ImportService is thread-safe; one Import() call runs on the
// calling thread (callbacks are called on it too) and two helper threads of its own,
// both joined before it returns.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "io/table.h"
#include "registry/change.h"
#include "registry/columns.h"
#include "registry/entity_service.h"
#include "registry/import/import_columns.h"
#include "registry/import/import_files.h"
#include "storage/db.h"
#include "text/i18n.h"

namespace hoptac::registry {

inline constexpr size_t kMaxProblems = 200'000;
inline constexpr size_t kPreviewRows = 20;

enum class Severity { kError, kWarning };
const char* SeverityName(Severity severity);  // "error" | "warning"

struct ImportProblem {
  int row = 0;         // the row as Excel and LibreOffice number it; 0: the file as a whole
  std::string column;  // the file's own heading ("Tên HTX"); empty when about the whole row
  std::string field;   // the canonical column ("name")
  std::string value;   // the cell as written
  Severity severity = Severity::kError;
  std::string code;  // stable code, e.g. "invalid_date", "income_too_high"
  std::string key;   // i18n key of the reason
  std::vector<std::string> args;

  std::string Reason(i18n::Lang lang) const { return i18n::Translate(lang, key, args); }
};

struct ImportCounts {
  int64_t rows_read = 0;         // data rows read (blank rows not counted)
  int64_t created = 0;           // entities / events / figure rows created (or that would be)
  int64_t updated = 0;           // entities / figure rows changed
  int64_t unchanged = 0;         // rows equal to what is stored
  int64_t bad_rows = 0;          // rows with an error or an unconfirmed warning: not written
  int64_t unconfirmed_rows = 0;  // of bad_rows, those held back only by warnings to confirm
  int64_t warning_rows = 0;      // rows with warnings (confirmed or not)
  int64_t events_added = 0;      // entities: status events added from status/status_since
};

enum class ImportOutcome {
  kCommitted,  // written (possibly nothing, when every row was unchanged)
  kRejected,   // bad rows and no skip_bad_rows: nothing written
  kDryRun,     // nothing written by request
  kCancelled,  // cancelled: nothing written
};
const char* ImportOutcomeName(ImportOutcome outcome);  // "committed" | "rejected" | "dry_run" | "cancelled"

struct DetectedColumn {
  std::string header;  // as in the file
  std::string column;  // canonical column; empty for an unknown or ignored heading
  int64_t scale = 1;   // money unit read from the heading ("(triệu đồng)": 1000000)
};

// A data row as the importer understood it, for a preview screen.
struct PreviewRow {
  int row = 0;
  std::vector<std::pair<std::string, std::string>> values;  // canonical column → value in canonical spelling
  Severity worst = Severity::kWarning;                      // meaningful when problems > 0
  int problems = 0;
};

struct ImportResult {
  FileType type = FileType::kEntities;
  ImportOutcome outcome = ImportOutcome::kCommitted;
  ImportCounts counts;
  std::vector<DetectedColumn> columns;  // one per header cell
  std::vector<std::string> unknown_headers;
  std::vector<PreviewRow> preview;      // the first kPreviewRows data rows
  std::vector<ImportProblem> problems;  // sorted by row
  int64_t problems_total = 0;           // problems found, including those past kMaxProblems
  int64_t registry_version = 0;         // after the import
  int64_t import_id = 0;                // committed: its row of the table imports
  std::string file_sha256;              // committed: the original file's SHA-256 (hex)

  // Something was written.
  bool wrote() const { return outcome == ImportOutcome::kCommitted && (counts.created + counts.updated) > 0; }
};

struct ImportOptions {
  FileType type = FileType::kEntities;
  bool dry_run = false;
  bool skip_bad_rows = false;
  bool confirm_warnings = false;
  // Entities: the date province cells are read at when a row has no province_as_of
  // (rule 2 of import_values.h); nullopt: each row's founding date.
  std::optional<Date> as_of;
  std::string source_name;  // the file's name, kept with the import
  // The original file, kept with a committed import (import_files.h): `file_path`, the
  // file the source reads (hashed before the import, copied at its commit), or
  // `file_bytes`, an upload in memory. A committed import needs one of them.
  std::string file_path;
  std::shared_ptr<const std::string> file_bytes;
  std::string job_id;  // the API job the import runs as (recorded with it)
  // Called with the number of rows read, every 1,000 rows and at the end.
  std::function<void(int64_t rows_read)> on_progress;
  // Called once the columns are mapped and the preview rows are known (after the first
  // kPreviewRows rows, or at the end of a shorter file).
  std::function<void(const std::vector<DetectedColumn>&, const std::vector<PreviewRow>&)> on_preview;
  // Checked at every row; when set the import stops and writes nothing.
  const std::atomic<bool>* cancel = nullptr;
};

// An import's as_of: entities only, and not after today. Errors (kInvalidArgument, field
// "as_of"): field.as_of_entities_only, field.date_in_future.
Status CheckImportAsOf(FileType type, const std::optional<Date>& as_of);

class ImportService {
 public:
  ImportService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> admin_units, NowMs now_ms = nullptr);
  ~ImportService();

  // Imports `source` (its header already read). Errors — the file is refused and
  // nothing is written: kUnauthenticated / kPermissionDenied for callers who may not
  // write the registry; the header errors of MapColumns; final read errors of the
  // source (not UTF-8, malformed XLSX, …); "error.file_unreadable" when the original
  // file cannot be read to be kept, kConflict "error.import_file_changed" when it
  // changed during the import, kInternal when neither file_path nor file_bytes is
  // set (not a dry run); database failures. Bad rows are not
  // errors: they are in the result (outcome kRejected unless skip_bad_rows).
  Result<ImportResult> Import(const auth::Principal& who, io::RowSource& source, const ImportOptions& options);

  // Told after every committed import that wrote something (Reload). Set before
  // the service is shared; the observer must outlive the service.
  void SetObserver(RegistryObserver* observer) { observer_.store(observer); }

  struct Shared;  // immutable lookup tables (province names), built once

 private:
  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> admin_units_;
  std::unique_ptr<Shared> shared_;
  ImportFileStore files_;
  NowMs now_ms_;
  std::atomic<RegistryObserver*> observer_{nullptr};
};

// The problems of a result as a table: row, column, field, value, severity, reason
// in Vietnamese, reason in English. CSV: UTF-8 with BOM (opens in Excel); XLSX: one
// sheet, header in bold. Errors: those of the io writers.
Status WriteProblemsCsv(const ImportResult& result, const std::string& path);
Status WriteProblemsCsvToString(const ImportResult& result, std::string& out);
Status WriteProblemsXlsx(const ImportResult& result, const std::string& path);

}  // namespace hoptac::registry

// The one JSON of an import job (import_jobs.h) as the table import_jobs keeps it
// (import_job_store.h): the snapshot a server writes of its job, which any server
// reads back into the same ImportJob. Language-neutral: errors and problems are kept as
// i18n keys and arguments and translated when answering (api/imports.cpp builds the
// API's own answer from the ImportJob).
//
// Snapshot: {"id", "owner_user_id", "owner_name", "type", "dry_run", "skip_bad_rows",
// "confirm_warnings", "as_of" (YYYY-MM-DD | null), "file_name", "format", "bytes",
// "state", "rows_read", "submitted_at_ms", "started_at_ms", "finished_at_ms",
// "error": null | {"code", "key", "args", "fields": [{"field", "code", "key", "args"}]},
// "columns": [{"header", "column", "scale"}],
// "preview": [{"row", "values": [[column, value], …], "worst", "problems"}],
// "result": null | {"type", "outcome", "counts": {rows_read, created, updated, unchanged,
//   bad_rows, unconfirmed_rows, warning_rows, events_added}, "columns", "unknown_headers",
//   "preview", "problems" (the first `max_problems`), "problems_total", "registry_version",
//   "import_id", "file_sha256"}}.
// A problem: {"row", "column", "field", "value", "severity", "code", "key", "args"}.
// An error's `detail` (for logs only) is not kept.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/import/import_jobs.h"

namespace hoptac::registry {

// The snapshot of `job`; its result keeps the first `max_problems` problems.
boost::json::object ImportJobJson(const ImportJob& job, size_t max_problems);
// Reads a snapshot back. Errors: kInternal when `text` is not a snapshot.
Result<ImportJob> ImportJobFromJson(std::string_view text);

// Problems as a JSON array, and back (kInternal when `text` is not such an array).
boost::json::array ImportProblemsJson(std::span<const ImportProblem> problems);
Result<std::vector<ImportProblem>> ImportProblemsFromJson(std::string_view text);

}  // namespace hoptac::registry

// Export: any filtered list of entities — or their status events, or their
// figures — written to a CSV or XLSX file with the canonical columns and
// spellings of registry/columns.h, so that the file imports back unchanged.
//
// The rows stream from the database in pages of entities (keyset on the id,
// inside one read transaction, so the file is one consistent snapshot) and go
// straight to the writer (io::CsvWriter; io::XlsxStreamWriter, which deflates the
// sheet as it goes, on a second core): memory does not grow with the number of
// rows, and no temporary file is written beside the output. Rows are in registry order
// (entity id; an entity's events by date, its figures by period), which puts
// unions before the cooperatives that name them.
//
// Selection: exactly what the list API returns for the same filters and caller
// (registry/entity_query.h, scope included; offset and limit are ignored).
// Columns: national roles, province accounts and cooperative accounts get every
// canonical column. Partners and anonymous callers see only the public fields of
// an entity (EntityService::ToJson): their entities file has the columns kind,
// name, province_code, commune_code, sector, founded_on, status, status_since,
// and they may not export events or figures, which are keyed by the
// registration code, a non-public field (kUnauthenticated for anonymous callers,
// kPermissionDenied for partners).
//
// The status column is the status on the filters' as_of date (today when
// absent) and status_since the date it began (the event that led to it; the
// founding date for an entity active since founding); both empty before founding.
//
// Thread-safety: the functions are thread-safe (each call has its own writer).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/columns.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::registry {

enum class ExportFormat { kCsv, kXlsx };
inline constexpr ExportFormat kExportFormats[] = {ExportFormat::kCsv, ExportFormat::kXlsx};

const char* ExportFormatName(ExportFormat format);  // "csv" | "xlsx"
std::optional<ExportFormat> ExportFormatFromName(std::string_view name);
// "csv, xlsx": the allowed values in error messages.
std::string ExportFormatNames();
// From a file name's extension, ignoring case: ".csv", ".xlsx"; nullopt otherwise.
std::optional<ExportFormat> ExportFormatFromPath(std::string_view path);
// MIME type: "text/csv; charset=utf-8" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".
const char* ExportContentType(ExportFormat format);

// The data rows an XLSX sheet holds below its header.
inline constexpr int64_t kMaxXlsxDataRows = 1'048'575;

struct ExportRequest {
  FileType file = FileType::kEntities;
  ExportFormat format = ExportFormat::kCsv;
  EntityFilters filters;  // offset and limit are ignored
  // Vietnamese headings (import/import_columns.h VietnameseHeading) and Vietnamese labels for
  // the coded cells: kind, sector, status, chair_sex, event ("Hợp tác xã", "Đang hoạt động"),
  // yes/no as "Có"/"Không". The importer reads both back. Off: the canonical columns and codes.
  bool vietnamese = false;
  // Called with the rows written so far, about every 10,000 rows and once at the end.
  std::function<void(int64_t rows)> on_progress;
};

struct ExportSummary {
  int64_t entities = 0;  // entities selected
  int64_t rows = 0;      // data rows written (without the header)
  std::vector<std::string> columns;
};

// The columns of a file for a caller (see above).
std::vector<std::string> ExportColumns(FileType file, const auth::Principal& who);

// Writes the file at `path` (created or truncated). Errors: those of
// BuildEntityQuery; kUnauthenticated / kPermissionDenied as above;
// kInvalidArgument "error.export_too_many_rows_xlsx" {limit} when an XLSX file
// would get more than kMaxXlsxDataRows rows; "error.file_unwritable" {name}; a
// database error. On any error the file is removed: nothing is half-written.
Result<ExportSummary> ExportToFile(storage::Db& db, const geo::AdminUnitDirectory& units, const auth::Principal& who,
                                   const ExportRequest& request, const std::string& path);

// An import template (GET /api/v1/imports/template): the Vietnamese heading of every column the
// importer reads (import/import_columns.h ImportColumns), a coded column's allowed values (its
// Vietnamese labels) in brackets after its heading, which the importer ignores, as it does a
// money column's unit "(đồng)"; then one example row that imports as it is. Errors:
// "error.file_unwritable" {name}.
Status WriteImportTemplate(FileType file, ExportFormat format, const std::string& path);

}  // namespace hoptac::registry

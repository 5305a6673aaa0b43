// Exports: /api/v1/exports/{entities,events,figures} (registry/export.h). The file is
// written to a temporary file and streamed from disk (Response::file_path), so the
// server's memory stays flat however many rows there are.
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "registry/api/routes.h"
#include "registry/entity_query.h"
#include "registry/export.h"

namespace hoptac::registry::api {

namespace {

// Exports run at most this many at once: each keeps a worker and a core busy for
// seconds on a large registry; more wait their turn at the client (429, Retry-After).
constexpr int kMaxConcurrentExports = 2;
std::atomic<int> running_exports{0};

class ExportSlot {
 public:
  ExportSlot() : taken_(running_exports.fetch_add(1) < kMaxConcurrentExports) {}
  ~ExportSlot() { running_exports.fetch_sub(1); }
  bool taken() const { return taken_; }

 private:
  bool taken_;
};

Result<Response> Export(const Services& services, registry::FileType file, Request& request) {
  HOPTAC_TRY(CheckQueryParameters(
      request, {"format", "kind", "province", "status", "as_of", "q", "sector", "commune", "legacy_province",
                "women_managed", "youth", "founded_from", "founded_to", "sort", "headings"}));
  registry::ExportRequest export_request;
  export_request.file = file;
  // Vietnamese headings and labels for a Vietnamese request (Accept-Language), unless
  // headings=canonical asks for the import columns and codes as they are.
  export_request.vietnamese = request.lang == i18n::Lang::kVi;
  if (auto headings = request.Query("headings")) {
    if (*headings != "vi" && *headings != "canonical")
      return Error::InvalidField("headings", "invalid_enum", "field.invalid_enum",
                                 {std::string(*headings), "vi, canonical"});
    export_request.vietnamese = *headings == "vi";
  }
  if (auto format = request.Query("format")) {
    auto parsed = registry::ExportFormatFromName(*format);
    if (!parsed)
      return Error::InvalidField("format", "invalid_enum", "field.invalid_enum",
                                 {std::string(*format), registry::ExportFormatNames()});
    export_request.format = *parsed;
  }
  // The filters include the list's sort, so that a list's address exports as it is (and a bad sort
  // is refused); files are always written in registry order (id), which keeps the export streamed.
  HOPTAC_ASSIGN_OR_RETURN(export_request.filters, EntityFiltersFromQuery(request));
  ExportSlot slot;
  if (!slot.taken()) return Error::Make(ErrorCode::kTooManyRequests, "error.export_busy", {"5"});

  std::error_code ec;
  std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
  if (ec) folder = "/tmp";
  std::string path = (folder / "hoptac-export-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Error::Internal("export: cannot create a temporary file in " + folder.string());
  close(fd);
  auto summary = registry::ExportToFile(*services.db, *services.admin_units, request.principal, export_request, path);
  if (!summary.ok()) {
    std::filesystem::remove(path, ec);
    return std::move(summary).error();
  }

  // hoptac-entities-79-2026-11-23.xlsx: what, where (the province filter or the
  // caller's province), as of when.
  std::string name = std::string("hoptac-") + registry::FileTypeName(file);
  std::string province = export_request.filters.province;
  if (province.empty() && request.principal.province_bound()) province = request.principal.province_code;
  bool plain =
      !province.empty() && province.size() <= 3 && province.find_first_not_of("0123456789") == std::string::npos;
  if (plain) name += "-" + province;
  name += "-" + export_request.filters.as_of.value_or(Date::Today()).ToIso();
  name += std::string(".") + registry::ExportFormatName(export_request.format);

  Response response;
  response.content_type = registry::ExportContentType(export_request.format);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Export-Rows", std::to_string(summary->rows));
  response.file_path = path;
  response.remove_file = true;
  return response;
}

}  // namespace

void AddExportRoutes(Router& router, const Services& services) {
  router.Add({"GET", "/api/v1/exports/entities", "exports.entities", Access::kPublic, Execution::kWorker,
              [services](Request& request) { return Export(services, registry::FileType::kEntities, request); }});
  router.Add({"GET", "/api/v1/exports/events", "exports.events", Access::kAuthenticated, Execution::kWorker,
              [services](Request& request) { return Export(services, registry::FileType::kEvents, request); }});
  router.Add({"GET", "/api/v1/exports/figures", "exports.figures", Access::kAuthenticated, Execution::kWorker,
              [services](Request& request) { return Export(services, registry::FileType::kFigures, request); }});
}

}  // namespace hoptac::registry::api

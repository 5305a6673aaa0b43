// Import jobs: /api/v1/imports (registry/import/import_jobs.h: any server on the
// database answers for a job). The file is the request body (CSV or XLSX, recognised
// from its first bytes), up to kMaxImportBytes.
// Committed imports (registry/import/import_records.h): /api/v1/imports/{number} and
// /api/v1/imports/{number}/file. A job's id always starts with a letter, so the path
// names one or the other.
#include <unistd.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "io/format_detect.h"
#include "registry/api/routes.h"
#include "registry/export.h"
#include "registry/import/import_jobs.h"
#include "text/utf8.h"

namespace hoptac::registry::api {

namespace {

constexpr size_t kMaxImportBytes = size_t{200} << 20;
constexpr std::chrono::minutes kUploadTimeout{10};

using registry::ImportJob;

Error Unavailable() { return Error::Make(ErrorCode::kUnavailable, "error.imports_unavailable"); }

boost::json::value ErrorJson(const Error& error, i18n::Lang lang) {
  boost::json::array fields;
  for (const FieldError& f : error.fields)
    fields.push_back({{"field", f.field}, {"code", f.code}, {"message", i18n::Translate(lang, f.key, f.args)}});
  return boost::json::object{{"code", ErrorCodeName(error.code)},
                             {"key", error.key},
                             {"message", i18n::Translate(lang, error.key, error.args)},
                             {"fields", std::move(fields)}};
}

boost::json::object CountsJson(const registry::ImportCounts& c) {
  return {{"rows_read", c.rows_read},
          {"created", c.created},
          {"updated", c.updated},
          {"unchanged", c.unchanged},
          {"bad_rows", c.bad_rows},
          {"warning_rows", c.warning_rows},
          {"unconfirmed_rows", c.unconfirmed_rows},
          {"events_added", c.events_added}};
}

boost::json::object JobJson(const ImportJob& job, i18n::Lang lang, bool details) {
  auto ms = [](int64_t value) { return value ? boost::json::value(value) : boost::json::value(); };
  boost::json::object o{{"id", job.id},
                        {"type", registry::FileTypeName(job.type)},
                        {"state", registry::JobStateName(job.state)},
                        {"outcome", job.result ? boost::json::value(registry::ImportOutcomeName(job.result->outcome))
                                               : boost::json::value()},
                        {"owner", job.owner_name},
                        {"file_name", job.file_name},
                        {"format", job.format},
                        {"bytes", job.bytes},
                        {"dry_run", job.dry_run},
                        {"skip_bad_rows", job.skip_bad_rows},
                        {"confirm_warnings", job.confirm_warnings},
                        {"as_of", job.as_of ? boost::json::value(job.as_of->ToIso()) : boost::json::value()},
                        {"submitted_at_ms", job.submitted_at_ms},
                        {"started_at_ms", ms(job.started_at_ms)},
                        {"finished_at_ms", ms(job.finished_at_ms)},
                        {"rows_read", job.rows_read}};
  o["counts"] = job.result ? boost::json::value(CountsJson(job.result->counts)) : boost::json::value();
  o["registry_version"] = job.result ? boost::json::value(job.result->registry_version) : boost::json::value();
  o["import_id"] =
      job.result && job.result->import_id ? boost::json::value(job.result->import_id) : boost::json::value();
  o["error"] = job.error ? ErrorJson(*job.error, lang) : boost::json::value();
  o["problems_total"] = job.result ? job.result->problems_total : 0;
  if (!details) return o;
  boost::json::array columns;
  boost::json::array unknown;
  for (const registry::DetectedColumn& c : job.columns) {
    columns.push_back({{"header", c.header},
                       {"column", c.column.empty() ? boost::json::value() : boost::json::value(c.column)},
                       {"scale", c.scale}});
    if (c.column.empty()) unknown.push_back(boost::json::value(c.header));
  }
  o["columns"] = std::move(columns);
  o["unknown_headers"] = std::move(unknown);
  boost::json::array preview;
  for (const registry::PreviewRow& row : job.preview) {
    boost::json::object values;
    for (const auto& [column, value] : row.values) values[column] = value;
    preview.push_back(
        {{"row", row.row},
         {"values", std::move(values)},
         {"problems", row.problems},
         {"severity", row.problems ? boost::json::value(registry::SeverityName(row.worst)) : boost::json::value()}});
  }
  o["preview"] = std::move(preview);
  boost::json::array problems;
  if (job.result) {
    for (size_t i = 0; i < job.result->problems.size() && i < registry::kJobProblemsShown; ++i) {
      const registry::ImportProblem& p = job.result->problems[i];
      problems.push_back({{"row", p.row},
                          {"column", p.column},
                          {"field", p.field},
                          {"value", p.value},
                          {"severity", registry::SeverityName(p.severity)},
                          {"code", p.code},
                          {"message", p.Reason(lang)},
                          {"message_vi", p.Reason(i18n::Lang::kVi)},
                          {"message_en", p.Reason(i18n::Lang::kEn)}});
    }
  }
  o["problems"] = std::move(problems);
  return o;
}

std::string JobId(const Request& request) { return std::string(request.PathParam("id")); }

// A committed import's id: the path's {id} when it is a number (job ids start with a letter).
std::optional<int64_t> ImportId(const Request& request) {
  std::string_view text = request.PathParam("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The content type of a kept file, from its first bytes.
std::string ContentTypeOf(std::string_view bytes) {
  switch (io::DetectFormat(bytes.substr(0, 512))) {
    case io::FileFormat::kXlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case io::FileFormat::kCsv: return "text/csv; charset=utf-8";
    default: return "application/octet-stream";
  }
}

// The report as an XLSX file's bytes (the XLSX writer writes files only).
Result<std::string> XlsxBytes(const registry::ImportResult& result, const std::string& id) {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("hoptac-import-report-" + id + "-" + std::to_string(getpid()) + ".xlsx");
  Status written = registry::WriteProblemsXlsx(result, path.string());
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!written.ok()) return std::move(written).error();
  return bytes;
}

}  // namespace

void AddImportRoutes(Router& router, const Services& services) {
  registry::ImportJobs* jobs = services.imports;

  router.Add({"GET", "/api/v1/imports", "imports.list", Access::kAuthenticated, Execution::kWorker,
              [jobs](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                if (!jobs) return Unavailable();
                HOPTAC_ASSIGN_OR_RETURN(std::vector<ImportJob> listed, jobs->List(request.principal));
                boost::json::array items;
                for (const ImportJob& job : listed) items.push_back(JobJson(job, request.lang, false));
                return Response::Json(boost::json::object{{"total", items.size()}, {"items", std::move(items)}});
              }});

  Route create{"POST",
               "/api/v1/imports",
               "imports.create",
               Access::kAuthenticated,
               Execution::kWorker,
               [jobs](Request& request) -> Result<Response> {
                 HOPTAC_TRY(CheckQueryParameters(
                     request, {"type", "dry_run", "skip_bad_rows", "confirm_warnings", "as_of", "filename"}));
                 registry::ImportJobRequest job;
                 auto type = request.Query("type");
                 if (!type) return Error::InvalidField("type", "required", "field.required");
                 auto parsed = registry::FileTypeFromName(*type);
                 if (!parsed)
                   return Error::InvalidField("type", "invalid_enum", "field.invalid_enum",
                                              {std::string(*type), "entities, events, figures"});
                 job.type = *parsed;
                 HOPTAC_ASSIGN_OR_RETURN(job.dry_run, BoolParameter(request, "dry_run"));
                 HOPTAC_ASSIGN_OR_RETURN(job.skip_bad_rows, BoolParameter(request, "skip_bad_rows"));
                 HOPTAC_ASSIGN_OR_RETURN(job.confirm_warnings, BoolParameter(request, "confirm_warnings"));
                 HOPTAC_ASSIGN_OR_RETURN(job.as_of, DateParameter(request, "as_of"));
                 HOPTAC_TRY(registry::CheckImportAsOf(job.type, job.as_of));
                 job.file_name = std::string(request.Query("filename").value_or(""));
                 text::TruncateUtf8(job.file_name, 255);  // never half a character
                 if (!jobs) return Unavailable();
                 job.data = std::move(request.body);
                 HOPTAC_ASSIGN_OR_RETURN(ImportJob created, jobs->Submit(request.principal, std::move(job)));
                 Response response = Response::Json(JobJson(created, request.lang, true), 202);
                 response.headers.emplace_back("Location", "/api/v1/imports/" + created.id);
                 return response;
               }};
  create.body_limit = kMaxImportBytes;
  create.body_timeout = kUploadTimeout;
  router.Add(std::move(create));

  // An empty file to fill in (before /imports/{id}, which would take "template" for an id).
  router.Add({"GET", "/api/v1/imports/template", "imports.template", Access::kAuthenticated, Execution::kWorker,
              [](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {"type", "format"}));
                auto type = request.Query("type");
                if (!type) return Error::InvalidField("type", "required", "field.required");
                auto file = registry::FileTypeFromName(*type);
                if (!file)
                  return Error::InvalidField("type", "invalid_enum", "field.invalid_enum",
                                             {std::string(*type), "entities, events, figures"});
                registry::ExportFormat format = registry::ExportFormat::kXlsx;
                if (auto name = request.Query("format")) {
                  auto parsed = registry::ExportFormatFromName(*name);
                  if (!parsed)
                    return Error::InvalidField("format", "invalid_enum", "field.invalid_enum",
                                               {std::string(*name), registry::ExportFormatNames()});
                  format = *parsed;
                }
                std::error_code ec;
                std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
                if (ec) folder = "/tmp";
                std::string path = (folder / "hoptac-template-XXXXXX").string();
                int fd = mkstemp(path.data());
                if (fd < 0) return Error::Internal("template: cannot create a temporary file in " + folder.string());
                close(fd);
                if (Status written = registry::WriteImportTemplate(*file, format, path); !written.ok()) {
                  std::filesystem::remove(path, ec);
                  return std::move(written).error();
                }
                Response response;
                response.content_type = registry::ExportContentType(format);
                response.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"mau-nhap-") +
                                                                         registry::FileTypeName(*file) + "." +
                                                                         registry::ExportFormatName(format) + "\"");
                response.file_path = path;
                response.remove_file = true;
                return response;
              }});

  registry::ImportRecords* records = services.import_records;
  // A job (its id starts with a letter) or a committed import's record (a number).
  router.Add({"GET", "/api/v1/imports/{id}", "imports.get", Access::kAuthenticated, Execution::kWorker,
              [jobs, records](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                if (std::optional<int64_t> id = ImportId(request)) {
                  if (!records) return Unavailable();
                  HOPTAC_ASSIGN_OR_RETURN(registry::ImportRecord record, records->Get(request.principal, *id));
                  return Response::Json(registry::ImportRecordJson(record));
                }
                if (!jobs) return Unavailable();
                HOPTAC_ASSIGN_OR_RETURN(ImportJob job, jobs->Get(request.principal, JobId(request)));
                return Response::Json(JobJson(job, request.lang, true));
              }});

  // The original file of a committed import, as it was uploaded or read.
  router.Add({"GET", "/api/v1/imports/{id}/file", "imports.file", Access::kAuthenticated, Execution::kWorker,
              [records](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                std::optional<int64_t> id = ImportId(request);
                if (!id)
                  return Error::Make(ErrorCode::kNotFound, "error.import_not_found",
                                     {std::string(request.PathParam("id"))});
                if (!records) return Unavailable();
                HOPTAC_ASSIGN_OR_RETURN(auto file, records->File(request.principal, *id));
                Response response;
                response.content_type = ContentTypeOf(file.second);
                response.body = std::move(file.second);
                response.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(file.first.file_name));
                response.headers.emplace_back("X-Content-SHA256", file.first.file_sha256);
                return response;
              }});

  router.Add({"POST", "/api/v1/imports/{id}/cancel", "imports.cancel", Access::kAuthenticated, Execution::kWorker,
              [jobs](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                if (!jobs) return Unavailable();
                HOPTAC_ASSIGN_OR_RETURN(ImportJob job, jobs->Cancel(request.principal, JobId(request)));
                return Response::Json(JobJson(job, request.lang, true));
              }});

  router.Add({"GET", "/api/v1/imports/{id}/report", "imports.report", Access::kAuthenticated, Execution::kWorker,
              [jobs](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {"format"}));
                std::string_view format = request.Query("format").value_or("csv");
                if (format != "csv" && format != "xlsx")
                  return Error::InvalidField("format", "invalid_enum", "field.invalid_enum",
                                             {std::string(format), registry::ExportFormatNames()});
                if (!jobs) return Unavailable();
                HOPTAC_ASSIGN_OR_RETURN(ImportJob job,
                                        jobs->Get(request.principal, JobId(request), registry::JobProblems::kAll));
                if (!job.result) return Error::Make(ErrorCode::kConflict, "error.import_report_not_ready", {job.id});
                Response response;
                std::string name = "import-" + job.id + "-report." + std::string(format);
                if (format == "csv") {
                  HOPTAC_TRY(registry::WriteProblemsCsvToString(*job.result, response.body));
                  response.content_type = "text/csv; charset=utf-8";
                } else {
                  HOPTAC_ASSIGN_OR_RETURN(response.body, XlsxBytes(*job.result, job.id));
                  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                }
                response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
                return response;
              }});
}

}  // namespace hoptac::registry::api

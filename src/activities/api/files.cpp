// The activities' files (activities/activity_files.h): a participant list imported from and
// exported to CSV/XLSX, and activities exported and imported. Imports take the file as the
// raw request body (its format told from its first bytes) and answer a report; a file whose
// rows have errors is not applied and answers 200 with "applied": false and every error by
// row and column, as the registry's import reports a rejected file (a file that cannot be
// read at all — not UTF-8, no header, no name column — is a 400).
#include <boost/json.hpp>

#include "activities/activity_files.h"
#include "activities/activity_json.h"
#include "activities/api/routes_internal.h"

namespace hoptac::activities::api {

using http::Access;
using http::Execution;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

constexpr size_t kMaxFileBytes = size_t{10} << 20;  // 10 MiB
constexpr std::chrono::minutes kUploadTimeout{5};

json::array ProblemsJson(const std::vector<RowProblem>& problems, i18n::Lang lang) {
  json::array out;
  for (const RowProblem& p : problems)
    out.push_back({{"row", p.row},
                   {"column", p.column.empty() ? json::value(nullptr) : json::value(p.column)},
                   {"field", p.field.empty() ? json::value(nullptr) : json::value(p.field)},
                   {"code", p.key},
                   {"message", i18n::Translate(lang, p.key, p.args)}});
  return out;
}

json::object ReportJson(const ImportReport& r, i18n::Lang lang) {
  return {{"rows", r.rows},
          {"errors", ProblemsJson(r.errors, lang)},
          {"warnings", ProblemsJson(r.warnings, lang)},
          {"applied", r.applied}};
}

Result<TableFormat> FormatParameter(const Request& request) {
  std::string_view name = request.Query("format").value_or("xlsx");
  auto format = TableFormatFromName(name);
  if (!format)
    return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {std::string(name), "csv, xlsx"});
  return *format;
}

// A download of a file `write` writes, named `name` (RFC 6266, so a Vietnamese name keeps its accents).
Result<Response> Download(const std::function<Status(const std::string&)>& write, TableFormat format,
                          const std::string& name) {
  HOPTAC_ASSIGN_OR_RETURN(Response response, Response::WrittenFile(write, TableContentType(format), name));
  for (auto& [header, value] : response.headers)
    if (header == "Content-Disposition") value = http::AttachmentDisposition(name);
  return response;
}

}  // namespace

void AddFileRoutes(http::Router& router, const Services& services) {
  ActivityService* svc = services.activities;

  router.Add({"GET", "/api/v1/activities/export", "activities.export", Access::kAuthenticated, Execution::kWorker,
              [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"format", "type", "status", "province", "programme",
                                                                "content", "entity", "from", "to", "q"}));
                HOPTAC_ASSIGN_OR_RETURN(TableFormat format, FormatParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(ActivityQuery q, ReadActivityQuery(request));
                int64_t rows = 0;
                const std::string name =
                    "hoat-dong-" + Date::Today().ToIso() + "." + std::string(TableFormatName(format));
                HOPTAC_ASSIGN_OR_RETURN(Response response,
                                        Download(
                                            [&](const std::string& path) -> Status {
                                              HOPTAC_ASSIGN_OR_RETURN(
                                                  rows, WriteActivities(*svc, request.principal, q, format, path));
                                              return Ok();
                                            },
                                            format, name));
                response.headers.emplace_back("X-Export-Rows", std::to_string(rows));
                return response;
              }});

  http::Route import_activities{"POST",
                                "/api/v1/activities/import",
                                "activities.import",
                                Access::kAuthenticated,
                                Execution::kWorker,
                                [svc](Request& request) -> Result<Response> {
                                  HOPTAC_TRY(http::CheckQueryParameters(request, {"filename", "dry_run"}));
                                  HOPTAC_ASSIGN_OR_RETURN(bool dry_run, http::BoolParameter(request, "dry_run"));
                                  HOPTAC_ASSIGN_OR_RETURN(
                                      ActivitiesImport done,
                                      ImportActivities(*svc, request.principal, std::move(request.body), dry_run));
                                  json::object o = ReportJson(done.report, request.lang);
                                  json::array items;
                                  for (const Activity& a : done.items) items.push_back(ActivityJson(a));
                                  o["items"] = std::move(items);
                                  return Response::Json(o);
                                }};
  import_activities.body_limit = kMaxFileBytes;
  import_activities.body_timeout = kUploadTimeout;
  router.Add(std::move(import_activities));

  http::Route import_participants{
      "POST",
      "/api/v1/activities/{id}/participants/import",
      "activities.participants_import",
      Access::kAuthenticated,
      Execution::kWorker,
      [svc](Request& request) -> Result<Response> {
        HOPTAC_TRY(http::CheckQueryParameters(request, {"filename", "dry_run"}));
        HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
        HOPTAC_ASSIGN_OR_RETURN(bool dry_run, http::BoolParameter(request, "dry_run"));
        HOPTAC_ASSIGN_OR_RETURN(ParticipantsImport done,
                                ImportParticipants(*svc, request.principal, id, std::move(request.body), dry_run));
        json::object o = ReportJson(done.report, request.lang);
        json::array items;
        for (const Participant& p : done.items) items.push_back(ParticipantJson(p));
        o["items"] = std::move(items);
        o["participants"] = CountsJson(done.counts);
        return Response::Json(o);
      }};
  import_participants.body_limit = kMaxFileBytes;
  import_participants.body_timeout = kUploadTimeout;
  router.Add(std::move(import_participants));

  router.Add({"GET", "/api/v1/activities/{id}/participants/export", "activities.participants_export",
              Access::kAuthenticated, Execution::kWorker, [svc](Request& request) -> Result<Response> {
                HOPTAC_TRY(http::CheckQueryParameters(request, {"format"}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, http::IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(TableFormat format, FormatParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(auto list, svc->Participants(request.principal, id));
                const std::string name =
                    "danh-sach-hoc-vien-" + std::to_string(id) + "." + std::string(TableFormatName(format));
                return Download([&](const std::string& path) { return WriteParticipants(*svc, list, format, path); },
                                format, name);
              }});
}

}  // namespace hoptac::activities::api

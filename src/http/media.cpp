#include "http/media.h"

#include <chrono>

#include "media/media_json.h"
#include "text/normalize.h"

namespace hoptac::http {

namespace {

constexpr size_t kBodyLimit = media::kMaxBytes + (size_t{1} << 20);
constexpr std::chrono::minutes kUploadTimeout{5};
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

// Whether an If-None-Match header names `etag` (a list of tags, weak or strong, or "*").
bool Matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

void AddMediaRoutes(Router& router, media::MediaService* media) {
  Route upload{"POST",
               "/api/v1/images",
               "images.upload",
               Access::kAuthenticated,
               Execution::kWorker,
               [media](Request& request) -> Result<Response> {
                 HOPTAC_TRY(CheckQueryParameters(request, {"filename"}));
                 const std::string given(request.Query("filename").value_or(""));
                 // Composed (NFC) first: a name typed on a Mac arrives decomposed.
                 text::NormalizedText composed = text::NormalizeText(given);
                 HOPTAC_ASSIGN_OR_RETURN(
                     media::Image image,
                     media->Upload(request.principal, composed.valid ? composed.text : given, request.body));
                 Response response = Response::Json(media::ImageJson(image), 201);
                 response.headers.emplace_back("Location", "/api/v1/images/" + std::to_string(image.ref.id));
                 return response;
               }};
  upload.body_limit = kBodyLimit;
  upload.body_timeout = kUploadTimeout;
  router.Add(std::move(upload));
  router.Add({"GET", "/api/v1/images/{id}", "images.get", Access::kAuthenticated, Execution::kWorker,
              [media](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(media::Image image, media->Get(request.principal, id));
                return Response::Json(media::ImageJson(image));
              }});
  Route file{"GET",
             "/media/{name}",
             "media.file",
             Access::kPublic,
             Execution::kWorker,
             [media](Request& request) -> Result<Response> {
               // Query parameters are ignored (a cache-busting ?v= changes nothing).
               HOPTAC_ASSIGN_OR_RETURN(auto found, media->File(request.PathParam("name")));
               if (!found) return Error::Make(ErrorCode::kNotFound, "error.route_not_found", {request.path});
               Response response;
               response.content_type = found->content_type;
               response.headers.emplace_back("Cache-Control", kImmutable);
               response.headers.emplace_back("ETag", found->etag);
               response.headers.emplace_back("X-Content-Type-Options", "nosniff");
               if (found->content_type == "application/pdf")
                 response.headers.emplace_back("Content-Disposition", AttachmentDisposition(found->name));
               if (Matches(request.Header("if-none-match"), found->etag)) {
                 response.status = 304;
                 return response;
               }
               response.body = std::move(found->data);
               return response;
             }};
  // The same bytes for everyone: credentials are not read (a signed-in reader's browser and the
  // proxies cache it as for anyone, and no session is looked up per image).
  file.credentials = false;
  router.Add(std::move(file));
}

}  // namespace hoptac::http

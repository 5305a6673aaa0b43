#include "http/documents.h"

#include <chrono>

#include "attachments/attachment.h"

namespace hoptac::http {
namespace json = boost::json;

namespace {

// A little above the file limit, so a file just over it gets the attachments' own error.
constexpr size_t kBodyLimit = attachments::kMaxBytes + (size_t{1} << 20);
constexpr std::chrono::minutes kUploadTimeout{5};

}  // namespace

void AddDocumentRoutes(Router& router, const std::string& prefix, const std::string& name,
                       attachments::DocumentOwner* owner) {
  const std::string list = prefix + "/{id}/documents", one = prefix + "/{id}/documents/{doc_id}";
  router.Add({"GET", list, name + ".documents", Access::kAuthenticated, Execution::kWorker,
              [owner](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(auto documents, owner->Documents(request.principal, id));
                json::array items;
                for (const attachments::Attachment& a : documents) items.push_back(attachments::AttachmentJson(a));
                return Response::Json(json::object{{"items", std::move(items)}});
              }});
  Route add{"POST",
            list,
            name + ".document_add",
            Access::kAuthenticated,
            Execution::kWorker,
            [owner, prefix](Request& request) -> Result<Response> {
              HOPTAC_TRY(CheckQueryParameters(request, {"filename"}));
              HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
              const std::string file_name(request.Query("filename").value_or(""));
              HOPTAC_ASSIGN_OR_RETURN(attachments::Attachment a,
                                      owner->AddDocument(request.principal, id, file_name, request.body));
              Response response = Response::Json(attachments::AttachmentJson(a), 201);
              response.headers.emplace_back("Location",
                                            prefix + "/" + std::to_string(id) + "/documents/" + std::to_string(a.id));
              return response;
            }};
  add.body_limit = kBodyLimit;
  add.body_timeout = kUploadTimeout;
  router.Add(std::move(add));
  router.Add({"GET", one, name + ".document_get", Access::kAuthenticated, Execution::kWorker,
              [owner](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t doc, IdParameter(request, "doc_id"));
                HOPTAC_ASSIGN_OR_RETURN(auto found, owner->Document(request.principal, id, doc));
                Response response;
                response.content_type = found.first.content_type;
                response.body = std::move(found.second);
                response.headers.emplace_back("Content-Disposition", AttachmentDisposition(found.first.name));
                response.headers.emplace_back("X-Content-Type-Options", "nosniff");
                response.headers.emplace_back("X-Content-SHA256", found.first.sha256);
                return response;
              }});
  router.Add({"DELETE", one, name + ".document_delete", Access::kAuthenticated, Execution::kWorker,
              [owner](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_ASSIGN_OR_RETURN(int64_t doc, IdParameter(request, "doc_id"));
                HOPTAC_TRY(owner->DeleteDocument(request.principal, id, doc));
                Response r;
                r.status = 204;
                return r;
              }});
}

}  // namespace hoptac::http

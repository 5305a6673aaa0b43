// The routes of a record's documents, the same for every capability whose service is an
// attachments::DocumentOwner: GET/POST {prefix}/{id}/documents and GET/DELETE
// {prefix}/{id}/documents/{doc_id}, named "{name}.documents", "{name}.document_add",
// "{name}.document_get", "{name}.document_delete". The file is the raw request body (any
// Content-Type: the kind is found from the bytes), its name the query's `filename`; the server
// refuses a body over the route's limit (413 "error.payload_too_large") before the handler runs,
// and attachments::Check a file over attachments::kMaxBytes (413). A download carries the stored
// content type, Content-Disposition with the UTF-8 name (RFC 6266), nosniff and its SHA-256.
//
// Thread-safety: routes are added before the server starts; the owner is thread-safe.
#pragma once

#include <string>

#include "attachments/owner.h"
#include "http/router.h"

namespace hoptac::http {

// `prefix` "/api/v1/programmes", `name` "programmes"; `owner` outlives the router.
void AddDocumentRoutes(Router& router, const std::string& prefix, const std::string& name,
                       attachments::DocumentOwner* owner);

}  // namespace hoptac::http

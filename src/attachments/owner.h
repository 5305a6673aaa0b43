// A capability's records that carry documents (a programme, an activity, next a petition or a
// loan): what the documents' routes (http/documents.h) ask of the capability's service. The owner
// checks its principal's scope (reading a document as its record is read, writing as it is
// written) and writes its audit row in the same transaction; the store (attachment_store.h) keeps
// the bytes. AttachmentJson is the one JSON of a document: the answers and the audit rows.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attachments/attachment_store.h"
#include "auth/principal.h"
#include "base/result.h"

namespace hoptac::attachments {

class DocumentOwner {
 public:
  virtual ~DocumentOwner() = default;
  // The record's documents, oldest first, without their bytes (kNotFound when the record is not
  // readable).
  virtual Result<std::vector<Attachment>> Documents(const auth::Principal& who, int64_t owner_id) const = 0;
  // One document and its bytes.
  virtual Result<std::pair<Attachment, std::string>> Document(const auth::Principal& who, int64_t owner_id,
                                                              int64_t document_id) const = 0;
  // Keeps a file (`name` as the client gave it); Check's errors name the field "file".
  virtual Result<Attachment> AddDocument(const auth::Principal& who, int64_t owner_id, const std::string& name,
                                         std::string_view bytes) = 0;
  virtual Status DeleteDocument(const auth::Principal& who, int64_t owner_id, int64_t document_id) = 0;
};

// {"id", "name", "content_type", "size", "sha256", "created_by", "created_at_ms"}: never the bytes.
boost::json::object AttachmentJson(const Attachment& a);

}  // namespace hoptac::attachments

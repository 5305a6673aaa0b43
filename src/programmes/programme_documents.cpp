// ProgrammeService: the documents attached to a programme (src/attachments keeps them; the scope
// and the audit are the programme's).
#include <boost/json.hpp>

#include "programmes/programme_service.h"
#include "storage/audit.h"
#include "text/normalize.h"

namespace hoptac::programmes {
namespace {

using auth::Principal;
using storage::Connection;

constexpr std::string_view kOwner = "programme";

Error DocumentNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.programme_document_not_found", {std::to_string(id)});
}

storage::AuditRecord DocumentAudit(const Principal& who, const char* action, const Programme& p, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = action;
  a.object_type = "programme";
  a.object_id = std::to_string(p.id);
  a.province_code = p.province_code;
  return a;
}

}  // namespace

Result<std::vector<attachments::Attachment>> ProgrammeService::Documents(const Principal& who,
                                                                         int64_t programme_id) const {
  std::vector<attachments::Attachment> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(out, attachments::List(conn, kOwner, programme_id));
    return Ok();
  }));
  return out;
}

Result<std::pair<attachments::Attachment, std::string>> ProgrammeService::Document(const Principal& who,
                                                                                   int64_t programme_id,
                                                                                   int64_t document_id) const {
  std::pair<attachments::Attachment, std::string> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(auto found, attachments::Find(conn, kOwner, programme_id, document_id));
    HOPTAC_ASSIGN_OR_RETURN(auto bytes, attachments::LoadBytes(conn, kOwner, programme_id, document_id));
    if (!found || !bytes) return DocumentNotFound(document_id);
    out = {std::move(*found), std::move(*bytes)};
    return Ok();
  }));
  return out;
}

Result<attachments::Attachment> ProgrammeService::AddDocument(const Principal& who, int64_t programme_id,
                                                              const std::string& name, std::string_view bytes) {
  // Composed (NFC) first: a name typed on a Mac arrives decomposed.
  text::NormalizedText composed = text::NormalizeText(name);
  attachments::NewAttachment file;
  file.owner_type = std::string(kOwner);
  file.owner_id = programme_id;
  file.name = composed.valid ? composed.text : name;
  file.bytes = bytes;
  file.created_by = who.AuditName();
  file.created_at_ms = now_ms_();
  attachments::Attachment stored;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Programme p, Readable(who, conn, programme_id));
    if (!MayWrite(who, p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    HOPTAC_ASSIGN_OR_RETURN(stored, attachments::Store(conn, file));
    auto audit = DocumentAudit(who, "programme.document_add", p, file.created_at_ms);
    audit.after_json = boost::json::serialize(attachments::AttachmentJson(stored));
    return storage::AppendAudit(conn, audit);
  }));
  return stored;
}

Status ProgrammeService::DeleteDocument(const Principal& who, int64_t programme_id, int64_t document_id) {
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Programme p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(auto found, attachments::Find(conn, kOwner, programme_id, document_id));
    if (!found) return DocumentNotFound(document_id);
    if (!MayWrite(who, p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    HOPTAC_ASSIGN_OR_RETURN(bool removed, attachments::Remove(conn, kOwner, programme_id, document_id));
    if (!removed) return DocumentNotFound(document_id);
    auto audit = DocumentAudit(who, "programme.document_delete", p, now_ms_());
    audit.before_json = boost::json::serialize(attachments::AttachmentJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

}  // namespace hoptac::programmes

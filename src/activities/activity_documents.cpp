// ActivityService: the documents and photos of an activity (src/attachments keeps them; the
// scope and the audit are the activity's).
#include <boost/json.hpp>

#include "activities/activity_service.h"
#include "activities/activity_store.h"
#include "storage/audit.h"
#include "text/normalize.h"

namespace hoptac::activities {
namespace {

using auth::Principal;
using storage::Connection;

constexpr std::string_view kOwner = "activity";

Error DocumentNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.activity_document_not_found", {std::to_string(id)});
}

storage::AuditRecord DocumentAudit(const Principal& who, const char* action, const Activity& a, int64_t now) {
  storage::AuditRecord r;
  r.at_ms = now;
  r.actor_user_id = who.user_id;
  r.actor_name = who.AuditName();
  r.address = who.address;
  r.action = action;
  r.object_type = "activity";
  r.object_id = std::to_string(a.id);
  r.province_code = a.current_province_code;
  return r;
}

}  // namespace

Result<std::vector<attachments::Attachment>> ActivityService::Documents(const Principal& who,
                                                                        int64_t activity_id) const {
  HOPTAC_TRY(Get(who, activity_id));
  std::vector<attachments::Attachment> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, attachments::List(conn, kOwner, activity_id));
    return Ok();
  }));
  return out;
}

Result<std::pair<attachments::Attachment, std::string>> ActivityService::Document(const Principal& who,
                                                                                  int64_t activity_id,
                                                                                  int64_t document_id) const {
  HOPTAC_TRY(Get(who, activity_id));
  std::pair<attachments::Attachment, std::string> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, attachments::Find(conn, kOwner, activity_id, document_id));
    HOPTAC_ASSIGN_OR_RETURN(auto bytes, attachments::LoadBytes(conn, kOwner, activity_id, document_id));
    if (!found || !bytes) return DocumentNotFound(document_id);
    out = {std::move(*found), std::move(*bytes)};
    return Ok();
  }));
  return out;
}

Result<attachments::Attachment> ActivityService::AddDocument(const Principal& who, int64_t activity_id,
                                                             const std::string& name, std::string_view bytes) {
  // Composed (NFC) first: a name typed on a Mac arrives decomposed.
  text::NormalizedText composed = text::NormalizeText(name);
  attachments::NewAttachment file;
  file.owner_type = std::string(kOwner);
  file.owner_id = activity_id;
  file.name = composed.valid ? composed.text : name;
  file.bytes = bytes;
  file.created_by = who.AuditName();
  file.created_at_ms = now_ms_();
  attachments::Attachment stored;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadActivity(conn, activity_id));
    if (!found || !MayRead(who, *found))
      return Error::Make(ErrorCode::kNotFound, "error.activity_not_found", {std::to_string(activity_id)});
    if (!MayWrite(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
    HOPTAC_ASSIGN_OR_RETURN(stored, attachments::Store(conn, file));
    auto audit = DocumentAudit(who, "activity.document_add", *found, file.created_at_ms);
    audit.after_json = boost::json::serialize(attachments::AttachmentJson(stored));
    return storage::AppendAudit(conn, audit);
  }));
  return stored;
}

Status ActivityService::DeleteDocument(const Principal& who, int64_t activity_id, int64_t document_id) {
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto activity, LoadActivity(conn, activity_id));
    if (!activity || !MayRead(who, *activity))
      return Error::Make(ErrorCode::kNotFound, "error.activity_not_found", {std::to_string(activity_id)});
    HOPTAC_ASSIGN_OR_RETURN(auto found, attachments::Find(conn, kOwner, activity_id, document_id));
    if (!found) return DocumentNotFound(document_id);
    if (!MayWrite(who, *activity)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
    HOPTAC_ASSIGN_OR_RETURN(bool removed, attachments::Remove(conn, kOwner, activity_id, document_id));
    if (!removed) return DocumentNotFound(document_id);
    auto audit = DocumentAudit(who, "activity.document_delete", *activity, now_ms_());
    audit.before_json = boost::json::serialize(attachments::AttachmentJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

}  // namespace hoptac::activities

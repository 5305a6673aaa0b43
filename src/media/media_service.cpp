#include "media/media_service.h"

#include <chrono>

#include "media/media_json.h"
#include "storage/audit.h"

namespace hoptac::media {

using auth::Principal;
using storage::Connection;

MediaService::MediaService(storage::Db& db, std::function<int64_t()> now_ms) : db_(db), now_ms_(std::move(now_ms)) {
  if (!now_ms_) {
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
}

Result<Image> MediaService::Upload(const Principal& who, const std::string& name, std::string_view bytes) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (who.read_only) return Error::Make(ErrorCode::kPermissionDenied, "error.token_read_only");
  // Checked and resized before the transaction: the writer is not held while libvips works.
  HOPTAC_ASSIGN_OR_RETURN(Prepared file, Prepare(name, bytes));
  const int64_t now = now_ms_();
  Image stored;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(stored, Insert(conn, file, bytes, who.AuditName(), now));
    storage::AuditRecord a;
    a.at_ms = now;
    a.actor_user_id = who.user_id;
    a.actor_name = who.AuditName();
    a.address = who.address;
    a.action = "image.upload";
    a.object_type = "image";
    a.object_id = std::to_string(stored.ref.id);
    a.province_code = who.province_bound() ? who.province_code : std::string();
    a.after_json = boost::json::serialize(ImageJson(stored));
    return storage::AppendAudit(conn, a);
  }));
  return stored;
}

Result<Image> MediaService::Get(const Principal& who, int64_t id) const {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  std::optional<Image> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, Find(conn, id));
    return Ok();
  }));
  if (!found) return Error::Make(ErrorCode::kNotFound, "error.image_not_found", {std::to_string(id)});
  return std::move(*found);
}

Result<std::optional<MediaFile>> MediaService::File(std::string_view name) const {
  std::optional<MediaFile> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadFile(conn, name));
    return Ok();
  }));
  return out;
}

Result<std::map<int64_t, ImageRef>> MediaService::Refs(std::span<const int64_t> ids) const {
  std::map<int64_t, ImageRef> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, ImageRefs(conn, ids));
    return Ok();
  }));
  return out;
}

}  // namespace hoptac::media

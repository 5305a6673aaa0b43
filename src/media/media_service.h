// MediaService: the use cases of the media files — an upload (checked, resized, kept and audited
// in one transaction), an image's record, the bytes behind a public /media/ name and the
// references a page needs. Any signed-in account that may write (not a read-only token) uploads;
// any signed-in account reads a record by its id; the /media/ files are public (their names carry
// the first 8 hex digits of the SHA-256, so they cannot be found by counting ids).
//
// The resizing (libvips, a 12-megapixel JPEG in about a second) runs before the write
// transaction, so it never holds the database's writer.
//
// Thread-safety: thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "base/result.h"
#include "media/media_store.h"
#include "storage/db.h"

namespace hoptac::media {

class MediaService {
 public:
  // `now_ms` null: the system clock.
  explicit MediaService(storage::Db& db, std::function<int64_t()> now_ms = {});

  // Keeps a file (`name` as the client gave it, composed NFC by the caller). Errors: kUnauthenticated
  // for an anonymous caller, kPermissionDenied "error.token_read_only" for a read-only token,
  // Prepare's (field "file"). Audit: "image.upload", object image:<id>, after_json ImageJson.
  Result<Image> Upload(const auth::Principal& who, const std::string& name, std::string_view bytes);
  // One file's record. Errors: kUnauthenticated; kNotFound "error.image_not_found" {id}.
  Result<Image> Get(const auth::Principal& who, int64_t id) const;
  // The bytes behind a /media/ name (public); nullopt: no such file (404).
  Result<std::optional<MediaFile>> File(std::string_view name) const;
  // The references of many files in one query (media_store.h ImageRefs), for the pages.
  Result<std::map<int64_t, ImageRef>> Refs(std::span<const int64_t> ids) const;

 private:
  storage::Db& db_;
  std::function<int64_t()> now_ms_;
};

}  // namespace hoptac::media

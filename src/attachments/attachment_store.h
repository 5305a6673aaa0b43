// The only SQL of the table `attachments` (migration 0017): a file's bytes and what is known of it,
// owned by one record of a capability (owner_type "programme", owner_id its id). The caller checks
// that its principal may read or change the owner, and writes its audit row with the same
// Connection; these functions know nothing of scope.
//
// Thread-safety: each function works in the caller's transaction (a Connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attachments/attachment.h"
#include "base/result.h"
#include "storage/db.h"

namespace hoptac::attachments {

struct Attachment {
  int64_t id = 0;
  std::string owner_type;
  int64_t owner_id = 0;
  std::string name;  // NormalizeFileName
  std::string content_type;
  int64_t size = 0;
  std::string sha256;      // lower-case hex
  std::string created_by;  // the principal's audit name
  int64_t created_at_ms = 0;
};

struct NewAttachment {
  std::string owner_type;
  int64_t owner_id = 0;
  std::string name;        // as the client gave it (NormalizeFileName is applied)
  std::string_view bytes;  // must outlive the call
  std::string created_by;
  int64_t created_at_ms = 0;
};

// Checks the file (Check: empty, too large, not an accepted kind — its errors name the field
// "file") and keeps it. The content type is the one found from the bytes.
Result<Attachment> Store(storage::Connection& conn, const NewAttachment& file);
// The owner's files, oldest first, without their bytes.
Result<std::vector<Attachment>> List(storage::Connection& conn, std::string_view owner_type, int64_t owner_id);
// One file of the owner, without its bytes; nullopt when the owner has no file `id`.
Result<std::optional<Attachment>> Find(storage::Connection& conn, std::string_view owner_type, int64_t owner_id,
                                       int64_t id);
// The bytes of one file of the owner; nullopt when the owner has no file `id`.
Result<std::optional<std::string>> LoadBytes(storage::Connection& conn, std::string_view owner_type, int64_t owner_id,
                                             int64_t id);
// Removes one file of the owner; false when the owner has no file `id`.
Result<bool> Remove(storage::Connection& conn, std::string_view owner_type, int64_t owner_id, int64_t id);

}  // namespace hoptac::attachments

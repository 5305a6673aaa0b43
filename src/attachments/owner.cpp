#include "attachments/owner.h"

namespace hoptac::attachments {

boost::json::object AttachmentJson(const Attachment& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"created_by", a.created_by},
          {"created_at_ms", a.created_at_ms}};
}

}  // namespace hoptac::attachments

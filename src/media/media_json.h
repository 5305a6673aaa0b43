// The only JSON of the media files: the API's answers and the audit rows (never the bytes).
//
// {"id", "content_type", "width", "height", "bytes", "name", "url", "variants": [{"width", "url"}]};
// a PDF has width and height null and no variants.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>

#include "media/media_store.h"

namespace hoptac::media {

boost::json::object ImageJson(const Image& image);

}  // namespace hoptac::media

// The routes of the media files (src/media/README.md): POST /api/v1/images?filename= (the raw
// body, any signed-in account that may write; "images.upload"), GET /api/v1/images/{id}
// ("images.get") and the public GET /media/{name} ("media.file"): the stored bytes with
// Cache-Control "public, max-age=31536000, immutable" (a name never changes its content), nosniff,
// an ETag (If-None-Match → 304), a PDF as an attachment. The body limit of the upload is the
// file's limit and 1 MiB, so a file just over 10 MiB gets the media's own 413.
//
// Thread-safety: routes are added before the server starts; the service is thread-safe.
#pragma once

#include "http/router.h"
#include "media/media_service.h"

namespace hoptac::http {

// `media` outlives the router.
void AddMediaRoutes(Router& router, media::MediaService* media);

}  // namespace hoptac::http

// The programmes' routes: /api/v1/partners[/{id}], /api/v1/programmes[/{id}] (a programme with
// its targets and their live progress), /api/v1/programmes/{id}/targets[/{target_id}] and the
// manual values of a target, /api/v1/programmes/{id}/documents[/{doc_id}] (http/documents.h). The only part of
// programmes that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/router.h"
#include "programmes/programme_service.h"

namespace hoptac::programmes::api {

struct Services {
  ProgrammeService* programmes = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::programmes::api

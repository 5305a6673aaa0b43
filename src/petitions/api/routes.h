// The petitions' routes: /api/v1/petitions[/{id}] with the workflow's steps (assign, answer,
// close, reopen), the statistics, the export, the public answers, and /api/v1/petition-themes.
// The only part of petitions that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/router.h"
#include "petitions/petition_service.h"

namespace hoptac::petitions::api {

struct Services {
  PetitionService* petitions = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::petitions::api

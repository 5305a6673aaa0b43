// The activities' routes: /api/v1/activities[/{id}] with the participant list
// (/participants, its import and export), the activities' export and import, and
// /api/v1/placements[/{id}]. The only part of activities that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "activities/activity_service.h"
#include "http/router.h"

namespace hoptac::activities::api {

struct Services {
  ActivityService* activities = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::activities::api

// What the activities' route files share (not part of the capability's interface).
//
// Thread-safety: pure functions; routes are added before the server starts.
#pragma once

#include "activities/activity_service.h"
#include "activities/api/routes.h"
#include "http/request.h"

namespace hoptac::activities::api {

// The list's filters from the query: type, status (comma lists), province, programme,
// content (with programme), entity, from, to, q; each bad one a field error. Used by the list
// and the export, so a list's address exports what it shows.
Result<ActivityQuery> ReadActivityQuery(const http::Request& request);

// The files' routes (files.cpp): participant list import and export, activities' export and
// import.
void AddFileRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::activities::api

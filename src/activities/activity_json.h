// The only JSON of activities, participants and placements: the API's answers, the audit rows
// and the reading of request bodies (every type error a field error with its path).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "activities/activity.h"
#include "activities/activity_service.h"
#include "base/result.h"

namespace hoptac::activities {

Result<ActivityInput> ReadActivityInput(const boost::json::object& body);
// {"items": [participant…]}
Result<std::vector<Participant>> ReadParticipants(const boost::json::object& body);
Result<PlacementInput> ReadPlacementInput(const boost::json::object& body);

boost::json::object CountsJson(const Counts& c);
// The activity's own fields (the audit row; the API adds the details).
boost::json::object ActivityJson(const Activity& a);
// With partner_details, programme_details, entity_details and may_write.
boost::json::object ActivityDetailsJson(const ActivityDetails& d);
boost::json::object ParticipantJson(const Participant& p);
boost::json::object PlacementJson(const Placement& p);

}  // namespace hoptac::activities

// The only SQL of the activities' tables (migration 0016_activities_tables): activities with
// their programme contents, entities and participant lists; placements. Called inside the
// service's transactions (and by the indicator sources, in a read).
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activities/activity.h"
#include "base/result.h"
#include "storage/db.h"

namespace hoptac::activities {

// Activities (programme links and entity ids read and written with them).
Status InsertActivity(storage::Connection& conn, Activity& activity);  // sets id
Status UpdateActivity(storage::Connection& conn, const Activity& activity);
Status DeleteActivity(storage::Connection& conn, int64_t id);  // with its links and list
Result<std::optional<Activity>> LoadActivity(storage::Connection& conn, int64_t id);

struct ActivityFilter {
  std::vector<std::string> types;
  // Only activities whose current province is one of these; with `national_organised`, also
  // those the national alliance organised. Every province when `all`.
  bool all = true;
  std::vector<std::string> provinces;
  bool national_organised = false;
  std::vector<std::string> statuses;  // empty: any
  int64_t programme_id = 0;           // 0: any
  int content = 0;                    // with programme_id; 0: any
  int64_t entity_id = 0;              // 0: any
  std::optional<Date> from, to;       // the activity's period overlaps [from, to]
};
// Sorted by from date descending, then id descending; links not loaded (programmes,
// entity_ids empty) unless `with_links`.
Result<std::vector<Activity>> LoadActivities(storage::Connection& conn, const ActivityFilter& filter, bool with_links);

// The participant list.
Result<std::vector<Participant>> LoadParticipants(storage::Connection& conn, int64_t activity_id);
// Replaces the list and stores the activity's list_size and counts.
Status ReplaceParticipants(storage::Connection& conn, const Activity& activity, const std::vector<Participant>& list);

// What the indicator source counts: held activities whose from date is in [from, to].
struct ActivityFact {
  std::string province_code;  // as of `from`
  Date from;
  Counts participants;
};
Result<std::vector<ActivityFact>> LoadActivityFacts(storage::Connection& conn, Date from, Date to,
                                                    const std::vector<std::string>& types, int64_t programme_id,
                                                    int content);

// Placements.
Status InsertPlacement(storage::Connection& conn, Placement& placement);  // sets id
Status UpdatePlacement(storage::Connection& conn, const Placement& placement);
Status DeletePlacement(storage::Connection& conn, int64_t id);
Result<std::optional<Placement>> LoadPlacement(storage::Connection& conn, int64_t id);
struct PlacementFilter {
  bool all = true;
  std::vector<std::string> provinces;
  int64_t programme_id = 0, entity_id = 0;
  std::optional<Date> from, to;  // start date within
  std::string sex;               // "" any
};
// Sorted by start date descending, then id descending.
Result<std::vector<Placement>> LoadPlacements(storage::Connection& conn, const PlacementFilter& filter);

}  // namespace hoptac::activities

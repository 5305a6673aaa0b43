// The demo activities and placements `hoptac demo` adds after the demo programmes, so that
// `make run` shows targets measured from activities: the youth programme's yearly founder-training
// classes (2023 and 2024 held, 2025 missing: behind) and surveys, its signing and trade fair with
// youth cooperatives, young workers placed (content 6), the national plan's training of women
// managers, a Lạng Sơn dialogue with 40 cooperatives and the ILO's working visit to Yên Bái.
// Idempotent: nothing is added when the youth programme already has activities.
#pragma once

#include <cstdint>

#include "activities/activity_service.h"

namespace hoptac::activities {

struct DemoProgrammeIds {
  int64_t youth = 0;  // BG-TN-2023-2025; 0 when absent
  int64_t women = 0;  // QD01-TTg-2023; 0 when absent
};

struct DemoActivities {
  int activities = 0;
  int placements = 0;
};

Result<DemoActivities> LoadDemoActivities(ActivityService& service, registry::EntityService& entities,
                                          const auth::Principal& who, const DemoProgrammeIds& programmes);

}  // namespace hoptac::activities

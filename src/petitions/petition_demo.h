// The demo petitions `hoptac demo` adds after the demo activities: those the Lạng Sơn alliance
// received at its dialogue with 40 cooperatives (not enough land to expand production, weak
// promotion of products, low competitiveness, slow uptake of technology, credit) in every state
// — received, forwarded to an agency with a due date long past (overdue), answered publicly,
// closed — and a few of other provinces. Written through the store with their steps and audit
// rows, dated as they happened. Idempotent: nothing is added when petitions exist.
#pragma once

#include <cstdint>

#include "petitions/petition_service.h"

namespace hoptac::petitions {

// `dialogue_activity_id`: the Lạng Sơn dialogue (0 when absent: its petitions name no activity).
Result<int> LoadDemoPetitions(PetitionService& service, registry::EntityService& entities, const auth::Principal& who,
                              int64_t dialogue_activity_id);

}  // namespace hoptac::petitions

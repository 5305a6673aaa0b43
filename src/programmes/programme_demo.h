// The demo programmes `hoptac demo` adds after the registry's demo data (issue 16, item 7), so that
// `make run` shows live progress: the national plan for Decision 01/QĐ-TTg (women-managed
// cooperatives to 2030) with its 2025 and 2030 targets, and a provincial Youth Union coordination
// programme 2023–2025 with its six contents and targets, with their partners. Targets are
// measured from the registry, from the programme's activities and placements (training classes,
// surveys, women managers trained, young workers placed: the activities' demo adds them), or
// carry manual values (the share of women managers trained).
//
// Idempotent: a programme whose code exists is left alone (a second `hoptac demo` adds nothing).
//
// Thread-safety: runs on the calling thread through the (thread-safe) service.
#pragma once

#include "auth/principal.h"
#include "base/result.h"
#include "programmes/programme_service.h"

namespace hoptac::programmes {

struct DemoProgrammes {
  int programmes = 0;  // created now
  int targets = 0;
};

Result<DemoProgrammes> LoadDemoProgrammes(ProgrammeService& service, const auth::Principal& who);

}  // namespace hoptac::programmes

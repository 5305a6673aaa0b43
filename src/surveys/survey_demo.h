// The demo surveys `hoptac demo` adds after the demo activities: the Bắc Giang youth-union
// programme's yearly satisfaction questionnaire (Vietnamese and English, ten questions with a
// skip-logic follow-up), its 2025 campaign to the province's active cooperatives (closed, most
// targets answered) and its 2026 campaign (open until 2026-12-31, some answered). Bắc Giang
// merged into Bắc Ninh on 2025-07-01: the campaigns' province is today's code "24".
// Idempotent: nothing is added when the questionnaire's form_id is already there.
#pragma once

#include "surveys/survey_service.h"

namespace hoptac::surveys {

inline constexpr const char* kDemoFormId = "bg_hailong";

struct DemoSurveys {
  int campaigns = 0;
  int responses = 0;
};

Result<DemoSurveys> LoadDemoSurveys(SurveyService& service, const auth::Principal& who);

}  // namespace hoptac::surveys

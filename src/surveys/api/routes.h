// The surveys' routes: /api/v1/surveys[/{id}[/xlsform]] and /api/v1/surveys/satisfaction,
// /api/v1/survey-campaigns[/{id}[/close|/targets|/links|/results|/responses/export]] and
// /api/v1/survey-campaigns/mine, and the public answer page GET/POST /s/{token}. The only part
// of surveys that includes http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "http/api.h"
#include "http/router.h"
#include "surveys/survey_service.h"

namespace hoptac::surveys::api {

struct Services {
  SurveyService* surveys = nullptr;
  // The kernel's services: the embedded web application's files (answer.html).
  http::Services kernel;
};

void AddRoutes(http::Router& router, const Services& services);

}  // namespace hoptac::surveys::api

// The surveys' commands:
//
//   surveys import FILE.xlsx
//       adds the XLSForm questionnaire of FILE (KoboToolbox, ODK or hoptac's own export), as
//       POST /api/v1/surveys does; every problem named by its sheet, row and column
//   surveys export ID --out FILE.xlsx
//       writes questionnaire ID as an XLSForm workbook, as GET /api/v1/surveys/{id}/xlsform does
//
// They act as the command line (full rights). The service comes from `open`, which app/main.cpp
// gives (only app/ assembles the system).
//
// Thread-safety: commands run on the main thread.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "cli/command_line.h"
#include "surveys/survey_service.h"

namespace hoptac::surveys::cli {

using ServiceOpener = std::function<Result<std::shared_ptr<SurveyService>>(const hoptac::cli::CommandLine&)>;

std::vector<hoptac::cli::Command> Commands(ServiceOpener open);

}  // namespace hoptac::surveys::cli

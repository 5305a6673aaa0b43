// The only JSON of campaigns, targets, results and the answer page (the questionnaire's own
// definition and answers: questionnaire_json.h). The API answers and the audit rows use it.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "surveys/survey_service.h"
#include "text/i18n.h"

namespace hoptac::surveys {

std::string InstantText(int64_t ms);  // "2026-12-05T09:30:00Z"

// A questionnaire: the list item, or with its definition (sections) and may_delete.
boost::json::object QuestionnaireItemJson(const StoredQuestionnaire& q);
boost::json::object QuestionnaireJson(const StoredQuestionnaire& q, bool may_delete);

// A campaign; `questionnaire` may be null (the audit row); may_write is added by the API.
boost::json::object CampaignJson(const Campaign& c, CampaignStatus status, const StoredQuestionnaire* questionnaire);
// The audit row of a response: its campaign, entity, via and times (never the answers).
boost::json::object ResponseAuditJson(const StoredResponse& r);

boost::json::object TargetJson(const TargetRow& t);
boost::json::object AnswerPageJson(const AnswerPage& page, i18n::Lang lang);
boost::json::object ResultsJson(const CampaignResults& r, const std::function<std::string(const std::string&)>& name);

}  // namespace hoptac::surveys

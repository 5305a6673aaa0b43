// The only SQL of the surveys' tables (migration 0019_surveys_tables): questionnaires,
// campaigns, their targets (with each target's token) and responses. Called inside the
// service's transactions (and by the indicator source, in a read).
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/db.h"
#include "surveys/campaign.h"
#include "surveys/questionnaire.h"

namespace hoptac::surveys {

struct StoredQuestionnaire {
  int64_t id = 0;
  Questionnaire definition;  // only form_id, version and title when listed without definitions
  int64_t question_count = 0;
  int64_t campaign_count = 0;  // read, not stored
  std::string created_by;
  int64_t created_at_ms = 0;
};

Status InsertQuestionnaire(storage::Connection& conn, StoredQuestionnaire& q);  // sets id
Result<std::optional<StoredQuestionnaire>> LoadQuestionnaire(storage::Connection& conn, int64_t id);
// Newest first; definitions parsed only `with_definitions`.
Result<std::vector<StoredQuestionnaire>> LoadQuestionnaires(storage::Connection& conn, bool with_definitions);
Status DeleteQuestionnaire(storage::Connection& conn, int64_t id);

Status InsertCampaign(storage::Connection& conn, Campaign& c);  // sets id
Status CloseCampaign(storage::Connection& conn, int64_t id, int64_t at_ms);
// With their targets and responses counted.
Result<std::optional<Campaign>> LoadCampaign(storage::Connection& conn, int64_t id);
struct CampaignFilter {
  std::optional<int> year;
  int64_t questionnaire_id = 0;  // 0 any
  // Campaigns of these scope provinces ("" the national ones); every campaign when `all`.
  bool all = true;
  std::vector<std::string> scope_provinces;
};
// Newest year first, then id descending.
Result<std::vector<Campaign>> LoadCampaigns(storage::Connection& conn, const CampaignFilter& filter);

struct Target {
  int64_t campaign_id = 0;
  int64_t entity_id = 0;
  std::string province_code;  // current, when the campaign was made
  std::string kind;
  std::string token;
  // Read with the target: its response, if any.
  std::optional<int64_t> responded_at_ms;
  std::string via;
};
Status InsertTargets(storage::Connection& conn, const std::vector<Target>& targets);
Result<std::optional<Target>> LoadTargetByToken(storage::Connection& conn, const std::string& token);
Result<std::optional<Target>> LoadTarget(storage::Connection& conn, int64_t campaign_id, int64_t entity_id);
// In entity id order; `province` "" any.
Result<std::vector<Target>> LoadTargets(storage::Connection& conn, int64_t campaign_id, const std::string& province);
Result<std::vector<Target>> LoadTargetsOfEntity(storage::Connection& conn, int64_t entity_id);
// Targets per province: (province, targets, responses).
struct ProvinceCount {
  std::string province;
  int64_t targets = 0, responses = 0;
};
Result<std::vector<ProvinceCount>> CountByProvince(storage::Connection& conn, int64_t campaign_id);

struct StoredResponse {
  int64_t id = 0;
  int64_t campaign_id = 0, entity_id = 0;
  std::string answers;  // JSON text (questionnaire_json.h)
  std::string via;      // "link" | "account"
  int64_t user_id = 0;  // 0 none
  int64_t received_at_ms = 0, updated_at_ms = 0;
  // Read with the response from its target.
  std::string province_code, kind;
};
Result<std::optional<StoredResponse>> LoadResponse(storage::Connection& conn, int64_t campaign_id, int64_t entity_id);
Status InsertResponse(storage::Connection& conn, StoredResponse& r);  // sets id
Status UpdateResponse(storage::Connection& conn, const StoredResponse& r);
// A campaign's responses with their target's province and kind; `province` "" any.
Result<std::vector<StoredResponse>> LoadResponses(storage::Connection& conn, int64_t campaign_id,
                                                  const std::string& province);

// What the indicator source counts: campaigns with their counts, closing on [from, to] or
// closed early then; form_id "" any.
Result<std::vector<Campaign>> LoadCampaignFacts(storage::Connection& conn, const std::string& form_id);

}  // namespace hoptac::surveys

// SurveyService: the use cases of questionnaires, campaigns, the public answer page, results
// and their exports.
//
// Scope (issue 17's contract, "Roles and scope"): national accounts read and write everything;
// province accounts read every questionnaire, create questionnaires, and read and write the
// campaigns of their province (by the province in force today) and read the national campaigns,
// whose targets and results they see for their province only; a cooperative account sees its
// open campaigns (Mine) and answers through its link or signed in; partners and anonymous
// callers get nothing but the answer page of a token. Anything out of scope is "not found".
// Every write is one transaction with its audit row: object "questionnaire", "survey_campaign"
// or "survey_response" (the response's campaign, entity, via and times — never the answers).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "auth/throttle.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "registry/entity_service.h"
#include "storage/db.h"
#include "surveys/campaign.h"
#include "surveys/questionnaire.h"
#include "surveys/survey_store.h"

namespace hoptac::surveys {

using NowMs = std::function<int64_t()>;

struct CampaignInput {
  int64_t questionnaire_id = 0;
  std::optional<Text> title;  // default: the questionnaire's title
  int year = 0;
  std::optional<Date> opens_on, closes_on;
  std::string province;        // "" the whole country (national accounts only)
  std::string kinds, sectors;  // comma-separated wire names (the registry's vocabulary)
};

struct CampaignQuery {
  std::optional<int> year;
  std::string province;  // a scope province; "national" for the national campaigns; "" any
  std::optional<CampaignStatus> status;
};

struct EntityRef {
  int64_t id = 0;
  std::string name, province, registration_code, phone, email;
};

struct TargetRow {
  Target target;
  EntityRef entity;
};

struct TargetPage {
  int64_t total = 0;
  std::vector<TargetRow> items;
};

struct MineItem {
  Campaign campaign;
  std::string token;
  std::optional<int64_t> responded_at_ms;
};

// What GET /s/{token} answers.
struct AnswerPage {
  Campaign campaign;
  CampaignStatus status = CampaignStatus::kOpen;
  EntityRef entity;
  StoredQuestionnaire questionnaire;
  std::optional<StoredResponse> response;
  std::optional<Answers> answers;
};

struct SubmitResult {
  int64_t received_at_ms = 0, updated_at_ms = 0;
  bool updated = false;
};

struct ProvinceResult {
  std::string province;
  int64_t targets = 0, responses = 0;
  IndexFigure index;
  bool withheld = false;
};

struct CampaignResults {
  Campaign campaign;
  CampaignStatus status = CampaignStatus::kOpen;
  StoredQuestionnaire questionnaire;
  int64_t targets = 0, responses = 0;
  std::vector<ProvinceResult> by_province;
  IndexFigure index;
  bool withheld = false;
  std::vector<QuestionResult> questions;
};

struct SatisfactionItem {
  int year = 0;
  int64_t campaign_id = 0;
  IndexFigure index;
  int64_t responses = 0;
  bool withheld = false;
};

// One anonymised response for the export.
struct ExportRow {
  int64_t number = 0;
  std::string province, kind;
  int year = 0;
  Answers answers;
};

class SurveyService {
 public:
  SurveyService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                registry::EntityService& entities, NowMs now_ms = nullptr);

  // Questionnaires.
  Result<std::vector<StoredQuestionnaire>> ListQuestionnaires(const auth::Principal& who) const;
  Result<StoredQuestionnaire> GetQuestionnaire(const auth::Principal& who, int64_t id) const;
  // Validates (Validate) and stores; kPermissionDenied for accounts that may not create.
  Result<StoredQuestionnaire> CreateQuestionnaire(const auth::Principal& who, Questionnaire q);
  // kConflict "survey.in_use" while it has campaigns.
  Status DeleteQuestionnaire(const auth::Principal& who, int64_t id);
  bool MayCreate(const auth::Principal& who) const;
  bool MayDelete(const auth::Principal& who, const StoredQuestionnaire& q) const;

  // Campaigns.
  Result<std::vector<Campaign>> ListCampaigns(const auth::Principal& who, const CampaignQuery& query) const;
  Result<Campaign> GetCampaign(const auth::Principal& who, int64_t id) const;
  // The targets are the active entities of the scope (status on opens_on or today, whichever
  // is earlier), one token each. 422 "field.campaign_no_targets" when none.
  Result<Campaign> CreateCampaign(const auth::Principal& who, const CampaignInput& input);
  Result<Campaign> CloseCampaign(const auth::Principal& who, int64_t id);
  bool MayWrite(const auth::Principal& who, const Campaign& c) const;
  // `responded` nullopt: all. A province account sees its province's targets of a national campaign.
  Result<TargetPage> Targets(const auth::Principal& who, int64_t id, std::optional<bool> responded, int offset,
                             int limit) const;
  // A cooperative account's campaigns (open ones, and closed ones it answered this year).
  Result<std::vector<MineItem>> Mine(const auth::Principal& who) const;

  // The answer page. Errors: 404 "survey.token_unknown", 404 "survey.token_other_campaign"
  // (campaign_id given, not the token's). Unknown tokens count against the caller's address
  // (throttled like sign-ins: 429 "error.too_many_requests").
  Result<AnswerPage> Open(const std::string& token, std::optional<int64_t> campaign_id, const std::string& address);
  // Also 410 "survey.campaign_closed" {closes_on}, 409 "survey.campaign_not_open" {opens_on},
  // 422 field errors on "answers.<name>".
  Result<SubmitResult> Submit(const auth::Principal& who, const std::string& token, std::optional<int64_t> campaign_id,
                              const Answers& answers);
  // Writes a response as of `at_ms` whatever the campaign's dates (demo data; the CLI only).
  Status RecordResponse(const auth::Principal& who, int64_t campaign_id, int64_t entity_id, const Answers& answers,
                        int64_t at_ms);

  // Results: `province` "" for the whole scope. Below the national level (a province given, or a
  // province account) groups of fewer than kMinGroup responses are withheld.
  Result<CampaignResults> Results(const auth::Principal& who, int64_t id, const std::string& province) const;
  Result<std::vector<SatisfactionItem>> Satisfaction(const auth::Principal& who, const std::string& form_id,
                                                     const std::string& province) const;
  // The anonymised responses (shuffled numbers), with the questionnaire; a province account
  // gets its province's (withheld, i.e. none, when fewer than kMinGroup).
  Result<std::pair<StoredQuestionnaire, std::vector<ExportRow>>> ExportResponses(const auth::Principal& who,
                                                                                 int64_t id) const;

  // The indicator source "surveys.campaigns" (README.md).
  std::shared_ptr<const indicators::Source> CampaignsSource() const;

  Date Today() const;
  int64_t NowMsValue() const { return now_ms_(); }
  const geo::AdminUnitDirectory& units() const { return *units_; }
  storage::Db& db() const { return db_; }
  std::string ProvinceName(const std::string& code) const;
  Result<EntityRef> Entity(int64_t id) const;

 private:
  bool Official(const auth::Principal& who) const { return who.national() || who.province_bound(); }
  bool MayRead(const auth::Principal& who, const Campaign& c) const;
  Status CheckToken(const std::string& address);
  void TokenFailed(const std::string& address);
  Result<std::pair<Target, Campaign>> FindToken(storage::Connection& conn, const std::string& token,
                                                std::optional<int64_t> campaign_id, const std::string& address);
  Result<std::vector<Target>> FindTargets(const auth::Principal& who, const Campaign& c, Date as_of) const;

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  NowMs now_ms_;
  auth::LoginThrottle throttle_;
};

}  // namespace hoptac::surveys

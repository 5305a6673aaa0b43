#include "surveys/survey_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include "auth/password.h"
#include "base/lists.h"
#include "registry/entity_query.h"
#include "storage/audit.h"
#include "surveys/questionnaire_json.h"
#include "surveys/survey_json.h"
#include "text/normalize.h"

namespace hoptac::surveys {
namespace {

using auth::Principal;
using storage::Connection;
namespace json = boost::json;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

Error NotFound(const char* key, int64_t id) { return Error::Make(ErrorCode::kNotFound, key, {std::to_string(id)}); }
Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }

// 422: field errors of a complete request that cannot be processed as it is.
Error Unprocessable(Error e) {
  e.code = ErrorCode::kUnprocessable;
  return e;
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, const char* type, int64_t id,
                             const std::string& province, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = type;
  a.object_id = std::to_string(id);
  a.province_code = province;
  return a;
}

std::string TokenKey(const std::string& address) { return "survey-token:" + address; }

}  // namespace

SurveyService::SurveyService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                             registry::EntityService& entities, NowMs now_ms)
    : db_(db), units_(std::move(units)), entities_(entities), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date SurveyService::Today() const { return Date::FromDays(static_cast<int>((now_ms_() + kVietnamOffsetMs) / kDayMs)); }

std::string SurveyService::ProvinceName(const std::string& code) const {
  if (const geo::AdminUnit* u = units_->Find(geo::AdminLevel::kProvince, code, Today())) return u->name;
  return code;
}

Result<EntityRef> SurveyService::Entity(int64_t id) const {
  HOPTAC_ASSIGN_OR_RETURN(registry::EntityRecord r, entities_.Get(Principal::Cli("surveys"), id));
  return EntityRef{r.entity.id,    r.entity.name, r.current_province_code, r.entity.registration_code,
                   r.entity.phone, r.entity.email};
}

// ---- Questionnaires ----

bool SurveyService::MayCreate(const Principal& who) const { return Official(who); }

bool SurveyService::MayDelete(const Principal& who, const StoredQuestionnaire& q) const {
  if (q.campaign_count > 0) return false;
  return who.national() || (who.province_bound() && q.created_by == who.username);
}

Result<std::vector<StoredQuestionnaire>> SurveyService::ListQuestionnaires(const Principal& who) const {
  if (!Official(who)) return Denied();
  std::vector<StoredQuestionnaire> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadQuestionnaires(conn, false));
    return Ok();
  }));
  return out;
}

Result<StoredQuestionnaire> SurveyService::GetQuestionnaire(const Principal& who, int64_t id) const {
  if (!Official(who)) return Denied();
  std::optional<StoredQuestionnaire> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadQuestionnaire(conn, id));
    return Ok();
  }));
  if (!found) return NotFound("survey.questionnaire_not_found", id);
  return *found;
}

Result<StoredQuestionnaire> SurveyService::CreateQuestionnaire(const Principal& who, Questionnaire q) {
  if (!MayCreate(who)) return Denied();
  HOPTAC_TRY(Validate(q));
  StoredQuestionnaire stored;
  stored.definition = std::move(q);
  stored.question_count = static_cast<int64_t>(Questions(stored.definition).size());
  stored.created_by = who.AuditName();
  stored.created_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertQuestionnaire(conn, stored));
    storage::AuditRecord audit =
        AuditOf(who, "questionnaire.create", "questionnaire", stored.id, "", stored.created_at_ms);
    audit.after_json = json::serialize(QuestionnaireJson(stored, false));
    return storage::AppendAudit(conn, audit);
  }));
  return stored;
}

Status SurveyService::DeleteQuestionnaire(const Principal& who, int64_t id) {
  if (!Official(who)) return Denied();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadQuestionnaire(conn, id));
    if (!found) return NotFound("survey.questionnaire_not_found", id);
    if (found->campaign_count > 0)
      return Error::Make(ErrorCode::kConflict, "survey.in_use", {std::to_string(found->campaign_count)});
    if (!MayDelete(who, *found)) return Denied();
    HOPTAC_TRY(surveys::DeleteQuestionnaire(conn, id));
    storage::AuditRecord audit = AuditOf(who, "questionnaire.delete", "questionnaire", id, "", now_ms_());
    audit.before_json = json::serialize(QuestionnaireItemJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

// ---- Campaigns ----

bool SurveyService::MayRead(const Principal& who, const Campaign& c) const {
  if (who.national()) return true;
  return who.province_bound() && (c.scope_province.empty() || c.scope_province == who.province_code);
}

bool SurveyService::MayWrite(const Principal& who, const Campaign& c) const {
  if (who.national()) return true;
  return who.province_bound() && !c.scope_province.empty() && c.scope_province == who.province_code;
}

Result<std::vector<Campaign>> SurveyService::ListCampaigns(const Principal& who, const CampaignQuery& query) const {
  if (!Official(who)) return Denied();
  CampaignFilter f;
  f.year = query.year;
  if (!query.province.empty()) {
    f.all = false;
    f.scope_provinces = {query.province == "national" ? std::string() : query.province};
  }
  std::vector<Campaign> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadCampaigns(conn, f));
    return Ok();
  }));
  std::vector<Campaign> out;
  const Date today = Today();
  for (Campaign& c : all) {
    if (!MayRead(who, c)) continue;
    if (query.status && StatusOn(c, today) != *query.status) continue;
    out.push_back(std::move(c));
  }
  return out;
}

Result<Campaign> SurveyService::GetCampaign(const Principal& who, int64_t id) const {
  if (!Official(who)) return Denied();
  std::optional<Campaign> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadCampaign(conn, id));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return NotFound("survey.campaign_not_found", id);
  return *found;
}

Result<std::vector<Target>> SurveyService::FindTargets(const Principal& who, const Campaign& c, Date as_of) const {
  const std::string kinds = JoinCommaList(c.scope_kinds), sectors = JoinCommaList(c.scope_sectors);
  registry::FilterReader reader([&](std::string_view name) -> std::optional<std::string> {
    if (name == "kind" && !kinds.empty()) return kinds;
    if (name == "sector" && !sectors.empty()) return sectors;
    return std::nullopt;
  });
  std::vector<std::optional<domain::EntityKind>> kind_list;
  for (domain::EntityKind k : reader.KindsFilter()) kind_list.emplace_back(k);
  std::vector<std::optional<domain::Sector>> sector_list;
  for (domain::Sector s : reader.SectorsFilter()) sector_list.emplace_back(s);
  if (Status s = reader.Finish(); !s.ok()) {
    Error e = std::move(s).error();
    for (FieldError& f : e.fields) f.field = f.field == "kind" ? "scope.kinds" : "scope.sectors";
    return e;
  }
  if (kind_list.empty()) kind_list.emplace_back();
  if (sector_list.empty()) sector_list.emplace_back();
  std::map<int64_t, Target> found;
  for (const auto& kind : kind_list)
    for (const auto& sector : sector_list) {
      registry::EntityFilters f;
      f.kind = kind;
      f.sector = sector;
      f.province = c.scope_province;
      f.status = domain::EntityStatus::kActive;
      f.as_of = as_of;
      f.limit = registry::kMaxListLimit;
      f.sort = registry::ListSort::kName;
      for (;;) {
        HOPTAC_ASSIGN_OR_RETURN(registry::EntityPage page, entities_.List(who, f));
        for (const registry::EntityRecord& r : page.items) {
          Target t;
          t.entity_id = r.entity.id;
          t.province_code = r.current_province_code;
          t.kind = domain::EntityKindName(r.entity.kind);
          found.emplace(t.entity_id, std::move(t));
        }
        if (!page.next_cursor) break;
        f.cursor = *page.next_cursor;
      }
    }
  std::vector<Target> out;
  out.reserve(found.size());
  for (auto& [id, t] : found) {
    t.token = auth::RandomToken(16);  // 128 bits, base64url: 22 characters
    out.push_back(std::move(t));
  }
  return out;
}

Result<Campaign> SurveyService::CreateCampaign(const Principal& who, const CampaignInput& in) {
  if (!Official(who)) return Denied();
  std::vector<FieldError> errors;
  std::optional<StoredQuestionnaire> q;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    if (in.questionnaire_id > 0) {
      HOPTAC_ASSIGN_OR_RETURN(q, LoadQuestionnaire(conn, in.questionnaire_id));
    }
    return Ok();
  }));
  if (in.questionnaire_id <= 0)
    errors.push_back({"questionnaire_id", "required", "field.required", {}});
  else if (!q)
    errors.push_back(
        {"questionnaire_id", "not_found", "survey.questionnaire_not_found", {std::to_string(in.questionnaire_id)}});
  if (in.year < 2000 || in.year > 2100)
    errors.push_back({"year", "out_of_range", "field.out_of_range", {"2000", "2100"}});
  if (!in.opens_on) errors.push_back({"opens_on", "required", "field.required", {}});
  if (!in.closes_on) errors.push_back({"closes_on", "required", "field.required", {}});
  if (in.opens_on && in.closes_on && *in.closes_on < *in.opens_on)
    errors.push_back(
        {"closes_on", "from_after_to", "field.from_after_to", {in.opens_on->ToIso(), in.closes_on->ToIso()}});
  Campaign c;
  c.questionnaire_id = in.questionnaire_id;
  c.year = in.year;
  if (in.opens_on) c.opens_on = *in.opens_on;
  if (in.closes_on) c.closes_on = *in.closes_on;
  if (in.title) {
    text::NormalizedText vi = text::NormalizeText(in.title->vi);
    c.title.vi = vi.valid ? vi.text : std::string();
    text::NormalizedText en = text::NormalizeText(in.title->en);
    c.title.en = en.valid ? en.text : std::string();
    if (c.title.vi.size() > 300) errors.push_back({"title.vi", "too_long", "field.too_long", {"300"}});
    if (c.title.en.size() > 300) errors.push_back({"title.en", "too_long", "field.too_long", {"300"}});
  }
  if (c.title.vi.empty() && q) c.title = q->definition.title;
  if (who.province_bound()) {
    if (!in.province.empty() && in.province != who.province_code)
      return Error::Make(ErrorCode::kPermissionDenied, "survey.campaign_out_of_scope", {in.province});
    c.scope_province = who.province_code;
  } else if (!in.province.empty()) {
    if (!units_->Find(geo::AdminLevel::kProvince, in.province, Today()))
      errors.push_back({"scope.province", "unknown_province", "field.unknown_province", {in.province}});
    c.scope_province = in.province;
  }
  for (std::string_view list : {std::string_view(in.kinds), std::string_view(in.sectors)}) {
    std::vector<std::string>& out = list.data() == in.kinds.data() ? c.scope_kinds : c.scope_sectors;
    size_t start = 0;
    while (start < list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view item = list.substr(start, comma - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
      start = comma + 1;
    }
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  const Date as_of = std::min(c.opens_on, Today());
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Target> targets, FindTargets(who, c, as_of));
  if (targets.empty())
    return Unprocessable(Error::InvalidField("scope", "campaign_no_targets", "field.campaign_no_targets", {}));
  c.created_by = who.AuditName();
  c.created_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertCampaign(conn, c));
    for (Target& t : targets) t.campaign_id = c.id;
    HOPTAC_TRY(InsertTargets(conn, targets));
    c.targets = static_cast<int64_t>(targets.size());
    storage::AuditRecord audit =
        AuditOf(who, "survey_campaign.create", "survey_campaign", c.id, c.scope_province, c.created_at_ms);
    audit.after_json = json::serialize(CampaignJson(c, StatusOn(c, Today()), nullptr));
    return storage::AppendAudit(conn, audit);
  }));
  return c;
}

Result<Campaign> SurveyService::CloseCampaign(const Principal& who, int64_t id) {
  if (!Official(who)) return Denied();
  Campaign c;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadCampaign(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound("survey.campaign_not_found", id);
    if (!MayWrite(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "survey.campaign_read_only");
    c = *found;
    if (StatusOn(c, Today()) == CampaignStatus::kClosed)
      return Error::Make(ErrorCode::kConflict, "survey.campaign_already_closed", {ClosedOn(c).ToIso()});
    const int64_t now = now_ms_();
    HOPTAC_TRY(surveys::CloseCampaign(conn, id, now));
    storage::AuditRecord audit = AuditOf(who, "survey_campaign.close", "survey_campaign", id, c.scope_province, now);
    audit.before_json = json::serialize(CampaignJson(c, StatusOn(c, Today()), nullptr));
    c.closed_early_at_ms = now;
    audit.after_json = json::serialize(CampaignJson(c, CampaignStatus::kClosed, nullptr));
    return storage::AppendAudit(conn, audit);
  }));
  return c;
}

Result<TargetPage> SurveyService::Targets(const Principal& who, int64_t id, std::optional<bool> responded, int offset,
                                          int limit) const {
  HOPTAC_ASSIGN_OR_RETURN(Campaign c, GetCampaign(who, id));
  std::vector<Target> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadTargets(conn, c.id, who.province_bound() ? who.province_code : std::string()));
    return Ok();
  }));
  TargetPage page;
  std::vector<Target> chosen;
  for (Target& t : all)
    if (!responded || t.responded_at_ms.has_value() == *responded) chosen.push_back(std::move(t));
  page.total = static_cast<int64_t>(chosen.size());
  for (size_t i = static_cast<size_t>(std::max(offset, 0)); i < chosen.size() && limit > 0; ++i, --limit) {
    TargetRow row;
    row.target = std::move(chosen[i]);
    auto e = Entity(row.target.entity_id);
    if (e.ok())
      row.entity = *e;
    else
      row.entity = {row.target.entity_id, "", row.target.province_code, "", "", ""};
    page.items.push_back(std::move(row));
  }
  return page;
}

Result<std::vector<MineItem>> SurveyService::Mine(const Principal& who) const {
  if (!who.authenticated() || who.role != auth::Role::kCooperative || who.entity_id == 0) return Denied();
  std::vector<MineItem> out;
  const Date today = Today();
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto targets, LoadTargetsOfEntity(conn, who.entity_id));
    for (Target& t : targets) {
      HOPTAC_ASSIGN_OR_RETURN(auto c, LoadCampaign(conn, t.campaign_id));
      if (!c || StatusOn(*c, today) != CampaignStatus::kOpen) continue;
      out.push_back({std::move(*c), t.token, t.responded_at_ms});
    }
    return Ok();
  }));
  return out;
}

// ---- The answer page ----

Status SurveyService::CheckToken(const std::string& address) {
  if (auto wait = throttle_.Check(TokenKey(address), address))
    return Error::Make(ErrorCode::kTooManyRequests, "error.too_many_requests", {std::to_string(*wait)});
  return Ok();
}

void SurveyService::TokenFailed(const std::string& address) { throttle_.RecordFailure(TokenKey(address), address); }

Result<std::pair<Target, Campaign>> SurveyService::FindToken(Connection& conn, const std::string& token,
                                                             std::optional<int64_t> campaign_id,
                                                             const std::string& address) {
  std::optional<Target> target;
  if (token.size() >= 16 && token.size() <= 64) {
    HOPTAC_ASSIGN_OR_RETURN(target, LoadTargetByToken(conn, token));
  }
  if (!target) {
    TokenFailed(address);
    return Error::Make(ErrorCode::kNotFound, "survey.token_unknown");
  }
  if (campaign_id && *campaign_id != target->campaign_id) {
    TokenFailed(address);
    return Error::Make(ErrorCode::kNotFound, "survey.token_other_campaign", {std::to_string(*campaign_id)});
  }
  HOPTAC_ASSIGN_OR_RETURN(auto c, LoadCampaign(conn, target->campaign_id));
  if (!c) return Error::Make(ErrorCode::kNotFound, "survey.token_unknown");
  return std::pair(std::move(*target), std::move(*c));
}

Result<AnswerPage> SurveyService::Open(const std::string& token, std::optional<int64_t> campaign_id,
                                       const std::string& address) {
  HOPTAC_TRY(CheckToken(address));
  AnswerPage page;
  int64_t entity_id = 0;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, FindToken(conn, token, campaign_id, address));
    page.campaign = std::move(found.second);
    entity_id = found.first.entity_id;
    HOPTAC_ASSIGN_OR_RETURN(auto q, LoadQuestionnaire(conn, page.campaign.questionnaire_id));
    if (!q) return Error::Internal("campaign without its questionnaire");
    page.questionnaire = std::move(*q);
    HOPTAC_ASSIGN_OR_RETURN(page.response, LoadResponse(conn, page.campaign.id, entity_id));
    if (page.response) {
      HOPTAC_ASSIGN_OR_RETURN(page.answers, ParseAnswers(page.response->answers));
    }
    return Ok();
  }));
  page.status = StatusOn(page.campaign, Today());
  auto e = Entity(entity_id);
  page.entity = e.ok() ? *e : EntityRef{entity_id, "", "", "", "", ""};
  return page;
}

Result<SubmitResult> SurveyService::Submit(const Principal& who, const std::string& token,
                                           std::optional<int64_t> campaign_id, const Answers& answers) {
  HOPTAC_TRY(CheckToken(who.address));
  SubmitResult out;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, FindToken(conn, token, campaign_id, who.address));
    const Target& target = found.first;
    const Campaign& c = found.second;
    switch (StatusOn(c, Today())) {
      case CampaignStatus::kClosed:
        return Error::Make(ErrorCode::kGone, "survey.campaign_closed", {ClosedOn(c).ToIso()});
      case CampaignStatus::kScheduled:
        return Error::Make(ErrorCode::kConflict, "survey.campaign_not_open", {c.opens_on.ToIso()});
      case CampaignStatus::kOpen: break;
    }
    HOPTAC_ASSIGN_OR_RETURN(auto q, LoadQuestionnaire(conn, c.questionnaire_id));
    if (!q) return Error::Internal("campaign without its questionnaire");
    Result<Answers> checked = CheckAnswers(q->definition, answers, true);
    if (!checked.ok()) {
      Error e = std::move(checked).error();
      if (e.code == ErrorCode::kInvalidArgument) return Unprocessable(std::move(e));
      return e;
    }
    HOPTAC_ASSIGN_OR_RETURN(auto existing, LoadResponse(conn, c.id, target.entity_id));
    const int64_t now = now_ms_();
    const bool account =
        who.authenticated() && who.role == auth::Role::kCooperative && who.entity_id == target.entity_id;
    StoredResponse r;
    if (existing) r = *existing;
    r.campaign_id = c.id;
    r.entity_id = target.entity_id;
    r.answers = AnswersText(*checked);
    r.via = account ? "account" : "link";
    r.user_id = account ? who.user_id : 0;
    r.updated_at_ms = now;
    storage::AuditRecord audit = AuditOf(who, existing ? "survey_response.update" : "survey_response.create",
                                         "survey_response", 0, target.province_code, now);
    if (existing) {
      audit.before_json = json::serialize(ResponseAuditJson(*existing));
      HOPTAC_TRY(UpdateResponse(conn, r));
    } else {
      r.received_at_ms = now;
      HOPTAC_TRY(InsertResponse(conn, r));
    }
    audit.object_id = std::to_string(r.id);
    if (!who.authenticated()) audit.actor_name = "link";
    audit.after_json = json::serialize(ResponseAuditJson(r));
    out = {r.received_at_ms, r.updated_at_ms, existing.has_value()};
    return storage::AppendAudit(conn, audit);
  }));
  return out;
}

Status SurveyService::RecordResponse(const Principal& who, int64_t campaign_id, int64_t entity_id,
                                     const Answers& answers, int64_t at_ms) {
  if (who.credential != auth::Credential::kCli) return Denied();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto c, LoadCampaign(conn, campaign_id));
    if (!c) return NotFound("survey.campaign_not_found", campaign_id);
    HOPTAC_ASSIGN_OR_RETURN(auto target, LoadTarget(conn, campaign_id, entity_id));
    if (!target) return Error::Make(ErrorCode::kNotFound, "survey.token_unknown");
    HOPTAC_ASSIGN_OR_RETURN(auto q, LoadQuestionnaire(conn, c->questionnaire_id));
    if (!q) return Error::Internal("campaign without its questionnaire");
    HOPTAC_ASSIGN_OR_RETURN(Answers checked, CheckAnswers(q->definition, answers, true));
    HOPTAC_ASSIGN_OR_RETURN(auto existing, LoadResponse(conn, campaign_id, entity_id));
    if (existing) return Ok();
    StoredResponse r;
    r.campaign_id = campaign_id;
    r.entity_id = entity_id;
    r.answers = AnswersText(checked);
    r.via = "link";
    r.received_at_ms = r.updated_at_ms = at_ms;
    HOPTAC_TRY(InsertResponse(conn, r));
    storage::AuditRecord audit =
        AuditOf(who, "survey_response.create", "survey_response", r.id, target->province_code, now_ms_());
    audit.after_json = json::serialize(ResponseAuditJson(r));
    return storage::AppendAudit(conn, audit);
  });
}

// ---- Results ----

Result<CampaignResults> SurveyService::Results(const Principal& who, int64_t id, const std::string& province) const {
  HOPTAC_ASSIGN_OR_RETURN(Campaign c, GetCampaign(who, id));
  std::string group = province;
  if (who.province_bound()) {
    if (!group.empty() && group != who.province_code) return NotFound("survey.campaign_not_found", id);
    group = who.province_code;
  }
  const bool below_national = !group.empty();
  CampaignResults out;
  std::vector<ProvinceCount> counts;
  std::vector<StoredResponse> rows;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto q, LoadQuestionnaire(conn, c.questionnaire_id));
    if (!q) return Error::Internal("campaign without its questionnaire");
    out.questionnaire = std::move(*q);
    HOPTAC_ASSIGN_OR_RETURN(counts, CountByProvince(conn, c.id));
    HOPTAC_ASSIGN_OR_RETURN(rows, LoadResponses(conn, c.id, group));
    return Ok();
  }));
  out.campaign = c;
  out.status = StatusOn(c, Today());
  std::vector<Answers> answers;
  answers.reserve(rows.size());
  for (const StoredResponse& r : rows) {
    HOPTAC_ASSIGN_OR_RETURN(Answers a, ParseAnswers(r.answers));
    answers.push_back(std::move(a));
  }
  std::map<std::string, std::vector<double>> scores_by_province;
  std::vector<double> scores;
  std::vector<const Answers*> pointers;
  for (size_t i = 0; i < rows.size(); ++i) {
    pointers.push_back(&answers[i]);
    if (auto s = ResponseScore(out.questionnaire.definition, answers[i])) {
      scores.push_back(*s);
      scores_by_province[rows[i].province_code].push_back(*s);
    }
  }
  for (const ProvinceCount& pc : counts) {
    if (!group.empty() && pc.province != group) continue;
    out.targets += pc.targets;
    out.responses += pc.responses;
    ProvinceResult p;
    p.province = pc.province;
    p.targets = pc.targets;
    p.responses = pc.responses;
    p.withheld = Withheld(pc.responses, true);
    p.index = SatisfactionIndex(scores_by_province[pc.province], pc.responses, true);
    out.by_province.push_back(std::move(p));
  }
  out.withheld = Withheld(out.responses, below_national);
  out.index = SatisfactionIndex(scores, out.responses, below_national);
  out.questions = Summarise(out.questionnaire.definition, pointers, below_national);
  return out;
}

Result<std::vector<SatisfactionItem>> SurveyService::Satisfaction(const Principal& who, const std::string& form_id,
                                                                  const std::string& province) const {
  if (!Official(who)) return Denied();
  std::string group = province;
  if (who.province_bound()) {
    if (!group.empty() && group != who.province_code) return std::vector<SatisfactionItem>();
    group = who.province_code;
  }
  const bool below_national = !group.empty();
  std::vector<SatisfactionItem> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto campaigns, LoadCampaignFacts(conn, form_id));
    std::map<int64_t, Questionnaire> questionnaires;
    for (const Campaign& c : campaigns) {
      if (!MayRead(who, c)) continue;
      if (!questionnaires.count(c.questionnaire_id)) {
        HOPTAC_ASSIGN_OR_RETURN(auto q, LoadQuestionnaire(conn, c.questionnaire_id));
        if (!q) continue;
        questionnaires.emplace(c.questionnaire_id, std::move(q->definition));
      }
      const Questionnaire& q = questionnaires.at(c.questionnaire_id);
      HOPTAC_ASSIGN_OR_RETURN(auto rows, LoadResponses(conn, c.id, group));
      std::vector<double> scores;
      for (const StoredResponse& r : rows) {
        HOPTAC_ASSIGN_OR_RETURN(Answers a, ParseAnswers(r.answers));
        if (auto s = ResponseScore(q, a)) scores.push_back(*s);
      }
      SatisfactionItem item;
      item.year = c.year;
      item.campaign_id = c.id;
      item.responses = static_cast<int64_t>(rows.size());
      item.index = SatisfactionIndex(scores, item.responses, below_national);
      item.withheld = item.index.withheld;
      out.push_back(std::move(item));
    }
    return Ok();
  }));
  std::sort(out.begin(), out.end(), [](const SatisfactionItem& a, const SatisfactionItem& b) {
    return a.year != b.year ? a.year < b.year : a.campaign_id < b.campaign_id;
  });
  return out;
}

Result<std::pair<StoredQuestionnaire, std::vector<ExportRow>>> SurveyService::ExportResponses(const Principal& who,
                                                                                              int64_t id) const {
  HOPTAC_ASSIGN_OR_RETURN(Campaign c, GetCampaign(who, id));
  const std::string group = who.province_bound() ? who.province_code : std::string();
  StoredQuestionnaire q;
  std::vector<StoredResponse> rows;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadQuestionnaire(conn, c.questionnaire_id));
    if (!found) return Error::Internal("campaign without its questionnaire");
    q = std::move(*found);
    HOPTAC_ASSIGN_OR_RETURN(rows, LoadResponses(conn, c.id, group));
    return Ok();
  }));
  std::vector<ExportRow> out;
  if (Withheld(static_cast<int64_t>(rows.size()), !group.empty())) return std::pair(std::move(q), std::move(out));
  std::vector<int64_t> numbers(rows.size());
  for (size_t i = 0; i < numbers.size(); ++i) numbers[i] = static_cast<int64_t>(i) + 1;
  std::random_device device;
  std::mt19937_64 random(device());
  std::shuffle(numbers.begin(), numbers.end(), random);
  for (size_t i = 0; i < rows.size(); ++i) {
    ExportRow row;
    row.number = numbers[i];
    row.province = rows[i].province_code;
    row.kind = rows[i].kind;
    row.year = c.year;
    HOPTAC_ASSIGN_OR_RETURN(row.answers, ParseAnswers(rows[i].answers));
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const ExportRow& a, const ExportRow& b) { return a.number < b.number; });
  return std::pair(std::move(q), std::move(out));
}

}  // namespace hoptac::surveys

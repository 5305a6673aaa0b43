#include "surveys/survey_json.h"

#include <cmath>
#include <ctime>

#include "surveys/questionnaire_json.h"

namespace hoptac::surveys {
namespace {

namespace json = boost::json;

json::value Rounded(std::optional<double> v, int digits = 1) {
  if (!v) return nullptr;
  const double scale = std::pow(10.0, digits);
  return std::round(*v * scale) / scale;
}

json::value Instant(std::optional<int64_t> ms) {
  if (!ms) return nullptr;
  return json::value(InstantText(*ms));
}

}  // namespace

std::string InstantText(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

json::object QuestionnaireItemJson(const StoredQuestionnaire& q) {
  return {{"id", q.id},
          {"form_id", q.definition.form_id},
          {"version", q.definition.version},
          {"title", TextJson(q.definition.title)},
          {"question_count", q.question_count},
          {"campaign_count", q.campaign_count},
          {"created_at", InstantText(q.created_at_ms)},
          {"created_by", q.created_by}};
}

json::object QuestionnaireJson(const StoredQuestionnaire& q, bool may_delete) {
  json::object o = DefinitionJson(q.definition);
  json::object out{{"id", q.id}};
  for (auto& member : o) out[member.key()] = member.value();
  out["question_count"] = q.question_count;
  out["campaign_count"] = q.campaign_count;
  out["created_at"] = InstantText(q.created_at_ms);
  out["created_by"] = q.created_by;
  out["may_delete"] = may_delete;
  return out;
}

json::object CampaignJson(const Campaign& c, CampaignStatus status, const StoredQuestionnaire* questionnaire) {
  json::array kinds, sectors;
  for (const std::string& k : c.scope_kinds) kinds.push_back(json::value(k));
  for (const std::string& s : c.scope_sectors) sectors.push_back(json::value(s));
  json::value q = nullptr;
  if (questionnaire)
    q = json::object{{"id", questionnaire->id},
                     {"form_id", questionnaire->definition.form_id},
                     {"title", TextJson(questionnaire->definition.title)}};
  return {{"id", c.id},
          {"questionnaire_id", c.questionnaire_id},
          {"questionnaire", q},
          {"title", TextJson(c.title)},
          {"year", c.year},
          {"opens_on", c.opens_on.ToIso()},
          {"closes_on", c.closes_on.ToIso()},
          {"status", CampaignStatusName(status)},
          {"closed_early_on", c.closed_early_at_ms ? json::value(ClosedOn(c).ToIso()) : json::value(nullptr)},
          {"scope",
           json::object{{"province", c.scope_province.empty() ? json::value(nullptr) : json::value(c.scope_province)},
                        {"kinds", kinds},
                        {"sectors", sectors}}},
          {"targets", c.targets},
          {"responses", c.responses},
          {"response_rate", Rounded(ResponseRate(c.responses, c.targets), 3)},
          {"created_at", InstantText(c.created_at_ms)},
          {"created_by", c.created_by}};
}

json::object ResponseAuditJson(const StoredResponse& r) {
  return {{"id", r.id},
          {"campaign_id", r.campaign_id},
          {"entity_id", r.entity_id},
          {"via", r.via},
          {"received_at", InstantText(r.received_at_ms)},
          {"updated_at", InstantText(r.updated_at_ms)}};
}

json::object TargetJson(const TargetRow& t) {
  return {{"entity", json::object{{"id", t.entity.id}, {"name", t.entity.name}, {"province", t.entity.province}}},
          {"link", "/s/" + t.target.token},
          {"responded_at", Instant(t.target.responded_at_ms)},
          {"via", t.target.via.empty() ? json::value(nullptr) : json::value(t.target.via)}};
}

json::object AnswerPageJson(const AnswerPage& page, i18n::Lang lang) {
  json::value response = nullptr;
  if (page.response && page.answers)
    response = json::object{{"answers", AnswersJson(*page.answers)},
                            {"received_at", InstantText(page.response->received_at_ms)},
                            {"updated_at", InstantText(page.response->updated_at_ms)}};
  return {{"campaign", json::object{{"id", page.campaign.id},
                                    {"title", TextJson(page.campaign.title)},
                                    {"year", page.campaign.year},
                                    {"opens_on", page.campaign.opens_on.ToIso()},
                                    {"closes_on", ClosedOn(page.campaign).ToIso()},
                                    {"status", CampaignStatusName(page.status)}}},
          {"entity", json::object{{"id", page.entity.id}, {"name", page.entity.name}}},
          {"questionnaire", QuestionnaireJson(page.questionnaire, false)},
          {"response", response},
          {"lang", lang == i18n::Lang::kEn ? "en" : "vi"}};
}

json::object ResultsJson(const CampaignResults& r, const std::function<std::string(const std::string&)>& name) {
  json::array provinces;
  for (const ProvinceResult& p : r.by_province)
    provinces.push_back(
        json::object{{"province", p.province},
                     {"name", name(p.province)},
                     {"targets", p.targets},
                     {"responses", p.responses},
                     {"response_rate", Rounded(ResponseRate(p.responses, p.targets), 3)},
                     {"satisfaction_index", Rounded(p.index.index)},
                     {"satisfaction_responses", p.withheld ? json::value(nullptr) : json::value(p.index.responses)},
                     {"withheld", p.withheld}});
  json::array questions;
  for (const QuestionResult& q : r.questions) {
    json::array distribution;
    for (const ChoiceCount& c : q.distribution)
      distribution.push_back(json::object{{"choice", c.choice}, {"label", TextJson(c.label)}, {"count", c.count}});
    json::value numbers = nullptr;
    if (q.numbers)
      numbers = json::object{{"count", q.numbers->count},
                             {"mean", Rounded(q.numbers->mean, 2)},
                             {"median", Rounded(q.numbers->median, 2)},
                             {"min", q.numbers->min},
                             {"max", q.numbers->max}};
    questions.push_back(json::object{{"name", q.question->name},
                                     {"type", QuestionTypeName(q.question->type)},
                                     {"label", TextJson(q.question->label)},
                                     {"answered", q.withheld ? json::value(nullptr) : json::value(q.answered)},
                                     {"withheld", q.withheld},
                                     {"distribution", distribution},
                                     {"mean", Rounded(q.mean, 2)},
                                     {"numbers", numbers},
                                     {"texts", q.texts ? json::value(*q.texts) : json::value(nullptr)}});
  }
  json::object campaign = CampaignJson(r.campaign, r.status, &r.questionnaire);
  return {{"campaign", campaign},
          {"targets", r.targets},
          {"responses", r.responses},
          {"response_rate", Rounded(ResponseRate(r.responses, r.targets), 3)},
          {"withheld", r.withheld},
          {"by_province", provinces},
          {"satisfaction_index", Rounded(r.index.index)},
          {"satisfaction_responses", r.withheld ? json::value(nullptr) : json::value(r.index.responses)},
          {"questions", questions}};
}

}  // namespace hoptac::surveys

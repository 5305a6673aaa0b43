// The indicator source of surveys (README.md): "surveys.campaigns" counts the campaigns held in
// the question's window — those whose closing day (closes_on, or the day they were closed early)
// is in it — with `held` (those with at least one response), `responses` and `targets`. A
// campaign counts for its scope's province (followed to the province in force on the window's
// last day); a national campaign counts for the whole country only. Filter: form_id (the
// questionnaire's code, e.g. a programme's yearly satisfaction survey).
#include <algorithm>
#include <array>

#include "surveys/survey_service.h"
#include "surveys/survey_store.h"

namespace hoptac::surveys {
namespace {

using storage::Connection;

constexpr std::array<std::string_view, 3> kMeasures = {"held", "responses", "targets"};

Result<std::string> Parse(const indicators::Definition& d) {
  std::vector<FieldError> errors;
  if (std::find(kMeasures.begin(), kMeasures.end(), d.measure) == kMeasures.end())
    errors.push_back({"measure", "unknown_measure", "field.invalid_enum", {d.measure, "held, responses, targets"}});
  std::string form_id;
  for (const auto& [name, value] : d.filters) {
    if (name != "form_id") {
      errors.push_back({name, "unknown_filter", "field.indicator_unknown_filter", {name, "form_id"}});
      continue;
    }
    form_id = value;
  }
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return form_id;
}

class CampaignsSourceImpl : public indicators::Source {
 public:
  explicit CampaignsSourceImpl(const SurveyService& svc) : svc_(svc) {}
  std::vector<std::string> Measures() const override { return {"held", "responses", "targets"}; }
  Status Check(const indicators::Definition& d) const override {
    auto parsed = Parse(d);
    return parsed.ok() ? Ok() : Status(parsed.error());
  }
  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    HOPTAC_ASSIGN_OR_RETURN(std::string form_id, Parse(q.definition));
    std::vector<Campaign> campaigns;
    HOPTAC_TRY(svc_.db().Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(campaigns, LoadCampaignFacts(conn, form_id));
      return Ok();
    }));
    indicators::Answer a;
    for (const Campaign& c : campaigns) {
      const Date closed = ClosedOn(c);
      if (closed < q.from || closed > q.to) continue;
      if (!q.province.empty()) {
        if (c.scope_province.empty()) continue;
        if (registry::CurrentProvinceCode(svc_.units(), c.scope_province, closed, q.to).value_or(c.scope_province) !=
            q.province)
          continue;
      }
      const std::string& m = q.definition.measure;
      if (m == "held") {
        if (c.responses == 0) continue;
        ++a.value;
      } else {
        a.value += m == "responses" ? c.responses : c.targets;
      }
      ++a.contributors;
    }
    a.description = q.definition.source + ": " + q.definition.measure;
    if (!q.definition.filters.empty()) a.description += " where " + indicators::FiltersText(q.definition.filters);
    a.description += "; " + (q.province.empty() ? std::string("the whole country") : "province " + q.province);
    a.description += "; closing " + q.from.ToIso() + ".." + q.to.ToIso();
    return a;
  }

 private:
  const SurveyService& svc_;
};

}  // namespace

std::shared_ptr<const indicators::Source> SurveyService::CampaignsSource() const {
  return std::make_shared<CampaignsSourceImpl>(*this);
}

}  // namespace hoptac::surveys

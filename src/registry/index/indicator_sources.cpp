#include "registry/index/indicator_sources.h"

#include <algorithm>
#include <string>

#include "registry/entity_query.h"
#include "registry/figures.h"
#include "registry/index/stats_api.h"

namespace hoptac::analytics {
namespace {

// The filter names a definition may use: the statistics' own.
Status CheckFilterNames(const indicators::Filters& filters) {
  const auto& allowed = registry::SharedFilterNames();
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  std::string names;
  for (std::string_view name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
  for (const auto& [name, value] : filters) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    error.fields.push_back({name, "unknown_filter", "field.indicator_unknown_filter", {name, names}});
  }
  if (error.fields.empty()) return Ok();
  return error;
}

// The parameters of the statistics request a question is: the definition's filters, then
// what the source sets itself (measure or event, the dates, the province).
ParameterLookup Lookup(const indicators::Filters& filters, std::vector<std::pair<std::string, std::string>> own) {
  return [filters, own = std::move(own)](std::string_view name) -> std::optional<std::string> {
    for (const auto& [key, value] : own)
      if (key == name) return value;
    for (const auto& [key, value] : filters)
      if (key == name) return value;
    return std::nullopt;
  };
}

Status CheckProvinceOnce(const indicators::Question& question) {
  if (question.province.empty()) return Ok();
  for (const auto& [name, value] : question.definition.filters)
    if (name == "province")
      return Error::Make(ErrorCode::kInvalidArgument, "error.indicator_province_twice", {value, question.province});
  return Ok();
}

std::string Describe(const indicators::Question& q, bool flow) {
  std::string text = q.definition.source + ": " + q.definition.measure;
  if (!q.definition.filters.empty()) text += " (" + indicators::FiltersText(q.definition.filters) + ")";
  text += q.province.empty() ? "; whole country" : "; province " + q.province;
  text += flow ? "; " + q.from.ToIso() + " to " + q.to.ToIso() : "; as of " + q.to.ToIso();
  return text;
}

class EntitiesSource final : public indicators::Source {
 public:
  explicit EntitiesSource(const RegistryIndex& index) : index_(index) {}

  std::vector<std::string> Measures() const override {
    std::vector<std::string> names{"count"};
    for (const auto& f : domain::FigureFields()) names.emplace_back(f.name);
    return names;
  }

  Status Check(const indicators::Definition& d) const override {
    HOPTAC_TRY(CheckFilterNames(d.filters));
    auto parsed = ParseStockQuery(Lookup(d.filters, {{"measure", d.measure}, {"as_of", "2000-01-01"}}));
    if (!parsed.ok()) return std::move(parsed).error();
    return Ok();
  }

  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    HOPTAC_TRY(CheckFilterNames(q.definition.filters));
    HOPTAC_TRY(CheckProvinceOnce(q));
    std::vector<std::pair<std::string, std::string>> own{{"measure", q.definition.measure}, {"as_of", q.to.ToIso()}};
    if (!q.province.empty()) {
      own.emplace_back("province", q.province);
      own.emplace_back("province_scheme", "legacy");
    }
    HOPTAC_ASSIGN_OR_RETURN(StockQuery query, ParseStockQuery(Lookup(q.definition.filters, std::move(own))));
    query.audience = q.audience == indicators::Audience::kOfficial ? Audience::kOfficial : Audience::kPublic;
    HOPTAC_ASSIGN_OR_RETURN(StockResult result, index_.Stock(query));
    indicators::Answer answer;
    answer.value = result.total;
    answer.contributors = result.entities;
    answer.exact = result.total_disclosure == CellDisclosure::kExact;
    answer.withheld = Withheld(result.total_disclosure);
    answer.description = Describe(q, false);
    return answer;
  }

 private:
  const RegistryIndex& index_;
};

class EventsSource final : public indicators::Source {
 public:
  explicit EventsSource(const RegistryIndex& index) : index_(index) {}

  std::vector<std::string> Measures() const override {
    std::vector<std::string> names;
    for (auto type : domain::kEventTypes) names.emplace_back(domain::EventTypeName(type));
    return names;
  }

  Status Check(const indicators::Definition& d) const override {
    HOPTAC_TRY(CheckFilterNames(d.filters));
    auto parsed =
        ParseFlowQuery(Lookup(d.filters, {{"event", d.measure}, {"from", "2000-01-01"}, {"to", "2000-12-31"}}));
    if (!parsed.ok()) return std::move(parsed).error();
    return Ok();
  }

  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    HOPTAC_TRY(CheckFilterNames(q.definition.filters));
    HOPTAC_TRY(CheckProvinceOnce(q));
    std::vector<std::pair<std::string, std::string>> own{
        {"event", q.definition.measure}, {"from", q.from.ToIso()}, {"to", q.to.ToIso()}};
    if (!q.province.empty()) {
      own.emplace_back("province", q.province);
      own.emplace_back("province_scheme", "legacy");
    }
    HOPTAC_ASSIGN_OR_RETURN(FlowQuery query, ParseFlowQuery(Lookup(q.definition.filters, std::move(own))));
    HOPTAC_ASSIGN_OR_RETURN(FlowResult result, index_.Flows(query));
    indicators::Answer answer;
    answer.value = result.total;
    answer.contributors = result.total;
    answer.description = Describe(q, true);
    return answer;
  }

 private:
  const RegistryIndex& index_;
};

}  // namespace

void AddIndicatorSources(indicators::Registry& registry, const RegistryIndex& index) {
  registry.Add(std::string(kEntitiesSource), std::make_shared<EntitiesSource>(index));
  registry.Add(std::string(kEventsSource), std::make_shared<EventsSource>(index));
}

}  // namespace hoptac::analytics

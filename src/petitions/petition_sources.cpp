// The indicator source of petitions (README.md): "petitions.petitions" counts the petitions
// raised in the question's window (by raised_on) — all of them, those answered, those answered
// by their due date, and those overdue at the window's end (a due date before it and no answer
// by then; the end is today at the latest). A petition's province is read as of the day it was
// raised and followed to the province in force on the window's last day, as activities do.
#include <algorithm>

#include "base/lists.h"
#include "petitions/petition_service.h"
#include "petitions/petition_store.h"

namespace hoptac::petitions {
namespace {

constexpr std::string_view kMeasures[] = {"count", "answered", "answered_on_time", "overdue"};
constexpr std::string_view kFilters[] = {"theme", "status"};

class PetitionsSource : public indicators::Source {
 public:
  explicit PetitionsSource(const PetitionService& svc) : svc_(svc) {}
  std::vector<std::string> Measures() const override {
    return std::vector<std::string>(std::begin(kMeasures), std::end(kMeasures));
  }
  Status Check(const indicators::Definition& d) const override {
    PetitionFilter f;
    return Parse(d, f);
  }
  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    PetitionFilter f;
    HOPTAC_TRY(Parse(q.definition, f));
    f.from = q.from;
    f.to = q.to;
    f.without_texts = true;
    std::vector<Petition> rows;
    HOPTAC_TRY(svc_.db().Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(rows, LoadPetitions(conn, f, false));
      return Ok();
    }));
    const Date end = std::min(q.to, svc_.Today());
    indicators::Answer a;
    const std::string& m = q.definition.measure;
    for (const Petition& p : rows) {
      if (!q.province.empty() &&
          registry::CurrentProvinceCode(svc_.units(), p.province_code, p.raised_on, q.to).value_or(p.province_code) !=
              q.province)
        continue;
      bool counted = true;
      if (m == "answered") counted = p.answered_at_ms != 0;
      if (m == "answered_on_time") counted = OnTime(p);
      if (m == "overdue")
        counted = p.due_on && *p.due_on < end && (p.answered_at_ms == 0 || DayOf(p.answered_at_ms) > end);
      if (!counted) continue;
      ++a.contributors;
      ++a.value;
    }
    a.description = q.definition.source + ": " + m;
    if (!q.definition.filters.empty()) a.description += " where " + indicators::FiltersText(q.definition.filters);
    a.description += "; " + (q.province.empty() ? std::string("the whole country") : "province " + q.province);
    a.description += "; raised " + q.from.ToIso() + ".." + q.to.ToIso();
    return a;
  }

 private:
  Status Parse(const indicators::Definition& d, PetitionFilter& f) const {
    std::vector<FieldError> errors;
    if (!OneOf(kMeasures, d.measure))
      errors.push_back({"measure", "unknown_measure", "field.invalid_enum", {d.measure, NamesText(kMeasures)}});
    for (const auto& [name, value] : d.filters) {
      if (name == "theme") {
        f.themes = SplitCommaList(value);
        auto themes = svc_.Themes();
        if (!themes.ok()) return themes.error();
        for (const std::string& t : f.themes)
          if (std::none_of(themes->begin(), themes->end(), [&](const Theme& x) { return x.code == t; }))
            errors.push_back({name, "invalid_enum", "field.invalid_enum", {t, "petition-themes"}});
      } else if (name == "status") {
        f.statuses = SplitCommaList(value);
        for (const std::string& s : f.statuses)
          if (!OneOf(kStatuses, s))
            errors.push_back({name, "invalid_enum", "field.invalid_enum", {s, NamesText(kStatuses)}});
      } else {
        errors.push_back({name, "unknown_filter", "field.indicator_unknown_filter", {name, NamesText(kFilters)}});
      }
    }
    if (!errors.empty()) return Error::InvalidFields(std::move(errors));
    return Ok();
  }

  const PetitionService& svc_;
};

}  // namespace

std::shared_ptr<const indicators::Source> PetitionService::Source() const {
  return std::make_shared<PetitionsSource>(*this);
}

}  // namespace hoptac::petitions

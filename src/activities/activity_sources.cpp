// The indicator sources of activities (README.md): "activities.activities" counts held
// activities and their participants, "activities.placements" young workers placed. Both are
// flows: what started in the question's window, in the province asked — an activity's province
// is read as of its first day and followed to the province in force on the window's last day,
// so a 2023 window asked for a province merged in 2025 counts what was held in it then.
#include <algorithm>
#include <charconv>

#include "activities/activity_service.h"
#include "activities/activity_store.h"
#include "base/lists.h"

namespace hoptac::activities {
namespace {

using storage::Connection;

std::optional<int64_t> PositiveInt(std::string_view text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::string Names(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// The filters both sources read, checked.
struct Parsed {
  std::vector<std::string> types;
  int64_t programme = 0;
  int content = 0;
  std::string sex;
};

Result<Parsed> Parse(const indicators::Definition& d, std::initializer_list<std::string_view> measures,
                     std::initializer_list<std::string_view> filters) {
  std::vector<FieldError> errors;
  if (std::find(measures.begin(), measures.end(), d.measure) == measures.end())
    errors.push_back({"measure", "unknown_measure", "field.invalid_enum", {d.measure, Names(measures)}});
  Parsed p;
  bool has_content = false;
  for (const auto& [name, value] : d.filters) {
    if (std::find(filters.begin(), filters.end(), name) == filters.end()) {
      errors.push_back({name, "unknown_filter", "field.indicator_unknown_filter", {name, Names(filters)}});
      continue;
    }
    if (name == "type") {
      for (std::string& t : SplitCommaList(value)) {
        if (!OneOf(kActivityTypes, t))
          errors.push_back({name, "invalid_enum", "field.invalid_enum", {t, NamesText(kActivityTypes)}});
        p.types.push_back(std::move(t));
      }
    } else if (name == "programme") {
      auto id = PositiveInt(value);
      if (!id) errors.push_back({name, "invalid_integer", "field.invalid_integer", {value}});
      p.programme = id.value_or(0);
    } else if (name == "content") {
      auto n = PositiveInt(value);
      if (!n || *n > 999) errors.push_back({name, "out_of_range", "field.out_of_range", {"1", "999"}});
      p.content = static_cast<int>(n.value_or(0));
      has_content = true;
    } else if (name == "sex") {
      if (!OneOf(kSexes, value))
        errors.push_back({name, "invalid_enum", "field.invalid_enum", {value, NamesText(kSexes)}});
      p.sex = value;
    }
  }
  if (has_content && p.programme == 0)
    errors.push_back({"content", "content_needs_programme", "field.activity_content_needs_programme", {}});
  if (!errors.empty()) return Error::InvalidFields(std::move(errors));
  return p;
}

std::string Describe(const indicators::Question& q, std::string_view what) {
  std::string out = q.definition.source + ": " + q.definition.measure;
  if (!q.definition.filters.empty()) out += " where " + indicators::FiltersText(q.definition.filters);
  out += "; " + (q.province.empty() ? std::string("the whole country") : "province " + q.province);
  out += "; " + std::string(what) + " " + q.from.ToIso() + ".." + q.to.ToIso();
  return out;
}

class ActivitiesSourceImpl : public indicators::Source {
 public:
  explicit ActivitiesSourceImpl(const ActivityService& svc) : svc_(svc) {}
  std::vector<std::string> Measures() const override { return {"count", "participants", "female", "youth"}; }
  Status Check(const indicators::Definition& d) const override {
    auto parsed = Parse(d, {"count", "participants", "female", "youth"}, {"type", "programme", "content"});
    return parsed.ok() ? Ok() : Status(parsed.error());
  }
  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    HOPTAC_ASSIGN_OR_RETURN(
        Parsed p, Parse(q.definition, {"count", "participants", "female", "youth"}, {"type", "programme", "content"}));
    std::vector<ActivityFact> facts;
    HOPTAC_TRY(svc_.db().Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(facts, LoadActivityFacts(conn, q.from, q.to, p.types, p.programme, p.content));
      return Ok();
    }));
    indicators::Answer a;
    for (const ActivityFact& f : facts) {
      if (!q.province.empty() &&
          registry::CurrentProvinceCode(svc_.units(), f.province_code, f.from, q.to).value_or(f.province_code) !=
              q.province)
        continue;
      ++a.contributors;
      const std::string& m = q.definition.measure;
      a.value += m == "count"          ? 1
                 : m == "participants" ? f.participants.total
                 : m == "female"       ? f.participants.female
                                       : f.participants.youth;
    }
    a.description = Describe(q, "held");
    return a;
  }

 private:
  const ActivityService& svc_;
};

class PlacementsSourceImpl : public indicators::Source {
 public:
  explicit PlacementsSourceImpl(const ActivityService& svc) : svc_(svc) {}
  std::vector<std::string> Measures() const override { return {"count", "female", "youth"}; }
  Status Check(const indicators::Definition& d) const override {
    auto parsed = Parse(d, {"count", "female", "youth"}, {"programme", "sex"});
    return parsed.ok() ? Ok() : Status(parsed.error());
  }
  Result<indicators::Answer> Ask(const indicators::Question& q) const override {
    HOPTAC_ASSIGN_OR_RETURN(Parsed p, Parse(q.definition, {"count", "female", "youth"}, {"programme", "sex"}));
    PlacementFilter f;
    f.programme_id = p.programme;
    f.sex = p.sex;
    f.from = q.from;
    f.to = q.to;
    std::vector<Placement> rows;
    HOPTAC_TRY(svc_.db().Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(rows, LoadPlacements(conn, f));
      return Ok();
    }));
    indicators::Answer a;
    for (const Placement& x : rows) {
      // Stored with today's province when recorded; followed back for earlier windows.
      if (!q.province.empty() &&
          registry::CurrentProvinceCode(svc_.units(), x.province_code, x.start, q.to).value_or(x.province_code) !=
              q.province)
        continue;
      const std::string& m = q.definition.measure;
      if (m == "female" && x.sex != "female") continue;
      if (m == "youth" && !YouthIn(x.birth_year, x.start.year())) continue;
      ++a.contributors;
      ++a.value;
    }
    a.description = Describe(q, "started");
    return a;
  }

 private:
  const ActivityService& svc_;
};

}  // namespace

std::shared_ptr<const indicators::Source> ActivityService::ActivitiesSource() const {
  return std::make_shared<ActivitiesSourceImpl>(*this);
}

std::shared_ptr<const indicators::Source> ActivityService::PlacementsSource() const {
  return std::make_shared<PlacementsSourceImpl>(*this);
}

}  // namespace hoptac::activities

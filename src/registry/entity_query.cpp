#include "registry/entity_query.h"

#include <algorithm>
#include <utility>

#include "registry/finder.h"
#include "text/fold.h"

namespace hoptac::registry {

using storage::Int;
using storage::Text;
using storage::Value;

void EntityQuery::And(std::string_view fragment, Value value) {
  params.push_back(std::move(value));
  where += " AND ";
  where += fragment;
  where += "$" + std::to_string(params.size());
}

bool EntityQuery::MatchesName(std::string_view name) const {
  if (words.empty()) return true;
  std::vector<std::string> name_words = NameWords(name);
  for (const std::string& q : words) {
    bool found =
        std::any_of(name_words.begin(), name_words.end(), [&](const std::string& w) { return w.rfind(q, 0) == 0; });
    if (!found) return false;
  }
  return true;
}

bool EntityQuery::MatchesStatus(const std::vector<domain::StatusEvent>& sorted_events,
                                std::optional<Date> founded_on) const {
  return !status || domain::StatusOn(sorted_events, founded_on, as_of) == status;
}

Result<EntityQuery> BuildEntityQuery(const auth::Principal& who, const EntityFilters& filters,
                                     const geo::AdminUnitDirectory& units, Date today) {
  // The WHERE clause is assembled from fixed fragments; every value is bound.
  EntityQuery query;
  query.where = "e.deleted_at_ms IS NULL";
  if (who.national()) {
  } else if (who.province_bound()) {
    query.And("e.current_province_code = ", Text(who.province_code));
  } else if (who.authenticated() && who.role == auth::Role::kCooperative) {
    query.And("e.id = ", Int(who.entity_id));
  }
  if (filters.kind) query.And("e.kind = ", Text(domain::EntityKindName(*filters.kind)));
  if (!filters.province.empty()) query.And("e.current_province_code = ", Text(filters.province));
  if (!filters.legacy_province.empty()) {
    const geo::AdminUnit* unit =
        units.Find(geo::AdminLevel::kProvince, filters.legacy_province, Date::FromCivil(2025, 6, 30));
    if (!unit)
      return Error::InvalidField("legacy_province", "unknown_province", "field.unknown_province",
                                 {filters.legacy_province});
    query.And("e.province_code = ", Text(unit->code));
    query.And("e.province_as_of >= ", Text(unit->valid_from.ToIso()));
    if (unit->valid_to) query.And("e.province_as_of <= ", Text(unit->valid_to->ToIso()));
  }
  if (filters.sector) query.And("e.sector = ", Text(domain::SectorName(*filters.sector)));
  if (!filters.commune.empty()) query.And("e.commune_code = ", Text(filters.commune));
  if (filters.women_managed) query.And("e.women_managed = ", Int(*filters.women_managed ? 1 : 0));
  if (filters.youth) query.And("e.youth = ", Int(*filters.youth ? 1 : 0));
  // founded_on is ISO text on both backends, so text order is date order.
  if (filters.founded_from) query.And("e.founded_on >= ", Text(filters.founded_from->ToIso()));
  if (filters.founded_to) query.And("e.founded_on <= ", Text(filters.founded_to->ToIso()));
  query.words = SearchWords(filters.q);
  if (!query.words.empty()) {
    // Narrow in SQL with the longest word a name must hold as written; the word-prefix
    // rule is MatchesName. A word of an abbreviation's spelling-out ("hop" of HTX) may be
    // written "HTX" in the name, so it never narrows; with only such words, nothing does.
    std::string longest;
    for (const std::string& word : query.words)
      if (!IsAbbreviationWord(word) && word.size() > longest.size()) longest = word;
    std::erase_if(longest, [](char c) { return c == '%' || c == '_' || c == '\\'; });
    if (!longest.empty()) query.And("e.name_folded LIKE ", Text("%" + longest + "%"));
  }
  query.status = filters.status;
  query.as_of = filters.as_of.value_or(today);
  return query;
}

const std::vector<std::string_view>& EntityFilterNames() {
  static const std::vector<std::string_view> names = {
      "kind",          "province", "status",       "as_of",      "q",   "sector", "commune", "legacy_province",
      "women_managed", "youth",    "founded_from", "founded_to", "sort"};
  return names;
}

namespace {

Result<std::optional<Date>> DateFilter(const FilterParameter& parameter, std::string_view name) {
  auto text = parameter(name);
  if (!text) return std::optional<Date>();
  auto date = Date::ParseIso(*text);
  if (!date) return Error::InvalidField(std::string(name), "invalid_date", "field.invalid_date", {*text});
  return std::optional<Date>(*date);
}

}  // namespace

Result<EntityFilters> ParseEntityFilters(const FilterParameter& parameter) {
  EntityFilters filters;
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  if (auto kind = parameter("kind")) {
    filters.kind = domain::EntityKindFromName(*kind);
    if (!filters.kind)
      error.fields.push_back({"kind", "invalid_enum", "field.invalid_enum", {*kind, domain::EntityKindNames()}});
  }
  if (auto status = parameter("status")) {
    filters.status = domain::EntityStatusFromName(*status);
    if (!filters.status)
      error.fields.push_back({"status", "invalid_enum", "field.invalid_enum", {*status, domain::EntityStatusNames()}});
  }
  if (auto sector = parameter("sector")) {
    filters.sector = domain::SectorFromName(*sector);
    if (!filters.sector) {
      std::string names = domain::SectorNames();
      error.fields.push_back({"sector", "invalid_enum", "field.invalid_enum", {*sector, names}});
    }
  }
  for (auto [name, target] : {std::pair{"women_managed", &filters.women_managed}, std::pair{"youth", &filters.youth}}) {
    auto text = parameter(name);
    if (!text) continue;
    if (*text == "true" || *text == "1")
      *target = true;
    else if (*text == "false" || *text == "0")
      *target = false;
    else
      error.fields.push_back({name, "invalid_enum", "field.invalid_enum", {*text, "true, false"}});
  }
  if (auto sort = parameter("sort")) {
    if (auto parsed = ListSortFromName(*sort))
      filters.sort = *parsed;
    else
      error.fields.push_back({"sort", "invalid_enum", "field.invalid_enum", {*sort, kListSortNames}});
  }
  if (!error.fields.empty()) return error;
  filters.commune = parameter("commune").value_or("");
  filters.legacy_province = parameter("legacy_province").value_or("");
  HOPTAC_ASSIGN_OR_RETURN(filters.founded_from, DateFilter(parameter, "founded_from"));
  HOPTAC_ASSIGN_OR_RETURN(filters.founded_to, DateFilter(parameter, "founded_to"));
  if (filters.founded_from && filters.founded_to && *filters.founded_from > *filters.founded_to)
    return Error::InvalidField("founded_from", "after_to", "field.from_after_to",
                               {filters.founded_from->ToIso(), filters.founded_to->ToIso()});
  filters.province = parameter("province").value_or("");
  filters.q = parameter("q").value_or("");
  HOPTAC_ASSIGN_OR_RETURN(filters.as_of, DateFilter(parameter, "as_of"));
  return filters;
}

}  // namespace hoptac::registry

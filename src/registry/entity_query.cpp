#include "registry/entity_query.h"

#include <algorithm>
#include <utility>

#include "base/lists.h"
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

bool EntityQuery::MatchesName(std::string_view name) const { return MatchesSearch(name, "", ""); }

bool EntityQuery::MatchesSearch(std::string_view name, std::string_view current_province,
                                std::string_view commune) const {
  if (words.empty()) return true;
  std::vector<std::string> name_words = NameWords(name);
  auto all_found = [&](const std::vector<std::string>& wanted) {
    for (const std::string& q : wanted) {
      bool found =
          std::any_of(name_words.begin(), name_words.end(), [&](const std::string& w) { return w.rfind(q, 0) == 0; });
      if (!found) return false;
    }
    return true;
  };
  if (all_found(words)) return true;
  const bool there =
      (!place_province.empty() && current_province == place_province) ||
      (!commune.empty() && std::find(place_communes.begin(), place_communes.end(), commune) != place_communes.end());
  return there && all_found(place_words);
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
    // A unit in force since before the records begin has no lower bound.
    if (!unit->valid_from_open) query.And("e.province_as_of >= ", Text(unit->valid_from.ToIso()));
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
  if (query.words.size() > 7) query.words.resize(7);  // as the list (the index) reads them
  // Words naming a place (registry/finder.h): its entities match with the other words, unless
  // the province or commune filter, or the caller's province, is elsewhere.
  if (!query.words.empty()) {
    // Built per query (a few milliseconds): only the exports build their selection here.
    const PlaceNames places(units, today);
    const std::optional<SearchPlace> place = places.Find(query.words);
    std::string scope_province = who.province_bound() && !who.national() ? who.province_code : "";
    auto fits = [&](const std::string& province) {
      return (filters.province.empty() || filters.province == province) &&
             (scope_province.empty() || scope_province == province);
    };
    if (place && place->province && fits(place->province->code)) {
      query.place_province = place->province->code;
    } else if (place && !place->province) {
      for (const geo::AdminUnit* commune : place->communes)
        if (fits(commune->parent_code) && (filters.commune.empty() || filters.commune == commune->code))
          query.place_communes.push_back(commune->code);
    }
    if (!query.place_province.empty() || !query.place_communes.empty())
      query.place_words = place->OtherWords(query.words);
  }
  if (!query.words.empty() && query.place_province.empty() && query.place_communes.empty()) {
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

std::vector<std::string> SplitFilterList(std::string_view text) { return SplitCommaList(text); }

const std::vector<std::string_view>& SharedFilterNames() {
  static const std::vector<std::string_view> names = {
      "kind", "province", "commune", "status", "sector", "women_managed", "youth", "founded_from", "founded_to"};
  return names;
}

bool FiltersByAnyAttribute(const auth::Principal& who) { return who.national() || who.province_bound(); }

std::string_view FilterAttribute(std::string_view parameter) {
  static constexpr std::pair<std::string_view, std::string_view> kRead[] = {
      {"kind", "kind"},
      {"province", "current_province_code"},
      {"legacy_province", "province_code"},
      {"commune", "commune_code"},
      {"status", "status"},
      {"sector", "sector"},
      {"q", "name"},
      {"founded_from", "founded_on"},
      {"founded_to", "founded_on"},
      {"women_managed", "women_managed"},
      {"youth", "youth"},
  };
  for (const auto& [name, attribute] : kRead)
    if (name == parameter) return attribute;
  return {};
}

Status CheckFilterAccess(const auth::Principal& who, const FilterParameter& parameter,
                         const std::vector<std::string_view>& names) {
  if (FiltersByAnyAttribute(who)) return Ok();
  Error error = Error::Make(ErrorCode::kPermissionDenied, "error.filter_not_public");
  for (std::string_view name : names) {
    std::string_view attribute = FilterAttribute(name);
    if (attribute.empty() || domain::IsPublicAttribute(attribute) || !parameter(name)) continue;
    if (error.args.empty()) error.args.emplace_back(name);
    error.fields.push_back({std::string(name), "filter_not_public", "field.filter_not_public", {std::string(name)}});
  }
  if (error.fields.empty()) return Ok();
  return error;
}

namespace {

// One enum value by wire name, or a field error naming the allowed values.
template <typename Value, typename FromName>
std::optional<Value> EnumValue(std::vector<FieldError>& errors, std::string_view field, const std::string& text,
                               FromName from_name, const std::string& allowed) {
  std::optional<Value> value = from_name(text);
  if (!value) errors.push_back({std::string(field), "invalid_enum", "field.invalid_enum", {text, allowed}});
  return value;
}

template <typename Value, typename FromName>
std::vector<Value> EnumList(std::vector<FieldError>& errors, std::string_view field,
                            const std::optional<std::string>& text, FromName from_name, const std::string& allowed) {
  std::vector<Value> values;
  if (!text) return values;
  for (const std::string& item : SplitFilterList(*text))
    if (auto value = EnumValue<Value>(errors, field, item, from_name, allowed)) values.push_back(*value);
  return values;
}

}  // namespace

std::optional<domain::EntityKind> FilterReader::KindFilter() {
  auto text = parameter_("kind");
  if (!text) return std::nullopt;
  return EnumValue<domain::EntityKind>(errors_, "kind", *text, domain::EntityKindFromName, domain::EntityKindNames());
}

std::vector<domain::EntityKind> FilterReader::KindsFilter() {
  return EnumList<domain::EntityKind>(errors_, "kind", parameter_("kind"), domain::EntityKindFromName,
                                      domain::EntityKindNames());
}

std::optional<domain::EntityStatus> FilterReader::StatusFilter() {
  auto text = parameter_("status");
  if (!text) return std::nullopt;
  return EnumValue<domain::EntityStatus>(errors_, "status", *text, domain::EntityStatusFromName,
                                         domain::EntityStatusNames());
}

std::vector<domain::EntityStatus> FilterReader::StatusesFilter() {
  return EnumList<domain::EntityStatus>(errors_, "status", parameter_("status"), domain::EntityStatusFromName,
                                        domain::EntityStatusNames());
}

std::optional<domain::Sector> FilterReader::SectorFilter() {
  auto text = parameter_("sector");
  if (!text) return std::nullopt;
  return EnumValue<domain::Sector>(errors_, "sector", *text, domain::SectorFromName, domain::SectorNames());
}

std::vector<domain::Sector> FilterReader::SectorsFilter() {
  return EnumList<domain::Sector>(errors_, "sector", parameter_("sector"), domain::SectorFromName,
                                  domain::SectorNames());
}

std::optional<bool> FilterReader::Bool(std::string_view name) {
  auto text = parameter_(name);
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  errors_.push_back({std::string(name), "invalid_enum", "field.invalid_enum", {*text, "true, false"}});
  return std::nullopt;
}

std::optional<Date> FilterReader::IsoDate(std::string_view name) {
  auto text = parameter_(name);
  if (!text) return std::nullopt;
  auto date = Date::ParseIso(*text);
  if (!date) errors_.push_back({std::string(name), "invalid_date", "field.invalid_date", {*text}});
  return date;
}

void FilterReader::FoundedRange(std::optional<Date>& from, std::optional<Date>& to) {
  from = IsoDate("founded_from");
  to = IsoDate("founded_to");
  if (from && to && *from > *to)
    errors_.push_back({"founded_from", "from_after_to", "field.from_after_to", {from->ToIso(), to->ToIso()}});
}

Status FilterReader::Finish() {
  if (errors_.empty()) return Ok();
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  error.fields = std::move(errors_);
  errors_.clear();
  return error;
}

Result<EntityFilters> ParseEntityFilters(const FilterParameter& parameter) {
  EntityFilters filters;
  FilterReader read(parameter);
  filters.kind = read.KindFilter();
  filters.status = read.StatusFilter();
  filters.sector = read.SectorFilter();
  filters.women_managed = read.Bool("women_managed");
  filters.youth = read.Bool("youth");
  if (auto sort = parameter("sort")) {
    if (auto parsed = ListSortFromName(*sort))
      filters.sort = *parsed;
    else
      read.Add({"sort", "invalid_enum", "field.invalid_enum", {*sort, kListSortNames}});
  }
  read.FoundedRange(filters.founded_from, filters.founded_to);
  filters.as_of = read.IsoDate("as_of");
  HOPTAC_TRY(read.Finish());
  filters.commune = parameter("commune").value_or("");
  filters.legacy_province = parameter("legacy_province").value_or("");
  filters.province = parameter("province").value_or("");
  filters.q = parameter("q").value_or("");
  return filters;
}

}  // namespace hoptac::registry

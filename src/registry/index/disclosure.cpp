#include "registry/index/disclosure.h"

#include <string>

#include "registry/entity.h"

namespace hoptac::analytics {

const char* CellDisclosureName(CellDisclosure disclosure) {
  switch (disclosure) {
    case CellDisclosure::kExact: return "exact";
    case CellDisclosure::kPerturbed: return "perturbed";
    case CellDisclosure::kFewEntities: return "few_entities";
    case CellDisclosure::kDominated: return "dominance";
  }
  return "";
}

bool Protects(std::string_view measure, Audience audience) {
  return audience == Audience::kPublic && measure != "count";
}

namespace {

// The attribute of an entity a dimension reads (domain::IsPublicAttribute's names).
std::string_view AttributeOf(Dimension dimension) {
  switch (dimension) {
    case Dimension::kProvince: return "current_province_code";  // or province_code (legacy): public alike
    case Dimension::kCommune: return "commune_code";
    case Dimension::kKind: return "kind";
    case Dimension::kStatus: return "status";
    case Dimension::kSector: return "sector";
    case Dimension::kFoundedYear: return "founded_on";
    case Dimension::kWomenManaged: return "women_managed";
    case Dimension::kYouth: return "youth";
    case Dimension::kYear: return "status_since";  // flows only: the date of an event
  }
  return "";
}

}  // namespace

bool PublicDimension(Dimension dimension) {
  // Finer than a province, or an attribute only officials read.
  return dimension != Dimension::kCommune && domain::IsPublicAttribute(AttributeOf(dimension));
}

Status CheckPublicQuery(std::string_view measure, const std::vector<Dimension>& group_by, const StatsFilter& filter,
                        Audience audience) {
  if (!Protects(measure, audience)) return Ok();
  std::vector<FieldError> fields;
  std::string names;
  auto refuse = [&](const std::string& parameter, const char* dimension) {
    fields.push_back({parameter, "not_public", "field.stats_not_public", {dimension, std::string(measure)}});
    if (names.find(dimension) == std::string::npos) names += std::string(names.empty() ? "" : ", ") + dimension;
  };
  for (Dimension d : group_by)
    if (!PublicDimension(d)) refuse("group_by", DimensionName(d));
  if (!filter.communes.empty()) refuse("commune", DimensionName(Dimension::kCommune));
  // The routes refuse these earlier, for every measure (registry::CheckFilterAccess); a public
  // query that did not come through them is refused here all the same.
  if (filter.women_managed && !PublicDimension(Dimension::kWomenManaged))
    refuse("women_managed", DimensionName(Dimension::kWomenManaged));
  if (filter.youth && !PublicDimension(Dimension::kYouth)) refuse("youth", DimensionName(Dimension::kYouth));
  if (fields.empty()) return Ok();
  Error e = Error::Make(ErrorCode::kPermissionDenied, "error.stats_not_public", {std::string(measure), names});
  e.fields = std::move(fields);
  return e;
}

CellDisclosure DisclosureOf(cell_key::Outcome outcome) {
  switch (outcome) {
    case cell_key::Outcome::kPerturbed: return CellDisclosure::kPerturbed;
    case cell_key::Outcome::kFewContributors: return CellDisclosure::kFewEntities;
    case cell_key::Outcome::kDominated: return CellDisclosure::kDominated;
  }
  return CellDisclosure::kFewEntities;
}

}  // namespace hoptac::analytics

#include "indicators/indicators.h"

#include <cassert>

namespace hoptac::indicators {

void Registry::Add(std::string name, std::shared_ptr<const Source> source) {
  assert(source != nullptr);
  bool added = sources_.emplace(std::move(name), std::move(source)).second;
  assert(added);
  (void)added;
}

std::vector<std::string> Registry::SourceNames() const {
  std::vector<std::string> names;
  for (const auto& [name, source] : sources_) names.push_back(name);
  return names;
}

const Source* Registry::Find(std::string_view name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? nullptr : it->second.get();
}

namespace {

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Error UnknownSource(const Registry& registry, std::string_view name) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.indicator_unknown_source",
                            {std::string(name), Joined(registry.SourceNames())});
  error.fields.push_back({"source", "unknown", "field.indicator_unknown_source", {std::string(name)}});
  return error;
}

}  // namespace

Status Registry::Check(const Definition& definition) const {
  const Source* source = Find(definition.source);
  if (source == nullptr) return UnknownSource(*this, definition.source);
  return source->Check(definition);
}

Result<Answer> Registry::Ask(Question question, const auth::Principal& principal) const {
  const Source* source = Find(question.definition.source);
  if (source == nullptr) return UnknownSource(*this, question.definition.source);
  if (principal.province_bound()) {
    if (question.province.empty()) question.province = principal.province_code;
    if (question.province != principal.province_code)
      return Error::Make(ErrorCode::kPermissionDenied, "error.indicator_out_of_scope", {question.province});
    question.audience = Audience::kOfficial;
  } else {
    question.audience = principal.national() ? Audience::kOfficial : Audience::kPublic;
  }
  if (question.to < question.from)
    return Error::Make(ErrorCode::kInvalidArgument, "error.indicator_window",
                       {question.from.ToIso(), question.to.ToIso()});
  return source->Ask(question);
}

std::string FiltersText(const Filters& filters) {
  std::string out;
  for (const auto& [name, value] : filters) out += (out.empty() ? "" : ", ") + name + "=" + value;
  return out;
}

}  // namespace hoptac::indicators

#include "registry/figure_json.h"

namespace hoptac::registry {

using domain::FigureField;
using domain::FigureFields;

boost::json::object FigureJson(const FigureRecord& r) {
  boost::json::object figures;
  for (const FigureField& field : FigureFields()) {
    const std::optional<int64_t>& value = r.figures.*field.member;
    figures[field.name] = value ? boost::json::value(*value) : boost::json::value();
  }
  return boost::json::object{{"entity_id", r.entity_id},
                             {"period", r.period.ToString()},
                             {"period_end", r.period.End().ToIso()},
                             {"figures", std::move(figures)},
                             {"confirmed_warnings", r.confirmed_warnings},
                             {"updated_at_ms", r.updated_at_ms}};
}

}  // namespace hoptac::registry

// ReportService, its grid: an entity form's reports of one province and period side by side
// for bulk entry (GET /api/v1/reports/grid), a page of the province's entities with their
// report's values — or, without a report, what a new one would be prefilled with — the
// registry's prefill and the previous period's figures. Writes go through the report routes.
#include <map>

#include "reporting/report_service.h"
#include "reporting/report_service_internal.h"

namespace hoptac::reporting {
namespace {

using auth::Principal;
using internal::Denied;
using internal::IsCli;
using internal::RequireAuthenticated;
using storage::Connection;

}  // namespace

Result<Grid> ReportService::GetGrid(const Principal& who, const GridQuery& query) {
  HOPTAC_TRY(RequireAuthenticated(who));
  if (!IsCli(who) && !who.national() && !who.province_bound()) return Denied();
  if (query.limit < 1 || query.limit > 200)
    return Error::InvalidField("limit", "out_of_range", "field.out_of_range", {"1", "200"});
  if (query.offset < 0) return Error::InvalidField("offset", "out_of_range", "field.out_of_range", {"0", "∞"});
  std::optional<ReportForm> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadForm(conn, query.form, std::nullopt));
    return Ok();
  }));
  if (!found) return Error::InvalidField("form", "report_unknown_form", "field.report_unknown_form", {query.form});
  const ReportForm& form = *found;
  if (form.level != Level::kEntity)
    return Error::InvalidField("form", "report_grid_entity_form", "field.report_grid_entity_form", {form.code});
  HOPTAC_ASSIGN_OR_RETURN(domain::Period period, domain::ParsePeriod(query.period));
  HOPTAC_TRY(CheckPeriodAllowed(form, period));
  const Date end = period.End();

  // The province as it is today: a code in force at the period's end, followed to today.
  std::string province;
  if (!query.province.empty()) {
    if (!units_->Find(geo::AdminLevel::kProvince, query.province, end) &&
        !units_->Find(geo::AdminLevel::kProvince, query.province, Today()))
      return Error::InvalidField("province", "report_unknown_province", "field.report_unknown_province",
                                 {query.province, end.ToIso()});
    province = units_->Find(geo::AdminLevel::kProvince, query.province, end) ? CurrentProvince(query.province, end)
                                                                             : query.province;
  } else if (who.province_bound()) {
    province = who.province_code;
  } else {
    return Error::InvalidField("province", "required", "field.required");
  }
  if (!IsCli(who) && who.province_bound() && province != who.province_code) return Denied();

  Grid grid;
  grid.form = form.code;
  grid.form_version = form.version;
  grid.period = period.ToString();
  grid.province = province;
  if (const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, province, Today()))
    grid.province_name = unit->name;

  // The page of entities: active at the period's end, by name.
  registry::EntityFilters filters;
  filters.province = province;
  filters.status = domain::EntityStatus::kActive;
  filters.as_of = end;
  filters.q = query.q;
  filters.offset = query.offset;
  filters.limit = query.limit;
  filters.sort = registry::ListSort::kName;
  HOPTAC_ASSIGN_OR_RETURN(registry::EntityPage page, entities_.List(who, filters));
  grid.total = page.total;

  // Their reports of the period (a report's province read at the period's end, followed to today).
  std::map<int64_t, Report> reports;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    std::map<int64_t, bool> on_page;
    for (const registry::EntityRecord& e : page.items) on_page[e.entity.id] = true;
    ReportQuery q;
    q.form_code = form.code;
    q.period = grid.period;
    q.province_codes = ScopeCodes(province);
    if (q.province_codes.empty()) return Ok();
    HOPTAC_ASSIGN_OR_RETURN(auto found_reports, QueryReports(conn, q));
    for (const Report& r : found_reports) {
      if (!on_page.count(r.entity_id) || CurrentProvince(r.province_code, end) != province) continue;
      HOPTAC_ASSIGN_OR_RETURN(auto full, LoadReport(conn, r.id));
      if (full) reports[r.entity_id] = std::move(*full);
    }
    return Ok();
  }));

  const domain::Period previous = PreviousPeriod(period);
  const int64_t now = now_ms_();
  for (const registry::EntityRecord& e : page.items) {
    GridRow row;
    row.entity_id = e.entity.id;
    row.name = e.entity.name;
    row.registration_code = e.entity.registration_code;
    HOPTAC_ASSIGN_OR_RETURN(auto records, figures_.List(who, e.entity.id));
    for (auto& [code, v] : internal::EntityPrefill(form, e.entity, records, period, now)) row.registry[code] = v.value;
    for (const registry::FigureRecord& r : records)
      if (r.period == previous) row.previous = internal::FigureFieldValues(form, r);
    if (auto it = reports.find(e.entity.id); it != reports.end()) {
      row.report_id = it->second.id;
      row.status = it->second.status;
      row.values = it->second.Values();
      for (auto v = row.values.begin(); v != row.values.end();)
        v = v->second.is_null() ? row.values.erase(v) : std::next(v);
    } else {
      row.values = row.registry;
    }
    row.checks = EvaluateRules(form, row.values);
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

}  // namespace hoptac::reporting

// ReportService, its progress half: completeness and timeliness of a form's reports for a
// period, and what each account must do next (the bell). The forms, reports and their workflow
// are in report_service.cpp.
#include <algorithm>
#include <set>

#include "reporting/report_service.h"
#include "reporting/report_service_internal.h"
#include "storage/sql.h"

namespace hoptac::reporting {
namespace {

using auth::Principal;
using auth::Role;
using internal::Denied;
using internal::IsCli;
using internal::RequireAuthenticated;
using storage::Connection;

}  // namespace

Result<Completeness> ReportService::GetCompleteness(const Principal& who, const std::string& form_code,
                                                    const std::string& period_text, const std::string& province) {
  HOPTAC_TRY(RequireAuthenticated(who));
  if (!who.national() && !who.province_bound()) return Denied();
  std::optional<ReportForm> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadForm(conn, form_code, std::nullopt));
    return Ok();
  }));
  if (!found) return Error::InvalidField("form", "report_unknown_form", "field.report_unknown_form", {form_code});
  HOPTAC_ASSIGN_OR_RETURN(domain::Period period, domain::ParsePeriod(period_text));
  HOPTAC_TRY(CheckPeriodAllowed(*found, period));
  Date end = period.End();
  if (!province.empty() && !units_->Find(geo::AdminLevel::kProvince, province, end))
    return Error::InvalidField("province", "report_unknown_province", "field.report_unknown_province",
                               {province, end.ToIso()});

  Completeness out;
  out.form = found->code;
  out.period = period.ToString();
  out.level = found->level;
  std::vector<Report> reports;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    ReportQuery q;
    q.form_code = found->code;
    q.period = out.period;
    HOPTAC_ASSIGN_OR_RETURN(reports, QueryReports(conn, q));
    return Ok();
  }));
  for (const geo::AdminUnit* unit : units_->InForce(geo::AdminLevel::kProvince, end)) {
    if (!province.empty() && unit->code != province) continue;
    if (who.province_bound() && CurrentProvince(unit->code, end) != who.province_code) continue;
    CompletenessRow row;
    row.province = unit->code;
    row.province_name = unit->name;
    if (found->level == Level::kProvince) {
      row.expected = 1;
    } else {
      indicators::Question q;
      q.definition = {"registry.entities", "count", {{"status", "active,suspended,stopped"}}};
      q.from = q.to = end;
      q.province = unit->code;
      HOPTAC_ASSIGN_OR_RETURN(indicators::Answer answer, indicators_.Ask(q, who));
      row.expected = answer.value;
    }
    for (const Report& r : reports) {
      if (r.province_code != unit->code) continue;
      bool submitted = r.status == ReportStatus::kSubmitted || r.status == ReportStatus::kApproved;
      row.submitted += submitted ? 1 : 0;
      row.on_time += submitted && OnTime(r) ? 1 : 0;
      row.approved += r.status == ReportStatus::kApproved ? 1 : 0;
      row.returned += r.status == ReportStatus::kReturned ? 1 : 0;
      if (found->level == Level::kProvince) {
        row.status = ReportStatusName(r.status);
        row.submitted_at_ms = r.submitted_at_ms;
        row.report_id = r.id;
      }
    }
    out.expected += row.expected;
    out.submitted += row.submitted;
    out.on_time += row.on_time;
    out.approved += row.approved;
    out.returned += row.returned;
    out.rows.push_back(std::move(row));
  }
  if (found->level == Level::kEntity && !province.empty()) {
    std::set<int64_t> done;
    for (const Report& r : reports)
      if (r.status == ReportStatus::kSubmitted || r.status == ReportStatus::kApproved) done.insert(r.entity_id);
    for (domain::EntityStatus status :
         {domain::EntityStatus::kActive, domain::EntityStatus::kSuspended, domain::EntityStatus::kStopped}) {
      registry::EntityFilters filters;
      filters.province = CurrentProvince(province, end);
      filters.status = status;
      filters.as_of = end;
      filters.limit = registry::kMaxListLimit;
      filters.sort = registry::ListSort::kName;
      for (;;) {
        HOPTAC_ASSIGN_OR_RETURN(registry::EntityPage page, entities_.List(who, filters));
        for (const registry::EntityRecord& e : page.items)
          if (!done.count(e.entity.id)) out.missing.push_back({e.entity.id, e.entity.name, e.entity.registration_code});
        if (!page.next_cursor) break;
        filters.cursor = *page.next_cursor;
      }
    }
  }
  return out;
}

Result<std::vector<DueItem>> ReportService::Due(const Principal& who) {
  HOPTAC_TRY(RequireAuthenticated(who));
  Date today = Today();
  HOPTAC_ASSIGN_OR_RETURN(std::vector<ReportForm> forms, ListForms(who));
  std::vector<DueItem> out;
  std::vector<Report> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, QueryReports(conn, ReportQuery{}));
    return Ok();
  }));
  auto add_fill = [&](const ReportForm& form, const domain::Period& period, const std::string& province,
                      int64_t entity_id) {
    Date due = DueDate(form, period);
    int64_t days_left = due.days() - today.days();
    if (days_left > 14) return;
    DueItem item{form.code, period.ToString(), province,     entity_id, due,
                 days_left, days_left < 0,     std::nullopt, "fill"};
    for (const Report& r : all) {
      if (r.form_code != form.code || r.period != period || r.entity_id != entity_id) continue;
      if (entity_id == 0 && r.province_code != province) continue;
      if (r.status == ReportStatus::kSubmitted || r.status == ReportStatus::kApproved) return;
      item.report_id = r.id;
    }
    out.push_back(std::move(item));
  };
  for (const ReportForm& form : forms) {
    for (PeriodType type : form.period_types) {
      domain::Period current = CurrentPeriod(type, today);
      // The current period and the one before it (overdue when not yet submitted).
      for (const domain::Period& period : {PreviousPeriod(current), current}) {
        if (form.level == Level::kProvince && who.province_bound()) {
          // The province as it was at the period's end: the codes in force then that are today's province.
          for (const geo::AdminUnit* unit : units_->InForce(geo::AdminLevel::kProvince, period.End()))
            if (CurrentProvince(unit->code, period.End()) == who.province_code) add_fill(form, period, unit->code, 0);
        } else if (form.level == Level::kEntity && who.role == Role::kCooperative && who.entity_id != 0 &&
                   period.year() == today.year()) {
          auto entity = entities_.Get(who, who.entity_id);
          if (!entity.ok()) continue;
          add_fill(form, period,
                   registry::CurrentProvinceCode(*units_, entity->entity.province_code,
                                                 entity->entity.ProvinceDate().value_or(period.End()), period.End())
                       .value_or(entity->current_province_code),
                   who.entity_id);
        }
      }
    }
  }
  for (const Report& r : all) {
    if (r.status != ReportStatus::kSubmitted || IsCli(who) || !MayReview(who, r)) continue;
    int64_t days_left = r.due_date.days() - today.days();
    out.push_back({r.form_code, r.period.ToString(), r.province_code, r.entity_id, r.due_date, days_left, days_left < 0,
                   r.id, "review"});
  }
  return out;
}

}  // namespace hoptac::reporting

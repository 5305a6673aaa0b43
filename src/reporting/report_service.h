// ReportService: the use cases of periodic reporting — forms, reports and their workflow,
// completeness and what is due (README.md says who may do what).
//
// Scope (auth::Principal): national roles see every report; province roles the reports of
// their province (a report's province read as of its period's end, followed to today's
// province); a cooperative account the reports of its own entity. A report out of scope is
// "not found", like a missing one. Filling: a cooperative account its own entity's reports,
// province officers and admins their province's reports and, on the entity's behalf, its
// entities' reports. Review (approve, return): national officers and admins for province
// reports, the province admin for its entities' reports. Reopening: national admins.
// The command line acts with every right.
//
// Numbers come from the indicators registry (System::indicators()) for province forms, and
// from the entity's own figures and profile (registry::FigureService, EntityService) for
// entity forms; approving an entity report writes its figure and profile fields back through
// those services before the approval is written (README.md: what a failure does).
//
// Every write is one transaction with its storage::AppendAudit row (object_type "report" or
// "report_form").
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "reporting/report.h"
#include "reporting/report_form.h"
#include "reporting/report_store.h"
#include "storage/db.h"

namespace hoptac::reporting {

struct NewReport {
  std::string form;
  std::string period;     // any spelling domain::ParsePeriod reads
  std::string province;   // province forms: a province in force at the period's end
  int64_t entity_id = 0;  // entity forms
};

// A report as answered: the report, its form's rule checks, and the previous period's values.
struct ReportView {
  Report report;
  std::vector<RuleCheck> checks;
  std::map<std::string, boost::json::value> previous;  // empty when there is no previous report
};

struct ValuesUpdate {
  std::map<std::string, boost::json::value> values;  // by field code
  std::map<std::string, std::string> notes;
};

struct ReportListQuery {
  ReportQuery filters;
  int offset = 0;
  int limit = 50;  // 1 … 200
};
struct ReportPage {
  int64_t total = 0;
  std::vector<Report> items;
};

struct CompletenessRow {
  std::string province, province_name;
  int64_t expected = 0, submitted = 0, on_time = 0, approved = 0, returned = 0;
  // Province forms: the province's report.
  std::string status;  // empty: none yet
  std::optional<int64_t> submitted_at_ms, report_id;
};
struct MissingEntity {
  int64_t id = 0;
  std::string name, registration_code;
};
struct Completeness {
  std::string form, period;
  Level level = Level::kProvince;
  int64_t expected = 0, submitted = 0, on_time = 0, approved = 0, returned = 0;
  std::vector<CompletenessRow> rows;
  std::vector<MissingEntity> missing;  // entity forms with a province given
};

struct DueItem {
  std::string form, period, province;
  int64_t entity_id = 0;
  Date due_date;
  int64_t days_left = 0;
  bool overdue = false;
  std::optional<int64_t> report_id;
  std::string action;  // fill | review
};

// The grid of an entity form (GET /api/v1/reports/grid): one period, one province, a page of
// the province's entities active at the period's end (by name; `q` the list's keywords), each
// with its report's values or, without a report, what a new report would be prefilled with.
struct GridQuery {
  std::string form, period;
  std::string province;  // national roles: required; province roles: theirs (empty: theirs)
  std::string q;
  int offset = 0;
  int limit = 50;  // 1 … 200
};
struct GridRow {
  int64_t entity_id = 0;
  std::string name, registration_code;
  std::optional<int64_t> report_id;
  std::optional<ReportStatus> status;                  // nullopt: no report yet
  std::map<std::string, boost::json::value> values;    // the report's, else the prefill
  std::map<std::string, boost::json::value> registry;  // the registry's prefill (figures of the period, or the latest)
  std::map<std::string, boost::json::value> previous;  // the registry's figures of the previous period
  std::vector<RuleCheck> checks;                       // the form's rules on `values`
};
struct Grid {
  std::string form, period, province, province_name;
  int form_version = 1;
  int64_t total = 0;  // entities matching, all pages
  std::vector<GridRow> rows;
};

// Lookups already made for one answer (many lines share forms, provinces and entities).
struct LabelCache {
  std::map<std::string, std::pair<std::string, std::string>> forms;
  std::map<int64_t, std::pair<std::string, std::string>> entities;
};

class ReportService {
 public:
  using NowMs = std::function<int64_t()>;
  // Every reference must outlive the service.
  ReportService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                const indicators::Registry& indicators, registry::EntityService& entities,
                registry::FigureService& figures, NowMs now_ms = nullptr);

  // Forms: any authenticated principal reads them.
  Result<std::vector<ReportForm>> ListForms(const auth::Principal& who);
  // kNotFound "error.report_form_not_found" {code[, version]}.
  Result<ReportForm> GetForm(const auth::Principal& who, const std::string& code, std::optional<int> version);
  // National admins (and the CLI). The definition is checked (ParseForm, level, every
  // prefill with indicators::Registry::Check); a form that has reports becomes a new version.
  Result<ReportForm> PutForm(const auth::Principal& who, const std::string& code, std::string_view definition);

  // 201: the new report with its prefill; kConflict "error.report_exists" {id} when the unit
  // has one for the period (Error::args[0] is its id).
  Result<ReportView> Create(const auth::Principal& who, const NewReport& request);
  Result<ReportView> Get(const auth::Principal& who, int64_t id);
  Result<ReportPage> List(const auth::Principal& who, const ReportListQuery& query);
  // kConflict "error.report_locked" when submitted or approved.
  Result<ReportView> PutValues(const auth::Principal& who, int64_t id, const ValuesUpdate& update);
  Result<ReportView> Submit(const auth::Principal& who, int64_t id);
  Result<ReportView> Return(const auth::Principal& who, int64_t id, const std::string& comment);
  Result<ReportView> Approve(const auth::Principal& who, int64_t id);
  Result<ReportView> Reopen(const auth::Principal& who, int64_t id, const std::string& reason);

  Result<Completeness> GetCompleteness(const auth::Principal& who, const std::string& form, const std::string& period,
                                       const std::string& province);
  Result<std::vector<DueItem>> Due(const auth::Principal& who);
  // National roles any province; province roles their own (another: kPermissionDenied); others
  // kPermissionDenied. The form must be an entity form (field "form"), the period one it allows.
  Result<Grid> GetGrid(const auth::Principal& who, const GridQuery& query);

  // Whether `who` may change `report`'s values (whatever its status).
  bool MayFillReport(const auth::Principal& who, const Report& report) const { return MayFill(who, report); }

  // The labels of a unit's report: empty names where the form, province or entity is
  // unknown or the entity is out of `who`'s scope (labels never fail an answer).
  UnitLabels Labels(const auth::Principal& who, const std::string& form, const std::string& province, int64_t entity_id,
                    Date on, LabelCache& cache);

  // The audit log's names of reports (storage::AuditNamer): "<form> <period> – <province>",
  // from one query of the reports and one per form.
  Status AuditNames(std::span<const int64_t> ids, bool english, std::map<int64_t, std::string>& names);

  // Today in Vietnam (UTC+7), from the clock.
  Date Today() const;

 private:
  bool Sees(const auth::Principal& who, const Report& report) const;
  bool MayFill(const auth::Principal& who, const Report& report) const;
  bool MayReview(const auth::Principal& who, const Report& report) const;
  // The province codes whose reports may belong to `province` today: its own and its
  // predecessors' (a superset: Sees() decides each report).
  std::vector<std::string> ScopeCodes(const std::string& province) const;
  // The province in force today that a province code read at `on` belongs to.
  std::string CurrentProvince(const std::string& code, Date on) const;
  Result<Report> Load(const auth::Principal& who, int64_t id);
  Result<ReportForm> FormOf(const Report& report);
  Result<ReportView> View(const Report& report);
  // One workflow step in one transaction: status, event and audit.
  Result<ReportView> Step(const auth::Principal& who, int64_t id, Action action, const std::string& comment);
  Status WriteToRegistry(const auth::Principal& who, const ReportForm& form, const Report& report);

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  const indicators::Registry& indicators_;
  registry::EntityService& entities_;
  registry::FigureService& figures_;
  NowMs now_ms_;
};

}  // namespace hoptac::reporting

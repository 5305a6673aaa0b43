#include "fund/fund_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "fund/fund_json.h"
#include "storage/audit.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::fund {
namespace {

using auth::Principal;
using auth::Role;
using storage::Connection;

constexpr std::string_view kOwner = "loan_application";

Error FundNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.fund_not_found", {std::to_string(id)});
}
Error ApplicationNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.loan_application_not_found", {std::to_string(id)});
}
Error LoanNotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.loan_not_found", {std::to_string(id)});
}
Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }
Error StaffOnly() { return Error::Make(ErrorCode::kPermissionDenied, "error.fund_staff_only"); }
Error StepNotAllowed(const std::string& status, const std::string& step) {
  // One key per step, with the status in words as a field error (in the request's language).
  const char* key = step == "appraise"  ? "error.fund_appraise_not_allowed"
                    : step == "approve" ? "error.fund_approve_not_allowed"
                                        : "error.fund_reject_not_allowed";
  Error e = Error::Make(ErrorCode::kConflict, key, {status});
  e.fields.push_back({"status", status, "fund.application_status." + status, {}});
  return e;
}

bool Staff(const Principal& who) { return who.national() || who.province_bound(); }
bool Cooperative(const Principal& who) {
  return who.authenticated() && who.role == Role::kCooperative && !who.national();
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, std::string object_type, int64_t id,
                             const std::string& province, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = std::move(object_type);
  a.object_id = std::to_string(id);
  a.province_code = province;
  return a;
}

class Checks {
 public:
  std::string Text(const std::string& field, const std::string& raw, bool required, size_t max) {
    text::NormalizedText n = text::NormalizeText(raw);
    if (!n.valid || !n.visible) {
      if (required) errors_.push_back({field, "required", "field.required", {}});
      return std::string();
    }
    if (n.text.size() > max) errors_.push_back({field, "too_long", "field.too_long", {std::to_string(max)}});
    return n.text;
  }
  void Add(FieldError e) { errors_.push_back(std::move(e)); }
  void Add(std::vector<FieldError> e) {
    for (FieldError& x : e) errors_.push_back(std::move(x));
  }
  Status Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

 private:
  std::vector<FieldError> errors_;
};

template <class T>
std::vector<T> Page(std::vector<T> all, int offset, int limit) {
  if (offset >= static_cast<int>(all.size())) return {};
  auto first = all.begin() + offset;
  auto last = limit >= static_cast<int>(all.end() - first) ? all.end() : first + limit;
  return std::vector<T>(std::make_move_iterator(first), std::make_move_iterator(last));
}

// A date a record carries: not in the future.
void CheckDay(Checks& c, const std::string& field, Date date, Date today) {
  if (date > today) c.Add({field, "in_future", "field.fund_date_in_future", {date.ToIso(), today.ToIso()}});
  if (date.year() < 1990) c.Add({field, "out_of_range", "field.date_out_of_range", {date.ToIso()}});
}

void CheckMoney(Checks& c, const std::string& field, Money amount) {
  if (amount <= 0 || amount > kMaxMoney)
    c.Add({field, "out_of_range", "field.fund_money_range", {"1", std::to_string(kMaxMoney)}});
}

std::optional<Date> FirstDisbursement(const LoanRecords& r) {
  std::optional<Date> first;
  for (const DisbursementRecord& d : r.disbursements)
    if (!first || d.date < *first) first = d.date;
  return first;
}

Date LastRecordDate(const LoanRecords& r, Date floor) {
  Date last = floor;
  for (const auto& d : r.disbursements) last = std::max(last, d.date);
  for (const auto& p : r.repayments) last = std::max(last, p.date);
  for (const auto& s : r.reschedulings) last = std::max(last, s.on);
  return last;
}

}  // namespace

Result<LoanState> Compute(const Loan& loan, const LoanRecords& records, Date as_of, std::optional<int> max_version) {
  std::vector<Disbursement> ds;
  std::vector<Repayment> rs;
  std::vector<Rescheduling> ss;
  for (const DisbursementRecord& d : records.disbursements) ds.push_back({d.date, d.amount_vnd});
  for (const RepaymentRecord& r : records.repayments) rs.push_back({r.id, r.date, r.amount_vnd});
  for (const ReschedulingRecord& s : records.reschedulings)
    if (!max_version || s.version <= *max_version) ss.push_back({s.on, s.terms});
  return ComputeLoan(loan.terms, ds, rs, ss, as_of);
}

Terms TermsInForce(const Loan& loan, const LoanRecords& records) {
  if (records.reschedulings.empty()) return loan.terms;
  Terms t = records.reschedulings.back().terms;
  t.amount_vnd = loan.terms.amount_vnd;
  return t;
}

FundService::FundService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                         registry::EntityService& entities, auth::AccountService& accounts, NowMs now_ms)
    : db_(db), units_(std::move(units)), entities_(entities), accounts_(accounts), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date FundService::Today() const { return DayOf(now_ms_()); }

std::string FundService::ProvinceName(const std::string& code) const {
  if (code.empty()) return std::string();
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Today());
  return unit ? unit->name : code;
}

// ---- Scope ----

bool FundService::MayReadRecord(const Principal& who, const std::string& province_code, int64_t entity_id) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return province_code == who.province_code;
  if (Cooperative(who)) return who.entity_id != 0 && who.entity_id == entity_id;
  return false;
}

bool FundService::StaffOf(const Principal& who, const Fund& fund) const {
  if (who.national()) return true;
  return who.province_bound() && !fund.national() && fund.province_code == who.province_code;
}

// ---- Views ----

EntityRef FundService::Entity(int64_t id, const std::string& province_code, const std::string& sector) const {
  EntityRef e;
  e.id = id;
  e.province_code = province_code;
  e.province_name = ProvinceName(province_code);
  e.sector = sector;
  auto r = entities_.Get(Principal::Cli("fund"), id);
  if (r.ok()) {
    e.name = r->entity.name;
    e.kind = domain::EntityKindName(r->entity.kind);
  }
  return e;
}

Result<FundView> FundService::ViewOf(Fund fund) const {
  FundView v;
  v.province_name = ProvinceName(fund.province_code);
  for (int64_t id : fund.officer_ids) {
    auto user = accounts_.GetUser(Principal::Cli("fund"), id);
    if (user.ok())
      v.officers.push_back({user->id, user->username, user->display_name});
    else
      v.officers.push_back({id, "", ""});
  }
  const Date today = Today();
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    RecordFilter f;
    f.fund_id = fund.id;
    f.statuses = {"submitted", "appraised"};
    HOPTAC_ASSIGN_OR_RETURN(auto open, LoadApplications(conn, f));
    v.summary.applications_open = static_cast<int64_t>(open.size());
    RecordFilter lf;
    lf.fund_id = fund.id;
    lf.statuses = {"active"};
    HOPTAC_ASSIGN_OR_RETURN(auto loans, LoadLoans(conn, lf));
    HOPTAC_ASSIGN_OR_RETURN(auto records, LoadRecordsOf(conn, loans));
    for (const Loan& l : loans) {
      auto state = Compute(l, records[l.id], today);
      if (!state.ok() || state->outstanding_principal_vnd <= 0) continue;
      ++v.summary.loans_active;
      v.summary.outstanding_principal_vnd += state->outstanding_principal_vnd;
    }
    return Ok();
  }));
  v.fund = std::move(fund);
  return v;
}

Result<ApplicationView> FundService::ViewOf(const Principal& who, Application a, bool with_documents) const {
  ApplicationView v;
  (void)who;
  v.entity = Entity(a.entity_id, a.province_code, a.sector);
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto fund, LoadFund(conn, a.fund_id));
    if (fund) v.fund_name = fund->name;
    if (a.loan_id != 0) {
      HOPTAC_ASSIGN_OR_RETURN(auto loan, LoadLoan(conn, a.loan_id));
      if (loan) v.terms = loan->terms;
    }
    if (with_documents) {
      HOPTAC_ASSIGN_OR_RETURN(v.documents, attachments::List(conn, kOwner, a.id));
    }
    return Ok();
  }));
  v.application = std::move(a);
  return v;
}

Result<LoanView> FundService::ViewOf(Loan loan, LoanRecords records, Date as_of) const {
  LoanView v;
  v.entity = Entity(loan.entity_id, loan.province_code, loan.sector);
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto fund, LoadFund(conn, loan.fund_id));
    if (fund) v.fund_name = fund->name;
    return Ok();
  }));
  HOPTAC_ASSIGN_OR_RETURN(v.state, Compute(loan, records, as_of));
  v.as_of = as_of;
  v.terms = TermsInForce(loan, records);
  v.loan = std::move(loan);
  v.records = std::move(records);
  return v;
}

// ---- Funds ----

Result<std::vector<FundView>> FundService::Funds(const Principal& who) const {
  if (!who.authenticated()) return Denied();
  std::vector<Fund> funds;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(funds, LoadFunds(conn));
    return Ok();
  }));
  std::vector<FundView> out;
  for (Fund& f : funds) {
    HOPTAC_ASSIGN_OR_RETURN(FundView v, ViewOf(std::move(f)));
    out.push_back(std::move(v));
  }
  return out;
}

Result<FundView> FundService::GetFund(const Principal& who, int64_t id) const {
  if (!who.authenticated()) return Denied();
  std::optional<Fund> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadFund(conn, id));
    return Ok();
  }));
  if (!found) return FundNotFound(id);
  return ViewOf(std::move(*found));
}

Result<Fund> FundService::FundOf(Connection& conn, int64_t fund_id) const {
  HOPTAC_ASSIGN_OR_RETURN(auto fund, LoadFund(conn, fund_id));
  if (!fund) return FundNotFound(fund_id);
  return std::move(*fund);
}

Status FundService::CheckOfficers(const Fund& fund) const {
  Checks c;
  std::set<int64_t> seen;
  for (size_t i = 0; i < fund.officer_ids.size(); ++i) {
    const int64_t id = fund.officer_ids[i];
    const std::string at = "officer_ids[" + std::to_string(i) + "]";
    auto user = accounts_.GetUser(Principal::Cli("fund"), id);
    if (!user.ok() || user->disabled) {
      c.Add({at, "unknown_officer", "field.fund_unknown_officer", {std::to_string(id)}});
      continue;
    }
    const bool national = user->role == Role::kNationalAdmin || user->role == Role::kNationalOfficer;
    const bool of_province = (user->role == Role::kProvinceAdmin || user->role == Role::kProvinceOfficer) &&
                             !fund.national() && user->province_code == fund.province_code;
    if (!national && !of_province)
      c.Add({at, "officer_out_of_scope", "field.fund_officer_out_of_scope", {user->username}});
  }
  return c.Finish();
}

Result<FundView> FundService::CreateFund(const Principal& who, const FundInput& in) {
  if (!who.admin()) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_admin_only");
  Checks c;
  Fund f;
  f.name = c.Text("name", in.name.value_or(""), true, kMaxNameLength);
  f.province_code = in.province.value_or("");
  if (!in.capital_vnd) c.Add({"capital_vnd", "required", "field.required", {}});
  f.capital_vnd = in.capital_vnd.value_or(0);
  if (in.rules) f.rules = *in.rules;
  if (in.officer_ids) {
    std::set<int64_t> unique(in.officer_ids->begin(), in.officer_ids->end());
    f.officer_ids.assign(unique.begin(), unique.end());
  }
  c.Add(CheckFund(f));
  const Date today = Today();
  if (!f.province_code.empty() && !units_->Find(geo::AdminLevel::kProvince, f.province_code, today))
    c.Add({"province", "unknown_province", "field.unknown_province_on", {f.province_code, today.ToIso()}});
  HOPTAC_TRY(c.Finish());
  // Province admins: their province's fund only; the national fund: national admins.
  if (!who.national() && (f.national() || f.province_code != who.province_code))
    return Error::Make(ErrorCode::kPermissionDenied, "error.fund_out_of_scope");
  HOPTAC_TRY(CheckOfficers(f));
  const int64_t now = now_ms_();
  f.created_by = who.user_id;
  f.created_at_ms = f.updated_at_ms = now;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto funds, LoadFunds(conn));
    for (const Fund& x : funds)
      if (x.province_code == f.province_code) {
        Error e = Error::Make(ErrorCode::kConflict, f.national() ? "error.fund_national_exists" : "error.fund_exists",
                              {f.province_code});
        e.fields.push_back({"province",
                            "taken",
                            f.national() ? "field.fund_national_taken" : "field.fund_province_taken",
                            {f.province_code}});
        return e;
      }
    HOPTAC_TRY(InsertFund(conn, f));
    auto audit = AuditOf(who, "fund.create", "fund", f.id, f.province_code, now);
    audit.after_json = boost::json::serialize(FundJson(f));
    return storage::AppendAudit(conn, audit);
  }));
  return ViewOf(std::move(f));
}

Result<FundView> FundService::ChangeFund(const Principal& who, int64_t id, const FundInput& in) {
  if (!who.authenticated()) return Denied();
  Fund before;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(before, FundOf(conn, id));
    return Ok();
  }));
  if (!who.admin()) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_admin_only");
  if (!StaffOf(who, before)) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_out_of_scope");
  Fund f = before;
  Checks c;
  if (in.province && *in.province != before.province_code)
    c.Add({"province", "read_only", "field.fund_province_fixed", {}});
  if (in.name) f.name = c.Text("name", *in.name, true, kMaxNameLength);
  if (in.capital_vnd) f.capital_vnd = *in.capital_vnd;
  if (in.rules) f.rules = *in.rules;
  if (in.officer_ids) {
    std::set<int64_t> unique(in.officer_ids->begin(), in.officer_ids->end());
    f.officer_ids.assign(unique.begin(), unique.end());
  }
  c.Add(CheckFund(f));
  HOPTAC_TRY(c.Finish());
  HOPTAC_TRY(CheckOfficers(f));
  const int64_t now = now_ms_();
  f.updated_at_ms = now;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Fund current, FundOf(conn, id));
    if (current.updated_at_ms != before.updated_at_ms) return Error::Make(ErrorCode::kConflict, "error.fund_changed");
    HOPTAC_TRY(UpdateFund(conn, f));
    auto audit = AuditOf(who, "fund.update", "fund", f.id, f.province_code, now);
    audit.before_json = boost::json::serialize(FundJson(before));
    audit.after_json = boost::json::serialize(FundJson(f));
    return storage::AppendAudit(conn, audit);
  }));
  return ViewOf(std::move(f));
}

// ---- Applications ----

Result<ApplicationPage> FundService::Applications(const Principal& who, const ApplicationQuery& q) const {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  RecordFilter f;
  f.fund_id = q.fund_id;
  f.entity_id = q.entity_id;
  f.statuses = q.statuses;
  if (who.province_bound()) f.province = who.province_code;
  if (Cooperative(who)) {
    if (q.entity_id != 0 && q.entity_id != who.entity_id) return ApplicationPage{};
    f.entity_id = who.entity_id;
  }
  std::vector<Application> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadApplications(conn, f));
    return Ok();
  }));
  const std::vector<std::string> words = text::FoldedWords(q.q);
  std::vector<ApplicationView> kept;
  for (Application& a : all) {
    if (!MayReadRecord(who, a.province_code, a.entity_id)) continue;
    HOPTAC_ASSIGN_OR_RETURN(ApplicationView v, ViewOf(who, std::move(a), false));
    if (!words.empty()) {
      const std::string hay =
          text::Fold(v.application.code + " " + v.application.purpose + " " + v.entity.name + " " + v.fund_name);
      bool all_found = true;
      for (const std::string& w : words)
        if (hay.find(w) == std::string::npos) all_found = false;
      if (!all_found) continue;
    }
    kept.push_back(std::move(v));
  }
  ApplicationPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Page(std::move(kept), q.offset, q.limit);
  return page;
}

Result<ApplicationView> FundService::GetApplication(const Principal& who, int64_t id) const {
  if (!who.authenticated()) return Denied();
  std::optional<Application> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadApplication(conn, id));
    return Ok();
  }));
  if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) {
    if (!Staff(who) && !Cooperative(who)) return Denied();
    return ApplicationNotFound(id);
  }
  return ViewOf(who, std::move(*found), true);
}

Result<ApplicationView> FundService::Apply(const Principal& who, const ApplicationInput& in) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  Checks c;
  Application a;
  a.fund_id = in.fund_id;
  a.amount_vnd = in.amount_vnd;
  CheckMoney(c, "amount_vnd", in.amount_vnd);
  a.term_months = in.term_months;
  if (in.term_months <= 0 || in.term_months > kMaxTermMonths)
    c.Add({"term_months", "out_of_range", "field.fund_months_range", {"1", std::to_string(kMaxTermMonths)}});
  a.purpose = c.Text("purpose", in.purpose, true, kMaxTextLength);
  a.collateral = c.Text("collateral", in.collateral, false, kMaxTextLength);
  int64_t entity_id = in.entity_id.value_or(0);
  if (Cooperative(who)) {
    if (in.entity_id && *in.entity_id != who.entity_id)
      return Error::Make(ErrorCode::kPermissionDenied, "error.fund_own_entity_only");
    entity_id = who.entity_id;
  } else if (!in.entity_id) {
    c.Add({"entity_id", "required", "field.required", {}});
  }
  // The fund: any authenticated account may read it; an unknown one is a field error.
  std::optional<Fund> fund;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(fund, LoadFund(conn, in.fund_id));
    return Ok();
  }));
  if (!fund) c.Add({"fund_id", "unknown_fund", "field.fund_unknown_fund", {std::to_string(in.fund_id)}});
  // The entity, as the registry has it today: its province, sector and flags are kept.
  std::optional<registry::EntityRecord> entity;
  if (entity_id != 0) {
    auto r = entities_.Get(Principal::Cli("fund"), entity_id);
    if (!r.ok())
      c.Add({"entity_id", "unknown_entity", "field.fund_unknown_entity", {std::to_string(entity_id)}});
    else
      entity = *r;
  }
  if (fund && entity && !fund->national() && entity->current_province_code != fund->province_code)
    c.Add({"entity_id",
           "entity_other_province",
           "field.fund_entity_other_province",
           {std::to_string(entity_id), entity->current_province_code, fund->province_code}});
  HOPTAC_TRY(c.Finish());
  // Staff apply for entities in their scope, to funds in their scope.
  if (Staff(who)) {
    if (!StaffOf(who, *fund)) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_out_of_scope");
  }
  a.entity_id = entity->entity.id;
  a.province_code = entity->current_province_code;
  a.sector = entity->entity.sector ? domain::SectorName(*entity->entity.sector) : "";
  a.women_managed = entity->entity.women_managed;
  a.youth = entity->entity.youth;
  a.status = "submitted";
  const int64_t now = now_ms_();
  a.submitted_by = who.AuditName();
  a.submitted_by_user = who.user_id;
  a.submitted_at_ms = a.updated_at_ms = now;
  Status written = Ok();
  for (int attempt = 0; attempt < 50; ++attempt) {
    written = db_.Write([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(a.code, NextCode(conn, "loan_applications", "VV", DayOf(now).year()));
      HOPTAC_TRY(InsertApplication(conn, a));
      auto audit = AuditOf(who, "loan_application.create", "loan_application", a.id, a.province_code, now);
      audit.after_json = boost::json::serialize(ApplicationJson(a));
      return storage::AppendAudit(conn, audit);
    });
    if (written.ok() || written.error().key != "error.conflict") break;
  }
  HOPTAC_TRY(written);
  return ViewOf(who, std::move(a), true);
}

Result<Application> FundService::MoveApplication(
    const Principal& who, int64_t id, const std::string& step,
    const std::function<Status(Connection&, const Fund&, Application&)>& change) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  Application a;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadApplication(conn, id));
    if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) return ApplicationNotFound(id);
    HOPTAC_ASSIGN_OR_RETURN(Fund fund, FundOf(conn, found->fund_id));
    if (!StaffOf(who, fund)) return StaffOnly();
    if (!MayMove(found->status, step)) return StepNotAllowed(found->status, step);
    a = *found;
    const int64_t now = now_ms_();
    a.updated_at_ms = now;
    HOPTAC_TRY(change(conn, fund, a));
    HOPTAC_TRY(UpdateApplication(conn, a));
    auto audit = AuditOf(who, "loan_application." + step, "loan_application", a.id, a.province_code, now);
    audit.before_json = boost::json::serialize(ApplicationJson(*found));
    audit.after_json = boost::json::serialize(ApplicationJson(a));
    return storage::AppendAudit(conn, audit);
  }));
  return a;
}

Result<ApplicationView> FundService::Appraise(const Principal& who, int64_t id, std::optional<int64_t> score,
                                              const std::string& notes) {
  Checks c;
  if (!score)
    c.Add({"score", "required", "field.required", {}});
  else if (*score < 0 || *score > 100)
    c.Add({"score", "out_of_range", "field.fund_score_range", {std::to_string(*score)}});
  const std::string text = c.Text("notes", notes, false, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  HOPTAC_ASSIGN_OR_RETURN(Application a,
                          MoveApplication(who, id, "appraise", [&](Connection&, const Fund&, Application& x) -> Status {
                            x.status = "appraised";
                            x.appraisal_score = static_cast<int>(*score);
                            x.appraisal_notes = text;
                            x.appraised_by = who.AuditName();
                            x.appraised_at_ms = x.updated_at_ms;
                            return Ok();
                          }));
  return ViewOf(who, std::move(a), true);
}

Result<ApplicationView> FundService::Reject(const Principal& who, int64_t id, const std::string& reason) {
  Checks c;
  const std::string why = c.Text("reason", reason, true, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  HOPTAC_ASSIGN_OR_RETURN(Application a,
                          MoveApplication(who, id, "reject", [&](Connection&, const Fund&, Application& x) -> Status {
                            x.status = "rejected";
                            x.decision_reason = why;
                            x.decided_by = who.AuditName();
                            x.decided_at_ms = x.updated_at_ms;
                            return Ok();
                          }));
  return ViewOf(who, std::move(a), true);
}

Result<LoanView> FundService::Approve(const Principal& who, int64_t id, const Terms& terms) {
  {
    Checks c;
    c.Add(CheckTerms(terms));
    HOPTAC_TRY(c.Finish());
  }
  Loan loan;
  HOPTAC_TRY(MoveApplication(who, id, "approve", [&](Connection& conn, const Fund& fund, Application& x) -> Status {
    Checks c;
    c.Add(CheckAgainstRules(terms, fund.rules));
    HOPTAC_TRY(c.Finish());
    // The schedule must be computable (a first due date after the day of approval, …).
    auto plan = PlanSchedule(terms, DayOf(x.updated_at_ms));
    if (!plan.ok()) return plan.error();
    loan.fund_id = fund.id;
    loan.application_id = x.id;
    loan.entity_id = x.entity_id;
    loan.province_code = x.province_code;
    loan.sector = x.sector;
    loan.women_managed = x.women_managed;
    loan.youth = x.youth;
    loan.terms = terms;
    loan.status = "approved";
    loan.approved_by = who.AuditName();
    loan.approved_at_ms = loan.updated_at_ms = x.updated_at_ms;
    HOPTAC_ASSIGN_OR_RETURN(loan.code, NextCode(conn, "loans", "KV", DayOf(x.updated_at_ms).year()));
    HOPTAC_TRY(InsertLoan(conn, loan));
    x.status = "approved";
    x.decided_by = who.AuditName();
    x.decided_at_ms = x.updated_at_ms;
    x.decision_reason.clear();
    x.loan_id = loan.id;
    return Ok();
  }));
  return ViewOf(std::move(loan), LoanRecords{}, Today());
}

// ---- Documents ----

Result<std::vector<attachments::Attachment>> FundService::Documents(const Principal& who, int64_t owner_id) const {
  HOPTAC_TRY(GetApplication(who, owner_id));
  std::vector<attachments::Attachment> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, attachments::List(conn, kOwner, owner_id));
    return Ok();
  }));
  return out;
}

Result<std::pair<attachments::Attachment, std::string>> FundService::Document(const Principal& who, int64_t owner_id,
                                                                              int64_t document_id) const {
  HOPTAC_TRY(GetApplication(who, owner_id));
  std::pair<attachments::Attachment, std::string> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, attachments::Find(conn, kOwner, owner_id, document_id));
    HOPTAC_ASSIGN_OR_RETURN(auto bytes, attachments::LoadBytes(conn, kOwner, owner_id, document_id));
    if (!found || !bytes)
      return Error::Make(ErrorCode::kNotFound, "error.loan_application_document_not_found",
                         {std::to_string(document_id)});
    out = {std::move(*found), std::move(*bytes)};
    return Ok();
  }));
  return out;
}

namespace {
// Documents are changed by staff in the fund's scope, and by the cooperative that applied while
// its application is submitted.
Status MayChangeDocuments(const FundService& svc, const Principal& who, const Fund& fund, const Application& a) {
  if (svc.StaffOf(who, fund)) return Ok();
  if (Cooperative(who) && who.entity_id == a.entity_id) {
    if (a.status == "submitted") return Ok();
    return Error::Make(ErrorCode::kConflict, "error.fund_documents_closed", {a.status});
  }
  return StaffOnly();
}
}  // namespace

Result<attachments::Attachment> FundService::AddDocument(const Principal& who, int64_t owner_id,
                                                         const std::string& name, std::string_view bytes) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  text::NormalizedText composed = text::NormalizeText(name);
  attachments::NewAttachment file;
  file.owner_type = std::string(kOwner);
  file.owner_id = owner_id;
  file.name = composed.valid ? composed.text : name;
  file.bytes = bytes;
  file.created_by = who.AuditName();
  file.created_at_ms = now_ms_();
  attachments::Attachment stored;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadApplication(conn, owner_id));
    if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) return ApplicationNotFound(owner_id);
    HOPTAC_ASSIGN_OR_RETURN(Fund fund, FundOf(conn, found->fund_id));
    HOPTAC_TRY(MayChangeDocuments(*this, who, fund, *found));
    HOPTAC_ASSIGN_OR_RETURN(stored, attachments::Store(conn, file));
    auto audit = AuditOf(who, "loan_application.document_add", "loan_application", owner_id, found->province_code,
                         file.created_at_ms);
    audit.after_json = boost::json::serialize(attachments::AttachmentJson(stored));
    return storage::AppendAudit(conn, audit);
  }));
  return stored;
}

Status FundService::DeleteDocument(const Principal& who, int64_t owner_id, int64_t document_id) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadApplication(conn, owner_id));
    if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) return ApplicationNotFound(owner_id);
    HOPTAC_ASSIGN_OR_RETURN(auto doc, attachments::Find(conn, kOwner, owner_id, document_id));
    if (!doc)
      return Error::Make(ErrorCode::kNotFound, "error.loan_application_document_not_found",
                         {std::to_string(document_id)});
    HOPTAC_ASSIGN_OR_RETURN(Fund fund, FundOf(conn, found->fund_id));
    HOPTAC_TRY(MayChangeDocuments(*this, who, fund, *found));
    HOPTAC_ASSIGN_OR_RETURN(bool removed, attachments::Remove(conn, kOwner, owner_id, document_id));
    if (!removed)
      return Error::Make(ErrorCode::kNotFound, "error.loan_application_document_not_found",
                         {std::to_string(document_id)});
    auto audit =
        AuditOf(who, "loan_application.document_delete", "loan_application", owner_id, found->province_code, now_ms_());
    audit.before_json = boost::json::serialize(attachments::AttachmentJson(*doc));
    return storage::AppendAudit(conn, audit);
  });
}

// ---- Loans ----

Result<LoanPage> FundService::Loans(const Principal& who, const LoanQuery& q) const {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  RecordFilter f;
  f.fund_id = q.fund_id;
  f.entity_id = q.entity_id;
  f.statuses = q.statuses;
  if (!q.province.empty()) f.province = q.province;
  if (who.province_bound()) {
    if (!q.province.empty() && q.province != who.province_code) return LoanPage{};
    f.province = who.province_code;
  }
  if (Cooperative(who)) {
    if (q.entity_id != 0 && q.entity_id != who.entity_id) return LoanPage{};
    f.entity_id = who.entity_id;
  }
  const Date as_of = q.as_of.value_or(Today());
  std::vector<Loan> loans;
  std::map<int64_t, LoanRecords> records;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(loans, LoadLoans(conn, f));
    HOPTAC_ASSIGN_OR_RETURN(records, LoadRecordsOf(conn, loans));
    return Ok();
  }));
  std::vector<LoanView> kept;
  for (Loan& l : loans) {
    if (!MayReadRecord(who, l.province_code, l.entity_id)) continue;
    const int64_t id = l.id;
    HOPTAC_ASSIGN_OR_RETURN(LoanView v, ViewOf(std::move(l), std::move(records[id]), as_of));
    if (q.in_arrears_only && v.state.days_in_arrears == 0) continue;
    kept.push_back(std::move(v));
  }
  LoanPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Page(std::move(kept), q.offset, q.limit);
  return page;
}

Result<LoanView> FundService::GetLoan(const Principal& who, int64_t id, std::optional<Date> as_of) const {
  if (!who.authenticated()) return Denied();
  std::optional<Loan> found;
  LoanRecords records;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadLoan(conn, id));
    if (found) {
      HOPTAC_ASSIGN_OR_RETURN(records, LoadLoanRecords(conn, *found));
    }
    return Ok();
  }));
  if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) {
    if (!Staff(who) && !Cooperative(who)) return Denied();
    return LoanNotFound(id);
  }
  return ViewOf(std::move(*found), std::move(records), as_of.value_or(Today()));
}

Result<Schedule> FundService::GetSchedule(const Principal& who, int64_t id, std::optional<Date> as_of,
                                          std::optional<int> version) const {
  HOPTAC_ASSIGN_OR_RETURN(LoanView v, GetLoan(who, id, as_of));
  const int current = static_cast<int>(v.records.reschedulings.size());
  Schedule s;
  s.as_of = v.as_of;
  s.version = current;
  if (version) {
    if (*version < 0 || *version > current)
      return Error::InvalidField("version", "out_of_range", "field.out_of_range", {"0", std::to_string(current)});
    s.version = *version;
  }
  if (s.version == current) {
    s.lines = std::move(v.state.lines);
  } else {
    HOPTAC_ASSIGN_OR_RETURN(LoanState old, Compute(v.loan, v.records, v.as_of, s.version));
    s.lines = std::move(old.lines);
  }
  for (const ScheduleLine& l : s.lines) {
    s.principal_vnd += l.principal_vnd;
    s.interest_vnd += l.interest_vnd;
    s.paid_vnd += l.paid_vnd();
  }
  return s;
}

Result<std::vector<RepaymentView>> FundService::Repayments(const Principal& who, int64_t id) const {
  HOPTAC_ASSIGN_OR_RETURN(LoanView v, GetLoan(who, id, std::nullopt));
  // The allocations as of the last record (a repayment dated after today is impossible, but
  // the records decide).
  HOPTAC_ASSIGN_OR_RETURN(LoanState state, Compute(v.loan, v.records, LastRecordDate(v.records, v.as_of)));
  std::vector<RepaymentView> out;
  for (const RepaymentRecord& r : v.records.repayments) {
    RepaymentView rv{r, {}};
    for (const Allocation& a : state.allocations)
      if (a.repayment_id == r.id) rv.allocations.push_back(a);
    out.push_back(std::move(rv));
  }
  return out;
}

Result<LoanView> FundService::WriteLoan(
    const Principal& who, int64_t id, const std::string& action,
    const std::function<Status(Connection&, const Fund&, Loan&, LoanRecords&)>& change,
    std::vector<std::string>* extra_actions) {
  if (!Staff(who) && !Cooperative(who)) return Denied();
  Loan loan;
  LoanRecords records;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadLoan(conn, id));
    if (!found || !MayReadRecord(who, found->province_code, found->entity_id)) return LoanNotFound(id);
    HOPTAC_ASSIGN_OR_RETURN(Fund fund, FundOf(conn, found->fund_id));
    if (!StaffOf(who, fund)) return StaffOnly();
    loan = *found;
    HOPTAC_ASSIGN_OR_RETURN(records, LoadLoanRecords(conn, loan));
    const int64_t now = now_ms_();
    loan.updated_at_ms = now;
    if (extra_actions) extra_actions->clear();
    HOPTAC_TRY(change(conn, fund, loan, records));
    HOPTAC_TRY(UpdateLoan(conn, loan));
    auto audit = AuditOf(who, action, "loan", loan.id, loan.province_code, now);
    audit.before_json = boost::json::serialize(LoanRecordJson(*found));
    audit.after_json = boost::json::serialize(LoanRecordJson(loan));
    HOPTAC_TRY(storage::AppendAudit(conn, audit));
    if (extra_actions)
      for (const std::string& extra : *extra_actions) {
        auto more = AuditOf(who, extra, "loan", loan.id, loan.province_code, now);
        more.after_json = boost::json::serialize(LoanRecordJson(loan));
        HOPTAC_TRY(storage::AppendAudit(conn, more));
      }
    return Ok();
  }));
  RefreshPortfolio(loan, records);
  return ViewOf(std::move(loan), std::move(records), Today());
}

Result<LoanView> FundService::Disburse(const Principal& who, int64_t id, Date date, Money amount) {
  Checks c;
  const Date today = Today();
  CheckDay(c, "date", date, today);
  CheckMoney(c, "amount_vnd", amount);
  HOPTAC_TRY(c.Finish());
  return WriteLoan(who, id, "loan.disburse", [&](Connection& conn, const Fund&, Loan& loan, LoanRecords& r) -> Status {
    if (loan.status != "approved" && loan.status != "active")
      return Error::Make(ErrorCode::kConflict, "error.fund_loan_closed", {loan.code, loan.status});
    Money disbursed = 0;
    for (const DisbursementRecord& d : r.disbursements) disbursed += d.amount_vnd;
    // (loan.cpp's key and arguments: the total, the approved amount, what is left.)
    if (amount > loan.terms.amount_vnd - disbursed)
      return Error::InvalidField("amount_vnd", "above_approved", "field.fund_disbursement_above_approved",
                                 {std::to_string(disbursed + amount), std::to_string(loan.terms.amount_vnd),
                                  std::to_string(loan.terms.amount_vnd - disbursed)});
    if (DayOf(loan.approved_at_ms) > date)
      return Error::InvalidField("date", "before_approval", "field.fund_disbursement_before_approval",
                                 {date.ToIso(), DayOf(loan.approved_at_ms).ToIso()});
    // Later tranches: ComputeLoan says whether a line still falls due after the date.
    DisbursementRecord d{0, date, amount, who.AuditName(), loan.updated_at_ms};
    r.disbursements.push_back(d);
    auto state = Compute(loan, r, LastRecordDate(r, today));
    if (!state.ok()) return state.error();
    HOPTAC_TRY(InsertDisbursement(conn, loan.id, d));
    r.disbursements.back().id = d.id;
    std::stable_sort(r.disbursements.begin(), r.disbursements.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    loan.status = "active";
    return Ok();
  });
}

Result<std::pair<RepaymentView, LoanView>> FundService::Repay(const Principal& who, int64_t id, Date date, Money amount,
                                                              const std::string& note) {
  Checks c;
  const Date today = Today();
  CheckDay(c, "date", date, today);
  CheckMoney(c, "amount_vnd", amount);
  const std::string text = c.Text("note", note, false, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  RepaymentRecord made;
  std::vector<std::string> extra;
  HOPTAC_ASSIGN_OR_RETURN(
      LoanView v,
      WriteLoan(
          who, id, "loan.repay",
          [&](Connection& conn, const Fund&, Loan& loan, LoanRecords& r) -> Status {
            if (loan.status != "active")
              return Error::Make(ErrorCode::kConflict, "error.fund_loan_not_active", {loan.code, loan.status});
            const std::optional<Date> first = FirstDisbursement(r);
            if (!first || date < *first)
              return Error::InvalidField("date", "before_disbursement", "field.fund_repayment_before_disbursement",
                                         {date.ToIso()});
            // What closes the loan on that date, with the records up to it (loan.cpp's key and
            // arguments: what closes it, the date, the amount).
            HOPTAC_ASSIGN_OR_RETURN(LoanState on_date, Compute(loan, r, date));
            if (amount > on_date.to_close_vnd)
              return Error::InvalidField("amount_vnd", "above_to_close", "field.fund_repayment_above_to_close",
                                         {std::to_string(on_date.to_close_vnd), date.ToIso(), std::to_string(amount)});
            made = {0, date, amount, text, who.AuditName(), loan.updated_at_ms};
            HOPTAC_TRY(InsertRepayment(conn, loan.id, made));
            r.repayments.push_back(made);
            std::stable_sort(r.repayments.begin(), r.repayments.end(),
                             [](const auto& a, const auto& b) { return a.date < b.date; });
            auto after = Compute(loan, r, LastRecordDate(r, today));
            if (!after.ok()) {
              // A back-dated repayment that makes a later one too large: refused as a whole.
              Error e = after.error();
              if (e.fields.empty()) return e;
              return Error::InvalidField("amount_vnd", "breaks_later", "field.fund_repayment_breaks_later",
                                         {std::to_string(amount)});
            }
            if (after->repaid_on || (after->outstanding_principal_vnd == 0 && after->to_close_vnd == 0)) {
              loan.status = "repaid";
              loan.repaid_on = after->repaid_on.value_or(date);
              extra.push_back("loan.close");
            }
            return Ok();
          },
          &extra));
  RepaymentView rv{made, {}};
  HOPTAC_ASSIGN_OR_RETURN(LoanState state, Compute(v.loan, v.records, LastRecordDate(v.records, v.as_of)));
  for (const Allocation& a : state.allocations)
    if (a.repayment_id == made.id) rv.allocations.push_back(a);
  return std::make_pair(std::move(rv), std::move(v));
}

Result<LoanView> FundService::Reschedule(const Principal& who, int64_t id, const RescheduleInput& in) {
  Checks c;
  const Date today = Today();
  CheckDay(c, "on", in.on, today);
  const std::string why = c.Text("reason", in.reason, true, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  return WriteLoan(
      who, id, "loan.reschedule", [&](Connection& conn, const Fund& fund, Loan& loan, LoanRecords& r) -> Status {
        if (loan.status != "active")
          return Error::Make(ErrorCode::kConflict, "error.fund_loan_not_active", {loan.code, loan.status});
        Checks t;
        Terms terms = in.terms;
        terms.amount_vnd = loan.terms.amount_vnd;
        t.Add(CheckTerms(terms));
        Terms limits = terms;
        limits.amount_vnd = 0;
        t.Add(CheckAgainstRules(limits, fund.rules));
        if (terms.first_due_on <= in.on)
          t.Add({"first_due_on",
                 "not_after_on",
                 "field.fund_first_due_after_on",
                 {terms.first_due_on.ToIso(), in.on.ToIso()}});
        const std::optional<Date> first = FirstDisbursement(r);
        if (first && in.on < *first)
          t.Add({"on", "before_disbursement", "field.fund_reschedule_before_disbursement", {in.on.ToIso()}});
        if (!r.reschedulings.empty() && in.on < r.reschedulings.back().on)
          t.Add({"on",
                 "before_last_rescheduling",
                 "field.fund_reschedule_before_last",
                 {in.on.ToIso(), r.reschedulings.back().on.ToIso()}});
        HOPTAC_TRY(t.Finish());
        ReschedulingRecord rec;
        rec.version = static_cast<int>(r.reschedulings.size()) + 1;
        rec.on = in.on;
        rec.reason = why;
        rec.terms = terms;
        rec.by = who.AuditName();
        rec.at_ms = loan.updated_at_ms;
        r.reschedulings.push_back(rec);
        auto state = Compute(loan, r, LastRecordDate(r, today));
        if (!state.ok()) return state.error();
        HOPTAC_TRY(InsertRescheduling(conn, loan.id, rec));
        r.reschedulings.back().id = rec.id;
        return Ok();
      });
}

Result<LoanView> FundService::RequestWriteOff(const Principal& who, int64_t id, Date on, const std::string& reason) {
  Checks c;
  const Date today = Today();
  CheckDay(c, "on", on, today);
  const std::string why = c.Text("reason", reason, true, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  return WriteLoan(
      who, id, "loan.write_off_request", [&](Connection&, const Fund&, Loan& loan, LoanRecords& r) -> Status {
        if (loan.status != "active")
          return Error::Make(ErrorCode::kConflict, "error.fund_loan_not_active", {loan.code, loan.status});
        if (loan.write_off.status == "requested")
          return Error::Make(ErrorCode::kConflict, "error.fund_write_off_pending", {loan.code});
        const std::optional<Date> first = FirstDisbursement(r);
        if (first && on < *first)
          return Error::InvalidField("on", "before_disbursement", "field.fund_write_off_before_disbursement",
                                     {on.ToIso(), first->ToIso()});
        WriteOff w;
        w.status = "requested";
        w.on = on;
        w.reason = why;
        w.requested_by = who.AuditName();
        w.requested_by_user = who.user_id;
        w.requested_at_ms = loan.updated_at_ms;
        loan.write_off = w;
        return Ok();
      });
}

namespace {
Status MayDecideWriteOff(const Principal& who, const Loan& loan) {
  if (!who.admin()) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_write_off_admin_only");
  if (loan.write_off.status != "requested")
    return Error::Make(ErrorCode::kConflict, "error.fund_no_write_off_request", {loan.code});
  const bool same = who.user_id != 0 ? loan.write_off.requested_by_user == who.user_id
                                     : loan.write_off.requested_by == who.AuditName();
  if (same) return Error::Make(ErrorCode::kPermissionDenied, "error.fund_write_off_same_user");
  return Ok();
}
}  // namespace

Result<LoanView> FundService::ApproveWriteOff(const Principal& who, int64_t id) {
  return WriteLoan(who, id, "loan.write_off_approve",
                   [&](Connection&, const Fund&, Loan& loan, LoanRecords& r) -> Status {
                     HOPTAC_TRY(MayDecideWriteOff(who, loan));
                     if (loan.status != "active")
                       return Error::Make(ErrorCode::kConflict, "error.fund_loan_not_active", {loan.code, loan.status});
                     HOPTAC_ASSIGN_OR_RETURN(LoanState state, Compute(loan, r, *loan.write_off.on));
                     loan.write_off.status = "approved";
                     loan.write_off.decided_by = who.AuditName();
                     loan.write_off.decided_at_ms = loan.updated_at_ms;
                     loan.write_off.principal_vnd = state.outstanding_principal_vnd;
                     loan.status = "written_off";
                     return Ok();
                   });
}

Result<LoanView> FundService::RejectWriteOff(const Principal& who, int64_t id, const std::string& reason) {
  Checks c;
  const std::string why = c.Text("reason", reason, true, kMaxTextLength);
  HOPTAC_TRY(c.Finish());
  return WriteLoan(who, id, "loan.write_off_reject", [&](Connection&, const Fund&, Loan& loan, LoanRecords&) -> Status {
    HOPTAC_TRY(MayDecideWriteOff(who, loan));
    loan.write_off.status = "rejected";
    loan.write_off.decided_by = who.AuditName();
    loan.write_off.decided_at_ms = loan.updated_at_ms;
    loan.write_off.reject_reason = why;
    return Ok();
  });
}

}  // namespace hoptac::fund

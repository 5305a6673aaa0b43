#include "fund/fund_json.h"

#include "attachments/owner.h"
#include "io/json_reader.h"

namespace hoptac::fund {
namespace json = boost::json;
using Reader = io::JsonReader;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
json::value DateOrNull(const std::optional<Date>& d) { return d ? json::value(d->ToIso()) : json::value(nullptr); }
json::value InstantOrNull(int64_t ms) { return ms == 0 ? json::value(nullptr) : json::value(InstantText(ms)); }
json::value IdOrNull(int64_t id) { return id == 0 ? json::value(nullptr) : json::value(id); }
template <class T>
json::value OrNull(const std::optional<T>& v) {
  return v ? json::value(static_cast<int64_t>(*v)) : json::value(nullptr);
}

// A rate: "7.25" (at most 4 decimals) or a whole number of percent.
std::optional<int64_t> Rate(Reader& r, const json::object& o, std::string_view name, const std::string& path,
                            bool required) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) r.Add({path, "required", "field.required", {}});
    return std::nullopt;
  }
  std::optional<int64_t> rate;
  if (v->is_string())
    rate = ParseRatePercent(std::string_view(v->as_string()));
  else if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() <= 100)
    rate = v->as_int64() * 10000;
  else if (v->is_uint64() && v->as_uint64() <= 100)
    rate = static_cast<int64_t>(v->as_uint64()) * 10000;
  if (!rate) {
    const std::string shown = v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
    r.Add({path, "invalid_rate", "field.fund_rate_text", {shown}});
  }
  return rate;
}

std::optional<int> Months(Reader& r, const json::object& o, std::string_view name, const std::string& path,
                          bool required) {
  std::optional<int64_t> v = r.Integer(o, name, path, required);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > kMaxTermMonths) {
    r.Add({path, "out_of_range", "field.fund_months_range", {"0", std::to_string(kMaxTermMonths)}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

// method, frequency, rate, term, grace, first due (the amount apart).
void ReadTermMembers(Reader& r, const json::object& body, Terms& t) {
  t.rate_e4 = Rate(r, body, "rate_percent_year", "rate_percent_year", true).value_or(0);
  t.term_months = Months(r, body, "term_months", "term_months", true).value_or(0);
  t.grace_months = Months(r, body, "grace_months", "grace_months", false).value_or(0);
  if (auto m = r.String(body, "method", "method", true)) {
    if (auto parsed = ParseMethod(*m))
      t.method = *parsed;
    else
      r.Add({"method", "invalid_enum", "field.invalid_enum", {*m, "equal_principal, equal_instalment"}});
  }
  if (auto f = r.String(body, "frequency", "frequency", true)) {
    if (auto parsed = ParseFrequency(*f))
      t.frequency = *parsed;
    else
      r.Add({"frequency", "invalid_enum", "field.invalid_enum", {*f, "monthly, quarterly"}});
  }
  t.first_due_on = r.DateOf(body, "first_due_on", "first_due_on", true).value_or(Date());
}

json::object PriorityJson(bool women_managed, bool youth) {
  return {{"women_managed", women_managed}, {"youth", youth}};
}

json::object EntityJson(const EntityRef& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"kind", TextOrNull(e.kind)},
          {"province", json::object{{"code", e.province_code}, {"name", e.province_name}}},
          {"sector", TextOrNull(e.sector)}};
}

json::object RulesJson(const FundRules& r) {
  return {{"max_amount_vnd", OrNull(r.max_amount_vnd)},
          {"max_term_months", OrNull(r.max_term_months)},
          {"default_rate_percent_year",
           r.default_rate_e4 ? json::value(FormatRatePercent(*r.default_rate_e4)) : json::value(nullptr)},
          {"max_grace_months", OrNull(r.max_grace_months)}};
}

}  // namespace

// ---- Reading ----

Result<FundInput> ReadFundInput(const json::object& body, bool creating) {
  Reader r;
  FundInput in;
  in.name = r.String(body, "name", "name", creating);
  if (creating)
    in.province = r.String(body, "province", "province");
  else
    in.province = r.String(body, "province", "province");
  in.capital_vnd = r.Integer(body, "capital_vnd", "capital_vnd", creating);
  if (const json::value* v = body.if_contains("rules"); v && !v->is_null()) {
    if (const json::object* o = r.Object(*v, "rules")) {
      FundRules rules;
      rules.max_amount_vnd = r.Integer(*o, "max_amount_vnd", "rules.max_amount_vnd");
      if (auto m = r.Integer(*o, "max_term_months", "rules.max_term_months"))
        rules.max_term_months = static_cast<int>(std::clamp<int64_t>(*m, -1, kMaxTermMonths + 1));
      if (auto m = r.Integer(*o, "max_grace_months", "rules.max_grace_months"))
        rules.max_grace_months = static_cast<int>(std::clamp<int64_t>(*m, -1, kMaxTermMonths + 1));
      rules.default_rate_e4 = Rate(r, *o, "default_rate_percent_year", "rules.default_rate_percent_year", false);
      r.Unknown(*o, {"max_amount_vnd", "max_term_months", "default_rate_percent_year", "max_grace_months"}, "rules");
      in.rules = rules;
    }
  } else if (v) {
    in.rules = FundRules{};  // null: no limits
  }
  if (const json::array* list = r.Array(body, "officer_ids", "officer_ids")) {
    in.officer_ids.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      json::object holder{{"id", (*list)[i]}};
      if (auto id = r.Integer(holder, "id", "officer_ids[" + std::to_string(i) + "]")) in.officer_ids->push_back(*id);
    }
  }
  r.Unknown(body, {"name", "province", "capital_vnd", "rules", "officer_ids"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<ApplicationInput> ReadApplicationInput(const json::object& body) {
  Reader r;
  ApplicationInput in;
  in.fund_id = r.Integer(body, "fund_id", "fund_id", true).value_or(0);
  in.entity_id = r.Integer(body, "entity_id", "entity_id");
  in.amount_vnd = r.Integer(body, "amount_vnd", "amount_vnd", true).value_or(0);
  in.purpose = r.String(body, "purpose", "purpose", true).value_or("");
  in.term_months = static_cast<int>(
      std::clamp<int64_t>(r.Integer(body, "term_months", "term_months", true).value_or(0), -1, kMaxTermMonths + 1));
  in.collateral = r.String(body, "collateral", "collateral").value_or("");
  r.Unknown(body, {"fund_id", "entity_id", "amount_vnd", "purpose", "term_months", "collateral"}, "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<AppraisalBody> ReadAppraisal(const json::object& body) {
  Reader r;
  AppraisalBody a;
  a.score = r.Integer(body, "score", "score", true);
  a.notes = r.String(body, "notes", "notes").value_or("");
  r.Unknown(body, {"score", "notes"}, "");
  HOPTAC_TRY(r.Finish());
  return a;
}

Result<Terms> ReadTermsBody(const json::object& body) {
  Reader r;
  Terms t;
  t.amount_vnd = r.Integer(body, "amount_vnd", "amount_vnd", true).value_or(0);
  ReadTermMembers(r, body, t);
  r.Unknown(body,
            {"amount_vnd", "rate_percent_year", "term_months", "grace_months", "method", "frequency", "first_due_on"},
            "");
  HOPTAC_TRY(r.Finish());
  return t;
}

Result<RescheduleInput> ReadReschedule(const json::object& body) {
  Reader r;
  RescheduleInput in;
  in.on = r.DateOf(body, "on", "on", true).value_or(Date());
  in.reason = r.String(body, "reason", "reason", true).value_or("");
  ReadTermMembers(r, body, in.terms);
  r.Unknown(body,
            {"on", "reason", "rate_percent_year", "term_months", "grace_months", "method", "frequency", "first_due_on"},
            "");
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<DatedAmount> ReadDatedAmount(const json::object& body, bool with_note) {
  Reader r;
  DatedAmount d;
  d.date = r.DateOf(body, "date", "date", true).value_or(Date());
  d.amount_vnd = r.Integer(body, "amount_vnd", "amount_vnd", true).value_or(0);
  if (with_note) {
    d.note = r.String(body, "note", "note").value_or("");
    r.Unknown(body, {"date", "amount_vnd", "note"}, "");
  } else {
    r.Unknown(body, {"date", "amount_vnd"}, "");
  }
  HOPTAC_TRY(r.Finish());
  return d;
}

Result<WriteOffBody> ReadWriteOff(const json::object& body) {
  Reader r;
  WriteOffBody w;
  w.on = r.DateOf(body, "on", "on", true).value_or(Date());
  w.reason = r.String(body, "reason", "reason", true).value_or("");
  r.Unknown(body, {"on", "reason"}, "");
  HOPTAC_TRY(r.Finish());
  return w;
}

Result<std::string> ReadReason(const json::object& body) {
  Reader r;
  std::string reason = r.String(body, "reason", "reason", true).value_or("");
  r.Unknown(body, {"reason"}, "");
  HOPTAC_TRY(r.Finish());
  return reason;
}

// ---- Writing ----

json::object TermsJson(const Terms& t) {
  return {{"amount_vnd", t.amount_vnd},
          {"rate_percent_year", FormatRatePercent(t.rate_e4)},
          {"term_months", t.term_months},
          {"grace_months", t.grace_months},
          {"method", MethodName(t.method)},
          {"frequency", FrequencyName(t.frequency)},
          {"first_due_on", t.first_due_on.ToIso()}};
}

json::object FundJson(const Fund& f) {
  json::array officers;
  for (int64_t id : f.officer_ids) officers.push_back(id);
  return {{"id", f.id},
          {"name", f.name},
          {"province", TextOrNull(f.province_code)},
          {"capital_vnd", f.capital_vnd},
          {"rules", RulesJson(f.rules)},
          {"officer_ids", std::move(officers)}};
}

json::object ApplicationJson(const Application& a) {
  return {{"id", a.id},
          {"code", a.code},
          {"fund_id", a.fund_id},
          {"entity_id", a.entity_id},
          {"province", a.province_code},
          {"sector", TextOrNull(a.sector)},
          {"priority", PriorityJson(a.women_managed, a.youth)},
          {"amount_vnd", a.amount_vnd},
          {"purpose", a.purpose},
          {"term_months", a.term_months},
          {"collateral", TextOrNull(a.collateral)},
          {"status", a.status},
          {"appraisal_score", OrNull(a.appraisal_score)},
          {"appraisal_notes", TextOrNull(a.appraisal_notes)},
          {"decision_reason", TextOrNull(a.decision_reason)},
          {"loan_id", IdOrNull(a.loan_id)}};
}

json::object LoanRecordJson(const Loan& l) {
  return {{"id", l.id},
          {"code", l.code},
          {"fund_id", l.fund_id},
          {"application_id", l.application_id},
          {"entity_id", l.entity_id},
          {"province", l.province_code},
          {"terms", TermsJson(l.terms)},
          {"status", l.status},
          {"repaid_on", DateOrNull(l.repaid_on)},
          {"write_off_status", TextOrNull(l.write_off.status)},
          {"write_off_on", DateOrNull(l.write_off.on)},
          {"write_off_reason", TextOrNull(l.write_off.reason)},
          {"write_off_principal_vnd", l.write_off.principal_vnd}};
}

json::object FundViewJson(const FundView& v) {
  const Fund& f = v.fund;
  json::array officers;
  for (const PersonRef& p : v.officers)
    officers.push_back(json::object{{"id", p.id}, {"username", p.username}, {"display_name", p.display_name}});
  json::value province = nullptr;
  if (!f.national()) province = json::object{{"code", f.province_code}, {"name", v.province_name}};
  return {{"id", f.id},
          {"name", f.name},
          {"province", std::move(province)},
          {"capital_vnd", f.capital_vnd},
          {"rules", RulesJson(f.rules)},
          {"officers", std::move(officers)},
          {"summary", json::object{{"applications_open", v.summary.applications_open},
                                   {"loans_active", v.summary.loans_active},
                                   {"outstanding_principal_vnd", v.summary.outstanding_principal_vnd}}},
          {"created_at", InstantText(f.created_at_ms)}};
}

json::object ApplicationViewJson(const ApplicationView& v) {
  const Application& a = v.application;
  json::value appraisal = nullptr;
  if (a.appraisal_score)
    appraisal = json::object{{"score", *a.appraisal_score},
                             {"notes", a.appraisal_notes},
                             {"by", a.appraised_by},
                             {"at", InstantOrNull(a.appraised_at_ms)}};
  json::value decision = nullptr;
  if (a.status == "approved" || a.status == "rejected")
    decision = json::object{{"approved", a.status == "approved"},
                            {"reason", TextOrNull(a.decision_reason)},
                            {"terms", v.terms ? json::value(TermsJson(*v.terms)) : json::value(nullptr)},
                            {"by", a.decided_by},
                            {"at", InstantOrNull(a.decided_at_ms)}};
  json::array documents;
  for (const attachments::Attachment& d : v.documents) documents.push_back(attachments::AttachmentJson(d));
  return {{"id", a.id},
          {"code", a.code},
          {"fund", json::object{{"id", a.fund_id}, {"name", v.fund_name}}},
          {"entity", EntityJson(v.entity)},
          {"amount_vnd", a.amount_vnd},
          {"purpose", a.purpose},
          {"term_months", a.term_months},
          {"collateral", TextOrNull(a.collateral)},
          {"status", a.status},
          {"priority", PriorityJson(a.women_managed, a.youth)},
          {"appraisal", std::move(appraisal)},
          {"decision", std::move(decision)},
          {"loan_id", IdOrNull(a.loan_id)},
          {"submitted_by", a.submitted_by},
          {"submitted_at", InstantText(a.submitted_at_ms)},
          {"documents", std::move(documents)}};
}

json::object DisbursementJson(const DisbursementRecord& d) {
  return {
      {"id", d.id}, {"date", d.date.ToIso()}, {"amount_vnd", d.amount_vnd}, {"by", d.by}, {"at", InstantText(d.at_ms)}};
}

json::object LoanViewJson(const LoanView& v, bool details) {
  const Loan& l = v.loan;
  const LoanState& s = v.state;
  json::value next_due = nullptr;
  for (const ScheduleLine& line : s.lines)
    if (line.due_on >= v.as_of && line.paid_vnd() < line.total_vnd()) {
      next_due = json::object{{"due_on", line.due_on.ToIso()}, {"amount_vnd", line.total_vnd() - line.paid_vnd()}};
      break;
    }
  json::value write_off = nullptr;
  if (!l.write_off.status.empty()) {
    const WriteOff& w = l.write_off;
    write_off = json::object{{"status", w.status},
                             {"on", DateOrNull(w.on)},
                             {"reason", w.reason},
                             {"requested_by", w.requested_by},
                             {"requested_at", InstantOrNull(w.requested_at_ms)},
                             {"decided_by", TextOrNull(w.decided_by)},
                             {"decided_at", InstantOrNull(w.decided_at_ms)},
                             {"reject_reason", TextOrNull(w.reject_reason)},
                             {"principal_vnd", w.principal_vnd}};
  }
  json::object o{{"id", l.id},
                 {"code", l.code},
                 {"fund", json::object{{"id", l.fund_id}, {"name", v.fund_name}}},
                 {"entity", EntityJson(v.entity)},
                 {"application_id", l.application_id},
                 {"terms", TermsJson(v.terms)},
                 {"approved_terms", TermsJson(l.terms)},
                 {"status", l.status},
                 {"priority", PriorityJson(l.women_managed, l.youth)},
                 {"as_of", v.as_of.ToIso()},
                 {"disbursed_vnd", s.disbursed_vnd},
                 {"principal_repaid_vnd", s.principal_repaid_vnd},
                 {"interest_repaid_vnd", s.interest_repaid_vnd},
                 {"outstanding_principal_vnd", s.outstanding_principal_vnd},
                 {"overdue_principal_vnd", s.overdue_principal_vnd},
                 {"overdue_interest_vnd", s.overdue_interest_vnd},
                 {"to_close_vnd", s.to_close_vnd},
                 {"days_in_arrears", s.days_in_arrears},
                 {"next_due", std::move(next_due)},
                 {"repaid_on", DateOrNull(l.repaid_on)},
                 {"write_off", std::move(write_off)},
                 {"approved_by", l.approved_by},
                 {"approved_at", InstantText(l.approved_at_ms)}};
  if (details) {
    json::array reschedulings, disbursements;
    for (const ReschedulingRecord& r : v.records.reschedulings)
      reschedulings.push_back(json::object{{"version", r.version},
                                           {"on", r.on.ToIso()},
                                           {"reason", r.reason},
                                           {"terms", TermsJson(r.terms)},
                                           {"by", r.by},
                                           {"at", InstantText(r.at_ms)}});
    for (const DisbursementRecord& d : v.records.disbursements) disbursements.push_back(DisbursementJson(d));
    o["reschedulings"] = std::move(reschedulings);
    o["disbursements"] = std::move(disbursements);
  }
  return o;
}

json::object RepaymentJson(const RepaymentView& r) {
  json::array allocations;
  for (const Allocation& a : r.allocations)
    allocations.push_back(
        json::object{{"line", a.line}, {"interest_vnd", a.interest_vnd}, {"principal_vnd", a.principal_vnd}});
  const RepaymentRecord& p = r.repayment;
  return {
      {"id", p.id}, {"date", p.date.ToIso()},     {"amount_vnd", p.amount_vnd},           {"note", TextOrNull(p.note)},
      {"by", p.by}, {"at", InstantText(p.at_ms)}, {"allocations", std::move(allocations)}};
}

json::object LineJson(const ScheduleLine& l) {
  return {{"number", l.number},
          {"version", l.version},
          {"from", l.from.ToIso()},
          {"due_on", l.due_on.ToIso()},
          {"principal_vnd", l.principal_vnd},
          {"interest_vnd", l.interest_vnd},
          {"total_vnd", l.total_vnd()},
          {"paid_vnd", l.paid_vnd()},
          {"balance_after_vnd", l.balance_after_vnd},
          {"state", LineStateName(l.state)},
          {"paid_on", DateOrNull(l.paid_on)}};
}

json::object ScheduleJson(const Schedule& s) {
  json::array lines;
  for (const ScheduleLine& l : s.lines) lines.push_back(LineJson(l));
  return {
      {"as_of", s.as_of.ToIso()},
      {"version", s.version},
      {"lines", std::move(lines)},
      {"totals",
       json::object{{"principal_vnd", s.principal_vnd}, {"interest_vnd", s.interest_vnd}, {"paid_vnd", s.paid_vnd}}}};
}

// Percent with one decimal of part / total, half up, in integers ("12.5"; "0.0" when total is 0).
std::string Percent1(Money part, Money total) {
  if (total <= 0) return "0.0";
  const __int128 tenths = (static_cast<__int128>(part) * 2000 + total) / (static_cast<__int128>(total) * 2);
  const int64_t t = static_cast<int64_t>(tenths);
  return std::to_string(t / 10) + "." + std::to_string(t % 10);
}

namespace {
json::object PortfolioRowJson(const PortfolioRow& r) {
  return {{"key", r.key},
          {"loans_active", r.loans_active},
          {"loans_in_arrears", r.loans_in_arrears},
          {"outstanding_principal_vnd", r.outstanding_principal_vnd},
          {"disbursed_vnd", r.disbursed_vnd},
          {"principal_repaid_vnd", r.principal_repaid_vnd},
          {"interest_repaid_vnd", r.interest_repaid_vnd},
          {"par30_vnd", r.par30_vnd},
          {"par90_vnd", r.par90_vnd},
          {"written_off_vnd", r.written_off_vnd},
          {"loans_disbursed", r.loans_disbursed},
          {"par30_percent", Percent1(r.par30_vnd, r.outstanding_principal_vnd)},
          {"par90_percent", Percent1(r.par90_vnd, r.outstanding_principal_vnd)}};
}
}  // namespace

json::object PortfolioJson(const PortfolioAnswer& a, GroupBy group_by,
                           const std::function<std::string(const std::string&)>& label) {
  json::array rows;
  for (const PortfolioRow& r : a.rows) {
    json::object o = PortfolioRowJson(r);
    o["label"] = label(r.key);
    rows.push_back(std::move(o));
  }
  const PortfolioRow& t = a.totals;
  return {{"as_of", a.as_of.ToIso()},
          {"from", a.from.ToIso()},
          {"group_by", GroupByName(group_by)},
          {"rows", std::move(rows)},
          {"totals", PortfolioRowJson(t)},
          {"women", json::object{{"loans_active", a.women_loans_active},
                                 {"outstanding_principal_vnd", a.women_outstanding_vnd},
                                 {"loans_share_percent", Percent1(a.women_loans_active, t.loans_active)},
                                 {"outstanding_share_percent",
                                  Percent1(a.women_outstanding_vnd, t.outstanding_principal_vnd)}}}};
}

}  // namespace hoptac::fund

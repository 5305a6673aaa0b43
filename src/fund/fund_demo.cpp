#include "fund/fund_demo.h"

#include <boost/json.hpp>

#include "fund/fund_json.h"
#include "fund/fund_store.h"
#include "storage/audit.h"

namespace hoptac::fund {
namespace {

using storage::Connection;

// 10:00 in Vietnam on `day`.
int64_t At(Date day) { return (int64_t{day.days()} * 24 + 3) * 3'600'000; }
Date Before(Date today, int days) { return Date::FromDays(today.days() - days); }

// Cooperatives of a province (women-managed or youth when asked and found; any otherwise).
std::vector<registry::EntityRecord> Cooperatives(registry::EntityService& entities, const auth::Principal& who,
                                                 const std::string& province, std::optional<bool> women,
                                                 std::optional<bool> youth, int limit) {
  registry::EntityFilters f;
  f.kind = domain::EntityKind::kCooperative;
  f.province = province;
  f.women_managed = women;
  f.youth = youth;
  f.limit = limit;
  auto page = entities.List(who, f);
  if (page.ok() && !page->items.empty()) return page->items;
  if (!women && !youth) return {};
  return Cooperatives(entities, who, province, std::nullopt, std::nullopt, limit);
}

struct Writer {
  Connection& conn;
  const auth::Principal& who;

  Status Audit(const std::string& action, const std::string& type, int64_t id, const std::string& province, int64_t at,
               const boost::json::object& after) {
    storage::AuditRecord a;
    a.at_ms = at;
    a.actor_user_id = who.user_id;
    a.actor_name = who.AuditName();
    a.address = who.address;
    a.action = action;
    a.object_type = type;
    a.object_id = std::to_string(id);
    a.province_code = province;
    a.after_json = boost::json::serialize(after);
    return storage::AppendAudit(conn, a);
  }

  Result<Fund> MakeFund(std::string name, std::string province, Money capital, FundRules rules, Date on) {
    Fund f;
    f.name = std::move(name);
    f.province_code = std::move(province);
    f.capital_vnd = capital;
    f.rules = rules;
    f.created_by = who.user_id;
    f.created_at_ms = f.updated_at_ms = At(on);
    HOPTAC_TRY(InsertFund(conn, f));
    HOPTAC_TRY(Audit("fund.create", "fund", f.id, f.province_code, f.created_at_ms, FundJson(f)));
    return f;
  }

  Result<Application> Apply(const Fund& fund, const registry::EntityRecord& e, Money amount, std::string purpose,
                            int term, Date on) {
    Application a;
    a.fund_id = fund.id;
    a.entity_id = e.entity.id;
    a.province_code = e.current_province_code;
    a.sector = e.entity.sector ? domain::SectorName(*e.entity.sector) : "";
    a.women_managed = e.entity.women_managed;
    a.youth = e.entity.youth;
    a.amount_vnd = amount;
    a.purpose = std::move(purpose);
    a.term_months = term;
    a.collateral = "Nhà xưởng và máy móc của HTX";
    a.submitted_by = who.AuditName();
    a.submitted_by_user = who.user_id;
    a.submitted_at_ms = a.updated_at_ms = At(on);
    HOPTAC_ASSIGN_OR_RETURN(a.code, NextCode(conn, "loan_applications", "VV", on.year()));
    HOPTAC_TRY(InsertApplication(conn, a));
    HOPTAC_TRY(Audit("loan_application.create", "loan_application", a.id, a.province_code, a.submitted_at_ms,
                     ApplicationJson(a)));
    return a;
  }

  Status Appraise(Application& a, int score, std::string notes, Date on) {
    a.status = "appraised";
    a.appraisal_score = score;
    a.appraisal_notes = std::move(notes);
    a.appraised_by = who.AuditName();
    a.appraised_at_ms = a.updated_at_ms = At(on);
    HOPTAC_TRY(UpdateApplication(conn, a));
    return Audit("loan_application.appraise", "loan_application", a.id, a.province_code, a.updated_at_ms,
                 ApplicationJson(a));
  }

  Status Reject(Application& a, std::string reason, Date on) {
    a.status = "rejected";
    a.decision_reason = std::move(reason);
    a.decided_by = who.AuditName();
    a.decided_at_ms = a.updated_at_ms = At(on);
    HOPTAC_TRY(UpdateApplication(conn, a));
    return Audit("loan_application.reject", "loan_application", a.id, a.province_code, a.updated_at_ms,
                 ApplicationJson(a));
  }

  Result<Loan> Approve(Application& a, const Terms& terms, Date on) {
    Loan l;
    l.fund_id = a.fund_id;
    l.application_id = a.id;
    l.entity_id = a.entity_id;
    l.province_code = a.province_code;
    l.sector = a.sector;
    l.women_managed = a.women_managed;
    l.youth = a.youth;
    l.terms = terms;
    l.approved_by = who.AuditName();
    l.approved_at_ms = l.updated_at_ms = At(on);
    HOPTAC_ASSIGN_OR_RETURN(l.code, NextCode(conn, "loans", "KV", on.year()));
    HOPTAC_TRY(InsertLoan(conn, l));
    a.status = "approved";
    a.decided_by = who.AuditName();
    a.decided_at_ms = a.updated_at_ms = l.approved_at_ms;
    a.loan_id = l.id;
    HOPTAC_TRY(UpdateApplication(conn, a));
    HOPTAC_TRY(Audit("loan_application.approve", "loan_application", a.id, a.province_code, a.updated_at_ms,
                     ApplicationJson(a)));
    return l;
  }

  Status Disburse(Loan& l, LoanRecords& r, Date on, Money amount) {
    DisbursementRecord d{0, on, amount, who.AuditName(), At(on)};
    HOPTAC_TRY(InsertDisbursement(conn, l.id, d));
    r.disbursements.push_back(d);
    l.status = "active";
    HOPTAC_TRY(UpdateLoan(conn, l));
    return Audit("loan.disburse", "loan", l.id, l.province_code, d.at_ms, LoanRecordJson(l));
  }

  Status Repay(Loan& l, LoanRecords& r, Date on, Money amount, std::string note = "") {
    if (amount <= 0) return Ok();
    RepaymentRecord p{0, on, amount, std::move(note), who.AuditName(), At(on)};
    HOPTAC_TRY(InsertRepayment(conn, l.id, p));
    r.repayments.push_back(p);
    HOPTAC_TRY(Audit("loan.repay", "loan", l.id, l.province_code, p.at_ms, LoanRecordJson(l)));
    HOPTAC_ASSIGN_OR_RETURN(LoanState s, Compute(l, r, on));
    if (s.repaid_on) {
      l.status = "repaid";
      l.repaid_on = s.repaid_on;
      HOPTAC_TRY(UpdateLoan(conn, l));
      HOPTAC_TRY(Audit("loan.close", "loan", l.id, l.province_code, p.at_ms, LoanRecordJson(l)));
    }
    return Ok();
  }

  // Pays every line falling due from `from` to `until` on its due date, in full.
  Status PayLines(Loan& l, LoanRecords& r, Date from, Date until) {
    for (int guard = 0; guard < 200; ++guard) {
      HOPTAC_ASSIGN_OR_RETURN(LoanState s, Compute(l, r, until));
      const ScheduleLine* next = nullptr;
      for (const ScheduleLine& line : s.lines)
        if (line.due_on >= from && line.due_on <= until && line.paid_vnd() < line.total_vnd()) {
          next = &line;
          break;
        }
      if (!next || l.status == "repaid") return Ok();
      HOPTAC_ASSIGN_OR_RETURN(LoanState on_due, Compute(l, r, next->due_on));
      Money owed = 0;
      for (const ScheduleLine& line : on_due.lines)
        if (line.number == next->number) owed = line.total_vnd() - line.paid_vnd();
      HOPTAC_TRY(
          Repay(l, r, next->due_on, std::min(owed, on_due.to_close_vnd), "Trả nợ kỳ " + std::to_string(next->number)));
    }
    return Ok();
  }

  Status Reschedule(Loan& l, LoanRecords& r, Date on, std::string reason, Terms terms) {
    ReschedulingRecord s;
    s.version = static_cast<int>(r.reschedulings.size()) + 1;
    s.on = on;
    s.reason = std::move(reason);
    s.terms = terms;
    s.terms.amount_vnd = l.terms.amount_vnd;
    s.by = who.AuditName();
    s.at_ms = At(on);
    HOPTAC_TRY(InsertRescheduling(conn, l.id, s));
    r.reschedulings.push_back(s);
    return Audit("loan.reschedule", "loan", l.id, l.province_code, s.at_ms, LoanRecordJson(l));
  }
};

Terms MakeTerms(Money amount, int64_t rate_e4, int term, int grace, Method method, Frequency frequency, Date first) {
  Terms t;
  t.amount_vnd = amount;
  t.rate_e4 = rate_e4;
  t.term_months = term;
  t.grace_months = grace;
  t.method = method;
  t.frequency = frequency;
  t.first_due_on = first;
  return t;
}

}  // namespace

Result<DemoFund> LoadDemoFund(FundService& service, registry::EntityService& entities, const auth::Principal& who) {
  DemoFund done;
  {
    HOPTAC_ASSIGN_OR_RETURN(auto funds, service.Funds(who));
    if (!funds.empty()) return done;
  }
  const Date today = service.Today();
  const auto ls = Cooperatives(entities, who, "20", std::nullopt, std::nullopt, 12);
  const auto ls_women = Cooperatives(entities, who, "20", true, std::nullopt, 3);
  const auto ls_youth = Cooperatives(entities, who, "20", std::nullopt, true, 3);
  const auto hn = Cooperatives(entities, who, "01", std::nullopt, std::nullopt, 6);
  const auto hcm = Cooperatives(entities, who, "79", std::nullopt, std::nullopt, 3);
  if (ls.size() < 6 || hn.size() < 2) return done;  // no demo registry: nothing to lend to
  HOPTAC_TRY(service.db().Write([&](Connection& conn) -> Status {
    Writer w{conn, who};
    const Date opened = Before(today, 720);
    HOPTAC_ASSIGN_OR_RETURN(Fund national,
                            w.MakeFund("Quỹ hỗ trợ phát triển hợp tác xã Trung ương", "", 500'000'000'000,
                                       FundRules{5'000'000'000, 84, 72'000, 24}, opened));
    HOPTAC_ASSIGN_OR_RETURN(Fund lang_son, w.MakeFund("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lạng Sơn", "20",
                                                      40'000'000'000, FundRules{1'000'000'000, 36, 72'000, 6}, opened));
    HOPTAC_ASSIGN_OR_RETURN(Fund ha_noi, w.MakeFund("Quỹ hỗ trợ phát triển hợp tác xã thành phố Hà Nội", "01",
                                                    120'000'000'000, FundRules{2'000'000'000, 60, 65'000, 12}, opened));
    done.funds = 3;

    // Applications at every stage.
    HOPTAC_ASSIGN_OR_RETURN(
        Application submitted,
        w.Apply(lang_son, ls[0], 300'000'000, "Mua máy sấy và đóng gói hồi Lạng Sơn", 24, Before(today, 3)));
    (void)submitted;
    HOPTAC_ASSIGN_OR_RETURN(Application appraised, w.Apply(lang_son, ls[1], 450'000'000,
                                                           "Xây kho lạnh bảo quản na Chi Lăng", 36, Before(today, 20)));
    HOPTAC_TRY(w.Appraise(appraised, 78, "Phương án khả thi, thị trường tiêu thụ ổn định", Before(today, 12)));
    HOPTAC_ASSIGN_OR_RETURN(Application rejected,
                            w.Apply(lang_son, ls[2], 900'000'000, "Mở rộng nhà xưởng chế biến", 36, Before(today, 60)));
    HOPTAC_TRY(w.Appraise(rejected, 41, "Chưa có tài sản bảo đảm, doanh thu giảm hai năm liền", Before(today, 50)));
    HOPTAC_TRY(w.Reject(rejected, "Không đủ điều kiện về tài sản bảo đảm và hiệu quả kinh doanh", Before(today, 45)));
    HOPTAC_ASSIGN_OR_RETURN(Application waiting, w.Apply(lang_son, ls[3], 200'000'000, "Mua giống và vật tư trồng hồi",
                                                         12, Before(today, 15)));
    HOPTAC_TRY(w.Appraise(waiting, 80, "Đạt", Before(today, 8)));
    HOPTAC_ASSIGN_OR_RETURN(Loan not_disbursed,
                            w.Approve(waiting,
                                      MakeTerms(200'000'000, 72'000, 12, 0, Method::kEqualPrincipal,
                                                Frequency::kMonthly, Date::FromDays(today.days() + 40)),
                                      Before(today, 5)));
    (void)not_disbursed;
    if (!hcm.empty()) {
      HOPTAC_ASSIGN_OR_RETURN(
          Application to_national,
          w.Apply(national, hcm[0], 3'000'000'000, "Đầu tư dây chuyền sơ chế rau an toàn", 60, Before(today, 25)));
      HOPTAC_TRY(w.Appraise(to_national, 72, "Cần bổ sung báo cáo tài chính năm gần nhất", Before(today, 10)));
    }
    done.applications = hcm.empty() ? 5 : 6;

    // A women-managed cooperative's loan: repaid for a while, then instalments missed (in arrears).
    {
      const registry::EntityRecord& e = ls_women.empty() ? ls[4] : ls_women[0];
      const Date applied = Before(today, 240), disbursed = Before(today, 225);
      HOPTAC_ASSIGN_OR_RETURN(
          Application a, w.Apply(lang_son, e, 150'000'000, "Vốn lưu động thu mua hồi và quế của xã viên", 12, applied));
      HOPTAC_TRY(w.Appraise(a, 85, "HTX do nữ làm giám đốc, ưu tiên theo Quyết định 01/QĐ-TTg", Before(today, 232)));
      const Date first_due = Date::FromDays(disbursed.days() + 30);
      HOPTAC_ASSIGN_OR_RETURN(
          Loan l,
          w.Approve(a, MakeTerms(150'000'000, 72'000, 12, 0, Method::kEqualInstalment, Frequency::kMonthly, first_due),
                    Before(today, 228)));
      LoanRecords r;
      HOPTAC_TRY(w.Disburse(l, r, disbursed, 150'000'000));
      HOPTAC_TRY(w.PayLines(l, r, disbursed, Before(today, 100)));  // then nothing: about 70 days in arrears
    }
    // A youth cooperative's loan, quarterly, equal principal, repaid on time.
    {
      const registry::EntityRecord& e = ls_youth.empty() ? ls[5] : ls_youth[0];
      const Date disbursed = Before(today, 400);
      HOPTAC_ASSIGN_OR_RETURN(
          Application a, w.Apply(lang_son, e, 300'000'000, "Trồng và chế biến chè hữu cơ", 24, Before(today, 430)));
      HOPTAC_TRY(w.Appraise(a, 88, "HTX thanh niên, phương án tốt", Before(today, 415)));
      HOPTAC_ASSIGN_OR_RETURN(Loan l, w.Approve(a,
                                                MakeTerms(300'000'000, 72'000, 24, 6, Method::kEqualPrincipal,
                                                          Frequency::kQuarterly, Date::FromDays(disbursed.days() + 90)),
                                                Before(today, 405)));
      LoanRecords r;
      HOPTAC_TRY(w.Disburse(l, r, disbursed, 300'000'000));
      HOPTAC_TRY(w.PayLines(l, r, disbursed, today));
    }
    // Hà Nội: a loan rescheduled after the flood, repaid since; and a small loan repaid in full.
    {
      const Date disbursed = Before(today, 330);
      HOPTAC_ASSIGN_OR_RETURN(
          Application a, w.Apply(ha_noi, hn[0], 800'000'000, "Nhà màng trồng rau thủy canh", 24, Before(today, 360)));
      HOPTAC_TRY(w.Appraise(a, 81, "Khả thi", Before(today, 345)));
      HOPTAC_ASSIGN_OR_RETURN(Loan l, w.Approve(a,
                                                MakeTerms(800'000'000, 65'000, 24, 0, Method::kEqualInstalment,
                                                          Frequency::kMonthly, Date::FromDays(disbursed.days() + 31)),
                                                Before(today, 335)));
      LoanRecords r;
      HOPTAC_TRY(w.Disburse(l, r, disbursed, 800'000'000));
      const Date flood = Before(today, 120);
      HOPTAC_TRY(w.PayLines(l, r, disbursed, Date::FromDays(flood.days() - 40)));
      HOPTAC_TRY(w.Reschedule(l, r, flood, "Thiệt hại do bão số 3 và lũ, HTX mất trắng một vụ rau",
                              MakeTerms(0, 50'000, 24, 3, Method::kEqualPrincipal, Frequency::kMonthly,
                                        Date::FromDays(flood.days() + 30))));
      HOPTAC_TRY(w.PayLines(l, r, flood, today));
    }
    {
      const Date disbursed = Before(today, 250);
      HOPTAC_ASSIGN_OR_RETURN(Application a,
                              w.Apply(ha_noi, hn[1], 60'000'000, "Mua máy làm đất", 6, Before(today, 270)));
      HOPTAC_TRY(w.Appraise(a, 90, "Đạt", Before(today, 262)));
      HOPTAC_ASSIGN_OR_RETURN(Loan l, w.Approve(a,
                                                MakeTerms(60'000'000, 65'000, 6, 0, Method::kEqualPrincipal,
                                                          Frequency::kMonthly, Date::FromDays(disbursed.days() + 30)),
                                                Before(today, 255)));
      LoanRecords r;
      HOPTAC_TRY(w.Disburse(l, r, disbursed, 60'000'000));
      HOPTAC_TRY(w.PayLines(l, r, disbursed, today));
    }
    done.loans = 5;
    done.applications += 4;
    return Ok();
  }));
  return done;
}

}  // namespace hoptac::fund

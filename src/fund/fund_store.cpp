#include "fund/fund_store.h"

#include <charconv>
#include <unordered_map>

#include "storage/sql.h"

namespace hoptac::fund {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

int64_t IntOrZero(const RowView& row, int column) { return row.IsNull(column) ? 0 : row.GetInt(column); }
Value IdOrNull(int64_t id) { return id == 0 ? Value{} : Int(id); }
template <class T>
Value OptionalInt(const std::optional<T>& v) {
  return v ? Int(static_cast<int64_t>(*v)) : Value{};
}
std::string DateOrEmpty(const std::optional<Date>& d) { return d ? d->ToIso() : std::string(); }
Date DateOf(const RowView& row, int column) { return Date::ParseIso(row.GetText(column)).value_or(Date()); }

std::string P(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

Result<int64_t> InsertReturningId(Connection& conn, const std::string& sql, const std::vector<Value>& params) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql + " RETURNING id", params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  return std::get<int64_t>((*row)[0]);
}

// ---- Funds ----

constexpr const char* kFundColumns =
    "id, name, province_code, capital_vnd, max_amount_vnd, max_term_months, default_rate_e4, max_grace_months, "
    "created_by, created_at_ms, updated_at_ms";

Fund ReadFund(const RowView& row) {
  Fund f;
  f.id = row.GetInt(0);
  f.name = std::string(row.GetText(1));
  f.province_code = std::string(row.GetText(2));
  f.capital_vnd = row.GetInt(3);
  if (!row.IsNull(4)) f.rules.max_amount_vnd = row.GetInt(4);
  if (!row.IsNull(5)) f.rules.max_term_months = static_cast<int>(row.GetInt(5));
  if (!row.IsNull(6)) f.rules.default_rate_e4 = row.GetInt(6);
  if (!row.IsNull(7)) f.rules.max_grace_months = static_cast<int>(row.GetInt(7));
  f.created_by = row.GetInt(8);
  f.created_at_ms = row.GetInt(9);
  f.updated_at_ms = row.GetInt(10);
  return f;
}

Status WriteOfficers(Connection& conn, const Fund& f) {
  HOPTAC_TRY(conn.Exec("DELETE FROM fund_officers WHERE fund_id = $1", {Int(f.id)}));
  for (int64_t u : f.officer_ids)
    HOPTAC_TRY(conn.Exec("INSERT INTO fund_officers (fund_id, user_id) VALUES ($1, $2)", {Int(f.id), Int(u)}));
  return Ok();
}

Status ReadOfficers(Connection& conn, std::vector<Fund>& funds) {
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < funds.size(); ++i) at[funds[i].id] = i;
  return conn.Query("SELECT fund_id, user_id FROM fund_officers ORDER BY fund_id, user_id", {},
                    [&](const RowView& row) -> Status {
                      auto found = at.find(row.GetInt(0));
                      if (found != at.end()) funds[found->second].officer_ids.push_back(row.GetInt(1));
                      return Ok();
                    });
}

// ---- Applications ----

constexpr const char* kApplicationColumns =
    "id, code, fund_id, entity_id, province_code, sector, women_managed, youth, amount_vnd, purpose, term_months, "
    "collateral, status, appraisal_score, appraisal_notes, appraised_by, appraised_at_ms, decision_reason, "
    "decided_by, decided_at_ms, loan_id, submitted_by, submitted_by_user, submitted_at_ms, updated_at_ms";

Application ReadApplication(const RowView& row) {
  Application a;
  a.id = row.GetInt(0);
  a.code = std::string(row.GetText(1));
  a.fund_id = row.GetInt(2);
  a.entity_id = row.GetInt(3);
  a.province_code = std::string(row.GetText(4));
  a.sector = std::string(row.GetText(5));
  a.women_managed = row.GetInt(6) != 0;
  a.youth = row.GetInt(7) != 0;
  a.amount_vnd = row.GetInt(8);
  a.purpose = std::string(row.GetText(9));
  a.term_months = static_cast<int>(row.GetInt(10));
  a.collateral = std::string(row.GetText(11));
  a.status = std::string(row.GetText(12));
  if (!row.IsNull(13)) a.appraisal_score = static_cast<int>(row.GetInt(13));
  a.appraisal_notes = std::string(row.GetText(14));
  a.appraised_by = std::string(row.GetText(15));
  a.appraised_at_ms = row.GetInt(16);
  a.decision_reason = std::string(row.GetText(17));
  a.decided_by = std::string(row.GetText(18));
  a.decided_at_ms = row.GetInt(19);
  a.loan_id = IntOrZero(row, 20);
  a.submitted_by = std::string(row.GetText(21));
  a.submitted_by_user = row.GetInt(22);
  a.submitted_at_ms = row.GetInt(23);
  a.updated_at_ms = row.GetInt(24);
  return a;
}

// The columns UPDATE writes, in order ($1 … $14).
std::vector<Value> ApplicationValues(const Application& a) {
  return {Int(a.amount_vnd),       Text(a.purpose),      Int(a.term_months),
          Text(a.collateral),      Text(a.status),       OptionalInt(a.appraisal_score),
          Text(a.appraisal_notes), Text(a.appraised_by), Int(a.appraised_at_ms),
          Text(a.decision_reason), Text(a.decided_by),   Int(a.decided_at_ms),
          IdOrNull(a.loan_id),     Int(a.updated_at_ms)};
}

std::string Where(const RecordFilter& f, std::vector<Value>& params, const char* alias) {
  std::string where = " WHERE 1 = 1";
  const std::string a = alias;
  if (f.province) where += " AND " + a + "province_code = " + P(params, Text(*f.province));
  if (f.entity_id != 0) where += " AND " + a + "entity_id = " + P(params, Int(f.entity_id));
  if (f.fund_id != 0) where += " AND " + a + "fund_id = " + P(params, Int(f.fund_id));
  if (!f.statuses.empty()) {
    const size_t first = params.size() + 1;
    for (const std::string& s : f.statuses) params.push_back(Text(s));
    where += " AND " + a + "status IN (" + storage::Placeholders(first, f.statuses.size()) + ")";
  }
  return where;
}

// ---- Loans ----

constexpr const char* kLoanColumns =
    "id, code, fund_id, application_id, entity_id, province_code, sector, women_managed, youth, amount_vnd, rate_e4, "
    "term_months, grace_months, method, frequency, first_due_on, status, repaid_on, approved_by, approved_at_ms, "
    "write_off_status, write_off_on, write_off_reason, write_off_requested_by, write_off_requested_by_user, "
    "write_off_requested_at_ms, write_off_decided_by, write_off_decided_at_ms, write_off_reject_reason, "
    "write_off_principal_vnd, updated_at_ms";

Terms ReadTerms(const RowView& row, int amount, int rate) {
  Terms t;
  t.amount_vnd = amount < 0 ? 0 : row.GetInt(amount);
  t.rate_e4 = row.GetInt(rate);
  t.term_months = static_cast<int>(row.GetInt(rate + 1));
  t.grace_months = static_cast<int>(row.GetInt(rate + 2));
  t.method = ParseMethod(row.GetText(rate + 3)).value_or(Method::kEqualPrincipal);
  t.frequency = ParseFrequency(row.GetText(rate + 4)).value_or(Frequency::kMonthly);
  t.first_due_on = DateOf(row, rate + 5);
  return t;
}

Loan ReadLoan(const RowView& row) {
  Loan l;
  l.id = row.GetInt(0);
  l.code = std::string(row.GetText(1));
  l.fund_id = row.GetInt(2);
  l.application_id = row.GetInt(3);
  l.entity_id = row.GetInt(4);
  l.province_code = std::string(row.GetText(5));
  l.sector = std::string(row.GetText(6));
  l.women_managed = row.GetInt(7) != 0;
  l.youth = row.GetInt(8) != 0;
  l.terms = ReadTerms(row, 9, 10);
  l.status = std::string(row.GetText(16));
  l.repaid_on = Date::ParseIso(row.GetText(17));
  l.approved_by = std::string(row.GetText(18));
  l.approved_at_ms = row.GetInt(19);
  WriteOff& w = l.write_off;
  w.status = std::string(row.GetText(20));
  w.on = Date::ParseIso(row.GetText(21));
  w.reason = std::string(row.GetText(22));
  w.requested_by = std::string(row.GetText(23));
  w.requested_by_user = row.GetInt(24);
  w.requested_at_ms = row.GetInt(25);
  w.decided_by = std::string(row.GetText(26));
  w.decided_at_ms = row.GetInt(27);
  w.reject_reason = std::string(row.GetText(28));
  w.principal_vnd = row.GetInt(29);
  l.updated_at_ms = row.GetInt(30);
  return l;
}

// The columns UPDATE writes, in order ($1 … $13).
std::vector<Value> LoanValues(const Loan& l) {
  const WriteOff& w = l.write_off;
  return {Text(l.status),      Text(DateOrEmpty(l.repaid_on)), Text(w.status),           Text(DateOrEmpty(w.on)),
          Text(w.reason),      Text(w.requested_by),           Int(w.requested_by_user), Int(w.requested_at_ms),
          Text(w.decided_by),  Int(w.decided_at_ms),           Text(w.reject_reason),    Int(w.principal_vnd),
          Int(l.updated_at_ms)};
}

Status ReadCodes(Connection& conn, const char* sql_prefix, std::span<const int64_t> ids,
                 std::map<int64_t, std::string>& out) {
  if (ids.empty()) return Ok();
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  return conn.Query(std::string(sql_prefix) + " IN (" + in + ")", params, [&](const RowView& row) -> Status {
    out[row.GetInt(0)] = std::string(row.GetText(1));
    return Ok();
  });
}

}  // namespace

Result<std::vector<Fund>> LoadFunds(Connection& conn) {
  std::vector<Fund> out;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kFundColumns + " FROM funds ORDER BY province_code, id", {},
                        [&](const RowView& row) -> Status {
                          out.push_back(ReadFund(row));
                          return Ok();
                        }));
  HOPTAC_TRY(ReadOfficers(conn, out));
  return out;
}

Result<std::optional<Fund>> LoadFund(Connection& conn, int64_t id) {
  std::vector<Fund> found;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kFundColumns + " FROM funds WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          found.push_back(ReadFund(row));
                          return Ok();
                        }));
  if (found.empty()) return std::optional<Fund>();
  HOPTAC_TRY(conn.Query("SELECT user_id FROM fund_officers WHERE fund_id = $1 ORDER BY user_id", params,
                        [&](const RowView& row) -> Status {
                          found[0].officer_ids.push_back(row.GetInt(0));
                          return Ok();
                        }));
  return std::optional<Fund>(std::move(found[0]));
}

Status InsertFund(Connection& conn, Fund& f) {
  HOPTAC_ASSIGN_OR_RETURN(
      f.id, InsertReturningId(conn,
                              "INSERT INTO funds (name, province_code, capital_vnd, max_amount_vnd, max_term_months, "
                              "default_rate_e4, max_grace_months, created_by, created_at_ms, updated_at_ms) VALUES "
                              "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                              {Text(f.name), Text(f.province_code), Int(f.capital_vnd),
                               OptionalInt(f.rules.max_amount_vnd), OptionalInt(f.rules.max_term_months),
                               OptionalInt(f.rules.default_rate_e4), OptionalInt(f.rules.max_grace_months),
                               Int(f.created_by), Int(f.created_at_ms), Int(f.updated_at_ms)}));
  return WriteOfficers(conn, f);
}

Status UpdateFund(Connection& conn, const Fund& f) {
  HOPTAC_TRY(conn.Exec(
      "UPDATE funds SET name = $1, capital_vnd = $2, max_amount_vnd = $3, max_term_months = $4, default_rate_e4 = $5, "
      "max_grace_months = $6, updated_at_ms = $7 WHERE id = $8",
      {Text(f.name), Int(f.capital_vnd), OptionalInt(f.rules.max_amount_vnd), OptionalInt(f.rules.max_term_months),
       OptionalInt(f.rules.default_rate_e4), OptionalInt(f.rules.max_grace_months), Int(f.updated_at_ms), Int(f.id)}));
  return WriteOfficers(conn, f);
}

Result<std::string> NextCode(Connection& conn, const std::string& table, const std::string& prefix, int year) {
  const std::string start = prefix + "-" + std::to_string(year) + "-";
  int64_t last = 0;
  std::vector<Value> params{Text(start + "%")};
  HOPTAC_TRY(conn.Query("SELECT code FROM " + table + " WHERE code LIKE $1", params, [&](const RowView& row) -> Status {
    std::string_view code = row.GetText(0);
    code.remove_prefix(std::min(code.size(), start.size()));
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), n);
    if (ec == std::errc() && ptr == code.data() + code.size() && n > last) last = n;
    return Ok();
  }));
  return FormatCode(prefix, year, last + 1);
}

Status InsertApplication(Connection& conn, Application& a) {
  std::vector<Value> params = ApplicationValues(a);
  for (Value v : {Text(a.code), Int(a.fund_id), Int(a.entity_id), Text(a.province_code), Text(a.sector),
                  Int(a.women_managed ? 1 : 0), Int(a.youth ? 1 : 0), Text(a.submitted_by), Int(a.submitted_by_user),
                  Int(a.submitted_at_ms)})
    params.push_back(std::move(v));
  HOPTAC_ASSIGN_OR_RETURN(
      a.id, InsertReturningId(
                conn,
                "INSERT INTO loan_applications (amount_vnd, purpose, term_months, collateral, status, appraisal_score, "
                "appraisal_notes, appraised_by, appraised_at_ms, decision_reason, decided_by, decided_at_ms, loan_id, "
                "updated_at_ms, code, fund_id, entity_id, province_code, sector, women_managed, youth, submitted_by, "
                "submitted_by_user, submitted_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
                params));
  return Ok();
}

Status UpdateApplication(Connection& conn, const Application& a) {
  std::vector<Value> params = ApplicationValues(a);
  params.push_back(Int(a.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE loan_applications SET amount_vnd = $1, purpose = $2, term_months = $3, collateral = $4, status = $5, "
      "appraisal_score = $6, appraisal_notes = $7, appraised_by = $8, appraised_at_ms = $9, decision_reason = $10, "
      "decided_by = $11, decided_at_ms = $12, loan_id = $13, updated_at_ms = $14 WHERE id = $15",
      params));
  return Ok();
}

Result<std::optional<Application>> LoadApplication(Connection& conn, int64_t id) {
  std::optional<Application> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kApplicationColumns + " FROM loan_applications WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadApplication(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<Application>> LoadApplications(Connection& conn, const RecordFilter& f) {
  std::vector<Value> params;
  const std::string where = Where(f, params, "");
  std::vector<Application> out;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kApplicationColumns + " FROM loan_applications" + where +
                            " ORDER BY submitted_at_ms DESC, id DESC",
                        params, [&](const RowView& row) -> Status {
                          out.push_back(ReadApplication(row));
                          return Ok();
                        }));
  return out;
}

Status InsertLoan(Connection& conn, Loan& l) {
  std::vector<Value> params = LoanValues(l);
  const Terms& t = l.terms;
  for (Value v : {Text(l.code), Int(l.fund_id), Int(l.application_id), Int(l.entity_id), Text(l.province_code),
                  Text(l.sector), Int(l.women_managed ? 1 : 0), Int(l.youth ? 1 : 0), Int(t.amount_vnd), Int(t.rate_e4),
                  Int(t.term_months), Int(t.grace_months), Text(MethodName(t.method)), Text(FrequencyName(t.frequency)),
                  Text(t.first_due_on.ToIso()), Text(l.approved_by), Int(l.approved_at_ms)})
    params.push_back(std::move(v));
  HOPTAC_ASSIGN_OR_RETURN(
      l.id, InsertReturningId(
                conn,
                "INSERT INTO loans (status, repaid_on, write_off_status, write_off_on, write_off_reason, "
                "write_off_requested_by, write_off_requested_by_user, write_off_requested_at_ms, write_off_decided_by, "
                "write_off_decided_at_ms, write_off_reject_reason, write_off_principal_vnd, updated_at_ms, code, "
                "fund_id, application_id, entity_id, province_code, sector, women_managed, youth, amount_vnd, "
                "rate_e4, term_months, grace_months, method, frequency, first_due_on, approved_by, approved_at_ms) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
                "$21, $22, $23, $24, $25, $26, $27, $28, $29, $30)",
                params));
  return Ok();
}

Status UpdateLoan(Connection& conn, const Loan& l) {
  std::vector<Value> params = LoanValues(l);
  params.push_back(Int(l.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE loans SET status = $1, repaid_on = $2, write_off_status = $3, write_off_on = $4, write_off_reason = $5, "
      "write_off_requested_by = $6, write_off_requested_by_user = $7, write_off_requested_at_ms = $8, "
      "write_off_decided_by = $9, write_off_decided_at_ms = $10, write_off_reject_reason = $11, "
      "write_off_principal_vnd = $12, updated_at_ms = $13 WHERE id = $14",
      params));
  return Ok();
}

Result<std::optional<Loan>> LoadLoan(Connection& conn, int64_t id) {
  std::optional<Loan> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kLoanColumns + " FROM loans WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadLoan(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<Loan>> LoadLoans(Connection& conn, const RecordFilter& f) {
  std::vector<Value> params;
  const std::string where = Where(f, params, "");
  std::vector<Loan> out;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kLoanColumns + " FROM loans" + where + " ORDER BY id DESC", params,
                        [&](const RowView& row) -> Status {
                          out.push_back(ReadLoan(row));
                          return Ok();
                        }));
  return out;
}

Result<std::map<int64_t, LoanRecords>> LoadRecordsOf(Connection& conn, std::span<const Loan> loans) {
  std::map<int64_t, LoanRecords> out;
  if (loans.empty()) return out;
  std::vector<int64_t> ids;
  std::unordered_map<int64_t, Money> amount;
  for (const Loan& l : loans) {
    ids.push_back(l.id);
    out[l.id];
    amount[l.id] = l.terms.amount_vnd;
  }
  // In chunks: an IN list stays well under the backends' parameter limits.
  for (size_t start = 0; start < ids.size(); start += 500) {
    std::span<const int64_t> chunk(ids.data() + start, std::min<size_t>(500, ids.size() - start));
    std::vector<Value> params;
    const std::string in = storage::AppendInList(params, chunk);
    HOPTAC_TRY(
        conn.Query("SELECT id, loan_id, on_date, amount_vnd, by_name, at_ms FROM loan_disbursements WHERE "
                   "loan_id IN (" +
                       in + ") ORDER BY on_date, id",
                   params, [&](const RowView& row) -> Status {
                     out[row.GetInt(1)].disbursements.push_back(
                         {row.GetInt(0), DateOf(row, 2), row.GetInt(3), std::string(row.GetText(4)), row.GetInt(5)});
                     return Ok();
                   }));
    HOPTAC_TRY(
        conn.Query("SELECT id, loan_id, on_date, amount_vnd, note, by_name, at_ms FROM loan_repayments WHERE "
                   "loan_id IN (" +
                       in + ") ORDER BY on_date, id",
                   params, [&](const RowView& row) -> Status {
                     out[row.GetInt(1)].repayments.push_back({row.GetInt(0), DateOf(row, 2), row.GetInt(3),
                                                              std::string(row.GetText(4)), std::string(row.GetText(5)),
                                                              row.GetInt(6)});
                     return Ok();
                   }));
    HOPTAC_TRY(
        conn.Query("SELECT id, loan_id, version, on_date, reason, rate_e4, term_months, grace_months, method, "
                   "frequency, first_due_on, by_name, at_ms FROM loan_reschedulings WHERE loan_id IN (" +
                       in + ") ORDER BY loan_id, version",
                   params, [&](const RowView& row) -> Status {
                     ReschedulingRecord r;
                     r.id = row.GetInt(0);
                     r.version = static_cast<int>(row.GetInt(2));
                     r.on = DateOf(row, 3);
                     r.reason = std::string(row.GetText(4));
                     r.terms = ReadTerms(row, -1, 5);
                     r.terms.amount_vnd = amount[row.GetInt(1)];
                     r.by = std::string(row.GetText(11));
                     r.at_ms = row.GetInt(12);
                     out[row.GetInt(1)].reschedulings.push_back(std::move(r));
                     return Ok();
                   }));
  }
  return out;
}

Result<LoanRecords> LoadLoanRecords(Connection& conn, const Loan& loan) {
  HOPTAC_ASSIGN_OR_RETURN(auto all, LoadRecordsOf(conn, std::span<const Loan>(&loan, 1)));
  return std::move(all[loan.id]);
}

Status InsertDisbursement(Connection& conn, int64_t loan_id, DisbursementRecord& r) {
  HOPTAC_ASSIGN_OR_RETURN(
      r.id, InsertReturningId(conn,
                              "INSERT INTO loan_disbursements (loan_id, on_date, amount_vnd, "
                              "by_name, at_ms) VALUES ($1, $2, $3, $4, $5)",
                              {Int(loan_id), Text(r.date.ToIso()), Int(r.amount_vnd), Text(r.by), Int(r.at_ms)}));
  return Ok();
}

Status InsertRepayment(Connection& conn, int64_t loan_id, RepaymentRecord& r) {
  HOPTAC_ASSIGN_OR_RETURN(r.id, InsertReturningId(conn,
                                                  "INSERT INTO loan_repayments (loan_id, on_date, amount_vnd, note, "
                                                  "by_name, at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                                                  {Int(loan_id), Text(r.date.ToIso()), Int(r.amount_vnd), Text(r.note),
                                                   Text(r.by), Int(r.at_ms)}));
  return Ok();
}

Status InsertRescheduling(Connection& conn, int64_t loan_id, ReschedulingRecord& r) {
  const Terms& t = r.terms;
  HOPTAC_ASSIGN_OR_RETURN(
      r.id,
      InsertReturningId(conn,
                        "INSERT INTO loan_reschedulings (loan_id, version, on_date, reason, rate_e4, term_months, "
                        "grace_months, method, frequency, first_due_on, by_name, at_ms) VALUES ($1, $2, $3, $4, "
                        "$5, $6, $7, $8, $9, $10, $11, $12)",
                        {Int(loan_id), Int(r.version), Text(r.on.ToIso()), Text(r.reason), Int(t.rate_e4),
                         Int(t.term_months), Int(t.grace_months), Text(MethodName(t.method)),
                         Text(FrequencyName(t.frequency)), Text(t.first_due_on.ToIso()), Text(r.by), Int(r.at_ms)}));
  return Ok();
}

Status ReadApplicationCodes(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  return ReadCodes(conn, "SELECT id, code FROM loan_applications WHERE id", ids, out);
}
Status ReadLoanCodes(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  return ReadCodes(conn, "SELECT id, code FROM loans WHERE id", ids, out);
}
Status ReadFundNames(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  return ReadCodes(conn, "SELECT id, name FROM funds WHERE id", ids, out);
}

}  // namespace hoptac::fund

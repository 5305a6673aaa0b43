// The only SQL of the fund's tables (migration 0021_fund_tables): funds and their officers,
// loan applications, loans, and the loans' disbursements, repayments and reschedulings. Called
// inside the service's transactions (and by the demo loader).
//
// Thread-safety: functions of a Connection, which one thread uses at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "fund/fund.h"
#include "storage/db.h"

namespace hoptac::fund {

// Funds by id, with their officers.
Result<std::vector<Fund>> LoadFunds(storage::Connection& conn);
Result<std::optional<Fund>> LoadFund(storage::Connection& conn, int64_t id);
Status InsertFund(storage::Connection& conn, Fund& fund);  // sets id; writes its officers
Status UpdateFund(storage::Connection& conn, const Fund& fund);

// The next "VV-<year>-NNNN" (table "loan_applications") or "KV-<year>-NNNN" (table "loans").
Result<std::string> NextCode(storage::Connection& conn, const std::string& table, const std::string& prefix, int year);

struct RecordFilter {
  std::optional<std::string> province;  // the province snapshot (a province account's scope)
  int64_t entity_id = 0;                // 0: any
  int64_t fund_id = 0;                  // 0: any
  std::vector<std::string> statuses;    // empty: any
};

Status InsertApplication(storage::Connection& conn, Application& application);  // sets id
Status UpdateApplication(storage::Connection& conn, const Application& application);
Result<std::optional<Application>> LoadApplication(storage::Connection& conn, int64_t id);
// Newest first.
Result<std::vector<Application>> LoadApplications(storage::Connection& conn, const RecordFilter& filter);

Status InsertLoan(storage::Connection& conn, Loan& loan);  // sets id
Status UpdateLoan(storage::Connection& conn, const Loan& loan);
Result<std::optional<Loan>> LoadLoan(storage::Connection& conn, int64_t id);
// Newest first.
Result<std::vector<Loan>> LoadLoans(storage::Connection& conn, const RecordFilter& filter);

// A loan's records, by date then id.
struct LoanRecords {
  std::vector<DisbursementRecord> disbursements;
  std::vector<RepaymentRecord> repayments;
  std::vector<ReschedulingRecord> reschedulings;  // by version
};
Result<LoanRecords> LoadLoanRecords(storage::Connection& conn, const Loan& loan);
// The records of many loans at once (every loan when `loan_ids` is empty and `all`).
Result<std::map<int64_t, LoanRecords>> LoadRecordsOf(storage::Connection& conn, std::span<const Loan> loans);

Status InsertDisbursement(storage::Connection& conn, int64_t loan_id, DisbursementRecord& record);  // sets id
Status InsertRepayment(storage::Connection& conn, int64_t loan_id, RepaymentRecord& record);        // sets id
Status InsertRescheduling(storage::Connection& conn, int64_t loan_id, ReschedulingRecord& record);  // sets id

// id → code, for the audit log's names.
Status ReadApplicationCodes(storage::Connection& conn, std::span<const int64_t> ids,
                            std::map<int64_t, std::string>& out);
Status ReadLoanCodes(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out);
Status ReadFundNames(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out);

}  // namespace hoptac::fund

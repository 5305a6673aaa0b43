// FundService: the use cases of the support fund — funds, loan applications and their
// workflow, loans with their disbursements, repayments, reschedulings and write-off — and the
// documents of applications (attachments, owner "loan_application").
//
// Scope (the contract, docs/api/openapi.yaml; README.md): funds are read by every
// authenticated account and written by national admins (any) and province admins (their
// province's). Staff in a fund's scope: the national fund → national staff; a province fund →
// that province's staff and national staff. Applications and loans are read by national staff,
// by a province's staff when the entity applied from that province (whatever the fund), and by
// a cooperative account for its own entity; moved by staff in the fund's scope. Out of scope:
// "not found", like a missing id. A write-off is approved or rejected by an admin in scope who
// did not request it. Every write is one transaction with its audit row.
//
// A loan's numbers on a date are fund::ComputeLoan's over its stored terms, disbursements,
// repayments and reschedulings (loan.h states the arithmetic).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attachments/owner.h"
#include "auth/account_service.h"
#include "auth/principal.h"
#include "base/result.h"
#include "fund/fund.h"
#include "fund/fund_store.h"
#include "fund/loan.h"
#include "fund/portfolio.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::fund {

using NowMs = std::function<int64_t()>;

inline constexpr int kMaxLimit = 500;

// Request members; absent ones are left unchanged by a change (PATCH). `rules`, when present,
// replaces the rules (a member absent or null: no limit).
struct FundInput {
  std::optional<std::string> name;
  std::optional<std::string> province;  // create only; absent or "": the national fund
  std::optional<Money> capital_vnd;
  std::optional<FundRules> rules;
  std::optional<std::vector<int64_t>> officer_ids;
};

struct ApplicationInput {
  int64_t fund_id = 0;
  std::optional<int64_t> entity_id;  // a cooperative account: absent or its own
  Money amount_vnd = 0;
  std::string purpose;
  int term_months = 0;
  std::string collateral;
};

struct RescheduleInput {
  Date on;
  std::string reason;
  Terms terms;  // amount_vnd ignored
};

struct PersonRef {
  int64_t id = 0;
  std::string username, display_name;
};

struct FundSummary {
  int64_t applications_open = 0, loans_active = 0;
  Money outstanding_principal_vnd = 0;
};

struct FundView {
  Fund fund;
  std::string province_name;  // "" for the national fund
  std::vector<PersonRef> officers;
  FundSummary summary;
};

struct EntityRef {
  int64_t id = 0;
  std::string name, kind, province_code, province_name, sector;
};

struct ApplicationView {
  Application application;
  std::string fund_name;
  EntityRef entity;
  std::optional<Terms> terms;  // the approved terms (approved applications)
  std::vector<attachments::Attachment> documents;
};

struct ApplicationQuery {
  int64_t fund_id = 0, entity_id = 0;
  std::vector<std::string> statuses;
  std::string q;  // words of the code, the purpose or the entity's name; diacritics and case ignored
  int limit = 50, offset = 0;
};

struct ApplicationPage {
  int64_t total = 0;
  std::vector<ApplicationView> items;
};

// A loan on a date: the stored loan, its records and ComputeLoan's state.
struct LoanView {
  Loan loan;
  std::string fund_name;
  EntityRef entity;
  Date as_of;
  Terms terms;  // the terms in force: the last rescheduling's, else the approval's
  LoanRecords records;
  LoanState state;
};

struct LoanQuery {
  int64_t fund_id = 0, entity_id = 0;
  std::vector<std::string> statuses;
  std::string province;  // the entity's province when it applied; "" any in scope
  bool in_arrears_only = false;
  std::optional<Date> as_of;  // default: today
  int limit = 50, offset = 0;
};

struct LoanPage {
  int64_t total = 0;
  std::vector<LoanView> items;
};

struct Schedule {
  Date as_of;
  int version = 0;
  std::vector<ScheduleLine> lines;
  Money principal_vnd = 0, interest_vnd = 0, paid_vnd = 0;
};

struct RepaymentView {
  RepaymentRecord repayment;
  std::vector<Allocation> allocations;
};

class FundService : public attachments::DocumentOwner {
 public:
  FundService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units, registry::EntityService& entities,
              auth::AccountService& accounts, NowMs now_ms = nullptr);

  // ---- Funds ----
  Result<std::vector<FundView>> Funds(const auth::Principal& who) const;
  Result<FundView> GetFund(const auth::Principal& who, int64_t id) const;
  Result<FundView> CreateFund(const auth::Principal& who, const FundInput& input);
  Result<FundView> ChangeFund(const auth::Principal& who, int64_t id, const FundInput& input);

  // ---- Applications ----
  Result<ApplicationPage> Applications(const auth::Principal& who, const ApplicationQuery& query) const;
  Result<ApplicationView> GetApplication(const auth::Principal& who, int64_t id) const;
  Result<ApplicationView> Apply(const auth::Principal& who, const ApplicationInput& input);
  Result<ApplicationView> Appraise(const auth::Principal& who, int64_t id, std::optional<int64_t> score,
                                   const std::string& notes);
  // Needs an appraised application; the terms are checked (loan.h CheckTerms) and against the
  // fund's rules. Answers the new loan (status "approved", nothing disbursed).
  Result<LoanView> Approve(const auth::Principal& who, int64_t id, const Terms& terms);
  Result<ApplicationView> Reject(const auth::Principal& who, int64_t id, const std::string& reason);

  // Documents of an application (attachments::DocumentOwner): read as the application is
  // read, added and removed by staff in its fund's scope and by the cooperative that applied
  // while the application is submitted.
  Result<std::vector<attachments::Attachment>> Documents(const auth::Principal& who, int64_t owner_id) const override;
  Result<std::pair<attachments::Attachment, std::string>> Document(const auth::Principal& who, int64_t owner_id,
                                                                   int64_t document_id) const override;
  Result<attachments::Attachment> AddDocument(const auth::Principal& who, int64_t owner_id, const std::string& name,
                                              std::string_view bytes) override;
  Status DeleteDocument(const auth::Principal& who, int64_t owner_id, int64_t document_id) override;

  // ---- Loans ----
  Result<LoanPage> Loans(const auth::Principal& who, const LoanQuery& query) const;
  // On `as_of` (default today).
  Result<LoanView> GetLoan(const auth::Principal& who, int64_t id, std::optional<Date> as_of) const;
  // The schedule on `as_of`; `version` k below the current one: as it stood before rescheduling k+1.
  Result<Schedule> GetSchedule(const auth::Principal& who, int64_t id, std::optional<Date> as_of,
                               std::optional<int> version) const;
  Result<std::vector<RepaymentView>> Repayments(const auth::Principal& who, int64_t id) const;
  Result<LoanView> Disburse(const auth::Principal& who, int64_t id, Date date, Money amount_vnd);
  // A repayment above what closes the loan on its date is refused naming that amount; one that
  // closes it marks the loan repaid (audited loan.close too).
  Result<std::pair<RepaymentView, LoanView>> Repay(const auth::Principal& who, int64_t id, Date date, Money amount_vnd,
                                                   const std::string& note);
  Result<LoanView> Reschedule(const auth::Principal& who, int64_t id, const RescheduleInput& input);
  Result<LoanView> RequestWriteOff(const auth::Principal& who, int64_t id, Date on, const std::string& reason);
  Result<LoanView> ApproveWriteOff(const auth::Principal& who, int64_t id);
  Result<LoanView> RejectWriteOff(const auth::Principal& who, int64_t id, const std::string& reason);

  // ---- The portfolio (portfolio.h; fund_portfolio.cpp) ----
  // Every disbursed loan in memory: built by RebuildPortfolio (System::Create calls it at
  // start-up) and refreshed for the loan a committed write changed. Staff only: a province
  // account's query is its province's (another province: 403).
  Result<PortfolioAnswer> QueryPortfolio(const auth::Principal& who, PortfolioQuery query) const;
  Status RebuildPortfolio();
  std::shared_ptr<const Portfolio> portfolio() const;
  // The indicator source "fund.loans" (System::Create registers it; README.md).
  std::shared_ptr<const indicators::Source> LoansSource() const;
  Result<std::map<int64_t, std::string>> FundNames() const;

  Date Today() const;
  std::string ProvinceName(const std::string& code) const;
  storage::Db& db() const { return db_; }
  // For the loan-book import (fund_import.h), which FundService's use cases share data with.
  registry::EntityService& entities() const { return entities_; }
  int64_t CurrentMs() const { return now_ms_(); }

  // Scope (README.md).
  bool MayReadRecord(const auth::Principal& who, const std::string& province_code, int64_t entity_id) const;
  bool StaffOf(const auth::Principal& who, const Fund& fund) const;

 private:
  Result<FundView> ViewOf(Fund fund) const;
  Result<ApplicationView> ViewOf(const auth::Principal& who, Application a, bool with_documents) const;
  Result<LoanView> ViewOf(Loan loan, LoanRecords records, Date as_of) const;
  EntityRef Entity(int64_t id, const std::string& province_code, const std::string& sector) const;
  Result<Fund> FundOf(storage::Connection& conn, int64_t fund_id) const;
  Status CheckOfficers(const Fund& fund) const;
  // Loads the application in the write, checks scope, the writer and the step; `change`
  // alters it; the update and the audit row are written.
  Result<Application> MoveApplication(
      const auth::Principal& who, int64_t id, const std::string& step,
      const std::function<Status(storage::Connection&, const Fund&, Application&)>& change);
  // Loads the loan and its records in the write, checks scope and the writer; `change` writes
  // what it adds and alters the loan; the loan is updated and `audit` appended.
  Result<LoanView> WriteLoan(
      const auth::Principal& who, int64_t id, const std::string& action,
      const std::function<Status(storage::Connection&, const Fund&, Loan&, LoanRecords&)>& change,
      std::vector<std::string>* extra_actions = nullptr);

  // Recomputes one loan's part of the portfolio and swaps a new Portfolio in.
  void RefreshPortfolio(const Loan& loan, const LoanRecords& records);

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  auth::AccountService& accounts_;
  NowMs now_ms_;
  mutable std::mutex portfolio_mutex_;
  std::map<int64_t, PortfolioLoan> portfolio_loans_;  // guarded by portfolio_mutex_
  std::shared_ptr<const Portfolio> portfolio_;        // guarded by portfolio_mutex_
};

// ComputeLoan over a stored loan's records on `as_of` (reschedulings with version ≤
// `max_version` when given).
Result<LoanState> Compute(const Loan& loan, const LoanRecords& records, Date as_of,
                          std::optional<int> max_version = std::nullopt);
// The terms in force (the last rescheduling's, amount the approved one).
Terms TermsInForce(const Loan& loan, const LoanRecords& records);

}  // namespace hoptac::fund

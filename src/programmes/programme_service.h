// ProgrammeService: the partners' directory, programmes, their targets and the targets'
// progress from live data (README.md says who may do what).
//
// Scope (auth::Principal): national accounts read and write everything; province accounts
// read national programmes and their province's, write their province's (a programme of
// another province is "not found"); partner and cooperative accounts read national
// programmes that are not drafts. The partners' directory (contacts are personal data) is
// read by national and province accounts: the national partners and their province's.
//
// Progress asks the indicators registry (System::indicators()) — never another capability's
// tables — one question per window and province, or reads the manual values; a target's
// provinces are today's codes, asked on dates before a province was formed through the
// units it was formed from (so a 2023 window of a province formed in 2025 counts the same
// territory). Officials' questions are answered exactly; partners' and cooperatives' as the
// source publishes.
//
// Every write is one transaction with its storage::AppendAudit row (object_type "partner",
// "programme" or "programme_target"; a target's audit names its programme's province).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "attachments/owner.h"
#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "programmes/programme.h"
#include "programmes/programme_json.h"
#include "programmes/progress.h"
#include "storage/db.h"

namespace hoptac::programmes {

struct ProgrammeQuery {
  std::string province;  // "" any visible; "national" the national programmes only
  std::string status, kind;
  int64_t partner_id = 0;
};

struct TargetView {
  Target target;
  Progress progress;
};

class ProgrammeService : public attachments::DocumentOwner {
 public:
  using NowMs = std::function<int64_t()>;
  ProgrammeService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                   const indicators::Registry& indicators, NowMs now_ms = nullptr);

  // Partners.
  Result<std::vector<Partner>> ListPartners(const auth::Principal& who) const;
  Result<Partner> GetPartner(const auth::Principal& who, int64_t id) const;
  Result<Partner> CreatePartner(const auth::Principal& who, const PartnerInput& input);
  Result<Partner> ChangePartner(const auth::Principal& who, int64_t id, const PartnerInput& input);

  // Programmes.
  Result<std::vector<Programme>> ListProgrammes(const auth::Principal& who, const ProgrammeQuery& query) const;
  Result<Programme> GetProgramme(const auth::Principal& who, int64_t id) const;
  Result<Programme> GetProgrammeByCode(const auth::Principal& who, const std::string& code) const;
  Result<Programme> CreateProgramme(const auth::Principal& who, const ProgrammeInput& input);
  Result<Programme> ChangeProgramme(const auth::Principal& who, int64_t id, const ProgrammeInput& input);
  // The programme's partners, in its order, to whoever reads the programme (the answer shows
  // their names only: contacts are personal data). A partner since removed is left out.
  Result<std::vector<Partner>> ProgrammePartners(const auth::Principal& who, const Programme& p) const;
  // Whether `who` may change `p` and its targets.
  bool MayWrite(const auth::Principal& who, const Programme& p) const;

  // Targets, each with its progress computed now.
  Result<std::vector<TargetView>> Targets(const auth::Principal& who, int64_t programme_id) const;
  Result<TargetView> GetTarget(const auth::Principal& who, int64_t programme_id, int64_t target_id) const;
  Result<TargetView> CreateTarget(const auth::Principal& who, int64_t programme_id, const TargetInput& input);
  Result<TargetView> ChangeTarget(const auth::Principal& who, int64_t programme_id, int64_t target_id,
                                  const TargetInput& input);
  Status DeleteTarget(const auth::Principal& who, int64_t programme_id, int64_t target_id);
  // Manual targets: a value reached on a date, with its evidence.
  Result<TargetView> AddValue(const auth::Principal& who, int64_t programme_id, int64_t target_id,
                              const ValueInput& input);
  Status DeleteValue(const auth::Principal& who, int64_t programme_id, int64_t target_id, int64_t value_id);

  // Documents attached to a programme (programme_documents.cpp; src/attachments keeps them):
  // read as the programme is read, written as it is written, each write audited
  // ("programme.document_add" / "programme.document_delete", object "programme", with the
  // document's name, size and SHA-256, never its bytes). `name` is the client's file name.
  Result<std::vector<attachments::Attachment>> Documents(const auth::Principal& who,
                                                         int64_t programme_id) const override;
  Result<attachments::Attachment> AddDocument(const auth::Principal& who, int64_t programme_id, const std::string& name,
                                              std::string_view bytes) override;
  // The document and its bytes.
  Result<std::pair<attachments::Attachment, std::string>> Document(const auth::Principal& who, int64_t programme_id,
                                                                   int64_t document_id) const override;
  Status DeleteDocument(const auth::Principal& who, int64_t programme_id, int64_t document_id) override;

  // Today in Vietnam (UTC+7), from the clock.
  Date Today() const;

 private:
  bool MayRead(const auth::Principal& who, const Programme& p) const;
  Result<Programme> Readable(const auth::Principal& who, storage::Connection& conn, int64_t id) const;
  Status CheckProgramme(const auth::Principal& who, storage::Connection& conn, Programme& p, bool creating) const;
  Status CheckTarget(const Programme& p, Target& t) const;
  Progress ProgressOf(const auth::Principal& who, const Programme& p, const Target& t) const;
  // The provinces in force on `on` that make up today's province `code`.
  std::vector<std::string> ProvincesOn(const std::string& code, Date on) const;

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  const indicators::Registry& indicators_;
  NowMs now_ms_;
};

}  // namespace hoptac::programmes

// PetitionService: the use cases of petitions and their themes.
//
// Scope (the API contract, issue 17): national accounts read and write everything; a province
// account reads and writes the petitions of its province (by the province in force today); a
// cooperative account creates petitions for its own entity and reads those that name it, and
// may not assign, answer, close or reopen (403); partners have none (403) but the public Q&A,
// which anyone reads. Anything out of scope is "not found", like a missing id. Every write is
// one transaction with its step (petition_steps) and its audit row (object "petition", the
// petition's current province, before/after as petition_json writes it).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/account_service.h"
#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "petitions/links.h"
#include "petitions/petition.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::petitions {

using NowMs = std::function<int64_t()>;

struct AddressedTo {
  std::string kind = "other", name;
};

// Request fields; absent members are left unchanged by a change.
struct PetitionInput {
  std::optional<std::vector<int64_t>> entities;
  std::optional<std::string> province, theme, content;
  std::optional<AddressedTo> addressed_to;
  std::optional<int64_t> activity;
  std::optional<Date> raised_on;
};

struct AssignInput {
  int64_t assignee = 0;  // 0: none
  std::string agency;    // "": none
  std::optional<Date> due_on;
};

struct PetitionQuery {
  std::vector<std::string> statuses, themes;
  std::string province;  // a current province code; "" any in scope
  int64_t entity = 0, activity = 0;
  bool overdue_only = false;
  std::optional<Date> from, to;  // raised_on within
  std::string q;                 // words of the content or the answer, diacritics and case ignored
  int limit = 50, offset = 0;
};
inline constexpr int kMaxLimit = 500;
inline constexpr int kMaxExportRows = 100'000;

struct PetitionPage {
  int64_t total = 0;
  std::vector<Petition> items;
};

struct PersonRef {
  int64_t id = 0;
  std::string username, display_name;
};
struct EntityRef {
  int64_t id = 0;
  std::string name, province_code;
};
struct May {
  bool edit = false, assign = false, answer = false, close = false, reopen = false;
};

// A petition with the names of what it links to, for its page and the lists.
struct PetitionDetails {
  Petition petition;
  std::string province_name;
  std::vector<EntityRef> entities;
  std::optional<ActivityBrief> activity;
  std::optional<PersonRef> assignee, answered_by;
  std::vector<Step> steps;
  bool overdue = false;
  int days_overdue = 0;
  May may;
};

struct StatsQuery {
  std::optional<Date> from, to;
  std::string province;
  std::string theme;
};
struct ThemeCount {
  std::string theme;
  int64_t count = 0, answered = 0, overdue = 0;
};
struct ProvinceCount {
  std::string province, name;
  int64_t count = 0, overdue = 0;
  std::optional<double> median_days_to_answer;
};
struct YearOnYear {
  std::string theme;
  int64_t this_year = 0, last_year = 0;
};
struct PetitionStats {
  int64_t total = 0, overdue = 0, answered = 0, answered_on_time = 0;
  std::optional<double> median_days_to_answer;
  std::vector<ThemeCount> by_theme;                        // themes raised, most raised first
  std::vector<std::pair<std::string, int64_t>> by_status;  // every status
  std::vector<ProvinceCount> by_province;                  // by count descending
  std::vector<std::pair<std::string, int64_t>> by_month;   // "2026-03", ascending
  int year = 0;                                            // the year of `to` (or today)
  std::vector<YearOnYear> year_on_year;                    // this year's most raised first
};

struct PublicAnswer {
  int64_t id = 0;
  std::string theme, province, province_name, content, answer;
  Date raised_on, answered_on;
};
struct PublicAnswerQuery {
  std::string q, theme, province;
  int limit = 50, offset = 0;
};
struct PublicAnswerPage {
  int64_t total = 0;
  std::vector<PublicAnswer> items;
};

class PetitionService {
 public:
  // `links` must outlive the service.
  PetitionService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                  registry::EntityService& entities, auth::AccountService& accounts, const Links& links,
                  NowMs now_ms = nullptr);

  // kPermissionDenied for partners; a cooperative sees the petitions naming its entity.
  Result<PetitionPage> List(const auth::Principal& who, const PetitionQuery& query) const;
  Result<Petition> Get(const auth::Principal& who, int64_t id) const;
  Result<PetitionDetails> Details(const auth::Principal& who, Petition petition, bool with_steps) const;
  // Errors: kPermissionDenied (partners); kInvalidArgument with every field error.
  Result<Petition> Create(const auth::Principal& who, const PetitionInput& input);
  // While received or assigned (409 petition.step_not_allowed otherwise).
  Result<Petition> Change(const auth::Principal& who, int64_t id, const PetitionInput& input);
  Result<Petition> Assign(const auth::Principal& who, int64_t id, const AssignInput& input);
  Result<Petition> Answer(const auth::Principal& who, int64_t id, const std::string& text, bool is_public);
  Result<Petition> Close(const auth::Principal& who, int64_t id);
  Result<Petition> Reopen(const auth::Principal& who, int64_t id, const std::string& reason);

  // Who a petition of `province` (today's code) may be assigned to: the active national accounts and
  // those of the province, officials only (the assign step refuses anyone else). A province account
  // asks about its own province (another: error.petition_out_of_scope); "" lists the national ones.
  Result<std::vector<PersonRef>> Assignees(const auth::Principal& who, const std::string& province) const;

  // Statistics over the petitions `who` may read (computed in memory: README.md).
  Result<PetitionStats> Stats(const auth::Principal& who, const StatsQuery& query) const;
  // Public answers (anyone): no entity, no names.
  Result<PublicAnswerPage> PublicAnswers(const PublicAnswerQuery& query) const;

  // Themes: read by anyone; added and changed by national admins.
  Result<std::vector<Theme>> Themes() const;
  Result<Theme> CreateTheme(const auth::Principal& who, const Theme& theme);
  Result<Theme> ChangeTheme(const auth::Principal& who, const std::string& code, std::optional<std::string> name_vi,
                            std::optional<std::string> name_en, std::optional<bool> active);

  // Writes the petitions `query` selects (limit and offset ignored; at most kMaxExportRows)
  // that `who` may read, with Vietnamese headings, as CSV (UTF-8 with BOM) or XLSX. Answers
  // the number of rows.
  Result<int64_t> Export(const auth::Principal& who, PetitionQuery query, bool xlsx, const std::string& path) const;

  // The indicator source "petitions.petitions" (System::Create registers it; README.md).
  std::shared_ptr<const indicators::Source> Source() const;

  bool MayRead(const auth::Principal& who, const Petition& p) const;
  May MayOf(const auth::Principal& who, const Petition& p) const;
  Date Today() const;
  std::string ProvinceName(const std::string& current_code) const;
  const geo::AdminUnitDirectory& units() const { return *units_; }
  storage::Db& db() const { return db_; }

 private:
  Status Check(const auth::Principal& who, Petition& p, bool creating) const;
  // Loads the petition in the write, checks scope, the step and the writer; then `change`
  // alters it, and the step, the update and the audit row are written.
  Result<Petition> Move(const auth::Principal& who, int64_t id, const std::string& step,
                        const std::function<Status(Petition&, Step&)>& change);
  std::optional<PersonRef> Person(int64_t user_id) const;
  // Every petition `query` selects that `who` may read (limit and offset ignored).
  Result<std::vector<Petition>> Scoped(const auth::Principal& who, const PetitionQuery& query,
                                       bool with_entities) const;

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  auth::AccountService& accounts_;
  const Links& links_;
  NowMs now_ms_;
};

}  // namespace hoptac::petitions

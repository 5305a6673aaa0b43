// ActivityService: the use cases of activities, their participant lists and placements.
//
// Scope (as for programmes): national accounts read and write everything; a province account
// reads the activities held in its province (by the province in force today) and those the
// national alliance organised, and writes those of its province that its alliance organised;
// partner and cooperative accounts read held activities, never participant lists. Placements
// and participant lists are personal data: national accounts and the province's accounts only.
// Anything else is "not found", like a missing id. Every write is one transaction with its
// audit row (object "activity" or "placement", the activity's province).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "activities/activity.h"
#include "activities/links.h"
#include "attachments/owner.h"
#include "auth/principal.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "indicators/indicators.h"
#include "registry/entity_service.h"
#include "storage/db.h"

namespace hoptac::activities {

using NowMs = std::function<int64_t()>;

// Request fields; absent members are left unchanged by a change.
struct ActivityInput {
  std::optional<std::string> type, title, title_en, status, province, commune, place, organiser, description, outcomes;
  std::optional<Date> from, to;
  std::optional<std::vector<int64_t>> partners, entities;
  std::optional<std::vector<ProgrammeLink>> programmes;
  std::optional<Counts> participants;
};

struct ActivityQuery {
  std::vector<std::string> types, statuses;
  std::string province;  // a current province code; "" any in scope
  int64_t programme = 0;
  int content = 0;
  int64_t entity = 0;
  std::optional<Date> from, to;
  std::string q;  // words of the title or place, diacritics and case ignored
  int limit = 50, offset = 0;
};
inline constexpr int kMaxActivityLimit = 500;
inline constexpr int kMaxExportRows = 100'000;

struct ActivityPage {
  int64_t total = 0;
  std::vector<Activity> items;
};

struct EntityInfo {
  int64_t id = 0;
  std::string name, kind, province_code;
  std::string registration_code;
};

// An activity with the names of what it links to, for its page.
struct ActivityDetails {
  Activity activity;
  std::vector<ProgrammeInfo> programmes;  // those the reader may read
  std::vector<PartnerInfo> partners;
  std::vector<EntityInfo> entities;
  bool may_write = false;
  bool may_read_list = false;
};

struct PlacementInput {
  std::optional<std::string> worker_name, sex, job_title, notes;
  std::optional<int64_t> birth_year, entity, programme;
  std::optional<Date> start;
  std::optional<std::optional<Date>> end;
};

struct PlacementQuery {
  std::string province;
  int64_t programme = 0, entity = 0;
  std::optional<Date> from, to;
  int limit = 50, offset = 0;
};

struct PlacementPage {
  int64_t total = 0;
  std::vector<Placement> items;
};

class ActivityService : public attachments::DocumentOwner {
 public:
  // `links` must outlive the service.
  ActivityService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                  registry::EntityService& entities, const Links& links, NowMs now_ms = nullptr);

  Result<ActivityPage> List(const auth::Principal& who, const ActivityQuery& query) const;
  Result<Activity> Get(const auth::Principal& who, int64_t id) const;
  Result<ActivityDetails> Details(const auth::Principal& who, Activity activity) const;
  // Errors: kPermissionDenied for accounts that may not write; kInvalidArgument with every
  // field error; "error.activity_out_of_scope" for another province.
  Result<Activity> Create(const auth::Principal& who, const ActivityInput& input);
  // What Create would create, checked without writing (an import's dry run): the same errors.
  Result<Activity> CheckCreate(const auth::Principal& who, const ActivityInput& input) const;
  // Creates every activity in one transaction with their audit rows, or none: the first error
  // of any (an import checks each with CheckCreate first to report them all).
  Result<std::vector<Activity>> CreateAll(const auth::Principal& who, const std::vector<ActivityInput>& inputs);
  Result<Activity> Change(const auth::Principal& who, int64_t id, const ActivityInput& input);
  Status Delete(const auth::Principal& who, int64_t id);

  // The participant list (officials of its province and national accounts).
  Result<std::vector<Participant>> Participants(const auth::Principal& who, int64_t id) const;
  // Replaces the list (checked as a whole: every problem as "items[i].field"); the activity's
  // counts become the list's. Answers the activity.
  Result<Activity> SetParticipants(const auth::Principal& who, int64_t id, std::vector<Participant> list);
  // Checks a list without writing (an import's dry run): the same errors as SetParticipants.
  Status CheckParticipants(const auth::Principal& who, int64_t id, std::vector<Participant>& list) const;
  // Resolves a registration code or id text to an entity id; nullopt when none.
  std::optional<int64_t> FindEntity(std::string_view code_or_id) const;
  // The programme with this code as `who` may read it (an import's "Chương trình" column);
  // nullopt when none.
  Result<std::optional<ProgrammeInfo>> ProgrammeByCode(const auth::Principal& who, const std::string& code) const;
  // The programme of this id as `who` may read it; nullopt when none.
  Result<std::optional<ProgrammeInfo>> Programme(const auth::Principal& who, int64_t id) const;

  // Whether `who` may create activities at all (officials: national and province accounts).
  bool MayCreate(const auth::Principal& who) const;
  bool MayRead(const auth::Principal& who, const Activity& a) const;
  bool MayWrite(const auth::Principal& who, const Activity& a) const;
  bool MayReadList(const auth::Principal& who, const Activity& a) const;

  // Placements.
  Result<PlacementPage> ListPlacements(const auth::Principal& who, const PlacementQuery& query) const;
  Result<Placement> GetPlacement(const auth::Principal& who, int64_t id) const;
  Result<Placement> CreatePlacement(const auth::Principal& who, const PlacementInput& input);
  Result<Placement> ChangePlacement(const auth::Principal& who, int64_t id, const PlacementInput& input);
  Status DeletePlacement(const auth::Principal& who, int64_t id);
  Result<EntityInfo> Entity(int64_t id) const;

  // Documents and photos of an activity (activity_documents.cpp; src/attachments keeps them): read
  // as the activity is read, written as it is written, each write audited
  // ("activity.document_add" / "activity.document_delete", object "activity", with the file's
  // name, size and SHA-256, never its bytes).
  Result<std::vector<attachments::Attachment>> Documents(const auth::Principal& who,
                                                         int64_t activity_id) const override;
  Result<std::pair<attachments::Attachment, std::string>> Document(const auth::Principal& who, int64_t activity_id,
                                                                   int64_t document_id) const override;
  Result<attachments::Attachment> AddDocument(const auth::Principal& who, int64_t activity_id, const std::string& name,
                                              std::string_view bytes) override;
  Status DeleteDocument(const auth::Principal& who, int64_t activity_id, int64_t document_id) override;

  // The indicator sources this capability adds (System::Create registers them):
  // "activities.activities" and "activities.placements" (README.md).
  std::shared_ptr<const indicators::Source> ActivitiesSource() const;
  std::shared_ptr<const indicators::Source> PlacementsSource() const;

  Date Today() const;
  const geo::AdminUnitDirectory& units() const { return *units_; }
  storage::Db& db() const { return db_; }

 private:
  Status CheckActivity(const auth::Principal& who, Activity& a, bool creating) const;
  Status CheckPlacement(Placement& p) const;

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> units_;
  registry::EntityService& entities_;
  const Links& links_;
  NowMs now_ms_;
};

}  // namespace hoptac::activities

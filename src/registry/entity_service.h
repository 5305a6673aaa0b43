// EntityService: the registry's use cases on entities (create, read, patch, soft
// delete, list and search) and their dated status events.
//
// Scope is enforced here, from the Principal: national roles see and change
// everything; province_admin and province_officer see and change only entities
// whose current province (the province in force today that the stored code
// belongs to) is theirs — anything else is "not found", like a missing id; a
// cooperative account reads and patches only its own entity; partners and
// anonymous callers read the public fields (PublicView) and write nothing
// (kPermissionDenied). Every write appends an audit row (object_type "entity",
// the entity's current province, before/after JSON) in the same transaction.
//
// Province codes are read as of the entity's province date (province_as_of,
// else founded_on; create fixes province_as_of so the reading never drifts).
// A code of a province merged on 2025-07-01 is accepted for earlier dates and
// stored as given; the entity is also placed in its successor
// (current_province_code) for scope and filters.
//
// Search: `q` is folded (diacritics and case ignored); every word must be a
// prefix of a word of the name; the abbreviations HTX, LHHTX, THT and QTDND
// stand for their words. Lists sort by name in Vietnamese collation.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"
#include "geo/admin_unit.h"
#include "registry/change.h"
#include "registry/entity.h"
#include "registry/finder.h"
#include "registry/status_history.h"
#include "storage/db.h"

namespace hoptac::registry {

struct EntityRecord {
  domain::Entity entity;
  std::string current_province_code;
  std::optional<domain::EntityStatus> status;  // today; nullopt before founding
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// Fields of a patch; absent members are left unchanged. For text fields an
// empty string clears; for the optional values an inner nullopt clears.
struct EntityPatch {
  std::optional<domain::EntityKind> kind;
  std::optional<std::string> name;
  std::optional<std::string> registration_code;
  std::optional<std::string> tax_code;
  std::optional<std::string> province_code;
  std::optional<std::optional<Date>> province_as_of;
  std::optional<std::string> commune_code;
  std::optional<std::string> address;
  std::optional<std::optional<domain::Sector>> sector;
  std::optional<std::optional<Date>> founded_on;
  std::optional<bool> women_managed;
  std::optional<bool> youth;
  std::optional<std::string> chair_name;
  std::optional<std::optional<domain::Sex>> chair_sex;
  std::optional<std::optional<int>> chair_birth_year;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> union_registration_code;  // "" leaves the union
};

struct EntityFilters {
  std::optional<domain::EntityKind> kind;
  std::string province;  // current province code; empty: any
  std::optional<domain::EntityStatus> status;
  std::optional<Date> as_of;  // the date status is read at; today when absent
  std::string q;              // keywords
  std::optional<domain::Sector> sector;
  std::string commune;  // commune code; empty: any
  // A province code as it was before the 2025 reform (15: Yên Bái, not today's Lào Cai):
  // entities registered with that code while that province existed. Empty: any.
  std::string legacy_province;
  std::optional<bool> women_managed;
  std::optional<bool> youth;
  std::optional<Date> founded_from, founded_to;  // inclusive
  int offset = 0;                                // matches to skip (after the cursor, if any)
  int limit = 50;                                // 1 … kMaxListLimit
  // Keyset paging: the next_cursor of the previous page; empty for the first page.
  std::string cursor;
  // kRelevance (the default; by name when q is empty), by name either way, or by founding date.
  ListSort sort = ListSort::kRelevance;
};

inline constexpr int kMaxListLimit = 200;

struct EntityPage {
  int64_t total = 0;  // matches of the filters, all pages
  std::vector<EntityRecord> items;
  std::optional<std::string> next_cursor;  // nullopt on the last page
};

struct StoredEvent {
  int64_t id = 0;
  domain::StatusEvent event;
};

using NowMs = std::function<int64_t()>;

// The province in force on `today` that a province code read as of `on` belongs
// to: the code's own province while it is in force, else its successor (15 read
// as of 2020 is Yên Bái, now in Lào Cai: "15"; 24 as of 2020 is Bắc Giang, now
// in Bắc Ninh: "24"; 27 as of 2020, Bắc Ninh: "24"). nullopt when the code named
// no province on `on`. EntityService stores this as current_province_code.
std::optional<std::string> CurrentProvinceCode(const geo::AdminUnitDirectory& units, std::string_view province_code,
                                               Date on, Date today);

class EntityService {
 public:
  EntityService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> admin_units, NowMs now_ms = nullptr);

  // Errors: kUnauthenticated / kPermissionDenied for callers who may not write
  // (or create outside their province); kInvalidArgument with field errors
  // (domain::ValidateEntity, "field.unknown_province_on",
  // "field.registration_code_taken", "field.union_not_found"; commune_code must
  // be a commune in force today within current_province_code:
  // "field.unknown_commune", "field.commune_not_in_province").
  Result<EntityRecord> Create(const auth::Principal& who, domain::Entity entity);
  // kNotFound "error.entity_not_found" when missing, deleted or out of scope.
  Result<EntityRecord> Get(const auth::Principal& who, int64_t id);
  // The entity with this registration code (any case), as Get answers it; kNotFound
  // "error.entity_code_not_found" {code} when none has it or it is out of scope.
  Result<EntityRecord> GetByRegistrationCode(const auth::Principal& who, std::string_view code);
  // A patch that changes nothing — no members, or values that are (or normalise to) the
  // stored ones — writes nothing: no audit row, no new registry version, the same
  // updated_at_ms; the entity is answered as it is.
  Result<EntityRecord> Patch(const auth::Principal& who, int64_t id, const EntityPatch& patch);
  Status SoftDelete(const auth::Principal& who, int64_t id);
  // Answered by the finder (the registry index): kInvalidArgument for a limit outside
  // 1 … kMaxListLimit, a negative offset or a bad cursor; kInternal without a finder.
  Result<EntityPage> List(const auth::Principal& who, const EntityFilters& filters);

  // Appends an event after validating the whole history (domain::ValidateHistory:
  // "error.invalid_history" with the field "events[i]", i the new event's position).
  Result<StoredEvent> AddEvent(const auth::Principal& who, int64_t id, const domain::StatusEvent& event);
  // In date order (same-day events in the order they were added).
  Result<std::vector<StoredEvent>> Events(const auth::Principal& who, int64_t id);

  // Told of every committed write (registry/change.h); nullptr: nobody. Set it
  // before the service is shared; the observer must outlive the service.
  void SetObserver(RegistryObserver* observer) { observer_.store(observer); }
  // The engine List uses (the registry index); List needs one.
  void SetFinder(const EntityFinder* finder) { finder_.store(finder); }

  // Whether the caller sees every field of this entity (otherwise PublicView).
  static bool SeesAllFields(const auth::Principal& who, const EntityRecord& record);

 private:
  int64_t Now() const { return now_ms_(); }
  // In a write transaction: next registry version, stamped on the entity.
  Status Track(storage::Connection& conn, int64_t id);
  // After commit: tells the observer.
  void Notify(int64_t id);

  storage::Db& db_;
  std::shared_ptr<const geo::AdminUnitDirectory> admin_units_;
  NowMs now_ms_;
  Result<EntityPage> ListWithFinder(const EntityFinder& finder, const auth::Principal& who,
                                    const EntityFilters& filters);

  std::atomic<RegistryObserver*> observer_{nullptr};
  std::atomic<const EntityFinder*> finder_{nullptr};
};

// NormalizeEntity, ValidateEntity, then the province code read as of the entity's
// province date (else today): "field.unknown_province_on" when no province had
// that code then. Sets current_province_code to the province in force today that
// the unit belongs to.
Status CheckEntity(const geo::AdminUnitDirectory& units, domain::Entity& entity, std::string& current_province_code);

}  // namespace hoptac::registry

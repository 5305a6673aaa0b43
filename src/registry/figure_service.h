// FigureService: the figures an entity reports per period (members, workers,
// revenue, profit, income, capital), one row per entity and period.
//
// Scope follows the entity (EntityService::Get): national roles read and write
// every entity's figures, province roles those of entities currently in their
// province, a cooperative account those of its own entity; an entity out of
// scope is "not found", like a missing one. Per-entity figures are not public:
// DESIGN.md publishes statistics (aggregates) to partners and the public, not
// what one cooperative reported, so an anonymous caller gets kUnauthenticated
// and a partner kPermissionDenied, before the entity is even looked up.
//
// Writes validate with domain::CheckFigures for the entity's kind: impossible
// figures are refused; implausible ones are refused with
// "error.figures_need_confirmation" until the writer confirms them, and the row
// remembers that they were confirmed (confirmed_warnings). Every write follows
// registry/change.h (registry version, change_seq stamp, observer after commit)
// and appends an audit row (object_type "entity", actions "entity.figures.put"
// and "entity.figures.delete", before/after JSON) in the same transaction.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "registry/change.h"
#include "registry/entity_service.h"
#include "registry/figures.h"
#include "registry/period.h"
#include "storage/db.h"

namespace hoptac::registry {

struct FigureRecord {
  int64_t entity_id = 0;
  domain::Period period;
  domain::Figures figures;
  bool confirmed_warnings = false;  // the writer confirmed implausible figures
  int64_t updated_at_ms = 0;
  // The warnings of CheckFigures for these figures and the entity's kind (keys
  // "warning.<code>"): what Put accepted on confirmation; recomputed on reads.
  std::vector<FieldError> warnings;
};

class FigureService {
 public:
  // `entities` must outlive the service.
  FigureService(storage::Db& db, EntityService& entities, NowMs now_ms = nullptr);

  // Stores the figures of one period, replacing what was stored for it (a
  // figure left out is "not reported"). Returns the stored row with its warnings.
  // Errors: kUnauthenticated (anonymous), kPermissionDenied (partner);
  // kNotFound "error.entity_not_found" (missing, deleted or out of scope);
  // kInvalidArgument "error.invalid_request" with the field errors of
  // CheckFigures, or a field "figures" ("field.figures_empty") when no figure
  // is given; kInvalidArgument "error.figures_need_confirmation" with the
  // warnings as fields when there are warnings and confirmation is kNotConfirmed.
  Result<FigureRecord> Put(const auth::Principal& who, int64_t entity_id, domain::Period period,
                           const domain::Figures& figures, domain::Confirmation confirmation);
  // kNotFound "error.figures_not_found" when the entity has no figures for the period.
  Result<FigureRecord> Get(const auth::Principal& who, int64_t entity_id, domain::Period period);
  // Every period of the entity, in Period order (registry/period.h).
  Result<std::vector<FigureRecord>> List(const auth::Principal& who, int64_t entity_id);
  // kNotFound "error.figures_not_found" when there is nothing to delete.
  Status Delete(const auth::Principal& who, int64_t entity_id, domain::Period period);

  // Told of every committed write (registry/change.h); nullptr: nobody. Set it
  // before the service is shared; the observer must outlive the service.
  void SetObserver(RegistryObserver* observer) { observer_.store(observer); }

 private:
  // Who may see or change per-entity figures at all, before any scope check.
  static Status RequireReader(const auth::Principal& who);
  void Notify(int64_t entity_id);

  storage::Db& db_;
  EntityService& entities_;
  NowMs now_ms_;
  std::atomic<RegistryObserver*> observer_{nullptr};
};

}  // namespace hoptac::registry

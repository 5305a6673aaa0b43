// Change tracking of the registry, for the in-memory index (issue 5) and for
// anything else that keeps a copy of registry data.
//
// The contract every registry writer follows (EntityService, figures, imports,
// demo data):
//   1. Inside its write transaction it calls NextRegistryVersion(conn) once and
//      stamps every entity it touched — the entity row itself, or an entity
//      whose events or figures it changed — with `change_seq = <that version>`
//      (StampEntities, or the value in its own INSERT/UPDATE).
//   2. After the transaction committed, on the same thread and before the
//      caller answers, it calls RegistryObserver::EntitiesChanged with the ids
//      (or Reload for bulk writes), so a write is visible to statistics by the
//      time its response is sent.
// A reader that has seen version V catches up with writes of other processes
// by reading RegistryVersion() and reloading the entities with change_seq > V.
//
// Thread-safety: the functions run on the Connection they are given; an
// observer is called from any writer thread and must be thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"
#include "storage/db.h"

namespace hoptac::registry {

// Increments the registry version in the current write transaction and returns
// the new value. On PostgreSQL the counter row is locked until commit, so
// versions commit in order.
Result<int64_t> NextRegistryVersion(storage::Connection& conn);
// The last committed registry version.
Result<int64_t> RegistryVersion(storage::Connection& conn);
// UPDATE entities SET change_seq = version WHERE id IN (ids), in batches.
Status StampEntities(storage::Connection& conn, std::span<const int64_t> ids, int64_t version);

class RegistryObserver {
 public:
  virtual ~RegistryObserver() = default;
  // These entities (row, events or figures) changed in a committed write.
  virtual void EntitiesChanged(std::span<const int64_t> ids) = 0;
  // Many entities changed (an import, demo data): catch up with the database.
  virtual void Reload() = 0;
};

}  // namespace hoptac::registry

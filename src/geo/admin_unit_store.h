// Storage of administrative units: seeding the reference data and loading it.
//
// The database is the source of truth for administrative units (so SQL over the
// database, e.g. reports, can join them); the server loads them once into an
// AdminUnitDirectory. Seeding is idempotent: it records the dataset version in
// `meta` and rewrites the tables, in one transaction, only when it changed.
//
// Thread-safety: functions take a Db, which is thread-safe.
#pragma once

#include "base/result.h"
#include "domain/admin_unit.h"
#include "storage/db.h"

namespace hoptac::storage {

// Writes dataset into admin_units/admin_unit_links unless the stored version is
// the same. Returns true when it wrote.
Result<bool> SeedAdminUnits(Db& db, const domain::AdminDataset& dataset);

// Reads every unit and link.
Result<domain::AdminDataset> LoadAdminUnits(Db& db);

}  // namespace hoptac::storage

// Storage of administrative units: seeding the reference data and loading it.
//
// The database is the source of truth for administrative units (so SQL over the
// database, e.g. reports, can join them); the server loads them once into an
// AdminUnitDirectory. Seeding is idempotent: it records the dataset version in
// `meta` and rewrites the tables, in one transaction, only when it changed.
//
// Thread-safety: functions take a Db, which is thread-safe.
#pragma once

#include <memory>

#include "base/result.h"
#include "geo/admin_unit.h"
#include "storage/db.h"

namespace hoptac::geo {

using storage::Db;

// Writes dataset into admin_units/admin_unit_links unless the stored version is
// the same. Returns true when it wrote.
Result<bool> SeedAdminUnits(Db& db, const geo::AdminDataset& dataset);

// Reads every unit and link.
Result<geo::AdminDataset> LoadAdminUnits(Db& db);

// Makes a database ready to serve: applies the migrations (storage::Migrate) and
// seeds the reference administrative units (LoadReferenceAdminUnits, SeedAdminUnits),
// logging what it did. Returns the number of migrations applied.
Result<int> PrepareDatabase(Db& db);

// Loads the units stored in the database into a directory.
Result<std::shared_ptr<const AdminUnitDirectory>> LoadDirectory(Db& db);

}  // namespace hoptac::geo

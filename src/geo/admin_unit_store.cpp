#include "geo/admin_unit_store.h"

#include <string>

#include "base/log.h"

namespace hoptac::geo {

using storage::Connection;
using storage::Int;
using storage::Row;
using storage::RowView;
using storage::Text;
using storage::TextOrNull;
using storage::Value;

namespace {

constexpr std::string_view kVersionKey = "admin_units_version";

Value OptionalDate(const std::optional<Date>& date) { return date ? Value(date->ToIso()) : Value(); }

Result<Date> ParseStoredDate(std::string_view text) {
  auto date = Date::ParseIso(text.substr(0, 10));
  if (!date) return Error::Internal("admin_units: bad stored date '" + std::string(text) + "'");
  return *date;
}

}  // namespace

Result<bool> SeedAdminUnits(Db& db, const geo::AdminDataset& dataset) {
  bool wrote = false;
  Status status = db.Write([&](Connection& conn) -> Status {
    // Two servers starting at once on a new database: one seeds, the other then sees it.
    HOPTAC_TRY(storage::LockForSetup(conn));
    HOPTAC_ASSIGN_OR_RETURN(auto current,
                            conn.QueryOne("SELECT value FROM meta WHERE key = $1", {Text(std::string(kVersionKey))}));
    if (current && std::get<std::string>((*current)[0]) == dataset.version) return Ok();
    HOPTAC_TRY(conn.Exec("DELETE FROM admin_unit_links"));
    HOPTAC_TRY(conn.Exec("DELETE FROM admin_units"));
    std::vector<Row> rows;
    rows.reserve(dataset.units.size());
    for (const auto& u : dataset.units) {
      rows.push_back({Int(u.id), Text(geo::AdminLevelName(u.level)), Text(u.code), Text(u.name), Text(u.name_en),
                      Text(u.full_name), Text(u.full_name_en), TextOrNull(u.parent_code), Text(u.valid_from.ToIso()),
                      OptionalDate(u.valid_to), Int(u.valid_from_open ? 1 : 0), TextOrNull(u.formed_from_code)});
    }
    const std::string unit_columns[] = {
        "id",           "level",       "code",       "name",     "name_en",         "full_name",
        "full_name_en", "parent_code", "valid_from", "valid_to", "valid_from_open", "formed_from_code"};
    HOPTAC_TRY(conn.CopyRows("admin_units", unit_columns, rows));
    rows.clear();
    for (const auto& l : dataset.links)
      rows.push_back({Int(l.predecessor_id), Int(l.successor_id), Text(l.effective_on.ToIso())});
    const std::string link_columns[] = {"predecessor_id", "successor_id", "effective_on"};
    HOPTAC_TRY(conn.CopyRows("admin_unit_links", link_columns, rows));
    HOPTAC_TRY(conn.Exec(
        "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {Text(std::string(kVersionKey)), Text(dataset.version)}));
    wrote = true;
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return wrote;
}

Result<geo::AdminDataset> LoadAdminUnits(Db& db) {
  geo::AdminDataset dataset;
  Status status = db.Read([&](Connection& conn) -> Status {
    HOPTAC_TRY(
        conn.Query("SELECT id, level, code, name, name_en, full_name, full_name_en, parent_code, valid_from, valid_to, "
                   "valid_from_open, formed_from_code FROM admin_units ORDER BY id",
                   {}, [&](const RowView& row) -> Status {
                     geo::AdminUnit u;
                     u.id = row.GetInt(0);
                     auto level = geo::ParseAdminLevel(row.GetText(1));
                     if (!level) return Error::Internal("admin_units: bad level");
                     u.level = *level;
                     u.code = row.GetText(2);
                     u.name = row.GetText(3);
                     u.name_en = row.GetText(4);
                     u.full_name = row.GetText(5);
                     u.full_name_en = row.GetText(6);
                     u.parent_code = row.GetText(7);
                     HOPTAC_ASSIGN_OR_RETURN(u.valid_from, ParseStoredDate(row.GetText(8)));
                     if (!row.IsNull(9)) {
                       HOPTAC_ASSIGN_OR_RETURN(Date to, ParseStoredDate(row.GetText(9)));
                       u.valid_to = to;
                     }
                     u.valid_from_open = row.GetInt(10) != 0;
                     if (!row.IsNull(11)) u.formed_from_code = row.GetText(11);
                     dataset.units.push_back(std::move(u));
                     return Ok();
                   }));
    HOPTAC_TRY(
        conn.Query("SELECT predecessor_id, successor_id, effective_on FROM admin_unit_links "
                   "ORDER BY predecessor_id, successor_id",
                   {}, [&](const RowView& row) -> Status {
                     geo::AdminUnitLink link;
                     link.predecessor_id = row.GetInt(0);
                     link.successor_id = row.GetInt(1);
                     HOPTAC_ASSIGN_OR_RETURN(link.effective_on, ParseStoredDate(row.GetText(2)));
                     dataset.links.push_back(link);
                     return Ok();
                   }));
    HOPTAC_ASSIGN_OR_RETURN(auto version,
                            conn.QueryOne("SELECT value FROM meta WHERE key = $1", {Text(std::string(kVersionKey))}));
    if (version) dataset.version = std::get<std::string>((*version)[0]);
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return dataset;
}

Result<int> PrepareDatabase(Db& db) {
  HOPTAC_ASSIGN_OR_RETURN(int applied, storage::Migrate(db));
  if (applied > 0) log::Info("migrations applied", {{"count", static_cast<long long>(applied)}});
  HOPTAC_ASSIGN_OR_RETURN(auto reference, LoadReferenceAdminUnits());
  HOPTAC_ASSIGN_OR_RETURN(bool seeded, SeedAdminUnits(db, reference));
  if (seeded) log::Info("administrative units loaded", {{"units", static_cast<long long>(reference.units.size())}});
  return applied;
}

Result<std::shared_ptr<const AdminUnitDirectory>> LoadDirectory(Db& db) {
  HOPTAC_ASSIGN_OR_RETURN(auto dataset, LoadAdminUnits(db));
  return AdminUnitDirectory::Create(std::move(dataset));
}

}  // namespace hoptac::geo

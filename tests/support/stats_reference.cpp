#include "support/stats_reference.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "registry/entity.h"
#include "registry/status_history.h"

namespace hoptac::testing::stats {

using analytics::Dimension;
using analytics::ProvinceScheme;
using domain::EntityKind;
using domain::EntityStatus;
using domain::EventType;
using storage::Text;
using storage::Value;

namespace {

inline Date Civil(int y, int m, int d) { return Date::FromCivil(y, m, d); }

}  // namespace

int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}
std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return "";
}

// Every province unit's lineage: itself (rank 0), its successors (merged
// provinces; each step only where the unit has exactly one successor), and its
// predecessors (each step only where the unit has exactly one predecessor), as
// the index reads them: the unit itself while in force, a successor only after
// the unit ended (`dir` 'later', start_to < date), a predecessor only before it
// began ('earlier', start_from > date). A unit that goes on may have a
// predecessor that ended while it was in force (Hà Tây into Hà Nội, which
// existed before), so the start unit's dates bound the rows of other units: on
// any date at most one row of a lineage applies, the unit an entity registered
// in `start_id` is counted under on that date. Dates as ISO text (DATE on PostgreSQL).
const char* const kLineage =
    "one_successor AS (SELECT predecessor_id AS unit_id, MIN(successor_id) AS next_id FROM admin_unit_links "
    "GROUP BY predecessor_id HAVING COUNT(*) = 1), "
    "one_predecessor AS (SELECT successor_id AS unit_id, MIN(predecessor_id) AS next_id FROM admin_unit_links "
    "GROUP BY successor_id HAVING COUNT(*) = 1), "
    "later (start_id, unit_id, depth) AS (SELECT id, id, 0 FROM admin_units WHERE level = 'province' UNION ALL "
    "SELECT c.start_id, n.next_id, c.depth + 1 FROM later c JOIN one_successor n ON n.unit_id = c.unit_id "
    "WHERE c.depth < 10), "
    "earlier (start_id, unit_id, depth) AS (SELECT id, id, 0 FROM admin_units WHERE level = 'province' UNION ALL "
    "SELECT c.start_id, n.next_id, c.depth + 1 FROM earlier c JOIN one_predecessor n ON n.unit_id = c.unit_id "
    "WHERE c.depth < 10), "
    "lineage AS (SELECT c.start_id AS start_id, u.code AS code, CAST(u.valid_from AS TEXT) AS valid_from, "
    "CAST(u.valid_to AS TEXT) AS valid_to, CASE WHEN c.depth = 0 THEN 'self' ELSE 'later' END AS dir, "
    "CAST(s.valid_from AS TEXT) AS start_from, CAST(s.valid_to AS TEXT) AS start_to "
    "FROM later c JOIN admin_units u ON u.id = c.unit_id JOIN admin_units s ON s.id = c.start_id UNION ALL "
    "SELECT c.start_id, u.code, CAST(u.valid_from AS TEXT), CAST(u.valid_to AS TEXT), 'earlier', "
    "CAST(s.valid_from AS TEXT), CAST(s.valid_to AS TEXT) FROM earlier c "
    "JOIN admin_units u ON u.id = c.unit_id JOIN admin_units s ON s.id = c.start_id WHERE c.depth > 0)";

std::string LineageApplies(const std::string& alias, const std::string& date) {
  return "(" + alias + ".dir = 'self' OR (" + alias + ".dir = 'later' AND " + alias + ".start_to < " + date + ") OR (" +
         alias + ".dir = 'earlier' AND " + alias + ".start_from > " + date + "))";
}

// LEFT JOIN of the lineage row `alias` of unit `unit` in force on `date`; its code is the province.
std::string ProvinceJoin(const std::string& alias, const std::string& unit, const std::string& date) {
  return " LEFT JOIN lineage " + alias + " ON " + alias + ".start_id = " + unit + " AND " + alias +
         ".valid_from <= " + date + " AND (" + alias + ".valid_to IS NULL OR " + alias + ".valid_to >= " + date +
         ") AND " + LineageApplies(alias, date);
}

// The status on `date`: set by the last status-changing event on or before it.
std::string StatusOn(const std::string& entity, const std::string& date) {
  return "COALESCE((SELECT CASE v.type WHEN 'resumed' THEN 'active' ELSE v.type END FROM entity_events v "
         "WHERE v.entity_id = " +
         entity + " AND v.date <= " + date +
         " AND v.type IN ('suspended', 'resumed', 'stopped', 'dissolved', 'bankrupt', 'converted') "
         "ORDER BY v.date DESC, v.id DESC LIMIT 1), 'active')";
}

// Live entities with their static keys, founding date and registered province unit.
const char* const kBase =
    "base AS (SELECT e.id AS id, e.kind AS kind, COALESCE(e.sector, '') AS sector, "
    "CASE WHEN e.women_managed <> 0 THEN 'true' ELSE 'false' END AS wm, "
    "CASE WHEN e.youth <> 0 THEN 'true' ELSE 'false' END AS youth, e.commune_code AS commune, "
    "COALESCE(e.founded_on, (SELECT MIN(v.date) FROM entity_events v WHERE v.entity_id = e.id "
    "AND v.type = 'established')) AS founding, "
    "u.id AS unit_id FROM entities e LEFT JOIN admin_units u ON u.level = 'province' AND "
    "u.code = e.province_code AND CAST(u.valid_from AS TEXT) <= e.province_as_of AND (u.valid_to IS NULL OR "
    "CAST(u.valid_to AS TEXT) >= e.province_as_of) WHERE e.deleted_at_ms IS NULL)";

// Months covered by a canonical period name (2024, 2024S1, 2024Q3, 2024M09, 2023M01-09).
constexpr const char* kPeriodMonths =
    "CASE WHEN LENGTH(f.period) = 4 THEN 12 WHEN SUBSTR(f.period, 5, 1) = 'S' THEN 6 "
    "WHEN SUBSTR(f.period, 5, 1) = 'Q' THEN 3 WHEN LENGTH(f.period) = 7 THEN 1 "
    "ELSE CAST(SUBSTR(f.period, 9, 2) AS INTEGER) - CAST(SUBSTR(f.period, 6, 2) AS INTEGER) + 1 END";

std::string KeyColumn(Dimension d, ProvinceScheme scheme) {
  switch (d) {
    case Dimension::kProvince: return scheme == ProvinceScheme::kLegacy ? "legacy_province" : "current_province";
    case Dimension::kCommune: return "commune";
    case Dimension::kKind: return "kind";
    case Dimension::kStatus: return "status";
    case Dimension::kSector: return "sector";
    case Dimension::kFoundedYear: return "founded_year";
    case Dimension::kWomenManaged: return "wm";
    case Dimension::kYouth: return "youth";
    case Dimension::kYear: return "event_year";
  }
  return "?";
}

std::string Where(const analytics::StatsFilter& f, ProvinceScheme scheme, Params& p) {
  std::string w = " WHERE 1 = 1";
  auto names = [](const auto& values, auto to_name) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(to_name(v));
    return out;
  };
  if (!f.kinds.empty())
    w += " AND kind IN " + p.List(names(f.kinds, [](EntityKind k) { return domain::EntityKindName(k); }));
  if (!f.provinces.empty()) w += " AND " + KeyColumn(Dimension::kProvince, scheme) + " IN " + p.List(f.provinces);
  if (!f.communes.empty()) w += " AND commune IN " + p.List(f.communes);
  if (!f.statuses.empty())
    w += " AND status IN " + p.List(names(f.statuses, [](EntityStatus s) { return domain::EntityStatusName(s); }));
  if (!f.sectors.empty())
    w += " AND sector IN " + p.List(names(f.sectors, [](domain::Sector s) { return domain::SectorName(s); }));
  if (f.women_managed) w += " AND wm = " + p.Add(Text(*f.women_managed ? "true" : "false"));
  if (f.youth) w += " AND youth = " + p.Add(Text(*f.youth ? "true" : "false"));
  if (f.founded_from) w += " AND founding IS NOT NULL AND founding >= " + p.Add(Text(f.founded_from->ToIso()));
  if (f.founded_to) w += " AND founding IS NOT NULL AND founding <= " + p.Add(Text(f.founded_to->ToIso()));
  if (!f.scope_province.empty()) w += " AND current_province = " + p.Add(Text(f.scope_province));
  return w;
}

// Runs "SELECT keys…, value, entities … GROUP BY keys" and collects the rows.
Result<RefRows> Collect(storage::Db& db, const std::string& sql, const Params& p, size_t key_count) {
  RefRows rows;
  Status status = db.Read([&](storage::Connection& conn) -> Status {
    // Compiling these one-off queries costs PostgreSQL more than running them.
    if (conn.backend() == storage::Backend::kPostgres) HOPTAC_TRY(conn.Exec("SET LOCAL jit = off"));
    HOPTAC_ASSIGN_OR_RETURN(auto result, conn.QueryAll(sql, p.values()));
    for (const auto& row : result) {
      std::vector<std::string> keys;
      for (size_t i = 0; i < key_count; ++i) keys.push_back(AsText(row[i]));
      RefRow value{AsInt(row[key_count]), AsInt(row[key_count + 1])};
      // A group is a row only when some entity contributed to it: a figure nobody
      // reported is "not reported", not 0 (domain/figures.h); and an empty
      // selection without group_by has no row either.
      if (value.entities == 0) continue;
      if (!rows.emplace(std::move(keys), value).second) return Error::Internal("duplicate group in the reference");
    }
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return rows;
}

std::string GroupClause(const std::vector<Dimension>& group_by, ProvinceScheme scheme, std::string& select) {
  std::string keys;
  for (Dimension d : group_by) keys += (keys.empty() ? "" : ", ") + KeyColumn(d, scheme);
  select = keys.empty() ? "" : keys + ", ";
  return keys.empty() ? "" : " GROUP BY " + keys;
}

Result<RefRows> ReferenceStock(storage::Db& db, const analytics::StockQuery& q, Date today) {
  Params p;
  const std::string as_of = p.Add(Text(q.as_of.ToIso()));
  const std::string now = p.Add(Text(today.ToIso()));
  const bool count = q.measure == "count";
  std::string sql = "WITH RECURSIVE q AS (SELECT CAST(" + as_of + " AS TEXT) AS d, CAST(" + now +
                    " AS TEXT) AS today), " + kLineage + ", " + kBase +
                    ", ent AS (SELECT b.id AS id, b.kind AS kind, b.sector AS sector, b.wm AS wm, b.youth AS youth, "
                    "b.commune AS commune, b.founding AS founding, COALESCE(SUBSTR(b.founding, 1, 4), '') AS "
                    "founded_year, " +
                    StatusOn("b.id", "q.d") +
                    " AS status, COALESCE(gl.code, '') AS legacy_province, COALESCE(gc.code, '') AS current_province "
                    "FROM base b CROSS JOIN q" +
                    ProvinceJoin("gl", "b.unit_id", "q.d") + ProvinceJoin("gc", "b.unit_id", "q.today") +
                    " WHERE b.founding IS NULL OR b.founding <= q.d)";
  std::string select;
  std::string group = GroupClause(q.group_by, q.scheme, select);
  // One row per existing entity with its figure, if any: from the latest period
  // ending on or before as_of that reports it, the longer among those ending the
  // same day. (The measure is one of the figure columns: the caller checks it
  // against FigureFields.)
  std::string rows = "SELECT ent.*";
  if (!count) {
    rows += ", (SELECT f." + q.measure + " FROM entity_figures f WHERE f.entity_id = ent.id AND f." + q.measure +
            " IS NOT NULL AND f.period_end <= q.d ORDER BY f.period_end DESC, " + kPeriodMonths +
            " DESC LIMIT 1) AS value";
  }
  rows += " FROM ent CROSS JOIN q";
  std::string measure = count ? "COUNT(*), COUNT(*)" : "CAST(COALESCE(SUM(value), 0) AS BIGINT), COUNT(value)";
  sql += " SELECT " + select + measure + " FROM (" + rows + ") x" + Where(q.filter, q.scheme, p) + group;
  return Collect(db, sql, p, q.group_by.size());
}

Result<RefRows> ReferenceFlows(storage::Db& db, const analytics::FlowQuery& q, Date today) {
  Params p;
  const std::string from = p.Add(Text(q.from.ToIso()));
  const std::string to = p.Add(Text(q.to.ToIso()));
  const std::string now = p.Add(Text(today.ToIso()));
  std::string events;
  if (q.event == EventType::kEstablished) {
    // The founding date is the `established` flow (stats.h).
    events =
        "SELECT b.id AS entity_id, b.founding AS date FROM base b CROSS JOIN q "
        "WHERE b.founding IS NOT NULL AND b.founding >= q.d_from AND b.founding <= q.d_to";
  } else {
    events = "SELECT v.entity_id AS entity_id, v.date AS date FROM entity_events v CROSS JOIN q WHERE v.type = " +
             p.Add(Text(domain::EventTypeName(q.event))) + " AND v.date >= q.d_from AND v.date <= q.d_to";
  }
  std::string sql = "WITH RECURSIVE q AS (SELECT CAST(" + from + " AS TEXT) AS d_from, CAST(" + to +
                    " AS TEXT) AS d_to, CAST(" + now + " AS TEXT) AS today), " + kLineage + ", " + kBase + ", ev AS (" +
                    events +
                    "), r AS (SELECT b.id AS id, b.kind AS kind, b.sector AS sector, b.wm AS wm, b.youth AS youth, "
                    "b.commune AS commune, b.founding AS founding, COALESCE(SUBSTR(b.founding, 1, 4), '') AS "
                    "founded_year, SUBSTR(ev.date, 1, 4) AS event_year, " +
                    StatusOn("b.id", "q.d_to") +
                    " AS status, COALESCE(gl.code, '') AS legacy_province, COALESCE(gc.code, '') AS current_province "
                    "FROM ev JOIN base b ON b.id = ev.entity_id CROSS JOIN q" +
                    ProvinceJoin("gl", "b.unit_id", "ev.date") + ProvinceJoin("gc", "b.unit_id", "q.today") + ")";
  std::string select;
  std::string group = GroupClause(q.group_by, q.scheme, select);
  sql += " SELECT " + select + "COUNT(*), COUNT(DISTINCT id) FROM r" + Where(q.filter, q.scheme, p) + group;
  return Collect(db, sql, p, q.group_by.size());
}

// The dates a series takes its stock at: the end of each interval from the one
// containing `from` to the one containing `to` (the last one cut at `to`), and
// the canonical name of the interval.
std::vector<std::pair<std::string, Date>> SeriesEnds(analytics::Interval interval, Date from, Date to) {
  const int months = interval == analytics::Interval::kYear ? 12 : interval == analytics::Interval::kHalf ? 6 : 3;
  std::vector<std::pair<std::string, Date>> out;
  int year = from.year();
  int index = (from.month() - 1) / months;  // 0-based interval within the year
  while (true) {
    int last_month = (index + 1) * months;
    Date end = Date::FromDays((last_month == 12 ? Civil(year + 1, 1, 1) : Civil(year, last_month + 1, 1)).days() - 1);
    Date start = Civil(year, index * months + 1, 1);
    if (start > to) break;
    std::string name = std::to_string(year);
    if (months == 6) name += "S" + std::to_string(index + 1);
    if (months == 3) name += "Q" + std::to_string(index + 1);
    out.emplace_back(name, std::min(end, to));
    if (++index * months == 12) {
      index = 0;
      ++year;
    }
  }
  return out;
}

// ---- Comparison -------------------------------------------------------------------

// Numeric keys compare numerically, others as text (stats.h: rows sorted by keys).
bool KeyLess(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] == b[i]) continue;
    auto numeric = [](const std::string& s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (numeric(a[i]) && numeric(b[i])) return std::stoll(a[i]) < std::stoll(b[i]);
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

std::string KeysText(const std::vector<std::string>& keys) {
  std::string out = "[";
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? "," : "") + ("\"" + keys[i] + "\"");
  return out + "]";
}

// Every difference between the index's rows and the reference's, one per line; empty when equal.
std::string DiffRows(const std::vector<analytics::StatsRow>& got, const RefRows& want, size_t key_count) {
  std::ostringstream out;
  RefRows index;
  for (size_t i = 0; i < got.size(); ++i) {
    const auto& row = got[i];
    if (row.keys.size() != key_count) out << "  row " << KeysText(row.keys) << " has the wrong number of keys\n";
    if (!index.emplace(row.keys, RefRow{row.value, row.entities}).second)
      out << "  row " << KeysText(row.keys) << " appears twice\n";
    if (i > 0 && !KeyLess(got[i - 1].keys, row.keys))
      out << "  rows out of order: " << KeysText(got[i - 1].keys) << " before " << KeysText(row.keys) << "\n";
  }
  int shown = 0;
  for (const auto& [keys, value] : want) {
    auto it = index.find(keys);
    if (it == index.end()) {
      if (shown++ < 12)
        out << "  missing " << KeysText(keys) << ": sql value=" << value.value << " entities=" << value.entities
            << "\n";
    } else if (!(it->second == value)) {
      if (shown++ < 12)
        out << "  " << KeysText(keys) << ": index value=" << it->second.value << " entities=" << it->second.entities
            << ", sql value=" << value.value << " entities=" << value.entities << "\n";
    }
  }
  for (const auto& [keys, value] : index) {
    if (!want.contains(keys) && shown++ < 12)
      out << "  extra " << KeysText(keys) << ": index value=" << value.value << " entities=" << value.entities << "\n";
  }
  if (shown > 12) out << "  … " << shown - 12 << " more\n";
  return out.str();
}

RefRow Sum(const RefRows& rows) {
  RefRow total;
  for (const auto& [keys, row] : rows) {
    total.value += row.value;
    total.entities += row.entities;
  }
  return total;
}

}  // namespace hoptac::testing::stats

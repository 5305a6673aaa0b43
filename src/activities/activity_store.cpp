#include "activities/activity_store.h"

#include <charconv>

#include "storage/sql.h"

namespace hoptac::activities {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ",";
    out += std::to_string(id);
  }
  return out;
}

std::vector<int64_t> SplitIds(std::string_view text) {
  std::vector<int64_t> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + comma, id);
    if (ec == std::errc() && ptr == text.data() + comma) out.push_back(id);
    start = comma + 1;
  }
  return out;
}

Result<int64_t> Returning(Connection& conn, std::string_view sql, std::span<const Value> params) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql, params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  return std::get<int64_t>((*row)[0]);
}

constexpr const char* kActivityColumns =
    "id, type, title, title_en, status, from_date, to_date, province_code, current_province_code, commune_code, "
    "place, organiser, partner_ids, participants_total, participants_female, participants_youth, list_size, "
    "description, outcomes, created_at_ms, updated_at_ms";

Activity ReadActivity(const RowView& row) {
  Activity a;
  a.id = row.GetInt(0);
  a.type = std::string(row.GetText(1));
  a.title = std::string(row.GetText(2));
  a.title_en = std::string(row.GetText(3));
  a.status = std::string(row.GetText(4));
  a.from = Date::ParseIso(row.GetText(5)).value_or(Date());
  a.to = Date::ParseIso(row.GetText(6)).value_or(Date());
  a.province_code = std::string(row.GetText(7));
  a.current_province_code = std::string(row.GetText(8));
  a.commune_code = std::string(row.GetText(9));
  a.place = std::string(row.GetText(10));
  a.organiser = std::string(row.GetText(11));
  a.partner_ids = SplitIds(row.GetText(12));
  a.participants.total = row.GetInt(13);
  a.participants.female = row.GetInt(14);
  a.participants.youth = row.GetInt(15);
  a.list_size = row.GetInt(16);
  a.description = std::string(row.GetText(17));
  a.outcomes = std::string(row.GetText(18));
  a.created_at_ms = row.GetInt(19);
  a.updated_at_ms = row.GetInt(20);
  return a;
}

std::vector<Value> ActivityValues(const Activity& a) {
  return {Text(a.type),
          Text(a.title),
          Text(a.title_en),
          Text(a.status),
          Text(a.from.ToIso()),
          Text(a.to.ToIso()),
          Text(a.province_code),
          Text(a.current_province_code),
          Text(a.commune_code),
          Text(a.place),
          Text(a.organiser),
          Text(JoinIds(a.partner_ids)),
          Int(a.participants.total),
          Int(a.participants.female),
          Int(a.participants.youth),
          Int(a.list_size),
          Text(a.description),
          Text(a.outcomes),
          Int(a.updated_at_ms)};
}

Status WriteLinks(Connection& conn, const Activity& a) {
  HOPTAC_TRY(conn.Exec("DELETE FROM activity_programmes WHERE activity_id = $1", {Int(a.id)}));
  for (const ProgrammeLink& link : a.programmes) {
    std::vector<int> contents = link.contents;
    if (contents.empty()) contents.push_back(0);
    for (int content : contents)
      HOPTAC_TRY(
          conn.Exec("INSERT INTO activity_programmes (activity_id, programme_id, content_number) VALUES ($1, $2, $3)",
                    {Int(a.id), Int(link.programme_id), Int(content)}));
  }
  HOPTAC_TRY(conn.Exec("DELETE FROM activity_entities WHERE activity_id = $1", {Int(a.id)}));
  for (int64_t entity : a.entity_ids)
    HOPTAC_TRY(
        conn.Exec("INSERT INTO activity_entities (activity_id, entity_id) VALUES ($1, $2)", {Int(a.id), Int(entity)}));
  return Ok();
}

Status ReadLinks(Connection& conn, Activity& a) {
  a.programmes.clear();
  a.entity_ids.clear();
  std::vector<Value> params{Int(a.id)};
  HOPTAC_TRY(
      conn.Query("SELECT programme_id, content_number FROM activity_programmes WHERE activity_id = $1 "
                 "ORDER BY programme_id, content_number",
                 params, [&](const RowView& row) -> Status {
                   const int64_t programme = row.GetInt(0);
                   const int content = static_cast<int>(row.GetInt(1));
                   if (a.programmes.empty() || a.programmes.back().programme_id != programme)
                     a.programmes.push_back({programme, {}});
                   if (content != 0) a.programmes.back().contents.push_back(content);
                   return Ok();
                 }));
  return conn.Query("SELECT entity_id FROM activity_entities WHERE activity_id = $1 ORDER BY entity_id", params,
                    [&](const RowView& row) -> Status {
                      a.entity_ids.push_back(row.GetInt(0));
                      return Ok();
                    });
}

// "… AND x IN ($n, …)" for a list of text values.
std::string InTexts(std::vector<Value>& params, const std::vector<std::string>& values) {
  const size_t first = params.size() + 1;
  for (const std::string& v : values) params.push_back(Text(v));
  return storage::Placeholders(first, values.size());
}

std::string P(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

}  // namespace

Status InsertActivity(Connection& conn, Activity& a) {
  std::vector<Value> params = ActivityValues(a);
  params.push_back(Int(a.created_at_ms));
  HOPTAC_ASSIGN_OR_RETURN(
      a.id, Returning(conn,
                      "INSERT INTO activities (type, title, title_en, status, from_date, to_date, province_code, "
                      "current_province_code, commune_code, place, organiser, partner_ids, participants_total, "
                      "participants_female, participants_youth, list_size, description, outcomes, updated_at_ms, "
                      "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
                      "$17, $18, $19, $20) RETURNING id",
                      params));
  return WriteLinks(conn, a);
}

Status UpdateActivity(Connection& conn, const Activity& a) {
  std::vector<Value> params = ActivityValues(a);
  params.push_back(Int(a.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE activities SET type = $1, title = $2, title_en = $3, status = $4, from_date = $5, to_date = $6, "
      "province_code = $7, current_province_code = $8, commune_code = $9, place = $10, organiser = $11, "
      "partner_ids = $12, participants_total = $13, participants_female = $14, participants_youth = $15, "
      "list_size = $16, description = $17, outcomes = $18, updated_at_ms = $19 WHERE id = $20",
      params));
  return WriteLinks(conn, a);
}

Status DeleteActivity(Connection& conn, int64_t id) {
  for (const char* sql :
       {"DELETE FROM activity_programmes WHERE activity_id = $1",
        "DELETE FROM activity_entities WHERE activity_id = $1",
        "DELETE FROM activity_participants WHERE activity_id = $1", "DELETE FROM activities WHERE id = $1"})
    HOPTAC_TRY(conn.Exec(sql, {Int(id)}));
  return Ok();
}

Result<std::optional<Activity>> LoadActivity(Connection& conn, int64_t id) {
  std::optional<Activity> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kActivityColumns + " FROM activities WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadActivity(row);
                          return Ok();
                        }));
  if (out) HOPTAC_TRY(ReadLinks(conn, *out));
  return out;
}

Result<std::vector<Activity>> LoadActivities(Connection& conn, const ActivityFilter& f, bool with_links) {
  std::vector<Value> params;
  std::string sql = std::string("SELECT ") + kActivityColumns + " FROM activities a WHERE 1 = 1";
  if (!f.types.empty()) sql += " AND type IN (" + InTexts(params, f.types) + ")";
  if (!f.statuses.empty()) sql += " AND status IN (" + InTexts(params, f.statuses) + ")";
  if (!f.all) {
    std::string scope;
    if (!f.provinces.empty()) scope = "current_province_code IN (" + InTexts(params, f.provinces) + ")";
    if (f.national_organised) scope += std::string(scope.empty() ? "" : " OR ") + "organiser = 'national'";
    sql += scope.empty() ? " AND 1 = 0" : " AND (" + scope + ")";
  }
  if (f.to) sql += " AND from_date <= " + P(params, Text(f.to->ToIso()));
  if (f.from) sql += " AND to_date >= " + P(params, Text(f.from->ToIso()));
  if (f.programme_id != 0) {
    sql += " AND EXISTS (SELECT 1 FROM activity_programmes p WHERE p.activity_id = a.id AND p.programme_id = " +
           P(params, Int(f.programme_id));
    if (f.content != 0) sql += " AND p.content_number = " + P(params, Int(f.content));
    sql += ")";
  }
  if (f.entity_id != 0)
    sql += " AND EXISTS (SELECT 1 FROM activity_entities e WHERE e.activity_id = a.id AND e.entity_id = " +
           P(params, Int(f.entity_id)) + ")";
  sql += " ORDER BY from_date DESC, id DESC";
  std::vector<Activity> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadActivity(row));
    return Ok();
  }));
  if (with_links)
    for (Activity& a : out) HOPTAC_TRY(ReadLinks(conn, a));
  return out;
}

Result<std::vector<Participant>> LoadParticipants(Connection& conn, int64_t activity_id) {
  std::vector<Participant> out;
  std::vector<Value> params{Int(activity_id)};
  HOPTAC_TRY(conn.Query(
      "SELECT name, sex, birth_year, entity_id, organisation, job_title, phone, email FROM activity_participants "
      "WHERE activity_id = $1 ORDER BY position",
      params, [&](const RowView& row) -> Status {
        Participant p;
        p.name = std::string(row.GetText(0));
        p.sex = std::string(row.GetText(1));
        p.birth_year = static_cast<int>(row.GetInt(2));
        p.entity_id = row.GetInt(3);
        p.organisation = std::string(row.GetText(4));
        p.job_title = std::string(row.GetText(5));
        p.phone = std::string(row.GetText(6));
        p.email = std::string(row.GetText(7));
        out.push_back(std::move(p));
        return Ok();
      }));
  return out;
}

Status ReplaceParticipants(Connection& conn, const Activity& a, const std::vector<Participant>& list) {
  HOPTAC_TRY(conn.Exec("DELETE FROM activity_participants WHERE activity_id = $1", {Int(a.id)}));
  if (!list.empty()) {
    static const std::string kColumns[] = {"activity_id", "position",     "name",      "sex",   "birth_year",
                                           "entity_id",   "organisation", "job_title", "phone", "email"};
    std::vector<storage::Row> rows;
    rows.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      const Participant& p = list[i];
      rows.push_back({Int(a.id), Int(static_cast<int64_t>(i)), Text(p.name), Text(p.sex), Int(p.birth_year),
                      Int(p.entity_id), Text(p.organisation), Text(p.job_title), Text(p.phone), Text(p.email)});
    }
    HOPTAC_TRY(conn.CopyRows("activity_participants", kColumns, rows));
  }
  HOPTAC_TRY(
      conn.Exec("UPDATE activities SET list_size = $1, participants_total = $2, participants_female = $3, "
                "participants_youth = $4, updated_at_ms = $5 WHERE id = $6",
                {Int(a.list_size), Int(a.participants.total), Int(a.participants.female), Int(a.participants.youth),
                 Int(a.updated_at_ms), Int(a.id)}));
  return Ok();
}

Result<std::vector<ActivityFact>> LoadActivityFacts(Connection& conn, Date from, Date to,
                                                    const std::vector<std::string>& types, int64_t programme_id,
                                                    int content) {
  std::vector<Value> params;
  std::string sql =
      "SELECT province_code, from_date, participants_total, participants_female, participants_youth FROM activities a "
      "WHERE status = 'held' AND from_date >= " +
      P(params, Text(from.ToIso())) + " AND from_date <= " + P(params, Text(to.ToIso()));
  if (!types.empty()) sql += " AND type IN (" + InTexts(params, types) + ")";
  if (programme_id != 0) {
    sql += " AND EXISTS (SELECT 1 FROM activity_programmes p WHERE p.activity_id = a.id AND p.programme_id = " +
           P(params, Int(programme_id));
    if (content != 0) sql += " AND p.content_number = " + P(params, Int(content));
    sql += ")";
  }
  std::vector<ActivityFact> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    ActivityFact f;
    f.province_code = std::string(row.GetText(0));
    f.from = Date::ParseIso(row.GetText(1)).value_or(Date());
    f.participants = {row.GetInt(2), row.GetInt(3), row.GetInt(4)};
    out.push_back(std::move(f));
    return Ok();
  }));
  return out;
}

// ---- Placements ----

namespace {

constexpr const char* kPlacementColumns =
    "id, worker_name, birth_year, sex, entity_id, province_code, start_date, end_date, programme_id, job_title, notes, "
    "created_at_ms, updated_at_ms";

Placement ReadPlacement(const RowView& row) {
  Placement p;
  p.id = row.GetInt(0);
  p.worker_name = std::string(row.GetText(1));
  p.birth_year = static_cast<int>(row.GetInt(2));
  p.sex = std::string(row.GetText(3));
  p.entity_id = row.GetInt(4);
  p.province_code = std::string(row.GetText(5));
  p.start = Date::ParseIso(row.GetText(6)).value_or(Date());
  p.end = Date::ParseIso(row.GetText(7));
  p.programme_id = row.GetInt(8);
  p.job_title = std::string(row.GetText(9));
  p.notes = std::string(row.GetText(10));
  p.created_at_ms = row.GetInt(11);
  p.updated_at_ms = row.GetInt(12);
  return p;
}

std::vector<Value> PlacementValues(const Placement& p) {
  return {Text(p.worker_name),
          Int(p.birth_year),
          Text(p.sex),
          Int(p.entity_id),
          Text(p.province_code),
          Text(p.start.ToIso()),
          Text(p.end ? p.end->ToIso() : std::string()),
          Int(p.programme_id),
          Text(p.job_title),
          Text(p.notes),
          Int(p.updated_at_ms)};
}

}  // namespace

Status InsertPlacement(Connection& conn, Placement& p) {
  std::vector<Value> params = PlacementValues(p);
  params.push_back(Int(p.created_at_ms));
  HOPTAC_ASSIGN_OR_RETURN(
      p.id, Returning(conn,
                      "INSERT INTO placements (worker_name, birth_year, sex, entity_id, province_code, start_date, "
                      "end_date, programme_id, job_title, notes, updated_at_ms, created_at_ms) VALUES ($1, $2, $3, $4, "
                      "$5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                      params));
  return Ok();
}

Status UpdatePlacement(Connection& conn, const Placement& p) {
  std::vector<Value> params = PlacementValues(p);
  params.push_back(Int(p.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE placements SET worker_name = $1, birth_year = $2, sex = $3, entity_id = $4, province_code = $5, "
      "start_date = $6, end_date = $7, programme_id = $8, job_title = $9, notes = $10, updated_at_ms = $11 "
      "WHERE id = $12",
      params));
  return Ok();
}

Status DeletePlacement(Connection& conn, int64_t id) {
  HOPTAC_TRY(conn.Exec("DELETE FROM placements WHERE id = $1", {Int(id)}));
  return Ok();
}

Result<std::optional<Placement>> LoadPlacement(Connection& conn, int64_t id) {
  std::optional<Placement> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kPlacementColumns + " FROM placements WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadPlacement(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<Placement>> LoadPlacements(Connection& conn, const PlacementFilter& f) {
  std::vector<Value> params;
  std::string sql = std::string("SELECT ") + kPlacementColumns + " FROM placements WHERE 1 = 1";
  if (!f.all)
    sql += f.provinces.empty() ? " AND 1 = 0" : " AND province_code IN (" + InTexts(params, f.provinces) + ")";
  if (f.programme_id != 0) sql += " AND programme_id = " + P(params, Int(f.programme_id));
  if (f.entity_id != 0) sql += " AND entity_id = " + P(params, Int(f.entity_id));
  if (f.from) sql += " AND start_date >= " + P(params, Text(f.from->ToIso()));
  if (f.to) sql += " AND start_date <= " + P(params, Text(f.to->ToIso()));
  if (!f.sex.empty()) sql += " AND sex = " + P(params, Text(f.sex));
  sql += " ORDER BY start_date DESC, id DESC";
  std::vector<Placement> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadPlacement(row));
    return Ok();
  }));
  return out;
}

}  // namespace hoptac::activities

#include "petitions/petition_store.h"

#include <charconv>
#include <unordered_map>

#include "storage/sql.h"

namespace hoptac::petitions {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

constexpr const char* kColumns =
    "id, code, raised_on, province_code, current_province_code, theme, content, addressed_kind, addressed_name, "
    "activity_id, source, status, assignee_user_id, agency, assigned_on, due_on, answer_text, answer_public, "
    "answered_by, answered_at_ms, closed_at_ms, reopen_reason, created_by, created_at_ms, updated_at_ms";

int64_t IntOrZero(const RowView& row, int column) { return row.IsNull(column) ? 0 : row.GetInt(column); }

Value IdOrNull(int64_t id) { return id == 0 ? Value{} : Int(id); }

Petition Read(const RowView& row) {
  Petition p;
  p.id = row.GetInt(0);
  p.code = std::string(row.GetText(1));
  p.raised_on = Date::ParseIso(row.GetText(2)).value_or(Date());
  p.province_code = std::string(row.GetText(3));
  p.current_province_code = std::string(row.GetText(4));
  p.theme = std::string(row.GetText(5));
  p.content = std::string(row.GetText(6));
  p.addressed_kind = std::string(row.GetText(7));
  p.addressed_name = std::string(row.GetText(8));
  p.activity_id = IntOrZero(row, 9);
  p.source = std::string(row.GetText(10));
  p.status = std::string(row.GetText(11));
  p.assignee_user_id = IntOrZero(row, 12);
  p.agency = std::string(row.GetText(13));
  p.assigned_on = Date::ParseIso(row.GetText(14));
  p.due_on = Date::ParseIso(row.GetText(15));
  p.answer_text = std::string(row.GetText(16));
  p.answer_public = row.GetInt(17) != 0;
  p.answered_by = IntOrZero(row, 18);
  p.answered_at_ms = row.GetInt(19);
  p.closed_at_ms = row.GetInt(20);
  p.reopen_reason = std::string(row.GetText(21));
  p.created_by = row.GetInt(22);
  p.created_at_ms = row.GetInt(23);
  p.updated_at_ms = row.GetInt(24);
  return p;
}

std::string DateOrEmpty(const std::optional<Date>& d) { return d ? d->ToIso() : std::string(); }

// The columns UPDATE writes, in order ($1 … $22).
std::vector<Value> Values(const Petition& p) {
  return {Text(p.raised_on.ToIso()),
          Text(p.province_code),
          Text(p.current_province_code),
          Text(p.theme),
          Text(p.content),
          Text(p.addressed_kind),
          Text(p.addressed_name),
          IdOrNull(p.activity_id),
          Text(p.source),
          Text(p.status),
          IdOrNull(p.assignee_user_id),
          Text(p.agency),
          Text(DateOrEmpty(p.assigned_on)),
          Text(DateOrEmpty(p.due_on)),
          Text(p.answer_text),
          Int(p.answer_public ? 1 : 0),
          IdOrNull(p.answered_by),
          Int(p.answered_at_ms),
          Int(p.closed_at_ms),
          Text(p.reopen_reason),
          Int(p.updated_at_ms)};
}

Status WriteEntities(Connection& conn, const Petition& p) {
  HOPTAC_TRY(conn.Exec("DELETE FROM petition_entities WHERE petition_id = $1", {Int(p.id)}));
  for (int64_t e : p.entity_ids)
    HOPTAC_TRY(
        conn.Exec("INSERT INTO petition_entities (petition_id, entity_id) VALUES ($1, $2)", {Int(p.id), Int(e)}));
  return Ok();
}

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

Result<std::vector<Theme>> LoadThemes(Connection& conn) {
  std::vector<Theme> out;
  HOPTAC_TRY(
      conn.Query("SELECT code, name_vi, name_en, builtin, active, position FROM petition_themes "
                 "ORDER BY position, code",
                 {}, [&](const RowView& row) -> Status {
                   out.push_back({std::string(row.GetText(0)), std::string(row.GetText(1)), std::string(row.GetText(2)),
                                  row.GetInt(3) != 0, row.GetInt(4) != 0, row.GetInt(5)});
                   return Ok();
                 }));
  return out;
}

Status InsertTheme(Connection& conn, const Theme& t) {
  HOPTAC_ASSIGN_OR_RETURN(auto last, conn.QueryOne("SELECT COALESCE(MAX(position), 0) FROM petition_themes"));
  const int64_t position = (last ? std::get<int64_t>((*last)[0]) : 0) + 1;
  HOPTAC_TRY(conn.Exec(
      "INSERT INTO petition_themes (code, name_vi, name_en, builtin, active, position) VALUES ($1, $2, $3, $4, $5, $6)",
      {Text(t.code), Text(t.name_vi), Text(t.name_en), Int(t.builtin ? 1 : 0), Int(t.active ? 1 : 0), Int(position)}));
  return Ok();
}

Status UpdateTheme(Connection& conn, const Theme& t) {
  HOPTAC_TRY(conn.Exec("UPDATE petition_themes SET name_vi = $1, name_en = $2, active = $3 WHERE code = $4",
                       {Text(t.name_vi), Text(t.name_en), Int(t.active ? 1 : 0), Text(t.code)}));
  return Ok();
}

Result<std::string> NextCode(Connection& conn, int year) {
  const std::string prefix = "KN-" + std::to_string(year) + "-";
  int64_t last = 0;
  std::vector<Value> params{Text(prefix + "%")};
  HOPTAC_TRY(conn.Query("SELECT code FROM petitions WHERE code LIKE $1", params, [&](const RowView& row) -> Status {
    std::string_view code = row.GetText(0);
    code.remove_prefix(std::min(code.size(), prefix.size()));
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), n);
    if (ec == std::errc() && ptr == code.data() + code.size() && n > last) last = n;
    return Ok();
  }));
  std::string number = std::to_string(last + 1);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return prefix + number;
}

Status InsertPetition(Connection& conn, Petition& p) {
  std::vector<Value> params = Values(p);
  params.push_back(Text(p.code));
  params.push_back(Int(p.created_by));
  params.push_back(Int(p.created_at_ms));
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne("INSERT INTO petitions (raised_on, province_code, current_province_code, theme, content, "
                    "addressed_kind, addressed_name, activity_id, source, status, assignee_user_id, agency, "
                    "assigned_on, due_on, answer_text, answer_public, answered_by, answered_at_ms, closed_at_ms, "
                    "reopen_reason, updated_at_ms, code, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) "
                    "RETURNING id",
                    params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  p.id = std::get<int64_t>((*row)[0]);
  return WriteEntities(conn, p);
}

Status UpdatePetition(Connection& conn, const Petition& p) {
  std::vector<Value> params = Values(p);
  params.push_back(Int(p.id));
  HOPTAC_TRY(conn.Exec(
      "UPDATE petitions SET raised_on = $1, province_code = $2, current_province_code = $3, theme = $4, content = $5, "
      "addressed_kind = $6, addressed_name = $7, activity_id = $8, source = $9, status = $10, assignee_user_id = $11, "
      "agency = $12, assigned_on = $13, due_on = $14, answer_text = $15, answer_public = $16, answered_by = $17, "
      "answered_at_ms = $18, closed_at_ms = $19, reopen_reason = $20, updated_at_ms = $21 WHERE id = $22",
      params));
  return WriteEntities(conn, p);
}

Result<std::optional<Petition>> LoadPetition(Connection& conn, int64_t id) {
  std::optional<Petition> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM petitions WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = Read(row);
                          return Ok();
                        }));
  if (out)
    HOPTAC_TRY(conn.Query("SELECT entity_id FROM petition_entities WHERE petition_id = $1 ORDER BY entity_id", params,
                          [&](const RowView& row) -> Status {
                            out->entity_ids.push_back(row.GetInt(0));
                            return Ok();
                          }));
  return out;
}

Result<std::vector<Petition>> LoadPetitions(Connection& conn, const PetitionFilter& f, bool with_entities) {
  std::vector<Value> params;
  std::string where = " WHERE 1 = 1";
  if (!f.all)
    where +=
        f.provinces.empty() ? " AND 1 = 0" : " AND p.current_province_code IN (" + InTexts(params, f.provinces) + ")";
  if (!f.statuses.empty()) where += " AND p.status IN (" + InTexts(params, f.statuses) + ")";
  if (!f.themes.empty()) where += " AND p.theme IN (" + InTexts(params, f.themes) + ")";
  if (f.from) where += " AND p.raised_on >= " + P(params, Text(f.from->ToIso()));
  if (f.to) where += " AND p.raised_on <= " + P(params, Text(f.to->ToIso()));
  if (f.activity_id != 0) where += " AND p.activity_id = " + P(params, Int(f.activity_id));
  if (f.public_answers_only) where += " AND p.answer_public = 1 AND p.status IN ('answered', 'closed')";
  if (f.entity_id != 0)
    where += " AND EXISTS (SELECT 1 FROM petition_entities e WHERE e.petition_id = p.id AND e.entity_id = " +
             P(params, Int(f.entity_id)) + ")";
  const std::string columns = kColumns;
  // Qualify the columns with the table's alias.
  std::string qualified;
  size_t start = 0;
  while (start < columns.size()) {
    size_t comma = columns.find(',', start);
    if (comma == std::string::npos) comma = columns.size();
    std::string_view name(columns.data() + start, comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!qualified.empty()) qualified += ", ";
    const bool text = name == "content" || name == "answer_text" || name == "addressed_name" || name == "agency" ||
                      name == "reopen_reason";
    qualified += f.without_texts && text ? std::string("''") : "p." + std::string(name);
    start = comma + 1;
  }
  std::vector<Petition> out;
  HOPTAC_TRY(conn.Query("SELECT " + qualified + " FROM petitions p" + where + " ORDER BY p.raised_on DESC, p.id DESC",
                        params, [&](const RowView& row) -> Status {
                          out.push_back(Read(row));
                          return Ok();
                        }));
  if (with_entities && !out.empty()) {
    std::unordered_map<int64_t, size_t> at;
    for (size_t i = 0; i < out.size(); ++i) at[out[i].id] = i;
    HOPTAC_TRY(
        conn.Query("SELECT e.petition_id, e.entity_id FROM petition_entities e JOIN petitions p ON p.id = "
                   "e.petition_id" +
                       where + " ORDER BY e.petition_id, e.entity_id",
                   params, [&](const RowView& row) -> Status {
                     auto found = at.find(row.GetInt(0));
                     if (found != at.end()) out[found->second].entity_ids.push_back(row.GetInt(1));
                     return Ok();
                   }));
  }
  return out;
}

Status AppendStep(Connection& conn, int64_t petition_id, const Step& s) {
  HOPTAC_TRY(conn.Exec(
      "INSERT INTO petition_steps (petition_id, step, at_ms, by_user, by_name, note) VALUES ($1, $2, $3, $4, $5, $6)",
      {Int(petition_id), Text(s.step), Int(s.at_ms), Int(s.by_user), Text(s.by_name), Text(s.note)}));
  return Ok();
}

Result<std::vector<Step>> LoadSteps(Connection& conn, int64_t petition_id) {
  std::vector<Step> out;
  std::vector<Value> params{Int(petition_id)};
  HOPTAC_TRY(
      conn.Query("SELECT step, at_ms, by_user, by_name, note FROM petition_steps WHERE petition_id = $1 ORDER BY id",
                 params, [&](const RowView& row) -> Status {
                   out.push_back({std::string(row.GetText(0)), row.GetInt(1), row.GetInt(2),
                                  std::string(row.GetText(3)), std::string(row.GetText(4))});
                   return Ok();
                 }));
  return out;
}

Status ReadPetitionCodes(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& out) {
  if (ids.empty()) return Ok();
  std::vector<Value> params;
  const std::string in = storage::AppendInList(params, ids);
  return conn.Query("SELECT id, code FROM petitions WHERE id IN (" + in + ")", params,
                    [&](const RowView& row) -> Status {
                      out[row.GetInt(0)] = std::string(row.GetText(1));
                      return Ok();
                    });
}

}  // namespace hoptac::petitions

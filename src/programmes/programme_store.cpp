#include "programmes/programme_store.h"

#include "base/lists.h"
#include "programmes/programme_json.h"

namespace hoptac::programmes {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;
using storage::Value;

std::string DateText(const std::optional<Date>& d) { return d ? d->ToIso() : std::string(); }

Result<int64_t> Returning(Connection& conn, std::string_view sql, std::initializer_list<Value> params) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql, params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  return std::get<int64_t>((*row)[0]);
}

// ---- Partners ----

constexpr const char* kPartnerColumns =
    "id, name, name_en, short_name, kind, province_code, contacts, address, website, notes, created_at_ms, "
    "updated_at_ms";

Partner ReadPartner(const RowView& row) {
  Partner p;
  p.id = row.GetInt(0);
  p.name = std::string(row.GetText(1));
  p.name_en = std::string(row.GetText(2));
  p.short_name = std::string(row.GetText(3));
  p.kind = std::string(row.GetText(4));
  p.province_code = std::string(row.GetText(5));
  p.contacts = ContactsFromText(row.GetText(6));
  p.address = std::string(row.GetText(7));
  p.website = std::string(row.GetText(8));
  p.notes = std::string(row.GetText(9));
  p.created_at_ms = row.GetInt(10);
  p.updated_at_ms = row.GetInt(11);
  return p;
}

// ---- Programmes ----

constexpr const char* kProgrammeColumns =
    "id, code, title, title_en, kind, province_code, from_date, to_date, status, signed_on, signatories, review, "
    "legal_basis, contents, created_at_ms, updated_at_ms";

Programme ReadProgramme(const RowView& row) {
  Programme p;
  p.id = row.GetInt(0);
  p.code = std::string(row.GetText(1));
  p.title = std::string(row.GetText(2));
  p.title_en = std::string(row.GetText(3));
  p.kind = std::string(row.GetText(4));
  p.province_code = std::string(row.GetText(5));
  p.from = Date::ParseIso(row.GetText(6)).value_or(Date());
  p.to = Date::ParseIso(row.GetText(7)).value_or(Date());
  p.status = std::string(row.GetText(8));
  p.signed_on = Date::ParseIso(row.GetText(9));
  p.signatories = std::string(row.GetText(10));
  p.review = SplitCommaList(row.GetText(11));
  p.legal_basis = LegalBasisFromText(row.GetText(12));
  p.contents = ContentsFromText(row.GetText(13));
  p.created_at_ms = row.GetInt(14);
  p.updated_at_ms = row.GetInt(15);
  return p;
}

Status LoadPartnerIds(Connection& conn, Programme& p) {
  p.partner_ids.clear();
  std::vector<Value> params{Int(p.id)};
  return conn.Query("SELECT partner_id FROM programme_partners WHERE programme_id = $1 ORDER BY partner_id", params,
                    [&](const RowView& row) -> Status {
                      p.partner_ids.push_back(row.GetInt(0));
                      return Ok();
                    });
}

Status WritePartnerIds(Connection& conn, const Programme& p) {
  HOPTAC_TRY(conn.Exec("DELETE FROM programme_partners WHERE programme_id = $1", {Int(p.id)}));
  for (int64_t partner : p.partner_ids)
    HOPTAC_TRY(conn.Exec("INSERT INTO programme_partners (programme_id, partner_id) VALUES ($1, $2)",
                         {Int(p.id), Int(partner)}));
  return Ok();
}

// ---- Targets ----

constexpr const char* kTargetColumns =
    "id, programme_id, content_number, title, provinces, deadline, cadence, target_value, baseline, source, "
    "indicator_source, measure, filters, position, created_at_ms, updated_at_ms";

Target ReadTarget(const RowView& row) {
  Target t;
  t.id = row.GetInt(0);
  t.programme_id = row.GetInt(1);
  t.content = static_cast<int>(row.GetInt(2));
  t.title = std::string(row.GetText(3));
  t.provinces = SplitCommaList(row.GetText(4));
  t.deadline = Date::ParseIso(row.GetText(5)).value_or(Date());
  t.cadence = std::string(row.GetText(6));
  t.target = row.GetInt(7);
  t.baseline = row.GetInt(8);
  t.source = std::string(row.GetText(9));
  t.definition.source = std::string(row.GetText(10));
  t.definition.measure = std::string(row.GetText(11));
  t.definition.filters = FiltersFromJsonText(row.GetText(12));
  t.position = static_cast<int>(row.GetInt(13));
  t.created_at_ms = row.GetInt(14);
  t.updated_at_ms = row.GetInt(15);
  return t;
}

constexpr const char* kValueColumns = "id, on_date, value, evidence, entered_by, entered_at_ms";

ManualValue ReadValue(const RowView& row) {
  ManualValue v;
  v.id = row.GetInt(0);
  v.on = Date::ParseIso(row.GetText(1)).value_or(Date());
  v.value = row.GetInt(2);
  v.evidence = std::string(row.GetText(3));
  v.entered_by = std::string(row.GetText(4));
  v.entered_at_ms = row.GetInt(5);
  return v;
}

Status LoadValues(Connection& conn, Target& t) {
  t.values.clear();
  std::vector<Value> params{Int(t.id)};
  return conn.Query(
      std::string("SELECT ") + kValueColumns + " FROM target_values WHERE target_id = $1 ORDER BY on_date, id", params,
      [&](const RowView& row) -> Status {
        t.values.push_back(ReadValue(row));
        return Ok();
      });
}

}  // namespace

Status InsertPartner(Connection& conn, Partner& p) {
  HOPTAC_ASSIGN_OR_RETURN(
      p.id, Returning(conn,
                      "INSERT INTO partners (name, name_en, short_name, kind, province_code, contacts, address, "
                      "website, notes, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                      "$10, $11) RETURNING id",
                      {Text(p.name), Text(p.name_en), Text(p.short_name), Text(p.kind), Text(p.province_code),
                       Text(ContactsText(p.contacts)), Text(p.address), Text(p.website), Text(p.notes),
                       Int(p.created_at_ms), Int(p.updated_at_ms)}));
  return Ok();
}

Status UpdatePartner(Connection& conn, const Partner& p) {
  HOPTAC_TRY(
      conn.Exec("UPDATE partners SET name = $1, name_en = $2, short_name = $3, kind = $4, province_code = $5, "
                "contacts = $6, address = $7, website = $8, notes = $9, updated_at_ms = $10 WHERE id = $11",
                {Text(p.name), Text(p.name_en), Text(p.short_name), Text(p.kind), Text(p.province_code),
                 Text(ContactsText(p.contacts)), Text(p.address), Text(p.website), Text(p.notes), Int(p.updated_at_ms),
                 Int(p.id)}));
  return Ok();
}

Result<std::optional<Partner>> LoadPartner(Connection& conn, int64_t id) {
  std::optional<Partner> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kPartnerColumns + " FROM partners WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadPartner(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<Partner>> LoadPartners(Connection& conn, const std::string& province, bool all) {
  std::vector<Partner> out;
  std::vector<Value> params;
  std::string sql = std::string("SELECT ") + kPartnerColumns + " FROM partners";
  if (!all) {
    params.push_back(Text(province));
    sql += " WHERE province_code = '' OR province_code = $1";
  }
  sql += " ORDER BY province_code, name, id";
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadPartner(row));
    return Ok();
  }));
  return out;
}

Status InsertProgramme(Connection& conn, Programme& p) {
  HOPTAC_ASSIGN_OR_RETURN(
      p.id, Returning(conn,
                      "INSERT INTO programmes (code, title, title_en, kind, province_code, from_date, to_date, "
                      "status, signed_on, signatories, review, legal_basis, contents, created_at_ms, updated_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                      {Text(p.code), Text(p.title), Text(p.title_en), Text(p.kind), Text(p.province_code),
                       Text(p.from.ToIso()), Text(p.to.ToIso()), Text(p.status), Text(DateText(p.signed_on)),
                       Text(p.signatories), Text(JoinCommaList(p.review)), Text(LegalBasisText(p.legal_basis)),
                       Text(ContentsText(p.contents)), Int(p.created_at_ms), Int(p.updated_at_ms)}));
  return WritePartnerIds(conn, p);
}

Status UpdateProgramme(Connection& conn, const Programme& p) {
  HOPTAC_TRY(conn.Exec(
      "UPDATE programmes SET code = $1, title = $2, title_en = $3, kind = $4, province_code = $5, from_date = $6, "
      "to_date = $7, status = $8, signed_on = $9, signatories = $10, review = $11, legal_basis = $12, contents = $13, "
      "updated_at_ms = $14 WHERE id = $15",
      {Text(p.code), Text(p.title), Text(p.title_en), Text(p.kind), Text(p.province_code), Text(p.from.ToIso()),
       Text(p.to.ToIso()), Text(p.status), Text(DateText(p.signed_on)), Text(p.signatories),
       Text(JoinCommaList(p.review)), Text(LegalBasisText(p.legal_basis)), Text(ContentsText(p.contents)),
       Int(p.updated_at_ms), Int(p.id)}));
  return WritePartnerIds(conn, p);
}

Result<std::optional<Programme>> LoadProgramme(Connection& conn, int64_t id) {
  std::optional<Programme> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kProgrammeColumns + " FROM programmes WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadProgramme(row);
                          return Ok();
                        }));
  if (out) HOPTAC_TRY(LoadPartnerIds(conn, *out));
  return out;
}

Result<std::optional<int64_t>> ProgrammeIdByCode(Connection& conn, const std::string& code) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT id FROM programmes WHERE code = $1", {Text(code)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(std::get<int64_t>((*row)[0]));
}

Result<std::vector<Programme>> LoadProgrammes(Connection& conn, const ProgrammeFilter& f) {
  std::vector<Programme> out;
  std::vector<Value> params;
  std::string where;
  auto add = [&](const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; };
  if (!f.all) {
    std::string scope;
    if (f.national) scope = "province_code = ''";
    for (const std::string& p : f.provinces) {
      params.push_back(Text(p));
      scope += (scope.empty() ? "" : " OR ") + std::string("province_code = $") + std::to_string(params.size());
    }
    add("(" + (scope.empty() ? std::string("1 = 0") : scope) + ")");
  }
  if (!f.status.empty()) {
    params.push_back(Text(f.status));
    add("status = $" + std::to_string(params.size()));
  }
  if (!f.drafts) add("status <> 'draft'");
  if (!f.kind.empty()) {
    params.push_back(Text(f.kind));
    add("kind = $" + std::to_string(params.size()));
  }
  if (f.partner_id != 0) {
    params.push_back(Int(f.partner_id));
    add("id IN (SELECT programme_id FROM programme_partners WHERE partner_id = $" + std::to_string(params.size()) +
        ")");
  }
  HOPTAC_TRY(conn.Query(
      std::string("SELECT ") + kProgrammeColumns + " FROM programmes" + where + " ORDER BY from_date DESC, code",
      params, [&](const RowView& row) -> Status {
        out.push_back(ReadProgramme(row));
        return Ok();
      }));
  for (Programme& p : out) HOPTAC_TRY(LoadPartnerIds(conn, p));
  return out;
}

Status InsertTarget(Connection& conn, Target& t) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT COALESCE(MAX(position), 0) FROM programme_targets WHERE "
                                                  "programme_id = $1",
                                                  {Int(t.programme_id)}));
  t.position = row ? static_cast<int>(std::get<int64_t>((*row)[0])) + 1 : 1;
  HOPTAC_ASSIGN_OR_RETURN(
      t.id,
      Returning(conn,
                "INSERT INTO programme_targets (programme_id, content_number, title, provinces, deadline, "
                "cadence, target_value, baseline, source, indicator_source, measure, filters, position, "
                "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                "$14, $15) RETURNING id",
                {Int(t.programme_id), Int(t.content), Text(t.title), Text(JoinCommaList(t.provinces)),
                 Text(t.deadline.ToIso()), Text(t.cadence), Int(t.target), Int(t.baseline), Text(t.source),
                 Text(t.definition.source), Text(t.definition.measure), Text(FiltersJsonText(t.definition.filters)),
                 Int(t.position), Int(t.created_at_ms), Int(t.updated_at_ms)}));
  return Ok();
}

Status UpdateTarget(Connection& conn, const Target& t) {
  HOPTAC_TRY(conn.Exec(
      "UPDATE programme_targets SET content_number = $1, title = $2, provinces = $3, deadline = $4, cadence = $5, "
      "target_value = $6, baseline = $7, source = $8, indicator_source = $9, measure = $10, filters = $11, "
      "updated_at_ms = $12 WHERE id = $13",
      {Int(t.content), Text(t.title), Text(JoinCommaList(t.provinces)), Text(t.deadline.ToIso()), Text(t.cadence),
       Int(t.target), Int(t.baseline), Text(t.source), Text(t.definition.source), Text(t.definition.measure),
       Text(FiltersJsonText(t.definition.filters)), Int(t.updated_at_ms), Int(t.id)}));
  return Ok();
}

Status DeleteTarget(Connection& conn, int64_t id) {
  HOPTAC_TRY(conn.Exec("DELETE FROM target_values WHERE target_id = $1", {Int(id)}));
  HOPTAC_TRY(conn.Exec("DELETE FROM programme_targets WHERE id = $1", {Int(id)}));
  return Ok();
}

Result<std::optional<Target>> LoadTarget(Connection& conn, int64_t id) {
  std::optional<Target> out;
  std::vector<Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kTargetColumns + " FROM programme_targets WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadTarget(row);
                          return Ok();
                        }));
  if (out) HOPTAC_TRY(LoadValues(conn, *out));
  return out;
}

Result<std::vector<Target>> LoadTargets(Connection& conn, int64_t programme_id) {
  std::vector<Target> out;
  std::vector<Value> params{Int(programme_id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kTargetColumns +
                            " FROM programme_targets WHERE programme_id = $1 ORDER BY content_number, position, id",
                        params, [&](const RowView& row) -> Status {
                          out.push_back(ReadTarget(row));
                          return Ok();
                        }));
  for (Target& t : out)
    if (t.manual()) HOPTAC_TRY(LoadValues(conn, t));
  return out;
}

Status InsertValue(Connection& conn, int64_t target_id, ManualValue& v) {
  HOPTAC_ASSIGN_OR_RETURN(v.id, Returning(conn,
                                          "INSERT INTO target_values (target_id, on_date, value, evidence, "
                                          "entered_by, entered_at_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                          {Int(target_id), Text(v.on.ToIso()), Int(v.value), Text(v.evidence),
                                           Text(v.entered_by), Int(v.entered_at_ms)}));
  return Ok();
}

Status DeleteValue(Connection& conn, int64_t target_id, int64_t value_id) {
  HOPTAC_TRY(conn.Exec("DELETE FROM target_values WHERE id = $1 AND target_id = $2", {Int(value_id), Int(target_id)}));
  return Ok();
}

Result<std::optional<ManualValue>> LoadValue(Connection& conn, int64_t target_id, int64_t value_id) {
  std::optional<ManualValue> out;
  std::vector<Value> params{Int(value_id), Int(target_id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kValueColumns + " FROM target_values WHERE id = $1 AND target_id = $2",
                        params, [&](const RowView& row) -> Status {
                          out = ReadValue(row);
                          return Ok();
                        }));
  return out;
}

}  // namespace hoptac::programmes

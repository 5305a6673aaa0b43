#include "surveys/survey_store.h"

#include "base/lists.h"
#include "storage/sql.h"
#include "surveys/questionnaire_json.h"

namespace hoptac::surveys {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using SqlValue = storage::Value;
inline SqlValue Str(std::string v) { return storage::Text(std::move(v)); }

Result<int64_t> Returning(Connection& conn, std::string_view sql, std::span<const SqlValue> params) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql, params));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  return std::get<int64_t>((*row)[0]);
}

Status Done(Result<int64_t> r) {
  if (!r.ok()) return std::move(r).error();
  return Ok();
}

std::string P(std::vector<SqlValue>& params, SqlValue v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

constexpr const char* kCampaignColumns =
    "c.id, c.questionnaire_id, c.title_vi, c.title_en, c.year, c.opens_on, c.closes_on, c.closed_early_at_ms, "
    "c.scope_province, c.scope_kinds, c.scope_sectors, c.created_by, c.created_at_ms, "
    "(SELECT COUNT(*) FROM survey_targets t WHERE t.campaign_id = c.id), "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.campaign_id = c.id)";

Campaign ReadCampaign(const RowView& row) {
  Campaign c;
  c.id = row.GetInt(0);
  c.questionnaire_id = row.GetInt(1);
  c.title.vi = std::string(row.GetText(2));
  c.title.en = std::string(row.GetText(3));
  c.year = static_cast<int>(row.GetInt(4));
  c.opens_on = Date::ParseIso(row.GetText(5)).value_or(Date());
  c.closes_on = Date::ParseIso(row.GetText(6)).value_or(Date());
  if (!row.IsNull(7)) c.closed_early_at_ms = row.GetInt(7);
  c.scope_province = std::string(row.GetText(8));
  c.scope_kinds = SplitCommaList(row.GetText(9));
  c.scope_sectors = SplitCommaList(row.GetText(10));
  c.created_by = std::string(row.GetText(11));
  c.created_at_ms = row.GetInt(12);
  c.targets = row.GetInt(13);
  c.responses = row.GetInt(14);
  return c;
}

constexpr const char* kTargetColumns =
    "t.campaign_id, t.entity_id, t.province_code, t.kind, t.token, r.received_at_ms, r.via";

Target ReadTarget(const RowView& row) {
  Target t;
  t.campaign_id = row.GetInt(0);
  t.entity_id = row.GetInt(1);
  t.province_code = std::string(row.GetText(2));
  t.kind = std::string(row.GetText(3));
  t.token = std::string(row.GetText(4));
  if (!row.IsNull(5)) t.responded_at_ms = row.GetInt(5);
  t.via = std::string(row.GetText(6));
  return t;
}

Result<std::vector<Target>> QueryTargets(Connection& conn, const std::string& where, std::vector<SqlValue> params) {
  std::vector<Target> out;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kTargetColumns +
                            " FROM survey_targets t LEFT JOIN survey_responses r ON r.campaign_id = t.campaign_id "
                            "AND r.entity_id = t.entity_id WHERE " +
                            where + " ORDER BY t.campaign_id DESC, t.entity_id",
                        params, [&](const RowView& row) -> Status {
                          out.push_back(ReadTarget(row));
                          return Ok();
                        }));
  return out;
}

constexpr const char* kResponseColumns =
    "r.id, r.campaign_id, r.entity_id, r.answers, r.via, r.user_id, r.received_at_ms, r.updated_at_ms, "
    "t.province_code, t.kind";

StoredResponse ReadResponse(const RowView& row) {
  StoredResponse r;
  r.id = row.GetInt(0);
  r.campaign_id = row.GetInt(1);
  r.entity_id = row.GetInt(2);
  r.answers = std::string(row.GetText(3));
  r.via = std::string(row.GetText(4));
  r.user_id = row.IsNull(5) ? 0 : row.GetInt(5);
  r.received_at_ms = row.GetInt(6);
  r.updated_at_ms = row.GetInt(7);
  r.province_code = std::string(row.GetText(8));
  r.kind = std::string(row.GetText(9));
  return r;
}

}  // namespace

Status InsertQuestionnaire(Connection& conn, StoredQuestionnaire& q) {
  std::vector<SqlValue> params{Str(q.definition.form_id),
                               Str(q.definition.version),
                               Str(q.definition.title.vi),
                               Str(q.definition.title.en),
                               Str(DefinitionText(q.definition)),
                               Int(q.question_count),
                               Str(q.created_by),
                               Int(q.created_at_ms)};
  HOPTAC_ASSIGN_OR_RETURN(
      q.id, Returning(conn,
                      "INSERT INTO questionnaires (form_id, version, title_vi, title_en, definition, question_count, "
                      "created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      params));
  return Ok();
}

namespace {
Result<std::vector<StoredQuestionnaire>> QueryQuestionnaires(Connection& conn, std::string_view where,
                                                             std::vector<SqlValue> params, bool with_definitions) {
  std::vector<StoredQuestionnaire> out;
  std::vector<std::string> definitions;
  HOPTAC_TRY(conn.Query(
      std::string("SELECT q.id, q.form_id, q.version, q.title_vi, q.title_en, q.question_count, q.created_by, "
                  "q.created_at_ms, (SELECT COUNT(*) FROM survey_campaigns c WHERE c.questionnaire_id = q.id), ") +
          (with_definitions ? "q.definition" : "''") + " FROM questionnaires q " + std::string(where) +
          " ORDER BY q.id DESC",
      params, [&](const RowView& row) -> Status {
        StoredQuestionnaire q;
        q.id = row.GetInt(0);
        q.definition.form_id = std::string(row.GetText(1));
        q.definition.version = std::string(row.GetText(2));
        q.definition.title.vi = std::string(row.GetText(3));
        q.definition.title.en = std::string(row.GetText(4));
        q.question_count = row.GetInt(5);
        q.created_by = std::string(row.GetText(6));
        q.created_at_ms = row.GetInt(7);
        q.campaign_count = row.GetInt(8);
        definitions.emplace_back(row.GetText(9));
        out.push_back(std::move(q));
        return Ok();
      }));
  if (with_definitions)
    for (size_t i = 0; i < out.size(); ++i) {
      HOPTAC_ASSIGN_OR_RETURN(out[i].definition, ParseDefinition(definitions[i]));
    }
  return out;
}
}  // namespace

Result<std::optional<StoredQuestionnaire>> LoadQuestionnaire(Connection& conn, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(auto list, QueryQuestionnaires(conn, "WHERE q.id = $1", {Int(id)}, true));
  if (list.empty()) return std::optional<StoredQuestionnaire>();
  return std::optional(std::move(list.front()));
}

Result<std::vector<StoredQuestionnaire>> LoadQuestionnaires(Connection& conn, bool with_definitions) {
  return QueryQuestionnaires(conn, "", {}, with_definitions);
}

Status DeleteQuestionnaire(Connection& conn, int64_t id) {
  return Done(conn.Exec("DELETE FROM questionnaires WHERE id = $1", {Int(id)}));
}

Status InsertCampaign(Connection& conn, Campaign& c) {
  std::vector<SqlValue> params{Int(c.questionnaire_id),
                               Str(c.title.vi),
                               Str(c.title.en),
                               Int(c.year),
                               Str(c.opens_on.ToIso()),
                               Str(c.closes_on.ToIso()),
                               storage::TextOrNull(c.scope_province),
                               Str(JoinCommaList(c.scope_kinds)),
                               Str(JoinCommaList(c.scope_sectors)),
                               Str(c.created_by),
                               Int(c.created_at_ms)};
  HOPTAC_ASSIGN_OR_RETURN(
      c.id, Returning(conn,
                      "INSERT INTO survey_campaigns (questionnaire_id, title_vi, title_en, year, opens_on, closes_on, "
                      "scope_province, scope_kinds, scope_sectors, created_by, created_at_ms) VALUES ($1, $2, $3, $4, "
                      "$5, $6, $7, $8, $9, $10, $11) RETURNING id",
                      params));
  return Ok();
}

Status CloseCampaign(Connection& conn, int64_t id, int64_t at_ms) {
  return Done(conn.Exec("UPDATE survey_campaigns SET closed_early_at_ms = $1 WHERE id = $2", {Int(at_ms), Int(id)}));
}

Result<std::optional<Campaign>> LoadCampaign(Connection& conn, int64_t id) {
  std::optional<Campaign> out;
  std::vector<SqlValue> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kCampaignColumns + " FROM survey_campaigns c WHERE c.id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = ReadCampaign(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<Campaign>> LoadCampaigns(Connection& conn, const CampaignFilter& f) {
  std::vector<SqlValue> params;
  std::string sql = std::string("SELECT ") + kCampaignColumns + " FROM survey_campaigns c WHERE 1 = 1";
  if (f.year) sql += " AND c.year = " + P(params, Int(*f.year));
  if (f.questionnaire_id != 0) sql += " AND c.questionnaire_id = " + P(params, Int(f.questionnaire_id));
  if (!f.all) {
    std::string any;
    bool national = false;
    for (const std::string& p : f.scope_provinces) {
      if (p.empty()) {
        national = true;
        continue;
      }
      if (!any.empty()) any += ", ";
      any += P(params, Str(p));
    }
    std::string cond;
    if (!any.empty()) cond = "c.scope_province IN (" + any + ")";
    if (national) cond += std::string(cond.empty() ? "" : " OR ") + "c.scope_province IS NULL";
    sql += cond.empty() ? " AND 1 = 0" : " AND (" + cond + ")";
  }
  sql += " ORDER BY c.year DESC, c.id DESC";
  std::vector<Campaign> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadCampaign(row));
    return Ok();
  }));
  return out;
}

Status InsertTargets(Connection& conn, const std::vector<Target>& targets) {
  std::vector<storage::Row> rows;
  rows.reserve(targets.size());
  for (const Target& t : targets)
    rows.push_back({Int(t.campaign_id), Int(t.entity_id), Str(t.province_code), Str(t.kind), Str(t.token)});
  const std::vector<std::string> columns = {"campaign_id", "entity_id", "province_code", "kind", "token"};
  return conn.CopyRows("survey_targets", columns, rows);
}

Result<std::optional<Target>> LoadTargetByToken(Connection& conn, const std::string& token) {
  HOPTAC_ASSIGN_OR_RETURN(auto list, QueryTargets(conn, "t.token = $1", {Str(token)}));
  if (list.empty()) return std::optional<Target>();
  return std::optional(std::move(list.front()));
}

Result<std::optional<Target>> LoadTarget(Connection& conn, int64_t campaign_id, int64_t entity_id) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto list, QueryTargets(conn, "t.campaign_id = $1 AND t.entity_id = $2", {Int(campaign_id), Int(entity_id)}));
  if (list.empty()) return std::optional<Target>();
  return std::optional(std::move(list.front()));
}

Result<std::vector<Target>> LoadTargets(Connection& conn, int64_t campaign_id, const std::string& province) {
  if (province.empty()) return QueryTargets(conn, "t.campaign_id = $1", {Int(campaign_id)});
  return QueryTargets(conn, "t.campaign_id = $1 AND t.province_code = $2", {Int(campaign_id), Str(province)});
}

Result<std::vector<Target>> LoadTargetsOfEntity(Connection& conn, int64_t entity_id) {
  return QueryTargets(conn, "t.entity_id = $1", {Int(entity_id)});
}

Result<std::vector<ProvinceCount>> CountByProvince(Connection& conn, int64_t campaign_id) {
  std::vector<ProvinceCount> out;
  std::vector<SqlValue> params{Int(campaign_id)};
  HOPTAC_TRY(conn.Query(
      "SELECT t.province_code, COUNT(*), COUNT(r.id) FROM survey_targets t LEFT JOIN survey_responses r ON "
      "r.campaign_id = t.campaign_id AND r.entity_id = t.entity_id WHERE t.campaign_id = $1 GROUP BY t.province_code "
      "ORDER BY t.province_code",
      params, [&](const RowView& row) -> Status {
        out.push_back({std::string(row.GetText(0)), row.GetInt(1), row.GetInt(2)});
        return Ok();
      }));
  return out;
}

Result<std::optional<StoredResponse>> LoadResponse(Connection& conn, int64_t campaign_id, int64_t entity_id) {
  std::optional<StoredResponse> out;
  std::vector<SqlValue> params{Int(campaign_id), Int(entity_id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kResponseColumns +
                            " FROM survey_responses r JOIN survey_targets t ON t.campaign_id = r.campaign_id AND "
                            "t.entity_id = r.entity_id WHERE r.campaign_id = $1 AND r.entity_id = $2",
                        params, [&](const RowView& row) -> Status {
                          out = ReadResponse(row);
                          return Ok();
                        }));
  return out;
}

Status InsertResponse(Connection& conn, StoredResponse& r) {
  std::vector<SqlValue> params{Int(r.campaign_id),
                               Int(r.entity_id),
                               Str(r.answers),
                               Str(r.via),
                               r.user_id != 0 ? Int(r.user_id) : storage::Null(),
                               Int(r.received_at_ms),
                               Int(r.updated_at_ms)};
  HOPTAC_ASSIGN_OR_RETURN(r.id,
                          Returning(conn,
                                    "INSERT INTO survey_responses (campaign_id, entity_id, answers, via, user_id, "
                                    "received_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                                    "RETURNING id",
                                    params));
  return Ok();
}

Status UpdateResponse(Connection& conn, const StoredResponse& r) {
  return Done(
      conn.Exec("UPDATE survey_responses SET answers = $1, via = $2, user_id = $3, updated_at_ms = $4 WHERE id = $5",
                {Str(r.answers), Str(r.via), r.user_id != 0 ? Int(r.user_id) : storage::Null(), Int(r.updated_at_ms),
                 Int(r.id)}));
}

Result<std::vector<StoredResponse>> LoadResponses(Connection& conn, int64_t campaign_id, const std::string& province) {
  std::vector<SqlValue> params{Int(campaign_id)};
  std::string sql = std::string("SELECT ") + kResponseColumns +
                    " FROM survey_responses r JOIN survey_targets t ON t.campaign_id = r.campaign_id AND "
                    "t.entity_id = r.entity_id WHERE r.campaign_id = $1";
  if (!province.empty()) sql += " AND t.province_code = " + P(params, Str(province));
  sql += " ORDER BY r.id";
  std::vector<StoredResponse> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadResponse(row));
    return Ok();
  }));
  return out;
}

Result<std::vector<Campaign>> LoadCampaignFacts(Connection& conn, const std::string& form_id) {
  std::vector<SqlValue> params;
  std::string sql = std::string("SELECT ") + kCampaignColumns + " FROM survey_campaigns c";
  if (!form_id.empty())
    sql +=
        " WHERE c.questionnaire_id IN (SELECT q.id FROM questionnaires q WHERE q.form_id = " + P(params, Str(form_id)) +
        ")";
  std::vector<Campaign> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadCampaign(row));
    return Ok();
  }));
  return out;
}

}  // namespace hoptac::surveys

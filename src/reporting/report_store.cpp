#include "reporting/report_store.h"

#include <boost/json.hpp>
#include <variant>

namespace hoptac::reporting {
namespace {

using storage::Connection;
using storage::Int;
using storage::Null;
using storage::Row;
using storage::RowView;
using storage::Text;
using storage::Value;

constexpr const char* kReportColumns =
    "id, form_code, form_version, period, province_code, entity_id, status, due_date, first_submitted_at_ms, "
    "submitted_at_ms, submitted_by, approved_at_ms, approved_by, return_comment, created_at_ms, created_by, "
    "updated_at_ms";

std::optional<int64_t> OptInt(const RowView& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.GetInt(column);
}
std::string OptText(const RowView& row, int column) {
  return row.IsNull(column) ? std::string() : std::string(row.GetText(column));
}

Report ReadReport(const RowView& row) {
  Report r;
  r.id = row.GetInt(0);
  r.form_code = row.GetText(1);
  r.form_version = static_cast<int>(row.GetInt(2));
  if (auto p = domain::ParsePeriod(row.GetText(3)); p.ok()) r.period = *p;
  r.province_code = row.GetText(4);
  r.entity_id = row.GetInt(5);
  r.status = ReportStatusFromName(row.GetText(6)).value_or(ReportStatus::kDraft);
  r.due_date = Date::ParseIso(row.GetText(7)).value_or(Date());
  r.first_submitted_at_ms = OptInt(row, 8);
  r.submitted_at_ms = OptInt(row, 9);
  r.submitted_by = OptText(row, 10);
  r.approved_at_ms = OptInt(row, 11);
  r.approved_by = OptText(row, 12);
  r.return_comment = OptText(row, 13);
  r.created_at_ms = row.GetInt(14);
  r.created_by = row.GetText(15);
  r.updated_at_ms = row.GetInt(16);
  return r;
}

Value OptValue(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }

Result<std::optional<ReportForm>> ReadForm(const RowView& row) {
  HOPTAC_ASSIGN_OR_RETURN(ReportForm form, ParseForm(row.GetText(2)));
  form.code = row.GetText(0);
  form.version = static_cast<int>(row.GetInt(1));
  return std::optional<ReportForm>(std::move(form));
}

}  // namespace

Result<std::vector<ReportForm>> LoadLatestForms(Connection& conn) {
  std::vector<ReportForm> forms;
  HOPTAC_TRY(
      conn.Query("SELECT f.code, f.version, f.definition FROM report_forms f WHERE f.version = "
                 "(SELECT MAX(g.version) FROM report_forms g WHERE g.code = f.code) ORDER BY f.code",
                 {}, [&](const RowView& row) -> Status {
                   HOPTAC_ASSIGN_OR_RETURN(auto form, ReadForm(row));
                   forms.push_back(std::move(*form));
                   return Ok();
                 }));
  return forms;
}

Result<std::optional<ReportForm>> LoadForm(Connection& conn, const std::string& code, std::optional<int> version) {
  std::optional<ReportForm> form;
  std::vector<Value> params{Text(code)};
  std::string sql = "SELECT code, version, definition FROM report_forms WHERE code = $1";
  if (version) {
    sql += " AND version = $2";
    params.push_back(Int(*version));
  } else {
    sql += " ORDER BY version DESC LIMIT 1";
  }
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(form, ReadForm(row));
    return Ok();
  }));
  return form;
}

Status InsertForm(Connection& conn, const ReportForm& form, int64_t now_ms, const std::string& by) {
  HOPTAC_TRY(conn.Exec(
      "INSERT INTO report_forms (code, version, definition, created_at_ms, created_by) VALUES ($1, $2, $3, $4, $5)",
      {Text(form.code), Int(form.version), Text(form.definition), Int(now_ms), Text(by)}));
  return Ok();
}

Status UpdateFormDefinition(Connection& conn, const ReportForm& form) {
  HOPTAC_TRY(conn.Exec("UPDATE report_forms SET definition = $1 WHERE code = $2 AND version = $3",
                       {Text(form.definition), Text(form.code), Int(form.version)}));
  return Ok();
}

Result<int64_t> CountReports(Connection& conn, const std::string& code, int version) {
  HOPTAC_ASSIGN_OR_RETURN(auto row,
                          conn.QueryOne("SELECT COUNT(*) FROM reports WHERE form_code = $1 AND form_version = $2",
                                        {Text(code), Int(version)}));
  return row ? std::get<int64_t>((*row)[0]) : 0;
}

Result<std::optional<Report>> LoadReport(Connection& conn, int64_t id) {
  std::optional<Report> report;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kReportColumns + " FROM reports WHERE id = $1",
                        std::vector<Value>{Int(id)}, [&](const RowView& row) -> Status {
                          report = ReadReport(row);
                          return Ok();
                        }));
  if (!report) return report;
  HOPTAC_TRY(conn.Query(
      "SELECT field_code, value, registry_value, registry_source, note, entered_by, entered_at_ms FROM report_values "
      "WHERE report_id = $1",
      std::vector<Value>{Int(id)}, [&](const RowView& row) -> Status {
        ReportValue v;
        boost::system::error_code ec;
        if (!row.IsNull(1)) v.value = boost::json::parse(row.GetText(1), ec);
        if (!row.IsNull(2)) v.registry_value = boost::json::parse(row.GetText(2), ec);
        v.registry_source = OptText(row, 3);
        v.note = OptText(row, 4);
        v.entered_by = OptText(row, 5);
        v.entered_at_ms = OptInt(row, 6).value_or(0);
        report->values[std::string(row.GetText(0))] = std::move(v);
        return Ok();
      }));
  HOPTAC_TRY(conn.Query("SELECT action, by_name, at_ms, comment FROM report_events WHERE report_id = $1 ORDER BY id",
                        std::vector<Value>{Int(id)}, [&](const RowView& row) -> Status {
                          report->history.push_back({std::string(row.GetText(0)), std::string(row.GetText(1)),
                                                     row.GetInt(2), OptText(row, 3)});
                          return Ok();
                        }));
  return report;
}

Result<std::optional<int64_t>> FindReport(Connection& conn, const std::string& form_code, const std::string& period,
                                          const std::string& province_code, int64_t entity_id) {
  HOPTAC_ASSIGN_OR_RETURN(auto row,
                          conn.QueryOne("SELECT id FROM reports WHERE form_code = $1 AND period = $2 AND "
                                        "province_code = $3 AND entity_id = $4",
                                        {Text(form_code), Text(period), Text(province_code), Int(entity_id)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(std::get<int64_t>((*row)[0]));
}

Status InsertReport(Connection& conn, Report& report) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne(
          "INSERT INTO reports (form_code, form_version, period, period_end, province_code, entity_id, status, "
          "due_date, created_at_ms, created_by, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11) RETURNING id",
          {Text(report.form_code), Int(report.form_version), Text(report.period.ToString()),
           Text(report.period.End().ToIso()), Text(report.province_code), Int(report.entity_id),
           Text(ReportStatusName(report.status)), Text(report.due_date.ToIso()), Int(report.created_at_ms),
           Text(report.created_by), Int(report.updated_at_ms)}));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  report.id = std::get<int64_t>((*row)[0]);
  return PutValues(conn, report.id, report.values);
}

Status PutValues(Connection& conn, int64_t report_id, const std::map<std::string, ReportValue>& values) {
  for (const auto& [code, v] : values) {
    HOPTAC_TRY(
        conn.Exec("INSERT INTO report_values (report_id, field_code, value, registry_value, registry_source, note, "
                  "entered_by, entered_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (report_id, "
                  "field_code) DO UPDATE SET value = excluded.value, registry_value = excluded.registry_value, "
                  "registry_source = excluded.registry_source, note = excluded.note, entered_by = "
                  "excluded.entered_by, entered_at_ms = excluded.entered_at_ms",
                  {Int(report_id), Text(code), v.value.is_null() ? Null() : Text(boost::json::serialize(v.value)),
                   v.registry_value ? Text(boost::json::serialize(*v.registry_value)) : Null(),
                   storage::TextOrNull(v.registry_source), storage::TextOrNull(v.note),
                   storage::TextOrNull(v.entered_by), v.entered_at_ms ? Int(v.entered_at_ms) : Null()}));
  }
  return Ok();
}

Status UpdateReportState(Connection& conn, const Report& r) {
  HOPTAC_TRY(
      conn.Exec("UPDATE reports SET status = $1, first_submitted_at_ms = $2, submitted_at_ms = $3, submitted_by = $4, "
                "approved_at_ms = $5, approved_by = $6, return_comment = $7, updated_at_ms = $8 WHERE id = $9",
                {Text(ReportStatusName(r.status)), OptValue(r.first_submitted_at_ms), OptValue(r.submitted_at_ms),
                 storage::TextOrNull(r.submitted_by), OptValue(r.approved_at_ms), storage::TextOrNull(r.approved_by),
                 storage::TextOrNull(r.return_comment), Int(r.updated_at_ms), Int(r.id)}));
  return Ok();
}

Status AppendEvent(Connection& conn, int64_t report_id, const ReportEvent& e) {
  HOPTAC_TRY(
      conn.Exec("INSERT INTO report_events (report_id, action, by_name, at_ms, comment) VALUES ($1, $2, $3, $4, $5)",
                {Int(report_id), Text(e.action), Text(e.by), Int(e.at_ms), storage::TextOrNull(e.comment)}));
  return Ok();
}

namespace {

// " WHERE …" of a query, its parameters appended to `params`.
std::string Where(const ReportQuery& q, std::vector<Value>& params) {
  std::string sql = " WHERE 1 = 1";
  auto add = [&](const char* column, Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (!q.form_code.empty()) add("form_code", Text(q.form_code));
  if (!q.period.empty()) add("period", Text(q.period));
  if (!q.province_code.empty()) add("province_code", Text(q.province_code));
  if (q.status) add("status", Text(ReportStatusName(*q.status)));
  if (q.entity_id) add("entity_id", Int(*q.entity_id));
  if (!q.province_codes.empty()) {
    sql += " AND province_code IN (";
    for (size_t i = 0; i < q.province_codes.size(); ++i) {
      params.push_back(Text(q.province_codes[i]));
      sql += (i ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  return sql;
}

}  // namespace

Result<std::vector<Report>> QueryReports(Connection& conn, const ReportQuery& q) {
  std::vector<Value> params;
  std::string sql = std::string("SELECT ") + kReportColumns + " FROM reports" + Where(q, params) + " ORDER BY id";
  if (q.limit >= 0) {
    params.push_back(Int(q.limit));
    sql += " LIMIT $" + std::to_string(params.size());
    params.push_back(Int(q.offset));
    sql += " OFFSET $" + std::to_string(params.size());
  }
  std::vector<Report> out;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    out.push_back(ReadReport(row));
    return Ok();
  }));
  return out;
}

Result<int64_t> CountReports(Connection& conn, const ReportQuery& q) {
  std::vector<Value> params;
  std::string sql = "SELECT COUNT(*) FROM reports" + Where(q, params);
  int64_t n = 0;
  HOPTAC_TRY(conn.Query(sql, params, [&](const RowView& row) -> Status {
    n = row.GetInt(0);
    return Ok();
  }));
  return n;
}

}  // namespace hoptac::reporting

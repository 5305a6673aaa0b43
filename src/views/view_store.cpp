#include "views/view_store.h"

#include <string>

namespace hoptac::views {
namespace {

using storage::Connection;
using storage::Int;
using storage::RowView;
using storage::Text;

constexpr const char* kColumns =
    "id, owner_user_id, owner_name, province_code, name, page, query, visibility, created_at_ms, updated_at_ms";

SavedView Read(const RowView& row) {
  SavedView v;
  v.id = row.GetInt(0);
  v.owner_user_id = row.GetInt(1);
  v.owner_name = std::string(row.GetText(2));
  v.province_code = std::string(row.GetText(3));
  v.name = std::string(row.GetText(4));
  v.page = std::string(row.GetText(5));
  v.query = std::string(row.GetText(6));
  v.visibility = VisibilityFromName(row.GetText(7)).value_or(Visibility::kPrivate);
  v.created_at_ms = row.GetInt(8);
  v.updated_at_ms = row.GetInt(9);
  return v;
}

}  // namespace

Result<std::optional<SavedView>> LoadView(Connection& conn, int64_t id) {
  std::optional<SavedView> out;
  std::vector<storage::Value> params{Int(id)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns + " FROM saved_views WHERE id = $1", params,
                        [&](const RowView& row) -> Status {
                          out = Read(row);
                          return Ok();
                        }));
  return out;
}

Result<std::vector<SavedView>> LoadVisibleViews(Connection& conn, int64_t user_id, const std::string& province_code) {
  std::vector<SavedView> out;
  std::vector<storage::Value> params{Int(user_id), Text(province_code)};
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kColumns +
                            " FROM saved_views WHERE owner_user_id = $1 OR visibility = 'country' OR "
                            "(visibility = 'province' AND province_code = $2 AND province_code <> '') "
                            "ORDER BY updated_at_ms DESC, id DESC",
                        params, [&](const RowView& row) -> Status {
                          out.push_back(Read(row));
                          return Ok();
                        }));
  return out;
}

Status InsertView(Connection& conn, SavedView& view) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne(
          "INSERT INTO saved_views (owner_user_id, owner_name, province_code, name, page, query, "
          "visibility, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "RETURNING id",
          {Int(view.owner_user_id), Text(view.owner_name), Text(view.province_code), Text(view.name), Text(view.page),
           Text(view.query), Text(VisibilityName(view.visibility)), Int(view.created_at_ms), Int(view.updated_at_ms)}));
  if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
  view.id = std::get<int64_t>((*row)[0]);
  return Ok();
}

Status UpdateView(Connection& conn, const SavedView& view) {
  HOPTAC_TRY(
      conn.Exec("UPDATE saved_views SET name = $1, query = $2, visibility = $3, updated_at_ms = $4 WHERE id = $5",
                {Text(view.name), Text(view.query), Text(VisibilityName(view.visibility)), Int(view.updated_at_ms),
                 Int(view.id)}));
  return Ok();
}

Status DeleteView(Connection& conn, int64_t id) {
  HOPTAC_TRY(conn.Exec("DELETE FROM saved_view_start WHERE view_id = $1", {Int(id)}));
  HOPTAC_TRY(conn.Exec("DELETE FROM saved_views WHERE id = $1", {Int(id)}));
  return Ok();
}

Result<std::optional<int64_t>> LoadStartView(Connection& conn, int64_t user_id) {
  HOPTAC_ASSIGN_OR_RETURN(auto row,
                          conn.QueryOne("SELECT view_id FROM saved_view_start WHERE user_id = $1", {Int(user_id)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(std::get<int64_t>((*row)[0]));
}

Status PutStartView(Connection& conn, int64_t user_id, std::optional<int64_t> view_id) {
  HOPTAC_TRY(conn.Exec("DELETE FROM saved_view_start WHERE user_id = $1", {Int(user_id)}));
  if (view_id)
    HOPTAC_TRY(
        conn.Exec("INSERT INTO saved_view_start (user_id, view_id) VALUES ($1, $2)", {Int(user_id), Int(*view_id)}));
  return Ok();
}

}  // namespace hoptac::views

#include "views/view_service.h"

#include <boost/json.hpp>
#include <chrono>

#include "storage/audit.h"
#include "text/normalize.h"
#include "views/view_access.h"
#include "views/view_json.h"
#include "views/view_store.h"

namespace hoptac::views {
namespace {

using storage::Connection;

Error NotFound(int64_t id) { return Error::Make(ErrorCode::kNotFound, "error.view_not_found", {std::to_string(id)}); }

Error SignedInOnly() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }

storage::AuditRecord AuditOf(const auth::Principal& who, std::string action, const SavedView& view, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = "saved_view";
  a.object_id = std::to_string(view.id);
  a.province_code = view.province_code;
  return a;
}

// Validates a name (normalised), a query and a visibility; field errors collected.
class Checks {
 public:
  std::string Name(const std::string& raw) {
    text::NormalizedText n = text::NormalizeText(raw);
    if (!n.valid || !n.visible) {
      errors_.push_back({"name", "required", "field.required", {}});
    } else if (n.text.size() > kMaxNameLength) {
      errors_.push_back({"name", "too_long", "field.too_long", {std::to_string(kMaxNameLength)}});
    }
    return n.text;
  }
  std::string Query(std::string query) {
    if (!query.empty() && query.front() == '?') query.erase(0, 1);
    if (query.size() > kMaxQueryLength)
      errors_.push_back({"query", "too_long", "field.too_long", {std::to_string(kMaxQueryLength)}});
    return query;
  }
  Visibility Vis(const auth::Principal& who, const std::string& name) {
    auto v = VisibilityFromName(name);
    if (!v) {
      errors_.push_back({"visibility", "invalid_enum", "field.invalid_enum", {name, "private, province, country"}});
      return Visibility::kPrivate;
    }
    Status allowed = CheckVisibility(who, *v);
    if (!allowed.ok())
      for (auto& f : allowed.error().fields) errors_.push_back(f);
    return *v;
  }
  void Page(const std::string& page) {
    if (!KnownPage(page)) errors_.push_back({"page", "invalid_enum", "field.invalid_enum", {page, "dashboard, pivot"}});
  }
  Status Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace

ViewService::ViewService(storage::Db& db, NowMs now_ms) : db_(db), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Result<ViewList> ViewService::List(const auth::Principal& who, const std::string& page) const {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  ViewList list;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto views,
                            LoadVisibleViews(conn, who.user_id, who.province_bound() ? who.province_code : ""));
    for (auto& v : views)
      if (MayRead(who, v) && (page.empty() || v.page == page)) list.views.push_back(std::move(v));
    HOPTAC_ASSIGN_OR_RETURN(auto start, LoadStartView(conn, who.user_id));
    if (start) {
      HOPTAC_ASSIGN_OR_RETURN(auto view, LoadView(conn, *start));
      if (view && MayRead(who, *view)) list.start_id = start;
    }
    return Ok();
  }));
  return list;
}

Result<SavedView> ViewService::Get(const auth::Principal& who, int64_t id) const {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  std::optional<SavedView> view;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(view, LoadView(conn, id));
    return Ok();
  }));
  if (!view || !MayRead(who, *view)) return NotFound(id);
  return *view;
}

Result<SavedView> ViewService::Create(const auth::Principal& who, const NewView& input) {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  Checks checks;
  SavedView view;
  view.name = checks.Name(input.name);
  checks.Page(input.page);
  view.page = input.page;
  view.query = checks.Query(input.query);
  view.visibility = checks.Vis(who, input.visibility.empty() ? "private" : input.visibility);
  HOPTAC_TRY(checks.Finish());
  view.owner_user_id = who.user_id;
  view.owner_name = who.username;
  view.province_code = who.province_bound() ? who.province_code : "";
  view.created_at_ms = view.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertView(conn, view));
    auto audit = AuditOf(who, "saved_view.create", view, view.created_at_ms);
    audit.after_json = boost::json::serialize(ViewJson(view));
    return storage::AppendAudit(conn, audit);
  }));
  return view;
}

Result<SavedView> ViewService::Change(const auth::Principal& who, int64_t id, const ViewChange& change) {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  Checks checks;
  std::optional<std::string> name, query;
  std::optional<Visibility> visibility;
  if (change.name) name = checks.Name(*change.name);
  if (change.query) query = checks.Query(*change.query);
  if (change.visibility) visibility = checks.Vis(who, *change.visibility);
  HOPTAC_TRY(checks.Finish());
  SavedView view;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadView(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound(id);
    if (!MayChange(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.view_not_yours");
    view = *found;
    auto audit = AuditOf(who, "saved_view.update", view, now_ms_());
    audit.before_json = boost::json::serialize(ViewJson(view));
    if (name) view.name = *name;
    if (query) view.query = *query;
    if (visibility) view.visibility = *visibility;
    view.updated_at_ms = audit.at_ms;
    HOPTAC_TRY(UpdateView(conn, view));
    audit.after_json = boost::json::serialize(ViewJson(view));
    return storage::AppendAudit(conn, audit);
  }));
  return view;
}

Status ViewService::Delete(const auth::Principal& who, int64_t id) {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadView(conn, id));
    // A national admin may delete any view; others only what they may open, and of that their own.
    if (!found || (!MayRead(who, *found) && !MayDelete(who, *found))) return NotFound(id);
    if (!MayDelete(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.view_not_yours");
    HOPTAC_TRY(DeleteView(conn, id));
    auto audit = AuditOf(who, "saved_view.delete", *found, now_ms_());
    audit.before_json = boost::json::serialize(ViewJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

Status ViewService::SetStart(const auth::Principal& who, std::optional<int64_t> id) {
  if (!who.authenticated() || who.user_id == 0) return SignedInOnly();
  return db_.Write([&](Connection& conn) -> Status {
    if (id) {
      HOPTAC_ASSIGN_OR_RETURN(auto found, LoadView(conn, *id));
      if (!found || !MayRead(who, *found)) return NotFound(*id);
    }
    return PutStartView(conn, who.user_id, id);
  });
}

}  // namespace hoptac::views

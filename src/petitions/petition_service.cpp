#include "petitions/petition_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>

#include "petitions/petition_json.h"
#include "petitions/petition_store.h"
#include "storage/audit.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::petitions {
namespace {

using auth::Principal;
using auth::Role;
using storage::Connection;

Error NotFound(int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "error.petition_not_found", {std::to_string(id)});
}
Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }
bool Official(const Principal& who) { return who.national() || who.province_bound(); }
bool Cooperative(const Principal& who) {
  return who.authenticated() && who.role == Role::kCooperative && !who.national();
}

// 409 petition.step_not_allowed, with the status and the step in words as field errors
// (their messages in the request's language).
Error StepNotAllowed(const std::string& from, const std::string& to) {
  Error e = Error::Make(ErrorCode::kConflict, "petition.step_not_allowed");
  e.fields.push_back({"from", from, "petition.status." + from, {}});
  e.fields.push_back({"to", to, "petition.step." + to, {}});
  return e;
}

storage::AuditRecord AuditOf(const Principal& who, std::string action, const Petition& p, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = "petition";
  a.object_id = std::to_string(p.id);
  a.province_code = p.current_province_code;
  return a;
}

class Checks {
 public:
  std::string Text(const std::string& field, const std::string& raw, bool required, size_t max) {
    text::NormalizedText n = text::NormalizeText(raw);
    if (!n.valid || !n.visible) {
      if (required) errors_.push_back({field, "required", "field.required", {}});
      return std::string();
    }
    if (n.text.size() > max) errors_.push_back({field, "too_long", "field.too_long", {std::to_string(max)}});
    return n.text;
  }
  void Add(FieldError e) { errors_.push_back(std::move(e)); }
  Status Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

 private:
  std::vector<FieldError> errors_;
};

template <class T>
std::vector<T> Page(std::vector<T> all, int offset, int limit) {
  if (offset >= static_cast<int>(all.size())) return {};
  auto first = all.begin() + offset;
  auto last = limit >= static_cast<int>(all.end() - first) ? all.end() : first + limit;
  return std::vector<T>(std::make_move_iterator(first), std::make_move_iterator(last));
}

bool Matches(const std::vector<std::string>& words, const std::string& text) {
  if (words.empty()) return true;
  const std::string hay = text::Fold(text);
  for (const std::string& w : words)
    if (hay.find(w) == std::string::npos) return false;
  return true;
}

}  // namespace

PetitionService::PetitionService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                 registry::EntityService& entities, auth::AccountService& accounts, const Links& links,
                                 NowMs now_ms)
    : db_(db),
      units_(std::move(units)),
      entities_(entities),
      accounts_(accounts),
      links_(links),
      now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date PetitionService::Today() const { return DayOf(now_ms_()); }

std::string PetitionService::ProvinceName(const std::string& code) const {
  const geo::AdminUnit* unit = units_->Find(geo::AdminLevel::kProvince, code, Today());
  return unit ? unit->name : code;
}

bool PetitionService::MayRead(const Principal& who, const Petition& p) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return p.current_province_code == who.province_code;
  if (Cooperative(who))
    return who.entity_id != 0 &&
           std::find(p.entity_ids.begin(), p.entity_ids.end(), who.entity_id) != p.entity_ids.end();
  return false;
}

May PetitionService::MayOf(const Principal& who, const Petition& p) const {
  May m;
  if (!MayRead(who, p)) return m;
  const bool open = p.status == "received" || p.status == "assigned";
  if (Official(who)) {
    m.edit = open;
    m.assign = MayMove(p.status, "assigned");
    m.answer = MayMove(p.status, "answered");
    m.close = MayMove(p.status, "closed");
    m.reopen = MayMove(p.status, "reopened");
  } else if (Cooperative(who)) {
    m.edit = p.status == "received" && p.source == "cooperative";
  }
  return m;
}

std::optional<PersonRef> PetitionService::Person(int64_t user_id) const {
  if (user_id == 0) return std::nullopt;
  auto user = accounts_.GetUser(Principal::Cli("petitions"), user_id);
  if (!user.ok()) return PersonRef{user_id, "", ""};
  return PersonRef{user->id, user->username, user->display_name};
}

// ---- Reading ----

Result<PetitionPage> PetitionService::List(const Principal& who, const PetitionQuery& q) const {
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Petition> kept, Scoped(who, q, true));
  PetitionPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Page(std::move(kept), q.offset, q.limit);
  return page;
}

Result<std::vector<Petition>> PetitionService::Scoped(const Principal& who, const PetitionQuery& q,
                                                      bool with_entities) const {
  if (!Official(who) && !Cooperative(who)) return Denied();
  PetitionFilter f;
  // The statistics (no entities asked) read no texts unless they search them.
  f.without_texts = !with_entities && q.q.empty();
  f.statuses = q.statuses;
  f.themes = q.themes;
  f.entity_id = q.entity;
  f.activity_id = q.activity;
  f.from = q.from;
  f.to = q.to;
  if (who.province_bound()) {
    f.all = false;
    if (q.province.empty() || q.province == who.province_code) f.provinces = {who.province_code};
  } else if (!q.province.empty()) {
    f.all = false;
    f.provinces = {q.province};
  }
  if (Cooperative(who)) {
    if (q.entity != 0 && q.entity != who.entity_id) return std::vector<Petition>{};
    f.entity_id = who.entity_id;
    with_entities = true;  // MayRead reads them
  }
  std::vector<Petition> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadPetitions(conn, f, with_entities));
    return Ok();
  }));
  const std::vector<std::string> words = text::FoldedWords(q.q);
  const Date today = Today();
  std::vector<Petition> kept;
  for (Petition& p : all) {
    if (!MayRead(who, p)) continue;
    if (q.overdue_only && !Overdue(p, today)) continue;
    if (!Matches(words, p.content + " " + p.answer_text)) continue;
    kept.push_back(std::move(p));
  }
  return kept;
}

Result<Petition> PetitionService::Get(const Principal& who, int64_t id) const {
  if (!Official(who) && !Cooperative(who)) return Denied();
  std::optional<Petition> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadPetition(conn, id));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return NotFound(id);
  return std::move(*found);
}

Result<PetitionDetails> PetitionService::Details(const Principal& who, Petition p, bool with_steps) const {
  PetitionDetails d;
  d.province_name = ProvinceName(p.current_province_code);
  for (int64_t id : p.entity_ids) {
    auto r = entities_.Get(Principal::Cli("petitions"), id);
    if (r.ok()) d.entities.push_back({r->entity.id, r->entity.name, r->current_province_code});
  }
  if (p.activity_id != 0) {
    HOPTAC_ASSIGN_OR_RETURN(d.activity, links_.Activity(p.activity_id));
  }
  d.assignee = Person(p.assignee_user_id);
  d.answered_by = Person(p.answered_by);
  if (with_steps)
    HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(d.steps, LoadSteps(conn, p.id));
      return Ok();
    }));
  const Date today = Today();
  d.overdue = Overdue(p, today);
  d.days_overdue = DaysOverdue(p, today);
  d.may = MayOf(who, p);
  d.petition = std::move(p);
  return d;
}

// ---- Writing ----

Status PetitionService::Check(const Principal& who, Petition& p, bool creating) const {
  Checks c;
  // Theme: a known, active one (an inactive theme stays on the petitions that have it).
  std::vector<Theme> themes;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(themes, LoadThemes(conn));
    return Ok();
  }));
  if (p.theme.empty()) {
    c.Add({"theme", "required", "field.required", {}});
  } else {
    auto t = std::find_if(themes.begin(), themes.end(), [&](const Theme& x) { return x.code == p.theme; });
    std::string names;
    for (const Theme& x : themes)
      if (x.active) names += (names.empty() ? "" : ", ") + x.code;
    if (t == themes.end() || (!t->active && creating))
      c.Add({"theme", "invalid_enum", "field.invalid_enum", {p.theme, names}});
  }
  p.content = c.Text("content", p.content, true, kMaxContentLength);
  if (!OneOf(kAddressedKinds, p.addressed_kind))
    c.Add({"addressed_to.kind", "invalid_enum", "field.invalid_enum", {p.addressed_kind, NamesText(kAddressedKinds)}});
  p.addressed_name = c.Text("addressed_to.name", p.addressed_name, false, kMaxNameLength);
  const Date today = Today();
  if (p.raised_on > today) c.Add({"raised_on", "in_future", "field.petition_raised_in_future", {p.raised_on.ToIso()}});
  if (p.raised_on.year() < 1945) c.Add({"raised_on", "out_of_range", "field.date_out_of_range", {p.raised_on.ToIso()}});
  // The province as of the day it was raised, followed to today's.
  p.current_province_code.clear();
  if (p.province_code.empty()) {
    c.Add({"province", "required", "field.required", {}});
  } else if (!units_->Find(geo::AdminLevel::kProvince, p.province_code, p.raised_on)) {
    c.Add({"province", "unknown_province_on", "field.unknown_province_on", {p.province_code, p.raised_on.ToIso()}});
  } else {
    p.current_province_code =
        registry::CurrentProvinceCode(*units_, p.province_code, p.raised_on, today).value_or(p.province_code);
  }
  // Entities: in the registry, of the petition's province; each once.
  if (p.entity_ids.size() > kMaxEntities)
    c.Add({"entity_ids", "too_many", "field.too_many_items", {std::to_string(kMaxEntities)}});
  {
    std::set<int64_t> seen;
    std::vector<int64_t> unique;
    for (size_t i = 0; i < p.entity_ids.size() && i < kMaxEntities; ++i) {
      const int64_t id = p.entity_ids[i];
      if (!seen.insert(id).second) continue;
      unique.push_back(id);
      const std::string at = "entity_ids[" + std::to_string(i) + "]";
      auto r = entities_.Get(Principal::Cli("petitions"), id);
      if (!r.ok())
        c.Add({at, "unknown_entity", "field.petition_unknown_entity", {std::to_string(id)}});
      else if (!p.current_province_code.empty() && r->current_province_code != p.current_province_code)
        c.Add({at,
               "entity_other_province",
               "field.petition_entity_other_province",
               {std::to_string(id), r->current_province_code, p.current_province_code}});
    }
    std::sort(unique.begin(), unique.end());
    p.entity_ids = std::move(unique);
  }
  HOPTAC_TRY(c.Finish());
  if (who.province_bound() && p.current_province_code != who.province_code) {
    Error e = Error::Make(ErrorCode::kPermissionDenied, "error.petition_out_of_scope", {p.province_code});
    e.fields.push_back({"province", "out_of_scope", "field.petition_province_out_of_scope", {p.province_code}});
    return e;
  }
  return Ok();
}

namespace {

void Apply(const PetitionInput& in, Petition& p) {
  if (in.entities) p.entity_ids = *in.entities;
  if (in.theme) p.theme = *in.theme;
  if (in.content) p.content = *in.content;
  if (in.addressed_to) {
    p.addressed_kind = in.addressed_to->kind;
    p.addressed_name = in.addressed_to->name;
  }
}

}  // namespace

Result<Petition> PetitionService::Create(const Principal& who, const PetitionInput& in) {
  if (!Official(who) && !Cooperative(who)) return Denied();
  Petition p;
  Apply(in, p);
  if (!in.theme) p.theme.clear();
  p.raised_on = Today();
  if (Cooperative(who)) {
    // Its own entity only, in its entity's province; no activity.
    p.source = "cooperative";
    if (in.entities && !(in.entities->size() == 1 && in.entities->front() == who.entity_id) && !in.entities->empty())
      return Error::Make(ErrorCode::kPermissionDenied, "error.petition_own_entity_only");
    p.entity_ids = {who.entity_id};
    auto entity = entities_.Get(Principal::Cli("petitions"), who.entity_id);
    if (!entity.ok()) return Denied();
    p.province_code = entity->current_province_code;
    if (in.raised_on) p.raised_on = *in.raised_on;
    if (in.activity)
      return Error::InvalidField("activity_id", "officials_only", "field.petition_activity_officials", {});
  } else {
    p.source = "officer";
    if (in.activity) {
      HOPTAC_ASSIGN_OR_RETURN(auto activity, links_.Activity(*in.activity));
      if (!activity)
        return Error::InvalidField("activity_id", "unknown_activity", "field.petition_unknown_activity",
                                   {std::to_string(*in.activity)});
      p.activity_id = activity->id;
      p.province_code = activity->province_code;
      p.raised_on = activity->from_date;
    } else if (who.province_bound()) {
      p.province_code = who.province_code;
    }
    if (in.province) p.province_code = *in.province;
    if (in.raised_on) p.raised_on = *in.raised_on;
    if (!in.province && !in.activity && !who.province_bound() && !p.entity_ids.empty()) {
      // A national account naming entities: their province.
      auto first = entities_.Get(Principal::Cli("petitions"), p.entity_ids.front());
      if (first.ok()) p.province_code = first->current_province_code;
    }
  }
  HOPTAC_TRY(Check(who, p, true));
  const int64_t now = now_ms_();
  p.status = "received";
  p.created_by = who.user_id;
  p.created_at_ms = p.updated_at_ms = now;
  // The code is the year's next number: two servers numbering at once on PostgreSQL meet on its
  // unique key (error.conflict), and the later one numbers again.
  Status written = Ok();
  for (int attempt = 0; attempt < 50; ++attempt) {
    written = db_.Write([&](Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(p.code, NextCode(conn, p.raised_on.year()));
      HOPTAC_TRY(InsertPetition(conn, p));
      HOPTAC_TRY(AppendStep(conn, p.id, {"received", now, who.user_id, who.AuditName(), ""}));
      auto audit = AuditOf(who, "petition.create", p, now);
      audit.after_json = boost::json::serialize(PetitionJson(p));
      return storage::AppendAudit(conn, audit);
    });
    if (written.ok() || written.error().key != "error.conflict") break;
  }
  HOPTAC_TRY(written);
  return p;
}

Result<Petition> PetitionService::Change(const Principal& who, int64_t id, const PetitionInput& in) {
  if (!Official(who) && !Cooperative(who)) return Denied();
  Petition before;
  HOPTAC_ASSIGN_OR_RETURN(before, Get(who, id));
  if (!MayOf(who, before).edit) {
    if (Official(who)) return StepNotAllowed(before.status, "edited");
    return Error::Make(ErrorCode::kPermissionDenied, "error.petition_read_only");
  }
  Petition p = before;
  Apply(in, p);
  if (Cooperative(who) && p.entity_ids != std::vector<int64_t>{who.entity_id})
    return Error::Make(ErrorCode::kPermissionDenied, "error.petition_own_entity_only");
  HOPTAC_TRY(Check(who, p, false));
  p.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto current, LoadPetition(conn, id));
    if (!current || current->updated_at_ms != before.updated_at_ms || current->status != before.status)
      return Error::Make(ErrorCode::kConflict, "error.petition_changed");
    HOPTAC_TRY(UpdatePetition(conn, p));
    auto audit = AuditOf(who, "petition.update", p, p.updated_at_ms);
    audit.before_json = boost::json::serialize(PetitionJson(before));
    audit.after_json = boost::json::serialize(PetitionJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Result<Petition> PetitionService::Move(const Principal& who, int64_t id, const std::string& step,
                                       const std::function<Status(Petition&, Step&)>& change) {
  if (!Official(who) && !Cooperative(who)) return Denied();
  Petition p;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadPetition(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound(id);
    if (!Official(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.petition_officials_only");
    if (!MayMove(found->status, step)) return StepNotAllowed(found->status, step);
    p = *found;
    const int64_t now = now_ms_();
    Step s{step, now, who.user_id, who.AuditName(), ""};
    HOPTAC_TRY(change(p, s));
    p.status = StatusAfter(step);
    p.updated_at_ms = now;
    HOPTAC_TRY(UpdatePetition(conn, p));
    HOPTAC_TRY(AppendStep(conn, p.id, s));
    auto audit = AuditOf(who,
                         "petition." + (step == "reopened"   ? std::string("reopen")
                                        : step == "assigned" ? std::string("assign")
                                        : step == "answered" ? std::string("answer")
                                                             : std::string("close")),
                         p, now);
    audit.before_json = boost::json::serialize(PetitionJson(*found));
    audit.after_json = boost::json::serialize(PetitionJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Result<Petition> PetitionService::Assign(const Principal& who, int64_t id, const AssignInput& in) {
  const Date today = Today();
  // Checks that need no petition first (the assignee's province needs it: inside).
  Checks c;
  const std::string agency = c.Text("agency", in.agency, false, kMaxNameLength);
  if (in.assignee == 0 && agency.empty()) c.Add({"assignee", "required", "field.petition_assignee_or_agency", {}});
  if (in.due_on && *in.due_on < today)
    c.Add({"due_on", "before_assigned", "field.petition_due_before_assigned", {in.due_on->ToIso(), today.ToIso()}});
  std::optional<auth::User> assignee;
  if (in.assignee != 0) {
    auto user = accounts_.GetUser(Principal::Cli("petitions"), in.assignee);
    const bool official_role =
        user.ok() && (user->role == Role::kNationalAdmin || user->role == Role::kNationalOfficer ||
                      user->role == Role::kProvinceAdmin || user->role == Role::kProvinceOfficer);
    if (!user.ok() || user->disabled || !official_role)
      c.Add({"assignee", "invalid_assignee", "field.petition_assignee_invalid", {std::to_string(in.assignee)}});
    else
      assignee = *user;
  }
  HOPTAC_TRY(c.Finish());
  return Move(who, id, "assigned", [&](Petition& p, Step& s) -> Status {
    if (assignee && (assignee->role == Role::kProvinceAdmin || assignee->role == Role::kProvinceOfficer) &&
        assignee->province_code != p.current_province_code)
      return Error::InvalidField("assignee", "assignee_other_province", "field.petition_assignee_other_province",
                                 {assignee->username, p.current_province_code});
    p.assignee_user_id = assignee ? assignee->id : 0;
    p.agency = agency;
    p.assigned_on = today;
    p.due_on = in.due_on ? *in.due_on : Date::FromDays(today.days() + kDefaultDueDays);
    s.note = (assignee ? assignee->username : std::string()) + (assignee && !agency.empty() ? "; " : "") + agency +
             " — " + p.due_on->ToIso();
    return Ok();
  });
}

Result<Petition> PetitionService::Answer(const Principal& who, int64_t id, const std::string& text, bool is_public) {
  Checks c;
  const std::string answer = c.Text("text", text, true, kMaxAnswerLength);
  HOPTAC_TRY(c.Finish());
  const Date today = Today();
  return Move(who, id, "answered", [&](Petition& p, Step& s) -> Status {
    if (p.status == "received") {
      p.assignee_user_id = who.user_id;
      if (!p.assigned_on) p.assigned_on = today;
    }
    p.answer_text = answer;
    p.answer_public = is_public;
    p.answered_by = who.user_id;
    p.answered_at_ms = s.at_ms;
    s.note = answer;
    return Ok();
  });
}

Result<Petition> PetitionService::Close(const Principal& who, int64_t id) {
  return Move(who, id, "closed", [&](Petition& p, Step& s) -> Status {
    p.closed_at_ms = s.at_ms;
    return Ok();
  });
}

Result<Petition> PetitionService::Reopen(const Principal& who, int64_t id, const std::string& reason) {
  Checks c;
  const std::string why = c.Text("reason", reason, true, kMaxContentLength);
  HOPTAC_TRY(c.Finish());
  const Date today = Today();
  return Move(who, id, "reopened", [&](Petition& p, Step& s) -> Status {
    p.reopen_reason = why;
    p.assigned_on = today;
    p.due_on = Date::FromDays(today.days() + kDefaultDueDays);
    p.answer_text.clear();
    p.answer_public = false;
    p.answered_by = 0;
    p.answered_at_ms = 0;
    p.closed_at_ms = 0;
    if (p.assignee_user_id == 0 && p.agency.empty()) p.assignee_user_id = who.user_id;
    s.note = why;
    return Ok();
  });
}

// ---- Statistics and the public answers ----

Result<std::vector<PersonRef>> PetitionService::Assignees(const Principal& who, const std::string& province) const {
  if (!Official(who)) return Denied();
  if (who.province_bound() && !province.empty() && province != who.province_code)
    return Error::Make(ErrorCode::kPermissionDenied, "error.petition_out_of_scope", {province});
  const std::string wanted = who.province_bound() ? who.province_code : province;
  HOPTAC_ASSIGN_OR_RETURN(std::vector<auth::User> users, accounts_.ListUsers(Principal::Cli("petitions")));
  std::vector<PersonRef> out;
  for (const auth::User& u : users) {
    if (u.disabled) continue;
    bool national = u.role == Role::kNationalAdmin || u.role == Role::kNationalOfficer;
    bool of_province = (u.role == Role::kProvinceAdmin || u.role == Role::kProvinceOfficer) && !wanted.empty() &&
                       u.province_code == wanted;
    if (national || of_province) out.push_back({u.id, u.username, u.display_name});
  }
  // The province's own officials first, then the national ones; by name within each.
  auto rank = [&](const PersonRef& p) {
    for (const auth::User& u : users)
      if (u.id == p.id) return u.province_code == wanted && !wanted.empty() ? 0 : 1;
    return 1;
  };
  std::stable_sort(out.begin(), out.end(), [&](const PersonRef& a, const PersonRef& b) {
    int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    const std::string& na = a.display_name.empty() ? a.username : a.display_name;
    const std::string& nb = b.display_name.empty() ? b.username : b.display_name;
    return na < nb;
  });
  return out;
}

Result<PetitionStats> PetitionService::Stats(const Principal& who, const StatsQuery& q) const {
  PetitionQuery list;
  list.province = q.province;
  if (!q.theme.empty()) list.themes = {q.theme};
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Petition> scoped, Scoped(who, list, false));
  const Date today = Today();
  PetitionStats s;
  s.year = (q.to ? *q.to : today).year();
  std::vector<Theme> themes;
  HOPTAC_ASSIGN_OR_RETURN(themes, Themes());
  std::map<std::string, size_t> theme_order;
  for (size_t i = 0; i < themes.size(); ++i) theme_order[themes[i].code] = i;
  std::map<std::string, ThemeCount> by_theme;
  std::map<std::string, int64_t> by_status, by_month;
  std::map<std::string, ProvinceCount> by_province;
  std::map<std::string, std::vector<int>> province_days;
  std::map<std::string, YearOnYear> yoy;
  std::vector<int> days;
  for (const Petition& p : scoped) {
    const int year = p.raised_on.year();
    if (year == s.year || year == s.year - 1) {
      YearOnYear& y = yoy[p.theme];
      y.theme = p.theme;
      (year == s.year ? y.this_year : y.last_year) += 1;
    }
    if ((q.from && p.raised_on < *q.from) || (q.to && p.raised_on > *q.to)) continue;
    ++s.total;
    const bool overdue = Overdue(p, today);
    const std::optional<int> answer_days = DaysToAnswer(p);
    if (overdue) ++s.overdue;
    if (answer_days) {
      ++s.answered;
      if (OnTime(p)) ++s.answered_on_time;
      days.push_back(*answer_days);
      province_days[p.current_province_code].push_back(*answer_days);
    }
    ThemeCount& t = by_theme[p.theme];
    t.theme = p.theme;
    ++t.count;
    if (answer_days) ++t.answered;
    if (overdue) ++t.overdue;
    ++by_status[p.status];
    ++by_month[p.raised_on.ToIso().substr(0, 7)];
    ProvinceCount& pc = by_province[p.current_province_code];
    pc.province = p.current_province_code;
    ++pc.count;
    if (overdue) ++pc.overdue;
  }
  s.median_days_to_answer = Median(days);
  for (auto& [code, t] : by_theme) s.by_theme.push_back(t);
  auto order = [&](const std::string& theme) {
    auto f = theme_order.find(theme);
    return f == theme_order.end() ? theme_order.size() : f->second;
  };
  std::stable_sort(s.by_theme.begin(), s.by_theme.end(), [&](const ThemeCount& a, const ThemeCount& b) {
    return a.count != b.count ? a.count > b.count : order(a.theme) < order(b.theme);
  });
  for (std::string_view st : kStatuses) s.by_status.emplace_back(std::string(st), by_status[std::string(st)]);
  for (auto& [code, pc] : by_province) {
    pc.name = ProvinceName(code);
    pc.median_days_to_answer = Median(province_days[code]);
    s.by_province.push_back(pc);
  }
  std::stable_sort(s.by_province.begin(), s.by_province.end(),
                   [](const ProvinceCount& a, const ProvinceCount& b) { return a.count > b.count; });
  for (auto& [month, count] : by_month) s.by_month.emplace_back(month, count);
  for (auto& [code, y] : yoy) s.year_on_year.push_back(y);
  std::stable_sort(s.year_on_year.begin(), s.year_on_year.end(), [&](const YearOnYear& a, const YearOnYear& b) {
    return a.this_year != b.this_year ? a.this_year > b.this_year : order(a.theme) < order(b.theme);
  });
  return s;
}

Result<PublicAnswerPage> PetitionService::PublicAnswers(const PublicAnswerQuery& q) const {
  PetitionFilter f;
  f.public_answers_only = true;
  if (!q.theme.empty()) f.themes = {q.theme};
  if (!q.province.empty()) {
    f.all = false;
    f.provinces = {q.province};
  }
  std::vector<Petition> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadPetitions(conn, f, false));
    return Ok();
  }));
  const std::vector<std::string> words = text::FoldedWords(q.q);
  std::vector<PublicAnswer> kept;
  for (const Petition& p : all) {
    if (p.answered_at_ms == 0 || !Matches(words, p.content + " " + p.answer_text)) continue;
    kept.push_back({p.id, p.theme, p.current_province_code, ProvinceName(p.current_province_code), p.content,
                    p.answer_text, p.raised_on, DayOf(p.answered_at_ms)});
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const PublicAnswer& a, const PublicAnswer& b) { return a.answered_on > b.answered_on; });
  PublicAnswerPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Page(std::move(kept), q.offset, q.limit);
  return page;
}

// ---- Themes ----

Result<std::vector<Theme>> PetitionService::Themes() const {
  std::vector<Theme> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadThemes(conn));
    return Ok();
  }));
  return out;
}

Result<Theme> PetitionService::CreateTheme(const Principal& who, const Theme& in) {
  if (!who.authenticated() || !(who.role == Role::kNationalAdmin || who.credential == auth::Credential::kCli))
    return Error::Make(ErrorCode::kPermissionDenied, "error.petition_themes_national_admin");
  Checks c;
  Theme t;
  t.code = in.code;
  if (!ValidThemeCode(t.code)) c.Add({"code", "invalid_code", "field.petition_theme_code", {t.code}});
  t.name_vi = c.Text("name_vi", in.name_vi, true, kMaxNameLength);
  t.name_en = c.Text("name_en", in.name_en, true, kMaxNameLength);
  HOPTAC_TRY(c.Finish());
  t.builtin = false;
  t.active = true;
  const int64_t now = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto themes, LoadThemes(conn));
    for (const Theme& x : themes)
      if (x.code == t.code) return Error::InvalidField("code", "duplicate", "field.petition_theme_exists", {t.code});
    HOPTAC_TRY(InsertTheme(conn, t));
    storage::AuditRecord a;
    a.at_ms = now;
    a.actor_user_id = who.user_id;
    a.actor_name = who.AuditName();
    a.address = who.address;
    a.action = "petition_theme.create";
    a.object_type = "petition_theme";
    a.object_id = t.code;
    a.after_json = boost::json::serialize(ThemeJson(t));
    return storage::AppendAudit(conn, a);
  }));
  return t;
}

Result<Theme> PetitionService::ChangeTheme(const Principal& who, const std::string& code,
                                           std::optional<std::string> name_vi, std::optional<std::string> name_en,
                                           std::optional<bool> active) {
  if (!who.authenticated() || !(who.role == Role::kNationalAdmin || who.credential == auth::Credential::kCli))
    return Error::Make(ErrorCode::kPermissionDenied, "error.petition_themes_national_admin");
  Theme t;
  const int64_t now = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto themes, LoadThemes(conn));
    auto found = std::find_if(themes.begin(), themes.end(), [&](const Theme& x) { return x.code == code; });
    if (found == themes.end()) return Error::Make(ErrorCode::kNotFound, "error.petition_theme_not_found", {code});
    const Theme before = *found;
    t = before;
    Checks c;
    if (name_vi) t.name_vi = c.Text("name_vi", *name_vi, true, kMaxNameLength);
    if (name_en) t.name_en = c.Text("name_en", *name_en, true, kMaxNameLength);
    if (active) t.active = *active;
    HOPTAC_TRY(c.Finish());
    HOPTAC_TRY(UpdateTheme(conn, t));
    storage::AuditRecord a;
    a.at_ms = now;
    a.actor_user_id = who.user_id;
    a.actor_name = who.AuditName();
    a.address = who.address;
    a.action = "petition_theme.update";
    a.object_type = "petition_theme";
    a.object_id = t.code;
    a.before_json = boost::json::serialize(ThemeJson(before));
    a.after_json = boost::json::serialize(ThemeJson(t));
    return storage::AppendAudit(conn, a);
  }));
  return t;
}

}  // namespace hoptac::petitions

#include "activities/activity_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <set>

#include "activities/activity_json.h"
#include "activities/activity_store.h"
#include "storage/audit.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::activities {
namespace {

using auth::Principal;
using storage::Connection;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

Error NotFound(const char* key, int64_t id) { return Error::Make(ErrorCode::kNotFound, key, {std::to_string(id)}); }
Error Denied() { return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied"); }

bool Official(const Principal& who) { return who.national() || who.province_bound(); }

storage::AuditRecord AuditOf(const Principal& who, std::string action, const char* type, int64_t id,
                             const std::string& province, int64_t now) {
  storage::AuditRecord a;
  a.at_ms = now;
  a.actor_user_id = who.user_id;
  a.actor_name = who.AuditName();
  a.address = who.address;
  a.action = std::move(action);
  a.object_type = type;
  a.object_id = std::to_string(id);
  a.province_code = province;
  return a;
}

// Field checks, collected so a caller sees every problem at once.
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
  void Enum(const std::string& field, const std::string& value, std::span<const std::string_view> allowed) {
    if (value.empty())
      errors_.push_back({field, "required", "field.required", {}});
    else if (!OneOf(allowed, value))
      errors_.push_back({field, "invalid_enum", "field.invalid_enum", {value, NamesText(allowed)}});
  }
  void Range(const std::string& field, int64_t value, int64_t lo, int64_t hi) {
    if (value < lo || value > hi)
      errors_.push_back({field, "out_of_range", "field.out_of_range", {std::to_string(lo), std::to_string(hi)}});
  }
  void Add(FieldError e) { errors_.push_back(std::move(e)); }
  bool ok() const { return errors_.empty(); }
  std::vector<FieldError>& errors() { return errors_; }
  Status Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

 private:
  std::vector<FieldError> errors_;
};

void Apply(const ActivityInput& in, Activity& a) {
  if (in.type) a.type = *in.type;
  if (in.title) a.title = *in.title;
  if (in.title_en) a.title_en = *in.title_en;
  if (in.status) a.status = *in.status;
  if (in.province) a.province_code = *in.province;
  if (in.commune) a.commune_code = *in.commune;
  if (in.place) a.place = *in.place;
  if (in.organiser) a.organiser = *in.organiser;
  if (in.description) a.description = *in.description;
  if (in.outcomes) a.outcomes = *in.outcomes;
  if (in.from) a.from = *in.from;
  if (in.to) a.to = *in.to;
  if (in.partners) a.partner_ids = *in.partners;
  if (in.entities) a.entity_ids = *in.entities;
  if (in.programmes) a.programmes = *in.programmes;
  if (in.participants) a.participants = *in.participants;
}

template <class T>
std::vector<T> Page(std::vector<T> all, int offset, int limit) {
  if (offset >= static_cast<int>(all.size())) return {};
  auto first = all.begin() + offset;
  auto last = limit >= static_cast<int>(all.end() - first) ? all.end() : first + limit;
  return std::vector<T>(std::make_move_iterator(first), std::make_move_iterator(last));
}

}  // namespace

ActivityService::ActivityService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                 registry::EntityService& entities, const Links& links, NowMs now_ms)
    : db_(db), units_(std::move(units)), entities_(entities), links_(links), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date ActivityService::Today() const {
  return Date::FromDays(static_cast<int>((now_ms_() + kVietnamOffsetMs) / kDayMs));
}

bool ActivityService::MayRead(const Principal& who, const Activity& a) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return a.current_province_code == who.province_code || a.organiser == "national";
  return a.status == "held";
}

bool ActivityService::MayCreate(const Principal& who) const { return Official(who); }

bool ActivityService::MayWrite(const Principal& who, const Activity& a) const {
  if (who.national()) return true;
  return who.province_bound() && a.current_province_code == who.province_code && a.organiser == "province";
}

bool ActivityService::MayReadList(const Principal& who, const Activity& a) const {
  return who.national() || (who.province_bound() && a.current_province_code == who.province_code);
}

Result<std::optional<ProgrammeInfo>> ActivityService::ProgrammeByCode(const Principal& who,
                                                                      const std::string& code) const {
  return links_.ProgrammeByCode(who, code);
}

Result<std::optional<ProgrammeInfo>> ActivityService::Programme(const Principal& who, int64_t id) const {
  return links_.Programme(who, id);
}

std::optional<int64_t> ActivityService::FindEntity(std::string_view code_or_id) const {
  const Principal system = Principal::Cli("activities");
  auto by_code = entities_.GetByRegistrationCode(system, code_or_id);
  if (by_code.ok()) return by_code->entity.id;
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(code_or_id.data(), code_or_id.data() + code_or_id.size(), id);
  if (ec == std::errc() && ptr == code_or_id.data() + code_or_id.size() && id > 0 && entities_.Get(system, id).ok())
    return id;
  return std::nullopt;
}

Result<EntityInfo> ActivityService::Entity(int64_t id) const {
  HOPTAC_ASSIGN_OR_RETURN(registry::EntityRecord r, entities_.Get(Principal::Cli("activities"), id));
  return EntityInfo{r.entity.id, r.entity.name, domain::EntityKindName(r.entity.kind), r.current_province_code,
                    r.entity.registration_code};
}

// ---- Activities ----

Status ActivityService::CheckActivity(const Principal& who, Activity& a, bool creating) const {
  Checks c;
  c.Enum("type", a.type, kActivityTypes);
  a.title = c.Text("title", a.title, true, kMaxTitleLength);
  a.title_en = c.Text("title_en", a.title_en, false, kMaxTitleLength);
  if (a.status.empty() && creating) a.status = a.from <= Today() ? "held" : "planned";
  c.Enum("status", a.status, kActivityStatuses);
  c.Enum("organiser", a.organiser, kOrganisers);
  if (a.to < a.from) c.Add({"to", "from_after_to", "field.from_after_to", {a.from.ToIso(), a.to.ToIso()}});
  if (a.from.year() < 1945 || a.to.year() > Today().year() + 10)
    c.Add({"from", "out_of_range", "field.date_out_of_range", {a.from.ToIso()}});
  if (a.status == "held" && a.from > Today())
    c.Add({"status", "held_in_future", "field.activity_held_in_future", {a.from.ToIso()}});
  // The province as of the first day, like an entity's: a province merged in 2025 is right for 2023.
  a.current_province_code.clear();
  if (a.province_code.empty()) {
    c.Add({"province", "required", "field.required", {}});
  } else if (!units_->Find(geo::AdminLevel::kProvince, a.province_code, a.from)) {
    c.Add({"province", "unknown_province_on", "field.unknown_province_on", {a.province_code, a.from.ToIso()}});
  } else {
    a.current_province_code =
        registry::CurrentProvinceCode(*units_, a.province_code, a.from, Today()).value_or(a.province_code);
  }
  if (!a.commune_code.empty() && !a.province_code.empty()) {
    const geo::AdminUnit* commune = units_->Find(geo::AdminLevel::kCommune, a.commune_code, a.from);
    if (!commune)
      c.Add({"commune", "unknown_commune", "field.unknown_commune", {a.commune_code}});
    else if (commune->parent_code != a.province_code)
      c.Add({"commune", "commune_not_in_province", "field.commune_not_in_province", {a.commune_code, a.province_code}});
  }
  a.place = c.Text("place", a.place, false, kMaxTitleLength);
  a.description = c.Text("description", a.description, false, kMaxTextLength);
  a.outcomes = c.Text("outcomes", a.outcomes, false, kMaxTextLength);
  if (!a.counts_from_list()) {
    c.Range("participants.total", a.participants.total, 0, kMaxParticipants);
    c.Range("participants.female", a.participants.female, 0, kMaxParticipants);
    c.Range("participants.youth", a.participants.youth, 0, kMaxParticipants);
    if (a.participants.female > a.participants.total)
      c.Add({"participants.female",
             "more_than_total",
             "field.activity_more_than_total",
             {std::to_string(a.participants.female), std::to_string(a.participants.total)}});
    if (a.participants.youth > a.participants.total)
      c.Add({"participants.youth",
             "more_than_total",
             "field.activity_more_than_total",
             {std::to_string(a.participants.youth), std::to_string(a.participants.total)}});
  }
  // Partners: known; each once.
  {
    std::set<int64_t> seen;
    std::vector<int64_t> unique;
    for (size_t i = 0; i < a.partner_ids.size(); ++i) {
      const int64_t id = a.partner_ids[i];
      if (!seen.insert(id).second) continue;
      unique.push_back(id);
      HOPTAC_ASSIGN_OR_RETURN(auto partner, links_.Partner(id));
      if (!partner)
        c.Add({"partners[" + std::to_string(i) + "]",
               "unknown_partner",
               "field.activity_unknown_partner",
               {std::to_string(id)}});
    }
    a.partner_ids = std::move(unique);
  }
  // Programmes: readable by the writer, contents that exist; merged by programme.
  {
    if (a.programmes.size() > kMaxLinks)
      c.Add({"programmes", "too_many", "field.too_many_items", {std::to_string(kMaxLinks)}});
    std::vector<ProgrammeLink> merged;
    for (size_t i = 0; i < a.programmes.size() && i < kMaxLinks; ++i) {
      const ProgrammeLink& link = a.programmes[i];
      const std::string at = "programmes[" + std::to_string(i) + "]";
      HOPTAC_ASSIGN_OR_RETURN(auto info, links_.Programme(who, link.programme_id));
      if (!info) {
        c.Add({at + ".programme",
               "unknown_programme",
               "field.activity_unknown_programme",
               {std::to_string(link.programme_id)}});
        continue;
      }
      for (size_t k = 0; k < link.contents.size(); ++k)
        if (std::find(info->contents.begin(), info->contents.end(), link.contents[k]) == info->contents.end())
          c.Add({at + ".contents[" + std::to_string(k) + "]",
                 "unknown_content",
                 "field.activity_unknown_content",
                 {std::to_string(link.contents[k]), info->code}});
      auto same = std::find_if(merged.begin(), merged.end(),
                               [&](const ProgrammeLink& m) { return m.programme_id == link.programme_id; });
      if (same == merged.end()) {
        merged.push_back(link);
      } else {
        same->contents.insert(same->contents.end(), link.contents.begin(), link.contents.end());
      }
    }
    for (ProgrammeLink& m : merged) {
      std::sort(m.contents.begin(), m.contents.end());
      m.contents.erase(std::unique(m.contents.begin(), m.contents.end()), m.contents.end());
    }
    a.programmes = std::move(merged);
  }
  // Entities: in the registry; each once.
  {
    if (a.entity_ids.size() > kMaxLinks)
      c.Add({"entities", "too_many", "field.too_many_items", {std::to_string(kMaxLinks)}});
    std::set<int64_t> seen;
    std::vector<int64_t> unique;
    const Principal system = Principal::Cli("activities");
    for (size_t i = 0; i < a.entity_ids.size() && i < kMaxLinks; ++i) {
      const int64_t id = a.entity_ids[i];
      if (!seen.insert(id).second) continue;
      unique.push_back(id);
      if (!entities_.Get(system, id).ok())
        c.Add({"entities[" + std::to_string(i) + "]",
               "unknown_entity",
               "field.activity_unknown_entity",
               {std::to_string(id)}});
    }
    std::sort(unique.begin(), unique.end());
    a.entity_ids = std::move(unique);
  }
  HOPTAC_TRY(c.Finish());
  if (who.province_bound()) {
    if (a.current_province_code != who.province_code) {
      Error e = Error::Make(ErrorCode::kPermissionDenied, "error.activity_out_of_scope", {a.province_code});
      e.fields.push_back({"province", "out_of_scope", "field.activity_province_out_of_scope", {a.province_code}});
      return e;
    }
    if (a.organiser != "province")
      return Error::InvalidField("organiser", "national_only", "field.activity_organiser_national", {});
  }
  return Ok();
}

Result<ActivityPage> ActivityService::List(const Principal& who, const ActivityQuery& q) const {
  if (!who.authenticated()) return Denied();
  ActivityFilter f;
  f.types = q.types;
  f.statuses = q.statuses;
  f.programme_id = q.programme;
  f.content = q.content;
  f.entity_id = q.entity;
  f.from = q.from;
  f.to = q.to;
  if (who.province_bound()) {
    f.all = false;
    if (q.province.empty()) {
      f.provinces = {who.province_code};
      f.national_organised = true;
    } else if (q.province == who.province_code) {
      f.provinces = {q.province};
    } else {
      // Another province: only what its national alliance organised there.
      f.provinces = {q.province};
    }
  } else if (!q.province.empty()) {
    f.all = false;
    f.provinces = {q.province};
  }
  std::vector<Activity> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadActivities(conn, f, false));
    return Ok();
  }));
  std::vector<std::string> words = text::FoldedWords(q.q);
  std::vector<Activity> kept;
  for (Activity& a : all) {
    if (!MayRead(who, a)) continue;
    if (!words.empty()) {
      const std::string hay = text::Fold(a.title + " " + a.title_en + " " + a.place);
      bool every = true;
      for (const std::string& w : words) every = every && hay.find(w) != std::string::npos;
      if (!every) continue;
    }
    kept.push_back(std::move(a));
  }
  ActivityPage page;
  page.total = static_cast<int64_t>(kept.size());
  page.items = Page(std::move(kept), q.offset, q.limit);
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    for (Activity& a : page.items) {
      HOPTAC_ASSIGN_OR_RETURN(auto full, LoadActivity(conn, a.id));
      if (full) a = std::move(*full);
    }
    return Ok();
  }));
  return page;
}

Result<Activity> ActivityService::Get(const Principal& who, int64_t id) const {
  std::optional<Activity> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadActivity(conn, id));
    return Ok();
  }));
  if (!found || !MayRead(who, *found)) return NotFound("error.activity_not_found", id);
  return std::move(*found);
}

Result<ActivityDetails> ActivityService::Details(const Principal& who, Activity a) const {
  ActivityDetails d;
  for (const ProgrammeLink& link : a.programmes) {
    HOPTAC_ASSIGN_OR_RETURN(auto info, links_.Programme(who, link.programme_id));
    if (info) d.programmes.push_back(std::move(*info));
  }
  for (int64_t id : a.partner_ids) {
    HOPTAC_ASSIGN_OR_RETURN(auto info, links_.Partner(id));
    if (info) d.partners.push_back(std::move(*info));
  }
  for (int64_t id : a.entity_ids) {
    auto info = Entity(id);
    if (info.ok()) d.entities.push_back(std::move(*info));
  }
  d.may_write = MayWrite(who, a);
  d.may_read_list = MayReadList(who, a);
  d.activity = std::move(a);
  return d;
}

Result<Activity> ActivityService::CheckCreate(const Principal& who, const ActivityInput& input) const {
  if (!Official(who)) return Denied();
  {
    Checks c;
    if (!input.from) c.Add({"from", "required", "field.required", {}});
    if (!input.title) c.Add({"title", "required", "field.required", {}});
    if (!input.type) c.Add({"type", "required", "field.required", {}});
    HOPTAC_TRY(c.Finish());
  }
  Activity a;
  if (who.province_bound()) a.province_code = who.province_code;
  a.organiser = who.province_bound() ? "province" : "national";
  Apply(input, a);
  if (!input.to) a.to = a.from;
  HOPTAC_TRY(CheckActivity(who, a, true));
  return a;
}

Result<Activity> ActivityService::Create(const Principal& who, const ActivityInput& input) {
  HOPTAC_ASSIGN_OR_RETURN(std::vector<Activity> made, CreateAll(who, {input}));
  return std::move(made.front());
}

Result<std::vector<Activity>> ActivityService::CreateAll(const Principal& who,
                                                         const std::vector<ActivityInput>& inputs) {
  std::vector<Activity> made;
  made.reserve(inputs.size());
  for (const ActivityInput& input : inputs) {
    HOPTAC_ASSIGN_OR_RETURN(Activity a, CheckCreate(who, input));
    made.push_back(std::move(a));
  }
  const int64_t now = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    for (Activity& a : made) {
      a.created_at_ms = a.updated_at_ms = now;
      HOPTAC_TRY(InsertActivity(conn, a));
      auto audit = AuditOf(who, "activity.create", "activity", a.id, a.current_province_code, a.created_at_ms);
      audit.after_json = boost::json::serialize(ActivityJson(a));
      HOPTAC_TRY(storage::AppendAudit(conn, audit));
    }
    return Ok();
  }));
  return made;
}

Result<Activity> ActivityService::Change(const Principal& who, int64_t id, const ActivityInput& input) {
  if (!Official(who)) return Denied();
  Activity a;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadActivity(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound("error.activity_not_found", id);
    if (!MayWrite(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
    if (input.participants && found->counts_from_list())
      return Error::InvalidField("participants", "counts_from_list", "field.activity_counts_from_list",
                                 {std::to_string(found->list_size)});
    a = *found;
    Apply(input, a);
    HOPTAC_TRY(CheckActivity(who, a, false));
    // A list's youth count depends on the year: a new date recounts it.
    if (a.counts_from_list() && a.from.year() != found->from.year()) {
      HOPTAC_ASSIGN_OR_RETURN(auto list, LoadParticipants(conn, a.id));
      a.participants = CountsOf(list, a.from.year());
    }
    a.updated_at_ms = now_ms_();
    HOPTAC_TRY(UpdateActivity(conn, a));
    auto audit = AuditOf(who, "activity.update", "activity", a.id, a.current_province_code, a.updated_at_ms);
    audit.before_json = boost::json::serialize(ActivityJson(*found));
    audit.after_json = boost::json::serialize(ActivityJson(a));
    return storage::AppendAudit(conn, audit);
  }));
  return a;
}

Status ActivityService::Delete(const Principal& who, int64_t id) {
  if (!Official(who)) return Denied();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadActivity(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound("error.activity_not_found", id);
    if (!MayWrite(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
    HOPTAC_TRY(DeleteActivity(conn, id));
    // Its documents go with it.
    HOPTAC_ASSIGN_OR_RETURN(auto documents, attachments::List(conn, "activity", id));
    for (const attachments::Attachment& d : documents) HOPTAC_TRY(attachments::Remove(conn, "activity", id, d.id));
    auto audit = AuditOf(who, "activity.delete", "activity", id, found->current_province_code, now_ms_());
    audit.before_json = boost::json::serialize(ActivityJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

// ---- Participants ----

Result<std::vector<Participant>> ActivityService::Participants(const Principal& who, int64_t id) const {
  std::vector<Participant> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadActivity(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound("error.activity_not_found", id);
    if (!MayReadList(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_list_private");
    HOPTAC_ASSIGN_OR_RETURN(out, LoadParticipants(conn, id));
    return Ok();
  }));
  return out;
}

namespace {

Status CheckList(std::vector<Participant>& list, int year, const std::function<bool(int64_t)>& entity_exists) {
  Checks c;
  if (list.size() > kMaxListSize)
    return Error::InvalidField("items", "too_many", "field.too_many_items", {std::to_string(kMaxListSize)});
  for (size_t i = 0; i < list.size(); ++i) {
    Participant& p = list[i];
    const std::string at = "items[" + std::to_string(i) + "].";
    p.name = c.Text(at + "name", p.name, true, 200);
    if (!p.sex.empty() && !OneOf(kSexes, p.sex))
      c.Add({at + "sex", "invalid_enum", "field.invalid_enum", {p.sex, NamesText(kSexes)}});
    if (p.birth_year != 0 && (p.birth_year < 1900 || p.birth_year > year))
      c.Add({at + "birth_year", "out_of_range", "field.out_of_range", {"1900", std::to_string(year)}});
    if (p.entity_id != 0 && !entity_exists(p.entity_id))
      c.Add({at + "entity", "unknown_entity", "field.activity_unknown_entity", {std::to_string(p.entity_id)}});
    p.organisation = c.Text(at + "organisation", p.organisation, false, kMaxTitleLength);
    p.job_title = c.Text(at + "position", p.job_title, false, 200);
    p.phone = c.Text(at + "phone", p.phone, false, 40);
    p.email = c.Text(at + "email", p.email, false, 200);
    if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.find(' ') != std::string::npos))
      c.Add({at + "email", "invalid_email", "field.invalid_email", {p.email}});
  }
  return c.Finish();
}

}  // namespace

Status ActivityService::CheckParticipants(const Principal& who, int64_t id, std::vector<Participant>& list) const {
  HOPTAC_ASSIGN_OR_RETURN(Activity a, Get(who, id));
  if (!MayWrite(who, a) || !MayReadList(who, a))
    return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
  const Principal system = Principal::Cli("activities");
  return CheckList(list, a.from.year(), [&](int64_t e) { return entities_.Get(system, e).ok(); });
}

Result<Activity> ActivityService::SetParticipants(const Principal& who, int64_t id, std::vector<Participant> list) {
  if (!Official(who)) return Denied();
  HOPTAC_TRY(CheckParticipants(who, id, list));
  Activity a;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadActivity(conn, id));
    if (!found || !MayRead(who, *found)) return NotFound("error.activity_not_found", id);
    if (!MayWrite(who, *found)) return Error::Make(ErrorCode::kPermissionDenied, "error.activity_read_only");
    a = *found;
    a.list_size = static_cast<int64_t>(list.size());
    // An emptied list leaves the counts as they were: they can be entered again.
    if (!list.empty()) a.participants = CountsOf(list, a.from.year());
    a.updated_at_ms = now_ms_();
    HOPTAC_TRY(ReplaceParticipants(conn, a, list));
    // The audit row says what changed without copying personal data: sizes and counts.
    auto audit = AuditOf(who, "activity.participants", "activity", id, a.current_province_code, a.updated_at_ms);
    audit.before_json = boost::json::serialize(
        boost::json::object{{"list_size", found->list_size}, {"participants", CountsJson(found->participants)}});
    audit.after_json = boost::json::serialize(
        boost::json::object{{"list_size", a.list_size}, {"participants", CountsJson(a.participants)}});
    return storage::AppendAudit(conn, audit);
  }));
  return a;
}

// ---- Placements ----

namespace {

bool SeesPlacement(const Principal& who, const Placement& p) {
  return who.national() || (who.province_bound() && p.province_code == who.province_code);
}

void Apply(const PlacementInput& in, Placement& p) {
  if (in.worker_name) p.worker_name = *in.worker_name;
  if (in.sex) p.sex = *in.sex;
  if (in.job_title) p.job_title = *in.job_title;
  if (in.notes) p.notes = *in.notes;
  if (in.birth_year) p.birth_year = static_cast<int>(std::clamp<int64_t>(*in.birth_year, -1, 100000));
  if (in.entity) p.entity_id = *in.entity;
  if (in.programme) p.programme_id = *in.programme;
  if (in.start) p.start = *in.start;
  if (in.end) p.end = *in.end;
}

}  // namespace

Status ActivityService::CheckPlacement(Placement& p) const {
  Checks c;
  p.worker_name = c.Text("worker_name", p.worker_name, true, 200);
  if (!p.sex.empty() && !OneOf(kSexes, p.sex))
    c.Add({"sex", "invalid_enum", "field.invalid_enum", {p.sex, NamesText(kSexes)}});
  if (p.birth_year != 0 && (p.birth_year < 1900 || p.birth_year > p.start.year()))
    c.Add({"birth_year", "out_of_range", "field.out_of_range", {"1900", std::to_string(p.start.year())}});
  if (p.start.year() < 1945 || p.start > Today())
    c.Add({"start", "out_of_range", "field.date_out_of_range", {p.start.ToIso()}});
  if (p.end && *p.end < p.start)
    c.Add({"end", "from_after_to", "field.from_after_to", {p.start.ToIso(), p.end->ToIso()}});
  p.job_title = c.Text("position", p.job_title, false, 200);
  p.notes = c.Text("notes", p.notes, false, kMaxTextLength);
  auto entity = Entity(p.entity_id);
  if (!entity.ok())
    c.Add({"entity",
           p.entity_id == 0 ? "required" : "unknown_entity",
           p.entity_id == 0 ? "field.required" : "field.activity_unknown_entity",
           {std::to_string(p.entity_id)}});
  else
    p.province_code = entity->province_code;
  if (p.programme_id != 0) {
    HOPTAC_ASSIGN_OR_RETURN(auto info, links_.Programme(Principal::Cli("activities"), p.programme_id));
    if (!info)
      c.Add({"programme", "unknown_programme", "field.activity_unknown_programme", {std::to_string(p.programme_id)}});
  }
  return c.Finish();
}

Result<PlacementPage> ActivityService::ListPlacements(const Principal& who, const PlacementQuery& q) const {
  if (!Official(who)) return Denied();
  PlacementFilter f;
  f.programme_id = q.programme;
  f.entity_id = q.entity;
  f.from = q.from;
  f.to = q.to;
  if (who.province_bound()) {
    f.all = false;
    f.provinces = {who.province_code};
    if (!q.province.empty() && q.province != who.province_code) f.provinces.clear();
  } else if (!q.province.empty()) {
    f.all = false;
    f.provinces = {q.province};
  }
  std::vector<Placement> all;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(all, LoadPlacements(conn, f));
    return Ok();
  }));
  PlacementPage page;
  page.total = static_cast<int64_t>(all.size());
  page.items = Page(std::move(all), q.offset, q.limit);
  return page;
}

Result<Placement> ActivityService::GetPlacement(const Principal& who, int64_t id) const {
  if (!Official(who)) return Denied();
  std::optional<Placement> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadPlacement(conn, id));
    return Ok();
  }));
  if (!found || !SeesPlacement(who, *found)) return NotFound("error.placement_not_found", id);
  return std::move(*found);
}

Result<Placement> ActivityService::CreatePlacement(const Principal& who, const PlacementInput& input) {
  if (!Official(who)) return Denied();
  {
    Checks c;
    if (!input.start) c.Add({"start", "required", "field.required", {}});
    if (!input.entity) c.Add({"entity", "required", "field.required", {}});
    if (!input.worker_name) c.Add({"worker_name", "required", "field.required", {}});
    HOPTAC_TRY(c.Finish());
  }
  Placement p;
  Apply(input, p);
  HOPTAC_TRY(CheckPlacement(p));
  if (!SeesPlacement(who, p))
    return Error::Make(ErrorCode::kPermissionDenied, "error.placement_out_of_scope", {p.province_code});
  p.created_at_ms = p.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertPlacement(conn, p));
    auto audit = AuditOf(who, "placement.create", "placement", p.id, p.province_code, p.created_at_ms);
    audit.after_json = boost::json::serialize(PlacementJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Result<Placement> ActivityService::ChangePlacement(const Principal& who, int64_t id, const PlacementInput& input) {
  HOPTAC_ASSIGN_OR_RETURN(Placement before, GetPlacement(who, id));
  Placement p = before;
  Apply(input, p);
  HOPTAC_TRY(CheckPlacement(p));
  if (!SeesPlacement(who, p))
    return Error::Make(ErrorCode::kPermissionDenied, "error.placement_out_of_scope", {p.province_code});
  p.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(UpdatePlacement(conn, p));
    auto audit = AuditOf(who, "placement.update", "placement", p.id, p.province_code, p.updated_at_ms);
    audit.before_json = boost::json::serialize(PlacementJson(before));
    audit.after_json = boost::json::serialize(PlacementJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Status ActivityService::DeletePlacement(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(Placement before, GetPlacement(who, id));
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(activities::DeletePlacement(conn, id));
    auto audit = AuditOf(who, "placement.delete", "placement", id, before.province_code, now_ms_());
    audit.before_json = boost::json::serialize(PlacementJson(before));
    return storage::AppendAudit(conn, audit);
  });
}

}  // namespace hoptac::activities

#include "programmes/programme_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "programmes/programme_store.h"
#include "storage/audit.h"
#include "text/normalize.h"

namespace hoptac::programmes {
namespace {

using auth::Principal;
using auth::Role;
using storage::Connection;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

Error NotFound(const char* key, int64_t id) { return Error::Make(ErrorCode::kNotFound, key, {std::to_string(id)}); }

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
    if (!OneOf(allowed, value))
      errors_.push_back({field, "invalid_enum", "field.invalid_enum", {value, NamesText(allowed)}});
  }
  void Add(FieldError e) { errors_.push_back(std::move(e)); }
  bool ok() const { return errors_.empty(); }
  Status Finish() { return errors_.empty() ? Ok() : Status(Error::InvalidFields(std::move(errors_))); }

 private:
  std::vector<FieldError> errors_;
};

indicators::Definition ToIndicators(const Definition& d) { return {d.source, d.measure, d.filters}; }

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  for (unsigned char c : code)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.' && c != '/') return false;
  return true;
}

Error OutOfScope(const std::string& field, const std::string& province) {
  Error e = Error::Make(ErrorCode::kPermissionDenied, "error.programme_out_of_scope", {province});
  e.fields.push_back({field, "out_of_scope", "field.programme_province_out_of_scope", {province}});
  return e;
}

}  // namespace

ProgrammeService::ProgrammeService(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                   const indicators::Registry& indicators, NowMs now_ms)
    : db_(db), units_(std::move(units)), indicators_(indicators), now_ms_(std::move(now_ms)) {
  if (!now_ms_)
    now_ms_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

Date ProgrammeService::Today() const {
  return Date::FromDays(static_cast<int>((now_ms_() + kVietnamOffsetMs) / kDayMs));
}

bool ProgrammeService::MayRead(const Principal& who, const Programme& p) const {
  if (!who.authenticated()) return false;
  if (who.national()) return true;
  if (who.province_bound()) return p.national() || p.province_code == who.province_code;
  return p.national() && p.status != "draft";
}

bool ProgrammeService::MayWrite(const Principal& who, const Programme& p) const {
  if (who.national()) return true;
  return who.province_bound() && !p.national() && p.province_code == who.province_code;
}

Result<Programme> ProgrammeService::Readable(const Principal& who, Connection& conn, int64_t id) const {
  HOPTAC_ASSIGN_OR_RETURN(auto found, LoadProgramme(conn, id));
  if (!found || !MayRead(who, *found)) return NotFound("error.programme_not_found", id);
  return std::move(*found);
}

// ---- Partners ----

namespace {

bool SeesPartner(const Principal& who, const Partner& p) {
  if (who.national()) return true;
  return who.province_bound() && (p.province_code.empty() || p.province_code == who.province_code);
}

bool OfficialsOnly(const Principal& who) { return who.national() || who.province_bound(); }

}  // namespace

Result<std::vector<Partner>> ProgrammeService::ListPartners(const Principal& who) const {
  if (!OfficialsOnly(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  std::vector<Partner> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadPartners(conn, who.province_code, who.national()));
    return Ok();
  }));
  return out;
}

Result<Partner> ProgrammeService::GetPartner(const Principal& who, int64_t id) const {
  if (!OfficialsOnly(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  std::optional<Partner> found;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(found, LoadPartner(conn, id));
    return Ok();
  }));
  if (!found || !SeesPartner(who, *found)) return NotFound("error.partner_not_found", id);
  return *found;
}

namespace {

// Applies `in` to `p` with checks; `creating` requires name and kind.
Status ApplyPartner(const Principal& who, const geo::AdminUnitDirectory& units, Date today, const PartnerInput& in,
                    Partner& p, bool creating) {
  Checks c;
  if (in.name || creating) p.name = c.Text("name", in.name.value_or(""), true, kMaxTitleLength);
  if (in.name_en) p.name_en = c.Text("name_en", *in.name_en, false, kMaxTitleLength);
  if (in.short_name) p.short_name = c.Text("short_name", *in.short_name, false, 60);
  if (in.kind || creating) {
    p.kind = in.kind.value_or("");
    if (p.kind.empty())
      c.Add({"kind", "required", "field.required", {}});
    else
      c.Enum("kind", p.kind, kPartnerKinds);
  }
  if (in.province) {
    p.province_code = *in.province;
  } else if (creating && who.province_bound()) {
    p.province_code = who.province_code;
  }
  if (in.province || creating) {
    if (!p.province_code.empty() && !units.Find(geo::AdminLevel::kProvince, p.province_code, today))
      c.Add({"province", "unknown_province", "field.unknown_province", {p.province_code}});
  }
  if (in.address) p.address = c.Text("address", *in.address, false, kMaxTitleLength);
  if (in.website) p.website = c.Text("website", *in.website, false, kMaxTitleLength);
  if (in.notes) p.notes = c.Text("notes", *in.notes, false, kMaxTextLength);
  if (in.contacts) {
    p.contacts.clear();
    for (size_t i = 0; i < in.contacts->size(); ++i) {
      const Contact& raw = (*in.contacts)[i];
      const std::string at = "contacts[" + std::to_string(i) + "].";
      Contact k;
      k.name = c.Text(at + "name", raw.name, true, 200);
      k.position = c.Text(at + "position", raw.position, false, 200);
      k.phone = c.Text(at + "phone", raw.phone, false, 40);
      k.email = c.Text(at + "email", raw.email, false, 200);
      if (!k.email.empty() && (k.email.find('@') == std::string::npos || k.email.find(' ') != std::string::npos))
        c.Add({at + "email", "invalid_email", "field.invalid_email", {k.email}});
      p.contacts.push_back(std::move(k));
    }
  }
  HOPTAC_TRY(c.Finish());
  // A province account keeps its partners in its province.
  if (who.province_bound() && p.province_code != who.province_code)
    return OutOfScope("province", p.province_code.empty() ? "national" : p.province_code);
  return Ok();
}

}  // namespace

Result<Partner> ProgrammeService::CreatePartner(const Principal& who, const PartnerInput& input) {
  if (!OfficialsOnly(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  Partner p;
  HOPTAC_TRY(ApplyPartner(who, *units_, Today(), input, p, true));
  p.created_at_ms = p.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(InsertPartner(conn, p));
    auto audit = AuditOf(who, "partner.create", "partner", p.id, p.province_code, p.created_at_ms);
    audit.after_json = boost::json::serialize(PartnerJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Result<Partner> ProgrammeService::ChangePartner(const Principal& who, int64_t id, const PartnerInput& input) {
  if (!OfficialsOnly(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  Partner p;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadPartner(conn, id));
    if (!found || !SeesPartner(who, *found)) return NotFound("error.partner_not_found", id);
    if (who.province_bound() && found->province_code != who.province_code)
      return Error::Make(ErrorCode::kPermissionDenied, "error.partner_national");
    p = *found;
    HOPTAC_TRY(ApplyPartner(who, *units_, Today(), input, p, false));
    p.updated_at_ms = now_ms_();
    HOPTAC_TRY(UpdatePartner(conn, p));
    auto audit = AuditOf(who, "partner.update", "partner", p.id, p.province_code, p.updated_at_ms);
    audit.before_json = boost::json::serialize(PartnerJson(*found));
    audit.after_json = boost::json::serialize(PartnerJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

// ---- Programmes ----

Result<std::vector<Programme>> ProgrammeService::ListProgrammes(const Principal& who, const ProgrammeQuery& q) const {
  if (!who.authenticated()) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  ProgrammeFilter f;
  f.status = q.status;
  f.kind = q.kind;
  f.partner_id = q.partner_id;
  if (who.national()) {
    f.all = q.province.empty();
    if (!f.all) {
      f.national = q.province == "national";
      if (!f.national) f.provinces = {q.province};
    }
  } else if (who.province_bound()) {
    if (q.province.empty()) {
      f.provinces = {who.province_code};
    } else if (q.province == "national") {
      f.national = true;
    } else {
      f.national = false;
      if (q.province == who.province_code) f.provinces = {q.province};  // another province: nothing
    }
  } else {
    f.national = q.province.empty() || q.province == "national";
    f.drafts = false;
  }
  std::vector<Programme> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, LoadProgrammes(conn, f));
    return Ok();
  }));
  return out;
}

Result<Programme> ProgrammeService::GetProgramme(const Principal& who, int64_t id) const {
  std::optional<Programme> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(out, Readable(who, conn, id));
    return Ok();
  }));
  return std::move(*out);
}

Result<std::vector<Partner>> ProgrammeService::ProgrammePartners(const Principal& who, const Programme& p) const {
  if (!MayRead(who, p)) return NotFound("error.programme_not_found", p.id);
  std::vector<Partner> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    for (int64_t id : p.partner_ids) {
      HOPTAC_ASSIGN_OR_RETURN(auto found, LoadPartner(conn, id));
      if (found) out.push_back(std::move(*found));
    }
    return Ok();
  }));
  return out;
}

Result<Programme> ProgrammeService::GetProgrammeByCode(const Principal& who, const std::string& code) const {
  std::optional<Programme> out;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto id, ProgrammeIdByCode(conn, code));
    if (!id) return Error::Make(ErrorCode::kNotFound, "error.programme_code_not_found", {code});
    auto found = Readable(who, conn, *id);
    if (!found.ok()) return Error::Make(ErrorCode::kNotFound, "error.programme_code_not_found", {code});
    out = std::move(*found);
    return Ok();
  }));
  return std::move(*out);
}

Status ProgrammeService::CheckProgramme(const Principal& who, Connection& conn, Programme& p, bool creating) const {
  Checks c;
  if (!ValidCode(p.code))
    c.Add({"code",
           p.code.empty() ? "required" : "invalid_code",
           p.code.empty() ? "field.required" : "field.programme_invalid_code",
           {p.code}});
  p.title = c.Text("title", p.title, true, kMaxTitleLength);
  p.title_en = c.Text("title_en", p.title_en, false, kMaxTitleLength);
  if (p.kind.empty())
    c.Add({"kind", "required", "field.required", {}});
  else
    c.Enum("kind", p.kind, kProgrammeKinds);
  c.Enum("status", p.status, kProgrammeStatuses);
  if (!p.province_code.empty() && !units_->Find(geo::AdminLevel::kProvince, p.province_code, Today()))
    c.Add({"province", "unknown_province", "field.unknown_province", {p.province_code}});
  if (p.to < p.from) c.Add({"from", "from_after_to", "field.from_after_to", {p.from.ToIso(), p.to.ToIso()}});
  // Progress asks one question per year of a yearly target: a period of centuries (a typo such as
  // 2025 → 2205) would make every read of the programme ask hundreds of them.
  else if (p.to.year() - p.from.year() >= kMaxProgrammeYears)
    c.Add({"to", "period_too_long", "field.programme_period_too_long", {std::to_string(kMaxProgrammeYears)}});
  p.signatories = c.Text("signatories", p.signatories, false, kMaxTitleLength);
  for (size_t i = 0; i < p.review.size(); ++i)
    c.Enum("review[" + std::to_string(i) + "]", p.review[i], kReviewCadences);
  for (size_t i = 0; i < p.legal_basis.size(); ++i) {
    LegalDocument& d = p.legal_basis[i];
    const std::string at = "legal_basis[" + std::to_string(i) + "].";
    d.number = c.Text(at + "number", d.number, true, 100);
    d.issuer = c.Text(at + "issuer", d.issuer, false, kMaxTitleLength);
    d.title = c.Text(at + "title", d.title, false, kMaxTitleLength);
  }
  std::set<int> numbers;
  for (size_t i = 0; i < p.contents.size(); ++i) {
    Content& k = p.contents[i];
    const std::string at = "contents[" + std::to_string(i) + "].";
    if (k.number < 1 || k.number > 999)
      c.Add({at + "number", "out_of_range", "field.out_of_range", {"1", "999"}});
    else if (!numbers.insert(k.number).second)
      c.Add({at + "number", "content_duplicate", "field.programme_content_duplicate", {std::to_string(k.number)}});
    k.text = c.Text(at + "text", k.text, true, kMaxTextLength);
  }
  std::sort(p.contents.begin(), p.contents.end(),
            [](const Content& a, const Content& b) { return a.number < b.number; });
  // Partners: known, and national or of the programme's province.
  std::set<int64_t> seen;
  std::vector<int64_t> partners;
  for (size_t i = 0; i < p.partner_ids.size(); ++i) {
    const int64_t id = p.partner_ids[i];
    if (!seen.insert(id).second) continue;
    partners.push_back(id);
    HOPTAC_ASSIGN_OR_RETURN(auto partner, LoadPartner(conn, id));
    if (!partner || (!partner->province_code.empty() && partner->province_code != p.province_code))
      c.Add({"partners[" + std::to_string(i) + "]",
             "unknown_partner",
             "field.programme_unknown_partner",
             {std::to_string(id)}});
  }
  p.partner_ids = std::move(partners);
  // The code is unique.
  HOPTAC_ASSIGN_OR_RETURN(auto taken, ProgrammeIdByCode(conn, p.code));
  if (taken && (creating || *taken != p.id)) c.Add({"code", "code_taken", "field.programme_code_taken", {p.code}});
  HOPTAC_TRY(c.Finish());
  if (who.province_bound() && p.province_code != who.province_code)
    return OutOfScope("province", p.province_code.empty() ? "national" : p.province_code);
  return Ok();
}

namespace {

void Apply(const ProgrammeInput& in, Programme& p) {
  if (in.code) p.code = *in.code;
  if (in.title) p.title = *in.title;
  if (in.title_en) p.title_en = *in.title_en;
  if (in.kind) p.kind = *in.kind;
  if (in.province) p.province_code = *in.province;
  if (in.status) p.status = *in.status;
  if (in.signatories) p.signatories = *in.signatories;
  if (in.from) p.from = *in.from;
  if (in.to) p.to = *in.to;
  if (in.signed_on) p.signed_on = *in.signed_on;
  if (in.review) p.review = *in.review;
  if (in.legal_basis) p.legal_basis = *in.legal_basis;
  if (in.contents) p.contents = *in.contents;
  if (in.partners) p.partner_ids = *in.partners;
}

}  // namespace

Result<Programme> ProgrammeService::CreateProgramme(const Principal& who, const ProgrammeInput& input) {
  if (!OfficialsOnly(who)) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  {
    Checks c;
    if (!input.from) c.Add({"from", "required", "field.required", {}});
    if (!input.to) c.Add({"to", "required", "field.required", {}});
    if (!input.code) c.Add({"code", "required", "field.required", {}});
    HOPTAC_TRY(c.Finish());
  }
  Programme p;
  p.status = "in_force";
  if (who.province_bound()) p.province_code = who.province_code;
  Apply(input, p);
  p.created_at_ms = p.updated_at_ms = now_ms_();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(CheckProgramme(who, conn, p, true));
    HOPTAC_TRY(InsertProgramme(conn, p));
    auto audit = AuditOf(who, "programme.create", "programme", p.id, p.province_code, p.created_at_ms);
    audit.after_json = boost::json::serialize(ProgrammeJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

Result<Programme> ProgrammeService::ChangeProgramme(const Principal& who, int64_t id, const ProgrammeInput& input) {
  Programme p;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Programme before, Readable(who, conn, id));
    if (!MayWrite(who, before)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    p = before;
    Apply(input, p);
    HOPTAC_TRY(CheckProgramme(who, conn, p, false));
    // The targets stay consistent: their contents exist, their deadlines in the period, their
    // provinces in the programme's.
    HOPTAC_ASSIGN_OR_RETURN(auto targets, LoadTargets(conn, p.id));
    Checks c;
    for (const Target& t : targets) {
      if (t.content != 0 && !p.FindContent(t.content))
        c.Add({"contents",
               "content_has_targets",
               "field.programme_content_has_targets",
               {std::to_string(t.content), t.title}});
      if (t.deadline < p.from || t.deadline > p.to)
        c.Add({"to", "target_outside_period", "field.programme_target_outside_period", {t.title, t.deadline.ToIso()}});
      if (!p.national() && !t.provinces.empty() && t.provinces != std::vector<std::string>{p.province_code})
        c.Add({"province", "target_provinces", "field.programme_target_provinces", {t.title}});
    }
    HOPTAC_TRY(c.Finish());
    p.updated_at_ms = now_ms_();
    HOPTAC_TRY(UpdateProgramme(conn, p));
    auto audit = AuditOf(who, "programme.update", "programme", p.id, p.province_code, p.updated_at_ms);
    audit.before_json = boost::json::serialize(ProgrammeJson(before));
    audit.after_json = boost::json::serialize(ProgrammeJson(p));
    return storage::AppendAudit(conn, audit);
  }));
  return p;
}

// ---- Targets ----

Status ProgrammeService::CheckTarget(const Programme& p, Target& t) const {
  Checks c;
  t.title = c.Text("title", t.title, true, kMaxTitleLength);
  if (t.content != 0 && !p.FindContent(t.content))
    c.Add({"content", "unknown_content", "field.programme_unknown_content", {std::to_string(t.content)}});
  c.Enum("cadence", t.cadence, kCadences);
  if (t.deadline < p.from || t.deadline > p.to)
    c.Add({"deadline",
           "outside_period",
           "field.programme_deadline_outside",
           {t.deadline.ToIso(), p.from.ToIso(), p.to.ToIso()}});
  if (t.target < -kMaxTargetValue || t.target > kMaxTargetValue)
    c.Add({"target", "out_of_range", "field.out_of_range", {"-10^18", "10^18"}});
  if (t.baseline < -kMaxTargetValue || t.baseline > kMaxTargetValue)
    c.Add({"baseline", "out_of_range", "field.out_of_range", {"-10^18", "10^18"}});
  // The measure: a short source or a dotted one; a "province" filter is the target's scope.
  std::optional<std::string> indicator = IndicatorSourceOf(t.source);
  if (t.source.empty()) {
    c.Add({"measure.source", "required", "field.required", {}});
  } else if (!indicator) {
    c.Add(
        {"measure.source", "unknown_source", "field.programme_unknown_source", {t.source, NamesText(kTargetSources)}});
  }
  Filters filters;
  for (auto& [name, value] : t.definition.filters) {
    if (name == "province") {
      if (!t.provinces.empty() && t.provinces != std::vector<std::string>{value})
        c.Add({"measure.filters.province", "province_twice", "field.programme_province_twice", {value}});
      else
        t.provinces = {value};
      continue;
    }
    filters.emplace_back(name, value);
  }
  t.definition.filters = std::move(filters);
  if (p.national()) {
    std::set<std::string> seen;
    std::vector<std::string> unique;
    for (size_t i = 0; i < t.provinces.size(); ++i) {
      if (!units_->Find(geo::AdminLevel::kProvince, t.provinces[i], Today()))
        c.Add({"provinces[" + std::to_string(i) + "]", "unknown_province", "field.unknown_province", {t.provinces[i]}});
      if (seen.insert(t.provinces[i]).second) unique.push_back(t.provinces[i]);
    }
    t.provinces = std::move(unique);
  } else {
    if (!t.provinces.empty() && t.provinces != std::vector<std::string>{p.province_code})
      c.Add({"provinces",
             "not_in_programme",
             "field.programme_province_not_in_programme",
             {t.provinces.front(), p.province_code}});
    t.provinces.clear();  // the programme's
  }
  if (indicator) {
    t.definition.source = *indicator;
    if (t.manual()) {
      if (!t.definition.measure.empty() || !t.definition.filters.empty())
        c.Add({"measure", "manual_has_measure", "field.programme_manual_has_measure", {}});
    } else {
      if (t.definition.measure.empty()) {
        if (t.source == "entities" || t.source == "activities" || t.source == "placements")
          t.definition.measure = "count";
        else
          c.Add({"measure.measure", "required", "field.required", {}});
      }
      if (c.ok()) {
        Status checked = indicators_.Check(ToIndicators(t.definition));
        if (!checked.ok()) {
          const Error& e = checked.error();
          if (e.fields.empty()) c.Add({"measure.source", "indicator", e.key, e.args});
          for (const FieldError& f : e.fields) {
            std::string at = f.field == "measure" ? "measure.measure" : "measure.filters." + f.field;
            c.Add({at, f.code, f.key, f.args});
          }
        }
      }
    }
  }
  return c.Finish();
}

std::vector<std::string> ProgrammeService::ProvincesOn(const std::string& code, Date on) const {
  const geo::AdminUnit* today = units_->Find(geo::AdminLevel::kProvince, code, Today());
  if (!today) return {code};
  if (today->InForce(on)) return {code};
  // Formed after `on`: the units it was formed from, followed back to those in force on `on`.
  std::vector<std::string> out;
  std::vector<const geo::AdminUnit*> frontier{today};
  std::set<int64_t> visited;
  while (!frontier.empty()) {
    const geo::AdminUnit* u = frontier.back();
    frontier.pop_back();
    if (!visited.insert(u->id).second) continue;
    if (u->InForce(on)) {
      if (std::find(out.begin(), out.end(), u->code) == out.end()) out.push_back(u->code);
      continue;
    }
    if (u->valid_from > on)
      for (const geo::AdminUnit* pred : units_->Predecessors(u->id)) frontier.push_back(pred);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Progress ProgrammeService::ProgressOf(const Principal& who, const Programme& p, const Target& t) const {
  Measure measure;
  if (t.manual()) {
    measure = [&t](Date from, Date to) -> Result<Measured> {
      const ManualValue* latest = nullptr;
      for (const ManualValue& v : t.values)
        if (v.on >= from && v.on <= to && (!latest || v.on >= latest->on)) latest = &v;
      if (!latest) return Measured{t.baseline, "manual: no value entered by " + to.ToIso()};
      return Measured{latest->value, "manual: value of " + latest->on.ToIso() + " (" + latest->entered_by + ")"};
    };
  } else {
    // Officials are answered exactly whatever the programme's scope; others as the source publishes.
    const Principal asker = (who.national() || who.province_bound()) ? Principal::Cli("programmes") : who;
    std::vector<std::string> scope = t.provinces;
    if (scope.empty() && !p.national()) scope = {p.province_code};
    measure = [this, &t, scope, asker](Date from, Date to) -> Result<Measured> {
      std::vector<std::string> provinces;
      for (const std::string& code : scope)
        for (std::string& on : ProvincesOn(code, to)) provinces.push_back(std::move(on));
      if (scope.empty()) provinces.push_back("");  // the whole country
      Measured total;
      for (const std::string& province : provinces) {
        indicators::Question q;
        q.definition = ToIndicators(t.definition);
        q.from = from;
        q.to = to;
        q.province = province;
        HOPTAC_ASSIGN_OR_RETURN(indicators::Answer a, indicators_.Ask(q, asker));
        total.value += a.value;
        if (!total.description.empty()) total.description += " + ";
        total.description += a.description;
      }
      return total;
    };
  }
  return ComputeProgress(t, p.from, Today(), measure);
}

Result<std::vector<TargetView>> ProgrammeService::Targets(const Principal& who, int64_t programme_id) const {
  std::optional<Programme> p;
  std::vector<Target> targets;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(targets, LoadTargets(conn, programme_id));
    return Ok();
  }));
  std::vector<TargetView> out;
  out.reserve(targets.size());
  for (Target& t : targets) {
    Progress progress = ProgressOf(who, *p, t);
    out.push_back({std::move(t), std::move(progress)});
  }
  return out;
}

Result<TargetView> ProgrammeService::GetTarget(const Principal& who, int64_t programme_id, int64_t target_id) const {
  std::optional<Programme> p;
  std::optional<Target> t;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(t, LoadTarget(conn, target_id));
    if (!t || t->programme_id != programme_id) return NotFound("error.target_not_found", target_id);
    return Ok();
  }));
  Progress progress = ProgressOf(who, *p, *t);
  return TargetView{std::move(*t), std::move(progress)};
}

namespace {

void Apply(const TargetInput& in, Target& t) {
  if (in.content) t.content = *in.content;
  if (in.title) t.title = *in.title;
  if (in.cadence) t.cadence = *in.cadence;
  if (in.provinces) t.provinces = *in.provinces;
  if (in.deadline) t.deadline = *in.deadline;
  if (in.target) t.target = *in.target;
  if (in.baseline) t.baseline = *in.baseline;
  if (in.source) {
    t.source = *in.source;
    t.definition.measure = in.measure.value_or("");
    t.definition.filters = in.filters.value_or(Filters{});
  }
}

}  // namespace

Result<TargetView> ProgrammeService::CreateTarget(const Principal& who, int64_t programme_id, const TargetInput& in) {
  {
    Checks c;
    if (!in.title) c.Add({"title", "required", "field.required", {}});
    if (!in.deadline) c.Add({"deadline", "required", "field.required", {}});
    if (!in.target) c.Add({"target", "required", "field.required", {}});
    if (!in.source) c.Add({"measure", "required", "field.required", {}});
    HOPTAC_TRY(c.Finish());
  }
  std::optional<Programme> p;
  Target t;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(p, Readable(who, conn, programme_id));
    if (!MayWrite(who, *p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    t.programme_id = programme_id;
    Apply(in, t);
    HOPTAC_TRY(CheckTarget(*p, t));
    t.created_at_ms = t.updated_at_ms = now_ms_();
    HOPTAC_TRY(InsertTarget(conn, t));
    auto audit = AuditOf(who, "programme.target_create", "programme_target", t.id, p->province_code, t.created_at_ms);
    audit.after_json = boost::json::serialize(TargetJson(t));
    return storage::AppendAudit(conn, audit);
  }));
  Progress progress = ProgressOf(who, *p, t);
  return TargetView{std::move(t), std::move(progress)};
}

Result<TargetView> ProgrammeService::ChangeTarget(const Principal& who, int64_t programme_id, int64_t target_id,
                                                  const TargetInput& in) {
  std::optional<Programme> p;
  Target t;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadTarget(conn, target_id));
    if (!found || found->programme_id != programme_id) return NotFound("error.target_not_found", target_id);
    if (!MayWrite(who, *p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    t = *found;
    Apply(in, t);
    if (t.source != found->source && found->manual() && !found->values.empty())
      return Error::InvalidField("measure.source", "manual_values", "field.programme_target_has_values",
                                 {std::to_string(found->values.size())});
    HOPTAC_TRY(CheckTarget(*p, t));
    t.updated_at_ms = now_ms_();
    HOPTAC_TRY(UpdateTarget(conn, t));
    auto audit = AuditOf(who, "programme.target_update", "programme_target", t.id, p->province_code, t.updated_at_ms);
    audit.before_json = boost::json::serialize(TargetJson(*found));
    audit.after_json = boost::json::serialize(TargetJson(t));
    return storage::AppendAudit(conn, audit);
  }));
  Progress progress = ProgressOf(who, *p, t);
  return TargetView{std::move(t), std::move(progress)};
}

Status ProgrammeService::DeleteTarget(const Principal& who, int64_t programme_id, int64_t target_id) {
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Programme p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(auto found, LoadTarget(conn, target_id));
    if (!found || found->programme_id != programme_id) return NotFound("error.target_not_found", target_id);
    if (!MayWrite(who, p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    HOPTAC_TRY(programmes::DeleteTarget(conn, target_id));
    auto audit = AuditOf(who, "programme.target_delete", "programme_target", target_id, p.province_code, now_ms_());
    audit.before_json = boost::json::serialize(TargetJson(*found));
    return storage::AppendAudit(conn, audit);
  });
}

Result<TargetView> ProgrammeService::AddValue(const Principal& who, int64_t programme_id, int64_t target_id,
                                              const ValueInput& in) {
  std::optional<Programme> p;
  std::optional<Target> t;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(t, LoadTarget(conn, target_id));
    if (!t || t->programme_id != programme_id) return NotFound("error.target_not_found", target_id);
    if (!MayWrite(who, *p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    Checks c;
    if (!t->manual()) c.Add({"value", "not_manual", "field.programme_target_not_manual", {t->source}});
    if (in.on > Today()) c.Add({"on", "date_in_future", "field.date_in_future", {in.on.ToIso(), Today().ToIso()}});
    if (in.on < p->from || in.on > p->to)
      c.Add({"on", "outside_period", "field.programme_value_outside", {in.on.ToIso(), p->from.ToIso(), p->to.ToIso()}});
    if (in.value < -kMaxTargetValue || in.value > kMaxTargetValue)
      c.Add({"value", "out_of_range", "field.out_of_range", {"-10^18", "10^18"}});
    ManualValue v;
    v.on = in.on;
    v.value = in.value;
    v.evidence = c.Text("evidence", in.evidence, false, kMaxTextLength);
    HOPTAC_TRY(c.Finish());
    v.entered_by = who.AuditName();
    v.entered_at_ms = now_ms_();
    HOPTAC_TRY(InsertValue(conn, target_id, v));
    Target before = *t;
    t->values.push_back(v);
    std::stable_sort(t->values.begin(), t->values.end(),
                     [](const ManualValue& a, const ManualValue& b) { return a.on < b.on; });
    auto audit =
        AuditOf(who, "programme.target_value", "programme_target", target_id, p->province_code, v.entered_at_ms);
    audit.before_json = boost::json::serialize(TargetJson(before));
    audit.after_json = boost::json::serialize(TargetJson(*t));
    return storage::AppendAudit(conn, audit);
  }));
  Progress progress = ProgressOf(who, *p, *t);
  return TargetView{std::move(*t), std::move(progress)};
}

Status ProgrammeService::DeleteValue(const Principal& who, int64_t programme_id, int64_t target_id, int64_t value_id) {
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(Programme p, Readable(who, conn, programme_id));
    HOPTAC_ASSIGN_OR_RETURN(auto t, LoadTarget(conn, target_id));
    if (!t || t->programme_id != programme_id) return NotFound("error.target_not_found", target_id);
    HOPTAC_ASSIGN_OR_RETURN(auto v, LoadValue(conn, target_id, value_id));
    if (!v) return NotFound("error.target_value_not_found", value_id);
    if (!MayWrite(who, p)) return Error::Make(ErrorCode::kPermissionDenied, "error.programme_read_only");
    HOPTAC_TRY(programmes::DeleteValue(conn, target_id, value_id));
    Target after = *t;
    std::erase_if(after.values, [&](const ManualValue& m) { return m.id == value_id; });
    auto audit =
        AuditOf(who, "programme.target_value_delete", "programme_target", target_id, p.province_code, now_ms_());
    audit.before_json = boost::json::serialize(TargetJson(*t));
    audit.after_json = boost::json::serialize(TargetJson(after));
    return storage::AppendAudit(conn, audit);
  });
}

}  // namespace hoptac::programmes

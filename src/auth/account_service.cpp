#include "auth/account_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>

#include "auth/account_json.h"
#include "storage/sql.h"
#include "text/normalize.h"

namespace hoptac::auth {
namespace {

using storage::Connection;
using storage::Int;
using storage::Null;
using storage::Row;
using storage::RowView;
using storage::Text;
using storage::TextOrNull;
using storage::Value;

constexpr const char* kUserColumns =
    "id, username, display_name, role, province_code, entity_id, disabled, created_at_ms, updated_at_ms";

User ReadUser(const RowView& row) {
  User u;
  u.id = row.GetInt(0);
  u.username = row.GetText(1);
  u.display_name = row.GetText(2);
  u.role = ParseRole(row.GetText(3)).value_or(Role::kPartner);
  u.province_code = row.GetText(4);
  u.entity_id = row.IsNull(5) ? 0 : row.GetInt(5);
  u.disabled = row.GetInt(6) != 0;
  u.created_at_ms = row.GetInt(7);
  u.updated_at_ms = row.GetInt(8);
  return u;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// 3–64 characters: a–z, 0–9, '.', '_', '-'; starts with a letter or digit.
bool ValidUsername(std::string_view name) {
  if (name.size() < 3 || name.size() > 64) return false;
  if (!std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

constexpr size_t kMaxDisplayNameBytes = 200;

// A display name as stored (text::NormalizeText: NFC, no direction overrides, no invisible
// characters at the ends), or the field error that refuses it: not UTF-8 or with control
// characters ("field.invalid_text"), characters but nothing visible ("field.no_visible_text"),
// too long. White space alone is no name: it clears it.
std::optional<FieldError> CleanDisplayName(std::string& name) {
  text::NormalizedText normalized = text::NormalizeText(name);
  bool control = false;
  for (size_t i = 0; i < normalized.text.size(); ++i) {
    auto c = static_cast<unsigned char>(normalized.text[i]);
    auto next = i + 1 < normalized.text.size() ? static_cast<unsigned char>(normalized.text[i + 1]) : 0;
    control = control || c < 0x20 || c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F);  // C0, DEL, C1
  }
  if (!normalized.valid || control) return FieldError{"display_name", "invalid_text", "field.invalid_text", {}};
  if (!normalized.visible) {
    bool blank = std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || c == '\t'; });
    if (!blank) return FieldError{"display_name", "no_visible_text", "field.no_visible_text", {}};
    normalized.text.clear();
  }
  if (normalized.text.size() > kMaxDisplayNameBytes)
    return FieldError{"display_name", "too_long", "field.too_long", {std::to_string(kMaxDisplayNameBytes)}};
  name = std::move(normalized.text);
  return std::nullopt;
}

Principal PrincipalOf(const User& user, Credential credential, std::string address) {
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.role = user.role;
  p.province_code = user.province_code;
  p.entity_id = user.entity_id;
  p.credential = credential;
  p.address = std::move(address);
  return p;
}

Error NotFound(int64_t id) { return Error::Make(ErrorCode::kNotFound, "error.user_not_found", {std::to_string(id)}); }

Result<std::optional<User>> LoadUser(Connection& conn, int64_t id) {
  std::optional<User> user;
  HOPTAC_TRY(conn.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1",
                        std::initializer_list<Value>{Int(id)}, [&](const RowView& row) -> Status {
                          user = ReadUser(row);
                          return Ok();
                        }));
  return user;
}

}  // namespace

AccountService::AccountService(storage::Db& db, PasswordHasher& hasher, LoginThrottle& throttle,
                               ProvinceValidator provinces, AccountOptions options, NowMs now_ms)
    : db_(db),
      hasher_(hasher),
      throttle_(throttle),
      provinces_(std::move(provinces)),
      options_(options),
      now_ms_(now_ms ? std::move(now_ms) : [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Result<Session> AccountService::Login(std::string_view username_in, std::string_view password,
                                      std::string_view address) {
  std::string username = Lower(username_in);
  if (auto wait = throttle_.Check(username, address))
    return Error::Make(ErrorCode::kTooManyRequests, "error.too_many_requests", {std::to_string(*wait)});
  std::optional<User> user;
  std::string hash;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE username = $1",
                      std::initializer_list<Value>{Text(username)}, [&](const RowView& row) -> Status {
                        user = ReadUser(row);
                        hash = row.GetText(9);
                        return Ok();
                      });
  }));
  bool ok = false;
  if (user) {
    ok = hasher_.Verify(hash, password) && !user->disabled;
  } else {
    hasher_.VerifyDummy(password);  // same time as a real verification
  }
  if (!ok) {
    throttle_.RecordFailure(username, address);
    return Error::Make(ErrorCode::kUnauthenticated, "error.login_failed");
  }
  throttle_.RecordSuccess(username, address);
  Session session;
  session.token = RandomToken();
  session.csrf_token = RandomToken(24);
  int64_t now = Now();
  session.expires_at_ms = now + options_.session_lifetime.count();
  session.user = *user;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    // Drop this user's expired sessions while here, so the table does not grow.
    HOPTAC_TRY(conn.Exec("DELETE FROM sessions WHERE user_id = $1 AND (expires_at_ms < $2 OR last_seen_at_ms < $3)",
                         {Int(user->id), Int(now), Int(now - options_.session_idle.count())}));
    HOPTAC_TRY(conn.Exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at_ms, last_seen_at_ms, expires_at_ms, "
        "address) VALUES ($1, $2, $3, $4, $4, $5, $6)",
        {Text(TokenHash(session.token)), Int(user->id), Text(session.csrf_token), Int(now), Int(session.expires_at_ms),
         Text(std::string(address))}));
    return Ok();
  }));
  return session;
}

Status AccountService::Logout(std::string_view session_token) {
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(conn.Exec("DELETE FROM sessions WHERE token_hash = $1", {Text(TokenHash(session_token))}));
    return Ok();
  });
}

Result<Principal> AccountService::AuthenticateSession(std::string_view token, std::string_view address) {
  Error expired = Error::Make(ErrorCode::kUnauthenticated, "error.session_expired");
  std::optional<User> user;
  std::string csrf;
  int64_t last_seen = 0, expires = 0;
  std::string token_hash = TokenHash(token);
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(
        "SELECT u.id, u.username, u.display_name, u.role, u.province_code, u.entity_id, u.disabled, "
        "u.created_at_ms, u.updated_at_ms, s.csrf_token, s.last_seen_at_ms, s.expires_at_ms "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        std::initializer_list<Value>{Text(token_hash)}, [&](const RowView& row) -> Status {
          user = ReadUser(row);
          csrf = row.GetText(9);
          last_seen = row.GetInt(10);
          expires = row.GetInt(11);
          return Ok();
        });
  }));
  int64_t now = Now();
  if (!user || user->disabled || now >= expires || now - last_seen >= options_.session_idle.count()) return expired;
  // Touch the session at most once a minute: a write per request would serialise reads.
  if (now - last_seen > 60'000) {
    HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
      HOPTAC_TRY(
          conn.Exec("UPDATE sessions SET last_seen_at_ms = $1 WHERE token_hash = $2", {Int(now), Text(token_hash)}));
      return Ok();
    }));
  }
  Principal p = PrincipalOf(*user, Credential::kSession, std::string(address));
  p.csrf_token = csrf;
  return p;
}

Result<Principal> AccountService::AuthenticateToken(std::string_view token, std::string_view address) {
  Error invalid = Error::Make(ErrorCode::kUnauthenticated, "error.token_invalid");
  std::optional<User> user;
  int64_t token_id = 0, expires = 0, revoked = 0, last_used = 0;
  bool read_only = false;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(
        "SELECT u.id, u.username, u.display_name, u.role, u.province_code, u.entity_id, u.disabled, "
        "u.created_at_ms, u.updated_at_ms, t.id, t.expires_at_ms, t.revoked_at_ms, t.last_used_at_ms, "
        "t.read_only FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        std::initializer_list<Value>{Text(TokenHash(token))}, [&](const RowView& row) -> Status {
          user = ReadUser(row);
          token_id = row.GetInt(9);
          expires = row.IsNull(10) ? 0 : row.GetInt(10);
          revoked = row.IsNull(11) ? 0 : row.GetInt(11);
          last_used = row.IsNull(12) ? 0 : row.GetInt(12);
          read_only = row.GetInt(13) != 0;
          return Ok();
        });
  }));
  int64_t now = Now();
  if (!user || user->disabled || revoked || (expires && now >= expires)) return invalid;
  if (now - last_used > 60'000) {
    HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
      HOPTAC_TRY(conn.Exec("UPDATE api_tokens SET last_used_at_ms = $1 WHERE id = $2", {Int(now), Int(token_id)}));
      return Ok();
    }));
  }
  Principal principal = PrincipalOf(*user, Credential::kApiToken, std::string(address));
  principal.read_only = read_only;
  return principal;
}

Result<User> AccountService::Me(const Principal& who) {
  if (!who.authenticated() || who.user_id == 0)
    return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  std::optional<User> user;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(user, LoadUser(conn, who.user_id));
    return Ok();
  }));
  if (!user) return NotFound(who.user_id);
  return *user;
}

Status AccountService::ChangePassword(const Principal& who, std::string_view current, std::string_view next) {
  HOPTAC_ASSIGN_OR_RETURN(User me, Me(who));
  if (auto wait = throttle_.Check(me.username, who.address))
    return Error::Make(ErrorCode::kTooManyRequests, "error.too_many_requests", {std::to_string(*wait)});
  std::string hash;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT password_hash FROM users WHERE id = $1", {Int(me.id)}));
    if (row) hash = std::get<std::string>((*row)[0]);
    return Ok();
  }));
  if (!hasher_.Verify(hash, current)) {
    throttle_.RecordFailure(me.username, who.address);
    return Error::InvalidField("current_password", "password_wrong", "field.password_wrong");
  }
  HOPTAC_TRY(CheckPasswordPolicy(next, me.username));
  HOPTAC_ASSIGN_OR_RETURN(std::string new_hash, hasher_.Hash(next));
  int64_t now = Now();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(
        conn.Exec("UPDATE users SET password_hash = $1, password_changed_at_ms = $2, updated_at_ms = $2 "
                  "WHERE id = $3",
                  {Text(new_hash), Int(now), Int(me.id)}));
    HOPTAC_TRY(AppendAudit(conn, Audit(who, "user.change_password", me)));
    return Ok();
  });
}

Status AccountService::RequireAdmin(const Principal& who) const {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.admin()) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  return Ok();
}

bool AccountService::InScope(const Principal& who, const User& user) const {
  if (who.national()) return true;
  return who.role == Role::kProvinceAdmin && RoleNeedsProvince(user.role) && user.province_code == who.province_code;
}

storage::AuditRecord AccountService::Audit(const Principal& who, std::string action, const User& user) const {
  storage::AuditRecord r;
  r.at_ms = Now();
  r.actor_user_id = who.user_id;
  r.actor_name = who.AuditName();
  r.address = who.address;
  r.action = std::move(action);
  r.object_type = "user";
  r.object_id = std::to_string(user.id);
  r.province_code = user.province_code;
  return r;
}

Status AccountService::ValidateAssignment(const Principal& who, Role role, const std::string& province_code,
                                          int64_t entity_id) const {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  if (RoleNeedsProvince(role)) {
    if (province_code.empty())
      error.fields.push_back({"province_code", "required", "field.province_required", {RoleName(role)}});
    else if (!provinces_ || !provinces_(province_code))
      error.fields.push_back({"province_code", "unknown_province", "field.unknown_province", {province_code}});
  } else if (!province_code.empty()) {
    error.fields.push_back({"province_code", "not_allowed", "field.province_not_allowed", {RoleName(role)}});
  }
  if (RoleNeedsEntity(role) && entity_id <= 0)
    error.fields.push_back({"entity_id", "required", "field.entity_required", {}});
  if (!RoleNeedsEntity(role) && entity_id != 0)
    error.fields.push_back({"entity_id", "not_allowed", "field.entity_not_allowed", {RoleName(role)}});
  if (!error.fields.empty()) return error;
  // A province admin manages only province accounts of their own province.
  if (!who.national() && (!RoleNeedsProvince(role) || province_code != who.province_code)) {
    Error denied = Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
    denied.fields.push_back({"role", "role_not_allowed", "field.role_not_allowed", {RoleName(role)}});
    return denied;
  }
  return Ok();
}

// Reads the registry's table directly (auth must not depend on the registry
// module): the entity exists, is not deleted and, for a province admin, is
// currently in their province. Inside the write, so the account cannot be bound
// to an entity deleted meanwhile.
Status AccountService::CheckEntity(Connection& conn, const Principal& who, int64_t entity_id) const {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne("SELECT current_province_code FROM entities WHERE id = $1 AND deleted_at_ms IS NULL",
                              {Int(entity_id)}));
  // Out of the caller's province reads like a missing id, so existence does not leak.
  if (!row || (!who.national() && std::get<std::string>((*row)[0]) != who.province_code))
    return Error::InvalidField("entity_id", "unknown_entity", "field.unknown_entity", {std::to_string(entity_id)});
  return Ok();
}

Result<std::vector<User>> AccountService::ListUsers(const Principal& who) {
  HOPTAC_TRY(RequireAdmin(who));
  std::vector<User> users;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username", {},
                      [&](const RowView& row) -> Status {
                        User u = ReadUser(row);
                        if (InScope(who, u)) users.push_back(std::move(u));
                        return Ok();
                      });
  }));
  return users;
}

Result<User> AccountService::GetUser(const Principal& who, int64_t id) {
  HOPTAC_TRY(RequireAdmin(who));
  std::optional<User> user;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(user, LoadUser(conn, id));
    return Ok();
  }));
  if (!user || !InScope(who, *user)) return NotFound(id);
  return *user;
}

Result<User> AccountService::FindUser(const Principal& who, std::string_view username) {
  HOPTAC_TRY(RequireAdmin(who));
  std::optional<User> user;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = $1",
                      std::initializer_list<Value>{Text(Lower(username))}, [&](const RowView& row) -> Status {
                        user = ReadUser(row);
                        return Ok();
                      });
  }));
  if (!user || !InScope(who, *user))
    return Error::Make(ErrorCode::kNotFound, "error.username_not_found", {std::string(username)});
  return *user;
}

Result<User> AccountService::CreateUser(const Principal& who, const NewUser& input) {
  HOPTAC_TRY(RequireAdmin(who));
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  std::string username = Lower(input.username);
  if (!ValidUsername(username))
    error.fields.push_back({"username", "invalid_username", "field.invalid_username", {input.username}});
  auto role = ParseRole(input.role);
  if (!role) error.fields.push_back({"role", "invalid_enum", "field.invalid_enum", {input.role, RoleNames()}});
  std::string display_name = input.display_name;
  if (auto bad = CleanDisplayName(display_name)) error.fields.push_back(std::move(*bad));
  Status policy = CheckPasswordPolicy(input.password, username);
  if (!policy.ok())
    for (const auto& f : policy.error().fields) error.fields.push_back(f);
  if (!error.fields.empty()) return error;
  HOPTAC_TRY(ValidateAssignment(who, *role, input.province_code, input.entity_id));
  HOPTAC_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(input.password));
  User user;
  user.username = username;
  user.display_name = std::move(display_name);
  user.role = *role;
  user.province_code = input.province_code;
  user.entity_id = input.entity_id;
  user.created_at_ms = user.updated_at_ms = Now();
  Status status = db_.Write([&](Connection& conn) -> Status {
    if (RoleNeedsEntity(user.role)) HOPTAC_TRY(CheckEntity(conn, who, user.entity_id));
    HOPTAC_ASSIGN_OR_RETURN(
        auto row,
        conn.QueryOne(
            "INSERT INTO users (username, display_name, role, province_code, entity_id, password_hash, "
            "disabled, created_at_ms, updated_at_ms, password_changed_at_ms) "
            "VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, $7) RETURNING id",
            {Text(user.username), Text(user.display_name), Text(RoleName(user.role)), TextOrNull(user.province_code),
             user.entity_id ? Int(user.entity_id) : Null(), Text(hash), Int(user.created_at_ms)}));
    if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
    user.id = std::get<int64_t>((*row)[0]);
    auto audit = Audit(who, "user.create", user);
    audit.after_json = boost::json::serialize(UserJson(user));
    return AppendAudit(conn, audit);
  });
  if (!status.ok()) {
    if (status.error().code == ErrorCode::kConflict)
      return Error::InvalidField("username", "username_taken", "field.username_taken", {user.username});
    return std::move(status).error();
  }
  return user;
}

Result<User> AccountService::UpdateUser(const Principal& who, int64_t id, const UserPatch& patch) {
  HOPTAC_ASSIGN_OR_RETURN(User before, GetUser(who, id));
  User after = before;
  if (patch.display_name) {
    after.display_name = *patch.display_name;
    if (auto bad = CleanDisplayName(after.display_name)) {
      Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
      error.fields.push_back(std::move(*bad));
      return error;
    }
  }
  if (patch.role) {
    auto role = ParseRole(*patch.role);
    if (!role) return Error::InvalidField("role", "invalid_enum", "field.invalid_enum", {*patch.role, RoleNames()});
    after.role = *role;
    // Changing to a role without a province or entity drops them.
    if (!RoleNeedsProvince(after.role) && !patch.province_code) after.province_code.clear();
    if (!RoleNeedsEntity(after.role) && !patch.entity_id) after.entity_id = 0;
  }
  if (patch.province_code) after.province_code = *patch.province_code;
  if (patch.entity_id) after.entity_id = *patch.entity_id;
  if (patch.disabled) {
    if (*patch.disabled && id == who.user_id)
      return Error::InvalidField("disabled", "cannot_disable_self", "field.cannot_disable_self");
    after.disabled = *patch.disabled;
  }
  bool assignment =
      after.role != before.role || after.province_code != before.province_code || after.entity_id != before.entity_id;
  // A patch that changes nothing writes nothing (no audit row).
  if (!assignment && after.display_name == before.display_name && after.disabled == before.disabled) return before;
  if (assignment) HOPTAC_TRY(ValidateAssignment(who, after.role, after.province_code, after.entity_id));
  after.updated_at_ms = Now();
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    if (RoleNeedsEntity(after.role) && (after.role != before.role || after.entity_id != before.entity_id))
      HOPTAC_TRY(CheckEntity(conn, who, after.entity_id));
    HOPTAC_TRY(
        conn.Exec("UPDATE users SET display_name = $1, role = $2, province_code = $3, entity_id = $4, "
                  "disabled = $5, updated_at_ms = $6 WHERE id = $7",
                  {Text(after.display_name), Text(RoleName(after.role)), TextOrNull(after.province_code),
                   after.entity_id ? Int(after.entity_id) : Null(), Int(after.disabled ? 1 : 0),
                   Int(after.updated_at_ms), Int(id)}));
    if (after.disabled) HOPTAC_TRY(conn.Exec("DELETE FROM sessions WHERE user_id = $1", {Int(id)}));
    auto audit = Audit(who, "user.update", after);
    audit.before_json = boost::json::serialize(UserJson(before));
    audit.after_json = boost::json::serialize(UserJson(after));
    return AppendAudit(conn, audit);
  }));
  return after;
}

Status AccountService::ResetPassword(const Principal& who, int64_t id, std::string_view new_password) {
  HOPTAC_ASSIGN_OR_RETURN(User user, GetUser(who, id));
  HOPTAC_TRY(CheckPasswordPolicy(new_password, user.username));
  HOPTAC_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  int64_t now = Now();
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(
        conn.Exec("UPDATE users SET password_hash = $1, password_changed_at_ms = $2, updated_at_ms = $2 "
                  "WHERE id = $3",
                  {Text(hash), Int(now), Int(id)}));
    HOPTAC_TRY(conn.Exec("DELETE FROM sessions WHERE user_id = $1", {Int(id)}));
    return AppendAudit(conn, Audit(who, "user.reset_password", user));
  });
}

Result<std::pair<ApiToken, std::string>> AccountService::CreateToken(const Principal& who, std::string_view name,
                                                                     int expires_in_days, bool read_only) {
  HOPTAC_ASSIGN_OR_RETURN(User me, Me(who));
  if (name.empty() || name.size() > 100)
    return Error::InvalidField("name", "required", name.empty() ? "field.required" : "field.too_long", {"100"});
  if (expires_in_days < 0 || expires_in_days > 3650)
    return Error::InvalidField("expires_in_days", "out_of_range", "field.out_of_range", {"0", "3650"});
  std::string secret = "hpt_" + RandomToken();
  ApiToken token;
  token.user_id = me.id;
  token.username = me.username;
  token.name = std::string(name);
  token.prefix = secret.substr(0, 10);
  token.created_at_ms = Now();
  token.read_only = read_only;
  if (expires_in_days > 0) token.expires_at_ms = token.created_at_ms + int64_t{expires_in_days} * 86'400'000;
  HOPTAC_TRY(db_.Write([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto count, conn.QueryOne("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND "
                                                      "revoked_at_ms IS NULL",
                                                      {Int(me.id)}));
    if (count && std::get<int64_t>((*count)[0]) >= options_.max_tokens_per_user)
      return Error::Make(ErrorCode::kConflict, "error.too_many_tokens", {std::to_string(options_.max_tokens_per_user)});
    HOPTAC_ASSIGN_OR_RETURN(
        auto row, conn.QueryOne("INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at_ms, "
                                "expires_at_ms, read_only) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                {Int(me.id), Text(token.name), Text(TokenHash(secret)), Text(token.prefix),
                                 Int(token.created_at_ms), token.expires_at_ms ? Int(token.expires_at_ms) : Null(),
                                 Int(read_only ? 1 : 0)}));
    if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
    token.id = std::get<int64_t>((*row)[0]);
    storage::AuditRecord audit = Audit(who, "token.create", me);
    audit.object_type = "api_token";
    audit.object_id = std::to_string(token.id);
    audit.after_json = boost::json::serialize(TokenJson(token));
    return AppendAudit(conn, audit);
  }));
  return std::make_pair(token, secret);
}

Result<std::vector<ApiToken>> AccountService::ListTokens(const Principal& who) {
  HOPTAC_ASSIGN_OR_RETURN(User me, Me(who));
  bool all = who.role == Role::kNationalAdmin;
  std::vector<ApiToken> tokens;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    return conn.Query(
        "SELECT t.id, t.user_id, u.username, t.name, t.prefix, t.created_at_ms, t.last_used_at_ms, t.expires_at_ms, "
        "t.revoked_at_ms, t.read_only FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE CAST($1 AS INTEGER) = 1 OR t.user_id = $2 ORDER BY t.id",
        std::initializer_list<Value>{Int(all ? 1 : 0), Int(me.id)}, [&](const RowView& row) -> Status {
          ApiToken t;
          t.id = row.GetInt(0);
          t.user_id = row.GetInt(1);
          t.username = row.GetText(2);
          t.name = row.GetText(3);
          t.prefix = row.GetText(4);
          t.created_at_ms = row.GetInt(5);
          t.last_used_at_ms = row.IsNull(6) ? 0 : row.GetInt(6);
          t.expires_at_ms = row.IsNull(7) ? 0 : row.GetInt(7);
          t.revoked = !row.IsNull(8);
          t.read_only = row.GetInt(9) != 0;
          tokens.push_back(std::move(t));
          return Ok();
        });
  }));
  return tokens;
}

Status AccountService::RevokeToken(const Principal& who, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(auto tokens, ListTokens(who));
  auto it = std::find_if(tokens.begin(), tokens.end(), [&](const ApiToken& t) { return t.id == id; });
  if (it == tokens.end()) return Error::Make(ErrorCode::kNotFound, "error.token_not_found", {std::to_string(id)});
  if (it->revoked) return Ok();
  HOPTAC_ASSIGN_OR_RETURN(User me, Me(who));
  return db_.Write([&](Connection& conn) -> Status {
    HOPTAC_TRY(conn.Exec("UPDATE api_tokens SET revoked_at_ms = $1 WHERE id = $2", {Int(Now()), Int(id)}));
    storage::AuditRecord audit = Audit(who, "token.revoke", me);
    audit.object_type = "api_token";
    audit.object_id = std::to_string(id);
    audit.before_json = boost::json::serialize(TokenJson(*it));
    return AppendAudit(conn, audit);
  });
}

Result<std::optional<std::string>> AccountService::EnsureInitialAdmin(std::optional<std::string> password) {
  bool empty = false;
  HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT COUNT(*) FROM users"));
    empty = row && std::get<int64_t>((*row)[0]) == 0;
    return Ok();
  }));
  if (!empty) return std::optional<std::string>();
  std::string chosen = password.value_or(RandomPassword());
  NewUser admin{"admin", "Quản trị viên", "national_admin", "", 0, chosen};
  auto created = CreateUser(Principal::Cli("first-start"), admin);
  if (!created.ok()) {
    // Another process created the first account at the same moment: fine.
    if (!created.error().fields.empty() && created.error().fields[0].code == "username_taken")
      return std::optional<std::string>();
    return std::move(created).error();
  }
  return std::optional<std::string>(chosen);
}

Result<std::vector<storage::AuditRecord>> AccountService::ListAudit(const Principal& who, storage::AuditQuery query,
                                                                    bool english) {
  bool officer = who.authenticated() && (who.role == Role::kNationalOfficer || who.role == Role::kProvinceOfficer);
  bool one_entity = query.object_type == "entity" && !query.object_id.empty();
  if (!(officer && one_entity)) HOPTAC_TRY(RequireAdmin(who));
  if ((who.role == Role::kProvinceAdmin || who.role == Role::kProvinceOfficer) && who.credential != Credential::kCli)
    query.province_code = who.province_code;
  HOPTAC_ASSIGN_OR_RETURN(auto rows, storage::QueryAudit(db_, query, audit_supplement_));
  // Names: one query per object type of the page.
  std::map<std::string, std::vector<int64_t>> ids;
  for (const auto& r : rows) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(r.object_id.data(), r.object_id.data() + r.object_id.size(), id);
    if (ec == std::errc() && end == r.object_id.data() + r.object_id.size() && id > 0) ids[r.object_type].push_back(id);
  }
  std::map<std::string, std::map<int64_t, std::string>> names;
  for (auto& [type, list] : ids) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    auto& out = names[type];
    if (type == "user") {
      HOPTAC_TRY(db_.Read([&](Connection& conn) -> Status {
        std::vector<Value> params;
        std::string in = storage::AppendInList(params, list);
        return conn.Query("SELECT id, username, display_name FROM users WHERE id IN (" + in + ")", params,
                          [&](const RowView& row) -> Status {
                            std::string display(row.GetText(2)), username(row.GetText(1));
                            out[row.GetInt(0)] = display.empty() ? username : display + " (" + username + ")";
                            return Ok();
                          });
      }));
    } else if (auto namer = audit_namers_.find(type); namer != audit_namers_.end()) {
      HOPTAC_TRY(namer->second(list, english, out));
    }
  }
  for (auto& r : rows) {
    auto type = names.find(r.object_type);
    if (type == names.end()) continue;
    int64_t id = 0;
    std::from_chars(r.object_id.data(), r.object_id.data() + r.object_id.size(), id);
    if (auto name = type->second.find(id); name != type->second.end()) r.object_name = name->second;
  }
  return rows;
}

}  // namespace hoptac::auth

// AccountService: accounts, sign-in sessions, API tokens and reading the audit log.
//
// Every write goes through here and records an audit row in the same transaction.
// Scope is enforced here, not in handlers: a province admin manages only the
// accounts of their province and reads only their province's audit rows; an
// account outside the caller's scope is "not found".
//
// Sessions: a random token in an HttpOnly cookie, stored hashed, with an absolute
// lifetime and an idle timeout; each session has a CSRF token that cookie-
// authenticated writes must echo. API tokens (Authorization: Bearer) are stored
// hashed, listed by prefix, revocable. Sign-in failures are throttled per
// account, per account and address, and per address (spraying); a throttled
// attempt is refused before any password hashing.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/password.h"
#include "auth/principal.h"
#include "auth/throttle.h"
#include "base/result.h"
#include "storage/audit.h"
#include "storage/db.h"

namespace hoptac::auth {

// An API token asked for without an expiry lasts this many days.
inline constexpr int kDefaultTokenDays = 90;

struct AccountOptions {
  std::chrono::milliseconds session_lifetime{std::chrono::hours(12)};
  std::chrono::milliseconds session_idle{std::chrono::minutes(30)};
  int max_tokens_per_user = 50;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kPartner;
  std::string province_code;
  int64_t entity_id = 0;
  bool disabled = false;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;  // validated
  std::string province_code;
  int64_t entity_id = 0;
  std::string password;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::string> province_code;  // "" clears
  std::optional<int64_t> entity_id;          // 0 clears
  std::optional<bool> disabled;
};

struct Session {
  std::string token;  // the cookie value; shown once
  std::string csrf_token;
  int64_t expires_at_ms = 0;
  User user;
};

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string username;
  std::string name;
  std::string prefix;  // first characters of the token, to recognise it
  int64_t created_at_ms = 0;
  int64_t last_used_at_ms = 0;  // 0: never
  int64_t expires_at_ms = 0;    // 0: never
  bool read_only = false;       // GET and HEAD only
  bool revoked = false;
};

// Validates a province code (in force today); injected so auth does not depend on the directory.
using ProvinceValidator = std::function<bool(std::string_view code)>;
using NowMs = std::function<int64_t()>;

class AccountService {
 public:
  AccountService(storage::Db& db, PasswordHasher& hasher, LoginThrottle& throttle, ProvinceValidator provinces,
                 AccountOptions options = {}, NowMs now_ms = nullptr);

  // Errors: kTooManyRequests ("error.too_many_requests", {seconds}) when throttled;
  // kUnauthenticated "error.login_failed" for an unknown user, a wrong password or a
  // disabled account alike (nothing tells them apart, timing included).
  Result<Session> Login(std::string_view username, std::string_view password, std::string_view address);
  Status Logout(std::string_view session_token);
  // kUnauthenticated "error.session_expired" for an unknown, expired or idle session
  // or a disabled account.
  Result<Principal> AuthenticateSession(std::string_view session_token, std::string_view address);
  // kUnauthenticated "error.token_invalid".
  Result<Principal> AuthenticateToken(std::string_view token, std::string_view address);

  Result<User> Me(const Principal& who);
  // Errors: "field.password_wrong" on current_password, the policy's field errors.
  Status ChangePassword(const Principal& who, std::string_view current_password, std::string_view new_password);

  // Administration (national_admin: everyone; province_admin: their province).
  Result<std::vector<User>> ListUsers(const Principal& who);
  Result<User> GetUser(const Principal& who, int64_t id);
  Result<User> FindUser(const Principal& who, std::string_view username);
  // A cooperative account names an existing, not deleted entity (read from the
  // entities table): otherwise "field.unknown_entity" on entity_id. The display name is
  // stored normalised (text::NormalizeText); one with characters but nothing visible is
  // refused ("field.no_visible_text"), as is one that is not UTF-8 or holds control
  // characters ("field.invalid_text").
  Result<User> CreateUser(const Principal& who, const NewUser& user);
  // A patch that changes nothing writes nothing (no audit row) and answers the user as is.
  Result<User> UpdateUser(const Principal& who, int64_t id, const UserPatch& patch);
  // Sets a new password and ends the user's sessions.
  Status ResetPassword(const Principal& who, int64_t id, std::string_view new_password);

  // API tokens of the caller (national_admin also sees and revokes everyone's).
  // Returns the token record and the secret, shown once. expires_in_days 0: never (the
  // API's default is kDefaultTokenDays, and only a national admin may ask for never). A
  // read-only token authenticates a Principal with read_only set.
  Result<std::pair<ApiToken, std::string>> CreateToken(const Principal& who, std::string_view name, int expires_in_days,
                                                       bool read_only = false);
  Result<std::vector<ApiToken>> ListTokens(const Principal& who);
  Status RevokeToken(const Principal& who, int64_t id);

  // On a database without users: creates "admin" (national_admin) with password, or a
  // random one. Returns the password when it created the account.
  Result<std::optional<std::string>> EnsureInitialAdmin(std::optional<std::string> password);

  // national_admin: all rows; province_admin: their province's rows. A query about one
  // object ends with the supplement's derived entries (storage::AuditSupplement), under
  // the same scope.
  // Rows carry object_name, from one query per object type of the page: users here,
  // other types through the namers added for them. national_officer and province_officer
  // may ask about one entity (object entity:ID) only, a province officer in their province.
  Result<std::vector<storage::AuditRecord>> ListAudit(const Principal& who, storage::AuditQuery query,
                                                      bool english = false);
  // Set before the service is shared.
  void AddAuditNamer(std::string object_type, storage::AuditNamer namer) {
    audit_namers_[std::move(object_type)] = std::move(namer);
  }
  // Set before the service is shared; must outlive it.
  void SetAuditSupplement(storage::AuditSupplement* supplement) { audit_supplement_ = supplement; }

  int64_t session_lifetime_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(options_.session_lifetime).count();
  }

 private:
  Status RequireAdmin(const Principal& who) const;
  bool InScope(const Principal& who, const User& user) const;
  Status ValidateAssignment(const Principal& who, Role role, const std::string& province_code, int64_t entity_id) const;
  // A cooperative account's entity: "field.unknown_entity" on entity_id unless it exists, is not deleted and is in
  // the caller's scope.
  Status CheckEntity(storage::Connection& conn, const Principal& who, int64_t entity_id) const;
  storage::AuditRecord Audit(const Principal& who, std::string action, const User& user) const;
  int64_t Now() const { return now_ms_(); }

  storage::Db& db_;
  PasswordHasher& hasher_;
  LoginThrottle& throttle_;
  ProvinceValidator provinces_;
  AccountOptions options_;
  NowMs now_ms_;
  storage::AuditSupplement* audit_supplement_ = nullptr;
  std::map<std::string, storage::AuditNamer> audit_namers_;
};

}  // namespace hoptac::auth

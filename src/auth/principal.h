// Principal: who is asking, and the scope that follows from the role.
//
// Roles: national_admin and national_officer see the whole country;
// province_admin and province_officer are bound to one province; partner reads
// published statistics; cooperative is bound to one registered entity; an
// anonymous caller sees public data only. Scope is enforced in the services
// (not in handlers): a province account asking for another province's object
// gets "not found", so existence does not leak.
//
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoptac::auth {

enum class Role { kNationalAdmin, kNationalOfficer, kProvinceAdmin, kProvinceOfficer, kPartner, kCooperative };

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
// "national_admin, national_officer, …" for error messages.
const char* RoleNames();
bool RoleNeedsProvince(Role role);
bool RoleNeedsEntity(Role role);

enum class Credential { kNone, kSession, kApiToken, kCli };

struct Principal {
  int64_t user_id = 0;  // 0: anonymous (or the CLI acting as the system)
  std::string username;
  Role role = Role::kPartner;
  std::string province_code;  // province roles
  int64_t entity_id = 0;      // cooperative role
  Credential credential = Credential::kNone;
  std::string csrf_token;  // session credentials only
  bool read_only = false;  // a read-only API token: GET and HEAD only (the guard refuses the rest)
  std::string address;     // client address (audit)

  static Principal Anonymous(std::string address = {}) {
    Principal p;
    p.address = std::move(address);
    return p;
  }
  // The command line, acting with full rights; audited as "cli:<os user>".
  static Principal Cli(std::string name);

  bool authenticated() const { return credential != Credential::kNone; }
  bool national() const {
    return authenticated() &&
           (role == Role::kNationalAdmin || role == Role::kNationalOfficer || credential == Credential::kCli);
  }
  bool admin() const {
    return authenticated() &&
           (role == Role::kNationalAdmin || role == Role::kProvinceAdmin || credential == Credential::kCli);
  }
  bool province_bound() const {
    return authenticated() && (role == Role::kProvinceAdmin || role == Role::kProvinceOfficer);
  }
  // May this principal see objects of the province (current code)?
  bool SeesProvince(std::string_view code) const { return national() || (province_bound() && code == province_code); }
  // The name written to the audit log.
  std::string AuditName() const;
};

}  // namespace hoptac::auth

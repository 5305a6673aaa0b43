#include "auth/principal.h"

namespace hoptac::auth {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kNationalAdmin: return "national_admin";
    case Role::kNationalOfficer: return "national_officer";
    case Role::kProvinceAdmin: return "province_admin";
    case Role::kProvinceOfficer: return "province_officer";
    case Role::kPartner: return "partner";
    case Role::kCooperative: return "cooperative";
  }
  return "partner";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kNationalAdmin, Role::kNationalOfficer, Role::kProvinceAdmin, Role::kProvinceOfficer,
                    Role::kPartner, Role::kCooperative})
    if (name == RoleName(role)) return role;
  return std::nullopt;
}

const char* RoleNames() {
  return "national_admin, national_officer, province_admin, province_officer, partner, cooperative";
}

bool RoleNeedsProvince(Role role) { return role == Role::kProvinceAdmin || role == Role::kProvinceOfficer; }
bool RoleNeedsEntity(Role role) { return role == Role::kCooperative; }

Principal Principal::Cli(std::string name) {
  Principal p;
  p.username = "cli:" + name;
  p.role = Role::kNationalAdmin;
  p.credential = Credential::kCli;
  p.address = "cli";
  return p;
}

std::string Principal::AuditName() const {
  if (!authenticated()) return "anonymous";
  return username;
}

}  // namespace hoptac::auth

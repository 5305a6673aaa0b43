#include "views/view_access.h"

namespace hoptac::views {

bool MayRead(const auth::Principal& who, const SavedView& view) {
  if (!who.authenticated()) return false;
  if (who.user_id != 0 && who.user_id == view.owner_user_id) return true;
  switch (view.visibility) {
    case Visibility::kPrivate: return false;
    case Visibility::kProvince: return who.province_bound() && who.province_code == view.province_code;
    case Visibility::kCountry: return true;
  }
  return false;
}

bool MayChange(const auth::Principal& who, const SavedView& view) {
  return who.authenticated() && who.user_id != 0 && who.user_id == view.owner_user_id;
}

bool MayDelete(const auth::Principal& who, const SavedView& view) {
  return MayChange(who, view) || (who.authenticated() && who.role == auth::Role::kNationalAdmin);
}

Status CheckVisibility(const auth::Principal& who, Visibility visibility) {
  bool ok = true;
  if (visibility == Visibility::kProvince) ok = who.province_bound();
  if (visibility == Visibility::kCountry) ok = who.national() || who.province_bound();
  if (ok) return Ok();
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  e.fields.push_back({"visibility", "not_allowed", "field.view_visibility_not_allowed", {VisibilityName(visibility)}});
  return e;
}

}  // namespace hoptac::views

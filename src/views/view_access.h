// Who may do what with a saved view (saved_view.h): private views are their owner's; a province
// view is also the province accounts' of the owner's province; a country view everyone's signed in.
// Only province accounts share with their province; only officials (national and province accounts)
// share with the country; partners and cooperative accounts keep private views. The owner renames,
// re-shares and deletes; a national admin may delete any view.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include "auth/principal.h"
#include "base/result.h"
#include "views/saved_view.h"

namespace hoptac::views {

// Whether `who` may open the view.
bool MayRead(const auth::Principal& who, const SavedView& view);
// Whether `who` may rename it or change its sharing (its owner).
bool MayChange(const auth::Principal& who, const SavedView& view);
// Whether `who` may delete it (its owner, a national admin).
bool MayDelete(const auth::Principal& who, const SavedView& view);
// Whether `who` may give a view this visibility (a field error on "visibility" if not).
Status CheckVisibility(const auth::Principal& who, Visibility visibility);

}  // namespace hoptac::views

// The only SQL of saved_views and saved_view_start (migration 0014).
//
// Thread-safety: functions take the caller's Connection (one transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"
#include "storage/db.h"
#include "views/saved_view.h"

namespace hoptac::views {

Result<std::optional<SavedView>> LoadView(storage::Connection& conn, int64_t id);
// The views `user_id` owns, and those shared with the country or with `province_code` (when not
// empty), newest change first. The caller still applies MayRead.
Result<std::vector<SavedView>> LoadVisibleViews(storage::Connection& conn, int64_t user_id,
                                                const std::string& province_code);
Status InsertView(storage::Connection& conn, SavedView& view);  // sets view.id
Status UpdateView(storage::Connection& conn, const SavedView& view);
// Deletes the view and every start page that named it.
Status DeleteView(storage::Connection& conn, int64_t id);

Result<std::optional<int64_t>> LoadStartView(storage::Connection& conn, int64_t user_id);
Status PutStartView(storage::Connection& conn, int64_t user_id, std::optional<int64_t> view_id);

}  // namespace hoptac::views

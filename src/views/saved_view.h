// A saved view: a dashboard's or pivot table's state (the page's URL query) under a name, and who
// may open it. The model and its validation; no I/O.
//
// Visibility: private (its owner), province (its owner and the province accounts of the owner's
// province), country (everyone signed in); who may do what is view_access.h.
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace hoptac::views {

enum class Visibility : uint8_t { kPrivate, kProvince, kCountry };
const char* VisibilityName(Visibility v);  // "private" | "province" | "country"
std::optional<Visibility> VisibilityFromName(std::string_view name);

// The pages a view can be of.
inline constexpr std::string_view kPages[] = {"dashboard", "pivot"};
bool KnownPage(std::string_view page);

inline constexpr size_t kMaxNameLength = 120;    // bytes, after normalisation
inline constexpr size_t kMaxQueryLength = 4000;  // bytes

struct SavedView {
  int64_t id = 0;
  int64_t owner_user_id = 0;
  std::string owner_name;
  std::string province_code;  // the owner's province, "" for accounts without one
  std::string name;
  std::string page;
  std::string query;  // the URL query without "?", e.g. "rows=province&cols=kind"
  Visibility visibility = Visibility::kPrivate;
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

}  // namespace hoptac::views

// Saved views: save, list, open, rename (or re-share), delete, and the start page preference.
// Scope through auth::Principal (saved_view.h): a view the caller may not open is "not found";
// every write is one transaction with its audit row (object "saved_view:<id>", the view's JSON;
// the province of the view's owner, so a province's audit reader sees its views).
//
// Thread-safety: thread-safe (the Db is).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "base/result.h"
#include "storage/db.h"
#include "views/saved_view.h"

namespace hoptac::views {

struct NewView {
  std::string name, page, query, visibility;
};
struct ViewChange {
  std::optional<std::string> name, query, visibility;
};

struct ViewList {
  std::vector<SavedView> views;     // what the caller may open, newest change first
  std::optional<int64_t> start_id;  // the caller's start page, when it is a view they may still open
};

class ViewService {
 public:
  using NowMs = std::function<int64_t()>;
  explicit ViewService(storage::Db& db, NowMs now_ms = nullptr);

  Result<ViewList> List(const auth::Principal& who, const std::string& page = "") const;
  Result<SavedView> Get(const auth::Principal& who, int64_t id) const;
  Result<SavedView> Create(const auth::Principal& who, const NewView& view);
  Result<SavedView> Change(const auth::Principal& who, int64_t id, const ViewChange& change);
  Status Delete(const auth::Principal& who, int64_t id);
  // The start page: a view the caller may open, or nullopt for the default page.
  Status SetStart(const auth::Principal& who, std::optional<int64_t> id);

 private:
  storage::Db& db_;
  NowMs now_ms_;
};

}  // namespace hoptac::views

#include "views/view_json.h"

#include <boost/json.hpp>

namespace hoptac::views {

boost::json::object ViewJson(const SavedView& v) {
  boost::json::object out{{"id", v.id},
                          {"name", v.name},
                          {"page", v.page},
                          {"query", v.query},
                          {"visibility", VisibilityName(v.visibility)},
                          {"owner", v.owner_name},
                          {"created_at_ms", v.created_at_ms},
                          {"updated_at_ms", v.updated_at_ms}};
  if (v.province_code.empty())
    out["province"] = nullptr;
  else
    out["province"] = v.province_code;
  return out;
}

boost::json::object ViewJson(const SavedView& v, const auth::Principal& who) {
  boost::json::object out = ViewJson(v);
  out["mine"] = MayChange(who, v);
  out["may_delete"] = MayDelete(who, v);
  return out;
}

}  // namespace hoptac::views

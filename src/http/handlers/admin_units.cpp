// GET /api/v1/admin-units and GET /api/v1/admin-units/{code}: administrative
// units in force on a date, answered from the in-memory directory.
#include <boost/json.hpp>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "http/api.h"
#include "text/json_text.h"

namespace hoptac::http {
namespace {

using geo::AdminLevel;
using geo::AdminUnit;

boost::json::object UnitJson(const AdminUnit& unit) {
  boost::json::object o;
  o["code"] = unit.code;
  o["level"] = geo::AdminLevelName(unit.level);
  o["name"] = unit.name;
  o["name_en"] = unit.name_en;
  o["full_name"] = unit.full_name;
  o["full_name_en"] = unit.full_name_en;
  if (unit.parent_code.empty())
    o["parent_code"] = nullptr;
  else
    o["parent_code"] = unit.parent_code;
  // null: in force since before the records begin (records_begin of the list).
  if (unit.valid_from_open)
    o["valid_from"] = nullptr;
  else
    o["valid_from"] = unit.valid_from.ToIso();
  if (unit.valid_to)
    o["valid_to"] = unit.valid_to->ToIso();
  else
    o["valid_to"] = nullptr;
  return o;
}

boost::json::array LinkedJson(const std::vector<const AdminUnit*>& units) {
  boost::json::array out;
  for (const AdminUnit* unit : units) out.push_back(UnitJson(*unit));
  return out;
}

Result<AdminLevel> LevelParameter(const Request& request, AdminLevel fallback) {
  auto text = request.Query("level");
  if (!text) return fallback;
  auto level = geo::ParseAdminLevel(*text);
  if (!level)
    return Error::InvalidField("level", "invalid_enum", "field.invalid_enum",
                               {std::string(*text), "province, commune"});
  return *level;
}

// Answers are pure functions of (query, directory), which never changes while
// the server runs, so serialised bodies are cached (bounded).
class ResponseCache {
 public:
  std::optional<std::string> Get(const std::string& key) const {
    std::shared_lock lock(mutex_);
    auto it = bodies_.find(key);
    if (it == bodies_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& key, std::string body) {
    std::unique_lock lock(mutex_);
    if (bodies_.size() >= kMaxEntries) bodies_.clear();
    bodies_.emplace(key, std::move(body));
  }

 private:
  static constexpr size_t kMaxEntries = 4096;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::string> bodies_;
};

Response CachedJson(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

}  // namespace

void AddAdminUnitRoutes(Router& router, const Services& services) {
  auto cache = std::make_shared<ResponseCache>();
  auto directory = services.admin_units;

  router.Add({"GET", "/api/v1/admin-units", "admin_units.list", Access::kPublic, Execution::kInline,
              [directory, cache](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {"level", "as_of", "parent"}));
                HOPTAC_ASSIGN_OR_RETURN(auto as_of_param, DateParameter(request, "as_of"));
                Date as_of = as_of_param.value_or(Date::Today());
                auto parent = request.Query("parent");
                HOPTAC_ASSIGN_OR_RETURN(AdminLevel level,
                                        LevelParameter(request, parent ? AdminLevel::kCommune : AdminLevel::kProvince));
                if (parent && level != AdminLevel::kCommune)
                  return Error::InvalidField("level", "invalid_enum", "field.invalid_enum",
                                             {geo::AdminLevelName(level), "commune"});
                std::string key = std::string(geo::AdminLevelName(level)) + "|" + as_of.ToIso() + "|" +
                                  std::string(parent.value_or(""));
                if (auto body = cache->Get(key)) return CachedJson(std::move(*body));

                std::vector<const AdminUnit*> units;
                boost::json::object body;
                body["as_of"] = as_of.ToIso();
                body["level"] = geo::AdminLevelName(level);
                body["records_begin"] = directory->records_begin().ToIso();
                if (parent) {
                  const AdminUnit* province = directory->Find(AdminLevel::kProvince, *parent, as_of);
                  if (!province)
                    return Error::Make(ErrorCode::kNotFound, "error.admin_unit_not_found",
                                       {std::string(*parent), as_of.ToIso()});
                  body["parent"] = UnitJson(*province);
                  units = directory->CommunesOf(*parent, as_of);
                } else {
                  units = directory->InForce(level, as_of);
                }
                body["total"] = units.size();
                body["items"] = LinkedJson(units);
                std::string serialized = text::JsonText(body);
                cache->Put(key, serialized);
                return CachedJson(std::move(serialized));
              }});

  router.Add({"GET", "/api/v1/admin-units/{code}", "admin_units.get", Access::kPublic, Execution::kInline,
              [directory](Request& request) -> Result<Response> {
                HOPTAC_TRY(CheckQueryParameters(request, {"level", "as_of"}));
                HOPTAC_ASSIGN_OR_RETURN(auto as_of_param, DateParameter(request, "as_of"));
                Date as_of = as_of_param.value_or(Date::Today());
                std::string code(request.PathParam("code"));
                // Province codes have 2 digits, commune codes 5.
                HOPTAC_ASSIGN_OR_RETURN(
                    AdminLevel level,
                    LevelParameter(request, code.size() > 2 ? AdminLevel::kCommune : AdminLevel::kProvince));
                const AdminUnit* unit = directory->Find(level, code, as_of);
                if (!unit)
                  return Error::Make(ErrorCode::kNotFound, "error.admin_unit_not_found", {code, as_of.ToIso()});
                boost::json::object body = UnitJson(*unit);
                body["as_of"] = as_of.ToIso();
                body["successors"] = LinkedJson(directory->Successors(unit->id));
                body["predecessors"] = LinkedJson(directory->Predecessors(unit->id));
                if (const AdminUnit* parent = directory->FormedFrom(*unit))
                  body["formed_from"] = UnitJson(*parent);
                else
                  body["formed_from"] = nullptr;
                if (unit->level == AdminLevel::kProvince && unit->valid_to) {
                  body["current_units"] = LinkedJson(directory->CurrentSuccessors(unit->id, Date::Today()));
                }
                return Response::Json(body);
              }});
}

}  // namespace hoptac::http

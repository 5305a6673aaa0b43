#include "geo/admin_unit.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <string>

#include "base/embedded.h"
#include "text/fold.h"

namespace hoptac::geo {
namespace {

constexpr std::string_view kUnits2025Path = "data/vn-admin/units-2025.json";
constexpr std::string_view kProvincesPath = "data/vn-admin/provinces-history.csv";
constexpr std::string_view kProvincesFile = "provinces-history.csv";
const Date kReform2025 = Date::FromCivil(2025, 7, 1);

// Centrally-run cities among the provinces before 2025 ("Thành phố", not "Tỉnh").
bool IsCityBefore2025(std::string_view code) {
  return code == "01" || code == "31" || code == "48" || code == "79" || code == "92";
}

uint64_t Fnv1a(uint64_t h, std::string_view data) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string Key(AdminLevel level, std::string_view code) {
  std::string key = level == AdminLevel::kProvince ? "p:" : "c:";
  key += code;
  return key;
}

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

std::string JsonString(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().as_string());
}

}  // namespace

const char* AdminLevelName(AdminLevel level) { return level == AdminLevel::kProvince ? "province" : "commune"; }

std::optional<AdminLevel> ParseAdminLevel(std::string_view name) {
  if (name == "province") return AdminLevel::kProvince;
  if (name == "commune") return AdminLevel::kCommune;
  return std::nullopt;
}

Result<AdminDataset> LoadReferenceAdminUnits() {
  auto units_json = embedded::Find(kUnits2025Path);
  auto provinces_csv = embedded::Find(kProvincesPath);
  if (!units_json || !provinces_csv) return Error::Internal("reference administrative units are not embedded");

  AdminDataset out;
  out.version = std::to_string(Fnv1a(Fnv1a(14695981039346656037ULL, *units_json), *provinces_csv));
  int64_t next_id = 1;
  auto bad = [](const std::string& what) { return Error::Internal(std::string(kProvincesFile) + ": " + what); };

  // 1. The provinces before 2025-07-01 with their successor codes.
  struct OldProvince {
    size_t index;
    std::string successor_code;
  };
  std::vector<OldProvince> old_provinces;
  std::unordered_map<std::string, size_t> continuing;  // code → index of a province still in force
  std::string_view csv = *provinces_csv;
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  std::unordered_map<std::string, size_t> column;  // heading → index
  auto field = [&](const std::vector<std::string>& f, const char* name) -> const std::string& {
    static const std::string kEmpty;
    auto it = column.find(name);
    return it == column.end() || it->second >= f.size() ? kEmpty : f[it->second];
  };
  size_t line_number = 0;
  std::vector<std::vector<std::string>> rows;
  while (!csv.empty()) {
    size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    ++line_number;
    if (line.empty() || line == "\r") continue;
    auto f = SplitCsvLine(line);
    if (column.empty()) {
      for (size_t i = 0; i < f.size(); ++i) column[f[i]] = i;
      for (const char* required : {"code", "name", "valid_from", "valid_to", "successor_code", "formed_from"})
        if (!column.contains(required)) return bad(std::string("no column ") + required);
      continue;
    }
    if (f.size() < column.size()) return bad("short line " + std::to_string(line_number));
    rows.push_back(std::move(f));
  }
  // The records begin on the earliest valid_from given; an empty one means "since before then".
  std::optional<Date> records_begin;
  for (const auto& f : rows) {
    if (field(f, "valid_from").empty()) continue;
    auto from = Date::ParseIso(field(f, "valid_from"));
    if (!from) return bad("bad valid_from '" + field(f, "valid_from") + "'");
    if (!records_begin || *from < *records_begin) records_begin = from;
  }
  if (!records_begin) return bad("no unit has a valid_from");
  for (const auto& f : rows) {
    const std::string& from_text = field(f, "valid_from");
    const std::string& to_text = field(f, "valid_to");
    std::optional<Date> from = from_text.empty() ? records_begin : Date::ParseIso(from_text);
    std::optional<Date> to;
    if (!to_text.empty()) to = Date::ParseIso(to_text);
    if (!from || (!to_text.empty() && !to) || (to && *to < *from))
      return bad("bad dates of " + field(f, "code") + " " + field(f, "name"));
    AdminUnit unit;
    unit.id = next_id++;
    unit.level = AdminLevel::kProvince;
    unit.code = field(f, "code");
    unit.name = field(f, "name");
    unit.name_en = text::FoldKeepCase(unit.name);
    bool city = IsCityBefore2025(unit.code);
    unit.full_name = (city ? "Thành phố " : "Tỉnh ") + unit.name;
    unit.full_name_en = unit.name_en + (city ? " City" : " Province");
    unit.valid_from = *from;
    unit.valid_from_open = from_text.empty();
    unit.valid_to = to;
    unit.formed_from_code = field(f, "formed_from");
    if (!to) continuing[unit.code] = out.units.size();
    old_provinces.push_back({out.units.size(), field(f, "successor_code")});
    out.units.push_back(std::move(unit));
  }

  // 2. The 34 provinces and 3,321 communes in force since 2025-07-01.
  boost::json::error_code ec;
  boost::json::value root = boost::json::parse(*units_json, ec);
  if (ec || !root.is_array()) return Error::Internal("units-2025.json: " + ec.message());
  std::unordered_map<std::string, int64_t> new_province_id;
  for (const auto& p : root.as_array()) {
    if (!p.is_object()) return Error::Internal("units-2025.json: province is not an object");
    const auto& po = p.as_object();
    std::string code = JsonString(po, "Code");
    if (auto it = continuing.find(code); it != continuing.end()) {
      // Territory unchanged: the same unit goes on; take the current names.
      AdminUnit& unit = out.units[it->second];
      unit.name = JsonString(po, "Name");
      unit.name_en = JsonString(po, "NameEn");
      unit.full_name = JsonString(po, "FullName");
      unit.full_name_en = JsonString(po, "FullNameEn");
      new_province_id[code] = unit.id;
    } else {
      AdminUnit unit;
      unit.id = next_id++;
      unit.level = AdminLevel::kProvince;
      unit.code = code;
      unit.name = JsonString(po, "Name");
      unit.name_en = JsonString(po, "NameEn");
      unit.full_name = JsonString(po, "FullName");
      unit.full_name_en = JsonString(po, "FullNameEn");
      unit.valid_from = kReform2025;
      new_province_id[code] = unit.id;
      out.units.push_back(std::move(unit));
    }
    auto wards = po.find("Wards");
    if (wards == po.end() || !wards->value().is_array())
      return Error::Internal("units-2025.json: province " + code + " has no Wards");
    for (const auto& w : wards->value().as_array()) {
      if (!w.is_object()) return Error::Internal("units-2025.json: ward is not an object");
      const auto& wo = w.as_object();
      AdminUnit unit;
      unit.id = next_id++;
      unit.level = AdminLevel::kCommune;
      unit.code = JsonString(wo, "Code");
      unit.name = JsonString(wo, "Name");
      unit.name_en = JsonString(wo, "NameEn");
      unit.full_name = JsonString(wo, "FullName");
      unit.full_name_en = JsonString(wo, "FullNameEn");
      unit.parent_code = code;
      unit.valid_from = kReform2025;
      if (unit.code.empty() || unit.name.empty())
        return Error::Internal("units-2025.json: commune without code or name in province " + code);
      out.units.push_back(std::move(unit));
    }
  }

  // 3. Merge links: each closed province → the province that took its territory
  // (Hà Tây → Hà Nội on 2008-08-01; the others → their 2025 successor).
  for (const auto& old : old_provinces) {
    const AdminUnit& unit = out.units[old.index];
    if (!unit.valid_to) continue;
    auto it = new_province_id.find(old.successor_code);
    if (it == new_province_id.end())
      return bad("successor " + old.successor_code + " of " + unit.code + " is not a 2025 province");
    out.links.push_back({unit.id, it->second, Date::FromDays(unit.valid_to->days() + 1)});
  }
  return out;
}

std::shared_ptr<const AdminUnitDirectory> AdminUnitDirectory::Create(AdminDataset dataset) {
  return std::shared_ptr<const AdminUnitDirectory>(new AdminUnitDirectory(std::move(dataset)));
}

AdminUnitDirectory::AdminUnitDirectory(AdminDataset dataset) : dataset_(std::move(dataset)) {
  auto& units = dataset_.units;
  bool first = true;
  for (const auto& unit : units) {
    if (unit.level != AdminLevel::kProvince) continue;
    if (first || unit.valid_from < records_begin_) records_begin_ = unit.valid_from;
    first = false;
  }
  for (size_t i = 0; i < units.size(); ++i) {
    by_id_[units[i].id] = i;
    by_code_[Key(units[i].level, units[i].code)].push_back(i);
    if (units[i].level == AdminLevel::kCommune)
      communes_by_parent_[units[i].parent_code].push_back(i);
    else
      provinces_.push_back(i);
  }
  auto by_from = [&](size_t a, size_t b) { return units[a].valid_from < units[b].valid_from; };
  for (auto& [key, versions] : by_code_) std::sort(versions.begin(), versions.end(), by_from);
  auto by_code = [&](size_t a, size_t b) {
    return units[a].code != units[b].code ? units[a].code < units[b].code : units[a].valid_from < units[b].valid_from;
  };
  std::sort(provinces_.begin(), provinces_.end(), by_code);
  for (auto& [parent, list] : communes_by_parent_) std::sort(list.begin(), list.end(), by_code);
  for (const auto& link : dataset_.links) {
    successors_[link.predecessor_id].push_back(link.successor_id);
    predecessors_[link.successor_id].push_back(link.predecessor_id);
  }
}

std::vector<const AdminUnit*> AdminUnitDirectory::InForce(AdminLevel level, Date date) const {
  std::vector<const AdminUnit*> out;
  if (level == AdminLevel::kProvince) {
    for (size_t i : provinces_)
      if (dataset_.units[i].InForce(date)) out.push_back(&dataset_.units[i]);
    return out;
  }
  for (const auto& unit : dataset_.units)
    if (unit.level == level && unit.InForce(date)) out.push_back(&unit);
  std::sort(out.begin(), out.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  return out;
}

const AdminUnit* AdminUnitDirectory::Find(AdminLevel level, std::string_view code, Date date) const {
  auto it = by_code_.find(Key(level, code));
  if (it == by_code_.end()) return nullptr;
  for (size_t i : it->second)
    if (dataset_.units[i].InForce(date)) return &dataset_.units[i];
  return nullptr;
}

std::vector<const AdminUnit*> AdminUnitDirectory::CommunesOf(std::string_view province_code, Date date) const {
  std::vector<const AdminUnit*> out;
  auto it = communes_by_parent_.find(std::string(province_code));
  if (it == communes_by_parent_.end()) return out;
  for (size_t i : it->second)
    if (dataset_.units[i].InForce(date)) out.push_back(&dataset_.units[i]);
  return out;
}

const AdminUnit* AdminUnitDirectory::ById(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &dataset_.units[it->second];
}

const AdminUnit* AdminUnitDirectory::FormedFrom(const AdminUnit& unit) const {
  if (unit.formed_from_code.empty()) return nullptr;
  return Find(unit.level, unit.formed_from_code, Date::FromDays(unit.valid_from.days() - 1));
}

std::vector<const AdminUnit*> AdminUnitDirectory::Successors(int64_t id) const {
  std::vector<const AdminUnit*> out;
  if (auto it = successors_.find(id); it != successors_.end())
    for (int64_t s : it->second) out.push_back(ById(s));
  return out;
}

std::vector<const AdminUnit*> AdminUnitDirectory::Predecessors(int64_t id) const {
  std::vector<const AdminUnit*> out;
  if (auto it = predecessors_.find(id); it != predecessors_.end())
    for (int64_t p : it->second) out.push_back(ById(p));
  std::sort(out.begin(), out.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  return out;
}

std::vector<const AdminUnit*> AdminUnitDirectory::CurrentSuccessors(int64_t id, Date today) const {
  // Most units are still in force: no walk needed.
  if (const AdminUnit* unit = ById(id); unit && unit->InForce(today)) return {unit};
  std::vector<const AdminUnit*> out;
  std::set<int64_t> seen;
  std::vector<int64_t> stack = {id};
  while (!stack.empty()) {
    int64_t current = stack.back();
    stack.pop_back();
    if (!seen.insert(current).second) continue;
    const AdminUnit* unit = ById(current);
    if (!unit) continue;
    if (unit->InForce(today)) {
      out.push_back(unit);
      continue;
    }
    if (auto it = successors_.find(current); it != successors_.end())
      for (int64_t s : it->second) stack.push_back(s);
  }
  return out;
}

std::function<bool(std::string_view code)> ProvinceInForceToday(std::shared_ptr<const AdminUnitDirectory> units) {
  return [units = std::move(units)](std::string_view code) {
    return units->Find(AdminLevel::kProvince, code, Date::Today()) != nullptr;
  };
}

}  // namespace hoptac::geo

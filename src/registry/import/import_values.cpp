#include "registry/import/import_values.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "registry/entity.h"
#include "text/format.h"

namespace hoptac::registry {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!IsDigit(c)) return false;
  return true;
}

// Removes spaces and no-break spaces (U+00A0, U+202F) that sit between digits: "5 752" → "5752".
std::string WithoutDigitSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t width = 0;
    if (text[i] == ' ') {
      width = 1;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      width = 2;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      width = 3;
    }
    if (width > 0 && !out.empty() && IsDigit(out.back()) && i + width < text.size() && IsDigit(text[i + width])) {
      i += width;
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

text::Locale First(NumberStyle style) {
  return style == NumberStyle::kVietnameseFirst ? text::Locale::kVi : text::Locale::kEn;
}
text::Locale Second(NumberStyle style) {
  return style == NumberStyle::kVietnameseFirst ? text::Locale::kEn : text::Locale::kVi;
}

// MatchKey without the words that only say what kind of unit a name is.
std::string NameKey(std::string_view text, std::initializer_list<std::string_view> prefixes,
                    std::initializer_list<std::string_view> suffixes) {
  std::string key = domain::MatchKey(text);
  for (std::string_view prefix : prefixes) {
    if (key.size() > prefix.size() + 1 && key.starts_with(prefix) && key[prefix.size()] == ' ') {
      key.erase(0, prefix.size() + 1);
      break;
    }
  }
  for (std::string_view suffix : suffixes) {
    if (key.size() > suffix.size() + 1 && key.ends_with(suffix) && key[key.size() - suffix.size() - 1] == ' ') {
      key.erase(key.size() - suffix.size() - 1);
      break;
    }
  }
  return key;
}

std::string ProvinceKey(std::string_view text) {
  return NameKey(text, {"thanh pho", "tinh", "tp", "province of", "city of"}, {"province", "city"});
}

std::string CommuneKey(std::string_view text) {
  return NameKey(text, {"xa", "phuong", "dac khu", "thi tran"}, {"commune", "ward", "special zone"});
}

}  // namespace

std::string_view TrimCell(std::string_view text) {
  auto is_space_at_front = [&](size_t& width) {
    if (text.empty()) return false;
    char c = text.front();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      width = 1;
      return true;
    }
    if (text.starts_with("\xC2\xA0")) {
      width = 2;
      return true;
    }
    return false;
  };
  auto is_space_at_back = [&](size_t& width) {
    if (text.empty()) return false;
    char c = text.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      width = 1;
      return true;
    }
    if (text.ends_with("\xC2\xA0")) {
      width = 2;
      return true;
    }
    return false;
  };
  size_t width = 0;
  while (is_space_at_front(width)) text.remove_prefix(width);
  while (is_space_at_back(width)) text.remove_suffix(width);
  return text;
}

std::optional<Date> ParseImportDate(std::string_view text) {
  text = TrimCell(text);
  if (text.size() == 19 && text.substr(10) == " 00:00:00") text = text.substr(0, 10);
  if (text.size() == 10 && text[4] == '-') return Date::ParseIso(text);
  return Date::ParseDayMonthYear(text);
}

std::optional<int64_t> ParseImportInteger(std::string_view text, NumberStyle style) {
  std::string cleaned = WithoutDigitSpaces(TrimCell(text));
  if (cleaned.empty()) return std::nullopt;
  if (auto value = text::ParseInteger(cleaned, First(style))) return value;
  return text::ParseInteger(cleaned, Second(style));
}

std::optional<int64_t> ParseImportMoney(std::string_view text, int64_t scale, NumberStyle style) {
  if (scale <= 1) return ParseImportInteger(text, style);
  std::string cleaned = WithoutDigitSpaces(TrimCell(text));
  if (cleaned.empty()) return std::nullopt;
  std::optional<double> value = text::ParseDecimal(cleaned, First(style));
  if (!value) value = text::ParseDecimal(cleaned, Second(style));
  if (!value) return std::nullopt;
  double vnd = std::round(*value * static_cast<double>(scale));
  // Beyond 2^53 a double no longer holds every integer; no real amount comes near.
  if (!std::isfinite(vnd) || std::fabs(vnd) > 9.0e15) return std::nullopt;
  return static_cast<int64_t>(vnd);
}

std::optional<bool> ParseImportBool(std::string_view text) {
  // The spellings of export and of most spreadsheets, without folding.
  if (text == "false" || text == "0" || text.empty()) return false;
  if (text == "true" || text == "1" || text == "x") return true;
  std::string key = domain::MatchKey(text);
  if (key.empty() || key == "false" || key == "0" || key == "khong" || key == "no" || key == "n" || key == "sai" ||
      key == "k")
    return false;
  if (key == "true" || key == "1" || key == "x" || key == "co" || key == "yes" || key == "y" || key == "dung" ||
      key == "c")
    return true;
  return std::nullopt;
}

std::string PadCode(std::string_view text, size_t digits) {
  text = TrimCell(text);
  if (!AllDigits(text) || text.size() >= digits) return std::string(text);
  return std::string(digits - text.size(), '0') + std::string(text);
}

ProvinceResolver::ProvinceResolver(std::shared_ptr<const geo::AdminUnitDirectory> units) : units_(std::move(units)) {
  Date today = Date::Today();
  for (const geo::AdminUnit& unit : units_->dataset().units) {
    if (unit.level == geo::AdminLevel::kProvince) {
      for (const std::string* name : {&unit.name, &unit.full_name, &unit.name_en, &unit.full_name_en}) {
        auto& list = provinces_by_name_[ProvinceKey(*name)];
        if (std::find(list.begin(), list.end(), &unit) == list.end()) list.push_back(&unit);
      }
    } else if (unit.InForce(today)) {
      for (const std::string* name : {&unit.name, &unit.full_name, &unit.name_en, &unit.full_name_en}) {
        auto& list = communes_by_name_[unit.parent_code + "|" + CommuneKey(*name)];
        if (std::find(list.begin(), list.end(), &unit) == list.end()) list.push_back(&unit);
      }
    }
  }
  // Common abbreviations of the two largest cities.
  for (const char* alias : {"hcm", "tphcm", "tp hcm", "sai gon"}) {
    auto it = provinces_by_name_.find("ho chi minh");
    if (it != provinces_by_name_.end()) provinces_by_name_[ProvinceKey(alias)] = it->second;
  }
  auto hanoi = provinces_by_name_.find("ha noi");
  if (hanoi != provinces_by_name_.end()) provinces_by_name_["hn"] = hanoi->second;
}

Result<std::string> ProvinceResolver::Resolve(std::string_view text, Date on) const {
  text = TrimCell(text);
  if (AllDigits(text) && text.size() <= 2) return PadCode(text, 2);
  auto it = provinces_by_name_.find(ProvinceKey(text));
  if (it == provinces_by_name_.end())
    return Error::InvalidField("province_code", "unknown_province_name", "field.unknown_province_name",
                               {std::string(text)});
  const auto& candidates = it->second;
  for (const geo::AdminUnit* unit : candidates)
    if (unit->InForce(on)) return unit->code;
  // A name of today's province used for an earlier date: its predecessor of the same
  // code (the province that hosted the seat) was in force then.
  for (const geo::AdminUnit* unit : candidates) {
    if (on >= unit->valid_from) continue;
    for (const geo::AdminUnit* before : units_->Predecessors(unit->id))
      if (before->code == unit->code && before->InForce(on)) return before->code;
  }
  // The province had ceased to exist on that date: name what it became part of.
  std::string now;
  for (const geo::AdminUnit* unit : candidates) {
    for (const geo::AdminUnit* successor : units_->CurrentSuccessors(unit->id, Date::Today())) {
      if (now.find(successor->name) != std::string::npos) continue;
      if (!now.empty()) now += ", ";
      now += successor->name + " (" + successor->code + ")";
    }
  }
  return Error::InvalidField("province_code", "province_not_in_force", "field.province_not_in_force",
                             {std::string(text), on.ToIso(), now});
}

Result<std::string> ProvinceResolver::ResolveCommune(std::string_view text,
                                                     std::string_view current_province_code) const {
  text = TrimCell(text);
  if (text.empty() || AllDigits(text)) return PadCode(text, 5);
  auto it = communes_by_name_.find(std::string(current_province_code) + "|" + CommuneKey(text));
  if (it == communes_by_name_.end())
    return Error::InvalidField("commune_code", "unknown_commune_name", "field.unknown_commune_name",
                               {std::string(text), std::string(current_province_code)});
  if (it->second.size() > 1)
    return Error::InvalidField("commune_code", "ambiguous_commune_name", "field.ambiguous_commune_name",
                               {std::string(text), std::string(current_province_code)});
  return it->second.front()->code;
}

}  // namespace hoptac::registry

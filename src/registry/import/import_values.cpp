#include "registry/import/import_values.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/csv.h"
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
  // The mark an export puts before a cell a spreadsheet would run as a formula.
  return io::WithoutTextMark(text);
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

const char* ProvinceRuleName(ProvinceRule rule) {
  switch (rule) {
    case ProvinceRule::kRowAsOf: return "province_as_of";
    case ProvinceRule::kImportAsOf: return "as_of";
    case ProvinceRule::kFoundedOn: return "founded_on";
    case ProvinceRule::kStored: return "stored";
    case ProvinceRule::kRecordsBegin: return "records_begin";
    case ProvinceRule::kToday: return "today";
    case ProvinceRule::kSuccessor: return "successor";
  }
  return "founded_on";
}

ProvinceResolver::ProvinceResolver(std::shared_ptr<const geo::AdminUnitDirectory> units) : units_(std::move(units)) {
  Date today = Date::Today();
  for (const geo::AdminUnit& unit : units_->dataset().units) {
    if (unit.level == geo::AdminLevel::kProvince) {
      provinces_by_code_[unit.code].push_back(&unit);
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
  // Common abbreviations of the two largest cities, and Huế's name until 2025.
  auto alias = [&](std::string_view from, std::string_view to) {
    auto it = provinces_by_name_.find(std::string(to));
    if (it != provinces_by_name_.end()) provinces_by_name_[ProvinceKey(from)] = it->second;
  };
  for (const char* name : {"hcm", "tphcm", "tp hcm", "sai gon"}) alias(name, "ho chi minh");
  alias("hn", "ha noi");
  alias("thua thien hue", "hue");
  alias("thua thien - hue", "hue");
}

namespace {

std::string UnitLabel(const geo::AdminUnit& unit) { return unit.name + " (" + unit.code + ")"; }

// The distinct units of `candidates` in force on `on`.
std::vector<const geo::AdminUnit*> InForceOn(const std::vector<const geo::AdminUnit*>& candidates, Date on) {
  std::vector<const geo::AdminUnit*> out;
  for (const geo::AdminUnit* unit : candidates)
    if (unit->InForce(on) && std::find(out.begin(), out.end(), unit) == out.end()) out.push_back(unit);
  return out;
}

std::string Labels(const std::vector<const geo::AdminUnit*>& units) {
  std::string out;
  for (const geo::AdminUnit* unit : units) {
    if (!out.empty()) out += ", ";
    out += UnitLabel(*unit);
  }
  return out;
}

Error Ambiguous(std::string_view text, Date on, std::vector<const geo::AdminUnit*> units) {
  std::sort(units.begin(), units.end(),
            [](const geo::AdminUnit* a, const geo::AdminUnit* b) { return a->code < b->code; });
  return Error::InvalidField("province_code", "province_ambiguous", "field.province_ambiguous",
                             {std::string(text), on.ToIso(), Labels(units)});
}

}  // namespace

Result<ProvinceReading> ProvinceResolver::Read(std::string_view text, Date on, ProvinceRule date_rule,
                                               Date today) const {
  text = TrimCell(text);
  const bool code = AllDigits(text) && text.size() <= 2;
  const std::string key = code ? PadCode(text, 2) : ProvinceKey(text);
  const auto& index = code ? provinces_by_code_ : provinces_by_name_;
  auto it = index.find(key);
  if (it == index.end())
    return Error::InvalidField("province_code", "unknown_province_name", "field.unknown_province_name",
                               {std::string(text)});
  const std::vector<const geo::AdminUnit*>& candidates = it->second;
  auto reading = [&](const geo::AdminUnit& unit, Date as_of, ProvinceRule rule) {
    return ProvinceReading{unit.code, as_of, rule, std::nullopt};
  };
  auto notice = [&](ProvinceReading r, const char* what, std::vector<std::string> args) {
    r.notice = FieldError{"province_code", what, std::string("field.") + what, std::move(args)};
    return r;
  };

  // Rules 1–3: a unit of that name or code in force on the date given.
  auto found = InForceOn(candidates, on);
  if (found.size() == 1) return reading(*found[0], on, date_rule);
  if (found.size() > 1) return Ambiguous(text, on, found);

  // 4a. Before the records: the unit in force on their first day.
  const Date records = units_->records_begin();
  const bool before_records = on < records;
  if (before_records) {
    found = InForceOn(candidates, records);
    if (found.size() == 1)
      return notice(reading(*found[0], records, ProvinceRule::kRecordsBegin), "province_read_at_records_begin",
                    {std::string(text), on.ToIso(), UnitLabel(*found[0]), records.ToIso()});
    if (found.size() > 1) return Ambiguous(text, records, found);
  }
  // 4b. Today's unit.
  found = InForceOn(candidates, today);
  if (found.size() == 1)
    return notice(reading(*found[0], today, ProvinceRule::kToday),
                  before_records ? "province_read_as_today_before_records" : "province_read_as_today",
                  {std::string(text), on.ToIso(), UnitLabel(*found[0])});
  if (found.size() > 1) return Ambiguous(text, today, found);
  // 4c. Any unit of the records, followed through its successors to the date (today
  // when the date is before the records or before the successors began).
  for (Date target : {before_records ? today : on, today}) {
    std::vector<const geo::AdminUnit*> reached;
    for (const geo::AdminUnit* unit : candidates) {
      if (unit->valid_to && *unit->valid_to >= target) continue;  // not closed by then
      std::vector<const geo::AdminUnit*> stack = {unit};
      for (int steps = 0; !stack.empty() && steps < 64; ++steps) {
        const geo::AdminUnit* at = stack.back();
        stack.pop_back();
        if (at->InForce(target)) {
          if (std::find(reached.begin(), reached.end(), at) == reached.end()) reached.push_back(at);
          continue;
        }
        for (const geo::AdminUnit* next : units_->Successors(at->id))
          if (next->valid_from <= target) stack.push_back(next);
      }
    }
    if (reached.size() > 1) return Ambiguous(text, target, reached);
    if (reached.size() == 1)
      return notice(reading(*reached[0], target, ProvinceRule::kSuccessor), "province_read_as_successor",
                    {std::string(text), on.ToIso(), UnitLabel(*reached[0])});
  }
  // Nothing it leads to is in force: name what it became part of.
  std::string now;
  for (const geo::AdminUnit* unit : candidates) {
    for (const geo::AdminUnit* successor : units_->CurrentSuccessors(unit->id, today)) {
      if (now.find(successor->name) != std::string::npos) continue;
      if (!now.empty()) now += ", ";
      now += UnitLabel(*successor);
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

#include "registry/entity.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/fold.h"
#include "text/normalize.h"

namespace hoptac::domain {
namespace {

// A lenient spelling → enumerator table. Every enumerator is reachable by its
// wire name and both labels (taken from the catalogue, so labels and parsers
// never disagree) plus the extra aliases given.
template <class E>
class Spellings {
 public:
  void Add(std::string_view text, E value) {
    auto [it, inserted] = map_.emplace(MatchKey(text), value);
    // Two enumerators claiming one spelling is a bug in the tables below.
    assert(inserted || it->second == value);
    (void)inserted;
    (void)it;
  }
  void AddNameAndLabels(E value, const char* name, const char* label_key) {
    Add(name, value);
    Add(i18n::Translate(i18n::Lang::kVi, label_key), value);
    Add(i18n::Translate(i18n::Lang::kEn, label_key), value);
  }
  std::optional<E> Find(std::string_view text) const {
    auto it = map_.find(MatchKey(text));
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, E> map_;
};

struct KindInfo {
  EntityKind kind;
  const char* name;
  const char* label_key;
  std::vector<const char*> aliases;
};

const std::vector<KindInfo>& KindTable() {
  static const std::vector<KindInfo> table = {
      {EntityKind::kCooperative,
       "cooperative",
       "kind.cooperative",
       {"HTX", "co-op", "coop", "cooperatives", "hợp tác xã nông nghiệp"}},
      {EntityKind::kUnion,
       "union",
       "kind.union",
       {"LHHTX", "LH HTX", "liên hiệp HTX", "union of cooperatives", "cooperative union", "liên hiệp"}},
      {EntityKind::kGroup, "group", "kind.group", {"THT", "cooperative group", "tổ hợp tác sản xuất"}},
      {EntityKind::kCreditFund,
       "credit_fund",
       "kind.credit_fund",
       {"QTDND", "QTD", "quỹ tín dụng", "quỹ TDND", "people's credit fund", "credit fund"}},
  };
  return table;
}

struct SectorInfo {
  Sector sector;
  const char* name;
  const char* label_key;
  std::vector<const char*> aliases;
};

const std::vector<SectorInfo>& SectorTable() {
  static const std::vector<SectorInfo> table = {
      {Sector::kAgriculture, "agriculture", "sector.agriculture", {"nông nghiệp", "nông", "NN", "trồng trọt"}},
      {Sector::kForestry, "forestry", "sector.forestry", {"lâm nghiệp", "lâm", "LN"}},
      {Sector::kFisheries,
       "fisheries",
       "sector.fisheries",
       {"thuỷ sản", "thủy sản", "ngư nghiệp", "thủy hải sản", "nuôi trồng thủy sản", "fishery", "aquaculture"}},
      {Sector::kSalt, "salt", "sector.salt", {"diêm nghiệp", "muối", "sản xuất muối", "salt production"}},
      {Sector::kIndustryHandicraft,
       "industry_handicraft",
       "sector.industry_handicraft",
       {"CN-TTCN", "CN TTCN", "công nghiệp", "tiểu thủ công nghiệp", "TTCN", "công nghiệp - tiểu thủ công nghiệp",
        "công nghiệp, tiểu thủ công nghiệp", "thủ công mỹ nghệ", "industry", "handicraft", "industry handicraft"}},
      {Sector::kConstruction, "construction", "sector.construction", {"xây dựng", "XD"}},
      {Sector::kTradeServices,
       "trade_services",
       "sector.trade_services",
       {"TM-DV", "TMDV", "thương mại", "dịch vụ", "thương mại - dịch vụ", "thương mại, dịch vụ", "trade", "services",
        "trade services", "trade and service"}},
      {Sector::kTransport,
       "transport",
       "sector.transport",
       {"vận tải", "giao thông vận tải", "GTVT", "vận tải hành khách", "transportation"}},
      {Sector::kCredit, "credit", "sector.credit", {"tín dụng", "tài chính tín dụng", "finance"}},
      {Sector::kEnvironment,
       "environment",
       "sector.environment",
       {"môi trường", "vệ sinh môi trường", "thu gom rác", "nước sạch"}},
      {Sector::kHousing, "housing", "sector.housing", {"nhà ở", "phát triển nhà ở", "nhà ở xã hội"}},
      {Sector::kOther, "other", "sector.other", {"khác", "lĩnh vực khác", "others"}},
  };
  return table;
}

struct StatusInfo {
  EntityStatus status;
  const char* name;
  const char* label_key;
  std::vector<const char*> aliases;
};

const std::vector<StatusInfo>& StatusTable() {
  static const std::vector<StatusInfo> table = {
      {EntityStatus::kActive,
       "active",
       "status.active",
       {"hoạt động", "đang hoạt động bình thường", "operating", "in operation"}},
      {EntityStatus::kSuspended,
       "suspended",
       "status.suspended",
       {"tạm ngừng hoạt động", "tạm ngưng", "tạm ngưng hoạt động", "tạm dừng", "tạm dừng hoạt động",
        "tạm ngừng kinh doanh", "đang tạm ngừng"}},
      {EntityStatus::kStopped,
       "stopped",
       "status.stopped",
       {"ngừng", "đã ngừng hoạt động", "ngưng hoạt động", "dừng hoạt động", "không hoạt động", "inactive",
        "stopped operating"}},
      {EntityStatus::kDissolved, "dissolved", "status.dissolved", {"đã giải thể"}},
      {EntityStatus::kBankrupt, "bankrupt", "status.bankrupt", {"đã phá sản", "bankruptcy"}},
      {EntityStatus::kConverted,
       "converted",
       "status.converted",
       {"đã chuyển đổi", "chuyển đổi loại hình", "chuyển đổi thành doanh nghiệp"}},
  };
  return table;
}

template <class Info, class E, class Member>
const Info& InfoOf(const std::vector<Info>& table, Member member, E value) {
  for (const Info& info : table)
    if (info.*member == value) return info;
  return table.back();  // unreachable for defined enumerators
}

template <class Info, class E, class Member>
Spellings<E> BuildSpellings(const std::vector<Info>& table, Member member) {
  Spellings<E> spellings;
  for (const Info& info : table) {
    spellings.AddNameAndLabels(info.*member, info.name, info.label_key);
    for (const char* alias : info.aliases) spellings.Add(alias, info.*member);
  }
  return spellings;
}

template <class Info, class E, class Member>
std::optional<E> FromName(const std::vector<Info>& table, Member member, std::string_view name) {
  for (const Info& info : table)
    if (name == info.name) return info.*member;
  return std::nullopt;
}

// ---- Text helpers for validation ----------------------------------------------

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (!IsAsciiDigit(c)) return false;
  return true;
}

// Code points in `s`, or -1 when it is not valid UTF-8 or holds a control
// character (C0, DEL, C1): such text comes from a broken file, never a person.
int CheckedLength(std::string_view s) {
  int count = 0;
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = p[i];
    char32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      cp = c & 0x1F;
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      cp = c & 0x07;
      len = 4;
    } else {
      return -1;
    }
    if (i + len > n) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return -1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return -1;
    ++count;
    i += len;
  }
  return count;
}

// White space people leave in cells: ASCII blanks and the no-break space.
size_t SpaceAt(std::string_view s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0)
    return 2;
  return 0;
}

// Trims, and when `collapse`, turns every run of white space inside into one ' '.
std::string CleanSpaces(std::string_view s, bool collapse) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < s.size()) {
    if (size_t n = SpaceAt(s, i)) {
      if (collapse) {
        pending_space = !out.empty();
      } else if (!out.empty()) {
        out.append(s.substr(i, n));
      }
      i += n;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(s[i++]);
  }
  if (!collapse) {
    // Drop trailing white space kept above.
    while (!out.empty()) {
      size_t last = out.size() - 1;
      if (SpaceAt(out, last) == 1) {
        out.pop_back();
      } else if (last >= 1 && SpaceAt(out, last - 1) == 2) {
        out.resize(last - 1);
      } else {
        break;
      }
    }
  }
  return out;
}

// True when CleanSpaces(s, collapse) == s: no white space at either end and, when
// `collapse`, none inside but single ' ' characters. Most values are clean, so
// checking first spares a copy.
bool IsClean(std::string_view s, bool collapse) {
  if (s.empty()) return true;
  if (SpaceAt(s, 0) != 0) return false;
  if (s.size() >= 1 && SpaceAt(s, s.size() - 1) == 1) return false;
  if (s.size() >= 2 && SpaceAt(s, s.size() - 2) == 2) return false;
  if (!collapse) return true;
  bool previous_space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t n = SpaceAt(s, i);
    if (n == 0) {
      previous_space = false;
      continue;
    }
    if (n != 1 || s[i] != ' ' || previous_space) return false;
    previous_space = true;
  }
  return true;
}

void CleanInPlace(std::string& s, bool collapse) {
  if (!IsClean(s, collapse)) s = CleanSpaces(s, collapse);
}

// Only white space (or nothing).
bool IsBlank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = SpaceAt(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool IsPhoneSeparator(char c) { return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')'; }

// Digits of a phone number written with the usual separators and an optional
// leading '+'; -1 when anything else appears.
int PhoneDigits(std::string_view phone) {
  if (!phone.empty() && phone.front() == '+') phone.remove_prefix(1);
  int digits = 0;
  for (char c : phone) {
    if (IsAsciiDigit(c)) {
      ++digits;
    } else if (!IsPhoneSeparator(c)) {
      return -1;
    }
  }
  return digits;
}

bool IsValidEmail(std::string_view email) {
  if (email.size() > static_cast<size_t>(kMaxEmailLength)) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : email.substr(0, at)) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
  }
  std::string_view domain = email.substr(at + 1);
  int labels = 0;
  std::string_view last_label;
  while (true) {
    size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!IsAsciiAlnum(c) && c != '-') return false;
    ++labels;
    last_label = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2 || last_label.size() < 2) return false;
  for (char c : last_label)
    if (!IsAsciiAlpha(c)) return false;
  return true;
}

bool IsValidRegistrationCode(std::string_view code) {
  if (code.empty() || code.size() > static_cast<size_t>(kMaxRegistrationCodeLength)) return false;
  if (!IsAsciiAlnum(code.front())) return false;
  for (char c : code)
    if (!IsAsciiAlnum(c) && c != '-' && c != '/' && c != '.' && c != '_') return false;
  return true;
}

bool IsValidTaxCode(std::string_view code) {
  if (code.size() == 10) return AllDigits(code);
  if (code.size() == 14) return AllDigits(code.substr(0, 10)) && code[10] == '-' && AllDigits(code.substr(11));
  return false;
}

void UpperAsciiInPlace(std::string& s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
}

void LowerAsciiInPlace(std::string& s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

std::string ToUpperAscii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string AllowedNames(const std::vector<const char*>& names) {
  std::string out;
  for (const char* name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Collects the field errors of one validation.
class FieldErrors {
 public:
  void Add(std::string field, std::string code, std::vector<std::string> args = {}) {
    std::string key = "field." + code;
    errors_.push_back({std::move(field), std::move(code), std::move(key), std::move(args)});
  }
  Status ToStatus() && {
    if (errors_.empty()) return Ok();
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
    error.fields = std::move(errors_);
    return error;
  }

  // Length (and text validity) of an optional or required text field.
  void CheckText(const char* field, std::string_view value, int max_length, bool required) {
    if (IsBlank(value)) {  // blank: white space is not a value
      if (required) Add(field, "required");
      return;
    }
    int length = CheckedLength(value);
    if (length < 0) {
      Add(field, "invalid_text");
    } else if (!text::HasVisibleText(value)) {  // e.g. only zero-width spaces or direction controls
      Add(field, "no_visible_text");
    } else if (text::HasBidiOverrideOrIsolate(value)) {
      Add(field, "invalid_text");
    } else if (length > max_length) {
      Add(field, "too_long", {std::to_string(max_length)});
    }
  }

  void CheckDate(const char* field, const std::optional<Date>& date, Date today) {
    if (!date) return;
    if (date->year() < kEarliestYear) {
      Add(field, "date_too_early", {date->ToIso(), Date::FromCivil(kEarliestYear, 1, 1).ToIso()});
    } else if (*date > today) {
      Add(field, "date_in_future", {date->ToIso(), today.ToIso()});
    }
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace

std::string MatchKey(std::string_view text) {
  std::string key;
  for (const std::string& word : text::FoldedWords(text)) {
    if (!key.empty()) key.push_back(' ');
    key += word;
  }
  return key;
}

// ---- Kinds ----------------------------------------------------------------------

const char* EntityKindName(EntityKind kind) { return InfoOf(KindTable(), &KindInfo::kind, kind).name; }

std::optional<EntityKind> EntityKindFromName(std::string_view name) {
  return FromName<KindInfo, EntityKind>(KindTable(), &KindInfo::kind, name);
}

std::optional<EntityKind> ParseEntityKind(std::string_view text) {
  static const Spellings<EntityKind> spellings = BuildSpellings<KindInfo, EntityKind>(KindTable(), &KindInfo::kind);
  return spellings.Find(text);
}

const char* EntityKindLabelKey(EntityKind kind) { return InfoOf(KindTable(), &KindInfo::kind, kind).label_key; }

std::string EntityKindLabel(EntityKind kind, i18n::Lang lang) {
  return i18n::Translate(lang, EntityKindLabelKey(kind));
}

// ---- Sectors ------------------------------------------------------------------------

const char* SectorName(Sector sector) { return InfoOf(SectorTable(), &SectorInfo::sector, sector).name; }

std::optional<Sector> SectorFromName(std::string_view name) {
  return FromName<SectorInfo, Sector>(SectorTable(), &SectorInfo::sector, name);
}

std::optional<Sector> ParseSector(std::string_view text) {
  static const Spellings<Sector> spellings = BuildSpellings<SectorInfo, Sector>(SectorTable(), &SectorInfo::sector);
  return spellings.Find(text);
}

const char* SectorLabelKey(Sector sector) { return InfoOf(SectorTable(), &SectorInfo::sector, sector).label_key; }

std::string SectorLabel(Sector sector, i18n::Lang lang) { return i18n::Translate(lang, SectorLabelKey(sector)); }

// ---- Statuses -----------------------------------------------------------------------

const char* EntityStatusName(EntityStatus status) { return InfoOf(StatusTable(), &StatusInfo::status, status).name; }

std::optional<EntityStatus> EntityStatusFromName(std::string_view name) {
  return FromName<StatusInfo, EntityStatus>(StatusTable(), &StatusInfo::status, name);
}

std::optional<EntityStatus> ParseEntityStatus(std::string_view text) {
  static const Spellings<EntityStatus> spellings =
      BuildSpellings<StatusInfo, EntityStatus>(StatusTable(), &StatusInfo::status);
  return spellings.Find(text);
}

const char* EntityStatusLabelKey(EntityStatus status) {
  return InfoOf(StatusTable(), &StatusInfo::status, status).label_key;
}

std::string EntityStatusLabel(EntityStatus status, i18n::Lang lang) {
  return i18n::Translate(lang, EntityStatusLabelKey(status));
}

bool IsTerminal(EntityStatus status) {
  return status == EntityStatus::kDissolved || status == EntityStatus::kBankrupt || status == EntityStatus::kConverted;
}

// ---- Sex --------------------------------------------------------------------------------

const char* SexName(Sex sex) { return sex == Sex::kFemale ? "female" : "male"; }

std::optional<Sex> SexFromName(std::string_view name) {
  if (name == "female") return Sex::kFemale;
  if (name == "male") return Sex::kMale;
  return std::nullopt;
}

std::optional<Sex> ParseSex(std::string_view text) {
  static const Spellings<Sex> spellings = [] {
    Spellings<Sex> s;
    s.AddNameAndLabels(Sex::kFemale, "female", "sex.female");
    s.AddNameAndLabels(Sex::kMale, "male", "sex.male");
    for (const char* alias : {"F", "phụ nữ", "woman", "giới tính nữ"}) s.Add(alias, Sex::kFemale);
    for (const char* alias : {"M", "đàn ông", "man", "giới tính nam"}) s.Add(alias, Sex::kMale);
    return s;
  }();
  return spellings.Find(text);
}

const char* SexLabelKey(Sex sex) { return sex == Sex::kFemale ? "sex.female" : "sex.male"; }

std::string SexLabel(Sex sex, i18n::Lang lang) { return i18n::Translate(lang, SexLabelKey(sex)); }

// ---- Entity -------------------------------------------------------------------------------

bool IsPublicAttribute(std::string_view name) {
  static constexpr std::string_view kPublic[] = {
      "id",           "kind",   "name",       "province_code", "current_province_code",
      "commune_code", "sector", "founded_on", "status",        "status_since"};
  return std::find(std::begin(kPublic), std::end(kPublic), name) != std::end(kPublic);
}

namespace {

// text::NormalizeText, kept only when something visible is left: text that is not UTF-8
// or holds nothing visible stays as it was, for ValidateEntity to refuse by name.
void NormalizeTextInPlace(std::string& s) {
  if (s.empty()) return;
  text::NormalizedText normalized = text::NormalizeText(s);
  if (normalized.valid && normalized.visible) s = std::move(normalized.text);
}

}  // namespace

void NormalizeEntity(Entity& entity) {
  NormalizeTextInPlace(entity.name);
  NormalizeTextInPlace(entity.address);
  NormalizeTextInPlace(entity.chair_name);
  CleanInPlace(entity.name, true);
  CleanInPlace(entity.registration_code, false);
  UpperAsciiInPlace(entity.registration_code);
  CleanInPlace(entity.tax_code, false);
  CleanInPlace(entity.province_code, false);
  CleanInPlace(entity.commune_code, false);
  CleanInPlace(entity.address, true);
  CleanInPlace(entity.chair_name, true);
  CleanInPlace(entity.email, false);
  LowerAsciiInPlace(entity.email);
  CleanInPlace(entity.union_registration_code, false);
  UpperAsciiInPlace(entity.union_registration_code);
  std::string& phone = entity.phone;
  CleanInPlace(phone, false);
  if (PhoneDigits(phone) >= 0) {
    // Keep the digits (and a leading '+'), in place.
    size_t out = 0;
    for (size_t i = 0; i < phone.size(); ++i)
      if (IsAsciiDigit(phone[i]) || (i == 0 && phone[i] == '+')) phone[out++] = phone[i];
    phone.resize(out);
  }
}

Status ValidateEntity(const Entity& entity, Date today) {
  FieldErrors errors;

  errors.CheckText("name", entity.name, kMaxNameLength, /*required=*/true);

  if (static_cast<size_t>(entity.kind) >= std::size(kEntityKinds)) {
    errors.Add("kind", "invalid_enum",
               {std::to_string(static_cast<int>(entity.kind)),
                AllowedNames({"cooperative", "union", "group", "credit_fund"})});
  }

  if (entity.registration_code.empty()) {
    errors.Add("registration_code", "required");
  } else if (!IsValidRegistrationCode(entity.registration_code)) {
    errors.Add("registration_code", "invalid_registration_code",
               {entity.registration_code, std::to_string(kMaxRegistrationCodeLength)});
  }

  if (!entity.tax_code.empty() && !IsValidTaxCode(entity.tax_code))
    errors.Add("tax_code", "invalid_tax_code", {entity.tax_code});

  if (entity.province_code.empty()) {
    errors.Add("province_code", "required");
  } else if (entity.province_code.size() != 2 || !AllDigits(entity.province_code)) {
    errors.Add("province_code", "invalid_province_code", {entity.province_code});
  }
  errors.CheckDate("province_as_of", entity.province_as_of, today);

  if (!entity.commune_code.empty() && (entity.commune_code.size() != 5 || !AllDigits(entity.commune_code)))
    errors.Add("commune_code", "invalid_commune_code", {entity.commune_code});

  errors.CheckText("address", entity.address, kMaxAddressLength, /*required=*/false);

  if (entity.sector && static_cast<size_t>(*entity.sector) >= std::size(kSectors)) {
    std::vector<const char*> names;
    for (Sector s : kSectors) names.push_back(SectorName(s));
    errors.Add("sector", "invalid_enum", {std::to_string(static_cast<int>(*entity.sector)), AllowedNames(names)});
  }

  errors.CheckDate("founded_on", entity.founded_on, today);

  errors.CheckText("chair_name", entity.chair_name, kMaxPersonNameLength, /*required=*/false);
  if (entity.chair_sex && *entity.chair_sex != Sex::kFemale && *entity.chair_sex != Sex::kMale) {
    errors.Add("chair_sex", "invalid_enum",
               {std::to_string(static_cast<int>(*entity.chair_sex)), AllowedNames({"female", "male"})});
  }
  if (entity.chair_birth_year) {
    const int latest = today.year() - kMinimumChairAgeYears;
    if (*entity.chair_birth_year < kEarliestYear || *entity.chair_birth_year > latest)
      errors.Add("chair_birth_year", "out_of_range", {std::to_string(kEarliestYear), std::to_string(latest)});
  }

  if (!entity.phone.empty()) {
    int digits = PhoneDigits(entity.phone);
    if (digits < kMinPhoneDigits || digits > kMaxPhoneDigits) errors.Add("phone", "invalid_phone", {entity.phone});
  }

  if (!entity.email.empty() && !IsValidEmail(entity.email)) errors.Add("email", "invalid_email", {entity.email});

  if (!entity.union_registration_code.empty()) {
    if (!IsValidRegistrationCode(entity.union_registration_code)) {
      errors.Add("union_registration_code", "invalid_registration_code",
                 {entity.union_registration_code, std::to_string(kMaxRegistrationCodeLength)});
    } else if (ToUpperAscii(entity.union_registration_code) == ToUpperAscii(entity.registration_code)) {
      errors.Add("union_registration_code", "union_self");
    }
  }
  if (entity.union_id && entity.id != 0 && *entity.union_id == entity.id) errors.Add("union_id", "union_self");

  return std::move(errors).ToStatus();
}

Status ValidateEntity(const Entity& entity) { return ValidateEntity(entity, Date::Today()); }

namespace {

template <typename Value, size_t N, typename Name>
std::string JoinNames(const Value (&values)[N], Name name) {
  std::string names;
  for (Value value : values) names += std::string(names.empty() ? "" : ", ") + name(value);
  return names;
}

}  // namespace

std::string EntityKindNames() { return JoinNames(kEntityKinds, EntityKindName); }
std::string SectorNames() { return JoinNames(kSectors, SectorName); }
std::string EntityStatusNames() { return JoinNames(kEntityStatuses, EntityStatusName); }

}  // namespace hoptac::domain

// Entities of the registry: cooperatives (HTX), unions of cooperatives (LHHTX),
// cooperative groups (THT) and people's credit funds (QTDND), their kinds,
// sectors and statuses, and the validation of an entity's fields.
//
// Every enumeration here has a stable wire name (API, CSV, database), an i18n
// label in Vietnamese and English ("kind.cooperative" → "Hợp tác xã" /
// "Cooperative") and a lenient parser for what people type into spreadsheets:
// the wire name, either label with or without diacritics and in any case, and
// the usual abbreviations (HTX, LHHTX, THT, QTDND, CN-TTCN, TM-DV, …). Parsers
// compare MatchKey() forms, so "Hợp tác xã", "HOP TAC XA" and "hop-tac-xa" are
// one spelling. The strict wire-name lookups (…FromName) are for API
// parameters, where a label is not an accepted spelling.
//
// An Entity is a plain value; ValidateEntity() reports every field error at
// once (required fields, code shapes, e-mail and phone shapes, plausible dates
// and years). Checks that need other data — uniqueness of registration_code,
// existence of the province on the reading date and of the commune today, the
// union being a registered union — belong to the registry, not here.
//
// Thread-safety: plain values and pure functions; the parsers' tables are built
// once on first use (function-local statics) and immutable afterwards. All
// functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"
#include "text/i18n.h"

namespace hoptac::domain {

// The form in which the lenient parsers compare text: text::FoldedWords joined
// by single spaces. "Hợp tác xã" → "hop tac xa", "credit_fund" → "credit fund",
// "CN-TTCN" → "cn ttcn", "  Đang  hoạt động " → "dang hoat dong".
std::string MatchKey(std::string_view text);

// ---- Kinds ------------------------------------------------------------------

enum class EntityKind : uint8_t { kCooperative, kUnion, kGroup, kCreditFund };
inline constexpr EntityKind kEntityKinds[] = {EntityKind::kCooperative, EntityKind::kUnion, EntityKind::kGroup,
                                              EntityKind::kCreditFund};

// "cooperative" | "union" | "group" | "credit_fund"
const char* EntityKindName(EntityKind kind);
// Exactly a wire name; nullopt otherwise.
std::optional<EntityKind> EntityKindFromName(std::string_view name);
// Every wire name in kEntityKinds order, ", "-separated: the allowed values in error messages.
std::string EntityKindNames();
// The wire name, a label ("Hợp tác xã", "Liên hiệp hợp tác xã", "Tổ hợp tác",
// "Quỹ tín dụng nhân dân", "Cooperative", …) or an abbreviation ("HTX",
// "LHHTX", "THT", "QTDND"), ignoring case and diacritics; nullopt otherwise.
std::optional<EntityKind> ParseEntityKind(std::string_view text);
// i18n key of the label: "kind.cooperative", …
const char* EntityKindLabelKey(EntityKind kind);
std::string EntityKindLabel(EntityKind kind, i18n::Lang lang);

// ---- Sectors ----------------------------------------------------------------

enum class Sector : uint8_t {
  kAgriculture,
  kForestry,
  kFisheries,
  kSalt,
  kIndustryHandicraft,
  kConstruction,
  kTradeServices,
  kTransport,
  kCredit,
  kEnvironment,
  kHousing,
  kOther,
};
inline constexpr Sector kSectors[] = {
    Sector::kAgriculture,  Sector::kForestry,      Sector::kFisheries, Sector::kSalt,   Sector::kIndustryHandicraft,
    Sector::kConstruction, Sector::kTradeServices, Sector::kTransport, Sector::kCredit, Sector::kEnvironment,
    Sector::kHousing,      Sector::kOther,
};

// "agriculture" | "forestry" | "fisheries" | "salt" | "industry_handicraft" |
// "construction" | "trade_services" | "transport" | "credit" | "environment" |
// "housing" | "other"
const char* SectorName(Sector sector);
// Every wire name in kSectors order, ", "-separated.
std::string SectorNames();
std::optional<Sector> SectorFromName(std::string_view name);
// Wire name, label ("Nông nghiệp", "Thủy sản", "Công nghiệp – tiểu thủ công
// nghiệp", "Thương mại – dịch vụ", …) or a common variant ("Thuỷ sản", "Ngư
// nghiệp", "Diêm nghiệp", "CN-TTCN", "TM-DV", "Vận tải", "Nhà ở", …).
std::optional<Sector> ParseSector(std::string_view text);
const char* SectorLabelKey(Sector sector);  // "sector.agriculture", …
std::string SectorLabel(Sector sector, i18n::Lang lang);

// ---- Statuses ---------------------------------------------------------------

// The status of an entity on a date, derived from its history (status_history.h).
// Dissolved, bankrupt and converted are terminal.
enum class EntityStatus : uint8_t { kActive, kSuspended, kStopped, kDissolved, kBankrupt, kConverted };
inline constexpr EntityStatus kEntityStatuses[] = {EntityStatus::kActive,   EntityStatus::kSuspended,
                                                   EntityStatus::kStopped,  EntityStatus::kDissolved,
                                                   EntityStatus::kBankrupt, EntityStatus::kConverted};

// "active" | "suspended" | "stopped" | "dissolved" | "bankrupt" | "converted"
const char* EntityStatusName(EntityStatus status);
// Every wire name in kEntityStatuses order, ", "-separated.
std::string EntityStatusNames();
std::optional<EntityStatus> EntityStatusFromName(std::string_view name);
// Wire name, label ("Đang hoạt động", "Tạm ngừng", "Ngừng hoạt động", "Giải
// thể", "Phá sản", "Chuyển đổi", "Active", …) or a variant ("hoạt động", "tạm
// ngừng hoạt động", "đã giải thể", "không hoạt động", "inactive", …).
std::optional<EntityStatus> ParseEntityStatus(std::string_view text);
const char* EntityStatusLabelKey(EntityStatus status);  // "status.active", …
std::string EntityStatusLabel(EntityStatus status, i18n::Lang lang);
// True for dissolved, bankrupt and converted: nothing can happen afterwards.
bool IsTerminal(EntityStatus status);

// ---- Sex (of the chair) -------------------------------------------------------

enum class Sex : uint8_t { kFemale, kMale };
const char* SexName(Sex sex);  // "female" | "male"
std::optional<Sex> SexFromName(std::string_view name);
// "female", "male", "Nữ", "Nam", "F", "M", "phụ nữ", …
std::optional<Sex> ParseSex(std::string_view text);
const char* SexLabelKey(Sex sex);  // "sex.female", "sex.male"
std::string SexLabel(Sex sex, i18n::Lang lang);

// ---- Entity -------------------------------------------------------------------

// The attributes of an entity (API member names, export columns) that every caller may
// read, and filter and search by: id, kind, name, province_code, current_province_code,
// commune_code, sector, founded_on, status and status_since. Everything else
// (registration and tax codes, address, women_managed, youth, the chair, contacts, the
// union, province_as_of, timestamps) only callers who see every field of the entity
// (EntityService::SeesAllFields) read, and only officials filter by. The one definition:
// the public JSON (EntityJson), the public export columns and the filter check
// (registry/entity_query.h, CheckFilterAccess) all follow it.
bool IsPublicAttribute(std::string_view name);

// Limits ValidateEntity() enforces; lengths count Unicode code points.
inline constexpr int kMaxNameLength = 255;
inline constexpr int kMaxRegistrationCodeLength = 40;
inline constexpr int kMaxAddressLength = 500;
inline constexpr int kMaxPersonNameLength = 100;
inline constexpr int kMaxEmailLength = 254;
inline constexpr int kMinPhoneDigits = 8;
inline constexpr int kMaxPhoneDigits = 15;
inline constexpr int kEarliestYear = 1900;        // founding dates and birth years
inline constexpr int kMinimumChairAgeYears = 15;  // a chair born after today.year − 15 is implausible

struct Entity {
  int64_t id = 0;  // 0 until stored
  EntityKind kind = EntityKind::kCooperative;
  std::string name;               // "Hợp tác xã Nông nghiệp Tân Lập"
  std::string registration_code;  // unique in the registry; for groups without an official number, the province's code
  std::string tax_code;           // "0101234567" or "0101234567-001"; empty when unknown
  std::string province_code;      // "15", read as of ProvinceDate()
  // The date province_code is read at (codes name different units at different
  // dates: 15 is Yên Bái until 2025-06-30, Lào Cai since). When absent,
  // founded_on. The registry fixes it on create so the reading never drifts.
  std::optional<Date> province_as_of;
  // Where the entity is today: always a commune in force today (the communes
  // since 2025-07-01), in the province province_code belongs to today. "00004";
  // empty when unknown.
  std::string commune_code;
  std::string address;
  std::optional<Sector> sector;  // absent when unknown (≠ kOther)
  std::optional<Date> founded_on;
  bool women_managed = false;  // a woman chairs or directs it
  bool youth = false;          // founded and run by young people
  std::string chair_name;
  std::optional<Sex> chair_sex;
  std::optional<int> chair_birth_year;
  std::string phone;  // NormalizeEntity() keeps digits and a leading '+'
  std::string email;
  std::string union_registration_code;  // registration code of the union it belongs to; empty when none
  std::optional<int64_t> union_id;      // the same union, resolved by the registry

  // The date the codes are read at: province_as_of, else founded_on.
  std::optional<Date> ProvinceDate() const { return province_as_of ? province_as_of : founded_on; }

  bool operator==(const Entity&) const = default;
};

// Cleans what people type without changing meaning: normalises the free text (name,
// address, chair_name) with text::NormalizeText — NFC, no direction overrides or isolates,
// no white space, zero-width characters or direction marks at the ends — unless nothing
// visible would be left (ValidateEntity refuses that text as it is); trims every text
// field and collapses runs of white space in names and the address; upper-cases
// registration codes ("htx-01" and "HTX-01" are one code); lower-cases the
// e-mail; keeps only the digits of the phone (and a leading '+') when it
// contains nothing but digits, spaces, dots, dashes and brackets.
void NormalizeEntity(Entity& entity);

// Every field error of the entity at once, in field order, as one
// kInvalidArgument error with key "error.invalid_request" and one FieldError
// per problem (field names as in the API and the import columns):
//   name               required; at most kMaxNameLength; valid UTF-8 without control characters
//                      or direction overrides ("field.invalid_text"), with something visible
//                      ("field.no_visible_text"); so are address and chair_name when not blank
//   kind, sector, chair_sex   a defined enumerator
//   registration_code  required; ASCII letters, digits and - / . _, starting
//                      with a letter or digit; at most kMaxRegistrationCodeLength
//   tax_code           empty, 10 digits, or 10 digits '-' 3 digits (a branch)
//   province_code      required; two digits
//   commune_code       empty or five digits
//   address            at most kMaxAddressLength
//   founded_on, province_as_of   from kEarliestYear and not after today
//   chair_name         at most kMaxPersonNameLength
//   chair_birth_year   kEarliestYear … today.year − kMinimumChairAgeYears
//   phone              kMinPhoneDigits–kMaxPhoneDigits digits, optional leading '+',
//                      separators space . - ( )
//   email              one '@', a non-empty local part without spaces, a domain
//                      of dot-separated labels (letters, digits, '-') with a dot
//   union_registration_code   shape as registration_code; not the entity's own code
//   union_id           not the entity's own id
// `today` bounds the dates; the overload without it reads the clock.
Status ValidateEntity(const Entity& entity, Date today);
Status ValidateEntity(const Entity& entity);

}  // namespace hoptac::domain

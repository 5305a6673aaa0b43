// The canonical columns of the three registry files (entities, status events,
// figures), shared by import (which also accepts aliases, e.g. Vietnamese
// headers) and export (which writes exactly these, in this order), so that an
// export imports back unchanged.
//
// Canonical value spellings written by export and always accepted by import:
//   dates             ISO "2024-03-31" (import also reads dd/mm/yyyy and XLSX dates)
//   kind              cooperative | union | group | credit_fund (domain::EntityKindName)
//   sector            domain::SectorName, empty when unknown
//   status            domain::EntityStatusName of the status on the export date; status_since: the date
//                     of the event that led to it (founded_on for "active" without events)
//   booleans          "true" | "false" (import also reads 1/0, có/không, x/empty, yes/no)
//   chair_sex         female | male | empty
//   integers, VND     plain digits, optional leading "-" (import also reads "5.752" and "5,752")
//   period            canonical domain::Period::ToString ("2024", "2024S1", …)
//   province_code     the code as stored, read as of province_as_of (written by export; a file without
//                     that column is read as of founded_on, as the API does)
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace hoptac::registry {

enum class FileType { kEntities, kEvents, kFigures };

// "entities" | "events" | "figures" (defined in import_columns.cpp).
const char* FileTypeName(FileType type);
std::optional<FileType> FileTypeFromName(std::string_view name);

// province_as_of last: the date province_code is read at (the province as registered then),
// so that an export imports back into an empty database unchanged.
inline constexpr std::array<std::string_view, 19> kEntityColumns = {"registration_code",
                                                                    "kind",
                                                                    "name",
                                                                    "province_code",
                                                                    "commune_code",
                                                                    "address",
                                                                    "sector",
                                                                    "founded_on",
                                                                    "status",
                                                                    "status_since",
                                                                    "women_managed",
                                                                    "youth",
                                                                    "chair_name",
                                                                    "chair_sex",
                                                                    "chair_birth_year",
                                                                    "phone",
                                                                    "email",
                                                                    "union_registration_code",
                                                                    "province_as_of"};

inline constexpr std::array<std::string_view, 4> kEventColumns = {"registration_code", "date", "event", "note"};

inline constexpr std::array<std::string_view, 13> kFigureColumns = {
    "registration_code",        "period",          "members_total",
    "members_female",           "members_youth",   "workers_total",
    "workers_female",           "workers_members", "revenue_vnd",
    "revenue_with_members_vnd", "profit_vnd",      "avg_income_vnd_month",
    "charter_capital_vnd"};

}  // namespace hoptac::registry

// Files out of surveys: the anonymised responses of a campaign and its mailing list of links,
// as CSV (UTF-8 with a BOM, as Excel opens it) or XLSX (io::XlsxStreamWriter).
//
// Responses: Số phiếu (a random number, shuffled: not the response's id), Tỉnh (code), Loại hình
// (the entity's kind), Năm, then one column per question named as the question (likert, integer,
// decimal as numbers; multiple: the choice names joined by a space). No entity id, name, code or
// token. Links: Mã số đăng ký, Tên, Tỉnh, Điện thoại, Email, Đường dẫn (the full link).
//
// Thread-safety: pure functions of their arguments; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "surveys/survey_service.h"

namespace hoptac::surveys {

enum class TableFormat { kCsv, kXlsx };
std::optional<TableFormat> TableFormatFromName(std::string_view name);  // "csv" | "xlsx"
const char* TableFormatName(TableFormat format);
std::string TableContentType(TableFormat format);

Status WriteResponses(const Questionnaire& q, const std::vector<ExportRow>& rows, TableFormat format,
                      const std::string& path);
// `base_url` is put before "/s/<token>" ("https://hoptac.example.vn").
Status WriteLinks(const std::vector<TargetRow>& rows, const std::string& base_url, TableFormat format,
                  const std::string& path);

}  // namespace hoptac::surveys

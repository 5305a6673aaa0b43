#include "io/xlsx_cell.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/date.h"

namespace hoptac::io {

namespace {

constexpr int kMaxColumns = 16384;         // XFD
constexpr int kDays1970To10000 = 2932897;  // 1970-01-01 → 10000-01-01

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "_xHHHH_" at text[i], or -1.
int EscapeAt(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  int value = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int digit = HexValue(text[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

void AppendUtf8(std::string& out, unsigned code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::string TwoDigits(long long value) {
  std::string out;
  if (value < 10) out.push_back('0');
  out += std::to_string(value);
  return out;
}

// True when `text` is already how FormatNumber renders it: [-]digits[.digits] without
// leading or trailing zeros and with at most 15 significant digits (such a decimal
// survives the trip through a double unchanged). Most cells are; they skip the
// conversions.
bool IsCanonicalNumber(std::string_view text) {
  std::size_t i = 0;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::size_t integer_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  std::size_t integer_length = i - integer_start;
  if (integer_length == 0 || (integer_length > 1 && text[integer_start] == '0')) return false;
  bool zero_integer = text[integer_start] == '0';
  if (i == text.size()) return integer_length <= 15 && !(negative && zero_integer);
  if (text[i] != '.') return false;
  std::size_t fraction_start = ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i != text.size() || i == fraction_start || text.back() == '0') return false;
  std::size_t significant = zero_integer ? 0 : integer_length;
  std::size_t fraction = fraction_start;
  if (zero_integer)
    while (text[fraction] == '0') ++fraction;  // 0.00012: leading zeros do not count
  significant += text.size() - fraction;
  return significant <= 15;
}

}  // namespace

NumberFormatKind BuiltinNumberFormatKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return NumberFormatKind::kDate;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return NumberFormatKind::kTime;
  if (id == 22) return NumberFormatKind::kDateTime;
  return NumberFormatKind::kNumber;
}

NumberFormatKind ClassifyNumberFormatCode(std::string_view code) {
  bool day_or_year = false, month_or_minute = false, hour_or_second = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // only the first section
    if (c == '"') {
      std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '[') {
      std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal or padding
      continue;
    }
    std::string_view rest = code.substr(i);
    if (rest.size() >= 5 && (rest.substr(0, 5) == "AM/PM" || rest.substr(0, 5) == "am/pm")) {
      i += 4;
      continue;
    }
    if (rest.size() >= 3 && (rest.substr(0, 3) == "A/P" || rest.substr(0, 3) == "a/p")) {
      i += 2;
      continue;
    }
    switch (c) {
      case 'd':
      case 'D':
      case 'y':
      case 'Y': day_or_year = true; break;
      case 'm':
      case 'M': month_or_minute = true; break;
      case 'h':
      case 'H':
      case 's':
      case 'S': hour_or_second = true; break;
      default: break;
    }
  }
  bool date = day_or_year || (month_or_minute && !hour_or_second);
  if (date && hour_or_second) return NumberFormatKind::kDateTime;
  if (date) return NumberFormatKind::kDate;
  if (hour_or_second) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

std::optional<std::string> SerialToText(double serial, NumberFormatKind kind, DateSystem system) {
  if (kind == NumberFormatKind::kNumber || !std::isfinite(serial) || serial < 0 || serial > 3.0e6) return std::nullopt;
  long long total_seconds = std::llround(serial * 86400.0);
  long long day = total_seconds / 86400;
  long long seconds = total_seconds % 86400;
  std::string time = TwoDigits(seconds / 3600) + ":" + TwoDigits(seconds / 60 % 60) + ":" + TwoDigits(seconds % 60);
  if (kind == NumberFormatKind::kTime) {
    if (day == 0) return time;
    long long hours = total_seconds / 3600;  // a duration such as [h]:mm:ss
    return TwoDigits(hours) + time.substr(2);
  }
  std::string date;
  if (system == DateSystem::k1904) {
    long long days = day - 24107;  // 1904-01-01 is day -24107 since 1970-01-01
    if (days >= kDays1970To10000) return std::nullopt;
    date = Date::FromDays(static_cast<int>(days)).ToIso();
  } else if (day == 0) {
    date = "1900-01-00";
  } else if (day == 60) {
    date = "1900-02-29";
  } else {
    long long days = day < 60 ? day - 25568 : day - 25569;  // 1899-12-31 / 1899-12-30 + serial
    if (days >= kDays1970To10000) return std::nullopt;
    date = Date::FromDays(static_cast<int>(days)).ToIso();
  }
  if (kind == NumberFormatKind::kDateTime && seconds != 0) return date + " " + time;
  return date;
}

std::string FormatNumber(std::string_view raw) {
  if (IsCanonicalNumber(raw)) return std::string(raw);
  std::string_view text = raw;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::string(raw);
  // Excel keeps 15 significant digits; what lies beyond is binary noise.
  char rounded[40];
  std::snprintf(rounded, sizeof rounded, "%.15g", value);
  value = std::strtod(rounded, nullptr);
  if (value == 0) return "0";  // also -0
  char out[400];
  auto result = std::to_chars(out, out + sizeof out, value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::string(raw);
  return std::string(out, result.ptr);
}

std::string DecodeEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    int unit = EscapeAt(text, i);
    if (unit < 0) {
      out.push_back(text[i++]);
      continue;
    }
    unsigned code_point = static_cast<unsigned>(unit);
    std::size_t length = 7;
    if (unit >= 0xD800 && unit <= 0xDBFF) {  // a surrogate pair in two escapes
      int low = EscapeAt(text, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + static_cast<unsigned>(low - 0xDC00);
        length = 14;
      } else {
        out.push_back(text[i++]);  // a lone surrogate: keep the text as it is
        continue;
      }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      out.push_back(text[i++]);
      continue;
    }
    AppendUtf8(out, code_point);
    i += length;
  }
  return out;
}

std::string EscapeLiteralEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (EscapeAt(text, i) >= 0) {
      out += "_x005F";  // "_x005F_" stands for "_"; the original "_" then closes the escape
    }
    out.push_back(text[i]);
  }
  return out;
}

bool ParseCellReference(std::string_view reference, int& column, int& row) {
  std::size_t i = 0;
  if (i < reference.size() && reference[i] == '$') ++i;
  long long col = 0;
  std::size_t letters = 0;
  for (; i < reference.size(); ++i, ++letters) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    if (col > kMaxColumns) return false;
  }
  if (letters == 0) return false;
  if (i < reference.size() && reference[i] == '$') ++i;
  long long number = 0;
  std::size_t digits = 0;
  for (; i < reference.size(); ++i, ++digits) {
    char c = reference[i];
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
    if (number > 1048576) return false;
  }
  if (digits == 0 || number == 0) return false;
  column = static_cast<int>(col - 1);
  row = static_cast<int>(number);
  return true;
}

std::string ColumnName(int column) {
  std::string name;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

}  // namespace hoptac::io

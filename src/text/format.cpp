#include "text/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>
#include <utility>

namespace hoptac::text {
namespace {

char GroupSeparator(Locale locale) { return locale == Locale::kVi ? '.' : ','; }
char DecimalSeparator(Locale locale) { return locale == Locale::kVi ? ',' : '.'; }

uint64_t Magnitude(int64_t value) {
  // Negating in unsigned arithmetic is defined for INT64_MIN as well.
  return value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

// Appends the decimal digits `digits` (no sign, at least one digit) with a
// separator every three digits from the right.
void AppendGroupedDigits(std::string& out, std::string_view digits, char separator) {
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(separator);
    out.push_back(digits[i]);
  }
}

void AppendGrouped(std::string& out, uint64_t value, char separator) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  AppendGroupedDigits(out, std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer)), separator);
}

// Removes ASCII whitespace and the no-break spaces spreadsheets like to leave
// around numbers (U+00A0, U+202F) from both ends.
std::string_view Trim(std::string_view text) {
  for (;;) {
    if (text.empty()) return text;
    const unsigned char c = static_cast<unsigned char>(text.front());
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      text.remove_prefix(1);
    } else if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
    } else if (text.starts_with("\xE2\x80\xAF")) {
      text.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (text.empty()) return text;
    const unsigned char c = static_cast<unsigned char>(text.back());
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      text.remove_suffix(1);
    } else if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else if (text.ends_with("\xE2\x80\xAF")) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Strips a leading '+' or '-'; returns true for '-'.
bool TakeSign(std::string_view& text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    const bool negative = text.front() == '-';
    text.remove_prefix(1);
    return negative;
  }
  return false;
}

// The digits of an integer part written plain ("5752") or grouped with
// `separator` ("5.752": first group 1–3 digits, every later group exactly 3).
// nullopt if malformed or empty.
std::optional<std::string> UngroupDigits(std::string_view text, char separator) {
  if (text.empty()) return std::nullopt;
  std::string digits;
  digits.reserve(text.size());
  std::size_t group_length = 0;
  bool grouped = false;
  for (char c : text) {
    if (IsDigit(c)) {
      digits.push_back(c);
      ++group_length;
      if (grouped && group_length > 3) return std::nullopt;
    } else if (c == separator) {
      if (group_length == 0) return std::nullopt;             // leading or doubled separator
      if (!grouped && group_length > 3) return std::nullopt;  // "1234.567"
      if (grouped && group_length != 3) return std::nullopt;  // "1.23.456"
      grouped = true;
      group_length = 0;
    } else {
      return std::nullopt;
    }
  }
  if (grouped && group_length != 3) return std::nullopt;  // "5.75", "5."
  return digits;
}

const char* const kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string FormatInteger(int64_t value, Locale locale) {
  std::string out;
  if (value < 0) out.push_back('-');
  AppendGrouped(out, Magnitude(value), GroupSeparator(locale));
  return out;
}

std::string FormatDecimal(double value, int max_fraction_digits, Locale locale) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  const int precision = std::clamp(max_fraction_digits, 0, 17);
  // DBL_MAX has 309 integer digits; 17 fraction digits and '.' fit easily.
  char buffer[400];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::fixed, precision);
  std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  std::string_view integer_part = text;
  std::string_view fraction_part;
  if (const std::size_t dot = text.find('.'); dot != std::string_view::npos) {
    integer_part = text.substr(0, dot);
    fraction_part = text.substr(dot + 1);
    while (!fraction_part.empty() && fraction_part.back() == '0') fraction_part.remove_suffix(1);
  }
  const bool is_zero = integer_part.find_first_not_of('0') == std::string_view::npos && fraction_part.empty();
  std::string out;
  if (value < 0 && !is_zero) out.push_back('-');
  AppendGroupedDigits(out, integer_part, GroupSeparator(locale));
  if (!fraction_part.empty()) {
    out.push_back(DecimalSeparator(locale));
    out.append(fraction_part);
  }
  return out;
}

std::string FormatMoneyVnd(int64_t vnd, Locale locale) {
  constexpr uint64_t kMillion = 1'000'000;
  constexpr uint64_t kBillion = 1'000'000'000;
  const uint64_t magnitude = Magnitude(vnd);
  const bool vi = locale == Locale::kVi;

  std::string out;
  if (vnd < 0) out.push_back('-');
  if (magnitude < kMillion) {
    AppendGrouped(out, magnitude, GroupSeparator(locale));
    out.append(vi ? " đồng" : " VND");
    return out;
  }
  // Amounts in hundredths of the unit, rounded half up. 999.995.000 đồng rounds
  // to 1.000,00 triệu and is better said as 1 tỷ.
  uint64_t hundredths = (magnitude + kMillion / 200) / (kMillion / 100);
  const bool billions = magnitude >= kBillion || hundredths >= 100'000;
  if (billions) hundredths = (magnitude + kBillion / 200) / (kBillion / 100);

  AppendGrouped(out, hundredths / 100, GroupSeparator(locale));
  if (const uint64_t fraction = hundredths % 100; fraction != 0) {
    out.push_back(DecimalSeparator(locale));
    out.push_back(static_cast<char>('0' + fraction / 10));
    if (fraction % 10 != 0) out.push_back(static_cast<char>('0' + fraction % 10));
  }
  if (vi) {
    out.append(billions ? " tỷ đồng" : " triệu đồng");
  } else {
    out.append(billions ? " billion VND" : " million VND");
  }
  return out;
}

std::string FormatDate(int year, int month, int day, Locale locale) {
  char buffer[64];
  if (locale == Locale::kVi) {
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day, month, year);
  } else if (month >= 1 && month <= 12) {
    std::snprintf(buffer, sizeof buffer, "%d %s %04d", day, kEnglishMonths[month - 1], year);
  } else {
    std::snprintf(buffer, sizeof buffer, "%d %d %04d", day, month, year);
  }
  return buffer;
}

std::string FormatDate(const Date& date, Locale locale) {
  return FormatDate(date.year(), date.month(), date.day(), locale);
}

std::optional<int64_t> ParseInteger(std::string_view text, Locale locale) {
  text = Trim(text);
  const bool negative = TakeSign(text);
  const std::optional<std::string> digits = UngroupDigits(text, GroupSeparator(locale));
  if (!digits) return std::nullopt;
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t magnitude = 0;
  for (char c : *digits) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) return static_cast<int64_t>(magnitude);
  if (magnitude == uint64_t{1} << 63) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(magnitude);
}

std::optional<double> ParseDecimal(std::string_view text, Locale locale) {
  text = Trim(text);
  const bool negative = TakeSign(text);
  std::string_view integer_part = text;
  std::string_view fraction_part;
  bool has_separator = false;
  if (const std::size_t at = text.find(DecimalSeparator(locale)); at != std::string_view::npos) {
    has_separator = true;
    integer_part = text.substr(0, at);
    fraction_part = text.substr(at + 1);
  }
  if (has_separator && fraction_part.empty()) return std::nullopt;  // "3,"
  if (!std::all_of(fraction_part.begin(), fraction_part.end(), IsDigit)) return std::nullopt;

  std::string normalized;
  if (!integer_part.empty()) {
    std::optional<std::string> digits = UngroupDigits(integer_part, GroupSeparator(locale));
    if (!digits) return std::nullopt;
    normalized = std::move(*digits);
  } else if (!has_separator) {
    return std::nullopt;  // nothing at all, or only a sign
  } else {
    normalized = "0";
  }
  if (has_separator) {
    normalized.push_back('.');
    normalized.append(fraction_part);
  }
  double value = 0;
  const char* end = normalized.data() + normalized.size();
  const auto result = std::from_chars(normalized.data(), end, value, std::chars_format::fixed);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value)) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace hoptac::text

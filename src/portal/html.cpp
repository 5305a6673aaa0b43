#include "portal/html.h"

#include <cstdio>

#include "text/fold.h"

namespace hoptac::portal {

void AppendEscaped(std::string& out, std::string_view text) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    const char* replacement = nullptr;
    switch (c) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '"': replacement = "&quot;"; break;
      case '\'': replacement = "&#39;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          replacement = "";
        else if (c == 0x7F)
          replacement = "";
        break;
    }
    if (!replacement) continue;
    out.append(text.data() + start, i - start);
    out += replacement;
    start = i + 1;
  }
  out.append(text.data() + start, text.size() - start);
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  AppendEscaped(out, text);
  return out;
}

std::string QueryEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (char ch : value) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Slugify(std::string_view name) {
  std::string folded = text::Fold(name);
  std::string out;
  bool dash = false;
  for (char c : folded) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += c;
    } else {
      dash = true;
    }
  }
  if (out.size() > 80) {
    size_t cut = out.rfind('-', 80);
    out.resize(cut == std::string::npos || cut == 0 ? 80 : cut);
  }
  return out;
}

std::string EntitySlug(std::string_view name, int64_t id) {
  std::string slug = Slugify(name);
  if (!slug.empty()) slug += '-';
  slug += std::to_string(id);
  return slug;
}

int64_t EntityIdFromSlug(std::string_view slug) {
  size_t dash = slug.rfind('-');
  std::string_view digits = dash == std::string_view::npos ? slug : slug.substr(dash + 1);
  if (digits.empty() || digits.size() > 15 || digits[0] == '0') return 0;
  int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Date VietnamDate(int64_t unix_ms) {
  return Date::FromDays(static_cast<int>(FloorDiv(unix_ms + kVietnamOffsetMs, kDayMs)));
}

std::string Rfc822(int64_t unix_ms) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = FloorDiv(unix_ms, kDayMs);
  int64_t seconds = FloorDiv(unix_ms - days * kDayMs, 1000);
  Date date = Date::FromDays(static_cast<int>(days));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                kDays[static_cast<size_t>(((days % 7) + 7) % 7)], date.day(), kMonths[date.month() - 1], date.year(),
                static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return buffer;
}

std::string IsoVietnam(int64_t unix_ms) {
  int64_t local = unix_ms + kVietnamOffsetMs;
  int64_t days = FloorDiv(local, kDayMs);
  int64_t seconds = FloorDiv(local - days * kDayMs, 1000);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+07:00",
                Date::FromDays(static_cast<int>(days)).ToIso().c_str(), static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return buffer;
}

}  // namespace hoptac::portal

#include "news/article.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "text/fold.h"

namespace hoptac::news {
namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

bool Alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// `s` cut to at most `max` bytes at a '-' (at the limit when its first word is longer).
void CutAtDash(std::string& s, size_t max) {
  if (s.size() <= max) return;
  if (s[max] == '-') {
    s.resize(max);
  } else {
    const size_t dash = s.rfind('-', max);
    s.resize(dash == std::string::npos || dash == 0 ? max : dash);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
}

// Reads exactly `n` digits at `at`.
bool Digits(std::string_view text, size_t at, size_t n, int& out) {
  if (at + n > text.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + n, out);
  return ec == std::errc() && ptr == text.data() + at + n;
}
}  // namespace

bool OneOf(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string NamesText(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool ValidCategoryCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 40 || code[0] < 'a' || code[0] > 'z') return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return Alnum(c) || c == '_'; });
}

std::string ArticleUrl(std::string_view slug) { return "/tin-tuc/" + std::string(slug); }

bool Visible(const Article& a, int64_t now_ms) { return a.status == "published" && a.published_at_ms <= now_ms; }

bool Scheduled(const Article& a, int64_t now_ms) { return a.status == "published" && a.published_at_ms > now_ms; }

bool MayMove(std::string_view from, std::string_view move) {
  if (move == "submit") return from == "draft";
  if (move == "publish") return from == "draft" || from == "in_review";
  if (move == "return") return from == "in_review";
  if (move == "unpublish") return from == "published";
  if (move == "delete") return from == "draft";
  return false;
}

std::string StatusAfter(std::string_view move) {
  if (move == "submit") return "in_review";
  if (move == "publish") return "published";
  if (move == "return" || move == "unpublish") return "draft";
  return "";
}

std::string Slugify(std::string_view title) {
  const std::string folded = text::Fold(title);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (Alnum(c)) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  CutAtDash(out, kMaxSlugLength);
  return out;
}

std::string UniqueSlug(std::string_view base_in, const std::function<bool(const std::string&)>& taken) {
  std::string base = base_in.empty() ? std::string("bai-viet") : std::string(base_in);
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string suffix = "-" + std::to_string(n);
    std::string b = base;
    CutAtDash(b, kMaxSlugLength - suffix.size());
    std::string candidate = b + suffix;
    if (!taken(candidate)) return candidate;
  }
}

std::string FoldKeyword(std::string_view keyword) {
  std::string out;
  for (const std::string& w : text::FoldedWords(keyword)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

Date DayOf(int64_t ms) {
  const int64_t local = ms + kVietnamOffsetMs;
  return Date::FromDays(static_cast<int>(local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs));
}

std::string InstantText(int64_t ms) {
  const int64_t days = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  const int64_t in_day = ms - days * kDayMs;
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3'600'000),
                static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60));
  return Date::FromDays(static_cast<int>(days)).ToIso() + time;
}

std::optional<int64_t> ParseInstant(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  const std::optional<Date> date = Date::ParseIso(text.substr(0, 10));
  if (!date) return std::nullopt;
  const int64_t midnight = static_cast<int64_t>(date->days()) * kDayMs;
  if (text.size() == 10) return midnight - kVietnamOffsetMs;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  size_t at = 11;
  if (!Digits(text, at, 2, hour) || at + 2 >= text.size() || text[at + 2] != ':' || !Digits(text, at + 3, 2, minute))
    return std::nullopt;
  at += 5;
  int64_t millis = 0;
  if (at < text.size() && text[at] == ':') {
    if (!Digits(text, at + 1, 2, second)) return std::nullopt;
    at += 3;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      int64_t scale = 100;
      const size_t first = at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        millis += (text[at] - '0') * scale;
        scale /= 10;
        ++at;
      }
      if (at == first) return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t offset_ms = kVietnamOffsetMs;  // no offset: Việt Nam's time
  if (at < text.size()) {
    if ((text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) {
      offset_ms = 0;
    } else if (text[at] == '+' || text[at] == '-') {
      int oh = 0, om = 0;
      const size_t rest = text.size() - at - 1;
      if (rest == 5 && text[at + 3] == ':') {
        if (!Digits(text, at + 1, 2, oh) || !Digits(text, at + 4, 2, om)) return std::nullopt;
      } else if (rest == 4) {
        if (!Digits(text, at + 1, 2, oh) || !Digits(text, at + 3, 2, om)) return std::nullopt;
      } else if (rest == 2) {
        if (!Digits(text, at + 1, 2, oh)) return std::nullopt;
      } else {
        return std::nullopt;
      }
      if (oh > 14 || om > 59) return std::nullopt;
      offset_ms = (text[at] == '-' ? -1 : 1) * (oh * 3'600'000LL + om * 60'000LL);
    } else {
      return std::nullopt;
    }
  }
  return midnight + hour * 3'600'000LL + minute * 60'000LL + second * 1000LL + millis - offset_ms;
}

}  // namespace hoptac::news

#include "petitions/petition.h"

#include <algorithm>
#include <cstdio>

namespace hoptac::petitions {
namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
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

bool ValidThemeCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 40 || code[0] < 'a' || code[0] > 'z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool MayMove(std::string_view from, std::string_view to) {
  if (to == "assigned") return from == "received" || from == "assigned";
  if (to == "answered") return from == "received" || from == "assigned";
  if (to == "closed") return from == "answered";
  if (to == "reopened") return from == "answered" || from == "closed";
  return false;
}

std::string StatusAfter(std::string_view step) {
  return step == "reopened" ? std::string("assigned") : std::string(step);
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

bool Overdue(const Petition& p, Date today) {
  if (!p.due_on) return false;
  if (p.status != "assigned" && p.status != "received") return false;
  return *p.due_on < today;
}

int DaysOverdue(const Petition& p, Date today) { return Overdue(p, today) ? today.days() - p.due_on->days() : 0; }

bool OnTime(const Petition& p) {
  if (p.answered_at_ms == 0) return false;
  return !p.due_on || DayOf(p.answered_at_ms) <= *p.due_on;
}

std::optional<int> DaysToAnswer(const Petition& p) {
  if (p.answered_at_ms == 0) return std::nullopt;
  return std::max(0, DayOf(p.answered_at_ms).days() - p.raised_on.days());
}

std::optional<double> Median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

}  // namespace hoptac::petitions

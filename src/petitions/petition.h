// Petitions (kiến nghị): the model and its rules; no I/O (README.md says what the capability
// promises).
//
// A petition is what cooperatives ask of the State: raised by one or more registry entities, by
// a cooperative account for its own entity, or recorded by an officer from an activity (a
// dialogue with cooperatives); on a date, in a province (read as of that date), on a theme,
// addressed to an agency. Its workflow: received → assigned (to an officer or forwarded to an
// agency, with a due date) → answered → closed; an answered or closed petition may be reopened
// with a reason (back to assigned). Entities, activities and accounts are referred to by id.
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace hoptac::petitions {

// The built-in themes, in the order lists show them (national admins add more: petition_themes).
inline constexpr std::string_view kBuiltinThemes[] = {
    "land", "credit", "market", "quality", "technology", "policy", "infrastructure", "human_resources", "other"};
inline constexpr std::string_view kStatuses[] = {"received", "assigned", "answered", "closed"};
// The steps a petition's history records: a status reached, or "reopened".
inline constexpr std::string_view kSteps[] = {"received", "assigned", "answered", "closed", "reopened"};
inline constexpr std::string_view kAddressedKinds[] = {"alliance", "department", "people_committee", "ministry",
                                                       "other"};
inline constexpr std::string_view kSources[] = {"officer", "cooperative"};

inline constexpr size_t kMaxContentLength = 10000;  // bytes, after normalisation
inline constexpr size_t kMaxAnswerLength = 10000;
inline constexpr size_t kMaxNameLength = 500;  // agency, addressed-to name, theme names
inline constexpr size_t kMaxEntities = 500;
inline constexpr int kDefaultDueDays = 30;

bool OneOf(std::span<const std::string_view> names, std::string_view name);
std::string NamesText(std::span<const std::string_view> names);  // "a, b, c"

// A theme code: 2–40 characters of a–z, 0–9 and "_", starting with a letter.
bool ValidThemeCode(std::string_view code);

struct Theme {
  std::string code, name_vi, name_en;
  bool builtin = false, active = true;
  int64_t position = 0;
};

struct Step {
  std::string step;  // kSteps
  int64_t at_ms = 0;
  int64_t by_user = 0;
  std::string by_name;  // the audit name ("canbo.langson", "cli:ops")
  std::string note;
};

struct Petition {
  int64_t id = 0;
  std::string code;  // KN-YYYY-NNNN
  Date raised_on;
  std::string province_code;          // as of raised_on
  std::string current_province_code;  // the province in force today it belongs to
  std::string theme;
  std::string content;
  std::string addressed_kind = "other";  // kAddressedKinds
  std::string addressed_name;
  int64_t activity_id = 0;  // 0 none
  std::string source = "officer";
  std::string status = "received";
  int64_t assignee_user_id = 0;  // 0 none
  std::string agency;            // "" none
  std::optional<Date> assigned_on, due_on;
  std::string answer_text;
  bool answer_public = false;
  int64_t answered_by = 0;
  int64_t answered_at_ms = 0;  // 0 not answered
  int64_t closed_at_ms = 0;    // 0 not closed
  std::string reopen_reason;
  std::vector<int64_t> entity_ids;  // sorted
  int64_t created_by = 0;
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

// Whether a petition in status `from` may take step `to` (kSteps, "assigned" also for a
// reassignment; "answered" also from received: the answerer takes it).
bool MayMove(std::string_view from, std::string_view to);
// The status a step leads to ("reopened" → "assigned").
std::string StatusAfter(std::string_view step);

// The day (Vietnam time) of an instant in Unix epoch milliseconds.
Date DayOf(int64_t ms);
// "2026-12-05T09:30:00Z"
std::string InstantText(int64_t ms);

// Overdue: waiting for an answer (assigned, or received with a due date) past its due date.
bool Overdue(const Petition& p, Date today);
int DaysOverdue(const Petition& p, Date today);  // 0 when not overdue
// Answered on or before its due date (true without a due date); false when not answered.
bool OnTime(const Petition& p);
// Days from raised_on to the answer's day; nullopt when not answered.
std::optional<int> DaysToAnswer(const Petition& p);
// The median of `values` (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> Median(std::vector<int> values);

}  // namespace hoptac::petitions

// Programmes with partners, their targets and the partners' directory: the model and its
// validation; no I/O (README.md says what the capability promises).
//
// A programme (national programme, project/đề án, coordination programme, plan) is owned by
// the national alliance (province "") or by a provincial alliance (a province code in force
// today), runs over [from, to], has partners, a legal basis, numbered contents and targets.
// A target belongs to one content, has a deadline within the programme, a cadence (once by
// the deadline, or each calendar year of the period), a target value and a baseline, and a
// measure: a question to the indicators registry (indicators/indicators.h) or values entered
// by hand. Its progress is computed when asked (progress.h), never stored.
//
// Thread-safety: plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"

namespace hoptac::programmes {

// Allowed names, in the order error messages list them.
inline constexpr std::string_view kPartnerKinds[] = {
    "womens_union",      "youth_union",   "farmers_union", "veterans_association", "ministry",   "department",
    "peoples_committee", "international", "bank",          "university",           "enterprise", "other"};
inline constexpr std::string_view kProgrammeKinds[] = {"national_programme", "project", "coordination_programme",
                                                       "plan"};
inline constexpr std::string_view kProgrammeStatuses[] = {"draft", "in_force", "closed"};
inline constexpr std::string_view kReviewCadences[] = {"half_year", "year", "end_of_phase"};
inline constexpr std::string_view kCadences[] = {"once", "yearly"};
// The short names of a target's measure; any dotted source name of the indicators registry
// ("registry.events") is accepted as well.
inline constexpr std::string_view kTargetSources[] = {"entities", "figures", "activities", "placements", "manual"};

bool OneOf(std::span<const std::string_view> names, std::string_view name);
// "a, b, c" for error messages.
std::string NamesText(std::span<const std::string_view> names);

// A measure's question in the indicators registry's vocabulary (indicators::Definition, which
// the service converts it to: the model does no I/O and knows no kernel beyond base).
using Filters = std::vector<std::pair<std::string, std::string>>;
struct Definition {
  std::string source;   // "registry.entities"; "" for manual
  std::string measure;  // "count", "female_workers" …
  Filters filters;
};

inline constexpr size_t kMaxTitleLength = 500;   // bytes, after normalisation
inline constexpr size_t kMaxTextLength = 20000;  // a content's text, notes
inline constexpr size_t kMaxCodeLength = 60;
inline constexpr int kMaxProgrammeYears = 30;  // a programme's period, from its first to its last year
inline constexpr int64_t kMaxTargetValue = 1'000'000'000'000'000;  // 10^18: money in đồng fits

struct Contact {
  std::string name, position, phone, email;
  bool operator==(const Contact&) const = default;
};

struct Partner {
  int64_t id = 0;
  std::string name, name_en, short_name;
  std::string kind;           // kPartnerKinds
  std::string province_code;  // "" national
  std::vector<Contact> contacts;
  std::string address, website, notes;
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

struct LegalDocument {
  std::string number;  // "01/QĐ-TTg"
  std::optional<Date> date;
  std::string issuer;  // "Thủ tướng Chính phủ"
  std::string title;
  bool operator==(const LegalDocument&) const = default;
};

struct Content {
  int number = 0;  // 1, 2, …; unique in the programme
  std::string text;
  bool operator==(const Content&) const = default;
};

struct Programme {
  int64_t id = 0;
  std::string code;  // unique, e.g. "BG-TN-2023"
  std::string title, title_en;
  std::string kind;           // kProgrammeKinds
  std::string province_code;  // "" national
  Date from, to;              // inclusive
  std::string status;         // kProgrammeStatuses
  std::optional<Date> signed_on;
  std::string signatories;
  std::vector<std::string> review;  // kReviewCadences
  std::vector<LegalDocument> legal_basis;
  std::vector<Content> contents;
  std::vector<int64_t> partner_ids;
  int64_t created_at_ms = 0, updated_at_ms = 0;

  bool national() const { return province_code.empty(); }
  const Content* FindContent(int number) const;
};

// A value of a manual target: the level reached on a date (not an increment), with its evidence.
struct ManualValue {
  int64_t id = 0;
  Date on;
  int64_t value = 0;
  std::string evidence;
  std::string entered_by;
  int64_t entered_at_ms = 0;
};

struct Target {
  int64_t id = 0;
  int64_t programme_id = 0;
  int content = 0;  // a content's number; 0: the programme as a whole
  std::string title;
  // The provinces the target counts in (current codes); empty: the programme's province, or the
  // whole country for a national programme.
  std::vector<std::string> provinces;
  Date deadline;
  std::string cadence = "once";  // kCadences
  int64_t target = 0, baseline = 0;
  // How it is measured: the short name given ("entities", "figures", "activities",
  // "placements", "manual" or a dotted indicators source), and the indicators definition it
  // stands for (empty source for manual).
  std::string source;
  Definition definition;
  int position = 0;  // order in the programme
  std::vector<ManualValue> values;
  int64_t created_at_ms = 0, updated_at_ms = 0;

  bool manual() const { return source == "manual"; }
};

// The indicators source and default measure a target's short source stands for:
// entities → registry.entities/count, figures → registry.entities/<measure>, activities →
// activities.activities/count, placements → activities.placements/count; a dotted name is
// itself. nullopt for an unknown short name; "" for manual.
std::optional<std::string> IndicatorSourceOf(std::string_view source);

}  // namespace hoptac::programmes

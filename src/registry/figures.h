// Figures: what an entity reports for a period (members, workers, revenue,
// profit, income, capital), and the checks that tell wrong figures from
// surprising ones.
//
// Every figure is optional: absent means "not reported", which is not 0 (a
// province that did not collect female workers must not count as zero women).
// Counts are people; money is VND as int64 (the largest cooperative revenues
// are around 3·10^13 VND, far inside the range).
//
// CheckFigures() separates two outcomes. Errors are figures that cannot be
// true (a negative count, more women than members, more worker-members than
// members) and must be corrected. Warnings are figures that are possible but
// implausible — income above 100 million VND a month per worker, a cooperative
// below the legal minimum of members, revenue with members above total revenue
// — and are accepted only when the user confirms them (ToStatus with
// Confirmation::kConfirmed), never silently. Each problem is a FieldError on
// the figure's own field with its own code, the i18n key "field.<code>" for
// errors and "warning.<code>" for warnings, and the numbers as arguments.
//
// Thread-safety: plain values and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/entity.h"

namespace hoptac::domain {

struct Figures {
  std::optional<int64_t> members_total;
  std::optional<int64_t> members_female;
  std::optional<int64_t> members_youth;
  std::optional<int64_t> workers_total;  // regular workers
  std::optional<int64_t> workers_female;
  std::optional<int64_t> workers_members;  // workers who are also members
  std::optional<int64_t> revenue_vnd;
  std::optional<int64_t> revenue_with_members_vnd;  // part of revenue from business with members
  std::optional<int64_t> profit_vnd;                // may be negative (a loss)
  std::optional<int64_t> avg_income_vnd_month;      // average income per regular worker per month
  std::optional<int64_t> charter_capital_vnd;

  // No figure reported at all.
  bool Empty() const;
  bool operator==(const Figures&) const = default;
};

// One figure of Figures, for code that handles them all alike (import and
// export columns, analytics measures, API fields).
struct FigureField {
  std::string_view name;  // the column and API name, e.g. "members_total"
  std::optional<int64_t> Figures::*member;
  bool money;            // VND
  bool may_be_negative;  // only profit_vnd
};

// All figures in the canonical column order of the figures import file.
std::span<const FigureField> FigureFields();
// nullptr for an unknown name.
const FigureField* FindFigureField(std::string_view name);

// Thresholds of the warnings.
inline constexpr int64_t kMaxPlausibleIncomeVndMonth = 100'000'000;  // per worker per month
// Below this a monthly income was most likely typed in thousands or millions.
inline constexpr int64_t kMinPlausibleIncomeVndMonth = 100'000;
inline constexpr int64_t kMaxPlausibleRevenuePerWorkerVnd = 50'000'000'000;  // 50 billion per worker and period
inline constexpr int64_t kMaxPlausibleRevenueVnd = 100'000'000'000'000;      // 100,000 billion
inline constexpr int64_t kMaxPlausiblePeople = 100'000;                      // members or workers of one entity

// The legal minimum of official members (Law 17/2023/QH15: a cooperative ≥ 5
// members, a union ≥ 4 member cooperatives, a group ≥ 2 members); nullopt when
// this module knows none (credit funds).
std::optional<int64_t> MinimumMembers(EntityKind kind);

enum class Confirmation { kNotConfirmed, kConfirmed };

struct FiguresCheck {
  std::vector<FieldError> errors;    // impossible figures: must be corrected
  std::vector<FieldError> warnings;  // implausible figures: need a confirmation

  bool ok() const { return errors.empty(); }
  bool NeedsConfirmation() const { return !warnings.empty(); }
  // Ok when there is no error and no warning, or only warnings that were
  // confirmed. Otherwise kInvalidArgument with the errors as fields (key
  // "error.invalid_request"), or — errors absent, warnings unconfirmed — with
  // the warnings as fields (key "error.figures_need_confirmation").
  Status ToStatus(Confirmation confirmation) const;
};

// Errors (code — condition — args):
//   negative                         — any figure but profit_vnd below 0 — {value}
//   members_female_exceeds_total     — members_female > members_total — {female, total}
//   members_youth_exceeds_total      — members_youth > members_total — {youth, total}
//   workers_female_exceeds_total     — workers_female > workers_total — {female, total}
//   workers_members_exceeds_workers  — workers_members > workers_total — {worker-members, workers}
//   workers_members_exceeds_members  — workers_members > members_total — {worker-members, members}
// Warnings:
//   too_few_members                  — members_total below MinimumMembers(kind) — {members, minimum}
//   members_implausible, workers_implausible — above kMaxPlausiblePeople — {value, limit}
//   income_too_high                  — avg_income_vnd_month > kMaxPlausibleIncomeVndMonth — {value, limit}
//   income_too_low                   — 0 < avg_income_vnd_month < kMinPlausibleIncomeVndMonth — {value, limit}
//   revenue_with_members_exceeds_revenue — {with members, revenue}
//   profit_exceeds_revenue           — profit_vnd > revenue_vnd — {profit, revenue}
//   revenue_implausible              — revenue_vnd > kMaxPlausibleRevenueVnd — {value, limit}
//   revenue_per_worker_implausible   — revenue_vnd / workers_total > kMaxPlausibleRevenuePerWorkerVnd
//                                      — {revenue per worker, limit, revenue, workers}
// A relation is checked only when both figures are present and not negative.
// Numbers are plain decimal digits ("-5", "120000000").
FiguresCheck CheckFigures(const Figures& figures, EntityKind kind);

}  // namespace hoptac::domain

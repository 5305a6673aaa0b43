#include "registry/figures.h"

#include <string>
#include <utility>

namespace hoptac::domain {
namespace {

constexpr FigureField kFigureFields[] = {
    {"members_total", &Figures::members_total, false, false},
    {"members_female", &Figures::members_female, false, false},
    {"members_youth", &Figures::members_youth, false, false},
    {"workers_total", &Figures::workers_total, false, false},
    {"workers_female", &Figures::workers_female, false, false},
    {"workers_members", &Figures::workers_members, false, false},
    {"revenue_vnd", &Figures::revenue_vnd, true, false},
    {"revenue_with_members_vnd", &Figures::revenue_with_members_vnd, true, false},
    {"profit_vnd", &Figures::profit_vnd, true, true},
    {"avg_income_vnd_month", &Figures::avg_income_vnd_month, true, false},
    {"charter_capital_vnd", &Figures::charter_capital_vnd, true, false},
};

class Collector {
 public:
  explicit Collector(std::vector<FieldError>& out, const char* prefix) : out_(out), prefix_(prefix) {}
  void Add(std::string_view field, const char* code, std::initializer_list<int64_t> numbers) {
    std::vector<std::string> args;
    for (int64_t n : numbers) args.push_back(std::to_string(n));
    out_.push_back({std::string(field), code, prefix_ + code, std::move(args)});
  }

 private:
  std::vector<FieldError>& out_;
  std::string prefix_;
};

// Both present and not negative (negatives are reported on their own).
bool Usable(const std::optional<int64_t>& a, const std::optional<int64_t>& b) { return a && b && *a >= 0 && *b >= 0; }

}  // namespace

bool Figures::Empty() const {
  for (const FigureField& field : kFigureFields)
    if ((this->*field.member).has_value()) return false;
  return true;
}

std::span<const FigureField> FigureFields() { return kFigureFields; }

const FigureField* FindFigureField(std::string_view name) {
  for (const FigureField& field : kFigureFields)
    if (field.name == name) return &field;
  return nullptr;
}

std::optional<int64_t> MinimumMembers(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCooperative: return 5;
    case EntityKind::kUnion: return 4;
    case EntityKind::kGroup: return 2;
    case EntityKind::kCreditFund: return std::nullopt;
  }
  return std::nullopt;
}

Status FiguresCheck::ToStatus(Confirmation confirmation) const {
  if (!errors.empty()) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
    error.fields = errors;
    return error;
  }
  if (!warnings.empty() && confirmation == Confirmation::kNotConfirmed) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.figures_need_confirmation");
    error.fields = warnings;
    return error;
  }
  return Ok();
}

FiguresCheck CheckFigures(const Figures& f, EntityKind kind) {
  FiguresCheck check;
  Collector errors(check.errors, "field.");
  Collector warnings(check.warnings, "warning.");

  for (const FigureField& field : kFigureFields) {
    const std::optional<int64_t>& value = f.*field.member;
    if (value && *value < 0 && !field.may_be_negative) errors.Add(field.name, "negative", {*value});
  }

  if (Usable(f.members_female, f.members_total) && *f.members_female > *f.members_total)
    errors.Add("members_female", "members_female_exceeds_total", {*f.members_female, *f.members_total});
  if (Usable(f.members_youth, f.members_total) && *f.members_youth > *f.members_total)
    errors.Add("members_youth", "members_youth_exceeds_total", {*f.members_youth, *f.members_total});
  if (Usable(f.workers_female, f.workers_total) && *f.workers_female > *f.workers_total)
    errors.Add("workers_female", "workers_female_exceeds_total", {*f.workers_female, *f.workers_total});
  if (Usable(f.workers_members, f.workers_total) && *f.workers_members > *f.workers_total)
    errors.Add("workers_members", "workers_members_exceeds_workers", {*f.workers_members, *f.workers_total});
  if (Usable(f.workers_members, f.members_total) && *f.workers_members > *f.members_total)
    errors.Add("workers_members", "workers_members_exceeds_members", {*f.workers_members, *f.members_total});

  if (f.members_total && *f.members_total >= 0) {
    if (auto minimum = MinimumMembers(kind); minimum && *f.members_total < *minimum)
      warnings.Add("members_total", "too_few_members", {*f.members_total, *minimum});
    if (*f.members_total > kMaxPlausiblePeople)
      warnings.Add("members_total", "members_implausible", {*f.members_total, kMaxPlausiblePeople});
  }
  if (f.workers_total && *f.workers_total > kMaxPlausiblePeople)
    warnings.Add("workers_total", "workers_implausible", {*f.workers_total, kMaxPlausiblePeople});

  if (f.avg_income_vnd_month) {
    const int64_t income = *f.avg_income_vnd_month;
    if (income > kMaxPlausibleIncomeVndMonth) {
      warnings.Add("avg_income_vnd_month", "income_too_high", {income, kMaxPlausibleIncomeVndMonth});
    } else if (income > 0 && income < kMinPlausibleIncomeVndMonth) {
      warnings.Add("avg_income_vnd_month", "income_too_low", {income, kMinPlausibleIncomeVndMonth});
    }
  }

  if (Usable(f.revenue_with_members_vnd, f.revenue_vnd) && *f.revenue_with_members_vnd > *f.revenue_vnd) {
    warnings.Add("revenue_with_members_vnd", "revenue_with_members_exceeds_revenue",
                 {*f.revenue_with_members_vnd, *f.revenue_vnd});
  }
  if (f.profit_vnd && f.revenue_vnd && *f.revenue_vnd >= 0 && *f.profit_vnd > *f.revenue_vnd)
    warnings.Add("profit_vnd", "profit_exceeds_revenue", {*f.profit_vnd, *f.revenue_vnd});
  if (f.revenue_vnd && *f.revenue_vnd > kMaxPlausibleRevenueVnd)
    warnings.Add("revenue_vnd", "revenue_implausible", {*f.revenue_vnd, kMaxPlausibleRevenueVnd});
  if (Usable(f.revenue_vnd, f.workers_total) && *f.workers_total > 0) {
    const int64_t per_worker = *f.revenue_vnd / *f.workers_total;
    if (per_worker > kMaxPlausibleRevenuePerWorkerVnd) {
      warnings.Add("revenue_vnd", "revenue_per_worker_implausible",
                   {per_worker, kMaxPlausibleRevenuePerWorkerVnd, *f.revenue_vnd, *f.workers_total});
    }
  }
  return check;
}

}  // namespace hoptac::domain

#include "programmes/progress.h"

#include <algorithm>
#include <cmath>

namespace hoptac::programmes {
namespace {

double Expected(int64_t baseline, int64_t target, Date from, Date to, Date today) {
  if (today > to) return static_cast<double>(target);
  const double total = to.days() - from.days() + 1;
  const double elapsed = std::clamp<double>(today.days() - from.days() + 1, 0, total);
  return static_cast<double>(baseline) + static_cast<double>(target - baseline) * elapsed / total;
}

bool Reached(int64_t actual, int64_t baseline, int64_t target) {
  return target >= baseline ? actual >= target : actual <= target;
}

// The state of one measured window.
State StateOf(int64_t actual, int64_t baseline, int64_t target, double expected, Date to, Date today) {
  if (Reached(actual, baseline, target)) return State::kAchieved;
  if (today > to) return State::kBehind;
  const double sign = target >= baseline ? 1.0 : -1.0;
  const double gain = sign * static_cast<double>(actual - baseline);
  const double expected_gain = sign * (expected - static_cast<double>(baseline));
  // Counts come in whole units, so the expectation is rounded to the nearest one: a target of 1 a
  // year is on track in February with none yet, at risk from the middle of the year.
  if (gain >= std::round(expected_gain)) return State::kOnTrack;
  if (gain >= std::floor(expected_gain / 2 + 1e-9)) return State::kAtRisk;
  return State::kBehind;
}

WindowProgress MeasureWindow(const Target& t, int year, Date from, Date to, Date today, const Measure& measure) {
  WindowProgress w;
  w.year = year;
  w.from = from;
  w.to = to;
  w.target = t.target;
  w.expected = Expected(t.baseline, t.target, from, to, today);
  if (today < from) {
    w.expected = static_cast<double>(t.baseline);
    w.state = State::kNotStarted;
    return w;
  }
  Result<Measured> m = measure(from, std::min(today, to));
  if (!m.ok()) {
    w.state = State::kUnknown;
    w.error = std::move(m).error();
    return w;
  }
  w.actual = m->value;
  w.description = std::move(m->description);
  w.state = StateOf(*w.actual, t.baseline, t.target, w.expected, to, today);
  return w;
}

double Share(int64_t actual, int64_t baseline, int64_t target) {
  if (target == baseline) return Reached(actual, baseline, target) ? 1.0 : 0.0;
  return static_cast<double>(actual - baseline) / static_cast<double>(target - baseline);
}

}  // namespace

const char* StateName(State state) {
  switch (state) {
    case State::kAchieved: return "achieved";
    case State::kOnTrack: return "on_track";
    case State::kAtRisk: return "at_risk";
    case State::kBehind: return "behind";
    case State::kNotStarted: return "not_started";
    case State::kUnknown: return "unknown";
  }
  return "unknown";
}

Progress ComputeProgress(const Target& target, Date programme_from, Date today, const Measure& measure) {
  Progress p;
  p.as_of = today;
  p.baseline = target.baseline;
  const Date start = std::min(programme_from, target.deadline);
  if (target.cadence != "yearly") {
    p.windows.push_back(MeasureWindow(target, 0, start, target.deadline, today, measure));
    const WindowProgress& w = p.windows.back();
    p.state = w.state;
    p.actual = w.actual;
    p.target = target.target;
    p.expected = w.expected;
    if (w.actual) p.share = Share(*w.actual, target.baseline, target.target);
    return p;
  }
  for (int year = start.year(); year <= target.deadline.year(); ++year) {
    const Date from = std::max(start, Date::FromCivil(year, 1, 1));
    const Date to = std::min(target.deadline, Date::FromCivil(year, 12, 31));
    p.windows.push_back(MeasureWindow(target, year, from, to, today, measure));
  }
  const int64_t years = static_cast<int64_t>(p.windows.size());
  p.target = target.target * years;
  bool any_behind = false, any_unknown = false, all_achieved = true, any_started = false;
  std::optional<State> current;
  int64_t sum = 0;
  bool measured = false;
  for (const WindowProgress& w : p.windows) {
    p.expected += w.expected;
    if (w.actual) {
      sum += *w.actual;
      measured = true;
    }
    if (w.state != State::kNotStarted) any_started = true;
    if (w.state != State::kAchieved) all_achieved = false;
    if (w.state == State::kUnknown) any_unknown = true;
    if (w.to < today && w.state == State::kBehind) any_behind = true;
    if (w.from <= today && today <= w.to) current = w.state;
  }
  if (measured) p.actual = sum;
  if (!any_started)
    p.state = State::kNotStarted;
  else if (all_achieved)
    p.state = State::kAchieved;
  else if (any_unknown)
    p.state = State::kUnknown;
  else if (any_behind)
    p.state = State::kBehind;
  else if (current)
    p.state = *current == State::kAchieved ? State::kOnTrack : *current;
  else
    p.state = State::kBehind;  // every year over, one not achieved (caught above when behind)
  // Yearly share: the years achieved of all years.
  int64_t achieved = 0;
  for (const WindowProgress& w : p.windows)
    if (w.state == State::kAchieved) ++achieved;
  p.share = years == 0 ? 0 : static_cast<double>(achieved) / static_cast<double>(years);
  return p;
}

}  // namespace hoptac::programmes

// A target's progress, computed when asked from a measuring function (the service asks the
// indicators registry, or reads the manual values); nothing is stored or precomputed.
//
// Window: a target of cadence "once" is measured over [programme start, deadline]; a yearly
// target over each calendar year of that span (the first and last years cut to it). A window
// is measured up to min(today, its end): stock sources take their number on that day, flow
// sources count what happened in the window so far.
//
// State of a window, with direction up when target >= baseline (down otherwise, "lower is
// better"):
//   achieved     the actual reached the target (>= up, <= down);
//   not_started  today is before the window (nothing is measured);
//   behind       the window is over without reaching the target, or the gain since the
//                baseline is under half of the expected gain (in whole units, rounded down);
//   on_track     the gain is at least the expected gain rounded to a whole unit (a target
//                of 1 a year is on track in February with none yet, at risk from July),
//                expected = baseline + (target − baseline) × days elapsed / days in the
//                window (a straight line, both ends counted);
//   at_risk      between half and all of the expected gain.
// A yearly target: each year as above; overall behind when a finished year is behind, else the
// state of the current year (achieved only when every year is), not_started before the first.
// A window whose measure fails is "unknown" and carries the error; the others still answer.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "programmes/programme.h"

namespace hoptac::programmes {

enum class State : uint8_t { kAchieved, kOnTrack, kAtRisk, kBehind, kNotStarted, kUnknown };
const char* StateName(State state);  // "achieved" | "on_track" | "at_risk" | "behind" | "not_started" | "unknown"

struct Measured {
  int64_t value = 0;
  std::string description;  // what was asked, in words (indicators::Answer::description)
};
using Measure = std::function<Result<Measured>(Date from, Date to)>;

struct WindowProgress {
  int year = 0;  // yearly targets; 0 for "once"
  Date from, to;
  std::optional<int64_t> actual;  // nullopt: not measured (not started, or an error)
  int64_t target = 0;
  double expected = 0;  // by today on the straight line (the target once the window is over)
  State state = State::kNotStarted;
  std::string description;
  std::optional<Error> error;
};

struct Progress {
  Date as_of;  // today
  State state = State::kNotStarted;
  std::optional<int64_t> actual;  // once: the window's; yearly: the sum of the measured years
  int64_t target = 0;             // once: the target; yearly: target × years
  int64_t baseline = 0;
  // Once: the way from baseline to target covered (may exceed 1; 0 when not measured);
  // yearly: the share of the years achieved.
  double share = 0;
  double expected = 0;                  // once: the window's expected value; yearly: the sum of the years'
  std::vector<WindowProgress> windows;  // one for "once", one per year for "yearly"
};

// The progress of `target` of a programme that starts on `programme_from`, today `today`.
Progress ComputeProgress(const Target& target, Date programme_from, Date today, const Measure& measure);

}  // namespace hoptac::programmes

// Status history: the dated events in an entity's life, the rules that make a
// history consistent, and the status the history implies on any date.
//
// The state machine. Before founding an entity does not exist; from founding
// (founded_on, else the date of its `established` event) it is active. Events
// move it between statuses; dissolved, bankrupt and converted are terminal:
//
//   event \ status   active      suspended   stopped     terminal
//   established      —           —           —           —         (only as the first event, see below)
//   suspended        suspended   ✗ already   ✗ stopped   ✗
//   resumed          ✗ not idle  active      active      ✗
//   stopped          stopped     stopped     ✗ already   ✗
//   dissolved        dissolved   dissolved   dissolved   ✗
//   bankrupt         bankrupt    bankrupt    bankrupt    ✗
//   reorganised      active      suspended   ✗ stopped   ✗         (status unchanged)
//   converted        converted   converted   ✗ stopped   ✗
//
// "stopped" (ngừng hoạt động) is not terminal: a stopped entity may resume, or
// be dissolved or declared bankrupt; it cannot be suspended, reorganised or
// converted without resuming first. A suspended entity may stop for good.
// Reorganisation (chia, tách, hợp nhất, sáp nhập) leaves the status unchanged.
// `converted` ends the entity in its kind (a group becoming a cooperative gets
// a new registry entry); converted_to names the new kind when it is one of ours.
//
// `established` may appear at most once, must be the first event, and when
// founded_on is known must fall on it. No event may precede founding. When the
// founding date is unknown (no founded_on and no established event) the entity
// is taken to have existed, active, before its first event.
//
// Events are ordered by date; events on the same day apply in list order
// (suspended and resumed on one day leave it active). ValidateHistory() sorts
// a copy itself (stable, by date) and names events by their position in the
// list it was given; StatusOn() and BuildTimeline() need the sorted list
// (SortEvents()).
//
// Thread-safety: plain values and pure functions; thread-safe.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "registry/entity.h"
#include "text/i18n.h"

namespace hoptac::domain {

enum class EventType : uint8_t {
  kEstablished,
  kSuspended,
  kResumed,
  kStopped,
  kDissolved,
  kBankrupt,
  kReorganised,
  kConverted,
};
inline constexpr EventType kEventTypes[] = {EventType::kEstablished, EventType::kSuspended, EventType::kResumed,
                                            EventType::kStopped,     EventType::kDissolved, EventType::kBankrupt,
                                            EventType::kReorganised, EventType::kConverted};

// "established" | "suspended" | "resumed" | "stopped" | "dissolved" |
// "bankrupt" | "reorganised" | "converted"
const char* EventTypeName(EventType type);
std::optional<EventType> EventTypeFromName(std::string_view name);
// Wire name, label ("Thành lập", "Tạm ngừng hoạt động", "Hoạt động trở lại",
// "Ngừng hoạt động", "Giải thể", "Phá sản", "Tổ chức lại", "Chuyển đổi",
// "Established", …) or a variant ("tạm ngừng", "tái hoạt động", "sáp nhập",
// "hợp nhất", "chia tách", "reorganized", …), ignoring case and diacritics.
std::optional<EventType> ParseEventType(std::string_view text);
const char* EventTypeLabelKey(EventType type);  // "event.established", …
std::string EventTypeLabel(EventType type, i18n::Lang lang);

// The event that puts an entity into `status` (for imports that give a
// current status and its date): suspended → kSuspended, stopped → kStopped,
// dissolved → kDissolved, bankrupt → kBankrupt, converted → kConverted;
// nullopt for active (being active needs no event).
std::optional<EventType> EventEntering(EntityStatus status);

// The status after `type` happens in status `current`, per the table above;
// nullopt when the transition is not allowed. kEstablished is never a
// transition (it is the start, not a change) and yields nullopt.
std::optional<EntityStatus> NextStatus(EntityStatus current, EventType type);

inline constexpr int kMaxEventNoteLength = 1000;

struct StatusEvent {
  Date date;
  EventType type = EventType::kEstablished;
  std::string note;
  std::optional<EntityKind> converted_to;  // only for kConverted, when the new form is one of our kinds

  bool operator==(const StatusEvent&) const = default;
};

// Stable sort by date: events of one day keep their list order.
void SortEvents(std::vector<StatusEvent>& events);

// Ok when the history (in any order; same-day events in list order) follows the
// state machine above. Otherwise a kInvalidArgument error with key
// "error.invalid_history" and one FieldError for the first inconsistent event
// in date order: field "events[i]" (i its 0-based position in `events`), args
// {i + 1, its date as YYYY-MM-DD, …} and one of the codes
//   note_too_long             note longer than kMaxEventNoteLength
//   converted_to_not_allowed  converted_to set on an event other than converted
//   event_before_founding     dated before founding ({2} founding date)
//   established_mismatch      established on another day than founded_on ({2} founded_on)
//   established_twice         a second established event
//   established_not_first     established after another event of its day
//   event_after_dissolved, event_after_bankrupt, event_after_converted
//                             anything after a terminal event ({2} its date)
//   resume_not_idle           resumed while active
//   already_suspended         suspended while suspended
//   suspend_when_stopped      suspended while stopped
//   already_stopped           stopped while stopped
//   change_when_stopped       reorganised or converted while stopped
// (the i18n key is "field." + code).
Status ValidateHistory(std::optional<Date> founded_on, std::vector<StatusEvent> events);

// The status on `date`: nullopt before founding (founded_on, else the
// established event's date), otherwise the result of applying every event
// dated on or before `date`, in order, from active.
// REQUIRES: sorted_events sorted by SortEvents(); a history ValidateHistory()
// accepts (otherwise each event simply sets the status it leads to).
std::optional<EntityStatus> StatusOn(const std::vector<StatusEvent>& sorted_events, std::optional<Date> founded_on,
                                     Date date);

// A history compressed for the analytics index: the days on which the status
// changed and the status from that day on. changes.front() is the founding
// (day kSinceForever when the founding date is unknown, status active unless
// events of the founding day changed it); days strictly increase and
// consecutive statuses differ. 8 bytes per change.
struct StatusTimeline {
  static constexpr int kSinceForever = INT_MIN;

  std::vector<std::pair<int /*days since 1970-01-01*/, EntityStatus>> changes;

  // First day of existence (kSinceForever when unknown).
  int founded_days() const { return changes.empty() ? kSinceForever : changes.front().first; }
  bool ExistsOn(int days) const { return !changes.empty() && days >= changes.front().first; }
  // The status on `days`; kActive when !ExistsOn(days) — check that first.
  EntityStatus At(int days) const;

  bool operator==(const StatusTimeline&) const = default;
};

// The timeline of a history: timeline.At(d.days()) == *StatusOn(events, founded_on, d)
// for every date d on which the entity exists.
// REQUIRES: as StatusOn.
StatusTimeline BuildTimeline(const std::vector<StatusEvent>& sorted_events, std::optional<Date> founded_on);

}  // namespace hoptac::domain

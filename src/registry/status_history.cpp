#include "registry/status_history.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <unordered_map>

namespace hoptac::domain {
namespace {

struct EventInfo {
  EventType type;
  const char* name;
  const char* label_key;
  std::vector<const char*> aliases;
};

const std::vector<EventInfo>& EventTable() {
  static const std::vector<EventInfo> table = {
      {EventType::kEstablished,
       "established",
       "event.established",
       {"establish", "establishment", "founded", "founding", "thành lập mới", "thành lập", "đăng ký thành lập",
        "thành lập HTX", "created"}},
      {EventType::kSuspended,
       "suspended",
       "event.suspended",
       {"suspend", "suspension", "tạm ngừng", "tạm ngưng", "tạm ngưng hoạt động", "tạm dừng", "tạm dừng hoạt động",
        "tạm ngừng kinh doanh"}},
      {EventType::kResumed,
       "resumed",
       "event.resumed",
       {"resume", "resumption", "reactivated", "hoạt động lại", "tái hoạt động", "khôi phục hoạt động",
        "tiếp tục hoạt động", "trở lại hoạt động"}},
      {EventType::kStopped,
       "stopped",
       "event.stopped",
       {"stop", "ceased", "ngừng", "ngưng hoạt động", "dừng hoạt động", "không hoạt động"}},
      {EventType::kDissolved, "dissolved", "event.dissolved", {"dissolve", "dissolution", "đã giải thể"}},
      {EventType::kBankrupt,
       "bankrupt",
       "event.bankrupt",
       {"bankruptcy", "declared bankrupt", "đã phá sản", "tuyên bố phá sản"}},
      {EventType::kReorganised,
       "reorganised",
       "event.reorganised",
       {"reorganized", "reorganisation", "reorganization", "chia", "tách", "chia tách", "hợp nhất", "sáp nhập",
        "merged", "split"}},
      {EventType::kConverted,
       "converted",
       "event.converted",
       {"convert", "conversion", "đã chuyển đổi", "chuyển đổi loại hình"}},
  };
  return table;
}

const EventInfo& InfoOf(EventType type) {
  for (const EventInfo& info : EventTable())
    if (info.type == type) return info;
  return EventTable().back();  // unreachable for defined enumerators
}

// The status an event leads to regardless of where it starts (reorganised
// keeps the current one).
EntityStatus TargetStatus(EntityStatus current, EventType type) {
  switch (type) {
    case EventType::kEstablished: return EntityStatus::kActive;
    case EventType::kSuspended: return EntityStatus::kSuspended;
    case EventType::kResumed: return EntityStatus::kActive;
    case EventType::kStopped: return EntityStatus::kStopped;
    case EventType::kDissolved: return EntityStatus::kDissolved;
    case EventType::kBankrupt: return EntityStatus::kBankrupt;
    case EventType::kReorganised: return current;
    case EventType::kConverted: return EntityStatus::kConverted;
  }
  return current;
}

// The first founding day: founded_on, else the first established event's date.
std::optional<Date> Founding(const std::vector<StatusEvent>& sorted_events, std::optional<Date> founded_on) {
  if (founded_on) return founded_on;
  for (const StatusEvent& event : sorted_events)
    if (event.type == EventType::kEstablished) return event.date;
  return std::nullopt;
}

int CodePoints(std::string_view s) {
  int n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

const char* EventTypeName(EventType type) { return InfoOf(type).name; }

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (const EventInfo& info : EventTable())
    if (name == info.name) return info.type;
  return std::nullopt;
}

std::optional<EventType> ParseEventType(std::string_view text) {
  static const std::unordered_map<std::string, EventType> spellings = [] {
    std::unordered_map<std::string, EventType> map;
    auto add = [&map](std::string_view spelling, EventType type) {
      auto [it, inserted] = map.emplace(MatchKey(spelling), type);
      assert(inserted || it->second == type);  // one spelling, one event
      (void)it;
      (void)inserted;
    };
    for (const EventInfo& info : EventTable()) {
      add(info.name, info.type);
      add(i18n::Translate(i18n::Lang::kVi, info.label_key), info.type);
      add(i18n::Translate(i18n::Lang::kEn, info.label_key), info.type);
      for (const char* alias : info.aliases) add(alias, info.type);
    }
    return map;
  }();
  auto it = spellings.find(MatchKey(text));
  if (it == spellings.end()) return std::nullopt;
  return it->second;
}

const char* EventTypeLabelKey(EventType type) { return InfoOf(type).label_key; }

std::string EventTypeLabel(EventType type, i18n::Lang lang) { return i18n::Translate(lang, EventTypeLabelKey(type)); }

std::optional<EventType> EventEntering(EntityStatus status) {
  switch (status) {
    case EntityStatus::kActive: return std::nullopt;
    case EntityStatus::kSuspended: return EventType::kSuspended;
    case EntityStatus::kStopped: return EventType::kStopped;
    case EntityStatus::kDissolved: return EventType::kDissolved;
    case EntityStatus::kBankrupt: return EventType::kBankrupt;
    case EntityStatus::kConverted: return EventType::kConverted;
  }
  return std::nullopt;
}

std::optional<EntityStatus> NextStatus(EntityStatus current, EventType type) {
  if (IsTerminal(current) || type == EventType::kEstablished) return std::nullopt;
  switch (type) {
    case EventType::kEstablished: return std::nullopt;
    case EventType::kSuspended:
      if (current != EntityStatus::kActive) return std::nullopt;
      break;
    case EventType::kResumed:
      if (current == EntityStatus::kActive) return std::nullopt;
      break;
    case EventType::kStopped:
      if (current == EntityStatus::kStopped) return std::nullopt;
      break;
    case EventType::kDissolved:
    case EventType::kBankrupt: break;
    case EventType::kReorganised:
    case EventType::kConverted:
      if (current == EntityStatus::kStopped) return std::nullopt;
      break;
  }
  return TargetStatus(current, type);
}

void SortEvents(std::vector<StatusEvent>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const StatusEvent& a, const StatusEvent& b) { return a.date < b.date; });
}

Status ValidateHistory(std::optional<Date> founded_on, std::vector<StatusEvent> events) {
  // Walk the events in date order but name them by their given position.
  std::vector<size_t> order(events.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&events](size_t a, size_t b) { return events[a].date < events[b].date; });

  std::optional<Date> founding = founded_on;
  if (!founding) {
    for (size_t i : order) {
      if (events[i].type == EventType::kEstablished) {
        founding = events[i].date;
        break;
      }
    }
  }

  auto fail = [&events](size_t i, const char* code, std::vector<std::string> extra = {}) -> Status {
    std::vector<std::string> args = {std::to_string(i + 1), events[i].date.ToIso()};
    for (std::string& arg : extra) args.push_back(std::move(arg));
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_history");
    error.fields.push_back({"events[" + std::to_string(i) + "]", code, std::string("field.") + code, std::move(args)});
    return error;
  };

  EntityStatus status = EntityStatus::kActive;
  std::optional<Date> terminal_date;
  bool established_seen = false;
  size_t walked = 0;
  for (size_t i : order) {
    const StatusEvent& event = events[i];
    const bool first = walked++ == 0;
    if (CodePoints(event.note) > kMaxEventNoteLength)
      return fail(i, "note_too_long", {std::to_string(kMaxEventNoteLength)});
    if (event.converted_to && event.type != EventType::kConverted) return fail(i, "converted_to_not_allowed");

    if (event.type == EventType::kEstablished) {
      if (established_seen) return fail(i, "established_twice");
      established_seen = true;
      if (founded_on && event.date != *founded_on) return fail(i, "established_mismatch", {founded_on->ToIso()});
      if (!first) return fail(i, "established_not_first");
      continue;
    }
    if (founding && event.date < *founding) return fail(i, "event_before_founding", {founding->ToIso()});
    if (IsTerminal(status)) {
      const char* code = status == EntityStatus::kDissolved  ? "event_after_dissolved"
                         : status == EntityStatus::kBankrupt ? "event_after_bankrupt"
                                                             : "event_after_converted";
      return fail(i, code, {terminal_date->ToIso()});
    }
    std::optional<EntityStatus> next = NextStatus(status, event.type);
    if (!next) {
      switch (event.type) {
        case EventType::kSuspended:
          return fail(i, status == EntityStatus::kSuspended ? "already_suspended" : "suspend_when_stopped");
        case EventType::kResumed: return fail(i, "resume_not_idle");
        case EventType::kStopped: return fail(i, "already_stopped");
        default: return fail(i, "change_when_stopped");
      }
    }
    status = *next;
    if (IsTerminal(status)) terminal_date = event.date;
  }
  return Ok();
}

std::optional<EntityStatus> StatusOn(const std::vector<StatusEvent>& sorted_events, std::optional<Date> founded_on,
                                     Date date) {
  std::optional<Date> founding = Founding(sorted_events, founded_on);
  if (founding && date < *founding) return std::nullopt;
  EntityStatus status = EntityStatus::kActive;
  for (const StatusEvent& event : sorted_events) {
    if (event.date > date) break;
    status = TargetStatus(status, event.type);
  }
  return status;
}

EntityStatus StatusTimeline::At(int days) const {
  auto it = std::upper_bound(changes.begin(), changes.end(), days,
                             [](int d, const std::pair<int, EntityStatus>& change) { return d < change.first; });
  if (it == changes.begin()) return EntityStatus::kActive;
  return std::prev(it)->second;
}

StatusTimeline BuildTimeline(const std::vector<StatusEvent>& sorted_events, std::optional<Date> founded_on) {
  StatusTimeline timeline;
  std::optional<Date> founding = Founding(sorted_events, founded_on);
  auto& changes = timeline.changes;
  changes.emplace_back(founding ? founding->days() : StatusTimeline::kSinceForever, EntityStatus::kActive);
  EntityStatus status = EntityStatus::kActive;
  for (const StatusEvent& event : sorted_events) {
    status = TargetStatus(status, event.type);
    // Events before founding count from the founding day, as StatusOn() does.
    const int day = std::max(event.date.days(), changes.front().first);
    if (changes.back().first == day) {
      changes.back().second = status;
      // The day's events may have undone themselves (suspended and resumed).
      if (changes.size() >= 2 && changes[changes.size() - 2].second == status) changes.pop_back();
    } else if (changes.back().second != status) {
      changes.emplace_back(day, status);
    }
  }
  return timeline;
}

}  // namespace hoptac::domain

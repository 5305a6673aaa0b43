#include "registry/status_history.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/i18n.h"

namespace hoptac::domain {
namespace {

using i18n::Lang;
using ET = EventType;
using ES = EntityStatus;

Date D(const char* iso) { return *Date::ParseIso(iso); }

StatusEvent E(const char* iso, EventType type, std::optional<EntityKind> converted_to = std::nullopt) {
  return StatusEvent{D(iso), type, "", converted_to};
}

// ---- Event types ------------------------------------------------------------------

TEST(DomainStatusHistory, EventNamesAndLabels) {
  struct Case {
    EventType type;
    const char* name;
    const char* vi;
    const char* en;
  } cases[] = {
      {ET::kEstablished, "established", "Thành lập", "Established"},
      {ET::kSuspended, "suspended", "Tạm ngừng hoạt động", "Suspended"},
      {ET::kResumed, "resumed", "Hoạt động trở lại", "Resumed"},
      {ET::kStopped, "stopped", "Ngừng hoạt động", "Stopped"},
      {ET::kDissolved, "dissolved", "Giải thể", "Dissolved"},
      {ET::kBankrupt, "bankrupt", "Phá sản", "Declared bankrupt"},
      {ET::kReorganised, "reorganised", "Tổ chức lại", "Reorganised"},
      {ET::kConverted, "converted", "Chuyển đổi", "Converted"},
  };
  ASSERT_EQ(std::size(cases), std::size(kEventTypes));
  for (const auto& c : cases) {
    EXPECT_STREQ(EventTypeName(c.type), c.name);
    EXPECT_EQ(EventTypeFromName(c.name), c.type);
    EXPECT_EQ(std::string(EventTypeLabelKey(c.type)), std::string("event.") + c.name);
    EXPECT_EQ(EventTypeLabel(c.type, Lang::kVi), c.vi);
    EXPECT_EQ(EventTypeLabel(c.type, Lang::kEn), c.en);
    for (Lang lang : {Lang::kVi, Lang::kEn}) EXPECT_EQ(ParseEventType(EventTypeLabel(c.type, lang)), c.type);
    EXPECT_EQ(ParseEventType(c.name), c.type);
  }
  EXPECT_EQ(EventTypeFromName("Thành lập"), std::nullopt);
}

TEST(DomainStatusHistory, ParsesEventSpellings) {
  struct Case {
    const char* text;
    std::optional<EventType> want;
  } cases[] = {
      {"thành lập", ET::kEstablished},     {"THÀNH LẬP", ET::kEstablished},
      {"thanh lap", ET::kEstablished},     {"Thành lập mới", ET::kEstablished},
      {"founded", ET::kEstablished},       {"tạm ngừng", ET::kSuspended},
      {"Tam ngung", ET::kSuspended},       {"tạm ngừng hoạt động", ET::kSuspended},
      {"Tạm dừng", ET::kSuspended},        {"hoạt động trở lại", ET::kResumed},
      {"hoat dong tro lai", ET::kResumed}, {"Tái hoạt động", ET::kResumed},
      {"Hoạt động lại", ET::kResumed},     {"RESUMED", ET::kResumed},
      {"ngừng hoạt động", ET::kStopped},   {"ngung hoat dong", ET::kStopped},
      {"Ngưng hoạt động", ET::kStopped},   {"giải thể", ET::kDissolved},
      {"Giai the", ET::kDissolved},        {"dissolution", ET::kDissolved},
      {"phá sản", ET::kBankrupt},          {"PHA SAN", ET::kBankrupt},
      {"bankrupt", ET::kBankrupt},         {"tổ chức lại", ET::kReorganised},
      {"to chuc lai", ET::kReorganised},   {"Sáp nhập", ET::kReorganised},
      {"hợp nhất", ET::kReorganised},      {"Chia, tách", ET::kReorganised},
      {"reorganized", ET::kReorganised},   {"chuyển đổi", ET::kConverted},
      {"chuyen doi", ET::kConverted},      {"", std::nullopt},
      {"đóng cửa", std::nullopt},          {"active", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseEventType(c.text), c.want) << c.text;
}

TEST(DomainStatusHistory, EventEntering) {
  EXPECT_EQ(EventEntering(ES::kActive), std::nullopt);
  EXPECT_EQ(EventEntering(ES::kSuspended), ET::kSuspended);
  EXPECT_EQ(EventEntering(ES::kStopped), ET::kStopped);
  EXPECT_EQ(EventEntering(ES::kDissolved), ET::kDissolved);
  EXPECT_EQ(EventEntering(ES::kBankrupt), ET::kBankrupt);
  EXPECT_EQ(EventEntering(ES::kConverted), ET::kConverted);
  // The event entering a status leads into it from active.
  for (EntityStatus status : kEntityStatuses)
    if (auto type = EventEntering(status)) {
      EXPECT_EQ(NextStatus(ES::kActive, *type), status);
    }
}

// The whole transition table of the header.
TEST(DomainStatusHistory, TransitionTable) {
  const std::optional<ES> x = std::nullopt;
  struct Row {
    EventType type;
    std::optional<ES> from_active, from_suspended, from_stopped;
  } rows[] = {
      {ET::kEstablished, x, x, x},
      {ET::kSuspended, ES::kSuspended, x, x},
      {ET::kResumed, x, ES::kActive, ES::kActive},
      {ET::kStopped, ES::kStopped, ES::kStopped, x},
      {ET::kDissolved, ES::kDissolved, ES::kDissolved, ES::kDissolved},
      {ET::kBankrupt, ES::kBankrupt, ES::kBankrupt, ES::kBankrupt},
      {ET::kReorganised, ES::kActive, ES::kSuspended, x},
      {ET::kConverted, ES::kConverted, ES::kConverted, x},
  };
  ASSERT_EQ(std::size(rows), std::size(kEventTypes));
  for (const auto& row : rows) {
    EXPECT_EQ(NextStatus(ES::kActive, row.type), row.from_active) << EventTypeName(row.type);
    EXPECT_EQ(NextStatus(ES::kSuspended, row.type), row.from_suspended) << EventTypeName(row.type);
    EXPECT_EQ(NextStatus(ES::kStopped, row.type), row.from_stopped) << EventTypeName(row.type);
    for (ES terminal : {ES::kDissolved, ES::kBankrupt, ES::kConverted})
      EXPECT_EQ(NextStatus(terminal, row.type), std::nullopt) << EventTypeName(row.type);
  }
}

// ---- ValidateHistory ------------------------------------------------------------------

TEST(DomainStatusHistory, AcceptsConsistentHistories) {
  struct Case {
    const char* what;
    std::optional<Date> founded_on;
    std::vector<StatusEvent> events;
  } cases[] = {
      {"nothing", std::nullopt, {}},
      {"founded, no events", D("2015-03-20"), {}},
      {"established on the founding day", D("2015-03-20"), {E("2015-03-20", ET::kEstablished)}},
      {"established without founded_on", std::nullopt, {E("2015-03-20", ET::kEstablished)}},
      {"a full life",
       D("2015-03-20"),
       {E("2015-03-20", ET::kEstablished), E("2017-01-10", ET::kSuspended), E("2017-07-10", ET::kResumed),
        E("2019-05-01", ET::kReorganised), E("2020-02-01", ET::kStopped), E("2021-02-01", ET::kResumed),
        E("2022-02-01", ET::kSuspended), E("2022-08-01", ET::kStopped), E("2023-12-31", ET::kDissolved)}},
      {"events given out of order",
       D("2015-03-20"),
       {E("2023-12-31", ET::kDissolved), E("2017-01-10", ET::kSuspended), E("2017-07-10", ET::kResumed)}},
      {"suspended and resumed on one day",
       D("2015-03-20"),
       {E("2016-01-01", ET::kSuspended), E("2016-01-01", ET::kResumed)}},
      {"events on the founding day",
       D("2015-03-20"),
       {E("2015-03-20", ET::kEstablished), E("2015-03-20", ET::kSuspended)}},
      {"event on the founding day without established", D("2015-03-20"), {E("2015-03-20", ET::kStopped)}},
      {"stopped then bankrupt", D("2015-03-20"), {E("2018-01-01", ET::kStopped), E("2019-01-01", ET::kBankrupt)}},
      {"suspended then dissolved", D("2015-03-20"), {E("2018-01-01", ET::kSuspended), E("2019-01-01", ET::kDissolved)}},
      {"reorganised while suspended",
       D("2015-03-20"),
       {E("2018-01-01", ET::kSuspended), E("2018-06-01", ET::kReorganised)}},
      {"converted into a cooperative", D("2015-03-20"), {E("2020-01-01", ET::kConverted, EntityKind::kCooperative)}},
      {"converted into something else", D("2015-03-20"), {E("2020-01-01", ET::kConverted)}},
      {"unknown founding, history only", std::nullopt, {E("2018-01-01", ET::kStopped), E("2019-01-01", ET::kResumed)}},
  };
  for (const auto& c : cases) {
    Status status = ValidateHistory(c.founded_on, c.events);
    EXPECT_TRUE(status.ok()) << c.what << ": " << (status.ok() ? "" : status.error().fields[0].code);
  }
}

TEST(DomainStatusHistory, RejectsInconsistentHistoriesNamingTheEvent) {
  struct Case {
    const char* what;
    std::optional<Date> founded_on;
    std::vector<StatusEvent> events;
    const char* field;
    const char* code;
    std::vector<std::string> args;
  } cases[] = {
      {"an event before founding",
       D("2015-03-20"),
       {E("2015-03-19", ET::kSuspended)},
       "events[0]",
       "event_before_founding",
       {"1", "2015-03-19", "2015-03-20"}},
      {"an event before the established event",
       std::nullopt,
       {E("2015-03-20", ET::kEstablished), E("2014-01-01", ET::kStopped)},
       "events[1]",
       "event_before_founding",
       {"2", "2014-01-01", "2015-03-20"}},
      {"established twice",
       D("2015-03-20"),
       {E("2015-03-20", ET::kEstablished), E("2016-01-01", ET::kEstablished)},
       "events[1]",
       "established_twice",
       {"2", "2016-01-01"}},
      {"established twice without founded_on",
       std::nullopt,
       {E("2016-01-01", ET::kEstablished), E("2015-03-20", ET::kEstablished)},
       "events[0]",
       "established_twice",
       {"1", "2016-01-01"}},
      {"established on another day",
       D("2015-03-20"),
       {E("2015-04-01", ET::kEstablished)},
       "events[0]",
       "established_mismatch",
       {"1", "2015-04-01", "2015-03-20"}},
      {"established after another event of its day",
       D("2015-03-20"),
       {E("2015-03-20", ET::kSuspended), E("2015-03-20", ET::kEstablished)},
       "events[1]",
       "established_not_first",
       {"2", "2015-03-20"}},
      {"activity after dissolution",
       D("2015-03-20"),
       {E("2020-01-01", ET::kDissolved), E("2021-01-01", ET::kResumed)},
       "events[1]",
       "event_after_dissolved",
       {"2", "2021-01-01", "2020-01-01"}},
      {"dissolved twice",
       D("2015-03-20"),
       {E("2020-01-01", ET::kDissolved), E("2020-01-01", ET::kDissolved)},
       "events[1]",
       "event_after_dissolved",
       {"2", "2020-01-01", "2020-01-01"}},
      {"stopped after bankruptcy",
       D("2015-03-20"),
       {E("2020-01-01", ET::kBankrupt), E("2020-05-01", ET::kStopped)},
       "events[1]",
       "event_after_bankrupt",
       {"2", "2020-05-01", "2020-01-01"}},
      {"dissolved after conversion",
       D("2015-03-20"),
       {E("2020-01-01", ET::kConverted), E("2021-01-01", ET::kDissolved)},
       "events[1]",
       "event_after_converted",
       {"2", "2021-01-01", "2020-01-01"}},
      {"reorganised after dissolution (given first)",
       D("2015-03-20"),
       {E("2022-01-01", ET::kReorganised), E("2020-01-01", ET::kDissolved)},
       "events[0]",
       "event_after_dissolved",
       {"1", "2022-01-01", "2020-01-01"}},
      {"resumed while active",
       D("2015-03-20"),
       {E("2016-01-01", ET::kResumed)},
       "events[0]",
       "resume_not_idle",
       {"1", "2016-01-01"}},
      {"resumed twice",
       D("2015-03-20"),
       {E("2016-01-01", ET::kSuspended), E("2016-02-01", ET::kResumed), E("2016-03-01", ET::kResumed)},
       "events[2]",
       "resume_not_idle",
       {"3", "2016-03-01"}},
      {"suspended twice",
       D("2015-03-20"),
       {E("2016-01-01", ET::kSuspended), E("2016-02-01", ET::kSuspended)},
       "events[1]",
       "already_suspended",
       {"2", "2016-02-01"}},
      {"suspended while stopped",
       D("2015-03-20"),
       {E("2016-01-01", ET::kStopped), E("2016-02-01", ET::kSuspended)},
       "events[1]",
       "suspend_when_stopped",
       {"2", "2016-02-01"}},
      {"stopped twice",
       D("2015-03-20"),
       {E("2016-01-01", ET::kStopped), E("2016-02-01", ET::kStopped)},
       "events[1]",
       "already_stopped",
       {"2", "2016-02-01"}},
      {"reorganised while stopped",
       D("2015-03-20"),
       {E("2016-01-01", ET::kStopped), E("2016-02-01", ET::kReorganised)},
       "events[1]",
       "change_when_stopped",
       {"2", "2016-02-01"}},
      {"converted while stopped",
       D("2015-03-20"),
       {E("2016-01-01", ET::kStopped), E("2016-02-01", ET::kConverted)},
       "events[1]",
       "change_when_stopped",
       {"2", "2016-02-01"}},
      {"converted_to on a suspension",
       D("2015-03-20"),
       {E("2016-01-01", ET::kSuspended, EntityKind::kCooperative)},
       "events[0]",
       "converted_to_not_allowed",
       {"1", "2016-01-01"}},
      {"same-day order matters: resumed before suspended",
       D("2015-03-20"),
       {E("2016-01-01", ET::kResumed), E("2016-01-01", ET::kSuspended)},
       "events[0]",
       "resume_not_idle",
       {"1", "2016-01-01"}},
      {"the first inconsistency in date order wins",
       D("2015-03-20"),
       {E("2019-01-01", ET::kResumed), E("2016-01-01", ET::kStopped), E("2017-01-01", ET::kStopped)},
       "events[2]",
       "already_stopped",
       {"3", "2017-01-01"}},
  };
  for (const auto& c : cases) {
    Status status = ValidateHistory(c.founded_on, c.events);
    ASSERT_FALSE(status.ok()) << c.what;
    const Error& error = status.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(error.key, "error.invalid_history") << c.what;
    ASSERT_EQ(error.fields.size(), 1u) << c.what;
    EXPECT_EQ(error.fields[0].field, c.field) << c.what;
    EXPECT_EQ(error.fields[0].code, c.code) << c.what;
    EXPECT_EQ(error.fields[0].key, std::string("field.") + c.code) << c.what;
    EXPECT_EQ(error.fields[0].args, c.args) << c.what;
    for (Lang lang : {Lang::kVi, Lang::kEn}) {
      EXPECT_TRUE(i18n::HasKey(lang, error.key));
      EXPECT_TRUE(i18n::HasKey(lang, error.fields[0].key)) << error.fields[0].key;
    }
  }
}

TEST(DomainStatusHistory, ErrorMessagesReadWell) {
  Status status = ValidateHistory(D("2015-03-20"), {E("2020-01-01", ET::kDissolved), E("2021-01-01", ET::kResumed)});
  ASSERT_FALSE(status.ok());
  const FieldError& f = status.error().fields[0];
  EXPECT_EQ(i18n::Translate(Lang::kVi, f.key, f.args),
            "Sự kiện thứ 2 (ngày 2021-01-01) xảy ra sau khi tổ chức đã giải thể ngày 2020-01-01.");
  EXPECT_EQ(i18n::Translate(Lang::kEn, f.key, f.args),
            "Event 2 (2021-01-01) comes after the dissolution on 2020-01-01.");
}

TEST(DomainStatusHistory, NoteLength) {
  StatusEvent event = E("2016-01-01", ET::kSuspended);
  event.note.clear();
  for (int i = 0; i < kMaxEventNoteLength; ++i) event.note += "ữ";
  EXPECT_TRUE(ValidateHistory(D("2015-03-20"), {event}).ok());
  event.note += "a";
  Status status = ValidateHistory(D("2015-03-20"), {event});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().fields[0].code, "note_too_long");
  EXPECT_EQ(status.error().fields[0].args, (std::vector<std::string>{"1", "2016-01-01", "1000"}));
}

// ---- StatusOn ------------------------------------------------------------------------------

TEST(DomainStatusHistory, StatusOnAroundBoundaries) {
  std::vector<StatusEvent> events = {
      E("2015-03-20", ET::kEstablished), E("2017-01-10", ET::kSuspended), E("2017-07-10", ET::kResumed),
      E("2019-05-01", ET::kReorganised), E("2020-02-01", ET::kStopped),   E("2021-02-01", ET::kResumed),
      E("2022-02-01", ET::kSuspended),   E("2022-02-01", ET::kResumed),   E("2022-02-01", ET::kStopped),
      E("2023-12-31", ET::kDissolved),
  };
  ASSERT_TRUE(ValidateHistory(D("2015-03-20"), events).ok());
  SortEvents(events);
  struct Case {
    const char* date;
    std::optional<ES> want;
  } cases[] = {
      {"1990-01-01", std::nullopt}, {"2015-03-19", std::nullopt},   {"2015-03-20", ES::kActive},
      {"2017-01-09", ES::kActive},  {"2017-01-10", ES::kSuspended}, {"2017-07-09", ES::kSuspended},
      {"2017-07-10", ES::kActive},  {"2019-05-01", ES::kActive},    {"2020-01-31", ES::kActive},
      {"2020-02-01", ES::kStopped}, {"2021-01-31", ES::kStopped},   {"2021-02-01", ES::kActive},
      {"2022-01-31", ES::kActive},  {"2022-02-01", ES::kStopped},  // three events that day, last wins
      {"2023-12-30", ES::kStopped}, {"2023-12-31", ES::kDissolved}, {"2099-01-01", ES::kDissolved},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(StatusOn(events, D("2015-03-20"), D(c.date)), c.want) << c.date;
    // Without founded_on the established event founds it.
    EXPECT_EQ(StatusOn(events, std::nullopt, D(c.date)), c.want) << c.date;
  }
}

TEST(DomainStatusHistory, StatusOnSameDayEventsApplyInListOrder) {
  std::vector<StatusEvent> undone = {E("2016-01-01", ET::kSuspended), E("2016-01-01", ET::kResumed)};
  EXPECT_EQ(StatusOn(undone, D("2015-01-01"), D("2015-12-31")), ES::kActive);
  EXPECT_EQ(StatusOn(undone, D("2015-01-01"), D("2016-01-01")), ES::kActive);
  std::vector<StatusEvent> founded_suspended = {E("2015-01-01", ET::kEstablished), E("2015-01-01", ET::kSuspended)};
  EXPECT_EQ(StatusOn(founded_suspended, std::nullopt, D("2014-12-31")), std::nullopt);
  EXPECT_EQ(StatusOn(founded_suspended, std::nullopt, D("2015-01-01")), ES::kSuspended);
}

TEST(DomainStatusHistory, StatusOnWithUnknownFounding) {
  std::vector<StatusEvent> events = {E("2018-01-01", ET::kStopped)};
  EXPECT_EQ(StatusOn(events, std::nullopt, D("1950-01-01")), ES::kActive);  // assumed to exist
  EXPECT_EQ(StatusOn(events, std::nullopt, D("2017-12-31")), ES::kActive);
  EXPECT_EQ(StatusOn(events, std::nullopt, D("2018-01-01")), ES::kStopped);
  EXPECT_EQ(StatusOn({}, std::nullopt, D("2000-01-01")), ES::kActive);
  EXPECT_EQ(StatusOn({}, D("2001-01-01"), D("2000-12-31")), std::nullopt);
  EXPECT_EQ(StatusOn({}, D("2001-01-01"), D("2001-01-01")), ES::kActive);
}

TEST(DomainStatusHistory, SortEventsIsStable) {
  std::vector<StatusEvent> events = {E("2020-01-01", ET::kStopped), E("2016-01-01", ET::kSuspended),
                                     E("2016-01-01", ET::kResumed), E("2015-01-01", ET::kEstablished)};
  SortEvents(events);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type, ET::kEstablished);
  EXPECT_EQ(events[1].type, ET::kSuspended);
  EXPECT_EQ(events[2].type, ET::kResumed);
  EXPECT_EQ(events[3].type, ET::kStopped);
}

// ---- StatusTimeline ----------------------------------------------------------------------------

TEST(DomainStatusHistory, TimelineIsCompact) {
  std::vector<StatusEvent> events = {
      E("2015-03-20", ET::kEstablished), E("2015-03-20", ET::kSuspended),
      E("2016-01-01", ET::kResumed),     E("2017-01-01", ET::kReorganised),  // no change
      E("2018-01-01", ET::kSuspended),   E("2018-01-01", ET::kResumed),      // undone the same day
      E("2019-01-01", ET::kStopped),     E("2020-01-01", ET::kDissolved),
  };
  ASSERT_TRUE(ValidateHistory(D("2015-03-20"), events).ok());
  StatusTimeline timeline = BuildTimeline(events, D("2015-03-20"));
  using Change = std::pair<int, ES>;
  EXPECT_EQ(timeline.changes, (std::vector<Change>{{D("2015-03-20").days(), ES::kSuspended},
                                                   {D("2016-01-01").days(), ES::kActive},
                                                   {D("2019-01-01").days(), ES::kStopped},
                                                   {D("2020-01-01").days(), ES::kDissolved}}));
  EXPECT_EQ(timeline.founded_days(), D("2015-03-20").days());
  EXPECT_FALSE(timeline.ExistsOn(D("2015-03-19").days()));
  EXPECT_TRUE(timeline.ExistsOn(D("2015-03-20").days()));
  EXPECT_EQ(timeline.At(D("2015-03-19").days()), ES::kActive);  // documented value before founding
  EXPECT_EQ(sizeof(timeline.changes[0]), 8u);

  StatusTimeline unknown = BuildTimeline({E("2018-01-01", ET::kStopped)}, std::nullopt);
  EXPECT_EQ(unknown.changes, (std::vector<Change>{{StatusTimeline::kSinceForever, ES::kActive},
                                                  {D("2018-01-01").days(), ES::kStopped}}));
  EXPECT_TRUE(unknown.ExistsOn(D("1900-01-01").days()));
  EXPECT_EQ(unknown.At(D("2017-12-31").days()), ES::kActive);
  EXPECT_EQ(unknown.At(D("2018-01-01").days()), ES::kStopped);

  StatusTimeline quiet = BuildTimeline({}, D("2001-01-01"));
  EXPECT_EQ(quiet.changes, (std::vector<Change>{{D("2001-01-01").days(), ES::kActive}}));
}

// Random consistent histories: ValidateHistory accepts what the state machine
// allows, rejects one more event the machine forbids, and the timeline agrees
// with StatusOn on every day.
TEST(DomainStatusHistory, RandomHistoriesAgreeWithTheStateMachine) {
  std::mt19937 rng(20250701);
  const Date start = D("2010-01-01");
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 400; ++round) {
    std::uniform_int_distribution<int> day_step(0, 400), pick(0, static_cast<int>(std::size(kEventTypes)) - 1);
    const bool has_founded_on = round % 3 != 0;
    const bool has_established = round % 2 == 0;
    std::optional<Date> founded_on;
    if (has_founded_on) founded_on = start;
    std::vector<StatusEvent> events;
    if (has_established) events.push_back({start, ET::kEstablished, "", std::nullopt});
    ES status = ES::kActive;
    int day = start.days();
    const int length = std::uniform_int_distribution<int>(0, 10)(rng);
    for (int i = 0; i < length && !IsTerminal(status); ++i) {
      // Pick an allowed event (same-day steps included).
      for (int tries = 0; tries < 50; ++tries) {
        EventType type = kEventTypes[pick(rng)];
        if (auto next = NextStatus(status, type)) {
          day += day_step(rng);
          events.push_back({Date::FromDays(day), type, "", std::nullopt});
          status = *next;
          break;
        }
      }
    }
    Status status_ok = ValidateHistory(founded_on, events);
    ASSERT_TRUE(status_ok.ok()) << round << ": " << status_ok.error().fields[0].code;
    ++accepted;

    std::vector<StatusEvent> sorted = events;
    SortEvents(sorted);
    StatusTimeline timeline = BuildTimeline(sorted, founded_on);
    for (int d = start.days() - 3; d <= day + 3; ++d) {
      auto want = StatusOn(sorted, founded_on, Date::FromDays(d));
      EXPECT_EQ(timeline.ExistsOn(d), want.has_value()) << round << " day " << d;
      if (want) {
        EXPECT_EQ(timeline.At(d), *want) << round << " day " << d;
      }
    }
    EXPECT_EQ(timeline.At(day + 1000), status);

    // One forbidden event after the last one is rejected, named by its position.
    for (EventType type : kEventTypes) {
      if (type == ET::kEstablished || NextStatus(status, type)) continue;
      std::vector<StatusEvent> bad = events;
      bad.push_back({Date::FromDays(day + 1), type, "", std::nullopt});
      Status s = ValidateHistory(founded_on, bad);
      ASSERT_FALSE(s.ok()) << round << " " << EventTypeName(type);
      EXPECT_EQ(s.error().fields[0].field, "events[" + std::to_string(bad.size() - 1) + "]");
      ++rejected;
    }
  }
  EXPECT_EQ(accepted, 400);
  EXPECT_GT(rejected, 400);
}

}  // namespace
}  // namespace hoptac::domain

// A survey campaign and the figures of its results: the model only (no I/O), so the rules —
// the campaign's status on a date, the satisfaction index, the distributions and the
// suppression of small groups — are unit-tested without a database.
//
// Satisfaction index: per response, the mean m of its Likert answers (1–5); the response's
// score is (m − 1) / 4 × 100; the index of a group is the mean of its responses' scores, with the
// number of responses that had a Likert answer. A group below the national level (a province,
// whatever a province account reads) with fewer than kMinGroup responses is withheld: its
// figures are not shown.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "surveys/questionnaire.h"

namespace hoptac::surveys {

inline constexpr int kMinGroup = 3;

enum class CampaignStatus { kScheduled, kOpen, kClosed };
const char* CampaignStatusName(CampaignStatus status);  // "scheduled" | "open" | "closed"
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view name);
inline constexpr std::array<std::string_view, 3> kCampaignStatuses = {"scheduled", "open", "closed"};

struct Campaign {
  int64_t id = 0;
  int64_t questionnaire_id = 0;
  Text title;
  int year = 0;
  Date opens_on, closes_on;
  std::optional<int64_t> closed_early_at_ms;  // closed before closes_on
  std::string scope_province;                 // a current province code; "" the whole country
  std::vector<std::string> scope_kinds;       // entity kinds' wire names; empty any
  std::vector<std::string> scope_sectors;     // sectors' wire names; empty any
  std::string created_by;
  int64_t created_at_ms = 0;
  // Read with the campaign (not columns of its row).
  int64_t targets = 0;
  int64_t responses = 0;
};

// The status on `today`: closed early, or after closes_on: closed; before opens_on: scheduled.
CampaignStatus StatusOn(const Campaign& c, Date today);
// The day it closed: closes_on, or the day it was closed early (Vietnam's time).
Date ClosedOn(const Campaign& c);
// responses / targets (0 without targets).
double ResponseRate(int64_t responses, int64_t targets);

// The score of one response, 0–100: nullopt when it answered no Likert question.
std::optional<double> ResponseScore(const Questionnaire& q, const Answers& answers);

struct IndexFigure {
  std::optional<double> index;  // nullopt without scores (or withheld)
  int64_t responses = 0;        // the scores counted
  bool withheld = false;
};
// The mean of the scores; withheld (index nullopt) when `below_national` and fewer than
// kMinGroup responses in the group (`group_responses`).
IndexFigure SatisfactionIndex(const std::vector<double>& scores, int64_t group_responses, bool below_national);

// Whether a group's figures are withheld.
inline bool Withheld(int64_t responses, bool below_national) { return below_national && responses < kMinGroup; }

struct ChoiceCount {
  std::string choice;
  Text label;
  int64_t count = 0;
};
struct NumberSummary {
  int64_t count = 0;
  double mean = 0, median = 0, min = 0, max = 0;
};
struct QuestionResult {
  const Section* section = nullptr;
  const Question* question = nullptr;
  int64_t answered = 0;
  bool withheld = false;
  std::vector<ChoiceCount> distribution;  // likert, single, multiple, yes_no: every choice, in order
  std::optional<double> mean;             // likert, integer, decimal
  std::optional<NumberSummary> numbers;   // integer, decimal
  std::optional<int64_t> texts;           // text, long_text: answers given
};
// Per answerable question, the figures of these responses; every figure withheld (empty
// distribution, nullopt) when Withheld(responses.size(), below_national).
std::vector<QuestionResult> Summarise(const Questionnaire& q, const std::vector<const Answers*>& responses,
                                      bool below_national);

// The median of `values` (sorted here); 0 for none.
double Median(std::vector<double> values);

}  // namespace hoptac::surveys

#include "surveys/campaign.h"

#include <algorithm>

namespace hoptac::surveys {
namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;
}  // namespace

const char* CampaignStatusName(CampaignStatus status) {
  switch (status) {
    case CampaignStatus::kScheduled: return "scheduled";
    case CampaignStatus::kOpen: return "open";
    case CampaignStatus::kClosed: return "closed";
  }
  return "closed";
}

std::optional<CampaignStatus> ParseCampaignStatus(std::string_view name) {
  for (CampaignStatus s : {CampaignStatus::kScheduled, CampaignStatus::kOpen, CampaignStatus::kClosed})
    if (name == CampaignStatusName(s)) return s;
  return std::nullopt;
}

Date ClosedOn(const Campaign& c) {
  if (c.closed_early_at_ms) {
    Date d = Date::FromDays(static_cast<int>((*c.closed_early_at_ms + kVietnamOffsetMs) / kDayMs));
    return std::min(d, c.closes_on);
  }
  return c.closes_on;
}

CampaignStatus StatusOn(const Campaign& c, Date today) {
  if (c.closed_early_at_ms || today > c.closes_on) return CampaignStatus::kClosed;
  if (today < c.opens_on) return CampaignStatus::kScheduled;
  return CampaignStatus::kOpen;
}

double ResponseRate(int64_t responses, int64_t targets) {
  return targets > 0 ? static_cast<double>(responses) / static_cast<double>(targets) : 0.0;
}

std::optional<double> ResponseScore(const Questionnaire& q, const Answers& answers) {
  double sum = 0;
  int n = 0;
  for (const QuestionRef& ref : Questions(q)) {
    if (ref.question->type != QuestionType::kLikert) continue;
    auto found = answers.find(ref.question->name);
    if (found == answers.end()) continue;
    const double* v = std::get_if<double>(&found->second);
    if (!v || *v < 1 || *v > 5) continue;
    sum += *v;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return (sum / n - 1.0) / 4.0 * 100.0;
}

IndexFigure SatisfactionIndex(const std::vector<double>& scores, int64_t group_responses, bool below_national) {
  IndexFigure f;
  f.withheld = Withheld(group_responses, below_national);
  if (f.withheld) return f;
  f.responses = static_cast<int64_t>(scores.size());
  if (scores.empty()) return f;
  double sum = 0;
  for (double s : scores) sum += s;
  f.index = sum / static_cast<double>(scores.size());
  return f;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::vector<QuestionResult> Summarise(const Questionnaire& q, const std::vector<const Answers*>& responses,
                                      bool below_national) {
  std::vector<QuestionResult> out;
  const bool withheld = Withheld(static_cast<int64_t>(responses.size()), below_national);
  for (const QuestionRef& ref : Questions(q)) {
    const Question& question = *ref.question;
    if (question.type == QuestionType::kNote) continue;
    QuestionResult r;
    r.section = ref.section;
    r.question = ref.question;
    r.withheld = withheld;
    const bool choices = question.type == QuestionType::kLikert || question.type == QuestionType::kSingle ||
                         question.type == QuestionType::kMultiple || question.type == QuestionType::kYesNo;
    const bool number = question.type == QuestionType::kInteger || question.type == QuestionType::kDecimal;
    const bool text = question.type == QuestionType::kText || question.type == QuestionType::kLongText;
    if (withheld) {
      out.push_back(std::move(r));
      continue;
    }
    if (choices)
      for (const Choice& c : question.choices) r.distribution.push_back({c.name, c.label, 0});
    std::vector<double> values;
    int64_t texts = 0;
    for (const Answers* answers : responses) {
      auto found = answers->find(question.name);
      if (found == answers->end()) continue;
      ++r.answered;
      const Value& v = found->second;
      auto count = [&](const std::string& name) {
        for (ChoiceCount& c : r.distribution)
          if (c.choice == name) ++c.count;
      };
      if (const double* d = std::get_if<double>(&v)) {
        values.push_back(*d);
        if (question.type == QuestionType::kLikert) {
          std::string name = std::to_string(static_cast<int>(*d));
          count(name);
        }
      } else if (const std::string* s = std::get_if<std::string>(&v)) {
        if (choices) count(*s);
        if (text) ++texts;
      } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
        for (const std::string& s : *list) count(s);
      }
    }
    if ((question.type == QuestionType::kLikert || number) && !values.empty()) {
      double sum = 0;
      for (double d : values) sum += d;
      r.mean = sum / static_cast<double>(values.size());
    }
    if (number) {
      NumberSummary n;
      n.count = static_cast<int64_t>(values.size());
      if (!values.empty()) {
        n.mean = *r.mean;
        n.min = *std::min_element(values.begin(), values.end());
        n.max = *std::max_element(values.begin(), values.end());
        n.median = Median(values);
      }
      r.numbers = n;
    }
    if (text) r.texts = texts;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace hoptac::surveys

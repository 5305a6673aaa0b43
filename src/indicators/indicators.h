// Indicators: the one way to compute a number from live data.
//
// A capability that can count or sum something registers a *source* here under a
// dotted name ("registry.entities", later "fund.loans", "activities.participants"…).
// Whoever needs a number — a report's prefill, a programme target's progress,
// completeness, a dashboard — asks this registry a Question and never includes the
// headers of the capability that owns the rows. That is the dependency inversion that
// keeps capabilities apart (DESIGN.md §4): kernel ← indicators ← capabilities.
//
// A question names a source, a measure of that source, filters in the source's own
// vocabulary (the registry's are the statistics API's names and spellings: kind=…,
// status=active,suspended, women_managed=true …), a window and a province. Stock sources
// take their number as of `to`; flow sources count what happened in [from, to]. Nothing
// is precomputed: every answer is read from live data when asked.
//
// Scope: a province-bound principal may ask only about its own province; national
// principals and the command line about any province or the whole country; partners,
// cooperatives and anonymous callers get the answers a source gives the public (the
// registry's figures then go through disclosure control). Errors (kInvalidArgument unless
// said): "error.indicator_unknown_source" naming the source and the known ones, the
// source's own errors for a measure or filter (one FieldError per bad name), and
// "error.indicator_out_of_scope" (kPermissionDenied) for a province outside the scope.
//
// Thread-safety: sources are added while the system is built, before any question;
// afterwards Registry is read-only and Ask is thread-safe when every source's is.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.h"
#include "base/date.h"
#include "base/result.h"

namespace hoptac::indicators {

// Filters by name, in the source's vocabulary; values as text (lists comma-separated).
using Filters = std::vector<std::pair<std::string, std::string>>;

// Who the answer is for: officials get exact numbers, the public what a source publishes.
enum class Audience : uint8_t { kPublic, kOfficial };

// The definition of a number, without its window and province: what a report form's
// prefill or a programme's target stores.
struct Definition {
  std::string source;   // "registry.entities"
  std::string measure;  // "count", "members_total", "established" …
  Filters filters;

  bool operator==(const Definition&) const = default;
};

struct Question {
  Definition definition;
  Date from;                                // flows: first day counted; stocks: ignored
  Date to;                                  // stocks: the date the number is taken on; flows: last day counted
  std::string province;                     // a current province code; empty: the whole country
  Audience audience = Audience::kOfficial;  // set by Registry::Ask from the principal
};

struct Answer {
  int64_t value = 0;
  int64_t contributors = 0;  // entities (or records) that contributed to the value
  bool exact = true;         // false when the source perturbed it for the public
  bool withheld = false;     // true when the source withheld it for the public (value 0)
  // What was asked, in words a reader can check ("registry.entities: count where
  // kind=cooperative, status=active,suspended,stopped; province 20; as of 2023-09-30").
  std::string description;
};

// A source of numbers. Implementations live in the capability that owns the data.
class Source {
 public:
  virtual ~Source() = default;
  // The measures it answers, for errors and documentation.
  virtual std::vector<std::string> Measures() const = 0;
  // Checks a definition's measure and filters without answering (a form being saved).
  virtual Status Check(const Definition& definition) const = 0;
  // REQUIRES: question.definition.source is this source's name; from <= to for flows.
  virtual Result<Answer> Ask(const Question& question) const = 0;
};

class Registry {
 public:
  // REQUIRES: `name` not added before; called before any question.
  void Add(std::string name, std::shared_ptr<const Source> source);

  // The names of every source, sorted.
  std::vector<std::string> SourceNames() const;
  // nullptr when unknown.
  const Source* Find(std::string_view name) const;

  // Checks that the source exists and accepts the measure and filters.
  Status Check(const Definition& definition) const;

  // Answers `question` for `principal`: checks the scope (a province-bound principal only
  // for its province, which an empty province means), sets the audience, and asks the
  // source. `question.province` is filled in for a province-bound principal who left it empty.
  Result<Answer> Ask(Question question, const auth::Principal& principal) const;

 private:
  std::map<std::string, std::shared_ptr<const Source>, std::less<>> sources_;
};

// A definition as JSON text fields: {"source": …, "measure": …, "filters": {name: value}}
// is the wire and storage form; these read and write the filters as "name=value;name=value"
// text for descriptions.
std::string FiltersText(const Filters& filters);

}  // namespace hoptac::indicators

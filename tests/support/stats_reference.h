// The SQL reference of the statistics property tests (issue 5, item 10): the
// answers to Stock, Flows and Series queries computed by plain SQL over the
// database, to compare with the in-memory index's (registry/index/registry_index.h)
// — totals, every row's keys, value and entity count — and the comparison itself.
//
// The SQL reference is written from the specification only (the header
// comments of analytics/stats.h and registry_index.h, domain/status_history.h,
// domain/period.h and the schema), never from src/analytics/*.cpp, so the two
// sides are independent implementations:
//   - existence: founded_on, else the date of the `established` event, else always;
//   - status on D: the last status-changing event dated on or before D (same-day
//     events in id order, i.e. the order they were added), active when none;
//   - province on D: the registered unit (province_code read as of
//     province_as_of) when in force on D, else its successor in force on D, else
//     its single predecessor in force on D, else unknown ("");
//     legacy scheme: D = as_of (flows: the event's date); current scheme: D = today;
//   - a figure: from the latest period ending on or before as_of that reports it;
//     among periods ending the same day the longer one.
//
// Thread-safety: the functions may be called from any thread (each reads the Db
// through its own transaction); a Params belongs to one statement.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "registry/index/stats.h"
#include "storage/db.h"

namespace hoptac::testing::stats {

struct RefRow {
  int64_t value = 0;
  int64_t entities = 0;
  bool operator==(const RefRow&) const = default;
};
using RefRows = std::map<std::vector<std::string>, RefRow>;

// A value read back from the database as an integer (0 when null), or as text ("" when null).
int64_t AsInt(const storage::Value& v);
std::string AsText(const storage::Value& v);

// Placeholders and their values for one statement.
class Params {
 public:
  std::string Add(storage::Value v) {
    values_.push_back(std::move(v));
    return "$" + std::to_string(values_.size());
  }
  std::string List(const std::vector<std::string>& texts) {
    std::string out = "(";
    for (size_t i = 0; i < texts.size(); ++i) out += (i ? ", " : "") + Add(storage::Text(texts[i]));
    return out + ")";
  }
  const std::vector<storage::Value>& values() const { return values_; }

 private:
  std::vector<storage::Value> values_;
};

// Every province unit's lineage, as the CTE `lineage` (start_id, code, valid_from,
// valid_to, dir, start_from, start_to): see stats_reference.cpp. Follows WITH RECURSIVE.
extern const char* const kLineage;
// The condition that lineage row `alias` applies on `date` (besides being in force).
std::string LineageApplies(const std::string& alias, const std::string& date);
// Live entities with their static keys, founding date and registered province unit: the CTE `base`.
extern const char* const kBase;

// LEFT JOIN of the lineage row `alias` of unit `unit` in force on `date`; its code is the province.
std::string ProvinceJoin(const std::string& alias, const std::string& unit, const std::string& date);

// The reference's answers, one row per group with at least one contributing entity.
Result<RefRows> ReferenceStock(storage::Db& db, const analytics::StockQuery& q, Date today);
Result<RefRows> ReferenceFlows(storage::Db& db, const analytics::FlowQuery& q, Date today);

// The dates a series takes its stock at: the end of each interval from the one
// containing `from` to the one containing `to` (the last one cut at `to`), and
// the canonical name of the interval.
std::vector<std::pair<std::string, Date>> SeriesEnds(analytics::Interval interval, Date from, Date to);

// Every difference between the index's rows and the reference's, one per line; empty when equal.
std::string DiffRows(const std::vector<analytics::StatsRow>& got, const RefRows& want, size_t key_count);
// The rows' values and entities added up.
RefRow Sum(const RefRows& rows);

}  // namespace hoptac::testing::stats

// Metrics: request counters and latency histograms by route, rendered in the
// Prometheus text exposition format at GET /metrics.
//
// The route table is fixed when the server starts, so each route has a slot of
// atomic counters (plus one slot for requests that matched no route); recording
// a request takes no lock.
//
// Thread-safety: Record() and Render() may be called concurrently from any thread.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hoptac::http {

class Metrics {
 public:
  Metrics() = default;
  // Declares the route table (names in order); slot route_names.size() is
  // "unmatched". REQUIRES: called once, before any Record() or Render().
  void SetRoutes(std::vector<std::string> route_names);

  size_t unmatched_slot() const { return route_names_.size(); }
  void Record(size_t slot, unsigned status, double seconds);
  // Extra gauges appended by other parts (database pool); called on every Render.
  void AddCollector(std::function<void(std::string&)> collector);
  std::string Render() const;

  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  static constexpr std::array<unsigned, 17> kStatuses = {200, 201, 204, 301, 302, 304, 400, 401, 403,
                                                         404, 405, 409, 413, 429, 431, 500, 503};

 private:
  struct Slot {
    std::array<std::atomic<uint64_t>, kStatuses.size() + 1> by_status{};  // last: other
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};     // last: +Inf
    std::atomic<uint64_t> sum_microseconds{0};
  };
  std::vector<std::string> route_names_;
  std::unique_ptr<Slot[]> slots_;
  std::vector<std::function<void(std::string&)>> collectors_;
};

}  // namespace hoptac::http

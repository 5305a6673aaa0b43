#include "http/metrics.h"

#include <cstdio>

namespace hoptac::http {

void Metrics::SetRoutes(std::vector<std::string> route_names) {
  route_names_ = std::move(route_names);
  slots_.reset(new Slot[route_names_.size() + 1]);
}

void Metrics::Record(size_t slot, unsigned status, double seconds) {
  if (slot > route_names_.size()) slot = route_names_.size();
  Slot& s = slots_[slot];
  size_t status_index = kStatuses.size();
  for (size_t i = 0; i < kStatuses.size(); ++i)
    if (kStatuses[i] == status) status_index = i;
  s.by_status[status_index].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = kBuckets.size();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      bucket = i;
      break;
    }
  }
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sum_microseconds.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::AddCollector(std::function<void(std::string&)> collector) { collectors_.push_back(std::move(collector)); }

std::string Metrics::Render() const {
  std::string out;
  out.reserve(16384);
  char line[256];
  out += "# HELP hoptac_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE hoptac_http_requests_total counter\n";
  auto name_of = [&](size_t slot) -> const std::string& {
    static const std::string kUnmatched = "unmatched";
    return slot < route_names_.size() ? route_names_[slot] : kUnmatched;
  };
  for (size_t slot = 0; slot <= route_names_.size(); ++slot) {
    for (size_t i = 0; i <= kStatuses.size(); ++i) {
      uint64_t n = slots_[slot].by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::snprintf(line, sizeof line, "hoptac_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                    name_of(slot).c_str(), i < kStatuses.size() ? std::to_string(kStatuses[i]).c_str() : "other",
                    static_cast<unsigned long long>(n));
      out += line;
    }
  }
  out +=
      "# HELP hoptac_http_request_duration_seconds Time from a complete request to its response being ready to send, "
      "by route.\n";
  out += "# TYPE hoptac_http_request_duration_seconds histogram\n";
  for (size_t slot = 0; slot <= route_names_.size(); ++slot) {
    uint64_t cumulative = 0;
    const Slot& s = slots_[slot];
    uint64_t total = 0;
    for (const auto& b : s.buckets) total += b.load(std::memory_order_relaxed);
    if (total == 0) continue;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += s.buckets[i].load(std::memory_order_relaxed);
      if (i < kBuckets.size()) {
        std::snprintf(line, sizeof line, "hoptac_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                      name_of(slot).c_str(), kBuckets[i], static_cast<unsigned long long>(cumulative));
      } else {
        std::snprintf(line, sizeof line, "hoptac_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                      name_of(slot).c_str(), static_cast<unsigned long long>(cumulative));
      }
      out += line;
    }
    std::snprintf(line, sizeof line, "hoptac_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
                  name_of(slot).c_str(), static_cast<double>(s.sum_microseconds.load()) / 1e6);
    out += line;
    std::snprintf(line, sizeof line, "hoptac_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  name_of(slot).c_str(), static_cast<unsigned long long>(cumulative));
    out += line;
  }
  for (const auto& collector : collectors_) collector(out);
  return out;
}

}  // namespace hoptac::http

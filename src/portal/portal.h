// Portal: serves the public pages from a cache of rendered pages.
//
// A page is rendered once and kept by its key (pages.h: kind, path parameter, normalised
// query, language) while Content::Generation() is unchanged and for at most cache_ttl (60 s,
// so view counts and statistics are at most a minute old); the cache keeps at most
// cache_entries pages and cache_bytes bytes, dropping the least recently used. Only 200
// answers are kept: 404s, 301s and failures are rendered every time (a flood of made-up
// addresses cannot push the real pages out). An article page counts a view
// (Content::CountView) on every GET, served from the cache or not.
//
// A hit costs a hash lookup under a mutex and a copy of the body (the answer owns its body);
// a miss calls Content, which may block: the routes run on the worker pool (api/routes.h).
// Requests that miss the same page at the same time wait for one rendering (after a publication
// under load the database sees one set of queries per page, not one per waiting request).
//
// Thread-safety: Serve may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "portal/content.h"
#include "portal/pages.h"

namespace hoptac::portal {

// What the portal reads of a request.
struct Visit {
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::string remote_address;
  std::string user_agent;
  bool count_view = true;  // false for HEAD: a view is a GET
};

// An answer, independent of the HTTP server.
struct Answer {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Cache-Control, Location
  bool cache_hit = false;
};

class Portal {
 public:
  // `clock` (tests): the time in milliseconds of a steady clock.
  Portal(Content& content, PortalOptions options, std::function<int64_t()> clock = {});

  Answer Serve(PageKind kind, std::string_view param, const Visit& visit);

  const PortalOptions& options() const { return options_; }
  Content& content() { return content_; }

  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    size_t entries = 0;
    size_t bytes = 0;
  };
  Stats CacheStats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Rendered> page;
    uint64_t generation = 0;
    int64_t rendered_at_ms = 0;
  };
  std::shared_ptr<const Rendered> Find(const std::string& key, uint64_t generation, int64_t now);
  void Keep(const std::string& key, std::shared_ptr<const Rendered> page, uint64_t generation, int64_t now);
  // Renders a page once for all the requests that miss it at the same time (same key and
  // generation): the first renders, the others wait for its result.
  Result<std::shared_ptr<const Rendered>> RenderOnce(PageKind kind, std::string_view param, const PageParams& params,
                                                     const std::string& key, uint64_t generation, int64_t now);
  Answer Make(const Rendered& page, bool hit) const;

  Content& content_;
  PortalOptions options_;
  std::function<int64_t()> clock_;

  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  struct Flight {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    Result<std::shared_ptr<const Rendered>> result = std::shared_ptr<const Rendered>();
  };
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;  // under mutex_
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace hoptac::portal

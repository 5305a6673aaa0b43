// ViewCounter: the articles' views, counted in memory and flushed to the database by the
// service (NewsService::FlushViews, every 10 s and at shutdown).
//
// Rules: a reader (reader_key: the portal passes the client address and its user agent) counts
// once per article per Việt Nam day; user agents of robots (bot, crawl, spider, slurp,
// facebookexternalhit, curl, wget, python-requests, Go-http-client, HeadlessChrome, … — IsBot)
// and empty ones are not counted; a reader seen more than kRateLimit times within one minute
// (any article, counted or not) is not counted for the rest of that minute.
// Memory: the readers seen today (per article, as 64-bit hashes) are kept until the day changes;
// the per-minute rates until their minute ends.
//
// Thread-safety: all methods are thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace hoptac::news {

// The user agent of a robot (case-insensitive match of the known words), or empty.
bool IsBot(std::string_view user_agent);

class ViewCounter {
 public:
  static constexpr int kRateLimit = 30;  // views per reader per minute
  // Memory bounds: beyond this many (article, reader) pairs in a day, or readers in a minute, new
  // ones are not counted (a flood of made-up readers costs some tens of MB at most).
  static constexpr size_t kMaxSeenPerDay = 1'000'000;
  static constexpr size_t kMaxReadersPerMinute = 100'000;

  // Whether this view counts (then it is pending until taken).
  bool Record(int64_t article_id, std::string_view reader_key, std::string_view user_agent, int64_t now_ms);

  // One day's pending views of an article.
  struct Key {
    int64_t article_id = 0;
    std::string day;  // YYYY-MM-DD, Việt Nam
    auto operator<=>(const Key&) const = default;
  };
  using Pending = std::map<Key, int64_t>;
  // Takes every pending count (the counter keeps none of them).
  Pending Take();
  // Gives back counts taken whose flush failed (they are added to what is pending now).
  void Restore(const Pending& pending);
  // The pending views of an article (all days).
  int64_t PendingOf(int64_t article_id) const;

 private:
  mutable std::mutex mutex_;
  std::string day_;                          // the day `seen_` is about
  std::unordered_set<uint64_t> seen_;        // hashes of (article id, reader key) seen today
  int64_t minute_ = -1;                      // the minute `rates_` is about
  std::unordered_map<uint64_t, int> rates_;  // reader key hash → views this minute
  Pending pending_;
  std::unordered_map<int64_t, int64_t> pending_by_article_;
};

}  // namespace hoptac::news

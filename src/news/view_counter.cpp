#include "news/view_counter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include "news/article.h"

namespace hoptac::news {
namespace {

// Lower-case words of robots' user agents (matched anywhere in the lower-cased agent).
constexpr std::array<std::string_view, 24> kBotWords = {"bot",
                                                        "crawl",
                                                        "spider",
                                                        "slurp",
                                                        "facebookexternalhit",
                                                        "curl",
                                                        "wget",
                                                        "python-requests",
                                                        "python-urllib",
                                                        "go-http-client",
                                                        "headlesschrome",
                                                        "phantomjs",
                                                        "libwww",
                                                        "java/",
                                                        "okhttp",
                                                        "scrapy",
                                                        "httpclient",
                                                        "axios/",
                                                        "node-fetch",
                                                        "lighthouse",
                                                        "whatsapp",
                                                        "facebookcatalog",
                                                        "embedly",
                                                        "preview"};

}  // namespace

bool IsBot(std::string_view user_agent) {
  if (user_agent.find_first_not_of(" \t") == std::string_view::npos) return true;  // none given
  std::string lower(user_agent.substr(0, 1000));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(kBotWords.begin(), kBotWords.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

bool ViewCounter::Record(int64_t article_id, std::string_view reader_key, std::string_view user_agent, int64_t now_ms) {
  if (article_id <= 0 || IsBot(user_agent)) return false;
  const int64_t minute = now_ms / 60'000;
  const std::string day = DayOf(now_ms).ToIso();
  const uint64_t reader = std::hash<std::string_view>{}(reader_key);
  // The pair (article, reader), mixed so that neighbouring ids do not collide.
  const uint64_t pair = reader ^ (static_cast<uint64_t>(article_id) * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
  std::lock_guard lock(mutex_);
  if (minute != minute_) {
    rates_.clear();
    minute_ = minute;
  }
  auto rate = rates_.find(reader);
  if (rate == rates_.end()) {
    if (rates_.size() >= kMaxReadersPerMinute) return false;
    rate = rates_.emplace(reader, 0).first;
  }
  if (++rate->second > kRateLimit) return false;
  if (day != day_) {
    seen_.clear();
    day_ = day;
  }
  if (seen_.size() >= kMaxSeenPerDay && !seen_.count(pair)) return false;
  if (!seen_.insert(pair).second) return false;
  ++pending_[Key{article_id, day}];
  ++pending_by_article_[article_id];
  return true;
}

ViewCounter::Pending ViewCounter::Take() {
  std::lock_guard lock(mutex_);
  Pending out;
  out.swap(pending_);
  pending_by_article_.clear();
  return out;
}

void ViewCounter::Restore(const Pending& pending) {
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : pending) {
    pending_[key] += count;
    pending_by_article_[key.article_id] += count;
  }
}

int64_t ViewCounter::PendingOf(int64_t article_id) const {
  std::lock_guard lock(mutex_);
  auto found = pending_by_article_.find(article_id);
  return found == pending_by_article_.end() ? 0 : found->second;
}

}  // namespace hoptac::news

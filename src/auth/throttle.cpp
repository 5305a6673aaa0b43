#include "auth/throttle.h"

#include <algorithm>
#include <utility>

namespace hoptac::auth {

namespace {

using std::chrono::seconds;

// The block after the n-th failure past the allowance (n >= 1): 1 s, 2 s, 4 s, ... capped.
std::chrono::steady_clock::duration Backoff(int over) {
  if (over - 1 >= 10) return LoginThrottle::kMaxBackoff;  // 2^10 s > 15 min
  return std::min<std::chrono::steady_clock::duration>(seconds(int64_t{1} << (over - 1)), LoginThrottle::kMaxBackoff);
}

std::string_view Truncate(std::string_view text, size_t limit) { return text.substr(0, std::min(text.size(), limit)); }

}  // namespace

LoginThrottle::LoginThrottle(Clock clock, size_t max_keys)
    : clock_(std::move(clock)), max_keys_(std::max<size_t>(max_keys, 3)) {}

LoginThrottle::Keys LoginThrottle::MakeKeys(std::string_view account, std::string_view address) {
  account = Truncate(account, kMaxKeyPartBytes);
  address = Truncate(address, kMaxKeyPartBytes);
  std::string lower(account);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  Keys keys;
  // A one-letter kind, and a length prefix so that no account/address split is ambiguous.
  const std::string length = std::to_string(lower.size());
  keys.pair.reserve(1 + length.size() + 1 + lower.size() + address.size());
  keys.pair.push_back('p');
  keys.pair.append(length).append(1, ':').append(lower).append(address);
  keys.account.reserve(1 + lower.size());
  keys.account.push_back('a');
  keys.account.append(lower);
  keys.address.reserve(1 + address.size());
  keys.address.push_back('i');
  keys.address.append(address);
  keys.account_hash = std::hash<std::string>{}(lower);
  return keys;
}

std::optional<int> LoginThrottle::Check(std::string_view account, std::string_view address) {
  const Keys keys = MakeKeys(account, address);
  std::lock_guard lock(mutex_);
  if (entries_.empty()) return std::nullopt;
  const TimePoint now = clock_();
  TimePoint until = now;
  for (const std::string* key : {&keys.pair, &keys.account, &keys.address}) {
    auto it = entries_.find(*key);
    if (it != entries_.end()) until = std::max(until, it->second.blocked_until);
  }
  if (until <= now) return std::nullopt;
  auto wait = std::chrono::ceil<seconds>(until - now).count();
  return static_cast<int>(std::max<decltype(wait)>(wait, 1));
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view address) {
  const Keys keys = MakeKeys(account, address);
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_();

  const std::pair<const std::string*, int> counted[] = {{&keys.pair, kFreePairFailures},
                                                        {&keys.account, kFreeAccountFailures}};
  for (const auto& [key, free_failures] : counted) {
    Entry& entry = Touch(*key);
    if (entry.failures > 0 && now - entry.last_failure > kWindow) entry.failures = 0;
    ++entry.failures;
    entry.last_failure = now;
    if (entry.failures > free_failures) entry.blocked_until = now + Backoff(entry.failures - free_failures);
  }

  Entry& entry = Touch(keys.address);
  entry.last_failure = now;
  auto& accounts = entry.accounts;
  std::erase_if(accounts, [&](const SeenAccount& seen) { return now - seen.last_failure > kWindow; });
  auto it = std::find_if(accounts.begin(), accounts.end(),
                         [&](const SeenAccount& seen) { return seen.account_hash == keys.account_hash; });
  if (it != accounts.end()) {
    it->last_failure = now;  // not a new account: the block does not grow
  } else {
    if (accounts.size() < kMaxAccountsPerAddress) {
      accounts.push_back({keys.account_hash, now});
    } else {  // already at the cap; keep the most recent accounts
      *std::min_element(accounts.begin(), accounts.end(), [](const SeenAccount& a, const SeenAccount& b) {
        return a.last_failure < b.last_failure;
      }) = {keys.account_hash, now};
    }
    const int distinct = static_cast<int>(accounts.size());
    if (distinct > kFreeAddressAccounts) entry.blocked_until = now + Backoff(distinct - kFreeAddressAccounts);
  }

  Evict(now);
}

void LoginThrottle::RecordSuccess(std::string_view account, std::string_view address) {
  const Keys keys = MakeKeys(account, address);
  std::lock_guard lock(mutex_);
  Erase(keys.pair);
  Erase(keys.account);
}

size_t LoginThrottle::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

LoginThrottle::Entry& LoginThrottle::Touch(const std::string& key) {
  auto [it, inserted] = entries_.try_emplace(key);
  Entry& entry = it->second;
  if (inserted) {
    lru_.push_front(&it->first);
    entry.lru_position = lru_.begin();
  } else {
    lru_.splice(lru_.begin(), lru_, entry.lru_position);
  }
  return entry;
}

void LoginThrottle::Evict(TimePoint now) {
  // lru_ is ordered by last failure, so the back is the oldest: drop it while over the
  // bound, and while it is expired (it can no longer block or count).
  while (!lru_.empty()) {
    auto it = entries_.find(*lru_.back());
    const bool expired = now - it->second.last_failure > kWindow;
    if (entries_.size() <= max_keys_ && !expired) break;
    lru_.pop_back();
    entries_.erase(it);
  }
}

void LoginThrottle::Erase(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  lru_.erase(it->second.lru_position);
  entries_.erase(it);
}

}  // namespace hoptac::auth

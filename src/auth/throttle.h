// LoginThrottle: in-memory throttling of failed logins with a growing back-off that slows
// attackers without locking other users out.
//
// Failures are counted under three keys, each with its own allowance of free failures:
//   account + address  5 failures       (one attacker guessing one account)
//   account            20 failures      (a distributed guess at one account, any address)
//   address            20 DISTINCT accounts that failed from it (password spraying)
// Past its allowance a key is blocked for 1 s after the next failure, then 2 s, 4 s, ...
// doubling with every further failure (for the address key: every further distinct
// account), capped at 15 minutes. So 200 wrong passwords for one account from one
// address block that account from that address (and, past 20, from everywhere), while
// another user logging in from the same address is not blocked. The account-wide key
// can block the real owner of an account under attack for up to 15 minutes at a time;
// that is the price of slowing a distributed attack.
//
// Forgetting: the account + address and account keys restart from zero when their last
// failure is more than 30 minutes old (an attacker who keeps failing every 15 minutes
// stays at the cap); the address key counts the accounts whose last failure from that
// address is within the last 30 minutes. RecordSuccess clears the account + address and
// account keys, not the address's set of failed accounts.
//
// Intended use, on every login attempt: `if (auto wait = throttle.Check(a, ip))` reject
// with 429 and Retry-After: *wait, without verifying the password and without
// RecordFailure; otherwise verify, then RecordFailure or RecordSuccess.
//
// Memory: at most `max_keys` keys (100,000 by default; one failed attempt creates up to
// three) of ~200 bytes each, plus up to 32 remembered accounts (16 bytes each) per
// address. When full, the key whose last failure is oldest is evicted; expired keys are
// evicted first as a matter of course, since they are the oldest. Account names and
// addresses are keyed by at most their first 256 bytes.
//
// Thread-safety: all methods are safe to call concurrently (one internal mutex, held for
// a few hash-map operations). The clock is called under that mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hoptac::auth {

class LoginThrottle {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  static constexpr int kFreePairFailures = 5;
  static constexpr int kFreeAccountFailures = 20;
  static constexpr int kFreeAddressAccounts = 20;
  static constexpr std::chrono::seconds kMaxBackoff{15 * 60};
  static constexpr std::chrono::minutes kWindow{30};
  static constexpr size_t kDefaultMaxKeys = 100'000;

  // `clock` is injectable for tests. REQUIRES: max_keys >= 3.
  explicit LoginThrottle(Clock clock = std::chrono::steady_clock::now, size_t max_keys = kDefaultMaxKeys);

  LoginThrottle(const LoginThrottle&) = delete;
  LoginThrottle& operator=(const LoginThrottle&) = delete;

  // Seconds to wait (rounded up, at least 1) when any key of this attempt is blocked
  // now (the longest wait of the three); nullopt when the attempt may proceed.
  // `account` is compared ignoring ASCII case.
  std::optional<int> Check(std::string_view account, std::string_view address);

  // Records a wrong password (or an unknown account) for `account` from `address`.
  void RecordFailure(std::string_view account, std::string_view address);

  // Records a successful login: forgets the account + address and account keys.
  void RecordSuccess(std::string_view account, std::string_view address);

  // Number of keys currently held (for tests and metrics).
  size_t tracked_keys() const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  static constexpr size_t kMaxAccountsPerAddress = 32;  // enough to reach the cap
  static constexpr size_t kMaxKeyPartBytes = 256;

  struct SeenAccount {
    uint64_t account_hash;
    TimePoint last_failure;
  };
  struct Entry {
    int failures = 0;  // account + address and account keys
    TimePoint last_failure;
    TimePoint blocked_until;
    std::vector<SeenAccount> accounts;                     // address keys: accounts failed in the window
    std::list<const std::string*>::iterator lru_position;  // into lru_
  };
  struct Keys {
    std::string pair;
    std::string account;
    std::string address;
    uint64_t account_hash;
  };

  static Keys MakeKeys(std::string_view account, std::string_view address);
  // Returns the entry for `key`, created if absent, moved to the front of lru_.
  Entry& Touch(const std::string& key);
  void Evict(TimePoint now);
  void Erase(const std::string& key);

  const Clock clock_;
  const size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
  // Keys of entries_ (node keys are stable), most recent failure first. Guarded by mutex_.
  std::list<const std::string*> lru_;
};

}  // namespace hoptac::auth

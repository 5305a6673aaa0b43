#include "auth/throttle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace hoptac::auth {
namespace {

using namespace std::chrono_literals;

// A clock that moves only when told.
class FakeClock {
 public:
  LoginThrottle::Clock AsClock() {
    return [this] { return now_; };
  }
  void Advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
};

// The expected wait after the n-th failure past an allowance of free failures.
int ExpectedBackoff(int over) { return over > 10 ? 900 : std::min(1 << (over - 1), 900); }

// 200 wrong passwords for one account from one address; the attacker waits out every
// block, so each attempt is a real failure and the back-off climbs to its cap.
TEST(LoginThrottle, RetryAfterDoublesThenCapsAt900) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  std::vector<int> waits;
  for (int attempt = 1; attempt <= 200; ++attempt) {
    clock.Advance(50ms);
    if (std::optional<int> wait = throttle.Check("alice", "198.51.100.7")) {
      waits.push_back(*wait);
      clock.Advance(std::chrono::seconds(*wait));
      ASSERT_FALSE(throttle.Check("alice", "198.51.100.7").has_value()) << "attempt " << attempt;
    }
    throttle.RecordFailure("alice", "198.51.100.7");
  }
  std::vector<int> expected;
  for (int over = 1; over <= 200 - LoginThrottle::kFreePairFailures - 1; ++over)
    expected.push_back(ExpectedBackoff(over));
  EXPECT_EQ(waits, expected);
  EXPECT_EQ(throttle.Check("alice", "198.51.100.7"), 900);
  EXPECT_EQ(throttle.Check("ALICE", "198.51.100.7"), 900);  // account names ignore case
  // Past 20 failures the account is slowed from everywhere...
  EXPECT_TRUE(throttle.Check("alice", "203.0.113.9").has_value());
  // ...but other users behind the same address are not touched.
  EXPECT_FALSE(throttle.Check("bob", "198.51.100.7").has_value());
}

// The same attacker hammering every 50 ms without waiting gets few real tries.
TEST(LoginThrottle, HammeringIsRefusedAndOtherUsersAreNot) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  int failures = 0;
  int refused = 0;
  int previous_block_start_wait = 0;
  bool was_blocked = false;
  for (int attempt = 1; attempt <= 200; ++attempt) {
    clock.Advance(50ms);
    std::optional<int> wait = throttle.Check("alice", "198.51.100.7");
    if (wait) {
      ++refused;
      if (!was_blocked) {  // a new block: its Retry-After grows
        EXPECT_GT(*wait, previous_block_start_wait);
        previous_block_start_wait = *wait;
      }
      EXPECT_LE(*wait, 900);
    } else {
      throttle.RecordFailure("alice", "198.51.100.7");
      ++failures;
    }
    was_blocked = wait.has_value();
    // Another user logging in from the same address is never blocked.
    ASSERT_FALSE(throttle.Check("bob", "198.51.100.7").has_value()) << "attempt " << attempt;
  }
  // 10 s of hammering: 5 free failures, then blocks of 1, 2 and 4 s let 3 more through.
  EXPECT_EQ(failures, 9);
  EXPECT_EQ(refused, 191);
  EXPECT_EQ(previous_block_start_wait, 8);
  throttle.RecordFailure("bob", "198.51.100.7");
  throttle.RecordSuccess("bob", "198.51.100.7");
  EXPECT_FALSE(throttle.Check("bob", "198.51.100.7").has_value());
  // Fewer than 20 failures: the account is not blocked from elsewhere.
  EXPECT_FALSE(throttle.Check("alice", "203.0.113.9").has_value());
}

TEST(LoginThrottle, PairKeyAllowsFiveFreeFailures) {
  struct Case {
    int failures;
    std::optional<int> wait;
  } cases[] = {{1, std::nullopt}, {4, std::nullopt}, {5, std::nullopt}, {6, 1}, {7, 2}, {8, 4}, {9, 8}};
  for (const auto& c : cases) {
    FakeClock clock;
    LoginThrottle throttle(clock.AsClock());
    for (int i = 0; i < c.failures; ++i) throttle.RecordFailure("alice", "198.51.100.7");
    EXPECT_EQ(throttle.Check("alice", "198.51.100.7"), c.wait) << c.failures;
    EXPECT_FALSE(throttle.Check("alice", "198.51.100.8").has_value()) << c.failures;
    EXPECT_FALSE(throttle.Check("bob", "198.51.100.7").has_value()) << c.failures;
  }
}

TEST(LoginThrottle, RetryAfterRoundsUp) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  for (int i = 0; i < 8; ++i) throttle.RecordFailure("alice", "198.51.100.7");  // blocked 4 s
  struct Case {
    std::chrono::milliseconds elapsed;
    std::optional<int> wait;
  } cases[] = {{0ms, 4}, {1ms, 4}, {1500ms, 3}, {3999ms, 1}, {4000ms, std::nullopt}};
  auto start = std::chrono::milliseconds(0);
  for (const auto& c : cases) {
    clock.Advance(c.elapsed - start);
    start = c.elapsed;
    EXPECT_EQ(throttle.Check("alice", "198.51.100.7"), c.wait) << c.elapsed.count();
  }
}

// A distributed attack on one account: one failure from each of many addresses.
TEST(LoginThrottle, AccountIsBlockedEverywhereOnlyPastItsThreshold) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  for (int n = 1; n <= 25; ++n) {
    throttle.RecordFailure(n % 2 ? "alice" : "Alice", "10.0.0." + std::to_string(n));
    clock.Advance(50ms);
    std::optional<int> wait = throttle.Check("alice", "192.0.2.99");
    EXPECT_EQ(wait.has_value(), n > LoginThrottle::kFreeAccountFailures) << n;
    if (wait) {
      EXPECT_EQ(*wait, ExpectedBackoff(n - LoginThrottle::kFreeAccountFailures)) << n;
    }
    EXPECT_FALSE(throttle.Check("bob", "192.0.2.99").has_value()) << n;
    EXPECT_FALSE(throttle.Check("bob", "10.0.0." + std::to_string(n)).has_value()) << n;
  }
}

// Password spraying: one address tries many accounts, a few times each.
TEST(LoginThrottle, SprayingManyAccountsBlocksTheAddress) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  const std::string sprayer = "203.0.113.66";
  for (int n = 1; n <= 25; ++n) {
    const std::string account = "user" + std::to_string(n);
    if (std::optional<int> wait = throttle.Check(account, sprayer)) clock.Advance(std::chrono::seconds(*wait));
    ASSERT_FALSE(throttle.Check(account, sprayer).has_value()) << n;
    throttle.RecordFailure(account, sprayer);
    clock.Advance(50ms);
    std::optional<int> wait = throttle.Check("someone-new", sprayer);
    EXPECT_EQ(wait.has_value(), n > LoginThrottle::kFreeAddressAccounts) << n;
    if (wait) {
      EXPECT_EQ(*wait, ExpectedBackoff(n - LoginThrottle::kFreeAddressAccounts)) << n;
    }
    // Only the address is suspect: the accounts can still log in from elsewhere.
    EXPECT_FALSE(throttle.Check(account, "192.0.2.1").has_value()) << n;
  }
  // Failing again on an account already counted does not grow the block.
  clock.Advance(20s);
  ASSERT_FALSE(throttle.Check("user3", sprayer).has_value());
  throttle.RecordFailure("user3", sprayer);
  EXPECT_FALSE(throttle.Check("someone-new", sprayer).has_value());
  // A 26th distinct account does.
  throttle.RecordFailure("user26", sprayer);
  EXPECT_EQ(throttle.Check("someone-new", sprayer), 32);
}

TEST(LoginThrottle, RecordSuccessClearsPairAndAccountButNotSpraying) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  // The pair key.
  for (int i = 0; i < 7; ++i) throttle.RecordFailure("alice", "198.51.100.7");
  ASSERT_TRUE(throttle.Check("alice", "198.51.100.7").has_value());
  throttle.RecordSuccess("Alice", "198.51.100.7");
  EXPECT_FALSE(throttle.Check("alice", "198.51.100.7").has_value());
  for (int i = 0; i < 5; ++i) throttle.RecordFailure("alice", "198.51.100.7");
  EXPECT_FALSE(throttle.Check("alice", "198.51.100.7").has_value());  // the count restarted

  // The account key.
  for (int n = 0; n < 22; ++n) throttle.RecordFailure("carol", "10.1.0." + std::to_string(n));
  ASSERT_TRUE(throttle.Check("carol", "192.0.2.1").has_value());
  throttle.RecordSuccess("carol", "192.0.2.1");
  EXPECT_FALSE(throttle.Check("carol", "192.0.2.1").has_value());
  EXPECT_FALSE(throttle.Check("carol", "10.1.0.3").has_value());

  // The address's set of failed accounts.
  for (int n = 0; n < 21; ++n) throttle.RecordFailure("user" + std::to_string(n), "203.0.113.66");
  ASSERT_TRUE(throttle.Check("user0", "203.0.113.66").has_value());
  throttle.RecordSuccess("user0", "203.0.113.66");
  EXPECT_TRUE(throttle.Check("user0", "203.0.113.66").has_value());
}

TEST(LoginThrottle, FailuresAreForgottenAfterThirtyMinutes) {
  struct Case {
    std::chrono::minutes gap;
    bool blocked;
  } cases[] = {{1min, true}, {29min, true}, {30min, true}, {31min, false}, {24h, false}};
  for (const auto& c : cases) {
    FakeClock clock;
    LoginThrottle throttle(clock.AsClock());
    for (int i = 0; i < 5; ++i) throttle.RecordFailure("alice", "198.51.100.7");
    clock.Advance(c.gap);
    throttle.RecordFailure("alice", "198.51.100.7");
    EXPECT_EQ(throttle.Check("alice", "198.51.100.7").has_value(), c.blocked) << c.gap.count();
  }
}

TEST(LoginThrottle, SprayedAccountsAreForgottenAfterThirtyMinutes) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  for (int n = 0; n < 15; ++n) throttle.RecordFailure("early" + std::to_string(n), "203.0.113.66");
  clock.Advance(20min);
  for (int n = 0; n < 6; ++n) throttle.RecordFailure("late" + std::to_string(n), "203.0.113.66");
  EXPECT_TRUE(throttle.Check("x", "203.0.113.66").has_value());  // 21 within 30 minutes
  clock.Advance(11min);                                          // the 15 early ones are now 31 minutes old
  for (int n = 6; n < 12; ++n) throttle.RecordFailure("late" + std::to_string(n), "203.0.113.66");
  EXPECT_FALSE(throttle.Check("x", "203.0.113.66").has_value());  // 12 within the window
}

TEST(LoginThrottle, ExpiredKeysAreDropped) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  for (int n = 0; n < 100; ++n) throttle.RecordFailure("user" + std::to_string(n), "10.0.0." + std::to_string(n));
  EXPECT_EQ(throttle.tracked_keys(), 300u);  // pair, account and address for each
  clock.Advance(31min);
  throttle.RecordFailure("latecomer", "10.9.9.9");
  EXPECT_EQ(throttle.tracked_keys(), 3u);
}

TEST(LoginThrottle, MemoryIsBounded) {
  struct Case {
    size_t max_keys;
    int attempts;
  } cases[] = {{30, 1000}, {LoginThrottle::kDefaultMaxKeys, 40'000}};
  for (const auto& c : cases) {
    FakeClock clock;
    LoginThrottle throttle(clock.AsClock(), c.max_keys);
    for (int n = 0; n < c.attempts; ++n) {
      throttle.RecordFailure("user" + std::to_string(n), "a" + std::to_string(n));
      clock.Advance(1ms);
    }
    EXPECT_EQ(throttle.tracked_keys(), c.max_keys);
    // The oldest keys went first; the newest attempt is still counted.
    for (int i = 0; i < 6; ++i) throttle.RecordFailure("user" + std::to_string(c.attempts - 1), "a0");
    EXPECT_TRUE(throttle.Check("user" + std::to_string(c.attempts - 1), "a0").has_value());
    EXPECT_LE(throttle.tracked_keys(), c.max_keys);
  }
}

TEST(LoginThrottle, LongNamesAreKeyedByTheirPrefix) {
  FakeClock clock;
  LoginThrottle throttle(clock.AsClock());
  const std::string prefix(300, 'a');
  for (int i = 0; i < 6; ++i) throttle.RecordFailure(prefix + std::to_string(i), "198.51.100.7");
  EXPECT_TRUE(throttle.Check(prefix + "zzz", "198.51.100.7").has_value());
}

TEST(LoginThrottle, ConcurrentUseIsSafe) {
  LoginThrottle throttle;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&throttle, t] {
      for (int i = 0; i < 5000; ++i) {
        const std::string account = "user" + std::to_string(i % 50);
        const std::string address = "10.0." + std::to_string(t) + "." + std::to_string(i % 7);
        if (!throttle.Check(account, address)) throttle.RecordFailure(account, address);
        if (i % 13 == 0) throttle.RecordSuccess(account, address);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_GT(throttle.tracked_keys(), 0u);
}

}  // namespace
}  // namespace hoptac::auth

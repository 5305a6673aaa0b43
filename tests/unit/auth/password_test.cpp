#include "auth/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <latch>
#include <set>
#include <thread>
#include <vector>

namespace hoptac::auth {
namespace {

// Small parameters keep the tests fast; only RealParametersAreArgon2id64MiB pays 64 MiB.
std::unique_ptr<PasswordHasher> FastHasher(int max_concurrent = 2) {
  return PasswordHasher::Create(max_concurrent, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

TEST(PasswordHasher, HashThenVerifyRoundTrips) {
  auto hasher = FastHasher();
  ASSERT_NE(hasher, nullptr);
  for (std::string_view password : {"correct horse battery", "Mật khẩu dài đủ 10", "x", ""}) {
    Result<std::string> hash = hasher->Hash(password);
    ASSERT_TRUE(hash.ok()) << password;
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_TRUE(hasher->Verify(*hash, password)) << password;
    EXPECT_FALSE(hasher->NeedsRehash(*hash));
  }
}

TEST(PasswordHasher, WrongPasswordFails) {
  auto hasher = FastHasher();
  ASSERT_NE(hasher, nullptr);
  Result<std::string> hash = hasher->Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  for (std::string_view wrong : {"correct horse batter", "Correct horse battery", "correct horse battery ", ""}) {
    EXPECT_FALSE(hasher->Verify(*hash, wrong)) << wrong;
  }
}

TEST(PasswordHasher, MalformedStoredHashFailsAndNeedsRehash) {
  auto hasher = FastHasher();
  ASSERT_NE(hasher, nullptr);
  const std::string too_long(300, 'a');
  for (std::string_view stored :
       {std::string_view(""), std::string_view("plain text"), std::string_view("$argon2id$v=19$m=8,t=1,p=1$garbage"),
        std::string_view("$argon2id\0$", 11), std::string_view(too_long)}) {
    EXPECT_FALSE(hasher->Verify(stored, "plain text")) << stored;
    EXPECT_TRUE(hasher->NeedsRehash(stored)) << stored;
  }
}

TEST(PasswordHasher, SamePasswordHashesDifferently) {
  auto hasher = FastHasher();
  ASSERT_NE(hasher, nullptr);
  Result<std::string> first = hasher->Hash("same password here");
  Result<std::string> second = hasher->Hash("same password here");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);  // random salt
  EXPECT_TRUE(hasher->Verify(*first, "same password here"));
  EXPECT_TRUE(hasher->Verify(*second, "same password here"));
}

TEST(PasswordHasher, NeedsRehashWhenParametersChange) {
  auto weak = FastHasher();
  auto stronger = PasswordHasher::Create(1, crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN * 2);
  ASSERT_NE(weak, nullptr);
  ASSERT_NE(stronger, nullptr);
  Result<std::string> hash = weak->Hash("a password to upgrade");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(stronger->NeedsRehash(*hash));
  EXPECT_TRUE(stronger->Verify(*hash, "a password to upgrade"));  // old hashes still verify
}

TEST(PasswordHasher, CreateRejectsBadArguments) {
  EXPECT_EQ(PasswordHasher::Create(0, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), nullptr);
  EXPECT_EQ(PasswordHasher::Create(-1, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), nullptr);
  EXPECT_EQ(PasswordHasher::Create(1, 0, crypto_pwhash_MEMLIMIT_MIN), nullptr);
  EXPECT_EQ(PasswordHasher::Create(1, crypto_pwhash_OPSLIMIT_MIN, 1), nullptr);
}

TEST(PasswordHasher, VerifyDummyRunsAndVerifiesNothing) {
  auto hasher = FastHasher(1);
  ASSERT_NE(hasher, nullptr);
  hasher->VerifyDummy("anything");
  hasher->VerifyDummy("");
  EXPECT_EQ(hasher->max_observed_concurrency(), 1);  // it takes a slot like a real verification
}

// The one test with the production parameters: argon2id, 64 MiB, and the time it takes.
TEST(PasswordHasher, RealParametersAreArgon2id64MiB) {
  auto hasher = PasswordHasher::Create(1);
  ASSERT_NE(hasher, nullptr);
  auto start = std::chrono::steady_clock::now();
  Result<std::string> hash = hasher->Hash("Mật khẩu dài đủ 10");
  auto hash_time = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_NE(hash->find("m=65536"), std::string::npos) << *hash;
  EXPECT_FALSE(hasher->NeedsRehash(*hash));

  // The fastest of three runs of each: another process on the machine (ctest runs two tests at
  // once) slows single runs, never the fastest one by much.
  auto fastest = [](auto&& run) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int i = 0; i < 3; ++i) {
      auto begin = std::chrono::steady_clock::now();
      run();
      best = std::min(best, std::chrono::steady_clock::now() - begin);
    }
    return best;
  };
  auto verify_time = fastest([&] { EXPECT_TRUE(hasher->Verify(*hash, "Mật khẩu dài đủ 10")); });
  auto dummy_time = fastest([&] { hasher->VerifyDummy("Mật khẩu dài đủ 10"); });
  using std::chrono::milliseconds;
  RecordProperty("hash_ms", static_cast<int>(std::chrono::duration_cast<milliseconds>(hash_time).count()));
  RecordProperty("verify_ms", static_cast<int>(std::chrono::duration_cast<milliseconds>(verify_time).count()));
  RecordProperty("dummy_ms", static_cast<int>(std::chrono::duration_cast<milliseconds>(dummy_time).count()));
  // The dummy costs a real verification (loose bound: machines are noisy).
  EXPECT_GT(dummy_time * 3, verify_time);
  EXPECT_LT(dummy_time, verify_time * 3);
}

// Runs `threads` threads that each verify `rounds` times at once and returns the largest
// number of verifications the hasher saw in flight together.
int ObservedConcurrency(int max_concurrent, int threads, int rounds) {
  // 4 MiB per hash: a few milliseconds each, long enough for the threads to overlap.
  auto hasher = PasswordHasher::Create(max_concurrent, crypto_pwhash_OPSLIMIT_MIN, size_t{4} << 20);
  if (hasher == nullptr) return -1;
  Result<std::string> hash = hasher->Hash("concurrent password");
  if (!hash.ok()) return -1;
  std::latch start(threads);
  std::atomic<int> verified{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      start.arrive_and_wait();
      for (int r = 0; r < rounds; ++r) verified += hasher->Verify(*hash, "concurrent password") ? 1 : 0;
    });
  }
  for (auto& thread : pool) thread.join();
  if (verified != threads * rounds) return -1;
  return hasher->max_observed_concurrency();
}

TEST(PasswordHasher, ConcurrencyIsBounded) {
  struct Case {
    int max_concurrent;
    int threads;
  } cases[] = {{1, 6}, {2, 8}};
  for (const auto& c : cases) {
    int observed = ObservedConcurrency(c.max_concurrent, c.threads, 4);
    EXPECT_GE(observed, 1) << c.max_concurrent;
    EXPECT_LE(observed, c.max_concurrent) << c.max_concurrent;
  }
  // Control: without a tight bound the same load is seen overlapping (the measurement
  // counts threads inside the critical section, not running on a core, so this holds
  // on a 2-core machine too).
  EXPECT_GT(ObservedConcurrency(8, 8, 4), 2);
}

TEST(PasswordPolicy, Cases) {
  struct Case {
    std::string_view password;
    std::string_view username;
    std::string_view code;  // empty: accepted
  } cases[] = {
      {"Mật khẩu dài đủ 10", "lan", ""},
      {"a-long-enough-password", "nguyenvana", ""},
      {"đđđđđđđđđ", "", "password_too_short"},  // 9 code points, 18 bytes
      {"đđđđđđđđđa", "", ""},                   // 10 code points
      {"short", "", "password_too_short"},
      {"", "", "password_too_short"},
      {"123456789", "", "password_too_short"},
      {std::string_view("abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefgh"),
       "", ""},  // exactly 128 bytes
      {std::string_view("abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghij"
                        "abcdefghi"),
       "", "password_too_long"},  // 129 bytes
      {"NguyenVanAn", "nguyenvanan", "password_contains_username"},
      {"xx-NGUYENVANA-2024", "nguyenvana", "password_contains_username"},
      {"my-lan-password", "lan", ""},  // a username under 4 characters may appear inside
      {"lanlanlanla", "lanlanlanla", "password_contains_username"},
      {"aaaaaaaaaaaa", "", "password_too_common"},
      {"ưưưưưưưưưưư", "", "password_too_common"},
      {"1234567890", "", "password_too_common"},
      {"Password123", "", "password_too_common"},
      {"MATKHAU123", "", "password_too_common"},
      {"qwertyuiop", "", "password_too_common"},
      {"abc1234567", "", "password_too_common"},
      {"0123456789", "", "password_too_common"},
      {"1111111111", "", "password_too_common"},
      {"HopTac12345", "", "password_too_common"},
      {"admin12345", "", "password_too_common"},
      {"12345678910", "", "password_too_common"},
      {"12345678901", "", ""},
  };
  for (const auto& c : cases) {
    Status status = CheckPasswordPolicy(c.password, c.username);
    if (c.code.empty()) {
      EXPECT_TRUE(status.ok()) << c.password << ": " << status.error().fields[0].code;
      continue;
    }
    ASSERT_FALSE(status.ok()) << c.password;
    const Error& error = status.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(error.fields.size(), 1u);
    EXPECT_EQ(error.fields[0].field, "password");
    EXPECT_EQ(error.fields[0].code, c.code) << c.password;
    EXPECT_EQ(error.fields[0].key, "field." + std::string(c.code));
  }
}

TEST(PasswordPolicy, LengthErrorsCarryTheLimit) {
  Status too_short = CheckPasswordPolicy("short", "");
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(too_short.error().fields[0].args, std::vector<std::string>{"10"});
  Status too_long = CheckPasswordPolicy(std::string(129, 'x'), "");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().fields[0].args, std::vector<std::string>{"128"});
}

TEST(RandomToken, LengthAlphabetAndUniqueness) {
  struct Case {
    size_t bytes;
    size_t chars;
  } cases[] = {{32, 43}, {16, 22}, {1, 2}, {3, 4}, {0, 0}};
  for (const auto& c : cases) EXPECT_EQ(RandomToken(c.bytes).size(), c.chars) << c.bytes;

  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = RandomToken();
    ASSERT_EQ(token.size(), 43u);
    for (char ch : token) {
      EXPECT_TRUE((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                  ch == '_')
          << token;
    }
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenHash, KnownVectors) {
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(TokenHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::string token = RandomToken();
  EXPECT_EQ(TokenHash(token), TokenHash(token));
  EXPECT_NE(TokenHash(token), TokenHash(RandomToken()));
}

TEST(ConstantTimeEquals, Cases) {
  struct Case {
    std::string_view a, b;
    bool equal;
  } cases[] = {
      {"", "", true},
      {"abc", "abc", true},
      {"abc", "abd", false},
      {"abc", "abcd", false},
      {"", "a", false},
      {std::string_view("a\0b", 3), std::string_view("a\0c", 3), false},
      {"Đà Nẵng", "Đà Nẵng", true},
  };
  for (const auto& c : cases) EXPECT_EQ(ConstantTimeEquals(c.a, c.b), c.equal) << c.a << " vs " << c.b;
}

TEST(RandomPassword, UnambiguousAndPassesPolicy) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string password = RandomPassword();
    ASSERT_EQ(password.size(), 16u);
    EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos) << password;
    for (char ch : password) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch))) << password;
    EXPECT_TRUE(CheckPasswordPolicy(password, "").ok()) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace hoptac::auth

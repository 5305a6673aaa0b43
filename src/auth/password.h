// Password hashing, the password policy, and random secrets (session and reset tokens).
//
// PasswordHasher wraps libsodium's argon2id (`crypto_pwhash_str`). One argon2id hash at
// the interactive parameters costs ~85 ms of one core and 64 MiB of memory, so the hasher
// admits at most `max_concurrent` hashes or verifications at a time; further callers
// block until a slot frees. A burst of logins therefore queues instead of taking every
// core and all memory from the rest of the API. Hash, Verify and VerifyDummy block the
// calling thread for that long: call them off the network I/O threads.
//
// Stored hashes are self-describing strings (`$argon2id$v=19$m=65536,t=2,p=1$...`), so
// Verify works with whatever parameters a hash was made with, and NeedsRehash tells when
// a successfully verified password should be hashed again with the current parameters.
//
// Tokens (sessions, password resets) are 256-bit random strings handed to the client
// once; only their TokenHash is stored, so a leaked database does not yield live tokens.
//
// Thread-safety: a PasswordHasher is safe to use from any number of threads at once; the
// free functions are thread-safe. libsodium is initialised once, on first use.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <semaphore>
#include <string>
#include <string_view>

#include "base/result.h"

namespace hoptac::auth {

// libsodium's crypto_pwhash_OPSLIMIT_INTERACTIVE and crypto_pwhash_MEMLIMIT_INTERACTIVE
// (checked against sodium.h in password.cpp), so that this header does not need sodium.h.
inline constexpr unsigned long long kInteractiveOpsLimit = 2;
inline constexpr size_t kInteractiveMemLimit = size_t{64} << 20;  // 64 MiB

class PasswordHasher {
 public:
  // Returns a hasher that runs at most `max_concurrent` argon2id computations at once,
  // with `opslimit` passes over `memlimit` bytes for new hashes. Computes the fixed hash
  // used by VerifyDummy, so it costs one hash.
  // Returns nullptr when libsodium cannot be initialised, when max_concurrent < 1, when
  // opslimit or memlimit are outside libsodium's bounds, or when memory runs out.
  static std::unique_ptr<PasswordHasher> Create(int max_concurrent, unsigned long long opslimit = kInteractiveOpsLimit,
                                                size_t memlimit = kInteractiveMemLimit);

  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // The argon2id hash of `password` with a fresh random salt, as a `$argon2id$...`
  // string (different on every call for the same password).
  // Errors: Internal when libsodium runs out of memory.
  Result<std::string> Hash(std::string_view password);

  // True when `password` matches `stored_hash`. False for a wrong password and for a
  // stored hash that is not a valid libsodium password hash string.
  bool Verify(std::string_view stored_hash, std::string_view password);

  // Costs the same as Verify against a hash made with this hasher's parameters, and
  // verifies nothing. Call it when the account does not exist, so that response time
  // does not reveal which usernames exist.
  void VerifyDummy(std::string_view password);

  // True when `stored_hash` was made with other parameters than this hasher's (or is not
  // a valid hash string): after a successful Verify, store Hash(password) instead.
  bool NeedsRehash(std::string_view stored_hash) const;

  int max_concurrent() const { return max_concurrent_; }
  // For tests: the largest number of argon2id computations seen running at once.
  int max_observed_concurrency() const { return max_observed_.load(); }

 private:
  class Slot;  // RAII holder of one of the max_concurrent_ slots.

  PasswordHasher(int max_concurrent, unsigned long long opslimit, size_t memlimit);

  const int max_concurrent_;
  const unsigned long long opslimit_;
  const size_t memlimit_;
  std::string dummy_hash_;  // set once by Create, read-only afterwards
  std::counting_semaphore<> slots_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_observed_{0};
};

// Checks a new password against the policy. Errors (all InvalidField on "password",
// checked in this order, first failure wins):
//   password_too_short         fewer than 10 characters (UTF-8 code points), args {"10"}
//   password_too_long          more than 128 bytes, args {"128"}
//   password_contains_username equal to the username ignoring (ASCII) case, or, when the
//                              username has at least 4 characters, containing it
//   password_too_common        one character repeated, or in a short list of the most
//                              common long passwords (compared ignoring ASCII case)
// The i18n key is "field." + the code. Any Unicode letters (Vietnamese) are allowed.
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

// `bytes` random bytes from the system CSPRNG, base64url-encoded without padding
// (43 characters for the default 32 bytes). For session and reset tokens.
std::string RandomToken(size_t bytes = 32);

// SHA-256 of `token` as 64 lower-case hex digits: the form in which tokens are stored.
std::string TokenHash(std::string_view token);

// Compares in time that depends only on the sizes; false when the sizes differ (sizes
// are not secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// A random 16-character password from an alphabet without look-alikes (no 0 O 1 l I)
// that passes CheckPasswordPolicy; for accounts created by an administrator.
std::string RandomPassword();

}  // namespace hoptac::auth

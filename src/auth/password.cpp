#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace hoptac::auth {

static_assert(kInteractiveOpsLimit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(kInteractiveMemLimit == crypto_pwhash_MEMLIMIT_INTERACTIVE);
static_assert(crypto_pwhash_ALG_DEFAULT == crypto_pwhash_ALG_ARGON2ID13, "crypto_pwhash_str must use argon2id");

namespace {

constexpr size_t kMinPasswordCodePoints = 10;
constexpr size_t kMaxPasswordBytes = 128;
constexpr size_t kMinUsernameCodePointsForContains = 4;

// Passwords of at least 10 characters that top the leaked-password lists (and the
// Vietnamese and local ones), in lower case.
constexpr std::array<std::string_view, 24> kCommonPasswords = {
    "0123456789",  "1234567890",  "12345678910", "123456789a", "1234567890a", "1qaz2wsx3edc",
    "1q2w3e4r5t",  "1111111111",  "abc1234567",  "abcd123456", "admin12345",  "admin@123456",
    "hoptac12345", "hoptac@123",  "iloveyou12",  "matkhau123", "matkhau1234", "password1234",
    "password12",  "password123", "qwerty1234",  "qwertyuiop", "zaq12wsxcde", "asdfghjkl1",
};

// libsodium's own sodium_init is idempotent and thread-safe; the static only avoids
// calling it on every use.
bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Splits UTF-8 text into code points (a stray continuation byte counts with the code
// point before it; invalid input is not rejected here, only counted leniently).
std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || !IsContinuationByte(text[i])) {
      out.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
}

Error PolicyError(std::string code, std::vector<std::string> args = {}) {
  std::string key = "field." + code;
  return Error::InvalidField("password", std::move(code), std::move(key), std::move(args));
}

}  // namespace

// Holds one slot of the semaphore for the duration of one argon2id computation.
class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& hasher) : hasher_(hasher) {
    hasher_.slots_.acquire();
    int now = hasher_.in_flight_.fetch_add(1) + 1;
    int seen = hasher_.max_observed_.load();
    while (now > seen && !hasher_.max_observed_.compare_exchange_weak(seen, now)) {
    }
  }
  ~Slot() {
    hasher_.in_flight_.fetch_sub(1);
    hasher_.slots_.release();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  PasswordHasher& hasher_;
};

PasswordHasher::PasswordHasher(int max_concurrent, unsigned long long opslimit, size_t memlimit)
    : max_concurrent_(max_concurrent), opslimit_(opslimit), memlimit_(memlimit), slots_(max_concurrent) {}

std::unique_ptr<PasswordHasher> PasswordHasher::Create(int max_concurrent, unsigned long long opslimit,
                                                       size_t memlimit) {
  if (!EnsureSodium()) return nullptr;
  if (max_concurrent < 1 || static_cast<size_t>(max_concurrent) > static_cast<size_t>(std::counting_semaphore<>::max()))
    return nullptr;
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX) return nullptr;
  if (memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MAX) return nullptr;
  std::unique_ptr<PasswordHasher> hasher(new PasswordHasher(max_concurrent, opslimit, memlimit));
  // The dummy hash has this hasher's parameters and random salt and digest, so verifying
  // against it costs exactly what verifying a real, current hash costs. It is assembled in
  // libsodium's own encoding rather than computed, which would add one full hash (~65 ms at
  // 64 MiB) to every start of the server.
  auto b64 = [](size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
  };
  hasher->dummy_hash_ = "$argon2id$v=19$m=" + std::to_string(memlimit / 1024) + ",t=" + std::to_string(opslimit) +
                        ",p=1$" + b64(crypto_pwhash_SALTBYTES) + "$" + b64(32);
  if (hasher->NeedsRehash(hasher->dummy_hash_)) return nullptr;  // the encoding drifted from libsodium's
  return hasher;
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  int rc;
  {
    Slot slot(*this);
    rc = crypto_pwhash_str(out, password.data(), password.size(), opslimit_, memlimit_);
  }
  if (rc != 0) {
    return Error::Internal("crypto_pwhash_str failed (out of memory) with memlimit " + std::to_string(memlimit_));
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view stored_hash, std::string_view password) {
  // crypto_pwhash_str_verify wants a NUL-terminated string that fits in STRBYTES.
  if (stored_hash.size() >= crypto_pwhash_STRBYTES || stored_hash.find('\0') != std::string_view::npos) return false;
  std::string hash(stored_hash);
  Slot slot(*this);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
  Slot slot(*this);
  // The result is meaningless (the secret is random); only the time spent matters.
  [[maybe_unused]] int rc = crypto_pwhash_str_verify(dummy_hash_.c_str(), password.data(), password.size());
}

bool PasswordHasher::NeedsRehash(std::string_view stored_hash) const {
  if (stored_hash.size() >= crypto_pwhash_STRBYTES || stored_hash.find('\0') != std::string_view::npos) return true;
  std::string hash(stored_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), opslimit_, memlimit_) != 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  if (CountCodePoints(password) < kMinPasswordCodePoints) {
    return PolicyError("password_too_short", {std::to_string(kMinPasswordCodePoints)});
  }
  if (password.size() > kMaxPasswordBytes) {
    return PolicyError("password_too_long", {std::to_string(kMaxPasswordBytes)});
  }
  const std::string lower = AsciiLower(password);
  if (!username.empty()) {
    const std::string lower_username = AsciiLower(username);
    if (lower == lower_username || (CountCodePoints(username) >= kMinUsernameCodePointsForContains &&
                                    lower.find(lower_username) != std::string::npos)) {
      return PolicyError("password_contains_username");
    }
  }
  const std::vector<std::string_view> code_points = CodePoints(password);
  const bool one_character_repeated = std::all_of(code_points.begin(), code_points.end(),
                                                  [&](std::string_view cp) { return cp == code_points.front(); });
  if (one_character_repeated ||
      std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end()) {
    return PolicyError("password_too_common");
  }
  return Ok();
}

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  if (bytes > 0) randombytes_buf(raw.data(), bytes);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  sodium_memzero(raw.data(), raw.size());
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomPassword() {
  EnsureSodium();
  // No 0/O, 1/l/I: people copy these passwords by hand.
  static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  constexpr size_t kLength = 16;
  while (true) {
    std::string password(kLength, '\0');
    for (char& c : password) c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    // A failure (one character repeated 16 times) has probability ~1e-26; loop anyway.
    if (CheckPasswordPolicy(password, "").ok()) return password;
  }
}

}  // namespace hoptac::auth

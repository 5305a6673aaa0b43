// i18n: the message catalogue of hoptac in Vietnamese (default) and English.
//
// Messages are looked up by key ("error.not_found") and may contain positional
// placeholders {0}, {1}, … filled from arguments. Every key exists in both
// languages (tests/unit/i18n_test.cpp fails otherwise). Errors carry keys and
// arguments and are translated only at the edge (HTTP responses, CLI output).
//
// Thread-safety: the catalogue is immutable; all functions are thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hoptac::i18n {

enum class Lang { kVi, kEn };

// "vi" | "en"
const char* LangCode(Lang lang);
// Picks the best supported language from an Accept-Language header
// ("en-US,en;q=0.9,vi;q=0.8" → kEn). Vietnamese when absent or unsupported.
Lang FromAcceptLanguage(std::string_view header);
// "vi"/"en" (case-insensitive, region ignored) → the language; default otherwise.
Lang FromCode(std::string_view code, Lang fallback = Lang::kVi);

// The message for key with {N} replaced by args[N]. An unknown key yields the
// key itself (a test guarantees every key used by the code exists).
std::string Translate(Lang lang, std::string_view key, std::span<const std::string> args = {});
bool HasKey(Lang lang, std::string_view key);
// All keys of a language's catalogue, in catalogue order.
std::vector<std::string_view> Keys(Lang lang);

}  // namespace hoptac::i18n

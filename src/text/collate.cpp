#include "text/collate.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

namespace hoptac::text {
namespace {

// The process-wide prototype, configured once and never modified afterwards;
// only clone() (a const method) is called on it. Null if ICU failed.
const icu::Collator* Prototype() {
  static const icu::Collator* const prototype = []() -> const icu::Collator* {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("vi"), status));
    // U_USING_DEFAULT_WARNING would mean no `vi` data: the root order is wrong
    // for Vietnamese, so treat it as a failure rather than sort subtly wrong.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || collator == nullptr) {
      return nullptr;
    }
    collator->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    if (U_FAILURE(status)) return nullptr;
    return collator.release();  // intentionally never freed: used until exit
  }();
  return prototype;
}

// This thread's own collator, or null if ICU failed.
icu::Collator* ThreadCollator() {
  thread_local std::unique_ptr<icu::Collator> collator;
  thread_local bool initialised = false;
  if (!initialised) {
    initialised = true;
    if (const icu::Collator* prototype = Prototype()) collator.reset(prototype->clone());
  }
  return collator.get();
}

int ByteCompare(std::string_view a, std::string_view b) {
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  icu::Collator* collator = ThreadCollator();
  if (collator == nullptr) return ByteCompare(a, b);
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult result =
      collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                            icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return ByteCompare(a, b);
  return static_cast<int>(result);
}

std::string SortKey(std::string_view utf8) {
  icu::Collator* collator = ThreadCollator();
  if (collator == nullptr) return std::string(utf8);
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string key(std::max<std::size_t>(64, utf8.size() * 4), '\0');
  int32_t length = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {  // too small: length is the size needed
    key.resize(static_cast<std::size_t>(length));
    length = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  }
  // `length` counts the terminating NUL; keys without it still order correctly
  // because no key contains a NUL byte before its end.
  key.resize(length > 0 ? static_cast<std::size_t>(length - 1) : 0);
  return key;
}

void SortVietnamese(std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) keyed.emplace_back(SortKey(values[i]), i);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> sorted;
  sorted.reserve(values.size());
  for (auto& [key, index] : keyed) sorted.push_back(std::move(values[index]));
  values = std::move(sorted);
}

}  // namespace hoptac::text

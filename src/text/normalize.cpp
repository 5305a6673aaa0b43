#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "text/utf8.h"

namespace hoptac::text {
namespace {

bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

// Stripped at the ends: white space, zero-width characters, bidirectional marks.
bool IsEdgeInvisible(char32_t cp) {
  if (cp < 0x80) return IsAsciiSpace(static_cast<unsigned char>(cp));  // White_Space in ASCII
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return true;
  if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return true;
  return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0;
}

bool IsVisible(char32_t cp) {
  if (cp < 0x80) return cp > 0x20 && cp < 0x7F;
  if (cp == 0x2800) return false;
  const auto c = static_cast<UChar32>(cp);
  if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_P_MASK | U_GC_S_MASK)) == 0) return false;
  return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) == 0;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

// NFC of valid UTF-8 into `out`: the text itself when it already is (or ICU cannot say).
void AssignNfc(std::string_view text, std::string& out) {
  const icu::Normalizer2* nfc = Nfc();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc == nullptr || nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) {
    out.assign(text);
    return;
  }
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed, static_cast<int32_t>(text.size()));
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) {
    out = std::move(composed);
  } else {
    out.assign(text);
  }
}

// The override or isolate encoded at bytes[i] (E2 80 AA–AE, E2 81 A6–A9): 3, else 0.
// In valid UTF-8, 0xE2 only ever leads a sequence, so a byte search finds exactly them.
size_t BidiOverrideAt(std::string_view s, size_t i) {
  if (i + 2 >= s.size() || static_cast<unsigned char>(s[i]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
  if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) return 3;
  if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;
  return 0;
}

// The start of the code point that ends at `end` (valid UTF-8, end > 0).
size_t LastCodePointStart(std::string_view s, size_t end) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

bool IsBidiOverrideOrIsolate(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

bool HasBidiOverrideOrIsolate(std::string_view utf8) {
  for (size_t i = utf8.find('\xE2'); i != std::string_view::npos; i = utf8.find('\xE2', i + 1))
    if (BidiOverrideAt(utf8, i) != 0) return true;
  return false;
}

bool HasVisibleText(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    bool ok = true;
    char32_t cp = DecodeUtf8(utf8, i, ok);
    if (!ok || IsVisible(cp)) return true;
  }
  return false;
}

NormalizedText NormalizeText(std::string_view utf8) {
  NormalizedText out;
  bool ascii = true;
  for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    size_t begin = 0, end = utf8.size();
    while (begin < end && IsAsciiSpace(static_cast<unsigned char>(utf8[begin]))) ++begin;
    while (end > begin && IsAsciiSpace(static_cast<unsigned char>(utf8[end - 1]))) --end;
    out.text.assign(utf8.substr(begin, end - begin));
    for (char c : out.text) out.visible = out.visible || IsVisible(static_cast<unsigned char>(c));
    return out;
  }
  if (!IsValidUtf8(utf8)) {
    out.text.assign(utf8);
    out.valid = false;
    out.visible = HasVisibleText(utf8);
    return out;
  }
  // Overrides and isolates left out (rare: copied only when there is one), then the
  // invisible code points at both ends; what is left, composed.
  std::string kept;
  std::string_view rest = utf8;
  if (HasBidiOverrideOrIsolate(utf8)) {
    kept.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
      if (size_t n = BidiOverrideAt(utf8, i)) {
        i += n;
        continue;
      }
      kept.push_back(utf8[i++]);
    }
    rest = kept;
  }
  size_t begin = 0, end = rest.size();
  while (begin < end) {
    size_t next = begin;
    bool ok = true;
    if (!IsEdgeInvisible(DecodeUtf8(rest, next, ok))) break;
    begin = next;
  }
  while (end > begin) {
    const size_t last = LastCodePointStart(rest, end);
    size_t i = last;
    bool ok = true;
    if (!IsEdgeInvisible(DecodeUtf8(rest, i, ok))) break;
    end = last;
  }
  AssignNfc(rest.substr(begin, end - begin), out.text);
  out.visible = HasVisibleText(out.text);
  return out;
}

std::string UpperCase(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::string(utf8);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.toUpper(icu::Locale("vi"));
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace hoptac::text

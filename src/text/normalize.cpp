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

// NFC of valid UTF-8; the text itself when it already is (or ICU cannot say).
std::string ToNfc(std::string text) {
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return text;
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return text;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : text;
}

}  // namespace

bool IsBidiOverrideOrIsolate(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

bool HasBidiOverrideOrIsolate(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    bool ok = true;
    if (IsBidiOverrideOrIsolate(DecodeUtf8(utf8, i, ok))) return true;
  }
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
  // Overrides and isolates left out; [begin, end) of `kept`: from the first to the last
  // code point that is not stripped at the ends.
  std::string kept;
  kept.reserve(utf8.size());
  size_t begin = std::string::npos, end = 0;
  for (size_t i = 0; i < utf8.size();) {
    size_t start = i;
    bool ok = true;
    char32_t cp = DecodeUtf8(utf8, i, ok);
    if (IsBidiOverrideOrIsolate(cp)) continue;
    bool edge = IsEdgeInvisible(cp);
    if (!edge && begin == std::string::npos) begin = kept.size();
    kept.append(utf8.substr(start, i - start));
    if (!edge) end = kept.size();
  }
  if (begin == std::string::npos) {
    kept.clear();
  } else {
    kept = kept.substr(begin, end - begin);
  }
  out.text = ToNfc(std::move(kept));
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

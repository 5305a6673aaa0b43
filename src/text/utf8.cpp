#include "text/utf8.h"

namespace hoptac::text {

char32_t DecodeUtf8(std::string_view bytes, size_t& i, bool& ok) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  const unsigned char lead = s[i];
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int continuation_count = 0;
  char32_t cp = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation_count = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation_count = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation_count = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    ++i;  // a stray continuation byte or a byte that never starts a sequence
    ok = false;
    return kReplacementCharacter;
  }
  ++i;
  for (int k = 0; k < continuation_count; ++k) {
    if (i >= n || s[i] < low || s[i] > high) {
      ok = false;
      return kReplacementCharacter;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
    ++i;
    low = 0x80;
    high = 0xBF;
  }
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t InvalidUtf8Offset(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t start = i;
    bool ok = true;
    DecodeUtf8(bytes, i, ok);
    if (!ok) return start;
  }
  return std::string_view::npos;
}

std::string ValidUtf8(std::string_view bytes) {
  size_t bad = InvalidUtf8Offset(bytes);
  if (bad == std::string_view::npos) return std::string(bytes);
  std::string out(bytes.substr(0, bad));
  size_t i = bad;
  while (i < bytes.size()) {
    const size_t start = i;
    bool ok = true;
    char32_t cp = DecodeUtf8(bytes, i, ok);
    if (ok) {
      out.append(bytes.substr(start, i - start));
    } else {
      AppendUtf8(out, cp);
    }
  }
  return out;
}

void TruncateUtf8(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  size_t end = max_bytes;
  // Back to the start of the sequence that would be cut (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

}  // namespace hoptac::text

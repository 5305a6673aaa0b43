// libFuzzer harness: attachments::Sniff and Check (an uploaded document: the ZIP central directory
// of DOCX and XLSX is read from the end of untrusted bytes) and NormalizeFileName (the client's
// name), the input used as both the file and its name.
// Invariants: Check accepts exactly the non-empty files up to the limit that Sniff recognises; a
// kept name is valid UTF-8 of at most 200 characters, without folders or control characters,
// ends with its kind's extension and is kept as it is when normalised again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attachments/attachment.h"
#include "fuzz_check.h"

namespace {

using hoptac::attachments::Kind;

// The number of code points of valid UTF-8, or -1.
long CodePoints(std::string_view s) {
  long n = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return -1;
    for (size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    i += length;
    ++n;
  }
  return n;
}

void CheckName(const std::string& name, Kind kind) {
  const long length = CodePoints(name);
  FUZZ_CHECK(length > 0 && static_cast<size_t>(length) <= hoptac::attachments::kMaxNameLength);
  FUZZ_CHECK(name.find_first_of("/\\") == std::string::npos);
  for (unsigned char c : name) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
  std::string lower;
  for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  const std::string ext = std::string(".") + hoptac::attachments::Extension(kind);
  FUZZ_CHECK(lower.ends_with(ext) || (kind == Kind::kJpeg && lower.ends_with(".jpeg")));
  FUZZ_CHECK(hoptac::attachments::NormalizeFileName(name, kind) == name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto kind = hoptac::attachments::Sniff(bytes);
  auto checked = hoptac::attachments::Check(bytes, bytes);
  FUZZ_CHECK(checked.ok() == (kind.has_value() && size <= hoptac::attachments::kMaxBytes));
  if (checked.ok()) {
    FUZZ_CHECK(checked->kind == *kind);
    CheckName(checked->name, checked->kind);
  } else {
    FUZZ_CHECK(checked.error().fields.size() == 1 && checked.error().fields[0].field == "file");
  }
  for (Kind k : {Kind::kPdf, Kind::kDocx, Kind::kXlsx, Kind::kPng, Kind::kJpeg, Kind::kWebp})
    CheckName(hoptac::attachments::NormalizeFileName(bytes, k), k);
  return 0;
}

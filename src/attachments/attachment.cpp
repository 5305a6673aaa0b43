#include "attachments/attachment.h"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

namespace hoptac::attachments {
namespace {

uint64_t Little(std::string_view s, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<size_t>(i)]);
  return v;
}

// The names in a ZIP's central directory (read from its end: the end-of-central-directory record,
// ZIP64 when its fields are saturated). Nullopt when it is not a sound ZIP.
std::optional<std::vector<std::string_view>> ZipNames(std::string_view z) {
  constexpr size_t kEnd = 22;  // the end record without its comment
  if (z.size() < kEnd || z.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return std::nullopt;
  size_t end = std::string_view::npos;
  const size_t lowest = z.size() >= kEnd + 0xFFFF ? z.size() - kEnd - 0xFFFF : 0;
  for (size_t at = z.size() - kEnd + 1; at-- > lowest;) {
    if (z.substr(at, 4) == std::string_view("PK\x05\x06", 4) && at + kEnd + Little(z, at + 20, 2) <= z.size()) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return std::nullopt;
  uint64_t entries = Little(z, end + 10, 2), size = Little(z, end + 12, 4), offset = Little(z, end + 16, 4);
  if (entries == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    if (end < 20 || z.substr(end - 20, 4) != std::string_view("PK\x06\x07", 4)) return std::nullopt;
    const uint64_t record = Little(z, end - 20 + 8, 8);
    if (record > z.size() || z.size() - record < 56 || z.substr(record, 4) != std::string_view("PK\x06\x06", 4))
      return std::nullopt;
    entries = Little(z, record + 32, 8);
    size = Little(z, record + 40, 8);
    offset = Little(z, record + 48, 8);
  }
  if (offset > z.size() || size > z.size() - offset) return std::nullopt;
  std::vector<std::string_view> names;
  size_t at = offset;
  const size_t stop = offset + size;
  for (uint64_t i = 0; i < entries; ++i) {
    if (stop - at < 46 || z.substr(at, 4) != std::string_view("PK\x01\x02", 4)) return std::nullopt;
    const size_t name = Little(z, at + 28, 2), extra = Little(z, at + 30, 2), comment = Little(z, at + 32, 2);
    if (stop - at - 46 < name + extra + comment) return std::nullopt;
    names.push_back(z.substr(at + 46, name));
    at += 46 + name + extra + comment;
  }
  return names;
}

bool Has(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Code points of valid UTF-8; invalid sequences are dropped.
std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int more = 0;
    char32_t cp = 0, min = 0;
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      more = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, cp = c & 0x07, min = 0x10000;
    } else {
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool ok = true;
    for (int k = 0; k < more; ++k, ++j) {
      if (j >= s.size() || (static_cast<unsigned char>(s[j]) & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (static_cast<unsigned char>(s[j]) & 0x3F);
    }
    if (ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) out.push_back(cp);
    i = ok ? j : i + 1;
  }
  return out;
}

std::string Encode(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) {
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
  return out;
}

bool Removed(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF || cp == 0x061C;
}

bool Trimmed(char32_t cp) {
  return cp == ' ' || cp == '.' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

void Trim(std::vector<char32_t>& cps) {
  while (!cps.empty() && Trimmed(cps.back())) cps.pop_back();
  size_t start = 0;
  while (start < cps.size() && Trimmed(cps[start])) ++start;
  cps.erase(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(start));
}

// The length of the kind's extension with its dot when `cps` ends with it (any case), else 0.
size_t ExtensionLength(const std::vector<char32_t>& cps, Kind kind) {
  std::vector<std::string_view> accepted{Extension(kind)};
  if (kind == Kind::kJpeg) accepted.push_back("jpeg");
  for (std::string_view ext : accepted) {
    if (cps.size() <= ext.size() + 1 || cps[cps.size() - ext.size() - 1] != '.') continue;
    bool same = true;
    for (size_t i = 0; i < ext.size(); ++i) {
      char32_t c = cps[cps.size() - ext.size() + i];
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c != static_cast<char32_t>(ext[i])) same = false;
    }
    if (same) return ext.size() + 1;
  }
  return 0;
}

}  // namespace

std::optional<Kind> Sniff(std::string_view b) {
  if (b.starts_with("%PDF-")) return Kind::kPdf;
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return Kind::kPng;
  if (b.starts_with("\xFF\xD8\xFF")) return Kind::kJpeg;
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return Kind::kWebp;
  if (auto names = ZipNames(b); names && Has(*names, "[Content_Types].xml")) {
    if (Has(*names, "word/document.xml")) return Kind::kDocx;
    if (Has(*names, "xl/workbook.xml")) return Kind::kXlsx;
  }
  return std::nullopt;
}

const char* ContentType(Kind kind) {
  switch (kind) {
    case Kind::kPdf: return "application/pdf";
    case Kind::kDocx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case Kind::kXlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case Kind::kPng: return "image/png";
    case Kind::kJpeg: return "image/jpeg";
    case Kind::kWebp: return "image/webp";
  }
  return "application/octet-stream";
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kPdf: return "PDF";
    case Kind::kDocx: return "DOCX";
    case Kind::kXlsx: return "XLSX";
    case Kind::kPng: return "PNG";
    case Kind::kJpeg: return "JPEG";
    case Kind::kWebp: return "WebP";
  }
  return "";
}

const char* Extension(Kind kind) {
  switch (kind) {
    case Kind::kPdf: return "pdf";
    case Kind::kDocx: return "docx";
    case Kind::kXlsx: return "xlsx";
    case Kind::kPng: return "png";
    case Kind::kJpeg: return "jpg";
    case Kind::kWebp: return "webp";
  }
  return "";
}

std::string AcceptedKinds() {
  std::string out;
  for (Kind k : {Kind::kPdf, Kind::kDocx, Kind::kXlsx, Kind::kPng, Kind::kJpeg, Kind::kWebp}) {
    if (!out.empty()) out += ", ";
    out += KindName(k);
  }
  return out;
}

std::string NormalizeFileName(std::string_view name, Kind kind) {
  if (size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::vector<char32_t> cps;
  for (char32_t cp : Decode(name))
    if (!Removed(cp)) cps.push_back(cp);
  Trim(cps);
  size_t ext = ExtensionLength(cps, kind);
  if (ext == 0) {
    if (cps.empty()) {
      for (char c : std::string_view("tai-lieu")) cps.push_back(static_cast<unsigned char>(c));
    }
    cps.push_back('.');
    for (const char* c = Extension(kind); *c; ++c) cps.push_back(static_cast<unsigned char>(*c));
    ext = ExtensionLength(cps, kind);
  }
  if (cps.size() > kMaxNameLength) {
    std::vector<char32_t> tail(cps.end() - static_cast<std::ptrdiff_t>(ext), cps.end());
    cps.resize(kMaxNameLength - ext);
    Trim(cps);
    cps.insert(cps.end(), tail.begin(), tail.end());
  }
  return Encode(cps);
}

Result<Checked> Check(std::string_view name, std::string_view bytes, const std::string& field) {
  if (bytes.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.attachment_empty");
    e.fields.push_back({field, "empty", "field.attachment_empty", {}});
    return e;
  }
  if (bytes.size() > kMaxBytes) {
    const std::string limit = std::to_string(kMaxBytes >> 20) + " MiB";
    Error e =
        Error::Make(ErrorCode::kPayloadTooLarge, "error.attachment_too_large", {std::to_string(bytes.size()), limit});
    e.fields.push_back({field, "too_large", "field.attachment_too_large", {limit}});
    return e;
  }
  std::optional<Kind> kind = Sniff(bytes);
  if (!kind) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.attachment_type", {AcceptedKinds()});
    e.fields.push_back({field, "unsupported_type", "field.attachment_type", {AcceptedKinds()}});
    return e;
  }
  return Checked{*kind, NormalizeFileName(name, *kind)};
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

Result<std::string> FromBase64(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text)
    if (c != '\n' && c != '\r' && c != ' ') clean.push_back(c);
  if (clean.empty()) return std::string();
  std::string out(3 * (clean.size() / 4) + 3, '\0');
  int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (written < 0) return Error::Internal("attachments: the stored content is not base64");
  size_t padding = 0;
  while (padding < 2 && padding < clean.size() && clean[clean.size() - 1 - padding] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

}  // namespace hoptac::attachments
